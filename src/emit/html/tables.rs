//! The tables: rights × stages coverage, agencies × commitments,
//! consultations, evidence and warnings.

use super::cards::inline_list;
use super::markup::{anchor, safe_url, Markup};
use super::{prefix, section, section_start, Ctx};
use crate::emit::json::{CoverageStatus, Right};
use std::collections::BTreeSet;

fn coverage_class(s: CoverageStatus) -> &'static str {
    match s {
        CoverageStatus::Measured => "cell ok",
        CoverageStatus::Nominal => "cell warn",
        CoverageStatus::Gap => "cell bad gap",
    }
}

fn coverage_symbol(s: CoverageStatus) -> &'static str {
    match s {
        CoverageStatus::Measured => "✔",
        CoverageStatus::Nominal => "○",
        CoverageStatus::Gap => "✖",
    }
}

/// `<th scope="row" id=…>` for a right: its path or ID, title, flags.
fn right_header(m: &mut Markup, ctx: &Ctx<'_>, r: Option<&Right>, id: &str, anchored: bool) {
    let l = ctx.l;
    if anchored {
        m.open(
            "th",
            &[("scope", "row"), ("id", &anchor(prefix::RIGHT, id))],
        );
    } else {
        m.open("th", &[("scope", "row")]);
    }
    m.raw("<span class=\"code\">");
    m.text(id);
    m.raw("</span><br>");
    if let Some(r) = r {
        m.text(ctx.right_title(r));
        if r.non_derogable {
            m.raw(" ");
            m.elem("span", &[("class", "st neutral")], l.non_derogable);
        }
        if !r.restricted_by.is_empty() {
            m.raw("<br><span class=\"small\">");
            m.text(l.restricted_by);
            m.raw(": ");
            inline_list(m, &r.restricted_by, |m, c| ctx.commitment_id(m, c));
            m.raw("</span>");
        }
    }
    m.close("th");
}

