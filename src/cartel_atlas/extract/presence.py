"""Presence of a group in a place, and counts such as "present in 27 of 32 states".

A presence fact needs three things in one sentence: a group (or an anaphor pointing back
to one), a Mexican state or municipality, and a presence or contest cue ("based in",
"controls", "opera en", "disputa"). Country-level statements ("presence in Mexico") are
not presence facts. Cues that only imply presence ("incursion into") make it hedged.
"""

from __future__ import annotations

import dataclasses
import re

from cartel_atlas.extract.context import DocView, GroupMention, PlaceMention, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.numbers import parse_number_words
from cartel_atlas.extract.phrases import Hit
from cartel_atlas.extract.polarity import hedged, hedges_introduce_groups, polarity_at
from cartel_atlas.extract.presence_scope import (
    BORDER_WORDS,
    PlaceTally,
    WordMarks,
    contest_near,
    contest_owners,
    crosses_part,
    linked,
    lowered,
    off_border,
    place_anaphor,
    placed,
    single_state,
    war_place,
)
from cartel_atlas.extract.setting import setting_place

COMPONENT = "presence"
_COUNT_NOUNS = ("tate", "tado", "dade")
"""``_COUNT`` and ``_COUNT_ONLY`` need "states", "estados" or "entidades"."""
_IMPLIED = re.compile(
    r"\b(?:incursi[oó]n|incursion|attempt\w*|intent\w*|tried|trying|"
    r"sought|buscaba|pretend\w*)\b",
    re.I,
)
_IMPLIED_WORDS = ("incursi", "attempt", "intent", "tried", "trying", "sought", "buscaba", "pretend")
"""Every ``_IMPLIED`` match holds one of these, lowercased."""
_NUM = r"(\d{1,3}|[a-zA-ZáéíóúñÁÉÍÓÚ\-]+)"
_COUNT = re.compile(
    rf"\b{_NUM}\s+(?:of|out of|de|de los)\s+(?:the\s+|las\s+|los\s+|Mexico['’]s\s+)?{_NUM}\s+"
    rf"(?:Mexican\s+|mexican[oa]s\s+)?(?:states|estados|entidades(?: federativas)?)\b",
    re.I,
)
_COUNT_ONLY = re.compile(
    r"\b(?:presence|present|operates?|operating|active|presencia|opera[n]?|presentes?)\s+"
    r"(?:in|en)\s+(?:at least\s+|al menos\s+|some\s+|unos\s+)?(?P<n>\d{1,2}|[a-zA-Záéíóú]+)\s+"
    r"(?:Mexican\s+|of Mexico's\s+|mexican[oa]s\s+)?(?:states|estados|entidades)\b",
    re.I,
)


def _number(text: str, lang: str) -> float | None:
    if text.isdigit():
        return float(text)
    return parse_number_words(text, lang)


_SUBJECT_ANAPHOR = re.compile(
    r"^\s*(?:the group|the cartel|the organization|it|its|they|their|"
    r"el grupo|el c[aá]rtel|la organizaci[oó]n|su|sus)\b",
    re.I,
)


_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:it|its|they|their|su|sus)\b|\b(?:the group|el grupo)\b", re.I
)


def _groups(view: DocView, s: SentenceView, last: GroupMention | None) -> list[GroupMention]:
    """The groups of a sentence, with ``last`` (the group pronouns point back to) when
    the sentence refers to it."""
    if s.groups:
        if (
            last is not None
            and _SUBJECT_ANAPHOR.match(s.text)
            and last.group_id not in {g.group_id for g in s.groups}
        ):
            return [last, *s.groups]  # "The group has been fighting the CJNG"
        return s.groups
    from cartel_atlas.extract.aliases import anaphora

    if last is not None and (
        anaphora(view.text, s.start, s.end) or _PRONOUN_SUBJECT.search(s.text)
    ):
        return [last]
    return []


def _at_cue(state: PlaceMention, s: SentenceView) -> PlaceMention:
    """The report's state, read at the sentence's presence word ("la presencia de
    células del CJNG" in a report about Puebla is presence in Puebla)."""
    cue = s.cue_classes("presence")[0]
    return dataclasses.replace(
        state,
        start=cue.start,
        end=cue.end,
        surface=s.text[cue.start - s.start : cue.end - s.start],
        sentence=s.index,
    )


