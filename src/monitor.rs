//! Monitoring: how far each target has come, as of a date.
//!
//! [`status`] is pure: it reads a [`Spec`] and a date and returns a
//! [`Monitoring`] value (serializable, for JSON and dashboards) that
//! [`render_table`] prints for `pacta status FILE [--as-of DATE]`.
//!
//! # Rules
//!
//! Dates are compared as days. The *as-of day* is the last day `as_of`
//! covers (`--as-of 2026` means 2026-12-31). A baseline counts from the
//! first day its date covers (`baseline: 12_000 in 2024` → 2024-01-01); a
//! milestone and an observation from the last day (`value: 60_000 by 2026`
//! → 2026-12-31; an observation `on 2025` is known on 2025-12-31).
//!
//! A target needs a baseline and at least one milestone; without them its
//! status is `unknown`, with the reason. Otherwise:
//!
//! 1. **Milestones** are taken in date order (a stable sort: equal dates
//!    keep the order written).
//! 2. **Direction**: as written, or inferred from the baseline to the last
//!    milestone: up → `increase`, down → `decrease`, level → `maintain`.
//! 3. **Next milestone**: the first milestone whose day is on or after the
//!    as-of day; when all are past, the last milestone.
//! 4. **Segment**: progress and expectation are measured on the segment
//!    that ends at the next milestone. It starts at the previous milestone
//!    (its value and its day) when there is one, since that milestone is
//!    already due; otherwise at the baseline (its value and first day).
//! 5. **Latest observation**: the observation with the latest day on or
//!    before the as-of day (on equal days, the one written last). Later
//!    observations are ignored.
//! 6. **Progress** `p = (observed − start) / (milestone − start)` on the
//!    segment, at least 0 and with no upper bound (1.0 = milestone reached;
//!    the signs cancel for `decrease` targets). `None` without an
//!    observation, or when the segment is flat (start = milestone).
//! 7. **Expected progress** `e = (as-of day − start day) / (milestone day −
//!    start day)`, clamped to [0, 1] (when the milestone day is not after
//!    the start day, `e` is 1 once the milestone is due and 0 before).
//!    Not reported for `maintain` targets.
//! 8. **Status**, the first rule that applies:
//!    - `not_started`: the as-of day is before the baseline day, or there
//!      is no observation yet;
//!    - `maintain` targets: `on_track` when the observation is within 5% of
//!      the baseline value (`|o − b| ≤ 0.05 |b|`), `off_track` otherwise
//!      (a `maintain` target is never `achieved`);
//!    - `achieved`: the observation reaches or passes the *last*
//!      milestone's value in the target's direction (≥ for `increase`, ≤
//!      for `decrease`), whatever the date;
//!    - a flat segment (a plateau between two equal milestones) is judged
//!      like `maintain`: `on_track` when the observation reaches the
//!      milestone value in the direction or is within 5% of it,
//!      `off_track` otherwise;
//!    - otherwise, with the tolerances [`ON_TRACK_TOLERANCE`] (10 points)
//!      and [`AT_RISK_TOLERANCE`] (25 points): `on_track` when `p ≥ 1` or
//!      `p ≥ e − 0.10`; `at_risk` when `p ≥ e − 0.25`; `off_track` below.
//!      Comparisons allow 1e-9 for rounding, so a boundary counts as met.
//!
//! Example: baseline 100 in 2024 (2024-01-01), milestone 200 by 2025-12-31
//! (730 days later); as of 2024-12-31 (365 days: e = 0.50) an observation
//! of 140 gives p = 0.40 ≥ 0.50 − 0.10: `on_track`; 130 (p = 0.30) is
//! `at_risk`; 120 (p = 0.20 < 0.25) is `off_track`.
//!
//! **Roll-ups.** A commitment's status is the worst status of its targets,
//! from worst to best: `off_track`, `at_risk`, `unknown`, `not_started`,
//! `on_track`, `achieved`; a commitment without targets is `unknown`. An
//! agency's status is the worst status of the commitments it leads
//! (`unknown` when it leads none), with counts per status of those
//! commitments and of their targets. Everything is in spec order.
//!
//! `progress` and `expected` are serialized rounded to four decimals.

mod render;
#[cfg(test)]
mod tests;

pub use render::render_table;

use crate::ast::{Commitment, Date, Day, Direction, Measure, Spec, Target};
use crate::coverage::serialize_opt_text;
use crate::diagnostic::{Lang, Text};
use crate::tr;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How far below the expected progress a target may be and still be on
/// track (10 percentage points).
pub const ON_TRACK_TOLERANCE: f64 = 0.10;
/// How far below the expected progress a target may be and be at risk
/// rather than off track (25 percentage points).
pub const AT_RISK_TOLERANCE: f64 = 0.25;
/// How far (relative) an observation may stray from the level a `maintain`
/// target or a flat segment holds (5%).
pub const MAINTAIN_TOLERANCE: f64 = 0.05;
/// Allowance for floating-point rounding in the comparisons.
const EPSILON: f64 = 1e-9;

