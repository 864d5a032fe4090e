//! Repairs after parsing: shapes of news sentence in which the greedy parser, trained on web
//! text where they are rare, leaves a finite verb without its subject and hangs the subject
//! on a word before it.
//!
//! - **A fronted phrase, a comma, then a subject** ("On Monday, Russia and China vetoed the
//!   resolution"): the subject is read as a conjunct of the fronted phrase's noun
//!   (`China` → `conj` of `Monday`); also with a name in apposition after it ("In Geneva,
//!   Sergei Lavrov, the Russian foreign minister, criticized …").
//! - **Two clauses joined by "and" without a comma** ("Russia attacked Ukraine and Japan
//!   condemned it"): the second subject is read as a conjunct of the first object and its verb
//!   as an `xcomp` of the first.
//! - **A clause object without "that"** ("says European countries reduced flights", "said the
//!   conflict displaced millions"): the subject is read as the speech verb's object and the
//!   clause as a modifier of it; or the subject is split after "and" ("hopes the United States
//!   and the United Kingdom can resume talks").
//! - **An object and a subject read as one subject** ("Russia captured Bakhmut and Ukraine
//!   denied it", "took the town and rebels retreated"): the second clause is read as a clause
//!   object of a verb that takes none.
//! - **A subject interrupted by a relative clause or apposition** ("The rebels, who seized the
//!   town, released twenty hostages"): the subject is made the root.
//! - **A passive subject with no passive** ("security forces have arrested …").
//! - **A subordinate clause read as a prepositional phrase** ("… escorted a tanker after
//!   Tehran threatened to close the strait"): the subordinator is read as the preposition of
//!   the noun after it and the verb as a modifier of a noun before.
//!
//! Each repair needs evidence that the verb is finite and the noun its subject (see each
//! function), and is undone if the tree would not stay projective and single-rooted. On UD
//! English EWT dev they change little (UAS 83.93 → 83.95: the shapes are almost absent
//! there); on news they give the verb its subject (docs/syntax.md, "Repairs after parsing").

use crate::Token;

/// Verbs (as written) whose object is often the subject of a clause they take without "that".
const COMPLEMENT_VERBS: &[&str] = &[
    "allege",
    "alleged",
    "alleges",
    "concluded",
    "concludes",
    "declared",
    "decided",
    "disclosed",
    "learned",
    "predicted",
    "realized",
    "realised",
    "revealed",
    "reveals",
    "ruled",
    "rules",
    "stated",
    "states",
    "tweeted",
    "understood",
    "wrote",
    "writes",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adds",
    "admit",
    "admits",
    "admitted",
    "announce",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "assert",
    "asserted",
    "asserts",
    "believe",
    "believed",
    "believes",
    "claim",
    "claimed",
    "claims",
    "confirm",
    "confirmed",
    "confirms",
    "deny",
    "denied",
    "denies",
    "estimate",
    "estimated",
    "estimates",
    "expect",
    "expected",
    "expects",
    "explain",
    "explained",
    "explains",
    "fear",
    "feared",
    "fears",
    "find",
    "finds",
    "found",
    "hope",
    "hoped",
    "hopes",
    "indicate",
    "indicated",
    "indicates",
    "insist",
    "insisted",
    "insists",
    "know",
    "knew",
    "knows",
    "mean",
    "means",
    "meant",
    "note",
    "noted",
    "notes",
    "prove",
    "proved",
    "proves",
    "recall",
    "recalled",
    "recalls",
    "report",
    "reported",
    "reports",
    "said",
    "say",
    "says",
    "show",
    "showed",
    "shows",
    "stress",
    "stressed",
    "stresses",
    "suggest",
    "suggested",
    "suggests",
    "tell",
    "tells",
    "think",
    "thinks",
    "thought",
    "told",
    "warn",
    "warned",
    "warns",
];

/// Verbs of `COMPLEMENT_VERBS` that seldom take a noun as object: "said the United States and
/// NATO had agreed" has one clause, where "failed to acknowledge the seriousness of the issue
/// and this has led …" has two.
const SAY_VERBS: &[&str] = &[
    "argue", "argued", "argues", "believe", "believed", "believes", "hope", "hoped", "hopes",
    "insist", "insisted", "insists", "said", "say", "says", "think", "thinks", "thought",
];

