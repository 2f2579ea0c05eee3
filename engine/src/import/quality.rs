//! Customer-side and resolution measures from optional call-record columns:
//! transfers, first-contact resolution (flagged and repeat-window), CSAT,
//! NPS, complexity, and contact reasons.
//!
//! Counts are kept per interval cell in [`QualityCounts`] (summable like the
//! rest of [`super::IntervalStats`]); a measure is `None` when no contact of
//! the cell carries the column — "no data", never 0.

use std::collections::HashMap;

use super::rows::Channel;

/// Scores at or above this on the 1–5 CSAT scale are "satisfied" (top-2-box).
pub const CSAT_TOP2_MIN: f64 = 4.0;
/// Highest CSAT score accepted (1–5 scale).
pub const CSAT_MAX: f64 = 5.0;
/// NPS promoters answer 9 or 10, detractors 0 to 6 (Reichheld 2003).
pub const NPS_PROMOTER_MIN: u8 = 9;
pub const NPS_DETRACTOR_MAX: u8 = 6;
/// Default repeat-contact window for the repeat-window FCR variant: 24 h.
pub const DEFAULT_REPEAT_WINDOW_S: u32 = 86_400;

/// Sums behind the customer-side measures of one cell. Each pair is
/// "contacts where the column is known" and "of them, those that …".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QualityCounts {
    /// Answered contacts with a transfer flag; of them transferred.
    pub transfer_known: u64,
    pub transferred: u64,
    /// Answered contacts with a resolution flag; of them marked resolved.
    pub resolution_known: u64,
    pub resolved: u64,
    /// Answered contacts with a caller id; of them followed by another
    /// contact of the same caller within the repeat window.
    pub repeat_known: u64,
    pub repeated: u64,
    /// CSAT survey answers (1–5): count, sum of scores, answers ≥ 4.
    pub csat_responses: u64,
    pub csat_sum: f64,
    pub csat_top2: u64,
    /// NPS survey answers (0–10): count, promoters (9–10), detractors (0–6).
    pub nps_responses: u64,
    pub nps_promoters: u64,
    pub nps_detractors: u64,
    /// Answered contacts with a complexity level; sum of the levels.
    pub complexity_known: u64,
    pub complexity_sum: f64,
}

impl QualityCounts {
    /// Adds another cell's counts.
    pub fn merge(&mut self, o: &QualityCounts) {
        self.transfer_known += o.transfer_known;
        self.transferred += o.transferred;
        self.resolution_known += o.resolution_known;
        self.resolved += o.resolved;
        self.repeat_known += o.repeat_known;
        self.repeated += o.repeated;
        self.csat_responses += o.csat_responses;
        self.csat_sum += o.csat_sum;
        self.csat_top2 += o.csat_top2;
        self.nps_responses += o.nps_responses;
        self.nps_promoters += o.nps_promoters;
        self.nps_detractors += o.nps_detractors;
        self.complexity_known += o.complexity_known;
        self.complexity_sum += o.complexity_sum;
    }

    /// [`transfer_rate`] of the cell.
    pub fn transfer_rate(&self) -> Option<f64> {
        transfer_rate(self.transferred, self.transfer_known)
    }
    /// [`fcr_flagged`] of the cell.
    pub fn fcr_flagged(&self) -> Option<f64> {
        fcr_flagged(self.resolved, self.resolution_known)
    }
    /// [`fcr_repeat_window`] of the cell.
    pub fn fcr_repeat_window(&self) -> Option<f64> {
        fcr_repeat_window(self.repeated, self.repeat_known)
    }
    /// [`repeat_contact_rate`] of the cell.
    pub fn repeat_rate(&self) -> Option<f64> {
        repeat_contact_rate(self.repeated, self.repeat_known)
    }
    /// [`csat_mean`] of the cell.
    pub fn csat_mean(&self) -> Option<f64> {
        csat_mean(self.csat_sum, self.csat_responses)
    }
    /// [`csat_top2_box`] of the cell.
    pub fn csat_top2_box(&self) -> Option<f64> {
        csat_top2_box(self.csat_top2, self.csat_responses)
    }
    /// [`net_promoter_score`] of the cell.
    pub fn nps(&self) -> Option<f64> {
        net_promoter_score(self.nps_promoters, self.nps_detractors, self.nps_responses)
    }
    /// Mean complexity level of answered contacts that carry one.
    pub fn mean_complexity(&self) -> Option<f64> {
        ratio(self.complexity_sum, self.complexity_known)
    }
}

