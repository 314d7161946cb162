from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import acled
from sitreps.evaluate.acled import AcledFilter, score_acled
from sitreps.models import Extraction

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "region",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "notes",
    "fatalities",
]

ROWS = [
    [
        "SYR1",
        "2022-03-01",
        "Battles",
        "Armed clash",
        "Military Forces of Syria (2000-)",
        "1.0",
        "Islamic State (Syria)",
        "2.0",
        "Middle East",
        "Syria",
        "Deir ez Zor",
        "Al Mayadin",
        "35.0194",
        "40.4508",
        "1.0",
        "On 1 March 2022, regime forces clashed with IS in Al Mayadin. 3 killed.",
        "3.0",
    ],
    [
        "SYR2",
        "2022-03-02",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Military Forces of Russia (2000-)",
        "8.0",
        "",
        "0.0",
        "Middle East",
        "Syria",
        "Idleb",
        "Idleb",
        "35.9306",
        "36.6339",
        "1.0",
        "On 2 March 2022, Russian jets struck Idleb. No casualties.",
        "0.0",
    ],
    [
        "IRQ1",
        "2022-03-03",
        "Protests",
        "Peaceful protest",
        "Protesters (Iraq)",
        "6.0",
        "",
        "0.0",
        "Middle East",
        "Iraq",
        "Baghdad",
        "Baghdad",
        "33.3406",
        "44.4009",
        "1.0",
        "On 3 March 2022, people demonstrated in Baghdad.",
        "0.0",
    ],
    [
        "UGA1",
        "2022-03-04",
        "Riots",
        "Mob violence",
        "Rioters (Uganda)",
        "5.0",
        "",
        "",
        "Eastern Africa",
        "Uganda",
        "Northern",
        "Gulu",
        "2.77",
        "32.30",
        "2.0",
        "",
        "0.0",
    ],
]


