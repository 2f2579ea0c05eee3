//! Sentinels and row filters: texts that mean "empty" in any mapped column
//! (`0:00:00`, `-`, `n/a`), and rows left out by a column's value (picked
//! from the column's distinct values, or typed). Each change re-imports.

use callcalc_engine::{Field, Layout};
use leptos::prelude::*;

use crate::i18n::{field_text, use_i18n, Lang, Msg};
use crate::state::import::ImportView;
use crate::state::import_values::{filter_text, with_filter, with_sentinel, without_filter, without_sentinel};

/// A select of the mapped fields (`id` its test id).
fn field_select(lang: Lang, v: &ImportView, id: &'static str, chosen: RwSignal<Option<Field>>) -> impl IntoView {
    let options = v
        .layout
        .map
        .entries()
        .map(|(f, c)| {
            let label = format!("{} — «{}»", field_text(lang, f), v.layout.column_label(c));
            view! { <option value=f.name() selected=move || chosen.get() == Some(f)>{label}</option> }
        })
        .collect_view();
    view! {
        <select data-testid=id on:change=move |ev| chosen.set(Field::from_name(&event_target_value(&ev)))>
            <option value="" selected=move || chosen.get().is_none()>{Msg::ImpAddFieldNone.text(lang)}</option>
            {options}
        </select>
    }
}

#[component]
pub fn RowFilters(#[prop(into)] view: Signal<Option<ImportView>>, on_apply: Callback<Layout>) -> impl IntoView {
    let i18n = use_i18n();
    let sentinel_field: RwSignal<Option<Field>> = RwSignal::new(None);
    let sentinel_text = RwSignal::new(String::new());
    let filter_field: RwSignal<Option<Field>> = RwSignal::new(None);
    let filter_value = RwSignal::new(String::new());
    move || {
        let lang = i18n.lang.get();
        view.get().map(|v| {
            let layout = StoredValue::new(v.layout.clone());
            let sentinels = v
                .layout
                .values
                .empty
                .iter()
                .enumerate()
                .map(|(i, (f, s))| {
                    view! {
                        <li data-testid=format!("sentinel-{i}")>
                            {field_text(lang, *f)} ": «" {s.clone()} "» "
                            <button type="button" data-testid=format!("sentinel-{i}-remove")
                                on:click=move |_| on_apply.run(without_sentinel(&layout.get_value(), i))>
                                {Msg::ImpRemove.text(lang)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let filters = v
                .layout
                .values
                .exclude
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    view! {
                        <li data-testid=format!("filter-{i}")>
                            {filter_text(lang, f)} " "
                            <button type="button" data-testid=format!("filter-{i}-remove")
                                on:click=move |_| on_apply.run(without_filter(&layout.get_value(), i))>
                                {Msg::ImpRemove.text(lang)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            // Distinct values of the chosen filter column, when collected.
            let coded = v.summary.coded.clone();
            let suggestions = move || {
                let f = filter_field.get()?;
                let col = coded.iter().find(|c| c.field == f)?;
                let options = col
                    .values
                    .iter()
                    .filter(|vc| !vc.value.is_empty())
                    .map(|vc| {
                        let label = format!("{} ({})", vc.value, vc.count);
                        view! { <option value=vc.value.clone()>{label}</option> }
                    })
                    .collect_view();
                Some(view! {
                    <select data-testid="filter-pick" on:change=move |ev| filter_value.set(event_target_value(&ev))>
                        <option value="" selected=true>{Msg::ImpAddFieldNone.text(lang)}</option>
                        {options}
                    </select>
                })
            };
            let add_sentinel = move |_| {
                let Some(f) = sentinel_field.get_untracked() else { return };
                if let Some(l) = with_sentinel(&layout.get_value(), f, &sentinel_text.get_untracked()) {
                    sentinel_text.set(String::new());
                    on_apply.run(l);
                }
            };
            let add_filter = move |_| {
                let Some(f) = filter_field.get_untracked() else { return };
                if let Some(l) = with_filter(&layout.get_value(), f, &filter_value.get_untracked()) {
                    filter_value.set(String::new());
                    on_apply.run(l);
                }
            };
            view! {
                <details class="how row-filters" data-testid="row-filters" open=!v.layout.values.empty.is_empty() || !v.layout.values.exclude.is_empty()>
                    <summary>{Msg::ImpSentinelsTitle.text(lang)} " · " {Msg::ImpFiltersTitle.text(lang)}</summary>
                    <h4>{Msg::ImpSentinelsTitle.text(lang)}</h4>
                    <p class="hint">{Msg::ImpSentinelsHint.text(lang)}</p>
                    <ul class="sentinels">{sentinels}</ul>
                    <div class="buttons">
                        <label>{Msg::ImpColumnOf.text(lang)} " " {field_select(lang, &v, "sentinel-field", sentinel_field)}</label>
                        <label>{Msg::ImpText.text(lang)} " "
                            <input type="text" data-testid="sentinel-text" prop:value=move || sentinel_text.get()
                                on:input=move |ev| sentinel_text.set(event_target_value(&ev)) />
                        </label>
                        <button type="button" data-testid="sentinel-add" on:click=add_sentinel>{Msg::ImpAdd.text(lang)}</button>
                    </div>
                    <h4>{Msg::ImpFiltersTitle.text(lang)}</h4>
                    <p class="hint">{Msg::ImpFiltersHint.text(lang)}</p>
                    <ul class="filters">{filters}</ul>
                    <div class="buttons">
                        <label>{Msg::ImpColumnOf.text(lang)} " " {field_select(lang, &v, "filter-field", filter_field)}</label>
                        {suggestions}
                        <label>{Msg::ImpText.text(lang)} " "
                            <input type="text" data-testid="filter-value" prop:value=move || filter_value.get()
                                on:input=move |ev| filter_value.set(event_target_value(&ev)) />
                        </label>
                        <button type="button" data-testid="filter-add" on:click=add_filter>{Msg::ImpAdd.text(lang)}</button>
                    </div>
                </details>
            }
        })
    }
}
