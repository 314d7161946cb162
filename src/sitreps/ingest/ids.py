"""Stable report ids: a content hash of the text."""

from __future__ import annotations

import hashlib
import unicodedata


def report_id(text: str) -> str:
    """``r-`` and the first 20 hex digits of the SHA-256 of the NFC-normalised, stripped text.

    The same text read from two files (or two outlets) gets the same id, so re-ingesting it
    adds nothing.
    """
    norm = unicodedata.normalize("NFC", text).strip()
    return "r-" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]
