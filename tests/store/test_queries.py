from __future__ import annotations

from datetime import date

from store_factory import Ev, make_extraction

from sitreps.store import open_store
from sitreps.store.queries import (
    events_for_actor,
    list_clusters,
    list_events,
    unknown_actors,
)
from sitreps.store.rows import EventFilter


def fill(store) -> None:
    for i in range(6):
        day = date(2017, 8, 1 + 3 * i)  # far enough apart: six clusters
        place = ("aleppo", "idlib", "deir")[i % 3]
        store.add_extraction(
            make_extraction(
                f"Report {i}: clash.", [Ev(place=place, day=day, killed=i)], outlet=f"O{i}"
            )
        )
    store.add_extraction(
        make_extraction(
            "Report 6: SDF and ISIS clash.",
            [Ev(a1="SDF", a2="ISIS", place="deir", day=date(2017, 9, 1))],
            provisional=("Liwa-al-Quds-East",),
        )
    )
    store.add_extraction(
        make_extraction(
            "Report 7: Liwa al Quds East denied attacking.",
            [Ev(a1="SDF", a2="ISIS", modality="negated", place="deir", day=date(2017, 9, 20))],
            provisional=("Liwa-al-Quds-East",),
        )
    )
    store.fuse_pending()


def test_filters_run_in_the_database(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    assert list_events(store).total == 7  # the negated one is hidden
    assert list_events(store, EventFilter(include_non_asserted=True)).total == 8
    assert list_events(store, EventFilter(modality="negated")).total == 1
    aug = list_events(store, EventFilter(date_from=date(2017, 8, 5), date_to=date(2017, 8, 10)))
    assert [e.date_start for e in aug.items] == [date(2017, 8, 7), date(2017, 8, 10)]
    deir_box = (39.5, 35.0, 40.5, 35.6)
    assert {e.place_id for e in list_events(store, EventFilter(bbox=deir_box)).items} == {"deir"}
    assert list_events(store, EventFilter(actor="ISIS")).total == 1
    assert list_events(store, EventFilter(event_type="Protests")).total == 0
    assert list_clusters(store, EventFilter(actor="SDF")).total == 1
    assert list_clusters(store, EventFilter(min_reports=2)).total == 0
    store.close()


def test_pagination(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    first = list_events(store, page=1, page_size=3)
    third = list_events(store, page=3, page_size=3)
    assert (first.total, first.pages) == (7, 3)
    assert len(first.items) == 3 and len(third.items) == 1
    all_ids = [e.uid for p in (1, 2, 3) for e in list_events(store, page=p, page_size=3).items]
    assert len(set(all_ids)) == 7
    store.close()


def test_events_for_actor_and_unknown_actors(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    assert len(events_for_actor(store, "SDF")) == 2  # any modality
    assert len(events_for_actor(store.url, "FSA")) == 6
    unknown = unknown_actors(store)
    assert [u.id for u in unknown] == ["Liwa-al-Quds-East"]
    assert unknown[0].n_reports == 2
    assert unknown[0].examples[0].startswith("Report 6")
    store.close()
