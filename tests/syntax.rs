//! The forms of LANGUAGE.md sections 1–4, from text to typed AST.
//!
//! Each test compiles a small spec through [`compile_str`] (the function the
//! CLI and the language server drive) and asserts what a drafter would see:
//! the lowered values, where spans point, which comments are kept, which
//! diagnostics come out. Most cases go through [`check`] (no errors
//! allowed) or [`errors`] (the errors as code and underlined text).

use pacta::ast::*;
use pacta::compile::{compile, compile_str, Compilation, MemoryLoader};
use pacta::diagnostic::{render, Diagnostic, Lang};
use pacta::source::Span;
use pacta::syntax::cst::CommentKind;
use proptest::prelude::*;
use std::fmt::Debug;
use std::path::Path;

// ---------------------------------------------------------------------------
// Helpers.

/// A policy the other snippets can sit beside (a spec needs exactly one).
const POLICY: &str = "policy P \"Policy\" { horizon: 2025-01-01 .. 2030-12-31 }\n";

/// Compiles `text` as the only file of a spec.
fn compile_one(text: &str) -> Compilation {
    compile_str("test.pacta", text)
}

/// Compiles `text` and asserts that it has no errors (warnings are fine:
/// they are about the policy, not the syntax).
#[track_caller]
fn check(text: &str) -> Compilation {
    let c = compile_one(text);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| describe(&c, d))
        .collect();
    assert!(
        errors.is_empty(),
        "unexpected errors:\n{}\nin:\n{text}",
        errors.join("\n")
    );
    c
}

/// [`check`] with [`POLICY`] in front of `items`.
#[track_caller]
fn check_items(items: &str) -> Spec {
    check(&format!("{POLICY}{items}")).spec
}

/// The text a span covers.
fn snippet(c: &Compilation, span: Span) -> &str {
    c.sources.snippet(span)
}

/// `E0102 at 3:5 `responsble`: unknown field …`
fn describe(c: &Compilation, d: &Diagnostic) -> String {
    let span = d.span().unwrap_or_default();
    let at = render::location(&c.sources, span);
    format!(
        "{} at {}:{} `{}`: {}",
        d.code.as_str(),
        at.line,
        at.column,
        snippet(c, span),
        d.message.en
    )
}

/// The errors of `text`, as (code, the text the primary label underlines).
fn errors(text: &str) -> Vec<(&'static str, String)> {
    let c = compile_one(text);
    c.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let span = d.span().unwrap_or_default();
            (d.code.as_str(), snippet(&c, span).to_owned())
        })
        .collect()
}

/// The messages of the errors of `text` (English).
fn error_messages(text: &str) -> Vec<String> {
    compile_one(text)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.en.clone())
        .collect()
}

/// The Debug form of a value with every `Span { … }` replaced by `_`: two
/// specs written differently (English and Spanish keywords, other
/// spacing) compare equal when they mean the same.
fn without_spans(value: &impl Debug) -> String {
    let debug = format!("{value:#?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[at..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push('_');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Asserts that two values are equal once spans are ignored, showing the
/// first differing line of their Debug forms.
#[track_caller]
fn assert_same_ast(left: &impl Debug, right: &impl Debug, what: &str) {
    let (l, r) = (without_spans(left), without_spans(right));
    if l != r {
        let (ll, rl): (Vec<&str>, Vec<&str>) = (l.lines().collect(), r.lines().collect());
        let first = ll
            .iter()
            .zip(&rl)
            .position(|(a, b)| a != b)
            .unwrap_or(ll.len().min(rl.len()));
        let from = first.saturating_sub(8);
        panic!(
            "{what}: the ASTs differ at line {first}\n--- left\n{}\n--- right\n{}",
            ll[from..(first + 3).min(ll.len())].join("\n"),
            rl[from..(first + 3).min(rl.len())].join("\n"),
        );
    }
}

fn refs(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.name.as_str()).collect()
}

fn string(s: &Option<Spanned<String>>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_str())
}

fn num(value: f64, text: &str) -> Number {
    Number {
        value,
        text: text.to_owned(),
    }
}

fn usd(amount: f64, text: &str) -> Money {
    Money {
        amount: num(amount, text),
        currency: "USD".to_owned(),
    }
}

/// (quantity, percent, date) of a measure.
fn measure(m: &Measure) -> (f64, bool, Date) {
    (
        m.quantity.value.number.value,
        m.quantity.value.percent,
        m.date.value,
    )
}

// ---------------------------------------------------------------------------
// Every item and every field, in English, in Spanish with and without
// accents, and mixed.

/// Every item kind with every field of LANGUAGE.md section 3.
const SPEC_EN: &str = r#"/// The policy.
policy PNMI "National Migration and Integration Policy 2025–2030" {
  jurisdiction: "CR"            // ISO 3166 code
  version: "0.3"
  status: consultation
  language: es
  horizon: 2025-01-01 .. 2030-12-31
  budget: 48_000_000 USD
  scope {
    rights: [icrmw.*, R_vivienda]
    stages: [origin, transit, destination, return]
  }
}

use icrmw
use gcm
use migof
use sdg

agency MGP "Ministerio de Gobernación y Policía" { sector: "interior" }
/// Migration authority.
agency DGME "Dirección General de Migración y Extranjería" {
  sector: "interior"
  parent: MGP
}
agency MTSS "Ministerio de Trabajo y Seguridad Social" { sector: "labour" }

/// Migrants are rights-holders in every procedure.
principle P1 "Migrants as rights-holders" {
  description: "Every procedure treats migrants as rights-holders."
  grounds: [gcm.p6, migof.p1]
}

right R_vivienda "Access to decent housing" {
  description: "Housing on equal terms."
  non_derogable: false
}

commitment C1 "Information at the border" {
  principles: [P1]
  rights: [icrmw.art33]
  stages: [origin, transit]
  lead: DGME
  due: 2025-12-31
  status: done
}

commitment C4 "Regularisation of migrant workers" {
  principles: [P1]
  rights: [icrmw.art25, R_vivienda]
  stages: [destination, return]
  lead: DGME
  support: [MTSS]
  depends_on: [C1]
  start: 2025-03-01
  due: 2026-12-31
  budget: 3_200_000 USD
  status: in_progress
  aligns: [gcm.o5, gcm.o7, sdg.10.7.2]
  evidence: [E1]

  /// Counted every semester.
  target M4a "Migrant workers with regular status" {
    indicator: "Migrant workers holding a valid residence permit"
    unit: "persons"
    baseline: 12_000 in 2024
    value: 35_000 by 2025-12-31
    value: 60_000 by 2026-12-31
    direction: increase
    source: "DGME administrative records"
    observed: 21_500 on 2025-06-30
    observed: 30_000 on 2025-12-31
  }
}

commitment C9 "Document checks at land borders" {
  principles: [P1]
  restricts: [icrmw.art8]
  justification {
    legal_basis: "Ley General de Migración, art. 12"
    necessity: "Identify people entering the country."
    proportionality: "A check takes minutes."
  }
  stages: [transit]
  lead: DGME
  due: 2027-06-30
  status: planned
}

stakeholder RMIG "Network of migrant organisations" { kind: migrant_organization }

consultation K1 "National consultation with civil society" {
  date: 2025-05-20
  participants: [MTSS, DGME, RMIG]
  covers: [C1, C4, P1]
  outcome: "Agreed."
}

evidence E1 "National diagnostic of labour migration" {
  kind: diagnostic
  year: 2024
  url: "https://example.org/diagnostic"
}
"#;

/// [`SPEC_EN`] with Spanish keywords, field names and values, accents
/// written.
const SPEC_ES: &str = r#"/// The policy.
política PNMI "National Migration and Integration Policy 2025–2030" {
  jurisdicción: "CR"            // código ISO 3166
  versión: "0.3"
  estado: consulta
  idioma: es
  horizonte: 2025-01-01 .. 2030-12-31
  presupuesto: 48_000_000 USD
  alcance {
    derechos: [icrmw.*, R_vivienda]
    etapas: [origen, tránsito, destino, retorno]
  }
}

usar icrmw
usar gcm
usar migof
usar sdg

institución MGP "Ministerio de Gobernación y Policía" { sector: "interior" }
/// Migration authority.
institución DGME "Dirección General de Migración y Extranjería" {
  sector: "interior"
  adscrita_a: MGP
}
institución MTSS "Ministerio de Trabajo y Seguridad Social" { sector: "labour" }

/// Migrants are rights-holders in every procedure.
principio P1 "Migrants as rights-holders" {
  descripción: "Every procedure treats migrants as rights-holders."
  fundamentos: [gcm.p6, migof.p1]
}

derecho R_vivienda "Access to decent housing" {
  descripción: "Housing on equal terms."
  inderogable: falso
}

compromiso C1 "Information at the border" {
  principios: [P1]
  derechos: [icrmw.art33]
  etapas: [origen, tránsito]
  responsable: DGME
  plazo: 2025-12-31
  estado: cumplido
}

compromiso C4 "Regularisation of migrant workers" {
  principios: [P1]
  derechos: [icrmw.art25, R_vivienda]
  etapas: [destino, retorno]
  responsable: DGME
  apoyo: [MTSS]
  depende_de: [C1]
  inicio: 2025-03-01
  plazo: 2026-12-31
  presupuesto: 3_200_000 USD
  estado: en_curso
  alinea: [gcm.o5, gcm.o7, sdg.10.7.2]
  evidencia: [E1]

  /// Counted every semester.
  meta M4a "Migrant workers with regular status" {
    indicador: "Migrant workers holding a valid residence permit"
    unidad: "persons"
    línea_base: 12_000 en 2024
    valor: 35_000 para 2025-12-31
    valor: 60_000 para 2026-12-31
    dirección: aumentar
    fuente: "DGME administrative records"
    observado: 21_500 al 2025-06-30
    observado: 30_000 al 2025-12-31
  }
}

