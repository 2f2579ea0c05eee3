//! Quality-monitoring plan: the sample size per operator for a confidence
//! and margin of error on a defect rate or a mean score (with the
//! finite-population correction on the operator's contacts), an "every k-th
//! contact" plan or a seeded random selection, exported as CSV or XLSX.

use callcalc_engine::export::{to_csv, to_xlsx, CsvStyle};
use callcalc_engine::{DetectorSettings, FieldError};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::text_field::{bind, field_error, TextField};
use crate::download::{download, CSV, XLSX};
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::operators::{qa_plan, qa_sheet, QaForm, QaMethod, QaTarget, SharedData};

fn headers(lang: Lang) -> Vec<&'static str> {
    vec![
        Msg::OperatorsColOperator.text(lang),
        Msg::OperatorsQaHdrNumber.text(lang),
        Msg::OperatorsQaHdrId.text(lang),
        Msg::OperatorsQaHdrWhen.text(lang),
        Msg::OperatorsQaHdrChannel.text(lang),
        Msg::OperatorsColTalk.text(lang),
        Msg::OperatorsColHold.text(lang),
        Msg::OperatorsColAcw.text(lang),
    ]
}

#[component]
pub fn QaSamplePlan(
    data: Memo<SharedData>,
    settings: Memo<Result<DetectorSettings, Vec<FieldError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(QaForm::default());
    let parsed = Memo::new(move |_| form.with(QaForm::parse));
    let plans = Memo::new(move |_| {
        let q = parsed.get().ok()?;
        let s = settings.get().ok()?;
        Some(data.with(|d| qa_plan(&d.0, &s, &q)).map_err(|e| e.to_string()))
    });
    let trace = Signal::derive(move || {
        plans.with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).and_then(|p| p.first()).map(|p| p.size.trace()))
    });
    let field = move |label: Msg, name: &'static str, get: fn(&QaForm) -> &String, set: fn(&mut QaForm, String)| {
        let (value, on_input) = bind(form, get, set);
        view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
    };
    let export = move |xlsx: bool| {
        let lang = i18n.lang.get_untracked();
        let Some(Ok(p)) = plans.get_untracked() else { return };
        let sheet = data.with_untracked(|d| qa_sheet(&d.0, &p, &headers(lang)));
        if xlsx {
            download("qa-sample.xlsx", XLSX, &to_xlsx(&[sheet]));
        } else {
            download("qa-sample.csv", CSV, to_csv(&sheet, CsvStyle::RU_EXCEL).as_bytes());
        }
    };
    view! {
        <section class="qa-sample-plan" data-testid="qa-plan-section">
            <h2>{move || i18n.t(Msg::OperatorsQaTitle)}</h2>
            <div class="qa-form">
                <div class="field">
                    <label for="field-qa-target">{move || i18n.t(Msg::OperatorsQaTarget)}</label>
                    <select
                        id="field-qa-target"
                        data-testid="qa-target"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| {
                                f.target = if v == "score" { QaTarget::Score } else { QaTarget::DefectRate };
                                f.margin = if v == "score" { "0.5".into() } else { "10".into() };
                                f.score_sd = if v == "score" { "1".into() } else { f.score_sd.clone() };
                            })
                        }
                    >
                        <option value="defect">{move || i18n.t(Msg::OperatorsQaDefect)}</option>
                        <option value="score">{move || i18n.t(Msg::OperatorsQaScore)}</option>
                    </select>
                </div>
                {field(Msg::OperatorsQaConfidence, "confidence", |f| &f.confidence_percent, |f, v| f.confidence_percent = v)}
                {field(Msg::OperatorsQaMarginPct, "margin", |f| &f.margin, |f, v| f.margin = v)}
                {move || match form.with(|f| f.target) {
                    QaTarget::DefectRate => field(Msg::OperatorsQaDefectPct, "p", |f| &f.defect_percent, |f, v| f.defect_percent = v).into_any(),
                    QaTarget::Score => field(Msg::OperatorsQaSd, "std_dev", |f| &f.score_sd, |f, v| f.score_sd = v).into_any(),
                }}
                <div class="field">
                    <label for="field-qa-method">{move || i18n.t(Msg::OperatorsQaMethod)}</label>
                    <select
                        id="field-qa-method"
                        data-testid="qa-method"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.method = if v == "random" { QaMethod::Random } else { QaMethod::Systematic })
                        }
                    >
                        <option value="systematic">{move || i18n.t(Msg::OperatorsQaSystematic)}</option>
                        <option value="random">{move || i18n.t(Msg::OperatorsQaRandom)}</option>
                    </select>
                </div>
                {field(Msg::OperatorsQaSeed, "seed", |f| &f.seed, |f, v| f.seed = v)}
            </div>
            {move || {
                let lang = i18n.lang.get();
                match plans.get() {
                    None => ().into_any(),
                    Some(Err(e)) => view! { <p class="error" data-testid="qa-error">{e}</p> }.into_any(),
                    Some(Ok(p)) => {
                        let total: u64 = p.iter().map(|x| x.size.n).sum();
                        let rows = p
                            .iter()
                            .enumerate()
                            .map(|(i, x)| {
                                let id = move |c: &str| format!("qa-row-{i}-{c}");
                                let na = || Msg::NotApplicable.text(lang).to_string();
                                view! {
                                    <tr data-testid=format!("qa-row-{i}")>
                                        <th scope="row" data-testid=id("operator")>{x.operator.clone()}</th>
                                        <td class="num" data-testid=id("population")>{x.population}</td>
                                        <td class="num" data-testid=id("n")>{x.size.n}</td>
                                        <td class="num" data-testid=id("k")>{x.every_k.map(|k| k.0.to_string()).unwrap_or_else(na)}</td>
                                        <td class="num" data-testid=id("start")>{x.every_k.map(|k| k.1.to_string()).unwrap_or_else(na)}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <p>
                                {Msg::OperatorsQaTotal.text(lang)} ": "
                                <strong data-testid="qa-total">{total}</strong>
                            </p>
                            <div class="qa-actions">
                                <button type="button" data-testid="qa-export-csv" on:click=move |_| export(false)>
                                    {Msg::OperatorsQaExportCsv.text(lang)}
                                </button>
                                <button type="button" data-testid="qa-export-xlsx" on:click=move |_| export(true)>
                                    {Msg::OperatorsQaExportXlsx.text(lang)}
                                </button>
                            </div>
                            <table tabindex="0" class="qa-plan" data-testid="qa-plan">
                                <thead>
                                    <tr>
                                        <th scope="col">{Msg::OperatorsColOperator.text(lang)}</th>
                                        <th scope="col">{Msg::OperatorsQaPopulation.text(lang)}</th>
                                        <th scope="col">{Msg::OperatorsQaN.text(lang)}</th>
                                        <th scope="col">{Msg::OperatorsQaK.text(lang)}</th>
                                        <th scope="col">{Msg::OperatorsQaStart.text(lang)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                        .into_any()
                    }
                }
            }}
            <HowComputed trace=trace testid="qa-size" />
            {move || {
                // the unrounded size for an infinite population, for reference
                parsed.with(|p| p.as_ref().ok().and_then(|q| q.size(None).ok())).map(|s| {
                    let lang = i18n.lang.get();
                    view! { <p class="muted" data-testid="qa-n0">"n₀ = " {format::number(lang, s.n0, 2)}</p> }
                })
            }}
        </section>
    }
}
