//! Names: the symbol table across all files, references and catalogues.
//!
//! Reports duplicate IDs (E0200), unresolved references (E0201), references
//! to an item of the wrong kind (E0202), catalogues unknown or not enabled
//! by `use` (E0203) and a spec without exactly one policy (E0205). An item
//! that failed to parse still has its ID in the table (when it could be
//! read), so references to it are not reported a second time.

use crate::ast::{Ref, Spec};
use crate::catalogue::{self, ItemKind as CatKind};
use crate::diagnostic::{did_you_mean, suggest, Code, Diagnostic, Lang, Text};
use crate::lang::{ItemKind, Vocab};
use crate::source::{FileId, Span};
use crate::tr;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What an ID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub kind: ItemKind,
    /// The span of the ID where the item is defined.
    pub span: Span,
    /// The item did not parse; only its header is known.
    pub broken: bool,
}

/// The symbol table of a spec.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub symbols: HashMap<String, Symbol>,
    /// Catalogues enabled with `use`.
    pub uses: BTreeSet<String>,
}

impl Names {
    pub fn get(&self, id: &str) -> Option<&Symbol> {
        self.symbols.get(id)
    }
}

/// What a field's references may name.
#[derive(Clone, Copy)]
struct Expect {
    /// The field, in English and Spanish: `lead` / `responsable`.
    field: (&'static str, &'static str),
    /// Kinds of the spec's own items it accepts.
    items: &'static [ItemKind],
    /// Catalogue items it accepts: none, rights only, or any.
    catalogue: CatalogueRefs,
    /// Whether a trailing `.*` pattern is allowed (in a scope).
    patterns: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CatalogueRefs {
    None,
    Rights,
    Any,
}

const fn expect(
    field: (&'static str, &'static str),
    items: &'static [ItemKind],
    catalogue: CatalogueRefs,
) -> Expect {
    Expect {
        field,
        items,
        catalogue,
        patterns: false,
    }
}

/// Builds the symbol table and checks every reference of the spec.
/// `root` is the file diagnostics about the spec as a whole point into.
pub fn resolve(spec: &Spec, root: FileId) -> (Names, Vec<Diagnostic>) {
    let mut r = Resolver {
        names: Names::default(),
        diagnostics: Vec::new(),
        missing_use: BTreeMap::new(),
        lang: spec.language(),
    };
    r.symbols(spec);
    r.policy_count(spec, root);
    r.uses(spec);
    r.references(spec);
    r.report_missing_uses(root);
    (r.names, r.diagnostics)
}

struct Resolver {
    names: Names,
    diagnostics: Vec<Diagnostic>,
    /// Catalogues referenced without `use`: every reference, by catalogue.
    missing_use: BTreeMap<String, Vec<Span>>,
    lang: Lang,
}

impl Resolver {
    fn symbols(&mut self, spec: &Spec) {
        for header in spec.headers() {
            let id = &header.id.value;
            match self.names.symbols.get(id) {
                Some(first) if !first.broken => {
                    let first = *first;
                    let (en, es) = (first.kind.noun(Lang::En), first.kind.noun(Lang::Es));
                    let d = Diagnostic::new(Code::E0200, tr!("duplicate ID `{id}`", "identificador duplicado `{id}`"))
                        .primary(header.id.span, tr!("defined again here", "definido de nuevo aquí"))
                        .secondary(first.span, tr!("first defined here ({en})", "definido primero aquí ({es})"))
                        .help(tr!(
                            "IDs are unique across the spec and its included files; rename one of them",
                            "los identificadores son únicos en la especificación y sus archivos incluidos; cambie el nombre de uno"
                        ));
                    self.diagnostics.push(d);
                }
                _ => {
                    self.names.symbols.insert(
                        id.clone(),
                        Symbol {
                            kind: header.kind,
                            span: header.id.span,
                            broken: false,
                        },
                    );
                }
            }
        }
        for broken in &spec.broken {
            self.names
                .symbols
                .entry(broken.id.value.clone())
                .or_insert(Symbol {
                    kind: broken.kind,
                    span: broken.id.span,
                    broken: true,
                });
        }
    }

