"""STIX 2.1 bundles from threat-intelligence partners.

Groups (``threat-actor``, ``intrusion-set``) give alias facts when they name a group we
know; their ``located-at`` / ``targets`` relationships to Mexican locations give
presence facts; ``report`` and ``incident`` objects give documents for text
extraction. Every document keeps the sharing restriction of its TLP marking and the
producer named by ``created_by_ref``, because intelligence shared under TLP:AMBER must
never end up in a public atlas. Each object is validated on its own with the stix2
library, so one bad object is rejected and the rest of the bundle still counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import stix2
from stix2.exceptions import STIXError

from cartel_atlas.errors import NotFoundError
from cartel_atlas.model.document import Document
from cartel_atlas.model.facts import Evidence, Fact
from cartel_atlas.model.records import Prepared, Rejected
from cartel_atlas.sources.acled import find_group
from cartel_atlas.sources.guards import excerpt, oversized
from cartel_atlas.sources.meta import TLP_LEVELS, parse_date
from cartel_atlas.vocab import Vocabulary, get_vocabulary
from cartel_atlas.vocab.groups import Group

Item = Prepared | Rejected

COMPONENT = "sources.stix"
VERSION = "1"
ACTOR_TYPES = ("threat-actor", "intrusion-set")
TEXT_TYPES = ("report", "incident")
PRESENCE = {
    "located-at": ("Located at", 0.8),
    "operates-in": ("Operates in", 0.8),
    "targets": ("Targets", 0.6),
}
"""Relationship types read as presence, with the line label and the confidence."""

TLP_IDS = {
    # TLP 1.0 marking definitions of STIX 2.1 (stix2.TLP_WHITE ... TLP_RED)
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "clear",
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "green",
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "amber",
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "red",
    # TLP 2.0 marking definitions (OASIS extension)
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": "clear",
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": "green",
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": "amber",
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": "amber+strict",
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": "red",
}


def _tlp_of_definition(obj: dict[str, Any]) -> str | None:
    """The TLP level a marking-definition object in the bundle declares, if any."""
    definition = obj.get("definition") or {}
    level = definition.get("tlp") if isinstance(definition, dict) else None
    if not level:
        for ext in (obj.get("extensions") or {}).values():
            if isinstance(ext, dict) and ext.get("tlp_2_0"):
                level = ext["tlp_2_0"]
        level = level or obj.get("name")
    if not isinstance(level, str):
        return None
    level = level.strip().lower().removeprefix("tlp:")
    level = "clear" if level == "white" else level
    return level if level in TLP_LEVELS else None


class _Bundle:
    """The valid objects of a bundle, indexed for the lookups readers need."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        self.by_id = {o["id"]: o for o in objects}
        self.tlp = dict(TLP_IDS)
        for o in objects:
            if o["type"] == "marking-definition":
                level = _tlp_of_definition(o)
                if level:
                    self.tlp[o["id"]] = level

    def tlp_of(self, obj: dict[str, Any]) -> str:
        """The most restrictive TLP level among the object's markings ('clear' if none)."""
        levels = [self.tlp[r] for r in obj.get("object_marking_refs") or [] if r in self.tlp]
        return max(levels, key=TLP_LEVELS.index) if levels else "clear"

    def producer(self, obj: dict[str, Any]) -> str | None:
        """Name of the identity in ``created_by_ref``."""
        ident = self.by_id.get(obj.get("created_by_ref") or "")
        return ident.get("name") if ident else None


def _validate(raw: Any, uri: str, n: int) -> dict[str, Any] | Rejected:
    where = f"object {raw.get('id')}" if isinstance(raw, dict) and raw.get("id") else f"item {n}"
    if not isinstance(raw, dict) or "type" not in raw or "id" not in raw:
        return Rejected(
            uri,
            "malformed_stix",
            "not a STIX object (needs 'type' and 'id')",
            where,
            excerpt(json.dumps(raw)[:400]),
        )
    try:
        stix2.parse(raw, allow_custom=True, version=raw.get("spec_version", "2.1"))
    except (STIXError, ValueError, TypeError, KeyError) as exc:
        return Rejected(
            uri,
            "malformed_stix",
            f"invalid {raw['type']}: {exc}",
            where,
            excerpt(json.dumps(raw)[:400]),
        )
    return raw


