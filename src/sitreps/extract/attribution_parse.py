"""Finds reported speech in a parsed document: who (source), the cue, and what (content).

Works on the spaCy dependency parse and the raw text:

* a speech verb (``data/lexicon/cues.yaml``) with a clausal complement: "X said (that) ...",
  "X told DeirEzzor 24 ...", "X confirmed/denied/claimed ..."; the verb may follow the quote
  ("'...,' he said") or interrupt it ("..., he said, ...");
* "according to X" and similar phrases, whose content is the rest of the clause;
* a speech verb followed by a colon ("He added: ...");
* a headline of the form "Speaker (to Outlet): statement".

A content that overlaps a quotation is widened to the whole quotation, so that a quote running
over several sentences is one claim. Nothing here resolves who the source is; that is done in
:mod:`sitreps.extract.claims`.
"""

from __future__ import annotations

import re
from typing import Any

from sitreps.extract.attribution_forms import according_to, bylines, headlines, noun_cues
from sitreps.extract.attribution_lexicon import CueLexicon, cue_lexicon
from sitreps.extract.attribution_spans import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    TRIM_PUNCT,
    Attribution,
    content_span,
    quote_spans,
    tok_span,
    trim,
)
from sitreps.models import Span

__all__ = ["Attribution", "find_attributions", "quote_spans"]

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def _subtree_span(text: str, tok: Any, exclude: Any = None) -> tuple[int, int] | None:
    skip = set() if exclude is None else {t.i for t in exclude.subtree}
    toks = [t for t in tok.subtree if t.i not in skip and not t.is_space]
    if not toks:
        return None
    return tok_span(text, toks)


def _subject(verb: Any) -> Any | None:
    """The subject of ``verb``, or of the verb it depends on ("..., adding that ...")."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        # "X stated that ..., adding that ...": the participle's subject is the reporter's,
        # even when the parser hangs it on the reported clause
        speech = cue_lexicon().speech_verbs
        for anc in verb.ancestors:
            if anc.lemma_.lower() in speech and anc.pos_ in ("VERB", "AUX"):
                for child in anc.children:
                    if child.dep_ in _SUBJECT_DEPS:
                        return child
    cur = verb
    for _ in range(3):
        for child in cur.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if cur.dep_ in ("advcl", "xcomp", "conj", "ccomp", "parataxis") and cur.head is not cur:
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in cue_lexicon().speech_verbs:
                return None  # a reported clause does not inherit the reporter as subject
            cur = cur.head
        else:
            break
    return None


def _source_span(text: str, subj: Any, lex: CueLexicon) -> tuple[int, int]:
    if subj.pos_ == "PRON":
        return subj.idx, subj.idx + len(subj.text)
    # a relative clause belongs to a source named after its verb ("said X, who heads Y"),
    # not to one named before it ("X, who ..., said" keeps only X)
    inverted = subj.i > subj.head.i
    drop = {
        t.i
        for c in subj.children
        if (c.dep_ == "relcl" and not inverted) or (c.dep_ == "acl" and c.tag_ == "VBG")
        for t in c.subtree
    }
    kept = [t for t in subj.subtree if t.i not in drop and not t.is_space]
    start, end = tok_span(text, kept)
    start, end = trim(text, start, end)
    while start < end and text[start] in OPEN_QUOTES + CLOSE_QUOTES:
        start += 1
    while end > start and text[end - 1] in OPEN_QUOTES + CLOSE_QUOTES + ",":
        end -= 1
    if (
        any(c.dep_ in ("appos", "relcl") and c.i not in drop for c in subj.children)
        and text[end : end + 1] == ","
        and not inverted
    ):
        end += 1  # "X, the Y, said": the appositive's closing comma belongs to the source
    # "In an interview with D24, the leader of the faction X confirmed": the parser may hang
    # the role phrase elsewhere; widen the source over a verbless noun phrase to its left.
    doc = subj.doc
    first = min(t.i for t in subj.subtree)
    i = first - 1
    has_role = False
    while i >= subj.sent.start:
        t = doc[i]
        if t.pos_ in ("VERB", "AUX") or t.text in ",;:()" or t.is_space:
            break
        if t.lemma_.lower() in lex.role_nouns:
            has_role = True
        i -= 1
    if has_role and i + 1 < first:
        start = doc[i + 1].idx
        while start < end and text[start] in TRIM_PUNCT:
            start += 1
    return start, end


def _cue_span(text: str, verb: Any, subj_end: int | None) -> Span:
    toks = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "neg", "advmod", "prt") and (
            (child.i < verb.i and (subj_end is None or child.idx >= subj_end))
            or (child.dep_ == "prt" and child.i == verb.i + 1)
        ):
            toks.append(child)
        elif child.i == verb.i + 1 and (
            (child.dep_ in ("npadvmod", "advmod") and child.ent_type_ in ("DATE", "TIME"))
            or child.lower_ in ("then", "later", "earlier")
            or child.text == ":"
        ):
            toks.append(child)  # "said Friday", "said then", "added:"
    toks.sort(key=lambda t: t.i)
    # keep only the contiguous run that ends (or starts) at the verb
    run = [verb]
    for t in reversed([t for t in toks if t.i < verb.i]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    for t in [t for t in toks if t.i > verb.i]:
        if t.i == run[-1].i + 1:
            run.append(t)
    start, end = tok_span(text, run)
    return Span.of(text, start, end)


def _participle_cut(comps: list[Any], lex: CueLexicon) -> int | None:
    """Where a reporting participle ("..., adding that ...") inside the content starts."""
    cuts = [
        min(t.idx for t in d.subtree)
        for c in comps
        for d in c.subtree
        if d is not c
        and d.tag_ == "VBG"
        and d.dep_ in ("advcl", "xcomp", "conj")
        and d.lemma_.lower() in lex.speech_verbs
        and not any(ch.dep_ in _SUBJECT_DEPS for ch in d.children)
    ]
    return min(cuts) if cuts else None


def _skip_cue(verb: Any, lex: CueLexicon) -> bool:
    """Infinitives ("to say") and a first or second person's own beliefs ("I think")."""
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return True
    if verb.lemma_.lower() in lex.belief_verbs:
        subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ in ("i", "we", "you"):
            return True
    return False


