//! Demo data: a seeded, reproducible multi-channel contact centre (≈40
//! agents; phone, chat, e-mail) written as the CSV exports a Russian ACD/CRM
//! produces — `;` delimiter, decimal comma, `dd.mm.yyyy`, `hh:mm:ss`, Russian
//! headers, a title row above the header and an «Итого» row below — so the
//! app's first start runs the real import path on realistic data.
//!
//! Model:
//! - **Demand**: expected contacts per 15 minutes = daily volume × weekday
//!   factor × annual seasonality (winter peak, summer dip, pre-New-Year
//!   rush) × public-holiday factor × intraday profile (phone peaks late
//!   morning and mid-afternoon, chat in the evening, e-mail flat over the
//!   day and low at night) × a day-level forecast error (±5 %). Arrivals are
//!   Poisson.
//! - **Interval report** (a year): agents are scheduled by Erlang C for 80 %
//!   in 20 s (chat 80 % in 60 s) on the expected load, ±1 agent of schedule
//!   noise; outcomes are drawn from the Erlang C waiting probability and
//!   conditional wait at the staffed level, with exponential patience.
//! - **Call-detail records and agent report** (a month): an event simulation
//!   of a FIFO multi-server queue with abandonment per channel group, agents
//!   with 9-hour shifts (5 of 7 days), breaks, lunch and training, a queue
//!   limit for phone (busy signal), lognormal talk/hold/wrap-up times.
//! - **Randomness**: xoshiro256** seeded through splitmix64 (Blackman &
//!   Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021).
//!   The same seed gives the same files on every platform.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt::Write;

use super::datetime::{civil_from_days, days_from_civil, Timestamp};
use crate::erlang::{ErlangC, Queue};
use crate::load::Load;
use crate::staffing::{required_agents, Targets};

