//! The cost: line items, each a range in the parameters' currency, and the totals.
//!
//! External spend (auditor, platform, penetration test, consultant, the security tools and cyber insurance the
//! answers say are missing, legal review) and internal staff time (remediation, running the controls and
//! collecting their evidence through the window, supporting each audit) are kept apart and added up; the
//! published first-year programme figure counts both. What recurs every year after the first report (the
//! annual audit, renewals, a year of running the controls, bridge letters written by management) is a
//! separate list with its own total.

use std::collections::HashSet;

use super::parameters::{Param, Parameters};
use super::profile::{ReportPath, Tier};
use crate::questionnaire::Category;

#[derive(Debug, Clone, PartialEq)]
pub struct CostItem {
    pub name: String,
    pub low: f64,
    pub high: f64,
    /// Paid to someone outside the company (not internal staff time).
    pub external: bool,
    /// How the figure was reached, in one line.
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    pub currency: String,
    pub items: Vec<CostItem>,
    pub total: [f64; 2],
    pub external_total: [f64; 2],
    /// What comes back every year after the first report: the annual audit, renewals, a year of running the
    /// controls, bridge letters.
    pub recurring: Vec<CostItem>,
    pub recurring_total: [f64; 2],
}

/// Where in a fee range the audit scope puts a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Small,
    Typical,
    Large,
}

impl Scope {
    pub fn of(headcount: Option<f64>, systems: Option<f64>, p: &Parameters) -> Scope {
        let large = headcount.is_some_and(|h| h > p.large_scope_headcount.value())
            || systems.is_some_and(|s| s > p.large_scope_systems.value());
        let small = headcount.is_some_and(|h| h <= p.small_scope_headcount.value())
            && systems.is_none_or(|s| s <= p.small_scope_systems.value());
        if large {
            Scope::Large
        } else if small {
            Scope::Small
        } else {
            Scope::Typical
        }
    }

    /// The part of a fee range that applies.
    pub fn part_of(self, p: &Param) -> [f64; 2] {
        let mid = ((p.low + p.high) / 2.0).round();
        match self {
            Scope::Small => [p.low, mid],
            Scope::Typical => [p.low, p.high],
            Scope::Large => [mid, p.high],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scope::Small => "small scope: lower half of the fee range",
            Scope::Typical => "typical scope: the full fee range",
            Scope::Large => "large scope: upper half of the fee range",
        }
    }
}

/// The security tools the stack line charges for, each with the question that says whether it is in place.
pub const STACK: [(&str, &str); 5] = [
    ("access.endpoint_management", "device management"),
    ("access.malware_protection", "endpoint detection"),
    ("access.sso", "single sign-on tier"),
    ("governance.security_training", "security training"),
    ("governance.background_checks", "background checks"),
];
/// The question that says whether cyber insurance is in place.
pub const INSURANCE: &str = "vendors.insurance";

fn stack_param<'p>(id: &str, p: &'p Parameters) -> &'p Param {
    match id {
        "access.endpoint_management" => &p.stack_device_management,
        "access.malware_protection" => &p.stack_endpoint_detection,
        "access.sso" => &p.stack_sso,
        "governance.security_training" => &p.stack_training,
        _ => &p.stack_background_checks,
    }
}

/// What the cost depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct CostInputs {
    pub path: ReportPath,
    pub tier: Tier,
    pub scope: Scope,
    pub extra_categories: Vec<Category>,
    pub tooling: bool,
    pub consultant: bool,
    /// People in scope, when known (the security tools are priced per person).
    pub headcount: Option<f64>,
    pub remaining_days: [f64; 2],
    pub hourly_cost: f64,
    /// Months of the Type II window still to run (the controls are run and evidenced through them).
    pub window_months: f64,
    /// The effort's factors (people and systems in scope, platform, consultant) multiplied: running the
    /// controls and supporting the audit grow and shrink with them as the remediation does.
    pub scale: f64,
    /// Questions whose control is not designed yet (a gap with design work left): the stack and the
    /// insurance are charged only for these.
    pub not_in_place: HashSet<String>,
}

impl CostInputs {
    /// The stack's tools the answers say are missing, in [`STACK`] order.
    fn missing_tools(&self) -> Vec<(&'static str, &'static str)> {
        STACK.iter().copied().filter(|(id, _)| self.not_in_place.contains(*id)).collect()
    }

    fn audits(&self) -> f64 {
        match self.path {
            ReportPath::TypeIThenII => 2.0,
            ReportPath::TypeIIOnly => 1.0,
        }
    }
}

