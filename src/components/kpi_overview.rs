//! The KPI page's headline cards: a period selector and, for the period,
//! service level, ASA, abandonment, AHT, occupancy and cost per contact —
//! each with its value, the change against the previous period, the status
//! against the plan (a word and a symbol, not colour alone), a sparkline
//! (inline SVG styled by classes: the CSP forbids inline styles) and the
//! same trace as the table. The numbers come from `state::kpi_overview`.

use callcalc_engine::{Grouping, KpiKey, KpiUnit};
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, missing_msg, show};
use crate::components::kpi_trace::{KpiTrace, TracedCell};
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::kpi_overview::{spark_lines, Card, Overview, OverviewPeriod, PlanStatus};

const SPARK_W: f64 = 120.0;
const SPARK_H: f64 = 28.0;

fn period_msg(p: OverviewPeriod) -> Msg {
    match p {
        OverviewPeriod::LatestMonth => Msg::KpiPeriodLatestMonth,
        OverviewPeriod::LatestWeek => Msg::KpiPeriodLatestWeek,
        OverviewPeriod::LatestDay => Msg::KpiPeriodLatestDay,
        OverviewPeriod::Whole => Msg::KpiPeriodWhole,
    }
}

fn status_msg(s: PlanStatus) -> Msg {
    match s {
        PlanStatus::Met => Msg::KpiPlanStatusMet,
        PlanStatus::Near => Msg::KpiPlanStatusNear,
        PlanStatus::Missed => Msg::KpiPlanStatusMissed,
    }
}

/// A change as shown: arrow and signed difference; shares in percentage
/// points, seconds with one decimal, money and rates with two.
pub fn delta_text(lang: Lang, key: KpiKey, d: f64) -> String {
    let (x, decimals, unit) = match key.unit() {
        KpiUnit::Share => (d * 100.0, 1, Some(Msg::KpiOverviewPp)),
        KpiUnit::Seconds => (d, 1, Some(Msg::KpiOverviewSeconds)),
        KpiUnit::Count => (d, 0, None),
        KpiUnit::PerHour | KpiUnit::Money => (d, 2, None),
    };
    let n = format::number(lang, x, decimals);
    let zero = !n.chars().any(|c| c.is_ascii_digit() && c != '0');
    let (arrow, sign) = if zero {
        ("=", "")
    } else if d > 0.0 {
        ("▲", "+")
    } else {
        ("▼", "")
    };
    let unit = unit.map(|m| format!("\u{a0}{}", m.text(lang))).unwrap_or_default();
    format!("{arrow} {sign}{n}{unit}")
}

fn card_view(card: Card, selected: RwSignal<Option<KpiKey>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let key = card.key;
    let id = |part: &str| format!("kpi-card-{}{part}", key.name());
    let value = show(lang, key, card.value());
    let missing = card.value().is_none().then(|| {
        let why = card.cell.missing.map_or(Msg::KpiMissingOther, missing_msg);
        view! { <p class="kpi-card-missing" data-testid=id("-missing")>{i18n.t(Msg::KpiOverviewWhy)} ": " {i18n.t(why)}</p> }
    });
    let delta = match card.delta {
        Some(d) => view! {
            <p class="kpi-card-delta" data-testid=id("-delta") data-delta=d.to_string()>
                {delta_text(lang, key, d)} " " <small>{i18n.t(Msg::KpiOverviewVsPrevious)}</small>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="kpi-card-delta none" data-testid=id("-delta")>
                "— " <small>{i18n.t(Msg::KpiOverviewNoPrevious)}</small>
            </p>
        }
        .into_any(),
    };
    let plan = card.plan.map(|p| {
        view! {
            <p class=format!("kpi-card-plan {}", p.status.name()) data-testid=id("-plan") data-status=p.status.name()>
                {i18n.t(status_msg(p.status))} " · " {i18n.t(Msg::KpiOverviewPlan)} " " {show(lang, key, Some(p.target))}
            </p>
        }
    });
    let status_class = card.plan.map_or("", |p| p.status.name());
    let lines = spark_lines(&card.spark, SPARK_W, SPARK_H)
        .into_iter()
        .map(|points| view! { <polyline class="kpi-spark-line" points=points /> })
        .collect_view();
    let spark_points = card.spark.iter().filter(|v| v.is_some()).count();
    // Durations carry their unit beside the number (the table has it in its header).
    let unit = (card.value().is_some() && matches!(key.unit(), KpiUnit::Seconds))
        .then(|| view! { <span class="kpi-card-unit">" " {i18n.t(Msg::KpiOverviewSeconds)}</span> });
    view! {
        <article class=format!("kpi-card {status_class}") data-testid=id("")>
            <h3>{i18n.t(column_msg(key))}</h3>
            <p class="kpi-card-value">
                <button
                    type="button"
                    class="kpi-card-value-button"
                    data-testid=id("-value")
                    data-value=card.value().map(|v| v.to_string()).unwrap_or_default()
                    title=i18n.t(Msg::KpiOverviewHow)
                    on:click=move |_| selected.set(Some(key))
                >
                    {value}
                </button>
                {unit}
            </p>
            {missing}
            {delta}
            {plan}
            <svg
                class="kpi-spark"
                data-testid=id("-spark")
                data-points=spark_points
                viewBox=format!("-2 -2 {} {}", SPARK_W + 4.0, SPARK_H + 4.0)
                width=SPARK_W
                height=SPARK_H
                role="img"
                aria-label=i18n.t(Msg::KpiOverviewSpark)
            >
                {lines}
            </svg>
        </article>
    }
}

