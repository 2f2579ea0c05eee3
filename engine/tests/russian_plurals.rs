//! Russian exercise texts: every count in front of «звонок» or «оператор»
//! takes the form that agrees with it (1 звонок, 2 звонка, 5 звонков), over
//! many generated exercises of every topic and difficulty.

use callcalc_engine::plural::RuPlural;
use callcalc_engine::{Difficulty, Exercise, Topic};

/// Every "<number> <word>" in `text` whose word starts with `stem`: (number, word).
fn counted(text: &str, stem: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for w in words.windows(2) {
        let word = w[1].trim_end_matches(|c: char| !c.is_alphabetic());
        let number = w[0];
        if word.starts_with(stem) && !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') {
            out.push((number.to_string(), word.to_string()));
        }
    }
    out
}

fn expected(number: &str, forms: [&'static str; 3]) -> &'static str {
    let x: f64 = number.parse().expect("a number");
    RuPlural::of_number(x).pick(forms)
}

#[test]
fn counts_of_calls_and_agents_agree_with_their_nouns() {
    let (mut calls_seen, mut agents_seen) = (0, 0);
    let mut forms_seen = std::collections::BTreeSet::new();
    for seed in 0..400u64 {
        for topic in Topic::ALL {
            for d in [Difficulty::Basic, Difficulty::Intermediate, Difficulty::Advanced] {
                let e = Exercise::generate(seed, topic, d);
                for (n, word) in counted(&e.prompt.ru, "звонк") {
                    assert_eq!(word, expected(&n, ["звонок", "звонка", "звонков"]), "{}", e.prompt.ru);
                    forms_seen.insert(word);
                    calls_seen += 1;
                }
                for (n, word) in counted(&e.prompt.ru, "оператор") {
                    assert_eq!(word, expected(&n, ["оператор", "оператора", "операторов"]), "{}", e.prompt.ru);
                    agents_seen += 1;
                }
            }
        }
    }
    assert!(calls_seen > 100 && agents_seen > 10, "calls {calls_seen}, agents {agents_seen}");
    // The generator's volumes are varied enough to exercise more than one form.
    assert!(forms_seen.len() >= 2, "{forms_seen:?}");
}

#[test]
fn the_scanner_finds_a_mismatch() {
    let found = counted("За 30 мин поступает 122 звонков, на линии 1 операторов.", "звонк");
    assert_eq!(found, vec![("122".to_string(), "звонков".to_string())]);
    assert_ne!(found[0].1, expected("122", ["звонок", "звонка", "звонков"]));
}
