//! The application shell: language context, header with navigation, the
//! current page (from the URL hash), footer.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::language_switch::{initial_lang, LanguageSwitch};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::budget::BudgetPage;
use crate::pages::capacity::CapacityPage;
use crate::pages::compare::ComparePage;
use crate::pages::forecast::ForecastPage;
use crate::pages::import::ImportPage;
use crate::pages::kpi::KpiPage;
use crate::pages::operators::OperatorsPage;
use crate::pages::practice::PracticePage;
use crate::pages::staffing::StaffingPage;

/// The pages, addressed by the URL hash (`#staffing`, `#kpi`, …), in the order of the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Staffing,
    Compare,
    Capacity,
    Import,
    Kpi,
    Forecast,
    Budget,
    Operators,
    Practice,
}

impl Page {
    pub const ALL: [Page; 9] = [
        Page::Import,
        Page::Kpi,
        Page::Staffing,
        Page::Compare,
        Page::Capacity,
        Page::Forecast,
        Page::Budget,
        Page::Operators,
        Page::Practice,
    ];

    pub fn hash(self) -> &'static str {
        match self {
            Page::Staffing => "staffing",
            Page::Compare => "compare",
            Page::Capacity => "capacity",
            Page::Import => "import",
            Page::Kpi => "kpi",
            Page::Forecast => "forecast",
            Page::Budget => "budget",
            Page::Operators => "operators",
            Page::Practice => "practice",
        }
    }

    pub fn from_hash(hash: &str) -> Page {
        let h = hash.trim_start_matches('#');
        // A page may carry parameters after `?` (the budget's shared link).
        let h = h.split('?').next().unwrap_or_default();
        Page::ALL.into_iter().find(|p| p.hash() == h).unwrap_or(Page::Kpi)
    }

    fn title(self) -> Msg {
        match self {
            Page::Staffing => Msg::NavStaffing,
            Page::Compare => Msg::NavCompare,
            Page::Capacity => Msg::NavCapacity,
            Page::Import => Msg::NavImport,
            Page::Kpi => Msg::NavKpi,
            Page::Forecast => Msg::NavForecast,
            Page::Budget => Msg::NavBudget,
            Page::Operators => Msg::NavOperators,
            Page::Practice => Msg::NavPractice,
        }
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n { lang: RwSignal::new(initial_lang()) };
    provide_context(i18n);
    crate::state::dataset::provide_saved_dataset();
    crate::state::coverage::provide_coverage();
    let page = RwSignal::new(Page::from_hash(&current_hash()));
    if let Some(w) = web_sys::window() {
        let on_hash = Closure::<dyn Fn()>::new(move || page.set(Page::from_hash(&current_hash())));
        let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        on_hash.forget();
    }
    // A new page starts at its top (the browser keeps the scroll position on a hash change).
    Effect::new(move |prev: Option<Page>| {
        let now = page.get();
        if prev.is_some_and(|p| p != now) {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        now
    });
    // The app is mounted: the static loading indicator of index.html goes.
    Effect::new(move |_| {
        if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            boot.remove();
        }
    });
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
            <Nav page=page />
            <LanguageSwitch />
        </header>
        <main>
            {move || match page.get() {
                Page::Staffing => view! { <StaffingPage /> }.into_any(),
                Page::Compare => view! { <ComparePage /> }.into_any(),
                Page::Capacity => view! { <CapacityPage /> }.into_any(),
                Page::Import => view! { <ImportPage /> }.into_any(),
                Page::Kpi => view! { <KpiPage /> }.into_any(),
                Page::Forecast => view! { <ForecastPage /> }.into_any(),
                Page::Budget => view! { <BudgetPage /> }.into_any(),
                Page::Operators => view! { <OperatorsPage /> }.into_any(),
                Page::Practice => view! { <PracticePage /> }.into_any(),
            }}
        </main>
        <footer>
            {move || i18n.t(Msg::Footer)}
            <div data-testid="build-version">
                {move || crate::build_info::build_line(i18n.lang.get())}
            </div>
        </footer>
    }
}

#[component]
fn Nav(page: RwSignal<Page>) -> impl IntoView {
    let i18n = use_i18n();
    let links = Page::ALL
        .into_iter()
        .map(|p| {
            view! {
                <a
                    href=format!("#{}", p.hash())
                    class:active=move || page.get() == p
                    aria-current=move || (page.get() == p).then_some("page")
                    data-testid=format!("nav-{}", p.hash())
                    on:click=move |_| page.set(p)
                >
                    {move || i18n.t(p.title())}
                </a>
            }
        })
        .collect_view();
    view! { <nav aria-label=move || i18n.t(Msg::NavLabel)>{links}</nav> }
}
