"""Frozen records of the actor knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: ACLED inter codes by actor kind (persons have none).
INTER_BY_KIND: dict[str, int | None] = {
    "state": 1,
    "rebel": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
    "person": None,
    "outlet": None,
    "unknown": None,
}

#: Affiliation kinds between two actors of the knowledge base.
AFFILIATION_KINDS: tuple[str, ...] = ("part_of", "branch_of", "allied", "backed_by", "successor_of")


def active_on(start: date | None, end: date | None, on: date | None) -> bool:
    """Whether the closed-open interval [start, end) contains ``on`` (open ends are open)."""
    if on is None:
        return True
    if start is not None and on < start:
        return False
    return not (end is not None and on >= end)


@dataclass(frozen=True, slots=True)
class DatedName:
    """An ACLED-style name valid between two dates (ACLED renames forces by government)."""

    name: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Affiliation:
    """``kind`` link from the owning actor to ``actor`` (an id), valid between two dates."""

    actor: str
    kind: str = "part_of"
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Leadership:
    """A person (an actor id of kind ``person``) leading the owning actor between two dates."""

    person: str
    title: str = "leader"
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the knowledge base."""

    id: str
    name: str
    acled_name: str
    kind: str
    inter: int | None
    country: str | None
    aliases: tuple[str, ...] = ()
    #: aliases that name this actor only when the report's country is ``country``
    #: ("government forces", "protesters"); never used without that context
    context_aliases: tuple[str, ...] = ()
    #: countries whose reports may use the context aliases (default: ``country``)
    context_countries: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    leaders: tuple[Leadership, ...] = ()
    active_from: date | None = None
    active_to: date | None = None
    acled_names: tuple[DatedName, ...] = ()
    description: str = ""
    source: str = ""  # data file the record came from
    overlay: bool = False  # from the user's overlay file

    def acled_name_on(self, on: date | None) -> str:
        """The ACLED name valid on ``on`` (the current one when no dated name matches)."""
        if on is not None:
            for dn in self.acled_names:
                if active_on(dn.start, dn.end, on):
                    return dn.name
        return self.acled_name

    def is_active(self, on: date | None) -> bool:
        return active_on(self.active_from, self.active_to, on)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A name resolved to a knowledge-base actor, with how and how sure."""

    actor_id: str
    score: float
    reason: str
