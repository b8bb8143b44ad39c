//! The report's outline: what a reader sees, in renderer-neutral blocks. Which tables the report has,
//! their columns, the order of their rows and what each cell says are decided here once; Markdown, HTML,
//! Word and the terminal only draw them (with their own escaping, styles and decorations).
//!
//! Cell text is [`Inline`]: plain text with a little emphasis (an id, a strong word), so each renderer can
//! escape untrusted text its own way and show an id as code where it can.

use super::figures::{days, num, opt, signed};
use super::model::{GapLine, Report};
use super::summary::OnePage;
use crate::estimate::money;
use crate::scoring::Score;

/// One piece of inline text. `Text` is untrusted and escaped by every renderer; the others mark it.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    /// An id (question, criterion): a code span where the renderer has one.
    Code(String),
    Strong(String),
    Em(String),
}

/// A run of spans: one table cell, list item or paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inline(pub Vec<Span>);

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline(vec![Span::Text(s.into())])
    }

    pub fn strong(s: impl Into<String>) -> Inline {
        Inline(vec![Span::Strong(s.into())])
    }

    /// Text, or `-` when it is empty (blank cells read as a mistake).
    pub fn or_dash(s: &str) -> Inline {
        Inline::text(if s.is_empty() { "-" } else { s })
    }

    pub fn push(mut self, span: Span) -> Inline {
        self.0.push(span);
        self
    }

    pub fn then(self, s: impl Into<String>) -> Inline {
        self.push(Span::Text(s.into()))
    }

    pub fn code(self, s: impl Into<String>) -> Inline {
        self.push(Span::Code(s.into()))
    }

    /// Ids as code spans joined by `, `, or `-` when there are none.
    pub fn ids(ids: &[String], none: &str) -> Inline {
        if ids.is_empty() {
            return Inline::text(none);
        }
        let mut out = Inline::default();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out = out.then(", ");
            }
            out = out.code(id.clone());
        }
        out
    }

    /// The words alone, without marks: for renderers with no inline styles.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Code(t) | Span::Strong(t) | Span::Em(t) => t.as_str(),
            })
            .collect()
    }
}

/// How a column's cells line up: text left, figures right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its header, alignment, and its share of the width where the renderer sets widths (Word).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub align: Align,
    pub weight: usize,
}

fn col(title: impl Into<String>, weight: usize) -> Column {
    Column { title: title.into(), align: Align::Left, weight }
}

fn fig(title: impl Into<String>, weight: usize) -> Column {
    Column { title: title.into(), align: Align::Right, weight }
}

/// A table: headers, rows of cells, and whether it is reference material printed small.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Inline>>,
    /// Reference material (appendices): renderers that can print it smaller do.
    pub dense: bool,
}

impl Table {
    fn new(columns: Vec<Column>, rows: Vec<Vec<Inline>>) -> Table {
        Table { columns, rows, dense: false }
    }

    /// Plain-text columns (title, width share) and rows: for a renderer's own tables.
    pub fn plain(columns: &[(&str, usize)], rows: Vec<Vec<String>>) -> Table {
        let rows = rows.into_iter().map(|row| row.into_iter().map(Inline::text).collect()).collect();
        Table::new(columns.iter().map(|(title, weight)| col(*title, *weight)).collect(), rows)
    }

    /// The same table, marked as reference material.
    pub fn dense(mut self) -> Table {
        self.dense = true;
        self
    }

    /// The same table with only the given columns, in that order (a renderer that drew the others another
    /// way, as bars, leaves them out).
    pub fn only(mut self, keep: &[usize]) -> Table {
        self.columns = keep.iter().filter_map(|&i| self.columns.get(i).cloned()).collect();
        self.rows =
            self.rows.into_iter().map(|row| keep.iter().filter_map(|&i| row.get(i).cloned()).collect()).collect();
        self
    }

    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.title.as_str()).collect()
    }

    /// Each row as an entry for a reader without columns: its name (the first cell, or `N. second` in a
    /// numbered table) and the other cells named by their headers (`owner: Dana Kim`), leaving out blank
    /// and `-` cells.
    pub fn entries(&self) -> Vec<(String, Vec<String>)> {
        let named = if self.headers().first() == Some(&"#") { 2 } else { 1 };
        self.rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = row.iter().map(Inline::plain).collect();
                let name = cells.iter().take(named).cloned().collect::<Vec<_>>().join(". ");
                let about = self
                    .columns
                    .iter()
                    .zip(&cells)
                    .skip(named)
                    .filter(|(_, v)| !v.is_empty() && v.as_str() != "-")
                    .map(|(c, v)| format!("{}: {v}", c.title.to_lowercase()))
                    .collect();
                (name, about)
            })
            .collect()
    }
}

