//! The exam clock: display only (the page owns the deadline and submits at
//! zero). It stays in view while the paper scrolls (`position: sticky`) and
//! names the exam's own paper (its seed, recorded with the result).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::practice::clock;

#[component]
pub fn ExamTimer(
    /// Seconds left while an exam runs.
    #[prop(into)]
    remaining: Signal<Option<u32>>,
    /// The exam ended (time up or submitted).
    #[prop(into)]
    over: Signal<bool>,
    /// The exam ended because its time ran out.
    #[prop(into)]
    time_up: Signal<bool>,
    /// The running exam's paper (seed).
    #[prop(into)]
    seed: Signal<Option<u64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Memo::new(move |_| remaining.get().map(clock));
    view! {
        {move || {
            shown.get().map(|t| {
                view! {
                    <div class="exam-timer" data-testid="exam-timer-bar">
                        <p role="timer">
                            {move || i18n.t(Msg::ExamTimeLeft)}
                            ": "
                            <strong data-testid="exam-timer">{t}</strong>
                            {move || seed.get().map(|s| view! {
                                " · "
                                {i18n.t(Msg::ExamPaperSeed)}
                                " "
                                <span data-testid="exam-seed">{s}</span>
                            })}
                        </p>
                        <p class="hint">{move || i18n.t(Msg::ExamFreshPaper)}</p>
                    </div>
                }
            })
        }}
        <Show when=move || over.get()>
            <p class="exam-over" role="status" data-testid="exam-over">
                {move || i18n.t(if time_up.get() { Msg::ExamTimeUp } else { Msg::ExamOver })}
            </p>
        </Show>
    }
}
