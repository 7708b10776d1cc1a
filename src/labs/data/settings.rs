//! The Data lab's settings, typed, read from the URL and written back.

use crate::lab::Lab;
use crate::setting::{Rule, Setting};
use crate::url_state::{LabSettings, UrlState};

/// The Data lab's settings, under `data.` in the URL.
pub mod key {
    use super::*;

    /// The label columns ticked for the agreement report.
    pub const RATERS: Setting = Setting::new(Lab::Data, "raters", "Label columns", Rule::Text);
    /// The built-in samples' buttons (a link can only lock them).
    pub const SAMPLES: Setting = Setting::new(Lab::Data, "samples", "Samples", Rule::ControlOnly);
    /// The file upload (a link can only lock it).
    pub const UPLOAD: Setting = Setting::new(Lab::Data, "upload", "Upload", Rule::ControlOnly);
    /// The target picker (the target itself is the app's `target=`).
    pub const TARGET: Setting = Setting::new(Lab::Data, "target", "Target", Rule::ControlOnly);
}

/// Every setting of the Data lab.
pub const SETTINGS: &[Setting] = &[key::RATERS, key::SAMPLES, key::UPLOAD, key::TARGET];

/// What the Data lab's controls hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataSettings {
    /// The label columns the user ticked, as written (`None`: the
    /// suggestion applies; `Some("-")`: the user unticked them all, so the
    /// suggestion does not come back by itself).
    pub raters: Option<String>,
}

impl LabSettings for DataSettings {
    const LAB: Lab = Lab::Data;

    fn from_url(url: &UrlState) -> Self {
        DataSettings {
            raters: key::RATERS.value(url),
        }
    }

    fn write(&self, url: &mut UrlState) {
        key::RATERS.set(url, self.raters.as_deref().unwrap_or(""));
    }
}

impl DataSettings {
    /// Column choices do not carry over to another dataset.
    pub fn forget_columns(&mut self) {
        self.raters = None;
    }

    /// The ticked raters (an empty list when the user unticked them all).
    pub fn rater_list(&self) -> Option<Vec<String>> {
        self.raters
            .as_ref()
            .map(|r| r.split(',').map(str::to_string).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raters_round_trip_and_older_links_read() {
        let u = UrlState::parse("?raters=a,b");
        let s = DataSettings::from_url(&u);
        assert_eq!(s.rater_list(), Some(vec!["a".to_string(), "b".to_string()]));
        let mut u = UrlState::default();
        s.write(&mut u);
        assert!(u.to_query().contains("data.raters=a,b"));
        assert_eq!(DataSettings::from_url(&u), s);
        let mut s = s;
        s.forget_columns();
        s.write(&mut u);
        assert_eq!(u.to_query(), "?lab=data");
    }
}
