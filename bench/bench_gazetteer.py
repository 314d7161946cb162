"""Gazetteer benchmark: load time and look-ups per second.

Measures, in one process:

* the time to open the packaged gazetteer (``Gazetteer()``: file check, connection, admin names);
* ``Gazetteer.search`` look-ups per second over a fixed list of names (hits, transliteration
  variants and misses);
* ``Gazetteer.has_name`` (the check the toponym stage makes for every capitalised run);
* a plain ``dict`` look-up of the same folded names, as a baseline in the same run, and the
  ratio of the two.

Usage: ``python bench/bench_gazetteer.py [--rounds N]``; prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

from sitreps.geo.fold import fold
from sitreps.geo.gazetteer import Gazetteer

NAMES = (
    "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Raqqa", "Ar Raqqah", "al-Raqqa", "Aleppo",
    "Idlib", "Homs", "Hama", "Palmyra", "Abu Kamal", "Mayadin", "Manbij", "Qamishli", "Afrin",
    "Mosul", "Kirkuk", "Baghdad", "Erbil", "Amman", "Beirut", "Sanaa", "Taizz", "Marib",
    "Jordan", "Syria", "Iraq", "Turkey", "London", "Paris", "Springfield", "Alexandria",
    "Syrian Badiya", "Eastern Ghouta", "Teir Maaleh", "Tal Tamer", "Xyzzyville", "Notaplace",
    "Kafr Nabl",
)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()

    t0 = time.perf_counter()
    gaz = Gazetteer()
    load_s = time.perf_counter() - t0

    gaz.search("warm-up")
    n = 0
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        gaz.clear_cache()  # first look-ups: every search goes to the database
        for name in NAMES:
            gaz.search(name, limit=10)
            n += 1
    search_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for name in NAMES:  # repeated names, as in a corpus: answered from the memo
            gaz.search(name, limit=10)
    memo_ps = n / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    m = 0
    for _ in range(args.rounds * 10):
        for name in NAMES:
            gaz.has_name(name)
            m += 1
    has_s = time.perf_counter() - t0

    table = {fold(name): [name] for name in NAMES[:30]}
    t0 = time.perf_counter()
    k = 0
    for _ in range(args.rounds * 10):
        for name in NAMES:
            table.get(fold(name))
            k += 1
    dict_s = time.perf_counter() - t0

    search_ps = n / search_s
    has_ps = m / has_s
    dict_ps = k / dict_s
    print(
        json.dumps(
            {
                "load_seconds": round(load_s, 4),
                "search_per_second": round(search_ps),
                "repeated_search_per_second": round(memo_ps),
                "has_name_per_second": round(has_ps),
                "dict_lookup_per_second": round(dict_ps),
                "dict_over_search": round(dict_ps / search_ps, 1),
                "dict_over_has_name": round(dict_ps / has_ps, 1),
                "file_bytes": gaz.path.stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
