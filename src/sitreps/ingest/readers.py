"""Readers: files, directories, stdin and corpora to :class:`Report` values.

``read_paths`` yields a :class:`Report` for every readable input and a :class:`Skipped` with
its reason for every other one; it never raises for a bad input, so one broken record never
stops a corpus. Supported inputs: plain text (``.txt`` and anything else that decodes), HTML
(``.html``/``.htm``), JSON lines (``.jsonl``/``.ndjson``) and CSV (``.csv``) corpora with one
report per line/row, any of them gzip-compressed (``.gz``), and ``-`` for standard input.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, cast

from sitreps.errors import EmptyInputError, InputError, LanguageError, MalformedInputError
from sitreps.ingest.decode import check_size, decode
from sitreps.ingest.html import extract_html
from sitreps.ingest.ids import report_id
from sitreps.ingest.language import detect_language
from sitreps.models import Report, Skipped
from sitreps.settings import get_settings

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}


@dataclass(frozen=True)
class FieldNames:
    """Column / key names of a corpus (configurable with ``--field NAME=COLUMN``)."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    outlet: str = "outlet"
    published: str = "published"
    url: str = "url"


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for single files (flags) and corpus layout."""

    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    fields: FieldNames = field(default_factory=FieldNames)
    max_bytes: int | None = None
    min_english_ratio: float | None = None


def parse_date(value: str | None) -> date | None:
    """An ISO date (or the date part of an ISO timestamp); None when absent or unreadable."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def make_report(
    text: str,
    origin: str,
    options: ReadOptions,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    url: str | None = None,
    source_id: str | None = None,
) -> Report:
    """Validate decoded text (empty, size, language) and build the Report."""
    settings = get_settings()
    limit = options.max_bytes or settings.max_report_bytes
    check_size(len(text.encode("utf-8")), limit, origin)
    if not text.strip():
        raise EmptyInputError(f"{origin}: input is empty")
    ratio = (
        options.min_english_ratio
        if options.min_english_ratio is not None
        else settings.min_english_ratio
    )
    lang = detect_language(text, ratio)
    if lang != "en":
        raise LanguageError(
            f"{origin}: text does not look like English (detected: {lang}); "
            f"sitreps reads English reports only"
        )
    return Report(
        id=report_id(text),
        text=text,
        title=options.title or title,
        outlet=options.outlet or outlet,
        published=options.published or published,
        url=options.url or url,
        language="en",
        source_id=source_id,
        origin=origin,
    )


def read_paths(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Report | Skipped]:
    """Every report of every path (files, directories recursively, ``-`` for stdin)."""
    opts = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            yield from _read_stream(sys.stdin.buffer, "stdin", opts)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                yield from read_file(child, opts)
        elif path.exists():
            yield from read_file(path, opts)
        else:
            yield Skipped(str(path), f"{path}: no such file or directory", "unreadable")


def _suffixes(path: Path) -> tuple[str, bool]:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return Path(path.stem).suffix.lower(), True
    return suffix, False


def read_file(path: Path, options: ReadOptions) -> Iterator[Report | Skipped]:
    origin = str(path)
    suffix, gz = _suffixes(path)
    try:
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            with _open_binary(path, gz) as fh:
                yield from _read_corpus(fh, origin, suffix, options)
            return
        limit = options.max_bytes or get_settings().max_report_bytes
        if not gz:
            check_size(path.stat().st_size, limit, origin)
        with _open_binary(path, gz) as fh:
            data = fh.read(limit + 1)
        check_size(len(data), limit, origin)
        yield _single(data, origin, options, html=suffix in HTML_SUFFIXES)
    except InputError as exc:
        yield Skipped(origin, str(exc), exc.code)
    except (OSError, EOFError) as exc:
        yield Skipped(
            origin, f"{origin}: cannot read ({exc.__class__.__name__}: {exc})", "unreadable"
        )


def _open_binary(path: Path, gz: bool) -> IO[bytes]:
    if gz:
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _read_stream(
    stream: IO[bytes], origin: str, options: ReadOptions
) -> Iterator[Report | Skipped]:
    limit = options.max_bytes or get_settings().max_report_bytes
    try:
        data = stream.read(limit + 1)
        check_size(len(data), limit, origin)
        looks_html = data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
        yield _single(data, origin, options, html=looks_html)
    except InputError as exc:
        yield Skipped(origin, str(exc), exc.code)


def _single(data: bytes, origin: str, options: ReadOptions, *, html: bool) -> Report:
    text = decode(data, origin)
    if html:
        page = extract_html(text, origin)
        return make_report(
            page.text,
            origin,
            options,
            title=page.title,
            outlet=page.outlet,
            published=page.published,
            url=page.url,
        )
    return make_report(text, origin, options)


def _read_corpus(
    fh: IO[bytes], origin: str, suffix: str, options: ReadOptions
) -> Iterator[Report | Skipped]:
    with io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict", newline="") as stream:
        yield from _corpus_rows(stream, origin, suffix, options)


def _corpus_rows(
    stream: IO[str], origin: str, suffix: str, options: ReadOptions
) -> Iterator[Report | Skipped]:
    f = options.fields
    try:
        if suffix in JSONL_SUFFIXES:
            rows: Iterator[tuple[int, dict[str, object] | None, str | None]] = _jsonl_rows(stream)
        else:
            rows = _csv_rows(stream)
        for lineno, row, problem in rows:
            where = f"{origin}:{lineno}"
            if row is None:
                yield Skipped(where, f"{where}: {problem}", "malformed")
                continue
            yield _row_report(row, where, f, options)
    except UnicodeDecodeError as exc:
        yield Skipped(origin, f"{origin}: corpus is not valid UTF-8 ({exc.reason})", "encoding")
    except csv.Error as exc:
        yield Skipped(origin, f"{origin}: malformed CSV ({exc})", "malformed")


def _row_report(
    row: dict[str, object], where: str, f: FieldNames, options: ReadOptions
) -> Report | Skipped:
    def get(key: str) -> str | None:
        value = row.get(key)
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    try:
        text = row.get(f.text)
        if not isinstance(text, str) or not text.strip():
            raise MalformedInputError(f"{where}: field {f.text!r} is missing or empty")
        return make_report(
            text.replace("\r\n", "\n"),
            where,
            ReadOptions(max_bytes=options.max_bytes, min_english_ratio=options.min_english_ratio),
            title=get(f.title) or options.title,
            outlet=get(f.outlet) or options.outlet,
            published=parse_date(get(f.published)) or options.published,
            url=get(f.url) or options.url,
            source_id=get(f.id),
        )
    except InputError as exc:
        return Skipped(where, str(exc), exc.code)


def _jsonl_rows(stream: IO[str]) -> Iterator[tuple[int, dict[str, object] | None, str | None]]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, None, f"invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(obj, dict):
            yield lineno, None, "a JSON line must be an object"
            continue
        yield lineno, obj, None


def _csv_rows(stream: IO[str]) -> Iterator[tuple[int, dict[str, object] | None, str | None]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(stream)
    for row in reader:
        yield reader.line_num, dict(row), None
