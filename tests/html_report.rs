//! The HTML report, read as text: hostile strings stay text, the structure
//! is sound (one `h1`, headings in order, every internal link has its
//! target, unique IDs, tables with headers and captions, SVGs with text
//! alternatives), nothing is loaded from the network, the output is
//! deterministic, and the labels follow the spec's language.
//!
//! The checks scan the markup with a small tag reader: the renderer escapes
//! every `<` of user text, so every literal `<` in the output starts a tag
//! the renderer wrote. `tests/browser.rs` checks the same pages in Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pacta::cli::FsLoader;
use pacta::compile::compile;
use pacta::emit::{html, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const FLAGSHIP: &str = "specs/pnmi-cr.pacta";
const HARBOR: &str = "specs/harbor/policy.pacta";
const HOSTILE: &str = "tests/fixtures/hostile/main.pacta";

fn report(path: &str) -> String {
    let c = compile(Path::new(path), &FsLoader);
    assert_eq!(c.errors(), 0, "{path} has errors: {:#?}", c.diagnostics);
    let doc = json::document(&c, &json::as_of(&c.spec, None));
    html::render(&doc)
}

/// A tag the renderer wrote.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every tag of a document, in order (the style sheet's text skipped).
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!DOCTYPE") || html[i..].starts_with("!--") {
            i += html[i..].find('>').unwrap();
            continue;
        }
        let closing = b[i] == b'/';
        if closing {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        assert!(!name.is_empty(), "a `<` that starts no tag at byte {start}");
        let mut attrs = Vec::new();
        loop {
            while b[i].is_ascii_whitespace() {
                i += 1;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            if html[i..].starts_with("/>") {
                i += 2;
                break;
            }
            let s = i;
            while !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if b[i] == b'=' {
                i += 1;
                let q = b[i];
                assert!(q == b'"', "unquoted attribute `{attr}` in <{name}>");
                i += 1;
                let e = html[i..].find('"').unwrap() + i;
                value = unescape(&html[i..e]);
                i = e + 1;
            } else if b[i] == b'/' {
                i += 1;
            }
            attrs.push((attr, value));
        }
        if name == "style" && !closing {
            i += html[i..]
                .find("</style>")
                .expect("the style sheet is closed");
        }
        out.push(Tag {
            name,
            closing,
            attrs,
        });
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text of the document outside tags.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The elements the renderer may write; anything else came from input.
const ALLOWED: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "nav", "main", "section", "footer",
    "article", "div", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "dl", "dt", "dd", "span",
    "strong", "br", "a", "time", "bdi", "details", "summary", "table", "caption", "thead", "tbody",
    "tr", "th", "td", "svg", "defs", "marker", "g", "rect", "line", "path", "text", "desc",
];

/// What must hold for any document, even one compiled with errors: only
/// known elements, no handlers, no resource loads, headings in order,
/// unique IDs, internal links with their targets.
fn check_safe(name: &str, html: &str) -> Vec<Tag> {
    let tags = tags(html);
    // Only known elements, no event handlers, no resource attributes.
    for t in &tags {
        assert!(
            ALLOWED.contains(&t.name.as_str()),
            "{name}: unexpected <{}>",
            t.name
        );
        for (a, v) in &t.attrs {
            assert!(!a.starts_with("on"), "{name}: event handler {a}={v:?}");
            assert!(
                !matches!(a.as_str(), "src" | "srcset" | "poster" | "data" | "action"),
                "{name}: resource attribute {a}"
            );
            if a == "href" {
                let lower = v.trim().to_ascii_lowercase();
                assert!(
                    lower.starts_with('#')
                        || lower.starts_with("https://")
                        || lower.starts_with("http://"),
                    "{name}: href={v:?}"
                );
            } else if a != "xmlns" {
                let lower = v.to_ascii_lowercase();
                assert!(
                    !lower.contains("http:") && !lower.contains("https:")
                        || t.name == "meta" && a == "content" && !lower.contains("http"),
                    "{name}: URL in {a}={v:?} of <{}>",
                    t.name
                );
                assert!(!lower.contains("javascript:") || a == "title" || a == "content");
            }
        }
    }
    // `<script` nowhere, one style sheet.
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{name}: <script in the output");
    assert_eq!(lower.matches("<style").count(), 1, "{name}");
    assert_eq!(lower.matches("</style").count(), 1, "{name}");
    assert!(!lower.contains("@import"), "{name}");

    // The CSP.
    let csp = tags
        .iter()
        .find(|t| t.name == "meta" && t.attr("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|t| t.attr("content"))
        .expect("a CSP meta tag");
    assert_eq!(csp, html::content_security_policy());
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    assert!(lower.starts_with("<!doctype html>\n<html lang=\""));

    // Headings: one h1, first; never a level skipped going down.
    let levels: Vec<usize> = tags
        .iter()
        .filter(|t| !t.closing && t.name.len() == 2 && t.name.starts_with('h'))
        .filter_map(|t| t.name[1..].parse().ok())
        .collect();
    assert_eq!(levels.first(), Some(&1), "{name}");
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{name}");
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "{name}: h{} after h{}", w[1], w[0]);
    }

    // IDs unique; every internal link has its target.
    let mut ids = BTreeSet::new();
    for t in &tags {
        if let Some(id) = t.attr("id") {
            assert!(ids.insert(id.to_string()), "{name}: duplicate id {id:?}");
            assert!(
                !id.is_empty() && !id.contains(char::is_whitespace),
                "{name}: {id:?}"
            );
        }
    }
    let mut links = 0;
    for t in &tags {
        if let Some(target) = t.attr("href").and_then(|h| h.strip_prefix('#')) {
            links += 1;
            assert!(ids.contains(target), "{name}: no id for href #{target}");
        }
    }
    let _ = links;
    tags
}

fn check_structure(name: &str, html: &str) {
    let tags = check_safe(name, html);
    let links = tags
        .iter()
        .filter(|t| t.attr("href").is_some_and(|h| h.starts_with('#')))
        .count();
    assert!(links > 10, "{name}: {links} internal links");
    let ids: BTreeSet<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();

    // Tables have captions and header cells with a scope; SVG figures have
    // a role, a title and a description.
    let mut open_table = false;
    let mut captions = 0;
    let mut tables = 0;
    for t in &tags {
        match (t.name.as_str(), t.closing) {
            ("table", false) => {
                open_table = true;
                tables += 1;
            }
            ("caption", false) if open_table => captions += 1,
            ("th", false) => assert!(t.attr("scope").is_some(), "{name}: <th> without scope"),
            _ => {}
        }
    }
    assert_eq!(tables, captions, "{name}: a table without caption");
    let figures: Vec<&Tag> = tags
        .iter()
        .filter(|t| t.name == "svg" && t.attr("role") == Some("img"))
        .collect();
    assert_eq!(figures.len(), 2, "{name}: the graph and the timeline");
    for f in figures {
        let labelled = f.attr("aria-labelledby").unwrap();
        for id in labelled.split(' ') {
            assert!(ids.contains(id), "{name}: aria-labelledby {id}");
        }
    }
    for t in tags
        .iter()
        .filter(|t| t.name == "svg" && !t.closing && t.attr("role").is_none())
    {
        assert_eq!(
            t.attr("aria-hidden"),
            Some("true"),
            "{name}: decorative SVG"
        );
    }
}

fn pacta_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pacta_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "pacta") {
            out.push(p);
        }
    }
}

