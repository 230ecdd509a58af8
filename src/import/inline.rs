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
    out.trim_matches(|c: char| c.is_whitespace()).to_owned()
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
}
