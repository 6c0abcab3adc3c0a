//! Hostile input never panics: each case gets diagnostics (or a clean
//! result), never a crash, a hang or a stack overflow.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use pacta::compile::{compile, compile_str, MemoryLoader};
use std::path::Path;

fn codes(text: &str) -> Vec<&'static str> {
    compile_str("hostile.pacta", text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

const MINIMAL: &str = "policy P \"Policy\" { horizon: 2025-01-01 .. 2030-12-31 }\n";

#[test]
fn empty_file_is_a_spec_without_policy() {
    assert_eq!(codes(""), ["E0205"]);
}

#[test]
fn only_comments_is_a_spec_without_policy() {
    let text = "// a comment\n/* a block\n comment */\n/// a doc comment with nothing below\n";
    assert_eq!(codes(text), ["E0205"]);
}

#[test]
fn binary_garbage_is_reported_not_crashed_on() {
    // Deterministic pseudo-random printable and control characters.
    let mut x: u32 = 0x1234_5678;
    let garbage: String = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from_u32(x % 0x250).unwrap_or('?')
        })
        .collect();
    let c = compile_str("garbage.pacta", &garbage);
    assert!(c.has_errors());
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut loader = MemoryLoader::new();
    loader.add(
        "bad.pacta",
        b"policy P \"T\" {\n  version: \"\xff\"\n}\n".to_vec(),
    );
    let c = compile(Path::new("bad.pacta"), &loader);
    let d = &c.diagnostics[0];
    assert_eq!(d.code.as_str(), "E0001");
    assert!(d.message.en.contains("byte 27"), "{}", d.message.en);
}

#[test]
fn a_one_megabyte_string_is_fine() {
    let long = "x".repeat(1 << 20);
    let text = format!("{MINIMAL}agency A \"{long}\" {{ sector: \"{long}\" }}\n");
    let c = compile_str("long.pacta", &text);
    assert!(
        !c.has_errors(),
        "{:?}",
        c.diagnostics.first().map(|d| &d.message.en)
    );
}

#[test]
fn ten_thousand_nested_brackets_are_an_error_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{", "}")] {
        let nested = format!("{}{}", open.repeat(10_000), close.repeat(10_000));
        let text = format!("{MINIMAL}agency A \"A\" {{ sector: {nested} }}\n");
        let c = compile_str("nested.pacta", &text);
        assert!(c.diagnostics.iter().any(|d| d.code.as_str() == "E0100"));
        let text = format!("{MINIMAL}agency A \"A\" {nested}\n");
        let c = compile_str("nested.pacta", &text);
        assert!(c.diagnostics.iter().any(|d| d.code.as_str() == "E0100"));
    }
}

#[test]
fn crlf_and_bom_are_accepted() {
    let text = "\u{feff}policy P \"Policy\" {\r\n  horizon: 2025-01-01 .. 2030-12-31\r\n  version: \"\"\"\r\n    one\r\n    two\r\n    \"\"\"\r\n}\r\n";
    let mut loader = MemoryLoader::new();
    loader.add("crlf.pacta", text.as_bytes().to_vec());
    let c = compile(Path::new("crlf.pacta"), &loader);
    assert!(
        c.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        c.diagnostics
    );
    let policy = c.spec.policy().expect("one policy");
    assert_eq!(
        policy.version.as_ref().map(|v| v.value.as_str()),
        Some("one\ntwo")
    );
    // Columns are counted as an editor shows them: the BOM is not a column.
    let bad = "\u{feff}policy P \"Policy\" {\r\n  horizon: 2025-02-30 .. 2030-12-31\r\n}\r\n";
    let c = compile_str("crlf.pacta", bad);
    let d = &c.diagnostics[0];
    let loc = pacta::diagnostic::render::location(&c.sources, d.span().unwrap_or_default());
    assert_eq!((loc.line, loc.column), (2, 12));
}

#[test]
fn unterminated_things_are_reported_once_each() {
    assert!(codes(&format!("{MINIMAL}agency A \"unterminated {{ }}\n")).contains(&"E0100"));
    assert!(codes(&format!("{MINIMAL}agency A \"\"\"never closed {{ }}\n")).contains(&"E0100"));
    assert!(codes(&format!("{MINIMAL}/* never closed\nagency A \"A\"\n")).contains(&"E0100"));
}

#[test]
fn many_items_on_one_line_and_deep_dependency_chains() {
    let mut text = String::from(MINIMAL);
    text.push_str("agency A \"A\" { sector: \"x\" }\nprinciple P1 \"P\" {}\n");
    for i in 0..3_000 {
        let dep = if i == 0 {
            String::new()
        } else {
            format!(" depends_on: [C{}]", i - 1)
        };
        text.push_str(&format!(
            "commitment C{i} \"C\" {{ principles: [P1] lead: A due: 2030-12-31{dep} }}\n"
        ));
    }
    let c = compile_str("chain.pacta", &text);
    assert!(!c.has_errors());
}
