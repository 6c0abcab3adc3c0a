//! The built binary, as a user runs it: exit codes, output formats, and a
//! snapshot of each command's output on the shipped specs.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

const FLAGSHIP: &str = "specs/pnmi-cr.pacta";
const HARBOR: &str = "specs/harbor/policy.pacta";
const MISTAKES: &str = "examples/mistakes/a-dozen-mistakes.pacta";

fn pacta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacta"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the pacta binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[test]
fn check_a_clean_spec_exits_0_in_the_spec_language() {
    let o = pacta(&["check", FLAGSHIP]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("no se encontraron problemas"));
    let o = pacta(&["check", HARBOR]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("no problems found"));
}

#[test]
fn check_with_errors_exits_1_and_reports_them_all() {
    let o = pacta(&["check", MISTAKES]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    for c in [
        "E0100", "E0101", "E0102", "E0103", "E0105", "E0200", "E0201", "E0202", "E0203", "E0300",
    ] {
        assert!(out.contains(c), "{c} missing from:\n{out}");
    }
    // In Spanish, because the spec says `idioma: es`.
    assert!(out.contains("¿quiso decir `responsable`?"), "{out}");
}

#[test]
fn check_json_has_the_documented_shape() {
    let o = pacta(&["check", "--format", "json", MISTAKES]);
    assert_eq!(code(&o), 1);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let diags = doc["diagnostics"].as_array().expect("a diagnostics array");
    assert_eq!(
        doc["errors"].as_u64(),
        Some(diags.iter().filter(|d| d["severity"] == "error").count() as u64)
    );
    assert_eq!(doc["warnings"].as_u64(), Some(0));
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "E0102")
        .expect("the unknown field is reported");
    assert_eq!(unknown["file"], MISTAKES);
    assert_eq!(unknown["line"], 49);
    assert_eq!(unknown["column"], 3);
    assert_eq!(unknown["end_line"], 49);
    assert_eq!(unknown["end_column"], 13);
    assert_eq!(unknown["help"], "¿quiso decir `responsable`?");
    assert_eq!(unknown["fix"]["replacement"], "responsable");
    let label = &unknown["labels"][0];
    assert_eq!(label["primary"], true);
    assert_eq!(label["line"], 49);
}

