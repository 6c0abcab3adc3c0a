//! From a compilation to a [`Document`]: runs the graph, coverage and
//! monitoring phases once and converts their results into the contract's
//! types.
//!
//! Nothing here iterates a hash map: lookups use `BTreeMap`s or indexes,
//! and every list follows the spec (or the documented order), so the same
//! spec always gives the same document.

use super::model::*;
use crate::ast;
use crate::catalogue;
use crate::compile::Compilation;
use crate::coverage;
use crate::diagnostic::{render, Lang, Severity as DiagSeverity, Text};
use crate::graph;
use crate::lang;
use crate::monitor;
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn document(c: &Compilation, as_of: &AsOf) -> Document {
    let spec = &c.spec;
    let lang = c.lang();
    let index = spec.index();
    let g = graph::build(spec);
    let pg = graph::policy_graph(spec);
    let cov = coverage::coverage(spec);
    let mon = monitor::status(spec, as_of.date);
    let as_of_day = as_of.date.last_day();

    let on_path: BTreeSet<&str> = g.critical_path().iter().map(String::as_str).collect();
    let agency_rollups: BTreeMap<&str, &monitor::AgencyProgress> = {
        let mut m = BTreeMap::new();
        for a in &mon.agencies {
            m.entry(a.id.as_str()).or_insert(a);
        }
        m
    };

    // The consultations that cover each name, in spec order, once each,
    // gathered in one pass (a scan of every consultation per commitment is
    // quadratic on big specs).
    let mut covered_by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for k in &spec.consultations {
        for r in &k.covers {
            let ids = covered_by.entry(r.name.as_str()).or_default();
            if !ids.contains(&k.header.id.value) {
                ids.push(k.header.id.value.clone());
            }
        }
    }

    // Only the first definition of an ID (a second one is an error) is in
    // the graph: a second one gets no graph figures.
    let mut defined: BTreeSet<&str> = BTreeSet::new();
    let commitments: Vec<Commitment> = spec
        .commitments
        .iter()
        .zip(&mon.commitments)
        .map(|(cm, progress)| {
            let first = defined.insert(cm.header.id.value.as_str());
            let node = g.node(&cm.header.id.value).filter(|_| first);
            commitment(&covered_by, &g, node, &on_path, cm, progress, as_of_day)
        })
        .collect();

    let agencies: Vec<Agency> = spec
        .agencies
        .iter()
        .map(|a| {
            agency(
                spec,
                a,
                agency_rollups.get(a.header.id.value.as_str()).copied(),
            )
        })
        .collect();

    let principles: Vec<Principle> = spec.principles.iter().map(|p| principle(spec, p)).collect();
    let rights = rights(spec, &index, &cov);
    let stakeholders: Vec<Stakeholder> = spec
        .stakeholders
        .iter()
        .map(|s| stakeholder(spec, s))
        .collect();
    let consultations: Vec<Consultation> = spec
        .consultations
        .iter()
        .map(|k| consultation(&index, k))
        .collect();
    let evidence: Vec<Evidence> = spec.evidence.iter().map(|e| evidence(spec, e)).collect();

    let warnings: Vec<Warning> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == DiagSeverity::Warning)
        .map(|d| warning(spec, c, d, lang))
        .collect();

    let policy = spec.policies.first().map(|p| policy(spec, p, &cov));
    let summary = summary(&SummaryInput {
        agencies: &agencies,
        principles: &principles,
        rights: &rights,
        commitments: &commitments,
        stakeholders: &stakeholders,
        consultations: &consultations,
        evidence: &evidence,
        warnings: &warnings,
        mon: &mon,
    });

    Document {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        generator: Generator {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
        language: language(lang),
        as_of: *as_of,
        files: c.sources.files().map(|(_, f)| f.name.clone()).collect(),
        policy,
        summary,
        agencies,
        principles,
        rights,
        commitments,
        stakeholders,
        consultations,
        evidence,
        graph: graph_of(&g),
        policy_graph: policy_graph(&pg),
        coverage: coverage_of(&cov),
        warnings,
    }
}

