//! Skill levels (职业技能等级) and the set of levels an occupation offers.
//!
//! A smaller number is a higher level: 5 五级/初级工 … 1 一级/高级技师. The notice writes a
//! set as `5、4、3、2、1`; staff also type ranges such as `1-5` or `五级至三级`.

use std::fmt;

/// One of the five levels used by the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    /// All levels from the lowest (5) to the highest (1), the order the notice lists them in.
    pub const ALL: [Level; 5] = [Level(5), Level(4), Level(3), Level(2), Level(1)];

    /// The level with number `n` (1–5).
    pub fn new(n: u8) -> Option<Level> {
        (1..=5).contains(&n).then_some(Level(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// 五级 … 一级
    pub fn name(self) -> &'static str {
        ["一级", "二级", "三级", "四级", "五级"][usize::from(self.0 - 1)]
    }

    /// 初级工 … 高级技师
    pub fn title(self) -> &'static str {
        ["高级技师", "技师", "高级工", "中级工", "初级工"][usize::from(self.0 - 1)]
    }

    /// `五级/初级工`, the label used in filters and ladders.
    pub fn label(self) -> &'static str {
        ["一级/高级技师", "二级/技师", "三级/高级工", "四级/中级工", "五级/初级工"][usize::from(self.0 - 1)]
    }

    /// Reads one level written as a digit, a Chinese numeral (with or without 级) or a title.
    fn parse_one(token: &str) -> Option<Level> {
        let token = token.trim();
        let digit = match token.trim_end_matches('级') {
            "1" | "一" | "１" => 1,
            "2" | "二" | "２" => 2,
            "3" | "三" | "３" => 3,
            "4" | "四" | "４" => 4,
            "5" | "五" | "５" => 5,
            _ => match token {
                "高级技师" => 1,
                "技师" => 2,
                "高级工" => 3,
                "中级工" => 4,
                "初级工" => 5,
                _ => return None,
            },
        };
        Level::new(digit)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A non-empty set of levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelSet(u8);

/// Why a level range could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LevelRangeError {
    #[error("{}", crate::msg!("level.empty"))]
    Empty,
    #[error("{}", crate::msg!("level.unknown", part = crate::limits::excerpt(.0)))]
    UnknownLevel(String),
    #[error("{}", crate::msg!("level.bad_range", part = crate::limits::excerpt(.0)))]
    BadRange(String),
}

/// Characters that separate single levels.
const SEPARATORS: &[char] = &['、', ',', '，', '/', '／', ';', '；', ' ', '\u{3000}'];
/// Characters that join the two ends of a range.
const RANGE_JOINERS: &[&str] = &["至", "到", "-", "－", "—", "–", "~", "～"];

impl LevelSet {
    pub fn from_levels(levels: impl IntoIterator<Item = Level>) -> LevelSet {
        LevelSet(levels.into_iter().fold(0, |bits, l| bits | (1 << l.0)))
    }

    pub fn contains(self, level: Level) -> bool {
        self.0 & (1 << level.0) != 0
    }

    /// The levels in the notice's order: lowest (5) first.
    pub fn levels(self) -> impl Iterator<Item = Level> {
        Level::ALL.into_iter().filter(move |l| self.contains(*l))
    }

    /// The set in words: `五级/初级工 至 一级/高级技师` when the levels are contiguous, else
    /// each level's label joined by `、`.
    pub fn label(self) -> String {
        let list: Vec<Level> = self.levels().collect();
        let contiguous = list.windows(2).all(|w| w[0].number() == w[1].number() + 1);
        match list.as_slice() {
            [only] => only.label().to_owned(),
            [lowest, .., highest] if contiguous => format!("{} 至 {}", lowest.label(), highest.label()),
            _ => list.iter().map(|l| l.label()).collect::<Vec<_>>().join("、"),
        }
    }

    /// Reads what staff type: `5、4、3`, `1-5`, `5-3`, `五级至三级`, `3,2,1`, `高级工/技师`.
    pub fn parse(text: &str) -> Result<LevelSet, LevelRangeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(LevelRangeError::Empty);
        }
        let mut bits = 0u8;
        for part in text.split(SEPARATORS).filter(|p| !p.is_empty()) {
            bits |= Self::parse_part(part)?.0;
        }
        if bits == 0 {
            return Err(LevelRangeError::Empty);
        }
        Ok(LevelSet(bits))
    }

    fn parse_part(part: &str) -> Result<LevelSet, LevelRangeError> {
        if let Some(level) = Level::parse_one(part) {
            return Ok(LevelSet::from_levels([level]));
        }
        let Some((from, to)) = RANGE_JOINERS.iter().find_map(|j| part.split_once(j)) else {
            return Err(LevelRangeError::UnknownLevel(part.to_owned()));
        };
        let unknown = |t: &str| LevelRangeError::UnknownLevel(t.trim().to_owned());
        if from.trim().is_empty() || to.trim().is_empty() {
            return Err(LevelRangeError::BadRange(part.to_owned()));
        }
        let a = Level::parse_one(from).ok_or_else(|| unknown(from))?;
        let b = Level::parse_one(to).ok_or_else(|| unknown(to))?;
        let (lo, hi) = (a.0.min(b.0), a.0.max(b.0));
        Ok(LevelSet::from_levels((lo..=hi).filter_map(Level::new)))
    }
}

impl fmt::Display for LevelSet {
    /// The notice's own spelling: `5、4、3、2、1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, level) in self.levels().enumerate() {
            if i > 0 {
                f.write_str("、")?;
            }
            write!(f, "{}", level.0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> String {
        LevelSet::parse(text).map(|s| s.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn reads_the_notice_spelling() {
        assert_eq!(set("5、4、3、2、1"), "5、4、3、2、1");
        assert_eq!(set("3、2、1"), "3、2、1");
    }

    #[test]
    fn reads_what_staff_type() {
        assert_eq!(set("1-5"), "5、4、3、2、1");
        assert_eq!(set("5-3"), "5、4、3");
        assert_eq!(set("五级至三级"), "5、4、3");
        assert_eq!(set("3,2,1"), "3、2、1");
        assert_eq!(set("3，2，1"), "3、2、1");
        assert_eq!(set("4/3"), "4、3");
        assert_eq!(set("高级工、技师"), "3、2");
        assert_eq!(set(" ５、４ "), "5、4");
    }

    #[test]
    fn rejects_what_is_not_a_level() {
        assert!(set("").starts_with("error: 是空的"));
        assert!(set("0").contains("「0」不是等级"));
        assert!(set("6、5").contains("「6」不是等级"));
        assert!(set("七级").contains("「七级」不是等级"));
        assert!(set("5-").contains("不是有效的等级范围"));
        assert!(set("5.4").contains("不是等级"));
    }

    #[test]
    fn names_and_titles() {
        let l1 = Level::new(1).expect("level 1");
        assert_eq!(l1.label(), "一级/高级技师");
        assert_eq!(Level::ALL[0].label(), "五级/初级工");
        assert!(Level::new(0).is_none() && Level::new(6).is_none());
    }

    #[test]
    fn a_set_in_words() {
        let label = |text: &str| LevelSet::parse(text).expect("valid set").label();
        assert_eq!(label("5-1"), "五级/初级工 至 一级/高级技师");
        assert_eq!(label("3"), "三级/高级工");
        assert_eq!(label("5、3"), "五级/初级工、三级/高级工");
    }
}
