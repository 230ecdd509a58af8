//! Markdown text → pulldown-cmark events, made safe and with the blanks marked: the one place
//! the Markdown parser is called. Nothing outside [`super`] sees these events.

use pulldown_cmark::{CowStr, Event, OffsetIter, Options, Parser, Tag};

use super::document::TooDeep;
use crate::limits;

/// The smallest run of underscores that counts as a blank to fill in.
const MIN_BLANK: usize = 4;

/// Stands in for one `_` of a blank. Blanks are marked before parsing because CommonMark
/// would pair underscore runs between CJK punctuation (`：____；`) as emphasis; the reader
/// turns each run of marks into [`super::Inline::Blank`], so the mark never leaves this module.
pub(super) const BLANK_MARK: char = '\u{E000}';

/// The parsed document: adjacent text merged, raw HTML turned to text (but `<br>`), unsafe
/// link targets replaced, and every blank kept as a run of [`BLANK_MARK`] inside text.
/// Refused when containers nest deeper than [`limits::MARKDOWN_DEPTH`]: the parser itself
/// keeps no stack, but every reader of the document recurses into each container.
pub(super) fn events(markdown: &str) -> Result<Vec<Event<'static>>, TooDeep> {
    let marked = mark_blanks(markdown);
    // Marking keeps every line end in place, so a line of `marked` is a line of `markdown`.
    normalise(Parser::new_ext(&marked, Options::ENABLE_TABLES).into_offset_iter(), &marked)
}

fn mark_blanks(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut run = 0;
    let flush = |out: &mut String, run: usize| {
        let c = if run >= MIN_BLANK { BLANK_MARK } else { '_' };
        out.extend(std::iter::repeat_n(c, run));
    };
    for c in markdown.chars() {
        if c == '_' {
            run += 1;
            continue;
        }
        flush(&mut out, run);
        run = 0;
        out.push(c);
    }
    flush(&mut out, run);
    out
}

fn normalise<'a>(parser: OffsetIter<'a>, text: &str) -> Result<Vec<Event<'static>>, TooDeep> {
    let mut merged: Vec<Event<'a>> = Vec::new();
    let mut depth = 0;
    for (event, range) in parser {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth > limits::MARKDOWN_DEPTH {
            let line = text.get(..range.start).unwrap_or(text).matches('\n').count() + 1;
            return Err(TooDeep { line });
        }
        let event = match event {
            Event::Html(s) | Event::InlineHtml(s) if is_line_break(&s) => Event::Html("<br>".into()),
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
            }
            other => other,
        };
        match (merged.last_mut(), event) {
            (Some(Event::Text(prev)), Event::Text(next)) => *prev = CowStr::from(format!("{prev}{next}")),
            (_, event) => merged.push(event),
        }
    }
    Ok(merged.into_iter().map(Event::into_static).collect())
}

/// Keeps relative, http(s) and mailto links; anything else (`javascript:`, `data:`) becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => "#".into(),
    }
}

fn is_line_break(html: &str) -> bool {
    matches!(html.trim().to_ascii_lowercase().as_str(), "<br>" | "<br/>" | "<br />")
}
