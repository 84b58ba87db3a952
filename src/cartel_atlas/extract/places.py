"""Place mentions: one reading per place name, chosen from the context.

A name often has several readings (``Places.candidates`` lists them, most likely first).
The context decides, strongest first:
1. a state written right after the name: "Juárez, Nuevo León", "Huetamo, Mich.";
2. the state header of a report section ("CHIHUAHUA:") or another state named in the same
   sentence or paragraph;
3. a state whose name contains the header's (a "BAJA CALIFORNIA" header over La Paz,
   which lies in Baja California Sur);
4. the vocabulary's ranking (country before state before the most populous municipality).
Names that are only a municipality's and sit inside a person's name ("Omar García
Harfuch") or after "localidad de"/"poblado" (localities that share a municipality's name)
are dropped: they are not the municipality.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from cartel_atlas.extract.context import DocView, PlaceMention
from cartel_atlas.extract.gazetteer import PlaceEntry
from cartel_atlas.extract.phrases import AnyOf, Hit, Occurrences
from cartel_atlas.vocab.places import Places

_LOCALITY = re.compile(
    r"(?:\b(?:localidad(?:es)?|poblados?|comunidad(?:es)?|colonias?|fraccionamiento|ejido|"
    r"ranchería|rancho|barrio|paraje|boulevard|bulevar|calle|avenida|carretera|"
    r"sindicatura|tenencia|congregaci[oó]n|comisar[ií]a|junta auxiliar|"
    r"locality|village|neighborhood)(?:\s+(?:de|del|of))?\s+(?:(?:la|el|los|las)\s+)?)$",
    re.I,
)
_SUBUNIT = re.compile(
    r"\b(?:sindicatura|tenencia|congregaci[oó]n|comisar[ií]a|junta auxiliar|colonia|"
    r"localidad|comunidad|poblado|ejido|rancher[ií]a)\s+(?:de\s+)?$",
    re.I,
)
_LOCALITY_LIST = re.compile(
    r"\b(?:poblados?|localidad(?:es)?|comunidad(?:es)?|colonias?|ejidos?|rancher[ií]as?|"
    r"villages?|localities)\s+(?:(?:de|del)\s+)?(?:[A-ZÁÉÍÓÚÑ][\w]*(?:\s+(?:de\s+|del\s+)?"
    r"[A-ZÁÉÍÓÚÑ][\w]*)*,?\s+)*(?:y\s+|and\s+)?$"
)
_NAME_WORD = re.compile(r"([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)\s$")
_FUNCTION = {
    "En",
    "In",
    "De",
    "Del",
    "La",
    "El",
    "Los",
    "Las",
    "The",
    "Of",
    "And",
    "Y",
    "A",
    "Al",
    "Por",
    "From",
    "To",
    "Into",
    "At",
    "On",
    "Con",
    "Desde",
    "Hacia",
    "Para",
    "Estado",
    "State",
    "Municipio",
    "Ciudad",
    "City",
    "Puerto",
    "Port",
    "Both",
    "Sur",
    "Norte",
    "North",
    "South",
    "Mexico",
    "México",
    "Gobierno",
    "Government",
}


_LOCALITY_WORDS = (
    "poblad",
    "localidad",
    "comunidad",
    "colonia",
    "ejido",
    "rancher",
    "village",
    "localit",
    "fraccionamiento",
    "barrio",
    "paraje",
    "boulevard",
    "bulevar",
    "calle",
    "avenida",
    "carretera",
    "neighborhood",
    "rancho",
    "sindicatura",
    "tenencia",
    "congregaci",
    "comisar",
    "junta auxiliar",
)


_ANY_LOCALITY = AnyOf(_LOCALITY_WORDS)
_CITY_ENDS = ("of", "de", "estado", "estado,")
"""Every text _CITY_OF matches ends with one of these and spaces, lowercased."""
_CASE_TWINS = ("ı", "ſ")
"""Letters that match 'i' and 's' under re.I but stay as they are in str.lower()."""


class _Words:
    """Where the cue words of the place rules occur in one document, found in one scan
    each (on first use), so that "is there one just before this name" is a bisect instead
    of a scan of the window."""

    __slots__ = ("_locality", "low", "plain", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        # offsets of the lowered text are the text's only when lowering kept every length
        self.low: str | None = low if len(low) == len(text) else None
        # and the lowered text holds every re.I match of a word unless a case twin is there
        self.plain = self.low is not None and not any(c in text for c in _CASE_TWINS)
        self._locality: Occurrences | None = None

    def locality(self, start: int, end: int) -> bool:
        """Whether a locality word lies wholly inside text[start:end] (any case)."""
        if self.low is None:
            return _ANY_LOCALITY(self.text[start:end])
        if self._locality is None:
            self._locality = _ANY_LOCALITY.spans(self.low)
        return self._locality.within(start, end)

    def port(self, start: int, end: int) -> bool:
        """Whether 'port' or 'puert' (any case) lies wholly inside text[start:end]."""
        low = self.low
        if low is None:
            window = self.text[start:end].lower()
            return "port" in window or "puert" in window
        return low.find("port", start, end) >= 0 or low.find("puert", start, end) >= 0

    def may_be_subunit(self, start: int) -> bool:
        """False when _SUBUNIT cannot match the 30 characters before ``start`` (its words
        are all locality words)."""
        return not self.plain or self.locality(max(0, start - 30), start)

    def may_be_city_of(self, start: int) -> bool:
        """False when _CITY_OF cannot match the 30 characters before ``start``: its
        phrases end with one of _CITY_ENDS, then spaces."""
        if not self.plain:
            return True
        return self.text[max(0, start - 30) : start].rstrip().lower().endswith(_CITY_ENDS)


_LAST_WORDS: list[_Words] = []


def _words(text: str) -> _Words:
    """The cue words of ``text``; the last document's are kept, as places and groups of
    the same document both ask."""
    last = _LAST_WORDS[0] if _LAST_WORDS else None
    if last is not None and last.text is text:
        return last
    words = _Words(text)
    _LAST_WORDS[:] = [words]
    return words


def _near_locality_word(words: _Words, start: int, width: int) -> bool:
    return words.locality(max(0, start - width), start)


def in_locality_list(text: str, start: int) -> bool:
    """True inside a list of localities: 'en los poblados El Carrizal, Los Mayos, ...'."""
    return _near_locality_word(_words(text), start, 120) and bool(
        _LOCALITY_LIST.search(text[max(0, start - 120) : start])
    )


_ORDER_CACHE: dict[tuple[int, str], dict[str, int]] = {}


def _order(places: Places, surface: str) -> dict[str, int]:
    """Rank of each reading of ``surface`` (cached: the ranking never changes)."""
    key = (id(places), surface)
    found = _ORDER_CACHE.get(key)
    if found is None:
        if len(_ORDER_CACHE) > 50_000:
            _ORDER_CACHE.clear()
        found = {r.code: i for i, r in enumerate(places.candidates(surface))}
        _ORDER_CACHE[key] = found
    return found


_GENERIC_HEADS = {"port", "puerto", "ciudad", "city", "municipio", "estado", "state"}


def _capitalised(surface: str) -> bool:
    """Proper names are capitalised ('port of Manzanillo' yes, 'la paz' no)."""
    words = surface.split()
    if not words:
        return False
    first = words[0]
    if first.lower() == "capital" and len(words) > 1:
        return True  # "la capital sinaloense": a description, written in lower case
    if first.lower() in _GENERIC_HEADS and len(words) > 1:
        first = words[-1]
    return first[:1].isupper()


@dataclass(frozen=True, slots=True)
class _Readings:
    """The place readings of one hit and what the rules ask of them, computed once per
    gazetteer key and surface instead of at every use."""

    readings: list[PlaceEntry]
    """Most likely first; never empty."""
    states: frozenset[str]
    """Codes of the state readings."""
    only_local: bool
    """Only municipality, port or crossing readings."""
    municipal: bool
    """Only municipality readings."""
    state_codes: frozenset[str | None]
    """The state of every reading."""
    list_state: frozenset[str]
    """The one state of an only-municipal name (for lists of municipalities), else empty."""
    settled: bool
    """The first reading is the one ``_choose`` returns whatever the context."""
    capitalised: bool
    """``_capitalised`` of the surface."""
    one_word: bool
    """The surface is a single word."""
    first_kind: str
    """The kind of the most likely reading."""
    has_port: bool
    """A port reading is among them (the reading a 'ports of' list asks for)."""
    state_city: bool
    """A municipality reading lies in the state of a state reading (the reading 'the city
    of' asks for)."""


def _make_readings(payloads: tuple[Any, ...], places: Places, surface: str) -> _Readings | None:
    # one reading per place: "Michoacán" and its accent-free form are one state
    entries: list[PlaceEntry] = []
    seen: set[tuple[str, str]] = set()
    for p in payloads:
        if isinstance(p, PlaceEntry) and (p.kind, p.code) not in seen:
            seen.add((p.kind, p.code))
            entries.append(p)
    if not entries:
        return None
    if len(entries) > 1:
        order = _order(places, surface)
        entries = sorted(entries, key=lambda e: order.get(e.code, len(order)))
    municipal = all(p.kind == "municipality" for p in entries)
    states = {p.state_code for p in entries if p.state_code}
    state_readings = frozenset(p.code for p in entries if p.kind == "state")
    return _Readings(
        entries,
        state_readings,
        all(p.kind in ("municipality", "port", "crossing") for p in entries),
        municipal,
        frozenset(p.state_code for p in entries),
        frozenset(states) if municipal and len(states) == 1 else frozenset(),
        len(entries) == 1 or entries[0].kind in ("country", "state"),
        _capitalised(surface),
        " " not in surface.strip(),
        entries[0].kind,
        any(p.kind == "port" for p in entries),
        any(p.kind == "municipality" and p.state_code in state_readings for p in entries),
    )


_READINGS_CACHE: dict[str, tuple[Places, tuple[Any, ...], _Readings | None]] = {}


def _readings(payloads: tuple[Any, ...], places: Places, surface: str) -> _Readings | None:
    """The readings of a hit (None when it names no place); cached by surface, kept while
    the places and the gazetteer's payload tuple (shared by every hit of a key) are the
    same objects."""
    found = _READINGS_CACHE.get(surface)
    if found is not None and found[0] is places and found[1] is payloads:
        return found[2]
    if len(_READINGS_CACHE) > 50_000:
        _READINGS_CACHE.clear()
    info = _make_readings(payloads, places, surface)
    _READINGS_CACHE[surface] = (places, payloads, info)
    return info


_NAME_AFTER = re.compile(r"\s([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,})")


def _inside_name(text: str, start: int, end: int) -> bool:
    """True when the name text[start:end] is glued to capitalised words: part of a
    person's name."""
    # searched within text[start - 25 : start] (the pattern has no lookbehind, no \b and
    # no ^, and its $ matches at endpos as at the end of a slice)
    before = _NAME_WORD.search(text, start - 25 if start > 25 else 0, start)
    if before is not None and before.group(1) not in _FUNCTION:
        # a capitalised first word of a sentence or title is not a first name
        at = before.start()
        lead = text[at - 5 if at > 5 else 0 : at].rstrip(" \t")
        if lead and lead[-1] not in '.!?\n:;"“”—–-':
            return True
    after = _NAME_AFTER.match(text, end, end + 25)
    return after is not None and after.group(1) not in _FUNCTION


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:en|in|de|del|desde|hacia|a|al|at|near|from|to|of|entre|between|around|por|para|"
    r"into|across|cerca de|rumbo a|within|outside|inside)\s+(?:(?:el|la|los|las|the)\s+)?$",
    re.I,
)
_LIST_SEP = re.compile(r"\s*(?:,|y|e|and|o|or)\s*")


