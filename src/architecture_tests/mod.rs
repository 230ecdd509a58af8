//! The architecture invariant, checked on the source text (see ARCHITECTURE.md): a top-level
//! module imports only modules of its own layer or of earlier ones, the graph of top-level
//! modules has no cycle, and no two files of `src/` import each other.
//!
//! Every `.rs` file under `src/` is read (`scan.rs`): comments and the contents of string and
//! character literals are blanked out, then every path that leads to a module of the crate
//! counts as an import, `use` groups included: from the crate root (`crate::…`, `linxuan::…`
//! in `main.rs`), or from the file's own module (`super::…`, `self::…`, a child module's
//! name). A file imports the file that holds the module a path leads to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod outputs;
mod scan;

use scan::{crate_paths, module_path, path_attributes, rust_files};

/// Top-level modules in dependency order: a module may import modules of its own layer and
/// of earlier layers, never of a later one. Data flows load → validate → model → render →
/// write, but `write` sits in the first layer: render hands every file to a `write::Sink`,
/// so the sinks must know nothing of the site.
const LAYERS: &[&[&str]] = &[
    // Values every stage shares, and the sinks files are written into.
    &["limits", "i18n", "domain", "config", "diagnostics", "markdown", "model", "xml", "write"],
    // The site root read into memory; the built-in templates, assets and example site.
    &["load", "embedded"],
    &["validate"],
    &["history"],
    &["derive"],
    &["render"],
    &["build"],
    // The commands; this module reads files and imports nothing.
    &["serve", "release", "publish", "init", "import", "main", "architecture_tests"],
];

/// One path from the crate root found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    /// `src/derive/feed.rs`
    file: String,
    line: usize,
    /// The importing file's top-level module: `derive`.
    from: String,
    /// The path's segments after the crate root: `["render", "markdown", "to_html"]`.
    path: Vec<String>,
}

impl Import {
    fn to(&self) -> &str {
        &self.path[0]
    }

    fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Files that import each other, allowed for now: (first, second) as [`pairs`] names them. A
/// pair listed that no longer imports each other fails the test too.
const PAIRS_ALLOWED: &[(&str, &str)] = &[];

/// What the scan of `src/` found.
struct Scan {
    /// Every path to a module of the crate, in every file but `lib.rs`.
    imports: Vec<Import>,
    /// Each top-level module and its first file.
    modules: BTreeMap<String, String>,
    /// Each file by the module it holds: `["derive", "docx"]` → `src/derive/docx/mod.rs`.
    files: BTreeMap<Vec<String>, String>,
}

/// The imports of every file under `src`, each file's top-level module, and its module.
fn imports_under(src: &Path) -> Scan {
    let mut sources = Vec::new();
    for path in rust_files(src) {
        let rel = path.strip_prefix(src).expect("under src").to_path_buf();
        let text = std::fs::read_to_string(&path).expect("source files are UTF-8");
        let module = module_path(&rel);
        sources.push((rel, text, module));
    }
    // A file named by `#[path = …]` holds the module declared there.
    let mut declared = BTreeMap::new();
    for (rel, text, module) in &sources {
        for (file, name) in path_attributes(text) {
            declared.insert(rel.with_file_name(file), module.iter().cloned().chain([name]).collect::<Vec<_>>());
        }
    }
    let shown = |rel: &Path| format!("src/{}", rel.to_string_lossy().replace('\\', "/"));
    let mut files = BTreeMap::new();
    for (rel, _, module) in &mut sources {
        if let Some(declared) = declared.remove(rel) {
            *module = declared;
        }
        // lib.rs and main.rs are the roots of two crates; paths lead into the library.
        if !module.is_empty() {
            files.insert(module.clone(), shown(rel));
        }
    }
    let mut imports = Vec::new();
    let mut modules = BTreeMap::new();
    let is_module = |m: &[String]| files.contains_key(m);
    for (rel, text, module) in &sources {
        let shown = shown(rel);
        let is_main = rel == Path::new("main.rs");
        let from = match (is_main, module.first()) {
            (true, _) => "main".to_owned(),
            (false, Some(top)) => top.clone(),
            // lib.rs only declares the modules.
            (false, None) => continue,
        };
        modules.entry(from.clone()).or_insert_with(|| shown.clone());
        let root = if is_main { "linxuan" } else { "crate" };
        for (line, segments) in crate_paths(text, module, root, &is_module) {
            imports.push(Import { file: shown.clone(), line, from: from.clone(), path: segments });
        }
    }
    Scan { imports, modules, files }
}

/// What breaks the invariant: imports of later layers, modules without a layer, cycles.
fn problems(imports: &[Import], modules: &BTreeMap<String, String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (module, file) in modules {
        if layer(module).is_none() {
            problems.push(format!("{file}: module `{module}` has no place in LAYERS (src/architecture_tests/mod.rs)"));
        }
    }
    let counted: Vec<&Import> = imports.iter().filter(|i| i.from != i.to() && modules.contains_key(i.to())).collect();
    for import in &counted {
        if let (Some(from), Some(to)) = (layer(&import.from), layer(import.to()))
            && to > from
        {
            problems.push(format!(
                "{}: `{}` imports `{}` (crate::{}), a later layer; see LAYERS in src/architecture_tests/mod.rs",
                import.place(),
                import.from,
                import.to(),
                import.path.join("::")
            ));
        }
    }
    problems.extend(cycles(&counted));
    problems
}

/// The cycles of the top-level module graph, each spelt with the import behind every edge.
fn cycles(imports: &[&Import]) -> Vec<String> {
    let mut edges: BTreeMap<&str, BTreeMap<&str, &Import>> = BTreeMap::new();
    for import in imports {
        edges.entry(import.from.as_str()).or_default().entry(import.to()).or_insert(import);
    }
    let mut found = Vec::new();
    let mut reported: BTreeSet<BTreeSet<&str>> = BTreeSet::new();
    for start in edges.keys() {
        let mut stack = vec![(*start, Vec::<&Import>::new())];
        let mut seen = BTreeSet::new();
        while let Some((module, trail)) = stack.pop() {
            for (next, import) in edges.get(module).into_iter().flatten() {
                let mut trail = trail.clone();
                trail.push(import);
                if next == start {
                    let members: BTreeSet<&str> = trail.iter().map(|i| i.from.as_str()).collect();
                    if reported.insert(members) {
                        let steps: Vec<String> =
                            trail.iter().map(|i| format!("{} → {} ({})", i.from, i.to(), i.place())).collect();
                        found.push(format!("cycle: {}", steps.join(", ")));
                    }
                } else if seen.insert(*next) {
                    stack.push((next, trail));
                }
            }
        }
    }
    found
}

/// The pairs of files that import each other, (first, second) in path order, each with a
/// message that names both and an import either way.
fn pairs(imports: &[Import], files: &BTreeMap<Vec<String>, String>) -> Vec<(String, String, String)> {
    let mut edges: BTreeMap<&str, BTreeMap<&str, &Import>> = BTreeMap::new();
    for import in imports {
        // The file of the longest part of the path that is a module.
        let Some(to) = (1..=import.path.len()).rev().find_map(|k| files.get(&import.path[..k])) else { continue };
        if *to != import.file {
            edges.entry(import.file.as_str()).or_default().entry(to.as_str()).or_insert(import);
        }
    }
    let mut found = Vec::new();
    for (a, targets) in &edges {
        for (b, there) in targets {
            if let Some(back) = edges.get(b).and_then(|t| t.get(a))
                && a < b
            {
                let spelt = |i: &Import| format!("{} (crate::{})", i.place(), i.path.join("::"));
                let message = format!("{a} and {b} import each other: {}, {}", spelt(there), spelt(back));
                found.push(((*a).to_owned(), (*b).to_owned(), message));
            }
        }
    }
    found
}

#[test]
fn stages_import_only_earlier_layers_and_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let Scan { imports, modules, .. } = imports_under(&src);
    assert!(modules.contains_key("render") && imports.len() > 50, "the scan found the sources: {modules:?}");
    let problems = problems(&imports, &modules);
    assert!(problems.is_empty(), "the architecture invariant is broken:\n{}", problems.join("\n"));
}

