//! Customer economics on the budget page: cost to acquire a customer (CAC, three
//! variants), cost to retain one, and customer lifetime value (CLV variants a–d
//! of `definitions.md`), all through the engine's `finance` functions. The form
//! is kept as text; every bad field is reported at its own input.

use callcalc_engine::{
    cac, clv_simple, parse_decimal, parse_percent, retention_cost_per_retained, AcquisitionData, Cac, CacVariant, Clv,
    FieldError, RetentionCost, RetentionEconomics,
};

use callcalc_engine::export::{Cell, Sheet};
use callcalc_engine::Trace;

use crate::state::form::{keep, whole};

/// The customer-economics form as typed (money per period, rates in %).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerInputs {
    pub paid_spend: String,
    pub other_spend: String,
    pub sales_salaries: String,
    pub new_customers: String,
    pub new_customers_paid: String,
    pub retention_spend: String,
    pub customers_retained: String,
    /// `m`: margin per customer per period.
    pub margin: String,
    /// `r`: retention per period, %.
    pub retention: String,
    /// `d`: discount rate per period, %.
    pub discount: String,
    /// `T`: horizon of variant (d), periods.
    pub horizon: String,
    /// `V`, `F`, `L`, `g` of variant (c).
    pub purchase_value: String,
    pub purchases_per_period: String,
    pub lifespan: String,
    pub margin_fraction: String,
}

impl Default for CustomerInputs {
    /// A year of a subscription service (example values, not benchmarks).
    fn default() -> Self {
        CustomerInputs {
            paid_spend: "500000".into(),
            other_spend: "300000".into(),
            sales_salaries: "200000".into(),
            new_customers: "100".into(),
            new_customers_paid: "40".into(),
            retention_spend: "90000".into(),
            customers_retained: "450".into(),
            margin: "10000".into(),
            retention: "80".into(),
            discount: "10".into(),
            horizon: "5".into(),
            purchase_value: "5000".into(),
            purchases_per_period: "4".into(),
            lifespan: "3".into(),
            margin_fraction: "30".into(),
        }
    }
}

impl CustomerInputs {
    /// The text fields with their stored names (record keys are `ce.<name>`).
    pub fn fields(&self) -> [(&'static str, &String); 15] {
        [
            ("paid_spend", &self.paid_spend),
            ("other_spend", &self.other_spend),
            ("sales_salaries", &self.sales_salaries),
            ("new_customers", &self.new_customers),
            ("new_customers_paid", &self.new_customers_paid),
            ("retention_spend", &self.retention_spend),
            ("customers_retained", &self.customers_retained),
            ("margin", &self.margin),
            ("retention", &self.retention),
            ("discount", &self.discount),
            ("horizon", &self.horizon),
            ("purchase_value", &self.purchase_value),
            ("purchases_per_period", &self.purchases_per_period),
            ("lifespan", &self.lifespan),
            ("margin_fraction", &self.margin_fraction),
        ]
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "paid_spend" => &mut self.paid_spend,
            "other_spend" => &mut self.other_spend,
            "sales_salaries" => &mut self.sales_salaries,
            "new_customers" => &mut self.new_customers,
            "new_customers_paid" => &mut self.new_customers_paid,
            "retention_spend" => &mut self.retention_spend,
            "customers_retained" => &mut self.customers_retained,
            "margin" => &mut self.margin,
            "retention" => &mut self.retention,
            "discount" => &mut self.discount,
            "horizon" => &mut self.horizon,
            "purchase_value" => &mut self.purchase_value,
            "purchases_per_period" => &mut self.purchases_per_period,
            "lifespan" => &mut self.lifespan,
            "margin_fraction" => &mut self.margin_fraction,
            _ => return None,
        })
    }

    /// The form from stored `(name, value)` pairs (names without the `ce.` prefix);
    /// unknown names are ignored, missing ones keep their defaults.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> CustomerInputs {
        let mut f = CustomerInputs::default();
        for (k, v) in pairs {
            if let Some(slot) = f.field_mut(k) {
                *slot = v.to_string();
            }
        }
        f
    }
}

