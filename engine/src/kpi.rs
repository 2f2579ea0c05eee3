//! Measured contact-centre KPIs from aggregated period totals, each in the
//! definition variants found in `definitions.md`, and "explain a reported
//! figure": which variant (or which common mistake) reproduces a number that
//! someone else reported.
//!
//! Every KPI is a ratio `numerator / denominator` of totals; it is returned as
//! a [`Kpi`] that names its [`KpiVariant`], keeps the numerator and denominator,
//! and is `None` (not NaN, not 0) when the denominator is zero.

use crate::error::{in_range, non_negative, FieldError, Problem};
use crate::shrinkage::Shrinkage;
use crate::trace::{Trace, TraceInput};

const SRC_CISCO: &str = "Cisco Unified ICM/CCE reporting guide (service level: abandoned calls ignored / negative / positive); RingCentral CallQueueServiceLevelSettings (short abandons excluded)";
const SRC_CONNECT: &str = "AWS Amazon Connect admin guide, historical-metrics-definitions.md";
const SRC_CONNECT_ASA: &str = "AWS Amazon Connect admin guide, historical-metrics-definitions.md ('Average queue answer time'); all-contacts variant: mean wait over all arrivals incl. abandoned (pyworkforce / Erlang A convention, definitions.md 'ASA')";
const SRC_ABANDON_GOOGLE: &str =
    "Google CCAI Platform data dictionary: abandoned / (handled + abandoned), short abandons excluded";
const SRC_AHT: &str = "AWS Amazon Connect admin guide, historical-metrics-definitions.md ('Average handle time' = talk + hold + after-contact work; 'Average agent interaction time' shows the partial variants)";
const SRC_OCC: &str = "AWS Amazon Connect admin guide, historical-metrics-definitions.md ('Occupancy'); utilisation as handle / logged-in time (definitions.md 'Utilization': no separate authoritative formula)";
const SRC_SHRINK: &str = "definitions.md 'Shrinkage': fraction of paid time agents are unavailable for contacts (OdeToErlang FORMULAS.md; Amazon Connect capacity planning)";
const SRC_PRODUCTIVITY: &str =
    "contacts handled per agent hour: plain ratio; no authoritative source found, hour basis exposed";
const SRC_COST: &str = "definitions.md 'Cost per call / contact' (Klipfolio; TimeDoctor; Fonolo) and 'Cost per minute' (no authoritative source; denominator exposed)";
const SRC_FTE: &str = "OdeToErlang FORMULAS.md (Total FTE = Required Agents / (1 − Shrinkage)); definitions.md 'Shrinkage' (pitfall: net × (1 + s))";

/// Aggregated totals of one period (a day, a month) for one queue or a set of
/// queues, as raw numbers. Validate with [`ContactTotals::new`].
///
/// Counts are contacts; times are total seconds over the period; costs are
/// money for the period. Unused fields may be left at 0 (the KPIs that need
/// them are then `None`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ContactTotalsInput {
    /// `T`: service-level threshold, seconds.
    pub sl_threshold_s: f64,
    /// Abandons within this many seconds are "short" (must be ≤ `T`).
    pub short_abandon_threshold_s: f64,
    /// Contacts offered (arrived at the queue / service).
    pub offered: f64,
    /// Contacts that entered the queue (`abandoned ≤ queued ≤ offered`).
    pub queued: f64,
    /// Contacts answered by an agent.
    pub answered: f64,
    /// Contacts abandoned in the queue (`answered + abandoned ≤ offered`).
    pub abandoned: f64,
    /// Abandons within the short-abandon threshold (subset of `abandoned_within_t`).
    pub short_abandons: f64,
    /// Contacts answered within `T`.
    pub answered_within_t: f64,
    /// Contacts abandoned within `T` (including short abandons).
    pub abandoned_within_t: f64,
    /// Total queue wait of answered contacts, seconds.
    pub answer_wait_s: f64,
    /// Total queue wait of abandoned contacts until they hung up, seconds.
    pub abandon_wait_s: f64,
    /// Contacts handled (completed by an agent, with talk and ACW).
    pub handled: f64,
    /// Total talk (interaction) time, seconds.
    pub talk_s: f64,
    /// Total hold time, seconds.
    pub hold_s: f64,
    /// Total after-contact work, seconds.
    pub acw_s: f64,
    /// Total agent logged-in time, seconds.
    pub logged_in_s: f64,
    /// Total available (idle, waiting for a contact) time, seconds.
    pub available_s: f64,
    /// Total not-ready time while logged in (breaks, meetings, coaching …), seconds.
    pub not_ready_s: f64,
    /// Paid time not logged in (absence, leave, training off the floor), seconds.
    pub absence_s: f64,
    /// Total paid agent time, seconds.
    pub paid_s: f64,
    /// Agent labour cost (loaded salaries).
    pub labour_cost: f64,
    pub telephony_cost: f64,
    /// Software and licences.
    pub technology_cost: f64,
    /// Rent, seats, utilities.
    pub facilities_cost: f64,
    /// Management and other overhead.
    pub overhead_cost: f64,
}

/// Validated period totals (see [`ContactTotalsInput`] for the fields).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactTotals(ContactTotalsInput);

