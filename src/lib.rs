//! Pacta: a policy specification language and its compiler.
