//! The dashboard settings: grouping, the variant of each KPI (one global
//! choice, printed on every export), the cost input and the peak share.

use callcalc_engine::{Channel, CostVariant, FieldError, Grouping};
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Msg};
use crate::state::kpi::{
    by_name, name_of, KpiForm, KpiParsed, ABANDON_VARIANTS, AHT_VARIANTS, ASA_VARIANTS, COST_BASES, COST_SCOPES,
    OCC_VARIANTS, SL_VARIANTS,
};

const GROUPINGS: [(Grouping, &str); 4] =
    [(Grouping::Interval, "interval"), (Grouping::Day, "day"), (Grouping::Week, "week"), (Grouping::Month, "month")];

fn grouping_msg(g: Grouping) -> Msg {
    match g {
        Grouping::Interval => Msg::KpiGroupInterval,
        Grouping::Day => Msg::KpiGroupDay,
        Grouping::Week => Msg::KpiGroupWeek,
        Grouping::Month => Msg::KpiGroupMonth,
    }
}

/// One labelled `<select>` over a `(value, name)` table, bound to the form.
fn choice_select<T: PartialEq + Copy + Send + Sync + 'static>(
    form: RwSignal<KpiForm>,
    label: Msg,
    testid: &'static str,
    table: &'static [(T, &'static str)],
    text: fn(T) -> Msg,
    get: fn(&KpiForm) -> T,
    set: fn(&mut KpiForm, T),
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{testid}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <select
                id=id
                data-testid=testid
                prop:value=move || form.with(|f| name_of(table, get(f)))
                on:change=move |ev| {
                    if let Some(v) = by_name(table, &event_target_value(&ev)) {
                        form.update(|f| set(f, v));
                    }
                }
            >
                {table
                    .iter()
                    .map(|&(v, name)| {
                        view! {
                            <option value=name selected=move || form.with(|f| get(f) == v)>
                                {move || i18n.t(text(v))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The name of a channel in the current language.
pub fn channel_msg(c: Channel) -> Msg {
    match c {
        Channel::Phone => Msg::KpiChanPhone,
        Channel::Email => Msg::KpiChanEmail,
        Channel::Chat => Msg::KpiChanChat,
        Channel::Messenger => Msg::KpiChanMessenger,
        Channel::WebForm => Msg::KpiChanWebForm,
    }
}

#[component]
pub fn KpiSettings(
    form: RwSignal<KpiForm>,
    parsed: Memo<Result<KpiParsed, Vec<FieldError>>>,
    /// The channels present in the data.
    #[prop(into)]
    channels: Signal<Vec<Channel>>,
    /// The queues present in the data (empty: the source has no queue column).
    #[prop(into)]
    queues: Signal<Vec<String>>,
    /// The data's SL threshold T (seconds; `None`: not stated) and whether it
    /// can be changed (call records) or is the interval report's own.
    #[prop(into)]
    threshold: Signal<(Option<f64>, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let queue_options = move || {
        queues
            .get()
            .into_iter()
            .map(|q| {
                let sel = q.clone();
                let value = q.clone();
                view! {
                    <option value=value selected=move || form.with(|f| f.queue.as_deref() == Some(sel.as_str()))>
                        {q}
                    </option>
                }
            })
            .collect_view()
    };
    let no_queues = move || queues.with(Vec::is_empty);
    let channel_options = move || {
        channels
            .get()
            .into_iter()
            .map(|c| {
                view! {
                    <option value=c.name() selected=move || form.with(|f| f.channel == Some(c))>
                        {move || i18n.t(channel_msg(c))}
                    </option>
                }
            })
            .collect_view()
    };
    // "Cost from the budget": fills both cost fields once from the saved
    // budget on this data set (not kept in sync; the fields stay editable).
    let dataset = crate::state::dataset::use_dataset();
    let budget_cost_error = RwSignal::new(None::<String>);
    let from_budget = move |_| {
        let (saved, _) = crate::state::budget::SavedBudget::load();
        match dataset.with_untracked(|ds| crate::state::budget::kpi_cost_from_budget(&saved, ds)) {
            Ok(c) => {
                let round = |x: f64| format!("{:.2}", x);
                form.update(|f| {
                    f.labour_per_hour = round(c.labour_per_agent_hour());
                    f.other_per_hour = round(c.other_per_agent_hour());
                });
                budget_cost_error.set(None);
            }
            Err(e) => {
                budget_cost_error.set(Some(crate::state::budget::budget_cost_text(i18n.lang.get_untracked(), &e)))
            }
        }
    };
    let (labour, set_labour) = bind(form, |f| &f.labour_per_hour, |f, v| f.labour_per_hour = v);
    let (other, set_other) = bind(form, |f| &f.other_per_hour, |f, v| f.other_per_hour = v);
    let (peak, set_peak) = bind(form, |f| &f.peak_share, |f, v| f.peak_share = v);
    let (sl_t, set_sl_t) = bind(form, |f| &f.sl_threshold, |f, v| f.sl_threshold = v);
    let editable = move || threshold.with(|t| t.1);
    let shown_t = move || match threshold.with(|t| t.0) {
        Some(t) => crate::format::plain(i18n.lang.get(), t),
        None => i18n.t(Msg::KpiThresholdUnknown).to_string(),
    };
    view! {
        <fieldset class="kpi-settings" data-testid="kpi-settings">
            <legend>{move || i18n.t(Msg::KpiSettings)}</legend>
            {choice_select(form, Msg::KpiGrouping, "kpi-grouping", &GROUPINGS, grouping_msg, |f| f.grouping, |f, v| f.grouping = v)}
            <div class="field">
                <label for="field-kpi-channel">{move || i18n.t(Msg::KpiChannel)}</label>
                <select
                    id="field-kpi-channel"
                    data-testid="kpi-channel"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let ch = Channel::ALL.into_iter().find(|c| c.name() == v);
                        form.update(|f| f.channel = ch);
                    }
                >
                    <option value="all" selected=move || form.with(|f| f.channel.is_none())>
                        {move || i18n.t(Msg::KpiChannelAll)}
                    </option>
                    {channel_options}
                </select>
            </div>
            <div class="field">
                <label for="field-kpi-queue">{move || i18n.t(Msg::KpiQueue)}</label>
                <select
                    id="field-kpi-queue"
                    data-testid="kpi-queue"
                    disabled=no_queues
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.queue = (v != "all").then_some(v));
                    }
                >
                    <option value="all" selected=move || form.with(|f| f.queue.is_none())>
                        {move || i18n.t(Msg::KpiQueueAll)}
                    </option>
                    {queue_options}
                </select>
            </div>
            {choice_select(
                form,
                Msg::KpiSlVariant,
                "kpi-sl-variant",
                &SL_VARIANTS,
                crate::components::kpi_table::sl_msg,
                |f| f.choice.service_level,
                |f, v| f.choice.service_level = v,
            )}
            {choice_select(
                form,
                Msg::KpiAsaVariant,
                "kpi-asa-variant",
                &ASA_VARIANTS,
                crate::components::kpi_table::asa_msg,
                |f| f.choice.asa,
                |f, v| f.choice.asa = v,
            )}
            {choice_select(
                form,
                Msg::KpiAbandonVariant,
                "kpi-abandon-variant",
                &ABANDON_VARIANTS,
                crate::components::kpi_table::abandon_msg,
                |f| f.choice.abandonment,
                |f, v| f.choice.abandonment = v,
            )}
            {choice_select(
                form,
                Msg::KpiAhtVariant,
                "kpi-aht-variant",
                &AHT_VARIANTS,
                crate::components::kpi_table::aht_msg,
                |f| f.choice.aht,
                |f, v| f.choice.aht = v,
            )}
            {choice_select(
                form,
                Msg::KpiOccVariant,
                "kpi-occ-variant",
                &OCC_VARIANTS,
                crate::components::kpi_table::occ_msg,
                |f| f.choice.occupancy,
                |f, v| f.choice.occupancy = v,
            )}
            {choice_select(
                form,
                Msg::KpiCostScope,
                "kpi-cost-scope",
                &COST_SCOPES,
                crate::components::kpi_table::scope_msg,
                |f| f.choice.cost.scope,
                |f, v| f.choice.cost = CostVariant { scope: v, ..f.choice.cost },
            )}
            {choice_select(
                form,
                Msg::KpiCostBasis,
                "kpi-cost-basis",
                &COST_BASES,
                crate::components::kpi_table::basis_msg,
                |f| f.choice.cost.basis,
                |f, v| f.choice.cost = CostVariant { basis: v, ..f.choice.cost },
            )}
            <TextField
                label=Msg::KpiLabourPerHour
                name="labour_per_hour"
                value=labour
                on_input=set_labour
                error=field_error(parsed, "labour_per_hour")
            />
            <TextField
                label=Msg::KpiOtherPerHour
                name="other_per_hour"
                value=other
                on_input=set_other
                error=field_error(parsed, "other_per_hour")
            />
            <p class="kpi-cost-from-budget">
                <button type="button" data-testid="kpi-cost-from-budget" on:click=from_budget>
                    {move || i18n.t(Msg::KpiCostFromBudget)}
                </button>
                <small>{move || i18n.t(Msg::KpiCostFromBudgetHint)}</small>
                {move || budget_cost_error.get().map(|e| view! { <span class="error" data-testid="kpi-cost-from-budget-error">{e}</span> })}
            </p>
            <TextField
                label=Msg::KpiPeakShare
                name="peak_share"
                value=peak
                on_input=set_peak
                error=field_error(parsed, "peak_share")
            />
            <Show when=editable>
                <TextField
                    label=Msg::KpiThresholdEdit
                    name="sl_threshold"
                    value=sl_t
                    on_input=set_sl_t
                    error=field_error(parsed, "sl_threshold")
                />
            </Show>
            <p class="kpi-threshold" data-testid="kpi-threshold" data-threshold=move || threshold.with(|t| t.0.map(|x| x.to_string()).unwrap_or_default())>
                {move || i18n.t(Msg::KpiThreshold)}
                ": "
                {shown_t}
            </p>
            <Show when=move || !editable()>
                <p class="note" data-testid="kpi-threshold-why">{move || i18n.t(Msg::KpiThresholdFixed)}</p>
            </Show>
        </fieldset>
    }
}
