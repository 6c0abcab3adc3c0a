//! Every word of the report that does not come from the spec, in English and
//! Spanish: the one place to read or change them.
//!
//! Words with a number in them are methods at the end, next to each other
//! in both languages.

use crate::emit::json::{
    AsOfSource, CommitmentStatus, CoverageStatus, Direction, EvidenceKind, Language, PolicyStatus,
    ProgressStatus, Stage, StakeholderKind,
};

/// The labels of one language.
pub struct Labels {
    pub lang: Language,
    /// The `lang` attribute.
    pub html_lang: &'static str,
    pub report: &'static str,
    pub skip: &'static str,
    pub contents: &'static str,
    pub policy_id: &'static str,
    pub jurisdiction: &'static str,
    pub version: &'static str,
    pub status: &'static str,
    pub horizon: &'static str,
    pub budget: &'static str,
    pub committed: &'static str,
    pub as_of: &'static str,

    // Sections.
    pub summary: &'static str,
    pub principles: &'static str,
    pub commitments: &'static str,
    pub graph: &'static str,
    pub timeline: &'static str,
    pub coverage: &'static str,
    pub responsibilities: &'static str,
    pub consultations: &'static str,
    pub evidence: &'static str,
    pub warnings: &'static str,

    // Summary cards.
    pub card_principles: &'static str,
    pub card_commitments: &'static str,
    pub card_targets: &'static str,
    pub card_agencies: &'static str,
    pub card_rights: &'static str,
    pub card_stages: &'static str,
    pub card_warnings: &'static str,
    pub card_end: &'static str,
    pub card_end_sub: &'static str,
    pub qualities: &'static str,
    pub quality_explicit: &'static str,
    pub quality_comprehensive: &'static str,
    pub quality_rights_based: &'static str,
    pub quality_consensual: &'static str,
    pub quality_explicit_means: &'static str,
    pub quality_comprehensive_means: &'static str,
    pub quality_rights_based_means: &'static str,
    pub quality_consensual_means: &'static str,
    pub quality_met: &'static str,
    pub quality_not_met: &'static str,
    pub targets_by_status: &'static str,

    // Principles.
    pub principles_intro: &'static str,
    pub grounds: &'static str,
    pub put_into_practice_by: &'static str,
    pub not_put_into_practice: &'static str,

    // Commitment cards.
    pub commitments_intro: &'static str,
    pub details: &'static str,
    pub details_intro: &'static str,
    pub overview: &'static str,
    pub rights_measured_card: &'static str,
    pub lead: &'static str,
    pub support: &'static str,
    pub start: &'static str,
    pub due: &'static str,
    pub stages: &'static str,
    pub rights_advanced: &'static str,
    pub rights_restricted: &'static str,
    pub justification: &'static str,
    pub legal_basis: &'static str,
    pub necessity: &'static str,
    pub proportionality: &'static str,
    pub aligns: &'static str,
    pub depends_on: &'static str,
    pub enables: &'static str,
    pub consulted_in: &'static str,
    pub rests_on: &'static str,
    pub targets: &'static str,
    pub no_targets: &'static str,
    pub critical: &'static str,
    pub critical_means: &'static str,
    pub overdue: &'static str,
    pub none: &'static str,
    pub implementation: &'static str,
    pub progress: &'static str,
    pub indicator: &'static str,
    pub source: &'static str,
    pub baseline: &'static str,
    pub milestones: &'static str,
    pub latest: &'static str,
    pub no_observation: &'static str,
    pub inferred: &'static str,

    // Graph.
    pub graph_intro: &'static str,
    pub graph_desc: &'static str,
    pub graph_table: &'static str,
    pub graph_empty: &'static str,
    pub phase: &'static str,
    pub commitment: &'static str,
    pub slack: &'static str,
    pub critical_path: &'static str,
    pub no_phase: &'static str,
    pub legend: &'static str,
    pub legend_critical: &'static str,
    pub legend_edge: &'static str,

