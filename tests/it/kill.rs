//! Killing a build at any moment leaves the published folder as the old site or the new one,
//! never a mix: builds of two different tables are killed at spread-out moments, 24 times.

use crate::common;

use std::time::{Duration, Instant};

use common::{Fixture, OCCUPATIONS_CSV, snapshot};

/// A table big enough that a build takes a while: the shipped rows plus `extra` more, numbered
/// on from the last 序号 (their codes, 4-10-10-00 on, are made up).
fn table(fixture: &Fixture, extra: usize, tag: &str) -> Vec<u8> {
    let next_seq = fixture.rows().iter().map(|r| r.seq as usize).max().unwrap_or(0) + 1;
    let mut text = fixture.read(OCCUPATIONS_CSV);
    for i in 0..extra {
        text.push_str(&format!(
            "{},{tag}测试职业{i},4-10-{:02}-{:02},5、4、3,1\n",
            next_seq + i,
            10 + i / 100,
            i % 100
        ));
    }
    text.into_bytes()
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site() {
    let fixture = Fixture::unreleased();
    let tables = [table(&fixture, 300, "甲"), table(&fixture, 300, "乙")];
    let out = fixture.out();
    // The two complete sites, and how long a build takes here.
    let mut sites = Vec::new();
    let mut longest = Duration::ZERO;
    for t in &tables {
        fixture.write(OCCUPATIONS_CSV, t);
        let started = Instant::now();
        fixture.build_into_cmd(&out).assert().success();
        longest = longest.max(started.elapsed());
        sites.push(snapshot(&out));
    }
    assert_ne!(sites[0], sites[1]);
    let mut seen = [0usize; 2];
    for round in 0..24u32 {
        let next = (round % 2) as usize;
        fixture.write(OCCUPATIONS_CSV, &tables[next]);
        // Spread the kills over the whole build, from its first instant to past its end.
        let delay = longest.mul_f64(f64::from(round) / 20.0);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("linxuan"))
            .env("LINXUAN_LANG", "en")
            .arg("build")
            .arg("--root")
            .arg(fixture.root())
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a build");
        // Every sixth round lets the build finish, so that a build completing is among the
        // outcomes however slow this machine is today.
        if round % 6 == 4 {
            let _ = child.wait();
        } else {
            std::thread::sleep(delay);
            let _ = child.kill();
            let _ = child.wait();
        }
        let now = snapshot(&out);
        let which = sites.iter().position(|s| *s == now);
        assert!(
            which.is_some(),
            "round {round}: after a kill at {delay:?}, {} holds neither site whole",
            out.display()
        );
        if let Some(w) = which {
            seen[w] += 1;
        }
    }
    // The test must have caught builds both before and after their swap.
    assert!(seen[0] > 0 && seen[1] > 0, "outcomes: {seen:?}");
    // And the next build cleans up whatever a killed one left beside the output.
    fixture.build_into_cmd(&out).assert().success();
    let leftovers: Vec<_> = std::fs::read_dir(fixture.tmp())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
