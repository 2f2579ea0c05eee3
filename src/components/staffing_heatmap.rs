//! Day × interval heatmap of the requirement for the first week of the
//! forecast, net agents or gross FTE (after shrinkage).

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{date, slot_time, Requirement};

/// Background of a cell: white to deep blue with the share of the week's maximum.
fn shade(x: f64, max: f64) -> String {
    let t = if max > 0.0 { (x / max).clamp(0.0, 1.0) } else { 0.0 };
    format!("background-color: hsl(210, 80%, {:.0}%)", 97.0 - 55.0 * t)
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
                .map(|s| view! { <th scope="col" class="slot">{if s % 4 == 0 { slot_time(s) } else { String::new() }}</th> })
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
                                    <td data-testid=format!("heat-{d}-{s}") style=shade(v, max) class:unmet=!x.met
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
                <div class="heatmap-scroll">
                    <table class="heatmap" data-testid="heatmap" data-kind=if show_gross { "gross" } else { "net" }>
                        <thead><tr><th></th>{head}</tr></thead>
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