/// splitmix64 step (Steele, Lea & Flood 2014): used to expand a seed.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** pseudo-random generator, seeded through splitmix64.
///
/// ```
/// use callcalc_engine::demo::Rng;
/// let (mut a, mut b) = (Rng::new(7), Rng::new(7));
/// assert_eq!(a.next_u64(), b.next_u64());
/// let x = a.uniform();
/// assert!(x > 0.0 && x < 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut st = seed;
        Rng { s: [splitmix64(&mut st), splitmix64(&mut st), splitmix64(&mut st), splitmix64(&mut st)] }
    }

    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in the open interval (0, 1).
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform integer in `0..n` (`n > 0`; 0 for `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
        }
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (core::f64::consts::TAU * v).cos()
    }

    /// Exponential with the given mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * self.uniform().ln()
    }

    /// Lognormal with the given mean and coefficient of variation.
    pub fn lognormal(&mut self, mean: f64, cv: f64) -> f64 {
        let s2 = (1.0 + cv * cv).ln();
        (mean.ln() - s2 / 2.0 + s2.sqrt() * self.normal()).exp()
    }

    /// Poisson: Knuth's product method below 30, a rounded normal above.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda.is_nan() || lambda <= 0.0 {
            return 0;
        }
        if lambda < 30.0 {
            let limit = (-lambda).exp();
            let mut k = 0;
            let mut p = self.uniform();
            while p > limit {
                k += 1;
                p *= self.uniform();
            }
            k
        } else {
            (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u64
        }
    }

    /// Binomial(n, p): exact below 40 trials, a clamped rounded normal above.
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        let p = p.clamp(0.0, 1.0);
        if n < 40 {
            (0..n).filter(|_| self.uniform() < p).count() as u64
        } else {
            let m = n as f64 * p;
            (m + (m * (1.0 - p)).sqrt() * self.normal()).round().clamp(0.0, n as f64) as u64
        }
    }
}

/// A contact channel of the demo centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ch {
    Phone,
    Chat,
    Email,
}

impl Ch {
    const ALL: [Ch; 3] = [Ch::Phone, Ch::Chat, Ch::Email];

    fn label(self) -> &'static str {
        match self {
            Ch::Phone => "Телефон",
            Ch::Chat => "Чат",
            Ch::Email => "E-mail",
        }
    }

    /// Weekday (Monday) contacts per day at scale 1.
    fn daily_volume(self) -> f64 {
        match self {
            Ch::Phone => 1500.0,
            Ch::Chat => 420.0,
            Ch::Email => 220.0,
        }
    }

    /// Hours the channel is worked: `[open, close)` in hours.
    fn open_hours(self) -> (u32, u32) {
        match self {
            Ch::Phone => (8, 20),
            Ch::Chat => (8, 22),
            Ch::Email => (9, 18),
        }
    }

    /// Relative arrival intensity by hour of day (0–23).
    fn hourly(self) -> &'static [f64; 24] {
        match self {
            Ch::Phone => &[
                0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.6, 1.0, 1.25, 1.3, 1.15, 1.0, 1.1, 1.15, 1.05, 0.9, 0.7,
                0.45, 0.0, 0.0, 0.0, 0.0,
            ],
            Ch::Chat => &[
                0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.4, 0.6, 0.8, 0.9, 1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.1, 1.15,
                1.1, 0.8, 0.0, 0.0,
            ],
            Ch::Email => &[
                0.15, 0.1, 0.08, 0.08, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.15, 1.1, 1.0, 1.0, 1.05, 1.0, 0.95, 0.85, 0.7,
                0.55, 0.45, 0.35, 0.25, 0.2,
            ],
        }
    }

    /// (mean talk, probability of hold, mean hold, mean wrap-up) in seconds.
    fn handling(self) -> (f64, f64, f64, f64) {
        match self {
            Ch::Phone => (200.0, 0.2, 60.0, 30.0),
            // Agents run chats in parallel: effective talk time per chat.
            Ch::Chat => (300.0, 0.0, 0.0, 45.0),
            Ch::Email => (360.0, 0.0, 0.0, 30.0),
        }
    }

    /// Mean patience, seconds (`INFINITY`: e-mails never abandon).
    fn patience_s(self) -> f64 {
        match self {
            Ch::Phone => 120.0,
            Ch::Chat => 240.0,
            Ch::Email => f64::INFINITY,
        }
    }

    /// Service-level threshold used for scheduling, seconds.
    fn sl_threshold_s(self) -> f64 {
        match self {
            Ch::Phone => 20.0,
            Ch::Chat => 60.0,
            Ch::Email => 4.0 * 3600.0,
        }
    }
}

/// Settings of the demo centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoCentre {
    pub seed: u64,
    /// First day of the generated data.
    pub start: (i32, u32, u32),
    /// Multiplies every channel's volume.
    pub volume_scale: f64,
    /// Agents in the simulated centre (CDR and agent report).
    pub agents: u32,
}

impl Default for DemoCentre {
    /// Seed 2024, starting 2024-01-01, scale 1, 40 agents.
    fn default() -> Self {
        DemoCentre { seed: 2024, start: (2024, 1, 1), volume_scale: 1.0, agents: 40 }
    }
}

/// Russian public holidays (month, day) with their demand factor.
const HOLIDAYS: &[(u32, u32, f64)] = &[
    (1, 1, 0.3),
    (1, 2, 0.35),
    (1, 3, 0.4),
    (1, 4, 0.45),
    (1, 5, 0.5),
    (1, 6, 0.5),
    (1, 7, 0.4),
    (1, 8, 0.6),
    (2, 23, 0.6),
    (3, 8, 0.5),
    (5, 1, 0.55),
    (5, 9, 0.5),
    (6, 12, 0.6),
    (11, 4, 0.6),
    (12, 31, 0.4),
];

/// Day-level demand factor: weekday × season × holiday (without noise).
fn day_factor(days: i64) -> f64 {
    const WEEKDAY: [f64; 7] = [1.15, 1.05, 1.0, 0.98, 0.95, 0.55, 0.45];
    let wd = WEEKDAY[(days + 3).rem_euclid(7) as usize];
    let (y, m, d) = civil_from_days(days);
    let doy = (days - days_from_civil(y, 1, 1)) as f64;
    let mut season = 1.0 + 0.10 * (core::f64::consts::TAU * (doy - 20.0) / 365.25).cos();
    if m == 12 && (10..=28).contains(&d) {
        season += 0.12;
    }
    let holiday = HOLIDAYS.iter().find(|h| h.0 == m && h.1 == d).map_or(1.0, |h| h.2);
    wd * season * holiday
}

/// Expected arrivals of `ch` in the 15-minute interval starting `sod`
/// seconds after midnight, on a day with total factor `f`.
fn interval_rate(ch: Ch, sod: u32, f: f64, scale: f64) -> f64 {
    let hourly = ch.hourly();
    let sum: f64 = hourly.iter().sum();
    // Linear interpolation between hour midpoints for a smooth curve.
    let x = f64::from(sod) / 3600.0 + 0.125 - 0.5;
    let h0 = x.floor();
    let w = x - h0;
    let at = |h: f64| hourly[(h as i64).rem_euclid(24) as usize];
    let level = (1.0 - w) * at(h0) + w * at(h0 + 1.0);
    let level = if hourly[(sod / 3600) as usize] == 0.0 { 0.0 } else { level };
    ch.daily_volume() * scale * f * level / sum / 4.0
}

fn hms(s: f64) -> String {
    let s = s.max(0.0).round() as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn date_ru(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{d:02}.{m:02}.{y:04}")
}

/// `x` with `digits` decimals and a decimal comma (what [`push_decimal_ru`]
/// appends; the reference its test compares with).
#[cfg(test)]
fn decimal_ru(x: f64, digits: usize) -> String {
    format!("{x:.digits$}").replace('.', ",")
}

// The writers below append to the file text without a `String` per field:
// the demo is generated on every start of the app, and formatting through
// `format!` was most of its cost. Each writes exactly what the function named
// in its doc comment returns (`engine/tests/demo_files.rs` holds the files'
// fingerprints; the unit tests compare the writers with those functions).

/// Appends `n` in decimal, zero-padded to at least `width` digits: `{n:0width$}`.
fn push_uint(out: &mut String, n: u64, width: usize) {
    const LEN: usize = 24;
    let mut digits = [b'0'; LEN];
    let mut i = LEN;
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in LEN..width {
        out.push('0');
    }
    let from = i.min(LEN.saturating_sub(width));
    // ASCII digits: always valid UTF-8.
    out.push_str(core::str::from_utf8(&digits[from..]).unwrap_or_default());
}

/// Appends [`hms`]`(s)`.
fn push_hms(out: &mut String, s: f64) {
    let s = s.max(0.0).round() as u64;
    push_uint(out, s / 3600, 2);
    out.push(':');
    push_uint(out, s / 60 % 60, 2);
    out.push(':');
    push_uint(out, s % 60, 2);
}

/// Appends `&hms(sod)[..5]` (`hh:mm`) for a time of day `sod < 360 000` s.
fn push_hm(out: &mut String, sod: u32) {
    push_uint(out, u64::from(sod / 3600), 2);
    out.push(':');
    push_uint(out, u64::from(sod / 60 % 60), 2);
}

/// Appends [`date_ru`]`(days)`.
fn push_date_ru(out: &mut String, days: i64) {
    let (y, m, d) = civil_from_days(days);
    push_uint(out, u64::from(d), 2);
    out.push('.');
    push_uint(out, u64::from(m), 2);
    out.push('.');
    match u64::try_from(y) {
        Ok(y) => push_uint(out, y, 4),
        Err(_) => {
            let _ = write!(out, "{y:04}");
        }
    }
}

/// Appends `x` with `digits` decimals and a decimal comma: `{x:.digits$}`
/// with `,` for `.`. One decimal of a positive `x` (not −0) below 10⁶ is written
/// from the integer `round(10x)` unless `10x` is within 10⁻⁶ of a tie (where
/// the rounding of the float product could differ from the exact rounding
/// `format!` does); every other case goes through `format!`'s own code.
fn push_decimal_ru(out: &mut String, x: f64, digits: usize) {
    if digits == 1 && x.is_sign_positive() && x < 1e6 {
        let scaled = x * 10.0;
        let k = scaled.round();
        if ((scaled - scaled.floor()) - 0.5).abs() > 1e-6 {
            let k = k as u64;
            push_uint(out, k / 10, 0);
            out.push(',');
            push_uint(out, k % 10, 0);
            return;
        }
    }
    let start = out.len();
    let _ = write!(out, "{x:.digits$}");
    if let Some(p) = out[start..].find('.') {
        out.replace_range(start + p..start + p + 1, ",");
    }
}

/// One year (`days` days) of 15-minute interval reports for phone, chat and
/// e-mail, as a Russian ACD export: title rows, header
/// `Дата;Интервал;Канал;Поступило;Принято;Потеряно;Принято до 20 с;…`,
/// durations `hh:mm:ss`, agents and service level with a decimal comma, an
/// «Итого» row at the end.
///
/// ```
/// use callcalc_engine::{demo, import_bytes, ImportOptions, ReportKind};
/// let csv = demo::interval_report_csv(&demo::DemoCentre::default(), 7);
/// let out = import_bytes(csv.as_bytes(), ImportOptions::new("demo.csv")).unwrap();
/// assert_eq!(out.summary.kind, ReportKind::Interval);
/// assert_eq!(out.summary.rejected, 0);
/// assert_eq!(out.summary.totals_skipped, 1);
/// assert!(out.summary.kept > 7 * 100);
/// ```
pub fn interval_report_csv(centre: &DemoCentre, days: u32) -> String {
    let mut rng = Rng::new(centre.seed ^ 0x1A7E_5EED);
    let d0 = days_from_civil(centre.start.0, centre.start.1, centre.start.2);
    let mut out = String::with_capacity(days as usize * 140 * 110);
    let _ = write!(
        out,
        "Отчёт по интервалам (15 мин);;;;;;;;;;;;;;\r\nПериод: {} – {};;;;;;;;;;;;;;\r\n\r\n",
        date_ru(d0),
        date_ru(d0 + i64::from(days.max(1)) - 1)
    );
    out.push_str("Дата;Интервал;Канал;Поступило;Принято;Потеряно;Принято до 20 с;Потеряно до 20 с;Ср. время разговора;Ср. время удержания;Ср. время постобработки;AHT;ASA;Операторов;Уровень сервиса, %\r\n");
    let (mut tot_off, mut tot_ans, mut tot_ab) = (0u64, 0u64, 0u64);
    for day in 0..i64::from(days) {
        let dd = d0 + day;
        let f = day_factor(dd);
        let date = date_ru(dd);
        for ch in Ch::ALL {
            let noise = 1.0 + 0.05 * rng.normal();
            let (open, close) = ch.open_hours();
            for q in (open * 4)..(close * 4) {
                let sod = q * 900;
                // Scheduled on the forecast; arrivals follow the actual day.
                let expected = interval_rate(ch, sod, f, centre.volume_scale);
                let offered = rng.poisson(expected * noise.max(0.5));
                let row = simulate_interval(&mut rng, ch, offered, expected);
                tot_off += offered;
                tot_ans += row.answered;
                tot_ab += row.abandoned;
                // `{date};{hh:mm}-{hh:mm};{channel};{counts…};{durations…};{agents};{SL}`
                out.push_str(&date);
                out.push(';');
                push_hm(&mut out, sod);
                out.push('-');
                push_hm(&mut out, sod + 900);
                out.push(';');
                out.push_str(ch.label());
                for n in [offered, row.answered, row.abandoned, row.answered_20, row.abandoned_20] {
                    out.push(';');
                    push_uint(&mut out, n, 0);
                }
                let aht = row.talk.round() + row.hold.round() + row.acw.round();
                for t in [row.talk, row.hold, row.acw, aht, row.asa] {
                    out.push(';');
                    push_hms(&mut out, t);
                }
                out.push(';');
                push_decimal_ru(&mut out, row.agents, 1);
                out.push(';');
                let sl = if offered > 0 { 100.0 * row.answered_20 as f64 / offered as f64 } else { 100.0 };
                push_decimal_ru(&mut out, sl, 1);
                out.push_str("\r\n");
            }
        }
    }
    let _ = write!(out, "Итого;;;{tot_off};{tot_ans};{tot_ab};;;;;;;;;\r\n");
    out
}

struct IntervalOutcome {
    answered: u64,
    abandoned: u64,
    answered_20: u64,
    abandoned_20: u64,
    talk: f64,
    hold: f64,
    acw: f64,
    asa: f64,
    agents: f64,
}

/// Outcomes of one interval from Erlang C at the scheduled staffing, with
/// exponential patience thinning the waiting callers.
fn simulate_interval(rng: &mut Rng, ch: Ch, offered: u64, expected: f64) -> IntervalOutcome {
    let (talk_m, p_hold, hold_m, acw_m) = ch.handling();
    let aht = talk_m + p_hold * hold_m + acw_m;
    let t_sched = ch.sl_threshold_s();
    let scheduled = Load::new(expected.max(0.01), 900.0, aht)
        .ok()
        .and_then(|load| Targets::service_level(0.8, t_sched).ok().map(|t| required_agents(&load, &t).agents))
        .unwrap_or(1);
    // Schedule noise: one agent short or over a quarter of the time each.
    let agents = match rng.below(4) {
        0 => scheduled.saturating_sub(1).max(1),
        3 => scheduled + 1,
        _ => scheduled,
    };
    let agents_f = f64::from(agents) + 0.1 * rng.below(10) as f64 - 0.45;
    let patience = ch.patience_s();
    let (p_wait, cond_wait) = match Load::new(offered as f64, 900.0, aht).ok().and_then(|l| ErlangC::new(l, 20.0).ok())
    {
        Some(q) => match q.at(agents) {
            Queue::Stable(k) if k.p_wait > 0.0 => (k.p_wait, k.asa_s / k.p_wait),
            Queue::Stable(_) => (0.0, 0.0),
            Queue::Unstable(_) => (1.0, if patience.is_finite() { 2.0 * patience } else { 4.0 * 3600.0 }),
        },
        None => (0.0, 0.0),
    };
    let waited = rng.binomial(offered, p_wait);
    // A waiting caller with conditional wait ~ Exp(cond_wait) abandons first
    // with probability cond_wait / (cond_wait + patience).
    let p_ab = if patience.is_finite() && cond_wait > 0.0 { cond_wait / (cond_wait + patience) } else { 0.0 };
    let abandoned = rng.binomial(waited, p_ab);
    let answered = offered - abandoned;
    let waited_answered = waited - abandoned;
    // Of the answered waiters, those answered within 20 s; of the abandoners,
    // those who left within 20 s (minimum of two exponentials).
    let rate = if cond_wait > 0.0 { 1.0 / cond_wait } else { f64::INFINITY };
    let p_ans_20 = 1.0 - (-20.0 * (rate + if patience.is_finite() { 1.0 / patience } else { 0.0 })).exp();
    let answered_20 = (offered - waited) + rng.binomial(waited_answered, p_ans_20);
    let abandoned_20 = rng.binomial(abandoned, p_ans_20);
    let n = answered.max(1) as f64;
    let mean = |rng: &mut Rng, m: f64, cv: f64| {
        if answered == 0 || m == 0.0 {
            0.0
        } else {
            m * (1.0 + cv * rng.normal() / n.sqrt()).max(0.2)
        }
    };
    let talk = mean(rng, talk_m, 0.7);
    let hold = mean(rng, p_hold * hold_m, 1.5);
    let acw = mean(rng, acw_m, 0.5);
    let asa = if answered == 0 {
        0.0
    } else {
        waited_answered as f64 * cond_wait.min(3.0 * 3600.0) * (1.0 + 0.3 * rng.normal() / n.sqrt()).max(0.1) / n
    };
    IntervalOutcome { answered, abandoned, answered_20, abandoned_20, talk, hold, acw, asa, agents: agents_f.max(0.5) }
}

/// A not-ready period of an agent.
#[derive(Debug, Clone, Copy)]
struct Pause {
    start: i64,
    end: i64,
    reason: usize,
}

const REASONS: [&str; 3] = ["Перерыв", "Обед", "Обучение"];

/// One agent's working day.
#[derive(Debug, Clone)]
struct Shift {
    day: i64,
    start: i64,
    end: i64,
    pauses: Vec<Pause>,
}

#[derive(Debug, Clone, Default)]
struct AgentDay {
    talk: f64,
    hold: f64,
    acw: f64,
    contacts: [u64; 3],
}

struct Agent {
    name: String,
    group: Ch,
    shifts: Vec<Shift>,
    /// Index of the current shift and time the agent is next free.
    cursor: usize,
    free_at: i64,
    days: Vec<AgentDay>,
}

impl Agent {
    /// The earliest time ≥ `t` the agent can take a contact, or `None`.
    fn next_available(&mut self, t: i64) -> Option<i64> {
        let mut t = t.max(self.free_at);
        while let Some(s) = self.shifts.get(self.cursor) {
            if t >= s.end {
                self.cursor += 1;
                continue;
            }
            t = t.max(s.start);
            let mut moved = true;
            while moved {
                moved = false;
                for p in &s.pauses {
                    if t >= p.start && t < p.end {
                        t = p.end;
                        moved = true;
                    }
                }
            }
            if t < s.end {
                return Some(t);
            }
            self.cursor += 1;
        }
        None
    }
}

const SURNAMES: [&str; 40] = [
    "Иванова",
    "Петров",
    "Смирнова",
    "Кузнецов",
    "Попова",
    "Васильев",
    "Соколова",
    "Михайлов",
    "Новикова",
    "Фёдоров",
    "Морозова",
    "Волков",
    "Алексеева",
    "Лебедев",
    "Семёнова",
    "Егоров",
    "Павлова",
    "Козлов",
    "Степанова",
    "Николаев",
    "Орлова",
    "Андреев",
    "Макарова",
    "Захаров",
    "Зайцева",
    "Соловьёв",
    "Борисова",
    "Яковлев",
    "Григорьева",
    "Романов",
    "Воробьёва",
    "Сергеев",
    "Кузьмина",
    "Фролов",
    "Александрова",
    "Дмитриев",
    "Королёва",
    "Гусев",
    "Киселёва",
    "Ильин",
];
const INITIALS: [&str; 10] = ["А.", "Е.", "И.", "М.", "О.", "Н.", "С.", "Т.", "В.", "Д."];

fn agent_name(i: u32) -> String {
    let base = SURNAMES[(i % 40) as usize];
    let suffix = if i >= 40 { format!(" ({})", i / 40 + 1) } else { String::new() };
    format!("{base} {}{}{suffix}", INITIALS[(i * 7 % 10) as usize], INITIALS[(i * 3 % 10) as usize])
}

/// Builds agents, their shifts and pauses over `days` days.
fn build_agents(rng: &mut Rng, centre: &DemoCentre, d0: i64, days: u32) -> Vec<Agent> {
    let n = centre.agents.max(3);
    let n_chat = (n / 4).max(1);
    let n_email = (n * 5 / 40).max(1);
    let mut agents = Vec::with_capacity(n as usize);
    for i in 0..n {
        let group = if i < n - n_chat - n_email {
            Ch::Phone
        } else if i < n - n_email {
            Ch::Chat
        } else {
            Ch::Email
        };
        let (open, close) = group.open_hours();
        // Staggered 9-hour shifts (8 h work + 1 h lunch) covering the open hours.
        let latest = close.saturating_sub(9).max(open);
        let starts: Vec<u32> = (open..=latest).collect();
        let start_h = starts[(i as usize) % starts.len()];
        let mut shifts = Vec::new();
        for day in 0..i64::from(days) {
            let dd = d0 + day;
            if (dd + i64::from(i)).rem_euclid(7) >= 5 {
                continue; // day off (5 of 7 days worked, staggered)
            }
            let s = dd * 86_400 + i64::from(start_h) * 3600;
            let e = s + 9 * 3600;
            let mut pauses = vec![
                Pause { start: s + 2 * 3600, end: s + 2 * 3600 + 900, reason: 0 },
                Pause { start: s + 4 * 3600, end: s + 5 * 3600, reason: 1 },
                Pause { start: s + 7 * 3600, end: s + 7 * 3600 + 900, reason: 0 },
            ];
            if rng.below(10) == 0 {
                let ts = s + 5 * 3600 + 1800 * rng.below(3) as i64;
                pauses.push(Pause { start: ts, end: ts + 3600, reason: 2 });
            }
            shifts.push(Shift { day: dd, start: s, end: e, pauses });
        }
        agents.push(Agent {
            name: agent_name(i),
            group,
            shifts,
            cursor: 0,
            free_at: i64::MIN,
            days: vec![AgentDay::default(); days as usize],
        });
    }
    agents
}

/// Queues by channel, with their share of the channel's contacts.
fn queue_for(rng: &mut Rng, ch: Ch) -> &'static str {
    match ch {
        Ch::Phone => match rng.below(10) {
            0..=6 => "Общая линия",
            7 => "VIP",
            _ => "Техподдержка",
        },
        Ch::Chat => "Чат на сайте",
        Ch::Email => "Почта",
    }
}

