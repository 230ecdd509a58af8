//! How the Word forms look: A4 and GB/T 9704 margins, the sizes by their Chinese names, the
//! typefaces with their Latin fallbacks, and the runs of text set in them.

use docx_rs::{BreakType, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts};

use crate::markdown::Span;

/// A4 portrait, in twips (1/20 pt).
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;

/// Millimetres to twips, rounded: 1 mm = 1440 / 25.4 twips.
const fn twips_from_mm(mm: i32) -> i32 {
    (mm * 14400 + 127) / 254
}

/// GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
pub const MARGIN_TOP: i32 = twips_from_mm(37);
pub const MARGIN_BOTTOM: i32 = twips_from_mm(35);
pub const MARGIN_LEFT: i32 = twips_from_mm(28);
pub const MARGIN_RIGHT: i32 = twips_from_mm(26);
/// The width between the margins; every table spans exactly this.
pub const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

/// Font sizes in half-points, by their Chinese names.
pub(super) const ERHAO: usize = 44; // 二号 22 pt
pub(super) const XIAOER: usize = 36; // 小二 18 pt, the smallest a long title is shrunk to
pub(super) const SANHAO: usize = 32; // 三号 16 pt
pub(super) const SIHAO: usize = 28; // 四号 14 pt
pub(super) const XIAOSI: usize = 24; // 小四 12 pt
pub(super) const WUHAO: usize = 21; // 五号 10.5 pt

/// The fixed line of body text: 28 pt, 22 lines to the page as in GB/T 9704.
pub(super) const BODY_LINE: i32 = 560;
/// The smallest height of a table row with a cell to write in: 1 cm.
pub(super) const WRITING_ROW: f32 = 567.0;
/// Word's default left and right cell margins (108 twips each) and a little slack.
pub(super) const CELL_PAD: usize = 236;
/// Table rule weight in eighths of a point: 0.5 pt.
pub(super) const RULE: usize = 4;

/// A typeface: the name Chinese text is set in and the one for Latin letters and digits.
/// Each Chinese name is listed in `fontTable.xml` with its Latin name as `w:altName`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Face {
    east_asia: &'static str,
    latin: &'static str,
}

pub(super) const FANGSONG: Face = Face { east_asia: "仿宋", latin: "Times New Roman" };
pub(super) const HEITI: Face = Face { east_asia: "黑体", latin: "Times New Roman" };
pub(super) const SONGTI: Face = Face { east_asia: "宋体", latin: "Times New Roman" };
pub(super) const KAITI: Face = Face { east_asia: "楷体", latin: "Times New Roman" };
/// Blanks: one Latin font for every script so the underline has the same length everywhere.
pub(super) const BLANK_FACE: Face = Face { east_asia: "Times New Roman", latin: "Times New Roman" };

/// The fonts named in the document, for `fontTable.xml`:
/// (name, altName, panose, charset, family, pitch).
pub(super) const FONT_TABLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("Times New Roman", "", "02020603050405020304", "00", "roman", "variable"),
    ("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed"),
    ("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    ("楷体", "KaiTi", "02010609060101010101", "86", "modern", "fixed"),
];

impl Face {
    pub(super) fn fonts(self) -> RunFonts {
        let fonts = RunFonts::new().ascii(self.latin).hi_ansi(self.latin).cs(self.latin).east_asia(self.east_asia);
        if self.east_asia == self.latin {
            fonts
        } else {
            // Quotes, ①, □ and … are set in the Chinese font, as a Chinese IME would.
            fonts.hint("eastAsia")
        }
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    pub(super) face: Face,
    pub(super) size: usize,
    pub(super) bold: bool,
}

/// Body text: 仿宋 三号.
pub(super) const BODY: Style = Style { face: FANGSONG, size: SANHAO, bold: false };

pub(super) fn heading_style(level: u8) -> Style {
    match level {
        1 | 2 => Style { face: HEITI, size: SANHAO, bold: false },
        3 => Style { face: KAITI, size: SANHAO, bold: true },
        _ => Style { face: FANGSONG, size: SANHAO, bold: true },
    }
}

pub(super) fn exact(line: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(line).before(0).after(0)
}

pub(super) fn run(text: &str, style: Style) -> Run {
    let mut r = Run::new().add_text(text).fonts(style.face.fonts()).size(style.size);
    if style.bold {
        r = r.bold();
    }
    r
}

pub(super) fn add_runs(mut p: Paragraph, spans: &[Span], style: Style) -> Paragraph {
    for span in spans {
        let r = match span {
            Span::Text { text, strong, emphasis } => {
                let mut parts = text.split('\t');
                let mut r = run(
                    parts.next().expect("a split has a first piece"),
                    Style { bold: style.bold || *strong, ..style },
                );
                for part in parts {
                    r = r.add_tab().add_text(part);
                }
                if *emphasis {
                    r = r.italic();
                }
                r
            }
            // Half an em per underscore: two non-breaking spaces of a quarter em each.
            Span::Blank(n) => Run::new()
                .add_text("\u{a0}".repeat(2 * n))
                .fonts(BLANK_FACE.fonts())
                .size(style.size)
                .underline("single"),
            Span::Break => Run::new().add_break(BreakType::TextWrapping),
        };
        p = p.add_run(r);
    }
    p
}
