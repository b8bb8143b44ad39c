//! The estimate's parameters (a top-level module, below the questionnaire, whose help quotes them): built in from `assets/estimates.json`, each with its source, and changed by
//! an optional `estimates.json` in the configuration directory.
//!
//! The user file has the same shape and may name any subset of the parameters, for example
//! `{ "parameters": { "hourly_cost": { "value": 140, "source": "2025 payroll" } } }`. An unknown
//! parameter name is an error, so a typo is never silently ignored.
//!
//! Every parameter says where its figure comes from, so a reader can find it: `sources`, a list of
//! citations (`publisher`, `title`, `url` (https), `read` as YYYY-MM, optionally `published` and `says`, what
//! the source says), and/or `assumption`, what soc2-ready assumes and what that is based on. A user file
//! may give a one-line `source` instead ("quote from Acme Pentest"); a parameter it changes without one is
//! credited to the file. A parameter with none of the three, or a citation missing a field, is an error.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

/// The built-in parameters, compiled into the binary.
pub const BUILT_IN: &str = include_str!("../assets/estimates.json");
/// The name of the user's override file in the configuration directory.
pub const USER_FILE: &str = crate::paths::ESTIMATES_FILE;
/// The largest figure any parameter may have: far above any real fee, far below where arithmetic or
/// formatting loses precision.
pub const MAX_FIGURE: f64 = 1e9;
/// The only currency the figures are in.
pub const CURRENCY: &str = "USD";

/// Where a published figure comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub publisher: String,
    pub title: String,
    pub url: String,
    /// The month the figure was read, YYYY-MM.
    pub read: String,
    /// The month it was published, YYYY-MM, when the page says.
    #[serde(default)]
    pub published: Option<String>,
    /// What the source says, in short.
    #[serde(default)]
    pub says: Option<String>,
}

impl Citation {
    /// `Strac, "Title" (https://..., published 2026-05, read 2026-12): what it says`.
    pub fn line(&self) -> String {
        let published = self.published.as_ref().map(|m| format!(", published {m}")).unwrap_or_default();
        let says = self.says.as_ref().map(|s| format!(": {s}")).unwrap_or_default();
        format!("{}, \"{}\" ({}{published}, read {}){says}", self.publisher, self.title, self.url, self.read)
    }

    fn check(&self) -> Result<(), String> {
        for (field, text) in [("publisher", &self.publisher), ("title", &self.title), ("url", &self.url)] {
            if text.trim().is_empty() {
                return Err(format!("a source has an empty `{field}`"));
            }
        }
        if !self.url.starts_with("https://") || self.url.contains(char::is_whitespace) {
            return Err(format!("source URL `{}` must be a web address starting with https://", self.url));
        }
        for (field, month) in [("read", Some(&self.read)), ("published", self.published.as_ref())] {
            if let Some(m) = month
                && !is_month(m)
            {
                return Err(format!("a source's `{field}` is `{m}`; write the month as YYYY-MM"));
            }
        }
        Ok(())
    }
}

fn is_month(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(m[5..].parse::<u8>(), Ok(1..=12))
}

/// One parameter: a range (`low` to `high`; a single value has both equal), what it is, and its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawParam")]
pub struct Param {
    pub low: f64,
    pub high: f64,
    pub unit: String,
    pub label: String,
    /// Where the figure comes from, in one line: the citations and the assumption, or a user file's text.
    pub source: String,
    pub sources: Vec<Citation>,
    /// What soc2-ready assumes, and on what, when the figure is (partly) its own.
    pub assumption: Option<String>,
}

impl Param {
    pub fn value(&self) -> f64 {
        self.low
    }

    pub fn range(&self) -> [f64; 2] {
        [self.low, self.high]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    sources: Vec<Citation>,
    #[serde(default)]
    assumption: Option<String>,
}

impl TryFrom<RawParam> for Param {
    type Error = String;

