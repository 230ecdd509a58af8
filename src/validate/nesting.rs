//! How deep a TOML or YAML text nests, found by a light scan before a parser reads it. The
//! parsers stop at a depth of their own (toml at about 80, serde_norway at 128), but the YAML
//! parser first reads every level: a hundred thousand nested mappings take it half a minute.
//! So a text nested deeper than [`limits::FRONT_MATTER_DEPTH`] is refused here, at the line
//! where it gets too deep, and the parsers only ever see shallow text.
//!
//! The scans tell strings, comments and plain text from structure as the parsers do, so that
//! a bracket in a title counts for nothing; where they cannot tell, they count a level more.

use crate::limits;

/// The line (from 1) where `text`, read as TOML, nests deeper than the limit: a level for
/// each open array and inline table, each part of a dotted key and of a table's header.
pub fn toml_too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut line = 1;
    // Open arrays (`[`) and inline tables (`{`), each with the levels of its key.
    let mut open: Vec<(u8, usize)> = Vec::new();
    // The levels of the last table header, those of the key being read, of the key whose
    // value is being read, and whether a key is being read.
    let (mut table, mut key, mut value_key, mut in_key) = (0, 0, 0, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        match b {
            b'\n' => {
                line += 1;
                if open.is_empty() {
                    (key, value_key, in_key) = (0, 0, true);
                }
            }
            b'#' => i = skip_to_line_end(bytes, i),
            b'"' | b'\'' => {
                let fence = if bytes[i..].starts_with(&[b, b]) { 3 } else { 1 };
                i = toml_string_end(bytes, i + fence - 1, b, fence, &mut line);
            }
            // A table header: its levels hold for the keys below it.
            b'[' if open.is_empty() && in_key => {
                let array = bytes.get(i) == Some(&b'[');
                let end = skip_to_line_end(bytes, i);
                let header = &bytes[i..end];
                let parts = 1 + header.iter().filter(|&&c| c == b'.').count();
                table = parts + usize::from(array);
                if table > limits::FRONT_MATTER_DEPTH {
                    return Some(line);
                }
                i = end;
            }
            b'[' | b'{' => {
                open.push((b, value_key));
                (key, value_key, in_key) = (0, 0, b == b'{');
            }
            b']' | b'}' => {
                open.pop();
                in_key = false;
            }
            b'=' => (value_key, key, in_key) = (key, 0, false),
            b',' => (key, value_key, in_key) = (0, 0, open.last().is_some_and(|(kind, _)| *kind == b'{')),
            b'.' if in_key => key += 1,
            _ => {}
        }
        let keys: usize = open.iter().map(|(_, levels)| levels).sum();
        if table + open.len() + keys + key > limits::FRONT_MATTER_DEPTH {
            return Some(line);
        }
    }
    None
}

/// The index after a TOML string that opened before `i` with `fence` quotes `quote`.
fn toml_string_end(bytes: &[u8], mut i: usize, quote: u8, fence: usize, line: &mut usize) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        match b {
            b'\\' if quote == b'"' => i += 1,
            b'\n' if fence == 3 => *line += 1,
            // A line end ends a one-line string, broken or not: the parser says so.
            b'\n' => return i - 1,
            _ if b == quote && (fence == 1 || bytes[i - 1..].starts_with(&[quote; 3])) => {
                return if fence == 1 { i } else { i + 2 };
            }
            _ => {}
        }
    }
    i
}

fn skip_to_line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| i + p)
}

/// The line (from 1) where `text`, read as YAML, nests deeper than the limit: block levels by
/// indentation and by `- ` or `? ` on one line, flow levels by `[` and `{` where a node starts.
pub fn yaml_too_deep(text: &str) -> Option<usize> {
    let mut scan = Yaml::default();
    for (n, line) in text.split('\n').enumerate() {
        if scan.line(line.trim_end_matches('\r')) > limits::FRONT_MATTER_DEPTH {
            return Some(n + 1);
        }
    }
    None
}

#[derive(Default)]
struct Yaml {
    /// Indentation of each open block level.
    indents: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// Inside a block scalar (`|`, `>`): the indentation its content is deeper than.
    block_scalar: Option<usize>,
}

