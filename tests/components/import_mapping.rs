//! Component tests of the import page's mapping editor in headless Chromium:
//! a file whose header is not recognised opens the editor (in Russian, no
//! English) and imports by hand; a value mapping changes the interval table;
//! the panic banner is text-only with a reload button.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Call records below two title rows, under a header the detector does not know.
const UNKNOWN_HEADER: &str = "Выгрузка звонков за март\n\
    Сформировано 02.04.2024\n\
    Когда;Кто;Чем кончилось;Сколько ждал;Сколько говорил\n\
    01.03.2024 08:00:05;Иванов;Отвечен;12;180\n\
    01.03.2024 08:07:40;Петров;Потерян;45;\n\
    01.03.2024 08:20:00;Иванов;Отвечен;5;100\n";

/// Chooses a file in the page's file input, as a user would.
fn choose_file(root: &HtmlElement, name: &str, bytes: &[u8]) {
    let input = by_testid(root, "import-file").unwrap();
    let choose = js_sys::Function::new_with_args(
        "input, bytes, name",
        "const dt = new DataTransfer(); dt.items.add(new File([bytes], name)); input.files = dt.files;\
         input.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    choose.call3(&JsValue::NULL, &input, &js_sys::Uint8Array::from(bytes), &JsValue::from_str(name)).unwrap();
}

#[wasm_bindgen_test]
async fn an_unrecognised_header_opens_the_editor_in_russian_and_imports_by_hand() {
    let (root, _h) = mount_app("#import", "ru", &[]);
    tick().await;
    choose_file(&root, "звонки.csv", UNKNOWN_HEADER.as_bytes());
    wait_for(&root, "column-mapping").await;
    let error = text(&root, "import-error");
    assert!(error.contains("звонки.csv: строка заголовка известного отчёта не найдена"), "{error}");
    assert!(error.contains("«Чем кончилось»"), "{error}");
    assert!(!error.contains("header"), "no English: {error}");
    // The editor: the header row with the most cells, the kind, the fields.
    assert_eq!(select_value(&root, "mapping-header-row"), "3");
    assert_eq!(select_value(&root, "mapping-kind"), "cdr");
    assert!(text(&root, "mapping-missing").contains("результат звонка"), "{}", text(&root, "mapping-missing"));
    select(&root, "map-datetime", "0");
    select(&root, "map-outcome", "2");
    select(&root, "map-wait_s", "3");
    tick().await;
    assert!(by_testid(&root, "mapping-complete").is_some(), "every requirement met");
    // A field nobody suggested: talk time, added from the list.
    assert!(by_testid(&root, "map-talk_s").is_none());
    select(&root, "mapping-add", "talk_s");
    tick().await;
    select(&root, "map-talk_s", "4");
    tick().await;
    click(&root, "mapping-apply");
    wait_for(&root, "import-kept").await;
    assert_eq!(text(&root, "import-kept"), "3");
    assert_eq!(text(&root, "import-rejected"), "0");
    assert!(by_testid(&root, "import-error").is_none());
    // 08:00 (two calls) and 08:15 (one); AHT of the 08:00 interval = 180 s (one answered).
    assert_eq!(text(&root, "interval-0-offered"), "2");
    assert_eq!(text(&root, "interval-1-offered"), "1");
    assert_eq!(text(&root, "interval-0-aht"), "180,0");
    drop(_h);
    root.remove();
    // The mapping is remembered: after a reload the same file imports at once.
    let (root, _h) = remount("#import");
    tick().await;
    choose_file(&root, "звонки-2.csv", UNKNOWN_HEADER.as_bytes());
    wait_for(&root, "import-kept").await;
    assert_eq!(text(&root, "import-kept"), "3", "the remembered mapping is applied");
    assert!(by_testid(&root, "import-error").is_none());
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn the_panic_banner_is_text_with_a_reload_button() {
    storage().set_item("callcalc.lang", "ru").unwrap();
    let details = callcalc_app::panic::panic_details("<b>index</b> out of bounds", Some(("src/x.rs", 7)));
    callcalc_app::panic::show_banner(callcalc_app::i18n::Lang::Ru, &details).unwrap();
    let body = document().body().unwrap();
    let banner = body.query_selector("[data-testid='panic-banner']").unwrap().unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let what = body.query_selector("[data-testid='panic-banner-details']").unwrap().unwrap();
    assert_eq!(what.text_content().unwrap(), "Что случилось: <b>index</b> out of bounds (src/x.rs:7)");
    assert!(what.query_selector("b").unwrap().is_none(), "the message stays text, never HTML");
    let reload = body.query_selector("[data-testid='panic-banner-reload']").unwrap().unwrap();
    assert_eq!(reload.text_content().unwrap(), "Перезагрузить страницу");
    let button: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(reload);
    assert!(button.onclick().is_some(), "the reload handler is a plain JavaScript function");
    // A second panic keeps the first message.
    callcalc_app::panic::show_banner(callcalc_app::i18n::Lang::Ru, "second").unwrap();
    banner.remove();
    assert!(body.query_selector("[data-testid='panic-banner']").unwrap().is_none(), "only one banner was shown");
}

/// Call records whose outcomes are the bank's codes: AGENT, HANG, PHANTOM.
const CODED: &str = "Дата и время;Результат;Ожидание;Разговор\n\
    01.03.2024 08:01:00;AGENT;10;100\n\
    01.03.2024 08:02:00;HANG;30;\n\
    01.03.2024 08:03:00;PHANTOM;0;\n\
    01.03.2024 08:04:00;AGENT;5;200\n\
    01.03.2024 08:20:00;HANG;50;\n";

#[wasm_bindgen_test]
async fn a_value_mapping_changes_the_interval_table() {
    let (root, _h) = mount_app("#import", "en", &[]);
    tick().await;
    choose_file(&root, "coded.csv", CODED.as_bytes());
    wait_for(&root, "value-mapping").await;
    // Not understood yet: the outcome rows are rejected.
    assert_eq!(text(&root, "import-kept"), "0");
    assert_eq!(text(&root, "import-rejected"), "5");
    let values: Vec<(String, String, String)> = (0..3)
        .map(|i| {
            let id = format!("value-outcome-{i}");
            (
                text(&root, &format!("{id}-value")),
                text(&root, &format!("{id}-count")),
                text(&root, &format!("{id}-reading")),
            )
        })
        .collect();
    assert_eq!(values[0], ("AGENT".to_string(), "2".to_string(), "not understood".to_string()));
    assert_eq!(values[1], ("HANG".to_string(), "2".to_string(), "not understood".to_string()));
    assert_eq!(values[2], ("PHANTOM".to_string(), "1".to_string(), "not understood".to_string()));
    select(&root, "value-outcome-0-choice", "outcome:answered");
    wait_long(&root, "interval-0", 400).await;
    for _ in 0..50 {
        if text(&root, "import-kept") == "2" {
            break;
        }
        tick().await;
    }
    assert_eq!(text(&root, "import-kept"), "2");
    select(&root, "value-outcome-1-choice", "outcome:abandoned");
    for _ in 0..100 {
        if text(&root, "import-kept") == "4" {
            break;
        }
        tick().await;
    }
    assert_eq!(text(&root, "import-kept"), "4");
    assert_eq!(text(&root, "interval-0-offered"), "3", "08:00: two answered, one abandoned");
    assert_eq!(text(&root, "interval-1-offered"), "1", "08:15: one abandoned");
    select(&root, "value-outcome-2-choice", "outcome:ignore");
    for _ in 0..100 {
        if text(&root, "import-ignored") == "1" {
            break;
        }
        tick().await;
    }
    assert_eq!(text(&root, "import-ignored"), "1");
    assert_eq!(text(&root, "import-rejected"), "0");
    assert_eq!(text(&root, "interval-total-offered"), "4", "the phantom call is no contact");
    assert_eq!(text(&root, "value-outcome-2-reading"), "not a call (ignore the row)");
    web_sys::window().unwrap().location().set_hash("").unwrap();
}
