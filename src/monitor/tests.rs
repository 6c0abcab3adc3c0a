use super::*;
use crate::coverage::table::{width, MAX_WIDTH};
use crate::source::FileId;

fn spec(text: &str) -> Spec {
    let (cst, _) = crate::syntax::parse(FileId(0), text);
    let (spec, _) = crate::lower::lower(&cst);
    spec
}

/// A spec with one commitment `C` led by `A` holding the given target
/// fields (the target is `T`).
fn one_target(fields: &str) -> Spec {
    spec(&format!(
        r#"
policy P "p" {{ horizon: 2024-01-01 .. 2030-12-31 }}
agency A "A"
commitment C "c" {{
  lead: A
  due: 2030-12-31
  target T "t" {{
    indicator: "i"
    {fields}
  }}
}}
"#
    ))
}

fn target(m: &Monitoring) -> &TargetProgress {
    match m.commitments.first().and_then(|c| c.targets.first()) {
        Some(t) => t,
        None => panic!("no target"),
    }
}

fn status_of(fields: &str, as_of: Date) -> Status {
    target(&status(&one_target(fields), as_of)).status
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-4)
}

/// Baseline 100 on 2024-01-01, milestone 200 on 2025-12-31: 730 days. On
/// 2024-12-31, 365 days in, half the time is gone (e = 0.5).
const HALF_WAY: &str = "baseline: 100 in 2024\n value: 200 by 2025-12-31";

fn half_way(observed: &str) -> TargetProgress {
    let fields = format!("{HALF_WAY}\n observed: {observed} on 2024-12-31");
    target(&status(&one_target(&fields), Date::ymd(2024, 12, 31))).clone()
}

#[test]
fn classify_thresholds() {
    // on_track down to 10 points below the expectation, at_risk down to
    // 25 points below, off_track beneath; a reached milestone is on track.
    assert_eq!(classify(0.5, 0.5), Status::OnTrack);
    assert_eq!(classify(0.4, 0.5), Status::OnTrack);
    assert_eq!(classify(0.39, 0.5), Status::AtRisk);
    assert_eq!(classify(0.25, 0.5), Status::AtRisk);
    assert_eq!(classify(0.24, 0.5), Status::OffTrack);
    assert_eq!(classify(1.0, 1.0), Status::OnTrack);
    assert_eq!(classify(0.0, 0.0), Status::OnTrack);
    assert_eq!(classify(0.0, 0.25), Status::AtRisk);
    assert_eq!(classify(0.0, 0.3), Status::OffTrack);
    assert_eq!(classify(0.9, 1.0), Status::OnTrack);
    assert_eq!(classify(0.8, 1.0), Status::AtRisk);
    assert_eq!(classify(0.7, 1.0), Status::OffTrack);
}

#[test]
fn half_way_in_time_with_40_percent_progress_is_on_track_at_the_boundary() {
    // e = 365 / 730 = 0.5; 140 is 40% of the way from 100 to 200, exactly
    // 10 points below: still on track.
    let t = half_way("140");
    assert!(close(t.expected, 0.5));
    assert!(close(t.progress, 0.4));
    assert_eq!(t.status, Status::OnTrack);
    // 30% is 20 points below: at risk.
    let t = half_way("130");
    assert!(close(t.progress, 0.3));
    assert_eq!(t.status, Status::AtRisk);
    // 25% is exactly 25 points below: still at risk.
    assert_eq!(half_way("125").status, Status::AtRisk);
    // 20% is 30 points below: off track.
    assert_eq!(half_way("120").status, Status::OffTrack);
    // Ahead of time.
    assert_eq!(half_way("190").status, Status::OnTrack);
    // Worse than the baseline: progress is clamped to 0.
    let t = half_way("80");
    assert!(close(t.progress, 0.0));
    assert_eq!(t.status, Status::OffTrack);
}

#[test]
fn reaching_the_last_milestone_is_achieved_whatever_the_date() {
    assert_eq!(half_way("200").status, Status::Achieved);
    let t = half_way("230");
    assert!(
        close(t.progress, 1.3),
        "progress is not capped: {:?}",
        t.progress
    );
    assert_eq!(t.status, Status::Achieved);
}

