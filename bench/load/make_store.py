"""Writes N synthetic PLOVER events (default 100,000) as JSONL for the load test."""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
random.seed(1)
codes = ["USA", "RUS", "CHN", "PRK", "KOR", "JPN", "UKR", "IRN", "ISR", "IND", "PAK", "TUR",
         "DEU", "FRA", "GBR", "BRA", "ZAF", "NGA", "EGY", "SAU"]
types = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"]
for i in range(n):
    a, b = random.sample(codes, 2)
    date = f"{2015 + random.randrange(10)}-{1 + random.randrange(12):02d}-{1 + random.randrange(28):02d}"
    print(json.dumps({"id": f"l{i}", "event": random.choice(types), "actor": a, "recipient": b,
                      "date": date, "text": f"Synthetic event {i} between {a} and {b}."}))
