from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.fuse.corroboration import ReportFigure, corroboration, estimate_fatalities
from sitreps.fuse.score import EventFeature, compare, compare_cluster, haversine_km
from sitreps.settings import Settings

S = Settings()


def feat(uid: str = "r1/e0", **kw: object) -> EventFeature:
    base: dict[str, object] = {
        "uid": uid,
        "seq": 1,
        "report_id": uid.split("/")[0],
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "plover": "FIGHT",
        "actors": frozenset({"SYR-GOV", "FSA"}),
        "place_id": "aleppo",
        "lat": 36.2,
        "lon": 37.13,
        "admin1": "Aleppo",
        "geo_precision": 1,
        "date_start": date(2017, 8, 1),
        "date_end": date(2017, 8, 1),
    }
    base.update(kw)
    return EventFeature(**base)  # type: ignore[arg-type]


def test_haversine_known_distance() -> None:
    # Aleppo to Damascus is about 300 km
    assert haversine_km(36.2021, 37.1343, 33.5138, 36.2765) == pytest.approx(310, abs=15)


def test_identical_events_from_two_reports_score_high() -> None:
    m = compare(feat(), feat("r2/e0"), S)
    assert m.veto is None and m.score == pytest.approx(1.0)
    assert "same place (aleppo)" in m.reasons


def test_same_report_never_merges() -> None:
    assert compare(feat(), feat("r1/e1"), S).veto == "same report"


def test_date_window_is_a_hard_limit() -> None:
    near = compare(feat(), feat("r2/e0", date_start=date(2017, 8, 3), date_end=date(2017, 8, 3)), S)
    far = compare(feat(), feat("r2/e0", date_start=date(2017, 8, 4), date_end=date(2017, 8, 4)), S)
    assert near.veto is None and near.score < 1.0
    assert far.veto == "dates 3 days apart"
    wider = Settings(fusion_max_days=5)
    assert compare(feat(), feat("r2/e0", date_start=date(2017, 8, 4)), wider).veto is None


def test_distance_limit_and_admin_unit_fallback() -> None:
    idlib = feat("r2/e0", place_id="idlib", lat=35.93, lon=36.63, admin1="Idlib")
    assert compare(feat(), idlib, S).veto == "places too far apart for their precision"
    province = feat("r2/e0", place_id="aleppo-prov", lat=36.0, lon=37.6, geo_precision=3)
    m = compare(feat(), province, S)
    assert m.veto is None and any("same admin unit" in r for r in m.reasons)


def test_town_level_geocodes_have_a_tighter_limit_than_vague_ones() -> None:
    anadan = {"place_id": "anadan", "lat": 36.2936, "lon": 37.0425}  # 13 km from Aleppo
    assert compare(feat(), feat("r2/e0", **anadan), S).veto is not None
    near = compare(feat(), feat("r2/e0", geo_precision=2, **anadan), S)
    assert near.veto is None and "limit 25 km" in near.reasons[2]


def test_incompatible_types_veto_and_compatible_types_score_lower() -> None:
    protest = feat("r2/e0", event_type="Protests", sub_event_type="Peaceful protest")
    assert compare(feat(), protest, S).veto is not None
    shelling = feat("r2/e0", event_type="Explosions/Remote violence", sub_event_type="Shelling")
    m = compare(feat(), shelling, S)
    assert m.veto is None and m.score < compare(feat(), feat("r2/e0"), S).score


def test_disjoint_actors_lower_the_score() -> None:
    other = feat("r2/e0", actors=frozenset({"SDF", "ISIS"}))
    assert compare(feat(), other, S).score < compare(feat(), feat("r2/e0"), S).score - 0.15


def test_cluster_comparison_respects_every_member_limit() -> None:
    a = feat("r1/e0", date_start=date(2017, 8, 1), date_end=date(2017, 8, 1))
    b = feat("r2/e0", date_start=date(2017, 8, 3), date_end=date(2017, 8, 3))
    c = feat("r3/e0", date_start=date(2017, 8, 5), date_end=date(2017, 8, 5))
    assert compare(c, b, S).veto is None
    assert compare_cluster(c, [a, b], S).veto is not None  # no chaining across the window


def fig(
    rid: str,
    best: int | None,
    partisan: bool = False,
    low: int | None = None,
    high: int | None = None,
    outlet: str | None = None,
    asserted: bool = True,
) -> ReportFigure:
    return ReportFigure(rid, outlet or rid, partisan, best, low, high, asserted)


def test_acled_conservative_rule_takes_the_lowest() -> None:
    est = estimate_fatalities([fig("a", 12), fig("b", 7), fig("c", 30, partisan=True)])
    assert est.conservative == 7


def test_ucdp_best_prefers_independent_sources() -> None:
    est = estimate_fatalities(
        [fig("a", 12), fig("b", 8), fig("c", 10), fig("d", 90, partisan=True)]
    )
    assert (est.low, est.best, est.high) == (8, 10, 90)


def test_ranges_feed_low_and_high() -> None:
    est = estimate_fatalities([fig("a", 20, low=15, high=25), fig("b", 22)])
    assert (est.conservative, est.low, est.best, est.high) == (20, 15, 20, 25)


def test_no_figures_and_denials_give_none() -> None:
    assert estimate_fatalities([fig("a", None)]).conservative is None
    est = estimate_fatalities([fig("a", 5), fig("b", 50, asserted=False)])
    assert (est.conservative, est.high) == (5, 5)


def test_corroboration_counts_reports_outlets_and_partisans() -> None:
    c = corroboration(
        [
            fig("a", 1, outlet="Reuters"),
            fig("b", 1, outlet="reuters "),
            fig("c", 1, partisan=True, outlet="SANA"),
            fig("c", 1, outlet="SANA"),
        ]
    )
    assert (c.n_reports, c.n_outlets, c.n_partisan, c.n_independent) == (3, 2, 1, 2)


figures = st.lists(
    st.builds(
        fig,
        st.sampled_from(["a", "b", "c", "d"]),
        st.one_of(st.none(), st.integers(0, 500)),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 500)),
        st.one_of(st.none(), st.integers(0, 500)),
    ),
    max_size=6,
)


@given(figures)
def test_fatality_estimates_are_ordered(figs: list[ReportFigure]) -> None:
    est = estimate_fatalities(figs)
    if est.best is None:
        assert est.conservative is None and est.low is None and est.high is None
        return
    assert est.low is not None and est.high is not None and est.conservative is not None
    assert est.low <= est.best <= est.high
    assert est.low <= est.conservative <= est.high
    given_bests = [f.best for f in figs if f.best is not None]
    if given_bests:
        assert est.conservative == min(given_bests)
