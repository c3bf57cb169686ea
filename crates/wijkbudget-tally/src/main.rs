//! `wijkbudget-tally`: count pabulib files with the engine alone, without the platform. The
//! platform's own `wijkbudget tally` does the same and also words every reason in English.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};
use wijkbudget_tally::election::{Election, format_amount};
use wijkbudget_tally::files::{Check, pb_files};
use wijkbudget_tally::{
    Add1Stop, MesUtility, Options, Rule, TieBreak, compare_rules, explain, pabulib,
};

const USAGE: &str = "Usage: wijkbudget-tally [OPTIONS] FILE_OR_FOLDER...

Counts each .pb file (every .pb file of a folder) by its own META rule or --rule.

Options:
  --rule LABEL            greedy, greedy-threshold, greedy-no-skip, equalshares,
                          equalshares/add1, equalshares/add1-comparison, phragmen,
                          wijkbudget:exact-equal-shares/add-opt
  --tie-break WAY         cost-then-votes (default) or pabutools
  --add1-stop WHEN        while-fits (default) or first-exhaustive
  --utility KIND          natural (default), cost, points or cardinality
  --fill-greedily         after Equal Shares, fund what still fits by votes
  --check                 compare with the file's selected column; exit 1 on a difference
  --explain               the reason for every project, from the run itself
  --compare               every other rule that fits the ballots, side by side
  --json                  one JSON object per file
  --help                  this text";

struct Args {
    paths: Vec<PathBuf>,
    rule: Option<Rule>,
    options: Options,
    check: bool,
    explain: bool,
    compare: bool,
    json: bool,
}

fn choice<T: Copy>(flag: &str, value: Option<String>, choices: &[(&str, T)]) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    choices
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, chosen)| *chosen)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
            format!("{flag} {value:?} is not one of {}", names.join(", "))
        })
}

fn parse(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        paths: vec![],
        rule: None,
        options: Options::default(),
        check: false,
        explain: false,
        compare: false,
        json: false,
    };
    while let Some(word) = words.next() {
        match word.as_str() {
            "--help" | "-h" => return Err(USAGE.to_string()),
            "--rule" => {
                let label = words.next().ok_or("--rule needs a value")?;
                let all: Vec<&str> = Rule::ALL.iter().map(|r| r.label()).collect();
                args.rule =
                    Some(Rule::parse(&label).ok_or_else(|| {
                        format!("--rule {label:?} is not one of {}", all.join(", "))
                    })?);
            }
            "--tie-break" => {
                args.options.tie_break = choice(
                    &word,
                    words.next(),
                    &[
                        ("cost-then-votes", TieBreak::CostThenVotes),
                        ("pabutools", TieBreak::Pabutools),
                    ],
                )?;
            }
            "--add1-stop" => {
                args.options.add1_stop = choice(
                    &word,
                    words.next(),
                    &[
                        ("while-fits", Add1Stop::WhileFits),
                        ("first-exhaustive", Add1Stop::FirstExhaustive),
                    ],
                )?;
            }
            "--utility" => {
                args.options.utility = choice(
                    &word,
                    words.next(),
                    &[
                        ("natural", MesUtility::Natural),
                        ("cost", MesUtility::Cost),
                        ("points", MesUtility::Points),
                        ("cardinality", MesUtility::Cardinality),
                    ],
                )?;
            }
            "--fill-greedily" => args.options.fill_greedily = true,
            "--check" => args.check = true,
            "--explain" => args.explain = true,
            "--compare" => args.compare = true,
            "--json" => args.json = true,
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"));
            }
            path => args.paths.push(PathBuf::from(path)),
        }
    }
    if args.paths.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(args)
}

fn ids(election: &Election, selected: &[usize]) -> Vec<String> {
    selected
        .iter()
        .map(|&p| election.projects[p].id.clone())
        .collect()
}

