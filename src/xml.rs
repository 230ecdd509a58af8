//! Escaping text for XML and HTML written by hand (the sitemap, the Word files' core
//! properties): one escaper, so every such file escapes the same characters.

/// `text` with the five characters XML reserves replaced by their entities, fit for element
/// content and for attribute values in either kind of quotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_what_xml_reserves_and_nothing_else() {
        assert_eq!(escape(r#"a&b <c> "d" 'e' 保育师"#), "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; 保育师");
        assert_eq!(escape("&amp;"), "&amp;amp;", "already escaped text is text");
    }
}
