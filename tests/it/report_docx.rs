//! `report --format docx`: the Word deliverable. The document is unzipped and its text read back row by row,
//! and each figure is checked against the hand-checked Markdown report of the same assessment: the sample
//! (through the real binary) and the middling fixture (through the library).

use crate::common::Answering;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;
use soc2_ready::report::{Format, docx, export};

use crate::common::Env;
use crate::report_golden::{build, middling};

/// The sample's figures below were read off its Markdown report on this date.
const SAMPLE_NOW: &str = "2025-03-03T09:00:00Z";
const SAMPLE: &str = "example-ai-ltd-sample-soc2-ai-readiness";

/// One part of the package as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The document's text: each paragraph outside a table as a line, each table row as its cells joined by
/// " | ". Parsing it also proves `word/document.xml` is well-formed XML.
fn lines(docx: &[u8]) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut para, mut cells) = (Vec::new(), String::new(), Vec::<String>::new());
    let (mut in_text, mut in_row) = (false, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let c = r.resolve_char_ref().ok().flatten().map(String::from);
                let named = quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string);
                para.push_str(&c.or(named).unwrap_or_else(|| panic!("unexpected entity {r:?}")));
            }
            Event::Start(e) if e.name().as_ref() == "w:tr" => in_row = true,
            Event::End(e) if e.name().as_ref() == "w:tr" => {
                in_row = false;
                out.push(std::mem::take(&mut cells).join(" | "));
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                let text = std::mem::take(&mut para);
                if in_row {
                    cells.push(text);
                } else if !text.is_empty() {
                    out.push(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn has(lines: &[String], want: &str) {
    assert!(lines.iter().any(|l| l == want), "no line `{want}` in the document:\n{}", lines.join("\n"));
}

fn has_start(lines: &[String], want: &str) {
    assert!(
        lines.iter().any(|l| l.starts_with(want)),
        "no line starting `{want}` in the document:\n{}",
        lines.join("\n")
    );
}

fn sample_env() -> Env {
    let env = Env::new();
    let out = env.cmd().env("SOC2_READY_NOW", SAMPLE_NOW).args(["new", "--sample", "--no-open"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    env
}

fn report(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().env("SOC2_READY_NOW", SAMPLE_NOW).arg("report").args(args).output().unwrap()
}

#[test]
fn the_sample_as_a_word_document_says_what_the_markdown_report_says() {
    let env = sample_env();
    let file = env.work.path().join("client.docx");
    // The extension alone picks the format.
    let out = report(&env, &[SAMPLE, "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), file.to_str().unwrap());
    let bytes = std::fs::read(&file).unwrap();
    let doc = lines(&bytes);
    let md = String::from_utf8(report(&env, &[SAMPLE]).stdout).unwrap();

    has(&doc, "SOC 2 readiness report: Example AI Ltd (sample)");
    has(&doc, "Verdict: Blocked (SOC 2 Type I report)");
    assert!(md.contains("## Verdict: Blocked (SOC 2 Type I report)"));
    // Scores: the same sentence as the Markdown's first page.
    let scores = "SOC 2 scores: Type I (design) 33.7 and Type II (operating) 7.6 of 100";
    has_start(&doc, scores);
    assert!(md.contains(scores));
    // A finding with its owner, due date and status.
    let finding = doc
        .iter()
        .find(|l| l.contains("(governance.system_description) |"))
        .unwrap_or_else(|| panic!("no finding row:\n{}", doc.join("\n")));
    assert!(finding.ends_with("| Sam Okoro (Head of Engineering) | 2025-04-02 | open"), "{finding}");
    assert!(md.contains("| Sam Okoro (Head of Engineering) | 2025-04-02 | open |"));
    // The plan, with the same total as the Markdown's.
    has(&doc, "Remediation plan");
    let total = md.lines().find(|l| l.starts_with("| **Total** |") && l.matches('|').count() == 4).unwrap();
    let total = total.trim_matches('|').replace("**", "").split('|').map(str::trim).collect::<Vec<_>>().join(" | ");
    has(&doc, &total);
    // The first-year cost range, hand-checked.
    has(&doc, "Paid to others | 115,250 | 237,500 | ");
    has(&doc, "Total | 187,034 | 508,628 | ");
    assert!(md.contains("| **Total** | 187,034 | 508,628 | |"));
    has_start(
        &doc,
        "First-year cost: USD 115,250-237,500 paid to others, USD 187,034-508,628 with internal staff time",
    );
    // Where the figures come from.
    has(&doc, "Assumptions and their sources");
    assert!(doc.iter().any(|l| l.starts_with("Auditor: Type I report | 27,500 | 40,000 | ")), "cost basis");

    // Piped, the same document goes to standard output.
    let piped = report(&env, &[SAMPLE, "--format", "docx"]);
    assert!(piped.status.success());
    assert_eq!(piped.stdout, bytes);
}

#[test]
fn the_middling_fixture_carries_its_owner_due_date_plan_and_cost() {
    let r = build(&middling());
    let doc = lines(&docx::render(&r).unwrap());
    let md = export(&r, Format::Markdown);
    has_start(&doc, "SOC 2 scores: Type I (design) 68.2 and Type II (operating) 34.1 of 100");
    has(&doc, "Verdict: Blocked (SOC 2 Type I report)");
    // The gap with its owner and due date, in the findings' gap table and in the plan by owner.
    has(
        &doc,
        "2 | Quarterly access reviews? (access.reviews) | 2.25 | CC6.3, C1.1 | Review every quarter. | 0.7-2.1 | \
         Access Control Policy | Dana Kim | 2026-04-30",
    );
    assert!(md.contains("| Review every quarter. | 0.7-2.1 | Access Control Policy | Dana Kim | 2026-04-30 |"));
    has(&doc, "Dana Kim | 1 | 0.7-2.1");
    has(&doc, "Total | 6 | 3.8-11.9");
    assert!(md.contains("| **Total** | 6 | 3.8-11.9 |"));
    has(&doc, "Paid to others | 65,900 | 165,500 | ");
    has(&doc, "Total | 77,900 | 201,900 | ");
    assert!(md.contains("| **Total** | 77,900 | 201,900 | |"));
    has(&doc, "Criteria coverage");
    has(&doc, "Timeline");
}

#[test]
fn every_paragraph_and_table_names_a_style_the_document_defines() {
    let bytes = docx::render(&build(&middling())).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    for (id, name, _) in docx::STYLES {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id} is not defined");
        assert!(styles.contains(&format!("w:val=\"{name}\"")), "{id} is not named {name}");
    }
    let document = part(&bytes, "word/document.xml");
    let after = |marker: &str| -> Vec<String> {
        document.split(marker).skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
    };
    let used: std::collections::BTreeSet<String> =
        after("w:pStyle w:val=\"").into_iter().chain(after("w:tblStyle w:val=\"")).collect();
    assert!(used.len() >= 8, "{used:?}");
    for id in used {
        assert!(docx::STYLES.iter().any(|(x, _, _)| *x == id), "{id} is used but not among the documented styles");
    }
    // Compressed: the parts are deflated, not stored.
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    assert_eq!(zip.by_name("word/document.xml").unwrap().compression(), zip::CompressionMethod::Deflated);
}

#[test]
fn hostile_text_cannot_break_the_document() {
    let mut a = middling();
    a.write_note("policies.security", "a\u{1}b\u{ffff}c <w:p> & \u{202e}d", "2026-01-15T09:00:00Z");
    let doc = lines(&docx::render(&build(&a)).unwrap());
    assert!(
        doc.iter().any(|l| l.contains("a\\u{1}b\\u{ffff}c <w:p> & \\u{202e}d")),
        "the note is shown with visible escapes:\n{}",
        doc.join("\n")
    );
}

/// A .docx with one style, made with the same crate a firm's template would be read with.
fn template(heading_colour: &str) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
    let mut out = Cursor::new(Vec::new());
    Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").color(heading_colour).size(40))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Firm letterhead")))
        .pack(&mut out)
        .unwrap();
    out.into_inner()
}

#[test]
fn a_template_gives_its_styles_and_ours_fill_the_rest() {
    let env = sample_env();
    let tpl = env.file("firm.docx", template("C00000"));
    let file = env.work.path().join("branded.docx");
    let out =
        report(&env, &[SAMPLE, "--format", "docx", "--template", tpl.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&file).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    let heading = styles.split("w:styleId=\"Heading1\"").nth(1).unwrap().split("</w:style>").next().unwrap();
    assert!(heading.contains("C00000"), "the template's heading colour: {heading}");
    assert_eq!(styles.matches("w:styleId=\"Heading1\"").count(), 1, "one Heading1, the template's");
    assert!(styles.contains("w:styleId=\"Soc2Verdict\""), "ours where the template has none");
    // The content is the report's, whole.
    has(&lines(&bytes), "Total | 187,034 | 508,628 | ");
}

#[test]
fn a_bad_template_or_misplaced_flag_is_refused_and_nothing_is_written() {
    let env = sample_env();
    let file = env.work.path().join("out.docx");
    let fake = env.file("fake.docx", b"this is not a zip");
    let out = report(&env, &[SAMPLE, "--template", fake.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fake.docx") && err.contains("not a Word document (.docx)"), "{err}");
    assert!(!file.exists());

    // A zip that is not a Word document.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
    let other = env.file("other.docx", zip.finish().unwrap().into_inner());
    let out = report(&env, &[SAMPLE, "--template", other.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no styles (word/styles.xml)"), "{out:?}");
    assert!(!file.exists());

    let out = report(&env, &[SAMPLE, "--format", "html", "--template", fake.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--template applies to the Word report only"));

    let missing = report(&env, &[SAMPLE, "--template", "nowhere.docx", "-o", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--template nowhere.docx"), "{missing:?}");
}

#[test]
fn a_word_report_is_never_printed_on_a_terminal() {
    let env = sample_env();
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg("exec \"$0\" report \"$1\" --format docx")
        .arg(crate::common::BIN)
        .arg(SAMPLE)
        .env("SOC2_READY_HOME", env.home.path())
        .env("SOC2_READY_CONFIG", env.config.path())
        .env("SOC2_READY_NOW", SAMPLE_NOW);
    let mut p = rexpect::session::spawn_command(command, Some(30_000)).unwrap();
    p.exp_string("a Word report is a binary file: name it with -o FILE.docx").unwrap();
    p.exp_eof().unwrap();
}

#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs this with --include-ignored"]
fn libreoffice_opens_the_word_report() {
    let soffice = which("soffice").expect("soffice (LibreOffice) is not installed; .ci/run installs it");
    let env = sample_env();
    let file = env.work.path().join("client.docx");
    assert!(report(&env, &[SAMPLE, "-o", file.to_str().unwrap()]).status.success());
    let profile = env.work.path().join("lo-profile");
    let status = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(env.work.path())
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = env.work.path().join("client.pdf");
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    assert!(size > 50_000, "the PDF is {size} bytes");
    if let Ok(pdftotext) = which("pdftotext") {
        let out = std::process::Command::new(pdftotext).arg("-layout").arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let pages = text.matches('\u{c}').count();
        assert!(pages >= 10, "{pages} pages");
        for want in ["At a glance", "Verdict: Blocked (SOC 2 Type I report)", "Remediation plan", "187,034"] {
            assert!(text.contains(want), "the PDF lacks {want}");
        }
    }
}

fn which(tool: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(tool)).find(|p| Path::new(p).is_file()))
        .ok_or(())
}

/// Word walks the same "Since last year" section as Markdown and HTML: the answers that changed and those
/// still to confirm are listed, not only counted (issue 19).
#[test]
fn word_lists_the_answers_changed_and_to_confirm_since_last_year() {
    let doc = lines(&docx::render(&build(&crate::report_golden::carried_over())).unwrap());
    for line in [
        "Since last year",
        "Answers changed (2)",
        "(access.mfa) MFA enforced everywhere? — changed: Documented and in place → Operating, with evidence over time",
        "Still to confirm (2)",
        "Carried over from last year; not counted as answered until confirmed.",
    ] {
        assert!(doc.iter().any(|l| l == line), "{line} missing: {doc:#?}");
    }
}
