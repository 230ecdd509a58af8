//! The contacts' phone numbers in `config.toml`.

/// A phone number as written, the digits a `tel:` link dials and its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub text: String,
    pub digits: String,
    /// The digits after `转`, dialled after a pause.
    pub extension: Option<String>,
}

impl Phone {
    /// Digits with the usual separators (`-`, spaces, brackets, a leading `+`), and an
    /// extension after `转`.
    pub fn parse(text: &str) -> Result<Phone, String> {
        let text = text.trim();
        let dialled = text.split('转').next().unwrap_or(text);
        let valid = |c: char| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '+');
        let digits: String = dialled.chars().filter(char::is_ascii_digit).collect();
        let extension_ok =
            text.split('转').skip(1).all(|e| !e.trim().is_empty() && e.trim().chars().all(|c| c.is_ascii_digit()));
        if !dialled.chars().all(valid) || !(7..=15).contains(&digits.len()) || !extension_ok {
            return Err(crate::msg!("setting.phone_bad", text = text));
        }
        let extension = text.split('转').nth(1).map(|e| e.trim().to_owned());
        Ok(Phone { text: text.to_owned(), digits, extension })
    }

    /// The `tel:` link: the number, then the extension after `,`, the pause phones wait
    /// through before dialling on (RFC 3966 leaves it to the dialler; every common phone
    /// reads `,` so).
    pub fn tel(&self) -> String {
        match &self.extension {
            Some(extension) => format!("tel:{},{extension}", self.digits),
            None => format!("tel:{}", self.digits),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(Phone::parse("010-1234 5678").expect("valid").digits, "01012345678");
        assert_eq!(Phone::parse("（010）12345678转123").expect("valid").digits, "01012345678");
        assert_eq!(Phone::parse("010-00000001转8001").expect("valid").tel(), "tel:01000000001,8001");
        assert_eq!(Phone::parse("010-1234 5678").expect("valid").tel(), "tel:01012345678");
        for bad in ["12345", "010-1234567x", "call us", "010-12345678转"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }
}
