//! Reverse calculation: "I have N agents and K lines" → every KPI, the surplus
//! or deficit against the target, and a simulation check of the formula.

use leptos::prelude::*;

use crate::components::capacity_report::CapacityReport;
use crate::components::models_form::ModelsForm;
use crate::components::notice::Notice;
use crate::components::simulation_check::SimulationCheck;
use crate::i18n::{use_i18n, Msg};
use crate::state::models::{capacity, ModelInputs};

#[component]
pub fn CapacityPage() -> impl IntoView {
    let i18n = use_i18n();
    let (saved, discarded) = ModelInputs::load_saved();
    let inputs = RwSignal::new(saved);
    let notice = RwSignal::new(discarded);
    Effect::new(move |_| inputs.with(ModelInputs::save));
    let parsed = Memo::new(move |_| inputs.with(ModelInputs::parse));
    let result = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().and_then(capacity)));
    let formula = Signal::derive(move || result.with(|c| c.as_ref().and_then(|c| c.result.stable().cloned())));
    view! {
        <section class="page capacity-page">
            <h1>{move || i18n.t(Msg::CapacityTitle)}</h1>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-storage" />
            <div class="columns">
                <ModelsForm inputs=inputs parsed=parsed />
                <section class="results">
                    <h2>{move || i18n.t(Msg::ResultsHeading)}</h2>
                    <Show when=move || parsed.with(Result::is_err)>
                        <p class="hint" data-testid="results-invalid">{move || i18n.t(Msg::FixInputs)}</p>
                    </Show>
                    <CapacityReport capacity=result />
                    <SimulationCheck parsed=parsed formula=formula />
                </section>
            </div>
        </section>
    }
}
