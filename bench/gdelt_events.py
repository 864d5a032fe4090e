"""Writes a synthetic GDELT 2.0 events file: 61 tab-separated columns, no header, with real
country codes (ISO3 actor codes, FIPS geography), real CAMEO event codes and actor types,
plausible Goldstein scales, tones, coordinates and source URLs. Deterministic: each row is a function of the seed and its GLOBALEVENTID.

    python3 bench/gdelt_events.py --rows 1000000 --out /tmp/gdelt-1m.export.CSV
    python3 bench/gdelt_events.py --rows 200000 --first-id 1100000001 --out overlap.CSV

Used to measure `dyad import --format gdelt` (docs/performance.md). `--first-id` sets the
first GLOBALEVENTID, so two files can overlap as GDELT's 15-minute files and re-downloads do.
"""

import argparse
import random

# (ISO3, FIPS, name, capital, lat, lon)
COUNTRIES = [
    ("USA", "US", "UNITED STATES", "Washington", 38.8951, -77.0364),
    ("RUS", "RS", "RUSSIA", "Moscow", 55.7522, 37.6156),
    ("CHN", "CH", "CHINA", "Beijing", 39.9075, 116.3972),
    ("UKR", "UP", "UKRAINE", "Kyiv", 50.4547, 30.5238),
    ("GBR", "UK", "UNITED KINGDOM", "London", 51.5085, -0.1257),
    ("FRA", "FR", "FRANCE", "Paris", 48.8534, 2.3488),
    ("DEU", "GM", "GERMANY", "Berlin", 52.5244, 13.4105),
    ("IRN", "IR", "IRAN", "Tehran", 35.6944, 51.4215),
    ("ISR", "IS", "ISRAEL", "Jerusalem", 31.769, 35.2163),
    ("IND", "IN", "INDIA", "New Delhi", 28.6358, 77.2245),
    ("PAK", "PK", "PAKISTAN", "Islamabad", 33.7215, 73.0433),
    ("TUR", "TU", "TURKEY", "Ankara", 39.9199, 32.8543),
    ("SYR", "SY", "SYRIA", "Damascus", 33.5102, 36.2913),
    ("IRQ", "IZ", "IRAQ", "Baghdad", 33.3406, 44.4009),
    ("SAU", "SA", "SAUDI ARABIA", "Riyadh", 24.6877, 46.7219),
    ("EGY", "EG", "EGYPT", "Cairo", 30.0626, 31.2497),
    ("JPN", "JA", "JAPAN", "Tokyo", 35.6895, 139.6917),
    ("KOR", "KS", "SOUTH KOREA", "Seoul", 37.566, 126.9784),
    ("PRK", "KN", "NORTH KOREA", "Pyongyang", 39.0339, 125.7543),
    ("BRA", "BR", "BRAZIL", "Brasilia", -15.7797, -47.9297),
    ("MEX", "MX", "MEXICO", "Mexico City", 19.4285, -99.1277),
    ("CAN", "CA", "CANADA", "Ottawa", 45.4112, -75.6981),
    ("AUS", "AS", "AUSTRALIA", "Canberra", -35.2835, 149.1281),
    ("ZAF", "SF", "SOUTH AFRICA", "Pretoria", -25.7449, 28.1878),
    ("NGA", "NI", "NIGERIA", "Abuja", 9.0579, 7.4951),
    ("KEN", "KE", "KENYA", "Nairobi", -1.2833, 36.8167),
    ("ETH", "ET", "ETHIOPIA", "Addis Ababa", 9.025, 38.7469),
    ("AFG", "AF", "AFGHANISTAN", "Kabul", 34.5281, 69.1723),
    ("VEN", "VE", "VENEZUELA", "Caracas", 10.488, -66.8792),
    ("POL", "PL", "POLAND", "Warsaw", 52.2298, 21.0118),
]
# Real CAMEO codes with a rough share of GDELT's events and their Goldstein scale.
CAMEO = [
    ("010", 8, 0.0), ("020", 3, 3.0), ("036", 5, 4.0), ("040", 10, 1.0), ("042", 6, 1.9),
    ("043", 6, 2.8), ("046", 4, 7.0), ("051", 6, 3.4), ("057", 2, 8.0), ("061", 2, 6.4),
    ("071", 1, 7.4), ("073", 1, 7.4), ("090", 2, -2.0), ("111", 3, -2.0), ("112", 5, -2.0),
    ("120", 2, -4.0), ("130", 2, -4.4), ("138", 1, -7.0), ("141", 2, -6.5), ("163", 1, -8.0),
    ("172", 2, -5.0), ("173", 2, -5.0), ("180", 2, -9.0), ("190", 4, -10.0), ("193", 2, -10.0),
    ("195", 1, -10.0),
]
TYPES = ["GOV", "MIL", "COP", "JUD", "BUS", "MED", "OPP", "REB", "CVL", "EDU", ""]
OUTLETS = ["reuters.com", "apnews.com", "bbc.co.uk", "aljazeera.com", "dw.com", "voanews.com",
           "france24.com", "thehindu.com", "japantimes.co.jp", "abc.net.au"]


def actor(rng, country, prefix):
    """The ten columns of an actor: code, name, country, group, ethnic, religion ×2, types ×3."""
    iso3, _, name = country[0], country[1], country[2]
    kind = rng.choice(TYPES)
    return [iso3 + kind, name, iso3, "", "", "", "", kind, "", ""]


def geo(rng, country):
    """The eight geography columns of GDELT 2.0: type, name, country, ADM1, ADM2, lat, lon, id."""
    iso3, fips, name, capital, lat, lon = country
    if rng.random() < 0.5:
        return ["1", name.title(), fips, fips, "", "%.4f" % lat, "%.4f" % lon, fips]
    jitter = lambda: rng.uniform(-0.05, 0.05)  # noqa: E731
    return ["4", "%s, %s" % (capital, name.title()), fips, fips + "01", "",
            "%.4f" % (lat + jitter()), "%.4f" % (lon + jitter()), str(rng.randint(-9999999, 9999999))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--first-id", type=int, default=1_000_000_001)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    codes = [c for c, _, _ in CAMEO]
    weights = [w for _, w, _ in CAMEO]
    goldstein = {c: g for c, _, g in CAMEO}
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for k in range(args.rows):
            event_id = args.first_id + k
            # Each row is a function of its id, so overlapping files agree on shared rows.
            rng = random.Random(args.seed * 10_000_000_000 + event_id)
            day = 1 + (event_id // 36_000) % 28
            sql_date = "202502%02d" % day
            a, b = rng.sample(COUNTRIES, 2)
            code = rng.choices(codes, weights)[0]
            quad = 1 if code < "06" else 2 if code < "09" else 3 if code < "14" else 4
            mentions = rng.randint(1, 12)
            where = geo(rng, rng.choice((a, b)))
            outlet = rng.choice(OUTLETS)
            row = [str(event_id), sql_date, sql_date[:6], sql_date[:4], "%.4f" % (2025 + 0.1),
                   *actor(rng, a, "Actor1"), *actor(rng, b, "Actor2"),
                   "1" if rng.random() < 0.4 else "0", code, code[:3], code[:2], str(quad),
                   "%.1f" % goldstein[code], str(mentions), str(rng.randint(1, mentions)),
                   str(mentions), "%.6f" % rng.uniform(-8, 4),
                   *geo(rng, a), *geo(rng, b), *where,
                   sql_date + "%06d" % (event_id % 240000),
                   "https://www.%s/world/%d-%s" % (outlet, event_id, a[2].lower().replace(" ", "-"))]
            assert len(row) == 61, len(row)
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
