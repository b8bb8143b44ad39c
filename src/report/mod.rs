//! The report: one model ([`Report`]) and its renderers. Markdown, self-contained HTML, JSON and the CSV
//! plan are all drawn from the same model, so they never disagree. Every format starts with the one page
//! ([`OnePage`]) a founder reads first.

pub mod changes;
pub mod consultant;
pub mod csv;
pub mod docx;
pub mod docx_package;
pub mod docx_template;
pub mod figures;
pub mod headline;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod outline;
pub mod sections;
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

/// Characters that draw nothing yet change how text reads or breaks (Arabic letter mark, soft hyphen, line
/// and paragraph separators, Hangul fillers, Unicode tag characters). Every renderer shows them as
/// `\u{...}`, as [`crate::text::visible`] does for control characters, so hidden text cannot hide in a
/// report.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{00AD}' | '\u{2028}' | '\u{2029}' | '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}')
        || ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Text with the characters of [`is_invisible`] written as visible escapes.
pub fn show_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
