//! The fields of each item, in English and Spanish (LANGUAGE.md section 3).

use crate::lang::{strip_accents, ItemKind};

/// How a field is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `name: value`
    Value,
    /// `name { fields }`
    Block,
    /// `keyword ID "title" { fields }` (a target)
    Item,
}

#[derive(Clone, Copy, Debug)]
pub struct FieldDef {
    pub en: &'static str,
    /// The Spanish name, with its accents.
    pub es: &'static str,
    pub shape: Shape,
    pub required: bool,
    pub repeatable: bool,
    /// A value to show in "add `due: …`" (English, Spanish).
    pub example: (&'static str, &'static str),
}

impl FieldDef {
    /// Does a written name (either language, accents optional) name this
    /// field?
    pub fn matches(&self, word: &str) -> bool {
        let bare = strip_accents(word);
        self.en == bare || strip_accents(self.es) == bare
    }
}

const fn field(en: &'static str, es: &'static str) -> FieldDef {
    FieldDef {
        en,
        es,
        shape: Shape::Value,
        required: false,
        repeatable: false,
        example: ("…", "…"),
    }
}

const fn required(
    en: &'static str,
    es: &'static str,
    example: (&'static str, &'static str),
) -> FieldDef {
    FieldDef {
        en,
        es,
        shape: Shape::Value,
        required: true,
        repeatable: false,
        example,
    }
}

const fn block(en: &'static str, es: &'static str) -> FieldDef {
    FieldDef {
        en,
        es,
        shape: Shape::Block,
        required: false,
        repeatable: false,
        example: ("…", "…"),
    }
}

pub const POLICY: &[FieldDef] = &[
    field("jurisdiction", "jurisdicción"),
    field("version", "versión"),
    field("status", "estado"),
    field("language", "idioma"),
    required(
        "horizon",
        "horizonte",
        ("2025-01-01 .. 2030-12-31", "2025-01-01 .. 2030-12-31"),
    ),
    field("budget", "presupuesto"),
    block("scope", "alcance"),
];

pub const SCOPE: &[FieldDef] = &[field("rights", "derechos"), field("stages", "etapas")];

pub const AGENCY: &[FieldDef] = &[field("sector", "sector"), field("parent", "adscrita_a")];

pub const PRINCIPLE: &[FieldDef] = &[
    field("description", "descripción"),
    field("grounds", "fundamentos"),
];

pub const RIGHT: &[FieldDef] = &[
    field("description", "descripción"),
    field("non_derogable", "inderogable"),
];

pub const COMMITMENT: &[FieldDef] = &[
    field("principles", "principios"),
    field("rights", "derechos"),
    field("restricts", "restringe"),
    block("justification", "justificación"),
    field("stages", "etapas"),
    required("lead", "responsable", ("AGENCY_ID", "ID_INSTITUCIÓN")),
    field("support", "apoyo"),
    field("depends_on", "depende_de"),
    field("start", "inicio"),
    required("due", "plazo", ("2026-12-31", "2026-12-31")),
    field("budget", "presupuesto"),
    field("status", "estado"),
    field("aligns", "alinea"),
    field("evidence", "evidencia"),
    FieldDef {
        en: "target",
        es: "meta",
        shape: Shape::Item,
        required: false,
        repeatable: true,
        example: ("…", "…"),
    },
];

pub const JUSTIFICATION: &[FieldDef] = &[
    field("legal_basis", "base_legal"),
    field("necessity", "necesidad"),
    field("proportionality", "proporcionalidad"),
];

pub const TARGET: &[FieldDef] = &[
    required("indicator", "indicador", ("\"…\"", "\"…\"")),
    field("unit", "unidad"),
    field("baseline", "línea_base"),
    FieldDef {
        en: "value",
        es: "valor",
        shape: Shape::Value,
        required: true,
        repeatable: true,
        example: ("100 by 2026-12-31", "100 para 2026-12-31"),
    },
    field("direction", "dirección"),
    field("source", "fuente"),
    FieldDef {
        en: "observed",
        es: "observado",
        shape: Shape::Value,
        required: false,
        repeatable: true,
        example: ("…", "…"),
    },
];

pub const STAKEHOLDER: &[FieldDef] = &[field("kind", "tipo")];

pub const CONSULTATION: &[FieldDef] = &[
    field("date", "fecha"),
    field("participants", "participantes"),
    field("covers", "abarca"),
    field("outcome", "resultado"),
];

pub const EVIDENCE: &[FieldDef] = &[
    field("kind", "tipo"),
    field("year", "año"),
    field("url", "url"),
];

/// The fields of an item kind (`use` and `include` have none).
pub fn for_kind(kind: ItemKind) -> &'static [FieldDef] {
    match kind {
        ItemKind::Policy => POLICY,
        ItemKind::Agency => AGENCY,
        ItemKind::Principle => PRINCIPLE,
        ItemKind::Right => RIGHT,
        ItemKind::Commitment => COMMITMENT,
        ItemKind::Target => TARGET,
        ItemKind::Stakeholder => STAKEHOLDER,
        ItemKind::Consultation => CONSULTATION,
        ItemKind::Evidence => EVIDENCE,
        ItemKind::Use | ItemKind::Include => &[],
    }
}

/// The word before the date of a baseline, a milestone or an observation.
#[derive(Clone, Copy, Debug)]
pub enum Qualifier {
    /// `baseline: 12_000 in 2024` / `línea_base: 12_000 en 2024`
    In,
    /// `value: 35_000 by 2025-12-31` / `valor: 35_000 para 2025-12-31`
    By,
    /// `observed: 21_500 on 2025-06-30` / `observado: 21_500 al 2025-06-30`
    On,
}

impl Qualifier {
    /// (English, Spanish)
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Qualifier::In => ("in", "en"),
            Qualifier::By => ("by", "para"),
            Qualifier::On => ("on", "al"),
        }
    }
}
