//! Reading a file against computing each rule on it, side by side in one run, as ratios to
//! greedy (the cost of reading plus one pass). `cargo bench -p wijkbudget-tally`; files from
//! `PABULIB_DIR` or `../shared/pabulib`, default Warszawa 2026 and Białołęka 2025, or the files
//! named on the command line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use wijkbudget_tally::{self as tally, Add1Stop, Options, Rule, pabulib};

const DEFAULT_FILES: &[&str] = &[
    "Poland_Warszawa_2026.pb",
    "Poland_Warszawa_2025_Bialoleka.pb",
];
const REPEATS: usize = 5;

fn pabulib_dir() -> PathBuf {
    std::env::var("PABULIB_DIR").map_or_else(
        |_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pabulib"),
        PathBuf::from,
    )
}

/// The median of `REPEATS` runs of reading the file and computing the rule.
fn median_time(path: &std::path::Path, rule: Option<Rule>, options: &Options) -> Duration {
    let mut times: Vec<Duration> = (0..REPEATS)
        .map(|_| {
            let started = Instant::now();
            let (_, election) = pabulib::read_file(path).unwrap();
            if let Some(rule) = rule {
                std::hint::black_box(tally::compute(&election, rule, options).unwrap());
            }
            started.elapsed()
        })
        .collect();
    times.sort();
    times[REPEATS / 2]
}

fn main() {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.ends_with(".pb"))
        .collect();
    let files: Vec<String> = if named.is_empty() {
        DEFAULT_FILES.iter().map(|f| f.to_string()).collect()
    } else {
        named
    };
    let dir = pabulib_dir();
    let first_exhaustive = Options {
        add1_stop: Add1Stop::FirstExhaustive,
        ..Options::default()
    };
    let rows: [(&str, Option<Rule>, Options); 7] = [
        ("read only", None, Options::default()),
        ("greedy", Some(Rule::Greedy), Options::default()),
        ("equalshares", Some(Rule::EqualShares), Options::default()),
        (
            "equalshares/add1",
            Some(Rule::EqualSharesAdd1),
            Options::default(),
        ),
        (
            "equalshares/add1 (first exhaustive)",
            Some(Rule::EqualSharesAdd1),
            first_exhaustive,
        ),
        ("phragmen", Some(Rule::Phragmen), Options::default()),
        (
            "exact equal shares/add-opt",
            Some(Rule::ExactEqualSharesAddOpt),
            Options::default(),
        ),
    ];
    for file in files {
        let path = dir.join(&file);
        if !path.exists() {
            println!(
                "{file}: not found in {} (set PABULIB_DIR); skipped",
                dir.display()
            );
            continue;
        }
        println!("{file} (median of {REPEATS}, reading included)");
        let greedy = median_time(&path, Some(Rule::Greedy), &Options::default());
        for (name, rule, options) in &rows {
            let time = median_time(&path, *rule, options);
            let ratio = time.as_secs_f64() / greedy.as_secs_f64();
            println!(
                "  {name:<38} {:>9.4} s  {ratio:>6.2}× greedy",
                time.as_secs_f64()
            );
        }
    }
}
