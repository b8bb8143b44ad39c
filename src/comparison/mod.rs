//! Comparisons across assessments: the store's assessments listed with their headlines (through the
//! headline cache), vendors side by side and question by question. What changed between two assessments
//! (`diff`, the change since last year) is the report's, `report::changes`, since the report shows it and
//! compares two reports to find it.

pub mod listing;
pub mod matrix;
pub mod vendors;

pub use listing::{Summaries, Summary, summaries};
pub use vendors::{VendorRow, vendor_rows};
