//! The one diagnostic type of the compiler.
//!
//! Every phase reports problems as [`Diagnostic`] values: a stable
//! [`Code`], a severity, a message, labelled spans, an optional help and an
//! optional machine-applicable [`Fix`]. Messages are written in English and
//! Spanish at once ([`Text`]); the edge that renders them picks the spec's
//! language. Rendering lives in [`render`]: miette for people, JSON for
//! machines.

pub mod render;

use crate::source::Span;
use serde::Serialize;

/// The language of a spec's labels and diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// A message in both languages of the compiler.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub es: String,
}

impl Text {
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            es: es.into(),
        }
    }

    /// The same words in both languages (a name, a number, a quote).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            es: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// `tr!("unknown field `{name}`", "campo desconocido `{name}`")` formats
/// both languages of a [`Text`] with the same captured variables.
#[macro_export]
macro_rules! tr {
    ($en:literal, $es:literal $(,)?) => {
        $crate::diagnostic::Text {
            en: format!($en),
            es: format!($es),
        }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($code:ident $sev:ident $en:literal $es:literal;)*) => {
        /// A stable diagnostic code (LANGUAGE.md section 5). Tools and people
        /// rely on these: never renumber one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev),* }
            }

            /// A one-line summary of what the code is about.
            pub fn summary(self) -> Text {
                match self { $(Code::$code => Text::new($en, $es)),* }
            }
        }
    };
}

codes! {
    E0001 Error "file cannot be read as a spec" "el archivo no se puede leer como especificación";
    E0100 Error "syntax error" "error de sintaxis";
    E0101 Error "invalid literal" "literal no válido";
    E0102 Error "unknown field" "campo desconocido";
    E0103 Error "field given twice" "campo repetido";
    E0104 Error "required field missing" "falta un campo obligatorio";
    E0105 Error "unknown enum value" "valor no reconocido";
    E0106 Error "value of the wrong type" "valor de tipo incorrecto";
    E0200 Error "duplicate ID" "identificador duplicado";
    E0201 Error "unresolved reference" "referencia sin resolver";
    E0202 Error "reference of the wrong kind" "referencia de tipo incorrecto";
    E0203 Error "catalogue unknown or not in `use`" "catálogo desconocido o sin `usar`";
    E0204 Error "include error" "error de inclusión";
    E0205 Error "not exactly one policy" "no hay exactamente una política";
    E0300 Error "cycle in `depends_on`" "ciclo en `depende_de`";
    E0301 Error "due before a prerequisite is due" "plazo anterior al de un requisito";
    E0302 Error "date outside the policy horizon" "fecha fuera del horizonte de la política";
    E0303 Error "start after due" "inicio posterior al plazo";
    E0304 Error "target values contradict direction, or milestones go backwards" "valores de la meta contrarios a su dirección, o hitos que retroceden";
    E0305 Error "target date before its baseline" "fecha de la meta anterior a su línea de base";
    E0306 Error "percentage outside 0–100" "porcentaje fuera de 0–100";
    E0307 Error "targets on one indicator and unit disagree" "metas sobre un mismo indicador y unidad discrepan";
    E0308 Error "restriction without complete justification" "restricción sin justificación completa";
    E0309 Error "restriction of a non-derogable right" "restricción de un derecho inderogable";
    E0310 Error "right both advanced and restricted" "derecho a la vez promovido y restringido";
    E0311 Error "budget currency differs from the policy's" "moneda del presupuesto distinta de la de la política";
    W0400 Warning "commitment budgets exceed the policy budget" "los presupuestos de los compromisos superan el de la política";
    W0410 Warning "commitment without target" "compromiso sin meta";
    W0411 Warning "target without baseline" "meta sin línea de base";
    W0412 Warning "commitment cites no principle" "compromiso que no cita ningún principio";
    W0413 Warning "principle not put into practice" "principio que no se lleva a la práctica";
    W0414 Warning "agency with no commitment" "institución sin compromisos";
    W0420 Warning "stage in scope not addressed" "etapa del alcance sin atender";
    W0430 Warning "right in scope not covered (gap)" "derecho del alcance sin cobertura (brecha)";
    W0431 Warning "right covered only nominally (no target)" "derecho cubierto solo nominalmente (sin meta)";
    W0440 Warning "adopted policy: commitment never consulted" "política adoptada: compromiso nunca consultado";
    W0441 Warning "adopted policy: no non-government stakeholder heard" "política adoptada: ningún actor no gubernamental escuchado";
}

impl Code {
    /// Parses `E0201` (case-insensitive).
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A labelled span. The primary label says where the problem is; secondary
/// labels point at the other places involved (the first definition of a
/// duplicate, the other end of a contradiction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Option<Text>,
    pub primary: bool,
}

/// A machine-applicable fix: replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: Code, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Where the problem is.
    pub fn primary(mut self, span: Span, message: impl Into<Option<Text>>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    /// Another place involved.
    pub fn secondary(mut self, span: Span, message: impl Into<Option<Text>>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Diagnostic {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// The span of the primary label (the first label when none is primary).
    pub fn span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
            .map(|l| l.span)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file and position, then code, and drops exact
/// duplicates: the order every output uses.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let s = d.span().unwrap_or_default();
            (s.file, s.start, s.end, d.code)
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.message.en.cmp(&b.message.en))
    });
    diagnostics.dedup();
}

/// Up to three candidates closest to `word`, best first, for "did you mean"
/// help. Candidates are compared after folding case and accents.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    suggest_keyed(
        word,
        candidates.into_iter().map(|c| (crate::lang::fold(c), c)),
    )
    .into_iter()
    .map(|(_, c)| c)
    .collect()
}

/// Like [`suggest`], for candidates that name the same thing in several
/// words (a field in English and Spanish): at most one word per key, the
/// closest one, so that help never offers `destino` or `destination`.
pub fn suggest_keyed<'a, K: PartialEq>(
    word: &str,
    candidates: impl IntoIterator<Item = (K, &'a str)>,
) -> Vec<(K, &'a str)> {
    let folded = crate::lang::fold(word);
    let bare = without_leading_zeros(&folded);
    let mut scored: Vec<(f64, K, &str)> = candidates
        .into_iter()
        .map(|(k, c)| {
            let other = crate::lang::fold(c);
            // `C1` for `C01`: the same name but for case, accents or zeros.
            let score = if without_leading_zeros(&other) == bare {
                2.0
            } else {
                strsim::jaro_winkler(&folded, &other)
            };
            (score, k, c)
        })
        .filter(|(score, _, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(b.2)));
    let mut out: Vec<(K, &str)> = Vec::new();
    for (_, k, c) in scored {
        if !out.iter().any(|(seen, _)| *seen == k) {
            out.push((k, c));
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// `c007` → `c7`: numbers compared by value.
fn without_leading_zeros(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let leading_zero =
            c == '0' && !prev_digit && chars.peek().is_some_and(char::is_ascii_digit);
        if !leading_zero {
            out.push(c);
            prev_digit = c.is_ascii_digit();
        }
    }
    out
}

/// "did you mean `a`?" / "did you mean `a` or `b`?", in both languages.
pub fn did_you_mean(options: &[&str]) -> Option<Text> {
    let quoted: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(tr!("did you mean {one}?", "¿quiso decir {one}?")),
        [init @ .., last] => {
            let init = init.join(", ");
            Some(tr!(
                "did you mean {init} or {last}?",
                "¿quiso decir {init} o {last}?"
            ))
        }
    }
}
