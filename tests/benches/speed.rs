//! How long the things a user waits for take, on a questionnaire of thousands of questions:
//! loading, working out what is shown after an answer, drawing a screen, a keystroke, a save.
//! Run with `cargo bench`.

// Measurements and tests set up their own files and fixtures; a failure there is a bug in the test.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use soc2_ready::assessment::model::change::{self, Change, Ctx};
use soc2_ready::assessment::{AnswerValue, Assessment, Session, Store, Visibility, progress, store};
use soc2_ready::questionnaire::{self, catalog};
use soc2_ready::tui::{app::App, view};

const NOW: &str = "2026-01-15T09:00:00Z";

/// A questionnaire of `sections` x `per_section` maturity questions, every tenth hidden behind a yes/no.
fn large(sections: usize, per_section: usize) -> String {
    let mut out = String::from(
        r#"{"format":1,"id":"large","version":"1","title":"Large","kind":"custom","sections":[{"id":"p","title":"Profile","questions":[{"id":"p.gate","type":"yesno","text":"Gate?","help":"Gates."}]}"#,
    );
    for s in 0..sections {
        out.push_str(&format!(r#",{{"id":"s{s}","title":"Section {s}","questions":["#));
        for i in 0..per_section {
            if i > 0 {
                out.push(',');
            }
            let show_if = if i % 10 == 0 { r#","show_if":{"question":"p.gate","equals":"yes"}"# } else { "" };
            out.push_str(&format!(
                r#"{{"id":"s{s}.q{i}","type":"maturity","text":"Is control {s}.{i} designed and operating, with evidence kept for the auditor?","help":"Auditors ask because it matters. Good looks like a written, working control.","weight":3,"criteria":["CC6.1"],"effort_days":[1,3],"evidence":["A record"]{show_if}}}"#
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

fn half_answered(q: questionnaire::Questionnaire) -> Assessment {
    let mut a = Assessment::new(q, "Acme AI", NOW);
    let ids: Vec<String> = a.questionnaire().questions().map(|(_, q)| q.id.clone()).collect();
    // Answered as a user would: the gate opened, every other question answered (what is shown worked out
    // once, as the interface keeps it), then the gate cleared, so the gated answers stay, hidden.
    let at = Ctx::at(NOW);
    change::apply(&mut a, &Change::typed("p.gate", "yes"), at).unwrap();
    let shown = Visibility::of_assessment(&a);
    for id in ids.iter().filter(|id| id.contains(".q")).step_by(2) {
        let ctx = Ctx { now: NOW, shown: Some(&shown) };
        change::apply(&mut a, &Change::value(id, AnswerValue::Text("documented".into())), ctx).unwrap();
    }
    change::apply(&mut a, &Change::clear("p.gate"), at).unwrap();
    a
}

/// An assessment file of `sections` x 100 questions, half answered, in a fresh folder.
fn large_file(sections: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let a = half_answered(questionnaire::parse(&large(sections, 100), "large").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    store::write(&path, &a).unwrap();
    (dir, path)
}

fn benches(c: &mut Criterion) {
    let text = large(50, 100); // 5,001 questions
    c.bench_function("load the built-in readiness questionnaire", |b| {
        b.iter(|| catalog::built_in(black_box("soc2-ai-readiness")).unwrap())
    });
    c.bench_function("load and validate 5,000 questions", |b| {
        b.iter(|| questionnaire::parse(black_box(&text), "large").unwrap())
    });
    let a = half_answered(questionnaire::parse(&text, "large").unwrap());
    c.bench_function("visibility and progress, 5,000 questions", |b| {
        b.iter(|| {
            let vis = Visibility::of_assessment(black_box(&a));
            progress(&a, &vis)
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    // Written once whatever the filter, for the benchmarks below that open it.
    store::write(&path, &a).unwrap();
    c.bench_function("save 5,000 questions with 2,500 answers", |b| {
        b.iter(|| store::write(&path, black_box(&a)).unwrap())
    });

    let session = Session::open(&path, NOW).unwrap();
    let mut app = App::with_session(Store::new(dir.path().to_path_buf()), session);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("draw the questionnaire screen, 5,000 questions", |b| {
        b.iter(|| {
            terminal.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    c.bench_function("move to the next question, 5,000 questions", |b| {
        b.iter(|| {
            app.handle_event(key(KeyCode::Down));
            app.handle_event(key(KeyCode::Up));
        })
    });
    // From the profile's yes/no to the first shown maturity question.
    app.handle_event(key(KeyCode::Down));
    assert_eq!(app.editor.as_deref().map(|e| e.question().id.clone()).unwrap_or_default(), "s0.q1");
    c.bench_function("answer with a digit and save, 5,000 questions", |b| {
        b.iter(|| {
            app.handle_event(key(KeyCode::Char('4')));
            app.handle_event(key(KeyCode::Up));
        })
    });
}

/// Issue 9 §3: what a keystroke, an open and a first frame cost at 5,000 and 10,000 questions, and the
/// built-in questionnaire's first frame beside a bare ratatui application's.
fn scale(c: &mut Criterion) {
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    for sections in [50, 99] {
        let n = sections * 100;
        let (dir, path) = large_file(sections);
        c.bench_function(&format!("scale/open and first frame, {n} questions"), |b| {
            b.iter(|| {
                let session = Session::open(&path, NOW).unwrap();
                let app = App::with_session(Store::new(dir.path().to_path_buf()), session);
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                terminal.draw(|f| view::draw(f, &app)).unwrap();
            })
        });
        let session = Session::open(&path, NOW).unwrap();
        let mut app = App::with_session(Store::new(dir.path().to_path_buf()), session);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        app.handle_event(key(KeyCode::Down));
        // One keystroke that answers and saves (the change survives a kill when it returns), then the
        // frame. Timed as a person types: the previous save's flush to disk has finished (it takes a few
        // ms on its own thread; a tight loop would time the disk instead, as writes wait for it).
        let mut digit = 0;
        c.bench_function(&format!("scale/keystroke to next frame, answer saved, {n} questions"), |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    if let Some(e) = app.editor.as_ref() {
                        e.session.wait_on_disk().unwrap();
                    }
                    digit = digit % 5 + 1;
                    let start = std::time::Instant::now();
                    app.handle_event(key(KeyCode::Char(char::from(b'0' + digit))));
                    terminal.draw(|f| view::draw(f, &app)).unwrap();
                    total += start.elapsed();
                    app.handle_event(key(KeyCode::Up));
                }
                total
            })
        });
        drop(app);
        // The keystroke's save (the quick one) through the journal, then the wait until it is on disk (the
        // durability target is 50 ms).
        let mut session = Session::open(&path, NOW).unwrap();
        // The keystroke's change, as the interface applies it (what is shown kept up to date, not worked out).
        let shown = Visibility::of_assessment(&session.assessment);
        let mut n_value = 0;
        c.bench_function(&format!("scale/answer saved and flushed to disk, {n} questions"), |b| {
            b.iter(|| {
                n_value = n_value % 5 + 1;
                let value = ["not_started", "planned", "informal", "documented", "evidenced"][n_value - 1];
                let change = Change::value("s0.q1", AnswerValue::Text(value.into()));
                change::apply(&mut session.assessment, &change, Ctx { now: NOW, shown: Some(&shown) }).unwrap();
                session.save_quickly().unwrap();
                session.wait_on_disk().unwrap();
            })
        });
        c.bench_function(&format!("scale/answer saved through the journal, {n} questions"), |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    session.wait_on_disk().unwrap();
                    n_value = n_value % 5 + 1;
                    let value = ["not_started", "planned", "informal", "documented", "evidenced"][n_value - 1];
                    let start = std::time::Instant::now();
                    let change = Change::value("s0.q1", AnswerValue::Text(value.into()));
                    change::apply(&mut session.assessment, &change, Ctx { now: NOW, shown: Some(&shown) }).unwrap();
                    session.save_quickly().unwrap();
                    total += start.elapsed();
                }
                total
            })
        });
        drop(session);
        c.bench_function(&format!("scale/read the file (show, report, list), {n} questions"), |b| {
            b.iter(|| store::read(black_box(&path)).unwrap())
        });
    }

    // The built-in questionnaire's first frame, and the least a ratatui application can draw.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("builtin.json");
    let q = catalog::built_in("soc2-ai-readiness").unwrap();
    store::write(&path, &Assessment::new(q, "Acme AI", NOW)).unwrap();
    c.bench_function("scale/first frame, built-in questionnaire", |b| {
        b.iter(|| {
            let session = Session::open(&path, NOW).unwrap();
            let app = App::with_session(Store::new(dir.path().to_path_buf()), session);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    c.bench_function("scale/first frame, bare ratatui bordered paragraph", |b| {
        use ratatui::widgets::{Block, Paragraph};
        b.iter(|| {
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal
                .draw(|f| {
                    f.render_widget(Paragraph::new("Hello").block(Block::bordered().title("soc2-ready")), f.area())
                })
                .unwrap();
        })
    });
}

/// 5,000 questions with a real questionnaire's vocabulary: the built-in readiness questionnaire's sections
/// copied 18 times (4,896 questions), ids made unique and conditions left out.
fn varied_5000() -> questionnaire::Questionnaire {
    let built_in = serde_json::to_value(catalog::built_in("soc2-ai-readiness").unwrap()).unwrap();
    let mut sections = Vec::new();
    for copy in 0..18 {
        for section in built_in["sections"].as_array().unwrap() {
            let mut section = section.clone();
            let object = section.as_object_mut().unwrap();
            object.remove("show_if");
            object["id"] = format!("{}_{copy}", object["id"].as_str().unwrap()).into();
            for question in object["questions"].as_array_mut().unwrap() {
                let question = question.as_object_mut().unwrap();
                question.remove("show_if");
                question["id"] = format!("{}_{copy}", question["id"].as_str().unwrap()).into();
            }
            sections.push(section);
        }
    }
    let mut q = built_in;
    q["sections"] = sections.into();
    q["id"] = "varied".into();
    q["kind"] = "custom".into();
    serde_json::from_value(q).unwrap()
}

/// Issue 14: the ranked search at 5,000 questions: the index is built once when `/` first opens, then every
/// keystroke queries it (target: a query under 1 ms).
fn search(c: &mut Criterion) {
    use soc2_ready::questionnaire::search::Index;
    let built_in = catalog::built_in("soc2-ai-readiness").unwrap();
    c.bench_function("search/build the index, built-in questionnaire", |b| {
        b.iter(|| Index::build(black_box(&built_in)))
    });
    let q = varied_5000();
    assert!(q.questions().count() > 4_800);
    c.bench_function("search/build the index, 5,000 questions", |b| b.iter(|| Index::build(black_box(&q))));
    let index = Index::build(&q);
    for (what, query) in [
        ("one word", "deletion"),
        ("three words", "encryption at rest"),
        ("an abbreviation", "mfa"),
        ("a criterion", "CC6.1"),
        ("a typo", "encrytpion"),
        ("a word typed half-way", "encry"),
        ("eight common words", "data access review model training vendor policy evidence"),
    ] {
        c.bench_function(&format!("search/query {what}, 5,000 questions"), |b| {
            b.iter(|| index.search(black_box(query)))
        });
    }
    // A letter typed into the search box, to the next frame (the index already built).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("varied.json");
    store::write(&path, &Assessment::new(q, "Acme AI", NOW)).unwrap();
    let session = Session::open(&path, NOW).unwrap();
    let mut app = App::with_session(Store::new(dir.path().to_path_buf()), session);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    app.handle_event(key(KeyCode::Char('/')));
    for letter in "deletio".chars() {
        app.handle_event(key(KeyCode::Char(letter)));
    }
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    c.bench_function("search/a letter typed then erased (two frames), 5,000 questions", |b| {
        b.iter(|| {
            app.handle_event(key(KeyCode::Char('n')));
            terminal.draw(|f| view::draw(f, &app)).unwrap();
            app.handle_event(key(KeyCode::Backspace));
            terminal.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
}

criterion_group! {
    name = speed;
    config = Criterion::default().sample_size(20);
    targets = benches, scale, search
}
criterion_main!(speed);
