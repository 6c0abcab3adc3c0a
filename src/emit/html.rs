//! The HTML report: one self-contained page a minister, a civil-society
//! reviewer or a journalist can read, print and share.
//!
//! [`render`] turns the JSON [`Document`] (everything already resolved) into
//! one HTML file: no script at all, no network (no external font, image,
//! style or script; links to evidence are plain links), one inline style
//! sheet whose SHA-256 hash is the only source the Content-Security-Policy
//! allows. Labels are in the spec's language ([`labels`]).
//!
//! Rendering is hand-written rather than templated: every byte goes through
//! [`markup::Markup`], whose typed API takes markup only as `&'static str`
//! literals and escapes every value, so a string from a spec cannot become
//! markup; a template engine would add a dependency for the same guarantee
//! and leave the SVG geometry (most of the work) in Rust anyway.
//!
//! The page, in order: header (title, jurisdiction, version, status,
//! horizon, budget, as-of date), contents, summary cards and the four
//! qualities, principles, the commitments at a glance (one table), the
//! timeline ([`timeline`]), the dependency graph ([`graph`], laid out by
//! [`layout`]), the rights × stages coverage and the agencies ×
//! commitments matrix; then the overviews' details — one card per
//! commitment with its targets ([`cards`]) — consultations, evidence and
//! warnings ([`tables`]).
//!
//! Every internal link points at an anchor the page defines: links are made
//! through [`Ctx::link`], which checks the set of anchors first and writes
//! plain text when the target is not on the page. Output is deterministic:
//! no clock, no hash-map iteration.

mod cards;
mod graph;
mod labels;
mod layout;
mod markup;
mod summary;
mod tables;
mod timeline;

use crate::ast::{Date, Precision};
use crate::emit::json::{
    Agency, Commitment, Consultation, Document, Evidence, ItemKind, Measure, Money, Principle,
    Right, Stakeholder,
};
use labels::{labels, Labels};
use markup::{anchor, href, Markup};
use std::collections::{BTreeMap, BTreeSet};

/// The report's style sheet (it never contains text from a spec).
const STYLE: &str = include_str!("html/style.css");

/// Anchor prefixes, one per kind of item (see [`markup::anchor`]).
pub(crate) mod prefix {
    pub const COMMITMENT: &str = "c-";
    pub const PRINCIPLE: &str = "p-";
    pub const AGENCY: &str = "a-";
    pub const RIGHT: &str = "r-";
    pub const TARGET: &str = "t-";
    pub const CONSULTATION: &str = "k-";
    pub const EVIDENCE: &str = "e-";
    pub const STAKEHOLDER: &str = "s-";
}

/// Section anchors (no `-`, so they never collide with item anchors).
pub(crate) mod section {
    pub const SUMMARY: &str = "summary";
    pub const PRINCIPLES: &str = "principles";
    pub const COMMITMENTS: &str = "commitments";
    pub const GRAPH: &str = "graph";
    pub const TIMELINE: &str = "timeline";
    pub const COVERAGE: &str = "coverage";
    pub const RESPONSIBILITIES: &str = "responsibilities";
    pub const DETAILS: &str = "details";
    pub const CONSULTATIONS: &str = "consultations";
    pub const EVIDENCE: &str = "evidence";
    pub const WARNINGS: &str = "warnings";
}

/// Renders the report of a document.
pub fn render(doc: &Document) -> String {
    let ctx = Ctx::new(doc);
    let l = ctx.l;
    let mut m = Markup::new();
    head(&mut m, &ctx);
    m.raw("<body>\n");
    m.elem("a", &[("class", "skip"), ("href", "#main")], l.skip);
    m.nl();
    masthead(&mut m, &ctx);
    nav(&mut m, &ctx);
    m.raw("<main id=\"main\" class=\"wrap\">\n");
    summary::render(&mut m, &ctx);
    cards::principles(&mut m, &ctx);
    cards::commitments(&mut m, &ctx);
    timeline::render(&mut m, &ctx);
    graph::render(&mut m, &ctx);
    tables::coverage(&mut m, &ctx);
    tables::responsibilities(&mut m, &ctx);
    cards::details(&mut m, &ctx);
    tables::consultations(&mut m, &ctx);
    tables::evidence(&mut m, &ctx);
    tables::warnings(&mut m, &ctx);
    m.raw("</main>\n");
    footer(&mut m, &ctx);
    m.raw("</body>\n</html>\n");
    m.finish()
}