fn fees(tier: Tier, p: &Parameters) -> (&Param, &Param) {
    match tier {
        Tier::Boutique => (&p.auditor_type1_boutique, &p.auditor_type2_boutique),
        Tier::MidTier => (&p.auditor_type1_mid_tier, &p.auditor_type2_mid_tier),
        Tier::Big4 => (&p.auditor_type1_big4, &p.auditor_type2_big4),
    }
}

/// Every parameter the cost reads, for the assumptions table.
pub fn fee_parameters<'p>(i: &CostInputs, p: &'p Parameters) -> Vec<&'p Param> {
    let (type1, type2) = fees(i.tier, p);
    let mut out = Vec::new();
    if i.path == ReportPath::TypeIThenII {
        out.push(type1);
    }
    out.push(type2);
    if i.extra_categories.iter().any(|c| *c != Category::Privacy) {
        out.push(&p.category_addon);
    }
    if i.extra_categories.contains(&Category::Privacy) {
        out.push(&p.category_addon_privacy);
    }
    if i.tooling {
        out.push(&p.compliance_tooling);
    }
    out.push(&p.penetration_test);
    if i.consultant {
        out.push(&p.consultant);
    }
    out.extend(i.missing_tools().into_iter().map(|(id, _)| stack_param(id, p)));
    if i.not_in_place.contains(INSURANCE) {
        out.push(&p.cyber_insurance);
    }
    out.extend([&p.legal_review, &p.operating_days_per_month, &p.audit_support_days, &p.bridge_letter_days]);
    out
}

/// The people the security stack is priced for: the headcount, or the small-scope size when unknown.
fn people(i: &CostInputs, p: &Parameters) -> (f64, String) {
    match i.headcount {
        Some(h) => (h, format!("{} in scope", super::plural(h, "person", "people"))),
        None => {
            let h = p.small_scope_headcount.value();
            (h, format!("{} assumed (profile.headcount is not answered)", super::plural(h, "person", "people")))
        }
    }
}