/// The customer-economics sheet of the budget workbook: the inputs as typed,
/// then every result with its formula, inputs and source (the engine's traces).
/// An undefined result (no customers) is an empty cell.
pub fn customer_sheet(inputs: &CustomerInputs, econ: &CustomerEconomics, currency_code: &str) -> Sheet {
    let mut sh = Sheet::new("Customer economics");
    sh.header(["Item", "Value", "Formula", "Inputs", "Source"]);
    sh.row([Cell::text("Currency"), Cell::text(currency_code)]);
    for (k, v) in inputs.fields() {
        sh.row([Cell::text(format!("input: {k}")), Cell::text(v)]);
    }
    let rows: [(&str, Option<f64>, Option<Trace>); 8] = [
        ("CAC incl. sales salaries", econ.cac_blended.value, econ.cac_blended.trace()),
        ("CAC without sales salaries", econ.cac_without_salaries.value, econ.cac_without_salaries.trace()),
        ("CAC of paid channels", econ.cac_paid.value, econ.cac_paid.trace()),
        ("Cost to retain a customer", econ.retention_cost.value, econ.retention_cost.trace()),
        ("CLV (a) Farris", Some(econ.clv_farris.value), Some(econ.clv_farris.trace())),
        ("CLV (b) margin also at t = 0", Some(econ.clv_at_start.value), Some(econ.clv_at_start.trace())),
        ("CLV (c) simple V×F×L×g", Some(econ.clv_simple.value), Some(econ.clv_simple.trace())),
        ("CLV (d) finite horizon", Some(econ.clv_finite.value), Some(econ.clv_finite.trace())),
    ];
    for (label, value, tr) in rows {
        let (formula, inputs, source) = match tr {
            Some(t) => (
                t.formula.to_string(),
                t.inputs
                    .iter()
                    .map(|x| format!("{} = {} {}", x.symbol, x.value, x.unit))
                    .collect::<Vec<_>>()
                    .join("; "),
                t.source.to_string(),
            ),
            None => Default::default(),
        };
        sh.row([Cell::text(label), Cell::number(value), Cell::text(formula), Cell::text(inputs), Cell::text(source)]);
    }
    sh
}

/// Every customer-economics result, each carrying its trace.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerEconomics {
    pub cac_blended: Cac,
    pub cac_without_salaries: Cac,
    pub cac_paid: Cac,
    pub retention_cost: RetentionCost,
    /// (a) Farris et al., margin at the end of each period.
    pub clv_farris: Clv,
    /// (b) first margin at t = 0.
    pub clv_at_start: Clv,
    /// (c) value × frequency × lifespan × margin.
    pub clv_simple: Clv,
    /// (d) finite horizon of `T` periods.
    pub clv_finite: Clv,
}

