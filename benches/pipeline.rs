//! The compiler's phases on generated specs of 1k, 10k and 100k
//! commitments (`benches/gen`): median and minimum wall time of a few runs
//! per phase, the 1k→10k and 10k→100k ratios, and the peak memory of a
//! whole build in a fresh process per size.
//!
//! ```sh
//! cargo bench --bench pipeline
//! PACTA_BENCH_SIZES=1000,10000 PACTA_BENCH_RUNS=5 cargo bench --bench pipeline
//! ```
//!
//! Nothing here asserts a time: the numbers are printed (as Markdown
//! tables, for BENCHMARKS.md), never checked. The only assertion is that
//! the generated spec compiles without errors.

mod common;
mod gen;

use common::{fmt, measure, mib, proc_status_kib, ratio, reset_peak, size_name, Stats};
use pacta::compile::{compile_str, Compilation};
use pacta::emit::{html, json};
use pacta::source::FileId;
use pacta::{check, coverage, graph, lower, monitor, resolve, syntax};
use std::process::Command;

/// Set in the child process that measures the peak memory of one size.
const PEAK_ENV: &str = "PACTA_BENCH_PEAK_CHILD";

const PHASES: [&str; 12] = [
    "(a) compile_str: parse+lower+resolve+check",
    "  · syntax::parse",
    "  · lower::lower",
    "  · resolve::resolve",
    "  · check::check",
    "(b) graph::build",
    "  · graph::policy_graph",
    "(c) coverage::coverage",
    "(d) monitor::status",
    "(e) emit::json::document",
    "(e) emit::json::to_string",
    "(f) emit::html::render",
];

fn main() {
    if let Ok(n) = std::env::var(PEAK_ENV) {
        let n = n
            .parse()
            .unwrap_or_else(|_| panic!("{PEAK_ENV}: not a number"));
        peak_child(n);
        return;
    }
    // `cargo bench` passes `--bench`; a filter argument picks phases.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let sizes = common::sizes(&[1_000, 10_000, 100_000]);
    println!("# pacta pipeline benchmark\n");
    println!("machine: {}", common::machine());
    println!("dependencies: {}", gen::Deps::from_env().name());
    println!(
        "sizes: {:?}; runs per phase: {}\n",
        sizes,
        sizes
            .iter()
            .map(|&n| format!("{}={}", size_name(n), common::runs(n)))
            .collect::<Vec<_>>()
            .join(", ")
    );

    let mut results: Vec<(usize, Vec<Option<Stats>>)> = Vec::new();
    let mut shapes = Vec::new();
    for &n in &sizes {
        let k = common::runs(n);
        let t = std::time::Instant::now();
        let text = gen::spec_with(n, gen::SEED, gen::Deps::from_env());
        let gen_time = t.elapsed();
        let c = compile_checked(n, &text);
        let lines = text.lines().count();
        let targets: usize = c.spec.commitments.iter().map(|c| c.targets.len()).sum();
        let edges: usize = c.spec.commitments.iter().map(|c| c.depends_on.len()).sum();
        // The transitive closure of the dependencies: what the JSON lists as
        // `held_up` for every commitment.
        let g = graph::build(&c.spec);
        let closure: usize = g
            .nodes()
            .iter()
            .map(|node| g.held_up(&node.id).map_or(0, |h| h.len()))
            .sum();
        drop(g);
        println!(
            "N={}: {:.1} MB, {} lines, {} targets, {} dependencies ({} held-up pairs), {} warnings; generated in {}",
            size_name(n),
            text.len() as f64 / 1e6,
            lines,
            targets,
            edges,
            closure,
            c.warnings(),
            fmt(gen_time)
        );
        shapes.push((n, text.len(), lines, targets, edges, closure));

        let want = |i: usize| filter.is_empty() || filter.iter().any(|f| PHASES[i].contains(f));
        let mut row: Vec<Option<Stats>> = vec![None; PHASES.len()];
        let spec = &c.spec;
        let as_of = json::as_of(spec, None);
        let mut run = |i: usize, stats: &mut dyn FnMut() -> Stats| {
            if want(i) {
                let s = stats();
                println!(
                    "  {:<46} median {:>9}  min {:>9}  ({} runs)",
                    PHASES[i],
                    fmt(s.median),
                    fmt(s.min),
                    s.runs
                );
                row[i] = Some(s);
            }
        };
        run(0, &mut || measure(k, || compile_str("bench.pacta", &text)));
        let tree = syntax::parse(FileId(0), &text).0;
        run(1, &mut || measure(k, || syntax::parse(FileId(0), &text)));
        run(2, &mut || measure(k, || lower::lower(&tree)));
        drop(tree);
        run(3, &mut || measure(k, || resolve::resolve(spec, FileId(0))));
        run(4, &mut || measure(k, || check::check(spec)));
        run(5, &mut || measure(k, || graph::build(spec)));
        run(6, &mut || measure(k, || graph::policy_graph(spec)));
        run(7, &mut || measure(k, || coverage::coverage(spec)));
        run(8, &mut || measure(k, || monitor::status(spec, as_of.date)));
        run(9, &mut || measure(k, || json::document(&c, &as_of)));
        let doc = if filter.is_empty() || want(10) || want(11) {
            json::document(&c, &as_of)
        } else {
            json::document(&compile_str("empty.pacta", ""), &as_of)
        };
        run(10, &mut || measure(k, || json::to_string(&doc)));
        run(11, &mut || measure(k, || html::render(&doc)));
        if filter.is_empty() {
            let json_len = json::to_string(&doc).len();
            let html_len = html::render(&doc).len();
            println!(
                "  outputs: JSON {:.1} MB, HTML {:.1} MB",
                json_len as f64 / 1e6,
                html_len as f64 / 1e6
            );
        }
        drop(doc);
        drop(c);
        drop(text);
        results.push((n, row));
    }

    // Peak memory: one fresh process per size.
    let mut peaks = Vec::new();
    if filter.is_empty() {
        for &n in &sizes {
            peaks.push((n, peak_of(n)));
        }
    }

    report(&results, &shapes, &peaks);
}

