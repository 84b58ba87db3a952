"""STIX 2.1 bundles built with the stix2 library in the test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import stix2

from cartel_atlas.model import Prepared, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import detect_format, read

AMBER_STRICT = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"


def _bundle() -> tuple[stix2.Bundle, dict[str, str]]:
    analyst = stix2.Identity(name="Unidad de Análisis de Prueba", identity_class="organization")
    actor = stix2.ThreatActor(
        name="Cártel Jalisco Nueva Generación",
        aliases=["CJNG", "Los de la Prueba"],
        threat_actor_types=["crime-syndicate"],
        description="Test profile written for this test.",
        created_by_ref=analyst.id,
        object_marking_refs=[stix2.TLP_AMBER.id],
    )
    cell = stix2.IntrusionSet(name="Célula Norte de Prueba", created_by_ref=analyst.id)
    zapopan = stix2.Location(
        name="Zapopan", country="MX", administrative_area="MX-JAL", city="Zapopan"
    )
    michoacan = stix2.Location(name="Michoacán", country="MX", administrative_area="MX-MIC")
    bogota = stix2.Location(name="Bogotá", country="CO", city="Bogotá")
    rels = [
        stix2.Relationship(
            actor,
            "located-at",
            zapopan,
            start_time="2023-01-01T00:00:00Z",
            created_by_ref=analyst.id,
        ),
        stix2.Relationship(actor, "targets", michoacan),
        stix2.Relationship(actor, "located-at", bogota),
        stix2.Relationship(cell, "attributed-to", actor),
        stix2.Relationship(cell, "located-at", michoacan),
    ]
    report = stix2.Report(
        name="Nota de prueba sobre Zapopan",
        description="Texto de prueba: se reportó actividad del CJNG en Zapopan, Jalisco.",
        published="2024-02-01T00:00:00Z",
        object_refs=[actor.id],
        created_by_ref=analyst.id,
        object_marking_refs=[stix2.TLP_GREEN.id],
    )
    incident = stix2.Incident(
        name="Incidente de prueba",
        description="Texto de prueba de un incidente en Uruapan, Michoacán.",
        object_marking_refs=[AMBER_STRICT],
    )
    bundle = stix2.Bundle(
        analyst,
        stix2.TLP_AMBER,
        stix2.TLP_GREEN,
        actor,
        cell,
        zapopan,
        michoacan,
        bogota,
        *rels,
        report,
        incident,
    )
    ids = {"actor": actor.id, "cell": cell.id, "report": report.id, "incident": incident.id}
    return bundle, ids


def _write(tmp_path: Path, extra: list[dict] | None = None) -> tuple[Path, dict[str, str]]:
    bundle, ids = _bundle()
    data = json.loads(bundle.serialize())
    data["objects"].extend(extra or [])
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, ids


def _by_stix_id(items: list) -> dict[str, Prepared]:
    return {i.document.meta["stix_id"]: i for i in items if isinstance(i, Prepared)}


def test_bundle_is_detected_even_without_json_extension(tmp_path: Path) -> None:
    path, _ = _write(tmp_path)
    assert detect_format("intel.dat", path.read_bytes()[:8192]) == "stix"


def test_threat_actor_gives_alias_and_presence_facts(tmp_path: Path, settings: Settings) -> None:
    path, ids = _write(tmp_path)
    got = _by_stix_id(list(read(str(path), settings=settings)))
    actor = got[ids["actor"]]
    doc = actor.document
    assert doc.tlp == "amber"
    assert doc.publisher == "Unidad de Análisis de Prueba"
    assert actor.extract_text
    aliases = {f.fields["alias"] for f in actor.facts if f.kind == "alias"}
    assert aliases == {"Cártel Jalisco Nueva Generación", "CJNG", "Los de la Prueba"}
    for fact in actor.facts:
        assert fact.fields["group"] == "Jalisco New Generation Cartel"
        assert fact.evidence.doc_id == doc.id
        surface = fact.fields.get("alias")
        if surface:
            assert doc.text[fact.evidence.start : fact.evidence.end] == surface
    presence = {f.fields["place"]: f for f in actor.facts if f.kind == "presence"}
    assert set(presence) == {"Jalisco/Zapopan", "Michoacán"}  # Bogotá is not in Mexico
    located = presence["Jalisco/Zapopan"]
    assert located.valid_from == date(2023, 1, 1)
    assert located.source == "Unidad de Análisis de Prueba"
    assert located.fields["state_code"] == "14"
    assert doc.text[located.evidence.start : located.evidence.end].startswith("Located at:")
    assert presence["Michoacán"].confidence < located.confidence


def test_attributed_intrusion_set_gives_presence_but_no_alias(
    tmp_path: Path, settings: Settings
) -> None:
    path, ids = _write(tmp_path)
    cell = _by_stix_id(list(read(str(path), settings=settings)))[ids["cell"]]
    assert [f.kind for f in cell.facts] == ["presence"]
    assert cell.facts[0].fields["group_id"] == "cjng"
    assert cell.facts[0].fields["place"] == "Michoacán"


def test_report_and_incident_become_documents_for_extraction(
    tmp_path: Path, settings: Settings
) -> None:
    path, ids = _write(tmp_path)
    got = _by_stix_id(list(read(str(path), settings=settings)))
    report = got[ids["report"]]
    assert report.extract_text
    assert report.facts == ()
    assert report.document.text.startswith("Nota de prueba sobre Zapopan\n\n")
    assert report.document.tlp == "green"
    assert report.document.published == date(2024, 2, 1)
    incident = got[ids["incident"]]
    assert incident.document.tlp == "amber+strict"
    assert "Uruapan, Michoacán" in incident.document.text


def test_invalid_objects_are_rejected_and_the_rest_still_read(
    tmp_path: Path, settings: Settings
) -> None:
    bad = [
        {
            "type": "threat-actor",
            "spec_version": "2.1",
            "id": "threat-actor--00000000-0000-4000-8000-000000000001",
            "created": "2024-01-01T00:00:00Z",
            "modified": "2024-01-01T00:00:00Z",
        },
        {"name": "sin tipo"},
    ]
    path, ids = _write(tmp_path, bad)
    items = list(read(str(path), settings=settings))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.reason_code for r in rejected] == ["malformed_stix", "malformed_stix"]
    assert rejected[0].locator == "object threat-actor--00000000-0000-4000-8000-000000000001"
    assert "name" in rejected[0].reason
    assert ids["actor"] in _by_stix_id(items)


def test_malformed_json_is_rejected_with_its_position(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "roto.json"
    path.write_text('{"type": "bundle",\n "objects": [\n  {"type": ', encoding="utf-8")
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "malformed_stix"
    assert item.locator is not None
    assert item.locator.startswith("line 3")
