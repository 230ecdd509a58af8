//! Placeholders of the example site (（示例）, ××, example.gov.cn …) left in the config, the
//! content or the data: publishing them by mistake is the worst thing a bureau site can do.
//! Each is a warning naming file, line and value; `--strict` (and `release`) make them errors.

use crate::diagnostics::Diagnostics;
use crate::load::{Sources, TextFile};
use crate::msg;

/// Warns (or, when `strict`, errs) about every placeholder in the files a page is made from.
pub fn check(sources: &Sources, strict: bool, diags: &mut Diagnostics) {
    let mut files: Vec<&TextFile> =
        [&sources.config, &sources.occupations, &sources.categories, &sources.notice].into_iter().flatten().collect();
    files.extend(sources.forms.iter().chain(&sources.updates).map(|(_, f)| f));
    for file in files {
        let toml = file.path.ends_with(".toml");
        for (line, markers, text) in find(&file.text, toml) {
            let field = toml.then(|| text.split_once('=').map(|(key, _)| key.trim())).flatten();
            let key = if strict { "placeholders.found" } else { "placeholders.found_warning" };
            let message = msg!(key, markers = markers.join("、"), text = shorten(text));
            if strict {
                diags.error(&file.path, Some(line), field, message);
            } else {
                diags.warning(&file.path, Some(line), field, message);
            }
        }
    }
}

/// `(line, markers, the line's text)` of every line with a placeholder; in a TOML file,
/// comment lines are skipped (they may name the markers to explain them).
pub fn find(text: &str, toml: bool) -> Vec<(usize, Vec<&'static str>, &str)> {
    if !may_hold_markers(text) {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !(toml && line.starts_with('#')))
        .map(|(n, line)| (n, markers(line), line))
        .filter(|(_, markers, _)| !markers.is_empty())
        .collect()
}

/// Whether `text` holds the characters of some marker: one pass over a whole file, so a table
/// of thousands of lines without any is not read line by line (that was 60 M instructions at
/// 10,000 rows, a third of validation).
fn may_hold_markers(text: &str) -> bool {
    ["示例", "×", "○○", "XX", "xx", ZEROS].iter().any(|m| text.contains(m)) || {
        // Every example domain starts with `example.`; only ASCII letters lower-case to it.
        let bytes = text.as_bytes();
        memchr::memchr2_iter(b'e', b'E', bytes)
            .any(|at| bytes.get(at..at + 8).is_some_and(|w| w.eq_ignore_ascii_case(b"example.")))
    }
}

/// The number of an example phone (`010-00000000`): no subscriber number starts with seven
/// zeros (`0591-80000000` is a real one).
const ZEROS: &str = "0000000";

/// The placeholder markers in one line.
fn markers(line: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if line.starts_with("phone")
        && ["-", ")", "）", "\""].iter().any(|before| line.contains(&format!("{before}{ZEROS}")))
    {
        out.push("0000000");
    }
    if line.contains("（示例）") || line.contains("(示例)") {
        out.push("（示例）");
    }
    if line.contains("××") {
        out.push("××");
    } else if beside_han(line, "×") {
        // A single × stands for a digit or a character in 文号 such as ×人社函〔2026〕×号.
        out.push("×");
    }
    if line.contains("○○") {
        out.push("○○");
    }
    if beside_han(line, "XX") || beside_han(line, "xx") {
        out.push("XX");
    }
    let lower = line.to_lowercase();
    for domain in ["example.gov.cn", "example.com", "example.org", "example.net"] {
        if lower.contains(domain) {
            out.push(domain);
            break;
        }
    }
    out
}

/// Whether `needle` occurs right before or after a Han character or a bracket of a 文号
/// (`XX市`, `×人社函`, `〔2026〕×号`), which a multiplication sign or a word in Latin letters
/// never does.
fn beside_han(line: &str, needle: &str) -> bool {
    let near = |c: Option<char>| c.is_some_and(|c| is_han(c) || matches!(c, '〔' | '〕'));
    line.match_indices(needle)
        .any(|(at, _)| near(line[..at].chars().next_back()) || near(line[at + needle.len()..].chars().next()))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// A long line cut to what identifies it.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_markers_of_the_example_site() {
        let text = "# Values marked （示例） are placeholders\n\
                    authority = \"××市人力资源和社会保障局（示例）\"\n\
                    document_number = \"×人社函〔2026〕×号\"\n\
                    base_url = \"https://www.Example.gov.cn/\"\n\
                    name = \"XX区\"\n\
                    size = \"3×4 cm, XXL\"\n";
        let found: Vec<(usize, Vec<&str>)> = find(text, true).into_iter().map(|(l, m, _)| (l, m)).collect();
        assert_eq!(found, [(2, vec!["（示例）", "××"]), (3, vec!["×"]), (4, vec!["example.gov.cn"]), (5, vec!["XX"])]);
        assert_eq!(find("# 示例 （示例）", false).len(), 1, "outside TOML a # line is text");
        assert_eq!(find("url = \"https://EXAMPLE.org/x\"", true).len(), 1, "a domain in capitals");
        assert!(find("1,保育师,4-10-01-03,5、4、3,2\n2,茶艺师,4-03-02-07,5,1\n", false).is_empty());
        let phones = "phone = \"010-00000000\"\nphone = \"010-00000001转8001\"\nphone = \"0591-87654321\"\n\
                      phone = \"0591-80000000\"\n";
        let found: Vec<usize> = find(phones, true).into_iter().map(|(l, _, _)| l).collect();
        assert_eq!(found, [1, 2], "the example's phones, not a real one");
    }
}
