from __future__ import annotations

from datetime import date

from store_factory import Ev, make_extraction

from sitreps.fuse.graph import actor_graph, neighbours
from sitreps.store import open_store


def fill(store) -> None:
    exs = [
        # one clash reported twice: the fights edge counts the cluster once
        make_extraction(
            "A: government and FSA clash in Aleppo.", [Ev()], outlet="A", published=date(2017, 8, 2)
        ),
        make_extraction(
            "B: Aleppo clash between army and FSA.", [Ev()], outlet="B", published=date(2017, 8, 2)
        ),
        # a later, separate clash
        make_extraction(
            "C: army and FSA fight in Idlib.",
            [Ev(place="idlib", day=date(2017, 9, 1))],
            outlet="C",
            published=date(2017, 9, 2),
        ),
        # relations stated in text
        make_extraction(
            "D: Russia supports the army.",
            [],
            outlet="D",
            published=date(2017, 9, 5),
            relations=(("RUS", "SYR-GOV", "supports"),),
        ),
        make_extraction(
            "E: the army denies links with SDF.",
            [],
            outlet="E",
            published=date(2017, 9, 6),
            relations=(),
        ),
    ]
    for ex in exs:
        store.add_extraction(ex)
    store.fuse_pending()


def test_neighbours_weight_first_last_seen_and_evidence(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    edges = {(e.kind, e.source, e.target): e for e in neighbours(store, "SYR-GOV")}
    fights = edges[("fights", "FSA", "SYR-GOV")]
    assert fights.weight == 2  # two clusters, three reports
    assert (fights.first_seen, fights.last_seen) == (date(2017, 8, 1), date(2017, 9, 1))
    assert {ev.origin for ev in fights.evidence} == {"event"}
    supports = edges[("supports", "RUS", "SYR-GOV")]
    assert supports.weight == 1 and supports.first_seen == date(2017, 9, 5)
    assert supports.evidence[0].text.startswith("D: Russia")
    store.close()


def test_time_window_limits_edges(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    early = neighbours(store, "SYR-GOV", date_to=date(2017, 8, 31))
    assert [(e.kind, e.weight) for e in early] == [("fights", 1)]
    late = {e.kind for e in neighbours(store, "SYR-GOV", date_from=date(2017, 9, 3))}
    assert late == {"supports"}
    assert neighbours(store, "NOBODY") == []
    store.close()


def test_whole_graph_has_nodes_for_every_edge(store_url: str) -> None:
    store = open_store(store_url)
    fill(store)
    g = actor_graph(store)
    ids = {n.id for n in g.nodes}
    assert {"SYR-GOV", "FSA", "RUS"} <= ids
    assert all(e.source in ids and e.target in ids for e in g.edges)
    store.close()


def test_non_asserted_relations_are_left_out_by_default(store_url: str) -> None:
    from dataclasses import replace

    store = open_store(store_url)
    ex = make_extraction(
        "F: SDF denies supplying ISIS.", [], relations=(("SDF", "ISIS", "supplies"),)
    )
    ex = replace(ex, relations=(replace(ex.relations[0], modality="negated"),))
    store.add_extraction(ex)
    assert neighbours(store, "SDF") == []
    assert [e.kind for e in neighbours(store, "SDF", include_non_asserted=True)] == ["supplies"]
    store.close()
