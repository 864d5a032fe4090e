//! The word lists of the coding rules: prepositions, speech, modal, intent and hedge words,
//! and the other closed classes the rules look for.

pub(super) const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "within",
    "throughout",
    "to",
    "with",
    "against",
    "from",
    "on",
    "toward",
    "towards",
    "for",
    "into",
    "upon",
    "by",
    "of",
    "over",
    "between",
    "among",
    "amid",
    "about",
    "after",
    "before",
    "under",
    "via",
    "like",
    "than",
    "alongside",
    "beside",
    "around",
    "along",
    "through",
    "beyond",
    "behind",
    "during",
    "despite",
];

/// Prepositions of company: "fighting alongside Russian forces" names an ally, never the
/// party the act is aimed at.
pub(super) const ALLIED_PREPS: &[&str] = &["alongside", "beside"];

/// Prepositions that open a noun phrase, a participle right after which describes its noun
/// ("pulled out of occupied villages"); not "by", which opens an agent.
pub(super) const BEFORE_NOUN_PHRASES: &[&str] =
    &["to", "from", "in", "into", "on", "at", "near", "with", "of", "for"];

pub(super) const LOCATIVE: &[&str] =
    &["in", "at", "near", "inside", "outside", "across", "within", "throughout", "over", "around"];

pub(super) const RECIPIENT_PREPS: &[&str] =
    &["to", "with", "against", "from", "on", "toward", "towards", "for", "into", "upon", "at"];

/// Prepositions whose noun is not where a party belongs ("a device outside Basra").
pub(super) const NOT_HOME_PREPS: &[&str] = &[
    "outside",
    "near",
    "against",
    "to",
    "with",
    "for",
    "on",
    "than",
    "like",
    "toward",
    "towards",
    "into",
    "about",
    "over",
    "between",
    "among",
    "beyond",
    "under",
    "despite",
    "above",
    "below",
    "beneath",
    "past",
    "behind",
    "amid",
    "amidst",
    "during",
    "after",
    "before",
    "since",
    "until",
    "via",
    "without",
    "alongside",
    "besides",
    "except",
];

/// Words that open a relative clause (or, right after a verb, a complement clause).
pub(super) const RELATIVE_WORDS: &[&str] = &["that", "which", "who", "whom", "whose"];

/// Sectors whose travels are no diplomacy: civilians, migrants and refugees, business,
/// reporters, schools, farmers, doctors, criminals.
pub(super) const NON_POLITICAL_SECTORS: &[&str] =
    &["CVL", "REF", "BUS", "JRN", "EDU", "AGR", "MED", "CRM"];

/// What is fired or dropped: passive subjects of attack verbs that are weapons, not targets.
pub(super) const PROJECTILES: &[&str] = &[
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "shell",
    "shells",
    "bomb",
    "bombs",
    "mortar",
    "mortars",
    "grenade",
    "grenades",
    "artillery",
    "munitions",
    "bullets",
];

/// Nouns of what is done to someone: their possessive person is the one who suffers it
/// ("Navalny's arrest", "Khashoggi's killing").
pub(super) const PATIENT_NOUNS: &[&str] = &[
    "arrest",
    "arrests",
    "detention",
    "imprisonment",
    "jailing",
    "killing",
    "murder",
    "assassination",
    "kidnapping",
    "abduction",
    "execution",
    "release",
    "torture",
    "deportation",
    "expulsion",
    "extradition",
    "conviction",
    "sentencing",
    "prosecution",
    "trial",
    "beating",
];

/// Nouns of force done to a place or a party, whose "of" phrase names what is struck or taken
/// ("the invasion of Ukraine", "the siege of Mariupol"); unlike [`PATIENT_NOUNS`], a person's
/// possessive before them is the one who does it ("Putin's invasion").
pub(super) const TARGET_NOUNS: &[&str] = &[
    "invasion",
    "occupation",
    "annexation",
    "bombing",
    "shelling",
    "bombardment",
    "siege",
    "blockade",
    "seizure",
    "capture",
    "destruction",
];

/// Auxiliaries after a pronoun that make it the subject of a clause of its own ("warned it
/// would respond", "announced it will impose").
pub(super) const CLAUSE_AUXILIARIES: &[&str] = &[
    "would", "will", "could", "can", "may", "might", "must", "should", "had", "has", "have", "was",
    "were", "is", "are", "'d", "'ll",
];

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "both", "all",
];

