//! Text → concrete syntax tree. The only module that knows pest.
//!
//! Parsing never fails: [`parse`] returns a [`cst::File`] plus diagnostics.
//! pest stops at the first error, so a file is first cut into *segments*,
//! each starting at a line that opens a top-level item (`policy …`,
//! `compromiso …`; found by a scan that skips comments and strings). A
//! syntax error ends its segment only: parsing resumes at the next one, so
//! one broken item does not hide the problems of the others, and an unclosed
//! `{` is reported where the item ends rather than many lines later.

pub mod cst;

use crate::diagnostic::{Code, Diagnostic, Text};
use crate::lang::{is_top_level_keyword, ItemKind, Vocab};
use crate::source::{FileId, Span};
use crate::tr;
use cst::*;
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/pacta.pest"]
struct PactaParser;

/// Parses one file. `text` must already be decoded (see
/// [`crate::source::decode`]).
pub fn parse(file: FileId, text: &str) -> (cst::File, Vec<Diagnostic>) {
    let mut out = cst::File {
        id: file,
        ..cst::File::default()
    };
    let mut diagnostics = Vec::new();
    let bounds = segment_starts(text);
    for (i, &start) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).copied().unwrap_or(text.len());
        parse_segment(file, text, start, end, &mut out, &mut diagnostics);
    }
    attach_docs(text, &mut out);
    (out, diagnostics)
}

fn parse_segment(
    file: FileId,
    text: &str,
    start: usize,
    end: usize,
    out: &mut cst::File,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut pos = start;
    loop {
        let input = &text[pos..end];
        match PactaParser::parse(Rule::chunk, input) {
            Ok(mut pairs) => {
                let Some(chunk) = pairs.next() else { return };
                let mut cx = Cx {
                    file,
                    offset: pos,
                    text,
                    comments: Default::default(),
                };
                let first_new = out.comments.len();
                collect_comments(&cx, chunk.clone(), &mut out.comments);
                cx.comments = out.comments[first_new..]
                    .iter()
                    .map(|c| (c.span.end, c.span.start))
                    .collect();
                let chunk_end = chunk.as_span().end();
                let mut item = None;
                for p in chunk.into_inner() {
                    if p.as_rule() == Rule::item {
                        item = Some(cx.item(p));
                    }
                }
                match item {
                    Some(item) => out.items.push(item),
                    None => return, // end of the segment
                }
                if chunk_end == 0 {
                    return;
                }
                pos += chunk_end;
            }
            Err(err) => {
                // pest's record of what it expected costs time on every
                // token, also when parsing succeeds, so it is switched on
                // only once an error is met, and the failing text parsed
                // again to learn what was expected. (The switch is global
                // and never switched back off, so every error message is
                // built with it; a clean spec never pays for it.)
                pest::set_error_detail(true);
                let err = PactaParser::parse(Rule::chunk, input).err().unwrap_or(err);
                let broken = broken_item(file, text, pos, end);
                diagnostics.push(syntax_error(file, text, pos, end, &err, &broken));
                // Keep the comments of the broken text: the formatter must
                // not lose them.
                scan_comments(file, text, pos, end, &mut out.comments);
                out.broken.push(broken);
                return;
            }
        }
    }
}

/// Byte offsets where segments start: 0 and every line whose first word is
/// a top-level keyword followed by an ID or a quoted string — outside any
/// block, or at the very start of the line. Inside a block, an indented
/// `evidence E1` is a field that lacks its `:`, not a new item; an item
/// written at the start of its line still starts a segment after a block
/// left open.
fn segment_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut at_line_start = true;
    let mut line_start = 0;
    // Open braces since the last segment start.
    let mut depth = 0usize;
    scan_code(text, 0, text.len(), |i, b| {
        if b == b'\n' {
            at_line_start = true;
            line_start = i + 1;
        } else if b != b' ' && b != b'\t' && b != b'\r' {
            if at_line_start && i > 0 && (depth == 0 || i == line_start) && opens_item(&text[i..]) {
                starts.push(i);
                depth = 0;
            }
            at_line_start = false;
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    });
    starts
}

