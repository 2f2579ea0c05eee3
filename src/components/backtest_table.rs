//! Backtest accuracy of every forecasting method: WAPE, MAPE and bias, the
//! best marked, the method in use highlighted.

use callcalc_engine::{Backtest, HwParameters, Method};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::coverage::{short_history_text, Need};
use crate::state::forecast::{method_key, BacktestProblem};

/// The user-facing name of a method of `state::forecast::methods`.
pub fn method_msg(m: &Method) -> Msg {
    match m {
        Method::SeasonalNaive => Msg::ForecastMSeasonalNaive,
        Method::ProfileTrend { window_weeks } if *window_weeks <= 4 => Msg::ForecastMProfile4,
        Method::ProfileTrend { .. } => Msg::ForecastMProfile8,
        Method::HoltWinters(HwParameters::Fixed(_)) => Msg::ForecastMHwFixed,
        Method::HoltWinters(HwParameters::GridSearch) => Msg::ForecastMHwGrid,
    }
}

#[component]
pub fn BacktestTable(
    #[prop(into)] backtest: Signal<Option<Result<Backtest, BacktestProblem>>>,
    #[prop(into)] in_use: Signal<Method>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        let used = in_use.get();
        backtest.get().map(|r| match r {
            Err(BacktestProblem::TooShort(s)) => {
                view! { <p class="error" data-testid="backtest-too-short">{short_history_text(lang, Need::Backtest, &s)}</p> }
                    .into_any()
            }
            Err(BacktestProblem::Engine(e)) => {
                view! { <p class="error" data-testid="backtest-error">{format!("{} ({})", problem_text(lang, &e), e.field)}</p> }
                    .into_any()
            }
            Ok(b) => {
                let rows = b
                    .results
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let key = method_key(&a.method);
                        let best = i == b.best;
                        view! {
                            <tr data-testid=format!("backtest-row-{key}") class:in-use=a.method == used>
                                <th scope="row">
                                    {Msg::text(method_msg(&a.method), lang)}
                                    {best.then(|| view! { " " <span class="badge" data-testid="backtest-best">{Msg::ForecastBestMark.text(lang)}</span> })}
                                    {(a.method == used).then(|| view! { " " <span class="badge in-use">{Msg::ForecastInUse.text(lang)}</span> })}
                                </th>
                                <td data-testid=format!("backtest-wape-{key}")>{format::percent(lang, a.wape, 1)}</td>
                                <td data-testid=format!("backtest-mape-{key}")>{format::percent(lang, a.mape, 1)}</td>
                                <td data-testid=format!("backtest-bias-{key}")>{format::percent(lang, a.bias, 1)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="backtest">
                        <h2>{Msg::ForecastBacktest.text(lang)}</h2>
                        <p class="hint">{Msg::ForecastBacktestWeeks.text(lang)} " " <span data-testid="backtest-weeks">{b.weeks}</span></p>
                        <table tabindex="0" class="agents-table" data-testid="backtest-table">
                            <thead><tr>
                                <th scope="col"></th>
                                <th scope="col">{Msg::ForecastWape.text(lang)}</th>
                                <th scope="col">{Msg::ForecastMape.text(lang)}</th>
                                <th scope="col">{Msg::ForecastBias.text(lang)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </section>
                }
                .into_any()
            }
        })
    }
}