/// Contact reasons of the demo bank, with weights and complexity levels.
const CONTACT_REASONS: [(&str, u64, u8); 8] = [
    ("Баланс и выписка", 30, 1),
    ("Блокировка карты", 18, 2),
    ("Платёж не прошёл", 14, 2),
    ("Кредит", 10, 3),
    ("Смена данных", 8, 2),
    ("Мобильный банк", 7, 2),
    ("Жалоба", 5, 3),
    ("Другое", 8, 1),
];

/// The customer side of the demo contacts — caller ids with repeat
/// contacts, reasons, complexity, transfers, resolution and surveys — drawn
/// from a random stream of its own, so the queue simulation (and every
/// number derived from it) is the same with or without these columns.
struct Customers {
    rng: Rng,
    /// Callers expected to contact again: (caller, earliest time).
    pending: VecDeque<(u64, i64)>,
}

impl Customers {
    fn new(seed: u64) -> Self {
        Customers { rng: Rng::new(seed ^ 0xC057_0E25), pending: VecDeque::new() }
    }

    /// The caller of a contact arriving at `a`: a pending repeat caller
    /// (half the time, within 24 h of the first contact) or a new one.
    fn caller(&mut self, a: i64) -> u64 {
        while self.pending.front().is_some_and(|&(_, t)| a - t > 86_400) {
            self.pending.pop_front();
        }
        if let Some(&(c, t)) = self.pending.front() {
            if t <= a && self.rng.below(2) == 0 {
                self.pending.pop_front();
                return c;
            }
        }
        9_000_000_000 + self.rng.below(999_999_999)
    }

