//! Decoding the bytes staff save: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
//! "Unicode text"), and GB18030/GBK (Excel's default CSV encoding in Chinese locales).

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The encoding a file turned out to be in; reported as a warning when it is not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

impl SourceEncoding {
    pub fn describe(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 BOM",
            SourceEncoding::Utf16 => "UTF-16",
            SourceEncoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// Lines (1-based) whose bytes decode in none of the accepted encodings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndecodableLines(pub Vec<usize>);

/// Decodes `bytes`, trying BOM, then UTF-8, then GB18030. Never replaces bytes silently.
pub fn decode(bytes: &[u8]) -> Result<(String, SourceEncoding), UndecodableLines> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return strict(rest, encoding_rs::UTF_8)
            .map(|s| (s, SourceEncoding::Utf8Bom))
            .ok_or_else(|| bad_lines(rest, encoding_rs::UTF_8));
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strict(rest, encoding).map(|s| (s, SourceEncoding::Utf16)).ok_or(UndecodableLines(vec![1]));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), SourceEncoding::Utf8));
    }
    strict(bytes, GB18030).map(|s| (s, SourceEncoding::Gb18030)).ok_or_else(|| mixed_bad_lines(bytes))
}

/// In a file that is neither all UTF-8 nor all GB18030, the lines to blame: those that are
/// neither; failing that (each line is one or the other), those that are not UTF-8.
fn mixed_bad_lines(bytes: &[u8]) -> UndecodableLines {
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let neither: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| std::str::from_utf8(l).is_err() && strict(l, GB18030).is_none())
        .map(|(i, _)| i + 1)
        .collect();
    if !neither.is_empty() {
        return UndecodableLines(neither);
    }
    UndecodableLines(
        lines.iter().enumerate().filter(|(_, l)| std::str::from_utf8(l).is_err()).map(|(i, _)| i + 1).collect(),
    )
}

fn strict(bytes: &[u8], encoding: &'static Encoding) -> Option<String> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

/// Finds the lines that fail to decode. Splitting on `\n` is safe for UTF-8 and GB18030:
/// neither uses the byte 0x0A inside a multi-byte character.
fn bad_lines(bytes: &[u8], encoding: &'static Encoding) -> UndecodableLines {
    let lines = bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, line)| strict(line, encoding).is_none())
        .map(|(i, _)| i + 1)
        .collect();
    UndecodableLines(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("保育师".as_bytes()), Ok(("保育师".into(), SourceEncoding::Utf8)));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "保育师".as_bytes()].concat();
        assert_eq!(decode(&with_bom), Ok(("保育师".into(), SourceEncoding::Utf8Bom)));
    }

    #[test]
    fn reads_gbk_as_excel_saves_it() {
        let (gbk, _, _) = GB18030.encode("序号,职业（工种）\n1,保育师\n");
        assert_eq!(decode(&gbk), Ok(("序号,职业（工种）\n1,保育师\n".into(), SourceEncoding::Gb18030)));
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("保育师".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes), Ok(("保育师".into(), SourceEncoding::Utf16)));
    }

    #[test]
    fn names_the_lines_that_decode_in_nothing() {
        // 0xFF is a lead byte in neither UTF-8 nor GB18030.
        let bytes = b"a,b\n1,ok\n2,\xFF\x20\n3,ok\n";
        assert_eq!(decode(bytes), Err(UndecodableLines(vec![3])));
        // UTF-8 Chinese on the other lines is not blamed for one bad byte.
        let bytes = [&b"a,b\n"[..], "1,保育师\n".as_bytes(), b"2,\xFF\n", "3,电工\n".as_bytes()].concat();
        assert_eq!(decode(&bytes), Err(UndecodableLines(vec![3])));
    }
}
