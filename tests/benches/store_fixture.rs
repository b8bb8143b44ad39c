//! A store of many assessments for the store's benches and for measuring the binary (`examples/store_of.rs`):
//! the sample's half-answered readiness assessment and the sample's half-answered vendor assessment, copied
//! under other organisations' names with their changes a day apart.

use std::path::Path;

use soc2_ready::assessment::{interview::sample, store};
use soc2_ready::questionnaire::catalog;

/// Write `readiness` readiness assessments and `vendors` vendor assessments into `dir`.
pub fn store_of(dir: &Path, readiness: usize, vendors: usize) {
    let day = |n: usize| {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new((n % 365) as u64);
        format!("{}T09:00:00Z", d.format("%Y-%m-%d"))
    };
    for (id, count, prefix) in [("soc2-ai-readiness", readiness, "client"), ("ai-vendor-assessment", vendors, "vendor")]
    {
        let model = sample::build(catalog::built_in(id).unwrap(), &day(0));
        for n in 0..count {
            let mut a = model.clone();
            a.org = format!("{prefix} {n}");
            a.updated_at = day(n);
            std::fs::write(dir.join(format!("{prefix}-{n}.json")), store::to_bytes(&a)).unwrap();
        }
    }
}