    fn policy_count(&mut self, spec: &Spec, root: FileId) {
        let broken_policy = spec.broken.iter().any(|b| b.kind == ItemKind::Policy);
        match spec.policies.as_slice() {
            [] if broken_policy => {}
            [] => {
                let d = Diagnostic::new(Code::E0205, tr!("the spec has no policy", "la especificación no tiene política"))
                    .primary(Span::new(root, 0, 0), tr!("no `policy` item in this spec", "no hay un elemento `política` en esta especificación"))
                    .help(tr!(
                        "a spec describes one policy: add `policy ID \"title\" {{ horizon: 2025-01-01 .. 2030-12-31 }}`",
                        "una especificación describe una política: agregue `política ID \"título\" {{ horizonte: 2025-01-01 .. 2030-12-31 }}`"
                    ));
                self.diagnostics.push(d);
            }
            [_] => {}
            [first, rest @ ..] => {
                for extra in rest {
                    let id = &extra.header.id.value;
                    let d = Diagnostic::new(Code::E0205, tr!("a second policy `{id}`", "una segunda política `{id}`"))
                        .primary(extra.header.keyword.to(extra.header.id.span), tr!("another policy", "otra política"))
                        .secondary(first.header.keyword.to(first.header.id.span), tr!("the spec's policy", "la política de la especificación"))
                        .help(tr!(
                            "a spec describes exactly one policy; split the others into their own specs",
                            "una especificación describe exactamente una política; separe las demás en sus propias especificaciones"
                        ));
                    self.diagnostics.push(d);
                }
            }
        }
    }

    fn uses(&mut self, spec: &Spec) {
        for u in &spec.uses {
            let name = &u.catalogue.value;
            if catalogue::catalogue(name).is_some() {
                self.names.uses.insert(name.clone());
                continue;
            }
            let known: Vec<&str> = catalogue::all().iter().map(|c| c.name).collect();
            let options = suggest(name, known.iter().copied());
            let mut d = Diagnostic::new(
                Code::E0203,
                tr!(
                    "unknown catalogue `{name}`",
                    "catálogo desconocido `{name}`"
                ),
            )
            .primary(
                u.catalogue.span,
                tr!("not a built-in catalogue", "no es un catálogo incorporado"),
            );
            d = match did_you_mean(&options) {
                Some(help) => match options.first() {
                    Some(best) => d.help(help).fix(u.catalogue.span, *best),
                    None => d.help(help),
                },
                None => d.help(tr!(
                    "the built-in catalogues are `icrmw`, `gcm`, `migof` and `sdg`",
                    "los catálogos incorporados son `icrmw`, `gcm`, `migof` y `sdg`"
                )),
            };
            self.diagnostics.push(d);
        }
    }

    fn references(&mut self, spec: &Spec) {
        use CatalogueRefs as C;
        use ItemKind as K;
        for p in &spec.policies {
            if let Some(scope) = &p.scope {
                let e = Expect {
                    patterns: true,
                    ..expect(("rights", "derechos"), &[K::Right], C::Rights)
                };
                self.refs(&scope.rights, e);
            }
        }
        for a in &spec.agencies {
            self.refs(
                a.parent.as_slice(),
                expect(("parent", "adscrita_a"), &[K::Agency], C::None),
            );
        }
        for p in &spec.principles {
            self.refs(&p.grounds, expect(("grounds", "fundamentos"), &[], C::Any));
        }
        for c in &spec.commitments {
            self.refs(
                &c.principles,
                expect(("principles", "principios"), &[K::Principle], C::None),
            );
            self.refs(
                &c.rights,
                expect(("rights", "derechos"), &[K::Right], C::Rights),
            );
            self.refs(
                &c.restricts,
                expect(("restricts", "restringe"), &[K::Right], C::Rights),
            );
            self.refs(
                c.lead.as_slice(),
                expect(("lead", "responsable"), &[K::Agency], C::None),
            );
            self.refs(
                &c.support,
                expect(("support", "apoyo"), &[K::Agency], C::None),
            );
            self.refs(
                &c.depends_on,
                expect(("depends_on", "depende_de"), &[K::Commitment], C::None),
            );
            self.refs(&c.aligns, expect(("aligns", "alinea"), &[], C::Any));
            self.refs(
                &c.evidence,
                expect(("evidence", "evidencia"), &[K::Evidence], C::None),
            );
        }
        for k in &spec.consultations {
            self.refs(
                &k.participants,
                expect(
                    ("participants", "participantes"),
                    &[K::Agency, K::Stakeholder],
                    C::None,
                ),
            );
            self.refs(
                &k.covers,
                expect(
                    ("covers", "abarca"),
                    &[K::Commitment, K::Principle],
                    C::None,
                ),
            );
        }
    }

