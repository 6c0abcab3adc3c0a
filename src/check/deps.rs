//! The order of commitments: cycles in `depends_on` (E0300) and due dates
//! that come before a prerequisite's (E0301).

use super::Cx;
use crate::ast::{Commitment, Ref};
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::tr;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, VecDeque};

/// The `depends_on` graph of the commitments that own their ID. Node `i` is
/// the `i`-th such commitment in source order; an edge runs from a
/// commitment to each commitment its `depends_on` names (unresolved names
/// are left out).
struct Deps<'a> {
    nodes: Vec<&'a Commitment>,
    /// For each node, its prerequisites in the order of its `depends_on`,
    /// with the entry that names each.
    edges: Vec<Vec<(usize, &'a Ref)>>,
    /// For each node, the number of its strongly connected component when
    /// that component holds a cycle.
    cyclic: Vec<Option<usize>>,
    /// The components that hold a cycle, each in source order.
    cycles: Vec<Vec<usize>>,
}

impl<'a> Deps<'a> {
    fn new(cx: &Cx<'a>) -> Deps<'a> {
        let nodes: Vec<&Commitment> = cx.commitments().collect();
        let position: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.header.id.value.as_str(), i))
            .collect();
        let edges: Vec<Vec<(usize, &Ref)>> = nodes
            .iter()
            .map(|c| {
                c.depends_on
                    .iter()
                    .filter_map(|r| position.get(r.name.as_str()).map(|&to| (to, r)))
                    .collect()
            })
            .collect();

        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(nodes.len(), 0);
        let ix: Vec<NodeIndex> = nodes.iter().map(|_| graph.add_node(())).collect();
        for (from, out) in edges.iter().enumerate() {
            for &(to, _) in out {
                graph.add_edge(ix[from], ix[to], ());
            }
        }
        let mut cyclic = vec![None; nodes.len()];
        let mut cycles = Vec::new();
        for scc in tarjan_scc(&graph) {
            let mut members: Vec<usize> = scc.iter().map(|n| n.index()).collect();
            members.sort_unstable();
            let has_cycle = match members.as_slice() {
                [one] => edges[*one].iter().any(|&(to, _)| to == *one),
                _ => true,
            };
            if has_cycle {
                for &m in &members {
                    cyclic[m] = Some(cycles.len());
                }
                cycles.push(members);
            }
        }
        Deps {
            nodes,
            edges,
            cyclic,
            cycles,
        }
    }

    /// One cycle through the first member of a cyclic component: the
    /// shortest one, found breadth-first following each `depends_on` list in
    /// order. Gives the edges `(from, to, entry)` in the order of the cycle.
    fn walk(&self, component: usize) -> Vec<(usize, usize, &'a Ref)> {
        let Some(&start) = self.cycles.get(component).and_then(|c| c.first()) else {
            return Vec::new();
        };
        let mut came_from: HashMap<usize, (usize, &Ref)> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for &(to, entry) in &self.edges[node] {
                if self.cyclic[to] != Some(component) {
                    continue;
                }
                if to == start {
                    // Closed: walk back to the start.
                    let mut path = vec![(node, to, entry)];
                    let mut at = node;
                    while at != start {
                        let Some(&(prev, e)) = came_from.get(&at) else {
                            return Vec::new();
                        };
                        path.push((prev, at, e));
                        at = prev;
                    }
                    path.reverse();
                    return path;
                }
                if let std::collections::hash_map::Entry::Vacant(v) = came_from.entry(to) {
                    v.insert((node, entry));
                    queue.push_back(to);
                }
            }
        }
        Vec::new()
    }

    fn id(&self, node: usize) -> &'a str {
        self.nodes[node].header.id.value.as_str()
    }
}

