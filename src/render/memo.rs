//! What one build works out that the next build of the same process may reuse: the preview
//! rebuilds after every save, and most of what a rebuild computes has not changed. Only
//! results that depend on nothing but their key are kept, so a reused value is the value a
//! fresh build computes.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::model::{NameReadings, PreparedOccupation, Site};

/// Name → its pinyin override and the readings of both, which depend on nothing else.
type KeptReadings = HashMap<String, (Option<String>, NameReadings)>;

/// Kept between builds when made with [`Memo::keeping`]; [`Memo::default`] keeps nothing
/// (a one-off build has nothing to reuse).
#[derive(Default)]
pub struct Memo {
    readings: Option<Mutex<KeptReadings>>,
}

impl Memo {
    /// A memo that keeps what each build worked out for the next.
    pub fn keeping() -> Memo {
        Memo { readings: Some(Mutex::default()) }
    }

    /// Each occupation with its pinyin readings: reading names costs more than the rest of a
    /// row, so the readings of names the previous build read are reused. Only this build's
    /// names are kept, so the memo does not grow with every edit.
    pub(super) fn prepare_occupations<'a>(&self, site: &'a Site) -> Vec<PreparedOccupation<'a>> {
        let Some(kept) = &self.readings else {
            return site.occupations.par_iter().map(PreparedOccupation::of).collect();
        };
        let mut kept = kept.lock().unwrap_or_else(PoisonError::into_inner);
        let prepared: Vec<PreparedOccupation> = site
            .occupations
            .par_iter()
            .map(|o| match kept.get(o.name.as_str()) {
                Some((pinyin, readings)) if *pinyin == o.pinyin => PreparedOccupation::with(o, readings.clone()),
                _ => PreparedOccupation::of(o),
            })
            .collect();
        *kept = prepared
            .iter()
            .map(|p| (p.occupation.name.clone(), (p.occupation.pinyin.clone(), p.name_readings())))
            .collect();
        prepared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = crate::diagnostics::Diagnostics::default();
        let sources = crate::load::load(root, &mut diags);
        crate::validate::validate(&sources, None, &mut diags).expect("the shipped site validates")
    }

    #[test]
    fn kept_readings_are_the_readings_a_fresh_build_works_out() {
        let mut site = shipped();
        let memo = Memo::keeping();
        memo.prepare_occupations(&site);
        // A renamed occupation and a changed override must not reuse the old readings.
        site.occupations[0].name = "测试改名工".into();
        site.occupations[1].pinyin = Some("ce shi".into());
        let reused = memo.prepare_occupations(&site);
        let fresh: Vec<PreparedOccupation> = site.occupations.iter().map(PreparedOccupation::of).collect();
        assert_eq!(reused.len(), fresh.len());
        for (r, f) in reused.iter().zip(&fresh) {
            assert_eq!(r.name_readings(), f.name_readings(), "{}", f.occupation.name);
            assert_eq!(r.code, f.code);
        }
        assert_eq!(
            memo.readings.as_ref().map(|k| k.lock().map(|m| m.len()).unwrap_or(0)),
            Some(site.occupations.len())
        );
    }
}
