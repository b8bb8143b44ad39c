//! What a consultant does with an assessment: walk its questions, hold meetings, list follow-ups, carry
//! it over to next year, show a sample. Uses the model and the store.

pub mod agenda;
pub mod carry_over;
pub mod cursor;
pub mod followups;
pub mod meetings;
pub mod sample;