// ---------------------------------------------------------------------------
// Small conversions

fn language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::Es => Language::Es,
    }
}

fn text(t: &Text) -> Bilingual {
    Bilingual {
        en: t.en.clone(),
        es: t.es.clone(),
    }
}

fn string(s: &Option<ast::Spanned<String>>) -> Option<String> {
    s.as_ref().map(|s| s.value.clone())
}

fn title(h: &ast::Header) -> Option<String> {
    string(&h.title)
}

fn names(refs: &[ast::Ref]) -> Vec<String> {
    refs.iter().map(|r| r.name.clone()).collect()
}

fn money(m: &ast::Money) -> Money {
    Money {
        amount: m.amount.value,
        currency: m.currency.clone(),
    }
}

fn measure(m: &ast::Measure) -> Measure {
    Measure {
        value: m.quantity.value.number.value,
        percent: m.quantity.value.percent,
        date: m.date.value,
    }
}

fn point(p: &monitor::Point) -> Measure {
    Measure {
        value: p.value,
        percent: p.percent,
        date: p.date,
    }
}

fn stage(s: ast::Stage) -> Stage {
    match s {
        ast::Stage::Origin => Stage::Origin,
        ast::Stage::Transit => Stage::Transit,
        ast::Stage::Destination => Stage::Destination,
        ast::Stage::Return => Stage::Return,
    }
}

fn policy_status(s: ast::PolicyStatus) -> PolicyStatus {
    match s {
        ast::PolicyStatus::Draft => PolicyStatus::Draft,
        ast::PolicyStatus::Consultation => PolicyStatus::Consultation,
        ast::PolicyStatus::Adopted => PolicyStatus::Adopted,
        ast::PolicyStatus::Superseded => PolicyStatus::Superseded,
    }
}

fn commitment_status(s: ast::CommitmentStatus) -> CommitmentStatus {
    match s {
        ast::CommitmentStatus::Planned => CommitmentStatus::Planned,
        ast::CommitmentStatus::InProgress => CommitmentStatus::InProgress,
        ast::CommitmentStatus::Done => CommitmentStatus::Done,
        ast::CommitmentStatus::Suspended => CommitmentStatus::Suspended,
    }
}

fn direction(d: ast::Direction) -> Direction {
    match d {
        ast::Direction::Increase => Direction::Increase,
        ast::Direction::Decrease => Direction::Decrease,
        ast::Direction::Maintain => Direction::Maintain,
    }
}

fn evidence_kind(k: ast::EvidenceKind) -> EvidenceKind {
    match k {
        ast::EvidenceKind::Diagnostic => EvidenceKind::Diagnostic,
        ast::EvidenceKind::Research => EvidenceKind::Research,
        ast::EvidenceKind::Statistics => EvidenceKind::Statistics,
        ast::EvidenceKind::Evaluation => EvidenceKind::Evaluation,
    }
}

fn stakeholder_kind(k: ast::StakeholderKind) -> StakeholderKind {
    match k {
        ast::StakeholderKind::CivilSociety => StakeholderKind::CivilSociety,
        ast::StakeholderKind::MigrantOrganization => StakeholderKind::MigrantOrganization,
        ast::StakeholderKind::PrivateSector => StakeholderKind::PrivateSector,
        ast::StakeholderKind::Academia => StakeholderKind::Academia,
        ast::StakeholderKind::International => StakeholderKind::International,
        ast::StakeholderKind::LocalGovernment => StakeholderKind::LocalGovernment,
    }
}

fn progress_status(s: monitor::Status) -> ProgressStatus {
    match s {
        monitor::Status::NotStarted => ProgressStatus::NotStarted,
        monitor::Status::OnTrack => ProgressStatus::OnTrack,
        monitor::Status::AtRisk => ProgressStatus::AtRisk,
        monitor::Status::OffTrack => ProgressStatus::OffTrack,
        monitor::Status::Achieved => ProgressStatus::Achieved,
        monitor::Status::Unknown => ProgressStatus::Unknown,
    }
}

