"""Frozen values passed between the stages of the pipeline.

Every stage takes these values and returns new ones (``dataclasses.replace``); nothing is
mutated in place. Every value that comes from text carries the :class:`Span` that justifies it,
with ``span.text == report.text[span.start:span.end]``.

The JSON contract (``sitreps extract --format json``) is produced from these values by
:mod:`sitreps.serialize` and described by ``src/sitreps/data/schema/extraction.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Modality = Literal["asserted", "negated", "hypothetical", "future", "question"]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "question")

RelationKind = Literal[
    "fights", "allied", "supports", "supplies", "part_of", "leads", "transfers_territory_to"
]
RELATION_KINDS: tuple[str, ...] = (
    "fights",
    "allied",
    "supports",
    "supplies",
    "part_of",
    "leads",
    "transfers_territory_to",
)

#: Kinds of actor. ``person`` is a named individual (a leader, a spokesperson); it has no
#: ACLED inter code. ``unknown`` marks a provisional actor the knowledge base does not know.
ActorKind = Literal[
    "state",
    "rebel",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",
    "person",
    "unknown",
]

PlaceFeature = Literal["country", "admin1", "admin2", "region", "city", "village", "site"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of ``Report.text`` and the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Report:
    """One source document. ``id`` is a content hash (see :mod:`sitreps.ingest.ids`)."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    language: str = "en"
    source_id: str | None = None
    origin: str | None = None  # file name, "stdin" or "corpus.jsonl:17"; not part of the id


@dataclass(frozen=True, slots=True)
class Turn:
    """A speaker-labelled turn of an interview transcript (``D24: ...``)."""

    speaker: str  # the label as written, e.g. "D24" or "Talass"
    label: Span  # the label and its colon; never a sentence or an entity
    content: Span  # what the speaker says


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an actor, a person, a place, a time or a quantity."""

    id: str
    kind: Literal["actor", "person", "place", "time", "quantity"]
    span: Span
    sentence: int  # index into ParsedReport.sentences
    entity_id: str | None = None  # resolved actor / place id, when resolved
    label: str = ""  # NER label or ruler label the mention came from
    score: float = 0.0  # resolution score in [0, 1]
    reason: str = ""  # how it was resolved: "alias", "normalised alias", "fuzzy", "acronym" ...


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as it appears in one report (known or provisional)."""

    id: str
    name: str
    kind: str
    inter: int | None  # ACLED inter code 1-8; None for persons
    country: str | None  # ISO 3166-1 alpha-3
    acled_name: str
    mentions: tuple[Span, ...] = ()
    provisional: bool = False
    role: str | None = None  # for persons: "leader of Jaysh Assud al-Sharqiyah"


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    admin1: str | None
    admin2: str | None
    feature: str  # one of PlaceFeature
    mentions: tuple[Span, ...] = ()
    geo_precision: int = 1  # ACLED: 1 town, 2 part of / near a region, 3 province or larger
    source: str = ""  # table the record came from: geonames, ucdp, acled, admin, region


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the text gives: killed, injured, captured, destroyed materiel ..."""

    kind: str  # killed, injured, casualties, captured, arrested, abducted, displaced, destroyed, downed
    value: int | None  # best single value; None when the text gives none ("a number of")
    low: int | None
    high: int | None
    qualifier: str | None  # "more than", "at least", "dozens", "a number of", "about" ...
    span: Span
    object: str | None = None  # what is counted: "armored vehicles", "aircraft", "soldiers"
    side: str | None = None  # actor id the count belongs to, when the text says
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class Fatalities:
    best: int | None
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event_type: str | None  # ACLED event type; None for PLOVER-only events (arms supply)
    sub_event_type: str | None
    plover: str  # PLOVER event category: ASSAULT, FIGHT, AID, PROTEST ...
    plover_mode: str | None
    actor1: str | None  # actor ids
    assoc_actor1: tuple[str, ...]
    actor2: str | None
    assoc_actor2: tuple[str, ...]
    place: str | None  # place id
    geo_precision: int | None
    date_start: date | None
    date_end: date | None
    time_precision: int | None  # ACLED: 1 day, 2 week, 3 month or longer
    fatalities: Fatalities | None
    quantities: tuple[Quantity, ...]
    modality: str  # one of MODALITIES
    claim: str | None
    evidence: tuple[Span, ...]
    trigger: Span | None = None
    location_reason: str | None = None
    date_reason: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    claimant: str | None  # actor id or a person's name; None for an unattributed statement
    claimant_role: str | None
    outlet: str | None
    cue: Span | None
    content: Span
    partisan: bool
    kind: str = "narration"  # quote, indirect, according_to, interview_answer, interview_question, narration
    parent: str | None = None  # enclosing claim for nested attribution
    source: Span | None = None  # the span naming the claimant ("he", "Talass Al-Salama")


@dataclass(frozen=True, slots=True)
class Relation:
    source: str  # actor id (or person actor id for ``leads``)
    target: str
    kind: str  # one of RELATION_KINDS
    evidence: tuple[Span, ...]
    claim: str | None = None
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class Stance:
    """A claimant's attitude towards an actor, as a statement expresses it."""

    holder: str  # claimant: actor id or person
    target: str  # actor id
    polarity: str  # hostile | favourable
    evidence: tuple[Span, ...]
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one report."""

    report: Report
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    stances: tuple[Stance, ...] = ()
    turns: tuple[Turn, ...] = ()
    sentences: tuple[Span, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that produced no report, and why. Never silent."""

    origin: str
    reason: str
    code: str  # empty, binary, too_large, encoding, language, malformed, unreadable


# --- results handed between stages -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorFinding:
    """Output of the actor stage: the report's actors (and persons) and their mentions."""

    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceFinding:
    """Output of the toponym stage: the report's resolved places and their mentions."""

    places: tuple[Place, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class LocationChoice:
    """Where an event happened, and why that place was chosen."""

    place: str | None
    geo_precision: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class TimeInfo:
    """When an event happened; all None when the text and metadata give no date."""

    date_start: date | None
    date_end: date | None
    time_precision: int | None
    reason: str
    span: Span | None = None