#[test]
fn no_two_files_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let scan = imports_under(&src);
    assert!(scan.files.len() > 50, "the scan found the files: {:?}", scan.files);
    let found = pairs(&scan.imports, &scan.files);
    let allowed = |a: &str, b: &str| PAIRS_ALLOWED.contains(&(a, b));
    let mut problems: Vec<String> =
        found.iter().filter(|(a, b, _)| !allowed(a, b)).map(|(_, _, message)| message.clone()).collect();
    for (a, b) in PAIRS_ALLOWED {
        if !found.iter().any(|(x, y, _)| x == a && y == b) {
            problems.push(format!("{a} and {b} no longer import each other: remove them from PAIRS_ALLOWED"));
        }
    }
    assert!(problems.is_empty(), "files import each other (src/architecture_tests/mod.rs):\n{}", problems.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(from: &str, to: &str, line: usize) -> Import {
        Import {
            file: format!("src/{from}.rs"),
            line,
            from: from.into(),
            path: to.split("::").map(str::to_owned).collect(),
        }
    }

    #[test]
    fn two_files_that_import_each_other_are_named_with_both_imports() {
        let files: BTreeMap<Vec<String>, String> =
            [("derive", "mod"), ("derive::docx", "docx/mod"), ("model", "model")]
                .iter()
                .map(|(m, f)| (m.split("::").map(str::to_owned).collect(), format!("src/{f}.rs")))
                .collect();
        let import = |file: &str, path: &str, line| Import {
            file: format!("src/{file}.rs"),
            line,
            from: "derive".into(),
            path: path.split("::").map(str::to_owned).collect(),
        };
        let imports = vec![
            import("docx/mod", "derive::Download", 3),
            import("docx/mod", "model::Form", 4),
            import("mod", "derive::docx::form_docx", 9),
            import("mod", "derive::docx::DocxError", 10),
            import("mod", "derive", 12),
        ];
        let found: Vec<String> = pairs(&imports, &files).into_iter().map(|(_, _, message)| message).collect();
        assert_eq!(
            found,
            [
                "src/docx/mod.rs and src/mod.rs import each other: src/docx/mod.rs:3 (crate::derive::Download), src/mod.rs:9 (crate::derive::docx::form_docx)"
            ]
        );
    }

    #[test]
    fn a_later_layer_and_a_cycle_are_named_with_file_and_line() {
        let modules: BTreeMap<String, String> =
            ["derive", "render", "model"].iter().map(|m| ((*m).to_owned(), format!("src/{m}.rs"))).collect();
        let imports = vec![
            import("derive", "render::view::OccupationRow", 7),
            import("render", "derive::Download", 3),
            import("render", "model::Site", 4),
        ];
        let found = problems(&imports, &modules);
        assert_eq!(
            found,
            [
                "src/derive.rs:7: `derive` imports `render` (crate::render::view::OccupationRow), a later layer; see LAYERS in src/architecture_tests/mod.rs",
                "cycle: derive → render (src/derive.rs:7), render → derive (src/render.rs:3)",
            ]
        );
    }
}