def extract_presence(view: DocView, sources: list[str | None], setting: str | None) -> list[Draft]:
    """Presence and presence_count drafts; ``setting`` is the state the report is set in
    (``setting.document_state``), where a presence statement naming no place is placed."""
    out: list[Draft] = []
    recent: list[GroupMention] = []
    last_place: PlaceMention | None = None
    topic: list[GroupMention] = []
    tally = PlaceTally()
    links: dict[int, bool] = {}  # linked(), by group mention start
    low = lowered(view.text)
    borders, states = WordMarks(low, BORDER_WORDS), WordMarks(low, _COUNT_NOUNS)
    implied: WordMarks | None = None  # marked when a first polarity needs it
    at_setting: list[PlaceMention] | None = None  # the setting as a mention, when needed
    for s in view.sentences:
        # the group pronouns point back to: the topic, else the last group named
        anaphoric: GroupMention | None = (topic or recent)[-1] if (topic or recent) else None
        recent.extend(s.groups)
        if s.groups and s.groups[0].start - s.start <= 60:
            topic = [s.groups[0]]  # a group named early is the topic pronouns refer to
        mexican = [p for p in s.places if p.is_mexican] if s.places else []
        places = off_border(view.text, s, mexican, borders)
        cues = s.cue_classes("presence") + s.cue_classes("contest") if s.cues else []
        before = last_place
        focal = tally.focal() if cues and not places else None  # only a place anaphor needs it
        if places:  # prefer the municipality of "Los Reyes, Michoacán"
            tally.add(places)
            last_place = next((p for p in reversed(places) if p.kind != "state"), places[-1])
        countable = states.within(s.start, s.end)
        if not cues and not countable:
            continue  # neither a count nor a cue: the groups do not matter
        groups = _groups(view, s, anaphoric)
        if not groups:
            continue
        counted: list[Draft] = _counts(view, s, groups, sources[s.index]) if countable else []
        out.extend(counted)
        if cues and not places:
            # "los grupos que operan en la región"; "la disputa entre X y Y"
            ref = place_anaphor(s, before, focal) or war_place(s, before, focal)
            if ref is None and not s.places and not counted and s.cue_classes("presence"):
                if at_setting is None:
                    at_setting = [p] if (p := setting_place(view, setting)) else []
                ref = _at_cue(at_setting[0], s) if at_setting else None
            places = [ref] if ref else []
        if not cues or not places:
            continue
        date = next((d.value for d in s.dates if d.value and d.precision != "unknown"), None)
        as_of = date or (view.published.isoformat() if view.published else None)
        near = _listed(view.text, places, cues) or single_state(places)
        local_states = {p.state_code for p in near if p.kind != "state"}
        near = [p for p in near if p.kind != "state" or p.state_code not in local_states]
        fights = [c.start for c in s.cue_classes("contest")]
        pol = "asserted"
        prev_end = -1
        for p in near:
            chained = prev_end >= 0 and _LIST_GAP.fullmatch(view.text[prev_end : p.start])
            if not chained:  # a list shares the polarity of its first member
                implied = implied or WordMarks(low, _IMPLIED_WORDS)
                pol = _polarity(view, s, cues, p, implied)
            prev_end = p.end
            owners: list[GroupMention] = []
            if contest_near(s, view.text, fights, p):
                owners = contest_owners(view.text, s, groups, p, anaphoric)
            for g in owners or _owners(view.text, groups, p.start, p.end, cues):
                if pol == "asserted" and g.start not in links:
                    links[g.start] = linked(view.text, g)
                g_pol = "hedged" if pol == "asserted" and links[g.start] else pol
                out.append(
                    Draft(
                        "presence",
                        {
                            "group": g.name,
                            "place": p.label,
                            "polarity": g_pol,
                            "as_of": as_of,
                            "source": sources[s.index],
                        },
                        s.start,
                        s.end,
                        s.index,
                        COMPONENT,
                        polarity=g_pol,
                        confidence=0.65,
                        source=sources[s.index],
                        date=as_of,
                    )
                )
    return _one_per_place(out)


def _one_per_place(drafts: list[Draft]) -> list[Draft]:
    """One presence per group and place: the first asserted reading beats a hedge
    ("allegedly pushed into X" and later "in X it fights Y")."""
    best: dict[tuple[str, str], Draft] = {}
    order: list[tuple[str, str] | None] = []
    counts: list[Draft] = []
    for d in drafts:
        if d.kind != "presence":
            counts.append(d)
            order.append(None)
            continue
        key = (str(d.fields["group"]), str(d.fields["place"]))
        if key not in best:
            best[key] = d
            order.append(key)
        elif best[key].polarity == "hedged" and d.polarity == "asserted":
            best[key] = d
    it = iter(counts)
    return [next(it) if k is None else best[k] for k in order]


