"""Time to extract the founding interview with the model already loaded.

Prints the median wall time of the full pipeline and of the bare spaCy pipeline on the same
text (the baseline), and their ratio. Run: ``.venv/bin/python bench/bench_interview.py``.
"""

from __future__ import annotations

import statistics
import time
from importlib.resources import files

from sitreps.ingest.ids import report_id
from sitreps.models import Report
from sitreps.nlp import get_nlp, parse
from sitreps.pipeline import extract, extract_parsed

ROUNDS = 20


def _median(fn: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    path = files("sitreps") / "data" / "samples" / "deirezzor24-jaysh-assud-interview.txt"
    text = path.read_text(encoding="utf-8")
    report = Report(id=report_id(text), text=text)
    t0 = time.perf_counter()
    nlp = get_nlp()
    extract(report)  # loads the model and every knowledge table once
    warm = time.perf_counter() - t0
    bare = _median(lambda: nlp(text))
    full = _median(lambda: extract(report))
    parsed = parse(report)
    stages = _median(lambda: extract_parsed(parsed))
    print(f"first call (loads model and tables): {warm * 1000:8.1f} ms")
    print(f"bare spaCy pipeline (baseline):      {bare * 1000:8.1f} ms")
    print(f"sitreps extract (model loaded):      {full * 1000:8.1f} ms")
    print(f"  of which stages after parsing:     {stages * 1000:8.1f} ms")
    print(f"speed ratio sitreps/bare spaCy:      {bare / full:8.2f}x")


if __name__ == "__main__":
    main()