    // Timeline.
    pub timeline_intro: &'static str,
    pub timeline_desc: &'static str,
    pub timeline_table: &'static str,
    pub milestone: &'static str,

    // Coverage.
    pub coverage_intro: &'static str,
    pub coverage_caption: &'static str,
    pub right: &'static str,
    pub overall: &'static str,
    pub non_derogable: &'static str,
    pub scope_not_declared: &'static str,
    pub other_rights: &'static str,
    pub advanced_by: &'static str,
    pub restricted_by: &'static str,

    // Responsibilities.
    pub responsibilities_intro: &'static str,
    pub responsibilities_caption: &'static str,
    pub agency: &'static str,
    pub lead_short: &'static str,
    pub support_short: &'static str,
    pub leads_count: &'static str,
    pub supports_count: &'static str,
    pub part_of: &'static str,

    // Consultations and evidence.
    pub date: &'static str,
    pub participants: &'static str,
    pub covers: &'static str,
    pub outcome: &'static str,
    pub heard_outside_government: &'static str,
    pub stakeholders: &'static str,
    pub kind: &'static str,
    pub year: &'static str,
    pub link: &'static str,
    pub cited_by: &'static str,
    pub url_not_linked: &'static str,
    pub no_consultations: &'static str,
    pub no_evidence: &'static str,

    // Warnings.
    pub warnings_intro: &'static str,
    pub no_warnings: &'static str,
    pub about: &'static str,
    pub location: &'static str,
    pub help: &'static str,

    pub generated_by: &'static str,
    pub from_files: &'static str,
    pub format_note: &'static str,
}

