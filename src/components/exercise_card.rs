//! One exercise: its text in the current language, an answer input (or radio
//! choices), the Check button, the verdict and the engine's worked solution.

use std::sync::Arc;

use callcalc_engine::{AnswerCheck, Exercise};
use leptos::prelude::*;

use crate::i18n::{trace_variant, use_i18n, Msg};
use crate::state::practice::{calculator_form, choice_answer, chosen_option, option_label, text, verdict, Verdict};
use crate::state::staffing::StaffingInputs;

#[component]
pub fn ExerciseCard(
    index: usize,
    exercise: Arc<Exercise>,
    #[prop(into)] answer: Signal<String>,
    on_answer: Callback<String>,
    /// The verdict, once the answer was checked.
    #[prop(into)]
    check: Signal<Option<AnswerCheck>>,
    on_check: Callback<()>,
    /// The worked solution is shown (checked, or submitted even if unanswered).
    #[prop(into)]
    revealed: Signal<bool>,
    /// Whether the Check button is offered (not during an exam).
    #[prop(into)]
    can_check: Signal<bool>,
    /// An exam is running: the calculator opens in a new tab beside it.
    #[prop(into)]
    in_exam: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ex = exercise.clone();
    let shown_verdict = Memo::new(move |_| {
        let lang = i18n.lang.get();
        check.with(|c| c.as_ref().map(|c| verdict(lang, &ex, c)))
    });
    let ex = exercise.clone();
    let prompt = Memo::new(move |_| text(i18n.lang.get(), &ex.prompt));
    let ex = exercise.clone();
    let topic = Memo::new(move |_| text(i18n.lang.get(), &ex.topic.title()));
    let ex = exercise.clone();
    let chosen = Memo::new(move |_| answer.with(|a| chosen_option(&ex, a)));

    let input = if exercise.options.is_empty() {
        view! {
            <label class="answer">
                {move || i18n.t(Msg::PracticeAnswer)}
                <input
                    type="text"
                    autocomplete="off"
                    data-testid=format!("exercise-{index}-answer")
                    prop:value=move || answer.get()
                    on:input=move |ev| on_answer.run(event_target_value(&ev))
                />
            </label>
        }
        .into_any()
    } else {
        let ex = exercise.clone();
        let options = (0..exercise.options.len())
            .map(|j| {
                let ex = ex.clone();
                let label = Memo::new(move |_| {
                    let lang = i18n.lang.get();
                    format!("{}) {}", option_label(lang, j), text(lang, &ex.options[j]))
                });
                view! {
                    <li>
                        <label>
                            <input
                                type="radio"
                                name=format!("exercise-{index}-choice")
                                data-testid=format!("exercise-{index}-option-{j}")
                                prop:checked=move || chosen.get() == Some(j)
                                on:change=move |_| on_answer.run(choice_answer(j))
                            />
                            <span data-testid=format!("exercise-{index}-option-{j}-text")>{move || label.get()}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="choices" data-testid=format!("exercise-{index}-answer")>{options}</ol> }.into_any()
    };

    view! {
        <article class="exercise" data-testid=format!("exercise-{index}")>
            <h3>
                {move || i18n.t(Msg::PracticeExercise)}
                {format!(" {} · ", index + 1)}
                <span class="topic-name">{move || topic.get()}</span>
            </h3>
            <p class="prompt" data-testid=format!("exercise-{index}-text")>{move || prompt.get()}</p>
            {input}
            {(calculator_form(&exercise, &StaffingInputs::default()).is_some()).then(|| {
                let ex = exercise.clone();
                // A link: the exercise's numbers are saved as the staffing
                // form, then the link opens the calculator — in this tab
                // while practising, in a new tab during an exam, which goes
                // on here (and is kept in storage in any case).
                view! {
                    <a
                        class="open-btn"
                        href="#staffing"
                        target=move || in_exam.get().then_some("_blank")
                        rel="noopener"
                        title=move || in_exam.get().then(|| i18n.t(Msg::ExamCalculatorTab))
                        data-testid=format!("exercise-{index}-open")
                        on:click=move |_| {
                            let (base, _) = StaffingInputs::load_saved();
                            if let Some(f) = calculator_form(&ex, &base) {
                                f.save();
                            }
                        }
                    >
                        {move || i18n.t(Msg::PracticeOpenCalculator)}
                    </a>
                }
            })}
            <Show when=move || can_check.get()>
                <button type="button" class="check-btn" data-testid=format!("exercise-{index}-check") on:click=move |_| on_check.run(())>
                    {move || i18n.t(Msg::PracticeCheck)}
                </button>
            </Show>
            {move || {
                shown_verdict.get().map(|v| {
                    let (class, head, detail) = match v {
                        Verdict::Correct => ("verdict correct", Msg::VerdictCorrect, String::new()),
                        Verdict::Wrong { expected } => ("verdict wrong", Msg::VerdictWrong, expected),
                        Verdict::Unreadable { reason } => ("verdict unreadable", Msg::VerdictUnreadable, reason),
                    };
                    view! {
                        <p class=class role="status" data-testid=format!("exercise-{index}-verdict")>
                            <strong>{i18n.t(head)}</strong>
                            {(!detail.is_empty()).then(|| format!(" {detail}"))}
                        </p>
                    }
                })
            }}
            {move || {
                revealed.get().then(|| {
                    view! {
                        <details class="solution" open data-testid=format!("exercise-{index}-solution")>
                            <summary>{move || i18n.t(Msg::PracticeSolution)}</summary>
                            <ol class="steps">{steps(index, &exercise)}</ol>
                        </details>
                    }
                })
            }}
        </article>
    }
}

/// The engine's worked solution: one entry per [`callcalc_engine::Step`].
fn steps(index: usize, exercise: &Exercise) -> impl IntoView {
    let i18n = use_i18n();
    exercise
        .solution
        .iter()
        .enumerate()
        .map(|(j, step)| {
            let title = step.title.clone();
            let (formula, substituted, source, id, variant) =
                (step.trace.formula, step.substituted.clone(), step.trace.source, step.trace.id, step.trace.variant);
            view! {
                <li data-testid=format!("exercise-{index}-step-{j}")>
                    <strong>{move || text(i18n.lang.get(), &title)}</strong>
                    <dl>
                        <dt>{move || i18n.t(Msg::Formula)}</dt>
                        <dd><code>{formula}</code></dd>
                        <dt>{move || i18n.t(Msg::Variant)}</dt>
                        <dd>{move || trace_variant(i18n.lang.get(), id, variant)}</dd>
                        <dt>{move || i18n.t(Msg::InputsSubstituted)}</dt>
                        <dd><code>{substituted}</code></dd>
                        <dt>{move || i18n.t(Msg::Source)}</dt>
                        <dd class="source">{source}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view()
}
