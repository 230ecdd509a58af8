//! The architecture invariant, checked on the source text (see ARCHITECTURE.md): a top-level
//! module imports only modules of its own layer or of earlier ones, and the graph of
//! top-level modules has no cycle.
//!
//! Every `.rs` file under `src/` is read; comments and the contents of string and character
//! literals are blanked out, then every path that starts at the crate root (`crate::…`,
//! `super::…` climbing to the root, `linxuan::…` in `main.rs`) counts as an import, `use`
//! groups included.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules in dependency order: a module may import modules of its own layer and
/// of earlier layers, never of a later one. Data flows load → validate → model → render →
/// write, but `write` sits in the first layer: render hands every file to a `write::Sink`,
/// so the sinks must know nothing of the site.
const LAYERS: &[&[&str]] = &[
    // Values every stage shares, and the sinks files are written into.
    &["domain", "config", "diagnostics", "markdown", "model", "xml", "write"],
    // The site root read into memory; the built-in templates, assets and example site.
    &["load", "embedded"],
    &["validate"],
    &["history"],
    &["derive"],
    &["render"],
    &["build"],
    // The commands; this module reads files and imports nothing.
    &["serve", "release", "init", "import", "main", "architecture_tests"],
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

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("src/ is readable").map(|e| e.expect("a readable entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The module path of a file relative to `src/`: `derive/search/mod.rs` → `derive::search`;
/// `lib.rs` and `main.rs` are crate roots.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().expect("a file name");
    let stem = file.trim_end_matches(".rs");
    let is_root = parts.is_empty() && matches!(stem, "lib" | "main");
    if stem != "mod" && !is_root {
        parts.push(stem.to_owned());
    }
    parts
}

/// The imports of every file under `src`, and each file's top-level module.
fn imports_under(src: &Path) -> (Vec<Import>, BTreeMap<String, String>) {
    let mut imports = Vec::new();
    let mut modules = BTreeMap::new();
    for path in rust_files(src) {
        let rel = path.strip_prefix(src).expect("under src");
        let shown = format!("src/{}", rel.to_string_lossy().replace('\\', "/"));
        let text = std::fs::read_to_string(&path).expect("source files are UTF-8");
        let is_main = rel == Path::new("main.rs");
        let module = module_path(rel);
        let from = match (is_main, module.first()) {
            (true, _) => "main".to_owned(),
            (false, Some(top)) => top.clone(),
            // lib.rs only declares the modules.
            (false, None) => continue,
        };
        modules.entry(from.clone()).or_insert_with(|| shown.clone());
        let root = if is_main { "linxuan" } else { "crate" };
        for (line, segments) in crate_paths(&text, &module, root) {
            imports.push(Import { file: shown.clone(), line, from: from.clone(), path: segments });
        }
    }
    (imports, modules)
}

/// What breaks the invariant: imports of later layers, modules without a layer, cycles.
fn problems(imports: &[Import], modules: &BTreeMap<String, String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (module, file) in modules {
        if layer(module).is_none() {
            problems.push(format!("{file}: module `{module}` has no place in LAYERS (src/architecture_tests.rs)"));
        }
    }
    let counted: Vec<&Import> = imports.iter().filter(|i| i.from != i.to() && modules.contains_key(i.to())).collect();
    for import in &counted {
        if let (Some(from), Some(to)) = (layer(&import.from), layer(import.to()))
            && to > from
        {
            problems.push(format!(
                "{}: `{}` imports `{}` (crate::{}), a later layer; see LAYERS in src/architecture_tests.rs",
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

/// Paths from the crate root in Rust source `text` of the module at `module`, with their
/// lines: `(12, ["render", "markdown"])`. `root` is the name of the crate root in paths.
fn crate_paths(text: &str, module: &[String], root: &str) -> Vec<(usize, Vec<String>)> {
    let tokens = tokens(&code_only(text));
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules (`mod tests { … }`) and the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_path = i == 0 || tokens[i - 1].1 != Token::PathSep;
        match &tokens[i].1 {
            Token::Open => depth += 1,
            Token::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some((_, Token::Ident(name))), Some((_, Token::Open))) = (tokens.get(i + 1), tokens.get(i + 2))
                {
                    inline.push((name.clone(), depth + 1));
                }
            }
            Token::Ident(word)
                if starts_path && word == root && tokens.get(i + 1).map(|t| &t.1) == Some(&Token::PathSep) =>
            {
                i = use_tree(&tokens, i + 2, &[], &mut out);
                continue;
            }
            Token::Ident(word) if starts_path && word == "super" => {
                let mut base: Vec<String> =
                    module.iter().cloned().chain(inline.iter().map(|(n, _)| n.clone())).collect();
                let mut j = i;
                while matches!(tokens.get(j), Some((_, Token::Ident(w))) if w == "super")
                    && tokens.get(j + 1).map(|t| &t.1) == Some(&Token::PathSep)
                {
                    base.pop();
                    j += 2;
                }
                if j > i {
                    if base.is_empty() {
                        j = use_tree(&tokens, j, &[], &mut out);
                    }
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads a path or `use` tree starting at `tokens[i]` below `prefix`; returns where it ends.
fn use_tree(tokens: &[(usize, Token)], mut i: usize, prefix: &[String], out: &mut Vec<(usize, Vec<String>)>) -> usize {
    match tokens.get(i) {
        Some((_, Token::Open)) => {
            i += 1;
            loop {
                match tokens.get(i) {
                    None => return i,
                    Some((_, Token::Close)) => return i + 1,
                    Some((_, Token::Comma)) => i += 1,
                    Some(_) => {
                        let end = use_tree(tokens, i, prefix, out);
                        i = end.max(i + 1);
                        // Skip `as name` up to the next item.
                        while !matches!(tokens.get(i), None | Some((_, Token::Comma | Token::Close))) {
                            i += 1;
                        }
                    }
                }
            }
        }
        Some((line, Token::Ident(segment))) => {
            let mut path = prefix.to_vec();
            path.push(segment.clone());
            if tokens.get(i + 1).map(|t| &t.1) == Some(&Token::PathSep) {
                use_tree(tokens, i + 2, &path, out)
            } else {
                out.push((*line, path));
                i + 1
            }
        }
        Some((line, _)) => {
            // `*`, or a path followed by `<`: the path so far is the import.
            if !prefix.is_empty() {
                out.push((*line, prefix.to_vec()));
            }
            i + 1
        }
        None => i,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

/// The tokens that paths are made of, each with its line.
fn tokens(code: &str) -> Vec<(usize, Token)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let token = match c {
            '\n' => {
                line += 1;
                i += 1;
                continue;
            }
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((line, Token::Ident(chars[start..i].iter().collect())));
                continue;
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                i += 1;
                Token::PathSep
            }
            '{' => Token::Open,
            '}' => Token::Close,
            ',' => Token::Comma,
            _ => Token::Other,
        };
        out.push((line, token));
        i += 1;
    }
    out
}

/// `text` with comments and the contents of string and character literals replaced by
/// spaces; line breaks are kept so that lines still count right.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < chars.len() {
                let pair = (chars[i], chars.get(i + 1).copied());
                if pair == ('/', Some('*')) || pair == ('*', Some('/')) {
                    depth = if pair.0 == '/' { depth + 1 } else { depth - 1 };
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while let Some(&c) = chars.get(i) {
                i += 1;
                match c {
                    '\\' => {
                        out.push(' ');
                        if let Some(&escaped) = chars.get(i) {
                            out.push(blank(escaped));
                            i += 1;
                        }
                    }
                    '"' => {
                        out.push(' ');
                        break;
                    }
                    c => out.push(blank(c)),
                }
            }
        } else if let Some(hashes) = raw_string_at(&chars, i) {
            // r"…", r#"…"#, br#"…"#: ends at a quote followed by as many `#`.
            let open = i + chars[i..].iter().position(|c| *c == '"').expect("a raw string opens with a quote");
            let mut end = open + 1;
            while end < chars.len()
                && !(chars[end] == '"' && chars[end + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes)
            {
                end += 1;
            }
            let end = (end + 1 + hashes).min(chars.len());
            out.extend(chars[i..end].iter().map(|c| blank(*c)));
            i = end;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal, not a lifetime.
            let mut j = i + 1;
            if next == Some('\\') {
                j += 2;
            }
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            out.extend(chars[i..end].iter().map(|c| blank(*c)));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The number of `#` of a raw string literal starting at `chars[i]`, if one does.
fn raw_string_at(chars: &[char], i: usize) -> Option<usize> {
    let is_ident = |c: &char| c.is_alphanumeric() || *c == '_';
    if i > 0 && is_ident(&chars[i - 1]) {
        return None;
    }
    let after_prefix = match chars.get(i..i + 2) {
        Some(['b', 'r']) => i + 2,
        _ if chars.get(i) == Some(&'r') => i + 1,
        _ => return None,
    };
    let hashes = chars[after_prefix..].iter().take_while(|c| **c == '#').count();
    (chars.get(after_prefix + hashes) == Some(&'"')).then_some(hashes)
}

#[test]
fn stages_import_only_earlier_layers_and_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (imports, modules) = imports_under(&src);
    assert!(modules.contains_key("render") && imports.len() > 50, "the scan found the sources: {modules:?}");
    let problems = problems(&imports, &modules);
    assert!(problems.is_empty(), "the architecture invariant is broken:\n{}", problems.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str, module: &[&str]) -> Vec<String> {
        let module: Vec<String> = module.iter().map(|m| (*m).to_owned()).collect();
        crate_paths(text, &module, "crate").into_iter().map(|(line, p)| format!("{line}:{}", p.join("::"))).collect()
    }

    #[test]
    fn reads_use_groups_paths_and_super() {
        let text = "use crate::{load, render::{self, Output}};\nuse crate::x as y;\nfn f() { crate::render::markdown::to_html(\"\"); }\nmod tests {\n    use super::super::history::History;\n    use super::*;\n}\npub(super) fn g() {}\n";
        assert_eq!(
            paths(text, &["config"]),
            [
                "1:load",
                "1:render::self",
                "1:render::Output",
                "2:x",
                "3:render::markdown::to_html",
                "5:history::History"
            ]
        );
    }

    #[test]
    fn comments_strings_and_characters_are_not_code() {
        let text = "// use crate::render;\n/* crate::serve /* nested */ crate::serve */\nlet s = \"crate::render \\\" crate::serve\";\nlet r = r#\"crate::render \" crate::x\"#;\nlet q = '\"'; let l: &'static str = \"\";\nuse crate::model;\n";
        assert_eq!(paths(text, &["derive"]), ["6:model"]);
    }

    #[test]
    fn files_are_named_by_their_module() {
        assert_eq!(module_path(Path::new("derive/search/mod.rs")), ["derive", "search"]);
        assert_eq!(module_path(Path::new("derive/feed.rs")), ["derive", "feed"]);
        assert_eq!(module_path(Path::new("config.rs")), ["config"]);
        assert!(module_path(Path::new("lib.rs")).is_empty());
    }

    fn import(from: &str, to: &str, line: usize) -> Import {
        Import {
            file: format!("src/{from}.rs"),
            line,
            from: from.into(),
            path: to.split("::").map(str::to_owned).collect(),
        }
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
                "src/derive.rs:7: `derive` imports `render` (crate::render::view::OccupationRow), a later layer; see LAYERS in src/architecture_tests.rs",
                "cycle: derive → render (src/derive.rs:7), render → derive (src/render.rs:3)",
            ]
        );
    }
}