impl ContactTotals {
    /// Validates: every field finite and ≥ 0; `short_abandon_threshold_s ≤ sl_threshold_s`;
    /// `answered + abandoned ≤ offered`; `abandoned ≤ queued ≤ offered`;
    /// `answered_within_t ≤ answered`; `short_abandons ≤ abandoned_within_t ≤ abandoned`.
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput};
    /// let raw = ContactTotalsInput { offered: 100.0, queued: 100.0, answered: 90.0, abandoned: 10.0, ..Default::default() };
    /// assert!(ContactTotals::new(raw).is_ok());
    /// let bad = ContactTotalsInput { answered: 95.0, ..raw };
    /// assert_eq!(ContactTotals::new(bad).unwrap_err().field, "abandoned");
    /// ```
    pub fn new(raw: ContactTotalsInput) -> Result<Self, FieldError> {
        let r = raw;
        let fields: [(&'static str, f64); 25] = [
            ("sl_threshold_s", r.sl_threshold_s),
            ("short_abandon_threshold_s", r.short_abandon_threshold_s),
            ("offered", r.offered),
            ("queued", r.queued),
            ("answered", r.answered),
            ("abandoned", r.abandoned),
            ("short_abandons", r.short_abandons),
            ("answered_within_t", r.answered_within_t),
            ("abandoned_within_t", r.abandoned_within_t),
            ("answer_wait_s", r.answer_wait_s),
            ("abandon_wait_s", r.abandon_wait_s),
            ("handled", r.handled),
            ("talk_s", r.talk_s),
            ("hold_s", r.hold_s),
            ("acw_s", r.acw_s),
            ("logged_in_s", r.logged_in_s),
            ("available_s", r.available_s),
            ("not_ready_s", r.not_ready_s),
            ("absence_s", r.absence_s),
            ("paid_s", r.paid_s),
            ("labour_cost", r.labour_cost),
            ("telephony_cost", r.telephony_cost),
            ("technology_cost", r.technology_cost),
            ("facilities_cost", r.facilities_cost),
            ("overhead_cost", r.overhead_cost),
        ];
        for (name, v) in fields {
            non_negative(name, v)?;
        }
        in_range("short_abandon_threshold_s", r.short_abandon_threshold_s, 0.0, r.sl_threshold_s, true, true)?;
        in_range("answered", r.answered, 0.0, r.offered, true, true)?;
        in_range("abandoned", r.abandoned, 0.0, r.offered - r.answered, true, true)?;
        in_range("queued", r.queued, r.abandoned, r.offered, true, true)?;
        in_range("answered_within_t", r.answered_within_t, 0.0, r.answered, true, true)?;
        in_range("abandoned_within_t", r.abandoned_within_t, 0.0, r.abandoned, true, true)?;
        in_range("short_abandons", r.short_abandons, 0.0, r.abandoned_within_t, true, true)?;
        Ok(ContactTotals(raw))
    }

    /// The validated totals.
    pub fn input(&self) -> &ContactTotalsInput {
        &self.0
    }

    /// Total handle time `talk + hold + ACW`, seconds.
    pub fn handle_s(&self) -> f64 {
        self.0.talk_s + self.0.hold_s + self.0.acw_s
    }

    /// Cost in scope: labour only, or every cost line.
    pub fn cost_in_scope(&self, scope: CostScope) -> f64 {
        let r = &self.0;
        match scope {
            CostScope::LabourOnly => r.labour_cost,
            CostScope::FullyLoaded => {
                r.labour_cost + r.telephony_cost + r.technology_cost + r.facilities_cost + r.overhead_cost
            }
        }
    }

    /// Service level in one of the Cisco variants, with or without short abandons.
    ///
    /// With `Aₜ` answered within `T`, `Bₜ` abandoned within `T`, `O` offered,
    /// `S` short abandons (all counts of contacts):
    ///
    /// | variant | formula |
    /// |---|---|
    /// | [`ServiceLevelVariant::AbandonsIgnored`] | `Aₜ / (O − Bₜ)` (short abandons are inside `Bₜ`, so excluding them changes nothing) |
    /// | [`ServiceLevelVariant::AbandonsNegative`] | `Aₜ / O` |
    /// | [`ServiceLevelVariant::AbandonsNegativeShortExcluded`] | `Aₜ / (O − S)` |
    /// | [`ServiceLevelVariant::AbandonsPositive`] | `(Aₜ + Bₜ) / O` |
    /// | [`ServiceLevelVariant::AbandonsPositiveShortExcluded`] | `(Aₜ + Bₜ − S) / (O − S)` |
    ///
    /// Result: fraction. Source: Cisco Unified ICM/CCE reporting guide; Amazon
    /// Connect "Service level X" = Aban-Positive; RingCentral short-abandon threshold.
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput, ServiceLevelVariant as V};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     sl_threshold_s: 20.0, offered: 100.0, queued: 100.0, answered: 90.0, abandoned: 10.0,
    ///     answered_within_t: 72.0, abandoned_within_t: 4.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.service_level(V::AbandonsIgnored).value, Some(0.75)); // 72 / 96
    /// assert_eq!(t.service_level(V::AbandonsNegative).value, Some(0.72)); // 72 / 100
    /// assert_eq!(t.service_level(V::AbandonsPositive).value, Some(0.76)); // 76 / 100
    /// ```
    pub fn service_level(&self, variant: ServiceLevelVariant) -> Kpi {
        let r = &self.0;
        let (num, den) = match variant {
            ServiceLevelVariant::AbandonsIgnored => (r.answered_within_t, r.offered - r.abandoned_within_t),
            ServiceLevelVariant::AbandonsNegative => (r.answered_within_t, r.offered),
            ServiceLevelVariant::AbandonsNegativeShortExcluded => (r.answered_within_t, r.offered - r.short_abandons),
            ServiceLevelVariant::AbandonsPositive => (r.answered_within_t + r.abandoned_within_t, r.offered),
            ServiceLevelVariant::AbandonsPositiveShortExcluded => {
                (r.answered_within_t + r.abandoned_within_t - r.short_abandons, r.offered - r.short_abandons)
            }
        };
        Kpi::ratio(KpiVariant::ServiceLevel(variant), num, den)
            .with("T", "service-level threshold", r.sl_threshold_s, "s")
            .with("Aₜ", "answered within T", r.answered_within_t, "contacts")
            .with("Bₜ", "abandoned within T", r.abandoned_within_t, "contacts")
            .with("O", "offered", r.offered, "contacts")
            .with("S", "short abandons", r.short_abandons, "contacts")
            .with("Tₛ", "short-abandon threshold", r.short_abandon_threshold_s, "s")
    }

    /// Average speed of answer.
    ///
    /// - [`AsaVariant::AnsweredOnly`]: `ASA = W_ans / N_ans` — mean queue wait of
    ///   answered contacts (Amazon Connect "Average queue answer time").
    /// - [`AsaVariant::AllContacts`]: `ASA = (W_ans + W_ab) / (N_ans + N_ab)` —
    ///   mean wait over all contacts that queued and left the queue, abandoned
    ///   ones counted with the time they waited (the Erlang A "all arrivals" mean).
    ///
    /// `W`: total wait (s); `N`: counts. Result: seconds.
    ///
    /// ```
    /// use callcalc_engine::{AsaVariant, ContactTotals, ContactTotalsInput};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     offered: 100.0, queued: 100.0, answered: 90.0, abandoned: 10.0,
    ///     answer_wait_s: 2700.0, abandon_wait_s: 500.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.asa(AsaVariant::AnsweredOnly).value, Some(30.0));
    /// assert_eq!(t.asa(AsaVariant::AllContacts).value, Some(32.0));
    /// ```
    pub fn asa(&self, variant: AsaVariant) -> Kpi {
        let r = &self.0;
        let (num, den) = match variant {
            AsaVariant::AnsweredOnly => (r.answer_wait_s, r.answered),
            AsaVariant::AllContacts => (r.answer_wait_s + r.abandon_wait_s, r.answered + r.abandoned),
        };
        Kpi::ratio(KpiVariant::Asa(variant), num, den)
            .with("W_ans", "total wait of answered contacts", r.answer_wait_s, "s")
            .with("W_ab", "total wait of abandoned contacts", r.abandon_wait_s, "s")
            .with("N_ans", "answered", r.answered, "contacts")
            .with("N_ab", "abandoned", r.abandoned, "contacts")
    }

    /// Abandonment rate, fraction.
    ///
    /// | variant | formula | source |
    /// |---|---|---|
    /// | [`AbandonmentVariant::OverOffered`] | `B / O` | common usage |
    /// | [`AbandonmentVariant::OverQueued`] | `B / Q` | Amazon Connect |
    /// | [`AbandonmentVariant::ShortExcludedOverOffered`] | `(B − S) / (O − S)` | RingCentral-style short-abandon exclusion |
    /// | [`AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned`] | `(B − S) / (N_ans + B − S)` | Google CCAI Platform |
    ///
    /// `B`: abandoned; `O`: offered; `Q`: queued; `S`: short abandons; `N_ans`: answered.
    ///
    /// ```
    /// use callcalc_engine::{AbandonmentVariant as V, ContactTotals, ContactTotalsInput};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     sl_threshold_s: 20.0, short_abandon_threshold_s: 5.0,
    ///     offered: 100.0, queued: 80.0, answered: 90.0, abandoned: 10.0,
    ///     abandoned_within_t: 6.0, short_abandons: 4.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.abandonment_rate(V::OverOffered).value, Some(0.1));
    /// assert_eq!(t.abandonment_rate(V::OverQueued).value, Some(0.125));
    /// assert_eq!(t.abandonment_rate(V::ShortExcludedOverOffered).value, Some(6.0 / 96.0));
    /// ```
    pub fn abandonment_rate(&self, variant: AbandonmentVariant) -> Kpi {
        let r = &self.0;
        let (num, den) = match variant {
            AbandonmentVariant::OverOffered => (r.abandoned, r.offered),
            AbandonmentVariant::OverQueued => (r.abandoned, r.queued),
            AbandonmentVariant::ShortExcludedOverOffered => {
                (r.abandoned - r.short_abandons, r.offered - r.short_abandons)
            }
            AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => {
                (r.abandoned - r.short_abandons, r.answered + r.abandoned - r.short_abandons)
            }
        };
        Kpi::ratio(KpiVariant::Abandonment(variant), num, den)
            .with("B", "abandoned", r.abandoned, "contacts")
            .with("S", "short abandons", r.short_abandons, "contacts")
            .with("O", "offered", r.offered, "contacts")
            .with("Q", "queued", r.queued, "contacts")
            .with("N_ans", "answered", r.answered, "contacts")
    }

    /// Average handle time per handled contact, seconds.
    ///
    /// - [`AhtVariant::TalkHoldAcw`]: `AHT = (talk + hold + ACW) / handled` — the definition;
    /// - [`AhtVariant::TalkHold`]: `(talk + hold) / handled` — mistake: ACW left out;
    /// - [`AhtVariant::TalkOnly`]: `talk / handled` — mistake: hold and ACW left out.
    ///
    /// Source: Amazon Connect "Average handle time" (and "Average agent
    /// interaction time", which is the partial variant).
    ///
    /// ```
    /// use callcalc_engine::{AhtVariant, ContactTotals, ContactTotalsInput};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     handled: 10.0, talk_s: 2000.0, hold_s: 200.0, acw_s: 300.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.aht(AhtVariant::TalkHoldAcw).value, Some(250.0));
    /// assert_eq!(t.aht(AhtVariant::TalkHold).value, Some(220.0));
    /// assert_eq!(t.aht(AhtVariant::TalkOnly).value, Some(200.0));
    /// ```
    pub fn aht(&self, variant: AhtVariant) -> Kpi {
        let r = &self.0;
        let num = match variant {
            AhtVariant::TalkHoldAcw => r.talk_s + r.hold_s + r.acw_s,
            AhtVariant::TalkHold => r.talk_s + r.hold_s,
            AhtVariant::TalkOnly => r.talk_s,
        };
        Kpi::ratio(KpiVariant::Aht(variant), num, r.handled)
            .with("talk", "total talk time", r.talk_s, "s")
            .with("hold", "total hold time", r.hold_s, "s")
            .with("ACW", "total after-contact work", r.acw_s, "s")
            .with("N_h", "handled", r.handled, "contacts")
    }

    /// Measured occupancy or utilisation, fraction.
    ///
    /// - [`OccupancyVariant::Measured`]: `occupancy = H / (H + I)` — handle time
    ///   over handle plus available (idle) time (variant (b) of `definitions.md`;
    ///   Amazon Connect "Occupancy");
    /// - [`OccupancyVariant::Utilization`]: `utilisation = H / L` — handle time
    ///   over logged-in time (so not-ready time lowers it).
    ///
    /// `H = talk + hold + ACW` (s); `I`: available time (s); `L`: logged-in time (s).
    /// Concurrent chats can make either exceed 1; that is reported as is.
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput, OccupancyVariant};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     talk_s: 2400.0, hold_s: 300.0, acw_s: 300.0, available_s: 1000.0, logged_in_s: 5000.0,
    ///     ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.occupancy(OccupancyVariant::Measured).value, Some(0.75));
    /// assert_eq!(t.occupancy(OccupancyVariant::Utilization).value, Some(0.6));
    /// ```
    pub fn occupancy(&self, variant: OccupancyVariant) -> Kpi {
        let r = &self.0;
        let h = self.handle_s();
        let den = match variant {
            OccupancyVariant::Measured => h + r.available_s,
            OccupancyVariant::Utilization => r.logged_in_s,
        };
        Kpi::ratio(KpiVariant::Occupancy(variant), h, den)
            .with("H", "handle time (talk + hold + ACW)", h, "s")
            .with("I", "available (idle) time", r.available_s, "s")
            .with("L", "logged-in time", r.logged_in_s, "s")
    }

    /// Actual (measured) shrinkage, fraction.
    ///
    /// - [`ShrinkageVariant::Total`]: `s = (NR + Abs) / P` — not-ready time plus
    ///   paid absence over paid time (the planning definition: the share of paid
    ///   time not available for contacts);
    /// - [`ShrinkageVariant::OnShift`]: `s = NR / L` — not-ready time over
    ///   logged-in time (in-shift shrinkage only).
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput, ShrinkageVariant};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     not_ready_s: 600.0, absence_s: 900.0, paid_s: 5000.0, logged_in_s: 4000.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.shrinkage(ShrinkageVariant::Total).value, Some(0.3));
    /// assert_eq!(t.shrinkage(ShrinkageVariant::OnShift).value, Some(0.15));
    /// ```
    pub fn shrinkage(&self, variant: ShrinkageVariant) -> Kpi {
        let r = &self.0;
        let (num, den) = match variant {
            ShrinkageVariant::Total => (r.not_ready_s + r.absence_s, r.paid_s),
            ShrinkageVariant::OnShift => (r.not_ready_s, r.logged_in_s),
        };
        Kpi::ratio(KpiVariant::Shrinkage(variant), num, den)
            .with("NR", "not-ready time while logged in", r.not_ready_s, "s")
            .with("Abs", "paid absence", r.absence_s, "s")
            .with("P", "paid time", r.paid_s, "s")
            .with("L", "logged-in time", r.logged_in_s, "s")
    }

    /// Contacts handled per agent hour: `N_h / (t / 3600)`, with `t` the
    /// logged-in or the paid time in seconds ([`HourBasis`]). Result: contacts per hour.
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput, HourBasis};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     handled: 90.0, logged_in_s: 36_000.0, paid_s: 43_200.0, ..Default::default()
    /// }).unwrap();
    /// assert_eq!(t.contacts_per_agent_hour(HourBasis::LoggedIn).value, Some(9.0));
    /// assert_eq!(t.contacts_per_agent_hour(HourBasis::Paid).value, Some(7.5));
    /// ```
    pub fn contacts_per_agent_hour(&self, basis: HourBasis) -> Kpi {
        let r = &self.0;
        let secs = match basis {
            HourBasis::LoggedIn => r.logged_in_s,
            HourBasis::Paid => r.paid_s,
        };
        Kpi::ratio(KpiVariant::ContactsPerAgentHour(basis), r.handled, secs / 3600.0)
            .with("N_h", "handled", r.handled, "contacts")
            .with("L", "logged-in time", r.logged_in_s, "s")
            .with("P", "paid time", r.paid_s, "s")
    }

    /// Cost per unit of output: `C / D`.
    ///
    /// - `C`: [`CostScope::FullyLoaded`] = labour + telephony + technology +
    ///   facilities + overhead, or [`CostScope::LabourOnly`] = labour (money);
    /// - `D` ([`CostBasis`]): handled contacts, offered contacts, handled minutes
    ///   (`(talk + hold + ACW)/60`), or paid agent hours (`paid_s/3600`).
    ///
    /// A voice-only data set gives cost per call; blended totals give cost per
    /// contact. Source: `definitions.md` ("Cost per call / contact", "Cost per minute").
    ///
    /// ```
    /// use callcalc_engine::{ContactTotals, ContactTotalsInput, CostBasis, CostScope, CostVariant};
    /// let t = ContactTotals::new(ContactTotalsInput {
    ///     offered: 1000.0, queued: 1000.0, answered: 900.0, handled: 900.0,
    ///     labour_cost: 2400.0, telephony_cost: 300.0, technology_cost: 200.0,
    ///     facilities_cost: 250.0, overhead_cost: 150.0, ..Default::default()
    /// }).unwrap();
    /// let v = |scope, basis| t.cost(CostVariant { scope, basis }).value.unwrap();
    /// assert!((v(CostScope::FullyLoaded, CostBasis::HandledContact) - 3300.0 / 900.0).abs() < 1e-12);
    /// assert!((v(CostScope::FullyLoaded, CostBasis::OfferedContact) - 3.3).abs() < 1e-12);
    /// assert!((v(CostScope::LabourOnly, CostBasis::OfferedContact) - 2.4).abs() < 1e-12);
    /// ```
    pub fn cost(&self, variant: CostVariant) -> Kpi {
        let r = &self.0;
        let c = self.cost_in_scope(variant.scope);
        let d = match variant.basis {
            CostBasis::HandledContact => r.handled,
            CostBasis::OfferedContact => r.offered,
            CostBasis::HandledMinute => self.handle_s() / 60.0,
            CostBasis::AgentHour => r.paid_s / 3600.0,
        };
        Kpi::ratio(KpiVariant::Cost(variant), c, d)
            .with("labour", "agent labour cost", r.labour_cost, "money")
            .with("telephony", "telephony cost", r.telephony_cost, "money")
            .with("technology", "technology cost", r.technology_cost, "money")
            .with("facilities", "facilities cost", r.facilities_cost, "money")
            .with("overhead", "overhead cost", r.overhead_cost, "money")
            .with("D", variant.basis.meaning(), d, variant.basis.unit())
    }

    /// Every variant of one KPI family, in a fixed order.
    pub fn all_variants(&self, kpi: ReportedKpi) -> Vec<Kpi> {
        kpi.variants().into_iter().map(|v| self.kpi(v)).collect()
    }

    /// The KPI for any variant ([`KpiVariant::GrossFte`] is not computed from
    /// contact totals: use [`gross_fte_variant`]; here it is `None`).
    pub fn kpi(&self, variant: KpiVariant) -> Kpi {
        match variant {
            KpiVariant::ServiceLevel(v) => self.service_level(v),
            KpiVariant::Asa(v) => self.asa(v),
            KpiVariant::Abandonment(v) => self.abandonment_rate(v),
            KpiVariant::Aht(v) => self.aht(v),
            KpiVariant::Occupancy(v) => self.occupancy(v),
            KpiVariant::Shrinkage(v) => self.shrinkage(v),
            KpiVariant::ContactsPerAgentHour(v) => self.contacts_per_agent_hour(v),
            KpiVariant::Cost(v) => self.cost(v),
            KpiVariant::GrossFte(_) => Kpi::ratio(variant, 0.0, 0.0),
        }
    }
}

