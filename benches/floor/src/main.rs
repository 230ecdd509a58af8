//! The disk floor: writes the same files (relative paths and sizes) as a reference build into a
//! fresh folder, and does nothing else, so a build's wall time can be compared with the least
//! any program needs to put those bytes on this disk.
//!
//!     floor MANIFEST OUT_DIR [--threads N]
//!
//! MANIFEST has one `size<TAB>relative/path` per line (`find REF -type f -printf '%s\t%P\n'`,
//! made untimed by benches/run.sh). OUT_DIR must not exist. Files are filled with a constant
//! byte; directories are created as needed. By default one worker per available CPU, each
//! taking whole directories (so a directory is created by the worker that fills it).
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--threads" {
            threads = it.next().and_then(|n| n.parse().ok()).expect("--threads N");
        } else {
            positional.push(a.clone());
        }
    }
    let [manifest, out] = positional.as_slice() else {
        eprintln!("usage: floor MANIFEST OUT_DIR [--threads N]");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    if out.exists() {
        eprintln!("floor: {} exists", out.display());
        std::process::exit(2);
    }
    let text = fs::read_to_string(manifest).expect("read manifest");
    // Group by directory; the parent list is sorted so parents come before children.
    let mut dirs: BTreeMap<PathBuf, Vec<(PathBuf, usize)>> = BTreeMap::new();
    let mut largest = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let (size, path) = line.split_once('\t').expect("size<TAB>path");
        let size: usize = size.parse().expect("size");
        let path = out.join(path);
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        largest = largest.max(size);
        dirs.entry(dir).or_default().push((path, size));
    }
    let fill = vec![b'x'; largest];
    let dirs: Vec<_> = dirs.into_iter().collect();
    fs::create_dir_all(&out).expect("create output");
    let next = AtomicUsize::new(0);
    let (files, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((dir, list)) = dirs.get(i) else { break };
                fs::create_dir_all(dir).expect("create dir");
                for (path, size) in list {
                    let mut f = fs::File::create(path).expect("create file");
                    f.write_all(&fill[..*size]).expect("write file");
                    files.fetch_add(1, Ordering::Relaxed);
                    bytes.fetch_add(*size, Ordering::Relaxed);
                }
            });
        }
    });
    println!("floor: {} files, {} bytes", files.into_inner(), bytes.into_inner());
}
