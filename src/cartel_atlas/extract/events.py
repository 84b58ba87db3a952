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
MASSACRE_MIN = 4
"""Civilian deaths in one attack from which the taxonomy calls it a massacre."""
SEIZURES = {"drug_seizure", "arms_seizure", "fuel_theft", "lab_dismantled"}
VIOLENT = ["attack_on_official", "attack_on_security_forces", "massacre", "armed_clash", "homicide"]
_FRAME = re.compile(
    r"\b(?:involved in|engaged in|crimes? of|diversif\w* into|participate[sd]? in|"
    r"reputation for|such as|activities|dedicad[oa]s? a|se dedica(?:ba|n)? a|involucrad[oa]s? en|"
    r"delitos? (?:de|como)|actividades|responsible for|revenue streams?|conducted|"
    r"has carried out|entre ellos|known for|threat|amenaza|despite|a pesar de|"
    r"linked to|tied to|vinculad[oa]s? (?:a|con)|ligad[oa]s? a|leading to|que lleve a|"
    r"lleven a|fight(?:ing)? (?:against )?the|combat(?:e|ir)?|efforts?|estrategia|policy|"
    r"political|concern)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;:—–()]")
_REPORTING = re.compile(r"^\s+(?:that|que)\b", re.I)
_HANDOVER = re.compile(
    r"puest[oa]s? a disposici[oó]n|handed over to (?:the )?(?:prosecutors|"
    r"authorities)",
    re.I,
)
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
    r"nationwide|across the country|since (?:the|el|la)\b|have been (?:killed|murdered)|"
    r"han sido asesinad|han (?:muerto|perdido la vida))",
    re.I,
)
_FINISHED = {"drug_seizure"}


@dataclass
class _Ctx:
    place: list[PlaceMention]
    place_sentence: int
    date: str | None
    report_date: str | None


