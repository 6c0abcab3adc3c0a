//! The types of the JSON document: the contract itself.
//!
//! These types belong to the contract, not to the compiler: the phases
//! (graph, coverage, monitor) have their own types, and [`super::build`]
//! converts. A refactoring inside the compiler therefore cannot change the
//! JSON by accident; every enum here is converted with an exhaustive
//! `match`, so a new variant in the compiler does not compile until the
//! contract says how it is written.
//!
//! Rules kept everywhere (see `docs/json.md`):
//! - every field is always present; an optional value is `null`;
//! - IDs are the spec's IDs; catalogue items are named by their path;
//! - dates are strings, `YYYY-MM-DD`, or `YYYY` for a year;
//! - enumerated values are snake_case English words;
//! - lists are in spec order unless the field says otherwise.
//!
//! Every doc comment becomes a `description` of the generated schema.

use crate::ast::Date;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use std::borrow::Cow;

/// The value of [`Document::format`].
pub const FORMAT: &str = "pacta";

/// The value of [`Document::format_version`]. Bumped only by a change that
/// can break a consumer (a field removed, renamed or retyped, a meaning
/// changed); new fields do not bump it.
pub const FORMAT_VERSION: u32 = 1;

/// Schema of a date: `YYYY-MM-DD`, or `YYYY` when the spec gives only a
/// year. Used with `#[schemars(with = "IsoDate")]` on [`Date`] fields.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]{4,}(-[0-9]{2}-[0-9]{2})?$",
            "description": "An ISO 8601 calendar date `YYYY-MM-DD`, or a year `YYYY` where the spec gives only a year (a year covers 1 January to 31 December)."
        })
    }
}

fn format_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": FORMAT })
}

fn format_version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "integer", "const": FORMAT_VERSION })
}

/// A compiled Pacta policy spec: everything the compiler knows about the
/// policy, resolved, so that a dashboard never re-implements the compiler.
/// Every field is always present (`null` when there is no value); consumers
/// must ignore fields they do not know, as new fields may be added without
/// a new `format_version`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "Pacta document")]
pub struct Document {
    /// Always `"pacta"`.
    #[schemars(schema_with = "format_schema")]
    pub format: String,
    /// The version of this format: `1`. It changes only when a change can
    /// break a consumer; new fields do not change it.
    #[schemars(schema_with = "format_version_schema")]
    pub format_version: u32,
    /// The compiler that wrote the document.
    pub generator: Generator,
    /// The language of the spec (`es` or `en`): titles and descriptions are
    /// in it, and so are the messages of `warnings`.
    pub language: Language,
    /// The date progress and `overdue` are computed as of, and where it came
    /// from.
    pub as_of: AsOf,
    /// The files of the spec as the compiler was given them: the root file
    /// first, then the included files in the order they were read.
    pub files: Vec<String>,
    /// The policy; `null` only for a spec without exactly one policy (an
    /// error: such a spec is not built).
    pub policy: Option<Policy>,
    /// Counts for summary cards.
    pub summary: Summary,
    /// Every agency, in spec order.
    pub agencies: Vec<Agency>,
    /// Every principle, in spec order.
    pub principles: Vec<Principle>,
    /// The spec's own rights in spec order, then the catalogue rights the
    /// spec refers to (in the scope, `rights` or `restricts`), in catalogue
    /// order (catalogues by name, items as the catalogue lists them). A
    /// catalogue provision cited under `rights` (ICRMW articles 34 and 35)
    /// is listed too.
    pub rights: Vec<Right>,
    /// Every commitment, in spec order, with its targets.
    pub commitments: Vec<Commitment>,
    /// Every stakeholder, in spec order.
    pub stakeholders: Vec<Stakeholder>,
    /// Every consultation, in spec order.
    pub consultations: Vec<Consultation>,
    /// Every piece of evidence, in spec order.
    pub evidence: Vec<Evidence>,
    /// The commitment graph: `depends_on` links, phases, critical path.
    pub graph: Graph,
    /// The full policy graph: commitments and everything that hangs off
    /// them.
    pub policy_graph: PolicyGraph,
    /// Rights × stages coverage, ratios and the four qualities.
    pub coverage: Coverage,
    /// The compiler's warnings, sorted by file and position.
    pub warnings: Vec<Warning>,
}

