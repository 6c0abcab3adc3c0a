//! Consistency checks (E0300–E0311) and the four qualities of a policy
//! (W0400–W0441): LANGUAGE.md section 5.
//!
//! [`check`] runs after name resolution, on the typed AST of the whole spec.
//! Each code is one rule: one function, in one of the submodules, whose doc
//! text (`docs/codes/CODE.md`) says what it reports, why it matters, an
//! example and how to fix it; `pacta explain` prints the same page.
//!
//! Invariants:
//! - A reference that does not resolve is skipped: the resolver reported
//!   it. When an ID is defined twice, the first definition is the one that
//!   counts (as in [`Spec::index`]).
//! - A warning that an item that failed to parse ([`Spec::broken`]) could
//!   make false is not given: a broken commitment may cite the principle,
//!   cover the right, address the stage.
//! - One problem, one diagnostic: where two rules would report the same
//!   mistake, the more specific one does (a non-derogable right restricted
//!   is E0309, not also E0308; a milestone before its baseline is E0305, not
//!   also E0304; a due date inside a dependency cycle is E0300 only).
//! - No input makes a rule panic.

mod budget;
mod dates;
mod deps;
mod quality;
mod rights;
mod targets;

use crate::ast::{Commitment, Header, Index, Policy, Quantity, Spec, Target};
use crate::diagnostic::{self, Code, Diagnostic, Lang};
use crate::lang::ItemKind;
use crate::source::Span;

/// Runs every consistency check and quality warning on a resolved spec.
/// The diagnostics come sorted ([`diagnostic::sort`]).
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    let cx = Cx::new(spec);
    let mut out = Vec::new();
    for rule in RULES {
        (rule.run)(&cx, &mut out);
    }
    diagnostic::sort(&mut out);
    out
}

/// The codes this phase reports, in order.
pub fn codes() -> impl Iterator<Item = Code> {
    RULES.iter().map(|r| r.code)
}

/// One rule: a code and the function that reports it. Its documentation
/// is `docs/codes/CODE.md`, which is also the function's rustdoc and what
/// `pacta explain` prints.
struct Rule {
    code: Code,
    run: fn(&Cx, &mut Vec<Diagnostic>),
}

macro_rules! rules {
    ($($code:ident => $run:path,)*) => {
        const RULES: &[Rule] = &[$(Rule {
            code: Code::$code,
            run: $run,
        }),*];
    };
}

rules! {
    E0300 => deps::cycle,
    E0301 => deps::due_before_prerequisite,
    E0302 => dates::outside_horizon,
    E0303 => dates::start_after_due,
    E0304 => targets::against_direction,
    E0305 => targets::before_baseline,
    E0306 => targets::percentage_range,
    E0307 => targets::disagreeing_targets,
    E0308 => rights::unjustified_restriction,
    E0309 => rights::non_derogable_restricted,
    E0310 => rights::advanced_and_restricted,
    E0311 => budget::foreign_currency,
    W0400 => budget::over_budget,
    W0410 => quality::without_target,
    W0411 => targets::without_baseline,
    W0412 => quality::without_principle,
    W0413 => quality::unused_principle,
    W0414 => quality::idle_agency,
    W0420 => quality::stage_not_addressed,
    W0430 => rights::coverage_gap,
    W0431 => rights::nominal_coverage,
    W0440 => quality::not_consulted,
    W0441 => quality::no_outside_voice,
}

/// What every rule reads: the spec, its items by ID, the policy.
struct Cx<'a> {
    spec: &'a Spec,
    index: Index<'a>,
    /// The policy, when there is exactly one (E0205 otherwise).
    policy: Option<&'a Policy>,
}

impl<'a> Cx<'a> {
    fn new(spec: &'a Spec) -> Cx<'a> {
        Cx {
            spec,
            index: spec.index(),
            policy: spec.policy(),
        }
    }

    /// Whether an item of this kind failed to parse.
    fn broken(&self, kind: ItemKind) -> bool {
        self.spec.broken.iter().any(|b| b.kind == kind)
    }

    /// The commitments that own their ID: each ID once, the first
    /// definition, in source order.
    fn commitments(&self) -> impl Iterator<Item = &'a Commitment> + '_ {
        self.spec.commitments.iter().filter(|c| {
            self.index
                .commitments
                .get(c.header.id.value.as_str())
                .is_some_and(|first| std::ptr::eq(*first, *c))
        })
    }

    /// Every target of every commitment.
    fn targets(&self) -> impl Iterator<Item = &'a Target> {
        self.spec.commitments.iter().flat_map(|c| &c.targets)
    }
}

