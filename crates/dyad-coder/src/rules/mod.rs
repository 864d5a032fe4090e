//! The coding rules: clauses, arguments, voice, modality, attribution, and the discourse
//! memory that resolves pronouns.

use chrono::NaiveDate;
use dyad_model::{
    Attribution, Citation, Document, Entity, Event, EventType, Location, Modality, TextInfo,
};

use crate::mentions::{self, Kind, Mention, Refers};
use crate::syntax::{self, LazyTree, Tree};
use crate::triggers::Triggers;

mod anchoring;
mod arguments;
mod attribution;
mod candidates;
mod clauses;
mod conversions;
mod details;
mod entities;
mod event;
mod irrealis;
mod modality;
mod parties;
mod screen;
mod senses;
mod speech;
mod unidentified;
mod words;
use crate::tokens::{is, is_any, tokenize, Token};
use crate::triggers::{Form, Pos, Trigger};
use crate::{context, dates, sizes, Coded, Coder, Diagnostic};
use anchoring::*;
use arguments::{is_passive, subject_of_kind};
use attribution::*;
use candidates::has_class;
use clauses::{
    approximate, clauses, coordinated, is_actorish, preposition_before, speech_subject, Clause,
    ClauseKind,
};
use entities::*;
use event::*;
use unidentified::*;
use words::*;

/// The first token from `i` on after day phrases and fillers there ("Sunday", "on Sunday",
/// "in principle", "again"), or `i`: "said on Sunday that", "agreed in principle to".
fn after_day(text: &str, tokens: &[Token], i: usize) -> usize {
    let at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|n| is_any(text, n, words));
    let mut i = i;
    for _ in 0..3 {
        if at(i, DAY_WORDS) || at(i, FILLERS) {
            i += 1;
        } else if at(i, &["on"]) && at(i + 1, DAY_WORDS)
            || at(i, &["in"]) && at(i + 1, &["principle"])
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// The word before the day phrases and fillers that end just before token `k` ("threatened
/// on Monday", "vowed Friday", "agreed in principle"), if any do.
fn before_day(s: &Sentence<'_>, k: usize) -> Option<usize> {
    let mut w = k;
    for _ in 0..3 {
        if w >= 1 && (s.is_any(w - 1, DAY_WORDS) || s.is_any(w - 1, FILLERS)) {
            w -= 1;
            if w >= 1 && s.is(w - 1, "on") && s.is_any(w, DAY_WORDS) {
                w -= 1;
            }
        } else if w >= 2 && s.is(w - 1, "principle") && s.is(w - 2, "in") {
            w -= 2;
        } else {
            break;
        }
    }
    (w < k).then(|| w.checked_sub(1)).flatten()
}

impl Sentence<'_> {
    /// Whether token `k` is a verb of joining an event ("participated", "took part").
    fn joins_in(&self, k: usize) -> bool {
        self.is_any(k, JOINING_VERBS) || self.is_any(k, TAKE) && self.is(k + 1, "part")
    }

    /// Whether the nominal event at `t` is what the verb at `k` commits to: its object
    /// ("promised a withdrawal"), or the noun phrase of "to"/"on" after it ("agreed to a
    /// ceasefire", "agreed on Friday to the release of …"), with at most four words before
    /// the noun. "agreed to postpone the protest" commits to postponing it: after "to" comes
    /// a determiner, a number, a name or the noun itself, not a verb.
    fn commits_to(&self, k: usize, t: usize) -> bool {
        if !self.is_any(k, COMMITMENT_VERBS) || t <= k {
            return false;
        }
        let words_only = |from: usize| {
            from <= t
                && t - from <= 4
                && (from..t).all(|j| {
                    (self.tokens[j].word || self.is(j, "-")) && !self.is_any(j, PREPOSITIONS)
                })
        };
        let prep = after_day(self.text, self.tokens, k + 1);
        if self.is_any(prep, &["to", "on", "upon"]) {
            let first = prep + 1;
            let opens_phrase = first == t
                || self.is_any(first, DETERMINERS)
                || self.text[self.tokens.get(first).map_or(0, |x| x.start)..]
                    .starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                || self.mentions.iter().any(|m| m.tok_start == first);
            return opens_phrase && words_only(first);
        }
        words_only(k + 1)
    }

    /// Whether token `k` is a light verb, a verb of joining ("took part") or of intending
    /// ("is preparing airstrikes") that makes the event noun after it its own.
    fn carries_event(&self, k: usize) -> bool {
        self.is_any(k, LIGHT_VERBS)
            || self.is_any(k, ORDER_VERBS)
            // "Israel is preparing airstrikes", "planned an attack": who intends the act.
            || self.is_any(k, NOUN_INTENT_VERBS) && !self.is_any(k + 1, PREPOSITIONS)
            || self.joins_in(k)
            || self.is_any(k, CLAIM) && self.is_any(k + 1, RESPONSIBILITY)
            || clauses::claims_act(self.text, self.tokens, k)
    }
}

