//! Vendors question by question (`vendors --matrix`): one row per question, one column per vendor, each
//! cell the vendor's answer as people read it (option labels, numbers with their unit), `—` where it has
//! none. Built one assessment at a time ([`Matrix::add`]), so the store's assessments are never all in
//! memory; printed as a table that fits the terminal (vendors in blocks of columns), as CSV or as JSON.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::assessment::{Assessment, describe};
use crate::text::{one_line, spreadsheet_safe, truncate};

/// What a cell shows for a question the vendor has not answered.
pub const UNANSWERED: &str = "—";

/// One vendor's column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The organisation.
    pub vendor: String,
    /// The assessment's name, as `list` shows it.
    pub name: String,
}

/// One question's row: its answer from each vendor, in the order of the columns (`None`: not answered).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub text: String,
    pub answers: Vec<Option<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Matrix {
    pub vendors: Vec<Column>,
    pub questions: Vec<Row>,
}

impl Matrix {
    /// Add a vendor's column: its answers to the questions already there, and rows for the questions of
    /// its questionnaire not yet there (an older or a custom vendor questionnaire), in its order.
    pub fn add(&mut self, name: &str, a: &Assessment) {
        let column = self.vendors.len();
        self.vendors.push(Column { vendor: a.org.clone(), name: name.to_string() });
        for row in &mut self.questions {
            row.answers.push(None);
        }
        for (_, q) in a.questionnaire().questions() {
            let answer = a.answers().get(&q.id).and_then(|ans| ans.value.as_ref()).map(|v| describe(q, v));
            match self.questions.iter_mut().find(|r| r.id == q.id) {
                Some(row) => row.answers[column] = answer,
                None => {
                    let mut answers = vec![None; column + 1];
                    answers[column] = answer;
                    self.questions.push(Row { id: q.id.clone(), text: q.text.clone(), answers });
                }
            }
        }
    }