fn counts(c: &monitor::Counts) -> StatusCounts {
    StatusCounts {
        not_started: c.not_started,
        on_track: c.on_track,
        at_risk: c.at_risk,
        off_track: c.off_track,
        achieved: c.achieved,
        unknown: c.unknown,
    }
}

fn coverage_status(s: coverage::Status) -> CoverageStatus {
    match s {
        coverage::Status::Measured => CoverageStatus::Measured,
        coverage::Status::Nominal => CoverageStatus::Nominal,
        coverage::Status::Gap => CoverageStatus::Gap,
    }
}

fn catalogue_item_kind(k: catalogue::ItemKind) -> CatalogueItemKind {
    match k {
        catalogue::ItemKind::Right => CatalogueItemKind::Right,
        catalogue::ItemKind::Principle => CatalogueItemKind::Principle,
        catalogue::ItemKind::Objective => CatalogueItemKind::Objective,
        catalogue::ItemKind::Target => CatalogueItemKind::Target,
        catalogue::ItemKind::Indicator => CatalogueItemKind::Indicator,
        catalogue::ItemKind::Provision => CatalogueItemKind::Provision,
    }
}

fn item_kind(k: lang::ItemKind) -> Option<ItemKind> {
    match k {
        lang::ItemKind::Policy => Some(ItemKind::Policy),
        lang::ItemKind::Agency => Some(ItemKind::Agency),
        lang::ItemKind::Principle => Some(ItemKind::Principle),
        lang::ItemKind::Right => Some(ItemKind::Right),
        lang::ItemKind::Commitment => Some(ItemKind::Commitment),
        lang::ItemKind::Target => Some(ItemKind::Target),
        lang::ItemKind::Stakeholder => Some(ItemKind::Stakeholder),
        lang::ItemKind::Consultation => Some(ItemKind::Consultation),
        lang::ItemKind::Evidence => Some(ItemKind::Evidence),
        lang::ItemKind::Use | lang::ItemKind::Include => None,
    }
}

fn pg_kind(k: graph::PgKind) -> ItemKind {
    match k {
        graph::PgKind::Commitment => ItemKind::Commitment,
        graph::PgKind::Principle => ItemKind::Principle,
        graph::PgKind::Right => ItemKind::Right,
        graph::PgKind::Agency => ItemKind::Agency,
        graph::PgKind::Target => ItemKind::Target,
        graph::PgKind::Consultation => ItemKind::Consultation,
        graph::PgKind::Evidence => ItemKind::Evidence,
    }
}

fn relation(r: graph::Relation) -> Relation {
    match r {
        graph::Relation::DependsOn => Relation::DependsOn,
        graph::Relation::PutsIntoPractice => Relation::PutsIntoPractice,
        graph::Relation::Advances => Relation::Advances,
        graph::Relation::Restricts => Relation::Restricts,
        graph::Relation::Leads => Relation::Leads,
        graph::Relation::Supports => Relation::Supports,
        graph::Relation::Measures => Relation::Measures,
        graph::Relation::Covers => Relation::Covers,
        graph::Relation::RestsOn => Relation::RestsOn,
    }
}

/// A catalogue item cited by path; `None` when the path names nothing
/// (an error reported elsewhere).
fn catalogue_ref(r: &ast::Ref) -> Option<CatalogueRef> {
    let item = catalogue::item(&r.name)?;
    Some(CatalogueRef {
        path: item.path.to_string(),
        catalogue: item.catalogue.to_string(),
        kind: catalogue_item_kind(item.kind),
        reference: item.reference.to_string(),
        title_en: item.title_en.to_string(),
        title_es: item.title_es.to_string(),
    })
}

/// The IDs of the items that satisfy `pred`, in spec order, once each.
fn ids_where<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    header: impl Fn(&T) -> &ast::Header,
    pred: impl Fn(&T) -> bool,
) -> Vec<String> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if pred(item) {
            let id = &header(item).id.value;
            if seen.insert(id.as_str()) {
                out.push(id.clone());
            }
        }
    }
    out
}

fn mentions(refs: &[ast::Ref], id: &str) -> bool {
    refs.iter().any(|r| r.name == id)
}

// ---------------------------------------------------------------------------
// Items

