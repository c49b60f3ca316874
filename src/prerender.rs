//! Pre-rendered pages: at build time, each route gets an HTML file that
//! already shows what a user needs first (the frame, the home page's bank
//! cards, each page's heading and loading state), written into trunk's
//! output by `src/bin/prerender.rs`. The app draws the same frame over it
//! when it starts (see `app::start`). Native only.

use std::fmt::Write;

use crate::domain::compiled::{json_for_html, manifest_json};
use crate::domain::manifest::Manifest;
use crate::shell::{self, PageShell};

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `base` is the public URL's path without its trailing slash ("" at the root).
fn frame(base: &str, current: &str, main: &str) -> String {
    let mut nav = String::new();
    for (path, label) in shell::NAV {
        let cur = if path == current { r#" aria-current="page""# } else { "" };
        let _ = write!(nav, r#"<li><a href="{base}{path}"{cur}>{}</a></li>"#, esc(label));
    }
    format!(
        concat!(
            r##"<div id="{id}">"##,
            r##"<a class="skip-link" href="#main">{skip}</a>"##,
            r#"<header class="site-header no-print"><nav aria-label="Main">"#,
            r#"<a href="{base}/" class="brand">PharmQuiz</a><ul>{nav}</ul></nav></header>"#,
            r#"<div class="notices" role="status" aria-live="polite"></div>"#,
            r#"<main id="main" tabindex="-1">{main}</main>"#,
            r#"<footer class="site-footer no-print"><p>{footer}</p></footer>"#,
            "</div>"
        ),
        id = shell::SHELL_ID,
        skip = esc(shell::SKIP_LINK),
        base = base,
        nav = nav,
        main = main,
        footer = esc(shell::FOOTER),
    )
}

/// The home page: heading, the daily-review line for a new user, and a card
/// per bank with its title, description, question count and start link.
pub fn home_main(m: &Manifest, base: &str) -> String {
    let mut cards = String::new();
    for b in &m.banks {
        let id = esc(&b.id);
        let title = esc(&b.title);
        let _ = write!(
            cards,
            concat!(
                r#"<li><article class="card bank-card" aria-labelledby="bank-{id}">"#,
                r#"<h2 id="bank-{id}">{title}</h2><p>{desc}</p>"#,
                r#"<p class="count">{n} questions</p><p class="scores">Not attempted yet</p>"#,
                r#"<div class="actions card-actions"><a class="button" href="{base}/setup?bank={id}">Start a quiz<span class="visually-hidden"> on {title}</span></a></div>"#,
                "</article></li>"
            ),
            id = id,
            title = title,
            desc = esc(&b.description),
            n = b.questions,
            base = base,
        );
    }
    format!(
        concat!(
            r#"<section class="page"><h1>{h}</h1><p class="lede">{lede}</p>"#,
            r#"<p class="due-banner">{due}<a href="{base}/review">{link}</a></p>"#,
            r#"<ul class="bank-grid">{cards}</ul></section>"#
        ),
        h = esc(shell::HOME_HEADING),
        lede = esc(shell::HOME_LEDE),
        due = esc(shell::DUE_NEW),
        base = base,
        link = esc(shell::DUE_LINK_NONE),
        cards = cards,
    )
}

/// A page that depends on stored data or a download: heading and loading state.
pub fn page_main(page: &PageShell) -> String {
    let heading = if page.heading.is_empty() {
        String::new()
    } else {
        format!("<h1>{}</h1>", esc(page.heading))
    };
    format!(
        r#"<section class="page">{heading}<p class="loading" role="status">{}</p></section>"#,
        esc(page.loading)
    )
}

/// Puts a pre-rendered page into trunk's `index.html`: the title, the bank
/// list for the app to read, and the page itself at the top of `<body>`.
pub fn inject(template: &str, title: &str, manifest: &Manifest, body: &str) -> Result<String, String> {
    let title_tag = template
        .find("<title>")
        .zip(template.find("</title>"))
        .ok_or("index.html has no <title>")?;
    let body_at = template
        .find("<body>")
        .ok_or("index.html has no <body> tag")?
        + "<body>".len();
    if title_tag.1 > body_at {
        return Err("index.html has its <title> after <body>".into());
    }
    let data = format!(
        r#"<script type="application/json" id="{}">{}</script>"#,
        shell::MANIFEST_ID,
        json_for_html(&manifest_json(manifest))
    );
    let mut out = String::with_capacity(template.len() + body.len() + data.len());
    out.push_str(&template[..title_tag.0]);
    let _ = write!(out, "<title>{} · PharmQuiz</title>", esc(title));
    out.push_str(&template[title_tag.1 + "</title>".len()..body_at]);
    out.push_str(body);
    out.push_str(&data);
    out.push_str(&template[body_at..]);
    Ok(out)
}

/// Every pre-rendered file: (file name, HTML).
pub fn pages(template: &str, m: &Manifest, base: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = vec![(
        "index.html".to_string(),
        inject(template, "Home", m, &frame(base, "/", &home_main(m, base)))?,
    )];
    for page in shell::PAGES.iter().chain([&shell::FALLBACK]) {
        let html = inject(template, page.title, m, &frame(base, page.path, &page_main(page)))?;
        out.push((page.file.to_string(), html));
    }
    Ok(out)
}

/// The public URL's path as the app's links use it: no trailing slash.
pub fn base_of(public_url: &str) -> String {
    let path = match public_url.find("://") {
        Some(i) => public_url[i + 3..].find('/').map_or("/", |j| &public_url[i + 3 + j..]),
        None => public_url,
    };
    path.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::manifest::BankEntry;

    const TEMPLATE: &str = "<!DOCTYPE html><html><head><title>PharmQuiz</title><script type=\"module\">boot()</script></head><body>\n<noscript>x</noscript></body></html>";

    fn manifest() -> Manifest {
        Manifest {
            banks: vec![BankEntry {
                id: "hd".into(),
                title: "Drugs & <things>".into(),
                description: "About \"HD\".".into(),
                file: "hd.json".into(),
                custom: false,
                questions: 12,
            }],
            topics: vec![],
        }
    }

    #[test]
    fn home_has_cards_with_counts_and_start_links_under_the_base() {
        let pages = pages(TEMPLATE, &manifest(), "/pharmquiz").unwrap();
        let (name, home) = &pages[0];
        assert_eq!(name, "index.html");
        assert!(home.contains("<title>Home · PharmQuiz</title>"));
        assert!(home.contains(r#"<h2 id="bank-hd">Drugs &amp; &lt;things&gt;</h2>"#));
        assert!(home.contains("12 questions"));
        assert!(home.contains(r#"href="/pharmquiz/setup?bank=hd""#));
        assert!(home.contains(r#"href="/pharmquiz/progress""#));
        // The boot script and the head are kept; the page comes first in <body>.
        assert!(home.contains("<script type=\"module\">boot()</script></head><body><div id=\"pq-shell\">"));
        assert!(home.contains("<noscript>x</noscript>"));
    }

    #[test]
    fn every_route_has_its_own_file_and_heading() {
        let pages = pages(TEMPLATE, &manifest(), "").unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"progress.html") && names.contains(&"404.html") && names.contains(&"take.html"));
        let progress = &pages.iter().find(|(n, _)| n == "progress.html").unwrap().1;
        assert!(progress.contains("<h1>Your progress</h1>"));
        assert!(progress.contains(r#"<a href="/progress" aria-current="page">Progress</a>"#));
        assert!(!progress.contains("bank-card"), "a deep link never shows the home page's cards");
        let take = &pages.iter().find(|(n, _)| n == "take.html").unwrap().1;
        assert!(take.contains("Opening your trainer&#39;s quiz…"));
    }

    #[test]
    fn the_bank_list_is_embedded_and_cannot_break_out_of_its_script() {
        let mut m = manifest();
        m.banks[0].description = "</script><script>alert(1)</script>".into();
        let home = &pages(TEMPLATE, &m, "").unwrap()[0].1;
        assert_eq!(home.matches("</script>").count(), 2, "only the boot script and the data block close");
        assert!(home.contains(r#"<script type="application/json" id="pq-manifest">"#));
    }

    #[test]
    fn a_template_without_body_is_an_error() {
        assert!(pages("<title>x</title>", &manifest(), "").is_err());
    }

    #[test]
    fn base_path_from_public_url() {
        assert_eq!(base_of("/"), "");
        assert_eq!(base_of("/pharmquiz/"), "/pharmquiz");
        assert_eq!(base_of("https://example.org/a/b/"), "/a/b");
        assert_eq!(base_of("https://example.org"), "");
    }
}
