//! The qualities of a policy that are not about rights: *explicit* (W0410,
//! W0412–W0414; W0411 is with the targets), *comprehensive* (W0420) and
//! *consensual* (W0440, W0441).

use super::{item_span, Cx};
use crate::ast::{PolicyStatus, Stage};
use crate::diagnostic::{Code, Diagnostic, Lang, Text};
use crate::lang::{ItemKind, Vocab};
use crate::source::Span;
use crate::tr;
use std::collections::HashSet;

/// Reports W0410: a commitment without a target.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0410.md")]
pub(super) fn without_target(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in cx.spec.commitments.iter().filter(|c| c.targets.is_empty()) {
        let id = &c.header.id.value;
        out.push(
            Diagnostic::new(
                Code::W0410,
                tr!("commitment `{id}` has no target", "el compromiso `{id}` no tiene meta"),
            )
            .primary(item_span(&c.header), Text::new("no `target`", "sin `meta`"))
            .help(tr!(
                "add a `target` with an `indicator`, a `baseline` and a `value` by a date, so progress on `{id}` can be measured",
                "añada una `meta` con `indicador`, `línea_base` y un `valor` para una fecha, para poder medir el avance de `{id}`"
            )),
        );
    }
}

/// Reports W0412: a commitment that cites no principle.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0412.md")]
pub(super) fn without_principle(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in cx
        .spec
        .commitments
        .iter()
        .filter(|c| c.principles.is_empty())
    {
        let id = &c.header.id.value;
        out.push(
            Diagnostic::new(
                Code::W0412,
                tr!(
                    "commitment `{id}` cites no principle",
                    "el compromiso `{id}` no cita ningún principio"
                ),
            )
            .primary(
                item_span(&c.header),
                Text::new("no `principles`", "sin `principios`"),
            )
            .help(tr!(
                "list in `principles` the principles `{id}` puts into practice",
                "indique en `principios` los principios que `{id}` lleva a la práctica"
            )),
        );
    }
}

/// Reports W0413: a principle that no commitment cites.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0413.md")]
pub(super) fn unused_principle(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if cx.broken(ItemKind::Commitment) {
        return;
    }
    let cited: HashSet<&str> = cx
        .spec
        .commitments
        .iter()
        .flat_map(|c| c.principles.iter().map(|r| r.name.as_str()))
        .collect();
    for p in &cx.spec.principles {
        let id = p.header.id.value.as_str();
        if cited.contains(id) || !is_first(cx.index.principles.get(id), p) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::W0413,
                tr!(
                    "no commitment puts principle `{id}` into practice",
                    "ningún compromiso lleva a la práctica el principio `{id}`"
                ),
            )
            .primary(
                item_span(&p.header),
                Text::new("cited by no commitment", "ningún compromiso lo cita"),
            )
            .help(tr!(
                "cite `{id}` in the `principles` of the commitments that apply it, or remove it",
                "cite `{id}` en los `principios` de los compromisos que lo aplican, o elimínelo"
            )),
        );
    }
}

/// Whether `item` is the definition an ID resolves to (the first one).
fn is_first<T>(first: Option<&&T>, item: &T) -> bool {
    first.is_some_and(|f| std::ptr::eq(*f, item))
}

/// Reports W0414: an agency that neither leads nor supports a commitment.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0414.md")]
pub(super) fn idle_agency(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if cx.broken(ItemKind::Commitment) {
        return;
    }
    let busy: HashSet<&str> = cx
        .spec
        .commitments
        .iter()
        .flat_map(|c| c.lead.iter().chain(&c.support).map(|r| r.name.as_str()))
        .collect();
    for a in &cx.spec.agencies {
        let id = a.header.id.value.as_str();
        if busy.contains(id) || !is_first(cx.index.agencies.get(id), a) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::W0414,
                tr!(
                    "agency `{id}` neither leads nor supports any commitment",
                    "la institución `{id}` no es responsable ni apoyo de ningún compromiso"
                ),
            )
            .primary(item_span(&a.header), Text::new("no commitment", "sin compromisos"))
            .help(tr!(
                "make `{id}` the `lead` or a `support` of the commitments it works on, or remove it",
                "haga de `{id}` el `responsable` o un `apoyo` de los compromisos en que trabaja, o elimínela"
            )),
        );
    }
}

