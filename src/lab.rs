//! The lifecycle labs: their order, URL slugs, names and one-line lessons.

/// One lab of the lifecycle map, in course order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lab {
    Scope,
    #[default]
    Data,
    Split,
    Model,
    Drift,
    Deploy,
}

impl Lab {
    /// Every lab, in lifecycle order (the navigation's order).
    pub const ALL: [Lab; 6] = [
        Lab::Scope,
        Lab::Data,
        Lab::Split,
        Lab::Model,
        Lab::Drift,
        Lab::Deploy,
    ];

    /// The `lab` query parameter and the `nav-<slug>` test hook.
    pub fn slug(self) -> &'static str {
        match self {
            Lab::Scope => "scope",
            Lab::Data => "data",
            Lab::Split => "split",
            Lab::Model => "model",
            Lab::Drift => "drift",
            Lab::Deploy => "deploy",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|l| l.slug() == slug)
    }

    pub fn title(self) -> &'static str {
        match self {
            Lab::Scope => "Scope",
            Lab::Data => "Data",
            Lab::Split => "Split",
            Lab::Model => "Model",
            Lab::Drift => "Drift",
            Lab::Deploy => "Deploy",
        }
    }

    /// The lesson of the lab, one sentence.
    pub fn lesson(self) -> &'static str {
        match self {
            Lab::Scope => "Decide what to build: the business metric, the ML metric, and what 'good enough' means.",
            Lab::Data => "Bring data, see what is in it, and check that it is labelled consistently.",
            Lab::Split => "Split train/dev/test so every split represents the data; on small data, balance it.",
            Lab::Model => "Measure a model the way scikit-learn does, and move the threshold to see the trade-offs.",
            Lab::Drift => "Compare live data with the training data and catch data and concept drift.",
            Lab::Deploy => "Roll out a new model safely: canary, shadow and blue-green, with automatic analysis.",
        }
    }

    /// Whether the lab is built yet (the others show an honest "coming" view).
    pub fn is_built(self) -> bool {
        matches!(self, Lab::Data | Lab::Split)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_data_is_default() {
        for lab in Lab::ALL {
            assert_eq!(Lab::from_slug(lab.slug()), Some(lab));
        }
        assert_eq!(Lab::from_slug("nope"), None);
        assert_eq!(Lab::default(), Lab::Data);
    }
}
