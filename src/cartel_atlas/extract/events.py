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

from cartel_atlas.extract.casualties import (
    ACCIDENT,
    ATTACKER,
    BODIES,
    accident_type,
    found_dead,
    killed_count,
    single_death,
)
from cartel_atlas.extract.context import DocView, GroupMention, PlaceMention, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.event_cues import (
    VIOLENT,
    LowText,
    anchored,
    cue_types,
    is_aggregate,
    victim_type,
)
from cartel_atlas.extract.event_fold import (
    MASSACRE_MIN,
    TOLL_MIN,
    fold_duplicates,
    headline_told,
    massacres,
)
from cartel_atlas.extract.phrases import Hit
from cartel_atlas.extract.polarity import hedged, hedges_introduce_groups, polarity_at

COMPONENT = "events"
_BACK_REFERENCE = re.compile(
    r"\b(?:the (?:defendants|accused|suspects|detainees|investigation|operation|case)|"
    r"(?:los|las) (?:acusados|imputados|detenidos|procesados)|(?:la|esta|dicha) investigaci[oó]n|"
    r"(?:el|este|dicho) (?:operativo|caso))\b",
    re.I,
)
_THE_BEFORE = re.compile(r"\b(?:the|this|that|el|la|este|esta|dicho|dicha)\s+$", re.I)
_HANDOVER = re.compile(
    r"puest[oa]s? a disposici[oó]n|handed over to (?:the )?(?:prosecutors|"
    r"authorities)",
    re.I,
)


@dataclass
class _Ctx:
    place: list[PlaceMention]
    place_sentence: int
    date: str | None
    report_date: str | None


_ADJECTIVAL = re.compile(
    r"^['’]?s?\s*(?:[A-Z]\w+|law enforcement|prison|government|officials?|"
    r"authorities|demand|origin|soil|market|citizens?|nationals?)\b"
)
_DATELINE = re.compile(r"^[^\n]{0,90}?\d{4}\s*\.?\s*[-–—]+\s*")
_DATELINE_LINE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑ][\w.]*(?:\s+(?:de|del|la|los)\s+|\s+|,\s*))+a\s+(?:\w+\s+)?"
    r"\d{1,2}\s+de\s+\w+\s+de(?:l)?\s+\d{4}\.?$"
)


_WIRE_DATELINE = re.compile(
    r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .'’]{2,40}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)\n]{2,30}\))?\s*[-–—]+\s+"
)
"""An agency dateline: the city in capitals, an optional date and agency, then a dash."""


def dateline_end(view: DocView) -> int:
    """End offset of a communiqué's dateline ("Uruapan, Mich. a 3 de mayo de 2024.-")."""
    if not view.sentences:
        return 0
    for first in view.sentences[:3]:
        if not first.dates:
            continue  # a dateline ends after its date
        m = _DATELINE.match(view.text[first.start : first.end])
        if m and any(first.start + m.end() >= d.end for d in first.dates):
            return first.start + m.end()
    for s in view.sentences[:3]:  # a dateline on its own line: "Hermosillo, Sonora a 28 de ..."
        if s.dates and _DATELINE_LINE.match(s.text):
            return s.end
    for s in view.sentences[:3]:  # a wire dateline: "MEXICO CITY, May 14 (Reuters) -"
        m = _WIRE_DATELINE.match(s.text)
        if m:
            return s.start + m.end()
    return 0


def _places(view: DocView, sent: SentenceView, skip_before: int = 0) -> list[PlaceMention]:
    """The sentence's municipalities, else its states, else the countries it names."""
    if not sent.places:
        return []
    mx: list[PlaceMention] = []
    local: list[PlaceMention] = []
    for p in sent.places:
        if p.start >= skip_before and p.state_code is not None:
            mx.append(p)
            if p.kind != "state":
                local.append(p)
    if local:
        return _unique(local)
    if mx:
        return _unique(mx)
    foreign = [
        p
        for p in sent.places
        if p.start >= skip_before
        and p.label != "Mexico"
        and not _ADJECTIVAL.match(view.text[p.end : p.end + 30])
        and not _NEIGHBOUR.search(view.text, max(0, p.start - 30), p.start)
    ]
    return _unique(foreign)