pub(crate) fn coverage(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let cov = &ctx.doc.coverage;
    section_start(m, section::COVERAGE, l.coverage, Some(l.coverage_intro));
    if !cov.scope_declared {
        m.elem("p", &[], l.scope_not_declared);
    }
    let r = &cov.ratios;
    m.raw("<ul class=\"cards\">");
    for (n, d, label) in [
        (
            r.rights_covered.numerator,
            r.rights_covered.denominator,
            l.card_rights,
        ),
        (
            r.rights_measured.numerator,
            r.rights_measured.denominator,
            l.rights_measured_card,
        ),
        (
            r.stages_addressed.numerator,
            r.stages_addressed.denominator,
            l.card_stages,
        ),
    ] {
        m.raw("<li>");
        m.elem("span", &[("class", "num long")], &l.of(n, d));
        m.text(label);
        m.raw("</li>");
    }
    m.raw("</ul>\n");

    let stages: Vec<_> = cov.stages.iter().filter(|s| s.in_scope).collect();
    let mut anchored: BTreeSet<&str> = BTreeSet::new();
    if !cov.matrix.is_empty() {
        m.raw("<ul class=\"stagegaps\">");
        for s in &stages {
            let gaps = cov
                .matrix
                .iter()
                .filter(|row| {
                    row.cells
                        .iter()
                        .any(|c| c.stage == s.stage && c.status == CoverageStatus::Gap)
                })
                .count();
            m.open("li", &[("class", if gaps == 0 { "ok" } else { "bad" })]);
            m.raw(if gaps == 0 { "✔ " } else { "✖ " });
            m.text(&l.stage_gaps(l.stage(s.stage), gaps, cov.matrix.len()));
            m.close("li");
        }
        m.raw("</ul>\n");
        m.raw("<div class=\"tablewrap\"><table class=\"heat\">");
        m.elem("caption", &[], l.coverage_caption);
        m.raw("<thead><tr>");
        m.elem("th", &[("scope", "col")], l.right);
        for s in &stages {
            m.open("th", &[("scope", "col")]);
            m.text(l.stage(s.stage));
            m.close("th");
        }
        m.elem("th", &[("scope", "col")], l.overall);
        m.raw("</tr></thead><tbody>\n");
        for row in &cov.matrix {
            let right = ctx.rights.get(row.right.as_str()).copied();
            let first = anchored.insert(row.right.as_str());
            m.raw("<tr>");
            right_header(m, ctx, right, &row.right, first);
            for cell in &row.cells {
                m.open("td", &[("class", coverage_class(cell.status))]);
                m.elem(
                    "span",
                    &[("class", "sym"), ("aria-hidden", "true")],
                    coverage_symbol(cell.status),
                );
                m.raw(" ");
                m.elem("span", &[("class", "cs")], l.coverage_status(cell.status));
                if !cell.commitments.is_empty() {
                    m.raw("<span class=\"cs\">");
                    inline_list(m, &cell.commitments, |m, c| ctx.commitment_id(m, c));
                    m.raw("</span>");
                }
                m.close("td");
            }
            m.open("td", &[("class", coverage_class(row.status))]);
            m.elem(
                "span",
                &[("class", "sym"), ("aria-hidden", "true")],
                coverage_symbol(row.status),
            );
            m.raw(" ");
            m.elem("span", &[("class", "cs")], l.coverage_status(row.status));
            m.close("td");
            m.raw("</tr>\n");
        }
        m.raw("</tbody></table></div>\n");
    }

    // Every other right the spec refers to, so that every link to a right
    // has somewhere to go.
    let others: Vec<&Right> = ctx
        .doc
        .rights
        .iter()
        .filter(|r| !anchored.contains(r.id.as_str()))
        .collect();
    if !others.is_empty() {
        m.elem("h3", &[], l.other_rights);
        m.raw("\n<div class=\"tablewrap\"><table>");
        m.elem("caption", &[], l.other_rights);
        m.raw("<thead><tr>");
        for h in [l.right, l.advanced_by, l.restricted_by] {
            m.elem("th", &[("scope", "col")], h);
        }
        m.raw("</tr></thead><tbody>\n");
        for r in others {
            let first = anchored.insert(r.id.as_str());
            m.raw("<tr>");
            right_header(m, ctx, Some(r), &r.id, first);
            m.raw("<td>");
            inline_list(m, &r.advanced_by, |m, c| ctx.commitment_id(m, c));
            m.raw("</td><td>");
            inline_list(m, &r.restricted_by, |m, c| ctx.commitment_id(m, c));
            m.raw("</td></tr>\n");
        }
        m.raw("</tbody></table></div>\n");
    }
    m.raw("</section>\n");
}

pub(crate) fn responsibilities(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    section_start(
        m,
        section::RESPONSIBILITIES,
        l.responsibilities,
        Some(l.responsibilities_intro),
    );
    let doc = ctx.doc;
    let mut commitments: Vec<&str> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in &doc.commitments {
        if seen.insert(c.id.as_str()) {
            commitments.push(&c.id);
        }
    }
    m.raw("<div class=\"tablewrap\"><table class=\"matrix\">");
    m.elem("caption", &[], l.responsibilities_caption);
    m.raw("<thead><tr>");
    m.elem("th", &[("scope", "col")], l.agency);
    m.elem("th", &[("scope", "col")], l.leads_count);
    m.elem("th", &[("scope", "col")], l.supports_count);
    for c in &commitments {
        m.open("th", &[("scope", "col"), ("class", "c")]);
        ctx.commitment_id(m, c);
        m.close("th");
    }
    m.raw("</tr></thead><tbody>\n");
    let mut anchored = BTreeSet::new();
    for a in &doc.agencies {
        m.raw("<tr>");
        if anchored.insert(a.id.as_str()) {
            m.open(
                "th",
                &[("scope", "row"), ("id", &anchor(prefix::AGENCY, &a.id))],
            );
        } else {
            m.open("th", &[("scope", "row")]);
        }
        m.text(a.title.as_deref().unwrap_or(&a.id));
        m.raw(" <span class=\"small\">(");
        m.text(&a.id);
        m.raw(")</span>");
        if a.sector.is_some() || a.parent.is_some() {
            m.raw("<br><span class=\"small\">");
            if let Some(sector) = &a.sector {
                m.text(sector);
            }
            if let Some(p) = &a.parent {
                if a.sector.is_some() {
                    m.raw(" · ");
                }
                m.text(l.part_of);
                m.raw(" ");
                let title = ctx
                    .agencies
                    .get(p.as_str())
                    .and_then(|x| x.title.as_deref());
                ctx.link_id(m, prefix::AGENCY, p, title);
            }
            m.raw("</span>");
        }
        m.close("th");
        m.elem("td", &[], &a.leads.len().to_string());
        m.elem("td", &[], &a.supports.len().to_string());
        for c in &commitments {
            let lead = a.leads.iter().any(|x| x == c);
            let support = a.supports.iter().any(|x| x == c);
            if lead {
                m.elem("td", &[("class", "L")], l.lead_short);
            } else if support {
                m.elem("td", &[("class", "S")], l.support_short);
            } else {
                m.raw("<td></td>");
            }
        }
        m.raw("</tr>\n");
    }
    m.raw("</tbody></table></div>\n</section>\n");
}

