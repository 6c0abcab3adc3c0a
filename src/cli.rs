//! The command line: `pacta check`, `pacta explain`, … Reads files, calls
//! the compiler core, prints. The only module (with `main.rs`) that does
//! I/O.

use crate::ast::{Date, Day};
use crate::compile::{compile, Compilation, Loader};
use crate::diagnostic::render::{self, Style};
use crate::diagnostic::{Code, Lang};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Pacta: check, graph and publish public policies written as specs.
#[derive(Parser, Debug)]
#[command(name = "pacta", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check specs for syntax, naming and consistency problems.
    Check {
        /// Root files of the specs to check (each is checked on its own).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit 1 when there is any).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Explain a diagnostic code: what it means, why it matters, an example
    /// and how to fix it.
    Explain {
        /// A code such as E0201 or W0430.
        code: String,
    },
    /// Check a spec and write its outputs: JSON for dashboards, an HTML
    /// report for people, and optionally the graph as DOT. With errors,
    /// nothing is written.
    Build {
        /// Root file of the spec; outputs are named after it (`NAME.json`).
        file: PathBuf,
        /// The folder to write into (created when missing).
        #[arg(short = 'o', long = "out-dir", value_name = "DIR", default_value = ".")]
        out_dir: PathBuf,
        /// Which outputs to write, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "json,html")]
        emit: Vec<Emit>,
        /// The date progress is measured at (YYYY-MM-DD); default: the date
        /// of the latest observation in the spec, so that the same spec
        /// always gives the same bytes.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Treat warnings as errors (write nothing when there is any).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Print the commitment graph: phases, critical path, dependencies.
    Graph {
        /// Root file of the spec.
        file: PathBuf,
        /// Graphviz DOT, Mermaid, or JSON (nodes, edges, phases, critical path).
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Show rights coverage (rights × stages) and the four qualities.
    Coverage {
        /// Root file of the spec.
        file: PathBuf,
    },
    /// Show what a delay to a commitment would hold up.
    Impact {
        /// Root file of the spec.
        file: PathBuf,
        /// The ID of the commitment.
        id: String,
    },
    /// Show target progress and statuses, per commitment and per agency.
    Status {
        /// Root file of the spec.
        file: PathBuf,
        /// The date to measure progress at (YYYY-MM-DD); default: today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Emit {
    Json,
    Html,
    Dot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2026-06-30"))
}

/// Today, from the system clock (UTC).
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Day((secs / 86_400) as i64).to_date()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

/// Exit codes: 0 no error, 1 errors in a spec, 2 usage or unreadable files.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Reads specs from the disk.
pub struct FsLoader;

impl Loader for FsLoader {
    fn load(&self, path: &Path) -> std::io::Result<(PathBuf, Vec<u8>)> {
        let canonical = std::fs::canonicalize(path)?;
        let bytes = std::fs::read(&canonical)?;
        Ok((canonical, bytes))
    }
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check {
            files,
            format,
            deny,
        } => check(&files, format, deny.is_some()),
        Command::Explain { code } => explain(&code),
        Command::Build {
            file,
            out_dir,
            emit,
            as_of,
            deny,
        } => build(&file, &out_dir, &emit, as_of, deny.is_some()),
        Command::Graph { file, format } => with_spec(&file, |c| {
            let g = crate::graph::build(&c.spec);
            let lang = c.lang();
            let out = match format {
                GraphFormat::Dot => crate::graph::render::to_dot(&g, lang),
                GraphFormat::Mermaid => crate::graph::render::to_mermaid(&g, lang),
                GraphFormat::Json => {
                    let json = crate::graph::render::to_json(&g, lang);
                    format!(
                        "{}\n",
                        serde_json::to_string_pretty(&json).unwrap_or_default()
                    )
                }
            };
            print(&out);
            EXIT_OK
        }),
        Command::Coverage { file } => with_spec(&file, |c| {
            let coverage = crate::coverage::coverage(&c.spec);
            print(&crate::coverage::render_table(
                &coverage,
                c.lang(),
                color_stdout(),
            ));
            EXIT_OK
        }),
        Command::Impact { file, id } => with_spec(&file, |c| {
            let g = crate::graph::build(&c.spec);
            let text = crate::graph::render::impact_text(&g, &c.spec, &id, c.lang());
            if g.node(&id).is_some() {
                print(&text);
                EXIT_OK
            } else {
                eprint(&text);
                EXIT_USAGE
            }
        }),
        Command::Status { file, as_of } => with_spec(&file, |c| {
            let m = crate::monitor::status(&c.spec, as_of.unwrap_or_else(today));
            print(&crate::monitor::render_table(&m, c.lang(), color_stdout()));
            EXIT_OK
        }),
    }
}

fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let newline = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    // A closed pipe (`pacta check … | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(newline.as_bytes());
    let _ = out.flush();
}

fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    if !text.is_empty() && !text.ends_with('\n') {
        let _ = err.write_all(b"\n");
    }
}

/// Loads and compiles a root file, or says on stderr why it cannot be read.
fn compile_root(path: &Path) -> Option<Compilation> {
    if let Err(err) = std::fs::metadata(path).and_then(|m| {
        if m.is_dir() {
            Err(std::io::Error::other("it is a folder, not a file"))
        } else {
            Ok(())
        }
    }) {
        eprint(&format!("error: cannot read `{}`: {err}\n", path.display()));
        return None;
    }
    Some(compile(path, &FsLoader))
}

