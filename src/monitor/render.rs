//! The terminal table of `pacta status FILE [--as-of DATE]`.

use super::{Counts, Monitoring, Status, TargetProgress};
use crate::coverage::table::{
    cell, cell_right, paint, truncate, width, BOLD, DIM, GREEN, MAX_WIDTH, RED, YELLOW,
};
use crate::diagnostic::Lang;

/// The widest target ID column; longer IDs are truncated.
const MAX_ID: usize = 10;
const INDENT: &str = "  ";
const DASH: &str = "—";

fn style(status: Status) -> &'static str {
    match status {
        Status::Achieved | Status::OnTrack => GREEN,
        Status::AtRisk => YELLOW,
        Status::OffTrack => RED,
        Status::NotStarted | Status::Unknown => DIM,
    }
}

fn label(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| DASH.to_string(), |x| format!("{:.0}%", x * 100.0))
}

/// `12_000 → 35_000 (2025-12-31)`
fn range(t: &TargetProgress) -> String {
    let from = t
        .baseline
        .as_ref()
        .map_or(DASH.to_string(), |b| b.display());
    let to = t.next_milestone.as_ref().or(t.last_milestone.as_ref());
    let to = to.map_or(DASH.to_string(), |m| {
        format!("{} ({})", m.display(), m.date)
    });
    format!("{from} → {to}")
}

/// `21_500 (2025-06-30)`
fn latest(t: &TargetProgress) -> String {
    t.latest.as_ref().map_or(DASH.to_string(), |o| {
        format!("{} ({})", o.display(), o.date)
    })
}

/// `2 on track, 1 at risk`
fn breakdown(counts: &Counts, lang: Lang) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| {
            let n = counts.get(*s);
            let word = if n == 1 { s.word(lang) } else { s.plural(lang) };
            format!("{n} {word}")
        })
        .collect();
    if parts.is_empty() {
        DASH.to_string()
    } else {
        parts.join(", ")
    }
}