/// Does `rest` begin with `KEYWORD ID` or `KEYWORD "…"` on one line?
fn opens_item(rest: &str) -> bool {
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    if word_len == 0 || !is_top_level_keyword(&rest[..word_len]) {
        return false;
    }
    let after = &rest[word_len..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    if trimmed.len() == after.len() {
        return false;
    }
    trimmed
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '"')
}

/// What [`scan`] meets in the text.
enum Lexeme {
    /// A byte of code (outside comments and string literals), at an offset.
    Code(usize, u8),
    /// A comment, as a byte range.
    Comment(usize, usize),
    /// A string, text block or block comment that is never closed, by the
    /// offset of its opening marker.
    Unclosed(usize, Opener),
}

/// What an unclosed literal or comment was opened with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opener {
    /// `"` (closed on its own line or not at all)
    Quote,
    /// `"""`
    TextBlock,
    /// `/*`
    BlockComment,
}

/// Walks `text[start..end]`, skipping string literals and calling `f` on
/// every byte of code and every comment. Newlines that end a line comment
/// or a one-line string are code. A cheap lexical pass, used to find item
/// boundaries and unclosed braces, and the comments of text that did not
/// parse.
fn scan(text: &str, start: usize, end: usize, mut f: impl FnMut(Lexeme)) {
    let b = &text.as_bytes()[..end];
    let mut i = start;
    let at = |i: usize, s: &[u8]| b.get(i..i + s.len()) == Some(s);
    while i < b.len() {
        if at(i, b"//") {
            let from = i;
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            f(Lexeme::Comment(from, i));
        } else if at(i, b"/*") {
            let from = i;
            i += 2;
            while i < b.len() && !at(i, b"*/") {
                i += 1;
            }
            if i >= b.len() {
                f(Lexeme::Unclosed(from, Opener::BlockComment));
            }
            i = (i + 2).min(b.len());
            f(Lexeme::Comment(from, i));
        } else if at(i, b"\"\"\"") {
            let from = i;
            i += 3;
            while i < b.len() && !at(i, b"\"\"\"") {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            if i >= b.len() {
                f(Lexeme::Unclosed(from, Opener::TextBlock));
            }
            i = (i + 3).min(b.len());
        } else if b[i] == b'"' {
            let from = i;
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' && b.get(i + 1) != Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            if i < b.len() && b[i] == b'"' {
                i += 1;
            } else {
                f(Lexeme::Unclosed(from, Opener::Quote));
            }
        } else {
            f(Lexeme::Code(i, b[i]));
            i += 1;
        }
    }
}

/// Calls `f` on every byte of code in `text[start..end]`.
fn scan_code(text: &str, start: usize, end: usize, mut f: impl FnMut(usize, u8)) {
    scan(text, start, end, |l| {
        if let Lexeme::Code(i, b) = l {
            f(i, b);
        }
    });
}

/// The comments of a stretch that did not parse: the formatter must not
/// lose them.
fn scan_comments(file: FileId, text: &str, start: usize, end: usize, out: &mut Vec<Comment>) {
    scan(text, start, end, |l| {
        if let Lexeme::Comment(from, to) = l {
            // Without the line end's `\r` and trailing blanks, like the
            // comments of text that parsed (see `Cx::span`).
            let to = from + text[from..to].trim_end().len();
            out.push(comment(Span::new(file, from, to), &text[from..to]));
        }
    });
    out.sort_by_key(|c| c.span.start);
    out.dedup();
}

fn comment(span: Span, raw: &str) -> Comment {
    let raw = raw.trim_end_matches('\r');
    let (kind, text) = if let Some(rest) = raw.strip_prefix("///").filter(|r| !r.starts_with('/')) {
        (CommentKind::Doc, rest)
    } else if let Some(rest) = raw.strip_prefix("//") {
        (CommentKind::Line, rest)
    } else {
        let inner = raw.strip_prefix("/*").unwrap_or(raw);
        (
            CommentKind::Block,
            inner.strip_suffix("*/").unwrap_or(inner),
        )
    };
    let text = text.strip_prefix(' ').unwrap_or(text).to_owned();
    Comment { kind, span, text }
}