fn ratio(num: f64, den: u64) -> Option<f64> {
    if den == 0 {
        None
    } else {
        Some(num / den as f64)
    }
}

/// Transfer rate = transferred ÷ answered contacts with a transfer flag.
///
/// Symbols: transferred (contacts the agent passed to another agent or
/// queue), answered contacts whose record says whether it was transferred.
/// Unit: a fraction. Variant: over handled contacts (not over offered),
/// the usual contact-centre convention (ICMI glossary, "transfer rate").
/// `None` when no record has the flag.
///
/// ```
/// use callcalc_engine::transfer_rate;
/// assert_eq!(transfer_rate(12, 400), Some(0.03));
/// assert_eq!(transfer_rate(0, 0), None);
/// ```
pub fn transfer_rate(transferred: u64, answered_with_flag: u64) -> Option<f64> {
    ratio(transferred as f64, answered_with_flag)
}

/// First-contact resolution, flagged variant = contacts marked resolved ÷
/// answered contacts with a resolution flag (the agent's disposition or a
/// post-contact survey question "was your issue resolved?").
///
/// Unit: a fraction. Source: ServiceNow CSM "First Call Resolution"
/// indicator (% of cases resolved during the first contact), see
/// `reference/definitions.md`. `None` without flags.
///
/// ```
/// use callcalc_engine::fcr_flagged;
/// assert_eq!(fcr_flagged(300, 400), Some(0.75));
/// ```
pub fn fcr_flagged(resolved: u64, answered_with_flag: u64) -> Option<f64> {
    ratio(resolved as f64, answered_with_flag)
}

/// First-contact resolution, repeat-window variant = 1 − repeated ÷ answered
/// contacts with a caller id, where a contact is "repeated" when the same
/// caller contacts the centre again (any outcome) within the window W after
/// it (callcalc's default W = 24 h, [`DEFAULT_REPEAT_WINDOW_S`]).
///
/// Unit: a fraction. Variant of definitions.md's FCR row ("repeat-contact
/// window"); it counts only repeats that reach the centre, so it reads
/// higher than a survey when customers give up or switch channel.
///
/// ```
/// use callcalc_engine::fcr_repeat_window;
/// assert_eq!(fcr_repeat_window(80, 400), Some(0.8));
/// ```
pub fn fcr_repeat_window(repeated: u64, answered_with_caller: u64) -> Option<f64> {
    ratio(repeated as f64, answered_with_caller).map(|r| 1.0 - r)
}

/// Repeat-contact rate = repeated ÷ answered contacts with a caller id (the
/// complement of [`fcr_repeat_window`]); same window W.
///
/// ```
/// use callcalc_engine::repeat_contact_rate;
/// assert_eq!(repeat_contact_rate(80, 400), Some(0.2));
/// ```
pub fn repeat_contact_rate(repeated: u64, answered_with_caller: u64) -> Option<f64> {
    ratio(repeated as f64, answered_with_caller)
}

/// CSAT, mean-score variant = Σ scores ÷ survey answers, on a 1–5 scale.
///
/// Unit: points (1–5). The other common variant is [`csat_top2_box`].
/// Source: the ACSI / survey-research convention of reporting satisfaction
/// either as a mean score or as the top-2-box share.
///
/// ```
/// use callcalc_engine::csat_mean;
/// assert_eq!(csat_mean(21.0, 5), Some(4.2));
/// ```
pub fn csat_mean(score_sum: f64, responses: u64) -> Option<f64> {
    ratio(score_sum, responses)
}

