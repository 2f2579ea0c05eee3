//! The practice settings: topics, difficulty, number of exercises, seed and
//! exam length, with the buttons that make a paper or start an exam.

use callcalc_engine::{Difficulty, FieldError, Topic};
use leptos::prelude::*;

use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::practice::{difficulty_code, difficulty_from_code, text, PaperSpec, PracticeForm};

#[component]
fn SettingsField(
    label: Msg,
    /// Field name in [`PracticeForm::parse`] errors; the input's testid is `practice-<name>`.
    name: &'static str,
    form: RwSignal<PracticeForm>,
    parsed: Memo<Result<PaperSpec, Vec<FieldError>>>,
    get: fn(&PracticeForm) -> &String,
    set: fn(&mut PracticeForm, String),
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| {
        let lang = i18n.lang.get();
        parsed.with(|r| {
            r.as_ref().err().and_then(|errs| errs.iter().find(|e| e.field == name)).map(|e| problem_text(lang, e))
        })
    });
    let id = format!("practice-field-{name}");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                data-testid=format!("practice-{name}")
                prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
            {move || error.get().map(|e| view! { <p class="error" data-testid=format!("practice-error-{name}")>{e}</p> })}
        </div>
    }
}

#[component]
pub fn PracticeSettings(
    form: RwSignal<PracticeForm>,
    parsed: Memo<Result<PaperSpec, Vec<FieldError>>>,
    on_generate: Callback<()>,
    on_new_paper: Callback<()>,
    on_start_exam: Callback<()>,
    #[prop(into)] exam_running: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let topics = Topic::ALL
        .into_iter()
        .enumerate()
        .map(|(i, topic)| {
            view! {
                <label class="topic">
                    <input
                        type="checkbox"
                        data-testid=format!("practice-topic-{i}")
                        prop:checked=move || form.with(|f| f.topics[i])
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.update(|f| f.topics[i] = on);
                        }
                    />
                    {move || text(i18n.lang.get(), &topic.title())}
                </label>
            }
        })
        .collect_view();
    let topics_error = Memo::new(move |_| {
        let lang = i18n.lang.get();
        parsed.with(|r| {
            r.as_ref().err().and_then(|errs| errs.iter().find(|e| e.field == "topics")).map(|e| problem_text(lang, e))
        })
    });
    let levels = [
        (Difficulty::Basic, Msg::DifficultyBasic),
        (Difficulty::Intermediate, Msg::DifficultyIntermediate),
        (Difficulty::Advanced, Msg::DifficultyAdvanced),
    ];
    let options = levels
        .into_iter()
        .map(|(d, m)| {
            view! {
                <option value=difficulty_code(d) selected=move || form.with(|f| f.difficulty == d)>
                    {move || i18n.t(m)}
                </option>
            }
        })
        .collect_view();
    let invalid = Memo::new(move |_| parsed.with(Result::is_err));
    view! {
        <section class="practice-settings" data-testid="practice-settings">
            <fieldset class="topics">
                <legend>{move || i18n.t(Msg::PracticeTopics)}</legend>
                {topics}
                {move || topics_error.get().map(|e| view! { <p class="error" data-testid="practice-error-topics">{e}</p> })}
            </fieldset>
            <div class="field">
                <label for="practice-field-difficulty">{move || i18n.t(Msg::PracticeDifficulty)}</label>
                <select
                    id="practice-field-difficulty"
                    data-testid="practice-difficulty"
                    on:change=move |ev| {
                        if let Some(d) = difficulty_from_code(&event_target_value(&ev)) {
                            form.update(|f| f.difficulty = d);
                        }
                    }
                >
                    {options}
                </select>
            </div>
            <SettingsField label=Msg::PracticeCount name="count" form=form parsed=parsed get=|f| &f.count set=|f, v| f.count = v />
            <SettingsField label=Msg::PracticeSeed name="seed" form=form parsed=parsed get=|f| &f.seed set=|f, v| f.seed = v />
            <SettingsField label=Msg::PracticeMinutes name="minutes" form=form parsed=parsed get=|f| &f.minutes set=|f, v| f.minutes = v />
            <div class="buttons">
                <button type="button" data-testid="practice-generate" disabled=move || invalid.get() || exam_running.get() on:click=move |_| on_generate.run(())>
                    {move || i18n.t(Msg::PracticeGenerate)}
                </button>
                <button type="button" data-testid="practice-new-paper" disabled=move || invalid.get() || exam_running.get() on:click=move |_| on_new_paper.run(())>
                    {move || i18n.t(Msg::PracticeNewPaper)}
                </button>
                <button type="button" data-testid="practice-start-exam" disabled=move || invalid.get() || exam_running.get() on:click=move |_| on_start_exam.run(())>
                    {move || i18n.t(Msg::PracticeStartExam)}
                </button>
            </div>
        </section>
    }
}
