//! `wijkbudget tally --explain --compare` on a small election whose numbers are checked by hand.

/// €100, four voters: A €60 (voters 1, 2), B €40 (voters 1, 3), C €50 (voters 3, 4).
const SMALL_CITY: &str = "META
key;value
description;A small city
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;equalshares
currency;EUR
PROJECTS
project_id;cost;name
A;60;Bomen
B;40;Banken
C;50;Fietsrekken
VOTES
voter_id;vote
1;A,B
2;A
3;B,C
4;C
";

#[test]
fn tally_explains_every_project_and_compares_every_rule_that_fits() {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), SMALL_CITY).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
        .args(["tally", "--explain", "--compare", "--format", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = String::from_utf8_lossy(&output.stdout);
    let result: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let sentence = |project: &str| {
        result["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["project"] == project)
            .map(|e| e["sentence"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        sentence("B"),
        "Funded in round 1 of Equal Shares: its 2 supporters paid at most €20.00 each, €40.00 \
         together."
    );
    assert_eq!(
        sentence("A"),
        "Not funded: from round 1 of Equal Shares on, its 2 supporters had €50.00 left \
         together, less than its cost of €60.00."
    );
    assert_eq!(
        sentence("C"),
        "Not funded: from round 2 of Equal Shares on, its 2 supporters had €30.00 left \
         together, less than its cost of €50.00."
    );
    let rules: Vec<&str> = result["comparison"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules[0], "equalshares", "the file's own rule first");
    assert_eq!(
        rules.len(),
        wijkbudget::tally::Rule::ALL.len(),
        "approval ballots fit every rule"
    );
    let greedy = &result["comparison"][1];
    assert_eq!(greedy["rule"], "greedy");
    assert_eq!(greedy["selected"], serde_json::json!(["B", "C"]));
    assert_eq!(greedy["voters_with_a_funded_project"], 0.75);
}
