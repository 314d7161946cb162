"""Counted quantities: killed, injured, captured, displaced, destroyed materiel ...

A quantity is found from a *cue* (a verb such as kill/injure/capture/destroy/shoot down, a
noun such as casualties/fatalities/deaths, a predicative adjective such as dead/wounded) and
the *counted argument* the dependency parse attaches to it: the object of an active verb
("killing at least 22 people"), the subject of a passive one ("six soldiers were killed") or
of an intransitive one ("one person died"), the noun a participle modifies ("two civilians
killed"), or the noun itself ("more than 300 casualties", "no fatalities").

The count comes from the argument's own modifiers (numbers, "at least", "dozens of", "a", "no")
and is read by :func:`sitreps.extract.numbers.parse_count`. Conventions:

* "killed or wounded" on one argument is one ``casualties`` quantity, never a death count;
* casualties are not fatalities, except that an explicit "no casualties" is ``killed`` 0;
* "a number of aircraft and helicopters" is ONE quantity whose object is the coordination
  ("aircraft and helicopters"); coordinated nouns that each carry their own count
  ("six soldiers and three militants") are separate quantities;
* a plural argument with no count ("killed civilians") gives a quantity with value None and
  qualifier "unspecified"; 0 comes only from an explicit "no", "none", "nobody", "without";
* a singular argument ("a man", "the driver", "he") counts 1.

Side attribution (whose losses) is :func:`assign_sides` in :mod:`sitreps.extract.fatalities`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitreps.extract.fatalities import background_death, coded_elsewhere, stated_totals
from sitreps.extract.numbers import (
    SINGULAR_PRONOUNS,
    VAGUE_MODIFIERS,
    QuantityLexicon,
    count_modifiers,
    is_count_head,
    load_lexicon,
    token_count,
)
from sitreps.models import Quantity, Span
from sitreps.nlp import ParsedReport

Token = Any  # spacy.tokens.Token

_SUBJ = ("nsubjpass", "nsubj")
#: verbs whose subject is what is counted ("one person died", "2,000 people fled")
_SUBJECT_COUNTED = frozenset({"die", "perish", "succumb", "flee"})
_PREDICATIVE_DEPS = ("oprd", "acomp", "xcomp", "ccomp", "advcl", "dobj")
_MEASURE_NOUNS = frozenset({"head", "herd", "flock"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "PLACE"})


@dataclass(frozen=True, slots=True)
class _Hit:
    kind: str
    arg: int  # token index of the counted argument
    cue: int  # token index of the cue


def find_quantities(parsed: ParsedReport) -> tuple[Quantity, ...]:
    """Every counted quantity of the report, in text order."""
    lex = load_lexicon()
    doc = parsed.doc
    text = parsed.report.text
    hits: dict[int, list[_Hit]] = {}
    for tok in doc:
        for hit in _cue_hits(tok, lex):
            if not background_death(doc[hit.cue], lex.background) and not coded_elsewhere(
                doc, max(hit.cue, hit.arg)
            ):
                hits.setdefault(hit.arg, []).append(hit)
    out: list[Quantity] = []
    killed_at: list[int] = []  # token indexes of arguments of new (non-anaphoric) death counts
    for arg_i, group in sorted(hits.items()):
        kinds = {h.kind for h in group}
        if "killed" in kinds and "injured" in kinds and _alternative(doc, group):
            group = [_Hit("casualties", arg_i, min(h.cue for h in group))]
        seen: set[str] = set()
        for hit in group:
            if hit.kind in seen:
                continue
            seen.add(hit.kind)
            counted = _counted_lemma(doc, hit.arg)
            if counted in lex.not_counted or (
                hit.kind == "captured" and (counted in lex.territory or _place_name(doc[hit.arg]))
            ):
                continue
            if hit.kind == "killed" and _anaphoric(doc[hit.arg]):
                if any(i < hit.arg for i in killed_at):
                    continue  # "the victim died", "killed him": someone already counted
            elif hit.kind == "killed":
                killed_at.append(hit.arg)
            q = _quantity(doc, text, hit)
            if q is not None:
                out.append(q)
    out.extend(stated_totals(text, out))
    out.sort(key=lambda q: (q.span.start, q.span.end, q.kind))
    return tuple(out)


def _anaphoric(tok: Token) -> bool:
    """A pronoun or a definite singular without a number ("he", "the victim")."""
    if tok.lower_ in SINGULAR_PRONOUNS:
        return True
    return (
        tok.tag_ in ("NN", "NNP")
        and not count_modifiers(tok)
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
    )


def _counted_lemma(doc: Any, i: int) -> str:
    """The lemma of what is counted: the argument, or the noun after "of" ("25 heads of")."""
    tok = doc[i]
    if is_count_head(tok) or tok.lemma_.lower() in _MEASURE_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return str(pobj.lemma_).lower()
    return str(tok.lemma_).lower()


def _place_name(tok: Token) -> bool:
    """A place ("captured Palmyra"): a place entity, or a bare proper name that is no person."""
    if tok.ent_type_ in _PLACE_ENTS:
        return True
    return (
        tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "NORP") and not count_modifiers(tok)
    )


def _alternative(doc: Any, group: list[_Hit]) -> bool:
    """ "killed or wounded": one count of both kinds (casualties), not two counts."""
    lo = min(h.cue for h in group)
    hi = max(h.cue for h in group)
    return any(t.lower_ in ("or", "and/or") for t in doc[lo : hi + 1]) or hi - lo <= 2


# --- cues ----------------------------------------------------------------------------------


def _cue_hits(tok: Token, lex: QuantityLexicon) -> Iterator[_Hit]:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        kind = _verb_kind(tok, lex)
        if kind is None or _negated(tok):
            return
        for arg in _verb_args(tok):
            if lemma == "flee" and not (is_count_head(arg) or _has_number(arg)):
                continue  # "a man who was fleeing" is no displacement; "500 families fled" is
            yield _Hit(kind, arg.i, tok.i)
        return
    if tok.pos_ == "ADJ" and lemma in lex.adjectives:
        kind = lex.adjectives[lemma]
        if kind == "missing":
            return
        if _has_count(tok):  # "leaving 4 dead"
            yield _Hit(kind, tok.i, tok.i)
        elif tok.dep_ in ("amod",) and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            if _has_count(tok.head):
                yield _Hit(kind, tok.head.i, tok.i)
        elif tok.dep_ in _PREDICATIVE_DEPS and tok.head.pos_ in ("VERB", "AUX"):
            for arg in _verb_args(tok.head, predicative=True):
                yield _Hit(kind, arg.i, tok.i)
        return
    if tok.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns and tok.dep_ != "compound":
        kind = lex.nouns[lemma]
        if is_count_head(tok) or count_modifiers(tok) or _zero_context(tok):
            yield _Hit(kind, tok.i, tok.i)
            return
        for prep in tok.children:  # "the deaths of three soldiers"
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and _has_count(pobj):
                        yield _Hit(kind, pobj.i, tok.i)


def _verb_kind(tok: Token, lex: QuantityLexicon) -> str | None:
    lemma = tok.lemma_.lower()
    particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    preds = [c.lower_ for c in tok.children if c.dep_ in ("oprd", "acomp", "advmod")]
    for p in particles + preds:
        kind = lex.phrasal.get(f"{lemma} {p}")
        if kind:
            return kind
    if lemma == "down" and tok.pos_ != "VERB":
        return None
    for prep in tok.children:  # "beaten to death", "stabbed to death", "burnt to death"
        if (
            prep.dep_ == "prep"
            and prep.lower_ == "to"
            and any(c.dep_ == "pobj" and c.lemma_.lower() == "death" for c in prep.children)
        ):
            return "killed"
    return lex.verbs.get(lemma)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _is_passive(tok: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children)


def _verb_args(tok: Token, predicative: bool = False) -> list[Token]:
    """The counted argument(s) of a cue verb, following conjunctions and control."""
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    objs = [c for c in kids if c.dep_ == "dobj"]
    if predicative:  # "left 22 soldiers injured", "were found dead", "shot dead"
        found = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        return _expand(found) if found else _inherit(tok, ("nsubjpass",))
    if lemma in _SUBJECT_COUNTED:
        subj = [c for c in kids if c.dep_ in _SUBJ]
        return _expand(subj) if subj else _inherit(tok, _SUBJ)
    if objs:
        return _expand(objs)
    if not _is_passive(tok):
        subj = [c for c in kids if c.dep_ == "nsubj" and _bare_number(c)]
        return subj  # "1 killed. 2 injured." (a number, not an agent, as subject)
    subj = [c for c in kids if c.dep_ in _SUBJ]
    if subj:
        return _expand(subj)
    loose = [c for c in kids if c.i < tok.i and c.dep_ in ("meta", "npadvmod", "dep")]
    if loose and _bare_number(loose[-1]):
        return [loose[-1]]  # "2 injured." parsed without a subject
    if tok.dep_ in ("acl", "amod", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [tok.head]
    if tok.dep_ in ("oprd", "xcomp", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
        return _expand([c for c in tok.head.children if c.dep_ in ("dobj", "nsubjpass")])
    return _inherit(tok, ("nsubjpass",))


def _bare_number(tok: Token) -> bool:
    return bool(tok.like_num) and not any(c.dep_ == "prep" for c in tok.children)


def _inherit(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    """A conjoined verb without its own argument shares its head verb's ("killed or wounded")."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
        found = [c for c in head.children if c.dep_ in deps]
        if found:
            return _expand(found)
    return []