_NEIGHBOUR = re.compile(
    r"\b(?:fronteriz[oa]s? con|frontera con|borders?(?: with)?|bordering|lim[ií]trofe con|"
    r"colinda(?:n)? con)\s+(?:(?:el|la|the)\s+)?$",
    re.I,
)
"""A country named as a neighbour ("la región fronteriza con Guatemala") is no event place."""


def _refine_place(d: Draft, places: list[PlaceMention]) -> None:
    """A later sentence about the same incident may name its municipality."""
    local = [p for p in places if p.is_mexican and p.kind != "state"]
    place = d.fields["place"]
    if (
        local
        and isinstance(place, str)
        and "/" not in place
        and all(p.label.split("/")[0] == place for p in local)
    ):
        d.fields["place"] = local[0].label if len(local) == 1 else [p.label for p in local]


def _continues(view: DocView, place_sentence: int, s: SentenceView) -> bool:
    """Whether ``s`` still reports the incident of the sentence that gave the place: the
    same paragraph or list item, or a plain paragraph after a plain paragraph. A closing
    paragraph after a list of report lines ("-En Zapopan, ...") is about all of them."""
    src = view.sentences[place_sentence]
    return src.paragraph == s.paragraph or not src.is_item or s.is_item


def _abroad(
    view: DocView, sent: SentenceView, cue: Hit, places: list[PlaceMention], skip_before: int
) -> list[PlaceMention]:
    """For an event placed only by countries, the country nearest its verb; "arrested in
    Mexico ... and extradited to the United States" puts the arrest in Mexico (no state)."""
    if not places or any(p.is_mexican for p in places):
        return places
    countries = [
        p
        for p in sent.places
        if not p.is_mexican
        and p.start >= skip_before
        and not _ADJECTIVAL.match(view.text[p.end : p.end + 30])
    ]
    if len(countries) < 2:
        return places

    def cost(p: PlaceMention) -> int:
        gap = view.text[p.end : cue.start] if p.end <= cue.start else view.text[cue.end : p.start]
        return len(gap) + 1000 * len(_CLAUSE_GAP.findall(gap))

    nearest = min(countries, key=cost)
    return [] if nearest.label == "Mexico" else [nearest]


def _unique(places: list[PlaceMention]) -> list[PlaceMention]:
    if len(places) < 2:
        return places
    seen: dict[str, PlaceMention] = {}
    for p in places:
        seen.setdefault(p.label, p)
    return list(seen.values())


_PERIOD = re.compile(
    r"\b(?:(?:en|durante) (?:los|las) [uú]ltim[oa]s (?:meses|años|semanas)|"
    r"in recent (?:months|years|weeks)|over the (?:past|last) (?:months|years))\b",
    re.I,
)


_PERIOD_WORDS = ("ltim", "in recent", "over the")


def _over_a_period(s: SentenceView, low: LowText) -> bool:
    """ "Los homicidios registrados en los últimos meses": many incidents, none dated.
    A sentence that dates its own incident ("the third attack in recent months, on
    Monday") still reports it."""
    return (
        low.has(_PERIOD_WORDS, s.start, s.end)
        and bool(_PERIOD.search(s.text))
        and not any(d.precision == "day" for d in s.dates)
    )


_UNREPORTED = re.compile(
    r"\b(?:no|not|ni)\s+(?:(?:ha|han|has|have|had|hab[ií]a)\s+)?(?:informado|reportado|"
    r"confirmado|precisado|revelado|reported|confirmed|disclosed|said)\b",
    re.I,
)
_SINCE_OFFICE = re.compile(
    r"\b(?:since|desde que)\b[^,.;]{0,80}?\b(?:took office|came to power|tom[oó] posesi[oó]n|"
    r"asumi[oó] (?:el cargo|la presidencia)|lleg[oó] al poder)\b[^,.;]{0,20}$",
    re.I,
)


