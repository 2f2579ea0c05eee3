//! Flagged operators per pattern: the rule, the editable threshold, the
//! z-score or p-value and the adjusted q-value, the evidence numbers and the
//! operator's contacts behind them, a plain explanation, how the p-value was
//! computed, and the multiple-comparison correction stated.

use callcalc_engine::{DetectorSettings, FieldError, Flag, OperatorReport, Pattern, Statistic};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::operator_table::peer_group_text;
use crate::components::text_field::field_error;
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::operators::{evidence_contacts, DetectorForm, SharedData};

pub fn pattern_text(p: Pattern) -> Msg {
    match p {
        Pattern::ShortCalls => Msg::OperatorsPatternShortCalls,
        Pattern::ExcessiveAcw => Msg::OperatorsPatternExcessiveAcw,
        Pattern::HoldAbuse => Msg::OperatorsPatternHoldAbuse,
        Pattern::NotReadyInPeaks => Msg::OperatorsPatternNotReadyInPeaks,
        Pattern::TransferAvoidance => Msg::OperatorsPatternTransferAvoidance,
        Pattern::AnsweredNearSl => Msg::OperatorsPatternAnsweredNearSl,
        Pattern::RepeatCallers => Msg::OperatorsPatternRepeatCallers,
    }
}

pub fn explanation(p: Pattern) -> Msg {
    match p {
        Pattern::ShortCalls => Msg::OperatorsExplainShortCalls,
        Pattern::ExcessiveAcw => Msg::OperatorsExplainExcessiveAcw,
        Pattern::HoldAbuse => Msg::OperatorsExplainHoldAbuse,
        Pattern::NotReadyInPeaks => Msg::OperatorsExplainNotReadyInPeaks,
        Pattern::TransferAvoidance => Msg::OperatorsExplainTransferAvoidance,
        Pattern::AnsweredNearSl => Msg::OperatorsExplainAnsweredNearSl,
        Pattern::RepeatCallers => Msg::OperatorsExplainRepeatCallers,
    }
}

