from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sitreps.store import open_store
from sitreps.store.schema import metadata


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")
def test_migrations_build_exactly_the_schema(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                # PostGIS adds its own tables and the optional geom columns
                "include_object": lambda obj, name, type_, reflected, compare_to: (
                    not (
                        (type_ == "table" and reflected and compare_to is None)
                        or (type_ == "column" and name == "geom")
                        or (type_ == "index" and name is not None and name.endswith("_geom"))
                    )
                ),
            },
        )
        diff = compare_metadata(ctx, metadata)
    assert diff == []
    store.close()


def test_postgis_geometry_follows_places(store_url: str) -> None:
    store = open_store(store_url)
    if not store.has_postgis:
        assert store.dialect == "sqlite" or store.has_postgis is False
        store.close()
        return
    from store_factory import Ev, make_extraction

    store.add_extraction(make_extraction("Clash in Aleppo.", [Ev()]))
    store.fuse_pending()
    with store.engine.connect() as conn:
        x = conn.exec_driver_sql("SELECT ST_X(geom), ST_Y(geom) FROM places").one()
        c = conn.exec_driver_sql("SELECT ST_Y(geom) FROM clusters").scalar()
    assert round(x[0], 3) == 37.134 and round(x[1], 3) == 36.202
    assert round(c, 3) == 36.202
    store.close()
