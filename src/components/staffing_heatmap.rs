//! Day × interval heatmap of the requirement for the first week of the
//! forecast, net agents or gross FTE (after shrinkage).

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{date, slot_time, Requirement};

/// How many colour steps the heatmap has (`heat-0` … `heat-7` in `style/main.css`).
pub const HEAT_STEPS: u8 = 8;

/// The colour step of a cell: its share of the week's maximum in
/// [`HEAT_STEPS`] equal bands (0 = empty, the top band = the maximum).
/// A class, not an inline `style`: the CSP (`style-src 'self'`) forbids
/// style attributes. The number is always written in the cell, so colour is
/// never the only signal.
pub fn heat_step(x: f64, max: f64) -> u8 {
    if x.is_nan() || max.is_nan() || x <= 0.0 || max <= 0.0 {
        return 0;
    }
    let t = (x / max).min(1.0);
    // (0, 1] → 1 ..= HEAT_STEPS - 1
    ((t * f64::from(HEAT_STEPS - 1)).ceil() as u8).clamp(1, HEAT_STEPS - 1)
}

/// The cell's class for [`heat_step`].
pub fn heat_class(x: f64, max: f64) -> String {
    format!("heat-{}", heat_step(x, max))
}

/// A column header: the full time on the hour, the minutes (":15") between,
/// so no header is empty.
pub fn slot_head(s: u32) -> impl IntoView {
    let t = slot_time(s);
    let (text, minor) = match t.split_once(':') {
        Some((_, m)) if s % 4 != 0 => (format!(":{m}"), true),
        _ => (t.clone(), false),
    };
    view! { <th scope="col" class="slot" class:minor=minor title=t>{text}</th> }
}

#[component]
pub fn StaffingHeatmap(#[prop(into)] requirement: Signal<Option<Result<Requirement, String>>>) -> impl IntoView {
    let i18n = use_i18n();
    let gross = RwSignal::new(false);
    let table = move || {
        let lang = i18n.lang.get();
        let show_gross = gross.get();
        requirement.with(|r| {
            let r = match r {
                Some(Ok(r)) => r,
                Some(Err(e)) => return view! { <p class="error" data-testid="heatmap-error">{e.clone()}</p> }.into_any(),
                None => return ().into_any(),
            };
            let mut days: Vec<i64> = Vec::new();
            for row in &r.rows {
                if days.last() != Some(&row.day) {
                    if days.len() == 7 {
                        break;
                    }
                    days.push(row.day);
                }
            }
            let week: Vec<_> = r.rows.iter().filter(|x| days.contains(&x.day)).collect();
            let value = |x: &crate::state::forecast::NeedRow| if show_gross { x.gross } else { f64::from(x.net) };
            let max = week.iter().map(|x| value(x)).fold(0.0, f64::max);
            let (lo, hi) = (
                week.iter().map(|x| x.slot).min().unwrap_or(0),
                week.iter().map(|x| x.slot).max().unwrap_or(0),
            );
            let head = (lo..=hi)
                .map(|s| slot_head(s))
                .collect_view();
            let body = days
                .iter()
                .enumerate()
                .map(|(d, &day)| {
                    let cells = (lo..=hi)
                        .map(|s| match week.iter().find(|x| x.day == day && x.slot == s) {
                            Some(x) => {
                                let v = value(x);
                                let text = if show_gross { format::number(lang, v, 1) } else { x.net.to_string() };
                                view! {
                                    <td data-testid=format!("heat-{d}-{s}") class=heat_class(v, max) class:unmet=!x.met
                                        title=format!("{} {}: {} / {}", date(day), slot_time(s), format::number(lang, x.calls, 1), text)>
                                        {text.clone()}
                                    </td>
                                }
                                .into_any()
                            }
                            None => view! { <td class="closed"></td> }.into_any(),
                        })
                        .collect_view();
                    view! { <tr data-testid=format!("heat-row-{d}")><th scope="row">{date(day)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="heatmap-scroll" tabindex="0" role="region" aria-label=Msg::ForecastHeatmap.text(lang)>
                    <table class="heatmap" data-testid="heatmap" data-kind=if show_gross { "gross" } else { "net" }>
                        <thead><tr><th scope="col">{Msg::HeatmapDate.text(lang)}</th>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <section class="staffing-heatmap">
            <h2>{move || i18n.t(Msg::ForecastHeatmap)}</h2>
            <div class="toggle" role="group">
                <button type="button" data-testid="heatmap-net" aria-pressed=move || (!gross.get()).to_string() on:click=move |_| gross.set(false)>
                    {move || i18n.t(Msg::ForecastNet)}
                </button>
                <button type="button" data-testid="heatmap-gross" aria-pressed=move || gross.get().to_string() on:click=move |_| gross.set(true)>
                    {move || i18n.t(Msg::ForecastGross)}
                </button>
            </div>
            {table}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_split_the_range_evenly_and_keep_zero_apart() {
        assert_eq!(heat_step(0.0, 10.0), 0);
        assert_eq!(heat_step(5.0, 0.0), 0);
        assert_eq!(heat_step(f64::NAN, 10.0), 0);
        assert_eq!(heat_step(0.1, 10.0), 1);
        assert_eq!(heat_step(10.0, 10.0), HEAT_STEPS - 1);
        assert_eq!(heat_step(12.0, 10.0), HEAT_STEPS - 1);
        assert_eq!(heat_step(5.0, 10.0), 4);
        // Monotone over the whole range.
        let steps: Vec<u8> = (0..=100).map(|i| heat_step(f64::from(i), 100.0)).collect();
        assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
        assert_eq!(steps.iter().copied().collect::<std::collections::BTreeSet<_>>().len(), usize::from(HEAT_STEPS));
        assert_eq!(heat_class(3.0, 6.0), "heat-4");
    }
}
