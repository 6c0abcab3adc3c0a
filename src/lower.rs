//! Concrete tree → typed AST.
//!
//! The grammar is generic; this module knows the items of the language, the
//! fields of each (in English and Spanish) and the values they take. It
//! reports unknown, repeated and missing fields (E0102–E0104), bad literals
//! (E0101), unknown enum values (E0105) and values of the wrong type
//! (E0106), each with a suggestion where one fits, and keeps going: a bad
//! field is left out of the AST, the rest of the item is kept.

mod currency;
mod schema;

use crate::ast::*;
use crate::diagnostic::{did_you_mean, suggest, suggest_keyed, Code, Diagnostic, Text};
use crate::lang::{ItemKind, Vocab};
use crate::source::Span;
use crate::syntax::cst::{self, Entry, LiteralKind, ValueKind};
use crate::tr;
use schema::{FieldDef, Shape};

pub use currency::is_known as is_known_currency;

/// Lowers one parsed file.
pub fn lower(file: &cst::File) -> (Spec, Vec<Diagnostic>) {
    let mut lw = Lowerer::default();
    for item in &file.items {
        lw.item(item);
    }
    for broken in &file.broken {
        if let (Some(kw), Some(name)) = (&broken.keyword, &broken.name) {
            if let Some(kind) = ItemKind::from_word(&kw.text) {
                lw.spec.broken.push(Broken {
                    kind,
                    id: Spanned::new(name.text.clone(), name.span),
                });
            }
        }
    }
    (lw.spec, lw.diagnostics)
}

#[derive(Default)]
struct Lowerer {
    spec: Spec,
    diagnostics: Vec<Diagnostic>,
}

/// The entries of a block, sorted by field.
struct Fields<'a> {
    defs: &'static [FieldDef],
    found: Vec<Vec<&'a Entry>>,
}

impl<'a> Fields<'a> {
    fn index(&self, en: &str) -> usize {
        self.defs
            .iter()
            .position(|d| d.en == en)
            .unwrap_or(usize::MAX)
    }

    fn entries(&self, en: &str) -> &[&'a Entry] {
        self.found.get(self.index(en)).map_or(&[], |v| v.as_slice())
    }

    /// The value of a field given once (the first one when repeated).
    fn value(&self, en: &str) -> Option<&'a cst::Value> {
        self.values(en).into_iter().next()
    }

    fn values(&self, en: &str) -> Vec<&'a cst::Value> {
        self.entries(en)
            .iter()
            .filter_map(|e| match e {
                Entry::Field(f) => Some(&f.value),
                _ => None,
            })
            .collect()
    }

    fn block(&self, en: &str) -> Option<(&'a cst::Word, &'a cst::Block)> {
        self.entries(en).iter().find_map(|e| match e {
            Entry::Block { name, block } => Some((name, block)),
            _ => None,
        })
    }

    fn items(&self, en: &str) -> Vec<&'a cst::Item> {
        self.entries(en)
            .iter()
            .filter_map(|e| match e {
                Entry::Item(i) => Some(i),
                _ => None,
            })
            .collect()
    }
}

/// What to call an item in a message: "`commitment C4`".
fn item_label(item: &cst::Item) -> String {
    match &item.name {
        Some(n) => format!("`{} {}`", item.keyword.text, n.text),
        None => format!("`{}`", item.keyword.text),
    }
}

/// The span of an item's keyword and ID: where "missing field" points.
fn header_span(item: &cst::Item) -> Span {
    match &item.name {
        Some(n) => item.keyword.span.to(n.span),
        None => item.keyword.span,
    }
}

impl Lowerer {
    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn item(&mut self, item: &cst::Item) {
        let Some(kind) = ItemKind::from_word(&item.keyword.text) else {
            self.unknown_item(item);
            return;
        };
        match kind {
            ItemKind::Use => self.use_item(item),
            ItemKind::Include => self.include_item(item),
            ItemKind::Target => {
                let d = Diagnostic::new(
                    Code::E0100,
                    tr!(
                        "a target belongs inside a commitment",
                        "una meta va dentro de un compromiso"
                    ),
                )
                .primary(
                    item.keyword.span,
                    tr!("target outside a commitment", "meta fuera de un compromiso"),
                )
                .help(tr!(
                    "move this block into the `commitment` whose progress it measures",
                    "mueva este bloque al `compromiso` cuyo avance mide"
                ));
                self.push(d);
            }
            _ => {
                let Some(header) = self.header(kind, item) else {
                    return;
                };
                let fields = self.fields(item, schema::for_kind(kind));
                match kind {
                    ItemKind::Policy => {
                        let p = self.policy(header, &fields);
                        self.spec.policies.push(p);
                    }
                    ItemKind::Agency => {
                        let a = Agency {
                            header,
                            sector: fields.value("sector").and_then(|v| self.text(v)),
                            parent: fields.value("parent").and_then(|v| self.reference(v)),
                        };
                        self.spec.agencies.push(a);
                    }
                    ItemKind::Principle => {
                        let p = Principle {
                            header,
                            description: fields.value("description").and_then(|v| self.text(v)),
                            grounds: self.refs(fields.value("grounds")),
                        };
                        self.spec.principles.push(p);
                    }
                    ItemKind::Right => {
                        let r = Right {
                            header,
                            description: fields.value("description").and_then(|v| self.text(v)),
                            non_derogable: fields
                                .value("non_derogable")
                                .and_then(|v| self.boolean(v)),
                        };
                        self.spec.rights.push(r);
                    }
                    ItemKind::Commitment => {
                        let c = self.commitment(header, &fields);
                        self.spec.commitments.push(c);
                    }
                    ItemKind::Stakeholder => {
                        let s = Stakeholder {
                            header,
                            kind: fields
                                .value("kind")
                                .and_then(|v| self.word::<StakeholderKind>(v)),
                        };
                        self.spec.stakeholders.push(s);
                    }
                    ItemKind::Consultation => {
                        let c = Consultation {
                            header,
                            date: fields.value("date").and_then(|v| self.date(v)),
                            participants: self.refs(fields.value("participants")),
                            covers: self.refs(fields.value("covers")),
                            outcome: fields.value("outcome").and_then(|v| self.text(v)),
                        };
                        self.spec.consultations.push(c);
                    }
                    ItemKind::Evidence => {
                        let e = Evidence {
                            header,
                            kind: fields
                                .value("kind")
                                .and_then(|v| self.word::<EvidenceKind>(v)),
                            year: fields.value("year").and_then(|v| self.year(v)),
                            url: fields.value("url").and_then(|v| self.text(v)),
                        };
                        self.spec.evidence.push(e);
                    }
                    ItemKind::Use | ItemKind::Include | ItemKind::Target => {}
                }
            }
        }
    }

