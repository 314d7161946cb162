"""The quality gate: pinned score floors for fast development subsets of the gold sets.

``tests/quality_floors.json`` lists subsets; each names a gold set, a gold path relative to
the shared data folder, the SHA-256 of that gold file (or folder), the options that define the
subset, and for each tracked metric a floor and a noise margin. A run fails a metric when
``score < floor - margin``; a changed gold file is an error, never a silent rescoring.

Floors move only through :func:`update_floors`: it re-measures and raises a floor to the new
score rounded down to two decimals; it lowers one only with ``allow_lower`` (and the change
then needs a CHANGELOG line).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.acled import AcledFilter, evaluate_acled
from sitreps.evaluate.attribution import evaluate_attribution
from sitreps.evaluate.geoparse import evaluate_geoparse
from sitreps.evaluate.plover import evaluate_plover
from sitreps.evaluate.re3d import evaluate_re3d
from sitreps.evaluate.results import EvalResult

#: Noise margin used when a floor does not state its own.
DEFAULT_MARGIN = 0.02

#: ``tests/quality_floors.json`` of a source checkout.
DEFAULT_FLOORS_FILE = Path(__file__).resolve().parents[3] / "tests" / "quality_floors.json"


def shared_data_dir() -> Path | None:
    """The gold data folder of the ``shared_data`` setting (``SITREPS_SHARED_DATA``), if it
    exists. The package never guesses a location: the gold sets are the user's, not its own."""
    from sitreps.settings import get_settings

    configured = get_settings().shared_data
    return configured if configured is not None and configured.is_dir() else None


@dataclass(frozen=True, slots=True)
class Floor:
    metric: str
    floor: float
    margin: float


@dataclass(frozen=True, slots=True)
class Subset:
    name: str
    set_name: str
    gold: str  # relative to the shared data folder
    sha256: str
    options: dict[str, Any]
    description: str
    floors: tuple[Floor, ...]


@dataclass(frozen=True, slots=True)
class FloorCheck:
    subset: str
    metric: str
    value: float | None
    floor: float
    margin: float

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value >= self.floor - self.margin - 1e-12


@dataclass(frozen=True, slots=True)
class FloorChange:
    subset: str
    metric: str
    old: float
    new: float
    measured: float | None
    action: str  # raised | lowered | kept | below (kept: lowering needs the flag)


def _run_acled(path: Path, o: Mapping[str, Any]) -> EvalResult:
    return evaluate_acled(
        path,
        AcledFilter(
            country=o.get("country"),
            region=o.get("region"),
            limit=o.get("limit"),
            sample=o.get("sample"),
            seed=int(o.get("seed", 0)),
            half=o.get("half", "all"),
        ),
    )


RUNNERS: dict[str, Callable[[Path, Mapping[str, Any]], EvalResult]] = {
    "acled": _run_acled,
    "re3d": lambda p, o: evaluate_re3d(p, limit=o.get("limit")),
    "plover": lambda p, o: evaluate_plover(p, limit=o.get("limit")),
    "geoparse": lambda p, o: evaluate_geoparse(p, limit=o.get("limit")),
    "attribution": lambda p, o: evaluate_attribution(
        p, split=o.get("split", "test"), limit=o.get("limit")
    ),
}

#: Files that make up the gold of a folder-shaped set (for its SHA-256).
FOLDER_PATTERNS: dict[str, tuple[str, ...]] = {
    "re3d": ("documents.json", "entities.json", "relations.json"),
    "attribution": ("*.txt", "*.ann"),
}


