//! Reading inputs: files, folders and standard input, into documents.

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use dyad_coder::Coder;
use dyad_ingest::{looks_english, tag_is_english, Format};
use dyad_model::Document;

use crate::output::printable;
use crate::From;

/// One command-line input, classified before anything is opened.
pub enum Input {
    /// A file (or `-`, standard input) to read.
    Path(PathBuf),
    /// An `http://` or `https://` address, for the fetcher.
    Url(String),
    /// An input that is reported and skipped in its place: an unsupported URL scheme, a
    /// folder that cannot be listed.
    Skipped { location: String, reason: String },
}

/// The scheme of `arg` when it looks like a URL (`file:///x`, `data:,x`, `gopher://h`):
/// RFC 3986's `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`, at least two letters long so
/// that a drive letter is not taken for one.
fn url_scheme(arg: &str) -> Option<&str> {
    let (scheme, _) = arg.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() >= 2).then_some(scheme)
}

/// Files under the given paths (folders walked recursively in name order, each folder and each
/// file found in them once, however many symbolic links lead to it), http(s) URLs, and the
/// inputs that cannot be read, in their places.
///
/// A walk follows symbolic links but remembers every folder it entered by its canonical path,
/// so a link back to a folder on the way (`ln -s . loop`, `ln -s .. up`) is not entered
/// again; a file reached twice (through a link) is read once. An existing file whose name
/// looks like a URL (`notes:2024.txt`) is a file.
pub fn expand(args: &[PathBuf]) -> Vec<Input> {
    expand_reporting(args).0
}

/// [`expand`], with the files the folder walks passed over because dyad does not read their
/// format (PDFs, images, JSON, …).
pub fn expand_reporting(args: &[PathBuf]) -> (Vec<Input>, PassedOver) {
    let mut walk = Walk::default();
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.as_os_str() == "-" {
            walk.out.push(Input::Path(arg.clone()));
        } else if crate::fetch::is_url(&text) {
            walk.out.push(Input::Url(text.into_owned()));
        } else if arg.is_dir() {
            walk.folder(arg);
        } else if let Some(scheme) = url_scheme(&text).filter(|_| !arg.exists()) {
            walk.out.push(Input::Skipped {
                location: text.to_string(),
                reason: format!(
                    "unsupported scheme `{scheme}:` (only http and https URLs are fetched)"
                ),
            });
        } else {
            if let Ok(canonical) = arg.canonicalize() {
                walk.files.insert(canonical);
            }
            walk.out.push(Input::Path(arg.clone()));
        }
    }
    (walk.out, walk.passed_over)
}

/// Files found in folders and not read, by reason. A file named on the command line is
/// always read (and reported if it cannot be); only folder walks pass files over.
#[derive(Default)]
pub struct PassedOver {
    /// Invariant: each reason once, in the order first met; each file once.
    by_reason: Vec<(&'static str, Vec<PathBuf>)>,
}

impl PassedOver {
    fn add(&mut self, path: PathBuf) {
        let reason = passed_over_reason(&path);
        match self.by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, files)) => files.push(path),
            None => self.by_reason.push((reason, vec![path])),
        }
    }

    pub fn count(&self) -> usize {
        self.by_reason.iter().map(|(_, files)| files.len()).sum()
    }

    /// The lines for standard error: one per reason with its count, and with `verbose`
    /// each file's name under it.
    pub fn messages(&self, verbose: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (reason, files) in &self.by_reason {
            out.push(format!(
                "dyad: skipped {} file{} in folders: {reason}{}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                if verbose { "" } else { " (-v names them)" }
            ));
            if verbose {
                for f in files {
                    out.push(format!("dyad:   {}", printable(&f.display().to_string())));
                }
            }
        }
        out
    }
}

