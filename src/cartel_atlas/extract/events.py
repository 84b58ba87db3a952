"""Incidents: one event fact per (incident, event type), typed from the cue lexicon.

A sentence's event cues give candidate types; cues with ``needs`` (a seizure verb needs a
drug, weapon or fuel word) only fire when that word class occurs in the sentence or in
the list items it introduces ("se aseguró lo siguiente:" + "- Tres armas largas."). So a
raid that detains people and seizes guns and drugs yields arrest + arms_seizure +
drug_seizure from one sentence. Place and date come from the sentence, else from the
running context of the report (previous sentence of the paragraph, the section header,
the report's own date in its lead). Finally near-duplicates are folded: a summary over
several states, or a placeless mention, gives way to the specific report of the same type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cartel_atlas.extract.context import DocView, GroupMention, PlaceMention, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.gazetteer import EventEntry, LexEntry
from cartel_atlas.extract.phrases import Hit
from cartel_atlas.extract.polarity import hedged, polarity_at

COMPONENT = "events"
SEIZURES = {"drug_seizure", "arms_seizure", "fuel_theft", "lab_dismantled"}
VIOLENT = ["attack_on_official", "attack_on_security_forces", "massacre", "armed_clash",
           "homicide"]
_FRAME = re.compile(
    r"\b(?:involved in|engaged in|crimes? of|diversif\w* into|participate[sd]? in|"
    r"reputation for|such as|activities|dedicad[oa]s? a|se dedica(?:ba|n)? a|involucrad[oa]s? en|"
    r"delitos? (?:de|como)|actividades|responsible for|revenue streams?|conducted|"
    r"has carried out|including|incluid[oa]s?|entre ellos|known for|threat|amenaza|"
    r"fight(?:ing)? (?:against )?the|combat(?:e|ir)?|efforts?|estrategia|policy|"
    r"political|concern)\b[^.;:]*$",
    re.I,
)
_HANDOVER = re.compile(r"puest[oa]s? a disposici[oó]n|handed over to (?:the )?(?:prosecutors|"
                       r"authorities)", re.I)
_PURPOSE = re.compile(r"(?:elaboraci[oó]n|producci[oó]n|fabricaci[oó]n|manufactura|"
                      r"production|manufactur\w*|laboratorio|laboratory|lab)\s+(?:de\s+|of\s+)?"
                      r"(?:\w+\s+){0,2}$", re.I)
_PRECURSOR = re.compile(r"precursor|qu[ií]mic|chemical|sustancia", re.I)
_AGGREGATE = re.compile(
    r"\b(?:se han asegurado|han sido asegurad|durante la presente administraci[oó]n|"
    r"en lo que va|en total|a total of|so far this year|since (?:19|20)\d\d|"
    r"desde (?:el inicio|que inici)|acumulad|in (?:19|20)\d\d,? the \w+ seized)",
    re.I,
)
_FINISHED = {"drug_seizure"}


@dataclass
class _Ctx:
    place: list[PlaceMention]
    place_sentence: int
    date: str | None
    report_date: str | None


def is_aggregate(sent: SentenceView) -> bool:
    """Cumulative totals ("se han asegurado ... durante la presente administración")."""
    return bool(_AGGREGATE.search(sent.text))


def _lex(hit: Hit) -> set[str]:
    return {p.cls for p in hit.payloads if isinstance(p, LexEntry)}


def _words_present(view: DocView, sents: list[SentenceView], cls: str, lab: bool) -> bool:
    for s in sents:
        for h in s.cues:
            if cls not in _lex(h):
                continue
            if cls == "drug_words":
                before = view.text[max(0, h.start - 45) : h.start]
                if _PURPOSE.search(before):
                    continue
                if lab and _PRECURSOR.search(view.text[h.start : h.end]):
                    continue
            return True
    return False


def _places(sent: SentenceView) -> list[PlaceMention]:
    mx = [p for p in sent.places if p.is_mexican]
    local = [p for p in mx if p.kind != "state"]
    if local:
        return _unique(local)
    if mx:
        return _unique(mx)
    foreign = [p for p in sent.places if not p.is_mexican and p.label != "Mexico"]
    return _unique(foreign)


def _unique(places: list[PlaceMention]) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for p in places:
        seen.setdefault(p.label, p)
    return list(seen.values())


def _date(sent: SentenceView) -> str | None:
    for d in sent.dates:
        if d.value and d.precision != "unknown":
            return str(d.value)
    return None


def _killed(view: DocView, sent: SentenceView, cls: str) -> int | None:
    best: int | None = None
    for h in sent.cue_classes(cls):
        for n in sent.numbers:
            if n.is_year:
                continue
            gap = view.text[n.end : h.start] if n.end <= h.start else view.text[h.end : n.start]
            if len(gap) <= 30 and not re.search(r"[.;]", gap):
                best = max(best or 0, int(n.value))
    return best


def _actor(view: DocView, sent: SentenceView, recent: list[GroupMention]) -> str | None:
    if sent.groups:
        return sent.groups[0].name
    from cartel_atlas.extract.aliases import anaphora

    if anaphora(view.text, sent.start, sent.end) and recent:
        return recent[-1].name
    return None


def extract_events(view: DocView) -> list[Draft]:
    """Event drafts for every incident the document reports."""
    out: list[Draft] = []
    ctx = _Ctx([], -1, None, None)
    for s in view.sentences[:3]:
        if _date(s):
            ctx.report_date = _date(s)
            break
    recent: list[GroupMention] = []
    last_violent: Draft | None = None
    last_section = -1
    for s in view.sentences:
        if s.is_header:
            ctx.place, ctx.place_sentence = [], -1
            last_section = s.index
            recent.extend(s.groups)
            continue
        own_places = _places(s)
        own_date = _date(s)
        if own_places:
            ctx.place, ctx.place_sentence = own_places, s.index
        if own_date:
            ctx.date = own_date
        types = _types(view, s)
        recent.extend(s.groups)
        if not types or is_aggregate(s) or _HANDOVER.search(s.text):
            continue
        violent = [t for t in VIOLENT if t in types]
        if violent:
            types = {t: h for t, h in types.items() if t not in VIOLENT}
            types[violent[0]] = _types(view, s)[violent[0]]
        for etype, hit in types.items():
            if not _anchored(view, s, etype, own_places, own_date):
                if etype in VIOLENT and last_violent is not None \
                        and last_violent.sentence == s.index - 1:
                    _merge_counts(view, s, last_violent)
                continue
            places = own_places
            if not places and etype not in VIOLENT and s.index - ctx.place_sentence <= 4 \
                    and ctx.place_sentence > last_section:
                places = ctx.place
            date = own_date or ctx.date or ctx.report_date
            pol = polarity_at(s, view.text, hit.start, hit.end)
            fields: dict[str, object] = {
                "event_type": etype,
                "date": date,
                "place": _place_value(places, s),
                "actor": _actor(view, s, recent[: -len(s.groups)] if s.groups else recent),
                "victims": None,
                "killed": _killed(view, s, "killed") if etype in VIOLENT else None,
                "wounded": _killed(view, s, "wounded") if etype in VIOLENT else None,
            }
            if pol == "negated":
                fields["polarity"] = "negated"
            if fields["actor"] and hedged(s, view.text):
                fields["actor_polarity"] = "hedged"
            d = Draft("event", fields, s.start, s.end, s.index, COMPONENT, polarity=pol,
                      confidence=0.7 if own_places else 0.55, date=date)
            out.append(d)
            if etype in VIOLENT:
                last_violent = d
    return _fold_duplicates(out)


def _place_value(places: list[PlaceMention], sent: SentenceView) -> object:
    if not places:
        return sent.header_label
    labels = [p.label for p in places]
    return labels[0] if len(labels) == 1 else labels


def _types(view: DocView, s: SentenceView) -> dict[str, Hit]:
    """Event types cued in the sentence (first cue hit of each type)."""
    found: dict[str, Hit] = {}
    scope = [s, *view.items_after(s.index)] if s.intro else [s]
    lab = any(isinstance(p, EventEntry) and p.event_type == "lab_dismantled"
              for h in s.cues for p in h.payloads)
    weapons = [h for h in s.cues if "weapon_words" in _lex(h)]
    for h in s.cues:
        for p in h.payloads:
            if not isinstance(p, EventEntry) or p.event_type in found:
                continue
            if p.needs and not _words_present(view, scope, p.needs, lab and
                                              p.event_type in _FINISHED):
                continue
            if p.event_type in VIOLENT and any(w.start <= h.start < w.end for w in weapons):
                continue  # "una granada" in a list of seized arms
            if _FRAME.search(view.text[max(s.start, h.start - 90) : h.start]):
                continue
            found[p.event_type] = h
    return found


def _anchored(view: DocView, s: SentenceView, etype: str, places: list[PlaceMention],
              date: str | None) -> bool:
    """Whether the sentence reports a specific incident rather than a kind of activity."""
    mexican = any(p.is_mexican for p in places)
    if etype in VIOLENT or etype in ("kidnapping", "extortion", "disappearance",
                                     "human_smuggling", "other"):
        return mexican or bool(date) or (etype in VIOLENT and
                                         _killed(view, s, "killed") is not None)
    if etype in SEIZURES:
        quantities = any(not n.is_year for n in s.numbers) or s.intro
        return bool(places or date or quantities)
    return bool(places or date or any(not n.is_year for n in s.numbers))


def _merge_counts(view: DocView, s: SentenceView, prev: Draft) -> None:
    """A follow-up sentence of the same attack adds its dead and wounded."""
    for key, cls in (("killed", "killed"), ("wounded", "wounded")):
        n = _killed(view, s, cls)
        if n is None and s.cue_classes(cls):
            n = 1
        if n is not None:
            prev.fields[key] = (prev.fields.get(key) or 0) + n  # type: ignore[operator]
    prev.end = max(prev.end, s.end)


def _states(place: object) -> set[str]:
    items = place if isinstance(place, list) else [place] if place else []
    return {str(p).split("/")[0] for p in items}


def _has_muni(place: object) -> bool:
    items = place if isinstance(place, list) else [place] if place else []
    return any("/" in str(p) for p in items)


def _overlap(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a_lo, _, a_hi = a.partition("/")
    b_lo, _, b_hi = b.partition("/")
    a_hi, b_hi = a_hi or a_lo, b_hi or b_lo
    return a_lo[: len(b_hi)] <= b_hi and b_lo[: len(a_hi)] <= a_hi


def _fold_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Drop placeless or summary mentions of an incident reported specifically elsewhere."""
    keep: list[Draft] = []
    for d in drafts:
        f = d.fields
        redundant = False
        for o in drafts:
            if o is d or o.fields["event_type"] != f["event_type"] \
                    or o.fields.get("polarity") != f.get("polarity"):
                continue
            if not _overlap(f["date"], o.fields["date"]):
                continue
            if not f["place"] and o.fields["place"]:
                redundant = True
            elif (f["place"] and not _has_muni(f["place"]) and len(_states(f["place"])) >= 2
                  and _has_muni(o.fields["place"])
                  and _states(o.fields["place"]) <= _states(f["place"])):
                redundant = True
            if redundant:
                break
        if not redundant:
            keep.append(d)
    return keep
