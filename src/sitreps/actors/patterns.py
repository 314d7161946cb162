"""EntityRuler patterns for the knowledge base's names (label ``ACTOR``, id = actor id).

The ruler matches on lower-cased tokens (``phrase_matcher_attr: LOWER``), so acronyms and
short names that are also English words ("IS", "MIT") get case-sensitive token patterns
(``ORTH``) instead. Context-only aliases ("protesters") are left to the actor stage.
"""

from __future__ import annotations

from typing import Any

from sitreps.actors.kb import get_kb
from sitreps.actors.normalise import is_acronym

LABEL = "ACTOR"
#: single words that must never be pre-tagged as actors
_SKIP = frozenset({"regime", "the regime", "army", "assad", "mob", "free army", "national army"})


def ruler_patterns() -> list[dict[str, Any]]:
    """Patterns for named actors, outlets and multi-word person names."""
    kb = get_kb()
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for rec in kb.records():
        if rec.kind in ("civilians", "protesters", "rioters") and rec.country:
            continue  # generic social groups: resolved from noun phrases with context
        names = {rec.name, *rec.aliases}
        if rec.acled_name and ":" not in rec.acled_name and "(" not in rec.acled_name:
            names.add(rec.acled_name)
        for name in sorted(names):
            if is_acronym(name):
                key = (name, rec.id)
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": LABEL, "pattern": [{"ORTH": name}], "id": rec.id})
                continue
            low = name.lower()
            if low in _SKIP or len(low) < 4:
                continue
            if rec.kind == "person" and " " not in name.strip():
                continue
            key = (low, rec.id)
            if key in seen:
                continue
            seen.add(key)
            patterns.append({"label": LABEL, "pattern": name, "id": rec.id})
    return patterns
