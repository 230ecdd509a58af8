//! Pinyin readings of an occupation's name, for search and for sorting by name.
//!
//! The `pinyin` crate reads each character alone, so 调酒师 comes out `diaojiushi`. Two
//! remedies: an explicit reading from the table's optional `拼音` column, and indexing the
//! alternative readings of heteronyms (调 tiao/diao, 会 hui/kuai, 行 xing/hang).

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
        let syllables = spellings.into_iter().next().unwrap_or_default();
        Reading { syllables, full, initials }
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
    let mut spellings: Vec<Vec<String>> = vec![Vec::new()];
    for (c, multi) in name.chars().zip(name.to_pinyin_multi()) {
        let options: Vec<String> = match multi {
            Some(m) => {
                let mut o: Vec<String> = Vec::new();
                for p in m.into_iter() {
                    push_unique(&mut o, p.plain().to_owned());
                }
                o
            }
            None if c.is_alphanumeric() => vec![c.to_lowercase().collect()],
            None => continue,
        };
        let mut next = Vec::new();
        for base in &spellings {
            for (i, option) in options.iter().enumerate() {
                if i > 0 && next.len() >= MAX_READINGS {
                    break;
                }
                let mut s = base.clone();
                s.push(option.clone());
                next.push(s);
            }
        }
        spellings = next;
    }
    // The crate's first reading is its default; keep it first for sorting.
    let default: Vec<String> = name
        .chars()
        .zip(name.to_pinyin())
        .filter_map(|(c, p)| match p {
            Some(p) => Some(p.plain().to_owned()),
            None if c.is_alphanumeric() => Some(c.to_lowercase().collect()),
            None => None,
        })
        .collect();
    spellings.retain(|s| *s != default);
    spellings.insert(0, default);
    spellings.truncate(MAX_READINGS);
    spellings
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
    fn explicit_reading_comes_first() {
        let r = Reading::of("会计", Some("kuai ji"));
        assert_eq!(r.full[0], "kuaiji");
        assert_eq!(r.initials[0], "kj");
        assert_eq!(r.sort_key(), "kuai ji");
    }
}
