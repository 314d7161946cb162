"""Build the labelled fusion set (reports.jsonl) from the UCDP GED 19.1 Syria extract.

Usage (from the repository root)::

    .venv/bin/python data/fusion/build_set.py [GED_EVENTS_CSV] > data/fusion/reports.jsonl

The GED file is looked up, when not given, under ``$SITREPS_SHARED_DATA`` or ``../shared/data``
next to the repository (``ucdp-ged-syria-19.1/events.csv``). Output is deterministic (fixed seed).
See README.md in this folder for what is drawn from GED and what is written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from math import cos, radians, sin
from pathlib import Path

SEED = 20190101
YEAR = "2017.0"
N_GROUPS = 16  # busiest (day, governorate) pairs: hard negatives share day and province
PER_GROUP = 5

# outlet -> the side whose statements it carries (None: independent monitor or agency)
OUTLETS = {
    "Reuters": None,
    "AFP": None,
    "Enab Baladi": None,
    "Syria Direct": None,
    "SOHR": None,
    "Deir ez-Zor 24": None,
    "SANA": "Government of Syria",
    "Hawar News": "SDF",
    "Amaq": "IS",
    "Ebaa": "Syrian insurgents",
}

REMOTE = re.compile(
    r"air|strike|shell|bomb|rocket|missile|barrel|explo|mine|IED|drone|raid|warplane", re.I
)

TEMPLATES = (
    "{outlet} reported that {a1} and {a2} fought near {place} in {admin1} on {day}; {killed}.",
    "{killed_cap} in {kind} involving {a1} near {place} ({admin1}), {outlet} said on {pub}.",
    "Sources told {outlet} that {kind} hit {place}, {admin1} governorate, on {day}; {killed}.",
    "{a1} said it struck {a2} positions around {place} on {day}, {killed}, according to {outlet}.",
    "Local activists in {admin1} reported {kind} in the {place} area on {day}. {killed_cap}.",
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ged_path(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    base = os.environ.get("SITREPS_SHARED_DATA")
    root = Path(base) if base else Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    return root / "ucdp-ged-syria-19.1" / "events.csv"


def event_type(row: dict[str, str]) -> tuple[str, str, str]:
    headline = row["source_headline"]
    if REMOTE.search(headline):
        sub = (
            "Air/drone strike"
            if re.search(r"air|warplane|drone", headline, re.I)
            else ("Shelling/artillery/missile attack")
        )
        return "Explosions/Remote violence", sub, "ASSAULT"
    if row["type_of_violence"] == "3.0":
        return "Violence against civilians", "Attack", "ASSAULT"
    return "Battles", "Armed clash", "FIGHT"


def killed_phrase(n: int | None) -> str:
    if n is None:
        return "casualties were reported"
    if n == 0:
        return "no deaths were reported"
    return f"{n} people killed" if n != 1 else "one person killed"


def main(argv: list[str]) -> None:
    rng = random.Random(SEED)
    rows = [r for r in csv.DictReader(ged_path(argv).open(encoding="utf-8"))]
    centroid: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        centroid[r["adm_1"]].append((float(r["latitude"]), float(r["longitude"])))
    usable = [
        r
        for r in rows
        if r["year"] == YEAR
        and float(r["where_prec"]) <= 3
        and r["adm_1"]
        and not re.fullmatch(r"R\d+", r["source_headline"])
    ]
    # one GED event per location and day: GED may record several events at one village on
    # one day for one dyad (one per source article); no report could tell those apart
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for r in sorted(usable, key=lambda r: r["id"]):
        if (r["date_start"], r["where_coordinates"]) in seen:
            continue
        seen.add((r["date_start"], r["where_coordinates"]))
        groups[(r["date_start"], r["adm_1"])].append(r)
    busiest = sorted(groups, key=lambda k: (-len(groups[k]), k))[:N_GROUPS]
    records: list[dict[str, object]] = []
    chosen = [r for k in busiest for r in sorted(groups[k], key=lambda r: r["id"])[:PER_GROUP]]
    for row in chosen:
        gold = "GED-" + row["id"].split(".")[0]
        etype, sub, plover = event_type(row)
        admin1 = row["adm_1"].replace(" Governorate", "")
        lat0, lon0 = float(row["latitude"]), float(row["longitude"])
        place_name = row["where_coordinates"].rsplit(" ", 1)[0]
        sides = (row["side_a"], row["side_b"])
        low, best, high = (int(float(row[k])) for k in ("low", "best", "high"))
        n_reports = rng.choice((1, 2, 2, 3, 3, 3, 4, 4))
        for k in range(n_reports):
            outlet = rng.choice(sorted(OUTLETS))
            partisan = OUTLETS[outlet] in sides
            day = date.fromisoformat(row["date_start"]) + timedelta(
                days=rng.choice((0, 0, 0, 0, 1, 1, 2))
            )
            pub = day + timedelta(days=rng.choice((0, 1)))
            roll = rng.random()
            if roll < 0.6:
                place = {
                    "id": slug(place_name),
                    "name": place_name,
                    "lat": lat0,
                    "lon": lon0,
                    "precision": 1,
                }
            elif roll < 0.85:
                km = rng.uniform(3, 12)
                angle = rng.uniform(0, 6.283)
                dlat = km * sin(angle) / 111.0
                dlon = km * cos(angle) / (111.0 * cos(radians(lat0)))
                area = f"{place_name} outskirts"
                lat, lon = round(lat0 + dlat, 5), round(lon0 + dlon, 5)
                place = {
                    "id": f"{slug(area)}-{lat:.3f}-{lon:.3f}",
                    "name": area,
                    "lat": lat,
                    "lon": lon,
                    "precision": 2,
                }
            else:
                pts = centroid[row["adm_1"]]
                place = {
                    "id": slug(row["adm_1"]),
                    "name": row["adm_1"],
                    "lat": round(sum(p[0] for p in pts) / len(pts), 5),
                    "lon": round(sum(p[1] for p in pts) / len(pts), 5),
                    "precision": 3,
                }
            place["admin1"] = admin1
            place["admin2"] = row["adm_2"].replace(" district", "")
            a1, a2 = slug(sides[0]), slug(sides[1])
            if rng.random() < 0.2:
                a2 = None
            this_type, this_sub = etype, sub
            if etype == "Battles" and rng.random() < 0.15:
                this_type, this_sub = (
                    "Explosions/Remote violence",
                    "Shelling/artillery/missile attack",
                )
            if rng.random() < 0.15:
                killed = None
            elif partisan:
                killed = max(best, 1) * rng.choice((2, 3))
            else:
                killed = rng.choice((low, best, best, high))
            kind = {
                "Battles": "clashes",
                "Violence against civilians": "an attack on civilians",
            }.get(this_type, "strikes")
            text = rng.choice(TEMPLATES).format(
                outlet=outlet,
                a1=sides[0],
                a2=sides[1] if a2 else "other fighters",
                place=place["name"],
                admin1=admin1,
                day=day.strftime("%d %B %Y"),
                pub=pub.strftime("%d %B"),
                kind=kind,
                killed=killed_phrase(killed),
                killed_cap=killed_phrase(killed)[0].upper() + killed_phrase(killed)[1:],
            )
            rid = "f" + hashlib.sha1(f"{gold}/{k}/{text}".encode()).hexdigest()[:15]
            record = {
                "report_id": rid,
                "gold": gold,
                "outlet": outlet,
                "partisan": partisan,
                "published": pub.isoformat(),
                "text": text,
                "ged_headline": row["source_headline"],
                "event": {
                    "event_type": this_type,
                    "sub_event_type": this_sub,
                    "plover": plover,
                    "actor1": a1,
                    "actor2": a2,
                    "place": place,
                    "date": day.isoformat(),
                    "fatalities": None
                    if killed is None
                    else {"best": killed, "low": killed, "high": killed},
                },
            }
            records.append(record)
    rng.shuffle(records)  # reports arrive interleaved, roughly by publication date
    records.sort(key=lambda r: str(r["published"]))
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