/// One file counted, as JSON; and its check, when asked for.
fn count(path: &std::path::Path, args: &Args) -> Result<(Value, Option<Check>), String> {
    let (document, election) = pabulib::read_file(path)?;
    let label = document.meta_value("rule").unwrap_or_default().to_string();
    let rule = args.rule.or_else(|| Rule::parse(&label)).ok_or_else(|| {
        format!(
            "{}: rule {label:?} is not supported; name one with --rule",
            path.display()
        )
    })?;
    let explained =
        explain(&election, rule, &args.options).map_err(|e| format!("{}: {e}", path.display()))?;
    let outcome = &explained.outcome;
    let selected = ids(&election, &outcome.selected);
    let check = args.check.then(|| Check::of(&document, &selected));
    let mut result = json!({
        "file": path.display().to_string(),
        "rule": rule.label(),
        "selected": selected,
        "total_cost": format_amount(outcome.total_cost),
        "budget": format_amount(election.budget),
        "voters": election.ballots.len(),
    });
    if let Some(budget) = &outcome.per_voter_budget {
        result["per_voter_budget"] = json!(budget);
    }
    if let Some(check) = &check {
        result["check"] = json!(check.describe());
    }
    if args.explain {
        result["ending"] = serde_json::to_value(&explained.ending).unwrap_or(Value::Null);
        result["explanations"] = election
            .projects
            .iter()
            .zip(&explained.reasons)
            .map(
                |(project, why)| json!({"project": project.id, "funded": why.funded(), "why": why}),
            )
            .collect();
    }
    if args.compare {
        let compared = compare_rules(&election, rule, &args.options).map_err(|e| e.to_string())?;
        result["comparison"] = compared
            .iter()
            .map(|c| {
                json!({
                    "rule": c.rule.label(),
                    "selected": ids(&election, &c.outcome.selected),
                    "total_cost": format_amount(c.outcome.total_cost),
                    "voters_with_a_funded_project":
                        c.voters_reached as f64 / election.ballots.len().max(1) as f64,
                })
            })
            .collect();
    }
    Ok((result, check))
}

/// The JSON of one file as the lines a person reads.
fn as_text(result: &Value) -> String {
    let text = |key: &str| result[key].as_str().unwrap_or_default().to_string();
    let selected: Vec<&str> = result["selected"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut lines = vec![format!(
        "{}: {} funds {} of {} ({} projects: {})",
        text("file"),
        text("rule"),
        text("total_cost"),
        text("budget"),
        selected.len(),
        selected.join(",")
    )];
    if let Some(budget) = result["per_voter_budget"].as_str() {
        lines[0].push_str(&format!(", {budget} per voter"));
    }
    if let Some(check) = result["check"].as_str() {
        lines[0].push_str(&format!(" [{check}]"));
    }
    if !result["ending"].is_null() && result.get("ending").is_some() {
        lines.push(format!("  ending: {}", result["ending"]));
    }
    for project in result["explanations"].as_array().into_iter().flatten() {
        lines.push(format!(
            "  {}: {}",
            project["project"].as_str().unwrap_or_default(),
            project["why"]
        ));
    }
    for other in result["comparison"].as_array().into_iter().flatten() {
        lines.push(format!(
            "  {:<40} {:>3} projects, {:>14}, {:.1}% of voters with a funded project",
            other["rule"].as_str().unwrap_or_default(),
            other["selected"].as_array().map_or(0, Vec::len),
            other["total_cost"].as_str().unwrap_or_default(),
            other["voters_with_a_funded_project"]
                .as_f64()
                .unwrap_or(0.0)
                * 100.0
        ));
    }
    lines.join("\n")
}

/// Prints a line; a closed pipe (`| head`) ends the output quietly instead of panicking.
fn emit(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let files = match pb_files(&args.paths) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) => {
            eprintln!("no .pb files found");
            return ExitCode::from(2);
        }
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut all_well = true;
    for file in &files {
        match count(file, &args) {
            Ok((result, check)) => {
                all_well &= !matches!(check, Some(Check::Differs { .. }));
                emit(&if args.json {
                    result.to_string()
                } else {
                    as_text(&result)
                });
            }
            Err(message) => {
                all_well = false;
                if args.json {
                    emit(
                        &json!({"file": file.display().to_string(), "error": message}).to_string(),
                    );
                } else {
                    eprintln!("{message}");
                }
            }
        }
    }
    if all_well {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
