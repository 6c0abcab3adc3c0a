//! A deterministic generator of large, valid specs for the benchmarks.
//!
//! [`spec`] writes one English spec with `n` commitments, shaped like the
//! shipped ones but bigger: one adopted policy (horizon, budget,
//! `scope { rights: [icrmw.*] }`), `use icrmw` and `use gcm`, about `n/50`
//! agencies, `n/500 + 6` principles, a few stakeholders and pieces of
//! evidence, the commitments and the consultations that cover them.
//!
//! - Commitments are spread over the four stages and over 40 *layers* of
//!   due dates (a quarter of the ten-year horizon each). A commitment
//!   depends on 0–3 commitments of earlier layers, so the dependencies form
//!   a layered DAG and every prerequisite is due strictly before its
//!   dependents (no E0301). By default ([`Deps::Programmes`]) commitments
//!   belong to programmes of about 100 and depend on recent commitments of
//!   their programme, or (15 %) on one of 20 foundational commitments (a
//!   registry, a law); [`Deps::Uniform`] draws prerequisites from any
//!   earlier layer, mostly the last two, which makes the transitive
//!   closure (what the JSON lists as each commitment's `dependents`) grow
//!   quadratically.
//! - Each commitment has 1–3 targets with a baseline, two milestones (half
//!   way and at the due date) and, for most, an observation; directions
//!   are mixed (increase, decrease, maintain) and values agree with them.
//! - Every right of `icrmw`, every stage, principle and agency is used,
//!   and every commitment is covered by a consultation, so the spec
//!   compiles without errors and without warnings.
//!
//! The pseudo-random numbers come from a seeded xorshift: the same `n` and
//! seed give the same bytes on every machine.

#![allow(dead_code)] // each bench uses a part of it

use pacta::ast::Day;
use std::fmt::Write as _;

/// The rights of the ICRMW catalogue (`catalogues/icrmw.toml`).
const RIGHTS: [&str; 27] = [
    "art7", "art8", "art9", "art10", "art11", "art12", "art13", "art14", "art15", "art16", "art17",
    "art18", "art19", "art20", "art21", "art22", "art23", "art24", "art25", "art26", "art27",
    "art28", "art29", "art30", "art31", "art32", "art33",
];

/// A derogable right that some commitments restrict (with a justification).
const RESTRICTED: &str = "art8";

const STAGES: [&str; 4] = ["origin", "transit", "destination", "return"];

const SECTORS: [&str; 8] = [
    "interior",
    "labour",
    "health",
    "education",
    "foreign affairs",
    "justice",
    "social",
    "finance",
];

const STAKEHOLDER_KINDS: [&str; 6] = [
    "civil_society",
    "migrant_organization",
    "private_sector",
    "academia",
    "international",
    "local_government",
];

const EVIDENCE_KINDS: [&str; 4] = ["diagnostic", "research", "statistics", "evaluation"];

const TOPICS: [&str; 12] = [
    "regularisation of migrant workers",
    "access to primary health care",
    "school enrolment of migrant children",
    "consular protection abroad",
    "safe transit corridors",
    "recognition of qualifications",
    "labour inspection for equal pay",
    "reintegration of returnees",
    "fair recruitment licensing",
    "birth registration",
    "access to justice and interpreters",
    "social security portability",
];

/// Layers of due dates (a quarter of the horizon each).
const LAYERS: usize = 40;

/// A tiny xorshift64* generator: deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// How many agencies, principles, stakeholders, evidence items and
/// consultations a spec with `n` commitments has.
pub struct Shape {
    pub commitments: usize,
    pub agencies: usize,
    pub principles: usize,
    pub stakeholders: usize,
    pub evidence: usize,
    pub consultations: usize,
}

/// Commitments covered by one consultation.
const PER_CONSULTATION: usize = 100;

pub fn shape(n: usize) -> Shape {
    Shape {
        commitments: n,
        agencies: (n / 50).max(4),
        principles: n / 500 + 6,
        stakeholders: n / 2000 + 6,
        evidence: n / 200 + 3,
        consultations: n.div_ceil(PER_CONSULTATION).max(1),
    }
}

/// The seed the benchmarks use.
pub const SEED: u64 = 20_250_101;

/// How prerequisites are drawn (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deps {
    /// Within a programme of about 100 commitments, or on one of 20
    /// foundational commitments: a realistic plan.
    Programmes,
    /// From any earlier layer, mostly the last two: a dense web.
    Uniform,
}

/// Commitments per programme, and foundational commitments.
const PER_PROGRAMME: usize = 100;
const FOUNDATIONAL: usize = 20;