/// The compiler that wrote a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Generator {
    /// Always `"pacta"`.
    pub name: String,
    /// The compiler's version (`0.1.0`).
    pub version: String,
}

/// A language of a spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
}

/// The date a document is computed as of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AsOf {
    /// The date. A year means its last day (`2026` is 2026-12-31).
    #[schemars(with = "IsoDate")]
    pub date: Date,
    /// Where the date came from.
    pub source: AsOfSource,
}

/// Where the as-of date came from: given on the command line (`--as-of`),
/// else the latest observation of any target in the spec, else the start of
/// the policy's horizon. No clock is read: the same spec gives the same
/// document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// `--as-of DATE` on the command line.
    Cli,
    /// The date of the latest observation in the spec.
    LatestObservation,
    /// The first day of the policy's horizon (no observation in the spec).
    HorizonStart,
}

/// An amount of money.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Money {
    /// The amount, a number (`1500000.0`).
    pub amount: f64,
    /// The ISO 4217 currency code (`USD`).
    pub currency: String,
}

/// A text in both languages of the compiler.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Bilingual {
    /// In English.
    pub en: String,
    /// In Spanish.
    pub es: String,
}

/// Where a policy is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    Draft,
    Consultation,
    Adopted,
    Superseded,
}

/// A stage of the migration cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Origin,
    Transit,
    Destination,
    Return,
}

/// Where a commitment is in its implementation, as the spec says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Planned,
    InProgress,
    Done,
    Suspended,
}

/// Which way a target's indicator should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Maintain,
}

/// What a piece of evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Diagnostic,
    Research,
    Statistics,
    Evaluation,
}

/// Who a stakeholder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StakeholderKind {
    CivilSociety,
    MigrantOrganization,
    PrivateSector,
    Academia,
    International,
    LocalGovernment,
}

/// The progress of a target as of the as-of date, or the worst of several.
/// From worst to best: `off_track`, `at_risk`, `unknown`, `not_started`,
/// `on_track`, `achieved`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// No observation yet, or the as-of date is before the baseline.
    NotStarted,
    /// Progress is at most 10 points behind what is expected by now.
    OnTrack,
    /// 10 to 25 points behind.
    AtRisk,
    /// More than 25 points behind (or, for `maintain`, more than 5% away).
    OffTrack,
    /// The last milestone is reached.
    Achieved,
    /// No baseline or no milestone: progress cannot be computed.
    Unknown,
}

/// How well a right (or a right at one stage) is covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// At least one commitment with a target advances it.
    Measured,
    /// Only commitments without targets advance it.
    Nominal,
    /// No commitment advances it.
    Gap,
}

/// Where a right is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RightSource {
    /// A `right` item of the spec.
    Own,
    /// A built-in catalogue (`icrmw.art25`).
    Catalogue,
}

/// What a catalogue item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CatalogueItemKind {
    Right,
    Principle,
    Objective,
    Target,
    Indicator,
    Provision,
}

/// The kind of an item of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Policy,
    Agency,
    Principle,
    Right,
    Commitment,
    Target,
    Stakeholder,
    Consultation,
    Evidence,
}

/// How two nodes of the policy graph are linked: `from relation to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Commitment → the commitment it depends on.
    DependsOn,
    /// Commitment → principle.
    PutsIntoPractice,
    /// Commitment → right.
    Advances,
    /// Commitment → right.
    Restricts,
    /// Agency → commitment.
    Leads,
    /// Agency → commitment.
    Supports,
    /// Target → its commitment.
    Measures,
    /// Consultation → commitment or principle.
    Covers,
    /// Commitment → evidence.
    RestsOn,
}

