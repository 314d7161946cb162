from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import attribution
from sitreps.models import Claim, Span

TEXT = 'The mayor said the road is closed. "We will rebuild," officials added. It rained.'
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678
SOURCE1, CUE1, CONTENT1 = (0, 9), (10, 14), (15, 33)
CONTENT2, SOURCE2, CUE2 = (35, 52), (54, 63), (64, 69)

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 33\tthe road is closed
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 35 42;43 52\t"We will rebuild,"
T6\tSource 54 63\tofficials
T7\tCue 64 69\tadded
T8\tAttribution 64 69\tadded
E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5
"""


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    base = tmp_path / "polnear"
    (base / "test" / "text").mkdir(parents=True)
    (base / "test" / "attributions").mkdir(parents=True)
    (base / "test" / "text" / "nyt_2016-09-08_road.txt").write_text(TEXT, encoding="utf-8")
    (base / "test" / "attributions" / "nyt_2016-09-08_road_aaaa.ann").write_text(ANN)
    # a second annotator of the same article is not used
    (base / "test" / "attributions" / "nyt_2016-09-08_road_zzzz.ann").write_text("")
    return base


def claim(
    content: tuple[int, int], source: tuple[int, int] | None, cue: tuple[int, int] | None
) -> Claim:
    return Claim(
        id=f"c{content[0]}",
        claimant="someone" if source else None,
        claimant_role=None,
        outlet=None,
        cue=Span.of(TEXT, *cue) if cue else None,
        content=Span.of(TEXT, *content),
        partisan=False,
        source=Span.of(TEXT, *source) if source else None,
    )


def test_load(gold_dir: Path) -> None:
    (doc,) = attribution.load_polnear(gold_dir, "test")
    assert doc.id == "nyt_2016-09-08_road"
    assert doc.published is not None and doc.published.year == 2016
    assert [a.content for a in doc.attributions] == [CONTENT1, CONTENT2]  # hull of 35-42;43-52
    assert doc.attributions[1].source == SOURCE2
    # the split folder itself works too
    assert attribution.load_polnear(gold_dir / "test") == (doc,)


def test_missing_split(gold_dir: Path) -> None:
    with pytest.raises(EvaluationError):
        attribution.load_polnear(gold_dir, "train")


def test_parse_brat_without_source() -> None:
    ann = (
        "T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthat\nE1\tAttribution-no-source:T1 Content:T2 Cue:T1\n"
    )
    (a,) = attribution.parse_brat(ann)
    assert a.source is None and a.cue == (0, 4) and a.content == (5, 9)


def test_perfect_and_empty(gold_dir: Path) -> None:
    docs = attribution.load_polnear(gold_dir, "test")
    perfect = [claim(CONTENT1, SOURCE1, CUE1), claim(CONTENT2, SOURCE2, CUE2)]
    s = attribution.score_attribution(docs, {docs[0].id: perfect})
    for role in ("source", "cue", "content"):
        assert s.metrics[f"{role}_exact_f1"] == 1.0
        assert s.metrics[f"{role}_overlap_f1"] == 1.0
    assert s.metrics["linking_accuracy"] == 1.0
    e = attribution.score_attribution(docs, {})
    assert e.metrics["content_exact_f1"] == 0.0
    assert e.metrics["linking_accuracy"] == 0.0
    # unattributed narration is not an attribution
    narration = [claim((71, 80), None, None)]
    n = attribution.score_attribution(docs, {docs[0].id: narration})
    assert n.counts["predicted_attributions"] == 0


def test_partial(gold_dir: Path) -> None:
    docs = attribution.load_polnear(gold_dir, "test")
    preds = [
        claim((19, 33), (4, 9), CUE1),  # content and source overlap only
        claim(CONTENT2, None, CUE2),  # source not found
        claim((71, 80), (71, 73), (74, 80)),  # a false attribution
    ]
    s = attribution.score_attribution(docs, {docs[0].id: preds})
    assert s.metrics["cue_exact_precision"] == pytest.approx(2 / 3)
    assert s.metrics["cue_exact_recall"] == 1.0
    assert s.metrics["content_exact_precision"] == pytest.approx(1 / 3)
    assert s.metrics["content_exact_recall"] == 0.5
    assert s.metrics["content_overlap_recall"] == 1.0
    assert s.metrics["source_exact_recall"] == 0.0
    assert s.metrics["source_overlap_recall"] == 0.5
    assert s.metrics["source_overlap_precision"] == 0.5
    assert s.metrics["linking_accuracy"] == 0.5
