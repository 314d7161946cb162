"""Child process of the kill test: ingests a fixed stream of tiny reports into a store.

Usage: python kill_ingest_child.py DB_URL N_REPORTS. Prints ``ready`` once imports are done and
``extracted ID`` before each report is written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_factory import Ev, make_extraction

from sitreps.models import Extraction, Report, Skipped
from sitreps.store import open_store
from sitreps.store.ingest import ingest_reports

PLACES = ("aleppo", "anadan", "idlib", "deir", "palmyra")
SIDES = (("SYR-GOV", "FSA"), ("SDF", "ISIS"), ("RUS", "CIV"))


def extraction_for(i: int) -> Extraction:
    """Report i: one or two events; neighbours share incidents so that fusion merges some."""
    incident = i // 2
    a1, a2 = SIDES[incident % len(SIDES)]
    day = date(2017, 8, 1) + timedelta(days=incident % 4)
    events = [Ev(a1=a1, a2=a2, place=PLACES[incident % len(PLACES)], day=day, killed=i % 7)]
    if i % 3 == 0:
        events.append(
            Ev(
                etype="Explosions/Remote violence",
                sub="Air/drone strike",
                a1="RUS",
                a2="CIV",
                place="idlib",
                day=day,
                killed=i,
            )
        )
    return make_extraction(
        f"Report number {i} on incident {incident}.",
        events,
        outlet=f"Outlet {i % 4}",
        relations=((a1, a2, "fights"),),
    )


def items(n: int) -> Iterator[Report | Skipped]:
    for i in range(n):
        if i % 5 == 4:
            yield Skipped(f"bad-{i}.bin", "binary file", "binary")
        yield extraction_for(i).report


def extractor(reports: Iterable[Report]) -> Iterator[Extraction]:
    by_id = {extraction_for(i).report.id: i for i in range(200)}
    for r in reports:
        time.sleep(0.005)
        print("extracted", r.id, flush=True)  # the test kills at random points after these
        yield extraction_for(by_id[r.id])


def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    store = open_store(url)
    print("ready", flush=True)
    summary = ingest_reports(store, items(n), extractor=extractor)
    print(f"done {summary.added} {summary.already_present}", flush=True)


if __name__ == "__main__":
    main()