    /// The CSV form: `question id`, `question`, then one column per vendor; a formula-like cell is quoted
    /// so a spreadsheet shows it as text.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header = ["question id".to_string(), "question".to_string()]
            .into_iter()
            .chain(self.vendors.iter().map(|v| v.vendor.clone()));
        w.write_record(header.map(|c| spreadsheet_safe(&c).into_owned())).expect("writing to memory cannot fail");
        for row in &self.questions {
            let cells = [row.id.clone(), row.text.clone()]
                .into_iter()
                .chain(row.answers.iter().map(|a| a.clone().unwrap_or_default()));
            w.write_record(cells.map(|c| spreadsheet_safe(&c).into_owned())).expect("writing to memory cannot fail");
        }
        let bytes = w.into_inner().expect("writing to memory cannot fail");
        String::from_utf8(bytes).expect("every cell is UTF-8")
    }

    /// The table, every line ending in a newline. To a pipe (`width` `None`): the question id, every
    /// vendor's column as wide as its widest answer (up to [`CAP`]) and the question's text. To a terminal
    /// of `width` columns: the id and as many vendors as fit at [`MIN_COLUMN`] columns or more, in blocks
    /// of vendors one after the other, and the question's text when there is room left for it.
    pub fn to_text(&self, width: Option<usize>) -> String {
        let ids: Vec<String> = self.questions.iter().map(|r| one_line(&r.id)).collect();
        let id_width = ids.iter().map(|i| i.width()).max().unwrap_or(0).max("QUESTION".len());
        let natural: Vec<usize> = (0..self.vendors.len())
            .map(|c| {
                let widest = self.questions.iter().map(|r| cell(r, c).width()).max().unwrap_or(0);
                widest.max(one_line(&self.vendors[c].vendor).width()).clamp(UNANSWERED.width(), CAP)
            })
            .collect();
        let Some(width) = width else { return self.block(&ids, id_width, &natural, 0..natural.len(), Some(CAP * 2)) };
        let room = width.saturating_sub(id_width);
        // Vendors at their natural width (up to what the terminal leaves), and the question's text after them
        // when at least TEXT_MIN columns are left.
        let natural: Vec<usize> = natural.iter().map(|&w| w.min(room.saturating_sub(GAP)).max(1)).collect();
        let all: usize = natural.iter().map(|w| w + GAP).sum();
        if all + GAP + TEXT_MIN <= room {
            let text = (room - all - GAP).min(CAP * 2);
            return self.block(&ids, id_width, &natural, 0..natural.len(), Some(text));
        }
        if all <= room {
            return self.block(&ids, id_width, &natural, 0..natural.len(), None);
        }
        // Blocks of vendors that share the room evenly, each at least MIN_COLUMN wide.
        let per_block = (room / (MIN_COLUMN + GAP)).max(1);
        let mut out = String::new();
        let mut start = 0;
        while start < natural.len() {
            let end = (start + per_block).min(natural.len());
            let share = (room / (end - start)).saturating_sub(GAP).max(1);
            let widths: Vec<usize> = natural.iter().map(|&w| w.min(share)).collect();
            if start > 0 {
                out.push('\n');
            }
            out.push_str(&self.block(&ids, id_width, &widths, start..end, None));
            start = end;
        }
        out
    }

    /// The vendors `range` with the question ids, each vendor `widths[c]` wide, and the question's text in
    /// `text` columns when given.
    fn block(
        &self,
        ids: &[String],
        id_width: usize,
        widths: &[usize],
        range: std::ops::Range<usize>,
        text: Option<usize>,
    ) -> String {
        let mut header = pad("QUESTION", id_width);
        for c in range.clone() {
            header.push_str(&" ".repeat(GAP));
            header.push_str(&pad(&truncate(&one_line(&self.vendors[c].vendor), widths[c]), widths[c]));
        }
        if text.is_some() {
            header.push_str(&" ".repeat(GAP));
            header.push_str("TEXT");
        }
        let mut out = format!("{}\n", header.trim_end());
        for (row, id) in self.questions.iter().zip(ids) {
            let mut line = pad(id, id_width);
            for c in range.clone() {
                line.push_str(&" ".repeat(GAP));
                line.push_str(&pad(&truncate(&cell(row, c), widths[c]), widths[c]));
            }
            if let Some(text) = text {
                line.push_str(&" ".repeat(GAP));
                line.push_str(&truncate(&one_line(&row.text), text));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// The widest a vendor's column grows (a longer answer is cut with `…`); the question's text up to twice.
pub const CAP: usize = 30;
/// The narrowest a vendor's column gets in a terminal before the vendors go in blocks.
pub const MIN_COLUMN: usize = 12;
/// The least room for the question's text for it to be shown in a terminal.
const TEXT_MIN: usize = 20;
const GAP: usize = 2;

fn cell(row: &Row, column: usize) -> String {
    row.answers.get(column).and_then(|a| a.as_deref()).map_or_else(|| UNANSWERED.to_string(), one_line)
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> Matrix {
        let v = |vendor: &str| Column { vendor: vendor.into(), name: vendor.to_lowercase() };
        let row = |id: &str, text: &str, answers: [Option<&str>; 3]| Row {
            id: id.into(),
            text: text.into(),
            answers: answers.iter().map(|a| a.map(String::from)).collect(),
        };
        Matrix {
            vendors: vec![v("Alpha"), v("Beta"), v("Gamma Long Name Inc")],
            questions: vec![
                row("a.one", "First question?", [Some("Yes"), Some("No"), None]),
                row("a.two", "Second question?", [Some("Documented and followed"), None, Some("12 people")]),
            ],
        }
    }

    #[test]
    fn to_a_pipe_every_column_is_as_wide_as_its_widest_answer() {
        // QUESTION is 8 wide; Alpha's column 23 ("Documented and followed"), Beta's 4 (its name), Gamma's 19.
        let expected = "\
QUESTION  Alpha                    Beta  Gamma Long Name Inc  TEXT
a.one     Yes                      No    —                    First question?
a.two     Documented and followed  —     12 people            Second question?
";
        assert_eq!(matrix().to_text(None), expected);
        // 80 columns hold all three (8 + 25 + 6 + 21 = 60) but not the text (20 more): left out.
        let expected_80 =
            expected.replace("  TEXT", "").replace("  First question?", "").replace("  Second question?", "");
        assert_eq!(
            matrix().to_text(Some(80)),
            expected_80.lines().map(|l| format!("{}\n", l.trim_end())).collect::<String>()
        );
        assert_eq!(
            matrix().to_text(Some(100)).lines().next(),
            Some("QUESTION  Alpha                    Beta  Gamma Long Name Inc  TEXT")
        );
    }

    #[test]
    fn in_a_narrow_terminal_the_vendors_come_in_blocks() {
        // 40 columns: 32 after the ids, two vendors of at least 12 (+2) to a block, sharing 14 each.
        let expected = "\
QUESTION  Alpha           Beta
a.one     Yes             No
a.two     Documented an…  —

QUESTION  Gamma Long Name Inc
a.one     —
a.two     12 people
";
        assert_eq!(matrix().to_text(Some(40)), expected);
        for line in matrix().to_text(Some(40)).lines() {
            assert!(line.width() <= 40, "{line}");
        }
    }

    #[test]
    fn csv_quotes_what_a_spreadsheet_would_run() {
        let mut m = matrix();
        m.questions[0].answers[1] = Some("=HYPERLINK(\"x\")".into());
        let csv = m.to_csv();
        assert_eq!(
            csv,
            "question id,question,Alpha,Beta,Gamma Long Name Inc\n\
             a.one,First question?,Yes,\"'=HYPERLINK(\"\"x\"\")\",\n\
             a.two,Second question?,Documented and followed,,12 people\n"
        );
    }
}
