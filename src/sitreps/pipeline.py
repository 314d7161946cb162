"""Wires the stages: ``extract(report) -> Extraction``.

Stage order (each declares what it needs; see ``docs/architecture.md``):

1. ``nlp.parse``                      Report -> ParsedReport (sentences, turns, NER, parse)
2. ``actors.mentions.find_actors``    ParsedReport -> ActorFinding
3. ``geo.toponyms.find_places``       ParsedReport, ActorFinding -> PlaceFinding
4. ``extract.quantities.find_quantities``  ParsedReport -> tuple[Quantity]
5. ``extract.claims.find_claims``     ParsedReport, ActorFinding -> tuple[Claim]
6. ``extract.events.find_events``     all of the above -> tuple[Event]
7. ``extract.relations.find_relations``   ... -> tuple[Relation]
8. ``extract.claims.mark_partisan``   claims, events, relations -> tuple[Claim]
9. ``extract.stance.report_stances``   ... -> tuple[Stance] (speakers' hostile / favourable stances)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sitreps.actors.mentions import find_actors
from sitreps.extract.claims import find_claims, mark_partisan
from sitreps.extract.events import find_events
from sitreps.extract.quantities import find_quantities
from sitreps.extract.relations import find_relations
from sitreps.extract.stance import report_stances
from sitreps.geo.toponyms import find_places
from sitreps.models import Extraction, Report
from sitreps.nlp import ParsedReport, parse, parse_many


def extract_parsed(parsed: ParsedReport) -> Extraction:
    """Run every stage after the NLP stage on one parsed report."""
    actors = find_actors(parsed)
    places = find_places(parsed, actors)
    quantities = find_quantities(parsed)
    claims = find_claims(parsed, actors)
    events = find_events(parsed, actors, places, quantities, claims)
    relations = find_relations(parsed, actors, events, claims)
    claims = mark_partisan(claims, events, relations, actors)
    stances = report_stances(parsed, actors, claims, relations)
    mentions = tuple(sorted(actors.mentions + places.mentions, key=lambda m: m.span.start))
    return Extraction(
        report=parsed.report,
        actors=actors.actors,
        places=places.places,
        mentions=mentions,
        events=events,
        claims=claims,
        relations=relations,
        stances=stances,
        turns=parsed.turns,
        sentences=parsed.sentences,
    )


def extract(report: Report) -> Extraction:
    """Extract events, claims and relations from one report."""
    return extract_parsed(parse(report))


def extract_many(reports: Iterable[Report], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of reports, parsing them in batches."""
    for parsed in parse_many(reports, batch_size=batch_size):
        yield extract_parsed(parsed)
