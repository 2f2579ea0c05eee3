//! Component tests of the import page's shared data set in headless Chromium:
//! a file chosen in the file input is used in every page, kept across a
//! remount (a reload), and removed with one click.

use callcalc_engine::{import_bytes, ImportOptions};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

const CDR: &[u8] = include_bytes!("../../engine/tests/fixtures/import/cdr_ru_cp1251.csv");
const SAVED_KEY: &str = "callcalc.dataset";

/// Mounts the app on `#import`, keeping whatever is stored (a reload).
fn mount() -> (HtmlElement, impl Drop) {
    remount("#import")
}

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
async fn an_imported_file_feeds_every_page_survives_a_reload_and_is_removed_in_one_click() {
    storage().clear().unwrap();
    storage().set_item("callcalc.lang", "en").unwrap();
    let expected = import_bytes(CDR, ImportOptions::new("cdr_ru_cp1251.csv")).unwrap();
    {
        let (root, _h) = mount();
        tick().await;
        assert!(by_testid(&root, "dataset-demo").is_some(), "the demo until something is imported");
        choose_file(&root, "cdr_ru_cp1251.csv", CDR);
        wait_for(&root, "import-use-dataset").await;
        assert_eq!(text(&root, "import-kept"), expected.summary.kept.to_string());
        click(&root, "import-use-dataset");
        tick().await;
        assert_eq!(text(&root, "dataset-file-0-name"), "cdr_ru_cp1251.csv");
        assert_eq!(text(&root, "dataset-file-0-kind"), "cdr");
        assert_eq!(text(&root, "dataset-file-0-kept"), expected.summary.kept.to_string());
        assert!(text(&root, "dataset-status").contains("Saved"), "{}", text(&root, "dataset-status"));
        assert!(storage().get_item(SAVED_KEY).unwrap().unwrap().starts_with("dataset v1\n"));
        // The analysis pages now say they work from the file.
        for page in ["kpi", "forecast", "budget", "operators"] {
            web_sys::window().unwrap().location().set_hash(&format!("#{page}")).unwrap();
            wait_for(&root, "data-set").await;
            tick().await;
            assert!(text(&root, "data-set").contains("cdr_ru_cp1251.csv"), "{page}: {}", text(&root, "data-set"));
        }
    }
    // A reload: the data set comes back from the browser.
    {
        let (root, _h) = mount();
        tick().await;
        assert_eq!(text(&root, "dataset-file-0-name"), "cdr_ru_cp1251.csv");
        assert!(text(&root, "dataset-status").contains("restored"), "{}", text(&root, "dataset-status"));
        click(&root, "dataset-remove");
        tick().await;
        assert!(by_testid(&root, "dataset-demo").is_some());
        assert!(by_testid(&root, "dataset-files").is_none());
        assert!(storage().get_item(SAVED_KEY).unwrap().is_none(), "the saved copy is gone");
    }
    // A damaged record gives the demo and says so.
    storage().set_item(SAVED_KEY, "dataset v1\nfiles=1\n0.name=x\n0.bytes=!!\n").unwrap();
    {
        let (root, _h) = mount();
        tick().await;
        assert!(by_testid(&root, "dataset-demo").is_some());
        assert!(text(&root, "dataset-status").contains("could not be read"), "{}", text(&root, "dataset-status"));
    }
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn rejected_rows_say_how_many_are_listed_of_all() {
    storage().clear().unwrap();
    storage().set_item("callcalc.lang", "en").unwrap();
    let mut file = String::from("Start time;Talk time;Wait time;Outcome\n");
    for i in 0..700 {
        file.push_str(&format!("01.03.2024 08:{:02}:00;bad{i};10;answered\n", i % 60));
    }
    file.push_str("01.03.2024 09:00:00;120;10;answered\n");
    let (root, _h) = mount();
    tick().await;
    choose_file(&root, "bad.csv", file.as_bytes());
    wait_for(&root, "rejected-shown").await;
    assert_eq!(text(&root, "import-rejected"), "700");
    assert_eq!(text(&root, "rejected-shown").split_whitespace().collect::<Vec<_>>().join(" "), "500 of 700 shown");
    assert!(by_testid(&root, "rejected-499").is_some() && by_testid(&root, "rejected-500").is_none());
    assert!(by_testid(&root, "download-rejected").is_some());
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn a_large_import_shows_progress_and_can_be_cancelled() {
    storage().clear().unwrap();
    storage().set_item("callcalc.lang", "en").unwrap();
    let (root, _h) = mount();
    tick().await;
    // Four 1 MiB steps of call records.
    let fixture =
        std::str::from_utf8(include_bytes!("../../engine/tests/fixtures/import/cdr_en_entry_exit.csv")).unwrap();
    let (header, body) = fixture.split_once('\n').unwrap();
    let mut file = format!("{header}\n");
    while file.len() < 3_300_000 {
        file.push_str(body.trim_end_matches('\n'));
        file.push('\n');
    }
    choose_file(&root, "big.csv", file.as_bytes());
    // Polled after every single timer turn: the import yields one per step.
    let mut seen = false;
    for _ in 0..2_000 {
        if by_testid(&root, "import-progress").is_some() {
            seen = true;
            break;
        }
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
    assert!(seen, "the progress bar appears");
    assert!(text(&root, "import-progress-pct").ends_with('%'));
    click(&root, "import-cancel");
    for _ in 0..20 {
        tick().await;
    }
    assert!(by_testid(&root, "import-progress").is_none(), "the bar is gone");
    assert!(by_testid(&root, "import-kept").is_none(), "a cancelled import shows no result");

    // Run to the end: the result is the engine's.
    choose_file(&root, "big.csv", file.as_bytes());
    wait_long(&root, "import-kept", 5_000).await;
    assert!(by_testid(&root, "import-progress").is_none());
    let expected = import_bytes(file.as_bytes(), ImportOptions::new("big.csv")).unwrap();
    assert!(expected.summary.kept > 10_000);
    assert_eq!(text(&root, "import-kept"), expected.summary.kept.to_string());
    web_sys::window().unwrap().location().set_hash("").unwrap();
}
