//! Other senses of trigger words: uses that look like an event of the trigger's type but
//! mean something else ("released a report", "fired his chief of staff", "fight corruption").

use dyad_model::EventType;

use super::screen::WEAPON_KINDS;
use super::{Candidate, Sentence, DETERMINERS, PROJECTILES};
use crate::mentions::Kind;
use crate::triggers::{Pos, Trigger};

/// The word in another sense than its event: a text released, tensions eased, a decline, trade
/// under tariffs, an aim, a meeting with opposition, a demonstration of strength.
pub(super) fn other_sense(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "tariffs targeting American whiskey", "protecting U.S. jobs": measures aim at goods,
    // and what is protected may be no party.
    (trigger.lemma == "target" && measure_before(s, cand.tok_start))
        || (matches!(trigger.lemma.as_str(), "protect" | "safeguard" | "defend")
            && (cand.tok_end..s.phrase_end(cand.tok_end, 4)).any(|k| s.is_any(k, HOLDINGS)))
        // PLOVER: "State of emergencies in relation to national disasters should generally not
        // be coded as COERCE `restrict'".
        || ((trigger.lemma == "state of emergency" || trigger.mode == "martial-law")
            && !(0..s.tokens.len()).any(|k| s.is(k, "martial"))
            && (cand.tok_start.saturating_sub(10)..(cand.tok_end + 12).min(s.tokens.len()))
                .any(|k| super::screen::natural_disaster(s, k)))
        // PLOVER's REJECT for a party barred from entering a territory, not a room or a park.
        || (trigger.event == EventType::Reject
            && matches!(trigger.lemma.as_str(), "bar" | "ban")
            && !enters_a_territory(s, cand))
        || other_role_or_market(trigger, s, cand)
        // "took delivery of rockets", "took note of the report": received or noted, not seized.
        || (trigger.lemma == "take"
            && trigger.pos == Pos::Verb
            && s.is_any(cand.tok_end, &["delivery", "receipt", "note", "notice", "stock", "part"]))
        // "is studying whether to send missiles": weighing a course of one's own, no inquiry
        // ("investigating whether the attacks were linked" is an inquiry).
        || (trigger.mode == "investigate"
            && s.is_any(cand.tok_end, &["whether", "how"])
            && s.is(cand.tok_end + 1, "to"))
        // "a report released this month", "released a video": a text or a picture made
        // public is no one set free; a letter "handed over" is delivered.
        || (matches!(trigger.lemma.as_str(), "release" | "hand over")
            && trigger.pos == Pos::Verb
            && releases_a_text(s, cand))
        // "fired his chief of staff", "fired five observers": dismissed, not shot at.
        || (trigger.lemma == "fire" && trigger.pos == Pos::Verb && fires_people(s, cand))
        // "conditions have eased Saturday", "tensions eased": nothing eased by anyone; "talks
        // on easing tensions" concede nothing.
        || (trigger.pos == Pos::Verb
            && matches!(trigger.lemma.as_str(), "ease" | "relax" | "reduce" | "defuse" | "calm")
            && (cand.tok_end..(cand.tok_end + 3).min(s.tokens.len()))
                .any(|k| s.is_any(k, &["tension", "tensions", "fears", "concerns"])))
        || (trigger.pos == Pos::Verb
            && matches!(trigger.lemma.as_str(), "ease" | "relax")
            && (cand.tok_end >= s.tokens.len()
                || s.is_any(
                    super::after_day(s.text, s.tokens, cand.tok_end),
                    &[".", ",", ";", "and", "but", "since", "after", "as", "slightly",
                      "somewhat", "further", "considerably", "significantly", "sharply"],
                )))
        // "as Japan's population continues to decline", "the number declined to 230,000" (or
        // "to the current figure"): to decrease, not to refuse.
        || (trigger.lemma == "decline"
            && trigger.pos == Pos::Verb
            && (!s.is(cand.tok_end, "to") || amount_at(s, cand.tok_end + 1))
            && !s.is_any(cand.tok_end, DETERMINERS)
            && !s.is_any(cand.tok_end, &["invitations", "offers", "requests", "calls", "appeals"]))
        // "tariffs on Canadian exports", "a ban on grain imports": trade a restriction falls
        // on is the restriction's object, not news of cooperation.
        || (trigger.pos == Pos::Noun
            && matches!(trigger.lemma.as_str(), "export" | "import")
            && (cand.tok_start.saturating_sub(6)..cand.tok_start).any(|k| {
                s.is_any(
                    k,
                    &["tariff", "tariffs", "duties", "ban", "bans", "sanctions", "curbs", "limits"],
                )
            }))
        || force_in_other_sense(trigger, s, cand)
        || speech_in_other_sense(trigger, s, cand)
}

