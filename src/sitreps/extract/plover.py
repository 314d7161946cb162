"""PLOVER event category and mode of an event.

A trigger frame that names its own PLOVER category (AID for arms supply, RETREAT for a
handover, AGREE, the verbal categories DEMAND, REJECT ...) keeps it whatever ACLED sub-type the
event gets; otherwise the category follows the ACLED sub-event type
(``data/events/event_types.yaml``).
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


#: Categories whose announced or promised form PLOVER codes as AGREE ("will provide aid",
#: "is willing to withdraw", "offered to negotiate": an expressed intent to cooperate).
_COOPERATIVE = frozenset({"AID", "CONSULT", "CONCEDE", "RETREAT", "SUPPORT", "COOPERATE"})


def plover_with_modality(code: PloverCode, modality: str, cue: str | None = None) -> PloverCode:
    """An intent to cooperate (future or hypothetical) is PLOVER AGREE; a refused one ("we
    will not allow ...", "refused to withdraw") is REJECT. A duty or a capacity ("a
    responsibility to allow aid", ``cue == "obligation"``) or the aim of another act ("so
    that talks have a chance", ``cue == "purpose"``) is no intent and keeps its code."""
    if modality not in ("future", "hypothetical") or code.category not in _COOPERATIVE:
        return code
    if cue == "refusal":
        return PloverCode("REJECT", None)
    if cue in ("obligation", "purpose"):
        return code
    return PloverCode("AGREE", None)


def plover_for(frame: Frame, sub_event_type: str | None) -> PloverCode:
    """The PLOVER code of an event typed ``sub_event_type`` from a trigger of ``frame``."""
    acled = type_of_sub(sub_event_type) if sub_event_type else None
    if frame.plover:  # the trigger word names the PLOVER category ("agreed": AGREE)
        return PloverCode(frame.plover, frame.plover_mode or (acled.plover_mode if acled else None))
    if acled is not None:
        return PloverCode(acled.plover, acled.plover_mode)
    return PloverCode(frame.plover or "FIGHT", frame.plover_mode)
