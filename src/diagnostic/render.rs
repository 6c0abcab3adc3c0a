//! Rendering diagnostics: miette's graphical report for people, JSON for
//! machines. Only this module knows miette.

use super::{Diagnostic, Lang, Severity};
use crate::source::{clamp_to_char_boundary, SourceMap, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// How to draw a human report.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// One diagnostic as miette wants it: the text in one language, the
/// labels of one file; labels in other files become related reports.
#[derive(Debug)]
struct Report {
    code: Option<String>,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn source_span(sources: &SourceMap, span: Span) -> SourceSpan {
    let text = sources.get(span.file).map_or("", |f| &f.text);
    let start = clamp_to_char_boundary(text, span.start);
    let end = clamp_to_char_boundary(text, span.end).max(start);
    SourceSpan::new(start.into(), end - start)
}

fn named(sources: &SourceMap, span: Span) -> NamedSource<Arc<str>> {
    match sources.get(span.file) {
        Some(f) => NamedSource::new(f.name.clone(), f.text.clone()),
        None => NamedSource::new("", Arc::from("")),
    }
}

/// How many lines apart two labels may be and still share an excerpt.
const NEAR_LINES: usize = 4;

fn report(d: &Diagnostic, sources: &SourceMap, lang: Lang) -> Report {
    let home = d.span().unwrap_or_default();
    let line = |span: Span| {
        sources
            .get(span.file)
            .map_or(0, |f| f.line_col(span.start).0)
    };
    let home_line = line(home);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for l in &d.labels {
        let text = l.message.as_ref().map(|m| m.get(lang).to_owned());
        // A label far from the primary one gets its own excerpt rather than
        // stretching one excerpt over every line between them.
        let near = l.span.file == home.file && line(l.span).abs_diff(home_line) <= NEAR_LINES;
        if l.primary || near {
            let span = source_span(sources, l.span);
            labels.push(if l.primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            });
        } else {
            related.push(Report {
                code: None,
                severity: miette::Severity::Advice,
                message: text.clone().unwrap_or_default(),
                help: None,
                source: named(sources, l.span),
                labels: vec![LabeledSpan::new_with_span(
                    None,
                    source_span(sources, l.span),
                )],
                related: Vec::new(),
            });
        }
    }
    Report {
        code: Some(d.code.as_str().to_owned()),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        message: d.message.get(lang).to_owned(),
        help: d.help.as_ref().map(|h| h.get(lang).to_owned()),
        source: named(sources, home),
        labels,
        related,
    }
}

/// A diagnostic drawn for a person: message, source excerpt with labels,
/// help.
pub fn human(d: &Diagnostic, sources: &SourceMap, lang: Lang, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &report(d, sources, lang))
        .is_err()
    {
        // Rendering into a String cannot fail; keep the message regardless.
        out = format!("{}: {}\n", d.code.as_str(), d.message.get(lang));
    }
    out
}

/// A position in the JSON form: 1-based lines and columns (columns count
/// characters).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct JsonLabel {
    #[serde(flatten)]
    pub location: Location,
    pub message: Option<String>,
    pub primary: bool,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct JsonFix {
    #[serde(flatten)]
    pub location: Location,
    pub replacement: String,
}

/// The JSON form of one diagnostic (documented in the README).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(flatten)]
    pub location: Location,
    pub labels: Vec<JsonLabel>,
    pub help: Option<String>,
    pub fix: Option<JsonFix>,
}

pub fn location(sources: &SourceMap, span: Span) -> Location {
    match sources.get(span.file) {
        Some(f) => {
            let (line, column) = f.line_col(span.start);
            let (end_line, end_column) = f.line_col(span.end);
            Location {
                file: f.name.clone(),
                line,
                column,
                end_line,
                end_column,
            }
        }
        None => Location {
            file: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        },
    }
}

pub fn json(d: &Diagnostic, sources: &SourceMap, lang: Lang) -> JsonDiagnostic {
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity,
        message: d.message.get(lang).to_owned(),
        location: location(sources, d.span().unwrap_or_default()),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                location: location(sources, l.span),
                message: l.message.as_ref().map(|m| m.get(lang).to_owned()),
                primary: l.primary,
            })
            .collect(),
        help: d.help.as_ref().map(|h| h.get(lang).to_owned()),
        fix: d.fix.as_ref().map(|f| JsonFix {
            location: location(sources, f.span),
            replacement: f.replacement.clone(),
        }),
    }
}
