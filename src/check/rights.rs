//! Rights: restrictions (E0308–E0310) and the coverage of the rights in
//! scope (W0430, W0431).

use super::{join, Cx};
use crate::ast::{Commitment, Justification, Ref, Right, Spanned};
use crate::catalogue::{self, CatalogueItem};
use crate::diagnostic::{Code, Diagnostic, Lang, Text};
use crate::lang::ItemKind;
use crate::source::Span;
use crate::tr;
use std::collections::HashMap;

/// A right a reference names: a catalogue item or one of the spec's own.
#[derive(Clone, Copy)]
enum RightRef<'a> {
    Catalogue(&'static CatalogueItem),
    Own(&'a Right),
}

impl<'a> RightRef<'a> {
    /// The right a reference names, if it resolves to a right.
    fn resolve(cx: &Cx<'a>, r: &Ref) -> Option<RightRef<'a>> {
        if r.is_path() {
            catalogue::item(&r.name)
                .filter(|i| i.kind == catalogue::ItemKind::Right)
                .map(RightRef::Catalogue)
        } else {
            cx.index
                .rights
                .get(r.name.as_str())
                .map(|r| RightRef::Own(r))
        }
    }

    /// What references to it are written as: `icrmw.art8`, `R_vivienda`.
    fn key(self) -> &'a str {
        match self {
            RightRef::Catalogue(i) => i.path,
            RightRef::Own(r) => &r.header.id.value,
        }
    }

    fn non_derogable(self) -> Option<Span> {
        match self {
            RightRef::Catalogue(_) => None,
            RightRef::Own(r) => r.non_derogable.as_ref().filter(|n| n.value).map(|n| n.span),
        }
    }

    fn is_non_derogable(self) -> bool {
        match self {
            RightRef::Catalogue(i) => i.non_derogable,
            RightRef::Own(_) => self.non_derogable().is_some(),
        }
    }

    /// "`icrmw.art9` (Right to life)" in one language.
    fn name(self, lang: Lang) -> String {
        let title = match self {
            RightRef::Catalogue(i) => Some(i.title(lang == Lang::Es)),
            RightRef::Own(r) => r.header.title.as_ref().map(|t| t.value.as_str()),
        };
        match title {
            Some(t) if !t.trim().is_empty() => format!("`{}` ({t})", self.key()),
            _ => format!("`{}`", self.key()),
        }
    }
}

/// The restricted rights of a commitment that resolve, each once.
fn restricted<'a>(cx: &Cx<'a>, c: &'a Commitment) -> Vec<(&'a Ref, RightRef<'a>)> {
    let mut out: Vec<(&Ref, RightRef)> = Vec::new();
    for r in &c.restricts {
        if let Some(right) = RightRef::resolve(cx, r) {
            if !out.iter().any(|(_, o)| o.key() == right.key()) {
                out.push((r, right));
            }
        }
    }
    out
}

/// The fields of a justification that are missing or blank.
fn missing(j: &Justification) -> Vec<(&'static str, &'static str)> {
    let blank =
        |f: &Option<Spanned<String>>| !f.as_ref().is_some_and(|s| !s.value.trim().is_empty());
    let mut out = Vec::new();
    if blank(&j.legal_basis) {
        out.push(("legal_basis", "base_legal"));
    }
    if blank(&j.necessity) {
        out.push(("necessity", "necesidad"));
    }
    if blank(&j.proportionality) {
        out.push(("proportionality", "proporcionalidad"));
    }
    out
}