pub fn cost(i: &CostInputs, p: &Parameters) -> Cost {
    let hours = p.hours_per_day.value();
    let staff = |days: [f64; 2]| days.map(|d| d * hours * i.hourly_cost);
    let at_rate = |days: [f64; 2]| {
        format!("{} x {} hours x {} USD/hour", super::range(days, "person-days"), fmt(hours), fmt(i.hourly_cost))
    };
    let (heads, who) = people(i, p);
    let missing = i.missing_tools();
    // Per person a year; background checks are per person once, then per new hire.
    let tools = |which: &[(&str, &str)], with_checks: bool| {
        which
            .iter()
            .filter(|(id, _)| with_checks || *id != "governance.background_checks")
            .map(|(id, _)| stack_param(id, p).range())
            .fold([0.0, 0.0], |[l, h], r| [l + r[0] * heads, h + r[1] * heads])
    };
    let names = |which: &[(&str, &str)]| which.iter().map(|(_, name)| *name).collect::<Vec<_>>().join(", ");
    let insurance = i.not_in_place.contains(INSURANCE);
    let insurance_name = "Cyber insurance (often required by customers, not by SOC 2)";
    let insurance_basis = format!("{} is not in place; {}", INSURANCE, p.cyber_insurance.label);

    let mut items = Vec::new();
    let mut item = |name: &str, range: [f64; 2], external: bool, basis: String| {
        items.push(CostItem { name: name.to_string(), low: range[0].round(), high: range[1].round(), external, basis });
    };
    let (type1, type2) = fees(i.tier, p);
    let firm = format!("{}, {}", i.tier.label(), i.scope.label());
    if i.path == ReportPath::TypeIThenII {
        item("Auditor: Type I report", i.scope.part_of(type1), true, firm.clone());
    }
    item("Auditor: Type II report", i.scope.part_of(type2), true, firm.clone());
    for c in &i.extra_categories {
        let fee = if *c == Category::Privacy { &p.category_addon_privacy } else { &p.category_addon };
        item(&format!("Auditor: {} in scope", c.label()), fee.range(), true, fee.label.clone());
    }
    if i.tooling {
        item(
            "Compliance platform (first year)",
            p.compliance_tooling.range(),
            true,
            p.compliance_tooling.label.clone(),
        );
    }
    item("Penetration test", p.penetration_test.range(), true, p.penetration_test.label.clone());
    if i.consultant {
        item("Readiness consultant", p.consultant.range(), true, p.consultant.label.clone());
    }
    if !missing.is_empty() {
        item(
            "Security tools not in place (first year)",
            tools(&missing, true),
            true,
            format!("{}, per person, {who}; only what your answers say is missing", names(&missing)),
        );
    }
    if insurance {
        item(insurance_name, p.cyber_insurance.range(), true, insurance_basis.clone());
    }
    item("Legal review", p.legal_review.range(), true, p.legal_review.label.clone());
    item("Internal staff time", staff(i.remaining_days), false, at_rate(i.remaining_days));
    let scaled = if (i.scale - 1.0).abs() < 1e-9 {
        String::new()
    } else {
        format!(
            " x {} (the effort's factors)",
            crate::assessment::model::answer::format_number((i.scale * 100.0).round() / 100.0)
        )
    };
    let operating = p.operating_days_per_month.range().map(|d| d * i.window_months * i.scale);
    if i.window_months > 0.0 {
        item(
            "Internal time: running the controls and collecting evidence through the window",
            staff(operating),
            false,
            format!(
                "{} months x {} a month{scaled}; {}",
                fmt(i.window_months),
                super::range(p.operating_days_per_month.range(), "person-days"),
                at_rate(operating)
            ),
        );
    }
    let support = p.audit_support_days.range().map(|d| d * i.audits() * i.scale);
    item(
        "Internal time: supporting the audit (auditor requests, walkthroughs)",
        staff(support),
        false,
        format!(
            "{} x {}{scaled}; {}",
            super::plural(i.audits(), "audit", "audits"),
            super::range(p.audit_support_days.range(), "person-days"),
            at_rate(support)
        ),
    );
    let sum = |items: &[CostItem], only_external: bool| {
        items.iter().filter(|c| c.external || !only_external).fold([0.0, 0.0], |[l, h], c| [l + c.low, h + c.high])
    };
    let (total, external_total) = (sum(&items, false), sum(&items, true));

    let mut recurring = Vec::new();
    let mut again = |name: &str, range: [f64; 2], external: bool, basis: String| {
        recurring.push(CostItem {
            name: name.to_string(),
            low: range[0].round(),
            high: range[1].round(),
            external,
            basis,
        });
    };
    again("Auditor: annual Type II report", i.scope.part_of(type2), true, firm);
    for c in &i.extra_categories {
        let fee = if *c == Category::Privacy { &p.category_addon_privacy } else { &p.category_addon };
        again(&format!("Auditor: {} in scope", c.label()), fee.range(), true, fee.label.clone());
    }
    if i.tooling {
        again("Compliance platform", p.compliance_tooling.range(), true, p.compliance_tooling.label.clone());
    }
    again("Penetration test", p.penetration_test.range(), true, "one test a year, as most customers ask".into());
    let yearly_tools: Vec<_> =
        missing.iter().copied().filter(|(id, _)| *id != "governance.background_checks").collect();
    if !yearly_tools.is_empty() {
        again(
            "Security tools added in the first year",
            tools(&yearly_tools, false),
            true,
            format!("{}, per person, {who}", names(&yearly_tools)),
        );
    }
    if insurance {
        again(insurance_name, p.cyber_insurance.range(), true, "renewal".into());
    }
    let year = p.operating_days_per_month.range().map(|d| d * 12.0 * i.scale);
    again(
        "Internal time: running the controls and collecting evidence",
        staff(year),
        false,
        format!(
            "12 months x {} a month{scaled}; {}",
            super::range(p.operating_days_per_month.range(), "person-days"),
            at_rate(year)
        ),
    );
    let annual = p.audit_support_days.range().map(|d| d * i.scale);
    again(
        "Internal time: supporting the annual audit",
        staff(annual),
        false,
        format!("one audit{scaled}; {}", at_rate(annual)),
    );
    again(
        "Bridge letter (written by management)",
        staff(p.bridge_letter_days.range()),
        false,
        format!("one a year, for customers asking between two reports; {}", at_rate(p.bridge_letter_days.range())),
    );
    let recurring_total = sum(&recurring, false);
    Cost { currency: super::parameters::CURRENCY.into(), items, total, external_total, recurring, recurring_total }
}

