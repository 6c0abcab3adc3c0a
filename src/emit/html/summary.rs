//! The summary: cards with the policy's numbers, targets by progress, and
//! the four qualities.

use super::markup::Markup;
use super::{section, section_start, Ctx};
use crate::emit::json::{ProgressStatus, Quality, StatusCounts};

/// The CSS class of a progress status.
pub(crate) fn progress_class(s: ProgressStatus) -> &'static str {
    match s {
        ProgressStatus::Achieved | ProgressStatus::OnTrack => "st ok",
        ProgressStatus::AtRisk => "st warn",
        ProgressStatus::OffTrack => "st bad",
        ProgressStatus::NotStarted | ProgressStatus::Unknown => "st neutral",
    }
}

/// A progress status as a chip, with a symbol so that colour is not the
/// only cue.
pub(crate) fn progress_chip(m: &mut Markup, ctx: &Ctx<'_>, s: ProgressStatus) {
    m.open("span", &[("class", progress_class(s))]);
    m.raw(match s {
        ProgressStatus::Achieved => "✔ ",
        ProgressStatus::OnTrack => "● ",
        ProgressStatus::AtRisk => "▲ ",
        ProgressStatus::OffTrack => "✖ ",
        ProgressStatus::NotStarted => "○ ",
        ProgressStatus::Unknown => "? ",
    });
    m.text(ctx.l.progress_status(s));
    m.close("span");
}

/// Worst first, as people scan for problems.
pub(crate) const STATUS_ORDER: [ProgressStatus; 6] = [
    ProgressStatus::OffTrack,
    ProgressStatus::AtRisk,
    ProgressStatus::OnTrack,
    ProgressStatus::Achieved,
    ProgressStatus::NotStarted,
    ProgressStatus::Unknown,
];

pub(crate) fn count(c: &StatusCounts, s: ProgressStatus) -> usize {
    match s {
        ProgressStatus::NotStarted => c.not_started,
        ProgressStatus::OnTrack => c.on_track,
        ProgressStatus::AtRisk => c.at_risk,
        ProgressStatus::OffTrack => c.off_track,
        ProgressStatus::Achieved => c.achieved,
        ProgressStatus::Unknown => c.unknown,
    }
}

pub(crate) fn render(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let doc = ctx.doc;
    let s = &doc.summary;
    let r = &doc.coverage.ratios;
    section_start(m, section::SUMMARY, l.summary, None);
    let leads: std::collections::BTreeSet<&str> = doc
        .commitments
        .iter()
        .filter_map(|c| c.lead.as_deref())
        .collect();
    let policy = doc.policy.as_ref();
    let sentence = l.overview_sentence(
        s.commitments,
        leads.len(),
        policy
            .and_then(|p| p.horizon)
            .map(|h| (ctx.date_text(h.start), ctx.date_text(h.end))),
        policy.and_then(|p| p.budget.as_ref()).map(|b| ctx.money(b)),
        s.targets,
    );
    m.elem("p", &[("class", "lead")], &sentence);
    m.nl();

    m.raw("<ul class=\"cards\">\n");
    card(
        m,
        section::PRINCIPLES,
        &s.principles.to_string(),
        l.card_principles,
        None,
    );
    let mut sub = l.measured_of(
        r.commitments_with_targets.numerator,
        r.commitments_with_targets.denominator,
    );
    if s.commitments_overdue > 0 {
        sub.push_str(&format!("; {} {}", s.commitments_overdue, l.overdue));
    }
    card(
        m,
        section::COMMITMENTS,
        &s.commitments.to_string(),
        l.card_commitments,
        Some(&sub),
    );
    card(
        m,
        section::COMMITMENTS,
        &s.targets.to_string(),
        l.card_targets,
        None,
    );
    card(
        m,
        section::RESPONSIBILITIES,
        &s.agencies.to_string(),
        l.card_agencies,
        None,
    );
    card(
        m,
        section::COVERAGE,
        &l.of(r.rights_covered.numerator, r.rights_covered.denominator),
        l.card_rights,
        Some(l.measured_of(r.rights_measured.numerator, r.rights_measured.denominator)).as_deref(),
    );
    card(
        m,
        section::COVERAGE,
        &l.of(r.stages_addressed.numerator, r.stages_addressed.denominator),
        l.card_stages,
        None,
    );
    if let Some(end) = doc.graph.project_end {
        card(
            m,
            section::GRAPH,
            &ctx.date_text(end),
            l.card_end,
            Some(l.card_end_sub),
        );
    }
    card(
        m,
        section::WARNINGS,
        &s.warnings.to_string(),
        l.card_warnings,
        None,
    );
    m.raw("</ul>\n");

    // Targets by progress.
    if s.targets > 0 {
        m.raw("<p><strong>");
        m.text(l.targets_by_status);
        m.raw(":</strong> ");
        let mut first = true;
        for st in STATUS_ORDER {
            let n = count(&s.targets_by_status, st);
            if n == 0 {
                continue;
            }
            if !first {
                m.raw(" ");
            }
            first = false;
            m.open("span", &[("class", progress_class(st))]);
            m.text(&l.progress_count(st, n));
            m.close("span");
        }
        m.raw("</p>\n");
    }

    // The four qualities.
    m.elem("h3", &[], l.qualities);
    m.raw("\n<ul class=\"qualities\">\n");
    let q = &doc.coverage.qualities;
    let items: [(&str, &str, &Quality); 4] = [
        (l.quality_explicit, l.quality_explicit_means, &q.explicit),
        (
            l.quality_comprehensive,
            l.quality_comprehensive_means,
            &q.comprehensive,
        ),
        (
            l.quality_rights_based,
            l.quality_rights_based_means,
            &q.rights_based,
        ),
        (
            l.quality_consensual,
            l.quality_consensual_means,
            &q.consensual,
        ),
    ];
    for (name, means, quality) in items {
        m.open("li", &[("class", if quality.ok { "ok" } else { "warn" })]);
        m.raw("<span class=\"q-name\">");
        m.raw(if quality.ok { "✔ " } else { "✖ " });
        m.text(name);
        m.raw("</span> — ");
        m.text(if quality.ok {
            l.quality_met
        } else {
            l.quality_not_met
        });
        m.raw("<br><span class=\"small\">");
        m.text(means);
        m.raw("</span>");
        if !quality.findings.is_empty() {
            m.raw("<ul>");
            for f in quality.findings.iter().take(5) {
                m.raw("<li>");
                m.text(ctx.pick(&f.en, &f.es));
                m.raw("</li>");
            }
            if quality.findings.len() > 5 {
                m.raw("<li>");
                m.elem(
                    "a",
                    &[("href", "#warnings")],
                    &format!("+{}", quality.findings.len() - 5),
                );
                m.raw("</li>");
            }
            m.raw("</ul>");
        }
        m.raw("</li>\n");
    }
    m.raw("</ul>\n</section>\n");
}

fn card(m: &mut Markup, target: &'static str, number: &str, label: &str, sub: Option<&str>) {
    m.raw("<li>");
    m.open("a", &[("href", &format!("#{target}"))]);
    // Longer figures (`27 of 27`, a date) in a smaller size, to fit a card.
    let class = if number.chars().count() > 5 {
        "num long"
    } else {
        "num"
    };
    m.elem("span", &[("class", class)], number);
    m.text(label);
    if let Some(sub) = sub {
        m.elem("span", &[("class", "sub")], sub);
    }
    m.raw("</a></li>\n");
}