/// Service-level variants (Cisco ICM/CCE "abandoned calls" treatment, with
/// optional exclusion of short abandons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceLevelVariant {
    /// Aban-Ignored: abandons within T removed from the denominator.
    AbandonsIgnored,
    /// Aban-Negative: abandons count against the service level.
    AbandonsNegative,
    /// Aban-Negative with short abandons removed from offered.
    AbandonsNegativeShortExcluded,
    /// Aban-Positive: abandons within T count as met (= Amazon Connect "Service level X").
    AbandonsPositive,
    /// Aban-Positive with short abandons removed from both sides.
    AbandonsPositiveShortExcluded,
}

/// ASA variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AsaVariant {
    AnsweredOnly,
    AllContacts,
}

/// Abandonment-rate variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbandonmentVariant {
    OverOffered,
    OverQueued,
    ShortExcludedOverOffered,
    ShortExcludedOverAnsweredPlusAbandoned,
}

/// AHT variants: the definition and two partial sums found in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AhtVariant {
    TalkHoldAcw,
    TalkHold,
    TalkOnly,
}

/// Measured occupancy vs utilisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OccupancyVariant {
    Measured,
    Utilization,
}

/// Actual shrinkage variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShrinkageVariant {
    Total,
    OnShift,
}

