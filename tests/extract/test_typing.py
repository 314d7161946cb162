"""ACLED typing: features, the JSON linear model, lexicon candidates and coder rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sitreps.errors import DataError
from sitreps.extract.eventtype import (
    LinearModel,
    Typing,
    classify,
    features,
    load_model,
    load_types,
    refine,
    type_of_sub,
)
from sitreps.extract.plover import PLOVER_CATEGORIES, plover_for
from sitreps.extract.train import AcledRow, fit, half_of, read_acled_rows, select_rows
from sitreps.extract.triggers import load_lexicon


def test_features_drop_acled_size_tag_and_leading_date() -> None:
    f = features("On 8 June 2022, residents staged a protest in town. [size=no report]")
    assert "protest" in f and "staged a" in f
    assert not any("june" in k or "size" in k for k in f)
    assert abs(sum(v * v for v in f.values()) - 1.0) < 1e-9


def test_linear_model_round_trip_and_probabilities() -> None:
    model = LinearModel(
        labels=("Armed clash", "Peaceful protest"),
        intercept=(0.0, 0.0),
        weights={"clash": ((0, 3.0),), "protest": ((1, 3.0),)},
        meta={"source": "hand-made"},
    )
    probs = model.probabilities(features("heavy clash near the river"))
    assert probs["Armed clash"] > 0.5 > probs["Peaceful protest"]
    assert abs(sum(probs.values()) - 1.0) < 1e-9


def test_load_model_reads_json_and_rejects_bad_rows(tmp_path: Path) -> None:
    good = LinearModel(("A", "B"), (0.1, -0.1), {"x": ((1, 0.5),)}, {"k": "v"})
    path = tmp_path / "m.json"
    path.write_text(good.to_json(), encoding="utf-8")
    assert load_model(path) == good
    path.write_text(json.dumps({"labels": ["A"], "intercept": [0.0], "weights": {"x": [[3, 1.0]]}}))
    with pytest.raises(DataError):
        load_model(path)
    path.write_text("not json")
    with pytest.raises(DataError):
        load_model(path)


def test_type_table_has_acled_vocabulary_and_valid_plover() -> None:
    types = load_types()
    assert len(types) == 25
    assert len({t.event_type for t in types}) == 6
    assert all(t.plover in PLOVER_CATEGORIES for t in types)
    assert type_of_sub("Non-violent transfer of territory") is not None


def test_type_table_matches_acled_categories_file(shared_data: Path) -> None:
    path = shared_data / "acled-2022-sample" / "acled_event_categories.csv"
    with path.open(encoding="utf-8") as fh:
        gold = {(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(fh)}
    assert {(t.event_type, t.sub_event_type) for t in load_types()} == gold


def test_lexicon_candidates_are_acled_types_and_plover_codes_are_known() -> None:
    known = {(t.event_type, t.sub_event_type) for t in load_types()}
    for frame in load_lexicon().frames.values():
        assert set(frame.acled) <= known, frame.name
        assert frame.plover is None or frame.plover in PLOVER_CATEGORIES, frame.name
        assert frame.acled or frame.plover, frame.name


def test_classify_without_candidates_gives_no_acled_type() -> None:
    t = classify("we receive arms", (), None)
    assert (t.event_type, t.sub_event_type) == (None, None)


def test_classify_without_model_takes_the_strongest_candidate() -> None:
    cands = ((("Battles", "Armed clash"), 1.0), (("Protests", "Peaceful protest"), 0.5))
    t = classify("anything", cands, None)
    assert (t.event_type, t.sub_event_type) == ("Battles", "Armed clash")


def test_decisive_candidate_overrides_the_classifier() -> None:
    model = LinearModel(("Armed clash", "Sexual violence"), (5.0, -5.0), {}, {})
    soft = classify("x", ((("Violence against civilians", "Sexual violence"), 1.0),), model)
    strong = classify("x", ((("Violence against civilians", "Sexual violence"), 3.0),), model)
    assert soft.sub_event_type == "Armed clash"
    assert strong.sub_event_type == "Sexual violence"


def test_refine_uses_actor_kinds() -> None:
    taken = Typing("Battles", "Non-state actor overtakes territory", 0.9, "t")
    assert refine(taken, "state", None, "").sub_event_type == "Government regains territory"
    assert refine(taken, "rebel", None, "").sub_event_type == "Non-state actor overtakes territory"
    clash = Typing("Battles", "Armed clash", 0.9, "t")
    assert refine(clash, "rebel", "civilians", "").sub_event_type == "Attack"
    arrest = Typing("Strategic developments", "Arrests", 0.9, "t")
    assert refine(arrest, "state", None, "").sub_event_type == "Arrests"
    assert refine(arrest, "rebel", None, "").sub_event_type == "Abduction/forced disappearance"
    attack = Typing("Violence against civilians", "Attack", 0.9, "t")
    assert refine(attack, "rebel", "state", "").sub_event_type == "Armed clash"


def test_plover_code_from_frame_or_acled_table() -> None:
    frames = load_lexicon().frames
    assert plover_for(frames["supply"], None).category == "AID"
    assert plover_for(frames["clash"], "Armed clash").category == "FIGHT"
    assert plover_for(frames["attack"], "Attack").category == "ASSAULT"
    assert plover_for(frames["arrest"], "Arrests").category == "COERCE"


def test_half_split_is_stable() -> None:
    assert half_of("BOL3216") == half_of("BOL3216")
    halves = {half_of(f"X{i}") for i in range(50)}
    assert halves == {"build", "holdout"}


def test_fit_learns_a_separable_toy_set() -> None:
    rows = [
        AcledRow(f"P{i}", "Europe", "Protests", "Peaceful protest", f"people held a protest {i}")
        for i in range(6)
    ] + [
        AcledRow(f"C{i}", "Europe", "Battles", "Armed clash", f"soldiers clashed with rebels {i}")
        for i in range(6)
    ]
    result = fit(rows, min_count=1)
    probs = result.model.probabilities(features("a protest was held"))
    assert max(probs, key=lambda k: probs[k]) == "Peaceful protest"
    assert result.rows_used == 12
    assert select_rows(rows, exclude_region="Europe") == ()


def test_read_acled_rows_rejects_a_file_without_notes(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("event_id_cnty,sub_event_type\nX1,Armed clash\n", encoding="utf-8")
    with pytest.raises(DataError):
        read_acled_rows(path)


def test_fit_records_its_settings_and_can_drop_class_weights() -> None:
    rows = [
        AcledRow(f"P{i}", "Europe", "Protests", "Peaceful protest", f"people held a protest {i}")
        for i in range(8)
    ] + [
        AcledRow(f"C{i}", "Europe", "Battles", "Armed clash", f"soldiers clashed with rebels {i}")
        for i in range(2)
    ]
    balanced = fit(rows, min_count=1)
    plain = fit(rows, min_count=1, class_weight=None)
    assert balanced.model.meta["class_weight"] == "balanced"
    assert plain.model.meta["class_weight"] == "None"
    assert balanced.model.meta["C"] == "16.0"
    text = features("an event")
    assert (
        balanced.model.probabilities(text)["Armed clash"]
        > plain.model.probabilities(text)["Armed clash"]
    )


def test_refine_retaken_ground_without_a_known_actor_kind_is_regained() -> None:
    taken = Typing("Battles", "Non-state actor overtakes territory", 0.9, "t")
    text = "The army clashed with rebels and regained the hill."
    assert refine(taken, None, None, text).sub_event_type == "Government regains territory"
    assert refine(taken, "unknown", None, text).sub_event_type == "Government regains territory"
    assert (
        refine(taken, "rebel", None, text).sub_event_type == "Non-state actor overtakes territory"
    )
    took = "The rebels took control of the hill."
    assert refine(taken, None, None, took).sub_event_type == "Non-state actor overtakes territory"
