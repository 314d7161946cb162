"""Modality of an event trigger: asserted, negated, hypothetical, future or question.

Cues come from the trigger's own clause (auxiliaries, negation, conditional ``if``), from the
words that govern it ("denied", "concerns about", "plans to", "possible") and from the
sentence form (a sentence ending in ``?`` asks; an interviewer's declarative turn is the
outlet's claim and stays asserted).
"""

from __future__ import annotations

from typing import Any

from sitreps.models import Claim

_NEGATING_VERBS = frozenset({"deny", "refute", "dismiss", "disprove", "rule"})
_ASKING_VERBS = frozenset({"ask", "wonder", "inquire", "enquire"})
_HYPOTHETICAL_WORDS = frozenset(
    {
        "possible", "possibly", "potential", "potentially", "likely", "unlikely", "probable",
        "concern", "concerns", "fear", "fears", "risk", "danger", "possibility", "prospect",
        "threat", "speculation", "rumour", "rumor", "perhaps", "maybe", "worry", "worried",
        "feared", "consider", "contemplate", "willing", "ready", "prepared",
    }
)  # fmt: skip
_HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "would", "should", "must"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_VERBS = frozenset(
    {"plan", "intend", "vow", "pledge", "prepare", "expect", "aim", "threaten", "promise",
     "want", "seek", "hope", "decide", "go", "offer", "agree"}
)  # fmt: skip
_FUTURE_NOUNS = frozenset(
    {"plan", "plans", "intention", "preparation", "preparations", "commitment", "commitments",
     "pledge", "pledges", "promise", "promises"}
)  # fmt: skip
#: nouns whose infinitive complement is an obligation or a capacity, not a fact ("a
#: responsibility to press the regime", "ISIL's ability to launch attacks")
_DEONTIC_NOUNS = frozenset(
    {"responsibility", "obligation", "duty", "need", "ability", "capability", "capacity",
     "right", "chance", "opportunity", "power", "means", "attempt", "effort", "bid", "call"}
)  # fmt: skip
_REFUSING_VERBS = frozenset({"refuse", "decline", "reject"})
_NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "without"})
_CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "acl", "relcl"})
_NOMINAL = frozenset(
    {"dobj", "attr", "pobj", "prep", "nsubj", "nsubjpass", "compound", "amod", "appos", "conj",
     "pcomp", "oprd"}
)  # fmt: skip


def _clause_verb(tok: Any) -> Any:
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.dep_ in _NOMINAL and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _own_auxes(verb: Any) -> list[Any]:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if not any(c.dep_ == "aux" for c in auxes) and verb.dep_ == "conj":
        auxes += [c for c in verb.head.children if c.dep_ == "aux"]
    return auxes


def _purpose(verb: Any) -> bool:
    """A clause of purpose: "so that talks have a chance", "lest the town fall"."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return {"so", "that"} <= marks or "lest" in marks


def _bare_infinitive(verb: Any) -> bool:
    """A base-form verb with no subject, modal or "to" of its own or of the verb it is joined
    to: an order ("Stop the attacks") or an infinitive the parse joined to a finite verb ("X has
    a duty to press Y, immediately allow aid ..."), never a report of a fact."""
    if verb.tag_ != "VB" or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return False
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "aux"):
        return False  # "made them withdraw", "saw them attack": a complement of its own kind
    return not _own_auxes(verb)


def _aux_cues(verb: Any) -> tuple[bool, bool, bool]:
    """Negation, hypothetical and future cues among ``verb``'s own auxiliaries."""
    neg = hypo = future = False
    for aux in _own_auxes(verb):
        word = aux.lower_
        if aux.dep_ == "neg" or word in _NEGATION_WORDS:
            neg = True
        elif word in _HYPOTHETICAL_AUX:
            hypo = True
        elif word in _FUTURE_AUX:
            future = True
    return neg, hypo, future


