//! The timeline: a Gantt chart of the commitments over the policy's
//! horizon, with the as-of date marked, and the same as a table.

use super::graph::truncate;
use super::markup::{href, Markup};
use super::{prefix, section, section_start, Ctx};
use crate::ast::Date;
use crate::emit::json::{Commitment, CommitmentStatus};

const LABEL_WIDTH: f64 = 270.0;
const ROW: f64 = 26.0;
const BAR: f64 = 14.0;
const TOP: f64 = 46.0;
const RIGHT: f64 = 88.0;
const BOTTOM: f64 = 8.0;

fn fill(status: Option<CommitmentStatus>) -> &'static str {
    match status {
        Some(CommitmentStatus::Planned) => "#7b93b3",
        Some(CommitmentStatus::InProgress) => "#1d4f91",
        Some(CommitmentStatus::Done) => "#2e7d4f",
        Some(CommitmentStatus::Suspended) => "#8a6d3b",
        None => "#9aa3ad",
    }
}

fn fmt(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A commitment's bar: from its start (or the earliest it can start) to
/// its due date, in days.
fn span(c: &Commitment) -> Option<(i64, i64)> {
    let due = c.due?.last_day().0;
    let start = c
        .start
        .or(c.earliest_start)
        .map(|d| d.first_day().0)
        .unwrap_or(due)
        .min(due);
    Some((start, due))
}

pub(crate) fn render(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    section_start(m, section::TIMELINE, l.timeline, Some(l.timeline_intro));
    let mut rows: Vec<(usize, &Commitment, (i64, i64))> = ctx
        .doc
        .commitments
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c, span(c)?)))
        .collect();
    if rows.is_empty() {
        m.raw("</section>\n");
        return;
    }
    rows.sort_by_key(|&(i, _, (s, d))| (s, d, i));

    // The time axis: the horizon, widened to every bar.
    let horizon = ctx.doc.policy.as_ref().and_then(|p| p.horizon);
    let mut lo = horizon.map_or(i64::MAX, |h| h.start.first_day().0);
    let mut hi = horizon.map_or(i64::MIN, |h| h.end.last_day().0);
    for &(_, _, (s, d)) in &rows {
        lo = lo.min(s);
        hi = hi.max(d);
    }
    let hi = hi.max(lo + 1);
    let first_year = crate::ast::Day(lo).to_date().year;
    let last_year = crate::ast::Day(hi).to_date().year;
    let years = (i64::from(last_year) - i64::from(first_year) + 1).clamp(1, 200);
    let chart = (years as f64 * 120.0).clamp(480.0, 1500.0);
    let x_of = |day: i64| -> f64 {
        LABEL_WIDTH + (day.clamp(lo, hi) - lo) as f64 / (hi - lo) as f64 * chart
    };
    let width = LABEL_WIDTH + chart + RIGHT;
    let height = TOP + rows.len() as f64 * ROW + BOTTOM;

    legend(m, ctx);
    m.raw("<div class=\"figure\">");
    let (w, h) = (fmt(width), fmt(height));
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &w),
            ("height", &h),
            ("viewBox", &format!("0 0 {w} {h}")),
            ("class", if width <= 1700.0 { "fit" } else { "wide" }),
            ("role", "img"),
            ("aria-labelledby", "timelinetitle timelinedesc"),
        ],
    );
    m.elem_plain("title", &[("id", "timelinetitle")], l.timeline);
    m.elem_plain("desc", &[("id", "timelinedesc")], l.timeline_desc);
    m.nl();

    // Row stripes.
    for k in (0..rows.len()).filter(|k| k % 2 == 1) {
        m.empty(
            "rect",
            &[
                ("x", "0"),
                ("y", &fmt(TOP + k as f64 * ROW)),
                ("width", &w),
                ("height", &fmt(ROW)),
                ("fill", "#f1f4f8"),
            ],
        );
    }
    // Years.
    let bottom = TOP + rows.len() as f64 * ROW;
    for y in first_year..=last_year {
        let start = Date::ymd(y, 1, 1).first_day().0;
        let end = Date::ymd(y, 12, 31).last_day().0 + 1;
        let (x0, x1) = (x_of(start), x_of(end));
        m.empty(
            "line",
            &[
                ("x1", &fmt(x0)),
                ("x2", &fmt(x0)),
                ("y1", "26"),
                ("y2", &fmt(bottom)),
                ("stroke", "#c9d1db"),
            ],
        );
        if x1 - x0 > 30.0 {
            m.elem_plain(
                "text",
                &[
                    ("x", &fmt((x0 + x1) / 2.0)),
                    ("y", "40"),
                    ("text-anchor", "middle"),
                    ("font-size", "12"),
                    ("font-weight", "700"),
                    ("fill", "#4a5360"),
                ],
                &y.to_string(),
            );
        }
    }
    // Bars.
    for (k, &(_, c, (s, d))) in rows.iter().enumerate() {
        let y = TOP + k as f64 * ROW;
        let mid = y + ROW / 2.0;
        let title = c.title.as_deref().unwrap_or("");
        let linked = ctx.has(prefix::COMMITMENT, &c.id);
        if linked {
            m.open("a", &[("href", &href(prefix::COMMITMENT, &c.id))]);
        }
        m.open("g", &[]);
        m.elem_plain(
            "title",
            &[],
            &l.node_summary(&c.id, title, c.on_critical_path),
        );
        let label = format!(
            "{}{}  {}",
            if c.on_critical_path { "◆ " } else { "" },
            c.id,
            title
        );
        m.elem_plain(
            "text",
            &[
                ("x", "6"),
                ("y", &fmt(mid + 4.0)),
                ("font-size", "12"),
                (
                    "font-weight",
                    if c.on_critical_path { "700" } else { "400" },
                ),
                ("fill", "#1b1f24"),
            ],
            &truncate(&label, 40),
        );
        let (x0, x1) = (x_of(s), x_of(d + 1));
        let critical = c.on_critical_path;
        m.empty(
            "rect",
            &[
                ("x", &fmt(x0)),
                ("y", &fmt(mid - BAR / 2.0)),
                ("width", &fmt((x1 - x0).max(3.0))),
                ("height", &fmt(BAR)),
                ("rx", "3"),
                ("fill", fill(c.status)),
                ("stroke", if critical { "#b3261e" } else { "none" }),
                ("stroke-width", "3"),
            ],
        );
        m.close("g");
        if linked {
            m.close("a");
        }
        // Target milestones on the row.
        for t in &c.targets {
            for v in &t.milestones {
                let day = v.date.last_day().0;
                if day < lo || day > hi {
                    continue;
                }
                let x = x_of(day);
                m.open(
                    "path",
                    &[
                        (
                            "d",
                            &format!("M{} {} l5 5 l-5 5 l-5 -5 z", fmt(x), fmt(mid - 5.0)),
                        ),
                        ("fill", "#ffffff"),
                        ("stroke", "#1b1f24"),
                        ("stroke-width", "1.5"),
                    ],
                );
                m.elem_plain(
                    "title",
                    &[],
                    &format!(
                        "{} {} — {} {}",
                        t.id,
                        l.milestone,
                        ctx.measure_value(v),
                        ctx.date_text(v.date)
                    ),
                );
                m.close("path");
            }
        }
        if let Some(due) = c.due {
            m.elem_plain(
                "text",
                &[
                    ("x", &fmt(x1 + 6.0)),
                    ("y", &fmt(mid + 4.0)),
                    ("font-size", "11"),
                    ("fill", "#4a5360"),
                ],
                &ctx.date_text(due),
            );
        }
        m.nl();
    }
    // The as-of marker.
    let as_of = ctx.doc.as_of.date.last_day().0;
    if (lo..=hi).contains(&as_of) {
        let x = x_of(as_of);
        m.empty(
            "line",
            &[
                ("x1", &fmt(x)),
                ("x2", &fmt(x)),
                ("y1", "16"),
                ("y2", &fmt(bottom)),
                ("stroke", "#b3261e"),
                ("stroke-width", "2"),
                ("stroke-dasharray", "5 3"),
            ],
        );
        let text = format!("{} {}", l.as_of, ctx.date_text(ctx.doc.as_of.date));
        let anchor_end = x > LABEL_WIDTH + chart * 0.7;
        m.elem_plain(
            "text",
            &[
                ("x", &fmt(if anchor_end { x - 4.0 } else { x + 4.0 })),
                ("y", "14"),
                ("font-size", "12"),
                ("font-weight", "700"),
                ("text-anchor", if anchor_end { "end" } else { "start" }),
                ("fill", "#b3261e"),
            ],
            &text,
        );
    }
    m.raw("</svg></div>\n");
    table(m, ctx, &rows);
    m.raw("</section>\n");
}