def load_floors(path: Path = DEFAULT_FLOORS_FILE) -> tuple[Subset, ...]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read floors file {path}: {exc}") from exc
    subsets = []
    for s in raw.get("subsets", []):
        if s.get("set") not in RUNNERS:
            raise EvaluationError(
                f"{path}: subset {s.get('name')!r} has unknown set {s.get('set')!r}"
            )
        floors = []
        for metric, spec in s.get("floors", {}).items():
            if metric.endswith(("_km", "_mae")):
                raise EvaluationError(
                    f"{path}: {metric} is lower-is-better; floors need higher-is-better metrics"
                )
            floors.append(
                Floor(metric, float(spec["floor"]), float(spec.get("margin", DEFAULT_MARGIN)))
            )
        subsets.append(
            Subset(
                name=s["name"],
                set_name=s["set"],
                gold=s["gold"],
                sha256=s.get("sha256", ""),
                options=dict(s.get("options", {})),
                description=s.get("description", ""),
                floors=tuple(floors),
            )
        )
    return tuple(subsets)


def gold_sha256(subset: Subset, data_dir: Path) -> str:
    path = data_dir / subset.gold
    if not path.exists():
        raise EvaluationError(f"gold for {subset.name} not found: {path}")
    if subset.set_name == "attribution" and (path / subset.options.get("split", "test")).is_dir():
        path = path / subset.options.get("split", "test")
    return m.sha256_path(path, FOLDER_PATTERNS.get(subset.set_name, ("*",)))


def verify_gold(subset: Subset, data_dir: Path) -> None:
    """Raise when the gold file's SHA-256 differs from the one pinned with the floors."""
    actual = gold_sha256(subset, data_dir)
    if actual != subset.sha256:
        raise EvaluationError(
            f"gold for {subset.name} changed: {subset.gold} has SHA-256 {actual}, floors were "
            f"measured on {subset.sha256 or '(none recorded)'}; re-measure with "
            f"'sitreps evaluate floors update --accept-gold-change' and say why in the CHANGELOG"
        )


def run_subset(subset: Subset, data_dir: Path) -> EvalResult:
    return RUNNERS[subset.set_name](data_dir / subset.gold, subset.options)


def check_subset(subset: Subset, result: EvalResult) -> tuple[FloorCheck, ...]:
    metrics = result.scores.metrics
    return tuple(
        FloorCheck(subset.name, f.metric, metrics.get(f.metric), f.floor, f.margin)
        for f in subset.floors
    )


def round_down(value: float) -> float:
    """A measured score as a floor: rounded down to two decimals."""
    return math.floor(value * 100 + 1e-9) / 100


def new_floors(
    subset: Subset, result: EvalResult, allow_lower: bool = False
) -> tuple[FloorChange, ...]:
    """What :func:`update_floors` does to each floor of ``subset`` given a fresh result."""
    changes = []
    for f in subset.floors:
        value = result.scores.metrics.get(f.metric)
        if value is None:
            changes.append(FloorChange(subset.name, f.metric, f.floor, f.floor, None, "kept"))
            continue
        cand = round_down(value)
        if cand > f.floor:
            action = "raised"
        elif cand < f.floor:
            action = "lowered" if allow_lower else "below"
        else:
            action = "kept"
        new = cand if action in ("raised", "lowered") else f.floor
        changes.append(FloorChange(subset.name, f.metric, f.floor, new, value, action))
    return tuple(changes)


def update_floors(
    path: Path,
    data_dir: Path,
    allow_lower: bool = False,
    accept_gold_change: bool = False,
    only: str | None = None,
) -> tuple[FloorChange, ...]:
    """Re-measure every subset (or ``only`` one) and write raised (or lowered) floors."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    subsets = {s.name: s for s in load_floors(path)}
    all_changes: list[FloorChange] = []
    for entry in raw.get("subsets", []):
        subset = subsets[entry["name"]]
        if only and subset.name != only:
            continue
        if not accept_gold_change:
            verify_gold(subset, data_dir)
        result = run_subset(subset, data_dir)
        changes = new_floors(subset, result, allow_lower)
        all_changes.extend(changes)
        entry["sha256"] = gold_sha256(subset, data_dir)
        entry["measured"] = {
            c.metric: None if c.measured is None else round(c.measured, 4) for c in changes
        }
        entry["elapsed_seconds"] = round(result.elapsed_seconds, 1)
        for c in changes:
            entry["floors"][c.metric]["floor"] = c.new
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return tuple(all_changes)
