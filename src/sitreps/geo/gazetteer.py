"""The packaged gazetteer: a read-only SQLite table of places and their folded names.

The file ``sitreps/data/geo/gazetteer.sqlite`` is built by ``scripts/build_gazetteer.py`` from
GeoNames (cities500 and admin codes), OCHA p-code names, the UCDP GED Syria places and the named
regions of ``regions.yaml``. It is opened read-only (``immutable``), one connection per thread
and process, so a :class:`Gazetteer` may be shared freely.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitreps.errors import DataError, NotFoundError
from sitreps.geo.fold import fold, skeleton
from sitreps.models import Place, Span

FEATURES = ("country", "admin1", "admin2", "region", "city", "village", "site")
SOURCES = ("geonames", "geonames+ucdp", "ucdp", "admin", "region", "acled")
_FEATURE_BONUS = {"country": 4.0, "admin1": 0.5, "region": 6.0, "admin2": 0.8}
_COLUMNS = "id, pid, name, lat, lon, country, a1, a2, feature, pop, prec, src, extra"


_MEMO_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One gazetteer entry."""

    id: str  # gn:<geonameid>, ucdp:<slug>, adm1:SY.07, adm2:SY0902, region:<id>, country:SYR
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    admin1: str | None  # ACLED-style name
    admin2: str | None
    feature: str
    population: int
    geo_precision: int
    source: str
    admin1_code: str | None = None  # GeoNames admin1 code, e.g. "SY.07"
    admin2_code: str | None = None  # OCHA p-code
    covers: tuple[str, ...] = ()  # admin1 names a region spans
    note: str = ""  # provenance of a region
    match: str = "name"  # how a search matched: "name" (folded key) or "skeleton"
    capital: bool = False  # a national capital

    @property
    def importance(self) -> float:
        """Prior weight: log population plus a bonus for larger units."""
        pop = self.population or (1000 if self.source.endswith(("ucdp", "acled")) else 0)
        bonus = 2.0 if self.capital else 0.0
        return math.log10(pop + 1) + _FEATURE_BONUS.get(self.feature, 0.0) + bonus

    def to_place(self, mentions: tuple[Span, ...] = ()) -> Place:
        source = "geonames" if self.source.startswith("geonames") else self.source
        return Place(
            id=self.id,
            name=self.name,
            lat=self.lat,
            lon=self.lon,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            feature=self.feature,
            mentions=mentions,
            geo_precision=self.geo_precision,
            source=source,
        )


def default_path() -> Path:
    return Path(str(resources.files("sitreps") / "data" / "geo" / "gazetteer.sqlite"))


