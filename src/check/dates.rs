//! Dates against the policy horizon (E0302) and against each other
//! (E0303).
//!
//! A date may be a year. As a start or a baseline it stands for its first
//! day, as a due date or a milestone for its last day.

use super::Cx;
use crate::ast::{Date, Day, Spanned};
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::source::Span;
use crate::tr;

/// The policy horizon, both ends inclusive, and where it is written; `None`
/// when there is none or it ends before it starts.
fn horizon(cx: &Cx) -> Option<(Day, Day, Span)> {
    let h = cx.policy?.horizon.as_ref()?;
    let (start, end) = (h.value.start.first_day(), h.value.end.last_day());
    (start <= end).then_some((start, end, h.span))
}

/// Which date of which item: for messages.
enum What<'a> {
    Start(&'a str),
    Due(&'a str),
    Milestone(&'a str),
}

/// Reports E0302: a date outside the policy horizon.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0302.md")]
pub(super) fn outside_horizon(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some((start, end, span)) = horizon(cx) else {
        return;
    };
    let check = |out: &mut Vec<Diagnostic>, date: &Spanned<Date>, day: Day, what: What| {
        let (from, to) = (start.to_date(), end.to_date());
        let d = date.value;
        let (message, label) = if day < start {
            (
                match what {
                    What::Start(c) => tr!(
                        "start `{d}` of `{c}` is before the policy horizon",
                        "el inicio `{d}` de `{c}` es anterior al horizonte de la política"
                    ),
                    What::Due(c) => tr!(
                        "due date `{d}` of `{c}` is before the policy horizon",
                        "el plazo `{d}` de `{c}` es anterior al horizonte de la política"
                    ),
                    What::Milestone(t) => tr!(
                        "milestone `{d}` of target `{t}` is before the policy horizon",
                        "el hito `{d}` de la meta `{t}` es anterior al horizonte de la política"
                    ),
                },
                tr!("before {from}", "anterior a {from}"),
            )
        } else if day > end {
            (
                match what {
                    What::Start(c) => tr!(
                        "start `{d}` of `{c}` is after the policy horizon",
                        "el inicio `{d}` de `{c}` es posterior al horizonte de la política"
                    ),
                    What::Due(c) => tr!(
                        "due date `{d}` of `{c}` is after the policy horizon",
                        "el plazo `{d}` de `{c}` es posterior al horizonte de la política"
                    ),
                    What::Milestone(t) => tr!(
                        "milestone `{d}` of target `{t}` is after the policy horizon",
                        "el hito `{d}` de la meta `{t}` es posterior al horizonte de la política"
                    ),
                },
                tr!("after {to}", "posterior a {to}"),
            )
        } else {
            return;
        };
        out.push(
            Diagnostic::new(Code::E0302, message)
                .primary(date.span, label)
                .secondary(
                    span,
                    tr!("the horizon is {from} .. {to}", "el horizonte es {from} .. {to}"),
                )
                .help(tr!(
                    "move the date into {from} .. {to}, or widen the policy's `horizon`",
                    "lleve la fecha dentro de {from} .. {to}, o amplíe el `horizonte` de la política"
                )),
        );
    };
    for c in &cx.spec.commitments {
        let id = c.header.id.value.as_str();
        if let Some(s) = &c.start {
            check(out, s, s.value.first_day(), What::Start(id));
        }
        if let Some(due) = &c.due {
            check(out, due, due.value.last_day(), What::Due(id));
        }
        for t in &c.targets {
            for m in &t.values {
                let tid = t.header.id.value.as_str();
                check(out, &m.date, m.date.value.last_day(), What::Milestone(tid));
            }
        }
    }
}

/// Reports E0303: a commitment that starts after it is due.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0303.md")]
pub(super) fn start_after_due(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in &cx.spec.commitments {
        let (Some(start), Some(due)) = (&c.start, &c.due) else {
            continue;
        };
        if start.value.first_day() <= due.value.last_day() {
            continue;
        }
        let id = &c.header.id.value;
        let (s, d) = (start.value, due.value);
        out.push(
            Diagnostic::new(
                Code::E0303,
                tr!(
                    "`{id}` starts after it is due: start `{s}`, due `{d}`",
                    "`{id}` empieza después de su plazo: inicio `{s}`, plazo `{d}`"
                ),
            )
            .primary(start.span, Text::new("starts here", "empieza aquí"))
            .secondary(due.span, Text::new("due here", "vence aquí"))
            .help(tr!(
                "the start must be on or before the due date: move one of them",
                "el inicio debe ser anterior o igual al plazo: mueva uno de los dos"
            )),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::check;
    use super::super::tests::{only, spec, underlined, with_years};
    use crate::diagnostic::Code;

    fn with(horizon: &str, commitment: &str) -> String {
        format!(
            r#"
policy P "P" {{ horizon: {horizon} }}
agency A "A"
{commitment}
"#
        )
    }

    #[test]
    fn a_year_horizon_covers_the_whole_years() {
        let text = with(
            "2025 .. 2026",
            r#"commitment C1 "c" { lead: A  start: 2025-01-01  due: 2026-12-31 }"#,
        );
        assert!(only(&text, Code::E0302).is_empty());
        let text = with(
            "2025 .. 2026",
            r#"commitment C1 "c" { lead: A  start: 2024-12-31  due: 2027-01-01 }"#,
        );
        let ds = only(&text, Code::E0302);
        assert_eq!(ds.len(), 2);
        assert_eq!(
            ds[0].message.en,
            "start `2024-12-31` of `C1` is before the policy horizon"
        );
        assert_eq!(underlined(&text, &ds[0]), ["2024-12-31", "2025 .. 2026"]);
        assert_eq!(
            ds[0].labels[1].message.as_ref().unwrap().en,
            "the horizon is 2025-01-01 .. 2026-12-31"
        );
        assert_eq!(
            ds[1].message.en,
            "due date `2027-01-01` of `C1` is after the policy horizon"
        );
    }

    #[test]
    fn a_year_start_is_its_first_day_and_a_year_due_its_last() {
        // start 2024 is 2024-01-01: before a horizon from 2024-06-01; due
        // 2026 is 2026-12-31: after a horizon to 2026-06-30.
        let text = with(
            "2024-06-01 .. 2026-06-30",
            r#"commitment C1 "c" { lead: A  start: 2024-12-31  due: 2026-01-01 }"#,
        );
        assert!(only(&text, Code::E0302).is_empty());
        let ds: Vec<_> = check(&with_years(&text, &["C1"]))
            .into_iter()
            .filter(|d| d.code == Code::E0302)
            .collect();
        let messages: Vec<_> = ds.iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(
            messages,
            [
                "start `2024` of `C1` is before the policy horizon",
                "due date `2026` of `C1` is after the policy horizon"
            ]
        );
    }

    #[test]
    fn milestones_are_checked_but_baselines_and_observations_are_not() {
        let text = with(
            "2025 .. 2026",
            r#"commitment C1 "c" { lead: A  due: 2026-12-31
                 target T1 "t" {
                   indicator: "i"
                   baseline: 1 in 2020
                   value: 2 by 2026
                   value: 3 by 2027-03-01
                   observed: 1 on 2019-05-01
                 }
               }"#,
        );
        let ds = only(&text, Code::E0302);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.es,
            "el hito `2027-03-01` de la meta `T1` es posterior al horizonte de la política"
        );
    }

    #[test]
    fn an_inverted_horizon_is_not_compared() {
        // The lowerer reports such a horizon and drops it; a spec built
        // otherwise may still hold one.
        let text = with(
            "2025 .. 2030",
            r#"commitment C1 "c" { lead: A  due: 2040-12-31 }"#,
        );
        let mut spec = spec(&text);
        let horizon = spec.policies[0].horizon.as_mut().unwrap();
        std::mem::swap(&mut horizon.value.start, &mut horizon.value.end);
        assert!(check(&spec).iter().all(|d| d.code != Code::E0302));
    }

    #[test]
    fn start_after_due_with_year_precision() {
        let e0303 = |text: &str, years: &[&str]| {
            check(&with_years(text, years))
                .into_iter()
                .filter(|d| d.code == Code::E0303)
                .collect::<Vec<_>>()
        };
        // start 2026 and due 2026: 2026-01-01 to 2026-12-31.
        let same_year = with(
            "2025 .. 2030",
            r#"commitment C1 "c" { lead: A  start: 2026-06-01  due: 2026-02-01 }"#,
        );
        assert_eq!(e0303(&same_year, &[]).len(), 1);
        assert!(e0303(&same_year, &["C1"]).is_empty());
        let bad = with(
            "2025 .. 2030",
            r#"commitment C1 "c" { lead: A  start: 2027-01-01  due: 2026-12-31 }"#,
        );
        let ds = e0303(&bad, &[]);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "`C1` starts after it is due: start `2027-01-01`, due `2026-12-31`"
        );
        assert_eq!(underlined(&bad, &ds[0]), ["2027-01-01", "2026-12-31"]);
    }
}
