//! The typed AST: what a spec means, field by field, every node with its
//! span. Built from the concrete tree by [`crate::lower`]. A field the
//! drafter left out is `None` (or an empty list); a field with a bad value is
//! also `None`, and the bad value has its diagnostic.

use crate::diagnostic::Lang;
use crate::lang::{ItemKind, Vocab};
use crate::source::{FileId, Span};
use serde::Serialize;
use std::fmt;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// A reference to an item by ID (`DGME`) or to a catalogue item by path
/// (`icrmw.art25`, or a pattern `icrmw.*` in a scope).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    pub name: String,
    pub span: Span,
}

impl Ref {
    /// Catalogue paths have a dot; item IDs never do.
    pub fn is_path(&self) -> bool {
        self.name.contains('.')
    }
}

/// How precise a date is: `2024` or `2024-06-30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Day,
}

/// A calendar date, or a year where a year is enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub precision: Precision,
}

impl Date {
    pub fn ymd(year: i32, month: u32, day: u32) -> Date {
        Date {
            year,
            month,
            day,
            precision: Precision::Day,
        }
    }

    pub fn year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
            precision: Precision::Year,
        }
    }

    /// Parses `YYYY-MM-DD` (a real calendar day) or `YYYY`.
    pub fn parse(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 => y.parse().ok().map(Date::year),
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
                Date::is_valid(y, m, d).then(|| Date::ymd(y, m, d))
            }
            _ => None,
        }
    }

    /// Is this a real calendar day (Gregorian)?
    pub fn is_valid(year: i32, month: u32, day: u32) -> bool {
        (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
    }

    /// The first day the date covers (1 January for a year).
    pub fn first_day(self) -> Day {
        Day::from_ymd(self.year, self.month, self.day)
    }

    /// The last day the date covers (31 December for a year).
    pub fn last_day(self) -> Day {
        match self.precision {
            Precision::Day => self.first_day(),
            Precision::Year => Day::from_ymd(self.year, 12, 31),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A day as a count of days since 1970-01-01: dates compare and subtract
/// as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// Days from civil (Howard Hinnant's algorithm).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Day {
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// Back to a calendar date.
    pub fn to_date(self) -> Date {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date::ymd(y as i32, m as u32, d as u32)
    }
}

/// A period `start .. end`, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// A number as written (`12_000`, `3.5`) and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub text: String,
}

/// An amount of money in an ISO 4217 currency.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    pub amount: Number,
    pub currency: String,
}

/// A quantity of a target: a number or a percentage.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub number: Number,
    pub percent: bool,
}

/// `QUANTITY in|by|on DATE`: a baseline, a milestone or an observation.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub quantity: Spanned<Quantity>,
    pub date: Spanned<Date>,
    pub span: Span,
}

macro_rules! vocab_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $en:literal / $es:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl Vocab for $name {
            const WORDS: &'static [(Self, &'static str, &'static str)] =
                &[$(($name::$variant, $en, $es)),*];
        }
    };
}

vocab_enum!(
    /// A stage of the migration cycle.
    Stage {
        Origin = "origin" / "origen",
        Transit = "transit" / "tránsito",
        Destination = "destination" / "destino",
        Return = "return" / "retorno",
    }
);

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Origin,
        Stage::Transit,
        Stage::Destination,
        Stage::Return,
    ];
}

vocab_enum!(
    /// Where a policy is in its life.
    PolicyStatus {
        Draft = "draft" / "borrador",
        Consultation = "consultation" / "consulta",
        Adopted = "adopted" / "adoptada",
        Superseded = "superseded" / "sustituida",
    }
);

vocab_enum!(
    /// Where a commitment is in its implementation.
    CommitmentStatus {
        Planned = "planned" / "planificado",
        InProgress = "in_progress" / "en_curso",
        Done = "done" / "cumplido",
        Suspended = "suspended" / "suspendido",
    }
);

vocab_enum!(
    /// Which way a target's indicator should move.
    Direction {
        Increase = "increase" / "aumentar",
        Decrease = "decrease" / "reducir",
        Maintain = "maintain" / "mantener",
    }
);

vocab_enum!(
    /// What a piece of evidence is.
    EvidenceKind {
        Diagnostic = "diagnostic" / "diagnóstico",
        Research = "research" / "investigación",
        Statistics = "statistics" / "estadística",
        Evaluation = "evaluation" / "evaluación",
    }
);

