//! The measurement loop and report helpers shared by the benches (no
//! benchmark framework: a few runs, their median and minimum).

#![allow(dead_code)] // each bench uses a part of it

use std::time::{Duration, Instant};

/// Sizes measured by default; `PACTA_BENCH_SIZES=1000,10000` picks others.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    match std::env::var("PACTA_BENCH_SIZES") {
        Ok(v) if !v.trim().is_empty() => v
            .split(',')
            .map(|s| {
                s.trim()
                    .replace('_', "")
                    .parse()
                    .unwrap_or_else(|_| panic!("PACTA_BENCH_SIZES: not a number: {s}"))
            })
            .collect(),
        _ => default.to_vec(),
    }
}

/// Runs per measurement for a spec of `n` commitments: fewer for big ones.
/// `PACTA_BENCH_RUNS=K` forces `K` for every size.
pub fn runs(n: usize) -> usize {
    if let Some(k) = std::env::var("PACTA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return k;
    }
    match n {
        0..=2_000 => 15,
        2_001..=20_000 => 7,
        _ => 3,
    }
}

/// Median and minimum of some runs.
#[derive(Clone, Copy, Debug)]
pub struct Stats {
    pub median: Duration,
    pub min: Duration,
    pub runs: usize,
}

impl Stats {
    pub fn of(mut times: Vec<Duration>) -> Stats {
        times.sort();
        let runs = times.len();
        let median = if runs == 0 {
            Duration::ZERO
        } else if runs % 2 == 1 {
            times[runs / 2]
        } else {
            (times[runs / 2 - 1] + times[runs / 2]) / 2
        };
        Stats {
            median,
            min: times.first().copied().unwrap_or_default(),
            runs,
        }
    }
}

/// Times `k` runs of `f`; what `f` returns is dropped outside the timer.
pub fn measure<T>(k: usize, mut f: impl FnMut() -> T) -> Stats {
    let mut times = Vec::with_capacity(k);
    for _ in 0..k {
        let t = Instant::now();
        let out = std::hint::black_box(f());
        times.push(t.elapsed());
        drop(out);
    }
    Stats::of(times)
}

/// A duration for a table: ms with three significant digits, or s.
pub fn fmt(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 10_000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// `1000` → `1k`, `100000` → `100k`.
pub fn size_name(n: usize) -> String {
    if n >= 1000 && n % 1000 == 0 {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// The machine, for the report: CPUs and the CPU model.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    format!("{cpus} CPUs, {model}")
}

/// A field of `/proc/self/status` in KiB (`VmHWM`, `VmRSS`).
pub fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak resident set size (`VmHWM`) to the current one (Linux
/// ≥ 4.0); false when that is not possible.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// KiB as MiB for a table.
pub fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// `b / a` as a ratio for a table.
pub fn ratio(a: Duration, b: Duration) -> String {
    if a.is_zero() {
        "–".to_string()
    } else {
        format!("{:.1}×", b.as_secs_f64() / a.as_secs_f64())
    }
}
