//! What a typed line asks for: a command (a whole word, so that `n` and `y` stay answers) or an answer.

/// One typed line, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `?` or `help`: the question's help, and the commands the first time.
    Help,
    /// `commands`: every command, one a line.
    Commands,
    Next,
    /// `back` or `previous`.
    Back,
    /// The next unanswered question after this one.
    Skip,
    /// `note` alone asks for the note on the next line; `note TEXT` sets it.
    Note(Option<String>),
    Flag,
    /// `evidence` alone reads the references out; `evidence REF, REF` sets them (`-` removes them).
    Evidence(Option<String>),
    /// `who` alone says who answers are recorded as given by; `who NAME` sets it (`-`: nobody).
    Who(Option<String>),
    /// Clear the answer (for multiple choice: untick every option).
    Clear,
    /// Confirm an answer carried over from last year.
    Confirm,
    Report,
    /// `quit` or `exit`.
    Quit,
    /// `go ID`: the question with that id.
    Go(String),
    /// `section N` (or its name).
    Section(String),
    /// `search WORDS` (or `find WORDS`): the best-matching questions, numbered for `go N`.
    Search(String),
    /// `list` or `sections`: every section with its progress.
    List,
    /// Where the user is.
    Where,
    /// An empty line or `repeat`: read the question again.
    Repeat,
    /// Anything else, or what follows `answer`: an answer to the question.
    Answer(String),
}

/// The commands as the help lists them: what to type, and what it does.
pub const COMMANDS: &[(&str, &str)] = &[
    ("a number, or the answer", "answers the question and goes to the next"),
    ("?", "help for this question"),
    ("next", "the next question"),
    ("back", "the previous question"),
    ("skip", "the next question not answered yet"),
    ("note", "write a note on the next line; note TEXT sets it at once"),
    ("flag", "flag or unflag this question for follow-up"),
    ("evidence REF, REF", "record references to evidence; evidence alone reads them"),
    ("who NAME", "record answers as given by NAME; who alone says who"),
    ("clear", "clear this answer"),
    ("confirm", "confirm an answer carried over from last year"),
    ("search WORDS", "the questions that best match the words, numbered; go N goes to result N"),
    ("go ID", "the question with that id (go N: result N of the last search)"),
    ("section N", "the first question of section N"),
    ("list", "the sections, with how many questions are answered"),
    ("where", "where you are"),
    ("repeat", "read the question again, as does an empty line"),
    ("report", "the report's first page"),
    ("answer TEXT", "answer with words that are also a command"),
    ("quit", "save and stop; so does the end of input"),
];

/// Understand one typed line.
pub fn parse(line: &str) -> Command {
    let trimmed = line.trim();
    let (word, rest) = match trimmed.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, Some(rest.trim())),
        None => (trimmed, None),
    };
    let word = word.to_lowercase();
    match (word.as_str(), rest) {
        ("", _) | ("repeat", None) => Command::Repeat,
        ("?" | "help", None) => Command::Help,
        ("commands", None) => Command::Commands,
        ("next", None) => Command::Next,
        ("back" | "previous", None) => Command::Back,
        ("skip", None) => Command::Skip,
        ("note", rest) => Command::Note(rest.map(String::from)),
        ("flag", None) => Command::Flag,
        ("evidence", rest) => Command::Evidence(rest.map(String::from)),
        ("who", rest) => Command::Who(rest.map(String::from)),
        ("clear", None) => Command::Clear,
        ("confirm", None) => Command::Confirm,
        ("report", None) => Command::Report,
        ("quit" | "exit", None) => Command::Quit,
        ("go", Some(id)) => Command::Go(id.to_string()),
        ("section", Some(which)) => Command::Section(which.to_string()),
        ("search" | "find", Some(words)) => Command::Search(words.to_string()),
        ("list" | "sections", None) => Command::List,
        ("where", None) => Command::Where,
        // What follows the word, inner spacing kept.
        ("answer", Some(text)) => Command::Answer(text.to_string()),
        _ => Command::Answer(line.to_string()),
    }
}

/// What to type after a command word typed alone that needs more (`search`, `find`, `go`, `section`): said
/// instead of taking the word as the answer, which on a text question would replace the answer there.
/// `answer search` still answers with the word.
pub fn usage_of_bare(line: &str) -> Option<&'static str> {
    match line.trim().to_lowercase().as_str() {
        "search" => Some(
            "Type search and the words to look for, such as search mfa. To answer with the word itself, type answer \
             search.",
        ),
        "find" => Some(
            "Type find and the words to look for, such as find mfa. To answer with the word itself, type answer find.",
        ),
        "go" => Some(
            "Type go and a question's id, such as go access.mfa, or after a search, go and a result's number. To \
             answer with the word itself, type answer go.",
        ),
        "section" => Some(
            "Type section and a number or a name, such as section 2; list names them. To answer with the word \
             itself, type answer section.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_are_commands_and_the_rest_are_answers() {
        assert_eq!(parse("?"), Command::Help);
        assert_eq!(parse("  NEXT "), Command::Next);
        assert_eq!(parse(""), Command::Repeat);
        assert_eq!(parse("   "), Command::Repeat);
        assert_eq!(parse("note"), Command::Note(None));
        assert_eq!(parse("note  we use Okta "), Command::Note(Some("we use Okta".into())));
        assert_eq!(parse("go access.mfa"), Command::Go("access.mfa".into()));
        assert_eq!(parse("evidence IdP export, JIRA-1"), Command::Evidence(Some("IdP export, JIRA-1".into())));
        assert_eq!(parse("who"), Command::Who(None));
        assert_eq!(parse("who  Ann Lee"), Command::Who(Some("Ann Lee".into())));
        assert_eq!(parse("section 2"), Command::Section("2".into()));
        assert_eq!(parse("search  data deletion "), Command::Search("data deletion".into()));
        assert_eq!(parse("find mfa"), Command::Search("mfa".into()));
        assert_eq!(parse("search"), Command::Answer("search".into()), "alone, a word to answer with");
        assert_eq!(parse("n"), Command::Answer("n".into()), "n is no, not next");
        assert_eq!(parse("next quarter"), Command::Answer("next quarter".into()));
        assert_eq!(parse("go"), Command::Answer("go".into()));
        assert_eq!(parse("answer next"), Command::Answer("next".into()));
        assert_eq!(parse("Answer  the  CTO"), Command::Answer("the  CTO".into()));
        assert_eq!(parse("3"), Command::Answer("3".into()));
    }

    #[test]
    fn a_command_word_alone_is_told_what_it_needs() {
        assert!(usage_of_bare(" Search ").is_some_and(|u| u.starts_with("Type search and the words")));
        assert!(usage_of_bare("go").is_some() && usage_of_bare("find").is_some() && usage_of_bare("section").is_some());
        assert_eq!(usage_of_bare("go access.mfa"), None);
        assert_eq!(usage_of_bare("answer search"), None);
        assert_eq!(usage_of_bare("goal"), None);
    }

    #[test]
    fn any_text_parses() {
        for line in ["\u{1b}[2J", "ﬁ ß İ", "answer", "answer\u{3000}x", "\u{0}", "נכון"] {
            let _ = parse(line);
        }
    }
}