    fn try_from(raw: RawParam) -> Result<Param, String> {
        let (low, high) = match (raw.value, raw.low, raw.high) {
            (Some(v), None, None) => (v, v),
            (None, Some(l), Some(h)) => (l, h),
            _ => return Err("give either `value`, or both `low` and `high`".into()),
        };
        if !low.is_finite() || !high.is_finite() || low < 0.0 || low > high {
            return Err(format!("needs 0 <= low <= high, got {low} and {high}"));
        }
        for c in &raw.sources {
            c.check()?;
        }
        let assumption = raw.assumption.filter(|a| !a.trim().is_empty());
        let source = match raw.source.filter(|s| !s.trim().is_empty()) {
            Some(s) => s,
            None => {
                let mut parts: Vec<String> = raw.sources.iter().map(Citation::line).collect();
                parts.extend(assumption.iter().cloned());
                if parts.is_empty() {
                    return Err("name where the figure comes from: `sources` (publisher, title, url, read) or \
                                an `assumption` saying what it is based on"
                        .into());
                }
                parts.join("; ")
            }
        };
        Ok(Param { low, high, unit: raw.unit, label: raw.label, source, sources: raw.sources, assumption })
    }
}

/// Every parameter the estimate reads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    pub scoping_weeks: Param,
    pub type1_audit_weeks: Param,
    pub type2_report_weeks: Param,
    pub observation_months: Param,
    pub remediation_fte: Param,
    pub shared_work_share: Param,
    pub effort_per_100_people: Param,
    pub tooling_effort_saving: Param,
    pub consultant_effort_saving: Param,
    pub work_days_per_week: Param,
    pub hours_per_day: Param,
    pub hourly_cost: Param,
    pub operating_days_per_month: Param,
    pub audit_support_days: Param,
    pub auditor_type1_boutique: Param,
    pub auditor_type1_mid_tier: Param,
    pub auditor_type1_big4: Param,
    pub auditor_type2_boutique: Param,
    pub auditor_type2_mid_tier: Param,
    pub auditor_type2_big4: Param,
    pub category_addon: Param,
    pub category_addon_privacy: Param,
    pub compliance_tooling: Param,
    pub penetration_test: Param,
    pub consultant: Param,
    pub stack_device_management: Param,
    pub stack_endpoint_detection: Param,
    pub stack_sso: Param,
    pub stack_training: Param,
    pub stack_background_checks: Param,
    pub cyber_insurance: Param,
    pub legal_review: Param,
    pub bridge_letter_days: Param,
    pub small_scope_headcount: Param,
    pub small_scope_systems: Param,
    pub large_scope_headcount: Param,
    pub large_scope_systems: Param,
    pub typical_type1_months: Param,
    pub typical_type2_months: Param,
    pub typical_cost: Param,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct ParameterError {
    pub origin: String,
    pub reason: String,
}

impl Parameters {
    /// The parameters as shipped.
    pub fn built_in() -> Parameters {
        Parameters::merged(None).expect("the built-in estimate parameters are valid (a build defect otherwise)")
    }

    /// The built-in parameters changed by the user file in `config_dir`, if there is one.
    pub fn load(config_dir: Option<&Path>) -> Result<Parameters, ParameterError> {
        let Some(path) = config_dir.map(|d| d.join(USER_FILE)).filter(|p| p.is_file()) else {
            return Ok(Parameters::built_in());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| error(&path, format!("cannot read: {e}")))?;
        Parameters::with_overrides(&text, &path)
    }

    /// The built-in parameters changed by the text of a user file (`origin` names it in errors and sources).
    pub fn with_overrides(text: &str, origin: &Path) -> Result<Parameters, ParameterError> {
        let user: Value = serde_json::from_str(text)
            .map_err(|e| error(origin, format!("line {} column {}: {e}", e.line(), e.column())))?;
        Parameters::merged(Some((&user, origin)))
    }

    fn merged(user: Option<(&Value, &Path)>) -> Result<Parameters, ParameterError> {
        let mut base: Value =
            serde_json::from_str(BUILT_IN).map_err(|e| error(Path::new("built-in"), e.to_string()))?;
        if let Some((user, origin)) = user {
            let params = base["parameters"].as_object_mut().expect("the built-in file has parameters");
            overlay(params, user, origin)?;
        }
        let origin = user.map_or(PathBuf::from("assets/estimates.json"), |(_, p)| p.to_path_buf());
        let params: Parameters =
            serde_json::from_value(base["parameters"].take()).map_err(|e| error(&origin, e.to_string()))?;
        params.check().map_err(|reason| error(&origin, reason))?;
        Ok(params)
    }

