//! Typed escaping: the only way text gets into the report.
//!
//! [`Markup`] writes HTML (and inline SVG) and takes two kinds of input:
//!
//! - *markup from the code*: tag names, attribute names and the literal
//!   snippets of [`Markup::raw`] are `&'static str`, so they can only be
//!   string literals written in this module tree, never a value from a spec
//!   (a `String` cannot become `&'static str` without leaking it on purpose);
//! - *values*: every `&str` argument — text content and attribute values —
//!   is escaped for its context on the way in.
//!
//! One escaping covers both contexts the report uses (text content and
//! double-quoted attribute values, in HTML and in inline SVG, which the HTML
//! parser reads with the same rules): `& < > " '` become character
//! references, and control characters that HTML forbids become U+FFFD.
//! The report has no script, no event-handler attribute and no user text in
//! CSS, so no other context exists. Links to user URLs go through
//! [`safe_url`], which admits only `http` and `https`.
//!
//! Text that carries explicit bidirectional controls (a right-to-left
//! override, say) is wrapped in `<bdi>` by [`Markup::text`], so that it
//! cannot reorder the labels around it.

/// An attribute list: static names, values escaped when written.
pub type Attrs<'a> = &'a [(&'static str, &'a str)];

/// An HTML document being written.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    pub fn new() -> Markup {
        Markup {
            out: String::with_capacity(64 * 1024),
        }
    }

    /// Markup written in the code: literals only.
    pub fn raw(&mut self, s: &'static str) {
        self.out.push_str(s);
    }

    /// Text content, escaped; wrapped in `<bdi>` when it carries bidi
    /// controls. For flow content only (not `<title>`, not SVG).
    pub fn text(&mut self, s: &str) {
        if has_bidi_controls(s) {
            self.out.push_str("<bdi>");
            escape_into(&mut self.out, s);
            self.out.push_str("</bdi>");
        } else {
            escape_into(&mut self.out, s);
        }
    }

    /// Text content, escaped, never wrapped: for `<title>` and SVG text.
    pub fn plain(&mut self, s: &str) {
        escape_into(&mut self.out, s);
    }

    /// `<tag a="v" …>`
    pub fn open(&mut self, tag: &'static str, attrs: Attrs<'_>) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.attr(name, value);
        }
        self.out.push('>');
    }

    /// `</tag>`
    pub fn close(&mut self, tag: &'static str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// `<tag a="v" …>text</tag>`
    pub fn elem(&mut self, tag: &'static str, attrs: Attrs<'_>, text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }

    /// `<tag a="v" …>text</tag>` for prose as a drafter wrapped it in the
    /// spec: single line breaks are the source's, not the author's, so
    /// they become spaces; a blank line separates paragraphs (shown by
    /// `white-space: pre-line` on the element).
    pub fn prose(&mut self, tag: &'static str, attrs: Attrs<'_>, text: &str) {
        self.elem(tag, attrs, &reflow(text));
    }

    /// `<tag a="v" …>text</tag>` with [`Markup::plain`] text: for SVG.
    pub fn elem_plain(&mut self, tag: &'static str, attrs: Attrs<'_>, text: &str) {
        self.open(tag, attrs);
        self.plain(text);
        self.close(tag);
    }

    /// `<tag a="v" …/>`: an HTML void element or an empty SVG element.
    pub fn empty(&mut self, tag: &'static str, attrs: Attrs<'_>) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.attr(name, value);
        }
        self.out.push_str("/>");
    }

    fn attr(&mut self, name: &'static str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value);
        self.out.push('"');
    }

    /// A newline, to keep the source readable.
    pub fn nl(&mut self) {
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes `s` for HTML text content and double- or single-quoted
/// attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if is_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `s`, escaped (see [`escape_into`]).
#[cfg(test)]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Joins the lines of each paragraph with spaces; paragraphs (separated
/// by blank lines) with one blank line.
pub fn reflow(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

/// Control characters and noncharacters, which HTML does not allow in a
/// document.
fn is_forbidden(c: char) -> bool {
    let u = u32::from(c);
    c.is_control() || (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// Explicit bidirectional formatting characters (embeddings, overrides,
/// isolates and marks), which can reorder the text that follows them.
pub fn has_bidi_controls(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
    })
}

/// `url` when it is an absolute `http` or `https` URL that a browser reads
/// as written; `None` for every other scheme (`javascript:`, `data:`,
/// `file:`, relative references) and for URLs with whitespace or control
/// characters, which browsers strip or rewrite.
pub fn safe_url(url: &str) -> Option<&str> {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.strip_prefix("//")?;
    if !web || host.is_empty() || host.starts_with('/') || host.starts_with('\\') {
        return None;
    }
    Some(url)
}

/// The fragment ID of an item in the report: a kind prefix (`c-` for a
/// commitment) and the item's ID.
///
/// IDs are letters, digits, `_`, `-` and (catalogue paths) `.`; they are
/// kept as they are, non-ASCII letters included, so that an anchor reads
/// like the ID. Any other character (none should occur) becomes `~HEX~`,
/// which no ID contains, so distinct IDs give distinct anchors. Every
/// prefix is lowercase letters and one final `-`, and no other anchor of
/// the report has a `-`, so anchors of different kinds never collide.
pub fn anchor(prefix: &'static str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len());
    out.push_str(prefix);
    for c in id.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
            out.push(c);
        } else {
            out.push('~');
            out.push_str(&format!("{:x}", u32::from(c)));
            out.push('~');
        }
    }
    out
}

/// `#` and [`anchor`].
pub fn href(prefix: &'static str, id: &str) -> String {
    let mut out = String::from("#");
    out.push_str(&anchor(prefix, id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            escape("a\u{0}b\u{7}c\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape("{{ x }} ${y}"), "{{ x }} ${y}");
    }

    #[test]
    fn attributes_cannot_break_out() {
        let mut m = Markup::new();
        m.open("a", &[("title", "\"><img src=x onerror=alert(1)>")]);
        let s = m.finish();
        assert_eq!(
            s,
            "<a title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"
        );
    }

    #[test]
    fn prose_is_reflowed() {
        assert_eq!(reflow("  one\n  two\n\n  three  \n"), "one two\n\nthree");
        assert_eq!(reflow(""), "");
    }

    #[test]
    fn bidi_text_is_isolated() {
        let mut m = Markup::new();
        m.text("abc\u{202E}def");
        m.text("plain");
        assert_eq!(m.finish(), "<bdi>abc\u{202E}def</bdi>plain");
    }

    #[test]
    fn only_web_urls_link() {
        for ok in ["https://example.org/a?b=c&d", "http://x.y", "HTTPS://X.Y/"] {
            assert_eq!(safe_url(ok), Some(ok));
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "https:alert(1)",
            "//evil.example",
            "/relative",
            "https:///x",
            "http://a b",
            "",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn anchors_are_unique_and_valid() {
        assert_eq!(anchor("c-", "acción-1"), "c-acción-1");
        assert_eq!(anchor("r-", "icrmw.art25"), "r-icrmw.art25");
        assert_eq!(anchor("c-", "a b"), "c-a~20~b");
        assert_ne!(anchor("c-", "a b"), anchor("c-", "a~20~b"));
        assert_eq!(href("p-", "P1"), "#p-P1");
    }
}
