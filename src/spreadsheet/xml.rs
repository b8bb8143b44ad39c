//! Small helpers over quick-xml for the parts of a workbook we read: attributes by local name and text with
//! its entity references resolved.

use quick_xml::events::{BytesRef, BytesStart};

/// The value of the attribute whose local name (after any `r:` or `x14:` prefix) is `name`, unescaped.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().into_inner() == name {
            return Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default(),
            );
        }
    }
    None
}

/// The element's local name as text.
pub fn local(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_string()
}

/// What an entity reference stands for: `&amp;` is `&`, `&#10;` a line break.
pub fn entity(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    quick_xml::escape::resolve_predefined_entity(r).unwrap_or_default().to_string()
}

/// Escape text for an element's content or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            // XML 1.0 cannot carry other control characters at all.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}
