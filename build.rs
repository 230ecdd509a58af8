//! Rebuilds the binary when a built-in template or asset changes: they are embedded with
//! `include_dir!`, which Cargo does not track by itself.
fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
}
