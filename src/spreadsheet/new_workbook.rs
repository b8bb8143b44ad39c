//! Writing a new XLSX workbook of our own (the vendor questionnaire sent out, and the tests' fixtures): text,
//! numbers and formulas with cached values, merged ranges, list validations (inline, or x14 extension
//! validations pointing at another sheet), hidden sheets, protection with chosen columns left unlocked, and
//! a calculation chain. A few hundred lines of XML templates keep every quirk under our control.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::cell_ref::CellRef;
use super::xml::escape;

/// A cell of a new workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum NewCell {
    Text(String),
    Number(f64),
    /// A formula with its cached text result.
    Formula {
        formula: String,
        cached: String,
    },
    /// No value, only the style (an unlocked, empty answer cell).
    Blank,
}

#[derive(Debug, Clone, Default)]
pub struct NewSheet {
    pub name: String,
    pub hidden: bool,
    pub protected: bool,
    pub cells: Vec<(CellRef, NewCell)>,
    /// Columns whose cells are unlocked (answer columns of a protected sheet).
    pub unlocked_columns: Vec<u32>,
    /// Column widths, in characters.
    pub widths: Vec<(u32, f64)>,
    pub merges: Vec<String>,
    /// Inline list validations: (sqref, values).
    pub lists: Vec<(String, Vec<String>)>,
    /// x14 extension list validations: (sqref, range formula such as `Lists!$A$1:$A$3`).
    pub x14_lists: Vec<(String, String)>,
}

impl NewSheet {
    pub fn new(name: &str) -> NewSheet {
        NewSheet { name: name.to_string(), ..NewSheet::default() }
    }

    pub fn text(&mut self, row: u32, col: u32, text: &str) -> &mut Self {
        self.cells.push((CellRef { row, col }, NewCell::Text(text.to_string())));
        self
    }

    pub fn set(&mut self, row: u32, col: u32, cell: NewCell) -> &mut Self {
        self.cells.push((CellRef { row, col }, cell));
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewWorkbook {
    pub sheets: Vec<NewSheet>,
    /// Write `<sheet ...></sheet>` instead of `<sheet .../>`, as some generators do.
    pub open_close_sheet_tags: bool,
    /// Write a calculation chain listing every formula cell.
    pub calc_chain: bool,
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Style indexes: 0 default (locked), 1 unlocked, 2 wrapped text (locked), 3 bold header (locked).
const UNLOCKED: u32 = 1;
const WRAPPED: u32 = 2;

impl NewWorkbook {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut shared: Vec<String> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut sheets_xml = Vec::new();
        let mut chain = String::new();
        for (n, sheet) in self.sheets.iter().enumerate() {
            sheets_xml.push(sheet_xml(sheet, &mut shared, &mut index));
            for (at, cell) in &sheet.cells {
                if matches!(cell, NewCell::Formula { .. }) {
                    chain.push_str(&format!("<c r=\"{}\" i=\"{}\"/>", at.a1(), n + 1));
                }
            }
        }
        let with_chain = self.calc_chain && !chain.is_empty();
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, opts).expect("writing to memory");
            zip.write_all(text.as_bytes()).expect("writing to memory");
        };
        let mut types = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
        );
        for n in 1..=self.sheets.len() {
            types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        }
        if with_chain {
            types.push_str("<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/>");
        }
        types.push_str("</Types>");
        put("[Content_Types].xml", &types);
        put(
            "_rels/.rels",
            &format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL_NS}\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        );
        let mut workbook = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        );
        let mut rels = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL_NS}\">"
        );
        for (i, sheet) in self.sheets.iter().enumerate() {
            let n = i + 1;
            let state = if sheet.hidden { " state=\"hidden\"" } else { "" };
            let close = if self.open_close_sheet_tags { "></sheet>" } else { "/>" };
            workbook.push_str(&format!(
                "<sheet name=\"{}\" sheetId=\"{n}\"{state} r:id=\"rId{n}\"{close}",
                escape(&sheet.name)
            ));
            rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        }
        let k = self.sheets.len();
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>", k + 1));
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>", k + 2));
        if with_chain {
            rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain\" Target=\"calcChain.xml\"/>", k + 3));
        }
        rels.push_str("</Relationships>");
        workbook.push_str("</sheets><calcPr calcId=\"191029\"/></workbook>");
        put("xl/workbook.xml", &workbook);
        put("xl/_rels/workbook.xml.rels", &rels);
        put(
            "xl/styles.xml",
            &format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"{MAIN_NS}\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyProtection=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/><protection locked=\"0\"/></xf><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
            ),
        );
        let mut sst = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"{MAIN_NS}\" count=\"{0}\" uniqueCount=\"{0}\">",
            shared.len()
        );
        for s in &shared {
            sst.push_str(&format!("<si><t xml:space=\"preserve\">{}</t></si>", escape(s)));
        }
        sst.push_str("</sst>");
        put("xl/sharedStrings.xml", &sst);
        for (i, xml) in sheets_xml.iter().enumerate() {
            put(&format!("xl/worksheets/sheet{}.xml", i + 1), xml);
        }
        if with_chain {
            put(
                "xl/calcChain.xml",
                &format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<calcChain xmlns=\"{MAIN_NS}\">{chain}</calcChain>"
                ),
            );
        }
        zip.finish().expect("writing to memory").into_inner()
    }
}

