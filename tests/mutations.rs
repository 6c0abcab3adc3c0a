//! The reviewer's test: introduce one of the mistakes of LANGUAGE.md
//! section 5 into the flagship spec and the right code must point at the
//! right place.
//!
//! Each case edits `specs/pnmi-cr.pacta` (one exact, unique replacement),
//! compiles the result, and requires a diagnostic with the expected code
//! whose primary label is on the line of the anchor text (in the edited
//! spec). Other diagnostics may follow from the same edit; this test is
//! about the one a reviewer needs.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use pacta::compile::compile_str;
use pacta::diagnostic::render::location;

const FLAGSHIP: &str = "specs/pnmi-cr.pacta";

struct Case {
    code: &'static str,
    what: &'static str,
    old: &'static str,
    new: &'static str,
    /// Text on the line the diagnostic must point at (`|` separates
    /// alternatives when either end of a contradiction will do).
    anchor: &'static str,
}

const CASES: &[Case] = &[
    Case { code: "E0100", what: "a field without its colon", old: "  plazo: 2025-12-31\n  presupuesto: 450_000 USD", new: "  plazo 2025-12-31\n  presupuesto: 450_000 USD", anchor: "  plazo 2025-12-31" },
    Case { code: "E0101", what: "a day that does not exist", old: "  apoyo: [DGME, MIDEPLAN]\n  inicio: 2025-02-01", new: "  apoyo: [DGME, MIDEPLAN]\n  inicio: 2025-02-30", anchor: "  inicio: 2025-02-30" },
    Case { code: "E0101", what: "an unknown currency", old: "  presupuesto: 450_000 USD", new: "  presupuesto: 450_000 USX", anchor: "  presupuesto: 450_000 USX" },
    Case { code: "E0102", what: "a misspelt field", old: "  apoyo: [DGME, MIDEPLAN]", new: "  apollo: [DGME, MIDEPLAN]", anchor: "  apollo: [DGME, MIDEPLAN]" },
    Case { code: "E0103", what: "a field given twice", old: "  evidencia: [E01, E02, E04]\n", new: "  evidencia: [E01, E02, E04]\n  estado: cumplido\n", anchor: "  estado: cumplido" },
    Case { code: "E0104", what: "a commitment without lead", old: "  responsable: INEC\n  apoyo: [DGME, MIDEPLAN]\n", new: "  apoyo: [DGME, MIDEPLAN]\n", anchor: "compromiso C01 " },
    Case { code: "E0105", what: "an unknown status", old: "  estado: consulta\n", new: "  estado: consultada\n", anchor: "  estado: consultada" },
    Case { code: "E0200", what: "a duplicate ID", old: "compromiso C02 \"Sistema", new: "compromiso C01 \"Sistema", anchor: "compromiso C01 \"Sistema" },
    Case { code: "E0201", what: "an unresolved reference", old: "  depende_de: [C01]\n  inicio: 2025-06-01", new: "  depende_de: [C99]\n  inicio: 2025-06-01", anchor: "  depende_de: [C99]" },
    Case { code: "E0202", what: "a principle as lead", old: "  responsable: INEC\n  apoyo: [DGME, MIDEPLAN]", new: "  responsable: P5\n  apoyo: [DGME, MIDEPLAN]", anchor: "  responsable: P5" },
    Case { code: "E0203", what: "a catalogue without its use line", old: "usar sdg\n", new: "", anchor: "  alinea: [gcm.o1, sdg.10.7.2]" },
    Case { code: "E0205", what: "a second policy", old: "usar sdg\n", new: "usar sdg\npolítica OTRA \"Otra\" { horizonte: 2025-01-01 .. 2030-12-31 }\n", anchor: "política OTRA" },
    Case { code: "E0300", what: "a dependency cycle", old: "  apoyo: [DGME, MIDEPLAN]\n", new: "  apoyo: [DGME, MIDEPLAN]\n  depende_de: [C02]\n", anchor: "  depende_de: [C02]" },
    Case { code: "E0301", what: "due before a prerequisite", old: "  inicio: 2025-06-01\n  plazo: 2026-12-31", new: "  inicio: 2025-06-01\n  plazo: 2025-10-31", anchor: "  plazo: 2025-10-31" },
    Case { code: "E0302", what: "a start before the horizon", old: "  apoyo: [DGME, MIDEPLAN]\n  inicio: 2025-02-01", new: "  apoyo: [DGME, MIDEPLAN]\n  inicio: 2024-02-01", anchor: "  inicio: 2024-02-01" },
    Case { code: "E0303", what: "start after due", old: "  apoyo: [CNM, MIDEPLAN, DGME]\n  inicio: 2025-01-15", new: "  apoyo: [CNM, MIDEPLAN, DGME]\n  inicio: 2025-10-15", anchor: "  inicio: 2025-10-15" },
    Case { code: "E0304", what: "a milestone against the direction", old: "    valor: 9 para 2026-12-31", new: "    valor: 3 para 2026-12-31", anchor: "    valor: 3 para 2026-12-31" },
    Case { code: "E0305", what: "a milestone before the baseline", old: "    valor: 1 para 2025-12-31\n    dirección: aumentar\n    fuente: \"INEC", new: "    valor: 1 para 2023-12-31\n    dirección: aumentar\n    fuente: \"INEC", anchor: "    valor: 1 para 2023-12-31" },
    Case { code: "E0306", what: "a percentage over 100", old: "    valor: 100% para 2028-12-31", new: "    valor: 120% para 2028-12-31", anchor: "    valor: 120% para 2028-12-31" },
    Case { code: "E0307", what: "two targets on one indicator that disagree", old: "    indicador: \"Planes de asistencia técnica con la OIM en ejecución\"\n    unidad: \"planes\"", new: "    indicador: \"Instituciones que intercambian datos migratorios bajo protocolo de protección de datos personales\"\n    unidad: \"instituciones\"", anchor: "    valor: 4 para 2025-12-31\n    valor: 9|    valor: 1 para 2025-12-31\n    valor: 2 para 2026-06-30" },
    Case { code: "E0308", what: "a justification without legal basis", old: "    base_legal: \"Constitución Política, art. 22;", new: "    fundamento_omitido: \"Constitución Política, art. 22;", anchor: "  justificación {" },
    Case { code: "E0309", what: "restricting a non-derogable right", old: "  restringe: [icrmw.art8]", new: "  restringe: [icrmw.art10]", anchor: "  restringe: [icrmw.art10]" },
    Case { code: "E0310", what: "a right advanced and restricted", old: "  derechos: [icrmw.art21]\n  restringe: [icrmw.art8]", new: "  derechos: [icrmw.art21, icrmw.art8]\n  restringe: [icrmw.art8]", anchor: "  derechos: [icrmw.art21, icrmw.art8]|  restringe: [icrmw.art8]" },
    Case { code: "E0311", what: "a budget in another currency", old: "  presupuesto: 450_000 USD", new: "  presupuesto: 450_000 CRC", anchor: "  presupuesto: 450_000 CRC" },
    Case { code: "W0400", what: "commitments over the policy budget", old: "  presupuesto: 62_000_000 USD", new: "  presupuesto: 6_000_000 USD", anchor: "  presupuesto: 6_000_000 USD" },
    Case { code: "W0411", what: "a target without baseline", old: "    línea_base: 1 en 2024\n    valor: 4 para 2025-09-30", new: "    valor: 4 para 2025-09-30", anchor: "  meta M03 " },
    Case { code: "W0412", what: "a commitment citing no principle", old: "  principios: [P5, P6]\n  etapas: [origen, tránsito, destino, retorno]\n  responsable: MGP", new: "  etapas: [origen, tránsito, destino, retorno]\n  responsable: MGP", anchor: "compromiso C03 " },
    Case { code: "W0413", what: "a principle nobody puts into practice", old: "usar sdg\n", new: "usar sdg\nprincipio P99 \"Principio sin compromisos\" {}\n", anchor: "principio P99" },
    Case { code: "W0414", what: "an agency with no commitment", old: "usar sdg\n", new: "usar sdg\ninstitución OCIOSA \"Institución sin compromisos\" { sector: \"x\" }\n", anchor: "institución OCIOSA" },
    Case { code: "W0430", what: "a right in scope that no commitment advances", old: "    derechos: [icrmw.*]\n", new: "    derechos: [icrmw.*, R_nuevo]\n", anchor: "    derechos: [icrmw.*, R_nuevo]" },
];

