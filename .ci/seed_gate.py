"""Checks the events dyad codes from the seed article (issue 2, "Done when").

Usage: seed_gate.py TXT_EVENTS.jsonl HTML_EVENTS.jsonl
Each check names an event the article states; the text and the web page must give the same
events, and nothing may come from page chrome (navigation, author box, references).
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def codes(entities):
    return sorted(e["code"] for e in entities)


def find(events, **want):
    hits = []
    for e in events:
        ok = True
        for key, value in want.items():
            if key == "actor":
                ok &= codes(e["actor"]) == sorted(value)
            elif key == "recipient":
                ok &= codes(e["recipient"]) == sorted(value)
            elif key == "sector":
                ok &= any(a["sector"] == value for a in e["actor"])
            elif key == "size":
                ok &= e["size"] is not None and e["size"]["value"] == value
            elif key == "attribution":
                ok &= e["attribution"] is not None and value.lower() in e["attribution"]["text"].lower()
            elif key == "hedge":
                ok &= e["hedge"] is not None
            elif key == "location":
                ok &= e["event_loc"] is not None and e["event_loc"]["resolved_place"] == value
            elif key == "date":
                ok &= e["date"] == value
            else:
                ok &= e[key] == value
        if ok:
            hits.append(e)
    return hits


CHECKS = [
    ("19 June agreement", dict(event="AGREE", actor=["RUS", "PRK"], date="2024-06-19", location="Pyongyang")),
    ("1.6 million shells, hedged", dict(event="AID", actor=["PRK"], recipient=["RUS"], size=1600000, hedge=True)),
    ("11,000 containers per the Washington Post, since autumn 2023", dict(event="AID", actor=["PRK"], recipient=["RUS"], size=11000, attribution="Washington Post", date="2023-09-01")),
    ("Russian attacks on Ukraine with at least 20 missiles, per Ukrainian officials", dict(event="ASSAULT", actor=["RUS"], recipient=["UKR"], size=20, attribution="Ukrainian officials")),
    ("promise of military personnel, future", dict(event="AGREE", actor=["PRK"], modality="future", hedge=True)),
    ("construction and engineering forces per Chosun citing an official", dict(event="AGREE", actor=["PRK"], modality="future", attribution="Chosun, citing a government official")),
    ("Washington sends weapons to Kyiv", dict(event="AID", actor=["USA"], recipient=["UKR"])),
    ("Pak Jong Chon (PRK MIL) warns Washington", dict(event="THREATEN", actor=["PRK"], sector="MIL", recipient=["USA"])),
    ("USA-Japan-South Korea military coordination", dict(event="COOPERATE", actor=["USA", "JPN", "KOR"])),
    ("Russia seeks support from North Korea", dict(event="REQUEST", actor=["RUS"], recipient=["PRK"])),
    ("Putin's visit to Pyongyang, dated by the 19 June signing", dict(event="CONSULT", actor=["RUS"], recipient=["PRK"], date="2024-06-19")),
    ("Pak's warning a few days after the visit", dict(event="THREATEN", actor=["PRK"], sector="MIL", date="2024-06-22")),
]

CHROME = ["Similar Posts", "Sakarya University", "Access Date", "Share", "Türkçe", "cookies"]


def main():
    txt, html = load(sys.argv[1]), load(sys.argv[2])
    failed = 0
    for name, want in CHECKS:
        for label, events in (("text", txt), ("html", html)):
            if not find(events, **want):
                print(f"MISSING ({label}): {name}")
                failed += 1
    for label, events in (("text", txt), ("html", html)):
        for e in events:
            if any(c in e["text"] for c in CHROME):
                print(f"CHROME ({label}): event from page chrome: {e['text'][:80]}")
                failed += 1
    key = lambda e: (e["event"], codes(e["actor"]), codes(e["recipient"]), e["event_text"], e["text"])
    if sorted(map(key, txt)) != sorted(map(key, html)):
        print("DIFFERENT: the text and the web page give different events")
        failed += 1
    print(f"seed article: {len(CHECKS)} checks, {len(txt)} events (text), {len(html)} events (html), {failed} failures")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
