//! Rendering diagnostics: miette for people, JSON for machines.
