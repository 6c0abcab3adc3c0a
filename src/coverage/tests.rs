use super::*;
use crate::ast::Spec;
use crate::source::FileId;

fn spec(text: &str) -> Spec {
    let (cst, _) = crate::syntax::parse(FileId(0), text);
    let (spec, _) = crate::lower::lower(&cst);
    spec
}

fn right<'a>(c: &'a Coverage, id: &str) -> &'a RightCoverage {
    match c.rights.iter().find(|r| r.id == id) {
        Some(r) => r,
        None => panic!("right {id} not in scope: {:?}", ids(c)),
    }
}

fn ids(c: &Coverage) -> Vec<&str> {
    c.rights.iter().map(|r| r.id.as_str()).collect()
}

fn codes(q: &Quality) -> Vec<&'static str> {
    q.findings.iter().map(|f| f.code.as_str()).collect()
}

const SMALL: &str = r#"
policy P "Small" {
  horizon: 2025-01-01 .. 2030-12-31
  scope {
    rights: [icrmw.art25, icrmw.art8, R_own, icrmw.art25, icrmw.art999, gcm.o7, R_missing]
    stages: [destination, origin]
  }
}
use icrmw
use gcm
agency A "Agency A"
agency B "Agency B"
agency IDLE "Idle agency"
principle P1 "Rights-holders"
principle P2 "Unused principle"
right R_own "Own right" { non_derogable: true }
stakeholder LG "Municipality" { kind: local_government }

commitment C1 "Measured" {
  principles: [P1]
  rights: [icrmw.art25]
  stages: [destination]
  lead: A
  support: [B]
  due: 2026-12-31
  target T1 "T" {
    indicator: "x"
    baseline: 1 in 2024
    value: 2 by 2026-12-31
  }
}

commitment C2 "Nominal" {
  rights: [icrmw.art8, icrmw.art25]
  restricts: [R_own]
  stages: [origin, transit]
  lead: B
  due: 2026-12-31
}

consultation K1 "Municipal round" {
  date: 2025-05-20
  participants: [A, LG]
  covers: [C1]
}
"#;

#[test]
fn scope_rights_resolve_in_order_without_duplicates_or_unknowns() {
    let c = coverage(&spec(SMALL));
    assert!(c.scope_declared);
    assert_eq!(c.policy.as_deref(), Some("P"));
    // `icrmw.art999` does not exist, `gcm.o7` is not a right, `R_missing`
    // is not defined: all three are skipped; the repeated art25 is dropped.
    assert_eq!(ids(&c), ["icrmw.art25", "icrmw.art8", "R_own"]);
}

#[test]
fn measured_nominal_and_gap() {
    let c = coverage(&spec(SMALL));

    let art25 = right(&c, "icrmw.art25");
    assert_eq!(art25.status, Status::Measured);
    assert_eq!(art25.advanced_by, ["C1", "C2"]);
    assert_eq!(art25.measured_by, ["C1"]);
    assert_eq!(art25.catalogue.as_deref(), Some("icrmw"));
    assert!(!art25.title_en.is_empty() && !art25.title_es.is_empty());

    let art8 = right(&c, "icrmw.art8");
    assert_eq!(art8.status, Status::Nominal);
    assert_eq!(art8.advanced_by, ["C2"]);
    assert!(art8.measured_by.is_empty());

    let own = right(&c, "R_own");
    assert_eq!(own.status, Status::Gap);
    assert!(own.advanced_by.is_empty());
    assert_eq!(own.restricted_by, ["C2"]);
    assert_eq!(own.catalogue, None);
    assert_eq!(own.title_en, "Own right");
    assert_eq!(own.title_es, "Own right");
    assert!(own.non_derogable);
}