/// Words of force and removal in another sense: harm to something abstract, people going
/// home, ills fought, bodies disbanded, cheating, advancing.
fn force_in_other_sense(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "would destroy bilateral relations", "damaged trust": harm to something abstract
    // is no attack.
    (trigger.event == EventType::Assault
            && matches!(trigger.lemma.as_str(), "destroy" | "damage" | "ruin" | "wreck" | "hurt")
            && (cand.tok_end..(cand.tok_end + 3).min(s.tokens.len()))
                .take_while(|&k| s.tokens[k].word)
                .any(|k| s.is_any(k, ABSTRACT_HARMED)))
        // "refugees returned home": people going back, no one sent home.
        || (trigger.lemma == "return" && trigger.event == EventType::Sanction && s.is(cand.tok_end, "home"))
        // "to fight corruption", "combat terrorism in the region", "the fight against
        // poverty": a social ill fought is no party attacked.
        || (matches!(trigger.lemma.as_str(), "fight" | "fighting" | "combat" | "battle" | "tackle")
            && (cand.tok_end..(cand.tok_end + 3).min(s.tokens.len()))
                .take_while(|&k| s.tokens[k].word)
                .any(|k| s.is_any(k, ILLS)))
        // "the UN panel was disbanded", "disbanded the committee": a body of officials or
        // experts dissolved is no force disarmed. The body is the word's neighbour, or the
        // head of a sentence-opening subject ("The expert panel that monitored … was").
        || (trigger.lemma == "disband"
            && (cand.tok_start.saturating_sub(4)..(cand.tok_end + 4).min(s.tokens.len()))
                .chain(0..cand.tok_start.min(4))
                .any(|k| s.is_any(k, DISBANDED_BODIES)))
        // "Canada has been ripping off the US", "ripped up the deal": cheating or discarding,
        // no attack ("a blast ripped through a market", "shells ripped into a school" are).
        || (trigger.lemma == "rip" && s.is_any(cand.tok_end, &["off", "up"]))
        // "Serb forces pushed into Kosovo villages", "pushed deeper into the city": an
        // advance, no demand.
        || (trigger.lemma == "push"
            && trigger.event == EventType::Request
            && s.is_any(cand.tok_end, &["into", "through", "deeper"]))
}

/// Words of speech, meeting and purpose in another sense: an aim, information offered, a
/// reaction met with, a show of strength, a place settled in.
fn speech_in_other_sense(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "a programme aimed at bringing the forces together": a purpose, not a target.
    (trigger.lemma == "aim"
            && s.is(cand.tok_end, "at")
            && cand.tok_end + 1 < s.tokens.len()
            && s.word(cand.tok_end + 1).ends_with("ing"))
        // "offered no evidence for his claims", "offered few details": information given or
        // withheld is no offer of cooperation.
        || (trigger.lemma == "offer"
            && trigger.pos == Pos::Verb
            && (s.is_any(cand.tok_end, &["no", "little", "few", "scant"])
                || (cand.tok_end..s.phrase_end(cand.tok_end, 4)).any(|k| s.is_any(k, EXPLAINED))))
        // "the plan met with opposition": a reaction, not a meeting.
        || (trigger.lemma == "meet"
            && s.is(cand.tok_end, "with")
            && (cand.tok_end + 1..(cand.tok_end + 3).min(s.tokens.len()))
                .any(|k| s.is_any(k, REACTIONS)))
        // "to demonstrate the navy's strength", "demonstrated that …": to show, not to
        // protest; "settled in Okinawa": moved there, no settlement.
        || (trigger.pos == Pos::Verb
            && (trigger.lemma == "demonstrate" && shows_something(s, cand.tok_end)
                || trigger.lemma == "settle" && s.is_any(cand.tok_end, &["in", "into", "down"])))
}