/// Verbs of taking, striking and meeting that take a noun and never a clause ("captured
/// Bakhmut and Ukraine denied it").
const OBJECT_VERBS: &[&str] = &[
    "annexed",
    "arrested",
    "attacked",
    "besieged",
    "bombed",
    "captured",
    "detained",
    "entered",
    "hit",
    "invaded",
    "killed",
    "met",
    "occupied",
    "overran",
    "raided",
    "recaptured",
    "retook",
    "seized",
    "shelled",
    "struck",
    "surrounded",
    "took",
    "visited",
];

/// Verbs whose object may have a bare infinitive ("made Mary and Bill leave") or a participle
/// ("ordered the town and nearby villages evacuated").
const CAUSATIVE_VERBS: &[&str] = &[
    "bid", "declared", "kept", "left", "need", "needed", "order", "ordered", "orders", "want",
    "wanted", "feel", "feeling", "feels", "felt", "had", "has", "have", "having", "hear", "heard",
    "hearing", "hears", "help", "helped", "helping", "helps", "let", "lets", "letting", "made",
    "make", "makes", "making", "saw", "see", "seeing", "seen", "sees", "watch", "watched",
    "watches", "watching",
];

/// Punctuation that ends a stretch in which the subject of a fronted phrase's clause is sought.
const BREAKS: &[&str] = &["\"", "“", "”", "'", "‘", "’", "—", "–", ";", ":", "(", ")", "[", "]"];

/// The relation names the repairs write, taken from the model's own list.
pub(crate) struct Labels<'m> {
    nsubj: &'m str,
    nsubj_pass: &'m str,
    conj: &'m str,
    ccomp: &'m str,
    appos: &'m str,
    obj: &'m str,
    advcl: &'m str,
    mark: &'m str,
}

impl<'m> Labels<'m> {
    /// `None` when the model lacks one of them (then nothing is repaired).
    pub(crate) fn new(names: &'m [String]) -> Option<Labels<'m>> {
        let find = |name: &str| names.iter().find(|n| n.as_str() == name).map(String::as_str);
        Some(Labels {
            nsubj: find("nsubj")?,
            nsubj_pass: find("nsubj:pass")?,
            conj: find("conj")?,
            ccomp: find("ccomp")?,
            appos: find("appos")?,
            obj: find("obj")?,
            advcl: find("advcl")?,
            mark: find("mark")?,
        })
    }
}

/// A parse being repaired: 0-based positions; `head` is `None` for the root.
struct Tree<'a, 'm> {
    forms: &'a [&'a str],
    tokens: &'a mut [Token<'m>],
}