fn collect_comments(cx: &Cx, pair: Pair<Rule>, out: &mut Vec<Comment>) {
    for p in pair.into_inner().flatten() {
        if matches!(p.as_rule(), Rule::line_comment | Rule::block_comment) {
            out.push(comment(cx.span(&p), p.as_str()));
        }
    }
}

/// Attaches each run of `///` comments to the item directly below it: only
/// whitespace may stand between the comments and the item, and each comment
/// starts its line (`agency A "…" /// …` is a note on `A`'s line, not the
/// doc of the item below).
fn attach_docs(text: &str, file: &mut cst::File) {
    let comments = &file.comments;
    let starts_line = |at: usize| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..at].trim().is_empty()
    };
    let doc_for = |start: usize| -> Option<String> {
        let mut idx = comments.partition_point(|c| c.span.end <= start);
        let mut lines = Vec::new();
        let mut next_start = start;
        while idx > 0 {
            let c = &comments[idx - 1];
            let gap = text.get(c.span.end..next_start).unwrap_or("x");
            if c.kind != CommentKind::Doc || !gap.trim().is_empty() || !starts_line(c.span.start) {
                break;
            }
            lines.push(c.text.trim_end().to_owned());
            next_start = c.span.start;
            idx -= 1;
        }
        lines.reverse();
        (!lines.is_empty()).then(|| lines.join("\n"))
    };
    for item in &mut file.items {
        item.doc = doc_for(item.span.start);
        for entry in item.body.iter_mut().flat_map(|b| b.entries.iter_mut()) {
            if let Entry::Item(sub) = entry {
                sub.doc = doc_for(sub.span.start);
            }
        }
    }
}

/// Reads the keyword and ID of an item that did not parse.
fn broken_item(file: FileId, text: &str, pos: usize, end: usize) -> BrokenItem {
    let input = &text[pos..end];
    let cx = Cx {
        file,
        offset: pos,
        text,
        comments: Default::default(),
    };
    let words: Vec<Word> = PactaParser::parse(Rule::header, input)
        .ok()
        .and_then(|mut p| p.next())
        .map(|h| {
            h.into_inner()
                .filter(|p| p.as_rule() == Rule::word)
                .map(|p| cx.word(&p))
                .collect()
        })
        .unwrap_or_default();
    let lead = input.len() - input.trim_start().len();
    let span = Span::new(file, pos + lead, pos + input.trim_end().len().max(lead));
    let keyword = words
        .first()
        .cloned()
        .filter(|w| ItemKind::from_word(&w.text).is_some());
    let name = if keyword.is_some() {
        words.get(1).cloned()
    } else {
        None
    };
    BrokenItem {
        span,
        keyword,
        name,
    }
}

// ---------------------------------------------------------------------------
// Syntax errors in words a drafter understands.

