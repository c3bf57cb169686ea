//! `wijkbudget tally`: recompute participatory budgets from pabulib files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::domain::locale::Locale;
use crate::service::rounds::explanation::{self, Measure};
use crate::tally::election::{Election, format_amount};
use crate::tally::explain::Why;
use crate::tally::files::{Check, pb_files};
use crate::tally::{self, Add1Stop, MesUtility, Options, Rule, TieBreak, pabulib};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TieBreakArg {
    /// Lower cost, then more votes, then the smaller project id.
    CostThenVotes,
    /// The smallest project id as text (as pabutools).
    Pabutools,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Add1StopArg {
    /// Keep raising the per-voter budget while the outcome fits (what cities ran).
    WhileFits,
    /// Stop at the first exhaustive outcome (pabutools and the Equal Shares web tool).
    FirstExhaustive,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum UtilityArg {
    /// Cost for approval ballots, the points or rank scores for the others.
    Natural,
    /// The project's cost for every ballot (pabutools' Cost_Sat).
    Cost,
    /// The points or rank score (1 for an approval).
    Points,
    /// 1 for every supported project.
    Cardinality,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct TallyArgs {
    /// `.pb` files, or folders whose `.pb` files are all read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// greedy, greedy-threshold, greedy-no-skip, equalshares, equalshares/add1,
    /// equalshares/add1-comparison, phragmen, or our extension
    /// wijkbudget:exact-equal-shares/add-opt [default: the file's own META rule]
    #[arg(long)]
    pub rule: Option<String>,
    /// How exact ties are broken.
    #[arg(long, value_enum, default_value = "cost-then-votes")]
    pub tie_break: TieBreakArg,
    /// When the Add1 completion stops.
    #[arg(long, value_enum, default_value = "while-fits")]
    pub add1_stop: Add1StopArg,
    /// What a funded project is worth to a supporter under Equal Shares.
    #[arg(long, value_enum, default_value = "natural")]
    pub utility: UtilityArg,
    /// After Equal Shares, fund what still fits by votes.
    #[arg(long)]
    pub fill_greedily: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Compare with the file's `selected` column and fail on any difference.
    #[arg(long)]
    pub check: bool,
    /// Say for every project why the rule funded it or not, with the numbers of the run.
    #[arg(long)]
    pub explain: bool,
    /// Also count the ballots with every other rule that fits them, side by side.
    #[arg(long)]
    pub compare: bool,
}

/// Why one project was or was not funded.
#[derive(Serialize)]
struct ProjectExplanation {
    project: String,
    funded: bool,
    why: Why,
    sentence: String,
}

/// Another rule's outcome on the same ballots.
#[derive(Serialize)]
struct RuleComparison {
    rule: String,
    selected: Vec<String>,
    total_cost: String,
    /// Ballots naming at least one funded project, as a share of all ballots.
    voters_with_a_funded_project: f64,
}

#[derive(Serialize)]
struct FileResult {
    file: String,
    rule: String,
    selected: Vec<String>,
    total_cost: String,
    budget: String,
    voters: usize,
    /// Time to read and check the file.
    read_seconds: f64,
    /// Time to compute the outcome.
    seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_voter_budget: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ending: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    explanations: Vec<ProjectExplanation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    comparison: Vec<RuleComparison>,
}

enum Verdict {
    Agrees,
    Differs,
    Skipped,
}

fn tally_file(
    path: &Path,
    args: &TallyArgs,
    options: &Options,
) -> Result<(FileResult, Verdict), String> {
    let started = Instant::now();
    let (document, election) = pabulib::read_file(path)?;
    let read_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let label = args
        .rule
        .clone()
        .or_else(|| document.meta_value("rule").map(str::to_string))
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(rule) = Rule::parse(&label) else {
        return Ok((
            FileResult {
                file: name,
                rule: label.clone(),
                selected: vec![],
                total_cost: String::new(),
                budget: format_amount(election.budget),
                voters: election.ballots.len(),
                read_seconds,
                seconds: 0.0,
                per_voter_budget: None,
                check: Some(format!("skipped: rule {label:?} is not supported")),
                ending: None,
                explanations: vec![],
                comparison: vec![],
            },
            Verdict::Skipped,
        ));
    };
    let explained =
        tally::explain(&election, rule, options).map_err(|e| format!("{}: {e}", path.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    let outcome = explained.outcome;
    let currency = document.meta_value("currency").unwrap_or("EUR");
    let ids: Vec<String> = outcome
        .selected
        .iter()
        .map(|&p| election.projects[p].id.clone())
        .collect();
    let (check, verdict) = if args.check {
        let check = Check::of(&document, &ids);
        let verdict = match check {
            Check::NoOfficial => Verdict::Skipped,
            Check::Agrees => Verdict::Agrees,
            Check::Differs { .. } => Verdict::Differs,
        };
        (Some(check.describe()), verdict)
    } else {
        (None, Verdict::Agrees)
    };
    Ok((
        FileResult {
            file: name,
            rule: rule.label().to_string(),
            selected: ids,
            total_cost: format_amount(outcome.total_cost),
            budget: format_amount(election.budget),
            voters: election.ballots.len(),
            read_seconds,
            seconds,
            per_voter_budget: outcome.per_voter_budget,
            check,
            ending: args
                .explain
                .then(|| explanation::ending(&explained.ending))
                .flatten()
                .map(|text| in_currency(text.to_string(), currency)),
            explanations: if args.explain {
                explanations(&election, explained.reasons, currency)
            } else {
                vec![]
            },
            comparison: if args.compare {
                compare(&election, rule, options)?
            } else {
                vec![]
            },
        },
        verdict,
    ))
}

/// The sentences write amounts in euros, as the platform's cities count; a file in another
/// currency gets its own code instead of the sign.
fn in_currency(sentence: String, currency: &str) -> String {
    match currency {
        "EUR" | "" => sentence,
        other => sentence.replace('€', &format!("{other} ")),
    }
}

fn explanations(election: &Election, reasons: Vec<Why>, currency: &str) -> Vec<ProjectExplanation> {
    let measure = Measure::of_vote_type(election.vote_type);
    election
        .projects
        .iter()
        .zip(reasons)
        .map(|(project, why)| ProjectExplanation {
            project: project.id.clone(),
            funded: why.funded(),
            sentence: in_currency(
                explanation::sentence(&why, measure).render(Locale::En),
                currency,
            ),
            why,
        })
        .collect()
}

/// The file's rule first, then every other rule that can count its ballots.
fn compare(
    election: &Election,
    own: Rule,
    options: &Options,
) -> Result<Vec<RuleComparison>, String> {
    let compared = tally::compare_rules(election, own, options).map_err(|e| e.to_string())?;
    Ok(compared
        .into_iter()
        .map(|c| RuleComparison {
            rule: c.rule.label().to_string(),
            selected: c
                .outcome
                .selected
                .iter()
                .map(|&p| election.projects[p].id.clone())
                .collect(),
            total_cost: format_amount(c.outcome.total_cost),
            voters_with_a_funded_project: c.voters_reached as f64
                / election.ballots.len().max(1) as f64,
        })
        .collect())
}

/// Runs the command; returns whether every file passed.
pub fn run(args: &TallyArgs) -> Result<bool, String> {
    let options = Options {
        tie_break: match args.tie_break {
            TieBreakArg::CostThenVotes => TieBreak::CostThenVotes,
            TieBreakArg::Pabutools => TieBreak::Pabutools,
        },
        add1_stop: match args.add1_stop {
            Add1StopArg::WhileFits => Add1Stop::WhileFits,
            Add1StopArg::FirstExhaustive => Add1Stop::FirstExhaustive,
        },
        utility: match args.utility {
            UtilityArg::Natural => MesUtility::Natural,
            UtilityArg::Cost => MesUtility::Cost,
            UtilityArg::Points => MesUtility::Points,
            UtilityArg::Cardinality => MesUtility::Cardinality,
        },
        fill_greedily: args.fill_greedily,
    };
    if let Some(rule) = &args.rule
        && Rule::parse(rule).is_none()
    {
        return Err(format!(
            "--rule {rule:?} is not one of {}",
            Rule::ALL.map(Rule::label).join(", ")
        ));
    }
    let files = pb_files(&args.paths)?;
    if files.is_empty() {
        return Err("no .pb files found".into());
    }
    let started = Instant::now();
    let (mut agree, mut differ, mut skipped, mut failed) = (0, 0, 0, 0);
    for file in &files {
        match tally_file(file, args, &options) {
            Ok((result, verdict)) => {
                match verdict {
                    Verdict::Agrees => agree += 1,
                    Verdict::Differs => differ += 1,
                    Verdict::Skipped => skipped += 1,
                }
                print_result(&result, args.format);
            }
            Err(message) => {
                failed += 1;
                match args.format {
                    Format::Json => emit(
                        &serde_json::json!({"file": file.display().to_string(), "error": message})
                            .to_string(),
                    ),
                    Format::Text => emit(&message),
                }
            }
        }
    }
    if files.len() > 1 || args.check {
        let seconds = started.elapsed().as_secs_f64();
        match args.format {
            Format::Json => emit(
                &serde_json::json!({"summary": {"files": files.len(), "agree": agree, "differ": differ, "skipped": skipped, "failed": failed, "seconds": seconds}})
                    .to_string(),
            ),
            Format::Text => emit(&format!(
                "{} files in {seconds:.2} s: {agree} {}, {differ} differ, {skipped} skipped, {failed} failed",
                files.len(),
                if args.check { "agree" } else { "computed" }
            )),
        }
    }
    Ok(differ == 0 && failed == 0)
}

fn print_result(result: &FileResult, format: Format) {
    match format {
        Format::Json => emit(&serde_json::to_string(result).unwrap_or_default()),
        Format::Text => {
            let mut line = format!(
                "{}: {} funds {} of {} ({} projects: {}) in {:.1} ms (+{:.1} ms reading)",
                result.file,
                result.rule,
                result.total_cost,
                result.budget,
                result.selected.len(),
                result.selected.join(","),
                result.seconds * 1000.0,
                result.read_seconds * 1000.0
            );
            if let Some(budget) = &result.per_voter_budget {
                line.push_str(&format!(", {budget} per voter"));
            }
            if let Some(check) = &result.check {
                line.push_str(&format!(" [{check}]"));
            }
            emit(&line);
            if let Some(ending) = &result.ending {
                emit(&format!("  {ending}"));
            }
            for project in &result.explanations {
                emit(&format!("  {}: {}", project.project, project.sentence));
            }
            for other in &result.comparison {
                emit(&format!(
                    "  {:<28} {:>3} projects, {:>14} of {}, {:.1}% of voters with a funded project",
                    other.rule,
                    other.selected.len(),
                    other.total_cost,
                    result.budget,
                    other.voters_with_a_funded_project * 100.0
                ));
            }
        }
    }
}

/// Prints a line; a closed pipe (`| head`) ends the output quietly instead of panicking.
fn emit(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}
