//! The dictionary rows a candidate may be: rows whose object class is found after the verb (or
//! before a noun), passive and base-form rows, and the nearest rows when none fits.

use super::*;
use crate::mentions::{covered, is_capitalized};

/// Whether the object class a row requires is found: after the verb (or before it, in the
/// passive), or before or after the noun.
pub(super) fn object_class_found(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    class: usize,
    form: Form,
    t: usize,
    t_end: usize,
) -> bool {
    let triggers = coder.triggers;
    if let Some(found) = verdict_or_idiom(coder, s, trigger, class, t_end) {
        return found;
    }
    match trigger.pos {
        // A named person is a person ("will release Prime Minister Mahendra Chaudhry"), and
        // so is a name the lexicon does not know ("executed Mohammad Ghobadlou").
        Pos::Verb
            if triggers
                .class_names
                .get(class)
                .is_some_and(|c| c == "PERSONS" || c == "VISITORS")
                && (s.mentions.iter().any(|m| {
                    m.is_person
                        && m.tok_start >= t_end
                        && m.tok_start <= t_end + 3
                        && !(t_end..m.tok_start).any(|k| s.is_any(k, PREPOSITIONS))
                }) || unknown_name_at(s, t_end)) =>
        {
            true
        }
        // "received the Russian defence minister": a visitor is the verb's object, not one
        // named after a preposition ("received an award from the secretary of state"); so is
        // the press silenced ("suspended broadcasts of the BBC", not "suspended ties over a
        // broadcast"), and so is a party banned ("banned the opposition party", not "banned
        // imports from the group"), a policy withdrawn ("withdrew the bill", not "froze the
        // transfer of tax revenues", "withdraw its troops under the plan") and people returned
        // ("returned the sailors", not "returned to Paris after visiting French soldiers").
        Pos::Verb
            if triggers.class_names.get(class).is_some_and(|c| {
                matches!(
                    c.as_str(),
                    "VISITORS"
                        | "MEDIA"
                        | "POLITICAL_GROUPS"
                        | "POLICIES"
                        | "CLAIMS"
                        | "PROTESTERS"
                        | "GUNFIRE"
                        | "CAPTIVES"
                        | "ENCLOSED"
                )
            }) =>
        {
            // (A visitor's title may be long: "the visiting South Sudanese foreign minister".)
            let name = triggers.class_names.get(class).map(String::as_str);
            let reach = if name == Some("VISITORS") { 7 } else { 5 };
            has_class(coder, s, t_end, s.phrase_end(t_end, reach), class)
                || form == Form::Past && passive_subject_of(coder, s, t, class)
                || name == Some("ENCLOSED") && place_object(s, t_end)
        }
        Pos::Verb
            if triggers.class_names.get(class).is_some_and(|c| c == "TERRITORY")
                && place_object(s, t_end) =>
        {
            true
        }
        Pos::Verb => verb_object_class(coder, s, trigger, class, form, (t, t_end)),
        // "artillery shipments", or "shipments of artillery", "a halt to curfews", "a pause
        // in the restrictions".
        Pos::Noun => {
            has_class(coder, s, t.saturating_sub(2), t, class)
                || (s.is_any(t_end, &["of", "to", "in", "on"])
                    && has_class(coder, s, t_end + 1, (t_end + 5).min(s.tokens.len()), class))
        }
    }
}

/// Whether a verb's object class is found anywhere in its object's reach (or, in the passive,
/// before it).
fn verb_object_class(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    class: usize,
    form: Form,
    (t, t_end): (usize, usize),
) -> bool {
    let triggers = coder.triggers;
    // "agreed that the truce had failed": a clause of its own is not the object; nor is what
    // one agrees with ("agree with the proposal of a ceasefire").
    let clause_follows = s.is_any(after_day(s.text, s.tokens, t_end), &["that", "whether"])
        || trigger.lemma == "agree" && s.is(t_end, "with");
    let reach = object_reach(triggers, s, t_end, 8);
    let undone = restriction_undone(triggers, s, class, t_end..reach);
    !clause_follows && !undone && has_class(coder, s, t_end, reach, class)
        // In the passive the object is the subject: "a curfew was imposed".
        || form == Form::Past
            && (t.saturating_sub(2)..t).any(|k| s.is_any(k, BE))
            && has_class(coder, s, t.saturating_sub(6), t, class)
        // Fighting stops and ends of itself: "the fighting stopped", "hostilities have
        // ceased"; a bomb explodes or goes off: "a roadside bomb went off".
        || triggers.class_names.get(class).is_some_and(|c| c == "HOSTILITIES" || c == "EXPLOSIVES")
            && form != Form::Base
            && has_class(coder, s, t.saturating_sub(5), t, class)
            && !s.mentions.iter().any(|m| m.tok_start < t && m.tok_end + 5 >= t)
}

