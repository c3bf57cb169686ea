//! A small, strict CSV reader: quoted fields, doubled quotes, line breaks inside quotes, any
//! single-byte separator. It reads pabulib files here and the city's uploads in the service.

/// One record with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The fields of one record in a single buffer, reused from record to record: reading a large
/// file this way allocates nothing per field.
#[derive(Debug, Default)]
pub struct Fields {
    text: String,
    ends: Vec<usize>,
}

impl Fields {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The field at `index` (empty past the end).
    pub fn get(&self, index: usize) -> &str {
        match self.ends.get(index) {
            Some(&end) => &self.text[if index == 0 { 0 } else { self.ends[index - 1] }..end],
            None => "",
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    fn end_field(&mut self) {
        self.ends.push(self.text.len());
    }
}

/// Why a record could not be read, at the line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub problem: CsvProblem,
}

/// The ways a CSV text can be malformed (front ends word them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvProblem {
    /// A field opens a quote that never closes.
    QuoteNotClosed,
}

impl std::fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsvProblem::QuoteNotClosed => f.write_str("a quoted field is not closed"),
        }
    }
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Reads records one by one. Empty lines are skipped; a BOM at the start is ignored.
pub struct Reader<'a> {
    text: &'a str,
    position: usize,
    line: usize,
    separator: char,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, separator: char) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            text,
            position: 0,
            line: 1,
            separator,
        }
    }

    /// The line the next record starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The unread rest of the text.
    pub fn rest(&self) -> &'a str {
        &self.text[self.position..]
    }

    /// Skips the rest of the current line and returns it without its line end.
    pub fn raw_line(&mut self) -> Option<&'a str> {
        if self.position >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.position..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.position += advance;
        self.line += 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    pub fn next_record(&mut self) -> Option<Result<Record, CsvError>> {
        let mut fields = Fields::default();
        self.read_into(&mut fields).map(|read| {
            read.map(|line| Record {
                line,
                fields: fields.iter().map(str::to_string).collect(),
            })
        })
    }

    /// Reads the next record into `fields` (replacing what was there) and returns the line it
    /// starts on.
    pub fn read_into(&mut self, fields: &mut Fields) -> Option<Result<usize, CsvError>> {
        loop {
            if self.position >= self.text.len() {
                return None;
            }
            let rest = &self.text[self.position..];
            if rest.starts_with('\n') || rest.starts_with("\r\n") {
                self.position += if rest.starts_with('\n') { 1 } else { 2 };
                self.line += 1;
                continue;
            }
            fields.clear();
            return Some(self.parse_record(fields));
        }
    }

    fn parse_record(&mut self, fields: &mut Fields) -> Result<usize, CsvError> {
        let start_line = self.line;
        let bytes = self.text.as_bytes();
        let separator = self.separator as u8;
        let mut i = self.position;
        let mut at_field_start = true;
        loop {
            if i >= bytes.len() {
                fields.end_field();
                self.position = i;
                return Ok(start_line);
            }
            let b = bytes[i];
            if at_field_start && b == b'"' {
                i += 1;
                let mut piece_start = i;
                loop {
                    match self.text[i..].find('"') {
                        None => {
                            return Err(CsvError {
                                line: start_line,
                                problem: CsvProblem::QuoteNotClosed,
                            });
                        }
                        Some(offset) => {
                            let quote = i + offset;
                            self.line += self.text[i..quote].matches('\n').count();
                            if bytes.get(quote + 1) == Some(&b'"') {
                                // A doubled quote is one quote character of the field.
                                fields.text.push_str(&self.text[piece_start..=quote]);
                                i = quote + 2;
                                piece_start = i;
                                continue;
                            }
                            fields.text.push_str(&self.text[piece_start..quote]);
                            i = quote + 1;
                            break;
                        }
                    }
                }
                // Text after the closing quote (`"Odkupmy" i my`) belongs to the same field,
                // as spreadsheet programs and Python's csv module read it.
                at_field_start = false;
                continue;
            }
            if b == separator {
                fields.end_field();
                at_field_start = true;
                i += 1;
                continue;
            }
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
                fields.end_field();
                i += if b == b'\n' { 1 } else { 2 };
                self.position = i;
                self.line += 1;
                return Ok(start_line);
            }
            let end = bytes[i..]
                .iter()
                .position(|&c| c == separator || c == b'\n' || c == b'\r')
                .map_or(bytes.len(), |o| i + o);
            let end = if end == i { i + 1 } else { end };
            fields.text.push_str(&self.text[i..end]);
            at_field_start = false;
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, sep: char) -> Vec<Vec<String>> {
        let mut reader = Reader::new(text, sep);
        let mut out = Vec::new();
        while let Some(record) = reader.next_record() {
            out.push(record.unwrap().fields);
        }
        out
    }

    #[test]
    fn reads_quotes_separators_and_line_breaks() {
        let rows = all("a;\"b;c\";\"say \"\"hi\"\"\"\r\n\n1;\"two\nlines\";3", ';');
        assert_eq!(rows[0], vec!["a", "b;c", "say \"hi\""]);
        assert_eq!(rows[1], vec!["1", "two\nlines", "3"]);
    }

    #[test]
    fn keeps_line_numbers_across_quoted_breaks() {
        let mut reader = Reader::new("\u{feff}h\n\"x\ny\"\nz\n", ',');
        assert_eq!(reader.next_record().unwrap().unwrap().line, 1);
        assert_eq!(reader.next_record().unwrap().unwrap().line, 2);
        assert_eq!(reader.next_record().unwrap().unwrap().line, 4);
    }

    #[test]
    fn text_after_a_closing_quote_stays_in_the_field() {
        assert_eq!(
            all("1;\"Odkupmy\" i my;3\n", ';'),
            vec![vec!["1", "Odkupmy i my", "3"]]
        );
    }

    #[test]
    fn an_unclosed_quote_is_an_error_with_its_line() {
        let mut reader = Reader::new("a\n\"open", ',');
        reader.next_record();
        assert_eq!(reader.next_record().unwrap().unwrap_err().line, 2);
    }

    #[test]
    fn a_reused_buffer_holds_only_the_latest_record() {
        let mut reader = Reader::new("a;\"b\"\"c\";d\n\ne\n", ';');
        let mut fields = Fields::default();
        assert_eq!(reader.read_into(&mut fields).unwrap().unwrap(), 1);
        assert_eq!(fields.iter().collect::<Vec<_>>(), vec!["a", "b\"c", "d"]);
        assert_eq!(reader.read_into(&mut fields).unwrap().unwrap(), 3);
        assert_eq!(fields.iter().collect::<Vec<_>>(), vec!["e"]);
        assert_eq!(fields.get(1), "");
        assert!(reader.read_into(&mut fields).is_none());
    }

    #[test]
    fn empty_fields_survive() {
        assert_eq!(all("a,,b,\n", ','), vec![vec!["a", "", "b", ""]]);
    }
}
