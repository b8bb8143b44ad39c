//! BM25, the ranking both searches use: a term counts more the fewer documents have it (the inverse
//! document frequency), and, in a field that has it several times, less for each repeat and less in a
//! longer field.

use std::collections::HashMap;

/// How fast repeats of a term stop counting.
pub const K1: f64 = 1.2;
/// How much a longer field lowers a term's count.
pub const B: f64 = 0.75;

/// How much a term that `df` of `n` documents have counts: a term most documents have counts little.
pub fn idf(n: usize, df: usize) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// How much a term found `tf` times in a field of `len` terms counts, where fields average `average` terms
/// (multiplied by [`idf`]).
pub fn frequency(tf: f64, len: f64, average: f64) -> f64 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / average))
}

/// Documents of one field each, as terms, ranked for the terms of a query.
#[derive(Debug, Default)]
pub struct Bm25 {
    /// For each term, the documents that have it and how often.
    postings: HashMap<String, Vec<(u32, u16)>>,
    /// Each document's length in terms.
    lengths: Vec<u16>,
    average: f64,
}

impl Bm25 {
    /// The documents' terms, in order: a document's number is its place here.
    pub fn build<I: IntoIterator<Item = Vec<String>>>(documents: I) -> Bm25 {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut lengths = Vec::new();
        for (i, terms) in documents.into_iter().enumerate() {
            lengths.push(terms.len().min(usize::from(u16::MAX)) as u16);
            let mut tf: HashMap<String, u16> = HashMap::new();
            for t in terms {
                let n = tf.entry(t).or_default();
                *n = n.saturating_add(1);
            }
            for (t, n) in tf {
                postings.entry(t).or_default().push((i as u32, n));
            }
        }
        let average = if lengths.is_empty() {
            1.0
        } else {
            lengths.iter().map(|l| f64::from(*l)).sum::<f64>() / lengths.len() as f64
        };
        Bm25 { postings, lengths, average: average.max(1.0) }
    }

    /// The best `limit` documents for the query's terms (each counted once), with their scores, best first;
    /// equal scores in document order.
    pub fn search(&self, mut query: Vec<String>, limit: usize) -> Vec<(u32, f64)> {
        let n = self.lengths.len();
        let mut scores: HashMap<u32, f64> = HashMap::new();
        query.sort();
        query.dedup();
        for t in &query {
            let Some(list) = self.postings.get(t) else { continue };
            let idf = idf(n, list.len());
            for &(doc, tf) in list {
                let len = f64::from(self.lengths[doc as usize]);
                *scores.entry(doc).or_default() += idf * frequency(f64::from(tf), len, self.average);
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_rarer_term_and_a_shorter_field_count_more() {
        // Worked by hand: n = 3, a term in one document: ln(1 + 2.5 / 1.5) = 0.9808; in all three:
        // ln(1 + 0.5 / 3.5) = 0.1335.
        assert!((idf(3, 1) - 0.980_829).abs() < 1e-6);
        assert!((idf(3, 3) - 0.133_531).abs() < 1e-6);
        // Once in a field of average length: (1 * 2.2) / (1 + 1.2) = 1.
        assert!((frequency(1.0, 4.0, 4.0) - 1.0).abs() < 1e-12);
        assert!(frequency(1.0, 2.0, 4.0) > frequency(1.0, 8.0, 4.0));
        assert!(frequency(2.0, 4.0, 4.0) < 2.0 * frequency(1.0, 4.0, 4.0));
        let index = Bm25::build([terms("vendor review"), terms("vendor"), terms("access review log")]);
        let found = index.search(terms("vendor review vendor"), 10);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(index.search(terms("nothing"), 10).is_empty());
        assert_eq!(Bm25::build(Vec::<Vec<String>>::new()).search(terms("x"), 3), []);
    }
}