/// Whether an amount starts at `k`: a number, a currency sign, a determiner or an
/// approximator ("declined to 230,000", "to $80", "to the lowest figure", "to about 200").
fn amount_at(s: &Sentence<'_>, k: usize) -> bool {
    s.word(k).starts_with(|c: char| c.is_ascii_digit() || "$€£".contains(c))
        || s.is_any(k, DETERMINERS)
        || s.is_any(k, &["about", "around", "some", "nearly", "almost", "roughly"])
}

/// Bodies of officials or experts, whose disbanding disarms no one.
const DISBANDED_BODIES: &[&str] = &[
    "panel",
    "committee",
    "council",
    "commission",
    "team",
    "task",
    "body",
    "board",
    "office",
    "department",
    "agency",
    "cabinet",
    "parliament",
    "assembly",
];

/// Abstract things that acts "destroy" or "damage": no party attacked.
const ABSTRACT_HARMED: &[&str] = &[
    "relations",
    "ties",
    "relationship",
    "trust",
    "confidence",
    "hopes",
    "chances",
    "prospects",
    "credibility",
    "reputation",
    "economy",
    "image",
    "interests",
];

/// Senses of a deadline, a demand or a take-over that name no event: "gave residents 24 hours
/// to leave" expels no diplomats, "weaker Chinese demand" asks nothing, "took over the
/// mission" seizes nothing.
fn other_role_or_market(trigger: &Trigger, s: &Sentence<'_>, cand: &Candidate) -> bool {
    // "gave residents 24 hours to leave their homes": a deadline to leave expels only
    // diplomats, missions and their staff.
    (trigger.event == EventType::Sanction
        && trigger.lemma == "give"
        && !(cand.tok_end..(cand.tok_end + 8).min(s.tokens.len()))
            .any(|k| s.is_any(k, EXPELLED)))
    // "weaker Chinese demand", "strong demand for oil": demand in a market asks nothing.
    || (trigger.pos == Pos::Noun
        && (s.is(cand.tok_start, "demand")
            && (cand.tok_start.saturating_sub(2)..cand.tok_start)
                .any(|k| s.is_any(k, MARKET_DEMAND))
            || s.is(cand.tok_start, "demands")
                && cand.tok_start > 0
                && s.is_any(cand.tok_start - 1, MARKET_GOODS)))
    // "took over NATO's air policing mission", "took over the rotating presidency": a role
    // taken on, not a place seized.
    || (trigger.lemma == "take over"
        && (cand.tok_end..s.phrase_end(cand.tok_end, 6)).any(|k| s.is_any(k, ROLES)))
}

/// Who a deadline to leave expels: diplomats, missions, peacekeepers, aid and embassy staff.
const EXPELLED: &[&str] = &[
    "ambassador",
    "ambassadors",
    "diplomat",
    "diplomats",
    "envoy",
    "envoys",
    "attache",
    "consul",
    "mission",
    "peacekeepers",
    "observers",
    "staff",
    "embassy",
    "troops",
    "forces",
    "contingent",
];

/// Goods whose "demands" are a market's ("energy demands").
const MARKET_GOODS: &[&str] =
    &["energy", "oil", "fuel", "gas", "electricity", "power", "consumer", "import", "export"];

/// Words before "demand" that make it demand in a market.
const MARKET_DEMAND: &[&str] = &[
    "weak",
    "weaker",
    "weakening",
    "strong",
    "stronger",
    "robust",
    "consumer",
    "domestic",
    "energy",
    "oil",
    "fuel",
    "gas",
    "electricity",
    "power",
    "falling",
    "slowing",
    "sluggish",
    "soft",
    "softer",
    "pent-up",
    "seasonal",
    "market",
    "export",
    "import",
];