def _placed(
    text: str,
    h: Hit,
    prev: Hit | None,
    nxt: Hit | None,
    info: _Readings,
    header: str | None,
    qualifier: frozenset[str],
) -> bool:
    """A one-word municipal name needs a sign that it is a place: a locative word before
    it, a state after it, a list of places around it, or a report header of its state."""
    if qualifier:
        return True
    if prev is not None and _LIST_SEP.fullmatch(text, prev.end, h.start):
        return True
    if nxt is not None and _LIST_SEP.fullmatch(text, h.end, nxt.start):
        return True
    if header is not None and header in info.state_codes:
        return True
    return bool(_LOCATIVE_BEFORE.search(text[max(0, h.start - 20) : h.start]))


_PART_OF_NAME = re.compile(r"\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)\s+(?:de|del|de la|de los|de las)\s+$")
_PART_OF_NAME_ENDS = ("de", "del", "la", "los", "las")
"""What the text before a name ends with (bar spaces) when _PART_OF_NAME matches it."""
_KEEP_HEADS = {
    "Ayuntamiento",
    "Municipio",
    "Municipal",
    "Presidente",
    "Presidenta",
    "Presidencia",
    "Alcalde",
    "Alcaldesa",
    "Alcaldía",
    "Policía",
    "Fiscalía",
    "Gobierno",
    "Estado",
    "Ciudad",
    "Puerto",
    "Zona",
    "Región",
    "Cabecera",
    "Penal",
    "Cereso",
    "En",
    "Sur",
    "Norte",
    "Centro",
    "Oriente",
    "Poniente",
    "Municipios",
    "Ciudades",
    "Puertos",
}
_APPOSED_LOCALITY = re.compile(
    r",\s+(?:a|an|un|una)\s+(?:\w+\s+){0,2}(?:town|village|community|locality|hamlet|"
    r"neighbou?rhood|settlement|poblado|localidad|comunidad|rancher[ií]a|colonia|pueblo)\b",
    re.I,
)
_COMMA_GAP = re.compile(r",\s*")