def _after_quote(
    text: str, verb: Any, lex: CueLexicon, quotes: tuple[Span, ...]
) -> Attribution | None:
    """'"...," said X' / '"...," X said' where the parser gave the verb no complement."""
    subj = _subject(verb)
    first = verb.idx
    if subj is not None:
        first = min(first, min(t.idx for t in subj.subtree))
    for q in quotes:
        if q.end <= first and re.fullmatch(r"[\s,]*", text[q.end : first]):
            src = None
            if subj is not None:
                src = Span.of(text, *_source_span(text, subj, lex))
            cue = _cue_span(text, verb, src.end if src else None)
            return Attribution("quote", src, cue, q, subj.i if subj is not None else None)
    return None


def _other_content(verb: Any, lex: CueLexicon) -> tuple[set[int], Any]:
    """Infinitival, noun-phrase or prepositional content, for the verbs that take one."""
    lemma = verb.lemma_.lower()
    if lemma in lex.naming_verbs:
        # "X called the strike a massacre": the object and what it is called
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        pred = [
            c
            for c in verb.children
            if c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "acomp") and obj and c.i > obj.i
        ]
        if obj is not None and pred:
            return {t.i for c in (obj, *pred) for t in c.subtree if not t.is_space}, None
    for c in verb.children:
        if c.dep_ == "xcomp" and lemma in lex.xcomp_verbs and c.i > verb.i:
            return {t.i for t in c.subtree if not t.is_space}, None
    preps = lex.prep_verbs.get(lemma, frozenset())
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i == verb.i + 1:
            objs = [t for t in c.children if t.dep_ in ("pobj", "pcomp")]
            if objs:
                return {t.i for o in objs for t in o.subtree if not t.is_space}, c
    if lemma in lex.np_verbs:
        for c in verb.children:
            if c.dep_ == "dobj" and c.i > verb.i:
                toks = {t.i for t in c.subtree if not t.is_space}
                # "criticized him for ...", "accused them of ...", "described it as ..."
                for p in verb.children:
                    if p.dep_ == "prep" and p.i > c.i and p.lower_ in ("for", "of", "as"):
                        toks |= {t.i for t in p.subtree if not t.is_space}
                if c.pos_ == "PRON" and len(toks) == 1:
                    continue
                return toks, None
    return set(), None


def _verb_attribution(
    text: str, verb: Any, lex: CueLexicon, quotes: tuple[Span, ...] = ()
) -> Attribution | None:
    doc = verb.doc
    if _skip_cue(verb, lex):
        return None
    toks: set[int] = set()
    extra: Any = None  # a preposition that belongs to the cue ("called for")
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        toks = {t.i for c in comps for t in c.subtree if not t.is_space}
        cut = _participle_cut(comps, lex)
        if cut is not None:
            toks = {i for i in toks if doc[i].idx < cut or doc[i].idx < min(c.idx for c in comps)}
    elif verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        skip = {t.i for t in verb.subtree}
        toks = {t.i for t in verb.head.subtree if t.i not in skip and not t.is_space}
    elif (
        verb.lemma_.lower() in lex.colon_verbs
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].text == ":"
    ):
        toks = {t.i for t in doc[verb.i + 2 : verb.sent.end] if not t.is_space}
        if not toks and verb.sent.end < len(doc):
            # "He said:" closing its line: the content is the next sentence or quotation
            nxt = doc[verb.sent.end].sent
            q = next((q for q in quotes if nxt.start_char <= q.start < nxt.end_char), None)
            end = max(nxt.end_char, q.end) if q is not None else nxt.end_char
            toks = {t.i for t in doc[nxt.start :] if t.idx < end and not t.is_space}
    else:
        toks, extra = _other_content(verb, lex)
    if not toks:
        return _after_quote(text, verb, lex, quotes)
    content = (min(doc[i].idx for i in toks), max(doc[i].idx + len(doc[i].text) for i in toks))
    subj = _subject(verb)
    src: Span | None = None
    if subj is not None and subj.i not in toks:
        s0, s1 = _source_span(text, subj, lex)
        src = Span.of(text, s0, s1)
    else:
        subj = None
    cue = _cue_span(text, verb, src.end if src else None)
    if extra is not None and extra.idx >= cue.end:
        cue = Span.of(text, cue.start, extra.idx + len(extra.text))
    if verb.i in toks:
        return None
    span = content_span(text, *content)
    if span is None:
        return None
    addressee = None
    if verb.lemma_.lower() == "tell":
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ == "PROPN":
                a = _subtree_span(text, child)
                if a:
                    addressee = Span.of(text, *a)
    kind = "quote" if span.text[:1] in OPEN_QUOTES or span.text.startswith("''") else "indirect"
    return Attribution(kind, src, cue, span, subj.i if subj is not None else None, addressee)


