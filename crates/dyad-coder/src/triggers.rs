//! The trigger lexicon: words that make events, their inflected forms, and the objects some
//! of them need. `data/triggers.tsv` and `data/classes.tsv` are written by the project;
//! `data/petrarch_verbs.tsv` is converted from PETRARCH2's verb dictionary by
//! `data/tools/petrarch_verbs.py` and adds the verbs the first file does not have.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use dyad_model::EventType;

const TRIGGERS: &str = include_str!("../data/triggers.tsv");
const CLASSES: &str = include_str!("../data/classes.tsv");
const PETRARCH_VERBS: &str = include_str!("../data/petrarch_verbs.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
}

/// How a verb form can be used; decides voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    /// Past tense or past participle (the same for most verbs).
    Past,
    Gerund,
    Plural,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub lemma: String,
    pub pos: Pos,
    pub event: EventType,
    pub mode: String,
    pub context: String,
    /// Index into [`Triggers::classes`].
    pub object: Option<usize>,
    pub reciprocal: bool,
    pub intent: bool,
    pub inverse: bool,
    /// The recipient must be the verb's direct object.
    pub needs_object: bool,
    /// The row lists literal object words (in [`Triggers::object_rows`]), one of which must
    /// follow the verb.
    pub object_words: bool,
    /// A light verb ("take", "give"): its literal object word must stand within six words
    /// after it, since the verb alone means nothing.
    pub light: bool,
    /// The event needs a named or generic actor, never an unidentified one: dictionary
    /// verbs are too broad to make events on their own.
    pub named: bool,
    /// The event needs a recipient as well as an actor (PETRARCH2 codes a verb alone only
    /// between a source and a target): a dictionary verb bare of any object pattern
    /// ("increased", "affect", "argue") says too little about a single party.
    pub dyadic: bool,
    /// A predicative judgement ("despicable", "unacceptable"): an accusation of whoever the
    /// judged clause names, made by the speaker.
    pub judgement: bool,
    /// A participle of feeling ("appalled", "concerned"): an event only as "X was appalled
    /// by Y", X's disapproval of Y's doer.
    pub feeling: bool,
    /// "must"/"should" in reported speech: the speaker demands of the subject what follows
    /// ("Russia said Sudan must return the helicopter": REQUEST RUS→SDN).
    pub obligation: bool,
    /// An appeal (CAMEO 02: "asked", "urged", "called on"), not a demand (CAMEO 10): PLOVER
    /// codes both REQUEST; the event keeps CAMEO's 02x code.
    pub appeal: bool,
    /// The party after "in" is the recipient, not the place: "invested in Kenya".
    pub in_partner: bool,
    /// Converted from the PETRARCH2 dictionary (not written for dyad): a past form needs the
    /// same evidence of being a finite verb as a present one.
    pub dictionary: bool,
}

pub struct Triggers {
    pub rows: Vec<Trigger>,
    /// Per automaton pattern: the (row, form) pairs it stands for, in file order.
    pub forms: Vec<Vec<(usize, Form)>>,
    pub automaton: AhoCorasick,
    pub class_names: Vec<String>,
    /// Lower-case phrase → bit set of classes.
    pub class_words: dyad_lexicon::fasthash::FnvMap<String, u64>,
    pub max_class_words: usize,
    /// First bytes of every form: words no form starts with skip the automaton.
    prefixes: dyad_lexicon::PrefixFilter,
    /// Literal object phrase (lower case) → the rows (ascending) that accept it: a match looks
    /// the words after a verb up once, not once per row.
    pub object_rows: dyad_lexicon::fasthash::FnvMap<String, Vec<u32>>,
}

fn inflect_verb(lemma: &str) -> [(String, Form); 4] {
    let (head, tail) = match lemma.split_once(' ') {
        Some((h, t)) => (h, format!(" {t}")),
        None => (lemma, String::new()),
    };
    let bytes = head.as_bytes();
    let last = bytes.last().copied().unwrap_or(b'a');
    let before_last = if bytes.len() >= 2 { bytes[bytes.len() - 2] } else { b'a' };
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let third =
        if head.ends_with(['s', 'x', 'z', 'o']) || head.ends_with("ch") || head.ends_with("sh") {
            format!("{head}es")
        } else if last == b'y' && !vowel(before_last) {
            format!("{}ies", &head[..head.len() - 1])
        } else {
            format!("{head}s")
        };
    let past = if last == b'e' {
        format!("{head}d")
    } else if last == b'y' && !vowel(before_last) {
        format!("{}ied", &head[..head.len() - 1])
    } else {
        format!("{head}ed")
    };
    let gerund = if last == b'e' && !head.ends_with("ee") && head.len() > 2 {
        format!("{}ing", &head[..head.len() - 1])
    } else {
        format!("{head}ing")
    };
    [
        (format!("{head}{tail}"), Form::Base),
        (format!("{third}{tail}"), Form::Third),
        (format!("{past}{tail}"), Form::Past),
        (format!("{gerund}{tail}"), Form::Gerund),
    ]
}