impl Deps {
    /// `PACTA_BENCH_DEPS=uniform` picks [`Deps::Uniform`].
    pub fn from_env() -> Deps {
        match std::env::var("PACTA_BENCH_DEPS").as_deref() {
            Ok("uniform") => Deps::Uniform,
            Ok("programmes") | Ok("") | Err(_) => Deps::Programmes,
            Ok(other) => panic!("PACTA_BENCH_DEPS: `{other}`: use programmes or uniform"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Deps::Programmes => "programmes",
            Deps::Uniform => "uniform",
        }
    }
}

/// A valid spec with `n` commitments in programmes (see the module
/// documentation).
pub fn spec(n: usize, seed: u64) -> String {
    spec_with(n, seed, Deps::Programmes)
}

/// A valid spec with `n` commitments whose prerequisites are drawn as
/// `deps` says.
pub fn spec_with(n: usize, seed: u64, deps_mode: Deps) -> String {
    let s = shape(n);
    let mut rng = Rng::new(seed);
    let h0 = Day::from_ymd(2025, 1, 1).0;
    let h1 = Day::from_ymd(2034, 12, 31).0;
    // Due dates run from half a year into the horizon to its end, so every
    // commitment has at least 180 days between its start and its due date.
    let first_due = h0 + 180;
    let layer_len = (h1 - first_due + 1) / LAYERS as i64;
    let date = |d: i64| Day(d).to_date().to_string();

    let mut out = String::with_capacity(n * 1100 + 4096);
    let mut budget_total: i64 = 0;
    let mut body = String::with_capacity(n * 1100);

    // Commitments first (the policy's budget is their sum plus a margin).
    let mut due = Vec::with_capacity(n);
    // The first commitment of each layer.
    let layer_start = |l: usize| l * n / LAYERS;
    for i in 0..n {
        let layer = i * LAYERS / n;
        let window = layer_len;
        let d = first_due + layer as i64 * layer_len + rng.range(0, window - 1);
        due.push(d);
        let start = (d - rng.range(180, 720)).max(h0);
        let restricts = i % 97 == 13;

        if i % 10 == 0 {
            let topic = TOPICS[i % TOPICS.len()];
            let _ = writeln!(
                body,
                "/// Part of the programme on {topic}; see the annual plan."
            );
        }
        let topic = TOPICS[rng.below(TOPICS.len())];
        let _ = writeln!(
            body,
            "commitment C{i} \"{} {}, wave {}\" {{",
            capitalise(topic),
            stage_name(i),
            i / TOPICS.len() + 1
        );

        // Principles: one in turn (so every principle is cited), maybe one more.
        let mut principles = vec![i % s.principles];
        if rng.chance(40) {
            push_new(&mut principles, rng.below(s.principles));
        }
        list(
            &mut body,
            "principles",
            principles.iter().map(|p| format!("P{p}")),
        );

        // Rights: one in turn (every right is covered), up to two more.
        let mut rights = vec![i % RIGHTS.len()];
        for _ in 0..rng.below(3) {
            push_new(&mut rights, rng.below(RIGHTS.len()));
        }
        if restricts {
            rights.retain(|&r| RIGHTS[r] != RESTRICTED);
            if rights.is_empty() {
                rights.push(RIGHTS.len() - 1);
            }
        }
        list(
            &mut body,
            "rights",
            rights.iter().map(|&r| format!("icrmw.{}", RIGHTS[r])),
        );
        if restricts {
            let _ = writeln!(body, "  restricts: [icrmw.{RESTRICTED}]");
            body.push_str("  justification {\n");
            let _ = writeln!(
                body,
                "    legal_basis: \"Migration Act, art. {}\"",
                rng.range(1, 120)
            );
            body.push_str(
                "    necessity: \"Exit checks are needed to detect trafficking at the border.\"\n",
            );
            body.push_str(
                "    proportionality: \"Checks are limited to documents and take minutes.\"\n",
            );
            body.push_str("  }\n");
        }

        // Stages: one in turn, sometimes a second.
        let mut stages = vec![i % STAGES.len()];
        if rng.chance(30) {
            push_new(&mut stages, rng.below(STAGES.len()));
        }
        list(
            &mut body,
            "stages",
            stages.iter().map(|&st| STAGES[st].to_string()),
        );

        // Agencies: every agency leads one of the first commitments.
        let lead = if i < s.agencies {
            i
        } else {
            rng.below(s.agencies)
        };
        let _ = writeln!(body, "  lead: A{lead}");
        let mut support = Vec::new();
        for _ in 0..rng.below(3) {
            let a = rng.below(s.agencies);
            if a != lead {
                push_new(&mut support, a);
            }
        }
        if !support.is_empty() {
            list(
                &mut body,
                "support",
                support.iter().map(|a| format!("A{a}")),
            );
        }

        // Dependencies: 0–3 commitments of earlier layers.
        if layer > 0 {
            let before = layer_start(layer);
            let reach = (2 * n / LAYERS).clamp(1, before);
            let programmes = n.div_ceil(PER_PROGRAMME);
            let mut deps = Vec::new();
            for _ in 0..rng.below(4) {
                let j = match deps_mode {
                    Deps::Uniform if rng.chance(80) => Some(before - 1 - rng.below(reach)),
                    Deps::Uniform => Some(rng.below(before)),
                    Deps::Programmes if rng.chance(85) => {
                        // One of the last three commitments of the same
                        // programme (i mod programmes) before this layer.
                        let r = i % programmes;
                        (before > r).then(|| {
                            let last = r + (before - 1 - r) / programmes * programmes;
                            let back = programmes * rng.below(3);
                            if last >= back {
                                last - back
                            } else {
                                last
                            }
                        })
                    }
                    Deps::Programmes => Some(rng.below(FOUNDATIONAL.min(before))),
                };
                if let Some(j) = j {
                    push_new(&mut deps, j);
                }
            }
            if !deps.is_empty() {
                deps.sort_unstable();
                list(
                    &mut body,
                    "depends_on",
                    deps.iter().map(|j| format!("C{j}")),
                );
            }
        }

        let _ = writeln!(body, "  start: {}", date(start));
        let _ = writeln!(body, "  due: {}", date(d));
        let amount = rng.range(50, 2_000) * 1_000;
        budget_total += amount;
        let _ = writeln!(body, "  budget: {} USD", thousands(amount));
        let observed_by = Day::from_ymd(2026, 6, 30).0;
        let status = if start <= observed_by {
            "in_progress"
        } else {
            "planned"
        };
        let _ = writeln!(body, "  status: {status}");
        let mut aligns = vec![rng.range(1, 23)];
        for _ in 0..rng.below(3) {
            push_new(&mut aligns, rng.range(1, 23));
        }
        list(
            &mut body,
            "aligns",
            aligns.iter().map(|o| format!("gcm.o{o}")),
        );
        if rng.chance(50) {
            let _ = writeln!(body, "  evidence: [E{}]", rng.below(s.evidence));
        }

        for t in 0..1 + rng.below(3) {
            target(&mut body, &mut rng, i, t, start, d);
        }
        body.push_str("}\n\n");
    }

    // The header: catalogues and the policy.
    out.push_str("// Generated by benches/gen: a large spec for the benchmarks.\n\n");
    out.push_str("use icrmw\nuse gcm\n\n");
    out.push_str("policy BENCH \"National Migration Policy 2025–2034 (benchmark)\" {\n");
    out.push_str("  jurisdiction: \"XB\"\n  version: \"1.0\"\n  status: adopted\n");
    out.push_str("  language: en\n  horizon: 2025-01-01 .. 2034-12-31\n");
    let _ = writeln!(
        out,
        "  budget: {} USD",
        thousands((budget_total + budget_total / 10) / 1_000_000 * 1_000_000 + 1_000_000)
    );
    out.push_str("  scope { rights: [icrmw.*] }\n}\n\n");

    for a in 0..s.agencies {
        let sector = SECTORS[a % SECTORS.len()];
        let _ = write!(
            out,
            "agency A{a} \"Directorate {a} of {}\" {{ sector: \"{sector}\"",
            capitalise(sector)
        );
        if a >= SECTORS.len() {
            let _ = write!(out, "; parent: A{}", a % SECTORS.len());
        }
        out.push_str(" }\n");
    }
    out.push('\n');
    for p in 0..s.principles {
        let _ = writeln!(out, "/// Principle {p} of the policy.");
        let _ = writeln!(out, "principle P{p} \"Guiding principle {p}\" {{");
        let _ = writeln!(
            out,
            "  description: \"Migrants are rights-holders in every procedure of area {p}.\""
        );
        let _ = writeln!(
            out,
            "  grounds: [gcm.p{}, gcm.p{}]\n}}",
            p % 10 + 1,
            (p + 3) % 10 + 1
        );
    }
    out.push('\n');
    for k in 0..s.stakeholders {
        let _ = writeln!(
            out,
            "stakeholder S{k} \"Stakeholder organisation {k}\" {{ kind: {} }}",
            STAKEHOLDER_KINDS[k % STAKEHOLDER_KINDS.len()]
        );
    }
    out.push('\n');
    for e in 0..s.evidence {
        let _ = writeln!(
            out,
            "evidence E{e} \"Study {e} on migration\" {{ kind: {}; year: {}; url: \"https://example.org/studies/{e}\" }}",
            EVIDENCE_KINDS[e % EVIDENCE_KINDS.len()],
            2018 + e % 7
        );
    }
    out.push('\n');
    out.push_str(&body);

    for k in 0..s.consultations {
        let _ = writeln!(out, "consultation K{k} \"Consultation round {k}\" {{");
        let _ = writeln!(
            out,
            "  date: {}",
            date(Day::from_ymd(2024, 3, 1).0 + (k % 250) as i64)
        );
        let mut participants = Vec::new();
        for _ in 0..3 {
            push_new(&mut participants, format!("A{}", rng.below(s.agencies)));
        }
        participants.push(format!("S{}", k % s.stakeholders));
        participants.push(format!("S{}", (k + 1) % s.stakeholders));
        list(&mut out, "participants", participants.into_iter());
        let lo = k * PER_CONSULTATION;
        let hi = ((k + 1) * PER_CONSULTATION).min(n);
        let covers = (lo..hi)
            .map(|c| format!("C{c}"))
            .chain(std::iter::once(format!("P{}", k % s.principles)));
        list(&mut out, "covers", covers);
        out.push_str("  outcome: \"Agreement on the commitments discussed.\"\n}\n\n");
    }
    out
}

/// One target of commitment `i`: a baseline in 2024, a milestone half way
/// from `start` to `due` and one at `due`, and usually an observation.
fn target(out: &mut String, rng: &mut Rng, i: usize, t: usize, start: i64, due: i64) {
    let percent = rng.chance(35);
    // 0 increase, 1 decrease, 2 maintain.
    let direction = match rng.below(10) {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    };
    let (b, m1, m2) = match (percent, direction) {
        (true, 0) => {
            let b = rng.range(10, 40);
            let m1 = b + rng.range(5, 20);
            (b, m1, m1 + rng.range(5, 20))
        }
        (true, 1) => {
            let b = rng.range(40, 80);
            let m1 = b - rng.range(5, 15);
            (b, m1, m1 - rng.range(5, 15))
        }
        (false, 0) => {
            let b = rng.range(100, 50_000);
            let m1 = b + rng.range(10, 20_000);
            (b, m1, m1 + rng.range(10, 20_000))
        }
        (false, 1) => {
            let b = rng.range(20_000, 50_000);
            let m1 = b - rng.range(10, 9_000);
            (b, m1, m1 - rng.range(10, 9_000))
        }
        (true, _) => {
            let b = rng.range(50, 95);
            (b, b, b)
        }
        (false, _) => {
            let b = rng.range(100, 50_000);
            (b, b, b)
        }
    };
    let q = |v: i64| {
        if percent {
            format!("{v}%")
        } else {
            thousands(v)
        }
    };
    let date = |d: i64| Day(d).to_date().to_string();
    let _ = writeln!(
        out,
        "\n  target T{i}_{t} \"Target {t} of commitment {i}\" {{"
    );
    let _ = writeln!(
        out,
        "    indicator: \"Indicator {i}.{t}: people reached by commitment C{i}\""
    );
    let _ = writeln!(
        out,
        "    unit: \"{}\"",
        if percent { "%" } else { "persons" }
    );
    let _ = writeln!(out, "    baseline: {} in 2024", q(b));
    let _ = writeln!(
        out,
        "    value: {} by {}",
        q(m1),
        date(start + (due - start) / 2)
    );
    let _ = writeln!(out, "    value: {} by {}", q(m2), date(due));
    let _ = writeln!(
        out,
        "    direction: {}",
        ["increase", "decrease", "maintain"][direction]
    );
    let _ = writeln!(
        out,
        "    source: \"Administrative records of the lead agency\""
    );
    if rng.chance(70) {
        // Somewhere between the baseline and the first milestone, some
        // behind and some ahead.
        let on = Day::from_ymd(2025, 3, 31).0 + rng.range(0, 456);
        let v = if m1 == b {
            b + rng.range(-(b / 20), b / 20)
        } else {
            b + (m1 - b) * rng.range(0, 120) / 100
        };
        let v = if percent { v.clamp(0, 100) } else { v.max(0) };
        let _ = writeln!(out, "    observed: {} on {}", q(v), date(on));
    }
    out.push_str("  }\n");
}

fn stage_name(i: usize) -> &'static str {
    ["in origin", "in transit", "at destination", "on return"][i % 4]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `1234567` → `1_234_567`.
fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    if v < 0 {
        out.push('-');
    }
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push('_');
        }
        out.push(ch);
    }
    out
}

fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn list(out: &mut String, field: &str, items: impl Iterator<Item = String>) {
    let _ = write!(out, "  {field}: [");
    for (k, item) in items.enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&item);
    }
    out.push_str("]\n");
}
