//! The questionnaire file format (see `questionnaires/README.md`): plain data, read and written with serde.

use serde::{Deserialize, Serialize};

use super::condition::Condition;

/// The only questionnaire file format this version reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Readiness,
    Vendor,
    Custom,
    /// A customer's security questionnaire, imported from their spreadsheet.
    Customer,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Readiness => "readiness",
            Kind::Vendor => "vendor",
            Kind::Custom => "custom",
            Kind::Customer => "customer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: String,
    pub help: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<String>,
    /// The points of the description criteria (DC 200: `DC1` to `DC9`) the question asks about: what the
    /// system description must disclose. Information for the report; they do not score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description_criteria: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_area: Option<AiArea>,
    /// The ISO/IEC 42001:2023 Annex A controls this question serves (ids such as `A.6.2.4`), checked against
    /// [`super::frameworks`] on load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iso42001: Vec<String>,
    /// The NIST AI RMF 1.0 subcategories this question serves (ids such as `MEASURE 2.7`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nist_ai_rmf: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub critical: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remediation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort_days: Option<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Vendor questionnaires: the criteria the control supports on the vendor's side. Informational only: a
    /// vendor's control does not evidence your own criteria (unless its auditor used the inclusive method),
    /// so these never enter a score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendor_criteria: Vec<String>,
    /// A critical question blocks only when one of these categories (`availability`, `confidentiality`,
    /// `processing_integrity`, `privacy`) is in the audit's scope; empty means it always blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub critical_scope: Vec<String>,
    /// The control runs once a year (penetration test, risk assessment, recovery test): for a Type II report
    /// it earns operating credit only when it ran inside the observation window.
    #[serde(default, skip_serializing_if = "is_false")]
    pub annual: bool,
    /// This `choice` question says how much of the planned observation window the controls of its section
    /// have operated with evidence; each option's `score` is that share (see `scoring::credit`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub operating_period: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Maturity,
    Yesno,
    Choice,
    Multi,
    Number,
    Text,
    Date,
}

impl QuestionType {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionType::Maturity => "maturity",
            QuestionType::Yesno => "yesno",
            QuestionType::Choice => "choice",
            QuestionType::Multi => "multi",
            QuestionType::Number => "number",
            QuestionType::Text => "text",
            QuestionType::Date => "date",
        }
    }

    /// Whether the answer is picked from a list of options.
    pub fn has_options(self) -> bool {
        matches!(self, QuestionType::Maturity | QuestionType::Yesno | QuestionType::Choice | QuestionType::Multi)
    }

    /// Whether the file lists the options itself (maturity and yes/no options are built in).
    pub fn lists_options(self) -> bool {
        matches!(self, QuestionType::Choice | QuestionType::Multi)
    }
}

/// One option of a `choice` or `multi` question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// `multi` questions only: this option ("none", "none yet") cannot be ticked together with another.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
}

/// The AI-specific areas auditors and buyers probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AiArea {
    TrainingData,
    ThirdPartyModels,
    ModelAccess,
    ModelChange,
    OutputValidation,
    PromptInjection,
    GpuInfrastructure,
    RetentionDeletion,
    /// AI policy, ownership, inventory, impact assessment and regulatory duties (ISO 42001, NIST GOVERN
    /// and MAP, the EU AI Act).
    AiGovernance,
    /// What buyers' AI addenda ask of a vendor: output ownership, IP indemnity, switching AI off, acceptable use.
    CustomerCommitments,
}

impl AiArea {
    pub const ALL: [AiArea; 10] = [
        AiArea::TrainingData,
        AiArea::ThirdPartyModels,
        AiArea::ModelAccess,
        AiArea::ModelChange,
        AiArea::OutputValidation,
        AiArea::PromptInjection,
        AiArea::GpuInfrastructure,
        AiArea::RetentionDeletion,
        AiArea::AiGovernance,
        AiArea::CustomerCommitments,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AiArea::TrainingData => "training-data",
            AiArea::ThirdPartyModels => "third-party-models",
            AiArea::ModelAccess => "model-access",
            AiArea::ModelChange => "model-change",
            AiArea::OutputValidation => "output-validation",
            AiArea::PromptInjection => "prompt-injection",
            AiArea::GpuInfrastructure => "gpu-infrastructure",
            AiArea::RetentionDeletion => "retention-deletion",
            AiArea::AiGovernance => "ai-governance",
            AiArea::CustomerCommitments => "customer-commitments",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AiArea::TrainingData => "Training data provenance",
            AiArea::ThirdPartyModels => "Third-party models",
            AiArea::ModelAccess => "Model access control",
            AiArea::ModelChange => "Model change management",
            AiArea::OutputValidation => "Output validation",
            AiArea::PromptInjection => "Prompt injection",
            AiArea::GpuInfrastructure => "GPU and cloud infrastructure",
            AiArea::RetentionDeletion => "Retention and deletion",
            AiArea::AiGovernance => "AI governance",
            AiArea::CustomerCommitments => "AI commitments to customers",
        }
    }
}

