//! The built-in catalogues: `icrmw`, `gcm`, `migof` and `sdg`.
//!
//! A catalogue is a public reference text (a convention, a compact, a
//! framework, the SDG targets) whose items a spec can cite by path:
//! `icrmw.art25`, `gcm.o7`, `sdg.10.7.2`. The data lives in
//! `catalogues/*.toml`, one file per catalogue, and is compiled into the
//! binary by `build.rs`: nothing is read at run time.
//!
//! Catalogues are ordered by name; the items of a catalogue keep the order
//! of their file.

use serde::Serialize;

/// What kind of thing a catalogue item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A right of the migrant (for example an ICRMW article).
    Right,
    /// A guiding principle (GCM paragraph 15, MiGOF principles).
    Principle,
    /// An objective (GCM objectives, MiGOF objectives).
    Objective,
    /// A target (SDG target 10.7).
    Target,
    /// An indicator that measures a target (SDG indicators).
    Indicator,
    /// Any other provision: an article that is not a right of the migrant.
    Provision,
}

impl ItemKind {
    /// Every kind, in declaration order.
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Right,
        ItemKind::Principle,
        ItemKind::Objective,
        ItemKind::Target,
        ItemKind::Indicator,
        ItemKind::Provision,
    ];

    /// The kind's name as written in catalogue files and JSON: `right`,
    /// `principle`, `objective`, `target`, `indicator`, `provision`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Right => "right",
            ItemKind::Principle => "principle",
            ItemKind::Objective => "objective",
            ItemKind::Target => "target",
            ItemKind::Indicator => "indicator",
            ItemKind::Provision => "provision",
        }
    }

    /// A human-readable label for the kind, in Spanish or English.
    pub fn label(self, lang_is_spanish: bool) -> &'static str {
        match (self, lang_is_spanish) {
            (ItemKind::Right, false) => "right",
            (ItemKind::Right, true) => "derecho",
            (ItemKind::Principle, false) => "principle",
            (ItemKind::Principle, true) => "principio",
            (ItemKind::Objective, false) => "objective",
            (ItemKind::Objective, true) => "objetivo",
            (ItemKind::Target, false) => "target",
            (ItemKind::Target, true) => "meta",
            (ItemKind::Indicator, false) => "indicator",
            (ItemKind::Indicator, true) => "indicador",
            (ItemKind::Provision, false) => "provision",
            (ItemKind::Provision, true) => "disposición",
        }
    }
}

/// One built-in catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    /// The name used in `use` and as the first segment of paths: `icrmw`.
    pub name: &'static str,
    /// The full English title of the source text.
    pub title_en: &'static str,
    /// The full Spanish title of the source text.
    pub title_es: &'static str,
    /// The document symbol of the source: `A/RES/73/195`.
    pub source: &'static str,
    /// The date the source was adopted, `YYYY-MM-DD`.
    pub adopted: &'static str,
    /// The items, in the order of the catalogue file.
    pub items: &'static [CatalogueItem],
}

impl Catalogue {
    /// The catalogue's title in Spanish or English.
    pub fn title(&self, lang_is_spanish: bool) -> &'static str {
        if lang_is_spanish {
            self.title_es
        } else {
            self.title_en
        }
    }

    /// The item with this id inside the catalogue (`art25`, not
    /// `icrmw.art25`), if any.
    pub fn get(&self, id: &str) -> Option<&'static CatalogueItem> {
        self.items.iter().find(|item| item.id() == id)
    }
}

/// One item of a catalogue: a right, principle, objective, target,
/// indicator or other provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CatalogueItem {
    /// The name of the catalogue the item belongs to: `icrmw`.
    pub catalogue: &'static str,
    /// The full path of the item: `icrmw.art25`.
    pub path: &'static str,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Where it comes from in the source: `Part III, art. 25`.
    pub reference: &'static str,
    /// Short English title.
    pub title_en: &'static str,
    /// Short Spanish title.
    pub title_es: &'static str,
    /// Whether the right may never be restricted (only ever true for rights).
    pub non_derogable: bool,
    /// A remark on the item; `""` when there is none.
    pub note: &'static str,
}