    /// The limits no file may break, so that no infinite, negative or absurd figure reaches a report:
    /// parameters that divide are above zero, shares are fractions, and no figure exceeds [`MAX_FIGURE`].
    fn check(&self) -> Result<(), String> {
        for (name, p) in self.all() {
            if p.high > MAX_FIGURE {
                return Err(format!(
                    "parameter `{name}` is {}, above the largest figure an estimate accepts ({MAX_FIGURE}); \
                     give a realistic value",
                    p.high
                ));
            }
        }
        let divisors = [
            ("remediation_fte", &self.remediation_fte, 1000.0),
            ("work_days_per_week", &self.work_days_per_week, 7.0),
            ("hours_per_day", &self.hours_per_day, 24.0),
        ];
        for (name, p, most) in divisors {
            if p.low <= 0.0 || p.high > most {
                return Err(format!(
                    "parameter `{name}` must be above 0 and at most {most} (the estimate divides by it), got {}",
                    if p.low == p.high { p.low.to_string() } else { format!("{}-{}", p.low, p.high) }
                ));
            }
        }
        let shares = [
            ("shared_work_share", &self.shared_work_share, 1.0),
            ("tooling_effort_saving", &self.tooling_effort_saving, 0.95),
            ("consultant_effort_saving", &self.consultant_effort_saving, 0.95),
        ];
        for (name, p, most) in shares {
            if p.high > most {
                return Err(format!("parameter `{name}` is a share: it must be between 0 and {most}, got {}", p.high));
            }
        }
        if self.observation_months.high > 24.0 {
            return Err(format!(
                "parameter `observation_months` must be at most 24 months, got {}",
                self.observation_months.high
            ));
        }
        Ok(())
    }

    /// Every parameter with its name, in file order.
    pub fn all(&self) -> Vec<(&'static str, &Param)> {
        vec![
            ("scoping_weeks", &self.scoping_weeks),
            ("type1_audit_weeks", &self.type1_audit_weeks),
            ("type2_report_weeks", &self.type2_report_weeks),
            ("observation_months", &self.observation_months),
            ("remediation_fte", &self.remediation_fte),
            ("shared_work_share", &self.shared_work_share),
            ("effort_per_100_people", &self.effort_per_100_people),
            ("tooling_effort_saving", &self.tooling_effort_saving),
            ("consultant_effort_saving", &self.consultant_effort_saving),
            ("work_days_per_week", &self.work_days_per_week),
            ("hours_per_day", &self.hours_per_day),
            ("hourly_cost", &self.hourly_cost),
            ("operating_days_per_month", &self.operating_days_per_month),
            ("audit_support_days", &self.audit_support_days),
            ("auditor_type1_boutique", &self.auditor_type1_boutique),
            ("auditor_type1_mid_tier", &self.auditor_type1_mid_tier),
            ("auditor_type1_big4", &self.auditor_type1_big4),
            ("auditor_type2_boutique", &self.auditor_type2_boutique),
            ("auditor_type2_mid_tier", &self.auditor_type2_mid_tier),
            ("auditor_type2_big4", &self.auditor_type2_big4),
            ("category_addon", &self.category_addon),
            ("category_addon_privacy", &self.category_addon_privacy),
            ("compliance_tooling", &self.compliance_tooling),
            ("penetration_test", &self.penetration_test),
            ("consultant", &self.consultant),
            ("stack_device_management", &self.stack_device_management),
            ("stack_endpoint_detection", &self.stack_endpoint_detection),
            ("stack_sso", &self.stack_sso),
            ("stack_training", &self.stack_training),
            ("stack_background_checks", &self.stack_background_checks),
            ("cyber_insurance", &self.cyber_insurance),
            ("legal_review", &self.legal_review),
            ("bridge_letter_days", &self.bridge_letter_days),
            ("small_scope_headcount", &self.small_scope_headcount),
            ("small_scope_systems", &self.small_scope_systems),
            ("large_scope_headcount", &self.large_scope_headcount),
            ("large_scope_systems", &self.large_scope_systems),
            ("typical_type1_months", &self.typical_type1_months),
            ("typical_type2_months", &self.typical_type2_months),
            ("typical_cost", &self.typical_cost),
        ]
    }

