"""Flow end points that the preposition rules in ``flows`` do not see on their own.

* Manufacture origin: "produced in China", "bought in the United States", "armas de
  fabricación estadunidense" name where the goods come from.
* Facilities as destinations: "moved to laboratories run by X in the mountains of
  Sinaloa and Durango" sends the goods to the states the facilities are in.
* Inbound ports: goods that "arrive at" or "ingresan por" a Mexican port go to Mexico.
* Carried-over shipments: "those shipments arrive at ..." continues the flow of the
  sentence before (its commodity and origin).
* Not end points: "according to U.S. officials" is a speaker, not a destination, and
  "chemicals used to make fentanyl" names the product, not what is moved.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import CommodityMention, DocView, SentenceView
from cartel_atlas.vocab import get_vocabulary
from cartel_atlas.vocab.text import fold

MADE_IN = re.compile(
    r"(?:produced|made|manufactured|bought|purchased|sold|fabricated)\s+in\s+(?:the\s+)?$|"
    r"(?:producid|fabricad|comprad|elaborad|manufacturad|adquirid)[oa]s?\s+en\s+(?:el\s+|la\s+)?$",
    re.I,
)
MADE_IN_WORDS = (
    "produc", "made", "manufactur", "bought", "purchased", "sold", "fabrica", "comprad",
    "elaborad", "adquirid",
)  # fmt: skip
"""Every ``MADE_IN`` match holds one of these, lowercased."""
_ORIGIN_AFTER = {
    "estadounidense": "United States",
    "estadunidense": "United States",
    "norteamericana": "United States",
    "norteamericano": "United States",
    "china": "China",
    "chino": "China",
    "mexicana": "Mexico",
    "mexicano": "Mexico",
    "colombiana": "Colombia",
    "colombiano": "Colombia",
    "asiatica": "Asia",
    "asiático": "Asia",
    "asiática": "Asia",
    "india": "India",
}
_ORIGIN_AFTER_RE = re.compile(
    r"^\s*(?:de\s+(?:fabricaci[oó]n|origen|manufactura|producci[oó]n|procedencia)\s+)?"
    r"(" + "|".join(sorted(_ORIGIN_AFTER, key=len, reverse=True)) + r")s?\b",
    re.I,
)
FACILITY_TO = re.compile(
    r"\b(?:to|into|toward|hacia|a|al|rumbo a)\s+(?:\w+\s+){0,2}"
    r"(?:laborator\w*|labs?|warehouses?|bodegas?|plantas?|facilities|instalaciones|"
    r"narcolaboratorios?)\b",
    re.I,
)
FACILITY_WORDS = ("lab", "warehouse", "bodega", "planta", "facilities", "instalaciones")
"""Every ``FACILITY_TO`` match holds one of these, lowercased."""
_INBOUND = re.compile(
    r"\b(?:arriv\w*|enter(?:s|ed|ing)?|ingres\w*|llega\w*|desembarca\w*|"
    r"entra(?:n|ron|ba|ban)?|entró|received|recib\w*)\b",
    re.I,
)
_SHIPMENT_BACKREF = re.compile(
    r"\b(?:those|these|such|the|esos|estos|dichos|los|esas|estas|las)\s+"
    r"(?:shipments?|cargoes|consignments?|loads?|containers|cargamentos?|env[ií]os|"
    r"embarques?|remesas?|contenedores)\b",
    re.I,
)
BACKREF_WORDS = (
    "shipment", "cargo", "consignment", "load", "container", "cargamento", "env", "embarque",
    "remesa", "contenedor",
)  # fmt: skip
"""Every ``_SHIPMENT_BACKREF`` match holds one of these, lowercased."""
_SPEAKER_BEFORE = re.compile(
    r"(?:according to|due to|similar to|linked to|tied to|attributed to|"
    r"de acuerdo con|seg[uú]n)\s+(?:the\s+|las?\s+|los\s+)?(?:U\.S\.\s+)?$",
    re.I,
)
SPEAKER_WORDS = (
    "accord", "due", "similar", "linked", "tied", "attributed", "acuerdo", "segun", "según",
)  # fmt: skip
"""Every ``_SPEAKER_BEFORE`` match holds one of these, lowercased."""
_ADJECTIVAL_AFTER = re.compile(
    r"^\.?\s*(?:officials?|authorities|agenc(?:y|ies)|government|prosecutors?|data|"
    r"courts?|Treasury|Justice|Congress|Army|Navy|citizens?|law enforcement|sources)\b",
    re.I,
)
_PRODUCT_OF = re.compile(
    r"(?:used to (?:make|produce|manufacture)|to (?:make|produce|manufacture)|"
    r"utilizad[oa]s? para (?:fabricar|elaborar|producir)|para (?:fabricar|elaborar|producir))"
    r"\s+(?:illicit\s+|il[ií]cit[oa]\s+)?$",
    re.I,
)
PRODUCT_OF_ENDS = (
    "make", "produce", "manufacture", "fabricar", "elaborar", "producir", "illicit", "ilícito",
    "ilícita", "ilicito", "ilicita",
)  # fmt: skip
"""A text ``_PRODUCT_OF`` matches ends with one of these and spaces, lowercased."""


def made_in(before: str) -> bool:
    """The place follows "produced in", "fabricados en" and the like."""
    return bool(MADE_IN.search(before))


def origin_after(text_after: str) -> str | None:
    """Origin given after a Spanish commodity noun ("armas de fabricación estadunidense")."""
    m = _ORIGIN_AFTER_RE.match(text_after)
    if not m:
        return None
    word = m.group(1).lower()
    return _ORIGIN_AFTER.get(word) or _ORIGIN_AFTER.get(word.rstrip("s"))


def not_an_end(before: str, after: str, speaker: bool = True) -> bool:
    """ "according to U.S. officials": a speaker or an adjective, not a destination.
    ``speaker=False``: ``before`` holds none of ``SPEAKER_WORDS``."""
    return bool((speaker and _SPEAKER_BEFORE.search(before)) or _ADJECTIVAL_AFTER.match(after))


_MOVED_AFTER = re.compile(
    r"^\s*(?:(?:that|which|que)\s+(?:is|are|es|son|se)\s+)?"
    r"(?:destined|bound|headed|shipped|smuggled|sent|moved|trafficked|"
    r"con destino|enviad|traficad|env[ií]a)",
    re.I,
)


def product_only(before: str, after: str) -> bool:
    """The commodity is only what the moved goods are used to make ("chemicals used to
    make fentanyl in Mexico"), unless it is said to move itself ("... to make fentanyl
    destined for the United States")."""
    return bool(_PRODUCT_OF.search(before)) and not _MOVED_AFTER.match(after)


def to_facility(sentence_text: str) -> bool:
    return bool(FACILITY_TO.search(sentence_text))


def inbound(sentence_text: str) -> bool:
    return bool(_INBOUND.search(sentence_text))


def shipment_backref(sentence_text: str) -> bool:
    return bool(_SHIPMENT_BACKREF.search(sentence_text))


def actor_for(s: SentenceView, dests: list[tuple[int, str]], label: str | None) -> str | None:
    """With several groups, a destination belongs to the group named last before it
    ("labs run by X in Sinaloa, and labs linked to Y in Jalisco")."""
    if label is None or len({g.group_id for g in s.groups}) < 2:
        return None
    pos = next((at for at, lab in dests if lab == label), -1)
    before = [g for g in s.groups if g.end <= pos]
    return before[-1].name if before else None


def commodity_name(view: DocView, c: CommodityMention) -> str:
    """The commodity as written, or its canonical name when the text uses a bare word of
    that name ("the chemicals" for precursor chemicals, "precursores")."""
    surface = view.text[c.start : c.end].lower()
    com = get_vocabulary().commodities.by_id.get(c.commodity_id)
    if com is None or " " in surface.strip():
        return surface
    name = com.name_es if view.lang == "es" else com.name_en
    words = {fold(w) for w in name.split()}
    return name if len(words) > 1 and fold(surface) in words else surface