#[component]
pub fn KpiOverview(
    /// The cards for the chosen period (`None`: no intervals, or the settings are invalid).
    #[prop(into)]
    overview: Signal<Option<Overview>>,
    period: RwSignal<OverviewPeriod>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selected: RwSignal<Option<KpiKey>> = RwSignal::new(None);
    let traced = Memo::new(move |_| {
        let key = selected.get()?;
        overview.with(|o| {
            let o = o.as_ref()?;
            let card = o.cards.iter().find(|c| c.key == key)?;
            Some(TracedCell {
                row_label: o.row.label.clone().unwrap_or_else(|| i18n.t(Msg::KpiPeriodWhole).to_string()),
                first: Grouping::Interval.label(o.row.first),
                last: Grouping::Interval.label(o.row.last),
                intervals: o.row.intervals,
                agent_rows: o.row.agent_rows,
                cell: card.cell.clone(),
                chosen: card.chosen,
            })
        })
    });
    let options = OverviewPeriod::ALL
        .iter()
        .map(|&p| {
            view! {
                <option value=p.name() selected=move || period.get() == p>
                    {move || i18n.t(period_msg(p))}
                </option>
            }
        })
        .collect_view();
    let heading = move || {
        let lang = i18n.lang.get();
        overview.with(|o| {
            o.as_ref().map(|o| {
                let label = o.row.label.clone().unwrap_or_else(|| Msg::KpiPeriodWhole.text(lang).to_string());
                let prev =
                    o.row.previous_label.clone().map(|p| format!(" ({} {p})", Msg::KpiOverviewVsPrevious.text(lang)));
                format!(
                    "{label}: {} {}{}",
                    o.row.intervals,
                    Msg::KpiTraceIntervals.text(lang),
                    prev.unwrap_or_default()
                )
            })
        })
    };
    let cards = move || {
        i18n.lang.track();
        overview.with(|o| o.as_ref().map(|o| o.cards.iter().cloned().map(|c| card_view(c, selected)).collect_view()))
    };
    view! {
        <section class="kpi-overview" data-testid="kpi-overview">
            <h2>{move || i18n.t(Msg::KpiOverviewTitle)}</h2>
            <div class="field kpi-overview-period">
                <label for="field-kpi-overview-period">{move || i18n.t(Msg::KpiOverviewPeriod)}</label>
                <select
                    id="field-kpi-overview-period"
                    data-testid="kpi-overview-period"
                    on:change=move |ev| {
                        if let Some(p) = OverviewPeriod::from_name(&event_target_value(&ev)) {
                            period.set(p);
                        }
                    }
                >
                    {options}
                </select>
                <span class="kpi-overview-span" data-testid="kpi-overview-label">{heading}</span>
            </div>
            <div class="kpi-cards">{cards}</div>
            <div class="kpi-overview-trace" data-testid="kpi-overview-trace">
                <KpiTrace traced=traced on_close=Callback::new(move |_| selected.set(None)) />
            </div>
        </section>
    }
}