/// Where to point at an item as a whole: its keyword and ID.
fn item_span(header: &Header) -> Span {
    if header.keyword.file == header.id.span.file {
        header.keyword.to(header.id.span)
    } else {
        header.id.span
    }
}

/// A quantity as written: `12_000`, `85%`.
fn quantity(q: &Quantity) -> String {
    if q.percent {
        format!("{}%", q.number.text)
    } else {
        q.number.text.clone()
    }
}

/// `a`, `a and b`, `a, b and c` in the given language.
fn join(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::En => "and",
        Lang::Es => "y",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod tests {
    use super::*;
    use crate::source::FileId;

    /// Parses and lowers a spec that must be free of syntax and field
    /// errors.
    pub(crate) fn spec(text: &str) -> Spec {
        let (cst, mut diags) = crate::syntax::parse(FileId(0), text);
        let (spec, more) = crate::lower::lower(&cst);
        diags.extend(more);
        assert!(
            diags.is_empty(),
            "the test spec does not lower cleanly: {:#?}",
            diags.iter().map(|d| &d.message.en).collect::<Vec<_>>()
        );
        spec
    }

    /// Parses and lowers a spec, then makes the `start` and `due` of the
    /// given commitments year dates (`2026`), which the lowerer does not
    /// read yet outside baselines, milestones and periods.
    pub(crate) fn with_years(text: &str, ids: &[&str]) -> Spec {
        let mut spec = spec(text);
        for c in &mut spec.commitments {
            if ids.contains(&c.header.id.value.as_str()) {
                for d in [&mut c.start, &mut c.due].into_iter().flatten() {
                    d.value = crate::ast::Date::year(d.value.year);
                }
            }
        }
        spec
    }

    /// The codes `check` reports, in order.
    pub(crate) fn codes_of(text: &str) -> Vec<Code> {
        check(&spec(text)).iter().map(|d| d.code).collect()
    }

    /// The diagnostics of one code.
    pub(crate) fn only(text: &str, code: Code) -> Vec<Diagnostic> {
        check(&spec(text))
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// The source text under the primary label, then under each secondary
    /// label.
    pub(crate) fn underlined<'t>(text: &'t str, d: &Diagnostic) -> Vec<&'t str> {
        let mut labels: Vec<_> = d.labels.iter().collect();
        labels.sort_by_key(|l| !l.primary);
        labels
            .iter()
            .map(|l| &text[l.span.start..l.span.end])
            .collect()
    }

    /// A spec with no problem at all, to build the others from.
    pub(crate) const CLEAN: &str = r#"
policy P "Policy" {
  horizon: 2025-01-01 .. 2030-12-31
  scope { stages: [destination] }
}
agency A "Agency" { sector: "interior" }
principle P1 "Principle" { description: "…" }
commitment C1 "Commitment" {
  principles: [P1]
  stages: [destination]
  lead: A
  due: 2027-12-31
  target T1 "Target" {
    indicator: "Migrants served"
    unit: "persons"
    baseline: 100 in 2024
    value: 200 by 2027-12-31
  }
}
"#;

    #[test]
    fn a_clean_spec_has_no_diagnostics() {
        assert_eq!(codes_of(CLEAN), []);
    }

    #[test]
    fn every_code_of_the_phase_has_a_rule() {
        let expected: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|c| (Code::E0300..=Code::W0441).contains(c))
            .collect();
        assert_eq!(codes().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn an_empty_spec_does_not_panic() {
        assert_eq!(check(&Spec::default()), []);
    }

    mod any_input {
        use super::*;
        use crate::ast::*;
        use proptest::prelude::*;

        fn span(n: usize) -> Span {
            Span::new(crate::source::FileId(0), n, n + 1)
        }

        fn header(kind: ItemKind, id: String) -> Header {
            Header {
                kind,
                id: Spanned::new(id, span(0)),
                title: None,
                doc: None,
                keyword: span(0),
                span: span(0),
            }
        }

        fn date() -> impl Strategy<Value = Date> {
            (-100_000i32..100_000, 0u32..15, 0u32..40, any::<bool>()).prop_map(
                |(year, month, day, whole_year)| Date {
                    year,
                    month,
                    day,
                    precision: if whole_year {
                        Precision::Year
                    } else {
                        Precision::Day
                    },
                },
            )
        }

        fn number() -> impl Strategy<Value = f64> {
            prop_oneof![
                -1e3f64..1e3,
                Just(f64::NAN),
                Just(f64::INFINITY),
                Just(f64::NEG_INFINITY),
                Just(f64::MAX),
                Just(-0.0),
            ]
        }

        fn measure() -> impl Strategy<Value = Measure> {
            (number(), any::<bool>(), date()).prop_map(|(v, percent, d)| Measure {
                quantity: Spanned::new(
                    Quantity {
                        number: Number {
                            value: v,
                            text: format!("{v}"),
                        },
                        percent,
                    },
                    span(1),
                ),
                date: Spanned::new(d, span(2)),
                span: span(1),
            })
        }

        fn name() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("C0".to_string()),
                Just("C1".to_string()),
                Just("R1".to_string()),
                Just("icrmw.art9".to_string()),
                Just("icrmw.art8".to_string()),
                Just("icrmw.*".to_string()),
                Just("".to_string()),
                Just(".*".to_string()),
            ]
        }

        fn refs() -> impl Strategy<Value = Vec<Ref>> {
            proptest::collection::vec(
                name().prop_map(|n| Ref {
                    name: n,
                    span: span(3),
                }),
                0..3,
            )
        }

        fn target() -> impl Strategy<Value = Target> {
            (
                proptest::option::of("[ a-zA-Z%.,-]{0,6}"),
                proptest::option::of(measure()),
                proptest::collection::vec(measure(), 0..4),
                proptest::option::of(0usize..3),
            )
                .prop_map(|(indicator, baseline, values, direction)| Target {
                    header: header(ItemKind::Target, "T".into()),
                    indicator: indicator.map(|i| Spanned::new(i, span(4))),
                    unit: None,
                    baseline,
                    values,
                    direction: direction.map(|d| {
                        let all = [
                            Direction::Increase,
                            Direction::Decrease,
                            Direction::Maintain,
                        ];
                        Spanned::new(all[d], span(5))
                    }),
                    source: None,
                    observed: vec![],
                })
        }

        fn commitment() -> impl Strategy<Value = Commitment> {
            (
                name(),
                (refs(), refs(), refs()),
                proptest::option::of(date()),
                proptest::option::of(date()),
                proptest::option::of((number(), any::<bool>())),
                proptest::collection::vec(target(), 0..3),
            )
                .prop_map(
                    |(id, (rights, restricts, depends_on), start, due, budget, targets)| {
                        Commitment {
                            header: header(ItemKind::Commitment, id),
                            principles: vec![],
                            rights,
                            restricts,
                            justification: None,
                            stages: vec![],
                            lead: None,
                            support: vec![],
                            depends_on,
                            start: start.map(|d| Spanned::new(d, span(6))),
                            due: due.map(|d| Spanned::new(d, span(7))),
                            budget: budget.map(|(v, usd)| {
                                Spanned::new(
                                    Money {
                                        amount: Number {
                                            value: v,
                                            text: String::new(),
                                        },
                                        currency: if usd { "USD" } else { "EUR" }.into(),
                                    },
                                    span(8),
                                )
                            }),
                            status: None,
                            aligns: vec![],
                            evidence: vec![],
                            targets,
                        }
                    },
                )
        }

        proptest! {
            /// No spec makes `check` panic, and its output comes sorted.
            #[test]
            fn check_never_panics(
                commitments in proptest::collection::vec(commitment(), 0..5),
                horizon in proptest::option::of((date(), date())),
                budget in proptest::option::of(number()),
                scope in refs(),
                adopted in any::<bool>(),
            ) {
                let policy = Policy {
                    header: header(ItemKind::Policy, "P".into()),
                    jurisdiction: None,
                    version: None,
                    status: adopted.then(|| Spanned::new(PolicyStatus::Adopted, span(9))),
                    language: None,
                    horizon: horizon.map(|(start, end)| Spanned::new(Period { start, end }, span(10))),
                    budget: budget.map(|v| Spanned::new(
                        Money { amount: Number { value: v, text: String::new() }, currency: "USD".into() },
                        span(11),
                    )),
                    scope: Some(Scope { span: span(12), rights: scope, stages: None }),
                };
                let spec = Spec {
                    policies: vec![policy],
                    rights: vec![Right {
                        header: header(ItemKind::Right, "R1".into()),
                        description: None,
                        non_derogable: Some(Spanned::new(true, span(13))),
                    }],
                    commitments,
                    ..Spec::default()
                };
                let out = check(&spec);
                let mut sorted = out.clone();
                diagnostic::sort(&mut sorted);
                prop_assert_eq!(out, sorted);
            }
        }
    }

    #[test]
    fn join_lists() {
        let xs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join(&xs(&[]), Lang::En), "");
        assert_eq!(join(&xs(&["a"]), Lang::En), "a");
        assert_eq!(join(&xs(&["a", "b"]), Lang::Es), "a y b");
        assert_eq!(join(&xs(&["a", "b", "c"]), Lang::En), "a, b and c");
    }
}
