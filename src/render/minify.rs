//! The static CSS and JS as published: minified by the `minifier` crate, the readable sources
//! staying in `static/`. What it cannot read, and the vendored `*.min.js`, is published as it
//! is. The same bytes in give the same bytes out.

/// `bytes` of the asset at `path` as they are published.
pub fn published(path: &str, bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    let minified = if path.ends_with(".min.js") {
        None
    } else if path.ends_with(".js") {
        minifier::js::minify(text).ok().map(|js| js.to_string())
    } else if path.ends_with(".css") {
        minifier::css::minify(text).ok().map(|css| css.to_string())
    } else {
        None
    };
    minified.map_or_else(|| bytes.to_vec(), String::into_bytes)
}

#[cfg(test)]
mod tests {
    use super::published;

    #[test]
    fn css_and_js_lose_comments_and_spaces_and_others_are_kept() {
        let css = published("assets/a.css", b"/* why */\n.a {\n  color: red;\n}\n");
        assert_eq!(String::from_utf8_lossy(&css).trim(), ".a{color:red;}");
        let js = published("assets/a.js", b"// why\nconst a = 1;\nexport { a };\n");
        assert_eq!(String::from_utf8_lossy(&js).trim(), "const a=1;export{a};");
        for (path, bytes) in [("assets/vendor/x.min.js", &b"var  a"[..]), ("assets/x.svg", b"<svg>  </svg>")] {
            assert_eq!(published(path, bytes), bytes);
        }
    }
}