/// Why a file in a folder is not read, from its name: dyad reads text, HTML and JSONL.
fn passed_over_reason(path: &Path) -> &'static str {
    let ext =
        path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "PDF documents (dyad reads text, HTML and JSONL: convert them to text first)",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "bmp" | "tif" | "tiff" | "heic" => {
            "images (no text to code)"
        }
        "json" => "JSON files (dyad reads JSONL, one document per line: name them .jsonl if they are)",
        "doc" | "docx" | "odt" | "rtf" | "pages" => {
            "word-processor documents (save them as text or HTML first)"
        }
        "csv" | "tsv" | "parquet" | "xlsx" | "xls" => {
            "data tables (`dyad import` reads event datasets)"
        }
        "zip" | "gz" | "tgz" | "bz2" | "xz" | "zst" | "tar" | "7z" => {
            "archives (unpack them first)"
        }
        "" => "files without an extension (name a text file .txt to read it)",
        _ => "files of other formats (dyad reads .txt, .text, .md, .html, .htm, .xhtml, .jsonl, .ndjson)",
    }
}

/// The state of a folder walk: what it has found and what it has already visited.
#[derive(Default)]
struct Walk {
    out: Vec<Input>,
    /// Canonical paths of the folders entered (a link loop leads back to one of them).
    folders: HashSet<PathBuf>,
    /// Canonical paths of the files listed (two links to one file list it once).
    files: HashSet<PathBuf>,
    passed_over: PassedOver,
}

impl Walk {
    fn folder(&mut self, path: &Path) {
        let unreadable = |e: std::io::Error| Input::Skipped {
            location: path.display().to_string(),
            reason: format!("cannot read the folder: {e}"),
        };
        match path.canonicalize() {
            Ok(canonical) => {
                // Entered before: a symbolic link loop, or a second link to the same folder.
                if !self.folders.insert(canonical) {
                    return;
                }
            }
            Err(e) => return self.out.push(unreadable(e)),
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect(),
            Err(e) => return self.out.push(unreadable(e)),
        };
        entries.sort();
        let mut folders = Vec::new();
        for entry in entries {
            if entry.is_dir() {
                folders.push(entry);
            } else if entry.is_file() && is_document(&entry) {
                // A file that cannot be canonicalised is listed, and its reading reports why.
                let first = entry.canonicalize().map_or(true, |c| self.files.insert(c));
                if first {
                    self.out.push(Input::Path(entry));
                }
            } else if entry.is_file() {
                self.passed_over.add(entry);
            }
        }
        for folder in folders {
            self.folder(&folder);
        }
    }
}

fn is_document(path: &Path) -> bool {
    let ext =
        path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "txt" | "text" | "md" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
}

/// Why one input or line did not become a document.
pub struct Skipped {
    pub location: String,
    pub reason: String,
    /// A warning about a document that is still read (a bad date), not a skipped one.
    pub kept: bool,
    /// The warning is that the document has no publication date: shown for the first few
    /// documents of a run only (see [`UndatedNotes`]).
    pub undated: bool,
}

/// How many "no publication date" warnings a run prints before it only counts them: a feed
/// of snippets without dates would otherwise print one line per item.
const UNDATED_SHOWN: usize = 5;

/// Caps the per-document "no publication date" warnings of one run.
#[derive(Default)]
pub struct UndatedNotes {
    shown: usize,
    hidden: usize,
}

impl UndatedNotes {
    /// Whether to print a message (`undated`: it is a "no publication date" warning);
    /// counts the ones it holds back.
    pub fn show(&mut self, undated: bool) -> bool {
        if !undated {
            return true;
        }
        if self.shown < UNDATED_SHOWN {
            self.shown += 1;
            true
        } else {
            self.hidden += 1;
            false
        }
    }

    /// The closing line for the warnings held back, if any were.
    pub fn summary(&self) -> Option<String> {
        (self.hidden > 0).then(|| {
            format!(
                "dyad: warning: {} more documents without a publication date (not listed; --date gives one)",
                self.hidden
            )
        })
    }
}

impl Skipped {
    /// The line shown on standard error: `dyad: skipped …` or `dyad: warning: …`.
    pub fn message(&self) -> String {
        let what = if self.kept { "warning:" } else { "skipped" };
        let (location, reason) = (printable(&self.location), printable(&self.reason));
        format!("dyad: {what} {location}: {reason}")
    }
}

/// Where a document came from: its raw bytes (a file, or one JSONL line), a location for
/// messages (`file` or `file:line`) and its format.
pub struct Source<'a> {
    pub raw: &'a [u8],
    pub location: String,
    pub format: Format,
}

