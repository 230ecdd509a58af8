//! Diagnostics as the terminal shows them: one a line, a long one wrapped to the terminal's
//! width with its location kept whole. Elsewhere (logs, tests) each stays on one line, to be
//! searched whole. `check`, `build`, `release` and `serve` all print through here.

use std::io::IsTerminal;

use super::Diagnostics;

/// Prints the diagnostics to stderr, sorted, a few dozen of each file at most.
pub fn print(diags: &Diagnostics) {
    for d in diags.shown() {
        eprintln!("{}", for_stderr(&d.to_string(), &d.message));
    }
}

/// `line` (a diagnostic that ends with `message`) as stderr should show it: wrapped on a
/// terminal (see [`wrap`]), whole elsewhere.
pub fn for_stderr(line: &str, message: &str) -> String {
    match std::io::stderr().is_terminal() {
        true => wrap(line, message, width()),
        false => line.to_owned(),
    }
}

/// The width of the terminal stderr writes to, else `COLUMNS`, else 80.
fn width() -> usize {
    terminal_size::terminal_size_of(std::io::stderr())
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .filter(|&w| w > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok().filter(|&w| w > 0))
        .unwrap_or(80)
}

/// `line` (a diagnostic that ends with `message`) in lines of at most `width` columns (a Han
/// character takes two), broken where Unicode allows (never before `，` or `」`), continuation
/// lines indented by two spaces. Its location, `错误：data/occupations.csv 第 7 行「等级范围」：`,
/// is never broken, so the file and row stay easy to copy; when it leaves too little room, the
/// message starts on the next line.
pub fn wrap(line: &str, message: &str, width: usize) -> String {
    const INDENT: &str = "  ";
    /// The least room worth starting the message in beside its location.
    const MIN_ROOM: usize = 12;
    let Some(at) = line.strip_suffix(message).filter(|at| !at.is_empty()) else {
        let options = textwrap::Options::new(width).subsequent_indent(INDENT);
        return textwrap::wrap(line, options).join("\n");
    };
    let at_width = textwrap::core::display_width(at);
    if at_width + MIN_ROOM > width {
        let options = textwrap::Options::new(width).initial_indent(INDENT).subsequent_indent(INDENT);
        return format!("{}\n{}", at.trim_end(), textwrap::wrap(message, options).join("\n"));
    }
    // The location's room is held by spaces of its width, then the location takes their place.
    let room = " ".repeat(at_width);
    let options = textwrap::Options::new(width).initial_indent(&room).subsequent_indent(INDENT);
    let mut lines = textwrap::wrap(message, options);
    let first = lines.first().map_or("", |l| l.get(room.len()..).unwrap_or(""));
    let first = format!("{at}{first}");
    match lines.first_mut() {
        Some(l) => *l = first.into(),
        None => lines.push(first.into()),
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    fn no_spaces(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn a_long_diagnostic_wraps_with_its_location_whole() {
        let at = "错误：data/occupations.csv 第 7 行「等级范围」：";
        let message = "「六级」中的 六级 不是等级，等级只能是 1–5（五级/初级工 … 一级/高级技师）；请改正后再保存";
        let line = format!("{at}{message}");
        let wrapped = wrap(&line, message, 60);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines[0].starts_with(at), "{wrapped}");
        assert!(lines.len() > 1 && lines[1..].iter().all(|l| l.starts_with("  ")), "{wrapped}");
        assert!(lines.iter().all(|l| textwrap::core::display_width(l) <= 60), "{wrapped}");
        assert_eq!(no_spaces(&wrapped), no_spaces(&line), "no text is lost");
        assert_eq!(wrap(&line, message, 200), line, "a line that fits is left alone");
        // Too narrow for the location and some of the message: the message starts below.
        let narrow = wrap(&line, message, 50);
        assert_eq!(narrow.lines().next(), Some(at.trim_end()), "{narrow}");
    }
}