pub(super) const BE: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s", "’s"];

pub(super) const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "claimed",
    "claims",
    "claim",
    "announced",
    "announces",
    "stated",
    "states",
    "added",
    "noted",
    "confirmed",
    "confirms",
    "insisted",
    "believes",
    "believed",
    "believe",
    "alleged",
    "alleges",
    "estimated",
    "estimates",
    "assessed",
    "warned",
    "warns",
    "argued",
    "argues",
    "suggested",
    "revealed",
    "acknowledged",
    "admitted",
    "indicated",
    "disclosed",
    "wrote",
    "tweeted",
    "posted",
    "explained",
    "declared",
    "accused",
    "stressed",
    "emphasized",
    "emphasised",
];

/// Words that make a work several parties' own ("a joint project", "bilateral commission").
pub(super) const JOINT_WORDS: &[&str] = &["joint", "bilateral", "trilateral"];

/// Verbs whose weapons in the passive are what is struck ("Russian drones were shot down"),
/// not what was fired.
pub(super) const DOWNING: &[&str] =
    &["shoot down", "intercept", "down", "destroy", "neutralize", "neutralise"];

/// Verbs of stopping, leaving or forbidding what their object names ("suspended the joint
/// commission", "pulled out of the programme", "banned rallies in support of …").
pub(super) const STOPPING: &[&str] = &[
    "banned",
    "bans",
    "ban",
    "vetoed",
    "veto",
    "vetoes",
    "blocked",
    "blocks",
    "block",
    "prohibited",
    "outlawed",
    "dispersed",
    "suspended",
    "suspends",
    "suspend",
    "pulled",
    "withdrew",
    "withdraws",
    "quit",
    "quits",
    "left",
    "leaves",
    "scrapped",
    "abandoned",
    "cancelled",
    "canceled",
    "halted",
    "ended",
    "dissolved",
];

/// Verbs of censure: refusing to condemn a party rejects nothing of that party's.
pub(super) const CENSURE: &[&str] = &[
    "condemn",
    "criticise",
    "criticize",
    "denounce",
    "blame",
    "censure",
    "sanction",
    "punish",
    "isolate",
];

/// Verbs of finding, which report what follows when they close a sentence ("…, a UN panel
/// found.").
pub(super) const FINDING: &[&str] =
    &["found", "finds", "concluded", "concludes", "showed", "shows", "determined"];

/// Nouns of a written or spoken statement whose content follows "saying" or "stating".
pub(super) const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "letter",
    "communique",
    "communiqué",
    "message",
    "release",
    "note",
    "post",
    "tweet",
    "decree",
    "memo",
    "declaration",
];

/// Verbs of saying and judging that open a complement only with "that" ("reiterated that
/// Libya must …"): without it they take objects ("concluded an agreement").
pub(super) const SPEECH_THAT: &[&str] = &[
    "reiterated",
    "reiterates",
    "repeated",
    "concluded",
    "concludes",
    "maintained",
    "maintains",
    "asserted",
    "asserts",
    "predicted",
    "conceded",
    "charged",
    "complained",
    "hinted",
    "signalled",
    "signaled",
    "affirmed",
    "reaffirmed",
    "responded",
    "replied",
    "cautioned",
    "contended",
    "observed",
    "ruled",
    "recalled",
    // Beliefs: "agencies suspect that Russia has shared …" is their view, not the writer's.
    "suspect",
    "suspects",
    "suspected",
    "think",
    "thinks",
    "fear",
    "fears",
    "feared",
];

pub(super) const SUBORDINATORS: &[&str] = &[
    "although", "though", "while", "whereas", "because", "if", "unless", "when", "whenever",
    "since", "after", "before", "as", "once", "until", "despite",
];

/// Days named in wire copy between a subject and its verb ("Hungary on Tuesday denounced").
pub(super) const DAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
];

pub(super) const CONDITIONAL: &[&str] = &["if", "unless", "whether"];

/// Pronouns that stand as a clause's subject for a party named elsewhere.
pub(super) const SUBJECT_PRONOUNS: &[&str] = &["it", "he", "she", "we", "they", "i", "you"];