fn legend(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.open("ul", &[("class", "legend"), ("aria-label", l.legend)]);
    for s in [
        CommitmentStatus::Planned,
        CommitmentStatus::InProgress,
        CommitmentStatus::Done,
        CommitmentStatus::Suspended,
    ] {
        m.raw("<li><svg width=\"26\" height=\"14\" aria-hidden=\"true\">");
        m.empty(
            "rect",
            &[
                ("y", "1"),
                ("width", "26"),
                ("height", "12"),
                ("rx", "3"),
                ("fill", fill(Some(s))),
            ],
        );
        m.raw("</svg>");
        m.text(l.commitment_status(s));
        m.raw("</li>");
    }
    m.raw("<li><svg width=\"26\" height=\"14\" aria-hidden=\"true\"><rect x=\"1.5\" y=\"1.5\" width=\"23\" height=\"11\" rx=\"3\" fill=\"#7b93b3\" stroke=\"#b3261e\" stroke-width=\"3\"/></svg>◆ ");
    m.text(l.legend_critical);
    m.raw("</li><li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><path d=\"M7 2 l5 5 l-5 5 l-5 -5 z\" fill=\"#fff\" stroke=\"#1b1f24\" stroke-width=\"1.5\"/></svg>");
    m.text(l.milestone);
    m.raw("</li><li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><path d=\"M7 0 V14\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/></svg>");
    m.text(l.as_of);
    m.raw(" ");
    m.text(&ctx.date_text(ctx.doc.as_of.date));
    m.raw("</li></ul>\n");
}