fn syntax_error(
    file: FileId,
    text: &str,
    pos: usize,
    end: usize,
    err: &pest::error::Error<Rule>,
    broken: &BrokenItem,
) -> Diagnostic {
    let at = pos
        + match err.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
    let at = crate::source::clamp_to_char_boundary(text, at.min(end));
    let rest = &text[at..end];

    // Unterminated literals and comments say so directly. The lexical scan
    // tells which: pest alone cannot (a closed `"x"` after a field name
    // without `:` fails at its quote too, and an unclosed `"""` fails as an
    // empty `""` followed by an unclosed `"`).
    let mut unclosed = None;
    scan(text, pos, end, |l| {
        if let Lexeme::Unclosed(from, opener) = l {
            unclosed = unclosed.or(Some((from, opener)));
        }
    });
    let unclosed = unclosed.filter(|&(from, _)| from <= at);
    if let Some((at, Opener::TextBlock)) = unclosed {
        return Diagnostic::new(
            Code::E0100,
            tr!("unterminated text block", "bloque de texto sin cerrar"),
        )
        .primary(
            Span::new(file, at, at + 3),
            tr!(
                "this `\"\"\"` is never closed",
                "este `\"\"\"` nunca se cierra"
            ),
        )
        .help(tr!(
            "close the text with `\"\"\"`",
            "cierre el texto con `\"\"\"`"
        ));
    }
    if let Some((at, Opener::Quote)) = unclosed {
        let rest = &text[at..end];
        let line = rest.split('\n').next().unwrap_or(rest).trim_end();
        return Diagnostic::new(Code::E0100, tr!("unterminated string", "cadena sin cerrar"))
            .primary(
                Span::new(file, at, at + line.len().max(1)),
                tr!("this string has no closing `\"`", "a esta cadena le falta el `\"` final"),
            )
            .help(tr!(
                "a `\"` string ends on its own line; write text over several lines between `\"\"\"` and `\"\"\"`",
                "una cadena entre `\"` termina en su misma línea; el texto de varias líneas va entre `\"\"\"` y `\"\"\"`"
            ));
    }
    if let Some((at, Opener::BlockComment)) = unclosed {
        return Diagnostic::new(
            Code::E0100,
            tr!("unterminated comment", "comentario sin cerrar"),
        )
        .primary(
            Span::new(file, at, at + 2),
            tr!("this `/*` is never closed", "este `/*` nunca se cierra"),
        )
        .help(tr!(
            "close the comment with `*/`",
            "cierre el comentario con `*/`"
        ));
    }

    let expected = expected_words(err);
    let found = found_words(text, at, end);

    // At the end of a segment with a `{` still open: the block was not closed.
    let trimmed_end = pos + text[pos..end].trim_end().len();
    if at >= trimmed_end {
        if let Some(open) = unclosed_brace(text, pos, end) {
            let what = match (&broken.keyword, &broken.name) {
                (Some(k), Some(n)) => format!(" `{} {}`", k.text, n.text),
                _ => String::new(),
            };
            let close_at = Span::new(file, trimmed_end, trimmed_end);
            let (found_en, found_es) = (&found.en, &found.es);
            return Diagnostic::new(
                Code::E0100,
                tr!(
                    "expected `}}`, found {found_en}",
                    "se esperaba `}}`, se encontró {found_es}"
                ),
            )
            .primary(
                close_at,
                tr!(
                    "the block ends here without `}}`",
                    "el bloque termina aquí sin `}}`"
                ),
            )
            .secondary(
                Span::new(file, open, open + 1),
                tr!(
                    "the block of{what} opens here",
                    "el bloque de{what} se abre aquí"
                ),
            )
            .help(tr!(
                "add `}}` to close the block",
                "agregue `}}` para cerrar el bloque"
            ))
            .fix(close_at, "\n}");
        }
    }

    // `due 2025-01-01`: a field name followed by a value without `:`.
    let wants_colon = expected.iter().any(|(en, _)| en == "`:`");
    if wants_colon
        && rest.starts_with(|c: char| c.is_ascii_digit() || c == '"' || c == '[' || c == '-')
    {
        let before = text[pos..at].trim_end();
        let name_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = &before[name_start..];
        let name_end = pos + before.len();
        let insert = Span::new(file, name_end, name_end);
        return Diagnostic::new(
            Code::E0100,
            tr!(
                "expected `:` after `{name}`",
                "se esperaba `:` después de `{name}`"
            ),
        )
        .primary(
            Span::new(file, pos + name_start, name_end),
            tr!("this field has no `:`", "a este campo le falta `:`"),
        )
        .help(tr!("write `{name}: …`", "escriba `{name}: …`"))
        .fix(insert, ":");
    }

    let expected_en = join_or(
        &expected
            .iter()
            .map(|(en, _)| en.as_str())
            .collect::<Vec<_>>(),
        "or",
    );
    let expected_es = join_or(
        &expected
            .iter()
            .map(|(_, es)| es.as_str())
            .collect::<Vec<_>>(),
        "o",
    );
    let found_len = found.len.max(1);
    let message = if expected.is_empty() {
        Text::new(
            format!("unexpected {}", found.en),
            format!("no se esperaba {}", found.es),
        )
    } else {
        Text::new(
            format!("expected {expected_en}, found {}", found.en),
            format!("se esperaba {expected_es}, se encontró {}", found.es),
        )
    };
    let label = if expected.is_empty() {
        tr!("not valid here", "no es válido aquí")
    } else {
        Text::new(
            format!("expected {expected_en}"),
            format!("se esperaba {expected_es}"),
        )
    };
    let mut d =
        Diagnostic::new(Code::E0100, message).primary(Span::new(file, at, at + found_len), label);
    if let Some(help) = syntax_help(&expected, rest) {
        d = d.help(help);
    }
    d
}

