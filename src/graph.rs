//! The commitment graph: implementation phases, the critical path and the
//! impact of a delay (LANGUAGE.md section 6).
//!
//! Nodes are the commitments of the spec, in spec order; an edge runs from a
//! prerequisite to the commitment that `depends_on` it. A reference that
//! does not name a commitment of the spec is ignored (it has its own
//! diagnostic), and so is a second definition of an ID (E0200): the first
//! definition wins, as in [`Spec::index`]. [`build`] computes everything
//! once; the accessors of [`CommitmentGraph`] only read.
//!
//! # Phases
//!
//! The topological levels of the graph: phase 1 holds the commitments
//! without prerequisites; phase k+1 those whose prerequisites all lie in
//! phases ≤ k (and one at least in phase k). A commitment on a cycle, or
//! behind one (it depends, directly or not, on a commitment on a cycle),
//! has no phase and is listed in no phase.
//!
//! # The critical path method
//!
//! Dates are counted in days ([`Day`]). Every commitment with a phase has a
//! *duration*: from the later of its `start` (the first day of the date)
//! and the latest `due` (last day) among its prerequisites — the *horizon
//! start* when it has neither — to its own `due` (the last day of the
//! date: a year-precision `2026` means 31 December 2026). A commitment may
//! start before its prerequisites are due (preparatory work); the duration
//! counts only what is left once they are done, so that in a plan whose
//! due dates are consistent every commitment finishes on its due date and
//! the project on the latest one. A commitment without `due` has duration
//! 0. A negative duration (a start after the due date, or a due date
//! before a prerequisite's, each an error reported elsewhere) counts as 0.
//!
//! The horizon start is the first day of the policy's `horizon`; a spec
//! without a horizon (an error reported elsewhere) uses the earliest start
//! or due date of its commitments, or 1970-01-01 when there is none.
//!
//! - Forward pass, in phase order: *earliest start* = the latest of the
//!   commitment's own start (or the horizon start when it has none) and the
//!   earliest finish of each prerequisite; *earliest finish* = earliest
//!   start + duration.
//! - The *project end* is the greatest earliest finish.
//! - Backward pass, in reverse phase order: *latest finish* = the least
//!   *latest start* among the dependents, or the project end for a
//!   commitment without dependents; *latest start* = latest finish −
//!   duration.
//! - *Slack* = latest finish − earliest finish, in days. It is never
//!   negative. A commitment with slack 0 is *critical*.
//! - The *critical path* is the longest chain in time: it ends at the
//!   commitment without dependents whose earliest finish is the greatest
//!   (ties: the first in spec order) and walks back, from each commitment,
//!   to the prerequisite whose earliest finish is the greatest (ties: spec
//!   order), as long as that prerequisite has slack 0. It is listed from
//!   prerequisite to dependent, and the edges along it are critical.
//!
//! Commitments on or behind a cycle take no part: they have no duration,
//! dates or slack, and count neither as dependents in the backward pass nor
//! for the project end.
//!
//! Every algorithm here is iterative: a chain of 100,000 commitments does not
//! grow the stack.

pub mod policy;
pub mod render;

#[cfg(test)]
mod tests;

use crate::ast::{Commitment, Date, Day, Spec};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

pub use policy::{policy_graph, PgEdge, PgKind, PgNode, PolicyGraph, Relation};

/// A commitment in the graph, with its phase and its critical-path figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    /// The title, or `""` when the commitment has none.
    pub title: String,
    pub start: Option<Date>,
    pub due: Option<Date>,
    /// The phase (1 for the first), `None` on or behind a cycle.
    pub phase: Option<usize>,
    /// Whether the commitment lies on a cycle of `depends_on`.
    pub on_cycle: bool,
    /// The duration in days used by the critical path method.
    pub duration_days: Option<i64>,
    pub earliest_start: Option<Date>,
    pub earliest_finish: Option<Date>,
    pub latest_start: Option<Date>,
    pub latest_finish: Option<Date>,
    /// Latest finish − earliest finish; `None` on or behind a cycle.
    pub slack_days: Option<i64>,
    /// Slack 0.
    pub critical: bool,
    /// The commitments it must come before (direct prerequisites), in spec
    /// order.
    pub prerequisites: Vec<String>,
    /// The commitments that depend on it directly, in spec order. Everything
    /// a delay holds up, transitively, is [`CommitmentGraph::held_up`] and
    /// [`CommitmentGraph::impact`]: a list per node would be quadratic in
    /// size on long chains.
    pub dependents: Vec<String>,
}