/// Reports E0300: a cycle in `depends_on`.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0300.md")]
pub(super) fn cycle(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let deps = Deps::new(cx);
    for component in 0..deps.cycles.len() {
        let path = deps.walk(component);
        let Some(&(first, _, _)) = path.first() else {
            continue;
        };
        let mut names: Vec<String> = path
            .iter()
            .map(|&(from, _, _)| format!("`{}`", deps.id(from)))
            .collect();
        names.push(format!("`{}`", deps.id(first)));
        let chain = names.join(" → ");
        let mut d = Diagnostic::new(
            Code::E0300,
            tr!(
                "cycle in `depends_on`: {chain}",
                "ciclo en `depende_de`: {chain}"
            ),
        );
        for (i, &(from, to, entry)) in path.iter().enumerate() {
            let (a, b) = (deps.id(from), deps.id(to));
            let label = if from == to {
                tr!("`{a}` depends on itself", "`{a}` depende de sí mismo")
            } else {
                tr!("`{a}` depends on `{b}`", "`{a}` depende de `{b}`")
            };
            d = if i == 0 {
                d.primary(entry.span, label)
            } else {
                d.secondary(entry.span, label)
            };
        }
        d = if path.len() == 1 {
            let a = deps.id(first);
            d.help(tr!(
                "remove `{a}` from its own `depends_on`: a commitment cannot wait for itself",
                "quite `{a}` de su propio `depende_de`: un compromiso no puede esperarse a sí mismo"
            ))
        } else {
            d.help(tr!(
                "remove one of these dependencies: commitments that wait for each other can never start",
                "quite una de estas dependencias: compromisos que se esperan entre sí nunca pueden empezar"
            ))
        };
        out.push(d);
    }
}

