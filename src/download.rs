//! Offering bytes as a file download: a Blob, an object URL and a click on a
//! temporary link. Nothing leaves the browser (the URL is `blob:`), so the
//! Content-Security-Policy's `connect-src 'none'` is not touched.

use wasm_bindgen::JsCast;

/// MIME type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// MIME type of CSV.
pub const CSV: &str = "text/csv;charset=utf-8";
/// MIME type of JSON.
pub const JSON: &str = "application/json";

/// Saves `bytes` as `file_name`; `false` when the browser refused.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    try_download(file_name, mime, bytes).is_some()
}

fn try_download(file_name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a = document.create_element("a").ok()?.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    a.set_href(&url);
    a.set_download(file_name);
    let body = document.body()?;
    body.append_child(&a).ok()?;
    a.click();
    let _ = body.remove_child(&a);
    // Revoked a minute later: revoking at once can cancel the download.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Some(())
}