/// Reports W0420: a stage in scope that no commitment addresses.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0420.md")]
pub(super) fn stage_not_addressed(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some(policy) = cx.policy else {
        return;
    };
    if cx.broken(ItemKind::Commitment) {
        return;
    }
    // The stages in scope and where each is written; all four, at the
    // scope or the policy, when the scope does not list them.
    let scope = policy.scope.as_ref();
    let (stages, explicit): (Vec<(Stage, Span)>, bool) = match scope.and_then(|s| s.stages.as_ref())
    {
        Some(listed) => (listed.iter().map(|s| (s.value, s.span)).collect(), true),
        None => {
            let at = scope.map_or(item_span(&policy.header), |s| s.span);
            (Stage::ALL.iter().map(|&s| (s, at)).collect(), false)
        }
    };
    let addressed: HashSet<Stage> = cx
        .spec
        .commitments
        .iter()
        .flat_map(|c| c.stages.iter().map(|s| s.value))
        .collect();
    let mut reported = HashSet::new();
    for (stage, span) in stages {
        if addressed.contains(&stage) || !reported.insert(stage) {
            continue;
        }
        let (en, es) = (stage.word(Lang::En), stage.word(Lang::Es));
        let (label, help) = if explicit {
            (
                Text::new("in scope", "en el alcance"),
                tr!(
                    "add `{en}` to the `stages` of a commitment that addresses it, or take it out of the scope",
                    "añada `{es}` a las `etapas` de un compromiso que la atienda, o sáquela del alcance"
                ),
            )
        } else {
            (
                tr!("`{en}` is in scope by default", "`{es}` está en el alcance por omisión"),
                tr!(
                    "add `{en}` to the `stages` of a commitment that addresses it, or list the stages the policy covers in `scope {{ stages: [...] }}`",
                    "añada `{es}` a las `etapas` de un compromiso que la atienda, o indique las etapas que cubre la política en `alcance {{ etapas: [...] }}`"
                ),
            )
        };
        out.push(
            Diagnostic::new(
                Code::W0420,
                tr!(
                    "no commitment addresses the `{en}` stage",
                    "ningún compromiso atiende la etapa `{es}`"
                ),
            )
            .primary(span, label)
            .help(help),
        );
    }
}

/// The policy's status span when it is adopted.
fn adopted(cx: &Cx) -> Option<Span> {
    cx.policy?
        .status
        .as_ref()
        .filter(|s| s.value == PolicyStatus::Adopted)
        .map(|s| s.span)
}

/// Reports W0440: in an adopted policy, a commitment no consultation
/// covered.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0440.md")]
pub(super) fn not_consulted(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some(status) = adopted(cx) else {
        return;
    };
    if cx.broken(ItemKind::Consultation) {
        return;
    }
    let covered: HashSet<&str> = cx
        .spec
        .consultations
        .iter()
        .flat_map(|k| k.covers.iter().map(|r| r.name.as_str()))
        .collect();
    for c in cx.commitments() {
        let id = c.header.id.value.as_str();
        if covered.contains(id) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::W0440,
                tr!(
                    "commitment `{id}` of an adopted policy was never consulted",
                    "el compromiso `{id}` de una política adoptada nunca se consultó"
                ),
            )
            .primary(item_span(&c.header), Text::new("no consultation covers it", "ninguna consulta lo abarca"))
            .secondary(status, Text::new("the policy is adopted", "la política está adoptada"))
            .help(tr!(
                "add `{id}` to the `covers` of the consultation that discussed it, or consult on it",
                "añada `{id}` a `abarca` de la consulta en que se trató, o consúltelo"
            )),
        );
    }
}