def _part_of_name(text: str, start: int) -> bool:
    """'Lomas de Chapultepec', 'Universidad de Guadalajara': the name ends a longer one."""
    window = text[max(0, start - 30) : start]
    if not window.rstrip().endswith(_PART_OF_NAME_ENDS):
        return False
    head = _PART_OF_NAME.search(window)
    return head is not None and head.group(1) not in _KEEP_HEADS


def _locality_of_next(
    text: str, h: Hit, nxt: Hit | None, after: _Readings | None, chosen: PlaceEntry
) -> bool:
    """'Jesús María, Culiacán': a name followed by a municipality of another state is a
    locality of that municipality, not a homonymous municipality elsewhere."""
    if chosen.kind != "municipality" or nxt is None or after is None:
        return False
    if not _COMMA_GAP.fullmatch(text, h.end, nxt.start):
        return False
    return after.municipal and chosen.state_code not in after.state_codes


STRAY_POPULATION = 100_000
"""A small municipality in a state the document never names is more likely a homonym
(a park, a neighbourhood, a locality elsewhere) than that municipality."""


def _stray(chosen: PlaceEntry, doc_states: set[str], places: Places) -> bool:
    if chosen.kind != "municipality" or not doc_states or chosen.state_code in doc_states:
        return False
    muni = places.municipalities.get(chosen.code)
    return muni is not None and (muni.population or 0) < STRAY_POPULATION


