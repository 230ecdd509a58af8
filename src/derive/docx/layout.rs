//! Table layout for WPS and Word: text measured in ems, column widths in twips that add up to
//! the text width, headings and labels wrapped into even lines with kinsoku rules, and the
//! sizes that make a title fit one line and a wide table's headings few.

use super::styles::{CELL_PAD, ERHAO, SIHAO, TEXT_WIDTH, WUHAO, XIAOER, XIAOSI};
use crate::markdown::{Span, plain_text};

/// A table as the layout sees it: rows of cells padded to the full grid.
pub(super) struct Grid {
    /// Whether the first row is column headings.
    pub(super) header: bool,
    /// The number of grid columns; every row spans them all.
    pub(super) columns: usize,
    pub(super) rows: Vec<Vec<GridCell>>,
    /// Whether its rows repeat (`markdown::fill::repeats`): the filled variant keeps one.
    pub(super) repeats: bool,
}

pub(super) struct GridCell {
    pub(super) spans: Vec<Span>,
    pub(super) span: usize,
    /// Boxes to tick, set on a tab grid.
    pub(super) options: Option<Vec<String>>,
    /// Nothing in it but room to write in.
    pub(super) entry: bool,
    /// The field written here (an entry or boxes to tick), for the filled variant.
    pub(super) field: Option<String>,
}

pub(super) fn char_em(c: char) -> f32 {
    match c {
        ' ' | '\u{a0}' => 0.25,
        c if c.is_ascii() => 0.5,
        // Latin-1 and other Latin letters.
        '\u{80}'..='\u{2ff}' => 0.5,
        _ => 1.0,
    }
}

pub(super) fn text_em(text: &str) -> f32 {
    text.chars().map(char_em).sum()
}

/// The widths of the lines of `spans`, split at breaks.
pub(super) fn line_ems(spans: &[Span]) -> Vec<f32> {
    let mut lines = vec![0.0f32];
    for span in spans {
        match span {
            Span::Text { text, .. } => {
                if let Some(l) = lines.last_mut() {
                    *l += text_em(text)
                }
            }
            Span::Blank(n) => {
                if let Some(l) = lines.last_mut() {
                    *l += *n as f32 * 0.5
                }
            }
            Span::Break => lines.push(0.0),
        }
    }
    lines
}

/// The widest piece that must not be broken: a Latin word or number such as `4-03-02-01`.
pub(super) fn longest_word_em(spans: &[Span]) -> f32 {
    let mut longest = 0.0f32;
    for span in spans {
        if let Span::Text { text, .. } = span {
            let mut word = 0.0f32;
            for c in text.chars() {
                if c.is_ascii_graphic() {
                    word += char_em(c);
                    longest = longest.max(word);
                } else {
                    word = 0.0;
                }
            }
        }
    }
    longest
}

/// What one column of a table asks for, in ems of the table's font.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ColumnNeed {
    /// The lines of text in the column's single-column cells (headings and labels).
    pub(super) texts: Vec<String>,
    /// The narrowest the column may be without breaking a word or an option.
    pub(super) word: f32,
    /// Whether the column is mostly left blank, to write in.
    pub(super) entry: bool,
}

/// Every column is at least two characters wide.
pub(super) const MIN_COLUMN_EM: f32 = 2.0;
/// A column to write in is at least 1.8 cm wide.
pub(super) const MIN_ENTRY: usize = 1020;
/// Labels up to this width stay on one line (统一社会信用代码); longer ones wrap.
pub(super) const LABEL_LINE_EM: f32 = 8.0;
/// A column heading over a column to write in may wrap up to this many lines…
pub(super) const MAX_HEADING_LINES: usize = 3;
/// …and never needs lines longer than this.
pub(super) const HEADING_LINE_EM: f32 = 7.0;
pub(super) const EPSILON: f32 = 0.01;
/// The widest 职业编码 a column of codes holds on one line, with room for a wider digit.
const CODE_WIDTH_SAMPLE: &str = "0-00-00-000";