fn sheet_xml(
    sheet: &NewSheet,
    shared: &mut Vec<String>,
    index: &mut std::collections::HashMap<String, usize>,
) -> String {
    let mut cells = sheet.cells.clone();
    cells.sort_by_key(|(at, _)| *at);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">"
    );
    if !sheet.widths.is_empty() || !sheet.unlocked_columns.is_empty() {
        let mut cols: Vec<u32> =
            sheet.widths.iter().map(|(c, _)| *c).chain(sheet.unlocked_columns.iter().copied()).collect();
        cols.sort_unstable();
        cols.dedup();
        xml.push_str("<cols>");
        for c in cols {
            let width = sheet.widths.iter().find(|(x, _)| *x == c).map_or(12.0, |(_, w)| *w);
            let style =
                if sheet.unlocked_columns.contains(&c) { format!(" style=\"{UNLOCKED}\"") } else { String::new() };
            xml.push_str(&format!("<col min=\"{c}\" max=\"{c}\" width=\"{width}\"{style} customWidth=\"1\"/>"));
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    let mut row = 0;
    for (at, cell) in &cells {
        if at.row != row {
            if row != 0 {
                xml.push_str("</row>");
            }
            row = at.row;
            xml.push_str(&format!("<row r=\"{row}\">"));
        }
        let style = if sheet.unlocked_columns.contains(&at.col) { UNLOCKED } else { WRAPPED };
        let r = at.a1();
        match cell {
            NewCell::Text(t) => {
                let i = *index.entry(t.clone()).or_insert_with(|| {
                    shared.push(t.clone());
                    shared.len() - 1
                });
                xml.push_str(&format!("<c r=\"{r}\" s=\"{style}\" t=\"s\"><v>{i}</v></c>"));
            }
            NewCell::Number(n) => xml.push_str(&format!("<c r=\"{r}\" s=\"{style}\"><v>{n}</v></c>")),
            NewCell::Formula { formula, cached } => xml.push_str(&format!(
                "<c r=\"{r}\" s=\"{style}\" t=\"str\"><f>{}</f><v>{}</v></c>",
                escape(formula),
                escape(cached)
            )),
            NewCell::Blank => xml.push_str(&format!("<c r=\"{r}\" s=\"{style}\"/>")),
        }
    }
    if row != 0 {
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if sheet.protected {
        xml.push_str(
            "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>",
        );
    }
    if !sheet.merges.is_empty() {
        xml.push_str(&format!("<mergeCells count=\"{}\">", sheet.merges.len()));
        for m in &sheet.merges {
            xml.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
        }
        xml.push_str("</mergeCells>");
    }
    if !sheet.lists.is_empty() {
        xml.push_str(&format!("<dataValidations count=\"{}\">", sheet.lists.len()));
        for (sqref, values) in &sheet.lists {
            xml.push_str(&format!(
                "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"{sqref}\"><formula1>\"{}\"</formula1></dataValidation>",
                escape(&values.join(","))
            ));
        }
        xml.push_str("</dataValidations>");
    }
    if !sheet.x14_lists.is_empty() {
        xml.push_str(&format!("<extLst><ext uri=\"{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}\" xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\"><x14:dataValidations count=\"{}\" xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">", sheet.x14_lists.len()));
        for (sqref, formula) in &sheet.x14_lists {
            xml.push_str(&format!("<x14:dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\"><x14:formula1><xm:f>{}</xm:f></x14:formula1><xm:sqref>{sqref}</xm:sqref></x14:dataValidation>", escape(formula)));
        }
        xml.push_str("</x14:dataValidations></ext></extLst>");
    }
    xml.push_str("</worksheet>");
    xml
}
