//! Targets: values against their direction (E0304), milestones before the
//! baseline (E0305), percentages (E0306), targets on one indicator that
//! disagree (E0307), and targets without a baseline (W0411).

use super::{item_span, quantity, Cx};
use crate::ast::{Day, Direction, Measure, Target};
use crate::diagnostic::{Code, Diagnostic, Lang, Text};
use crate::lang::{fold, Vocab};
use crate::tr;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The milestones of a target that do not precede its baseline (those are
/// E0305), in date order (by last day; equal dates keep their written
/// order).
fn milestones(t: &Target) -> Vec<&Measure> {
    let mut ms: Vec<&Measure> = t
        .values
        .iter()
        .filter(|m| !precedes_baseline(t, m))
        .collect();
    ms.sort_by_key(|m| m.date.value.last_day());
    ms
}

fn precedes_baseline(t: &Target, m: &Measure) -> bool {
    t.baseline
        .as_ref()
        .is_some_and(|b| m.date.value.last_day() < b.date.value.first_day())
}

fn value(m: &Measure) -> f64 {
    m.quantity.value.number.value
}

/// The direction a target's values take: from the baseline (or, without
/// one, the first milestone) to the last milestone. `None` when there is
/// nothing to compare.
pub(super) fn infer(baseline: Option<&Measure>, milestones: &[&Measure]) -> Option<Direction> {
    let last = milestones.last()?;
    let from = match baseline {
        Some(b) => b,
        None if milestones.len() >= 2 => milestones.first()?,
        None => return None,
    };
    Some(match value(last).partial_cmp(&value(from))? {
        Ordering::Greater => Direction::Increase,
        Ordering::Less => Direction::Decrease,
        Ordering::Equal => Direction::Maintain,
    })
}

/// Whether `next` goes back from `prev` against the direction.
fn backwards(direction: Direction, prev: &Measure, next: &Measure) -> bool {
    match direction {
        Direction::Increase => value(next) < value(prev),
        Direction::Decrease => value(next) > value(prev),
        Direction::Maintain => false,
    }
}

/// Reports E0304: target values that contradict the direction, or
/// milestones that go backwards.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0304.md")]
pub(super) fn against_direction(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for t in cx.targets() {
        let ms = milestones(t);
        let baseline = t.baseline.as_ref();
        let (direction, written) = match &t.direction {
            Some(d) => (d.value, true),
            None => match infer(baseline, &ms) {
                Some(d) => (d, false),
                None => continue,
            },
        };
        if direction == Direction::Maintain {
            continue;
        }
        let id = &t.header.id.value;
        let (en_dir, es_dir) = (direction.word(Lang::En), direction.word(Lang::Es));
        let how = if written {
            tr!(
                "target `{id}` has `direction: {en_dir}`",
                "la meta `{id}` tiene `dirección: {es_dir}`"
            )
        } else {
            let (en_way, es_way) = match direction {
                Direction::Increase => ("rises", "sube"),
                _ => ("falls", "baja"),
            };
            let (en_from, es_from) = if baseline.is_some() {
                ("the baseline", "la línea de base")
            } else {
                ("the first milestone", "el primer hito")
            };
            tr!(
                "milestones of `{id}` go backwards: the target {en_way} from {en_from} to the last milestone (inferred direction)",
                "los hitos de `{id}` retroceden: la meta {es_way} de {es_from} al último hito (dirección inferida)"
            )
        };
        let (how_en, how_es) = (&how.en, &how.es);
        let mut any = false;
        // The value before, and whether it is the baseline.
        let mut prev = baseline.map(|b| (b, true));
        for &m in &ms {
            if let Some((p, is_baseline)) = prev.filter(|(p, _)| backwards(direction, p, m)) {
                any = true;
                let (q, qd, pq) = (
                    quantity(&m.quantity.value),
                    m.date.value,
                    quantity(&p.quantity.value),
                );
                let (en_cmp, es_cmp) = match direction {
                    Direction::Increase => ("below", "menor que"),
                    _ => ("above", "mayor que"),
                };
                let previous = if is_baseline {
                    Text::new("the baseline", "la línea de base")
                } else {
                    Text::new("the previous milestone", "el hito anterior")
                };
                let (en_prev, es_prev) = (&previous.en, &previous.es);
                let help = if written {
                    let (en_bound, es_bound) = match direction {
                        Direction::Increase => ("at least", "al menos"),
                        _ => ("at most", "como mucho"),
                    };
                    tr!(
                        "make this milestone {en_bound} `{pq}`, or correct the `direction`",
                        "haga que este hito sea {es_bound} `{pq}`, o corrija la `dirección`"
                    )
                } else {
                    tr!(
                        "correct the milestone so the values move one way, or write the `direction` the target should take",
                        "corrija el hito para que los valores vayan en un solo sentido, o escriba la `dirección` que debe tomar la meta"
                    )
                };
                out.push(
                    Diagnostic::new(
                        Code::E0304,
                        tr!(
                            "{how_en}, but `{q}` by {qd} is {en_cmp} `{pq}`, {en_prev}",
                            "{how_es}, pero `{q}` para {qd} es {es_cmp} `{pq}`, {es_prev}"
                        ),
                    )
                    .primary(
                        m.quantity.span,
                        tr!("goes back to `{q}`", "retrocede a `{q}`"),
                    )
                    .secondary(p.quantity.span, previous)
                    .help(help),
                );
            }
            prev = Some((m, false));
        }
        // Written direction, every step the right way, yet the end is no
        // further than the start: all milestones equal the baseline.
        if let (true, false, Some(b), Some(&last)) = (written, any, baseline, ms.last()) {
            if value(last).partial_cmp(&value(b)) == Some(Ordering::Equal) {
                let (q, bq) = (quantity(&last.quantity.value), quantity(&b.quantity.value));
                let (en_past, es_past) = match direction {
                    Direction::Increase => ("above", "por encima de"),
                    _ => ("below", "por debajo de"),
                };
                out.push(
                    Diagnostic::new(
                        Code::E0304,
                        tr!(
                            "{how_en}, but its last milestone `{q}` is not {en_past} the baseline `{bq}`",
                            "{how_es}, pero su último hito `{q}` no queda {es_past} la línea de base `{bq}`"
                        ),
                    )
                    .primary(last.quantity.span, tr!("still `{q}`", "sigue en `{q}`"))
                    .secondary(b.quantity.span, Text::new("the baseline", "la línea de base"))
                    .help(tr!(
                        "set the milestones the target should reach, or write `direction: maintain` if the level is to be kept",
                        "fije los hitos que la meta debe alcanzar, o escriba `dirección: mantener` si se trata de conservar el nivel"
                    )),
                );
            }
        }
    }
}

/// Reports E0305: a milestone dated before the target's baseline.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0305.md")]
pub(super) fn before_baseline(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for t in cx.targets() {
        let Some(b) = &t.baseline else {
            continue;
        };
        for m in t.values.iter().filter(|m| precedes_baseline(t, m)) {
            let id = &t.header.id.value;
            let (md, bd) = (m.date.value, b.date.value);
            out.push(
                Diagnostic::new(
                    Code::E0305,
                    tr!(
                        "milestone `{md}` of target `{id}` is before its baseline `{bd}`",
                        "el hito `{md}` de la meta `{id}` es anterior a su línea de base `{bd}`"
                    ),
                )
                .primary(m.date.span, tr!("before {bd}", "anterior a {bd}"))
                .secondary(b.date.span, Text::new("the baseline", "la línea de base"))
                .help(tr!(
                    "a milestone measures progress from the baseline: date it after `{bd}`, or take an earlier baseline",
                    "un hito mide el avance desde la línea de base: póngale una fecha posterior a `{bd}`, o tome una línea de base anterior"
                )),
            );
        }
    }
}

/// Reports E0306: a percentage outside 0–100.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0306.md")]
pub(super) fn percentage_range(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for t in cx.targets() {
        let id = &t.header.id.value;
        for m in t.baseline.iter().chain(&t.values).chain(&t.observed) {
            let q = &m.quantity.value;
            if !q.percent || (0.0..=100.0).contains(&q.number.value) {
                continue;
            }
            let text = quantity(q);
            out.push(
                Diagnostic::new(
                    Code::E0306,
                    tr!(
                        "percentage `{text}` in target `{id}` is outside 0–100",
                        "el porcentaje `{text}` de la meta `{id}` está fuera de 0–100"
                    ),
                )
                .primary(
                    m.quantity.span,
                    tr!("not between 0% and 100%", "no está entre 0 % y 100 %"),
                )
                .help(tr!(
                    "a percentage lies between 0% and 100%; for a count or a ratio, drop the `%` and say what it counts in `unit`",
                    "un porcentaje está entre 0 % y 100 %; para un conteo o una razón, quite el `%` y diga qué cuenta en `unidad`"
                )),
            );
        }
    }
}

/// How indicators and units are compared: lower case, no accents, every
/// run of spaces and punctuation one space, trimmed. Symbols that carry
/// meaning (`%`, `$`, `€`, `+`, `<`, `>`, `=`, `#`, `°`) are kept.
pub(super) fn indicator_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in fold(text).chars() {
        let separator = c.is_whitespace()
            || c.is_control()
            || (c.is_ascii_punctuation() && !"%$+<>=#".contains(c))
            || "–—‐‑‒―¿¡«»“”‘’„…·•".contains(c);
        if separator {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// Reports E0307: two targets on the same indicator and unit that disagree
/// on a date.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0307.md")]
pub(super) fn disagreeing_targets(cx: &Cx, out: &mut Vec<Diagnostic>) {
    // The targets of each indicator and unit, in source order.
    let mut groups: Vec<((String, String), Vec<&Target>)> = Vec::new();
    let mut group_of: HashMap<(String, String), usize> = HashMap::new();
    for t in cx.targets() {
        let Some(indicator) = &t.indicator else {
            continue;
        };
        let key = (
            indicator_key(&indicator.value),
            t.unit
                .as_ref()
                .map_or(String::new(), |u| indicator_key(&u.value)),
        );
        if key.0.is_empty() {
            continue;
        }
        match group_of.get(&key) {
            Some(&g) => groups[g].1.push(t),
            None => {
                group_of.insert(key.clone(), groups.len());
                groups.push((key, vec![t]));
            }
        }
    }
    for (_, targets) in groups.iter().filter(|(_, ts)| ts.len() > 1) {
        // Milestones: each later target against the first one that gives a
        // value for the same day.
        let mut first: HashMap<Day, (&Target, &Measure)> = HashMap::new();
        // Baselines: the same, by year.
        let mut first_baseline: HashMap<i32, (&Target, &Measure)> = HashMap::new();
        for &t in targets {
            let mut mine: Vec<Day> = Vec::new();
            for m in &t.values {
                let day = m.date.value.last_day();
                if mine.contains(&day) {
                    continue;
                }
                mine.push(day);
                match first.get(&day) {
                    None => {
                        first.insert(day, (t, m));
                    }
                    Some(&(other, om)) if value(om) != value(m) => {
                        out.push(disagree(t, m, other, om, false));
                    }
                    Some(_) => {}
                }
            }
            if let Some(b) = &t.baseline {
                let year = b.date.value.year;
                match first_baseline.get(&year) {
                    None => {
                        first_baseline.insert(year, (t, b));
                    }
                    Some(&(other, ob)) if value(ob) != value(b) => {
                        out.push(disagree(t, b, other, ob, true));
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

fn disagree(t: &Target, m: &Measure, other: &Target, om: &Measure, baseline: bool) -> Diagnostic {
    let (a, b) = (&other.header.id.value, &t.header.id.value);
    let (qa, qb) = (quantity(&om.quantity.value), quantity(&m.quantity.value));
    let message = if baseline {
        let year = m.date.value.year;
        tr!(
            "targets `{a}` and `{b}` on the same indicator have different baselines in {year}: `{qa}` and `{qb}`",
            "las metas `{a}` y `{b}` sobre el mismo indicador tienen líneas de base distintas en {year}: `{qa}` y `{qb}`"
        )
    } else {
        let date = m.date.value.last_day().to_date();
        tr!(
            "targets `{a}` and `{b}` on the same indicator disagree on {date}: `{qa}` and `{qb}`",
            "las metas `{a}` y `{b}` sobre el mismo indicador discrepan para {date}: `{qa}` y `{qb}`"
        )
    };
    Diagnostic::new(Code::E0307, message)
        .primary(m.quantity.span, tr!("`{b}` says `{qb}`", "`{b}` dice `{qb}`"))
        .secondary(om.quantity.span, tr!("`{a}` says `{qa}`", "`{a}` dice `{qa}`"))
        .help(tr!(
            "give both targets the same value, or tell the indicators apart with a different `indicator` or `unit`",
            "dé el mismo valor a ambas metas, o distinga los indicadores con otro `indicador` u otra `unidad`"
        ))
}

/// Reports W0411: a target without a baseline.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0411.md")]
pub(super) fn without_baseline(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for t in cx.targets().filter(|t| t.baseline.is_none()) {
        let id = &t.header.id.value;
        out.push(
            Diagnostic::new(
                Code::W0411,
                tr!("target `{id}` has no baseline", "la meta `{id}` no tiene línea de base"),
            )
            .primary(
                item_span(&t.header),
                Text::new("no `baseline`", "sin `línea_base`"),
            )
            .help(tr!(
                "add `baseline: VALUE in YEAR`, the value the target starts from, so progress can be measured",
                "añada `línea_base: VALOR en AÑO`, el valor del que parte la meta, para poder medir el avance"
            )),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::tests::{only, underlined};
    use super::*;

    fn target(body: &str) -> String {
        format!(
            r#"
policy P "P" {{ horizon: 2020 .. 2035 }}
agency A "A"
commitment C1 "c" {{
  lead: A
  due: 2030-12-31
  target T1 "t" {{
    indicator: "Migrants served"
    {body}
  }}
}}
"#
        )
    }

    fn messages(text: &str, code: Code) -> Vec<String> {
        only(text, code).into_iter().map(|d| d.message.en).collect()
    }

    #[test]
    fn written_increase_flags_each_step_back_in_date_order() {
        // Written out of order: sorted by date, 20 → 15 goes back.
        let text = target(
            "baseline: 10 in 2024
             value: 15 by 2027
             value: 20 by 2026
             value: 25 by 2028
             direction: increase",
        );
        let ds = only(&text, Code::E0304);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "target `T1` has `direction: increase`, but `15` by 2027 is below `20`, the previous milestone"
        );
        assert_eq!(
            ds[0].message.es,
            "la meta `T1` tiene `dirección: aumentar`, pero `15` para 2027 es menor que `20`, el hito anterior"
        );
        assert_eq!(underlined(&text, &ds[0]), ["15", "20"]);
        assert!(ds[0].help.as_ref().unwrap().en.contains("at least `20`"));
    }

    #[test]
    fn a_first_milestone_below_the_baseline_is_against_an_increase() {
        let text = target(
            "baseline: 10 in 2024
             value: 5 by 2026
             value: 20 by 2028
             direction: increase",
        );
        let ds = only(&text, Code::E0304);
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.en.ends_with("is below `10`, the baseline"));
    }

    #[test]
    fn written_increase_must_end_above_the_baseline() {
        let text = target(
            "baseline: 10% in 2024
             value: 10% by 2026
             direction: increase",
        );
        let ds = only(&text, Code::E0304);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "target `T1` has `direction: increase`, but its last milestone `10%` is not above the baseline `10%`"
        );
        // Staying level is fine on the way.
        let ok = target(
            "baseline: 10 in 2024
             value: 10 by 2026
             value: 12 by 2027
             direction: increase",
        );
        assert!(only(&ok, Code::E0304).is_empty());
    }

    #[test]
    fn written_decrease_is_the_mirror() {
        let text = target(
            "baseline: 40 in 2024
             value: 45 by 2026
             value: 15 by 2028
             direction: reducir",
        );
        let ds = only(&text, Code::E0304);
        assert_eq!(ds.len(), 1);
        assert!(ds[0]
            .message
            .en
            .contains("`45` by 2026 is above `40`, the baseline"));
        assert!(ds[0].message.es.contains("tiene `dirección: reducir`"));
    }

    #[test]
    fn maintain_reports_nothing() {
        let text = target(
            "baseline: 40 in 2024
             value: 45 by 2026
             value: 15 by 2028
             direction: maintain",
        );
        assert!(only(&text, Code::E0304).is_empty());
    }

    #[test]
    fn direction_is_inferred_from_baseline_to_last_milestone() {
        let m = |v: f64, y: i32| Measure {
            quantity: crate::ast::Spanned::new(
                crate::ast::Quantity {
                    number: crate::ast::Number {
                        value: v,
                        text: v.to_string(),
                    },
                    percent: false,
                },
                Default::default(),
            ),
            date: crate::ast::Spanned::new(crate::ast::Date::year(y), Default::default()),
            span: Default::default(),
        };
        let (b, m1, m2) = (m(10.0, 2024), m(30.0, 2026), m(5.0, 2028));
        assert_eq!(infer(Some(&b), &[&m1, &m2]), Some(Direction::Decrease));
        assert_eq!(infer(Some(&b), &[&m1]), Some(Direction::Increase));
        assert_eq!(infer(Some(&b), &[&m2, &b]), Some(Direction::Maintain));
        assert_eq!(infer(None, &[&m1, &m2]), Some(Direction::Decrease));
        assert_eq!(infer(None, &[&m2, &m1]), Some(Direction::Increase));
        assert_eq!(infer(None, &[&m1]), None);
        assert_eq!(infer(Some(&b), &[]), None);
    }

    #[test]
    fn inferred_direction_flags_milestones_going_backwards() {
        // 10 → 30 → 20 → 40: rises overall, 20 goes back.
        let text = target(
            "baseline: 10 in 2024
             value: 30 by 2026
             value: 20 by 2027
             value: 40 by 2028",
        );
        assert_eq!(
            messages(&text, Code::E0304),
            ["milestones of `T1` go backwards: the target rises from the baseline to the last milestone (inferred direction), but `20` by 2027 is below `30`, the previous milestone"]
        );
        // No baseline: first to last milestone, here a fall.
        let text = target(
            "value: 50 by 2026
             value: 60 by 2027
             value: 40 by 2028",
        );
        let ds = only(&text, Code::E0304);
        assert_eq!(ds.len(), 1);
        assert!(ds[0]
            .message
            .en
            .contains("falls from the first milestone to the last"));
        assert_eq!(underlined(&text, &ds[0]), ["60", "50"]);
        // Inferred maintain: nothing.
        let text = target(
            "baseline: 10 in 2024
             value: 30 by 2026
             value: 10 by 2028",
        );
        assert!(only(&text, Code::E0304).is_empty());
    }

    #[test]
    fn a_milestone_before_the_baseline_is_e0305_only() {
        let text = target(
            "baseline: 10 in 2025
             value: 5 by 2024-12-31
             value: 20 by 2026
             direction: increase",
        );
        assert!(only(&text, Code::E0304).is_empty());
        let ds = only(&text, Code::E0305);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "milestone `2024-12-31` of target `T1` is before its baseline `2025`"
        );
        assert_eq!(underlined(&text, &ds[0]), ["2024-12-31", "2025"]);
        // A milestone in the baseline's year is not before it.
        let ok = target("baseline: 10 in 2025-06-30\n value: 20 by 2025");
        assert!(only(&ok, Code::E0305).is_empty());
    }

    #[test]
    fn percentages_outside_the_range() {
        let text = target(
            "baseline: -1% in 2024
             value: 100% by 2026
             value: 120 by 2027
             observed: 100.5% on 2026-01-01",
        );
        let ds = only(&text, Code::E0306);
        let shown: Vec<_> = ds.iter().map(|d| underlined(&text, d)[0]).collect();
        assert_eq!(shown.len(), 2);
        assert_eq!(
            ds[0].message.en,
            "percentage `-1%` in target `T1` is outside 0–100"
        );
    }

    #[test]
    fn indicators_are_compared_without_case_accents_or_punctuation() {
        assert_eq!(
            indicator_key("  Personas migrantes — con   PERMISO (válido)!  "),
            "personas migrantes con permiso valido"
        );
        assert_eq!(
            indicator_key("Tasa de   atención, en %"),
            "tasa de atencion en %"
        );
        assert_eq!(indicator_key("% of migrants"), "% of migrants");
        assert_eq!(indicator_key("...\t"), "");
        assert_ne!(indicator_key("%"), indicator_key(""));
    }

    #[test]
    fn targets_on_one_indicator_disagree() {
        let text = r#"
policy P "P" { horizon: 2020 .. 2035 }
agency A "A"
commitment C1 "c" {
  lead: A
  due: 2030-12-31
  target T1 "t" {
    indicator: "Migrant workers with a permit"
    unit: "Persons"
    baseline: 100 in 2024
    value: 200 by 2026
    value: 300 by 2028-12-31
  }
  target T2 "t" {
    indicator: "migrant  workers, with a permit"
    unit: "persons"
    baseline: 100 in 2024-06-30
    value: 250 by 2026-12-31
    value: 300 by 2028
  }
}
commitment C2 "c" {
  lead: A
  due: 2030-12-31
  target T3 "t" {
    indicator: "Migrant workers with a permit"
    unit: "persons"
    baseline: 120 in 2024
    value: 200 by 2026-06-30
  }
  target T4 "t" {
    indicator: "Migrant workers with a permit"
    unit: "%"
    value: 1 by 2026
  }
}
"#;
        let ds = only(text, Code::E0307);
        let messages: Vec<_> = ds.iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(
            messages,
            [
                "targets `T1` and `T2` on the same indicator disagree on 2026-12-31: `200` and `250`",
                "targets `T1` and `T3` on the same indicator have different baselines in 2024: `100` and `120`",
            ]
        );
        assert_eq!(underlined(text, &ds[0]), ["250", "200"]);
    }

    #[test]
    fn target_without_baseline() {
        let text = target("value: 20 by 2026");
        let ds = only(&text, Code::W0411);
        assert_eq!(ds.len(), 1);
        assert_eq!(underlined(&text, &ds[0]), ["target T1"]);
    }
}