vocab_enum!(
    /// Who a stakeholder is. Every kind but `local_government` is outside
    /// government.
    StakeholderKind {
        CivilSociety = "civil_society" / "sociedad_civil",
        MigrantOrganization = "migrant_organization" / "organización_migrante",
        PrivateSector = "private_sector" / "sector_privado",
        Academia = "academia" / "academia",
        International = "international" / "internacional",
        LocalGovernment = "local_government" / "gobierno_local",
    }
);

impl StakeholderKind {
    pub fn is_government(self) -> bool {
        self == StakeholderKind::LocalGovernment
    }
}

vocab_enum!(
    /// A boolean.
    Bool {
        True = "true" / "verdadero",
        False = "false" / "falso",
    }
);

impl Vocab for Lang {
    const WORDS: &'static [(Self, &'static str, &'static str)] =
        &[(Lang::Es, "es", "es"), (Lang::En, "en", "en")];
}

/// What every item has: its ID, title, doc comment and spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub kind: ItemKind,
    pub id: Spanned<String>,
    pub title: Option<Spanned<String>>,
    /// The text of the `///` comments above the item.
    pub doc: Option<String>,
    /// The keyword as written.
    pub keyword: Span,
    /// The whole item.
    pub span: Span,
}

impl Header {
    pub fn file(&self) -> FileId {
        self.span.file
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub header: Header,
    pub jurisdiction: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub status: Option<Spanned<PolicyStatus>>,
    pub language: Option<Spanned<Lang>>,
    pub horizon: Option<Spanned<Period>>,
    pub budget: Option<Spanned<Money>>,
    pub scope: Option<Scope>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub span: Span,
    /// Rights that must be covered: paths, patterns (`icrmw.*`) or IDs of
    /// the spec's own rights.
    pub rights: Vec<Ref>,
    /// Stages in scope; `None` means all four.
    pub stages: Option<Vec<Spanned<Stage>>>,
}

/// `use icrmw`
#[derive(Clone, Debug, PartialEq)]
pub struct Use {
    pub catalogue: Spanned<String>,
    pub span: Span,
}

/// `include "file.pacta"`
#[derive(Clone, Debug, PartialEq)]
pub struct Include {
    pub path: Spanned<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agency {
    pub header: Header,
    pub sector: Option<Spanned<String>>,
    pub parent: Option<Ref>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Principle {
    pub header: Header,
    pub description: Option<Spanned<String>>,
    pub grounds: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Right {
    pub header: Header,
    pub description: Option<Spanned<String>>,
    pub non_derogable: Option<Spanned<bool>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Justification {
    pub span: Span,
    pub legal_basis: Option<Spanned<String>>,
    pub necessity: Option<Spanned<String>>,
    pub proportionality: Option<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub header: Header,
    pub principles: Vec<Ref>,
    pub rights: Vec<Ref>,
    pub restricts: Vec<Ref>,
    pub justification: Option<Justification>,
    pub stages: Vec<Spanned<Stage>>,
    pub lead: Option<Ref>,
    pub support: Vec<Ref>,
    pub depends_on: Vec<Ref>,
    pub start: Option<Spanned<Date>>,
    pub due: Option<Spanned<Date>>,
    pub budget: Option<Spanned<Money>>,
    pub status: Option<Spanned<CommitmentStatus>>,
    pub aligns: Vec<Ref>,
    pub evidence: Vec<Ref>,
    pub targets: Vec<Target>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub header: Header,
    pub indicator: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub baseline: Option<Measure>,
    /// Milestones, in the order written.
    pub values: Vec<Measure>,
    pub direction: Option<Spanned<Direction>>,
    pub source: Option<Spanned<String>>,
    /// Monitoring data, in the order written.
    pub observed: Vec<Measure>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stakeholder {
    pub header: Header,
    pub kind: Option<Spanned<StakeholderKind>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consultation {
    pub header: Header,
    pub date: Option<Spanned<Date>>,
    pub participants: Vec<Ref>,
    pub covers: Vec<Ref>,
    pub outcome: Option<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub header: Header,
    pub kind: Option<Spanned<EvidenceKind>>,
    pub year: Option<Spanned<i32>>,
    pub url: Option<Spanned<String>>,
}

/// An item that did not parse: its kind and ID, when they could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub kind: ItemKind,
    pub id: Spanned<String>,
}

/// Every item of a spec, across all its files, in source order per kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    pub policies: Vec<Policy>,
    pub uses: Vec<Use>,
    pub includes: Vec<Include>,
    pub agencies: Vec<Agency>,
    pub principles: Vec<Principle>,
    pub rights: Vec<Right>,
    pub commitments: Vec<Commitment>,
    pub stakeholders: Vec<Stakeholder>,
    pub consultations: Vec<Consultation>,
    pub evidence: Vec<Evidence>,
    pub broken: Vec<Broken>,
}

impl Spec {
    /// The policy, when there is exactly one.
    pub fn policy(&self) -> Option<&Policy> {
        match self.policies.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The language of the spec's labels and diagnostics (English unless the
    /// first policy says otherwise).
    pub fn language(&self) -> Lang {
        self.policies
            .first()
            .and_then(|p| p.language.as_ref())
            .map_or(Lang::En, |l| l.value)
    }

    /// Appends another file's items.
    pub fn extend(&mut self, other: Spec) {
        self.policies.extend(other.policies);
        self.uses.extend(other.uses);
        self.includes.extend(other.includes);
        self.agencies.extend(other.agencies);
        self.principles.extend(other.principles);
        self.rights.extend(other.rights);
        self.commitments.extend(other.commitments);
        self.stakeholders.extend(other.stakeholders);
        self.consultations.extend(other.consultations);
        self.evidence.extend(other.evidence);
        self.broken.extend(other.broken);
    }

    /// The headers of every item that has an ID, targets included.
    pub fn headers(&self) -> impl Iterator<Item = &Header> {
        self.policies
            .iter()
            .map(|p| &p.header)
            .chain(self.agencies.iter().map(|a| &a.header))
            .chain(self.principles.iter().map(|p| &p.header))
            .chain(self.rights.iter().map(|r| &r.header))
            .chain(self.commitments.iter().flat_map(|c| {
                std::iter::once(&c.header).chain(c.targets.iter().map(|t| &t.header))
            }))
            .chain(self.stakeholders.iter().map(|s| &s.header))
            .chain(self.consultations.iter().map(|c| &c.header))
            .chain(self.evidence.iter().map(|e| &e.header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_order() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2030, 12, 31), (1999, 3, 1)] {
            assert_eq!(Day::from_ymd(y, m, d).to_date(), Date::ymd(y, m, d));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Day(0));
        assert!(Day::from_ymd(2025, 3, 1) > Day::from_ymd(2025, 2, 28));
        assert_eq!(Date::year(2024).last_day(), Day::from_ymd(2024, 12, 31));
    }

    #[test]
    fn calendar_validity() {
        assert!(!Date::is_valid(2025, 2, 30));
        assert!(Date::is_valid(2024, 2, 29));
        assert!(!Date::is_valid(2023, 2, 29));
        assert!(!Date::is_valid(2025, 13, 1));
    }
}

/// Items by ID, for the phases after name resolution. When an ID is
/// defined twice (an E0200 error) the first definition wins.
#[derive(Debug, Default)]
pub struct Index<'a> {
    pub agencies: std::collections::HashMap<&'a str, &'a Agency>,
    pub principles: std::collections::HashMap<&'a str, &'a Principle>,
    pub rights: std::collections::HashMap<&'a str, &'a Right>,
    pub commitments: std::collections::HashMap<&'a str, &'a Commitment>,
    pub stakeholders: std::collections::HashMap<&'a str, &'a Stakeholder>,
    pub consultations: std::collections::HashMap<&'a str, &'a Consultation>,
    pub evidence: std::collections::HashMap<&'a str, &'a Evidence>,
}

impl Spec {
    pub fn index(&self) -> Index<'_> {
        fn by_id<T>(
            items: &[T],
            header: impl Fn(&T) -> &Header,
        ) -> std::collections::HashMap<&str, &T> {
            let mut map = std::collections::HashMap::with_capacity(items.len());
            for item in items {
                map.entry(header(item).id.value.as_str()).or_insert(item);
            }
            map
        }
        Index {
            agencies: by_id(&self.agencies, |a| &a.header),
            principles: by_id(&self.principles, |p| &p.header),
            rights: by_id(&self.rights, |r| &r.header),
            commitments: by_id(&self.commitments, |c| &c.header),
            stakeholders: by_id(&self.stakeholders, |s| &s.header),
            consultations: by_id(&self.consultations, |c| &c.header),
            evidence: by_id(&self.evidence, |e| &e.header),
        }
    }
}