pub(super) const MODALS: &[&str] =
    &["could", "would", "might", "may", "can", "should", "must", "cannot", "couldn't", "wouldn't"];

pub(super) const FUTURE: &[&str] = &["will", "shall", "'ll", "won't"];

/// Words that open a time adjunct ("after bloody clashes", "during the war"): what follows is
/// background, not the clause's news.
pub(super) const TIME_ADJUNCTS: &[&str] =
    &["after", "following", "since", "amid", "during", "before", "despite"];

/// The auxiliaries of a future promised or reported ("pledged that it would withdraw").
pub(super) const FUTURE_AUXILIARIES: &[&str] = &["will", "would", "shall"];

/// Verbs that make public a decision already taken: what they announce is the act itself.
pub(super) const DECISION_WORDS: &[&str] =
    &["announced", "announces", "announce", "decided", "decides", "ordered", "orders", "approved"];

/// Words before "to VERB" that make the verb a threat.
pub(super) const THREAT_WORDS: &[&str] = &["threaten", "threatens", "threatened", "threatening"];

/// Words before "to VERB" that make the verb an intention: it has not happened yet.
pub(super) const INTENT_WORDS: &[&str] = &[
    "plans",
    "planned",
    "plan",
    "expected",
    "set",
    "intends",
    "intend",
    "intended",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "vowed",
    "vows",
    "swore",
    "sworn",
    "agreed",
    "offered",
    "threatened",
    "threatens",
    "prepare",
    "prepares",
    "preparing",
    "ready",
    "willing",
    "prepared",
    "determined",
    "going",
    "want",
    "wants",
    "wanted",
    "wanting",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "planning",
    "intending",
];

/// Participles of promising on a noun ("a treaty pledging to come to each other's aid"): the
/// infinitive after them is intended; not after a comma ("Israel, vowing to destroy Hamas,
/// launched strikes"), where the clause's own verb is no intention.
pub(super) const INTENT_PARTICIPLES: &[&str] =
    &["pledging", "promising", "vowing", "swearing", "offering", "agreeing"];

/// Nouns before "to VERB" that make the verb an intention: "reached a consensus to
/// exchange data", "a deal to supply gas".
pub(super) const INTENT_NOUNS: &[&str] = &[
    "consensus",
    "agreement",
    "agreements",
    "deal",
    "deals",
    "accord",
    "pledge",
    "pledges",
    "promise",
    "promises",
    "commitment",
    "commitments",
    "vow",
    "vows",
    "intention",
    "readiness",
    "willingness",
];

/// Verbs whose object event is intended, not done: "preparing an offensive".
pub(super) const NOUN_INTENT_VERBS: &[&str] = &[
    "prepare",
    "prepares",
    "prepared",
    "preparing",
    "plan",
    "plans",
    "planned",
    "planning",
    "plot",
    "plots",
    "plotted",
    "plotting",
    "promise",
    "promises",
    "promised",
    "promising",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
];

/// Words of undoing a measure: "called for the lifting of sanctions" asks for their end.
pub(super) const UNDOING: &[&str] = &[
    "lift",
    "lifting",
    "ease",
    "easing",
    "end",
    "ending",
    "removal",
    "remove",
    "removing",
    "relief",
    "relax",
    "relaxing",
    "relaxation",
    "drop",
    "dropping",
    "scrap",
    "scrapping",
    "waive",
    "waiving",
    "waiver",
    "suspension",
    "suspend",
    "suspending",
    "rollback",
    "repeal",
    "lifted",
    "eased",
    "ended",
    "removed",
    "dropped",
    "scrapped",
    "waived",
    "suspended",
    "relaxed",
    "repealed",
    "exemption",
    "exemptions",
];

/// Verbs of promising beyond [`COMMITMENT_VERBS`], before "not to" or "never to" ("swore
/// never to attack").
pub(super) const SWEARING: &[&str] =
    &["swore", "swears", "sworn", "guaranteed", "guarantees", "assured", "assures"];

/// Verbs of refusing or declining to do what follows: the act is not done, and refused
/// cooperation is a rejection.
pub(super) const REFUSING: &[&str] =
    &["refused", "refuses", "refuse", "refusing", "declined", "declines", "decline", "declining"];

