//! JSONL documents: one JSON object per line with `id`, `text` or `html`, and optionally
//! `date`, `title`, `url`, `author`, `outlet`, `language`.

use dyad_model::Document;
use serde_json::Value;

use crate::{parse_text, reference, IngestError};

/// The fields of one JSONL input record.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonlRecord {
    pub document: Document,
    /// Whether the record carried a `date` (it may still be invalid: see `bad_date`).
    pub bad_date: Option<String>,
    /// What parsing the record's `html` had to do (see [`crate::Parsed::warning`]).
    pub warning: Option<String>,
}

/// Parses line `line_no` (1-based, for messages) of a JSONL file into a document.
pub fn parse_jsonl_line(line: &str, line_no: usize) -> Result<JsonlRecord, IngestError> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| IngestError::Json { line: line_no, message: e.to_string() })?;
    let Value::Object(map) = value else {
        return Err(IngestError::Json { line: line_no, message: "expected a JSON object".into() });
    };
    let string = |key: &'static str| -> Result<Option<String>, IngestError> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
            Some(_) => Err(IngestError::Field {
                line: line_no,
                field: key,
                message: "expected a string".into(),
            }),
        }
    };
    let id = string("id")?.unwrap_or_else(|| format!("line-{line_no}"));
    let mut warning = None;
    let mut document = match (string("text")?, string("html")?) {
        (Some(text), _) => parse_text(&id, &text),
        (None, Some(html)) => {
            let (document, deep) = crate::html::parse_html_noting(&id, &html);
            warning = deep;
            document
        }
        (None, None) => {
            return Err(IngestError::Field {
                line: line_no,
                field: "text",
                message: "missing (give `text` or `html`)".into(),
            })
        }
    };
    document.id = id;
    let mut bad_date = None;
    if let Some(date) = string("date")?.or(string("published")?) {
        match reference::parse_date(&date) {
            Some(d) => document.date = Some(d),
            None => bad_date = Some(date),
        }
    }
    if let Some(title) = string("title")? {
        document.title = Some(title);
    }
    if let Some(url) = string("url")? {
        document.url = Some(url);
    }
    if let Some(author) = string("author")? {
        document.author = Some(author);
    }
    if let Some(outlet) = string("outlet")?.or(string("source")?) {
        document.outlet = Some(outlet);
    }
    if let Some(language) = string("language")? {
        document.language = Some(language);
    }
    Ok(JsonlRecord { document, bad_date, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_reports_errors() {
        let rec = parse_jsonl_line(
            r#"{"id": 7, "text": "Kim met Putin.", "date": "2024-06-19", "title": "T"}"#,
            1,
        )
        .unwrap();
        assert_eq!(rec.document.id, "7");
        assert_eq!(rec.document.text, "Kim met Putin.");
        assert_eq!(rec.document.date.unwrap().to_string(), "2024-06-19");
        let err = parse_jsonl_line(r#"{"id": "x"}"#, 3).unwrap_err();
        assert_eq!(err.to_string(), "line 3: field `text`: missing (give `text` or `html`)");
        assert!(matches!(parse_jsonl_line("{not json", 4), Err(IngestError::Json { line: 4, .. })));
        let err = parse_jsonl_line(r#"{"text": 5}"#, 9).unwrap_err();
        assert_eq!(err.to_string(), "line 9: field `text`: expected a string");
        let rec = parse_jsonl_line(r#"{"text": "A b.", "date": "someday"}"#, 2).unwrap();
        assert_eq!(rec.bad_date.as_deref(), Some("someday"));
    }
}
