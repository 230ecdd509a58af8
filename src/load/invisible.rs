//! Characters that look like nothing but change what text means: zero-width spaces and joiners,
//! direction marks, bidi embeddings, overrides and isolates, and a byte-order mark inside the
//! text. Pasted from Word or the web, they make a name display reversed (U+202E) or fail to
//! match in search. Control characters too (U+0000–U+001F but tab and line ends, U+007F–U+009F),
//! which an export from another system can leave in a cell and which no page, XML or JSON file
//! may carry. They are removed from every text file as it is read, once, so no later stage
//! sees them and nothing publishes them; each removal is a warning naming where it was.

use crate::limits;

/// Whether `c` is one of the invisible format characters removed.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether `c` is a control character removed: every C0 control but tab, line feed and
/// carriage return (line ends in every file the site reads), DEL and the C1 controls.
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn is_removed(c: char) -> bool {
    is_control(c) || is_invisible_control(c)
}

/// The removed characters of a text: the first few (their byte offset and the character),
/// enough for the messages a file shows, and how many in all.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub found: Vec<(usize, char)>,
    pub count: usize,
}

/// Where the characters to remove are in `text`. The decoder has already taken off a
/// byte-order mark at the very start, so any U+FEFF left is inside the text.
pub fn find(text: &str) -> Removed {
    let mut removed = Removed::default();
    for (offset, c) in text.char_indices().filter(|(_, c)| is_removed(*c)) {
        if removed.found.len() < limits::MESSAGES_PER_FILE {
            removed.found.push((offset, c));
        }
        removed.count += 1;
    }
    removed
}

/// `text` without the characters [`find`] finds.
pub fn remove(text: &str) -> String {
    text.chars().filter(|c| !is_removed(*c)).collect()
}

/// What a reader is told about a removed character.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{200B}' => crate::msg!("invisible.u200b"),
        '\u{200C}' => crate::msg!("invisible.u200c"),
        '\u{200D}' => crate::msg!("invisible.u200d"),
        '\u{200E}' => crate::msg!("invisible.u200e"),
        '\u{200F}' => crate::msg!("invisible.u200f"),
        '\u{202A}' => crate::msg!("invisible.u202a"),
        '\u{202B}' => crate::msg!("invisible.u202b"),
        '\u{202C}' => crate::msg!("invisible.u202c"),
        '\u{202D}' => crate::msg!("invisible.u202d"),
        '\u{202E}' => crate::msg!("invisible.u202e"),
        '\u{2066}' => crate::msg!("invisible.u2066"),
        '\u{2067}' => crate::msg!("invisible.u2067"),
        '\u{2068}' => crate::msg!("invisible.u2068"),
        '\u{2069}' => crate::msg!("invisible.u2069"),
        '\u{FEFF}' => crate::msg!("invisible.ufeff"),
        _ => crate::msg!("limits.control"),
    };
    format!("U+{:04X} {name}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_every_invisible_control_and_says_where() {
        let text = "序号\n1,\u{202E}师育保,4\u{200B}-10\nok\u{FEFF}\n";
        let removed = find(text);
        assert_eq!(remove(text), "序号\n1,师育保,4-10\nok\n");
        let at = |c: char| text.find(c).expect("in the text");
        assert_eq!(
            removed.found,
            [(at('\u{202E}'), '\u{202E}'), (at('\u{200B}'), '\u{200B}'), (at('\u{FEFF}'), '\u{FEFF}')]
        );
        assert_eq!(removed.count, 3);
        assert_eq!(describe('\u{202E}'), "U+202E 从右到左覆盖");
        let plain = "保育师 bǎo yù shī\u{3000}（全角）\t\r\n";
        assert_eq!(find(plain), Removed::default());
        for c in ['\u{200A}', '\u{2010}', '\u{2029}', '\u{206A}', '\u{2065}', '\u{A0}'] {
            assert!(!is_removed(c), "{c:?} is not in the list");
        }
    }

    #[test]
    fn control_characters_are_removed_but_tabs_and_line_ends() {
        let text = "a\u{0}b\u{1B}c\u{7F}d\u{85}e\u{C}f\tg\r\n";
        assert_eq!(remove(text), "abcdef\tg\r\n");
        assert_eq!(find(text).count, 5);
        assert_eq!(describe('\u{1B}'), "U+001B 控制字符");
        let many = "\u{1}".repeat(limits::MESSAGES_PER_FILE * 3);
        let removed = find(&many);
        assert_eq!((removed.found.len(), removed.count), (limits::MESSAGES_PER_FILE, limits::MESSAGES_PER_FILE * 3));
    }
}
