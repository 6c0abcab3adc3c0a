//! Principles, and the commitment cards with their targets.

use super::markup::Markup;
use super::summary::{progress_chip, progress_class};
use super::{prefix, section, section_start, Ctx};
use crate::emit::json::{CatalogueRef, Commitment, CommitmentStatus, Target};
use std::collections::BTreeSet;

pub(crate) fn principles(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    section_start(
        m,
        section::PRINCIPLES,
        l.principles,
        Some(l.principles_intro),
    );
    m.raw("<div class=\"pgrid\">\n");
    let mut seen = BTreeSet::new();
    for p in &ctx.doc.principles {
        let id = super::markup::anchor(prefix::PRINCIPLE, &p.id);
        if seen.insert(p.id.as_str()) {
            m.open("article", &[("class", "principle"), ("id", &id)]);
        } else {
            m.open("article", &[("class", "principle")]);
        }
        m.raw("<h3><span class=\"id\">");
        m.text(&p.id);
        m.raw("</span>");
        m.text(p.title.as_deref().unwrap_or(""));
        m.raw("</h3>\n");
        if let Some(d) = &p.description {
            m.prose("p", &[("class", "doc")], d);
        }
        if let Some(d) = &p.doc {
            m.prose("p", &[("class", "doc small")], d);
        }
        m.raw("<dl class=\"kv\">");
        if !p.grounds.is_empty() {
            m.elem("dt", &[], l.grounds);
            m.raw("<dd>");
            catalogue_list(m, ctx, &p.grounds);
            m.raw("</dd>");
        }
        m.elem("dt", &[], l.put_into_practice_by);
        m.raw("<dd>");
        if p.commitments.is_empty() {
            m.elem("span", &[("class", "st warn")], l.not_put_into_practice);
        } else {
            m.raw("<ul class=\"plain\">");
            for c in &p.commitments {
                m.raw("<li>");
                ctx.commitment_link(m, c);
                m.raw("</li>");
            }
            m.raw("</ul>");
        }
        m.raw("</dd>");
        if !p.consultations.is_empty() {
            m.elem("dt", &[], l.consulted_in);
            m.raw("<dd>");
            inline_list(m, &p.consultations, |m, k| ctx.consultation_link(m, k));
            m.raw("</dd>");
        }
        m.raw("</dl></article>\n");
    }
    m.raw("</div>\n</section>\n");
}

/// Catalogue items with their titles: `gcm.o7 — Address and reduce
/// vulnerabilities…`.
fn catalogue_list(m: &mut Markup, ctx: &Ctx<'_>, items: &[CatalogueRef]) {
    m.raw("<ul class=\"plain\">");
    for item in items {
        m.raw("<li><span class=\"code\">");
        m.text(&item.path);
        m.raw("</span> ");
        m.text(ctx.pick(&item.title_en, &item.title_es));
        m.raw("</li>");
    }
    m.raw("</ul>");
}

/// `a · b · c`
pub(crate) fn inline_list<T>(m: &mut Markup, items: &[T], mut each: impl FnMut(&mut Markup, &T)) {
    m.raw("<ul class=\"inline\">");
    for item in items {
        m.raw("<li>");
        each(m, item);
        m.raw("</li>");
    }
    m.raw("</ul>");
}

pub(crate) fn status_class(s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::Planned => "st neutral",
        CommitmentStatus::InProgress => "st warn",
        CommitmentStatus::Done => "st ok",
        CommitmentStatus::Suspended => "st bad",
    }
}

pub(crate) fn commitments(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    section_start(
        m,
        section::COMMITMENTS,
        l.commitments,
        Some(l.commitments_intro),
    );
    overview(m, ctx);
    m.raw("</section>\n");
}

/// The commitment cards, after the overviews (timeline, graph, coverage,
/// responsibilities) that link to them.
pub(crate) fn details(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    section_start(m, section::DETAILS, l.details, Some(l.details_intro));
    let mut seen = BTreeSet::new();
    let mut seen_targets = BTreeSet::new();
    for c in &ctx.doc.commitments {
        let first = seen.insert(c.id.as_str());
        card(m, ctx, c, first, &mut seen_targets);
    }
    m.raw("</section>\n");
}