#[test]
fn matrix_cells_follow_the_stages_in_scope_in_cycle_order() {
    let c = coverage(&spec(SMALL));
    // Scope says [destination, origin]: cells come in cycle order, and
    // transit (listed by C2) is not in scope.
    let art25 = right(&c, "icrmw.art25");
    let stages: Vec<Stage> = art25.stages.iter().map(|s| s.stage).collect();
    assert_eq!(stages, [Stage::Origin, Stage::Destination]);
    assert_eq!(art25.stages[0].commitments, ["C2"]);
    assert_eq!(art25.stages[0].status, Status::Nominal);
    assert_eq!(art25.stages[1].commitments, ["C1"]);
    assert_eq!(art25.stages[1].status, Status::Measured);

    let art8 = right(&c, "icrmw.art8");
    assert_eq!(art8.stages[0].status, Status::Nominal);
    assert_eq!(art8.stages[1].status, Status::Gap);

    let in_scope: Vec<(Stage, bool, Vec<String>)> = c
        .stages
        .iter()
        .map(|s| (s.stage, s.in_scope, s.commitments.clone()))
        .collect();
    assert_eq!(
        in_scope,
        [
            (Stage::Origin, true, vec!["C2".to_string()]),
            (Stage::Transit, false, vec!["C2".to_string()]),
            (Stage::Destination, true, vec!["C1".to_string()]),
            (Stage::Return, false, vec![]),
        ]
    );
}

#[test]
fn ratios() {
    let c = coverage(&spec(SMALL));
    let r = &c.ratios;
    assert_eq!(
        (r.rights_measured.numerator, r.rights_measured.denominator),
        (1, 3)
    );
    assert_eq!(r.rights_measured.percent, 33.3);
    assert_eq!(
        (r.rights_covered.numerator, r.rights_covered.denominator),
        (2, 3)
    );
    assert_eq!(r.rights_covered.percent, 66.7);
    assert_eq!(
        (r.stages_addressed.numerator, r.stages_addressed.denominator),
        (2, 2)
    );
    assert_eq!(r.stages_addressed.percent, 100.0);
    assert_eq!(
        (
            r.commitments_with_targets.numerator,
            r.commitments_with_targets.denominator
        ),
        (1, 2)
    );
    assert_eq!(
        (
            r.principles_in_practice.numerator,
            r.principles_in_practice.denominator
        ),
        (1, 2)
    );
    assert_eq!(Ratio::new(0, 0).percent, 0.0);
}

#[test]
fn principles_and_agencies() {
    let c = coverage(&spec(SMALL));
    let p: Vec<(&str, &[String])> = c
        .principles
        .iter()
        .map(|p| (p.id.as_str(), p.commitments.as_slice()))
        .collect();
    assert_eq!(p, [("P1", &["C1".to_string()][..]), ("P2", &[][..])]);
    let a: Vec<(&str, Vec<String>, Vec<String>)> = c
        .agencies
        .iter()
        .map(|a| (a.id.as_str(), a.leads.clone(), a.supports.clone()))
        .collect();
    assert_eq!(
        a,
        [
            ("A", vec!["C1".to_string()], vec![]),
            ("B", vec!["C2".to_string()], vec!["C1".to_string()]),
            ("IDLE", vec![], vec![]),
        ]
    );
}

#[test]
fn the_four_qualities() {
    let c = coverage(&spec(SMALL));
    let q = &c.qualities;
    // C2 has no target and cites no principle; P2 is unused; IDLE is idle.
    assert!(!q.explicit.ok);
    assert_eq!(codes(&q.explicit), ["W0410", "W0412", "W0413", "W0414"]);
    assert!(q.explicit.findings[0].message.en.contains("`C2`"));
    // Both stages in scope are addressed (return is out of scope).
    assert!(q.comprehensive.ok);
    assert!(q.comprehensive.findings.is_empty());
    // art8 is nominal, R_own is a gap.
    assert_eq!(codes(&q.rights_based), ["W0431", "W0430"]);
    assert!(q.rights_based.findings[1].message.es.contains("R_own"));
    // C2 never consulted; the only stakeholder heard is a local government.
    assert_eq!(codes(&q.consensual), ["W0440", "W0441"]);
}

#[test]
fn a_non_government_stakeholder_makes_a_consultation_count() {
    let text = SMALL.replace("kind: local_government", "kind: migrant_organization");
    let c = coverage(&spec(&text));
    assert_eq!(codes(&c.qualities.consensual), ["W0440"]);
    // A stakeholder without a kind is not an agency: it counts too.
    let text = SMALL.replace("{ kind: local_government }", "");
    let c = coverage(&spec(&text));
    assert_eq!(codes(&c.qualities.consensual), ["W0440"]);
}

