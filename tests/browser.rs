//! The HTML report in a real browser: headless Chromium opens the report of
//! every shipped spec and of the hostile fixture from a `file://` URL and
//! checks that
//!
//! - no console message, no uncaught exception and no dialog appears (an
//!   injected `alert` or `onerror` would open a dialog or log a Content-
//!   Security-Policy violation);
//! - the page makes no network request: the report itself is the only
//!   resource loaded;
//! - the style sheet applies (its hash in the CSP is right), and the DOM has
//!   the graph SVG with its linked boxes, the timeline SVG, the coverage and
//!   responsibility tables, one `h1`, no `script`, no `on…` attribute, no
//!   `javascript:` link and no internal link without its target;
//! - for the hostile spec, the same holds with the CSP switched off, so that
//!   escaping alone keeps injected markup inert;
//!
//! and writes screenshots under `target/browser/`: `NAME.png` (the whole page
//! at 1280 px, scaled down when very long), `NAME/SECTION.png` (each section
//! at 1280 px), `NAME-phone.png` (the first screen at 390 px) and `NAME.pdf`
//! (the page printed on A4, through the print style sheet).
//!
//! A harness test first loads a page that *does* run a script and checks
//! that the dialog and console message are seen, so the checks cannot pass
//! by seeing nothing.
//!
//! The browser is driven over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`: commands on its fd 3, replies on fd 4, JSON
//! messages ended by NUL), so no crate and no network port is needed. When
//! Chromium is missing the test fails and says how to install it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pacta::cli::FsLoader;
use pacta::compile::compile;
use pacta::emit::{html, json};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Every shipped spec, and the hostile fixture.
const SPECS: &[(&str, &str)] = &[
    ("pnmi-cr", "specs/pnmi-cr.pacta"),
    ("harbor", "specs/harbor/policy.pacta"),
    ("hostile", "tests/fixtures/hostile/main.pacta"),
];

/// The sections of the report, each also shot on its own under
/// `target/browser/NAME/SECTION.png`.
const SECTIONS: &[&str] = &[
    "policy",
    "summary",
    "principles",
    "commitments",
    "graph",
    "timeline",
    "coverage",
    "responsibilities",
    "details",
    "consultations",
    "evidence",
    "warnings",
];

const TIMEOUT: Duration = Duration::from_secs(180);