struct Found {
    en: String,
    es: String,
    len: usize,
}

fn found_words(text: &str, at: usize, end: usize) -> Found {
    let rest = &text[at..end];
    match rest.chars().next() {
        None if end >= text.len() => Found {
            en: "the end of the file".into(),
            es: "el final del archivo".into(),
            len: 0,
        },
        None => {
            let next: String = text[end..]
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            Found {
                en: format!("the next item `{next}`"),
                es: format!("el siguiente elemento `{next}`"),
                len: 0,
            }
        }
        Some(c) if c.is_alphanumeric() || c == '_' || c == '-' => {
            let len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '.'))
                .map_or(rest.len(), |(i, _)| i);
            let w = &rest[..len];
            Found {
                en: format!("`{w}`"),
                es: format!("`{w}`"),
                len,
            }
        }
        Some(c) if c.is_control() => {
            let code = format!("U+{:04X}", c as u32);
            Found {
                en: format!("the control character {code}"),
                es: format!("el carácter de control {code}"),
                len: c.len_utf8(),
            }
        }
        Some(c) => Found {
            en: format!("`{c}`"),
            es: format!("`{c}`"),
            len: c.len_utf8(),
        },
    }
}

/// What the parser was looking for, as (English, Spanish) phrases without
/// repetitions, in a fixed order.
fn expected_words(err: &pest::error::Error<Rule>) -> Vec<(String, String)> {
    let mut words: Vec<(u8, &str, &str)> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &err.variant {
        for rule in positives {
            if let Some(w) = rule_words(*rule) {
                words.push(w);
            }
        }
    }
    if let Some(attempts) = err.parse_attempts() {
        for token in attempts.expected_tokens() {
            // The token type is not exported; its display is the token.
            if let Some(w) = token_words(&token.to_string()) {
                words.push(w);
            }
        }
    }
    words.sort();
    words.dedup();
    words
        .into_iter()
        .map(|(_, en, es)| (en.to_owned(), es.to_owned()))
        .collect()
}

fn rule_words(rule: Rule) -> Option<(u8, &'static str, &'static str)> {
    Some(match rule {
        Rule::item | Rule::header => (
            0,
            "an item such as `commitment`",
            "un elemento como `compromiso`",
        ),
        Rule::entry | Rule::field => (1, "a field", "un campo"),
        Rule::word | Rule::item_name | Rule::path => (2, "a name", "un nombre"),
        Rule::title | Rule::string | Rule::plain_string | Rule::triple_string => {
            (3, "a quoted text", "un texto entre comillas")
        }
        Rule::value
        | Rule::qualified
        | Rule::list
        | Rule::period
        | Rule::date
        | Rule::year
        | Rule::money
        | Rule::percent
        | Rule::number => (4, "a value", "un valor"),
        Rule::currency => (5, "a currency code", "un código de moneda"),
        Rule::EOI => (20, "the end of the item", "el final del elemento"),
        _ => return None,
    })
}

