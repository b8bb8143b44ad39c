//! A1-style cell references: `D12` is row 12, column D (the fourth).

/// The last row a worksheet can have (Excel's limit).
pub const LAST_ROW: u32 = 1_048_576;
/// The last column a worksheet can have (`XFD`).
pub const LAST_COL: u32 = 16_384;

/// A cell position, both 1-based: row 12, column 4 is `D12`.
/// Serialised as its A1 reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

/// Column letters to a 1-based number: `A` is 1, `AA` is 27. `None` for anything else.
pub fn column_number(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        let c = c.to_ascii_uppercase();
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as u32 - 'A' as u32 + 1);
    }
    (n <= LAST_COL).then_some(n)
}

/// A 1-based column number to its letters: 1 is `A`, 27 is `AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        out.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

impl CellRef {
    /// Parse `D12` or `$D$12`.
    pub fn parse(text: &str) -> Option<CellRef> {
        let text = text.trim().replace('$', "");
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        let col = column_number(letters)?;
        let row: u32 = digits.parse().ok()?;
        (1..=LAST_ROW).contains(&row).then_some(CellRef { row, col })
    }

    pub fn a1(self) -> String {
        format!("{}{}", column_letters(self.col), self.row)
    }
}

/// A rectangle of cells, inclusive: `A1:C3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Range {
    pub first: CellRef,
    pub last: CellRef,
}

impl Range {
    /// Parse `A1:C3` or a single cell `B2`.
    pub fn parse(text: &str) -> Option<Range> {
        match text.split_once(':') {
            Some((a, b)) => {
                let (a, b) = (CellRef::parse(a)?, CellRef::parse(b)?);
                Some(Range {
                    first: CellRef { row: a.row.min(b.row), col: a.col.min(b.col) },
                    last: CellRef { row: a.row.max(b.row), col: a.col.max(b.col) },
                })
            }
            None => CellRef::parse(text).map(|c| Range { first: c, last: c }),
        }
    }

    /// Every range in a space-separated list (`sqref="C3:C9 E3:E9"`).
    pub fn parse_list(text: &str) -> Vec<Range> {
        text.split_whitespace().filter_map(Range::parse).collect()
    }

    /// How many cells the range covers (no overflow, whatever the corners).
    pub fn area(&self) -> u64 {
        let rows = u64::from(self.last.row.saturating_sub(self.first.row)) + 1;
        let cols = u64::from(self.last.col.saturating_sub(self.first.col)) + 1;
        rows * cols
    }

    pub fn contains(&self, c: CellRef) -> bool {
        (self.first.row..=self.last.row).contains(&c.row) && (self.first.col..=self.last.col).contains(&c.col)
    }
}

impl serde::Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.a1())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip() {
        for (n, s) in [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16_384, "XFD")] {
            assert_eq!(column_letters(n), s);
            assert_eq!(column_number(s), Some(n));
        }
        assert_eq!(column_number("XFE"), None);
        assert_eq!(column_number("A1"), None);
    }

    #[test]
    fn references_and_ranges() {
        assert_eq!(CellRef::parse("$D$12"), Some(CellRef { row: 12, col: 4 }));
        assert_eq!(CellRef::parse("D0"), None);
        let r = Range::parse("C3:A1").unwrap();
        assert!(r.contains(CellRef { row: 2, col: 2 }));
        assert!(!r.contains(CellRef { row: 4, col: 2 }));
        assert_eq!(Range::parse_list("A1 B2:B4").len(), 2);
    }
}
