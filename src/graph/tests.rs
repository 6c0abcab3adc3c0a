use super::render::{impact_text, to_dot, to_json, to_mermaid};
use super::*;
use crate::ast::{Header, Ref, Spanned};
use crate::diagnostic::Lang;
use crate::lang::ItemKind;
use crate::source::{FileId, Span};
use proptest::prelude::*;

fn parse(text: &str) -> Spec {
    let (cst, _) = crate::syntax::parse(FileId(0), text);
    let (spec, _) = crate::lower::lower(&cst);
    spec
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::ymd(y, m, d)
}

/// A commitment built directly: `deps` by ID, dates as days since 1970.
fn commitment(id: &str, deps: &[String], start: Option<Date>, due: Option<Date>) -> Commitment {
    let header = Header {
        kind: ItemKind::Commitment,
        id: Spanned::new(id.to_string(), Span::default()),
        title: Some(Spanned::new(format!("Title of {id}"), Span::default())),
        doc: None,
        keyword: Span::default(),
        span: Span::default(),
    };
    Commitment {
        header,
        principles: vec![],
        rights: vec![],
        restricts: vec![],
        justification: None,
        stages: vec![],
        lead: None,
        support: vec![],
        depends_on: deps
            .iter()
            .map(|d| Ref {
                name: d.clone(),
                span: Span::default(),
            })
            .collect(),
        start: start.map(|d| Spanned::new(d, Span::default())),
        due: due.map(|d| Spanned::new(d, Span::default())),
        budget: None,
        status: None,
        aligns: vec![],
        evidence: vec![],
        targets: vec![],
    }
}

fn spec_of(commitments: Vec<Commitment>) -> Spec {
    let mut spec = parse("policy P \"p\" { horizon: 2025-01-01 .. 2030-12-31 }\n");
    spec.commitments = commitments;
    spec
}

const SMALL: &str = r#"
policy P "Small" { horizon: 2025-01-01 .. 2030-12-31 }
agency AG "Agency"
commitment A "First" { lead: AG  start: 2025-01-01  due: 2025-01-31 }
commitment B "Second" { lead: AG  depends_on: [A]  due: 2025-03-31 }
commitment C "Third" { lead: AG  depends_on: [A]  start: 2025-02-15  due: 2025-02-28 }
commitment D "Fourth" { lead: AG  depends_on: [C, B]  due: 2026-12-31 }
commitment E "Fifth" { lead: AG  start: 2025-01-01  due: 2025-12-31 }
commitment F "Sixth" { lead: AG  depends_on: [D, NOPE] }
"#;

fn node<'a>(g: &'a CommitmentGraph, id: &str) -> &'a Node {
    match g.node(id) {
        Some(n) => n,
        None => panic!("no node {id}"),
    }
}

