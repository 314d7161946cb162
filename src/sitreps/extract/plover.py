"""PLOVER event category and mode of an event.

A trigger frame that names its own PLOVER category (AID for arms supply, RETREAT for a
handover, the verbal categories DEMAND, REJECT ...) keeps it; otherwise the category follows
the ACLED sub-event type (``data/events/event_types.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitreps.extract.eventtype import type_of_sub
from sitreps.extract.triggers import Frame

#: PLOVER categories of the PLOVER event ontology.
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "FIGHT", "DEMAND", "DISAPPROVE", "INVESTIGATE",
)  # fmt: skip


@dataclass(frozen=True)
class PloverCode:
    category: str
    mode: str | None


def plover_for(frame: Frame, sub_event_type: str | None) -> PloverCode:
    """The PLOVER code of an event typed ``sub_event_type`` from a trigger of ``frame``."""
    acled = type_of_sub(sub_event_type) if sub_event_type else None
    if frame.plover and (
        sub_event_type is None or any(s == sub_event_type for _, s in frame.acled)
    ):
        return PloverCode(frame.plover, frame.plover_mode or (acled.plover_mode if acled else None))
    if acled is not None:
        return PloverCode(acled.plover, acled.plover_mode)
    return PloverCode(frame.plover or "FIGHT", frame.plover_mode)
