from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import re3d
from sitreps.models import Relation, Span

TEXT = "The SDF fought ISIS near Raqqa. The SDF and the YPG are allies in Syria."
#       0123456789012345678901234567890123456789012345678901234567890123456789012
SDF1 = (4, 7)
ISIS = (15, 19)
RAQQA = (25, 30)
SDF2 = (36, 39)
YPG = (48, 51)
SYRIA = (66, 71)


def _write_lines(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("\ufeff" + "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def _ent(start: int, end: int, typ: str, conf: float = 1.0) -> dict[str, Any]:
    return {
        "_id": f"D1-{start}-{end}-{typ}",
        "begin": start,
        "end": end,
        "type": typ,
        "value": TEXT[start:end],
        "documentId": "D1",
        "confidence": conf,
    }


def _rel(src: tuple[int, int], tgt: tuple[int, int], typ: str) -> dict[str, Any]:
    return {
        "_id": f"D1-{src}-{tgt}-{typ}",
        "sourceBegin": src[0],
        "sourceEnd": src[1],
        "targetBegin": tgt[0],
        "targetEnd": tgt[1],
        "type": typ,
        "documentId": "D1",
        "confidence": 1,
    }


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    src = tmp_path / "re3d" / "Source A"
    src.mkdir(parents=True)
    _write_lines(src / "documents.json", [{"_id": "D1", "title": "t", "text": TEXT}])
    _write_lines(
        src / "entities.json",
        [
            _ent(*SDF1, "Organisation"),
            _ent(*ISIS, "Organisation"),
            _ent(*SDF2, "Organisation"),
            _ent(*YPG, "Organisation"),
            _ent(*RAQQA, "Location"),
            _ent(*SYRIA, "Location"),
            _ent(0, 3, "Organisation", conf=0.2),  # below the confidence cut
            _ent(4, 7, "Person"),  # not scored
        ],
    )
    _write_lines(
        src / "relations.json",
        [
            _rel(SDF1, ISIS, "FightingAgainst"),
            _rel(SDF2, YPG, "AlliesOf"),
            _rel(SDF1, RAQQA, "CoLocated"),  # not scored
        ],
    )
    return tmp_path / "re3d"


def _span(s: tuple[int, int]) -> Span:
    return Span.of(TEXT, *s)


def perfect(build: Any) -> Any:
    b = build
    return b.extraction(
        "D1",
        TEXT,
        actors=(
            b.actor("sdf", "SDF", mentions=(_span(SDF1), _span(SDF2))),
            b.actor("is", "IS", mentions=(_span(ISIS),)),
            b.actor("ypg", "YPG", mentions=(_span(YPG),)),
        ),
        places=(
            b.place("raqqa", "Raqqa", 35.9, 39.0, mentions=(_span(RAQQA),)),
            b.place("syria", "Syria", 35.0, 38.0, mentions=(_span(SYRIA),)),
        ),
        relations=(
            Relation("is", "sdf", "fights", ()),
            Relation("sdf", "ypg", "supports", ()),
        ),
    )


def test_loads_gold(gold_dir: Path) -> None:
    (doc,) = re3d.load_re3d(gold_dir)
    assert doc.actors == (SDF1, ISIS, SDF2, YPG)
    assert doc.places == (RAQQA, SYRIA)
    assert {r.kind for r in doc.relations} == {"fights", "allied"}


def test_no_gold_folder(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        re3d.load_re3d(tmp_path)


def test_perfect_system(gold_dir: Path, build: Any) -> None:
    docs = re3d.load_re3d(gold_dir)
    s = re3d.score_re3d(docs, {"D1": perfect(build)})
    for key in (
        "actor_exact",
        "actor_overlap",
        "place_exact",
        "place_overlap",
        "rel_fights",
        "rel_allied",
    ):
        assert s.metrics[f"{key}_f1"] == 1.0, key
    assert s.counts["gold_relation_pairs"] == 2


def test_empty_system(gold_dir: Path, build: Any) -> None:
    docs = re3d.load_re3d(gold_dir)
    for preds in ({}, {"D1": build.extraction("D1", TEXT)}):
        s = re3d.score_re3d(docs, preds)
        assert s.metrics["actor_exact_recall"] == 0.0
        assert s.metrics["actor_exact_precision"] is None
        assert s.metrics["actor_exact_f1"] == 0.0
        assert s.metrics["rel_all_f1"] == 0.0


def test_partial_system(gold_dir: Path, build: Any) -> None:
    b = build
    docs = re3d.load_re3d(gold_dir)
    # "The SDF" instead of "SDF" (overlap only), ISIS missed, an extra actor span
    ex = b.extraction(
        "D1",
        TEXT,
        actors=(
            b.actor("sdf", "SDF", mentions=(Span.of(TEXT, 0, 7), _span(SDF2))),
            b.actor("ypg", "YPG", mentions=(_span(YPG),)),
            b.actor("x", "X", mentions=(Span.of(TEXT, 8, 14),)),
            b.actor("p", "Person", kind="person", mentions=(_span(ISIS),)),
        ),
        places=(b.place("raqqa", "Raqqa", 35.9, 39.0, mentions=(_span(RAQQA),)),),
        relations=(Relation("ypg", "sdf", "allied", ()), Relation("sdf", "x", "fights", ())),
    )
    s = re3d.score_re3d(docs, {"D1": ex})
    # actor spans: pred {(0,7), SDF2, YPG, (8,14)}; gold {SDF1, ISIS, SDF2, YPG}
    assert s.metrics["actor_exact_precision"] == pytest.approx(2 / 4)
    assert s.metrics["actor_exact_recall"] == pytest.approx(2 / 4)
    assert s.metrics["actor_overlap_precision"] == pytest.approx(3 / 4)
    assert s.metrics["actor_overlap_recall"] == pytest.approx(3 / 4)
    assert s.metrics["place_exact_precision"] == 1.0
    assert s.metrics["place_exact_recall"] == 0.5
    # allied pair matches (order does not matter); fights: gold (sdf, text:isis) vs (sdf, x)
    assert s.metrics["rel_allied_f1"] == 1.0
    assert s.metrics["rel_fights_f1"] == 0.0
    assert s.metrics["rel_all_precision"] == 0.5 and s.metrics["rel_all_recall"] == 0.5


def test_sha_covers_gold_files(gold_dir: Path) -> None:
    before = re3d.tree_sha256(gold_dir)
    (gold_dir / "Source A" / "notes.txt").write_text("ignored")
    assert re3d.tree_sha256(gold_dir) == before
    with (gold_dir / "Source A" / "relations.json").open("a") as fh:
        fh.write("\n")
    assert re3d.tree_sha256(gold_dir) != before
