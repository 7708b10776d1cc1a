//! The lifecycle labs: their order and URL slugs (shared by the page and
//! the URL code; each lab's title, lesson and view are in the page's
//! registry, `labs::REGISTRY`).

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

    /// Whether the lab also reads a setting's bare key (`seed=`), as links
    /// made before settings were namespaced by lab wrote them.
    pub fn reads_bare_keys(self) -> bool {
        matches!(self, Lab::Split | Lab::Data)
    }

    pub fn from_slug(slug: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|l| l.slug() == slug)
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