def _resolve_location(loc: dict[str, Any], vocab: Vocabulary) -> tuple[str, str] | None:
    """(exchange label, state code) of a location in Mexico at state level or finer."""
    places = vocab.places
    country = str(loc.get("country") or "").strip().upper()
    area = str(loc.get("administrative_area") or "").strip()
    if country not in ("", "MX", "MEX", "MEXICO", "MÉXICO") and not area.upper().startswith("MX-"):
        return None
    state = places.find_state(area) if area else None
    city = str(loc.get("city") or "").strip()
    if city:
        found = places.find_municipality(city, state.code if state else None)
        if found and (state is not None or len(found) == 1):
            return places.label(found[0].code), found[0].state_code
    if state is not None:
        return state.label, state.code
    name = str(loc.get("name") or "").strip()
    if name:
        named = places.find_state(name)
        if named is not None:
            return named.label, named.code
    if country and "latitude" in loc and "longitude" in loc:
        try:
            muni = places.nearest_municipality(float(loc["latitude"]), float(loc["longitude"]))
        except (TypeError, ValueError, NotFoundError):
            return None
        return places.label(muni.code), muni.state_code
    return None


def _actor_item(
    obj: dict[str, Any],
    bundle: _Bundle,
    vocab: Vocabulary,
    uri: str,
    found: tuple[Group | None, bool],
) -> Prepared:
    name = str(obj.get("name") or "").strip()
    aliases = [str(a).strip() for a in obj.get("aliases") or [] if str(a).strip()]
    lines = [name]
    spans: dict[str, tuple[int, int]] = {name: (0, len(name))}
    if aliases:
        prefix = "Also known as: "
        offset = len("\n".join(lines)) + 1 + len(prefix)
        parts = []
        for alias in aliases:
            spans.setdefault(alias, (offset, offset + len(alias)))
            parts.append(alias)
            offset += len(alias) + 2
        lines.append(prefix + ", ".join(parts) + ".")
    description = str(obj.get("description") or "").strip()
    if description:
        lines.append(description)
    presence: list[tuple[int, int, dict[str, Any], dict[str, Any], tuple[str, str]]] = []
    for rel in bundle.by_id.values():
        if rel["type"] != "relationship" or rel.get("source_ref") != obj["id"]:
            continue
        kind = PRESENCE.get(rel.get("relationship_type", ""))
        target = bundle.by_id.get(rel.get("target_ref", ""))
        if kind is None or target is None or target["type"] != "location":
            continue
        where = _resolve_location(target, vocab)
        if where is None:
            continue
        shown = str(target.get("name") or where[0])
        text = f"{kind[0]}: {shown}" + (f" ({where[0]})." if shown != where[0] else ".")
        start = len("\n".join(lines)) + 1
        lines.append(text)
        presence.append((start, start + len(text), rel, target, where))
    group, own_names = found
    doc_text = "\n".join(lines)
    doc = Document(
        text=doc_text,
        title=name,
        publisher=bundle.producer(obj),
        published=parse_date(obj.get("created")),
        tlp=bundle.tlp_of(obj),
        format="stix",
        name=obj["id"],
        meta={"source_uri": uri, "stix_id": obj["id"], "stix_type": obj["type"]},
    )
    facts: list[Fact] = []
    if group is not None and own_names:
        for surface in [name, *aliases]:
            if surface.casefold() == group.name.casefold():
                continue
            start, end = spans[surface]
            facts.append(
                Fact(
                    kind="alias",
                    fields={"group": group.name, "group_id": group.id, "alias": surface},
                    evidence=Evidence(
                        doc.id, start, end, _line_at(doc_text, start), COMPONENT, VERSION
                    ),
                    confidence=0.9,
                    source=bundle.producer(obj),
                )
            )
    if group is not None:
        for start, end, rel, _target, (label, state_code) in presence:
            as_of = parse_date(rel.get("start_time")) or parse_date(rel.get("created"))
            facts.append(
                Fact(
                    kind="presence",
                    fields={
                        "group": group.name,
                        "group_id": group.id,
                        "place": label,
                        "state_code": state_code,
                        "polarity": "asserted",
                        "as_of": as_of.isoformat() if as_of else None,
                        "stix_relationship": rel["id"],
                    },
                    evidence=Evidence(doc.id, start, end, doc_text[start:end], COMPONENT, VERSION),
                    confidence=PRESENCE[rel["relationship_type"]][1],
                    source=bundle.producer(rel) or bundle.producer(obj),
                    valid_from=parse_date(rel.get("start_time")),
                    valid_to=parse_date(rel.get("stop_time")),
                )
            )
    return Prepared(
        document=doc,
        facts=tuple(facts),
        extract_text=bool(description),
        attrs={"stix_id": obj["id"], "group_id": group.id if group else None},
    )


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _group_of(obj: dict[str, Any], bundle: _Bundle, vocab: Vocabulary) -> tuple[Group | None, bool]:
    """The group an actor object names, and whether by its own names (True) or only
    through an ``attributed-to`` relationship (a cell of the group, not an alias)."""
    names = [str(obj.get("name") or ""), *(str(a) for a in obj.get("aliases") or [])]
    group = find_group(vocab, *names)
    if group is not None:
        return group, True
    for rel in bundle.by_id.values():
        if (
            rel["type"] == "relationship"
            and rel.get("relationship_type") == "attributed-to"
            and rel.get("source_ref") == obj["id"]
        ):
            target = bundle.by_id.get(rel.get("target_ref", ""))
            if target is not None and target["type"] in ACTOR_TYPES:
                names = [
                    str(target.get("name") or ""),
                    *(str(a) for a in target.get("aliases") or []),
                ]
                group = find_group(vocab, *names)
                if group is not None:
                    return group, False
    return None, False