    fn unknown_item(&mut self, item: &cst::Item) {
        let word = &item.keyword.text;
        let candidates: Vec<&str> = ItemKind::WORDS
            .iter()
            .filter(|(k, _, _)| k.is_top_level())
            .flat_map(|(_, en, es)| [*en, *es])
            .collect();
        let options = suggest(word, candidates);
        // `Policy P …`, `comitment C2 …`: for names, the item is taken to
        // be the kind it most likely meant, so that references to it (or
        // the policy it is) are not reported a second time.
        if let (Some(kind), Some(name)) = (
            options.first().and_then(|w| ItemKind::from_word(w)),
            &item.name,
        ) {
            self.spec.broken.push(Broken {
                kind,
                id: Spanned::new(name.text.clone(), name.span),
            });
        }
        let mut d = Diagnostic::new(
            Code::E0100,
            tr!("unknown item `{word}`", "elemento desconocido `{word}`"),
        )
        .primary(
            item.keyword.span,
            tr!(
                "not an item of the language",
                "no es un elemento del lenguaje"
            ),
        );
        match did_you_mean(&options) {
            Some(help) => {
                d = d.help(help);
                if let Some(best) = options.first() {
                    d = d.fix(item.keyword.span, *best);
                }
            }
            None => {
                d = d.help(tr!(
                    "items are `policy`, `use`, `include`, `agency`, `principle`, `right`, `commitment`, `stakeholder`, `consultation` and `evidence`",
                    "los elementos son `política`, `usar`, `incluir`, `institución`, `principio`, `derecho`, `compromiso`, `actor`, `consulta` y `evidencia`"
                ));
            }
        }
        self.push(d);
    }

    /// The header of an item with an ID; `None` (and a diagnostic) when the
    /// ID is missing or malformed.
    fn header(&mut self, kind: ItemKind, item: &cst::Item) -> Option<Header> {
        let kw = &item.keyword.text;
        let Some(name) = &item.name else {
            let en = kind.noun(crate::diagnostic::Lang::En);
            let es = kind.noun(crate::diagnostic::Lang::Es);
            let d = Diagnostic::new(
                Code::E0100,
                tr!(
                    "expected an ID after `{kw}`",
                    "se esperaba un identificador después de `{kw}`"
                ),
            )
            .primary(
                item.keyword.span,
                tr!(
                    "this {en} has no ID",
                    "este elemento ({es}) no tiene identificador"
                ),
            )
            .help(tr!(
                "write `{kw} ID \"title\" {{ … }}`, e.g. `{kw} C1 \"…\"`",
                "escriba `{kw} ID \"título\" {{ … }}`, p. ej. `{kw} C1 \"…\"`"
            ));
            self.push(d);
            return None;
        };
        if name.text.contains('.') {
            let id = &name.text;
            let d = Diagnostic::new(Code::E0100, tr!("invalid ID `{id}`", "identificador no válido `{id}`"))
                .primary(name.span, tr!("an ID cannot contain `.`", "un identificador no puede contener `.`"))
                .help(tr!(
                    "IDs are letters, digits, `_` and `-`; dotted paths name catalogue items",
                    "los identificadores usan letras, dígitos, `_` y `-`; las rutas con puntos nombran elementos de catálogo"
                ));
            self.push(d);
            return None;
        }
        let title = item.title.as_ref().and_then(|t| self.string_literal(t));
        Some(Header {
            kind,
            id: Spanned::new(name.text.clone(), name.span),
            title,
            doc: item.doc.clone(),
            keyword: item.keyword.span,
            span: item.span,
        })
    }

