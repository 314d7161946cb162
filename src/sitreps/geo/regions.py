"""Named regions (``sitreps/data/geo/regions.yaml``): loading and name variants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitreps.errors import DataError

_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash)[- ]", re.I)


@dataclass(frozen=True, slots=True)
class Region:
    id: str  # place id, "region:<slug>"
    name: str
    aliases: tuple[str, ...]
    country: str
    admin1: str
    covers: tuple[str, ...]
    lat: float
    lon: float
    precision: int
    ruler: bool
    source: str


def _read_yaml(name: str) -> Any:
    path = resources.files("sitreps") / "data" / "geo" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read packaged geo data {name}: {exc}") from exc


@lru_cache(maxsize=1)
def load_regions() -> tuple[Region, ...]:
    raw = _read_yaml("regions.yaml")
    out = []
    try:
        for r in raw["regions"]:
            out.append(
                Region(
                    id=f"region:{r['id']}",
                    name=str(r["name"]),
                    aliases=tuple(str(a) for a in r.get("aliases", ())),
                    country=str(r["country"]),
                    admin1=str(r["admin1"]),
                    covers=tuple(str(c) for c in r.get("covers", ())),
                    lat=float(r["lat"]),
                    lon=float(r["lon"]),
                    precision=int(r["precision"]),
                    ruler=bool(r.get("ruler", False)),
                    source=str(r["source"]),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"regions.yaml: malformed entry: {exc}") from exc
    return tuple(out)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym -> ISO3 (``syrian`` -> ``SYR``)."""
    raw = _read_yaml("names.yaml")
    return {d.lower(): iso3 for iso3, words in raw["demonyms"].items() for d in words}


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Lower-cased capitalised words that are not toponyms on their own."""
    return frozenset(str(w).lower() for w in _read_yaml("names.yaml").get("not_places", ()))


def spelling_variants(name: str) -> set[str]:
    """Article and ``-iya``/``-iyah``/``-ia`` variants of a region name."""
    forms = {name}
    bare = _ARTICLE_RE.sub("", name)
    if bare != name:
        forms.add(bare)
    elif " " not in name:
        forms.update({f"al-{name}", f"Al {name}"})
    out = set()
    for f in forms:
        out.add(f)
        for a, b in (("iyah", "iya"), ("iya", "iyah"), ("iyah", "ia"), ("iya", "ia")):
            if re.search(a + r"\b", f):
                out.add(re.sub(a + r"\b", b, f))
    return out