fn table(m: &mut Markup, ctx: &Ctx<'_>, rows: &[(usize, &Commitment, (i64, i64))]) {
    let l = ctx.l;
    m.raw("<details><summary>");
    m.text(l.timeline_table);
    m.raw("</summary><div class=\"tablewrap\"><table>");
    m.elem("caption", &[], l.timeline);
    m.raw("<thead><tr>");
    for h in [l.commitment, l.start, l.due, l.implementation, l.phase] {
        m.elem("th", &[("scope", "col")], h);
    }
    m.raw("</tr></thead><tbody>\n");
    for &(_, c, _) in rows {
        m.raw("<tr><th scope=\"row\">");
        ctx.commitment_link(m, &c.id);
        m.raw("</th><td>");
        if let Some(d) = c.start.or(c.earliest_start) {
            ctx.date(m, d);
        }
        m.raw("</td><td>");
        if let Some(d) = c.due {
            ctx.date(m, d);
        }
        if c.overdue {
            m.raw(" ");
            m.elem("span", &[("class", "st bad")], l.overdue);
        }
        m.raw("</td><td>");
        if let Some(s) = c.status {
            m.text(l.commitment_status(s));
        }
        m.raw("</td><td>");
        if let Some(p) = c.phase {
            m.text(&p.to_string());
        }
        m.raw("</td></tr>\n");
    }
    m.raw("</tbody></table></div></details>\n");
}
