from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.actors.kb import load_kb
from sitreps.errors import DataError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_base_is_large_and_valid() -> None:
    kb = load_kb()
    assert len(kb) >= 400
    kinds = {r.kind for r in kb.records()}
    assert {"state", "rebel", "political_militia", "person", "outlet"} <= kinds
    for rec in kb.records():
        assert rec.inter is None or 1 <= rec.inter <= 8
        assert rec.acled_name


def test_bad_entry_names_file_and_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "actors:\n  - {id: x.bad, name: Bad Group, kind: rebel, inter: 12}\n")
    with pytest.raises(DataError, match=r"mine\.yaml.*x\.bad.*inter"):
        load_kb(overlay=path)


def test_unknown_link_is_an_error(tmp_path: Path) -> None:
    text = (
        "actors:\n  - id: x.grp\n    name: Some Brigade\n    kind: rebel\n"
        "    affiliations: [{actor: no.such.actor}]\n"
    )
    with pytest.raises(DataError, match=r"no\.such\.actor"):
        load_kb(overlay=_write(tmp_path, text))


def test_missing_overlay_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        load_kb(overlay=tmp_path / "absent.yaml")


def test_overlay_adds_and_replaces(tmp_path: Path) -> None:
    text = (
        "actors:\n"
        "  - id: x.brigade\n    name: Liwa Example\n    kind: rebel\n    country: SYR\n"
        "    aliases: [Example Brigade]\n    affiliations: [{actor: syr.fsa, from: 2015-01-01}]\n"
        "  - id: syr.fsa\n    name: Free Syrian Army\n    acled_name: FSA (overlay)\n"
        "    kind: rebel\n    country: SYR\n    aliases: [FSA]\n"
    )
    kb = load_kb(overlay=_write(tmp_path, text))
    res = kb.resolve("Example Brigade")
    assert res is not None and res.actor_id == "x.brigade"
    assert kb.get("syr.fsa").acled_name == "FSA (overlay)"
    assert kb.get("x.brigade").overlay
    assert kb.parents("x.brigade") == ("syr.fsa",)


def test_templates_expand_per_country_with_dated_names() -> None:
    from datetime import date

    kb = load_kb()
    irq = kb.get("irq.military")
    assert irq.acled_name_on(date(2021, 3, 1)) == "Military Forces of Iraq (2020-)"
    assert irq.acled_name_on(date(2017, 3, 1)) == "Military Forces of Iraq (2014-2018)"
    assert kb.get("usa.military").acled_name.startswith("Military Forces of the United States")
    assert kb.get("lbn.protesters").acled_name == "Protesters (Lebanon)"