/// The severity of a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// The policy.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Policy {
    /// The policy's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment above the policy.
    pub doc: Option<String>,
    /// The ISO 3166 code of the jurisdiction (`CR`).
    pub jurisdiction: Option<String>,
    /// The version of the policy text (`0.3`).
    pub version: Option<String>,
    /// Where the policy is in its life.
    pub status: Option<PolicyStatus>,
    /// The period the policy covers (`null` only in a spec with errors).
    pub horizon: Option<Period>,
    /// The policy's budget.
    pub budget: Option<Money>,
    /// The sum of the commitments' budgets, in the policy's currency;
    /// `null` when the policy has no budget.
    pub budget_committed: Option<Money>,
    /// What the policy must cover.
    pub scope: Scope,
    /// The built-in catalogues the spec uses, in the order of its `use`s.
    pub catalogues: Vec<CatalogueUsed>,
}

/// A period, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Period {
    /// The first day.
    #[schemars(with = "IsoDate")]
    pub start: Date,
    /// The last day.
    #[schemars(with = "IsoDate")]
    pub end: Date,
}

/// What a policy must cover.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Scope {
    /// Whether the scope lists rights. When it does not, the rights in scope
    /// are those the commitments advance.
    pub declared: bool,
    /// The scope's rights as written: paths, patterns (`icrmw.*`) and IDs.
    pub written: Vec<String>,
    /// The rights in scope, resolved (patterns expanded in catalogue order,
    /// then in the order written, without duplicates): IDs into `rights`.
    pub rights: Vec<String>,
    /// The stages in scope, in cycle order (all four when the spec names
    /// none).
    pub stages: Vec<Stage>,
}

/// A built-in catalogue the spec uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CatalogueUsed {
    /// The name used in `use` and in paths: `icrmw`.
    pub name: String,
    /// The title of the source text in English.
    pub title_en: String,
    /// The title of the source text in Spanish.
    pub title_es: String,
    /// The document symbol of the source (`A/RES/45/158`).
    pub source: String,
    /// When the source was adopted (`YYYY-MM-DD`).
    pub adopted: String,
}

/// A catalogue item the spec cites (a principle's ground, a commitment's
/// alignment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CatalogueRef {
    /// The path (`gcm.o7`).
    pub path: String,
    /// The catalogue (`gcm`).
    pub catalogue: String,
    /// What the item is.
    pub kind: CatalogueItemKind,
    /// Where it is in the source text (`Objective 7`).
    pub reference: String,
    /// Its title in English.
    pub title_en: String,
    /// Its title in Spanish.
    pub title_es: String,
}

/// Counts for summary cards.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Agencies.
    pub agencies: usize,
    /// Principles.
    pub principles: usize,
    /// Principles some commitment puts into practice.
    pub principles_in_practice: usize,
    /// Entries of `rights`.
    pub rights: usize,
    /// Rights in scope.
    pub rights_in_scope: usize,
    /// Commitments.
    pub commitments: usize,
    /// Commitments past due and not `done` as of the as-of date.
    pub commitments_overdue: usize,
    /// Targets.
    pub targets: usize,
    /// Stakeholders.
    pub stakeholders: usize,
    /// Consultations.
    pub consultations: usize,
    /// Pieces of evidence.
    pub evidence: usize,
    /// Warnings.
    pub warnings: usize,
    /// Commitments per progress status (their `rollup.status`).
    pub commitments_by_status: StatusCounts,
    /// Targets per progress status.
    pub targets_by_status: StatusCounts,
}

/// How many targets (or commitments) have each progress status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StatusCounts {
    pub not_started: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub achieved: usize,
    pub unknown: usize,
}

/// An agency (institution).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Agency {
    /// The agency's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// The sector (`interior`).
    pub sector: Option<String>,
    /// The agency it belongs to (`parent` / `adscrita_a`): an ID into
    /// `agencies`.
    pub parent: Option<String>,
    /// The agencies whose parent it is.
    pub children: Vec<String>,
    /// The commitments it leads.
    pub leads: Vec<String>,
    /// The commitments it supports.
    pub supports: Vec<String>,
    /// The progress of the commitments it leads.
    pub rollup: AgencyRollup,
}