impl<'m> Tree<'_, 'm> {
    fn head(&self, i: usize) -> Option<usize> {
        self.tokens[i].head.checked_sub(1)
    }

    fn rel(&self, i: usize) -> &str {
        self.tokens[i].deprel
    }

    fn upos(&self, i: usize) -> &str {
        self.tokens[i].upos
    }

    fn form_is(&self, i: usize, list: &[&str]) -> bool {
        list.iter().any(|w| w.eq_ignore_ascii_case(self.forms[i]))
    }

    fn children(&self, i: usize) -> impl Iterator<Item = usize> + use<'_, 'm> {
        (0..self.tokens.len()).filter(move |&j| self.tokens[j].head == i + 1)
    }

    fn has_child(&self, i: usize, rels: &[&str]) -> bool {
        self.children(i).any(|j| rels.contains(&self.rel(j)))
    }

    /// Whether `a` is `i` or one of its ancestors.
    fn dominates(&self, a: usize, i: usize) -> bool {
        let mut k = Some(i);
        for _ in 0..=self.tokens.len() {
            match k {
                Some(x) if x == a => return true,
                Some(x) => k = self.head(x),
                None => return false,
            }
        }
        false
    }

    /// The first position of `i`'s subtree.
    fn left_edge(&self, i: usize) -> usize {
        (0..i).find(|&j| self.dominates(i, j)).unwrap_or(i)
    }

    fn set(&mut self, i: usize, head: usize, rel: &'m str) {
        self.tokens[i].head = head + 1;
        self.tokens[i].deprel = rel;
    }

    fn move_to(&mut self, i: usize, head: usize) {
        self.tokens[i].head = head + 1;
    }

    fn ends_with(&self, i: usize, suffix: &str) -> bool {
        let form = self.forms[i].as_bytes();
        form.len() > suffix.len()
            && form[form.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    }

    /// Whether the phrase of `i` opens with a comma or follows one.
    fn after_comma(&self, i: usize) -> bool {
        let edge = self.left_edge(i);
        self.forms[edge] == "," || (edge > 0 && self.forms[edge - 1] == ",")
    }

    /// A single root, no cycle, no crossing arcs.
    fn is_well_formed(&self) -> bool {
        let n = self.tokens.len();
        let roots = (0..n).filter(|&i| self.head(i).is_none()).count();
        let acyclic = (0..n).all(|i| {
            let mut k = self.head(i);
            for _ in 0..n {
                match k {
                    None => return true,
                    Some(x) => k = self.head(x),
                }
            }
            false
        });
        // Positions from 1 and the root at 0, so that the root's arc counts too.
        let arcs: Vec<(usize, usize)> = (0..n)
            .map(|i| {
                let h = self.tokens[i].head;
                (h.min(i + 1), h.max(i + 1))
            })
            .collect();
        let crossing =
            arcs.iter().any(|&(a, b)| arcs.iter().any(|&(c, d)| a < c && c < b && b < d));
        roots == 1 && acyclic && !crossing
    }

    fn is_passive(&self, v: usize) -> bool {
        self.has_child(v, &["aux:pass", "obl:agent"])
    }
}

/// Repairs `tokens` (the parse of `forms`) in place; see the module documentation.
pub(crate) fn repair<'m>(forms: &[&str], tokens: &mut [Token<'m>], labels: &Labels<'m>) {
    let mut tree = Tree { forms, tokens };
    // The tree as it stands between repairs: taken once, and again only after a repair is
    // kept (an undone one leaves the tree as it was).
    let mut before: Vec<Token<'m>> = tree.tokens.to_vec();
    for v in 1..tree.tokens.len() {
        if tree.upos(v) != "VERB" {
            continue;
        }
        // Each repair that applies is kept only if the tree stays well formed.
        let mut attempt = |tree: &mut Tree<'_, 'm>, repair: &dyn Fn(&mut Tree<'_, 'm>) -> bool| {
            if !repair(tree) {
                return false;
            }
            if tree.is_well_formed() {
                before.copy_from_slice(tree.tokens);
                return true;
            }
            tree.tokens.copy_from_slice(&before);
            false
        };
        if let Some(k) = subject_of(&tree, v) {
            let _ = attempt(&mut tree, &|t| split_subject(t, v, k, labels))
                || attempt(&mut tree, &|t| joined_subject(t, v, k, labels))
                || attempt(&mut tree, &|t| active_subject(t, v, k, labels));
            continue;
        }
        if has_subject(&tree, v) {
            continue;
        }
        if is_nominal(tree.upos(v - 1)) {
            let noun = noun_head(&tree, v - 1);
            if attempt(&mut tree, &|t| clause_object(t, v, noun, labels))
                || attempt(&mut tree, &|t| fronted_phrase(t, v, noun, labels))
                || attempt(&mut tree, &|t| second_clause(t, v, noun, labels))
                || attempt(&mut tree, &|t| subordinate_clause(t, v, labels))
            {
                continue;
            }
        }
        // "In Geneva, Sergei Lavrov, the Russian foreign minister, criticized …"
        if v >= 2 && tree.forms[v - 1] == "," && is_nominal(tree.upos(v - 2)) {
            let noun = noun_head(&tree, v - 2);
            if attempt(&mut tree, &|t| fronted_phrase(t, v, noun, labels)) {
                continue;
            }
        }
        let _ = attempt(&mut tree, &|t| interrupted_subject(t, v, labels));
    }
}