compromiso C9 "Document checks at land borders" {
  principios: [P1]
  restringe: [icrmw.art8]
  justificación {
    base_legal: "Ley General de Migración, art. 12"
    necesidad: "Identify people entering the country."
    proporcionalidad: "A check takes minutes."
  }
  etapas: [tránsito]
  responsable: DGME
  plazo: 2027-06-30
  estado: planificado
}

actor RMIG "Network of migrant organisations" { tipo: organización_migrante }

consulta K1 "National consultation with civil society" {
  fecha: 2025-05-20
  participantes: [MTSS, DGME, RMIG]
  abarca: [C1, C4, P1]
  resultado: "Agreed."
}

evidencia E1 "National diagnostic of labour migration" {
  tipo: diagnóstico
  año: 2024
  url: "https://example.org/diagnostic"
}
"#;

/// [`SPEC_ES`] typed on a keyboard without accents (`ñ` becomes `n`).
const SPEC_ES_ASCII: &str = r#"/// The policy.
politica PNMI "National Migration and Integration Policy 2025–2030" {
  jurisdiccion: "CR"
  version: "0.3"
  estado: consulta
  idioma: es
  horizonte: 2025-01-01 .. 2030-12-31
  presupuesto: 48_000_000 USD
  alcance {
    derechos: [icrmw.*, R_vivienda]
    etapas: [origen, transito, destino, retorno]
  }
}

usar icrmw
usar gcm
usar migof
usar sdg

institucion MGP "Ministerio de Gobernación y Policía" { sector: "interior" }
/// Migration authority.
institucion DGME "Dirección General de Migración y Extranjería" {
  sector: "interior"
  adscrita_a: MGP
}
institucion MTSS "Ministerio de Trabajo y Seguridad Social" { sector: "labour" }

/// Migrants are rights-holders in every procedure.
principio P1 "Migrants as rights-holders" {
  descripcion: "Every procedure treats migrants as rights-holders."
  fundamentos: [gcm.p6, migof.p1]
}

derecho R_vivienda "Access to decent housing" {
  descripcion: "Housing on equal terms."
  inderogable: falso
}

compromiso C1 "Information at the border" {
  principios: [P1]
  derechos: [icrmw.art33]
  etapas: [origen, transito]
  responsable: DGME
  plazo: 2025-12-31
  estado: cumplido
}

compromiso C4 "Regularisation of migrant workers" {
  principios: [P1]
  derechos: [icrmw.art25, R_vivienda]
  etapas: [destino, retorno]
  responsable: DGME
  apoyo: [MTSS]
  depende_de: [C1]
  inicio: 2025-03-01
  plazo: 2026-12-31
  presupuesto: 3_200_000 USD
  estado: en_curso
  alinea: [gcm.o5, gcm.o7, sdg.10.7.2]
  evidencia: [E1]

  /// Counted every semester.
  meta M4a "Migrant workers with regular status" {
    indicador: "Migrant workers holding a valid residence permit"
    unidad: "persons"
    linea_base: 12_000 en 2024
    valor: 35_000 para 2025-12-31
    valor: 60_000 para 2026-12-31
    direccion: aumentar
    fuente: "DGME administrative records"
    observado: 21_500 al 2025-06-30
    observado: 30_000 al 2025-12-31
  }
}

compromiso C9 "Document checks at land borders" {
  principios: [P1]
  restringe: [icrmw.art8]
  justificacion {
    base_legal: "Ley General de Migración, art. 12"
    necesidad: "Identify people entering the country."
    proporcionalidad: "A check takes minutes."
  }
  etapas: [transito]
  responsable: DGME
  plazo: 2027-06-30
  estado: planificado
}

actor RMIG "Network of migrant organisations" { tipo: organizacion_migrante }

consulta K1 "National consultation with civil society" {
  fecha: 2025-05-20
  participantes: [MTSS, DGME, RMIG]
  abarca: [C1, C4, P1]
  resultado: "Agreed."
}

evidencia E1 "National diagnostic of labour migration" {
  tipo: diagnostico
  ano: 2024
  url: "https://example.org/diagnostic"
}
"#;

/// The same spec again, the languages mixed item by item and field by
/// field, some Spanish words with accents and some without.
const SPEC_MIXED: &str = r#"/// The policy.
política PNMI "National Migration and Integration Policy 2025–2030" {
  jurisdiction: "CR"
  versión: "0.3"
  status: consulta
  idioma: es
  horizon: 2025-01-01 .. 2030-12-31
  presupuesto: 48_000_000 USD
  scope {
    derechos: [icrmw.*, R_vivienda]
    stages: [origen, transit, destino, return]
  }
}

use icrmw
usar gcm
use migof
usar sdg

agency MGP "Ministerio de Gobernación y Policía" { sector: "interior" }
/// Migration authority.
institucion DGME "Dirección General de Migración y Extranjería" {
  sector: "interior"
  parent: MGP
}
institución MTSS "Ministerio de Trabajo y Seguridad Social" { sector: "labour" }

/// Migrants are rights-holders in every procedure.
principle P1 "Migrants as rights-holders" {
  descripcion: "Every procedure treats migrants as rights-holders."
  grounds: [gcm.p6, migof.p1]
}

derecho R_vivienda "Access to decent housing" {
  description: "Housing on equal terms."
  inderogable: false
}

commitment C1 "Information at the border" {
  principios: [P1]
  rights: [icrmw.art33]
  etapas: [origin, tránsito]
  responsable: DGME
  due: 2025-12-31
  estado: done
}

compromiso C4 "Regularisation of migrant workers" {
  principles: [P1]
  derechos: [icrmw.art25, R_vivienda]
  stages: [destino, return]
  lead: DGME
  apoyo: [MTSS]
  depends_on: [C1]
  inicio: 2025-03-01
  due: 2026-12-31
  presupuesto: 3_200_000 USD
  status: en_curso
  alinea: [gcm.o5, gcm.o7, sdg.10.7.2]
  evidence: [E1]

  /// Counted every semester.
  target M4a "Migrant workers with regular status" {
    indicador: "Migrant workers holding a valid residence permit"
    unit: "persons"
    línea_base: 12_000 in 2024
    value: 35_000 para 2025-12-31
    valor: 60_000 by 2026-12-31
    direction: aumentar
    fuente: "DGME administrative records"
    observed: 21_500 al 2025-06-30
    observado: 30_000 on 2025-12-31
  }
}

commitment C9 "Document checks at land borders" {
  principios: [P1]
  restricts: [icrmw.art8]
  justificación {
    legal_basis: "Ley General de Migración, art. 12"
    necesidad: "Identify people entering the country."
    proportionality: "A check takes minutes."
  }
  etapas: [transit]
  lead: DGME
  plazo: 2027-06-30
  status: planificado
}

actor RMIG "Network of migrant organisations" { kind: organización_migrante }

consultation K1 "National consultation with civil society" {
  fecha: 2025-05-20
  participants: [MTSS, DGME, RMIG]
  abarca: [C1, C4, P1]
  outcome: "Agreed."
}

evidencia E1 "National diagnostic of labour migration" {
  kind: diagnóstico
  año: 2024
  url: "https://example.org/diagnostic"
}
"#;

