//! YAML front matter at the top of a text file: a `---` line, `key: value` lines, a `---`
//! line. Only flat string values are read (title, date, outlet, url, author, language, id);
//! anything else is ignored rather than rejected.

/// The front-matter keys and values, and the byte offset where the body starts.
pub(crate) fn split(text: &str) -> (Vec<(String, String)>, usize) {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return (Vec::new(), 0) };
    if first.trim_end() != "---" {
        return (Vec::new(), 0);
    }
    let mut offset = first.len();
    let mut pairs = Vec::new();
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (pairs, offset);
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim().to_ascii_lowercase();
            let value = unquote(value.trim());
            if !key.is_empty() && !key.starts_with('#') && !key.starts_with(' ') {
                pairs.push((key, value.to_string()));
            }
        }
    }
    // No closing line: not front matter after all.
    (Vec::new(), 0)
}

fn unquote(value: &str) -> &str {
    let value = value.split(" #").next().unwrap_or(value).trim();
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_and_body_offset() {
        let text = "---\ntitle: \"A: B\"\ndate: 2024-06-19 # comment\n---\nBody.";
        let (pairs, offset) = split(text);
        assert_eq!(pairs[0], ("title".into(), "A: B".into()));
        assert_eq!(pairs[1], ("date".into(), "2024-06-19".into()));
        assert_eq!(&text[offset..], "Body.");
    }

    #[test]
    fn unclosed_block_is_text() {
        assert_eq!(split("---\ntitle: x\nBody").1, 0);
    }
}