_FOLLOW_UP = re.compile(
    r"^(?:tras|despu[eé]s de|durante|after|following|during)\s+(?:el|la|the|this|that|"
    r"este|esta)\s+(?:detenci[oó]n|captura|operativo|ataque|arrest|capture|operation|attack)\b",
    re.I,
)
"""A sentence opening on the incident just told continues it ("Tras la detención, ...")."""


def _still_free(s: SentenceView, hit: Hit, view: DocView) -> bool:
    """ "has not been captured", "no lo han podido capturar": a denied arrest needs no
    place or date to be a fact about the fugitive."""
    if _NEG_CUE.search(view.text[hit.start : hit.end]):
        return True
    return bool(_AT_LARGE.search(s.text)) and _event_polarity(s, hit, view) == "negated"


_AT_LARGE = re.compile(
    r"\b(?:pr[oó]fug[oa]s?|at large|sigue libre|remains? free|on the run|evad\w+ capture)\b",
    re.I,
)


_SAME_CITY = re.compile(
    r"\b(?:(?:in|at) the (?:same )?(?:city|town)|en la (?:misma )?ciudad|en el mismo municipio)\b",
    re.I,
)
_NEG_CUE = re.compile(r"\b(?:not|no|never|nunca)\b", re.I)


def _event_polarity(s: SentenceView, hit: Hit, view: DocView) -> str:
    """The cue's polarity; a cue that carries its own denial ("has not been captured")
    is negated."""
    if _NEG_CUE.search(view.text[hit.start : hit.end]):
        return "negated"
    pol = polarity_at(s, view.text, hit.start, hit.end)
    if pol == "hedged" and hedges_introduce_groups(s, 30):
        return "asserted"  # "presuntos integrantes del CJNG": the actor is hedged, not the event
    return pol


_SINCE_WORDS = ("since", "desde que")


def _background(view: DocView, d: object, low: LowText) -> bool:
    """A date that only times a term of office ("since X took office in December 2018") or
    the statement that reports the incident ("the minister said on Friday that...")."""
    start = d.start  # type: ignore[attr-defined]
    lo = max(0, start - 110)
    if low.has(_SINCE_WORDS, lo, start) and _SINCE_OFFICE.search(view.text[lo:start]):
        return True
    return bool(_SAID_BEFORE.search(view.text, max(0, start - 30), start))


_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told \w+|announced|stated|confirmed|reported|dijo|dijeron|inform[oó]|"
    r"informaron|declar[oó]|anunci[oó]|confirm[oó]|report[oó])\s+$",
    re.I,
)


def _date(
    sent: SentenceView,
    skip_before: int = 0,
    view: DocView | None = None,
    low: LowText | None = None,
) -> str | None:
    """The sentence's first date (after ``skip_before``; with ``view``, not a term of office)."""
    if view is not None and low is None:
        low = LowText(view.text)
    for d in sent.dates:
        if (
            d.value
            and d.precision != "unknown"
            and d.start >= skip_before
            and (view is None or low is None or not _background(view, d, low))
        ):
            return str(d.value)
    return None


_CLAUSE_GAP = re.compile(r"[,;]|\b(?:and|y|but|pero|while|mientras)\b")


def _date_near(
    view: DocView, sent: SentenceView, cue: Hit, skip_before: int, low: LowText
) -> str | None:
    """The sentence's date closest to the cue, not across a clause boundary when avoidable
    ("arrested in 2022 and extradited in March 2023": each verb its own date)."""
    dated = [
        d
        for d in sent.dates
        if d.value
        and d.precision != "unknown"
        and d.start >= skip_before
        and not _background(view, d, low)
    ]
    plain = [
        d
        for d in dated
        if not (view.text[d.start - 1 : d.start] == "(" and view.text[d.end : d.end + 1] == ")")
    ]
    dated = plain or dated  # "(2006-2012)" describes something else
    if len(dated) < 2:
        return str(dated[0].value) if dated else None

    def cost(d: object) -> int:
        start, end = d.start, d.end  # type: ignore[attr-defined]
        gap = view.text[end : cue.start] if end <= cue.start else view.text[cue.end : start]
        return len(gap) + 1000 * len(_CLAUSE_GAP.findall(gap))

    return str(min(dated, key=cost).value)


