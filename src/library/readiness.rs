//! The fourth rung: a customer's question about a control the readiness questionnaire covers (MFA,
//! backups, deletion, ...) is answered from the readiness answer and its evidence. Maturity answers fold to
//! yes / partial / no / n/a; "don't know" is never offered as an answer.

use crate::spreadsheet::vocabulary::Choice;

/// The score a readiness answer gets: below the threshold for applying without a keystroke, because the
/// customer's question may ask for more than the readiness question did.
pub const SCORE: f64 = 0.8;

/// Words in a customer's question, and the readiness question that answers it.
const TOPICS: [(&[&str], &str); 14] = [
    (&["multi-factor", "multifactor", "mfa", "two-factor", "2fa"], "access.mfa_production"),
    (&["single sign-on", "sso", "identity provider"], "access.sso"),
    (&["encrypt"], "access.encryption_at_rest"),
    (&["tls", "in transit"], "access.encryption_in_transit"),
    (&["backup", "restore"], "availability.backups"),
    (&["delet", "erase", "retention"], "policies.data_retention"),
    (&["penetration", "pen test", "pentest"], "operations.penetration_test"),
    (&["vulnerabilit"], "operations.vulnerability_scanning"),
    (&["access review", "review access", "user permissions"], "access.reviews"),
    (&["background check", "screening"], "governance.background_checks"),
    (&["security training", "awareness"], "governance.security_training"),
    (&["incident response", "incident plan"], "policies.incident_response"),
    (&["risk assessment"], "governance.risk_assessment"),
    (&["peer review", "code review", "change approval"], "change.approval"),
];

/// The readiness questions a customer's question is about.
pub fn topics_of(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    TOPICS.iter().filter(|(words, _)| words.iter().any(|w| lower.contains(w))).map(|(_, id)| *id).collect()
}

/// A maturity answer as a yes/no choice: in place is yes, on its way is partial, not started is no.
pub fn maturity_choice(option: &str) -> Choice {
    match option {
        "documented" | "evidenced" => Choice::Yes,
        "informal" | "planned" => Choice::Partial,
        "not_started" => Choice::No,
        "na" => Choice::NotApplicable,
        _ => Choice::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mfa_questions_find_the_readiness_answer() {
        assert_eq!(topics_of("Is Multi-Factor Authentication required for admins?"), ["access.mfa_production"]);
        assert!(topics_of("What colour is the logo?").is_empty());
        assert_eq!(maturity_choice("unknown"), Choice::Other, "don't know is never n/a");
    }
}
