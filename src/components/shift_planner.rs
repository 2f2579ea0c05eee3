//! Shift templates (start, length, break, full/part-time), editable; the
//! optimiser's agents per template and day; under/over-staffing and the SL
//! each interval of the week would get; unmet intervals when the templates
//! cannot cover the requirement. Any calendar week of the horizon can be
//! planned (one optimiser run per week) and exported as XLSX.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use callcalc_engine::export::to_xlsx;

use crate::components::staffing_heatmap::slot_head;
use crate::download::{download, XLSX};
use crate::state::forecast::{date, shift_sheets, slot_time, ShiftOutcome, ShiftRow, DAY_SLOTS};

/// File name of the shift plan's download: `callcalc-shifts-<first day>.xlsx`.
pub fn shift_file_name(o: &ShiftOutcome) -> String {
    format!("callcalc-shifts-{}.xlsx", o.days.first().map(|&d| date(d)).unwrap_or_default())
}

#[component]
fn TemplateRow(
    i: usize,
    rows: RwSignal<Vec<ShiftRow>>,
    #[prop(into)] errors: Signal<Vec<(usize, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&ShiftRow) -> String| move || rows.with(|r| r.get(i).map(f).unwrap_or_default());
    let set = move |f: fn(&mut ShiftRow, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            rows.update(|r| {
                if let Some(x) = r.get_mut(i) {
                    f(x, v)
                }
            })
        }
    };
    let err = move || {
        errors.with(|e| e.iter().filter(|(k, _)| *k == i).map(|(_, m)| m.clone()).collect::<Vec<_>>().join("; "))
    };
    view! {
        <tr data-testid=format!("shift-row-{i}")>
            <td><input type="text" aria-label=move || format!("{} {}", i18n.t(Msg::ForecastShiftName), i + 1) data-testid=format!("shift-{i}-name") prop:value=get(|r| r.name.clone()) on:input=set(|r, v| r.name = v) /></td>
            <td><input type="text" size="5" aria-label=move || format!("{} {}", i18n.t(Msg::ForecastShiftStart), i + 1) data-testid=format!("shift-{i}-start") prop:value=get(|r| r.start.clone()) on:input=set(|r, v| r.start = v) /></td>
            <td><input type="text" size="3" inputmode="decimal" aria-label=move || format!("{} {}", i18n.t(Msg::ForecastShiftLength), i + 1) data-testid=format!("shift-{i}-length") prop:value=get(|r| r.length_h.clone()) on:input=set(|r, v| r.length_h = v) /></td>
            <td><input type="text" size="3" inputmode="numeric" aria-label=move || format!("{} {}", i18n.t(Msg::ForecastShiftBreak), i + 1) data-testid=format!("shift-{i}-break") prop:value=get(|r| r.break_min.clone()) on:input=set(|r, v| r.break_min = v) /></td>
            <td><input type="checkbox" aria-label=move || format!("{} {}", i18n.t(Msg::ForecastShiftPartTime), i + 1) data-testid=format!("shift-{i}-part-time") prop:checked=move || rows.with(|r| r.get(i).is_some_and(|x| x.part_time))
                on:change=move |ev| { let c = event_target_checked(&ev); rows.update(|r| if let Some(x) = r.get_mut(i) { x.part_time = c }) } /></td>
            <td><button type="button" class="no-print" data-testid=format!("shift-{i}-remove") on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>
                {move || i18n.t(Msg::ForecastShiftRemove)}</button></td>
            <td class="error" data-testid=format!("shift-{i}-error")>{err}</td>
        </tr>
    }
}

