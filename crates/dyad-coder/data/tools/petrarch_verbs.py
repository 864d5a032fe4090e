#!/usr/bin/env python3
"""Converts PETRARCH2's CAMEO verb dictionary into dyad trigger rows (data/petrarch_verbs.tsv).

Usage (from the repository root, with ../shared beside it):

    python3 crates/dyad-coder/data/tools/petrarch_verbs.py \
        ../shared/reference/petrarch2/CAMEO.2.0.txt > crates/dyad-coder/data/petrarch_verbs.tsv

What it does:
- each verb synonym block (`--- NAME [code] ---`) gives its verbs the block's code unless a
  verb line has a code of its own; irregular forms in `{...}` become the `forms` column and
  multi-word verbs (`+CALL_OFF`) become phrases;
- a pattern `- * OBJECT ... [code]` applies, as in PETRARCH, to every verb of its block: the
  words of its first noun phrase after the verb (synonym sets `&NAME` expanded) become a literal
  object list (`=word|word`) that must follow the verb in its clause; a braced phrase
  (`{NEW SANCTIONS}`, also inside parentheses) is one object, with a synonym set in it
  expanded, and a noun followed by `(OF …)` keeps it ("state of emergency", not "state");
  "GO * AHEAD (WITH TOUR)" takes the phrase after the adverb, "MAKE * FIRST MOVE" the
  modifier with its noun; an object followed by a phrase of two or more words that gives it
  its sense ("- * HOME (AFTER EVACUATION)", "- * TROOPS (TO BORDER)"; also `(OF …)` after a
  synonym set or a phrase) makes no row, since dyad's rows cannot check the phrase; patterns
  with words before
  the verb are left out, and so are investigations (CAMEO 09x) whose object is aircraft or
  weapons ("USE * &AIRCRAFT": used aircraft are force, not surveillance);
- a verb block that lists its irregular forms without a past (`PUT {PUTS PUTTING}`) has its
  base form as past and participle;
- CAMEO codes become PLOVER event, mode and context through dyad-model's
  data/cameo2plover.tsv (the official CAMEO-to-PLOVER table); CAMEO 02x appeals are coded as
  the matching 10x demands (REQUEST), which the table leaves out, with the flag `appeal` (the
  event keeps CAMEO 02x as its code); 01x statements and codes without a PLOVER type make no
  row;
- light verbs (be, have, make, take, give, ...) keep only their object patterns: their meaning
  is in the object, so the bare verb makes no event;
- the verbs of managing (block OVERSEE_MANAGE: control, govern, command, ...) make no bare
  row: "the faction that controls Afghanistan" holds power, it cooperates with no one;
- rows of bare verbs carry the flag `named`: such a verb makes an event only with a named or
  generic actor, never with an unidentified one (rows with an object pattern are specific
  enough to stand without one: "grenades were hurled at …"); bare verbs of every type but
  the material acts and concessions (ASSAULT, COERCE, PROTEST, MOBILIZE, CONCEDE, RETREAT)
  also carry `dyadic`: they make an event only towards a party the sentence names, as
  PETRARCH2 codes a bare verb only between a source and a target ("increased", "argued",
  "affect" alone say nothing of one; "detonated", "abandoned" do).
Verbs that data/triggers.tsv already has a row of their own for (no object class) are left to
it (the hand-written rows are tuned and authoritative); verbs it has only object-class rows for
keep their PETRARCH rows, matched after the hand-written ones.
- a verb that carries out, joins, begins or causes what its object names (SUPPORT_VERBS: "led
  an attack", "gathered for a protest", "sparked protests") loses the object words that are
  hand-written event nouns of another type: the noun's own event stands (so do light verbs
  that state or perform their object, STATING_VERBS: "expressed support", "made a visit");
  "take part" (PARTICIPATION) makes no event of its own at all;
- objects that are an infinitive ("DECIDE * TO WITHDRAW") are dropped: the infinitive's own
  verb codes it;
- objects that only open a possibility (POSSIBILITY_WORDS: "raised the possibility of talks",
  "boosted the prospects of a deal") are dropped except in rejections ("ruled out the
  possibility"): PETRARCH2's patterns go on to name what is possible ("ANNOUNCE POSSIBILITY (OF
  MILITARY ACTION)"), which dyad does not check, so the bare word would code every
  "mentioned the possibility" as a threat of violence; what follows "of" is coded from its own
  words, as something not (yet) done;
- verbs of preparing (block PREPARE: prepare, ready, gear up, ...) lose every object word that
  is a hand-written event noun ("prepare * attack" is no attack: the noun codes it, in the
  future, and "preparing for attacks" braces for them); so do verbs of statement (CAMEO 01x
  blocks but those whose verbs do what they say: "decreed a curfew", "dispersed the
  demonstration") for nouns of force, coercion and protest ("commented on the attack");
- the aid and support rows of the verbs of obtaining (block OBTAIN: get, receive, obtain,
  acquire, gain, win, ...) carry the flag `inverse`: their subject receives ("got weapons
  from North Korea" is North Korea's aid), which PETRARCH2 marks with a reversed code
  (`[:072]`) on some patterns and not on others (`RECEIVE * &WEAPON [072]`).

`.ci/gates.sh` checks that the committed file is what this tool makes from the current
data/triggers.tsv (whose hand-written verbs and nouns it reads): rerun it after editing those.

The dictionary is MIT-licensed (Copyright (c) 2015 Open Event Data Alliance); the notice is kept
at the top of the output.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CAMEO2PLOVER = HERE.parents[2] / "dyad-model" / "data" / "cameo2plover.tsv"
HAND = HERE.parent / "triggers.tsv"

# Types whose bare dictionary verbs name their act well enough to stand without a recipient
# ("detonated", "rioted", "abandoned"); the others need one (flag `dyadic`).
SPECIFIC_BARE = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONCEDE", "RETREAT"}

LIGHT_VERBS = {
    "be", "have", "do", "get", "make", "take", "give", "go", "come", "see", "put", "set",
    "keep", "hold", "run", "say", "tell", "need", "want", "use", "look", "seem", "find",
    "show", "turn", "leave", "move", "bring", "carry", "meet with", "let", "pass", "raise",
    "open", "close", "place", "deal", "work", "play", "stand", "sit", "talk", "speak",
    "mention", "note", "add", "remain", "stay", "become", "start", "begin", "continue",
    "end", "finish", "try", "seek", "press", "push", "face", "follow", "lead", "head",
    "receive", "accept", "return", "back", "support", "cut", "hit", "draw", "pull", "drive",
    "break", "fall", "rise", "grow", "spread", "hope", "expect", "plan", "prepare", "consider",
    "believe", "think", "feel", "know", "like", "love", "wish", "mean", "involve", "include",
    "cover", "report", "write", "read", "publish", "announce", "state", "declare", "express",
    "observe", "visit", "arrive", "travel", "fly", "host", "welcome", "call", "ask", "urge",
    "order", "allow", "permit", "enable", "help", "serve", "act", "operate", "handle",
    # Mostly a negation ("failed to reach"), or a formal act whose meaning is all in its
    # object ("issued a warning", "ruled the vote invalid").
    "fail", "issue", "rule", "notify", "decide", "manage", "agree with",
}

HEADER = """# PETRARCH2 verb patterns converted into dyad trigger rows. Generated by
# crates/dyad-coder/data/tools/petrarch_verbs.py from CAMEO.2.0.txt; do not edit by hand: edit
# data/triggers.tsv (whose rows win) or the tool, and regenerate.
#
# Source: openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt.
# The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software
# and associated documentation files (the "Software"), to deal in the Software without
# restriction, including without limitation the rights to use, copy, modify, merge, publish,
# distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
# Software is furnished to do so, subject to the following conditions: The above copyright
# notice and this permission notice shall be included in all copies or substantial portions of
# the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
# PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
# LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
#
# CAMEO codes were converted to PLOVER with the official CAMEO-to-PLOVER table (CC BY-SA 4.0,
# Open Event Data Alliance; see dyad-model/data/cameo2plover.tsv).
#
# Columns as in triggers.tsv; `object` `=a|b` is a literal list of words one of which must
# follow the verb in its clause; flag `named`: no event with an unidentified actor; flag `light`:
# a light verb whose object word must stand within six words after it; flag `appeal`: CAMEO 02x
# (an appeal, coded REQUEST with its CAMEO code kept); flag `dyadic`: no event without a
# recipient.
lemma\tpos\tevent\tmode\tcontext\tobject\tforms\tflags"""


def load_cameo2plover():
    table = {}
    for line in CAMEO2PLOVER.read_text().splitlines():
        if line.startswith("#") or line.startswith("cameo\t") or not line.strip():
            continue
        cells = line.split("\t") + ["", "", ""]
        table[cells[0]] = (cells[1], cells[2], cells[3].split(";")[0])
    return table


def plover(code, table):
    code = code.strip()
    if not code or "-" in code or not code.isdigit():
        return None
    if code.startswith("02"):
        code = "10" + code[2:]
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def hand_verbs():
    verbs = set()
    for line in HAND.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        # A verb with a hand-written row of its own (no object class) is left to
        # triggers.tsv; one with only object-class rows ("declare" CURFEWS) keeps its
        # PETRARCH rows too, which it matches after them ("declared a ceasefire").
        if len(cells) > 5 and cells[1] == "verb" and not cells[5]:
            verbs.add(cells[0].lower())
    return verbs


# Verbs whose object is the event they carry out, join or begin.
# Light verbs that state or perform what their object names ("expressed support", "issued a
# warning", "made a visit"): like SUPPORT_VERBS, they keep the event noun's own type.
STATING_VERBS = {"express", "issue", "make", "voice", "extend", "deliver"}

# Event types of force, coercion and street protest.
STREET_OR_FORCE = {"ASSAULT", "COERCE", "PROTEST"}

# Statement blocks (CAMEO 01x) whose verbs do what their object names: "dispersed the
# demonstration" (CIRCULATE), "decreed a curfew" (DECREE), "observed a general strike"
# (OBSERVE).
PERFORMATIVE_BLOCKS = {"CIRCULATE", "DECREE", "OBSERVE"}

# Verb and object words that only say someone joined what follows ("took part in a blockade").
PARTICIPATION = {("take", "part")}

# Objects that only open a possibility: what is possible is coded from its own words.
POSSIBILITY_WORDS = {"possibility", "possibilities", "prospect", "prospects"}

SUPPORT_VERBS = {
    "lead", "launch", "stage", "hold", "gather", "join", "conduct", "mount", "organize",
    "organise", "arrange", "begin", "start", "continue", "resume", "carry out", "unleash",
    "intensify", "escalate", "step up", "undertake", "wage", "spearhead", "initiate",
    "perform", "execute", "attend", "participate", "take part", "head", "convene",
    # Verbs of causing: "the arrest sparked protests" is the protesters' event, not a
    # disapproval by whoever sparked it.
    "spark", "prompt", "trigger", "provoke", "fuel", "ignite", "cause",
}


def hand_nouns():
    """The hand-written event nouns and their event types: {"attack": {"ASSAULT"}, ...}."""
    nouns = {}
    for line in HAND.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > 5 and cells[1] == "noun" and not cells[5]:
            for form in [cells[0]] + [f for f in (cells[6] if len(cells) > 6 else "").split("|") if f]:
                nouns.setdefault(form.lower(), set()).add(cells[2])
    return nouns


def foreign_event_noun(obj, event, nouns):
    """Whether an object word is an event noun of another type ("led an attack" is no
    ACCUSE, "gathered for a protest" no ACCUSE): the noun's own event stands."""
    types = nouns.get(obj) or nouns.get(obj[:-1] if obj.endswith("s") else obj)
    return bool(types) and event not in types


