//! The plain home: the assessments in the store, numbered with their progress, and starting a new one;
//! then the chosen assessment in plain mode.

use std::io::{self, BufRead, Write};
use std::path::Path;

use super::input::Line;
use super::{Ending, Options, ask, say};
use crate::assessment::{Assessment, Session, Store};
use crate::questionnaire::catalog;
use crate::text::one_line;

const CHOICE_PROMPT: &str = "Choose: ";

/// List the assessments, open the one chosen (or start one) and answer it in plain mode.
pub fn run(
    store: &Store,
    user_questionnaires: Option<&Path>,
    input: &mut impl BufRead,
    out: &mut impl Write,
    options: &Options,
) -> io::Result<Ending> {
    let mut listed_once = false;
    loop {
        // Through the headline cache, as the interface's home screen lists them.
        let listing = crate::comparison::summaries(store, crate::clock::today());
        let (listed, unreadable): (Vec<_>, _) = (listing.all.into_iter().map(|s| s.listed).collect(), listing.errors);
        if !listed_once {
            let mut lines = vec![match listed.len() {
                0 => "soc2-ready, plain mode. No assessments yet.".to_string(),
                1 => "soc2-ready, plain mode. 1 assessment.".to_string(),
                n => format!("soc2-ready, plain mode. {n} assessments."),
            }];
            lines.extend(listed.iter().enumerate().map(|(i, l)| {
                format!(
                    "{} {}, {}, {}% answered. Name {}.",
                    i + 1,
                    one_line(l.org.trim()),
                    one_line(l.questionnaire_title.trim()),
                    l.progress,
                    one_line(&l.name)
                )
            }));
            if !unreadable.is_empty() {
                lines.push(format!(
                    "{} files in the store could not be read; soc2-ready list names them.",
                    unreadable.len()
                ));
            }
            say(out, lines)?;
            listed_once = true;
        }
        let choices = match listed.len() {
            0 => "Type new to start an assessment, or quit.".to_string(),
            1 => "Type 1 to open it, new to start another, or quit.".to_string(),
            n => format!("Type a number from 1 to {n} to open one, new to start one, or quit."),
        };
        say(out, [&choices])?;
        // As the interface's home offers it, until the sample is made (then it is listed).
        if listed.is_empty() {
            say(out, ["Or type sample to explore a sample first: a fictional AI startup, half answered."])?;
        } else if crate::assessment::interview::sample::find(&listed).is_none() {
            say(out, ["Or type sample to explore a sample: a fictional AI startup, half answered."])?;
        }
        let typed = match ask(input, out, CHOICE_PROMPT, options.echo)? {
            Line::End => return Ok(Ending::Quit),
            Line::Signal(n) => return Ok(Ending::Signal(n)),
            Line::TooLong(bytes) => {
                say(out, [format!("There is no assessment of {bytes} bytes.")])?;
                continue;
            }
            Line::Text(text) => text.trim().to_lowercase(),
        };
        let session = match typed.as_str() {
            "quit" | "exit" => return Ok(Ending::Quit),
            "" | "list" => {
                listed_once = false;
                continue;
            }
            "sample" => match crate::assessment::store::ensure_private_dir(&store.dir)
                .map_err(|e| format!("Could not create the store {}: {e}", super::shown_path(&store.dir)))
                .and_then(|()| {
                    crate::assessment::interview::sample::open_or_make(store, &(options.now)())
                        .map_err(|e| e.to_string())
                }) {
                Ok((session, _)) => {
                    say(out, ["A sample: a fictional AI startup, half answered. Type report for its report."])?;
                    session
                }
                Err(e) => {
                    say(out, [super::sentence(&e)])?;
                    continue;
                }
            },
            "new" => match new_assessment(store, user_questionnaires, input, out, options)? {
                Chosen::Session(session) => *session,
                Chosen::Nothing => continue,
                Chosen::End(ending) => return Ok(ending),
            },
            number => match number.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| listed.get(i)) {
                Some(l) => match Session::open(&l.path, &(options.now)()) {
                    Ok(session) => session,
                    Err(e) => {
                        say(out, [super::sentence(&e.to_string())])?;
                        continue;
                    }
                },
                None => {
                    say(out, [format!("There is no assessment {}.", one_line(number))])?;
                    continue;
                }
            },
        };
        return super::run(session, input, out, options);
    }
}

enum Chosen {
    Session(Box<Session>),
    /// Nothing started: back to the list.
    Nothing,
    /// The input ended, or a signal came.
    End(Ending),
}

/// Choose a questionnaire, name the organisation, and create the assessment in the store.
fn new_assessment(
    store: &Store,
    user_questionnaires: Option<&Path>,
    input: &mut impl BufRead,
    out: &mut impl Write,
    options: &Options,
) -> io::Result<Chosen> {
    let (entries, _) = catalog::all(user_questionnaires);
    let mut lines = vec![format!("{} questionnaires.", entries.len())];
    lines.extend(entries.iter().enumerate().map(|(i, e)| {
        let q = &e.questionnaire;
        format!("{} {}, {} questions.", i + 1, one_line(q.title.trim()), q.question_count())
    }));
    lines.push("Type the number of one, or Enter on nothing to go back.".into());
    say(out, lines)?;
    // A number that names none is said, and asked for again.
    let entry = loop {
        let typed = match ask(input, out, "Questionnaire: ", options.echo)? {
            Line::End => return Ok(Chosen::End(Ending::Quit)),
            Line::Signal(n) => return Ok(Chosen::End(Ending::Signal(n))),
            Line::TooLong(bytes) => format!("of {bytes} bytes"),
            Line::Text(text) if text.trim().is_empty() => return Ok(Chosen::Nothing),
            Line::Text(text) => match text.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
                Some(i) if i < entries.len() => break &entries[i],
                _ => one_line(text.trim()),
            },
        };
        say(
            out,
            [format!(
                "There is no questionnaire {typed}: type a number from 1 to {}, or Enter on nothing to go back.",
                entries.len()
            )],
        )?;
    };
    say(out, ["Type the organisation's name, or Enter on nothing to go back."])?;
    let org = match ask(input, out, "Organisation: ", options.echo)? {
        Line::End => return Ok(Chosen::End(Ending::Quit)),
        Line::Signal(n) => return Ok(Chosen::End(Ending::Signal(n))),
        Line::TooLong(_) => return Ok(Chosen::Nothing),
        Line::Text(text) if text.trim().is_empty() => return Ok(Chosen::Nothing),
        Line::Text(text) => text.trim().to_string(),
    };
    // The store may not exist yet on a fresh machine, as in the interface.
    if let Err(e) = crate::assessment::store::ensure_private_dir(&store.dir) {
        let line = format!("Could not create the store {}: {e}", super::shown_path(&store.dir));
        say(out, [super::sentence(&line)])?;
        return Ok(Chosen::Nothing);
    }
    let now = (options.now)();
    let assessment = Assessment::new(entry.questionnaire.clone(), &org, &now);
    let path = store.new_path(&org, &assessment.questionnaire.id);
    match Session::create(&path, assessment, &now) {
        Ok(session) => {
            say(out, [format!("Started {}.", super::shown_path(&path))])?;
            Ok(Chosen::Session(Box::new(session)))
        }
        Err(e) => {
            say(out, [super::sentence(&format!("Could not start it: {e}"))])?;
            Ok(Chosen::Nothing)
        }
    }
}