/// What the discourse remembers between sentences.
#[derive(Default)]
struct Discourse {
    /// The most recent actor group that acted or was a subject.
    last_group: Vec<Entity>,
    /// Distinct collective entities (countries, organisations) mentioned, most recent last.
    recent: Vec<Entity>,
    /// The most recent person.
    last_person: Option<Entity>,
    /// How often each country has been named so far: the country the text is about.
    counts: Vec<(dyad_model::CompactString, usize)>,
    /// The words by which people named so far may be named again, most recent last.
    names: Vec<(dyad_model::CompactString, Entity)>,
    /// Whether the document is about North Korea and names no other Kim (a "Kim" alone, in
    /// its headline too, is North Korea's leader).
    korean: bool,
    /// Whether an earlier sentence spoke of work and pay ("teachers", "union", "wages"): a
    /// "strike" in the text is then a walkout unless its sentence makes it an attack.
    labour: bool,
}

impl Discourse {
    fn note(&mut self, entity: &Entity, is_person: bool) {
        if entity.country.is_empty() {
            return;
        }
        if is_person {
            self.last_person = Some(entity.clone());
        }
        match self.counts.iter_mut().find(|(c, _)| *c == entity.country) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((entity.country.clone(), 1)),
        }
        self.recent.retain(|e| e.code != entity.code);
        self.recent.push(entity.clone());
        if self.recent.len() > 8 {
            self.recent.remove(0);
        }
    }

    /// The country named most often so far (the later one on a tie).
    fn main_country(&self) -> Option<dyad_model::CompactString> {
        self.counts.iter().rev().max_by_key(|(_, n)| *n).map(|(c, _)| c.clone())
    }

    fn resolve(&self, refers: Refers, text: &str) -> Vec<Entity> {
        let with_text = |mut e: Entity| {
            e.entity_text = text.into();
            e
        };
        match refers {
            Refers::Singular => {
                let from_group = (self.last_group.len() == 1).then(|| self.last_group[0].clone());
                from_group
                    .or_else(|| self.recent.last().cloned())
                    .map(with_text)
                    .into_iter()
                    .collect()
            }
            Refers::Plural => {
                if !self.last_group.is_empty() {
                    self.last_group.iter().cloned().map(with_text).collect()
                } else {
                    self.recent.last().cloned().map(with_text).into_iter().collect()
                }
            }
            Refers::Person => self.last_person.clone().map(with_text).into_iter().collect(),
            // Resolved where the sentence is known (`entity_in`).
            Refers::Korea(_) => Vec::new(),
            Refers::Pair => {
                if self.last_group.len() >= 2 {
                    self.last_group.iter().cloned().map(with_text).collect()
                } else {
                    let n = self.recent.len();
                    self.recent[n.saturating_sub(2)..].iter().cloned().map(with_text).collect()
                }
            }
        }
    }
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    clauses: &'a [Clause],
    /// Tokens of "according to X," and "citing X": sources, never actors.
    sourced: &'a [bool],
    /// The dependency parse, made when a rule first asks for it; empty for a sentence with
    /// fewer than two parties, where it cannot decide between them.
    parse: &'a LazyTree<'a>,
    /// The parse whatever the parties (empty with `--no-parse`), for the few rules that
    /// read a sentence's grammar without parties to choose from.
    full_parse: &'a LazyTree<'a>,
}

