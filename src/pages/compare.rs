//! Model comparison: one set of inputs, Erlang B / C / A / X side by side.

use leptos::prelude::*;

use crate::components::model_compare_table::ModelCompareTable;
use crate::components::models_form::ModelsForm;
use crate::components::notice::Notice;
use crate::i18n::{use_i18n, Msg};
use crate::state::models::{compare, ModelInputs};

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let (saved, discarded) = ModelInputs::load_saved();
    let inputs = RwSignal::new(saved);
    let notice = RwSignal::new(discarded);
    Effect::new(move |_| inputs.with(ModelInputs::save));
    let parsed = Memo::new(move |_| inputs.with(ModelInputs::parse));
    let columns = Memo::new(move |_| parsed.with(|p| p.as_ref().map(compare).unwrap_or_default()));
    view! {
        <section class="page compare-page">
            <h1>{move || i18n.t(Msg::CompareTitle)}</h1>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-storage" />
            <div class="columns">
                <ModelsForm inputs=inputs parsed=parsed />
                <section class="results">
                    <h2>{move || i18n.t(Msg::ResultsHeading)}</h2>
                    <Show when=move || parsed.with(Result::is_err)>
                        <p class="hint" data-testid="results-invalid">{move || i18n.t(Msg::FixInputs)}</p>
                    </Show>
                    <ModelCompareTable columns=columns />
                </section>
            </div>
        </section>
    }
}