/// Reports E0308: a restriction without a complete justification.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0308.md")]
pub(super) fn unjustified_restriction(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in &cx.spec.commitments {
        // A non-derogable right cannot be justified at all: E0309.
        let rights: Vec<_> = restricted(cx, c)
            .into_iter()
            .filter(|(_, r)| !r.is_non_derogable())
            .collect();
        let Some(&(first, _)) = rights.first() else {
            continue;
        };
        let id = &c.header.id.value;
        let names: Vec<String> = rights
            .iter()
            .map(|(_, r)| format!("`{}`", r.key()))
            .collect();
        let (en_names, es_names) = (join(&names, Lang::En), join(&names, Lang::Es));
        let d = match &c.justification {
            None => {
                let mut d = Diagnostic::new(
                    Code::E0308,
                    tr!(
                        "`{id}` restricts {en_names} without a justification",
                        "`{id}` restringe {es_names} sin justificación"
                    ),
                )
                .primary(first.span, Text::new("restricted here", "restringido aquí"));
                for (r, _) in &rights[1..] {
                    d = d.secondary(r.span, Text::new("also restricted", "también restringido"));
                }
                d.help(tr!(
                    "add to `{id}` a `justification {{ legal_basis: \"…\" necessity: \"…\" proportionality: \"…\" }}`: the law that allows the restriction, why it is necessary and why it is proportionate",
                    "añada a `{id}` una `justificación {{ base_legal: \"…\" necesidad: \"…\" proporcionalidad: \"…\" }}`: la ley que permite la restricción, por qué es necesaria y por qué es proporcional"
                ))
            }
            Some(j) => {
                let gaps = missing(j);
                if gaps.is_empty() {
                    continue;
                }
                let en: Vec<String> = gaps.iter().map(|(en, _)| format!("`{en}`")).collect();
                let es: Vec<String> = gaps.iter().map(|(_, es)| format!("`{es}`")).collect();
                let (en, es) = (join(&en, Lang::En), join(&es, Lang::Es));
                let (en_verb, es_verb, es_blank) = if gaps.len() == 1 {
                    ("is", "falta", "está")
                } else {
                    ("are", "faltan", "están")
                };
                let mut d = Diagnostic::new(
                    Code::E0308,
                    tr!(
                        "the justification of `{id}` is incomplete: {en} {en_verb} missing or empty",
                        "la justificación de `{id}` está incompleta: {es_verb} {es} o {es_blank} en blanco"
                    ),
                )
                .primary(j.span, tr!("lacks {en}", "le falta {es}"));
                for (r, _) in &rights {
                    d = d.secondary(r.span, Text::new("restricted here", "restringido aquí"));
                }
                d.help(tr!(
                    "a restriction must rest on law and be necessary and proportionate: write {en} in the `justification`",
                    "una restricción debe basarse en la ley y ser necesaria y proporcional: escriba {es} en la `justificación`"
                ))
            }
        };
        out.push(d);
    }
}

/// Reports E0309: a restriction of a non-derogable right.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0309.md")]
pub(super) fn non_derogable_restricted(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in &cx.spec.commitments {
        for (r, right) in restricted(cx, c) {
            if !right.is_non_derogable() {
                continue;
            }
            let id = &c.header.id.value;
            let (en, es) = (right.name(Lang::En), right.name(Lang::Es));
            let key = right.key();
            let mut d = Diagnostic::new(
                Code::E0309,
                tr!(
                    "`{id}` restricts {en}, a non-derogable right",
                    "`{id}` restringe {es}, un derecho inderogable"
                ),
            )
            .primary(
                r.span,
                Text::new(
                    "non-derogable: may never be restricted",
                    "inderogable: nunca puede restringirse",
                ),
            );
            if let Some(span) = right.non_derogable() {
                d = d.secondary(
                    span,
                    Text::new("declared non-derogable here", "declarado inderogable aquí"),
                );
            }
            out.push(d.help(tr!(
                "no justification makes this restriction lawful: remove `{key}` from `restricts`",
                "ninguna justificación hace lícita esta restricción: quite `{key}` de `restringe`"
            )));
        }
    }
}