def _expand(args: list[Token]) -> list[Token]:
    """Arguments plus coordinated nouns that carry their own count."""
    out: list[Token] = []
    for a in args:
        if a.lower_ in ("who", "which", "that") and a.head.dep_ == "relcl":
            a = a.head.head
        out.append(a)
        if is_count_head(a):
            continue
        for c in a.conjuncts:
            if c.i > a.i and (is_count_head(c) or count_modifiers(c) or _determined(c)):
                out.append(c)
    return out


# --- counted arguments ------------------------------------------------------------------


def _has_number(tok: Token) -> bool:
    return any(m.dep_ == "nummod" or m.lower_ in VAGUE_MODIFIERS for m in count_modifiers(tok))


def _determined(tok: Token) -> bool:
    """A singular noun with a determiner or possessive: "his co-driver", "the driver"."""
    return tok.tag_ in ("NN", "NNP") and any(c.dep_ in ("det", "poss") for c in tok.children)


def _has_count(tok: Token) -> bool:
    if is_count_head(tok) or tok.lower_ in SINGULAR_PRONOUNS:
        return True
    if count_modifiers(tok):
        return True
    return tok.tag_ in ("NN", "NNP") and tok.pos_ in ("NOUN", "PROPN")


def _zero_context(tok: Token) -> bool:
    head = tok.head
    return (head.dep_ == "prep" and head.lower_ == "without") or tok.head.lower_ == "without"


