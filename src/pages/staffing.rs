//! The staffing page: owns the form state, persists it, and derives every
//! result through memos that call the engine.

use leptos::prelude::*;

use crate::components::notice::Notice;
use crate::components::staffing_form::StaffingForm;
use crate::components::staffing_results::StaffingResults;
use crate::i18n::{use_i18n, Msg};
use crate::state::staffing::{compute, StaffingInputs};

#[component]
pub fn StaffingPage() -> impl IntoView {
    let i18n = use_i18n();
    let (saved, discarded) = StaffingInputs::load_saved();
    let inputs = RwSignal::new(saved);
    let notice = RwSignal::new(discarded);
    Effect::new(move |_| inputs.with(StaffingInputs::save));
    let parsed = Memo::new(move |_| inputs.with(StaffingInputs::parse));
    let outcome = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(compute)));
    let sl_target = Signal::derive(move || parsed.with(|p| p.as_ref().ok().and_then(|p| p.targets.sl_target)));
    view! {
        <section class="page staffing-page">
            <h1>{move || i18n.t(Msg::StaffingTitle)}</h1>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-storage" />
            <div class="columns">
                <StaffingForm inputs=inputs parsed=parsed />
                <StaffingResults outcome=outcome sl_target=sl_target />
            </div>
        </section>
    }
}