pub(super) fn column_needs(grid: &Grid) -> Vec<ColumnNeed> {
    let columns = grid.columns;
    let mut needs = vec![ColumnNeed { texts: Vec::new(), word: MIN_COLUMN_EM, entry: false }; columns];
    let mut votes = vec![(0usize, 0usize); columns]; // (blank, filled)
    for (r, row) in grid.rows.iter().enumerate() {
        let mut column = 0;
        for cell in row {
            if cell.span == 1 && column < columns {
                let need = &mut needs[column];
                if let Some(options) = &cell.options {
                    let widest = options.iter().map(|o| text_em(o)).fold(0.0, f32::max);
                    need.word = need.word.max(widest);
                } else {
                    if grid.header
                        && r == 0
                        && crate::markdown::fill::column_role(&plain_text(&cell.spans)) == Some("code")
                    {
                        // A code (`4-03-02-07`) is read whole: broken at a dash it misleads.
                        need.word = need.word.max(text_em(CODE_WIDTH_SAMPLE));
                    }
                    need.texts.extend(
                        plain_text(&cell.spans).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned),
                    );
                    need.word = need.word.max(longest_word_em(&cell.spans));
                }
                if !(grid.header && r == 0) {
                    let vote = &mut votes[column];
                    if cell.entry {
                        vote.0 += 1;
                    } else {
                        vote.1 += 1;
                    }
                }
            }
            column += cell.span;
        }
    }
    for (need, (blank, filled)) in needs.iter_mut().zip(votes) {
        need.entry = blank > 0 && blank >= filled;
    }
    needs
}

/// The narrowest room, in ems, in which every text of the column wraps to at most `lines`.
pub(super) fn room_for(need: &ColumnNeed, lines: usize) -> f32 {
    need.texts.iter().map(|t| text_room(t, lines)).fold(need.word.max(MIN_COLUMN_EM), f32::max)
}

pub(super) fn text_room(text: &str, lines: usize) -> f32 {
    let width = text_em(text);
    let mut room = ceil_half(width / lines.max(1) as f32);
    while room < width && wrap(text, room).len() > lines {
        room += 0.5;
    }
    room.min(ceil_half(width))
}

/// Rounds up to the next half em.
pub(super) fn ceil_half(em: f32) -> f32 {
    (em * 2.0 - EPSILON).ceil() / 2.0
}