/// A `depends_on` link, from the prerequisite to the dependent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// On the critical path.
    pub critical: bool,
}

/// What a delay to one commitment holds up ([`CommitmentGraph::impact`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
    pub slack_days: Option<i64>,
    pub phase: Option<usize>,
    pub critical: bool,
    /// Every commitment that depends on it, directly or not: by phase
    /// (commitments without a phase last), then in spec order.
    pub held_up: Vec<HeldUp>,
}

/// One commitment held up by a delay, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeldUp {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
    pub slack_days: Option<i64>,
    pub phase: Option<usize>,
    /// The number of `depends_on` links on the shortest chain.
    pub distance: usize,
    /// The shortest chain from the delayed commitment to this one, both
    /// included (ties: the first found breadth-first, taking dependents in
    /// spec order). A chain
    /// longer than [`CHAIN_MAX`] commitments keeps its first and last
    /// [`CHAIN_MAX`]` / 2`: then `chain.len() < distance + 1`.
    pub chain: Vec<String>,
}

/// The longest chain [`HeldUp::chain`] spells out in full.
pub const CHAIN_MAX: usize = 12;

/// The commitment graph of a spec. Built once by [`build`].
#[derive(Clone, Debug)]
pub struct CommitmentGraph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    phases: Vec<Vec<String>>,
    critical_path: Vec<String>,
    cycles: Vec<Vec<String>>,
    project_end: Option<Date>,
    /// Node position by ID (lookups only, never iterated).
    by_id: HashMap<String, usize>,
    /// Direct dependents by position, in spec order.
    dependents: Vec<Vec<usize>>,
}

impl Serialize for CommitmentGraph {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CommitmentGraph", 7)?;
        st.serialize_field("nodes", &self.nodes)?;
        st.serialize_field("edges", &self.edges)?;
        st.serialize_field("phases", &self.phases)?;
        st.serialize_field("critical_path", &self.critical_path)?;
        st.serialize_field("project_end", &self.project_end)?;
        st.serialize_field("has_cycle", &self.has_cycle())?;
        st.serialize_field("cycles", &self.cycles)?;
        st.end()
    }
}

impl CommitmentGraph {
    /// Every commitment, in spec order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every edge, by prerequisite then dependent, in spec order.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The phases, first to last; each lists its commitments in spec order.
    pub fn phases(&self) -> &[Vec<String>] {
        &self.phases
    }

    /// The critical path, from prerequisite to dependent.
    pub fn critical_path(&self) -> &[String] {
        &self.critical_path
    }

    /// Whether `depends_on` has a cycle.
    pub fn has_cycle(&self) -> bool {
        !self.cycles.is_empty()
    }

    /// The cycles: each strongly connected group of commitments (or a
    /// commitment that depends on itself), members in spec order, groups in
    /// the spec order of their first member.
    pub fn cycles(&self) -> &[Vec<String>] {
        &self.cycles
    }