    fn use_item(&mut self, item: &cst::Item) {
        let kw = &item.keyword.text;
        match (&item.name, &item.title, &item.body) {
            (Some(name), None, None) => self.spec.uses.push(Use {
                catalogue: Spanned::new(name.text.clone(), name.span),
                span: item.span,
            }),
            _ => {
                let d = Diagnostic::new(
                    Code::E0100,
                    tr!(
                        "`{kw}` takes the name of a catalogue",
                        "`{kw}` lleva el nombre de un catálogo"
                    ),
                )
                .primary(
                    item.span,
                    tr!("expected `{kw} CATALOGUE`", "se esperaba `{kw} CATÁLOGO`"),
                )
                .help(tr!(
                    "the built-in catalogues are `icrmw`, `gcm`, `migof` and `sdg`: `{kw} icrmw`",
                    "los catálogos incorporados son `icrmw`, `gcm`, `migof` y `sdg`: `{kw} icrmw`"
                ));
                self.push(d);
            }
        }
    }

    fn include_item(&mut self, item: &cst::Item) {
        let kw = &item.keyword.text;
        let path = match (&item.name, &item.title, &item.body) {
            (None, Some(t), None) => self.string_literal(t),
            _ => None,
        };
        match path {
            Some(path) => self.spec.includes.push(Include {
                path,
                span: item.span,
            }),
            None if item.title.is_some() && item.name.is_none() && item.body.is_none() => {}
            None => {
                let d = Diagnostic::new(
                    Code::E0100,
                    tr!(
                        "`{kw}` takes a quoted file name",
                        "`{kw}` lleva un nombre de archivo entre comillas"
                    ),
                )
                .primary(
                    item.span,
                    tr!(
                        "expected `{kw} \"file.pacta\"`",
                        "se esperaba `{kw} \"archivo.pacta\"`"
                    ),
                );
                self.push(d);
            }
        }
    }

    /// Sorts a block's entries by field, reporting unknown, repeated and
    /// missing fields and entries of the wrong shape.
    fn fields<'a>(&mut self, item: &'a cst::Item, defs: &'static [FieldDef]) -> Fields<'a> {
        let entries = item.body.as_ref().map_or(&[][..], |b| b.entries.as_slice());
        self.sort_entries(&item_label(item), header_span(item), entries, defs)
    }

