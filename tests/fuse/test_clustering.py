from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from store_factory import Ev, make_extraction

from sitreps.errors import NotFoundError, StoreError
from sitreps.fuse.incremental import cluster_id_for, recluster
from sitreps.store import open_store
from sitreps.store import schema as t
from sitreps.store.edits import merge_clusters, set_cluster_field, set_event_field, split_cluster
from sitreps.store.queries import get_cluster, list_clusters, list_edits


def clusters_of(store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.uid: r.cluster_id for r in conn.execute(select(t.events))}


def reports(store) -> list:
    """Three reports of one clash near Aleppo (one partisan) and one unrelated strike."""
    exs = [
        make_extraction("Report A: clashes in Aleppo, 12 killed.", [Ev(killed=12)], outlet="A"),
        make_extraction(
            "Report B: fighting near Anadan, 30 dead.",
            [Ev(place="anadan", killed=30, partisan=True, day=date(2017, 8, 2), precision=2)],
            outlet="B",
        ),
        make_extraction(
            "Report C: strike on Deir ez-Zor.",
            [Ev("Explosions/Remote violence", "Air/drone strike", "RUS", "CIV", "deir", killed=4)],
            outlet="C",
        ),
        make_extraction("Report D: Aleppo clashes, 8 dead.", [Ev(killed=8)], outlet="D"),
    ]
    for ex in exs:
        assert store.add_extraction(ex)
        store.fuse_pending()
    return exs


def test_reports_of_one_incident_form_one_cluster(store_url: str) -> None:
    store = open_store(store_url)
    a, b, c, d = reports(store)
    cl = clusters_of(store)
    ida = cl[f"{a.report.id}/e0"]
    assert cl[f"{b.report.id}/e0"] == ida == cl[f"{d.report.id}/e0"]
    assert cl[f"{c.report.id}/e0"] != ida
    assert ida == cluster_id_for(f"{a.report.id}/e0")
    detail = get_cluster(store, ida)
    row = detail.cluster
    assert (row.n_reports, row.n_outlets, row.n_partisan, row.n_independent) == (3, 3, 1, 2)
    assert row.fatalities == 8  # ACLED: lowest figure
    assert (row.fat_low, row.fat_best, row.fat_high) == (8, 8, 30)  # best: independent median
    assert row.date_start == date(2017, 8, 1) and row.date_end == date(2017, 8, 2)
    reasons = [m.merge_reason for m in detail.members]
    assert reasons[0].startswith("new cluster")
    assert all(r and r.startswith("joined") for r in reasons[1:])
    assert "places" in (reasons[1] or "")
    store.close()


def test_ids_are_stable_across_reruns_and_reclustering(store_url: str, tmp_path) -> None:
    store = open_store(store_url)
    reports(store)
    before = clusters_of(store)
    assert recluster(store) == len(before)
    assert clusters_of(store) == before
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    reports(other)
    assert clusters_of(other) == before
    store.close()
    other.close()


def test_analyst_edits_survive_reclustering_and_reingest(store_url: str) -> None:
    store = open_store(store_url)
    a, b, _, d = reports(store)
    cid = clusters_of(store)[f"{a.report.id}/e0"]
    edit = set_cluster_field(store, cid, "fatalities", 10, "analyst1", note="checked hospital")
    assert edit.old_value == "8" and edit.new_value == "10" and edit.author == "analyst1"
    new_id, _ = split_cluster(store, cid, [f"{b.report.id}/e0"], "analyst1")
    set_event_field(store, f"{d.report.id}/e0", "fat_best", 9, "analyst2")
    assert get_cluster(store, cid).cluster.fatalities == 10
    assert get_cluster(store, new_id).cluster.n_reports == 1
    recluster(store)
    cl = clusters_of(store)
    assert cl[f"{b.report.id}/e0"] == new_id
    assert cl[f"{a.report.id}/e0"] == cid == cl[f"{d.report.id}/e0"]
    assert get_cluster(store, cid).cluster.fatalities == 10
    # re-ingest: delete and store the report again; its event edit and pin are replayed
    assert store.delete_report(d.report.id)
    assert store.add_extraction(d)
    store.fuse_pending()
    with store.engine.connect() as conn:
        row = conn.execute(select(t.events).where(t.events.c.report_id == d.report.id)).one()
    assert (row.fat_best, row.cluster_id, row.pinned) == (9, cid, True)
    assert [e.action for e in list_edits(store)].count("split") == 1
    store.close()


def test_merge_moves_members_and_records_previous_clusters(store_url: str) -> None:
    store = open_store(store_url)
    a, _, c, _ = reports(store)
    cl = clusters_of(store)
    into, other = cl[f"{a.report.id}/e0"], cl[f"{c.report.id}/e0"]
    edit = merge_clusters(store, into, [other], "analyst1")
    assert other in (edit.old_value or "")
    assert get_cluster(store, into).cluster.n_reports == 4
    with pytest.raises(NotFoundError):
        get_cluster(store, other)
    recluster(store)
    assert clusters_of(store)[f"{c.report.id}/e0"] == into
    store.close()


def test_bad_edits_are_refused(store_url: str) -> None:
    store = open_store(store_url)
    a, *_ = reports(store)
    cid = clusters_of(store)[f"{a.report.id}/e0"]
    with pytest.raises(StoreError, match="cannot be edited"):
        set_cluster_field(store, cid, "n_reports", 1, "x")
    with pytest.raises(StoreError, match="modality"):
        set_event_field(store, f"{a.report.id}/e0", "modality", "maybe", "x")
    with pytest.raises(NotFoundError):
        set_event_field(store, "nope/e0", "fat_best", 1, "x")
    with pytest.raises(StoreError, match="at least one event"):
        split_cluster(store, cid, [], "x")
    store.close()


def test_non_asserted_clusters_are_hidden_by_default(store_url: str) -> None:
    store = open_store(store_url)
    store.add_extraction(
        make_extraction("They threatened to attack Idlib.", [Ev(place="idlib", modality="future")])
    )
    store.add_extraction(make_extraction("Clashes in Aleppo.", [Ev()]))
    store.fuse_pending()
    from sitreps.store.rows import EventFilter

    assert list_clusters(store).total == 1
    assert list_clusters(store, EventFilter(include_non_asserted=True)).total == 2
    store.close()