/// "It is thought that …", "it was reported that …": an expletive "it" refers to nothing.
fn expletive(s: &Sentence<'_>, m: &Mention) -> bool {
    matches!(m.kind, Kind::Pronoun(_))
        && s.is(m.tok_start, "it")
        && s.is_any(m.tok_end, &["is", "was", "seems", "appears", "remains", "has"])
        && (m.tok_end + 1..m.tok_end + 4).any(|k| s.is_any(k, &["that", "to"]))
}

impl Sentence<'_> {
    fn tree(&self) -> &Tree {
        self.parse.get()
    }

    /// The sentence's words, for the parse paths that name them.
    fn words(&self) -> syntax::Words<'_> {
        syntax::Words { text: self.text, tokens: self.tokens }
    }

    /// Whether token `k` is inside an attribution ("according to X", "citing X").
    fn is_sourced(&self, k: usize) -> bool {
        self.sourced.get(k).copied().unwrap_or(false)
    }

    fn clause_of(&self, k: usize) -> Clause {
        *self
            .clauses
            .iter()
            .find(|c| c.start <= k && k < c.end.max(c.start + 1))
            .unwrap_or(&Clause { start: 0, end: self.tokens.len(), kind: ClauseKind::Main })
    }

    fn word(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Where the words from `from` (at most `max` of them) stop at a preposition or a
    /// punctuation mark: the noun phrase of a verb's object ("fired his chief of staff",
    /// "released an AI development program").
    fn phrase_end(&self, from: usize, max: usize) -> usize {
        let limit = (from + max).min(self.tokens.len());
        (from..limit)
            .find(|&k| {
                !self.tokens[k].word
                    || self.is_any(k, PREPOSITIONS) && !approximate(self.text, self.tokens, k)
            })
            .unwrap_or(limit)
    }

    fn is(&self, k: usize, w: &str) -> bool {
        self.tokens.get(k).is_some_and(|t| is(self.text, t, w))
    }

    /// Whether the noun at `k` names something done to someone, so that its "of" phrase is
    /// who suffers it ("the arrest of", "the invasion of").
    fn suffered_of(&self, k: usize) -> bool {
        self.is_any(k, PATIENT_NOUNS) || self.is_any(k, TARGET_NOUNS)
    }

    /// Whether the word at `k` names arms: a projectile or a kind of weapon ("drones",
    /// "tanks").
    fn is_arms(&self, k: usize) -> bool {
        self.is_any(k, PROJECTILES) || self.is_any(k, screen::WEAPON_KINDS)
    }

    /// Whether a pronoun and an auxiliary at `k` open a clause of its own ("announced it will
    /// impose", "accusations it is getting").
    fn opens_pronoun_clause(&self, k: usize) -> bool {
        self.is_any(k, SUBJECT_PRONOUNS) && self.is_any(k + 1, CLAUSE_AUXILIARIES)
    }

    fn is_any(&self, k: usize, ws: &[&str]) -> bool {
        self.tokens.get(k).is_some_and(|t| is_any(self.text, t, ws))
    }

    /// Whether token `k` is a verb of saying ([`clauses::speech_verb`]).
    fn is_speech_verb(&self, k: usize) -> bool {
        clauses::speech_verb(self.text, self.tokens, k)
    }
}

/// An argument found for a trigger: the mentions and how they were found.
struct Argument {
    mentions: Vec<usize>,
    how: String,
    /// A bare sector noun whose party the mentions name by country ("rebels in the Ivory
    /// Coast"): its sector goes to their entities that have none.
    sector: Option<usize>,
}

impl Argument {
    /// Whether the argument was found after the preposition `prep`, as its `how` records it
    /// ("obl(to) of `sent`" from the parse, "prep-to" from word order).
    fn via(&self, prep: &str) -> bool {
        self.how.contains(&format!("({prep})")) || self.how.ends_with(&format!("-{prep}"))
    }

