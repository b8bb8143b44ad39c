//! Remaining effort: from each gap's own effort to the one figure the plan, the timeline and the cost share.
//!
//! 1. Each gap's effort is its question's `effort_days` x (1 - Type I credit): the design work still to do.
//! 2. Shared work is counted once. One policy document (its writing, approval, tool and training) serves
//!    every question that names it, so a share of each gap's effort (`shared_work_share`) is work on its
//!    document. Within one document's gaps that shared part is counted once, at the size of the largest;
//!    each gap's own part (the rest) is counted in full. Gaps that name no document form one group per
//!    section. A group's effort is `share x largest + (1 - share) x sum`, and each gap carries its part of
//!    the group (own part plus the shared part in proportion to its effort), so any grouping of the gaps
//!    adds up to the same total.
//! 3. The profile scales the result: more people in scope mean more onboarding, training, access reviews
//!    and evidence (`effort_per_100_people` beyond the small-scope headcount); a compliance platform and a
//!    readiness consultant take a share off (`tooling_effort_saving`, `consultant_effort_saving`). Systems
//!    in scope move the auditor's fee range, not the effort: no published figure gives a rise per system.
//! 4. Only the work the target report needs is counted: gaps whose question counts toward SOC 2 (the role
//!    scoring gives it, see [`crate::scoring::soc2`]). AI assurance work (AI controls the system description
//!    does not commit to) and advice (questions only out-of-scope criteria need) are worked out the same
//!    way, each on its own, and shown as optional lines: never in the SOC 2 total, the timeline or the cost.

use std::collections::HashMap;

use super::parameters::Parameters;
use super::profile::Profile;
use crate::scoring::Gap;
use crate::scoring::soc2::Role;

/// The largest factor people and systems in scope may put on the effort: beyond it, a scope needs a plan
/// of its own rather than this estimate.
pub const MAX_SCOPE_FACTOR: f64 = 4.0;

/// The section whose gaps are policy writing.
pub const POLICY_SECTION: &str = "policies";

/// Gaps that share one policy document (or one section, when they name none).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkGroup {
    pub name: String,
    pub gaps: usize,
    /// Sum of the gaps' own efforts, before sharing.
    pub raw: [f64; 2],
    /// After sharing and the profile's factors: what the group adds to the remaining effort.
    pub remaining: [f64; 2],
}

/// One factor the profile applies to the effort, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub name: String,
    pub value: f64,
    pub why: String,
}

/// Work the SOC 2 report does not need, shown apart from its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionalKind {
    /// AI controls that do not count toward SOC 2 (the system description does not commit to them).
    AiAssurance,
    /// Questions only criteria of out-of-scope categories need.
    Advice,
}

impl OptionalKind {
    pub fn label(self) -> &'static str {
        match self {
            OptionalKind::AiAssurance => "AI assurance work",
            OptionalKind::Advice => "Advice outside the audit's scope",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            OptionalKind::AiAssurance => "ai_assurance",
            OptionalKind::Advice => "advice",
        }
    }

    fn of(role: Role) -> Option<OptionalKind> {
        match role {
            Role::Soc2 => None,
            Role::AiOnly => Some(OptionalKind::AiAssurance),
            Role::Advice => Some(OptionalKind::Advice),
        }
    }
}

/// Optional work of one kind: its gaps' effort, shared and scaled as the SOC 2 work is.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionalWork {
    pub kind: OptionalKind,
    pub gaps: usize,
    pub remaining: [f64; 2],
}