/// The progress of the commitments an agency leads.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct AgencyRollup {
    /// The worst status of those commitments; `unknown` when it leads none.
    pub status: ProgressStatus,
    /// Those commitments per status.
    pub commitments: StatusCounts,
    /// Their targets per status.
    pub targets: StatusCounts,
}

/// A guiding principle.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Principle {
    /// The principle's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `description` field.
    pub description: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// The catalogue items it rests on (`grounds`), in the order written.
    pub grounds: Vec<CatalogueRef>,
    /// The commitments that put it into practice (cite it).
    pub commitments: Vec<String>,
    /// The consultations that covered it.
    pub consultations: Vec<String>,
}

/// A right: one of the spec's own, or from a catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Right {
    /// The ID of an own right, or the path of a catalogue right
    /// (`icrmw.art25`).
    pub id: String,
    /// Where the right is defined.
    pub source: RightSource,
    /// The catalogue (`icrmw`); `null` for an own right.
    pub catalogue: Option<String>,
    /// Where it is in the catalogue's source (`Part III, art. 25`); `null`
    /// for an own right.
    pub reference: Option<String>,
    /// The title in English. An own right has one title, in the spec's
    /// language, given in both fields (its ID when it has none).
    pub title_en: String,
    /// The title in Spanish.
    pub title_es: String,
    /// An own right's `description`.
    pub description: Option<String>,
    /// An own right's `///` doc comment.
    pub doc: Option<String>,
    /// The right may never be restricted.
    pub non_derogable: bool,
    /// The right is in the policy's scope.
    pub in_scope: bool,
    /// How well the commitments cover it.
    pub coverage: CoverageStatus,
    /// The commitments that advance it.
    pub advanced_by: Vec<String>,
    /// Those of `advanced_by` that have at least one target.
    pub measured_by: Vec<String>,
    /// The commitments that restrict it.
    pub restricted_by: Vec<String>,
}

/// The justification of a restriction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Justification {
    /// The legal basis.
    pub legal_basis: Option<String>,
    /// Why it is necessary.
    pub necessity: Option<String>,
    /// Why it is proportionate.
    pub proportionality: Option<String>,
}

/// A commitment, with its place in the graph and its targets.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Commitment {
    /// The commitment's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// The agency that leads it: an ID into `agencies`.
    pub lead: Option<String>,
    /// The agencies that support it.
    pub support: Vec<String>,
    /// The principles it puts into practice.
    pub principles: Vec<String>,
    /// The rights it advances: IDs into `rights`.
    pub rights: Vec<String>,
    /// The rights it restricts: IDs into `rights`.
    pub restricts: Vec<String>,
    /// The justification of its restrictions.
    pub justification: Option<Justification>,
    /// The stages of the migration cycle it addresses.
    pub stages: Vec<Stage>,
    /// The commitments it depends on directly (`depends_on`).
    pub prerequisites: Vec<String>,
    /// The commitments that depend on it directly.
    pub direct_dependents: Vec<String>,
    /// Every commitment a delay to it holds up: its dependents, direct or
    /// not, in spec order.
    pub dependents: Vec<String>,
    /// Its implementation phase (1 for the first); `null` on or behind a
    /// cycle.
    pub phase: Option<usize>,
    /// It lies on a cycle of `depends_on` (an error: such a spec is not
    /// built).
    pub on_cycle: bool,
    /// How many days it can slip without delaying the policy's end; `null`
    /// on or behind a cycle.
    pub slack_days: Option<i64>,
    /// Slack 0: a delay to it delays the end of the policy.
    pub critical: bool,
    /// It is on `graph.critical_path`.
    pub on_critical_path: bool,
    /// Its duration in days for the critical path method.
    pub duration_days: Option<i64>,
    /// The earliest it can start, given its prerequisites.
    #[schemars(with = "Option<IsoDate>")]
    pub earliest_start: Option<Date>,
    /// The earliest it can finish.
    #[schemars(with = "Option<IsoDate>")]
    pub earliest_finish: Option<Date>,
    /// The latest it can start without delaying the policy's end.
    #[schemars(with = "Option<IsoDate>")]
    pub latest_start: Option<Date>,
    /// The latest it can finish without delaying the policy's end.
    #[schemars(with = "Option<IsoDate>")]
    pub latest_finish: Option<Date>,
    /// The `start` date.
    #[schemars(with = "Option<IsoDate>")]
    pub start: Option<Date>,
    /// The `due` date.
    #[schemars(with = "Option<IsoDate>")]
    pub due: Option<Date>,
    /// Past due (the last day of `due` is before the as-of date) and not
    /// `done`.
    pub overdue: bool,
    /// Its budget.
    pub budget: Option<Money>,
    /// Its implementation status, as the spec says.
    pub status: Option<CommitmentStatus>,
    /// The catalogue items it aligns with (`aligns`), in the order written.
    pub aligns: Vec<CatalogueRef>,
    /// The evidence it rests on.
    pub evidence: Vec<String>,
    /// The consultations that covered it.
    pub consultations: Vec<String>,
    /// Its targets, in the order written.
    pub targets: Vec<Target>,
    /// The progress of its targets.
    pub rollup: CommitmentRollup,
}