    /// One parameter by its name, to change it (a what-if).
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Param> {
        Some(match name {
            "scoping_weeks" => &mut self.scoping_weeks,
            "type1_audit_weeks" => &mut self.type1_audit_weeks,
            "type2_report_weeks" => &mut self.type2_report_weeks,
            "observation_months" => &mut self.observation_months,
            "remediation_fte" => &mut self.remediation_fte,
            "shared_work_share" => &mut self.shared_work_share,
            "effort_per_100_people" => &mut self.effort_per_100_people,
            "tooling_effort_saving" => &mut self.tooling_effort_saving,
            "consultant_effort_saving" => &mut self.consultant_effort_saving,
            "work_days_per_week" => &mut self.work_days_per_week,
            "hours_per_day" => &mut self.hours_per_day,
            "hourly_cost" => &mut self.hourly_cost,
            "operating_days_per_month" => &mut self.operating_days_per_month,
            "audit_support_days" => &mut self.audit_support_days,
            "auditor_type1_boutique" => &mut self.auditor_type1_boutique,
            "auditor_type1_mid_tier" => &mut self.auditor_type1_mid_tier,
            "auditor_type1_big4" => &mut self.auditor_type1_big4,
            "auditor_type2_boutique" => &mut self.auditor_type2_boutique,
            "auditor_type2_mid_tier" => &mut self.auditor_type2_mid_tier,
            "auditor_type2_big4" => &mut self.auditor_type2_big4,
            "category_addon" => &mut self.category_addon,
            "category_addon_privacy" => &mut self.category_addon_privacy,
            "compliance_tooling" => &mut self.compliance_tooling,
            "penetration_test" => &mut self.penetration_test,
            "consultant" => &mut self.consultant,
            "stack_device_management" => &mut self.stack_device_management,
            "stack_endpoint_detection" => &mut self.stack_endpoint_detection,
            "stack_sso" => &mut self.stack_sso,
            "stack_training" => &mut self.stack_training,
            "stack_background_checks" => &mut self.stack_background_checks,
            "cyber_insurance" => &mut self.cyber_insurance,
            "legal_review" => &mut self.legal_review,
            "bridge_letter_days" => &mut self.bridge_letter_days,
            "small_scope_headcount" => &mut self.small_scope_headcount,
            "small_scope_systems" => &mut self.small_scope_systems,
            "large_scope_headcount" => &mut self.large_scope_headcount,
            "large_scope_systems" => &mut self.large_scope_systems,
            "typical_type1_months" => &mut self.typical_type1_months,
            "typical_type2_months" => &mut self.typical_type2_months,
            "typical_cost" => &mut self.typical_cost,
            _ => return None,
        })
    }

