//! The crate's own command line, `wijkbudget-tally`, on a small hand-made election: it counts
//! without the platform, checks against the file's outcome, explains and compares.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Budget 100; greedy funds A (60, 3 votes), skips B (50, 2 votes), funds C (40, 1 vote).
fn election(selected: [u8; 3]) -> String {
    format!(
        "META\nkey;value\ndescription;small\nnum_projects;3\nnum_votes;3\nbudget;100\nvote_type;approval\nrule;greedy\n\
         PROJECTS\nproject_id;cost;votes;name;selected\nA;60;3;Aa;{}\nB;50;2;Bb;{}\nC;40;1;Cc;{}\n\
         VOTES\nvoter_id;vote\nv1;A,B,C\nv2;A,B\nv3;A\n",
        selected[0], selected[1], selected[2]
    )
}

fn written(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wijkbudget-tally-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijkbudget-tally"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn it_counts_checks_explains_and_compares_a_file_by_its_own_rule() {
    let path = written("agrees.pb", &election([1, 0, 1]));
    let path = path.to_str().unwrap();
    let counted = run(&[path, "--check"]);
    assert!(counted.status.success(), "{counted:?}");
    let text = stdout(&counted);
    assert!(
        text.contains("greedy funds 100 of 100 (2 projects: A,C)"),
        "{text}"
    );
    assert!(text.contains("[agrees]"), "{text}");

    let explained = run(&[path, "--json", "--explain", "--compare"]);
    let result: serde_json::Value = serde_json::from_str(stdout(&explained).trim()).unwrap();
    assert_eq!(result["selected"], serde_json::json!(["A", "C"]));
    let skipped = &result["explanations"][1];
    assert_eq!(skipped["project"], "B");
    assert_eq!(skipped["funded"], false);
    assert_eq!(skipped["why"]["kind"], "greedy_too_expensive", "{result}");
    assert_eq!(
        skipped["why"]["left"], 4000,
        "40 left of 100, in hundredths"
    );
    let rules: Vec<&str> = result["comparison"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules[0], "greedy", "its own rule first");
    assert!(rules.contains(&"equalshares/add1") && rules.contains(&"phragmen"));

    let by_phragmen = run(&[path, "--rule", "phragmen", "--json"]);
    let result: serde_json::Value = serde_json::from_str(stdout(&by_phragmen).trim()).unwrap();
    assert_eq!(result["rule"], "phragmen");
}

#[test]
fn a_different_official_outcome_fails_and_bad_input_says_why() {
    let path = written("differs.pb", &election([1, 1, 0]));
    let differs = run(&[path.to_str().unwrap(), "--check"]);
    assert_eq!(differs.status.code(), Some(1));
    assert!(
        stdout(&differs).contains("DIFFERS: official also funds [\"B\"]; we also fund [\"C\"]")
    );

    let unknown = run(&[path.to_str().unwrap(), "--rule", "lottery"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("is not one of greedy"));
    let broken = written("broken.pb", "META\nkey;value\n");
    let failed = run(&[broken.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("section is missing"));
    assert_eq!(run(&[]).status.code(), Some(2), "no file: the usage");
}
