//! `prerender`: the build step trunk runs after each build (see Trunk.toml).
//! Checks the built-in banks, writes them as JSON with the counted bank
//! list, and writes a pre-rendered HTML page per route.
//!
//!     cargo run --release --bin prerender -- <trunk staging dir> [public url] [study app page]
//!
//! The study app page is trunk's output for `study.html`: the study pages
//! (home, set-up, shared quiz, quiz and results) load that app instead.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use pharmquiz::domain::check::{check_path, PROFILES_FILE};
    use pharmquiz::domain::compiled::{bank_file, bank_json, compile_manifest, manifest_json};
    use pharmquiz::domain::manifest::Manifest;
    use pharmquiz::domain::profile::{parse_profiles, profiles_json, PROFILES_JSON};
    use pharmquiz::prerender::{base_of, pages};
    use std::path::PathBuf;
    use std::process::ExitCode;

    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: prerender <trunk staging dir> [public url]");
        return ExitCode::from(2);
    };
    let public_url = args.next().unwrap_or_else(|| "/".into());
    let study = match args.next().map(std::fs::read_to_string) {
        Some(Ok(text)) => Some(text),
        Some(Err(e)) => {
            eprintln!("prerender: cannot read the study app's page: {e}");
            return ExitCode::FAILURE;
        }
        None => None,
    };
    let fail = |msg: String| {
        eprintln!("prerender: {msg}");
        ExitCode::FAILURE
    };

    let questions = dir.join("questions");
    let (report, banks) = check_path(&questions);
    if !report.errors.is_empty() {
        for e in &report.errors {
            eprintln!("{e:?}");
        }
        return fail(format!(
            "{} problems in the question banks (run bank-check)",
            report.errors.len()
        ));
    }
    let source = match std::fs::read_to_string(questions.join("manifest.toml")) {
        Ok(text) => match Manifest::parse(&text) {
            Ok(m) => m,
            Err(e) => return fail(e.to_string()),
        },
        Err(e) => return fail(format!("cannot read questions/manifest.toml: {e}")),
    };
    let manifest = compile_manifest(&source, &banks);
    let mut written = Vec::new();
    for bank in &banks {
        written.push((questions.join(bank_file(&bank.id)), bank_json(bank)));
    }
    written.push((questions.join("manifest.json"), manifest_json(&manifest)));
    // Exam profiles, checked against the topics (bank-check has checked them).
    match std::fs::read_to_string(questions.join(PROFILES_FILE)) {
        Ok(text) => match parse_profiles(&text, &source) {
            Ok(profiles) => written.push((questions.join(PROFILES_JSON), profiles_json(&profiles))),
            Err(es) => {
                return fail(format!(
                    "{} problems in {PROFILES_FILE} (run bank-check)",
                    es.len()
                ))
            }
        },
        Err(e) => return fail(format!("cannot read questions/{PROFILES_FILE}: {e}")),
    }

    let template = match std::fs::read_to_string(dir.join("index.html")) {
        Ok(t) => t,
        Err(e) => return fail(format!("cannot read index.html: {e}")),
    };
    // Trunk's stylesheet (main-<hash>.css), to inline into each page.
    let css = std::fs::read_dir(&dir)
        .ok()
        .and_then(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "css"))
        })
        .and_then(|p| std::fs::read_to_string(p).ok());
    if css.is_none() {
        return fail("no stylesheet (.css) in trunk's output".into());
    }
    match pages(
        &template,
        study.as_deref(),
        css.as_deref(),
        &manifest,
        &base_of(&public_url),
    ) {
        Ok(list) => written.extend(list.into_iter().map(|(name, html)| (dir.join(name), html))),
        Err(e) => return fail(e),
    }
    for (path, text) in &written {
        if let Err(e) = std::fs::write(path, text) {
            return fail(format!("cannot write {}: {e}", path.display()));
        }
    }
    println!(
        "prerender: {} banks ({} questions), {} files",
        banks.len(),
        banks.iter().map(|b| b.questions.len()).sum::<usize>(),
        written.len()
    );
    ExitCode::SUCCESS
}