/// One line per commitment: what, who, by when, where, how it goes.
fn overview(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.raw("<div class=\"tablewrap\"><table class=\"overview\">");
    m.elem("caption", &[], l.overview);
    m.raw("<thead><tr>");
    for h in [l.commitment, l.lead, l.due, l.stages, l.progress] {
        m.elem("th", &[("scope", "col")], h);
    }
    m.raw("</tr></thead><tbody>\n");
    for c in &ctx.doc.commitments {
        m.raw("<tr><th scope=\"row\">");
        ctx.commitment_link(m, &c.id);
        if c.on_critical_path {
            m.raw(" ");
            m.elem(
                "span",
                &[("class", "st crit"), ("title", l.critical_means)],
                "◆",
            );
        }
        m.raw("</th><td>");
        if let Some(a) = &c.lead {
            let title = ctx
                .agencies
                .get(a.as_str())
                .and_then(|x| x.title.as_deref());
            ctx.link(m, prefix::AGENCY, a, title.unwrap_or(a));
        }
        m.raw("</td><td class=\"nowrap\">");
        if let Some(d) = c.due {
            ctx.date(m, d);
        }
        if c.overdue {
            m.raw(" ");
            m.elem("span", &[("class", "st bad")], &format!("⚠ {}", l.overdue));
        }
        m.raw("</td><td>");
        inline_list(m, &c.stages, |m, s| m.text(l.stage(*s)));
        m.raw("</td><td>");
        if c.targets.is_empty() {
            m.elem("span", &[("class", "st warn")], l.no_targets);
        } else {
            progress_chip(m, ctx, c.rollup.status);
        }
        m.raw("</td></tr>\n");
    }
    m.raw("</tbody></table></div>\n");
}

