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
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "ZERO WIDTH NO-BREAK SPACE (byte-order mark inside the text)",
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
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        let plain = "保育师 bǎo yù shī\u{3000}（全角）".to_owned();
        assert_eq!(strip(plain.clone()), (plain, Vec::new()));
        for c in ['\u{200A}', '\u{2010}', '\u{2029}', '\u{206A}', '\u{2065}'] {
            assert!(!is_invisible_control(c), "{c:?} is not in the list");
        }
    }
}
