//! The driver: from a root file to a checked spec.
//!
//! The core does no file I/O: a [`Loader`] reads files (the CLI's reads the
//! disk, tests and the language server use [`MemoryLoader`]). The driver
//! follows `include`s depth-first in source order, keeps includes inside
//! the root file's folder, catches include cycles, and runs every phase
//! even when an earlier one found problems, so that one run reports every
//! problem.

use crate::ast::Spec;
use crate::diagnostic::{self, Code, Diagnostic, Lang, Severity};
use crate::source::{decode, FileId, SourceMap, Span};
use crate::syntax::cst;
use crate::tr;
use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// Reads the files of a spec.
pub trait Loader {
    /// The canonical path of `path` (symbolic links resolved) and its
    /// bytes.
    fn load(&self, path: &Path) -> std::io::Result<(PathBuf, Vec<u8>)>;
}

/// Files held in memory, keyed by lexically normalised path.
#[derive(Clone, Debug, Default)]
pub struct MemoryLoader {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl MemoryLoader {
    pub fn new() -> MemoryLoader {
        MemoryLoader::default()
    }

    pub fn add(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) -> &mut MemoryLoader {
        self.files.insert(normalize(path.as_ref()), bytes.into());
        self
    }
}

impl Loader for MemoryLoader {
    fn load(&self, path: &Path) -> std::io::Result<(PathBuf, Vec<u8>)> {
        let key = normalize(path);
        match self.files.get(&key) {
            Some(bytes) => Ok((key, bytes.clone())),
            None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        }
    }
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Everything one compilation produced.
#[derive(Debug, Default)]
pub struct Compilation {
    pub sources: SourceMap,
    /// The concrete tree of each file, by [`FileId`] (for the formatter and
    /// the language server).
    pub files: Vec<cst::File>,
    pub spec: Spec,
    pub names: crate::resolve::Names,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    /// The language of the spec's labels and diagnostics.
    ///
    /// When the policy did not parse, its `language:` / `idioma:` line is
    /// still looked for in the root file, so that a Spanish spec with a
    /// broken policy gets its diagnostics in Spanish.
    pub fn lang(&self) -> Lang {
        if self.spec.policies.iter().any(|p| p.language.is_some()) {
            return self.spec.language();
        }
        let root = self.sources.get(FileId(0)).map_or("", |f| &f.text);
        root.lines()
            .filter_map(|line| {
                let (name, value) = line.trim().split_once(':')?;
                let name = crate::lang::strip_accents(name.trim());
                let value = value.split_whitespace().next()?;
                (name == "language" || name == "idioma")
                    .then(|| <Lang as crate::lang::Vocab>::from_word(value))
                    .flatten()
            })
            .next()
            .unwrap_or_default()
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
}

/// Compiles the spec whose root file is `root`, as the user named it (the
/// name appears in diagnostics; included files are named relative to it).
pub fn compile(root: &Path, loader: &dyn Loader) -> Compilation {
    let mut c = Compilation::default();
    let root_display = root.to_string_lossy().replace('\\', "/");
    let (root_canonical, bytes) = match loader.load(root) {
        Ok(loaded) => loaded,
        Err(err) => {
            // The CLI checks that the root is readable before it compiles;
            // a loader that fails here still gets a diagnostic.
            let file = c.sources.add(root_display, "");
            let why = err.to_string();
            c.diagnostics.push(
                Diagnostic::new(
                    Code::E0204,
                    tr!(
                        "cannot read the spec: {why}",
                        "no se puede leer la especificación: {why}"
                    ),
                )
                .primary(Span::new(file, 0, 0), None),
            );
            return c;
        }
    };
    let root_dir = root_canonical
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let display_dir = Path::new(&root_display)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();

    let mut loaded: HashSet<PathBuf> = HashSet::new();
    loaded.insert(root_canonical.clone());
    // Depth-first, in source order: (file bytes, display name, canonical
    // path, chain of including files).
    let mut work: Vec<(Vec<u8>, String, PathBuf, Vec<PathBuf>)> =
        vec![(bytes, root_display, root_canonical.clone(), Vec::new())];
    while let Some((bytes, display, canonical, chain)) = work.pop() {
        let (file, spec) = load_file(&mut c, &bytes, display);
        let mut chain = chain;
        chain.push(canonical.clone());
        let dir = canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut children = Vec::new();
        for include in &spec.includes {
            let written = &include.path.value;
            let span = include.path.span;
            match resolve_include(loader, &dir, &root_dir, written) {
                Err(d) => c.diagnostics.push(d.into_diagnostic(span, written)),
                Ok((canon, bytes)) => {
                    if let Some(pos) = chain.iter().position(|p| *p == canon) {
                        let cycle: Vec<String> = chain[pos..]
                            .iter()
                            .chain(std::iter::once(&canon))
                            .map(|p| display_name(&display_dir, &root_dir, p))
                            .collect();
                        let cycle = cycle.join(" → ");
                        c.diagnostics.push(
                            Diagnostic::new(
                                Code::E0204,
                                tr!("include cycle: {cycle}", "ciclo de inclusiones: {cycle}"),
                            )
                            .primary(
                                span,
                                tr!(
                                    "this include closes the cycle",
                                    "esta inclusión cierra el ciclo"
                                ),
                            )
                            .help(tr!(
                                "a file may be included once; remove this `include`",
                                "un archivo se incluye una sola vez; quite este `incluir`"
                            )),
                        );
                    } else if loaded.insert(canon.clone()) {
                        let name = display_name(&display_dir, &root_dir, &canon);
                        children.push((bytes, name, canon, chain.clone()));
                    }
                }
            }
        }
        let _ = file;
        c.spec.extend(spec);
        work.extend(children.into_iter().rev());
    }

    // A file that could not be read may hold any item: resolving names
    // without it would report its items as missing.
    if c.diagnostics.iter().any(|d| d.code == Code::E0001) {
        diagnostic::sort(&mut c.diagnostics);
        return c;
    }
    let (names, mut diagnostics) = crate::resolve::resolve(&c.spec, FileId(0));
    c.names = names;
    c.diagnostics.append(&mut diagnostics);
    // Warnings are reported once the spec has no errors: an error can make
    // a warning false (an agency whose `lead` reference is misspelt looks
    // unused; a stage written `destno` looks unaddressed), and a reviewer
    // must be able to trust every warning.
    let checks = crate::check::check(&c.spec);
    let has_errors = c
        .diagnostics
        .iter()
        .chain(&checks)
        .any(Diagnostic::is_error);
    c.diagnostics
        .extend(checks.into_iter().filter(|d| d.is_error() || !has_errors));
    diagnostic::sort(&mut c.diagnostics);
    c
}

/// Compiles one file held in memory (no includes can be found).
pub fn compile_str(name: &str, text: &str) -> Compilation {
    let mut loader = MemoryLoader::new();
    loader.add(name, text.as_bytes());
    compile(Path::new(name), &loader)
}

/// Decodes, parses and lowers one file.
fn load_file(c: &mut Compilation, bytes: &[u8], display: String) -> (FileId, Spec) {
    match decode(bytes) {
        Ok(text) => {
            let file = c.sources.add(display, text);
            let text = &c.sources.file(file).text;
            let (tree, mut diagnostics) = crate::syntax::parse(file, text);
            let (spec, mut more) = crate::lower::lower(&tree);
            c.diagnostics.append(&mut diagnostics);
            c.diagnostics.append(&mut more);
            c.files.push(tree);
            (file, spec)
        }
        Err(err) => {
            let offset = err.offset;
            let at = err.valid_prefix.len();
            let file = c.sources.add(display, err.valid_prefix);
            c.files.push(cst::File {
                id: file,
                ..cst::File::default()
            });
            c.diagnostics.push(
                Diagnostic::new(
                    Code::E0001,
                    tr!(
                        "the file is not valid UTF-8 (byte {offset})",
                        "el archivo no es UTF-8 válido (byte {offset})"
                    ),
                )
                .primary(
                    Span::new(file, at, at),
                    tr!("invalid byte here", "byte no válido aquí"),
                )
                .help(tr!(
                    "save the file as UTF-8 in your editor",
                    "guarde el archivo como UTF-8 en su editor"
                )),
            );
            (file, Spec::default())
        }
    }
}

enum IncludeError {
    Absolute,
    Outside,
    Missing,
    Unreadable(String),
}

impl IncludeError {
    fn into_diagnostic(self, span: Span, written: &str) -> Diagnostic {
        match self {
            IncludeError::Absolute => Diagnostic::new(
                Code::E0204,
                tr!("absolute include path `{written}`", "ruta de inclusión absoluta `{written}`"),
            )
            .primary(span, tr!("an absolute path", "una ruta absoluta"))
            .help(tr!(
                "include paths are relative to the including file and stay inside the root file's folder",
                "las rutas de inclusión son relativas al archivo que incluye y no salen de la carpeta del archivo raíz"
            )),
            IncludeError::Outside => Diagnostic::new(
                Code::E0204,
                tr!("`{written}` is outside the spec's folder", "`{written}` está fuera de la carpeta de la especificación"),
            )
            .primary(span, tr!("leaves the folder of the root file", "sale de la carpeta del archivo raíz"))
            .help(tr!(
                "a spec may include only files inside the folder of its root file; move or copy the file there",
                "una especificación solo puede incluir archivos dentro de la carpeta de su archivo raíz; mueva o copie el archivo allí"
            )),
            IncludeError::Missing => Diagnostic::new(
                Code::E0204,
                tr!("cannot find `{written}`", "no se encuentra `{written}`"),
            )
            .primary(span, tr!("no such file", "no existe el archivo"))
            .help(tr!(
                "the path is relative to the file that includes it",
                "la ruta es relativa al archivo que lo incluye"
            )),
            IncludeError::Unreadable(why) => Diagnostic::new(
                Code::E0204,
                tr!("cannot read `{written}`: {why}", "no se puede leer `{written}`: {why}"),
            )
            .primary(span, tr!("cannot be read", "no se puede leer")),
        }
    }
}

fn resolve_include(
    loader: &dyn Loader,
    dir: &Path,
    root_dir: &Path,
    written: &str,
) -> Result<(PathBuf, Vec<u8>), IncludeError> {
    let path = Path::new(written);
    if path.is_absolute() || written.starts_with(['/', '\\']) || path.has_root() {
        return Err(IncludeError::Absolute);
    }
    // A lexical check first, so that a missing file outside the folder is
    // reported as outside rather than missing.
    if !normalize(&dir.join(path)).starts_with(root_dir) {
        return Err(IncludeError::Outside);
    }
    let (canonical, bytes) = loader.load(&dir.join(path)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => IncludeError::Missing,
        _ => IncludeError::Unreadable(e.to_string()),
    })?;
    // Symbolic links are resolved in `canonical`.
    if !canonical.starts_with(root_dir) {
        return Err(IncludeError::Outside);
    }
    Ok((canonical, bytes))
}

/// An included file's name: the root's folder as the user wrote it, joined
/// with the file's path inside the root folder.
fn display_name(display_dir: &Path, root_dir: &Path, canonical: &Path) -> String {
    let rel = canonical.strip_prefix(root_dir).unwrap_or(canonical);
    display_dir.join(rel).to_string_lossy().replace('\\', "/")
}
