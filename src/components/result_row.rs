//! One result: label, value (read by tests through `data-testid`) and its
//! "how is this computed" panel.

use callcalc_engine::Trace;
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::i18n::{use_i18n, Msg};

#[component]
pub fn ResultRow(
    label: Msg,
    /// `data-testid` of the value: `result-<name>`.
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into, optional)] trace: Option<Signal<Option<Trace>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="result">
            <div class="result-line">
                <span class="result-label">{move || i18n.t(label)}</span>
                <output class="result-value" data-testid=format!("result-{name}")>{move || value.get()}</output>
            </div>
            {trace.map(|t| view! { <HowComputed trace=t testid=name /> })}
        </div>
    }
}
