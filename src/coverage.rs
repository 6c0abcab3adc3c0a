//! Rights and stage coverage: which rights in the policy's scope the
//! commitments advance, at which stages of the migration cycle, and how
//! well the spec meets the four qualities (explicit, comprehensive,
//! rights-based, consensual).
//!
//! [`coverage`] is pure: it reads a [`Spec`] and returns a [`Coverage`]
//! value (serializable, for JSON and HTML) that [`render_table`] prints for
//! `pacta coverage FILE`. Unresolved references are skipped here: the
//! `resolve` and `check` phases report them.
//!
//! # Rules
//!
//! **Rights in scope.** Each entry of `policy.scope.rights`, in the order
//! written, without duplicates, is
//! - a pattern (`icrmw.*`, `sdg.10.7.*`): the catalogue items it selects
//!   that are rights (kind `right`), in catalogue order;
//! - an exact catalogue path (`icrmw.art25`): that item, when it is a right;
//! - the ID of one of the spec's own `right` items.
//!
//! Anything else (an unknown path, a catalogue item that is not a right, an
//! unresolved ID) is skipped. When the policy has no scope, or its scope
//! lists no rights, the rights in scope are every right that some
//! commitment advances, in order of first mention, and `scope_declared` is
//! `false`.
//!
//! **Stages in scope.** `policy.scope.stages`; all four when the scope
//! does not list them (an empty list `stages: []` means none, as in the
//! checker's W0420). Stages are always listed in the order origin,
//! transit, destination, return.
//!
//! **Status of a right.** `measured` when at least one commitment that
//! advances it has a target, `nominal` when it is advanced only by
//! commitments without targets, `gap` when no commitment advances it. A
//! cell of the right × stage matrix has the same status, computed over the
//! commitments that advance the right *and* list that stage.
//!
//! **Qualities.** Each is `ok` when it has no finding:
//! - *explicit*: a commitment without a target (W0410), a target without a
//!   baseline (W0411), a commitment that cites no principle (W0412), a
//!   principle no commitment cites (W0413), an agency that neither leads
//!   nor supports a commitment (W0414);
//! - *comprehensive*: a stage in scope that no commitment lists (W0420);
//! - *rights-based*: a right in scope with a gap (W0430) or nominal
//!   coverage only (W0431);
//! - *consensual*: a commitment that no consultation `covers` (W0440); no
//!   consultation with a participant that is a non-government stakeholder
//!   (W0441). A stakeholder counts as non-government unless its kind is
//!   `local_government` (a stakeholder without a kind counts as
//!   non-government: agencies are the government). These findings are
//!   computed whatever the policy's status; the checker only warns about
//!   them once the policy is adopted.

mod render;
pub(crate) mod table;
#[cfg(test)]
mod tests;

pub use render::render_table;

use crate::ast::{Commitment, Right, Spec, Stage};
use crate::catalogue::{self, CatalogueItem};
use crate::diagnostic::{Code, Lang, Text};
use crate::lang::Vocab;
use crate::tr;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::collections::{HashMap, HashSet};

/// The coverage of a spec: rights × stages, ratios and the four qualities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    /// The ID of the policy, when there is one.
    pub policy: Option<String>,
    /// Whether the policy's scope lists rights; when not, the rights in
    /// scope are those the commitments advance.
    pub scope_declared: bool,
    /// The rights in scope, in scope order.
    pub rights: Vec<RightCoverage>,
    /// All four stages, in cycle order, each saying whether it is in scope.
    pub stages: Vec<StageCoverage>,
    pub ratios: Ratios,
    /// Every principle, in spec order, with the commitments that cite it.
    pub principles: Vec<PrincipleUse>,
    /// Every agency, in spec order, with the commitments it leads and
    /// supports.
    pub agencies: Vec<AgencyUse>,
    pub qualities: Qualities,
}

/// How well a right (or a right at one stage) is covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At least one commitment with a target advances it.
    Measured,
    /// Only commitments without targets advance it.
    Nominal,
    /// No commitment advances it.
    Gap,
}

impl Status {
    /// The status of a set of commitments that advance a right.
    fn of(commitments: &[&Commitment]) -> Status {
        if commitments.iter().any(|c| !c.targets.is_empty()) {
            Status::Measured
        } else if commitments.is_empty() {
            Status::Gap
        } else {
            Status::Nominal
        }
    }

