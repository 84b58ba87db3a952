"""Folding event drafts: one fact per incident.

A headline repeats the lead, so its events give way to the body's; a homicide whose toll
reaches the threshold is a massacre; near-duplicates (a summary over several states, a
placeless mention) give way to the specific report of the same type.
"""

from __future__ import annotations

from cartel_atlas.extract.casualties import found_dead
from cartel_atlas.extract.context import DocView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.event_cues import VIOLENT

MASSACRE_MIN = 4
TOLL_MIN = 100
"""Civilian deaths in one attack from which the taxonomy calls it a massacre."""


def massacres(drafts: list[Draft], view: DocView) -> list[Draft]:
    """A homicide whose toll, once merged from the lead or the next sentence, reaches the
    taxonomy's threshold is a massacre."""
    for d in drafts:
        killed = d.fields.get("killed")
        if (
            d.fields["event_type"] == "homicide"
            and isinstance(killed, int)
            and MASSACRE_MIN <= killed < TOLL_MIN
            and not found_dead(view.sentences[d.sentence])
        ):
            d.fields["event_type"] = "massacre"
    return drafts


def _is_headline(view: DocView) -> bool:
    """A first line standing alone without closing punctuation is the report's headline."""
    if len(view.sentences) < 2:
        return False
    first, second = view.sentences[0], view.sentences[1]
    return (
        first.paragraph != second.paragraph
        and len(first.text) < 200
        and not first.text.rstrip().endswith((".", "!", "?", ":"))
    )


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in VIOLENT and b in VIOLENT)


def headline_told(view: DocView, drafts: list[Draft]) -> list[Draft]:
    """A headline repeats the lead: its events give way to the body's of the same kind,
    which take any actor or count only the headline states."""
    if not drafts or not _is_headline(view):
        return drafts
    body = [d for d in drafts if d.sentence != 0]
    out: list[Draft] = []
    for d in drafts:
        if d.sentence != 0:
            out.append(d)
            continue
        etype = str(d.fields["event_type"])
        negated = d.fields.get("polarity") == "negated"
        same = [
            b
            for b in body
            if _same_kind(etype, str(b.fields["event_type"]))
            and (b.fields.get("polarity") == "negated") == negated
        ]
        if not same:
            out.append(d)
            continue
        for key in ("actor", "killed", "wounded"):
            if same[0].fields.get(key) is None and d.fields.get(key) is not None:
                same[0].fields[key] = d.fields[key]
    return out


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


def _key(d: Draft) -> tuple[object, str]:
    return d.fields["event_type"], repr(
        (d.fields["place"], d.fields["date"], d.fields.get("polarity"))
    )


def _merge_same(drafts: list[Draft], keys: list[tuple[object, str]]) -> list[int]:
    """One draft per (type, place, date, polarity): a headline and the lead that tells the
    same incident become one fact with the actor and counts either gives. Returns the
    indexes of the drafts kept (their keys do not change: only actors and counts merge)."""
    first: dict[tuple[object, str], Draft] = {}
    out: list[int] = []
    for i, d in enumerate(drafts):
        key = keys[i]
        kept = first.get(key)
        if kept is None:
            first[key] = d
            out.append(i)
            continue
        for field in ("actor", "actor_polarity"):
            if kept.fields.get(field) is None and d.fields.get(field) is not None:
                kept.fields[field] = d.fields[field]
        for field in ("killed", "wounded"):
            values = [
                v for v in (kept.fields.get(field), d.fields.get(field)) if isinstance(v, int)
            ]
            if values:
                kept.fields[field] = max(values)
    return out


def fold_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Drop placeless or summary mentions of an incident reported specifically elsewhere.

    Compared within each event type, once per distinct (place, date, polarity), so long
    documents stay linear in practice.
    """
    if not drafts:
        return drafts
    all_keys = [_key(d) for d in drafts]
    kept = _merge_same(drafts, all_keys)
    drafts = [drafts[i] for i in kept]
    keys = [all_keys[i] for i in kept]
    by_type: dict[object, dict[str, dict[str, object]]] = {}
    for d, (etype, key) in zip(drafts, keys, strict=True):
        by_type.setdefault(etype, {}).setdefault(key, d.fields)
    redundant: set[tuple[object, str]] = set()
    for etype, variants in by_type.items():
        if len(variants) < 2:
            continue  # a single variant subsumes nothing but another
        for key, f in variants.items():
            if any(o is not f and _subsumed(f, o) for o in variants.values()):
                redundant.add((etype, key))
    if not redundant:
        return drafts
    return [d for d, k in zip(drafts, keys, strict=True) if k not in redundant]
