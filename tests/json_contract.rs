//! The JSON contract (`docs/json.md`): the checked-in schema is current,
//! every shipped spec's document validates against it, the flagship's
//! document is snapshotted, builds are byte-identical, and a few values
//! mean what the contract says.
//!
//! When the document's types change on purpose, regenerate the schema with
//! `UPDATE_SCHEMA=1 cargo test --test json_contract` and review the
//! snapshots with `cargo insta review`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pacta::ast::Date;
use pacta::cli::FsLoader;
use pacta::compile::{compile, compile_str, Compilation};
use pacta::emit::json::{self, AsOfSource, Document};
use serde_json::Value;
use std::path::{Path, PathBuf};

const SCHEMA_PATH: &str = "schema/pacta.schema.json";
const FLAGSHIP: &str = "specs/pnmi-cr.pacta";
const HARBOR: &str = "specs/harbor/policy.pacta";

fn build(path: &Path, as_of: Option<Date>) -> (Compilation, Document) {
    let c = compile(path, &FsLoader);
    let a = json::as_of(&c.spec, as_of);
    let doc = json::document(&c, &a);
    (c, doc)
}

fn value(doc: &Document) -> Value {
    serde_json::from_str(&json::to_string(doc)).expect("the document is JSON")
}

fn checked_in_schema() -> Value {
    let text = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_else(|e| {
        panic!("cannot read {SCHEMA_PATH} ({e}): run `UPDATE_SCHEMA=1 cargo test --test json_contract`")
    });
    serde_json::from_str(&text).expect("the checked-in schema is JSON")
}

/// Every error of `instance` against the checked-in schema, one per line.
fn schema_errors(instance: &Value) -> Vec<String> {
    let schema = checked_in_schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// The root files of the shipped specs and feature examples: each file of
/// `examples/features/`, and `main.pacta` of each folder there (the files
/// it includes are not specs of their own).
fn shipped_roots() -> Vec<PathBuf> {
    let mut roots = vec![PathBuf::from(FLAGSHIP), PathBuf::from(HARBOR)];
    let mut entries: Vec<PathBuf> = std::fs::read_dir("examples/features")
        .expect("examples/features exists")
        .map(|e| e.expect("readable").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let main = path.join("main.pacta");
            if main.exists() {
                roots.push(main);
            }
        } else if path.extension().is_some_and(|e| e == "pacta") {
            roots.push(path);
        }
    }
    roots
}

/// Every spec the repository holds, mistakes included: single files, and
/// `main.pacta` of a folder that has one.
fn every_spec() -> Vec<PathBuf> {
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
    let mut out = Vec::new();
    for root in ["specs", "examples", "tests/fixtures"] {
        collect(Path::new(root), &mut out);
    }
    out.retain(|p| !p.starts_with("specs/harbor") || p.ends_with("policy.pacta"));
    out
}

#[test]
fn checked_in_schema_is_current() {
    let generated = json::schema_string();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all("schema").expect("create schema/");
        std::fs::write(SCHEMA_PATH, &generated).expect("write the schema");
        return;
    }
    let on_disk = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{SCHEMA_PATH} is stale: the document's types changed. Regenerate it with\n\n    UPDATE_SCHEMA=1 cargo test --test json_contract\n\nreview the diff, say in docs/json.md what changed, and bump FORMAT_VERSION if the change can break a consumer"
    );
}

#[test]
fn schema_is_draft_2020_12_and_strict_about_presence() {
    let schema = checked_in_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["format"]["const"], "pacta");
    assert_eq!(schema["properties"]["format_version"]["const"], 1);
    // Every property of every object is required: optional values are null.
    let commitment = &schema["$defs"]["Commitment"];
    let props = commitment["properties"].as_object().unwrap();
    let required = commitment["required"].as_array().unwrap();
    assert_eq!(props.len(), required.len());
    assert!(required.iter().any(|r| r == "budget"));
    // Every field is described.
    fn undescribed(v: &Value, at: &str, out: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                if p.get("description").is_none() && !is_counts(at) {
                    out.push(format!("{at}.{name}"));
                }
            }
        }
    }
    fn is_counts(at: &str) -> bool {
        // The per-status counts are named by the statuses themselves.
        at == "StatusCounts"
    }
    let mut missing = Vec::new();
    undescribed(&schema, "Document", &mut missing);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        undescribed(def, name, &mut missing);
    }
    assert!(
        missing.is_empty(),
        "fields without a description: {missing:?}"
    );
}