    /// The status in words: `measured` / `medido`.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Measured, Lang::En) => "measured",
            (Status::Measured, Lang::Es) => "medido",
            (Status::Nominal, _) => "nominal",
            (Status::Gap, Lang::En) => "gap",
            (Status::Gap, Lang::Es) => "brecha",
        }
    }

    /// The symbol of the coverage table: ✔ measured, ○ nominal, ✖ gap.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Measured => "✔",
            Status::Nominal => "○",
            Status::Gap => "✖",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RightCoverage {
    /// The catalogue path (`icrmw.art25`) or the ID of an own right.
    pub id: String,
    pub title_en: String,
    pub title_es: String,
    /// The catalogue the right comes from (`icrmw`); `None` for own rights.
    pub catalogue: Option<String>,
    pub non_derogable: bool,
    /// The commitments that advance the right, in spec order.
    pub advanced_by: Vec<String>,
    /// Those of `advanced_by` that have at least one target.
    pub measured_by: Vec<String>,
    /// The commitments that restrict the right, in spec order.
    pub restricted_by: Vec<String>,
    pub status: Status,
    /// One cell per stage in scope, in cycle order.
    pub stages: Vec<StageCell>,
}

impl RightCoverage {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Es => &self.title_es,
        }
    }
}

/// A cell of the right × stage matrix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageCell {
    pub stage: Stage,
    /// The commitments that advance the right and list the stage.
    pub commitments: Vec<String>,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageCoverage {
    pub stage: Stage,
    pub in_scope: bool,
    /// The commitments that list the stage, in spec order.
    pub commitments: Vec<String>,
}

/// `numerator / denominator`, and as a percentage (one decimal; 0 when the
/// denominator is 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ratio {
    pub numerator: usize,
    pub denominator: usize,
    pub percent: f64,
}

impl Ratio {
    pub fn new(numerator: usize, denominator: usize) -> Ratio {
        let percent = if denominator == 0 {
            0.0
        } else {
            (numerator as f64 * 1000.0 / denominator as f64).round() / 10.0
        };
        Ratio {
            numerator,
            denominator,
            percent,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ratios {
    /// Rights in scope with status `measured`, over the rights in scope.
    pub rights_measured: Ratio,
    /// Rights in scope `measured` or `nominal`, over the rights in scope.
    pub rights_covered: Ratio,
    /// Stages in scope that some commitment lists, over the stages in scope.
    pub stages_addressed: Ratio,
    /// Commitments with at least one target, over all commitments.
    pub commitments_with_targets: Ratio,
    /// Principles cited by at least one commitment, over all principles.
    pub principles_in_practice: Ratio,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrincipleUse {
    pub id: String,
    pub title: Option<String>,
    /// The commitments that cite the principle, in spec order.
    pub commitments: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgencyUse {
    pub id: String,
    pub title: Option<String>,
    /// The commitments the agency leads, in spec order.
    pub leads: Vec<String>,
    /// The commitments the agency supports, in spec order.
    pub supports: Vec<String>,
}

/// The four qualities of a policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Qualities {
    pub explicit: Quality,
    pub comprehensive: Quality,
    pub rights_based: Quality,
    pub consensual: Quality,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quality {
    /// No finding.
    pub ok: bool,
    pub findings: Vec<Finding>,
}

impl Quality {
    fn new(findings: Vec<Finding>) -> Quality {
        Quality {
            ok: findings.is_empty(),
            findings,
        }
    }
}

/// One reason a quality is not met, with the code of the warning the
/// checker gives for it. Serialized as `{ "code", "en", "es" }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub message: Text,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 3)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("en", &self.message.en)?;
        st.serialize_field("es", &self.message.es)?;
        st.end()
    }
}

/// Serializes a [`Text`] as `{ "en": …, "es": … }` (for
/// `#[serde(serialize_with)]`).
pub(crate) fn serialize_text<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Text", 2)?;
    st.serialize_field("en", &text.en)?;
    st.serialize_field("es", &text.es)?;
    st.end()
}

/// Serializes an optional [`Text`] as `{ "en": …, "es": … }` or `null`.
pub(crate) fn serialize_opt_text<S: Serializer>(
    text: &Option<Text>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(text) => serialize_text(text, s),
        None => s.serialize_none(),
    }
}

/// A right in scope, resolved.
enum Resolved<'a> {
    Catalogue(&'static CatalogueItem),
    Own(&'a Right),
}

impl Resolved<'_> {
    fn id(&self) -> &str {
        match self {
            Resolved::Catalogue(item) => item.path,
            Resolved::Own(right) => &right.header.id.value,
        }
    }
}

/// A catalogue right at `path`, or the spec's own right with this ID.
fn resolve_right<'a>(name: &str, own: &crate::ast::Index<'a>) -> Option<Resolved<'a>> {
    if name.contains('.') {
        catalogue::item(name)
            .filter(|item| item.kind == catalogue::ItemKind::Right)
            .map(Resolved::Catalogue)
    } else {
        own.rights.get(name).map(|r| Resolved::Own(r))
    }
}

