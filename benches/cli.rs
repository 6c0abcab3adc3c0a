//! The release binary end to end: `pacta check` and `pacta build` on
//! generated specs (`benches/gen`) written to a temporary folder, with
//! their wall time (median and minimum of a few runs) and, when
//! `/usr/bin/time` is installed (Debian's `time`), their peak resident
//! memory (the largest of the runs).
//!
//! ```sh
//! cargo bench --bench cli
//! PACTA_BENCH_SIZES=10000 PACTA_BENCH_RUNS=3 cargo bench --bench cli
//! ```
//!
//! The specs stay in `target/tmp/bench-specs/` for other tools, e.g.
//! `hyperfine 'target/release/pacta check target/tmp/bench-specs/spec-10k.pacta'`
//! or `/usr/bin/time -v target/release/pacta build …`. Times are printed,
//! never asserted; the runs must succeed (exit code 0).

mod common;
mod gen;

use common::{fmt, measure, mib, size_name, Stats};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PACTA: &str = env!("CARGO_BIN_EXE_pacta");

fn main() {
    let sizes = common::sizes(&[10_000, 100_000]);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-specs");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let gnu_time = Path::new("/usr/bin/time").exists();
    println!("# pacta end-to-end benchmark (release binary)\n");
    println!("machine: {}", common::machine());
    println!("binary: {PACTA}");
    println!("dependencies: {}", gen::Deps::from_env().name());
    println!("specs: {}\n", dir.display());

    let mut rows = Vec::new();
    for &n in &sizes {
        let file = dir.join(format!("spec-{}.pacta", size_name(n)));
        let text = gen::spec_with(n, gen::SEED, gen::Deps::from_env());
        std::fs::write(&file, &text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
        let out = dir.join(format!("out-{}", size_name(n)));
        let k = common::runs(n).min(5);
        let file_s = file.to_string_lossy().to_string();
        let out_s = out.to_string_lossy().to_string();
        let commands: [(&str, Vec<&str>); 2] = [
            ("pacta check", vec!["check", &file_s]),
            ("pacta build", vec!["build", &file_s, "-o", &out_s]),
        ];
        for (name, args) in &commands {
            // The spec was just written: it is in the page cache. Each run
            // goes through GNU time when it is there, for the peak memory.
            let mut peak = None;
            let stats = measure(k, || {
                let p = run_ok(args, gnu_time);
                peak = peak.max(p);
            });
            println!(
                "N={} {name}: median {} min {} ({} runs){}",
                size_name(n),
                fmt(stats.median),
                fmt(stats.min),
                stats.runs,
                peak.map_or(String::new(), |p| format!(", peak RSS {}", mib(p)))
            );
            rows.push((n, *name, stats, peak));
        }
        let json = std::fs::metadata(out.join(format!("spec-{}.json", size_name(n))));
        let html = std::fs::metadata(out.join(format!("spec-{}.html", size_name(n))));
        if let (Ok(j), Ok(h)) = (json, html) {
            println!(
                "  spec {:.1} MB → JSON {:.1} MB, HTML {:.1} MB",
                text.len() as f64 / 1e6,
                j.len() as f64 / 1e6,
                h.len() as f64 / 1e6
            );
        }
    }

    println!("\n| command | N | median | min | runs | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (n, name, s, peak) in &rows {
        let s: &Stats = s;
        println!(
            "| `{name}` | {} | {} | {} | {} | {} |",
            size_name(*n),
            fmt(s.median),
            fmt(s.min),
            s.runs,
            peak.map_or("–".to_string(), mib)
        );
    }
}

/// Runs the binary with `args`, under GNU time when `gnu_time`; panics
/// unless it exits with 0. Returns the peak resident memory in KiB (GNU
/// time's `%M`) when measured.
fn run_ok(args: &[&str], gnu_time: bool) -> Option<u64> {
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "PEAK %M"]).arg(PACTA);
        c
    } else {
        Command::new(PACTA)
    };
    let out = cmd
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {PACTA}: {e}"));
    assert!(
        out.status.success(),
        "pacta {} failed: {}",
        args.join(" "),
        out.status
    );
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("PEAK "))
        .and_then(|v| v.trim().parse().ok())
}
