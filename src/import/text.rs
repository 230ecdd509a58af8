//! Text rules shared by the notice and the forms: Markdown escaping, numbered headings,
//! underlined blanks, dates.

use super::docx::{Paragraph, Piece};

/// Longest paragraph still read as a heading: headings are short lines, body text is not.
const HEADING_CHARS: usize = 30;

/// The heading level (2 for `一、`, 3 for `（一）`) of a short paragraph that reads as one.
pub fn heading_level(p: &Paragraph) -> Option<u8> {
    let text = p.text();
    let text = text.trim();
    let short = !text.is_empty() && text.chars().count() <= HEADING_CHARS && !text.contains('\n');
    let open = !text.ends_with(['。', '；', '：', ':', ';', '，', ',']);
    if !short || !open || has_blank(p) {
        return None;
    }
    let marked = p.heading || p.keep_next || p.all_bold();
    match numbering(text) {
        Some(Numbering::Chapter) => Some(2),
        Some(Numbering::Section) if marked => Some(3),
        _ if p.heading => Some(2),
        _ => None,
    }
}

enum Numbering {
    /// `一、`, `2、`
    Chapter,
    /// `（一）`, `(1)`
    Section,
}

fn numbering(text: &str) -> Option<Numbering> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let digits = |s: &str| s.chars().take_while(|c| NUMERALS.contains(*c) || c.is_ascii_digit()).count();
    let n = digits(text);
    if n > 0 && text.chars().nth(n) == Some('、') {
        return Some(Numbering::Chapter);
    }
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let n = digits(rest);
    (n > 0 && matches!(rest.chars().nth(n), Some('）' | ')'))).then_some(Numbering::Section)
}

/// An underlined run of white space: room to write in.
pub fn is_blank_piece(piece: &Piece) -> bool {
    matches!(piece, Piece::Text { text, underline: true, .. } if !text.is_empty() && text.chars().all(char::is_whitespace))
}

fn has_blank(p: &Paragraph) -> bool {
    p.pieces.iter().any(is_blank_piece) || p.text().contains("____")
}

/// Escapes what Markdown would read as markup. Runs of four or more `_` stay: they are the
/// blanks of our form convention.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '_' {
            let run = chars[i..].iter().take_while(|c| **c == '_').count();
            if run >= 4 {
                out.extend(std::iter::repeat_n('_', run));
            } else {
                out.extend(std::iter::repeat_n("\\_", run));
            }
            i += run;
            continue;
        }
        if matches!(c, '\\' | '*' | '`' | '[' | ']' | '<' | '>' | '|' | '#' | '~') {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    // A line that starts like a list item or a heading rule is text here.
    let lead = out.chars().take_while(char::is_ascii_digit).count();
    if lead > 0 && matches!(out[lead..].chars().next(), Some('.' | ')')) {
        out.insert(lead, '\\');
    } else if matches!(out.chars().next(), Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    }
    out
}

/// `2026年3月1日` or `二〇二六年三月一日` → `2026-03-01`.
pub fn date(text: &str) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year = number(year, true)?;
    let (month, day) = (number(month, false)?, number(day, false)?);
    let valid = (1900..=2999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Arabic digits, or Chinese numerals: digit by digit for a year (二〇二六), as a number for
/// months and days (十二, 二十一).
fn number(text: &str, digit_by_digit: bool) -> Option<u32> {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).or((c == '零').then_some(0));
    if digit_by_digit {
        return text.chars().try_fold(0u32, |n, c| Some(n * 10 + digit(c)? as u32));
    }
    match text.split_once('十') {
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { digit(tens.chars().next()?)? as u32 };
            let ones = if ones.is_empty() { 0 } else { digit(ones.chars().next()?)? as u32 };
            Some(tens * 10 + ones)
        }
        None if text.chars().count() == 1 => digit(text.chars().next()?).map(|d| d as u32),
        None => None,
    }
}

/// `二`, `十二`: an attachment number written in Chinese numerals.
pub fn chinese_number(text: &str) -> Option<u32> {
    number(text, false).filter(|n| *n > 0)
}

/// A 文号 such as `福人社〔2026〕12号`, with `[]`, `()` or `（）` read as `〔〕`.
pub fn document_number(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > 30 || !text.ends_with('号') {
        return None;
    }
    let normal: String = text
        .chars()
        .map(|c| match c {
            '[' | '(' | '（' | '［' | '【' => '〔',
            ']' | ')' | '）' | '］' | '】' => '〕',
            c => c,
        })
        .collect();
    let (_, after) = normal.split_once('〔')?;
    let (year, number) = after.split_once('〕')?;
    let ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && number.len() > "号".len();
    ok.then_some(normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_digits_and_in_chinese_numerals() {
        assert_eq!(date("2026年3月1日").as_deref(), Some("2026-03-01"));
        assert_eq!(date("二〇二六年十二月二十一日").as_deref(), Some("2026-12-21"));
        assert_eq!(date("2026年13月1日"), None);
        assert_eq!(date("三月一日"), None);
    }

    #[test]
    fn document_numbers_get_their_brackets() {
        assert_eq!(document_number("福人社[2026]12号").as_deref(), Some("福人社〔2026〕12号"));
        assert_eq!(document_number("关于做好2026年工作的通知"), None);
    }

    #[test]
    fn markup_is_escaped_but_blanks_stay() {
        assert_eq!(escape("a*b* <br> 1. x ____ _"), "a\\*b\\* \\<br\\> 1. x ____ \\_");
        assert_eq!(escape("1. 材料"), "1\\. 材料");
    }
}
