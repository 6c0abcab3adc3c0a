//! The dependency graph as inline SVG, laid out in phases ([`super::layout`]),
//! with the critical path in red and each box a link to its commitment's
//! card; and the same graph as a table.

use super::layout::{layout, Input, Sizes};
use super::markup::{href, Markup};
use super::{prefix, section, section_start, Ctx};
use crate::emit::json::GraphNode;
use std::collections::BTreeMap;

const SIZES: Sizes = Sizes {
    node_width: 210.0,
    node_height: 72.0,
    node_gap: 14.0,
    dummy_gap: 8.0,
    column_gap: 56.0,
};
/// Room above the boxes for the phase headings.
const TOP: f64 = 34.0;
const MARGIN: f64 = 8.0;
/// Characters of a title per line in a box (12px text in 194px).
const LINE_CHARS: usize = 28;

const CRITICAL: &str = "#b3261e";
const EDGE: &str = "#66707c";

pub(crate) fn render(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let g = &ctx.doc.graph;
    section_start(m, section::GRAPH, l.graph, Some(l.graph_intro));
    if g.nodes.is_empty() {
        m.raw("</section>\n");
        return;
    }
    if g.edges.is_empty() {
        m.elem("p", &[], l.graph_empty);
    }
    legend(m, ctx);
    m.raw("<div class=\"figure\">");
    svg(m, ctx);
    m.raw("</div>\n");
    table(m, ctx);
    m.raw("</section>\n");
}

fn legend(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    m.open("ul", &[("class", "legend"), ("aria-label", l.legend)]);
    m.raw("<li><svg width=\"34\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"32\" height=\"12\" rx=\"3\" fill=\"#fdecea\" stroke=\"#b3261e\" stroke-width=\"3\"/></svg>◆ ");
    m.text(l.legend_critical);
    m.raw("</li><li><svg width=\"40\" height=\"14\" aria-hidden=\"true\"><path d=\"M2 7 H32\" stroke=\"#66707c\" stroke-width=\"1.5\"/><path d=\"M30 3 L38 7 L30 11 z\" fill=\"#66707c\"/></svg>");
    m.text(l.legend_edge);
    m.raw("</li></ul>\n");
}

/// Splits `s` into at most `max_lines` lines of at most `width` characters,
/// at spaces when it can; a word longer than a line is cut; an ellipsis
/// ends the last line when text is left over.
pub(crate) fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut truncated = false;
    'words: for word in s.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let need = if used == 0 {
                word.len()
            } else {
                used + 1 + word.len()
            };
            if need <= width {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                // The word goes on the next line.
                if lines.len() + 1 >= max_lines {
                    truncated = true;
                    break 'words;
                }
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a line: cut it.
            let rest = word.split_off(width.min(word.len()));
            line.extend(word.iter());
            if rest.is_empty() {
                break;
            }
            if lines.len() + 1 >= max_lines {
                truncated = true;
                break 'words;
            }
            lines.push(std::mem::take(&mut line));
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if truncated {
        if let Some(last) = lines.last_mut() {
            let mut chars: Vec<char> = last.chars().collect();
            while chars.len() + 1 > width {
                chars.pop();
            }
            while chars.last() == Some(&' ') {
                chars.pop();
            }
            *last = chars.into_iter().collect();
            last.push('…');
        }
    }
    lines
}