/// Which agent hours divide a productivity or cost figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HourBasis {
    LoggedIn,
    Paid,
}

/// Which costs are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostScope {
    FullyLoaded,
    LabourOnly,
}

/// What the cost is divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostBasis {
    HandledContact,
    OfferedContact,
    HandledMinute,
    /// Paid agent hour.
    AgentHour,
}

impl CostBasis {
    fn meaning(self) -> &'static str {
        match self {
            CostBasis::HandledContact => "contacts handled",
            CostBasis::OfferedContact => "contacts offered",
            CostBasis::HandledMinute => "handled minutes (talk + hold + ACW)",
            CostBasis::AgentHour => "paid agent hours",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            CostBasis::HandledContact | CostBasis::OfferedContact => "contacts",
            CostBasis::HandledMinute => "min",
            CostBasis::AgentHour => "h",
        }
    }
}

/// A cost-per-unit variant: scope × denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CostVariant {
    pub scope: CostScope,
    pub basis: CostBasis,
}

/// Gross FTE variants (for explaining a reported head count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FteVariant {
    /// `FTE = N / (1 − s)`: the definition.
    DivideByAvailableShare,
    /// `N × (1 + s)`: a common mistake.
    NetTimesOnePlusS,
}

/// Whether a variant is an accepted definition or a known mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantKind {
    /// A definition in use somewhere (a report using it is not wrong, only
    /// different; it must say which it uses).
    Definition,
    /// A known mistake (ACW left out of AHT, `N × (1 + s)`).
    Mistake,
}