    /// The caller will come back within hours with probability `p`.
    fn maybe_return(&mut self, caller: u64, a: i64, p: f64) {
        if self.rng.uniform() < p {
            self.pending.push_back((caller, a + 600 + self.rng.below(4 * 3600) as i64));
        }
    }

    /// Appends `;reason;complexity;transferred;resolved;csat;nps` of an
    /// answered contact with wait `wait_s`.
    fn answered(&mut self, out: &mut String, caller: u64, a: i64, wait_s: f64) {
        let total: u64 = CONTACT_REASONS.iter().map(|r| r.1).sum();
        let mut x = self.rng.below(total);
        let &(reason, _, level) = CONTACT_REASONS
            .iter()
            .find(|r| {
                if x < r.1 {
                    true
                } else {
                    x -= r.1;
                    false
                }
            })
            .unwrap_or(&CONTACT_REASONS[0]);
        let transferred = self.rng.uniform() < [0.03, 0.08, 0.15][usize::from(level - 1)];
        let p_resolved = [0.92, 0.8, 0.65][usize::from(level - 1)] - if transferred { 0.15 } else { 0.0 };
        let resolved = self.rng.uniform() < p_resolved;
        self.maybe_return(caller, a, if resolved { 0.04 } else { 0.6 });
        let yn = |b: bool| if b { "Да" } else { "Нет" };
        for text in [";", reason, ";"] {
            out.push_str(text);
        }
        push_uint(out, u64::from(level), 0);
        for text in [";", yn(transferred), ";", yn(resolved), ";"] {
            out.push_str(text);
        }
        if self.rng.uniform() < 0.15 {
            let base = if resolved { 4.6 } else { 2.6 } - (wait_s / 120.0).min(1.0);
            let score = (base + 0.8 * self.rng.normal()).round().clamp(1.0, 5.0);
            let _ = write!(out, "{score}");
        }
        out.push(';');
        if self.rng.uniform() < 0.08 {
            let base = if resolved { 8.6 } else { 5.0 } - (wait_s / 60.0).min(2.0);
            let score = (base + 1.5 * self.rng.normal()).round().clamp(0.0, 10.0);
            let _ = write!(out, "{score}");
        }
    }
}

