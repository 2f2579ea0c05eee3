//! The operators page: per-operator KPIs from the data set's call records
//! and agent report (or a synthetic centre with planted gamers), the
//! suspicious patterns with their evidence, the detector thresholds, and the
//! quality-monitoring plan.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::data_set_badge::DataSetBadge;
use crate::components::detector_settings::DetectorSettingsForm;
use crate::components::operator_detail::OperatorDetail;
use crate::components::operator_flags::OperatorFlags;
use crate::components::operator_table::OperatorTable;
use crate::components::qa_sample_plan::QaSamplePlan;
use crate::components::qa_scoring::QaScoring;
use crate::i18n::{use_i18n, Msg};
use crate::state::dataset::use_dataset;
use crate::state::operators::{
    analyse, data_from_dataset, data_planted, table_rows, DataSource, DetectorForm, SharedData,
};

#[component]
pub fn OperatorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let dataset = use_dataset();
    let source = RwSignal::new(DataSource::DataSet);
    let loaded = Memo::new(move |_| match source.get() {
        DataSource::DataSet => dataset.with(data_from_dataset).map(|d| SharedData(Arc::new(d))),
        DataSource::Planted => Ok(SharedData(Arc::new(data_planted()))),
    });
    let data = Memo::new(move |_| loaded.get().unwrap_or_default());
    let form = RwSignal::new(DetectorForm::default());
    let selected = RwSignal::new(None::<String>);
    let settings = Memo::new(move |_| form.with(DetectorForm::parse));
    let report = Memo::new(move |_| {
        let s = settings.get().ok()?;
        Some(data.with(|d| analyse(&d.0, &s)))
    });
    let rows = Signal::derive(move || {
        report.with(|r| r.as_ref().map(|r| data.with(|d| table_rows(&d.0, r))).unwrap_or_default())
    });
    let radio = move |value: DataSource, label: Msg, testid: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="operators-source"
                    data-testid=testid
                    prop:checked=move || source.get() == value
                    on:change=move |_| source.set(value)
                />
                {move || i18n.t(label)}
            </label>
        }
    };
    let notes = move || {
        let lang = i18n.lang.get();
        let d = data.get();
        let n = &d.0.notes;
        if let Err(e) = loaded.get() {
            return view! { <p class="error" data-testid="operators-error">{e}</p> }.into_any();
        }
        if n.missing_cdr {
            return view! { <p class="notice" data-testid="operators-no-cdr">{Msg::OperatorsNoCdr.text(lang)}</p> }
                .into_any();
        }
        if source.get() == DataSource::Planted {
            return ().into_any();
        }
        let item = |m: Msg, v: u64, id: &'static str| view! { <li>{m.text(lang)} ": " <strong data-testid=id>{v}</strong></li> };
        let problems = n
            .problems
            .iter()
            .enumerate()
            .map(|(i, p)| view! { <li data-testid=format!("operators-problem-{i}")>{format!("{}: {}", p.row, p.reason)}</li> })
            .collect_view();
        view! {
            <div class="operators-notes">
                <p class="muted" data-testid="operators-demo-note">{Msg::OperatorsDemoNoGamers.text(lang)}</p>
                <p class="muted" data-testid="operators-repeat-note">{Msg::OperatorsRepeatNote.text(lang)}</p>
                <ul class="counts">
                    {item(Msg::OperatorsCdrRows, n.cdr_rows, "operators-cdr-rows")}
                    {item(Msg::OperatorsKept, d.0.records.len() as u64, "operators-kept")}
                    {item(Msg::OperatorsNotHandled, n.not_handled, "operators-not-handled")}
                    {item(Msg::OperatorsNoOperator, n.no_operator, "operators-no-operator")}
                    {item(Msg::OperatorsUnreadable, n.unreadable, "operators-unreadable")}
                    {item(Msg::OperatorsTotalsSkipped, n.totals_skipped, "operators-totals")}
                    {item(Msg::OperatorsAgentUnusable, n.agent_unusable, "operators-agent-unusable")}
                </ul>
                {n.peak.map(|p| view! {
                    <p class="muted" data-testid="operators-peak">
                        {Msg::OperatorsPeakDef.text(lang)} " " {p.threshold} " (" {p.peak_intervals} " / " {p.intervals} ")"
                    </p>
                })}
                <ul class="problems">{problems}</ul>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="page operators-page">
            <h1>{move || i18n.t(Msg::OperatorsTitle)}</h1>
            <DataSetBadge />
            <fieldset class="operators-source">
                <legend>{move || i18n.t(Msg::OperatorsSource)}</legend>
                {radio(DataSource::DataSet, Msg::OperatorsSourceDataSet, "operators-source-dataset")}
                {radio(DataSource::Planted, Msg::OperatorsSourcePlanted, "operators-source-planted")}
            </fieldset>
            {notes}
            <DetectorSettingsForm form=form parsed=settings />
            <OperatorTable rows=rows selected=selected />
            <OperatorDetail data=data report=report settings=settings selected=selected />
            <OperatorFlags data=data report=report settings=settings form=form />
            <QaSamplePlan data=data settings=settings />
            <QaScoring data=data />
        </section>
    }
}
