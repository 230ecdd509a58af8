//! The two character tables `search/index.json` carries for what people type, each limited
//! to the characters the index can use, so that both stay small:
//!
//! - `ts`: traditional → simplified, from OpenCC's character table (through `zhconv`), for
//!   the traditional forms of characters that occur in the index (養 → 养, 護 → 护);
//! - `sounds`: for each syllable of the occupations' names, the common characters read that
//!   way (GB 2312 level 1, by their usual reading), so that a query typed with the
//!   wrong character of the right sound (查艺师, 焊功) is retried on its pinyin.

use std::collections::{BTreeMap, BTreeSet};

use pinyin::ToPinyinMulti;

/// `養养護护…`: each traditional character followed by its simplified form, for the
/// simplified characters in `used`, in code-point order of the traditional ones.
pub fn traditional(used: &BTreeSet<char>) -> String {
    let mut pairs: BTreeMap<char, char> = BTreeMap::new();
    for (from, to) in zhconv::tables::expand_table(zhconv::tables::ZH_HANS_TABLE) {
        let (mut f, mut t) = (from.chars(), to.chars());
        if let (Some(a), None, Some(b), None) = (f.next(), f.next(), t.next(), t.next())
            && a != b
            && used.contains(&b)
        {
            pairs.insert(a, b);
        }
    }
    pairs.into_iter().flat_map(|(a, b)| [a, b]).collect()
}

/// Syllable → the characters read that way: the common characters of GB 2312 level 1 by
/// their usual reading, for the syllables the names are read with, and each character of a
/// name under the syllable it has there (`names`: 调 tiao in 调试, which may be rarer).
pub fn sounds(names: &BTreeSet<(char, String)>) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for (c, syllable) in names {
        out.entry(syllable.clone()).or_default().insert(*c);
    }
    for c in common_characters() {
        let Some(multi) = c.to_pinyin_multi() else { continue };
        // The first reading is the usual one; the others (查 zha) are rarely what was meant.
        for reading in multi.into_iter().take(1) {
            let plain = reading.plain().replace('ü', "v");
            if let Some(chars) = out.get_mut(&plain) {
                chars.insert(c);
            }
        }
    }
    out.into_iter().map(|(s, chars)| (s, chars.into_iter().collect())).collect()
}

/// GB 2312 level 1, the 3,755 characters in everyday use: rows 0xB0–0xD7 of the GBK table.
fn common_characters() -> Vec<char> {
    let mut bytes = Vec::new();
    for row in 0xB0u8..=0xD7 {
        for cell in 0xA1u8..=0xFE {
            bytes.extend([row, cell]);
        }
    }
    let (text, _, _) = encoding_rs::GBK.decode(&bytes);
    text.chars().filter(|c| matches!(*c as u32, 0x4E00..=0x9FFF)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_forms_of_the_used_characters_only() {
        let used: BTreeSet<char> = "养老护理员".chars().collect();
        let table = traditional(&used);
        let pairs: Vec<(char, char)> = table.chars().collect::<Vec<_>>().chunks(2).map(|p| (p[0], p[1])).collect();
        assert!(pairs.contains(&('養', '养')) && pairs.contains(&('護', '护')) && pairs.contains(&('員', '员')));
        assert!(pairs.iter().all(|(_, s)| used.contains(s)), "{table}");
    }

    #[test]
    fn sounds_hold_common_homophones() {
        let names: BTreeSet<(char, String)> =
            [('茶', "cha"), ('工', "gong"), ('调', "tiao")].map(|(c, s)| (c, s.to_owned())).into();
        let table = sounds(&names);
        assert!(table["cha"].contains('查') && table["cha"].contains('茶'));
        assert!(table["gong"].contains('功') && table["gong"].contains('工'));
        assert!(table["tiao"].contains('调') && table["tiao"].contains('条'), "a name's own reading counts");
        assert_eq!(table.len(), 3);
    }
}