/// CSAT, top-2-box variant = answers of 4 or 5 ÷ survey answers (1–5 scale).
///
/// Unit: a fraction.
///
/// ```
/// use callcalc_engine::csat_top2_box;
/// assert_eq!(csat_top2_box(3, 4), Some(0.75));
/// ```
pub fn csat_top2_box(top2: u64, responses: u64) -> Option<f64> {
    ratio(top2 as f64, responses)
}

/// Net Promoter Score = (promoters − detractors) ÷ answers × 100, where
/// promoters answer 9–10 and detractors 0–6 to "How likely are you to
/// recommend us…?" (0–10).
///
/// Unit: points from −100 to 100. Source: F. Reichheld, "The One Number You
/// Need to Grow", Harvard Business Review, December 2003.
///
/// ```
/// use callcalc_engine::net_promoter_score;
/// assert_eq!(net_promoter_score(50, 20, 100), Some(30.0));
/// assert_eq!(net_promoter_score(0, 0, 0), None);
/// ```
pub fn net_promoter_score(promoters: u64, detractors: u64, responses: u64) -> Option<f64> {
    ratio((promoters as f64 - detractors as f64) * 100.0, responses)
}

/// A stable 64-bit key of a caller id (FNV-1a of the trimmed text, digits
/// only when the id looks like a phone number, so `+7 (495) 123-45-67` and
/// `74951234567` are one caller).
///
/// ```
/// use callcalc_engine::caller_key;
/// assert_eq!(caller_key("+7 (495) 123-45-67"), caller_key("74951234567"));
/// assert_ne!(caller_key("client-1"), caller_key("client-2"));
/// ```
pub fn caller_key(id: &str) -> u64 {
    let t = id.trim();
    let phone =
        t.bytes().any(|b| b.is_ascii_digit()) && t.bytes().all(|b| b.is_ascii_digit() || b" +-()./".contains(&b));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    if phone {
        t.bytes().filter(u8::is_ascii_digit).for_each(&mut eat);
    } else {
        t.bytes().for_each(&mut eat);
    }
    h
}

/// One contact for repeat detection: the caller's key and arrival time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactKey {
    pub caller: u64,
    pub arrival_s: i64,
}

/// For each contact, whether the same caller contacts again within
/// `window_s` seconds after it (strictly later arrival, at most `window_s`
/// later). The answer is per input position; input order does not matter.
///
/// ```
/// use callcalc_engine::{followed_by_repeat, ContactKey};
/// let k = |caller, arrival_s| ContactKey { caller, arrival_s };
/// let r = followed_by_repeat(&[k(1, 0), k(2, 10), k(1, 3_600), k(1, 200_000)], 86_400);
/// assert_eq!(r, vec![true, false, false, false]);
/// ```
pub fn followed_by_repeat(contacts: &[ContactKey], window_s: i64) -> Vec<bool> {
    let mut order: Vec<u32> = (0..contacts.len() as u32).collect();
    order.sort_unstable_by_key(|&i| {
        let c = contacts[i as usize];
        (c.caller, c.arrival_s)
    });
    let mut out = vec![false; contacts.len()];
    // Walk backwards keeping the earliest strictly later arrival of the
    // current caller: contacts at one instant are not repeats of each other.
    let mut next_later: Option<ContactKey> = None;
    let mut current: Option<ContactKey> = None;
    for &i in order.iter().rev() {
        let c = contacts[i as usize];
        match current {
            Some(cur) if cur.caller == c.caller => {
                if cur.arrival_s > c.arrival_s {
                    next_later = Some(cur);
                }
            }
            _ => next_later = None,
        }
        if let Some(n) = next_later {
            out[i as usize] = n.arrival_s - c.arrival_s <= window_s;
        }
        current = Some(c);
    }
    out
}

/// Contacts of one reason (in one queue and channel when the data set is
/// split), for the Pareto of contact reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonCount {
    pub reason: String,
    pub queue: Option<String>,
    pub channel: Option<Channel>,
    pub contacts: u64,
}

