//! The dependency parse of a sentence, and the argument paths the rules read from it.
//!
//! A sentence with at least one trigger candidate is tagged and parsed by `dyad-syntax` over
//! the coder's own tokens, so token numbers agree with mentions and triggers. The paths here
//! only name tokens; which mention a token belongs to is the rules' business.

use std::cell::{OnceCell, RefCell};

use dyad_syntax::{Model, Workspace};

use crate::tokens::Token;

const NO_HEAD: u32 = u32::MAX;

/// Heads and relations of a sentence's tokens (0-based; the root has no head).
#[derive(Debug, Default)]
pub(crate) struct Tree {
    head: Vec<u32>,
    rel: Vec<&'static str>,
}

/// Buffers reused across sentences, and what was parsed.
#[derive(Default)]
pub(crate) struct Parser {
    ws: Workspace,
    out: Vec<dyad_syntax::Token<'static>>,
    pub n_sentences: usize,
    pub n_tokens: usize,
}

impl Parser {
    /// Parses the tokens of one sentence. `names` says, for a headline in title case, which
    /// tokens keep their capital: the others are given to the tagger in lower case, as they
    /// would stand in running text ("Police Detain Hundreds of Activists" is tagged as
    /// "Police detain hundreds of activists", not as a name).
    pub fn parse(&mut self, text: &str, tokens: &[Token], names: Option<&[bool]>, tree: &mut Tree) {
        tree.head.clear();
        tree.rel.clear();
        self.n_sentences += 1;
        self.n_tokens += tokens.len();
        let lowered: Vec<String>;
        let forms: Vec<&str> = match names {
            Some(names) => {
                lowered = tokens
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        let w = &text[t.start..t.end];
                        let acronym =
                            w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                        if k == 0 || names.get(k).copied().unwrap_or(true) || acronym {
                            w.to_string()
                        } else {
                            w.to_lowercase()
                        }
                    })
                    .collect();
                lowered.iter().map(String::as_str).collect()
            }
            None => tokens.iter().map(|t| &text[t.start..t.end]).collect(),
        };
        Model::builtin().parse_into(&forms, &mut self.ws, &mut self.out);
        for t in &self.out {
            tree.head.push(if t.head == 0 { NO_HEAD } else { (t.head - 1) as u32 });
            tree.rel.push(t.deprel);
        }
    }
}

/// A sentence's parse, made the first time a rule asks for it: most sentences never need one.
pub(crate) struct LazyTree<'a> {
    text: &'a str,
    tokens: &'a [Token],
    parser: Option<&'a RefCell<Parser>>,
    /// For a headline in title case, the tokens that are names (see [`Parser::parse`]).
    names: Option<Vec<bool>>,
    tree: OnceCell<Tree>,
}

impl<'a> LazyTree<'a> {
    /// A parse of `tokens` on demand; with no parser, the empty tree.
    pub fn new(text: &'a str, tokens: &'a [Token], parser: Option<&'a RefCell<Parser>>) -> Self {
        LazyTree { text, tokens, parser, names: None, tree: OnceCell::new() }
    }

    /// The same for a headline in title case whose names are the tokens marked in `names`.
    pub fn with_names(mut self, names: Option<Vec<bool>>) -> Self {
        self.names = names;
        self
    }

    pub fn get(&self) -> &Tree {
        self.tree.get_or_init(|| {
            let mut tree = Tree::default();
            if let Some(parser) = self.parser {
                parser.borrow_mut().parse(self.text, self.tokens, self.names.as_deref(), &mut tree);
            }
            tree
        })
    }
}

impl Tree {
    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    pub fn head(&self, k: usize) -> Option<usize> {
        self.head.get(k).filter(|&&h| h != NO_HEAD).map(|&h| h as usize)
    }

