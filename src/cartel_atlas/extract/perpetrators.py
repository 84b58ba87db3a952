"""The group a report blames for its lead incident when the incident's sentence names none.

News reports tell the attack first and who is blamed later: "Hours later the security
chief said the CJNG had carried out the attack"; "las autoridades investigan a una célula
conocida como ..."; a headline "... blamed on Jalisco cartel". The blame is read from a
sentence near the lead incident that names a group beside a word of the lexicon class
``perpetration`` (blamed, behind, linked to, responsabilizó, se atribuye...). The actor
so found is always ``hedged``: a blame is a claim, not a finding.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import DocView, GroupMention, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.vocab.groups import Groups

LEAD_TYPES = frozenset(
    {
        "attack_on_official",
        "attack_on_security_forces",
        "massacre",
        "armed_clash",
        "homicide",
        "kidnapping",
        "disappearance",
    }
)
"""Incidents whose perpetrator a report goes on to name."""

_CLAUSE_BREAK = re.compile(r"[,;:]")

FOLLOW_UP_TYPES = frozenset({"arrest", "arms_seizure", "drug_seizure"})
_SUSPECTS = re.compile(
    r"\b(?:suspects?|attackers|assailants|gunmen involved|perpetrators|"
    r"presuntos? (?:participantes|responsables|agresores|atacantes|implicados)|"
    r"(?:los|a|dos|tres|\w+) (?:agresores|atacantes|implicados|participantes)|"
    r"probables responsables)\b",
    re.I,
)

REACH = 6
"""Sentences after the lead incident in which a blame still refers to it."""


def attribute_lead(view: DocView, drafts: list[Draft], groups: Groups) -> None:
    """Give the document's first violent incident the group blamed for it, and arrests
    or seizures of its suspects that group too, in place."""
    events = [d for d in drafts if d.kind == "event" and d.polarity != "negated"]
    lead = next((d for d in events if d.fields.get("event_type") in LEAD_TYPES), None)
    if lead is None:
        return
    if not lead.fields.get("actor"):
        _blame(view, events, lead, groups)
    if lead.fields.get("actor"):
        _suspects(view, events, lead)


def _suspects(view: DocView, events: list[Draft], lead: Draft) -> None:
    """ "Police detained a dozen suspects": arrests and seizures of the lead incident's
    suspects, told soon after it, concern the group it is blamed on (a hedged link)."""
    for d in events:
        if (
            d.fields.get("event_type") in FOLLOW_UP_TYPES
            and not d.fields.get("actor")
            and 0 < d.sentence - lead.sentence <= REACH
            and _SUSPECTS.search(view.sentences[d.sentence].text)
        ):
            d.fields["actor"] = lead.fields["actor"]
            d.fields["actor_polarity"] = "hedged"


def _blame(view: DocView, events: list[Draft], lead: Draft, groups: Groups) -> None:
    """The group a sentence near the lead incident blames, as its hedged actor."""
    told = {
        d.sentence for d in events if d.fields.get("event_type") in LEAD_TYPES and d is not lead
    }
    for s in _candidates(view, lead.sentence):
        if s.index in told or not s.groups or not _blames(view.text, s):
            continue  # a sentence telling an incident of its own blames for that one
        lead.fields["actor"] = _most_specific(s.groups, groups).name
        lead.fields["actor_polarity"] = "hedged"
        return


DENIAL_REACH = 80
"""Characters before a blame word, within its clause, in which a denial voids it."""


def _blames(text: str, s: SentenceView) -> bool:
    """A blame word not denied earlier in its clause ("tampoco han señalado a un grupo
    criminal como responsable", "did not say which group was responsible")."""
    denials = [
        h
        for h in s.cue_classes("negation")
        if not text[h.end : h.end + 8].lower().startswith(" embargo")  # "sin embargo"
    ]
    return any(
        not any(
            cue.start - DENIAL_REACH <= d.start < cue.start
            and not _CLAUSE_BREAK.search(text, d.end, cue.start)
            for d in denials
        )
        for cue in s.cue_classes("perpetration")
    )


def _candidates(view: DocView, lead: int) -> list[SentenceView]:
    """The sentences after the lead incident, then a headline above it."""
    after = view.sentences[lead + 1 : lead + 1 + REACH]
    headline = view.sentences[0]
    above = [headline] if lead > 0 and headline.paragraph == 0 else []
    return [*after, *above]


def _most_specific(found: list[GroupMention], groups: Groups) -> GroupMention:
    """'a faction of the Gulf Cartel known as the Scorpions': the faction, not its parent."""
    ids = {g.group_id for g in found}
    for g in found:
        if g.group_id in groups.by_id and ids & {a.id for a in groups.ancestors(g.group_id)}:
            return g
    return found[0]