/// One rung of the maturity scale: its id, what people see, and its Type I / Type II credit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rung {
    pub id: &'static str,
    pub label: &'static str,
    /// Credit towards a Type I (design) report; `None` when the answer is excluded from scoring.
    pub design: Option<f64>,
    /// Credit towards a Type II (operating effectiveness) report.
    pub operating: Option<f64>,
}

/// The maturity scale of DESIGN.md, in key order (key 1 is the first rung).
pub const MATURITY: [Rung; 7] = [
    Rung { id: "not_started", label: "Not in place", design: Some(0.0), operating: Some(0.0) },
    Rung { id: "planned", label: "Planned or in progress", design: Some(0.25), operating: Some(0.0) },
    Rung { id: "informal", label: "In place, informal", design: Some(0.5), operating: Some(0.25) },
    Rung { id: "documented", label: "Documented and in place", design: Some(1.0), operating: Some(0.5) },
    Rung { id: "evidenced", label: "Operating, with evidence over time", design: Some(1.0), operating: Some(1.0) },
    Rung { id: "na", label: "Not applicable (say why in the note)", design: None, operating: None },
    Rung { id: "unknown", label: "Don't know (flagged for follow-up)", design: Some(0.0), operating: Some(0.0) },
];

pub const NOT_APPLICABLE: &str = "na";
pub const UNKNOWN: &str = "unknown";

/// An option as the interface and the command line offer it, whatever the question type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offered<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

impl Question {
    /// The ids of one framework this question says it serves.
    pub fn framework_ids(&self, framework: super::frameworks::Framework) -> &[String] {
        match framework {
            super::frameworks::Framework::Iso42001 => &self.iso42001,
            super::frameworks::Framework::NistAiRmf => &self.nist_ai_rmf,
        }
    }

    /// The options this question offers, in key order: the maturity scale, yes/no, or the listed options.
    pub fn offered(&self) -> Vec<Offered<'_>> {
        match self.kind {
            QuestionType::Maturity => MATURITY.iter().map(|r| Offered { id: r.id, label: r.label }).collect(),
            QuestionType::Yesno => vec![Offered { id: "yes", label: "Yes" }, Offered { id: "no", label: "No" }],
            _ => self.options.iter().map(|c| Offered { id: &c.id, label: &c.label }).collect(),
        }
    }

    /// Whether the question counts towards the scores.
    pub fn is_scored(&self) -> bool {
        self.weight.is_some()
    }

    /// Why a `multi` answer ticks an exclusive option ("none") together with another, naming both; `None`
    /// when it does not.
    pub fn exclusive_conflict(&self, chosen: &[String]) -> Option<String> {
        if chosen.len() < 2 {
            return None;
        }
        let option = self.options.iter().find(|o| o.exclusive && chosen.contains(&o.id))?;
        let other = self.options.iter().find(|o| o.id != option.id && chosen.contains(&o.id))?;
        Some(format!(
            "\"{}\" cannot be combined with other options, such as \"{}\": it says none of them applies; choose it alone or leave it out",
            option.label, other.label
        ))
    }

    /// The label people see for one of this question's options.
    pub fn label_for(&self, option_id: &str) -> Option<String> {
        self.offered().iter().find(|o| o.id == option_id).map(|o| o.label.to_string())
    }
}

impl Questionnaire {
    /// Every question in file order, with the section it belongs to.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections.iter().flat_map(|s| s.questions.iter().map(move |q| (s, q)))
    }

    pub fn question(&self, id: &str) -> Option<(&Section, &Question)> {
        self.questions().find(|(_, q)| q.id == id)
    }

    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }
}
