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

/// Attributes that let `web/early-nav.js` show a study page's heading and
/// loading line when its link is followed before the app has started.
fn early_nav(path: &str) -> String {
    match shell::PAGES.iter().find(|p| p.study && p.path == path) {
        Some(p) => format!(
            r#" data-pq-title="{}" data-pq-heading="{}" data-pq-loading="{}""#,
            esc(p.title),
            esc(p.heading),
            esc(p.loading)
        ),
        None => String::new(),
    }
}

/// `base` is the public URL's path without its trailing slash ("" at the root).
fn frame(base: &str, current: &str, main: &str) -> String {
    let mut nav = String::new();
    for (path, label) in shell::NAV {
        let cur = if path == current {
            r#" aria-current="page""#
        } else {
            ""
        };
        let early = early_nav(path);
        let _ = write!(
            nav,
            r#"<li><a href="{base}{path}"{cur}{early}>{}</a></li>"#,
            esc(label)
        );
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
                r#"<p class="count">{n}</p><p class="scores">Not attempted yet</p>"#,
                r#"<div class="actions card-actions"><a class="button" href="{base}/setup?bank={id}"{early}>Start a quiz<span class="visually-hidden"> on {title}</span></a></div>"#,
                "</article></li>"
            ),
            id = id,
            title = title,
            desc = esc(&b.description),
            n = shell::question_count(b.questions),
            base = base,
            early = early_nav("/setup"),
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
    let lede = if page.lede.is_empty() {
        String::new()
    } else {
        format!(r#"<p class="lede">{}</p>"#, esc(page.lede))
    };
    format!(
        r#"<section class="page">{heading}{lede}<p class="loading" role="status">{}</p></section>"#,
        esc(page.loading)
    )
}

/// Puts a pre-rendered page into trunk's `index.html`: the title, the bank
/// list for the app to read, and the page itself at the top of `<body>`.
pub fn inject(
    template: &str,
    title: &str,
    manifest: &Manifest,
    body: &str,
) -> Result<String, String> {
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

/// Where trunk's tags that load an app are in a page: the JS module
/// preload, the wasm preload and the inline start script, in page order.
fn loader_tags(html: &str) -> Result<Vec<(usize, usize)>, String> {
    let tag = |start: &str, must: &str, end: &str| -> Result<(usize, usize), String> {
        let mut from = 0;
        while let Some(i) = html[from..].find(start).map(|i| i + from) {
            let j = html[i..]
                .find(end)
                .map(|j| i + j + end.len())
                .ok_or("unclosed tag")?;
            if html[i..j].contains(must) {
                return Ok((i, j));
            }
            from = j;
        }
        Err(format!("no `{start}` tag with `{must}` in trunk's page"))
    };
    let mut tags = vec![
        tag(r#"<link rel="modulepreload""#, ".js", ">")?,
        tag(r#"<link rel="preload""#, "application/wasm", ">")?,
        tag(r#"<script type="module">"#, "init", "</script>")?,
    ];
    tags.sort();
    Ok(tags)
}

/// The whole app's page with the study app's loader in place of its own.
pub fn with_loader_of(template: &str, other: &str) -> Result<String, String> {
    let mine = loader_tags(template)?;
    let theirs = loader_tags(other)?;
    let mut out = template.to_string();
    for (m, t) in mine.iter().zip(&theirs).rev() {
        out.replace_range(m.0..m.1, &other[t.0..t.1]);
    }
    Ok(out)
}

/// Removes trunk's `<link rel="preload">` of the wasm. On a slow link the
/// preload shares the bandwidth with the stylesheet and delays the first
/// paint of the pre-rendered page; the start script fetches the wasm as
/// soon as it runs anyway.
pub fn without_wasm_preload(page: &str) -> Result<String, String> {
    let tags = loader_tags(page)?;
    let (i, j) = tags
        .into_iter()
        .find(|(i, j)| page[*i..*j].contains("application/wasm"))
        .ok_or("no wasm preload in trunk's page")?;
    Ok(format!("{}{}", &page[..i], &page[j..]))
}

/// Puts the stylesheet into the page: on a slow link its own request costs a
/// round trip before anything can be painted. The CSP names the inlined
/// style by its hash (no `'unsafe-inline'`). `css` is the stylesheet's text,
/// as trunk wrote it beside the page.
pub fn with_inline_css(page: &str, css: &str) -> Result<String, String> {
    use base64::Engine;
    use sha2::Digest;
    let start = page
        .find(r#"<link rel="stylesheet""#)
        .ok_or("no stylesheet link in trunk's page")?;
    let end = page[start..].find('>').ok_or("unclosed stylesheet link")? + start + 1;
    let csp_at = page
        .find("style-src 'self'")
        .ok_or("no style-src 'self' in the page's Content-Security-Policy")?
        + "style-src 'self'".len();
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
    if css.contains("</style") {
        return Err("the stylesheet contains </style".into());
    }
    let mut out = String::with_capacity(page.len() + css.len() + 64);
    out.push_str(&page[..csp_at]);
    let _ = write!(out, " 'sha256-{hash}'");
    out.push_str(&page[csp_at..start]);
    let _ = write!(out, "<style>{css}</style>");
    out.push_str(&page[end..]);
    Ok(out)
}

/// Makes trunk's start script wait for the first frame before it fetches the
/// wasm, so the pre-rendered page paints first and the download does not
/// compete with it. A hidden tab gets no frames, so it starts at once there.
pub fn start_after_first_frame(page: &str) -> Result<String, String> {
    const INIT: &str = "const wasm = await init(";
    if !page.contains(INIT) {
        return Err("trunk's start script has no `const wasm = await init(`".into());
    }
    Ok(page.replacen(
        INIT,
        concat!(
            "if (!document.hidden) await new Promise(r => requestAnimationFrame(() => setTimeout(r)));\n",
            "const wasm = await init("
        ),
        1,
    ))
}

/// Directives every page's Content-Security-Policy must hold: nothing from
/// other origins by default, no plugins, and no `<base>` that could send
/// the app's relative URLs elsewhere. Hosts send the same policy as a
/// header (README "Deploying"), adding `frame-ancestors 'none'`, which a
/// meta tag cannot carry.
pub const REQUIRED_CSP: [&str; 3] = ["default-src 'self'", "object-src 'none'", "base-uri 'self'"];

/// The policy of a page's `<meta http-equiv="Content-Security-Policy">`.
pub fn csp_of(page: &str) -> Option<&str> {
    const META: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;
    let start = page.find(META)? + META.len();
    let len = page[start..].find('"')?;
    Some(&page[start..start + len])
}

/// Refuses a page whose policy lacks one of `REQUIRED_CSP`, so a build
/// never ships a weaker page than the one documented.
fn check_csp(page: &str) -> Result<(), String> {
    let policy = csp_of(page).ok_or("trunk's page has no Content-Security-Policy meta tag")?;
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    match REQUIRED_CSP.iter().find(|d| !directives.contains(d)) {
        Some(d) => Err(format!(
            "the page's Content-Security-Policy lacks `{d}` (see index.html)"
        )),
        None => Ok(()),
    }
}

/// Every pre-rendered file: (file name, HTML). `template` is trunk's page
/// for the whole app; `study` its page for the study app, whose loader the
/// study pages get (without it, every page loads the whole app).
pub fn pages(
    template: &str,
    study: Option<&str>,
    css: Option<&str>,
    m: &Manifest,
    base: &str,
) -> Result<Vec<(String, String)>, String> {
    check_csp(template)?;
    let template = &start_after_first_frame(template)?;
    let template = &match css {
        Some(css) => with_inline_css(template, css)?,
        None => template.to_string(),
    };
    let study_template = match study.map(start_after_first_frame).transpose()? {
        Some(s) => with_loader_of(template, &s)?,
        None => template.to_string(),
    };
    let study_template = &without_wasm_preload(&study_template)?;
    let template = &without_wasm_preload(template)?;
    let mut out = vec![(
        "index.html".to_string(),
        inject(
            study_template,
            "Home",
            m,
            &frame(base, "/", &home_main(m, base)),
        )?,
    )];
    for page in shell::PAGES.iter().chain([&shell::FALLBACK]) {
        let t = if page.study { study_template } else { template };
        let html = inject(t, page.title, m, &frame(base, page.path, &page_main(page)))?;
        out.push((page.file.to_string(), html));
    }
    Ok(out)
}

/// The public URL's path as the app's links use it: no trailing slash.
pub fn base_of(public_url: &str) -> String {
    let path = match public_url.find("://") {
        Some(i) => public_url[i + 3..]
            .find('/')
            .map_or("/", |j| &public_url[i + 3 + j..]),
        None => public_url,
    };
    path.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::manifest::BankEntry;

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
        let pages = pages(&trunk_page("app-1"), None, None, &manifest(), "/pharmquiz").unwrap();
        let (name, home) = &pages[0];
        assert_eq!(name, "index.html");
        assert!(home.contains("<title>Home · PharmQuiz</title>"));
        assert!(home.contains(r#"<h2 id="bank-hd">Drugs &amp; &lt;things&gt;</h2>"#));
        assert!(home.contains("12 questions"));
        assert!(home.contains(r#"href="/pharmquiz/setup?bank=hd" data-pq-title="New quiz" data-pq-heading="New quiz" data-pq-loading="Loading question banks…""#));
        assert!(home.contains(r#"href="/pharmquiz/progress""#));
        // The start script and the head are kept; the page comes first in <body>.
        assert!(home
            .contains("const wasm = await init({ module_or_path: '/app-1_bg.wasm' });</script>"));
        assert!(home.contains("if (!document.hidden) await new Promise(r => requestAnimationFrame(() => setTimeout(r)));\nconst wasm = await init("));
        assert!(home.contains("</head><body><div id=\"pq-shell\">"));
        assert!(home.contains("<noscript>x</noscript>"));
    }

    #[test]
    fn every_route_has_its_own_file_and_heading() {
        let pages = pages(&trunk_page("app-1"), None, None, &manifest(), "").unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"progress.html")
                && names.contains(&"404.html")
                && names.contains(&"take.html")
        );
        let progress = &pages.iter().find(|(n, _)| n == "progress.html").unwrap().1;
        assert!(progress.contains("<h1>Your progress</h1>"));
        assert!(progress.contains(r#"<a href="/progress" aria-current="page">Progress</a>"#));
        assert!(
            !progress.contains("bank-card"),
            "a deep link never shows the home page's cards"
        );
        let take = &pages.iter().find(|(n, _)| n == "take.html").unwrap().1;
        assert!(take.contains("Opening your trainer&#39;s quiz…"));
    }

    #[test]
    fn the_bank_list_is_embedded_and_cannot_break_out_of_its_script() {
        let mut m = manifest();
        m.banks[0].description = "</script><script>alert(1)</script>".into();
        let home = &pages(&trunk_page("app-1"), None, None, &m, "").unwrap()[0].1;
        assert_eq!(
            home.matches("</script>").count(),
            2,
            "only the start script and the data block close"
        );
        assert!(home.contains(r#"<script type="application/json" id="pq-manifest">"#));
    }

    #[test]
    fn a_template_without_body_is_an_error() {
        assert!(pages("<title>x</title>", None, None, &manifest(), "").is_err());
    }

    fn trunk_page(app: &str) -> String {
        format!(
            concat!(
                "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; base-uri 'self'; object-src 'none'\"><title>PharmQuiz</title>",
                r#"<script type="module">import init from '/{a}.js'; const wasm = await init({{ module_or_path: '/{a}_bg.wasm' }});</script>"#,
                r#"<link rel="stylesheet" href="/main.css">"#,
                r#"<link rel="modulepreload" href="/{a}.js" integrity="sha384-{a}"><link rel="preload" href="/{a}_bg.wasm" integrity="sha384-w{a}" as="fetch" type="application/wasm">"#,
                "</head><body>\n<noscript>x</noscript></body></html>"
            ),
            a = app
        )
    }

    #[test]
    fn study_pages_load_the_study_app_and_the_others_the_whole_app() {
        let full = trunk_page("pharmquiz-1");
        let study = trunk_page("study-2");
        let pages = pages(&full, Some(&study), None, &manifest(), "").unwrap();
        let page = |name: &str| &pages.iter().find(|(n, _)| n == name).unwrap().1;
        for name in ["index.html", "setup.html", "take.html", "404.html"] {
            assert!(
                page(name).contains("import init from '/study-2.js'"),
                "{name}"
            );
            assert!(
                page(name).contains(r#"<link rel="modulepreload" href="/study-2.js""#),
                "{name}"
            );
            assert!(
                !page(name).contains("_bg.wasm\" integrity"),
                "{name}: no wasm preload"
            );
            assert!(!page(name).contains("pharmquiz-1"), "{name}");
            assert!(page(name).contains(r#"<link rel="stylesheet" href="/main.css">"#));
        }
        for name in [
            "progress.html",
            "trainer.html",
            "review.html",
            "roster.html",
        ] {
            assert!(
                page(name).contains("pharmquiz-1_bg.wasm") && !page(name).contains("study-2"),
                "{name}"
            );
            assert!(
                !page(name).contains(r#"type="application/wasm""#),
                "{name}: no wasm preload"
            );
        }
        assert!(with_loader_of(&full, "<html></html>").is_err());
    }

    #[test]
    fn the_stylesheet_is_inlined_and_allowed_by_its_hash() {
        let page = trunk_page("app-1");
        let css = "body { color: red; }";
        let pages = pages(&page, None, Some(css), &manifest(), "").unwrap();
        for (name, html) in &pages {
            assert!(
                html.contains("<style>body { color: red; }</style>"),
                "{name}"
            );
            assert!(!html.contains(r#"<link rel="stylesheet""#), "{name}");
            // echo -n 'body { color: red; }' | openssl dgst -sha256 -binary | base64
            assert!(
                html.contains(
                    "style-src 'self' 'sha256-XeYlw2NVzOfB1UCIJqCyGr+0n7bA4fFslFpvKu84IAw='"
                ),
                "{name}"
            );
        }
        assert!(with_inline_css(&page, "x</style><script>").is_err());
    }

    #[test]
    fn every_page_keeps_the_strict_policy_of_index_html() {
        // The real template, with trunk's loader and stylesheet added as a
        // trunk build adds them.
        let source = include_str!("../index.html");
        let loader = trunk_page("app-1");
        let head_end = source.find("</head>").unwrap();
        let tags_at = loader.find("<script type=\"module\">").unwrap();
        let tags_end = loader.find("</head>").unwrap();
        let trunk = format!(
            "{}{}{}",
            &source[..head_end],
            &loader[tags_at..tags_end],
            &source[head_end..]
        );
        let css = "body { color: red; }";
        let pages = pages(&trunk, None, Some(css), &manifest(), "").unwrap();
        assert_eq!(pages.len(), shell::PAGES.len() + 2);
        for (name, html) in &pages {
            let policy = csp_of(html).unwrap();
            let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
            for d in REQUIRED_CSP {
                assert!(directives.contains(&d), "{name}: {policy}");
            }
            assert!(
                directives.contains(
                    &"style-src 'self' 'sha256-XeYlw2NVzOfB1UCIJqCyGr+0n7bA4fFslFpvKu84IAw='"
                ),
                "{name}: {policy}"
            );
            assert!(!policy.contains("unsafe-inline"), "{name}");
        }
    }

    #[test]
    fn a_page_without_the_strict_policy_is_refused() {
        let page = trunk_page("app-1");
        for d in REQUIRED_CSP {
            let weaker = page.replace(d, "");
            let e = pages(&weaker, None, None, &manifest(), "").unwrap_err();
            assert!(e.contains(d), "{e}");
        }
        let none = page.replace("Content-Security-Policy", "X-Other");
        assert!(pages(&none, None, None, &manifest(), "").is_err());
        // A directive must be whole: `object-src 'none'` is not `object-src *`.
        let loose = page.replace("object-src 'none'", "object-src *");
        assert!(pages(&loose, None, None, &manifest(), "").is_err());
    }

    #[test]
    fn base_path_from_public_url() {
        assert_eq!(base_of("/"), "");
        assert_eq!(base_of("/pharmquiz/"), "/pharmquiz");
        assert_eq!(base_of("https://example.org/a/b/"), "/a/b");
        assert_eq!(base_of("https://example.org"), "");
    }
}
