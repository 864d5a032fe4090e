//! The event data formats the field already uses, read into dyad's event model and written
//! from it: GDELT 2.0 event exports, ICEWS, POLECAT and ACLED files, and PLOVER JSONL are
//! read row by row into [`ImportRow`]s (an [`Event`] plus the dataset's own row id and
//! source);
//! [`gdelt::write`] writes merged events as a GDELT-style table and [`parquet`] as Apache
//! Parquet; [`evidence::Qualifiers`] is what every export keeps of an event's evidence
//! (modality, hedge, attribution, figure, date precision).
//!
//! ```
//! use dyad_formats::{Dataset, Row};
//! let line = r#"{"event": "AID", "actor": "PRK", "recipient": "RUS", "date": "2024-06-19"}"#;
//! let lexicon = dyad_lexicon::Lexicon::builtin();
//! let rows: Vec<Row> = dyad_formats::read(Dataset::Plover, line.as_bytes(), lexicon)
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! let Row::Record(record) = &rows[0] else { panic!() };
//! assert_eq!(record.event.quad_code, 2);
//! ```
//!
//! Readers never fail on a bad row: it comes back as [`Row::Skipped`] with its line and
//! field, and reading goes on. Only an unreadable input (I/O, a broken zip) is an error.
//! Country names (ICEWS, ACLED) are resolved with the lexicon; CAMEO codes are mapped to
//! PLOVER with the official conversion table (`dyad_model::from_cameo`).
//!
//! Not here: the store's transactions (the CLI hands rows to `dyad-store`).

pub mod acled;
mod entity;
pub mod evidence;
pub mod gdelt;
pub mod icews;
pub mod parquet;
pub mod plover;
pub mod polecat;
mod rows;
mod table;

use std::fmt;
use std::io::{self, Read};

use dyad_lexicon::Lexicon;
use dyad_model::{Event, EventType, Modality, TextInfo};
pub use dyad_store::ImportRow;

pub use entity::EntityResolver;
pub use rows::{MAX_ROW_BYTES, MAX_TEXT_BYTES};

/// A dataset format `dyad import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// GDELT 2.0 event export: tab-separated, 61 columns, no header.
    Gdelt,
    /// ICEWS coded event data: tab-separated with a header.
    Icews,
    /// POLECAT (PLOVER-coded) weekly files: tab-separated with a header.
    Polecat,
    /// ACLED: comma-separated with a header.
    Acled,
    /// PLOVER JSONL: dyad's own output or records with only event, actor, recipient, date.
    Plover,
    /// Apache Parquet with the columns of `dyad export --format parquet` (or Spark's
    /// `spark/dyad_code.py`).
    Parquet,
}

impl Dataset {
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Gdelt => "gdelt",
            Dataset::Icews => "icews",
            Dataset::Polecat => "polecat",
            Dataset::Acled => "acled",
            Dataset::Plover => "plover",
            Dataset::Parquet => "parquet",
        }
    }
}

/// A row that could not be read, and why. The line is the file's physical line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: field `{field}`: {message}")]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub message: String,
}

impl RowError {
    pub(crate) fn new(line: u64, field: &str, message: impl fmt::Display) -> RowError {
        RowError { line, field: field.to_string(), message: message.to_string() }
    }
}

/// What a reader yields per row.
#[derive(Debug, Clone)]
pub enum Row {
    Record(Box<ImportRow>),
    Skipped(RowError),
}

/// Reads `input` (the bytes of one file, already unzipped) as `dataset`, lazily: one item
/// per row, an `Err` only for an I/O error.
pub fn read<'a, R: Read + 'a>(
    dataset: Dataset,
    input: R,
    lexicon: &'a Lexicon,
) -> Box<dyn Iterator<Item = io::Result<Row>> + 'a> {
    let resolver = EntityResolver::new(lexicon);
    match dataset {
        Dataset::Gdelt => Box::new(gdelt::read(input, resolver)),
        Dataset::Icews => Box::new(icews::read(input, resolver)),
        Dataset::Polecat => Box::new(polecat::read(input, resolver)),
        Dataset::Acled => Box::new(acled::read(input, resolver)),
        Dataset::Plover => Box::new(plover::read(input, resolver)),
        Dataset::Parquet => Box::new(parquet::read(input, resolver)),
    }
}

