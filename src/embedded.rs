//! Files compiled into the binary: default templates and assets, and the example site that
//! `linxuan init` writes. The repository's own `templates/`, `static/`, `content/`, `data/`
//! and `config.toml` are the sources, so the shipped site and the built-ins never drift.

/// Default templates, by the name templates use to extend and include each other.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("notice.html", include_str!("../templates/notice.html")),
    (
        "occupation.html",
        include_str!("../templates/occupation.html"),
    ),
    ("list.html", include_str!("../templates/list.html")),
    ("form.html", include_str!("../templates/form.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "partials/occupation_table.html",
        include_str!("../templates/partials/occupation_table.html"),
    ),
    (
        "partials/browse.html",
        include_str!("../templates/partials/browse.html"),
    ),
];

/// Default assets, by their path in the output.
pub const STATIC: &[(&str, &[u8])] = &[(
    "assets/site.css",
    include_bytes!("../static/assets/site.css"),
)];

/// The example site of `linxuan init`: the notice as the repository ships it.
pub const EXAMPLE_SITE: &[(&str, &str)] = &[
    ("config.toml", include_str!("../config.toml")),
    (
        "data/occupations.csv",
        include_str!("../data/occupations.csv"),
    ),
    (
        "data/categories.csv",
        include_str!("../data/categories.csv"),
    ),
    ("content/_index.md", include_str!("../content/_index.md")),
    (
        "content/forms/application.md",
        include_str!("../content/forms/application.md"),
    ),
    (
        "content/forms/commitment.md",
        include_str!("../content/forms/commitment.md"),
    ),
];
