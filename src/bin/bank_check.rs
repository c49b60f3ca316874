//! `bank-check`: validates question banks (and a folder's exam profiles,
//! with their questions per domain) for authors, and warns about answer
//! cues and dated facts (`domain::lint`).
//!
//!     cargo run --bin bank-check -- <folder or file> [--json] [--strict] [--quiet] [--today YYYY-MM-DD]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str =
    "usage: bank-check <folder or bank file> [--json] [--strict] [--quiet] [--today YYYY-MM-DD]

  --json     the report as JSON: banks, errors, warnings and exam profiles
  --strict   fail on answer-cue warnings too, not only on errors
  --quiet    only the errors and warnings, without the bank and profile tables
  --today    the day dated facts are checked against (default: today)";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use chrono::Datelike;
    use pharmquiz::domain::calendar::Day;
    use pharmquiz::domain::check::check_and_lint;
    use std::path::PathBuf;
    use std::process::ExitCode;

    let (mut json, mut strict, mut quiet) = (false, false, false);
    let mut today: Option<Day> = None;
    let mut path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--strict" => strict = true,
            "--quiet" => quiet = true,
            "--today" => match args.next().as_deref().and_then(Day::parse) {
                Some(d) => today = Some(d),
                None => {
                    eprintln!("bank-check: --today needs a day from 1970-01-01 to 2199-12-31 written YYYY-MM-DD\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() && !arg.starts_with("--") => path = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("bank-check: unexpected argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let today = today.unwrap_or_else(|| {
        let now = chrono::Local::now().date_naive();
        Day::from_ymd(i64::from(now.year()), now.month(), now.day()).unwrap_or(Day::LATEST)
    });
    let (report, _) = check_and_lint(&path, today);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("bank-check: {e}");
                return ExitCode::from(2);
            }
        }
    } else if quiet {
        print!("{}", report.problems_text());
    } else {
        print!("{}", report.to_text());
    }
    let failed_strict = strict && !report.warnings.is_empty();
    if report.errors.is_empty() && !failed_strict {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
