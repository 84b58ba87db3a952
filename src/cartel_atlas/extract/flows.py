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

from cartel_atlas.extract.context import CommodityMention, DocView, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.polarity import hedged, polarity_at

COMPONENT = "flows"
_FROM = re.compile(
    r"(?:\bfrom|\bdesde|procedente de|proveniente de|originating in|sourced from|"
    r"traced back to|traced to|acquired from|de origen|originari[oa]s? de|"
    r"importad[oa]s? de|llega(?:n|ba)? de)\s+(?:the\s+|la\s+|el\s+)?$",
    re.I,
)
_TO = re.compile(
    r"(?:\binto|\bto|\btoward|\btowards|destined for|bound for|headed for|\bhacia|"
    r"con destino a|rumbo a|\ba|across)\s+(?:the\s+|la\s+|el\s+|los\s+)?"
    r"(?:U\.S\.\s+|US\s+)?$",
    re.I,
)
_TO_DEMAND = re.compile(r"^\.?(?:['’]s\s+)?\s*(?:demand|market|consumers|border)\b", re.I)
_IN = re.compile(r"\b(?:in|en)\s+(?:the\s+)?$", re.I)
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
_SUCH_AS = re.compile(r"(?:such as|like|tales como|como el|como la|como)\s+$", re.I)
_BACK_REFERENCE = re.compile(r"(?:those|these|such|esas|estas|dichas|las)\s+$", re.I)
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


def _end_points(view: DocView, s: SentenceView) -> tuple[list[str], list[str], list[str]]:
    text = view.text
    origins: list[str] = []
    dests: list[str] = []
    via: list[str] = []
    located: list[str] = []
    places = s.places
    for i, p in enumerate(places):
        before = text[max(s.start, p.start - 40) : p.start]
        after = text[p.end : p.end + 60]
        # lists carry the role of their first member: "from China and parts of Latin America"
        prev = places[i - 1] if i else None
        gap = text[prev.end : p.start] if prev else ""
        listed = prev is not None and re.fullmatch(
            r"\s*(?:,|,?\s*and|,?\s*y|,?\s*or|,?\s*o)\s+(?:parts of\s+|partes de\s+)?", gap
        )
        if p.kind in ("port", "crossing") or re.search(
            r"\bports?\s+of\s+(?:\w+,?\s+)*$|"
            r"puertos?\s+de\s+",
            before,
            re.I,
        ):
            via.append(p.label)
            continue
        if listed and prev is not None and prev.label in origins:
            origins.append(p.label)
        elif listed and prev is not None and prev.label in via:
            via.append(p.label)
        elif listed and prev is not None and prev.label in dests:
            dests.append(p.label)
        elif _FROM.search(before):
            origins.append(p.label)
        elif _TO.search(before) or (_TO_DEMAND.match(after) and not p.is_mexican):
            dests.append(p.label)
        elif _SOURCE_COUNTRY.match(after) and re.match(
            r"\s*(?:continues to be|is|remains|es|"
            r"sigue siendo)",
            after,
        ):
            origins.append(p.label)
        elif _IN.search(before):
            located.append(p.label)
        if (
            re.match(r"\s*(?:is|remains|continues to be)\b[^.]{0,40}\bsource", after)
            and p.label not in origins
        ):
            origins.append(p.label)
    for m in _ORIGIN_NOUN.finditer(s.text):
        origins.append(_ADJECTIVES.get(m.group(1).lower(), "United States"))
    if origins and not dests and located:
        dests = located[:1]
    return _dedup(origins), _dedup(dests), _dedup(via)


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
        if (
            _BACK_REFERENCE.search(before)
            or _PERSON_NOUN.match(after)
            or (
                surface[:1].isupper()
                and c.start > s.start
                and view.lang == "en"
                and re.search(r"[A-Z]\w*\s+(?:of\s+)?$", before)
            )
        ):
            continue  # "those drugs", "narcotics traffickers", "Bureau of International Narcotics"
        if (
            prev_end >= 0
            and _SUCH_AS.search(view.text[prev_end : c.start])
            and c.start - prev_end < 20
        ):
            prev_end = c.end
            continue
        m = _ADJ.search(before)
        if m:
            adj = _ADJECTIVES[m.group(1).lower()]
        elif prev_end < 0 or not re.fullmatch(
            r"[\s,]*(?:and|y|or|o)?\s*", view.text[prev_end : c.start]
        ):
            adj = None
        out.append((c, adj))
        prev_end = c.end
    return out


def _closed(view: DocView, s: SentenceView, c: CommodityMention, ends: list[int]) -> bool:
    """'fentanyl trafficking, fuel theft, and smuggling crude oil from Mexico': a commodity
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


def extract_flows(view: DocView, sources: list[str | None]) -> list[Draft]:
    """Flow drafts, one per (commodity, origin, destination) and sentence."""
    out: list[Draft] = []
    for s in view.sentences:
        if not s.commodities or (
            not s.places and not _ORIGIN_NOUN.search(s.text) and not _ADJ.search(s.text + " ")
        ):
            continue
        origins, dests, via = _end_points(view, s)
        flow_cue = bool(s.cue_classes("flow")) or bool(origins)
        if not flow_cue:
            continue
        actor = s.groups[0].name if s.groups else None
        pol = "hedged" if hedged(s, view.text) else "asserted"
        ends = [p.start for p in s.places]
        for c, adj in _commodities(view, s):
            if c.category in ("money", "other") or _closed(view, s, c, ends):
                continue
            froms: list[str | None] = list(origins) or ([adj] if adj else [None])
            if adj and adj not in froms and not origins:
                froms = [adj]
            to_list: list[str | None] = list(dests) or [None]
            for f in froms:
                for t in to_list:
                    if f is None and t is None:
                        continue
                    if f == t:
                        continue
                    fields = {
                        "commodity": view.text[c.start : c.end].lower(),
                        "commodity_id": c.commodity_id,
                        "from": f,
                        "via": via or None,
                        "to": t,
                        "actor": actor,
                        "source": sources[s.index],
                    }
                    if pol != "asserted":
                        fields["polarity"] = pol
                    out.append(
                        Draft(
                            "flow",
                            fields,
                            s.start,
                            s.end,
                            s.index,
                            COMPONENT,
                            polarity=polarity_at(s, view.text, c.start, c.end)
                            if pol == "asserted"
                            else pol,
                            confidence=0.6,
                            source=sources[s.index],
                        )
                    )
    return out
