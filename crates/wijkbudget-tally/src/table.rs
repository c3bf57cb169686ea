//! Rows of text cells kept in one buffer: a city-wide `.pb` file has hundreds of thousands of
//! cells, and one allocation per cell cost more time than reading them.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    width: usize,
    text: String,
    /// Where each cell ends in `text`, row after row.
    ends: Vec<usize>,
}

impl Table {
    /// An empty table whose rows have `width` cells.
    pub fn new(width: usize) -> Self {
        Self {
            width,
            ..Self::default()
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn len(&self) -> usize {
        self.ends.len().checked_div(self.width).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends a row; missing cells at its end are empty, cells beyond the width are dropped.
    pub fn push_row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        let row_end = self.ends.len() + self.width;
        for cell in cells.into_iter().take(self.width) {
            self.text.push_str(cell);
            self.ends.push(self.text.len());
        }
        self.ends.resize(row_end, self.text.len());
    }

    pub fn row(&self, index: usize) -> Row<'_> {
        assert!(index < self.len(), "row {index} of {}", self.len());
        Row { table: self, index }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).map(|index| Row { table: self, index })
    }
}

#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    index: usize,
}

impl<'a> Row<'a> {
    /// The cell in `column`; panics past the table's width, as indexing a slice does.
    pub fn get(&self, column: usize) -> &'a str {
        assert!(
            column < self.table.width,
            "column {column} of {}",
            self.table.width
        );
        let at = self.index * self.table.width + column;
        let start = if at == 0 { 0 } else { self.table.ends[at - 1] };
        &self.table.text[start..self.table.ends[at]]
    }

    pub fn cells(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let row = *self;
        (0..self.table.width).map(move |column| row.get(column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_padded_cut_and_read_back() {
        let mut table = Table::new(3);
        table.push_row(["a", "", "c"]);
        table.push_row(["d"]);
        table.push_row(["e", "f", "g", "dropped"]);
        assert_eq!(table.len(), 3);
        let rows: Vec<Vec<&str>> = table.rows().map(|r| r.cells().collect()).collect();
        assert_eq!(
            rows,
            vec![vec!["a", "", "c"], vec!["d", "", ""], vec!["e", "f", "g"]]
        );
        assert_eq!(table.row(2).get(1), "f");
    }
}
