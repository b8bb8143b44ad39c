//! Comparisons across assessments: what changed between two of them (`diff`, the change since last
//! year), and vendors side by side. Pure functions over assessments, above scoring and the report.

pub mod changes;
pub mod vendors;

pub use changes::{Changes, changes, since_last_year};
pub use vendors::{VendorRow, vendor_rows};
