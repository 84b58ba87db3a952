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
from cartel_atlas.extract.phrases import AnyOf, Hit
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


def _near_locality_word(text: str, start: int, width: int) -> bool:
    return _ANY_LOCALITY(text[max(0, start - width) : start])


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
    if first.lower() == "capital" and len(words) > 1:
        return True  # "la capital sinaloense": a description, written in lower case
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
    base = max(0, hit.start - 25)
    before = _NAME_WORD.search(text[base : hit.start])
    if before and before.group(1) not in _FUNCTION:
        # a capitalised first word of a sentence or title is not a first name
        lead = text[max(0, base + before.start() - 5) : base + before.start()].rstrip(" \t")
        if lead and lead[-1] not in '.!?\n:;"“”—–-':
            return True
    after = re.match(r"\s([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,})", text[hit.end : hit.end + 25])
    return bool(after and after.group(1) not in _FUNCTION)


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:en|in|de|del|desde|hacia|a|al|at|near|from|to|of|entre|between|around|por|para|"
    r"into|across|cerca de|rumbo a|within|outside|inside)\s+(?:(?:el|la|los|las|the)\s+)?$",
    re.I,
)


def _placed(
    text: str,
    h: Hit,
    prev: Hit | None,
    nxt: Hit | None,
    readings: list[PlaceEntry],
    header: str | None,
) -> bool:
    """A one-word municipal name needs a sign that it is a place: a locative word before
    it, a state after it, a list of places around it, or a report header of its state."""
    if _LOCATIVE_BEFORE.search(text[max(0, h.start - 20) : h.start]):
        return True
    if _qualifier(h, nxt, text):
        return True
    if prev is not None and re.fullmatch(r"\s*(?:,|y|e|and|o|or)\s*", text[prev.end : h.start]):
        return True
    if nxt is not None and re.fullmatch(r"\s*(?:,|y|e|and|o|or)\s*", text[h.end : nxt.start]):
        return True
    return header is not None and any(r.state_code == header for r in readings)


_PART_OF_NAME = re.compile(r"\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)\s+(?:de|del|de la|de los|de las)\s+$")
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


def _locality_of_next(text: str, h: Hit, nxt: Hit | None, chosen: PlaceEntry) -> bool:
    """'Jesús María, Culiacán': a name followed by a municipality of another state is a
    locality of that municipality, not a homonymous municipality elsewhere."""
    if chosen.kind != "municipality" or nxt is None:
        return False
    if not re.fullmatch(r",\s*", text[h.end : nxt.start]):
        return False
    after = [p for p in nxt.payloads if isinstance(p, PlaceEntry)]
    return (
        bool(after)
        and all(p.kind == "municipality" for p in after)
        and all(p.state_code != chosen.state_code for p in after)
    )


STRAY_POPULATION = 100_000
"""A small municipality in a state the document never names is more likely a homonym
(a park, a neighbourhood, a locality elsewhere) than that municipality."""


def _stray(chosen: PlaceEntry, doc_states: set[str], places: Places) -> bool:
    if chosen.kind != "municipality" or not doc_states or chosen.state_code in doc_states:
        return False
    muni = places.municipalities.get(chosen.code)
    return muni is not None and (muni.population or 0) < STRAY_POPULATION


def _qualifier(hit: Hit, nxt: Hit | None, text: str) -> set[str]:
    """States written right after the name: 'Culiacán, Sinaloa', 'Nogales, Son.'."""
    if (
        nxt is None
        or nxt.start - hit.end > 3
        or not re.fullmatch(r",?\s*\(?", text[hit.end : nxt.start])
    ):
        return set()
    return {p.code for p in nxt.payloads if isinstance(p, PlaceEntry) and p.kind == "state"}


_LIST_SEP = re.compile(r"\s*(?:,|y|e|and|o|or)\s*")


