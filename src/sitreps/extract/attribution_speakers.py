"""Who speaks each interview turn: the interviewer (the outlet) or the interviewee.

A label is the interviewer's when the actor stage says it names the outlet, when it
abbreviates the outlet's name ("D24" for "DeirEzzor 24"), or, failing both, when most of its
turns are questions. Any other label is an interviewee, resolved to the person it names
("Talass" -> "Talass Al-Salama") through ``sitreps.actors.mentions.speaker_actor`` when that
is available, else by matching the label against the report's named persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitreps.extract.attribution_roles import Person, RoleLink, abbreviates, is_outlet
from sitreps.models import ActorFinding, Turn
from sitreps.nlp import ParsedReport


@dataclass(frozen=True, slots=True)
class TurnSpeaker:
    interviewer: bool
    claimant: str | None  # person actor id or name; None for the interviewer
    role: str | None = None
    group: str | None = None  # actor id of the interviewee's group


def _speaker_actor_fn() -> Callable[[ParsedReport, ActorFinding, Turn], str | None] | None:
    try:
        from sitreps.actors import mentions
    except ImportError:
        return None
    fn: Any = getattr(mentions, "speaker_actor", None)
    return fn if callable(fn) else None


def _question_share(turns: list[Turn]) -> float:
    if not turns:
        return 0.0
    asks = sum(1 for t in turns if t.content.text.rstrip().endswith("?"))
    return asks / len(turns)


def _match_person(label: str, persons: tuple[Person, ...]) -> Person | None:
    low = label.lower()
    best: Person | None = None
    for p in persons:
        words = [w.lower() for w in re.findall(r"[\w’'\-]+", p.name)]
        named = p.name.lower() == low or low in words or any(w.startswith(low) for w in words[:1])
        if named and (best is None or len(p.name) > len(best.name)):
            best = p
    return best


def _role_of(ref: str, name: str, roles: tuple[RoleLink, ...]) -> RoleLink | None:
    for r in roles:
        if r.person is not None and (r.person.ref == ref or r.person.name == name):
            return r
    return None


def turn_speakers(
    parsed: ParsedReport,
    actors: ActorFinding,
    persons: tuple[Person, ...],
    roles: tuple[RoleLink, ...],
    outlet: str | None,
) -> tuple[TurnSpeaker, ...]:
    """One :class:`TurnSpeaker` per turn of ``parsed.turns``."""
    if not parsed.turns:
        return ()
    by_label: dict[str, list[Turn]] = {}
    for t in parsed.turns:
        by_label.setdefault(t.speaker, []).append(t)
    kinds = {a.id: a.kind for a in actors.actors}
    names = {a.id: a.name for a in actors.actors}
    speaker_actor = _speaker_actor_fn()
    outlets = {a.id for a in actors.actors if is_outlet(a)}
    decided: dict[str, TurnSpeaker] = {}
    undecided: list[str] = []
    for label, turns in by_label.items():
        actor_id = speaker_actor(parsed, actors, turns[0]) if speaker_actor else None
        if (outlet and abbreviates(label, outlet)) or (
            actor_id is not None and actor_id in outlets
        ):
            decided[label] = TurnSpeaker(True, None)
            continue
        person: Person | None = None
        if actor_id is not None and kinds.get(actor_id) == "person":
            person = Person(actor_id, names.get(actor_id, label), turns[0].label)
        elif actor_id is None:
            person = _match_person(label, persons)
        if person is not None:
            link = _role_of(person.ref, person.name, roles)
            role = (
                link.role
                if link
                else next((a.role for a in actors.actors if a.id == person.ref and a.role), None)
            )
            decided[label] = TurnSpeaker(False, person.ref, role, link.group if link else None)
        elif actor_id is not None:
            decided[label] = TurnSpeaker(False, actor_id, None, actor_id)
        else:
            undecided.append(label)
    has_interviewer = any(s.interviewer for s in decided.values())
    for label in sorted(undecided, key=lambda lb: -_question_share(by_label[lb])):
        if not has_interviewer and _question_share(by_label[label]) >= 0.5:
            decided[label] = TurnSpeaker(True, None)
            has_interviewer = True
        else:
            decided[label] = TurnSpeaker(False, label)
    return tuple(decided[t.speaker] for t in parsed.turns)
