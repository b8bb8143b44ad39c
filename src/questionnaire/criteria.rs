//! The 61 criteria of the 2017 Trust Services Criteria, with the category each belongs to.

use serde::Serialize;

/// A Trust Services Criteria category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Security,
    Availability,
    ProcessingIntegrity,
    Confidentiality,
    Privacy,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Security,
        Category::Availability,
        Category::ProcessingIntegrity,
        Category::Confidentiality,
        Category::Privacy,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Security => "Security",
            Category::Availability => "Availability",
            Category::ProcessingIntegrity => "Processing Integrity",
            Category::Confidentiality => "Confidentiality",
            Category::Privacy => "Privacy",
        }
    }

    /// The id used in JSON output and in the profile's `profile.categories` options.
    pub fn id(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Availability => "availability",
            Category::ProcessingIntegrity => "processing_integrity",
            Category::Confidentiality => "confidentiality",
            Category::Privacy => "privacy",
        }
    }

    /// The category a criterion id belongs to, or `None` for an unknown id.
    pub fn of(criterion: &str) -> Option<Category> {
        if !is_criterion(criterion) {
            return None;
        }
        Some(match criterion.as_bytes()[0] {
            b'C' if criterion.starts_with("CC") => Category::Security,
            b'C' => Category::Confidentiality,
            b'A' => Category::Availability,
            b'P' if criterion.starts_with("PI") => Category::ProcessingIntegrity,
            _ => Category::Privacy,
        })
    }
}

/// Every criterion id, in the order of the TSC.
pub const CRITERIA: [&str; 61] = [
    "CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2", "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4",
    "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3", "CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7",
    "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "CC9.1", "CC9.2", "A1.1", "A1.2", "A1.3", "C1.1",
    "C1.2", "PI1.1", "PI1.2", "PI1.3", "PI1.4", "PI1.5", "P1.1", "P2.1", "P3.1", "P3.2", "P4.1", "P4.2", "P4.3",
    "P5.1", "P5.2", "P6.1", "P6.2", "P6.3", "P6.4", "P6.5", "P6.6", "P6.7", "P7.1", "P8.1",
];

pub fn is_criterion(id: &str) -> bool {
    CRITERIA.contains(&id)
}

/// The description criteria of DC 200 (2018 Description Criteria for a Description of a Service
/// Organization's System in a SOC 2 Report, AICPA): what the system description must disclose. DC1 types of
/// services; DC2 principal service commitments and system requirements; DC3 the system's components; DC4
/// system incidents; DC5 the applicable criteria and related controls; DC6 complementary user entity
/// controls; DC7 complementary subservice organisation controls; DC8 criteria not relevant, and why; DC9
/// significant changes during the period.
pub const DESCRIPTION_CRITERIA: [&str; 9] = ["DC1", "DC2", "DC3", "DC4", "DC5", "DC6", "DC7", "DC8", "DC9"];

pub fn is_description_criterion(id: &str) -> bool {
    DESCRIPTION_CRITERIA.contains(&id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_category_match_the_tsc() {
        let count = |c| CRITERIA.iter().filter(|id| Category::of(id) == Some(c)).count();
        assert_eq!(count(Category::Security), 33);
        assert_eq!(count(Category::Availability), 3);
        assert_eq!(count(Category::Confidentiality), 2);
        assert_eq!(count(Category::ProcessingIntegrity), 5);
        assert_eq!(count(Category::Privacy), 18);
    }

    #[test]
    fn unknown_ids_have_no_category() {
        assert_eq!(Category::of("CC10.1"), None);
        assert_eq!(Category::of("cc6.1"), None);
        assert_eq!(Category::of(""), None);
    }
}
