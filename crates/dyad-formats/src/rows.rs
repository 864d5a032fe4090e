//! Rows read with a bounded reader: a row longer than [`MAX_ROW_BYTES`] is skipped to its end
//! without being held in memory, so a file of one endless line costs a buffer, not the line.

use std::io::{self, BufRead, BufReader, Read};

use crate::RowError;

/// The longest row read, in bytes (a GDELT row is about 1 kB, an ACLED row with its notes a
/// few kB). Longer rows are skipped with their line number.
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// The longest text stored from one field of a row (event text, notes, actor names). A row
/// with a longer one is skipped with the field named.
pub const MAX_TEXT_BYTES: usize = 64 << 10;

/// `value` when it is at most [`MAX_TEXT_BYTES`] long, else the row's error naming `field`.
pub(crate) fn text_field(line: u64, field: &str, value: &str) -> Result<String, RowError> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(RowError::new(
            line,
            field,
            format!("{} bytes, more than the limit of {MAX_TEXT_BYTES} for a field", value.len()),
        ));
    }
    Ok(value.to_string())
}

/// What [`Records::next`] found.
pub(crate) enum Record {
    /// A record starting on `line` (1-based), now in the caller's buffer.
    Read { line: u64 },
    /// A record starting on `line` longer than the limit: skipped, at least `bytes` long.
    TooLong { line: u64, bytes: u64 },
}

/// Where a quote-aware scan is within a record (the CSV grammar of RFC 4180, as the `csv`
/// crate reads it: a quote opens a quoted field only at the start of a field).
#[derive(Clone, Copy)]
enum Scan {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first of a doubled quote.
    QuoteInQuoted,
}

/// Splits input into records: lines, or with `quoting` lines whose newlines inside quoted
/// fields do not end the record. Invariant: at most `limit` bytes of a record are held.
pub(crate) struct Records<R: Read> {
    reader: BufReader<R>,
    delimiter: u8,
    quoting: bool,
    limit: usize,
    /// Physical lines consumed so far.
    lines: u64,
}

impl<R: Read> Records<R> {
    pub(crate) fn new(input: R, delimiter: u8, quoting: bool, limit: usize) -> Records<R> {
        let reader = BufReader::with_capacity(1 << 16, input);
        Records { reader, delimiter, quoting, limit, lines: 0 }
    }

    /// The next record (with its newline) into `out`, which is cleared first; `None` at the
    /// end of the input.
    pub(crate) fn next(&mut self, out: &mut Vec<u8>) -> io::Result<Option<Record>> {
        out.clear();
        let line = self.lines + 1;
        let mut bytes = 0u64;
        let mut too_long = false;
        let mut state = Scan::FieldStart;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if bytes == 0 {
                    return Ok(None);
                }
                // A last line without a newline.
                self.lines += 1;
                break;
            }
            let (n, newlines, ended) = scan(buf, self.delimiter, self.quoting, &mut state);
            self.lines += newlines;
            if too_long || out.len() + n > self.limit {
                too_long = true;
                out.clear();
            } else {
                out.extend_from_slice(&buf[..n]);
            }
            bytes += n as u64;
            self.reader.consume(n);
            if ended {
                break;
            }
        }
        Ok(Some(if too_long { Record::TooLong { line, bytes } } else { Record::Read { line } }))
    }
}

/// How many bytes of `buf` belong to the current record, the newlines among them, and
/// whether the record ends there.
fn scan(buf: &[u8], delimiter: u8, quoting: bool, state: &mut Scan) -> (usize, u64, bool) {
    if !quoting {
        return match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, 1, true),
            None => (buf.len(), 0, false),
        };
    }
    let mut newlines = 0;
    for (i, &b) in buf.iter().enumerate() {
        *state = match (*state, b) {
            (Scan::Quoted, b'"') => Scan::QuoteInQuoted,
            (Scan::Quoted, b'\n') => {
                newlines += 1;
                Scan::Quoted
            }
            (Scan::Quoted, _) => Scan::Quoted,
            (_, b'\n') => return (i + 1, newlines + 1, true),
            (Scan::QuoteInQuoted, b'"') | (Scan::FieldStart, b'"') => Scan::Quoted,
            (_, b) if b == delimiter => Scan::FieldStart,
            _ => Scan::Unquoted,
        };
    }
    (buf.len(), newlines, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &str, quoting: bool, limit: usize) -> Vec<(String, u64)> {
        let mut records = Records::new(input.as_bytes(), b',', quoting, limit);
        let mut out = Vec::new();
        let mut found = Vec::new();
        while let Some(record) = records.next(&mut out).unwrap() {
            found.push(match record {
                Record::Read { line } => (String::from_utf8(out.clone()).unwrap(), line),
                Record::TooLong { line, bytes } => (format!("too long: {bytes}"), line),
            });
        }
        found
    }

    #[test]
    fn records_keep_quoted_newlines_and_count_lines() {
        let text = "a,\"b\nc\",d\ne,f\"g\n\"h \"\"q\"\" \n i\"\nlast";
        let found = all(text, true, 100);
        let expected = [
            ("a,\"b\nc\",d\n", 1),
            // A quote inside an unquoted field is a character, as `csv` reads it.
            ("e,f\"g\n", 3),
            ("\"h \"\"q\"\" \n i\"\n", 4),
            ("last", 6),
        ];
        let expected: Vec<(String, u64)> =
            expected.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        assert_eq!(found, expected);
        // Without quoting every line is a record.
        assert_eq!(all("a\"\nb\n", false, 100).len(), 2);
    }

    #[test]
    fn an_over_long_record_is_skipped_without_being_held() {
        let long = "x".repeat(5000);
        let text = format!("short\n{long}\n\"quoted\n{long}\"\nafter\n");
        // A limit smaller than the reader's buffer and larger: both skip the long records.
        for limit in [100, 4000] {
            let found = all(&text, true, limit);
            let lines: Vec<u64> = found.iter().map(|(_, l)| *l).collect();
            assert_eq!(lines, [1, 2, 3, 5], "{found:?}");
            assert_eq!(found[1].0, "too long: 5001");
            assert_eq!(found[2].0, "too long: 5010");
            assert_eq!(found[3].0, "after\n");
        }
    }

    #[test]
    fn a_line_larger_than_memory_would_allow_costs_one_buffer() {
        // 256 MB of one line, generated as it is read: the reader holds one buffer of it.
        let endless = io::repeat(b'x').take(256 << 20).chain(&b"\nnext\n"[..]);
        let mut records = Records::new(endless, b'\t', false, MAX_ROW_BYTES);
        let mut out = Vec::new();
        assert!(matches!(
            records.next(&mut out).unwrap(),
            Some(Record::TooLong { line: 1, bytes }) if bytes == (256 << 20) + 1
        ));
        assert!(out.capacity() <= 2 * MAX_ROW_BYTES);
        assert!(matches!(records.next(&mut out).unwrap(), Some(Record::Read { line: 2 })));
    }
}
