"""Library side of ``sitreps actors ...``: look-ups the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from sitreps.actors.kb import KnowledgeBase
from sitreps.actors.records import ActorRecord, Resolution
from sitreps.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class ActorDescription:
    record: ActorRecord
    resolution: Resolution | None  # how the asked name resolved (None: by id)
    parents: tuple[ActorRecord, ...]  # part of (current)
    members: tuple[ActorRecord, ...]  # actors that are part of it
    leaders: tuple[tuple[ActorRecord, str], ...]  # (person, "leader 2014-..")
    leads: tuple[ActorRecord, ...]  # for a person: the groups led


@dataclass(frozen=True, slots=True)
class StoreResult:
    """Rows from the store, or why there are none."""

    rows: tuple[Any, ...]
    reason: str = ""


def describe(kb: KnowledgeBase, name: str) -> ActorDescription:
    """The actor ``name`` (an id, a name or any alias) with its links."""
    res: Resolution | None = None
    if name in kb:
        rec = kb.get(name)
    else:
        res = kb.resolve(name)
        if res is None:
            close = kb.search(name, limit=5)
            hint = "; close: " + ", ".join(r.name for r in close) if close else ""
            raise NotFoundError(f"no actor named {name!r} in the knowledge base{hint}")
        rec = kb.get(res.actor_id)
    leaders = tuple(
        (kb.get(ld.person), f"{ld.title} {period(ld.start, ld.end)}".strip()) for ld in rec.leaders
    )
    members = tuple(
        kb.get(c)
        for c in kb.children(rec.id)
        if any(
            a.actor == rec.id and a.kind in ("part_of", "branch_of") for a in kb.get(c).affiliations
        )
    )
    return ActorDescription(
        record=rec,
        resolution=res,
        parents=tuple(kb.get(p) for p in kb.parents(rec.id)),
        members=members,
        leaders=leaders,
        leads=tuple(kb.get(g) for g in kb.groups_led_by(rec.id)) if rec.kind == "person" else (),
    )


def period(start: object, end: object) -> str:
    """ "(2014-01-01..)" for a dated link; "" when undated."""
    if start is None and end is None:
        return ""
    return f"({start or ''}..{end or ''})"


def _sqlite_missing(db_url: str) -> bool:
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        return False
    path = db_url[len(prefix) :]
    return path not in ("", ":memory:") and not Path(path).exists()


def _queries() -> Any | None:
    try:
        return import_module("sitreps.store.queries")
    except ImportError:
        return None


def actor_events(db_url: str, actor_id: str) -> StoreResult:
    """Stored events the actor takes part in (empty with a reason when there is no store)."""
    if _sqlite_missing(db_url):
        return StoreResult((), f"no store at {db_url}")
    queries = _queries()
    if queries is None or not hasattr(queries, "events_for_actor"):
        return StoreResult((), "no store support installed")
    return StoreResult(tuple(queries.events_for_actor(db_url, actor_id)))


def unknown_actors(db_url: str) -> StoreResult:
    """Provisional actors in the store, most reported first."""
    if _sqlite_missing(db_url):
        return StoreResult((), f"no store at {db_url}")
    queries = _queries()
    if queries is None or not hasattr(queries, "unknown_actors"):
        return StoreResult((), "no store support installed")
    return StoreResult(tuple(queries.unknown_actors(db_url)))