    fn sort_entries<'a>(
        &mut self,
        owner: &str,
        owner_span: Span,
        entries: &'a [Entry],
        defs: &'static [FieldDef],
    ) -> Fields<'a> {
        let mut found: Vec<Vec<&'a Entry>> = vec![Vec::new(); defs.len()];
        // Fields a misspelt name most likely meant: not reported missing
        // again (`responsble: X` is one mistake, not two).
        let mut meant = Vec::new();
        for entry in entries {
            let name = entry.name();
            let Some(index) = defs.iter().position(|d| d.matches(&name.text)) else {
                meant.extend(self.unknown_field(owner, entry, defs));
                continue;
            };
            let def = &defs[index];
            if !self.shape_fits(def, entry) {
                // Written, if badly: not missing as well.
                meant.push(index);
                continue;
            }
            if let (false, Some(first)) = (def.repeatable, found[index].first()) {
                let word = &name.text;
                let d = Diagnostic::new(
                    Code::E0103,
                    tr!("field `{word}` given twice in {owner}", "campo `{word}` repetido en {owner}"),
                )
                .primary(entry.span(), tr!("given again here", "repetido aquí"))
                .secondary(first.span(), tr!("first given here", "dado por primera vez aquí"))
                .help(tr!(
                    "keep one `{word}`; a field takes a single value (use a list `[a, b]` for several)",
                    "deje un solo `{word}`; el campo lleva un único valor (use una lista `[a, b]` para varios)"
                ));
                self.push(d);
                continue;
            }
            found[index].push(entry);
        }
        for (i, (def, entries)) in defs.iter().zip(&found).enumerate() {
            if def.required && entries.is_empty() && !meant.contains(&i) {
                let (en, es) = (def.en, def.es);
                let (ex_en, ex_es) = def.example;
                let d = Diagnostic::new(
                    Code::E0104,
                    tr!("{owner} has no `{en}`", "{owner} no tiene `{es}`"),
                )
                .primary(
                    owner_span,
                    tr!("`{en}` is required", "`{es}` es obligatorio"),
                )
                .help(tr!("add `{en}: {ex_en}`", "agregue `{es}: {ex_es}`"));
                self.push(d);
            }
        }
        Fields { defs, found }
    }

    /// Reports an unknown field; returns the field it most likely meant.
    fn unknown_field(
        &mut self,
        owner: &str,
        entry: &Entry,
        defs: &'static [FieldDef],
    ) -> Option<usize> {
        let name = entry.name();
        let word = &name.text;
        let keyed = suggest_keyed(
            word,
            defs.iter()
                .enumerate()
                .flat_map(|(i, d)| [(i, d.en), (i, d.es)]),
        );
        let meant = keyed.first().map(|(i, _)| *i);
        let options: Vec<&str> = keyed.iter().map(|(_, w)| *w).collect();
        let mut d = Diagnostic::new(
            Code::E0102,
            tr!(
                "unknown field `{word}` in {owner}",
                "campo desconocido `{word}` en {owner}"
            ),
        )
        .primary(name.span, tr!("unknown field", "campo desconocido"));
        match did_you_mean(&options) {
            Some(help) => {
                d = d.help(help);
                if let Some(best) = options.first() {
                    d = d.fix(name.span, *best);
                }
            }
            None => {
                let en = defs
                    .iter()
                    .map(|d| format!("`{}`", d.en))
                    .collect::<Vec<_>>()
                    .join(", ");
                let es = defs
                    .iter()
                    .map(|d| format!("`{}`", d.es))
                    .collect::<Vec<_>>()
                    .join(", ");
                d = d.help(tr!("the fields here are {en}", "los campos aquí son {es}"));
            }
        }
        self.push(d);
        meant
    }

    /// Is the entry written the way its field is (a value, a block, an item)?
    fn shape_fits(&mut self, def: &FieldDef, entry: &Entry) -> bool {
        let word = &entry.name().text;
        let d = match (def.shape, entry) {
            (Shape::Value, Entry::Field(_))
            | (Shape::Block, Entry::Block { .. })
            | (Shape::Item, Entry::Item(_)) => return true,
            (Shape::Value, Entry::Item(_)) => {
                // `lead DGME`: the colon is missing.
                let end = entry.name().span;
                let insert = Span::new(end.file, end.end, end.end);
                Diagnostic::new(
                    Code::E0100,
                    tr!(
                        "expected `:` after `{word}`",
                        "se esperaba `:` después de `{word}`"
                    ),
                )
                .primary(
                    entry.name().span,
                    tr!("this field has no `:`", "a este campo le falta `:`"),
                )
                .help(tr!("write `{word}: …`", "escriba `{word}: …`"))
                .fix(insert, ":")
            }
            (Shape::Value, Entry::Block { .. }) => Diagnostic::new(
                Code::E0106,
                tr!(
                    "`{word}` takes a value, not a block",
                    "`{word}` lleva un valor, no un bloque"
                ),
            )
            .primary(entry.span(), tr!("a block here", "un bloque aquí"))
            .help(tr!("write `{word}: …`", "escriba `{word}: …`")),
            (Shape::Block, _) => Diagnostic::new(
                Code::E0106,
                tr!("`{word}` is a block", "`{word}` es un bloque"),
            )
            .primary(
                entry.span(),
                tr!("expected `{word} {{ … }}`", "se esperaba `{word} {{ … }}`"),
            )
            .help(tr!(
                "write its fields between braces: `{word} {{ … }}`",
                "escriba sus campos entre llaves: `{word} {{ … }}`"
            )),
            (Shape::Item, _) => Diagnostic::new(
                Code::E0106,
                tr!(
                    "`{word}` starts a nested item",
                    "`{word}` inicia un elemento anidado"
                ),
            )
            .primary(
                entry.span(),
                tr!(
                    "expected `{word} ID \"title\" {{ … }}`",
                    "se esperaba `{word} ID \"título\" {{ … }}`"
                ),
            )
            .help(tr!(
                "give it an ID, a title and a block of fields",
                "dele un identificador, un título y un bloque de campos"
            )),
        };
        self.push(d);
        false
    }

    // -- items ------------------------------------------------------------

    fn policy(&mut self, header: Header, fields: &Fields) -> Policy {
        let scope = fields.block("scope").map(|(name, block)| {
            let owner = format!("`{}`", name.text);
            let inner = self.sort_entries(&owner, name.span, &block.entries, schema::SCOPE);
            Scope {
                span: name.span.to(block.span),
                rights: self.refs(inner.value("rights")),
                stages: inner.value("stages").map(|v| self.words::<Stage>(v)),
            }
        });
        Policy {
            header,
            jurisdiction: fields.value("jurisdiction").and_then(|v| self.text(v)),
            version: fields.value("version").and_then(|v| self.text(v)),
            status: fields
                .value("status")
                .and_then(|v| self.word::<PolicyStatus>(v)),
            language: fields
                .value("language")
                .and_then(|v| self.word::<crate::diagnostic::Lang>(v)),
            horizon: fields.value("horizon").and_then(|v| self.period(v)),
            budget: fields.value("budget").and_then(|v| self.money(v)),
            scope,
        }
    }

    fn commitment(&mut self, header: Header, fields: &Fields) -> Commitment {
        let justification = fields.block("justification").map(|(name, block)| {
            let owner = format!("`{}`", name.text);
            let inner = self.sort_entries(&owner, name.span, &block.entries, schema::JUSTIFICATION);
            Justification {
                span: name.span.to(block.span),
                legal_basis: inner.value("legal_basis").and_then(|v| self.text(v)),
                necessity: inner.value("necessity").and_then(|v| self.text(v)),
                proportionality: inner.value("proportionality").and_then(|v| self.text(v)),
            }
        });
        let targets = fields
            .items("target")
            .into_iter()
            .filter_map(|item| self.target(item))
            .collect();
        Commitment {
            principles: self.refs(fields.value("principles")),
            rights: self.refs(fields.value("rights")),
            restricts: self.refs(fields.value("restricts")),
            justification,
            stages: fields
                .value("stages")
                .map(|v| self.words::<Stage>(v))
                .unwrap_or_default(),
            lead: fields.value("lead").and_then(|v| self.reference(v)),
            support: self.refs(fields.value("support")),
            depends_on: self.refs(fields.value("depends_on")),
            start: fields.value("start").and_then(|v| self.date(v)),
            due: fields.value("due").and_then(|v| self.date(v)),
            budget: fields.value("budget").and_then(|v| self.money(v)),
            status: fields
                .value("status")
                .and_then(|v| self.word::<CommitmentStatus>(v)),
            aligns: self.refs(fields.value("aligns")),
            evidence: self.refs(fields.value("evidence")),
            targets,
            header,
        }
    }

    fn target(&mut self, item: &cst::Item) -> Option<Target> {
        let kw = &item.keyword.text;
        if ItemKind::from_word(kw) != Some(ItemKind::Target) {
            return None;
        }
        let header = self.header(ItemKind::Target, item)?;
        let fields = self.fields(item, schema::TARGET);
        Some(Target {
            indicator: fields.value("indicator").and_then(|v| self.text(v)),
            unit: fields.value("unit").and_then(|v| self.text(v)),
            baseline: fields
                .value("baseline")
                .and_then(|v| self.measure(v, schema::Qualifier::In)),
            values: fields
                .values("value")
                .into_iter()
                .filter_map(|v| self.measure(v, schema::Qualifier::By))
                .collect(),
            direction: fields
                .value("direction")
                .and_then(|v| self.word::<Direction>(v)),
            source: fields.value("source").and_then(|v| self.text(v)),
            observed: fields
                .values("observed")
                .into_iter()
                .filter_map(|v| self.measure(v, schema::Qualifier::On))
                .collect(),
            header,
        })
    }

    // -- values -----------------------------------------------------------

    fn wrong_type(&mut self, value: &cst::Value, expected: Text) {
        let found = describe(value);
        let d = Diagnostic::new(
            Code::E0106,
            Text::new(
                format!("expected {}, found {}", expected.en, found.en),
                format!("se esperaba {}, se encontró {}", expected.es, found.es),
            ),
        )
        .primary(
            value.span,
            Text::new(
                format!("expected {}", expected.en),
                format!("se esperaba {}", expected.es),
            ),
        );
        self.push(d);
    }

    /// The single literal of a value, or a wrong-type diagnostic.
    fn literal<'v>(&mut self, value: &'v cst::Value, expected: &Text) -> Option<&'v cst::Literal> {
        match &value.kind {
            ValueKind::Literal(l) => Some(l),
            _ => {
                self.wrong_type(value, expected.clone());
                None
            }
        }
    }

    fn text(&mut self, value: &cst::Value) -> Option<Spanned<String>> {
        let expected = tr!("a quoted text", "un texto entre comillas");
        let lit = self.literal(value, &expected)?;
        match lit.kind {
            LiteralKind::String | LiteralKind::TextBlock => self.string_literal(lit),
            _ => {
                self.wrong_type(value, expected);
                None
            }
        }
    }

    fn string_literal(&mut self, lit: &cst::Literal) -> Option<Spanned<String>> {
        match decode_string(&lit.text, lit.kind == LiteralKind::TextBlock) {
            Ok(s) => Some(Spanned::new(s, lit.span)),
            Err(bad) => {
                let esc = &lit.text[bad.start..bad.end];
                let span = Span::new(
                    lit.span.file,
                    lit.span.start + bad.start,
                    lit.span.start + bad.end,
                );
                let d = Diagnostic::new(Code::E0101, tr!("invalid escape `{esc}`", "secuencia de escape no válida `{esc}`"))
                    .primary(span, tr!("not a known escape", "no es un escape conocido"))
                    .help(tr!(
                        "the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{{00E9}}`; write `\\\\` for a backslash",
                        "los escapes son `\\\"`, `\\\\`, `\\n`, `\\t` y `\\u{{00E9}}`; escriba `\\\\` para una barra invertida"
                    ));
                self.push(d);
                None
            }
        }
    }

    fn date(&mut self, value: &cst::Value) -> Option<Spanned<Date>> {
        let expected = tr!("a date such as `2026-12-31`", "una fecha como `2026-12-31`");
        let lit = self.literal(value, &expected)?;
        self.date_literal(lit, &expected, value)
    }

    fn date_literal(
        &mut self,
        lit: &cst::Literal,
        expected: &Text,
        value: &cst::Value,
    ) -> Option<Spanned<Date>> {
        match lit.kind {
            LiteralKind::Date => self.calendar_date(lit),
            // `due: 2026`: a bare year is a date where a year is enough (the
            // grammar reads it as a number outside periods and qualifiers).
            LiteralKind::Year | LiteralKind::Number
                if lit.text.len() == 4 && lit.text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                lit.text
                    .parse()
                    .ok()
                    .map(|y| Spanned::new(Date::year(y), lit.span))
            }
            _ => {
                self.wrong_type(value, expected.clone());
                None
            }
        }
    }

    fn calendar_date(&mut self, lit: &cst::Literal) -> Option<Spanned<Date>> {
        let text = &lit.text;
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let (year, month, day): (i32, u32, u32) =
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let canonical = format!("{year:04}-{month:02}-{day:02}");
        if !Date::is_valid(year, month, day) {
            let help = if (1..=12).contains(&month) {
                let last = (28..=31)
                    .rev()
                    .find(|&d| Date::is_valid(year, month, d))
                    .unwrap_or(28);
                tr!(
                    "{year}-{month:02} has {last} days",
                    "{year}-{month:02} tiene {last} días"
                )
            } else {
                tr!("months run from 01 to 12", "los meses van de 01 a 12")
            };
            let diag = Diagnostic::new(
                Code::E0101,
                tr!("invalid date `{text}`", "fecha no válida `{text}`"),
            )
            .primary(lit.span, tr!("no such day", "ese día no existe"))
            .help(help);
            self.push(diag);
            return None;
        }
        if canonical != *text {
            let diag = Diagnostic::new(
                Code::E0101,
                tr!("invalid date `{text}`", "fecha no válida `{text}`"),
            )
            .primary(
                lit.span,
                tr!(
                    "dates are written YYYY-MM-DD",
                    "las fechas se escriben AAAA-MM-DD"
                ),
            )
            .help(tr!("write `{canonical}`", "escriba `{canonical}`"))
            .fix(lit.span, canonical.clone());
            self.push(diag);
            return None;
        }
        Some(Spanned::new(Date::ymd(year, month, day), lit.span))
    }

    fn period(&mut self, value: &cst::Value) -> Option<Spanned<Period>> {
        let expected = tr!(
            "a period such as `2025-01-01 .. 2030-12-31`",
            "un período como `2025-01-01 .. 2030-12-31`"
        );
        let lit = self.literal(value, &expected)?;
        let LiteralKind::Period { start, end } = &lit.kind else {
            self.wrong_type(value, expected);
            return None;
        };
        let start = self.date_literal(start, &expected, value)?;
        let end = self.date_literal(end, &expected, value)?;
        if end.value.last_day() < start.value.first_day() {
            let (a, b) = (start.value, end.value);
            let d = Diagnostic::new(
                Code::E0101,
                tr!(
                    "the period ends before it starts",
                    "el período termina antes de empezar"
                ),
            )
            .primary(end.span, tr!("ends {b}", "termina el {b}"))
            .secondary(start.span, tr!("starts {a}", "empieza el {a}"))
            .help(tr!(
                "write the earlier date first: `{b} .. {a}`",
                "escriba primero la fecha anterior: `{b} .. {a}`"
            ))
            .fix(lit.span, format!("{b} .. {a}"));
            self.push(d);
            return None;
        }
        Some(Spanned::new(
            Period {
                start: start.value,
                end: end.value,
            },
            lit.span,
        ))
    }

    fn year(&mut self, value: &cst::Value) -> Option<Spanned<i32>> {
        let expected = tr!("a year such as `2024`", "un año como `2024`");
        let lit = self.literal(value, &expected)?;
        match (&lit.kind, lit.text.parse::<i32>()) {
            (LiteralKind::Number | LiteralKind::Year, Ok(y)) if (1000..=9999).contains(&y) => {
                Some(Spanned::new(y, lit.span))
            }
            _ => {
                self.wrong_type(value, expected);
                None
            }
        }
    }

    fn number(&mut self, lit: &cst::Literal) -> Option<Number> {
        let text = &lit.text;
        let cleaned: String = text.chars().filter(|c| *c != '_').collect();
        match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(Number {
                value: v,
                text: text.clone(),
            }),
            _ => {
                let d = Diagnostic::new(
                    Code::E0101,
                    tr!("invalid number `{text}`", "número no válido `{text}`"),
                )
                .primary(lit.span, tr!("too large", "demasiado grande"));
                self.push(d);
                None
            }
        }
    }

    fn money(&mut self, value: &cst::Value) -> Option<Spanned<Money>> {
        let expected = tr!(
            "an amount such as `1_500_000 USD`",
            "un monto como `1_500_000 USD`"
        );
        let lit = self.literal(value, &expected)?;
        let LiteralKind::Money { amount, currency } = &lit.kind else {
            self.wrong_type(value, expected);
            return None;
        };
        let number = self.number(&cst::Literal {
            span: lit.span,
            kind: LiteralKind::Number,
            text: amount.clone(),
        })?;
        let code = &currency.text;
        if number.value < 0.0 {
            let amount = &number.text;
            let d = Diagnostic::new(
                Code::E0101,
                tr!("negative amount `{amount}`", "monto negativo `{amount}`"),
            )
            .primary(
                lit.span,
                tr!(
                    "a budget cannot be negative",
                    "un presupuesto no puede ser negativo"
                ),
            );
            self.push(d);
            return None;
        }
        if !currency::is_known(code) {
            let upper = code.to_uppercase();
            let mut d = Diagnostic::new(
                Code::E0101,
                tr!("unknown currency `{code}`", "moneda desconocida `{code}`"),
            )
            .primary(
                currency.span,
                tr!("not an ISO 4217 code", "no es un código ISO 4217"),
            );
            if currency::is_known(&upper) {
                d = d
                    .help(tr!(
                        "currency codes are upper case: `{upper}`",
                        "los códigos de moneda van en mayúsculas: `{upper}`"
                    ))
                    .fix(currency.span, upper);
            } else {
                let mut options: Vec<&str> = currency::all()
                    .filter(|c| strsim::hamming(c, &upper).is_ok_and(|d| d == 1))
                    .collect();
                // `USX`: `USD` and `USN` (same first letters) before `UGX`.
                let shared = |c: &str| {
                    c.chars()
                        .zip(upper.chars())
                        .take_while(|(a, b)| a == b)
                        .count()
                };
                options.sort_by_key(|c| std::cmp::Reverse(shared(c)));
                if let Some(help) = did_you_mean(&options[..options.len().min(3)]) {
                    d = d.help(help);
                }
            }
            self.push(d);
            return None;
        }
        Some(Spanned::new(
            Money {
                amount: number,
                currency: code.clone(),
            },
            lit.span,
        ))
    }

    fn measure(&mut self, value: &cst::Value, qualifier: schema::Qualifier) -> Option<Measure> {
        let (en_word, es_word) = qualifier.words();
        let ValueKind::Qualified {
            value: inner,
            word,
            date,
        } = &value.kind
        else {
            let expected = Text::new(
                format!("a quantity and a date: `35_000 {en_word} 2026-12-31`"),
                format!("una cantidad y una fecha: `35_000 {es_word} 2026-12-31`"),
            );
            self.wrong_type(value, expected);
            return None;
        };
        if word.text != en_word && word.text != es_word {
            let w = &word.text;
            let d = Diagnostic::new(
                Code::E0100,
                tr!("expected `{en_word}` before the date, found `{w}`", "se esperaba `{es_word}` antes de la fecha, se encontró `{w}`"),
            )
            .primary(word.span, tr!("write `{en_word}` here", "escriba `{es_word}` aquí"))
            .help(tr!(
                "a baseline is `… in DATE`, a milestone `… by DATE`, an observation `… on DATE`",
                "una línea de base es `… en FECHA`, un hito `… para FECHA`, una observación `… al FECHA`"
            ))
            .fix(word.span, if word.text.is_ascii() && ["in", "by", "on"].contains(&w.as_str()) { en_word } else { es_word });
            self.push(d);
        }
        let expected_q = tr!("a number or a percentage", "un número o un porcentaje");
        let quantity = match &inner.kind {
            ValueKind::Literal(l)
                if matches!(
                    l.kind,
                    LiteralKind::Number | LiteralKind::Percent | LiteralKind::Year
                ) =>
            {
                let number = self.number(l)?;
                Spanned::new(
                    Quantity {
                        number,
                        percent: l.kind == LiteralKind::Percent,
                    },
                    l.span,
                )
            }
            _ => {
                self.wrong_type(inner, expected_q);
                return None;
            }
        };
        let expected_d = tr!("a date or a year", "una fecha o un año");
        let date = self.date_literal(date, &expected_d, value)?;
        Some(Measure {
            quantity,
            date,
            span: value.span,
        })
    }

    fn boolean(&mut self, value: &cst::Value) -> Option<Spanned<bool>> {
        self.word::<Bool>(value)
            .map(|b| Spanned::new(b.value == Bool::True, b.span))
    }

    /// One word of a closed set (an enum value), in either language.
    fn word<T: Vocab>(&mut self, value: &cst::Value) -> Option<Spanned<T>> {
        let (en, es) = T::WORDS.first().map_or(("", ""), |w| (w.1, w.2));
        let expected = tr!("a word such as `{en}`", "una palabra como `{es}`");
        let lit = self.literal(value, &expected)?;
        if lit.kind != LiteralKind::Path {
            self.wrong_type(value, expected);
            return None;
        }
        let text = &lit.text;
        if let Some(v) = T::from_word(text) {
            return Some(Spanned::new(v, lit.span));
        }
        let keyed = suggest_keyed(
            text,
            T::WORDS
                .iter()
                .flat_map(|(v, en, es)| [(*v, *en), (*v, *es)]),
        );
        let options: Vec<&str> = keyed.iter().map(|(_, w)| *w).collect();
        let en_all = T::words_in(crate::diagnostic::Lang::En)
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let es_all = T::words_in(crate::diagnostic::Lang::Es)
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(
            Code::E0105,
            tr!("unknown value `{text}`", "valor desconocido `{text}`"),
        )
        .primary(
            lit.span,
            tr!("expected one of {en_all}", "se esperaba uno de {es_all}"),
        );
        if let Some(help) = did_you_mean(&options) {
            d = d.help(help);
            if let Some(best) = options.first() {
                d = d.fix(lit.span, *best);
            }
        }
        self.push(d);
        None
    }

    /// A list of enum words (a single word is a list of one).
    fn words<T: Vocab>(&mut self, value: &cst::Value) -> Vec<Spanned<T>> {
        match &value.kind {
            ValueKind::List(items) => items.iter().filter_map(|v| self.word::<T>(v)).collect(),
            _ => self.word::<T>(value).into_iter().collect(),
        }
    }

    /// A reference to an item or a catalogue path.
    fn reference(&mut self, value: &cst::Value) -> Option<Ref> {
        let expected = tr!(
            "an ID or a catalogue path",
            "un identificador o una ruta de catálogo"
        );
        // `lead: [DGME]`: a list of one is the one, as elsewhere.
        let value = match &value.kind {
            ValueKind::List(items) if items.len() == 1 => &items[0],
            _ => value,
        };
        let lit = self.literal(value, &expected)?;
        if lit.kind != LiteralKind::Path {
            self.wrong_type(value, expected);
            return None;
        }
        Some(Ref {
            name: lit.text.clone(),
            span: lit.span,
        })
    }

    /// A list of references (a single reference is a list of one).
    fn refs(&mut self, value: Option<&cst::Value>) -> Vec<Ref> {
        let Some(value) = value else {
            return Vec::new();
        };
        match &value.kind {
            ValueKind::List(items) => items.iter().filter_map(|v| self.reference(v)).collect(),
            _ => self.reference(value).into_iter().collect(),
        }
    }
}

