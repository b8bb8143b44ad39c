//! The cost: line items, each a range in the parameters' currency, and the totals.
//!
//! External spend (auditor, platform, penetration test, consultant, security stack, legal review) is what the
//! typical first-year figure of USD 30,000-100,000+ covers; internal staff time comes on top, so both totals
//! are kept. What recurs every year after the first report (the annual audit, renewals, bridge letters) is
//! a separate list with its own total.

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
    /// What comes back every year after the first report: the annual audit, renewals, bridge letters.
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

/// What the cost depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct CostInputs {
    pub path: ReportPath,
    pub tier: Tier,
    pub scope: Scope,
    pub extra_categories: Vec<Category>,
    pub tooling: bool,
    pub consultant: bool,
    /// People in scope, when known (the security stack is priced per person).
    pub headcount: Option<f64>,
    pub remaining_days: [f64; 2],
    pub hourly_cost: f64,
}

fn fees(tier: Tier, p: &Parameters) -> (&Param, &Param) {
    match tier {
        Tier::Boutique => (&p.auditor_type1_boutique, &p.auditor_type2_boutique),
        Tier::MidTier => (&p.auditor_type1_mid_tier, &p.auditor_type2_mid_tier),
        Tier::Big4 => (&p.auditor_type1_big4, &p.auditor_type2_big4),
    }
}

/// Every fee parameter the cost reads, for the assumptions table.
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
    out.extend([&p.security_stack_per_person, &p.legal_review, &p.bridge_letter]);
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
    let (heads, who) = people(i, p);
    let stack = p.security_stack_per_person.range().map(|x| x * heads);
    item(
        "Security stack (first year)",
        stack,
        true,
        format!(
            "MDM, EDR, SSO tier, training and background checks: {}-{} USD per person a year, {who}",
            fmt(p.security_stack_per_person.low),
            fmt(p.security_stack_per_person.high)
        ),
    );
    item("Legal review", p.legal_review.range(), true, p.legal_review.label.clone());
    let hours = p.hours_per_day.value();
    item(
        "Internal staff time",
        i.remaining_days.map(|d| d * hours * i.hourly_cost),
        false,
        format!(
            "{} x {} hours x {} USD/hour",
            super::range(i.remaining_days, "person-days"),
            fmt(hours),
            fmt(i.hourly_cost)
        ),
    );
    let sum = |items: &[CostItem], only_external: bool| {
        items.iter().filter(|c| c.external || !only_external).fold([0.0, 0.0], |[l, h], c| [l + c.low, h + c.high])
    };
    let (total, external_total) = (sum(&items, false), sum(&items, true));

    let mut recurring = Vec::new();
    let mut again = |name: &str, range: [f64; 2], basis: String| {
        recurring.push(CostItem {
            name: name.to_string(),
            low: range[0].round(),
            high: range[1].round(),
            external: true,
            basis,
        });
    };
    again("Auditor: annual Type II report", i.scope.part_of(type2), firm);
    for c in &i.extra_categories {
        let fee = if *c == Category::Privacy { &p.category_addon_privacy } else { &p.category_addon };
        again(&format!("Auditor: {} in scope", c.label()), fee.range(), fee.label.clone());
    }
    if i.tooling {
        again("Compliance platform", p.compliance_tooling.range(), p.compliance_tooling.label.clone());
    }
    again("Penetration test", p.penetration_test.range(), "one test a year, as most customers ask".into());
    again("Security stack", stack, format!("as the first year, {who}"));
    again("Bridge letters", p.bridge_letter.range(), "one a year, for customers asking between two reports".into());
    let recurring_total = sum(&recurring, true);
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
        };
        let c = cost(&inputs, &p);
        let rows: Vec<_> = c.items.iter().map(|i| (i.name.as_str(), i.low, i.high)).collect();
        assert_eq!(
            rows,
            [
                // Type I 10-25k, small scope: 10,000 to the midpoint 17,500.
                ("Auditor: Type I report", 10000.0, 17500.0),
                // Type II 15-45k, small scope: 15,000 to 30,000.
                ("Auditor: Type II report", 15000.0, 30000.0),
                ("Auditor: Availability in scope", 5000.0, 15000.0),
                // Privacy costs more than any other category.
                ("Auditor: Privacy in scope", 10000.0, 30000.0),
                ("Compliance platform (first year)", 10000.0, 30000.0),
                ("Penetration test", 10000.0, 35000.0),
                // 20 people x 150-450 USD.
                ("Security stack (first year)", 3000.0, 9000.0),
                ("Legal review", 5000.0, 20000.0),
                // 10 and 20 person-days x 8 hours x 100 USD.
                ("Internal staff time", 8000.0, 16000.0),
            ]
        );
        assert_eq!(c.external_total, [68000.0, 186500.0]);
        assert_eq!(c.total, [76000.0, 202500.0]);
        // Every year after: Type II 15-30k, A 5-15k, P 10-30k, platform 10-30k, pentest 10-35k, stack 3-9k,
        // bridge letters 0-3k.
        assert_eq!(c.recurring_total, [53000.0, 152000.0]);
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
