//! Source text: the files of a spec, spans into them, and line/column
//! arithmetic.
//!
//! The compiler core never touches the file system. The CLI (or the language
//! server, or a test) reads bytes and hands them to [`decode`], which turns
//! them into text or into a diagnostic; the text then lives in a
//! [`SourceMap`] under a [`FileId`].

use std::fmt;
use std::sync::Arc;

/// The index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both (they must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One source file: its name as the user wrote it and its text (BOM removed).
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    /// Shared, so that renderers can hold the text without copying it.
    pub text: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text: String = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset. Columns count Unicode
    /// scalar values, as an editor shows them. Offsets past the end are
    /// clamped to the end of the file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte range of a 1-based line, without its line end.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Moves `offset` down to the nearest char boundary within `text`.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All the files of one compilation, the root first.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(name, text));
        id
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The text a span covers (empty when the span is out of range).
    pub fn snippet(&self, span: Span) -> &str {
        let Some(file) = self.get(span.file) else {
            return "";
        };
        let start = clamp_to_char_boundary(&file.text, span.start);
        let end = clamp_to_char_boundary(&file.text, span.end);
        &file.text[start..end.max(start)]
    }
}

/// Why bytes could not be read as a spec's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the first byte that is not valid UTF-8.
    pub offset: usize,
    /// The text up to that byte (kept so that the error can show context).
    pub valid_prefix: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid UTF-8 at byte {}", self.offset)
    }
}

/// Turns a file's bytes into text: UTF-8, with a leading byte-order mark
/// removed. CRLF line ends are kept (the grammar accepts them).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let offset = e.valid_up_to();
            let valid_prefix = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            // Report the offset in the file as given, BOM included.
            Err(DecodeError {
                offset: offset + bom,
                valid_prefix,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a", "política P\r\n  año: 2024\n");
        assert_eq!(f.line_col(0), (1, 1));
        // "política " is 9 characters but 10 bytes.
        assert_eq!(f.line_col(10), (1, 10));
        assert_eq!(f.line_col(15), (2, 3));
        assert_eq!(f.line_text(2), "  año: 2024");
        // Past the end is clamped.
        assert_eq!(f.line_col(10_000), (3, 1));
    }

    #[test]
    fn decode_strips_bom_and_reports_invalid_utf8_offset() {
        assert_eq!(decode(b"\xEF\xBB\xBFpolicy").as_deref(), Ok("policy"));
        let err = decode(b"policy \xFF P").err();
        assert_eq!(err.map(|e| e.offset), Some(7));
    }
}
