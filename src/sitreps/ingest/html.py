"""HTML pages: main text, title, date and outlet from the page metadata (trafilatura)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitreps.errors import EmptyInputError, MalformedInputError


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None


def extract_html(html: str, origin: str) -> HtmlContent:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True
        )
    except (ValueError, TypeError, AttributeError) as exc:
        raise MalformedInputError(f"{origin}: HTML could not be parsed ({exc})") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise EmptyInputError(f"{origin}: no main text found in the HTML page")
    published = None
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return HtmlContent(
        text=text,
        title=getattr(doc, "title", None) or None,
        published=published,
        outlet=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
    )