class Gazetteer:
    """Look-ups in the packaged gazetteer (thread and process safe, read-only)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        if not self.path.is_file():
            raise DataError(f"gazetteer file missing: {self.path.name}; rebuild the package data")
        self._local = threading.local()
        self._admin_names: dict[str, str] = {}
        #: look-up results per (key, country, skeleton fallback); the file is read-only
        self._memo: dict[tuple[str, str | None, bool], tuple[PlaceRecord, ...]] = {}
        self._has_memo: dict[tuple[str, str], bool] = {}
        conn = self._conn()
        try:
            self._admin_names = dict(conn.execute("SELECT code, name FROM admins"))
        except sqlite3.Error as exc:
            raise DataError(f"gazetteer file unreadable: {exc}") from exc

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
            try:
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                raise DataError(f"cannot open gazetteer: {exc}") from exc
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    # --- records ---------------------------------------------------------------------------

    def _record(self, row: tuple[object, ...], match: str = "name") -> PlaceRecord:
        rid, pid, name, lat, lon, country, a1, a2, feat, pop, prec, src, extra = row
        extra_d = json.loads(str(extra)) if extra else {}
        a1s = str(a1) if a1 else None
        a2s = str(a2) if a2 else None
        admin2 = self._admin_names.get(a2s) if a2s else None
        if admin2 is None and extra_d.get("admin2_name"):
            admin2 = str(extra_d["admin2_name"])
        lat_v = None if lat is None else int(str(lat)) / 1e4
        lon_v = None if lon is None else int(str(lon)) / 1e4
        if lat_v is None and FEATURES[int(str(feat))] == "admin2" and a1s:
            lat_v, lon_v = self._unit_point(str(name), a1s)
        return PlaceRecord(
            id=str(pid) if pid else f"gn:{rid}",
            name=str(name),
            lat=lat_v,
            lon=lon_v,
            country=str(country) if country else None,
            admin1=self._admin_names.get(a1s) if a1s else None,
            admin2=admin2,
            feature=FEATURES[int(str(feat))],
            population=int(str(pop)),
            geo_precision=int(str(prec)),
            source=SOURCES[int(str(src))],
            admin1_code=a1s,
            admin2_code=a2s,
            covers=tuple(extra_d.get("covers", ())),
            note=str(extra_d.get("source", "")),
            match=match,
            capital=bool(extra_d.get("capital", False)),
        )

    def _unit_point(self, name: str, a1: str) -> tuple[float | None, float | None]:
        """A point for an admin2 unit the build left without one: the most populous town of
        its admin1 that bears its name (districts are mostly named after their seat), else the
        admin1 unit's own point."""
        key = fold(name)
        conn = self._conn()
        row = conn.execute(
            "SELECT lat, lon FROM places WHERE a1 = ? AND feature >= 4 AND lat IS NOT NULL"
            " AND id IN (SELECT place FROM names WHERE key = ?) ORDER BY pop DESC LIMIT 1",
            (a1, key),
        ).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT lat, lon FROM places WHERE pid = ? AND lat IS NOT NULL", (f"adm1:{a1}",)
            ).fetchone()
        if row is None:
            return None, None
        return int(str(row[0])) / 1e4, int(str(row[1])) / 1e4

    def get(self, place_id: str) -> PlaceRecord:
        """The record with id ``place_id`` (``NotFoundError`` when there is none)."""
        conn = self._conn()
        if place_id.startswith("gn:") and place_id[3:].isdigit():
            row = conn.execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (int(place_id[3:]),))
        else:
            row = conn.execute(f"SELECT {_COLUMNS} FROM places WHERE pid = ?", (place_id,))
        found = row.fetchone()
        if found is None:
            raise NotFoundError(f"no place with id {place_id!r}")
        return self._record(found)

    def admin1_name(self, code: str) -> str | None:
        return self._admin_names.get(code)

    def admin1(self, code: str) -> PlaceRecord | None:
        """The admin1 unit with GeoNames code ``code`` (``SY.07``)."""
        try:
            return self.get(f"adm1:{code}")
        except NotFoundError:
            return None

    def country(self, iso3: str) -> PlaceRecord | None:
        try:
            return self.get(f"country:{iso3}")
        except NotFoundError:
            return None

    # --- name look-ups ---------------------------------------------------------------------

    def has_name(self, name: str) -> bool:
        """True when some place has the folded name of ``name``."""
        key = fold(name)
        if not key:
            return False
        return self._has("names", key)

    def has_skeleton(self, name: str) -> bool:
        """True when some place has the consonant skeleton of ``name`` (3+ consonants)."""
        skel = skeleton(name)
        if len(skel) < 3:
            return False
        return self._has("skels", skel)

    def _has(self, table: str, key: str) -> bool:
        memo_key = (table, key)
        known = self._has_memo.get(memo_key)
        if known is None:
            sql = f"SELECT 1 FROM {table} WHERE key = ? LIMIT 1"  # table: one of two constants
            known = self._conn().execute(sql, (key,)).fetchone() is not None
            if len(self._has_memo) >= _MEMO_SIZE:
                self._has_memo.clear()
            self._has_memo[memo_key] = known
        return known

    def lookup(
        self, name: str, country: str | None = None, skeleton_fallback: bool = True
    ) -> list[PlaceRecord]:
        """Every place named ``name`` (folded key; skeleton key too when asked), unordered."""
        key = fold(name)
        if not key:
            return []
        memo_key = (name, country, skeleton_fallback)
        cached = self._memo.get(memo_key)
        if cached is not None:
            return list(cached)
        out = self._lookup(name, key, country, skeleton_fallback)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[memo_key] = tuple(out)
        return out

    def clear_cache(self) -> None:
        """Forget memoised look-ups (benchmarks measure first look-ups with it)."""
        self._memo.clear()
        self._has_memo.clear()

    def _lookup(
        self, name: str, key: str, country: str | None, skeleton_fallback: bool
    ) -> list[PlaceRecord]:
        conn = self._conn()
        sql = f"SELECT {_COLUMNS} FROM places WHERE id IN (SELECT place FROM {{t}} WHERE key = ?)"
        args: tuple[str, ...] = (key,)
        if country:
            sql += " AND country = ?"
            args = (key, country)
        out = [self._record(r, "name") for r in conn.execute(sql.format(t="names"), args)]
        if skeleton_fallback:
            skel = skeleton(name)
            if len(skel) >= 3:
                seen = {r.id for r in out}
                sargs = (skel, *args[1:])
                for r in conn.execute(sql.format(t="skels"), sargs):
                    rec = self._record(r, "skeleton")
                    if rec.id not in seen:
                        out.append(rec)
        return out

    def search(self, name: str, country: str | None = None, limit: int = 10) -> list[PlaceRecord]:
        """Places named ``name``: folded-name matches first, then by importance."""
        recs = self.lookup(name, country)
        recs.sort(key=lambda r: (r.match != "name", -r.importance, r.id))
        return recs[: max(0, limit)]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the ``gazetteer`` setting's file, else the packaged one."""
    from sitreps.settings import get_settings

    return Gazetteer(get_settings().gazetteer)
