//! One KPI over the dashboard's rows as an SVG chart (bars for volumes, a
//! line for ratios): text labels in the current language, black-on-white
//! strokes so it prints.

use callcalc_engine::{KpiKey, KpiUnit};
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, show};
use crate::i18n::use_i18n;
use crate::state::kpi::Series;

const W: f64 = 560.0;
const H: f64 = 200.0;
const L: f64 = 56.0;
const B: f64 = 28.0;
const T: f64 = 10.0;

/// The chart drawn from a series: computed outside `view!`.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiChartGeometry {
    /// Line path (`M x,y L …`, broken where a value is undefined) for ratios.
    pub path: String,
    /// Bars `(x, y, width, height)` for volumes.
    pub bars: Vec<(f64, f64, f64, f64)>,
    /// The y-axis maximum.
    pub y_max: f64,
    /// x positions and labels of a few ticks.
    pub x_ticks: Vec<(f64, String)>,
}

/// Maps a series into the SVG box.
pub fn chart_geometry(s: &Series) -> KpiChartGeometry {
    let n = s.values.len();
    let max = s.values.iter().flatten().fold(0.0f64, |m, &v| m.max(v));
    let y_max = match s.key.unit() {
        KpiUnit::Share => (max * 1.1).clamp(0.05, 1.0),
        _ => (max * 1.1).max(1.0),
    };
    let step = if n == 0 { 0.0 } else { (W - L - 8.0) / n as f64 };
    let x = |i: usize| L + step * (i as f64 + 0.5);
    let y = |v: f64| T + (1.0 - (v / y_max).clamp(0.0, 1.0)) * (H - B - T);
    let mut path = String::new();
    let mut bars = Vec::new();
    let mut pen_up = true;
    for (i, v) in s.values.iter().enumerate() {
        match v {
            Some(v) if s.key.unit() == KpiUnit::Count => {
                bars.push((x(i) - step * 0.4, y(*v), step * 0.8, H - B - y(*v)));
            }
            Some(v) => {
                path.push_str(&format!("{}{:.1},{:.1} ", if pen_up { 'M' } else { 'L' }, x(i), y(*v)));
                pen_up = false;
            }
            None => pen_up = true,
        }
    }
    let every = n.div_ceil(6).max(1);
    let x_ticks = (0..n).step_by(every).map(|i| (x(i), s.labels[i].clone())).collect();
    KpiChartGeometry { path: path.trim_end().to_string(), bars, y_max, x_ticks }
}

#[component]
pub fn KpiChart(key: KpiKey, #[prop(into)] series: Signal<Option<Series>>) -> impl IntoView {
    let i18n = use_i18n();
    let geometry = Memo::new(move |_| series.with(|s| s.as_ref().map(chart_geometry)));
    let title = move || i18n.t(column_msg(key));
    view! {
        <figure class="chart kpi-chart" data-testid=format!("kpi-chart-{}", key.name())>
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title>
                {move || {
                    let lang = i18n.lang.get();
                    geometry
                        .get()
                        .map(|g| {
                            let ticks = [0.0, 0.5, 1.0]
                                .iter()
                                .map(|&f| {
                                    let yv = T + (1.0 - f) * (H - B - T);
                                    view! {
                                        <line class="grid" x1=L x2=W - 8.0 y1=yv y2=yv />
                                        <text class="tick" x=L - 4.0 y=yv + 4.0 text-anchor="end">
                                            {show(lang, key, Some(g.y_max * f))}
                                        </text>
                                    }
                                })
                                .collect_view();
                            let xt = g
                                .x_ticks
                                .iter()
                                .map(|(x, label)| {
                                    view! {
                                        <text class="tick" x=*x y=H - 8.0 text-anchor="middle">
                                            {label.clone()}
                                        </text>
                                    }
                                })
                                .collect_view();
                            let bars = g
                                .bars
                                .iter()
                                .map(|&(x, y, w, h)| view! { <rect class="bar" x=x y=y width=w height=h /> })
                                .collect_view();
                            view! {
                                {ticks}
                                {xt}
                                {bars}
                                <path class="line" d=g.path.clone() fill="none" />
                            }
                        })
                }}
            </svg>
        </figure>
    }
}
