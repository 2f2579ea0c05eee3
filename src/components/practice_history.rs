//! Results of submitted papers, newest first (kept in localStorage), each
//! with its paper (seed), mode, score and the date and time it was submitted
//! in the interface language's locale format.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::practice::HistoryEntry;

/// The browser's locale for `lang`: its own preferred one when it is of that
/// language (`ru-UA`, `en-GB` …), else `ru-RU` / `en-GB`.
fn locale(lang: Lang) -> String {
    let code = lang.code();
    let preferred = web_sys::window().and_then(|w| w.navigator().language());
    match preferred {
        Some(l) if l.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(code)) => l,
        _ => match lang {
            Lang::Ru => "ru-RU".into(),
            Lang::En => "en-GB".into(),
        },
    }
}

/// A submission time (ms since the epoch) as a short local date and time:
/// `03.12.2026, 18:46` in Russian.
pub fn submitted_text(lang: Lang, ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"short".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(&locale(lang), &options).into()
}

#[component]
pub fn PracticeHistory(#[prop(into)] history: Signal<Vec<HistoryEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="practice-history" data-testid="practice-history">
            <h2>{move || i18n.t(Msg::PracticeHistory)}</h2>
            {move || {
                let lang = i18n.lang.get();
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
                        let when = match e.submitted_ms {
                            Some(ms) => format!("{} {}", Msg::HistorySubmitted.text(lang), submitted_text(lang, ms)),
                            None => Msg::HistoryUndated.text(lang).to_string(),
                        };
                        view! {
                            <li data-testid=format!("history-{i}")>
                                {format!("{}: {} · {} · {} / {} · ", i18n.t(Msg::PracticeSeed), e.seed, mode, e.correct, e.total)}
                                <time class="when" data-testid=format!("history-{i}-date") data-ms=e.submitted_ms.map(|m| m.to_string())>{when}</time>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ol>{rows}</ol> }.into_any()
            }}
        </section>
    }
}
