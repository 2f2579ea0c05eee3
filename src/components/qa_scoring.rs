//! A scoring form for reviewed contacts (politeness, competence, stress
//! tolerance, script adherence, 1–5), kept in localStorage, and each
//! operator's mean score with a 95 % Student-t confidence interval.

use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::operators::{
    decode_evaluations, encode_evaluations, score_rows, Evaluation, ScoreForm, SharedData, SCORES_KEY,
};
use crate::storage;

#[component]
pub fn QaScoring(data: Memo<SharedData>) -> impl IntoView {
    let i18n = use_i18n();
    let saved = storage::read_raw(SCORES_KEY).and_then(|t| decode_evaluations(&t)).unwrap_or_default();
    let list: RwSignal<Vec<Evaluation>> = RwSignal::new(saved);
    let form = RwSignal::new(ScoreForm::default());
    let parsed = Memo::new(move |_| form.with(ScoreForm::parse));
    let rows = Memo::new(move |_| list.with(|l| score_rows(l)));
    let operators = Memo::new(move |_| {
        data.with(|d| {
            let mut ops: Vec<String> = d.0.records.iter().map(|r| r.operator().to_string()).collect();
            ops.dedup();
            ops.sort();
            ops.dedup();
            ops
        })
    });
    Effect::new(move |_| {
        // the first operator is preselected (again when the data changes)
        let ops = operators.get();
        if !form.with_untracked(|f| ops.contains(&f.operator)) {
            if let Some(op) = ops.first() {
                form.update(|f| f.operator = op.clone());
            }
        }
    });
    let save = move || list.with(|l| storage::write_raw(SCORES_KEY, &encode_evaluations(l)));
    let add = move |_| {
        if let Ok(e) = parsed.get_untracked() {
            list.update(|l| l.push(e));
            save();
        }
    };
    let clear = move |_| {
        list.set(Vec::new());
        save();
    };
    let field = move |label: Msg,
                      name: &'static str,
                      get: fn(&ScoreForm) -> &String,
                      set: fn(&mut ScoreForm, String)| {
        let (value, on_input) = bind(form, get, set);
        view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) inputmode="numeric" /> }
    };
    let selected_trace =
        Signal::derive(move || rows.with(|r| r.iter().find(|x| x.summary.n > 1).map(|x| x.summary.trace())));
    view! {
        <section class="qa-scoring" data-testid="qa-scoring">
            <h2>{move || i18n.t(Msg::OperatorsScoreTitle)}</h2>
            <div class="score-form">
                <div class="field">
                    <label for="field-score-operator">{move || i18n.t(Msg::OperatorsColOperator)}</label>
                    <select
                        id="field-score-operator"
                        data-testid="score-operator"
                        prop:value=move || form.with(|f| f.operator.clone())
                        on:change=move |ev| form.update(|f| f.operator = event_target_value(&ev))
                    >
                        {move || operators.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </div>
                {field(Msg::OperatorsScorePoliteness, "politeness", |f| &f.politeness, |f, v| f.politeness = v)}
                {field(Msg::OperatorsScoreCompetence, "competence", |f| &f.competence, |f, v| f.competence = v)}
                {field(Msg::OperatorsScoreStress, "stress", |f| &f.stress, |f, v| f.stress = v)}
                {field(Msg::OperatorsScoreScript, "script", |f| &f.script, |f, v| f.script = v)}
                <div class="buttons">
                    <button type="button" data-testid="score-add" disabled=move || parsed.with(|p| p.is_err()) on:click=add>
                        {move || i18n.t(Msg::OperatorsScoreAdd)}
                    </button>
                    <button type="button" data-testid="score-clear" on:click=clear>
                        {move || i18n.t(Msg::OperatorsScoreClear)}
                    </button>
                </div>
            </div>
            <p class="muted">{move || i18n.t(Msg::OperatorsScoreCiNote)}</p>
            <table tabindex="0" class="score-table" data-testid="score-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::OperatorsColOperator)}</th>
                        <th scope="col">{move || i18n.t(Msg::OperatorsScoreCount)}</th>
                        <th scope="col">{move || i18n.t(Msg::OperatorsScoreMean)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.lang.get();
                        rows.get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let s = r.summary;
                                let ci = s
                                    .half_width
                                    .map(|h| format!(" ± {}", format::number(lang, h, 2)))
                                    .unwrap_or_default();
                                view! {
                                    <tr data-testid=format!("score-row-{i}")>
                                        <th scope="row">{r.operator}</th>
                                        <td class="num" data-testid=format!("score-row-{i}-n")>{s.n}</td>
                                        <td class="num" data-testid=format!("score-row-{i}-mean")>{format::number(lang, s.mean, 2)}{ci}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <HowComputed trace=selected_trace testid="score-ci" />
        </section>
    }
}