pub(crate) fn consultations(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let doc = ctx.doc;
    section_start(m, section::CONSULTATIONS, l.consultations, None);
    if doc.consultations.is_empty() {
        m.elem("p", &[], l.no_consultations);
    }
    let mut anchored = BTreeSet::new();
    for k in &doc.consultations {
        if anchored.insert(k.id.as_str()) {
            m.open(
                "article",
                &[
                    ("class", "card"),
                    ("id", &anchor(prefix::CONSULTATION, &k.id)),
                ],
            );
        } else {
            m.open("article", &[("class", "card")]);
        }
        m.raw("<h3><span class=\"id\">");
        m.text(&k.id);
        m.raw("</span>");
        m.text(k.title.as_deref().unwrap_or(""));
        m.raw("</h3>\n");
        if k.heard_non_government {
            m.elem(
                "p",
                &[("class", "st ok")],
                &format!("✔ {}", l.heard_outside_government),
            );
        }
        if let Some(d) = &k.doc {
            m.prose("p", &[("class", "doc")], d);
        }
        m.raw("<dl class=\"kv\">");
        if let Some(d) = k.date {
            m.elem("dt", &[], l.date);
            m.raw("<dd>");
            ctx.date(m, d);
            m.raw("</dd>");
        }
        if !k.participants.agencies.is_empty() || !k.participants.stakeholders.is_empty() {
            m.elem("dt", &[], l.participants);
            m.raw("<dd><ul class=\"inline\">");
            for a in &k.participants.agencies {
                m.raw("<li>");
                ctx.link_id(
                    m,
                    prefix::AGENCY,
                    a,
                    ctx.agencies
                        .get(a.as_str())
                        .and_then(|x| x.title.as_deref()),
                );
                m.raw("</li>");
            }
            for s in &k.participants.stakeholders {
                m.raw("<li>");
                ctx.stakeholder_link(m, s);
                m.raw("</li>");
            }
            m.raw("</ul></dd>");
        }
        if !k.covers.commitments.is_empty() || !k.covers.principles.is_empty() {
            m.elem("dt", &[], l.covers);
            m.raw("<dd><ul class=\"inline\">");
            for c in &k.covers.commitments {
                m.raw("<li>");
                ctx.commitment_id(m, c);
                m.raw("</li>");
            }
            for p in &k.covers.principles {
                m.raw("<li>");
                ctx.link_id(
                    m,
                    prefix::PRINCIPLE,
                    p,
                    ctx.principles
                        .get(p.as_str())
                        .and_then(|x| x.title.as_deref()),
                );
                m.raw("</li>");
            }
            m.raw("</ul></dd>");
        }
        if let Some(o) = &k.outcome {
            m.elem("dt", &[], l.outcome);
            m.prose("dd", &[("class", "doc")], o);
        }
        m.raw("</dl></article>\n");
    }
    if !doc.stakeholders.is_empty() {
        m.elem("h3", &[], l.stakeholders);
        m.raw("\n<div class=\"tablewrap\"><table>");
        m.elem("caption", &[], l.stakeholders);
        m.raw("<thead><tr>");
        for h in [l.stakeholders, l.kind, l.consultations] {
            m.elem("th", &[("scope", "col")], h);
        }
        m.raw("</tr></thead><tbody>\n");
        let mut anchored = BTreeSet::new();
        for s in &doc.stakeholders {
            m.raw("<tr>");
            if anchored.insert(s.id.as_str()) {
                m.open(
                    "th",
                    &[
                        ("scope", "row"),
                        ("id", &anchor(prefix::STAKEHOLDER, &s.id)),
                    ],
                );
            } else {
                m.open("th", &[("scope", "row")]);
            }
            m.text(s.title.as_deref().unwrap_or(&s.id));
            m.raw(" <span class=\"small\">(");
            m.text(&s.id);
            m.raw(")</span></th><td>");
            if let Some(kind) = s.kind {
                m.text(l.stakeholder_kind(kind));
            }
            m.raw("</td><td>");
            inline_list(m, &s.consultations, |m, k| ctx.consultation_link(m, k));
            m.raw("</td></tr>\n");
        }
        m.raw("</tbody></table></div>\n");
    }
    m.raw("</section>\n");
}

