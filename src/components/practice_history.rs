//! Results of submitted papers, newest first (kept in localStorage).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::practice::HistoryEntry;

#[component]
pub fn PracticeHistory(#[prop(into)] history: Signal<Vec<HistoryEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="practice-history" data-testid="practice-history">
            <h2>{move || i18n.t(Msg::PracticeHistory)}</h2>
            {move || {
                let entries = history.get();
                if entries.is_empty() {
                    return view! { <p class="hint" data-testid="history-empty">{i18n.t(Msg::HistoryEmpty)}</p> }.into_any();
                }
                let rows = entries
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let mode = if e.minutes > 0 {
                            format!("{} {} {}", i18n.t(Msg::HistoryExam), e.minutes, i18n.t(Msg::MinutesShort))
                        } else {
                            i18n.t(Msg::HistoryPractice).to_string()
                        };
                        view! {
                            <li data-testid=format!("history-{i}")>
                                {format!("{}: {} · {} · {} / {}", i18n.t(Msg::PracticeSeed), e.seed, mode, e.correct, e.total)}
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ol>{rows}</ol> }.into_any()
            }}
        </section>
    }
}
