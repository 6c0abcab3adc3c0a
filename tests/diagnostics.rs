//! Data-driven diagnostic tests: every fixture is a spec whose header says
//! what it expects; adding a case is adding a file.
//!
//! - `tests/fixtures/<group>/<name>.pacta` — one spec;
//! - `tests/fixtures/<group>/<name>/main.pacta` — a spec over several files;
//! - `examples/**/*.pacta` — the shipped examples (feature examples expect
//!   nothing; mistake examples list their codes).
//!
//! A header line `// expect: E0201` (optionally `… at line 12`) names one
//! expected diagnostic (`// expect: E0302 E0302` names two); the produced codes must be exactly the expected
//! ones (as a multiset), each `at line N` must match a diagnostic's primary
//! line, and the rendered output (no colour, 100 columns, in the spec's
//! language) is snapshotted together with the source.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use pacta::cli::FsLoader;
use pacta::compile::compile;
use pacta::diagnostic::render::{self, Style};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in ["tests/fixtures", "examples"] {
        collect(Path::new(root), &mut out);
    }
    out.sort();
    out
}

/// Every `.pacta` file, except the files a multi-file fixture includes.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let main = path.join("main.pacta");
            if main.exists() {
                out.push(main);
            } else {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "pacta") {
            out.push(path);
        }
    }
}

struct Expect {
    code: String,
    line: Option<usize>,
}

/// `// expect: E0201 at line 12 (…)` names one diagnostic;
/// `// expect: E0302 E0302 (…)` names several, without lines.
fn expectations(source: &str) -> Vec<Expect> {
    let is_code = |w: &str| {
        w.len() == 5 && w.starts_with(['E', 'W']) && w[1..].bytes().all(|b| b.is_ascii_digit())
    };
    let mut out = Vec::new();
    for rest in source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("// expect:"))
    {
        let codes: Vec<&str> = rest
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', ';', ':']))
            .take_while(|w| is_code(w))
            .collect();
        let line = rest
            .split("at line ")
            .nth(1)
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .filter(|_| codes.len() == 1);
        out.extend(codes.iter().map(|c| Expect {
            code: (*c).to_owned(),
            line,
        }));
    }
    out
}

#[test]
fn every_fixture_reports_exactly_what_it_expects() {
    let mut failures = Vec::new();
    let mut covered = std::collections::BTreeSet::new();
    let files = fixtures();
    assert!(files.len() > 20, "fixtures were not found: {files:?}");
    for path in &files {
        let name = path.to_string_lossy().replace('\\', "/");
        let source = String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned();
        let c = compile(path, &FsLoader);
        let lang = c.lang();
        let expected = expectations(&source);

        let mut want: Vec<&str> = expected.iter().map(|e| e.code.as_str()).collect();
        want.sort_unstable();
        let mut got: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
        got.sort_unstable();
        if want != got {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
        for e in expected.iter().filter(|e| e.line.is_some()) {
            let on_line = c.diagnostics.iter().any(|d| {
                d.code.as_str() == e.code
                    && d.span().map(|s| render::location(&c.sources, s).line) == e.line
            });
            if !on_line {
                failures.push(format!(
                    "{name}: no {} at line {}",
                    e.code,
                    e.line.unwrap_or(0)
                ));
            }
        }

        // House style (cedar's guide): lowercase messages without a final
        // period, in both languages, and a primary label on the source.
        for d in &c.diagnostics {
            for m in [&d.message.en, &d.message.es] {
                if m.ends_with('.') || m.starts_with(char::is_uppercase) {
                    failures.push(format!(
                        "{name}: {} message not in house style: {m}",
                        d.code.as_str()
                    ));
                }
            }
            if !d.labels.iter().any(|l| l.primary) {
                failures.push(format!("{name}: {} has no primary label", d.code.as_str()));
            }
        }
        for d in &c.diagnostics {
            covered.insert(d.code);
        }

        let mut rendered = String::new();
        for d in &c.diagnostics {
            rendered.push_str(&render::human(d, &c.sources, lang, Style::default()));
            rendered.push('\n');
        }
        let snapshot = format!("{source}\n──── diagnostics ────\n{rendered}");
        let snap_name = name.replace(['/', '.'], "__");
        insta::with_settings!({ snapshot_path => "snapshots/diagnostics", prepend_module_to_snapshot => false, description => name.clone(), omit_expression => true }, {
            insta::assert_snapshot!(snap_name, snapshot);
        });
    }
    for code in pacta::diagnostic::Code::ALL {
        if !covered.contains(code) {
            failures.push(format!("no fixture produces {}", code.as_str()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