/// A piece of input that can be parsed on its own, on any thread.
pub enum Unit {
    /// Consecutive lines of a JSONL input, with their newlines; the first is `first_line`.
    Lines { name: Arc<str>, first_line: usize, bytes: Vec<u8> },
    /// One document: a file's (or standard input's) bytes in a known format.
    Whole { name: String, id: String, format: Format, bytes: Vec<u8> },
    /// Input that was not read (over a limit), reported in its place in the input order.
    Skipped { location: String, reason: String },
}

/// The largest document read: a file, standard input, or one JSONL line. Larger ones are
/// skipped with a message (and a JSONL line is skipped without being held in memory).
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// JSONL input is handed out in units of about this many bytes (whole lines).
const UNIT_BYTES: usize = 64 * 1024;

/// Reads `path` (`-` is standard input) into units, handing each to `emit` until it answers
/// `false`; parsing is [`parse_unit`]'s. An input that cannot be opened or read (no such
/// file, permission denied, `/proc/self/mem`) becomes a [`Unit::Skipped`] naming it, after
/// the units read before the failure, and the caller goes on with the next input.
pub fn read_units(path: &Path, from: From, emit: &mut dyn FnMut(Unit) -> bool) {
    let mut stopped = false;
    let read = try_read_units(path, from, &mut |unit| {
        stopped = !emit(unit);
        !stopped
    });
    if let Err(e) = read {
        if !stopped {
            let location =
                if path.as_os_str() == "-" { "<stdin>".into() } else { path.display().to_string() };
            emit(Unit::Skipped { location, reason: format!("{e:#}") });
        }
    }
}

fn try_read_units(path: &Path, from: From, emit: &mut dyn FnMut(Unit) -> bool) -> Result<()> {
    let is_stdin = path.as_os_str() == "-";
    let name = if is_stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let format = match from {
        From::Jsonl => Format::Jsonl,
        From::Text => Format::Text,
        From::Html => Format::Html,
        From::Auto if is_stdin => Format::Jsonl,
        From::Auto => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .context("cannot open")?
                .take(2048)
                .read_to_end(&mut head)
                .context("cannot read")?;
            Format::detect(&name, &head)
        }
    };
    if format == Format::Jsonl {
        let mut reader: Box<dyn BufRead> = if is_stdin {
            Box::new(std::io::BufReader::new(std::io::stdin().lock()))
        } else {
            Box::new(std::io::BufReader::with_capacity(
                UNIT_BYTES,
                std::fs::File::open(path).context("cannot open")?,
            ))
        };
        let head = reader.fill_buf().context("cannot read")?;
        let unreadable = if head.is_empty() {
            Some("empty: no bytes".to_string())
        } else {
            dyad_ingest::jsonl_unreadable(head)
        };
        if let Some(reason) = unreadable {
            emit(Unit::Skipped { location: name, reason });
            return Ok(());
        }
        let name: Arc<str> = name.into();
        let mut line_no = 1;
        loop {
            let first_line = line_no;
            let mut bytes = Vec::with_capacity(UNIT_BYTES + UNIT_BYTES / 4);
            let mut too_long = None;
            while bytes.len() < UNIT_BYTES {
                let read = read_line(&mut reader, &mut bytes, MAX_DOCUMENT_BYTES)
                    .with_context(|| format!("cannot read line {line_no}"))?;
                match read {
                    Line::End => break,
                    Line::Read => line_no += 1,
                    // `read_line` kept none of it.
                    Line::TooLong(n) => {
                        too_long = Some((line_no, n));
                        line_no += 1;
                        break;
                    }
                }
            }
            let done = !bytes.ends_with(b"\n") && too_long.is_none();
            if !bytes.is_empty()
                && !emit(Unit::Lines { name: Arc::clone(&name), first_line, bytes })
            {
                return Ok(());
            }
            if let Some((line, n)) = too_long {
                let reason = format!(
                    "line of {n} bytes or more is longer than the limit of {MAX_DOCUMENT_BYTES} bytes"
                );
                if !emit(Unit::Skipped { location: format!("{name}:{line}"), reason }) {
                    return Ok(());
                }
                continue;
            }
            if done {
                return Ok(());
            }
        }
    }
    let mut bytes = Vec::new();
    let limit = MAX_DOCUMENT_BYTES as u64 + 1;
    if is_stdin {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .context("cannot read")?;
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let reason = format!("larger than the limit of {MAX_DOCUMENT_BYTES} bytes for a document");
        emit(Unit::Skipped { location: name, reason });
        return Ok(());
    }
    let id =
        path.file_stem().map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    emit(Unit::Whole { name, id, format, bytes });
    Ok(())
}

