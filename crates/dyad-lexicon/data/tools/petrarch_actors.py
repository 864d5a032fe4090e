#!/usr/bin/env python3
"""Converts PETRARCH2/Phoenix actor dictionaries into dyad lexicon files.

Usage (from the repository root, with ../shared beside it):

    python3 crates/dyad-lexicon/data/tools/petrarch_actors.py ../shared/reference/petrarch2 \
        [--english-vocabulary ../shared/treebank/en_ewt/en_ewt-ud-train.conllu] \
        --out crates/dyad-lexicon/data

It writes two files that the lexicon loads after the project's own (whose rows win when a
phrase is ambiguous):
- people_phoenix.tsv: people with dated roles from Phoenix.Countries.actors.txt and the dated
  people of Phoenix.International.actors.txt: one row per dated role `[CCCSEC yymmdd-yymmdd]`
  (`>yymmdd`: from that day on, `<yymmdd`: until that day); the country is the code's first
  three letters and the sector its first role. Undated roles (`[RUSELI]`, the role outside
  every tenure) are left to dyad's rule that a person is ELI after their last tenure. People
  that data/people.tsv already names are left to it: it is more recent (Phoenix ends around
  2015-2016) and reviewed by hand.
- organizations_phoenix.tsv: undated institutions of the country file ("Afghan National
  Security Forces" [AFGMIL]), international organisations (Phoenix.International.actors.txt)
  and non-state armed groups (Phoenix.MilNonState.actors.txt), with their aliases.

A person in office since 2000 whose surname no other entry has and that is no English word is
also found by the surname alone. Names are written in title case; aliases that carry a title ("President X") are dropped, since
the coder composes titles with names itself. One-word aliases (bare surnames, acronyms) are kept
only when they cannot be an ordinary English word or a nationality: acronyms in capitals, and
surnames of six letters or more that neither the English vocabulary (the words of a treebank,
when given) nor data/countries.tsv holds. Codes outside data/countries.tsv and PLOVER's international codes are skipped.

The dictionaries are MIT-licensed (Copyright (c) 2014 Open Event Data Alliance); the notice is
written at the top of each output file.
"""

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent

NOTICE = """# Converted by crates/dyad-lexicon/data/tools/petrarch_actors.py from the PETRARCH2 / Phoenix
# actor dictionaries ({files}); do not edit by hand:
# edit the project's own files (whose rows win) or the tool, and regenerate.
# Source: openeventdata/petrarch2, petrarch2/data/dictionaries.
# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.
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
# DEALINGS IN THE SOFTWARE."""

# CAMEO role codes -> PLOVER sectors (CAMEO MED is media; PLOVER MED is health).
ROLES = {
    "GOV": "GOV", "MIL": "MIL", "JUD": "JUD", "LEG": "LEG", "COP": "COP", "SPY": "SPY",
    "REB": "REB", "OPP": "OPP", "PTY": "PTY", "ELI": "ELI", "BUS": "BUS", "MED": "JRN",
    "HLH": "MED", "EDU": "EDU", "LAB": "LAB", "AGR": "AGR", "REL": "REL", "REF": "REF",
    "CVL": "CVL", "CRM": "CRM", "HRI": "CVL", "ENV": "CVL", "UAF": "UAF", "INS": "REB",
    "SEP": "REB", "MNC": "BUS", "NGO": "", "IGO": "", "DEV": "GOV", "SET": "CVL", "MOD": "",
    "RAD": "", "PRE": "PRE",
}
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"}
TITLES = re.compile(
    r"\b(PRESIDENT|PRIME|MINISTER|SECRETARY|CHIEF|GENERAL|KING|QUEEN|PRINCE|SHEIKH|LEADER|"
    r"CHANCELLOR|PREMIER|AMBASSADOR|ENVOY|SENATOR|GOVERNOR|MAYOR|COMMANDER|DIRECTOR|CHAIRMAN|"
    r"SPOKESMAN|MR|MRS|DR|FORMER|DEPUTY|HEAD|FOREIGN|DEFENSE|DEFENCE|MR\.|DR\.)\b"
)
LOWER_PARTICLES = {"al", "bin", "bint", "ibn", "de", "del", "della", "der", "van", "von", "du",
                   "da", "dos", "das", "la", "le", "el", "y", "of", "the", "and", "for"}


