//! The findings commands: `observe` records an observation, `observations` lists them, `observation`
//! edits one, moves it along (open, remediated, verified, closed) or deletes it; `confirm` confirms
//! carried-over answers in bulk. Every change goes through `Session::apply`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use serde_json::json;

use crate::assessment::model::change::{self, Change};
use crate::assessment::model::observations::{self, ObservationFields, Status};
use crate::assessment::model::records::Observation;
use crate::assessment::model::review;
use crate::assessment::{Assessment, Session, Store, store};
use crate::text::{json_safe, one_line};
use crate::{clock, paths};

fn open(assessment: &str) -> Result<(PathBuf, Session, String)> {
    let path = Store::new(paths::store_dir().unwrap_or_default()).resolve(assessment);
    let now = clock::now();
    let session = Session::open(&path, &now)?;
    Ok((path, session, now))
}

fn shown(path: &std::path::Path) -> String {
    one_line(&path.display().to_string())
}

/// A status typed on the command line.
pub fn status_arg(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let ids: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
        format!("`{}` is not a status; use {}", one_line(text), ids.join(", "))
    })
}

/// What `observe` and `observation` may set.
#[derive(Debug, Default, Clone)]
pub struct Edit {
    pub finding: Option<String>,
    pub risk: Option<String>,
    pub recommendation: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
}

impl Edit {
    fn is_empty(&self) -> bool {
        [&self.finding, &self.risk, &self.recommendation, &self.owner, &self.due].iter().all(|x| x.is_none())
    }

    fn onto(self, mut fields: ObservationFields) -> ObservationFields {
        let set = |field: &mut String, new: Option<String>| {
            if let Some(new) = new {
                *field = new;
            }
        };
        set(&mut fields.seen, self.finding);
        set(&mut fields.risk, self.risk);
        set(&mut fields.recommendation, self.recommendation);
        set(&mut fields.owner, self.owner);
        set(&mut fields.due, self.due);
        fields
    }
}

/// `observe A QUESTION --finding TEXT ...`: prints the new observation's id.
pub fn observe(assessment: &str, question: &str, edit: Edit, by: &str) -> Result<ExitCode> {
    let (path, mut session, now) = open(assessment)?;
    let fields = edit.onto(ObservationFields::default());
    let change = Change::Observe { question: question.to_string(), fields, by: by.to_string() };
    session.apply(&change, &now).map_err(|e| anyhow!("{}: {e}", shown(&path)))?;
    let id = session.assessment.observations.last().map(|o| o.id.clone()).unwrap_or_default();
    println!("{}: {id} recorded on {} (open)", shown(&path), one_line(question));
    Ok(ExitCode::SUCCESS)
}

/// `observation A ID [--status S] [--finding ...] [--delete]`: without changes, shows it.
pub fn observation(
    assessment: &str,
    id: &str,
    edit: Edit,
    status: Option<Status>,
    delete: bool,
    by: &str,
) -> Result<ExitCode> {
    let (path, mut session, now) = open(assessment)?;
    let Some(o) = session.assessment.observations.iter().find(|o| o.id == id).cloned() else {
        bail!(
            "{}: there is no observation `{}`; `soc2-ready observations {}` lists them",
            shown(&path),
            one_line(id),
            one_line(assessment)
        );
    };
    let fail = |e| anyhow!("{}: {e}", shown(&path));
    if delete {
        if status.is_some() || !edit.is_empty() {
            bail!("--delete deletes the observation: give it alone, without --status or changes");
        }
        session.apply(&Change::DeleteObservation { id: id.to_string() }, &now).map_err(fail)?;
        println!("{}: {} deleted", shown(&path), one_line(id));
        return Ok(ExitCode::SUCCESS);
    }
    if edit.is_empty() && status.is_none() {
        print!("{}", describe(&o));
        return Ok(ExitCode::SUCCESS);
    }
    if !edit.is_empty() {
        let fields = edit.onto(ObservationFields::of(&o));
        session.apply(&Change::EditObservation { id: id.to_string(), fields }, &now).map_err(fail)?;
    }
    if let Some(status) = status {
        let change = Change::ObservationStatus { id: id.to_string(), status, by: by.to_string() };
        session.apply(&change, &now).map_err(fail)?;
    }
    let now_status = session.assessment.observations.iter().find(|o| o.id == id).map_or(o.status, |o| o.status);
    println!("{}: {} saved ({})", shown(&path), one_line(id), now_status.id());
    Ok(ExitCode::SUCCESS)
}