    fn refs(&mut self, refs: &[Ref], e: Expect) {
        for r in refs {
            if r.is_path() {
                self.path(r, e);
            } else {
                self.id(r, e);
            }
        }
    }

    /// What the field takes, for messages: "an agency" / "una institución".
    fn wanted(e: Expect) -> Text {
        let mut en: Vec<String> = e
            .items
            .iter()
            .map(|k| format!("{} {}", article_en(k.noun(Lang::En)), k.noun(Lang::En)))
            .collect();
        let mut es: Vec<String> = e
            .items
            .iter()
            .map(|k| format!("{} {}", article_es(*k), k.noun(Lang::Es)))
            .collect();
        match e.catalogue {
            CatalogueRefs::None => {}
            CatalogueRefs::Rights => {
                en.push("a catalogue right such as `icrmw.art25`".into());
                es.push("un derecho de catálogo como `icrmw.art25`".into());
            }
            CatalogueRefs::Any => {
                en.push("a catalogue item such as `gcm.o7`".into());
                es.push("un elemento de catálogo como `gcm.o7`".into());
            }
        }
        Text::new(join(&en, "or"), join(&es, "o"))
    }

    fn id(&mut self, r: &Ref, e: Expect) {
        let name = &r.name;
        let (field_en, field_es) = e.field;
        match self.names.symbols.get(name).copied() {
            Some(sym) if sym.broken => {}
            Some(sym) if e.items.contains(&sym.kind) => {}
            Some(sym) => {
                let wanted = Self::wanted(e);
                let (is_en, is_es) = (sym.kind.noun(Lang::En), sym.kind.noun(Lang::Es));
                let a_en = article_en(is_en);
                let a_es = article_es(sym.kind);
                let mut d = Diagnostic::new(
                    Code::E0202,
                    Text::new(
                        format!(
                            "`{field_en}` takes {}, but `{name}` is {a_en} {is_en}",
                            wanted.en
                        ),
                        format!(
                            "`{field_es}` lleva {}, pero `{name}` es {a_es} {is_es}",
                            wanted.es
                        ),
                    ),
                )
                .primary(r.span, tr!("{a_en} {is_en}", "{a_es} {is_es}"))
                .secondary(
                    sym.span,
                    tr!("`{name}` is defined here", "`{name}` se define aquí"),
                );
                let options = self.candidates(name, e);
                let help = did_you_mean(&options.iter().map(String::as_str).collect::<Vec<_>>())
                    .or_else(|| self.inventory(e));
                if let Some(help) = help {
                    d = d.help(help);
                }
                self.diagnostics.push(d);
            }
            None => {
                let wanted = Self::wanted(e);
                let mut d = Diagnostic::new(
                    Code::E0201,
                    tr!(
                        "unresolved reference `{name}`",
                        "referencia sin resolver `{name}`"
                    ),
                )
                .primary(
                    r.span,
                    Text::new(
                        format!("no item has this ID (`{field_en}` takes {})", wanted.en),
                        format!(
                            "ningún elemento tiene este identificador (`{field_es}` lleva {})",
                            wanted.es
                        ),
                    ),
                );
                let options = self.candidates(name, e);
                match did_you_mean(&options.iter().map(String::as_str).collect::<Vec<_>>()) {
                    Some(help) => {
                        d = d.help(help);
                        if let Some(best) = options.first() {
                            d = d.fix(r.span, best.clone());
                        }
                    }
                    None => {
                        d = d.help(tr!(
                            "define the item, or check the ID (IDs are case-sensitive)",
                            "defina el elemento o revise el identificador (se distinguen mayúsculas y minúsculas)"
                        ));
                    }
                }
                self.diagnostics.push(d);
            }
        }
    }