#[test]
fn no_consultation_at_all() {
    let text = SMALL.replace("consultation K1", "evidence K1");
    let c = coverage(&spec(&text));
    assert_eq!(codes(&c.qualities.consensual), ["W0440", "W0440", "W0441"]);
    assert_eq!(
        c.qualities.consensual.findings[2].message.en,
        "no consultation is recorded"
    );
}

#[test]
fn patterns_select_only_rights() {
    let text = r#"
policy P "Patterns" {
  horizon: 2025-01-01 .. 2030-12-31
  scope { rights: [icrmw.*, sdg.10.7.*, icrmw.art9] }
}
use icrmw
use sdg
"#;
    let c = coverage(&spec(text));
    let expected: Vec<&str> = catalogue::select("icrmw.*")
        .into_iter()
        .filter(|i| i.kind == catalogue::ItemKind::Right)
        .map(|i| i.path)
        .collect();
    assert!(expected.len() >= 27);
    // sdg.10.7.* selects indicators, not rights; art9 is already in.
    assert_eq!(ids(&c), expected);
    assert_eq!(c.rights[0].id, "icrmw.art7");
    assert!(!ids(&c).contains(&"icrmw.art34"));
    assert!(right(&c, "icrmw.art9").non_derogable);
    assert!(c.rights.iter().all(|r| r.status == Status::Gap));
    // No scope stages: all four, none addressed.
    assert_eq!(c.ratios.stages_addressed.denominator, 4);
    assert_eq!(codes(&c.qualities.comprehensive).len(), 4);
}

#[test]
fn without_scope_the_rights_advanced_are_in_scope() {
    let text = r#"
policy P "No scope" { horizon: 2025-01-01 .. 2030-12-31 }
right R_own "Own right"
commitment C1 "One" {
  rights: [icrmw.art25, R_own, not.a.path, R_missing]
  lead: A
  due: 2026-12-31
}
commitment C2 "Two" {
  rights: [icrmw.art8, icrmw.art25]
  lead: A
  due: 2026-12-31
  target T "T" { indicator: "x" value: 2 by 2026 }
}
"#;
    let c = coverage(&spec(text));
    assert!(!c.scope_declared);
    assert_eq!(ids(&c), ["icrmw.art25", "R_own", "icrmw.art8"]);
    assert_eq!(right(&c, "icrmw.art25").status, Status::Measured);
    assert_eq!(right(&c, "R_own").status, Status::Nominal);
    // The target has no baseline.
    assert_eq!(
        codes(&c.qualities.explicit),
        ["W0410", "W0412", "W0411", "W0412"]
    );
    // An empty scope block says nothing either.
    let c = coverage(&spec(&text.replace(
        "horizon: 2025-01-01 .. 2030-12-31 }",
        "horizon: 2025-01-01 .. 2030-12-31 scope { rights: [] } }",
    )));
    assert!(!c.scope_declared);
    assert_eq!(c.rights.len(), 3);
}

#[test]
fn empty_and_broken_specs_do_not_panic() {
    for text in [
        "",
        "policy",
        "commitment C1 { rights: [ }",
        "policy P { scope { rights: [*, .*, icrmw.**, x.*] stages: [] } }",
        "commitment C1 \"x\" { target T { value: 1 by 2025 } }",
    ] {
        let c = coverage(&spec(text));
        let _ = render_table(&c, Lang::En, true);
        let _ = render_table(&c, Lang::Es, false);
        assert!(serde_json::to_string(&c).is_ok());
    }
}

