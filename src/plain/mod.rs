//! Plain mode, for screen readers, braille displays and dumb terminals: one question at a time as plain
//! lines, answered by typing a line. No cursor movement, no colour, no box drawing, no redraws: every line
//! is written once, to be read (or heard) in order.
//!
//! The rules are the core's, as in the interface: which question comes next among those shown
//! (`assessment::interview::cursor`), choosing an option by its number, what "not applicable" and "don't know" lead
//! to, parsing and checking typed answers, and saving after every change (`Session::save_quickly`, the
//! journal). It reads any [`BufRead`] and writes any [`Write`], so tests drive it in process.

pub mod answers;
pub mod commands;
pub mod home;
pub mod input;
pub mod prompt;
pub mod terminal;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use commands::{COMMANDS, Command};
use input::{Line, MAX_LINE_BYTES};

use crate::assessment::interview::cursor::{self, ChooseError, Chosen, Cursor, Place};
use crate::assessment::model::answer::{check_note, evidence_references};
use crate::assessment::model::change::{self, Applied, Change, ChangeError};
use crate::assessment::{Session, interview::meetings, model::progress::is_answered, model::review, progress};
use crate::questionnaire::{Question, QuestionType};
use crate::text::one_line;

/// What the line mode needs from outside: the clock, where the estimate's parameters are, and whether to
/// write back what was read (when input comes from a pipe, so that the output reads as a transcript).
#[derive(Debug, Clone)]
pub struct Options {
    pub now: fn() -> String,
    pub config_dir: Option<PathBuf>,
    pub echo: bool,
}

/// How plain mode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `quit`, or the end of input: everything saved.
    Quit,
    /// A signal (its number) asked the program to end; everything was saved first.
    Signal(u8),
    /// The last save failed (and said why): the program should end with a failure status.
    Unsaved,
}

/// What handling one line leads to.
enum Step {
    Stay,
    Quit,
    Signal(u8),
}

/// The prompt for an answer or a command.
const ANSWER_PROMPT: &str = "Answer: ";
const NOTE_PROMPT: &str = "Note: ";

/// Answer an assessment in plain mode until `quit`, the end of input or a signal.
pub fn run(session: Session, input: &mut impl BufRead, out: &mut impl Write, options: &Options) -> io::Result<Ending> {
    let mut plain = Plain::new(session, out, options);
    plain.begin()?;
    loop {
        let step = match plain.read(input, ANSWER_PROMPT)? {
            Line::End => Step::Quit,
            Line::Signal(n) => Step::Signal(n),
            Line::TooLong(bytes) => {
                plain.too_long(bytes)?;
                Step::Stay
            }
            Line::Text(text) => plain.handle(&text, input)?,
        };
        match step {
            Step::Stay => {}
            Step::Quit => return plain.finish(Ending::Quit),
            Step::Signal(n) => return plain.finish(Ending::Signal(n)),
        }
    }
}