/// Computes the coverage of a spec (see the module documentation for the
/// rules).
pub fn coverage(spec: &Spec) -> Coverage {
    let index = spec.index();
    let policy = spec.policies.first();
    let scope = policy.and_then(|p| p.scope.as_ref());

    // Rights in scope.
    let mut seen: HashSet<String> = HashSet::new();
    let mut in_scope: Vec<Resolved<'_>> = Vec::new();
    fn push<'a>(r: Resolved<'a>, seen: &mut HashSet<String>, in_scope: &mut Vec<Resolved<'a>>) {
        if seen.insert(r.id().to_string()) {
            in_scope.push(r);
        }
    }
    let declared: Vec<&crate::ast::Ref> =
        scope.map(|s| s.rights.iter().collect()).unwrap_or_default();
    let scope_declared = !declared.is_empty();
    if scope_declared {
        for r in declared {
            if r.name.ends_with('*') {
                for item in catalogue::select(&r.name) {
                    if item.kind == catalogue::ItemKind::Right {
                        push(Resolved::Catalogue(item), &mut seen, &mut in_scope);
                    }
                }
            } else if let Some(resolved) = resolve_right(&r.name, &index) {
                push(resolved, &mut seen, &mut in_scope);
            }
        }
    } else {
        for c in &spec.commitments {
            for r in &c.rights {
                if let Some(resolved) = resolve_right(&r.name, &index) {
                    push(resolved, &mut seen, &mut in_scope);
                }
            }
        }
    }

    // Stages in scope, in cycle order.
    let stages_in_scope: Vec<Stage> = match scope.and_then(|s| s.stages.as_ref()) {
        Some(listed) => Stage::ALL
            .into_iter()
            .filter(|s| listed.iter().any(|l| l.value == *s))
            .collect(),
        None => Stage::ALL.to_vec(),
    };

    let ids = |cs: &[&Commitment]| -> Vec<String> {
        let mut seen: HashSet<&str> = HashSet::with_capacity(cs.len());
        let mut out: Vec<String> = Vec::new();
        for c in cs {
            let id = &c.header.id.value;
            if seen.insert(id) {
                out.push(id.clone());
            }
        }
        out
    };

    // Who mentions each name, built once (a scan of every commitment per
    // right, principle or agency is quadratic on big specs).
    let by_right = mentioned_by(spec, |c| c.rights.iter().map(|r| r.name.as_str()));
    let by_restriction = mentioned_by(spec, |c| c.restricts.iter().map(|r| r.name.as_str()));
    let by_principle = mentioned_by(spec, |c| c.principles.iter().map(|r| r.name.as_str()));
    let by_lead = mentioned_by(spec, |c| c.lead.iter().map(|r| r.name.as_str()));
    let by_support = mentioned_by(spec, |c| c.support.iter().map(|r| r.name.as_str()));
    fn lookup<'a>(m: &HashMap<&str, Vec<&'a Commitment>>, id: &str) -> Vec<&'a Commitment> {
        m.get(id).cloned().unwrap_or_default()
    }

    let rights: Vec<RightCoverage> = in_scope
        .iter()
        .map(|r| {
            let id = r.id();
            let advancing: Vec<&Commitment> = lookup(&by_right, id);
            let measuring: Vec<&Commitment> = advancing
                .iter()
                .copied()
                .filter(|c| !c.targets.is_empty())
                .collect();
            let restricting: Vec<&Commitment> = lookup(&by_restriction, id);
            let stages = stages_in_scope
                .iter()
                .map(|&stage| {
                    let here: Vec<&Commitment> = advancing
                        .iter()
                        .copied()
                        .filter(|c| c.stages.iter().any(|s| s.value == stage))
                        .collect();
                    StageCell {
                        stage,
                        commitments: ids(&here),
                        status: Status::of(&here),
                    }
                })
                .collect();
            let (title_en, title_es, catalogue, non_derogable) = match r {
                Resolved::Catalogue(item) => (
                    item.title_en.to_string(),
                    item.title_es.to_string(),
                    Some(item.catalogue.to_string()),
                    item.non_derogable,
                ),
                Resolved::Own(right) => {
                    let title = right
                        .header
                        .title
                        .as_ref()
                        .map_or_else(|| id.to_string(), |t| t.value.clone());
                    (
                        title.clone(),
                        title,
                        None,
                        right.non_derogable.as_ref().is_some_and(|b| b.value),
                    )
                }
            };
            RightCoverage {
                id: id.to_string(),
                title_en,
                title_es,
                catalogue,
                non_derogable,
                advanced_by: ids(&advancing),
                measured_by: ids(&measuring),
                restricted_by: ids(&restricting),
                status: Status::of(&advancing),
                stages,
            }
        })
        .collect();

    let stages: Vec<StageCoverage> = Stage::ALL
        .into_iter()
        .map(|stage| {
            let here: Vec<&Commitment> = spec
                .commitments
                .iter()
                .filter(|c| c.stages.iter().any(|s| s.value == stage))
                .collect();
            StageCoverage {
                stage,
                in_scope: stages_in_scope.contains(&stage),
                commitments: ids(&here),
            }
        })
        .collect();

    let principles: Vec<PrincipleUse> = spec
        .principles
        .iter()
        .map(|p| {
            let id = &p.header.id.value;
            let citing: Vec<&Commitment> = lookup(&by_principle, id);
            PrincipleUse {
                id: id.clone(),
                title: p.header.title.as_ref().map(|t| t.value.clone()),
                commitments: ids(&citing),
            }
        })
        .collect();

    let agencies: Vec<AgencyUse> = spec
        .agencies
        .iter()
        .map(|a| {
            let id = &a.header.id.value;
            let leading: Vec<&Commitment> = lookup(&by_lead, id);
            let supporting: Vec<&Commitment> = lookup(&by_support, id);
            AgencyUse {
                id: id.clone(),
                title: a.header.title.as_ref().map(|t| t.value.clone()),
                leads: ids(&leading),
                supports: ids(&supporting),
            }
        })
        .collect();

    let count = |f: &dyn Fn(&RightCoverage) -> bool| rights.iter().filter(|r| f(r)).count();
    let stages_addressed = stages
        .iter()
        .filter(|s| s.in_scope && !s.commitments.is_empty())
        .count();
    let ratios = Ratios {
        rights_measured: Ratio::new(count(&|r| r.status == Status::Measured), rights.len()),
        rights_covered: Ratio::new(count(&|r| r.status != Status::Gap), rights.len()),
        stages_addressed: Ratio::new(stages_addressed, stages_in_scope.len()),
        commitments_with_targets: Ratio::new(
            spec.commitments
                .iter()
                .filter(|c| !c.targets.is_empty())
                .count(),
            spec.commitments.len(),
        ),
        principles_in_practice: Ratio::new(
            principles
                .iter()
                .filter(|p| !p.commitments.is_empty())
                .count(),
            principles.len(),
        ),
    };

    let qualities = Qualities {
        explicit: Quality::new(explicit(spec, &principles, &agencies)),
        comprehensive: Quality::new(comprehensive(&stages)),
        rights_based: Quality::new(rights_based(&rights)),
        consensual: Quality::new(consensual(spec, &index)),
    };

    Coverage {
        policy: policy.map(|p| p.header.id.value.clone()),
        scope_declared,
        rights,
        stages,
        ratios,
        principles,
        agencies,
        qualities,
    }
}

