"""Every output validates against the public JSON Schema; the founding interview's output is
pinned by a golden file (rewrite deliberately with ``pytest --update-golden``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitreps.cli import sample_paths
from sitreps.ingest import read_paths
from sitreps.models import (
    Claim,
    Event,
    Extraction,
    Fatalities,
    Quantity,
    Relation,
    Report,
    Span,
)
from sitreps.pipeline import extract_many
from sitreps.serialize import load_schema, to_dict

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "interview.json"


@pytest.fixture(scope="module")
def sample_outputs() -> list[dict[str, object]]:
    reports = [r for r in read_paths(sample_paths()) if isinstance(r, Report)]
    assert len(reports) >= 6
    return [to_dict(ex) for ex in extract_many(reports)]


def _spans(obj: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(obj, dict):
        if set(obj) == {"start", "end", "text"}:
            found.append(obj)
        for v in obj.values():
            found.extend(_spans(v))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(_spans(v))
    return found


def test_bundled_samples_validate_and_spans_are_exact(
    sample_outputs: list[dict[str, object]],
) -> None:
    schema = load_schema()
    texts = {r.id: r.text for r in read_paths(sample_paths()) if isinstance(r, Report)}
    for out in sample_outputs:
        jsonschema.validate(out, schema)
        report = out["report"]
        assert isinstance(report, dict)
        text = texts[report["id"]]
        for span in _spans(out):
            start, end = span["start"], span["end"]
            assert isinstance(start, int) and isinstance(end, int)
            assert text[start:end] == span["text"]


def test_ids_are_consistent(sample_outputs: list[dict[str, object]]) -> None:
    for out in sample_outputs:
        actors = {a["id"] for a in out["actors"]}  # type: ignore[index,union-attr]
        places = {p["id"] for p in out["places"]}  # type: ignore[index,union-attr]
        claims = {c["id"] for c in out["claims"]}  # type: ignore[index,union-attr]
        for ev in out["events"]:  # type: ignore[union-attr]
            for key in ("actor1", "actor2"):
                assert ev[key] is None or ev[key] in actors
            assert set(ev["assoc_actor1"]) | set(ev["assoc_actor2"]) <= actors
            assert ev["place"] is None or ev["place"] in places
            assert ev["claim"] is None or ev["claim"] in claims
        for rel in out["relations"]:  # type: ignore[union-attr]
            assert rel["source"] in actors and rel["target"] in actors


def test_interview_golden(sample_outputs: list[dict[str, object]], update_golden: bool) -> None:
    interview = next(o for o in sample_outputs if "Jaysh Assud" in json.dumps(o["actors"]))
    interview = json.loads(json.dumps(interview))
    interview["report"]["origin"] = None
    if update_golden or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(interview, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if not update_golden:
            pytest.fail("golden file was missing and has been written; rerun")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert interview == expected, (
        "the JSON output of the founding interview changed; if on purpose, rerun with "
        "--update-golden and add a CHANGELOG line"
    )


TEXT = "Rebels attacked the base near Homs, killing 3 soldiers, their commander said."


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    def span() -> Span:
        a = draw(st.integers(0, len(TEXT) - 1))
        b = draw(st.integers(a, len(TEXT)))
        return Span.of(TEXT, a, b)

    n = draw(st.integers(0, 5))
    q = Quantity(
        kind="killed",
        value=draw(st.none() | st.integers(0, 10**6)),
        low=None,
        high=None,
        qualifier=draw(st.none() | st.sampled_from(["at least", "dozens"])),
        span=span(),
    )
    events = tuple(
        Event(
            id=f"e{i}",
            event_type="Battles",
            sub_event_type="Armed clash",
            plover="FIGHT",
            plover_mode=None,
            actor1=None,
            assoc_actor1=(),
            actor2=None,
            assoc_actor2=(),
            place=None,
            geo_precision=draw(st.none() | st.sampled_from([1, 2, 3])),
            date_start=draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1))),
            date_end=None,
            time_precision=None,
            fatalities=draw(
                st.none()
                | st.builds(Fatalities, st.none() | st.integers(0, 999), st.none(), st.none())
            ),
            quantities=(q,),
            modality=draw(
                st.sampled_from(["asserted", "negated", "hypothetical", "future", "question"])
            ),
            claim=None,
            evidence=(span(),),
        )
        for i in range(n)
    )
    claims = (Claim("c1", None, None, "X", None, span(), draw(st.booleans())),)
    return Extraction(
        report=Report(id="r-" + "0" * 20, text=TEXT),
        events=events,
        claims=claims,
        relations=(Relation("a", "b", "fights", (span(),)),),
    )


@settings(max_examples=50, deadline=None)
@given(extractions())
def test_serialiser_output_always_validates(ex: Extraction) -> None:
    out = to_dict(ex)
    jsonschema.validate(out, load_schema())
    assert json.loads(json.dumps(out)) == out
    for s in _spans(out):
        assert TEXT[s["start"] : s["end"]] == s["text"]  # type: ignore[misc]