impl OptionalWork {
    /// `AI assurance work, not needed for the SOC 2 report: 3-8 person-days (4 questions)`.
    pub fn line(&self) -> String {
        format!(
            "{}, not needed for the SOC 2 report: {} ({})",
            self.kind.label(),
            crate::estimate::range(self.remaining, "person-days"),
            crate::estimate::plural(self.gaps as f64, "question", "questions")
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// Sum over the gaps of `effort_days` x (1 - Type I credit).
    pub raw: [f64; 2],
    /// After counting each document's shared work once.
    pub shared: [f64; 2],
    pub shared_work_share: f64,
    /// The profile's factors, applied one after the other to `shared`.
    pub factors: Vec<Factor>,
    /// The remaining effort everything else uses: the sum of `per_gap`.
    pub remaining: [f64; 2],
    /// The part of `remaining` that is policy writing.
    pub policy_writing: [f64; 2],
    /// Groups by policy document, in the order of their first gap.
    pub groups: Vec<WorkGroup>,
    /// Each gap's part of `remaining` (or of its optional work), by question id.
    pub per_gap: HashMap<String, [f64; 2]>,
    /// Work the SOC 2 report does not need, by kind (only kinds with gaps): never part of `remaining`.
    pub optional: Vec<OptionalWork>,
    /// Gaps whose control is not there at all (no design credit: not started, "no", unanswered), by
    /// question id. An informal control exists; only these can call for buying a tool.
    pub absent: Vec<String>,
}

/// The sums one set of gaps comes to.
struct Work {
    raw: [f64; 2],
    shared: [f64; 2],
    remaining: [f64; 2],
    policy_writing: [f64; 2],
    groups: Vec<WorkGroup>,
}

/// The name of the group a gap's shared work belongs to.
pub fn group_name(policy: &str, section_title: &str) -> String {
    if policy.trim().is_empty() { format!("{section_title} (no policy document named)") } else { policy.to_string() }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Headcount and systems as the estimate uses them: finite, not negative, and capped at sizes no audit has.
pub fn sane_count(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite() && *v >= 0.0).map(|v| v.min(10_000_000.0))
}

impl Effort {
    pub fn of(gaps: &[Gap<'_>], profile: &Profile, p: &Parameters) -> Effort {
        let share = p.shared_work_share.value().clamp(0.0, 1.0);
        let factors = factors(profile, p);
        let scale: f64 = factors.iter().map(|f| f.value).product();
        let mut per_gap = HashMap::with_capacity(gaps.len());

        let soc2: Vec<&Gap<'_>> = gaps.iter().filter(|g| g.question.role == Role::Soc2).collect();
        let main = work(&soc2, share, scale, &mut per_gap);
        let mut optional = Vec::new();
        for kind in [OptionalKind::AiAssurance, OptionalKind::Advice] {
            let these: Vec<&Gap<'_>> =
                gaps.iter().filter(|g| OptionalKind::of(g.question.role) == Some(kind)).collect();
            if !these.is_empty() {
                let w = work(&these, share, scale, &mut per_gap);
                optional.push(OptionalWork { kind, gaps: these.len(), remaining: w.remaining });
            }
        }
        Effort {
            raw: main.raw,
            shared: main.shared,
            shared_work_share: share,
            factors,
            remaining: main.remaining,
            policy_writing: main.policy_writing,
            groups: main.groups,
            per_gap,
            optional,
            absent: gaps
                .iter()
                .filter(|g| g.remaining_days[1] > 0.0 && g.question.credit().is_none_or(|c| c.design <= 0.0))
                .map(|g| g.question.question.id.clone())
                .collect(),
        }
    }

    /// How the sum of per-question efforts became the remaining effort, in one paragraph.
    pub fn explanation(&self) -> String {
        let d = |r: [f64; 2]| crate::estimate::range(r, "person-days");
        let shared_groups = self.groups.iter().filter(|g| g.gaps > 1).count();
        let mut out = format!(
            "The gaps' own efforts add up to {}. One policy document, with its tool and training, closes many \
             questions at once, so {}% of each gap's effort is counted as work on its document, once per \
             document ({} {} shared by more than one gap): {}.",
            d(self.raw),
            (self.shared_work_share * 100.0).round(),
            shared_groups,
            if shared_groups == 1 { "document" } else { "documents" },
            d(self.shared)
        );
        for f in &self.factors {
            out.push_str(&format!(
                " {} x {}: {}.",
                f.name,
                crate::assessment::model::answer::format_number((f.value * 100.0).round() / 100.0),
                f.why
            ));
        }
        out.push_str(&format!(" Remaining effort: {}.", d(self.remaining)));
        out
    }
}

/// Shares and scales one set of gaps' effort (see the module notes), recording each gap's part in `per_gap`.
fn work(gaps: &[&Gap<'_>], share: f64, scale: f64, per_gap: &mut HashMap<String, [f64; 2]>) -> Work {
    // Group the gaps: index by name, in order of first appearance.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, g) in gaps.iter().enumerate() {
        let name = group_name(&g.question.question.policy, &g.question.section.title);
        let at = *index.entry(name.clone()).or_insert_with(|| {
            members.push((name, Vec::new()));
            members.len() - 1
        });
        members[at].1.push(i);
    }

    let mut groups = Vec::with_capacity(members.len());
    let (mut raw, mut shared, mut remaining, mut policy_writing) = ([0.0; 2], [0.0; 2], [0.0; 2], [0.0; 2]);
    for (name, idx) in members {
        let mut group = WorkGroup { name, gaps: idx.len(), raw: [0.0; 2], remaining: [0.0; 2] };
        let mut largest = [0.0_f64; 2];
        for &i in &idx {
            let own = gaps[i].remaining_days;
            group.raw = [group.raw[0] + own[0], group.raw[1] + own[1]];
            largest = [largest[0].max(own[0]), largest[1].max(own[1])];
        }
        raw = [raw[0] + group.raw[0], raw[1] + group.raw[1]];
        for &i in &idx {
            let g = gaps[i];
            let mut part = [0.0; 2];
            for (end, slot) in part.iter_mut().enumerate() {
                let own = g.remaining_days[end];
                let sum = group.raw[end];
                let shared_part = if sum > 0.0 { share * largest[end] * own / sum } else { 0.0 };
                let unscaled = round2((1.0 - share) * own + shared_part);
                shared[end] += unscaled;
                // Each gap's part is rounded once, to the tenth of a day every report and the CSV
                // print; the totals are sums of these parts, so the rows add up to them.
                *slot = round1(unscaled * scale);
                group.remaining[end] += *slot;
                remaining[end] += *slot;
                if g.question.section.id == POLICY_SECTION {
                    policy_writing[end] += *slot;
                }
            }
            per_gap.insert(g.question.question.id.clone(), part);
        }
        group.raw = group.raw.map(round2);
        group.remaining = group.remaining.map(round2);
        groups.push(group);
    }
    Work {
        raw: raw.map(round2),
        shared: shared.map(round2),
        // Sums of tenths: rounding again only removes floating-point noise.
        remaining: remaining.map(round1),
        policy_writing: policy_writing.map(round1),
        groups,
    }
}

/// The profile's effects on the effort, each a named parameter. Systems in scope move the auditor's fee
/// (see [`crate::estimate::cost::Scope`]) but not the effort: no published figure gives a rise per system.
fn factors(profile: &Profile, p: &Parameters) -> Vec<Factor> {
    let n = crate::estimate::n;
    let mut out = Vec::new();
    let people = sane_count(profile.headcount);
    let extra_people = people.map_or(0.0, |h| (h - p.small_scope_headcount.value()).max(0.0));
    let scope = 1.0 + p.effort_per_100_people.value() * extra_people / 100.0;
    let capped = scope > MAX_SCOPE_FACTOR;
    let scope = (scope.min(MAX_SCOPE_FACTOR) * 1000.0).round() / 1000.0;
    if let Some(h) = people.filter(|_| scope > 1.0) {
        let mut why =
            if capped { "capped at the largest scope this estimate covers; ".to_string() } else { String::new() };
        why.push_str(&format!(
            "{} people, {} beyond the small scope's {}, at +{}% per 100 people (effort_per_100_people)",
            n(h),
            n(extra_people),
            n(p.small_scope_headcount.value()),
            crate::estimate::pct(p.effort_per_100_people.value())
        ));
        out.push(Factor { name: "People in scope".into(), value: scope, why });
    }
    if profile.compliance_tooling == Some(true) {
        out.push(Factor {
            name: "Compliance platform".into(),
            value: 1.0 - p.tooling_effort_saving.value(),
            why: format!(
                "policy templates and automatic evidence collection save {}% (tooling_effort_saving)",
                n(p.tooling_effort_saving.value() * 100.0)
            ),
        });
    }
    if profile.consultant == Some(true) {
        out.push(Factor {
            name: "Readiness consultant".into(),
            value: 1.0 - p.consultant_effort_saving.value(),
            why: format!(
                "policy drafting and remediation guidance save {}% (consultant_effort_saving)",
                n(p.consultant_effort_saving.value() * 100.0)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::tests::answered;
    use crate::scoring::{gaps, scored_questions};

    #[test]
    fn shared_work_is_counted_once_per_document_by_hand() {
        // Unanswered: a.mfa [2,4] and a.reviews [1,3] share the Access Control Policy; a.sso [2,6] names no
        // document; v.review [1,2] is alone in Vendor Management. Share 0.6:
        // access: 0.6 x 2 + 0.4 x 3 = 2.4 (low), 0.6 x 4 + 0.4 x 7 = 5.2 (high); sso 2 and 6; vendors 1 and 2.
        let a = answered(&[]);
        let qs = scored_questions(&a);
        let found = gaps(&qs);
        let e = Effort::of(&found, &Profile::default(), &Parameters::built_in());
        assert_eq!(e.raw, [6.0, 15.0]);
        assert_eq!(e.shared, [5.4, 13.2]);
        assert_eq!(e.remaining, e.shared, "no profile factor");
        let access = e.groups.iter().find(|g| g.name == "Access Control Policy").unwrap();
        assert_eq!((access.gaps, access.remaining), (2, [2.4, 5.2]));
        // a.mfa low: own 0.4 x 2 = 0.8 plus 0.6 x 2 x 2/3 = 0.8 -> 1.6; high: 1.6 + 0.6 x 4 x 4/7 = 2.97,
        // printed (and so counted) as 3. a.reviews low: 0.4 + 0.4 = 0.8; high: 1.2 + 0.6 x 4 x 3/7 = 2.23 -> 2.2.
        assert_eq!(e.per_gap["a.mfa"], [1.6, 3.0]);
        assert_eq!(e.per_gap["a.reviews"], [0.8, 2.2]);
        let sum: f64 = e.per_gap.values().map(|d| d[0]).sum();
        assert!((sum - e.remaining[0]).abs() < 1e-9);
    }
}

#[cfg(test)]
mod role_tests {
    use super::*;
    use crate::scoring::tests::answered;
    use crate::scoring::{gaps, scored_questions};

    #[test]
    fn only_soc2_gaps_count_and_the_rest_is_optional_by_hand() {
        // Nothing answered. Scoring's roles decide: a.reviews [1,3] made an AI control the report does not
        // commit to, v.review [1,2] advice. SOC 2 keeps a.mfa [2,4] (alone in the Access Control Policy now)
        // and a.sso [2,6]: 4-10 person-days. AI assurance: a.reviews alone, 1-3; advice: v.review, 1-2.
        let a = answered(&[]);
        let mut qs = scored_questions(&a);
        for q in &mut qs {
            q.role = match q.question.id.as_str() {
                "a.reviews" => Role::AiOnly,
                "v.review" => Role::Advice,
                _ => Role::Soc2,
            };
        }
        let found = gaps(&qs);
        let e = Effort::of(&found, &Profile::default(), &Parameters::built_in());
        assert_eq!(e.raw, [4.0, 10.0]);
        assert_eq!(e.remaining, [4.0, 10.0]);
        assert_eq!(e.groups.iter().map(|g| g.gaps).sum::<usize>(), 2);
        assert_eq!(
            e.optional,
            [
                OptionalWork { kind: OptionalKind::AiAssurance, gaps: 1, remaining: [1.0, 3.0] },
                OptionalWork { kind: OptionalKind::Advice, gaps: 1, remaining: [1.0, 2.0] },
            ]
        );
        assert_eq!(e.per_gap["a.reviews"], [1.0, 3.0]);
        assert_eq!(
            e.optional[0].line(),
            "AI assurance work, not needed for the SOC 2 report: 1-3 person-days (1 question)"
        );
    }
}
