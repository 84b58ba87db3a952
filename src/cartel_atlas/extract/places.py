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

import re

from cartel_atlas.extract.context import DocView, PlaceMention
from cartel_atlas.extract.gazetteer import PlaceEntry
from cartel_atlas.extract.phrases import Hit
from cartel_atlas.vocab.places import Places

_LOCALITY = re.compile(
    r"(?:\b(?:localidad(?:es)?|poblados?|comunidad(?:es)?|colonias?|fraccionamiento|ejido|"
    r"ranchería|rancho|barrio|paraje|boulevard|bulevar|calle|avenida|carretera|"
    r"locality|village|neighborhood)(?:\s+(?:de|del|of))?\s+(?:(?:la|el|los|las)\s+)?)$",
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
)


def _near_locality_word(text: str, start: int, width: int) -> bool:
    window = text[max(0, start - width) : start].lower()
    return any(w in window for w in _LOCALITY_WORDS)


def in_locality_list(text: str, start: int) -> bool:
    """True inside a list of localities: 'en los poblados El Carrizal, Los Mayos, ...'."""
    return _near_locality_word(text, start, 120) and bool(
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
    if first.lower() in _GENERIC_HEADS and len(words) > 1:
        first = words[-1]
    return first[:1].isupper()


def _readings(hit: Hit, places: Places, text: str) -> list[PlaceEntry]:
    entries = [p for p in hit.payloads if isinstance(p, PlaceEntry)]
    if len(entries) <= 1:
        return entries
    order = _order(places, text[hit.start : hit.end])
    return sorted(entries, key=lambda e: order.get(e.code, len(order)))


def _inside_name(text: str, hit: Hit) -> bool:
    """True when the name is glued to capitalised words: part of a person's name."""
    before = _NAME_WORD.search(text[max(0, hit.start - 25) : hit.start])
    if before and before.group(1) not in _FUNCTION:
        return True
    after = re.match(r"\s([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,})", text[hit.end : hit.end + 25])
    return bool(after and after.group(1) not in _FUNCTION)


def _qualifier(hit: Hit, nxt: Hit | None, text: str) -> set[str]:
    """States written right after the name: 'Culiacán, Sinaloa', 'Nogales, Son.'."""
    if (
        nxt is None
        or nxt.start - hit.end > 3
        or not re.fullmatch(r",?\s*\(?", text[hit.end : nxt.start])
    ):
        return set()
    return {p.code for p in nxt.payloads if isinstance(p, PlaceEntry) and p.kind == "state"}


def resolve_places(view: DocView, hits: list[Hit], places: Places) -> list[PlaceMention]:
    """One reading per place hit (hits are non-overlapping, in text order)."""
    text = view.text
    place_hits = [h for h in hits if any(isinstance(p, PlaceEntry) for p in h.payloads)]
    # states named per sentence and per paragraph, for context
    sent_states: dict[int, set[str]] = {}
    para_states: dict[int, set[str]] = {}
    for h in place_hits:
        states = {p.code for p in h.payloads if isinstance(p, PlaceEntry) and p.kind == "state"}
        if states and len(_readings(h, places, text)) == 1:
            si = view.sentence_at(h.start)
            sent_states.setdefault(si, set()).update(states)
            para_states.setdefault(view.sentences[si].paragraph, set()).update(states)
    out: list[PlaceMention] = []
    for i, h in enumerate(place_hits):
        readings = _readings(h, places, text)
        if not readings:
            continue
        si = view.sentence_at(h.start)
        sent = view.sentences[si]
        only_local = all(r.kind in ("municipality", "port", "crossing") for r in readings)
        if only_local and (
            (
                _near_locality_word(text, h.start, 40)
                and _LOCALITY.search(text[max(0, h.start - 40) : h.start])
            )
            or in_locality_list(text, h.start)
            or _inside_name(text, h)
            or not _capitalised(text[h.start : h.end])
        ):
            continue
        if (
            not only_local
            and readings[0].kind == "state"
            and _inside_name(text, h)
            and not sent.is_header
        ):
            continue
        nxt = place_hits[i + 1] if i + 1 < len(place_hits) else None
        chosen = _choose(
            readings,
            _qualifier(h, nxt, text),
            sent.header_state,
            sent_states.get(si, set()) | para_states.get(sent.paragraph, set()),
            places,
        )
        out.append(
            PlaceMention(
                h.start,
                h.end,
                text[h.start : h.end],
                chosen.kind,
                chosen.code,
                chosen.label,
                chosen.state_code,
                si,
            )
        )
    return out


def _choose(
    readings: list[PlaceEntry],
    qualifier: set[str],
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