#[component]
pub fn ShiftPlanner(
    rows: RwSignal<Vec<ShiftRow>>,
    #[prop(into)] errors: Signal<Vec<(usize, String)>>,
    #[prop(into)] outcome: Signal<Option<Result<ShiftOutcome, String>>>,
    on_run: Callback<()>,
    /// The week planned: index into `weeks`.
    week: RwSignal<usize>,
    /// The calendar weeks of the horizon: (first, last) open day.
    #[prop(into)]
    weeks: Signal<Vec<(i64, i64)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let week_options = move || {
        let lang = i18n.lang.get();
        weeks.with(|w| {
            w.iter()
                .enumerate()
                .map(|(k, (a, b))| {
                    view! {
                        <option value=k.to_string() selected=move || week.get() == k>
                            {format!("{} {}: {} – {}", Msg::ForecastShiftWeekN.text(lang), k + 1, date(*a), date(*b))}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let export = move |_| {
        outcome.with_untracked(|o| {
            if let Some(Ok(o)) = o {
                download(&shift_file_name(o), XLSX, &to_xlsx(&shift_sheets(o)));
            }
        })
    };
    let count = Memo::new(move |_| rows.with(Vec::len));
    let template_rows =
        move || (0..count.get()).map(|i| view! { <TemplateRow i=i rows=rows errors=errors /> }).collect_view();
    let result = move || {
        let lang = i18n.lang.get();
        outcome.with(|o| match o {
            None => view! { <p class="hint">{Msg::ForecastShiftNotRun.text(lang)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" data-testid="shift-error">{e.clone()}</p> }.into_any(),
            Some(Ok(o)) => {
                let p = &o.plan;
                let days = o.days.len();
                // Starts: one row per (template name, start time), agents per day.
                let mut keys: Vec<(String, u32)> = Vec::new();
                for c in &p.shifts {
                    let k = (c.name.clone(), c.start % DAY_SLOTS);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                let starts = keys
                    .iter()
                    .enumerate()
                    .map(|(i, (name, slot))| {
                        let cells = (0..days)
                            .map(|d| {
                                let n: u32 = p
                                    .shifts
                                    .iter()
                                    .filter(|c| &c.name == name && c.start == d as u32 * DAY_SLOTS + slot)
                                    .map(|c| c.agents)
                                    .sum();
                                view! { <td data-testid=format!("shift-start-{i}-{d}")>{n}</td> }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{format!("{name} {}", slot_time(*slot))}</th>{cells}</tr> }
                    })
                    .collect_view();
                let day_heads = o.days.iter().map(|&d| view! { <th scope="col">{date(d)}</th> }).collect_view();
                // Coverage over the open slots (any requirement or scheduled agent).
                let used: Vec<u32> = (0..DAY_SLOTS)
                    .filter(|s| {
                        (0..days).any(|d| {
                            let c = &p.intervals[d * DAY_SLOTS as usize + *s as usize];
                            c.required > 0 || c.scheduled > 0
                        })
                    })
                    .collect();
                let cov_head = used.iter().map(|&s| slot_head(s)).collect_view();
                let cov_rows = (0..days)
                    .map(|d| {
                        let cells = used
                            .iter()
                            .map(|&s| {
                                let i = d * DAY_SLOTS as usize + s as usize;
                                let c = p.intervals[i];
                                let diff = i64::from(c.scheduled) - i64::from(c.required);
                                let sl = o.service_level[i].map(|x| format::percent(lang, x, 0)).unwrap_or_default();
                                view! {
                                    <td data-testid=format!("cov-{d}-{s}") class:under={c.under > 0} class:over={c.over > 0}
                                        title=format!("{} {}: {} / {} — SL {}", date(o.days[d]), slot_time(s), c.scheduled, c.required, sl)>
                                        {if diff > 0 { format!("+{diff}") } else { diff.to_string() }}
                                    </td>
                                }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{date(o.days[d])}</th>{cells}</tr> }
                    })
                    .collect_view();
                let unmet = p
                    .unmet_intervals
                    .iter()
                    .take(20)
                    .map(|&i| {
                        let d = (i / DAY_SLOTS) as usize;
                        format!("{} {}", o.days.get(d).map(|&x| date(x)).unwrap_or_default(), slot_time(i % DAY_SLOTS))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <p class="no-print">
                        <button type="button" data-testid="shift-export" on:click=export>{Msg::ForecastShiftExport.text(lang)}</button>
                    </p>
                    <dl class="figures">
                        <dt>{Msg::ForecastShiftAgents.text(lang)}</dt><dd data-testid="shift-agents">{p.agents}</dd>
                        <dt>{Msg::ForecastShiftPaidHours.text(lang)}</dt><dd data-testid="shift-paid-hours">{format::number(lang, p.paid_hours, 1)}</dd>
                        <dt>{Msg::ForecastShiftBound.text(lang)}</dt><dd data-testid="shift-bound">{format::number(lang, p.lower_bound_hours, 1)}</dd>
                        <dt>{Msg::ForecastShiftUnder.text(lang)}</dt><dd data-testid="shift-under">{p.under_total}</dd>
                        <dt>{Msg::ForecastShiftOver.text(lang)}</dt><dd data-testid="shift-over">{p.over_total}</dd>
                        <dt>{if o.deadline_met { Msg::ForecastDeferredShiftBelow } else { Msg::ForecastShiftBelow }.text(lang)}</dt><dd data-testid="shift-below">{o.below_target}</dd>
                        <dt>{Msg::ForecastShiftUnmet.text(lang)}</dt>
                        <dd data-testid="shift-unmet">{p.unmet_intervals.len()} {(!unmet.is_empty()).then(|| format!(": {unmet}"))}</dd>
                    </dl>
                    <h3>{Msg::ForecastShiftStarts.text(lang)}</h3>
                    <table tabindex="0" class="agents-table" data-testid="shift-starts">
                        <thead><tr><th scope="col">{Msg::ShiftStartsCorner.text(lang)}</th>{day_heads}</tr></thead>
                        <tbody>{starts}</tbody>
                    </table>
                    <h3>{Msg::ForecastShiftCoverage.text(lang)}</h3>
                    {o.deadline_met.then(|| view! { <p class="hint" data-testid="shift-deferred-note">{Msg::ForecastDeferredShiftNote.text(lang)}</p> })}
                    <div class="heatmap-scroll" tabindex="0" role="region" aria-label=Msg::ForecastShiftCoverage.text(lang)>
                        <table class="heatmap coverage" data-testid="shift-coverage">
                            <thead><tr><th scope="col">{Msg::HeatmapDate.text(lang)}</th>{cov_head}</tr></thead>
                            <tbody>{cov_rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="shift-planner" data-testid="shift-planner">
            <h2>{move || i18n.t(Msg::ForecastShiftsWeek)}</h2>
            <label class="field">
                <span>{move || i18n.t(Msg::ForecastShiftWeek)}</span>
                <select data-testid="select-shift-week" on:change=move |ev| {
                    if let Ok(k) = event_target_value(&ev).parse::<usize>() { week.set(k) }
                }>{week_options}</select>
            </label>
            <table class="agents-table shift-templates" data-testid="shift-templates">
                <thead><tr>
                    <th scope="col">{move || i18n.t(Msg::ForecastShiftName)}</th>
                    <th scope="col">{move || i18n.t(Msg::ForecastShiftStart)}</th>
                    <th scope="col">{move || i18n.t(Msg::ForecastShiftLength)}</th>
                    <th scope="col">{move || i18n.t(Msg::ForecastShiftBreak)}</th>
                    <th scope="col">{move || i18n.t(Msg::ForecastShiftPartTime)}</th>
                    <th></th><th></th>
                </tr></thead>
                <tbody>{template_rows}</tbody>
            </table>
            <p class="no-print">
                <button type="button" data-testid="shift-add" on:click=move |_| rows.update(|r| r.push(ShiftRow::new("", "09:00", "8", "60", false)))>
                    {move || i18n.t(Msg::ForecastShiftAdd)}
                </button>
                " "
                <button type="button" class="primary" data-testid="shift-run" on:click=move |_| on_run.run(())>
                    {move || i18n.t(Msg::ForecastShiftRun)}
                </button>
            </p>
            {result}
        </section>
    }
}
