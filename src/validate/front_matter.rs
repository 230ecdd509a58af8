//! Splitting a Markdown file into front matter (TOML between `+++`, or YAML between `---`)
//! and body, and reading the front matter into a typed struct, for `content.rs`; the config's
//! parser errors share its hint about curly quotes.

use serde::de::DeserializeOwned;

use super::nesting;
use crate::msg;

/// A Markdown file split into its parts.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: FrontMatter<'a>,
    pub body: &'a str,
}

#[derive(Debug)]
pub enum FrontMatter<'a> {
    Toml(&'a str),
    Yaml(&'a str),
}

/// What is wrong with a file's front matter; `line` is 1-based in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// Splits `text`; the front matter is required because every page needs at least a title.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (fence, is_toml) = match first_line {
        "+++" => ("+++", true),
        "---" => ("---", false),
        _ => {
            return Err(FrontMatterError { line: 1, message: msg!("content.no_front_matter") });
        }
    };
    let after_open = &text[first_line.len()..];
    let after_open = after_open.strip_prefix("\r\n").or_else(|| after_open.strip_prefix('\n')).unwrap_or(after_open);
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == fence {
            let inner = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let front_matter = if is_toml { FrontMatter::Toml(inner) } else { FrontMatter::Yaml(inner) };
            return Ok(Split { front_matter, body });
        }
        offset += line.len();
    }
    Err(FrontMatterError { line: 1, message: msg!("content.front_matter_unclosed", fence = fence) })
}

/// What to add to a TOML error on `line` that quotes text with Chinese quotes (`title = “…”`,
/// as an input method types them): TOML reads only straight quotes.
pub fn curly_quote_hint(line: &str) -> String {
    // U+0022, the straight double quote, spelled out: a lone one in the source would throw
    // the catalogue test's scan of string literals out of step.
    if line.contains(['“', '”', '‘', '’']) && !line.contains(['\u{22}', '\'']) {
        msg!("validate.curly_quotes")
    } else {
        String::new()
    }
}

impl FrontMatter<'_> {
    /// Reads the front matter into `T`, mapping parser positions to file lines.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, FrontMatterError> {
        // The front matter starts on line 2 of the file, after the opening fence.
        let too_deep = match self {
            FrontMatter::Toml(src) => nesting::toml_too_deep(src),
            FrontMatter::Yaml(src) => nesting::yaml_too_deep(src),
        };
        if let Some(line) = too_deep {
            let message = msg!("limits.nested_too_deep", limit = crate::limits::FRONT_MATTER_DEPTH);
            return Err(FrontMatterError { line: line + 1, message });
        }
        match self {
            FrontMatter::Toml(src) => toml::from_str(src).map_err(|e| {
                let line = e.span().map_or(0, |s| src[..s.start.min(src.len())].matches('\n').count());
                let text = src.lines().nth(line).unwrap_or("");
                let error = format!("{}{}", e.message(), curly_quote_hint(text));
                FrontMatterError { line: line + 2, message: msg!("validate.syntax", error = error) }
            }),
            FrontMatter::Yaml(src) => serde_norway::from_str(src).map_err(|e| {
                let line = e.location().map_or(0, |l| l.line().saturating_sub(1));
                let message = e.to_string();
                let error = message.split(" at line ").next().unwrap_or(&message);
                FrontMatterError { line: line + 2, message: msg!("validate.syntax", error = error) }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
    }

    #[test]
    fn chinese_quotes_get_a_hint_straight_ones_do_not() {
        assert!(curly_quote_hint("title = “遴选”").contains("英文直引号"));
        assert_eq!(curly_quote_hint("title = \"“遴选”通知\""), "");
        assert_eq!(curly_quote_hint("title = 遴选"), "");
    }

    #[test]
    fn splits_toml_and_yaml() {
        let s = split("+++\ntitle = \"通知\"\n+++\n正文\n").expect("toml");
        assert_eq!(s.body, "正文\n");
        assert_eq!(s.front_matter.parse::<Meta>().map(|m| m.title), Ok("通知".into()));
        let s = split("---\r\ntitle: 通知\r\n---\r\n正文").expect("yaml");
        assert_eq!(s.body, "正文");
        assert_eq!(s.front_matter.parse::<Meta>().map(|m| m.title), Ok("通知".into()));
    }

    #[test]
    fn deep_front_matter_is_refused_at_its_line_at_once() {
        let levels = 100_000;
        let yaml: String = (0..levels).map(|i| format!("{}a:\n", " ".repeat(i % 2_000))).collect();
        let start = std::time::Instant::now();
        for text in
            [format!("---\ntitle: x\n{yaml}---\n"), format!("+++\ntitle = \"x\"\nb = {}\n+++\n", "[".repeat(levels))]
        {
            let err = split(&text).expect("split").front_matter.parse::<Meta>().expect_err("too deep");
            assert!(err.message.contains("嵌套超过"), "{}", err.message);
            assert!((3..3 + crate::limits::FRONT_MATTER_DEPTH + 1).contains(&err.line), "{}", err.line);
        }
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn reports_missing_and_unterminated_front_matter() {
        assert_eq!(split("# 标题").map(|_| ()).map_err(|e| e.line), Err(1));
        assert!(split("+++\ntitle = \"x\"\n").is_err_and(|e| e.message.contains("没有结束")));
    }

    #[test]
    fn reports_the_file_line_of_bad_values() {
        let s = split("+++\ntitle = \"x\"\nwrong = 1\n+++\n").expect("split");
        let err = s.front_matter.parse::<Meta>().expect_err("unknown key");
        assert_eq!(err.line, 3);
        assert!(err.message.contains("wrong"), "{}", err.message);
        let s = split("---\ntitle: x\nwrong: 1\n---\n").expect("split");
        let err = s.front_matter.parse::<Meta>().expect_err("unknown key");
        assert_eq!(err.line, 3, "{}", err.message);
    }
}