/// For each name, the commitments whose `names` list it, in spec order and
/// each once: what `filter(|c| names(c).any(|n| n == name))` over every
/// commitment gives, for every name in one pass.
fn mentioned_by<'a, I>(
    spec: &'a Spec,
    names: impl Fn(&'a Commitment) -> I,
) -> HashMap<&'a str, Vec<&'a Commitment>>
where
    I: Iterator<Item = &'a str>,
{
    let mut out: HashMap<&str, Vec<&Commitment>> = HashMap::new();
    for c in &spec.commitments {
        for name in names(c) {
            let list = out.entry(name).or_default();
            // A name listed twice by one commitment counts it once.
            if !list.last().is_some_and(|last| std::ptr::eq(*last, c)) {
                list.push(c);
            }
        }
    }
    out
}

fn finding(code: Code, message: Text) -> Finding {
    Finding { code, message }
}

fn explicit(spec: &Spec, principles: &[PrincipleUse], agencies: &[AgencyUse]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &spec.commitments {
        let cid = &c.header.id.value;
        if c.targets.is_empty() {
            out.push(finding(
                Code::W0410,
                tr!(
                    "commitment `{cid}` has no target",
                    "el compromiso `{cid}` no tiene meta"
                ),
            ));
        }
        for t in c.targets.iter().filter(|t| t.baseline.is_none()) {
            let tid = &t.header.id.value;
            out.push(finding(
                Code::W0411,
                tr!(
                    "target `{tid}` of `{cid}` has no baseline",
                    "la meta `{tid}` de `{cid}` no tiene línea de base"
                ),
            ));
        }
        if c.principles.is_empty() {
            out.push(finding(
                Code::W0412,
                tr!(
                    "commitment `{cid}` cites no principle",
                    "el compromiso `{cid}` no cita ningún principio"
                ),
            ));
        }
    }
    for p in principles.iter().filter(|p| p.commitments.is_empty()) {
        let pid = &p.id;
        out.push(finding(
            Code::W0413,
            tr!(
                "no commitment puts principle `{pid}` into practice",
                "ningún compromiso lleva a la práctica el principio `{pid}`"
            ),
        ));
    }
    for a in agencies
        .iter()
        .filter(|a| a.leads.is_empty() && a.supports.is_empty())
    {
        let aid = &a.id;
        out.push(finding(
            Code::W0414,
            tr!(
                "agency `{aid}` neither leads nor supports any commitment",
                "la institución `{aid}` no es responsable ni apoyo de ningún compromiso"
            ),
        ));
    }
    out
}

