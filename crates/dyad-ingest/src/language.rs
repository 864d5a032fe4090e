//! A cheap English detector: share of very common English function words among the words of
//! a text. Enough to skip Turkish, Russian or Spanish documents; not a language identifier.

/// Whether `word` is one of 36 very common English function words, in any case, without
/// allocating.
fn is_function_word(word: &[u8]) -> bool {
    if word.is_empty() || word.len() > 5 {
        return false;
    }
    let mut lower = [0u8; 5];
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"that"
            | b"for"
            | b"on"
            | b"with"
            | b"as"
            | b"was"
            | b"by"
            | b"it"
            | b"at"
            | b"from"
            | b"has"
            | b"have"
            | b"are"
            | b"be"
            | b"were"
            | b"its"
            | b"an"
            | b"this"
            | b"which"
            | b"said"
            | b"will"
            | b"not"
            | b"but"
            | b"their"
            | b"they"
            | b"his"
            | b"had"
            | b"been"
            | b"or"
    )
}

/// Whether `word` is a very common function word of German, Spanish, French, Italian,
/// Portuguese, Dutch, Turkish or Indonesian that English text does not use (names aside: `Le Pen`, `El Paso`,
/// hence the rule in [`looks_english`] that needs several and more of them than English ones).
fn is_foreign_function_word(word: &str) -> bool {
    if word.len() > 7 {
        return false;
    }
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        // German
        "der" | "die" | "das" | "und" | "ist" | "nicht" | "mit" | "dem" | "ein" | "eine"
            | "einen" | "im" | "auf" | "sich" | "des" | "hat" | "wurde" | "wird" | "sind"
            | "gegen" | "nach" | "bei" | "zum" | "zur" | "auch" | "über" | "für" | "vom"
            // Spanish
            | "el" | "los" | "las" | "del" | "y" | "que" | "por" | "con" | "una" | "para"
            | "según" | "fue" | "entre" | "sobre" | "contra" | "como" | "su" | "sus" | "al"
            // French
            | "le" | "les" | "et" | "est" | "du" | "une" | "dans" | "pour" | "qui" | "sur"
            | "aux" | "avec" | "par" | "ont" | "été" | "selon"
            // Italian, Portuguese, Dutch
            | "della" | "di" | "che" | "il" | "non" | "uma" | "em" | "os" | "não" | "het"
            | "een" | "van" | "niet" | "op"
            // Turkish, Indonesian
            | "ve" | "bir" | "bu" | "ile" | "için" | "olarak" | "gibi" | "daha" | "yang" | "dan"
            | "dengan" | "ini" | "itu" | "untuk" | "tidak"
    )
}

/// Whether `text` reads as English. A short text (under 40 words) is refused only when it
/// holds at least two function words of another language and more of them than English ones
/// ("Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen."); one
/// name like `Le Pen` is not enough.
pub fn looks_english(text: &str) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    let mut foreign = 0usize;
    let mut non_latin = 0usize;
    let bytes = text.as_bytes();
    let mut pos = 0;
    // Words are runs of ASCII letters, digits, apostrophes and non-ASCII characters (split
    // further below when they hold non-ASCII punctuation); the first 500 are enough to judge.
    while pos < bytes.len() && words < 500 {
        let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80;
        while pos < bytes.len() && !is_word_byte(bytes[pos]) {
            pos += 1;
        }
        let start = pos;
        while pos < bytes.len() && is_word_byte(bytes[pos]) {
            pos += 1;
        }
        if start == pos {
            break;
        }
        // Both ends are ASCII bytes or string ends, so this slice is on char boundaries.
        let run = &text[start..pos];
        let pieces: &mut dyn Iterator<Item = &str> = if run.is_ascii() {
            &mut std::iter::once(run)
        } else {
            &mut run.split(|c: char| !c.is_alphanumeric() && c != '\'')
        };
        for word in pieces.filter(|w| !w.is_empty() && *w != "'") {
            words += 1;
            if !word.is_ascii()
                && word.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && !is_latin_extended(c))
            {
                non_latin += 1;
            }
            if is_function_word(word.as_bytes()) {
                hits += 1;
            } else if words <= 40 && is_foreign_function_word(word) {
                foreign += 1;
            }
        }
    }
    if words < 40 && foreign >= 2 && foreign > hits {
        return false;
    }
    if words < 12 {
        return non_latin * 2 < words.max(1);
    }
    // Short texts (a headline, one sentence) may have few function words: one is enough,
    // and a telegraphic one with none of any language listed here gets the benefit of the
    // doubt ("Serbian forces let free six French medical workers held captive since Friday").
    if words < 40 {
        return non_latin * 2 < words && (hits >= 1 || foreign == 0);
    }
    non_latin * 2 < words && hits * 100 >= words * 8
}

fn is_latin_extended(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Whether a declared language tag (`en`, `en-US`, `eng`) means English.
pub fn tag_is_english(tag: &str) -> bool {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    primary == "en" || primary == "eng" || primary == "english"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_others() {
        assert!(looks_english(
            "Russia and North Korea signed a treaty in Pyongyang on Wednesday, officials said."
        ));
        assert!(!looks_english(
            "Rusya ve Kuzey Kore, Çarşamba günü Pyongyang'da bir anlaşma imzaladı ve bunu duyurdu."
        ));
        assert!(!looks_english("Россия и Северная Корея подписали договор в Пхеньяне в среду, сообщили официальные лица."));
        assert!(looks_english("Arab League Secretary General Chadli Klibi undertook mediation mission between Syria and Palestinian leader Yasser Arafat."));
        assert!(!looks_english("El presidente de Francia visitó Madrid el martes para reunirse con el gobierno español."));
        // Issue 19: short German and Spanish texts were taken for English.
        assert!(!looks_english(
            "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen."
        ));
        assert!(!looks_english("El gobierno condenó el ataque contra Ucrania."));
        assert!(!looks_english("Le président a rencontré les dirigeants à Paris."));
        // English with foreign names stays English.
        assert!(looks_english("Marine Le Pen met Olaf Scholz."));
        assert!(looks_english("Los Angeles and El Paso sent aid to Ukraine."));
        assert!(looks_english("Ursula von der Leyen said the EU would act."));
        // A telegraphic English sentence without one function word.
        assert!(looks_english(
            "Serbian forces let free six French medical workers held captive since Friday."
        ));
        assert!(tag_is_english("en-US"));
        assert!(!tag_is_english("tr"));
    }
}
