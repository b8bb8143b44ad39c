//! Comparisons across assessments: vendors side by side. What changed between two assessments (`diff`,
//! the change since last year) is the report's, `report::changes`, since the report shows it and compares
//! two reports to find it.

pub mod vendors;

pub use vendors::{VendorRow, vendor_rows};