#[test]
fn decrease_targets_cancel_the_signs() {
    // Baseline 40 on 2025-01-01, milestone 20 on 2026-12-31: 729 days.
    // On 2026-01-01, 365 days in: e = 365 / 729 ≈ 0.5007.
    let fields = |obs: &str| {
        format!(
            "baseline: 40 in 2025\n value: 20 by 2026-12-31\n direction: decrease\n observed: {obs} on 2026-01-01"
        )
    };
    let as_of = Date::ymd(2026, 1, 1);
    let m = status(&one_target(&fields("30")), as_of);
    let t = target(&m);
    assert!(close(t.expected, 365.0 / 729.0));
    assert!(close(t.progress, 0.5));
    assert_eq!(t.status, Status::OnTrack);
    assert_eq!(t.direction, Some(Direction::Decrease));
    assert!(!t.direction_inferred);
    // (36 − 40) / (20 − 40) = 0.2 < 0.5007 − 0.25: off track.
    assert_eq!(status_of(&fields("36"), as_of), Status::OffTrack);
    // (34 − 40) / (20 − 40) = 0.3 ≥ 0.2507: at risk.
    assert_eq!(status_of(&fields("34"), as_of), Status::AtRisk);
    assert_eq!(status_of(&fields("20"), as_of), Status::Achieved);
    assert_eq!(status_of(&fields("15"), as_of), Status::Achieved);
    // Going up is no progress at all.
    assert_eq!(status_of(&fields("45"), as_of), Status::OffTrack);
}

#[test]
fn the_direction_is_inferred_from_baseline_to_last_milestone() {
    let fields = "baseline: 40 in 2025\n value: 20 by 2026-12-31\n observed: 20 on 2026-01-01";
    let m = status(&one_target(fields), Date::ymd(2026, 6, 1));
    let t = target(&m);
    assert_eq!(t.direction, Some(Direction::Decrease));
    assert!(t.direction_inferred);
    assert_eq!(t.status, Status::Achieved);
}

#[test]
fn year_precision_dates() {
    // Baseline `in 2024` counts from 2024-01-01, the milestone `by 2026`
    // from 2026-12-31 (1095 days later), the observation `on 2025` from
    // 2025-12-31.
    let fields = "baseline: 0 in 2024\n value: 300 by 2026\n observed: 200 on 2025";
    // Mid-2025 the 2025 figure is not known yet.
    let m = status(&one_target(fields), Date::ymd(2025, 6, 30));
    assert_eq!(target(&m).status, Status::NotStarted);
    assert!(target(&m).latest.is_none());
    // `--as-of 2025` means 2025-12-31: 730 of 1095 days, e = 2/3, and the
    // observation is 2/3 of the way.
    let m = status(&one_target(fields), Date::year(2025));
    let t = target(&m);
    assert!(close(t.expected, 730.0 / 1095.0));
    assert!(close(t.progress, 2.0 / 3.0));
    assert_eq!(t.status, Status::OnTrack);
    assert_eq!(m.as_of, Date::year(2025));
}

#[test]
fn observations_after_the_date_are_ignored() {
    let fields = format!(
        "{HALF_WAY}\n observed: 190 on 2025-06-30\n observed: 150 on 2024-06-30\n observed: 120 on 2024-03-31"
    );
    let m = status(&one_target(&fields), Date::ymd(2024, 12, 31));
    let t = target(&m);
    // The latest on or before the date, not the last written nor the
    // highest.
    assert_eq!(t.latest.as_ref().map(|o| o.value), Some(150.0));
    assert!(close(t.progress, 0.5));
    assert_eq!(t.status, Status::OnTrack);
    // Before any observation: not started, with expected progress shown.
    let m = status(&one_target(&fields), Date::ymd(2024, 3, 1));
    let t = target(&m);
    assert_eq!(t.status, Status::NotStarted);
    assert!(t.latest.is_none() && t.progress.is_none());
    assert!(t.expected.is_some_and(|e| e > 0.0));
}

#[test]
fn on_equal_dates_the_observation_written_last_wins() {
    let fields = format!("{HALF_WAY}\n observed: 120 on 2024-06-30\n observed: 150 on 2024-06-30");
    let m = status(&one_target(&fields), Date::ymd(2024, 12, 31));
    assert_eq!(target(&m).latest.as_ref().map(|o| o.value), Some(150.0));
}

#[test]
fn before_the_baseline_date_nothing_has_started() {
    let fields = "baseline: 100 in 2025\n value: 200 by 2026-12-31\n observed: 150 on 2024-06-30";
    let m = status(&one_target(fields), Date::ymd(2024, 12, 31));
    let t = target(&m);
    assert_eq!(t.status, Status::NotStarted);
    assert!(t.reason.is_some());
    assert!(close(t.expected, 0.0));
}

