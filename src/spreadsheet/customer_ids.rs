//! The customer's ids are the ids people read and type (`A&A-01.1`, `DOCU-01`): an imported question is
//! shown by the id its row carries, qualified by its sheet (`Privacy!PRIV-09`) when the same id is on more
//! than one sheet; the assessment's own keys (`a-a-01.1`) stay internal, though still accepted.

use std::collections::HashMap;

use crate::assessment::Assessment;

/// Every imported question's shown id, by internal key (questions without an id of their own are absent).
pub fn shown_ids(a: &Assessment) -> HashMap<String, String> {
    let Some(source) = a.source.as_ref() else { return HashMap::new() };
    let mut count: HashMap<&str, usize> = HashMap::new();
    for cell in source.cells.values().filter(|c| !c.id_as_found.trim().is_empty()) {
        *count.entry(cell.id_as_found.trim()).or_default() += 1;
    }
    source
        .cells
        .iter()
        .filter(|(_, c)| !c.id_as_found.trim().is_empty())
        .map(|(key, c)| {
            let id = c.id_as_found.trim();
            let shown = if count[id] > 1 && !c.sheet.is_empty() { format!("{}!{id}", c.sheet) } else { id.to_string() };
            (key.clone(), shown)
        })
        .collect()
}

/// The id to show for a question: the customer's own when it has one, else the key.
pub fn shown<'a>(ids: &'a HashMap<String, String>, key: &'a str) -> &'a str {
    ids.get(key).map_or(key, String::as_str)
}

/// A customer id typed without its sheet where several sheets carry it: the id as typed and every
/// sheet-qualified id it could be (`Privacy!PRIV-09`), sorted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{}` is on more than one sheet of the customer's file; name its sheet: {}",
    crate::text::one_line(.typed),
    .choices.iter().map(|r| crate::text::one_line(r)).collect::<Vec<_>>().join(" or ")
)]
pub struct AmbiguousId {
    pub typed: String,
    pub choices: Vec<String>,
}

/// The internal key of the question the user typed: the customer's id exactly as shown, the key itself,
/// or (an error naming the choices) a customer id that repeats on several sheets without its sheet.
/// Anything else comes back unchanged, for the caller's own "no such question".
pub fn resolve(a: &Assessment, typed: &str) -> Result<String, AmbiguousId> {
    let ids = shown_ids(a);
    if let Some((key, _)) = ids.iter().find(|(_, shown)| shown.as_str() == typed) {
        return Ok(key.clone());
    }
    if a.questionnaire().question(typed).is_some() {
        return Ok(typed.to_string());
    }
    let mut repeated: Vec<String> =
        ids.into_values().filter(|shown| shown.rsplit_once('!').is_some_and(|(_, id)| id == typed)).collect();
    if repeated.len() > 1 {
        repeated.sort_unstable();
        return Err(AmbiguousId { typed: typed.to_string(), choices: repeated });
    }
    Ok(typed.to_string())
}