def _list_state(text: str, h: Hit, prev: Hit | None, nxt: Hit | None) -> set[str]:
    """The state of the municipalities listed beside a shared name: "Juárez, Cadereyta
    Jiménez y Guadalupe" are all in Nuevo León, so that Juárez is Nuevo León's."""
    found: set[str] = set()
    for other, gap in ((prev, text[prev.end : h.start] if prev else ""), (nxt, "")):
        if other is None:
            continue
        if other is nxt:
            gap = text[h.end : other.start]
        if not _LIST_SEP.fullmatch(gap):
            continue
        entries = [p for p in other.payloads if isinstance(p, PlaceEntry)]
        states = {p.state_code for p in entries if p.state_code}
        if entries and all(p.kind == "municipality" for p in entries) and len(states) == 1:
            found |= states
    return found


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
    doc_states = set().union(*sent_states.values()) | {
        s.header_state for s in view.sentences if s.header_state
    }
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
            and (
                (_inside_name(text, h) and not sent.is_header)
                or _SUBUNIT.search(text[max(0, h.start - 30) : h.start])
            )
        ):
            continue  # "la tenencia de Morelos": a locality named like a state
        nxt = place_hits[i + 1] if i + 1 < len(place_hits) else None
        prev = place_hits[i - 1] if i else None
        if (
            only_local
            and " " not in text[h.start : h.end].strip()
            and not _placed(text, h, prev, nxt, readings, sent.header_state)
        ):
            continue  # "López was arrested": a surname, not the municipality
        qualifier = _qualifier(h, nxt, text)
        chosen = _choose(
            readings,
            qualifier or _list_state(text, h, prev, nxt),
            sent.header_state,
            sent_states.get(si, set()) | para_states.get(sent.paragraph, set()),
            places,
        )
        if qualifier and only_local and chosen.state_code not in qualifier:
            continue  # "Jesús María, Sinaloa": a locality of the state written after it
        window = text[max(0, h.start - 80) : h.start]
        low = window.lower()
        if chosen.kind != "port" and ("port" in low or "puert" in low) and _PORT_OF.search(window):
            # "the ports of Veracruz, Manzanillo and Lázaro Cárdenas": the port city
            chosen = next((r for r in readings if r.kind == "port"), chosen)
        if chosen.kind == "country" and _among_states(text, h, prev, nxt):
            # "en Michoacán, México y Guerrero": the State of Mexico in a list of states
            chosen = next((r for r in readings if r.kind == "state"), chosen)
        if chosen.kind == "state" and _CITY_OF.search(text[max(0, h.start - 30) : h.start]):
            # "the city of Colima", "la ciudad de Durango": the capital, not the state
            city = next(
                (r for r in readings if r.kind == "municipality" and r.state_code == chosen.code),
                None,
            )
            chosen = city or chosen
        head = _PART_OF_NAME.search(text[max(0, h.start - 30) : h.start]) if only_local else None
        if head is not None and head.group(1) not in _KEEP_HEADS:
            continue  # "Lomas de Chapultepec", "Universidad de Guadalajara": a longer name
        if _locality_of_next(text, h, nxt, chosen) or _APPOSED_LOCALITY.match(
            text[h.end : h.end + 60]
        ):
            continue  # "Jesús María, a small town north of Culiacán": a locality
        if _stray(chosen, doc_states, places) and not _qualifier(h, nxt, text):
            continue  # "Chapultepec" in a Mexico City story is not the small Edomex town
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


_PORT_OF = re.compile(r"\b(?:ports?|puertos?)\s+(?:of|de)\s+[^.;:()]{0,60}$", re.I)
_CITY_OF = re.compile(
    r"\b(?:city of|ciudad de|capital(?: city)? of|capital del estado,?|"
    r"municipio de|municipality of|cabecera municipal de)\s+$",
    re.I,
)


def _among_states(text: str, h: Hit, prev: Hit | None, nxt: Hit | None) -> bool:
    """Whether a name sits in a list of states ("Michoacán, México y Guerrero")."""
    sep = r"\s*(?:,|y|e|and)\s*"

    def is_state(o: Hit | None) -> bool:
        return o is not None and any(
            isinstance(p, PlaceEntry) and p.kind == "state" for p in o.payloads
        )

    gap_before = text[prev.end : h.start] if prev is not None else ""
    gap_after = text[h.end : nxt.start] if nxt is not None else ""
    before = is_state(prev) and re.fullmatch(sep, gap_before)
    after = is_state(nxt) and re.fullmatch(sep, gap_after)
    conjunction = (before and re.search(r"\b(?:y|e|and)\b", gap_before)) or (
        after and re.search(r"\b(?:y|e|and)\b", gap_after)
    )
    # "Michoacán, Mexico," is a state and its country; a list needs both sides or a "y"
    return bool((before and after) or ((before or after) and conjunction))


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