pub const EN: Labels = Labels {
    lang: Language::En,
    html_lang: "en",
    report: "Policy report",
    skip: "Skip to the report",
    contents: "Contents",
    policy_id: "ID",
    jurisdiction: "Jurisdiction",
    version: "Version",
    status: "Status",
    horizon: "Horizon",
    budget: "Budget",
    committed: "committed to commitments",
    as_of: "Progress as of",

    summary: "At a glance",
    principles: "Principles",
    commitments: "Commitments",
    graph: "Dependency graph",
    timeline: "Timeline",
    coverage: "Rights coverage",
    responsibilities: "Who is responsible",
    consultations: "Consultations",
    evidence: "Evidence",
    warnings: "Warnings",

    card_principles: "principles",
    card_commitments: "commitments",
    card_targets: "measurable targets",
    card_agencies: "agencies involved",
    card_rights: "rights in scope covered",
    card_stages: "migration stages addressed",
    card_warnings: "warnings from the compiler",
    card_end: "earliest possible end of the policy",
    card_end_sub: "set by the critical path",
    qualities: "The four qualities of the policy",
    quality_explicit: "Explicit",
    quality_comprehensive: "Comprehensive",
    quality_rights_based: "Rights-based",
    quality_consensual: "Consensual",
    quality_explicit_means: "principles, commitments and targets are written down",
    quality_comprehensive_means: "origin, transit, destination and return are addressed",
    quality_rights_based_means: "every right in scope is advanced by a commitment with a target",
    quality_consensual_means: "commitments were consulted, also outside government",
    quality_met: "met",
    quality_not_met: "not met",
    targets_by_status: "Targets by progress",

    principles_intro: "The principles that guide the policy, each with the commitments that put it into practice.",
    grounds: "Grounded in",
    put_into_practice_by: "Put into practice by",
    not_put_into_practice: "No commitment puts this principle into practice.",

    overview: "Commitments at a glance",
    rights_measured_card: "rights in scope measured by a target",
    commitments_intro: "What the policy commits to: who leads each commitment, by when, at which stages of migration, and how its targets are progressing. Select a commitment for its details.",
    details: "Each commitment in detail",
    details_intro: "Who leads and supports each commitment, its dates and budget, the principles it puts into practice, the rights it advances, what it aligns with, and its targets: the baseline, the milestones, the latest observation and the progress towards the next milestone.",
    lead: "Lead",
    support: "Support",
    start: "Start",
    due: "Due",
    stages: "Stages",
    rights_advanced: "Rights advanced",
    rights_restricted: "Rights restricted",
    justification: "Justification of the restriction",
    legal_basis: "Legal basis",
    necessity: "Necessity",
    proportionality: "Proportionality",
    aligns: "Aligned with",
    depends_on: "Depends on",
    enables: "Needed by",
    consulted_in: "Consulted in",
    rests_on: "Evidence",
    targets: "Targets",
    no_targets: "No measurable target.",
    critical: "critical path",
    critical_means: "a delay here delays the whole policy",
    overdue: "overdue",
    none: "none",
    implementation: "Implementation",
    progress: "Progress",
    indicator: "Indicator",
    source: "Source",
    baseline: "Baseline",
    milestones: "Milestones",
    latest: "Latest observation",
    no_observation: "no observation yet",
    inferred: "inferred",

    graph_intro: "Commitments in implementation phases, left to right: a commitment can start once the commitments it depends on are done. The critical path, in red, is the chain that sets the earliest end of the policy. Select a box to read the commitment.",
    graph_desc: "Boxes are commitments arranged in columns by phase; arrows run from a prerequisite to the commitment that depends on it; the critical path is drawn in red with a thicker border.",
    graph_table: "The graph as a table",
    graph_empty: "No commitment depends on another.",
    phase: "Phase",
    commitment: "Commitment",
    slack: "Slack",
    critical_path: "Critical path",
    no_phase: "no phase",
    legend: "Legend",
    legend_critical: "critical path",
    legend_edge: "depends on",

    timeline_intro: "Each bar runs from a commitment's start to its due date over the policy's horizon. The vertical line marks the date progress is reported as of.",
    timeline_desc: "A Gantt chart: one row per commitment, bars from start to due date, coloured by implementation status, critical commitments outlined in red, and a vertical line at the as-of date.",
    timeline_table: "The timeline as a table",
    milestone: "target milestone",

    coverage_intro: "Which rights in the policy's scope the commitments advance, at each stage of migration. ✔ measured: a commitment with a measurable target advances it. ○ nominal: only commitments without targets do. ✖ gap: no commitment does.",
    coverage_caption: "Rights in scope × migration stages",
    right: "Right",
    overall: "All stages",
    non_derogable: "non-derogable",
    scope_not_declared: "The policy's scope lists no rights: the rights shown are those the commitments advance.",
    other_rights: "Other rights the commitments cite",
    advanced_by: "advanced by",
    restricted_by: "restricted by",

    responsibilities_intro: "Which agency leads (L) and which supports (S) each commitment.",
    responsibilities_caption: "Agencies × commitments: L lead, S support",
    agency: "Agency",
    lead_short: "L",
    support_short: "S",
    leads_count: "Leads",
    supports_count: "Supports",
    part_of: "part of",

    date: "Date",
    participants: "Participants",
    covers: "Covered",
    outcome: "Outcome",
    heard_outside_government: "heard stakeholders outside government",
    stakeholders: "Stakeholders",
    kind: "Kind",
    year: "Year",
    link: "Link",
    cited_by: "Cited by",
    url_not_linked: "address not linked: only http and https addresses are",
    no_consultations: "No consultation is recorded.",
    no_evidence: "No evidence is recorded.",

    warnings_intro: "What the compiler found to improve. Warnings do not stop the policy from being published.",
    no_warnings: "The compiler found nothing to improve.",
    about: "About",
    location: "Where in the spec",
    help: "How to fix it",

    generated_by: "Generated by",
    from_files: "from",
    format_note: "Written in Pacta, a language for public policies. The same data is available as JSON.",
};

