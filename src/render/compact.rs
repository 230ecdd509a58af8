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

/// `html` without indentation and blank lines.
pub fn strip_indentation(html: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    // The closing tag that ends the verbatim element the text is inside of.
    let mut verbatim: Option<&[u8]> = None;
    // The kept part of the current line starts at `start`; `compacting` when the line began
    // outside a verbatim element (its indentation is gone, and it goes if nothing is left).
    let mut compacting = true;
    let mut start = skip_indentation(&html, 0);
    // One pass over the newlines and tags of the whole page: a search per line and per tag
    // cost as much as rendering the page.
    for at in memchr::memchr2_iter(b'\n', b'<', &html) {
        if html[at] == b'<' {
            verbatim = after_tag(&html[at..], verbatim);
            continue;
        }
        if !(compacting && start == at) {
            out.extend_from_slice(&html[start..=at]);
        }
        compacting = verbatim.is_none();
        start = if compacting { skip_indentation(&html, at + 1) } else { at + 1 };
    }
    out.extend_from_slice(&html[start.min(html.len())..]);
    out
}

/// The first byte from `from` on that is not a space or a tab.
fn skip_indentation(html: &[u8], from: usize) -> usize {
    html[from..].iter().position(|b| !matches!(b, b' ' | b'\t')).map_or(html.len(), |i| from + i)
}

/// Whether the text after the tag that starts `rest` is inside a verbatim element, given
/// whether the text before it was (and so which closing tag ends it).
fn after_tag(rest: &[u8], open: Option<&'static [u8]>) -> Option<&'static [u8]> {
    match open {
        Some(close) if starts_with_ignore_case(rest, close) => None,
        Some(_) => open,
        // Most tags are ruled out by their first letter (`<a`, `<li`, `</…`).
        None if !matches!(rest.get(1).map(u8::to_ascii_lowercase), Some(b'p' | b's' | b't')) => None,
        None => VERBATIM.iter().find(|(tag, _)| opens(rest, tag)).map(|(_, close)| *close),
    }
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
    use super::{VERBATIM, opens, starts_with_ignore_case};
    use proptest::prelude::*;
    /// The rule line by line, as first written: the oracle the one-pass version is checked against.
    fn line_by_line(mut html: Vec<u8>) -> Vec<u8> {
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
            verbatim = line_verbatim_after(&html[start..end], verbatim);
            html.copy_within(start..end, write);
            write += end - start;
            read = end;
        }
        html.truncate(write);
        html
    }

    /// Whether the text after `line` is inside a verbatim element, given whether it began inside one.
    fn line_verbatim_after(line: &[u8], mut open: Option<&'static [u8]>) -> Option<&'static [u8]> {
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

    proptest! {
        #[test]
        fn one_pass_equals_line_by_line(parts in proptest::collection::vec(prop::sample::select(vec![
            " ", "  ", "\t", "\n", "\n\n", "x", "<p>", "</p>", "<pre>", "</pre>", "<PRE class=x>", "</Pre>",
            "<preview>", "<textarea>", "</textarea>", "<script src=a>", "</script>", "<style>", "</style>",
            "<s", "<t", "<", "保育师",
        ]), 0..40)) {
            let html = parts.concat();
            prop_assert_eq!(strip(&html), String::from_utf8(line_by_line(html.as_bytes().to_vec())).expect("UTF-8"));
        }
    }

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
