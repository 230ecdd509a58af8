//! Reading the sources: the `.rs` files under `src/`, the module each holds, and the paths in
//! each that lead to a module of the crate. Comments and the contents of string and character
//! literals are blanked out first, so only code counts.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
pub(super) fn rust_files(dir: &Path) -> Vec<PathBuf> {
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
pub(super) fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().expect("a file name");
    let stem = file.trim_end_matches(".rs");
    let is_root = parts.is_empty() && matches!(stem, "lib" | "main");
    if stem != "mod" && !is_root {
        parts.push(stem.to_owned());
    }
    parts
}

/// The `#[path = "file.rs"] mod name;` declarations of Rust source `text`: (file, name). The
/// file is beside `text`'s own, and holds the module `name` below `text`'s.
pub(super) fn path_attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut file: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("#[path = \"") {
            file = rest.split('"').next().map(str::to_owned);
        } else if let Some(name) = file.as_ref().and(line.split("mod ").nth(1)) {
            let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.extend(file.take().map(|f| (f, name)));
        }
    }
    out
}

/// The paths in Rust source `text` of the module at `module` that lead to a module of the
/// crate, from its root, with their lines: `(12, ["render", "markdown"])`. `root` is the name
/// of the crate root in paths; `super::` and `self::` paths, and paths that start at a child
/// module (`writer::pieces`, when `is_module` says `writer` is one), are read from `module`
/// (and any inline module around them). Other paths (`std::…`, `Self::…`) are skipped.
pub(super) fn crate_paths(
    text: &str,
    module: &[String],
    root: &str,
    is_module: &dyn Fn(&[String]) -> bool,
) -> Vec<(usize, Vec<String>)> {
    let tokens = tokens(&code_only(text));
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules (`mod tests { … }`) and the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_path =
            (i == 0 || tokens[i - 1].1 != Token::PathSep) && tokens.get(i + 1).map(|t| &t.1) == Some(&Token::PathSep);
        // The module the code at `i` is in.
        let here: Vec<String> = module.iter().cloned().chain(inline.iter().map(|(n, _)| n.clone())).collect();
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
            Token::Ident(word) if starts_path => {
                let mut base = here;
                let mut j = i + 2;
                if word == root {
                    base.clear();
                } else if word == "super" {
                    base.pop();
                    while matches!(tokens.get(j), Some((_, Token::Ident(w))) if w == "super")
                        && tokens.get(j + 1).map(|t| &t.1) == Some(&Token::PathSep)
                    {
                        base.pop();
                        j += 2;
                    }
                } else if word != "self" {
                    // A child module, of an inline module or (brought in by `use super::*`)
                    // of the file's; else a path outside the crate, read past.
                    let child = |mut m: Vec<String>| {
                        m.push(word.clone());
                        m
                    };
                    match [child(base), child(module.to_vec())].into_iter().find(|m| is_module(m)) {
                        Some(found) => base = found,
                        None => {
                            i = use_tree(&tokens, i, &[], &mut Vec::new());
                            continue;
                        }
                    }
                }
                i = use_tree(&tokens, j, &base, &mut out);
                continue;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str, module: &[&str]) -> Vec<String> {
        let module: Vec<String> = module.iter().map(|m| (*m).to_owned()).collect();
        // The modules of the crate: two children of `import`.
        let is_module = |m: &[String]| m == ["import", "docx"] || m == ["import", "forms"];
        crate_paths(text, &module, "crate", &is_module)
            .into_iter()
            .map(|(line, p)| format!("{line}:{}", p.join("::")))
            .collect()
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
                "5:history::History",
                "6:config"
            ]
        );
    }

    #[test]
    fn reads_self_super_and_child_modules_from_the_module() {
        let text = "use self::docx::Block;\nfn f() { forms::form(); std::fs::read(x); Self::g(); table::find(); }\nmod tests {\n    use super::*;\n    fn t() { docx::read(); }\n}\n";
        assert_eq!(
            paths(text, &["import"]),
            ["1:import::docx::Block", "2:import::forms::form", "4:import", "5:import::docx::read"]
        );
        let text = "use super::docx::{Block, Paragraph};\nuse super::super::model::Site;\n";
        assert_eq!(
            paths(text, &["import", "notice"]),
            ["1:import::docx::Block", "1:import::docx::Paragraph", "2:model::Site"]
        );
    }

    #[test]
    fn a_path_attribute_names_the_file_of_a_module() {
        let text = "mod a;\n#[cfg(test)]\n#[path = \"shards_tests.rs\"]\nmod tests;\n";
        assert_eq!(path_attributes(text), [("shards_tests.rs".to_owned(), "tests".to_owned())]);
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
}
