//! The terminal table of `pacta coverage FILE`.

use super::table::{
    cell, cell_centre, cell_right, paint, truncate, width, wrap, BOLD, DIM, GREEN, MAX_WIDTH, RED,
    YELLOW,
};
use super::{Coverage, Quality, Ratio, Status};
use crate::diagnostic::Lang;
use crate::lang::Vocab;

/// The widest ID column; longer IDs are truncated.
const MAX_ID: usize = 24;
/// The narrowest title column.
const MIN_TITLE: usize = 12;

fn style(status: Status) -> &'static str {
    match status {
        Status::Measured => GREEN,
        Status::Nominal => YELLOW,
        Status::Gap => RED,
    }
}

fn label(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// Renders the coverage as a terminal table: the rights in scope (rows) ×
/// the stages in scope (columns) with ✔ measured, ○ nominal and ✖ gap, then
/// the ratios and the four qualities with their findings. Labels are in
/// `lang`; ANSI colours only when `color` (gaps in red). No line is wider
/// than 100 columns. The output ends with a newline.
pub fn render_table(c: &Coverage, lang: Lang, color: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let bold = |s: &str| paint(s, BOLD, color);

    let heading = label(lang, "Rights coverage", "Cobertura de derechos");
    let heading = match &c.policy {
        Some(id) => format!("{heading} — {id}"),
        None => heading.to_string(),
    };
    out.push(bold(&truncate(&heading, MAX_WIDTH)));
    if !c.scope_declared {
        out.extend(wrap(
            "",
            label(
                lang,
                "The policy scope lists no rights: showing the rights the commitments advance.",
                "El alcance de la política no enumera derechos: se muestran los derechos que promueven los compromisos.",
            ),
        ));
    }
    let legend = [Status::Measured, Status::Nominal, Status::Gap]
        .iter()
        .map(|s| {
            paint(
                &format!("{} {}", s.symbol(), s.word(lang)),
                style(*s),
                color,
            )
        })
        .collect::<Vec<_>>()
        .join("   ");
    out.push(legend);
    out.push(String::new());

    // The matrix.
    let stages: Vec<_> = c.stages.iter().filter(|s| s.in_scope).collect();
    if c.rights.is_empty() {
        out.push(
            label(
                lang,
                "No rights in scope.",
                "No hay derechos en el alcance.",
            )
            .to_string(),
        );
    } else {
        let right_header = label(lang, "Right", "Derecho");
        let status_header = label(lang, "Status", "Estado");
        let stage_widths: Vec<usize> = stages
            .iter()
            .map(|s| width(s.stage.word(lang)).max(1))
            .collect();
        let status_w = [Status::Measured, Status::Nominal, Status::Gap]
            .iter()
            .map(|s| width(s.word(lang)))
            .chain([width(status_header)])
            .max()
            .unwrap_or(0);
        let id_w = c
            .rights
            .iter()
            .map(|r| width(&r.id))
            .max()
            .unwrap_or(0)
            .clamp(width(right_header), MAX_ID);
        let fixed: usize = id_w + 2 + stage_widths.iter().map(|w| w + 2).sum::<usize>() + status_w;
        let longest_title = c
            .rights
            .iter()
            .map(|r| width(r.title(lang)))
            .max()
            .unwrap_or(0);
        let title_w = MAX_WIDTH
            .saturating_sub(fixed + 2)
            .max(MIN_TITLE)
            .min(longest_title.max(1));

        let mut header = format!("{}  {}", cell(right_header, id_w), cell("", title_w));
        for (s, w) in stages.iter().zip(&stage_widths) {
            header.push_str("  ");
            header.push_str(&cell(s.stage.word(lang), *w));
        }
        header.push_str("  ");
        header.push_str(status_header);
        out.push(bold(header.trim_end()));

        for r in &c.rights {
            let mut line = format!("{}  {}", cell(&r.id, id_w), cell(r.title(lang), title_w));
            for (cell_, w) in r.stages.iter().zip(&stage_widths) {
                line.push_str("  ");
                let symbol = cell_centre(cell_.status.symbol(), *w);
                line.push_str(&paint(&symbol, style(cell_.status), color));
            }
            line.push_str("  ");
            line.push_str(&paint(r.status.word(lang), style(r.status), color));
            out.push(line);
        }
    }
    out.push(String::new());

    // Ratios.
    out.push(bold(label(lang, "Summary", "Resumen")));
    let ratios: [(&str, &Ratio); 5] = [
        (
            label(lang, "rights measured", "derechos medidos"),
            &c.ratios.rights_measured,
        ),
        (
            label(lang, "rights covered", "derechos cubiertos"),
            &c.ratios.rights_covered,
        ),
        (
            label(lang, "stages addressed", "etapas atendidas"),
            &c.ratios.stages_addressed,
        ),
        (
            label(lang, "commitments with targets", "compromisos con metas"),
            &c.ratios.commitments_with_targets,
        ),
        (
            label(lang, "principles in practice", "principios en práctica"),
            &c.ratios.principles_in_practice,
        ),
    ];
    let label_w = ratios.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let fractions: Vec<String> = ratios
        .iter()
        .map(|(_, r)| format!("{}/{}", r.numerator, r.denominator))
        .collect();
    let fraction_w = fractions.iter().map(|f| width(f)).max().unwrap_or(0);
    for ((l, r), f) in ratios.iter().zip(&fractions) {
        out.push(format!(
            "  {}  {}  {}",
            cell(l, label_w),
            cell_right(f, fraction_w),
            cell_right(&format!("{:.1}%", r.percent), 6)
        ));
    }
    out.push(String::new());

    // Qualities.
    out.push(bold(label(lang, "Qualities", "Cualidades")));
    let qualities: [(&str, &Quality); 4] = [
        (label(lang, "explicit", "explícita"), &c.qualities.explicit),
        (
            label(lang, "comprehensive", "integral"),
            &c.qualities.comprehensive,
        ),
        (
            label(lang, "rights-based", "basada en derechos"),
            &c.qualities.rights_based,
        ),
        (
            label(lang, "consensual", "consensuada"),
            &c.qualities.consensual,
        ),
    ];
    for (name, q) in qualities {
        if q.ok {
            out.push(paint(&format!("  ✔ {name}"), GREEN, color));
        } else {
            let n = q.findings.len();
            let count = match (lang, n) {
                (Lang::En, 1) => "1 finding".to_string(),
                (Lang::En, n) => format!("{n} findings"),
                (Lang::Es, 1) => "1 observación".to_string(),
                (Lang::Es, n) => format!("{n} observaciones"),
            };
            out.push(format!(
                "{} {}",
                paint(&format!("  ✖ {name}"), RED, color),
                paint(&format!("({count})"), DIM, color)
            ));
            for f in &q.findings {
                let first = format!("    {} ", f.code.as_str());
                out.extend(wrap(&first, f.message.get(lang)));
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