fn token_words(token: &str) -> Option<(u8, &'static str, &'static str)> {
    Some(match token {
        ":" => (10, "`:`", "`:`"),
        "{" => (11, "`{`", "`{`"),
        "}" => (12, "`}`", "`}`"),
        "[" => (13, "`[`", "`[`"),
        "]" => (14, "`]`", "`]`"),
        "," => (15, "`,`", "`,`"),
        ".." => (16, "`..`", "`..`"),
        _ => return None,
    })
}

fn join_or(words: &[&str], or: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}

fn syntax_help(expected: &[(String, String)], rest: &str) -> Option<Text> {
    let wants = |w: &str| expected.iter().any(|(en, _)| en == w);
    if wants("`:`") && rest.starts_with(|c: char| c.is_alphanumeric() || c == '"' || c == '[') {
        return Some(tr!(
            "a field is written `name: value`",
            "un campo se escribe `nombre: valor`"
        ));
    }
    if wants("`]`") || wants("`,`") {
        return Some(tr!(
            "list items are separated by `,` and the list ends with `]`",
            "los elementos de una lista se separan con `,` y la lista termina con `]`"
        ));
    }
    if rest.starts_with('{') {
        return Some(tr!(
            "blocks nest at most two deep: an item's block holds fields, blocks such as `scope {{ … }}` and targets, and those hold fields",
            "los bloques se anidan a lo sumo dos niveles: el bloque de un elemento contiene campos, bloques como `alcance {{ … }}` y metas, y estos contienen campos"
        ));
    }
    None
}

/// The offset of the last `{` in `text[start..end]` that is not closed.
fn unclosed_brace(text: &str, start: usize, end: usize) -> Option<usize> {
    let mut open = Vec::new();
    scan_code(text, start, end, |i, b| match b {
        b'{' => open.push(i),
        b'}' => {
            open.pop();
        }
        _ => {}
    });
    open.first().copied()
}

// ---------------------------------------------------------------------------
// pest pairs → CST.

struct Cx<'t> {
    file: FileId,
    offset: usize,
    /// The file's text, to trim trivia off the ends of spans.
    text: &'t str,
    /// Start of each comment, by its end offset (absolute).
    comments: std::collections::HashMap<usize, usize>,
}

/// The children of a pair that are not comments.
fn kids(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT)
}