def clean(token):
    """`VLADIMIR_PUTIN_` -> `VLADIMIR PUTIN`; comments and codes removed."""
    token = token.split("#", 1)[0]
    token = re.sub(r"\[[^\]]*\]", "", token)
    return re.sub(r"\s+", " ", token.replace("_", " ")).strip().strip("+").strip()


def title_case(upper):
    words = []
    for i, w in enumerate(upper.split(" ")):
        low = w.lower()
        if i > 0 and low in LOWER_PARTICLES:
            words.append(low)
            continue
        if re.fullmatch(r"([A-Z]\.)+", w) or (len(w) <= 5 and w.isupper() and not re.search(r"[AEIOUY]", w)):
            words.append(w)  # initials and acronyms: U.N., NATO-like consonant clusters
            continue
        parts = re.split(r"([-'])", low)
        words.append("".join(p[:1].upper() + p[1:] if p not in "-'" else p for p in parts))
    return " ".join(words)


def parse_actor_file(path):
    """Entries: (name, [aliases], [(code, start, end)])."""
    entries = []
    current = None
    for raw in Path(path).read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        text = clean(line)
        if line.startswith(("\t", " ")) and not text:
            if current:
                current[2].extend(parse_code(c) for c in codes)
            continue
        if line.startswith("+"):
            if current and text:
                current[1].append(text)
                current[2].extend(parse_code(c) for c in codes)
            continue
        current = (text, [], [parse_code(c) for c in codes])
        entries.append(current)
    return [e for e in entries if e[0]]


def parse_code(code):
    parts = code.split()
    if not parts:
        return ("", None, None)
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = date(span[1:])
        elif span.startswith("<"):
            end = date(span[1:])
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = date(a), date(b)
    return (parts[0], start, end)


def date(digits):
    digits = digits.strip()
    if len(digits) == 8 and digits.isdigit():
        y, m, d = digits[:4], digits[4:6], digits[6:]
    elif len(digits) == 6 and digits.isdigit():
        yy = int(digits[:2])
        y = str(2000 + yy if yy <= 30 else 1900 + yy)
        m, d = digits[2:4], digits[4:]
    else:
        return None
    m = min(max(int(m), 1), 12)
    d = min(max(int(d), 1), 28 if m == 2 else 30)
    return f"{y}-{m:02d}-{d:02d}"


def country_and_sector(code, countries):
    country, rest = code[:3], code[3:]
    if country not in countries and country not in INTERNATIONAL:
        return None
    sector = ""
    for i in range(0, len(rest), 3):
        role = rest[i:i + 3]
        if role in ROLES and ROLES[role]:
            sector = ROLES[role]
            break
    return country, sector


def keep_alias(alias, vocabulary):
    if TITLES.search(alias):
        return False
    if " " in alias:
        return True
    if alias.isupper() and 2 <= len(alias) <= 6 and "." not in alias and not re.search(r"[AEIOU]{2}", alias):
        return len(alias) >= 3  # an acronym
    return len(alias) >= 6 and alias.lower() not in vocabulary


