//! Customer-side KPIs of the dashboard from optional call-record columns:
//! transfer rate, first-contact resolution (flagged and repeat-window),
//! CSAT (mean score and top-2-box) and NPS, grouped like the dashboard, each
//! with a trace; and the export sheets with the Pareto of contact reasons.
//!
//! A value is `None` ("no data", never 0) when no contact of the row carries
//! the column (interval reports never do).

use crate::dashboard::Grouping;
use crate::export::{Cell, Sheet};
use crate::import::{
    csat_mean, csat_top2_box, fcr_flagged, fcr_repeat_window, net_promoter_score, transfer_rate, IntervalStats,
    ParetoBar, QualityCounts, Timestamp,
};
use crate::trace::Trace;

const SRC_TRANSFER: &str = "ICMI contact-centre glossary, \"transfer rate\" (over handled contacts)";
const SRC_FCR: &str = "reference/definitions.md, FCR: ServiceNow CSM \"First Call Resolution\" indicator; \
                       survey/flag and repeat-contact-window variants in industry use";
const SRC_CSAT: &str = "ACSI / survey-research convention: satisfaction reported as a mean score or as the \
                        top-2-box share (answers 4–5 of 5)";
const SRC_NPS: &str = "F. Reichheld, \"The One Number You Need to Grow\", Harvard Business Review, December 2003";

/// A customer-side column of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerKey {
    TransferRate,
    FcrFlagged,
    FcrRepeatWindow,
    CsatMean,
    CsatTop2Box,
    Nps,
}

/// How a customer-side value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerUnit {
    /// A fraction shown as percent.
    Share,
    /// Points on the 1–5 CSAT scale.
    Score,
    /// NPS points from −100 to 100.
    NpsPoints,
}

impl CustomerKey {
    pub const ALL: [CustomerKey; 6] = [
        CustomerKey::TransferRate,
        CustomerKey::FcrFlagged,
        CustomerKey::FcrRepeatWindow,
        CustomerKey::CsatMean,
        CustomerKey::CsatTop2Box,
        CustomerKey::Nps,
    ];

