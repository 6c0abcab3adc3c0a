//! The bilingual vocabulary: every keyword, field name and enumerated value
//! has an English and a Spanish form (LANGUAGE.md section 2). Accents are
//! optional, so words are compared after [`strip_accents`].

use crate::diagnostic::Lang;

/// Removes the Spanish diacritics: `política` → `politica`, `año` → `ano`,
/// whether the accent is part of the letter or a combining mark after it
/// (as some editors and keyboards write it).
pub fn strip_accents(s: &str) -> String {
    s.chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'Á' | 'À' | 'Ä' | 'Â' => 'A',
            'É' | 'È' | 'Ë' | 'Ê' => 'E',
            'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
            'Ó' | 'Ò' | 'Ö' | 'Ô' => 'O',
            'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
            'Ñ' => 'N',
            c => c,
        })
        .collect()
}

/// Lower case without accents: the form in which words are compared for
/// suggestions and in which indicators are matched.
pub fn fold(s: &str) -> String {
    strip_accents(&s.to_lowercase())
}

/// A closed set of words with an English and a Spanish form each.
pub trait Vocab: Sized + Copy + PartialEq + 'static {
    /// `(value, english, spanish)`, Spanish with its accents.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    /// Looks a word up in either language, accents optional.
    fn from_word(word: &str) -> Option<Self> {
        let bare = strip_accents(word);
        Self::WORDS
            .iter()
            .find(|(_, en, es)| *en == bare || strip_accents(es) == bare)
            .map(|(v, _, _)| *v)
    }

    fn word(self, lang: Lang) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(v, _, _)| *v == self)
            .map(|(_, en, es)| match lang {
                Lang::En => *en,
                Lang::Es => *es,
            })
            .unwrap_or("")
    }

    /// The words of the set in the language a misspelt `word` looks like:
    /// lists in help texts then stay in the drafter's language.
    fn words_in(lang: Lang) -> Vec<&'static str> {
        Self::WORDS.iter().map(|(v, _, _)| v.word(lang)).collect()
    }
}

/// The kinds of item a spec is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Policy,
    Use,
    Include,
    Agency,
    Principle,
    Right,
    Commitment,
    Target,
    Stakeholder,
    Consultation,
    Evidence,
}

impl Vocab for ItemKind {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (ItemKind::Policy, "policy", "política"),
        (ItemKind::Use, "use", "usar"),
        (ItemKind::Include, "include", "incluir"),
        (ItemKind::Agency, "agency", "institución"),
        (ItemKind::Principle, "principle", "principio"),
        (ItemKind::Right, "right", "derecho"),
        (ItemKind::Commitment, "commitment", "compromiso"),
        (ItemKind::Target, "target", "meta"),
        (ItemKind::Stakeholder, "stakeholder", "actor"),
        (ItemKind::Consultation, "consultation", "consulta"),
        (ItemKind::Evidence, "evidence", "evidencia"),
    ];
}

impl ItemKind {
    /// Whether the kind appears at the top level of a file (a target lives
    /// inside a commitment).
    pub fn is_top_level(self) -> bool {
        self != ItemKind::Target
    }

    /// The kind's name for messages: "commitment" / "compromiso".
    pub fn noun(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ItemKind::Agency, Lang::Es) => "institución",
            (ItemKind::Stakeholder, Lang::Es) => "actor",
            (ItemKind::Target, Lang::Es) => "meta",
            _ => self.word(lang),
        }
    }
}

/// Is `word` (accents optional) a keyword that starts a top-level item?
pub fn is_top_level_keyword(word: &str) -> bool {
    ItemKind::from_word(word).is_some_and(ItemKind::is_top_level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_in_both_languages_with_or_without_accents() {
        assert_eq!(ItemKind::from_word("policy"), Some(ItemKind::Policy));
        assert_eq!(ItemKind::from_word("política"), Some(ItemKind::Policy));
        assert_eq!(ItemKind::from_word("politica"), Some(ItemKind::Policy));
        assert_eq!(ItemKind::from_word("institucion"), Some(ItemKind::Agency));
        // `i` followed by a combining acute accent (U+0301).
        assert_eq!(
            ItemKind::from_word("poli\u{301}tica"),
            Some(ItemKind::Policy)
        );
        assert_eq!(ItemKind::from_word("Policy"), None);
        assert!(is_top_level_keyword("compromiso"));
        assert!(!is_top_level_keyword("meta"));
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold("Tránsito"), "transito");
        assert_eq!(fold("AÑO"), "ano");
    }
}