_QUALIFIER_GAP = re.compile(r",?\s*\(?")
_NONE: frozenset[str] = frozenset()


def _written_after(text: str, h: Hit, nxt: Hit | None, after: _Readings | None) -> _Readings | None:
    """The readings of the place written right after the name ("Culiacán, Sinaloa",
    "Nogales, Arizona"), else None."""
    if (
        nxt is None
        or after is None
        or nxt.start - h.end > 3
        or not _QUALIFIER_GAP.fullmatch(text, h.end, nxt.start)
    ):
        return None
    return after


def _qualifier(text: str, h: Hit, nxt: Hit | None, after: _Readings | None) -> frozenset[str]:
    """States written right after the name: 'Culiacán, Sinaloa', 'Nogales, Son.'."""
    written = _written_after(text, h, nxt, after)
    return _NONE if written is None else written.states


def _foreign_qualifier(text: str, h: Hit, nxt: Hit | None, after: _Readings | None) -> bool:
    """A foreign place written right after the name: 'Nogales, Arizona', 'Laredo, Texas'
    name the town across the border, not the Mexican municipality."""
    written = _written_after(text, h, nxt, after)
    return (
        written is not None
        and written.first_kind == "country"
        and not written.states
        and written.readings[0].label != "Mexico"
    )


def _list_state(
    text: str,
    h: Hit,
    prev: Hit | None,
    before: _Readings | None,
    nxt: Hit | None,
    after: _Readings | None,
) -> set[str]:
    """The state of the municipalities listed beside a shared name: "Juárez, Cadereyta
    Jiménez y Guadalupe" are all in Nuevo León, so that Juárez is Nuevo León's."""
    found: set[str] = set()
    if (
        prev is not None
        and before is not None
        and before.list_state
        and _LIST_SEP.fullmatch(text, prev.end, h.start)
    ):
        found |= before.list_state
    if (
        nxt is not None
        and after is not None
        and after.list_state
        and _LIST_SEP.fullmatch(text, h.end, nxt.start)
    ):
        found |= after.list_state
    return found