def _widen_to_quotes(text: str, att: Attribution, quotes: tuple[Span, ...]) -> Attribution:
    start, end = att.content.start, att.content.end
    for q in quotes:
        if q.overlaps(att.content) and not q.overlaps(att.cue):
            if att.source is not None and q.overlaps(att.source):
                continue
            start, end = min(start, q.start), max(end, q.end)
    if (start, end) == (att.content.start, att.content.end):
        return att
    span = Span.of(text, start, end)
    return Attribution("quote", att.source, att.cue, span, att.source_head, att.addressee)


def _continue_quote(
    doc: Any, text: str, att: Attribution, quotes: tuple[Span, ...], found: list[Attribution]
) -> Attribution:
    """'"...," X said. "More quoted words."': the next quotation is the same speaker's."""
    if att.kind != "quote" or att.content.end > att.cue.start or att.cue.text in "―—–":
        return att
    tok = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
    if tok is None:
        return att
    after = max(att.cue.end, att.source.end if att.source else 0)
    sent_end = max(tok[0].sent.end_char, after)
    gap = re.match(r"[^“\"«\n]{0,200}?[.,:;]?\s*(?=[“\"«'])", text[sent_end:])
    if gap is None and text[after:sent_end].strip(" ,.;:") == "":
        return att
    nxt = sent_end + (gap.end() if gap else 0)
    q = next((q for q in quotes if q.start == nxt or (after <= q.start < sent_end)), None)
    if q is None or any(
        o.content.overlaps(q) and not q.contains(o.cue) for o in found if o is not att
    ):
        return att  # the next quotation is someone else's
    between = text[after : q.start]
    if any(after <= o.cue.start < q.start for o in found if o is not att) or "\n\n" in between:
        return att
    span = Span.of(text, att.content.start, q.end)
    return Attribution("quote", att.source, att.cue, span, att.source_head, att.addressee)


def _sandwiched(doc: Any, text: str, att: Attribution) -> Attribution:
    """'A, he argued, B': the content is both sides of the interrupting source and cue."""
    if att.source is None or att.content.start < att.cue.end:
        return att
    first = min(att.source.start, att.cue.start)
    tok = doc.char_span(first, first + 1, alignment_mode="expand")
    if tok is None:
        return att
    sent_start = tok[0].sent.start_char
    before = text[sent_start:first].rstrip()
    last = max(att.source.end, att.cue.end)
    if not before.endswith(",") or not text[last:].lstrip().startswith(","):
        return att
    if len(before) < 3 or any(c in before for c in '“”"'):
        return att
    span = Span.of(text, sent_start, att.content.end)
    return Attribution(att.kind, att.source, att.cue, span, att.source_head, att.addressee)


def find_attributions(
    doc: Any, text: str, skip: tuple[Span, ...] = (), lex: CueLexicon | None = None
) -> tuple[Attribution, ...]:
    """Every piece of reported speech in ``doc`` (spaCy Doc over ``text``), in text order.

    ``skip`` are spans (interview turn labels and their turns) where headline rules do not
    apply.
    """
    lex = lex or cue_lexicon()
    found: list[Attribution] = []
    quotes = quote_spans(text)
    cue_verbs = lex.cue_verbs
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cue_verbs:
            att = _verb_attribution(text, tok, lex, quotes)
            if att is not None:
                found.append(att)
    found.extend(according_to(text, doc, lex))
    found.extend(headlines(text, doc, skip, lex))
    found.extend(bylines(text, quotes))
    found.extend(noun_cues(text, doc, lex))
    found = [_widen_to_quotes(text, a, quotes) for a in found]
    found = [_continue_quote(doc, text, a, quotes, found) for a in found]
    found = [_sandwiched(doc, text, a) for a in found]
    unique: dict[tuple[int, int, int, int], Attribution] = {}
    for a in found:
        unique.setdefault((a.cue.start, a.cue.end, a.content.start, a.content.end), a)
    return tuple(sorted(unique.values(), key=lambda a: (a.content.start, -a.content.end)))
