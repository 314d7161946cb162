from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from store_factory import Ev, make_extraction

from sitreps.errors import StoreError
from sitreps.models import Skipped
from sitreps.store import open_store
from sitreps.store import schema as t
from sitreps.store.db import normalise_url


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)))


def test_add_extraction_is_idempotent(store_url: str) -> None:
    store = open_store(store_url)
    ex = make_extraction("Clashes in Aleppo killed 5.", [Ev(killed=5)])
    assert not store.has_report(ex.report.id)
    assert store.add_extraction(ex) is True
    assert store.has_report(ex.report.id)
    assert store.add_extraction(ex) is False
    assert count(store, t.reports) == 1
    assert count(store, t.events) == 1
    assert count(store, t.claims) == 1
    store.close()


def test_reopen_keeps_data_and_schema_version(store_url: str) -> None:
    store = open_store(store_url)
    ex = make_extraction("Shelling hit Idlib.", [Ev(place="idlib")])
    store.add_extraction(ex)
    store.close()
    again = open_store(store_url)
    assert again.has_report(ex.report.id)
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"
    again.close()


def test_shared_actors_and_places_are_stored_once(store_url: str) -> None:
    store = open_store(store_url)
    store.add_extraction(make_extraction("One report on Aleppo.", [Ev()]))
    store.add_extraction(make_extraction("Another on Aleppo.", [Ev()], outlet="B"))
    assert count(store, t.actors) == 2
    assert count(store, t.places) == 1
    assert count(store, t.report_actors) == 4
    store.close()


def test_event_row_carries_place_coordinates_and_partisan_flag(store_url: str) -> None:
    store = open_store(store_url)
    ex = make_extraction("Claimed strike on Deir.", [Ev(place="deir", partisan=True, killed=3)])
    store.add_extraction(ex)
    with store.engine.connect() as conn:
        row = conn.execute(select(t.events)).one()
    assert row.lat == pytest.approx(35.3359)
    assert row.admin1 == "Deir ez-Zor"
    assert row.partisan is True
    assert row.fat_best == 3
    assert row.date_start == date(2017, 8, 1)
    assert row.uid == f"{ex.report.id}/e0"
    store.close()


def test_skipped_is_recorded_once_with_reason(store_url: str) -> None:
    store = open_store(store_url)
    store.add_skipped(Skipped("a.bin", "binary file", "binary"))
    store.add_skipped(Skipped("a.bin", "binary file", "binary"))
    store.add_skipped(Skipped("b.txt", "empty file", "empty"))
    assert [(s.origin, s.code) for s in store.skipped()] == [
        ("a.bin", "binary"),
        ("b.txt", "empty"),
    ]
    store.close()


def test_failed_write_leaves_nothing(store_url: str) -> None:
    store = open_store(store_url)
    ex = make_extraction("Clashes in Aleppo.", [Ev(), Ev(place="idlib")])
    # two events with the same id make the events insert fail after the report row was written
    from dataclasses import replace

    broken = replace(ex, events=(ex.events[0], replace(ex.events[1], id="e0")))
    with pytest.raises(StoreError):
        store.add_extraction(broken)
    assert not store.has_report(ex.report.id)
    assert count(store, t.claims) == 0
    assert store.add_extraction(ex) is True
    store.close()


def test_bad_url_is_a_store_error(tmp_path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("nosuchdialect://x/y")
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(f"sqlite:///{tmp_path}/missing-dir/x.db")


def test_normalise_url() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("file.db") == "sqlite:///file.db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
