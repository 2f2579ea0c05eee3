//! The KPI dashboard: every KPI of the shared data set by period in the
//! chosen variants, each cell with its trace; the reported-figure check;
//! peaks; charts; exports; a print layout. Derived numbers come from memos
//! over `state::kpi`.

use callcalc_engine::{channel_volumes, Grouping, KpiKey};
use leptos::prelude::*;

use crate::components::channel_volumes::ChannelVolumes;
use crate::components::data_set_badge::DataSetBadge;
use crate::components::kpi_chart::KpiChart;
use crate::components::kpi_customer::KpiCustomer;
use crate::components::kpi_export::KpiExport;
use crate::components::kpi_peaks::KpiPeaks;
use crate::components::kpi_settings::KpiSettings;
use crate::components::kpi_table::KpiTable;
use crate::components::kpi_trace::{KpiTrace, TracedCell};
use crate::components::plan_vs_actual::PlanVsActual;
use crate::components::reason_pareto::ReasonPareto;
use crate::components::reported_check::ReportedCheck;
use crate::i18n::{use_i18n, Msg};
use crate::state::coverage::partial_text;
use crate::state::dataset::{use_dataset, SL_THRESHOLD_S};
use crate::state::kpi::{
    channels, compute, coverage, customer, kpi_data, partial_rows, queues, series, CellRef, KpiForm, PARETO_CUT,
};
use crate::state::kpi_plan::PlanForm;

const CHARTS: [KpiKey; 5] =
    [KpiKey::Offered, KpiKey::ServiceLevel, KpiKey::Asa, KpiKey::Abandonment, KpiKey::Occupancy];

#[component]
pub fn KpiPage() -> impl IntoView {
    let i18n = use_i18n();
    let dataset = use_dataset();
    let form = RwSignal::new(KpiForm::default());
    let parsed = Memo::new(move |_| form.with(KpiForm::parse));
    // Call records are aggregated again only when a valid T changes.
    let threshold = Memo::new(move |_| form.with(|f| f.threshold_s().unwrap_or(SL_THRESHOLD_S)));
    let data = Memo::new(move |_| {
        let t = threshold.get();
        dataset.with(|d| kpi_data(d, t))
    });
    let threshold_info = Memo::new(move |_| data.with(|d| (d.threshold_s, d.threshold_editable)));
    let dash = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(|p| data.with(|d| compute(d, p)))));
    let (saved_plan, plan_discarded) = PlanForm::load_saved();
    let plan_form = RwSignal::new(saved_plan);
    let plan_book = Memo::new(move |_| plan_form.with(|f| f.book().ok()));
    let selected: RwSignal<Option<CellRef>> = RwSignal::new(None);
    let traced = Memo::new(move |_| {
        let (i, key) = selected.get()?;
        dash.with(|d| {
            let d = d.as_ref()?;
            let row = d.row(i)?;
            let label = if i == d.rows.len() { i18n.t(Msg::KpiTotal).to_string() } else { row.label.clone() };
            Some(TracedCell {
                row_label: label,
                first: Grouping::Interval.label(row.first),
                last: Grouping::Interval.label(row.last),
                intervals: row.cells,
                agent_rows: row.agent_rows,
                cell: row.cell(key, &d.settings),
                chosen: d.settings.choice.variant(key),
            })
        })
    });
    let customer_side = Memo::new(move |_| {
        parsed.with(|p| match p {
            Ok(p) => data.with(|d| customer(d, &p.settings, p.queue.as_deref())),
            Err(_) => Default::default(),
        })
    });
    let reason_bars = Signal::derive(move || customer_side.with(|c| c.bars.clone()));
    let volumes = Memo::new(move |_| data.with(|d| channel_volumes(&d.by_channel)));
    let present = Memo::new(move |_| data.with(channels));
    let queue_names = Memo::new(move |_| data.with(queues));
    let no_data = move || data.with(|d| d.cells.is_empty());
    // Week and month rows over a period the data covers only partly.
    let kpi_coverage = Memo::new(move |_| data.with(coverage));
    let partial = Memo::new(move |_| {
        kpi_coverage.with(|c| dash.with(|d| c.as_ref().zip(d.as_ref()).map(|(c, d)| partial_rows(d, c))))
    });
    let partial_note = move || {
        let lang = i18n.lang.get();
        partial.with(|p| {
            let rows = p.as_ref().filter(|p| !p.is_empty())?;
            let items = rows
                .iter()
                .map(|r| {
                    view! {
                        <li data-testid=format!("kpi-partial-{}", r.index)>
                            {format!("{} — {}", r.label, partial_text(lang, r.covered_days, r.period_days))}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="notice" data-testid="kpi-partial">
                    <p>{i18n.t(Msg::CovPartialRows)}</p>
                    <ul>{items}</ul>
                </div>
            })
        })
    };
    let data_error = move || data.with(|d| d.error.clone());
    let charts = CHARTS
        .iter()
        .map(|&k| {
            let s = Signal::derive(move || dash.with(|d| d.as_ref().map(|d| series(d, k))));
            view! { <KpiChart key=k series=s /> }
        })
        .collect_view();
    view! {
        <section class="page kpi-page">
            <h1>{move || i18n.t(Msg::KpiTitle)}</h1>
            <DataSetBadge />
            <p class="note">{move || i18n.t(Msg::KpiIntro)}</p>
            {move || data_error().map(|e| view! { <p class="error" data-testid="kpi-data-error">{e}</p> })}
            <Show when=no_data>
                <p class="notice" data-testid="kpi-no-data">{move || i18n.t(Msg::KpiNoData)}</p>
            </Show>
            <KpiSettings form=form parsed=parsed channels=present queues=queue_names threshold=threshold_info />
            {partial_note}
            <KpiTable dash=dash selected=selected />
            <KpiTrace traced=traced on_close=Callback::new(move |_| selected.set(None)) />
            <ReportedCheck dash=dash />
            <PlanVsActual dash=dash form=plan_form discarded=plan_discarded book=plan_book />
            <KpiCustomer customer=customer_side />
            <ReasonPareto bars=reason_bars cut=PARETO_CUT />
            <KpiPeaks dash=dash />
            <ChannelVolumes volumes=volumes />
            <section class="kpi-charts" data-testid="kpi-charts">
                <h2>{move || i18n.t(Msg::KpiCharts)}</h2>
                {charts}
            </section>
            <KpiExport dash=dash data=data plan=plan_book />
        </section>
    }
}