def word(token):
    """A dictionary token as text: `CALL_OFF` -> `call off`, `CASH_` -> `cash`."""
    return token.strip("+").strip("_").replace("_", " ").lower()


def classify_forms(lemma, forms):
    """PETRARCH lists irregular forms unordered; dyad wants 3sg|past|participle|-ing."""
    forms = [f for f in forms if f]
    head_of = lambda f: f.split(" ")[0]  # noqa: E731 - multi-word verbs inflect their head
    third = next((f for f in forms if head_of(f).endswith("s") and not head_of(f).endswith("ss")), "")
    ing = next((f for f in forms if head_of(f).endswith("ing")), "")
    rest = [f for f in forms if f not in (third, ing)]
    if not rest and not (third or ing):
        return ""
    if not rest:
        # `PUT {PUTS PUTTING}`: a past left out is the base form (put, set, cut, hit).
        rest = [lemma]
    past = rest[0]
    participle = next((f for f in rest if head_of(f).endswith("n") and f != past), rest[-1])
    if len(rest) >= 2 and head_of(past).endswith("n") and not head_of(rest[1]).endswith("n"):
        past, participle = rest[1], rest[0]
    if not third:
        head = lemma.split(" ")[0]
        third = head + ("es" if head.endswith(("s", "x", "z", "ch", "sh", "o")) else "s")
        third += lemma[len(head):]
    if not ing:
        head = lemma.split(" ")[0]
        stem = head[:-1] if head.endswith("e") and not head.endswith("ee") else head
        ing = stem + "ing" + lemma[len(head):]
    return "|".join([third, past, participle, ing])