pub(crate) fn evidence(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let doc = ctx.doc;
    section_start(m, section::EVIDENCE, l.evidence, None);
    if doc.evidence.is_empty() {
        m.elem("p", &[], l.no_evidence);
        m.raw("</section>\n");
        return;
    }
    m.raw("<div class=\"tablewrap\"><table>");
    m.elem("caption", &[], l.evidence);
    m.raw("<thead><tr>");
    for h in [l.evidence, l.kind, l.year, l.link, l.cited_by] {
        m.elem("th", &[("scope", "col")], h);
    }
    m.raw("</tr></thead><tbody>\n");
    let mut anchored = BTreeSet::new();
    for e in &doc.evidence {
        m.raw("<tr>");
        if anchored.insert(e.id.as_str()) {
            m.open(
                "th",
                &[("scope", "row"), ("id", &anchor(prefix::EVIDENCE, &e.id))],
            );
        } else {
            m.open("th", &[("scope", "row")]);
        }
        m.text(e.title.as_deref().unwrap_or(&e.id));
        m.raw(" <span class=\"small\">(");
        m.text(&e.id);
        m.raw(")</span>");
        if let Some(d) = &e.doc {
            m.raw("<br>");
            m.prose("span", &[("class", "small doc")], d);
        }
        m.raw("</th><td>");
        if let Some(k) = e.kind {
            m.text(l.evidence_kind(k));
        }
        m.raw("</td><td>");
        if let Some(y) = e.year {
            m.text(&y.to_string());
        }
        m.raw("</td><td>");
        if let Some(url) = &e.url {
            match safe_url(url) {
                Some(u) => m.elem(
                    "a",
                    &[("href", u), ("rel", "noopener noreferrer external")],
                    u,
                ),
                None => {
                    m.elem("span", &[("class", "code")], url);
                    m.raw("<br>");
                    m.elem("span", &[("class", "small")], l.url_not_linked);
                }
            }
        }
        m.raw("</td><td>");
        inline_list(m, &e.cited_by, |m, c| ctx.commitment_id(m, c));
        m.raw("</td></tr>\n");
    }
    m.raw("</tbody></table></div>\n</section>\n");
}

pub(crate) fn warnings(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let doc = ctx.doc;
    section_start(m, section::WARNINGS, l.warnings, Some(l.warnings_intro));
    if doc.warnings.is_empty() {
        m.elem("p", &[("class", "st ok")], &format!("✔ {}", l.no_warnings));
        m.raw("</section>\n");
        return;
    }
    m.raw("<ol class=\"warnings\">\n");
    for w in &doc.warnings {
        m.raw("<li><span class=\"code st warn\">");
        m.text(&w.code);
        m.raw("</span> ");
        m.text(&w.message);
        if let Some(about) = &w.about {
            m.raw(" — ");
            m.text(l.about);
            m.raw(": ");
            ctx.about_link(m, w.about_kind, about);
        }
        m.raw("<br><span class=\"small\">");
        m.text(l.location);
        m.raw(": <span class=\"code\">");
        m.text(&format!(
            "{}:{}:{}",
            w.location.file, w.location.line, w.location.column
        ));
        m.raw("</span>");
        if let Some(h) = &w.help {
            m.raw(" · ");
            m.text(l.help);
            m.raw(": ");
            m.text(h);
        }
        m.raw("</span></li>\n");
    }
    m.raw("</ol>\n</section>\n");
}