/// The progress of a commitment's targets.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CommitmentRollup {
    /// The worst status of its targets; `unknown` without targets.
    pub status: ProgressStatus,
    /// Its targets per status.
    pub targets: StatusCounts,
}

/// A value of a target at a date: a baseline, a milestone or an
/// observation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Measure {
    /// The value (for a percentage, `85` means 85%).
    pub value: f64,
    /// The value is a percentage.
    pub percent: bool,
    /// When: a baseline counts from the first day of the date, a milestone
    /// and an observation from the last.
    #[schemars(with = "IsoDate")]
    pub date: Date,
}

/// A measurable target of a commitment.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Target {
    /// The target's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// What is measured.
    pub indicator: Option<String>,
    /// The unit (`persons`).
    pub unit: Option<String>,
    /// Where the data comes from.
    pub source: Option<String>,
    /// Which way the indicator should move: as written, or inferred from the
    /// baseline and the last milestone; `null` when neither is possible.
    pub direction: Option<Direction>,
    /// `direction` was inferred, not written.
    pub direction_inferred: bool,
    /// The baseline.
    pub baseline: Option<Measure>,
    /// The milestones (`value … by …`), in the order written.
    pub milestones: Vec<Measure>,
    /// The monitoring data (`observed … on …`), in the order written.
    pub observations: Vec<Measure>,
    /// Progress as of the as-of date.
    pub progress: Progress,
}

/// The progress of a target as of the as-of date (the rules are in
/// `docs/json.md`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Progress {
    /// The status.
    pub status: ProgressStatus,
    /// Why the status is `unknown` or `not_started`.
    pub reason: Option<Bilingual>,
    /// Where the segment being measured starts: the baseline, or the
    /// previous milestone once it is due.
    pub segment_start: Option<Measure>,
    /// The first milestone on or after the as-of date (the last one when all
    /// are past).
    pub next_milestone: Option<Measure>,
    /// The milestone with the latest date.
    pub last_milestone: Option<Measure>,
    /// The latest observation on or before the as-of date.
    pub latest_observation: Option<Measure>,
    /// How far the latest observation has come from the segment start to the
    /// next milestone: 0 at the start, 1 at the milestone (not capped above;
    /// four decimals).
    pub progress: Option<f64>,
    /// How far it should have come by the as-of date, in [0, 1] (four
    /// decimals; `null` for `maintain` targets).
    pub expected: Option<f64>,
}

/// A stakeholder outside the agencies of the policy.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stakeholder {
    /// The stakeholder's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// Who it is.
    pub kind: Option<StakeholderKind>,
    /// It is part of government (`local_government`); every other kind, and
    /// a stakeholder without kind, is outside government.
    pub government: bool,
    /// The consultations it took part in.
    pub consultations: Vec<String>,
}

