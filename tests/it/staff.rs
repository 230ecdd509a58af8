//! What bureau staff read, in Chinese: `linxuan check` after they edit the table in Excel, and
//! the `--help` of every command (snapshots, in both languages).

use std::path::Path;

use crate::common;

use common::variants::{Variant, rows_of};
use common::{Fixture, OCCUPATIONS_CSV, linxuan, linxuan_zh};

/// Latin words a Chinese text may hold: the program's and its commands' names, and the names of
/// programs and formats staff know by them.
const NAMES: [&str; 16] = [
    "linxuan", "build", "check", "serve", "init", "import", "release", "help", "Excel", "WPS", "Word", "CSV", "UTF",
    "GB", "BOM", "URL",
];

/// The Latin words of `text` that are not names: a word with `.`, `/`, `-` or `_` is a file
/// name, a path, an option or a code, and one without letters is a number. What `「」` quote is
/// taken from the site's own files (a key of config.toml, its line), so it is not looked at.
fn english_words(text: &str) -> Vec<&str> {
    let mut depth = 0usize;
    let outside_quotes = text.split(|c: char| match c {
        '「' => {
            depth += 1;
            true
        }
        '」' => {
            depth = depth.saturating_sub(1);
            true
        }
        _ => depth > 0,
    });
    outside_quotes
        .flat_map(|part| part.split(|c: char| !(c.is_ascii_alphanumeric() || "_-./".contains(c))))
        .filter(|word| word.bytes().any(|b| b.is_ascii_alphabetic()))
        .filter(|word| !word.contains(['.', '/', '-', '_']) && !NAMES.contains(word))
        .collect()
}

/// The test of done: a staff member who reads no English edits the table in Excel,
/// saves it as Excel does (CSV UTF-8: a BOM, CRLF, a line break typed with Alt+Enter kept inside
/// its quoted cell), makes three mistakes in three rows, and `linxuan check` names each row as
/// Excel numbers it, in Chinese, once each. The site is the shipped one, its example values
/// still in place, so the warnings about them must be Chinese too.
#[test]
fn three_mistakes_in_excel_give_three_chinese_lines_naming_excels_rows() {
    let fixture = Fixture::shipped();
    let mut rows = rows_of(&fixture.read(OCCUPATIONS_CSV));
    assert!(rows.len() > 17, "the shipped table has at least 16 rows");
    // Excel's row N is rows[N - 1]: the header is row 1.
    let name = rows[3][1].clone();
    let split = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
    rows[3][1] = format!("{}\n{}", &name[..split], &name[split..]);
    rows[8][4] = "1个".to_owned();
    let code = rows[16][2].clone();
    assert!(code.contains('0'), "{code} has a 0 to mistype as the letter O");
    let bad_code = code.replacen('0', "O", 1);
    rows[16][2] = bad_code.clone();
    Variant::Bom.write_into(&fixture, &rows);

    let output = linxuan_zh().current_dir(fixture.root()).arg("check").output().expect("run linxuan check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let expected = [
        "错误：data/occupations.csv 第 4 行「职业（工种）」：名称中有换行，请写在一行内".to_owned(),
        "错误：data/occupations.csv 第 9 行「拟遴选机构数量」：「1个」不是正整数，请只填数字，例如 1".to_owned(),
        format!(
            "错误：data/occupations.csv 第 17 行「职业编码」：「{bad_code}」不是职业编码，职业编码由四段数字组成，例如 4-10-01-03"
        ),
    ];
    for line in &expected {
        let times = stderr.lines().filter(|l| l == line).count();
        assert_eq!(times, 1, "`{line}` appears {times} times in\n{stderr}");
    }
    let about_table = stderr.lines().filter(|l| l.contains(OCCUPATIONS_CSV)).count();
    assert_eq!(about_table, 3, "one line for each mistake, no other:\n{stderr}");
    assert!(stderr.lines().any(|l| l == "检查未通过：3 个错误"), "{stderr}");
    assert_eq!(english_words(&stderr), Vec::<&str>::new(), "{stderr}");
    assert!(output.stdout.is_empty(), "check prints to stderr only");
}

/// The commands whose `--help` is kept as a snapshot (`None`: `linxuan --help`).
const COMMANDS: [Option<&str>; 8] =
    [None, Some("build"), Some("check"), Some("serve"), Some("init"), Some("import"), Some("release"), Some("publish")];

/// `--help` of every command in Chinese and English, as `tests/snapshots/help/<command>.<lang>.txt`.
/// `LINXUAN_BLESS=1` writes the current output there instead of comparing, for a change meant.
#[test]
fn help_of_every_command_matches_its_snapshot() {
    let dir = common::repo_root().join("tests/snapshots/help");
    let bless = std::env::var("LINXUAN_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for lang in ["zh", "en"] {
        for command in COMMANDS {
            let mut program = if lang == "zh" { linxuan_zh() } else { linxuan() };
            let output = program.args(command).arg("--help").output().expect("run linxuan --help");
            assert!(output.status.success(), "{command:?} --help exits 0");
            let help = String::from_utf8(output.stdout).expect("help is UTF-8");
            let file = dir.join(format!("{}.{lang}.txt", command.unwrap_or("linxuan")));
            if bless {
                std::fs::create_dir_all(&dir).expect("create tests/snapshots/help");
                std::fs::write(&file, &help).expect("write a snapshot");
            } else if let Some(failure) = differs(&file, &help) {
                failures.push(failure);
            }
        }
    }
    assert!(failures.is_empty(), "{}\n(LINXUAN_BLESS=1 rewrites the snapshots)", failures.join("\n\n"));
}

/// What differs between a snapshot and the text now: its first differing line.
fn differs(file: &Path, now: &str) -> Option<String> {
    let name = file.display();
    let Ok(kept) = std::fs::read_to_string(file) else {
        return Some(format!("{name}: no snapshot"));
    };
    if kept == now {
        return None;
    }
    let (mut kept_lines, mut now_lines) = (kept.lines(), now.lines());
    for number in 1.. {
        match (kept_lines.next(), now_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => return Some(format!("{name}: line {number}\n  kept: {a:?}\n  now:  {b:?}")),
        }
    }
    Some(format!("{name}: differs in line ends or a final line break"))
}