/// What a value looks like, for "expected …, found …".
fn describe(value: &cst::Value) -> Text {
    match &value.kind {
        ValueKind::List(_) => tr!("a list", "una lista"),
        ValueKind::Qualified { .. } => tr!("a dated quantity", "una cantidad con fecha"),
        ValueKind::Literal(l) => {
            let t = &l.text;
            match l.kind {
                LiteralKind::String | LiteralKind::TextBlock => tr!("a text", "un texto"),
                LiteralKind::Number | LiteralKind::Year => {
                    tr!("the number `{t}`", "el número `{t}`")
                }
                LiteralKind::Percent => tr!("the percentage `{t}%`", "el porcentaje `{t}%`"),
                LiteralKind::Money { .. } => tr!("the amount `{t}`", "el monto `{t}`"),
                LiteralKind::Date => tr!("the date `{t}`", "la fecha `{t}`"),
                LiteralKind::Period { .. } => tr!("a period", "un período"),
                LiteralKind::Path => tr!("`{t}`", "`{t}`"),
            }
        }
    }
}

/// Where in a literal a bad escape is (byte range within the literal text).
#[derive(Debug, PartialEq, Eq)]
pub struct BadEscape {
    pub start: usize,
    pub end: usize,
}

/// The value of a string literal written `"…"` or `"""…"""` (quotes
/// included in `raw`). Escapes: `\" \\ \n \t`, and `\u{…}` with 1 to 6 hex
/// digits (`\u{00E9}`). A text block drops the line break after its opening quotes and the indentation common to its
/// lines, and ends at the last line with text; CRLF becomes LF.
pub fn decode_string(raw: &str, block: bool) -> Result<String, BadEscape> {
    let q = if block { 3 } else { 1 };
    let inner = raw.get(q..raw.len().saturating_sub(q)).unwrap_or("");
    // Escapes are checked on the text as written (so that error offsets
    // point into the source); a text block is dedented before its escapes
    // are decoded, so that an escaped `\n` or `\t` is never taken for
    // indentation.
    let decoded = unescape(inner, q)?;
    if block {
        unescape(&dedent(&inner.replace("\r\n", "\n")), q)
    } else {
        Ok(decoded)
    }
}

