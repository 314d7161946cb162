"""Actor resolver throughput, and the calibration of its fuzzy threshold.

Usage::

    python bench/bench_resolver.py [--n 20000] [--calibrate]

Mentions: every alias of the knowledge base (as written), the same lower-cased and with
spelling slips (a letter dropped, doubled, swapped or a vowel changed), generic names with a
country ("government forces" in Iraq) and names that are in no record. Prints mentions per
second for ``KnowledgeBase.resolve`` (normalisation caches cleared before the run) and for a
plain exact ``dict`` look-up of the lower-cased name on the same mentions, and the ratio.

``--calibrate`` scores the fuzzy level alone at thresholds 80-98: recall on spelling slips
of names (the right actor found) and false matches on made-up names built from the words of
two different actors' names (which must resolve to nothing).
"""

from __future__ import annotations

import argparse
import random
import time

from sitreps.actors import normalise
from sitreps.actors.kb import KnowledgeBase, load_kb

VOWELS = "aeiou"


def slip(name: str, rng: random.Random) -> str:
    """One spelling slip inside a word of ``name``."""
    i = rng.randrange(1, len(name) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        return name[:i] + name[i + 1 :]
    if kind == 1:
        return name[:i] + name[i] + name[i:]
    if kind == 2:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if name[i] in VOWELS:
        return name[:i] + rng.choice([v for v in VOWELS if v != name[i]]) + name[i + 1 :]
    return name[:i] + name[i + 1 :]


def named_aliases(kb: KnowledgeBase) -> list[tuple[str, str]]:
    out = []
    for rec in kb.records():
        for alias in (rec.name, *rec.aliases):
            if alias.isascii() and len(alias) >= 10 and " " in alias and "{" not in alias:
                out.append((alias, rec.id))
    return out


def mentions(kb: KnowledgeBase, n: int, rng: random.Random) -> list[tuple[str, str | None]]:
    pairs = named_aliases(kb)
    generic = [(a, r.country) for r in kb.records() for a in r.context_aliases if r.country]
    unknown = [
        "Liwa Nour al-Fajr", "Free Men of the Valley", "Eastern Shield Battalion",
        "Jaysh al-Karama al-Jadid", "People's Defence Council", "Sons of the Desert",
    ]  # fmt: skip
    out: list[tuple[str, str | None]] = []
    while len(out) < n:
        r = rng.random()
        if r < 0.4:
            out.append((rng.choice(pairs)[0], None))
        elif r < 0.55:
            out.append((rng.choice(pairs)[0].lower(), None))
        elif r < 0.7:
            out.append((slip(rng.choice(pairs)[0], rng), None))
        elif r < 0.9:
            out.append(rng.choice(generic))
        else:
            out.append((rng.choice(unknown), None))
    return out


def throughput(kb: KnowledgeBase, n: int) -> None:
    rng = random.Random(7)
    items = mentions(kb, n, rng)
    for fn in (normalise.exact_key, normalise.norm_key, normalise.skeleton_key):
        fn.cache_clear()
    t0 = time.perf_counter()
    resolved = sum(kb.resolve(name, country) is not None for name, country in items)
    t_kb = time.perf_counter() - t0
    table = {a.lower(): r.id for r in kb.records() for a in (r.name, r.acled_name, *r.aliases)}
    t0 = time.perf_counter()
    exact = sum(table.get(name.lower()) is not None for name, _ in items)
    t_dict = time.perf_counter() - t0
    print(f"mentions: {len(items)} ({len(kb)} actors in the knowledge base)")
    print(
        f"resolver:   {len(items) / t_kb:12,.0f} mentions/s  resolved {resolved / len(items):.1%}"
    )
    print(f"exact dict: {len(items) / t_dict:12,.0f} mentions/s  resolved {exact / len(items):.1%}")
    print(f"resolver speed / exact dict speed: {t_dict / t_kb:.4f}")


def calibrate(kb: KnowledgeBase) -> None:
    rng = random.Random(11)
    pairs = named_aliases(kb)
    positives = []
    for alias, actor_id in rng.sample(pairs, min(1500, len(pairs))):
        s = slip(alias, rng)
        if normalise.norm_key(s) != normalise.norm_key(alias):
            positives.append((s, actor_id))
    negatives = []
    for _ in range(1500):
        (a, ia), (b, ib) = rng.sample(pairs, 2)
        wa, wb = a.split(), b.split()
        made = " ".join(wa[: max(1, len(wa) // 2)] + wb[len(wb) // 2 :])
        if ia != ib and kb.resolver.norm.get(normalise.norm_key(made)) is None:
            negatives.append(made)
    print(f"{len(positives)} slips of known names, {len(negatives)} made-up names")
    print("threshold  slip-recall  slip-wrong  made-up-matched")
    resolver = kb.resolver
    for t in (80, 84, 86, 88, 90, 92, 94, 96, 98):
        resolver.threshold = float(t)
        right = wrong = 0
        for name, actor_id in positives:
            res = resolver._fuzzy(normalise.norm_key(name), None, None)
            if res is None:
                continue
            ok = res.actor_id == actor_id or actor_id in kb.parents(res.actor_id)
            same_alias = name in kb.get(res.actor_id).aliases
            right += ok or same_alias
            wrong += not (ok or same_alias)
        false = sum(
            resolver._fuzzy(normalise.norm_key(m), None, None) is not None for m in negatives
        )
        print(
            f"{t:9}  {right / len(positives):11.3f}  {wrong / len(positives):10.3f}"
            f"  {false / len(negatives):15.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    kb = load_kb()
    throughput(kb, args.n)
    if args.calibrate:
        calibrate(kb)


if __name__ == "__main__":
    main()
