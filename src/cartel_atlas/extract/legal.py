"""Legal actions against groups: designation, sanction, indictment, reward, sentence.

The action comes from the lexicon class ``legal_action`` (each phrase carries its action).
Targets are the groups named in the sentence; a sentence that continues a release
("the same five individuals", "Both men are facing charges") takes the targets of the
last legal action, else the groups named just before. A following sentence that denies
the action ("it was never passed by Congress") makes it negated.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import DocView, GroupMention
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.gazetteer import LexEntry
from cartel_atlas.extract.polarity import sentence_negates

COMPONENT = "legal"

_NOT_ENACTED = re.compile(
    r"\b(?:never (?:been )?(?:passed|approved|enacted)|(?:was|were) not (?:passed|approved|"
    r"enacted)|no fue aprobad[oa]|nunca (?:fue|se) aprob[oó])",
    re.I,
)
"""The action was proposed but never took effect: the fact is a negated action."""

_BY = re.compile(
    r"\b(?:(?:the\s+)?U\.S\.\s+)?(?:Department of (?:State|the Treasury|Justice)|Treasury|OFAC|"
    r"Office of Foreign Assets Control|Secretary of State|State Department|Justice Department|"
    r"Departamento (?:de Estado|del Tesoro|de Justicia)|Congress|Congreso|grand jur(?:y|ies))\b"
)
_POSSIBLE = re.compile(
    r"\b(?:faces?|facing|could face|would face|podr[ií]a[n]? enfrentar|"
    r"enfrentar[ií]a[n]?)\s+(?:a\s+)?(?:\w+\s+){0,3}(?:sentence|pena|"
    r"condena)|\b(?:proposed|propuso|propone|called for|pidió)\b",
    re.I,
)
_MEMBERS_DESIGNATED = re.compile(
    r"\b(?:OFAC|Treasury|Tesoro|E\.O\.|Executive Order|Orden Ejecutiva|Kingpin|individuals|"
    r"entities|companies|businesses|nationals|persons|people|network|individuos|personas|"
    r"empresas|entidades|red)\b"
)
_GROUP_DESIGNATION = re.compile(
    r"Foreign Terrorist Organi[sz]ations?|\bFTOs?\b|[Oo]rganizaci[oó]n(?:es)? [Tt]errorista|"
    r"as (?:a )?(?:Specially Designated Global )?Terrorist"
)
"""A group named a terrorist organization is a designation; designating its members or
network (OFAC, Executive Orders) is a sanction on the group."""
_ORDER = ("designation", "sanction", "indictment", "reward", "sentence")


_EARLIER = re.compile(
    r"\b(?:after|since|before|following|despu[eé]s de(?: que)?|antes de(?: que)?|desde que|"
    r"tras)\s+(?:\w+\s+){0,2}$",
    re.I,
)
"""An action named as a point in time ("a week after Washington designated ...") is an
earlier action the text only refers to."""
_PUNCTUATION = re.compile(r"[.;:,]")
_PERSON_REF = re.compile(r"\b(?:him|her|he|she|both men|ambos)\b", re.I)
"""A sentence about the person of the story ("sought him on charges") concerns the group
last named, however far back."""
_BLOCKING = re.compile(r"^(?:blocked|bloquead[oa]s?)$", re.I)
_ASSETS = re.compile(
    r"\b(?:property|assets|interests|accounts|bienes|activos|cuentas|fondos)\b", re.I
)
_GENERIC_BEFORE = re.compile(
    r"\b(?:to|including|such as|incluid[oa]s?|como|endurecer|harsher|tougher|new|nuevas?|"
    r"(?:expon\w*|expuest[oa]s?|somet\w*|sujet[oa]s?|acreedor\w*|riesgo de)(?:\s+a)?|"
    r"risk of)\s+(?:(?:las|los|the)\s+)?$",
    re.I,
)
_GENERIC_NOUN = re.compile(
    r"^(?:sanctions|sanciones|charges|cargos|designations|designaciones|penalties|penas)$",
    re.I,
)


_THE_ACTION = re.compile(r"\b(?:la|esta|dicha|the|this|that)\s+$", re.I)


def _action_told(view: DocView, start: int, end: int, has_groups: bool) -> bool:
    """Whether a legal-action cue reports an action: "blocked" needs the assets blocked
    ("roads blocked" is no sanction); a plural noun ("expose them to sanctions") with no
    group named is a kind of action, not one taken."""
    surface = view.text[start:end]
    if _BLOCKING.match(surface) and not _ASSETS.search(view.text[max(0, start - 60) : end + 60]):
        return False
    generic = _GENERIC_NOUN.match(surface) and _GENERIC_BEFORE.search(
        view.text[max(0, start - 25) : start]
    )
    return has_groups or not generic


def extract_legal(view: DocView) -> list[Draft]:
    """Legal-action drafts."""
    out: list[Draft] = []
    last_targets: list[str] = []
    last_index = -99
    recent: list[tuple[int, GroupMention]] = []
    prev_drafts: list[Draft] = []
    for s in view.sentences:
        actions: dict[str, int] = {}
        earlier: int | None = None
        for h in s.cue_classes("legal_action"):
            if earlier is not None and not _PUNCTUATION.search(view.text[earlier : h.start]):
                continue  # the rest of "after Washington designated ... as terrorists"
            if _EARLIER.search(view.text[max(0, h.start - 40) : h.start]):
                earlier = h.start
                continue
            if not _action_told(view, h.start, h.end, bool(s.groups)):
                continue
            if not s.groups and _THE_ACTION.search(view.text, max(0, h.start - 8), h.start):
                continue  # "la designación podría...": the action already told
            for p in h.payloads:
                if isinstance(p, LexEntry) and p.cls == "legal_action" and p.attr("action"):
                    actions.setdefault(p.attr("action"), h.start)
        if not actions:
            if prev_drafts and prev_drafts[-1].sentence == s.index - 1 and sentence_negates(s):
                for d in prev_drafts:
                    if d.sentence == s.index - 1:
                        d.polarity = "negated"
                        d.fields["polarity"] = "negated"
            recent.extend((s.index, g) for g in s.groups)
            continue
        targets = list(dict.fromkeys(g.name for g in s.groups))
        if not targets:
            from cartel_atlas.extract.aliases import anaphora

            if last_targets and s.index - last_index <= 6:
                targets = last_targets
            else:
                near = [g for i, g in recent if s.index - i <= 3]
                if recent and (anaphora(view.text, s.start, s.end) or _PERSON_REF.search(s.text)):
                    near = near or [recent[-1][1]]
                targets = list(dict.fromkeys(g.name for g in near))
        recent.extend((s.index, g) for g in s.groups)
        if not targets:
            continue
        date = next((d.value for d in s.dates if d.value and d.precision != "unknown"), None)
        by = _BY.search(s.text)
        pol = "hedged" if _POSSIBLE.search(s.text) else "asserted"
        if _NOT_ENACTED.search(s.text):
            pol = "negated"  # "a bill to designate X ..., but it was never passed"
        if (
            "designation" in actions
            and _MEMBERS_DESIGNATED.search(s.text)
            and not _GROUP_DESIGNATION.search(s.text)
        ):
            actions.setdefault("sanction", actions.pop("designation"))
        for action in sorted(actions, key=_ORDER.index):
            fields = {
                "action": action,
                "date": date,
                "by": by.group(0) if by else None,
                "target": targets,
                "polarity": pol,
            }
            d = Draft(
                "legal_action",
                fields,
                s.start,
                s.end,
                s.index,
                COMPONENT,
                polarity=pol,
                confidence=0.65,
                date=date,
            )
            out.append(d)
            prev_drafts.append(d)
        last_targets, last_index = targets, s.index
    return _merge(out)


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One fact per action and group: mentions of the same action whose targets overlap
    (a headline and the first paragraph) merge, keeping the fullest date and targets."""
    kept: list[Draft] = []
    for d in drafts:
        same = next(
            (
                k
                for k in kept
                if k.fields["action"] == d.fields["action"]
                and set(k.fields["target"]) & set(d.fields["target"])
            ),
            None,
        )
        if same is None:
            kept.append(d)
            continue
        targets = list(dict.fromkeys([*same.fields["target"], *d.fields["target"]]))
        same.fields["target"] = targets
        if not same.fields["date"] and d.fields["date"]:
            same.fields["date"], same.date = d.fields["date"], d.date
        if not same.fields["by"] and d.fields["by"]:
            same.fields["by"] = d.fields["by"]
        if d.polarity == "negated":
            same.polarity, same.fields["polarity"] = "negated", "negated"
    return kept