    /// Stable machine name (test ids, export headers).
    pub fn name(self) -> &'static str {
        match self {
            CustomerKey::TransferRate => "transfer_rate",
            CustomerKey::FcrFlagged => "fcr_flagged",
            CustomerKey::FcrRepeatWindow => "fcr_repeat_window",
            CustomerKey::CsatMean => "csat_mean",
            CustomerKey::CsatTop2Box => "csat_top2_box",
            CustomerKey::Nps => "nps",
        }
    }

    pub fn unit(self) -> CustomerUnit {
        match self {
            CustomerKey::CsatMean => CustomerUnit::Score,
            CustomerKey::Nps => CustomerUnit::NpsPoints,
            _ => CustomerUnit::Share,
        }
    }

    /// The value of the column on `q` (`None`: no contact carries the column).
    ///
    /// ```
    /// use callcalc_engine::{CustomerKey, QualityCounts};
    /// let q = QualityCounts { nps_responses: 10, nps_promoters: 5, nps_detractors: 2, ..Default::default() };
    /// assert_eq!(CustomerKey::Nps.value(&q), Some(30.0));
    /// assert_eq!(CustomerKey::CsatMean.value(&q), None); // no CSAT answers: no data, not 0
    /// ```
    pub fn value(self, q: &QualityCounts) -> Option<f64> {
        match self {
            CustomerKey::TransferRate => transfer_rate(q.transferred, q.transfer_known),
            CustomerKey::FcrFlagged => fcr_flagged(q.resolved, q.resolution_known),
            CustomerKey::FcrRepeatWindow => fcr_repeat_window(q.repeated, q.repeat_known),
            CustomerKey::CsatMean => csat_mean(q.csat_sum, q.csat_responses),
            CustomerKey::CsatTop2Box => csat_top2_box(q.csat_top2, q.csat_responses),
            CustomerKey::Nps => net_promoter_score(q.nps_promoters, q.nps_detractors, q.nps_responses),
        }
    }

    /// How the value was computed on `q` (`None` without data). Trace ids
    /// are `customer.<name>`.
    pub fn trace(self, q: &QualityCounts) -> Option<Trace> {
        let v = self.value(q)?;
        let u = |x: u64| x as f64;
        Some(match self {
            CustomerKey::TransferRate => Trace::new(
                "customer.transfer_rate",
                "TR = N_tr / N_flag",
                "transferred over answered contacts with a transfer flag",
                SRC_TRANSFER,
                v,
                "",
            )
            .input("N_tr", "transferred contacts", u(q.transferred), "contacts")
            .input("N_flag", "answered contacts with a transfer flag", u(q.transfer_known), "contacts"),
            CustomerKey::FcrFlagged => Trace::new(
                "customer.fcr_flagged",
                "FCR = N_res / N_flag",
                "flagged: contacts marked resolved over answered contacts with a resolution flag",
                SRC_FCR,
                v,
                "",
            )
            .input("N_res", "contacts marked resolved", u(q.resolved), "contacts")
            .input("N_flag", "answered contacts with a resolution flag", u(q.resolution_known), "contacts"),
            CustomerKey::FcrRepeatWindow => Trace::new(
                "customer.fcr_repeat_window",
                "FCR = 1 − N_rep / N_id",
                "repeat-contact window: no contact of the same caller within W after it (W = 24 h)",
                SRC_FCR,
                v,
                "",
            )
            .input("N_rep", "answered contacts followed by a repeat within W", u(q.repeated), "contacts")
            .input("N_id", "answered contacts with a caller id", u(q.repeat_known), "contacts"),
            CustomerKey::CsatMean => Trace::new(
                "customer.csat_mean",
                "CSAT = Σ score / N_ans",
                "mean score on the 1–5 scale",
                SRC_CSAT,
                v,
                "points",
            )
            .input("Σ score", "sum of CSAT scores", q.csat_sum, "points")
            .input("N_ans", "CSAT survey answers", u(q.csat_responses), "answers"),
            CustomerKey::CsatTop2Box => Trace::new(
                "customer.csat_top2_box",
                "CSAT₂ = N_45 / N_ans",
                "top-2-box: share of answers 4 or 5 of 5",
                SRC_CSAT,
                v,
                "",
            )
            .input("N_45", "CSAT answers of 4 or 5", u(q.csat_top2), "answers")
            .input("N_ans", "CSAT survey answers", u(q.csat_responses), "answers"),
            CustomerKey::Nps => Trace::new(
                "customer.nps",
                "NPS = (P − D) / N × 100",
                "% promoters (9–10) − % detractors (0–6) of 0–10 answers",
                SRC_NPS,
                v,
                "points",
            )
            .input("P", "promoters (answers 9–10)", u(q.nps_promoters), "answers")
            .input("D", "detractors (answers 0–6)", u(q.nps_detractors), "answers")
            .input("N", "NPS survey answers", u(q.nps_responses), "answers"),
        })
    }
}

/// The customer-side counts of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub label: String,
    pub start: Timestamp,
    /// Cells summed into the row.
    pub cells: usize,
    pub counts: QualityCounts,
}

impl CustomerRow {
    /// True when some column has data in the row.
    pub fn has_data(&self) -> bool {
        CustomerKey::ALL.iter().any(|k| k.value(&self.counts).is_some())
    }
}

/// The cells grouped into periods like the dashboard (cells sorted by start).
///
/// ```
/// use callcalc_engine::{customer_rows, CustomerKey, Grouping, IntervalStats, Timestamp};
/// let t = |d| Timestamp::from_civil(2024, 3, d, 9, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t(1), 900, None, None);
/// a.quality.transfer_known = 10; a.quality.transferred = 1;
/// let mut b = IntervalStats::empty(t(2), 900, None, None);
/// b.quality.transfer_known = 30; b.quality.transferred = 3;
/// let rows = customer_rows(&[a.clone(), b.clone()], Grouping::Month);
/// assert_eq!(rows.len(), 1);
/// assert_eq!(CustomerKey::TransferRate.value(&rows[0].counts), Some(0.1)); // 4 / 40
/// assert_eq!(customer_rows(&[a, b], Grouping::Day).len(), 2);
/// ```
pub fn customer_rows(cells: &[IntervalStats], grouping: Grouping) -> Vec<CustomerRow> {
    let mut out: Vec<CustomerRow> = Vec::new();
    for c in cells {
        let label = grouping.label(c.start);
        match out.last_mut().filter(|r| r.label == label) {
            Some(r) => {
                r.counts.merge(&c.quality);
                r.cells += 1;
            }
            None => match out.iter_mut().find(|r| r.label == label) {
                Some(r) => {
                    r.counts.merge(&c.quality);
                    r.cells += 1;
                }
                None => out.push(CustomerRow { label, start: c.start, cells: 1, counts: c.quality }),
            },
        }
    }
    out
}

