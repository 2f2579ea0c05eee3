//! A labelled text input that keeps what the user typed and shows the
//! validation message for its field next to it.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::i18n::{problem_text, use_i18n, Msg};

/// A text field of a form held in one signal: its value and its setter.
pub fn bind<S: Send + Sync + 'static>(
    form: RwSignal<S>,
    get: fn(&S) -> &String,
    set: fn(&mut S, String),
) -> (Signal<String>, Callback<String>) {
    (Signal::derive(move || form.with(|f| get(f).clone())), Callback::new(move |v| form.update(|f| set(f, v))))
}

/// The translated validation message for field `name`, if parsing rejected it.
pub fn field_error<P: Send + Sync + 'static>(
    parsed: Memo<Result<P, Vec<FieldError>>>,
    name: &'static str,
) -> Signal<Option<String>>
where
    Result<P, Vec<FieldError>>: PartialEq,
{
    let i18n = use_i18n();
    Signal::derive(move || {
        let lang = i18n.lang.get();
        parsed.with(|r| {
            r.as_ref().err().and_then(|errs| errs.iter().find(|e| e.field == name)).map(|e| problem_text(lang, e))
        })
    })
}

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
