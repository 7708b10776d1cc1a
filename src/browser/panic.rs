//! A panic must not leave a dead page: the hook logs it and shows the
//! `error-banner` by plain DOM calls (the reactive runtime may be gone).

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        crate::browser_log::error(&text);
        show_fatal(&format!(
            "Something went wrong inside the app ({text}). Reload the page to start again; your files never left this browser."
        ));
    }));
}

fn show_fatal(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    let _ = banner.set_attribute("data-testid", "error-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "error-banner fatal");
    banner.set_text_content(Some(message));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