def modality_of(tok: Any, sentence_text: str, claim: Claim | None) -> str:
    """The modality of the event whose trigger is token ``tok``."""
    if sentence_text.rstrip().endswith("?"):
        return "question"
    verb = _clause_verb(tok)
    words_near = [c for c in tok.children] + [tok]
    neg = any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in words_near if c is not tok)
    hypo = any(c.lower_ in _HYPOTHETICAL_WORDS for c in words_near)
    aux_neg, aux_hypo, future = _aux_cues(verb)
    neg, hypo = neg or aux_neg, hypo or aux_hypo
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        hypo = True
    if _purpose(verb):
        hypo = True
    if _bare_infinitive(verb):
        hypo = True
    # walk up: governing words and enclosing conditionals
    cur = verb
    steps = 0
    while cur.head.i != cur.i and steps < 8:
        steps += 1
        dep = cur.dep_
        cur = cur.head
        lemma = cur.lemma_.lower()
        if lemma in _NEGATING_VERBS:
            neg = True
        if lemma in _ASKING_VERBS:
            return "question"  # "asked about who is providing them with weapons"
        if lemma in _HYPOTHETICAL_WORDS or cur.lower_ in _HYPOTHETICAL_WORDS:
            hypo = True
        if dep == "xcomp" and lemma in _FUTURE_VERBS:
            future = True
        if dep == "xcomp" and lemma in _REFUSING_VERBS | {"fail"}:
            neg = True  # "refused to withdraw", "failed to capture the town"
        if dep == "xcomp" and cur.pos_ in ("VERB", "AUX"):
            # "we will continue to strike", "they would try to advance": the governing verb's
            # auxiliaries carry over to its complement
            aux_neg, aux_hypo, aux_future = _aux_cues(cur)
            neg, hypo, future = neg or aux_neg, hypo or aux_hypo, future or aux_future
        if dep == "acl" and lemma in _DEONTIC_NOUNS:
            hypo = True  # "a responsibility to end the attacks", "the ability to strike"
        if dep == "acl" and lemma == "order" and cur.head.lower_ == "in":
            future = True  # "in order to defeat ISIL": a purpose, not a fact
        if cur.lower_ in _FUTURE_NOUNS and dep in ("acl", "prep", "pobj"):
            future = True
        if dep in ("ccomp", "xcomp", "advcl") and cur.pos_ in ("VERB", "AUX"):
            for aux in _own_auxes(cur):
                if aux.lower_ in _HYPOTHETICAL_AUX and dep == "advcl":
                    hypo = True
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
                hypo = True
            if _purpose(cur):
                hypo = True
        if dep == "conj" and _bare_infinitive(cur):
            hypo = True
        if dep not in _CLAUSAL and dep not in _NOMINAL:
            break
    if hypo:
        return "hypothetical"
    if future:
        return "future"
    if neg:
        return "negated"
    return "asserted"


def intent_cue(tok: Any) -> str | None:
    """How a non-asserted event is meant, for PLOVER's coding of intents:

    * ``"refusal"``: a negated intent ("we will not allow X", "refused to withdraw");
    * ``"obligation"``: a duty or capacity, not an intent ("a responsibility to allow aid",
      "the group's ability to launch attacks");
    * ``"purpose"``: an aim of someone else's act ("..., so that talks have a chance");
    * None otherwise.
    """
    verb = _clause_verb(tok)
    cur, dep = verb, ""
    for _ in range(4):
        if _purpose(cur):
            return "purpose"
        auxes = _own_auxes(cur)
        negated = any(a.dep_ == "neg" or a.lower_ in _NEGATION_WORDS for a in auxes) or any(
            c.dep_ == "neg" for c in cur.children
        )
        volitional = any(a.lower_ in _FUTURE_AUX or a.lower_ == "would" for a in auxes)
        if negated and volitional:
            return "refusal"
        if dep == "xcomp" and cur.lemma_.lower() in _REFUSING_VERBS:
            return "refusal"
        if dep == "acl" and cur.lemma_.lower() in _DEONTIC_NOUNS:
            return "obligation"
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "acl", "advcl", "conj", "ccomp"):
            break
        dep = cur.dep_
        cur = cur.head
    return None