/// Simulated contacts of the centre over `days` days: the rows of the
/// call-detail file (`text`, one after another per channel) with their
/// arrival times (`lines`: arrival, byte range in `text`, in arrival order),
/// plus the agents with their per-day totals.
struct Simulation {
    text: String,
    lines: Vec<(i64, core::ops::Range<usize>)>,
    agents: Vec<Agent>,
    d0: i64,
    days: u32,
}

fn simulate(centre: &DemoCentre, days: u32) -> Simulation {
    let mut rng = Rng::new(centre.seed ^ 0xCD2_5EED);
    let d0 = days_from_civil(centre.start.0, centre.start.1, centre.start.2);
    let mut agents = build_agents(&mut rng, centre, d0, days);
    if days == 0 {
        return Simulation { text: String::new(), lines: Vec::new(), agents, d0, days };
    }
    let mut text = String::new();
    let mut lines: Vec<(i64, core::ops::Range<usize>)> = Vec::new();
    let mut customers = Customers::new(centre.seed);
    let mut id: u64 = 100_000;
    for ch in Ch::ALL {
        // Arrivals of the channel, in order.
        let mut arrivals: Vec<i64> = Vec::new();
        for day in 0..i64::from(days) {
            let dd = d0 + day;
            let f = day_factor(dd) * (1.0 + 0.05 * rng.normal()).max(0.5);
            for q in 0..96u32 {
                let lambda = interval_rate(ch, q * 900, f, centre.volume_scale);
                let n = rng.poisson(lambda);
                let base = dd * 86_400 + i64::from(q) * 900;
                let mut ts: Vec<i64> = (0..n).map(|_| base + rng.below(900) as i64).collect();
                ts.sort_unstable();
                arrivals.extend(ts);
            }
        }
        let group: Vec<usize> = (0..agents.len()).filter(|&i| agents[i].group == ch).collect();
        // Times at which currently queued contacts leave the queue.
        let mut queued: BinaryHeap<Reverse<i64>> = BinaryHeap::new();
        let (talk_m, p_hold, hold_m, acw_m) = ch.handling();
        for a in arrivals {
            while queued.peek().is_some_and(|r| r.0 <= a) {
                queued.pop();
            }
            id += 1;
            let queue = queue_for(&mut rng, ch);
            let when = Timestamp::from_seconds(a);
            let (dd, sod) = (when.days(), when.second_of_day());
            let caller = customers.caller(a);
            // `="id";dd.mm.yyyy hh:mm:ss;queue;channel;` — the start of every row.
            let start = text.len();
            text.push_str("=\"");
            push_uint(&mut text, id, 7);
            text.push_str("\";");
            push_date_ru(&mut text, dd);
            text.push(' ');
            push_hms(&mut text, f64::from(sod));
            for t in [";", queue, ";", ch.label(), ";"] {
                text.push_str(t);
            }
            if ch == Ch::Phone && queued.len() >= 25 {
                customers.maybe_return(caller, a, 0.7);
                text.push_str("Занято;00:00:00;;;;;+7");
                push_uint(&mut text, caller, 0);
                text.push_str(";;;;;;\r\n");
                lines.push((a, start..text.len()));
                continue;
            }
            // 3 % of callers hang up within seconds; others have exponential patience.
            let patience = if ch == Ch::Phone && rng.below(100) < 3 {
                rng.uniform() * 5.0
            } else {
                rng.exponential(ch.patience_s())
            };
            // The earliest free agent (ties: the lowest index); each agent's
            // cursor moves past the shifts that are over.
            let best = group.iter().filter_map(|&g| agents[g].next_available(a).map(|t| (t, g))).min();
            match best {
                Some((begin, g)) if ((begin - a) as f64) <= patience => {
                    let talk = rng.lognormal(talk_m, 0.7).max(5.0).round();
                    let hold = if rng.uniform() < p_hold { rng.lognormal(hold_m, 0.8).round() } else { 0.0 };
                    let acw = rng.lognormal(acw_m, 0.5).round();
                    let agent = &mut agents[g];
                    agent.free_at = begin + (talk + hold + acw) as i64;
                    let k = (begin.div_euclid(86_400) - d0).clamp(0, i64::from(days) - 1) as usize;
                    if let Some(day) = agent.days.get_mut(k) {
                        day.talk += talk;
                        day.hold += hold;
                        day.acw += acw;
                        day.contacts[ch as usize] += 1;
                    }
                    queued.push(Reverse(begin));
                    // `Отвечен;wait;talk;hold;acw;agent;+7caller;…customer side`
                    text.push_str("Отвечен");
                    for t in [(begin - a) as f64, talk, hold, acw] {
                        text.push(';');
                        push_hms(&mut text, t);
                    }
                    text.push(';');
                    text.push_str(&agent.name);
                    text.push_str(";+7");
                    push_uint(&mut text, caller, 0);
                    customers.answered(&mut text, caller, a, (begin - a) as f64);
                    text.push_str("\r\n");
                    lines.push((a, start..text.len()));
                }
                // Still queued when the period ends (an e-mail nobody could take):
                // not resolved yet, so not in the export.
                _ if !patience.is_finite() => text.truncate(start),
                _ => {
                    let wait = patience.round();
                    queued.push(Reverse(a + wait as i64));
                    customers.maybe_return(caller, a, 0.5);
                    text.push_str("Потерян;");
                    push_hms(&mut text, wait);
                    text.push_str(";;;;;+7");
                    push_uint(&mut text, caller, 0);
                    text.push_str(";;;;;;\r\n");
                    lines.push((a, start..text.len()));
                }
            }
        }
    }
    lines.sort_by_key(|l| l.0);
    Simulation { text, lines, agents, d0, days }
}