fn card<'a>(
    m: &mut Markup,
    ctx: &Ctx<'a>,
    c: &'a Commitment,
    first: bool,
    seen_targets: &mut BTreeSet<&'a str>,
) {
    let l = ctx.l;
    let class = if c.on_critical_path {
        "card critical"
    } else {
        "card"
    };
    match first.then(|| super::markup::anchor(prefix::COMMITMENT, &c.id)) {
        Some(id) => m.open("article", &[("class", class), ("id", &id)]),
        None => m.open("article", &[("class", class)]),
    }
    m.raw("\n<h3><span class=\"id\">");
    m.text(&c.id);
    m.raw("</span>");
    m.text(c.title.as_deref().unwrap_or(""));
    m.raw("</h3>\n<ul class=\"chips\">");
    if let Some(p) = c.phase {
        m.raw("<li>");
        m.elem("span", &[("class", "st neutral")], &l.phase_n(p));
        m.raw("</li>");
    }
    if let Some(s) = c.status {
        m.raw("<li>");
        m.open("span", &[("class", status_class(s))]);
        m.text(l.implementation);
        m.raw(": ");
        m.text(l.commitment_status(s));
        m.close("span");
        m.raw("</li>");
    }
    if !c.targets.is_empty() {
        m.raw("<li><span class=\"small\">");
        m.text(l.targets);
        m.raw(":</span> ");
        progress_chip(m, ctx, c.rollup.status);
        m.raw("</li>");
    }
    if c.on_critical_path {
        m.raw("<li>");
        m.elem(
            "span",
            &[("class", "st crit"), ("title", l.critical_means)],
            &format!("◆ {}", l.critical),
        );
        m.raw("</li>");
    }
    if c.overdue {
        m.raw("<li>");
        m.elem("span", &[("class", "st bad")], &format!("⚠ {}", l.overdue));
        m.raw("</li>");
    }
    m.raw("</ul>\n");
    if let Some(d) = &c.doc {
        m.prose("p", &[("class", "doc")], d);
        m.nl();
    }

    m.raw("<div class=\"grid2\"><dl class=\"kv\">");
    m.elem("dt", &[], l.lead);
    m.raw("<dd>");
    match &c.lead {
        Some(a) => ctx.agency_link(m, a),
        None => m.text(l.none),
    }
    m.raw("</dd>");
    if !c.support.is_empty() {
        m.elem("dt", &[], l.support);
        m.raw("<dd>");
        m.raw("<ul class=\"plain\">");
        for a in &c.support {
            m.raw("<li>");
            ctx.agency_link(m, a);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if let Some(s) = c.start {
        m.elem("dt", &[], l.start);
        m.raw("<dd>");
        ctx.date(m, s);
        m.raw("</dd>");
    }
    m.elem("dt", &[], l.due);
    m.raw("<dd>");
    match c.due {
        Some(d) => {
            m.raw("<strong>");
            ctx.date(m, d);
            m.raw("</strong>");
        }
        None => m.text(l.none),
    }
    if let Some(slack) = c.slack_days {
        if !c.critical && slack > 0 {
            m.raw(" <span class=\"small\">(");
            m.text(l.slack);
            m.raw(": ");
            m.text(&l.days(slack));
            m.raw(")</span>");
        }
    }
    m.raw("</dd>");
    if let Some(b) = &c.budget {
        m.elem("dt", &[], l.budget);
        m.elem("dd", &[], &ctx.money(b));
    }
    if !c.stages.is_empty() {
        m.elem("dt", &[], l.stages);
        m.raw("<dd>");
        inline_list(m, &c.stages, |m, s| m.text(l.stage(*s)));
        m.raw("</dd>");
    }
    if !c.prerequisites.is_empty() {
        m.elem("dt", &[], l.depends_on);
        m.raw("<dd><ul class=\"plain\">");
        for p in &c.prerequisites {
            m.raw("<li>");
            ctx.commitment_link(m, p);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if !c.direct_dependents.is_empty() {
        m.elem("dt", &[], l.enables);
        m.raw("<dd><ul class=\"plain\">");
        for p in &c.direct_dependents {
            m.raw("<li>");
            ctx.commitment_link(m, p);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    m.raw("</dl><dl class=\"kv\">");
    if !c.principles.is_empty() {
        m.elem("dt", &[], l.principles);
        m.raw("<dd><ul class=\"plain\">");
        for p in &c.principles {
            m.raw("<li>");
            ctx.principle_link(m, p);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if !c.rights.is_empty() {
        m.elem("dt", &[], l.rights_advanced);
        m.raw("<dd><ul class=\"plain\">");
        for r in &c.rights {
            m.raw("<li>");
            ctx.right_link(m, r);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if !c.restricts.is_empty() {
        m.elem("dt", &[], l.rights_restricted);
        m.raw("<dd><ul class=\"plain\">");
        for r in &c.restricts {
            m.raw("<li>");
            ctx.right_link(m, r);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if !c.aligns.is_empty() {
        m.elem("dt", &[], l.aligns);
        m.raw("<dd>");
        catalogue_list(m, ctx, &c.aligns);
        m.raw("</dd>");
    }
    if !c.evidence.is_empty() {
        m.elem("dt", &[], l.rests_on);
        m.raw("<dd><ul class=\"plain\">");
        for e in &c.evidence {
            m.raw("<li>");
            ctx.evidence_link(m, e);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    if !c.consultations.is_empty() {
        m.elem("dt", &[], l.consulted_in);
        m.raw("<dd><ul class=\"plain\">");
        for k in &c.consultations {
            m.raw("<li>");
            ctx.consultation_link(m, k);
            m.raw("</li>");
        }
        m.raw("</ul></dd>");
    }
    m.raw("</dl></div>\n");

    if let Some(j) = &c.justification {
        m.raw("<details open><summary>");
        m.text(l.justification);
        m.raw("</summary><dl class=\"kv\">");
        for (label, text) in [
            (l.legal_basis, &j.legal_basis),
            (l.necessity, &j.necessity),
            (l.proportionality, &j.proportionality),
        ] {
            m.elem("dt", &[], label);
            m.prose("dd", &[("class", "doc")], text.as_deref().unwrap_or(l.none));
        }
        m.raw("</dl></details>\n");
    }

    if c.targets.is_empty() {
        m.elem("p", &[("class", "st warn")], l.no_targets);
        m.nl();
    }
    for t in &c.targets {
        let first = seen_targets.insert(t.id.as_str());
        target(m, ctx, t, first);
    }
    m.raw("</article>\n");
}

fn target(m: &mut Markup, ctx: &Ctx<'_>, t: &Target, first: bool) {
    let l = ctx.l;
    match first.then(|| super::markup::anchor(prefix::TARGET, &t.id)) {
        Some(id) => m.open("div", &[("class", "target"), ("id", &id)]),
        None => m.open("div", &[("class", "target")]),
    }
    m.raw("<h4><span class=\"id\">");
    m.text(&t.id);
    m.raw("</span> ");
    m.text(
        t.title
            .as_deref()
            .or(t.indicator.as_deref())
            .unwrap_or(l.targets),
    );
    m.raw("</h4>\n");
    if let Some(d) = &t.doc {
        m.prose("p", &[("class", "doc small")], d);
    }
    m.raw("<dl class=\"kv\">");
    if let Some(ind) = &t.indicator {
        m.elem("dt", &[], l.indicator);
        m.raw("<dd>");
        m.text(ind);
        if let Some(u) = &t.unit {
            m.raw(" <span class=\"small\">(");
            m.text(u);
            m.raw(")</span>");
        }
        if let Some(d) = t.direction {
            m.raw(" <span class=\"small\">— ");
            m.text(l.direction(d));
            if t.direction_inferred {
                m.raw(", ");
                m.text(l.inferred);
            }
            m.raw("</span>");
        }
        m.raw("</dd>");
    }
    m.elem("dt", &[], l.milestones);
    m.raw("<dd><ol class=\"steps\">");
    if let Some(b) = &t.baseline {
        m.raw("<li class=\"base\">");
        m.text(&ctx.measure_value(b));
        m.raw("<span class=\"d\">");
        m.text(l.baseline);
        m.raw(" ");
        ctx.date(m, b.date);
        m.raw("</span></li>");
    }
    for v in &t.milestones {
        m.raw("<li>");
        m.text(&ctx.measure_value(v));
        m.raw("<span class=\"d\">");
        ctx.date(m, v.date);
        m.raw("</span></li>");
    }
    m.raw("</ol></dd>");
    m.elem("dt", &[], l.latest);
    m.raw("<dd>");
    match &t.progress.latest_observation {
        Some(o) => {
            m.raw("<strong>");
            m.text(&ctx.measure_value(o));
            m.raw("</strong> (");
            ctx.date(m, o.date);
            m.raw(")");
        }
        None => m.text(l.no_observation),
    }
    m.raw("</dd>");
    m.elem("dt", &[], l.progress);
    m.raw("<dd>");
    progress_chip(m, ctx, t.progress.status);
    if let Some(p) = t.progress.progress {
        m.raw(" ");
        m.text(&l.progress_sentence(p, t.progress.expected));
        bar(m, t.progress.status, p, t.progress.expected);
    } else if let Some(reason) = &t.progress.reason {
        m.raw(" <span class=\"small\">");
        m.text(ctx.pick(&reason.en, &reason.es));
        m.raw("</span>");
    }
    m.raw("</dd>");
    if let Some(s) = &t.source {
        m.elem("dt", &[], l.source);
        m.elem("dd", &[], s);
    }
    m.raw("</dl></div>\n");
}

/// The progress bar: an SVG (no inline style is allowed by the CSP), hidden
/// from assistive technology since the sentence beside it says the same.
fn bar(m: &mut Markup, status: crate::emit::json::ProgressStatus, p: f64, e: Option<f64>) {
    let width = 200.0;
    let done = (p.clamp(0.0, 1.0) * width).round();
    let fill = match progress_class(status) {
        "st ok" => "#2e7d4f",
        "st warn" => "#b7791f",
        "st bad" => "#b3261e",
        _ => "#6b7785",
    };
    m.raw("<svg class=\"bar\" viewBox=\"0 0 200 14\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
    m.empty(
        "rect",
        &[
            ("width", "200"),
            ("height", "14"),
            ("rx", "3"),
            ("fill", "#e3e7ec"),
        ],
    );
    m.empty(
        "rect",
        &[
            ("width", &format!("{done}")),
            ("height", "14"),
            ("rx", "3"),
            ("fill", fill),
        ],
    );
    if let Some(e) = e {
        let x = (e.clamp(0.0, 1.0) * width).round().clamp(1.0, 199.0);
        m.empty(
            "rect",
            &[
                ("x", &format!("{}", x - 1.0)),
                ("width", "2"),
                ("height", "14"),
                ("fill", "#1b1f24"),
            ],
        );
    }
    m.raw("</svg>");
}
