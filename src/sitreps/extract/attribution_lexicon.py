"""Word lists for attribution and relation statements, loaded once from packaged YAML files.

``data/lexicon/cues.yaml`` holds speech verbs, "according to" phrases and role nouns;
``data/lexicon/relation_patterns.yaml`` holds the words that signal fighting, support, supply,
territory transfer, membership and alignment. Both are validated when first loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitreps.errors import DataError


@dataclass(frozen=True, slots=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    colon_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    xcomp_verbs: frozenset[str]
    np_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    prep_verbs: dict[str, frozenset[str]]
    according_phrases: tuple[str, ...]
    role_nouns: frozenset[str]
    leader_nouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    first_person_plural: frozenset[str]
    first_person_singular: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        """Every verb that can introduce reported speech, with whatever content it takes."""
        return (
            self.speech_verbs
            | self.xcomp_verbs
            | self.np_verbs
            | self.naming_verbs
            | frozenset(self.prep_verbs)
        )


@dataclass(frozen=True, slots=True)
class RelationLexicon:
    fight_verbs: frozenset[str]
    fight_nouns: frozenset[str]
    fight_preps: frozenset[str]
    fight_noun_preps: frozenset[str]
    defeat_nouns: frozenset[str]
    support_verbs: frozenset[str]
    support_nouns: frozenset[str]
    supply_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    supply_objects: frozenset[str]
    transfer_verbs: frozenset[str]
    territory_nouns: frozenset[str]
    group_nouns: frozenset[str]
    part_of_phrases: tuple[str, ...]
    same_coin: tuple[re.Pattern[str], ...]
    ally_words: frozenset[str]


def _load_yaml(name: str) -> dict[str, Any]:
    try:
        raw = (
            resources.files("sitreps").joinpath(f"data/lexicon/{name}").read_text(encoding="utf-8")
        )
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read lexicon {name}: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"lexicon {name} must be a mapping of lists")
    return data


def _words(data: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataError(f"lexicon {name}: {key!r} must be a non-empty list of strings")
    return tuple(v.lower() for v in value)


def _prep_verbs(data: dict[str, Any], name: str) -> dict[str, frozenset[str]]:
    value = data.get("prep_verbs")
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
        for k, v in value.items()
    ):
        raise DataError(f"lexicon {name}: 'prep_verbs' must map verbs to lists of prepositions")
    return {k.lower(): frozenset(x.lower() for x in v) for k, v in value.items()}


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    name = "cues.yaml"
    d = _load_yaml(name)

    def w(key: str) -> tuple[str, ...]:
        return _words(d, key, name)

    return CueLexicon(
        speech_verbs=frozenset(w("speech_verbs")),
        colon_verbs=frozenset(w("colon_verbs")),
        belief_verbs=frozenset(w("belief_verbs")),
        xcomp_verbs=frozenset(w("xcomp_verbs")),
        np_verbs=frozenset(w("np_verbs")),
        naming_verbs=frozenset(w("naming_verbs")),
        claim_nouns=frozenset(w("claim_nouns")),
        prep_verbs=_prep_verbs(d, name),
        according_phrases=tuple(sorted(w("according_phrases"), key=len, reverse=True)),
        role_nouns=frozenset(w("role_nouns")),
        leader_nouns=frozenset(w("leader_nouns")),
        speaker_pronouns=frozenset(w("speaker_pronouns")),
        first_person_plural=frozenset(w("first_person_plural")),
        first_person_singular=frozenset(w("first_person_singular")),
    )


@lru_cache(maxsize=1)
def relation_lexicon() -> RelationLexicon:
    name = "relation_patterns.yaml"
    d = _load_yaml(name)

    def w(key: str) -> frozenset[str]:
        return frozenset(_words(d, key, name))

    try:
        coin = tuple(re.compile(p, re.IGNORECASE) for p in _words(d, "same_coin_patterns", name))
    except re.error as exc:
        raise DataError(f"lexicon {name}: bad same_coin pattern: {exc}") from exc
    return RelationLexicon(
        fight_verbs=w("fight_verbs"),
        fight_nouns=w("fight_nouns"),
        fight_preps=w("fight_preps"),
        fight_noun_preps=w("fight_noun_preps"),
        defeat_nouns=w("defeat_nouns"),
        support_verbs=w("support_verbs"),
        support_nouns=w("support_nouns"),
        supply_verbs=w("supply_verbs"),
        receive_verbs=w("receive_verbs"),
        supply_objects=w("supply_objects"),
        transfer_verbs=w("transfer_verbs"),
        territory_nouns=w("territory_nouns"),
        group_nouns=w("group_nouns"),
        part_of_phrases=tuple(sorted(_words(d, "part_of_phrases", name), key=len, reverse=True)),
        same_coin=coin,
        ally_words=w("ally_words"),
    )
