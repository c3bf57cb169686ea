//! Agreement with pabutools 1.2.3, the reference implementation, through
//! `../shared/tools/pbref.py` (it sets pabutools up from PyPI on first use). With pabutools'
//! conventions (tie-break by smallest id as text, Add1 stopping at the first exhaustive outcome,
//! cost utilities) our outcomes must equal its outcomes. Skips with a message when the pabulib
//! folder, the tool or Python is missing. `bench/tally_vs_pabutools.py` runs the same comparison
//! on any set of files, with timings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use wijkbudget_tally::{self as tally, Add1Stop, MesUtility, Options, Rule, TieBreak, pabulib};

const CASES: &[(&str, &[&str])] = &[
    (
        "Netherlands_Assen_2024.pb",
        &["greedy", "equalshares", "equalshares/add1", "phragmen"],
    ),
    (
        "Poland_Swiecie_2023.pb",
        &["greedy", "equalshares", "equalshares/add1", "phragmen"],
    ),
    ("France_Toulouse_2019.pb", &["greedy", "equalshares"]),
    ("Switzerland_Zurich_S5D10.pb", &["greedy", "equalshares"]),
    (
        "Worldwide_Mechanical_Turk_Ranking_value_6.pb",
        &["greedy", "equalshares"],
    ),
    (
        "Poland_Poznan_2025_9_-_Stare_Miasto__small.pb",
        &["greedy", "equalshares", "phragmen"],
    ),
];

fn pbref(dir: &Path) -> Option<PathBuf> {
    let tool = dir.parent()?.join("tools").join("pbref.py");
    if !tool.exists() {
        eprintln!("skipping: {} not found", tool.display());
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found");
        return None;
    }
    Some(tool)
}

fn pabutools_outcome(tool: &Path, file: &Path, rule: &str) -> Option<Vec<String>> {
    let output = Command::new("python3")
        .arg(tool)
        .arg(file)
        .args(["--rule", rule])
        .output()
        .ok()?;
    if !output.status.success() {
        eprintln!(
            "skipping {} {rule}: pbref failed: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line: serde_json::Value = serde_json::from_str(text.lines().last()?).ok()?;
    let mut selected: Vec<String> = line["selected"]
        .as_array()?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    selected.sort();
    Some(selected)
}

#[test]
fn outcomes_equal_pabutools_with_its_conventions() {
    let dir = std::env::var("PABULIB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/pabulib"
            ))
        });
    if !dir.is_dir() {
        eprintln!(
            "skipping: no pabulib folder at {} (set PABULIB_DIR)",
            dir.display()
        );
        return;
    }
    let Some(tool) = pbref(&dir) else { return };
    let options = Options {
        tie_break: TieBreak::Pabutools,
        add1_stop: Add1Stop::FirstExhaustive,
        utility: MesUtility::Cost,
        fill_greedily: false,
    };
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for (name, rules) in CASES {
        let path = dir.join(name);
        let (_, election) = pabulib::read_file(&path).unwrap();
        for rule in *rules {
            let Some(theirs) = pabutools_outcome(&tool, &path, rule) else {
                continue;
            };
            let outcome = tally::compute(&election, Rule::parse(rule).unwrap(), &options).unwrap();
            let mut ours: Vec<String> = outcome
                .selected
                .iter()
                .map(|&p| election.projects[p].id.clone())
                .collect();
            ours.sort();
            compared += 1;
            if ours != theirs {
                disagreements.push(format!(
                    "{name} {rule}: pabutools {theirs:?}, ours {ours:?}"
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    eprintln!("{compared} outcomes agree with pabutools");
}
