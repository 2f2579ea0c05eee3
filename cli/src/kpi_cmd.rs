//! `callcalc kpi FILE`: the KPI dashboard of an interval report or a file of
//! call-detail records as JSON — the same sheets (and numbers) as the app's
//! JSON export: `{"KPI": [{"period": …, "offered": …, "service_level [kpi.service_level.aban_negative]": …}, …],
//! "Formulas": [{"column", "variant", "formula", "description", "source"}, …]}`,
//! plus "Customer" (transfer rate, FCR, CSAT, NPS per row and the total) and
//! "Reasons" (the Pareto of contact reasons) for call records with those
//! optional columns.
//! The last KPI row is the total. Shares are fractions, times seconds.
//!
//! Options (defaults = the app's defaults):
//! - `--interval 15m` — interval length (`5m`, `15m`, `30m`, `1h`, `900s`); an
//!   interval report cannot be made finer than its own intervals;
//! - `--group interval|day|week|month` — rows (default `interval`);
//! - `--channel phone|email|chat|messenger|web_form` — one channel only;
//! - `--queue NAME` — one queue only (as named in the file's queue column);
//! - `--agents FILE` — an agent report for occupancy, shrinkage and contacts per hour;
//! - `--labour 450`, `--other 150` — cost per agent hour (labour; everything else);
//! - `--sl aban_negative|aban_ignored|aban_positive|aban_negative_short_excluded|aban_positive_short_excluded`;
//! - `--asa answered_only|all_contacts`, `--aht talk_hold_acw|talk_hold|talk_only`,
//!   `--abandonment over_offered|over_queued|…`, `--occupancy measured|utilization`,
//!   `--cost-scope fully_loaded|labour_only`, `--cost-basis handled|offered|handled_minute|agent_hour`;
//! - `--mapping FILE`, `--column ROLE=HEADER`, `--value ROLE:RAW=MEANING`,
//!   `--exclude ROLE=VALUE` — the import mapping of FILE, as for `callcalc import`
//!   (the kind comes from the mapping file or the header).

use callcalc_engine::export::to_json;

use crate::input::{import_mapped, parse_interval, MappingArgs};
use callcalc_engine::{
    build_dashboard, dashboard_sheets, dashboard_total, import_bytes, AbandonmentVariant, AgentRow, AggregateOptions,
    AhtVariant, AsaVariant, Channel, CostBasis, CostInput, CostScope, DashboardSettings, Grouping, ImportOptions,
    ImportedData, OccupancyVariant, ServiceLevelVariant,
};
use callcalc_engine::{customer_rows, customer_sheets, customer_total, pareto, CustomerRow, ReasonCount};

/// SL threshold and short-abandon threshold of the app's data set.
const SL_THRESHOLD_S: f64 = 20.0;

fn pick<T: Copy>(option: &str, v: &str, table: &[(T, &str)]) -> Result<T, String> {
    table.iter().find(|(_, n)| *n == v).map(|(x, _)| *x).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|(_, n)| *n).collect();
        format!("{option}: {v:?} is not one of {}", names.join(", "))
    })
}

fn number(option: &str, v: &str) -> Result<f64, String> {
    v.trim().replace(',', ".").parse().map_err(|_| format!("{option}: {v:?} is not a number"))
}

fn read(path: &str, aggregate: AggregateOptions, mapping: &MappingArgs) -> Result<callcalc_engine::Imported, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let name = std::path::Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
    let mut opts = ImportOptions::new(name);
    opts.aggregate = aggregate;
    if !mapping.is_empty() {
        return import_mapped(&bytes, opts, None, mapping).map_err(|e| format!("{path}: {e}"));
    }
    import_bytes(&bytes, opts).map_err(|e| format!("{path}: {e}"))
}

