//! CSV for the service: uploads as the importers read them (over the engine's strict reader)
//! and the writer's cell escaping, including the guard against formula injection in
//! spreadsheets.

use crate::i18n::Text;
pub use crate::tally::csv::{CsvError, CsvProblem, Fields, Reader, Record};

/// What is wrong with a record, for people.
pub fn problem(error: &CsvError) -> Text {
    match error.problem {
        CsvProblem::QuoteNotClosed => t!("quote-not-closed"),
    }
}

/// An uploaded CSV file as the importers read it: `;`-separated when its first line holds a
/// `;`, else `,`; the header trimmed and in lower case; then the records.
pub struct Upload<'a> {
    pub header: Vec<String>,
    records: Reader<'a>,
}

impl<'a> Upload<'a> {
    /// `None` for a file without any line.
    pub fn open(text: &'a str) -> Option<Result<Self, CsvError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first_line = text.lines().next().unwrap_or("");
        let separator = if first_line.contains(';') { ';' } else { ',' };
        let mut records = Reader::new(text, separator);
        records.next_record().map(|header| {
            header.map(|h| Self {
                header: h.fields.iter().map(|f| f.trim().to_lowercase()).collect(),
                records,
            })
        })
    }

    /// Where the column of this (lower-case) name is.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    pub fn next_record(&mut self) -> Option<Result<Record, CsvError>> {
        self.records.next_record()
    }
}

/// Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return) get a leading `'`.
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One cell for a CSV file: formula-neutralised, quoted when needed.
pub fn cell(value: &str, separator: char) -> String {
    let value = neutralise_formula(value);
    if value.contains(separator)
        || value.contains('"')
        || value.contains('\n')
        || value.contains('\r')
    {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A numeric cell: written as is (a negative amount is a number, not a formula).
pub fn number_cell(value: i64) -> String {
    value.to_string()
}

/// Joins cells into one line ending in `\n`.
pub fn line(cells: &[String], separator: char) -> String {
    let mut out = cells.join(&separator.to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for dangerous in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(
                cell(dangerous, ',')
                    .trim_start_matches('"')
                    .starts_with('\''),
                "{dangerous:?}"
            );
        }
        assert_eq!(cell("Park, new", ','), "\"Park, new\"");
        assert_eq!(cell("plain", ','), "plain");
    }
}
