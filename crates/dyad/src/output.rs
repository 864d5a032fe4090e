//! Writing events: JSONL records and a readable table.

use std::io::Write;

use dyad_model::{Entity, Event};

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn write_jsonl(out: &mut dyn Write, event: &Event) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, event)?;
    out.write_all(b"\n")?;
    Ok(())
}

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
    let evidence = &event.event_text;
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
    let notes = if notes.is_empty() { String::new() } else { format!("  [{}]", notes.join("; ")) };
    writeln!(
        out,
        "{}  {}  {}  {}  {}  {}  “{}”{}",
        clip(event.date.as_deref().unwrap_or("?"), 10),
        clip(event.event.as_str(), 9),
        clip(&entities(&event.actor), 22),
        clip(&entities(&event.recipient), 22),
        clip(event.modality.as_str(), 12),
        clip(&size, 24),
        evidence,
        notes
    )?;
    for reason in &event.explain {
        writeln!(out, "{:>12}{reason}", "· ")?;
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