_LIST_GAP = re.compile(
    r"\s*(?:,|y|e|and|or|o|,\s*and|,\s*y)\s*(?:(?:en|in|parts of|partes de)\s+)?"
)
_COORDINATED = re.compile(r"\s*(?:,|y|e|and|&)?\s*(?:(?:el|la|los|las|the)\s+)?")
_INCLUDING = re.compile(
    r"\b(?:including|incluid[oa]s|como|such as|like|among them|entre (?:ellos|ellas))\b"
)
_PLACE_LIST_GAP = re.compile(r"\s*(?:,|y|e|and|or|o|,\s*and|,\s*y)\s*(?:(?:en|in)\s+)?")


def _polarity(
    view: DocView, s: SentenceView, cues: list[Hit], p: PlaceMention, implied: WordMarks
) -> str:
    """Polarity of one place's presence: the nearest cue's negation, or a hedge in its
    clause ("strongholds are Jalisco..., and it has allegedly pushed into Guanajuato").
    ``implied`` marks ``_IMPLIED_WORDS`` in the document."""
    cue = min(cues, key=lambda c: abs(c.start - p.start))
    links_only = hedges_introduce_groups(s, 6)  # "cells linked to X" hedges X, not the place
    pol = polarity_at(s, view.text, cue.start, cue.end)
    if pol == "negated" or (pol == "hedged" and not links_only):
        return pol
    lo = max(s.start, min(cue.start, p.start) - 60)
    hi = max(cue.end, p.end)
    opening = any(h.start - s.start <= 3 for h in s.cue_classes("hedge"))  # "Presuntamente, ..."
    if opening or (implied.within(lo, hi) and _IMPLIED.search(view.text[lo:hi])):
        return "hedged"
    if not links_only and hedged(s, view.text, p.start, p.end):
        return "hedged"
    return "asserted"


def _owners(
    text: str, groups: list[GroupMention], start: int, end: int, cues: list[Hit]
) -> list[GroupMention]:
    """The groups a place belongs to: the nearest group named before it with the groups
    coordinated with that one ("el Cártel de Sinaloa y el CJNG se disputan Zacatecas"),
    plus groups listed right after it ("into Michoacán, including the Knights Templar") or
    after a cue that follows it ("en la región operan Los Ardillos"). A parent or partner
    ("escisión de Los Zetas") is never the owner."""
    before = [g for g in groups if g.end <= start and placed(text, g)]
    after = [g for g in groups if g.start >= end]
    out: list[GroupMention] = []
    if before:
        out.append(before[-1])
        for g in reversed(before[:-1]):
            gap = text[g.end : out[-1].start]
            if not _COORDINATED.fullmatch(gap):
                break
            out.append(g)
    if after and _INCLUDING.search(text[end : after[0].start]) and after[0].start - end <= 60:
        out.extend(after)
    elif (
        after
        and after[0].start - end <= 40
        and any(end <= c.start and c.end <= after[0].start for c in cues)
        and not crosses_part(text, end, after[0].start)
    ):  # Spanish verb-subject order: "en la región operan Los Ardillos"
        out.extend(after)
    if not before and not out:
        out = groups[:1] if len(groups) == 1 else []
    return out


def _listed(text: str, places: list[PlaceMention], cues: list[Hit]) -> list[PlaceMention]:
    """Places a cue governs, with the rest of a list they start ("Jalisco, Colima y ...")."""
    out: list[PlaceMention] = []
    for p in places:
        if any(_close(c.start, c.end, p.start, p.end) for c in cues) or (
            out and _PLACE_LIST_GAP.fullmatch(text[out[-1].end : p.start])
        ):
            out.append(p)
    return out


def _close(c_start: int, c_end: int, p_start: int, p_end: int) -> bool:
    """A presence cue governs places just after it ("controls X, Y and Z") or just before
    it ("the Michoacán territory")."""
    return 0 <= p_start - c_end <= 90 or 0 <= c_start - p_end <= 40


def _counts(
    view: DocView, s: SentenceView, groups: list[GroupMention], source: str | None
) -> list[Draft]:
    out: list[Draft] = []
    found = [(m.group(1), m.group(2)) for m in _COUNT.finditer(s.text)]
    if not found:
        found = [(m.group("n"), None) for m in _COUNT_ONLY.finditer(s.text)]
    for raw_count, raw_total in found:
        count = _number(raw_count, view.lang)
        total = _number(raw_total, view.lang) if raw_total else None
        if count is None or count > (total or 32) or count < 1:
            continue
        date = next((d.value for d in s.dates if d.value and d.precision != "unknown"), None)
        g = groups[0]
        out.append(
            Draft(
                "presence_count",
                {
                    "group": g.name,
                    "count": int(count),
                    "of": int(total) if total else None,
                    "as_of": date,
                    "source": source,
                },
                s.start,
                s.end,
                s.index,
                COMPONENT,
                confidence=0.7,
                source=source,
                date=date,
            )
        )
    return out