#[test]
fn every_shipped_spec_validates_against_the_schema() {
    let roots = shipped_roots();
    assert!(roots.len() >= 10, "found only {roots:?}");
    for root in roots {
        for as_of in [None, Some(Date::ymd(2027, 6, 30)), Some(Date::year(2026))] {
            let (c, doc) = build(&root, as_of);
            assert_eq!(c.errors(), 0, "{} has errors", root.display());
            let errors = schema_errors(&value(&doc));
            assert!(
                errors.is_empty(),
                "{} (as of {as_of:?}) does not match the schema:\n{}",
                root.display(),
                errors.join("\n")
            );
        }
    }
}

#[test]
fn schema_rejects_what_breaks_the_contract() {
    // The validation above is not vacuous: a missing field, a wrong enum
    // value, a date in another form and another format version all fail.
    let (_, doc) = build(Path::new(HARBOR), Some(Date::ymd(2026, 6, 30)));
    let good = value(&doc);
    assert!(schema_errors(&good).is_empty());
    type Breakage = (&'static str, fn(&mut Value));
    let breakages: [Breakage; 5] = [
        ("missing field", |v| {
            v["commitments"][0].as_object_mut().unwrap().remove("lead");
        }),
        ("unknown status", |v| {
            v["commitments"][0]["rollup"]["status"] = "late".into();
        }),
        ("date format", |v| v["as_of"]["date"] = "30/06/2026".into()),
        ("format version", |v| v["format_version"] = 2.into()),
        ("amount as text", |v| {
            v["policy"]["budget"] = serde_json::json!({"amount": "1", "currency": "USD"});
        }),
    ];
    for (what, breakage) in breakages {
        let mut bad = good.clone();
        breakage(&mut bad);
        assert!(!schema_errors(&bad).is_empty(), "{what} was accepted");
    }
}

#[test]
fn every_spec_in_the_repository_builds_a_document_without_panicking() {
    // Mistakes included: `document` is for error-free compilations, but it
    // must never panic. The error-free ones (warnings only) must validate.
    let specs = every_spec();
    assert!(specs.len() > 40, "found only {}", specs.len());
    let mut validated = 0;
    for path in specs {
        let (c, doc) = build(&path, None);
        let text = json::to_string(&doc);
        assert!(text.ends_with("}\n"));
        if !c.has_errors() {
            let errors = schema_errors(&value(&doc));
            assert!(
                errors.is_empty(),
                "{}: {}",
                path.display(),
                errors.join("\n")
            );
            validated += 1;
        }
    }
    assert!(validated > 20, "validated only {validated}");
}

#[test]
fn flagship_snapshot() {
    let (c, doc) = build(Path::new(FLAGSHIP), Some(Date::ymd(2026, 6, 30)));
    assert_eq!(c.errors(), 0);
    insta::with_settings!({
        snapshot_path => "snapshots/json_contract",
        prepend_module_to_snapshot => false,
        description => "pacta build specs/pnmi-cr.pacta --as-of 2026-06-30",
        omit_expression => true,
    }, {
        insta::assert_snapshot!("pnmi-cr", json::to_string(&doc));
    });
}

#[test]
fn harbor_snapshot() {
    let (c, doc) = build(Path::new(HARBOR), Some(Date::ymd(2026, 6, 30)));
    assert_eq!(c.errors(), 0);
    insta::with_settings!({
        snapshot_path => "snapshots/json_contract",
        prepend_module_to_snapshot => false,
        description => "pacta build specs/harbor/policy.pacta --as-of 2026-06-30",
        omit_expression => true,
    }, {
        insta::assert_snapshot!("harbor", json::to_string(&doc));
    });
}

#[test]
fn builds_are_byte_identical() {
    for root in [FLAGSHIP, HARBOR] {
        for as_of in [None, Some(Date::ymd(2026, 6, 30))] {
            let first = json::to_string(&build(Path::new(root), as_of).1);
            for _ in 0..3 {
                let again = json::to_string(&build(Path::new(root), as_of).1);
                assert!(first == again, "{root}: two builds differ");
            }
        }
    }
}

#[test]
fn as_of_without_cli_is_the_latest_observation() {
    let (_, doc) = build(Path::new(FLAGSHIP), None);
    assert_eq!(doc.as_of.source, AsOfSource::LatestObservation);
    let v = value(&doc);
    let latest = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["targets"].as_array().unwrap())
        .flat_map(|t| t["observations"].as_array().unwrap())
        .map(|o| o["date"].as_str().unwrap().to_string())
        .max()
        .unwrap();
    assert_eq!(v["as_of"]["date"], latest);
}

