//! Rebuilds the binary when a built-in template or asset changes: they are embedded with
//! `include_dir!`, which Cargo does not track by itself; and when the message catalogue in
//! `locales/` changes, which rust-i18n compiles in.
fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
    println!("cargo:rerun-if-changed=locales");
}