fn policy(spec: &ast::Spec, p: &ast::Policy, cov: &coverage::Coverage) -> Policy {
    let budget = p.budget.as_ref().map(|b| money(&b.value));
    let budget_committed = budget.as_ref().and_then(|b| {
        let amount: f64 = spec
            .commitments
            .iter()
            .filter_map(|c| c.budget.as_ref())
            .filter(|m| m.value.currency == b.currency)
            .map(|m| m.value.amount.value)
            .sum();
        amount.is_finite().then(|| Money {
            amount,
            currency: b.currency.clone(),
        })
    });
    let scope = p.scope.as_ref();
    let mut catalogues: Vec<CatalogueUsed> = Vec::new();
    for u in &spec.uses {
        if let Some(cat) = catalogue::catalogue(&u.catalogue.value) {
            if !catalogues.iter().any(|c| c.name == cat.name) {
                catalogues.push(CatalogueUsed {
                    name: cat.name.to_string(),
                    title_en: cat.title_en.to_string(),
                    title_es: cat.title_es.to_string(),
                    source: cat.source.to_string(),
                    adopted: cat.adopted.to_string(),
                });
            }
        }
    }
    Policy {
        id: p.header.id.value.clone(),
        title: title(&p.header),
        doc: p.header.doc.clone(),
        jurisdiction: string(&p.jurisdiction),
        version: string(&p.version),
        status: p.status.as_ref().map(|s| policy_status(s.value)),
        horizon: p.horizon.as_ref().map(|h| Period {
            start: h.value.start,
            end: h.value.end,
        }),
        budget,
        budget_committed,
        scope: Scope {
            declared: cov.scope_declared,
            written: scope.map(|s| names(&s.rights)).unwrap_or_default(),
            rights: cov.rights.iter().map(|r| r.id.clone()).collect(),
            stages: cov
                .stages
                .iter()
                .filter(|s| s.in_scope)
                .map(|s| stage(s.stage))
                .collect(),
        },
        catalogues,
    }
}

fn agency(spec: &ast::Spec, a: &ast::Agency, rollup: Option<&monitor::AgencyProgress>) -> Agency {
    let id = a.header.id.value.as_str();
    Agency {
        id: id.to_string(),
        title: title(&a.header),
        doc: a.header.doc.clone(),
        sector: string(&a.sector),
        parent: a.parent.as_ref().map(|r| r.name.clone()),
        children: ids_where(
            &spec.agencies,
            |x| &x.header,
            |x| x.parent.as_ref().is_some_and(|p| p.name == id),
        ),
        leads: ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| c.lead.as_ref().is_some_and(|l| l.name == id),
        ),
        supports: ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.support, id),
        ),
        rollup: match rollup {
            Some(r) => AgencyRollup {
                status: progress_status(r.status),
                commitments: counts(&r.commitments),
                targets: counts(&r.targets),
            },
            None => AgencyRollup {
                status: ProgressStatus::Unknown,
                commitments: StatusCounts::default(),
                targets: StatusCounts::default(),
            },
        },
    }
}

fn principle(spec: &ast::Spec, p: &ast::Principle) -> Principle {
    let id = p.header.id.value.as_str();
    Principle {
        id: id.to_string(),
        title: title(&p.header),
        description: string(&p.description),
        doc: p.header.doc.clone(),
        grounds: p.grounds.iter().filter_map(catalogue_ref).collect(),
        commitments: ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.principles, id),
        ),
        consultations: ids_where(
            &spec.consultations,
            |k| &k.header,
            |k| mentions(&k.covers, id),
        ),
    }
}