/// The progress of a target (or the worst of several).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Achieved,
    Unknown,
}

impl Status {
    /// Every status, from best to worst.
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NotStarted,
        Status::Unknown,
        Status::AtRisk,
        Status::OffTrack,
    ];

    /// How bad the status is: higher is worse.
    pub fn severity(self) -> u8 {
        match self {
            Status::Achieved => 0,
            Status::OnTrack => 1,
            Status::NotStarted => 2,
            Status::Unknown => 3,
            Status::AtRisk => 4,
            Status::OffTrack => 5,
        }
    }

    /// The machine name: `on_track`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Achieved => "achieved",
            Status::Unknown => "unknown",
        }
    }

    /// The status in words for people: `on track` / `en camino`.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::NotStarted, Lang::En) => "not started",
            (Status::NotStarted, Lang::Es) => "no iniciada",
            (Status::OnTrack, Lang::En) => "on track",
            (Status::OnTrack, Lang::Es) => "en camino",
            (Status::AtRisk, Lang::En) => "at risk",
            (Status::AtRisk, Lang::Es) => "en riesgo",
            (Status::OffTrack, Lang::En) => "off track",
            (Status::OffTrack, Lang::Es) => "desviada",
            (Status::Achieved, Lang::En) => "achieved",
            (Status::Achieved, Lang::Es) => "lograda",
            (Status::Unknown, Lang::En) => "unknown",
            (Status::Unknown, Lang::Es) => "indeterminada",
        }
    }

    /// The status in words for several targets: `desviadas` (the same
    /// as [`Status::word`] in English).
    pub fn plural(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::NotStarted, Lang::Es) => "no iniciadas",
            (Status::OffTrack, Lang::Es) => "desviadas",
            (Status::Achieved, Lang::Es) => "logradas",
            (Status::Unknown, Lang::Es) => "indeterminadas",
            _ => self.word(lang),
        }
    }

    /// The worst of some statuses; `unknown` when there are none.
    pub fn worst(statuses: impl IntoIterator<Item = Status>) -> Status {
        statuses
            .into_iter()
            .max_by_key(|s| s.severity())
            .unwrap_or(Status::Unknown)
    }
}

/// How many targets (or commitments) have each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub not_started: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub achieved: usize,
    pub unknown: usize,
}

impl Counts {
    pub fn add(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    fn slot(&mut self, status: Status) -> &mut usize {
        match status {
            Status::NotStarted => &mut self.not_started,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::OffTrack => &mut self.off_track,
            Status::Achieved => &mut self.achieved,
            Status::Unknown => &mut self.unknown,
        }
    }

    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::NotStarted => self.not_started,
            Status::OnTrack => self.on_track,
            Status::AtRisk => self.at_risk,
            Status::OffTrack => self.off_track,
            Status::Achieved => self.achieved,
            Status::Unknown => self.unknown,
        }
    }

    pub fn total(&self) -> usize {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    fn merge(&mut self, other: &Counts) {
        for s in Status::ALL {
            *self.slot(s) += other.get(s);
        }
    }
}

/// A value of a target at a date: a baseline, a milestone or an
/// observation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    pub value: f64,
    /// The number as written (`12_000`).
    pub text: String,
    pub percent: bool,
    pub date: Date,
}

impl Point {
    fn of(m: &Measure) -> Point {
        Point {
            value: m.quantity.value.number.value,
            text: m.quantity.value.number.text.clone(),
            percent: m.quantity.value.percent,
            date: m.date.value,
        }
    }