fn plural(noun: &str) -> String {
    if noun.ends_with(['s', 'x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else if noun.ends_with('y')
        && !noun.ends_with("ay")
        && !noun.ends_with("ey")
        && !noun.ends_with("oy")
    {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

/// A trigger row from the cells of one line of a trigger table; `None` when its event type is
/// unknown.
fn trigger_row(cells: &[&str], class_names: &[String], dictionary: bool) -> Option<Trigger> {
    let cell = |i: usize| cells.get(i).copied().unwrap_or("");
    let event = cell(2).parse::<EventType>().ok()?;
    let pos = if cell(1) == "noun" { Pos::Noun } else { Pos::Verb };
    let flags: Vec<&str> = cell(7).split(',').map(str::trim).collect();
    let flag = |f: &str| flags.contains(&f);
    let object_words =
        cell(5).strip_prefix('=').is_some_and(|l| l.split('|').any(|w| !w.is_empty()));
    Some(Trigger {
        lemma: cell(0).to_string(),
        pos,
        event,
        mode: cell(3).to_string(),
        context: cell(4).to_string(),
        object: class_names.iter().position(|c| c == cell(5)),
        reciprocal: cell(7).contains("reciprocal"),
        intent: cell(7).contains("intent"),
        inverse: cell(7).contains("inverse"),
        needs_object: flag("object"),
        object_words,
        light: flag("light"),
        named: flag("named"),
        dyadic: flag("dyadic"),
        judgement: flag("judgement"),
        feeling: flag("feeling"),
        obligation: flag("obligation"),
        appeal: flag("appeal"),
        in_partner: flag("in"),
        dictionary,
    })
}

impl Triggers {
    pub fn builtin() -> Triggers {
        let (class_names, class_words, mut max_class_words) = object_classes();
        let mut rows = Vec::new();
        let mut object_rows: dyad_lexicon::fasthash::FnvMap<String, Vec<u32>> = Default::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut forms: Vec<Vec<(usize, Form)>> = Vec::new();
        let data_rows = |data: &'static str| {
            data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1)
        };
        let ours = data_rows(TRIGGERS).map(|l| (l, false));
        for (line, dictionary) in ours.chain(data_rows(PETRARCH_VERBS).map(|l| (l, true))) {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or("");
            // The data file is part of the build and covered by tests; a bad row is skipped
            // rather than allowed to stop coding.
            let Some(trigger) = trigger_row(&cells, &class_names, dictionary) else { continue };
            let pos = trigger.pos;
            let row_idx = rows.len();
            for w in cell(5).strip_prefix('=').into_iter().flat_map(|l| l.split('|')) {
                if w.is_empty() {
                    continue;
                }
                max_class_words = max_class_words.max(w.split(' ').count());
                let rows_of = object_rows.entry(w.to_string()).or_default();
                if rows_of.last() != Some(&(row_idx as u32)) {
                    rows_of.push(row_idx as u32);
                }
            }
            rows.push(trigger);
            for (text, form) in surface_forms(cell(0), pos, cell(6)) {
                let key = text.to_ascii_lowercase();
                let idx = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    forms.push(Vec::new());
                    patterns.len() - 1
                });
                if !forms[idx].contains(&(row_idx, form)) {
                    forms[idx].push((row_idx, form));
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .expect("trigger patterns compile");
        let mut prefixes = dyad_lexicon::PrefixFilter::default();
        for p in &patterns {
            prefixes.insert(p);
        }
        Triggers {
            rows,
            forms,
            automaton,
            class_names,
            class_words,
            max_class_words,
            prefixes,
            object_rows,
        }
    }

    /// Trigger words in `text`: an anchored search at each word start, so a form inside a
    /// longer word ("aid" in "said") never matches; whole words only.
    pub fn find(&self, text: &str) -> Vec<aho_corasick::Match> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            if !bytes[pos].is_ascii_alphabetic() || crate::tokens::alnum_before(text, pos) {
                pos += 1;
                continue;
            }
            let input = Input::new(text).span(pos..bytes.len()).anchored(Anchored::Yes);
            let found =
                if self.prefixes.may_start(bytes, pos) { self.automaton.find(input) } else { None };
            if let Some(m) = found {
                if !crate::tokens::alnum_after(text, m.end()) {
                    out.push(m);
                    pos = m.end();
                    continue;
                }
            }
            while pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
                pos += 1;
            }
        }
        out
    }

    /// The trigger pattern that is exactly `text[start..end]`, if any: a shorter reading of
    /// a phrase found by [`Triggers::find`] ("meet" in "meet with").
    pub fn exact(&self, text: &str, start: usize, end: usize) -> Option<usize> {
        let input = Input::new(text).span(start..end).anchored(Anchored::Yes);
        self.automaton.find(input).filter(|m| m.end() == end).map(|m| m.pattern().as_usize())
    }

    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.class_names.iter().position(|c| c == name)
    }
}

