//! The typed domain: values parsed once at the edge and trusted everywhere after.

mod code;
mod level;
mod reading;

pub use code::{CategoryKey, CodeError, OccupationCode};
pub use level::{Level, LevelRangeError, LevelSet};
pub use reading::Reading;
