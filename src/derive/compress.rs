//! Precompressed `.gz` copies of every text file, for hosts that serve them as they are
//! (nginx `gzip_static`). Deterministic: no file name or time is stored in the header.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::{Compression, GzBuilder};
use rayon::prelude::*;

/// Extensions worth compressing; the Word and Excel files are zip archives already.
const TEXT: [&str; 8] = [".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg"];

/// Adds `<path>.gz` beside every text file of `files`.
pub fn precompress(files: &mut BTreeMap<String, Vec<u8>>) {
    let compressed: Vec<(String, Vec<u8>)> = files
        .par_iter()
        .filter(|(path, _)| TEXT.iter().any(|ext| path.ends_with(ext)))
        .map(|(path, bytes)| (format!("{path}.gz"), gzip(bytes)))
        .collect();
    files.extend(compressed);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzBuilder::new().mtime(0).write(Vec::with_capacity(bytes.len() / 3), Compression::new(6));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_get_a_gz_twin_and_archives_do_not() {
        let mut files: BTreeMap<String, Vec<u8>> = [("index.html", "<p>保育师</p>"), ("a.docx", "PK")]
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect();
        precompress(&mut files);
        assert!(files.contains_key("index.html.gz") && !files.contains_key("a.docx.gz"));
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&files["index.html.gz"][..]), &mut text)
            .expect("valid gzip");
        assert_eq!(text, "<p>保育师</p>");
        assert_eq!(gzip(b"same"), gzip(b"same"), "no timestamp in the header");
    }
}