pub const ES: Labels = Labels {
    lang: Language::Es,
    html_lang: "es",
    report: "Informe de la política",
    skip: "Ir al informe",
    contents: "Contenido",
    policy_id: "ID",
    jurisdiction: "Jurisdicción",
    version: "Versión",
    status: "Estado",
    horizon: "Horizonte",
    budget: "Presupuesto",
    committed: "asignado a compromisos",
    as_of: "Avance al",

    summary: "De un vistazo",
    principles: "Principios",
    commitments: "Compromisos",
    graph: "Grafo de dependencias",
    timeline: "Cronograma",
    coverage: "Cobertura de derechos",
    responsibilities: "Quién es responsable",
    consultations: "Consultas",
    evidence: "Evidencia",
    warnings: "Avisos",

    card_principles: "principios",
    card_commitments: "compromisos",
    card_targets: "metas medibles",
    card_agencies: "instituciones participantes",
    card_rights: "derechos del alcance cubiertos",
    card_stages: "etapas de la migración atendidas",
    card_warnings: "avisos del compilador",
    card_end: "fin más temprano posible de la política",
    card_end_sub: "según la ruta crítica",
    qualities: "Las cuatro cualidades de la política",
    quality_explicit: "Explícita",
    quality_comprehensive: "Integral",
    quality_rights_based: "Basada en derechos",
    quality_consensual: "Consensuada",
    quality_explicit_means: "principios, compromisos y metas están por escrito",
    quality_comprehensive_means: "se atienden origen, tránsito, destino y retorno",
    quality_rights_based_means: "cada derecho del alcance avanza con un compromiso con meta",
    quality_consensual_means: "los compromisos se consultaron, también fuera del gobierno",
    quality_met: "se cumple",
    quality_not_met: "no se cumple",
    targets_by_status: "Metas según su avance",

    principles_intro: "Los principios que guían la política, cada uno con los compromisos que lo ponen en práctica.",
    grounds: "Fundamentos",
    put_into_practice_by: "Lo ponen en práctica",
    not_put_into_practice: "Ningún compromiso pone en práctica este principio.",

    overview: "Los compromisos de un vistazo",
    rights_measured_card: "derechos del alcance medidos con una meta",
    commitments_intro: "A qué se compromete la política: quién lidera cada compromiso, para cuándo, en qué etapas de la migración y cómo avanzan sus metas. Seleccione un compromiso para ver su detalle.",
    details: "Cada compromiso en detalle",
    details_intro: "Quién lidera y quién apoya cada compromiso, sus fechas y presupuesto, los principios que pone en práctica, los derechos que hace avanzar, con qué se alinea y sus metas: la línea de base, los hitos, la última observación y el avance hacia el próximo hito.",
    lead: "Responsable",
    support: "Apoyo",
    start: "Inicio",
    due: "Plazo",
    stages: "Etapas",
    rights_advanced: "Derechos que hace avanzar",
    rights_restricted: "Derechos que restringe",
    justification: "Justificación de la restricción",
    legal_basis: "Base legal",
    necessity: "Necesidad",
    proportionality: "Proporcionalidad",
    aligns: "Alineado con",
    depends_on: "Depende de",
    enables: "Lo necesitan",
    consulted_in: "Consultado en",
    rests_on: "Evidencia",
    targets: "Metas",
    no_targets: "Sin meta medible.",
    critical: "ruta crítica",
    critical_means: "un retraso aquí retrasa toda la política",
    overdue: "vencido",
    none: "ninguno",
    implementation: "Ejecución",
    progress: "Avance",
    indicator: "Indicador",
    source: "Fuente",
    baseline: "Línea de base",
    milestones: "Hitos",
    latest: "Última observación",
    no_observation: "todavía sin observaciones",
    inferred: "deducida",

    graph_intro: "Los compromisos en fases de ejecución, de izquierda a derecha: un compromiso puede empezar cuando se cumplen aquellos de los que depende. La ruta crítica, en rojo, es la cadena que fija el fin más temprano de la política. Seleccione un recuadro para leer el compromiso.",
    graph_desc: "Los recuadros son compromisos dispuestos en columnas por fase; las flechas van de un requisito al compromiso que depende de él; la ruta crítica se dibuja en rojo con borde más grueso.",
    graph_table: "El grafo como tabla",
    graph_empty: "Ningún compromiso depende de otro.",
    phase: "Fase",
    commitment: "Compromiso",
    slack: "Holgura",
    critical_path: "Ruta crítica",
    no_phase: "sin fase",
    legend: "Leyenda",
    legend_critical: "ruta crítica",
    legend_edge: "depende de",

    timeline_intro: "Cada barra va del inicio de un compromiso a su plazo, sobre el horizonte de la política. La línea vertical marca la fecha del informe de avance.",
    timeline_desc: "Un diagrama de Gantt: una fila por compromiso, barras del inicio al plazo, coloreadas según el estado de ejecución, los compromisos críticos con borde rojo y una línea vertical en la fecha de corte.",
    timeline_table: "El cronograma como tabla",
    milestone: "hito de una meta",

    coverage_intro: "Qué derechos del alcance de la política hacen avanzar los compromisos, en cada etapa de la migración. ✔ medido: lo hace avanzar un compromiso con meta medible. ○ nominal: solo compromisos sin metas. ✖ brecha: ningún compromiso.",
    coverage_caption: "Derechos del alcance × etapas de la migración",
    right: "Derecho",
    overall: "Todas las etapas",
    non_derogable: "inderogable",
    scope_not_declared: "El alcance de la política no enumera derechos: se muestran los que hacen avanzar los compromisos.",
    other_rights: "Otros derechos que citan los compromisos",
    advanced_by: "avanzado por",
    restricted_by: "restringido por",

    responsibilities_intro: "Qué institución es responsable (R) y cuáles apoyan (A) cada compromiso.",
    responsibilities_caption: "Instituciones × compromisos: R responsable, A apoyo",
    agency: "Institución",
    lead_short: "R",
    support_short: "A",
    leads_count: "Lidera",
    supports_count: "Apoya",
    part_of: "adscrita a",

    date: "Fecha",
    participants: "Participantes",
    covers: "Abarcó",
    outcome: "Resultado",
    heard_outside_government: "escuchó a actores ajenos al gobierno",
    stakeholders: "Actores",
    kind: "Tipo",
    year: "Año",
    link: "Enlace",
    cited_by: "Citada por",
    url_not_linked: "dirección sin enlace: solo se enlazan direcciones http y https",
    no_consultations: "No se registra ninguna consulta.",
    no_evidence: "No se registra evidencia.",

    warnings_intro: "Lo que el compilador encontró para mejorar. Los avisos no impiden publicar la política.",
    no_warnings: "El compilador no encontró nada que mejorar.",
    about: "Sobre",
    location: "Dónde en la especificación",
    help: "Cómo corregirlo",

    generated_by: "Generado por",
    from_files: "a partir de",
    format_note: "Escrito en Pacta, un lenguaje para políticas públicas. Los mismos datos están disponibles en JSON.",
};