    /// The greatest earliest finish, when a commitment has one.
    pub fn project_end(&self) -> Option<Date> {
        self.project_end
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).and_then(|&i| self.nodes.get(i))
    }

    /// Every commitment a delay to `id` holds up (its transitive
    /// dependents), in spec order; `None` when `id` is not a commitment.
    pub fn held_up(&self, id: &str) -> Option<Vec<&str>> {
        let root = *self.by_id.get(id)?;
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![root];
        let mut found = Vec::new();
        while let Some(i) = stack.pop() {
            for &d in &self.dependents[i] {
                if !seen[d] {
                    seen[d] = true;
                    found.push(d);
                    stack.push(d);
                }
            }
        }
        found.retain(|&d| d != root);
        found.sort_unstable();
        Some(found.iter().map(|&i| self.nodes[i].id.as_str()).collect())
    }

    /// What a delay to `id` holds up; `None` when `id` is not a commitment.
    pub fn impact(&self, id: &str) -> Option<Impact> {
        let root = *self.by_id.get(id)?;
        let n = self.nodes.len();
        // Breadth-first from the root, dependents in spec order: the first
        // chain found to each commitment is a shortest one. `head[v]` is the
        // commitment at distance `CHAIN_MAX / 2 - 1` on the chain to `v` (or
        // `v` itself when nearer), so a long chain is cut without walking
        // it all.
        const UNSEEN: usize = usize::MAX;
        let half = CHAIN_MAX / 2;
        let mut parent = vec![UNSEEN; n];
        let mut distance = vec![0usize; n];
        let mut head = vec![UNSEEN; n];
        let mut order = Vec::new();
        let mut queue = VecDeque::from([root]);
        parent[root] = root;
        head[root] = root;
        while let Some(i) = queue.pop_front() {
            for &d in &self.dependents[i] {
                if parent[d] == UNSEEN {
                    parent[d] = i;
                    distance[d] = distance[i] + 1;
                    head[d] = if distance[d] < half { d } else { head[i] };
                    order.push(d);
                    queue.push_back(d);
                }
            }
        }
        let walk = |from: usize, steps: usize| -> Vec<usize> {
            let mut v = Vec::with_capacity(steps + 1);
            let mut at = from;
            v.push(at);
            for _ in 0..steps {
                at = parent[at];
                v.push(at);
            }
            v.reverse();
            v
        };
        let rank = |i: usize| (self.nodes[i].phase.unwrap_or(usize::MAX), i);
        order.sort_unstable_by_key(|&i| rank(i));
        let held_up = order
            .into_iter()
            .map(|i| {
                let node = &self.nodes[i];
                let dist = distance[i];
                let chain = if dist < CHAIN_MAX {
                    walk(i, dist)
                } else {
                    let mut c = walk(head[i], half - 1);
                    c.extend(walk(i, half - 1));
                    c
                };
                HeldUp {
                    id: node.id.clone(),
                    title: node.title.clone(),
                    due: node.due,
                    slack_days: node.slack_days,
                    phase: node.phase,
                    distance: dist,
                    chain: chain.iter().map(|&c| self.nodes[c].id.clone()).collect(),
                }
            })
            .collect();
        let node = &self.nodes[root];
        Some(Impact {
            id: node.id.clone(),
            title: node.title.clone(),
            due: node.due,
            slack_days: node.slack_days,
            phase: node.phase,
            critical: node.critical,
            held_up,
        })
    }
}

