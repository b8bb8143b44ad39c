//! Vendors side by side (home `V`): every vendor assessment in the store with its tier, risk, completion
//! and score, freshest attestation and its age, critical findings, when it was last assessed (in a wide
//! enough terminal) and when its next review is due.
//! The rows and the next-review rule are the core's (`comparison::vendors`); one key sorts by each column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::{Ctx, Outcome};
use crate::comparison::vendors::{SortBy, VendorRow, sort};

/// A column to sort by: the core's orders, and the three columns it has none for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Core(SortBy),
    /// Highest inherent tier first.
    Tier,
    /// Most critical findings first.
    Critical,
    /// Least recently assessed first.
    LastAssessed,
}

use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;

pub struct VendorsScreen {
    pub rows: Vec<VendorRow>,
    pub sort: Column,
    pub selected: usize,
    /// Files in the store that could not be read.
    pub unreadable: usize,
}

/// The store's vendor assessments as of today (the app's clock), through the headline cache.
pub fn open(ctx: &Ctx) -> Outcome {
    let today = crate::clock::parse(&ctx.now).map(|t| t.date_naive()).unwrap_or_else(|_| crate::clock::today());
    let listing = crate::comparison::summaries(ctx.store, today);
    let rows = listing.vendor_rows();
    let unreadable = listing.errors.len();
    Outcome::Vendors(Box::new(VendorsScreen { rows, sort: Column::Core(SortBy::NextReview), selected: 0, unreadable }))
}

impl VendorsScreen {
    pub fn update(&mut self, action: Action) -> Outcome {
        let by = match action {
            Action::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                return Outcome::Done;
            }
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                return Outcome::Done;
            }
            Action::Back => return Outcome::Back,
            Action::SortByVendor => Column::Core(SortBy::Vendor),
            Action::SortByRisk => Column::Core(SortBy::Risk),
            Action::SortByAttestation => Column::Core(SortBy::AttestationAge),
            Action::SortByNextReview => Column::Core(SortBy::NextReview),
            Action::SortByTier => Column::Tier,
            Action::SortByCritical => Column::Critical,
            Action::SortByLastAssessed => Column::LastAssessed,
            _ => return Outcome::Done,
        };
        self.sort = by;
        let name = |r: &VendorRow| r.vendor.to_lowercase();
        match by {
            Column::Core(by) => sort(&mut self.rows, by),
            Column::Tier => {
                let rank = |r: &VendorRow| match r.tier {
                    "high" => 0,
                    "moderate" => 1,
                    _ => 2,
                };
                self.rows.sort_by(|a, b| rank(a).cmp(&rank(b)).then(name(a).cmp(&name(b))));
            }
            Column::Critical => self
                .rows
                .sort_by(|a, b| b.critical_findings.len().cmp(&a.critical_findings.len()).then(name(a).cmp(&name(b)))),
            Column::LastAssessed => {
                self.rows.sort_by(|a, b| a.last_assessed.cmp(&b.last_assessed).then(name(a).cmp(&name(b))))
            }
        }
        self.selected = 0;
        Outcome::Say(format!("Sorted by {}.", sort_name(by)))
    }
}

fn sort_name(by: Column) -> &'static str {
    match by {
        Column::Core(SortBy::NextReview) => "next review due, soonest first",
        Column::Core(SortBy::Vendor) => "vendor name",
        Column::Core(SortBy::Risk) => "risk, riskiest first",
        Column::Core(SortBy::AttestationAge) => "attestation age, oldest or missing first",
        Column::Tier => "inherent tier, highest first",
        Column::Critical => "critical findings, most first",
        Column::LastAssessed => "last assessed, longest ago first",
    }
}