/// Every KPI variant the engine computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiVariant {
    ServiceLevel(ServiceLevelVariant),
    Asa(AsaVariant),
    Abandonment(AbandonmentVariant),
    Aht(AhtVariant),
    Occupancy(OccupancyVariant),
    Shrinkage(ShrinkageVariant),
    ContactsPerAgentHour(HourBasis),
    Cost(CostVariant),
    GrossFte(FteVariant),
}

impl KpiVariant {
    /// Stable identifier (translation key) of the variant.
    pub fn id(self) -> &'static str {
        use KpiVariant as K;
        match self {
            K::ServiceLevel(v) => match v {
                ServiceLevelVariant::AbandonsIgnored => "kpi.service_level.aban_ignored",
                ServiceLevelVariant::AbandonsNegative => "kpi.service_level.aban_negative",
                ServiceLevelVariant::AbandonsNegativeShortExcluded => "kpi.service_level.aban_negative_short_excluded",
                ServiceLevelVariant::AbandonsPositive => "kpi.service_level.aban_positive",
                ServiceLevelVariant::AbandonsPositiveShortExcluded => "kpi.service_level.aban_positive_short_excluded",
            },
            K::Asa(AsaVariant::AnsweredOnly) => "kpi.asa.answered_only",
            K::Asa(AsaVariant::AllContacts) => "kpi.asa.all_contacts",
            K::Abandonment(v) => match v {
                AbandonmentVariant::OverOffered => "kpi.abandonment.over_offered",
                AbandonmentVariant::OverQueued => "kpi.abandonment.over_queued",
                AbandonmentVariant::ShortExcludedOverOffered => "kpi.abandonment.short_excluded_over_offered",
                AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => {
                    "kpi.abandonment.short_excluded_over_answered_plus_abandoned"
                }
            },
            K::Aht(AhtVariant::TalkHoldAcw) => "kpi.aht.talk_hold_acw",
            K::Aht(AhtVariant::TalkHold) => "kpi.aht.talk_hold",
            K::Aht(AhtVariant::TalkOnly) => "kpi.aht.talk_only",
            K::Occupancy(OccupancyVariant::Measured) => "kpi.occupancy.measured",
            K::Occupancy(OccupancyVariant::Utilization) => "kpi.occupancy.utilization",
            K::Shrinkage(ShrinkageVariant::Total) => "kpi.shrinkage.total",
            K::Shrinkage(ShrinkageVariant::OnShift) => "kpi.shrinkage.on_shift",
            K::ContactsPerAgentHour(HourBasis::LoggedIn) => "kpi.contacts_per_hour.logged_in",
            K::ContactsPerAgentHour(HourBasis::Paid) => "kpi.contacts_per_hour.paid",
            K::Cost(c) => match (c.scope, c.basis) {
                (CostScope::FullyLoaded, CostBasis::HandledContact) => "kpi.cost.fully_loaded.per_handled",
                (CostScope::FullyLoaded, CostBasis::OfferedContact) => "kpi.cost.fully_loaded.per_offered",
                (CostScope::FullyLoaded, CostBasis::HandledMinute) => "kpi.cost.fully_loaded.per_handled_minute",
                (CostScope::FullyLoaded, CostBasis::AgentHour) => "kpi.cost.fully_loaded.per_agent_hour",
                (CostScope::LabourOnly, CostBasis::HandledContact) => "kpi.cost.labour.per_handled",
                (CostScope::LabourOnly, CostBasis::OfferedContact) => "kpi.cost.labour.per_offered",
                (CostScope::LabourOnly, CostBasis::HandledMinute) => "kpi.cost.labour.per_handled_minute",
                (CostScope::LabourOnly, CostBasis::AgentHour) => "kpi.cost.labour.per_agent_hour",
            },
            K::GrossFte(FteVariant::DivideByAvailableShare) => "kpi.fte.divide_by_available_share",
            K::GrossFte(FteVariant::NetTimesOnePlusS) => "kpi.fte.net_times_one_plus_s",
        }
    }

    /// The formula in symbols.
    pub fn formula(self) -> &'static str {
        use KpiVariant as K;
        match self {
            K::ServiceLevel(v) => match v {
                ServiceLevelVariant::AbandonsIgnored => "SL = Aₜ / (O − Bₜ)",
                ServiceLevelVariant::AbandonsNegative => "SL = Aₜ / O",
                ServiceLevelVariant::AbandonsNegativeShortExcluded => "SL = Aₜ / (O − S)",
                ServiceLevelVariant::AbandonsPositive => "SL = (Aₜ + Bₜ) / O",
                ServiceLevelVariant::AbandonsPositiveShortExcluded => "SL = (Aₜ + Bₜ − S) / (O − S)",
            },
            K::Asa(AsaVariant::AnsweredOnly) => "ASA = W_ans / N_ans",
            K::Asa(AsaVariant::AllContacts) => "ASA = (W_ans + W_ab) / (N_ans + N_ab)",
            K::Abandonment(v) => match v {
                AbandonmentVariant::OverOffered => "abandonment = B / O",
                AbandonmentVariant::OverQueued => "abandonment = B / Q",
                AbandonmentVariant::ShortExcludedOverOffered => "abandonment = (B − S) / (O − S)",
                AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => "abandonment = (B − S) / (N_ans + B − S)",
            },
            K::Aht(AhtVariant::TalkHoldAcw) => "AHT = (talk + hold + ACW) / N_h",
            K::Aht(AhtVariant::TalkHold) => "AHT = (talk + hold) / N_h",
            K::Aht(AhtVariant::TalkOnly) => "AHT = talk / N_h",
            K::Occupancy(OccupancyVariant::Measured) => "occupancy = H / (H + I)",
            K::Occupancy(OccupancyVariant::Utilization) => "utilisation = H / L",
            K::Shrinkage(ShrinkageVariant::Total) => "s = (NR + Abs) / P",
            K::Shrinkage(ShrinkageVariant::OnShift) => "s = NR / L",
            K::ContactsPerAgentHour(HourBasis::LoggedIn) => "contacts per hour = N_h / (L / 3600)",
            K::ContactsPerAgentHour(HourBasis::Paid) => "contacts per hour = N_h / (P / 3600)",
            K::Cost(c) => match c.scope {
                CostScope::FullyLoaded => "cost = (labour + telephony + technology + facilities + overhead) / D",
                CostScope::LabourOnly => "cost = labour / D",
            },
            K::GrossFte(FteVariant::DivideByAvailableShare) => "FTE = N / (1 − s)",
            K::GrossFte(FteVariant::NetTimesOnePlusS) => "FTE = N × (1 + s)",
        }
    }

    /// What the variant means, and for a mismatch, what mistake or choice it explains.
    pub fn description(self) -> &'static str {
        use KpiVariant as K;
        match self {
            K::ServiceLevel(v) => match v {
                ServiceLevelVariant::AbandonsIgnored => "Cisco Aban-Ignored: abandons within T excluded from the denominator",
                ServiceLevelVariant::AbandonsNegative => "Cisco Aban-Negative: abandons count against the service level",
                ServiceLevelVariant::AbandonsNegativeShortExcluded => {
                    "Cisco Aban-Negative with short abandons dropped from offered"
                }
                ServiceLevelVariant::AbandonsPositive => {
                    "Cisco Aban-Positive: abandons within T counted as meeting the target (Amazon Connect 'Service level X')"
                }
                ServiceLevelVariant::AbandonsPositiveShortExcluded => {
                    "Cisco Aban-Positive with short abandons dropped from both sides"
                }
            },
            K::Asa(AsaVariant::AnsweredOnly) => "mean queue wait of answered contacts only",
            K::Asa(AsaVariant::AllContacts) => "mean queue wait over answered and abandoned contacts",
            K::Abandonment(v) => match v {
                AbandonmentVariant::OverOffered => "abandoned over offered",
                AbandonmentVariant::OverQueued => "abandoned over queued (Amazon Connect)",
                AbandonmentVariant::ShortExcludedOverOffered => "short abandons dropped from abandoned and offered",
                AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => {
                    "short abandons dropped, over answered + abandoned (Google CCAI Platform)"
                }
            },
            K::Aht(AhtVariant::TalkHoldAcw) => "talk + hold + after-contact work per handled contact",
            K::Aht(AhtVariant::TalkHold) => "after-contact work (ACW) left out of AHT",
            K::Aht(AhtVariant::TalkOnly) => "hold and after-contact work left out of AHT (talk time only)",
            K::Occupancy(OccupancyVariant::Measured) => "measured occupancy: handle time over handle + available time",
            K::Occupancy(OccupancyVariant::Utilization) => "utilisation: handle time over logged-in time",
            K::Shrinkage(ShrinkageVariant::Total) => "total shrinkage: not-ready + absence over paid time",
            K::Shrinkage(ShrinkageVariant::OnShift) => "on-shift shrinkage: not-ready over logged-in time",
            K::ContactsPerAgentHour(HourBasis::LoggedIn) => "contacts handled per logged-in hour",
            K::ContactsPerAgentHour(HourBasis::Paid) => "contacts handled per paid hour",
            K::Cost(c) => match (c.scope, c.basis) {
                (CostScope::FullyLoaded, CostBasis::HandledContact) => "fully loaded cost per handled contact",
                (CostScope::FullyLoaded, CostBasis::OfferedContact) => "fully loaded cost over offered (not handled) contacts",
                (CostScope::FullyLoaded, CostBasis::HandledMinute) => "fully loaded cost per handled minute",
                (CostScope::FullyLoaded, CostBasis::AgentHour) => "fully loaded cost per paid agent hour",
                (CostScope::LabourOnly, CostBasis::HandledContact) => "labour cost only per handled contact",
                (CostScope::LabourOnly, CostBasis::OfferedContact) => "labour cost only over offered (not handled) contacts",
                (CostScope::LabourOnly, CostBasis::HandledMinute) => "labour cost only per handled minute",
                (CostScope::LabourOnly, CostBasis::AgentHour) => "labour cost only per paid agent hour",
            },
            K::GrossFte(FteVariant::DivideByAvailableShare) => "net agents divided by the available share 1 − s",
            K::GrossFte(FteVariant::NetTimesOnePlusS) => "net × (1 + s) used instead of net / (1 − s)",
        }
    }

    /// Where the definition was read.
    pub fn source(self) -> &'static str {
        use KpiVariant as K;
        match self {
            K::ServiceLevel(_) => SRC_CISCO,
            K::Asa(_) => SRC_CONNECT_ASA,
            K::Abandonment(AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned) => SRC_ABANDON_GOOGLE,
            K::Abandonment(_) => SRC_CONNECT,
            K::Aht(_) => SRC_AHT,
            K::Occupancy(_) => SRC_OCC,
            K::Shrinkage(_) => SRC_SHRINK,
            K::ContactsPerAgentHour(_) => SRC_PRODUCTIVITY,
            K::Cost(_) => SRC_COST,
            K::GrossFte(_) => SRC_FTE,
        }
    }

    /// Unit of the value.
    pub fn unit(self) -> &'static str {
        use KpiVariant as K;
        match self {
            K::ServiceLevel(_) | K::Abandonment(_) | K::Occupancy(_) | K::Shrinkage(_) => "",
            K::Asa(_) | K::Aht(_) => "s",
            K::ContactsPerAgentHour(_) => "contacts/h",
            K::Cost(c) => match c.basis {
                CostBasis::HandledContact | CostBasis::OfferedContact => "money/contact",
                CostBasis::HandledMinute => "money/min",
                CostBasis::AgentHour => "money/h",
            },
            K::GrossFte(_) => "FTE",
        }
    }

    /// A definition in use, or a known mistake.
    pub fn kind(self) -> VariantKind {
        match self {
            KpiVariant::Aht(AhtVariant::TalkHold | AhtVariant::TalkOnly)
            | KpiVariant::GrossFte(FteVariant::NetTimesOnePlusS) => VariantKind::Mistake,
            _ => VariantKind::Definition,
        }
    }
}

