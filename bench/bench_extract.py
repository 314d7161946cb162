"""Extraction speed: the full sitreps pipeline against the bare spaCy pipeline on the same texts.

Usage::

    python bench/bench_extract.py [--acled N] [--repeat R]

Texts: the bundled sample reports, plus N notes of the ACLED sample when the gold data folder
(``../shared/data`` or ``$SITREPS_SHARED_DATA``) is present. Prints seconds per report for the
bare spaCy model (``spacy.load`` of the configured model, ``nlp.pipe``) and for
``sitreps.pipeline.extract_many`` (domain entity ruler, actors, places, quantities, claims,
events, relations), and the speed ratio bare/full (1.0 = as fast as bare spaCy; the goal is
at least 0.7). Models are loaded and warmed up before timing. The ratio of process CPU times
is printed too: on a machine that other jobs share it varies much less than wall time.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from importlib.resources import files
from pathlib import Path

import spacy

from sitreps.models import Report
from sitreps.nlp import get_nlp
from sitreps.pipeline import extract_many
from sitreps.settings import get_settings

REPO = Path(__file__).resolve().parents[1]


def _shared_data() -> Path | None:
    env = os.environ.get("SITREPS_SHARED_DATA")
    for c in ([Path(env)] if env else []) + [REPO.parent / "shared" / "data"]:
        if c.is_dir():
            return c
    return None


def load_texts(acled: int) -> list[str]:
    texts: list[str] = []
    samples = files("sitreps.data").joinpath("samples")
    for entry in samples.iterdir():
        if entry.name.endswith(".txt"):
            texts.append(entry.read_text(encoding="utf-8"))
    data = _shared_data()
    if data is not None and acled > 0:
        with (data / "acled-2022-sample" / "events.csv").open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                if n >= acled:
                    break
                texts.append(row["notes"])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=int, default=300, help="ACLED notes to add")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs (best is kept)")
    args = parser.parse_args()
    texts = load_texts(args.acled)
    reports = [Report(id=f"b{i}", text=t) for i, t in enumerate(texts)]
    bare = spacy.load(get_settings().spacy_model)
    get_nlp()
    list(bare.pipe(texts[:5]))
    list(extract_many(reports[:5]))

    bare_best = full_best = bare_cpu = full_cpu = float("inf")
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        bare_best = min(bare_best, time.perf_counter() - t0)
        bare_cpu = min(bare_cpu, time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = sum(len(x.events) for x in extract_many(reports, batch_size=16))
        full_best = min(full_best, time.perf_counter() - t0)
        full_cpu = min(full_cpu, time.process_time() - c0)
    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"reports: {n}  characters: {chars}  events: {n_events}")
    print(f"bare spaCy:      {1000 * bare_best / n:8.2f} ms/report  ({bare_best:.2f} s)")
    print(f"full pipeline:   {1000 * full_best / n:8.2f} ms/report  ({full_best:.2f} s)")
    print(f"speed ratio (bare time / full time): {bare_best / full_best:.2f}  (goal >= 0.70)")
    print(
        f"CPU time: bare {1000 * bare_cpu / n:.2f}, full {1000 * full_cpu / n:.2f} ms/report;"
        f" ratio {bare_cpu / full_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
