//! # callcalc-engine
//!
//! Contact-centre queueing, staffing and KPI formulas. Pure computation: no I/O,
//! no DOM, no storage, no clock; builds for `wasm32-unknown-unknown` and native.
//!
//! Conventions:
//! - times are seconds, probabilities and shares are fractions in `[0, 1]`,
//!   traffic is in Erlangs;
//! - inputs are validated once, in constructors, which return
//!   `Result<_, FieldError>` naming the field; methods then cannot fail;
//! - results are typed structs; a queue that cannot reach a steady state is
//!   an explicit variant ([`Queue::Unstable`]), never a negative wait;
//! - every formula documents its symbols, units, variant and source, and can
//!   produce a [`Trace`] of how a number was computed.

mod erlang;
mod error;
mod load;
mod parse;
mod shrinkage;
mod staffing;
mod trace;

/// CSV, XLSX and JSON writers with formula neutralising.
pub mod export;

pub use erlang::{
    average_speed_of_answer, erlang_b, erlang_c, lines_for_blocking, occupancy, service_level_one_minus, BlockingSeq,
    ErlangC, Metric, Overload, Queue, QueueKpis,
};
pub use error::{FieldError, Problem};
pub use load::{traffic_erlangs, Load, Traffic, MAX_TRAFFIC_ERLANGS};
pub use parse::{parse_decimal, parse_duration_s, parse_percent};
pub use shrinkage::{ceil_people, GrossFte, Shrinkage};
pub use staffing::{required_agents, required_agents_many, Binding, Staffing, Targets};
pub use trace::{Trace, TraceInput};

// Finance, KPI variants, budget.
mod finance;
pub use finance::{
    cac, clv_simple, irr, npv, payback, retention_cost_per_retained, roi, AcquisitionData, Cac, CacVariant, CashFlows,
    Clv, ClvVariant, DiscountRate, Irr, NoIrr, Npv, NpvTiming, Payback, PaybackResult, PaybackVariant, RetentionCost,
    RetentionEconomics, Roi, RoiVariant, IRR_MAX_RATE, IRR_MIN_RATE, IRR_SCAN_STEP, MAX_CASH_FLOW, MAX_DISCOUNT_RATE,
    MAX_PERIODS, MIN_DISCOUNT_RATE,
};
mod kpi;
pub use kpi::{
    explain, explain_gross_fte, gross_fte_variant, AbandonmentVariant, AhtVariant, AsaVariant, Candidate,
    ContactTotals, ContactTotalsInput, CostBasis, CostScope, CostVariant, Explanation, FteVariant, HourBasis, Kpi,
    KpiVariant, OccupancyVariant, ReportedFigure, ReportedKpi, ServiceLevelVariant, ShrinkageVariant, VariantKind,
    Verdict,
};
mod budget;
pub use budget::AddedChannel;
pub use budget::{callback_day, CallbackDay};
pub use budget::{
    employer_defaults, fte_from_net_hours, indexation_factor, investment_case, run_scenarios, seats_needed,
    sensitivity, straight_line_monthly, telephony_minutes, Budget, BudgetInput, BudgetMeasure, BudgetModel,
    BudgetMonth, BudgetTotals, Change, Country, Driver, DriverChange, EmployerDefaults, FteRealisation, InvestmentCase,
    InvestmentInput, InvestmentMonth, Pay, RoleCount, Scenario, ScenarioBudget, ScenarioResult, SensitivityEnd,
    SupportRole, TornadoRow, MAX_BUDGET_INTERVAL_ERLANGS,
};

// Queueing models beyond Erlang C.
mod chat;
mod deferred;
mod erlang_a;
mod erlang_x;
mod simulation;
mod solver;

