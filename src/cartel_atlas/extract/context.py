"""The analysed document every extractor reads: sentences, paragraphs, headers, mentions.

Extractors work sentence by sentence but need a little discourse: which paragraph a
sentence is in, the state header of a daily report ("SINALOA:"), whether a sentence
introduces a list ("lo siguiente:") and which list items follow it. All mentions (groups,
places, commodities, cue phrases, numbers, dates) are found once per document and placed
in their sentence here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cartel_atlas.extract.phrases import Hit

_BULLET = re.compile(r"^\s*[-–—•·*➢►▪●○◦]\s*")
_HEADER = re.compile(r"^[^a-záéíóúñü]*[A-ZÁÉÍÓÚÑÜ]{3}[^a-záéíóúñü]*:?\s*$")


@dataclass(frozen=True, slots=True)
class GroupMention:
    """A criminal group named in the text; ``alias`` is the surface form to report."""

    start: int
    end: int
    group_id: str
    name: str
    alias: str
    sentence: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A resolved place: exchange label, kind and state code (None for countries)."""

    start: int
    end: int
    surface: str
    kind: str
    code: str
    label: str
    state_code: str | None
    sentence: int

    @property
    def is_mexican(self) -> bool:
        return self.state_code is not None


@dataclass(frozen=True, slots=True)
class CommodityMention:
    """A commodity named in the text, with the surface form as written."""

    start: int
    end: int
    surface: str
    commodity_id: str
    category: str
    sentence: int


@dataclass
class SentenceView:
    """One sentence with everything found inside it."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_header: bool = False
    is_item: bool = False
    intro: bool = False
    """Ends with a colon: introduces a list of items."""
    header_state: str | None = None
    header_label: str | None = None
    _by_class: dict[str, list[Hit]] | None = field(default=None, repr=False)
    aggregate: bool | None = None
    """Reports a cumulative total (computed once, by ``events.is_aggregate``)."""
    groups: list[GroupMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    commodities: list[CommodityMention] = field(default_factory=list)
    cues: list[Hit] = field(default_factory=list)
    numbers: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)

    def cue_classes(self, cls: str) -> list[Hit]:
        """Lexicon hits of word class ``cls`` (indexed once per sentence)."""
        if self._by_class is None:
            index: dict[str, list[Hit]] = {}
            for h in self.cues:
                for c in {getattr(p, "cls", None) for p in h.payloads}:
                    if c:
                        index.setdefault(c, []).append(h)
            self._by_class = index
        return self._by_class.get(cls, [])

    def has_class(self, cls: str) -> bool:
        return bool(self.cue_classes(cls))


@dataclass
class DocView:
    """A document split into sentence views, with its language and publication date."""

    doc_id: str
    text: str
    lang: str
    published: date | None
    sentences: list[SentenceView]
    _starts: list[int] = field(default_factory=list, repr=False)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one starting before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def items_after(self, index: int) -> list[SentenceView]:
        """List items that follow an introducing sentence ("se aseguró lo siguiente:")."""
        out: list[SentenceView] = []
        for s in self.sentences[index + 1 :]:
            if s.is_item or (out and s.paragraph == out[-1].paragraph):
                out.append(s)
            else:
                break
        return out


_ABBREVIATION_END = re.compile(
    r"\b(?:Cd|Edo|Gral|Lic|Sr|Sra|Dr|Mtro|Fracc|Av|Núm|Mpio|Tte|Sgto|Cap|Col)\.\s*$"
)
_ABBREVIATION_REACH = 7
"""A match starts at most this far before the last non-space character (5 letters + '.')."""


def _ends_with_abbreviation(sentence: str) -> bool:
    """``_ABBREVIATION_END.search(sentence)``, scanning only the sentence's tail: with a
    start position ``\b`` still sees the character before it, so the answer is the same."""
    tail = len(sentence.rstrip()) - _ABBREVIATION_REACH
    return _ABBREVIATION_END.search(sentence, tail if tail > 0 else 0) is not None


def _join_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo splits after abbreviations ("Tlalpan, Cd. | Méx., a 5 de marzo")."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            out
            and _ends_with_abbreviation(text[out[-1][0] : out[-1][1]])
            and "\n" not in text[out[-1][1] : s]
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_NEWLINE = re.compile("\n")


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def build_view(
    doc_id: str, text: str, lang: str, published: date | None, spans: list[tuple[int, int]]
) -> DocView:
    """Sentence views for ``spans``, with paragraphs, headers, list items and intros marked.

    Sentences never cross a line break here: report lines ("-En Culiacán, ...") and list
    items are units of their own even when a splitter joined them.
    """
    cut: list[tuple[int, int]] = []
    for s, e in _join_abbreviations(text, spans):
        pos = s
        nl = text.find("\n", s, e)
        while nl >= 0:
            if text[pos:nl].strip():
                cut.append((pos, nl))
            pos = nl + 1
            nl = text.find("\n", pos, e)
        if text[pos:e].strip():
            cut.append((pos, e))
    paras = _paragraph_starts(text)
    views: list[SentenceView] = []
    for i, (s, e) in enumerate(cut):
        # trim surrounding whitespace so offsets point at the words
        raw = text[s:e]
        lead = len(raw) - len(raw.lstrip())
        s2, e2 = s + lead, s + len(raw.rstrip())
        sent = text[s2:e2]
        v = SentenceView(i, s2, e2, sent, bisect_right(paras, s2) - 1)
        v.is_header = len(sent) < 60 and _HEADER.match(sent) is not None
        v.is_item = _BULLET.match(sent) is not None
        v.intro = sent.endswith(":") and not v.is_header  # ``sent`` is stripped already
        views.append(v)
    return DocView(doc_id, text, lang, published, views, [v.start for v in views])
