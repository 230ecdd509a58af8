//! How much of anything a file may ask for: sizes, counts and depths taken from a file are
//! checked against these before anything is allocated or recursed on, so that a crafted or
//! broken file ends in a message naming the file, the part and the limit, never in an abort.
//!
//! Each limit is far above what a real notice needs; the figures beside them are measured on
//! the shipped site, the generated 10,000-row site and the Word notices the import tests use.

const MIB: u64 = 1024 * 1024;

/// A text source of the site (table, notice, forms, config) as stored: the 10,000-row
/// table's CSV is 0.56 MB, so this holds a table a hundred times larger.
pub const TEXT_BYTES: u64 = 64 * MIB;

/// A file read whole that is not text: the Excel table, a Word notice to import, a file of
/// `static/`. A Word notice with its seal and letterhead as pictures is a few MB.
pub const FILE_BYTES: u64 = 256 * MIB;

/// One XML part of a Word or Excel file once inflated. The 10,000-row table's sheet is
/// 2.2 MB, a whole notice's `word/document.xml` 0.14 MB.
pub const PART_BYTES: u64 = 64 * MIB;

/// All the XML parts of one Word or Excel file together, inflated.
pub const ARCHIVE_BYTES: u64 = 256 * MIB;

/// Rows × columns of the sheet's used range: the 10,000-row table fills 60,000 cells; this
/// holds 100,000 rows of 50 columns.
pub const SHEET_CELLS: u64 = 5_000_000;

/// Strings a workbook's shared-string table may declare (`uniqueCount`): the 10,000-row
/// table has about 20,000.
pub const SHARED_STRINGS: u64 = 5_000_000;

/// Grid columns of a row of a Word table, and so a cell's `gridSpan`: Word itself makes at
/// most 63, the notice's summary table has 5.
pub const TABLE_COLUMNS: usize = 1_000;

/// Element nesting of a Word part: a text box in a table in a content control is about 30
/// levels deep.
pub const XML_DEPTH: usize = 256;

/// Nodes (elements, text) of a Word part, which the XML reader holds in memory: a whole
/// notice has about 40,000.
pub const XML_NODES: u32 = 2_000_000;

/// Open Markdown containers at once (quotes, lists and their items, paragraphs, emphasis,
/// links): a form's deepest is a list in a list with a bold word, 5.
pub const MARKDOWN_DEPTH: usize = 64;

/// Nested tables and arrays of front matter, `config.toml` and a release's record: the
/// deepest the site reads is 3 (`[[notice.contacts]]`: a table, an array, a table in it).
pub const FRONT_MATTER_DEPTH: usize = 32;

/// Messages shown for one file; the rest are counted in one line. A real table with a
/// systematic mistake (a column shifted) gives one message a row; fifty show the pattern.
pub const MESSAGES_PER_FILE: usize = 50;

/// Messages kept in memory for one file, of each severity, beyond those shown; the rest
/// only counted.
pub const MESSAGES_KEPT: usize = 1_000;

/// Characters of a value echoed in a message (a cell, a line), then `…`: a long occupation
/// name is 20.
pub const ECHO_CHARS: usize = 40;

/// Characters of one message, where a parser's own text echoes the input.
pub const MESSAGE_CHARS: usize = 1_000;

/// `bytes` in whole MB, as messages give a limit.
pub fn megabytes(bytes: u64) -> u64 {
    bytes / MIB
}

/// `text` as a message echoes it: at most [`ECHO_CHARS`] characters, then `…`.
pub fn excerpt(text: &str) -> String {
    cut(text, ECHO_CHARS)
}

/// `text` cut after `max` characters, with `…` where it was cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_values_are_cut_on_a_character_boundary() {
        assert_eq!(excerpt("保育师"), "保育师");
        let long = "职".repeat(ECHO_CHARS + 1);
        assert_eq!(excerpt(&long), format!("{}…", "职".repeat(ECHO_CHARS)));
        assert_eq!(excerpt(&"a".repeat(ECHO_CHARS)), "a".repeat(ECHO_CHARS));
        assert_eq!(megabytes(PART_BYTES), 64);
    }
}
