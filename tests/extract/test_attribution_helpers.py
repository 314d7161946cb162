"""Hand-made actor findings for the claims and relations tests."""

from __future__ import annotations

import re

from sitreps.models import Actor, ActorFinding, Mention, Report, Span
from sitreps.nlp import ParsedReport, parse


def parsed(text: str, outlet: str | None = None) -> ParsedReport:
    return parse(Report(id="t", text=text, outlet=outlet))


def finding(p: ParsedReport, names: dict[str, tuple[str, str]]) -> ActorFinding:
    """Actors from ``{surface form: (actor id, kind)}``; every occurrence becomes a mention."""
    text = p.report.text
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    taken: list[Span] = []
    for surface in sorted(names, key=len, reverse=True):
        aid, kind = names[surface]
        for m in re.finditer(re.escape(surface), text, re.IGNORECASE):
            span = Span.of(text, m.start(), m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            taken.append(span)
            mentions.append(
                Mention(
                    id=f"m{len(mentions) + 1}",
                    kind="person" if kind == "person" else "actor",
                    span=span,
                    sentence=p.sentence_index(span.start),
                    entity_id=aid,
                )
            )
        if aid not in actors:
            actors[aid] = Actor(
                id=aid,
                name=surface,
                kind=kind,
                inter=None if kind == "person" else 2,
                country=None,
                acled_name=surface,
            )
    mentions.sort(key=lambda m: m.span.start)
    return ActorFinding(tuple(actors.values()), tuple(mentions))


def load() -> object:
    """This module, for test modules that cannot import it by name (importlib mode)."""
    import sys

    return sys.modules[__name__]


def test_finding_marks_every_occurrence() -> None:
    p = parsed("The SDF met the SDF envoy and Talass.")
    f = finding(p, {"SDF": ("sdf", "rebel"), "Talass": ("p-t", "person")})
    assert [m.span.text for m in f.mentions] == ["SDF", "SDF", "Talass"]
    assert [m.kind for m in f.mentions] == ["actor", "actor", "person"]