/// "hopes the United States and the United Kingdom can coordinate": a clause object whose
/// subject the parse splits after "and", taking the first conjunct for the speech verb's
/// object and the second for the subject of a clause coordinated with the speech verb's.
fn split_subject<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    let edge = tree.left_edge(k);
    let cc = if tree.upos(edge) == "CCONJ" { edge } else { edge.saturating_sub(1) };
    if cc == 0 || tree.upos(cc) != "CCONJ" || !tree.form_is(cc, &["and", "or"]) {
        return false;
    }
    // The object that ends right before "and".
    let mut g = cc - 1;
    for _ in 0..tree.tokens.len() {
        if tree.rel(g) == "obj" {
            break;
        }
        match tree.head(g) {
            Some(h) if h < cc => g = h,
            _ => return false,
        }
    }
    let Some(u) = tree.head(g) else { return false };
    // "said nothing and Zelensky left": a pronoun object is the speech verb's own.
    if tree.rel(g) != "obj"
        || tree.upos(g) == "PRON"
        || u > g
        || !tree.form_is(u, SAY_VERBS)
        || tree.head(v).is_some_and(|h| tree.dominates(g, h))
    {
        return false;
    }
    let subject = tree.rel(k);
    let subject = if subject == labels.nsubj_pass { labels.nsubj_pass } else { labels.nsubj };
    tree.set(g, v, subject);
    tree.set(k, g, labels.conj);
    tree.move_to(cc, k);
    tree.set(v, u, labels.ccomp);
    true
}

/// "… escorted a tanker through the strait after Tehran threatened to close it": the parse
/// reads the subordinator as a preposition of the noun after it ("after Tehran") and the verb
/// as a modifier of some noun before. The verb, with an object or clause of its own and no
/// subject, agent or passive, heads a clause of the first verb above the noun: the noun is its
/// subject and the subordinator its `mark`.
fn subordinate_clause<'m>(tree: &mut Tree<'_, 'm>, v: usize, labels: &Labels<'m>) -> bool {
    const SUBORDINATORS: &[&str] =
        &["after", "before", "since", "until", "once", "because", "while", "when", "as"];
    // The head of the name right before the verb ("Kim" of "after Kim Jong Un threatened").
    let mut noun = v - 1;
    while matches!(tree.rel(noun), "flat" | "fixed") {
        match tree.head(noun) {
            Some(h) if h < noun => noun = h,
            _ => break,
        }
    }
    let Some(sub) = tree
        .children(noun)
        .find(|&c| c < noun && tree.rel(c) == "case" && tree.form_is(c, SUBORDINATORS))
    else {
        return false;
    };
    if tree.has_child(v, &["nsubj", "nsubj:pass", "aux:pass", "obl:agent", "mark"])
        || tree.ends_with(v, "ing")
        || !tree.has_child(v, &["obj", "xcomp", "ccomp"])
        || (sub + 1..noun).any(|k| tree.upos(k) == "VERB")
    {
        return false;
    }
    // The verb the noun's phrase hangs on.
    let mut main = tree.head(noun);
    for _ in 0..tree.tokens.len() {
        match main {
            Some(m) if tree.upos(m) == "VERB" && m < sub => break,
            Some(m) => main = tree.head(m),
            None => return false,
        }
    }
    let Some(main) = main else { return false };
    tree.set(v, main, labels.advcl);
    tree.set(noun, v, labels.nsubj);
    tree.set(sub, v, labels.mark);
    true
}

