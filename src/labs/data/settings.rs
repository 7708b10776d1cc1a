//! The Data lab's settings, typed, read from the URL and written back.

use crate::lab::Lab;
use crate::url_state::{LabSettings, UrlState};

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
            raters: url
                .lab_get(Lab::Data, "raters", true)
                .filter(|v| !v.is_empty())
                .map(str::to_string),
        }
    }

    fn write(&self, url: &mut UrlState) {
        url.lab_set(Lab::Data, "raters", self.raters.as_deref().unwrap_or(""));
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