/// The object classes of `CLASSES`: their names, each word's class bits, and the most words
/// in one class entry.
fn object_classes() -> (Vec<String>, dyad_lexicon::fasthash::FnvMap<String, u64>, usize) {
    let mut class_names = Vec::new();
    let mut class_words: dyad_lexicon::fasthash::FnvMap<String, u64> = Default::default();
    let mut max_class_words = 1;
    for line in CLASSES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1) {
        let (name, words) = line.split_once('\t').unwrap_or((line, ""));
        // Class sets are 64-bit masks; the data file is part of the build and a test
        // keeps it within them.
        if class_names.len() == 64 {
            break;
        }
        class_names.push(name.trim().to_string());
        let bit = 1u64 << (class_names.len() - 1);
        for word in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            max_class_words = max_class_words.max(word.split(' ').count());
            *class_words.entry(word.to_string()).or_default() |= bit;
        }
    }
    (class_names, class_words, max_class_words)
}

/// The surface forms of a trigger row: its lemma and the forms given in the row's forms cell
/// (`explicit`, `|`-separated), or the regular inflections when none are given.
fn surface_forms(lemma: &str, pos: Pos, explicit: &str) -> Vec<(String, Form)> {
    let explicit: Vec<&str> =
        explicit.split('|').map(str::trim).filter(|f| !f.is_empty()).collect();
    let mut these: Vec<(String, Form)> = Vec::new();
    match pos {
        Pos::Verb if explicit.is_empty() => these.extend(inflect_verb(lemma)),
        Pos::Verb => {
            these.push((lemma.to_string(), Form::Base));
            for (i, f) in explicit.iter().enumerate() {
                let form = match i {
                    0 => Form::Third,
                    3 => Form::Gerund,
                    _ if f.ends_with("ing") => Form::Gerund,
                    _ => Form::Past,
                };
                these.push((f.to_string(), form));
            }
        }
        Pos::Noun if explicit.is_empty() => {
            these.push((lemma.to_string(), Form::Base));
            these.push((plural(lemma), Form::Plural));
        }
        Pos::Noun => {
            these.push((lemma.to_string(), Form::Base));
            these.extend(explicit.iter().map(|f| (f.to_string(), Form::Plural)));
        }
    }
    these
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        let forms: Vec<String> = inflect_verb("supply").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["supply", "supplies", "supplied", "supplying"]);
        let forms: Vec<String> = inflect_verb("agree").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["agree", "agrees", "agreed", "agreeing"]);
        let forms: Vec<String> = inflect_verb("warn").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["warn", "warns", "warned", "warning"]);
        let forms: Vec<String> = inflect_verb("reach agreement").into_iter().map(|f| f.0).collect();
        assert_eq!(forms[1], "reaches agreement");
        assert_eq!(plural("treaty"), "treaties");
    }

    #[test]
    fn data_loads_every_row() {
        let t = Triggers::builtin();
        let classes =
            CLASSES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count() - 1;
        assert_eq!(t.class_names.len(), classes, "more object classes than a 64-bit set holds");
        let count = |data: &str| {
            data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count() - 1
        };
        assert_eq!(
            t.rows.len(),
            count(TRIGGERS) + count(PETRARCH_VERBS),
            "a trigger row has an unknown event type"
        );
        for line in TRIGGERS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1)
        {
            let object = line.split('\t').nth(5).unwrap_or("");
            assert!(
                object.is_empty() || object.starts_with('=') || t.class_index(object).is_some(),
                "unknown class in {line}"
            );
        }
        for event in EventType::ALL {
            assert!(t.rows.iter().any(|r| r.event == event), "no trigger for {event}");
        }
    }
}