/// A consultation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Consultation {
    /// The consultation's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// When it was held.
    #[schemars(with = "Option<IsoDate>")]
    pub date: Option<Date>,
    /// Who took part.
    pub participants: Participants,
    /// What it covered.
    pub covers: Covers,
    /// What came of it.
    pub outcome: Option<String>,
    /// A stakeholder outside government took part.
    pub heard_non_government: bool,
}

/// The participants of a consultation, in the order written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Participants {
    /// IDs into `agencies`.
    pub agencies: Vec<String>,
    /// IDs into `stakeholders`.
    pub stakeholders: Vec<String>,
}

/// What a consultation covered, in the order written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Covers {
    /// IDs into `commitments`.
    pub commitments: Vec<String>,
    /// IDs into `principles`.
    pub principles: Vec<String>,
}

/// A piece of evidence.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Evidence {
    /// The evidence's ID.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The `///` doc comment.
    pub doc: Option<String>,
    /// What it is.
    pub kind: Option<EvidenceKind>,
    /// The year it was published.
    pub year: Option<i32>,
    /// Where to read it, as written (not checked: link it only when it is
    /// `http` or `https`).
    pub url: Option<String>,
    /// The commitments that rest on it.
    pub cited_by: Vec<String>,
}

/// The commitment graph: nodes are commitments; an edge runs from a
/// prerequisite to the commitment that depends on it.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Graph {
    /// Every commitment, in spec order.
    pub nodes: Vec<GraphNode>,
    /// Every `depends_on` link, by prerequisite then dependent, in spec
    /// order.
    pub edges: Vec<GraphEdge>,
    /// The implementation phases (topological levels), first to last.
    pub phases: Vec<Phase>,
    /// The critical path: the longest chain of prerequisites in time, from
    /// the first prerequisite to the last dependent.
    pub critical_path: Vec<String>,
    /// The greatest earliest finish: when the policy can be done at the
    /// earliest.
    #[schemars(with = "Option<IsoDate>")]
    pub project_end: Option<Date>,
    /// `depends_on` has a cycle (an error: such a spec is not built).
    pub has_cycle: bool,
    /// The cycles, each a list of commitments in spec order.
    pub cycles: Vec<Vec<String>>,
}

/// A commitment in the graph (the rest of it is in `commitments`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GraphNode {
    /// The commitment's ID.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its phase; `null` on or behind a cycle.
    pub phase: Option<usize>,
    /// Slack 0.
    pub critical: bool,
    /// On the critical path.
    pub on_critical_path: bool,
    /// On a cycle.
    pub on_cycle: bool,
}

/// A `depends_on` link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GraphEdge {
    /// The prerequisite.
    pub from: String,
    /// The commitment that depends on it.
    pub to: String,
    /// The link is on the critical path.
    pub critical: bool,
}

/// An implementation phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Phase {
    /// 1 for the first.
    pub number: usize,
    /// Its commitments, in spec order.
    pub commitments: Vec<String>,
}

/// The full policy graph. Nodes come by kind (commitments, principles,
/// rights, agencies, targets, consultations, evidence), each kind in spec
/// order; edges by their source item in the same order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PolicyGraph {
    /// The nodes.
    pub nodes: Vec<PolicyGraphNode>,
    /// The edges; each reads `from relation to`.
    pub edges: Vec<PolicyGraphEdge>,
}

/// A node of the policy graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PolicyGraphNode {
    /// The item's ID, or a catalogue right's path.
    pub id: String,
    /// What it is.
    pub kind: ItemKind,
    /// Its title (a catalogue right's in the spec's language), or its ID.
    pub label: String,
}

/// An edge of the policy graph: `from relation to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PolicyGraphEdge {
    /// The source node.
    pub from: String,
    /// The target node.
    pub to: String,
    /// How they are linked.
    pub relation: Relation,
}

