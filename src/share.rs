//! Links and embeds: the link a "copy link" button gives, the
//! `?embed=<lab>` link of one lab for an iframe, and the HTML snippet a
//! course author pastes (the iframe, plus the few lines that fit its
//! height to the lab: the embedded page posts
//! `{type: "mlops-playground:height", height}` to its parent).
//!
//! Plain text building, tested natively; `browser::share` does the copying
//! and posting.

use crate::lab::Lab;
use crate::url_state::UrlState;

/// The query key that renders one lab alone, compactly.
pub const EMBED_KEY: &str = "embed";
/// The `type` of the message an embedded lab posts to its parent.
pub const HEIGHT_MESSAGE: &str = "mlops-playground:height";

/// The lab a link embeds (`?embed=split`), if it is an embed link.
pub fn embedded_lab(url: &UrlState) -> Option<Lab> {
    url.get(EMBED_KEY).and_then(Lab::from_slug)
}

/// `base` + the query of `url` showing `lab` embedded.
pub fn embed_link(base: &str, url: &UrlState, lab: Lab) -> String {
    let mut u = url.clone();
    u.lab = lab;
    u.set(EMBED_KEY, lab.slug());
    format!("{base}{}", u.to_query())
}

/// `base` + the query of `url` as the whole app (no embed key).
pub fn full_link(base: &str, url: &UrlState) -> String {
    let mut u = url.clone();
    u.set(EMBED_KEY, "");
    format!("{base}{}", u.to_query())
}

/// The HTML a host page pastes: the iframe and a listener that sets its
/// height from the lab's messages (only from `origin`, only for the
/// iframe that sent it).
pub fn embed_snippet(link: &str, origin: &str, title: &str) -> String {
    let link = attribute(link);
    let title = attribute(title);
    format!(
        r#"<iframe src="{link}" title="{title}" style="width:100%;height:640px;border:0" loading="lazy"></iframe>
<script>
addEventListener("message", function (e) {{
  if (e.origin !== "{origin}" || !e.data || e.data.type !== "{HEIGHT_MESSAGE}") return;
  document.querySelectorAll("iframe").forEach(function (f) {{
    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";
  }});
}});
</script>"#
    )
}

/// Text for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_links_carry_the_lab_and_settings_and_full_links_drop_the_key() {
        let url = UrlState::parse("?lab=data&sample=sample-iris&split.seed=7");
        let e = embed_link("http://h/app/", &url, Lab::Split);
        assert_eq!(
            e,
            "http://h/app/?lab=split&sample=sample-iris&split.seed=7&embed=split"
        );
        let parsed = UrlState::parse(e.split_once('?').map_or("", |(_, q)| q));
        assert_eq!(embedded_lab(&parsed), Some(Lab::Split));
        assert_eq!(
            full_link("http://h/app/", &parsed),
            "http://h/app/?lab=split&sample=sample-iris&split.seed=7"
        );
        assert_eq!(embedded_lab(&UrlState::parse("?embed=nowhere")), None);
    }

    #[test]
    fn the_snippet_is_an_iframe_and_an_origin_checked_listener() {
        let s = embed_snippet("http://h/?a=1&embed=split", "http://h", "Split \"lab\"");
        assert!(
            s.starts_with(
                r#"<iframe src="http://h/?a=1&amp;embed=split" title="Split &quot;lab&quot;""#
            ),
            "{s}"
        );
        assert!(s.contains(r#"e.origin !== "http://h""#) && s.contains(HEIGHT_MESSAGE));
    }
}
