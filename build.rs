//! Build script: compiles the built-in catalogues (`catalogues/*.toml`)
//! into static Rust data.
//!
//! Every `catalogues/*.toml` file is read in file-name order, validated,
//! and written to `$OUT_DIR/catalogues.rs`, which `src/catalogue.rs`
//! includes. A catalogue that fails validation stops the build with a
//! message naming the file and the item. The output depends only on the
//! files' contents, so it is the same on every build.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

/// The folder holding the catalogue files, relative to the crate root.
const CATALOGUE_DIR: &str = "catalogues";

/// Item kinds a catalogue file may use, with the Rust variant each maps to.
const KINDS: [(&str, &str); 6] = [
    ("right", "Right"),
    ("principle", "Principle"),
    ("objective", "Objective"),
    ("target", "Target"),
    ("indicator", "Indicator"),
    ("provision", "Provision"),
];

/// A title in both languages: `title.en` and `title.es` in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Title {
    en: String,
    es: String,
}

/// One catalogue file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    name: String,
    title: Title,
    source: String,
    adopted: String,
    #[serde(default)]
    item: Vec<ItemFile>,
}

/// One `[[item]]` of a catalogue file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: String,
    kind: String,
    reference: String,
    title: Title,
    #[serde(default)]
    non_derogable: bool,
    #[serde(default)]
    note: String,
}

/// A catalogue that passed validation, ready to be written out.
struct Checked {
    name: String,
    title: Title,
    source: String,
    adopted: String,
    items: Vec<CheckedItem>,
}

/// An item that passed validation.
struct CheckedItem {
    id: String,
    variant: &'static str,
    reference: String,
    title: Title,
    non_derogable: bool,
    note: String,
}

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={CATALOGUE_DIR}");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprintln!("error: the built-in catalogues are invalid:");
            for error in &errors {
                eprintln!("  {error}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Vec<String>> {
    let files = catalogue_files().map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![format!(
            "{CATALOGUE_DIR}/: no *.toml catalogue files found"
        )]);
    }

    let mut errors = Vec::new();
    let mut catalogues = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        match load(path) {
            Ok(catalogue) => catalogues.push(catalogue),
            Err(mut file_errors) => errors.append(&mut file_errors),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| vec!["OUT_DIR is not set (build.rs must run under cargo)".to_string()])?;
    let out = out_dir.join("catalogues.rs");
    let code = generate(&catalogues);
    // Rewrite only when the content changed, so that an unchanged catalogue
    // does not make the crate recompile.
    if fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        fs::write(&out, code).map_err(|e| vec![format!("{}: cannot write: {e}", out.display())])?;
    }
    Ok(())
}

/// The `*.toml` files of the catalogue folder, sorted by file name.
fn catalogue_files() -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(CATALOGUE_DIR)
        .map_err(|e| format!("{CATALOGUE_DIR}/: cannot read the folder: {e}"))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{CATALOGUE_DIR}/: cannot read the folder: {e}"))?;
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Reads, parses and validates one catalogue file.
fn load(path: &Path) -> Result<Checked, Vec<String>> {
    let file = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| vec![format!("{file}: cannot read: {e}")])?;
    let parsed: CatalogueFile = toml::from_str(&text).map_err(|e| {
        vec![format!(
            "{file}: invalid TOML: {}",
            one_line(&e.to_string())
        )]
    })?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    validate(&file, stem, parsed)
}