#[test]
fn segments_start_at_the_previous_milestone_once_it_is_due() {
    // Milestones 35_000 by 2025-12-31 and 60_000 by 2026-12-31. On
    // 2026-07-02, 183 of the segment's 365 days are gone: e = 183 / 365.
    let fields = |obs: &str| {
        format!(
            "baseline: 12_000 in 2024\n value: 60_000 by 2026-12-31\n value: 35_000 by 2025-12-31\n observed: {obs} on 2026-06-30"
        )
    };
    let as_of = Date::ymd(2026, 7, 2);
    let m = status(&one_target(&fields("47_500")), as_of);
    let t = target(&m);
    assert_eq!(t.next_milestone.as_ref().map(|p| p.value), Some(60_000.0));
    assert_eq!(t.segment_start.as_ref().map(|p| p.value), Some(35_000.0));
    assert_eq!(t.last_milestone.as_ref().map(|p| p.value), Some(60_000.0));
    assert!(close(t.expected, 183.0 / 365.0));
    // (47_500 − 35_000) / (60_000 − 35_000) = 0.5.
    assert!(close(t.progress, 0.5));
    assert_eq!(t.status, Status::OnTrack);
    // Still below the previous milestone: no progress on this segment.
    let m = status(&one_target(&fields("30_000")), as_of);
    assert!(close(target(&m).progress, 0.0));
    assert_eq!(target(&m).status, Status::OffTrack);

    // Before the first milestone the segment starts at the baseline:
    // 2025-01-01 is 366 of 730 days; (23_500 − 12_000) / 23_000 = 0.5.
    let m = status(&one_target(&fields("23_500")), Date::ymd(2025, 1, 1));
    let t = target(&m);
    assert_eq!(t.next_milestone.as_ref().map(|p| p.value), Some(35_000.0));
    assert_eq!(t.segment_start.as_ref().map(|p| p.value), Some(12_000.0));
    // The observation of 2026 is after the date.
    assert_eq!(t.status, Status::NotStarted);
}

#[test]
fn after_the_last_milestone_the_last_segment_is_measured() {
    let fields = "baseline: 0 in 2024\n value: 100 by 2025-12-31\n value: 200 by 2026-12-31\n observed: 185 on 2027-03-31";
    let m = status(&one_target(fields), Date::ymd(2027, 6, 30));
    let t = target(&m);
    assert_eq!(t.next_milestone.as_ref().map(|p| p.value), Some(200.0));
    assert_eq!(t.segment_start.as_ref().map(|p| p.value), Some(100.0));
    assert!(close(t.expected, 1.0));
    assert!(close(t.progress, 0.85));
    // 0.85 ≥ 1 − 0.25 but < 1 − 0.10.
    assert_eq!(t.status, Status::AtRisk);
}

#[test]
fn maintain_targets_stay_within_five_percent() {
    let fields = |obs: &str| {
        format!(
            "baseline: 100% in 2025\n value: 100% by 2027-12-31\n direction: maintain\n observed: {obs} on 2026-06-30"
        )
    };
    let as_of = Date::ymd(2026, 12, 31);
    let m = status(&one_target(&fields("96%")), as_of);
    let t = target(&m);
    assert_eq!(t.status, Status::OnTrack);
    assert_eq!(t.expected, None);
    assert_eq!(t.progress, None);
    assert_eq!(status_of(&fields("95%"), as_of), Status::OnTrack);
    assert_eq!(status_of(&fields("94%"), as_of), Status::OffTrack);
    assert_eq!(status_of(&fields("106%"), as_of), Status::OffTrack);
    // Equal baseline and milestone without a direction: maintain too.
    let fields = "baseline: 50 in 2025\n value: 50 by 2027\n observed: 40 on 2026-01-01";
    assert_eq!(status_of(fields, as_of), Status::OffTrack);
}

#[test]
fn a_flat_segment_is_held_like_maintain() {
    // 45_000 by 2026-12-31 and again by 2027-12-31: in 2027 the segment is
    // flat.
    let fields = |obs: &str| {
        format!(
            "baseline: 30_000 in 2025\n value: 45_000 by 2026-12-31\n value: 45_000 by 2027-12-31\n value: 70_000 by 2029-12-31\n observed: {obs} on 2027-03-31"
        )
    };
    let as_of = Date::ymd(2027, 6, 30);
    let m = status(&one_target(&fields("44_000")), as_of);
    assert_eq!(target(&m).progress, None);
    assert_eq!(target(&m).status, Status::OnTrack);
    assert_eq!(status_of(&fields("46_000"), as_of), Status::OnTrack);
    assert_eq!(status_of(&fields("40_000"), as_of), Status::OffTrack);
}