#[test]
fn critical_path_method_by_hand() {
    let spec = parse(SMALL);
    assert_eq!(spec.commitments.len(), 6);
    let g = build(&spec);
    let dates = |id: &str| {
        let n = node(&g, id);
        (
            n.duration_days,
            n.earliest_start,
            n.earliest_finish,
            n.latest_finish,
            n.slack_days,
        )
    };
    // A: its own start to its due, 30 days.
    assert_eq!(
        dates("A"),
        (
            Some(30),
            Some(day(2025, 1, 1)),
            Some(day(2025, 1, 31)),
            Some(day(2025, 1, 31)),
            Some(0)
        )
    );
    // B: no start, so from A's due to its own: 59 days.
    assert_eq!(
        dates("B"),
        (
            Some(59),
            Some(day(2025, 1, 31)),
            Some(day(2025, 3, 31)),
            Some(day(2025, 3, 31)),
            Some(0)
        )
    );
    // C: its own start (after A's finish), 13 days; it may slip to D's start.
    assert_eq!(
        dates("C"),
        (
            Some(13),
            Some(day(2025, 2, 15)),
            Some(day(2025, 2, 28)),
            Some(day(2025, 3, 31)),
            Some(31)
        )
    );
    // D: no start, so from the latest due of its prerequisites (B's).
    assert_eq!(
        dates("D"),
        (
            Some(640),
            Some(day(2025, 3, 31)),
            Some(day(2026, 12, 31)),
            Some(day(2026, 12, 31)),
            Some(0)
        )
    );
    // E: a whole year, and a year of slack.
    assert_eq!(
        dates("E"),
        (
            Some(364),
            Some(day(2025, 1, 1)),
            Some(day(2025, 12, 31)),
            Some(day(2026, 12, 31)),
            Some(365)
        )
    );
    // F: no due date, so no duration, at D's finish. NOPE is ignored.
    assert_eq!(
        dates("F"),
        (
            Some(0),
            Some(day(2026, 12, 31)),
            Some(day(2026, 12, 31)),
            Some(day(2026, 12, 31)),
            Some(0)
        )
    );
    assert_eq!(node(&g, "F").prerequisites, ["D"]);
    assert_eq!(node(&g, "D").prerequisites, ["B", "C"]);
    assert_eq!(node(&g, "A").dependents, ["B", "C"]);
    assert_eq!(g.project_end(), Some(day(2026, 12, 31)));
    assert_eq!(g.critical_path(), ["A", "B", "D", "F"]);
    let critical: Vec<(&str, &str)> = g
        .edges()
        .iter()
        .filter(|e| e.critical)
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(critical, [("A", "B"), ("B", "D"), ("D", "F")]);
    assert!(node(&g, "A").critical && !node(&g, "C").critical && !node(&g, "E").critical);
    assert_eq!(
        g.phases(),
        [vec!["A", "E"], vec!["B", "C"], vec!["D"], vec!["F"]]
    );
    assert_eq!(node(&g, "D").phase, Some(3));
    assert!(!g.has_cycle());
    let edges: Vec<(&str, &str)> = g
        .edges()
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(
        edges,
        [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "F")]
    );
}

#[test]
fn year_precision_dates_run_from_the_first_to_the_last_day() {
    // The syntax wants full dates in `start` and `due`; the graph takes
    // whatever the AST holds.
    let y1 = commitment("Y1", &[], Some(Date::year(2025)), Some(Date::year(2026)));
    let y2 = commitment("Y2", &["Y1".into()], None, Some(Date::year(2027)));
    let y3 = commitment("Y3", &[], None, Some(Date::year(2025)));
    let g = build(&spec_of(vec![y1, y2, y3]));
    let figures = |id: &str| {
        let n = node(&g, id);
        (
            n.duration_days,
            n.earliest_start,
            n.earliest_finish,
            n.slack_days,
        )
    };
    assert_eq!(
        figures("Y1"),
        (
            Some(729),
            Some(day(2025, 1, 1)),
            Some(day(2026, 12, 31)),
            Some(0)
        )
    );
    assert_eq!(
        figures("Y2"),
        (
            Some(365),
            Some(day(2026, 12, 31)),
            Some(day(2027, 12, 31)),
            Some(0)
        )
    );
    assert_eq!(
        figures("Y3"),
        (
            Some(364),
            Some(day(2025, 1, 1)),
            Some(day(2025, 12, 31)),
            Some(730)
        )
    );
    assert_eq!(g.critical_path(), ["Y1", "Y2"]);
    assert_eq!(
        node(&g, "Y2").due.map(|d| d.to_string()),
        Some("2027".into())
    );
}

#[test]
fn without_starts_everything_runs_from_the_horizon() {
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment A "a" { due: 2025-12-31 }
commitment B "b" { due: 2026-12-31 }
commitment C "c" { depends_on: [A]  due: 2026-06-30 }
"#,
    );
    let g = build(&spec);
    assert_eq!(node(&g, "A").earliest_start, Some(day(2025, 1, 1)));
    assert_eq!(node(&g, "A").duration_days, Some(364));
    assert_eq!(node(&g, "C").earliest_start, Some(day(2025, 12, 31)));
    assert_eq!(node(&g, "C").duration_days, Some(181));
    assert_eq!(g.critical_path(), ["B"]);
    assert_eq!(node(&g, "A").slack_days, Some(184));
    assert_eq!(node(&g, "C").slack_days, Some(184));
}

