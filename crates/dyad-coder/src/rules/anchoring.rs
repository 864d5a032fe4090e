//! What a sentence adds to its events once they are coded: the dates and sizes it states,
//! the event a relative date is anchored to, and the discourse memory it updates.

use super::*;

pub(super) fn sentence_extras(
    coder: &Coder,
    doc: &Document,
    s: &Sentence<'_>,
    sentence: &dyad_model::Sentence,
    candidates: &[Candidate],
    earlier: &[Event],
) -> SentenceExtras {
    let mut date_exprs = dates::find(s.text, s.tokens, doc.date);
    // "a few days after Putin's visit to Pyongyang": dated by an earlier event.
    let anchored = anchored_date(coder, s, candidates, earlier);
    if let Some((expr, _, _)) = &anchored {
        date_exprs.push(expr.clone());
    }
    let mut in_date = vec![false; s.tokens.len()];
    for d in &date_exprs {
        for flag in &mut in_date[d.tok_start..d.tok_end.min(s.tokens.len())] {
            *flag = true;
        }
    }
    let quantities = sizes::find(s.text, s.tokens, &in_date);
    // A date far ahead of the report ("net zero by 2050") is a target, not when anything
    // happens, and one before 1800 is history: neither dates an event (the store refuses
    // both). The report's own date is the reference, or today's without one.
    let today = dyad_model::calendar::today();
    date_exprs.retain(|d| {
        dyad_model::calendar::plausible_date(d.date, today).is_ok()
            && doc.date.is_none_or(|p| dyad_model::calendar::plausible_date(d.date, p).is_ok())
    });
    let citations = doc
        .markers_in(sentence)
        .filter_map(|n| doc.footnote(n))
        .map(|f| Citation {
            number: f.number,
            text: f.text.clone(),
            url: f.url.clone(),
            title: f.title.clone(),
        })
        .collect();
    SentenceExtras { date_exprs, anchored, quantities, hedge: hedge(s), citations }
}

/// Finds "N days/weeks after EVENT" where EVENT is a nominal trigger whose parties match an
/// earlier event of the document with a date of its own, and returns the shifted date
/// expression, the anchor trigger's token, and the anchor's own date, text and precision.
#[allow(clippy::type_complexity)]
pub(super) fn anchored_date(
    coder: &Coder,
    s: &Sentence<'_>,
    candidates: &[Candidate],
    earlier: &[Event],
) -> Option<(dates::DateExpr, usize, (NaiveDate, String, String))> {
    let lexicon = coder.lexicon();
    for k in 2..s.tokens.len() {
        if !s.is_any(k, &["after", "before"]) {
            continue;
        }
        let Some((n, days_per_unit)) = interval_before(s, k) else {
            continue;
        };
        let start = if k >= 3 && s.is_any(k - 3, &["a", "just", "only"]) { k - 3 } else { k - 2 };
        let Some(anchor) = candidates.iter().find(|c| {
            c.tok_start > k
                && c.tok_start <= k + 6
                && coder.triggers.rows[c.trigger].pos == Pos::Noun
        }) else {
            continue;
        };
        // The parties named in the anchor's noun phrase, as countries: up to the next comma.
        let np_end = (anchor.tok_end..(anchor.tok_end + 4).min(s.tokens.len()))
            .find(|&i| !s.tokens[i].word || s.is_any(i, &["and", "but", "when", "as"]))
            .unwrap_or((anchor.tok_end + 4).min(s.tokens.len()));
        let parties: Vec<&str> = s
            .mentions
            .iter()
            .filter(|m| m.tok_start > k && m.tok_start < np_end)
            .filter_map(|m| match m.kind {
                Kind::Actor | Kind::Modifier => Some(m.entity.country.as_str()),
                Kind::Place => m.place.map(|p| lexicon.place(p).country.as_str()),
                _ => None,
            })
            .filter(|c| !c.is_empty())
            .collect();
        if parties.is_empty() {
            continue;
        }
        // Places named around the anchor ("to Pyongyang") pick the earlier event that
        // happened there; otherwise the latest event with the same parties.
        let places: Vec<&str> = s
            .mentions
            .iter()
            .filter(|m| m.tok_start > k && m.tok_start < np_end)
            .filter_map(|m| m.place.map(|p| lexicon.place(p).name.as_str()))
            .collect();
        let found = anchor_event(earlier, &parties, &places)?;
        let base = NaiveDate::parse_from_str(found.date.as_deref()?, "%Y-%m-%d").ok()?;
        // The number comes from the text: any size. Out of chrono's range, no date.
        let shift = chrono::Duration::try_days(n.checked_mul(days_per_unit)?)?;
        let date = if s.is(k, "after") {
            base.checked_add_signed(shift)?
        } else {
            base.checked_sub_signed(shift)?
        };
        let expr = dates::DateExpr {
            tok_start: start,
            tok_end: anchor.tok_end,
            date,
            precision: "approximate",
        };
        let own = (
            base,
            found.date_text.clone().unwrap_or_default(),
            found.date_precision.clone().unwrap_or_default(),
        );
        return Some((expr, anchor.tok_start, own));
    }
    None
}