/// Call-detail records of `days` days (all channels, in arrival order), as a
/// Russian ACD export: header `ID вызова;Дата и время поступления;Очередь;
/// Канал;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор;
/// Номер абонента;Причина обращения;Сложность;Переведен;Решено;Оценка;NPS`
/// (the customer side of answered contacts; surveys mostly empty), IDs
/// as Excel text cells `="0100001"`, waits and times `hh:mm:ss`, empty talk
/// fields for abandoned contacts, «Занято» for busy signals.
///
/// ```
/// use callcalc_engine::{demo, import_bytes, ImportOptions, ImportedData};
/// let centre = demo::DemoCentre::default();
/// let csv = demo::cdr_csv(&centre, 2);
/// let out = import_bytes(csv.as_bytes(), ImportOptions::new("cdr.csv")).unwrap();
/// assert_eq!(out.summary.rejected, 0);
/// let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
/// let offered: u64 = cells.iter().map(|c| c.offered).sum();
/// assert_eq!(offered, out.summary.kept);
/// ```
pub fn cdr_csv(centre: &DemoCentre, days: u32) -> String {
    let sim = simulate(centre, days);
    cdr_text(&sim)
}

fn cdr_text(sim: &Simulation) -> String {
    let mut out = String::with_capacity(sim.text.len() + 300);
    out.push_str("ID вызова;Дата и время поступления;Очередь;Канал;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор;Номер абонента;Причина обращения;Сложность;Переведен;Решено;Оценка;NPS\r\n");
    for (_, range) in &sim.lines {
        out.push_str(sim.text.get(range.clone()).unwrap_or_default());
    }
    out
}

