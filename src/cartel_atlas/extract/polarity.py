"""Polarity of a claim: asserted, hedged ("presuntamente", "allegedly") or negated.

The scope is the clause: a hedge or a negation counts for a cue only when no clause
break (comma, semicolon, colon, dash) stands between them, or when it is one of the
phrases that negate a whole sentence ("sigue prófugo", "remains at large", "never
passed"). Negation words that are part of another phrase ("sin vida" is a death, not a
negation) are ignored.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import SentenceView
from cartel_atlas.extract.phrases import AnyOf, Hit

_BREAK = re.compile(r"[,;:—–()]|\s-\s|\b(?:but|pero|sino|although|aunque|while|mientras)\b")
_SENTENCE_WIDE_NEG = re.compile(
    r"\b(?:sigue[n]? pr[oó]fug[oa]s?|contin[uú]a[n]? pr[oó]fug[oa]s?|remains? at large|"
    r"still at large|evaded capture|never (?:been )?(?:passed|approved|arrested|captured)|"
    r"no se ha podido (?:capturar|detener)|logr[oó] escapar|was not (?:passed|approved)|"
    r"no fue aprobad[oa])\b",
    re.I,
)


def _classes(hit: Hit) -> set[str]:
    return {getattr(p, "cls", "") for p in hit.payloads}


def _scoped(
    sent: SentenceView,
    text: str,
    cls: str,
    start: int,
    end: int,
    window: int,
    before_only: bool = False,
) -> bool:
    """A ``cls`` cue in the same clause as [start, end), at most ``window`` chars away
    (only before it when ``before_only``: "no fue detenido", not "armas sin registro")."""
    mine = sent.cue_classes(cls)
    if not mine:
        return False
    others: list[Hit] | None = None
    for h in mine:
        if before_only and h.start >= start:
            continue
        lo, hi = (h.end, start) if h.end <= start else (end, h.start)
        if hi - lo > window:
            continue
        if others is None:
            others = [o for o in sent.cues if cls not in _classes(o)]
        if any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in others
        ):
            continue  # "sin" inside "sin vida"
        if lo <= hi and not _BREAK.search(text[lo:hi]):
            return True
        if h.start < end and h.end > start:
            return True
    return False


def polarity_at(sent: SentenceView, text: str, start: int, end: int) -> str:
    """Polarity of a claim whose cue spans [start, end) of the document text."""
    if sentence_negates(sent) and _denial_near(sent, text, start, end):
        return "negated"
    if _scoped(sent, text, "negation", start, end, 40, before_only=True):
        return "negated"
    if hedged(sent, text, start, end):
        return "hedged"
    return "asserted"


_CLAUSE_GAP = re.compile(r"[;:,]|\b(?:but|pero|while|mientras)\b")


def _denial_near(sent: SentenceView, text: str, start: int, end: int) -> bool:
    """A sentence-wide denial counts for a cue in its own clause ("was not caught and
    remains at large"), not across ';', ',' or 'but' ("two were arrested; a third remains
    at large", "Zambada, who evaded capture for decades, was taken into custody")."""
    for m in _SENTENCE_WIDE_NEG.finditer(text, sent.start, sent.end):
        lo, hi = (m.end(), start) if m.end() <= start else (end, m.start())
        if lo <= hi and hi - lo <= 120 and not _CLAUSE_GAP.search(text[lo:hi]):
            return True
    return False


def hedged(sent: SentenceView, text: str, start: int | None = None, end: int | None = None) -> bool:
    """True when a hedge scopes the span (or, without a span, anywhere in the sentence)."""
    if start is None or end is None:
        return bool(sent.cue_classes("hedge"))
    return _scoped(sent, text, "hedge", start, end, 120)


_NEG_HINTS = ("prófug", "profug", "large", "capture", "never", "podido", "escap", "not ", "no fue")
_ANY_NEG = AnyOf(_NEG_HINTS)
"""One scan of the lowercased sentence for any of the hints."""


def sentence_negates(sent: SentenceView) -> bool:
    """Sentence-wide denials ('it was never passed', 'sigue prófugo')."""
    return _ANY_NEG(sent.text) and bool(_SENTENCE_WIDE_NEG.search(sent.text))


def hedges_introduce_groups(sent: SentenceView, reach: int) -> bool:
    """Every hedge of the sentence comes right before a group (within ``reach``
    characters): "linked to the CJNG", "presuntos integrantes del CJNG" qualify who, not
    whether."""
    hedges = sent.cue_classes("hedge")
    return bool(hedges) and all(
        any(0 <= g.start - h.end <= reach for g in sent.groups) for h in hedges
    )