/// "Russia captured Bakhmut and Ukraine denied it": the parse reads "Bakhmut and Ukraine" as
/// the subject of a clause object of a verb that takes none. The first conjunct, right after
/// that verb, is its object; the last is the subject of a clause coordinated with it.
fn joined_subject<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    let Some(u) = tree.head(v) else { return false };
    let (first, chain) = conjuncts(tree, k, v);
    let Some(&last) = chain.last() else { return false };
    // Only verbs that take a noun and never a clause: a verb of saying or ruling missing from
    // the lists ("alleged Russia and Iran shared …", "ruled Russia and Ukraine must …") is
    // left as parsed.
    if chain.len() != 2
        || tree.rel(v) != "ccomp"
        || tree.upos(u) != "VERB"
        || u + 1 != tree.left_edge(k)
        || !tree.form_is(u, OBJECT_VERBS)
        || tree.has_child(u, &["obj"])
        || tree.has_child(v, &["mark"])
        || !has_subject(tree, u)
    {
        return false;
    }
    let edge = tree.left_edge(last);
    let cc = if tree.upos(edge) == "CCONJ" { edge } else { edge.saturating_sub(1) };
    if tree.upos(cc) != "CCONJ" || (cc + 1..last).any(|j| tree.upos(j) == "PUNCT") {
        return false;
    }
    tree.set(first, u, labels.obj);
    let subject = subject_label(tree, v, labels);
    tree.set(last, v, subject);
    tree.move_to(cc, v);
    tree.set(v, u, labels.conj);
    true
}

fn subject_of(tree: &Tree<'_, '_>, v: usize) -> Option<usize> {
    tree.children(v).find(|&j| matches!(tree.rel(j), "nsubj" | "nsubj:pass"))
}

/// "says European countries reduced flights": the speech verb's object is the subject of the
/// clause after it.
fn clause_object<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    let (first, chain) = conjuncts(tree, k, v);
    let Some(u) = tree.head(first) else { return false };
    if !chain.contains(&k)
        || tree.rel(first) != "obj"
        || u > first
        || !tree.form_is(u, COMPLEMENT_VERBS)
        || tree.ends_with(v, "ing")
        || tree.is_passive(v)
    {
        return false;
    }
    // An object or clause of its own, or a present tense in "-s": not a participle with an
    // infinitive ("found missiles designed to carry warheads").
    let finite = tree.has_child(v, &["obj", "ccomp"])
        || (tree.ends_with(v, "s") && !tree.ends_with(v, "ss"));
    let under = tree.head(v).is_some_and(|h| h == u || (first..v).contains(&h));
    if !finite || !under {
        return false;
    }
    let subject = subject_label(tree, v, labels);
    tree.set(first, v, subject);
    tree.set(v, u, labels.ccomp);
    true
}

/// "On Monday, Russia and China vetoed …": the first conjunct after the fronted phrase's comma
/// is the subject, with the conjuncts after it.
fn fronted_phrase<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    let (first, chain) = conjuncts(tree, k, v);
    if !chain.contains(&k)
        || chain.len() < 2
        || !matches!(tree.rel(v), "root" | "conj" | "ccomp" | "advcl" | "parataxis")
        || tree.head(v).is_some_and(|h| chain.contains(&h))
        || !is_adverbial(tree, first)
    {
        return false;
    }
    // The fronted phrase hangs on the verb and is a phrase of circumstance.
    let mut top = first;
    while tree.head(top) != Some(v) {
        match tree.head(top) {
            Some(h) if h < v => top = h,
            _ => return false,
        }
    }
    if !(tree.has_child(top, &["case", "mark"]) || is_adverbial(tree, top)) {
        return false;
    }
    // "On Monday, Russia, China and Iran vetoed": the first conjunct after a comma; but "In
    // Syria, Iraq and Lebanon, protesters marched": a list closed by "and" before the last
    // comma belongs to the fronted phrase, and the subject follows that comma.
    let after_comma: Vec<usize> =
        chain[1..].iter().copied().filter(|&m| tree.after_comma(m)).collect();
    let (Some(&first_split), Some(&last_split)) = (after_comma.first(), after_comma.last()) else {
        return false;
    };
    let closed = (first..tree.left_edge(last_split)).any(|j| tree.upos(j) == "CCONJ");
    let split = if closed { last_split } else { first_split };
    if (split..v).any(|j| tree.form_is(j, BREAKS)) || tree.dominates(split, v) {
        return false;
    }
    let edge = tree.left_edge(split);
    let comma = if tree.forms[edge] == "," { edge } else { edge - 1 };
    // "Sergei Lavrov, the Russian foreign minister,": with no "and" or "or" after the split,
    // what follows it is an apposition, not a list.
    let listed = (split..v).any(|j| tree.upos(j) == "CCONJ");
    let subject = subject_label(tree, v, labels);
    tree.set(split, v, subject);
    for &m in chain.iter().filter(|&&m| m > split) {
        if tree.head(m).is_some_and(|h| h < split) {
            tree.move_to(m, split);
        }
        if !listed {
            tree.set(m, split, labels.appos);
        }
    }
    tree.move_to(comma, top);
    true
}