    /// `12_000`, or `85%`.
    pub fn display(&self) -> String {
        if self.percent {
            format!("{}%", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The progress of one target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetProgress {
    pub id: String,
    pub title: Option<String>,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    /// The direction, as written or inferred; `None` when unknown.
    pub direction: Option<Direction>,
    /// Whether the direction was inferred from the baseline and the last
    /// milestone.
    pub direction_inferred: bool,
    pub baseline: Option<Point>,
    /// Where the segment being measured starts: the baseline, or the
    /// previous milestone once it is due.
    pub segment_start: Option<Point>,
    pub next_milestone: Option<Point>,
    pub last_milestone: Option<Point>,
    /// The latest observation on or before the as-of day.
    pub latest: Option<Point>,
    /// Progress on the segment (1.0 = next milestone reached).
    pub progress: Option<f64>,
    /// Progress expected by the as-of day on the segment, in [0, 1].
    pub expected: Option<f64>,
    pub status: Status,
    /// Why the status is `unknown` or `not_started`.
    #[serde(serialize_with = "serialize_opt_text")]
    pub reason: Option<Text>,
}

/// The progress of one commitment: its targets and their worst status.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentProgress {
    pub id: String,
    pub title: Option<String>,
    pub lead: Option<String>,
    /// The worst status of the targets; `unknown` without targets.
    pub status: Status,
    /// Targets per status.
    pub counts: Counts,
    pub targets: Vec<TargetProgress>,
}

/// The progress of the commitments an agency leads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgencyProgress {
    pub id: String,
    pub title: Option<String>,
    /// The commitments the agency leads, in spec order.
    pub leads: Vec<String>,
    /// The worst status of those commitments; `unknown` when it leads none.
    pub status: Status,
    /// Those commitments per status.
    pub commitments: Counts,
    /// Their targets per status.
    pub targets: Counts,
}

/// Target progress as of a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Monitoring {
    pub as_of: Date,
    /// All targets per status.
    pub totals: Counts,
    pub commitments: Vec<CommitmentProgress>,
    pub agencies: Vec<AgencyProgress>,
}

/// Computes the progress of every target as of `as_of` (see the module
/// documentation for the rules).
pub fn status(spec: &Spec, as_of: Date) -> Monitoring {
    let day = as_of.last_day();
    let commitments: Vec<CommitmentProgress> = spec
        .commitments
        .iter()
        .map(|c| commitment_progress(c, day))
        .collect();

    let mut totals = Counts::default();
    for c in &commitments {
        totals.merge(&c.counts);
    }

    // The commitments each agency leads, in spec order, gathered in one
    // pass (a scan of every commitment per agency is quadratic).
    let mut by_lead: HashMap<&str, Vec<&CommitmentProgress>> = HashMap::new();
    for c in &commitments {
        if let Some(lead) = &c.lead {
            by_lead.entry(lead.as_str()).or_default().push(c);
        }
    }

    let mut seen: HashSet<&str> = HashSet::new();
    let agencies: Vec<AgencyProgress> = spec
        .agencies
        .iter()
        .filter(|a| seen.insert(a.header.id.value.as_str()))
        .map(|a| {
            let id = &a.header.id.value;
            let led: Vec<&CommitmentProgress> =
                by_lead.get(id.as_str()).cloned().unwrap_or_default();
            let mut by_commitment = Counts::default();
            let mut by_target = Counts::default();
            for c in &led {
                by_commitment.add(c.status);
                by_target.merge(&c.counts);
            }
            AgencyProgress {
                id: id.clone(),
                title: a.header.title.as_ref().map(|t| t.value.clone()),
                leads: led.iter().map(|c| c.id.clone()).collect(),
                status: Status::worst(led.iter().map(|c| c.status)),
                commitments: by_commitment,
                targets: by_target,
            }
        })
        .collect();

    Monitoring {
        as_of,
        totals,
        commitments,
        agencies,
    }
}

fn commitment_progress(c: &Commitment, day: Day) -> CommitmentProgress {
    let targets: Vec<TargetProgress> = c.targets.iter().map(|t| target_progress(t, day)).collect();
    let mut counts = Counts::default();
    for t in &targets {
        counts.add(t.status);
    }
    CommitmentProgress {
        id: c.header.id.value.clone(),
        title: c.header.title.as_ref().map(|t| t.value.clone()),
        lead: c.lead.as_ref().map(|l| l.name.clone()),
        status: Status::worst(targets.iter().map(|t| t.status)),
        counts,
        targets,
    }
}

/// Rounds to four decimals, for stable output.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The share of the way from `start` to `end` that `now` is, in [0, 1].
fn interpolate(start: Day, end: Day, now: Day) -> f64 {
    if end <= start {
        return if now >= end { 1.0 } else { 0.0 };
    }
    ((now.0 - start.0) as f64 / (end.0 - start.0) as f64).clamp(0.0, 1.0)
}

/// Has `observed` reached `goal`, moving in `direction`?
fn reached(observed: f64, goal: f64, direction: Direction) -> bool {
    match direction {
        Direction::Increase => observed + EPSILON >= goal,
        Direction::Decrease => observed - EPSILON <= goal,
        Direction::Maintain => within(observed, goal),
    }
}

/// Is `observed` within [`MAINTAIN_TOLERANCE`] of `level`?
fn within(observed: f64, level: f64) -> bool {
    (observed - level).abs() <= MAINTAIN_TOLERANCE * level.abs() + EPSILON
}

/// The status from progress `p` and expected progress `e`.
pub fn classify(p: f64, e: f64) -> Status {
    if p + EPSILON >= 1.0 || p + EPSILON >= e - ON_TRACK_TOLERANCE {
        Status::OnTrack
    } else if p + EPSILON >= e - AT_RISK_TOLERANCE {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

fn target_progress(t: &Target, day: Day) -> TargetProgress {
    let mut milestones: Vec<&Measure> = t.values.iter().collect();
    milestones.sort_by_key(|m| m.date.value.last_day());
    let latest = t
        .observed
        .iter()
        .filter(|o| o.date.value.last_day() <= day)
        .max_by_key(|o| o.date.value.last_day());

    let mut out = TargetProgress {
        id: t.header.id.value.clone(),
        title: t.header.title.as_ref().map(|s| s.value.clone()),
        indicator: t.indicator.as_ref().map(|s| s.value.clone()),
        unit: t.unit.as_ref().map(|s| s.value.clone()),
        direction: t.direction.as_ref().map(|d| d.value),
        direction_inferred: false,
        baseline: t.baseline.as_ref().map(Point::of),
        segment_start: None,
        next_milestone: None,
        last_milestone: milestones.last().map(|m| Point::of(m)),
        latest: latest.map(Point::of),
        progress: None,
        expected: None,
        status: Status::Unknown,
        reason: None,
    };

    let (base, last) = match (&t.baseline, milestones.last()) {
        (Some(base), Some(last)) => (base, *last),
        (None, None) => {
            out.reason = Some(tr!(
                "no baseline and no milestone",
                "sin línea de base ni hitos"
            ));
            return out;
        }
        (None, Some(_)) => {
            out.reason = Some(tr!("no baseline", "sin línea de base"));
            return out;
        }
        (Some(_), None) => {
            out.reason = Some(tr!("no milestone", "sin hitos"));
            return out;
        }
    };

    let base_value = base.quantity.value.number.value;
    let last_value = last.quantity.value.number.value;
    let direction = match t.direction.as_ref() {
        Some(d) => d.value,
        None => {
            out.direction_inferred = true;
            match base_value.partial_cmp(&last_value) {
                Some(std::cmp::Ordering::Less) => Direction::Increase,
                Some(std::cmp::Ordering::Greater) => Direction::Decrease,
                _ => Direction::Maintain,
            }
        }
    };
    out.direction = Some(direction);

    // The next milestone and the segment that ends at it.
    let k = milestones
        .iter()
        .position(|m| m.date.value.last_day() >= day)
        .unwrap_or(milestones.len().saturating_sub(1));
    let next = milestones.get(k).copied().unwrap_or(last);
    let previous = k.checked_sub(1).and_then(|i| milestones.get(i).copied());
    let (start_value, start_day, start_point) = match previous {
        Some(m) => (
            m.quantity.value.number.value,
            m.date.value.last_day(),
            Point::of(m),
        ),
        None => (base_value, base.date.value.first_day(), Point::of(base)),
    };
    let next_value = next.quantity.value.number.value;
    let next_day = next.date.value.last_day();
    out.segment_start = Some(start_point);
    out.next_milestone = Some(Point::of(next));

    let expected = interpolate(start_day, next_day, day);
    if direction != Direction::Maintain {
        out.expected = Some(round4(expected));
    }
    let flat = next_value == start_value;
    let progress = match latest {
        Some(o) if !flat => {
            let p = ((o.quantity.value.number.value - start_value) / (next_value - start_value))
                .max(0.0);
            p.is_finite().then_some(p)
        }
        _ => None,
    };
    out.progress = progress.map(round4);

    let base_day = base.date.value.first_day();
    let Some(observed) = latest.map(|o| o.quantity.value.number.value) else {
        out.status = Status::NotStarted;
        out.reason = Some(tr!("no observation yet", "todavía no hay observaciones"));
        return out;
    };
    if day < base_day {
        out.status = Status::NotStarted;
        out.reason = Some(tr!(
            "before the baseline date",
            "antes de la fecha de la línea de base"
        ));
        return out;
    }
    out.status = if direction == Direction::Maintain {
        if within(observed, base_value) {
            Status::OnTrack
        } else {
            Status::OffTrack
        }
    } else if reached(observed, last_value, direction) {
        Status::Achieved
    } else if flat {
        if reached(observed, next_value, direction) || within(observed, next_value) {
            Status::OnTrack
        } else {
            Status::OffTrack
        }
    } else {
        match progress {
            Some(p) => classify(p, expected),
            None => {
                out.reason = Some(tr!(
                    "the values are too large to compare",
                    "los valores son demasiado grandes para compararlos"
                ));
                Status::Unknown
            }
        }
    };
    out
}