/// One observation, a line each for what it says and for each change of status.
fn describe(o: &Observation) -> String {
    let mut out =
        format!("{}  {}  {}\n  {}\n", one_line(&o.id), o.status.id(), one_line(&o.question), one_line(&o.seen));
    for (label, value) in
        [("risk", &o.risk), ("recommendation", &o.recommendation), ("owner", &o.owner), ("due", &o.due)]
    {
        if !value.is_empty() {
            out.push_str(&format!("  {label}: {}\n", one_line(value)));
        }
    }
    let by = |by: &str| if by.is_empty() { String::new() } else { format!(" by {}", one_line(by)) };
    out.push_str(&format!("  recorded{} at {}\n", by(&o.by), crate::clock::shown(&o.created_at)));
    for h in &o.history {
        out.push_str(&format!("  {}{} at {}\n", h.status.id(), by(&h.by), crate::clock::shown(&h.at)));
    }
    out
}

/// `observations A [--status S] [--json]`: in questionnaire order.
pub fn list(assessment: &str, status: Option<Status>, as_json: bool) -> Result<ExitCode> {
    let path = Store::new(paths::store_dir().unwrap_or_default()).resolve(assessment);
    let a: Assessment = store::read(&path)?;
    let list = observations::in_order(&a, status);
    if as_json {
        let text = serde_json::to_string_pretty(&json!(list)).expect("observations always serialise");
        println!("{}", json_safe(text));
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        let which = status.map_or(String::new(), |s| format!(" {}", s.id()));
        println!("No{which} observations in {}.", shown(&path));
        return Ok(ExitCode::SUCCESS);
    }
    for o in list {
        let mut line =
            format!("{:<7} {:<10} {}  {}", one_line(&o.id), o.status.id(), one_line(&o.question), one_line(&o.seen));
        if !o.owner.is_empty() {
            line.push_str(&format!(" · owner {}", one_line(&o.owner)));
        }
        if !o.due.is_empty() {
            line.push_str(&format!(" · due {}", one_line(&o.due)));
        }
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `confirm A [--section S | --all]`: every carried-over answer in scope confirmed through the checks every
/// change passes, then saved once.
pub fn confirm(assessment: &str, section: Option<&str>) -> Result<ExitCode> {
    let (path, mut session, now) = open(assessment)?;
    let Some(ids) = review::to_confirm_in(&session.assessment, section) else {
        let ids: Vec<String> = session.assessment.questionnaire().sections.iter().map(|s| one_line(&s.id)).collect();
        bail!(
            "{}: there is no section `{}`; the sections are {}",
            shown(&path),
            one_line(section.unwrap_or_default()),
            ids.join(", ")
        );
    };
    let before = session.assessment.clone();
    for id in &ids {
        if let Err(e) =
            change::apply(&mut session.assessment, &Change::Confirm { question: id.clone() }, change::Ctx::at(&now))
        {
            session.assessment = before;
            bail!("{}: {e}", shown(&path));
        }
    }
    if !ids.is_empty() {
        session.save()?;
    }
    let left = review::review_counts(&session.assessment).to_confirm;
    let scope = section.map_or(String::new(), |s| format!(" in {}", one_line(s)));
    let n = ids.len();
    println!(
        "{}: confirmed {n} carried-over answer{}{scope}; {left} left to confirm",
        shown(&path),
        if n == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}