#[test]
fn a_start_before_the_prerequisites_are_due_counts_what_is_left() {
    // Y starts early (preparatory work); what waits on X is the rest.
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment X "x" { start: 2025-01-01  due: 2025-12-31 }
commitment Y "y" { depends_on: [X]  start: 2025-06-01  due: 2026-06-30 }
"#,
    );
    let g = build(&spec);
    let y = node(&g, "Y");
    assert_eq!(y.duration_days, Some(181));
    assert_eq!(y.earliest_start, Some(day(2025, 12, 31)));
    assert_eq!(y.earliest_finish, Some(day(2026, 6, 30)));
    assert_eq!(g.project_end(), Some(day(2026, 6, 30)));
    assert_eq!(g.critical_path(), ["X", "Y"]);
}

#[test]
fn a_start_later_than_the_prerequisites_ends_the_critical_path() {
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment A "a" { due: 2025-03-31 }
commitment B "b" { depends_on: [A]  start: 2026-01-01  due: 2026-12-31 }
"#,
    );
    let g = build(&spec);
    assert_eq!(g.critical_path(), ["B"]);
    assert_eq!(node(&g, "A").slack_days, Some(276));
    assert!(g.edges().iter().all(|e| !e.critical));
}

#[test]
fn bad_dates_never_give_negative_durations_or_slack() {
    // Start after due; due before the prerequisite's due.
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment A "a" { start: 2026-01-01  due: 2025-01-01 }
commitment B "b" { depends_on: [A]  due: 2024-01-01 }
"#,
    );
    let g = build(&spec);
    for n in g.nodes() {
        assert_eq!(n.duration_days, Some(0), "{}", n.id);
        assert!(n.slack_days.is_some_and(|s| s >= 0));
    }
}

#[test]
fn no_horizon_no_dates_no_panic() {
    let spec = parse("commitment A \"a\"\ncommitment B \"b\" { depends_on: [A] }\n");
    let g = build(&spec);
    assert_eq!(g.critical_path(), ["A", "B"]);
    assert_eq!(node(&g, "B").earliest_start, Some(day(1970, 1, 1)));
    let empty = build(&Spec::default());
    assert!(empty.nodes().is_empty() && empty.critical_path().is_empty());
    assert!(empty.impact("A").is_none());
    let _ = (
        to_dot(&empty, Lang::En),
        to_mermaid(&empty, Lang::Es),
        to_json(&empty, Lang::En),
    );
}

#[test]
fn cycles_and_what_lies_behind_them_have_no_phase() {
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment W "w" { due: 2025-06-30 }
commitment X "x" { depends_on: [Y, W]  due: 2026 }
commitment Y "y" { depends_on: [X]  due: 2026 }
commitment Z "z" { depends_on: [X]  due: 2027 }
commitment S "s" { depends_on: [S] }
commitment D "d" { due: 2025-12-31 }
commitment D "duplicate" { depends_on: [S] }
"#,
    );
    let g = build(&spec);
    assert!(g.has_cycle());
    assert_eq!(g.cycles(), [vec!["X", "Y"], vec!["S"]]);
    assert_eq!(g.phases(), [vec!["W", "D"]]);
    assert_eq!(g.nodes().len(), 6, "the second D is left out");
    for id in ["X", "Y", "Z", "S"] {
        let n = node(&g, id);
        assert_eq!(
            (n.phase, n.slack_days, n.earliest_start),
            (None, None, None)
        );
        assert!(!n.critical);
    }
    assert!(node(&g, "X").on_cycle && !node(&g, "Z").on_cycle);
    // W's only dependent is on a cycle: W counts as a sink.
    assert_eq!(g.critical_path(), ["D"]);
    assert_eq!(node(&g, "W").slack_days, Some(184));
    let impact = g.impact("X");
    let held: Vec<String> = impact
        .map(|i| i.held_up.into_iter().map(|h| h.id).collect())
        .unwrap_or_default();
    assert_eq!(held, ["Y", "Z"]);
    let dot = to_dot(&g, Lang::Es);
    assert!(dot.contains("cluster_cycle") && dot.contains("En un ciclo o tras él"));
}

