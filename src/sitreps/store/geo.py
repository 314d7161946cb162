"""PostGIS geometry upkeep (only called when the ``geom`` columns exist)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, text


def set_place_geometry(conn: Connection, place_ids: Sequence[str]) -> None:
    """Fill ``places.geom`` from lat/lon for the given places."""
    stmt = text(
        "UPDATE places SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326) "
        "WHERE id IN :ids AND lat IS NOT NULL AND lon IS NOT NULL"
    ).bindparams(bindparam("ids", expanding=True))
    conn.execute(stmt, {"ids": list(place_ids)})


def set_cluster_geometry(conn: Connection, cluster_id: str) -> None:
    """Fill ``clusters.geom`` from its lat/lon (NULL when it has none)."""
    conn.execute(
        text(
            "UPDATE clusters SET geom = CASE WHEN lat IS NULL OR lon IS NULL THEN NULL "
            "ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END WHERE id = :id"
        ),
        {"id": cluster_id},
    )