/// Compiles the generated spec once and checks that it has no errors.
fn compile_checked(n: usize, text: &str) -> Compilation {
    let c = compile_str("bench.pacta", text);
    if c.has_errors() {
        let first: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(5)
            .map(|d| format!("{:?}", d))
            .collect();
        panic!(
            "the generated spec with {n} commitments has {} errors; the first:\n{}",
            c.errors(),
            first.join("\n")
        );
    }
    assert_eq!(c.spec.commitments.len(), n);
    c
}

/// In a child process: the peak resident memory of a whole build (compile,
/// JSON document and text, HTML) of a spec of `n` commitments, beside the
/// memory held before it (the spec's text). Prints `PEAK <hwm> <before>`.
fn peak_child(n: usize) {
    let text = gen::spec_with(n, gen::SEED, gen::Deps::from_env());
    let before = proc_status_kib("VmRSS").unwrap_or(0);
    let reset = reset_peak();
    let c = compile_checked(n, &text);
    let as_of = json::as_of(&c.spec, None);
    let doc = json::document(&c, &as_of);
    let out_json = json::to_string(&doc);
    let out_html = html::render(&doc);
    std::hint::black_box((&out_json, &out_html));
    let hwm = proc_status_kib("VmHWM").unwrap_or(0);
    println!("PEAK {hwm} {before} {}", u8::from(reset));
}

/// Runs [`peak_child`] for `n` in a fresh process: (peak, before) in KiB.
fn peak_of(n: usize) -> Peak {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .env(PEAK_ENV, n.to_string())
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("PEAK "))?;
    let mut it = line.split_whitespace().skip(1);
    let hwm = it.next()?.parse().ok()?;
    let before = it.next()?.parse().ok()?;
    let reset = it.next()? == "1";
    Some((hwm, before, reset))
}

type Shape = (usize, usize, usize, usize, usize, usize);
/// Peak RSS, RSS before the build (KiB), and whether the peak was reset.
type Peak = Option<(u64, u64, bool)>;

fn report(results: &[(usize, Vec<Option<Stats>>)], shapes: &[Shape], peaks: &[(usize, Peak)]) {
    println!("\n## Inputs\n");
    println!("| N | spec size | lines | targets | dependencies | held-up pairs |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (n, bytes, lines, targets, edges, closure) in shapes {
        println!(
            "| {} | {:.1} MB | {lines} | {targets} | {edges} | {closure} |",
            size_name(*n),
            *bytes as f64 / 1e6
        );
    }

    println!("\n## Median wall time per phase (min in parentheses)\n");
    let mut head = String::from("| phase |");
    let mut rule = String::from("|---|");
    for (n, _) in results {
        head.push_str(&format!(" N={} |", size_name(*n)));
        rule.push_str("---:|");
    }
    let pairs: Vec<(usize, usize)> = (1..results.len()).map(|i| (i - 1, i)).collect();
    for &(a, b) in &pairs {
        head.push_str(&format!(
            " {}→{} |",
            size_name(results[a].0),
            size_name(results[b].0)
        ));
        rule.push_str("---:|");
    }
    println!("{head}\n{rule}");
    for (i, phase) in PHASES.iter().enumerate() {
        if results.iter().all(|(_, row)| row[i].is_none()) {
            continue;
        }
        let mut line = format!("| {} |", phase.trim_start().replace('·', "↳"));
        for (_, row) in results {
            match row[i] {
                Some(s) => line.push_str(&format!(" {} ({}) |", fmt(s.median), fmt(s.min))),
                None => line.push_str(" – |"),
            }
        }
        for &(a, b) in &pairs {
            match (results[a].1[i], results[b].1[i]) {
                (Some(x), Some(y)) => line.push_str(&format!(" {} |", ratio(x.median, y.median))),
                _ => line.push_str(" – |"),
            }
        }
        println!("{line}");
    }
    println!("\nA ratio near the size ratio (10×) is linear; well above it is super-linear.");

    if !peaks.is_empty() {
        println!("\n## Peak memory of a whole build (compile, JSON, HTML), one process per N\n");
        println!("| N | peak RSS (VmHWM) | held before (spec text) | build's own peak |");
        println!("|---:|---:|---:|---:|");
        for (n, p) in peaks {
            match p {
                Some((hwm, before, reset)) => println!(
                    "| {} | {} | {} | {}{} |",
                    size_name(*n),
                    mib(*hwm),
                    mib(*before),
                    mib(hwm.saturating_sub(*before)),
                    if *reset { "" } else { " (peak not reset)" }
                ),
                None => println!("| {} | – | – | – |", size_name(*n)),
            }
        }
    }
}
