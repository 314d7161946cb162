"""Attribution scores of the claims stage alone, for development on PolNeAR.

``sitreps evaluate attribution`` is the reference scorer; it runs the actor stage too. This
module runs only the NLP stage and :func:`~sitreps.extract.claims.find_claims` (with the actor
stage when it is importable, else with no actors) and scores with the same functions, so that
attribution rules can be measured on their own:

    python -m sitreps.extract.attribution_eval PATH/polnear dev
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitreps.evaluate.attribution import load_polnear, score_attribution
from sitreps.evaluate.results import Scores
from sitreps.extract.claims import find_claims
from sitreps.models import ActorFinding, Claim, Report
from sitreps.nlp import ParsedReport, parse_many


def _actors(parsed: ParsedReport) -> ActorFinding:
    try:
        from sitreps.actors.mentions import find_actors
    except ImportError:
        return ActorFinding()
    return find_actors(parsed)


def score_claims_stage(
    path: Path, split: str = "dev", limit: int | None = None, with_actors: bool = True
) -> Scores:
    """PolNeAR scores of the claims stage on ``split`` (first ``limit`` articles)."""
    docs = load_polnear(path, split)[:limit]
    reports = [Report(id=d.id, text=d.text, origin=d.id) for d in docs]
    predictions: dict[str, tuple[Claim, ...]] = {}
    for parsed in parse_many(reports, batch_size=8):
        found = _actors(parsed) if with_actors else ActorFinding()
        predictions[parsed.report.id] = find_claims(parsed, found)
    return score_attribution(docs, predictions)


def main(argv: list[str]) -> int:  # pragma: no cover - a development entry point
    path = Path(argv[0])
    split = argv[1] if len(argv) > 1 else "dev"
    limit = int(argv[2]) if len(argv) > 2 and argv[2].isdigit() else None
    scores = score_claims_stage(path, split, limit, with_actors="--no-actors" not in argv)
    for key, value in sorted(scores.metrics.items()):
        if (value is not None and key.endswith("_f1")) or key == "linking_accuracy":
            sys.stdout.write(f"{key:28s} {value:.3f}\n" if value is not None else f"{key} -\n")
    sys.stdout.write(f"{scores.counts}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