    /// "the agencies of this spec are `A`, `B`": a list of what the field
    /// can name, when no near miss suggests itself (at most eight IDs).
    fn inventory(&self, e: Expect) -> Option<Text> {
        let mut ids: Vec<&str> = self
            .names
            .symbols
            .iter()
            .filter(|(_, s)| e.items.contains(&s.kind))
            .map(|(id, _)| id.as_str())
            .collect();
        if ids.is_empty() {
            return None;
        }
        ids.sort_unstable();
        let more = ids.len().saturating_sub(8);
        let mut list = ids
            .iter()
            .take(8)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if more > 0 {
            list.push_str(&format!(" (+{more})"));
        }
        Some(tr!("it can name {list}", "puede nombrar {list}"))
    }

    /// IDs of the right kind that look like `name`.
    fn candidates(&self, name: &str, e: Expect) -> Vec<String> {
        let mut ids: Vec<&str> = self
            .names
            .symbols
            .iter()
            .filter(|(_, s)| e.items.contains(&s.kind))
            .map(|(id, _)| id.as_str())
            .collect();
        ids.sort_unstable();
        let lower = name.to_lowercase();
        // A difference of case alone is the most likely slip.
        if let Some(same) = ids.iter().find(|id| id.to_lowercase() == lower) {
            return vec![(*same).to_owned()];
        }
        suggest(name, ids).into_iter().map(str::to_owned).collect()
    }

    fn path(&mut self, r: &Ref, e: Expect) {
        let path = &r.name;
        let (field_en, field_es) = e.field;
        if e.catalogue == CatalogueRefs::None {
            let wanted = Self::wanted(e);
            let d = Diagnostic::new(
                Code::E0202,
                Text::new(
                    format!("`{field_en}` takes {}, not a catalogue path", wanted.en),
                    format!("`{field_es}` lleva {}, no una ruta de catálogo", wanted.es),
                ),
            )
            .primary(r.span, tr!("a catalogue path", "una ruta de catálogo"));
            self.diagnostics.push(d);
            return;
        }
        let cat_name = path.split('.').next().unwrap_or_default();
        let Some(cat) = catalogue::catalogue(cat_name) else {
            let known: Vec<&str> = catalogue::all().iter().map(|c| c.name).collect();
            let options = suggest(cat_name, known.iter().copied());
            let mut d = Diagnostic::new(
                Code::E0203,
                tr!(
                    "unknown catalogue `{cat_name}`",
                    "catálogo desconocido `{cat_name}`"
                ),
            )
            .primary(
                r.span,
                tr!(
                    "no built-in catalogue has this name",
                    "ningún catálogo incorporado tiene este nombre"
                ),
            );
            d = d.help(did_you_mean(&options).unwrap_or(tr!(
                "the built-in catalogues are `icrmw`, `gcm`, `migof` and `sdg`",
                "los catálogos incorporados son `icrmw`, `gcm`, `migof` y `sdg`"
            )));
            self.diagnostics.push(d);
            return;
        };
        if !self.names.uses.contains(cat.name) {
            self.missing_use
                .entry(cat.name.to_owned())
                .or_default()
                .push(r.span);
            return;
        }
        if path.ends_with('*') {
            if !e.patterns {
                let d = Diagnostic::new(
                    Code::E0201,
                    tr!(
                        "a pattern `{path}` cannot be used here",
                        "un patrón `{path}` no se puede usar aquí"
                    ),
                )
                .primary(
                    r.span,
                    tr!(
                        "patterns select rights in a `scope`",
                        "los patrones seleccionan derechos en un `alcance`"
                    ),
                )
                .help(tr!(
                    "name the catalogue items one by one",
                    "nombre los elementos del catálogo uno por uno"
                ));
                self.diagnostics.push(d);
            } else if catalogue::select(path).is_empty() {
                let d = Diagnostic::new(
                    Code::E0201,
                    tr!(
                        "the pattern `{path}` selects nothing",
                        "el patrón `{path}` no selecciona nada"
                    ),
                )
                .primary(
                    r.span,
                    tr!(
                        "no catalogue item has this prefix",
                        "ningún elemento de catálogo tiene este prefijo"
                    ),
                );
                self.diagnostics.push(d);
            }
            return;
        }
        let Some(item) = catalogue::item(path) else {
            let cat = cat.name;
            let options: Vec<&str> = catalogue::suggest(path)
                .into_iter()
                .filter(|p| p.starts_with(cat))
                .collect();
            let mut d = Diagnostic::new(
                Code::E0201,
                tr!(
                    "`{path}` is not in the catalogue `{cat}`",
                    "`{path}` no está en el catálogo `{cat}`"
                ),
            )
            .primary(
                r.span,
                tr!(
                    "no such catalogue item",
                    "no existe ese elemento de catálogo"
                ),
            );
            if let Some(help) = did_you_mean(&options) {
                d = d.help(help);
                if let Some(best) = options.first() {
                    d = d.fix(r.span, *best);
                }
            }
            self.diagnostics.push(d);
            return;
        };
        // ICRMW articles 34 and 35 are provisions, not rights of the migrant
        // (CATALOGUES.md), but LANGUAGE.md lists them among the articles a
        // spec may cite as rights: accepted, and left out of `icrmw.*`.
        if e.catalogue == CatalogueRefs::Rights
            && !matches!(item.kind, CatKind::Right | CatKind::Provision)
        {
            let (is_en, is_es) = (item.kind.label(false), item.kind.label(true));
            let a_en = article_en(is_en);
            let d = Diagnostic::new(
                Code::E0202,
                tr!(
                    "`{field_en}` takes rights, but `{path}` is {a_en} {is_en}",
                    "`{field_es}` lleva derechos, pero `{path}` es un/una {is_es}"
                ),
            )
            .primary(
                r.span,
                Text::new(
                    format!("{a_en} {is_en}: {}", item.title_en),
                    format!("{is_es}: {}", item.title_es),
                ),
            )
            .help(tr!(
                "cite objectives and indicators under `aligns`, rights under `rights`",
                "cite objetivos e indicadores en `alinea` y derechos en `derechos`"
            ));
            self.diagnostics.push(d);
        }
    }

