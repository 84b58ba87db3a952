"""Who and where a presence claim covers, beyond the groups and places named side by side.

Three phenomena the plain "group, cue, place" reading misses:

* place anaphora: "the region", "la zona", "la ciudad" point back to the last Mexican
  place the report named ("operan en la región" after "Uruapan" is Michoacán);
* turf wars name the place first and the rivals after it ("Zacatecas has been a
  battleground for X and Y", "la zona es disputada por X y por Y"): every side counts;
* a group named only through a link ("cells linked to X", "grupos vinculados al X") is
  hedged, and one named only as a partner or parent ("mantiene vínculos con X", "the
  armed wing of X") is not placed at all.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from cartel_atlas.extract.context import GroupMention, PlaceMention, SentenceView

# Region-like nouns point at a state; area-like nouns at the last municipality, if any.
_PLACE_ANAPHOR = re.compile(
    r"\b(?:(?P<state>the (?:region|state)|(?:la|esa|esta|una) (?:regi[oó]n|entidad)|"
    r"(?:el|del|ese|este) estado)|"
    r"(?P<local>the (?:area|city|town|municipality)|(?:la|esa|esta) (?:zona|ciudad|localidad)|"
    r"(?:el|ese|este) municipio))\b(?!\s+(?:de|del|of)\b)",
    re.I,
)
_LINKED = re.compile(
    r"(?:linked to|tied to|allied (?:with|to)|aligned with|associated with|"
    r"vinculad[oa]s? (?:a|al|con)|ligad[oa]s? (?:a|al)|aliad[oa]s? (?:a|al|con|del?)|"
    r"presuntos? (?:integrantes|miembros) del?|suspected members of)"
    r"\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?$",
    re.I,
)
_NOT_PLACED = re.compile(
    r"(?:v[ií]nculos con|ties (?:to|with)|wing of|inside|dentro del?|leal(?:es)? a|"
    r"loyal to|escisi[oó]n de|offshoot of|split from|brazo armado del?)"
    r"\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?$",
    re.I,
)
_AGAINST = re.compile(r"\b(?:con|with|against|contra)\s+(?:(?:el|la|los|las|the)\s+)?$", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|they|their|su|sus)\b", re.I)


def place_anaphor(
    s: SentenceView, last: PlaceMention | None, focal: PlaceMention | None
) -> PlaceMention | None:
    """The place a region/area noun in ``s`` stands for, or None: a region is the state
    of the last place named; an area or city is the report's focal municipality (the one
    named most often so far, the first on a tie) when it lies in that state."""
    if last is None:
        return None
    m = _PLACE_ANAPHOR.search(s.text)
    if not m:
        return None
    start, end = s.start + m.start(), s.start + m.end()
    state = last.label.split("/")[0]
    if m.group("local") and focal is not None and focal.label.startswith(state + "/"):
        return dataclasses.replace(focal, start=start, end=end, surface=m.group(0))
    return dataclasses.replace(
        last, start=start, end=end, surface=m.group(0), kind="state", label=state
    )


_BETWEEN = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:between|entre)\b", re.I)


def war_place(
    s: SentenceView, last: PlaceMention | None, focal: PlaceMention | None
) -> PlaceMention | None:
    """A turf war "between" two named groups in a sentence that names no place is fought
    where the report is (the state of its focal municipality, else of the last place
    named): "los enfrentamientos entre X y Y" in a report about Culiacán."""
    where = focal or last
    if where is None or len({g.group_id for g in s.groups}) < 2:
        return None
    text = s.text
    fights = [
        c
        for c in s.cue_classes("contest")
        if re.search(r"\b(?:between|entre)\b", text[c.start - s.start : c.end - s.start])
        or _BETWEEN.match(text[c.end - s.start : c.end - s.start + 30])
    ]
    if not fights:
        return None
    cue = fights[0]
    return dataclasses.replace(
        where,
        start=cue.start,
        end=cue.end,
        surface=s.text[cue.start - s.start : cue.end - s.start],
        kind="state",
        label=where.label.split("/")[0],
    )


class PlaceTally:
    """Municipalities named so far in a report, to find its focal one."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int, PlaceMention]] = {}

    def add(self, places: list[PlaceMention]) -> None:
        for p in places:
            if "/" not in p.label:
                continue
            n, first, m = self._seen.get(p.label, (0, len(self._seen), p))
            self._seen[p.label] = (n + 1, first, m)

    def focal(self) -> PlaceMention | None:
        if not self._seen:
            return None
        return min(self._seen.values(), key=lambda v: (-v[0], v[1]))[2]


_BORDER = re.compile(
    r"(?:border(?:s)? (?:between|with)|frontera (?:entre|con)|l[ií]mites? (?:entre|con)|"
    r"colinda(?:n)? con|limita(?:n)? con)\s+(?:(?:the|el|los|las|la)\s+)?"
    r"(?:(?:states? of|estados? de)\s+)?$",
    re.I,
)


_LIST_GAP = re.compile(r"\s*(?:,|y|e|and|or|o)\s*(?:(?:el|la|the)\s+)?")
BORDER_WORDS = ("border", "frontera", "mite", "colinda", "limita")
"""Every ``_BORDER`` match holds one of these, lowercased ("límite", "limite")."""
ODD_CASE = ("\u0130", "\u0131", "\u017f")