/// Reports E0310: a right that a commitment both advances and restricts.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0310.md")]
pub(super) fn advanced_and_restricted(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for c in &cx.spec.commitments {
        for (r, right) in restricted(cx, c) {
            // Restricting a non-derogable right is E0309 whatever else.
            if right.is_non_derogable() {
                continue;
            }
            let Some(advanced) = c.rights.iter().find(|a| a.name == r.name) else {
                continue;
            };
            let id = &c.header.id.value;
            let key = right.key();
            out.push(
                Diagnostic::new(
                    Code::E0310,
                    tr!(
                        "`{id}` both advances and restricts `{key}`",
                        "`{id}` promueve y restringe a la vez `{key}`"
                    ),
                )
                .primary(r.span, Text::new("restricted here", "restringido aquí"))
                .secondary(advanced.span, Text::new("advanced here", "promovido aquí"))
                .help(tr!(
                    "a commitment cannot advance a right it limits: remove `{key}` from `rights` or from `restricts`",
                    "un compromiso no puede promover un derecho que limita: quite `{key}` de `derechos` o de `restringe`"
                )),
            );
        }
    }
}

/// A right in scope: the right, the scope entry that brought it in, and
/// the commitments that advance it (with the entry that says so).
struct Covered<'a> {
    right: RightRef<'a>,
    entry: &'a Ref,
    by: Vec<(&'a Commitment, &'a Ref)>,
}

/// The rights in scope, each once, in the order of the scope, with who
/// advances them. `None` when coverage cannot be judged: no single policy,
/// or a commitment that failed to parse.
fn coverage<'a>(cx: &Cx<'a>) -> Option<Vec<Covered<'a>>> {
    let scope = cx.policy?.scope.as_ref()?;
    if cx.broken(ItemKind::Commitment) {
        return None;
    }
    let mut rights: Vec<Covered> = Vec::new();
    for entry in &scope.rights {
        let selected: Vec<RightRef> = if entry.name.contains('*') {
            catalogue::select(&entry.name)
                .into_iter()
                .filter(|i| i.kind == catalogue::ItemKind::Right)
                .map(RightRef::Catalogue)
                .collect()
        } else {
            RightRef::resolve(cx, entry).into_iter().collect()
        };
        for right in selected {
            if !rights.iter().any(|c| c.right.key() == right.key()) {
                rights.push(Covered {
                    right,
                    entry,
                    by: Vec::new(),
                });
            }
        }
    }
    let position: HashMap<&str, usize> = rights
        .iter()
        .enumerate()
        .map(|(i, c)| (c.right.key(), i))
        .collect();
    for c in &cx.spec.commitments {
        for r in &c.rights {
            if let Some(&i) = position.get(r.name.as_str()) {
                // Commitments come in order: one already counted for this
                // right is the last in `by` (a scan of `by` is quadratic).
                if !rights[i]
                    .by
                    .last()
                    .is_some_and(|(o, _)| std::ptr::eq(*o, c))
                {
                    rights[i].by.push((c, r));
                }
            }
        }
    }
    Some(rights)
}

/// Reports W0430: a right in scope that no commitment advances.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0430.md")]
pub(super) fn coverage_gap(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for covered in coverage(cx).unwrap_or_default() {
        if !covered.by.is_empty() {
            continue;
        }
        let (en, es) = (covered.right.name(Lang::En), covered.right.name(Lang::Es));
        let key = covered.right.key();
        let label = if covered.entry.name == key {
            Text::new("in scope here", "en el alcance aquí")
        } else {
            tr!("brings `{key}` into scope", "incluye `{key}` en el alcance")
        };
        out.push(
            Diagnostic::new(
                Code::W0430,
                tr!(
                    "no commitment advances {en}, a right in scope",
                    "ningún compromiso promueve {es}, un derecho del alcance"
                ),
            )
            .primary(covered.entry.span, label)
            .help(tr!(
                "add `{key}` to the `rights` of a commitment that advances it, or narrow the scope",
                "añada `{key}` a los `derechos` de un compromiso que lo promueva, o reduzca el alcance"
            )),
        );
    }
}