pub fn labels(lang: Language) -> &'static Labels {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

impl Labels {
    fn pick(&self, en: &'static str, es: &'static str) -> &'static str {
        match self.lang {
            Language::En => en,
            Language::Es => es,
        }
    }

    pub fn policy_status(&self, s: PolicyStatus) -> &'static str {
        match s {
            PolicyStatus::Draft => self.pick("Draft", "Borrador"),
            PolicyStatus::Consultation => self.pick("In consultation", "En consulta"),
            PolicyStatus::Adopted => self.pick("Adopted", "Adoptada"),
            PolicyStatus::Superseded => self.pick("Superseded", "Sustituida"),
        }
    }

    pub fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Origin => self.pick("Origin", "Origen"),
            Stage::Transit => self.pick("Transit", "Tránsito"),
            Stage::Destination => self.pick("Destination", "Destino"),
            Stage::Return => self.pick("Return", "Retorno"),
        }
    }

    pub fn commitment_status(&self, s: CommitmentStatus) -> &'static str {
        match s {
            CommitmentStatus::Planned => self.pick("planned", "planificado"),
            CommitmentStatus::InProgress => self.pick("in progress", "en curso"),
            CommitmentStatus::Done => self.pick("done", "cumplido"),
            CommitmentStatus::Suspended => self.pick("suspended", "suspendido"),
        }
    }

    pub fn progress_status(&self, s: ProgressStatus) -> &'static str {
        match s {
            ProgressStatus::NotStarted => self.pick("not started", "no iniciada"),
            ProgressStatus::OnTrack => self.pick("on track", "en camino"),
            ProgressStatus::AtRisk => self.pick("at risk", "en riesgo"),
            ProgressStatus::OffTrack => self.pick("off track", "desviada"),
            ProgressStatus::Achieved => self.pick("achieved", "lograda"),
            ProgressStatus::Unknown => self.pick("not measurable", "no medible"),
        }
    }

    /// A count of targets with a status: `8 off track` / `8 desviadas`.
    pub fn progress_count(&self, s: ProgressStatus, n: usize) -> String {
        let word = match (self.lang, n == 1) {
            (Language::Es, false) => match s {
                ProgressStatus::NotStarted => "no iniciadas",
                ProgressStatus::OnTrack => "en camino",
                ProgressStatus::AtRisk => "en riesgo",
                ProgressStatus::OffTrack => "desviadas",
                ProgressStatus::Achieved => "logradas",
                ProgressStatus::Unknown => "no medibles",
            },
            _ => self.progress_status(s),
        };
        format!("{n} {word}")
    }

    pub fn coverage_status(&self, s: CoverageStatus) -> &'static str {
        match s {
            CoverageStatus::Measured => self.pick("measured", "medido"),
            CoverageStatus::Nominal => self.pick("nominal", "nominal"),
            CoverageStatus::Gap => self.pick("gap", "brecha"),
        }
    }

    pub fn direction(&self, d: Direction) -> &'static str {
        match d {
            Direction::Increase => self.pick("increase", "aumentar"),
            Direction::Decrease => self.pick("decrease", "reducir"),
            Direction::Maintain => self.pick("maintain", "mantener"),
        }
    }

    pub fn evidence_kind(&self, k: EvidenceKind) -> &'static str {
        match k {
            EvidenceKind::Diagnostic => self.pick("diagnostic", "diagnóstico"),
            EvidenceKind::Research => self.pick("research", "investigación"),
            EvidenceKind::Statistics => self.pick("statistics", "estadística"),
            EvidenceKind::Evaluation => self.pick("evaluation", "evaluación"),
        }
    }

    pub fn stakeholder_kind(&self, k: StakeholderKind) -> &'static str {
        match k {
            StakeholderKind::CivilSociety => self.pick("civil society", "sociedad civil"),
            StakeholderKind::MigrantOrganization => {
                self.pick("migrant organisation", "organización de personas migrantes")
            }
            StakeholderKind::PrivateSector => self.pick("private sector", "sector privado"),
            StakeholderKind::Academia => self.pick("academia", "academia"),
            StakeholderKind::International => {
                self.pick("international organisation", "organismo internacional")
            }
            StakeholderKind::LocalGovernment => self.pick("local government", "gobierno local"),
        }
    }

    pub fn as_of_source(&self, s: AsOfSource) -> &'static str {
        match s {
            AsOfSource::Cli => self.pick(
                "date chosen for this report",
                "fecha elegida para este informe",
            ),
            AsOfSource::LatestObservation => self.pick(
                "date of the latest observation",
                "fecha de la última observación",
            ),
            AsOfSource::HorizonStart => self.pick(
                "start of the horizon: no observation yet",
                "inicio del horizonte: todavía sin observaciones",
            ),
        }
    }

    /// Abbreviated month names, for dates people read.
    pub fn month(&self, m: u32) -> &'static str {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const ES: [&str; 12] = [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ];
        let table = match self.lang {
            Language::En => &EN,
            Language::Es => &ES,
        };
        table
            .get((m as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("")
    }

    /// The thousands separator: `12,000` / `12 000`.
    pub fn thousands(&self) -> char {
        self.pick(",", "\u{202F}").chars().next().unwrap_or(',')
    }

    /// The decimal separator: `3.5` / `3,5`.
    pub fn decimal(&self) -> char {
        self.pick(".", ",").chars().next().unwrap_or('.')
    }

    pub fn phase_n(&self, n: usize) -> String {
        match self.lang {
            Language::En => format!("Phase {n}"),
            Language::Es => format!("Fase {n}"),
        }
    }

    pub fn days(&self, n: i64) -> String {
        match (self.lang, n) {
            (Language::En, 1) => "1 day".to_string(),
            (Language::En, _) => format!("{n} days"),
            (Language::Es, 1) => "1 día".to_string(),
            (Language::Es, _) => format!("{n} días"),
        }
    }

    /// `12 of 27`
    pub fn of(&self, a: usize, b: usize) -> String {
        match self.lang {
            Language::En => format!("{a} of {b}"),
            Language::Es => format!("{a} de {b}"),
        }
    }

    /// The sentence under the progress bar.
    pub fn progress_sentence(&self, done: f64, expected: Option<f64>) -> String {
        let done = (done * 100.0).round() as i64;
        match (self.lang, expected) {
            (Language::En, Some(e)) => format!(
                "{done}% of the way to the next milestone; {}% expected by now",
                (e * 100.0).round() as i64
            ),
            (Language::En, None) => format!("{done}% of the way to the next milestone"),
            (Language::Es, Some(e)) => format!(
                "{done}% del camino hacia el próximo hito; se esperaba {}% a esta fecha",
                (e * 100.0).round() as i64
            ),
            (Language::Es, None) => format!("{done}% del camino hacia el próximo hito"),
        }
    }

    /// `Commitment C1 is critical` for screen readers in the graph.
    pub fn node_summary(&self, id: &str, title: &str, critical: bool) -> String {
        match (self.lang, critical) {
            (Language::En, true) => format!("{id}: {title} (critical path)"),
            (Language::Es, true) => format!("{id}: {title} (ruta crítica)"),
            (_, false) => format!("{id}: {title}"),
        }
    }

    /// The first sentence of the summary: what, who, when, how much.
    pub fn overview_sentence(
        &self,
        commitments: usize,
        leads: usize,
        period: Option<(String, String)>,
        budget: Option<String>,
        targets: usize,
    ) -> String {
        let mut out = match self.lang {
            Language::En => format!(
                "The policy makes {commitments} commitments, each led by one of {leads} agencies"
            ),
            Language::Es => format!(
                "La política asume {commitments} compromisos, cada uno a cargo de una de {leads} instituciones"
            ),
        };
        if let Some((start, end)) = period {
            out.push_str(&match self.lang {
                Language::En => format!(", to be carried out between {start} and {end}"),
                Language::Es => format!(", para cumplir entre el {start} y el {end}"),
            });
        }
        if let Some(budget) = budget {
            out.push_str(&match self.lang {
                Language::En => format!(", with a budget of {budget}"),
                Language::Es => format!(", con un presupuesto de {budget}"),
            });
        }
        out.push_str(&match self.lang {
            Language::En => format!(". Progress is measured by {targets} targets."),
            Language::Es => format!(". Su avance se mide con {targets} metas."),
        });
        out
    }

    /// `Origin: 12 of 27 rights in scope have no commitment at this stage.`
    pub fn stage_gaps(&self, stage: &str, gaps: usize, total: usize) -> String {
        match (self.lang, gaps) {
            (Language::En, 0) => format!("{stage}: every right in scope is advanced at this stage."),
            (Language::En, _) => {
                format!("{stage}: {gaps} of {total} rights in scope have no commitment at this stage.")
            }
            (Language::Es, 0) => format!("{stage}: todos los derechos del alcance avanzan en esta etapa."),
            (Language::Es, _) => format!(
                "{stage}: {gaps} de {total} derechos del alcance no tienen compromiso en esta etapa."
            ),
        }
    }

    pub fn measured_of(&self, measured: usize, total: usize) -> String {
        match self.lang {
            Language::En => format!("{measured} of {total} with a measurable target"),
            Language::Es => format!("{measured} de {total} con meta medible"),
        }
    }
}
