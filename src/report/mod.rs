//! The report: one model ([`Report`]) and its renderers. Markdown, self-contained HTML, JSON and the CSV
//! plan are all drawn from the same model, so they never disagree. Every format starts with the one page
//! ([`OnePage`]) a founder reads first.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod summary;
pub mod svg;
pub mod whatif;

pub use model::Report;
pub use summary::OnePage;

/// The formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    /// One row per gap, for issue trackers.
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Json, Format::Csv];

    /// The id used on the command line, which is also the file extension.
    pub fn id(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// The report as text in the given format.
pub fn export(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report),
    }
}