/// Verbs whose object event does not take place: "postponed the rally", "foiled an attack".
pub(super) const CALLED_OFF: &[&str] = &[
    "postpone",
    "postpones",
    "postponed",
    "postponing",
    "cancel",
    "cancels",
    "cancelled",
    "canceled",
    "cancelling",
    "canceling",
    "delay",
    "delays",
    "delayed",
    "delaying",
    "abandon",
    "abandons",
    "abandoned",
    "avert",
    "averts",
    "averted",
    "prevent",
    "prevents",
    "prevented",
    "foil",
    "foils",
    "foiled",
    "thwart",
    "thwarts",
    "thwarted",
    "avoid",
    "avoids",
    "avoided",
    "block",
    "blocks",
    "blocked",
    "blocking",
    "veto",
    "vetoes",
    "vetoed",
    "vetoing",
];

/// Adverbs that may stand between a verb and what it introduces ("agreed in principle to",
/// "vowed again to", "said publicly that").
pub(super) const FILLERS: &[&str] = &[
    "again",
    "also",
    "formally",
    "unanimously",
    "tentatively",
    "jointly",
    "publicly",
    "now",
    "finally",
    "already",
    "officially",
    "reportedly",
];

/// Words before "to VERB" that make the verb an attempt, not an announcement.
pub(super) const ATTEMPT_WORDS: &[&str] = &[
    "try",
    "tries",
    "tried",
    "attempt",
    "attempts",
    "attempted",
    "effort",
    "efforts",
    "bid",
    "seek",
    "seeks",
    "sought",
];

pub(super) const NEGATION: &[&str] = &[
    "not",
    "never",
    "n't",
    "no",
    "neither",
    "nor",
    "cannot",
    "won't",
    "didn't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    "hadn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "couldn't",
    "wouldn't",
    "shouldn't",
];

pub(super) const HEDGES: &[&[&str]] = &[
    &["it", "is", "thought"],
    &["it", "is", "believed"],
    &["it", "is", "estimated"],
    &["it", "is", "alleged"],
    &["it", "is", "reported"],
    &["it", "is", "said"],
    &["it", "was", "reported"],
    &["it", "was", "thought"],
    &["is", "thought", "to"],
    &["are", "thought", "to"],
    &["is", "believed", "to"],
    &["are", "believed", "to"],
    &["is", "said", "to"],
    &["are", "said", "to"],
    &["is", "reported", "to"],
    &["are", "reported", "to"],
    &["is", "alleged", "to"],
    &["is", "suspected", "of"],
    &["are", "suspected", "of"],
    &["reportedly"],
    &["allegedly"],
    &["purportedly"],
    &["apparently"],
    &["presumably"],
    &["possibly"],
    &["probably"],
    &["likely"],
    &["unconfirmed"],
    &["supposedly"],
    &["seemingly"],
];

pub(super) const PURPOSE_VERBS: &[&str] = &[
    "support",
    "aid",
    "help",
    "assist",
    "bolster",
    "back",
    "arm",
    "supply",
    "strengthen",
    "defend",
    "protect",
];

