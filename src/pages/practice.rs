//! Practice for the director assessment: a seeded paper of exercises, checked
//! one by one or submitted at once in a timed exam, scored by topic, with a
//! printable sheet and answer key and a results history.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::components::answer_key::AnswerKey;
use crate::components::exam_timer::ExamTimer;
use crate::components::exercise_card::ExerciseCard;
use crate::components::notice::Notice;
use crate::components::practice_history::PracticeHistory;
use crate::components::practice_score::PracticeScore;
use crate::components::practice_settings::PracticeSettings;
use crate::i18n::{use_i18n, Msg};
use crate::state::practice::{
    exam_seed, generate, load_history, next_seed, remaining_seconds, save_history, score, with_entry, ExamState,
    HistoryEntry, PaperSpec, PracticeForm,
};

/// Milliseconds since the epoch (the browser's clock).
fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Outside entropy for an exam's seed: `Math.random()` mixed with the clock.
fn entropy() -> u64 {
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    random ^ now_ms().rotate_left(21)
}

#[component]
pub fn PracticePage() -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(PracticeForm::default());
    let parsed = Memo::new(move |_| form.with(PracticeForm::parse));
    // The paper being answered: its spec, and whether it is a timed exam.
    let active = RwSignal::new(None::<(PaperSpec, bool)>);
    let paper = Memo::new(move |_| active.with(|a| a.as_ref().and_then(|(s, _)| generate(s).ok()).map(Arc::new)));
    let answers = RwSignal::new(Vec::<String>::new());
    let checked = RwSignal::new(Vec::<bool>::new());
    let scored =
        Memo::new(move |_| paper.with(|p| p.as_ref().map(|p| answers.with(|a| checked.with(|c| score(p, a, c))))));
    let (saved_history, discarded) = load_history();
    let history = RwSignal::new(saved_history);
    let notice = RwSignal::new(discarded);

    let exam_running = RwSignal::new(false);
    let exam_over = RwSignal::new(false);
    let time_up = RwSignal::new(false);
    // "The exam continues" after a reload, until it is over.
    let restored = RwSignal::new(false);
    let remaining = RwSignal::new(None::<u32>);
    // The running exam's start and deadline (ms since the epoch): the time
    // left is always deadline − now, so a frozen tab loses no time.
    let exam_times = StoredValue::new(None::<(u64, u64)>);
    let interval = StoredValue::new(None::<IntervalHandle>);
    let stop_clock = move || {
        if let Some(h) = interval.get_value() {
            h.clear();
        }
        interval.set_value(None);
    };
    on_cleanup(stop_clock);

    // The exam in progress as stored (answers and deadline survive a reload).
    let save_exam = move || {
        if !exam_running.get_untracked() {
            return;
        }
        let (Some((started_ms, deadline_ms)), Some((spec, true))) = (exam_times.get_value(), active.get_untracked())
        else {
            return;
        };
        ExamState { spec, answers: answers.get_untracked(), started_ms, deadline_ms }.save();
    };

    let submit_all = Callback::new(move |_: ()| {
        let n = paper.with_untracked(|p| p.as_ref().map(|p| p.exercises.len()).unwrap_or(0));
        checked.set(vec![true; n]);
        let exam = exam_running.get_untracked();
        let mut submitted_ms = now_ms();
        if exam {
            stop_clock();
            // Submitted at the deadline at the latest (e.g. the page was closed when time ran out).
            if let Some((_, deadline)) = exam_times.get_value() {
                submitted_ms = submitted_ms.min(deadline);
            }
            exam_times.set_value(None);
            ExamState::clear();
            exam_running.set(false);
            remaining.set(None);
            exam_over.set(true);
            restored.set(false);
        }
        let entry = active.with_untracked(|a| {
            a.as_ref().and_then(|(spec, _)| {
                scored.get_untracked().map(|s| HistoryEntry::from_score(spec, &s, exam, submitted_ms))
            })
        });
        if let Some(entry) = entry {
            let updated = with_entry(&history.get_untracked(), entry);
            save_history(&updated);
            history.set(updated);
        }
    });

    let tick = move || {
        let Some((_, deadline)) = exam_times.get_value() else { return };
        let left = remaining_seconds(deadline, now_ms());
        remaining.set(Some(left));
        if left == 0 && exam_running.get_untracked() {
            time_up.set(true);
            submit_all.run(());
        }
    };

    let start = move |spec: PaperSpec, exam: Option<ExamState>| {
        stop_clock();
        let n = spec.count;
        let given = exam.as_ref().map(|e| e.answers.clone()).unwrap_or_default();
        answers.set((0..n).map(|i| given.get(i).cloned().unwrap_or_default()).collect());
        checked.set(vec![false; n]);
        exam_over.set(false);
        time_up.set(false);
        exam_running.set(exam.is_some());
        exam_times.set_value(exam.as_ref().map(|e| (e.started_ms, e.deadline_ms)));
        remaining.set(None);
        active.set(Some((spec, exam.is_some())));
        if exam.is_some() {
            save_exam();
            tick();
            if exam_running.get_untracked() {
                interval.set_value(set_interval_with_handle(tick, Duration::from_millis(500)).ok());
            }
        }
    };

    // An exam left running (reload, closed tab, another page) continues.
    let (stored_exam, exam_discarded) = ExamState::load();
    let exam_notice = RwSignal::new(exam_discarded);
    restored.set(stored_exam.is_some());
    if let Some(e) = stored_exam {
        start(e.spec.clone(), Some(e));
    }

    let on_generate = Callback::new(move |_: ()| {
        if let Ok(spec) = parsed.get_untracked() {
            start(spec, None);
        }
    });
    let on_new_paper = Callback::new(move |_: ()| {
        if let Ok(spec) = parsed.get_untracked() {
            let seed = next_seed(spec.seed, js_sys::Date::now() as u64);
            form.update(|f| f.seed = seed.to_string());
            start(PaperSpec { seed, ..spec }, None);
        }
    });
    let on_start_exam = Callback::new(move |_: ()| {
        if let Ok(spec) = parsed.get_untracked() {
            // Never a paper already seen here: not the one in the settings,
            // not the one just practised, none in the history.
            let mut seen: Vec<u64> = history.with_untracked(|h| h.iter().map(|e| e.seed).collect());
            seen.push(spec.seed);
            seen.extend(active.with_untracked(|a| a.as_ref().map(|(s, _)| s.seed)));
            let spec = PaperSpec { seed: exam_seed(&seen, entropy()), ..spec };
            restored.set(false);
            start(spec.clone(), Some(ExamState::start(spec, now_ms())));
        }
    });
    let print = move |_| {
        if exam_running.get_untracked() {
            return;
        }
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    // No key while the exam runs: not on screen, not in print.
    let key_paper = Signal::derive(move || if exam_running.get() { None } else { paper.get() });
    let exam_seed_shown =
        Signal::derive(move || exam_running.get().then(|| active.with(|a| a.as_ref().map(|(s, _)| s.seed))).flatten());

    let cards = move || {
        paper.get().map(|p| {
            p.exercises
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    view! {
                        <ExerciseCard
                            index=i
                            exercise=Arc::new(e.clone())
                            answer=Signal::derive(move || answers.with(|a| a.get(i).cloned().unwrap_or_default()))
                            on_answer=Callback::new(move |v: String| {
                                answers.update(|a| if let Some(x) = a.get_mut(i) { *x = v });
                                if exam_running.get_untracked() {
                                    save_exam();
                                } else {
                                    checked.update(|c| if let Some(x) = c.get_mut(i) { *x = false });
                                }
                            })
                            check=Signal::derive(move || {
                                scored.with(|s| s.as_ref().and_then(|s| s.checks.get(i).cloned().flatten()))
                            })
                            on_check=Callback::new(move |_: ()| checked.update(|c| if let Some(x) = c.get_mut(i) { *x = true }))
                            revealed=Signal::derive(move || checked.with(|c| c.get(i).copied().unwrap_or(false)))
                            can_check=Signal::derive(move || !exam_running.get())
                            in_exam=exam_running
                        />
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="page practice-page">
            <h1>{move || i18n.t(Msg::PracticeTitle)}</h1>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-practice-history" />
            <Notice message=Msg::NoticeCorrupt visible=exam_notice testid="notice-practice-exam" />
            <Notice message=Msg::ExamRestored visible=restored testid="notice-exam-restored" />
            <PracticeSettings
                form=form
                parsed=parsed
                on_generate=on_generate
                on_new_paper=on_new_paper
                on_start_exam=on_start_exam
                exam_running=exam_running
            />
            <ExamTimer remaining=remaining over=exam_over time_up=time_up seed=exam_seed_shown />
            <Show
                when=move || paper.with(Option::is_some)
                fallback=move || view! { <p class="hint" data-testid="practice-no-paper">{move || i18n.t(Msg::PracticeNoPaper)}</p> }
            >
                <div class="paper-actions">
                    <button type="button" data-testid="practice-submit-all" on:click=move |_| submit_all.run(())>
                        {move || i18n.t(Msg::PracticeSubmitAll)}
                    </button>
                    <button type="button" data-testid="practice-print" disabled=move || exam_running.get() on:click=print>
                        {move || i18n.t(Msg::PracticePrint)}
                    </button>
                    <Show when=move || exam_running.get()>
                        <span class="hint" data-testid="practice-print-after">{move || i18n.t(Msg::ExamPrintAfter)}</span>
                    </Show>
                </div>
            </Show>
            <div class="paper" data-testid="practice-paper">{cards}</div>
            <PracticeScore score=scored />
            <AnswerKey paper=key_paper />
            <PracticeHistory history=history />
        </section>
    }
}
