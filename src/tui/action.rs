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
}