fn comprehensive(stages: &[StageCoverage]) -> Vec<Finding> {
    stages
        .iter()
        .filter(|s| s.in_scope && s.commitments.is_empty())
        .map(|s| {
            let en = s.stage.word(Lang::En);
            let es = s.stage.word(Lang::Es);
            finding(
                Code::W0420,
                tr!(
                    "no commitment addresses the `{en}` stage",
                    "ningún compromiso atiende la etapa `{es}`"
                ),
            )
        })
        .collect()
}

fn rights_based(rights: &[RightCoverage]) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in rights {
        let id = &r.id;
        let (ten, tes) = (&r.title_en, &r.title_es);
        match r.status {
            Status::Measured => {}
            Status::Gap => out.push(finding(
                Code::W0430,
                tr!(
                    "no commitment advances `{id}` ({ten})",
                    "ningún compromiso promueve `{id}` ({tes})"
                ),
            )),
            Status::Nominal => {
                let by = r.advanced_by.join(", ");
                out.push(finding(
                    Code::W0431,
                    tr!(
                        "`{id}` ({ten}) is advanced only by commitments without targets: {by}",
                        "`{id}` ({tes}) solo lo promueven compromisos sin metas: {by}"
                    ),
                ))
            }
        }
    }
    out
}

fn consensual(spec: &Spec, index: &crate::ast::Index<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let covered: HashSet<&str> = spec
        .consultations
        .iter()
        .flat_map(|k| &k.covers)
        .map(|r| r.name.as_str())
        .collect();
    for c in &spec.commitments {
        let cid = &c.header.id.value;
        if !covered.contains(cid.as_str()) {
            out.push(finding(
                Code::W0440,
                tr!(
                    "no consultation covered commitment `{cid}`",
                    "ninguna consulta abarcó el compromiso `{cid}`"
                ),
            ));
        }
    }
    let heard = spec.consultations.iter().any(|k| {
        k.participants.iter().any(|p| {
            index
                .stakeholders
                .get(p.name.as_str())
                .is_some_and(|s| !s.kind.as_ref().is_some_and(|k| k.value.is_government()))
        })
    });
    if spec.consultations.is_empty() {
        out.push(finding(
            Code::W0441,
            tr!(
                "no consultation is recorded",
                "no hay consultas registradas"
            ),
        ));
    } else if !heard {
        out.push(finding(
            Code::W0441,
            tr!(
                "no consultation heard a non-government stakeholder",
                "ninguna consulta escuchó a un actor no gubernamental"
            ),
        ));
    }
    out
}