pub use chat::{Chat, ChatKpis, ChatMetric, ChatOverload, ChatResult, MAX_CONCURRENCY};
pub use deferred::{DeferredInterval, DeferredPlan, DeferredRunInterval, DeferredWork};
pub use erlang_a::{erlang_a_required_agents_many, ErlangA, ErlangAKpis, ErlangAMetric};
pub use erlang_a::{erlang_a_staff_many, ErlangAStaffingKpis};
pub use erlang_x::{
    erlang_x_staff_many, ErlangX, ErlangXKpis, ErlangXMetric, ErlangXOverload, ErlangXResult, Redial, RedialSource,
    MAX_LINES, MAX_PATIENCE_ARRIVALS,
};
pub use simulation::{
    simulate, Distribution, Estimate, Simulation, SimulationMetric, SimulationResult, SimulationSpec,
};
pub use solver::{
    Proportion, QueueBinding, QueueMetrics, QueueStaffing, QueueTargets, SlDefinition, StaffingOutcome,
    TargetsUnreachable,
};

// Importing statistics.
mod import;
pub use import::demo;
pub use import::{
    aggregate_cdr, aggregate_interval_rows, average_handle_time_s, civil_from_days, days_from_civil, days_in_month,
    decode, decode_as, detect_delimiter, header_key, import_bytes, is_leap_year, measured_asa_s, normalize_label,
    parse_count, parse_datetime_cell, parse_duration_cell, parse_non_negative, parse_percent_cell, patience_estimate,
    report_interval_s, service_level, sniff, AgentRow, AggregateOptions, CdrAggregator, CdrRow, CellError, Channel,
    ColumnMap, CsvReader, DateTimeCell, Decoded, Delimiter, Encoding, Field, ImportError, ImportOptions, ImportSummary,
    Imported, ImportedData, Importer, IntervalRow, IntervalStats, Layout, Outcome, Patience, Record, RejectedRow,
    ReportKind, RowReader, SkipReason, SkippedRow, SlVariant, Timestamp, MAX_COUNT,
};
// Customer-side measures from optional call-record columns.
pub use import::{
    caller_key, csat_mean, csat_top2_box, fcr_flagged, fcr_repeat_window, followed_by_repeat, net_promoter_score,
    pareto, parse_flag, parse_score, repeat_contact_rate, transfer_rate, CdrSummary, ContactKey, ParetoBar,
    QualityCounts, ReasonCount, CSAT_MAX, CSAT_TOP2_MIN, DEFAULT_REPEAT_WINDOW_S, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN,
};
// Value mapping, sentinels, row filters and mapping files of an import.
pub use import::{
    header_layout, parse_yymmdd, CdrRead, CodedColumn, ImportWarning, MappingFile, MappingFileError, OutcomeMeaning,
    RowFilter, ValueCount, ValueMapping, MAPPING_FILE_VERSION, MAX_CODED_VALUES, SAME_TIME_SHARE, WARNING_MIN_ROWS,
};
// XLSX/ODS workbooks read as `;`-separated text for the importer.
pub use import::{
    is_workbook, read_workbook, sheet_to_csv_text, workbook_sheet_text, Workbook, WorkbookError, WorkbookSheet,
};
// Vendor formats recognised on their own (queue_log, Asterisk CDR, Cisco, Avaya, Genesys).
pub use import::vendor;
pub use import::{
    ole2_kind, unsupported_workbook, PauseTime, QueueExits, QueueLogAgent, QueueLogCounts, QueueLogReport,
    SourceFormat, SourceNote, WorkbookKind,
};

// Forecasting and shift coverage.
mod forecast;
mod shifts;
pub use forecast::{
    trend_steps, weekday, Accuracy, Backtest, Forecast, ForecastDay, HistoryDay, HwParameters, IntervalHistory, Method,
    MonthTotal, Smoothing, FORECAST_SOURCE, LONG_RANGE_DAYS, MAX_DAY, MAX_HISTORY_DAYS, MAX_HORIZON_DAYS, MIN_DAY,
    TREND_DAMPING,
};
pub use shifts::{
    optimise_shifts, IntervalCoverage, ShiftCount, ShiftKind, ShiftPlan, ShiftProblem, ShiftTemplate,
    MAX_REQUIRED_AGENTS, MAX_SHIFT_COLUMNS, MAX_SHIFT_INTERVALS, MAX_TOTAL_REQUIREMENT,
};