/// One computed KPI: its variant, the ratio's parts and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub variant: KpiVariant,
    pub numerator: f64,
    pub denominator: f64,
    /// `numerator / denominator`; `None` when the denominator is 0 (or, through
    /// inconsistent totals, negative).
    pub value: Option<f64>,
    /// The totals that entered the formula.
    pub inputs: Vec<TraceInput>,
}

impl Kpi {
    fn ratio(variant: KpiVariant, numerator: f64, denominator: f64) -> Kpi {
        let value = if denominator > 0.0 { Some(numerator / denominator) } else { None };
        Kpi { variant, numerator, denominator, value, inputs: Vec::new() }
    }

    fn with(mut self, symbol: &'static str, meaning: &'static str, value: f64, unit: &'static str) -> Kpi {
        self.inputs.push(TraceInput { symbol, meaning, value, unit });
        self
    }

    /// How the value was computed; `None` when it is undefined (zero denominator).
    pub fn trace(&self) -> Option<Trace> {
        let v = self.variant;
        self.value.map(|value| {
            let mut t = Trace::new(v.id(), v.formula(), v.description(), v.source(), value, v.unit());
            t.inputs = self.inputs.clone();
            t
        })
    }
}

/// Gross FTE in either variant, as a [`Kpi`] (numerator `N` or `N(1 + s)`,
/// denominator `1 − s` or 1), computed through [`Shrinkage::gross`].
///
/// ```
/// use callcalc_engine::{gross_fte_variant, FteVariant, Shrinkage};
/// let s = Shrinkage::new(0.3).unwrap();
/// assert!((gross_fte_variant(14.0, s, FteVariant::DivideByAvailableShare).unwrap().value.unwrap() - 20.0).abs() < 1e-12);
/// assert!((gross_fte_variant(14.0, s, FteVariant::NetTimesOnePlusS).unwrap().value.unwrap() - 18.2).abs() < 1e-12);
/// ```
pub fn gross_fte_variant(net_agents: f64, shrinkage: Shrinkage, variant: FteVariant) -> Result<Kpi, FieldError> {
    let g = shrinkage.gross(net_agents)?;
    let s = shrinkage.fraction();
    let kpi = match variant {
        FteVariant::DivideByAvailableShare => Kpi {
            variant: KpiVariant::GrossFte(variant),
            numerator: g.net_agents,
            denominator: 1.0 - s,
            value: Some(g.fte),
            inputs: Vec::new(),
        },
        FteVariant::NetTimesOnePlusS => Kpi {
            variant: KpiVariant::GrossFte(variant),
            numerator: g.wrong_variant_net_times_1_plus_s,
            denominator: 1.0,
            value: Some(g.wrong_variant_net_times_1_plus_s),
            inputs: Vec::new(),
        },
    };
    Ok(kpi.with("N", "net agents", g.net_agents, "").with("s", "shrinkage", s, ""))
}