/// The Content-Security-Policy of the page: nothing may load or run but
/// the one style sheet, identified by its hash.
pub fn content_security_policy() -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// What every part of the report needs: the document, the labels, lookups
/// by ID and the set of anchors the page defines.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub l: &'static Labels,
    pub commitments: BTreeMap<&'a str, &'a Commitment>,
    pub agencies: BTreeMap<&'a str, &'a Agency>,
    pub principles: BTreeMap<&'a str, &'a Principle>,
    pub rights: BTreeMap<&'a str, &'a Right>,
    pub consultations: BTreeMap<&'a str, &'a Consultation>,
    pub evidence: BTreeMap<&'a str, &'a Evidence>,
    pub stakeholders: BTreeMap<&'a str, &'a Stakeholder>,
    anchors: BTreeSet<String>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document) -> Ctx<'a> {
        fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, &'a T> {
            let mut map = BTreeMap::new();
            for item in items {
                map.entry(id(item)).or_insert(item);
            }
            map
        }
        let mut ctx = Ctx {
            doc,
            l: labels(doc.language),
            commitments: index(&doc.commitments, |c| c.id.as_str()),
            agencies: index(&doc.agencies, |a| a.id.as_str()),
            principles: index(&doc.principles, |p| p.id.as_str()),
            rights: index(&doc.rights, |r| r.id.as_str()),
            consultations: index(&doc.consultations, |k| k.id.as_str()),
            evidence: index(&doc.evidence, |e| e.id.as_str()),
            stakeholders: index(&doc.stakeholders, |s| s.id.as_str()),
            anchors: BTreeSet::new(),
        };
        // The anchors the page writes: one per item (the first of an ID).
        let mut anchors = BTreeSet::new();
        for id in ctx.commitments.keys() {
            anchors.insert(anchor(prefix::COMMITMENT, id));
        }
        for c in ctx.commitments.values() {
            for t in &c.targets {
                anchors.insert(anchor(prefix::TARGET, &t.id));
            }
        }
        for id in ctx.agencies.keys() {
            anchors.insert(anchor(prefix::AGENCY, id));
        }
        for id in ctx.principles.keys() {
            anchors.insert(anchor(prefix::PRINCIPLE, id));
        }
        for id in ctx.rights.keys() {
            anchors.insert(anchor(prefix::RIGHT, id));
        }
        for id in ctx.consultations.keys() {
            anchors.insert(anchor(prefix::CONSULTATION, id));
        }
        for id in ctx.evidence.keys() {
            anchors.insert(anchor(prefix::EVIDENCE, id));
        }
        for id in ctx.stakeholders.keys() {
            anchors.insert(anchor(prefix::STAKEHOLDER, id));
        }
        ctx.anchors = anchors;
        ctx
    }

    /// Whether the page has the anchor of this item.
    pub fn has(&self, prefix: &'static str, id: &str) -> bool {
        self.anchors.contains(&anchor(prefix, id))
    }

    /// A link to an item with `text`, or the text alone when the page has
    /// no anchor for it.
    pub fn link(&self, m: &mut Markup, prefix: &'static str, id: &str, text: &str) {
        if self.has(prefix, id) {
            m.elem("a", &[("href", &href(prefix, id))], text);
        } else {
            m.text(text);
        }
    }

    /// A link to an item whose text is its ID, with its title as tooltip.
    pub fn link_id(&self, m: &mut Markup, prefix: &'static str, id: &str, title: Option<&str>) {
        if self.has(prefix, id) {
            let h = href(prefix, id);
            match title {
                Some(t) => m.elem("a", &[("href", &h), ("title", t)], id),
                None => m.elem("a", &[("href", &h)], id),
            }
        } else {
            m.text(id);
        }
    }

    /// A commitment: `C1 Title`, linked.
    pub fn commitment_link(&self, m: &mut Markup, id: &str) {
        let title = self.commitments.get(id).and_then(|c| c.title.as_deref());
        self.id_and_title(m, prefix::COMMITMENT, id, title);
    }

    /// A commitment's ID, linked, with its title as tooltip.
    pub fn commitment_id(&self, m: &mut Markup, id: &str) {
        let title = self.commitments.get(id).and_then(|c| c.title.as_deref());
        self.link_id(m, prefix::COMMITMENT, id, title);
    }

    /// An agency: `Title (ID)`, linked.
    pub fn agency_link(&self, m: &mut Markup, id: &str) {
        match self.agencies.get(id).and_then(|a| a.title.as_deref()) {
            Some(title) => {
                self.link(m, prefix::AGENCY, id, title);
                m.raw(" <span class=\"small\">(");
                m.text(id);
                m.raw(")</span>");
            }
            None => self.link(m, prefix::AGENCY, id, id),
        }
    }

    /// A principle: `P1 Title`, linked.
    pub fn principle_link(&self, m: &mut Markup, id: &str) {
        let title = self.principles.get(id).and_then(|p| p.title.as_deref());
        self.id_and_title(m, prefix::PRINCIPLE, id, title);
    }

    /// A right: `icrmw.art25 Title`, linked.
    pub fn right_link(&self, m: &mut Markup, id: &str) {
        let title = self.rights.get(id).map(|r| self.right_title(r));
        self.id_and_title(m, prefix::RIGHT, id, title);
    }

    /// A consultation: `Title`, linked.
    pub fn consultation_link(&self, m: &mut Markup, id: &str) {
        let title = self.consultations.get(id).and_then(|k| k.title.as_deref());
        self.link(m, prefix::CONSULTATION, id, title.unwrap_or(id));
    }

    /// A piece of evidence: `Title`, linked.
    pub fn evidence_link(&self, m: &mut Markup, id: &str) {
        let title = self.evidence.get(id).and_then(|e| e.title.as_deref());
        self.link(m, prefix::EVIDENCE, id, title.unwrap_or(id));
    }

    /// A participant of a consultation: an agency or a stakeholder.
    pub fn stakeholder_link(&self, m: &mut Markup, id: &str) {
        let title = self.stakeholders.get(id).and_then(|s| s.title.as_deref());
        self.link(m, prefix::STAKEHOLDER, id, title.unwrap_or(id));
    }

    fn id_and_title(&self, m: &mut Markup, prefix: &'static str, id: &str, title: Option<&str>) {
        if self.has(prefix, id) {
            m.open("a", &[("href", &href(prefix, id))]);
        }
        m.raw("<span class=\"id\">");
        m.text(id);
        m.raw("</span>");
        if let Some(title) = title {
            m.raw(" ");
            m.text(title);
        }
        if self.has(prefix, id) {
            m.close("a");
        }
    }

    /// A right's title in the spec's language.
    pub fn right_title(&self, r: &'a Right) -> &'a str {
        match self.doc.language {
            crate::emit::json::Language::En => &r.title_en,
            crate::emit::json::Language::Es => &r.title_es,
        }
    }

    /// A catalogue item's title in the spec's language.
    pub fn pick<'b>(&self, en: &'b str, es: &'b str) -> &'b str {
        match self.doc.language {
            crate::emit::json::Language::En => en,
            crate::emit::json::Language::Es => es,
        }
    }

    /// A link to what a warning is about.
    pub fn about_link(&self, m: &mut Markup, kind: Option<ItemKind>, id: &str) {
        let p = match kind {
            Some(ItemKind::Commitment) => Some(prefix::COMMITMENT),
            Some(ItemKind::Target) => Some(prefix::TARGET),
            Some(ItemKind::Agency) => Some(prefix::AGENCY),
            Some(ItemKind::Principle) => Some(prefix::PRINCIPLE),
            Some(ItemKind::Right) => Some(prefix::RIGHT),
            Some(ItemKind::Consultation) => Some(prefix::CONSULTATION),
            Some(ItemKind::Evidence) => Some(prefix::EVIDENCE),
            Some(ItemKind::Stakeholder) => Some(prefix::STAKEHOLDER),
            Some(ItemKind::Policy) | None => None,
        };
        match p {
            Some(p) if self.has(p, id) => m.elem("a", &[("href", &href(p, id))], id),
            Some(_) => m.text(id),
            None => m.elem("a", &[("href", "#policy")], id),
        }
    }

    // Formatting.

    /// A date for people: `31 Dec 2026` / `31 dic 2026`, or `2026`.
    pub fn date_text(&self, d: Date) -> String {
        match d.precision {
            Precision::Year => d.year.to_string(),
            Precision::Day => format!("{} {} {}", d.day, self.l.month(d.month), d.year),
        }
    }

    /// `<time datetime="2026-12-31">31 Dec 2026</time>`
    pub fn date(&self, m: &mut Markup, d: Date) {
        m.elem("time", &[("datetime", &d.to_string())], &self.date_text(d));
    }

    /// A number with the language's separators: `12,000.5` / `12 000,5`.
    pub fn number(&self, x: f64) -> String {
        format_number(x, self.l.thousands(), self.l.decimal(), self.doc.language)
    }

    /// `12,000` or `85%`.
    pub fn measure_value(&self, v: &Measure) -> String {
        let n = self.number(v.value);
        if v.percent {
            format!("{n}%")
        } else {
            n
        }
    }

    /// `1,500,000 USD`
    pub fn money(&self, money: &Money) -> String {
        format!("{} {}", self.number(money.amount), money.currency)
    }
}

