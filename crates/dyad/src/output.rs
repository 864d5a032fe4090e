//! Writing events: JSONL records and a readable table.

use std::borrow::Cow;
use std::io::Write;

use dyad_model::{Entity, Event};

/// Whether `err` comes from writing to a closed pipe (`dyad … | head`), which is how a
/// reader says it has read enough: not an error. JSON writers wrap the I/O error in their own.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}

/// `text` made safe to print on a terminal. Stored text, titles, outlets and codes come from
/// documents and datasets, and a control character in them would act on the terminal: ESC
/// starts sequences that clear the screen or hide an OSC 8 link, BEL and OSC (U+009D) retitle
/// the window. C0 controls and DEL are shown as their Unicode control pictures (`␛`, `␇`,
/// `␡`), C1 controls as U+FFFD, and line breaks and tabs as spaces, so a field stays on its
/// line. Only for terminal and text output: JSON and CSV escape on their own.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                // The control pictures block mirrors C0 from U+2400; U+2421 is DEL's.
                '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\x7f' => '\u{2421}',
                c if c.is_control() => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

pub fn write_jsonl(out: &mut dyn Write, event: &Event) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, event)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The parties of an event for a table (codes from datasets may hold anything: made
/// printable).
fn entities(list: &[Entity]) -> String {
    if list.is_empty() {
        return "-".into();
    }
    list.iter()
        .map(|e| {
            if e.sector.is_empty() {
                e.code.to_string()
            } else {
                format!("{} {}", e.code, e.sector)
            }
        })
        .map(|p| printable(&p).into_owned())
        .collect::<Vec<_>>()
        .join(" + ")
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:width$}")
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

pub fn table_header(out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<10}  {:<9}  {:<22}  {:<22}  {:<12}  {:<24}  evidence",
        "date", "event", "actor", "recipient", "modality", "size"
    )?;
    Ok(())
}

pub fn write_row(out: &mut dyn Write, event: &Event) -> anyhow::Result<()> {
    let size = event.size.as_ref().map_or(String::new(), |s| {
        let q = s.qualifier.as_deref().map(|q| format!("{q} ")).unwrap_or_default();
        format!("{q}{} {}", format_number(s.value), s.unit)
    });
    let evidence = printable(&event.event_text);
    let mut notes = Vec::new();
    if let Some(h) = &event.hedge {
        notes.push(format!("hedge: {h}"));
    }
    if let Some(a) = &event.attribution {
        notes.push(format!("per {}", a.text));
    }
    if let Some(l) = &event.event_loc {
        notes.push(format!("in {}", l.resolved_place));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("  [{}]", printable(&notes.join("; ")))
    };
    writeln!(
        out,
        "{}  {}  {}  {}  {}  {}  “{}”{}",
        clip(event.date.as_deref().unwrap_or("?"), 10),
        clip(event.event.as_str(), 9),
        clip(&entities(&event.actor), 22),
        clip(&entities(&event.recipient), 22),
        clip(event.modality.as_str(), 12),
        clip(&printable(&size), 24),
        evidence,
        notes
    )?;
    for reason in &event.explain {
        writeln!(out, "{:>12}{}", "· ", printable(reason))?;
    }
    Ok(())
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = (v as i64).to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) && c != '-' {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v}")
    }
}