/// The classes a verb's object is looked for in a way of their own: a verdict after the
/// object (`VERDICTS`), and enemies not engaged "in" or "with" ("were engaged in ethnic
/// cleansing", "engaged with the rebels": idioms, not fights).
fn verdict_or_idiom(
    coder: &Coder,
    s: &Sentence<'_>,
    trigger: &Trigger,
    class: usize,
    t_end: usize,
) -> Option<bool> {
    if trigger.pos != Pos::Verb {
        return None;
    }
    match coder.triggers.class_names.get(class).map(String::as_str) {
        // ("called Putin as the invasion began": "as" after "call" is a conjunction.)
        Some("VERDICTS") => {
            Some(verdict_on_object(coder, s, t_end, class, trigger.lemma != "call"))
        }
        // "will engage the rebels in peace talks": engaged in talking, not fighting.
        Some("ENEMIES") => Some(
            !s.is_any(t_end, &["in", "with"])
                && has_class(coder, s, t_end, s.phrase_end(t_end, 5), class)
                && !(t_end..(t_end + 10).min(s.tokens.len()))
                    .any(|k| s.is_any(k, &["talks", "dialogue", "negotiations", "discussions"])),
        ),
        _ => None,
    }
}

/// "called the launch a provocation", "branded Moscow a terrorist state", "described the
/// move as illegal", "called the sanctions illegal": a verdict on the object of the verb
/// ending at `t_end`, after it in the same clause, in a phrase of its own (after "a", "as" or
/// a quotation mark) or closing the clause; not the object itself ("called the illegal
/// occupation …") nor a word in its modifiers ("called a meeting on illegal fishing").
fn verdict_on_object(
    coder: &Coder,
    s: &Sentence<'_>,
    t_end: usize,
    class: usize,
    as_phrase: bool,
) -> bool {
    const QUOTES: &[&str] = &["\"", "“", "”", "'", "‘", "’"];
    // "what officials described as …": with the object before the verb, a label is quoted,
    // not a verdict passed.
    if s.is(t_end, "as") {
        return false;
    }
    let limit = (t_end + 14).min(s.tokens.len());
    let mut own_phrase = false;
    let mut modifier = false;
    for k in t_end..limit {
        let quote = s.is_any(k, QUOTES);
        // ("the deployment of troops to Russia a threat": "to" before a name or an article
        // is a preposition, not an infinitive's.)
        let infinitive = s.is(k, "to")
            && !s.is_any(k + 1, DETERMINERS)
            && !s.mentions.iter().any(|m| m.tok_start == k + 1);
        if !s.tokens[k].word && !quote
            || infinitive
            || s.is_any(k, &["that", "which", "who", "if", "when", "after", "before"])
        {
            return false;
        }
        // A new phrase after the object's ("… a provocation"), not a noun in its modifiers
        // ("… on an island").
        let after_noun = k > t_end && !s.is_any(k - 1, PREPOSITIONS);
        let opener = if as_phrase { &["a", "an", "as"][..] } else { &["a", "an"][..] };
        if after_noun && s.is_any(k, opener) || quote {
            own_phrase = true;
        }
        modifier |= k > t_end && s.is_any(k, PREPOSITIONS) && !s.is(k, "as");
        // A verdict that closes the clause follows its object ("called the move illegal"): not
        // the object itself ("described the massacre"), and an adjective after a modifier's
        // noun ("branded the vote in Crimea illegal", not "a meeting on the invasion").
        let closes = (k + 1 >= s.tokens.len()
            || !s.tokens[k + 1].word
            || s.is_any(k + 1, &["and", "or", "but"]))
            && !s.is_any(k - 1, DETERMINERS)
            && (!modifier || adjectival(s.word(k)));
        if k > t_end && (own_phrase || closes) && has_class(coder, s, k, k + 1, class) {
            return true;
        }
    }
    false
}