/// Reports W0431: a right in scope that only commitments without a target
/// advance.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0431.md")]
pub(super) fn nominal_coverage(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for covered in coverage(cx).unwrap_or_default() {
        if covered.by.is_empty() || covered.by.iter().any(|(c, _)| !c.targets.is_empty()) {
            continue;
        }
        let (en, es) = (covered.right.name(Lang::En), covered.right.name(Lang::Es));
        let key = covered.right.key();
        let ids: Vec<String> = covered
            .by
            .iter()
            .map(|(c, _)| format!("`{}`", c.header.id.value))
            .collect();
        let (en_ids, es_ids) = (join(&ids, Lang::En), join(&ids, Lang::Es));
        let label = if covered.entry.name == key {
            Text::new("in scope here", "en el alcance aquí")
        } else {
            tr!("brings `{key}` into scope", "incluye `{key}` en el alcance")
        };
        let mut d = Diagnostic::new(
            Code::W0431,
            tr!(
                "{en} is advanced only by commitments without a target",
                "{es} solo lo promueven compromisos sin meta"
            ),
        )
        .primary(covered.entry.span, label);
        for (c, r) in &covered.by {
            let id = &c.header.id.value;
            d = d.secondary(r.span, tr!("`{id}` has no target", "`{id}` no tiene meta"));
        }
        out.push(d.help(tr!(
            "give {en_ids} a `target` that measures progress on this right",
            "dé a {es_ids} una `meta` que mida el avance en este derecho"
        )));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::tests::{only, underlined};
    use crate::diagnostic::Code;

    fn spec(scope: &str, commitments: &str) -> String {
        format!(
            r#"
policy P "P" {{
  horizon: 2025 .. 2030
  scope {{ {scope} }}
}}
use icrmw
agency A "A"
right R1 "Housing" {{ non_derogable: false }}
right R2 "Own core right" {{ non_derogable: true }}
{commitments}
"#
        )
    }

    const JUSTIFIED: &str = r#"justification {
        legal_basis: "Act 1"
        necessity: "n"
        proportionality: "p"
      }"#;

    #[test]
    fn restriction_without_justification() {
        let text = spec(
            "",
            r#"commitment C1 "c" { lead: A  due: 2026-12-31  restricts: [icrmw.art8, R1, icrmw.art8, R9] }"#,
        );
        let ds = only(&text, Code::E0308);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "`C1` restricts `icrmw.art8` and `R1` without a justification"
        );
        assert_eq!(
            ds[0].message.es,
            "`C1` restringe `icrmw.art8` y `R1` sin justificación"
        );
        assert_eq!(underlined(&text, &ds[0]), ["icrmw.art8", "R1"]);
        let help = ds[0].help.as_ref().unwrap();
        assert!(help.en.contains("legal_basis") && help.es.contains("base_legal"));
    }

    #[test]
    fn incomplete_justification_names_the_missing_fields_in_both_languages() {
        let text = spec(
            "",
            r#"commitment C1 "c" { lead: A  due: 2026-12-31  restricts: [icrmw.art8]
                 justification { legal_basis: "Act 1"  necessity: "   " }
               }"#,
        );
        let ds = only(&text, Code::E0308);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "the justification of `C1` is incomplete: `necessity` and `proportionality` are missing or empty"
        );
        assert!(ds[0]
            .message
            .es
            .contains("`necesidad` y `proporcionalidad`"));
        assert!(underlined(&text, &ds[0])[0].starts_with("justification {"));
        let complete = spec(
            "",
            &format!(
                r#"commitment C1 "c" {{ lead: A  due: 2026-12-31  restricts: [icrmw.art8] {JUSTIFIED} }}"#
            ),
        );
        assert!(only(&complete, Code::E0308).is_empty());
    }

    #[test]
    fn non_derogable_rights_are_e0309_and_not_e0308_or_e0310() {
        let text = spec(
            "",
            r#"commitment C1 "c" { lead: A  due: 2026-12-31  rights: [icrmw.art10]  restricts: [icrmw.art10, R2] }"#,
        );
        assert!(only(&text, Code::E0308).is_empty());
        assert!(only(&text, Code::E0310).is_empty());
        let ds = only(&text, Code::E0309);
        assert_eq!(ds.len(), 2);
        assert!(ds[0]
            .message
            .en
            .starts_with("`C1` restricts `icrmw.art10` (Freedom from torture"));
        assert!(ds[0].message.es.contains("(Prohibición de la tortura"));
        assert_eq!(
            ds[1].message.en,
            "`C1` restricts `R2` (Own core right), a non-derogable right"
        );
        assert_eq!(underlined(&text, &ds[1]), ["R2", "true"]);
    }

    #[test]
    fn advanced_and_restricted() {
        let text = spec(
            "",
            &format!(
                r#"commitment C1 "c" {{ lead: A  due: 2026-12-31  rights: [icrmw.art8, R1]  restricts: [R1] {JUSTIFIED} }}"#
            ),
        );
        let ds = only(&text, Code::E0310);
        assert_eq!(ds.len(), 1);
        assert_eq!(underlined(&text, &ds[0]), ["R1", "R1"]);
        assert!(ds[0].labels[0].span.start > ds[0].labels[1].span.start);
    }

    #[test]
    fn coverage_gaps_and_nominal_coverage() {
        let text = spec(
            "rights: [icrmw.art2, gcm.o7, R1, R7, icrmw.art8, icrmw.art25]",
            r#"
commitment C1 "c" { lead: A  due: 2026-12-31  rights: [icrmw.art20, icrmw.art21, icrmw.art22, icrmw.art23, icrmw.art24, icrmw.art26, icrmw.art27, icrmw.art28, icrmw.art29, R1]
  target T1 "t" { indicator: "i"  value: 1 by 2026 }
}
commitment C2 "c" { lead: A  due: 2026-12-31  rights: [icrmw.art8] }
commitment C3 "c" { lead: A  due: 2026-12-31  rights: [icrmw.art8] }
"#,
        );
        // Unknown paths and IDs (reported by the resolver) and items that
        // are not rights bring nothing into scope.
        let gaps = only(&text, Code::W0430);
        let messages: Vec<_> = gaps.iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(messages.len(), 1);
        assert!(messages[0].starts_with("no commitment advances `icrmw.art25` ("));
        let nominal = only(&text, Code::W0431);
        assert_eq!(nominal.len(), 1);
        assert_eq!(
            underlined(&text, &nominal[0]),
            ["icrmw.art8", "icrmw.art8", "icrmw.art8"]
        );
        assert_eq!(
            nominal[0].help.as_ref().unwrap().en,
            "give `C2` and `C3` a `target` that measures progress on this right"
        );
    }

    #[test]
    fn a_pattern_brings_in_every_right_of_the_catalogue_once() {
        let text = spec("rights: [icrmw.*, icrmw.art9]", "");
        let gaps = only(&text, Code::W0430);
        // arts. 7–33 are rights; 34 and 35 are provisions.
        assert_eq!(gaps.len(), 27);
        assert!(gaps.iter().all(|d| underlined(&text, d) == ["icrmw.*"]));
        assert_eq!(
            gaps.iter()
                .find(|d| d.message.en.contains("art9"))
                .unwrap()
                .labels[0]
                .message
                .as_ref()
                .unwrap()
                .en,
            "brings `icrmw.art9` into scope"
        );
    }

    #[test]
    fn no_coverage_warnings_when_a_commitment_is_broken() {
        let text = spec(
            "rights: [icrmw.art8]",
            "commitment C9 \"broken\" { lead: A due: }\n",
        );
        let (cst, _) = crate::syntax::parse(crate::source::FileId(0), &text);
        let (spec, _) = crate::lower::lower(&cst);
        assert!(!spec.broken.is_empty());
        assert!(super::super::check(&spec)
            .iter()
            .all(|d| d.code != Code::W0430));
    }
}