#[test]
fn impact_lists_held_up_commitments_with_shortest_chains() {
    let g = build(&parse(SMALL));
    let Some(impact) = g.impact("A") else {
        panic!("A is a commitment")
    };
    assert_eq!(impact.slack_days, Some(0));
    let rows: Vec<(&str, Option<usize>, Vec<&str>)> = impact
        .held_up
        .iter()
        .map(|h| {
            (
                h.id.as_str(),
                h.phase,
                h.chain.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("B", Some(2), vec!["A", "B"]),
            ("C", Some(2), vec!["A", "C"]),
            ("D", Some(3), vec!["A", "B", "D"]),
            ("F", Some(4), vec!["A", "B", "D", "F"]),
        ]
    );
    assert_eq!(impact.held_up[3].distance, 3);
    assert_eq!(
        g.held_up("C"),
        Some(vec!["D", "F"]),
        "C holds up D and through it F"
    );
    assert_eq!(g.impact("E").map(|i| i.held_up.len()), Some(0));
    assert!(g.impact("NOPE").is_none());
}

#[test]
fn long_chains_are_cut_in_the_middle() {
    let ids: Vec<String> = (0..30).map(|i| format!("c{i}")).collect();
    let cs = (0..30)
        .map(|i| {
            let deps = if i == 0 {
                vec![]
            } else {
                vec![ids[i - 1].clone()]
            };
            commitment(&ids[i], &deps, None, Some(Date::year(2026)))
        })
        .collect();
    let g = build(&spec_of(cs));
    let Some(impact) = g.impact("c0") else {
        panic!("c0 is a commitment")
    };
    let last = &impact.held_up[28];
    assert_eq!(last.id, "c29");
    assert_eq!(last.distance, 29);
    assert_eq!(
        last.chain,
        ["c0", "c1", "c2", "c3", "c4", "c5", "c24", "c25", "c26", "c27", "c28", "c29"]
    );
    let eleven = &impact.held_up[10];
    assert_eq!(eleven.chain.len(), 12, "11 links: 12 commitments, in full");
    let twelve = &impact.held_up[11];
    assert_eq!(twelve.chain.first().map(String::as_str), Some("c0"));
    assert_eq!(twelve.chain.len(), 12);
    assert_eq!(twelve.chain[6], "c7");
    let text = impact_text(&g, &spec_of(vec![]), "c0", Lang::En);
    assert!(text.contains("c0 → c1 → c2 → c3 → c4 → c5 → … → c24 → c25"));
}

#[test]
fn impact_text_in_both_languages() {
    let spec = parse(SMALL);
    let g = build(&spec);
    let en = impact_text(&g, &spec, "A", Lang::En);
    let expected_en = "\
A — First
due: 2025-01-31 · slack: 0 days · phase 1 · critical

A delay to A holds up 4 commitments:

  ID  Title   Due         Slack (days)  Chain
  B   Second  2025-03-31             0  A → B
  C   Third   2025-02-28            31  A → C
  D   Fourth  2026-12-31             0  A → B → D
  F   Sixth   —                      0  A → B → D → F
";
    assert_eq!(en, expected_en);
    let es = impact_text(&g, &spec, "C", Lang::Es);
    assert!(es.starts_with("C — Third\nplazo: 2025-02-28 · holgura: 31 días · fase 2\n"));
    assert!(es.contains("Un retraso de C retrasa 2 compromisos:"));
    assert!(es.contains("Holgura (días)"));
    let none = impact_text(&g, &spec, "F", Lang::En);
    assert!(none.contains("A delay to F holds up no other commitment."));
    assert_eq!(
        impact_text(&g, &spec, "AG", Lang::Es),
        "`AG` es una institución, no un compromiso\n"
    );
    assert_eq!(
        impact_text(&g, &spec, "AG", Lang::En),
        "`AG` is an agency, not a commitment\n"
    );
    let missing = impact_text(&g, &spec, "a", Lang::En);
    assert!(missing.starts_with("no commitment `a` in the spec\n"));
}

#[test]
fn dot_escapes_and_marks_the_critical_path() {
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment C-1 "Quotes \" and \\ backslash" { due: 2025-06-30 }
commitment Ñandú "Línea\nnueva" { depends_on: [C-1]  due: 2026-12-31 }
"#,
    );
    let g = build(&spec);
    let dot = to_dot(&g, Lang::Es);
    assert!(dot.starts_with("digraph commitments {\n  rankdir=LR;\n"));
    assert!(dot.contains(
        r#""C-1" [label="C-1\nQuotes \" and \\ backslash\n2025-06-30", style="rounded,bold""#
    ));
    assert!(dot.contains(r#"label="Fase 2";"#));
    assert!(dot.contains(r##""C-1" -> "Ñandú" [color="#c0392b""##));
    assert_eq!(dot.matches("subgraph cluster_phase").count(), 2);
    // Titles are wrapped at spaces; a newline in a title is one of them.
    assert!(dot.contains(r#""Ñandú" [label="Ñandú\nLínea nueva\n2026-12-31""#));
    let text = impact_text(&g, &spec, "C-1", Lang::En);
    assert!(text.contains("  Ñandú  Línea nueva  2026-12-31"), "{text}");
}

#[test]
fn mermaid_sanitises_ids_and_escapes_labels() {
    let spec = parse(
        r##"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31 }
commitment C-1 "Say \"hi\" & <b>#1</b>" { due: 2025-06-30 }
commitment Ñandú "Two" { depends_on: [C-1]  due: 2026-12-31 }
commitment X "Off the path" { depends_on: [C-1]  due: 2025-07-01 }
"##,
    );
    let g = build(&spec);
    let m = to_mermaid(&g, Lang::En);
    let expected = "\
flowchart LR
  subgraph phase1[\"Phase 1\"]
    n0[\"C-1<br/>Say #quot;hi#quot; #amp; #lt;b#gt;#35;1#lt;/b#gt;<br/>2025-06-30\"]
  end
  subgraph phase2[\"Phase 2\"]
    n1[\"Ñandú<br/>Two<br/>2026-12-31\"]
    n2[\"X<br/>Off the path<br/>2025-07-01\"]
  end
  n0 --> n1
  n0 --> n2
  classDef critical stroke:#c0392b,stroke-width:3px,font-weight:bold
  class n0,n1 critical
  linkStyle 0 stroke:#c0392b,stroke-width:3px
";
    assert_eq!(m, expected);
}

#[test]
fn json_has_the_four_parts() {
    let g = build(&parse(SMALL));
    let v = to_json(&g, Lang::Es);
    assert_eq!(v["critical_path"], serde_json::json!(["A", "B", "D", "F"]));
    assert_eq!(v["phases"][0], serde_json::json!(["A", "E"]));
    assert_eq!(v["nodes"][3]["due"], "2026-12-31");
    assert_eq!(v["nodes"][3]["slack_days"], 0);
    assert_eq!(v["nodes"][5]["due"], serde_json::Value::Null);
    assert_eq!(
        v["edges"][0],
        serde_json::json!({"from": "A", "to": "B", "critical": true})
    );
    assert_eq!(v["has_cycle"], false);
    assert_eq!(v["language"], "es");
}

#[test]
fn policy_graph_links_everything_to_the_commitments() {
    let spec = parse(
        r#"
policy P "x" {
  horizon: 2025-01-01 .. 2030-12-31
  language: es
  scope { rights: [icrmw.art25, R1] }
}
use icrmw
agency AG "Agency"
agency SUP "Support"
principle P1 "Principle"
right R1 "Own right"
evidence E1 "Study" { kind: research  year: 2024 }
commitment C1 "One" {
  principles: [P1, NOPE]
  rights: [icrmw.art28, R1, icrmw.art28]
  restricts: [icrmw.art8]
  lead: AG
  support: [SUP, P1]
  evidence: [E1]
  due: 2026-12-31
  target T1 "Target" { indicator: "i"  value: 1 by 2026 }
}
commitment C2 "Two" { depends_on: [C1]  lead: AG  due: 2027-12-31 }
consultation K1 "Consultation" { covers: [C1, P1, AG] }
"#,
    );
    let pg = policy_graph(&spec);
    let nodes: Vec<(&str, &str)> = pg
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.kind.as_str()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("C1", "commitment"),
            ("C2", "commitment"),
            ("P1", "principle"),
            ("R1", "right"),
            ("icrmw.art25", "right"),
            ("icrmw.art28", "right"),
            ("icrmw.art8", "right"),
            ("AG", "agency"),
            ("SUP", "agency"),
            ("T1", "target"),
            ("K1", "consultation"),
            ("E1", "evidence"),
        ]
    );
    let edges: Vec<(&str, &str, &str)> = pg
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.relation.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(
        edges,
        [
            ("C1", "puts_into_practice", "P1"),
            ("C1", "advances", "icrmw.art28"),
            ("C1", "advances", "R1"),
            ("C1", "restricts", "icrmw.art8"),
            ("AG", "leads", "C1"),
            ("SUP", "supports", "C1"),
            ("T1", "measures", "C1"),
            ("C1", "rests_on", "E1"),
            ("C2", "depends_on", "C1"),
            ("AG", "leads", "C2"),
            ("K1", "covers", "C1"),
            ("K1", "covers", "P1"),
        ]
    );
    // Catalogue titles in the spec's language.
    assert!(pg
        .node("icrmw.art25")
        .is_some_and(|n| n.label != "icrmw.art25" && !n.label.is_empty()));
    let json = serde_json::to_value(&pg).unwrap_or_default();
    assert_eq!(json["edges"][0]["relation"], "puts_into_practice");
    assert_eq!(json["nodes"][0]["kind"], "commitment");
}

#[test]
fn catalogue_rights_need_their_use() {
    let spec = parse(
        r#"
policy P "x" { horizon: 2025-01-01 .. 2030-12-31  scope { rights: [icrmw.*] } }
commitment C1 "One" { rights: [icrmw.art28]  due: 2026-12-31 }
"#,
    );
    let pg = policy_graph(&spec);
    assert_eq!(pg.nodes.len(), 1);
    assert!(pg.edges.is_empty());
}

#[test]
fn a_hundred_thousand_commitments_chain_and_fan() {
    // A chain of 50,000 and a fan of 50,000 off its first link.
    let half = 50_000;
    let ids: Vec<String> = (0..2 * half).map(|i| format!("C{i}")).collect();
    let mut cs = Vec::with_capacity(2 * half);
    for i in 0..2 * half {
        let deps = match i {
            0 => vec![],
            i if i < half => vec![ids[i - 1].clone()],
            _ => vec![ids[0].clone()],
        };
        let due = Day(Day::from_ymd(2025, 1, 1).0 + i as i64 % 2000).to_date();
        cs.push(commitment(&ids[i], &deps, None, Some(due)));
    }
    let g = build(&spec_of(cs));
    assert_eq!(g.phases().len(), half);
    assert_eq!(g.phases()[1].len(), half + 1, "C1 and the fan");
    assert!(!g.has_cycle());
    assert!(g
        .nodes()
        .iter()
        .all(|n| n.slack_days.is_some_and(|s| s >= 0)));
    assert_eq!(g.critical_path().len(), half);
    let impact = g.impact("C0").map(|i| i.held_up.len());
    assert_eq!(impact, Some(2 * half - 1));
    assert_eq!(g.held_up("C1").map(|h| h.len()), Some(half - 2));
    assert!(to_dot(&g, Lang::En).len() > 1_000_000);
    assert!(to_mermaid(&g, Lang::En).contains("n99999"));

    // The same chain closed into a ring: one cycle of 50,000.
    let mut ring: Vec<Commitment> = (0..half)
        .map(|i| commitment(&ids[i], &[ids[(i + half - 1) % half].clone()], None, None))
        .collect();
    ring.push(commitment("T", &[ids[half - 1].clone()], None, None));
    let g = build(&spec_of(ring));
    assert_eq!(g.cycles().len(), 1);
    assert_eq!(g.cycles()[0].len(), half);
    assert!(g.phases().is_empty() && g.critical_path().is_empty());
    assert_eq!(g.impact("C0").map(|i| i.held_up.len()), Some(half));
}

/// A random spec: `n` commitments, dependencies given as (dependent,
/// prerequisite) position pairs, dates as day offsets from 2025-01-01.
fn random_spec(
    n: usize,
    deps: &[(usize, usize)],
    dates: &[(Option<i64>, Option<i64>, bool)],
) -> Spec {
    let base = Day::from_ymd(2025, 1, 1).0;
    let ids: Vec<String> = (0..n).map(|i| format!("K{i}")).collect();
    let cs = (0..n)
        .map(|i| {
            let mine: Vec<String> = deps
                .iter()
                .filter(|(d, _)| *d == i)
                .map(|(_, p)| ids[*p].clone())
                .collect();
            let (start, due, year) = dates[i];
            let as_date = |o: i64| {
                let d = Day(base + o).to_date();
                if year {
                    Date::year(d.year)
                } else {
                    d
                }
            };
            commitment(&ids[i], &mine, start.map(as_date), due.map(as_date))
        })
        .collect();
    spec_of(cs)
}

fn dates_strategy(n: usize) -> impl Strategy<Value = Vec<(Option<i64>, Option<i64>, bool)>> {
    proptest::collection::vec(
        (
            proptest::option::of(0i64..2200),
            proptest::option::weighted(0.8, 0i64..2200),
            proptest::bool::weighted(0.2),
        ),
        n,
    )
}

/// A DAG: edges between positions of a random permutation, from earlier to
/// later, so that spec order and dependency order differ.
fn dag_strategy() -> impl Strategy<Value = (Spec, usize)> {
    (1usize..30)
        .prop_flat_map(|n| {
            (
                Just(n),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                proptest::collection::vec((0..n, 0..n), 0..3 * n),
                dates_strategy(n),
            )
        })
        .prop_map(|(n, perm, pairs, dates)| {
            let deps: Vec<(usize, usize)> = pairs
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| {
                    let (lo, hi) = (a.min(b), a.max(b));
                    (perm[hi], perm[lo])
                })
                .collect();
            (random_spec(n, &deps, &dates), n)
        })
}

fn any_graph_strategy() -> impl Strategy<Value = (Spec, usize)> {
    (1usize..25)
        .prop_flat_map(|n| {
            (
                Just(n),
                proptest::collection::vec((0..n, 0..n), 0..3 * n),
                dates_strategy(n),
            )
        })
        .prop_map(|(n, deps, dates)| (random_spec(n, &deps, &dates), n))
}

proptest! {
    #[test]
    fn dags_have_consistent_phases_slack_and_critical_path((spec, n) in dag_strategy()) {
        let g = build(&spec);
        prop_assert_eq!(g.nodes().len(), n);
        prop_assert!(!g.has_cycle());
        let phase = |id: &str| g.node(id).and_then(|n| n.phase);
        let d = |o: Option<Date>| o.map(Date::first_day);
        for e in g.edges() {
            let (from, to) = (phase(&e.from), phase(&e.to));
            prop_assert!(from.is_some() && to.is_some());
            prop_assert!(from < to, "{} -> {}", e.from, e.to);
        }
        for node in g.nodes() {
            // The phase is one more than the latest prerequisite's.
            let expected = node
                .prerequisites
                .iter()
                .filter_map(|p| phase(p))
                .max()
                .map_or(1, |k| k + 1);
            prop_assert_eq!(node.phase, Some(expected));
            let slack = node.slack_days;
            prop_assert!(slack.is_some_and(|s| s >= 0), "{}: {:?}", node.id, slack);
            prop_assert_eq!(node.critical, slack == Some(0));
            prop_assert!(d(node.earliest_start) <= d(node.earliest_finish));
            prop_assert!(d(node.latest_start) <= d(node.latest_finish));
            prop_assert!(d(node.earliest_finish) <= d(node.latest_finish));
            for p in &node.prerequisites {
                let pre = g.node(p);
                prop_assert!(pre.is_some_and(|pre| d(pre.earliest_finish) <= d(node.earliest_start)));
                prop_assert!(pre.is_some_and(|pre| d(pre.latest_finish) <= d(node.latest_start)));
            }
        }
        let listed: usize = g.phases().iter().map(Vec::len).sum();
        prop_assert_eq!(listed, n);
        let path = g.critical_path();
        prop_assert!(!path.is_empty());
        for id in path {
            prop_assert_eq!(g.node(id).and_then(|n| n.slack_days), Some(0));
        }
        prop_assert!(g.node(&path[path.len() - 1]).is_some_and(|n| n.dependents.is_empty()));
        prop_assert_eq!(
            g.node(&path[path.len() - 1]).and_then(|n| n.earliest_finish),
            g.project_end()
        );
        for w in path.windows(2) {
            let edge = g.edges().iter().find(|e| e.from == w[0] && e.to == w[1]);
            prop_assert!(edge.is_some_and(|e| e.critical), "{} -> {}", w[0], w[1]);
        }
        let critical_edges = g.edges().iter().filter(|e| e.critical).count();
        prop_assert_eq!(critical_edges, path.len() - 1);
        for node in g.nodes() {
            let Some(impact) = g.impact(&node.id) else {
                return Err(TestCaseError::fail("impact of a node"));
            };
            let held: Vec<&str> = impact.held_up.iter().map(|h| h.id.as_str()).collect();
            let mut sorted = held.clone();
            sorted.sort_by_key(|id| g.nodes().iter().position(|n| n.id == *id));
            let mut transitive = g.held_up(&node.id).unwrap_or_default();
            transitive.sort_by_key(|id| g.nodes().iter().position(|n| n.id == *id));
            prop_assert_eq!(sorted, transitive);
            for h in &impact.held_up {
                prop_assert_eq!(h.chain.first(), Some(&node.id));
                prop_assert_eq!(h.chain.last(), Some(&h.id));
                prop_assert_eq!(h.chain.len(), h.distance + 1);
                for w in h.chain.windows(2) {
                    prop_assert!(g.edges().iter().any(|e| e.from == w[0] && e.to == w[1]));
                }
            }
        }
    }

    #[test]
    fn any_graph_builds_and_renders((spec, n) in any_graph_strategy()) {
        let g = build(&spec);
        prop_assert_eq!(g.nodes().len(), n);
        let mut stray = false;
        for node in g.nodes() {
            match node.phase {
                Some(k) => {
                    for p in &node.prerequisites {
                        let pk = g.node(p).and_then(|p| p.phase);
                        prop_assert!(pk.is_some_and(|pk| pk < k));
                    }
                    prop_assert!(node.slack_days.is_some_and(|s| s >= 0));
                    prop_assert!(!node.on_cycle);
                }
                None => {
                    stray = true;
                    prop_assert!(node.slack_days.is_none() && !node.critical);
                }
            }
            prop_assert!(g.impact(&node.id).is_some());
        }
        prop_assert_eq!(stray, g.has_cycle());
        for id in g.critical_path() {
            prop_assert_eq!(g.node(id).and_then(|n| n.slack_days), Some(0));
        }
        let _ = to_dot(&g, Lang::En);
        let _ = to_mermaid(&g, Lang::Es);
        let _ = to_json(&g, Lang::En);
        if let Some(first) = g.nodes().first() {
            let _ = impact_text(&g, &spec, &first.id, Lang::Es);
        }
        let _ = policy_graph(&spec);
    }
}