def parse(path):
    sets = {}
    blocks = []  # (default code, [(lemma, forms, code)], [(object words, code)])
    current_set = None
    in_verbs = False
    block = None
    for raw in Path(path).read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line.strip()
                sets[current_set] = []
            elif line.startswith("+") and current_set:
                sets[current_set].append(word(line.split()[0]))
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            block = (header.group(2), [], [], header.group(1))
            blocks.append(block)
            continue
        if block is None:
            continue
        code_match = re.search(r"\[([^\]]*)\]", line)
        code = code_match.group(1).strip() if code_match else None
        if line.startswith("-"):
            body = line[1:code_match.start()] if code_match else line[1:]
            if code is None or "*" not in body:
                continue
            before, after = body.split("*", 1)
            if before.strip():
                continue
            # "USE * &AIRCRAFT [090]": investigating is surveillance, which the pattern's
            # missing words ("reconnaissance", "spy") would say; aircraft and weapons used are
            # force ("used drones to attack Kyiv" is no investigation).
            if (
                code.startswith("09")
                and re.search(r"&(AIRCRAFT|WEAPON)\b", after)
                and not re.search(r"\b(SPY|SURVEILLANCE|RECONNAISSANCE)", after)
            ):
                continue
            objects = pattern_object(after, sets)
            if objects:
                block[2].append((objects, code, is_bare(after)))
            continue
        # A verb line: VERB {FORMS} [code]
        text = line[:code_match.start()] if code_match else line
        forms = []
        brace = re.search(r"\{([^}]*)\}", text)
        if brace:
            forms = [word(f) for f in brace.group(1).split()]
            text = text[:brace.start()]
        lemma = text.split()
        if not lemma:
            continue
        block[1].append((word(lemma[0]), forms, code))
    return blocks