/// Whether `word` has an adjective's ending ("illegal", "dangerous", "unacceptable").
fn adjectival(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    ["al", "ous", "ble", "ful", "ive", "ic", "ed", "ent", "ant", "ate"]
        .iter()
        .any(|e| w.ends_with(e))
}

/// Whether a named place is the verb's object, right after it or its article, and heads it
/// ("captured Bakhmut", "retook the city of Kherson", "sealed off Bamenda"), not when it names
/// something else ("close Guantanamo Bay military prison"; "advanced close to Kharkiv" has
/// none).
fn place_object(s: &Sentence<'_>, t_end: usize) -> bool {
    s.mentions.iter().any(|m| {
        m.kind == Kind::Place
            && m.tok_start >= t_end
            && m.tok_start <= t_end + 1
            && (t_end..m.tok_start).all(|k| s.is_any(k, &["the", "a"]))
            && !s.tokens.get(m.tok_end).is_some_and(|n| is_capitalized(s.text, n))
    })
}

/// "urged the lifting of sanctions" asks for their end; "announced the lifting of the curfew"
/// imposes none: a restriction's class found after a word of undoing in `span`.
fn restriction_undone(
    triggers: &crate::triggers::Triggers,
    s: &Sentence<'_>,
    class: usize,
    span: std::ops::Range<usize>,
) -> bool {
    triggers
        .class_names
        .get(class)
        .is_some_and(|c| matches!(c.as_str(), "SANCTIONS" | "CURFEWS" | "EMERGENCY"))
        && span.into_iter().any(|k| s.is_any(k, UNDOING))
}

/// In the passive the subject is what is done to: whether a word of `class` heads it, right
/// before the auxiliary of the participle at `t` ("the party was banned"; not "Reuters
/// reported the rally was banned").
fn passive_subject_of(coder: &Coder, s: &Sentence<'_>, t: usize, class: usize) -> bool {
    (t.saturating_sub(2)..t)
        .find(|&k| s.is_any(k, BE))
        .is_some_and(|b| b > 0 && has_class(coder, s, b - 1, b, class))
}

/// Where the object of the verb ending at `t_end` may stand, `reach` words at most: "urged
/// Iran to lift sanctions": the object of the infinitive of a party that is told to act is
/// the infinitive's ("suspended plans to impose curfews" keeps its object: the plans are the
/// curfews).
pub(super) fn object_reach(
    triggers: &Triggers,
    s: &Sentence<'_>,
    t_end: usize,
    reach: usize,
) -> usize {
    let limit = (t_end + reach).min(s.tokens.len());
    (t_end + 1..limit)
        .find(|&k| {
            s.is(k, "to")
                && (s.mentions.iter().any(|m| m.tok_end == k)
                    || s.is_any(k - 1, &["them", "him", "her", "it", "us"]))
                && base_verb_at(triggers, s, k + 1)
        })
        .unwrap_or(limit)
}

/// Whether the word at `k` is the base form of a verb: of a trigger verb, or of a verb too
/// common to be one ("to be", "to make").
pub(super) fn base_verb_at(triggers: &Triggers, s: &Sentence<'_>, k: usize) -> bool {
    const COMMON: &[&str] =
        &["be", "have", "do", "make", "take", "get", "give", "keep", "put", "let", "go", "come"];
    if k >= s.tokens.len() || !s.tokens[k].word {
        return false;
    }
    let w = s.word(k);
    if !w.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    if COMMON.contains(&w) {
        return true;
    }
    triggers.find(w).iter().any(|m| {
        m.start() == 0
            && m.end() == w.len()
            && triggers.forms[m.pattern().as_usize()]
                .iter()
                .any(|&(row, form)| form == Form::Base && triggers.rows[row].pos == Pos::Verb)
    })
}

/// Of the rows found with their object word's distance from the verb, those of this match
/// (`rows`) whose object word is the nearest, sorted by row: "launched many similar attacks
/// during its campaign" is about attacks, whatever row order says.
pub(super) fn nearest_rows(rows: &[(usize, Form)], mut found: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    found.retain(|f| rows.iter().any(|r| r.0 as u32 == f.0));
    let Some(nearest) = found.iter().map(|f| f.1).min() else { return found };
    found.retain(|f| f.1 == nearest);
    found.sort_unstable();
    found
}