    /// Whether one of its mentions names missiles, drones or shells, as its last word or the
    /// word after it ("North Korean missiles", "Iranian drones").
    fn names_projectiles(&self, s: &Sentence<'_>) -> bool {
        self.mentions.iter().any(|&i| names_with(s, i, |k| s.is_any(k, PROJECTILES)))
    }

    /// Whether all its mentions name arms (projectiles or kinds of weapon), as their last
    /// word or the word after it ("KN-23 missiles", "Iranian drones").
    fn names_arms(&self, s: &Sentence<'_>) -> bool {
        !self.mentions.is_empty()
            && self.mentions.iter().all(|&i| names_with(s, i, |k| s.is_arms(k)))
    }
}

/// Whether mention `i`'s last word, or the word after it, is one `word` accepts.
fn names_with(s: &Sentence<'_>, i: usize, word: impl Fn(usize) -> bool) -> bool {
    let m = &s.mentions[i];
    word(m.tok_end - 1) || word(m.tok_end)
}

/// The THREATEN mode of a threatened assault, coercion or sanction: what is threatened.
fn threat_mode(event_type: EventType, modes: &[String], trigger: &Trigger) -> &'static str {
    let has = |m: &str| modes.iter().any(|x| x == m);
    match event_type {
        EventType::Assault => "violence",
        _ if has("arrest") => "arrest",
        _ if has("expel") || has("deport") => "expel",
        _ if has("seize") => "territory",
        _ if has("withdraw") => "relations",
        _ if has("discontinue") && trigger.context == "diplomatic" => "relations",
        _ => "restrict",
    }
}

struct Candidate {
    trigger: usize,
    form: Form,
    tok_start: usize,
    tok_end: usize,
}

pub(crate) fn code_document(coder: &Coder, doc: &Document) -> Coded {
    let lexicon = coder.lexicon();
    let triggers = coder.triggers;
    let mut coded = Coded { n_sentences: doc.sentences.len(), ..Coded::default() };
    let all_matches = lexicon.find(&doc.text);
    let all_triggers: Vec<aho_corasick::Match> = triggers.find(&doc.text);
    let mut discourse = Discourse { korean: about_north_korea(&doc.text), ..Discourse::default() };
    let mut tokens: Vec<Token> = Vec::new();
    let parser = std::cell::RefCell::new(syntax::Parser::default());
    for (sentence_idx, sentence) in doc.sentences.iter().enumerate() {
        if !tokenize_sentence(doc, sentence_idx, &mut tokens, &mut coded.diagnostics) {
            continue;
        }
        let mentions = sentence_mentions(coder, doc, sentence, &tokens, &all_matches, &discourse);
        let sourced = attribution_zone(&doc.text, &tokens);
        let no_clauses: Vec<Clause> = Vec::new();
        let s0 = Sentence {
            text: &doc.text,
            tokens: &tokens,
            mentions: &mentions,
            clauses: &no_clauses,
            sourced: &sourced,
            parse: &LazyTree::new(&doc.text, &tokens, None),
            full_parse: &LazyTree::new(&doc.text, &tokens, None),
        };

        let candidates = candidates::find(coder, &s0, sentence, &all_triggers);

        // Sentences without triggers only feed the discourse memory.
        let clauses =
            if candidates.is_empty() { Vec::new() } else { clauses(&doc.text, &tokens, &mentions) };
        // The parse decides between parties; with fewer than two there is nothing to decide.
        let parties = mentions.iter().filter(|m| !matches!(m.kind, Kind::Place)).count();
        // A sentence with fewer is parsed only if a rule needs its grammatical subject
        // (an unnamed actor: "a minefield explosion near Samarra killed …").
        let full = LazyTree::new(&doc.text, &tokens, (!coder.options.no_parse).then_some(&parser))
            .with_names(headline_names(&doc.text, &tokens, &mentions));
        let unparsed = LazyTree::new(&doc.text, &tokens, None);
        let s = Sentence {
            text: &doc.text,
            tokens: &tokens,
            mentions: &mentions,
            clauses: &clauses,
            sourced: &sourced,
            parse: if parties >= 2 { &full } else { &unparsed },
            full_parse: &full,
        };
        if candidates.is_empty() {
            update_discourse(&mut discourse, &s, &[]);
            continue;
        }
        let sc = SentenceCoding {
            coder,
            doc,
            sentence,
            sentence_idx,
            s: &s,
            candidates: &candidates,
            discourse: &discourse,
            earlier: &coded.events,
        };
        let events = code_sentence(&sc, &mut coded.diagnostics);
        update_discourse(&mut discourse, &s, &events);
        coded.events.extend(events);
    }
    let parser = parser.into_inner();
    (coded.n_parsed, coded.n_parsed_tokens) = (parser.n_sentences, parser.n_tokens);
    coded
}