/// Compiles a spec and hands it to `f` when it has no errors; otherwise
/// prints the errors (on stderr) and exits 1.
fn with_spec(path: &Path, f: impl FnOnce(&Compilation) -> u8) -> u8 {
    let Some(c) = compile_root(path) else {
        return EXIT_USAGE;
    };
    if c.has_errors() {
        let style = Style {
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            width: 100,
        };
        let mut out = String::new();
        for d in c.diagnostics.iter().filter(|d| d.is_error()) {
            out.push_str(&render::human(d, &c.sources, c.lang(), style));
            out.push('\n');
        }
        out.push_str(&summary(&c, path, c.lang()));
        eprint(&out);
        return EXIT_ERRORS;
    }
    f(&c)
}

/// `pacta build`: renders every output in memory first, then writes each
/// atomically; with errors (or warnings under `--deny warnings`) writes
/// nothing and leaves earlier outputs untouched.
fn build(
    file: &Path,
    out_dir: &Path,
    emit: &[Emit],
    as_of: Option<Date>,
    deny_warnings: bool,
) -> u8 {
    let Some(c) = compile_root(file) else {
        return EXIT_USAGE;
    };
    let lang = c.lang();
    let style = Style {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    let mut report = String::new();
    for d in &c.diagnostics {
        report.push_str(&render::human(d, &c.sources, lang, style));
        report.push('\n');
    }
    if c.has_errors() || (deny_warnings && c.warnings() > 0) {
        report.push_str(&summary(&c, file, lang));
        eprint(&report);
        return EXIT_ERRORS;
    }

    let stem = file
        .file_stem()
        .map_or_else(|| "spec".to_owned(), |s| s.to_string_lossy().into_owned());
    let as_of = crate::emit::json::as_of(&c.spec, as_of);
    let document = crate::emit::json::document(&c, &as_of);
    let mut kinds = emit.to_vec();
    kinds.sort();
    kinds.dedup();
    let outputs: Vec<(PathBuf, String)> = kinds
        .iter()
        .map(|kind| match kind {
            Emit::Json => (
                out_dir.join(format!("{stem}.json")),
                crate::emit::json::to_string(&document),
            ),
            Emit::Html => (
                out_dir.join(format!("{stem}.html")),
                crate::emit::html::render(&document),
            ),
            Emit::Dot => (
                out_dir.join(format!("{stem}.dot")),
                crate::graph::render::to_dot(&crate::graph::build(&c.spec), lang),
            ),
        })
        .collect();
    if let Err(err) = std::fs::create_dir_all(out_dir) {
        eprint(&format!(
            "error: cannot create `{}`: {err}\n",
            out_dir.display()
        ));
        return EXIT_USAGE;
    }
    for (path, text) in &outputs {
        if let Err(err) = write_atomically(path, text.as_bytes()) {
            eprint(&format!(
                "error: cannot write `{}`: {err}\n",
                path.display()
            ));
            return EXIT_USAGE;
        }
    }
    report.push_str(&summary(&c, file, lang));
    for (path, _) in &outputs {
        let verb = match lang {
            Lang::En => "wrote",
            Lang::Es => "se escribió",
        };
        report.push_str(&format!("{verb} {}\n", path.display()));
    }
    eprint(&report);
    EXIT_OK
}

/// Writes a file so that a reader never sees half of it: the bytes go to a
/// temporary file in the same folder, which is flushed to disk and then
/// renamed over the target (a rename within a folder is atomic).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn check(files: &[PathBuf], format: Format, deny_warnings: bool) -> u8 {
    let mut unreadable = false;
    let mut failed = false;
    let style = Style {
        color: format == Format::Human && color_stdout(),
        width: 100,
    };
    let mut json_diagnostics = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let Some(c) = compile_root(path) else {
            unreadable = true;
            continue;
        };
        let lang = c.lang();
        errors += c.errors();
        warnings += c.warnings();
        failed |= c.has_errors() || (deny_warnings && c.warnings() > 0);
        match format {
            Format::Human => {
                let mut out = String::new();
                for d in &c.diagnostics {
                    out.push_str(&render::human(d, &c.sources, lang, style));
                    out.push('\n');
                }
                out.push_str(&summary(&c, path, lang));
                print(&out);
            }
            Format::Json => {
                json_diagnostics.extend(
                    c.diagnostics
                        .iter()
                        .map(|d| render::json(d, &c.sources, lang)),
                );
            }
        }
    }
    if format == Format::Json {
        /// The output of `pacta check --format json` (documented in the
        /// README).
        #[derive(serde::Serialize)]
        struct Report {
            diagnostics: Vec<render::JsonDiagnostic>,
            errors: usize,
            warnings: usize,
        }
        let doc = Report {
            diagnostics: json_diagnostics,
            errors,
            warnings,
        };
        print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ));
    }
    if unreadable {
        EXIT_USAGE
    } else if failed {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// The last line of a human check: what was found.
fn summary(c: &Compilation, path: &Path, lang: Lang) -> String {
    let (e, w) = (c.errors(), c.warnings());
    let name = path.display();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::En if e + w == 0 => format!("{name}: no problems found\n"),
        Lang::Es if e + w == 0 => format!("{name}: no se encontraron problemas\n"),
        Lang::En => format!(
            "{name}: {}, {}\n",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
        Lang::Es => format!(
            "{name}: {}, {}\n",
            plural(e, "error", "errores"),
            plural(w, "advertencia", "advertencias")
        ),
    }
}

fn explain(code: &str) -> u8 {
    match Code::parse(code) {
        Some(code) => {
            print(crate::explain::text(code));
            EXIT_OK
        }
        None => {
            let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            eprint(&format!(
                "error: unknown diagnostic code `{code}`\nthe codes are: {}\n",
                known.join(", ")
            ));
            EXIT_USAGE
        }
    }
}
