//! The long-term plan: monthly FTE requirement (12 months) against the FTE
//! available after attrition, hiring lead time and training → hires by month.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{ForecastInputs, LongTerm, ParsedForecast};

#[component]
pub fn HiringPlan(
    inputs: RwSignal<ForecastInputs>,
    parsed: Memo<Result<ParsedForecast, Vec<FieldError>>>,
    #[prop(into)] plan: Signal<Option<Result<LongTerm, String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (hc, set_hc) = bind(inputs, |f| &f.headcount, |f, v| f.headcount = v);
    let (att, set_att) = bind(inputs, |f| &f.attrition, |f, v| f.attrition = v);
    let (lead, set_lead) = bind(inputs, |f| &f.lead_months, |f, v| f.lead_months = v);
    let (tr, set_tr) = bind(inputs, |f| &f.training_months, |f, v| f.training_months = v);
    let (fh, set_fh) = bind(inputs, |f| &f.fte_hours, |f, v| f.fte_hours = v);
    let body = move || {
        let lang = i18n.lang.get();
        plan.with(|p| match p {
            Some(Ok(lt)) => {
                let rows = lt
                    .months
                    .iter()
                    .zip(&lt.plan.months)
                    .enumerate()
                    .map(|(i, (m, h))| {
                        view! {
                            <tr data-testid=format!("hire-{i}") class:short={h.shortfall > 1e-9}>
                                <th scope="row">{format!("{:04}-{:02}", m.year, m.month)}</th>
                                <td>{format::number(lang, m.calls, 0)}</td>
                                <td data-testid=format!("hire-{i}-required")>{format::number(lang, m.required_fte, 1)}</td>
                                <td data-testid=format!("hire-{i}-available")>{format::number(lang, h.available_fte, 1)}</td>
                                <td data-testid=format!("hire-{i}-hires")>{h.hires}</td>
                                <td>{format::number(lang, h.shortfall, 1)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table tabindex="0" class="agents-table" data-testid="hiring-table">
                        <thead><tr>
                            <th scope="col">{Msg::ForecastColMonth.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColCalls.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColRequiredFte.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColAvailableFte.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColHires.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColShortfall.text(lang)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p>{Msg::ForecastTotalHires.text(lang)} ": " <strong data-testid="hire-total">{lt.plan.total_hires}</strong></p>
                }
                .into_any()
            }
            Some(Err(e)) => view! { <p class="error">{e.clone()}</p> }.into_any(),
            None => ().into_any(),
        })
    };
    view! {
        <section class="hiring-plan" data-testid="hiring-plan">
            <h2>{move || i18n.t(Msg::ForecastHiring)}</h2>
            <div class="inline-fields">
                <TextField label=Msg::ForecastHeadcount name="fc_headcount" value=hc on_input=set_hc error=field_error(parsed, "fc_headcount") />
                <TextField label=Msg::ForecastAttrition name="fc_attrition" value=att on_input=set_att error=field_error(parsed, "fc_attrition") />
                <TextField label=Msg::ForecastLead name="fc_lead" value=lead on_input=set_lead error=field_error(parsed, "fc_lead") />
                <TextField label=Msg::ForecastTraining name="fc_training" value=tr on_input=set_tr error=field_error(parsed, "fc_training") />
                <TextField label=Msg::ForecastFteHours name="fc_fte_hours" value=fh on_input=set_fh error=field_error(parsed, "fc_fte_hours") />
            </div>
            {body}
        </section>
    }
}
