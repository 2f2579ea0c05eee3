//! The forecast page: history of the chosen series (all contacts, a channel
//! or a queue) from the shared data set → backtest of every
//! method → forecast for the horizon → required agents per interval (net and
//! gross) → peaks, the 12-month hiring plan, and shift coverage of any week
//! of the horizon; export and print. Every derived number comes from a memo calling
//! `state::forecast`, which calls the engine.

use std::sync::Arc;

use callcalc_engine::{IntervalHistory, Method};
use leptos::prelude::*;

use crate::components::backtest_table::BacktestTable;
use crate::components::data_set_badge::DataSetBadge;
use crate::components::forecast_export::ForecastExport;
use crate::components::forecast_settings::{series_label, ForecastSettings};
use crate::components::forecast_summary::ForecastSummary;
use crate::components::hiring_plan::HiringPlan;
use crate::components::notice::Notice;
use crate::components::peak_report::PeakReport;
use crate::components::shift_planner::ShiftPlanner;
use crate::components::special_days::SpecialDays;
use crate::components::staffing_heatmap::StaffingHeatmap;
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::dataset::use_dataset;
use crate::state::forecast::{
    backtest, chosen_method, export_sheets, history_aht, long_term, parse_special_days, peaks, plan_shifts,
    requirement, shift_week, shift_weeks, templates, wape_of, with_special_days, ExportInput, ForecastInputs, Horizon,
    ShiftOutcome, SpecialSummary,
};
use crate::state::forecast_series::{
    available_series, history_for, resolve_series, staffed_pattern_for, state_series_in_export, Series,
};
use crate::state::forecast_store::SavedForecast;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let i18n = use_i18n();
    let ds = use_dataset();
    // Settings, shift templates and the shift week survive a reload (localStorage).
    let (saved, discarded) = SavedForecast::load_saved();
    let notice = RwSignal::new(discarded);
    let inputs = RwSignal::new(saved.inputs);
    let parsed = Memo::new(move |_| inputs.with(ForecastInputs::parse));

    // The series forecast: the chosen one if the data set has it, else all contacts (with a note).
    let series_list = Memo::new(move |_| ds.with(available_series));
    let resolved = Memo::new(move |_| series_list.with(|av| inputs.with(|f| resolve_series(&f.series, av))));
    let series: Memo<Series> = Memo::new(move |_| resolved.with(|r| r.series.clone()));
    let hist_base: Memo<Result<Arc<IntervalHistory>, String>> =
        Memo::new(move |_| series.with(|s| ds.with(|d| history_for(d, s))).map(Arc::new));
    // Special days as typed (a bad list is reported at its field; the forecast then keeps the last good one).
    let special = Memo::new(move |_| inputs.with(|f| parse_special_days(&f.special_days).ok()));
    let last_special = RwSignal::new(Vec::<i64>::new());
    Effect::new(move |_| {
        if let Some(s) = special.get() {
            last_special.set(s);
        }
    });
    // The history with the special days marked; `None` without special days.
    type Marked = Option<Result<(Arc<IntervalHistory>, Vec<i64>), String>>;
    let marked: Memo<Marked> = Memo::new(move |_| {
        let sp = last_special.get();
        if sp.is_empty() {
            return None;
        }
        hist_base.with(|h| {
            let h = h.as_ref().ok()?;
            Some(with_special_days(h, &sp).map(|(h, o)| (Arc::new(h), o)))
        })
    });
    let hist: Memo<Result<Arc<IntervalHistory>, String>> = Memo::new(move |_| match marked.get() {
        Some(Ok((h, _))) => Ok(h),
        _ => hist_base.get(),
    });
    let bt_base = Memo::new(move |_| hist_base.with(|h| h.as_ref().ok().map(|h| backtest(h))));
    let bt = Memo::new(move |_| {
        if matches!(marked.with(|m| m.as_ref().map(Result::is_ok)), Some(true)) {
            hist.with(|h| h.as_ref().ok().map(|h| backtest(h)))
        } else {
            bt_base.get()
        }
    });
    let choice = Memo::new(move |_| inputs.with(|f| f.method));
    let method: Memo<Method> = Memo::new(move |_| {
        let c = choice.get();
        bt.with(|b| chosen_method(c, b.as_ref().and_then(|r| r.as_ref().ok())))
    });
    let special_summary = Memo::new(move |_| {
        let m = marked.get()?;
        let used = method.get();
        let before = bt_base.with(|b| b.as_ref().and_then(|b| b.as_ref().ok()).and_then(|b| wape_of(b, &used)));
        Some(match m {
            Err(e) => SpecialSummary {
                marked: 0,
                outside: Vec::new(),
                wape_before: before,
                wape_after: before,
                error: Some(e),
            },
            Ok((_, outside)) => SpecialSummary {
                marked: last_special.with(Vec::len) - outside.len(),
                outside,
                wape_before: before,
                wape_after: bt.with(|b| b.as_ref().and_then(|b| b.as_ref().ok()).and_then(|b| wape_of(b, &used))),
                error: None,
            },
        })
    });
    let horizon = Memo::new(move |_| inputs.with(|f| f.horizon));
    let aht = Memo::new(move |_| hist.with(|h| h.as_ref().map(|h| history_aht(h)).unwrap_or(180.0)));
    let forecast_for = move |hz: Horizon| {
        let m = method.get();
        hist.with(|h| h.as_ref().ok().map(|h| h.forecast(m, &hz.days(h)).map_err(|e| e.to_string())))
    };
    let fc = Memo::new(move |_| forecast_for(horizon.get()));
    let year_fc = Memo::new(move |_| forecast_for(Horizon::Year));
    let staffing = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(|p| (p.model.clone(), p.shrinkage))));
    let staff = move |f: Memo<Option<Result<callcalc_engine::Forecast, String>>>| {
        let (model, shrinkage) = staffing.get()?;
        let a = aht.get();
        f.with(|f| {
            f.as_ref().map(|f| f.as_ref().map_err(Clone::clone).and_then(|f| requirement(f, a, &model, shrinkage)))
        })
    };
    let req = Memo::new(move |_| staff(fc));
    // With the year as the horizon the two are the same staffing: solve it once.
    let year_req = Memo::new(move |_| if horizon.get() == Horizon::Year { req.get() } else { staff(year_fc) });
    // From which day the long range takes last year's same weekday, and the growth applied.
    let long_range = Memo::new(move |_| {
        fc.with(|f| {
            f.as_ref().and_then(|f| f.as_ref().ok()).and_then(|f| {
                f.yearly_from_day.map(|d| crate::state::forecast::LongRange { from_day: d, growth: f.yearly_growth })
            })
        })
    });
    let months = Memo::new(move |_| {
        fc.with(|f| f.as_ref().and_then(|f| f.as_ref().ok()).map(|f| f.monthly_totals()).unwrap_or_default())
    });
    let staffed = Memo::new(move |_| series.with(|s| ds.with(|d| staffed_pattern_for(d, s))));
    let peak = Memo::new(move |_| {
        parsed.with(|p| {
            let p = p.as_ref().ok()?;
            req.with(|r| {
                r.as_ref()
                    .map(|r| r.as_ref().map_err(Clone::clone).and_then(|r| staffed.with(|s| peaks(r, p, s.as_ref()))))
            })
        })
    });
    let plan = Memo::new(move |_| {
        parsed.with(|p| {
            let p = p.as_ref().ok()?;
            hist.with(|h| {
                let h = h.as_ref().ok()?;
                year_req.with(|r| r.as_ref().map(|r| r.as_ref().map_err(Clone::clone).and_then(|r| long_term(r, h, p))))
            })
        })
    });

    let shift_rows = RwSignal::new(saved.shifts);
    let shift_errors = RwSignal::new(Vec::<(usize, String)>::new());
    let shift_outcome = RwSignal::new(None::<Result<ShiftOutcome, String>>);
    let shift_week_ix = RwSignal::new(saved.shift_week);
    Effect::new(move |_| {
        SavedForecast { inputs: inputs.get(), shifts: shift_rows.get(), shift_week: shift_week_ix.get() }.save()
    });
    let weeks =
        Memo::new(move |_| req.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(shift_weeks).unwrap_or_default()));
    // A new requirement or another week makes an earlier plan stale.
    Effect::new(move |_| {
        req.track();
        shift_week_ix.track();
        shift_outcome.set(None);
    });
    // Keep the chosen week inside the horizon.
    Effect::new(move |_| {
        let n = weeks.with(Vec::len);
        if shift_week_ix.get_untracked() >= n.max(1) {
            shift_week_ix.set(0);
        }
    });
    let on_run = Callback::new(move |_| {
        let lang = i18n.lang.get_untracked();
        let Some(Ok(r)) = req.get_untracked() else { return };
        let Some((model, _)) = staffing.get_untracked() else { return };
        let week = shift_week(&r, aht.get_untracked(), shift_week_ix.get_untracked());
        match shift_rows.with_untracked(|rows| templates(rows, week.days.len())) {
            Err(errs) => {
                shift_errors.set(errs.iter().map(|(i, e)| (*i, problem_text(lang, e))).collect());
                shift_outcome.set(None);
            }
            Ok(t) => {
                shift_errors.set(Vec::new());
                shift_outcome.set(Some(plan_shifts(&week, t, &model)));
            }
        }
    });
    let sheets = Callback::new(move |_| {
        let b = bt.get_untracked().and_then(Result::ok);
        let r = req.get_untracked().and_then(Result::ok);
        let lt = plan.get_untracked().and_then(Result::ok);
        let s = shift_outcome.get_untracked().and_then(Result::ok);
        let mut out = export_sheets(&ExportInput {
            backtest: b.as_ref(),
            method: method.get_untracked(),
            requirement: r.as_ref(),
            long_term: lt.as_ref(),
            shifts: s.as_ref(),
        });
        state_series_in_export(&mut out, &series.get_untracked());
        out
    });

    view! {
        <section class="page forecast-page">
            <h1>{move || i18n.t(Msg::ForecastTitle)}</h1>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-storage" />
            <DataSetBadge />
            <p class="series-note" data-testid="fc-series-note">
                {move || i18n.t(Msg::ForecastSeriesNote)} ": "
                <strong data-testid="fc-series-label">{move || series.with(|s| series_label(i18n.lang.get(), s))}</strong>
            </p>
            {move || resolved.with(|r| r.missing.clone()).map(|code| view! {
                <p class="notice" data-testid="fc-series-missing">{i18n.t(Msg::ForecastSeriesMissing)} " " {code}</p>
            })}
            <p class="hint">{move || i18n.t(Msg::ForecastIntro)}</p>
            {move || hist.with(|h| h.as_ref().err().map(|e| view! {
                <p class="error" data-testid="fc-no-data">{i18n.t(Msg::ForecastNoData)} " (" {e.clone()} ")"</p>
            }))}
            <div class="columns">
                <ForecastSettings inputs=inputs parsed=parsed series=series_list series_in_use=series />
                <BacktestTable backtest=bt in_use=method />
            </div>
            <SpecialDays inputs=inputs parsed=parsed summary=special_summary />
            <ForecastSummary requirement=req months=months long_range=long_range />
            <StaffingHeatmap requirement=req />
            <PeakReport inputs=inputs parsed=parsed report=peak />
            <HiringPlan inputs=inputs parsed=parsed plan=plan />
            <ShiftPlanner rows=shift_rows errors=shift_errors outcome=shift_outcome on_run=on_run week=shift_week_ix weeks=weeks />
            <ForecastExport sheets=sheets />
        </section>
    }
}