@pytest.fixture
def gold_csv(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(ROWS)
    return path


def perfect(build: Any) -> dict[str, Extraction]:
    b = build
    return {
        "SYR1": b.extraction(
            "SYR1",
            actors=(
                b.actor("a1", "Military Forces of Syria (2000-)", 1),
                b.actor("a2", "Islamic State (Syria)", 2),
            ),
            places=(b.place("p1", "Al Mayadin", 35.0194, 40.4508, "Deir ez Zor"),),
            events=(
                b.event(
                    "Battles", "Armed clash", actor1="a1", actor2="a2", place="p1", fatalities=3
                ),
            ),
        ),
        "SYR2": b.extraction(
            "SYR2",
            actors=(b.actor("r", "Military Forces of Russia (2000-)", 8),),
            places=(b.place("p", "Idleb", 35.9306, 36.6339, "Idleb"),),
            events=(
                b.event(
                    "Explosions/Remote violence",
                    "Air/drone strike",
                    actor1="r",
                    place="p",
                    fatalities=0,
                ),
            ),
        ),
        "IRQ1": b.extraction(
            "IRQ1",
            actors=(b.actor("pr", "Protesters (Iraq)", 6),),
            places=(b.place("b", "Baghdad", 33.3406, 44.4009, "Baghdad"),),
            events=(b.event("Protests", "Peaceful protest", actor1="pr", place="b"),),
        ),
    }


def test_loads_and_skips_rows_without_notes(gold_csv: Path) -> None:
    rows = acled.load_acled(gold_csv)
    assert [r.event_id for r in rows] == ["SYR1", "SYR2", "IRQ1", "UGA1"]
    assert rows[0].event_date == date(2022, 3, 1)
    assert rows[0].inter1 == 1 and rows[1].inter2 is None and rows[0].fatalities == 3
    selected = acled.select_rows(rows, AcledFilter())
    assert [r.event_id for r in selected] == ["SYR1", "SYR2", "IRQ1"]
    report = acled.to_report(selected[0])
    assert report.published == date(2022, 3, 1) and report.text.startswith("On 1 March")


def test_not_an_acled_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(EvaluationError, match="missing"):
        acled.load_acled(bad)


def test_filters(gold_csv: Path) -> None:
    rows = acled.load_acled(gold_csv)
    assert [r.event_id for r in acled.select_rows(rows, AcledFilter(country="syria"))] == [
        "SYR1",
        "SYR2",
    ]
    assert len(acled.select_rows(rows, AcledFilter(region="Middle East", limit=1))) == 1
    assert acled.select_rows(rows, AcledFilter(region="Eastern Africa")) == ()
    a = acled.select_rows(rows, AcledFilter(sample=2, seed=3))
    b = acled.select_rows(rows, AcledFilter(sample=2, seed=3))
    assert a == b and len(a) == 2


def test_holdout_rule() -> None:
    for eid in ("SYR1", "SYR2", "IRQ1", "UGA7752", "BOL3216"):
        digit = hashlib.sha1(eid.encode()).hexdigest()[0]
        assert acled.half_of(eid) == ("build" if digit in "01234567" else "holdout")
    halves = {acled.half_of(f"SYR{i}") for i in range(40)}
    assert halves == {"build", "holdout"}


def test_halves_partition_rows(gold_csv: Path) -> None:
    rows = acled.load_acled(gold_csv)
    build = acled.select_rows(rows, AcledFilter(half="build"))
    hold = acled.select_rows(rows, AcledFilter(half="holdout"))
    assert len(build) + len(hold) == 3
    assert not {r.event_id for r in build} & {r.event_id for r in hold}


def test_perfect_system(gold_csv: Path, build: Any) -> None:
    rows = acled.select_rows(acled.load_acled(gold_csv), AcledFilter())
    s = score_acled(rows, perfect(build))
    for key in (
        "coverage",
        "event_type_accuracy",
        "event_type_macro_f1",
        "sub_event_type_accuracy",
        "sub_event_type_macro_f1",
        "sub_event_type_weighted_f1",
        "actor1_accuracy",
        "actor2_accuracy",
        "inter1_accuracy",
        "inter2_accuracy",
        "admin1_accuracy",
        "location_exact",
        "within_25km",
        "geo_precision_accuracy",
        "fatalities_exact",
        "fatalities_exact_nonzero",
    ):
        assert s.metrics[key] == 1.0, key
    assert s.metrics["median_distance_km"] == 0.0
    assert s.metrics["fatalities_mae"] == 0.0
    assert s.breakdown["Syria"]["n"] == 2 and s.breakdown["Iraq"]["n"] == 1
    assert s.counts["rows_predicted"] == 3
    assert [i["event_id"] for i in s.items] == ["SYR1", "SYR2", "IRQ1"]
    assert s.items[0]["pred"]["actor2"] == "Islamic State (Syria)"
    assert s.items[0]["distance_km"] == 0.0


def test_empty_system(gold_csv: Path) -> None:
    rows = acled.select_rows(acled.load_acled(gold_csv), AcledFilter())
    s = score_acled(rows, {})
    assert s.metrics["coverage"] == 0.0
    assert s.metrics["event_type_accuracy"] == 0.0
    assert s.metrics["event_type_macro_f1"] == 0.0
    assert s.metrics["actor1_accuracy"] == 0.0
    # two of three rows have no actor2 / inter2, which "none" gets right
    assert s.metrics["actor2_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["inter2_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["within_25km"] == 0.0
    assert s.metrics["median_distance_km"] is None
    assert s.items[0]["pred"]["event_type"] == "none" and s.items[0]["distance_km"] is None
    # predicted "none" means 0 fatalities: right for two rows, 3 off for one
    assert s.metrics["fatalities_exact"] == pytest.approx(2 / 3)
    assert s.metrics["fatalities_exact_nonzero"] == 0.0
    assert s.metrics["fatalities_mae"] == pytest.approx(1.0)


def test_partial_system_known_scores(gold_csv: Path, build: Any) -> None:
    b = build
    rows = acled.select_rows(acled.load_acled(gold_csv), AcledFilter())
    preds = perfect(build)
    # SYR1: right type, wrong sub-type, actor name in another case, place 1 degree of
    # longitude east (about 91 km at 35 N), 5 killed instead of 3
    preds["SYR1"] = b.extraction(
        "SYR1",
        actors=(b.actor("a1", "MILITARY FORCES OF SYRIA", 1),),
        places=(b.place("p1", "Somewhere", 35.0194, 41.4508, "Deir ez Zor"),),
        events=(
            b.event(
                "Battles", "Government regains territory", actor1="a1", place="p1", fatalities=5
            ),
        ),
    )
    # IRQ1: only a negated event, which does not count
    preds["IRQ1"] = b.extraction(
        "IRQ1", events=(b.event("Protests", "Peaceful protest", modality="negated"),)
    )
    s = score_acled(rows, preds)
    assert s.metrics["coverage"] == pytest.approx(2 / 3)
    assert s.metrics["event_type_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["sub_event_type_accuracy"] == pytest.approx(1 / 3)
    assert s.metrics["actor1_accuracy"] == pytest.approx(2 / 3)
    # SYR1 lost its actor2; SYR2 and IRQ1 have none and predict none
    assert s.metrics["actor2_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["location_exact"] == pytest.approx(1 / 3)
    assert s.metrics["admin1_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["within_25km"] == pytest.approx(1 / 3)
    assert s.metrics["median_distance_km"] == pytest.approx(91.1 / 2, abs=1.0)
    assert s.metrics["fatalities_exact"] == pytest.approx(2 / 3)
    assert s.metrics["fatalities_mae"] == pytest.approx(2 / 3)
    assert {"gold": "Peaceful protest", "pred": "none", "count": 1} in s.extra[
        "sub_event_type_confusions"
    ]
    halves = s.extra["by_half"]
    assert sum(h["n"] for h in halves.values()) == 3
    # macro-F1 over gold event types: Battles 1, Explosions 1, Protests 0
    assert s.metrics["event_type_macro_f1"] == pytest.approx(2 / 3)


def test_best_matching_event_is_chosen(gold_csv: Path, build: Any) -> None:
    b = build
    rows = acled.select_rows(acled.load_acled(gold_csv), AcledFilter(limit=1))
    ex = b.extraction(
        "SYR1",
        events=(
            b.event("Violence against civilians", "Attack"),
            b.event("Battles", "Government regains territory"),
            b.event("Battles", "Armed clash"),
            b.event("Battles", "Armed clash", modality="hypothetical", actor1="x"),
        ),
    )
    pred = acled.predict_row(rows[0], ex)
    assert (pred.event_type, pred.sub_event_type) == ("Battles", "Armed clash")
    s = score_acled(rows, {"SYR1": ex})
    assert s.counts["predicted_events"] == 4


def test_first_event_view_does_not_look_at_gold(gold_csv: Path, build: Any) -> None:
    b = build
    rows = acled.select_rows(acled.load_acled(gold_csv), AcledFilter(limit=1))
    ex = b.extraction(
        "SYR1",
        events=(
            b.event("Battles", "Armed clash", modality="hypothetical"),
            b.event("Violence against civilians", "Attack"),
            b.event("Battles", "Armed clash"),
        ),
    )
    first = acled.predict_row(rows[0], ex, oracle=False)
    assert (first.event_type, first.sub_event_type) == ("Violence against civilians", "Attack")
    s = score_acled(rows, {"SYR1": ex})
    assert s.metrics["event_type_macro_f1"] == pytest.approx(1.0)
    assert s.metrics["first_event_type_macro_f1"] == pytest.approx(0.0)
    assert s.metrics["asserted_typed_events_per_note"] == pytest.approx(2.0)
