"""The hand-written answer key for the bundled sample reports stays usable by the scorer:
every line is a complete fact of a known kind, quotes its own document, and names groups
and places the way the exchange format does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cartel_atlas.errors import AtlasError
from cartel_atlas.samples import SAMPLES_DIR
from cartel_atlas.vocab import get_vocabulary

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "resources" / "samples_gold.jsonl"

FIELDS: dict[str, set[str]] = {
    "presence": {"group", "place", "polarity", "as_of", "source"},
    "presence_count": {"group", "count", "of", "as_of", "source"},
    "event": {"event_type", "date", "place", "actor", "victims", "killed", "wounded"},
    "flow": {"commodity", "from", "via", "to", "actor", "source"},
    "legal_action": {"action", "date", "by", "target", "polarity"},
    "statistic": {"subject", "value", "unit", "as_of", "source", "place"},
    "alias": {"group", "alias"},
}
EVENT_TYPES = {
    "homicide", "massacre", "attack_on_official", "attack_on_security_forces", "armed_clash",
    "kidnapping", "extortion", "disappearance", "drug_seizure", "arms_seizure", "arrest",
    "extradition", "fuel_theft", "human_smuggling", "lab_dismantled", "other",
}  # fmt: skip
ACTIONS = {"designation", "sanction", "indictment", "reward", "sentence"}
POLARITIES = {"asserted", "hedged", "negated"}
_DAY = r"\d{4}(-\d{2}(-\d{2})?)?"
ISO_DATE = re.compile(rf"^{_DAY}(/{_DAY})?$")


def _load() -> list[dict[str, Any]]:
    facts = []
    for number, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fact = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - message for the annotator
            raise AssertionError(f"{GOLD.name}:{number}: not JSON: {exc}") from exc
        fact["_line"] = number
        facts.append(fact)
    return facts


FACTS = _load()


def _norm(text: str) -> str:
    return " ".join(text.split())


def _texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in SAMPLES_DIR.glob("*.txt")}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _groups_of(fact: dict[str, Any]) -> list[str]:
    kind = fact["kind"]
    if kind in {"presence", "presence_count", "alias"}:
        return [fact["group"]]
    if kind in {"event", "flow"}:
        return _as_list(fact["actor"])
    if kind == "legal_action":
        return list(fact["target"])
    return []


def _places_of(fact: dict[str, Any]) -> list[str]:
    kind = fact["kind"]
    if kind in {"presence", "event", "statistic"}:
        return _as_list(fact["place"])
    if kind == "flow":
        return _as_list(fact["from"]) + _as_list(fact["via"]) + _as_list(fact["to"])
    return []


def _where(fact: dict[str, Any]) -> str:
    return f"{GOLD.name}:{fact['_line']} ({fact.get('doc')}, {fact.get('kind')})"


def test_samples_gold_lines_have_every_field_of_their_kind() -> None:
    problems = []
    for fact in FACTS:
        kind = fact.get("kind")
        if kind not in FIELDS or not {"doc", "evidence"} <= fact.keys():
            problems.append(f"{_where(fact)}: unknown kind or no doc/evidence")
            continue
        missing = FIELDS[kind] - fact.keys()
        if missing:
            problems.append(f"{_where(fact)}: missing {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_samples_gold_evidence_is_a_verbatim_span_of_its_document() -> None:
    texts = {doc: _norm(text) for doc, text in _texts().items()}
    problems = []
    for fact in FACTS:
        doc, evidence = fact["doc"], fact["evidence"]
        if doc not in texts:
            problems.append(f"{_where(fact)}: no sample report named {doc}.txt")
        elif len(evidence) > 300:
            problems.append(f"{_where(fact)}: evidence longer than 300 characters")
        elif _norm(evidence) not in texts[doc]:
            problems.append(f"{_where(fact)}: evidence not found: {evidence[:60]!r}")
    assert not problems, "\n".join(problems)


def test_samples_gold_aliases_are_surface_forms_of_their_evidence() -> None:
    problems = [
        f"{_where(f)}: alias {f['alias']!r} not in its evidence"
        for f in FACTS
        if f["kind"] == "alias" and f["alias"] not in f["evidence"]
    ]
    assert not problems, "\n".join(problems)


def test_samples_gold_names_only_canonical_groups() -> None:
    names = {group.name for group in get_vocabulary().groups}
    problems = [
        f"{_where(f)}: {g!r} is not a canonical group name"
        for f in FACTS
        for g in _groups_of(f)
        if g not in names
    ]
    assert not problems, "\n".join(problems)


def test_samples_gold_place_labels_exist_in_the_places_vocabulary() -> None:
    places = get_vocabulary().places
    problems = []
    for fact in FACTS:
        for label in _places_of(fact):
            try:
                ref = places.ref(label)
            except AtlasError as exc:
                problems.append(f"{_where(fact)}: {label!r}: {exc}")
                continue
            if ref.label != label:
                problems.append(f"{_where(fact)}: {label!r} is not the exact label {ref.label!r}")
    assert not problems, "\n".join(problems)


def test_samples_gold_uses_known_types_polarities_and_iso_dates() -> None:
    problems = []
    for fact in FACTS:
        kind = fact["kind"]
        if kind == "event" and fact["event_type"] not in EVENT_TYPES:
            problems.append(f"{_where(fact)}: event_type {fact['event_type']!r}")
        if kind == "legal_action":
            if fact["action"] not in ACTIONS:
                problems.append(f"{_where(fact)}: action {fact['action']!r}")
            if not isinstance(fact["target"], list) or not fact["target"]:
                problems.append(f"{_where(fact)}: target must be a non-empty list")
        for key in ("polarity", "actor_polarity"):
            if key in fact and fact[key] not in POLARITIES:
                problems.append(f"{_where(fact)}: {key} {fact[key]!r}")
        for key in ("date", "as_of"):
            value = fact.get(key)
            if value is not None and not ISO_DATE.match(str(value)):
                problems.append(f"{_where(fact)}: {key} {value!r} is not ISO 8601")
        if kind == "flow" and fact["via"] is not None and not isinstance(fact["via"], list):
            problems.append(f"{_where(fact)}: via must be a list or null")
    assert not problems, "\n".join(problems)


def test_samples_gold_covers_every_sample_report_once_per_fact() -> None:
    docs = {f["doc"] for f in FACTS}
    assert docs == set(_texts()), sorted(set(_texts()) ^ docs)
    seen: set[str] = set()
    duplicates = []
    for fact in FACTS:
        key = json.dumps({k: v for k, v in fact.items() if k != "_line"}, sort_keys=True)
        if key in seen:
            duplicates.append(_where(fact))
        seen.add(key)
    assert not duplicates, duplicates


SYNDICATED = ("culiacan-chapitos-mayiza-2024-es", "culiacan-chapitos-mayiza-2024-es-sindicada")


@pytest.mark.parametrize("pair", [SYNDICATED])
def test_samples_gold_syndicated_copy_has_the_same_non_alias_facts(pair: tuple[str, str]) -> None:
    def facts_of(doc: str) -> list[str]:
        return sorted(
            json.dumps({k: v for k, v in f.items() if k not in {"doc", "_line"}}, sort_keys=True)
            for f in FACTS
            if f["doc"] == doc and f["kind"] != "alias"
        )

    assert facts_of(pair[0]) == facts_of(pair[1])
