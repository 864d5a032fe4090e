"""The event rows of `dyad export --format parquet`, made from `dyad code` records.

Shared by `dyad_code.py` (which writes them) and `check_local.py` (which makes the same rows
from a single-machine `dyad code` run to compare). Pure Python: no Spark needed to import it.

Each coded record (one mention) becomes one row; the store would merge mentions of the same
event, which is left to `dyad import --format parquet` and the store. Columns, in order, with
the types of `crates/dyad-formats/src/parquet.rs` (`schema()`):

id (int64: the coded id hashed, see `event_id`), date (date), event (string), actor and
recipient (lists of entity codes), actor_sector and recipient_sector (of the first entity),
mode and modality (lists), quad_code (int32), intensity (double), cameo (string), n_sources
and n_mentions (int64, both 1), sources (list: the document's outlet, else its URL, else
`doc:` and its id), size_value (double), size_unit, place, lat, lon, evidence (the sentence),
date_precision, hedge, attribution, attribution_source, size_qualifier.
"""

import datetime
import hashlib

COLUMNS = [
    ("id", "int64"),
    ("date", "date"),
    ("event", "string"),
    ("actor", "list"),
    ("recipient", "list"),
    ("actor_sector", "string"),
    ("recipient_sector", "string"),
    ("mode", "list"),
    ("modality", "list"),
    ("quad_code", "int32"),
    ("intensity", "double"),
    ("cameo", "string"),
    ("n_sources", "int64"),
    ("n_mentions", "int64"),
    ("sources", "list"),
    ("size_value", "double"),
    ("size_unit", "string"),
    ("place", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("evidence", "string"),
    ("date_precision", "string"),
    ("hedge", "string"),
    ("attribution", "string"),
    ("attribution_source", "string"),
    ("size_qualifier", "string"),
]


def event_id(coded_id):
    """The int64 id of a coded record: the first 63 bits of BLAKE2b of its string id
    (`<document id>-<sentence>-<n>`), so that the same record has the same id on any
    machine and in any partition."""
    digest = hashlib.blake2b(coded_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def document_source(doc):
    """What the store counts as a document's source: its outlet, else its URL, else its id."""
    for key in ("outlet", "source", "url"):
        value = doc.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "doc:%s" % doc.get("id")


def _text(value):
    return value if isinstance(value, str) and value != "" else None


def _codes(entities):
    """Sorted, distinct, non-empty codes, as the store's party key keeps them."""
    return sorted({e.get("code") or "" for e in entities or []} - {""})


def _distinct(items):
    out = []
    for item in items or []:
        if item and item not in out:
            out.append(item)
    return out


def _sector(entities):
    if not entities:
        return None
    return _text(entities[0].get("sector"))


def row(record, source):
    """The export row (a tuple in `COLUMNS` order) of one `dyad code` record."""
    date = None
    if isinstance(record.get("date"), str):
        try:
            date = datetime.date.fromisoformat(record["date"])
        except ValueError:
            date = None
    size = record.get("size") or {}
    loc = record.get("event_loc") or {}
    attribution = record.get("attribution") or {}
    attribution_source = None
    who = attribution.get("source") if attribution else None
    if who:
        if who.get("code"):
            attribution_source = "%s%s" % (who["code"], who.get("sector") or "")
        else:
            attribution_source = _text(who.get("entity_text"))
    modality = _text(record.get("modality"))
    return (
        event_id(record["id"]),
        date,
        record["event"],
        _codes(record.get("actor")),
        _codes(record.get("recipient")),
        _sector(record.get("actor")),
        _sector(record.get("recipient")),
        _distinct(record.get("mode")),
        [modality] if modality else [],
        int(record.get("quad_code") or 0),
        float(record.get("intensity") or 0.0),
        record.get("cameo") or "",
        1,
        1,
        [source],
        float(size["value"]) if size.get("value") is not None else None,
        size.get("unit") if size else None,
        loc.get("resolved_place") if loc else None,
        loc.get("lat"),
        loc.get("lon"),
        _text(record.get("text")),
        _text(record.get("date_precision")),
        _text(record.get("hedge")),
        attribution.get("text") if attribution else None,
        attribution_source,
        _text(size.get("qualifier")),
    )