/// Renders target progress as a terminal table: per commitment its targets
/// (ID, baseline → next milestone, latest observation, progress, expected
/// progress, status, and the indicator beneath), then the roll-up per
/// agency and the totals. Labels are in `lang`; ANSI colours only when
/// `color`. No line is wider than 100 columns. The output ends with a
/// newline.
pub fn render_table(m: &Monitoring, lang: Lang, color: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let bold = |s: &str| paint(s, BOLD, color);
    let dim = |s: &str| paint(s, DIM, color);
    let as_of = m.as_of;
    out.push(bold(&match lang {
        Lang::En => format!("Target progress as of {as_of}"),
        Lang::Es => format!("Avance de las metas al {as_of}"),
    }));
    out.push(dim(label(
        lang,
        "progress: toward the next milestone; expected: by this date, on a straight line",
        "avance: hacia el próximo hito; esperado: a esta fecha, en línea recta",
    )));
    out.push(String::new());

    let targets: Vec<&TargetProgress> = m.commitments.iter().flat_map(|c| &c.targets).collect();
    let h_id = label(lang, "Target", "Meta");
    let h_range = label(
        lang,
        "Baseline → next milestone",
        "Línea base → próximo hito",
    );
    let h_latest = label(lang, "Latest", "Último dato");
    let h_progress = label(lang, "Progress", "Avance");
    let h_expected = label(lang, "Expected", "Esperado");
    let h_status = label(lang, "Status", "Estado");
    let fit = |header: &str, values: &mut dyn Iterator<Item = usize>, cap: usize| {
        values.max().unwrap_or(0).max(width(header)).min(cap)
    };
    let id_w = fit(h_id, &mut targets.iter().map(|t| width(&t.id)), MAX_ID);
    let progress_w = width(h_progress).max(5);
    let expected_w = width(h_expected).max(5);
    let status_w = Status::ALL
        .iter()
        .map(|s| width(s.word(lang)))
        .max()
        .unwrap_or(0);
    // The range and latest columns share what is left of the line; when
    // they do not fit, the wider one gives up a column at a time.
    let left =
        MAX_WIDTH.saturating_sub(width(INDENT) + id_w + progress_w + expected_w + status_w + 10);
    let mut range_w = fit(
        h_range,
        &mut targets.iter().map(|t| width(&range(t))),
        usize::MAX,
    );
    let mut latest_w = fit(
        h_latest,
        &mut targets.iter().map(|t| width(&latest(t))),
        usize::MAX,
    );
    while range_w + latest_w > left && (range_w > width(h_range) || latest_w > width(h_latest)) {
        if (range_w >= latest_w && range_w > width(h_range)) || latest_w <= width(h_latest) {
            range_w -= 1;
        } else {
            latest_w -= 1;
        }
    }
    let sub_indent = " ".repeat(width(INDENT) + id_w + 2);

    if m.commitments.is_empty() {
        out.push(label(lang, "No commitments.", "No hay compromisos.").to_string());
    } else if !targets.is_empty() {
        let header = format!(
            "{INDENT}{}  {}  {}  {}  {}  {}",
            cell(h_id, id_w),
            cell(h_range, range_w),
            cell(h_latest, latest_w),
            cell_right(h_progress, progress_w),
            cell_right(h_expected, expected_w),
            h_status
        );
        out.push(bold(&header));
    }

    for c in &m.commitments {
        // Heading: `C4  Title  (LEAD)  status`.
        let prefix = format!("{}  ", c.id);
        let lead = c
            .lead
            .as_ref()
            .map_or(String::new(), |l| format!("  ({l})"));
        let status = c.status.word(lang);
        let room = MAX_WIDTH.saturating_sub(width(&prefix) + width(&lead) + 2 + width(status));
        let title = truncate(c.title.as_deref().unwrap_or(""), room);
        let heading = truncate(
            &format!("{prefix}{title}{lead}"),
            MAX_WIDTH.saturating_sub(2 + width(status)),
        );
        out.push(format!(
            "{}  {}",
            bold(&heading),
            paint(status, style(c.status), color)
        ));

        if c.targets.is_empty() {
            out.push(dim(&format!(
                "{INDENT}{}",
                label(lang, "(no targets)", "(sin metas)")
            )));
        }
        for t in &c.targets {
            let row = format!(
                "{INDENT}{}  {}  {}  {}  {}  ",
                cell(&t.id, id_w),
                cell(&range(t), range_w),
                cell(&latest(t), latest_w),
                cell_right(&percent(t.progress), progress_w),
                cell_right(&percent(t.expected), expected_w),
            );
            out.push(format!(
                "{row}{}",
                paint(t.status.word(lang), style(t.status), color)
            ));
            let what = match (&t.indicator, &t.title) {
                (Some(i), _) => Some(i.as_str()),
                (None, Some(title)) => Some(title.as_str()),
                (None, None) => None,
            };
            if let Some(what) = what {
                let what = match &t.unit {
                    Some(unit) => format!("{what} ({unit})"),
                    None => what.to_string(),
                };
                let room = MAX_WIDTH.saturating_sub(width(&sub_indent));
                out.push(dim(&format!("{sub_indent}{}", truncate(&what, room))));
            }
            let explain = t.status == Status::Unknown
                || (t.status == Status::NotStarted && t.latest.is_some());
            if let (true, Some(reason)) = (explain, &t.reason) {
                let room = MAX_WIDTH.saturating_sub(width(&sub_indent) + 2);
                out.push(dim(&format!(
                    "{sub_indent}{DASH} {}",
                    truncate(reason.get(lang), room)
                )));
            }
        }
    }
    out.push(String::new());

    // Per agency.
    out.push(bold(label(lang, "By agency", "Por institución")));
    let agencies: Vec<_> = m.agencies.iter().filter(|a| !a.leads.is_empty()).collect();
    if agencies.is_empty() {
        out.push(
            label(
                lang,
                "No agency leads a commitment.",
                "Ninguna institución es responsable de un compromiso.",
            )
            .to_string(),
        );
    } else {
        let h_agency = label(lang, "Agency", "Institución");
        let h_commitments = label(lang, "Commitments", "Compromisos");
        let h_targets = label(lang, "Targets", "Metas");
        let h_detail = label(lang, "Targets by status", "Metas por estado");
        let agency_w = fit(h_agency, &mut agencies.iter().map(|a| width(&a.id)), 16);
        let commitments_w = width(h_commitments);
        let targets_w = width(h_targets);
        let header = format!(
            "{INDENT}{}  {}  {}  {}  {h_detail}",
            cell(h_agency, agency_w),
            cell_right(h_commitments, commitments_w),
            cell_right(h_targets, targets_w),
            cell(h_status, status_w),
        );
        out.push(bold(&truncate(&header, MAX_WIDTH)));
        let room = MAX_WIDTH
            .saturating_sub(width(INDENT) + agency_w + commitments_w + targets_w + status_w + 8);
        for a in agencies {
            out.push(format!(
                "{INDENT}{}  {}  {}  {}  {}",
                cell(&a.id, agency_w),
                cell_right(&a.leads.len().to_string(), commitments_w),
                cell_right(&a.targets.total().to_string(), targets_w),
                paint(&cell(a.status.word(lang), status_w), style(a.status), color),
                truncate(&breakdown(&a.targets, lang), room)
            ));
        }
    }
    out.push(String::new());
    let total = m.totals.total();
    let totals = match lang {
        Lang::En => format!("All targets: {total}"),
        Lang::Es => format!("Todas las metas: {total}"),
    };
    let detail = breakdown(&m.totals, lang);
    let line = truncate(&format!("{totals} — {detail}"), MAX_WIDTH);
    out.push(bold(&line));

    let mut text = out
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}