#[test]
fn serializes_in_snake_case_with_bilingual_findings() {
    let c = coverage(&spec(SMALL));
    let json = match serde_json::to_value(&c) {
        Ok(json) => json,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(json["scope_declared"], true);
    assert_eq!(json["rights"][2]["status"], "gap");
    assert_eq!(json["rights"][0]["stages"][1]["stage"], "destination");
    assert_eq!(json["ratios"]["rights_measured"]["numerator"], 1);
    let finding = &json["qualities"]["rights_based"]["findings"][1];
    assert_eq!(finding["code"], "W0430");
    assert!(finding["en"]
        .as_str()
        .is_some_and(|s| s.starts_with("no commitment advances")));
    assert!(finding["es"]
        .as_str()
        .is_some_and(|s| s.starts_with("ningún compromiso")));
    // Deterministic: the same spec gives the same bytes.
    let again = serde_json::to_string(&coverage(&spec(SMALL))).ok();
    assert_eq!(serde_json::to_string(&c).ok(), again);
}

#[test]
fn table_in_english_without_colour() {
    let c = coverage(&spec(SMALL));
    let table = render_table(&c, Lang::En, false);
    assert!(!table.contains('\x1b'));
    assert!(table.contains("Rights coverage — P"));
    let row = table
        .lines()
        .find(|l| l.starts_with("R_own"))
        .unwrap_or_default();
    assert!(row.contains('✖') && row.ends_with("gap"), "{row}");
    let header = table
        .lines()
        .find(|l| l.starts_with("Right "))
        .unwrap_or_default();
    assert!(header.contains("origin") && header.contains("destination"));
    assert!(!header.contains("transit"));
    assert!(table.contains("rights measured"));
    assert!(table.contains("1/3"));
    assert!(table.contains("33.3%"));
    assert!(table.contains("✔ comprehensive"));
    assert!(table.contains("✖ rights-based (2 findings)"));
    assert!(table.contains("W0430 no commitment advances `R_own`"));
    assert!(table.lines().all(|l| table::width(l) <= table::MAX_WIDTH));
}

#[test]
fn table_in_spanish_with_colour() {
    let c = coverage(&spec(SMALL));
    let table = render_table(&c, Lang::Es, true);
    assert!(table.contains("Cobertura de derechos"));
    assert!(table.contains("origen") && table.contains("destino"));
    assert!(table.contains("\x1b[31m"), "gaps in red");
    assert!(table.contains("brecha"));
    assert!(table.contains("basada en derechos"));
    assert!(table.contains("ningún compromiso promueve `R_own`"));
}

#[test]
fn long_titles_and_ids_stay_within_100_columns() {
    let long = "x".repeat(300);
    let text = format!(
        r#"
policy P "p" {{ scope {{ rights: [R_{long}, icrmw.*] }} }}
right R_{long} "{long}"
commitment C_{long} "{long}" {{ rights: [R_{long}] }}
consultation K "k" {{ covers: [C_{long}] }}
"#
    );
    let c = coverage(&spec(&text));
    assert_eq!(c.rights[0].status, Status::Nominal);
    for lang in [Lang::En, Lang::Es] {
        let table = render_table(&c, lang, false);
        for line in table.lines() {
            assert!(table::width(line) <= table::MAX_WIDTH, "{line}");
        }
        assert!(table.contains('…'));
    }
}

#[test]
fn the_flagship_spec() {
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/pnmi-cr.pacta"));
    let c = coverage(&spec(text));
    assert!(c.scope_declared);
    assert_eq!(c.rights.len(), c.ratios.rights_covered.denominator);
    for lang in [Lang::En, Lang::Es] {
        let table = render_table(&c, lang, false);
        assert!(table.lines().all(|l| table::width(l) <= table::MAX_WIDTH));
    }
}

#[test]
fn an_empty_stage_list_puts_no_stage_in_scope() {
    let text = SMALL.replace("stages: [destination, origin]", "stages: []");
    let c = coverage(&spec(&text));
    assert!(c.stages.iter().all(|s| !s.in_scope));
    assert!(c.rights.iter().all(|r| r.stages.is_empty()));
    assert_eq!(
        (
            c.ratios.stages_addressed.numerator,
            c.ratios.stages_addressed.denominator,
            c.ratios.stages_addressed.percent
        ),
        (0, 0, 0.0)
    );
    assert!(c.qualities.comprehensive.ok);
    // Without a `stages` field, all four are in scope.
    let text = SMALL.replace("stages: [destination, origin]", "");
    let c = coverage(&spec(&text));
    assert!(c.stages.iter().all(|s| s.in_scope));
    assert_eq!(codes(&c.qualities.comprehensive), ["W0420"]);
    assert!(c.qualities.comprehensive.findings[0]
        .message
        .en
        .contains("`return` stage"));
    let table = render_table(&c, Lang::En, false);
    assert!(table.contains("transit") && table.contains("return"));
}