/// Reports E0301: a commitment due before one of its prerequisites is due.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0301.md")]
pub(super) fn due_before_prerequisite(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let deps = Deps::new(cx);
    for (node, commitment) in deps.nodes.iter().enumerate() {
        let Some(due) = &commitment.due else {
            continue;
        };
        let mut seen = Vec::new();
        for &(pre, entry) in &deps.edges[node] {
            if seen.contains(&pre) {
                continue;
            }
            seen.push(pre);
            // Inside a cycle no order can be right: E0300 says so.
            if deps.cyclic[node].is_some() && deps.cyclic[node] == deps.cyclic[pre] {
                continue;
            }
            let Some(pre_due) = &deps.nodes[pre].due else {
                continue;
            };
            if due.value.last_day() >= pre_due.value.last_day() {
                continue;
            }
            let (a, b) = (deps.id(node), deps.id(pre));
            let (mine, theirs) = (due.value, pre_due.value);
            let earliest = pre_due.value.last_day().to_date();
            out.push(
                Diagnostic::new(
                    Code::E0301,
                    tr!(
                        "`{a}` is due before `{b}`, which it depends on",
                        "el plazo de `{a}` vence antes que el de `{b}`, del que depende"
                    ),
                )
                .primary(
                    due.span,
                    tr!("`{a}` is due {mine}", "`{a}` vence en {mine}"),
                )
                .secondary(
                    pre_due.span,
                    tr!(
                        "the prerequisite `{b}` is due {theirs}",
                        "el requisito `{b}` vence en {theirs}"
                    ),
                )
                .secondary(
                    entry.span,
                    tr!("`{a}` depends on `{b}`", "`{a}` depende de `{b}`"),
                )
                .help(tr!(
                    "move the due date of `{a}` to on or after {earliest}, or bring `{b}` forward",
                    "mueva el plazo de `{a}` al {earliest} o después, o adelante `{b}`"
                )),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::tests::{only, spec, underlined, with_years};
    use super::super::{check, Cx};
    use crate::ast::{Commitment, Date, Header, Ref, Spanned, Spec};
    use crate::diagnostic::Code;
    use crate::lang::ItemKind;
    use crate::source::{FileId, Span};
    use proptest::prelude::*;

    /// A spec of commitments `C0`, `C1`, … with only their dependencies.
    fn graph(text: &str) -> String {
        let mut s = String::from("policy P \"P\" { horizon: 2025 .. 2030 }\nagency A \"A\"\n");
        s.push_str(text);
        s
    }

    #[test]
    fn a_cycle_is_named_in_order_from_the_first_commitment() {
        let text = graph(
            r#"
commitment C2 "c" { lead: A  due: 2026-12-31  depends_on: [C3] }
commitment C1 "c" { lead: A  due: 2026-12-31  depends_on: [C4, C2] }
commitment C3 "c" { lead: A  due: 2026-12-31  depends_on: [C1] }
commitment C4 "c" { lead: A  due: 2026-12-31 }
"#,
        );
        let ds = only(&text, Code::E0300);
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(
            d.message.en,
            "cycle in `depends_on`: `C2` → `C3` → `C1` → `C2`"
        );
        assert_eq!(
            d.message.es,
            "ciclo en `depende_de`: `C2` → `C3` → `C1` → `C2`"
        );
        assert_eq!(underlined(&text, d), ["C3", "C1", "C2"]);
        let labels: Vec<_> = d
            .labels
            .iter()
            .map(|l| l.message.clone().unwrap().en)
            .collect();
        assert_eq!(
            labels,
            [
                "`C2` depends on `C3`",
                "`C3` depends on `C1`",
                "`C1` depends on `C2`"
            ]
        );
        assert!(d.labels[0].primary && !d.labels[1].primary);
    }

    #[test]
    fn the_shortest_cycle_through_the_first_member_is_shown() {
        // C1 → C2 → C3 → C1 and C1 → C3 → C1: the second is shorter.
        let text = graph(
            r#"
commitment C1 "c" { lead: A  due: 2026-12-31  depends_on: [C2, C3] }
commitment C2 "c" { lead: A  due: 2026-12-31  depends_on: [C3] }
commitment C3 "c" { lead: A  due: 2026-12-31  depends_on: [C1] }
"#,
        );
        let ds = only(&text, Code::E0300);
        assert_eq!(ds.len(), 1, "one component, one report");
        assert_eq!(
            ds[0].message.en,
            "cycle in `depends_on`: `C1` → `C3` → `C1`"
        );
    }

    #[test]
    fn each_component_and_each_self_loop_is_reported_once() {
        let text = graph(
            r#"
commitment C1 "c" { lead: A  due: 2026-12-31  depends_on: [C1] }
commitment C2 "c" { lead: A  due: 2026-12-31  depends_on: [C3] }
commitment C3 "c" { lead: A  due: 2026-12-31  depends_on: [C2, C2] }
commitment C4 "c" { lead: A  due: 2026-12-31  depends_on: [C3, C9] }
"#,
        );
        let ds = only(&text, Code::E0300);
        let messages: Vec<_> = ds.iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(
            messages,
            [
                "cycle in `depends_on`: `C1` → `C1`",
                "cycle in `depends_on`: `C2` → `C3` → `C2`"
            ]
        );
        assert_eq!(ds[0].labels.len(), 1);
        assert!(ds[0].help.as_ref().unwrap().en.contains("its own"));
    }

    #[test]
    fn a_duplicate_commitment_adds_no_edges() {
        let text = graph(
            r#"
commitment C1 "c" { lead: A  due: 2026-12-31 }
commitment C2 "c" { lead: A  due: 2026-12-31  depends_on: [C1] }
commitment C1 "c" { lead: A  due: 2026-12-31  depends_on: [C2] }
"#,
        );
        assert!(only(&text, Code::E0300).is_empty());
    }

    #[test]
    fn due_before_a_prerequisite_with_years_as_their_last_day() {
        // C1 and C3 are due "2026", that is on 2026-12-31.
        let text = graph(
            r#"
commitment C1 "c" { lead: A  due: 2026-01-01 }
commitment C2 "c" { lead: A  due: 2026-06-30  depends_on: [C1] }
commitment C3 "c" { lead: A  due: 2026-01-01  depends_on: [C1] }
commitment C4 "c" { lead: A  due: 2026-12-31  depends_on: [C1, C1] }
"#,
        );
        let ds: Vec<_> = check(&with_years(&text, &["C1", "C3"]))
            .into_iter()
            .filter(|d| d.code == Code::E0301)
            .collect();
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(d.message.en, "`C2` is due before `C1`, which it depends on");
        assert_eq!(
            d.message.es,
            "el plazo de `C2` vence antes que el de `C1`, del que depende"
        );
        assert_eq!(underlined(&text, d), ["2026-06-30", "2026-01-01", "C1"]);
        assert_eq!(
            d.labels[1].message.as_ref().unwrap().en,
            "the prerequisite `C1` is due 2026"
        );
        assert_eq!(
            d.help.as_ref().unwrap().en,
            "move the due date of `C2` to on or after 2026-12-31, or bring `C1` forward"
        );
    }

    #[test]
    fn no_due_date_order_inside_a_cycle() {
        let text = graph(
            r#"
commitment C1 "c" { lead: A  due: 2027-12-31  depends_on: [C2] }
commitment C2 "c" { lead: A  due: 2026-12-31  depends_on: [C1] }
commitment C3 "c" { lead: A  due: 2025-12-31  depends_on: [C1] }
"#,
        );
        let codes: Vec<_> = check(&spec(&text)).iter().map(|d| d.code).collect();
        assert_eq!(codes.iter().filter(|c| **c == Code::E0300).count(), 1);
        // C3 is outside the cycle: its order is still checked.
        let ds = only(&text, Code::E0301);
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.en.starts_with("`C3`"));
    }

    // -- property: E0300 iff the graph has a cycle -------------------------

    fn span(n: usize) -> Span {
        Span::new(FileId(0), n, n + 1)
    }

    fn commitment(i: usize, deps: &[usize]) -> Commitment {
        Commitment {
            header: Header {
                kind: ItemKind::Commitment,
                id: Spanned::new(format!("C{i}"), span(i * 100)),
                title: None,
                doc: None,
                keyword: span(i * 100),
                span: span(i * 100),
            },
            principles: vec![],
            rights: vec![],
            restricts: vec![],
            justification: None,
            stages: vec![],
            lead: None,
            support: vec![],
            depends_on: deps
                .iter()
                .enumerate()
                .map(|(k, d)| Ref {
                    name: format!("C{d}"),
                    span: span(i * 100 + 10 + k),
                })
                .collect(),
            start: None,
            due: Some(Spanned::new(Date::year(2026), span(i * 100 + 5))),
            budget: None,
            status: None,
            aligns: vec![],
            evidence: vec![],
            targets: vec![],
        }
    }

    /// Kahn's algorithm: does the graph have a cycle?
    fn has_cycle(n: usize, adj: &[Vec<usize>]) -> bool {
        let mut indegree = vec![0; n];
        for out in adj {
            for &to in out {
                indegree[to] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        let mut done = 0;
        while let Some(i) = ready.pop() {
            done += 1;
            for &to in &adj[i] {
                indegree[to] -= 1;
                if indegree[to] == 0 {
                    ready.push(to);
                }
            }
        }
        done < n
    }

    fn arb_graph() -> impl Strategy<Value = (usize, Vec<Vec<usize>>)> {
        (1usize..9).prop_flat_map(|n| {
            (
                Just(n),
                proptest::collection::vec(proptest::collection::vec(0..n, 0..4), n),
            )
        })
    }

    proptest! {
        #[test]
        fn e0300_iff_the_graph_has_a_cycle((n, adj) in arb_graph()) {
            let spec = Spec {
                commitments: (0..n).map(|i| commitment(i, &adj[i])).collect(),
                ..Spec::default()
            };
            let diags = check(&spec);
            let cycles: Vec<_> = diags.iter().filter(|d| d.code == Code::E0300).collect();
            prop_assert_eq!(!cycles.is_empty(), has_cycle(n, &adj));

            // One report per cyclic component, and each shows a real cycle:
            // its labels are depends_on entries, in a chain that closes.
            let cx = Cx::new(&spec);
            let deps = super::Deps::new(&cx);
            prop_assert_eq!(cycles.len(), deps.cycles.len());
            for c in 0..deps.cycles.len() {
                let path = deps.walk(c);
                prop_assert!(!path.is_empty());
                for w in path.windows(2) {
                    prop_assert_eq!(w[0].1, w[1].0);
                }
                prop_assert_eq!(path.first().map(|e| e.0), path.last().map(|e| e.1));
                for &(from, to, _) in &path {
                    prop_assert!(adj[from].contains(&to));
                }
            }
        }
    }
}