/// Every example and fixture, errors and all: `pacta build` would not write
/// these, but the renderer must not panic or break its markup on any
/// document.
#[test]
fn any_document_renders_safely() {
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures", "specs"] {
        pacta_files(Path::new(dir), &mut files);
    }
    assert!(files.len() > 20);
    for path in files {
        let c = compile(&path, &FsLoader);
        let doc = json::document(&c, &json::as_of(&c.spec, None));
        let html = html::render(&doc);
        check_safe(&path.to_string_lossy(), &html);
    }
}

#[test]
fn shipped_specs_have_a_sound_structure() {
    for path in [FLAGSHIP, HARBOR] {
        check_structure(path, &report(path));
    }
}

#[test]
fn hostile_strings_stay_text() {
    let html = report(HOSTILE);
    check_structure(HOSTILE, &html);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("<img"));
    assert!(!lower.contains("<iframe"));
    assert!(!lower.contains("<svg onload") && !lower.contains("<svg/onload"));
    // Every `onerror=` / `onload=` is inside escaped text, never in a tag.
    for t in tags(&html) {
        for (a, v) in &t.attrs {
            assert!(!a.starts_with("on"), "{a}={v}");
        }
    }
    // Shown escaped, as written.
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt; Policy &quot;Hostile&quot; &amp; &lt;b&gt;bold&lt;/b&gt; &#39; &lt;/style&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "&lt;/style&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
        "{{ template }} ${x}",
        "{{ constructor.constructor(&#39;alert(4)&#39;)() }}",
        "&amp;amp; &amp;lt; &amp;#x3C; &amp;",
        "&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;",
        "&#39; onmouseover=&#39;alert(3)",
        "&lt;a href=&quot;javascript:alert(10)&quot;&gt;click me&lt;/a&gt;",
        "{{7*7}} ${7*7} #{7*7} &lt;%= 7*7 %&gt;",
    ] {
        assert!(html.contains(escaped), "not found escaped: {escaped}");
    }
    // Bidi overrides are isolated; zero-width characters kept.
    assert!(
        html.contains("<bdi>Agency \u{202E}evil\u{202C} override \u{200B}zero\u{200D}width</bdi>")
    );
    // Unsafe URLs are shown, never linked; web URLs are linked.
    let hrefs: Vec<String> = tags(&html)
        .iter()
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert!(hrefs
        .iter()
        .all(|h| !h.to_ascii_lowercase().contains("javascript")));
    assert!(hrefs
        .iter()
        .all(|h| !h.to_ascii_lowercase().starts_with("data:")));
    assert!(hrefs.contains(&"http://example.org/report".to_string()));
    assert!(hrefs.contains(&"https://example.org/?q=\"><script>alert(17)</script>&a=1".to_string()));
    let visible = text(&html);
    assert!(visible.contains("javascript:alert(13)"));
    assert!(visible.contains("JaVaScRiPt:alert(14)"));
    // A very long word does not break the markup (CSS wraps it).
    assert!(html.contains(&format!("Ünterhaltungs{}wort", "x".repeat(280))));
}