fn find<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no `{id}`"))
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn flagship_values_mean_what_the_spec_says() {
    let (c, doc) = build(Path::new(FLAGSHIP), Some(Date::ymd(2026, 6, 30)));
    assert_eq!(c.errors(), 0);
    let v = value(&doc);
    assert_eq!(v["language"], "es");
    assert_eq!(v["policy"]["id"], "PNMI");
    assert_eq!(v["policy"]["horizon"]["start"], "2025-01-01");
    assert_eq!(v["policy"]["budget"]["amount"], 62_000_000.0);
    assert_eq!(v["policy"]["budget"]["currency"], "USD");
    assert_eq!(v["policy"]["scope"]["rights"].as_array().unwrap().len(), 27);

    // C15, regularisation of people in an irregular situation: led by the
    // DGME, after C01 and C02, on the critical path.
    let c15 = find(&v["commitments"], "C15");
    assert_eq!(c15["lead"], "DGME");
    assert_eq!(ids(&c15["prerequisites"]), ["C01", "C02"]);
    assert_eq!(ids(&c15["direct_dependents"]), ["C19", "C23", "C24", "C25"]);
    assert_eq!(
        ids(&c15["dependents"]),
        ["C19", "C23", "C24", "C25", "C26", "C33", "C34"]
    );
    assert!(c15["on_critical_path"].as_bool().unwrap());
    assert_eq!(c15["slack_days"], 0);
    assert_eq!(c15["phase"], 3);
    // Everything behind C02, transitively, in spec order.
    let c02 = find(&v["commitments"], "C02");
    let dependents = ids(&c02["dependents"]);
    assert!(dependents.contains(&"C15") && dependents.contains(&"C33"));
    assert!(ids(&c02["direct_dependents"])
        .iter()
        .all(|d| dependents.contains(d)));
    assert_eq!(
        ids(&v["graph"]["critical_path"]),
        ["C01", "C02", "C15", "C19", "C33"]
    );

    // The agency rollup counts the commitments the agency leads.
    let dgme = find(&v["agencies"], "DGME");
    assert_eq!(dgme["parent"], "MGP");
    assert!(ids(&dgme["leads"]).contains(&"C15"));
    let led = dgme["leads"].as_array().unwrap().len() as u64;
    let counted: u64 = dgme["rollup"]["commitments"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(led, counted);

    // Rights: the flagship leaves no gap; own rights are listed first.
    assert_eq!(v["rights"][0]["source"], "own");
    let art25 = find(&v["rights"], "icrmw.art25");
    assert_eq!(art25["source"], "catalogue");
    assert_eq!(art25["in_scope"], true);
    assert_eq!(art25["coverage"], "measured");
    assert_eq!(ids(&art25["advanced_by"]), ["C07", "C23", "C24"]);
    let art10 = find(&v["rights"], "icrmw.art10");
    assert_eq!(art10["non_derogable"], true);
    assert!(v["rights"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["coverage"] != "gap"));
    assert_eq!(v["coverage"]["ratios"]["rights_covered"]["percent"], 100.0);

    // M15: baseline 12 000 in 2024 (from 2024-01-01), 60 000 by
    // 2026-12-31; the latest observation is 21 500 (2025-06-30). As of
    // 2026-06-30: progress 9 500 / 48 000 = 0.1979; expected 911 / 1 095
    // days = 0.832; more than 25 points behind: off track.
    let m15 = c15["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "M15")
        .unwrap();
    assert_eq!(m15["direction"], "increase");
    assert_eq!(m15["baseline"]["value"], 12_000.0);
    assert_eq!(m15["baseline"]["date"], "2024");
    let p = &m15["progress"];
    assert_eq!(p["segment_start"]["value"], 12_000.0);
    assert_eq!(p["next_milestone"]["value"], 60_000.0);
    assert_eq!(p["next_milestone"]["date"], "2026-12-31");
    assert_eq!(p["latest_observation"]["value"], 21_500.0);
    assert_eq!(p["progress"], 0.1979);
    assert_eq!(p["expected"], 0.832);
    assert_eq!(p["status"], "off_track");
    assert_eq!(c15["rollup"]["status"], "off_track");
}

/// A spec small enough to work out by hand.
const SMALL: &str = r#"
policy P "Small" {
  horizon: 2025-01-01 .. 2030-12-31
  budget: 1_000 USD
  scope { rights: [icrmw.art25, icrmw.art26]  stages: [destination] }
}
use icrmw
agency A "Agency A"
agency B "Agency B" { parent: A }
principle P1 "Principle"
stakeholder S "Migrant network" { kind: migrant_organization }
consultation K "Consultation" { date: 2025-03-01  participants: [B, S]  covers: [C1, P1] }
evidence E "Diagnostic" { kind: diagnostic  year: 2024  url: "https://example.org/e" }

commitment C1 "First" {
  principles: [P1]  stages: [destination]  lead: A  support: [B]
  start: 2025-01-01  due: 2025-12-31  status: in_progress  budget: 400 USD
  evidence: [E]
  target T1 "Measured" {
    indicator: "People served"  unit: "persons"
    baseline: 100 in 2024
    value: 200 by 2025-12-31
    observed: 140 on 2024-12-31
  }
}
commitment C2 "Second" {
  principles: [P1]  stages: [destination]  lead: A  depends_on: [C1]  due: 2026-12-31
  rights: [icrmw.art25]
  target T2 "Other" { indicator: "Cases"  baseline: 10 in 2024  value: 5 by 2026-12-31 }
}
commitment C3 "Third" {
  principles: [P1]  stages: [destination]  lead: B  depends_on: [C2]  due: 2027-12-31
  rights: [icrmw.art26]
}
commitment C4 "Side branch" {
  principles: [P1]  stages: [destination]  lead: B  depends_on: [C1]  due: 2026-06-30
  rights: [icrmw.art27]
  status: done
}
"#;

#[test]
fn small_spec_values_worked_out_by_hand() {
    let c = compile_str("small.pacta", SMALL);
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // No --as-of: the latest observation, 2024-12-31.
    let a = json::as_of(&c.spec, None);
    assert_eq!(a.source, AsOfSource::LatestObservation);
    assert_eq!(a.date, Date::ymd(2024, 12, 31));
    let v = value(&json::document(&c, &a));
    assert!(schema_errors(&v).is_empty());
    assert_eq!(v["as_of"]["date"], "2024-12-31");
    assert_eq!(v["as_of"]["source"], "latest_observation");
    assert_eq!(v["language"], "en");

    // The graph: C1 → C2 → C3 is the critical path; C4 hangs off C1 and
    // can slip from 2026-06-30 to the end, 2027-12-31: 549 days.
    let c1 = find(&v["commitments"], "C1");
    assert_eq!(c1["lead"], "A");
    assert_eq!(ids(&c1["support"]), ["B"]);
    assert_eq!(ids(&c1["direct_dependents"]), ["C2", "C4"]);
    assert_eq!(ids(&c1["dependents"]), ["C2", "C3", "C4"]);
    assert_eq!(c1["phase"], 1);
    assert_eq!(ids(&c1["consultations"]), ["K"]);
    assert_eq!(c1["budget"]["amount"], 400.0);
    let c4 = find(&v["commitments"], "C4");
    assert_eq!(c4["slack_days"], 549);
    assert_eq!(c4["critical"], false);
    assert_eq!(c4["earliest_finish"], "2026-06-30");
    assert_eq!(c4["latest_finish"], "2027-12-31");
    assert_eq!(ids(&v["graph"]["critical_path"]), ["C1", "C2", "C3"]);
    assert_eq!(v["graph"]["project_end"], "2027-12-31");
    assert_eq!(ids(&v["graph"]["phases"][1]["commitments"]), ["C2", "C4"]);
    let critical_edges: Vec<(&str, &str)> = v["graph"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["critical"] == true)
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert_eq!(critical_edges, [("C1", "C2"), ("C2", "C3")]);

    // T1: baseline 100 (from 2024-01-01), milestone 200 by 2025-12-31 (730
    // days later); as of 2024-12-31, 365 days in: expected 0.5, and 140 is
    // progress 0.4 ≥ 0.5 − 0.1: on track.
    let t1 = &c1["targets"][0];
    assert_eq!(t1["direction"], "increase");
    assert_eq!(t1["direction_inferred"], true);
    assert_eq!(t1["progress"]["progress"], 0.4);
    assert_eq!(t1["progress"]["expected"], 0.5);
    assert_eq!(t1["progress"]["status"], "on_track");
    // T2 has no observation: not started, and says why in both languages.
    let t2 = &find(&v["commitments"], "C2")["targets"][0];
    assert_eq!(t2["direction"], "decrease");
    assert_eq!(t2["progress"]["status"], "not_started");
    assert_eq!(t2["progress"]["reason"]["en"], "no observation yet");
    assert_eq!(t2["unit"], Value::Null);

    // Rights: art25 measured (C2 has a target), art26 nominal (C3 has
    // none), art27 advanced outside the scope.
    let rights: Vec<&str> = v["rights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(rights, ["icrmw.art25", "icrmw.art26", "icrmw.art27"]);
    assert_eq!(find(&v["rights"], "icrmw.art25")["coverage"], "measured");
    assert_eq!(find(&v["rights"], "icrmw.art26")["coverage"], "nominal");
    let art27 = find(&v["rights"], "icrmw.art27");
    assert_eq!(art27["in_scope"], false);
    assert_eq!(art27["coverage"], "nominal");
    assert_eq!(ids(&art27["advanced_by"]), ["C4"]);
    assert_eq!(v["coverage"]["matrix"][1]["cells"][0]["status"], "nominal");
    assert_eq!(v["coverage"]["ratios"]["rights_measured"]["percent"], 50.0);

    // Agencies: A leads C1 and C2 (on track and not started): the worst of
    // those is not started.
    let a = find(&v["agencies"], "A");
    assert_eq!(ids(&a["leads"]), ["C1", "C2"]);
    assert_eq!(ids(&a["children"]), ["B"]);
    assert_eq!(a["rollup"]["status"], "not_started");
    assert_eq!(a["rollup"]["commitments"]["on_track"], 1);
    let b = find(&v["agencies"], "B");
    assert_eq!(ids(&b["supports"]), ["C1"]);

    // The consultation's participants split by kind.
    let k = find(&v["consultations"], "K");
    assert_eq!(ids(&k["participants"]["agencies"]), ["B"]);
    assert_eq!(ids(&k["participants"]["stakeholders"]), ["S"]);
    assert_eq!(ids(&k["covers"]["commitments"]), ["C1"]);
    assert_eq!(ids(&k["covers"]["principles"]), ["P1"]);
    assert_eq!(k["heard_non_government"], true);
    assert_eq!(ids(&find(&v["evidence"], "E")["cited_by"]), ["C1"]);
    assert_eq!(v["policy"]["budget_committed"]["amount"], 400.0);

    // Warnings, each about the item that contains it.
    let about: Vec<(&str, &str)> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap(),
                w["about"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(about.contains(&("W0410", "C3")), "{about:?}");
    assert!(about.contains(&("W0410", "C4")), "{about:?}");
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["about"] == "C3")
        .unwrap();
    assert_eq!(w["about_kind"], "commitment");
    assert_eq!(w["severity"], "warning");
    assert!(w["line"].as_u64().unwrap() > 1);

    // Overdue is relative to the as-of date: C1 (in progress) is due
    // 2025-12-31; C4, due 2026-06-30, is done.
    let later = json::as_of(&c.spec, Some(Date::ymd(2026, 7, 1)));
    assert_eq!(later.source, AsOfSource::Cli);
    let v = value(&json::document(&c, &later));
    assert_eq!(find(&v["commitments"], "C1")["overdue"], true);
    assert_eq!(find(&v["commitments"], "C2")["overdue"], false);
    assert_eq!(find(&v["commitments"], "C4")["overdue"], false);
    assert_eq!(v["summary"]["commitments_overdue"], 1);
}

#[test]
fn document_survives_damaged_specs() {
    // Cut pieces out of the flagship: whatever the compiler makes of the
    // rest, `document` must not panic and must write JSON.
    let text = std::fs::read_to_string(FLAGSHIP).unwrap();
    let len = text.len();
    let mut cuts = Vec::new();
    for i in 1..24usize {
        let start = (i * 7919 * 13) % len;
        let end = (start + (i * 104_729) % 600).min(len);
        cuts.push((start, end));
    }
    for (start, end) in cuts {
        let (start, end) = (floor(&text, start), floor(&text, end));
        let damaged = format!("{}{}", &text[..start], &text[end..]);
        let c = compile_str("damaged.pacta", &damaged);
        let a = json::as_of(&c.spec, None);
        let out = json::to_string(&json::document(&c, &a));
        serde_json::from_str::<Value>(&out).expect("JSON");
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
