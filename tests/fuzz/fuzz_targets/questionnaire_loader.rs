//! The questionnaire loader on arbitrary bytes: it may refuse them, it must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_ready::questionnaire::{parse, validate::validate};

fuzz_target!(|data: &[u8]| {
    // `load_file` refuses bytes that are not UTF-8 before parsing; the rest goes to `parse`.
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(q) = parse(text, "fuzz.json") {
        // Whatever loads is valid, and writes back to a file that loads again, unchanged.
        assert!(validate(&q).is_empty(), "a loaded questionnaire is valid");
        let again = serde_json::to_string(&q).expect("a questionnaire serialises");
        let back = parse(&again, "again.json").expect("what loaded once loads again");
        assert_eq!(back, q);
    }
});
