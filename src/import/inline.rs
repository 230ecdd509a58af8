//! A Word paragraph as one line of Markdown: bold as `**`, underlined white space as a blank
//! (`____`), line breaks as `<br>` in a table cell or a hard break in text.

use super::docx::{Paragraph, Piece};
use super::text::{escape, is_blank_piece};

/// Where the line goes, which decides how a line break is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Text,
    Cell,
    /// A heading: plain text, no bold markers, breaks as spaces.
    Heading,
}

/// The paragraph as Markdown; leading and trailing white space (Word's indents typed as
/// spaces) dropped.
pub fn markdown(p: &Paragraph, place: Place) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < p.pieces.len() {
        let piece = &p.pieces[i];
        if is_blank_piece(piece) {
            // Adjacent underlined spaces are one blank, about two spaces to an underscore
            // (linxuan's own Word files write each `_` as two spaces).
            let mut width = 0;
            while let Some(Piece::Text { text, .. }) = p.pieces.get(i).filter(|p| is_blank_piece(p)) {
                width += text.chars().count();
                i += 1;
            }
            out.push_str(&"_".repeat((width / 2).max(4)));
            continue;
        }
        match piece {
            Piece::Break => out.push_str(match place {
                Place::Text => "\\\n",
                Place::Cell => "<br>",
                Place::Heading => " ",
            }),
            Piece::Text { text, bold, .. } => {
                let (lead, core, trail) = split_space(text);
                out.push_str(lead);
                if *bold && place != Place::Heading && !core.is_empty() {
                    out.push_str("**");
                    out.push_str(&escape(core));
                    out.push_str("**");
                } else {
                    out.push_str(&escape(core));
                }
                out.push_str(trail);
            }
        }
        i += 1;
    }
    let out = out.replace("****", "");
    flank(out.trim_matches(|c: char| c.is_whitespace()))
}

/// `line` with each bold run's edge punctuation moved outside its `**` where CommonMark would
/// not read the `**` as emphasis. Chinese puts no space between words, and a `**` with
/// punctuation on its inner side and a letter on its outer side is left as two asterisks
/// (`**（一）申报条件。**申报…`). With the punctuation outside, the letter-side `**` touches
/// a letter inside and punctuation outside, which CommonMark reads: `**（一）申报条件**。申报…`.
fn flank(line: &str) -> String {
    // Units: a character, or `\` and the character it escapes; `**` outside escapes is ours.
    let chars: Vec<char> = line.chars().collect();
    let mut units: Vec<String> = Vec::new();
    let mut markers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && i + 1 < chars.len() {
            units.push(chars[i..=i + 1].iter().collect());
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'*') {
            markers.push(units.len());
            units.push("**".into());
            i += 2;
        } else {
            units.push(chars[i].to_string());
            i += 1;
        }
    }
    let class = |unit: Option<&String>| match unit.and_then(|u| u.chars().last()) {
        None => Class::Edge,
        Some(c) if c.is_whitespace() => Class::Edge,
        Some(c) if is_punctuation(c) => Class::Punctuation,
        Some(_) => Class::Other,
    };
    for pair in markers.chunks_exact(2).rev() {
        let (open, close) = (pair[0], pair[1]);
        // The closer: after inner punctuation, it needs an edge or punctuation after it.
        let mut close = close;
        if close > open + 1
            && class(units.get(close - 1)) == Class::Punctuation
            && class(units.get(close + 1)) == Class::Other
        {
            units.swap(close - 1, close);
            close -= 1;
        }
        // The opener: before inner punctuation, it needs an edge or punctuation before it.
        if close > open + 1
            && class(units.get(open + 1)) == Class::Punctuation
            && class(open.checked_sub(1).and_then(|k| units.get(k))) == Class::Other
        {
            units.swap(open, open + 1);
        }
    }
    units.concat().replace("****", "")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// White space, or the start or end of the line.
    Edge,
    Punctuation,
    Other,
}

/// ASCII punctuation and the punctuation of Chinese text (general punctuation, CJK symbols and
/// punctuation, full-width forms), as CommonMark counts them for emphasis.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A1..=0x00BF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3001..=0x303F | 0xFE10..=0xFE19
            | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// `(leading white space, the rest, trailing white space)`: Markdown's `**` must touch text.
fn split_space(text: &str) -> (&str, &str, &str) {
    let core = text.trim_matches(char::is_whitespace);
    let start = text.len() - text.trim_start_matches(char::is_whitespace).len();
    (&text[..start], core, &text[start + core.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, underline: bool) -> Piece {
        Piece::Text { text: t.into(), bold, underline }
    }

    #[test]
    fn bold_blanks_and_breaks() {
        let p = Paragraph {
            pieces: vec![
                text("　　签名：", false, false),
                text("\u{a0}\u{a0}\u{a0}\u{a0}", false, true),
                text("\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}", false, true),
                text(" 重要 ", true, false),
                Piece::Break,
                text("下行", false, false),
            ],
            ..Paragraph::default()
        };
        assert_eq!(markdown(&p, Place::Text), "签名：_____ **重要** \\\n下行");
        assert_eq!(markdown(&p, Place::Cell), "签名：_____ **重要** <br>下行");
    }

    /// The `<strong>` texts pulldown-cmark reads in `line`, and whether any `*` is left as text.
    fn read(line: &str) -> (Vec<String>, bool) {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let (mut strong, mut inside, mut stray) = (Vec::new(), None::<String>, false);
        for event in Parser::new(line) {
            match event {
                Event::Start(Tag::Strong) => inside = Some(String::new()),
                Event::End(TagEnd::Strong) => strong.extend(inside.take()),
                Event::Text(t) => {
                    stray |= t.contains('*');
                    if let Some(s) = inside.as_mut() {
                        s.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        (strong, stray)
    }

    #[test]
    fn bold_with_punctuation_at_its_edges_stays_bold_beside_chinese_letters() {
        let cases = [
            (
                vec![("（一）申报条件。", true), ("申报单位应具备评价能力。", false)],
                "**（一）申报条件**。申报单位应具备评价能力。",
                "（一）申报条件",
            ),
            (vec![("详见", false), ("（附件2）", true), ("。", false)], "详见（**附件2）**。", "附件2）"),
            (vec![("请", false), ("“按时”", true), ("报送", false)], "请“**按时**”报送", "按时"),
            (vec![("重要", true), ("：", false)], "**重要**：", "重要"),
        ];
        for (pieces, want, bold) in cases {
            let p = Paragraph {
                pieces: pieces.into_iter().map(|(t, b)| text(t, b, false)).collect(),
                ..Paragraph::default()
            };
            let line = markdown(&p, Place::Text);
            assert_eq!(line, want);
            let (strong, stray) = read(&line);
            assert_eq!(strong, [bold], "{line}");
            assert!(!stray, "no asterisk left as text in {line}");
        }
        // An escaped asterisk is text, not a marker: punctuation that moves out like any other.
        let p = Paragraph { pieces: vec![text("a*", true, false), text("b", false, false)], ..Paragraph::default() };
        assert_eq!(markdown(&p, Place::Text), "**a**\\*b");
        assert_eq!(read(&markdown(&p, Place::Text)).0, ["a"]);
    }
}