/// The spec's own rights, then the catalogue rights it refers to, in
/// catalogue order.
fn rights(spec: &ast::Spec, index: &ast::Index<'_>, cov: &coverage::Coverage) -> Vec<Right> {
    let in_scope: BTreeMap<&str, &coverage::RightCoverage> = {
        let mut m = BTreeMap::new();
        for r in &cov.rights {
            m.entry(r.id.as_str()).or_insert(r);
        }
        m
    };
    // How the commitments treat a right: from the coverage when it is in
    // scope, by the same rule otherwise.
    let treatment = |id: &str| -> (CoverageStatus, Vec<String>, Vec<String>, Vec<String>) {
        if let Some(r) = in_scope.get(id) {
            return (
                coverage_status(r.status),
                r.advanced_by.clone(),
                r.measured_by.clone(),
                r.restricted_by.clone(),
            );
        }
        let advanced_by = ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.rights, id),
        );
        let measured_by = ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.rights, id) && !c.targets.is_empty(),
        );
        let restricted_by = ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.restricts, id),
        );
        let status = if !measured_by.is_empty() {
            CoverageStatus::Measured
        } else if !advanced_by.is_empty() {
            CoverageStatus::Nominal
        } else {
            CoverageStatus::Gap
        };
        (status, advanced_by, measured_by, restricted_by)
    };

    let mut out = Vec::new();
    let mut own_seen: BTreeSet<&str> = BTreeSet::new();
    for r in &spec.rights {
        let id = r.header.id.value.as_str();
        if !own_seen.insert(id) {
            continue;
        }
        let (status, advanced_by, measured_by, restricted_by) = treatment(id);
        let t = title(&r.header).unwrap_or_else(|| id.to_string());
        out.push(Right {
            id: id.to_string(),
            source: RightSource::Own,
            catalogue: None,
            reference: None,
            title_en: t.clone(),
            title_es: t,
            description: string(&r.description),
            doc: r.header.doc.clone(),
            non_derogable: r.non_derogable.as_ref().is_some_and(|b| b.value),
            in_scope: in_scope.contains_key(id),
            coverage: status,
            advanced_by,
            measured_by,
            restricted_by,
        });
    }

    // Catalogue rights referred to anywhere.
    let mut referred: BTreeSet<&str> = BTreeSet::new();
    for r in &cov.rights {
        if r.catalogue.is_some() {
            referred.insert(r.id.as_str());
        }
    }
    for c in &spec.commitments {
        for r in c.rights.iter().chain(&c.restricts) {
            if r.is_path() && !index.rights.contains_key(r.name.as_str()) {
                referred.insert(r.name.as_str());
            }
        }
    }
    for cat in catalogue::all() {
        for item in cat.items {
            // Rights, and the provisions a commitment may cite under
            // `rights` (ICRMW articles 34 and 35).
            if !referred.contains(item.path) {
                continue;
            }
            let (status, advanced_by, measured_by, restricted_by) = treatment(item.path);
            out.push(Right {
                id: item.path.to_string(),
                source: RightSource::Catalogue,
                catalogue: Some(item.catalogue.to_string()),
                reference: Some(item.reference.to_string()),
                title_en: item.title_en.to_string(),
                title_es: item.title_es.to_string(),
                description: None,
                doc: None,
                non_derogable: item.non_derogable,
                in_scope: in_scope.contains_key(item.path),
                coverage: status,
                advanced_by,
                measured_by,
                restricted_by,
            });
        }
    }
    out
}

