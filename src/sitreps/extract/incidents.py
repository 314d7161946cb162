"""One incident told with the words of several sub-types.

A report often tells one incident with words that each suggest a different ACLED sub-type:
"workers staged a protest ... police intervened and detained a protester" (a peaceful protest
and an intervention), "militants attacked soldiers ... in conjunction with airstrikes and
shelling ... killed in the clashes" (a clash, an air strike, shelling). ACLED codes such an
incident once, with the sub-type that covers the whole of it (ACLED codebook: a protest met
with intervention is "Protest with intervention"; demonstrators who turn violent make a
"Violent demonstration"; exchanges of fire that include shelling or air strikes between the
same sides in one place and day are an "Armed clash").

:func:`incident_sub_type` says whether two sub-types can be one incident and which one the
incident gets. The event stage decides, from places, dates and sides, whether two events are
the same incident (:func:`sitreps.extract.events.merge_drafts`).
"""

from __future__ import annotations

#: Families of sub-types that may describe one incident, each sub-type with its rank: the
#: merged incident takes the sub-type of higher rank. Sub-types of equal rank are not merged
#: ("artillery and airstrikes targeted ..." stays two events). Riots are left out: a report's
#: words for a riot ("rioters", "blocked the road") are too often about a different gathering
#: than the protest it also tells, and measured merging on ACLED notes did more harm than good.
_FAMILIES: tuple[dict[str, int], ...] = (
    {  # a gathering of people and what happened to it
        "Peaceful protest": 0,
        "Protest with intervention": 1,
        "Excessive force against protesters": 2,
    },
    {  # fighting between armed sides, with the weapons it used
        "Shelling/artillery/missile attack": 0,
        "Air/drone strike": 0,
        "Grenade": 0,
        "Armed clash": 1,
    },
)

#: families whose members must share a side to be one incident (shelling and a clash in one
#: place can be two incidents between different sides; a protest and the police intervention
#: often name no common actor)
_NEEDS_SHARED_SIDE = frozenset({1})


def _family(sub: str | None) -> int | None:
    if sub is None:
        return None
    for n, members in enumerate(_FAMILIES):
        if sub in members:
            return n
    return None


def incident_sub_type(first: str | None, second: str | None) -> str | None:
    """The sub-type of one incident told as ``first`` then ``second``, or None when they are
    the same sub-type or cannot be one incident."""
    if first is None or second is None or first == second:
        return None
    fam = _family(first)
    if fam is None or fam != _family(second):
        return None
    ranks = _FAMILIES[fam]
    if ranks[first] == ranks[second]:
        return None
    return second if ranks[second] > ranks[first] else first


def needs_shared_side(sub: str) -> bool:
    """Whether events of ``sub``'s family must share an actor to be merged as one incident."""
    fam = _family(sub)
    return fam is not None and fam in _NEEDS_SHARED_SIDE
