"""JSON encoding of spans, quantities and id tuples for the store's text columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sitreps.models import Quantity, Span
from sitreps.serialize import quantity as quantity_obj
from sitreps.serialize import span as _span


def span_obj(span: Span) -> dict[str, Any]:
    obj = _span(span)
    assert obj is not None
    return obj


def spans_json(spans: Iterable[Span]) -> str:
    return json.dumps([span_obj(s) for s in spans], ensure_ascii=False)


def span_json(span: Span | None) -> str | None:
    return None if span is None else json.dumps(span_obj(span), ensure_ascii=False)


def spans_from_json(text: str | None) -> tuple[Span, ...]:
    if not text:
        return ()
    return tuple(Span(int(o["start"]), int(o["end"]), str(o["text"])) for o in json.loads(text))


def span_from_json(text: str | None) -> Span | None:
    if not text:
        return None
    o = json.loads(text)
    return Span(int(o["start"]), int(o["end"]), str(o["text"]))


def ids_json(ids: Iterable[str]) -> str:
    return json.dumps(list(ids), ensure_ascii=False)


def ids_from_json(text: str | None) -> tuple[str, ...]:
    return tuple(str(x) for x in json.loads(text)) if text else ()


def quantities_json(quantities: Iterable[Quantity]) -> str:
    """The quantities as the JSON contract writes them."""
    return json.dumps([quantity_obj(q) for q in quantities], ensure_ascii=False)


def value_json(value: object) -> str:
    """A field value for the edits table (dates as ISO strings)."""
    return json.dumps(value, ensure_ascii=False, default=str)
