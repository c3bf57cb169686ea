//! The outcome engine against real participatory budgets: every shared pabulib file whose rule
//! we implement and which records the official outcome must come out the same.
//! Reads `PABULIB_DIR` or `../shared/pabulib`; skips with a message when neither exists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use wijkbudget_tally::{self as tally, Options, Rule, pabulib};

/// Files whose official outcome is not what their own rule computes. For each, pabutools 1.2.3
/// computes the same outcome as we do; the city deviated from the published rule.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "Poland_Warszawa_2018_Las.pb",
        "project 1649 (93 votes, above the threshold of 39, and it fits) was not funded",
    ),
    (
        "Poland_Warszawa_2018_Niskie_Okecie.pb",
        "project 615 was funded instead of 308 and 302, which have more votes",
    ),
    (
        "Poland_Warszawa_2018_Ursynow_Wysoki_Poludniowy.pb",
        "projects 2737 and 787 were funded instead of 1137, which has more votes",
    ),
    (
        "Poland_Warszawa_2020_Bialoleka.pb",
        "projects 1938 and 1514 were funded instead of 118, 1699 and 736, which have more votes",
    ),
];

const EQUAL_SHARES_ELECTIONS: &[&str] = &[
    "Netherlands_Assen_2024.pb",
    "Poland_Swiecie_2023.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
];

pub fn pabulib_dir() -> Option<PathBuf> {
    let dir = std::env::var("PABULIB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/pabulib"
            ))
        });
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: no pabulib folder at {} (set PABULIB_DIR)",
            dir.display()
        );
        None
    }
}

#[test]
fn official_outcomes_are_reproduced_for_every_supported_rule() {
    let Some(dir) = pabulib_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pb"))
        .collect();
    files.sort();
    let mut compared = 0;
    let mut failures = Vec::new();
    let mut equal_shares_checked = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (document, election) = pabulib::read_file(path).unwrap_or_else(|e| panic!("{e}"));
        let Some(rule) = document.meta_value("rule").and_then(Rule::parse) else {
            continue;
        };
        let Some(official) = document.official_selection() else {
            continue;
        };
        let outcome = tally::compute(&election, rule, &Options::default()).unwrap();
        let mut ours: Vec<String> = outcome
            .selected
            .iter()
            .map(|&p| election.projects[p].id.clone())
            .collect();
        let mut official = official;
        ours.sort();
        official.sort();
        compared += 1;
        if EQUAL_SHARES_ELECTIONS.contains(&name.as_str()) {
            assert_eq!(ours, official, "{name} must match exactly");
            equal_shares_checked.push(name.clone());
        }
        let excepted = EXCEPTIONS.iter().any(|(file, _)| *file == name);
        if ours != official && !excepted {
            failures.push(format!(
                "{name} ({}): official {official:?}, ours {ours:?}",
                rule.label()
            ));
        }
        if ours == official && excepted {
            failures.push(format!(
                "{name} is listed as an exception but now agrees; remove it from EXCEPTIONS"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        equal_shares_checked.len(),
        EQUAL_SHARES_ELECTIONS.len(),
        "{equal_shares_checked:?}"
    );
    assert!(compared > 300, "only {compared} files were compared");
}

#[test]
fn every_shared_file_reads_and_writes_back_the_same() {
    let Some(dir) = pabulib_dir() else { return };
    for name in EQUAL_SHARES_ELECTIONS
        .iter()
        .chain(["France_Toulouse_2019.pb", "Poland_Krakow_2018_Bronowice.pb"].iter())
    {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let document = pabulib::PbDocument::parse(&text).unwrap();
        let again = pabulib::PbDocument::parse(&document.write()).unwrap();
        assert_eq!(document.meta, again.meta, "{name}");
        assert_eq!(document.projects, again.projects, "{name}");
        assert_eq!(document.votes, again.votes, "{name}");
        assert_eq!(
            document.election().unwrap().ballots,
            again.election().unwrap().ballots,
            "{name}"
        );
    }
}