/// The KPI families a reported figure can be explained in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportedKpi {
    ServiceLevel,
    Asa,
    AbandonmentRate,
    Aht,
    Occupancy,
    Shrinkage,
    ContactsPerAgentHour,
    /// Cost per contact (call): fully loaded or labour only, over handled or offered.
    CostPerContact,
    CostPerHandledMinute,
    CostPerAgentHour,
    GrossFte,
}

impl ReportedKpi {
    /// Every variant of the family.
    pub fn variants(self) -> Vec<KpiVariant> {
        use KpiVariant as K;
        let scopes = [CostScope::FullyLoaded, CostScope::LabourOnly];
        let costs = |bases: &[CostBasis]| -> Vec<KpiVariant> {
            let mut out = Vec::new();
            for &scope in &scopes {
                for &basis in bases {
                    out.push(K::Cost(CostVariant { scope, basis }));
                }
            }
            out
        };
        match self {
            ReportedKpi::ServiceLevel => vec![
                K::ServiceLevel(ServiceLevelVariant::AbandonsIgnored),
                K::ServiceLevel(ServiceLevelVariant::AbandonsNegative),
                K::ServiceLevel(ServiceLevelVariant::AbandonsNegativeShortExcluded),
                K::ServiceLevel(ServiceLevelVariant::AbandonsPositive),
                K::ServiceLevel(ServiceLevelVariant::AbandonsPositiveShortExcluded),
            ],
            ReportedKpi::Asa => vec![K::Asa(AsaVariant::AnsweredOnly), K::Asa(AsaVariant::AllContacts)],
            ReportedKpi::AbandonmentRate => vec![
                K::Abandonment(AbandonmentVariant::OverOffered),
                K::Abandonment(AbandonmentVariant::OverQueued),
                K::Abandonment(AbandonmentVariant::ShortExcludedOverOffered),
                K::Abandonment(AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned),
            ],
            ReportedKpi::Aht => {
                vec![K::Aht(AhtVariant::TalkHoldAcw), K::Aht(AhtVariant::TalkHold), K::Aht(AhtVariant::TalkOnly)]
            }
            ReportedKpi::Occupancy => {
                vec![K::Occupancy(OccupancyVariant::Measured), K::Occupancy(OccupancyVariant::Utilization)]
            }
            ReportedKpi::Shrinkage => {
                vec![K::Shrinkage(ShrinkageVariant::Total), K::Shrinkage(ShrinkageVariant::OnShift)]
            }
            ReportedKpi::ContactsPerAgentHour => {
                vec![K::ContactsPerAgentHour(HourBasis::LoggedIn), K::ContactsPerAgentHour(HourBasis::Paid)]
            }
            ReportedKpi::CostPerContact => costs(&[CostBasis::HandledContact, CostBasis::OfferedContact]),
            ReportedKpi::CostPerHandledMinute => costs(&[CostBasis::HandledMinute]),
            ReportedKpi::CostPerAgentHour => costs(&[CostBasis::AgentHour]),
            ReportedKpi::GrossFte => {
                vec![K::GrossFte(FteVariant::DivideByAvailableShare), K::GrossFte(FteVariant::NetTimesOnePlusS)]
            }
        }
    }
}