#[test]
fn targets_without_baseline_or_milestone_are_unknown() {
    let as_of = Date::ymd(2026, 1, 1);
    for (fields, en) in [
        ("value: 2 by 2026", "no baseline"),
        ("baseline: 1 in 2024", "no milestone"),
        ("unit: \"x\"", "no baseline and no milestone"),
    ] {
        let m = status(&one_target(fields), as_of);
        let t = target(&m);
        assert_eq!(t.status, Status::Unknown);
        assert_eq!(t.reason.as_ref().map(|r| r.en.as_str()), Some(en));
    }
}

const ROLL_UP: &str = r#"
policy P "p" { horizon: 2024-01-01 .. 2030-12-31 }
agency A "Agency A"
agency B "Agency B"
agency IDLE "Idle"
commitment C1 "one" {
  lead: A
  due: 2030-12-31
  target T1 "on track" { indicator: "i" baseline: 0 in 2024 value: 10 by 2025-12-31 observed: 5 on 2024-12-31 }
  target T2 "off track" { indicator: "i" baseline: 0 in 2024 value: 10 by 2025-12-31 observed: 1 on 2024-12-31 }
  target T3 "not started" { indicator: "i" baseline: 0 in 2024 value: 10 by 2025-12-31 }
}
commitment C2 "two" {
  lead: A
  due: 2030-12-31
  target T4 "achieved" { indicator: "i" baseline: 0 in 2024 value: 10 by 2025-12-31 observed: 10 on 2024-12-31 }
  target T5 "unknown" { indicator: "i" value: 10 by 2025-12-31 }
}
commitment C3 "no targets" { lead: B due: 2030-12-31 }
commitment C4 "unresolved lead" { lead: NOBODY due: 2030-12-31 }
"#;

#[test]
fn roll_ups_per_commitment_and_agency() {
    let m = status(&spec(ROLL_UP), Date::ymd(2024, 12, 31));
    let statuses: Vec<(&str, Status)> = m
        .commitments
        .iter()
        .map(|c| (c.id.as_str(), c.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("C1", Status::OffTrack),
            ("C2", Status::Unknown),
            ("C3", Status::Unknown),
            ("C4", Status::Unknown),
        ]
    );
    let c1 = &m.commitments[0].counts;
    assert_eq!((c1.on_track, c1.off_track, c1.not_started), (1, 1, 1));
    assert_eq!(c1.total(), 3);

    let a = &m.agencies[0];
    assert_eq!(a.id, "A");
    assert_eq!(a.leads, ["C1", "C2"]);
    assert_eq!(a.status, Status::OffTrack);
    assert_eq!((a.commitments.off_track, a.commitments.unknown), (1, 1));
    assert_eq!(a.targets.total(), 5);
    assert_eq!((a.targets.achieved, a.targets.unknown), (1, 1));
    let b = &m.agencies[1];
    assert_eq!(
        (b.leads.len(), b.status, b.commitments.unknown),
        (1, Status::Unknown, 1)
    );
    let idle = &m.agencies[2];
    assert!(idle.leads.is_empty());
    assert_eq!(idle.status, Status::Unknown);
    assert_eq!(m.totals.total(), 5);
}

#[test]
fn worst_follows_the_severity_order() {
    use Status::*;
    assert_eq!(Status::worst([Achieved, OnTrack]), OnTrack);
    assert_eq!(Status::worst([OnTrack, NotStarted]), NotStarted);
    assert_eq!(Status::worst([NotStarted, Unknown]), Unknown);
    assert_eq!(Status::worst([Unknown, AtRisk]), AtRisk);
    assert_eq!(Status::worst([AtRisk, OffTrack, Achieved]), OffTrack);
    assert_eq!(Status::worst([]), Unknown);
}

