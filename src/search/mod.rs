//! The one search engine the questionnaire search and the library share: how text becomes terms
//! ([`words`]: lower-casing, word splitting, one stop list, one synonym table, one stemmer, the
//! abbreviations and their phrases) and how terms are weighed ([`bm25`]). The questionnaire's search
//! (`questionnaire::search`) ranks by where in a question the terms are, with typo tolerance on top; the
//! library ranks its questions as one field with BM25.

pub mod bm25;
pub mod words;

pub use bm25::Bm25;
pub use words::tokens;