/// Decodes the escapes of a literal's inner text; `q` is the length of the
/// opening quotes, for offsets into the whole literal.
fn unescape(inner: &str, q: usize) -> Result<String, BadEscape> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = |end: usize| BadEscape {
            start: q + i,
            end: q + end,
        };
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((j, 'u')) => {
                let rest = &inner[j + 1..];
                let close = rest.find('}');
                let hex = match (rest.starts_with('{'), close) {
                    (true, Some(close)) => &rest[1..close],
                    _ => return Err(bad(j + 1)),
                };
                let end = j + 1 + close.unwrap_or(0) + 1;
                let ch = (1..=6)
                    .contains(&hex.len())
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                match ch {
                    Some(ch) => out.push(ch),
                    None => return Err(bad(end)),
                }
                while chars.peek().is_some_and(|(k, _)| *k < end) {
                    chars.next();
                }
            }
            Some((j, other)) => return Err(bad(j + other.len_utf8())),
            None => return Err(bad(i + 1)),
        }
    }
    Ok(out)
}

fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode() {
        assert_eq!(
            decode_string(r#""a\"b\\c\nd\te\u{00E9}""#, false),
            Ok("a\"b\\c\nd\teé".to_owned())
        );
        assert_eq!(
            decode_string(r#""bad \q""#, false),
            Err(BadEscape { start: 5, end: 7 })
        );
        assert!(decode_string(r#""\u{D800}""#, false).is_err());
        assert!(decode_string(r#""\u{110000}""#, false).is_err());
        assert!(decode_string(r#""\u00E9""#, false).is_err());
    }

    #[test]
    fn escapes_in_text_blocks_are_not_indentation() {
        let raw = "\"\"\"\n    a\\n  x\n    \\tb\n    \"\"\"";
        assert_eq!(decode_string(raw, true), Ok("a\n  x\n\tb".to_owned()));
    }

    #[test]
    fn text_blocks_are_dedented() {
        let raw = "\"\"\"\n    first\n      second\n    \"\"\"";
        assert_eq!(decode_string(raw, true), Ok("first\n  second".to_owned()));
        assert_eq!(
            decode_string("\"\"\"\r\n  a\r\n  b\r\n\"\"\"", true),
            Ok("a\nb".to_owned())
        );
    }
}
