//! A labelled text input that keeps what the user typed and shows the
//! validation message for its field next to it.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn TextField(
    label: Msg,
    /// `data-testid` of the input; the error gets `error-<name>`.
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode.unwrap_or("decimal")
                autocomplete="off"
                data-testid=format!("input-{name}")
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="error" data-testid=format!("error-{name}")>{e}</p> })
            }}
        </div>
    }
}
