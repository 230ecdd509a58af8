//! Files compiled into the binary: default templates and assets, and the example site that
//! `linxuan init` writes. The repository's own `templates/`, `static/`, `content/`, `data/`
//! and `config.toml` are the sources, so the shipped site and the built-ins never drift.

use include_dir::{Dir, DirEntry, include_dir};

use crate::load;

static TEMPLATES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static STATIC_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Default templates, by the name templates use to extend and include each other
/// (`partials/browse.html`), in name order.
pub fn templates() -> Vec<(String, &'static str)> {
    files(&TEMPLATES_DIR)
        .into_iter()
        .map(|(name, bytes)| (name, std::str::from_utf8(bytes).expect("the built-in templates are UTF-8")))
        .collect()
}

/// Default assets, by their path in the output (`assets/site.css`), in path order.
/// READMEs document the folder and are not published.
pub fn assets() -> Vec<(String, &'static [u8])> {
    files(&STATIC_DIR).into_iter().filter(|(name, _)| !name.ends_with("README.md")).collect()
}

fn files(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack: Vec<&Dir> = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in d.entries() {
            match entry {
                DirEntry::Dir(sub) => stack.push(sub),
                DirEntry::File(f) => out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents())),
            }
        }
    }
    out.sort();
    out
}

/// The example site of `linxuan init`, by path in the new site: the notice as the repository
/// ships it. The paths are the loader's; a test checks each text is the repository's file there.
pub fn example_site() -> Vec<(String, &'static str)> {
    vec![
        (load::CONFIG.into(), include_str!("../config.toml")),
        (load::OCCUPATIONS.into(), include_str!("../data/occupations.csv")),
        (load::CATEGORIES.into(), include_str!("../data/categories.csv")),
        (load::ALIASES.into(), include_str!("../data/aliases.csv")),
        (load::NOTICE.into(), include_str!("../content/_index.md")),
        (format!("{}/application.md", load::FORMS_DIR), include_str!("../content/forms/application.md")),
        (format!("{}/commitment.md", load::FORMS_DIR), include_str!("../content/forms/commitment.md")),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_and_asset_is_embedded() {
        let names: Vec<String> = super::templates().into_iter().map(|(n, _)| n).collect();
        for name in
            ["base.html", "notice.html", "partials/occupation_table.html", "partials/attachments.html", "search.html"]
        {
            assert!(names.iter().any(|n| n == name), "{name} missing from {names:?}");
        }
        let assets: Vec<String> = super::assets().into_iter().map(|(n, _)| n).collect();
        assert!(
            assets.iter().any(|n| n == "assets/site.css")
                && assets.iter().any(|n| n == "assets/vendor/elasticlunr.min.js"),
            "{assets:?}"
        );
        assert!(!assets.iter().any(|n| n.ends_with("README.md")));
    }

    #[test]
    fn the_example_site_is_the_repository_at_the_same_paths() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (path, text) in super::example_site() {
            let own = std::fs::read_to_string(root.join(&path)).expect("the repository has the file");
            assert_eq!(own, text, "{path}");
        }
    }
}
