//! The detail panel of one operator (opened by clicking a name in the
//! operator table): contacts and shares per channel, handling measures,
//! not-ready by reason, occupancy, contacts per logged-in hour, the
//! distributions of handle time and of wait at answer against the peer group
//! (SVG histograms), and the operator's raised flags with their evidence.

use callcalc_engine::{DetectorSettings, FieldError, Histogram, OperatorReport};
use leptos::prelude::*;

use crate::components::operator_flags::{explanation, pattern_text, statistic_text};
use crate::components::operator_table::{channel_text, peer_group_text};
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::operators::{operator_detail, SharedData};

const W: f64 = 420.0;
const H: f64 = 150.0;
const AXIS: f64 = 18.0;

/// A histogram of the operator (filled bars) next to the peers (outlined
/// bars), as shares of each side's contacts; `marker`: the bin whose lower
/// edge is the SL threshold gets a line, the bin before it a band.
fn histogram_svg(
    lang: Lang,
    testid: &'static str,
    mine: &Histogram,
    peers: &Histogram,
    marker: Option<f64>,
) -> impl IntoView {
    let bins = mine.counts.len().max(1);
    let bw = W / bins as f64;
    let top = (0..bins).map(|j| mine.share(j).max(peers.share(j))).fold(0.0f64, f64::max).max(1e-9);
    let y = move |share: f64| (H - AXIS) * (1.0 - share / top);
    let t_bin = marker.and_then(|t| mine.lower.iter().position(|&e| (e - t).abs() < 1e-9));
    let band = t_bin.filter(|&j| j > 0).map(|j| {
        view! { <rect class="hist-band" x=(j - 1) as f64 * bw y="0" width=bw height=H - AXIS /> }
    });
    let line = t_bin.map(|j| {
        let x = j as f64 * bw;
        view! { <line class="hist-marker" data-testid=format!("{testid}-marker") x1=x x2=x y1="0" y2=H - AXIS /> }
    });
    let bars = (0..bins)
        .map(|j| {
            let (a, b) = (mine.share(j), peers.share(j));
            let x = j as f64 * bw;
            let upper = mine.lower.get(j + 1).map(|u| format::plain(lang, *u)).unwrap_or_else(|| "∞".into());
            let label = format!(
                "({}; {}]: {} / {}",
                format::plain(lang, mine.lower[j]),
                upper,
                format::percent(lang, a, 1),
                format::percent(lang, b, 1)
            );
            let tick = (j % 2 == 0).then(|| {
                view! { <text class="hist-tick" x=x + 2.0 y=H - 4.0>{format::plain(lang, mine.lower[j])}</text> }
            });
            view! {
                <g>
                    <rect
                        class="hist-op"
                        data-testid=format!("{testid}-bar-{j}")
                        data-share=a.to_string()
                        x=x + 1.0
                        y=y(a)
                        width=(bw / 2.0 - 1.0).max(0.5)
                        height=(H - AXIS) - y(a)
                    >
                        <title>{label.clone()}</title>
                    </rect>
                    <rect
                        class="hist-peer"
                        data-testid=format!("{testid}-peer-{j}")
                        data-share=b.to_string()
                        x=x + bw / 2.0
                        y=y(b)
                        width=(bw / 2.0 - 1.0).max(0.5)
                        height=(H - AXIS) - y(b)
                    >
                        <title>{label}</title>
                    </rect>
                    {tick}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="histogram"
            data-testid=testid
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-label=format!(
                "{}: n = {}; {}: n = {}",
                Msg::OperatorsDetailLegendOp.text(lang),
                mine.n,
                Msg::OperatorsDetailLegendPeers.text(lang),
                peers.n
            )
        >
            {band}
            {bars}
            {line}
            <line class="hist-axis" x1="0" x2=W y1=H - AXIS y2=H - AXIS />
        </svg>
        <p class="hist-legend">
            <span class="key-op"></span>
            {Msg::OperatorsDetailLegendOp.text(lang)}
            " (n = "
            <span data-testid=format!("{testid}-n")>{mine.n}</span>
            ") "
            <span class="key-peer"></span>
            {Msg::OperatorsDetailLegendPeers.text(lang)}
            " (n = "
            <span data-testid=format!("{testid}-peer-n")>{peers.n}</span>
            ")"
        </p>
    }
}

#[component]
pub fn OperatorDetail(
    data: Memo<SharedData>,
    report: Memo<Option<OperatorReport>>,
    settings: Memo<Result<DetectorSettings, Vec<FieldError>>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let detail = Memo::new(move |_| {
        let op = selected.get()?;
        let s = settings.get().ok()?;
        report.with(|r| data.with(|d| operator_detail(&d.0, r.as_ref()?, &s, &op)))
    });
    view! {
        <section class="operator-detail" data-testid="operator-detail">
            <h2>{move || i18n.t(Msg::OperatorsDetailTitle)}</h2>
            {move || {
                let lang = i18n.lang.get();
                let Some(d) = detail.get() else {
                    return view! { <p class="muted" data-testid="detail-hint">{Msg::OperatorsDetailHint.text(lang)}</p> }
                        .into_any();
                };
                let na = || Msg::NotApplicable.text(lang).to_string();
                let num = |x: Option<f64>, digits: usize| x.map(|v| format::number(lang, v, digits)).unwrap_or_else(na);
                let pct = |x: Option<f64>| x.map(|v| format::percent(lang, v, 1)).unwrap_or_else(na);
                let r = &d.row;
                let channels = d
                    .by_channel
                    .iter()
                    .enumerate()
                    .map(|(j, c)| {
                        let id = move |s: &str| format!("detail-channel-{j}{s}");
                        view! {
                            <tr data-testid=id("")>
                                <th scope="row">{channel_text(lang, c.channel)}</th>
                                <td class="num" data-testid=id("-contacts")>{c.contacts}</td>
                                <td class="num" data-testid=id("-share-op")>{format::percent(lang, c.share_of_operator, 1)}</td>
                                <td class="num" data-testid=id("-share-centre")>{format::percent(lang, c.share_of_centre, 1)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let reasons = if r.not_ready_s.is_none() {
                    view! { <li data-testid="detail-no-agent-row">{Msg::OperatorsDetailNoAgentRow.text(lang)}</li> }.into_any()
                } else {
                    r.not_ready_by_reason
                        .iter()
                        .enumerate()
                        .map(|(j, (why, s))| {
                            view! {
                                <li>
                                    {why.clone()} ": "
                                    <strong data-testid=format!("detail-reason-{j}")>{format::number(lang, s / 3600.0, 2)}</strong>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                };
                let item = |m: Msg, v: String, id: &'static str| {
                    view! { <dt>{m.text(lang)}</dt><dd class="num" data-testid=id>{v}</dd> }
                };
                let flags = if d.flags.is_empty() {
                    view! { <p data-testid="detail-no-flags">{Msg::OperatorsDetailNoFlags.text(lang)}</p> }.into_any()
                } else {
                    d.flags
                        .iter()
                        .enumerate()
                        .map(|(j, f)| {
                            let evidence = f
                                .evidence
                                .iter()
                                .map(|e| {
                                    let v = match e.unit {
                                        "share" => format::percent(lang, e.value, 2),
                                        "contacts" => format::number(lang, e.value, 0),
                                        _ => format::number(lang, e.value, 2),
                                    };
                                    format!("{} = {v}{}", e.name, if e.unit == "s" { " s" } else { "" })
                                })
                                .collect::<Vec<_>>()
                                .join("; ");
                            view! {
                                <article class="detail-flag" data-testid=format!("detail-flag-{j}")>
                                    <h4 data-testid=format!("detail-flag-{j}-pattern")>{pattern_text(f.pattern).text(lang)}</h4>
                                    <p class="explanation">{explanation(f.pattern).text(lang)}</p>
                                    <p data-testid=format!("detail-flag-{j}-statistic")>
                                        {statistic_text(lang, &f.statistic)} "; " {format::p_statement(lang, "p", f.p_value)} "; "
                                        {format::p_statement(lang, "q", f.q_value)}
                                    </p>
                                    <p class="evidence" data-testid=format!("detail-flag-{j}-evidence")>{evidence}</p>
                                </article>
                            }
                        })
                        .collect_view()
                        .into_any()
                };
                let wait = match &d.wait {
                    Some((mine, peers)) => histogram_svg(lang, "detail-hist-wait", mine, peers, Some(d.sl_threshold_s)).into_any(),
                    None => view! { <p class="muted" data-testid="detail-no-waits">{Msg::OperatorsDetailNoWaits.text(lang)}</p> }.into_any(),
                };
                view! {
                    <header class="detail-head">
                        <h3 data-testid="detail-operator">{r.operator.clone()}</h3>
                        <button type="button" data-testid="detail-close" on:click=move |_| selected.set(None)>
                            {Msg::OperatorsDetailClose.text(lang)}
                        </button>
                    </header>
                    <p>
                        {Msg::OperatorsColPeers.text(lang)} ": "
                        <strong data-testid="detail-peers">{peer_group_text(lang, &r.peer_group)}</strong>
                        "; " {Msg::OperatorsDetailPeersCount.text(lang)} ": "
                        <strong data-testid="detail-peers-count">{d.peers}</strong>
                    </p>
                    <div class="detail-grid">
                        <table tabindex="0" class="detail-channels" data-testid="detail-channels">
                            <caption>{Msg::OperatorsDetailChannels.text(lang)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::OperatorsQaHdrChannel.text(lang)}</th>
                                    <th scope="col">{Msg::OperatorsColContacts.text(lang)}</th>
                                    <th scope="col">{Msg::OperatorsDetailShareOp.text(lang)}</th>
                                    <th scope="col">{Msg::OperatorsDetailShareCentre.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>{channels}</tbody>
                        </table>
                        <div>
                            <h4>{Msg::OperatorsDetailTimes.text(lang)}</h4>
                            <dl class="detail-measures">
                                {item(Msg::OperatorsColContacts, r.contacts.to_string(), "detail-contacts")}
                                {item(Msg::OperatorsColAht, num(r.aht_s, 0), "detail-aht")}
                                {item(Msg::OperatorsColTalk, num(r.talk_s, 0), "detail-talk")}
                                {item(Msg::OperatorsColHold, num(r.hold_s, 1), "detail-hold")}
                                {item(Msg::OperatorsColAcw, num(r.acw_s, 1), "detail-acw")}
                                {item(Msg::OperatorsColTransfers, r.transfers.to_string(), "detail-transfers")}
                                {item(Msg::OperatorsColShort, format!("{} ({})", r.short_contacts, pct(r.short_share)), "detail-short")}
                                {item(Msg::OperatorsColNearSl, pct(r.near_sl_share), "detail-near-sl")}
                                {item(Msg::OperatorsColRepeats, r.repeat_share.map(|x| format!("{} ({})", r.repeat_followed, format::percent(lang, x, 1))).unwrap_or_else(na), "detail-repeats")}
                                {item(Msg::OperatorsColResolved, r.resolution_rate.map(|x| format!("{} / {} ({})", r.resolved, r.registered, format::percent(lang, x, 1))).unwrap_or_else(na), "detail-resolved")}
                                {item(Msg::OperatorsColResolvedWeighted, r.resolution_rate_weighted.map(|x| format!("{} ({})", format::number(lang, r.resolved_weighted, 0), format::percent(lang, x, 1))).unwrap_or_else(na), "detail-resolved-weighted")}
                                {item(Msg::OperatorsColOccupancy, pct(r.occupancy), "detail-occupancy")}
                                {item(Msg::OperatorsColConformance, pct(r.conformance), "detail-conformance")}
                                {item(Msg::OperatorsColPerHour, num(r.contacts_per_hour, 1), "detail-per-hour")}
                                {item(Msg::OperatorsColNotReady, num(r.not_ready_s.map(|s| s / 3600.0), 2), "detail-not-ready")}
                            </dl>
                            <h4>{Msg::OperatorsDetailNotReady.text(lang)}</h4>
                            <ul class="detail-reasons">{reasons}</ul>
                        </div>
                    </div>
                    <figure>
                        <figcaption>{Msg::OperatorsDetailHandleHist.text(lang)}</figcaption>
                        {histogram_svg(lang, "detail-hist-handle", &d.handle, &d.handle_peers, None)}
                    </figure>
                    <figure>
                        <figcaption>{Msg::OperatorsDetailWaitHist.text(lang)}</figcaption>
                        {wait}
                    </figure>
                    <h4>{Msg::OperatorsDetailFlags.text(lang)}</h4>
                    {flags}
                }
                .into_any()
            }}
        </section>
    }
}