def is_bare(after):
    """Whether a pattern is its object alone (`- * STATEMENT`), with nothing after it that
    dyad's rows cannot check (`- * STATEMENT (FOR)`, `- * SUPPORT TO`)."""
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|&\w+|[A-Za-z_']+", after)
    return len(tokens) <= 1


def pattern_object(after, sets):
    """The first noun phrase after the verb: its words, or the members of its synonym set; a
    noun followed by `(OF …)` keeps it (`STATE (OF EMERGENCY)`: "state of emergency"); none
    when another phrase of two or more words follows it (`HOME (AFTER EVACUATION)`)."""
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|&\w+|[A-Za-z_']+|\$|\+|%|\^", after)
    tokens = [t for t in tokens if t not in ("$", "+", "%", "^")]
    for i, tok in enumerate(tokens):
        if tok.startswith("("):
            inner_text = tok[1:-1]
            # (AT {NEW SANCTIONS}): a braced phrase in the parentheses is the noun phrase.
            braced = re.search(r"\{([^}]*)\}", inner_text)
            if braced:
                return phrase_of(braced.group(1), sets)
            inner = [t for t in inner_text.split() if t not in ("$", "+", "%")]
            # (TO BORDER): the noun after the preposition.
            nouns = inner[1:] or inner
            found = expand(nouns[-1] if nouns else "", sets)
        elif tok.startswith("{"):
            return phrase_of(tok.strip("{}"), sets)
        elif word(tok) in PARTICLES and i + 1 < len(tokens) and tokens[i + 1].startswith("("):
            # `GO * AHEAD (WITH TOUR)`: the particle is no object; the phrase after it has it.
            continue
        elif word(tok) in MODIFIERS and i + 1 < len(tokens) and tokens[i + 1].isalpha():
            # `MAKE * FIRST MOVE`: a modifier alone is no object.
            return [f"{word(tok)} {word(tokens[i + 1])}"]
        else:
            found = expand(tok, sets)
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        after_of = of_phrase(after)
        if after_of and len(found) == 1 and not tok.startswith("&"):
            return [f"{found[0]} of {after_of}"]
        # `- * HOME (AFTER EVACUATION)` (expel), `- * POLICE (TO SCENE)`: the object means the
        # code only with the phrase after it, which dyad's rows cannot check ("returned to
        # their homes" is no expulsion); such rows are left out.
        if after.startswith("(") and len(after.strip("()").split()) >= 2:
            return []
        return found
    return []


def of_phrase(tok):
    """The words of a `(OF …)` group ("emergency" for `(OF EMERGENCY)`), or ""."""
    words = tok.strip("()").split()
    if not tok.startswith("(") or len(words) < 2 or words[0] != "OF":
        return ""
    rest = [word(w) for w in words[1:] if not w.startswith(("&", "{", "$", "+", "%"))]
    return " ".join(w for w in rest if w) if len(rest) == len(words) - 1 else ""


def phrase_of(inner, sets):
    """The words of a braced noun phrase (`{NEW SANCTIONS}`, `{SUICIDE_ATTACK}`) as one
    object; a synonym set in it (`{&WEAPON ATTACK}`) gives a phrase for each of its members."""
    phrases = [""]
    for t in inner.split():
        if t in ("$", "+", "%"):
            continue
        members = [w for w in sets.get(t, []) if w] if t.startswith("&") else [word(t)]
        if not members:
            return []
        phrases = [f"{p} {m}".strip() for p in phrases for m in members][:200]
    return [p for p in phrases if p and p not in FUNCTION_WORDS]


# Ordinals and adjectives that begin an object phrase.
MODIFIERS = {"first", "second", "new", "further", "more", "final"}

# "Go ahead (with …)": the adverb is no object, what follows it is.
PARTICLES = {"ahead"}

FUNCTION_WORDS = {
    "to", "of", "in", "on", "for", "with", "by", "at", "from", "the", "a", "an", "and", "that",
    "it", "into", "against", "over", "as", "up", "out", "off", "down", "its", "their", "his",
    "her", "this", "be", "is", "are", "was", "were", "not", "no", "any", "all", "about",
}

# Left out: verbs of saying and reporting, whose patterns ("SAY * WILLINGNESS") read as literal
# objects fire on whatever is said ("said the attacks would go on"; what is said is coded from
# its own words), and "accord", nearly always "according to", an attribution.
LEFT_OUT = {"say", "tell", "state", "report", "add", "note", "accord"}

# Verbs whose bare use makes no event of its own (their object patterns are kept): the one
# who dies is a victim, not an actor (CAMEO files "die" among the verbs of fighting); in news
# one "struggles to" do things and "engages in" talks or fighting (the noun's own row codes
# that).
# "escalated the conflict" is no cooperation, whatever the synonym set it is listed in
# ("increase", "expand": CAMEO 06x); abstaining from a vote concedes nothing; one side that
# "beat" another is, in news, nearly always a sports result (triggers.tsv codes "beat" of
# people); one who "weighs" something considers it, consulting no one ("is weighing sending
# missiles to Kyiv" was a consultation with Ukraine).
# CAMEO lists among the verbs of force words that news uses mostly of things, records and
# hopes ("helped the Kremlin overcome its isolation", "overshadowed the summit", "tarnished
# its image", "hammered out a deal", "pitted against"): bare, they are no attack.
NO_BARE = {
    "die", "struggle", "engage", "escalate", "abstain", "beat", "weigh",
    "overcome", "surmount", "overshadow", "overtake", "master", "best", "dominate", "match",
    "pit", "hammer", "spoil", "tarnish", "mar", "vitiate", "impair", "corrupt", "crack",
    "circle", "ring", "wrestle", "blow", "ruin", "dishonor", "dishonour",
    # Words of other senses that news uses far more than CAMEO's: "it was not clear",
    # "claiming that", "argued that", "suggesting that", "to prevent clashes", "caught in the
    # crossfire", "affecting ties", "could not verify", "fill the gap", "founded in 2016",
    # "linked to", "introduce a bill", "go through customs".
    "clear", "claim", "argue", "suggest", "prevent", "catch", "affect", "verify", "fill",
    "found", "link", "introduce", "go through",
    # And verbs whose bare CAMEO code names one use among many: "joining the president at
    # the inauguration", "to resolve the crisis", "submit a report", "authorize a strike",
    # "ensure security", "paid their debts", "apply for asylum", "training the troops"
    # (triggers.tsv codes forces trained), "preparing a plan".
    "join", "resolve", "submit", "authorize", "authorise", "ensure", "guarantee", "comply",
    "pay", "apply", "train", "ready", "groom", "gear up", "prepare",
    # "the report contained details".
    "contain",
}

# Synonym blocks whose verbs make no event bare: OVERSEE_MANAGE (CAMEO 060, material
# cooperation) lists control, govern, command, head, administer, handle, ...: in news "the
# faction that controls Afghanistan", "Hamas, which governs Gaza", "heads the ministry" say
# who holds power, not that anyone cooperates with anyone.
NO_BARE_BLOCKS = {"OVERSEE_MANAGE"}

# Verbs whose past participle is, in news text, nearly always an adjective ("armed men",
# "concerted effort"): the verb itself is left out.
ADJECTIVAL = {"arm", "concert", "unite", "detail", "mount", "ready"}


def expand(tok, sets):
    if tok.startswith("&"):
        return [w for w in sets.get(tok, []) if w and w not in FUNCTION_WORDS]
    w = word(tok)
    return [w] if w and len(w) > 2 and w not in FUNCTION_WORDS else []


def main():
    table = load_cameo2plover()
    hand = hand_verbs()
    nouns = hand_nouns()
    rows = []
    seen = set()
    for default, verbs, patterns, block_name in blocks_of(sys.argv[1]):
        for lemma, forms, own_code in verbs:
            if lemma in hand or lemma in ADJECTIVAL or lemma in LEFT_OUT or not lemma.isascii():
                continue
            # "+ARREST_AND", "+KILLED_OR": PETRARCH's way of reaching past a coordination.
            # As a dyad phrase it would take the match from the verb's own row ("arrested
            # and charged" lost its arrest); the verb's rows code it.
            if lemma.split()[-1] in ("and", "or"):
                continue
            form_cell = classify_forms(lemma, forms) if forms else ""
            # Object patterns first: a row with an object wins over the bare verb.
            by_type = {}
            # An object whose bare pattern gives another code (`STATEMENT [010]` beside
            # `STATEMENT (FOR) [101]`) keeps the bare pattern's meaning: the longer pattern's
            # extra words are not checked by dyad, so it would fire on every "issued a
            # statement".
            bare = {}
            for objects, code, alone in patterns:
                if alone:
                    for o in objects:
                        bare.setdefault(o, code)
            for objects, code, alone in patterns:
                if not alone:
                    objects = [o for o in objects if bare.get(o, code) == code]
                mapped = plover(code, table)
                # PLOVER: a declared (not yet implemented) ceasefire or withdrawal is a verbal
                # concession; the verbs of statement blocks (CAMEO 01x-03x) only declare.
                if mapped and mapped[0] == "RETREAT" and default[:2] in ("01", "02", "03"):
                    mapped = ("CONCEDE", "", mapped[2])
                if mapped:
                    words = by_type.setdefault((*mapped, code.startswith("02")), [])
                    words.extend(o for o in objects if o not in words)
            code = own_code if own_code not in (None, "") else default
            own = plover(code, table)
            for (event, mode, context, appeal), objects in by_type.items():
                # A verb that carries out or joins what its object names ("led an attack",
                # "gathered for a protest") makes the object's own event: rows giving such a
                # verb another type for an event noun are dropped. Verbs that stop, deny or
                # judge their object ("prohibit aid", "condemn the attack") keep theirs.
                if lemma in SUPPORT_VERBS or lemma in STATING_VERBS:
                    objects = [o for o in objects if not foreign_event_noun(o, event, nouns)]
                # Verbs of preparing (block PREPARE, CAMEO 030) intend what their object
                # names: "preparing an attack" is the attack not yet made, which the noun
                # codes, and "preparing for further attacks" (bracing for them) is no attack
                # by the subject. Event nouns of every type are dropped from their objects.
                if block_name == "PREPARE":
                    objects = [o for o in objects if not foreign_event_noun(o, "", nouns)]
                # Verbs of statement (CAMEO 01x blocks: announce, cite, clarify, comment, …)
                # speak of the force, coercion or protest their object names: "commented on
                # the attack", "cited the arrests" are no attack or arrest by the speaker; the
                # noun codes its own event. (Not the blocks whose verbs do what they say:
                # PERFORMATIVE_BLOCKS.)
                if (default[:2] == "01" and event in STREET_OR_FORCE
                        and block_name not in PERFORMATIVE_BLOCKS):
                    objects = [o for o in objects if not foreign_event_noun(o, "", nouns)]
                # "take part in X" is the event X names, whatever it is (a protest, talks,
                # fighting): the phrase makes no event of its own.
                objects = [o for o in objects if (lemma, o) not in PARTICIPATION]
                if event != "REJECT":
                    objects = [o for o in objects if o not in POSSIBILITY_WORDS]
                # "decided to withdraw": an infinitive is coded from its own verb, and the
                # coder never reads one as an object.
                objects = [o for o in objects if not o.startswith("to ")]
                key = (lemma, event, mode, context, appeal)
                if key in seen or not objects:
                    continue
                seen.add(key)
                # A light verb's meaning is all in its object, which must follow it closely
                # ("took control of", "gave aid to"), not anywhere in its clause.
                # The verbs of obtaining ("got weapons from North Korea", "received
                # backing from Beijing") have the receiver as subject: PETRARCH2 marks most
                # of these patterns as reversed (`[:072]`), some not (`RECEIVE * &WEAPON
                # [072]`); given aid or support is the other party's.
                inverse = block_name == "OBTAIN" and event in ("AID", "SUPPORT")
                flags = ",".join(f for f, on in (("light", lemma in LIGHT_VERBS),
                                                  ("appeal", appeal),
                                                  ("inverse", inverse)) if on)
                rows.append([lemma, "verb", event, mode, context, "=" + "|".join(objects[:120]),
                             form_cell, flags])
            mapped = own
            if (mapped and lemma not in LIGHT_VERBS | NO_BARE and block_name not in NO_BARE_BLOCKS
                    and (lemma, "bare") not in seen):
                seen.add((lemma, "bare"))
                event, mode, context = mapped
                flags = ["named"]
                if event not in SPECIFIC_BARE:
                    flags.append("dyadic")
                if code.startswith("02"):
                    flags.append("appeal")
                flags = ",".join(flags)
                rows.append([lemma, "verb", event, mode, context, "", form_cell, flags])
    print(HEADER)
    for row in rows:
        print("\t".join(row))


def blocks_of(path):
    return parse(path)


if __name__ == "__main__":
    main()