/// The count and the days per unit of "N days", "a few weeks", "two months" just before the
/// token `k` ("after", "before").
pub(super) fn interval_before(s: &Sentence<'_>, k: usize) -> Option<(i64, i64)> {
    let unit = s.word(k - 1).to_ascii_lowercase();
    let days_per_unit: i64 = match unit.trim_end_matches('s') {
        "day" => 1,
        "week" => 7,
        "month" => 30,
        _ => return None,
    };
    let count = s.word(k - 2).to_ascii_lowercase();
    let n: i64 = match count.as_str() {
        "few" => 3,
        "several" => 4,
        "couple" => 2,
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        other => other.parse().ok()?,
    };
    Some((n, days_per_unit))
}

/// The earlier event with a date of its own whose parties include all of `parties`: one
/// that happened at one of `places` first, then the latest.
pub(super) fn anchor_event<'e>(
    earlier: &'e [Event],
    parties: &[&str],
    places: &[&str],
) -> Option<&'e Event> {
    earlier
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.date_precision
                .as_deref()
                .is_some_and(|p| !matches!(p, "publication" | "access" | "approximate"))
                && parties.iter().all(|p| {
                    e.actor.iter().chain(&e.recipient).any(|a| a.country == *p)
                        || e.event_loc.as_ref().is_some_and(|l| l.country_code == *p)
                })
        })
        .max_by_key(|(i, e)| {
            let here =
                e.event_loc.as_ref().is_some_and(|l| places.contains(&l.resolved_place.as_str()));
            (here, *i)
        })
        .map(|(_, e)| e)
}

/// Updates the discourse memory after a sentence: event actors first, else the sentence's
/// subject; then every actor mention; and whether the text has spoken of work and pay.
pub(super) fn update_discourse(discourse: &mut Discourse, s: &Sentence<'_>, events: &[Event]) {
    if let Some(first) = events.first() {
        discourse.last_group = first.actor.clone();
    } else if let Some(arg) = subject_of_kind(s, 0, s.tokens.len(), false) {
        let group: Vec<Entity> = arg
            .mentions
            .iter()
            .flat_map(|&i| entity_of(&s.mentions[i], discourse, s, s.tokens.len()))
            .filter(|e| !e.country.is_empty())
            .collect();
        if !group.is_empty() {
            discourse.last_group = group;
        }
    }
    discourse.labour |= super::conversions::labour_topic(s)
        || events
            .iter()
            .any(|e| e.event == EventType::Protest && e.mode.iter().any(|m| m == "strike"));
    for m in s.mentions.iter().filter(|m| m.kind == Kind::Actor) {
        discourse.note(&m.entity, m.is_person);
        for word in mentions::name_words(m) {
            discourse.names.retain(|(w, _)| w != word);
            discourse.names.push((word.into(), m.entity.clone()));
        }
    }
}

pub(super) fn dedup_entities(entities: &mut Vec<Entity>) {
    let mut seen: Vec<(dyad_model::CompactString, dyad_model::CompactString)> = Vec::new();
    entities.retain(|e| {
        let key = (e.code.clone(), e.sector.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}