_AGGREGATE_HINTS = (
    "todo el pa",
    "have been",
    "han sido",
    "han muerto",
    "han perdido",
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


def is_aggregate(sent: SentenceView) -> bool:
    """Cumulative totals ("se han asegurado ... durante la presente administración")."""
    if sent.aggregate is None:
        low = sent.text.lower()
        sent.aggregate = any(h in low for h in _AGGREGATE_HINTS) and bool(
            _AGGREGATE.search(sent.text)
        )
    return sent.aggregate


def _lex(hit: Hit) -> set[str]:
    return {p.cls for p in hit.payloads if isinstance(p, LexEntry)}


_UNIT_ONLY = re.compile(r"^(?:litros de|liters of|litres of|gallons of)$", re.I)
_CATEGORY_NEEDS = {
    "drug_words": {"drug", "precursor"},
    "weapon_words": {"firearm", "ammunition", "explosive"},
    "fuel_words": {"fuel"},
}
_ADJECTIVAL = re.compile(
    r"^['’]?s?\s*(?:[A-Z]\w+|law enforcement|prison|government|officials?|"
    r"authorities|demand|origin|soil|market|citizens?|nationals?)\b"
)
_DATELINE = re.compile(r"^[^\n]{0,90}?\d{4}\s*\.?\s*[-–—]+\s*")


def _words_present(view: DocView, sents: list[SentenceView], cls: str, lab: bool) -> bool:
    cats = _CATEGORY_NEEDS.get(cls, set())
    for s in sents:
        for h in s.cues:
            if cls not in _lex(h) or _UNIT_ONLY.match(view.text[h.start : h.end]):
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


def dateline_end(view: DocView) -> int:
    """End offset of a communiqué's dateline ("Morelia, Mich. a 8 de noviembre de 2025.-")."""
    if not view.sentences:
        return 0
    first = view.sentences[0]
    m = _DATELINE.match(view.text[first.start : first.end])
    if m and any(first.start + m.end() >= d.end for d in first.dates):
        return first.start + m.end()
    return 0


def _places(view: DocView, sent: SentenceView, skip_before: int = 0) -> list[PlaceMention]:
    cands = [p for p in sent.places if p.start >= skip_before]
    mx = [p for p in cands if p.is_mexican]
    local = [p for p in mx if p.kind != "state"]
    if local:
        return _unique(local)
    if mx:
        return _unique(mx)
    foreign = [
        p
        for p in cands
        if not p.is_mexican
        and p.label != "Mexico"
        and not _ADJECTIVAL.match(view.text[p.end : p.end + 30])
    ]
    return _unique(foreign)


def _unique(places: list[PlaceMention]) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for p in places:
        seen.setdefault(p.label, p)
    return list(seen.values())


def _date(sent: SentenceView, skip_before: int = 0) -> str | None:
    for d in sent.dates:
        if d.value and d.precision != "unknown" and d.start >= skip_before:
            return str(d.value)
    return None


def _killed(view: DocView, sent: SentenceView, cls: str) -> int | None:
    """The count nearest to a killed/wounded word ("killed 11 people", "dos muertos")."""
    best: tuple[int, int] | None = None
    for h in sent.cue_classes(cls):
        for n in sent.numbers:
            if n.is_year or re.match(r"-?\s?(?:year|años|an?os)", view.text[n.end : n.end + 6]):
                continue
            gap = view.text[n.end : h.start] if n.end <= h.start else view.text[h.end : n.start]
            if (
                len(gap) <= 30
                and not re.search(r"[.;]", gap)
                and (best is None or len(gap) < best[0])
            ):
                best = (len(gap), int(n.value))
    return best[1] if best else None


def _deaths(view: DocView, sent: SentenceView, cue: Hit) -> int | None:
    """Deaths stated next to a death word, or counted by the cue itself ("one killing")."""
    n = _killed(view, sent, "killed")
    if n is not None:
        return n
    for num in sent.numbers:
        gap = view.text[num.end : cue.start]
        if 0 <= cue.start - num.end <= 3 and not gap.strip() and not num.is_year:
            return int(num.value)
    return None


def _actor(view: DocView, sent: SentenceView, recent: list[GroupMention]) -> str | None:
    if sent.groups:
        return sent.groups[0].name
    from cartel_atlas.extract.aliases import anaphora

    if anaphora(view.text, sent.start, sent.end) and recent:
        return recent[-1].name
    return None


def _victim_type(sent: SentenceView, etype: str) -> str:
    """Violence against officials or security forces keeps its attack type."""
    roles = {
        p.attr("role")
        for h in sent.cue_classes("victim_roles")
        for p in h.payloads
        if isinstance(p, LexEntry) and p.cls == "victim_roles"
    }
    if "official" in roles:
        return "attack_on_official"
    if "security_forces" in roles and etype in ("homicide", "massacre", "armed_clash"):
        return "attack_on_security_forces"
    return etype


def extract_events(view: DocView) -> list[Draft]:
    """Event drafts for every incident the document reports."""
    out: list[Draft] = []
    ctx = _Ctx([], -1, None, None)
    skip = dateline_end(view)
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
        own_places = _places(view, s, skip)
        own_date = _date(s, skip)
        if own_places:
            ctx.place, ctx.place_sentence = own_places, s.index
        if own_date:
            ctx.date = own_date
        types = _types(view, s)
        prior = list(recent)
        recent.extend(s.groups)
        if not types or is_aggregate(s) or _HANDOVER.search(s.text):
            continue
        violent = [t for t in VIOLENT if t in types]
        if violent:
            hit = types[violent[0]]
            types = {t: h for t, h in types.items() if t not in VIOLENT}
            if (
                last_violent is not None
                and last_violent.sentence == s.index - 1
                and not own_date
                and not own_places
            ):
                _merge_counts(view, s, last_violent)
            else:
                types[_victim_type(s, violent[0])] = hit
        for etype, hit in list(types.items()):
            if etype == "homicide" and (_deaths(view, s, hit) or 0) >= MASSACRE_MIN:
                etype = "massacre"  # the taxonomy: several civilians killed at once
            if not _anchored(view, s, etype, own_places, own_date):
                continue
            places = own_places
            if (
                not places
                and etype not in VIOLENT
                and s.index - ctx.place_sentence <= 4
                and ctx.place_sentence > last_section
            ):
                places = ctx.place
            date = own_date or ctx.date or ctx.report_date
            pol = polarity_at(s, view.text, hit.start, hit.end)
            fields: dict[str, object] = {
                "event_type": etype,
                "date": date,
                "place": _place_value(places, s),
                "actor": _actor(view, s, prior),
                "victims": None,
                "killed": _deaths(view, s, hit) if etype in VIOLENT else None,
                "wounded": _killed(view, s, "wounded") if etype in VIOLENT else None,
            }
            if pol == "negated":
                fields["polarity"] = "negated"
            if fields["actor"] and hedged(s, view.text):
                fields["actor_polarity"] = "hedged"
            d = Draft(
                "event",
                fields,
                s.start,
                s.end,
                s.index,
                COMPONENT,
                polarity=pol,
                confidence=0.7 if own_places else 0.55,
                date=date,
            )
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
    lab = any(
        isinstance(p, EventEntry) and p.event_type == "lab_dismantled"
        for h in s.cues
        for p in h.payloads
    )
    if not any(isinstance(p, EventEntry) for h in s.cues for p in h.payloads):
        return found
    weapons = [h for h in s.cues if "weapon_words" in _lex(h)]
    frames = [m.end() + s.start for m in _FRAME.finditer(s.text)]
    for h in s.cues:
        for p in h.payloads:
            if not isinstance(p, EventEntry) or p.event_type in found:
                continue
            if p.needs and not _words_present(
                view, scope, p.needs, lab and p.event_type in _FINISHED
            ):
                continue
            if p.needs and p.needs in _lex(h):
                continue  # the commodity word itself ("precursores químicos") is no seizure
            if p.event_type in VIOLENT and any(w.start <= h.start < w.end for w in weapons):
                continue  # "una granada" in a list of seized arms
            if any(
                h.start - 70 <= f <= h.start and not _CLAUSE_BREAK.search(view.text, f, h.start)
                for f in frames
            ):
                continue
            if _REPORTING.match(view.text[h.end : h.end + 12]):
                continue  # "research has found that": a reporting verb, not a find
            found[p.event_type] = h
    return found


def _anchored(
    view: DocView, s: SentenceView, etype: str, places: list[PlaceMention], date: str | None
) -> bool:
    """Whether the sentence reports a specific incident rather than a kind of activity."""
    mexican = any(p.is_mexican for p in places)
    if etype in VIOLENT or etype in (
        "kidnapping",
        "extortion",
        "disappearance",
        "human_smuggling",
        "other",
    ):
        return (
            mexican or bool(date) or (etype in VIOLENT and _killed(view, s, "killed") is not None)
        )
    if etype in SEIZURES:
        quantities = any(not n.is_year and not n.approx for n in s.numbers) or s.intro
        return bool(places or date or quantities)
    return bool(places or date or any(not n.is_year and not n.approx for n in s.numbers))


def _merge_counts(view: DocView, s: SentenceView, prev: Draft) -> None:
    """A follow-up sentence of the same attack adds its dead and wounded."""
    for key, cls in (("killed", "killed"), ("wounded", "wounded")):
        n = _killed(view, s, cls)
        if n is None and s.cue_classes(cls):
            n = 1
        if n is not None:
            before = prev.fields.get(key)
            prev.fields[key] = (before if isinstance(before, int) else 0) + n
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


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _subsumed(f: dict[str, object], o: dict[str, object]) -> bool:
    """Whether event ``f`` is a vaguer mention of event ``o`` (same type and polarity)."""
    if o["event_type"] != f["event_type"] or (o.get("polarity") == "negated") != (
        f.get("polarity") == "negated"
    ):
        return False
    if not f["place"] and not f["date"]:
        return bool(o["place"] or o["date"])
    if not _overlap(_text(f["date"]), _text(o["date"])):
        return False
    if not f["place"]:
        return bool(o["place"])
    summary = not _has_muni(f["place"]) and len(_states(f["place"])) >= 2
    return summary and _has_muni(o["place"]) and _states(o["place"]) <= _states(f["place"])


def _fold_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Drop placeless or summary mentions of an incident reported specifically elsewhere."""
    return [
        d for d in drafts if not any(o is not d and _subsumed(d.fields, o.fields) for o in drafts)
    ]