    pub fn rel(&self, k: usize) -> &'static str {
        self.rel.get(k).copied().unwrap_or("")
    }

    /// The dependents of `h`, left to right.
    pub fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.head.iter().enumerate().filter(move |&(_, &x)| x as usize == h).map(|(k, _)| k)
    }

    /// The first dependent of `h` with relation `rel`.
    pub fn child(&self, h: usize, rel: &str) -> Option<usize> {
        self.children(h).find(|&k| self.rel(k) == rel)
    }

    /// Whether `n` is `k` or one of the words above it, looking at most `steps` words up
    /// from `k` itself.
    pub fn under(&self, k: usize, n: usize, steps: usize) -> bool {
        let mut x = Some(k);
        for _ in 0..steps {
            match x {
                Some(y) if y == n => return true,
                Some(y) => x = self.head(y),
                None => return false,
            }
        }
        false
    }

    /// The head word of the tokens `start..end`: the one whose head lies outside them.
    pub fn phrase_head(&self, start: usize, end: usize) -> usize {
        (start..end).find(|&k| self.head(k).is_none_or(|h| h < start || h >= end)).unwrap_or(start)
    }
}

/// The words of the sentence, for paths that name them.
pub(crate) struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
}

impl Words<'_> {
    pub fn word(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| &self.text[t.start..t.end])
    }
}

/// How a subject was reached: the token and the relations followed.
pub(crate) struct Path {
    pub token: usize,
    pub how: String,
    /// Reached as the noun an infinitive is the purpose of ("the dispatch of troops to
    /// fight"): the party is whoever that noun's phrase names.
    pub purpose: bool,
}

/// The subject of verb `v`: its own `nsubj`, else, for verbs without one, the subject they
/// share: the controller of an `xcomp` (the object of "urged X to …", else its subject; also
/// of an infinitive the parse makes a purpose of a verb of asking or forcing), the
/// first conjunct's, the noun a relative clause modifies, the subject of the verb a purpose
/// infinitive or a participle modifies, or the noun an infinitive is the purpose of ("the
/// dispatch of troops to fight": `Path::purpose`).
pub(crate) fn subject(tree: &Tree, cx: &Words<'_>, v: usize) -> Option<Path> {
    let mut v = v;
    let mut how = String::new();
    for climbed in 0..6 {
        if let Some(n) = own_subject(tree, v, climbed > 0) {
            return own_subject_path(tree, cx, v, n, how);
        }
        let h = tree.head(v)?;
        let infinitive = has_dependent(tree, cx, v, "mark", "to");
        // "called on Yemen to lift", "appealed to the UN to end" (often parsed as a purpose
        // clause): the party the appeal is addressed to does what is asked.
        if infinitive && matches!(tree.rel(v), "xcomp" | "advcl") {
            if let Some(o) = addressee(tree, cx, h, v) {
                how.push_str(&format!("addressee of `{}` (does `{}`)", cx.word(h), cx.word(v)));
                return Some(Path { token: o, how, purpose: false });
            }
        }
        match tree.rel(v) {
            "xcomp" => {
                // Object control needs an infinitive: "urged Iran to stop".
                if let Some(o) =
                    tree.child(h, "obj").or_else(|| tree.child(h, "iobj")).filter(|_| infinitive)
                {
                    how.push_str(&format!("obj of `{}` (controls `{}`)", cx.word(h), cx.word(v)));
                    return Some(Path { token: o, how, purpose: false });
                }
                how.push_str(&format!("xcomp of `{}`: ", cx.word(h)));
            }
            "advcl" if !infinitive && participle_of_clause(tree, cx, v) => {
                return participle_subject(tree, cx, h, v, how);
            }
            "conj" => how.push_str(&format!("conj of `{}`: ", cx.word(h))),
            // "is reviewing whether to send shells to Kyiv, an aide told reporters": an
            // infinitive after "whether" or "how" is no purpose, whatever the parse hangs
            // it on.
            "advcl" if infinitive && after_wh(tree, cx, v) => return None,
            "advcl" if infinitive => {
                // "urged the Israeli government to allow …" (parsed as a purpose clause): the
                // object of a verb of asking or forcing does what it is asked.
                if let Some(o) = object_before(tree, h, v).filter(|_| controls_object(cx.word(h))) {
                    how.push_str(&format!("obj of `{}` (controls `{}`)", cx.word(h), cx.word(v)));
                    return Some(Path { token: o, how, purpose: false });
                }
                // "sent workers to help Russia": a purpose infinitive shares its verb's subject.
                how.push_str(&format!("purpose of `{}`: ", cx.word(h)));
            }
            "acl" if infinitive && purpose_of_act(tree, cx, h) => {
                let (noun, verb) = (cx.word(h), cx.word(v));
                how.push_str(&format!("party of `{noun}` (whose purpose is `{verb}`)"));
                return Some(Path { token: h, how, purpose: true });
            }
            "acl:relcl" => {
                how.push_str(&format!("noun of the relative clause `{}`", cx.word(v)));
                return Some(Path { token: h, how, purpose: false });
            }
            // "China issued a statement condemning Japan": the participle of a text that
            // is the object of a verb is said by that verb's subject ("Japan's statement
            // condemning …" names its author on the noun).
            "acl" if !infinitive && says_for_author(tree, cx, h, v) => {
                how.push_str(&format!("author of `{}` (says `{}`): ", cx.word(h), cx.word(v)));
                v = tree.head(h)?;
                continue;
            }
            // "students demonstrating against the fee rise": an active participle right after
            // its noun has that noun for its subject.
            "acl" if !infinitive && h + 1 == v && cx.word(v).ends_with("ing") => {
                how.push_str(&format!("noun of the participle `{}`", cx.word(v)));
                return Some(Path { token: h, how, purpose: false });
            }
            _ => return None,
        }
        v = h;
    }
    None
}