/// Roles, offices and tasks one takes over ("took over the mission").
const ROLES: &[&str] = &[
    "mission",
    "missions",
    "role",
    "roles",
    "duties",
    "duty",
    "presidency",
    "chairmanship",
    "chair",
    "helm",
    "leadership",
    "responsibility",
    "responsibilities",
    "mandate",
    "portfolio",
    "job",
    "tasks",
    "management",
];

/// Social ills that governments "fight" or "combat": no party attacked.
const ILLS: &[&str] = &[
    "corruption",
    "terrorism",
    "extremism",
    "crime",
    "crimes",
    "poverty",
    "inflation",
    "hunger",
    "disease",
    "diseases",
    "drugs",
    "trafficking",
    "smuggling",
    "fraud",
    "laundering",
    "misinformation",
    "disinformation",
    "unemployment",
    "racism",
    "discrimination",
    "impunity",
    "piracy",
    "malaria",
    "climate",
    "pandemic",
    "epidemic",
    "virus",
    "fires",
    "wildfires",
    "logging",
    "poaching",
    "deforestation",
    "pollution",
    "violence",
    "graft",
    "bribery",
    "cybercrime",
    "narcotics",
    "outbreak",
    "outbreaks",
    "cholera",
    "ebola",
    "measles",
    "blaze",
    "blazes",
    "locusts",
];

/// Whether what a party is barred from entering after the verb at `cand` is a state: "the
/// country", "its territory", a named country ("barred from entering Israel").
fn enters_a_territory(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let Some(k) = (cand.tok_end..(cand.tok_end + 14).min(s.tokens.len()))
        .find(|&k| s.is_any(k, &["entering", "entry"]))
    else {
        return false;
    };
    // "banned 92 US citizens from entry."
    let bare_entry = s.is(k, "entry") && s.tokens.get(k + 1).is_none_or(|t| !t.word);
    bare_entry
        || (k + 1..(k + 4).min(s.tokens.len())).any(|j| {
            s.is_any(j, &["country", "territory", "kingdom", "republic"])
                || s.mentions.iter().any(|m| {
                    m.tok_start == j
                        && !m.possessive
                        && (m.kind == Kind::Place
                            || m.kind == Kind::Actor && !m.is_person && m.entity.sector.is_empty())
                })
        })
}

/// Measures that "target" goods, sectors or people without force.
const MEASURES: &[&str] = &[
    "tariff",
    "tariffs",
    "duties",
    "duty",
    "levies",
    "taxes",
    "tax",
    "sanctions",
    "measures",
    "policy",
    "policies",
    "law",
    "laws",
    "rules",
    "restrictions",
    "curbs",
    "controls",
    "ads",
];

/// Whether a measure noun is the subject of the verb at `t`: its `nsubj` in the parse ("its
/// tariffs, which …, are targeting"), or the word before it, over auxiliaries ("sanctions
/// targeting", "duties that target").
fn measure_before(s: &Sentence<'_>, t: usize) -> bool {
    if let Some(n) = s.tree().child(t, "nsubj") {
        return s.is_any(n, MEASURES);
    }
    (0..t)
        .rev()
        .find(|&k| !s.is_any(k, &["is", "are", "was", "were", "also", "that", "which"]))
        .is_some_and(|k| s.is_any(k, MEASURES))
}

/// What is protected that is no party: jobs, markets, the environment.
const HOLDINGS: &[&str] = &[
    "jobs",
    "industry",
    "industries",
    "economy",
    "interests",
    "environment",
    "wildlife",
    "forests",
    "heritage",
    "privacy",
    "data",
    "revenue",
    "revenues",
    "market",
    "markets",
    "investments",
    "savings",
    "wages",
    "health",
    "climate",
];