def lowered(text: str) -> str | None:
    """``text.lower()`` when a lowercase substring test is a safe pre-check for an re.I
    pattern at the same offsets; None when the text holds İ, ı or ſ (re.I reads them as i
    and s, lower() does not, and İ lowers to two characters)."""
    return None if any(c in text for c in ODD_CASE) else text.lower()


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether an re.I pattern every match of which holds one of ``words`` (lowercase) may
    match in ``text``: a cheap pre-check, exact unless the text holds İ, ı or ſ."""
    low = text.lower()
    for w in words:
        if w in low:
            return True
    return any(c in text for c in ODD_CASE)


class WordMarks:
    """Where a document (lowercased by ``lowered``) holds any of some words: a pre-check,
    once per document, for patterns that need one of them. Without the lowercased text
    every span may hold one."""

    def __init__(self, low: str | None, words: tuple[str, ...]) -> None:
        self._at: list[int] | None = None
        if low is not None:
            at: list[int] = []
            for w in words:
                i = low.find(w)
                while i >= 0:
                    at.append(i)
                    i = low.find(w, i + 1)
            self._at = sorted(at)

    def within(self, start: int, end: int) -> bool:
        """Whether one of the words may start in [start, end)."""
        if self._at is None:
            return True
        i = bisect_left(self._at, start)
        return i < len(self._at) and self._at[i] < end


def off_border(
    text: str, s: SentenceView, places: list[PlaceMention], borders: WordMarks | None = None
) -> list[PlaceMention]:
    """Drop the neighbours a place is said to border ("en los límites con Guerrero y
    Michoacán", "on the border between Michoacán and Jalisco"): they locate, they do
    not host. ``borders`` marks ``BORDER_WORDS`` in ``text``."""
    if not places:
        return []
    if borders is not None:
        reach = max(s.end, max(p.start for p in places))  # the text the windows below cover
        if not borders.within(s.start, reach):
            return list(places)  # no neighbour, so no list of neighbours either
    out: list[PlaceMention] = []
    listed_after = -1  # end of the last neighbour: a list goes on from there
    for p in places:
        neighbour = _BORDER.search(text[max(s.start, p.start - 60) : p.start]) or (
            listed_after >= 0 and _LIST_GAP.fullmatch(text[listed_after : p.start])
        )
        if neighbour:
            listed_after = p.end
            continue
        listed_after = -1
        out.append(p)
    return out


def single_state(places: list[PlaceMention]) -> list[PlaceMention]:
    """The one place a sentence is about, when all its Mexican places share one state
    ("Guanajuato ... as the CJNG and the CSRL fought over fuel theft")."""
    if not places or len({p.label.split("/")[0] for p in places}) != 1:
        return []
    return [next((p for p in places if p.kind != "state"), places[0])]


def linked(text: str, g: GroupMention) -> bool:
    """The group is named only through a link ("cells linked to the CJNG")."""
    return bool(_LINKED.search(text[max(0, g.start - 45) : g.start]))


def placed(text: str, g: GroupMention) -> bool:
    return not _NOT_PLACED.search(text[max(0, g.start - 30) : g.start])


_PART_BREAK = re.compile(r";|,\s+(?:but|pero|while|mientras|whereas|although|aunque)\b", re.I)


def crosses_part(text: str, lo: int, hi: int) -> bool:
    """Whether a ';' or a contrast (", but", ", pero") lies between ``lo`` and ``hi``."""
    return bool(_PART_BREAK.search(text, lo, hi))


def _segment(s: SentenceView, text: str, pos: int) -> tuple[int, int]:
    """The part of the sentence holding ``pos``: parts end at ';' and at a contrast
    (", but", ", pero"): "its core is Jalisco, but it fights the Sinaloa Cartel for
    Zacatecas" puts the Sinaloa Cartel in Zacatecas only."""
    lo = s.start
    for m in _PART_BREAK.finditer(text, s.start, s.end):
        if m.end() <= pos:
            lo = m.end()
        else:
            return lo, m.start()
    return lo, s.end


def contest_owners(
    text: str,
    s: SentenceView,
    groups: list[GroupMention],
    place: PlaceMention,
    anaphoric: GroupMention | None,
) -> list[GroupMention]:
    """Every side of a turf war over ``place``: the groups in its part of the sentence,
    plus the group a pronoun there points back to ("in Sonora it clashes with X")."""
    lo, hi = _segment(s, text, place.start)
    out = [g for g in groups if lo <= g.start < hi and placed(text, g)]
    if (
        anaphoric is not None
        and all(g.group_id != anaphoric.group_id for g in out)
        and _PRONOUN.search(text, lo, hi)
    ):
        out.insert(0, anaphoric)
    elif (
        anaphoric is not None
        and len(out) == 1
        and out[0].group_id != anaphoric.group_id
        and _AGAINST.search(text[max(lo, out[0].start - 30) : out[0].start])
    ):  # "mantiene una guerra con el CJNG": the unnamed subject is the other side
        out.insert(0, anaphoric)
    return out


def contest_near(s: SentenceView, text: str, cues_start: list[int], place: PlaceMention) -> bool:
    """A contest cue sits in the same ';'-part of the sentence as the place."""
    lo, hi = _segment(s, text, place.start)
    return any(lo <= c < hi for c in cues_start)