/// Column widths in twips adding up to exactly `total`.
///
/// Label columns (mostly filled in) are as wide as their longest label, up to
/// [`LABEL_LINE_EM`]. Columns to write in start at [`MIN_ENTRY`] or the width that wraps their
/// heading into [`MAX_HEADING_LINES`] lines; while there is room, headings lose a line, the
/// cheapest first and alike headings together; whatever is left widens the narrowest columns
/// to write in.
pub(super) fn column_widths(needs: &[ColumnNeed], em: usize, total: usize) -> Vec<usize> {
    if needs.is_empty() {
        return Vec::new();
    }
    let twips = |room: f32| (room * em as f32).round() as usize + CELL_PAD;
    let fewest_lines = |need: &ColumnNeed, limit: f32| {
        (1..=MAX_HEADING_LINES).find(|&l| room_for(need, l) <= limit + EPSILON).unwrap_or(MAX_HEADING_LINES)
    };
    // A long text in a column (a sentence rather than a label) wraps as Word likes; it does not
    // widen the column past a label's width.
    let width = |need: &ColumnNeed, lines: usize| {
        let cap = if need.entry { HEADING_LINE_EM } else { LABEL_LINE_EM };
        let w = twips(room_for(need, lines).min(cap.max(need.word)));
        if need.entry { w.max(MIN_ENTRY) } else { w }
    };
    let min_lines: Vec<usize> = needs
        .iter()
        .map(|n| if n.entry { fewest_lines(n, HEADING_LINE_EM) } else { fewest_lines(n, LABEL_LINE_EM) })
        .collect();
    let mut lines: Vec<usize> =
        needs.iter().zip(&min_lines).map(|(n, &m)| if n.entry { m.max(MAX_HEADING_LINES) } else { m }).collect();
    let mut widths: Vec<usize> = needs.iter().zip(&lines).map(|(n, &l)| width(n, l)).collect();
    let used: usize = widths.iter().sum();
    if used > total {
        // Too many columns for the page: shrink them all alike.
        let mut scaled: Vec<usize> = widths.iter().map(|w| w * total / used).collect();
        let rest = total - scaled.iter().sum::<usize>();
        if let Some(last) = scaled.last_mut() {
            *last += rest;
        }
        return scaled;
    }
    let mut spare = total - used;
    // Take headings down a line at a time, cheapest first, while it fits. Columns whose
    // headings are alike (the same widths before and after) move together.
    loop {
        let mut steps: Vec<(usize, usize, usize, Vec<usize>)> = Vec::new(); // (cost, -lines, wider, columns)
        for c in 0..needs.len() {
            if !needs[c].entry || lines[c] <= min_lines[c] {
                continue;
            }
            let wider = width(&needs[c], lines[c] - 1);
            let cost = wider.saturating_sub(widths[c]);
            let key = (cost, usize::MAX - lines[c], wider);
            match steps.iter_mut().find(|s| (s.0, s.1, s.2) == key && widths[s.3[0]] == widths[c]) {
                Some(step) => step.3.push(c),
                None => steps.push((key.0, key.1, key.2, vec![c])),
            }
        }
        steps.sort();
        let Some((cost, _, wider, columns)) = steps.into_iter().find(|s| s.0 * s.3.len() <= spare) else {
            break;
        };
        spare -= cost * columns.len();
        for c in columns {
            widths[c] = widths[c].max(wider);
            lines[c] -= 1;
        }
    }
    let mut open: Vec<usize> = (0..needs.len()).filter(|&c| needs[c].entry).collect();
    if open.is_empty() {
        open = (0..needs.len()).collect();
    }
    water_fill(&mut widths, &open, spare);
    widths
}

/// Spends `extra` twips raising the narrowest of the `open` columns, evenly.
pub(super) fn water_fill(widths: &mut [usize], open: &[usize], mut extra: usize) {
    while extra > 0 && !open.is_empty() {
        let low = open.iter().map(|&c| widths[c]).min().expect("the loop runs while columns are open");
        let lowest: Vec<usize> = open.iter().copied().filter(|&c| widths[c] == low).collect();
        let next = open.iter().map(|&c| widths[c]).filter(|&w| w > low).min();
        let step = next.map_or(usize::MAX, |n| n - low);
        match step.checked_mul(lowest.len()) {
            Some(cost) if cost <= extra => {
                for &c in &lowest {
                    widths[c] += step;
                }
                extra -= cost;
            }
            _ => {
                let each = extra / lowest.len();
                let rest = extra % lowest.len();
                for (k, &c) in lowest.iter().enumerate() {
                    widths[c] += each + usize::from(k < rest);
                }
                extra = 0;
            }
        }
    }
}

/// Signs that must not begin a line, and signs that must not end one.
pub(super) const NO_LINE_START: &[char] =
    &['）', ')', '、', '，', '。', '：', '；', '！', '？', '」', '』', '】', '”', '’', '》', ',', '.', ':', ';'];
pub(super) const NO_LINE_END: &[char] = &['（', '(', '「', '『', '【', '“', '‘', '《'];

