//! The one message catalogue: every text a staff member sees in the terminal, the preview's
//! overlay and `--help`, in Simplified Chinese, and in English for developers.
//!
//! The texts live in `locales/messages.yml`, each key with its `zh-CN` and `en` text side by
//! side (rust-i18n compiles them in). Code names a message by key through [`msg!`](crate::msg);
//! `%{name}` in a text is replaced by the argument of that name. The language is chosen once, at
//! start-up, by `--lang` or `LINXUAN_LANG` ([`Lang::from_args_and_env`]); Chinese otherwise.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese: what staff read, the default.
    Zh,
    /// English, for developers.
    En,
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// The catalogue's name for the language.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US` …; `None` for any other language.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        let base = lower.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language asked for by `--lang X` / `--lang=X` among `args`, else by `LINXUAN_LANG`,
    /// else Chinese. Read before the command line is parsed, so that `--help` and the
    /// parser's own errors already speak it.
    pub fn from_args_and_env(args: &[std::ffi::OsString], env: Option<&str>) -> Lang {
        let mut asked = None;
        let mut words = args.iter().filter_map(|a| a.to_str());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            if let Some(value) = word.strip_prefix("--lang=") {
                asked = Some(value.to_owned());
            } else if word == "--lang" {
                asked = words.next().map(str::to_owned);
            }
        }
        asked.as_deref().or(env).and_then(Lang::parse).unwrap_or(Lang::Zh)
    }
}

/// Sets the language of every message from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

/// The text of `key` in `lang`, its `%{name}` placeholders replaced by `args`. A key missing
/// from the catalogue gives the key itself (a unit test keeps every key used in the code present).
pub fn text(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let template = rust_i18n::t!(key, locale = lang.code());
    fill(&template, args)
}

/// Replaces each `%{name}` of `template` with its argument; an unknown name stays as written.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("%{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&value.to_string()),
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A message of the catalogue in the current language: `msg!("table.name_empty")`,
/// `msg!("table.number_bad", raw = cell)`.
#[macro_export]
macro_rules! msg {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text(
            $crate::i18n::current(),
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name() {
        let n = 7;
        assert_eq!(fill("第 %{row} 行「%{field}」", &[("row", &n), ("field", &"等级范围")]), "第 7 行「等级范围」");
        assert_eq!(fill("%{unknown} stays", &[]), "%{unknown} stays");
        assert_eq!(fill("broken %{", &[]), "broken %{");
    }

    #[test]
    fn the_language_is_read_from_the_arguments_then_the_environment() {
        let args = |words: &[&str]| words.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan", "check"]), None), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan", "check"]), Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan", "--lang", "zh"]), Some("en")), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan", "check", "--lang=en"]), None), Lang::En);
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan", "--", "--lang=en"]), None), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(&args(&["linxuan"]), Some("fr")), Lang::Zh);
    }
}

#[cfg(test)]
mod catalogue_tests;
