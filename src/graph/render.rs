//! The commitment graph for people and machines: Graphviz, Mermaid, JSON
//! (`pacta graph FILE --format dot|mermaid|json`) and the terminal report
//! of `pacta impact FILE ID`.
//!
//! Every renderer is deterministic: the same graph gives the same bytes.
//! Labels are in the spec's language; IDs and titles are written as the
//! drafter wrote them, escaped for the target format.

use super::{CommitmentGraph, HeldUp, Node};
use crate::ast::Spec;
use crate::diagnostic::{did_you_mean, suggest, Lang};
use crate::tr;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The colour of the critical path.
const CRITICAL: &str = "#c0392b";
/// Titles are wrapped at about this many characters in node labels.
const WRAP: usize = 32;

fn pick(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

fn phase_label(lang: Lang, k: usize) -> String {
    tr!("Phase {k}", "Fase {k}").get(lang).to_string()
}

fn cycle_label(lang: Lang) -> &'static str {
    pick(lang, "On or behind a cycle", "En un ciclo o tras él")
}

fn due_text(node: &Node, lang: Lang) -> String {
    match node.due {
        Some(d) => d.to_string(),
        None => pick(lang, "no due date", "sin plazo").to_string(),
    }
}

/// Splits a title into lines of about [`WRAP`] characters, at spaces.
fn wrap(title: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in title.split_whitespace() {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        let word = word.as_str();
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines of a node's label: ID, title (wrapped), due date.
fn label_lines(node: &Node, lang: Lang) -> Vec<String> {
    let mut lines = vec![node.id.clone()];
    lines.extend(wrap(&node.title));
    lines.push(due_text(node, lang));
    lines
}

/// The nodes grouped for drawing: each phase (`Some(k)`), then those
/// without one (`None`), with their labels.
fn groups(g: &CommitmentGraph, lang: Lang) -> Vec<(Option<usize>, String, Vec<usize>)> {
    let mut by_phase: Vec<Vec<usize>> = vec![Vec::new(); g.phases().len()];
    let mut none = Vec::new();
    for (i, node) in g.nodes().iter().enumerate() {
        match node.phase.and_then(|k| by_phase.get_mut(k.wrapping_sub(1))) {
            Some(group) => group.push(i),
            None => none.push(i),
        }
    }
    let mut out: Vec<(Option<usize>, String, Vec<usize>)> = by_phase
        .into_iter()
        .enumerate()
        .map(|(k, members)| (Some(k + 1), phase_label(lang, k + 1), members))
        .collect();
    if !none.is_empty() {
        out.push((None, cycle_label(lang).to_string(), none));
    }
    out
}

/// Node positions by ID.
fn positions(g: &CommitmentGraph) -> HashMap<&str, usize> {
    g.nodes()
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

/// Which nodes lie on the critical path, by position.
fn path_set(g: &CommitmentGraph, positions: &HashMap<&str, usize>) -> Vec<bool> {
    let mut on = vec![false; g.nodes().len()];
    for id in g.critical_path() {
        if let Some(&i) = positions.get(id.as_str()) {
            on[i] = true;
        }
    }
    on
}

/// Escapes text for a double-quoted Graphviz string.
fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph in the Graphviz DOT language: left to right, one cluster per
/// phase, the critical path in bold red.
pub fn to_dot(g: &CommitmentGraph, lang: Lang) -> String {
    let path = path_set(g, &positions(g));
    let mut out = String::new();
    out.push_str("digraph commitments {\n");
    out.push_str("  rankdir=LR;\n");
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [color=\"#555555\"];\n");
    for (phase, label, members) in &groups(g, lang) {
        let name = match phase {
            Some(k) => format!("cluster_phase{k}"),
            None => "cluster_cycle".to_string(),
        };
        let _ = writeln!(out, "  subgraph {name} {{");
        let _ = writeln!(out, "    label={};", dot_quote(label));
        out.push_str("    style=\"rounded,dashed\";\n    color=\"#999999\";\n");
        for &i in members {
            let node = &g.nodes()[i];
            let label = label_lines(node, lang).join("\n");
            let mut attrs = format!("label={}", dot_quote(&label));
            if path[i] {
                let _ = write!(
                    attrs,
                    ", style=\"rounded,bold\", color=\"{CRITICAL}\", penwidth=2.5"
                );
            } else if node.phase.is_none() {
                attrs.push_str(", style=\"rounded,dashed\", color=\"#7f7f7f\"");
            }
            let _ = writeln!(out, "    {} [{attrs}];", dot_quote(&node.id));
        }
        out.push_str("  }\n");
    }
    for e in g.edges() {
        let style = if e.critical {
            format!(" [color=\"{CRITICAL}\", penwidth=2.5, style=bold]")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} -> {}{style};",
            dot_quote(&e.from),
            dot_quote(&e.to)
        );
    }
    out.push_str("}\n");
    out
}

/// Escapes text for a double-quoted Mermaid label: Mermaid decodes
/// `#name;` and `#code;` entities, so `"`, `#`, `&`, `<`, `>`, `\` and
/// the backtick are written that way.
fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\\' => out.push_str("#92;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The graph as a Mermaid flowchart: nodes `n0`, `n1`, … in spec order
/// (IDs may hold characters Mermaid does not take), one subgraph per phase,
/// the critical path in the `critical` class and its links styled.
pub fn to_mermaid(g: &CommitmentGraph, lang: Lang) -> String {
    let position = positions(g);
    let path = path_set(g, &position);
    let mut out = String::from("flowchart LR\n");
    for (phase, label, members) in &groups(g, lang) {
        let name = match phase {
            Some(k) => format!("phase{k}"),
            None => "nophase".to_string(),
        };
        let _ = writeln!(out, "  subgraph {name}[\"{}\"]", mermaid_escape(label));
        for &i in members {
            let lines: Vec<String> = label_lines(&g.nodes()[i], lang)
                .iter()
                .map(|l| mermaid_escape(l))
                .collect();
            let _ = writeln!(out, "    n{i}[\"{}\"]", lines.join("<br/>"));
        }
        out.push_str("  end\n");
    }
    let mut critical_links = Vec::new();
    let mut k = 0usize;
    for e in g.edges() {
        if let (Some(from), Some(to)) = (position.get(e.from.as_str()), position.get(e.to.as_str()))
        {
            let _ = writeln!(out, "  n{from} --> n{to}");
            if e.critical {
                critical_links.push(k.to_string());
            }
            k += 1;
        }
    }
    let _ = writeln!(
        out,
        "  classDef critical stroke:{CRITICAL},stroke-width:3px,font-weight:bold"
    );
    let on: Vec<String> = (0..path.len())
        .filter(|&i| path[i])
        .map(|i| format!("n{i}"))
        .collect();
    if !on.is_empty() {
        let _ = writeln!(out, "  class {} critical", on.join(","));
    }
    let stray: Vec<String> = g
        .nodes()
        .iter()
        .enumerate()
        .filter(|(_, n)| n.phase.is_none())
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !stray.is_empty() {
        out.push_str("  classDef cycle stroke-dasharray:5 5\n");
        let _ = writeln!(out, "  class {} cycle", stray.join(","));
    }
    if !critical_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{CRITICAL},stroke-width:3px",
            critical_links.join(",")
        );
    }
    out
}

