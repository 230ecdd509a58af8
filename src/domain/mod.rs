//! The typed domain: values parsed once at the edge and trusted everywhere after, and the
//! files the site is published as (`output.rs`: every output path, the URL contract's pages).

mod code;
mod level;
mod output;
mod reading;

pub use code::{CategoryKey, CodeError, OccupationCode};
pub use level::{Level, LevelRangeError, LevelSet};
pub use output::{Browse, LIST_PAGE_ROWS, List, NOTICE_TABLE_ROWS, OpenData, Output, PAGE_FILE, Page};
pub use reading::Reading;
