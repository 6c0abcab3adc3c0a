//! `pacta explain CODE`: the documentation of each diagnostic code.

use crate::diagnostic::Code;

/// The explanation of a code (Markdown).
pub fn text(code: Code) -> &'static str {
    let _ = code;
    "EXPLAIN-PENDING\n"
}