fn t(s: impl Into<String>) -> Inline {
    Inline::text(s)
}

fn scores(s: Option<Score>) -> (String, String) {
    s.map_or(("-".into(), "-".into()), |s| (num(s.type1), num(s.type2)))
}

/// `critical ` in strong before a line's text when it is critical.
fn critical(yes: bool) -> Inline {
    if yes { Inline::strong("critical").then(" ") } else { Inline::default() }
}

/// The mark on a line whose answer was checked against evidence.
pub fn reviewed(cell: Inline, yes: bool) -> Inline {
    if yes { cell.then(" ").push(Span::Em("(reviewed)".into())) } else { cell }
}

/// The one page's "Do these first": the actions a founder starts with.
pub fn do_first(page: &OnePage) -> Option<Table> {
    if page.actions.is_empty() {
        return None;
    }
    let rows = page
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                t((i + 1).to_string()),
                critical(a.critical).then(a.what.clone()).then(" ").code(a.id.clone()),
                t(days(a.effort_days)),
                t(if a.owner.is_empty() { "not set".to_string() } else { a.owner.clone() }),
                t(a.target.map_or("-".into(), |d| format!("{d} ({})", a.target_basis))),
            ]
        })
        .collect();
    Some(Table::new(
        vec![col("#", 1), col("What", 10), fig("Effort (person-days)", 3), col("Owner", 3), col("Target date", 4)],
        rows,
    ))
}

/// Scores last year and now: over all, by section, by category and by AI area.
pub fn since_last_year(r: &Report) -> Option<Table> {
    let c = &r.since_last_year.as_ref()?.changes;
    let rows = std::iter::once(&c.overall)
        .chain(&c.sections)
        .chain(&c.categories)
        .chain(&c.ai_areas)
        .map(|x| {
            vec![
                t(x.name.clone()),
                t(opt(x.old_type1)),
                t(opt(x.new_type1)),
                t(signed(x.type1_delta())),
                t(opt(x.old_type2)),
                t(opt(x.new_type2)),
                t(signed(x.type2_delta())),
            ]
        })
        .collect();
    Some(Table::new(
        vec![
            col("Score", 5),
            fig("Type I last year", 2),
            fig("Type I now", 2),
            fig("Change", 2),
            fig("Type II last year", 2),
            fig("Type II now", 2),
            fig("Change", 2),
        ],
        rows,
    ))
}

/// A vendor's attestations, when its answers name any.
pub fn attestations(r: &Report) -> Option<Table> {
    let v = r.vendor.as_ref().filter(|v| !v.attestations.is_empty())?;
    let rows = v
        .attestations
        .iter()
        .map(|x| {
            vec![
                t(x.kind.clone()),
                t(x.period_end.map_or("-".into(), |d| d.to_string())),
                t(x.age_months.map_or("-".into(), |m| m.to_string())),
                t(if x.opinion.is_empty() { "not stated".to_string() } else { x.opinion.clone() }),
                Inline::or_dash(&x.bridge_letter),
            ]
        })
        .collect();
    Some(Table::new(
        vec![
            col("Attestation", 4),
            col("Period end", 2),
            fig("Age (months)", 2),
            col("Opinion", 3),
            col("Bridge letter", 3),
        ],
        rows,
    ))
}

/// The Type I and Type II scores under the verdict; over answered questions too while some are unanswered.
pub fn overall_scores(r: &Report) -> Table {
    let (t1, t2) = scores(r.overall);
    let labels = ["Type I (controls designed)", "Type II (controls operating over time)"];
    if r.completion.answered < r.completion.shown {
        let (a1, a2) = scores(r.answered_score);
        Table::new(
            vec![col("Report", 4), fig("Over all questions", 2), fig("Over answered questions", 2)],
            vec![vec![t(labels[0]), t(t1), t(a1)], vec![t(labels[1]), t(t2), t(a2)]],
        )
    } else {
        Table::new(
            vec![col("Report", 4), fig("Score (0-100)", 2)],
            vec![vec![t(labels[0]), t(t1)], vec![t(labels[1]), t(t2)]],
        )
    }
}

/// The one score of a questionnaire without SOC 2 criteria.
pub fn custom_score(r: &Report) -> Option<Table> {
    let overall = r.overall?;
    Some(Table::new(
        vec![fig("Score over all questions", 1), fig("Over answered questions", 1)],
        vec![vec![t(num(overall.type1)), t(scores(r.answered_score).0)]],
    ))
}

/// Scores by section.
pub fn sections(r: &Report) -> Table {
    let rows = r.sections.iter().map(|s| vec![t(s.title.clone()), t(num(s.score.type1)), t(num(s.score.type2))]);
    Table::new(vec![col("Section", 6), fig("Type I", 1), fig("Type II", 1)], rows.collect())
}