/// Agent report of `days` days: one row per agent and worked day, with
/// logged-in, available, talk, hold, wrap-up and not-ready time by reason
/// («Перерыв», «Обед», «Обучение»), contacts per channel and the scheduled
/// time («По графику», the planned shift); title rows
/// above and an «Итого» row below.
///
/// ```
/// use callcalc_engine::{demo, import_bytes, ImportOptions, ImportedData, ReportKind};
/// let csv = demo::agent_report_csv(&demo::DemoCentre::default(), 3);
/// let out = import_bytes(csv.as_bytes(), ImportOptions::new("agents.csv")).unwrap();
/// assert_eq!(out.summary.kind, ReportKind::Agent);
/// assert_eq!(out.summary.rejected, 0);
/// let ImportedData::Agents(rows) = &out.data else { unreachable!() };
/// assert_eq!(rows[0].not_ready_by_reason.len(), 3);
/// ```
pub fn agent_report_csv(centre: &DemoCentre, days: u32) -> String {
    let sim = simulate(centre, days);
    agent_text(&sim)
}

fn agent_text(sim: &Simulation) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "Отчёт по операторам;;;;;;;;;;;;;\r\nПериод: {} – {};;;;;;;;;;;;;\r\n",
        date_ru(sim.d0),
        date_ru(sim.d0 + i64::from(sim.days.max(1)) - 1)
    );
    out.push_str("Дата;Оператор;Время в системе;Доступен;Разговор;Удержание;Постобработка");
    for r in REASONS {
        let _ = write!(out, ";Не готов: {r}");
    }
    out.push_str(";Звонки;Чаты;Письма;По графику\r\n");
    let mut total = [0.0f64; 8];
    let mut total_scheduled = 0.0;
    let mut total_contacts = [0u64; 3];
    for day in 0..sim.days {
        let dd = sim.d0 + i64::from(day);
        for a in &sim.agents {
            let Some(shift) = a.shifts.iter().find(|s| s.day == dd) else { continue };
            let logged = (shift.end - shift.start) as f64;
            let mut reasons = [0.0f64; 3];
            for p in &shift.pauses {
                reasons[p.reason] += (p.end - p.start) as f64;
            }
            let st = &a.days[day as usize];
            let busy = st.talk + st.hold + st.acw;
            let available = (logged - busy - reasons.iter().sum::<f64>()).max(0.0);
            let vals = [logged, available, st.talk, st.hold, st.acw, reasons[0], reasons[1], reasons[2]];
            for (t, v) in total.iter_mut().zip(vals) {
                *t += v;
            }
            for (t, v) in total_contacts.iter_mut().zip(st.contacts) {
                *t += v;
            }
            let _ = write!(out, "{};{}", date_ru(dd), a.name);
            for v in vals {
                let _ = write!(out, ";{}", hms(v));
            }
            // The demo agents log in for exactly their planned shift.
            total_scheduled += logged;
            let _ = write!(out, ";{};{};{};{}\r\n", st.contacts[0], st.contacts[1], st.contacts[2], hms(logged));
        }
    }
    out.push_str("Итого;");
    for v in total {
        let _ = write!(out, ";{}", hms(v));
    }
    let _ =
        write!(out, ";{};{};{};{}\r\n", total_contacts[0], total_contacts[1], total_contacts[2], hms(total_scheduled));
    out
}

