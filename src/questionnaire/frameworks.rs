//! The AI governance frameworks a question can say it serves, as lists of ids: the Annex A controls of
//! ISO/IEC 42001:2023 and the subcategories of the NIST AI Risk Management Framework 1.0 (NIST AI 100-1).
//! Ids only (facts); the frameworks' own text is not reproduced. A questionnaire that names an id not listed
//! here does not load, so coverage is never claimed for a control that does not exist.

/// A framework whose ids a question lists in its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    Iso42001,
    NistAiRmf,
}

impl Framework {
    pub const ALL: [Framework; 2] = [Framework::Iso42001, Framework::NistAiRmf];

    /// The question field that lists this framework's ids, and its key in the JSON report.
    pub fn field(self) -> &'static str {
        match self {
            Framework::Iso42001 => "iso42001",
            Framework::NistAiRmf => "nist_ai_rmf",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Framework::Iso42001 => "ISO/IEC 42001:2023 Annex A",
            Framework::NistAiRmf => "NIST AI RMF 1.0",
        }
    }

    /// What the framework's ids are called.
    pub fn unit(self) -> &'static str {
        match self {
            Framework::Iso42001 => "controls",
            Framework::NistAiRmf => "subcategories",
        }
    }

    /// Every id, in the framework's own order.
    pub fn ids(self) -> &'static [&'static str] {
        match self {
            Framework::Iso42001 => &ISO_42001_ANNEX_A,
            Framework::NistAiRmf => &NIST_AI_RMF,
        }
    }

    pub fn knows(self, id: &str) -> bool {
        self.ids().contains(&id)
    }

    /// An example of a valid id, for error messages.
    pub fn example(self) -> &'static str {
        match self {
            Framework::Iso42001 => "A.6.2.4",
            Framework::NistAiRmf => "MEASURE 2.7",
        }
    }
}

/// The 38 controls of ISO/IEC 42001:2023 Annex A (A.2 to A.10).
pub const ISO_42001_ANNEX_A: [&str; 38] = [
    // A.2 policies related to AI
    "A.2.2", "A.2.3", "A.2.4", // A.3 internal organisation
    "A.3.2", "A.3.3", // A.4 resources for AI systems
    "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6", // A.5 assessing impacts of AI systems
    "A.5.2", "A.5.3", "A.5.4", "A.5.5", // A.6 AI system life cycle
    "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
    // A.7 data for AI systems
    "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6", // A.8 information for interested parties of AI systems
    "A.8.2", "A.8.3", "A.8.4", "A.8.5", // A.9 use of AI systems
    "A.9.2", "A.9.3", "A.9.4", // A.10 third-party and customer relationships
    "A.10.2", "A.10.3", "A.10.4",
];

/// The 72 subcategories of the NIST AI RMF 1.0 core: GOVERN 19, MAP 18, MEASURE 22, MANAGE 13.
pub const NIST_AI_RMF: [&str; 72] = [
    "GOVERN 1.1",
    "GOVERN 1.2",
    "GOVERN 1.3",
    "GOVERN 1.4",
    "GOVERN 1.5",
    "GOVERN 1.6",
    "GOVERN 1.7",
    "GOVERN 2.1",
    "GOVERN 2.2",
    "GOVERN 2.3",
    "GOVERN 3.1",
    "GOVERN 3.2",
    "GOVERN 4.1",
    "GOVERN 4.2",
    "GOVERN 4.3",
    "GOVERN 5.1",
    "GOVERN 5.2",
    "GOVERN 6.1",
    "GOVERN 6.2",
    "MAP 1.1",
    "MAP 1.2",
    "MAP 1.3",
    "MAP 1.4",
    "MAP 1.5",
    "MAP 1.6",
    "MAP 2.1",
    "MAP 2.2",
    "MAP 2.3",
    "MAP 3.1",
    "MAP 3.2",
    "MAP 3.3",
    "MAP 3.4",
    "MAP 3.5",
    "MAP 4.1",
    "MAP 4.2",
    "MAP 5.1",
    "MAP 5.2",
    "MEASURE 1.1",
    "MEASURE 1.2",
    "MEASURE 1.3",
    "MEASURE 2.1",
    "MEASURE 2.2",
    "MEASURE 2.3",
    "MEASURE 2.4",
    "MEASURE 2.5",
    "MEASURE 2.6",
    "MEASURE 2.7",
    "MEASURE 2.8",
    "MEASURE 2.9",
    "MEASURE 2.10",
    "MEASURE 2.11",
    "MEASURE 2.12",
    "MEASURE 2.13",
    "MEASURE 3.1",
    "MEASURE 3.2",
    "MEASURE 3.3",
    "MEASURE 4.1",
    "MEASURE 4.2",
    "MEASURE 4.3",
    "MANAGE 1.1",
    "MANAGE 1.2",
    "MANAGE 1.3",
    "MANAGE 1.4",
    "MANAGE 2.1",
    "MANAGE 2.2",
    "MANAGE 2.3",
    "MANAGE 2.4",
    "MANAGE 3.1",
    "MANAGE 3.2",
    "MANAGE 4.1",
    "MANAGE 4.2",
    "MANAGE 4.3",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_hold_each_id_once_with_the_published_counts() {
        for f in Framework::ALL {
            let mut ids = f.ids().to_vec();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), f.ids().len(), "{}", f.label());
            assert!(f.knows(f.example()));
        }
        let per = |fun: &str| NIST_AI_RMF.iter().filter(|id| id.starts_with(&format!("{fun} "))).count();
        assert_eq!([per("GOVERN"), per("MAP"), per("MEASURE"), per("MANAGE")], [19, 18, 22, 13]);
        assert!(!Framework::Iso42001.knows("A.4.1") && !Framework::NistAiRmf.knows("MAP 5.3"));
    }
}
