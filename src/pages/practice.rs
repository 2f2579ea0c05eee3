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
    generate, load_history, next_seed, save_history, score, with_entry, HistoryEntry, PaperSpec, PracticeForm,
};

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
    let remaining = RwSignal::new(None::<u32>);
    let interval = StoredValue::new(None::<IntervalHandle>);
    let stop_clock = move || {
        if let Some(h) = interval.get_value() {
            h.clear();
        }
        interval.set_value(None);
    };
    on_cleanup(stop_clock);

    let submit_all = Callback::new(move |_: ()| {
        let n = paper.with_untracked(|p| p.as_ref().map(|p| p.exercises.len()).unwrap_or(0));
        checked.set(vec![true; n]);
        let exam = exam_running.get_untracked();
        if exam {
            stop_clock();
            exam_running.set(false);
            remaining.set(None);
            exam_over.set(true);
        }
        let entry = active.with_untracked(|a| {
            a.as_ref().and_then(|(spec, _)| scored.get_untracked().map(|s| HistoryEntry::from_score(spec, &s, exam)))
        });
        if let Some(entry) = entry {
            let updated = with_entry(&history.get_untracked(), entry);
            save_history(&updated);
            history.set(updated);
        }
    });

    let start = move |spec: PaperSpec, exam: bool| {
        stop_clock();
        let n = spec.count;
        let seconds = spec.minutes.saturating_mul(60);
        answers.set(vec![String::new(); n]);
        checked.set(vec![false; n]);
        exam_over.set(false);
        exam_running.set(exam);
        remaining.set(exam.then_some(seconds));
        active.set(Some((spec, exam)));
        if exam {
            let tick = move || {
                let left = remaining.get_untracked().unwrap_or(0).saturating_sub(1);
                remaining.set(Some(left));
                if left == 0 {
                    submit_all.run(());
                }
            };
            interval.set_value(set_interval_with_handle(tick, Duration::from_secs(1)).ok());
        }
    };
    let on_generate = Callback::new(move |_: ()| {
        if let Some(spec) = parsed.get_untracked().ok() {
            start(spec, false);
        }
    });
    let on_new_paper = Callback::new(move |_: ()| {
        if let Some(spec) = parsed.get_untracked().ok() {
            let seed = next_seed(spec.seed, js_sys::Date::now() as u64);
            form.update(|f| f.seed = seed.to_string());
            start(PaperSpec { seed, ..spec }, false);
        }
    });
    let on_start_exam = Callback::new(move |_: ()| {
        if let Some(spec) = parsed.get_untracked().ok() {
            start(spec, true);
        }
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

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
                                if !exam_running.get_untracked() {
                                    checked.update(|c| if let Some(x) = c.get_mut(i) { *x = false });
                                }
                            })
                            check=Signal::derive(move || {
                                scored.with(|s| s.as_ref().and_then(|s| s.checks.get(i).cloned().flatten()))
                            })
                            on_check=Callback::new(move |_: ()| checked.update(|c| if let Some(x) = c.get_mut(i) { *x = true }))
                            revealed=Signal::derive(move || checked.with(|c| c.get(i).copied().unwrap_or(false)))
                            can_check=Signal::derive(move || !exam_running.get())
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
            <PracticeSettings
                form=form
                parsed=parsed
                on_generate=on_generate
                on_new_paper=on_new_paper
                on_start_exam=on_start_exam
                exam_running=exam_running
            />
            <ExamTimer remaining=remaining over=exam_over />
            <Show
                when=move || paper.with(Option::is_some)
                fallback=move || view! { <p class="hint" data-testid="practice-no-paper">{move || i18n.t(Msg::PracticeNoPaper)}</p> }
            >
                <div class="paper-actions">
                    <button type="button" data-testid="practice-submit-all" on:click=move |_| submit_all.run(())>
                        {move || i18n.t(Msg::PracticeSubmitAll)}
                    </button>
                    <button type="button" data-testid="practice-print" on:click=print>
                        {move || i18n.t(Msg::PracticePrint)}
                    </button>
                </div>
            </Show>
            <div class="paper" data-testid="practice-paper">{cards}</div>
            <PracticeScore score=scored />
            <AnswerKey paper=paper />
            <PracticeHistory history=history />
        </section>
    }
}
