//! The full policy graph: the commitments and everything that hangs off
//! them — principles, rights, agencies, targets, consultations and evidence.
//!
//! Each edge reads as a sentence, `from relation to`:
//!
//! | relation | from | to |
//! |---|---|---|
//! | `depends_on` | commitment | the commitment it depends on |
//! | `puts_into_practice` | commitment | principle |
//! | `advances` | commitment | right |
//! | `restricts` | commitment | right |
//! | `leads` | agency | commitment |
//! | `supports` | agency | commitment |
//! | `measures` | target | its commitment |
//! | `covers` | consultation | commitment or principle |
//! | `rests_on` | commitment | evidence |
//!
//! (`depends_on` runs from dependent to prerequisite, against the edges of
//! the commitment graph, so that it reads like the field.)
//!
//! The spec's own rights have their ID; a catalogue right has its path
//! (`icrmw.art25`) and appears when a commitment cites it or the policy's
//! scope selects it, and its catalogue is in `use`. References that resolve
//! to nothing of the right kind are left out (they have their diagnostics),
//! and so is a second item with an ID already taken.
//!
//! Nodes come by kind (commitments, principles, rights, agencies, targets,
//! consultations, evidence), each kind in spec order, catalogue rights after
//! the spec's own in order of first mention; edges by their source item in
//! the same order.

use crate::ast::{Ref, Spec};
use crate::catalogue::{self, ItemKind};
use crate::diagnostic::Lang;
use serde::Serialize;
use std::collections::HashSet;

/// What a node of the policy graph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PgKind {
    Commitment,
    Principle,
    Right,
    Agency,
    Target,
    Consultation,
    Evidence,
}

impl PgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PgKind::Commitment => "commitment",
            PgKind::Principle => "principle",
            PgKind::Right => "right",
            PgKind::Agency => "agency",
            PgKind::Target => "target",
            PgKind::Consultation => "consultation",
            PgKind::Evidence => "evidence",
        }
    }
}

/// How two nodes of the policy graph are linked: `from relation to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    DependsOn,
    PutsIntoPractice,
    Advances,
    Restricts,
    Leads,
    Supports,
    Measures,
    Covers,
    RestsOn,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::DependsOn => "depends_on",
            Relation::PutsIntoPractice => "puts_into_practice",
            Relation::Advances => "advances",
            Relation::Restricts => "restricts",
            Relation::Leads => "leads",
            Relation::Supports => "supports",
            Relation::Measures => "measures",
            Relation::Covers => "covers",
            Relation::RestsOn => "rests_on",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PgNode {
    pub id: String,
    pub kind: PgKind,
    /// The title (a catalogue right's title in the spec's language), or the
    /// ID when there is none.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PgEdge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicyGraph {
    pub nodes: Vec<PgNode>,
    pub edges: Vec<PgEdge>,
}