/// A figure someone reported, validated: finite value, tolerance ≥ 0 (absolute,
/// in the KPI's unit: e.g. `0.0005` for a service level shown to 0.1%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportedFigure {
    pub kpi: ReportedKpi,
    pub value: f64,
    pub tolerance: f64,
}

impl ReportedFigure {
    /// ```
    /// use callcalc_engine::{ReportedFigure, ReportedKpi};
    /// assert!(ReportedFigure::new(ReportedKpi::Aht, 220.0, 0.5).is_ok());
    /// assert_eq!(ReportedFigure::new(ReportedKpi::Aht, 220.0, -1.0).unwrap_err().field, "tolerance");
    /// ```
    pub fn new(kpi: ReportedKpi, value: f64, tolerance: f64) -> Result<Self, FieldError> {
        if !value.is_finite() {
            return Err(FieldError::new("reported_value", value, Problem::NotFinite));
        }
        Ok(ReportedFigure { kpi, value, tolerance: non_negative("tolerance", tolerance)? })
    }
}

/// One variant recomputed from the data and compared with the reported figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub kpi: Kpi,
    /// `reported − recomputed`; `None` when the variant is undefined on this data.
    pub difference: Option<f64>,
    /// `|difference| ≤ tolerance`.
    pub matches: bool,
}

/// What explains the reported figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// These variants reproduce the figure within the tolerance, closest first.
    /// A [`VariantKind::Mistake`] among them names the error made.
    Explained(Vec<KpiVariant>),
    /// No variant reproduces it; the closest defined one, if any, is given.
    Unexplained { closest: Option<KpiVariant>, difference: Option<f64> },
}

/// Every variant of the reported KPI recomputed, with the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub reported: ReportedFigure,
    /// All variants, closest first; undefined ones last.
    pub candidates: Vec<Candidate>,
    pub verdict: Verdict,
}

impl Explanation {
    fn from_kpis(reported: ReportedFigure, kpis: Vec<Kpi>) -> Explanation {
        let mut candidates: Vec<Candidate> = kpis
            .into_iter()
            .map(|kpi| {
                let difference = kpi.value.map(|v| reported.value - v);
                let matches = difference.is_some_and(|d| d.abs() <= reported.tolerance);
                Candidate { kpi, difference, matches }
            })
            .collect();
        // Stable sort: ties keep the family order (definitions before mistakes).
        candidates.sort_by(|a, b| {
            let key = |c: &Candidate| c.difference.map_or(f64::INFINITY, f64::abs);
            key(a).total_cmp(&key(b))
        });
        let matched: Vec<KpiVariant> = candidates.iter().filter(|c| c.matches).map(|c| c.kpi.variant).collect();
        let verdict = if matched.is_empty() {
            let closest = candidates.first().filter(|c| c.difference.is_some());
            Verdict::Unexplained {
                closest: closest.map(|c| c.kpi.variant),
                difference: closest.and_then(|c| c.difference),
            }
        } else {
            Verdict::Explained(matched)
        };
        Explanation { reported, candidates, verdict }
    }

    /// The matching variants that are known mistakes.
    pub fn mistakes(&self) -> Vec<KpiVariant> {
        match &self.verdict {
            Verdict::Explained(v) => v.iter().copied().filter(|v| v.kind() == VariantKind::Mistake).collect(),
            Verdict::Unexplained { .. } => Vec::new(),
        }
    }

    /// The recomputed value of `variant`, if it was a candidate.
    pub fn value_of(&self, variant: KpiVariant) -> Option<f64> {
        self.candidates.iter().find(|c| c.kpi.variant == variant).and_then(|c| c.kpi.value)
    }
}

/// Explains a reported figure from the totals it should have come from:
/// computes every variant of its KPI, compares each with the figure
/// (`difference = reported − recomputed`, a match when `|difference| ≤ tolerance`)
/// and names the variants — definitions or known mistakes — that reproduce it.
///
/// Mismatches this names: abandons excluded from the service level
/// (Aban-Ignored), short abandons dropped, ACW (and hold) left out of AHT,
/// offered instead of handled contacts as a cost denominator, labour-only cost,
/// answered-only vs all-contacts ASA, utilisation vs occupancy …; for gross FTE
/// see [`explain_gross_fte`]. A [`ReportedKpi::GrossFte`] figure cannot be
/// explained from contact totals: all candidates are then undefined.
///
/// ```
/// use callcalc_engine::{explain, AhtVariant, ContactTotals, ContactTotalsInput, KpiVariant, ReportedFigure, ReportedKpi, Verdict};
/// let t = ContactTotals::new(ContactTotalsInput {
///     handled: 10.0, talk_s: 2000.0, hold_s: 200.0, acw_s: 300.0, ..Default::default()
/// }).unwrap();
/// // A report says AHT = 220 s; the data say 250 s with ACW.
/// let e = explain(&t, &ReportedFigure::new(ReportedKpi::Aht, 220.0, 0.5).unwrap());
/// assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::Aht(AhtVariant::TalkHold)]));
/// assert_eq!(e.mistakes(), vec![KpiVariant::Aht(AhtVariant::TalkHold)]);
/// ```
pub fn explain(totals: &ContactTotals, reported: &ReportedFigure) -> Explanation {
    Explanation::from_kpis(*reported, totals.all_variants(reported.kpi))
}

/// Explains a reported gross FTE from the net agents and the shrinkage:
/// `N / (1 − s)` (the definition) vs `N × (1 + s)` (the common mistake).
/// `reported.kpi` should be [`ReportedKpi::GrossFte`]; the variants compared
/// are always the FTE ones.
///
/// ```
/// use callcalc_engine::{explain_gross_fte, FteVariant, KpiVariant, ReportedFigure, ReportedKpi, Shrinkage, Verdict};
/// let r = ReportedFigure::new(ReportedKpi::GrossFte, 18.2, 0.05).unwrap();
/// let e = explain_gross_fte(14.0, Shrinkage::new(0.3).unwrap(), &r).unwrap();
/// assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::GrossFte(FteVariant::NetTimesOnePlusS)]));
/// ```
pub fn explain_gross_fte(
    net_agents: f64,
    shrinkage: Shrinkage,
    reported: &ReportedFigure,
) -> Result<Explanation, FieldError> {
    let kpis = vec![
        gross_fte_variant(net_agents, shrinkage, FteVariant::DivideByAvailableShare)?,
        gross_fte_variant(net_agents, shrinkage, FteVariant::NetTimesOnePlusS)?,
    ];
    Ok(Explanation::from_kpis(ReportedFigure { kpi: ReportedKpi::GrossFte, ..*reported }, kpis))
}
