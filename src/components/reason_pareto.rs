//! Pareto of contact reasons as an SVG chart: bars sorted by count, the
//! cumulative share as a line, the 80 % line, and the "vital few" reasons
//! (those making 80 % of the volume) marked; a table repeats the numbers.

use callcalc_engine::ParetoBar;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};

const W: f64 = 560.0;
const H: f64 = 220.0;
const L: f64 = 44.0;
const R: f64 = 44.0;
const B: f64 = 24.0;
const T: f64 = 10.0;

/// Bars `(x, y, width, height)`, the cumulative line path and the y of the
/// 80 % line, computed outside `view!`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoGeometry {
    pub bars: Vec<(f64, f64, f64, f64)>,
    pub line: String,
    pub cut_y: f64,
}

pub fn pareto_geometry(bars: &[ParetoBar], cut: f64) -> ParetoGeometry {
    let n = bars.len().max(1);
    let max = bars.iter().map(|b| b.contacts).max().unwrap_or(1).max(1) as f64;
    let step = (W - L - R) / n as f64;
    let plot_h = H - B - T;
    let x = |i: usize| L + step * i as f64;
    let mut line = String::new();
    let mut rects = Vec::new();
    for (i, b) in bars.iter().enumerate() {
        let h = b.contacts as f64 / max * plot_h;
        rects.push((x(i) + step * 0.1, H - B - h, step * 0.8, h));
        let cy = T + (1.0 - b.cumulative) * plot_h;
        line.push_str(&format!("{}{:.1},{:.1} ", if i == 0 { "M" } else { "L" }, x(i) + step * 0.5, cy));
    }
    ParetoGeometry { bars: rects, line: line.trim_end().to_string(), cut_y: T + (1.0 - cut) * plot_h }
}

#[component]
pub fn ReasonPareto(#[prop(into)] bars: Signal<Vec<ParetoBar>>, cut: f64) -> impl IntoView {
    let i18n = use_i18n();
    let geometry = Memo::new(move |_| bars.with(|b| pareto_geometry(b, cut)));
    let svg_bars = move || {
        let g = geometry.get();
        bars.with(|bars| {
            bars.iter()
                .zip(g.bars)
                .enumerate()
                .map(|(i, (b, (x, y, w, h)))| {
                    view! {
                        <rect
                            x=x
                            y=y
                            width=w
                            height=h
                            class=if b.vital { "pareto-bar vital" } else { "pareto-bar" }
                            data-testid=format!("kpi-pareto-bar-{i}")
                            data-contacts=b.contacts.to_string()
                            data-cumulative=b.cumulative.to_string()
                            data-vital=b.vital.to_string()
                        >
                            <title>{b.reason.clone()}</title>
                        </rect>
                    }
                })
                .collect_view()
        })
    };
    let rows = move || {
        let lang = i18n.lang.get();
        bars.with(|bars| {
            bars.iter()
                .enumerate()
                .map(|(i, b)| {
                    view! {
                        <tr class:vital=b.vital data-testid=format!("kpi-pareto-row-{i}")>
                            <th scope="row">{b.reason.clone()}</th>
                            <td class="num">{format::number(lang, b.contacts as f64, 0)}</td>
                            <td class="num">{format::percent(lang, b.share, 1)}</td>
                            <td class="num" data-testid=format!("kpi-pareto-cum-{i}")>{format::percent(lang, b.cumulative, 1)}</td>
                            <td>{if b.vital { i18n.t(Msg::KpiParetoVital) } else { "" }}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let vital_count = move || bars.with(|b| b.iter().filter(|x| x.vital).count());
    let total = move || bars.with(|b| b.len());
    let has = move || bars.with(|b| !b.is_empty());
    view! {
        <section class="kpi-pareto" data-testid="kpi-pareto">
            <h2>{move || i18n.t(Msg::KpiParetoTitle)}</h2>
            <Show
                when=has
                fallback=move || view! { <p class="note" data-testid="kpi-pareto-none">{move || i18n.t(Msg::KpiParetoNone)}</p> }
            >
                <p class="note" data-testid="kpi-pareto-summary" data-vital=move || vital_count().to_string()>
                    {move || i18n.t(Msg::KpiParetoSummary)} ": " {vital_count} " / " {total}
                </p>
                <svg
                    class="kpi-pareto-chart"
                    viewBox=format!("0 0 {W} {H}")
                    role="img"
                    aria-label=move || i18n.t(Msg::KpiParetoTitle)
                >
                    <line x1=L x2=W - R y1=H - B y2=H - B class="axis" />
                    <line
                        x1=L
                        x2=W - R
                        y1=move || geometry.with(|g| g.cut_y)
                        y2=move || geometry.with(|g| g.cut_y)
                        class="pareto-cut"
                        data-testid="kpi-pareto-cut"
                    />
                    <text x=W - R + 4.0 y=move || geometry.with(|g| g.cut_y + 4.0) class="tick">
                        {format!("{:.0} %", cut * 100.0)}
                    </text>
                    {svg_bars}
                    <path d=move || geometry.with(|g| g.line.clone()) class="pareto-line" fill="none" />
                </svg>
                <table tabindex="0" class="kpi-table kpi-pareto-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::KpiParetoReason)}</th>
                            <th scope="col">{move || i18n.t(Msg::KpiParetoContacts)}</th>
                            <th scope="col">{move || i18n.t(Msg::KpiParetoShare)}</th>
                            <th scope="col">{move || i18n.t(Msg::KpiParetoCumulative)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_the_line_ends_at_the_top() {
        let b = |reason: &str, contacts, cumulative, vital| ParetoBar {
            reason: reason.into(),
            contacts,
            share: 0.0,
            cumulative,
            vital,
        };
        let g = pareto_geometry(&[b("a", 60, 0.6, true), b("b", 30, 0.9, true), b("c", 10, 1.0, false)], 0.8);
        assert_eq!(g.bars.len(), 3);
        assert!((g.bars[0].3 - (H - B - T)).abs() < 1e-9, "the largest bar fills the plot");
        assert!((g.bars[1].3 * 2.0 - g.bars[0].3).abs() < 1e-9);
        assert!(g.line.ends_with(&format!(",{T:.1}")), "100 % at the top: {}", g.line);
        assert!((g.cut_y - (T + 0.2 * (H - B - T))).abs() < 1e-9);
    }
}
