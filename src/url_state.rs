//! What the URL's query string holds, so a link reproduces what its sender
//! saw: the lab, the built-in dataset, the target and the lab settings.
//!
//! Plain parsing and formatting (percent-encoding included), no browser APIs:
//! the app reads `location.search` into a [`UrlState`] at start and writes it
//! back with `history.replaceState` whenever a setting changes. Unknown keys
//! are kept as they were, so older and newer links keep working.

use crate::lab::Lab;

/// The settings carried in the URL. `None`/empty means "the default".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub lab: Lab,
    /// A built-in dataset's id (`sample-iris`); uploaded files cannot be
    /// reloaded from a link, so they are not recorded.
    pub sample: Option<String>,
    pub target: Option<String>,
    /// Other settings, `key=value` in the order they were first set.
    pub settings: Vec<(String, String)>,
}

impl UrlState {
    /// Parses a query string, with or without its leading `?`.
    pub fn parse(query: &str) -> UrlState {
        let mut state = UrlState::default();
        for (key, value) in pairs(query) {
            match key.as_str() {
                "lab" => state.lab = Lab::from_slug(&value).unwrap_or_default(),
                "sample" if !value.is_empty() => state.sample = Some(value),
                "target" if !value.is_empty() => state.target = Some(value),
                _ => state.set(&key, &value),
            }
        }
        state
    }

    /// The query string, starting with `?`.
    pub fn to_query(&self) -> String {
        let mut parts = vec![format!("lab={}", self.lab.slug())];
        if let Some(s) = &self.sample {
            parts.push(format!("sample={}", encode(s)));
        }
        if let Some(t) = &self.target {
            parts.push(format!("target={}", encode(t)));
        }
        for (k, v) in &self.settings {
            parts.push(format!("{}={}", encode(k), encode(v)));
        }
        format!("?{}", parts.join("&"))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or, with an empty value, removes) a setting.
    pub fn set(&mut self, key: &str, value: &str) {
        if value.is_empty() {
            self.settings.retain(|(k, _)| k != key);
        } else if let Some(slot) = self.settings.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value.to_string();
        } else {
            self.settings.push((key.to_string(), value.to_string()));
        }
    }
}

/// A lab's settings as typed values, read from the URL and written back.
///
/// Each lab's keys are written as `<lab>.<key>` (`split.strategy`), so two
/// labs never collide (the Deploy lab's `strategy` is not the Split lab's).
/// The labs that existed before this form also read their bare keys
/// (`?lab=split&strategy=random&seed=3`), so older links keep working.
pub trait LabSettings: Sized {
    /// The lab whose settings these are.
    const LAB: Lab;
    /// The settings a URL describes (defaults where it says nothing).
    fn from_url(url: &UrlState) -> Self;
    /// Writes the settings into `url` (a default or empty value removes
    /// its key).
    fn write(&self, url: &mut UrlState);
}

impl UrlState {
    /// A lab setting: `<lab>.<key>`, else (for links of the older form) the
    /// bare `<key>` when the lab reads those.
    pub fn lab_get(&self, lab: Lab, key: &str) -> Option<&str> {
        self.get(&format!("{}.{key}", lab.slug()))
            .or_else(|| lab.reads_bare_keys().then(|| self.get(key)).flatten())
    }

    /// Sets `<lab>.<key>` (empty: removes it) and drops a bare `<key>` of an
    /// older link, so one value is left.
    pub fn lab_set(&mut self, lab: Lab, key: &str, value: &str) {
        self.set(key, "");
        self.set(&format!("{}.{key}", lab.slug()), value);
    }
}

/// The raw (decoded) value of `key` in a query string, as written.
pub fn raw_value(query: &str, key: &str) -> Option<String> {
    pairs(query)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// `a=1&b=x%20y` → `[("a","1"), ("b","x y")]`; `+` is a space.
fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+`; malformed escapes are kept as text.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut s = UrlState {
            lab: Lab::Split,
            sample: Some("sample-iris".into()),
            target: Some("mean radius".into()),
            settings: vec![],
        };
        s.set("ratios", "60,20,20");
        s.set("seed", "7");
        let q = s.to_query();
        assert_eq!(
            q,
            "?lab=split&sample=sample-iris&target=mean%20radius&ratios=60,20,20&seed=7"
        );
        assert_eq!(UrlState::parse(&q), s);
    }

    #[test]
    fn defaults_and_garbage() {
        let s = UrlState::parse("");
        assert_eq!(s.lab, Lab::Data);
        let s = UrlState::parse("?lab=nope&x=%zz&y=%4&&z");
        assert_eq!(s.lab, Lab::Data);
        assert_eq!(s.get("x"), Some("%zz"));
        assert_eq!(s.get("y"), Some("%4"));
        assert_eq!(s.get("z"), None);
        assert_eq!(decode("a+b%C3%A9"), "a bé");
    }

    #[test]
    fn lab_keys_are_namespaced_and_read_older_links() {
        let mut s = UrlState::parse("?lab=split&strategy=random&seed=3");
        assert_eq!(s.lab_get(Lab::Split, "strategy"), Some("random"));
        assert_eq!(s.lab_get(Lab::Deploy, "strategy"), None);
        s.lab_set(Lab::Split, "strategy", "time");
        assert_eq!(s.get("strategy"), None);
        assert_eq!(s.lab_get(Lab::Split, "strategy"), Some("time"));
        s.lab_set(Lab::Deploy, "strategy", "canary");
        assert_eq!(s.lab_get(Lab::Split, "strategy"), Some("time"));
        assert!(s.to_query().contains("split.strategy=time"));
        assert!(s.to_query().contains("deploy.strategy=canary"));
    }

    #[test]
    fn set_empty_removes() {
        let mut s = UrlState::default();
        s.set("seed", "1");
        s.set("seed", "2");
        assert_eq!(s.get("seed"), Some("2"));
        s.set("seed", "");
        assert_eq!(s.get("seed"), None);
    }
}
