//! The application shell: language context, header, page, footer.

use leptos::prelude::*;

use crate::components::language_switch::{initial_lang, LanguageSwitch};
use crate::i18n::{I18n, Msg};
use crate::pages::staffing::StaffingPage;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n { lang: RwSignal::new(initial_lang()) };
    provide_context(i18n);
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.code());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(Msg::AppTitle.text(lang));
        }
    });
    view! {
        <header class="app-header">
            <div class="brand">
                <strong>"callcalc"</strong>
                <span class="tagline">{move || i18n.t(Msg::Tagline)}</span>
            </div>
            <nav>
                <a href="#staffing" class="active">{move || i18n.t(Msg::NavStaffing)}</a>
            </nav>
            <LanguageSwitch />
        </header>
        <main>
            <StaffingPage />
        </main>
        <footer>{move || i18n.t(Msg::Footer)}</footer>
    }
}