def _object(doc: Any, arg: Token) -> tuple[str | None, int]:
    """What is counted ("armored vehicles") and the index of its last token."""
    if is_count_head(arg):
        for prep in arg.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobjs = [c for c in prep.children if c.dep_ == "pobj"]
                if pobjs:
                    p = pobjs[0]
                    end = max(p.i, *(c.i for c in p.conjuncts)) if p.conjuncts else p.i
                    start = min(
                        (c.i for c in p.children if c.dep_ in ("amod", "compound") and c.i < p.i),
                        default=p.i,
                    )
                    return doc[start : end + 1].text, end
        return None, arg.i
    start = min(
        (
            c.i
            for c in arg.children
            if c.dep_ in ("amod", "compound")
            and c.i < arg.i
            and c.lower_ not in VAGUE_MODIFIERS
            and not c.like_num
        ),
        default=arg.i,
    )
    return doc[start : arg.i + 1].text, arg.i


def _quantity(doc: Any, text: str, hit: _Hit) -> Quantity | None:
    arg = doc[hit.arg]
    cue = doc[hit.cue]
    found = token_count(doc, arg)
    if found is None:
        return None
    count, left = found
    obj, obj_end = _object(doc, arg)
    if obj is not None and (obj.lower() in SINGULAR_PRONOUNS or hit.arg == hit.cue):
        obj = None  # "he"; "300 casualties" (the cue noun is not what is counted)
    kind = hit.kind
    if kind == "casualties" and count.value == 0:
        kind = "killed"  # "no casualties": explicitly nobody killed
    start_i, end_i = left, obj_end
    for c in cue.children:  # "shooting down", "shot dead"
        if c.dep_ in ("prt", "oprd", "acomp") and 0 < c.i - hit.cue <= 2:
            hit = _Hit(hit.kind, hit.arg, c.i) if c.i > end_i else hit
    if hit.cue < start_i and start_i - hit.cue <= 3:
        start_i = hit.cue
    elif hit.cue > end_i and hit.cue - end_i <= 3:
        end_i = hit.cue
    start = doc[start_i].idx
    last = doc[end_i]
    end = last.idx + len(last.text)
    return Quantity(
        kind=kind,
        value=count.value,
        low=count.low,
        high=count.high,
        qualifier=count.qualifier,
        span=Span.of(text, start, end),
        object=obj,
    )