def _skip_local(text: str, start: int, end: int, info: _Readings, words: _Words) -> bool:
    """A municipal name that is not the municipality here: inside a locality's name or a
    list of localities, glued to a person's name, or not capitalised."""
    if not info.capitalised:
        return True
    # both patterns need a locality word before the name (within 40 or 120 characters)
    if _near_locality_word(words, start, 120) and (
        (
            _near_locality_word(words, start, 40)
            and _LOCALITY.search(text[max(0, start - 40) : start])
        )
        or _LOCALITY_LIST.search(text[max(0, start - 120) : start])
    ):
        return True
    return _inside_name(text, start, end)


def resolve_places(view: DocView, hits: list[Hit], places: Places) -> list[PlaceMention]:
    """One reading per place hit (hits are non-overlapping, in text order)."""
    text = view.text
    place_hits: list[Hit] = []
    infos: list[_Readings] = []
    surfaces: list[str] = []
    for h in hits:
        surface = text[h.start : h.end]
        info = _readings(h.payloads, places, surface)
        if info is not None:
            place_hits.append(h)
            infos.append(info)
            surfaces.append(surface)
    sents = view.sentences
    # view.sentence_at of each hit, without a call each (lo=1 stands for its max(0, ...))
    starts = view._starts
    sis = [bisect_right(starts, h.start, 1) - 1 for h in place_hits]
    # states named per sentence and per paragraph, for context
    sent_states: dict[int, set[str]] = {}
    para_states: dict[int, set[str]] = {}
    for info, si in zip(infos, sis, strict=True):
        if info.states and len(info.state_codes) == 1:  # "Puebla": state or its capital
            sent_states.setdefault(si, set()).update(info.states)
            para_states.setdefault(sents[si].paragraph, set()).update(info.states)
    doc_states = set().union(*sent_states.values()) | {
        s.header_state for s in sents if s.header_state
    }
    words = _words(text)
    out: list[PlaceMention] = []
    unsigned: list[int] = []  # one-word local names with no sign of being a place
    accepted: dict[str, PlaceMention] = {}  # by gazetteer key
    last = len(place_hits) - 1
    for i, h in enumerate(place_hits):
        info = infos[i]
        start, end = h.start, h.end
        si = sis[i]
        sent = sents[si]
        only_local = info.only_local
        if only_local:
            if _skip_local(text, start, end, info, words):
                continue
        elif info.first_kind == "state" and (
            (not sent.is_header and _inside_name(text, start, end))
            or (words.may_be_subunit(start) and _SUBUNIT.search(text[max(0, start - 30) : start]))
        ):
            continue  # "la tenencia de Morelos": a locality named like a state
        nxt, after = (place_hits[i + 1], infos[i + 1]) if i < last else (None, None)
        prev, before = (place_hits[i - 1], infos[i - 1]) if i else (None, None)
        # the states written right after the name, asked for only where a rule reads them
        qualifier = _qualifier(text, h, nxt, after) if only_local or not info.settled else None
        if (
            only_local
            and info.one_word
            and not _placed(text, h, prev, nxt, info, sent.header_state, qualifier or _NONE)
        ):
            unsigned.append(i)  # "López was arrested": a surname, unless placed elsewhere
            continue
        readings = info.readings
        if info.settled:
            chosen = readings[0]
        else:
            chosen = _choose(
                readings,
                qualifier or _list_state(text, h, prev, before, nxt, after),
                sent.header_state,
                sent_states.get(si, set()) | para_states.get(sent.paragraph, set()),
                places,
            )
        if qualifier and only_local and chosen.state_code not in qualifier:
            continue  # "Jesús María, Sinaloa": a locality of the state written after it
        if only_local and not qualifier and _foreign_qualifier(text, h, nxt, after):
            continue  # "Nogales, Arizona": the town across the border
        kind = chosen.kind
        if (
            info.has_port
            and kind != "port"
            and words.port(max(0, start - 80), start)
            and _PORT_OF.search(text[max(0, start - 80) : start])
        ):
            # "the ports of Veracruz, Manzanillo and Lázaro Cárdenas": the port city
            chosen = next((r for r in readings if r.kind == "port"), chosen)
            kind = chosen.kind
        if kind == "country" and info.states and _among_states(text, h, prev, before, nxt, after):
            # "en Michoacán, México y Guerrero": the State of Mexico in a list of states
            chosen = next((r for r in readings if r.kind == "state"), chosen)
            kind = chosen.kind
        if (
            kind == "state"
            and info.state_city
            and words.may_be_city_of(start)
            and _CITY_OF.search(text[max(0, start - 30) : start])
        ):
            # "the city of Colima", "la ciudad de Durango": the capital, not the state
            city = next(
                (r for r in readings if r.kind == "municipality" and r.state_code == chosen.code),
                None,
            )
            chosen = city or chosen
            kind = chosen.kind
        if only_local and _part_of_name(text, start):
            continue  # "Lomas de Chapultepec", "Universidad de Guadalajara": a longer name
        if (
            text.startswith(",", end)
            and (  # both rules read a comma after the name
                (kind == "municipality" and _locality_of_next(text, h, nxt, after, chosen))
                or _APPOSED_LOCALITY.match(text[end : end + 60])
            )
        ):
            continue  # "Jesús María, a small town north of Culiacán": a locality
        if kind == "municipality" and doc_states and chosen.state_code not in doc_states:
            if qualifier is None:
                qualifier = _qualifier(text, h, nxt, after)
            if not qualifier and _stray(chosen, doc_states, places):
                continue  # "Chapultepec" in a Mexico City story is not the small Edomex town
        mention = _place_mention(
            start, end, surfaces[i], kind, chosen.code, chosen.label, chosen.state_code, si
        )
        out.append(mention)
        accepted.setdefault(h.key, mention)
    if unsigned and accepted:
        out = _same_name_same_place(out, unsigned, place_hits, surfaces, sis, accepted)
    return out


