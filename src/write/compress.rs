//! Precompressed `.gz` copies of the larger text files, for hosts that serve them as they are
//! (nginx `gzip_static`). Deterministic: no file name or time is stored in the header.
//!
//! Files under 64 KiB get no copy: a host compresses one on the fly in about a millisecond
//! (`gzip on` at level 6 in `deploy/nginx.conf`), while copies of the pages and search shards of
//! 16–64 KiB were 1.8 MB of a 10,000-row site and half of the build's compression time.

use std::io::Write;

use flate2::{Compression, GzBuilder};

use super::error::WriteError;
use super::sink::Sink;

/// Extensions worth compressing; the Word and Excel files are zip archives already.
const TEXT: [&str; 8] = [".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg"];

/// Files from this size on get a `.gz` copy.
pub const MIN_SIZE: usize = 64 * 1024;

/// A sink that also stores `<path>.gz` beside every text file of at least [`MIN_SIZE`] bytes.
pub struct Precompressed<'a> {
    pub inner: &'a dyn Sink,
}

impl Sink for Precompressed<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        let copy = (bytes.len() >= MIN_SIZE && TEXT.iter().any(|ext| path.ends_with(ext))).then(|| gzip(&bytes));
        self.inner.put(path, bytes)?;
        match copy {
            Some(gz) => self.inner.put(&format!("{path}.gz"), gz),
            None => Ok(()),
        }
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzBuilder::new().mtime(0).write(Vec::with_capacity(bytes.len() / 3), Compression::new(6));
    encoder.write_all(bytes).expect("writing into a Vec cannot fail");
    encoder.finish().expect("finishing into a Vec cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::sink::Memory;

    #[test]
    fn large_text_files_get_a_gz_twin_and_small_files_and_archives_do_not() {
        let memory = Memory::default();
        let sink = Precompressed { inner: &memory };
        let page = "<p>保育师</p>".repeat(5000);
        for (path, bytes) in [("index.html", page.as_str()), ("small.html", "<p>x</p>"), ("a.docx", page.as_str())] {
            sink.put(path, bytes.as_bytes().to_vec()).expect("memory sink");
        }
        let files = memory.into_files();
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names, ["a.docx", "index.html", "index.html.gz", "small.html"]);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&files["index.html.gz"][..]), &mut text)
            .expect("valid gzip");
        assert_eq!(text, page);
        assert_eq!(gzip(b"same"), gzip(b"same"), "no timestamp in the header");
    }
}