def load_vocabulary(path):
    """Every word of the treebank, lower-cased, and every word of data/countries.tsv: a
    one-word alias that is an English word or a nationality ("German", a Dominican minister's
    surname) would match far more often than the person."""
    words = set()
    for line in (DATA / "countries.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        for cell in line.split("\t")[1:]:
            for phrase in cell.split("|"):
                words.update(w.lower() for w in phrase.replace(":", " ").split())
    if not path:
        return words
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 3 and cells[0].isdigit():
            words.add(cells[1].lower())
    return words


def known_names(file):
    """Names and aliases (lower case) of a project file whose first columns are name, aliases."""
    names = set()
    for line in (DATA / file).read_text().splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("name\t"):
            continue
        cells = line.split("\t")
        names.add(cells[0].lower())
        names.update(a.lower() for a in cells[1].split("|") if a)
    return names


def countries_codes():
    codes = set()
    for line in (DATA / "countries.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("code\t"):
            continue
        codes.add(line.split("\t")[0])
    return codes


def add_surnames(rows, vocabulary, taken):
    """A person in office since 2000 is also found by their surname ("Museveni") when no
    other person or organisation has it and it is no English word: the second reference of
    news style."""
    by_surname = {}
    for row in rows:
        parts = row[0].split(" ")
        if len(parts) < 2:
            continue
        surname = parts[-1]
        by_surname.setdefault(surname, set()).add(row[0])
    recent = {row[0] for row in rows if (row[6] or "9999") >= "2000"}
    for row in rows:
        surname = row[0].split(" ")[-1]
        if (
            row[0] in recent
            and len(by_surname.get(surname, ())) == 1
            and len(surname) >= 6
            and surname.isalpha()
            and surname.lower() not in vocabulary
            and surname.lower() not in taken
            and surname not in row[1].split("|")
        ):
            row[1] = "|".join([a for a in row[1].split("|") if a] + [surname])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("petrarch_dir")
    ap.add_argument("--english-vocabulary")
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args()
    src = Path(args.petrarch_dir)
    vocabulary = load_vocabulary(args.english_vocabulary)
    countries = countries_codes()
    people_seen = known_names("people.tsv")
    orgs_seen = known_names("organizations.tsv")
    claimed = set()  # phrases already given to an earlier entry: first one wins
    people_rows, org_rows = [], []

    def phrases(entry):
        # "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)": the name without its bracketed acronym, which
        # becomes an alias.
        raw_name = entry[0]
        bracketed = re.findall(r"\(([^)]*)\)", raw_name)
        name = title_case(re.sub(r"\s*\([^)]*\)", "", raw_name).strip())
        extra = [b.strip().upper() for b in bracketed if b.strip()]
        aliases = []
        for a in list(entry[1]) + extra:
            a = re.sub(r"\s*\([^)]*\)", "", a).strip() or a
            if keep_alias(a, vocabulary):
                t = title_case(a) if not (a.isupper() and " " not in a and len(a) <= 6) else a
                if t != name and t not in aliases and t.lower() not in claimed:
                    aliases.append(t)
        return name, aliases

    files = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
             "Phoenix.MilNonState.actors.txt"]
    for file in files:
        for entry in parse_actor_file(src / file):
            raw_codes = [c for c in entry[2] if c[0]]
            if not raw_codes:
                continue
            name, aliases = phrases(entry)
            all_names = {name.lower(), *(a.lower() for a in aliases)}
            if len(name) < 3 or name.lower() in claimed:
                continue
            # A one-word name must pass the alias test too ("Tigers" is a word, not a group).
            if " " not in name and not keep_alias(name.upper() if name.isupper() else name, vocabulary):
                continue
            # A bare country code, dated or not, marks a country-level entry (a country and
            # its former states), which data/countries.tsv covers.
            if any(len(c[0]) <= 3 and c[0] not in INTERNATIONAL for c in raw_codes):
                continue
            dated = [c for c in raw_codes if (c[1] or c[2]) and len(c[0]) > 3]
            if dated:
                if all_names & people_seen:
                    continue
                rows = []
                for code, start, end in dated:
                    cs = country_and_sector(code, countries)
                    if not cs or cs[1] == "ELI":
                        continue
                    if start and end and end < start:
                        continue
                    rows.append([name, "|".join(aliases), cs[0], cs[1], "", start or "", end or ""])
                if rows:
                    claimed.update(all_names)
                    people_rows.extend(rows)
                continue
            # Undated: an institution, an organisation or a group; country-level entries
            # (a bare country code) are data/countries.tsv's business.
            code = raw_codes[0][0]
            if len(code) <= 3 and code not in INTERNATIONAL:
                continue
            if all_names & orgs_seen or all_names & people_seen:
                continue
            cs = country_and_sector(code, countries)
            if not cs:
                continue
            country, sector = cs
            org_code = code[3:6] if country in INTERNATIONAL and len(code) >= 6 else country
            if country in INTERNATIONAL and not org_code.isalpha():
                org_code = country
            kind = "armed group" if file.startswith("Phoenix.MilNonState") else (
                "international" if country in INTERNATIONAL else "institution")
            claimed.update(all_names)
            org_rows.append([name, "|".join(aliases), country, org_code or country, sector, kind])

    add_surnames(people_rows, vocabulary, people_seen | orgs_seen | claimed)
    out = Path(args.out)
    with open(out / "people_phoenix.tsv", "w") as f:
        f.write(NOTICE.format(files=", ".join(files[:2])) + "\n")
        f.write("name\taliases\tcountry\tsector\trole\tstart\tend\n")
        for row in people_rows:
            f.write("\t".join(row) + "\n")
    with open(out / "organizations_phoenix.tsv", "w") as f:
        f.write(NOTICE.format(files=", ".join(files)) + "\n")
        f.write("name\taliases\tcountry\tcode\tsector\tkind\n")
        for row in org_rows:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
