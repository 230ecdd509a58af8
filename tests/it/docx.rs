//! The Word forms opened by a real reader: LibreOffice converts each shipped form to PDF
//! headless, and the PDF's text (pdftotext) must hold every heading, label and paragraph of the
//! form's source. Page 1 of each is rendered to PNG under `target/docx-preview/` (in
//! `$CARGO_TARGET_DIR` when set) for a person to look at.
//!
//! Needs `soffice` (Debian: `apt-get install -y --no-install-recommends libreoffice-writer-nogui`)
//! and poppler's `pdftotext`/`pdftoppm` (`poppler-utils`); without them the test fails, or
//! skips when asked to (`common::installed_or_skip`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use linxuan::derive::docx::form_docx;
use linxuan::diagnostics::Diagnostics;
use linxuan::model::Form;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped forms, read and validated as a build reads them.
fn shipped_forms() -> Vec<Form> {
    let mut diags = Diagnostics::default();
    let sources = linxuan::load::load(root(), &mut diags);
    let site = linxuan::validate::validate(&sources, None, &mut diags)
        .unwrap_or_else(|| panic!("the shipped site does not validate: {diags:?}"));
    site.forms
}

/// Removes all white space: pdftotext puts spaces between Chinese and Latin text and breaks
/// wrapped cells into lines.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text without the page numbers "— N —" that pdftotext puts between pages.
fn without_page_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('—') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '—'.len_utf8()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match after[digits..].strip_prefix('—') {
            Some(tail) if digits > 0 => rest = tail,
            _ => {
                out.push('—');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What the printed form must show, from its source: 附件N, the heading and subtitle, and
/// every heading, paragraph and table label of its Markdown (around the blanks).
fn expected_text(form: &Form) -> Vec<String> {
    let titles = [Some(format!("附件{}", form.attachment)), Some(form.heading.clone()), form.subtitle.clone()];
    titles.into_iter().flatten().map(|t| squeeze(&t)).chain(common::form_passages(&form.markdown)).collect()
}

#[test]
fn libreoffice_opens_the_forms_and_shows_every_heading() {
    const LIBREOFFICE: &str = "apt-get install -y --no-install-recommends libreoffice-writer-nogui";
    const POPPLER: &str = "apt-get install -y --no-install-recommends poppler-utils";
    if !common::installed_or_skip("soffice", "--version", LIBREOFFICE)
        || !common::installed_or_skip("pdftotext", "-v", POPPLER)
        || !common::installed_or_skip("pdftoppm", "-v", POPPLER)
    {
        return;
    }
    let forms = shipped_forms();
    assert!(forms.len() >= 2, "both forms are shipped");
    let work = tempfile::tempdir().expect("temp dir");
    let date = jiff::civil::date(2025, 3, 14);
    let mut files: Vec<PathBuf> = Vec::new();
    for form in &forms {
        let path = work.path().join(format!("{}.docx", form.slug));
        std::fs::write(&path, form_docx(form, date).expect("docx")).expect("write docx");
        files.push(path);
    }

    // A profile of its own, so a LibreOffice the user has open does not swallow the job.
    let profile = work.path().join("profile");
    let started = Instant::now();
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .args(&files)
        .output()
        .expect("run soffice");
    eprintln!("soffice converted {} forms in {:.1?}", files.len(), started.elapsed());
    assert!(
        output.status.success(),
        "soffice failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    let preview = common::target_dir().join("docx-preview");
    std::fs::create_dir_all(&preview).expect("preview dir");
    for form in &forms {
        let pdf = work.path().join(format!("{}.pdf", form.slug));
        assert!(pdf.is_file(), "no PDF for {}: {}", form.slug, String::from_utf8_lossy(&output.stderr));
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("run pdftotext");
        assert!(text.status.success(), "pdftotext failed on {}", form.slug);
        let text = squeeze(&String::from_utf8_lossy(&text.stdout));
        assert!(!text.contains('_'), "{}: underscores leaked into the PDF", form.slug);
        // Every heading, label and paragraph arrives whole, punctuation included, page breaks aside.
        let flowing = without_page_numbers(&text);
        let missing: Vec<String> = expected_text(form).into_iter().filter(|p| !flowing.contains(p.as_str())).collect();
        assert!(missing.is_empty(), "{}: the PDF does not hold these whole: {missing:?}\n{text}", form.slug);

        let info = Command::new("pdfinfo").arg(&pdf).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        let pages = info
            .ok()
            .and_then(|i| i.lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_owned())))
            .unwrap_or_else(|| "?".into());
        let png = preview.join(&form.slug);
        let render = Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(&png)
            .status()
            .expect("run pdftoppm");
        assert!(render.success(), "pdftoppm failed on {}", form.slug);
        std::fs::copy(&pdf, preview.join(format!("{}.pdf", form.slug))).expect("keep the PDF");
        eprintln!("{}: {pages} pages; page 1 at {}.png", form.slug, png.display());
    }
}
