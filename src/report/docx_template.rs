//! `report --format docx --template FILE.docx`: the report takes the styles (and the theme, which holds
//! the fonts and colours styles refer to) of a Word document the firm already uses, so the deliverable
//! looks like its own. A style the template does not define keeps the report's own (see
//! [`super::docx::STYLES`]), so nothing reads as plain text because a template lacks one.
//!
//! The template is untrusted input: its size, the size of the parts read from it and their XML are checked,
//! and a template that fails any check is refused with what is wrong; the report is never half-styled.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

/// The largest template read, in bytes (a Word template with a logo or two is far smaller).
pub const MAX_TEMPLATE_BYTES: u64 = 32 * 1024 * 1024;
/// The largest styles or theme part taken from a template, once uncompressed.
pub const MAX_PART_BYTES: u64 = 8 * 1024 * 1024;

const STYLES: &str = "word/styles.xml";
const THEME: &str = "word/theme/theme1.xml";
const RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a template was refused.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("the template is {0} bytes; the limit is {MAX_TEMPLATE_BYTES} bytes")]
    TooLarge(u64),
    #[error("the template is not a Word document (.docx): {0}")]
    NotDocx(String),
    #[error("the template has no styles ({STYLES}): save it from Word or LibreOffice as a .docx")]
    NoStyles,
    #[error("the template's {part} is larger than {MAX_PART_BYTES} bytes once uncompressed")]
    PartTooLarge { part: &'static str },
    #[error("the template's {part} is not valid XML: {why}")]
    BadXml { part: &'static str, why: String },
    #[error("cannot assemble the styled document: {0}")]
    Pack(String),
}

/// The report document `document` (as [`super::docx::render`] writes it) with the styles and theme of
/// `template`.
pub fn apply(document: &[u8], template: &[u8]) -> Result<Vec<u8>, TemplateError> {
    if template.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(TemplateError::TooLarge(template.len() as u64));
    }
    let mut tpl = ZipArchive::new(Cursor::new(template)).map_err(|e| TemplateError::NotDocx(e.to_string()))?;
    let their_styles = read_part(&mut tpl, STYLES)?.ok_or(TemplateError::NoStyles)?;
    let theirs = style_ids(&their_styles, STYLES)?;
    let theme = match read_part(&mut tpl, THEME)? {
        Some(theme) => {
            check_xml(&theme, THEME)?;
            Some(theme)
        }
        None => None,
    };

    let mut ours = ZipArchive::new(Cursor::new(document)).map_err(|e| TemplateError::Pack(e.to_string()))?;
    let our_styles =
        read_part(&mut ours, STYLES)?.ok_or_else(|| TemplateError::Pack("the report has no styles".into()))?;
    let merged = merge(&their_styles, &our_styles, &theirs)?;
    let with_theme = theme.is_some();
    let add: Vec<(&str, &str)> = theme.as_deref().map(|t| (THEME, t)).into_iter().collect();
    super::docx_package::rewrite(
        document,
        |name, text| match name {
            STYLES => Some(merged.clone()),
            RELS if with_theme => Some(add_theme_relationship(text)),
            CONTENT_TYPES if with_theme => Some(add_theme_content_type(text)),
            _ => None,
        },
        &add,
    )
    .map_err(TemplateError::Pack)
}

/// A part as text, `None` when the archive has no such part; never more than [`MAX_PART_BYTES`] read.
fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, part: &'static str) -> Result<Option<String>, TemplateError> {
    let file = match zip.by_name(part) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(TemplateError::NotDocx(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| TemplateError::NotDocx(format!("cannot read {part}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(TemplateError::PartTooLarge { part });
    }
    String::from_utf8(bytes).map(Some).map_err(|_| TemplateError::BadXml { part, why: "it is not UTF-8 text".into() })
}

fn check_xml(text: &str, part: &'static str) -> Result<(), TemplateError> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return Err(TemplateError::BadXml { part, why: format!("{e} at byte {}", reader.error_position()) });
            }
        }
    }
}

/// One `w:style` element: its id and where it stands in the text.
struct StyleSpan {
    id: String,
    range: std::ops::Range<usize>,
}

/// The top-level styles of a styles part, checked to be well-formed XML whose root is `w:styles` in the
/// WordprocessingML namespace (so the report's `w:` styles can be added to it as they are).
fn styles_of(text: &str, part: &'static str) -> Result<Vec<StyleSpan>, TemplateError> {
    let bad = |why: String| TemplateError::BadXml { part, why };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut root = false;
    let mut open: Option<(String, usize)> = None;
    let mut spans = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| bad(format!("{e} at byte {}", reader.error_position())))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) | Event::Empty(e) if depth == 0 => {
                let is_root = e.name().as_ref() == "w:styles"
                    && e.attributes().flatten().any(|a| a.key.as_ref() == "xmlns:w" && a.value.as_ref() == MAIN_NS);
                if root || !is_root {
                    return Err(bad(format!(
                        "its root element is not w:styles in the WordprocessingML namespace ({MAIN_NS})"
                    )));
                }
                root = true;
                if text[before..after].ends_with("/>") {
                    continue;
                }
                depth = 1;
            }
            Event::Start(e) => {
                if depth == 1 && e.name().as_ref() == "w:style" {
                    open = Some((style_id(&e), before));
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 1 && e.name().as_ref() == "w:style" => {
                spans.push(StyleSpan { id: style_id(&e), range: before..after });
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1
                    && let Some((id, start)) = open.take()
                {
                    spans.push(StyleSpan { id, range: start..after });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root {
        return Err(bad("it has no root element".into()));
    }
    Ok(spans)
}

fn style_id(e: &quick_xml::events::BytesStart<'_>) -> String {
    e.attributes().flatten().find(|a| a.key.as_ref() == "w:styleId").map(|a| a.value.into_owned()).unwrap_or_default()
}

fn style_ids(text: &str, part: &'static str) -> Result<Vec<String>, TemplateError> {
    Ok(styles_of(text, part)?.into_iter().map(|s| s.id).collect())
}

/// The template's styles part with each of the report's styles it lacks added at its end.
fn merge(theirs: &str, ours: &str, their_ids: &[String]) -> Result<String, TemplateError> {
    let missing: String = styles_of(ours, STYLES)?
        .into_iter()
        .filter(|s| !their_ids.contains(&s.id))
        .map(|s| ours[s.range].to_string())
        .collect();
    let end = theirs
        .rfind("</w:styles>")
        .ok_or(TemplateError::BadXml { part: STYLES, why: "it does not end with </w:styles>".into() })?;
    Ok(format!("{}{missing}{}", &theirs[..end], &theirs[end..]))
}

fn add_theme_relationship(rels: &str) -> String {
    let line = "<Relationship Id=\"rIdSoc2Theme\" \
                Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" \
                Target=\"theme/theme1.xml\"/>";
    insert_before(rels, "</Relationships>", line)
}

fn add_theme_content_type(types: &str) -> String {
    let line = "<Override PartName=\"/word/theme/theme1.xml\" \
                ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>";
    insert_before(types, "</Types>", line)
}

fn insert_before(text: &str, end: &str, line: &str) -> String {
    match text.rfind(end) {
        Some(at) => format!("{}{line}{}", &text[..at], &text[at..]),
        None => text.to_string(),
    }
}