pub(super) const LIGHT_VERBS: &[&str] = &[
    "launch",
    "launched",
    "launches",
    "launching",
    "carry",
    "carried",
    "carries",
    "conduct",
    "conducted",
    "conducts",
    "make",
    "made",
    "makes",
    "hold",
    "held",
    "holds",
    "pay",
    "paid",
    "pays",
    "stage",
    "staged",
    "mount",
    "mounted",
    "give",
    "gave",
    "given",
    "provide",
    "provided",
    "offer",
    "offered",
    "issue",
    "issued",
    "issues",
    "extend",
    "extended",
    "express",
    "expressed",
    "continue",
    "continued",
    "step",
    "stepped",
    "renew",
    "renewed",
    "resume",
    "resumed",
    "begin",
    "began",
    "begun",
    "start",
    "started",
    "open",
    "opened",
    "undertake",
    "undertook",
    "hold",
    "holding",
    "complete",
    "completed",
    "announce",
    "announced",
    "declare",
    "declared",
    // Other forms of the verbs above.
    "launches",
    "carries",
    "carrying",
    "conducting",
    "making",
    "paying",
    "stages",
    "staging",
    "mounts",
    "mounting",
    "gives",
    "giving",
    "provides",
    "providing",
    "offers",
    "offering",
    "issuing",
    "extends",
    "extending",
    "expresses",
    "expressing",
    "continues",
    "continuing",
    "steps",
    "stepping",
    "renews",
    "renewing",
    "resumes",
    "resuming",
    "begins",
    "beginning",
    "starts",
    "starting",
    "opens",
    "opening",
    "undertakes",
    "undertaking",
    "undertaken",
    "completes",
    "completing",
    "announces",
    "announcing",
    "declares",
    "declaring",
    // "expanded intelligence sharing", "stepped up joint patrols": PLOVER's "initiate,
    // resume, improve, or expand" cooperation is that cooperation.
    "expand",
    "expands",
    "expanded",
    "expanding",
    "deepen",
    "deepens",
    "deepened",
    "deepening",
    "intensify",
    "intensifies",
    "intensified",
    "intensifying",
    // "speeded up the withdrawal", "accelerated the pullout".
    "speeded",
    "sped",
    "accelerate",
    "accelerates",
    "accelerated",
    "accelerating",
    // "set up a joint venture" (forming and establishing are below).
    "set",
    "sets",
    "setting",
    // "flew a joint patrol", "performed drills".
    "fly",
    "flew",
    "flown",
    "flies",
    "flying",
    "perform",
    "performed",
    "performs",
    "performing",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    // Verbs that bring into being what their object names ("formed a joint venture").
    "form",
    "formed",
    "forms",
    "forming",
    "create",
    "created",
    "creates",
    "creating",
    "establish",
    "established",
    "establishes",
    "establishing",
];

/// Verbs of committing to an act: what is agreed to, promised or vowed ("agreed to a
/// ceasefire", "promised a withdrawal", "vowed new attacks") is the event, and the one who
/// commits is its actor, like a light verb's subject.
pub(super) const COMMITMENT_VERBS: &[&str] = &[
    "agree",
    "agreed",
    "agrees",
    "agreeing",
    "promise",
    "promised",
    "promises",
    "promising",
    "pledge",
    "pledged",
    "pledges",
    "pledging",
    "vow",
    "vowed",
    "vows",
    "vowing",
    "commit",
    "committed",
    "commits",
    "committing",
];

/// Verbs that only say their subject joined the event their object or "in" phrase names
/// ("participated in the protests", "joined the strike", "took part in a blockade"): the
/// subject is that event's actor, like a light verb's.
pub(super) const JOINING_VERBS: &[&str] = &[
    "participate",
    "participated",
    "participates",
    "participating",
    "engage",
    "engaged",
    "engages",
    "engaging",
    "join",
    "joined",
    "joins",
    "joining",
];

pub(super) const TAKE: &[&str] = &["take", "took", "taken", "takes", "taking"];

/// "claimed responsibility for the bombing": the claimant is the bomber.
pub(super) const CLAIM: &[&str] =
    &["claim", "claimed", "claims", "claiming", "accept", "accepted", "accepts"];

/// Verbs of ordering: an authority that orders an arrest, a release or an inquiry makes it
/// ("ordered the arrest of the editor" is the arrest, by the one who ordered it).
pub(super) const ORDER_VERBS: &[&str] = &["order", "ordered", "orders", "ordering"];

/// Violent acts that a claim owns ("claimed the attack"), as it owns the responsibility for
/// them.
pub(super) const CLAIMED_ACTS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "killing",
    "killings",
    "assassination",
    "kidnapping",
    "abduction",
    "raid",
    "ambush",
    "massacre",
    "blast",
    "explosion",
    "shooting",
    "beheading",
    "hijacking",
];

/// What weapons are fired or launched at when they strike no named party ("launched drones at
/// a commercial ship").
pub(super) const STRUCK_THINGS: &[&str] = &[
    "ship",
    "ships",
    "vessel",
    "vessels",
    "tanker",
    "tankers",
    "warship",
    "warships",
    "base",
    "bases",
    "convoy",
    "convoys",
    "position",
    "positions",
    "town",
    "towns",
    "city",
    "cities",
    "village",
    "villages",
    "airport",
    "port",
    "refinery",
    "depot",
    "plant",
    "building",
    "buildings",
    "homes",
    "checkpoint",
    "patrol",
    "troops",
    "forces",
    "soldiers",
];