_BACK_WORDS = (
    "defendants",
    "accused",
    "suspects",
    "detainees",
    "investiga",
    "operation",
    "case",
    "acusados",
    "imputados",
    "detenidos",
    "procesados",
    "operativo",
    "caso",
)


def _actor(
    view: DocView, sent: SentenceView, recent: list[GroupMention], low: LowText
) -> str | None:
    if sent.groups:
        return sent.groups[0].name
    from cartel_atlas.extract.aliases import anaphora

    if recent and anaphora(view.text, sent.start, sent.end):
        return recent[-1].name
    if low.has(_BACK_WORDS, sent.start, sent.end) and _BACK_REFERENCE.search(sent.text):
        # "The defendants include ... (captured)": the group of the case just described
        for prev in reversed(view.sentences[max(0, sent.index - 3) : sent.index]):
            if prev.groups:
                return prev.groups[0].name
    return None


def extract_events(view: DocView) -> list[Draft]:
    """Event drafts for every incident the document reports."""
    out: list[Draft] = []
    ctx = _Ctx([], -1, None, None)
    skip = dateline_end(view)
    low = LowText(view.text)
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
        own_date = _date(s, skip, view, low) if s.dates else None
        if own_places:
            ctx.place, ctx.place_sentence = own_places, s.index
        if own_date:
            ctx.date = own_date
        types = cue_types(view, s, low)
        if types and _ASSAILANT_KILLED.search(s.text):
            _forces_killed(view, types)
        counts = _Counts(view, s)
        if s.cues:
            _uncued_deaths(view, s, types, counts)
        n_prior = len(recent)
        recent.extend(s.groups)
        if (
            last_violent is not None
            and last_violent.sentence == s.index - 1
            and _VIOLENT.isdisjoint(types)
            and last_violent.fields.get("killed") is None
            and not is_aggregate(s)
        ):
            _merge_counts(view, s, last_violent, counts, counted_only=True)
        if (
            not types
            or is_aggregate(s)
            or (low.has(_HANDOVER_WORDS, s.start, s.end) and _HANDOVER.search(s.text))
            or _over_a_period(s, low)
        ):
            continue
        violent = [t for t in VIOLENT if t in types]
        if violent:
            hit = types[violent[0]]
            types = {t: h for t, h in types.items() if t not in VIOLENT}
            if last_violent is not None and (
                (last_violent.sentence == s.index - 1 and not own_date and not own_places)
                or (0 < s.index - last_violent.sentence <= 2 and _ALSO.search(s.text))
            ):
                _merge_counts(view, s, last_violent, counts)
            else:
                etype = violent[0] if found_dead(s) else victim_type(view, s, violent[0], hit)
                types[etype] = hit  # a body found says nothing of who the victim was
        actor: list[str | None] = []  # the sentence's actor, read once
        # the dead are attackers killed by the forces they attacked: the count is theirs
        dead_assailants = "other" in types and bool(_ASSAILANT_KILLED.search(s.text))
        for etype, hit in list(types.items()):
            deaths = counts.get("killed") or 0 if etype in VIOLENT else 0
            if deaths >= TOLL_MIN:
                continue  # a death toll over a period is a statistic, not one attack
            if etype == "homicide" and deaths >= MASSACRE_MIN and not found_dead(s):
                etype = "massacre"  # the taxonomy: several civilians killed at once
            if etype in VIOLENT and ACCIDENT.search(s.text) and not ATTACKER.search(s.text):
                etype = accident_type(s)  # deaths in an explosion or accident are no attack
            if _THE_BEFORE.search(view.text[max(s.start, hit.start - 12) : hit.start]):
                told = [
                    d
                    for d in out
                    if d.fields["event_type"] == etype
                    or (etype in VIOLENT and d.fields["event_type"] in VIOLENT)
                ]
                if told:
                    _refine_place(told[-1], own_places)
                    continue  # "The attack took place near ...": the incident already told
            if etype == "arrest" and _custody_of_told_arrest(view, s, hit, out):
                continue  # "quedó a disposición de la Fiscalía": the arrest just told
            assailants = etype == "other" and bool(_ASSAILANT_KILLED.search(s.text))
            if not (
                anchored(view, s, etype, own_places, own_date, counts.killed)
                or _FOLLOW_UP.match(s.text)
                or (
                    assailants  # the attacker killed right after the attack just told
                    and last_violent is not None
                    and 0 < s.index - last_violent.sentence <= 3
                )
                or (etype == "arrest" and _still_free(s, hit, view))
            ):
                continue
            places = _abroad(view, s, hit, own_places, skip)
            if not places and _SAME_CITY.search(s.text) and len(ctx.place) == 1:
                places = [p for p in ctx.place if p.kind != "state"]  # "in the same city"
            if (
                not own_places
                and etype not in VIOLENT
                and s.index - ctx.place_sentence <= 4
                and ctx.place_sentence > last_section
                and _continues(view, ctx.place_sentence, s)
            ):
                places = ctx.place
            date = _date_near(view, s, hit, skip, low) or own_date or ctx.date or ctx.report_date
            pol = _event_polarity(s, hit, view)
            if pol == "negated" and _UNREPORTED.search(s.text):
                continue  # "no ha informado sobre detenidos": nothing said, nothing denied
            if not actor:
                actor.append(_actor(view, s, recent[:n_prior], low))
            fields: dict[str, object] = {
                "event_type": etype,
                "date": date,
                "place": _place_value(places, s),
                "actor": actor[0],
                "victims": None,
                "killed": (
                    counts.get("killed")
                    if etype in _COUNTED and (etype == "other" or not dead_assailants)
                    else None
                ),
                "wounded": counts.get("wounded") if etype in _COUNTED else None,
            }
            if fields["killed"] is None and etype in _ONE_VICTIM and single_death(s):
                fields["killed"] = 1
            if fields["killed"] is None and dead_assailants and _ONE_ASSAILANT.search(s.text):
                fields["killed"] = 1  # "el atacante murió": one
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
    return fold_duplicates(massacres(headline_told(view, out), view))