/// "The rebels, who seized the town last week, released twenty hostages": the parse makes the
/// subject the root and the main verb a conjunct of the relative clause or apposition that
/// interrupts them. The verb after the interruption's closing comma becomes the root, with
/// the noun as its subject.
fn interrupted_subject<'m>(tree: &mut Tree<'_, 'm>, v: usize, labels: &Labels<'m>) -> bool {
    // A participle with an agent and no "be" ("backed by Rwanda") is a reduced relative.
    let reduced = tree.is_passive(v) && !tree.has_child(v, &["aux:pass"]);
    if !tree.after_comma(v)
        || tree.ends_with(v, "ing")
        || reduced
        || tree.has_child(v, &["cc", "mark"])
    {
        return false;
    }
    let mut x = v;
    let mut interrupted = false;
    let mut steps = 0;
    let noun = loop {
        steps += 1;
        let Some(h) = tree.head(x).filter(|_| steps <= tree.tokens.len()) else { return false };
        if !matches!(tree.rel(x), "conj" | "parataxis" | "acl:relcl" | "acl" | "appos") || h > x {
            return false;
        }
        if x != v && matches!(tree.rel(x), "acl:relcl" | "acl" | "appos") {
            interrupted |= tree.after_comma(x);
        }
        if tree.head(h).is_none() {
            break h;
        }
        x = h;
    };
    // "On Tuesday, Attorney General X, who …, called": a phrase with a preposition is no subject.
    if !interrupted || !is_nominal(tree.upos(noun)) || tree.has_child(noun, &["case"]) {
        return false;
    }
    let subject = subject_label(tree, v, labels);
    let root = tree.tokens[noun].deprel;
    tree.tokens[v].head = 0;
    tree.tokens[v].deprel = root;
    tree.set(noun, v, subject);
    // What followed the verb on the noun ("." above all) now hangs on the verb.
    for j in v + 1..tree.tokens.len() {
        if tree.head(j) == Some(noun) {
            tree.move_to(j, v);
        }
    }
    true
}

/// "Security forces have arrested 40 people", "The ministers, speaking after talks, called on
/// Russia": a passive subject of a verb with no form of "be" or "get" before it and no agent is
/// its subject.
fn active_subject<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    const BE: &[&str] = &[
        "be", "been", "being", "is", "are", "was", "were", "am", "'s", "’s", "'re", "’re", "get",
        "gets", "got", "gotten", "getting",
    ];
    let be = tree
        .children(v)
        .any(|c| matches!(tree.rel(c), "aux" | "aux:pass" | "cop") && tree.form_is(c, BE));
    // "Two policemen were killed and a soldier wounded": the passive's "be" is the first
    // conjunct's. "Opposition leader arrested in Moscow": a headline's passive has no
    // auxiliary at all, so a verb with none needs an object of its own to be active.
    let gapped =
        tree.rel(v) == "conj" && tree.head(v).is_some_and(|h| tree.has_child(h, &["aux:pass"]));
    let bare = !tree.has_child(v, &["aux", "aux:pass", "cop"])
        && !tree.has_child(v, &["obj", "ccomp", "xcomp", "iobj"]);
    if tree.rel(k) != "nsubj:pass" || be || gapped || bare || tree.is_passive(v) {
        return false;
    }
    tree.set(k, v, labels.nsubj);
    true
}

