//! `linxuan publish` (发布) as staff run it: refused with placeholders (nothing written), a
//! package and no release when nothing changed, a note asked for and one release recorded
//! when a row changed, and the same package bytes for the same input.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use crate::common::{self, Fixture, OCCUPATIONS_CSV, linxuan_zh};

fn publish(fixture: &Fixture, args: &[&str]) -> std::process::Output {
    linxuan_zh()
        .arg("publish")
        .arg("--root")
        .arg(fixture.root())
        .arg("--output")
        .arg(fixture.out())
        .args(args)
        .output()
        .expect("run linxuan publish")
}

fn releases(fixture: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture.path("data/releases"))
        .expect("data/releases")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file of a zip, name → bytes.
fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("open the package")).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read an entry");
            (file.name().expect("a UTF-8 name").into_owned(), bytes)
        })
        .collect()
}

#[test]
fn placeholders_are_refused_and_nothing_is_written() {
    let fixture = Fixture::shipped();
    let before = releases(&fixture);
    let output = publish(&fixture, &["--note", "试一试", "--date", "2026-12-07"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("发布被拒绝"), "{stderr}");
    assert!(stderr.contains("（示例）"), "names the placeholders: {stderr}");
    assert!(!fixture.out().exists(), "no site written");
    assert!(!fixture.tmp().join("linxuan-发布-2026-12-07.zip").exists(), "no package written");
    assert_eq!(releases(&fixture), before, "no release recorded");
}

#[test]
fn unchanged_sources_give_a_package_of_exactly_the_output_and_no_release() {
    let fixture = Fixture::publishable();
    let before = releases(&fixture);
    let output = publish(&fixture, &["--date", "2026-12-07"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("没有新的发布记录"), "{stdout}");
    assert_eq!(releases(&fixture), before, "nothing to record");
    let package = fixture.tmp().join("linxuan-发布-2026-12-07.zip");
    assert!(stdout.contains("linxuan-发布-2026-12-07.zip"), "says where the package is: {stdout}");
    let zipped = unzip(&package);
    let folder: BTreeMap<String, Vec<u8>> = common::snapshot(&fixture.out())
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .collect();
    assert_eq!(zipped.keys().collect::<Vec<_>>(), folder.keys().collect::<Vec<_>>(), "the output's files");
    assert!(zipped == folder, "the output's bytes");

    // The same input, published again: the same package, byte for byte.
    let first = std::fs::read(&package).expect("the package");
    let again = publish(&fixture, &["--date", "2026-12-07"]);
    assert!(again.status.success());
    assert!(std::fs::read(&package).expect("the package") == first, "the same bytes for the same input");
}

#[test]
fn a_changed_row_needs_a_note_and_is_recorded_once() {
    let fixture = Fixture::publishable();
    let before = releases(&fixture);
    let table = fixture.read(OCCUPATIONS_CSV);
    let first_row = table.lines().nth(1).expect("a row").to_owned();
    let mut cells: Vec<String> = first_row.split(',').map(str::to_owned).collect();
    let count: u32 = cells[4].trim().parse().expect("a count");
    cells[4] = (count + 1).to_string();
    fixture.write(OCCUPATIONS_CSV, table.replacen(&first_row, &cells.join(","), 1));

    let refused = publish(&fixture, &["--date", "2027-01-15"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("--note") && stderr.contains("拟遴选机构数量"),
        "asks for a note, names the change: {stderr}"
    );
    assert_eq!(releases(&fixture), before, "nothing recorded without a note");
    assert!(!fixture.out().exists(), "nothing built without a note");

    let output = publish(&fixture, &["--date", "2027-01-15", "--note", "调整拟遴选机构数量"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("已记录 2027-01-15 的发布，共 1 项更改"), "{stdout}");
    let after = releases(&fixture);
    assert_eq!(after.len(), before.len() + 2, "one release: {after:?}");
    assert!(after.contains(&"2027-01-15.csv".to_owned()) && after.contains(&"2027-01-15.toml".to_owned()));
    let updates = std::fs::read_to_string(fixture.out().join("updates/index.html")).expect("the updates page");
    assert!(updates.contains("调整拟遴选机构数量"), "the public sees the note");
    assert!(fixture.tmp().join("linxuan-发布-2027-01-15.zip").is_file());
}