fn commitment(
    covered_by: &BTreeMap<&str, Vec<String>>,
    g: &graph::CommitmentGraph,
    node: Option<&graph::Node>,
    on_path: &BTreeSet<&str>,
    c: &ast::Commitment,
    progress: &monitor::CommitmentProgress,
    as_of_day: ast::Day,
) -> Commitment {
    let id = c.header.id.value.as_str();
    let status = c.status.as_ref().map(|s| commitment_status(s.value));
    let due = c.due.as_ref().map(|d| d.value);
    let overdue =
        status != Some(CommitmentStatus::Done) && due.is_some_and(|d| d.last_day() < as_of_day);
    let targets = c
        .targets
        .iter()
        .zip(&progress.targets)
        .map(|(t, p)| target(t, p))
        .collect();
    Commitment {
        id: id.to_string(),
        title: title(&c.header),
        doc: c.header.doc.clone(),
        lead: c.lead.as_ref().map(|r| r.name.clone()),
        support: names(&c.support),
        principles: names(&c.principles),
        rights: names(&c.rights),
        restricts: names(&c.restricts),
        justification: c.justification.as_ref().map(|j| Justification {
            legal_basis: string(&j.legal_basis),
            necessity: string(&j.necessity),
            proportionality: string(&j.proportionality),
        }),
        stages: c.stages.iter().map(|s| stage(s.value)).collect(),
        prerequisites: node.map(|n| n.prerequisites.clone()).unwrap_or_default(),
        direct_dependents: node.map(|n| n.dependents.clone()).unwrap_or_default(),
        dependents: node
            .and_then(|n| g.held_up(&n.id))
            .map(|v| v.into_iter().map(str::to_string).collect())
            .unwrap_or_default(),
        phase: node.and_then(|n| n.phase),
        on_cycle: node.is_some_and(|n| n.on_cycle),
        slack_days: node.and_then(|n| n.slack_days),
        critical: node.is_some_and(|n| n.critical),
        on_critical_path: node.is_some() && on_path.contains(id),
        duration_days: node.and_then(|n| n.duration_days),
        earliest_start: node.and_then(|n| n.earliest_start),
        earliest_finish: node.and_then(|n| n.earliest_finish),
        latest_start: node.and_then(|n| n.latest_start),
        latest_finish: node.and_then(|n| n.latest_finish),
        start: c.start.as_ref().map(|d| d.value),
        due,
        overdue,
        budget: c.budget.as_ref().map(|b| money(&b.value)),
        status,
        aligns: c.aligns.iter().filter_map(catalogue_ref).collect(),
        evidence: names(&c.evidence),
        consultations: covered_by.get(id).cloned().unwrap_or_default(),
        targets,
        rollup: CommitmentRollup {
            status: progress_status(progress.status),
            targets: counts(&progress.counts),
        },
    }
}

fn target(t: &ast::Target, p: &monitor::TargetProgress) -> Target {
    Target {
        id: t.header.id.value.clone(),
        title: title(&t.header),
        doc: t.header.doc.clone(),
        indicator: string(&t.indicator),
        unit: string(&t.unit),
        source: string(&t.source),
        direction: p.direction.map(direction),
        direction_inferred: p.direction_inferred,
        baseline: t.baseline.as_ref().map(measure),
        milestones: t.values.iter().map(measure).collect(),
        observations: t.observed.iter().map(measure).collect(),
        progress: Progress {
            status: progress_status(p.status),
            reason: p.reason.as_ref().map(text),
            segment_start: p.segment_start.as_ref().map(point),
            next_milestone: p.next_milestone.as_ref().map(point),
            last_milestone: p.last_milestone.as_ref().map(point),
            latest_observation: p.latest.as_ref().map(point),
            progress: p.progress.filter(|x| x.is_finite()),
            expected: p.expected.filter(|x| x.is_finite()),
        },
    }
}

fn stakeholder(spec: &ast::Spec, s: &ast::Stakeholder) -> Stakeholder {
    let id = s.header.id.value.as_str();
    let kind = s.kind.as_ref().map(|k| k.value);
    Stakeholder {
        id: id.to_string(),
        title: title(&s.header),
        doc: s.header.doc.clone(),
        kind: kind.map(stakeholder_kind),
        government: kind.is_some_and(ast::StakeholderKind::is_government),
        consultations: ids_where(
            &spec.consultations,
            |k| &k.header,
            |k| mentions(&k.participants, id),
        ),
    }
}

fn consultation(index: &ast::Index<'_>, k: &ast::Consultation) -> Consultation {
    let agencies: Vec<String> = k
        .participants
        .iter()
        .filter(|r| index.agencies.contains_key(r.name.as_str()))
        .map(|r| r.name.clone())
        .collect();
    let stakeholders: Vec<String> = k
        .participants
        .iter()
        .filter(|r| index.stakeholders.contains_key(r.name.as_str()))
        .map(|r| r.name.clone())
        .collect();
    let heard_non_government = k.participants.iter().any(|r| {
        index
            .stakeholders
            .get(r.name.as_str())
            .is_some_and(|s| !s.kind.as_ref().is_some_and(|k| k.value.is_government()))
    });
    Consultation {
        id: k.header.id.value.clone(),
        title: title(&k.header),
        doc: k.header.doc.clone(),
        date: k.date.as_ref().map(|d| d.value),
        participants: Participants {
            agencies,
            stakeholders,
        },
        covers: Covers {
            commitments: k
                .covers
                .iter()
                .filter(|r| index.commitments.contains_key(r.name.as_str()))
                .map(|r| r.name.clone())
                .collect(),
            principles: k
                .covers
                .iter()
                .filter(|r| index.principles.contains_key(r.name.as_str()))
                .map(|r| r.name.clone())
                .collect(),
        },
        outcome: string(&k.outcome),
        heard_non_government,
    }
}