// Staffing a series of intervals with one model.
mod interval_plan;
pub use interval_plan::{
    evaluate_sequence, interval_kpis, staff_intervals, DeferredKpis, IntervalKpis, IntervalModel, IntervalStaffing,
};

// Long-term hiring plan.
mod hiring;
pub use hiring::{hiring_plan, HiringInput, HiringMonth, HiringPlan, MAX_PLAN_MONTHS};

// Practice mode: generated assessment exercises.
mod practice;
pub use practice::{
    decision_index, read_choice, read_number, report_line_matches, variant_text, Answer, AnswerCheck, AnswerFormat,
    AnswerValue, CashQuestion, Difficulty, Exercise, ExerciseKind, Givens, Paper, QueueModel, ReportLine, Score,
    SplitMix64, Step, Text, Tolerance, Topic, TopicScore, MAX_PAPER_EXERCISES,
};

// Operator analytics and quality-monitoring samples.
mod operators;
// Plan vs actual on the KPI dashboard.
mod plan;
pub use operators::{
    analyse_operators, benjamini_hochberg, binomial_upper_tail, median, normal_quantile, normal_upper_tail,
    operator_kpis, random_review_sample, sample_size_mean, sample_size_proportion, systematic_plan, ContactRecord,
    DetectorSettings, Evidence, Flag, OperatorKpis, OperatorReport, OperatorThresholds, OperatorTime, Pattern,
    PeerSpread, PlantedGamer, SampleSize, SampleTarget, ScaleKind, Statistic, SyntheticCentre, SyntheticOperators,
    SystematicPlan, MAD_SCALE, MAX_CONTACT_PART_S, MAX_OPERATOR_TIME_S, MAX_SAMPLE_LIST, MAX_SAMPLE_POPULATION,
    MEAN_AD_SCALE, MIN_PEERS,
};
pub use plan::{plan_vs_actual, prorated_budget, PlanCheck, PlanDirection, PlanKey, PlanTargets, PlanTargetsInput};
pub use plan::{
    plan_vs_book, read_plan_file, MonthPlan, PlanBook, PlanExpected, PlanFile, PlanFileError, PLAN_FILE_COLUMNS,
};

// KPI dashboard: grouping, chosen variants, traces, peaks, export sheets.
mod dashboard;
pub use dashboard::{
    build_dashboard, channel_volumes, column_variant_id, dashboard_sheets, dashboard_total, peak_view, ChannelVolume,
    CostInput, DashboardRow, DashboardSettings, Grouping, Known, KpiCell, KpiChoice, KpiKey, KpiUnit, Missing,
    PeakView,
};
pub use operators::{nice_bin_width, Histogram, PeerGroup, PeerGroupSize, PeerGrouping, SYNTH_SL_THRESHOLD_S};
pub use operators::{
    operator_times_from_agents, operators_from_cdr, operators_from_cdr_with, schedule_conformance, AgentTimes,
    AgentTotals, CdrContacts, ContactRef, PeakDefinition, RowProblem, MAX_LISTED_PROBLEMS,
};
pub use operators::{score_summary, student_t_two_sided, ScoreSummary};

// Customer-side KPIs (transfer, FCR, CSAT, NPS) and their export sheets.
mod customer;
pub use customer::{customer_rows, customer_sheets, customer_total, CustomerKey, CustomerRow, CustomerUnit};

// What a data set covers in time (open and calendar days, per month), the
// day-count scaling of partial months and the "history too short" problem.
mod coverage;
pub use coverage::{Coverage, MonthCoverage, ShortHistory, COVERAGE_SOURCE, MIN_BACKTEST_DAYS, MIN_BUDGET_DAYS};
/// Russian plural forms after a count (one / few / many).
pub mod plural;