impl PolicyGraph {
    pub fn node(&self, id: &str) -> Option<&PgNode> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// Builds the full policy graph of a spec.
pub fn policy_graph(spec: &Spec) -> PolicyGraph {
    let mut b = Builder::new(spec);
    let label = |id: &str, title: Option<&crate::ast::Spanned<String>>| {
        title.map_or_else(|| id.to_string(), |t| t.value.clone())
    };

    for c in &spec.commitments {
        let id = &c.header.id.value;
        b.node(id, PgKind::Commitment, label(id, c.header.title.as_ref()));
    }
    for p in &spec.principles {
        let id = &p.header.id.value;
        b.node(id, PgKind::Principle, label(id, p.header.title.as_ref()));
    }
    for r in &spec.rights {
        let id = &r.header.id.value;
        b.node(id, PgKind::Right, label(id, r.header.title.as_ref()));
    }
    // Catalogue rights: the scope's first, then those the commitments cite.
    if let Some(scope) = spec.policies.first().and_then(|p| p.scope.as_ref()) {
        for r in &scope.rights {
            if r.is_path() && b.in_use(&r.name) {
                for item in catalogue::select(&r.name) {
                    b.catalogue_right(item.path);
                }
            }
        }
    }
    for c in &spec.commitments {
        for r in c.rights.iter().chain(&c.restricts) {
            if r.is_path() {
                b.catalogue_right(&r.name);
            }
        }
    }
    for a in &spec.agencies {
        let id = &a.header.id.value;
        b.node(id, PgKind::Agency, label(id, a.header.title.as_ref()));
    }
    for c in &spec.commitments {
        for t in &c.targets {
            let id = &t.header.id.value;
            b.node(id, PgKind::Target, label(id, t.header.title.as_ref()));
        }
    }
    for k in &spec.consultations {
        let id = &k.header.id.value;
        b.node(id, PgKind::Consultation, label(id, k.header.title.as_ref()));
    }
    for e in &spec.evidence {
        let id = &e.header.id.value;
        b.node(id, PgKind::Evidence, label(id, e.header.title.as_ref()));
    }

    // Only the first item with an ID gets edges.
    let mut done: HashSet<&str> = HashSet::new();
    for c in &spec.commitments {
        let id = &c.header.id.value;
        if b.kind_of(id) != Some(PgKind::Commitment) || !done.insert(id) {
            continue;
        }
        b.links(
            id,
            &c.depends_on,
            Relation::DependsOn,
            &[PgKind::Commitment],
        );
        b.links(
            id,
            &c.principles,
            Relation::PutsIntoPractice,
            &[PgKind::Principle],
        );
        b.links(id, &c.rights, Relation::Advances, &[PgKind::Right]);
        b.links(id, &c.restricts, Relation::Restricts, &[PgKind::Right]);
        for a in c.lead.iter() {
            b.edge_if(&a.name, PgKind::Agency, id, Relation::Leads);
        }
        for a in &c.support {
            b.edge_if(&a.name, PgKind::Agency, id, Relation::Supports);
        }
        for t in &c.targets {
            b.edge_if(&t.header.id.value, PgKind::Target, id, Relation::Measures);
        }
        b.links(id, &c.evidence, Relation::RestsOn, &[PgKind::Evidence]);
    }
    for k in &spec.consultations {
        let id = &k.header.id.value;
        if b.kind_of(id) != Some(PgKind::Consultation) || !done.insert(id) {
            continue;
        }
        b.links(
            id,
            &k.covers,
            Relation::Covers,
            &[PgKind::Commitment, PgKind::Principle],
        );
    }
    b.graph
}

struct Builder<'a> {
    spec: &'a Spec,
    lang: Lang,
    graph: PolicyGraph,
    /// Node kind by ID (lookups only).
    kinds: std::collections::HashMap<String, PgKind>,
    edges: HashSet<(String, String, Relation)>,
}

impl<'a> Builder<'a> {
    fn new(spec: &'a Spec) -> Builder<'a> {
        Builder {
            spec,
            lang: spec.language(),
            graph: PolicyGraph::default(),
            kinds: std::collections::HashMap::new(),
            edges: HashSet::new(),
        }
    }

    fn node(&mut self, id: &str, kind: PgKind, label: String) {
        if self.kinds.contains_key(id) {
            return;
        }
        self.kinds.insert(id.to_string(), kind);
        self.graph.nodes.push(PgNode {
            id: id.to_string(),
            kind,
            label,
        });
    }

    fn kind_of(&self, id: &str) -> Option<PgKind> {
        self.kinds.get(id).copied()
    }

    /// Whether the catalogue of a path is in `use`.
    fn in_use(&self, path: &str) -> bool {
        let name = path.split('.').next().unwrap_or_default();
        self.spec.uses.iter().any(|u| u.catalogue.value == name)
    }

    fn catalogue_right(&mut self, path: &str) {
        if !self.in_use(path) {
            return;
        }
        if let Some(item) = catalogue::item(path) {
            if item.kind == ItemKind::Right {
                let label = item.title(self.lang == Lang::Es).to_string();
                self.node(item.path, PgKind::Right, label);
            }
        }
    }

    fn edge(&mut self, from: &str, to: &str, relation: Relation) {
        if self
            .edges
            .insert((from.to_string(), to.to_string(), relation))
        {
            self.graph.edges.push(PgEdge {
                from: from.to_string(),
                to: to.to_string(),
                relation,
            });
        }
    }

    /// An edge from `from` (known to exist) to each reference that names a
    /// node of one of the `kinds`.
    fn links(&mut self, from: &str, refs: &[Ref], relation: Relation, kinds: &[PgKind]) {
        for r in refs {
            if self.kind_of(&r.name).is_some_and(|k| kinds.contains(&k)) {
                self.edge(from, &r.name, relation);
            }
        }
    }

    /// An edge from `from`, when it names a node of `kind`, to `to`.
    fn edge_if(&mut self, from: &str, kind: PgKind, to: &str, relation: Relation) {
        if self.kind_of(from) == Some(kind) {
            self.edge(from, to, relation);
        }
    }
}
