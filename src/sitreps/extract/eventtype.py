"""Typing events into ACLED event type / sub-event type.

The trigger lexicon proposes candidate sub-types; an optional linear classifier (pure Python,
JSON weights, never a pickle) weighs them against the words of the event's sentences; coder
rules then use the actors (a state retaking ground, a civilian target). The same
:func:`features` function fits the model (:mod:`sitreps.extract.train`) and applies it here.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitreps.errors import ConfigError, DataError

_SIZE_TAG = re.compile(r"\[size=[^\]]*\]", re.I)
_DATE_LEAD = re.compile(
    r"^\s*(?:on|around|between|from|during|in)\s+(?:or\s+(?:about|around)\s+)?"
    r"(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)?[^,]{0,40}?\d{4}\s*,\s*",
    re.I,
)
_TOKEN = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+")
_NUM = re.compile(r"\d+")

#: Very frequent words that carry no type information.
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "them",
        "which",
        "who",
        "whom",
        "whose",
    ]
)


def clean_note(text: str) -> str:
    """Drop ACLED's ``[size=...]`` tag and the leading date phrase of a note."""
    text = _SIZE_TAG.sub(" ", text)
    return _DATE_LEAD.sub("", text, count=1)


def tokens(text: str) -> list[str]:
    out = []
    for tok in _TOKEN.findall(clean_note(text).lower()):
        if _NUM.fullmatch(tok):
            out.append("<num>")
        else:
            out.append(tok)
    return out


def features(text: str, extra: tuple[str, ...] = ()) -> dict[str, float]:
    """Binary unigram + bigram features (stop words kept inside bigrams), L2-normalised."""
    toks = tokens(text)
    feats: set[str] = {t for t in toks if t not in _STOP}
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
    feats.update(extra)
    if not feats:
        return {}
    w = 1.0 / math.sqrt(len(feats))
    return dict.fromkeys(feats, w)


