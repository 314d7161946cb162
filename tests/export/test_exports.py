from __future__ import annotations

import csv
import io
import json
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from store_factory import Ev, make_extraction

from sitreps.errors import SitrepsError
from sitreps.export.formats import FUSED_ACLED_COLUMNS
from sitreps.export.run import export
from sitreps.store import open_store
from sitreps.store.rows import EventFilter


def fill(store) -> None:
    exs = [
        make_extraction("A: army and FSA clash in Aleppo, 12 killed.", [Ev(killed=12)], outlet="A"),
        make_extraction("B: clashes in Aleppo, 7 dead.", [Ev(killed=7)], outlet="B"),
        make_extraction(
            "C: army says it will strike Idlib.", [Ev(place="idlib", modality="future")], outlet="C"
        ),
        make_extraction(
            "D: strike on Deir ez-Zor.",
            [
                Ev(
                    "Explosions/Remote violence",
                    "Air/drone strike",
                    "RUS",
                    "CIV",
                    "deir",
                    day=date(2017, 9, 3),
                    killed=4,
                )
            ],
            outlet="D",
        ),
    ]
    for ex in exs:
        store.add_extraction(ex)
    store.fuse_pending()


def run(store, fmt: str, filters: EventFilter | None = None) -> str:
    buf = io.StringIO()
    export(store, fmt, buf, filters)
    return buf.getvalue()


def test_acled_export_one_row_per_fused_event(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    rows = list(csv.DictReader(io.StringIO(run(store, "acled"))))
    assert list(rows[0]) == list(FUSED_ACLED_COLUMNS)
    assert len(rows) == 2  # the two Aleppo reports fused; the future strike left out
    aleppo = next(r for r in rows if r["location"] == "Aleppo")
    assert aleppo["fatalities"] == "7"  # ACLED conservative rule
    assert (aleppo["fatalities_low"], aleppo["fatalities_high"]) == ("7", "12")
    assert aleppo["n_reports"] == "2" and aleppo["source"] == "A; B"
    assert aleppo["actor1"] == "Military Forces of Syria (2000-)"
    assert aleppo["event_date"] == "2017-08-01" and aleppo["latitude"] == "36.2021"
    assert len(aleppo["report_events"].split("; ")) == 2
    store.close()


def test_filters_apply_to_exports(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    one = list(csv.DictReader(io.StringIO(run(store, "acled", EventFilter(min_reports=2)))))
    assert [r["location"] for r in one] == ["Aleppo"]
    late = list(
        csv.DictReader(io.StringIO(run(store, "acled", EventFilter(date_from=date(2017, 9, 1)))))
    )
    assert [r["location"] for r in late] == ["Deir ez-Zor"]
    with_future = run(store, "acled", EventFilter(include_non_asserted=True))
    assert "Idlib" in with_future
    store.close()


def test_plover_and_geojson(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    records = json.loads(run(store, "plover"))
    assert {r["event"] for r in records} == {"FIGHT"}
    fused = next(r for r in records if r["corroboration"]["reports"] == 2)
    assert fused["fatalities"] == {"acled": 7, "low": 7, "best": 7, "high": 12}
    assert all(x["merge_reason"] for x in fused["reports"])
    geo = json.loads(run(store, "geojson"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 30 < lat < 40 and 35 < lon < 42  # lon/lat order
    store.close()


def test_graphml_is_valid_and_has_the_fight(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    root = ET.fromstring(run(store, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = root.findall(".//g:edge", ns)
    kinds = {
        (e.get("source"), e.get("target")): e.find("g:data[@key='e_kind']", ns).text for e in edges
    }
    assert kinds[("FSA", "SYR-GOV")] == "fights"
    assert ("CIV", "RUS") not in kinds  # civilians are attacked, not fought
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    assert {"FSA", "SYR-GOV"} <= nodes
    store.close()


def test_unknown_format_is_an_error(tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(SitrepsError, match="unknown export format"):
        run(store, "xlsx")
    store.close()
