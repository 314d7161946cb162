"""GraphML of the actor graph (readable by Gephi, yEd, networkx, igraph)."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from sitreps.fuse.graph import ActorGraph, ActorNode

NS = "http://graphml.graphdrawing.org/xmlns"

_NODE_KEYS = (("name", "string"), ("kind", "string"), ("provisional", "boolean"))
_EDGE_KEYS = (
    ("kind", "string"),
    ("weight", "int"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("evidence", "string"),
)


def write_graphml(graph: ActorGraph, out: TextIO) -> int:
    """Write the graph; returns the number of edges."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for target, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, typ in keys:
            ET.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": f"{target[0]}_{name}", "for": target, "attr.name": name, "attr.type": typ},
            )
    g = ET.SubElement(root, f"{{{NS}}}graph", {"id": "actors", "edgedefault": "directed"})
    known = {n.id for n in graph.nodes}
    nodes = list(graph.nodes)
    for e in graph.edges:  # actors of an edge that the store does not list still get a node
        for aid in (e.source, e.target):
            if aid not in known:
                known.add(aid)
                nodes.append(ActorNode(aid, aid, "unknown", True))
    for n in nodes:
        node = ET.SubElement(g, f"{{{NS}}}node", {"id": n.id})
        for key, value in (
            ("name", n.name),
            ("kind", n.kind),
            ("provisional", "true" if n.provisional else "false"),
        ):
            ET.SubElement(node, f"{{{NS}}}data", {"key": f"n_{key}"}).text = value
    for i, e in enumerate(graph.edges):
        edge = ET.SubElement(
            g, f"{{{NS}}}edge", {"id": f"e{i}", "source": e.source, "target": e.target}
        )
        values = {
            "kind": e.kind,
            "weight": str(e.weight),
            "first_seen": e.first_seen.isoformat() if e.first_seen else "",
            "last_seen": e.last_seen.isoformat() if e.last_seen else "",
            "evidence": " | ".join(ev.text for ev in e.evidence),
        }
        for key, value in values.items():
            ET.SubElement(edge, f"{{{NS}}}data", {"key": f"e_{key}"}).text = value
    ET.indent(root)
    out.write(ET.tostring(root, encoding="unicode", xml_declaration=True))
    out.write("\n")
    return len(graph.edges)