class _Counts:
    """The sentence's death and injury counts (``killed_count``), each read once."""

    __slots__ = ("_seen", "_sent", "_view")

    def __init__(self, view: DocView, sent: SentenceView) -> None:
        self._view, self._sent = view, sent
        self._seen: dict[str, int | None] = {}

    def get(self, cls: str) -> int | None:
        if cls not in self._seen:
            self._seen[cls] = killed_count(self._view, self._sent, cls) if self._sent.cues else None
        return self._seen[cls]

    def killed(self) -> int | None:
        return self.get("killed")


_HANDOVER_WORDS = ("disposici", "handed over to")


_ALSO = re.compile(r"\b(?:also|as well|too|también|asimismo)\b", re.I)
_COUNTED = {*VIOLENT, "fuel_theft", "human_smuggling", "other"}
_VIOLENT = frozenset(VIOLENT)
_ONE_VICTIM = {"homicide", "attack_on_official"}


_ASSAILANT_KILLED = re.compile(
    r"\b(?:atacantes?|agresor(?:es)?|sicarios?|civiles armados|presuntos delincuentes|"
    r"gunm[ae]n|attackers?|assailants?|suspects?)\b[^.;]{0,80}?"
    r"\b(?:muri[oó]|murieron|died|perdi[oó] la vida|perdieron la vida|was killed|were killed)"
    r"\b[^.;]{0,60}?\b(?:repelid[oa]s?|repelled|por (?:los |las )?(?:elementos|soldados|"
    r"militares|polic[ií]as|agentes|escoltas|marinos)|by (?:the )?(?:soldiers|troops|police|"
    r"security forces|army|marines|bodyguards))\b|"
    r"\b(?:soldiers|troops|marines|police(?: officers)?|security forces|militares|soldados|"
    r"marinos|polic[ií]as|elementos|agentes)\s+(?:\w+\s+){0,2}?(?:killed|shot dead|"
    r"gunned down|mataron a|abatieron a|neutralizaron a)\s+(?:\w+\s+){0,2}?"
    r"(?:suspected|alleged|presuntos?|gunm[ae]n|sicarios|attackers|assailants|agresores|"
    r"delincuentes|civiles armados)\b",
    re.I,
)
_KILL_WORD = re.compile(
    r"(?:was |were )?(?:killed|shot dead|gunned down|mataron|abatieron|asesinaron)$", re.I
)