/// Rights × stages coverage, ratios and the four qualities.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Coverage {
    /// The scope lists rights; when not, the rights in scope are those the
    /// commitments advance.
    pub scope_declared: bool,
    /// All four stages, in cycle order.
    pub stages: Vec<StageCoverage>,
    /// One row per right in scope, in scope order (`policy.scope.rights`).
    pub matrix: Vec<MatrixRow>,
    /// Coverage ratios.
    pub ratios: Ratios,
    /// The four qualities of a policy.
    pub qualities: Qualities,
}

/// Which commitments address a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StageCoverage {
    /// The stage.
    pub stage: Stage,
    /// It is in the policy's scope.
    pub in_scope: bool,
    /// The commitments that list it.
    pub commitments: Vec<String>,
}

/// A row of the rights × stages matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MatrixRow {
    /// The right: an ID into `rights`.
    pub right: String,
    /// Its coverage over all stages.
    pub status: CoverageStatus,
    /// One cell per stage in scope, in cycle order.
    pub cells: Vec<MatrixCell>,
}

/// A cell of the rights × stages matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MatrixCell {
    /// The stage.
    pub stage: Stage,
    /// The coverage of the right at this stage, over `commitments`.
    pub status: CoverageStatus,
    /// The commitments that advance the right and list the stage.
    pub commitments: Vec<String>,
}

/// `numerator / denominator`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Ratio {
    /// How many.
    pub numerator: usize,
    /// Out of how many.
    pub denominator: usize,
    /// As a percentage, one decimal; 0 when the denominator is 0.
    pub percent: f64,
}

/// Coverage ratios.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Ratios {
    /// Rights in scope `measured`, over the rights in scope.
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

/// The four qualities of a policy (LANGUAGE.md section 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Qualities {
    /// Principles, commitments and targets are written down.
    pub explicit: Quality,
    /// Every stage in scope is addressed.
    pub comprehensive: Quality,
    /// Every right in scope is advanced by a commitment with a target.
    pub rights_based: Quality,
    /// Commitments were consulted, with stakeholders outside government.
    pub consensual: Quality,
}

/// How a policy meets one quality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Quality {
    /// No finding.
    pub ok: bool,
    /// Why the quality is not met. The consensual findings are computed
    /// whatever the policy's status; the compiler warns about them only for
    /// an adopted policy.
    pub findings: Vec<Finding>,
}

/// One reason a quality is not met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// The code of the warning the compiler gives for it (`W0430`).
    pub code: String,
    /// In English.
    pub en: String,
    /// In Spanish.
    pub es: String,
}

/// A place in a source file: 1-based lines and columns (columns count
/// characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Location {
    /// The file, as in `files`.
    pub file: String,
    /// The first line.
    pub line: usize,
    /// The first column.
    pub column: usize,
    /// The last line.
    pub end_line: usize,
    /// The column just after the end.
    pub end_column: usize,
}

/// A warning of the compiler: the JSON form of a diagnostic (as `pacta
/// check --format json` prints it), plus what it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Warning {
    /// The stable code (`W0410`); `pacta explain CODE` explains it.
    pub code: String,
    /// Always `warning`.
    pub severity: Severity,
    /// The message, in the spec's language.
    pub message: String,
    /// Where the problem is (the primary label).
    #[serde(flatten)]
    pub location: Location,
    /// Every label: the primary one and the other places involved.
    pub labels: Vec<Label>,
    /// How to fix it, in the spec's language.
    pub help: Option<String>,
    /// A machine-applicable fix.
    pub fix: Option<Fix>,
    /// The ID of the item the warning is about: the innermost item (a target
    /// before its commitment) whose text contains the primary label.
    pub about: Option<String>,
    /// The kind of that item.
    pub about_kind: Option<ItemKind>,
}

/// A labelled place of a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Label {
    /// Where.
    #[serde(flatten)]
    pub location: Location,
    /// What the label says, in the spec's language.
    pub message: Option<String>,
    /// The primary label says where the problem is.
    pub primary: bool,
}

/// A machine-applicable fix: replace the text at the location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Fix {
    /// The text to replace.
    #[serde(flatten)]
    pub location: Location,
    /// The replacement.
    pub replacement: String,
}
