//! The JSON document: the contract dashboards rely on.
//!
//! [`document`] turns a compilation into a [`Document`] — the policy and
//! every item, resolved: the commitment graph (phases, critical path,
//! slack, dependents), rights coverage, target progress as of a date, and
//! the warnings, each with the ID of the item it is about. [`to_string`]
//! writes it as pretty JSON; [`schema`] is the JSON Schema (draft 2020-12)
//! generated from the types in [`model`], checked in at
//! `schema/pacta.schema.json`. The contract — conventions, versioning and a
//! field reference — is `docs/json.md`.
//!
//! Everything is deterministic: no clock is read ([`as_of`] takes the date
//! from the command line or the spec), no hash map is iterated, and every
//! list has a documented order. The same compilation gives the same bytes.

mod build;
pub mod model;
#[cfg(test)]
mod tests;

pub use model::*;

use crate::ast::{Date, Precision, Spec};
use crate::compile::Compilation;

/// The as-of date: `cli` when given, else the date of the latest
/// observation in the spec, else the start of the policy's horizon. A spec
/// without a horizon (an error) falls back to 1970-01-01, reported as
/// [`AsOfSource::HorizonStart`].
///
/// Observations are compared by the last day they cover (an observation
/// `on 2025` counts on 2025-12-31); among observations on the same day, a
/// full date wins over a year, then the first written.
pub fn as_of(spec: &Spec, cli: Option<Date>) -> AsOf {
    if let Some(date) = cli {
        return AsOf {
            date,
            source: AsOfSource::Cli,
        };
    }
    let mut latest: Option<Date> = None;
    let observations = spec
        .commitments
        .iter()
        .flat_map(|c| &c.targets)
        .flat_map(|t| &t.observed);
    for o in observations {
        let d = o.date.value;
        let key = |d: Date| (d.last_day(), d.precision == Precision::Day);
        if latest.map_or(true, |l| key(d) > key(l)) {
            latest = Some(d);
        }
    }
    if let Some(date) = latest {
        return AsOf {
            date,
            source: AsOfSource::LatestObservation,
        };
    }
    let start = spec
        .policies
        .first()
        .and_then(|p| p.horizon.as_ref())
        .map_or(Date::ymd(1970, 1, 1), |h| h.value.start);
    AsOf {
        date: start,
        source: AsOfSource::HorizonStart,
    }
}

/// The document of a compilation, as of a date. Meant for a compilation
/// without errors (`pacta build` writes nothing otherwise); with errors it
/// still returns a document, without panicking, but references that did
/// not resolve may be missing or dangling.
pub fn document(c: &Compilation, as_of: &AsOf) -> Document {
    build::document(c, as_of)
}

/// The document as pretty JSON: two-space indent, fields in the order of
/// the types, a trailing newline.
pub fn to_string(doc: &Document) -> String {
    // Serializing these types cannot fail: every map key is a string and
    // non-finite numbers are kept out of the document.
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema (draft 2020-12) of [`Document`], generated from the
/// types: their doc comments are the descriptions. Every property is
/// required (an optional value is `null`, never left out); objects accept
/// properties the schema does not list, so that a consumer validating with
/// an older schema keeps working when fields are added.
pub fn schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Document>().to_value();
    require_every_property(&mut schema);
    schema
}

/// The schema as checked in: pretty JSON with a trailing newline.
pub fn schema_string() -> String {
    let mut out = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    out.push('\n');
    out
}

/// Marks every property of every object schema as required: the document
/// writes `null` for a missing value rather than leaving the field out.
fn require_every_property(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                let required: Vec<serde_json::Value> = props
                    .keys()
                    .map(|k| serde_json::Value::String(k.clone()))
                    .collect();
                map.insert("required".to_string(), serde_json::Value::Array(required));
            }
            for child in map.values_mut() {
                require_every_property(child);
            }
        }
        serde_json::Value::Array(items) => {
            for child in items {
                require_every_property(child);
            }
        }
        _ => {}
    }
}
