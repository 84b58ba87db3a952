"""Trafficking flows: commodity from -> via -> to, with the actor and who says so.

A flow needs a commodity and at least one end point in the same sentence; a sentence that
only names a trade ("the trafficking of cocaine and heroin") is not a flow. End points
come from prepositions ("from China", "into the United States", "destined for", "hacia
Estados Unidos"), from origin adjectives ("Mexican methamphetamine", "South American
cocaine", "a U.S. origin"), from "X is a source country for ..." and from "traced back to".
One fact per (commodity, origin, destination); ports in the sentence are the ``via``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cartel_atlas.extract.context import CommodityMention, DocView, PlaceMention, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.flow_scope import (
    BACKREF_WORDS,
    FACILITY_WORDS,
    MADE_IN_WORDS,
    PRODUCT_OF_ENDS,
    SPEAKER_WORDS,
    actor_for,
    commodity_name,
    inbound,
    made_in,
    not_an_end,
    origin_after,
    product_only,
    shipment_backref,
    to_facility,
)
from cartel_atlas.extract.polarity import hedged, polarity_at
from cartel_atlas.extract.presence_scope import ODD_CASE, may_hold

COMPONENT = "flows"
_FROM = re.compile(
    r"(?:\bfrom|\bdesde|procedentes? de|provenientes? de|originating in|sourced from|"
    r"traced back to|traced to|acquired from|de origen|originari[oa]s? de|"
    r"importad[oa]s? de|llega(?:n|ba)? de)\s+(?:the\s+|la\s+|el\s+)?$",
    re.I,
)
_FROM_WORDS = (
    "from", "desde", "procedente", "proveniente", "origin", "origen", "sourced", "traced",
    "acquired", "importad", "llega",
)  # fmt: skip
"""Every ``_FROM`` match holds one of these, lowercased."""
_TO = re.compile(
    r"(?:\binto|\bto|\btoward|\btowards|destined for|bound for|headed for|\bhacia|"
    r"con destino a|rumbo a|\ba|across)\s+(?:the\s+|la\s+|el\s+|los\s+)?"
    r"(?:U\.S\.\s+|US\s+)?$",
    re.I,
)
_TO_ENDS = ("to", "ward", "wards", "for", "a", "across", "the", "el", "los", "u.s.", "us")
"""A text ``_TO`` matches ends with one of these and spaces (its last parts end so)."""
_TO_DEMAND = re.compile(r"^\.?(?:['’]s\s+)?\s*(?:demand|market|consumers|border)\b", re.I)
_IN = re.compile(
    r"\b(?:in|en)\s+(?:the\s+|la\s+|el\s+|los\s+)?"
    r"(?:(?:mountains|hills|sierra|state|states|estado|estados|monta[ñn]as)\s+(?:of|de)\s+)?$",
    re.I,
)
_IN_ENDS = ("in", "en", "the", "la", "el", "los", "of", "de")
"""A text ``_IN`` matches ends with one of these and spaces."""
_SOURCE_COUNTRY = re.compile(r"^[^.]{0,40}?\b(?:source|origin|producer|supplier)\b", re.I)
_ADJECTIVES = {
    "mexican": "Mexico",
    "mexicana": "Mexico",
    "mexicano": "Mexico",
    "mexicanas": "Mexico",
    "mexicanos": "Mexico",
    "south american": "South America",
    "sudamericana": "South America",
    "colombian": "Colombia",
    "colombiana": "Colombia",
    "chinese": "China",
    "china": "China",
    "chinos": "China",
    "u.s.": "United States",
    "us": "United States",
    "american": "United States",
    "estadounidense": "United States",
    "estadounidenses": "United States",
    "asian": "Asia",
    "asiáticos": "Asia",
    "indian": "India",
}
_ADJ = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _ADJECTIVES), key=len, reverse=True)) + r")\s+$", re.I
)
_ADJ_ENDS = tuple(_ADJECTIVES)
"""A text ``_ADJ`` matches ends with one of these and spaces, lowercased."""
_NAME_BEFORE = re.compile(r"[A-Z]\w*\s+(?:of\s+)?$")
_COORDINATION = re.compile(r"[\s,]*(?:and|y|or|o)?\s*")
_SUCH_AS = re.compile(r"(?:such as|like|tales como|como el|como la|como)\s+$", re.I)
_BACK_REFERENCE = re.compile(r"(?:those|these|such|esas|estas|dichas|las)\s+$", re.I)
_BACK_REFERENCE_ENDS = ("those", "these", "such", "esas", "estas", "dichas", "las")
"""A text ``_BACK_REFERENCE`` matches ends with one of these and spaces, lowercased."""
_PERSON_NOUN = re.compile(
    r"^\s*(?:traffickers?|dealers?|smugglers?|cartels?|kingpins?|"
    r"organizations?|rings?|narcotraficantes|traficantes)\b",
    re.I,
)
_ACTIVITY_AFTER = re.compile(
    r"^[-\s]*(?:trafficking|theft|smuggling|trade|production|"
    r"manufactur\w*|sales?)\b",
    re.I,
)
_ACTIVITY_BEFORE = re.compile(
    r"(?:tr[aá]fico|robo|contrabando|producci[oó]n|venta|"
    r"trasiego)\s+de\s+$",
    re.I,
)
_ORIGIN_NOUN = re.compile(r"\ba\s+(U\.S\.|US|Mexican|Chinese|Colombian)\s+origin\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*y|,?\s*or|,?\s*o)\s+(?:parts of\s+|partes de\s+)?")
_QUALIFIER_GAP = re.compile(r",\s*(?:in\s+|en\s+)?")
_PORT_OF = re.compile(r"\bports?\s+of\s+(?:\w+,?\s+)*$|puertos?\s+de\s+", re.I)
_PORT_WORDS = ("port", "puerto")
_SOURCE_AFTER = re.compile(
    r"\s*(?:is|remains|continues to be|es|sigue siendo)\b[^.]{0,40}\b"
    r"(?:source|origin|producer|supplier|origen|productor)"
)


@dataclass
class _Ends:
    """End points of the flows in one sentence, with where each is written."""

    origins: list[tuple[int, str]] = field(default_factory=list)
    dests: list[tuple[int, str]] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    mexican_via: bool = False

    def has(self, role: list[tuple[int, str]], label: str) -> bool:
        return any(lab == label for _, lab in role)


def _holds(low: str, words: tuple[str, ...]) -> bool:
    """Whether the lowercased ``low`` holds one of ``words`` (a loop: any() over a
    generator costs more than the tests)."""
    for w in words:  # noqa: SIM110
        if w in low:
            return True
    return False


def _end_points(view: DocView, s: SentenceView) -> _Ends:
    text = view.text
    ends = _Ends()
    located: list[tuple[int, str]] = []
    prev: PlaceMention | None = None  # the place whose role a list member inherits
    prev_end = -1
    odd_sentence = any(c in s.text for c in ODD_CASE)
    for p in s.places:
        before = text[max(s.start, p.start - 40) : p.start]
        after = text[p.end : p.end + 60]
        # the word pre-checks of the re.I patterns below (``may_hold``): on the lowercased
        # text, exact unless it holds İ, ı or ſ (then every check passes)
        odd = odd_sentence and any(c in before for c in ODD_CASE)
        low = before.lower()
        # lists carry the role of their first member: "from China and parts of Latin America"
        gap = text[prev_end : p.start] if prev is not None else ""
        listed = prev is not None and _LIST_GAP.fullmatch(gap)
        prev_end = p.end
        if (
            prev is not None
            and p.kind == "state"
            and prev.state_code == p.state_code
            and prev.kind != "state"
            and _QUALIFIER_GAP.fullmatch(gap)
        ):
            continue  # "Culiacán, Sinaloa", "Manzanillo, in Colima": the state qualifies
        if not_an_end(before, after, odd or _holds(low, SPEAKER_WORDS)):
            continue  # "according to U.S. officials"
        last, prev = prev, p
        at = (p.start, p.label)
        if p.kind in ("port", "crossing") or (
            (odd or _holds(low, _PORT_WORDS)) and _PORT_OF.search(before)
        ):
            ends.via.append(p.label)
            ends.mexican_via = ends.mexican_via or p.is_mexican
        elif listed and last is not None and ends.has(ends.origins, last.label):
            ends.origins.append(at)
        elif listed and last is not None and last.label in ends.via:
            ends.via.append(p.label)
            ends.mexican_via = ends.mexican_via or p.is_mexican
        elif listed and last is not None and ends.has(ends.dests, last.label):
            ends.dests.append(at)
        elif listed and last is not None and any(lab == last.label for _, lab in located):
            located.append(at)
        elif ((odd or _holds(low, _FROM_WORDS)) and _FROM.search(before)) or (
            (odd or _holds(low, MADE_IN_WORDS)) and made_in(before)
        ):
            ends.origins.append(at)
        elif ((odd or low.rstrip().endswith(_TO_ENDS)) and _TO.search(before)) or (
            _TO_DEMAND.match(after) and not p.is_mexican
        ):
            ends.dests.append(at)
        elif _SOURCE_AFTER.match(after):
            ends.origins.append(at)
        elif (odd or low.rstrip().endswith(_IN_ENDS)) and _IN.search(before):
            located.append(at)
    for m in _origin_nouns(s.text, odd_sentence):
        ends.origins.append(
            (s.start + m.start(), _ADJECTIVES.get(m.group(1).lower(), "United States"))
        )
    if not ends.dests and located and may_hold(s.text, FACILITY_WORDS) and to_facility(s.text):
        ends.dests = located  # "moved to laboratories in Sinaloa and Durango"
    elif ends.origins and not ends.dests and located:
        ends.dests = located[:1]
    if not ends.dests and ends.mexican_via and inbound(s.text):
        ends.dests = [(s.start, "Mexico")]  # "arrive at the port of Manzanillo"
    return ends


def _origin_nouns(sentence: str, odd: bool) -> list[re.Match[str]]:
    """``_ORIGIN_NOUN`` matches ("a U.S. origin"); ``odd``: the sentence holds İ, ı or ſ."""
    if not odd and "origin" not in sentence.lower():
        return []
    return list(_ORIGIN_NOUN.finditer(sentence))


def _names_origin(sentence: str) -> bool:
    """An origin noun in the sentence, or an origin adjective ending it."""
    odd = any(c in sentence for c in ODD_CASE)
    if odd:
        return bool(_ORIGIN_NOUN.search(sentence) or _ADJ.search(sentence + " "))
    low = sentence.lower()
    return bool(
        ("origin" in low and _ORIGIN_NOUN.search(sentence))
        or (low.rstrip().endswith(_ADJ_ENDS) and _ADJ.search(sentence + " "))
    )


def _dedup(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _commodities(view: DocView, s: SentenceView) -> list[tuple[CommodityMention, str | None]]:
    """Commodities with their origin adjective, skipping examples after 'such as'."""
    out: list[tuple[CommodityMention, str | None]] = []
    adj: str | None = None
    prev_end = -1
    for c in s.commodities:
        before = view.text[max(s.start, c.start - 30) : c.start]
        after = view.text[c.end : c.end + 30]
        surface = view.text[c.start : c.end]
        # the re.I patterns on ``before`` end with a word and spaces: its last word must be
        # one of theirs (exact unless the text holds İ, ı or ſ)
        odd = any(ch in before for ch in ODD_CASE)
        tail = before.lower().rstrip()
        if (
            ((odd or tail.endswith(_BACK_REFERENCE_ENDS)) and _BACK_REFERENCE.search(before))
            or _PERSON_NOUN.match(after)
            or ((odd or tail.endswith(PRODUCT_OF_ENDS)) and product_only(before, after))
            or (
                surface[:1].isupper()
                and c.start > s.start
                and view.lang == "en"
                and _NAME_BEFORE.search(before)
            )
        ):
            continue  # "those drugs", "narcotics traffickers", "Bureau of International Narcotics"
        if (
            prev_end >= 0
            and c.start - prev_end < 20
            and _SUCH_AS.search(view.text[prev_end : c.start])
        ):
            prev_end = c.end
            continue
        m = _ADJ.search(before) if odd or tail.endswith(_ADJ_ENDS) else None
        later = origin_after(view.text[c.end : c.end + 40])
        if m:
            adj = _ADJECTIVES[m.group(1).lower()]
        elif later:
            adj = later
        elif prev_end < 0 or not _COORDINATION.fullmatch(view.text[prev_end : c.start]):
            adj = None
        out.append((c, adj))
        prev_end = c.end
    return out


def _closed(view: DocView, s: SentenceView, c: CommodityMention, ends: list[int]) -> bool:
    """'heroin trafficking, extortion and smuggling fuel from Tabasco': a commodity
    named with its own activity, in a list item without an end point, is not the flow."""
    text = view.text
    if not (
        _ACTIVITY_AFTER.match(text[c.end : c.end + 20])
        or _ACTIVITY_BEFORE.search(text[max(s.start, c.start - 25) : c.start])
    ):
        return False
    lo = max(
        [
            s.start,
            *(
                m.end() + s.start
                for m in re.finditer(r"[,;]", s.text)
                if m.end() + s.start <= c.start
            ),
        ]
    )
    hi_match = re.search(r"[,;]", text[c.end : s.end])
    hi = c.end + hi_match.start() if hi_match else s.end
    return not any(lo <= e < hi for e in ends)


def _anaphoric_actor(view: DocView, s: SentenceView) -> str | None:
    """'the group ships...': the last group named in the three sentences before."""
    if not re.search(
        r"\b(?:the group|the cartel|the organization|el grupo|el c[aá]rtel|"
        r"la organizaci[oó]n|they)\b",
        s.text,
        re.I,
    ):
        return None
    for prev in reversed(view.sentences[max(0, s.index - 3) : s.index]):
        if prev.groups:
            return prev.groups[-1].name
    return None


_RUN_GAP = re.compile(r"[\s,]*(?:and|y|e|or|o|as well as|así como)?\s*(?:the\s+|la\s+|el\s+)?")


def _runs(
    view: DocView, items: list[tuple[CommodityMention, str | None]]
) -> list[list[tuple[CommodityMention, str | None]]]:
    """Coordinated commodities ("methamphetamine, heroin, and fentanyl") share end points."""
    runs: list[list[tuple[CommodityMention, str | None]]] = []
    for item in items:
        if runs and _RUN_GAP.fullmatch(view.text[runs[-1][-1][0].end : item[0].start]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _assign(
    runs: list[list[tuple[CommodityMention, str | None]]], points: list[tuple[int, str]]
) -> list[list[str]]:
    """Each end point goes to the run written before it (or the first run)."""
    per_run: list[list[str]] = [[] for _ in runs]
    for pos, label in points:
        idx = 0
        for i, run in enumerate(runs):
            if run[0][0].start <= pos:
                idx = i
        if label not in per_run[idx]:
            per_run[idx].append(label)
    return per_run


def _share(froms: list[list[str]], tos: list[list[str]]) -> None:
    """A run without end points of its own shares those of the run before it ("into the
    United States, including heroin, ..."); a run with either end keeps to its own."""
    for i in range(1, len(froms)):
        if not froms[i] and not tos[i]:
            froms[i], tos[i] = froms[i - 1], tos[i - 1]


def extract_flows(view: DocView, sources: list[str | None]) -> list[Draft]:
    """Flow drafts, one per (commodity, origin, destination) and sentence."""
    out: list[Draft] = []
    carry: tuple[list[tuple[CommodityMention, str | None]], list[tuple[int, str]]] | None = None
    for s in view.sentences:
        items: list[tuple[CommodityMention, str | None]] = []
        if not s.commodities:
            # "those shipments arrive at ...": the flow of the sentence before goes on
            if (
                carry is None
                or not s.places
                or not may_hold(s.text, BACKREF_WORDS)
                or not shipment_backref(s.text)
            ):
                continue
            ends = _end_points(view, s)
            items = carry[0]
            if not ends.origins:
                ends.origins = [(s.start, label) for _, label in carry[1]]
        elif not s.places and not _names_origin(s.text):
            continue
        else:
            ends = _end_points(view, s)
        if not (s.cue_classes("flow") or ends.origins):
            continue
        actor = s.groups[0].name if s.groups else _anaphoric_actor(view, s)
        pol = "hedged" if hedged(s, view.text) else "asserted"
        starts = [p.start for p in s.places]
        if not items:
            items = [
                (c, adj)
                for c, adj in _commodities(view, s)
                if c.category not in ("money", "other") and not _closed(view, s, c, starts)
            ]
        if not items:
            continue
        carry = (items[:1], ends.origins)
        runs = _runs(view, items)
        run_from = _assign(runs, ends.origins)
        run_to = _assign(runs, ends.dests)
        _share(run_from, run_to)
        for r, run in enumerate(runs):
            for c, adj in run:
                froms: list[str | None] = list(run_from[r]) or [adj]
                to_list: list[str | None] = list(run_to[r]) or [None]
                for f in froms:
                    for t in to_list:
                        if (f is None and t is None) or f == t:
                            continue
                        who = actor_for(s, ends.dests, t) or actor
                        out.append(_draft(view, s, c, f, t, ends.via, who, pol, sources[s.index]))
    return out


def _draft(
    view: DocView,
    s: SentenceView,
    c: CommodityMention,
    origin: str | None,
    dest: str | None,
    via: list[str],
    actor: str | None,
    pol: str,
    source: str | None,
) -> Draft:
    fields: dict[str, object] = {
        "commodity": commodity_name(view, c),
        "commodity_id": c.commodity_id,
        "from": origin,
        "via": via or None,
        "to": dest,
        "actor": actor,
        "source": source,
    }
    if pol != "asserted":
        fields["polarity"] = pol
    polarity = polarity_at(s, view.text, c.start, c.end) if pol == "asserted" else pol
    return Draft(
        "flow",
        fields,
        s.start,
        s.end,
        s.index,
        COMPONENT,
        polarity=polarity,
        confidence=0.6,
        source=source,
    )
