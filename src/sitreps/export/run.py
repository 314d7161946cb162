"""One entry point for every export format (used by ``sitreps export``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from sitreps.errors import SitrepsError
from sitreps.export.formats import write_acled, write_geojson, write_plover
from sitreps.export.fused import load_fused
from sitreps.export.graphml import write_graphml
from sitreps.fuse.graph import actor_graph
from sitreps.store.rows import EventFilter

if TYPE_CHECKING:
    from sitreps.store.db import Store

FORMATS: tuple[str, ...] = ("acled", "plover", "geojson", "graphml")


def export(store: Store, fmt: str, out: TextIO, filters: EventFilter | None = None) -> int:
    """Write fused events (or, for graphml, the actor graph) matching ``filters``; returns the
    number of rows, records, features or edges written."""
    f = filters or EventFilter()
    if fmt == "graphml":
        graph = actor_graph(
            store,
            actor=f.actor,
            date_from=f.date_from,
            date_to=f.date_to,
            include_non_asserted=f.include_non_asserted,
        )
        return write_graphml(graph, out)
    writers = {"acled": write_acled, "plover": write_plover, "geojson": write_geojson}
    if fmt not in writers:
        raise SitrepsError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
    return writers[fmt](load_fused(store, f), out)
