//! Import statistics: a file (or the demo centre) → summary, column mapping,
//! rejected rows, interval KPIs; an interval can feed the staffing page.
//! The file is read with the browser's File API and never leaves it.

use std::sync::Arc;

use callcalc_engine::{Layout, MappingFileError, ReportKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::column_mapping::ColumnMapping;
use crate::components::data_set_panel::DataSetPanel;
use crate::components::import_summary::ImportSummaryPanel;
use crate::components::interval_table::IntervalTable;
use crate::components::rejected_rows::RejectedRows;
use crate::components::row_filters::RowFilters;
use crate::components::value_mapping::ValueMappingPanel;
use crate::download::{download, JSON};
use crate::i18n::{use_i18n, Msg};
use crate::state::dataset::{save_dataset, use_dataset_store, Part, SaveStatus, StartStatus};
use crate::state::import::{
    demo_source, encode_mapping_with, failure_text, load_mapping_file, mapping_error_text, mapping_offset, note_text,
    recall_offset, remember_mapping, remembered_layout, sheet_source, staffing_from, uses_utc_offset,
    utc_offset_from_js, workbook_sheets, ChunkedImport, Failure, ImportView, IntervalLine, Settings, SheetChoice,
    Source,
};
use crate::state::staffing::StaffingInputs;

/// Gives the browser a turn (paint the progress bar, handle a click).
async fn yield_to_browser() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// One import in 1 MiB steps, yielding to the browser between steps and
/// reporting progress; `None` when `cancelled` says so.
async fn import_in_steps(
    source: &Source,
    settings: Settings,
    layout: Option<Layout>,
    progress: impl Fn(f64),
    cancelled: impl Fn() -> bool,
) -> Option<Result<ImportView, Failure>> {
    let mut run = match ChunkedImport::new(source, settings, layout) {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    loop {
        let done = run.step();
        progress(run.progress());
        yield_to_browser().await;
        if cancelled() {
            return None;
        }
        if done {
            return Some(run.finish());
        }
    }
}

/// Reads the first file chosen in an `<input type="file">`.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<Source> {
    let file = input.files()?.get(0)?;
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    Some(Source { name: file.name(), bytes: Arc::new(bytes) })
}

/// The layout on the page, read without tracking (see `current_layout`).
fn current_layout_untracked(outcome: RwSignal<Option<Result<ImportView, Failure>>>) -> Option<Layout> {
    match outcome.get_untracked() {
        Some(Ok(v)) => Some(v.layout),
        Some(Err(f)) => f.draft().map(|d| d.layout.clone()),
        None => None,
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let source: RwSignal<Option<Source>> = RwSignal::new(None);
    // Epoch-time formats: the browser's zone until the user says otherwise.
    let browser_offset = utc_offset_from_js(js_sys::Date::new_0().get_timezone_offset());
    let settings = RwSignal::new(Settings { utc_offset_min: browser_offset, ..Settings::default() });
    let layout_override: RwSignal<Option<Layout>> = RwSignal::new(None);
    let reading = RwSignal::new(false);
    // The import runs in steps (see `import_in_steps`); each new run (another
    // file, setting or mapping) or a cancel bumps `generation`, which stops
    // the older run at its next step.
    let outcome: RwSignal<Option<Result<ImportView, Failure>>> = RwSignal::new(None);
    let progress: RwSignal<Option<f64>> = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    let settings_signal = settings;
    Effect::new(move |_| {
        let src = source.get();
        let settings = settings.get();
        let layout = layout_override.get();
        generation.update_value(|g| *g += 1);
        let gen = generation.get_value();
        let Some(src) = src else {
            outcome.set(None);
            progress.set(None);
            return;
        };
        progress.set(Some(0.0));
        spawn_local(async move {
            let current = move || generation.try_get_value() == Some(gen);
            let report = move |p: f64| {
                if current() {
                    progress.set(Some(p));
                }
            };
            let forced = layout.is_some();
            let mut result = import_in_steps(&src, settings, layout, report, move || !current()).await;
            // A mapping remembered for this header set (or for the draft's
            // header row when none was recognised): import again with it,
            // and with its UTC offset (which re-runs this effect once).
            if let Some(r) = &result {
                if let Some(remembered) = remembered_layout(r, forced) {
                    if let Some(o) = recall_offset(&remembered).filter(|o| *o != settings.utc_offset_min) {
                        if current() {
                            settings_signal.update(|s| s.utc_offset_min = o);
                        }
                        return;
                    }
                    result = import_in_steps(&src, settings, Some(remembered), report, move || !current()).await;
                }
            }
            if let (Some(r), true) = (result, current()) {
                outcome.set(Some(r));
                progress.set(None);
            }
        });
    });
    let cancel = move |_| {
        generation.update_value(|g| *g += 1);
        progress.set(None);
        outcome.set(None);
        source.set(None);
        reading.set(false);
    };
    let view_ok = Signal::derive(move || outcome.get().and_then(Result::ok));
    let on_mapping = Callback::new(move |l: Layout| layout_override.set(Some(l)));
    // The UTC offset belongs to the mapping of epoch-time formats only.
    let view_offset = move || {
        view_ok
            .with_untracked(|v| v.as_ref().map(|v| v.summary.format))
            .filter(|f| uses_utc_offset(*f))
            .map(|_| settings.get_untracked().utc_offset_min)
    };
    // The layout on the page: the import's, or the editor's draft when no
    // header was recognised (a loaded mapping file applies to it).
    let current_layout = move || match outcome.get() {
        Some(Ok(v)) => Some(v.layout),
        Some(Err(f)) => f.draft().map(|d| d.layout.clone()),
        None => None,
    };
    let mapping_note: RwSignal<Option<Result<(), MappingFileError>>> = RwSignal::new(None);
    let on_save_mapping = move |_| {
        if let Some(v) = view_ok.get_untracked() {
            let stem = v.summary.file.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or(v.summary.file.clone());
            let offset = uses_utc_offset(v.summary.format).then(|| settings.get_untracked().utc_offset_min);
            download(&format!("{stem}.mapping.json"), JSON, encode_mapping_with(&v.layout, offset).as_bytes());
        }
    };
    let on_load_mapping = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        spawn_local(async move {
            let Some(file) = read_file(input).await else { return };
            let Some(current) = current_layout_untracked(outcome) else { return };
            let text = callcalc_engine::decode(&file.bytes).text;
            match load_mapping_file(&text, &current) {
                Ok(l) => {
                    mapping_note.set(Some(Ok(())));
                    if let Some(o) = mapping_offset(&text) {
                        settings.update(|s| s.utc_offset_min = o);
                    }
                    layout_override.set(Some(l));
                }
                Err(e) => mapping_note.set(Some(Err(e))),
            }
        });
    };
    // A mapping the user changed is remembered for files with the same header set.
    Effect::new(move |_| {
        if let Some(layout) = layout_override.get() {
            let offset = view_offset();
            remember_mapping(&layout, offset);
        }
    });
    // An XLSX/ODS workbook as read, and its sheet names (the importer gets
    // the chosen sheet's text; `ChunkedImport` takes the first with data).
    let workbook: RwSignal<Option<(Source, SheetChoice)>> = RwSignal::new(None);
    let sheet: RwSignal<Option<String>> = RwSignal::new(None);
    let set_source = move |s: Option<Source>| {
        layout_override.set(None);
        let choice = s.as_ref().and_then(|s| workbook_sheets(&s.name, &s.bytes)).and_then(Result::ok);
        sheet.set(choice.as_ref().and_then(|c| c.default.clone()));
        workbook.set(s.clone().zip(choice));
        source.set(s);
        reading.set(false);
    };
    let on_sheet = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        let Some((wb, _)) = workbook.get_untracked() else { return };
        layout_override.set(None);
        sheet.set(Some(name.clone()));
        match sheet_source(&wb, Some(&name)) {
            Ok(s) => source.set(Some(s)),
            Err(e) => {
                source.set(None);
                outcome.set(Some(Err(e)));
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        reading.set(true);
        spawn_local(async move { set_source(read_file(input).await) });
    };
    // The shared data set: what the analysis pages work from.
    let store = use_dataset_store();
    let save_status: RwSignal<Option<SaveStatus>> = RwSignal::new(use_context::<StartStatus>().and_then(|s| s.0));
    let use_error: RwSignal<Option<String>> = RwSignal::new(None);
    let on_use_data = move |_| {
        let (Some(src), Some(v)) = (source.get_untracked(), view_ok.get_untracked()) else { return };
        // Epoch times (queue_log, Asterisk CDR) with the offset the page shows.
        let offset_s = view_offset().unwrap_or(0).saturating_mul(60);
        // A vendor format is read by its own reader, not through a mapping.
        let layout = v.summary.format.is_none().then_some(v.layout);
        match Part::import_with_offset(src, layout, offset_s) {
            Ok(part) => {
                let next = store.0.get_untracked().unwrap_or_default().with_part(part);
                save_status.set(Some(save_dataset(Some(&next))));
                store.0.set(Some(next));
                use_error.set(None);
            }
            Err(e) => use_error.set(Some(e)),
        }
    };
    let on_use = Callback::new(move |l: IntervalLine| {
        let (base, _) = StaffingInputs::load_saved();
        if let Some(f) = staffing_from(&l, &base) {
            f.save();
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash("staffing");
            }
        }
    });
    view! {
        <section class="page import-page">
            <h1>{move || i18n.t(Msg::ImportTitle)}</h1>
            <p class="hint">{move || i18n.t(Msg::ImportPrivacy)}</p>
            <div class="import-controls staffing-form">
                <div class="field">
                    <label for="import-file">{move || i18n.t(Msg::ImportFile)}</label>
                    <input id="import-file" type="file" accept=".csv,.txt,.tsv,.xlsx,.ods,text/csv,text/plain" data-testid="import-file" on:change=on_file />
                </div>
                {move || {
                    workbook.get().filter(|(_, c)| c.names.len() > 1).map(|(_, c)| {
                        view! {
                            <div class="field">
                                <label for="import-sheet">{move || i18n.t(Msg::ImportxlsxSheet)}</label>
                                <select id="import-sheet" data-testid="import-sheet" on:change=on_sheet>
                                    {c.names
                                        .into_iter()
                                        .map(|n| {
                                            let v = n.clone();
                                            let chosen = n.clone();
                                            view! {
                                                <option value=v selected=move || sheet.get().as_deref() == Some(chosen.as_str())>
                                                    {n}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })
                }}
                <div class="buttons">
                    <button type="button" data-testid="import-demo-cdr" on:click=move |_| set_source(Some(demo_source(ReportKind::Cdr)))>
                        {move || i18n.t(Msg::ImportDemoCdr)}
                    </button>
                    <button type="button" data-testid="import-demo-intervals" on:click=move |_| set_source(Some(demo_source(ReportKind::Interval)))>
                        {move || i18n.t(Msg::ImportDemoIntervals)}
                    </button>
                </div>
                <div class="field">
                    <label for="import-interval">{move || i18n.t(Msg::ImportInterval)}</label>
                    <select
                        id="import-interval"
                        data-testid="import-interval"
                        on:change=move |ev| {
                            if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                                settings.update(|s| s.interval_min = m);
                            }
                        }
                    >
                        {[15u32, 30, 60]
                            .into_iter()
                            .map(|m| view! { <option value=m.to_string() selected=move || settings.get().interval_min == m>{m}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || reading.get()>
                <p class="hint" data-testid="import-reading">{move || i18n.t(Msg::ImportReading)}</p>
            </Show>
            {move || {
                progress.get().map(|p| {
                    let pct = (p * 100.0).floor() as u32;
                    view! {
                        <div class="import-progress" data-testid="import-progress">
                            <progress max="100" value=pct.to_string()></progress>
                            " " <span data-testid="import-progress-pct">{pct} " %"</span> " "
                            <button type="button" data-testid="import-cancel" on:click=cancel>
                                {i18n.t(Msg::ImportxCancel)}
                            </button>
                        </div>
                    }
                })
            }}
            {move || {
                outcome.get().and_then(Result::err).map(|e| {
                    let lang = i18n.lang.get();
                    // No header recognised: the editor opens on a draft.
                    let editor = e.draft().cloned().map(|d| {
                        view! { <ColumnMapping layout=d.layout fields=Vec::new() rows=d.rows immediate=false on_apply=on_mapping /> }
                    });
                    view! {
                        <p class="error" role="alert" data-testid="import-error">
                            {Msg::ImportFailed.text(lang)} ": " {failure_text(lang, &e)}
                        </p>
                        {editor}
                    }
                })
            }}
            <Show when=move || view_ok.get().is_some()>
                <div class="buttons">
                    <button type="button" class="primary" data-testid="import-use-dataset" on:click=on_use_data>
                        {move || i18n.t(Msg::ImportxUseData)}
                    </button>
                </div>
            </Show>
            {move || use_error.get().map(|e| view! { <p class="error" role="alert" data-testid="import-use-error">{e}</p> })}
            <DataSetPanel status=save_status />
            <ImportSummaryPanel view=view_ok />
            {move || {
                let lang = i18n.lang.get();
                view_ok.get().and_then(|v| v.summary.format.map(|f| (f, v.layout))).map(|(f, layout)| {
                    let notes = f.notes().iter().map(|n| view! { <li>{note_text(lang, *n)}</li> }).collect_view();
                    let offset = uses_utc_offset(Some(f)).then(|| {
                        let on_offset = move |ev: leptos::ev::Event| {
                            let Ok(o) = event_target_value(&ev).trim().parse::<i32>() else { return };
                            if o.abs() <= 24 * 60 && o != settings.get_untracked().utc_offset_min {
                                remember_mapping(&layout, Some(o));
                                settings.update(|s| s.utc_offset_min = o);
                            }
                        };
                        view! {
                            <div class="field">
                                <label for="import-utc-offset">{Msg::ImpUtcOffset.text(lang)}</label>
                                <input id="import-utc-offset" type="number" min="-1440" max="1440" step="15" data-testid="import-utc-offset"
                                    prop:value=move || settings.get().utc_offset_min.to_string() on:change=on_offset />
                                <p class="hint">{Msg::ImpUtcOffsetHint.text(lang)}</p>
                            </div>
                        }
                    });
                    view! {
                        <section class="import-format" data-testid="import-format">
                            <p>{Msg::ImpFormat.text(lang)} ": " <strong data-testid="import-format-name">{f.name()}</strong></p>
                            <ul class="hint">{notes}</ul>
                            {offset}
                        </section>
                    }
                })
            }}
            {move || {
                view_ok.get().map(|v| {
                    view! { <ColumnMapping layout=v.layout fields=v.fields rows=v.header_rows immediate=true on_apply=on_mapping /> }
                })
            }}
            <ValueMappingPanel view=view_ok on_apply=on_mapping />
            <RowFilters view=view_ok on_apply=on_mapping />
            <div class="buttons mapping-file">
                <Show when=move || view_ok.get().is_some()>
                    <button type="button" data-testid="mapping-save" on:click=on_save_mapping>{move || i18n.t(Msg::ImpMappingSave)}</button>
                </Show>
                <Show when=move || current_layout().is_some()>
                    <label for="mapping-load">{move || i18n.t(Msg::ImpMappingLoad)}</label>
                    <input id="mapping-load" type="file" accept=".json,application/json" data-testid="mapping-load" on:change=on_load_mapping />
                </Show>
            </div>
            {move || {
                mapping_note.get().map(|r| match r {
                    Ok(()) => view! { <p class="hint" data-testid="mapping-loaded">{i18n.t(Msg::ImpMappingLoaded)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert" data-testid="mapping-error">{mapping_error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                })
            }}
            <RejectedRows view=view_ok />
            <IntervalTable view=view_ok on_use=on_use />
        </section>
    }
}