    /// These parameters with one changed to `low`-`high`, checked as a file's would be.
    pub fn with_setting(&self, name: &str, low: f64, high: f64, source: &str) -> Result<Parameters, ParameterError> {
        let mut out = self.clone();
        let origin = Path::new("--set");
        let Some(p) = out.get_mut(name) else {
            return Err(error(origin, format!("unknown parameter `{}`", crate::text::one_line(name))));
        };
        if !low.is_finite() || !high.is_finite() || low < 0.0 || low > high {
            return Err(error(origin, format!("`{name}` needs 0 <= low <= high, got {low} and {high}")));
        }
        p.low = low;
        p.high = high;
        p.source = source.to_string();
        p.sources.clear();
        p.assumption = None;
        out.check().map_err(|reason| error(origin, reason))?;
        Ok(out)
    }
}

fn error(origin: &Path, reason: String) -> ParameterError {
    ParameterError { origin: origin.display().to_string(), reason }
}

/// Lay the user's parameters over the built-in ones, field by field. A changed parameter without its
/// own `source` is credited to the user's file.
fn overlay(params: &mut Map<String, Value>, user: &Value, origin: &Path) -> Result<(), ParameterError> {
    let Some(top) = user.as_object() else {
        return Err(error(origin, "expected a JSON object with a \"parameters\" object".into()));
    };
    if let Some(key) = top.keys().find(|k| !matches!(k.as_str(), "format" | "currency" | "parameters")) {
        return Err(error(origin, format!("unknown field `{}`", crate::text::one_line(key))));
    }
    if let Some(currency) = top.get("currency")
        && currency.as_str() != Some(CURRENCY)
    {
        return Err(error(
            origin,
            format!(
                "`currency` is {}, but every built-in figure is in {CURRENCY} and soc2-ready does not convert; \
                 remove `currency` or give your figures in {CURRENCY}",
                crate::text::one_line(&currency.to_string())
            ),
        ));
    }
    let Some(user_params) = top.get("parameters").and_then(Value::as_object) else {
        return Err(error(origin, "expected a \"parameters\" object".into()));
    };
    for (name, fields) in user_params {
        let Some(Value::Object(target)) = params.get_mut(name) else {
            if let Some(now) = renamed(name) {
                return Err(error(origin, format!("`{name}` is a parameter of an earlier version: {now}")));
            }
            let known: Vec<&str> = params.keys().map(String::as_str).collect();
            return Err(error(
                origin,
                format!("unknown parameter `{}`; known: {}", crate::text::one_line(name), known.join(", ")),
            ));
        };
        let Some(fields) = fields.as_object() else {
            return Err(error(origin, format!("parameter `{name}` must be an object such as {{\"value\": 1}}")));
        };
        if fields.contains_key("value") {
            target.remove("low");
            target.remove("high");
        }
        // A figure of the user's own is not the built-in sources' figure: their citations go with it.
        let figure = ["value", "low", "high"].iter().any(|k| fields.contains_key(*k));
        let cited = ["source", "sources", "assumption"].iter().any(|k| fields.contains_key(*k));
        if figure || cited {
            target.remove("sources");
            target.remove("assumption");
            target.remove("source");
        }
        if fields.contains_key("low") || fields.contains_key("high") {
            target.remove("value");
        }
        for (k, v) in fields {
            target.insert(k.clone(), v.clone());
        }
        if !target.contains_key("source") && !target.contains_key("sources") && !target.contains_key("assumption") {
            target.insert("source".into(), Value::String(format!("your file {}", origin.display())));
        }
    }
    Ok(())
}

/// Whole units with thousands separators: `30,000`. Never saturates: any finite figure prints in full.
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return "unknown".into();
    }
    let whole = x.round();
    let digits = format!("{:.0}", whole.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0.0 { format!("-{out}") } else { out }
}