/// The path to the subject `n` of verb `v` itself, after the relations `how` followed: "the
/// rebels who attacked": the relative pronoun stands for the noun.
fn own_subject_path(
    tree: &Tree,
    cx: &Words<'_>,
    v: usize,
    n: usize,
    mut how: String,
) -> Option<Path> {
    let w = cx.word(v);
    let token = if tree.rel(v) == "acl:relcl"
        && matches!(cx.word(n).to_ascii_lowercase().as_str(), "who" | "which" | "that")
    {
        how.push_str(&format!("noun of the relative clause `{w}`"));
        tree.head(v)?
    } else {
        how.push_str(&format!("nsubj of `{w}`"));
        n
    };
    Some(Path { token, how, purpose: false })
}

/// Whether the participle `v` right after the text noun `h` says what the text's author says:
/// the text is the object of a verb of issuing and names no author of its own ("a joint
/// statement" does not; "an EU statement", "Japan's statement" do).
fn says_for_author(tree: &Tree, cx: &Words<'_>, h: usize, v: usize) -> bool {
    h + 1 == v
        && cx.word(v).ends_with("ing")
        && is_document(cx.word(h))
        && tree.rel(h) == "obj"
        && tree.head(h).is_some_and(|g| issues_text(cx.word(g)))
        && tree.children(h).all(|c| {
            c > h
                || tree.rel(c) != "nmod:poss"
                    && !(matches!(tree.rel(c), "compound" | "amod")
                        && cx.word(c).starts_with(|ch: char| ch.is_uppercase()))
        })
}

/// Texts that speak for their author: a participle of speech after one ("a statement
/// condemning …", "a resolution urging …") is the author's act.
pub(crate) const DOCUMENTS: &[&str] = &[
    "statement",
    "statements",
    "resolution",
    "resolutions",
    "motion",
    "letter",
    "declaration",
    "communique",
    "communiqué",
    "petition",
    "message",
    "report",
    "editorial",
    "bill",
    "decree",
    "note",
    "memorandum",
    "appeal",
    "notice",
];