/// Opens a file for [`read`]: a `.zip` archive yields its first file (GDELT publishes its
/// exports zipped), anything else its own bytes. Both are streamed: a small archive that
/// unpacks to gigabytes is read row by row like any file, never held whole.
pub fn open(path: &std::path::Path) -> io::Result<Box<dyn Read>> {
    use std::io::{Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !is_zip {
        return Ok(Box::new(io::BufReader::with_capacity(1 << 16, file)));
    }
    let broken = |e: zip::result::ZipError| {
        io::Error::new(io::ErrorKind::InvalidData, format!("empty or broken zip archive: {e}"))
    };
    // The archive's directory says where the first entry's data is and how it is packed; the
    // entry is then read from the file directly, because a reader borrowed from the archive
    // could not outlive this function.
    let (start, packed_size, method) = {
        let mut archive = zip::ZipArchive::new(io::BufReader::new(&mut file)).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("not a zip archive: {e}"))
        })?;
        let entry = archive.by_index(0).map_err(broken)?;
        (entry.data_start(), entry.compressed_size(), entry.compression())
    };
    file.seek(SeekFrom::Start(start))?;
    let packed = io::BufReader::with_capacity(1 << 16, file).take(packed_size);
    match method {
        zip::CompressionMethod::Stored => Ok(Box::new(packed)),
        zip::CompressionMethod::Deflated => Ok(Box::new(flate2::read::DeflateDecoder::new(packed))),
        other => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("zip entry compressed with {other}, which dyad does not read (only deflate)"),
        )),
    }
}

/// An event with the PLOVER-derived fields (quad code, intensity, CAMEO) filled in, no
/// evidence text, and `rule` naming the import.
pub(crate) fn imported_event(
    dataset: Dataset,
    key: &str,
    event: EventType,
    mode: Vec<String>,
    actor: Vec<dyad_model::Entity>,
    recipient: Vec<dyad_model::Entity>,
    date: Option<chrono::NaiveDate>,
) -> Event {
    Event {
        id: format!("{}:{key}", dataset.as_str()),
        doc_id: format!("{}:{key}", dataset.as_str()),
        event,
        quad_code: event.quad_code(),
        intensity: event.intensity(&mode),
        cameo: event.cameo(&mode).to_string(),
        mode,
        context: Vec::new(),
        actor,
        recipient,
        date: date.map(|d| d.to_string()),
        date_text: None,
        date_precision: date.map(|_| "day".to_string()),
        event_loc: None,
        size: None,
        modality: Modality::Asserted,
        hedge: None,
        attribution: None,
        text: String::new(),
        text_info: TextInfo { sentence: 0, start: 0, end: 0 },
        event_text: String::new(),
        trigger_span: (0, 0),
        rule: format!("import:{}", dataset.as_str()),
        citations: Vec::new(),
        explain: Vec::new(),
    }
}

/// `date` when it is plausible (from 1800 to a year after today, see
/// `dyad_model::calendar::plausible_date`), else the row's error naming `field`: such a row
/// is skipped like any other bad row.
pub(crate) fn plausible(
    line: u64,
    field: &str,
    date: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, RowError> {
    static TODAY: std::sync::OnceLock<chrono::NaiveDate> = std::sync::OnceLock::new();
    let today = *TODAY.get_or_init(dyad_model::calendar::today);
    dyad_model::calendar::plausible_date(date, today)
        .map(|()| date)
        .map_err(|m| RowError::new(line, field, m))
}

/// Parses the date forms the datasets use: `2024-06-19`, `20240619`, `19 June 2024`,
/// `2024-06-19T…` (the time is dropped), `06/19/2024`.
pub(crate) fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    let t = text.trim();
    let t = t.get(..10).filter(|p| p.as_bytes().get(4) == Some(&b'-')).unwrap_or(t);
    ["%Y-%m-%d", "%Y%m%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y", "%B %d, %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 6, 19);
        for t in ["2024-06-19", "20240619", "19 June 2024", "2024-06-19T10:00:00Z", "06/19/2024"] {
            assert_eq!(super::parse_date(t), d, "{t}");
        }
        assert_eq!(super::parse_date("June"), None);
        assert_eq!(super::parse_date("2024-13-01"), None);
    }
}
