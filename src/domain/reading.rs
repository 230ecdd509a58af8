//! Pinyin readings of an occupation's name, for search and for sorting by name.
//!
//! The `pinyin` crate reads each character alone, so 调酒师 comes out `diaojiushi`. Two
//! remedies: an explicit reading from the table's optional `拼音` column, and indexing the
//! alternative readings of heteronyms (调 tiao/diao, 会 hui/kuai, 行 xing/hang).

use std::borrow::Cow;

use pinyin::{ToPinyin, ToPinyinMulti};

/// At most this many spellings per name: heteronym combinations grow multiplicatively.
const MAX_READINGS: usize = 8;

/// The readings of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Syllables of the preferred reading, e.g. `["bao", "yu", "shi"]`; non-Han characters
    /// stay as they are (lower-cased).
    pub syllables: Vec<String>,
    /// Every accepted spelling without spaces, preferred first: `baoyushi`.
    pub full: Vec<String>,
    /// Initials of each spelling: `bys`.
    pub initials: Vec<String>,
    /// Every spelling as syllables, preferred first, without duplicates.
    pub spellings: Vec<Vec<String>>,
}

impl Reading {
    /// Reads `name`; `explicit` is the `拼音` column, readings separated by `|` or `;`,
    /// syllables by spaces (`tiao jiu shi`), the first one preferred.
    pub fn of(name: &str, explicit: Option<&str>) -> Reading {
        let mut spellings: Vec<Vec<String>> = explicit
            .into_iter()
            .flat_map(|e| e.split(['|', ';', '；']))
            .map(|r| r.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        spellings.extend(heteronym_spellings(name));
        let mut full = Vec::new();
        let mut initials = Vec::new();
        for s in &spellings {
            push_unique(&mut full, s.concat());
            push_unique(&mut initials, s.iter().filter_map(|p| p.chars().next()).collect());
        }
        let mut unique: Vec<Vec<String>> = Vec::new();
        for s in spellings {
            if !s.is_empty() && !unique.contains(&s) {
                unique.push(s);
            }
        }
        let syllables = unique.first().cloned().unwrap_or_default();
        Reading { syllables, full, initials, spellings: unique }
    }

    /// The key that orders names alphabetically by their preferred reading.
    pub fn sort_key(&self) -> String {
        self.syllables.join(" ")
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

/// The default reading first, then combinations of heteronym readings.
fn heteronym_spellings(name: &str) -> Vec<Vec<String>> {
    // Syllables borrow the crate's static strings while combinations multiply.
    let mut spellings: Vec<Vec<Cow<'static, str>>> = vec![Vec::new()];
    for (c, multi) in name.chars().zip(name.to_pinyin_multi()) {
        let options: Vec<Cow<'static, str>> = match multi {
            Some(m) => {
                let mut o: Vec<Cow<'static, str>> = Vec::new();
                for p in m.into_iter() {
                    let plain = Cow::Borrowed(p.plain());
                    if !plain.is_empty() && !o.contains(&plain) {
                        o.push(plain);
                    }
                }
                o
            }
            None if c.is_alphanumeric() => vec![Cow::Owned(c.to_lowercase().collect())],
            None => continue,
        };
        let Some(first) = options.first() else {
            spellings.clear();
            continue;
        };
        // Each spelling so far goes on with the first reading, in place (most characters have
        // one: copying every spelling at every character was most of a name's time), and with
        // the others, as copies, while fewer than MAX_READINGS are made.
        let mut next = Vec::with_capacity(spellings.len());
        for mut base in spellings {
            let mut others = Vec::new();
            for option in &options[1..] {
                if next.len() + 1 + others.len() >= MAX_READINGS {
                    break;
                }
                let mut s = Vec::with_capacity(base.len() + 1);
                s.extend(base.iter().cloned());
                s.push(option.clone());
                others.push(s);
            }
            base.push(first.clone());
            next.push(base);
            next.extend(others);
        }
        spellings = next;
    }
    // The crate's first reading is its default, corrected by the phrase list; it comes
    // first, as the reading names are sorted by.
    let default = default_reading(name);
    spellings.retain(|s| *s != default);
    spellings.insert(0, default);
    spellings.truncate(MAX_READINGS);
    // ü is typed as v on Chinese keyboards, and often as u.
    let mut out: Vec<Vec<String>> = Vec::new();
    // Syllables are ASCII but for ü: most need no search for it.
    let spelled = |p: &str, u: &str| if p.is_ascii() { p.to_owned() } else { p.replace('ü', u) };
    for spelling in spellings {
        out.push(spelling.iter().map(|p| spelled(p, "v")).collect());
        if spelling.iter().any(|p| !p.is_ascii() && p.contains('ü')) {
            out.push(spelling.iter().map(|p| spelled(p, "u")).collect());
        }
    }
    out.truncate(MAX_READINGS);
    out
}

/// Words of occupation names whose reading differs from the characters' defaults.
const PHRASES: &[(&str, [&str; 2])] = &[
    ("调试", ["tiao", "shi"]),
    ("协调", ["xie", "tiao"]),
    ("烹调", ["peng", "tiao"]),
    ("调酒", ["tiao", "jiu"]),
    ("调音", ["tiao", "yin"]),
    ("空调", ["kong", "tiao"]),
    ("会计", ["kuai", "ji"]),
    ("银行", ["yin", "hang"]),
    ("乐器", ["yue", "qi"]),
    ("音乐", ["yin", "yue"]),
    ("供应", ["gong", "ying"]),
];

/// One syllable per character (`None` for punctuation), phrases applied, then flattened.
fn default_reading(name: &str) -> Vec<Cow<'static, str>> {
    let chars: Vec<char> = name.chars().collect();
    let mut syllables: Vec<Option<Cow<'static, str>>> = chars
        .iter()
        .zip(name.to_pinyin())
        .map(|(c, p)| match p {
            Some(p) => Some(Cow::Borrowed(p.plain())),
            None if c.is_alphanumeric() => Some(Cow::Owned(c.to_lowercase().collect())),
            None => None,
        })
        .collect();
    // Most names hold none of the phrases: a substring test first, characters only then.
    for (phrase, reading) in PHRASES.iter().filter(|(phrase, _)| name.contains(phrase)) {
        let phrase: Vec<char> = phrase.chars().collect();
        for start in 0..chars.len().saturating_sub(phrase.len() - 1) {
            if chars[start..start + phrase.len()] == phrase[..] {
                for (i, syllable) in reading.iter().enumerate() {
                    syllables[start + i] = Some(Cow::Borrowed(*syllable));
                }
            }
        }
    }
    syllables.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_of_the_notice() {
        let r = Reading::of("保育师", None);
        assert_eq!(r.full[0], "baoyushi");
        assert_eq!(r.initials[0], "bys");
        assert_eq!(r.sort_key(), "bao yu shi");
    }

    #[test]
    fn indexes_heteronym_readings() {
        let r = Reading::of("调酒师", None);
        assert!(r.full.contains(&"tiaojiushi".to_owned()), "{:?}", r.full);
        assert!(r.full.contains(&"diaojiushi".to_owned()), "{:?}", r.full);
    }

    #[test]
    fn phrases_fix_the_preferred_reading() {
        assert_eq!(Reading::of("劳动关系协调师", None).sort_key(), "lao dong guan xi xie tiao shi");
        assert_eq!(Reading::of("中式烹调师", None).full[0], "zhongshipengtiaoshi");
        assert_eq!(Reading::of("会计", None).full[0], "kuaiji");
    }

    #[test]
    fn u_umlaut_is_typed_as_v_or_u() {
        let r = Reading::of("园林绿化工", None);
        assert_eq!(r.full[0], "yuanlinlvhuagong");
        assert!(r.full.contains(&"yuanlinluhuagong".to_owned()), "{:?}", r.full);
    }

    #[test]
    fn explicit_reading_comes_first() {
        let r = Reading::of("会计", Some("kuai ji"));
        assert_eq!(r.full[0], "kuaiji");
        assert_eq!(r.initials[0], "kj");
        assert_eq!(r.sort_key(), "kuai ji");
    }
}