/// In the passive ("grenades were hurled", "a ceasefire was declared"), the rows whose object
/// words stand in the `reach` words before the verb at `t`, back to a comma; none otherwise.
pub(super) fn passive_object_rows(
    triggers: &crate::triggers::Triggers,
    s: &Sentence<'_>,
    form: Form,
    t: usize,
    reach: usize,
) -> Vec<(u32, u32)> {
    if !(form == Form::Past && (1..=2).any(|back| t >= back && s.is_any(t - back, BE))) {
        return Vec::new();
    }
    let from = (0..t)
        .rev()
        .take(reach)
        .find(|&k| s.is_any(k, &[",", ";", ":"]))
        .map_or(t.saturating_sub(reach), |k| k + 1);
    object_rows(triggers, s, from, t, true)
}

/// The rows whose literal object words (a plural in the text also counts) stand between
/// tokens `from` and `to`, before the clause ends, each with the distance of the word from
/// the verb (at `from`, or at `to` when the words stand before it).
pub(super) fn object_rows(
    triggers: &crate::triggers::Triggers,
    s: &Sentence<'_>,
    from: usize,
    to: usize,
    before_verb: bool,
) -> Vec<(u32, u32)> {
    let mut found = Vec::new();
    let mut buf = String::new();
    for k in from..to {
        if s.is_any(k, &[".", ";", ":"]) {
            break;
        }
        // "ruled that the police must return …": what a clause of its own says is not the
        // verb's object.
        if !before_verb && s.is_any(k, &["that", "whether", "because", "although"]) {
            break;
        }
        // "announced it will impose sanctions": a pronoun and an auxiliary open a clause of
        // their own, whose words are its verb's.
        if !before_verb && s.opens_pronoun_clause(k) {
            break;
        }
        // "issued a statement condemning military cooperation": a participle after a noun
        // opens a phrase of its own, whose words are not the verb's object.
        if !before_verb && k > from && participle_after_noun(s, k) {
            break;
        }
        // "appears to be preparing to launch a missile", "vowed to support Russia": an
        // infinitive's words are its own verb's object.
        if !before_verb && s.is(k, "to") && base_verb_at(triggers, s, k + 1) {
            break;
        }
        buf.clear();
        for (n, tk) in s.tokens[k..to].iter().take(triggers.max_class_words.min(3)).enumerate() {
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(&s.text[tk.start..tk.end]);
            buf.make_ascii_lowercase();
            let singular = buf.strip_suffix("es").into_iter().chain(buf.strip_suffix('s'));
            for w in std::iter::once(buf.as_str()).chain(singular) {
                if let Some(rows) = triggers.object_rows.get(w) {
                    let distance = if before_verb { to - k } else { k - from };
                    found.extend(rows.iter().map(|&r| (r, distance as u32)));
                }
            }
        }
    }
    found
}

pub(in crate::rules) fn has_class(
    coder: &Coder,
    s: &Sentence<'_>,
    from: usize,
    to: usize,
    class: usize,
) -> bool {
    let triggers = coder.triggers;
    let bit = 1u64 << class;
    let mut buf = String::new();
    for k in from..to {
        if s.is_any(k, &[".", ";", ":"]) {
            break;
        }
        for n in 1..=triggers.max_class_words {
            if k + n > to {
                break;
            }
            buf.clear();
            for (i, tk) in s.tokens[k..k + n].iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(&s.text[tk.start..tk.end]);
            }
            buf.make_ascii_lowercase();
            if triggers.class_words.get(&buf).is_some_and(|b| b & bit != 0) {
                return true;
            }
        }
    }
    false
}

/// Whether two or three capitalised words that name no known entity start at `k`: a
/// person's name the lexicon does not know ("Mohammad Ghobadlou").
fn unknown_name_at(s: &Sentence<'_>, k: usize) -> bool {
    let capitalised = |j: usize| {
        s.tokens.get(j).is_some_and(|t| t.word)
            && s.word(j).chars().next().is_some_and(char::is_uppercase)
            && s.word(j).chars().skip(1).all(char::is_lowercase)
    };
    capitalised(k) && capitalised(k + 1) && !covered(k, s.mentions) && !covered(k + 1, s.mentions)
}