fn evidence(spec: &ast::Spec, e: &ast::Evidence) -> Evidence {
    let id = e.header.id.value.as_str();
    Evidence {
        id: id.to_string(),
        title: title(&e.header),
        doc: e.header.doc.clone(),
        kind: e.kind.as_ref().map(|k| evidence_kind(k.value)),
        year: e.year.as_ref().map(|y| y.value),
        url: string(&e.url),
        cited_by: ids_where(
            &spec.commitments,
            |c| &c.header,
            |c| mentions(&c.evidence, id),
        ),
    }
}

// ---------------------------------------------------------------------------
// Graphs and coverage

fn graph_of(g: &graph::CommitmentGraph) -> Graph {
    let on_path: BTreeSet<&str> = g.critical_path().iter().map(String::as_str).collect();
    Graph {
        nodes: g
            .nodes()
            .iter()
            .map(|n| GraphNode {
                id: n.id.clone(),
                title: (!n.title.is_empty()).then(|| n.title.clone()),
                phase: n.phase,
                critical: n.critical,
                on_critical_path: on_path.contains(n.id.as_str()),
                on_cycle: n.on_cycle,
            })
            .collect(),
        edges: g
            .edges()
            .iter()
            .map(|e| GraphEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                critical: e.critical,
            })
            .collect(),
        phases: g
            .phases()
            .iter()
            .enumerate()
            .map(|(i, p)| Phase {
                number: i + 1,
                commitments: p.clone(),
            })
            .collect(),
        critical_path: g.critical_path().to_vec(),
        project_end: g.project_end(),
        has_cycle: g.has_cycle(),
        cycles: g.cycles().to_vec(),
    }
}

fn policy_graph(pg: &graph::PolicyGraph) -> PolicyGraph {
    PolicyGraph {
        nodes: pg
            .nodes
            .iter()
            .map(|n| PolicyGraphNode {
                id: n.id.clone(),
                kind: pg_kind(n.kind),
                label: n.label.clone(),
            })
            .collect(),
        edges: pg
            .edges
            .iter()
            .map(|e| PolicyGraphEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                relation: relation(e.relation),
            })
            .collect(),
    }
}

fn ratio(r: &coverage::Ratio) -> Ratio {
    Ratio {
        numerator: r.numerator,
        denominator: r.denominator,
        percent: if r.percent.is_finite() {
            r.percent
        } else {
            0.0
        },
    }
}

fn quality(q: &coverage::Quality) -> Quality {
    Quality {
        ok: q.ok,
        findings: q
            .findings
            .iter()
            .map(|f| Finding {
                code: f.code.as_str().to_string(),
                en: f.message.en.clone(),
                es: f.message.es.clone(),
            })
            .collect(),
    }
}

