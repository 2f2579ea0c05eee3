//! The column-mapping editor: the kind of report, the header row, and for
//! each field its column. It never dead-ends: when the header was not
//! recognised it opens on a draft (every field of the chosen kind can be
//! added and assigned to any column) and imports with a button; after a
//! successful import each change re-imports at once.

use callcalc_engine::{Field, Layout, ReportKind};
use leptos::prelude::*;

use crate::i18n::{field_text, kind_text, use_i18n, Lang, Msg};
use crate::state::import::{editor_fields, layout_for_header, HeaderRow};

/// "a or b; c" for the requirements a mapping still lacks.
fn missing_text(lang: Lang, layout: &Layout) -> Option<String> {
    let missing = layout.map.missing();
    (!missing.is_empty()).then(|| {
        missing
            .iter()
            .map(|alts| {
                let names: Vec<&str> = alts.iter().map(|f| field_text(lang, *f)).collect();
                names.join(&format!(" {} ", Msg::ImpErrOr.text(lang)))
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[component]
pub fn ColumnMapping(
    /// The layout to start from (detected, remembered, or a draft).
    layout: Layout,
    /// Fields listed from the start (besides required and mapped ones).
    fields: Vec<Field>,
    /// Rows near the top of the file the user can choose as the header.
    rows: Vec<HeaderRow>,
    /// Re-import on every change (`true`), or with a button (a draft).
    immediate: bool,
    on_apply: Callback<Layout>,
) -> impl IntoView {
    let i18n = use_i18n();
    let delimiter = layout.delimiter;
    let draft = RwSignal::new(layout);
    let added: RwSignal<Vec<Field>> = RwSignal::new(fields);
    let rows = StoredValue::new(rows);
    let change = move |next: Layout| {
        draft.set(next.clone());
        if immediate {
            on_apply.run(next);
        }
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let Some(kind) = ReportKind::from_name(&event_target_value(&ev)) else { return };
        let d = draft.get_untracked();
        let row = d.last_header_row();
        let next = rows.with_value(|r| {
            if r.iter().any(|h| h.row == row) {
                layout_for_header(d.delimiter, r, row, kind)
            } else {
                Layout { map: callcalc_engine::ColumnMap::detect(kind, &d.columns), ..d.clone() }
            }
        });
        change(next);
    };
    let on_row = move |ev: leptos::ev::Event| {
        let Ok(row) = event_target_value(&ev).parse::<u64>() else { return };
        let kind = draft.get_untracked().map.kind;
        change(rows.with_value(|r| layout_for_header(delimiter, r, row, kind)));
    };
    let on_add = move |ev: leptos::ev::Event| {
        if let Some(f) = Field::from_name(&event_target_value(&ev)) {
            added.update(|a| a.push(f));
        }
    };
    move || {
        let lang = i18n.lang.get();
        let d = draft.get();
        let kind = d.map.kind;
        let listed = editor_fields(&d, &added.get());
        let kinds = ReportKind::ALL
            .into_iter()
            .map(|k| view! { <option value=k.name() selected=k == kind>{kind_text(lang, k)}</option> })
            .collect_view();
        let header_choice = rows.with_value(|r| {
            (r.len() > 1).then(|| {
                let current = d.last_header_row();
                let options = r
                    .iter()
                    .map(|h| {
                        let label = format!("{} {}: {}", Msg::ImpRowNo.text(lang), h.row, h.preview());
                        view! { <option value=h.row.to_string() selected=h.row == current>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for="mapping-header-row">{Msg::ImpHeaderRow.text(lang)}</label>
                        <select id="mapping-header-row" data-testid="mapping-header-row" on:change=on_row>{options}</select>
                    </div>
                }
            })
        });
        let columns = d.columns.clone();
        let table = listed
            .iter()
            .map(|&field| {
                let current = d.map.get(field);
                let options = columns
                    .iter()
                    .enumerate()
                    .map(|(i, _)| {
                        let label = d.column_label(i);
                        view! { <option value=i.to_string() selected=current == Some(i)>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{field_text(lang, field)} " " <code>{field.name()}</code></th>
                        <td>
                            <select
                                data-testid=format!("map-{}", field.name())
                                on:change=move |ev| {
                                    let mut next = draft.get_untracked();
                                    next.map.set(field, event_target_value(&ev).parse::<usize>().ok());
                                    change(next);
                                }
                            >
                                <option value="" selected=current.is_none()>{Msg::ImportNotMapped.text(lang)}</option>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let addable: Vec<Field> = kind.fields().filter(|f| !listed.contains(f)).collect();
        let add = (!addable.is_empty()).then(|| {
            let options = addable
                .into_iter()
                .map(|f| view! { <option value=f.name()>{format!("{} ({})", field_text(lang, f), f.name())}</option> })
                .collect_view();
            view! {
                <div class="field">
                    <label for="mapping-add">{Msg::ImpAddField.text(lang)}</label>
                    <select id="mapping-add" data-testid="mapping-add" on:change=on_add>
                        <option value="" selected=true>{Msg::ImpAddFieldNone.text(lang)}</option>
                        <optgroup label=format!("{}: {}", Msg::ImpFieldsOfKind.text(lang), kind_text(lang, kind))>
                            {options}
                        </optgroup>
                    </select>
                </div>
            }
        });
        let missing = match missing_text(lang, &d) {
            Some(m) => {
                view! { <p class="error" data-testid="mapping-missing">{Msg::ImpStillMissing.text(lang)} ": " {m}</p> }
                    .into_any()
            }
            None => view! { <p class="hint" data-testid="mapping-complete">{Msg::ImpMappingComplete.text(lang)}</p> }
                .into_any(),
        };
        let apply = (!immediate).then(|| {
            view! {
                <div class="buttons">
                    <button type="button" class="primary" data-testid="mapping-apply" on:click=move |_| on_apply.run(draft.get_untracked())>
                        {Msg::ImpApplyMapping.text(lang)}
                    </button>
                </div>
            }
        });
        view! {
            <details class="how column-mapping" open data-testid="column-mapping">
                <summary>{if immediate { Msg::ImportMapping.text(lang) } else { Msg::ImpEditorTitle.text(lang) }}</summary>
                {(!immediate).then(|| view! { <p class="hint">{Msg::ImpEditorHint.text(lang)}</p> })}
                <div class="staffing-form">
                    <div class="field">
                        <label for="mapping-kind">{Msg::ImportKind.text(lang)}</label>
                        <select id="mapping-kind" data-testid="mapping-kind" on:change=on_kind>{kinds}</select>
                    </div>
                    {header_choice}
                </div>
                <table class="agents-table mapping" data-testid="import-mapping">
                    <thead><tr><th scope="col">{Msg::ImportField.text(lang)}</th><th scope="col">{Msg::ImportColumn.text(lang)}</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
                {add}
                {missing}
                {apply}
            </details>
        }
    }
}