/// One bar of a Pareto chart: a reason, its count, its share and the
/// cumulative share up to it, and whether it belongs to the "vital few".
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoBar {
    pub reason: String,
    pub contacts: u64,
    pub share: f64,
    pub cumulative: f64,
    /// Among the fewest reasons whose cumulative share first reaches the cut
    /// (80% by default): the "vital few".
    pub vital: bool,
}

/// Pareto of contact reasons: reasons by descending count (ties by name),
/// each with its share of all contacts with a reason and the cumulative
/// share; the first reasons up to and including the one whose cumulative
/// share reaches `cut` (0.8 for the 80/20 rule) are marked vital.
///
/// Source: J. M. Juran's Pareto principle ("vital few, trivial many"),
/// Quality Control Handbook (1951). Counts of the same reason in several
/// queues/channels are summed.
///
/// ```
/// use callcalc_engine::{pareto, ReasonCount};
/// let r = |reason: &str, contacts| ReasonCount { reason: reason.into(), queue: None, channel: None, contacts };
/// let p = pareto(&[r("billing", 50), r("other", 10), r("card", 30), r("login", 10)], 0.8);
/// assert_eq!(p[0].reason, "billing");
/// assert_eq!(p[1].cumulative, 0.8);
/// assert_eq!(p.iter().filter(|b| b.vital).count(), 2);
/// ```
pub fn pareto(counts: &[ReasonCount], cut: f64) -> Vec<ParetoBar> {
    let mut by: HashMap<&str, u64> = HashMap::new();
    for c in counts {
        *by.entry(c.reason.as_str()).or_default() += c.contacts;
    }
    let mut v: Vec<(&str, u64)> = by.into_iter().filter(|(_, n)| *n > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: u64 = v.iter().map(|(_, n)| n).sum();
    let mut cum = 0u64;
    let mut reached = false;
    v.into_iter()
        .map(|(reason, n)| {
            cum += n;
            let cumulative = cum as f64 / total as f64;
            let vital = !reached;
            if cumulative >= cut - 1e-12 {
                reached = true;
            }
            ParetoBar { reason: reason.to_string(), contacts: n, share: n as f64 / total as f64, cumulative, vital }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_need_a_later_contact_within_the_window() {
        let k = |caller, arrival_s| ContactKey { caller, arrival_s };
        // Unsorted input; window boundary inclusive.
        let r = followed_by_repeat(&[k(5, 100), k(5, 0), k(5, 86_500), k(7, 0)], 86_400);
        assert_eq!(r, vec![true, true, false, false]);
        // Same instant twice is not a repeat.
        assert_eq!(followed_by_repeat(&[k(1, 10), k(1, 10)], 60), vec![false, false]);
        assert_eq!(followed_by_repeat(&[k(1, 10), k(1, 10), k(1, 30)], 60), vec![true, true, false]);
    }

    #[test]
    fn counts_merge_and_measures_are_none_without_data() {
        let mut a = QualityCounts { transfer_known: 10, transferred: 2, ..Default::default() };
        assert_eq!(a.fcr_flagged(), None);
        assert_eq!(a.nps(), None);
        a.merge(&QualityCounts {
            transfer_known: 10,
            transferred: 1,
            nps_responses: 4,
            nps_promoters: 2,
            ..Default::default()
        });
        assert_eq!(a.transfer_rate(), Some(0.15));
        assert_eq!(a.nps(), Some(50.0));
    }

    #[test]
    fn pareto_cut_marks_the_first_reason_reaching_it() {
        let r = |reason: &str, contacts| ReasonCount { reason: reason.into(), queue: None, channel: None, contacts };
        let p = pareto(&[r("a", 90), r("b", 5), r("c", 5)], 0.8);
        assert_eq!(p.iter().map(|b| b.vital).collect::<Vec<_>>(), vec![true, false, false]);
        assert!((p[2].cumulative - 1.0).abs() < 1e-12);
        assert!(pareto(&[], 0.8).is_empty());
    }
}
