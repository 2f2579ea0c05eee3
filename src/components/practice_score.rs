//! The engine's score of a paper, by topic and in total.

use callcalc_engine::{Score, TopicScore};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::practice::text;

#[component]
pub fn PracticeScore(#[prop(into)] score: Signal<Option<Score>>) -> impl IntoView {
    let i18n = use_i18n();
    let cells = move |s: TopicScore| {
        let lang = i18n.lang.get();
        let share = s.share().map(|x| format::percent(lang, x, 0)).unwrap_or_default();
        view! {
            <td class="num">{format!("{} / {}", s.correct, s.total())}</td>
            <td class="num">{share}</td>
            <td class="num">{s.wrong}</td>
            <td class="num">{s.unreadable}</td>
            <td class="num">{s.unanswered}</td>
        }
    };
    move || {
        score.get().map(|sc| {
            let rows = sc
                .by_topic
                .iter()
                .enumerate()
                .map(|(i, (topic, s))| {
                    view! {
                        <tr data-testid=format!("score-topic-{i}")>
                            <th scope="row">{text(i18n.lang.get(), &topic.title())}</th>
                            {cells(*s)}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="practice-score" data-testid="practice-score">
                    <h2>{i18n.t(Msg::PracticeScore)}</h2>
                    <table tabindex="0">
                        <thead>
                            <tr>
                                <th></th>
                                <th>{i18n.t(Msg::ScoreCorrect)}</th>
                                <th>"%"</th>
                                <th>{i18n.t(Msg::ScoreWrong)}</th>
                                <th>{i18n.t(Msg::ScoreUnreadable)}</th>
                                <th>{i18n.t(Msg::ScoreUnanswered)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                        <tfoot>
                            <tr data-testid="practice-score-total">
                                <th scope="row">{i18n.t(Msg::PracticeTotal)}</th>
                                {cells(sc.total)}
                            </tr>
                        </tfoot>
                    </table>
                </section>
            }
        })
    }
}
