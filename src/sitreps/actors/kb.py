"""The actor knowledge base: packaged YAML files plus the user's overlay, indexed once.

``get_kb()`` is cached per process. Resolution (alias, normalised alias, demonym, context
alias, transliteration skeleton, fuzzy) lives in :mod:`sitreps.actors.resolver`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from sitreps.actors.loader import Country, RawData, load_all
from sitreps.actors.normalise import exact_key, norm_key
from sitreps.actors.records import ActorRecord, Resolution, active_on
from sitreps.actors.resolver import Resolver
from sitreps.errors import DataError, NotFoundError


class KnowledgeBase:
    """Actors, persons and outlets with their names, links and dates."""

    def __init__(self, data: RawData, fuzzy_threshold: float = 90.0) -> None:
        self.countries: dict[str, Country] = dict(data.countries)
        self._by_id: dict[str, ActorRecord] = {}
        for rec in data.records:
            if rec.id in self._by_id and not rec.overlay:
                other = self._by_id[rec.id]
                raise DataError(
                    f"{rec.source}: entry {rec.id!r}: duplicate id (also in {other.source})"
                )
            self._by_id[rec.id] = rec  # an overlay record replaces a packaged one
        self._check_links()
        self._children: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._led: dict[str, list[str]] = defaultdict(list)
        for rec in self._by_id.values():
            for aff in rec.affiliations:
                self._children[aff.actor].append((rec.id, aff.kind))
            for lead in rec.leaders:
                self._led[lead.person].append(rec.id)
        self.resolver = Resolver(self, fuzzy_threshold)

    def _check_links(self) -> None:
        for rec in self._by_id.values():
            for aff in rec.affiliations:
                if aff.actor not in self._by_id:
                    raise DataError(
                        f"{rec.source}: entry {rec.id!r}: affiliation to unknown actor {aff.actor!r}"
                    )
            for lead in rec.leaders:
                person = self._by_id.get(lead.person)
                if person is None or person.kind != "person":
                    raise DataError(
                        f"{rec.source}: entry {rec.id!r}: leader {lead.person!r} is not a person"
                    )
            if rec.country is not None and rec.country not in self.countries:
                raise DataError(f"{rec.source}: entry {rec.id!r}: country {rec.country!r} unknown")

    # --- look-ups ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def records(self) -> Iterable[ActorRecord]:
        return self._by_id.values()

    def get(self, actor_id: str) -> ActorRecord:
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise NotFoundError(f"no actor with id {actor_id!r}") from None

    def resolve(
        self, name: str, country: str | None = None, on: date | None = None
    ) -> Resolution | None:
        """The actor ``name`` refers to in a report about ``country`` published ``on``."""
        return self.resolver.resolve(name, country, on)

    def search(self, name: str, limit: int = 10) -> list[ActorRecord]:
        """Actors whose names match ``name`` (resolution first, then close spellings)."""
        found: list[str] = []
        res = self.resolve(name)
        if res is not None:
            found.append(res.actor_id)
        for actor_id in self.resolver.candidates(name, limit):
            if actor_id not in found:
                found.append(actor_id)
        return [self._by_id[i] for i in found[:limit]]

    def parents(self, actor_id: str, on: date | None = None) -> tuple[str, ...]:
        """Actors that ``actor_id`` is part of (transitively), as of ``on``."""
        out: list[str] = []
        todo = [actor_id]
        while todo:
            rec = self.get(todo.pop())
            for aff in rec.affiliations:
                if (
                    aff.kind in ("part_of", "branch_of")
                    and active_on(aff.start, aff.end, on)
                    and aff.actor not in out
                    and aff.actor != actor_id
                ):
                    out.append(aff.actor)
                    todo.append(aff.actor)
        return tuple(out)

    def children(self, actor_id: str, kind: str | None = None) -> tuple[str, ...]:
        return tuple(c for c, k in self._children.get(actor_id, ()) if kind is None or k == kind)

    def successor(self, actor_id: str, on: date | None) -> str | None:
        """The active actor that (transitively) succeeded ``actor_id`` by ``on``."""
        seen = {actor_id}
        current = actor_id
        while True:
            nxt = self.children(current, "successor_of")
            if not nxt or nxt[0] in seen:
                return None
            current = nxt[0]
            seen.add(current)
            if self._by_id[current].is_active(on):
                return current

    def groups_led_by(self, person_id: str, on: date | None = None) -> tuple[str, ...]:
        out = []
        for gid in self._led.get(person_id, ()):
            for lead in self._by_id[gid].leaders:
                if lead.person == person_id and active_on(lead.start, lead.end, on):
                    out.append(gid)
                    break
        return tuple(out)

    def leaders_of(self, actor_id: str, on: date | None = None) -> tuple[str, ...]:
        rec = self.get(actor_id)
        return tuple(lead.person for lead in rec.leaders if active_on(lead.start, lead.end, on))

    def country_of_name(self, name: str) -> str | None:
        """ISO3 code for a country name or demonym ("Iraq", "Iraqi", "Iraqis")."""
        return self.resolver.country_of_word(name)

    def state_forces(self, iso3: str) -> str | None:
        actor_id = f"{iso3.lower()}.military"
        return actor_id if actor_id in self._by_id else None

    def inter_in(self, actor_id: str, country: str | None) -> int | None:
        """ACLED inter code of the actor in an event in ``country``: state forces acting
        outside their own country are external (8), as ACLED codes them."""
        rec = self.get(actor_id)
        if rec.inter == 1 and country and rec.country and rec.country != country:
            return 8
        return rec.inter

    def key_of(self, name: str) -> tuple[str, str]:
        return exact_key(name), norm_key(name)


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The process-wide knowledge base (packaged files, then the overlay in settings)."""
    from sitreps.settings import get_settings

    settings = get_settings()
    overlay = settings.actors_overlay
    return KnowledgeBase(
        load_all(Path(overlay) if overlay else None), fuzzy_threshold=settings.fuzzy_threshold
    )


def load_kb(overlay: Path | None = None, fuzzy_threshold: float = 90.0) -> KnowledgeBase:
    """A fresh knowledge base (not cached): for tests and tools."""
    return KnowledgeBase(load_all(overlay), fuzzy_threshold=fuzzy_threshold)
