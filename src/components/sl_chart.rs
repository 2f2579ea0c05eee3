//! Service level against agents, as an SVG line with the target marked.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};

/// Chart geometry computed from the points: kept out of `view!`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartGeometry {
    pub path: String,
    pub target_y: Option<f64>,
    pub x_ticks: Vec<(f64, u32)>,
    pub required_x: Option<f64>,
}

const W: f64 = 480.0;
const H: f64 = 220.0;
const L: f64 = 40.0;
const B: f64 = 24.0;

/// Maps (agents, SL) points into the SVG box: x over agents, y over 0–100%.
pub fn geometry(points: &[(u32, f64)], target: Option<f64>, required: u32) -> ChartGeometry {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return ChartGeometry { path: String::new(), target_y: None, x_ticks: Vec::new(), required_x: None };
    };
    let (x0, x1) = (first.0 as f64, (last.0 as f64).max(first.0 as f64 + 1.0));
    let x = |n: f64| L + (n - x0) / (x1 - x0) * (W - L - 8.0);
    let y = |sl: f64| 8.0 + (1.0 - sl.clamp(0.0, 1.0)) * (H - B - 8.0);
    let mut path = String::new();
    for (i, &(n, sl)) in points.iter().enumerate() {
        path.push_str(&format!("{}{:.1},{:.1} ", if i == 0 { 'M' } else { 'L' }, x(n as f64), y(sl)));
    }
    let step = (((x1 - x0) / 6.0).ceil() as u32).max(1);
    let x_ticks = (first.0..=last.0).step_by(step as usize).map(|n| (x(n as f64), n)).collect();
    let required_x = (required >= first.0 && required <= last.0).then(|| x(required as f64));
    ChartGeometry { path: path.trim_end().to_string(), target_y: target.map(y), x_ticks, required_x }
}

#[component]
pub fn SlChart(#[prop(into)] geometry: Signal<ChartGeometry>) -> impl IntoView {
    let i18n = use_i18n();
    let y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
    view! {
        <figure class="chart" data-testid="sl-chart">
            <figcaption>{move || i18n.t(Msg::ChartHeading)}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=move || i18n.t(Msg::ChartHeading)>
                {y_ticks
                    .iter()
                    .map(|&t| {
                        let yy = 8.0 + (1.0 - t) * (H - B - 8.0);
                        view! {
                            <line x1=L x2=W - 8.0 y1=yy y2=yy class="grid" />
                            <text x=L - 4.0 y=yy + 4.0 class="tick" text-anchor="end">
                                {move || format::percent(i18n.lang.get(), t, 0)}
                            </text>
                        }
                    })
                    .collect_view()}
                {move || {
                    geometry
                        .get()
                        .x_ticks
                        .into_iter()
                        .map(|(xx, n)| view! { <text x=xx y=H - 6.0 class="tick" text-anchor="middle">{n}</text> })
                        .collect_view()
                }}
                {move || {
                    geometry.get().target_y.map(|ty| {
                        view! {
                            <line x1=L x2=W - 8.0 y1=ty y2=ty class="target" />
                            <text x=W - 10.0 y=ty - 4.0 class="tick" text-anchor="end">{move || i18n.t(Msg::ChartTarget)}</text>
                        }
                    })
                }}
                {move || {
                    geometry.get().required_x.map(|rx| view! { <line x1=rx x2=rx y1=8.0 y2=H - B class="required" /> })
                }}
                <path d=move || geometry.get().path class="sl-line" data-testid="sl-chart-line" />
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_service_level_is_drawn_higher() {
        let g = geometry(&[(10, 0.2), (11, 0.6), (12, 0.9)], Some(0.8), 12);
        let ys: Vec<f64> =
            g.path.split_whitespace().map(|p| p[1..].split(',').nth(1).unwrap().parse().unwrap()).collect();
        assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");
        assert!(g.required_x.is_some());
        assert!(g.target_y.unwrap() < ys[1]);
    }

    #[test]
    fn no_points_no_path() {
        assert!(geometry(&[], None, 0).path.is_empty());
    }
}
