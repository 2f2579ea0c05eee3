//! End-to-end harness: serves the release build (`dist/`) on loopback, starts
//! chromedriver, and opens a headless Chromium session over WebDriver.
//!
//! Needs `trunk build --release` first (the Makefile's `test` target does it),
//! and `chromium` + `chromedriver` on PATH.

use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::process::{Child, Command};

/// The built app: `<repo>/dist`, or `CALLCALC_DIST`.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("CALLCALC_DIST") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"),
    }
}

fn free_port() -> u16 {
    StdListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// A minimal static file server for `dist/` on 127.0.0.1 (GET only).
pub async fn serve_dist(root: PathBuf) -> SocketAddr {
    assert!(
        root.join("index.html").exists(),
        "{} has no index.html: run `trunk build --release` first",
        root.display()
    );
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { continue };
            let root = root.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let mut got = 0;
                while got < buf.len() {
                    match sock.read(&mut buf[got..]).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => got += n,
                    }
                    if buf[..got].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                let req = String::from_utf8_lossy(&buf[..got]);
                let path = req.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
                let rel = if path == "/" { "index.html".to_string() } else { path.trim_start_matches('/').to_string() };
                let file = root.join(&rel);
                let ok = !rel.contains("..") && file.is_file();
                let (status, body, ctype) = if ok {
                    ("200 OK", tokio::fs::read(&file).await.unwrap_or_default(), content_type(&file))
                } else {
                    ("404 Not Found", b"not found".to_vec(), "text/plain")
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = sock.write_all(head.as_bytes()).await;
                let _ = sock.write_all(&body).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    addr
}

/// A browser session against the served app; chromedriver is killed on drop.
pub struct Session {
    pub client: Client,
    pub base: String,
    /// Where the browser saves downloads (one directory per session).
    pub downloads: PathBuf,
    _driver: Child,
}

impl Session {
    pub async fn start() -> Session {
        let addr = serve_dist(dist_dir()).await;
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver on PATH (apt-get install chromium-driver)");
        let url = format!("http://127.0.0.1:{port}");
        let downloads = std::env::temp_dir().join(format!("callcalc-e2e-downloads-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&downloads);
        std::fs::create_dir_all(&downloads).expect("create the download directory");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--window-size=1280,1000", "--lang=en-US"
                ],
                "prefs": {
                    "download.default_directory": downloads.to_string_lossy(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                    "safebrowsing.enabled": false
                }
            }),
        );
        let mut last_err = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Session { client, base: format!("http://{addr}/"), downloads, _driver: driver };
                }
                Err(e) => {
                    last_err = e.to_string();
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("could not start a WebDriver session: {last_err}");
    }

    pub async fn open(&self) {
        self.client.goto(&format!("{}#staffing", self.base)).await.expect("open the app");
        self.wait_for("result-agents").await;
    }

    /// Waits (up to 10 s) for an element with this `data-testid`.
    pub async fn wait_for(&self, testid: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .unwrap_or_else(|e| panic!("element {testid} did not appear: {e}"))
    }

    pub async fn exists(&self, testid: &str) -> bool {
        self.client.find(Locator::Css(&format!("[data-testid='{testid}']"))).await.is_ok()
    }

    pub async fn text(&self, testid: &str) -> String {
        self.wait_for(testid).await.text().await.unwrap_or_default()
    }

    /// Replaces the content of an input and lets the app react.
    pub async fn type_into(&self, testid: &str, value: &str) {
        let el = self.wait_for(testid).await;
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Opens `#page` and waits until its section has rendered and the page
    /// stopped changing (DOM size and document height equal on three polls
    /// 250 ms apart; panics after 30 s).
    pub async fn show_page(&self, page: &str) {
        self.client.execute("window.location.hash = arguments[0];", vec![page.into()]).await.unwrap();
        let (mut last, mut stable) = (String::new(), 0);
        for _ in 0..120 {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = self
                .client
                .execute(
                    "const p = document.querySelector('main section.page.' + arguments[0] + '-page'); \
                     return p ? document.body.innerHTML.length + ':' + document.documentElement.scrollHeight : '';",
                    vec![page.into()],
                )
                .await
                .unwrap();
            let now = now.as_str().unwrap_or_default().to_string();
            if !now.is_empty() && now == last {
                stable += 1;
                if stable >= 3 {
                    return;
                }
            } else {
                stable = 0;
            }
            last = now;
        }
        panic!("page #{page} did not settle");
    }

    /// Chooses `value` in the select with test id `testid` (a bubbling `change` event).
    pub async fn select(&self, testid: &str, value: &str) {
        self.wait_for(testid).await;
        self.client
            .execute(
                "const e = document.querySelector(`[data-testid='${arguments[0]}']`); e.value = arguments[1]; \
                 e.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![testid.into(), value.into()],
            )
            .await
            .expect("select");
    }

    pub async fn click(&self, testid: &str) {
        self.wait_for(testid).await.click().await.expect("click");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Waits until the element's text satisfies `pred` (up to 10 s); returns it.
    pub async fn text_when(&self, testid: &str, pred: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            last = self.text(testid).await;
            if pred(&last) {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{testid}: text {last:?} never satisfied the condition");
    }

    /// Waits (up to 20 s) for a finished download named `file_name` in
    /// [`Session::downloads`] and returns its bytes.
    pub async fn downloaded(&self, file_name: &str) -> Vec<u8> {
        let path = self.downloads.join(file_name);
        for _ in 0..200 {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let present: Vec<String> = std::fs::read_dir(&self.downloads)
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        panic!("download {file_name} did not arrive; the directory has {present:?}");
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// Reads a number as the app shows it in either language ("1 234,5", "1,234.5",
/// "88,8 %", "12.1 s"): the first number in the text.
pub fn read_number(text: &str) -> Option<f64> {
    let ru = text.contains('\u{a0}') || text.contains(',') && !text.contains('.');
    let mut s = String::new();
    let mut started = false;
    for c in text.chars() {
        match c {
            '0'..='9' => {
                started = true;
                s.push(c)
            }
            '−' | '-' if !started => s.push('-'),
            '.' if !ru => s.push('.'),
            ',' if ru => s.push('.'),
            ',' | '\u{a0}' | ' ' if started => {}
            _ if started => break,
            _ => {}
        }
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::read_number;

    #[test]
    fn reads_numbers_in_both_locales() {
        assert_eq!(read_number("1\u{a0}234,5\u{a0}%"), Some(1234.5));
        assert_eq!(read_number("1,234.5%"), Some(1234.5));
        assert_eq!(read_number("12.1 s"), Some(12.1));
        assert_eq!(read_number("48,00 Эрл"), Some(48.0));
        assert_eq!(read_number("54"), Some(54.0));
    }
}