/// The graph as JSON: `nodes`, `edges`, `phases`, `critical_path`, and
/// `project_end`, `has_cycle`, `cycles`, `language`.
pub fn to_json(g: &CommitmentGraph, lang: Lang) -> serde_json::Value {
    let mut value = serde_json::to_value(g).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("language".into(), lang.code().into());
    }
    value
}

/// A title on one line: runs of whitespace (newlines, tabs) become one
/// space, other control characters go.
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A title on one line, cut to `max` characters with an ellipsis.
fn truncate(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn chain_text(h: &HeldUp) -> String {
    let full = h.chain.len() == h.distance + 1;
    let half = h.chain.len() / 2;
    let mut parts: Vec<&str> = Vec::with_capacity(h.chain.len() + 1);
    for (n, id) in h.chain.iter().enumerate() {
        if !full && n == half {
            parts.push("…");
        }
        parts.push(id);
    }
    parts.join(" → ")
}

fn slack_text(slack: Option<i64>) -> String {
    slack.map_or_else(|| "—".to_string(), |s| s.to_string())
}

/// The terminal report of `pacta impact`: the commitment, its due date and
/// slack, and a table of everything a delay to it holds up. Plain text.
pub fn impact_text(g: &CommitmentGraph, spec: &Spec, id: &str, lang: Lang) -> String {
    let Some(impact) = g.impact(id) else {
        return not_a_commitment(g, spec, id, lang);
    };
    let mut out = String::new();
    if impact.title.is_empty() {
        let _ = writeln!(out, "{}", impact.id);
    } else {
        let _ = writeln!(out, "{} — {}", impact.id, one_line(&impact.title));
    }
    let due = impact.due.map_or_else(
        || pick(lang, "none", "ninguno").to_string(),
        |d| d.to_string(),
    );
    let mut facts = vec![
        format!("{}: {due}", pick(lang, "due", "plazo")),
        match impact.slack_days {
            Some(s) => tr!("slack: {s} days", "holgura: {s} días")
                .get(lang)
                .to_string(),
            None => pick(
                lang,
                "slack: — (on or behind a cycle)",
                "holgura: — (en un ciclo o tras él)",
            )
            .to_string(),
        },
    ];
    if let Some(k) = impact.phase {
        facts.push(phase_label(lang, k).to_lowercase());
    }
    if impact.critical {
        facts.push(pick(lang, "critical", "crítico").to_string());
    }
    let _ = writeln!(out, "{}", facts.join(" · "));
    out.push('\n');

    let id = &impact.id;
    let n = impact.held_up.len();
    if n == 0 {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                "A delay to {id} holds up no other commitment.",
                "Un retraso de {id} no retrasa ningún otro compromiso."
            )
            .get(lang)
        );
        return out;
    }
    let heading = match n {
        1 => tr!(
            "A delay to {id} holds up 1 commitment:",
            "Un retraso de {id} retrasa 1 compromiso:"
        ),
        _ => tr!(
            "A delay to {id} holds up {n} commitments:",
            "Un retraso de {id} retrasa {n} compromisos:"
        ),
    };
    let _ = writeln!(out, "{}", heading.get(lang));
    out.push('\n');

    let header = [
        "ID",
        pick(lang, "Title", "Título"),
        pick(lang, "Due", "Plazo"),
        pick(lang, "Slack (days)", "Holgura (días)"),
        pick(lang, "Chain", "Cadena"),
    ];
    let rows: Vec<[String; 5]> = impact
        .held_up
        .iter()
        .map(|h| {
            [
                h.id.clone(),
                truncate(&h.title, 40),
                h.due.map_or_else(|| "—".to_string(), |d| d.to_string()),
                slack_text(h.slack_days),
                chain_text(h),
            ]
        })
        .collect();
    let mut width = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| -> String {
        let mut s = String::from("  ");
        for (col, cell) in cells.iter().enumerate() {
            let pad = width[col].saturating_sub(cell.chars().count());
            if col == 4 {
                s.push_str(cell);
            } else if col == 3 {
                // Numbers align right.
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
                s.push_str("  ");
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(header));
    for row in &rows {
        let _ = writeln!(
            out,
            "{}",
            line([&row[0], &row[1], &row[2], &row[3], &row[4]])
        );
    }
    out
}

/// The report for an ID that names no commitment.
fn not_a_commitment(g: &CommitmentGraph, spec: &Spec, id: &str, lang: Lang) -> String {
    if let Some(h) = spec.headers().find(|h| h.id.value == id) {
        let kind = h.kind.noun(lang);
        let a = match lang {
            Lang::En if kind.starts_with(['a', 'e', 'i', 'o', 'u']) => "an",
            Lang::En => "a",
            Lang::Es if kind.ends_with('a') || kind.ends_with("ión") => "una",
            Lang::Es => "un",
        };
        return format!(
            "{}\n",
            tr!(
                "`{id}` is {a} {kind}, not a commitment",
                "`{id}` es {a} {kind}, no un compromiso"
            )
            .get(lang)
        );
    }
    let mut out = format!(
        "{}\n",
        tr!(
            "no commitment `{id}` in the spec",
            "no hay ningún compromiso `{id}` en la especificación"
        )
        .get(lang)
    );
    let options = suggest(id, g.nodes().iter().map(|n| n.id.as_str()));
    if let Some(help) = did_you_mean(&options) {
        let _ = writeln!(out, "{}", help.get(lang));
    }
    out
}
