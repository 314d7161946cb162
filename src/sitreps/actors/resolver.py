"""Name -> actor resolution with reasons and scores.

Levels, tried in order (the first that yields an active candidate wins):

==================  =====  ==============================================================
reason              score  rule
==================  =====  ==============================================================
acronym             1.00   case-sensitive acronym (``IS``, ``SDF``)
alias               1.00   case/spacing-insensitive alias
normalised alias    0.95   articles dropped, transliteration folded (ou/u, q/k, dh/z ...)
demonym             x0.95  "Iraqi Hashd Shaabi": country from the demonym, rest resolved
context alias       0.85   "government forces" + the report's country
leader's forces     0.85   "Assad's forces": a group led by the named person
skeleton            0.80   consonant skeleton of a 2+ word name (Usud / Assud)
fuzzy               <=0.9  rapidfuzz ratio on normalised keys, above the threshold
==================  =====  ==============================================================

An actor resolves only inside its active dates; an inactive one is replaced by its active
successor ("Jabhat al-Nusra" in 2019 -> Hayat Tahrir al-Sham). A group with country branches
("Islamic State") resolves to the branch of the report's country.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from sitreps.actors.normalise import exact_key, is_acronym, norm_key, skeleton_key
from sitreps.actors.records import ActorRecord, Resolution

if TYPE_CHECKING:
    from sitreps.actors.kb import KnowledgeBase

_LEAD_RE = re.compile(r"^(?:the|a|an|these|those|this|that)\s+", re.I)
_POSS_RE = re.compile(r"^(?P<who>.+?)\s*['’]s?\s+(?P<what>\S.*)$")
_POSS_HEADS = frozenset(
    [
        "forces",
        "troops",
        "men",
        "fighters",
        "militia",
        "militias",
        "army",
        "group",
        "faction",
        "loyalists",
        "regime",
        "government",
        "soldiers",
        "units",
        "members",
        "supporters",
        "youth wing",
        "youth wing members",
        "wing",
        "militants",
        "elements",
        "cells",
        "gunmen",
    ]
)
_MIN_FUZZY_LEN = 6
#: generic words after a name ("PKK militants", "Ahrar Sinjar group"): dropped, then retried
_GENERIC_TAIL = frozenset(
    [
        "militants",
        "militant",
        "fighters",
        "fighter",
        "members",
        "member",
        "group",
        "groups",
        "militia",
        "militias",
        "forces",
        "force",
        "positions",
        "position",
        "elements",
        "cells",
        "cell",
        "units",
        "unit",
        "faction",
        "factions",
        "movement",
        "organization",
        "organisation",
        "gunmen",
        "supporters",
        "loyalists",
        "operatives",
        "brigade",
        "troops",
        "soldiers",
        "vehicle",
        "vehicles",
        "convoy",
        "convoys",
        "base",
        "bases",
        "patrol",
        "patrols",
        "post",
        "posts",
        "checkpoint",
        "checkpoints",
        "headquarters",
        "sites",
        "site",
        "sniper",
        "snipers",
        "drone",
        "drones",
        "warplane",
        "warplanes",
        "aircraft",
        "helicopter",
        "helicopters",
    ]
)
# words that are English words when lower-cased: keep their acronyms case-sensitive only
_WORDY = frozenset({"is", "isis", "us", "it", "an", "am", "all", "hat", "one", "mad", "pal", "sat"})


_FUZZY_MEMO_SIZE = 100_000


class Resolver:
    """Indexes of one knowledge base's names."""

    def __init__(self, kb: KnowledgeBase, fuzzy_threshold: float) -> None:
        self.kb = kb
        self.threshold = fuzzy_threshold
        self.acronyms: dict[str, list[str]] = defaultdict(list)
        self.exact: dict[str, list[str]] = defaultdict(list)
        self.norm: dict[str, list[str]] = defaultdict(list)
        self.skeleton: dict[str, list[str]] = defaultdict(list)
        self.context: dict[str, list[str]] = defaultdict(list)
        self.countries: dict[str, str] = {}
        for c in kb.countries.values():
            for word in (c.name, *c.names, *c.demonyms):
                self.countries[exact_key(word)] = c.iso3
                self.countries[exact_key(word) + "s"] = c.iso3  # "Iraqis"
        for rec in kb.records():
            self._index(rec)
        self._fuzzy_keys = sorted(k for k in self.norm if len(k) >= _MIN_FUZZY_LEN)
        #: the fuzzy keys by length (in ``_fuzzy_keys`` order), and each key's position
        self._fuzzy_by_len: dict[int, list[str]] = defaultdict(list)
        for k in self._fuzzy_keys:
            self._fuzzy_by_len[len(k)].append(k)
        self._fuzzy_pos = {k: i for i, k in enumerate(self._fuzzy_keys)}
        #: fuzzy candidates per key: a pure function of the key and the indexed names
        self._fuzzy_memo: dict[str, list[tuple[str, float]]] = {}
        #: resolutions per (name, country, date): the knowledge base does not change once
        #: loaded, and reports name the same actors over and over
        self._memo: dict[tuple[str, str | None, date | None], Resolution | None] = {}

    def _index(self, rec: ActorRecord) -> None:
        names = {rec.name, rec.acled_name, *(d.name for d in rec.acled_names), *rec.aliases}
        for name in names:
            if is_acronym(name):
                _add(self.acronyms[name], rec.id)
                if len(name) < 3 or exact_key(name) in _WORDY:
                    continue
            _add(self.exact[exact_key(name)], rec.id)
            _add(self.norm[norm_key(name)], rec.id)
            skel = skeleton_key(name)
            if len(skel.split()) >= 2 and len(skel.replace(" ", "")) >= 5:
                _add(self.skeleton[skel], rec.id)
        for name in rec.context_aliases:
            _add(self.context[norm_key(name)], rec.id)

    # --- helpers ----------------------------------------------------------------------

    def country_of_word(self, word: str) -> str | None:
        return self.countries.get(exact_key(word))

    def _pick(
        self, ids: list[str], country: str | None, on: date | None
    ) -> tuple[str, float] | None:
        """The best active candidate (own successor if inactive), preferring ``country``."""
        active: list[str] = []
        for actor_id in ids:
            rec = self.kb.get(actor_id)
            if rec.is_active(on):
                active.append(actor_id)
            else:
                succ = self.kb.successor(actor_id, on)
                if succ is not None:
                    active.append(succ)
        active = list(dict.fromkeys(active))
        if not active:
            return None
        if country and len(active) > 1:
            local = [a for a in active if self.kb.get(a).country == country]
            if local:
                active = local
        if len(active) > 1 and on is None:
            # without a date, the current actor rather than a predecessor
            current = [a for a in active if self.kb.get(a).active_to is None]
            if len(current) == 1:
                return current[0], 0.95
        if len(active) > 1:
            active.sort(key=lambda a: (self.kb.get(a).kind == "person", a))
            return active[0], 0.7
        return active[0], 1.0

    def _branch(self, actor_id: str, country: str | None, on: date | None) -> str:
        if not country:
            return actor_id
        for child in self.kb.children(actor_id, "branch_of"):
            rec = self.kb.get(child)
            if rec.country == country and rec.is_active(on):
                return child
        return actor_id

    def _result(
        self, ids: list[str], score: float, reason: str, country: str | None, on: date | None
    ) -> Resolution | None:
        picked = self._pick(ids, country, on)
        if picked is None:
            return None
        actor_id, factor = picked
        if factor < 1.0:
            reason += f" (ambiguous: {len(ids)} candidates)"
        branch = self._branch(actor_id, country, on)
        if branch != actor_id:
            reason += " -> country branch"
        if actor_id not in ids:
            reason += " -> successor"
        return Resolution(branch, round(score * factor, 3), reason)

    # --- resolution ---------------------------------------------------------------------

    def resolve(
        self, name: str, country: str | None = None, on: date | None = None, depth: int = 0
    ) -> Resolution | None:
        if depth:
            return self._resolve(name, country, on, depth)
        key = (name, country, on)
        if key in self._memo:
            return self._memo[key]
        res = self._resolve(name, country, on, 0)
        if len(self._memo) >= _FUZZY_MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = res
        return res

    def _resolve(
        self, name: str, country: str | None, on: date | None, depth: int
    ) -> Resolution | None:
        text = _LEAD_RE.sub("", name.strip().strip("\"'‘’“”«» ")).strip()
        if not text:
            return None
        if text in self.acronyms:
            res = self._result(self.acronyms[text], 1.0, "acronym", country, on)
            if res:
                return res
        ek, nk = exact_key(text), norm_key(text)
        for table, key, score, reason in (
            (self.exact, ek, 1.0, "alias"),
            (self.norm, nk, 0.95, "normalised alias"),
        ):
            if key in table:
                res = self._result(table[key], score, reason, country, on)
                if res:
                    return res
        if depth == 0:
            res = self._demonym(text, country, on)
            if res:
                return res
        if country:
            res = self._context(nk, country, on)
            if res:
                return res
        res = self._possessive(text, country, on)
        if res:
            return res
        res = self._generic_tail(text, country, on, depth)
        if res:
            return res
        skel = skeleton_key(text)
        if len(skel.split()) >= 2 and skel in self.skeleton:
            res = self._result(self.skeleton[skel], 0.8, "transliteration skeleton", country, on)
            if res:
                return res
        return self._fuzzy(nk, country, on)

    def _context(self, nk: str, country: str, on: date | None) -> Resolution | None:
        """A context alias of the report's country; else of the phrase's last words
        ("young man" -> "man", "Kurdish residents" -> "residents")."""
        words = nk.split()
        for i in range(len(words)):
            key = " ".join(words[i:])
            ids = self.context.get(key) or self.context.get(_other_number(key), [])
            local = [a for a in ids if country in self.kb.get(a).context_countries]
            if local:
                score, reason = (0.85, "context alias") if i == 0 else (0.8, "context alias (head)")
                return self._result(local, score, f"{reason} ({country})", country, on)
        return None

    def _demonym(self, text: str, country: str | None, on: date | None) -> Resolution | None:
        """ "Iraqi Hashd Shaabi", "Turkish forces", "Syria's army" """
        m = re.match(r"^(?P<dem>[\w.]+?)(?:['’]s)?[\s-]+(?P<rest>\S.*)$", text)
        if not m:
            return None
        iso = self.country_of_word(m.group("dem"))
        if iso is None:
            return None
        res = self.resolve(m.group("rest"), iso, on, depth=1)
        if res is None:
            return None
        rec = self.kb.get(res.actor_id)
        if rec.country not in (None, iso):
            return None  # "Turkish SDF": the demonym contradicts the actor
        return Resolution(res.actor_id, round(res.score * 0.95, 3), f"demonym {iso} + {res.reason}")

    def _possessive(self, text: str, country: str | None, on: date | None) -> Resolution | None:
        m = _POSS_RE.match(text)
        if not m or m.group("what").lower() not in _POSS_HEADS:
            return None
        who = self.resolve(m.group("who"), country, on, depth=1)
        if who is None:
            return None
        rec = self.kb.get(who.actor_id)
        if rec.kind != "person":
            return Resolution(who.actor_id, round(who.score * 0.9, 3), f"possessive + {who.reason}")
        groups = self.kb.groups_led_by(rec.id, on)
        if len(groups) != 1:
            return None
        return Resolution(groups[0], 0.85, f"forces of leader {rec.name}")

    def _generic_tail(
        self, text: str, country: str | None, on: date | None, depth: int
    ) -> Resolution | None:
        """ "PKK militants" -> PKK; only when the rest names an actor outright."""
        words = text.split()
        if len(words) < 2 or words[-1].lower() not in _GENERIC_TAIL or depth > 1:
            return None
        rest = " ".join(words[:-1]).rstrip("'’s ").rstrip("'’")
        res = self.resolve(rest, country, on, depth=depth + 1)
        if res is None or res.reason.startswith(("fuzzy", "context", "transliteration")):
            return None
        return Resolution(res.actor_id, round(res.score * 0.95, 3), f"{res.reason} + generic noun")

    def _fuzzy(self, key: str, country: str | None, on: date | None) -> Resolution | None:
        if len(key) < _MIN_FUZZY_LEN:
            return None
        hits = self._fuzzy_memo.get(key)
        if hits is None:
            hits = self._fuzzy_hits(key)
            if len(self._fuzzy_memo) >= _FUZZY_MEMO_SIZE:
                self._fuzzy_memo.clear()
            self._fuzzy_memo[key] = hits
        for match, score in hits:
            if not _same_shape(key, match):
                continue
            res = self._result(self.norm[match], score / 100 * 0.9, "fuzzy", country, on)
            if res:
                return Resolution(res.actor_id, res.score, f"{res.reason} ({match!r} {score:.0f})")
        return None

    def _fuzzy_hits(self, key: str, limit: int = 3) -> list[tuple[str, float]]:
        """The ``limit`` best keys with a ratio of at least the threshold, best first (ties in
        key order), as ``process.extract`` over every key gives them.

        Only keys of a length that can reach the threshold are scored: a ratio is
        ``100 * (1 - indel / (n + m))`` and the indel distance is at least ``|n - m|``.
        """
        n = len(key)
        pool: list[str] = []
        for m, keys in self._fuzzy_by_len.items():
            if 100.0 * (1.0 - abs(n - m) / (n + m)) >= self.threshold - 0.01:
                pool.extend(keys)
        found = process.extract(
            key, pool, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None
        )
        found.sort(key=lambda f: (-f[1], self._fuzzy_pos[f[0]]))
        return [(match, score) for match, score, _ in found[:limit]]

    def candidates(self, name: str, limit: int = 10) -> list[str]:
        """Actor ids whose names are close to ``name`` (for search and suggestions)."""
        key = norm_key(name)
        out: list[str] = []
        for match, _, _ in process.extract(
            key, self._fuzzy_keys, scorer=fuzz.WRatio, score_cutoff=70, limit=limit
        ):
            for actor_id in self.norm[match]:
                if actor_id not in out:
                    out.append(actor_id)
        return out


def _same_shape(a: str, b: str) -> bool:
    """Fuzzy matches are spelling slips, not missing words: same number of words, and each
    pair of words starts alike ("us government forces" is not "government forces")."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(x[0] == y[0] for x, y in zip(wa, wb, strict=True))


def _other_number(key: str) -> str:
    """ "tribal militias" <-> "tribal militia" (naive: a final s)."""
    return key[:-1] if key.endswith("s") else key + "s"


def _add(bucket: list[str], actor_id: str) -> None:
    if actor_id not in bucket:
        bucket.append(actor_id)