#[test]
fn unreadable_files_and_usage_errors_exit_2() {
    let o = pacta(&["check", "no/such/file.pacta"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no/such/file.pacta"));
    assert_eq!(code(&pacta(&["check"])), 2);
    assert_eq!(code(&pacta(&["check", "--format", "xml", FLAGSHIP])), 2);
    assert_eq!(code(&pacta(&["frobnicate"])), 2);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let spec = "examples/mistakes/quality-warnings.pacta";
    let o = pacta(&["check", spec]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("W0410"));
    assert_eq!(code(&pacta(&["check", "--deny", "warnings", spec])), 1);
}

#[test]
fn explain_prints_the_page_of_a_code() {
    let o = pacta(&["explain", "e0201"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("# E0201: unresolved reference"));
    assert!(out.contains("## How to fix"));
    let o = pacta(&["explain", "E9999"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("E0201"), "lists the known codes");
}

#[test]
fn commands_on_a_spec_with_errors_exit_1_with_the_errors() {
    for args in [
        vec!["graph", MISTAKES],
        vec!["coverage", MISTAKES],
        vec!["impact", MISTAKES, "C1"],
        vec!["status", MISTAKES],
    ] {
        let o = pacta(&args);
        assert_eq!(code(&o), 1, "{args:?}");
        assert!(stderr(&o).contains("E0100"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn graph_formats() {
    let dot = stdout(&pacta(&["graph", HARBOR]));
    assert!(dot.starts_with("digraph"), "{dot}");
    let mermaid = stdout(&pacta(&["graph", "--format", "mermaid", HARBOR]));
    assert!(mermaid.starts_with("flowchart"), "{mermaid}");
    let json: serde_json::Value =
        serde_json::from_slice(&pacta(&["graph", "--format", "json", FLAGSHIP]).stdout)
            .expect("JSON");
    let path = json["critical_path"].as_array().expect("a critical path");
    assert!(!path.is_empty());
    assert!(json["phases"].as_array().is_some_and(|p| p.len() > 1));
}

#[test]
fn impact_of_an_unknown_commitment_exits_2_with_a_suggestion() {
    let o = pacta(&["impact", FLAGSHIP, "C1"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("C01"), "{}", stderr(&o));
}

#[test]
fn status_rejects_a_bad_date() {
    let o = pacta(&["status", FLAGSHIP, "--as-of", "2026-02-30"]);
    assert_eq!(code(&o), 2);
}

/// The output of each command on each shipped spec, snapshotted.
#[test]
fn command_outputs_on_the_shipped_specs() {
    for (name, spec) in [("pnmi-cr", FLAGSHIP), ("harbor", HARBOR)] {
        assert!(Path::new(spec).exists());
        let first = first_commitment(spec);
        let runs: Vec<(&str, Vec<&str>)> = vec![
            ("graph-dot", vec!["graph", spec]),
            ("graph-mermaid", vec!["graph", "--format", "mermaid", spec]),
            ("graph-json", vec!["graph", "--format", "json", spec]),
            ("coverage", vec!["coverage", spec]),
            ("impact", vec!["impact", spec, &first]),
            ("status", vec!["status", spec, "--as-of", "2026-06-30"]),
        ];
        for (what, args) in runs {
            let o = pacta(&args);
            assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
            let again = pacta(&args);
            assert_eq!(o.stdout, again.stdout, "{args:?} is not deterministic");
            insta::with_settings!({ snapshot_path => "snapshots/cli", prepend_module_to_snapshot => false, description => args.join(" "), omit_expression => true }, {
                insta::assert_snapshot!(format!("{name}-{what}"), stdout(&o));
            });
        }
    }
}

/// The ID of the first commitment of the graph's first phase.
fn first_commitment(spec: &str) -> String {
    let json: serde_json::Value =
        serde_json::from_slice(&pacta(&["graph", "--format", "json", spec]).stdout).expect("JSON");
    json["phases"][0][0].as_str().unwrap_or_default().to_owned()
}

/// A fresh, empty folder under the target directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn build_writes_the_outputs_named_after_the_spec() {
    let dir = scratch("build-writes");
    let out = dir.to_string_lossy().into_owned();
    let o = pacta(&["build", FLAGSHIP, "-o", &out, "--emit", "json,html,dot"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        listing(&dir),
        ["pnmi-cr.dot", "pnmi-cr.html", "pnmi-cr.json"]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("pnmi-cr.json")).expect("json written"))
            .expect("valid JSON");
    assert_eq!(json["format"], "pacta");
    let html = std::fs::read_to_string(dir.join("pnmi-cr.html")).expect("html written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(std::fs::read_to_string(dir.join("pnmi-cr.dot"))
        .expect("dot")
        .starts_with("digraph"));
    // The default is JSON and HTML.
    let dir = scratch("build-default");
    let o = pacta(&["build", HARBOR, "-o", &dir.to_string_lossy()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(listing(&dir), ["policy.html", "policy.json"]);
}

#[test]
fn build_gives_the_same_bytes_for_the_same_input() {
    let (a, b) = (scratch("build-same-a"), scratch("build-same-b"));
    for dir in [&a, &b] {
        let o = pacta(&[
            "build",
            FLAGSHIP,
            "-o",
            &dir.to_string_lossy(),
            "--emit",
            "json,html,dot",
        ]);
        assert_eq!(code(&o), 0);
    }
    for name in ["pnmi-cr.json", "pnmi-cr.html", "pnmi-cr.dot"] {
        assert_eq!(
            std::fs::read(a.join(name)).ok(),
            std::fs::read(b.join(name)).ok(),
            "{name} differs"
        );
    }
}

#[test]
fn build_with_errors_writes_nothing_and_keeps_earlier_outputs() {
    let dir = scratch("build-errors");
    let out = dir.to_string_lossy().into_owned();
    let earlier = dir.join("a-dozen-mistakes.json");
    std::fs::write(&earlier, "earlier output").expect("write");
    let o = pacta(&["build", MISTAKES, "-o", &out]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("E0201"));
    assert_eq!(listing(&dir), ["a-dozen-mistakes.json"]);
    assert_eq!(
        std::fs::read_to_string(&earlier).ok().as_deref(),
        Some("earlier output")
    );
    // Warnings denied: nothing written either.
    let o = pacta(&[
        "build",
        "examples/mistakes/quality-warnings.pacta",
        "-o",
        &out,
        "--deny",
        "warnings",
    ]);
    assert_eq!(code(&o), 1);
    assert_eq!(listing(&dir), ["a-dozen-mistakes.json"]);
}

#[test]
fn build_replaces_outputs_whole_and_leaves_no_temporary_files() {
    let dir = scratch("build-replace");
    let out = dir.to_string_lossy().into_owned();
    std::fs::write(dir.join("pnmi-cr.json"), "old").expect("write");
    let o = pacta(&["build", FLAGSHIP, "-o", &out, "--as-of", "2026-06-30"]);
    assert_eq!(code(&o), 0);
    assert_eq!(listing(&dir), ["pnmi-cr.html", "pnmi-cr.json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("pnmi-cr.json")).expect("read"))
            .expect("JSON");
    assert_eq!(json["as_of"]["date"], "2026-06-30");
}
