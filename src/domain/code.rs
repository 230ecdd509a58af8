//! Occupation codes of 《中华人民共和国职业分类大典（2022年版）》: `大类-中类-小类-细类`,
//! digits 1-2-2-2 (`4-10-01-03`), where `00` fills an empty position (`6-25-03-00`).

use std::fmt;

/// A validated occupation code, e.g. `4-10-01-03`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OccupationCode {
    major: u8,
    middle: u8,
    minor: u8,
    unit: u8,
}

/// Why a code could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("{}", crate::msg!("code.shape", code = crate::limits::excerpt(.0)))]
    Shape(String),
    #[error("{}", crate::msg!("code.major", code = code, major = major))]
    Major { code: String, major: u8 },
    #[error("{}", crate::msg!("code.zero", code = crate::limits::excerpt(.0)))]
    Zero(String),
}

impl OccupationCode {
    /// Reads `4-10-01-03`. Full-width digits and dashes are not accepted here: the
    /// validation stage normalises them first and warns, so this stays strict.
    pub fn parse(text: &str) -> Result<OccupationCode, CodeError> {
        let shape = || CodeError::Shape(text.to_owned());
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [1, 2, 2, 2];
        if parts.len() != 4 {
            return Err(shape());
        }
        let mut digits = [0u8; 4];
        for ((part, width), slot) in parts.iter().zip(widths).zip(digits.iter_mut()) {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            *slot = part.parse().map_err(|_| shape())?;
        }
        let [major, middle, minor, unit] = digits;
        if !(1..=8).contains(&major) {
            return Err(CodeError::Major { code: text.to_owned(), major });
        }
        if middle == 0 || minor == 0 {
            return Err(CodeError::Zero(text.to_owned()));
        }
        Ok(OccupationCode { major, middle, minor, unit })
    }

    /// The 大类 this code belongs to, e.g. `4`.
    pub fn major(self) -> CategoryKey {
        CategoryKey { major: self.major, middle: None }
    }

    /// The 中类 this code belongs to, e.g. `4-10`.
    pub fn middle(self) -> CategoryKey {
        CategoryKey { major: self.major, middle: Some(self.middle) }
    }
}

impl fmt::Display for OccupationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Digits put in place rather than formatted: a code is written into every link and
        // path, 60,000 times at 10,000 rows. `parse` made each part one or two digits.
        let [m0, m1] = pair(self.middle);
        let [n0, n1] = pair(self.minor);
        let [u0, u1] = pair(self.unit);
        let text = [b'0' + self.major % 10, b'-', m0, m1, b'-', n0, n1, b'-', u0, u1];
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

/// The two ASCII digits of `n` (below 100).
fn pair(n: u8) -> [u8; 2] {
    [b'0' + n / 10 % 10, b'0' + n % 10]
}

/// A 大类 (`4`) or a 中类 (`4-10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CategoryKey {
    major: u8,
    middle: Option<u8>,
}

impl CategoryKey {
    /// Reads `4` or `4-10`.
    pub fn parse(text: &str) -> Option<CategoryKey> {
        let digits_only = |s: &str, width: usize| s.len() == width && s.bytes().all(|b| b.is_ascii_digit());
        let key = match text.split_once('-') {
            None if digits_only(text, 1) => CategoryKey { major: text.parse().ok()?, middle: None },
            Some((a, b)) if digits_only(a, 1) && digits_only(b, 2) => {
                CategoryKey { major: a.parse().ok()?, middle: Some(b.parse().ok()?) }
            }
            _ => return None,
        };
        let middle_ok = key.middle.is_none_or(|m| m > 0);
        ((1..=8).contains(&key.major) && middle_ok).then_some(key)
    }

    pub fn is_major(self) -> bool {
        self.middle.is_none()
    }

    /// The 大类 above a 中类 (itself for a 大类).
    pub fn major(self) -> CategoryKey {
        CategoryKey { major: self.major, middle: None }
    }
}

impl fmt::Display for CategoryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let major = b'0' + self.major % 10;
        let text = match self.middle {
            None => &[major][..],
            Some(m) => &[major, b'-', pair(m)[0], pair(m)[1]][..],
        };
        f.write_str(std::str::from_utf8(text).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_of_the_notice() {
        let code = OccupationCode::parse("4-10-01-03").expect("valid");
        assert_eq!(code.to_string(), "4-10-01-03");
        assert_eq!(code.major().to_string(), "4");
        assert_eq!(code.middle().to_string(), "4-10");
        assert!(OccupationCode::parse("6-25-03-00").is_ok());
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in [
            "4-10-01",
            "4-10-1-03",
            "41-0-01-03",
            "4-1O-01-03",
            "9-10-01-03",
            "0-10-01-03",
            "4-00-01-03",
            "4-10-01-03-1",
            "",
            " 4-10-01-03",
        ] {
            assert!(OccupationCode::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn category_keys() {
        assert_eq!(CategoryKey::parse("4").map(|k| k.to_string()), Some("4".into()));
        assert_eq!(CategoryKey::parse("4-10").map(|k| k.to_string()), Some("4-10".into()));
        assert!(CategoryKey::parse("4-1").is_none());
        assert!(CategoryKey::parse("9").is_none());
        assert!(CategoryKey::parse("4-00").is_none());
        assert!(CategoryKey::parse("4-10").is_some_and(|k| !k.is_major() && k.major().is_major()));
    }
}
