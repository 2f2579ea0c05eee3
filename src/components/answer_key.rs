//! The answer key of a paper: shown only when printing, on its own page.

use std::sync::Arc;

use callcalc_engine::Paper;
use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::practice::key_text;

#[component]
pub fn AnswerKey(#[prop(into)] paper: Signal<Option<Arc<Paper>>>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = Memo::new(move |_| {
        let lang = i18n.lang.get();
        paper.with(|p| p.as_ref().map(|p| p.exercises.iter().map(|e| key_text(lang, e)).collect::<Vec<_>>()))
    });
    move || {
        lines.get().map(|lines| {
            let seed = paper.with(|p| p.as_ref().map(|p| p.seed).unwrap_or_default());
            let items = lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| view! { <li data-testid=format!("key-{i}")>{l}</li> })
                .collect_view();
            view! {
                <section class="answer-key" data-testid="answer-key">
                    <h2>{i18n.t(Msg::AnswerKey)} {format!(" · {}: {seed}", i18n.t(Msg::PracticeSeed))}</h2>
                    <ol>{items}</ol>
                </section>
            }
        })
    }
}