/// Scores by Trust Services category, when the questionnaire maps to any.
pub fn categories(r: &Report) -> Option<Table> {
    if r.categories.is_empty() {
        return None;
    }
    let rows = r.categories.iter().map(|(c, s)| vec![t(c.label()), t(num(s.type1)), t(num(s.type2))]);
    Some(Table::new(vec![col("Category", 6), fig("Type I", 1), fig("Type II", 1)], rows.collect()))
}

/// Every in-scope criterion the questionnaire asks about: status, the questions behind it, the weakest answer.
pub fn coverage(r: &Report) -> Option<Table> {
    let rows: Vec<_> = r
        .covered()
        .map(|c| {
            let status = if c.status.blocks() { Inline::strong(c.status.label()) } else { t(c.status.label()) };
            let weakest = c
                .weakest
                .as_ref()
                .map_or(t("-"), |(id, a)| Inline::default().code(id.clone()).then(" ").then(a.clone()));
            vec![t(c.id.clone()), status, Inline::ids(&c.questions, ""), weakest]
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(
        Table::new(vec![col("Criterion", 2), col("Status", 3), col("Questions", 6), col("Weakest answer", 5)], rows)
            .dense(),
    )
}

/// AI assurance by area: scores, the controls below "documented", and where buyers look.
pub fn ai_areas(r: &Report) -> Option<Table> {
    let ai = r.ai_assurance.as_ref()?;
    let rows = ai
        .areas
        .iter()
        .map(|a| {
            let (x, y) = scores(a.score);
            let gaps: Vec<String> = a.gaps.iter().map(|(id, _)| id.clone()).collect();
            vec![t(a.area.label()), t(x), t(y), Inline::ids(&gaps, "none"), t(a.where_to_look())]
        })
        .collect();
    Some(Table::new(
        vec![
            col("Area", 4),
            fig("Type I", 1),
            fig("Type II", 1),
            col("Below documented", 4),
            col("Where buyers look", 6),
        ],
        rows,
    ))
}

/// The design gaps to close first: `shown` of them, most urgent first.
pub fn top_gaps(gaps: &[&GapLine], shown: usize) -> Table {
    let rows = gaps
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, g)| {
            vec![
                t((i + 1).to_string()),
                reviewed(critical(g.critical).then(g.text.clone()).then(" ").code(g.id.clone()), g.reviewed),
                t(num(g.priority)),
                t(g.criteria.join(", ")),
                t(g.remediation.clone()),
                t(if g.effort_days.is_some() { days(g.remaining_days) } else { "-".into() }),
                Inline::or_dash(&g.policy),
                Inline::or_dash(&g.owner),
                Inline::or_dash(&g.due),
            ]
        })
        .collect();
    Table::new(
        vec![
            col("#", 1),
            col("Question", 7),
            fig("Priority", 2),
            col("Criteria", 3),
            col("Remediation", 8),
            fig("Effort (person-days)", 3),
            col("Policy", 4),
            col("Owner", 3),
            col("Due", 3),
        ],
        rows,
    )
}

/// The remediation plan grouped three ways (by owner, by policy document, by area), each with its total.
pub fn plan(r: &Report) -> Vec<(&'static str, Table)> {
    let Some(effort) = r.effort.as_ref().filter(|_| r.has_plan()) else { return Vec::new() };
    [
        ("By owner", "Owner", &r.plan_by_owner),
        ("By policy document", "Policy document", &r.plan_by_policy),
        ("By area", "Area", &r.plan_by_area),
    ]
    .into_iter()
    .map(|(title, column, groups)| {
        let mut rows: Vec<_> = groups
            .iter()
            .map(|g| vec![t(g.name.clone()), t(g.questions.len().to_string()), t(days(g.remaining_days))])
            .collect();
        rows.push(vec![Inline::strong("Total"), t(r.plan_gaps().to_string()), t(days(effort.remaining))]);
        (title, Table::new(vec![col(column, 6), fig("Gaps", 1), fig("Remaining person-days", 2)], rows))
    })
    .collect()
}

/// The timeline's phases with their dates.
pub fn phases(r: &Report) -> Option<Table> {
    let phases = &r.estimate.as_ref()?.timeline.phases;
    let rows =
        phases.iter().map(|p| vec![t(p.name.clone()), t(days(p.weeks)), t(p.start.to_string()), t(p.end.to_string())]);
    Some(Table::new(vec![col("Phase", 5), fig("Weeks", 2), col("From", 3), col("Until", 3)], rows.collect()))
}

