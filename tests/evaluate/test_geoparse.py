from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import geoparse
from sitreps.models import PlaceFinding, Span

TEXT = "Shelling hit Aleppo and Idlib, Syria."
#       0123456789012345678901234567890123456
ALEPPO = (13, 19)
IDLIB = (24, 29)
SYRIA = (31, 36)

XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="A1">
    <dltime>2016-12-19</dltime>
    <text><![CDATA[{TEXT}]]></text>
    <toponyms>
      <toponym><phrase>Aleppo</phrase><start>13</start><end>19</end>
        <gaztag geonameid="1"><lat>36.2</lat><lon>37.16</lon></gaztag></toponym>
      <toponym><phrase>Idlib</phrase><start>24</start><end>29</end>
        <gaztag geonameid="2"><lat>35.93</lat><lon>36.63</lon></gaztag></toponym>
      <toponym><phrase>Syria</phrase><start>31</start><end>36</end></toponym>
    </toponyms>
  </article>
  <article docid="EMPTY"><text></text></article>
</articles>
"""


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    p = tmp_path / "gold.xml"
    p.write_text(XML, encoding="utf-8")
    return p


def _finding(
    build: Any, spans: list[tuple[tuple[int, int], float | None, float | None]]
) -> PlaceFinding:
    places = tuple(
        build.place(f"p{i}", TEXT[s[0] : s[1]], lat, lon, mentions=(Span.of(TEXT, *s),))
        for i, (s, lat, lon) in enumerate(spans)
    )
    mentions = tuple(
        build.mention(TEXT, s[0], s[1], "place", f"p{i}") for i, (s, _, _) in enumerate(spans)
    )
    return PlaceFinding(places=places, mentions=mentions)


def test_load(gold_file: Path) -> None:
    (doc,) = geoparse.load_geoparse(gold_file)
    assert doc.id == "A1" and doc.published is not None
    assert [t.text for t in doc.toponyms] == ["Aleppo", "Idlib", "Syria"]
    assert doc.toponyms[2].lat is None


def test_bad_xml(tmp_path: Path) -> None:
    p = tmp_path / "bad.xml"
    p.write_text("<articles><article>")
    with pytest.raises(EvaluationError):
        geoparse.load_geoparse(p)


def test_perfect_and_empty(gold_file: Path, build: Any) -> None:
    docs = geoparse.load_geoparse(gold_file)
    perfect = _finding(build, [(ALEPPO, 36.2, 37.16), (IDLIB, 35.93, 36.63), (SYRIA, 35.0, 38.0)])
    s = geoparse.score_geoparse(docs, {"A1": perfect})
    assert s.metrics["toponym_exact_f1"] == 1.0
    assert s.metrics["accuracy_161km"] == 1.0
    assert s.metrics["accuracy_161km_all"] == 1.0
    assert s.metrics["median_error_km"] == 0.0
    e = geoparse.score_geoparse(docs, {})
    assert e.metrics["toponym_exact_recall"] == 0.0
    assert e.metrics["toponym_exact_f1"] == 0.0
    assert e.metrics["accuracy_161km"] is None
    assert e.metrics["accuracy_161km_all"] == 0.0


def test_partial(gold_file: Path, build: Any) -> None:
    docs = geoparse.load_geoparse(gold_file)
    # "hit Aleppo" overlaps Aleppo, placed at Idlib (about 70 km away: within 161 km);
    # Idlib placed 3 degrees of latitude off (about 334 km); Syria missed; one extra span
    finding = _finding(
        build,
        [((9, 19), 35.93, 36.63), (IDLIB, 38.93, 36.63), ((0, 8), None, None)],
    )
    s = geoparse.score_geoparse(docs, {"A1": finding})
    assert s.metrics["toponym_exact_precision"] == pytest.approx(1 / 3)
    assert s.metrics["toponym_exact_recall"] == pytest.approx(1 / 3)
    assert s.metrics["toponym_overlap_precision"] == pytest.approx(2 / 3)
    assert s.metrics["toponym_overlap_recall"] == pytest.approx(2 / 3)
    assert s.metrics["accuracy_161km"] == 0.5
    assert s.metrics["accuracy_161km_all"] == 0.5
    median = s.metrics["median_error_km"]
    assert median is not None and 190 < median < 210


def test_items_record_each_gold_toponym(gold_file: Path, build: Any) -> None:
    docs = geoparse.load_geoparse(gold_file)
    finding = _finding(build, [(ALEPPO, 36.2, 37.16), (IDLIB, 38.93, 36.63)])
    s = geoparse.score_geoparse(docs, {"A1": finding})
    by_text = {i["text"]: i for i in s.items}
    assert [i["text"] for i in s.items] == ["Aleppo", "Idlib", "Syria"]
    aleppo, idlib, syria = by_text["Aleppo"], by_text["Idlib"], by_text["Syria"]
    assert aleppo["outcome"] == "within" and aleppo["error_km"] == 0.0
    assert aleppo["place"]["id"] == "p0" and aleppo["pred_span"] == list(ALEPPO)
    assert idlib["outcome"] == "beyond" and 300 < idlib["error_km"] < 360
    assert syria["outcome"] == "no_gold_point" and syria["pred"] is None
    missed = geoparse.score_geoparse(docs, {})
    assert [i["outcome"] for i in missed.items] == ["missed", "missed", "no_gold_point"]