impl CatalogueItem {
    /// The item's title in Spanish or English.
    pub fn title(&self, lang_is_spanish: bool) -> &'static str {
        if lang_is_spanish {
            self.title_es
        } else {
            self.title_en
        }
    }

    /// The item's id inside its catalogue: `art25` for `icrmw.art25`.
    pub fn id(&self) -> &'static str {
        let path: &'static str = self.path;
        path.get(self.catalogue.len() + 1..).unwrap_or(path)
    }
}

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// Every built-in catalogue, sorted by name.
pub fn all() -> &'static [Catalogue] {
    &CATALOGUES
}

/// The built-in catalogue with this name, if any.
pub fn catalogue(name: &str) -> Option<&'static Catalogue> {
    all().iter().find(|catalogue| catalogue.name == name)
}

/// The item at a full path such as `icrmw.art25`, if it exists.
pub fn item(path: &str) -> Option<&'static CatalogueItem> {
    let (name, id) = path.split_once('.')?;
    catalogue(name)?.get(id)
}

/// Items selected by a scope pattern: `icrmw.*` (the whole catalogue),
/// `sdg.10.7.*` (a subtree: the items whose path starts with `sdg.10.7.`),
/// or an exact path. Items come in catalogue order. A pattern that selects
/// nothing gives an empty list.
pub fn select(pattern: &str) -> Vec<&'static CatalogueItem> {
    if let Some(prefix) = pattern.strip_suffix('*') {
        // Only a trailing `.*` after at least one segment is a wildcard.
        if !prefix.ends_with('.') || prefix.len() < 2 || prefix.contains('*') {
            return Vec::new();
        }
        let name = prefix.split('.').next().unwrap_or_default();
        return match catalogue(name) {
            Some(catalogue) => catalogue
                .items
                .iter()
                .filter(|item| item.path.starts_with(prefix))
                .collect(),
            None => Vec::new(),
        };
    }
    item(pattern).into_iter().collect()
}

/// The score above which a known path counts as a plausible correction.
const SUGGEST_THRESHOLD: f64 = 0.75;

/// How many suggestions [`suggest`] returns at most.
const SUGGEST_MAX: usize = 3;

/// Known paths closest to a misspelt one, best first, for "did you mean"
/// messages: at most three, each similar enough to be a plausible fix.
///
/// Case and leading zeros in numbers are ignored first (`GCM.o07` finds
/// `gcm.o7`); otherwise paths are ranked by string similarity (the mean of
/// Jaro-Winkler and normalized Damerau-Levenshtein similarity, so that a
/// swap of two characters counts as one edit), ties going to the
/// path that shares the longest prefix with the query. A path without a
/// catalogue (`art25`) is also compared with the items' ids.
pub fn suggest(path: &str) -> Vec<&'static str> {
    let wanted = normalize(path);
    let bare = !path.contains('.');
    let mut scored: Vec<(f64, usize, &'static str)> = Vec::new();
    for catalogue in all() {
        for item in catalogue.items {
            if item.path == path {
                continue;
            }
            let score = if normalize(item.path) == wanted {
                2.0
            } else {
                let mut score = similarity(&wanted, &normalize(item.path));
                if bare {
                    score = score.max(similarity(&wanted, &normalize(item.id())));
                }
                score
            };
            if score >= SUGGEST_THRESHOLD {
                let shared = common_prefix_len(&wanted, &normalize(item.path));
                scored.push((score, shared, item.path));
            }
        }
    }
    // Best score first; among equals, the longest shared prefix (what was
    // typed is more likely the start of the intended path); then catalogue
    // order, as the sort is stable.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    scored
        .into_iter()
        .take(SUGGEST_MAX)
        .map(|(_, _, path)| path)
        .collect()
}

/// How many leading characters two strings share.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The similarity of two strings, between 0 and 1.
fn similarity(a: &str, b: &str) -> f64 {
    (strsim::jaro_winkler(a, b) + strsim::normalized_damerau_levenshtein(a, b)) / 2.0
}