enum Line {
    Read,
    End,
    /// Longer than the limit: skipped to its end; at least this many bytes.
    TooLong(usize),
}

/// Appends one line (with its newline) to `out`, or skips it whole without keeping it when it
/// is longer than `limit`.
fn read_line(reader: &mut dyn BufRead, out: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    let start = out.len();
    let mut skipped = 0usize;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if skipped > 0 {
                Line::TooLong(skipped)
            } else if out.len() > start {
                Line::Read
            } else {
                Line::End
            });
        }
        let (chunk, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        if skipped > 0 || out.len() - start + n > limit {
            skipped += n + (out.len() - start);
            out.truncate(start);
        } else {
            out.extend_from_slice(chunk);
        }
        reader.consume(n);
        if found {
            return Ok(if skipped > 0 { Line::TooLong(skipped) } else { Line::Read });
        }
    }
}

/// Parses a unit into documents for `sink`; bad lines and unreadable documents are reported
/// to `skipped` and the rest go on. Only `sink` fails.
pub fn parse_unit(
    unit: &Unit,
    default_date: Option<NaiveDate>,
    sink: &mut dyn FnMut(Document, Source<'_>) -> Result<()>,
    skipped: &mut dyn FnMut(Skipped),
) -> Result<()> {
    match unit {
        Unit::Lines { name, first_line, bytes } => {
            for (idx, raw) in bytes.split(|&b| b == b'\n').enumerate() {
                let line_no = first_line + idx;
                let Ok(line) = std::str::from_utf8(raw) else {
                    skipped(Skipped {
                        location: format!("{name}:{line_no}"),
                        reason: "not valid UTF-8".into(),
                        kept: false,
                        undated: false,
                    });
                    continue;
                };
                // A byte-order mark may open the file.
                let line = if line_no == 1 { line.trim_start_matches('\u{feff}') } else { line };
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                match dyad_ingest::parse_jsonl_line(line, line_no) {
                    Ok(record) => {
                        if let Some(reason) = record.warning {
                            skipped(Skipped {
                                location: format!("{name}:{line_no}"),
                                reason,
                                kept: true,
                                undated: false,
                            });
                        }
                        if let Some(bad) = record.bad_date {
                            skipped(Skipped {
                                location: format!("{name}:{line_no}"),
                                reason: format!(
                                    "field `date`: `{bad}` is not a date; using the default date"
                                ),
                                kept: true,
                                undated: false,
                            });
                        }
                        let source = Source {
                            raw,
                            location: format!("{name}:{line_no}"),
                            format: Format::Jsonl,
                        };
                        deliver(record.document, source, default_date, sink, skipped)?;
                    }
                    Err(err) => skipped(Skipped {
                        location: name.to_string(),
                        reason: err.to_string(),
                        kept: false,
                        undated: false,
                    }),
                }
            }
            Ok(())
        }
        Unit::Skipped { location, reason } => {
            skipped(Skipped {
                location: location.clone(),
                reason: reason.clone(),
                kept: false,
                undated: false,
            });
            Ok(())
        }
        Unit::Whole { name, id, format, bytes } => {
            let hint = match format {
                Format::Html => "page.html",
                _ => "page.txt",
            };
            match dyad_ingest::parse(id, hint, bytes, None) {
                Ok(parsed) => {
                    if let Some(reason) = parsed.warning {
                        skipped(Skipped {
                            location: name.clone(),
                            reason,
                            kept: true,
                            undated: false,
                        });
                    }
                    let source = Source { raw: bytes, location: name.clone(), format: *format };
                    deliver(parsed.document, source, default_date, sink, skipped)
                }
                Err(err) => {
                    skipped(Skipped {
                        location: name.clone(),
                        reason: err.to_string(),
                        kept: false,
                        undated: false,
                    });
                    Ok(())
                }
            }
        }
    }
}

/// Reads and parses every document of `path` on this thread: [`read_units`] then
/// [`parse_unit`].
pub fn read_documents(
    path: &Path,
    from: From,
    default_date: Option<NaiveDate>,
    sink: &mut dyn FnMut(Document, Source<'_>) -> Result<()>,
    skipped: &mut dyn FnMut(Skipped),
) -> Result<()> {
    let mut failed = None;
    read_units(path, from, &mut |unit| match parse_unit(&unit, default_date, sink, skipped) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    });
    failed.map_or(Ok(()), Err)
}

fn deliver(
    mut doc: Document,
    source: Source<'_>,
    default_date: Option<NaiveDate>,
    sink: &mut dyn FnMut(Document, Source<'_>) -> Result<()>,
    skipped: &mut dyn FnMut(Skipped),
) -> Result<()> {
    // A date that cannot be right (9999-12-31, 0001-01-01) is reported and not used.
    if let Some(found) = doc.date {
        if let Err(reason) = dyad_model::calendar::plausible_date(found, today()) {
            let field = match source.format {
                Format::Jsonl => "field `date`",
                _ => "the date in its metadata",
            };
            let fallback = if default_date.is_some() { "the --date" } else { "no" };
            skipped(Skipped {
                location: source.location.clone(),
                reason: format!("{field}: {reason}; using {fallback} date"),
                kept: true,
                undated: false,
            });
            doc.date = None;
        }
    }
    if doc.date.is_none() {
        doc.date = default_date;
    }
    if let Some(reason) = language_skip_reason(&doc) {
        skipped(Skipped { location: source.location, reason, kept: false, undated: false });
        return Ok(());
    }
    if doc.date.is_none() {
        skipped(Skipped {
            location: source.location.clone(),
            reason: undated_reason(&doc),
            kept: true,
            undated: true,
        });
    }
    sink(doc, source)
}

/// The warning for a document without a publication date: events its text does not date
/// get the latest footnote access date (precision `access`), or no date.
fn undated_reason(doc: &Document) -> String {
    match doc.fallback_date() {
        Some(d) => format!(
            "no publication date: events the text does not date get the latest footnote access date, {d} (date_precision `access`); --date gives one"
        ),
        None => "no publication date: events the text does not date stay undated and merge with no dated event; --date gives one".to_string(),
    }
}

/// Why a document is not coded (only English is, for now), or `None`.
pub fn language_skip_reason(doc: &Document) -> Option<String> {
    if let Some(lang) = doc.language.as_deref().filter(|l| !tag_is_english(l)) {
        return Some(format!("language `{lang}` is not English (only English is coded for now)"));
    }
    if !looks_english(&doc.text) {
        return Some("the text does not look English (only English is coded for now)".into());
    }
    None
}

pub fn parse_date_arg(date: Option<&str>) -> Result<Option<NaiveDate>> {
    date.map(|d| {
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .with_context(|| format!("--date `{d}` is not a YYYY-MM-DD date"))?;
        dyad_model::calendar::plausible_date(date, today())
            .map_err(|m| anyhow::anyhow!("--date {m}"))?;
        Ok(date)
    })
    .transpose()
}

/// Today (UTC), read once per process: the upper bound of plausible dates.
fn today() -> NaiveDate {
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(dyad_model::calendar::today)
}

pub fn load_lexicon(args: &crate::LexiconArgs) -> Result<std::sync::Arc<dyad_lexicon::Lexicon>> {
    let dirs: Vec<&Path> = args.dirs.iter().map(PathBuf::as_path).collect();
    let lexicon = dyad_lexicon::Lexicon::load(&dirs).context("cannot load the lexicon")?;
    Ok(std::sync::Arc::new(lexicon))
}

/// A coder over the lexicon of `args`. The coder's trigger automaton compiles, and the
/// syntax model is read (unless `no_parse`), on other threads while the lexicon loads
/// (start-up time); commands that only need the lexicon call [`load_lexicon`] and do not
/// compile it.
pub fn load_coder(args: &crate::LexiconArgs, options: dyad_coder::Options) -> Result<Coder> {
    let lexicon = std::thread::scope(|scope| {
        scope.spawn(dyad_coder::prepare);
        if !options.no_parse {
            scope.spawn(dyad_coder::prepare_parser);
        }
        load_lexicon(args)
    })?;
    Ok(Coder::new(lexicon, options))
}