#[test]
fn anchors_work_for_non_ascii_ids_and_dashes() {
    let html = report(HOSTILE);
    for id in [
        "c-acción-1",
        "c-Ω-2",
        "a-ñandú_2",
        "a-A-1",
        "p-Ω-1",
        "e-E-1",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no id {id}");
        assert!(html.contains(&format!("href=\"#{id}\"")), "no link to {id}");
    }
    assert!(html.contains("id=\"t-T-1\""));
}

#[test]
fn no_resource_is_loaded() {
    for path in [FLAGSHIP, HARBOR, HOSTILE] {
        let html = report(path);
        for t in tags(&html) {
            for (a, v) in &t.attrs {
                if v.contains("://") {
                    assert!(
                        (a == "href" && t.name == "a") || a == "xmlns",
                        "{path}: {a}={v} on <{}>",
                        t.name
                    );
                }
            }
        }
        let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
        assert!(
            !style.contains("url("),
            "{path}: the style sheet loads something"
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    for path in [FLAGSHIP, HARBOR, HOSTILE] {
        assert_eq!(report(path), report(path), "{path}");
    }
}

#[test]
fn labels_follow_the_spec_language() {
    let es = report(FLAGSHIP);
    let en = report(HARBOR);
    assert!(es.contains("<html lang=\"es\">"));
    assert!(en.contains("<html lang=\"en\">"));
    let pairs = [
        ("De un vistazo", "At a glance"),
        ("Compromisos", "Commitments"),
        ("Grafo de dependencias", "Dependency graph"),
        ("Cronograma", "Timeline"),
        ("Cobertura de derechos", "Rights coverage"),
        ("Quién es responsable", "Who is responsible"),
        ("Consultas", "Consultations"),
        ("Avisos", "Warnings"),
        ("Responsable", "Lead"),
        ("Plazo", "Due"),
        ("Línea de base", "Baseline"),
    ];
    let (es_text, en_text) = (text(&es), text(&en));
    for (s, e) in pairs {
        assert!(es_text.contains(s), "Spanish report lacks {s:?}");
        assert!(en_text.contains(e), "English report lacks {e:?}");
    }
    for word in [
        "At a glance",
        "Dependency graph",
        "Who is responsible",
        "Baseline",
    ] {
        assert!(
            !es_text.contains(word),
            "English {word:?} in the Spanish report"
        );
    }
    for word in [
        "De un vistazo",
        "Cronograma",
        "Quién es responsable",
        "Línea de base",
    ] {
        assert!(
            !en_text.contains(word),
            "Spanish {word:?} in the English report"
        );
    }
    // Catalogue titles in the spec's language.
    assert!(es_text.contains("Derechos humanos"));
}

#[test]
fn flagship_report_says_what_who_when_and_where_the_gaps_are() {
    let html = report(FLAGSHIP);
    let c = compile(Path::new(FLAGSHIP), &FsLoader);
    let doc = json::document(&c, &json::as_of(&c.spec, None));
    // Every commitment has its card, with its lead agency and due date.
    let tags = tags(&html);
    let ids: BTreeSet<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();
    for cm in &doc.commitments {
        assert!(ids.contains(format!("c-{}", cm.id).as_str()), "{}", cm.id);
    }
    // Every box of the graph links to a card; the critical path is marked.
    let graph_links: BTreeMap<&str, usize> = tags
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.starts_with("#c-"))
        .fold(BTreeMap::new(), |mut m, h| {
            *m.entry(h).or_default() += 1;
            m
        });
    assert!(graph_links.len() >= doc.commitments.len());
    assert!(html.contains("ruta crítica"));
    // Every right in scope has a row in the coverage table.
    for row in &doc.coverage.matrix {
        assert!(
            ids.contains(format!("r-{}", row.right).as_str()),
            "{}",
            row.right
        );
    }
}