impl Yaml {
    /// Reads one line; the depth reached on it. A quoted scalar is taken to end with its line:
    /// the lines after are read for structure, so that text the parser reads as structure
    /// is never passed over as quoted.
    fn line(&mut self, line: &str) -> usize {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = indent == bytes.len() || bytes[indent] == b'#';
        if let Some(parent) = self.block_scalar {
            if blank || indent > parent {
                return 0;
            }
            self.block_scalar = None;
        }
        if blank {
            return 0;
        }
        if self.flow == 0 {
            while self.indents.last().is_some_and(|&i| i >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
        }
        let mut deepest = self.indents.len() + self.flow;
        let mut node_start = true;
        let mut i = indent;
        while i < bytes.len() {
            let b = bytes[i];
            let next_blank = bytes.get(i + 1).is_none_or(|&n| n == b' ');
            match b {
                b' ' => {}
                b'#' if i == 0 || bytes[i - 1] == b' ' => break,
                b'-' | b'?' if node_start && next_blank && self.flow == 0 => self.indents.push(i + 1),
                b':' if next_blank || self.flow > 0 => node_start = true,
                b'[' | b'{' if node_start || self.flow > 0 => {
                    self.flow += 1;
                    node_start = true;
                }
                b']' | b'}' if self.flow > 0 => self.flow -= 1,
                b',' if self.flow > 0 => node_start = true,
                b'"' | b'\'' if node_start => {
                    i = quoted_end(bytes, i + 1, b);
                    node_start = false;
                    continue;
                }
                b'|' | b'>' if node_start && self.flow == 0 => {
                    self.block_scalar = Some(indent);
                    break;
                }
                // An anchor or a tag: the node starts after it.
                b'&' | b'!' if node_start => i = skip_token(bytes, i),
                _ if node_start => {
                    node_start = false;
                    i = plain_end(bytes, i, self.flow > 0);
                    continue;
                }
                _ => {}
            }
            i += 1;
            deepest = deepest.max(self.indents.len() + self.flow);
        }
        deepest
    }
}

/// The index after the closing quote of a quoted scalar, or the line's end.
fn quoted_end(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index where a plain scalar ends: before `: `, ` #`, and in a flow before `,[]{}`.
fn plain_end(bytes: &[u8], mut i: usize, flow: bool) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        let next_blank = bytes.get(i + 1).is_none_or(|&n| n == b' ');
        if (b == b':' && (next_blank || flow)) || (b == b'#' && i > 0 && bytes[i - 1] == b' ') {
            return i;
        }
        if flow && matches!(b, b',' | b'[' | b']' | b'{' | b'}') {
            return i;
        }
        i += 1;
    }
    i
}

/// The index of the space after a token (an anchor, a tag).
fn skip_token(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().position(|&b| b == b' ').map_or(bytes.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOO_DEEP: usize = limits::FRONT_MATTER_DEPTH + 1;

    #[test]
    fn real_front_matter_and_config_are_shallow() {
        let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml")).expect("config");
        assert_eq!(toml_too_deep(&config), None);
        assert_eq!(toml_too_deep("title = \"[[[[{{{{附件]\"\nattachment = 2 # [[[[\n"), None);
        assert_eq!(toml_too_deep(&"a = '''\n[[[[\n'''\n".repeat(TOO_DEEP)), None);
        assert_eq!(toml_too_deep("version = 1.5\nwhen = 2026-03-01T10:00:00.5\n"), None);
        assert_eq!(yaml_too_deep("title: 关于[一] {通知} 'x\nattachment: 2\nsubtitle: \"a [b\"\n"), None);
        assert_eq!(yaml_too_deep("text: |\n  [[[[[[[[\n     [[[[[[[\n            {{{{{{\nnext: 1\n"), None);
        assert_eq!(yaml_too_deep("list:\n  - a\n  - [b, c]\n  - {d: e}\n"), None);
    }

    #[test]
    fn deep_toml_is_found_at_its_line() {
        let arrays = format!("a = 1\nb = {}{}\n", "[".repeat(TOO_DEEP), "]".repeat(TOO_DEEP));
        assert_eq!(toml_too_deep(&arrays), Some(2));
        let tables = format!("x = 1\n\na = {}1{}\n", "{a = ".repeat(TOO_DEEP), "}".repeat(TOO_DEEP));
        assert_eq!(toml_too_deep(&tables), Some(3));
        let dotted = format!("a{} = 1\n", ".a".repeat(TOO_DEEP));
        assert_eq!(toml_too_deep(&dotted), Some(1));
        let header = format!("[a{}]\n", ".a".repeat(TOO_DEEP));
        assert_eq!(toml_too_deep(&header), Some(1));
        let split = format!("a = [\n{}\n]\n", "[\n".repeat(TOO_DEEP));
        assert!(toml_too_deep(&split).is_some());
    }

    #[test]
    fn deep_yaml_is_found_at_its_line() {
        let mappings: String = (0..TOO_DEEP).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(yaml_too_deep(&mappings), Some(TOO_DEEP));
        let flow = format!("title: x\na: {}{}\n", "[".repeat(TOO_DEEP), "]".repeat(TOO_DEEP));
        assert_eq!(yaml_too_deep(&flow), Some(2));
        let compact = format!("{}x\n", "- ".repeat(TOO_DEEP));
        assert_eq!(yaml_too_deep(&compact), Some(1));
        let anchored = format!("a: &x !!seq {}\n", "[".repeat(TOO_DEEP));
        assert_eq!(yaml_too_deep(&anchored), Some(1));
        let nested_flow = format!("a: {}\n", "{b: ".repeat(TOO_DEEP));
        assert_eq!(yaml_too_deep(&nested_flow), Some(1));
    }
}
