"""A report's claims grouped by claimant, with the events, numbers and relations they carry.

:func:`group_claims` builds the groups (frozen values); :func:`format_claims` renders them as
the plain text ``sitreps claims`` prints; :func:`claims_for_path` reads a file and runs the
pipeline on each report in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitreps.errors import InputError
from sitreps.extract.stance import Stance, find_stances
from sitreps.extract.stance_actors import ActorIndex
from sitreps.models import ActorFinding, Claim, Event, Extraction, Quantity, Relation, Skipped
from sitreps.nlp import ParsedReport


@dataclass(frozen=True, slots=True)
class ClaimLine:
    claim: Claim
    events: tuple[Event, ...]
    quantities: tuple[Quantity, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class ClaimantGroup:
    """All claims of one claimant (``None``: the outlet's own narration and questions)."""

    claimant: str | None
    label: str
    role: str | None
    lines: tuple[ClaimLine, ...]


def _label(claimant: str | None, ex: Extraction, outlet: str | None) -> str:
    if claimant is None:
        return f"{outlet} (outlet)" if outlet else "the outlet (unattributed narration)"
    for a in ex.actors:
        if a.id == claimant:
            return f"{a.name} [{a.id}]"
    return claimant


def group_claims(ex: Extraction) -> tuple[ClaimantGroup, ...]:
    """Claims grouped by claimant, in order of first appearance."""
    quantities = [q for e in ex.events for q in e.quantities]
    lines: dict[str | None, list[ClaimLine]] = {}
    roles: dict[str | None, str | None] = {}
    outlet = next((c.outlet for c in ex.claims if c.outlet), ex.report.outlet)
    for c in ex.claims:
        events = tuple(e for e in ex.events if e.claim == c.id)
        qs = tuple(
            q
            for q in quantities
            if q.claim == c.id or (q.claim is None and any(q in e.quantities for e in events))
        )
        rels = tuple(r for r in ex.relations if r.claim == c.id)
        lines.setdefault(c.claimant, []).append(ClaimLine(c, events, qs, rels))
        roles.setdefault(c.claimant, c.claimant_role)
        if roles[c.claimant] is None and c.claimant_role:
            roles[c.claimant] = c.claimant_role
    return tuple(
        ClaimantGroup(k, _label(k, ex, outlet), roles.get(k), tuple(v)) for k, v in lines.items()
    )


def _short(text: str, width: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _quantity(q: Quantity) -> str:
    if q.value is not None:
        amount = f"{q.qualifier + ' ' if q.qualifier else ''}{q.value}"
    elif q.low is not None and q.high is not None:
        amount = f"{q.low}-{q.high}"
    elif q.low is not None:
        amount = f"{q.qualifier or 'at least'} (at least {q.low})"
    elif q.high is not None:
        amount = f"{q.qualifier or 'at most'} (at most {q.high})"
    else:
        amount = q.qualifier or "some"
    what = f" {q.object}" if q.object else ""
    return f"{q.kind}: {amount}{what} ({_short(q.span.text, 60)!r})"


def format_claims(ex: Extraction, stances: tuple[Stance, ...] = ()) -> str:
    """The text ``sitreps claims`` prints for one report."""
    out = [f"Report {ex.report.origin or ex.report.id}"]
    names = {a.id: a.name for a in ex.actors}
    by_claim: dict[str, list[Stance]] = {}
    for st in stances:
        for c in ex.claims:
            if any(c.content.contains(e) for e in st.evidence) and c.claimant == st.holder:
                by_claim.setdefault(c.id, []).append(st)
    for g in group_claims(ex):
        head = g.label + (f", {g.role}" if g.role else "")
        n_part = sum(1 for line in g.lines if line.claim.partisan)
        out.append("")
        out.append(f"{head}: {len(g.lines)} claim(s), {n_part} partisan")
        for line in g.lines:
            c = line.claim
            flags = (
                [c.kind]
                + (["partisan"] if c.partisan else [])
                + ([f"in {c.parent}"] if c.parent else [])
            )
            cue = f" cue {c.cue.text!r}" if c.cue is not None else ""
            out.append(f"  {c.id} [{', '.join(flags)}]{cue}: {_short(c.content.text)}")
            for e in line.events:
                a1 = names.get(e.actor1 or "", e.actor1)
                a2 = names.get(e.actor2 or "", e.actor2)
                kind = e.sub_event_type or e.event_type or e.plover
                out.append(f"      event {e.id}: {kind}; {a1} / {a2}; {e.modality}")
            for q in line.quantities:
                out.append(f"      number {_quantity(q)}")
            for r in line.relations:
                out.append(
                    f"      relation {names.get(r.source, r.source)} "
                    f"{r.kind} {names.get(r.target, r.target)}"
                )
            for st in by_claim.get(c.id, ()):
                out.append(f"      stance {st.polarity} towards {names.get(st.target, st.target)}")
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class ClaimsReport:
    """One report's extraction and the stances its claimants take."""

    extraction: Extraction
    stances: tuple[Stance, ...]


def stances_of(parsed: ParsedReport, ex: Extraction) -> tuple[Stance, ...]:
    """The stances of an extracted report (kept apart until the contract carries them)."""
    found = ActorFinding(ex.actors, tuple(m for m in ex.mentions if m.kind in ("actor", "person")))
    return find_stances(ActorIndex(parsed, found, ex.claims), ex.claims, ex.relations)


def claims_for_path(path: str) -> Iterator[ClaimsReport | Skipped]:
    """Run the pipeline on every report of ``path``; skipped inputs come back with a reason.

    Skipped inputs come after the reports; :class:`InputError` is raised when not one report
    of ``path`` could be read.
    """
    from sitreps.ingest import read_paths
    from sitreps.nlp import parse
    from sitreps.pipeline import extract_parsed

    done = 0
    skipped: list[Skipped] = []
    for item in read_paths([path]):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        parsed = parse(item)
        ex = extract_parsed(parsed)
        done += 1
        yield ClaimsReport(ex, stances_of(parsed, ex))
    if not done:
        if len(skipped) == 1:
            raise InputError(skipped[0].reason)
        raise InputError(f"{path}: no report could be read")
    yield from skipped
