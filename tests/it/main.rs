//! The integration tests, as one test binary: each former `tests/*.rs` is a module here, so
//! the dependencies (axum, tokio, tera, …) are linked once instead of once per file.

mod build_site;
mod calendar;
mod cli;
mod common;
mod console;
mod corpus;
mod docx;
mod fill;
mod fuzz;
mod history;
mod hostile;
mod import;
mod kill;
mod long_tables;
mod notice;
mod publish;
mod record;
mod search;
mod serve;
mod serve_edits;
mod staff;
