//! The forecast page's series choice against the release build: the chat
//! channel of the demo → its own (smaller) volumes, the chat model, and an
//! XLSX export that states the series and carries the page's total.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::Session;

async fn value_of(s: &Session, testid: &str) -> String {
    s.client
        .execute("return document.querySelector(`[data-testid='${arguments[0]}']`).value", vec![testid.into()])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn row_with<'a>(range: &'a calamine::Range<Data>, first: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == first))
        .unwrap_or_else(|| panic!("no row {first}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_channel_forecast_and_export_state_the_series() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#forecast", s.base)).await.unwrap();
    s.wait_for("heatmap").await;
    assert_eq!(s.text("fc-series-label").await, "All contacts");
    // English digit groups ("7,893"): read without the group separator.
    let calls = |t: &str| t.replace(',', "").parse::<f64>().ok();
    let all = calls(&s.text("fc-total-calls").await).unwrap();

    s.select("select-fc-series", "ch:chat").await;
    s.text_when("fc-series-label", |t| t == "Channel: chat").await;
    let chat = s.text_when("fc-total-calls", |t| calls(t).is_some_and(|x| x != all)).await;
    let chat = calls(&chat).unwrap();
    assert!(chat > 0.0 && chat < all, "{chat} vs {all}");
    assert_eq!(value_of(&s, "select-fc-model").await, "chat");
    assert!(s.exists("input-fc_chat_factors").await);

    s.click("fc-export-xlsx").await;
    let bytes = s.downloaded("callcalc-forecast.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    let fc = book.worksheet_range("Forecast").unwrap();
    assert_eq!(row_with(&fc, "Series")[1], Data::String("Channel: chat".into()));
    let total = match &row_with(&fc, "Total calls")[2] {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    };
    assert!((total - chat).abs() < 0.5 + 1e-9, "{total} vs {chat}");
    s.close().await;
}