fn short_name(by: Column) -> &'static str {
    match by {
        Column::Core(SortBy::NextReview) => "next review",
        Column::Core(SortBy::Vendor) => "vendor",
        Column::Core(SortBy::Risk) => "risk",
        Column::Core(SortBy::AttestationAge) => "attestation age",
        Column::Tier => "tier",
        Column::Critical => "critical findings",
        Column::LastAssessed => "last assessed",
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// The width of the columns that do not share the rest: tier, risk, done, score, critical, assessed, next
/// review; and the room their spacing, the border and the highlight symbol take.
const FIXED_WIDTH: usize = 8 + 8 + 4 + 5 + 9 + 10 + 18;
const SPACING: usize = 8 + 2 + 1;
/// Below this width the last-assessed date is left out (the next review follows from it) and the critical
/// findings' column is narrower, so the vendor's name and attestation keep some room.
const NARROW: u16 = 100;

pub fn draw(frame: &mut Frame, header: Rect, body: Rect, screen: &VendorsScreen, ctx: &DrawCtx<'_>) {
    let t = ctx.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(format!(
                "│ Vendors side by side ({}) │ ▼ sorted by {}",
                screen.rows.len(),
                short_name(screen.sort)
            )),
        ])),
        header,
    );
    let narrow = body.width < NARROW;
    let mark = |by: Column| if screen.sort == by { "▼" } else { "" };
    // The sorted column is marked; the hint line names the key for each.
    let mut head = vec![
        Cell::from(format!("{}Vendor", mark(Column::Core(SortBy::Vendor)))),
        Cell::from(format!("{}Tier", mark(Column::Tier))),
        Cell::from(format!("{}Risk", mark(Column::Core(SortBy::Risk)))),
        Cell::from("Done"),
        Cell::from("Score"),
        Cell::from(format!("{}Attestation", mark(Column::Core(SortBy::AttestationAge)))),
        Cell::from(format!("{}{}", mark(Column::Critical), if narrow { "Crit" } else { "Critical" })),
    ];
    if !narrow {
        head.push(Cell::from(format!("{}Assessed", mark(Column::LastAssessed))));
    }
    head.push(Cell::from(format!("{}Next review", mark(Column::Core(SortBy::NextReview)))));
    let head = Row::new(head).style(t.label());
    // The columns that share the width (vendor 3 parts, attestation 2) get what the fixed ones leave; a
    // name longer than its column ends with "…" rather than being cut silently.
    let fixed = if narrow { FIXED_WIDTH - 10 - 1 - 4 } else { FIXED_WIDTH };
    let shared = usize::from(body.width).saturating_sub(SPACING + fixed);
    let vendor_width = (shared * 3 / 5).max(1);
    let attestation_width = (shared * 2 / 5).max(1);
    let rows: Vec<Row> = screen
        .rows
        .iter()
        .map(|r| {
            let attestation = match (&r.attestation, r.attestation_age_months) {
                (Some(kind), Some(m)) => format!("{} ({m} mo)", one_line(kind)),
                (Some(kind), None) => one_line(kind),
                (None, _) => "none".to_string(),
            };
            // The count only: the findings are sentences, written out for the selected vendor below.
            let critical = r.critical_findings.len().to_string();
            let next = if r.overdue { format!("{} OVERDUE", date(r.next_review)) } else { date(r.next_review) };
            let mut cells = vec![
                Cell::from(truncate(&one_line(&r.vendor), vendor_width)),
                Cell::from(r.tier),
                Cell::from(r.verdict),
                Cell::from(format!("{:>4}", format!("{}%", r.completion))),
                Cell::from(format!("{:>5}", r.score.map_or("—".to_string(), crate::estimate::n))),
                Cell::from(truncate(&attestation, attestation_width)),
                Cell::from(critical),
            ];
            if !narrow {
                cells.push(Cell::from(date(r.last_assessed)));
            }
            cells.push(Cell::from(next).style(if r.overdue { t.warning() } else { t.plain() }));
            Row::new(cells)
        })
        .collect();
    let block = Block::bordered().title(" Vendors ");
    if rows.is_empty() {
        let text = format!(
            "No vendor assessments in the store yet. Start one from the home screen ({}) with a vendor questionnaire.{}",
            keymap::key_label(Context::Home, Action::New),
            if screen.unreadable > 0 {
                format!(" {} files could not be read.", screen.unreadable)
            } else {
                String::new()
            }
        );
        frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }).block(block), body);
        return;
    }
    let mut widths = vec![
        Constraint::Fill(3),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Fill(2),
        Constraint::Length(if narrow { 5 } else { 9 }),
    ];
    if !narrow {
        widths.push(Constraint::Length(10));
    }
    widths.push(Constraint::Length(18));
    // The selected vendor's critical findings in full under the table, as many lines as they wrap to (up to
    // half the body), so no sentence is cut to fit a column.
    let findings = screen.rows.get(screen.selected).map_or(&[][..], |r| r.critical_findings.as_slice());
    let (table_area, findings_area) = if findings.is_empty() {
        (body, None)
    } else {
        let text = findings_text(&screen.rows[screen.selected].vendor, findings);
        let lines: usize = text.iter().map(|l| wrapped_lines(l, body.width)).sum();
        let height = u16::try_from(lines).unwrap_or(u16::MAX).min(body.height / 2);
        let [table_area, below] =
            ratatui::layout::Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(body);
        (table_area, Some((below, text)))
    };
    let table =
        Table::new(rows, widths).header(head).block(block).row_highlight_style(t.selected()).highlight_symbol(">");
    frame.render_stateful_widget(table, table_area, &mut TableState::default().with_selected(Some(screen.selected)));
    if let Some((area, text)) = findings_area {
        let lines: Vec<Line> = text.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), area);
    }
}

/// The lines written under the table for a vendor's critical findings.
fn findings_text(vendor: &str, findings: &[String]) -> Vec<String> {
    let mut text = vec![format!("Critical findings for {}:", one_line(vendor))];
    text.extend(findings.iter().map(|f| format!("- {}", one_line(f))));
    text
}

/// How many rows a line takes when wrapped at word breaks to `width` columns: one per `width` columns,
/// rounded up, and one more for what the word breaks leave at the ends of rows.
fn wrapped_lines(line: &str, width: u16) -> usize {
    let width = usize::from(width.max(1));
    let used = unicode_width::UnicodeWidthStr::width(line);
    if used <= width { 1 } else { used.div_ceil(width) + 1 }
}