/// Builds the commitment graph of a spec.
pub fn build(spec: &Spec) -> CommitmentGraph {
    // The commitments: the first definition of each ID.
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(spec.commitments.len());
    let mut members: Vec<&Commitment> = Vec::with_capacity(spec.commitments.len());
    for c in &spec.commitments {
        let id = &c.header.id.value;
        if !by_id.contains_key(id) {
            by_id.insert(id.clone(), members.len());
            members.push(c);
        }
    }
    let n = members.len();

    let prerequisites: Vec<Vec<usize>> = members
        .iter()
        .map(|c| {
            let mut ps: Vec<usize> = c
                .depends_on
                .iter()
                .filter_map(|r| by_id.get(&r.name).copied())
                .collect();
            ps.sort_unstable();
            ps.dedup();
            ps
        })
        .collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (to, ps) in prerequisites.iter().enumerate() {
        for &from in ps {
            // `to` grows, so each list stays in spec order.
            dependents[from].push(to);
        }
    }

    let (phase, topo) = levels(&prerequisites, &dependents);
    let (cycles, on_cycle) = cycles(&dependents);

    let cpm = Cpm::run(spec, &members, &prerequisites, &dependents, &topo);
    let on_path = cpm.critical_path(&prerequisites, &dependents, &topo);

    let id = |i: usize| members[i].header.id.value.clone();
    let ids = |v: &[usize]| v.iter().map(|&i| id(i)).collect::<Vec<_>>();

    let mut phases: Vec<Vec<String>> = Vec::new();
    for &i in &topo {
        if let Some(k) = phase[i] {
            if phases.len() < k {
                phases.resize_with(k, Vec::new);
            }
            phases[k - 1].push(id(i));
        }
    }
    // `topo` is level by level, each level in spec order: so are phases.

    let nodes: Vec<Node> = members
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let slack = cpm.slack(i);
            Node {
                id: id(i),
                title: c
                    .header
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
                start: c.start.as_ref().map(|d| d.value),
                due: c.due.as_ref().map(|d| d.value),
                phase: phase[i],
                on_cycle: on_cycle[i],
                duration_days: cpm.duration[i],
                earliest_start: cpm.es[i].map(to_date),
                earliest_finish: cpm.ef(i).map(to_date),
                latest_start: cpm.ls(i).map(to_date),
                latest_finish: cpm.lf[i].map(to_date),
                slack_days: slack,
                critical: slack == Some(0),
                prerequisites: ids(&prerequisites[i]),
                dependents: ids(&dependents[i]),
            }
        })
        .collect();

    let path_next: HashMap<usize, usize> = on_path.windows(2).map(|w| (w[0], w[1])).collect();
    let mut edges = Vec::new();
    for (from, ds) in dependents.iter().enumerate() {
        for &to in ds {
            edges.push(Edge {
                from: id(from),
                to: id(to),
                critical: path_next.get(&from) == Some(&to),
            });
        }
    }

    CommitmentGraph {
        project_end: cpm.end.map(to_date),
        critical_path: ids(&on_path),
        cycles: cycles.iter().map(|c| ids(c)).collect(),
        nodes,
        edges,
        phases,
        by_id,
        dependents,
    }
}

/// Phases by Kahn's algorithm, level by level. Returns each node's phase
/// and the nodes with a phase in topological order (by phase, then spec
/// order).
fn levels(
    prerequisites: &[Vec<usize>],
    dependents: &[Vec<usize>],
) -> (Vec<Option<usize>>, Vec<usize>) {
    let n = prerequisites.len();
    let mut waiting: Vec<usize> = prerequisites.iter().map(Vec::len).collect();
    let mut phase = vec![None; n];
    let mut topo = Vec::with_capacity(n);
    let mut level: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut k = 1;
    while !level.is_empty() {
        let mut next = Vec::new();
        for &i in &level {
            phase[i] = Some(k);
            for &d in &dependents[i] {
                waiting[d] = waiting[d].saturating_sub(1);
                if waiting[d] == 0 {
                    next.push(d);
                }
            }
        }
        topo.append(&mut level);
        next.sort_unstable();
        level = next;
        k += 1;
    }
    (phase, topo)
}

/// The cycles (Kosaraju's algorithm, iterative in petgraph): the strongly
/// connected components with more than one node or a self-loop, sorted.
fn cycles(dependents: &[Vec<usize>]) -> (Vec<Vec<usize>>, Vec<bool>) {
    let n = dependents.len();
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, 0);
    for _ in 0..n {
        g.add_node(());
    }
    for (from, ds) in dependents.iter().enumerate() {
        for &to in ds {
            g.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
        }
    }
    let mut on_cycle = vec![false; n];
    let mut found: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&g)
        .into_iter()
        .map(|scc| {
            let mut v: Vec<usize> = scc.into_iter().map(NodeIndex::index).collect();
            v.sort_unstable();
            v
        })
        .filter(|v| match v.as_slice() {
            [one] => dependents[*one].contains(one),
            _ => true,
        })
        .collect();
    found.sort_unstable();
    for &i in found.iter().flatten() {
        on_cycle[i] = true;
    }
    (found, on_cycle)
}

/// Beyond this many days from 1970 a date no longer fits the calendar
/// arithmetic of [`Day::to_date`]; only absurd input comes near.
const DAY_LIMIT: i64 = 1 << 40;

fn to_date(d: i64) -> Date {
    Day(d.clamp(-DAY_LIMIT, DAY_LIMIT)).to_date()
}

/// The critical path method over the nodes with a phase (see the module
/// documentation). Days are plain `i64`s; the arithmetic saturates.
struct Cpm {
    duration: Vec<Option<i64>>,
    es: Vec<Option<i64>>,
    lf: Vec<Option<i64>>,
    end: Option<i64>,
}