def _text_item(obj: dict[str, Any], bundle: _Bundle, uri: str) -> Item:
    name = str(obj.get("name") or "").strip()
    description = str(obj.get("description") or "").strip()
    text = "\n\n".join(p for p in (name, description) if p)
    if not text:
        return Rejected(
            uri, "empty", f"{obj['type']} has neither name nor description", f"object {obj['id']}"
        )
    published: date | None = parse_date(obj.get("published")) or parse_date(obj.get("created"))
    doc = Document(
        text=text,
        title=name or None,
        publisher=bundle.producer(obj),
        published=published,
        tlp=bundle.tlp_of(obj),
        format="stix",
        name=obj["id"],
        meta={
            "source_uri": uri,
            "stix_id": obj["id"],
            "stix_type": obj["type"],
            "object_refs": list(obj.get("object_refs") or []),
        },
    )
    return Prepared(document=doc, facts=(), extract_text=True, attrs={"stix_id": obj["id"]})


def read_stix_bytes(
    data: bytes, uri: str, *, limit: int, vocab: Vocabulary | None = None
) -> Iterator[Item]:
    """Documents and facts of a STIX 2.1 bundle (or single object); bad JSON or bad
    objects as ``malformed_stix``."""
    too_big = oversized(uri, len(data), limit)
    if too_big:
        yield too_big
        return
    if not data.strip():
        yield Rejected(uri, "empty", "the file is empty")
        return
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Rejected(uri, "undecodable", f"STIX JSON must be UTF-8: {exc}", payload=excerpt(data))
        return
    except json.JSONDecodeError as exc:
        yield Rejected(
            uri,
            "malformed_stix",
            f"not valid JSON: {exc.msg}",
            f"line {exc.lineno} column {exc.colno}",
            excerpt(data),
        )
        return
    if isinstance(parsed, dict) and parsed.get("type") == "bundle":
        raw_objects = parsed.get("objects") or []
        if not isinstance(raw_objects, list):
            yield Rejected(uri, "malformed_stix", "bundle 'objects' is not a list")
            return
    elif isinstance(parsed, dict) and "type" in parsed:
        raw_objects = [parsed]
    else:
        yield Rejected(
            uri, "malformed_stix", "not a STIX bundle or object (no 'type')", payload=excerpt(data)
        )
        return
    valid: list[dict[str, Any]] = []
    for n, raw in enumerate(raw_objects, start=1):
        checked = _validate(raw, uri, n)
        if isinstance(checked, Rejected):
            yield checked
        else:
            valid.append(checked)
    vocab = vocab or get_vocabulary()
    bundle = _Bundle(valid)
    for obj in valid:
        if obj["type"] in ACTOR_TYPES:
            yield _actor_item(obj, bundle, vocab, uri, _group_of(obj, bundle, vocab))
        elif obj["type"] in TEXT_TYPES:
            yield _text_item(obj, bundle, uri)
