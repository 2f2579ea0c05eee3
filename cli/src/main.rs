//! `callcalc`: the engine on the command line, for auditors and scripts.
//!
//! Subcommands:
//! - `callcalc cases FILE` — recompute every case of a reference file in the
//!   format of `testdata/reference/cases_public.json` and print
//!   `[{"id": …, "outputs": {…}}]` as JSON.

mod cases;
mod cases_queue;
mod import_cmd;
mod input;
mod kpi_cmd;

use std::process::ExitCode;

const USAGE: &str = "usage:
  callcalc cases FILE     recompute the cases of a reference file (JSON) and print the outputs as JSON
  callcalc import FILE [--interval 15m] [--threshold 20] [--kind cdr] [--mapping FILE] [--column ROLE=HEADER]…
                  [--value ROLE:RAW=MEANING]… [--exclude ROLE=VALUE]…
                          import an ACD/CRM export; intervals as JSON, rejected rows and warnings on stderr
  callcalc kpi FILE [--interval 30m] [--group day] [--agents FILE]  the KPI dashboard as JSON (same numbers as the app)
  callcalc --help         this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("cases") => match args.get(1) {
            Some(path) => run(cases::run_file(path)),
            None => usage_error("cases: missing FILE"),
        },
        Some("import") => run(import_cmd::run(&args[1..])),
        Some("kpi") => run(kpi_cmd::run(&args[1..])),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown subcommand {other:?}")),
        None => usage_error("missing subcommand"),
    }
}

fn run(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("callcalc: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("callcalc: {msg}\n{USAGE}");
    ExitCode::from(2)
}