impl Cpm {
    fn run(
        spec: &Spec,
        members: &[&Commitment],
        prerequisites: &[Vec<usize>],
        dependents: &[Vec<usize>],
        topo: &[usize],
    ) -> Cpm {
        let n = members.len();
        let horizon = horizon_start(spec, members);
        let start = |i: usize| members[i].start.as_ref().map(|d| d.value.first_day().0);
        let due = |i: usize| members[i].due.as_ref().map(|d| d.value.last_day().0);

        let mut duration = vec![None; n];
        let mut es: Vec<Option<i64>> = vec![None; n];
        let mut ef: Vec<Option<i64>> = vec![None; n];
        for &i in topo {
            let d = match due(i) {
                None => 0,
                Some(due_day) => {
                    let anchor = start(i)
                        .into_iter()
                        .chain(prerequisites[i].iter().filter_map(|&p| due(p)))
                        .max()
                        .unwrap_or(horizon);
                    due_day.saturating_sub(anchor).max(0)
                }
            };
            let mut e = start(i).unwrap_or(horizon);
            for &p in &prerequisites[i] {
                if let Some(f) = ef[p] {
                    e = e.max(f);
                }
            }
            duration[i] = Some(d);
            es[i] = Some(e);
            ef[i] = Some(e.saturating_add(d));
        }
        let end = topo.iter().filter_map(|&i| ef[i]).max();

        let mut lf: Vec<Option<i64>> = vec![None; n];
        if let Some(end) = end {
            for &i in topo.iter().rev() {
                let mut f = end;
                for &d in &dependents[i] {
                    if let (Some(l), Some(dd)) = (lf[d], duration[d]) {
                        f = f.min(l.saturating_sub(dd));
                    }
                }
                lf[i] = Some(f);
            }
        }
        Cpm {
            duration,
            es,
            lf,
            end,
        }
    }

    fn ef(&self, i: usize) -> Option<i64> {
        Some(self.es[i]?.saturating_add(self.duration[i]?))
    }

    fn ls(&self, i: usize) -> Option<i64> {
        Some(self.lf[i]?.saturating_sub(self.duration[i]?))
    }

    fn slack(&self, i: usize) -> Option<i64> {
        Some(self.lf[i]?.saturating_sub(self.ef(i)?))
    }

    /// The critical path as node positions, prerequisite first.
    fn critical_path(
        &self,
        prerequisites: &[Vec<usize>],
        dependents: &[Vec<usize>],
        topo: &[usize],
    ) -> Vec<usize> {
        let is_sink = |i: usize| dependents[i].iter().all(|&d| self.es[d].is_none());
        // The greatest earliest finish, ties to the first in spec order.
        let best = |candidates: &mut dyn Iterator<Item = usize>| -> Option<usize> {
            let mut best: Option<(i64, usize)> = None;
            for i in candidates {
                if let Some(f) = self.ef(i) {
                    let better = match best {
                        None => true,
                        Some((bf, bi)) => f > bf || (f == bf && i < bi),
                    };
                    if better {
                        best = Some((f, i));
                    }
                }
            }
            best.map(|(_, i)| i)
        };
        let mut path = Vec::new();
        let Some(mut at) = best(&mut topo.iter().copied().filter(|&i| is_sink(i))) else {
            return path;
        };
        path.push(at);
        while let Some(p) = best(&mut prerequisites[at].iter().copied()) {
            if self.slack(p) != Some(0) {
                break;
            }
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }
}

/// The first day of the policy's horizon; without one, the earliest date of
/// the commitments; without any, 1970-01-01.
fn horizon_start(spec: &Spec, members: &[&Commitment]) -> i64 {
    if let Some(h) = spec.policies.iter().find_map(|p| p.horizon.as_ref()) {
        return h.value.start.first_day().0;
    }
    members
        .iter()
        .flat_map(|c| [c.start.as_ref(), c.due.as_ref()])
        .flatten()
        .map(|d| d.value.first_day().0)
        .min()
        .unwrap_or(0)
}