/// The first year's cost, item by item, with what is paid to others and the total; then the cost of every
/// later year.
pub fn cost(r: &Report) -> Option<[Table; 2]> {
    let c = &r.estimate.as_ref()?.cost;
    let columns = || {
        vec![
            col("Item", 5),
            fig(format!("Low ({})", c.currency), 2),
            fig(format!("High ({})", c.currency), 2),
            col("Basis", 7),
        ]
    };
    let item = |i: &crate::estimate::cost::CostItem| {
        vec![t(i.name.clone()), t(money(i.low)), t(money(i.high)), t(i.basis.clone())]
    };
    let total = |name: &str, x: [f64; 2]| vec![Inline::strong(name), t(money(x[0])), t(money(x[1])), Inline::default()];
    let mut first: Vec<_> = c.items.iter().map(item).collect();
    first.push(total("Paid to others", c.external_total));
    first.push(total("Total", c.total));
    let mut later: Vec<_> = c.recurring.iter().map(item).collect();
    later.push(total("Each year", c.recurring_total));
    Some([Table::new(columns(), first), Table::new(columns(), later)])
}

/// The meetings held: when, how long, who came and which questions were answered there.
pub fn meetings(r: &Report) -> Option<Table> {
    if r.meetings.is_empty() {
        return None;
    }
    let rows = r.meetings.iter().map(|m| {
        vec![
            t(m.number.to_string()),
            t(crate::clock::shown(&m.started_at)),
            t(m.duration.clone()),
            t(if m.attendees.is_empty() { "-".to_string() } else { m.attendees.join(", ") }),
            Inline::ids(&m.answered, "-"),
        ]
    });
    Some(Table::new(
        vec![fig("#", 1), col("Started", 3), col("Duration", 2), col("Attended", 4), col("Answered", 6)],
        rows.collect(),
    ))
}

/// Claimed and reviewed answers by section, with the total in strong.
pub fn review(r: &Report) -> Option<Table> {
    let review = r.review.as_ref()?;
    let row = |name: Inline, s: &super::consultant::SectionReview| {
        vec![name, t(s.claimed.to_string()), t(s.reviewed.to_string()), t(s.to_confirm.to_string())]
    };
    let mut rows: Vec<_> = review.sections.iter().map(|s| row(t(s.section.clone()), s)).collect();
    rows.push(row(Inline::strong(review.total.section.clone()), &review.total));
    Some(Table::new(vec![col("Section", 4), fig("Claimed", 1), fig("Reviewed", 1), fig("To confirm", 1)], rows))
}

/// The consultant's observations, each with its risk, recommendation, owner, due date and status.
pub fn observations(r: &Report) -> Option<Table> {
    if r.observations.is_empty() {
        return None;
    }
    let rows = r.observations.iter().map(|x| {
        vec![
            t(x.text.clone()).then(" ").code(x.question.clone()),
            t(x.seen.clone()),
            Inline::or_dash(&x.risk),
            Inline::or_dash(&x.recommendation),
            Inline::or_dash(&x.owner),
            Inline::or_dash(&x.due),
            t(x.status.id()),
        ]
    });
    Some(Table::new(
        vec![
            col("Question", 5),
            col("Seen", 5),
            col("Risk", 5),
            col("Recommendation", 5),
            col("Owner", 3),
            col("Due", 3),
            col("Status", 3),
        ],
        rows.collect(),
    ))
}

/// The policy documents the questions name, with their status.
pub fn policies(r: &Report) -> Table {
    let rows = r.policies.iter().map(|p| vec![t(p.name.clone()), t(p.status.clone())]);
    Table::new(vec![col("Document", 3), col("Status", 2)], rows.collect())
}

/// Every parameter the figures rest on, with its value and source.
pub fn assumptions(r: &Report) -> Option<Table> {
    if r.assumptions.is_empty() {
        return None;
    }
    let rows = r.assumptions.iter().map(|a| vec![t(a.name.clone()), t(a.value.clone()), t(a.source.clone())]);
    Some(Table::new(vec![col("Assumption", 4), col("Value", 3), col("Source", 6)], rows.collect()).dense())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keeps_the_named_columns_in_order() {
        let table = Table::new(
            vec![col("Area", 1), fig("Type I", 1), col("Where", 1)],
            vec![vec![t("Model access"), t("40"), t("ISO 42001")]],
        );
        let kept = table.only(&[0, 2]);
        assert_eq!(kept.headers(), ["Area", "Where"]);
        assert_eq!(kept.rows, vec![vec![t("Model access"), t("ISO 42001")]]);
    }

    #[test]
    fn ids_are_code_spans_joined_by_commas_or_the_word_for_none() {
        let ids = Inline::ids(&["a.b".into(), "c.d".into()], "none");
        assert_eq!(ids.plain(), "a.b, c.d");
        assert_eq!(ids.0[0], Span::Code("a.b".into()));
        assert_eq!(Inline::ids(&[], "none").plain(), "none");
    }
}
