//! Row numbers as Excel and WPS show them for a CSV file: the header is row 1, each line end
//! (CRLF, LF or a lone CR) outside quotes starts the next row, a blank line is a row too, and a
//! line break inside a quoted cell does not. The csv crate's own line count differs from this
//! for cells holding line breaks, and staff look rows up by Excel's numbers. The loader names
//! the row and column of a character it removes with it; the validators the row of each record.

/// Excel's "Unicode text" export separates columns with tabs; a header line with tabs and no
/// commas is read that way.
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains('\t') && !header.contains(',') { b'\t' } else { b',' }
}

/// Where each row of a CSV text starts, to turn a record's byte offset into its row.
pub struct SheetRows {
    /// Byte offset of the first byte of each row; `starts[0] == 0`.
    starts: Vec<usize>,
    delimiter: u8,
}

/// What a byte of a CSV text ends, outside quotes.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    CellEnd,
    RowEnd,
    Other,
}

/// Calls `each` with the offset after each step and what it ended.
fn scan(bytes: &[u8], delimiter: u8, mut each: impl FnMut(usize, Step)) {
    let mut state = State::FieldStart;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let line_end = b == b'\n' || b == b'\r';
        let mut step = Step::Other;
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart, b'"') => State::Quoted,
            (_, _) if line_end => {
                if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                step = Step::RowEnd;
                State::FieldStart
            }
            (_, d) if d == delimiter => {
                step = Step::CellEnd;
                State::FieldStart
            }
            _ => State::Unquoted,
        };
        each(i, step);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: either the cell's end or the first of `""`.
    QuoteInQuoted,
}

impl SheetRows {
    /// Scans `text` as the csv crate reads it with `delimiter` (quotes open a cell only at its
    /// start; `""` inside quotes is one quote).
    pub fn new(text: &str, delimiter: u8) -> SheetRows {
        let mut starts = vec![0];
        scan(text.as_bytes(), delimiter, |i, step| {
            if step == Step::RowEnd {
                starts.push(i);
            }
        });
        SheetRows { starts, delimiter }
    }

    /// The row (1-based) and column (0-based) of the byte at `offset` of `text`.
    pub fn cell(&self, text: &str, offset: usize) -> (usize, usize) {
        let row = self.row(offset);
        let start = self.starts.get(row - 1).copied().unwrap_or(0);
        let mut column = 0;
        let line = text.as_bytes().get(start..offset).unwrap_or_default();
        scan(line, self.delimiter, |_, step| column += usize::from(step == Step::CellEnd));
        (row, column)
    }

    /// The row (1-based) that holds the byte at `offset`.
    pub fn row(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The row of a record or error position the csv crate reports. The csv crate's position
    /// can stand before the line ends (and blank lines) that precede the record, which belong
    /// to no record: the record starts at the first byte after them.
    pub fn of(&self, text: &str, position: Option<&csv::Position>) -> Option<usize> {
        let offset = position?.byte() as usize;
        let skipped = text.as_bytes().get(offset..)?.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        Some(self.row(offset + skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row of each record, as the csv crate reads the text.
    fn record_rows(text: &str) -> Vec<usize> {
        let rows = SheetRows::new(text, b',');
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        reader.records().map(|r| rows.of(text, r.expect("valid").position()).expect("has one")).collect()
    }

    #[test]
    fn every_line_end_counts_once() {
        assert_eq!(record_rows("a,b\n1,2\n3,4\n"), [1, 2, 3]);
        assert_eq!(record_rows("a,b\r\n1,2\r\n3,4\r\n"), [1, 2, 3]);
        assert_eq!(record_rows("a,b\r1,2\r3,4"), [1, 2, 3]);
        assert_eq!(record_rows("a,b\r\n1,2\n3,4\r5,6"), [1, 2, 3, 4]);
    }

    #[test]
    fn blank_lines_are_rows_and_quoted_breaks_are_not() {
        assert_eq!(record_rows("a,b\r\n\r\n1,2\r\n"), [1, 3]);
        assert_eq!(record_rows("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n"), [1, 2, 3]);
        assert_eq!(record_rows("a,b\n\"say \"\"hi\"\"\nthere\",2\n3,4\n"), [1, 2, 3]);
        // A quote in the middle of a cell is text, as the csv crate reads it.
        assert_eq!(record_rows("a,b\n5\"x,2\n3,4\n"), [1, 2, 3]);
    }

    #[test]
    fn a_byte_is_placed_in_its_row_and_column() {
        let text = "a,b,c\r\n1,\"x,\ny\",z\r3\t,4,\u{1}\n";
        let rows = SheetRows::new(text, b',');
        let at = |needle: &str| rows.cell(text, text.find(needle).expect("in the text"));
        assert_eq!(at("a"), (1, 0));
        assert_eq!(at("c"), (1, 2));
        assert_eq!(at("y"), (2, 1), "a line break in quotes stays in its cell");
        assert_eq!(at("z"), (2, 2));
        assert_eq!(at("\u{1}"), (3, 2), "a lone CR ends a row");
        assert_eq!(delimiter("序号\t名称\n"), b'\t');
        assert_eq!(delimiter("序号,名称\t\n"), b',');
    }
}
