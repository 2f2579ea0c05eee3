//! Per-operator KPIs: contacts per channel and shares, AHT/talk/hold/ACW,
//! transfers, short contacts, not-ready by reason, occupancy, contacts per
//! logged-in hour. Sortable by clicking a header.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::operators::{sort_rows, OperatorRow, SortKey};

fn header(key: SortKey) -> Msg {
    match key {
        SortKey::Operator => Msg::OperatorsColOperator,
        SortKey::Contacts => Msg::OperatorsColContacts,
        SortKey::Aht => Msg::OperatorsColAht,
        SortKey::Talk => Msg::OperatorsColTalk,
        SortKey::Hold => Msg::OperatorsColHold,
        SortKey::Acw => Msg::OperatorsColAcw,
        SortKey::Transfers => Msg::OperatorsColTransfers,
        SortKey::Short => Msg::OperatorsColShort,
        SortKey::NotReady => Msg::OperatorsColNotReady,
        SortKey::Occupancy => Msg::OperatorsColOccupancy,
        SortKey::Conformance => Msg::OperatorsColConformance,
        SortKey::PerHour => Msg::OperatorsColPerHour,
        SortKey::NearSl => Msg::OperatorsColNearSl,
        SortKey::Repeats => Msg::OperatorsColRepeats,
        SortKey::Resolution => Msg::OperatorsColResolved,
        SortKey::ResolutionWeighted => Msg::OperatorsColResolvedWeighted,
        SortKey::Flags => Msg::OperatorsColFlags,
    }
}

/// The translated peer group: «queue: VIP», «channel: phone», «whole centre».
pub fn peer_group_text(lang: Lang, g: &callcalc_engine::PeerGroup) -> String {
    use callcalc_engine::PeerGroup;
    match g {
        PeerGroup::Queue(q) => format!("{}: {q}", Msg::OperatorsGroupQueue.text(lang)),
        PeerGroup::Channel(c) => format!("{}: {}", Msg::OperatorsGroupChannel.text(lang), channel_text(lang, *c)),
        PeerGroup::Centre => Msg::OperatorsGroupCentre.text(lang).to_string(),
    }
}

/// The translated channel name.
pub fn channel_text(lang: Lang, c: callcalc_engine::Channel) -> &'static str {
    use callcalc_engine::Channel;
    match c {
        Channel::Phone => Msg::OperatorsChannelPhone.text(lang),
        Channel::Chat => Msg::OperatorsChannelChat.text(lang),
        Channel::Email => Msg::OperatorsChannelEmail.text(lang),
        other => other.name(),
    }
}

