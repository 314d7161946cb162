"""Helpers of ``scripts/build_gazetteer.py`` and the packaged table against its sources."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sitreps.geo.gazetteer import get_gazetteer

REPO = Path(__file__).resolve().parents[2]


def _build_module() -> ModuleType:
    path = REPO / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", mod)
    spec.loader.exec_module(mod)
    return mod


def test_box_mid_ignores_outliers() -> None:
    b = _build_module()
    pts = [(10.0 + i * 0.01, 20.0 + i * 0.01) for i in range(100)] + [(80.0, 170.0)]
    lat, lon = b.box_mid(pts)
    assert 10.0 < lat < 11.0 and 20.0 < lon < 21.0
    assert b.box_mid([]) is None


def test_extent_mid_is_the_middle_of_the_extent_not_of_the_crowd() -> None:
    b = _build_module()
    # most towns crowd the south-east corner of a unit that reaches far north-west
    crowd = [(-27.0 + i * 0.001, 153.0 - i * 0.001) for i in range(200)]
    spread = [(-11.0 - i * 0.4, 138.0 + i * 0.375) for i in range(41)]
    lat, lon = b.extent_mid(crowd + spread)
    assert abs(lat - -19.0) < 0.3 and abs(lon - 145.5) < 0.3
    assert abs(b.box_mid(crowd + spread)[0] - -19.0) > 2.0  # the trimmed middle leans south
    # a far island (or a misplaced record) does not stretch the extent into the ocean
    mainland = [(-33.0 + i * 0.01, -71.5 + (i % 7) * 0.05) for i in range(100)]
    lat, lon = b.extent_mid([*mainland, (-27.1, -109.4)])
    assert -72.0 < lon < -71.0


def test_midpoints_across_the_180th_meridian() -> None:
    b = _build_module()
    pts = [(66.0, 179.0), (65.0, -178.0), (67.0, -175.0), (64.0, 177.0), (66.0, -179.0)]
    for mid in (b.extent_mid(pts), b.box_mid(pts)):
        assert mid is not None and (mid[1] > 170.0 or mid[1] < -170.0)
    assert b.extent_mid([(0.0, 10.0), (1.0, 12.0)]) == (0.5, 11.0)


def test_best_match_pairs_unit_names_across_spellings() -> None:
    b = _build_module()
    options = {"SY09": "Deir-ez-Zor", "SY11": "Ar-Raqqa", "SY08": "Al-Hasakeh"}
    assert b.best_match("Deir ez Zor Governorate", options) == "SY09"
    assert b.best_match("Ar Raqqah", options) == "SY11"
    assert b.best_match("Al Hasakah Governorate", options, 70) == "SY08"
    assert b.best_match("Lattakia", options) is None
    # a short consonant skeleton alone does not pair names ("Ouest" and "South": "st")
    haiti = {"HT01": "West", "HT07": "South", "HT02": "South-East"}
    assert b.best_match("Ouest", haiti, 85) is None
    assert b.best_match("Shan", {"MM02": "Chin", "MM13": "Shan (South)"}, 85) is None
    assert b.best_match("Al Hudaydah", {"YE18": "Al Hodeidah", "YE11": "Ibb"}, 85) == "YE18"


def test_ucdp_places_are_in_the_packaged_table(shared_data: Path) -> None:
    """Every UCDP Syria place name of precision 1-2 can be found (as a UCDP record or merged
    into a GeoNames town) in its admin1."""
    gaz = get_gazetteer()
    seen: set[str] = set()
    missing = []
    with open(shared_data / "ucdp-ged-syria-19.1" / "events.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["where_coordinates"]
            if float(row["where_prec"] or 9) > 2 or name in seen or "between" in name.lower():
                continue
            seen.add(name)
            if not gaz.search(name, country="SYR", limit=3):
                missing.append(name)
    assert len(seen) > 1500
    assert len(missing) / len(seen) < 0.01, missing[:20]


def test_region_yaml_and_table_agree() -> None:
    from sitreps.geo.regions import load_regions

    gaz = get_gazetteer()
    for region in load_regions():
        rec = gaz.get(region.id)
        assert (rec.lat, rec.lon) == (region.lat, region.lon)
        assert rec.geo_precision == region.precision
        assert rec.admin1 == region.admin1


_ACLED_HEAD = "event_id_cnty,iso,admin1,admin2,location,latitude,longitude,geo_precision\n"


def _acled_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(_ACLED_HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _build_half_csv(tmp_path: Path, b: ModuleType, prefix: str, tails: list[str]) -> Path:
    """An ACLED CSV of ``tails`` (the columns after the event id), each under an event id of
    the BUILD half."""
    ids = (f"{prefix}{i}" for i in range(10_000) if b._is_build(f"{prefix}{i}", b.ACLED_BUILD))
    return _acled_csv(tmp_path, [f"{eid},{tail}" for eid, tail in zip(ids, tails, strict=False)])


def _rec(b: ModuleType, name: str, lat: float, lon: float, feature: str = "village") -> object:
    rec = b.Rec(
        f"gn:{abs(hash(name)) % 10**6}",
        name,
        lat,
        lon,
        "SY",
        "SY.08",
        None,
        feature,
        600,
        1,
        "geonames",
    )
    rec.names.add(name)
    return rec


def test_acled_places_take_only_the_build_half(tmp_path: Path) -> None:
    b = _build_module()
    ids = {"build": "", "holdout": ""}
    for i in range(200):  # one event id of each half
        half = "build" if b._is_build(f"SYR{i}", b.ACLED_BUILD) else "holdout"
        ids[half] = ids[half] or f"SYR{i}"
    path = _acled_csv(
        tmp_path,
        [
            f"{ids['build']},760,Al Hasakeh,Ras Al Ain,Tawileh,36.60,40.20,1",
            f"{ids['holdout']},760,Al Hasakeh,Ras Al Ain,Dardara,36.70,40.10,1",
        ],
    )
    countries = {"SY": {"iso": "SY", "isonumeric": 760}}
    recs, merged = b.acled_places(path, b.ACLED_BUILD, [], {"SY.08": "Al Hasakeh"}, {}, countries)
    assert [r.name for r in recs] == ["Tawileh"] and merged == 0
    assert recs[0].a1 == "SY.08" and recs[0].src == "acled" and recs[0].prec == 1
    assert recs[0].pid.startswith("acled:")


def test_acled_spelling_of_a_known_town_is_merged_into_it(tmp_path: Path) -> None:
    b = _build_module()
    bid = next(f"SYR{i}" for i in range(200) if b._is_build(f"SYR{i}", b.ACLED_BUILD))
    path = _acled_csv(tmp_path, [f"{bid},760,Al Hasakeh,Quamishli,Quamishli,37.05,41.22,1"])
    town = _rec(b, "Qamishli", 37.05, 41.23, "city")
    countries = {"SY": {"iso": "SY", "isonumeric": 760}}
    recs, merged = b.acled_places(
        path, b.ACLED_BUILD, [town], {"SY.08": "Al Hasakeh"}, {}, countries
    )
    assert recs == [] and merged == 1
    assert "Quamishli" in town.names  # type: ignore[attr-defined]
    # far away, the same spelling is another place
    far = _rec(b, "Qamishli", 35.0, 38.0, "city")
    recs, merged = b.acled_places(
        path, b.ACLED_BUILD, [far], {"SY.08": "Al Hasakeh"}, {}, countries
    )
    assert len(recs) == 1 and merged == 0


def test_acled_admin2_spelling_names_the_district(tmp_path: Path) -> None:
    b = _build_module()
    bid = next(f"YEM{i}" for i in range(200) if b._is_build(f"YEM{i}", b.ACLED_BUILD))
    path = _acled_csv(tmp_path, [f"{bid},887,Sadah,Al Dhaher,Al Mudafin,16.80,43.50,1"])
    unit = b.Rec(
        "adm2:YE2201", "Adh Dhahir", 16.9, 43.4, "YE", "YE.15", "YE2201", "admin2", 0, 2, "admin"
    )
    unit.names.add("Adh Dhahir")
    countries = {"YE": {"iso": "YE", "isonumeric": 887}}
    recs, _ = b.acled_places(
        path, b.ACLED_BUILD, [unit], {"YE.15": "Sadah"}, {"YE.15": [unit]}, countries
    )
    assert "Al Dhaher" in unit.names
    assert recs[0].a2 == "YE2201"


def test_district_without_a_point_takes_the_middle_of_acled_points_inside(
    tmp_path: Path,
) -> None:
    b = _build_module()
    path = _build_half_csv(
        tmp_path,
        b,
        "YEM",
        [
            "887,Sadah,Monabbih,Ar Raqw,17.25,43.20,1",
            "887,Sadah,Monabbih,Al Ruqw,17.27,43.22,1",
            "887,Sadah,Monabbih,Qatabir,17.21,43.25,2",
        ],
    )
    unit = b.Rec(
        "adm2:YE2202", "Monabbih", None, None, "YE", "YE.15", "YE2202", "admin2", 0, 2, "admin"
    )
    countries = {"YE": {"iso": "YE", "isonumeric": 887}}
    b.acled_places(path, b.ACLED_BUILD, [unit], {"YE.15": "Sadah"}, {"YE.15": [unit]}, countries)
    # not the province's seat when read, but inside the district, where ACLED placed its events
    assert unit.lat == 17.25 and unit.lon == 43.22


def test_acled_admin1_in_another_language_is_named_by_its_towns(tmp_path: Path) -> None:
    b = _build_module()
    path = _build_half_csv(
        tmp_path,
        b,
        "CAO",
        [
            "120,Sud-Ouest,Fako,Tiko,4.08,9.36,1",
            "120,Sud-Ouest,Meme,Kumba,4.64,9.45,1",
            "120,Sud-Ouest,Fako,Limbe,4.02,9.21,1",
        ],
    )
    towns = [
        b.Rec("gn:1", "Buea", 4.155, 9.243, "CM", "CM.09", None, "city", 90000, 1, "geonames"),
        b.Rec("gn:2", "Kumba", 4.636, 9.446, "CM", "CM.09", None, "city", 144000, 1, "geonames"),
        b.Rec("gn:3", "Douala", 4.048, 9.704, "CM", "CM.05", None, "city", 2000000, 1, "geonames"),
    ]
    unit = b.Rec("adm1:CM.09", "South-West", 4.6, 9.4, "CM", "CM.09", None, "admin1", 0, 3, "x")
    countries = {"CM": {"iso": "CM", "isonumeric": 120}}
    admin_names = {"CM.09": "South-West", "CM.05": "Littoral"}
    b.acled_places(path, b.ACLED_BUILD, towns, admin_names, {}, countries, {"CM.09": unit})
    # "Sud-Ouest" is no spelling of "South-West", but its points lie by towns of CM.09
    assert "Sud-Ouest" in unit.names


def _cameroon(b: ModuleType) -> tuple[list[object], object, dict[str, dict[str, object]]]:
    towns = [
        b.Rec("gn:1", "Buea", 4.155, 9.243, "CM", "CM.09", None, "city", 90000, 1, "geonames"),
        b.Rec("gn:2", "Kumba", 4.636, 9.446, "CM", "CM.09", None, "city", 144000, 1, "geonames"),
        b.Rec("gn:3", "Douala", 4.048, 9.704, "CM", "CM.05", None, "city", 2000000, 1, "geonames"),
    ]
    unit = b.Rec("adm1:CM.09", "South-West", 4.6, 9.4, "CM", "CM.09", None, "admin1", 0, 3, "x")
    return towns, unit, {"CM": {"iso": "CM", "isonumeric": 120}}


def test_acled_admin1_spelling_names_the_unit(tmp_path: Path) -> None:
    b = _build_module()
    rows = ["120,Sud-Ouest,Fako,Tiko,4.08,9.36,1", "120,Sud-Ouest,Meme,Kumba,4.64,9.45,1"]
    towns, unit, countries = _cameroon(b)
    names = {"CM.09": "South-West", "CM.05": "Littoral"}
    path = _build_half_csv(tmp_path, b, "CAO", rows)
    b.acled_places(path, b.ACLED_BUILD, towns, names, {}, countries, {"CM.09": unit})
    # events are coded in ACLED's names: the unit and its towns now read "Sud-Ouest"
    assert unit.name == names["CM.09"] == "Sud-Ouest"  # type: ignore[attr-defined]
    assert "South-West" not in names.values()


def test_unit_keeps_a_name_fixed_by_hand_or_written_two_ways(tmp_path: Path) -> None:
    b = _build_module()
    towns, unit, countries = _cameroon(b)
    rows = ["120,Sud-Ouest,Fako,Tiko,4.08,9.36,1", "120,Sud-Ouest,Meme,Kumba,4.64,9.45,1"]
    names = {"CM.09": "South-West"}
    path = _build_half_csv(tmp_path, b, "CAO", rows)
    b.acled_places(
        path, b.ACLED_BUILD, towns, names, {}, countries, {"CM.09": unit}, frozenset({"CM.09"})
    )
    assert names["CM.09"] == "South-West"  # names.yaml gives it
    towns, unit, countries = _cameroon(b)
    rows += ["120,South-West,Fako,Limbe,4.02,9.21,1", "120,South-West,Meme,Kumba,4.64,9.45,1"]
    names = {"CM.09": "Southwest"}
    path = _build_half_csv(tmp_path, b, "CAO", rows)
    b.acled_places(path, b.ACLED_BUILD, towns, names, {}, countries, {"CM.09": unit})
    assert names["CM.09"] == "Southwest"  # "Sud-Ouest" and "South-West": one is another unit's


def test_spelling_of_the_opposite_compass_point_is_not_the_unit(tmp_path: Path) -> None:
    b = _build_module()
    north = b.Rec(
        "adm1:KR.05", "North Chungcheong", 36.6, 127.7, "KR", "KR.05", None, "admin1", 0, 3, "x"
    )
    countries = {"KR": {"iso": "KR", "isonumeric": 410}}
    names = {"KR.05": "North Chungcheong", "KR.17": "Chungcheongnam-do"}
    path = _build_half_csv(tmp_path, b, "KOR", ["410,South Chungcheong,Asan,Asan,36.78,127.0,1"])
    b.acled_places(path, b.ACLED_BUILD, [], names, {}, countries, {"KR.05": north})
    assert names["KR.05"] == "North Chungcheong"
    assert "South Chungcheong" not in north.names  # type: ignore[attr-defined]


def test_no_holdout_only_acled_location_is_packaged(shared_data: Path) -> None:
    """The holdout half of the ACLED sample never feeds the gazetteer: a location that only
    holdout rows use is not an ACLED record of the packaged table."""
    b = _build_module()
    gaz = get_gazetteer()
    build_locs: set[str] = set()
    holdout_locs: set[str] = set()
    with open(shared_data / "acled-2022-sample" / "events.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            (build_locs if b._is_build(row["event_id_cnty"], b.ACLED_BUILD) else holdout_locs).add(
                row["location"]
            )
    only_holdout = sorted(holdout_locs - build_locs)
    assert len(only_holdout) > 200
    leaked = [
        n
        for n in only_holdout
        if any(r.source == "acled" and r.name == n for r in gaz.search(n, limit=20))
    ]
    assert leaked == []
    assert (
        sum(
            any(r.source == "acled" for r in gaz.search(n, limit=20))
            for n in sorted(build_locs)[:300]
        )
        > 30
    )


def test_middle_east_towns_carry_an_admin2_unit() -> None:
    """Towns of the region have an admin2 unit (OCHA or GeoNames districts)."""
    gaz = get_gazetteer()
    for name, country in (("Kadıköy", "TUR"), ("Jenin", "PSE"), ("Irbid", "JOR"), ("Douma", "SYR")):
        recs = [r for r in gaz.search(name, country=country) if r.feature in ("city", "village")]
        assert recs and recs[0].admin2, (name, country)


def test_acled_admin1_spellings_name_their_units() -> None:
    gaz = get_gazetteer()
    for name, code in (("Zaporizhia", "UA.26"), ("Mykolaiv", "UA.16")):
        units = [r for r in gaz.search(name) if r.feature == "admin1" and r.match == "name"]
        assert [u.admin1_code for u in units] == [code], name


def test_acled_quarter_is_a_name_but_not_the_province_or_a_generic_part() -> None:
    b = _build_module()
    assert "Adhamiya" in b._acled_names("Baghdad - Adhamiya", ("Baghdad", "Al Rusafa"))
    assert b._acled_names("Hamrin Mountains - Diyala", ("Diyala",)) == {"Hamrin Mountains - Diyala"}
    assert b._acled_names("Rome - City Center", ("Lazio", "Roma")) == {"Rome - City Center"}


def test_county_units_from_a_town_table(tmp_path: Path) -> None:
    b = _build_module()
    adm = tmp_path / "admin"
    adm.mkdir()
    (adm / "geonames_admin1CodesASCII.txt").write_text(
        "US.TX\tTexas\tTexas\t4736286\nUS.IA\tIowa\tIowa\t4862182\nIR.01\tTehran\tTehran\t1\n",
        encoding="utf-8",
    )
    (adm / "geonames_admin2Codes.txt").write_text(
        "US.TX.081\tCoke County\tCoke County\t4682040\n"
        "US.TX.097\tCooke County\tCooke County\t4683300\n",
        encoding="utf-8",
    )
    table = tmp_path / "towns.csv"
    table.write_text(
        "lat,lon,name,admin1,admin2,cc\n"
        "31.90,-100.50,Robert Lee,Texas,Coke County,US\n"
        "31.80,-100.30,Bronte,Texas,Coke County,US\n"
        "33.60,-97.10,Gainesville,Texas,Cooke County,US\n"
        "42.50,-92.30,Waterloo,Iowa,Black Hawk County,US\n"
        "35.70,51.40,Tehran,Tehran,Tehran County,IR\n"
        "41.00,-93.00,Nowhere,Iowa,,US\n",
        encoding="utf-8",
    )
    town = _rec(b, "Waterloo", 42.50, -92.30, "city")
    town.pop = 68_000  # type: ignore[attr-defined]
    names: dict[str, str] = {}
    units = {u.name: u for u in b.county_units(adm, [town], names, table)}
    # Iran's admin2 units are built from other sources; a town without a county makes none
    assert set(units) == {"Coke County", "Cooke County", "Black Hawk County"}
    coke = units["Coke County"]
    assert (coke.lat, coke.lon) == (31.85, -100.4)  # the middle of its towns
    assert (coke.cc, coke.a1, coke.a2, coke.feature) == ("US", "US.TX", "US.TX.081", "admin2")
    assert units["Cooke County"].a2 == "US.TX.097"  # not merged with Coke County
    assert units["Black Hawk County"].pid == "county:US.IA:black hawk county"
    assert units["Black Hawk County"].pop == 68_000
    assert coke.names == {"Coke County"}  # never the bare "Coke"
    assert names["US.TX.081"] == "Coke County"


def test_no_county_units_without_a_town_table(tmp_path: Path) -> None:
    assert _build_module().county_units(tmp_path, [], {}, None) == []


def test_country_points_follow_the_reference_table() -> None:
    """Every country of ``country_points.csv`` sits at the table's point in the packaged
    gazetteer, and the table itself is well formed."""
    path = REPO / "src" / "sitreps" / "data" / "geo" / "country_points.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len({r["iso3"] for r in rows}) == len(rows) > 190
    g = get_gazetteer()
    for r in rows:
        lat, lon = float(r["latitude"]), float(r["longitude"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r
        rec = g.get(f"country:{r['iso3']}")
        assert rec.lat is not None and rec.lon is not None
        assert abs(rec.lat - lat) < 1e-4 and abs(rec.lon - lon) < 1e-4, r["iso3"]
    # the table's point wins over a midpoint of towns and over countryinfo's point
    b = _build_module()
    assert b.reference_country_points()["CAN"] == (60.10867, -113.64258)
