//! Reading and writing pabulib `.pb` files: sections META, PROJECTS and VOTES, `;`-separated
//! with CSV quoting, UTF-8 with or without BOM, LF or CRLF. Every column is kept, so a file
//! read and written again says the same.

use std::collections::HashMap;

use crate::csv;
use crate::election::{Ballot, Election, VoteType, parse_amount};
use crate::fast_hash::FastHash;
use crate::table::Table;

/// A `.pb` file as text fields, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PbDocument {
    pub meta: Vec<(String, String)>,
    pub project_columns: Vec<String>,
    pub projects: Table,
    pub vote_columns: Vec<String>,
    pub votes: Table,
    /// The file line of each META entry, project and vote (0 for documents built in memory).
    pub lines: SourceLines,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceLines {
    pub meta: Vec<usize>,
    pub projects: Vec<usize>,
    pub votes: Vec<usize>,
}

fn line_of(lines: &[usize], index: usize) -> usize {
    lines.get(index).copied().unwrap_or(0)
}

/// What is wrong with a file, and on which line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PbError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PbError {}

fn error(line: usize, message: impl Into<String>) -> PbError {
    PbError {
        line,
        message: message.into(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Section {
    Meta,
    Projects,
    Votes,
}

fn section_title(fields: &csv::Fields) -> Option<Section> {
    if fields.len() > 2 || fields.iter().skip(1).any(|f| !f.trim().is_empty()) {
        return None;
    }
    let title = fields.get(0).trim();
    [
        ("META", Section::Meta),
        ("PROJECTS", Section::Projects),
        ("VOTES", Section::Votes),
    ]
    .into_iter()
    .find(|(name, _)| title.eq_ignore_ascii_case(name))
    .map(|(_, section)| section)
}

impl PbDocument {
    /// Parses the text of a `.pb` file: one pass over the lines as a small state machine
    /// (section headers, column lines, rows), which is why it is longer than most functions.
    pub fn parse(text: &str) -> Result<Self, PbError> {
        let mut reader = csv::Reader::new(text, ';');
        let mut document = PbDocument::default();
        let mut section: Option<Section> = None;
        let mut expecting_header = false;
        let mut seen = Vec::new();
        let mut fields = csv::Fields::default();
        while let Some(read) = reader.read_into(&mut fields) {
            let line = read.map_err(|e| error(e.line, e.problem.to_string()))?;
            if let Some(next) = section_title(&fields) {
                if seen.contains(&next) {
                    return Err(error(line, format!("section {next:?} appears twice")));
                }
                if section.is_some_and(|current| next < current) {
                    return Err(error(
                        line,
                        "sections must come in the order META, PROJECTS, VOTES",
                    ));
                }
                seen.push(next);
                section = Some(next);
                expecting_header = true;
                continue;
            }
            let Some(current) = section else {
                return Err(error(line, "the file must start with the META section"));
            };
            if expecting_header {
                expecting_header = false;
                let header: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
                match current {
                    Section::Meta => {
                        if header.first().map(String::as_str) != Some("key") {
                            return Err(error(line, "the META header must be key;value"));
                        }
                    }
                    Section::Projects => {
                        for required in ["project_id", "cost"] {
                            if !header.iter().any(|h| h == required) {
                                return Err(error(
                                    line,
                                    format!("the PROJECTS header has no {required} column"),
                                ));
                            }
                        }
                        document.projects = Table::new(header.len());
                        document.project_columns = header;
                    }
                    Section::Votes => {
                        for required in ["voter_id", "vote"] {
                            if !header.iter().any(|h| h == required) {
                                return Err(error(
                                    line,
                                    format!("the VOTES header has no {required} column"),
                                ));
                            }
                        }
                        document.votes = Table::new(header.len());
                        document.vote_columns = header;
                    }
                }
                continue;
            }
            match current {
                Section::Meta => {
                    let key = fields.get(0).trim();
                    if key.is_empty() {
                        return Err(error(line, "a META row needs a key"));
                    }
                    let value = fields.iter().skip(1).map(str::trim).collect::<Vec<_>>();
                    document.meta.push((key.to_string(), value.join(";")));
                    document.lines.meta.push(line);
                }
                Section::Projects => {
                    push_row(&mut document.projects, &fields, line)?;
                    document.lines.projects.push(line);
                }
                Section::Votes => {
                    push_row(&mut document.votes, &fields, line)?;
                    document.lines.votes.push(line);
                }
            }
        }
        for (needed, name) in [
            (Section::Meta, "META"),
            (Section::Projects, "PROJECTS"),
            (Section::Votes, "VOTES"),
        ] {
            if !seen.contains(&needed) {
                return Err(error(
                    reader.line(),
                    format!("the {name} section is missing"),
                ));
            }
        }
        Ok(document)
    }

    /// The file line of a META key (1 when absent, the META title's line).
    fn meta_line(&self, key: &str) -> usize {
        self.meta
            .iter()
            .position(|(k, _)| k == key)
            .map_or(1, |i| line_of(&self.lines.meta, i))
    }

    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub fn project_column(&self, name: &str) -> Option<usize> {
        self.project_columns.iter().position(|c| c == name)
    }

    pub fn vote_column(&self, name: &str) -> Option<usize> {
        self.vote_columns.iter().position(|c| c == name)
    }

    /// Builds the election; errors name the file line. One function walking the sections in
    /// file order, because each check names the line it found and the sections depend on each
    /// other (votes refer to projects).
    pub fn election(&self) -> Result<Election, PbError> {
        let vote_type_text = self
            .meta_value("vote_type")
            .ok_or_else(|| error(1, "META has no vote_type"))?;
        let vote_type = VoteType::parse(vote_type_text).ok_or_else(|| {
            error(
                self.meta_line("vote_type"),
                format!("unknown vote_type {vote_type_text:?}"),
            )
        })?;
        let budget = parse_amount(
            self.meta_value("budget")
                .ok_or_else(|| error(1, "META has no budget"))?,
        )
        .map_err(|m| error(self.meta_line("budget"), format!("budget: {m}")))?;
        let max_length =
            match self.meta_value("max_length") {
                Some(v) => Some(v.parse::<f64>().map_err(|_| {
                    error(self.meta_line("max_length"), "max_length is not a number")
                })? as usize),
                None => None,
            };
        let score_threshold = match self.meta_value("min_project_score_threshold") {
            Some(v) => Some(v.parse::<f64>().map_err(|_| {
                error(
                    self.meta_line("min_project_score_threshold"),
                    "min_project_score_threshold is not a number",
                )
            })? as i64),
            None => None,
        };
        let min_votes = match self.meta_value("min_votes") {
            Some(v) => Some(v.parse::<i64>().map_err(|_| {
                error(
                    self.meta_line("min_votes"),
                    "min_votes is not a whole number",
                )
            })?),
            None => None,
        };
        let id_at = self.project_column("project_id").unwrap_or(0);
        let cost_at = self.project_column("cost").unwrap_or(0);
        let mut projects = Vec::with_capacity(self.projects.len());
        for (row_index, row) in self.projects.rows().enumerate() {
            let row_number = line_of(&self.lines.projects, row_index);
            let id = row.get(id_at);
            if id.is_empty() {
                return Err(error(row_number, "a project has no project_id"));
            }
            let cost = parse_amount(row.get(cost_at))
                .map_err(|m| error(row_number, format!("project {id}: cost {m}")))?;
            projects.push(crate::election::Project {
                id: id.to_string(),
                cost,
            });
        }
        let mut index: HashMap<&str, u32, FastHash> =
            HashMap::with_capacity_and_hasher(projects.len(), FastHash);
        for (row_index, project) in projects.iter().enumerate() {
            if index
                .insert(project.id.as_str(), row_index as u32)
                .is_some()
            {
                return Err(error(
                    line_of(&self.lines.projects, row_index),
                    format!("project {} appears twice", project.id),
                ));
            }
        }
        let vote_at = self.vote_column("vote").unwrap_or(0);
        let voter_at = self.vote_column("voter_id").unwrap_or(0);
        let points_at = self.vote_column("points");
        if vote_type.has_points() && points_at.is_none() {
            return Err(error(
                1,
                format!("{} ballots need a points column", vote_type.as_str()),
            ));
        }
        let mut ballots = Vec::with_capacity(self.votes.len());
        for (row_index, row) in self.votes.rows().enumerate() {
            let row_number = line_of(&self.lines.votes, row_index);
            let mut named = Vec::with_capacity(row.get(vote_at).len() / 2 + 1);
            for id in row
                .get(vote_at)
                .split(',')
                .map(trim)
                .filter(|s| !s.is_empty())
            {
                let project = index.get(id).copied().ok_or_else(|| {
                    error(
                        row_number,
                        format!("voter {}: unknown project {id}", row.get(voter_at)),
                    )
                })?;
                named.push(project);
            }
            let mut points = Vec::new();
            if vote_type.has_points()
                && let Some(at) = points_at
            {
                for text in row.get(at).split(',').map(trim).filter(|s| !s.is_empty()) {
                    let value = text
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && v.fract() == 0.0 && *v >= 0.0)
                        .ok_or_else(|| {
                            error(
                                row_number,
                                format!(
                                    "voter {}: points {text:?} are not a whole number",
                                    row.get(voter_at)
                                ),
                            )
                        })?;
                    points.push(value as i64);
                }
                if points.len() != named.len() {
                    return Err(error(
                        row_number,
                        format!(
                            "voter {}: {} projects but {} points",
                            row.get(voter_at),
                            named.len(),
                            points.len()
                        ),
                    ));
                }
            }
            ballots.push(merge_repeats(named, points, vote_type.has_points()));
        }
        Ok(Election {
            vote_type,
            budget,
            projects,
            ballots,
            max_length,
            score_threshold,
            min_votes,
        })
    }

    /// The official outcome from the `selected` column (value 1), when the file has one.
    pub fn official_selection(&self) -> Option<Vec<String>> {
        let selected_at = self.project_column("selected")?;
        let id_at = self.project_column("project_id")?;
        Some(
            self.projects
                .rows()
                .filter(|row| row.get(selected_at).trim() == "1")
                .map(|row| row.get(id_at).to_string())
                .collect(),
        )
    }

    /// The file as text: LF line ends, `;` separators, quotes only where needed.
    pub fn write(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, fields: &mut dyn Iterator<Item = &str>| {
            for (index, field) in fields.enumerate() {
                if index > 0 {
                    out.push(';');
                }
                out.push_str(&quote(field));
            }
            out.push('\n');
        };
        out.push_str("META\nkey;value\n");
        for (key, value) in &self.meta {
            line(&mut out, &mut [key.as_str(), value.as_str()].into_iter());
        }
        out.push_str("PROJECTS\n");
        line(
            &mut out,
            &mut self.project_columns.iter().map(String::as_str),
        );
        for row in self.projects.rows() {
            line(&mut out, &mut row.cells());
        }
        out.push_str("VOTES\n");
        line(&mut out, &mut self.vote_columns.iter().map(String::as_str));
        for row in self.votes.rows() {
            line(&mut out, &mut row.cells());
        }
        out
    }
}

/// A project named twice on one ballot (it happens in real files) counts once; its points add
/// up, and in a ranking its first place counts.
fn merge_repeats(named: Vec<u32>, points: Vec<i64>, has_points: bool) -> Ballot {
    let repeats = named
        .iter()
        .enumerate()
        .any(|(position, project)| named[..position].contains(project));
    if !repeats {
        return Ballot {
            projects: named,
            points,
        };
    }
    let mut ballot = Ballot::default();
    for (position, project) in named.into_iter().enumerate() {
        match ballot.projects.iter().position(|&p| p == project) {
            Some(existing) if has_points => ballot.points[existing] += points[position],
            Some(_) => {}
            None => {
                ballot.projects.push(project);
                if has_points {
                    ballot.points.push(points[position]);
                }
            }
        }
    }
    ballot
}

/// Appends a record's trimmed fields as a row: missing trailing fields are empty, fields beyond
/// the header are an error unless empty.
fn push_row(table: &mut Table, fields: &csv::Fields, line: usize) -> Result<(), PbError> {
    let width = table.width();
    if fields.iter().skip(width).any(|f| !f.trim().is_empty()) {
        return Err(error(
            line,
            format!("{} fields where the header has {width}", fields.len()),
        ));
    }
    table.push_row(fields.iter().map(trim));
    Ok(())
}

/// `str::trim`, with a shortcut for the usual field that starts and ends with a visible ASCII
/// character (the full Unicode check took a tenth of the reading time).
fn trim(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

fn quote(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Reads a file from disk: document and election.
pub fn read_file(path: &std::path::Path) -> Result<(PbDocument, Election), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|e| format!("{}: not UTF-8 ({e})", path.display()))?;
    let document = PbDocument::parse(text).map_err(|e| format!("{}: {e}", path.display()))?;
    let election = document
        .election()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((document, election))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "\u{feff}META\r\nkey;value\r\ndescription;\"Test; with separator\"\r\nbudget;100\r\nvote_type;cumulative\r\nrule;greedy\r\nPROJECTS\r\nproject_id;cost;name;selected\r\n1;60;\"Park \"\"Noord\"\"\";1\r\n2;50;Bench;0\r\n3;40.5;Tree;1\r\nVOTES\r\nvoter_id;vote;points;age\r\n10;1,3;2,1;34\r\n11;\"2\";3;\r\n";

    #[test]
    fn reads_bom_crlf_quotes_and_points() {
        let document = PbDocument::parse(SMALL).unwrap();
        assert_eq!(
            document.meta_value("description"),
            Some("Test; with separator")
        );
        assert_eq!(document.projects.row(0).get(2), "Park \"Noord\"");
        let election = document.election().unwrap();
        assert_eq!(election.vote_type, VoteType::Cumulative);
        assert_eq!(election.budget, 10_000);
        assert_eq!(election.projects[2].cost, 4_050);
        assert_eq!(election.ballots[0].projects, vec![0, 2]);
        assert_eq!(election.ballots[0].points, vec![2, 1]);
        assert_eq!(
            document.official_selection(),
            Some(vec!["1".to_string(), "3".to_string()])
        );
    }

    #[test]
    fn writing_and_reading_again_gives_the_same_document() {
        let document = PbDocument::parse(SMALL).unwrap();
        let again = PbDocument::parse(&document.write()).unwrap();
        assert_eq!(document.meta, again.meta);
        assert_eq!(document.projects, again.projects);
        assert_eq!(document.votes, again.votes);
        assert_eq!(document.vote_columns, again.vote_columns);
    }

    #[test]
    fn errors_name_the_line() {
        let unknown = SMALL.replace("10;1,3;2,1;34", "10;1,9;2,1;34");
        let err = PbDocument::parse(&unknown).unwrap().election().unwrap_err();
        assert!(err.message.contains("unknown project 9"), "{err}");
        assert_eq!(err.line, 14);
        let bad_cost = SMALL.replace("2;50;Bench;0", "2;fifty;Bench;0");
        let err = PbDocument::parse(&bad_cost)
            .unwrap()
            .election()
            .unwrap_err();
        assert!(err.message.contains("cost"), "{err}");
        let no_votes = SMALL.split("VOTES").next().unwrap().to_string();
        assert!(
            PbDocument::parse(&no_votes)
                .unwrap_err()
                .message
                .contains("VOTES")
        );
        let repeated = SMALL.replace("10;1,3;2,1;34", "10;1,3,1;2,1,4;34");
        let election = PbDocument::parse(&repeated).unwrap().election().unwrap();
        assert_eq!(
            (
                election.ballots[0].projects.clone(),
                election.ballots[0].points.clone()
            ),
            (vec![0, 2], vec![6, 1])
        );
        let twice = SMALL.replace("3;40.5;Tree;1", "1;40.5;Tree;1");
        let err = PbDocument::parse(&twice).unwrap().election().unwrap_err();
        assert_eq!(
            (err.line, err.message.contains("project 1 appears twice")),
            (11, true),
            "{err}"
        );
        let unclosed = SMALL.replace("\"Park \"\"Noord\"\"\"", "\"Park");
        assert!(PbDocument::parse(&unclosed).is_err());
        let too_many = SMALL.replace("2;50;Bench;0", "2;50;Bench;0;extra");
        assert_eq!(PbDocument::parse(&too_many).unwrap_err().line, 10);
        let points_mismatch = SMALL.replace("10;1,3;2,1;34", "10;1,3;2;34");
        assert!(
            PbDocument::parse(&points_mismatch)
                .unwrap()
                .election()
                .is_err()
        );
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "META",
            "PROJECTS\nproject_id;cost\n",
            "META\nkey;value\nVOTES\nvoter_id;vote\n",
            "\"",
            ";;;\n;;",
        ] {
            let _ = PbDocument::parse(text).and_then(|d| d.election());
        }
    }
}
