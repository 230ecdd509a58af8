//! linxuan (遴选) publishes the notice 《社会评价组织再评估遴选》 as a static site.
//!
//! The pipeline runs one way, one module per stage; see `ARCHITECTURE.md`:
//! [`load`] → [`validate`] → [`model`] → [`render`] → [`mod@write`], driven by [`build`].
//! No module imports a later stage, and the modules form no cycle: `architecture_tests`
//! checks both on every test run.

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
pub mod load;
pub mod markdown;
pub mod model;
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
