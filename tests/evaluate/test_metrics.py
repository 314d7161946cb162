from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.evaluate import metrics as m


def test_accuracy_and_f1_by_hand() -> None:
    gold = ["a", "a", "b", "c"]
    pred = ["a", "b", "b", "none"]
    assert m.accuracy(gold, pred) == 0.5
    # a: tp1, gold2, pred1 -> 2/3; b: tp1, gold1, pred2 -> 2/3; c: 0
    assert m.macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    # weighted by gold support 2, 1, 1
    assert m.weighted_f1(gold, pred) == pytest.approx((2 * 2 / 3 + 2 / 3 + 0) / 4)


def test_perfect_and_empty_classification() -> None:
    gold = ["x", "y", "y"]
    assert m.accuracy(gold, gold) == 1.0
    assert m.macro_f1(gold, gold) == 1.0
    none = [m.NONE_LABEL] * 3
    assert m.accuracy(gold, none) == 0.0
    assert m.macro_f1(gold, none) == 0.0
    assert m.accuracy([], []) is None
    assert m.macro_f1([], []) is None


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError):
        m.accuracy(["a"], [])


def test_span_prf_exact_and_overlap() -> None:
    gold = [(0, 5), (10, 20), (30, 35)]
    pred = [(0, 5), (12, 18), (40, 45), (40, 45)]
    exact = m.span_prf(gold, pred)
    assert (exact.tp_pred, exact.n_pred, exact.tp_gold, exact.n_gold) == (1, 3, 1, 3)
    assert exact.f1 == pytest.approx(1 / 3)
    lenient = m.span_prf(gold, pred, overlap=True)
    assert lenient.precision == pytest.approx(2 / 3)
    assert lenient.recall == pytest.approx(2 / 3)


def test_prf_edge_cases() -> None:
    assert m.span_prf([], []).f1 is None
    empty = m.span_prf([(0, 3)], [])
    assert empty.recall == 0.0 and empty.precision is None and empty.f1 == 0.0
    assert (m.PRF(1, 2, 1, 1) + m.PRF(1, 2, 0, 1)).recall == 0.5


def test_adjacent_spans_do_not_overlap() -> None:
    assert not m.spans_overlap((0, 5), (5, 9))
    assert m.overlap_len((0, 5), (3, 9)) == 2


def test_haversine() -> None:
    assert m.haversine_km(0, 0, 0, 0) == 0
    assert m.haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    # Damascus to Aleppo, about 310 km
    assert 290 < m.haversine_km(33.513, 36.292, 36.202, 37.134) < 320


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Military Forces of Syria (2000-)", "military forces of syria"),
        ("Military Forces of Israel (2022-)", "military forces of israel"),
        ("Police Forces of Iraq (2014-2022)", "police forces of iraq"),
        ("Hay'at Tahrir al-Sham", "hayat tahrir al sham"),
        ("  Ḥamāh  ", "hamah"),
        ("Civilians (Syria)", "civilians syria"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_name(raw: str | None, expected: str) -> None:
    assert m.normalise_name(raw) == expected


def test_sha256_path_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    f = tmp_path / "a" / "x.txt"
    f.write_text("one")
    before = m.sha256_path(tmp_path, ("*.txt",))
    assert m.sha256_path(f) == m.sha256_file(f)
    (tmp_path / "a" / "ignored.bin").write_text("noise")
    assert m.sha256_path(tmp_path, ("*.txt",)) == before
    f.write_text("two")
    assert m.sha256_path(tmp_path, ("*.txt",)) != before


def test_median_mean_share() -> None:
    assert m.median([3.0, 1.0, 2.0]) == 2.0
    assert m.mean([]) is None
    assert m.share([True, False, False, True]) == 0.5


labels = st.lists(st.sampled_from(["a", "b", "c", "none"]), min_size=1, max_size=30)
spans = st.lists(
    st.tuples(st.integers(0, 50), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=15,
)


@given(labels, st.randoms(use_true_random=False))
def test_classification_scores_are_bounded(gold: list[str], rnd: Any) -> None:
    pred = gold[:]
    rnd.shuffle(pred)
    for score in (m.accuracy(gold, pred), m.macro_f1(gold, pred), m.weighted_f1(gold, pred)):
        assert score is not None and 0.0 <= score <= 1.0
    assert m.macro_f1(gold, gold) == 1.0 and m.weighted_f1(gold, gold) == 1.0


@given(spans, spans)
def test_span_scores_are_bounded_and_overlap_is_lenient(gold: list[Any], pred: list[Any]) -> None:
    exact = m.span_prf(gold, pred)
    lenient = m.span_prf(gold, pred, overlap=True)
    assert exact.tp_gold <= lenient.tp_gold and exact.tp_pred <= lenient.tp_pred
    swapped = m.span_prf(pred, gold, overlap=True)
    assert (swapped.precision, swapped.recall) == (lenient.recall, lenient.precision)
    if gold:
        assert m.span_prf(gold, gold).f1 == 1.0