fn fmt(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn svg(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let g = &ctx.doc.graph;
    // Columns: the phases; commitments without a phase (on a cycle) in an
    // extra column at the end.
    let phases = g.nodes.iter().filter_map(|n| n.phase).max().unwrap_or(0);
    let unphased = g.nodes.iter().any(|n| n.phase.is_none());
    let mut position: BTreeMap<&str, usize> = BTreeMap::new();
    let mut nodes: Vec<&GraphNode> = Vec::new();
    let mut layer = Vec::new();
    for n in &g.nodes {
        if position.contains_key(n.id.as_str()) {
            continue;
        }
        position.insert(&n.id, nodes.len());
        nodes.push(n);
        layer.push(match n.phase {
            Some(p) => p.saturating_sub(1),
            None => phases,
        });
    }
    let edges: Vec<(usize, usize, bool)> = g
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                *position.get(e.from.as_str())?,
                *position.get(e.to.as_str())?,
                e.critical,
            ))
        })
        .collect();
    let input = Input {
        layer,
        edges: edges.iter().map(|&(a, b, _)| (a, b)).collect(),
    };
    let lay = layout(&input, &SIZES);
    let width = lay.width + 2.0 * MARGIN;
    let height = lay.height + TOP + 2.0 * MARGIN;
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
            ("aria-labelledby", "graphtitle graphdesc"),
        ],
    );
    m.elem_plain("title", &[("id", "graphtitle")], l.graph);
    m.elem_plain("desc", &[("id", "graphdesc")], l.graph_desc);
    m.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#66707c\"/></marker><marker id=\"arrowcrit\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#b3261e\"/></marker></defs>\n");

    // Phase headings.
    for c in 0..lay.columns {
        let x = MARGIN + c as f64 * (SIZES.node_width + SIZES.column_gap) + SIZES.node_width / 2.0;
        let label = if c < phases {
            l.phase_n(c + 1)
        } else {
            l.no_phase.to_string()
        };
        m.elem_plain(
            "text",
            &[
                ("x", &fmt(x)),
                ("y", "20"),
                ("text-anchor", "middle"),
                ("font-size", "13"),
                ("font-weight", "700"),
                ("fill", "#4a5360"),
            ],
            &label,
        );
    }
    let _ = unphased;

    // Edges, critical ones last so that they are drawn on top.
    let dx = MARGIN;
    let dy = MARGIN + TOP;
    for pass in [false, true] {
        for (k, &(_, _, critical)) in edges.iter().enumerate() {
            if critical != pass {
                continue;
            }
            let Some(points) = lay.edges.get(k) else {
                continue;
            };
            if points.len() < 2 {
                continue;
            }
            let d = path(points, dx, dy);
            let (stroke, width, marker) = if critical {
                (CRITICAL, "3", "url(#arrowcrit)")
            } else {
                (EDGE, "1.5", "url(#arrow)")
            };
            m.empty(
                "path",
                &[
                    ("d", &d),
                    ("fill", "none"),
                    ("stroke", stroke),
                    ("stroke-width", width),
                    ("marker-end", marker),
                ],
            );
        }
    }
    m.nl();

    // Boxes.
    for (i, n) in nodes.iter().enumerate() {
        let Some(&(x, y)) = lay.nodes.get(i) else {
            continue;
        };
        let (x, y) = (x + dx, y + dy);
        let title = n.title.as_deref().unwrap_or("");
        let critical = n.on_critical_path;
        let linked = ctx.has(prefix::COMMITMENT, &n.id);
        if linked {
            m.open("a", &[("href", &href(prefix::COMMITMENT, &n.id))]);
        }
        m.open("g", &[]);
        m.elem_plain("title", &[], &l.node_summary(&n.id, title, critical));
        m.empty(
            "rect",
            &[
                ("class", "node"),
                ("x", &fmt(x)),
                ("y", &fmt(y)),
                ("width", &fmt(SIZES.node_width)),
                ("height", &fmt(SIZES.node_height)),
                ("rx", "6"),
                ("fill", if critical { "#fdecea" } else { "#ffffff" }),
                ("stroke", if critical { CRITICAL } else { "#7d8793" }),
                ("stroke-width", if critical { "3" } else { "1.2" }),
            ],
        );
        let id_text = if critical {
            format!("◆ {}", n.id)
        } else {
            n.id.clone()
        };
        m.elem_plain(
            "text",
            &[
                ("x", &fmt(x + 8.0)),
                ("y", &fmt(y + 17.0)),
                ("font-size", "12"),
                ("font-weight", "700"),
                ("fill", if critical { CRITICAL } else { "#1b1f24" }),
            ],
            &truncate(&id_text, 16),
        );
        if let Some(due) = ctx.commitments.get(n.id.as_str()).and_then(|c| c.due) {
            m.elem_plain(
                "text",
                &[
                    ("x", &fmt(x + SIZES.node_width - 8.0)),
                    ("y", &fmt(y + 17.0)),
                    ("font-size", "11"),
                    ("text-anchor", "end"),
                    ("fill", "#4a5360"),
                ],
                &ctx.date_text(due),
            );
        }
        for (k, line) in wrap(title, LINE_CHARS, 3).iter().enumerate() {
            m.elem_plain(
                "text",
                &[
                    ("x", &fmt(x + 8.0)),
                    ("y", &fmt(y + 33.0 + 14.0 * k as f64)),
                    ("font-size", "12"),
                    ("fill", "#1b1f24"),
                ],
                line,
            );
        }
        m.close("g");
        if linked {
            m.close("a");
        }
        m.nl();
    }
    m.raw("</svg>");
}