#[component]
pub fn OperatorTable(
    #[prop(into)] rows: Signal<Vec<OperatorRow>>,
    /// The operator whose detail is open; clicking a name sets it.
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sort = RwSignal::new((SortKey::Operator, true));
    let sorted = Memo::new(move |_| {
        let (key, asc) = sort.get();
        let mut r = rows.get();
        sort_rows(&mut r, key, asc);
        r
    });
    let click = move |key: SortKey| {
        sort.update(|s| {
            // a new column starts descending (largest first), except the name
            *s = if s.0 == key { (key, !s.1) } else { (key, key == SortKey::Operator) };
        })
    };
    let th = move |key: SortKey| {
        let arrow = move || match sort.get() {
            (k, true) if k == key => " ▲",
            (k, false) if k == key => " ▼",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=move || match sort.get() {
                (k, true) if k == key => "ascending",
                (k, false) if k == key => "descending",
                _ => "none",
            }>
                <button type="button" class="sort" data-testid=format!("sort-{}", key.name()) on:click=move |_| click(key)>
                    {move || i18n.t(header(key))}
                    {arrow}
                </button>
            </th>
        }
    };
    let opt = move |lang: Lang, x: Option<f64>, d: usize| {
        x.map(|v| format::number(lang, v, d)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())
    };
    view! {
        <div class="operator-table-wrap">
            <table class="operator-table" data-testid="operators-table">
                <caption>{move || i18n.t(Msg::OperatorsTableCaption)}</caption>
                <thead>
                    <tr>
                        {th(SortKey::Operator)}
                        {th(SortKey::Contacts)}
                        <th scope="col">{move || i18n.t(Msg::OperatorsColChannels)}</th>
                        {th(SortKey::Aht)}
                        {th(SortKey::Talk)}
                        {th(SortKey::Hold)}
                        {th(SortKey::Acw)}
                        {th(SortKey::Transfers)}
                        {th(SortKey::Short)}
                        {th(SortKey::NotReady)}
                        {th(SortKey::Occupancy)}
                        {th(SortKey::Conformance)}
                        {th(SortKey::PerHour)}
                        {th(SortKey::NearSl)}
                        {th(SortKey::Repeats)}
                        {th(SortKey::Resolution)}
                        {th(SortKey::ResolutionWeighted)}
                        <th scope="col">{move || i18n.t(Msg::OperatorsColPeers)}</th>
                        {th(SortKey::Flags)}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.lang.get();
                        sorted
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let id = move |c: &str| format!("op-row-{i}-{c}");
                                let channels = r
                                    .by_channel
                                    .iter()
                                    .map(|c| {
                                        format!(
                                            "{}: {} / {} / {}",
                                            channel_text(lang, c.channel),
                                            c.contacts,
                                            format::percent(lang, c.share_of_operator, 0),
                                            format::percent(lang, c.share_of_centre, 1)
                                        )
                                    })
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                let reasons = r
                                    .not_ready_by_reason
                                    .iter()
                                    .map(|(why, s)| format!("{why}: {}", format::number(lang, s / 3600.0, 1)))
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                view! {
                                    <tr data-testid=format!("op-row-{i}") class:flagged={r.flags > 0}>
                                        <th scope="row" data-testid=id("name")>
                                            <button
                                                type="button"
                                                class="op-open"
                                                title=Msg::OperatorsDetailOpen.text(lang)
                                                data-testid=id("open")
                                                on:click={
                                                    let op = r.operator.clone();
                                                    move |_| selected.set(Some(op.clone()))
                                                }
                                            >
                                                {r.operator.clone()}
                                            </button>
                                        </th>
                                        <td class="num" data-testid=id("contacts")>{r.contacts}</td>
                                        <td class="channels" data-testid=id("channels")>{channels}</td>
                                        <td class="num" data-testid=id("aht")>{opt(lang, r.aht_s, 0)}</td>
                                        <td class="num" data-testid=id("talk")>{opt(lang, r.talk_s, 0)}</td>
                                        <td class="num" data-testid=id("hold")>{opt(lang, r.hold_s, 1)}</td>
                                        <td class="num" data-testid=id("acw")>{opt(lang, r.acw_s, 1)}</td>
                                        <td class="num" data-testid=id("transfers")>{r.transfers}</td>
                                        <td class="num" data-testid=id("short")>
                                            {r.short_contacts}
                                            {r.short_share.map(|s| format!(" ({})", format::percent(lang, s, 1)))}
                                        </td>
                                        <td data-testid=id("not-ready")>
                                            {opt(lang, r.not_ready_s.map(|s| s / 3600.0), 1)}
                                            {(!reasons.is_empty()).then(|| view! { <small class="reasons">{reasons}</small> })}
                                        </td>
                                        <td class="num" data-testid=id("occupancy")>
                                            {r.occupancy.map(|x| format::percent(lang, x, 1)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td class="num" data-testid=id("conformance")>
                                            {r.conformance.map(|x| format::percent(lang, x, 1)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td class="num" data-testid=id("per-hour")>{opt(lang, r.contacts_per_hour, 1)}</td>
                                        <td class="num" data-testid=id("near-sl")>
                                            {r.near_sl_share.map(|x| format::percent(lang, x, 1)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td class="num" data-testid=id("repeats")>
                                            {r.repeat_share.map(|x| format!("{} ({})", r.repeat_followed, format::percent(lang, x, 1))).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td class="num" data-testid=id("resolved")>
                                            {r.resolution_rate.map(|x| format!("{} / {} ({})", r.resolved, r.registered, format::percent(lang, x, 1))).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td class="num" data-testid=id("resolved-weighted")>
                                            {r.resolution_rate_weighted.map(|x| format!("{} ({})", format::number(lang, r.resolved_weighted, 0), format::percent(lang, x, 1))).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())}
                                        </td>
                                        <td data-testid=id("peers")>
                                            {if r.contacts > 0 { peer_group_text(lang, &r.peer_group) } else { Msg::NotApplicable.text(lang).to_string() }}
                                        </td>
                                        <td class="num" data-testid=id("flags")>{r.flags}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