/// Runs `callcalc kpi …` (arguments after the subcommand); returns the JSON.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut path = None;
    let mut agents_path = None;
    let mut mapping = MappingArgs::default();
    let mut queue: Option<String> = None;
    let mut interval_s = 900;
    let mut s =
        DashboardSettings { grouping: Grouping::Interval, sl_threshold_s: SL_THRESHOLD_S, ..Default::default() };
    let (mut labour, mut other) = (450.0, 150.0);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name}: missing value"));
        if mapping.take(arg, &mut value)? {
            continue;
        }
        let c = &mut s.choice;
        match arg.as_str() {
            "--interval" => interval_s = parse_interval(&value("--interval")?)?,
            "--group" => {
                let v = value("--group")?;
                s.grouping = Grouping::from_name(&v)
                    .ok_or_else(|| format!("--group: {v:?} is not interval, day, week or month"))?;
            }
            "--agents" => agents_path = Some(value("--agents")?),
            "--channel" => {
                let v = value("--channel")?;
                s.channel = Some(
                    Channel::ALL
                        .into_iter()
                        .find(|c| c.name() == v)
                        .ok_or_else(|| format!("--channel: {v:?} is not phone, email, chat, messenger or web_form"))?,
                );
            }
            "--queue" => queue = Some(value("--queue")?),
            "--labour" => labour = number("--labour", &value("--labour")?)?,
            "--other" => other = number("--other", &value("--other")?)?,
            "--sl" => {
                c.service_level = pick(
                    "--sl",
                    &value("--sl")?,
                    &[
                        (ServiceLevelVariant::AbandonsNegative, "aban_negative"),
                        (ServiceLevelVariant::AbandonsIgnored, "aban_ignored"),
                        (ServiceLevelVariant::AbandonsPositive, "aban_positive"),
                        (ServiceLevelVariant::AbandonsNegativeShortExcluded, "aban_negative_short_excluded"),
                        (ServiceLevelVariant::AbandonsPositiveShortExcluded, "aban_positive_short_excluded"),
                    ],
                )?
            }
            "--asa" => {
                c.asa = pick(
                    "--asa",
                    &value("--asa")?,
                    &[(AsaVariant::AnsweredOnly, "answered_only"), (AsaVariant::AllContacts, "all_contacts")],
                )?
            }
            "--aht" => {
                c.aht = pick(
                    "--aht",
                    &value("--aht")?,
                    &[
                        (AhtVariant::TalkHoldAcw, "talk_hold_acw"),
                        (AhtVariant::TalkHold, "talk_hold"),
                        (AhtVariant::TalkOnly, "talk_only"),
                    ],
                )?
            }
            "--abandonment" => {
                c.abandonment = pick(
                    "--abandonment",
                    &value("--abandonment")?,
                    &[
                        (AbandonmentVariant::OverOffered, "over_offered"),
                        (AbandonmentVariant::OverQueued, "over_queued"),
                        (AbandonmentVariant::ShortExcludedOverOffered, "short_excluded_over_offered"),
                        (
                            AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned,
                            "short_excluded_over_answered_plus_abandoned",
                        ),
                    ],
                )?
            }
            "--occupancy" => {
                c.occupancy = pick(
                    "--occupancy",
                    &value("--occupancy")?,
                    &[(OccupancyVariant::Measured, "measured"), (OccupancyVariant::Utilization, "utilization")],
                )?
            }
            "--cost-scope" => {
                c.cost.scope = pick(
                    "--cost-scope",
                    &value("--cost-scope")?,
                    &[(CostScope::FullyLoaded, "fully_loaded"), (CostScope::LabourOnly, "labour_only")],
                )?
            }
            "--cost-basis" => {
                c.cost.basis = pick(
                    "--cost-basis",
                    &value("--cost-basis")?,
                    &[
                        (CostBasis::HandledContact, "handled"),
                        (CostBasis::OfferedContact, "offered"),
                        (CostBasis::HandledMinute, "handled_minute"),
                        (CostBasis::AgentHour, "agent_hour"),
                    ],
                )?
            }
            o if o.starts_with("--") => return Err(format!("kpi: unknown option {o:?}")),
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(format!("kpi: unexpected argument {extra:?}")),
        }
    }
    let path = path.ok_or("kpi: missing FILE")?;
    s.cost = CostInput::new(labour, other).map_err(|e| format!("--{}: {e}", e.field.replace('_', "-")))?;
    let aggregate = AggregateOptions::new(interval_s, SL_THRESHOLD_S, 0.0)
        .map_err(|e| format!("--interval: {e}"))?
        .split(queue.is_some(), s.channel.is_some());
    let imported = read(&path, aggregate, &mapping)?;
    for w in &imported.summary.warnings {
        eprintln!("callcalc: warning: {}: {w}", imported.summary.file);
    }
    let mut cells = imported
        .interval_stats(aggregate)
        .ok_or_else(|| format!("{path}: an agent report has no interval statistics; give it with --agents"))?
        .map_err(|e| format!("{path}: --interval cannot be finer than the report's intervals ({e})"))?;
    if let Some(q) = &queue {
        let mut present: Vec<String> = cells.iter().filter_map(|c| c.queue.clone()).collect();
        present.sort();
        present.dedup();
        cells.retain(|c| c.queue.as_deref() == Some(q.as_str()));
        if cells.is_empty() {
            return Err(format!("--queue: no contacts in {q:?}; the file's queues: {}", present.join(", ")));
        }
    }
    let agents: Vec<AgentRow> = match agents_path {
        None => Vec::new(),
        Some(p) => match read(&p, aggregate, &MappingArgs::default())?.data {
            ImportedData::Agents(rows) => rows,
            _ => return Err(format!("{p}: not an agent report")),
        },
    };
    let rows = build_dashboard(&cells, &agents, &s);
    let total = dashboard_total(&cells, &agents, &s);
    let sheets = dashboard_sheets(&rows, total.as_ref(), &cells, &s);
    let mut out = vec![sheets[0].clone(), sheets[2].clone()];
    // The customer side of call records with the optional columns, as the
    // app exports it: the Customer and Reasons sheets.
    let reasons: Vec<ReasonCount> = imported
        .reasons
        .iter()
        .filter(|r| queue.as_ref().is_none_or(|q| r.queue.as_ref() == Some(q)))
        .filter(|r| s.channel.is_none_or(|c| r.channel == Some(c)))
        .cloned()
        .collect();
    let customer_total = customer_total(&cells, "total");
    let bars = pareto(&reasons, PARETO_CUT);
    if customer_total.as_ref().is_some_and(CustomerRow::has_data) || !bars.is_empty() {
        out.extend(customer_sheets(&customer_rows(&cells, s.grouping), customer_total.as_ref(), &bars));
    }
    Ok(to_json(&out))
}

/// Share of contacts the "vital few" contact reasons make up (as the app).
const PARETO_CUT: f64 = 0.8;