def _same_name_same_place(
    out: list[PlaceMention],
    unsigned: list[int],
    hits: list[Hit],
    surfaces: list[str],
    sis: list[int],
    accepted: dict[str, PlaceMention],
) -> list[PlaceMention]:
    """One name, one place per report: "Cotija lies on the border..." names the town the
    report placed elsewhere ("the mayor of Cotija, Michoacán"), although the sentence
    gives no sign of a place itself."""
    more = []
    for i in unsigned:
        seen = accepted.get(hits[i].key)
        if seen is not None:
            h = hits[i]
            more.append(
                _place_mention(
                    h.start,
                    h.end,
                    surfaces[i],
                    seen.kind,
                    seen.code,
                    seen.label,
                    seen.state_code,
                    sis[i],
                )
            )
    return sorted([*out, *more], key=lambda m: m.start) if more else out


def _place_mention(
    start: int,
    end: int,
    surface: str,
    kind: str,
    code: str,
    label: str,
    state_code: str | None,
    sentence: int,
) -> PlaceMention:
    """``PlaceMention(...)``, twice as fast: the frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__``; this sets the slots directly (the same fields, in
    the same order, nothing else runs)."""
    m = _new_mention(PlaceMention)
    _set_mention[0](m, start)
    _set_mention[1](m, end)
    _set_mention[2](m, surface)
    _set_mention[3](m, kind)
    _set_mention[4](m, code)
    _set_mention[5](m, label)
    _set_mention[6](m, state_code)
    _set_mention[7](m, sentence)
    return m