/// What became of a parameter earlier versions had, for a user file that still names it.
fn renamed(name: &str) -> Option<&'static str> {
    match name {
        "security_stack_per_person" => Some(
            "the security stack is now charged tool by tool, only where the answers say it is missing: set \
             `stack_device_management`, `stack_endpoint_detection`, `stack_sso`, `stack_training` and \
             `stack_background_checks` instead",
        ),
        "effort_per_system" => Some(
            "it was dropped: no published figure gives a rise in effort per in-scope system, so systems now \
             act only through the fee range (`small_scope_systems`, `large_scope_systems`); remove it from \
             your file",
        ),
        "bridge_letter" => Some(
            "a bridge letter is written by management, not bought: set `bridge_letter_days` (person-days of \
             management's time) instead",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_parameter_has_a_source_and_a_sane_range() {
        let p = Parameters::built_in();
        for (name, param) in p.all() {
            assert!(!param.source.trim().is_empty(), "{name} has no source");
            assert!(!param.label.trim().is_empty(), "{name} has no label");
            assert!(param.low <= param.high, "{name}");
        }
        assert_eq!(p.scoping_weeks.range(), [2.0, 4.0]);
        assert_eq!(p.typical_type2_months.range(), [8.0, 14.0]);
        // Strac's first-year programme figure (May 2026), internal time included.
        assert_eq!(p.typical_cost.range(), [55000.0, 175000.0]);
    }

    /// Issue 21: every built-in parameter names where a reader can find its figure: citations with publisher,
    /// title, web address and month read, or an assumption saying what it is based on; never a vague
    /// "published guides".
    #[test]
    fn every_built_in_parameter_is_cited_or_a_stated_assumption() {
        let p = Parameters::built_in();
        for (name, param) in p.all() {
            assert!(!param.sources.is_empty() || param.assumption.is_some(), "{name} has neither");
            for c in &param.sources {
                assert!(c.url.starts_with("https://") && is_month(&c.read), "{name}: {c:?}");
                assert!(param.source.contains(&c.url), "{name}: the printed source names {}", c.url);
            }
            assert!(!param.source.contains("Published SOC 2"), "{name}: vague source {}", param.source);
        }
        // The per-system factor had no published figure behind it (issue 21: validate or drop): dropped,
        // and a user file that still sets it is told so.
        let err = Parameters::with_overrides(
            r#"{"parameters": {"effort_per_system": {"value": 0.03}}}"#,
            Path::new("mine.json"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("`effort_per_system` is a parameter of an earlier version: it was dropped"), "{err}");
        let t2 = &p.auditor_type2_boutique;
        assert_eq!(t2.range(), [25000.0, 75000.0]);
        assert!(t2.source.starts_with(
            "Strac, \"SOC 2 Audit: The Complete 2026 Guide (Process, Auditor Selection, Cost, Timeline)\" \
             (https://www.strac.io/blog/soc-2-audit, published 2026-05, read 2026-12): Audit fees: Type 2"
        ));
    }

    #[test]
    fn a_citation_missing_what_a_reader_needs_is_refused() {
        let bad = |fields: &str| {
            let text = format!(r#"{{ "parameters": {{ "consultant": {{ "low": 1, "high": 2, {fields} }} }} }}"#);
            Parameters::with_overrides(&text, Path::new("e.json")).unwrap_err().to_string()
        };
        let cite = |url: &str, read: &str| {
            format!(r#""sources": [{{ "publisher": "Acme", "title": "Fees", "url": "{url}", "read": "{read}" }}]"#)
        };
        assert!(bad(&cite("www.acme.test", "2026-05")).contains("must be a web address starting with https://"));
        assert!(bad(&cite("https://acme.test/fees", "May 2026")).contains("write the month as YYYY-MM"));
        assert!(bad(r#""sources": [{ "publisher": "Acme" }]"#).contains("missing field"));
        assert!(bad(r#""assumption": " ""#).contains("name where the figure comes from"));
        // A good citation replaces the built-in sources.
        let ok = format!(
            r#"{{ "parameters": {{ "consultant": {{ "low": 1, "high": 2, {} }} }} }}"#,
            cite("https://acme.test/fees", "2026-05")
        );
        let p = Parameters::with_overrides(&ok, Path::new("e.json")).unwrap();
        assert_eq!(p.consultant.sources.len(), 1);
        assert_eq!(p.consultant.source, "Acme, \"Fees\" (https://acme.test/fees, read 2026-05)");
        assert_eq!(p.consultant.assumption, None);
    }

    #[test]
    fn a_user_file_changes_named_parameters_and_is_credited() {
        let text = r#"{ "parameters": { "hourly_cost": { "value": 140 },
                        "penetration_test": { "low": 8000, "high": 12000, "source": "quote from Acme Pentest" } } }"#;
        let p = Parameters::with_overrides(text, Path::new("/cfg/estimates.json")).unwrap();
        assert_eq!(p.hourly_cost.value(), 140.0);
        assert_eq!(p.hourly_cost.source, "your file /cfg/estimates.json");
        assert_eq!(p.penetration_test.range(), [8000.0, 12000.0]);
        assert_eq!(p.penetration_test.source, "quote from Acme Pentest");
        assert_eq!(p.scoping_weeks, Parameters::built_in().scoping_weeks);
    }

    #[test]
    fn mistakes_in_a_user_file_are_named() {
        let bad = |text: &str| Parameters::with_overrides(text, Path::new("e.json")).unwrap_err().to_string();
        assert!(
            bad(r#"{ "parameters": { "hourly_cots": { "value": 1 } } }"#).contains("unknown parameter `hourly_cots`")
        );
        assert!(bad(r#"{ "parameters": { "consultant": { "low": 9, "high": 2 } } }"#).contains("low <= high"));
        assert!(bad(r#"{ "parameters": { "bridge_letter": { "value": 1, "source": "x" } } }"#).contains(
            "`bridge_letter` is a parameter of an earlier version: a bridge letter is written by management"
        ));
        assert!(
            bad(r#"{ "parameters": { "security_stack_per_person": { "value": 1, "source": "x" } } }"#)
                .contains("set `stack_device_management`")
        );
        assert!(bad("{ nope").starts_with("e.json: line 1"));
        assert!(bad(r#"{ "params": {} }"#).contains("unknown field `params`"));
    }
}