#[test]
fn each_mistake_gets_its_code_at_the_right_place() {
    let flagship = std::fs::read_to_string(FLAGSHIP).expect("the flagship spec");
    let clean = compile_str(FLAGSHIP, &flagship);
    assert!(clean.diagnostics.is_empty(), "the flagship must be clean");
    let mut failures = Vec::new();
    for case in CASES {
        assert_eq!(
            flagship.matches(case.old).count(),
            1,
            "{}: `{}` is not unique",
            case.what,
            case.old
        );
        let mut text = flagship.replacen(case.old, case.new, 1);
        if case.code == "W0430" {
            text.push_str("derecho R_nuevo \"Un derecho que nadie promueve\" {}\n");
        }
        let lines: Vec<usize> = case
            .anchor
            .split('|')
            .map(|a| {
                let at = text
                    .find(a)
                    .unwrap_or_else(|| panic!("{}: anchor `{a}` not found", case.what));
                text[..at].matches('\n').count() + 1
            })
            .collect();
        let c = compile_str(FLAGSHIP, &text);
        let found = c.diagnostics.iter().any(|d| {
            d.code.as_str() == case.code
                && d.span()
                    .is_some_and(|s| lines.contains(&location(&c.sources, s).line))
        });
        if !found {
            let got: Vec<String> = c
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{}@{}",
                        d.code.as_str(),
                        d.span().map_or(0, |s| location(&c.sources, s).line)
                    )
                })
                .collect();
            failures.push(format!(
                "{} ({}): wanted at line {lines:?}, got {got:?}",
                case.code, case.what
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
