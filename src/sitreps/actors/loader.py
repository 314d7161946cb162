"""Load and validate the actor data files (``src/sitreps/data/actors/*.yaml``).

A file holds ``actors:`` (a list of records), and optionally ``countries:`` (the country
table: ACLED country name, other names, demonyms, state-period labels) and ``templates:``
(records expanded once per country: "Protesters ({country})"). Any problem raises
:class:`~sitreps.errors.DataError` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitreps.actors.records import (
    AFFILIATION_KINDS,
    INTER_BY_KIND,
    ActorRecord,
    Affiliation,
    DatedName,
    Leadership,
)
from sitreps.errors import DataError

_RECORD_KEYS = frozenset(
    {
        "id",
        "name",
        "acled_name",
        "kind",
        "inter",
        "country",
        "aliases",
        "context_aliases",
        "context_countries",
        "affiliations",
        "leaders",
        "active_from",
        "active_to",
        "acled_names",
        "description",
    }
)
_TEMPLATE_KEYS = _RECORD_KEYS | {"countries", "exclude", "per_period"}


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str  # as ACLED writes it: "Syria", "Palestine"
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    of_name: str = ""  # "the United States" in "Military Forces of the United States"


@dataclass
class RawData:
    """Everything read from the data files, before indexing."""

    records: list[ActorRecord] = field(default_factory=list)
    countries: dict[str, Country] = field(default_factory=dict)
    #: ``extend:`` entries: more aliases/links for a record defined elsewhere (a template)
    extensions: list[tuple[str, ActorRecord]] = field(default_factory=list)

    def apply_extensions(self) -> None:
        by_id = {r.id: i for i, r in enumerate(self.records)}
        for src, ext in self.extensions:
            if ext.id not in by_id:
                raise DataError(f"{src}: entry {ext.id!r}: extends an unknown actor")
            i = by_id[ext.id]
            base = self.records[i]
            self.records[i] = replace(
                base,
                aliases=tuple(dict.fromkeys(base.aliases + ext.aliases)),
                context_aliases=tuple(dict.fromkeys(base.context_aliases + ext.context_aliases)),
                context_countries=tuple(
                    dict.fromkeys(base.context_countries + ext.context_countries)
                ),
                affiliations=base.affiliations + ext.affiliations,
                leaders=base.leaders + ext.leaders,
                description=ext.description or base.description,
            )
        self.extensions.clear()


def _where(src: str, entry: object) -> str:
    return f"{src}: entry {entry!r}"


def _date(value: object, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, int) and 1900 <= value <= 2100:
        return date(value, 1, 1)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DataError(f"{where}: bad date {value!r} (use YYYY-MM-DD or a year)")


def _strs(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _affiliations(value: Any, where: str) -> tuple[Affiliation, ...]:
    out = []
    for item in value or []:
        if isinstance(item, str):
            item = {"actor": item}
        if not isinstance(item, dict) or not isinstance(item.get("actor"), str):
            raise DataError(f"{where}: affiliation {item!r} needs an 'actor' id")
        kind = item.get("kind", "part_of")
        if kind not in AFFILIATION_KINDS:
            raise DataError(f"{where}: affiliation kind {kind!r} not in {AFFILIATION_KINDS}")
        out.append(
            Affiliation(
                item["actor"], kind, _date(item.get("from"), where), _date(item.get("to"), where)
            )
        )
    return tuple(out)


def _leaders(value: Any, where: str) -> tuple[Leadership, ...]:
    out = []
    for item in value or []:
        if isinstance(item, str):
            item = {"person": item}
        if not isinstance(item, dict) or not isinstance(item.get("person"), str):
            raise DataError(f"{where}: leader {item!r} needs a 'person' id")
        out.append(
            Leadership(
                item["person"],
                str(item.get("title", "leader")),
                _date(item.get("from"), where),
                _date(item.get("to"), where),
            )
        )
    return tuple(out)


def _dated_names(value: Any, where: str) -> tuple[DatedName, ...]:
    out = []
    for item in value or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DataError(f"{where}: acled_names item {item!r} needs a 'name'")
        out.append(
            DatedName(item["name"], _date(item.get("from"), where), _date(item.get("to"), where))
        )
    return tuple(out)


def build_record(raw: Mapping[str, Any], src: str, overlay: bool = False) -> ActorRecord:
    """Validate one raw record and build it."""
    if not isinstance(raw, Mapping):
        raise DataError(f"{src}: an actor entry must be a mapping, got {raw!r}")
    ident = raw.get("id")
    where = _where(src, ident if ident else raw.get("name"))
    unknown = set(raw) - _RECORD_KEYS
    if unknown:
        raise DataError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "name", "kind"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataError(f"{where}: missing or empty {key!r}")
    kind = raw["kind"]
    if kind not in INTER_BY_KIND:
        raise DataError(f"{where}: kind {kind!r} not one of {sorted(INTER_BY_KIND)}")
    inter = raw.get("inter", INTER_BY_KIND[kind])
    if inter is not None and (not isinstance(inter, int) or not 1 <= inter <= 8):
        raise DataError(f"{where}: inter must be an integer 1-8, got {inter!r}")
    if kind in ("person", "outlet") and inter is not None:
        raise DataError(f"{where}: a {kind} has no inter code")
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 3):
        raise DataError(f"{where}: country must be an ISO3 code, got {country!r}")
    acled = raw.get("acled_name") or raw["name"]
    start = _date(raw.get("active_from"), where)
    end = _date(raw.get("active_to"), where)
    if start and end and end <= start:
        raise DataError(f"{where}: active_to {end} is not after active_from {start}")
    return ActorRecord(
        id=raw["id"].strip(),
        name=raw["name"].strip(),
        acled_name=str(acled).strip(),
        kind=kind,
        inter=inter,
        country=country.upper() if country else None,
        aliases=_strs(raw.get("aliases"), where, "aliases"),
        context_aliases=_strs(raw.get("context_aliases"), where, "context_aliases"),
        context_countries=_strs(raw.get("context_countries"), where, "context_countries")
        or ((country.upper(),) if country else ()),
        affiliations=_affiliations(raw.get("affiliations"), where),
        leaders=_leaders(raw.get("leaders"), where),
        active_from=start,
        active_to=end,
        acled_names=_dated_names(raw.get("acled_names"), where),
        description=str(raw.get("description", "")),
        source=src,
        overlay=overlay,
    )


def _countries(value: object, src: str) -> dict[str, Country]:
    if not isinstance(value, dict):
        raise DataError(f"{src}: 'countries' must be a mapping of ISO3 code to country")
    out = {}
    for iso3, raw in value.items():
        where = _where(src, iso3)
        if not isinstance(iso3, str) or len(iso3) != 3 or not isinstance(raw, dict):
            raise DataError(f"{where}: a country is ISO3: {{name, names, demonyms, periods}}")
        if not isinstance(raw.get("name"), str):
            raise DataError(f"{where}: missing 'name'")
        periods = tuple(
            Period(str(p["label"]), _date(p.get("from"), where), _date(p.get("to"), where))
            for p in raw.get("periods") or []
        )
        out[iso3] = Country(
            iso3,
            raw["name"],
            _strs(raw.get("names"), where, "names"),
            _strs(raw.get("demonyms"), where, "demonyms"),
            periods,
            str(raw.get("of_name") or raw["name"]),
        )
    return out


def _fill(value: Any, subst: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return value.format_map(subst)
    if isinstance(value, list):
        return [_fill(v, subst) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, subst) for k, v in value.items()}
    return value


def _expand_alias_list(items: list[str], demonyms: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for item in items:
        if "{demonym}" in item:
            out.extend(item.replace("{demonym}", d) for d in demonyms)
        else:
            out.append(item)
    return out


def expand_templates(
    templates: object, countries: Mapping[str, Country], src: str
) -> Iterator[ActorRecord]:
    """One record per template and country ("{iso}.protesters" -> "syr.protesters")."""
    if not isinstance(templates, list):
        raise DataError(f"{src}: 'templates' must be a list")
    for tpl in templates:
        if not isinstance(tpl, dict) or set(tpl) - _TEMPLATE_KEYS:
            raise DataError(f"{_where(src, tpl)}: bad template (keys {sorted(_TEMPLATE_KEYS)})")
        wanted = tpl.get("countries", "all")
        isos = list(countries) if wanted == "all" else list(wanted)
        isos = [i for i in isos if i not in (tpl.get("exclude") or ())]
        for iso in isos:
            if iso not in countries:
                raise DataError(f"{_where(src, tpl.get('id'))}: unknown country {iso!r}")
            c = countries[iso]
            subst = {
                "iso": iso.lower(),
                "country": c.name,
                "country_of": c.of_name,
                "period": "",
                "iso3": iso,
            }
            raw = {k: v for k, v in tpl.items() if k not in ("countries", "exclude", "per_period")}
            demonyms = c.demonyms or (c.name,)
            for key in ("aliases", "context_aliases"):
                if key in raw:
                    raw[key] = _expand_alias_list(list(raw[key]), demonyms)
            if tpl.get("per_period") and c.periods:
                raw["acled_names"] = [
                    {
                        "name": _fill(tpl["acled_name"], {**subst, "period": p.label}),
                        "from": p.start,
                        "to": p.end,
                    }
                    for p in c.periods
                ]
                subst["period"] = c.periods[-1].label
            elif tpl.get("per_period"):
                raise DataError(f"{_where(src, tpl.get('id'))}: country {iso} has no periods")
            raw = _fill(raw, subst)
            raw.setdefault("country", iso)
            yield build_record(raw, src)


def read_file(path: Path | Any, data: RawData, overlay: bool = False) -> None:
    """Read one YAML file into ``data`` (countries first, then templates and actors)."""
    src = getattr(path, "name", str(path))
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{src}: cannot read actor file: {exc}") from exc
    if content is None:
        return
    if not isinstance(content, dict) or set(content) - {"countries", "templates", "actors"}:
        raise DataError(f"{src}: top level must have only countries/templates/actors")
    if "countries" in content:
        data.countries.update(_countries(content["countries"], src))
    if "templates" in content:
        data.records.extend(expand_templates(content["templates"], data.countries, src))
    for raw in content.get("actors") or []:
        if isinstance(raw, dict) and raw.get("extend"):
            ext = {k: v for k, v in raw.items() if k != "extend"}
            ext.setdefault("name", ext.get("id", "?"))
            ext.setdefault("kind", "unknown")
            data.extensions.append((src, build_record(ext, src, overlay)))
        else:
            data.records.append(build_record(raw, src, overlay))


def packaged_files() -> list[Any]:
    """The packaged YAML files, countries first (templates need the country table)."""
    root = resources.files("sitreps") / "data" / "actors"
    files = sorted(
        (f for f in root.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name
    )
    return sorted(files, key=lambda f: 0 if f.name.startswith("countries") else 1)


def load_all(overlay: Path | None = None, extra: Iterable[Path] = ()) -> RawData:
    data = RawData()
    for f in packaged_files():
        read_file(f, data)
    for f in extra:
        read_file(f, data)
    if overlay is not None:
        if not Path(overlay).is_file():
            raise DataError(f"actor overlay file {overlay} does not exist")
        read_file(Path(overlay), data, overlay=True)
    data.apply_extensions()
    return data
