//! Query parameters, validated: a bad value is a 400 naming the parameter; an unknown
//! parameter is refused rather than ignored, so a typo does not silently widen a query.

use std::collections::HashMap;

use chrono::NaiveDate;
use dyad_model::{EventType, Modality};
use dyad_store::{EventFilter, EventSort};

use crate::ApiError;

/// The event filters every event endpoint takes (the `dyad events` filters).
pub(crate) const FILTERS: &[&str] = &[
    "actor",
    "recipient",
    "type",
    "mode",
    "since",
    "until",
    "source",
    "min_sources",
    "text",
    "modality",
    "certain",
];

pub(crate) const MAX_LIMIT: usize = 500;

pub(crate) struct Params {
    values: HashMap<String, String>,
}

impl Params {
    /// Checks that every parameter is one of `allowed`.
    pub(crate) fn new(
        values: HashMap<String, String>,
        allowed: &[&[&str]],
    ) -> Result<Params, ApiError> {
        for key in values.keys() {
            if !allowed.iter().any(|set| set.contains(&key.as_str())) {
                return Err(ApiError::bad_field(key, format!("unknown parameter `{key}`")));
            }
        }
        Ok(Params { values })
    }

    pub(crate) fn text(&self, name: &str, max_len: usize) -> Result<Option<String>, ApiError> {
        match self.values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) if v.chars().count() > max_len => {
                Err(ApiError::bad_field(name, format!("longer than {max_len} characters")))
            }
            Some(v) => Ok(Some(v.to_string())),
        }
    }

    /// An actor or country code: letters and digits.
    pub(crate) fn code(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name, 16)? else { return Ok(None) };
        if !v.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ApiError::bad_field(
                name,
                format!("`{v}` is not a code (letters and digits, like RUS)"),
            ));
        }
        Ok(Some(v.to_ascii_uppercase()))
    }

    /// A date bound: YYYY-MM-DD, or a month (YYYY-MM) or year (YYYY), which stands for its
    /// first day as a start and its last day as an `end`.
    pub(crate) fn date(&self, name: &str, end: bool) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.text(name, 10)? else { return Ok(None) };
        dyad_model::calendar::date_bound(&v, end).map(Some).ok_or_else(|| {
            ApiError::bad_field(name, format!("`{v}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
        })
    }

    pub(crate) fn number(
        &self,
        name: &str,
        min: usize,
        max: usize,
    ) -> Result<Option<usize>, ApiError> {
        let Some(v) = self.text(name, 12)? else { return Ok(None) };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_field(
                name,
                format!("`{v}` is not a whole number from {min} to {max}"),
            )),
        }
    }

    /// A yes/no parameter: `1`, `true`, `yes` or `on` (what a checked checkbox sends), or
    /// `0`, `false`, `no`, `off`; absent or empty is no.
    pub(crate) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name, 8)?.map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(v) => Err(ApiError::bad_field(name, format!("`{v}` is not yes or no (1 or 0)"))),
        }
    }

    pub(crate) fn choice(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name, 32)? else { return Ok(None) };
        if allowed.contains(&v.as_str()) {
            Ok(Some(v))
        } else {
            Err(ApiError::bad_field(name, format!("`{v}` is not one of {}", allowed.join(", "))))
        }
    }

    /// The event filters as an [`EventFilter`] (without limit, offset and sort).
    pub(crate) fn filter(&self) -> Result<EventFilter, ApiError> {
        let event_type = match self.text("type", 16)? {
            Some(t) => Some(
                t.to_ascii_uppercase()
                    .parse::<EventType>()
                    .map_err(|e| ApiError::bad_field("type", e.to_string()))?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        };
        let mode = match self.text("mode", 32)? {
            Some(m) if m.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
                Some(m)
            }
            Some(m) => {
                return Err(ApiError::bad_field("mode", format!("`{m}` is not a PLOVER mode")))
            }
            None => None,
        };
        let (since, until) = (self.date("since", false)?, self.date("until", true)?);
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(ApiError::bad_field("until", "is before `since`"));
            }
        }
        let modality = match self.text("modality", 16)? {
            Some(m) => Some(
                m.parse::<Modality>()
                    .map_err(|e| ApiError::bad_field("modality", e))?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        };
        Ok(EventFilter {
            actor: self.code("actor")?,
            recipient: self.code("recipient")?,
            event_type,
            mode,
            since: since.map(|d| d.to_string()),
            until: until.map(|d| d.to_string()),
            source: self.text("source", 200)?,
            min_sources: self.number("min_sources", 1, 1_000_000)?,
            text: self.text("text", 200)?,
            modality,
            certain: self.flag("certain")?,
            ..EventFilter::default()
        })
    }

    /// `limit` (default `default`, at most [`MAX_LIMIT`]), `offset`, `sort`.
    pub(crate) fn paging(&self, default: usize) -> Result<(usize, usize, EventSort), ApiError> {
        let limit = self.number("limit", 1, MAX_LIMIT)?.unwrap_or(default);
        let offset = self.number("offset", 0, usize::MAX / 2)?.unwrap_or(0);
        let sort = match self.choice("sort", &["date", "-date", "sources", "mentions"])?.as_deref()
        {
            Some("date") => EventSort::DateAsc,
            Some("sources") => EventSort::SourcesDesc,
            Some("mentions") => EventSort::MentionsDesc,
            _ => EventSort::DateDesc,
        };
        Ok((limit, offset, sort))
    }
}
