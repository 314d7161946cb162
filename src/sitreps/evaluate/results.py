"""The result of one evaluation run, its JSON form and its printed table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitreps import __version__
from sitreps.evaluate.metrics import Metrics


@dataclass(frozen=True, slots=True)
class Scores:
    """What a scorer returns: metrics over all items, counts, and optional breakdown rows."""

    metrics: Metrics
    counts: dict[str, int]
    breakdown: dict[str, Metrics] = field(default_factory=dict)
    breakdown_by: str = ""
    #: one record per scored item (gold against prediction), for error analysis; JSON only
    items: tuple[dict[str, Any], ...] = ()
    #: further set-specific analysis (confusions, scores by subset); JSON only
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvalResult:
    """A scored run of the pipeline on one gold set."""

    set_name: str
    gold_path: str
    gold_sha256: str
    config: dict[str, Any]
    scores: Scores
    elapsed_seconds: float
    version: str = __version__

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "sitreps_version": self.version,
            "gold": {"path": self.gold_path, "sha256": self.gold_sha256},
            "config": self.config,
            "elapsed_seconds": round(self.elapsed_seconds, 2),
            "counts": self.scores.counts,
            "metrics": self.scores.metrics,
            "breakdown_by": self.scores.breakdown_by or None,
            "breakdown": self.scores.breakdown,
            **self.scores.extra,
            "items": list(self.scores.items),
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n")


def fmt(value: float | None, name: str = "") -> str:
    if value is None:
        return "-"
    if name.endswith("_km") or name.endswith("_mae") or name.startswith("mean_"):
        return f"{value:.1f}"
    return f"{value:.3f}"


#: Breakdown columns shown in the printed table (all are kept in the JSON).
BREAKDOWN_COLUMNS = 6


def format_table(result: EvalResult) -> str:
    """One readable plain-text table: metrics, counts, then the breakdown rows."""
    s = result.scores
    lines = [
        f"sitreps evaluate {result.set_name}  (sitreps {result.version})",
        f"gold: {result.gold_path}  sha256 {result.gold_sha256[:12]}",
        "config: "
        + (
            ", ".join(
                f"{k}={v}" for k, v in result.config.items() if v is not None and k != "failures"
            )
            or "(defaults)"
        ),
        "",
    ]
    width = max([len(k) for k in s.metrics] + [len(k) for k in s.counts] + [10])
    lines.append(f"{'metric'.ljust(width)}  value")
    lines.append(f"{'-' * width}  -------")
    for k, n in s.counts.items():
        lines.append(f"{k.ljust(width)}  {n}")
    for k, v in s.metrics.items():
        lines.append(f"{k.ljust(width)}  {fmt(v, k)}")
    if s.breakdown:
        cols = list(next(iter(s.breakdown.values())).keys())[:BREAKDOWN_COLUMNS]
        key_w = max(len(s.breakdown_by), *(len(k) for k in s.breakdown))
        col_w = [max(len(c), 7) for c in cols]
        lines.append("")
        lines.append(
            s.breakdown_by.ljust(key_w)
            + "  "
            + "  ".join(c.rjust(w) for c, w in zip(cols, col_w, strict=True))
        )
        for key, row in s.breakdown.items():
            cells = [fmt(row.get(c), c) for c in cols]
            cells = [
                str(int(v)) if c == "n" and v is not None else cell
                for c, v, cell in zip(cols, (row.get(c) for c in cols), cells, strict=True)
            ]
            lines.append(
                key.ljust(key_w)
                + "  "
                + "  ".join(x.rjust(w) for x, w in zip(cells, col_w, strict=True))
            )
    lines.append("")
    lines.append(f"wall time: {result.elapsed_seconds:.1f} s")
    return "\n".join(lines)