fn fmt(x: f64) -> String {
    super::n(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_items_by_hand() {
        let p = Parameters::built_in();
        let inputs = CostInputs {
            path: ReportPath::TypeIThenII,
            tier: Tier::Boutique,
            scope: Scope::Small,
            extra_categories: vec![Category::Availability, Category::Privacy],
            tooling: true,
            consultant: false,
            headcount: Some(20.0),
            remaining_days: [10.0, 20.0],
            hourly_cost: 100.0,
            window_months: 6.0,
            scale: 1.0,
            // SSO and background checks missing, device management and the rest in place; no insurance.
            not_in_place: ["access.sso", "governance.background_checks", "vendors.insurance"].map(String::from).into(),
        };
        let c = cost(&inputs, &p);
        let rows: Vec<_> = c.items.iter().map(|i| (i.name.as_str(), i.low, i.high)).collect();
        assert_eq!(
            rows,
            [
                // Type I 15-40k, small scope: 15,000 to the midpoint 27,500.
                ("Auditor: Type I report", 15000.0, 27500.0),
                // Type II 25-75k, small scope: 25,000 to 50,000.
                ("Auditor: Type II report", 25000.0, 50000.0),
                ("Auditor: Availability in scope", 5000.0, 15000.0),
                // Privacy costs more than any other category.
                ("Auditor: Privacy in scope", 10000.0, 30000.0),
                ("Compliance platform (first year)", 10000.0, 30000.0),
                ("Penetration test", 10000.0, 35000.0),
                // Only what is missing: 20 people x (SSO 30-100 + background checks 30-50) = 1,200-3,000.
                ("Security tools not in place (first year)", 1200.0, 3000.0),
                ("Cyber insurance (often required by customers, not by SOC 2)", 1500.0, 8000.0),
                ("Legal review", 5000.0, 20000.0),
                // 10 and 20 person-days x 8 hours x 100 USD.
                ("Internal staff time", 8000.0, 16000.0),
                // 6 months x 1-3 person-days = 6-18 person-days x 800 USD.
                ("Internal time: running the controls and collecting evidence through the window", 4800.0, 14400.0),
                // 2 audits x 5-15 person-days = 10-30 person-days x 800 USD.
                ("Internal time: supporting the audit (auditor requests, walkthroughs)", 8000.0, 24000.0),
            ]
        );
        assert_eq!(c.external_total, [82700.0, 218500.0]);
        assert_eq!(c.total, [103500.0, 272900.0]);
        // Every year after: Type II 25-50k, A 5-15k, P 10-30k, platform 10-30k, pentest 10-35k, SSO for 20
        // people 600-2,000 (background checks are once), insurance 1,500-8,000, 12 months x 1-3 person-days
        // = 9,600-28,800, one audit's support 4,000-12,000, a bridge letter by management 0.5-1 day 400-800.
        assert_eq!(c.recurring_total, [76100.0, 211600.0]);
        let bridge = c.recurring.iter().find(|i| i.name.starts_with("Bridge letter")).unwrap();
        assert!(!bridge.external, "management writes the bridge letter: internal time, not a fee");
    }

    #[test]
    fn nothing_missing_means_no_tools_and_no_insurance() {
        let p = Parameters::built_in();
        let inputs = CostInputs {
            path: ReportPath::TypeIIOnly,
            tier: Tier::MidTier,
            scope: Scope::Typical,
            extra_categories: Vec::new(),
            tooling: false,
            consultant: false,
            headcount: Some(500.0),
            remaining_days: [0.0, 0.0],
            hourly_cost: 100.0,
            window_months: 0.0,
            scale: 1.0,
            not_in_place: HashSet::new(),
        };
        let c = cost(&inputs, &p);
        let names: Vec<_> = c.items.iter().map(|i| i.name.as_str()).collect();
        assert!(
            !names.iter().any(|n| n.starts_with("Security tools") || n.starts_with("Cyber insurance")),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.contains("through the window")), "the window has run: {names:?}");
        // One audit (straight to Type II): 5-15 person-days of support.
        let support = c.items.iter().find(|i| i.name.starts_with("Internal time: supporting")).unwrap();
        assert_eq!((support.low, support.high), (4000.0, 12000.0));
    }

    #[test]
    fn scope_from_headcount_and_systems() {
        let p = Parameters::built_in();
        assert_eq!(Scope::of(Some(50.0), None, &p), Scope::Small);
        assert_eq!(Scope::of(Some(50.0), Some(6.0), &p), Scope::Typical);
        assert_eq!(Scope::of(Some(120.0), Some(3.0), &p), Scope::Typical);
        assert_eq!(Scope::of(Some(251.0), None, &p), Scope::Large);
        assert_eq!(Scope::of(Some(10.0), Some(21.0), &p), Scope::Large);
        assert_eq!(Scope::of(None, None, &p), Scope::Typical);
    }
}