/// Texts, pictures and figures that are "released" when made public.
const TEXTS: &[&str] = &[
    "report",
    "reports",
    "statement",
    "statements",
    "video",
    "videos",
    "footage",
    "images",
    "photos",
    "photographs",
    "data",
    "figures",
    "statistics",
    "study",
    "survey",
    "findings",
    "results",
    "document",
    "documents",
    "list",
    "album",
    "film",
    "book",
    "recording",
    "transcript",
    "details",
    "budget",
    "assessment",
    "program",
    "programme",
    "plan",
    "strategy",
    "roadmap",
    "guidelines",
    "software",
    "app",
    "song",
    "trailer",
    "documentary",
    "documentaries",
    "films",
    "movie",
    "poll",
    "polls",
    "surveys",
    "studies",
    "paper",
    "papers",
    "letter",
    "letters",
    "message",
    "messages",
    "memoir",
    "guidance",
    "forecast",
    "forecasts",
    "estimates",
    "audio",
    "photo",
    "image",
    "map",
    "maps",
    "index",
    "version",
    "update",
];

/// Whether the released thing is a text or picture: just before the verb (a participle or a
/// passive: "a report released this month", "the video was released") or its object
/// ("released a video").
fn releases_a_text(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let t = cand.tok_start;
    // "a survey of 1,500 Americans released Tuesday": the parties of its "of" phrase are what
    // it is about (not past a comma: "Following reports of torture, Egypt released …").
    let before = (t.saturating_sub(8)..t).rev().take_while(|&k| !s.is(k, ".")).any(|k| {
        s.is_any(k, TEXTS)
            && (s.is(k + 1, "of") && (k + 1..t).all(|j| s.tokens[j].word || s.is(j, "-"))
                || (k + 1..t).all(|j| !s.mentions.iter().any(|m| m.tok_start == j)))
    });
    // Its object may have modifiers: "released an AI development program".
    let after = (cand.tok_end..s.phrase_end(cand.tok_end, 5)).any(|k| s.is_any(k, TEXTS));
    before || after
}

/// What is offered when information is given: "offered no evidence", "offered details".
const EXPLAINED: &[&str] = &[
    "evidence",
    "proof",
    "details",
    "explanation",
    "explanations",
    "comment",
    "comments",
    "reason",
    "reasons",
    "specifics",
];

/// What a plan or a person "meets with" that is no meeting.
const REACTIONS: &[&str] = &[
    "opposition",
    "resistance",
    "criticism",
    "condemnation",
    "scepticism",
    "skepticism",
    "protests",
    "protest",
    "anger",
    "outrage",
    "approval",
    "praise",
    "success",
    "failure",
    "silence",
    "derision",
    "disapproval",
    "hostility",
    "suspicion",
    "resentment",
];

/// Whether the direct object of "fire" at `cand` names people: a person, a mention with a
/// sector that is no weapon ("missiles" are a MIL word too) or a word of staff within four
/// words, with nothing but modifiers before it ("fired his military chief
/// of staff", "fired five international observers").
fn fires_people(s: &Sentence<'_>, cand: &Candidate) -> bool {
    let people = |k: usize| {
        s.mentions.iter().any(|m| {
            m.tok_start == k
                && (m.is_person
                    // Weapons are MIL words too ("fired missiles").
                    || !m.entity.sector.is_empty()
                        && !s.is_any(m.tok_end - 1, WEAPON_KINDS)
                        && !s.is_any(m.tok_end - 1, PROJECTILES))
        }) || s.is_any(k, &["observers", "staff", "employees", "officials", "aides", "advisers"])
    };
    (cand.tok_end..s.phrase_end(cand.tok_end, 4)).any(people)
}

/// Whether what follows a verb at `k` is its object or a clause ("the strength", "its resolve",
/// "that …", "how …"), as after "demonstrate" meaning to show.
fn shows_something(s: &Sentence<'_>, k: usize) -> bool {
    s.is_any(k, DETERMINERS)
        || s.is_any(k, &["that", "how", "what", "our", "his", "her", "your", "my", "some"])
        || s.mentions.iter().any(|m| m.tok_start == k && m.possessive)
}
