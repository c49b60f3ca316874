use leptos::prelude::*;

use crate::components::uncited_note::UncitedNote;
use crate::domain::bank::{Kind, Question};
use crate::domain::import::{Format, Imported, Severity};

/// What an import read, before anything is stored: the format detected,
/// counts per kind of question, each problem with its line, the questions
/// kept without a citation, and a preview of each question as it will look.
/// A region with a heading (`#import-report-heading`, focused when shown).
#[component]
pub fn ImportReport(
    /// The import to report.
    imported: Imported,
    /// True when a bank with the same id is already added (adding replaces it).
    replaces: bool,
    /// Keeps the valid part.
    on_add: Callback<()>,
    /// Drops the import.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let n = imported.count();
    let plural = |k: usize, one: &str, many: &str| {
        if k == 1 {
            format!("{k} {one}")
        } else {
            format!("{k} {many}")
        }
    };
    let detected = match imported.format {
        Format::Toml => "Detected format: PharmQuiz TOML.".to_string(),
        f => format!(
            "Detected format: {} (from the file's name and content).",
            f.name()
        ),
    };
    let read = if imported.read.is_empty() {
        String::new()
    } else {
        format!("Read: {}.", imported.read_summary())
    };
    let problems = imported.problems.clone();
    let problem_count = problems.len();
    let problem_items = problems
        .into_iter()
        .map(|p| {
            let class = match p.severity() {
                Severity::Error => "problem-error",
                Severity::Skipped => "problem-skipped",
                Severity::Note => "problem-note",
            };
            view! { <li class=class>{p.to_string()}</li> }
        })
        .collect_view();
    let uncited = imported.uncited.clone();
    let uncited_count = uncited.len();
    let uncited_items = uncited
        .into_iter()
        .map(|u| view! { <li>{format!("Line {}, question \"{}\": no {}", u.line, u.id, u.missing)}</li> })
        .collect_view();
    let bank = imported.bank.clone();
    let title = bank.as_ref().map(|b| b.title.clone()).unwrap_or_default();
    let previews = bank
        .map(|b| b.questions.iter().map(preview).collect_view())
        .unwrap_or_default();
    let add_label = match (n, uncited_count) {
        (_, 0) => format!("Add {}", plural(n, "question", "questions")),
        (_, u) => format!(
            "Add {} ({} marked uncited)",
            plural(n, "question", "questions"),
            u
        ),
    };
    view! {
        <section class="card import-report" role="region" aria-labelledby="import-report-heading">
            <h3 id="import-report-heading" tabindex="-1">{format!("Import report: {}", imported.file)}</h3>
            <p>{detected}</p>
            {(!read.is_empty()).then(|| view! { <p>{read}</p> })}
            <p>{if n == 0 {
                "Nothing in this file can be added yet. Fix the problems below and import it again.".to_string()
            } else {
                format!("{} can be added as the bank \"{title}\".{}", plural(n, "question", "questions"), if replaces { " A bank with the same id is already added: adding replaces it." } else { "" })
            }}</p>
            {(problem_count > 0).then(|| view! {
                <h4>{format!("Problems ({problem_count})")}</h4>
                <ul class="import-problems">{problem_items}</ul>
            })}
            {(uncited_count > 0).then(|| view! {
                <h4>{format!("Questions without a citation or explanation ({uncited_count})")}</h4>
                <p>"PharmQuiz questions cite their source and explain their key. These will be kept marked \"Uncited\" wherever they are shown. To cite them instead, cancel, add the sources to the file (or to the TOML bank) and import it again."</p>
                <ul>{uncited_items}</ul>
            })}
            {(n > 0).then(|| view! {
                <h4>{format!("Preview ({})", plural(n, "question", "questions"))}</h4>
                <ol class="import-preview">{previews}</ol>
            })}
            <div class="actions">
                {(n > 0).then(|| view! {
                    <button type="button" on:click=move |_| on_add.run(())>{add_label}</button>
                })}
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </section>
    }
}

/// One question as it will look: stem, options with the key marked, answer.
fn preview(q: &Question) -> impl IntoView {
    let keys: Vec<usize> = match &q.kind {
        Kind::Single { correct, .. } => vec![*correct],
        Kind::Multiple { correct, .. } => correct.clone(),
        _ => Vec::new(),
    };
    let options = match &q.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => options.clone(),
        _ => Vec::new(),
    };
    let option_items = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let key = keys.contains(&i);
            let why = q
                .option_feedback
                .get(&i)
                .map(|f| view! { <span class="option-why">{format!(" — feedback: {f}")}</span> });
            view! {
                <li class:key=key>{o}{key.then(|| view! { <strong>" (key)"</strong> })}{why}</li>
            }
        })
        .collect_view();
    let has_options = !keys.is_empty();
    view! {
        <li class="preview-question">
            <p class="stem">{q.stem.clone()}</p>
            {has_options.then(|| view! { <ol type="A">{option_items}</ol> })}
            <p><strong>"Answer: "</strong>{q.answer_text()}</p>
            <p class="explanation">{q.explanation.clone()}</p>
            <p class="meta">{format!("{} · {} · id {}", q.kind.label(), q.difficulty.as_str(), q.id)}</p>
            {q.uncited.then(|| view! { <UncitedNote/> })}
        </li>
    }
}
