//! The panic hook: a panic anywhere shows a clear message in the page instead
//! of a silent stop (a wasm `RuntimeError: unreachable` in the console).
//!
//! The release build has `panic = "abort"`: after the hook returns the wasm
//! instance is dead and no Rust code runs again. So the banner is built with
//! plain DOM calls (text only, `set_text_content`, never HTML), and its
//! "reload" button calls the browser's own `location.reload` — bound in
//! JavaScript, not a Rust closure, so it works after the abort. The data set
//! kept in localStorage survives the reload.

use std::panic::PanicHookInfo;

use wasm_bindgen::{JsCast, JsValue};

use crate::components::language_switch::LANG_KEY;
use crate::i18n::{Lang, Msg};
use crate::storage;

/// Test id of the banner (and the prefix of its parts).
pub const BANNER_ID: &str = "panic-banner";

/// What happened, in words: the panic's message and where (`file:line`).
pub fn panic_details(message: &str, location: Option<(&str, u32)>) -> String {
    let message = if message.trim().is_empty() { "panic" } else { message.trim() };
    match location {
        Some((file, line)) => format!("{message} ({file}:{line})"),
        None => message.to_string(),
    }
}

/// The banner's texts in `lang`: title, explanation, the "what happened"
/// line with `details`, and the reload button.
pub fn banner_texts(lang: Lang, details: &str) -> [String; 4] {
    [
        Msg::PanicTitle.text(lang).to_string(),
        Msg::PanicExplain.text(lang).to_string(),
        format!("{}: {details}", Msg::PanicWhat.text(lang)),
        Msg::PanicReload.text(lang).to_string(),
    ]
}

fn message_of(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    panic_details(&message, info.location().map(|l| (l.file(), l.line())))
}

/// The interface language, read directly (no Leptos context after a panic):
/// the saved choice, else Russian.
fn lang() -> Lang {
    storage::read_raw(LANG_KEY).and_then(|s| Lang::from_code(&s)).unwrap_or(Lang::Ru)
}

/// Shows the banner (once; a second panic leaves the first message). Any DOM
/// call that fails is skipped: a panic hook must not panic.
pub fn show_banner(lang: Lang, details: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.query_selector(&format!("[data-testid='{BANNER_ID}']")).ok()?.is_some() {
        return Some(());
    }
    let [title, explain, what, reload] = banner_texts(lang, details);
    let banner = document.create_element("div").ok()?;
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", BANNER_ID).ok()?;
    for (tag, text, id) in [("strong", title, "title"), ("p", explain, "explain"), ("p", what, "details")] {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(&text));
        el.set_attribute("data-testid", &format!("{BANNER_ID}-{id}")).ok()?;
        banner.append_child(&el).ok()?;
    }
    let button: web_sys::HtmlElement = document.create_element("button").ok()?.dyn_into().ok()?;
    button.set_attribute("type", "button").ok()?;
    button.set_attribute("data-testid", &format!("{BANNER_ID}-reload")).ok()?;
    button.set_text_content(Some(&reload));
    // `location.reload` bound to `location`: plain JavaScript, callable after
    // the wasm instance has aborted.
    let location = JsValue::from(web_sys::window()?.location());
    let reload_fn: js_sys::Function =
        js_sys::Reflect::get(&location, &JsValue::from_str("reload")).ok()?.dyn_into().ok()?;
    button.set_onclick(Some(&reload_fn.bind0(&location)));
    banner.append_child(&button).ok()?;
    document.body()?.prepend_with_node_1(&banner).ok()?;
    Some(())
}

/// Installs the hook (at start, before mounting). The previous hook still
/// runs (it prints to the console where one is attached).
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = show_banner(lang(), &message_of(info));
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_what_happened_and_where_in_both_languages() {
        let d = panic_details("index out of bounds: the len is 3 but the index is 7", Some(("src/state/x.rs", 42)));
        assert_eq!(d, "index out of bounds: the len is 3 but the index is 7 (src/state/x.rs:42)");
        assert_eq!(panic_details("  ", None), "panic");
        let ru = banner_texts(Lang::Ru, &d);
        assert!(ru[0].contains("страница остановлена"));
        assert!(ru[1].contains("перезагрузите"));
        assert_eq!(ru[2], format!("Что случилось: {d}"));
        assert_eq!(ru[3], "Перезагрузить страницу");
        let en = banner_texts(Lang::En, &d);
        assert_eq!(en[3], "Reload the page");
        assert!(en[1].contains("reload it"));
    }
}