/// Checks one parsed catalogue file; every problem found is reported.
fn validate(file: &str, stem: &str, parsed: CatalogueFile) -> Result<Checked, Vec<String>> {
    let mut errors = Vec::new();

    if !is_identifier(&parsed.name) {
        errors.push(format!(
            "{file}: catalogue name `{}` is not an identifier (letters, digits, `_`, starting with a letter)",
            parsed.name
        ));
    }
    if parsed.name != stem {
        errors.push(format!(
            "{file}: catalogue name `{}` must match the file name `{stem}.toml`",
            parsed.name
        ));
    }
    check_title(&mut errors, file, "catalogue", &parsed.title);
    if parsed.source.trim().is_empty() {
        errors.push(format!("{file}: `source` is empty"));
    }
    if !is_iso_date(&parsed.adopted) {
        errors.push(format!(
            "{file}: `adopted` is `{}`, expected a date YYYY-MM-DD",
            parsed.adopted
        ));
    }
    if parsed.item.is_empty() {
        errors.push(format!("{file}: the catalogue has no [[item]]"));
    }

    let mut seen = BTreeSet::new();
    let mut items = Vec::with_capacity(parsed.item.len());
    for (index, item) in parsed.item.into_iter().enumerate() {
        let what = if item.id.is_empty() {
            format!("item #{}", index + 1)
        } else {
            format!("item `{}`", item.id)
        };
        if !is_item_id(&item.id) {
            errors.push(format!(
                "{file}: {what}: id `{}` is not valid (segments of letters, digits, `_` or `-`, joined by `.`)",
                item.id
            ));
        }
        if !seen.insert(item.id.clone()) {
            errors.push(format!("{file}: {what}: duplicate id"));
        }
        let variant = KINDS
            .iter()
            .find(|(kind, _)| *kind == item.kind)
            .map(|(_, variant)| *variant);
        match variant {
            None => errors.push(format!(
                "{file}: {what}: unknown kind `{}` (expected one of: {})",
                item.kind,
                KINDS
                    .iter()
                    .map(|(kind, _)| *kind)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some(variant) if item.non_derogable && variant != "Right" => errors.push(format!(
                "{file}: {what}: `non_derogable = true` is only allowed on kind `right`, not `{}`",
                item.kind
            )),
            Some(_) => {}
        }
        if item.reference.trim().is_empty() {
            errors.push(format!("{file}: {what}: `reference` is empty"));
        }
        check_title(&mut errors, file, &what, &item.title);
        items.push(CheckedItem {
            id: item.id,
            variant: variant.unwrap_or("Right"),
            reference: item.reference,
            title: item.title,
            non_derogable: item.non_derogable,
            note: item.note.trim().to_string(),
        });
    }

    if errors.is_empty() {
        Ok(Checked {
            name: parsed.name,
            title: parsed.title,
            source: parsed.source,
            adopted: parsed.adopted,
            items,
        })
    } else {
        Err(errors)
    }
}

fn check_title(errors: &mut Vec<String>, file: &str, what: &str, title: &Title) {
    if title.en.trim().is_empty() {
        errors.push(format!("{file}: {what}: `title.en` is empty"));
    }
    if title.es.trim().is_empty() {
        errors.push(format!("{file}: {what}: `title.es` is empty"));
    }
}

/// A catalogue name: an ASCII letter, then ASCII letters, digits or `_`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An item id: non-empty segments joined by `.`; each segment is made of
/// letters, digits, `_` or `-` (`art25`, `o7`, `10.7.2`, `10.c.1`).
fn is_item_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let month: u32 = month.parse().unwrap_or(0);
    let day: u32 = day.parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Collapses a multi-line parser message onto one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Rust source of `$OUT_DIR/catalogues.rs`.
fn generate(catalogues: &[Checked]) -> String {
    let mut out = String::new();
    out.push_str("// @generated by build.rs from catalogues/*.toml. Do not edit.\n\n");
    for (index, catalogue) in catalogues.iter().enumerate() {
        let _ = writeln!(
            out,
            "static ITEMS_{index}: [CatalogueItem; {}] = [",
            catalogue.items.len()
        );
        for item in &catalogue.items {
            let path = format!("{}.{}", catalogue.name, item.id);
            let _ = writeln!(out, "    CatalogueItem {{");
            let _ = writeln!(out, "        catalogue: {:?},", catalogue.name.as_str());
            let _ = writeln!(out, "        path: {:?},", path.as_str());
            let _ = writeln!(out, "        kind: ItemKind::{},", item.variant);
            let _ = writeln!(out, "        reference: {:?},", item.reference.as_str());
            let _ = writeln!(out, "        title_en: {:?},", item.title.en.as_str());
            let _ = writeln!(out, "        title_es: {:?},", item.title.es.as_str());
            let _ = writeln!(out, "        non_derogable: {},", item.non_derogable);
            let _ = writeln!(out, "        note: {:?},", item.note.as_str());
            let _ = writeln!(out, "    }},");
        }
        out.push_str("];\n\n");
    }
    let _ = writeln!(
        out,
        "static CATALOGUES: [Catalogue; {}] = [",
        catalogues.len()
    );
    for (index, catalogue) in catalogues.iter().enumerate() {
        let _ = writeln!(out, "    Catalogue {{");
        let _ = writeln!(out, "        name: {:?},", catalogue.name.as_str());
        let _ = writeln!(out, "        title_en: {:?},", catalogue.title.en.as_str());
        let _ = writeln!(out, "        title_es: {:?},", catalogue.title.es.as_str());
        let _ = writeln!(out, "        source: {:?},", catalogue.source.as_str());
        let _ = writeln!(out, "        adopted: {:?},", catalogue.adopted.as_str());
        let _ = writeln!(out, "        items: &ITEMS_{index},");
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    out
}
