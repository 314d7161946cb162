"""Helpers of ``scripts/build_gazetteer.py`` and the packaged table against its sources."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sitreps.geo.gazetteer import get_gazetteer

REPO = Path(__file__).resolve().parents[2]


def _build_module() -> ModuleType:
    path = REPO / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", mod)
    spec.loader.exec_module(mod)
    return mod


def test_box_mid_ignores_outliers() -> None:
    b = _build_module()
    pts = [(10.0 + i * 0.01, 20.0 + i * 0.01) for i in range(100)] + [(80.0, 170.0)]
    lat, lon = b.box_mid(pts)
    assert 10.0 < lat < 11.0 and 20.0 < lon < 21.0
    assert b.box_mid([]) is None


def test_best_match_pairs_unit_names_across_spellings() -> None:
    b = _build_module()
    options = {"SY09": "Deir-ez-Zor", "SY11": "Ar-Raqqa", "SY08": "Al-Hasakeh"}
    assert b.best_match("Deir ez Zor Governorate", options) == "SY09"
    assert b.best_match("Ar Raqqah", options) == "SY11"
    assert b.best_match("Al Hasakah Governorate", options, 70) == "SY08"
    assert b.best_match("Lattakia", options) is None


def test_ucdp_places_are_in_the_packaged_table(shared_data: Path) -> None:
    """Every UCDP Syria place name of precision 1-2 can be found (as a UCDP record or merged
    into a GeoNames town) in its admin1."""
    gaz = get_gazetteer()
    seen: set[str] = set()
    missing = []
    with open(shared_data / "ucdp-ged-syria-19.1" / "events.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["where_coordinates"]
            if float(row["where_prec"] or 9) > 2 or name in seen or "between" in name.lower():
                continue
            seen.add(name)
            if not gaz.search(name, country="SYR", limit=3):
                missing.append(name)
    assert len(seen) > 1500
    assert len(missing) / len(seen) < 0.01, missing[:20]


def test_region_yaml_and_table_agree() -> None:
    from sitreps.geo.regions import load_regions

    gaz = get_gazetteer()
    for region in load_regions():
        rec = gaz.get(region.id)
        assert (rec.lat, rec.lon) == (region.lat, region.lon)
        assert rec.geo_precision == region.precision
        assert rec.admin1 == region.admin1
