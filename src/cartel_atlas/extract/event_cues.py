"""Event typing: which event types a sentence's cues signal, and whether it reports an
incident at all.

A seizure verb needs the word class its cue names (``needs``) in the sentence or in the
list items it introduces; drug words that name a laboratory's product ("laboratorio para
la elaboración de metanfetamina") do not make a drug seizure. Activities listed as what a
group does ("involved in extortion, kidnapping and fuel theft"), cumulative totals and
handovers to prosecutors are not incidents.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from cartel_atlas.extract.casualties import killed_count
from cartel_atlas.extract.context import DocView, PlaceMention, SentenceView
from cartel_atlas.extract.gazetteer import EventEntry, LexEntry
from cartel_atlas.extract.phrases import AnyOf, Hit


def plain_lower(text: str) -> str | None:
    """``text`` lowercased, when a case-sensitive pattern on it finds exactly what the same
    lowercase pattern with re.I finds on ``text``; else None. Lowercasing must keep every
    character one character (not 'İ') and the text must not hold 'ı' or 'ſ', which re.I
    matches to ASCII 'i' and 's' (checked over all code points, with \\w, \\s and \\d)."""
    low = text.lower()
    if len(low) != len(text) or "ı" in text or "ſ" in text:
        return None
    return low


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern written in lowercase, compiled for ``plain_lower`` text:
    without re.I the regex engine skips failing alternatives far faster."""
    if pattern.pattern != pattern.pattern.lower() or not pattern.flags & re.I:
        raise ValueError(f"not a lowercase re.I pattern: {pattern.pattern[:40]}")
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


class LowText:
    """A document lowercased once (``plain_lower``), for cheap substring pre-checks and
    for running ``lowered`` patterns over its sentences."""

    __slots__ = ("_found", "_scanned", "low")

    def __init__(self, text: str) -> None:
        self.low = plain_lower(text)
        self._found: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
        self._scanned: dict[tuple[str, ...], int] = {}

    def has(self, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
        """Whether text[start:end] may match a re.I pattern that needs one of ``words``
        (lowercase): False only when none of them occurs there. Words asked about often
        are found once in the whole document; the first questions just search their span."""
        low = self.low
        if low is None:
            return True
        stop = len(low) if end is None else end
        if words not in self._found:
            scanned = self._scanned.get(words, 0) + stop - start
            if scanned <= len(low):
                self._scanned[words] = scanned
                return any(low.find(w, start, stop) >= 0 for w in words)
        starts, min_end = self._occurrences(words)
        k = bisect_left(starts, start)
        return k < len(starts) and min_end[k] <= stop

    def _occurrences(self, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
        """Where ``words`` occur, found once per document: the sorted start offsets and, for
        each, the least end offset among the occurrences from there on."""
        found = self._found.get(words)
        if found is None:
            assert self.low is not None
            spans: list[tuple[int, int]] = []
            for w in words:
                i = self.low.find(w)
                while i >= 0:
                    spans.append((i, i + len(w)))
                    i = self.low.find(w, i + 1)
            spans.sort()
            min_end = [e for _, e in spans]
            for j in range(len(min_end) - 2, -1, -1):
                min_end[j] = min(min_end[j], min_end[j + 1])
            found = self._found[words] = ([a for a, _ in spans], min_end)
        return found

    def sentence(self, s: SentenceView) -> str | None:
        """The sentence's lowercased text, or None where ``plain_lower`` would refuse it."""
        return None if self.low is None else self.low[s.start : s.end]


SEIZURES = {"drug_seizure", "arms_seizure", "fuel_theft", "lab_dismantled"}
VIOLENT = ["attack_on_official", "attack_on_security_forces", "massacre", "armed_clash", "homicide"]
_FRAME = re.compile(
    r"\b(?:involved in|engag\w* in|crimes? of|diversif\w* into|participate[sd]? in|"
    r"reputation for|such as|activities|dedicad[oa]s? a|se dedica(?:ba|n)? a|involucrad[oa]s? en|"
    r"delitos? (?:de|como)|actividades|responsible for|revenue streams?|conducted|"
    r"has carried out|entre ellos|known for|threat|amenaza|despite|a pesar de|"
    r"linked to|tied to|vinculad[oa]s? (?:a|con)|ligad[oa]s? a|leading to|que lleve a|"
    r"lleven a|fight(?:ing)? (?:against )?the|combat(?:e|ir)?|efforts?|estrategia|policy|"
    r"political|concern|among the|one of the|deadliest|worst|uno de los|una de las|"
    r"m[aá]s letal(?:es)?|relies on|rely on|depends on|se(?:ñ|n)alad[oa]s? (?:por|de|como)|"
    r"investigaci[oó]n por|investigation for|denunci(?:ó|o|aron|ado|ada|ar)|"
    r"complained (?:of|about)|denounced|"
    r"fought over|fighting over|disput\w+ (?:por|el control)|battl\w+ (?:over|for)|"
    r"con frecuencia|frecuentemente|a menudo|often|frequently|regularly|routinely|"
    r"ha(?:s|ve)? long|data show|datos muestran|most(?!\s+recent)|la mayor[ií]a|crisis)\b",
    re.I,
)
_FRAME_HINTS = (
    "involv",
    "engag",
    "crime",
    "diversif",
    "particip",
    "reputation",
    "such as",
    "activ",
    "dedic",
    "involucr",
    "delito",
    "responsib",
    "revenue",
    "conduct",
    "carried",
    "entre ellos",
    "known",
    "threat",
    "amenaza",
    "despite",
    "a pesar",
    "linked",
    "tied",
    "vincul",
    "ligad",
    "leading",
    "llev",
    "fight",
    "combat",
    "effort",
    "estrategia",
    "policy",
    "politic",
    "concern",
    "among the",
    "one of the",
    "deadliest",
    "worst",
    "uno de los",
    "una de las",
    "letal",
    "relies",
    "rely on",
    "depends",
    "señalad",
    "senalad",
    "investiga",
    "denunci",
    "complained",
    "denounced",
    "over",
    "disput",
    "battl",
    "frecuen",
    "menudo",
    "often",
    "regularly",
    "routinely",
    "long",
    "data show",
    "datos muestran",
    "most",
    "mayor",
    "crisis",
)
"""Cheap substring pre-check before the frame pattern (C substring search per word)."""
_COMPARE = re.compile(r"(?:among|one of|uno de|una de)\b", re.I)
"""Comparisons frame only their own phrase: "uno de los fundadores de las autodefensas,
fue asesinado" reports a killing."""
_COMPARE_LOW = lowered(_COMPARE)
_COMMA_BREAK = re.compile(r"[.;:—–(),]")
_HABIT = re.compile(
    r"^\s*(?:con frecuencia|frecuentemente|a menudo|often|frequently|regularly|routinely)\b",
    re.I,
)
_FRAME_REACH = 130
"""How far a framing phrase carries over its list ("señalado por el robo de combustible
..., así como por extorsión y secuestro")."""
_PARTICIPLE = re.compile(r"\w{3,}(?:ad[oa]s?|id[oa]s?)$", re.I)
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:la|el|los|las|del|al|the)\s+(?!(?:ser|sido|estar|haber|be|been)\b)\w+\s+|"
    r"\blo\s+)$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;:—–()]")