    /// One E0203 per catalogue referenced without `use`, on its first
    /// reference.
    fn report_missing_uses(&mut self, root: FileId) {
        let missing = std::mem::take(&mut self.missing_use);
        for (cat, spans) in missing {
            let Some(&first) = spans.first() else {
                continue;
            };
            let more = spans.len() - 1;
            let (use_en, use_es) = (
                crate::lang::ItemKind::Use.word(Lang::En),
                crate::lang::ItemKind::Use.word(Lang::Es),
            );
            let mut d = Diagnostic::new(
                Code::E0203,
                tr!(
                    "catalogue `{cat}` is not in `use`",
                    "el catálogo `{cat}` no está en `usar`"
                ),
            )
            .primary(first, tr!("`{cat}` is used here", "`{cat}` se usa aquí"));
            for span in spans.iter().skip(1).take(2) {
                d = d.secondary(*span, tr!("and here", "y aquí"));
            }
            let also = match more {
                0 => Text::default(),
                1 => tr!(" (used once more)", " (se usa una vez más)"),
                _ => tr!(" (used {more} more times)", " (se usa {more} veces más)"),
            };
            let insert = match self.lang {
                Lang::En => format!("{use_en} {cat}\n"),
                Lang::Es => format!("{use_es} {cat}\n"),
            };
            d = d
                .help(Text::new(
                    format!("add `{use_en} {cat}` to the spec{}", also.en),
                    format!("agregue `{use_es} {cat}` a la especificación{}", also.es),
                ))
                .fix(Span::new(root, 0, 0), insert);
            self.diagnostics.push(d);
        }
    }
}

fn article_en(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn article_es(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Policy
        | ItemKind::Agency
        | ItemKind::Target
        | ItemKind::Consultation
        | ItemKind::Evidence => "una",
        _ => "un",
    }
}

fn join(parts: &[String], or: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}
