//! Small helpers for the terminal tables of `pacta coverage` and `pacta
//! status`: widths in characters, truncation with `…`, padding, word wrap
//! and ANSI colour (only when asked for).
//!
//! Widths count `char`s: the titles of a spec are Latin-script text, and
//! the table symbols (✔ ○ ✖ …) take one column.

/// The widest line a table may print.
pub(crate) const MAX_WIDTH: usize = 100;

pub(crate) const RED: &str = "31";
pub(crate) const GREEN: &str = "32";
pub(crate) const YELLOW: &str = "33";
pub(crate) const BOLD: &str = "1";
pub(crate) const DIM: &str = "2";

/// The width of `s` in columns.
pub(crate) fn width(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to at most `max` columns, ending in `…` when it was cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// `s` truncated to `w` columns and padded with spaces to exactly `w`.
pub(crate) fn cell(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let pad = w.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(pad))
}

/// `s` truncated to `w` columns and right-aligned in `w` columns.
pub(crate) fn cell_right(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let pad = w.saturating_sub(width(&s));
    format!("{}{s}", " ".repeat(pad))
}

/// `s` centred in `w` columns (the extra space goes right).
pub(crate) fn cell_centre(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let pad = w.saturating_sub(width(&s));
    let left = pad / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(pad - left))
}

/// `s` in an ANSI style when `color` is true, unchanged otherwise.
pub(crate) fn paint(s: &str, style: &str, color: bool) -> String {
    if color && !s.is_empty() {
        format!("\x1b[{style}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// `text` wrapped in lines of at most `MAX_WIDTH` columns: the first
/// starts with `first`, the others with as many spaces. A word longer
/// than a line is truncated.
pub(crate) fn wrap(first: &str, text: &str) -> Vec<String> {
    let indent = width(first);
    let room = MAX_WIDTH.saturating_sub(indent).max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = truncate(word, room);
        if line.is_empty() {
            line = word;
        } else if width(&line) + 1 + width(&word) <= room {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::take(&mut line));
            line = word;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let pad = " ".repeat(indent);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { first } else { pad.as_str() };
            format!("{lead}{l}").trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Tránsito", 8), "Tránsito");
        assert_eq!(truncate("Tránsito", 5), "Trán…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(cell("ab", 4), "ab  ");
        assert_eq!(cell_right("ab", 4), "  ab");
        assert_eq!(cell_centre("✔", 4), " ✔  ");
    }

    #[test]
    fn paints_only_with_colour() {
        assert_eq!(paint("x", RED, false), "x");
        assert_eq!(paint("x", RED, true), "\x1b[31mx\x1b[0m");
    }

    #[test]
    fn wraps_within_the_width() {
        let text = "word ".repeat(60);
        let lines = wrap("  - ", &text);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l) <= MAX_WIDTH));
        assert!(lines[0].starts_with("  - word"));
        assert!(lines[1].starts_with("    word"));
    }
}
