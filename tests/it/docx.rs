//! The Word forms opened by a real reader: LibreOffice converts each shipped form to PDF
//! headless, and the PDF's text (pdftotext) must hold every heading and label. Page 1 of each
//! is rendered to PNG under `target/docx-preview/` for a person to look at.
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

/// The text of every heading and paragraph of a form's Markdown (tables aside), split at the
/// blanks, without white space.
fn passages(markdown: &str) -> Vec<String> {
    markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('|'))
        .flat_map(|p| p.trim_start_matches('#').split("____").map(squeeze).collect::<Vec<_>>())
        .map(|p| p.trim_matches('_').to_owned())
        .filter(|p| !p.is_empty())
        .collect()
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

/// Every heading, label and outline item of the forms, and the blanks' labels.
fn phrases(slug: &str) -> &'static [&'static str] {
    match slug {
        "application" => &[
            "附件2",
            "（单位名称）社会评价组织再评估遴选申报表",
            "一、基本信息",
            "单位名称",
            "办公场所地址",
            "注册登记机构",
            "机构性质",
            "企业□",
            "其他□",
            "统一社会信用代码",
            "法定代表人",
            "注册资金",
            "评价机构负责人",
            "①职务/职称",
            "②固定电话",
            "③手机号码",
            "2、拟申报职业（工种）情况",
            "序号",
            "拟申报职业（工种）",
            "拟申报等级",
            "职业编码",
            "原备案有效期限",
            "已评价人数（人次）",
            "已发证人数（人次）",
            "三、举办条件",
            "提纲如下：",
            "（一）经营范围、主营主业：",
            "四、评价能力",
            "五、信用情况",
            "六、承诺条款",
            "法定代表人（签字）：",
            "单位名称（公章）：",
            "注：申报单位在单位名称处及材料骑缝处加盖单位公章；本表可增行、续页或附表。",
        ],
        "commitment" => &[
            "附件3",
            "职业技能等级认定机构工作承诺书（试行）",
            "（适用于社会评价组织）",
            "机构名称：",
            "机构备案号：",
            "现作以下郑重承诺：",
            "一、保证本机构提交的备案信息",
            "九、自愿接受并积极配合人社部门",
            "评价机构负责人：",
            "联系电话：",
            "评价机构举办单位（公章）：",
            "法定代表人（或其授权代表）签名：",
            "签订时间：",
        ],
        _ => &[],
    }
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

    let preview = root().join("target/docx-preview");
    std::fs::create_dir_all(&preview).expect("preview dir");
    for form in &forms {
        let pdf = work.path().join(format!("{}.pdf", form.slug));
        assert!(pdf.is_file(), "no PDF for {}: {}", form.slug, String::from_utf8_lossy(&output.stderr));
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("run pdftotext");
        assert!(text.status.success(), "pdftotext failed on {}", form.slug);
        let text = squeeze(&String::from_utf8_lossy(&text.stdout));
        let expected = phrases(&form.slug);
        assert!(!expected.is_empty(), "no phrases listed for the form {}", form.slug);
        let missing: Vec<&str> = expected.iter().copied().filter(|p| !text.contains(&squeeze(p))).collect();
        assert!(missing.is_empty(), "{}: the PDF lacks {missing:?}\n{text}", form.slug);
        assert!(!text.contains('_'), "{}: underscores leaked into the PDF", form.slug);
        // Every heading and paragraph arrives whole, punctuation included, page breaks aside.
        let flowing = without_page_numbers(&text);
        let broken: Vec<String> =
            passages(&form.markdown).into_iter().filter(|p| !flowing.contains(p.as_str())).collect();
        assert!(broken.is_empty(), "{}: the PDF does not hold these passages whole: {broken:?}", form.slug);

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