_REPORTING = re.compile(r"^\s+(?:that|que)\b", re.I)
_PURPOSE = re.compile(
    r"(?:elaboraci[oó]n|producci[oó]n|fabricaci[oó]n|manufactura|"
    r"production|manufactur\w*|laboratorio|laboratory|lab)\s+(?:de\s+|of\s+)?"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
_PRECURSOR = re.compile(r"precursor|qu[ií]mic|chemical|sustancia", re.I)
_AGGREGATE = re.compile(
    r"\b(?:se han asegurado|han sido asegurad|durante la presente administraci[oó]n|"
    r"en lo que va|en total|a total of|so far this year|since (?:19|20)\d\d|"
    r"desde (?:el inicio|que inici)|acumulad|in (?:19|20)\d\d,? the \w+ seized|"
    r"\d+\s*%|\d+\s+(?:percent|por ciento)\b|en todo el pa[ií]s|a nivel nacional|"
    r"nationwide|across the country|[uú]ltimas 24 horas|last 24 hours|past 24 hours|"
    r"como resultado de (?:estas|las) acciones|since (?:the|el|la)\b|"
    r"(?:rose|increased|fell|declined|dropped|doubled|grew|aumentaron|disminuyeron|crecieron|"
    r"se duplicaron|se redujeron|reached|totaled|totalled|sumaron|alcanzaron|ascendieron)\b|"
    r"more \w+ than any other|m[aá]s \w+ que (?:cualquier|ning[uú]n))",
    re.I,
)
_FINISHED = {"drug_seizure"}


_AGGREGATE_HINTS = (
    "than any",
    "que cualquier",
    "que ning",
    "24 horas",
    "24 hours",
    "como resultado de",
    "reached",
    "totaled",
    "totalled",
    "sumaron",
    "alcanzaron",
    "ascendieron",
    "rose",
    "increased",
    "fell",
    "declined",
    "dropped",
    "doubled",
    "grew",
    "aumentaron",
    "disminuyeron",
    "crecieron",
    "duplicaron",
    "redujeron",
    "todo el pa",
    "nivel nacional",
    "nationwide",
    "across the country",
    "asegurad",
    "administraci",
    "en lo que va",
    "total",
    "so far",
    "since",
    "desde",
    "acumulad",
    "seized",
    "%",
    "percent",
    "por ciento",
)


_ANY_AGGREGATE = AnyOf(_AGGREGATE_HINTS)
_ANY_FRAME = AnyOf(_FRAME_HINTS)


def is_aggregate(sent: SentenceView) -> bool:
    """Cumulative totals ("se han asegurado ... durante la presente administración")."""
    if sent.aggregate is None:
        sent.aggregate = _ANY_AGGREGATE(sent.text) and _aggregate_match(sent.text)
    return sent.aggregate


_AGGREGATE_LOW = lowered(_AGGREGATE)


def _aggregate_match(text: str) -> bool:
    low = plain_lower(text)
    if low is None:
        return bool(_AGGREGATE.search(text))
    return bool(_AGGREGATE_LOW.search(low))


def lex_classes(hit: Hit) -> set[str]:
    return {p.cls for p in hit.payloads if isinstance(p, LexEntry)}


_UNIT_ONLY = re.compile(
    r"^(?:litros de|liters of|litres of|gallons of|dosis|paquetes|envoltorios|packages|"
    r"kilograms|kilos)$",
    re.I,
)
"""Units, not goods: '299 dosis de' says nothing of what was seized until the drug is named."""
_CATEGORY_NEEDS = {
    "drug_words": {"drug", "precursor"},
    "weapon_words": {"firearm", "ammunition", "explosive"},
    "fuel_words": {"fuel"},
}


def _words_present(view: DocView, sents: list[SentenceView], cls: str, lab: bool) -> bool:
    cats = _CATEGORY_NEEDS.get(cls, set())
    for s in sents:
        for h in s.cue_classes(cls):  # the hits with a lexicon payload of class ``cls``
            if _UNIT_ONLY.match(view.text[h.start : h.end]):
                continue
            if cls == "drug_words":
                before = view.text[max(0, h.start - 45) : h.start]
                if _PURPOSE.search(before):
                    continue
                if lab and _PRECURSOR.search(view.text[h.start : h.end]):
                    continue
            return True
        for c in s.commodities:
            if c.category not in cats:
                continue
            if cls == "drug_words" and (
                _PURPOSE.search(view.text[max(0, c.start - 45) : c.start])
                or (lab and c.category == "precursor")
            ):
                continue
            return True
    return False


_AGENT_BEFORE = re.compile(
    r"\b(?:por|by)\s+(?:(?:el|la|los|las|the|unos|unas|some)\s+)?(?:\w+\s+)?$", re.I
)


def victim_type(view: DocView, sent: SentenceView, etype: str, cue: Hit) -> str:
    """Violence against officials or security forces keeps its attack type. The victim is
    the role named nearest the violence ("police officers were killed"), not a speaker
    ("officials said") nor the force that acted ("intervenido por la Guardia Nacional")."""
    best: tuple[int, str] | None = None
    present: set[str] = set()
    for h in sent.cue_classes("victim_roles"):
        if (
            _SPEAKS.match(view.text[h.end : h.end + 20])
            or _ACCORDING.search(view.text[max(0, h.start - 40) : h.start])
            or _AGENT_BEFORE.search(view.text[max(0, h.start - 25) : h.start])
        ):
            continue  # a speaker, or the force that acted ("intervenido por la Guardia")
        gap = abs(h.start - cue.end) if h.start >= cue.end else abs(cue.start - h.end)
        for p in h.payloads:
            if not isinstance(p, LexEntry):
                continue
            role = p.attr("role")
            if not role:
                continue
            present.add(str(role))
            if p.cls == "victim_roles" and (best is None or gap < best[0]):
                best = (gap, str(role))
    role = best[1] if best else None
    if role == "official":
        return "attack_on_official"
    if role == "security_forces" and etype in ("homicide", "massacre", "armed_clash"):
        return "attack_on_security_forces"
    # an "ambush" of families or an "assassination" of a journalist is not an attack on
    # the state: the attack types need their victims named
    if etype == "attack_on_official" and "official" not in present:
        return "attack_on_security_forces" if "security_forces" in present else "homicide"
    if etype == "attack_on_security_forces" and not present & {"security_forces", "official"}:
        return "homicide"
    return etype


_ACCORDING = re.compile(
    r"\b(?:according to|citing|said|seg[uú]n|de acuerdo con|inform[oó])\s+(?:\w+\s+){0,3}$", re.I
)
_SPEAKS = re.compile(
    r"^\s+(?:said|say|says|told|reported|figures|data|statistics|records|cifras|datos|"
    r"dijo|dijeron|informó|informaron|"
    r"señaló|señalaron|declaró)\b",
    re.I,
)


def cue_types(view: DocView, s: SentenceView, low: LowText | None = None) -> dict[str, Hit]:
    """Event types cued in the sentence (first cue hit of each type). ``low``, the
    document lowercased once, makes the pre-checks cheap."""
    found: dict[str, Hit] = {}
    if low is None or low.has(_US_HINTS, s.start, s.end):
        handover = _handover(s)
        if handover is not None:
            found["extradition"] = handover
    if not s.cues:
        return found  # most sentences: nothing cued
    cued = [(h, p) for h in s.cues for p in h.payloads if isinstance(p, EventEntry)]
    if not cued:
        return found
    _cued_types(view, s, cued, found, low)
    if "arrest" in found:
        _possession(view, s, found)
    return found


def _cued_types(
    view: DocView,
    s: SentenceView,
    cued: list[tuple[Hit, EventEntry]],
    found: dict[str, Hit],
    low: LowText | None,
) -> None:
    """The typing rules for each event cue of the sentence, in order (``cue_types``)."""
    text = view.text
    scope = [s, *view.items_after(s.index)] if s.intro else [s]
    lab = any(p.event_type == "lab_dismantled" for _, p in cued)
    present: dict[tuple[str, bool], bool] = {}
    denials = s.cue_classes("negation")
    frames: list[tuple[int, bool]] | None = None
    for h, p in cued:
        etype = p.event_type
        if etype in found and not _inside(found[etype], denials):
            continue
        needs = p.needs
        if needs:
            key = (needs, lab and etype in _FINISHED)
            if key not in present:
                present[key] = _words_present(view, scope, needs, key[1])
            if not present[key] or needs in lex_classes(h):
                continue  # the commodity word itself ("precursores químicos") is no seizure
        cut_off, participle = _cue_shape(p.text)
        if cut_off and not text[h.end : s.end].strip(" .,;"):
            continue  # "299 dosis de" cut off: what was seized is not stated
        if etype in VIOLENT and any(
            w.start <= h.start < w.end for w in s.cue_classes("weapon_words")
        ):
            continue  # "una granada" in a list of seized arms
        if frames is None:
            frames = _frames(s, low, max(c.start for c, _ in cued))
        if any(
            h.start - _FRAME_REACH <= f <= h.start
            and not (_COMMA_BREAK if soft else _CLAUSE_BREAK).search(text, f, h.start)
            for f, soft in frames
        ):
            continue
        if _HABIT.search(text[h.end : min(s.end, h.end + 25)]):
            continue  # "ha desmantelado con frecuencia": a habit, not an incident
        if participle:
            last = h.end - len(text[h.start : h.end].split()[-1])
            if _DEFINITE_BEFORE.search(text[max(s.start, last - 30) : last]):
                continue  # "la droga asegurada", "lo asegurado": the seizure already told
        if _REPORTING.match(text[h.end : h.end + 12]):
            continue  # "research has found that": a reporting verb, not a find
        if etype in found and _inside(h, denials):
            continue
        # a cue inside a denial ("evaded capture") gives way to a plain one ("was arrested")
        found[etype] = h


_CUT_OFF = re.compile(r"\b(?:de|of)$")


@lru_cache(maxsize=4096)
def _cue_shape(cue: str) -> tuple[bool, bool]:
    """Whether a lexicon cue ends on "de"/"of" and whether it ends on a participle (read
    once per cue phrase)."""
    return bool(_CUT_OFF.search(cue)), bool(_PARTICIPLE.search(cue))


_FRAME_LOW = lowered(_FRAME)


def _frames(s: SentenceView, low: LowText | None, until: int) -> list[tuple[int, bool]]:
    """End offsets of the framing phrases of the sentence, and whether each is a comparison.
    Only those ending by ``until`` (the last cue's start) can frame a cue, so the scan stops
    there; the phrases before are the same as in a scan of the whole sentence."""
    if not _ANY_FRAME(s.text):
        return []
    text = low.sentence(s) if low is not None else plain_lower(s.text)
    out: list[tuple[int, bool]] = []
    if text is None:
        for m in _FRAME.finditer(s.text):
            if m.end() + s.start > until:
                break
            out.append((m.end() + s.start, bool(_COMPARE.match(m.group()))))
        return out
    for m in _FRAME_LOW.finditer(text):
        if m.end() + s.start > until:
            break
        out.append((m.end() + s.start, bool(_COMPARE_LOW.match(text, m.start(), m.end()))))
    return out


_POSSESSION = re.compile(
    r"\b(?:con|with|en posesi[oó]n de|in possession of|portaba[n]?|carrying|transportaba[n]?)\s",
    re.I,
)


def _possession(view: DocView, s: SentenceView, found: dict[str, Hit]) -> None:
    """ "Detenido con 20 kilos de metanfetamina": goods found on the detained are seized."""
    arrest = found["arrest"]
    m = _POSSESSION.search(view.text, arrest.end, s.end)
    if m is None or m.start() - arrest.end > 60:
        return
    tail = [h for h in s.cues if h.start >= m.end() and h.start - m.end() < 60]
    for cls, etype in (
        ("drug_words", "drug_seizure"),
        ("weapon_words", "arms_seizure"),
        ("fuel_words", "fuel_theft"),
    ):
        if etype not in found and any(
            cls in lex_classes(h) and not _UNIT_ONLY.match(view.text[h.start : h.end]) for h in tail
        ):
            found[etype] = arrest


_HANDOVER_US = re.compile(
    r"\b(?:handed(?: over)?|hands(?: over)?|sent|sends|transferred|turned over|delivered|"
    r"expelled|entreg[oó]|entregaron|entrega|envi[oó]|enviaron|env[ií]a|fueron enviad[oa]s|"
    r"fueron entregad[oa]s|fueron trasladad[oa]s|traslad[oó])\b[^.;]{0,80}?"
    r"\b(?:to the United States|to U\.S\. (?:custody|authorities)|a Estados Unidos|a EU\b|"
    r"a las autoridades estadounidenses)",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:prisoners|inmates|defendants|figures|capos|reos|presos|personas|detenidos|"
    r"narcotraficantes|members|leaders|fugitives|suspects|l[ií]deres|integrantes|recluid[oa]s)\b",
    re.I,
)


_US_HINTS = (
    "united states",
    "estados unidos",
    "u.s. custody",
    "u.s. authorities",
    " a eu",
    "estadounidenses",
)
_ANY_US = AnyOf(_US_HINTS)


def _handover(s: SentenceView) -> Hit | None:
    """Mexico handing prisoners to U.S. custody counts as extradition, named so or not."""
    if not _ANY_US(s.text):
        return None
    m = _HANDOVER_US.search(s.text)
    if m is None or not _PEOPLE.search(s.text):
        return None
    return Hit(s.start + m.start(), s.start + m.end(), "handover", ())


def _inside(h: Hit, spans: list[Hit]) -> bool:
    return any(o.start <= h.start and h.end <= o.end and o is not h for o in spans)


def anchored(
    view: DocView,
    s: SentenceView,
    etype: str,
    places: list[PlaceMention],
    date: str | None,
    killed: Callable[[], int | None] | None = None,
) -> bool:
    """Whether the sentence reports a specific incident rather than a kind of activity.
    ``killed`` gives the sentence's death count when the caller has it already."""
    if etype in VIOLENT or etype in (
        "kidnapping",
        "extortion",
        "disappearance",
        "human_smuggling",
        "fuel_theft",
        "other",
    ):
        # a count, a day or month, or a municipality: "homicides remain the main concern
        # in Guanajuato" names no incident
        if any(d.precision in ("day", "month", "interval") for d in s.dates):
            return True  # a specific date
        if any(p.is_mexican and p.kind != "state" for p in places):
            return True  # a municipality
        count = killed() if killed is not None else killed_count(view, s, "killed")
        # a state and a year ("Guanajuato recorded more homicides in 2019") is not enough
        return (
            count is not None or any(not n.is_year and not n.approx for n in s.numbers) or s.intro
        )
    if etype in SEIZURES:
        quantities = any(not n.is_year and not n.approx for n in s.numbers) or s.intro
        return bool(places or date or quantities)
    return bool(places or date or any(not n.is_year and not n.approx for n in s.numbers))