/// The form field of an engine field name (so its error shows at the input).
fn form_field(engine: &'static str) -> &'static str {
    match engine {
        "paid_spend" => "ce_paid_spend",
        "other_marketing_spend" => "ce_other_spend",
        "sales_salaries" => "ce_sales_salaries",
        "new_customers" => "ce_new_customers",
        "new_customers_paid" => "ce_new_customers_paid",
        "retention_spend" => "ce_retention_spend",
        "customers_retained" => "ce_customers_retained",
        "margin_per_period" => "ce_margin",
        "retention" => "ce_retention",
        "discount_rate" => "ce_discount",
        "average_purchase_value" => "ce_purchase_value",
        "purchases_per_period" => "ce_purchases_per_period",
        "lifespan_periods" => "ce_lifespan",
        "margin_fraction" => "ce_margin_fraction",
        f => f,
    }
}

fn engine<T>(errs: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    keep(
        errs,
        r.map_err(|mut e| {
            e.field = form_field(e.field);
            e
        }),
    )
}

impl CustomerInputs {
    /// Parses the form and computes every variant; all bad fields are reported.
    pub fn evaluate(&self) -> Result<CustomerEconomics, Vec<FieldError>> {
        let mut e = Vec::new();
        let paid = keep(&mut e, parse_decimal("ce_paid_spend", &self.paid_spend));
        let other = keep(&mut e, parse_decimal("ce_other_spend", &self.other_spend));
        let sales = keep(&mut e, parse_decimal("ce_sales_salaries", &self.sales_salaries));
        let new = keep(&mut e, parse_decimal("ce_new_customers", &self.new_customers));
        let new_paid = keep(&mut e, parse_decimal("ce_new_customers_paid", &self.new_customers_paid));
        let ret_spend = keep(&mut e, parse_decimal("ce_retention_spend", &self.retention_spend));
        let retained = keep(&mut e, parse_decimal("ce_customers_retained", &self.customers_retained));
        let m = keep(&mut e, parse_decimal("ce_margin", &self.margin));
        let r = keep(&mut e, parse_percent("ce_retention", &self.retention));
        let d = keep(&mut e, parse_percent("ce_discount", &self.discount));
        let t = keep(&mut e, whole("ce_horizon", &self.horizon, 1.0, 1000.0));
        let v = keep(&mut e, parse_decimal("ce_purchase_value", &self.purchase_value));
        let f = keep(&mut e, parse_decimal("ce_purchases_per_period", &self.purchases_per_period));
        let l = keep(&mut e, parse_decimal("ce_lifespan", &self.lifespan));
        let g = keep(&mut e, parse_percent("ce_margin_fraction", &self.margin_fraction));

        let acq = match (paid, other, sales, new, new_paid) {
            (Some(p), Some(o), Some(s), Some(n), Some(np)) => engine(&mut e, AcquisitionData::new(p, o, s, n, np)),
            _ => None,
        };
        let rc = match (ret_spend, retained) {
            (Some(s), Some(n)) => engine(&mut e, retention_cost_per_retained(s, n)),
            _ => None,
        };
        let econ = match (m, r, d) {
            (Some(m), Some(r), Some(d)) => engine(&mut e, RetentionEconomics::new(m, r, d)),
            _ => None,
        };
        let simple = match (v, f, l, g) {
            (Some(v), Some(f), Some(l), Some(g)) => engine(&mut e, clv_simple(v, f, l, g)),
            _ => None,
        };
        match (acq, rc, econ, simple, t) {
            (Some(acq), Some(rc), Some(econ), Some(simple), Some(t)) if e.is_empty() => Ok(CustomerEconomics {
                cac_blended: cac(&acq, CacVariant::BlendedWithSalaries),
                cac_without_salaries: cac(&acq, CacVariant::BlendedWithoutSalaries),
                cac_paid: cac(&acq, CacVariant::PaidOnly),
                retention_cost: rc,
                clv_farris: econ.farris(),
                clv_at_start: econ.margin_at_start(),
                clv_simple: simple,
                clv_finite: econ.finite_horizon(t),
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn defaults_compute_every_variant_as_the_engine_does() {
        let c = CustomerInputs::default().evaluate().unwrap();
        // (500 k + 300 k + 200 k) / 100 = 10 000; (500 k + 300 k) / 100 = 8 000; 500 k / 40 = 12 500.
        assert_eq!(c.cac_blended.value, Some(10_000.0));
        assert_eq!(c.cac_without_salaries.value, Some(8_000.0));
        assert_eq!(c.cac_paid.value, Some(12_500.0));
        assert_eq!(c.retention_cost.value, Some(200.0));
        // m = 10 000, r = 0.8, d = 0.1: (a) 10 000·0.8/0.3, (b) 10 000·1.1/0.3.
        assert!(close(c.clv_farris.value, 10_000.0 * 0.8 / 0.3));
        assert!(close(c.clv_at_start.value, 10_000.0 * 1.1 / 0.3));
        assert!(close(c.clv_at_start.value - c.clv_farris.value, 10_000.0));
        // (c) 5 000 × 4 × 3 × 0.3 = 18 000.
        assert!(close(c.clv_simple.value, 18_000.0));
        // (d) Σ_{t=1..5} 10 000·(0.8/1.1)^t.
        let q: f64 = 0.8 / 1.1;
        let expected: f64 = (1..=5).map(|t| 10_000.0 * q.powi(t)).sum();
        assert!(close(c.clv_finite.value, expected));
        assert!(c.clv_finite.value < c.clv_farris.value);
        assert_eq!(c.clv_finite.trace().inputs.iter().find(|i| i.symbol == "T").unwrap().value, 5.0);
        assert!(c.cac_paid.trace().unwrap().formula.contains("S / N"));
    }

    #[test]
    fn every_bad_field_is_reported_at_its_input() {
        let bad = CustomerInputs {
            paid_spend: "abc".into(),
            retention: "120".into(),
            horizon: "2,5".into(),
            margin_fraction: "150".into(),
            ..Default::default()
        };
        let errs = bad.evaluate().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"ce_paid_spend"), "{fields:?}");
        assert!(fields.contains(&"ce_retention"), "{fields:?}");
        assert!(fields.contains(&"ce_horizon"), "{fields:?}");
        assert!(fields.contains(&"ce_margin_fraction"), "{fields:?}");
        // Engine validation errors are mapped back to the form field.
        let paid_gt_all = CustomerInputs { new_customers_paid: "140".into(), ..Default::default() };
        assert_eq!(paid_gt_all.evaluate().unwrap_err()[0].field, "ce_new_customers_paid");
        let negative_spend = CustomerInputs { retention_spend: "-1".into(), ..Default::default() };
        assert_eq!(negative_spend.evaluate().unwrap_err()[0].field, "ce_retention_spend");
    }

    #[test]
    fn no_customers_gives_an_undefined_cac_not_a_number() {
        let none = CustomerInputs { new_customers: "0".into(), new_customers_paid: "0".into(), ..Default::default() };
        let c = none.evaluate().unwrap();
        assert_eq!(c.cac_blended.value, None);
        assert!(c.cac_blended.trace().is_none());
        let none_retained = CustomerInputs { customers_retained: "0".into(), ..Default::default() };
        assert_eq!(none_retained.evaluate().unwrap().retention_cost.value, None);
    }
}