impl Cx<'_> {
    /// The span of a pair without the whitespace and comments pest's
    /// implicit trivia leaves at its end (`lead: X   // note` spans `lead: X`).
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let start = self.offset + s.start();
        let mut end = self.offset + s.end();
        loop {
            let trimmed = start + self.text[start..end].trim_end().len();
            match self.comments.get(&trimmed) {
                Some(&comment_start) if comment_start >= start => end = comment_start,
                _ => {
                    end = trimmed;
                    break;
                }
            }
        }
        Span::new(self.file, start, end)
    }

    fn word(&self, pair: &Pair<Rule>) -> Word {
        Word {
            text: pair.as_str().to_owned(),
            span: self.span(pair),
        }
    }

    fn item(&self, pair: Pair<Rule>) -> Item {
        let span = self.span(&pair);
        let mut keyword = None;
        let mut name = None;
        let mut title = None;
        let mut body = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::word => keyword = Some(self.word(&p)),
                Rule::item_name => name = kids(p).next().map(|p| self.word(&p)),
                Rule::title => title = kids(p).next().map(|p| self.literal(p)),
                Rule::item_body => body = Some(self.body(p)),
                _ => {}
            }
        }
        Item {
            span,
            keyword: keyword.unwrap_or(Word {
                text: String::new(),
                span,
            }),
            name,
            title,
            body,
            doc: None,
        }
    }

    fn body(&self, pair: Pair<Rule>) -> Block {
        let span = self.span(&pair);
        let entries = kids(pair)
            .filter(|p| p.as_rule() == Rule::entry)
            .filter_map(|p| self.entry(p))
            .collect();
        Block { span, entries }
    }

    fn entry(&self, pair: Pair<Rule>) -> Option<Entry> {
        let span = self.span(&pair);
        let mut it = kids(pair);
        let name = self.word(&it.next()?);
        let rest = it.next()?;
        Some(match rest.as_rule() {
            Rule::field_rest => Entry::Field(Field {
                span,
                name,
                value: self.value(kids(rest).next()?),
            }),
            Rule::block_rest => Entry::Block {
                name,
                block: self.fields_block(rest),
            },
            _ => {
                let mut id = None;
                let mut title = None;
                let mut body = None;
                for p in kids(rest) {
                    match p.as_rule() {
                        Rule::word => id = Some(self.word(&p)),
                        Rule::title => title = kids(p).next().map(|p| self.literal(p)),
                        Rule::block_rest => body = Some(self.fields_block(p)),
                        _ => {}
                    }
                }
                Entry::Item(Item {
                    span,
                    keyword: name,
                    name: id,
                    title,
                    body,
                    doc: None,
                })
            }
        })
    }

    fn fields_block(&self, pair: Pair<Rule>) -> Block {
        let span = self.span(&pair);
        let entries = kids(pair)
            .filter(|p| p.as_rule() == Rule::field)
            .filter_map(|p| {
                let span = self.span(&p);
                let mut it = kids(p);
                let name = self.word(&it.next()?);
                let value = self.value(it.next()?);
                Some(Entry::Field(Field { span, name, value }))
            })
            .collect();
        Block { span, entries }
    }

    fn value(&self, pair: Pair<Rule>) -> Value {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::value => match kids(pair).next() {
                Some(inner) => self.value(inner),
                None => Value {
                    span,
                    kind: ValueKind::List(Vec::new()),
                },
            },
            Rule::list => Value {
                span,
                kind: ValueKind::List(kids(pair).map(|p| self.value(p)).collect()),
            },
            _ => {
                // `qualified`: a scalar and maybe a qualifier.
                let mut it = kids(pair);
                let literal = match it.next() {
                    Some(p) => self.literal(p),
                    None => Literal {
                        span,
                        kind: LiteralKind::Path,
                        text: String::new(),
                    },
                };
                let scalar = Value {
                    span: literal.span,
                    kind: ValueKind::Literal(literal),
                };
                match it.next() {
                    Some(q) => {
                        let mut q = kids(q);
                        match (q.next(), q.next()) {
                            (Some(word), Some(date)) => Value {
                                span,
                                kind: ValueKind::Qualified {
                                    value: Box::new(scalar),
                                    word: self.word(&word),
                                    date: self.literal(date),
                                },
                            },
                            _ => scalar,
                        }
                    }
                    None => scalar,
                }
            }
        }
    }

    fn literal(&self, pair: Pair<Rule>) -> Literal {
        let span = self.span(&pair);
        let text = pair.as_str().to_owned();
        let kind = match pair.as_rule() {
            Rule::string => {
                return match kids(pair).next() {
                    Some(p) => self.literal(p),
                    None => Literal {
                        span,
                        kind: LiteralKind::String,
                        text,
                    },
                }
            }
            Rule::plain_string => LiteralKind::String,
            Rule::triple_string => LiteralKind::TextBlock,
            Rule::number => LiteralKind::Number,
            Rule::percent => {
                let number = kids(pair)
                    .next()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                return Literal {
                    span,
                    kind: LiteralKind::Percent,
                    text: number,
                };
            }
            Rule::money => {
                let mut it = kids(pair);
                let amount = it.next().map(|p| p.as_str().to_owned()).unwrap_or_default();
                let currency = it.next().map(|p| self.word(&p)).unwrap_or(Word {
                    text: String::new(),
                    span,
                });
                LiteralKind::Money { amount, currency }
            }
            Rule::date => LiteralKind::Date,
            Rule::year => LiteralKind::Year,
            Rule::period => {
                let mut it = kids(pair);
                match (it.next(), it.next()) {
                    (Some(a), Some(b)) => LiteralKind::Period {
                        start: Box::new(self.literal(a)),
                        end: Box::new(self.literal(b)),
                    },
                    _ => LiteralKind::Path,
                }
            }
            _ => LiteralKind::Path,
        };
        Literal { span, kind, text }
    }
}
