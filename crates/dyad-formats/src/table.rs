//! Delimited files (tab- or comma-separated), read row by row with their line numbers and,
//! where the file has one, columns found by header name.

use std::collections::HashMap;
use std::io::{self, Read};

use chrono::NaiveDate;

use crate::rows::{Record, Records, MAX_ROW_BYTES};
use crate::RowError;

/// A header's column names, normalised (lower case, letters and digits only) so that
/// `Event ID`, `event_id` and `EventID` are one name.
pub(crate) struct Header {
    index: HashMap<String, usize>,
}

fn normalise(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

impl Header {
    fn new(names: &[String]) -> Header {
        let mut index = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            index.entry(normalise(n)).or_insert(i);
        }
        Header { index }
    }

    /// The column of the first of `names` the header has.
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.index.get(&normalise(n)).copied())
    }

    /// Like [`Header::find`], but a missing column makes the whole file unreadable.
    pub(crate) fn require(&self, names: &[&str]) -> io::Result<usize> {
        self.find(names).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the header has no `{}` column", names[0]),
            )
        })
    }
}

/// One row: the 1-based line it starts on (blank lines just before it count as its start)
/// and its fields (invalid UTF-8 replaced).
pub(crate) struct Fields {
    pub line: u64,
    pub values: Vec<String>,
}

impl Fields {
    /// The field at `column`, trimmed; empty when the row is short.
    pub(crate) fn get(&self, column: Option<usize>) -> &str {
        column.and_then(|c| self.values.get(c)).map_or("", |v| v.trim())
    }

    /// The field at `column`, which must not be empty (`field` names it in the error).
    pub(crate) fn required(&self, column: usize, field: &str) -> Result<&str, RowError> {
        let value = self.get(Some(column));
        if value.is_empty() {
            return Err(RowError::new(self.line, field, "empty"));
        }
        Ok(value)
    }

    /// The date at `column`, in any form [`crate::parse_date`] reads, and plausible.
    pub(crate) fn date(&self, column: usize, field: &str) -> Result<NaiveDate, RowError> {
        let text = self.get(Some(column));
        let date = crate::parse_date(text)
            .ok_or_else(|| RowError::new(self.line, field, format!("`{text}` is not a date")))?;
        crate::plausible(self.line, field, date)
    }

    /// The field at `column` when it is not empty.
    pub(crate) fn optional(&self, column: Option<usize>) -> Option<String> {
        Some(self.get(column)).filter(|v| !v.is_empty()).map(str::to_string)
    }

    /// The event's location: the non-empty `parts` joined ("Kharkiv, Kharkivska"), in the
    /// country named by `country` (a code or a name), with coordinates when given.
    pub(crate) fn location(
        &self,
        parts: &[Option<usize>],
        country: &str,
        (lat, lon): (Option<usize>, Option<usize>),
        feature: &str,
        resolver: crate::EntityResolver<'_>,
    ) -> Option<dyad_model::Location> {
        let place: Vec<&str> =
            parts.iter().map(|c| self.get(*c)).filter(|p| !p.is_empty()).collect();
        if place.is_empty() {
            return None;
        }
        let place = place.join(", ");
        Some(dyad_model::Location {
            extracted_place: place.clone(),
            resolved_place: place,
            country_code: resolver.country(country).unwrap_or_default(),
            lat: self.get(lat).parse().ok(),
            lon: self.get(lon).parse().ok(),
            feature: feature.to_string(),
        })
    }
}

pub(crate) struct Delimited<R: Read> {
    records: Records<R>,
    delimiter: u8,
    quoting: bool,
    /// The current record's bytes (at most `MAX_ROW_BYTES`).
    buf: Vec<u8>,
    record: csv::ByteRecord,
}

impl<R: Read> Delimited<R> {
    /// `quoting` false for formats that never quote (GDELT, ICEWS, POLECAT): a stray `"`
    /// in a name must not swallow the following lines.
    pub(crate) fn new(input: R, delimiter: u8, quoting: bool) -> Delimited<R> {
        Delimited {
            records: Records::new(input, delimiter, quoting, MAX_ROW_BYTES),
            delimiter,
            quoting,
            buf: Vec::new(),
            record: csv::ByteRecord::new(),
        }
    }

