//! The one tokenizer of search, mirrored line for line by `tokenize` in
//! `static/assets/search.js` (whose character fold is `fold` in `static/assets/match.js`);
//! `tests/search/cases.json` holds the cases both sides must pass.
//!
//! Rule: fold full-width ASCII to ASCII and lower-case; a run of Han characters yields every
//! character and every adjacent pair (保育师 → 保 保育 育 育师 师); a run of ASCII letters,
//! digits and `-` yields itself whole, without outer dashes (`4-10-01-03`, `baoyushi`);
//! everything else separates. The browser cannot segment words as jieba does, so the index
//! must not either.

/// Splits `text` into search tokens.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    for c in text.chars().map(fold) {
        if is_han(c) {
            flush_word(&mut word, &mut tokens);
            han.push(c);
        } else if c.is_ascii_alphanumeric() || c == '-' {
            flush_han(&mut han, &mut tokens);
            word.push(c);
        } else {
            flush_word(&mut word, &mut tokens);
            flush_han(&mut han, &mut tokens);
        }
    }
    flush_word(&mut word, &mut tokens);
    flush_han(&mut han, &mut tokens);
    tokens
}

/// The pinyin field's tokens from a name's spellings (syllables, preferred first): each
/// spelling whole (`baoyushi`) and as initials (`bys`), and the preferred one from each
/// syllable on (`yushi`, `shi`) so that a later part of a name is found too. Mirrored by
/// `pinyinTokens` in `static/assets/match.js`, with which `search.js` rebuilds this field from
/// the syllables and the table filter matches pinyin.
pub fn pinyin_tokens(spellings: &[Vec<&str>]) -> Vec<String> {
    with_suffixes(whole_keys(spellings), spellings)
}

/// `whole`, a name's [`whole_keys`], followed by the rest of [`pinyin_tokens`]: the preferred
/// spelling from each later syllable on.
pub fn with_suffixes(mut tokens: Vec<String>, spellings: &[Vec<&str>]) -> Vec<String> {
    if let Some(preferred) = spellings.first() {
        for start in 1..preferred.len() {
            let token = preferred[start..].concat();
            if !token.is_empty() && !tokens.contains(&token) {
                tokens.push(token);
            }
        }
    }
    tokens
}

/// The first of [`pinyin_tokens`]: each spelling whole and as initials, without repeats.
pub fn whole_keys(spellings: &[Vec<&str>]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for spelling in spellings {
        for key in [spelling.concat(), spelling.iter().filter_map(|s| s.chars().next()).collect()] {
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// A name's spellings from the index's `p` (`bao yu shi|…`), as `pinyinTokens` reads them.
pub fn spellings(p: &str) -> Vec<Vec<&str>> {
    p.split('|').filter(|s| !s.is_empty()).map(|s| s.split(' ').collect()).collect()
}

/// Full-width ASCII (！…～) to ASCII, dashes to `-`, then lower case.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x2010..=0x2015 => '-',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// CJK Unified Ideographs, Extension A, Compatibility Ideographs and the supplementary planes.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn flush_word(word: &mut String, tokens: &mut Vec<String>) {
    let trimmed = word.trim_matches('-');
    if !trimmed.is_empty() {
        tokens.push(trimmed.to_owned());
    }
    word.clear();
}

fn flush_han(han: &mut Vec<char>, tokens: &mut Vec<String>) {
    for (i, c) in han.iter().enumerate() {
        tokens.push(c.to_string());
        if let Some(next) = han.get(i + 1) {
            tokens.push([*c, *next].iter().collect());
        }
    }
    han.clear();
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn han_runs_give_characters_and_pairs() {
        assert_eq!(tokenize("保育师"), ["保", "保育", "育", "育师", "师"]);
    }

    #[test]
    fn codes_and_pinyin_stay_whole() {
        assert_eq!(tokenize("4-10-01-03"), ["4-10-01-03"]);
        assert_eq!(tokenize("BaoYuShi bys"), ["baoyushi", "bys"]);
        assert_eq!(tokenize("４－１０"), ["4-10"]);
        assert_eq!(tokenize("-4-"), ["4"]);
    }

    #[test]
    fn pinyin_tokens_cover_spellings_initials_and_later_syllables() {
        let spellings = vec![vec!["bao", "yu", "shi"]];
        assert_eq!(super::pinyin_tokens(&spellings), ["baoyushi", "bys", "yushi", "shi"]);
    }

    #[test]
    fn everything_else_separates() {
        assert_eq!(tokenize("电工 一级"), ["电", "电工", "工", "一", "一级", "级"]);
        assert_eq!(tokenize("企业□行业"), ["企", "企业", "业", "行", "行业", "业"]);
        assert_eq!(tokenize("保育师4-10"), ["保", "保育", "育", "育师", "师", "4-10"]);
        assert!(tokenize("（）、，。").is_empty());
    }
}
