//! Emitting a compiled spec for the world outside the compiler: [`json`],
//! the versioned document dashboards read (its contract is `docs/json.md`
//! and `schema/pacta.schema.json`), and [`html`], the report people read.
//!
//! Both are pure: they take a [`crate::compile::Compilation`] without
//! errors and return text. Writing files (atomically) is the CLI's job.

pub mod html;
pub mod json;