/// Breaks a heading or label into lines no wider than `room` ems: before an opening bracket
/// when that fits (拟申报职业 / （工种）), otherwise into lines of about equal length, never
/// inside a Latin word and never with a bracket or comma on the wrong side of a break.
pub(super) fn wrap(text: &str, room: f32) -> Vec<String> {
    if text_em(text) <= room + EPSILON {
        return vec![text.to_owned()];
    }
    let balanced = balance(text, room);
    if let Some(k) = text.find(['（', '('])
        && k > 0
    {
        let (head, tail) = text.split_at(k);
        if text_em(head) <= room + EPSILON {
            let mut lines = vec![head.trim_end().to_owned()];
            lines.extend(wrap(tail, room));
            if lines.len() <= balanced.len() {
                return lines;
            }
        }
    }
    balanced
}

/// Splits `text` into the fewest lines that fit `room`, each about as long as the others.
pub(super) fn balance(text: &str, room: f32) -> Vec<String> {
    // Units that are never split: a Latin word or number, or one other character.
    let mut units: Vec<String> = Vec::new();
    for c in text.chars() {
        match units.last_mut() {
            Some(last) if c.is_ascii_graphic() && last.chars().all(|l| l.is_ascii_graphic()) => last.push(c),
            _ => units.push(c.to_string()),
        }
    }
    let widths: Vec<f32> = units.iter().map(|u| text_em(u)).collect();
    let total: f32 = widths.iter().sum();
    let fewest = ((total / room.max(0.5)) - EPSILON).ceil().max(1.0) as usize;
    for n in fewest..=units.len() {
        let mut breaks = Vec::new(); // index of the first unit of each line after the first
        let mut at = 0;
        let mut rest = total;
        for left in (2..=n).rev() {
            let target = rest / left as f32;
            let mut width = 0.0;
            while at < units.len() && width + EPSILON < target && width + widths[at] <= room + EPSILON {
                width += widths[at];
                at += 1;
            }
            breaks.push(at);
            rest -= width;
        }
        let lines = kinsoku(&units, &breaks);
        if lines.len() == n && lines.iter().all(|l| !l.is_empty() && text_em(l) <= room + EPSILON) {
            return lines.into_iter().map(|l| l.trim().to_owned()).collect();
        }
    }
    vec![text.to_owned()]
}

/// Cuts `units` at `breaks`, moving a closing sign up to the line before and an opening sign
/// down to the line after.
pub(super) fn kinsoku(units: &[String], breaks: &[usize]) -> Vec<String> {
    let mut breaks = breaks.to_vec();
    for b in &mut breaks {
        let starts_bad =
            |b: usize| units.get(b).and_then(|u| u.chars().next()).is_some_and(|c| NO_LINE_START.contains(&c));
        let ends_bad = |b: usize| b > 0 && units[b - 1].chars().last().is_some_and(|c| NO_LINE_END.contains(&c));
        while *b < units.len() && starts_bad(*b) {
            *b += 1;
        }
        while *b > 0 && ends_bad(*b) {
            *b -= 1;
        }
    }
    let mut lines = Vec::new();
    let mut from = 0;
    for b in breaks {
        let b = b.clamp(from, units.len());
        lines.push(units[from..b].concat());
        from = b;
    }
    lines.push(units[from..].concat());
    lines
}

/// 二号, or smaller (down to 小二) when the title would not fit on one line.
pub(super) fn title_size(title: &str) -> usize {
    let width = text_em(title);
    let mut size = ERHAO;
    // Half-points to twips: ×10; keep 2 % slack for the fonts' side bearings.
    while size > XIAOER && width * em_twips(size) as f32 > TEXT_WIDTH as f32 * 0.98 {
        size -= 2;
    }
    size
}

/// Tables with many columns use a smaller size so their headings stay on a few lines.
pub(super) fn table_size(columns: usize) -> usize {
    match columns {
        0..=4 => SIHAO,
        5..=6 => XIAOSI,
        _ => WUHAO,
    }
}

/// Twips per em at a size in half-points.
pub(super) fn em_twips(size: usize) -> usize {
    size * 10
}

// ---------------------------------------------------------------------------------------------
// Writing the document.