/// Lower-cases a path and drops leading zeros from its numbers
/// (`GCM.o07` becomes `gcm.o7`, `sdg.10.07.2` becomes `sdg.10.7.2`).
fn normalize(path: &str) -> String {
    let lower = path.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut chars = lower.chars().peekable();
    let mut in_number = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let next_is_digit = chars.peek().is_some_and(|n| n.is_ascii_digit());
            if !in_number && c == '0' && next_is_digit {
                // A leading zero of a longer number: drop it.
                continue;
            }
            in_number = true;
        } else {
            in_number = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ids(items: &[&CatalogueItem]) -> Vec<&'static str> {
        items.iter().map(|item| item.path).collect()
    }

    #[test]
    fn all_four_catalogues_present_and_sorted() {
        let names: Vec<_> = all().iter().map(|c| c.name).collect();
        assert_eq!(names, ["gcm", "icrmw", "migof", "sdg"]);
        for c in all() {
            assert!(!c.items.is_empty(), "{} has no items", c.name);
            assert!(!c.title_en.is_empty() && !c.title_es.is_empty());
            assert_eq!(catalogue(c.name), Some(c));
        }
        assert_eq!(catalogue("icrmw").map(|c| c.source), Some("A/RES/45/158"));
        assert_eq!(catalogue("gcm").map(|c| c.source), Some("A/RES/73/195"));
        assert!(catalogue("nope").is_none());
    }

    #[test]
    fn icrmw_has_articles_7_to_35() {
        for n in 7..=35 {
            let path = format!("icrmw.art{n}");
            let item = item(&path).unwrap_or_else(|| panic!("{path} missing"));
            assert_eq!(item.catalogue, "icrmw");
            assert_eq!(item.id(), format!("art{n}"));
            let expected = if n == 34 || n == 35 {
                ItemKind::Provision
            } else {
                ItemKind::Right
            };
            assert_eq!(item.kind, expected, "{path}");
        }
        assert!(item("icrmw.art34").is_some_and(|i| !i.note.is_empty()));
        assert!(item("icrmw.art35").is_some_and(|i| !i.note.is_empty()));
    }

    #[test]
    fn exactly_the_seven_non_derogable_rights() {
        let non_derogable: Vec<_> = all()
            .iter()
            .flat_map(|c| c.items.iter())
            .filter(|i| i.non_derogable)
            .map(|i| i.path)
            .collect();
        assert_eq!(
            non_derogable,
            [
                "icrmw.art9",
                "icrmw.art10",
                "icrmw.art11",
                "icrmw.art12",
                "icrmw.art19",
                "icrmw.art20",
                "icrmw.art24"
            ]
        );
        for path in non_derogable {
            let item = item(path).expect("listed above");
            assert_eq!(item.kind, ItemKind::Right);
            assert!(
                item.note.contains("ICCPR"),
                "{path} should name the ICCPR article"
            );
        }
    }

    #[test]
    fn gcm_has_principles_and_objectives_in_order() {
        let gcm = catalogue("gcm").expect("gcm present");
        let mut expected: Vec<String> = (1..=10).map(|n| format!("gcm.p{n}")).collect();
        expected.extend((1..=23).map(|n| format!("gcm.o{n}")));
        let paths: Vec<_> = gcm.items.iter().map(|i| i.path).collect();
        assert_eq!(paths, expected);
        for item in gcm.items {
            let kind = if item.id().starts_with('p') {
                ItemKind::Principle
            } else {
                ItemKind::Objective
            };
            assert_eq!(item.kind, kind, "{}", item.path);
        }
        assert_eq!(
            item("gcm.o1").map(|i| i.title(true)),
            Some("Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica")
        );
        assert_eq!(
            item("gcm.o1").map(|i| i.title(false)),
            Some("Collect and utilize accurate and disaggregated data as a basis for evidence-based policies")
        );
    }

    #[test]
    fn migof_and_sdg_items() {
        let migof: Vec<_> = catalogue("migof")
            .expect("migof")
            .items
            .iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(
            migof,
            ["migof.p1", "migof.p2", "migof.p3", "migof.o1", "migof.o2", "migof.o3"]
        );
        assert_eq!(item("sdg.10.7").map(|i| i.kind), Some(ItemKind::Target));
        for path in [
            "sdg.10.7.1",
            "sdg.10.7.2",
            "sdg.10.7.3",
            "sdg.10.7.4",
            "sdg.10.c.1",
        ] {
            assert_eq!(
                item(path).map(|i| i.kind),
                Some(ItemKind::Indicator),
                "{path}"
            );
        }
    }

    #[test]
    fn every_item_is_well_formed() {
        for c in all() {
            for i in c.items {
                assert_eq!(i.catalogue, c.name);
                assert_eq!(i.path, format!("{}.{}", c.name, i.id()));
                assert!(
                    !i.title_en.is_empty() && !i.title_es.is_empty(),
                    "{}",
                    i.path
                );
                assert!(!i.reference.is_empty(), "{}", i.path);
                assert!(!i.non_derogable || i.kind == ItemKind::Right, "{}", i.path);
                assert_eq!(item(i.path), Some(i));
            }
        }
    }

    #[test]
    fn select_whole_catalogue_in_order() {
        let selected = select("icrmw.*");
        let expected: Vec<String> = (7..=35).map(|n| format!("icrmw.art{n}")).collect();
        assert_eq!(ids(&selected), expected);
    }

    #[test]
    fn select_subtree() {
        assert_eq!(
            ids(&select("sdg.10.7.*")),
            ["sdg.10.7.1", "sdg.10.7.2", "sdg.10.7.3", "sdg.10.7.4"]
        );
        assert_eq!(ids(&select("sdg.10.*")).len(), 6);
        assert_eq!(ids(&select("sdg.*")).len(), 6);
    }

    #[test]
    fn select_exact_and_invalid() {
        assert_eq!(ids(&select("gcm.o7")), ["gcm.o7"]);
        assert!(select("gcm.o99").is_empty());
        assert!(select("nope.*").is_empty());
        assert!(select("*").is_empty());
        assert!(select(".*").is_empty());
        assert!(select("icrmw*").is_empty());
        assert!(select("icrmw.art2*").is_empty());
        assert!(select("").is_empty());
    }

    #[test]
    fn item_lookup() {
        assert_eq!(item("icrmw.art25").map(|i| i.path), Some("icrmw.art25"));
        assert!(item("gcm.o99").is_none());
        assert!(item("gcm").is_none());
        assert!(item("").is_none());
        assert!(item("nope.o1").is_none());
    }

    #[test]
    fn suggestions() {
        let art2 = suggest("icrmw.art2");
        assert!(!art2.is_empty() && art2.len() <= 3, "{art2:?}");
        assert!(art2.iter().all(|p| p.starts_with("icrmw.art2")), "{art2:?}");

        let o07 = suggest("gcm.o07");
        assert_eq!(o07.first(), Some(&"gcm.o7"), "{o07:?}");

        assert_eq!(suggest("GCM.O7").first(), Some(&"gcm.o7"));
        assert_eq!(suggest("icrmw.art52").first(), Some(&"icrmw.art25"));
        assert_eq!(suggest("icrwm.art25").first(), Some(&"icrmw.art25"));
        assert_eq!(
            suggest("sdg.10.7.5").first().map(|p| &p[..9]),
            Some("sdg.10.7.")
        );
        assert_eq!(suggest("art25").first(), Some(&"icrmw.art25"));
        assert!(suggest("completely-unrelated").is_empty());
        assert!(!suggest("gcm.o7").contains(&"gcm.o7"));
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("GCM.o07"), "gcm.o7");
        assert_eq!(normalize("sdg.10.07.2"), "sdg.10.7.2");
        assert_eq!(normalize("icrmw.art10"), "icrmw.art10");
        assert_eq!(normalize("x.0"), "x.0");
        assert_eq!(normalize("x.00"), "x.0");
    }

    #[test]
    fn kinds_serialize_in_snake_case() {
        for kind in ItemKind::ALL {
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert!(!kind.label(true).is_empty() && !kind.label(false).is_empty());
        }
    }
}