type Field = (Msg, &'static str, fn(&DetectorForm) -> &String, fn(&mut DetectorForm, String));

/// The form field holding a pattern's practical-size threshold.
fn threshold_field(p: Pattern) -> Field {
    match p {
        Pattern::ShortCalls => {
            (Msg::OperatorsShortRatio, "short_share_ratio", |f| &f.short_share_ratio, |f, v| f.short_share_ratio = v)
        }
        Pattern::ExcessiveAcw => (Msg::OperatorsAcwZ, "acw_z", |f| &f.acw_z, |f, v| f.acw_z = v),
        Pattern::HoldAbuse => (Msg::OperatorsHoldZ, "hold_z", |f| &f.hold_z, |f, v| f.hold_z = v),
        Pattern::NotReadyInPeaks => {
            (Msg::OperatorsNotReadyZ, "not_ready_z", |f| &f.not_ready_z, |f, v| f.not_ready_z = v)
        }
        Pattern::TransferAvoidance => (
            Msg::OperatorsTransferRatio,
            "transfer_share_ratio",
            |f| &f.transfer_share_ratio,
            |f, v| f.transfer_share_ratio = v,
        ),
        Pattern::AnsweredNearSl => {
            (Msg::OperatorsNearSlRatio, "near_sl_ratio", |f| &f.near_sl_ratio, |f, v| f.near_sl_ratio = v)
        }
        Pattern::RepeatCallers => {
            (Msg::OperatorsRepeatRatio, "repeat_ratio", |f| &f.repeat_ratio, |f, v| f.repeat_ratio = v)
        }
    }
}

pub fn statistic_text(lang: Lang, s: &Statistic) -> String {
    match *s {
        Statistic::Binomial { k, n, share, peer_share, ratio } => format!(
            "{k} / {n} = {} vs {}{}",
            format::percent(lang, share, 1),
            format::percent(lang, peer_share, 1),
            ratio.map(|r| format!(" (× {})", format::number(lang, r, 2))).unwrap_or_default()
        ),
        Statistic::RobustZ { value, peer_median, z, peers, .. } => format!(
            "z = {} ({} vs {}, {peers})",
            format::number(lang, z, 2),
            format::plain(lang, value),
            format::plain(lang, peer_median)
        ),
    }
}

/// A p- or q-value as people read it ([`format::p_value`]: `< 0,001`, `0,032`).
pub fn p_text(lang: Lang, p: f64) -> String {
    format::p_value(lang, p)
}

#[component]
pub fn OperatorFlags(
    data: Memo<SharedData>,
    report: Memo<Option<OperatorReport>>,
    settings: Memo<Result<DetectorSettings, Vec<FieldError>>>,
    form: RwSignal<DetectorForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let raised = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.raised().cloned().collect::<Vec<Flag>>()).unwrap_or_default())
    });
    let selected = RwSignal::new(0usize);
    let current = Memo::new(move |_| raised.with(|f| f.get(selected.get()).or(f.first()).cloned()));
    let trace = Signal::derive(move || current.with(|f| f.as_ref().map(Flag::trace)));
    let contacts = Memo::new(move |_| {
        let Some(f) = current.get() else { return Vec::new() };
        let Ok(s) = settings.get() else { return Vec::new() };
        data.with(|d| evidence_contacts(&d.0, &f, &s, 8))
    });
    let planted = move |op: &str| data.with(|d| d.0.planted.iter().any(|g| g.operator == op));
    view! {
        <section class="operator-flags" data-testid="operator-flags">
            <h2>{move || i18n.t(Msg::OperatorsFlagsTitle)}</h2>
            <p class="fdr-note" data-testid="operators-fdr-note">
                {move || i18n.t(Msg::OperatorsFdrNote)}
                {move || report.with(|r| r.as_ref().map(|r| {
                    let lang = i18n.lang.get();
                    format!(" FDR = {}; {}: {}.", format::percent(lang, r.fdr, 1), Msg::OperatorsTestsRun.text(lang), r.flags.len())
                }))}
            </p>
            <p class="peers-note" data-testid="operators-peers-note">
                {move || i18n.t(Msg::OperatorsPeersNote)}
                " "
                {move || report.with(|r| r.as_ref().map(|r| {
                    let lang = i18n.lang.get();
                    r.peer_groups
                        .iter()
                        .map(|g| {
                            let small = if g.tested < callcalc_engine::MIN_PEERS {
                                format!(" — {}", Msg::OperatorsPeersSmall.text(lang))
                            } else {
                                String::new()
                            };
                            format!("{}: {} / {}{small}", peer_group_text(lang, &g.group), g.tested, g.operators)
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }))}
            </p>
            {move || {
                let lang = i18n.lang.get();
                let list = raised.get();
                if list.is_empty() {
                    return view! { <p data-testid="operators-no-flags">{Msg::OperatorsNoFlags.text(lang)}</p> }.into_any();
                }
                let items = list
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let is_planted = planted(&f.operator);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="flag-pick"
                                    class:selected=move || selected.get() == i
                                    data-testid=format!("flag-{i}")
                                    on:click=move |_| selected.set(i)
                                >
                                    <strong data-testid=format!("flag-{i}-operator")>{f.operator.clone()}</strong>
                                    " — "
                                    <span data-testid=format!("flag-{i}-pattern")>{pattern_text(f.pattern).text(lang)}</span>
                                    " · "
                                    <span data-testid=format!("flag-{i}-q")>{format::p_statement(lang, "q", f.q_value)}</span>
                                    {is_planted.then(|| view! { <em class="planted">" ("{Msg::OperatorsPlanted.text(lang)}")"</em> })}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="flag-list" data-testid="flag-list">{items}</ul> }.into_any()
            }}
            {move || current.get().map(|f| {
                let lang = i18n.lang.get();
                let (label, name, get, set) = threshold_field(f.pattern);
                let err = field_error(settings, name);
                let evidence = f
                    .evidence
                    .iter()
                    .enumerate()
                    .map(|(j, e)| {
                        let v = match e.unit {
                            "share" => format::percent(lang, e.value, 2),
                            "contacts" => format::number(lang, e.value, 0),
                            _ => format::number(lang, e.value, 2),
                        };
                        let unit = if e.unit == "s" { " s" } else { "" };
                        view! { <li data-testid=format!("flag-evidence-{j}")><code>{e.name}</code>" = "{v}{unit}</li> }
                    })
                    .collect_view();
                let rows = contacts
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(j, c)| view! {
                        <tr data-testid=format!("flag-contact-{j}")>
                            <td>{c.id}</td>
                            <td>{c.when}</td>
                            <td class="num">{format::number(lang, c.talk_s, 0)}</td>
                            <td class="num">{format::number(lang, c.hold_s, 0)}</td>
                            <td class="num">{format::number(lang, c.acw_s, 0)}</td>
                            <td>{if c.transferred { "↪" } else { "" }}</td>
                            <td class="num">{c.wait_s.map(|w| format::number(lang, w, 0)).unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <article class="flag-detail" data-testid="flag-detail">
                        <h3>
                            <span data-testid="flag-detail-operator">{f.operator.clone()}</span>
                            " — "
                            <span data-testid="flag-detail-pattern">{pattern_text(f.pattern).text(lang)}</span>
                        </h3>
                        <p class="explanation" data-testid="flag-explanation">{explanation(f.pattern).text(lang)}</p>
                        <dl>
                            <dt>{Msg::OperatorsColPeers.text(lang)}</dt>
                            <dd data-testid="flag-peers">{peer_group_text(lang, &f.peer_group)}</dd>
                            <dt>{Msg::OperatorsRule.text(lang)}</dt>
                            <dd><code data-testid="flag-rule">{f.rule}</code></dd>
                            <dt>{Msg::OperatorsStatistic.text(lang)}</dt>
                            <dd data-testid="flag-statistic">{statistic_text(lang, &f.statistic)}</dd>
                            <dt>{Msg::OperatorsPValue.text(lang)}</dt>
                            <dd data-testid="flag-p">{p_text(lang, f.p_value)}</dd>
                            <dt>{Msg::OperatorsQValue.text(lang)}</dt>
                            <dd data-testid="flag-q">{p_text(lang, f.q_value)}</dd>
                            <dt><label for="field-flag-threshold">{label.text(lang)}</label></dt>
                            <dd class:invalid=move || err.get().is_some()>
                                <input
                                    id="field-flag-threshold"
                                    type="text"
                                    inputmode="decimal"
                                    data-testid="input-flag-threshold"
                                    prop:value=move || form.with(|x| get(x).clone())
                                    on:change=move |ev| form.update(|x| set(x, event_target_value(&ev)))
                                />
                                {move || err.get().map(|e| view! { <p class="error" data-testid="error-flag-threshold">{e}</p> })}
                            </dd>
                        </dl>
                        <h4>{Msg::OperatorsEvidence.text(lang)}</h4>
                        <ul class="evidence">{evidence}</ul>
                        <h4>{Msg::OperatorsEvidenceContacts.text(lang)}</h4>
                        <table tabindex="0" class="evidence-contacts" data-testid="flag-contacts">
                            <thead>
                                <tr>
                                    <th>{Msg::OperatorsQaHdrId.text(lang)}</th>
                                    <th>{Msg::OperatorsQaHdrWhen.text(lang)}</th>
                                    <th>{Msg::OperatorsColTalk.text(lang)}</th>
                                    <th>{Msg::OperatorsColHold.text(lang)}</th>
                                    <th>{Msg::OperatorsColAcw.text(lang)}</th>
                                    <th>{Msg::OperatorsColTransfers.text(lang)}</th>
                                    <th>{Msg::OperatorsColWait.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </article>
                }
            })}
            <HowComputed trace=trace testid="flag" />
        </section>
    }
}
