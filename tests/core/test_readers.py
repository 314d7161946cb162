from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from sitreps.errors import EncodingError
from sitreps.ingest import FieldNames, ReadOptions, read_paths
from sitreps.ingest.decode import decode, looks_binary
from sitreps.ingest.ids import report_id
from sitreps.ingest.language import detect_language
from sitreps.models import Report, Skipped

EN = (
    "Government forces shelled the town on Monday, and the local council said that two "
    "civilians were killed in the attack while others fled to the north of the province."
)


def _only(items: list[Report | Skipped]) -> Report | Skipped:
    assert len(items) == 1
    return items[0]


def test_text_file_becomes_report_with_content_hash(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    r = _only(list(read_paths([str(p)], ReadOptions(outlet="X", published=date(2020, 1, 2)))))
    assert isinstance(r, Report)
    assert r.id == report_id(EN) and r.id.startswith("r-")
    assert r.outlet == "X" and r.published == date(2020, 1, 2)
    # the same text elsewhere gets the same id; a different text another one
    q = tmp_path / "b.txt"
    q.write_text(EN + "\n", encoding="utf-8")
    r2 = _only(list(read_paths([str(q)])))
    assert isinstance(r2, Report) and r2.id == r.id
    assert report_id(EN + " More.") != r.id


@pytest.mark.parametrize(
    ("content", "code", "needle"),
    [
        (b"", "empty", "empty"),
        (b"   \n\t ", "empty", "empty"),
        (b"\x00\x01\x02binary\x00" * 10, "binary", "binary"),
        (
            "القوات الحكومية قصفت البلدة يوم الاثنين وقال المجلس المحلي إن مدنيين قتلا".encode(),
            "language",
            "English",
        ),
        (
            b"Les forces gouvernementales ont bombarde la ville lundi et le conseil local a "
            b"declare que deux civils ont ete tues dans cette attaque pendant la nuit.",
            "language",
            "English",
        ),
    ],
)
def test_bad_single_inputs_are_skipped_with_reason(
    tmp_path: Path, content: bytes, code: str, needle: str
) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    s = _only(list(read_paths([str(p)])))
    assert isinstance(s, Skipped)
    assert s.code == code
    assert needle in s.reason and str(p) in s.reason


def test_too_large_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(EN * 100, encoding="utf-8")
    s = _only(list(read_paths([str(p)], ReadOptions(max_bytes=1000))))
    assert isinstance(s, Skipped) and s.code == "too_large"
    assert "limit of 1,000 bytes" in s.reason


def test_latin1_text_is_detected_and_decoded() -> None:
    text = "Les réfugiés ont fui vers la frontière après les combats, selon l'agence locale."
    assert decode(text.encode("latin-1"), "x").startswith("Les réfugiés")


def test_undecodable_bytes_give_encoding_error() -> None:
    with pytest.raises(EncodingError):
        decode(bytes(range(128, 256)) * 3, "x")


def test_looks_binary() -> None:
    assert looks_binary(b"abc\x00def")
    assert not looks_binary(EN.encode())


def test_language_check() -> None:
    assert detect_language(EN, 0.12) == "en"
    assert detect_language("Rebels seize Kafr Nabl", 0.12) == "en"  # headline: too short to judge
    assert (
        detect_language("Мы получаем оружие и боеприпасы из Иордании каждую неделю", 0.12) == "ru"
    )


def test_jsonl_corpus_keeps_ids_and_skips_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": EN, "outlet": "SOHR", "published": "2019-03-04T10:00:00"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text"}),
        json.dumps({"id": "a4", "text": EN + " Again."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(p)]))
    assert [type(i).__name__ for i in items] == ["Report", "Skipped", "Skipped", "Report"]
    first = items[0]
    assert isinstance(first, Report)
    assert first.source_id == "a1" and first.outlet == "SOHR"
    assert first.published == date(2019, 3, 4)
    assert isinstance(items[1], Skipped) and items[1].origin.endswith(":2")
    assert "invalid JSON" in items[1].reason
    assert isinstance(items[2], Skipped) and "'text'" in items[2].reason


def test_csv_corpus_with_custom_field_names_and_gzip(tmp_path: Path) -> None:
    p = tmp_path / "c.csv.gz"
    body = f'doc,body,src\nx1,"{EN}",Reuters\n'
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(body)
    opts = ReadOptions(fields=FieldNames(id="doc", text="body", outlet="src"))
    r = _only(list(read_paths([str(p)], opts)))
    assert isinstance(r, Report)
    assert (r.source_id, r.outlet, r.text) == ("x1", "Reuters", EN)


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    html = f"""<!doctype html><html><head><title>Clashes in Idlib</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2021-05-06T08:00:00Z"></head>
    <body><nav>Home | World</nav><article><h1>Clashes in Idlib</h1>
    <p>{EN}</p><p>{EN}</p></article><footer>Copyright</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    r = _only(list(read_paths([str(p)])))
    assert isinstance(r, Report)
    assert "Government forces shelled" in r.text and "Home | World" not in r.text
    assert r.title == "Clashes in Idlib"
    assert r.published == date(2021, 5, 6)
    assert r.outlet == "Example News"


def test_directory_is_read_recursively_and_missing_path_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "y.txt").write_text(EN + " Also.", encoding="utf-8")
    items = list(read_paths([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert sum(isinstance(i, Report) for i in items) == 2
    assert isinstance(items[-1], Skipped) and "no such file" in items[-1].reason
