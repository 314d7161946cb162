"""Note-level ACLED fatality exact match of the quantity stage (development measure).

Every quantity of an ACLED note is treated as one event: ``acled_fatalities(find_quantities(
parse(note)))`` against the gold ``fatalities`` (None compared as 0, ACLED's value for "no
reported deaths"). ``sitreps evaluate acled`` is the project's measure; this one isolates the
quantity stage from event detection and attachment.

    python bench/quantities_acled.py build     # BUILD half (sha1 0-7), outside the Middle East
    python bench/quantities_acled.py heldout   # Middle East rows (held out: run once, at the end)

The data folder is ``$SITREPS_SHARED_DATA`` or ``../shared/data`` beside the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
from datetime import date
from pathlib import Path

from sitreps.extract.fatalities import acled_fatalities
from sitreps.extract.quantities import find_quantities
from sitreps.models import Report
from sitreps.nlp import parse_many


def data_dir() -> Path:
    env = os.environ.get("SITREPS_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    return path / "acled-2022-sample" / "events.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", choices=("build", "heldout"))
    args = ap.parse_args()
    path = data_dir()
    if not path.exists():
        print(f"no ACLED sample at {path}", file=sys.stderr)
        return 1
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    if args.split == "build":
        rows = [
            r
            for r in rows
            if hashlib.sha1(r["event_id_cnty"].encode()).hexdigest()[0] in "01234567"
            and r["region"] != "Middle East"
        ]
    else:
        rows = [r for r in rows if r["region"] == "Middle East"]
    reports = [
        Report(
            id=r["event_id_cnty"], text=r["notes"], published=date.fromisoformat(r["event_date"])
        )
        for r in rows
    ]
    exact = nonzero = nonzero_exact = 0
    for row, parsed in zip(rows, parse_many(reports), strict=True):
        gold = int(float(row["fatalities"] or 0))
        got = acled_fatalities(find_quantities(parsed))
        pred = got.best if got is not None and got.best is not None else 0
        exact += pred == gold
        if gold > 0:
            nonzero += 1
            nonzero_exact += pred == gold
    n = len(rows)
    print(f"{args.split}: notes={n} fatalities_exact={exact / n:.4f} ({exact}/{n})")
    print(f"{args.split}: gold>0 notes={nonzero} exact={nonzero_exact / max(nonzero, 1):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