/// For a headline in title case, which tokens are names: those of the mentions of parties,
/// places and country adjectives. The parser is given the other words in lower case.
fn headline_names(text: &str, tokens: &[Token], mentions: &[Mention]) -> Option<Vec<bool>> {
    if !mentions::is_title_case(text, tokens) {
        return None;
    }
    let mut names = vec![false; tokens.len()];
    for m in mentions.iter().filter(|m| m.kind != Kind::SectorOnly) {
        names[m.tok_start..m.tok_end.min(tokens.len())].fill(true);
    }
    Some(names)
}

/// The mentions of one sentence: its lexicon matches, the names the text used before,
/// "the North"/"the South" in a text about Korea, and "Kim" alone in one about North Korea.
fn sentence_mentions(
    coder: &Coder,
    doc: &Document,
    sentence: &dyad_model::Sentence,
    tokens: &[Token],
    all_matches: &[dyad_lexicon::Match],
    discourse: &Discourse,
) -> Vec<Mention> {
    let lo = all_matches.partition_point(|m| m.start < sentence.start);
    let hi = all_matches.partition_point(|m| m.start < sentence.end);
    let matches: Vec<_> =
        all_matches[lo..hi].iter().copied().filter(|m| m.end <= sentence.end).collect();
    let mut mentions = mentions::find(
        coder.lexicon(),
        &mentions::Input { text: &doc.text, tokens, matches: &matches, date: doc.date },
    );
    mentions::add_known_names(&doc.text, tokens, &mut mentions, &discourse.names);
    let korea = |c: &str| matches!(c, "PRK" | "KOR");
    let about_korea = mentions.iter().any(|m| korea(&m.entity.country))
        || discourse.counts.iter().any(|(c, _)| korea(c));
    mentions::add_korea_halves(&doc.text, tokens, &mut mentions, about_korea);
    mentions::add_korean_leader(&doc.text, tokens, &mut mentions, discourse.korean, doc.date);
    mentions
}

/// Whether a text is about North Korea ("North Korea", "Pyongyang", "DPRK") and names no Kim
/// but its leaders ("South Korean Defence Minister Kim Yong-hyun … Kim said" is not Kim Jong
/// Un): where "Kim" alone stands for the leader of the day.
fn about_north_korea(text: &str) -> bool {
    let north = ["North Korea", "Pyongyang", "DPRK"].iter().any(|w| text.contains(w));
    let other_kim = text.match_indices("Kim ").any(|(i, _)| {
        let rest = &text[i + 4..];
        rest.starts_with(|c: char| c.is_uppercase())
            && !["Jong Un", "Jong-un", "Jong-Un", "Jong Il", "Jong-il", "Il Sung", "Il-sung"]
                .iter()
                .any(|leader| rest.starts_with(leader))
    });
    north && !other_kim
}

