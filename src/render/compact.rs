//! Drops the indentation and blank lines that templates leave in a page.
//!
//! Templates are indented for the people who edit them; readers' browsers collapse that
//! whitespace anyway. At 10,000 occupations it was about a tenth of every page. Only leading
//! spaces and tabs and empty lines go: every line keeps its newline, so text that ran across
//! two lines still has a space between its parts, and the page renders exactly as before.
//! Where whitespace is content — inside `<pre>`, `<textarea>`, `<script>` and `<style>` —
//! lines are kept as they are.

/// Elements whose content keeps its whitespace, with their closing tags.
const VERBATIM: [(&[u8], &[u8]); 4] =
    [(b"<pre", b"</pre>"), (b"<textarea", b"</textarea>"), (b"<script", b"</script>"), (b"<style", b"</style>")];

/// `html` without indentation and blank lines, compacted in place.
pub fn strip_indentation(mut html: Vec<u8>) -> Vec<u8> {
    let mut write = 0;
    let mut read = 0;
    // The closing tag that ends the verbatim element a line is inside of.
    let mut verbatim: Option<&[u8]> = None;
    while read < html.len() {
        let end = memchr::memchr(b'\n', &html[read..]).map_or(html.len(), |i| read + i + 1);
        let mut start = read;
        if verbatim.is_none() {
            while start < end && matches!(html[start], b' ' | b'\t') {
                start += 1;
            }
            if start < end && html[start] == b'\n' {
                read = end;
                continue;
            }
        }
        verbatim = verbatim_after(&html[start..end], verbatim);
        html.copy_within(start..end, write);
        write += end - start;
        read = end;
    }
    html.truncate(write);
    html
}

/// Whether the text after `line` is inside a verbatim element, given whether it began inside one.
fn verbatim_after(line: &[u8], mut open: Option<&'static [u8]>) -> Option<&'static [u8]> {
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &line[at..]) {
        at += offset;
        let rest = &line[at..];
        match open {
            Some(close) => {
                if starts_with_ignore_case(rest, close) {
                    open = None;
                    at += close.len();
                    continue;
                }
            }
            None => {
                if let Some((_, close)) = VERBATIM.iter().find(|(tag, _)| opens(rest, tag)) {
                    open = Some(close);
                }
            }
        }
        at += 1;
    }
    open
}

/// Whether `rest` starts with the opening tag `tag` (`<pre>`, `<pre class=…>`, not `<preview>`).
fn opens(rest: &[u8], tag: &[u8]) -> bool {
    starts_with_ignore_case(rest, tag)
        && matches!(rest.get(tag.len()), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::strip_indentation;

    fn strip(html: &str) -> String {
        String::from_utf8(strip_indentation(html.as_bytes().to_vec())).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn indentation_and_blank_lines_go_newlines_stay() {
        assert_eq!(
            strip("<ul>\n  <li>a</li>\n\n    \n\t<li>b\n    c</li>\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>b\nc</li>\n</ul>\n"
        );
    }

    #[test]
    fn verbatim_elements_keep_their_lines() {
        let html = "<div>\n  <pre>\n  code\n\n  more</pre>\n  <p>x</p>\n<textarea>\n  typed\n</textarea>\n  <script type=\"application/json\">\n  {}\n  </script>\n";
        assert_eq!(
            strip(html),
            "<div>\n<pre>\n  code\n\n  more</pre>\n<p>x</p>\n<textarea>\n  typed\n</textarea>\n<script type=\"application/json\">\n  {}\n  </script>\n"
        );
    }

    #[test]
    fn an_element_opened_and_closed_on_one_line_ends_verbatim() {
        assert_eq!(strip("<pre>a</pre>\n  <p>b</p>\n"), "<pre>a</pre>\n<p>b</p>\n");
        assert_eq!(strip("<preview>\n  x\n"), "<preview>\nx\n");
        assert_eq!(strip("<PRE>\n  x\n</PRE>\n  y\n"), "<PRE>\n  x\n</PRE>\ny\n");
    }

    #[test]
    fn text_without_a_final_newline_and_empty_input() {
        assert_eq!(strip("  a\n  b"), "a\nb");
        assert_eq!(strip(""), "");
        assert_eq!(strip("\n\n"), "");
    }
}