    /// The next row, `None` at the end; blank lines are skipped, and a row longer than
    /// `MAX_ROW_BYTES` is an error naming its line.
    pub(crate) fn next_row(&mut self) -> Option<io::Result<Result<Fields, RowError>>> {
        loop {
            let line = match self.records.next(&mut self.buf) {
                Ok(None) => return None,
                Ok(Some(Record::Read { line })) => line,
                Ok(Some(Record::TooLong { line, bytes })) => {
                    let message =
                        format!("a row of {bytes} bytes, longer than the limit of {MAX_ROW_BYTES}");
                    return Some(Ok(Err(RowError::new(line, "row", message))));
                }
                Err(e) => return Some(Err(e)),
            };
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let values = if self.quoting {
                // One record, already split off by `Records`; `csv` undoes its quoting.
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(self.delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(&self.buf[..]);
                match reader.read_byte_record(&mut self.record) {
                    Ok(_) => self
                        .record
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                    Err(e) => {
                        return Some(Ok(Err(RowError::new(line, "row", format!("{:?}", e.kind())))))
                    }
                }
            } else {
                let row = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
                let row = row.strip_suffix(b"\r").unwrap_or(row);
                row.split(|&b| b == self.delimiter)
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            };
            return Some(Ok(Ok(Fields { line, values })));
        }
    }

    /// Reads the first row as the header.
    pub(crate) fn header(&mut self) -> io::Result<Header> {
        match self.next_row() {
            Some(Ok(Ok(fields))) => {
                let mut names = fields.values;
                if let Some(first) = names.first_mut() {
                    // A byte-order mark from spreadsheet exports.
                    *first = first.trim_start_matches('\u{feff}').to_string();
                }
                Ok(Header::new(&names))
            }
            Some(Ok(Err(e))) => {
                Err(io::Error::new(io::ErrorKind::InvalidData, format!("header {e}")))
            }
            Some(Err(e)) => Err(e),
            None => Err(io::Error::new(io::ErrorKind::InvalidData, "the file is empty")),
        }
    }
}

/// The rows of a file with a header: `columns` finds the columns in the header (a missing
/// required column ends reading with an error), `row` converts each row.
pub(crate) fn with_header<'a, R, C>(
    mut table: Delimited<R>,
    columns: impl Fn(&Header) -> io::Result<C> + 'a,
    row: impl Fn(&Fields, &C) -> Result<crate::ImportRow, crate::RowError> + 'a,
) -> impl Iterator<Item = io::Result<crate::Row>> + 'a
where
    R: Read + 'a,
    C: 'a,
{
    let mut found: Option<C> = None;
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        if found.is_none() {
            match table.header().and_then(|h| columns(&h)) {
                Ok(c) => found = Some(c),
                Err(e) => {
                    failed = true;
                    return Some(Err(e));
                }
            }
        }
        let c = found.as_ref()?;
        let fields = match table.next_row()? {
            Ok(Ok(f)) => f,
            Ok(Err(e)) => return Some(Ok(crate::Row::Skipped(e))),
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(match row(&fields, c) {
            Ok(record) => crate::Row::Record(Box::new(record)),
            Err(e) => crate::Row::Skipped(e),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_headers_and_quotes() {
        let text = "Event ID,Name\n1,\"a, b\"\n\n2,\"two\nlines\"\n3,c\n";
        let mut t = Delimited::new(text.as_bytes(), b',', true);
        let h = t.header().unwrap();
        assert_eq!(h.find(&["event_id"]), Some(0));
        assert!(h.require(&["missing"]).is_err());
        let rows: Vec<Fields> =
            std::iter::from_fn(|| t.next_row()).map(|r| r.unwrap().unwrap()).collect();
        // Each row is reported at the line it starts on, blank lines before it not counted.
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4, 6]);
        assert_eq!(rows[0].get(Some(1)), "a, b");
        assert_eq!(rows[1].get(Some(1)), "two\nlines");
        assert_eq!(rows[2].get(Some(7)), "");
    }
}
