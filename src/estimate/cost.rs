//! The cost: line items, each a range in the parameters' currency, and the totals.
//!
//! External spend (auditor, tooling, penetration test, consultant) is what the guide's typical figure of
//! USD 30,000-100,000+ covers; internal staff time comes on top ("plus internal staff time"), so both
//! totals are kept.

use super::parameters::{Param, Parameters};
use super::profile::{ReportPath, Tier};

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
    pub extra_categories: usize,
    pub tooling: bool,
    pub consultant: bool,
    pub remaining_days: [f64; 2],
    pub hourly_cost: f64,
}

pub fn cost(i: &CostInputs, p: &Parameters) -> Cost {
    let mut items = Vec::new();
    let mut item = |name: &str, range: [f64; 2], external: bool, basis: String| {
        items.push(CostItem { name: name.to_string(), low: range[0].round(), high: range[1].round(), external, basis });
    };
    let (type1, type2) = match i.tier {
        Tier::Boutique => (&p.auditor_type1_boutique, &p.auditor_type2_boutique),
        Tier::MidTier => (&p.auditor_type1_mid_tier, &p.auditor_type2_mid_tier),
        Tier::Big4 => (&p.auditor_type1_big4, &p.auditor_type2_big4),
    };
    if i.path == ReportPath::TypeIThenII {
        item(
            "Auditor: Type I report",
            i.scope.part_of(type1),
            true,
            format!("{}, {}", i.tier.label(), i.scope.label()),
        );
    }
    item("Auditor: Type II report", i.scope.part_of(type2), true, format!("{}, {}", i.tier.label(), i.scope.label()));
    if i.extra_categories > 0 {
        let n = i.extra_categories as f64;
        item(
            "Auditor: categories beyond Security",
            [p.category_addon.low * n, p.category_addon.high * n],
            true,
            format!("{} categor{} in scope beyond Security", i.extra_categories, if n == 1.0 { "y" } else { "ies" }),
        );
    }
    if i.tooling {
        item(
            "Compliance tooling (first year)",
            p.compliance_tooling.range(),
            true,
            "a compliance automation platform".into(),
        );
    }
    item("Penetration test", p.penetration_test.range(), true, "one external test before the audit".into());
    if i.consultant {
        item("Readiness consultant", p.consultant.range(), true, "a readiness assessment by a consultant".into());
    }
    let hours = p.hours_per_day.value();
    item(
        "Internal staff time",
        i.remaining_days.map(|d| d * hours * i.hourly_cost),
        false,
        format!(
            "{}-{} person-days x {} hours x {} USD/hour",
            fmt(i.remaining_days[0]),
            fmt(i.remaining_days[1]),
            fmt(hours),
            fmt(i.hourly_cost)
        ),
    );
    let sum = |only_external: bool| {
        items.iter().filter(|c| c.external || !only_external).fold([0.0, 0.0], |[l, h], c| [l + c.low, h + c.high])
    };
    let (total, external_total) = (sum(false), sum(true));
    Cost { currency: "USD".into(), items, total, external_total }
}

fn fmt(x: f64) -> String {
    crate::assessment::answer::format_number(x)
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
            extra_categories: 2,
            tooling: true,
            consultant: false,
            remaining_days: [10.0, 20.0],
            hourly_cost: 100.0,
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
                ("Auditor: categories beyond Security", 10000.0, 40000.0),
                ("Compliance tooling (first year)", 5000.0, 20000.0),
                ("Penetration test", 5000.0, 20000.0),
                // 10 and 20 person-days x 8 hours x 100 USD.
                ("Internal staff time", 8000.0, 16000.0),
            ]
        );
        assert_eq!(c.external_total, [60000.0, 157500.0]);
        assert_eq!(c.total, [68000.0, 173500.0]);
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
