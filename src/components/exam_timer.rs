//! The exam clock: display only (the page owns the interval and submits at zero).

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
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Memo::new(move |_| remaining.get().map(clock));
    view! {
        {move || {
            shown.get().map(|t| {
                view! {
                    <p class="exam-timer" role="timer">
                        {move || i18n.t(Msg::ExamTimeLeft)}
                        ": "
                        <strong data-testid="exam-timer">{t}</strong>
                    </p>
                }
            })
        }}
        <Show when=move || over.get()>
            <p class="exam-over" role="status" data-testid="exam-over">{move || i18n.t(Msg::ExamOver)}</p>
        </Show>
    }
}
