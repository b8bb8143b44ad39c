//! Everything a key can ask the interface to do. Only `App::update` acts on these.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Stop the program as the shell's Ctrl-Z does; `fg` brings it back.
    Suspend,
    ToggleHelp,
    /// Leave the current screen or dialog.
    Back,
    // Lists (home, questionnaire picker).
    Up,
    Down,
    Open,
    New,
    // The questionnaire.
    Choose(usize),
    NextQuestion,
    PreviousQuestion,
    NextSection,
    PreviousSection,
    NextUnanswered,
    NextFlagged,
    ToggleFlag,
    EditNote,
    EditAnswer,
    ClearAnswer,
    SetRespondent,
    EditEvidence,
    OpenReport,
    Search,
    // Text entry.
    Confirm,
    Cancel,
    /// Empty the field being typed in.
    ClearField,
    // The report.
    ExportMarkdown,
    ExportHtml,
    ExportJson,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    ScrollTop,
    ScrollBottom,
    // IMPORT: the answer library's suggestions, and exporting a customer's file.
    NextSuggestion,
    ApplySuggestion,
    ExportAnswers,
}

impl Action {
    /// Every action a key can be bound to by name (choosing option N is always the digits).
    pub const NAMED: [Action; 37] = [
        Action::Quit,
        Action::Suspend,
        Action::ToggleHelp,
        Action::Back,
        Action::Up,
        Action::Down,
        Action::Open,
        Action::New,
        Action::NextQuestion,
        Action::PreviousQuestion,
        Action::NextSection,
        Action::PreviousSection,
        Action::NextUnanswered,
        Action::NextFlagged,
        Action::ToggleFlag,
        Action::EditNote,
        Action::EditAnswer,
        Action::ClearAnswer,
        Action::SetRespondent,
        Action::EditEvidence,
        Action::OpenReport,
        Action::Search,
        Action::Confirm,
        Action::Cancel,
        Action::ClearField,
        Action::ExportMarkdown,
        Action::ExportHtml,
        Action::ExportJson,
        Action::ScrollDown,
        Action::ScrollUp,
        Action::PageDown,
        Action::PageUp,
        Action::ScrollTop,
        Action::ScrollBottom,
        Action::NextSuggestion,
        Action::ApplySuggestion,
        Action::ExportAnswers,
    ];

    /// The action's name in a keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::ToggleHelp => "toggle-help",
            Action::Back => "back",
            Action::Up => "up",
            Action::Down => "down",
            Action::Open => "open",
            Action::New => "new",
            Action::Choose(_) => "choose",
            Action::NextQuestion => "next-question",
            Action::PreviousQuestion => "previous-question",
            Action::NextSection => "next-section",
            Action::PreviousSection => "previous-section",
            Action::NextUnanswered => "next-unanswered",
            Action::NextFlagged => "next-flagged",
            Action::ToggleFlag => "toggle-flag",
            Action::EditNote => "edit-note",
            Action::EditAnswer => "edit-answer",
            Action::ClearAnswer => "clear-answer",
            Action::SetRespondent => "set-respondent",
            Action::EditEvidence => "edit-evidence",
            Action::OpenReport => "open-report",
            Action::Search => "search",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::ClearField => "clear-field",
            Action::ExportMarkdown => "export-markdown",
            Action::ExportHtml => "export-html",
            Action::ExportJson => "export-json",
            Action::ScrollDown => "scroll-down",
            Action::ScrollUp => "scroll-up",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::ScrollTop => "scroll-top",
            Action::ScrollBottom => "scroll-bottom",
            Action::NextSuggestion => "next-suggestion",
            Action::ApplySuggestion => "apply-suggestion",
            Action::ExportAnswers => "export-answers",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED.into_iter().find(|a| a.name() == name)
    }
}
