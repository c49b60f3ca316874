//! `bank-check`: validates question banks for authors.
//!
//!     cargo run --bin bank-check -- <folder or file> [--json]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use pharmquiz::domain::check::check_path;
    use std::path::PathBuf;
    use std::process::ExitCode;

    let mut json = false;
    let mut path: Option<PathBuf> = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: bank-check <folder or bank file> [--json]");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() => path = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("bank-check: unexpected argument `{arg}`\nusage: bank-check <folder or bank file> [--json]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("usage: bank-check <folder or bank file> [--json]");
        return ExitCode::from(2);
    };
    let (report, _) = check_path(&path);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("bank-check: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
