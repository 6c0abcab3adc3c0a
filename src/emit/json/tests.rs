#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::compile::compile_str;
use crate::diagnostic::render;
use crate::source::Span;

fn spec(text: &str) -> crate::compile::Compilation {
    compile_str("t.pacta", text)
}

const HEADER: &str = r#"
policy P "P" { horizon: 2025-03-01 .. 2030-12-31 }
agency A "A"
"#;

#[test]
fn as_of_prefers_the_command_line() {
    let c = spec(HEADER);
    let a = as_of(&c.spec, Some(Date::year(2027)));
    assert_eq!(a.source, AsOfSource::Cli);
    assert_eq!(a.date, Date::year(2027));
}

#[test]
fn as_of_without_observations_is_the_horizon_start() {
    let c = spec(HEADER);
    let a = as_of(&c.spec, None);
    assert_eq!(a.source, AsOfSource::HorizonStart);
    assert_eq!(a.date, Date::ymd(2025, 3, 1));
}

#[test]
fn as_of_without_a_policy_does_not_panic() {
    let c = spec("agency A \"A\"\n");
    let a = as_of(&c.spec, None);
    assert_eq!(a.date, Date::ymd(1970, 1, 1));
    let doc = document(&c, &a);
    assert!(doc.policy.is_none());
    assert!(to_string(&doc).ends_with("}\n"));
}

#[test]
fn as_of_is_the_latest_observation_by_its_last_day() {
    // `on 2026` counts on 2026-12-31: later than 2026-11-30, and a full
    // date on that same day wins over the year.
    let text = format!(
        "{HEADER}
commitment C \"C\" {{
  lead: A  due: 2030-12-31
  target T \"T\" {{
    indicator: \"i\"  baseline: 1 in 2024  value: 9 by 2030-12-31
    observed: 2 on 2026-11-30
    observed: 3 on 2026
    observed: 2 on 2025-01-01
  }}
  target U \"U\" {{
    indicator: \"j\"  baseline: 1 in 2024  value: 9 by 2030-12-31
    observed: 4 on 2026-12-31
  }}
}}
"
    );
    let c = spec(&text);
    assert_eq!(c.errors(), 0, "{:#?}", c.diagnostics);
    let a = as_of(&c.spec, None);
    assert_eq!(a.source, AsOfSource::LatestObservation);
    assert_eq!(a.date, Date::ymd(2026, 12, 31));

    let only_year = text.replace("observed: 4 on 2026-12-31", "");
    let a = as_of(&spec(&only_year).spec, None);
    assert_eq!(a.date, Date::year(2026));
}

#[test]
fn about_is_the_innermost_item() {
    let text = format!(
        "{HEADER}
commitment C \"C\" {{
  lead: A  due: 2030-12-31
  target T \"T\" {{ indicator: \"i\"  value: 9 by 2030-12-31 }}
}}
"
    );
    let c = spec(&text);
    let source = &c.sources.file(crate::source::FileId(0)).text;
    let at = |needle: &str| {
        let start = source.find(needle).unwrap();
        Span::new(crate::source::FileId(0), start, start + needle.len())
    };
    assert_eq!(
        build::about(&c.spec, at("indicator")),
        Some(("T".to_string(), ItemKind::Target))
    );
    assert_eq!(
        build::about(&c.spec, at("lead")),
        Some(("C".to_string(), ItemKind::Commitment))
    );
    assert_eq!(
        build::about(&c.spec, at("horizon")),
        Some(("P".to_string(), ItemKind::Policy))
    );
    // Outside every item (the text starts with a blank line), and in
    // another file: nothing.
    assert!(source.starts_with('\n'));
    assert_eq!(
        build::about(&c.spec, Span::new(crate::source::FileId(0), 0, 0)),
        None
    );
    assert_eq!(
        build::about(&c.spec, Span::new(crate::source::FileId(7), 0, 1)),
        None
    );
}

#[test]
fn warnings_are_the_diagnostic_json_form_plus_about() {
    let text = format!("{HEADER}\ncommitment C \"C\" {{ lead: A  due: 2030-12-31 }}\n");
    let c = spec(&text);
    assert_eq!(c.errors(), 0);
    let doc = document(&c, &as_of(&c.spec, None));
    assert!(!doc.warnings.is_empty());
    let warnings: Vec<_> = c.diagnostics.iter().filter(|d| !d.is_error()).collect();
    assert_eq!(warnings.len(), doc.warnings.len());
    for (d, w) in warnings.iter().zip(&doc.warnings) {
        let mut mine = serde_json::to_value(w).unwrap();
        let obj = mine.as_object_mut().unwrap();
        obj.remove("about");
        obj.remove("about_kind");
        let theirs = serde_json::to_value(render::json(d, &c.sources, c.lang())).unwrap();
        assert_eq!(mine, theirs);
    }
    let w0410 = doc.warnings.iter().find(|w| w.code == "W0410").unwrap();
    assert_eq!(w0410.about.as_deref(), Some("C"));
    assert_eq!(w0410.about_kind, Some(ItemKind::Commitment));
}

#[test]
fn schema_requires_every_property() {
    let s = schema();
    fn check(v: &serde_json::Value) {
        if let Some(obj) = v.as_object() {
            if let Some(props) = obj.get("properties").and_then(|p| p.as_object()) {
                let required = obj["required"].as_array().unwrap();
                assert_eq!(props.len(), required.len());
            }
            obj.values().for_each(check);
        } else if let Some(items) = v.as_array() {
            items.iter().for_each(check);
        }
    }
    check(&s);
    assert_eq!(s["title"], "Pacta document");
}

#[test]
fn output_is_pretty_with_a_trailing_newline() {
    let c = spec(HEADER);
    let out = to_string(&document(&c, &as_of(&c.spec, None)));
    assert!(out.starts_with("{\n  \"format\": \"pacta\",\n  \"format_version\": 1,\n"));
    assert!(out.ends_with("}\n") && !out.ends_with("}\n\n"));
}

#[test]
fn every_right_a_commitment_cites_is_listed() {
    // ICRMW article 34 is a provision, not a right of the migrant, but a
    // commitment may cite it: every ID in `rights` must join.
    let text = format!(
        "{HEADER}use icrmw\ncommitment C \"C\" {{ lead: A  due: 2030-12-31  rights: [icrmw.art34, icrmw.art25] }}\n"
    );
    let c = spec(&text);
    assert_eq!(c.errors(), 0, "{:#?}", c.diagnostics);
    let doc = document(&c, &as_of(&c.spec, None));
    let ids: Vec<&str> = doc.rights.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["icrmw.art25", "icrmw.art34"]);
    for r in &doc.commitments[0].rights {
        assert!(ids.contains(&r.as_str()), "{r} does not join");
    }
    let art34 = &doc.rights[1];
    assert_eq!(art34.coverage, CoverageStatus::Nominal);
    assert!(!art34.in_scope);
}
