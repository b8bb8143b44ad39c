//! How long a report takes on the largest questionnaires: 5,000 questions with 2,500 answers, the same
//! shape at 10,000 questions (the limit; linear means about twice the time), and 10,000 questions with 20
//! distinct evidence items each (200,000 items, which took 105 s when the report was quadratic). Each case
//! builds the report and writes it in Markdown, HTML and JSON.
//!
//! Run only this group, briefly: `cargo bench --bench report -- report --measurement-time 3 --warm-up-time 1`.

// Measurements and tests set up their own files and fixtures; a failure there is a bug in the test.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use soc2_ready::assessment::model::change::{self, Change, Ctx};
use soc2_ready::assessment::{AnswerValue, Assessment, Visibility};
use soc2_ready::estimate::Parameters;
use soc2_ready::questionnaire;
use soc2_ready::report::{Format, Report, export};

const NOW: &str = "2026-01-15T09:00:00Z";

/// `sections` x `per_section` maturity questions, each with `evidence` distinct evidence items and one of
/// 40 policy documents.
fn large(sections: usize, per_section: usize, evidence: usize) -> String {
    let mut out =
        String::from(r#"{"format":1,"id":"large","version":"1","title":"Large","kind":"readiness","sections":["#);
    for s in 0..sections {
        if s > 0 {
            out.push(',');
        }
        out.push_str(&format!(r#"{{"id":"s{s}","title":"Section {s}","questions":["#));
        for i in 0..per_section {
            if i > 0 {
                out.push(',');
            }
            let items: Vec<String> = (0..evidence).map(|e| format!("\"Evidence {s}.{i}.{e}\"")).collect();
            out.push_str(&format!(
                r#"{{"id":"s{s}.q{i}","type":"maturity","text":"Is control {s}.{i} in place?","help":"Why.","weight":3,"criteria":["CC6.1"],"critical":{},"effort_days":[1,3],"remediation":"Do it.","policy":"Policy {}","evidence":[{}]}}"#,
                i % 50 == 0,
                (s * per_section + i) % 40,
                items.join(",")
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

fn half_answered(text: &str) -> Assessment {
    let q = questionnaire::parse(text, "large").unwrap();
    let mut a = Assessment::new(q, "Acme AI", NOW);
    let ids: Vec<String> = a.questionnaire().questions().map(|(_, q)| q.id.clone()).collect();
    // Answered as the interface does, with what is shown worked out once (the generated questions have no
    // conditions).
    let shown = Visibility::of_assessment(&a);
    for (n, id) in ids.iter().enumerate().step_by(2) {
        let level = ["documented", "informal", "evidenced", "unknown", "planned"][n / 2 % 5];
        let ctx = Ctx { now: NOW, shown: Some(&shown) };
        change::apply(&mut a, &Change::value(id, AnswerValue::Text(level.into())), ctx).unwrap();
    }
    a
}

fn all_formats(a: &Assessment, params: &Parameters, today: NaiveDate) -> usize {
    let r = Report::build(a, params, today);
    [Format::Markdown, Format::Html, Format::Json].into_iter().map(|f| export(&r, f).len()).sum()
}

fn benches(c: &mut Criterion) {
    let params = Parameters::built_in();
    let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    let five = half_answered(&large(50, 100, 1));
    group.bench_function("5,000 questions, 2,500 answers, md+html+json", |b| {
        b.iter(|| all_formats(black_box(&five), &params, today))
    });
    let built = Report::build(&five, &params, today);
    group.bench_function("5,000 questions: build only", |b| b.iter(|| Report::build(black_box(&five), &params, today)));
    for format in [Format::Markdown, Format::Html, Format::Json] {
        group.bench_function(format!("5,000 questions: {} only", format.id()), |b| {
            b.iter(|| export(black_box(&built), format).len())
        });
    }
    let ten_plain = half_answered(&large(100, 100, 1));
    group.bench_function("10,000 questions, 5,000 answers, md+html+json", |b| {
        b.iter(|| all_formats(black_box(&ten_plain), &params, today))
    });
    let ten = half_answered(&large(100, 100, 20));
    group.bench_function("10,000 questions x 20 evidence items, md+html+json", |b| {
        b.iter(|| all_formats(black_box(&ten), &params, today))
    });
    group.finish();
}

criterion_group!(report, benches);
criterion_main!(report);
