//! The forecast in numbers: contacts over the horizon, net agent-hours, the
//! peak requirement, unmet intervals, and monthly totals for long horizons.

use callcalc_engine::MonthTotal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{LongRange, Requirement};

#[component]
pub fn ForecastSummary(
    #[prop(into)] requirement: Signal<Option<Result<Requirement, String>>>,
    #[prop(into)] months: Signal<Vec<MonthTotal>>,
    #[prop(into)] long_range: Signal<Option<LongRange>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        requirement.with(|r| match r {
            Some(Ok(r)) => {
                let ms = months.get();
                let monthly = (ms.len() > 1).then(|| {
                    let rows = ms
                        .iter()
                        .enumerate()
                        .map(|(i, m)| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("{:04}-{:02}", m.year, m.month)}</th>
                                    <td>{m.days}</td>
                                    <td data-testid=format!("fc-month-{i}")>{format::number(lang, m.volume, 0)}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{Msg::ForecastMonthly.text(lang)}</h3>
                        <table tabindex="0" class="agents-table" data-testid="fc-monthly"><tbody>{rows}</tbody></table>
                    }
                });
                view! {
                    <section class="forecast-summary">
                        <h2>{Msg::ForecastSummary.text(lang)}</h2>
                        <dl class="figures">
                            <dt>{Msg::ForecastTotalCalls.text(lang)}</dt>
                            <dd data-testid="fc-total-calls">{format::number(lang, r.total_calls(), 0)}</dd>
                            <dt>{Msg::ForecastAgentHours.text(lang)}</dt>
                            <dd data-testid="fc-agent-hours">{format::number(lang, r.agent_hours(), 1)}</dd>
                            <dt>{Msg::ForecastPeakNet.text(lang)}</dt>
                            <dd data-testid="fc-peak">{r.peak().map(|p| p.net).unwrap_or(0)}</dd>
                            <dt>{Msg::ForecastUnmet.text(lang)}</dt>
                            <dd data-testid="fc-unmet">{r.unmet}</dd>
                        </dl>
                        {long_range.get().map(|l| {
                            let (y, m, d) = callcalc_engine::civil_from_days(l.from_day);
                            view! {
                                <p class="note" data-testid="fc-long-range" data-growth=format!("{:.4}", l.growth)>
                                    {Msg::ForecastLongRange.text(lang)}
                                    {format!(" {y:04}-{m:02}-{d:02}, ×{}", format::plain(lang, (l.growth * 1000.0).round() / 1000.0))}
                                </p>
                            }
                        })}
                        {monthly}
                    </section>
                }
                .into_any()
            }
            Some(Err(e)) => view! { <p class="error" data-testid="fc-error">{e.clone()}</p> }.into_any(),
            None => ().into_any(),
        })
    }
}
