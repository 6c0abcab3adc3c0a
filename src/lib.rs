//! Pacta: a policy specification language and its compiler.
//!
//! The pipeline, one module per step: [`source`] (text and spans) →
//! [`syntax`] (pest → concrete tree) → `lower` (concrete tree → typed AST)
//! → `resolve` (names) → `check` → `graph` → `emit`. See ARCHITECTURE.md.

pub mod ast;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod compile;
pub mod coverage;
pub mod diagnostic;
pub mod emit;
pub mod explain;
pub mod graph;
pub mod lang;
pub mod lower;
pub mod monitor;
pub mod resolve;
pub mod source;
pub mod syntax;