/// Tokenises sentence `sentence_idx` into `tokens`; false (with a diagnostic where it is a
/// fault) when it cannot be coded: a span outside the text, no words, or too many tokens.
fn tokenize_sentence(
    doc: &Document,
    sentence_idx: usize,
    tokens: &mut Vec<Token>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let sentence = &doc.sentences[sentence_idx];
    if sentence.end > doc.text.len()
        || sentence.start > sentence.end
        || !doc.text.is_char_boundary(sentence.start)
        || !doc.text.is_char_boundary(sentence.end)
    {
        diagnostics.push(Diagnostic {
            sentence: Some(sentence_idx),
            message: "sentence span outside the text; skipped".into(),
        });
        return false;
    }
    tokens.clear();
    tokenize(&doc.text, sentence.start, sentence.end, tokens);
    if tokens.len() > 400 {
        diagnostics.push(Diagnostic {
            sentence: Some(sentence_idx),
            message: format!("sentence of {} tokens is too long to code; skipped", tokens.len()),
        });
    }
    !tokens.is_empty() && tokens.len() <= 400
}

/// The events of one sentence: each candidate coded, one event per type and dyad, main
/// clauses first.
fn code_sentence(sc: &SentenceCoding<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut memo = SentenceMemo::default();
    let mut events: Vec<Event> = Vec::new();
    let mut ranks: Vec<u8> = Vec::new();
    let mut triggers: Vec<usize> = Vec::new();
    for cand in sc.candidates {
        let Some((event, rank)) = code_event(sc, cand, &mut memo, events.len(), diagnostics) else {
            continue;
        };
        // One event per type and dyad per sentence: "support and help" is one request; the
        // army's shelling and the rebels' attack, one country's two sectors, are two.
        let duplicate = events.iter_mut().find(|e| {
            e.event == event.event
            && same_side(&e.actor, &event.actor, true)
            && same_side(&e.recipient, &event.recipient, false)
            // "agreed to share": the agreement and the intention are one event.
            && (e.modality == event.modality || event.event == EventType::Agree)
        });
        match duplicate {
            // "A car bomb exploded in Kirkuk, killing four police officers": the one event
            // keeps the recipient's sector where only the second names it.
            Some(e) => refine_recipient(&mut e.recipient, &event.recipient),
            None => {
                events.push(event);
                ranks.push(rank);
                triggers.push(cand.tok_start);
            }
        }
    }
    // Which of several events is background, the parse tells too.
    if events.len() >= 2 {
        for (rank, &t) in ranks.iter_mut().zip(&triggers) {
            *rank = (*rank).max(relative_rank(sc.s, t));
        }
    }
    // The sentence's own news first: main clauses and what is said before subordinate
    // and relative clauses, which give background ("after an attack that killed …").
    if ranks.windows(2).any(|w| w[0] > w[1]) {
        let mut ranked: Vec<(u8, Event)> = ranks.into_iter().zip(events).collect();
        ranked.sort_by_key(|(rank, _)| *rank);
        events = ranked.into_iter().map(|(_, e)| e).collect();
    }
    events
}

/// Gives each recipient with no sector that of the same country's recipient in `other`, with
/// its words.
fn refine_recipient(recipient: &mut [Entity], other: &[Entity]) {
    for r in recipient.iter_mut().filter(|r| r.sector.is_empty()) {
        if let Some(o) = other.iter().find(|o| o.code == r.code && !o.sector.is_empty()) {
            *r = o.clone();
        }
    }
}

/// What every event of one sentence is coded against.
#[derive(Clone, Copy)]
struct SentenceCoding<'a, 's> {
    coder: &'a Coder,
    doc: &'a Document,
    sentence: &'a dyad_model::Sentence,
    sentence_idx: usize,
    s: &'a Sentence<'s>,
    candidates: &'a [Candidate],
    discourse: &'a Discourse,
    /// The events of the document's earlier sentences.
    earlier: &'a [Event],
}

/// Per-sentence facts, computed for the sentence's first event and shared by the others.
#[derive(Default)]
struct SentenceMemo {
    extras: Option<SentenceExtras>,
    contexts: Option<Vec<&'static str>>,
}

/// Per-sentence facts every event of the sentence shares.
struct SentenceExtras {
    date_exprs: Vec<dates::DateExpr>,
    #[allow(clippy::type_complexity)]
    anchored: Option<(dates::DateExpr, usize, (NaiveDate, String, String))>,
    quantities: Vec<sizes::Quantity>,
    hedge: Option<String>,
    citations: Vec<Citation>,
}
