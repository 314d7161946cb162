"""EntityRuler patterns for the named regions that spaCy's NER misses.

Only the regions marked ``ruler: true`` in ``regions.yaml`` are included (a few hundred
phrases at most); the rest of the gazetteer is matched by :mod:`sitreps.geo.toponyms`.
"""

from __future__ import annotations

from typing import Any

from sitreps.geo.regions import load_regions, spelling_variants

LABEL = "PLACE"


def ruler_patterns() -> list[dict[str, Any]]:
    """Phrase patterns (label ``PLACE``, ``id`` = the region's place id)."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for region in load_regions():
        if not region.ruler:
            continue
        for name in (region.name, *region.aliases):
            for form in sorted(spelling_variants(name)):
                key = (form.lower(), region.id)
                if key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": LABEL, "pattern": form, "id": region.id})
    return patterns
