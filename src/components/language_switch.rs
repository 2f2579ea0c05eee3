//! RU / EN switch in the header; the choice is remembered.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, Msg};
use crate::storage;

pub const LANG_KEY: &str = "callcalc.lang";

/// The saved language, else Russian (most users), else the browser's if English.
pub fn initial_lang() -> Lang {
    if let Some(l) = storage::read_raw(LANG_KEY).and_then(|s| Lang::from_code(&s)) {
        return l;
    }
    let browser = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if browser.starts_with("en") {
        Lang::En
    } else {
        Lang::Ru
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Lang::ALL
        .iter()
        .map(|&lang| {
            view! {
                <button
                    type="button"
                    class="lang"
                    class:active=move || i18n.lang.get() == lang
                    aria-pressed=move || (i18n.lang.get() == lang).to_string()
                    data-testid=format!("lang-{}", lang.code())
                    on:click=move |_| {
                        i18n.lang.set(lang);
                        storage::write_raw(LANG_KEY, lang.code());
                    }
                >
                    {lang.code().to_uppercase()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="language-switch" role="group" aria-label=move || i18n.t(Msg::Language)>
            {buttons}
        </div>
    }
}
