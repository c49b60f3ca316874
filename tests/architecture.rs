//! The architecture invariants of ARCHITECTURE.md that a machine can check,
//! read from the source text: which layer may import which, no import
//! cycles among the domain's modules, one place that saves.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(rel)
}

/// The code of a file without comments, so prose may name anything.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The domain module a file belongs to: `src/domain/schema/merge.rs` → `schema`.
fn domain_module(path: &Path) -> String {
    let rel = path.strip_prefix(src("domain")).expect("a domain file");
    let first = rel.components().next().expect("a path");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// Every domain module a file names, through `crate::domain::x` or, at the
/// top of the domain, `super::x`.
fn domain_imports(code: &str, modules: &BTreeSet<String>, nested: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut prefixes = vec!["crate::domain::".to_string()];
    prefixes.push(if nested { "super::super::" } else { "super::" }.to_string());
    for prefix in &prefixes {
        for (i, _) in code.match_indices(prefix.as_str()) {
            let rest = &code[i + prefix.len()..];
            let candidates: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                // `use super::{a, b::C, c::{self, D}}`: the first segment of each item.
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")]
            };
            for c in candidates {
                if modules.contains(c) {
                    found.insert(c.to_string());
                }
            }
        }
    }
    found
}

fn domain_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(&src("domain"));
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| domain_module(f))
        .filter(|m| m != "mod")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let module = domain_module(f);
        if module == "mod" {
            continue;
        }
        // Files inside a module's folder (other than its mod.rs) reach
        // siblings with `super::super::`; their own `super::` is the module.
        let nested = f.parent() != Some(src("domain").as_path())
            && f.file_name().is_some_and(|n| n != "mod.rs");
        let code = code_of(f);
        // Test code may use fixtures from anywhere; the rule is for the product.
        let product = code.split("#[cfg(test)]").next().unwrap_or("");
        let deps = domain_imports(product, &modules, nested);
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(deps.into_iter().filter(|d| *d != module));
    }
    graph
}

#[test]
fn no_domain_module_imports_one_that_imports_it_back() {
    let graph = domain_graph();
    assert!(graph.len() > 10, "read the domain: {graph:?}");
    // Edges known to exist, one of each way of writing an import, so a
    // scanner that reads nothing cannot pass.
    for (from, to) in [
        ("schema", "session"),
        ("bank", "calc"),
        ("attempt", "schema"),
    ] {
        assert!(graph[from].contains(to), "missed {from} → {to}: {graph:?}");
    }
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(cycle) = visit(n, &graph, &mut Vec::new(), &mut done) {
            panic!("import cycle in the domain: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_domain_has_no_browser_or_ui_code() {
    for f in rust_files(&src("domain")) {
        let code = code_of(&f);
        for word in [
            "leptos",
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "gloo",
            "crate::state",
            "crate::pages",
            "crate::components",
            "crate::browser",
        ] {
            assert!(!code.contains(word), "{} uses {word}", f.display());
        }
    }
}

#[test]
fn ui_layers_import_downwards_only() {
    // Pages may use components; components never use pages; neither uses
    // the app module (it is the top: routes and start-up).
    for (dir, banned) in [
        ("pages", vec!["crate::app"]),
        ("components", vec!["crate::app", "crate::pages"]),
    ] {
        for f in rust_files(&src(dir)) {
            let code = code_of(&f);
            for b in &banned {
                assert!(!code.contains(b), "{} imports {b}", f.display());
            }
        }
    }
    for f in rust_files(&src("pages")) {
        if f.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        let code = code_of(&f);
        assert!(
            !code.contains("crate::pages::"),
            "{} imports another page; shared parts belong in components or browser",
            f.display()
        );
    }
}

#[test]
fn state_is_the_only_place_that_saves() {
    // The browser backend is only handed to the storage policy by `state`.
    let allowed = [src("state.rs"), src("web_storage.rs")];
    for f in rust_files(&src("")) {
        if allowed.contains(&f) {
            continue;
        }
        let code = code_of(&f);
        assert!(
            !code.contains("LocalStorageBackend") && !code.contains("gloo_storage"),
            "{} reaches local storage directly; save through state.rs",
            f.display()
        );
    }
}

/// The domain's layers, lowest first; ARCHITECTURE.md explains each. A
/// module may import only modules of lower layers.
const LAYERS: &[&[&str]] = &[
    &[
        "rng",
        "sort",
        "expr",
        "clock",
        "manifest",
        "limits",
        "calculator",
    ],
    &["calc", "calendar"],
    &["bank", "plan"],
    &[
        "compiled", "custom", "report", "grade", "quiz", "lint", "export", "ics",
    ],
    &["import", "profile"],
    &["check", "session", "roster"],
    &["schema"],
    &[
        "schedule",
        "storage",
        "backup",
        "dashboard",
        "share",
        "mock",
    ],
    &["attempt", "readiness"],
    &[
        "quiz_form",
        "home_view",
        "review_view",
        "roster_view",
        "prep_view",
    ],
];

#[test]
fn domain_modules_import_only_lower_layers() {
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    for (module, deps) in domain_graph() {
        if module == "test_support" {
            continue; // test fixtures may build anything
        }
        let Some(mine) = layer(&module) else {
            panic!("{module} is in no layer: add it to LAYERS and ARCHITECTURE.md");
        };
        for d in deps {
            let theirs = layer(&d).unwrap_or(usize::MAX);
            assert!(
                theirs < mine,
                "{module} (layer {mine}) imports {d} (layer {theirs}); a module may import only lower layers"
            );
        }
    }
}
