//! Characters that look like nothing but change what text means: zero-width spaces and joiners,
//! direction marks, bidi embeddings, overrides and isolates, and a byte-order mark inside the
//! text. Pasted from Word or the web, they make a name display reversed (U+202E) or fail to
//! match in search. They are removed from every text file as it is read, once, so no later
//! stage sees them and nothing publishes them; each removal is a warning naming the line.

/// Whether `c` is one of the characters removed.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A removed character: its line (from 1) and the character.
pub type Removed = (usize, char);

/// `text` without the invisible controls, and where each one was. The decoder has already
/// taken off a byte-order mark at the very start, so any U+FEFF left is inside the text.
pub fn strip(text: String) -> (String, Vec<Removed>) {
    if !text.chars().any(is_invisible_control) {
        return (text, Vec::new());
    }
    let mut removed = Vec::new();
    let mut line = 1;
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if is_invisible_control(c) {
            removed.push((line, c));
        } else {
            clean.push(c);
        }
    }
    (clean, removed)
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
        _ => crate::msg!("invisible.ufeff"),
    };
    format!("U+{:04X} {name}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_every_invisible_control_and_says_where() {
        let (clean, removed) = strip("序号\n1,\u{202E}师育保,4\u{200B}-10\nok\u{FEFF}\n".to_owned());
        assert_eq!(clean, "序号\n1,师育保,4-10\nok\n");
        assert_eq!(removed, [(2, '\u{202E}'), (2, '\u{200B}'), (3, '\u{FEFF}')]);
        assert_eq!(describe('\u{202E}'), "U+202E 从右到左覆盖");
        let plain = "保育师 bǎo yù shī\u{3000}（全角）".to_owned();
        assert_eq!(strip(plain.clone()), (plain, Vec::new()));
        for c in ['\u{200A}', '\u{2010}', '\u{2029}', '\u{206A}', '\u{2065}'] {
            assert!(!is_invisible_control(c), "{c:?} is not in the list");
        }
    }
}