/// At most `n` characters, with an ellipsis when cut.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An SVG path through the points of an edge: straight along a column's
/// lane, a smooth curve between columns, stopping short of the target for
/// the arrowhead.
fn path(points: &[(f64, f64)], dx: f64, dy: f64) -> String {
    let mut d = String::new();
    let p: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x + dx, y + dy)).collect();
    let Some(&(x0, y0)) = p.first() else {
        return d;
    };
    d.push_str(&format!("M{} {}", fmt(x0), fmt(y0)));
    let last = p.len().saturating_sub(1);
    for k in 1..p.len() {
        let (ax, ay) = p[k - 1];
        let (mut bx, by) = p[k];
        if k == last {
            bx -= 2.0;
        }
        if (ay - by).abs() < 0.01 || k % 2 == 0 {
            // Along a lane (even segments run inside a column).
            d.push_str(&format!(" L{} {}", fmt(bx), fmt(by)));
        } else {
            let mx = (ax + bx) / 2.0;
            d.push_str(&format!(
                " C{} {} {} {} {} {}",
                fmt(mx),
                fmt(ay),
                fmt(mx),
                fmt(by),
                fmt(bx),
                fmt(by)
            ));
        }
    }
    d
}

fn table(m: &mut Markup, ctx: &Ctx<'_>) {
    let l = ctx.l;
    let g = &ctx.doc.graph;
    m.raw("<details><summary>");
    m.text(l.graph_table);
    m.raw("</summary><div class=\"tablewrap\"><table>");
    m.elem("caption", &[], l.graph);
    m.raw("<thead><tr>");
    for h in [
        l.phase,
        l.commitment,
        l.depends_on,
        l.due,
        l.slack,
        l.critical_path,
    ] {
        m.elem("th", &[("scope", "col")], h);
    }
    m.raw("</tr></thead><tbody>\n");
    let mut rows: Vec<&GraphNode> = g.nodes.iter().collect();
    rows.sort_by_key(|n| n.phase.unwrap_or(usize::MAX));
    for n in rows {
        let c = ctx.commitments.get(n.id.as_str());
        m.raw("<tr><td>");
        match n.phase {
            Some(p) => m.text(&p.to_string()),
            None => m.text(l.no_phase),
        }
        m.raw("</td><th scope=\"row\">");
        ctx.commitment_link(m, &n.id);
        m.raw("</th><td>");
        if let Some(c) = c {
            super::cards::inline_list(m, &c.prerequisites, |m, p| ctx.commitment_id(m, p));
        }
        m.raw("</td><td>");
        if let Some(d) = c.and_then(|c| c.due) {
            ctx.date(m, d);
        }
        m.raw("</td><td>");
        if let Some(s) = c.and_then(|c| c.slack_days) {
            m.text(&l.days(s));
        }
        m.raw("</td><td>");
        if n.on_critical_path {
            m.text(&format!("◆ {}", l.critical));
        }
        m.raw("</td></tr>\n");
    }
    m.raw("</tbody></table></div></details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        assert_eq!(wrap("a b c", 10, 2), vec!["a b c"]);
        assert_eq!(
            wrap("National migration and integration policy", 12, 2),
            vec!["National", "migration…"]
        );
        let long = "x".repeat(50);
        let w = wrap(&long, 10, 2);
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|l| l.chars().count() <= 10));
        assert!(w[1].ends_with('…'));
        assert_eq!(wrap("", 10, 2), Vec::<String>::new());
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
