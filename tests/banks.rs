//! Every bank shipped in `questions/` must be valid, and meet the content
//! minimums the app promises.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use pharmquiz::domain::bank::Kind;
use pharmquiz::domain::calendar::Day;
use pharmquiz::domain::check::{check_and_lint, check_path};

#[test]
fn every_shipped_bank_is_valid() {
    let (report, banks) = check_path(Path::new("questions"));
    assert!(
        report.errors.is_empty(),
        "bank errors:\n{}",
        report.to_text()
    );
    assert_eq!(banks.len(), 3, "expected the three built-in banks");
    for bank in &banks {
        assert!(
            bank.questions.len() >= 15,
            "{} has only {} questions",
            bank.id,
            bank.questions.len()
        );
    }
}

#[test]
fn every_calculated_template_walks_its_whole_range_cleanly() {
    let (_, banks) = check_path(Path::new("questions"));
    let mut walked = 0;
    for bank in &banks {
        for q in &bank.questions {
            if let Kind::Calculated { template, .. } = &q.kind {
                let (n, failure) = template.walk();
                assert_eq!(failure, None, "{}/{}", bank.id, q.id);
                assert_eq!(
                    n,
                    template
                        .combinations()
                        .min(pharmquiz::domain::calc::WALK_LIMIT),
                    "{}/{} walk was cut short",
                    bank.id,
                    q.id
                );
                // And a few seeded draws render with no placeholder left.
                for seed in 0..5 {
                    let asked = q.instantiate(&bank.id, seed);
                    assert!(
                        !asked.stem.contains('{') && !asked.explanation.contains('{'),
                        "{}/{} seed {seed}",
                        bank.id,
                        q.id
                    );
                    assert!(
                        matches!(asked.kind, Kind::Numeric { answer, .. } if answer.is_finite())
                    );
                }
                walked += n;
            }
        }
    }
    assert!(walked > 0);
}