_new_mention = PlaceMention.__new__
_set_mention = tuple(
    getattr(PlaceMention, f.name).__set__ for f in dataclasses.fields(PlaceMention)
)


_PORT_OF = re.compile(r"\b(?:ports?|puertos?)\s+(?:of|de)\s+[^.;:()]{0,60}$", re.I)
_CITY_OF = re.compile(
    r"\b(?:city of|ciudad de|capital(?: city)? of|capital del estado,?|"
    r"municipio de|municipality of|cabecera municipal de)\s+$",
    re.I,
)
_STATE_SEP = re.compile(r"\s*(?:,|y|e|and)\s*")
_CONJUNCTION = re.compile(r"\b(?:y|e|and)\b")


def _among_states(
    text: str,
    h: Hit,
    prev: Hit | None,
    before_info: _Readings | None,
    nxt: Hit | None,
    after_info: _Readings | None,
) -> bool:
    """Whether a name sits in a list of states ("Michoacán, México y Guerrero")."""
    gap_before = text[prev.end : h.start] if prev is not None else ""
    gap_after = text[h.end : nxt.start] if nxt is not None else ""
    before = (
        before_info is not None and bool(before_info.states) and _STATE_SEP.fullmatch(gap_before)
    )
    after = after_info is not None and bool(after_info.states) and _STATE_SEP.fullmatch(gap_after)
    conjunction = (before and _CONJUNCTION.search(gap_before)) or (
        after and _CONJUNCTION.search(gap_after)
    )
    # "Michoacán, Mexico," is a state and its country; a list needs both sides or a "y"
    return bool((before and after) or ((before or after) and conjunction))


def _choose(
    readings: list[PlaceEntry],
    qualifier: AbstractSet[str],
    header: str | None,
    nearby: set[str],
    places: Places,
) -> PlaceEntry:
    """A country or state reading stays (it is never wrong about the state); a municipal
    name shared by several states takes the state the context points to."""
    if readings[0].kind in ("country", "state"):
        return readings[0]
    for wanted in (qualifier, {header} if header else set(), nearby):
        found = [r for r in readings if r.state_code in wanted]
        if found:
            return found[0]
    if header in places.states:
        head = places.states[header].label.lower()
        for r in readings:
            if r.state_code in places.states and places.states[
                r.state_code
            ].label.lower().startswith(head):
                return r
    return readings[0]