#: Weights smaller than this are not stored (sparse rows keep the shipped file small).
MIN_WEIGHT = 0.1


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: ``labels``, sparse ``weights[feature] = ((i, w), ...)``."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    meta: dict[str, str]

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in feats.items():
            for i, w in self.weights.get(name, ()):
                scores[i] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {lab: e / total for lab, e in zip(self.labels, exps, strict=True)}

    def to_json(self) -> str:
        return json.dumps(
            {
                "meta": self.meta,
                "labels": list(self.labels),
                "intercept": [round(x, 3) for x in self.intercept],
                "weights": {
                    k: [[i, round(w, 3)] for i, w in row] for k, row in sorted(self.weights.items())
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def sparse_row(
    dense: tuple[float, ...], threshold: float = MIN_WEIGHT
) -> tuple[tuple[int, float], ...]:
    return tuple((i, w) for i, w in enumerate(dense) if abs(w) >= threshold)


def load_model(path: Path) -> LinearModel:
    """Read JSON weights written by :meth:`LinearModel.to_json` (validated)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read event model {path.name}: {exc}") from exc
    try:
        labels = tuple(str(x) for x in raw["labels"])
        intercept = tuple(float(x) for x in raw["intercept"])
        weights = {
            str(k): tuple((int(i), float(w)) for i, w in v) for k, v in raw["weights"].items()
        }
        meta = {str(k): str(v) for k, v in raw.get("meta", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"event model {path.name} is malformed: {exc}") from exc
    n = len(labels)
    if len(intercept) != n or any(not 0 <= i < n for row in weights.values() for i, _ in row):
        raise DataError(f"event model {path.name}: weight rows do not match the labels")
    return LinearModel(labels, intercept, weights, meta)


# --- typing ---------------------------------------------------------------------------------

#: A candidate with this bonus or more (a strong trigger: "raped", "grenade", "took control")
#: restricts the choice to the strong candidates.
DECISIVE = 2.5
#: Let the classifier pick any sub-type of the event types the trigger proposes.
FAMILY_OPEN = True
#: Let the classifier move a violent or demonstration event to any violent or demonstration
#: sub-type (a trigger like "attack" or "killed" says little about the ACLED type); a
#: strategic development stays one unless the classifier is confident.
ALL_OPEN = True
CONFIDENT = 0.35
_OPEN_FAMILIES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}
)
#: Sub-types that need demonstrators: the classifier may move an event to one of them only when
#: the lexicon proposes it or the text names a demonstration (an official's statement, a
#: "call for" or a military strike is not a protest).
_DEMONSTRATION_SUBS = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)
_DEMONSTRATION_STEMS = (
    "protest",
    "demonstrat",
    "rallied",
    "rallies",
    "rally",
    "picket",
    "riot",
    "demand",
    "denounc",
)
_DEMONSTRATION_WORDS = frozenset(
    {
        "sit-in",
        "sit-ins",
        "vigil",
        "vigils",
        "walkout",
        "strikers",
        "marched",
        "marchers",
        "boycott",
    }
)
#: Territory taken without a fight is a non-violent transfer (ACLED).
_NO_FIGHT = re.compile(
    r"\b(?:no\s+(?:clash(?:es)?|fighting|confrontation|resistance|battle|combat)s?\s+"
    r"(?:was|were|had been|has been|took place|occurred|reported)|"
    r"without\s+(?:any\s+)?(?:a\s+)?(?:fight(?:ing)?|clash(?:es)?|confrontation|resistance|"
    r"a\s+shot|bloodshed|battle|combat)|peacefully|unopposed|no information on whether "
    r"(?:fighting|clashes|a clash))",
    re.I,
)
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str
    definition: str
    plover: str
    plover_mode: str | None


@dataclass(frozen=True)
class Typing:
    event_type: str | None
    sub_event_type: str | None
    confidence: float
    reason: str


def load_types() -> tuple[AcledType, ...]:
    """The 25 ACLED sub-event types with definitions and PLOVER mapping (validated)."""
    return _load_types()


@functools.lru_cache(maxsize=1)
def _load_types() -> tuple[AcledType, ...]:
    try:
        text = (
            resources.files("sitreps.data.events").joinpath("event_types.yaml").read_text("utf-8")
        )
        raw: Any = yaml.safe_load(text)
        out = tuple(
            AcledType(
                r["event_type"],
                r["sub_event_type"],
                r["definition"],
                r["plover"],
                r.get("plover_mode"),
            )
            for r in raw["types"]
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read the ACLED type table: {exc}") from exc
    if len({t.sub_event_type for t in out}) != len(out):
        raise DataError("event_types.yaml: duplicate sub-event type")
    return out


def type_of_sub(sub_event_type: str) -> AcledType | None:
    for t in load_types():
        if t.sub_event_type == sub_event_type:
            return t
    return None


def current_model() -> LinearModel | None:
    """The classifier named by the ``event_model`` setting, else the shipped one, else None."""
    from sitreps.settings import get_settings

    configured = getattr(get_settings(), "event_model", None)
    return _model_for(str(configured) if configured else None)


@functools.lru_cache(maxsize=4)
def _model_for(configured: str | None) -> LinearModel | None:
    if configured:
        path = Path(configured)
        if path.is_dir():
            path = path / "event_model.json"
        if not path.is_file():
            raise ConfigError(f"event model {path} does not exist")
        return load_model(path)
    shipped = resources.files("sitreps.data.events").joinpath("event_model.json")
    if shipped.is_file():
        return load_model(Path(str(shipped)))
    return None


def names_demonstration(text: str) -> bool:
    """Whether the text names demonstrators or a demonstration."""
    for tok in tokens(text):
        if tok in _DEMONSTRATION_WORDS or tok.startswith(_DEMONSTRATION_STEMS):
            return True
    return False


def classify(
    text: str,
    candidates: tuple[tuple[tuple[str, str], float], ...],
    model: LinearModel | None,
) -> Typing:
    """Choose the ACLED type and sub-type: lexicon candidates, weighed by the classifier.

    ``candidates`` are ((event_type, sub_event_type), bonus) pairs from the triggers; with no
    candidates the event has no ACLED type (a PLOVER-only event).
    """
    if not candidates:
        return Typing(None, None, 0.5, "no ACLED type for this trigger")
    bonus: dict[str, float] = {}
    for (_, sub), b in candidates:
        bonus[sub] = max(bonus.get(sub, 0.0), b)
    decisive = {sub for sub, b in bonus.items() if b >= DECISIVE}
    if bonus.keys() & _TERRITORY_SUBS and _NO_FIGHT.search(text):
        found = type_of_sub("Non-violent transfer of territory")
        if found is not None:
            return Typing(
                found.event_type, found.sub_event_type, 0.7, "territory taken without fighting"
            )
    if model is None:
        sub = max(bonus, key=lambda k: bonus[k])
        found = type_of_sub(sub)
        return Typing(found.event_type if found else None, sub, 0.6, "trigger lexicon")
    probs = model.probabilities(features(text))
    families = {t.event_type for t in load_types() if t.sub_event_type in bonus}
    allowed = {
        t.sub_event_type
        for t in load_types()
        if t.sub_event_type in bonus
        or (FAMILY_OPEN and t.event_type in families)
        or (ALL_OPEN and families & _OPEN_FAMILIES and t.event_type in _OPEN_FAMILIES)
        or (ALL_OPEN and probs.get(t.sub_event_type, 0.0) >= CONFIDENT)
    }
    if not bonus.keys() & _DEMONSTRATION_SUBS and not names_demonstration(text):
        allowed -= _DEMONSTRATION_SUBS
    if decisive:
        allowed = decisive
    scores = {lab: math.log(probs.get(lab, 0.0) + 1e-4) + bonus.get(lab, 0.0) for lab in allowed}
    best = max(scores, key=lambda k: scores[k])
    found = type_of_sub(best)
    if found is None:
        return Typing(None, None, 0.0, f"unknown sub-event type {best!r}")
    conf = probs.get(best, 0.0)
    reason = "trigger lexicon + classifier" if best in bonus else "classifier"
    return Typing(
        found.event_type, best, round(min(1.0, 0.5 * conf + 0.5 * (best in bonus)), 3), reason
    )


_NON_STATE = frozenset({"rebel", "political_militia", "identity_militia"})
_RETAKE = re.compile(r"\b(?:regain|retak|retook|recaptur|reclaim)\w*", re.I)


def refine(typing: Typing, actor1_kind: str | None, actor2_kind: str | None, text: str) -> Typing:
    """Rules an ACLED coder applies once the actors are known."""
    sub = typing.sub_event_type
    if sub in ("Government regains territory", "Non-state actor overtakes territory"):
        want = (
            "Government regains territory"
            if actor1_kind in ("state", "external")
            else "Non-state actor overtakes territory"
        )
        if actor1_kind is not None and want != sub:
            return Typing("Battles", want, typing.confidence, typing.reason + "; actor1 kind")
        if actor1_kind in (None, "unknown") and _RETAKE.search(text):
            # "regained / retook / recaptured the hill": ground taken back, as governments do
            return Typing(
                "Battles",
                "Government regains territory",
                typing.confidence,
                typing.reason + "; retaken",
            )
    if sub == "Arrests" and actor1_kind in _NON_STATE:
        # ACLED: detention by a non-state group is an abduction, not an arrest
        return Typing(
            "Violence against civilians",
            "Abduction/forced disappearance",
            typing.confidence,
            typing.reason + "; non-state detention",
        )
    if sub == "Armed clash" and actor2_kind == "civilians":
        return Typing(
            "Violence against civilians",
            "Attack",
            typing.confidence,
            typing.reason + "; civilian target",
        )
    if sub == "Attack" and actor2_kind in (
        "state",
        "rebel",
        "political_militia",
        "identity_militia",
        "external",
    ):
        return Typing("Battles", "Armed clash", typing.confidence, typing.reason + "; armed target")
    return typing