/// Whether `word` is a verb by which an author puts out a text ("issued a statement",
/// "passed a resolution"), not one by which others act on it ("blocked an EU statement").
pub(crate) fn issues_text(word: &str) -> bool {
    const ISSUING: &[&str] = &[
        "issue",
        "issues",
        "issued",
        "issuing",
        "release",
        "releases",
        "released",
        "releasing",
        "publish",
        "publishes",
        "published",
        "pass",
        "passes",
        "passed",
        "passing",
        "adopt",
        "adopts",
        "adopted",
        "approve",
        "approves",
        "approved",
        "send",
        "sends",
        "sent",
        "sign",
        "signs",
        "signed",
        "make",
        "makes",
        "made",
        "post",
        "posts",
        "posted",
        "deliver",
        "delivers",
        "delivered",
        "submit",
        "submits",
        "submitted",
        "put",
        "puts",
        "unveil",
        "unveils",
        "unveiled",
        "draft",
        "drafted",
        "write",
        "writes",
        "wrote",
        "read",
        "reads",
        "adopting",
        "approving",
        "sending",
        "signing",
        "making",
        "publishing",
        "posting",
        "submitting",
        "unveiling",
        "drafting",
        "writing",
    ];
    ISSUING.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `word` names a text that speaks for its author.
fn is_document(word: &str) -> bool {
    DOCUMENTS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

/// Whether the "to" of the infinitive `v` follows "whether", "how", "what", "where" or "when".
fn after_wh(tree: &Tree, cx: &Words<'_>, v: usize) -> bool {
    tree.children(v)
        .find(|&c| tree.rel(c) == "mark" && cx.word(c).eq_ignore_ascii_case("to"))
        .and_then(|to| to.checked_sub(1))
        .is_some_and(|k| {
            matches!(
                cx.word(k).to_ascii_lowercase().as_str(),
                "whether" | "how" | "what" | "where" | "when"
            )
        })
}

/// The subject of `v` itself: its `nsubj`; once `climbed` to it through an infinitive, also
/// its `nsubj:pass` ("engineers are expected to help", "troops were ordered to withdraw": the
/// passive's subject is the one who acts).
fn own_subject(tree: &Tree, v: usize, climbed: bool) -> Option<usize> {
    tree.child(v, "nsubj").or_else(|| climbed.then(|| tree.child(v, "nsubj:pass")).flatten())
}

/// The object of `h` whose phrase ends right before the "to" of the infinitive `v` ("urged
/// the Israeli government | to allow"), not one with other words between ("allow the return
/// of inspectors without conditions | to remove doubts": a purpose).
fn object_before(tree: &Tree, h: usize, v: usize) -> Option<usize> {
    tree.child(h, "obj").filter(|&o| o < v && ends_before_to(tree, o, v))
}

/// Whether `word` is a form of a verb whose object does what its infinitive says ("urged
/// Iran to stop", "forced the rebels to surrender", "allowed inspectors to enter").
fn controls_object(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "urg", "ask", "told", "tell", "forc", "press", "encourag", "invit", "order", "persuad",
        "compel", "allow", "permit", "enabl",
    ];
    let w = word.to_ascii_lowercase();
    STEMS.iter().any(|stem| w.starts_with(stem))
}

/// The subject of participle `v` of a clause, hung on verb `h`: that verb's subject; but
/// "Rutte said troops had been sent, calling their deployment an escalation": a participle
/// of saying or judging hung on reported speech is the speaker's.
fn participle_subject(
    tree: &Tree,
    cx: &Words<'_>,
    h: usize,
    v: usize,
    mut how: String,
) -> Option<Path> {
    if let Some((g, n)) = speaker_of_report(tree, cx, h, v) {
        let (said, verb) = (cx.word(g), cx.word(v));
        how.push_str(&format!("nsubj of `{said}` (participle `{verb}` of the report)"));
        return Some(Path { token: n, how, purpose: false });
    }
    // "Ukraine accused Russia of striking a block of flats, killing five": the parse may hang
    // what the act did on the verb of accusing; the one accused did it.
    if let Some(o) = accused_of(tree, cx, h, v) {
        let (accused, verb) = (cx.word(h), cx.word(v));
        how.push_str(&format!("obj of `{accused}` (participle `{verb}` of the act)"));
        return Some(Path { token: o, how, purpose: false });
    }
    let n = tree.child(h, "nsubj")?;
    how.push_str(&format!("nsubj of `{}` (participle `{}`)", cx.word(h), cx.word(v)));
    Some(Path { token: n, how, purpose: false })
}

/// Participles of saying or judging: after reported speech they are the speaker's words.
const SPEAKING_PARTICIPLES: &[&str] = &[
    "calling",
    "describing",
    "branding",
    "labelling",
    "labeling",
    "terming",
    "accusing",
    "blaming",
    "saying",
    "adding",
    "noting",
    "insisting",
    "arguing",
    "dismissing",
    "condemning",
    "denouncing",
    "criticising",
    "criticizing",
];

/// The object of verb `h` when it accuses or blames ("accused Russia of striking …") and `v`,
/// hung on it after a comma, is a participle of what the act did ("…, killing five").
fn accused_of(tree: &Tree, cx: &Words<'_>, h: usize, v: usize) -> Option<usize> {
    const CONSEQUENCES: &[&str] = &[
        "killing",
        "wounding",
        "injuring",
        "leaving",
        "destroying",
        "damaging",
        "displacing",
        "forcing",
    ];
    let verb = cx.word(h).to_ascii_lowercase();
    let accuses = ["accus", "blam"].iter().any(|a| verb.starts_with(a));
    let lower = cx.word(v).to_ascii_lowercase();
    if !accuses || v == 0 || cx.word(v - 1) != "," || !CONSEQUENCES.contains(&lower.as_str()) {
        return None;
    }
    tree.child(h, "obj")
}

/// Whether `word` is a participle of saying or judging ("accusing", "calling", "noting").
pub(crate) fn speaking_participle(word: &str) -> bool {
    SPEAKING_PARTICIPLES.contains(&word.to_ascii_lowercase().as_str())
}

/// The speech verb and its subject when verb `h` is what it reports and `v`, hung on `h`, is
/// a participle of saying or judging after a comma.
fn speaker_of_report(tree: &Tree, cx: &Words<'_>, h: usize, v: usize) -> Option<(usize, usize)> {
    let lower = cx.word(v).to_ascii_lowercase();
    if tree.rel(h) != "ccomp"
        || v == 0
        || cx.word(v - 1) != ","
        || !SPEAKING_PARTICIPLES.contains(&lower.as_str())
    {
        return None;
    }
    let g = tree.head(h)?;
    Some((g, tree.child(g, "nsubj")?))
}

/// "opened fire on the crowd, killing three": whether the `advcl` participle `v` has the
/// subject of the clause it modifies (not a passive's subject: "three were killed, sparking
/// protests"), also after a preposition of time or means ("by defying", "after shelling"), but
/// not after "in" or "for", which the parse may hang on the wrong verb ("thanked X for its help
/// in retaking").
fn participle_of_clause(tree: &Tree, cx: &Words<'_>, v: usize) -> bool {
    cx.word(v).to_ascii_lowercase().ends_with("ing")
        && tree.child(v, "mark").is_none_or(|m| {
            matches!(
                cx.word(m).to_ascii_lowercase().as_str(),
                "by" | "after" | "before" | "while" | "when" | "upon" | "since" | "without"
            )
        })
}

/// "condemned the dispatch of North Korean troops to fight against Ukraine": whether an
/// infinitive on noun `h` is done by the party that noun's phrase names (not by whoever speaks
/// of it): a noun in a predicate (not a verb the parse took for a noun and made a subject: "the
/// military continues to defy") that names an act with its party ("the dispatch of troops",
/// "Russia's use of drones") or is itself inside such a phrase. Otherwise ("stormed the Mexican
/// embassy to arrest", "summoned the ambassador to protest") the parse names no subject and word
/// order finds the verb's.
fn purpose_of_act(tree: &Tree, cx: &Words<'_>, h: usize) -> bool {
    tree.rel(h) == "nmod"
        || matches!(tree.rel(h), "obj" | "iobj" | "obl") && names_its_party(tree, cx, h)
}

/// Whether noun `n` has a possessor or an "of" phrase: "Russia's use", "the dispatch of troops".
fn names_its_party(tree: &Tree, cx: &Words<'_>, n: usize) -> bool {
    tree.children(n).any(|c| {
        tree.rel(c) == "nmod:poss"
            || tree.rel(c) == "nmod" && has_dependent(tree, cx, c, "case", "of")
    })
}

/// The party an appeal made with verb `h` is addressed to, before its infinitive `v`:
/// "called on Yemen", "appealed to the UN".
fn addressee(tree: &Tree, cx: &Words<'_>, h: usize, v: usize) -> Option<usize> {
    let verb = cx.word(h).to_ascii_lowercase();
    let appeal = verb.starts_with("appeal") || verb.starts_with("plead");
    let calling = ["call", "press", "push"].iter().any(|w| verb.starts_with(w));
    tree.children(h).find(|&c| {
        c < v
            && tree.rel(c) == "obl"
            && (has_dependent(tree, cx, c, "case", "on")
                || has_dependent(tree, cx, c, "case", "upon")
                || appeal && has_dependent(tree, cx, c, "case", "to")
                // "called for the Taliban to release …": "for X to" after a verb of calling
                // makes X the doer (not after "pleaded for US missiles to strike …").
                || calling && has_dependent(tree, cx, c, "case", "for") && ends_before_to(tree, c, v))
    })
}

/// Whether the phrase of `n` ends right before the "to" of the infinitive `v`.
fn ends_before_to(tree: &Tree, n: usize, v: usize) -> bool {
    let Some(to) = tree.children(v).find(|&c| tree.rel(c) == "mark") else { return false };
    (n..to).rev().find(|&k| tree.under(k, n, 12)).is_some_and(|end| end + 1 == to)
}

/// The agent of a passive verb: `obl:agent`, or an `obl` with "by".
pub(crate) fn agent(tree: &Tree, cx: &Words<'_>, v: usize) -> Option<usize> {
    tree.child(v, "obl:agent").or_else(|| {
        tree.children(v).find(|&c| tree.rel(c) == "obl" && has_dependent(tree, cx, c, "case", "by"))
    })
}

/// The objects and obliques of verb `v` that may name a party, left to right: `obj`, `iobj`,
/// and `obl` with its preposition (lower-cased); also the prepositional modifiers of an
/// object that names no party ("delivered goods to X").
pub(crate) fn objects(tree: &Tree, cx: &Words<'_>, v: usize) -> Vec<(usize, String)> {
    let case = |n: usize| case_word(tree, cx, n);
    let mut out = Vec::new();
    for c in tree.children(v) {
        match tree.rel(c) {
            "obj" | "iobj" => {
                out.push((c, String::new()));
                for m in tree.children(c).filter(|&m| tree.rel(m) == "nmod") {
                    if let Some(p) = case(m).filter(|p| p != "of") {
                        out.push((m, p));
                    }
                }
            }
            "obl" => {
                if let Some(p) = case(c) {
                    out.push((c, p));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `n` has a dependent with relation `rel` that is the word `word` (ASCII case
/// ignored): the "to" that marks an infinitive, the "by" of an agent.
pub(crate) fn has_dependent(tree: &Tree, cx: &Words<'_>, n: usize, rel: &str, word: &str) -> bool {
    tree.children(n).any(|k| tree.rel(k) == rel && cx.word(k).eq_ignore_ascii_case(word))
}

/// The case word (preposition) of a nominal, lower-cased.
pub(crate) fn case_word(tree: &Tree, cx: &Words<'_>, n: usize) -> Option<String> {
    tree.children(n).find(|&k| tree.rel(k) == "case").map(|k| cx.word(k).to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use crate::{Coder, Options};

    fn document(text: &str) -> dyad_model::Document {
        let mut doc = dyad_model::Document { text: text.into(), ..Default::default() };
        doc.paragraphs = vec![(0, text.len())];
        doc.sentences = dyad_ingest::split_sentences(text)
            .into_iter()
            .map(|(start, end)| dyad_model::Sentence { start, end, paragraph: 0 })
            .collect();
        doc
    }

    /// What the parse costs is counted: a sentence is parsed when a candidate's arguments
    /// are wanted and it names two parties, not when it has no candidate, and never with
    /// `no_parse`.
    #[test]
    fn parsed_sentences_and_tokens_are_counted() {
        let doc = document("Russia attacked Ukraine. The weather was fine in Kyiv.");
        let coded = Coder::builtin().code(&doc);
        assert_eq!(coded.events.len(), 1);
        assert_eq!((coded.n_parsed, coded.n_parsed_tokens), (1, 4));
        let coder = Coder::new(
            Coder::builtin().lexicon.clone(),
            Options { no_parse: true, ..Options::default() },
        );
        let coded = coder.code(&doc);
        assert_eq!(coded.events.len(), 1);
        assert_eq!((coded.n_parsed, coded.n_parsed_tokens), (0, 0));
    }
}