def _forces_killed(view: DocView, types: dict[str, Hit]) -> None:
    """ "Soldiers killed 12 suspected gunmen": the killing is an `other` event (suspects
    killed by the authorities), not a homicide nor an attack on the soldiers named."""
    for t in [t for t in VIOLENT if t in types]:
        if _KILL_WORD.match(view.text[types[t].start : types[t].end]):
            types.setdefault("other", types.pop(t))


"""Attackers killed by the security forces they attacked: an `other` event, not a homicide."""
_ONE_ASSAILANT = re.compile(
    r"\b(?:el|un|the|an?|one)\s+(?:atacante|agresor|sicario|gunman|attacker|assailant|suspect)"
    r"\s+(?:\w+\s+){0,2}?(?:muri[oó]|died|perdi[oó] la vida|was killed)\b",
    re.I,
)


_CUSTODY = re.compile(r"disposici[oó]n|custody|handed over to|turned over to", re.I)


def _custody_of_told_arrest(view: DocView, s: SentenceView, hit: Hit, out: list[Draft]) -> bool:
    """A detainee "placed at the disposal of" prosecutors a few sentences after an arrest
    is told: the custody of that arrest, not a second one."""
    if not _CUSTODY.search(view.text, hit.start, hit.end):
        return False
    return any(
        d.fields.get("event_type") == "arrest" and 0 < s.index - d.sentence <= 4 for d in out
    )


def _uncued_deaths(view: DocView, s: SentenceView, types: dict[str, Hit], counts: _Counts) -> None:
    """Deaths told without a killing verb: "ten bodies were found" or "was shot and died"
    is a homicide, "forty died when a tapped pipeline exploded" an accident typed by what
    was involved."""
    if not s.cues or not _VIOLENT.isdisjoint(types) or not s.cue_classes("killed"):
        return
    counted = counts.get("killed") is not None
    word = s.cue_classes("killed")[0]
    if ACCIDENT.search(s.text) and not ATTACKER.search(s.text):
        # "más de medio centenar de migrantes murieron": a toll, even a vague one
        if counted or any(not n.is_year for n in s.numbers):
            types.setdefault(accident_type(s), word)
    elif BODIES.search(s.text) and counted:
        types["homicide"] = word
    elif _ASSAILANT_KILLED.search(s.text):
        types["other"] = word  # "el agresor murió tras ser repelido por los escoltas"
    elif ATTACKER.search(s.text) and (counted or single_death(s)):
        types["homicide"] = word  # "was shot outside his home and died in hospital"


def _place_value(places: list[PlaceMention], sent: SentenceView) -> object:
    if not places:
        return sent.header_label
    labels = [p.label for p in places]
    return labels[0] if len(labels) == 1 else labels


def _merge_counts(
    view: DocView, s: SentenceView, prev: Draft, counts: _Counts, counted_only: bool = False
) -> None:
    """A follow-up sentence of the same attack adds its dead and wounded ("24 personas
    perdieron la vida y siete más resultaron heridos" after the attack is told)."""
    del view  # the counts are the sentence's
    for key, cls in (("killed", "killed"), ("wounded", "wounded")):
        n = counts.get(cls)
        if n is None and s.cue_classes(cls) and not counted_only:
            n = 1
        if n is not None:
            before = prev.fields.get(key)
            prev.fields[key] = (before if isinstance(before, int) else 0) + n
    prev.end = max(prev.end, s.end)