fn coverage_of(cov: &coverage::Coverage) -> Coverage {
    Coverage {
        scope_declared: cov.scope_declared,
        stages: cov
            .stages
            .iter()
            .map(|s| StageCoverage {
                stage: stage(s.stage),
                in_scope: s.in_scope,
                commitments: s.commitments.clone(),
            })
            .collect(),
        matrix: cov
            .rights
            .iter()
            .map(|r| MatrixRow {
                right: r.id.clone(),
                status: coverage_status(r.status),
                cells: r
                    .stages
                    .iter()
                    .map(|cell| MatrixCell {
                        stage: stage(cell.stage),
                        status: coverage_status(cell.status),
                        commitments: cell.commitments.clone(),
                    })
                    .collect(),
            })
            .collect(),
        ratios: Ratios {
            rights_measured: ratio(&cov.ratios.rights_measured),
            rights_covered: ratio(&cov.ratios.rights_covered),
            stages_addressed: ratio(&cov.ratios.stages_addressed),
            commitments_with_targets: ratio(&cov.ratios.commitments_with_targets),
            principles_in_practice: ratio(&cov.ratios.principles_in_practice),
        },
        qualities: Qualities {
            explicit: quality(&cov.qualities.explicit),
            comprehensive: quality(&cov.qualities.comprehensive),
            rights_based: quality(&cov.qualities.rights_based),
            consensual: quality(&cov.qualities.consensual),
        },
    }
}

// ---------------------------------------------------------------------------
// Warnings

fn location(l: render::Location) -> Location {
    Location {
        file: l.file,
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
    }
}

fn warning(
    spec: &ast::Spec,
    c: &Compilation,
    d: &crate::diagnostic::Diagnostic,
    lang: Lang,
) -> Warning {
    let j = render::json(d, &c.sources, lang);
    let about = d.span().and_then(|span| about(spec, span));
    Warning {
        code: j.code.to_string(),
        severity: match j.severity {
            DiagSeverity::Error => Severity::Error,
            DiagSeverity::Warning => Severity::Warning,
        },
        message: j.message,
        location: location(j.location),
        labels: j
            .labels
            .into_iter()
            .map(|l| Label {
                location: location(l.location),
                message: l.message,
                primary: l.primary,
            })
            .collect(),
        help: j.help,
        fix: j.fix.map(|f| Fix {
            location: location(f.location),
            replacement: f.replacement,
        }),
        about: about.as_ref().map(|(id, _)| id.clone()),
        about_kind: about.map(|(_, kind)| kind),
    }
}

/// The innermost item whose text contains `span`: its ID and kind. Ties
/// (two items over the same text, which cannot happen in a parsed spec) go
/// to the first in spec order.
pub(super) fn about(spec: &ast::Spec, span: Span) -> Option<(String, ItemKind)> {
    let mut best: Option<(&ast::Header, ItemKind)> = None;
    for h in spec.headers() {
        let Some(kind) = item_kind(h.kind) else {
            continue;
        };
        let s = h.span;
        if s.file != span.file || s.start > span.start || span.end > s.end {
            continue;
        }
        let inner = match best {
            None => true,
            Some((b, _)) => s.len() < b.span.len(),
        };
        if inner {
            best = Some((h, kind));
        }
    }
    best.map(|(h, kind)| (h.id.value.clone(), kind))
}

// ---------------------------------------------------------------------------
// Summary

struct SummaryInput<'a> {
    agencies: &'a [Agency],
    principles: &'a [Principle],
    rights: &'a [Right],
    commitments: &'a [Commitment],
    stakeholders: &'a [Stakeholder],
    consultations: &'a [Consultation],
    evidence: &'a [Evidence],
    warnings: &'a [Warning],
    mon: &'a monitor::Monitoring,
}

fn summary(i: &SummaryInput<'_>) -> Summary {
    let mut by_status = monitor::Counts::default();
    for c in &i.mon.commitments {
        by_status.add(c.status);
    }
    Summary {
        agencies: i.agencies.len(),
        principles: i.principles.len(),
        principles_in_practice: i
            .principles
            .iter()
            .filter(|p| !p.commitments.is_empty())
            .count(),
        rights: i.rights.len(),
        rights_in_scope: i.rights.iter().filter(|r| r.in_scope).count(),
        commitments: i.commitments.len(),
        commitments_overdue: i.commitments.iter().filter(|c| c.overdue).count(),
        targets: i.commitments.iter().map(|c| c.targets.len()).sum(),
        stakeholders: i.stakeholders.len(),
        consultations: i.consultations.len(),
        evidence: i.evidence.len(),
        warnings: i.warnings.len(),
        commitments_by_status: counts(&by_status),
        targets_by_status: counts(&i.mon.totals),
    }
}