/// The three demo files of the app's first start.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoFiles {
    /// A year of 15-minute interval reports (phone, chat, e-mail).
    pub interval_report: String,
    /// A month of call-detail records.
    pub cdr: String,
    /// The same month's agent report.
    pub agent_report: String,
}

/// A year of interval reports from `centre.start`, and call-detail records
/// and the agent report for the 30 days starting on 1 March of that year.
pub fn demo_files(centre: &DemoCentre) -> DemoFiles {
    let interval_report = interval_report_csv(centre, 366);
    let month = DemoCentre { start: (centre.start.0, 3, 1), ..*centre };
    let sim = simulate(&month, 30);
    DemoFiles { interval_report, cdr: cdr_text(&sim), agent_report: agent_text(&sim) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl Fn(&mut String)) -> String {
        let mut s = String::from("x");
        f(&mut s);
        s.split_off(1)
    }

    #[test]
    fn the_writers_write_what_the_formatting_functions_return() {
        for n in [0u64, 1, 7, 9, 10, 99, 100, 1234, 999_999, 1_000_000, 9_123_456_789, u64::MAX] {
            for w in [0, 2, 4, 7] {
                assert_eq!(with(|s| push_uint(s, n, w)), format!("{n:0w$}"), "{n} {w}");
            }
        }
        let mut rng = Rng::new(11);
        let mut times = vec![-3.0, -0.4, 0.0, 0.49, 0.5, 1.5, 59.5, 3599.5, 86_399.6, 400_000.0, f64::NAN];
        times.extend((0..2000).map(|_| rng.exponential(900.0)));
        for t in times {
            assert_eq!(with(|s| push_hms(s, t)), hms(t), "{t}");
        }
        for sod in (0..=86_400).step_by(900) {
            assert_eq!(with(|s| push_hm(s, sod)), hms(f64::from(sod))[..5], "{sod}");
        }
        for days in [-800_000, -1, 0, 19_723, 19_800, 2_932_896] {
            assert_eq!(with(|s| push_date_ru(s, days)), date_ru(days), "{days}");
        }
        let mut xs = vec![0.0, -0.0, 0.05, 0.25, 0.35, 2.45, 99.95, 100.0, 12.5499999];
        xs.extend((0..2000).map(|_| 100.0 * rng.uniform()));
        xs.extend((0..200).map(|i| f64::from(i) + 0.1 * f64::from(i % 10) - 0.45));
        // Every service level the interval report can show: 100 a / o.
        for o in 1..=400u32 {
            xs.extend((0..=o).map(|a| 100.0 * f64::from(a) / f64::from(o)));
        }
        xs.extend([1e6 - 0.05, 1e6, 123_456.75, 0.95, 0.9500001, 0.9499999]);
        for x in xs {
            for d in [0, 1, 2] {
                assert_eq!(with(|s| push_decimal_ru(s, x, d)), decimal_ru(x, d), "{x} {d}");
            }
        }
    }
}