/// A phrase of time or manner without a preposition, or a noun with one.
fn is_adverbial(tree: &Tree<'_, '_>, i: usize) -> bool {
    tree.has_child(i, &["case"])
        || matches!(
            tree.rel(i),
            "advcl" | "advmod" | "obl:tmod" | "obl:unmarked" | "obl:npmod" | "nmod:tmod"
        )
}

/// "Russia attacked Ukraine and Japan condemned it": the last conjunct of the first verb's
/// object is the subject of a second clause, coordinated with the first.
fn second_clause<'m>(tree: &mut Tree<'_, 'm>, v: usize, k: usize, labels: &Labels<'m>) -> bool {
    let (first, chain) = conjuncts(tree, k, v);
    let Some(u) = tree.head(first) else { return false };
    if k == first
        || !chain.contains(&k)
        || !matches!(tree.rel(first), "obj" | "iobj" | "obl" | "nmod")
        || u > first
        || tree.upos(u) != "VERB"
        || matches!(tree.rel(u), "amod" | "acl" | "compound")
        || tree.form_is(u, COMPLEMENT_VERBS)
        || tree.form_is(u, CAUSATIVE_VERBS)
        || !has_subject(tree, u)
        || tree.ends_with(v, "ing")
        // An object or clause of its own, or a clause the parse gives to a verb that takes
        // none ("took the town and rebels retreated").
        || !(tree.has_child(v, &["obj", "ccomp"]) || tree.rel(v) == "ccomp")
    {
        return false;
    }
    let edge = tree.left_edge(k);
    let cc = if tree.upos(edge) == "CCONJ" {
        edge
    } else if edge > 0 && tree.upos(edge - 1) == "CCONJ" {
        edge - 1
    } else {
        return false;
    };
    if (edge..k).any(|j| j != cc && tree.upos(j) == "PUNCT") {
        return false;
    }
    let hv = tree.head(v);
    let coordinated = hv == Some(u)
        && matches!(tree.rel(v), "xcomp" | "ccomp" | "advcl" | "parataxis" | "conj" | "dep");
    let relative = hv.is_some_and(|h| chain.contains(&h)) && tree.rel(v) == "acl";
    if !(coordinated || relative) {
        return false;
    }
    let subject = subject_label(tree, v, labels);
    tree.set(k, v, subject);
    tree.set(v, u, labels.conj);
    tree.move_to(cc, v);
    if cc > 0
        && tree.forms[cc - 1] == ","
        && tree.head(cc - 1).is_some_and(|h| h == k || h == first)
    {
        tree.move_to(cc - 1, v);
    }
    true
}

fn has_subject(tree: &Tree<'_, '_>, v: usize) -> bool {
    tree.children(v).any(|j| {
        let rel = tree.rel(j);
        rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "expl"
    })
}

fn is_nominal(upos: &str) -> bool {
    matches!(upos, "NOUN" | "PROPN" | "PRON")
}

/// The head of the name or noun phrase whose last word is `last` ("Vladimir" of "Vladimir
/// Putin", "House" of "the House of Representatives").
fn noun_head(tree: &Tree<'_, '_>, last: usize) -> usize {
    let mut k = last;
    while matches!(tree.rel(k), "flat" | "fixed" | "nmod" | "appos") {
        match tree.head(k) {
            Some(h) if h < k => k = h,
            _ => break,
        }
    }
    k
}

/// The first conjunct of the coordination `k` belongs to, and its conjuncts before `end`.
fn conjuncts(tree: &Tree<'_, '_>, k: usize, end: usize) -> (usize, Vec<usize>) {
    let mut first = k;
    while tree.rel(first) == "conj" {
        match tree.head(first) {
            Some(h) if h < first => first = h,
            _ => break,
        }
    }
    let mut chain = vec![first];
    for j in first + 1..end {
        if tree.rel(j) == "conj" && tree.head(j).is_some_and(|h| chain.contains(&h)) {
            chain.push(j);
        }
    }
    (first, chain)
}

fn subject_label<'m>(tree: &Tree<'_, 'm>, v: usize, labels: &Labels<'m>) -> &'m str {
    if tree.is_passive(v) {
        labels.nsubj_pass
    } else {
        labels.nsubj
    }
}