/// Write lines, each ended by a newline.
pub(crate) fn say(out: &mut impl Write, lines: impl IntoIterator<Item = impl AsRef<str>>) -> io::Result<()> {
    for line in lines {
        out.write_all(line.as_ref().as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Write a prompt, read a line, and write it back when echoing (safely: control characters escaped).
pub(crate) fn ask(input: &mut impl BufRead, out: &mut impl Write, prompt: &str, echo: bool) -> io::Result<Line> {
    out.write_all(prompt.as_bytes())?;
    out.flush()?;
    let line = input::read_line(input);
    match &line {
        Line::Text(text) if echo => say(out, [one_line(text)])?,
        Line::TooLong(bytes) if echo => say(out, [format!("(a line of {bytes} bytes)")])?,
        // The prompt's line is ended, so that what follows starts on a line of its own.
        Line::Text(_) | Line::TooLong(_) => {}
        Line::End | Line::Signal(_) => say(out, [""])?,
    }
    Ok(line)
}

/// A message from the core as a sentence: on one line, capitalised, ending with a full stop, without the
/// backticks that mark code on a screen (a screen reader reads them out).
pub(crate) fn sentence(message: &str) -> String {
    let line = without_code_marks(&one_line(message.trim()));
    let mut chars = line.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// Text with each pair of backticks around a word or command (`` `profile.headcount` ``) left out; a lone
/// backtick, or one in a path, stays.
fn without_code_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        match after.find('`') {
            Some(close) if close > 0 && !after[..close].contains(['\n', '/', '\\']) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A path as a command line takes it: quoted when it has a space.
pub(crate) fn shown_path(path: &std::path::Path) -> String {
    let path = one_line(&path.display().to_string());
    if path.contains(' ') { format!("'{path}'") } else { path }
}

struct Plain<'a, W: Write> {
    session: Session,
    cursor: Cursor,
    out: &'a mut W,
    options: &'a Options,
    /// The commands were listed once (by the first `?`).
    told_commands: bool,
    /// The section last announced, so a new one is announced on entering it.
    announced: Option<usize>,
    /// The questionnaire's search index, built at the first `search`.
    index: Option<crate::questionnaire::search::Index>,
    /// The places the last `search` listed, for `go N`.
    found: Vec<Place>,
}

impl<'a, W: Write> Plain<'a, W> {
    fn new(session: Session, out: &'a mut W, options: &'a Options) -> Self {
        let cursor = Cursor::resume(&session.assessment);
        Plain { session, cursor, out, options, told_commands: false, announced: None, index: None, found: Vec::new() }
    }

    fn now(&self) -> String {
        (self.options.now)()
    }

    fn say(&mut self, lines: impl IntoIterator<Item = impl AsRef<str>>) -> io::Result<()> {
        say(self.out, lines)
    }

    fn read(&mut self, input: &mut impl BufRead, prompt: &str) -> io::Result<Line> {
        ask(input, self.out, prompt, self.options.echo)
    }

    fn question(&self) -> Question {
        self.cursor.question(&self.session.assessment).clone()
    }

    /// Change the assessment through the checks every change passes ([`change::apply`]); the caller saves.
    fn apply(&mut self, change: &Change) -> Result<Applied, ChangeError> {
        let now = self.now();
        let ctx = change::Ctx { now: &now, shown: Some(&self.cursor.vis) };
        change::apply(&mut self.session.assessment, change, ctx)
    }

    /// Start a meeting (as opening the interface does), say where this is, and ask the first question.
    fn begin(&mut self) -> io::Result<()> {
        let now = self.now();
        let a = &mut self.session.assessment;
        let present: Vec<String> = Some(a.respondent.clone()).filter(|r| !r.trim().is_empty()).into_iter().collect();
        meetings::start(a, &present, &now);
        self.save()?;
        let a = &self.session.assessment;
        let (_, total) = progress(a, &self.cursor.vis);
        let mut lines = vec![
            format!(
                "{}: {}. {} of {} answered.",
                one_line(a.org.trim()),
                one_line(a.questionnaire().title.trim()),
                total.answered,
                total.shown
            ),
            "Type the number of an option or the answer, then Enter. Type ? for help, quit to stop. Every answer \
             is saved at once."
                .to_string(),
        ];
        if !a.respondent.trim().is_empty() {
            lines.push(format!(
                "Answers are recorded as given by {}; type who to change it.",
                one_line(a.respondent.trim())
            ));
        }
        let to_confirm = review::review_counts(a).to_confirm;
        if to_confirm > 0 {
            lines.push(format!("{to_confirm} answers carried over from last year are waiting: type confirm on each."));
        }
        self.say(lines)?;
        self.show_question()
    }

    /// The question where the cursor is, with its section when that is new.
    fn show_question(&mut self) -> io::Result<()> {
        let a = &self.session.assessment;
        let mut lines = Vec::new();
        if self.announced != Some(self.cursor.section) {
            lines.push(prompt::section_line(a, self.cursor.section));
            self.announced = Some(self.cursor.section);
        }
        lines.push(prompt::position_line(a, &self.cursor));
        lines.extend(prompt::question_lines(a, self.cursor.question(a)));
        self.say(lines)
    }

    fn too_long(&mut self, bytes: usize) -> io::Result<()> {
        self.say([format!("That line is {bytes} bytes long, over the limit of {MAX_LINE_BYTES}; nothing was changed.")])
    }

    /// Save what changed; a failure is said, and the change stays to be saved with the next one.
    fn save(&mut self) -> io::Result<bool> {
        match self.session.save_quickly() {
            Ok(()) => Ok(true),
            Err(e) => {
                self.say([format!(
                    "Could not save: {}",
                    sentence(&format!("{e}. It is kept here and saved with the next change"))
                )])?;
                Ok(false)
            }
        }
    }

    /// Go to a question and ask it.
    fn go(&mut self, place: Place) -> io::Result<()> {
        if let Some(position) = self.cursor.go(&self.session.assessment, place) {
            self.session.assessment.position = Some(position);
            self.save()?;
        }
        self.show_question()
    }

    fn handle(&mut self, line: &str, input: &mut impl BufRead) -> io::Result<Step> {
        if let Some(usage) = commands::usage_of_bare(line) {
            self.say([usage])?;
            return Ok(Step::Stay);
        }
        match commands::parse(line) {
            Command::Repeat => {
                let a = &self.session.assessment;
                let mut lines = vec![prompt::position_line(a, &self.cursor)];
                lines.extend(prompt::question_lines(a, self.cursor.question(a)));
                self.say(lines)?;
            }
            Command::Help => self.help()?,
            Command::Commands => self.say(commands_lines())?,
            Command::Next => match self.cursor.next() {
                Some(p) => self.go(p)?,
                None => self.say(["This is the last question. Type skip for any left unanswered, or report."])?,
            },
            Command::Back => match self.cursor.previous() {
                Some(p) => self.go(p)?,
                None => self.say(["This is the first question."])?,
            },
            Command::Skip => self.skip()?,
            Command::Note(Some(text)) => self.set_note(&text)?,
            Command::Note(None) => return self.ask_note(input),
            Command::Evidence(typed) => self.evidence(typed.as_deref())?,
            Command::Who(name) => self.who(name.as_deref())?,
            Command::Flag => {
                let id = self.question().id;
                if let Err(e) = self.apply(&Change::Flag { question: id.clone() }) {
                    self.say([sentence(&format!("{e}. Nothing was changed"))])?;
                    return Ok(Step::Stay);
                }
                let flagged = self.session.assessment.is_flagged(&id);
                if self.save()? {
                    self.say([if flagged { "Flagged for follow-up." } else { "Follow-up flag removed." }])?;
                }
            }
            Command::Clear => {
                if self.refused_read_only()? {
                    return Ok(Step::Stay);
                }
                let id = self.question().id;
                if self.session.assessment.value(&id).is_none() {
                    self.say(["There is no answer to clear."])?;
                } else if let Err(e) = self.apply(&Change::clear(&id)) {
                    self.say([sentence(&format!("{e}. Nothing was changed"))])?;
                } else {
                    self.cursor.recompute(&self.session.assessment);
                    if self.save()? {
                        self.say(["Answer cleared."])?;
                    }
                }
            }
            Command::Confirm => {
                let id = self.question().id;
                if self.apply(&Change::Confirm { question: id }).is_ok() {
                    self.cursor.recompute(&self.session.assessment);
                    if self.save()? {
                        // C3: on to the next answer to confirm, as `c` in the interface.
                        let a = &self.session.assessment;
                        let q = a.questionnaire();
                        let next = self.cursor.find_after(true, |(s, i)| {
                            crate::assessment::model::review::is_to_confirm(a, &q.sections[s].questions[i].id)
                        });
                        let left = crate::assessment::model::review::review_counts(a).to_confirm;
                        match next {
                            Some(p) => {
                                self.say([format!(
                                    "Confirmed: the answer carried over still holds. {left} left to confirm; the next:"
                                )])?;
                                self.go(p)?;
                            }
                            None => {
                                self.say(["Confirmed: the answer carried over still holds. None left to confirm."])?;
                                self.advance()?;
                            }
                        }
                    }
                } else {
                    self.say(["There is no carried-over answer here to confirm."])?;
                }
            }
            Command::Report => self.report()?,
            Command::Quit => return Ok(Step::Quit),
            Command::Go(target) => match target.trim().parse::<usize>() {
                // A number after a search is one of its results; anything else is a question id.
                Ok(n) if !self.found.is_empty() => match n.checked_sub(1).and_then(|i| self.found.get(i)) {
                    Some(&p) => self.go(p)?,
                    None => {
                        let count = self.found.len();
                        self.say([format!("The last search listed {count} results: go 1 to go {count}.")])?
                    }
                },
                _ => self.go_to_question(&target)?,
            },
            Command::Search(words) => self.search(&words)?,
            Command::Section(which) => self.go_to_section(&which)?,
            Command::List => {
                let lines = prompt::list_lines(&self.session.assessment, &self.cursor);
                self.say(lines)?;
            }
            Command::Where => {
                let a = &self.session.assessment;
                let line = format!("{} Id {}.", prompt::position_line(a, &self.cursor), one_line(&self.question().id));
                self.say([line])?;
            }
            Command::Answer(text) => return self.answer(&text, input),
        }
        Ok(Step::Stay)
    }

    /// `note` alone: the note on the next line (empty keeps it, `-` removes it).
    fn ask_note(&mut self, input: &mut impl BufRead) -> io::Result<Step> {
        let note = self.session.assessment.note(&self.question().id).trim().to_string();
        let line = if note.is_empty() {
            "Type the note on one line. Enter on nothing writes none.".to_string()
        } else {
            format!(
                "The note now: {}. Type the new note on one line; Enter on nothing keeps it, a single - removes it.",
                one_line(note.trim_end_matches('.'))
            )
        };
        self.say([line])?;
        match self.read(input, NOTE_PROMPT)? {
            Line::Text(text) if text.trim().is_empty() => self.say(["Note unchanged."])?,
            Line::Text(text) => self.set_note(&text)?,
            Line::TooLong(bytes) => self.too_long(bytes)?,
            Line::End => return Ok(Step::Quit),
            Line::Signal(n) => return Ok(Step::Signal(n)),
        }
        Ok(Step::Stay)
    }

    /// `evidence` reads the references out; `evidence REF, REF` records them, `evidence -` removes them.
    fn evidence(&mut self, typed: Option<&str>) -> io::Result<()> {
        let Some(typed) = typed else {
            let id = self.question().id;
            let refs = self.session.assessment.answers().get(&id).map(|x| x.evidence.clone()).unwrap_or_default();
            let line = if refs.is_empty() {
                "No evidence recorded. Type evidence and the references, separated by commas.".to_string()
            } else {
                let refs: Vec<String> = refs.iter().map(|r| one_line(r)).collect();
                format!("Evidence: {}.", refs.join("; "))
            };
            self.say([line])?;
            return Ok(());
        };
        let refs = if typed.trim() == "-" { Vec::new() } else { evidence_references(typed) };
        if let Err(e) = crate::assessment::model::limits::check_evidence(&refs) {
            return self.say([sentence(&format!("{e}. Nothing was changed"))]);
        }
        let (id, count) = (self.question().id, refs.len());
        if let Err(e) = self.apply(&Change::Evidence { question: id, evidence: refs }) {
            return self.say([sentence(&format!("{e}. Nothing was changed"))]);
        }
        if self.save()? {
            self.say([match count {
                0 => "Evidence references removed.".to_string(),
                1 => "1 evidence reference recorded.".to_string(),
                n => format!("{n} evidence references recorded."),
            }])?;
        }
        Ok(())
    }

    /// `who` says who answers are recorded as given by; `who NAME` sets it, `who -` names nobody.
    fn who(&mut self, name: Option<&str>) -> io::Result<()> {
        let Some(name) = name else {
            let line = match self.session.assessment.respondent.trim() {
                "" => "Answers do not name who gave them. Type who and a name to record one.".to_string(),
                name => format!("Answers are recorded as given by {}.", one_line(name)),
            };
            self.say([line])?;
            return Ok(());
        };
        let name = if name.trim() == "-" { "" } else { name.trim() };
        if let Err(e) = crate::assessment::model::limits::check_name(name) {
            return self.say([sentence(&format!("{e}. Nothing was changed"))]);
        }
        let now = self.now();
        let a = &mut self.session.assessment;
        a.set_respondent(name, &now);
        meetings::add_attendee(a, name, &now);
        if self.save()? {
            self.say([match name {
                "" => "Answers will not name who gave them.".to_string(),
                name => format!("Answers are now recorded as given by {}.", one_line(name)),
            }])?;
        }
        Ok(())
    }

    fn help(&mut self) -> io::Result<()> {
        let mut lines = prompt::help_lines(&self.session.assessment, &self.question());
        if std::mem::replace(&mut self.told_commands, true) {
            lines.push("Type commands for the list of commands.".into());
        } else {
            lines.extend(commands_lines());
        }
        self.say(lines)
    }

    /// The next unanswered question after this one, going round. Unanswered as the progress counts it: an
    /// answer carried over from last year and not yet confirmed is still to be answered.
    fn skip(&mut self) -> io::Result<()> {
        let a = &self.session.assessment;
        let here = self.cursor.here();
        let unanswered = |(s, i): Place| !is_answered(a, &a.questionnaire().sections[s].questions[i].id);
        match self.cursor.find_after(true, |p| p != here && unanswered(p)) {
            Some(p) => self.go(p),
            None if unanswered(here) => self.say(["This is the only question left unanswered."]),
            None => self.say(["Every shown question is answered. Type report for the report."]),
        }
    }

    /// `search WORDS`: the best five questions asked with the answers so far, as the interface's `/` ranks
    /// them, numbered for `go N`.
    fn search(&mut self, words: &str) -> io::Result<()> {
        const SHOWN: usize = 5;
        let a = &self.session.assessment;
        let index = self.index.get_or_insert_with(|| crate::questionnaire::search::Index::build(a.questionnaire()));
        let ranked = index.search(words);
        let vis = &self.cursor.vis;
        let hits: Vec<_> = ranked.hits.iter().filter(|h| vis.question(h.place.0, h.place.1)).collect();
        self.found = hits.iter().take(SHOWN).map(|h| h.place).collect();
        if hits.is_empty() {
            // Hidden questions cannot be gone to, but `go ID` says which answer hides them.
            let q = a.questionnaire();
            let hidden: Vec<String> = ranked
                .hits
                .iter()
                .take(SHOWN)
                .map(|h| one_line(&q.sections[h.place.0].questions[h.place.1].id))
                .collect();
            let line = match ranked.hits.len() {
                0 => "No question asked here matches those words.".to_string(),
                1 => format!(
                    "No question asked here matches those words; 1 hidden by earlier answers does: {}. Type go and \
                     its id to hear why.",
                    hidden[0]
                ),
                n => format!(
                    "No question asked here matches those words; {n} hidden by earlier answers do{}: {}. Type go and \
                     an id to hear why.",
                    if n > SHOWN { format!(", the best {SHOWN}") } else { String::new() },
                    hidden.join(", ")
                ),
            };
            return self.say([line]);
        }
        let q = a.questionnaire();
        let mut lines = vec![format!(
            "{} found{}. Type go and a number to go there.",
            if hits.len() == 1 { "1 question".to_string() } else { format!("{} questions", hits.len()) },
            if hits.len() > SHOWN { format!("; the best {SHOWN}") } else { String::new() }
        )];
        for (n, h) in hits.iter().take(SHOWN).enumerate() {
            let (section, question) = (&q.sections[h.place.0], &q.sections[h.place.0].questions[h.place.1]);
            let partly = if ranked.is_complete(h) {
                String::new()
            } else {
                format!(" ({} of {} words)", h.matched, ranked.words)
            };
            lines.push(format!(
                "{} {}, {}{partly}: {}",
                n + 1,
                one_line(&question.id),
                one_line(&section.title),
                one_line(&question.text)
            ));
        }
        self.say(lines)
    }

    fn go_to_question(&mut self, id: &str) -> io::Result<()> {
        let q = self.session.assessment.questionnaire();
        let found = q.sections.iter().enumerate().find_map(|(s, section)| {
            section.questions.iter().position(|x| x.id.eq_ignore_ascii_case(id.trim())).map(|i| (s, i))
        });
        match found {
            Some(p) if self.cursor.vis.question(p.0, p.1) => self.go(p),
            Some((s, i)) => {
                let why = prompt::depends_on(&self.session.assessment, &self.cursor.vis, s, Some(i));
                let line = format!(
                    "Question {} is not asked with the answers so far: {why}",
                    one_line(&q.sections[s].questions[i].id)
                );
                self.say([line])
            }
            None => {
                let mut line = format!("No question has the id {}. Type list for the sections.", one_line(id));
                if !self.question().kind.has_options() {
                    line.push_str(" To answer with these words, type answer before them.");
                }
                self.say([line])
            }
        }
    }

    fn go_to_section(&mut self, which: &str) -> io::Result<()> {
        let sections = &self.session.assessment.questionnaire().sections;
        let wanted = which.trim().to_lowercase();
        let found = match wanted.parse::<usize>() {
            Ok(n) => n.checked_sub(1).filter(|&i| i < sections.len()),
            Err(_) => sections.iter().position(|s| s.title.to_lowercase().starts_with(&wanted)),
        };
        let Some(s) = found else {
            return self.say([format!(
                "There is no section {}: type a number from 1 to {}, or list.",
                one_line(which),
                sections.len()
            )]);
        };
        let first = self.cursor.shown().find(|&(si, _)| si == s);
        match first {
            Some(p) => self.go(p),
            None => {
                let title = one_line(sections[s].title.trim());
                let why = prompt::depends_on(&self.session.assessment, &self.cursor.vis, s, None);
                self.say([format!("Section {}, {title}, is not asked with the answers so far: {why}", s + 1)])
            }
        }
    }

    /// A question whose answer cannot be changed says why, and nothing changes.
    fn refused_read_only(&mut self) -> io::Result<bool> {
        match crate::assessment::model::source::read_only(&self.session.assessment, &self.question().id) {
            Some(why) => self.say([why]).map(|()| true),
            None => Ok(false),
        }
    }

    fn set_note(&mut self, text: &str) -> io::Result<()> {
        let text = if text.trim() == "-" { "" } else { text.trim() };
        if let Err(e) = check_note(text) {
            return self.say([sentence(&format!("{e}. Nothing was changed"))]);
        }
        let id = self.question().id;
        if self.session.assessment.note(&id) == text {
            return self.say(["Note unchanged."]);
        }
        if let Err(e) = self.apply(&Change::Note { question: id, note: text.to_string() }) {
            return self.say([sentence(&format!("{e}. Nothing was changed"))]);
        }
        if self.save()? {
            self.say([if text.is_empty() { "Note removed." } else { "Note saved." }])?;
        }
        Ok(())
    }

    /// A typed answer to the current question, by the core's rules; then on to the next question.
    fn answer(&mut self, text: &str, input: &mut impl BufRead) -> io::Result<Step> {
        if self.refused_read_only()? {
            return Ok(Step::Stay);
        }
        let question = self.question();
        let now = self.now();
        let was_flagged = self.session.assessment.is_flagged(&question.id);
        let shown_before = self.cursor.shown().count();
        let chosen = match question.kind {
            QuestionType::Multi => match answers::multi_answer(&question, text) {
                Ok(ids) => {
                    self.apply(&Change::typed(&question.id, &ids)).map(|_| Chosen::Answered).map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            },
            _ if question.kind.has_options() => match answers::option_number(&question, text) {
                Some(n) => {
                    let ctx = change::Ctx { now: &now, shown: Some(&self.cursor.vis) };
                    cursor::choose(&mut self.session.assessment, &question, n, ctx)
                }
                .map_err(|e| match e {
                    ChooseError::NoSuchOption { n, .. } => {
                        format!("There is no option {n}. Type {}", prompt::accepts(&question))
                    }
                    other => other.to_string(),
                }),
                None => Err(format!("Not an option here. Type {} Type ? for help.", prompt::accepts(&question))),
            },
            // What the question takes is said in plain mode's words; a profile answer that contradicts
            // another is refused in the core's, naming both.
            _ => match crate::assessment::parse_answer(&question, text) {
                // F15: a date of the right shape that the calendar lacks says which day is missing.
                Err(_) if question.kind == crate::questionnaire::QuestionType::Date => {
                    match crate::questionnaire::value::parse_date(text.trim()) {
                        Err(e @ crate::questionnaire::value::DateError::NoSuchDay { .. }) => {
                            Err(format!("Not accepted: {e}. Type {}", prompt::accepts(&question)))
                        }
                        _ => Err(format!("Not accepted. Type {}", prompt::accepts(&question))),
                    }
                }
                Err(_) => Err(format!("Not accepted. Type {}", prompt::accepts(&question))),
                Ok(_) => {
                    self.apply(&Change::typed(&question.id, text)).map(|_| Chosen::Answered).map_err(|e| e.to_string())
                }
            },
        };
        let chosen = match chosen {
            Ok(chosen) => chosen,
            Err(why) => {
                self.say([sentence(&why)])?;
                return Ok(Step::Stay);
            }
        };
        let a = &mut self.session.assessment;
        if meetings::current(a).is_some() {
            meetings::record_answered(a, &question.id);
        }
        self.cursor.recompute(&self.session.assessment);
        if !self.save()? {
            return Ok(Step::Stay);
        }
        let a = &self.session.assessment;
        let mut told = match a.value(&question.id) {
            Some(v) => format!("Saved: {}.", prompt::spoken_value(&question, v)),
            None => "Saved.".to_string(),
        };
        if !was_flagged && a.is_flagged(&question.id) {
            told.push_str(" Flagged for follow-up.");
        }
        // Answers decide which questions are asked: say when that changed.
        let shown_after = self.cursor.shown().count();
        told.push_str(&match shown_after.cmp(&shown_before) {
            std::cmp::Ordering::Greater => match shown_after - shown_before {
                1 => " 1 more question applies now.".to_string(),
                n => format!(" {n} more questions apply now."),
            },
            std::cmp::Ordering::Less => match shown_before - shown_after {
                1 => " 1 question no longer applies.".to_string(),
                n => format!(" {n} questions no longer apply."),
            },
            std::cmp::Ordering::Equal => String::new(),
        });
        self.say([told])?;
        if chosen == Chosen::AskWhyNotApplicable {
            self.say(["Say why it does not apply, on one line (auditors ask). Enter on nothing leaves it for later."])?;
            match self.read(input, NOTE_PROMPT)? {
                Line::Text(text) if !text.trim().is_empty() => {
                    self.set_note(&text)?;
                    if self.session.assessment.note(&question.id).is_empty() {
                        return Ok(Step::Stay);
                    }
                }
                Line::Text(_) => {
                    self.say(["No reason yet: type note to add one."])?;
                    return Ok(Step::Stay);
                }
                Line::TooLong(bytes) => {
                    self.too_long(bytes)?;
                    return Ok(Step::Stay);
                }
                Line::End => return Ok(Step::Quit),
                Line::Signal(n) => return Ok(Step::Signal(n)),
            }
        }
        self.advance()?;
        Ok(Step::Stay)
    }

    /// After an answer: the next shown question (the interface's rule), or say that this was the last.
    fn advance(&mut self) -> io::Result<()> {
        match self.cursor.next() {
            Some(p) => self.go(p),
            None => {
                let (_, total) = progress(&self.session.assessment, &self.cursor.vis);
                let left = total.shown - total.answered;
                self.say([match left {
                    0 => "That was the last question, and every shown question is answered. Type report for the report."
                        .to_string(),
                    n => format!(
                        "That was the last question. {n} left unanswered: type skip to go to one, or report for the report."
                    ),
                }])
            }
        }
    }

    /// The report's first page, as plain lines.
    fn report(&mut self) -> io::Result<()> {
        let params = match crate::estimate::Parameters::load(self.options.config_dir.as_deref()) {
            Ok(p) => p,
            Err(e) => return self.say([sentence(&format!("{e}; fix or remove that file to see the report"))]),
        };
        let now = self.now();
        let today = crate::clock::parse(&now).map(|t| t.date_naive()).unwrap_or_else(|_| crate::clock::today());
        let report = crate::report::Report::build(&self.session.assessment, &params, today);
        let mut lines = vec!["Report, first page.".to_string()];
        if report.sample {
            lines.push(crate::assessment::interview::sample::NOTICE.to_string());
        }
        lines.extend(crate::report::OnePage::of(&report).lines().iter().map(|l| one_line(l)));
        let coverage = crate::report::sections::coverage(&report);
        lines.extend(coverage.iter().flat_map(crate::report::sections::plain_lines).map(|l| one_line(&l)));
        lines.push(format!(
            "The whole report: soc2-ready report {}. Back to the question: type repeat.",
            shown_path(&self.session.path)
        ));
        self.say(lines)
    }

    /// End the meeting, save everything, and say where it is.
    fn finish(mut self, ending: Ending) -> io::Result<Ending> {
        let now = self.now();
        meetings::end(&mut self.session.assessment, &now);
        let path = shown_path(&self.session.path);
        // Closing the session (when it is dropped) folds the journal into the file, as the interface's does.
        match self.session.save() {
            Ok(()) => {
                let how = match ending {
                    Ending::Signal(n) => format!("Stopped by signal {n}. "),
                    _ => String::new(),
                };
                self.say([format!("{how}Every answer is saved in {path}. Carry on with: soc2-ready open {path}")])?;
                Ok(ending)
            }
            Err(e) => {
                self.say([sentence(&format!("Could not save {path}: {e}"))])?;
                Ok(Ending::Unsaved)
            }
        }
    }
}

/// The commands, one a line.
fn commands_lines() -> Vec<String> {
    let mut lines = vec!["Commands:".to_string()];
    lines.extend(COMMANDS.iter().map(|(typed, does)| format!("{typed}: {does}.")));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_messages_become_sentences() {
        assert_eq!(sentence("the headcount is a whole number, not 1.5"), "The headcount is a whole number, not 1.5.");
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence("élan\u{1b}[2J"), "Élan\\u{1b}[2J.");
        assert_eq!(sentence(""), ".");
    }

    #[test]
    fn code_marks_are_left_out_but_not_lone_backticks_or_paths() {
        assert_eq!(sentence("answered in `profile.headcount`"), "Answered in profile.headcount.");
        assert_eq!(
            sentence("run `soc2-ready restore acme` to bring it back"),
            "Run soc2-ready restore acme to bring it back."
        );
        assert_eq!(sentence("a ` alone"), "A ` alone.");
        assert_eq!(sentence("cannot read /tmp/a`b/c`d.json"), "Cannot read /tmp/a`b/c`d.json.");
        assert_eq!(sentence("``"), "``.");
    }
}
