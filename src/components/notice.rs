//! A dismissable notice (e.g. "saved inputs were corrupt; defaults loaded").

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn Notice(message: Msg, visible: RwSignal<bool>, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || visible.get()>
            <div class="notice" role="status" data-testid=testid.clone()>
                <span>{move || i18n.t(message)}</span>
                <button type="button" on:click=move |_| visible.set(false)>{move || i18n.t(Msg::Dismiss)}</button>
            </div>
        </Show>
    }
}