/// All cells as one row labelled `label`.
pub fn customer_total(cells: &[IntervalStats], label: &str) -> Option<CustomerRow> {
    let first = cells.first()?;
    let mut counts = QualityCounts::default();
    for c in cells {
        counts.merge(&c.quality);
    }
    Some(CustomerRow { label: label.to_string(), start: first.start, cells: cells.len(), counts })
}

fn customer_cell(key: CustomerKey, v: Option<f64>) -> Cell {
    match key.unit() {
        CustomerUnit::Share => Cell::percent(v),
        _ => Cell::number(v),
    }
}

/// Export sheets: "Customer" (a row per period and the total; empty cells
/// where the data has no such column) and "Reasons" (the Pareto: reason,
/// contacts, share, cumulative share, vital few).
pub fn customer_sheets(rows: &[CustomerRow], total: Option<&CustomerRow>, bars: &[ParetoBar]) -> Vec<Sheet> {
    let mut c = Sheet::new("Customer");
    let mut head = vec!["period".to_string()];
    head.extend(CustomerKey::ALL.iter().map(|k| k.name().to_string()));
    c.header(head);
    for r in rows.iter().chain(total) {
        let mut line = vec![Cell::text(r.label.clone())];
        line.extend(CustomerKey::ALL.iter().map(|&k| customer_cell(k, k.value(&r.counts))));
        c.row(line);
    }
    let mut p = Sheet::new("Reasons");
    p.header(["reason", "contacts", "share", "cumulative", "vital_few"]);
    for b in bars {
        p.row([
            Cell::text(b.reason.clone()),
            Cell::from(b.contacts),
            Cell::percent(Some(b.share)),
            Cell::percent(Some(b.cumulative)),
            Cell::text(if b.vital { "yes" } else { "no" }),
        ]);
    }
    vec![c, p]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_by_hand_and_no_data_is_none() {
        let q = QualityCounts {
            transfer_known: 200,
            transferred: 14,
            resolution_known: 150,
            resolved: 120,
            repeat_known: 100,
            repeated: 25,
            csat_responses: 8,
            csat_sum: 34.0,
            csat_top2: 6,
            nps_responses: 20,
            nps_promoters: 9,
            nps_detractors: 5,
            ..Default::default()
        };
        let v = |k: CustomerKey| k.value(&q).unwrap();
        assert!((v(CustomerKey::TransferRate) - 0.07).abs() < 1e-12);
        assert!((v(CustomerKey::FcrFlagged) - 0.8).abs() < 1e-12);
        assert!((v(CustomerKey::FcrRepeatWindow) - 0.75).abs() < 1e-12);
        assert!((v(CustomerKey::CsatMean) - 4.25).abs() < 1e-12);
        assert!((v(CustomerKey::CsatTop2Box) - 0.75).abs() < 1e-12);
        assert!((v(CustomerKey::Nps) - 20.0).abs() < 1e-12); // (9 − 5) / 20 × 100
        let t = CustomerKey::Nps.trace(&q).unwrap();
        assert_eq!(t.id, "customer.nps");
        assert!(t.source.contains("Reichheld"));
        assert_eq!(t.inputs.len(), 3);
        assert!(CustomerKey::CsatTop2Box.trace(&q).unwrap().source.contains("top-2-box"));
        assert!(CustomerKey::FcrFlagged.trace(&q).unwrap().source.contains("definitions.md"));
        let none = QualityCounts::default();
        for k in CustomerKey::ALL {
            assert_eq!(k.value(&none), None, "{k:?}");
            assert!(k.trace(&none).is_none());
        }
        let rows = [CustomerRow { label: "x".into(), start: Timestamp::from_seconds(0), cells: 1, counts: none }];
        assert!(!rows[0].has_data());
        let sheets = customer_sheets(&rows, None, &[]);
        assert_eq!(sheets[0].rows[1][1], Cell::Empty, "no data is an empty cell, not 0");
    }
}