/// One browser at a time: the tests share a small machine.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn chromium() -> PathBuf {
    let candidates: Vec<PathBuf> = std::env::var_os("PACTA_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .collect();
    match candidates.into_iter().find(|p| p.is_file()) {
        Some(p) => p,
        None => panic!(
            "headless Chromium is needed for the browser test and was not found.\n\
             Install it with:  apt-get update && apt-get install -y chromium\n\
             (or set PACTA_CHROMIUM to the path of a Chromium binary)"
        ),
    }
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running Chromium and its DevTools pipe.
struct Browser {
    child: Child,
    commands: ChildStdin,
    replies: Receiver<Value>,
    next_id: u64,
    /// Events received and not yet taken.
    events: Vec<Value>,
    profile: PathBuf,
}

impl Browser {
    fn launch(name: &str) -> Browser {
        let profile = out_dir().join(format!("profile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        // The shell puts our stdin on the browser's fd 3 and our stdout on
        // its fd 4, then execs it (so the child's PID is the browser's).
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--mute-audio",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let commands = child.stdin.take().expect("chromium's command pipe");
        let mut stdout = child.stdout.take().expect("chromium's reply pipe");
        let (tx, replies) = channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 65536];
            loop {
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice::<Value>(&message[..end]) {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            commands,
            replies,
            next_id: 0,
            events: Vec::new(),
            profile,
        }
    }

    /// Sends a command and waits for its reply; events that arrive in the
    /// meantime are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        self.commands.flush().unwrap();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.receive(deadline, method);
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v.get("result").cloned().unwrap_or(Value::Null);
            }
            self.event(v, session);
        }
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.replies.recv_timeout(left) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer {waiting_for}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("chromium exited while waiting for {waiting_for}")
            }
        }
    }

    /// Keeps an event; answers a dialog at once so the page does not hang.
    fn event(&mut self, v: Value, session: Option<&str>) {
        if v.get("method").and_then(Value::as_str) == Some("Page.javascriptDialogOpening") {
            let s = v
                .get("sessionId")
                .and_then(Value::as_str)
                .or(session)
                .map(str::to_string);
            self.events.push(v);
            self.next_id += 1;
            let mut message = json!({
                "id": self.next_id,
                "method": "Page.handleJavaScriptDialog",
                "params": { "accept": true },
            });
            if let Some(s) = s {
                message["sessionId"] = json!(s);
            }
            let mut bytes = serde_json::to_vec(&message).unwrap();
            bytes.push(0);
            let _ = self.commands.write_all(&bytes);
            let _ = self.commands.flush();
            return;
        }
        self.events.push(v);
    }

    /// Waits for an event of a session.
    fn wait_for(&mut self, session: &str, method: &str) {
        let matches = |v: &Value| {
            v.get("method").and_then(Value::as_str) == Some(method)
                && v.get("sessionId").and_then(Value::as_str) == Some(session)
        };
        if self.events.iter().any(matches) {
            return;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.receive(deadline, method);
            let found = matches(&v);
            self.event(v, Some(session));
            if found {
                return;
            }
        }
    }

    /// Lets events that are already on their way arrive.
    fn settle(&mut self, quiet: Duration) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.replies.recv_timeout(quiet) {
                Ok(v) => self.event(v, None),
                Err(_) => return,
            }
        }
    }

    /// A new tab with the domains we watch enabled.
    fn open_tab(&mut self, width: u32, height: u32, mobile: bool) -> String {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let s = Some(session.as_str());
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Network.enable",
            "Log.enable",
        ] {
            self.call(s, domain, json!({}));
        }
        self.viewport(&session, width, height, mobile);
        session
    }

    fn viewport(&mut self, session: &str, width: u32, height: u32, mobile: bool) {
        self.call(
            Some(session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    fn navigate(&mut self, session: &str, url: &str) {
        self.events.clear();
        self.call(Some(session), "Page.navigate", json!({ "url": url }));
        self.wait_for(session, "Page.loadEventFired");
        self.settle(Duration::from_millis(300));
    }

    fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("evaluation failed: {e}");
        }
        r["result"]["value"].clone()
    }

    /// A PNG of the viewport, or of the whole page scaled down to at most
    /// 16,000 pixels high (what image tools open).
    fn screenshot(&mut self, session: &str, path: &Path, full_page: bool) {
        let mut params = json!({ "format": "png" });
        if full_page {
            let metrics = self.call(Some(session), "Page.getLayoutMetrics", json!({}));
            let size = &metrics["cssContentSize"];
            let width = size["width"].as_f64().unwrap_or(1280.0);
            let height = size["height"].as_f64().unwrap_or(800.0);
            let scale = (16_000.0 / height).min(1.0);
            params["captureBeyondViewport"] = json!(true);
            params["clip"] =
                json!({ "x": 0, "y": 0, "width": width, "height": height, "scale": scale });
        }
        self.capture(session, path, params);
    }

    /// A PNG of one element (at most 4,000 pixels of it).
    fn screenshot_of(&mut self, session: &str, selector: &str, path: &Path) {
        let rect = self.evaluate(
            session,
            &format!(
                "(() => {{ const e = document.querySelector({selector:?}); if (!e) return null; \
                 const r = e.getBoundingClientRect(); \
                 return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()"
            ),
        );
        let Some(r) = rect.as_array() else { return };
        let n = |i: usize| r.get(i).and_then(Value::as_f64).unwrap_or(0.0);
        let params = json!({
            "format": "png",
            "captureBeyondViewport": true,
            "clip": { "x": 0, "y": n(1) - 8.0, "width": n(0) * 2.0 + n(2), "height": n(3).min(4000.0) + 16.0, "scale": 1 },
        });
        self.capture(session, path, params);
    }

    /// The page as printed (A4, backgrounds on), to look at the print
    /// style sheet.
    fn print_pdf(&mut self, session: &str, path: &Path) {
        let pdf = self.call(
            Some(session),
            "Page.printToPDF",
            json!({ "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true }),
        );
        let bytes = base64_decode(pdf["data"].as_str().unwrap());
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
        std::fs::write(path, bytes).unwrap();
    }

    fn capture(&mut self, session: &str, path: &Path, params: Value) {
        let shot = self.call(Some(session), "Page.captureScreenshot", params);
        let png = base64_decode(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// Problems seen since the last navigation: console messages,
    /// exceptions, dialogs, log errors and requests for anything but
    /// `allowed`.
    fn problems(&self, allowed: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.events {
            let params = &e["params"];
            match e.get("method").and_then(Value::as_str).unwrap_or("") {
                "Runtime.consoleAPICalled" => out.push(format!(
                    "console.{}: {}",
                    params["type"].as_str().unwrap_or("?"),
                    params["args"]
                )),
                "Runtime.exceptionThrown" => {
                    out.push(format!("exception: {}", params["exceptionDetails"]))
                }
                "Page.javascriptDialogOpening" => out.push(format!(
                    "dialog ({}): {}",
                    params["type"].as_str().unwrap_or("?"),
                    params["message"].as_str().unwrap_or("")
                )),
                "Log.entryAdded"
                    if matches!(params["entry"]["level"].as_str(), Some("error" | "warning")) =>
                {
                    let entry = &params["entry"];
                    out.push(format!(
                        "log {} ({}): {}",
                        entry["level"].as_str().unwrap_or("?"),
                        entry["source"].as_str().unwrap_or("?"),
                        entry["text"].as_str().unwrap_or("")
                    ));
                }
                "Network.requestWillBeSent" => {
                    let url = params["request"]["url"].as_str().unwrap_or("");
                    if url != allowed {
                        out.push(format!("network request: {url}"));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let mut bytes =
            serde_json::to_vec(&json!({ "id": 0, "method": "Browser.close" })).unwrap_or_default();
        bytes.push(0);
        let _ = self.commands.write_all(&bytes);
        let _ = self.commands.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                _ => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let Some(v) = value(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap();
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(char::from(b))
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// Writes the report of a spec under `target/browser/NAME.html`.
fn write_report(name: &str, spec: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = compile(&root.join(spec), &FsLoader);
    assert_eq!(c.errors(), 0, "{spec} does not compile");
    let doc = json::document(&c, &json::as_of(&c.spec, None));
    let path = out_dir().join(format!("{name}.html"));
    std::fs::write(&path, html::render(&doc)).unwrap();
    path
}

/// What the page's DOM says about itself.
const DOM_CHECK: &str = r##"(() => {
  const all = [...document.querySelectorAll('*')];
  const ids = new Set(all.filter(e => e.id).map(e => e.id));
  const internal = [...document.querySelectorAll('[href^="#"]')]
    .map(a => a.getAttribute('href').slice(1));
  return {
    scripts: document.querySelectorAll('script').length,
    handlers: all.filter(e => [...e.attributes].some(a => /^on/i.test(a.name)))
      .map(e => e.outerHTML.slice(0, 120)),
    badLinks: [...document.querySelectorAll('[href]')]
      .map(a => a.getAttribute('href'))
      .filter(h => !/^(#|https?:\/\/)/i.test(h.trim())),
    broken: internal.filter(h => !ids.has(h) && !ids.has(decodeURIComponent(h))),
    h1: document.querySelectorAll('h1').length,
    graph: !!document.querySelector('#graph svg[role="img"] title'),
    graphLinks: document.querySelectorAll('#graph svg a[href^="#c-"]').length,
    timeline: !!document.querySelector('#timeline svg[role="img"] title'),
    coverage: document.querySelectorAll('#coverage table th[scope="row"]').length,
    matrix: document.querySelectorAll('#responsibilities table th[scope="row"]').length,
    tables: document.querySelectorAll('table caption').length,
    commitments: document.querySelectorAll('#details article[id^="c-"]').length,
    styled: getComputedStyle(document.querySelector('header')).backgroundColor,
    images: document.images.length,
    pwned: typeof window.pwned !== 'undefined',
  };
})()"##;

/// Elements wider than a phone's screen, outside the boxes that scroll
/// (figures and wide tables).
const WIDER_THAN_SCREEN: &str = r##"(() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.figure, .tablewrap'))
    .filter(e => e.getBoundingClientRect().right > w + 0.5)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
    .slice(0, 10);
})()"##;

fn check_page(b: &mut Browser, session: &str, name: &str, url: &str) -> Value {
    b.navigate(session, url);
    let problems = b.problems(url);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let dom = b.evaluate(session, DOM_CHECK);
    assert_eq!(dom["scripts"], json!(0), "{name}: {dom}");
    assert_eq!(dom["handlers"], json!([]), "{name}: {dom}");
    assert_eq!(dom["badLinks"], json!([]), "{name}: {dom}");
    assert_eq!(dom["broken"], json!([]), "{name}: {dom}");
    assert_eq!(dom["h1"], json!(1), "{name}: {dom}");
    assert_eq!(dom["graph"], json!(true), "{name}: no graph SVG: {dom}");
    assert_eq!(
        dom["timeline"],
        json!(true),
        "{name}: no timeline SVG: {dom}"
    );
    assert_eq!(dom["pwned"], json!(false), "{name}: {dom}");
    assert_eq!(dom["images"], json!(0), "{name}: {dom}");
    assert!(dom["graphLinks"].as_u64().unwrap_or(0) > 0, "{name}: {dom}");
    assert!(dom["coverage"].as_u64().unwrap_or(0) > 0, "{name}: {dom}");
    assert!(dom["matrix"].as_u64().unwrap_or(0) > 0, "{name}: {dom}");
    assert!(dom["tables"].as_u64().unwrap_or(0) >= 3, "{name}: {dom}");
    assert!(
        dom["commitments"].as_u64().unwrap_or(0) > 0,
        "{name}: {dom}"
    );
    // The masthead's dark background: the style sheet was allowed by its
    // hash.
    assert_eq!(
        dom["styled"],
        json!("rgb(18, 53, 91)"),
        "{name}: style blocked"
    );
    dom
}

#[test]
fn harness_sees_scripts_dialogs_and_requests() {
    let _serial = serial();
    let dir = out_dir();
    let canary = dir.join("canary.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><title>canary</title><script>console.error('canary'); alert('canary')</script><img src=\"https://example.invalid/x.png\">",
    )
    .unwrap();
    let mut b = Browser::launch("canary");
    let session = b.open_tab(800, 600, false);
    let url = file_url(&canary);
    b.navigate(&session, &url);
    let problems = b.problems(&url).join("\n");
    assert!(problems.contains("dialog (alert): canary"), "{problems}");
    assert!(problems.contains("console.error"), "{problems}");
    assert!(
        problems.contains("network request: https://example.invalid/x.png"),
        "{problems}"
    );
}

#[test]
fn reports_open_cleanly_in_chromium() {
    let _serial = serial();
    let dir = out_dir();
    let mut b = Browser::launch("reports");
    // One tab (a background tab paints nothing, and a screenshot of it
    // never comes): the desktop width, then a phone's.
    let tab = b.open_tab(1280, 900, false);
    for &(name, spec) in SPECS {
        let path = write_report(name, spec);
        let url = file_url(&path);
        b.viewport(&tab, 1280, 900, false);
        check_page(&mut b, &tab, name, &url);
        b.screenshot(&tab, &dir.join(format!("{name}.png")), true);
        let sections = dir.join(name);
        std::fs::create_dir_all(&sections).unwrap();
        for id in SECTIONS {
            b.screenshot_of(&tab, &format!("#{id}"), &sections.join(format!("{id}.png")));
        }
        b.print_pdf(&tab, &dir.join(format!("{name}.pdf")));
        b.viewport(&tab, 390, 844, true);
        let phone = tab.clone();
        b.navigate(&phone, &url);
        let problems = b.problems(&url);
        assert!(problems.is_empty(), "{name} (phone): {problems:#?}");
        // Nothing but the figures and wide tables (which scroll inside
        // their boxes) may be wider than the phone's screen.
        b.screenshot(&phone, &dir.join(format!("{name}-phone.png")), false);
        for id in ["graph", "timeline", "coverage"] {
            b.screenshot_of(
                &phone,
                &format!("#{id}"),
                &sections.join(format!("phone-{id}.png")),
            );
        }
        let overflow = b.evaluate(&phone, WIDER_THAN_SCREEN);
        assert_eq!(
            overflow,
            json!([]),
            "{name}: the page scrolls sideways on a phone"
        );
    }
}

#[test]
fn hostile_report_is_inert_even_without_its_csp() {
    let _serial = serial();
    let path = write_report("hostile-nocsp", "tests/fixtures/hostile/main.pacta");
    let url = file_url(&path);
    let mut b = Browser::launch("nocsp");
    let session = b.open_tab(1280, 900, false);
    b.call(
        Some(&session),
        "Page.setBypassCSP",
        json!({ "enabled": true }),
    );
    b.navigate(&session, &url);
    let problems = b.problems(&url);
    assert!(problems.is_empty(), "{problems:#?}");
    let dom = b.evaluate(&session, DOM_CHECK);
    assert_eq!(dom["scripts"], json!(0), "{dom}");
    assert_eq!(dom["handlers"], json!([]), "{dom}");
    assert_eq!(dom["badLinks"], json!([]), "{dom}");
    assert_eq!(dom["pwned"], json!(false), "{dom}");
    assert_eq!(dom["images"], json!(0), "{dom}");
}