/// What a claim owns rather than says ("claimed responsibility for …").
pub(super) const RESPONSIBILITY: &[&str] = &["responsibility", "credit"];

/// Nouns that name a place by "of" ("the town of Samarra").
pub(super) const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "capital",
    "port",
    "county",
    "suburb",
    "outskirts",
    "area",
    "state",
    "island",
    "enclave",
];

/// Possessive pronouns of the third person and "our": what they own is the party's just named.
pub(super) const POSSESSIVE_PRONOUNS: &[&str] = &["his", "her", "its", "their", "our"];

/// Words that name a part of a country before its name ("in central Mali", "across
/// north-eastern Nigeria"): the place is still the country's.
pub(super) const REGION_WORDS: &[&str] = &[
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "rural",
    "coastal",
    "mainland",
    "neighbouring",
    "neighboring",
];

/// Participles of a feeling about what someone did: "was appalled by", "deeply concerned
/// about".
pub(super) const FEELINGS: &[&str] = &[
    "appalled",
    "shocked",
    "outraged",
    "alarmed",
    "horrified",
    "dismayed",
    "disgusted",
    "angered",
    "concerned",
    "troubled",
    "disturbed",
    "incensed",
    "infuriated",
];

/// Words of a feeling voiced about what someone did ("expressed grave concern over …").
pub(super) const CONCERN_WORDS: &[&str] =
    &["concern", "concerns", "grave", "deep", "serious", "alarm", "dismay", "horror", "outrage"];

/// Nouns of groups that an event noun before them only classifies ("invasion forces").
pub(super) const GROUP_KINDS: &[&str] = &[
    "force",
    "forces",
    "troops",
    "unit",
    "units",
    "group",
    "groups",
    "movement",
    "movements",
    "leader",
    "leaders",
    "organizers",
    "organisers",
];

/// Sectors whose "strike" is a walkout: labour, teachers, doctors, business, farmers,
/// civilians, the opposition.
pub(super) const WORKING_SECTORS: &[&str] =
    &["LAB", "EDU", "MED", "BUS", "AGR", "CVL", "OPP", "JRN"];

/// Words that make a text one about work and pay, whatever their sentence: unambiguous words
/// of labour disputes ("union" is also the European or African Union; "staff", "general" and
/// "pay" have other senses).
pub(super) const LABOUR_TOPIC: &[&str] = &[
    "unionists",
    "trade-union",
    "teachers",
    "employees",
    "nurses",
    "miners",
    "dockers",
    "wage",
    "wages",
    "salaries",
    "pensions",
    "walkout",
    "walkouts",
    "strikers",
    "picket",
    "pickets",
];

/// Words of work and pay: a "strike" among them is a walkout.
pub(super) const LABOUR_WORDS: &[&str] = &[
    "workers",
    "worker",
    "union",
    "unions",
    "unionists",
    "teachers",
    "employees",
    "staff",
    "nurses",
    "doctors",
    "miners",
    "dockers",
    "drivers",
    "labour",
    "labor",
    "wage",
    "wages",
    "salaries",
    "pay",
    "pension",
    "pensions",
    "walkout",
    "picket",
    "pickets",
    "general",
];

/// Words after which a word that can be a verb or a noun is the verb: auxiliaries, modals,
/// pronoun subjects, adverbs and verbs of aspect ("will attack", "they strike", "began
/// shelling").
pub(super) const BEFORE_VERBS: &[&str] = &[
    "to",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "not",
    "n't",
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "also",
    "it",
    "they",
    "he",
    "she",
    "we",
    "who",
    "which",
    "that",
    "then",
    "already",
    "reportedly",
    "allegedly",
    "jointly",
    "repeatedly",
    "still",
    "now",
    "never",
    "often",
    "again",
    "just",
    "soon",
    "keep",
    "keeps",
    "kept",
    "continue",
    "continues",
    "continued",
    "stopped",
    "started",
    "began",
    "resumed",
    "help",
    "helps",
    "helped",
    "helping",
];

/// Adjectives in -ly, before a noun rather than a verb.
pub(super) const LY_ADJECTIVES: &[&str] = &[
    "deadly",
    "costly",
    "bloody",
    "friendly",
    "unfriendly",
    "early",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "elderly",
    "lonely",
    "lovely",
    "orderly",
    "timely",
    "ugly",
    "holy",
];
