//! Tests of `on_demand.rs` (a file of their own, as they also render the whole site through
//! `render::render` to compare, and `render/mod.rs` imports `on_demand.rs`).

use super::*;
use crate::load::TextFile;
use crate::write::Memory;

fn shipped() -> Sources {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::load::load(root, &mut Diagnostics::default())
}

/// Renders `sources` whole and one file at a time, the Excel table and the rows made after
/// `early` (pages that need neither), and compares every file.
fn one_at_a_time_equals_the_full_render(sources: &Sources, early: &[&str]) {
    let mut diags = Diagnostics::default();
    let site = crate::validate::validate(sources, None, &mut diags).expect("the site validates");
    let full = Memory::default();
    let pages = super::super::render(&site, sources, &mut diags, &full).expect("renders in memory");
    let full = full.into_files();

    let one_by_one = Memory::default();
    let on_demand = OnDemand::new(&site, sources, &mut diags, &one_by_one, &Memo::keeping())
        .expect("prepares in memory")
        .expect("the templates are good");
    assert_eq!(Some(on_demand.page_count()), pages);
    for path in early {
        assert_eq!(on_demand.render_page(path, &one_by_one).ok(), Some(true), "{path} before the Excel table");
    }
    std::thread::scope(|scope| {
        // The notice shows the Excel table's size and lists rows, a level page lists rows:
        // asked for first, they wait.
        let notice = scope.spawn(|| on_demand.render_page("index.html", &one_by_one).ok());
        let level = scope.spawn(|| on_demand.render_page("levels/1/index.html", &one_by_one).ok());
        let rows = scope.spawn(|| on_demand.make_rows());
        on_demand.make_excel(&one_by_one).expect("the Excel table is made");
        assert!(rows.join().is_ok_and(|made| made.is_ok()), "the rows are made");
        assert_eq!(notice.join().ok().flatten(), Some(true));
        assert_eq!(level.join().ok().flatten(), Some(true));
    });
    for path in on_demand.page_paths() {
        assert!(on_demand.has_page(&path), "{path}");
        assert_eq!(on_demand.render_page(&path, &one_by_one).ok(), Some(true), "{path}");
    }
    assert_eq!(on_demand.render_page("no/such/index.html", &one_by_one).ok(), Some(false));
    on_demand.write_rest(&one_by_one).expect("writes in memory");
    let one_by_one = one_by_one.into_files();
    assert_eq!(full.keys().collect::<Vec<_>>(), one_by_one.keys().collect::<Vec<_>>(), "the same files");
    for (path, bytes) in &full {
        assert!(one_by_one.get(path) == Some(bytes), "{path}: the same bytes");
    }
}

#[test]
fn files_rendered_one_at_a_time_equal_the_full_render() {
    let sources = shipped();
    let site = crate::validate::validate(&sources, None, &mut Diagnostics::default()).expect("validates");
    let first = format!("occupations/{}/index.html", site.occupations[0].code);
    one_at_a_time_equals_the_full_render(&sources, &[&first, "search/index.html", "forms/application/index.html"]);
}

/// A row template that shows the Excel table's size: the rows wait for it.
#[test]
fn a_row_template_that_shows_the_excel_size_waits_for_it() {
    let mut sources = shipped();
    let name = "partials/occupation_row.html";
    let builtin = crate::embedded::templates().into_iter().find(|(n, _)| n == name).expect("built in").1;
    let text = format!("{builtin}{{% for d in site.data_downloads %}}<!-- {{{{ d.size }}}} -->{{% endfor %}}");
    sources.templates.retain(|(n, _)| n != name);
    sources.templates.push((name.to_owned(), TextFile { path: format!("templates/{name}"), text }));
    one_at_a_time_equals_the_full_render(&sources, &[]);
}