#[test]
fn serializes_statuses_in_snake_case() {
    let m = status(&spec(ROLL_UP), Date::ymd(2024, 12, 31));
    let json = match serde_json::to_value(&m) {
        Ok(json) => json,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(json["as_of"], "2024-12-31");
    assert_eq!(json["commitments"][0]["status"], "off_track");
    assert_eq!(
        json["commitments"][0]["targets"][2]["status"],
        "not_started"
    );
    assert_eq!(json["commitments"][0]["targets"][0]["progress"], 0.5);
    assert_eq!(
        json["commitments"][1]["targets"][1]["reason"]["es"],
        "sin línea de base"
    );
    assert_eq!(
        json["commitments"][0]["targets"][0]["reason"],
        serde_json::Value::Null
    );
    assert_eq!(json["agencies"][0]["targets"]["on_track"], 1);
    assert_eq!(json["totals"]["achieved"], 1);
}

#[test]
fn table_in_english_without_colour() {
    let m = status(&spec(ROLL_UP), Date::ymd(2024, 12, 31));
    let table = render_table(&m, Lang::En, false);
    assert!(!table.contains('\x1b'));
    assert!(table.starts_with("Target progress as of 2024-12-31\n"));
    assert!(table.contains("C1  one  (A)  off track"));
    let row = table
        .lines()
        .find(|l| l.starts_with("  T1 "))
        .unwrap_or_default();
    assert!(row.contains("0 → 10 (2025-12-31)"), "{row}");
    assert!(row.contains("5 (2024-12-31)"), "{row}");
    assert!(row.contains("50%") && row.ends_with("on track"), "{row}");
    assert!(table.contains("no baseline"));
    assert!(table.contains("(no targets)"));
    assert!(table.contains("By agency"));
    assert!(!table.contains("IDLE"));
    assert!(table.contains(
        "All targets: 5 — 1 achieved, 1 on track, 1 not started, 1 unknown, 1 off track"
    ));
    assert!(table.lines().all(|l| width(l) <= MAX_WIDTH));
}

#[test]
fn table_in_spanish_with_colour() {
    let m = status(&spec(ROLL_UP), Date::ymd(2024, 12, 31));
    let table = render_table(&m, Lang::Es, true);
    assert!(table.contains("Avance de las metas al 2024-12-31"));
    assert!(table.contains("\x1b[31mdesviada\x1b[0m"));
    assert!(table.contains("en camino"));
    assert!(table.contains("lograda"));
    assert!(table.contains("sin línea de base"));
    assert!(table.contains("Por institución"));
}

#[test]
fn long_values_stay_within_100_columns() {
    let long = "y".repeat(200);
    let fields = format!(
        "baseline: 1_000_000_000_000_000 in 2024\n value: 2_000_000_000_000_000 by 2025-12-31\n observed: 1_500_000_000_000_000 on 2024-12-31\n unit: \"{long}\""
    );
    let text = format!(
        r#"
agency A_{long} "a"
commitment C_{long} "{long}" {{
  lead: A_{long}
  target T_{long} "t" {{ indicator: "{long}" {fields} }}
}}
"#
    );
    let m = status(&spec(&text), Date::ymd(2024, 12, 31));
    for lang in [Lang::En, Lang::Es] {
        let table = render_table(&m, lang, false);
        for line in table.lines() {
            assert!(width(line) <= MAX_WIDTH, "{line}");
        }
    }
}

#[test]
fn the_flagship_and_example_specs() {
    let texts = [
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/pnmi-cr.pacta")),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/features/targets.pacta"
        )),
    ];
    for text in texts {
        let s = spec(text);
        for as_of in [
            Date::ymd(2020, 1, 1),
            Date::year(2026),
            Date::ymd(2031, 1, 1),
        ] {
            let m = status(&s, as_of);
            assert_eq!(
                m.totals.total(),
                s.commitments.iter().map(|c| c.targets.len()).sum::<usize>()
            );
            for lang in [Lang::En, Lang::Es] {
                let table = render_table(&m, lang, false);
                assert!(table.lines().all(|l| width(l) <= MAX_WIDTH));
            }
        }
    }
}

#[test]
fn empty_and_broken_specs_do_not_panic() {
    for text in [
        "",
        "commitment",
        "commitment C { target T { baseline: 1 in 2024 value: by 2025 observed: 3 } }",
        "commitment C { target T { baseline: 0 in 2030 value: 5 by 2020 observed: 1 on 2025 } }",
        "commitment C { target T { baseline: 1e400 in 2024 value: 2 by 2025 observed: 1 on 2024 } }",
    ] {
        let m = status(&spec(text), Date::ymd(2025, 6, 30));
        let _ = render_table(&m, Lang::En, true);
        let _ = render_table(&m, Lang::Es, false);
        assert!(serde_json::to_string(&m).is_ok());
    }
}
