//! linxuan (遴选) publishes the notice 《社会评价组织再评估遴选》 as a static site.
//!
//! The pipeline runs one way, one module per stage; see `ARCHITECTURE.md`:
//! [`load`] → [`validate`] → [`model`] → [`derive`] and [`render`] → [`mod@write`], driven by
//! [`build`]. Modules are ordered in layers, and none imports a module of a later layer (the
//! sinks of `write`, last in the data flow, sit in the first layer with the values every stage
//! shares, as they know nothing of the site), and the modules form no cycle:
//! `architecture_tests` checks both on every test run.

pub mod build;
pub mod config;
pub mod derive;
pub mod diagnostics;
pub mod domain;
pub mod embedded;
pub mod history;
pub mod i18n;
pub mod import;
pub mod init;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod release;
pub mod render;
pub mod serve;
pub mod validate;
pub mod write;
pub mod xml;

// The message catalogue, compiled in; see `i18n`.
rust_i18n::i18n!("locales", fallback = "zh-CN");

#[cfg(test)]
mod architecture_tests;