/// Formats a number: integers with grouped thousands (in Spanish, only from
/// five digits, as the RAE advises), at most two decimals otherwise.
fn format_number(
    x: f64,
    thousands: char,
    decimal: char,
    lang: crate::emit::json::Language,
) -> String {
    if !x.is_finite() {
        return String::from("—");
    }
    let negative = x < 0.0;
    let rounded = (x.abs() * 100.0).round() / 100.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_string()
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let group = match lang {
        crate::emit::json::Language::En => int.len() > 3,
        crate::emit::json::Language::Es => int.len() > 4,
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if group && i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if negative && rounded != 0.0 {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(&f);
    }
    out
}

fn head(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.raw("<!DOCTYPE html>\n");
    m.open("html", &[("lang", l.html_lang)]);
    m.raw("\n<head>\n<meta charset=\"utf-8\">\n");
    m.open(
        "meta",
        &[
            ("http-equiv", "Content-Security-Policy"),
            ("content", &content_security_policy()),
        ],
    );
    m.raw("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    m.raw("<meta name=\"referrer\" content=\"no-referrer\">\n");
    m.open(
        "meta",
        &[
            ("name", "generator"),
            (
                "content",
                &format!("{} {}", ctx.doc.generator.name, ctx.doc.generator.version),
            ),
        ],
    );
    m.nl();
    m.raw("<title>");
    let title = policy_title(ctx);
    m.plain(&format!("{title} — {}", l.report));
    m.raw("</title>\n<style>");
    // The style sheet is code, not user input; the CSP hashes these bytes.
    m.raw(STYLE);
    m.raw("</style>\n</head>\n");
}

fn policy_title(ctx: &Ctx<'_>) -> String {
    match &ctx.doc.policy {
        Some(p) => p.title.clone().unwrap_or_else(|| p.id.clone()),
        None => ctx.l.report.to_string(),
    }
}

fn masthead(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.raw("<header class=\"masthead\" id=\"policy\"><div class=\"wrap\">\n");
    m.raw("<p class=\"eyebrow\">");
    m.text(l.report);
    if let Some(j) = ctx
        .doc
        .policy
        .as_ref()
        .and_then(|p| p.jurisdiction.as_deref())
    {
        m.raw(" · ");
        m.text(j);
    }
    m.raw("</p>\n");
    m.elem("h1", &[], &policy_title(ctx));
    m.nl();
    m.raw("<ul class=\"facts\">");
    if let Some(p) = &ctx.doc.policy {
        fact(m, l.policy_id, |m| m.text(&p.id));
        if let Some(j) = &p.jurisdiction {
            fact(m, l.jurisdiction, |m| m.text(j));
        }
        if let Some(v) = &p.version {
            fact(m, l.version, |m| m.text(v));
        }
        if let Some(s) = p.status {
            fact(m, l.status, |m| {
                m.elem("span", &[("class", "badge")], l.policy_status(s));
            });
        }
        if let Some(h) = &p.horizon {
            fact(m, l.horizon, |m| {
                ctx.date(m, h.start);
                m.raw(" – ");
                ctx.date(m, h.end);
            });
        }
        if let Some(b) = &p.budget {
            fact(m, l.budget, |m| {
                m.text(&ctx.money(b));
                if let Some(c) = &p.budget_committed {
                    m.raw(" (");
                    m.text(&ctx.money(c));
                    m.raw(" ");
                    m.text(l.committed);
                    m.raw(")");
                }
            });
        }
    }
    fact(m, l.as_of, |m| {
        ctx.date(m, ctx.doc.as_of.date);
        m.raw(" <span class=\"small k\">(");
        m.text(l.as_of_source(ctx.doc.as_of.source));
        m.raw(")</span>");
    });
    m.raw("</ul>\n");
    if let Some(doc) = ctx.doc.policy.as_ref().and_then(|p| p.doc.as_deref()) {
        m.prose("p", &[("class", "lede doc")], doc);
        m.nl();
    }
    m.raw("</div></header>\n");
}

fn fact(m: &mut Markup, key: &str, value: impl FnOnce(&mut Markup)) {
    m.raw("<li><span class=\"k\">");
    m.text(key);
    m.raw(":</span> ");
    value(m);
    m.raw("</li>");
}

fn nav(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.open("nav", &[("class", "toc"), ("aria-label", l.contents)]);
    m.raw("<div class=\"wrap\"><ol>");
    let items: [(&str, &str); 11] = [
        (section::SUMMARY, l.summary),
        (section::PRINCIPLES, l.principles),
        (section::COMMITMENTS, l.commitments),
        (section::TIMELINE, l.timeline),
        (section::GRAPH, l.graph),
        (section::COVERAGE, l.coverage),
        (section::RESPONSIBILITIES, l.responsibilities),
        (section::DETAILS, l.details),
        (section::CONSULTATIONS, l.consultations),
        (section::EVIDENCE, l.evidence),
        (section::WARNINGS, l.warnings),
    ];
    for (id, label) in items {
        m.raw("<li>");
        m.elem("a", &[("href", &format!("#{id}"))], label);
        m.raw("</li>");
    }
    m.raw("</ol></div></nav>\n");
}

/// `<section id=…><h2>…</h2>` and an introduction.
pub(crate) fn section_start(m: &mut Markup, id: &'static str, title: &str, intro: Option<&str>) {
    m.open(
        "section",
        &[("id", id), ("aria-labelledby", &format!("{id}h"))],
    );
    m.nl();
    m.elem("h2", &[("id", &format!("{id}h"))], title);
    m.nl();
    if let Some(intro) = intro {
        m.elem("p", &[("class", "intro")], intro);
        m.nl();
    }
}

fn footer(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.raw("<footer><div class=\"wrap\"><p>");
    m.text(l.generated_by);
    m.raw(" ");
    m.text(&format!(
        "{} {}",
        ctx.doc.generator.name, ctx.doc.generator.version
    ));
    if !ctx.doc.files.is_empty() {
        m.raw(" ");
        m.text(l.from_files);
        m.raw(" ");
        for (i, f) in ctx.doc.files.iter().enumerate() {
            if i > 0 {
                m.raw(", ");
            }
            m.elem("span", &[("class", "code")], f);
        }
    }
    m.raw(". ");
    m.text(l.format_note);
    m.raw("</p></div></footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::json::Language;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(format_number(12000.0, ',', '.', Language::En), "12,000");
        assert_eq!(format_number(1500.0, ',', '.', Language::En), "1,500");
        assert_eq!(format_number(1500.0, ' ', ',', Language::Es), "1500");
        assert_eq!(
            format_number(62_000_000.0, ' ', ',', Language::Es),
            "62 000 000"
        );
        assert_eq!(format_number(3.5, ',', '.', Language::En), "3.5");
        assert_eq!(format_number(3.5, ' ', ',', Language::Es), "3,5");
        assert_eq!(format_number(-2.0, ',', '.', Language::En), "−2");
        assert_eq!(format_number(0.125, ',', '.', Language::En), "0.13");
        assert_eq!(format_number(f64::NAN, ',', '.', Language::En), "—");
    }

    #[test]
    fn csp_hashes_the_style_sheet() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none'; style-src 'sha256-"));
        assert!(!csp.contains("unsafe"));
    }
}