#[test]
fn every_item_and_field_lowers_to_its_value() {
    let c = check(SPEC_EN);
    let spec = &c.spec;

    let p = spec.policy().expect("one policy");
    assert_eq!(p.header.kind, pacta::lang::ItemKind::Policy);
    assert_eq!(p.header.id.value, "PNMI");
    assert_eq!(
        string(&p.header.title),
        Some("National Migration and Integration Policy 2025–2030")
    );
    assert_eq!(p.header.doc.as_deref(), Some("The policy."));
    assert_eq!(string(&p.jurisdiction), Some("CR"));
    assert_eq!(string(&p.version), Some("0.3"));
    assert_eq!(
        p.status.as_ref().map(|s| s.value),
        Some(PolicyStatus::Consultation)
    );
    assert_eq!(p.language.as_ref().map(|l| l.value), Some(Lang::Es));
    assert_eq!(spec.language(), Lang::Es);
    assert_eq!(
        p.horizon.as_ref().map(|h| h.value),
        Some(Period {
            start: Date::ymd(2025, 1, 1),
            end: Date::ymd(2030, 12, 31)
        })
    );
    assert_eq!(
        p.budget.as_ref().map(|b| &b.value),
        Some(&usd(48_000_000.0, "48_000_000"))
    );
    let scope = p.scope.as_ref().expect("scope");
    assert_eq!(refs(&scope.rights), ["icrmw.*", "R_vivienda"]);
    assert_eq!(
        scope
            .stages
            .as_ref()
            .map(|s| s.iter().map(|s| s.value).collect::<Vec<_>>()),
        Some(Stage::ALL.to_vec())
    );

    let uses: Vec<&str> = spec
        .uses
        .iter()
        .map(|u| u.catalogue.value.as_str())
        .collect();
    assert_eq!(uses, ["icrmw", "gcm", "migof", "sdg"]);

    let agencies: Vec<(&str, Option<&str>, Option<&str>)> = spec
        .agencies
        .iter()
        .map(|a| {
            (
                a.header.id.value.as_str(),
                string(&a.sector),
                a.parent.as_ref().map(|p| p.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        agencies,
        [
            ("MGP", Some("interior"), None),
            ("DGME", Some("interior"), Some("MGP")),
            ("MTSS", Some("labour"), None),
        ]
    );
    assert_eq!(
        spec.agencies[1].header.doc.as_deref(),
        Some("Migration authority.")
    );

    let p1 = &spec.principles[0];
    assert_eq!(p1.header.id.value, "P1");
    assert_eq!(
        p1.header.doc.as_deref(),
        Some("Migrants are rights-holders in every procedure.")
    );
    assert_eq!(
        string(&p1.description),
        Some("Every procedure treats migrants as rights-holders.")
    );
    assert_eq!(refs(&p1.grounds), ["gcm.p6", "migof.p1"]);

    let r = &spec.rights[0];
    assert_eq!(r.header.id.value, "R_vivienda");
    assert_eq!(string(&r.description), Some("Housing on equal terms."));
    assert_eq!(r.non_derogable.as_ref().map(|b| b.value), Some(false));

    let ids: Vec<&str> = spec
        .commitments
        .iter()
        .map(|c| c.header.id.value.as_str())
        .collect();
    assert_eq!(ids, ["C1", "C4", "C9"]);
    let c1 = &spec.commitments[0];
    assert_eq!(
        c1.status.as_ref().map(|s| s.value),
        Some(CommitmentStatus::Done)
    );
    assert_eq!(
        c1.stages.iter().map(|s| s.value).collect::<Vec<_>>(),
        [Stage::Origin, Stage::Transit]
    );
    let c4 = &spec.commitments[1];
    assert_eq!(refs(&c4.principles), ["P1"]);
    assert_eq!(refs(&c4.rights), ["icrmw.art25", "R_vivienda"]);
    assert_eq!(
        c4.stages.iter().map(|s| s.value).collect::<Vec<_>>(),
        [Stage::Destination, Stage::Return]
    );
    assert_eq!(c4.lead.as_ref().map(|r| r.name.as_str()), Some("DGME"));
    assert_eq!(refs(&c4.support), ["MTSS"]);
    assert_eq!(refs(&c4.depends_on), ["C1"]);
    assert_eq!(
        c4.start.as_ref().map(|d| d.value),
        Some(Date::ymd(2025, 3, 1))
    );
    assert_eq!(
        c4.due.as_ref().map(|d| d.value),
        Some(Date::ymd(2026, 12, 31))
    );
    assert_eq!(
        c4.budget.as_ref().map(|b| &b.value),
        Some(&usd(3_200_000.0, "3_200_000"))
    );
    assert_eq!(
        c4.status.as_ref().map(|s| s.value),
        Some(CommitmentStatus::InProgress)
    );
    assert_eq!(refs(&c4.aligns), ["gcm.o5", "gcm.o7", "sdg.10.7.2"]);
    assert_eq!(refs(&c4.evidence), ["E1"]);
    assert!(c4.restricts.is_empty() && c4.justification.is_none());

    let [t] = c4.targets.as_slice() else {
        panic!("one target: {:?}", c4.targets)
    };
    assert_eq!(t.header.kind, pacta::lang::ItemKind::Target);
    assert_eq!(t.header.id.value, "M4a");
    assert_eq!(
        string(&t.header.title),
        Some("Migrant workers with regular status")
    );
    assert_eq!(t.header.doc.as_deref(), Some("Counted every semester."));
    assert_eq!(
        string(&t.indicator),
        Some("Migrant workers holding a valid residence permit")
    );
    assert_eq!(string(&t.unit), Some("persons"));
    assert_eq!(
        t.baseline.as_ref().map(measure),
        Some((12_000.0, false, Date::year(2024)))
    );
    assert_eq!(
        t.values.iter().map(measure).collect::<Vec<_>>(),
        [
            (35_000.0, false, Date::ymd(2025, 12, 31)),
            (60_000.0, false, Date::ymd(2026, 12, 31)),
        ]
    );
    assert_eq!(
        t.direction.as_ref().map(|d| d.value),
        Some(Direction::Increase)
    );
    assert_eq!(string(&t.source), Some("DGME administrative records"));
    assert_eq!(
        t.observed.iter().map(measure).collect::<Vec<_>>(),
        [
            (21_500.0, false, Date::ymd(2025, 6, 30)),
            (30_000.0, false, Date::ymd(2025, 12, 31)),
        ]
    );

    let c9 = &spec.commitments[2];
    assert_eq!(refs(&c9.restricts), ["icrmw.art8"]);
    let j = c9.justification.as_ref().expect("justification");
    assert_eq!(
        string(&j.legal_basis),
        Some("Ley General de Migración, art. 12")
    );
    assert_eq!(
        string(&j.necessity),
        Some("Identify people entering the country.")
    );
    assert_eq!(string(&j.proportionality), Some("A check takes minutes."));
    assert_eq!(
        c9.status.as_ref().map(|s| s.value),
        Some(CommitmentStatus::Planned)
    );

    let s = &spec.stakeholders[0];
    assert_eq!(s.header.id.value, "RMIG");
    assert_eq!(
        s.kind.as_ref().map(|k| k.value),
        Some(StakeholderKind::MigrantOrganization)
    );

    let k = &spec.consultations[0];
    assert_eq!(k.header.id.value, "K1");
    assert_eq!(
        k.date.as_ref().map(|d| d.value),
        Some(Date::ymd(2025, 5, 20))
    );
    assert_eq!(refs(&k.participants), ["MTSS", "DGME", "RMIG"]);
    assert_eq!(refs(&k.covers), ["C1", "C4", "P1"]);
    assert_eq!(string(&k.outcome), Some("Agreed."));

    let e = &spec.evidence[0];
    assert_eq!(e.header.id.value, "E1");
    assert_eq!(
        e.kind.as_ref().map(|k| k.value),
        Some(EvidenceKind::Diagnostic)
    );
    assert_eq!(e.year.as_ref().map(|y| y.value), Some(2024));
    assert_eq!(string(&e.url), Some("https://example.org/diagnostic"));

    assert!(spec.broken.is_empty());
}

#[test]
fn spanish_keywords_with_and_without_accents_and_mixed_lower_to_the_same_ast() {
    let en = check(SPEC_EN).spec;
    for (name, text) in [
        ("Spanish", SPEC_ES),
        ("Spanish without accents", SPEC_ES_ASCII),
        ("mixed", SPEC_MIXED),
    ] {
        let other = check(text).spec;
        assert_same_ast(&en, &other, name);
    }
}

#[test]
fn the_span_free_comparison_sees_a_changed_value() {
    // The comparison above would be worthless if it ignored values.
    let en = check(SPEC_EN).spec;
    let changed = check(&SPEC_EN.replace("value: 60_000", "value: 60_001")).spec;
    assert_ne!(without_spans(&en), without_spans(&changed));
    // …and it really ignores spans.
    let moved = check(&format!("\n\n   {SPEC_EN}")).spec;
    assert_ne!(en, moved);
    assert_same_ast(&en, &moved, "moved");
}

#[test]
fn include_and_incluir_name_a_file_relative_to_the_including_one() {
    for (keyword, agency) in [("include", "agency"), ("incluir", "institución")] {
        let mut loader = MemoryLoader::new();
        loader.add(
            "spec/main.pacta",
            format!("{POLICY}{keyword} \"parts/agencies.pacta\"\n"),
        );
        loader.add(
            "spec/parts/agencies.pacta",
            format!("{agency} A \"Agency\" {{ sector: \"x\" }}\n"),
        );
        let c = compile(Path::new("spec/main.pacta"), &loader);
        let errors: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| describe(&c, d))
            .collect();
        assert!(errors.is_empty(), "{keyword}: {errors:?}");
        let includes: Vec<&str> = c
            .spec
            .includes
            .iter()
            .map(|i| i.path.value.as_str())
            .collect();
        assert_eq!(includes, ["parts/agencies.pacta"], "{keyword}");
        assert_eq!(c.spec.agencies.len(), 1, "{keyword}");
        assert_eq!(c.files.len(), 2, "{keyword}: one tree per file");
    }
}

#[test]
fn use_and_usar_enable_a_catalogue() {
    for keyword in ["use", "usar"] {
        let spec = check_items(&format!(
            "{keyword} sdg\nagency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026 aligns: [sdg.10.c.1] }}\n"
        ));
        assert_eq!(spec.uses.len(), 1);
        assert_eq!(spec.uses[0].catalogue.value, "sdg");
    }
}

#[test]
fn an_item_without_fields_may_leave_out_its_block() {
    let spec = check_items("agency A \"Agency\"\nprinciple P1 \"P\"\nstakeholder S \"S\" {}\n");
    assert_eq!(spec.agencies[0].header.id.value, "A");
    assert_eq!(string(&spec.agencies[0].header.title), Some("Agency"));
    assert!(spec.agencies[0].sector.is_none());
    assert_eq!(spec.principles[0].header.id.value, "P1");
    assert!(spec.stakeholders[0].kind.is_none());
}

/// Checks that each written word of a closed set lowers to its value.
#[track_caller]
fn words_lower_to<T: PartialEq + Debug>(
    template: &str,
    get: impl Fn(&Spec) -> Option<T>,
    cases: &[(T, &[&str])],
) {
    for (want, words) in cases {
        for word in *words {
            let text = template.replace("WORD", word);
            let spec = check(&text).spec;
            assert_eq!(get(&spec).as_ref(), Some(want), "`{word}` in:\n{text}");
        }
    }
}

#[test]
fn every_enumerated_value_in_both_languages_with_and_without_accents() {
    let policy = |f: &str| format!("policy P \"P\" {{ horizon: 2025 .. 2030 {f} }}\n");
    words_lower_to(
        &policy("status: WORD"),
        |s| s.policies[0].status.as_ref().map(|v| v.value),
        &[
            (PolicyStatus::Draft, &["draft", "borrador"]),
            (PolicyStatus::Consultation, &["consultation", "consulta"]),
            (PolicyStatus::Adopted, &["adopted", "adoptada"]),
            (PolicyStatus::Superseded, &["superseded", "sustituida"]),
        ],
    );
    words_lower_to(
        &policy("language: WORD"),
        |s| s.policies[0].language.as_ref().map(|v| v.value),
        &[(Lang::Es, &["es"]), (Lang::En, &["en"])],
    );
    let stages: &[(Stage, &[&str])] = &[
        (Stage::Origin, &["origin", "origen"]),
        (Stage::Transit, &["transit", "tránsito", "transito"]),
        (Stage::Destination, &["destination", "destino"]),
        (Stage::Return, &["return", "retorno"]),
    ];
    words_lower_to(
        &policy("scope { stages: [WORD] }"),
        |s| {
            let stages = s.policies[0].scope.as_ref()?.stages.as_ref()?;
            stages.first().map(|v| v.value)
        },
        stages,
    );
    let commitment = |f: &str| {
        format!("{POLICY}agency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026 {f} }}\n")
    };
    words_lower_to(
        &commitment("stages: [WORD]"),
        |s| s.commitments[0].stages.first().map(|v| v.value),
        stages,
    );
    words_lower_to(
        &commitment("status: WORD"),
        |s| s.commitments[0].status.as_ref().map(|v| v.value),
        &[
            (CommitmentStatus::Planned, &["planned", "planificado"]),
            (CommitmentStatus::InProgress, &["in_progress", "en_curso"]),
            (CommitmentStatus::Done, &["done", "cumplido"]),
            (CommitmentStatus::Suspended, &["suspended", "suspendido"]),
        ],
    );
    words_lower_to(
        &commitment("target T \"T\" { indicator: \"i\" value: 5 by 2026 direction: WORD }"),
        |s| {
            s.commitments[0].targets[0]
                .direction
                .as_ref()
                .map(|v| v.value)
        },
        &[
            (Direction::Increase, &["increase", "aumentar"]),
            (Direction::Decrease, &["decrease", "reducir"]),
            (Direction::Maintain, &["maintain", "mantener"]),
        ],
    );
    words_lower_to(
        &format!("{POLICY}evidence E \"E\" {{ kind: WORD }}\n"),
        |s| s.evidence[0].kind.as_ref().map(|v| v.value),
        &[
            (
                EvidenceKind::Diagnostic,
                &["diagnostic", "diagnóstico", "diagnostico"],
            ),
            (
                EvidenceKind::Research,
                &["research", "investigación", "investigacion"],
            ),
            (
                EvidenceKind::Statistics,
                &["statistics", "estadística", "estadistica"],
            ),
            (
                EvidenceKind::Evaluation,
                &["evaluation", "evaluación", "evaluacion"],
            ),
        ],
    );
    words_lower_to(
        &format!("{POLICY}stakeholder S \"S\" {{ kind: WORD }}\n"),
        |s| s.stakeholders[0].kind.as_ref().map(|v| v.value),
        &[
            (
                StakeholderKind::CivilSociety,
                &["civil_society", "sociedad_civil"],
            ),
            (
                StakeholderKind::MigrantOrganization,
                &[
                    "migrant_organization",
                    "organización_migrante",
                    "organizacion_migrante",
                ],
            ),
            (
                StakeholderKind::PrivateSector,
                &["private_sector", "sector_privado"],
            ),
            (StakeholderKind::Academia, &["academia"]),
            (
                StakeholderKind::International,
                &["international", "internacional"],
            ),
            (
                StakeholderKind::LocalGovernment,
                &["local_government", "gobierno_local"],
            ),
        ],
    );
    words_lower_to(
        &format!("{POLICY}right R \"R\" {{ non_derogable: WORD }}\n"),
        |s| s.rights[0].non_derogable.as_ref().map(|v| v.value),
        &[(true, &["true", "verdadero"]), (false, &["false", "falso"])],
    );
}

#[test]
fn every_keyword_in_both_languages_with_and_without_accents() {
    use pacta::lang::ItemKind;
    let cases: &[(&str, ItemKind)] = &[
        ("agency", ItemKind::Agency),
        ("institución", ItemKind::Agency),
        ("institucion", ItemKind::Agency),
        ("principle", ItemKind::Principle),
        ("principio", ItemKind::Principle),
        ("right", ItemKind::Right),
        ("derecho", ItemKind::Right),
        ("stakeholder", ItemKind::Stakeholder),
        ("actor", ItemKind::Stakeholder),
        ("evidence", ItemKind::Evidence),
        ("evidencia", ItemKind::Evidence),
    ];
    for (keyword, kind) in cases {
        let spec = check_items(&format!("{keyword} X \"x\" {{}}\n"));
        let headers: Vec<(ItemKind, &str)> = spec
            .headers()
            .filter(|h| h.kind != ItemKind::Policy)
            .map(|h| (h.kind, h.id.value.as_str()))
            .collect();
        assert_eq!(headers, [(*kind, "X")], "{keyword}");
    }
    for keyword in ["policy", "política", "politica"] {
        let spec = check(&format!("{keyword} P \"P\" {{ horizon: 2025 .. 2030 }}\n")).spec;
        assert_eq!(spec.policies.len(), 1, "{keyword}");
    }
    for (keyword, target) in [
        ("commitment", "target"),
        ("compromiso", "meta"),
        ("commitment", "meta"),
        ("compromiso", "target"),
    ] {
        let spec = check_items(&format!(
            "agency A \"A\"\n{keyword} C \"C\" {{ lead: A due: 2026\n  {target} T \"T\" {{ indicator: \"i\" value: 1 by 2026 }}\n}}\n"
        ));
        assert_eq!(
            spec.commitments[0].targets[0].header.id.value, "T",
            "{keyword} {target}"
        );
    }
    for keyword in ["consultation", "consulta"] {
        let spec = check_items(&format!("{keyword} K \"K\" {{ date: 2025-05-20 }}\n"));
        assert_eq!(spec.consultations[0].header.id.value, "K", "{keyword}");
    }
}

// ---------------------------------------------------------------------------
// Literals.

/// The description of a right written `description: LITERAL`.
#[track_caller]
fn description(literal: &str) -> String {
    let spec = check_items(&format!("right R \"R\" {{ description: {literal} }}\n"));
    spec.rights[0]
        .description
        .as_ref()
        .map(|d| d.value.clone())
        .unwrap_or_default()
}

#[test]
fn strings_decode_each_escape() {
    let cases = [
        (r#""plain""#, "plain"),
        (r#""say \"yes\"""#, "say \"yes\""),
        (r#""back\\slash""#, "back\\slash"),
        (r#""two\nlines""#, "two\nlines"),
        (r#""a\tb""#, "a\tb"),
        (r#""caf\u{00E9}""#, "café"),
        (r#""\u{1F600}""#, "\u{1F600}"),
        (r#""all: \" \\ \n \t \u{00e9}""#, "all: \" \\ \n \t é"),
        (r#""""#, ""),
        (r#""año, Ñandú, 日本""#, "año, Ñandú, 日本"),
    ];
    for (literal, want) in cases {
        assert_eq!(description(literal), want, "{literal}");
    }
}

#[test]
fn a_bad_escape_is_an_invalid_literal_on_the_escape() {
    for (literal, underlined) in [
        (r#""a \q b""#, r"\q"),
        (r#""\u00E9""#, r"\u"),
        (r#""\u{D800}""#, r"\u{D800}"),
    ] {
        let text = format!("{POLICY}right R \"R\" {{ description: {literal} }}\n");
        assert_eq!(
            errors(&text),
            [("E0101", underlined.to_owned())],
            "{literal}"
        );
    }
}

#[test]
fn text_blocks_drop_the_first_newline_dedent_and_turn_crlf_into_lf() {
    let cases = [
        (
            "\"\"\"\n    first\n      second\n    \"\"\"",
            "first\n  second",
        ),
        ("\"\"\"one line\"\"\"", "one line"),
        ("\"\"\"\n  a\n\n  b\n\"\"\"", "a\n\nb"),
        ("\"\"\"\r\n    a\r\n    b\r\n    \"\"\"", "a\nb"),
        (
            "\"\"\"\n  \"quoted\" and \\u{00E9}\n  \"\"\"",
            "\"quoted\" and é",
        ),
        ("\"\"\"\n  // not a comment\n  \"\"\"", "// not a comment"),
    ];
    for (literal, want) in cases {
        assert_eq!(description(literal), want, "{literal:?}");
    }
}

#[test]
fn a_crlf_file_parses_like_its_lf_twin() {
    let lf = check(SPEC_EN).spec;
    let crlf = check(&SPEC_EN.replace('\n', "\r\n")).spec;
    assert_same_ast(&lf, &crlf, "CRLF");
    // A byte-order mark is dropped before parsing.
    let mut loader = MemoryLoader::new();
    loader.add("bom.pacta", format!("\u{FEFF}{SPEC_EN}"));
    let c = compile(Path::new("bom.pacta"), &loader);
    assert!(!c.has_errors());
    assert_same_ast(&lf, &c.spec, "BOM");
}

/// The baseline, milestones and observations of one target.
#[track_caller]
fn target(fields: &str) -> Target {
    let mut spec = check_items(&format!(
        "agency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026\n  target T \"T\" {{\n    indicator: \"i\"\n{fields}\n  }}\n}}\n"
    ));
    spec.commitments.remove(0).targets.remove(0)
}

#[test]
fn numbers_and_percentages() {
    for (written, value) in [
        ("12000", 12_000.0),
        ("12_000", 12_000.0),
        ("1_000_000", 1_000_000.0),
        ("3.5", 3.5),
        ("0.25", 0.25),
        ("-2", -2.0),
        ("-2.5", -2.5),
        ("0", 0.0),
    ] {
        let t = target(&format!("value: {written} by 2026"));
        assert_eq!(t.values[0].quantity.value.number, num(value, written));
        assert!(!t.values[0].quantity.value.percent, "{written}");
        assert_eq!(t.values[0].date.value, Date::year(2026));
    }
    for (written, value) in [("85%", 85.0), ("3.5%", 3.5), ("100%", 100.0), ("0%", 0.0)] {
        let t = target(&format!("value: {written} by 2026"));
        let q = &t.values[0].quantity.value;
        assert!(q.percent, "{written}");
        assert_eq!(q.number.value, value, "{written}");
    }
}

#[test]
fn money_is_a_number_and_a_currency_code() {
    let budget = |written: &str| {
        let spec = check(&format!(
            "policy P \"P\" {{ horizon: 2025 .. 2030 budget: {written} }}\n"
        ))
        .spec;
        spec.policies[0].budget.clone().map(|b| b.value)
    };
    assert_eq!(budget("1_500_000 USD"), Some(usd(1_500_000.0, "1_500_000")));
    assert_eq!(budget("1500000 USD"), Some(usd(1_500_000.0, "1500000")));
    assert_eq!(budget("1500000\tUSD"), Some(usd(1_500_000.0, "1500000")));
    assert_eq!(
        budget("1_500_000.50 USD"),
        Some(usd(1_500_000.5, "1_500_000.50"))
    );
    assert_eq!(
        budget("250.75 CRC"),
        Some(Money {
            amount: num(250.75, "250.75"),
            currency: "CRC".to_owned()
        })
    );
}

#[test]
fn an_unknown_or_lower_case_currency_is_an_invalid_literal() {
    let text =
        |code: &str| format!("policy P \"P\" {{ horizon: 2025 .. 2030 budget: 100 {code} }}\n");
    assert_eq!(errors(&text("XYZ")), [("E0101", "XYZ".to_owned())]);
    let c = compile_one(&text("usd"));
    let d = &c.diagnostics[0];
    assert_eq!(d.code.as_str(), "E0101");
    assert_eq!(d.fix.as_ref().map(|f| f.replacement.as_str()), Some("USD"));
}

#[test]
fn booleans_in_both_languages() {
    for (written, value) in [
        ("true", true),
        ("false", false),
        ("verdadero", true),
        ("falso", false),
    ] {
        let spec = check_items(&format!("right R \"R\" {{ inderogable: {written} }}\n"));
        assert_eq!(
            spec.rights[0].non_derogable.as_ref().map(|b| b.value),
            Some(value)
        );
    }
}

#[test]
fn dates_and_years() {
    let due = |written: &str| {
        let spec = check_items(&format!(
            "agency A \"A\"\ncommitment C \"C\" {{ lead: A due: {written} }}\n"
        ));
        spec.commitments[0].due.as_ref().map(|d| d.value)
    };
    assert_eq!(due("2026-12-31"), Some(Date::ymd(2026, 12, 31)));
    assert_eq!(due("2028-02-29"), Some(Date::ymd(2028, 2, 29)));
    // A year is a date of year precision: it covers the whole year.
    let year = due("2026").expect("a year");
    assert_eq!(year, Date::year(2026));
    assert_eq!(year.precision, Precision::Year);
    assert_eq!(year.last_day(), Date::ymd(2026, 12, 31).first_day());

    let spec = check_items(
        "evidence E \"E\" { year: 2024 }\nconsultation K \"K\" { fecha: 2025-05-20 }\n",
    );
    assert_eq!(spec.evidence[0].year.as_ref().map(|y| y.value), Some(2024));
    assert_eq!(
        spec.consultations[0].date.as_ref().map(|d| d.value),
        Some(Date::ymd(2025, 5, 20))
    );
}

#[test]
fn an_impossible_or_misshapen_date_is_an_invalid_literal() {
    let due = |written: &str| {
        errors(&format!(
            "{POLICY}agency A \"A\"\ncommitment C \"C\" {{ lead: A due: {written} }}\n"
        ))
    };
    assert_eq!(due("2025-02-30"), [("E0101", "2025-02-30".to_owned())]);
    assert_eq!(due("2025-13-01"), [("E0101", "2025-13-01".to_owned())]);
    assert_eq!(due("2027-02-29"), [("E0101", "2027-02-29".to_owned())]);
    let c = compile_one(&format!(
        "{POLICY}agency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026-1-5 }}\n"
    ));
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(d.code.as_str(), "E0101");
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("2026-01-05")
    );
}

#[test]
fn periods_of_dates_and_of_years() {
    let horizon = |written: &str| {
        let spec = check(&format!("policy P \"P\" {{ horizon: {written} }}\n")).spec;
        spec.policies[0].horizon.as_ref().map(|h| h.value)
    };
    let days = Period {
        start: Date::ymd(2025, 1, 1),
        end: Date::ymd(2030, 12, 31),
    };
    assert_eq!(horizon("2025-01-01 .. 2030-12-31"), Some(days));
    assert_eq!(horizon("2025-01-01..2030-12-31"), Some(days));
    assert_eq!(horizon("2025-01-01 ..\n    2030-12-31"), Some(days));
    assert_eq!(
        horizon("2025 .. 2030"),
        Some(Period {
            start: Date::year(2025),
            end: Date::year(2030)
        })
    );
    assert_eq!(
        horizon("2025 .. 2030-06-30"),
        Some(Period {
            start: Date::year(2025),
            end: Date::ymd(2030, 6, 30)
        })
    );
    let backwards = errors("policy P \"P\" { horizon: 2030 .. 2025 }\n");
    assert_eq!(backwards, [("E0101", "2025".to_owned())]);
}

#[test]
fn lists_trailing_commas_lines_and_single_values() {
    let support = |written: &str| {
        let spec = check_items(&format!(
            "agency A \"A\"\nagency B \"B\"\nagency MTSS \"M\"\ncommitment C \"C\" {{ lead: A due: 2026 support: {written} }}\n"
        ));
        refs(&spec.commitments[0].support)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(support("[A, B]"), ["A", "B"]);
    assert_eq!(support("[A, B,]"), ["A", "B"]);
    assert_eq!(support("[\n    A,\n    B,\n  ]"), ["A", "B"]);
    assert_eq!(
        support("[ A // the lead too\n , B /* and B */ ]"),
        ["A", "B"]
    );
    assert_eq!(support("[]"), Vec::<String>::new());
    // A single value where a list goes is a list of one.
    assert_eq!(support("MTSS"), ["MTSS"]);
    assert_eq!(support("[MTSS]"), ["MTSS"]);
    let spec = check_items(
        "agency A \"A\"\ncommitment C \"C\" { lead: A due: 2026 stages: destination }\n",
    );
    assert_eq!(
        spec.commitments[0]
            .stages
            .iter()
            .map(|s| s.value)
            .collect::<Vec<_>>(),
        [Stage::Destination]
    );
}

#[test]
fn paths_name_catalogue_items_and_subtrees() {
    let spec = check(
        "policy P \"P\" {\n  horizon: 2025 .. 2030\n  scope { rights: [icrmw.*, icrmw.art25] }\n}\n\
         use icrmw\nuse gcm\nuse sdg\nagency A \"A\"\n\
         commitment C \"C\" { lead: A due: 2026 rights: [icrmw.art25] aligns: [gcm.o7, sdg.10.7.2, sdg.10.c.1] }\n",
    )
    .spec;
    let scope = spec.policies[0].scope.as_ref().expect("scope");
    assert_eq!(refs(&scope.rights), ["icrmw.*", "icrmw.art25"]);
    assert!(scope.rights.iter().all(Ref::is_path));
    assert_eq!(
        refs(&spec.commitments[0].aligns),
        ["gcm.o7", "sdg.10.7.2", "sdg.10.c.1"]
    );
    assert_eq!(refs(&spec.commitments[0].rights), ["icrmw.art25"]);
}

#[test]
fn a_path_is_not_an_id() {
    assert_eq!(
        errors(&format!("{POLICY}agency icrmw.art25 \"A\"\n")),
        [("E0100", "icrmw.art25".to_owned())]
    );
}

// ---------------------------------------------------------------------------
// Fields on one line, measures.

#[test]
fn several_fields_share_a_line_separated_by_spaces_or_semicolons() {
    let one_per_line = check_items(
        "agency A \"A\"\ncommitment C \"C\" {\n  lead: A\n  due: 2026-12-31\n  status: planned\n  budget: 100 USD\n  stages: [destination]\n}\n",
    );
    for line in [
        "lead: A due: 2026-12-31 status: planned budget: 100 USD stages: [destination]",
        "lead: A; due: 2026-12-31; status: planned; budget: 100 USD; stages: [destination];",
        "lead: A;due: 2026-12-31;status: planned;budget: 100 USD;stages: [destination]",
        "lead:A due:2026-12-31 status:planned budget:100 USD stages:[destination]",
        ";; lead: A ;; due: 2026-12-31\n status: planned budget: 100 USD; stages: destination",
    ] {
        let spec = check_items(&format!(
            "agency A \"A\"\ncommitment C \"C\" {{ {line} }}\n"
        ));
        assert_same_ast(&one_per_line.commitments[0], &spec.commitments[0], line);
    }
}

#[test]
fn a_three_letter_field_after_a_number_is_not_a_currency() {
    // `2024 url: …` must not read as the amount `2024 url`.
    let spec = check_items("evidence E \"E\" { year: 2024 url: \"https://x.org\" }\n");
    assert_eq!(spec.evidence[0].year.as_ref().map(|y| y.value), Some(2024));
    assert_eq!(string(&spec.evidence[0].url), Some("https://x.org"));
}

#[test]
fn measures_in_english_and_spanish_on_one_line() {
    let en = target(
        "baseline: 12_000 in 2024 value: 35_000 by 2025-12-31 value: 60_000 by 2026 observed: 21_500 on 2025-06-30 observed: 50% on 2025",
    );
    let es = target(
        "línea_base: 12_000 en 2024; valor: 35_000 para 2025-12-31; valor: 60_000 para 2026; observado: 21_500 al 2025-06-30; observado: 50% al 2025",
    );
    assert_same_ast(&en, &es, "measures");
    assert_eq!(
        en.baseline.as_ref().map(measure),
        Some((12_000.0, false, Date::year(2024)))
    );
    assert_eq!(
        en.values.iter().map(measure).collect::<Vec<_>>(),
        [
            (35_000.0, false, Date::ymd(2025, 12, 31)),
            (60_000.0, false, Date::year(2026)),
        ]
    );
    assert_eq!(
        en.observed.iter().map(measure).collect::<Vec<_>>(),
        [
            (21_500.0, false, Date::ymd(2025, 6, 30)),
            (50.0, true, Date::year(2025)),
        ]
    );
}

#[test]
fn a_measure_with_the_wrong_word_says_which_word_goes_there() {
    let c = compile_one(&format!(
        "{POLICY}agency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026\n  target T \"T\" {{ indicator: \"i\" value: 5 in 2026 }}\n}}\n"
    ));
    let d: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(d.len(), 1, "{:?}", d);
    assert_eq!(d[0].code.as_str(), "E0100");
    assert_eq!(snippet(&c, d[0].span().unwrap_or_default()), "in");
    assert_eq!(
        d[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("by")
    );
}

#[test]
fn value_and_observed_repeat_other_fields_do_not() {
    let t = target("value: 1 by 2025\nvalue: 2 by 2026\nvalor: 3 para 2027\nobserved: 1 on 2025\nobservado: 2 al 2026");
    assert_eq!(t.values.len(), 3);
    assert_eq!(t.observed.len(), 2);
    let twice = errors(&format!(
        "{POLICY}agency A \"A\" {{ sector: \"a\"\n  sector: \"b\" }}\n"
    ));
    assert_eq!(twice, [("E0103", "sector: \"b\"".to_owned())]);
}

// ---------------------------------------------------------------------------
// Comments.

/// The comments of the first file as (kind, exact source text).
fn comments(c: &Compilation) -> Vec<(CommentKind, &str)> {
    c.files[0]
        .comments
        .iter()
        .map(|k| (k.kind, snippet(c, k.span)))
        .collect()
}

#[test]
fn every_comment_is_kept_with_its_exact_text() {
    let text = "// file header\n\
        /* a block\n   over lines */\n\
        policy P \"P\" { // after the brace\n\
        \x20 horizon: 2025 .. 2030 /* after a value */ // and a line\n\
        \x20 scope { stages: [destination /* in a list */] }\n\
        }\n\
        /// documents A\n\
        agency A \"A // not a comment\" { sector: \"/* not one either */\" }\n\
        //// four slashes: a line comment\n\
        //no space\n";
    let c = check(text);
    use CommentKind::*;
    assert_eq!(
        comments(&c),
        [
            (Line, "// file header"),
            (Block, "/* a block\n   over lines */"),
            (Line, "// after the brace"),
            (Block, "/* after a value */"),
            (Line, "// and a line"),
            (Block, "/* in a list */"),
            (Doc, "/// documents A"),
            (Line, "//// four slashes: a line comment"),
            (Line, "//no space"),
        ]
    );
    let texts: Vec<&str> = c.files[0]
        .comments
        .iter()
        .map(|k| k.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "file header",
            "a block\n   over lines ",
            "after the brace",
            "after a value ",
            "and a line",
            "in a list ",
            "documents A",
            "// four slashes: a line comment",
            "no space",
        ]
    );
    assert_eq!(
        string(&c.spec.agencies[0].header.title),
        Some("A // not a comment")
    );
    assert_eq!(
        string(&c.spec.agencies[0].sector),
        Some("/* not one either */")
    );
}

#[test]
fn comments_in_an_item_that_did_not_parse_are_kept() {
    let text = format!(
        "{POLICY}agency A \"A\" {{\n  // before the mistake\n  sector \"no colon\" /* after it */\n  // at the end\n}}\nagency B \"B\" // after\n"
    );
    let c = compile_one(&text);
    assert_eq!(c.errors(), 1, "{:?}", c.diagnostics);
    use CommentKind::*;
    assert_eq!(
        comments(&c),
        [
            (Line, "// before the mistake"),
            (Block, "/* after it */"),
            (Line, "// at the end"),
            (Line, "// after"),
        ]
    );
}

#[test]
fn comments_in_a_crlf_file_end_before_the_carriage_return() {
    // In good items and in broken ones alike.
    let text = "policy P \"P\" { // good\r\n  horizon: 2025 .. 2030 // value\r\n}\r\nagency A \"A\" {\r\n  sector \"x\" // broken\r\n}\r\n";
    let c = compile_one(text);
    use CommentKind::*;
    assert_eq!(
        comments(&c),
        [(Line, "// good"), (Line, "// value"), (Line, "// broken")]
    );
}

#[test]
fn doc_comments_attach_to_the_item_directly_below() {
    let text = "/// The policy,\n/// over two lines.\n\
        policy P \"P\" { horizon: 2025 .. 2030 }\n\
        /// A's doc.\n\n\
        agency A \"A\"\n\
        /// Not B's: code stands between.\n\
        agency X \"X\"\n\
        agency B \"B\"\n\
        // a plain comment\n\
        agency C \"C\"\n\
        /// D's doc.\n\
        // …then a plain comment\n\
        agency D \"D\"\n\
        /** not a doc comment */\n\
        agency E \"E\"\n\
        agency F \"F\" /// F's line, not a doc for G\n\
        agency G \"G\"\n\
        ///  Indented text is kept past the first space.\n\
        ///\n\
        /// A second paragraph.\n\
        agency H \"H\"\n\
        commitment K \"K\" {\n  lead: A due: 2026\n\
        \x20 /// The target's doc.\n\
        \x20 target T \"T\" { indicator: \"i\" value: 1 by 2026 }\n\
        \x20 target U \"U\" { indicator: \"i\" value: 1 by 2026 }\n}\n";
    let spec = check(text).spec;
    assert_eq!(
        spec.policies[0].header.doc.as_deref(),
        Some("The policy,\nover two lines.")
    );
    let docs: Vec<(&str, Option<&str>)> = spec
        .agencies
        .iter()
        .map(|a| (a.header.id.value.as_str(), a.header.doc.as_deref()))
        .collect();
    assert_eq!(
        docs,
        [
            ("A", Some("A's doc.")),
            ("X", Some("Not B's: code stands between.")),
            ("B", None),
            ("C", None),
            ("D", None),
            ("E", None),
            ("F", None),
            ("G", None),
            (
                "H",
                Some(" Indented text is kept past the first space.\n\nA second paragraph.")
            ),
        ]
    );
    let targets = &spec.commitments[0].targets;
    assert_eq!(targets[0].header.doc.as_deref(), Some("The target's doc."));
    assert_eq!(targets[1].header.doc, None);
}

// ---------------------------------------------------------------------------
// Spans, lines and columns.

#[test]
fn value_spans_cover_exactly_the_value() {
    let text = format!(
        "{POLICY}use icrmw\nagency DGME \"Agency\"\t\n\
         commitment C4 \"Title\"   {{\n\
         \x20 lead: DGME   // the lead\n\
         \x20 due: 2026-12-31 /* block */ \n\
         \x20 budget: 3_200_000 USD\t;\n\
         \x20 rights: [ icrmw.art25 ,icrmw.art27 ]  \n\
         \x20 target T \"T\" {{ indicator: \"Text\"  value: 35_000 by 2025-12-31 // milestone\n }}\n\
         }}\n"
    );
    let c = check(&text);
    let s = |span: Span| snippet(&c, span);
    let k = &c.spec.commitments[0];
    assert_eq!(s(k.header.id.span), "C4");
    assert_eq!(s(k.header.keyword), "commitment");
    assert_eq!(
        k.header.title.as_ref().map(|t| s(t.span)),
        Some("\"Title\"")
    );
    assert!(s(k.header.span).starts_with("commitment C4"));
    assert!(s(k.header.span).ends_with('}'));
    assert_eq!(k.lead.as_ref().map(|r| s(r.span)), Some("DGME"));
    assert_eq!(k.due.as_ref().map(|d| s(d.span)), Some("2026-12-31"));
    assert_eq!(k.budget.as_ref().map(|b| s(b.span)), Some("3_200_000 USD"));
    let rights: Vec<&str> = k.rights.iter().map(|r| s(r.span)).collect();
    assert_eq!(rights, ["icrmw.art25", "icrmw.art27"]);
    let t = &k.targets[0];
    assert_eq!(s(t.header.id.span), "T");
    assert_eq!(t.indicator.as_ref().map(|i| s(i.span)), Some("\"Text\""));
    let m = &t.values[0];
    assert_eq!(s(m.span), "35_000 by 2025-12-31");
    assert_eq!(s(m.quantity.span), "35_000");
    assert_eq!(s(m.date.span), "2025-12-31");
    let agency = &c.spec.agencies[0];
    assert_eq!(s(agency.header.span), "agency DGME \"Agency\"");
    let policy = &c.spec.policies[0];
    assert_eq!(
        policy.horizon.as_ref().map(|h| s(h.span)),
        Some("2025-01-01 .. 2030-12-31")
    );

    // The concrete tree: every field's span ends with its value.
    let tree = &c.files[0];
    for item in &tree.items {
        for entry in item.body.iter().flat_map(|b| &b.entries) {
            if let pacta::syntax::cst::Entry::Field(f) = entry {
                let field = s(f.span);
                let value = s(f.value.span);
                assert!(field.ends_with(value), "`{field}` / `{value}`");
                assert_eq!(value, value.trim_end(), "`{value}` ends with trivia");
                assert!(!value.ends_with("*/") && !value.contains("//"), "`{value}`");
            }
        }
    }
}

#[test]
fn lines_and_columns_are_one_based_and_count_characters() {
    let text = format!(
        "{POLICY}institución Ñandú-1 \"Institución\" {{ sector: \"migración\" }}\n\
         compromiso C1 \"Año\" {{ responsable: Ñandú-1 plazo: 2026 estado: pendiente }}\n"
    );
    let c = compile_one(&text);
    let at = |span: Span| {
        let l = render::location(&c.sources, span);
        (l.line, l.column, l.end_line, l.end_column)
    };
    let a = &c.spec.agencies[0];
    assert_eq!(a.header.id.value, "Ñandú-1");
    assert_eq!(at(a.header.keyword), (2, 1, 2, 12));
    assert_eq!(at(a.header.id.span), (2, 13, 2, 20));
    let lead = c.spec.commitments[0].lead.as_ref().expect("lead");
    assert_eq!(lead.name, "Ñandú-1");
    // `compromiso C1 "Año" { responsable: ` is 35 characters.
    assert_eq!(at(lead.span), (3, 36, 3, 43));
    // The error for the unknown status points at it by character column.
    let d = c.diagnostics.iter().find(|d| d.is_error()).expect("E0105");
    assert_eq!(d.code.as_str(), "E0105");
    let span = d.span().unwrap_or_default();
    assert_eq!(snippet(&c, span), "pendiente");
    assert_eq!(at(span), (3, 64, 3, 73));
}

// ---------------------------------------------------------------------------
// Recovery: one broken item costs only that item.

#[test]
fn three_broken_items_cost_only_themselves() {
    let text = "policy P \"P\" { horizon: 2025 .. 2030 }\n\
        agency A \"A\" { sector: \"a\" }\n\
        agency BROKEN1 \"B1\" {\n  sector \"missing colon\"\n}\n\
        agency B \"B\" { parent: A }\n\
        commitment BROKEN2 \"B2\" {\n  lead: A\n  due: 2026\n  budget: [1 USD\n}\n\
        principle P2 \"P2\"\n\
        principle BROKEN3 \"B3\" {\n  description: \"never closed\n}\n\
        commitment C \"C\" { lead: BROKEN1 due: 2026 depends_on: [BROKEN2] principles: [BROKEN3, P2] }\n\
        commitment D \"D\" { lead: B due: 2026 }\n";
    let c = compile_one(text);
    let codes: Vec<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["E0100", "E0100", "E0100"],
        "{:#?}",
        c.diagnostics
            .iter()
            .map(|d| describe(&c, d))
            .collect::<Vec<_>>()
    );
    // Each where its item went wrong: the missing `:`, the `}` where the
    // list should have been closed, the string that runs to the end of its
    // line.
    let lines: Vec<usize> = c
        .diagnostics
        .iter()
        .filter_map(|d| d.span().map(|s| render::location(&c.sources, s).line))
        .collect();
    assert_eq!(lines, [4, 11, 14]);
    let ids = |headers: Vec<&Header>| -> Vec<String> {
        headers.iter().map(|h| h.id.value.clone()).collect()
    };
    assert_eq!(
        ids(c.spec.agencies.iter().map(|a| &a.header).collect()),
        ["A", "B"]
    );
    assert_eq!(
        ids(c.spec.principles.iter().map(|p| &p.header).collect()),
        ["P2"]
    );
    assert_eq!(
        ids(c.spec.commitments.iter().map(|c| &c.header).collect()),
        ["C", "D"]
    );
    assert_eq!(refs(&c.spec.commitments[0].depends_on), ["BROKEN2"]);
    use pacta::lang::ItemKind;
    let broken: Vec<(ItemKind, &str)> = c
        .spec
        .broken
        .iter()
        .map(|b| (b.kind, b.id.value.as_str()))
        .collect();
    assert_eq!(
        broken,
        [
            (ItemKind::Agency, "BROKEN1"),
            (ItemKind::Commitment, "BROKEN2"),
            (ItemKind::Principle, "BROKEN3"),
        ]
    );
    for b in &c.spec.broken {
        assert_eq!(snippet(&c, b.id.span), b.id.value);
    }
}

#[test]
fn each_kind_of_broken_item_gets_exactly_one_syntax_error() {
    let good_after = "agency Z \"Z\" { sector: \"z\" }\n";
    // (what, text, whether the item after it survives: an unclosed text
    // block or block comment may legitimately run over lines, so it runs to
    // the end of the file)
    let cases = [
        ("missing colon", "agency A \"A\" {\n  sector \"x\"\n}\n"),
        (
            "missing colon before a value",
            "agency A \"A\" { sector 12 }\n",
        ),
        ("unclosed block", "agency A \"A\" {\n  sector: \"x\"\n"),
        (
            "unclosed list",
            "commitment A \"A\" {\n  support: [X, Y\n  due: 2026\n}\n",
        ),
        ("stray character", "agency A \"A\" { sector: @ }\n"),
        ("unterminated string", "agency A \"A\" { sector: \"x }\n"),
        (
            "unterminated text block",
            "agency A \"A\" { sector: \"\"\"x }\n",
        ),
        (
            "unterminated comment",
            "agency A \"A\" { /* sector: \"x\" }\n",
        ),
        ("too deep", "agency A \"A\" { x { y { z: 1 } } }\n"),
        ("garbage after the block", "agency A \"A\" { } }\n"),
    ];
    for (what, broken) in cases {
        let survives = !what.starts_with("unterminated text") && !what.ends_with("comment");
        let text = format!("{POLICY}{broken}{good_after}");
        let c = compile_one(&text);
        let errs: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| describe(&c, d))
            .collect();
        assert_eq!(errs.len(), 1, "{what}: {errs:#?}");
        assert!(errs[0].starts_with("E0100"), "{what}: {errs:?}");
        assert_eq!(
            c.spec.agencies.iter().any(|a| a.header.id.value == "Z"),
            survives,
            "{what}: the item after"
        );
    }
}

#[test]
fn a_field_without_colon_is_not_called_an_unterminated_string() {
    let messages = error_messages(&format!(
        "{POLICY}evidence E1 \"Survey\" {{ year: 2024 url \"https://example.org\" }}\n"
    ));
    assert_eq!(messages, ["expected `:` after `url`"]);
    let c = compile_one(&format!("{POLICY}agency A \"A\" {{\n  sector \"x\"\n}}\n"));
    let d = &c.diagnostics[0];
    assert_eq!(d.message.en, "expected `:` after `sector`");
    assert_eq!(snippet(&c, d.span().unwrap_or_default()), "sector");
    assert_eq!(d.fix.as_ref().map(|f| f.replacement.as_str()), Some(":"));
}

#[test]
fn unterminated_literals_and_comments_say_so() {
    for (broken, message) in [
        ("agency A \"A\" { sector: \"x }\n", "unterminated string"),
        (
            "agency A \"A\" { sector: \"\"\"x }\n",
            "unterminated text block",
        ),
        (
            "agency A \"A\" { /* sector: \"x\" }\n",
            "unterminated comment",
        ),
    ] {
        assert_eq!(
            error_messages(&format!("{POLICY}{broken}")),
            [message],
            "{broken}"
        );
    }
}

#[test]
fn a_field_named_like_an_item_without_its_colon_is_one_error() {
    // `evidence` is a commitment field and an item keyword: inside the
    // block, `evidence E1` is the field without `:`, not a new item (which
    // would cut C in two and define `E1` twice).
    for (field, item) in [("evidence", "evidence"), ("evidencia", "evidencia")] {
        let text = format!(
            "{POLICY}agency A \"A\"\n{item} E1 \"E\"\ncommitment C \"C\" {{\n  lead: A\n  {field} E1\n  due: 2026\n}}\nagency B \"B\"\n"
        );
        let c = compile_one(&text);
        let errs: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| describe(&c, d))
            .collect();
        assert_eq!(
            errs,
            [format!(
                "E0100 at 6:3 `{field}`: expected `:` after `{field}`"
            )]
        );
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .expect("an error");
        assert_eq!(d.fix.as_ref().map(|f| f.replacement.as_str()), Some(":"));
        assert_eq!(
            c.spec.commitments[0].due.as_ref().map(|d| d.value),
            Some(Date::year(2026))
        );
        assert_eq!(c.spec.agencies.len(), 2);
    }
}

#[test]
fn a_doc_comment_below_a_broken_item_documents_the_next_one() {
    let c = compile_one(&format!(
        "{POLICY}agency A \"A\" {{ sector \"x\" }}\n/// B's doc.\nagency B \"B\"\n"
    ));
    assert_eq!(c.errors(), 1);
    assert_eq!(c.spec.agencies[0].header.doc.as_deref(), Some("B's doc."));
}

#[test]
fn an_item_without_an_id_is_one_error() {
    assert_eq!(
        errors(&format!(
            "{POLICY}agency \"A\" {{ sector: \"x\" }}\nagency B \"B\"\n"
        )),
        [("E0100", "agency".to_owned())]
    );
}

#[test]
fn a_broken_policy_is_not_also_a_missing_policy() {
    let codes: Vec<(&str, String)> =
        errors("política P \"P\" {\n  horizonte 2025 .. 2030\n}\nagency A \"A\"\n");
    assert_eq!(codes, [("E0100", "horizonte".to_owned())]);
}

// ---------------------------------------------------------------------------
// Words: boundaries, IDs.

#[test]
fn a_keyword_needs_a_word_boundary() {
    // One mistake, one error: the unknown item (with a fix to `policy`),
    // not also a spec without policy.
    let c = compile_one("policyfoo P \"P\" { horizon: 2025 .. 2030 }\n");
    let d: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message.en, "unknown item `policyfoo`");
    assert_eq!(snippet(&c, d[0].span().unwrap_or_default()), "policyfoo");
    assert_eq!(
        d[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("policy")
    );
    assert_eq!(
        errors(&format!("{POLICY}agencyA \"A\"\nuseicrmw\n")),
        [
            ("E0100", "agencyA".to_owned()),
            ("E0100", "useicrmw".to_owned()),
        ]
    );
    // Field names and qualifier words too.
    assert_eq!(
        errors(&format!("{POLICY}agency A \"A\" {{ sectorx: \"x\" }}\n")),
        [("E0102", "sectorx".to_owned())]
    );
    let bad_by = errors(&format!(
        "{POLICY}agency A \"A\"\ncommitment C \"C\" {{ lead: A due: 2026\n  target T \"T\" {{ indicator: \"i\" value: 5 by2026 }}\n}}\n"
    ));
    // `by2026` is one word, not `by 2026`: a syntax error.
    let codes: Vec<&str> = bad_by.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, ["E0100"], "{bad_by:?}");
    // A word that starts like an enum value or a qualifier is itself.
    let spec = check_items("agency A \"A\"\ncommitment C \"C\" { lead: A due: 2026 status: in_progress }\nagency in_A \"in\"\nagency en \"en\"\n");
    assert_eq!(
        spec.commitments[0].status.as_ref().map(|s| s.value),
        Some(CommitmentStatus::InProgress)
    );
    assert_eq!(spec.agencies.len(), 3);
}

#[test]
fn ids_take_letters_of_any_script_digits_underscores_and_dashes() {
    let spec = check_items(
        "agency acceso_salud \"a\"\nagency Ñandú-1 \"b\"\nagency _x \"c\"\nagency Dirección-de-Migración_2 \"d\"\n\
         commitment C-1 \"C\" { lead: Ñandú-1 support: [acceso_salud, _x, Dirección-de-Migración_2] due: 2026 }\n",
    );
    let ids: Vec<&str> = spec
        .agencies
        .iter()
        .map(|a| a.header.id.value.as_str())
        .collect();
    assert_eq!(
        ids,
        ["acceso_salud", "Ñandú-1", "_x", "Dirección-de-Migración_2"]
    );
    assert_eq!(spec.commitments[0].header.id.value, "C-1");
    assert_eq!(
        spec.commitments[0].lead.as_ref().map(|r| r.name.as_str()),
        Some("Ñandú-1")
    );
    assert_eq!(
        refs(&spec.commitments[0].support),
        ["acceso_salud", "_x", "Dirección-de-Migración_2"]
    );
}

#[test]
fn ids_are_case_sensitive() {
    assert_eq!(
        errors(&format!(
            "{POLICY}agency dgme \"A\"\ncommitment C \"C\" {{ lead: DGME due: 2026 }}\n"
        )),
        [("E0201", "DGME".to_owned())]
    );
    // Keywords are lower case: `Policy` is not `policy`.
    let e = errors("Policy P \"P\" { horizon: 2025 .. 2030 }\n");
    assert!(e.contains(&("E0100", "Policy".to_owned())), "{e:?}");
}

// ---------------------------------------------------------------------------
// Random input.

/// Pieces of pacta-looking text: keywords, punctuation, literals, words
/// in several scripts, whitespace.
const ALPHABET: &[&str] = &[
    "policy",
    "política",
    "agency",
    "institucion",
    "commitment",
    "compromiso",
    "target",
    "meta",
    "use",
    "include",
    "evidence",
    "consulta",
    "principle",
    "right",
    "stakeholder",
    "actor",
    "lead",
    "due",
    "value",
    "línea_base",
    "scope",
    "horizon",
    "in",
    "by",
    "en",
    "para",
    "al",
    "on",
    "USD",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    ";",
    "\"",
    "\"\"\"",
    "/",
    "*",
    "//",
    "/*",
    "*/",
    "///",
    "..",
    "%",
    ".",
    "-",
    "_",
    "\\",
    "0",
    "7",
    "2025",
    "2025-01-01",
    "12_000",
    "3.5",
    "A",
    "x",
    "C1",
    "é",
    "Ñandú",
    "日本",
    "\u{A0}",
    "\u{FEFF}",
    "\u{0301}",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\r\n",
    "\t",
];

/// Where a comment could start, with no strings around: every `//` and
/// every `/*`, overlapping ones too.
fn comment_openers(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| b[i..].starts_with(b"//") || b[i..].starts_with(b"/*"))
        .count()
}

/// The comments of `text` as a lexer sees them: `//` to the end of the
/// line, `/*` to `*/` or the end of the file, neither inside a string
/// (`"…"` ends at the end of its line, `"""…"""` may run over lines, `\`
/// escapes the next character). Their starts and text: a comment's span
/// never ends in blanks or a line end's `\r`.
fn lexical_comments(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let at = |i: usize, s: &[u8]| b[i..].starts_with(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if at(i, b"//") {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            out.push((i, text[i..end].trim_end()));
            i = end;
        } else if at(i, b"/*") {
            let end = text[i + 2..]
                .find("*/")
                .map_or(text.len(), |n| i + 2 + n + 2);
            out.push((i, text[i..end].trim_end()));
            i = end;
        } else if at(i, b"\"\"\"") {
            i += 3;
            while i < b.len() && !at(i, b"\"\"\"") {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 3;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' && b.get(i + 1) != Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            if b.get(i) == Some(&b'"') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Checks what must hold for any input: the comments are the lexer's,
/// in order, each span covering its comment; compiling twice gives the
/// same result.
fn assert_invariants(written: &str) -> Result<(), TestCaseError> {
    let c = compile_one(written);
    // Spans point into the decoded text (a leading BOM is dropped).
    let text = c.sources.file(c.files[0].id).text.to_string();
    let comments = &c.files[0].comments;
    prop_assert!(comments.len() <= comment_openers(&text));
    for k in comments {
        let s = text.get(k.span.start..k.span.end);
        prop_assert!(
            s.is_some_and(|s| s.starts_with("//") || s.starts_with("/*")),
            "comment span {:?} covers {:?}",
            k.span,
            s
        );
    }
    let got: Vec<(usize, &str)> = comments
        .iter()
        .map(|k| (k.span.start, &text[k.span.start..k.span.end]))
        .collect();
    prop_assert_eq!(got, lexical_comments(&text));
    // Same input, same output.
    let again = compile_one(written);
    prop_assert_eq!(&c.diagnostics, &again.diagnostics);
    prop_assert_eq!(format!("{:?}", c.spec), format!("{:?}", again.spec));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_pacta_like_text_never_panics_and_keeps_its_comments(
        pieces in prop::collection::vec(prop::sample::select(ALPHABET), 0..80)
    ) {
        assert_invariants(&pieces.concat())?;
    }

}

// A whole spec takes milliseconds to compile: fewer cases.
proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_good_spec_with_random_insertions_never_panics_and_keeps_its_comments(
        insertions in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(ALPHABET)),
            1..6,
        )
    ) {
        let mut text = SPEC_EN.to_owned();
        for (at, piece) in insertions {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect();
            text.insert_str(*at.get(&boundaries), piece);
        }
        assert_invariants(&text)?;
    }
}
