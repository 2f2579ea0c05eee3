//! What the shared data set holds now (files, kinds, rows), whether it is
//! kept in the browser, and a one-click way back to the demo centre.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::coverage::coverage_line;
use crate::state::dataset::{save_dataset, use_dataset_store, SaveStatus};

fn status_text(s: &SaveStatus, lang: Lang) -> String {
    match s {
        SaveStatus::Saved { .. } => Msg::ImportxSaved.text(lang).to_string(),
        SaveStatus::TooLarge { bytes, limit } => {
            format!("{} {bytes} / {limit}. {}", Msg::ImportxTooLarge.text(lang), Msg::ImportxTooLargeAfter.text(lang))
        }
        SaveStatus::Refused => Msg::ImportxRefused.text(lang).to_string(),
        SaveStatus::Removed => Msg::ImportxRemoved.text(lang).to_string(),
        SaveStatus::Restored => Msg::ImportxRestored.text(lang).to_string(),
        SaveStatus::Discarded => Msg::ImportxDiscarded.text(lang).to_string(),
    }
}

#[component]
pub fn DataSetPanel(status: RwSignal<Option<SaveStatus>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_dataset_store();
    // Read from the store, not `use_dataset`: showing "demo" must not build
    // the demo centre.
    let lines = Memo::new(move |_| store.0.get().filter(|d| !d.demo).map(|d| d.lines()));
    let coverage = Memo::new(move |_| store.0.with(|d| d.as_ref().filter(|d| !d.demo).and_then(|d| d.coverage())));
    let remove = move |_| {
        store.0.set(None);
        status.set(Some(save_dataset(None)));
    };
    view! {
        <section class="data-set-panel" data-testid="dataset-panel">
            <h3>{move || i18n.t(Msg::ImportxInUse)}</h3>
            {move || {
                let lang = i18n.lang.get();
                if let Some(lines) = lines.get() {
                    let rows = lines
                        .into_iter()
                        .enumerate()
                        .map(|(i, l)| {
                            view! {
                                <tr data-testid=format!("dataset-file-{i}")>
                                    <td data-testid=format!("dataset-file-{i}-name")>{l.file}</td>
                                    <td data-testid=format!("dataset-file-{i}-kind")>{l.kind.name()}</td>
                                    <td data-testid=format!("dataset-file-{i}-kept")>{l.kept}</td>
                                    <td>{l.rejected}</td>
                                    <td>{l.bytes}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <table tabindex="0" class="agents-table" data-testid="dataset-files">
                            <thead><tr>
                                <th scope="col">{Msg::ImportFileCol.text(lang)}</th>
                                <th scope="col">{Msg::ImportKind.text(lang)}</th>
                                <th scope="col">{Msg::ImportKept.text(lang)}</th>
                                <th scope="col">{Msg::ImportRejected.text(lang)}</th>
                                <th scope="col">{Msg::ImportxBytes.text(lang)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {coverage.with(|c| c.as_ref().map(|c| view! { <p data-testid="dataset-coverage">{coverage_line(lang, c)}</p> }))}
                        <button type="button" data-testid="dataset-remove" on:click=remove>
                            {Msg::ImportxRemove.text(lang)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! { <p data-testid="dataset-demo">{Msg::ImportxDemoInUse.text(lang)}</p> }.into_any()
                }
            }}
            {move || {
                status.get().map(|s| {
                    let class = if matches!(s, SaveStatus::Saved { .. } | SaveStatus::Removed | SaveStatus::Restored) {
                        "hint"
                    } else {
                        "error"
                    };
                    view! { <p class=class data-testid="dataset-status">{status_text(&s, i18n.lang.get())}</p> }
                })
            }}
        </section>
    }
}