/// Reports W0441: an adopted policy that heard no stakeholder outside
/// government.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0441.md")]
pub(super) fn no_outside_voice(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some(status) = adopted(cx) else {
        return;
    };
    if cx.broken(ItemKind::Consultation) || cx.broken(ItemKind::Stakeholder) {
        return;
    }
    // A stakeholder without a kind is taken to be outside government: only
    // `local_government` is inside.
    let heard = cx.spec.consultations.iter().any(|k| {
        k.participants.iter().any(|p| {
            cx.index
                .stakeholders
                .get(p.name.as_str())
                .is_some_and(|s| !s.kind.as_ref().is_some_and(|k| k.value.is_government()))
        })
    });
    if heard {
        return;
    }
    let mut d = Diagnostic::new(
        Code::W0441,
        Text::new(
            "the adopted policy heard no stakeholder outside government",
            "la política adoptada no escuchó a ningún actor ajeno al gobierno",
        ),
    )
    .primary(status, Text::new("adopted", "adoptada"));
    for k in &cx.spec.consultations {
        d = d.secondary(
            item_span(&k.header),
            Text::new("only government took part", "solo participó el gobierno"),
        );
    }
    out.push(d.help(Text::new(
        "hold a consultation with civil society, migrant organizations, academia, the private sector or international organizations, and list them in its `participants`",
        "realice una consulta con la sociedad civil, organizaciones migrantes, la academia, el sector privado u organismos internacionales, y nómbrelos en sus `participantes`",
    )));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::tests::{codes_of, only, underlined, CLEAN};
    use crate::diagnostic::Code;

    #[test]
    fn explicit_warnings() {
        let text = r#"
policy P "P" { horizon: 2025 .. 2030  scope { stages: [origin] } }
agency A "A"
agency B "B"
agency S "S"
principle P1 "p"
principle P2 "p"
commitment C1 "c" { lead: A  support: [S]  due: 2026-12-31  stages: [origin] }
commitment C2 "c" { lead: A  due: 2026-12-31  principles: [P1]  stages: [origin]
  target T1 "t" { indicator: "i"  baseline: 1 in 2024  value: 2 by 2026 }
}
"#;
        assert_eq!(
            codes_of(text),
            [Code::W0414, Code::W0413, Code::W0410, Code::W0412]
        );
        assert_eq!(underlined(text, &only(text, Code::W0414)[0]), ["agency B"]);
        assert_eq!(
            underlined(text, &only(text, Code::W0413)[0]),
            ["principle P2"]
        );
        assert_eq!(
            underlined(text, &only(text, Code::W0410)[0]),
            ["commitment C1"]
        );
    }

    #[test]
    fn stages_in_scope_default_to_all_four() {
        let text = CLEAN.replace("  scope { stages: [destination] }\n", "");
        let ds = only(&text, Code::W0420);
        let messages: Vec<_> = ds.iter().map(|d| d.message.es.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ningún compromiso atiende la etapa `origen`",
                "ningún compromiso atiende la etapa `retorno`",
                "ningún compromiso atiende la etapa `tránsito`",
            ]
        );
        assert!(ds.iter().all(|d| underlined(&text, d) == ["policy P"]));
        let text = CLEAN.replace(
            "scope { stages: [destination] }",
            "scope { stages: [destination, transit, transit] }",
        );
        let ds = only(&text, Code::W0420);
        assert_eq!(ds.len(), 1);
        assert_eq!(underlined(&text, &ds[0]), ["transit"]);
    }

    #[test]
    fn consensual_warnings_only_for_adopted_policies() {
        let base = r#"
policy P "P" { horizon: 2025 .. 2030  status: STATUS  scope { stages: [origin] } }
agency A "A"
principle P1 "p"
stakeholder GOV "Town" { kind: local_government }
stakeholder NGO "NGO" { kind: civil_society }
commitment C1 "c" { lead: A  due: 2026-12-31  principles: [P1]  stages: [origin]
  target T1 "t" { indicator: "i"  baseline: 1 in 2024  value: 2 by 2026 }
}
commitment C2 "c" { lead: A  due: 2026-12-31  principles: [P1]  stages: [origin]
  target T2 "t" { indicator: "j"  baseline: 1 in 2024  value: 2 by 2026 }
}
consultation K1 "k" { participants: [A, PARTICIPANT]  covers: [C1] }
"#;
        let spec =
            |status: &str, who: &str| base.replace("STATUS", status).replace("PARTICIPANT", who);
        assert_eq!(codes_of(&spec("consultation", "GOV")), []);
        assert_eq!(codes_of(&spec("adopted", "NGO")), [Code::W0440]);
        let text = spec("adoptada", "GOV");
        assert_eq!(codes_of(&text), [Code::W0441, Code::W0440]);
        let d = &only(&text, Code::W0441)[0];
        assert_eq!(underlined(&text, d), ["adoptada", "consultation K1"]);
        let d = &only(&text, Code::W0440)[0];
        assert_eq!(underlined(&text, d), ["commitment C2", "adoptada"]);
    }

    #[test]
    fn no_warning_that_a_broken_item_could_make_false() {
        let text = r#"
policy P "P" { horizon: 2025 .. 2030  status: adopted  scope { stages: [origin] } }
agency A "A"
agency B "B"
principle P1 "p"
principle P2 "p"
stakeholder NGO "NGO" { kind: civil_society }
commitment C1 "c" { lead: A  due: 2026-12-31  principles: [P1]  stages: [origin]
  target T1 "t" { indicator: "i"  baseline: 1 in 2024  value: 2 by 2026 }
}
commitment C9 "broken" { lead: B  principles: [P2]  stages: [transit  due: }
consultation K1 "k" { participants: [NGO]  covers: [C1, C9] }
consultation K2 "broken" { covers: [ }
"#;
        let (cst, _) = crate::syntax::parse(crate::source::FileId(0), text);
        let (spec, _) = crate::lower::lower(&cst);
        assert_eq!(spec.broken.len(), 2);
        let codes: Vec<Code> = super::super::check(&spec).iter().map(|d| d.code).collect();
        for code in [
            Code::W0413,
            Code::W0414,
            Code::W0420,
            Code::W0440,
            Code::W0441,
        ] {
            assert!(!codes.contains(&code), "{code:?} in {codes:?}");
        }
    }
}