#[test]
fn no_option_refers_to_other_options() {
    // Options are shuffled, so "both A and B" or "all of the above" would be
    // wrong or meaningless once moved.
    let (_, banks) = check_path(Path::new("questions"));
    let banned = [
        "all of the above",
        "none of the above",
        "both a and b",
        "a and b",
        "both of the above",
    ];
    for bank in &banks {
        for q in &bank.questions {
            if let Kind::Single { options, .. } | Kind::Multiple { options, .. } = &q.kind {
                for o in options {
                    let lower = o.to_lowercase();
                    assert!(
                        !banned.iter().any(|b| lower.contains(b)),
                        "{}/{}: option \"{o}\" depends on option order",
                        bank.id,
                        q.id
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_questions_share_a_stem_across_banks() {
    let (_, banks) = check_path(Path::new("questions"));
    let mut seen = std::collections::HashMap::new();
    for bank in &banks {
        for q in &bank.questions {
            let norm = q
                .stem
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if let Some(prev) = seen.insert(norm, format!("{}/{}", bank.id, q.id)) {
                panic!("{}/{} repeats the stem of {prev}", bank.id, q.id);
            }
        }
    }
}

#[test]
fn the_shipped_banks_sit_far_inside_the_input_limits() {
    use pharmquiz::domain::bank::BANK_WALK_BUDGET;
    use pharmquiz::domain::calc::{MAX_CHECKS, MAX_STEPS, MAX_VARS, WALK_BUDGET, WALK_LIMIT};
    // The limits that keep a hostile bank from freezing the page must never
    // bite a real one: a tenth of the bank budget, half the per-draw cost
    // that still gets a full walk, a third of the counts.
    let (_, banks) = check_path(Path::new("questions"));
    for bank in &banks {
        let mut work = 0;
        for q in &bank.questions {
            if let Kind::Calculated { template, .. } = &q.kind {
                work += template.walk_cost();
                assert!(template.cost() * 2 <= WALK_BUDGET / WALK_LIMIT, "{}", q.id);
                assert!(template.vars.len() * 3 <= MAX_VARS, "{}", q.id);
                assert!(template.steps.len() * 3 <= MAX_STEPS, "{}", q.id);
                assert!(template.checks.len() * 3 <= MAX_CHECKS, "{}", q.id);
            }
        }
        assert!(work * 10 <= BANK_WALK_BUDGET, "{}: {work}", bank.id);
    }
}

#[test]
fn the_pairs_that_give_each_other_away_never_meet() {
    // Issue 11: each pair named on both sides, so a reader of either sees it.
    let (_, banks) = check_path(Path::new("questions"));
    let hd = banks.iter().find(|b| b.id == "hazardous-drugs").unwrap();
    for (a, b) in [
        ("hd-059", "hd-060"),
        ("hd-120", "hd-053"),
        ("hd-120", "hd-054"),
        ("hd-017", "hd-113"),
        ("hd-018", "hd-119"),
        ("hd-012", "hd-074"),
        ("hd-023", "hd-024"),
        ("hd-010", "hd-050"),
    ] {
        for (x, y) in [(a, b), (b, a)] {
            let q = hd.question(x).unwrap();
            assert!(q.excludes.iter().any(|e| e == y), "{x} should exclude {y}");
        }
    }
    assert!(hd.version >= 3, "raise the version when `excludes` changes");
    // The same NDC conversion and the same turnover sum with other numbers.
    let inv = banks.iter().find(|b| b.id == "inventory").unwrap();
    for (a, b) in [("inv-014", "inv-058"), ("inv-015", "inv-087")] {
        for (x, y) in [(a, b), (b, a)] {
            let q = inv.question(x).unwrap();
            assert!(q.excludes.iter().any(|e| e == y), "{x} should exclude {y}");
        }
    }
    assert!(
        inv.version >= 3,
        "raise the version when `excludes` changes"
    );
}

#[test]
fn the_lint_reads_every_shipped_bank_and_dates_count_from_today() {
    let on = |d: &str| check_and_lint(Path::new("questions"), Day::parse(d).unwrap()).0;
    let report = on("2026-11-27");
    assert!(report.errors.is_empty(), "{}", report.to_text());
    // Every rule finished on the shipped banks: none gave up on its budget.
    for w in &report.warnings {
        assert!(
            !matches!(
                w.kind.as_str(),
                "not-all-compared" | "too-many-near-duplicates"
            ),
            "{w:?}"
        );
    }
    let dated = |r: &pharmquiz::domain::report::Report, kind: &str| {
        r.warnings
            .iter()
            .filter(|w| w.kind == kind)
            .filter_map(|w| w.question.clone())
            .collect::<Vec<_>>()
    };
    let inv_078 = "inv-078".to_string();
    // inv-078 (a past exemption, now a dated fact) was checked on 1 December
    // 2026: "As of" a day still to come before then, due for checking again
    // once that is more than a year ago.
    assert!(dated(&report, "as-of-ahead").contains(&inv_078));
    for day in ["2026-12-01", "2027-12-01"] {
        let report = on(day);
        assert!(!dated(&report, "as-of-ahead").contains(&inv_078), "{day}");
        assert!(!dated(&report, "as-of-old").contains(&inv_078), "{day}");
    }
    let report = on("2027-12-02");
    assert!(dated(&report, "as-of-old").contains(&inv_078));
    // Its answer is history now, so it no longer carries a `valid_until`.
    assert!(!dated(&report, "valid-until-passed").contains(&inv_078));
    // The JSON keeps banks and errors, and lists each warning's place.
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["banks"].is_array() && json["errors"].is_array());
    let w = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["question"] == "inv-078")
        .unwrap();
    assert_eq!(w["bank"], "questions/inventory.toml");
    assert_eq!(w["kind"], "as-of-old");
    assert!(w["line"].as_u64().unwrap() > 1);
    assert!(w["message"].as_str().unwrap().contains("2026-12-01"));
}

#[test]
fn every_shipped_profile_draws_a_mock_from_the_shipped_banks() {
    use pharmquiz::domain::manifest::Manifest;
    use pharmquiz::domain::mock::{plan_mock, MockLength};
    use pharmquiz::domain::profile::{domain_pools, parse_profiles};

    let (report, banks) = check_path(Path::new("questions"));
    assert_eq!(
        report.profiles.len(),
        4,
        "the four exam profiles are counted"
    );
    let manifest =
        Manifest::parse(&std::fs::read_to_string("questions/manifest.toml").unwrap()).unwrap();
    let text = std::fs::read_to_string("questions/exam-profiles.toml").unwrap();
    let profiles = parse_profiles(&text, &manifest).unwrap();
    let refs: Vec<_> = banks.iter().collect();
    for p in &profiles {
        let plan = plan_mock(p, &refs, MockLength::Full, 1).unwrap();
        let pools = domain_pools(p, &refs);
        let available: usize = pools.iter().map(Vec::len).sum();
        // Full length where the banks allow it; otherwise every question
        // (less any that give each other away), and a note says so.
        assert!(plan.spec.count <= p.questions.min(available), "{}", p.id);
        assert!(
            plan.spec.count + 10 >= p.questions.min(available),
            "{}",
            p.id
        );
        assert_eq!(
            plan.note.is_some(),
            plan.spec.count < p.questions
                || p.domains.iter().any(|d| !d.is_covered())
                || plan.per_domain.iter().any(|x| x.1 < x.2),
            "{}",
            p.id
        );
        assert!(plan.spec.time_limit_secs.unwrap() <= p.minutes * 60);
    }
}
