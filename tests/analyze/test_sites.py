"""Sites: registry, proximity alerts by haversine distance, groups around, idempotence."""

from __future__ import annotations

import json
from datetime import date

import pytest
from crafted_facts import add_report, event, run_cli

from cartel_atlas.analyze.sites import (
    ALERT_KIND,
    SEAT,
    STATE_POINT,
    haversine_km,
    register_site,
    scan_sites,
    site_alerts,
)
from cartel_atlas.errors import AnalyzeError, NotFoundError, StoreError
from cartel_atlas.serve.cli.sites_cmd import app as sites_app
from cartel_atlas.store import Store
from cartel_atlas.store.alerts_repo import list_alerts
from cartel_atlas.store.sites_repo import get_site, list_sites, remove_site
from cartel_atlas.vocab import Vocabulary

ON = date(2024, 6, 30)


def test_haversine_matches_a_known_distance() -> None:
    # Culiacán to Mazatlán seats: about 205 km as the crow flies
    assert haversine_km(24.8091, -107.394, 23.2494, -106.4111) == pytest.approx(200, abs=10)
    assert haversine_km(19.4, -99.1, 19.4, -99.1) == 0


def test_a_site_alerts_on_incidents_within_its_radius_only(store: Store, vocab: Vocabulary) -> None:
    site = register_site(store, vocab, "Planta Culiacán", municipality="Sinaloa/Culiacán")
    culiacan = vocab.places.municipalities["25006"]
    assert (site.lat, site.lon, site.radius_km) == (culiacan.lat, culiacan.lon, 25.0)
    inside = add_report(
        store,
        "Asesinan a dos hombres en Culiacán",
        [event("homicide", "2024-05-03", "Sinaloa/Culiacán", killed=2, actor="Los Chapitos")],
    )
    add_report(  # Navolato's seat is about 30 km away: outside a 25 km radius
        store,
        "Asesinan a un hombre en Navolato",
        [event("homicide", "2024-05-04", "Sinaloa/Navolato", killed=1)],
    )
    add_report(  # known only at state level: not placed near anything by default
        store,
        "Hallan un cuerpo en Sinaloa",
        [event("homicide", "2024-05-20", "Sinaloa", killed=1)],
    )
    add_report(
        store,
        "La Mayiza opera en Sinaloa",
        [{"_kind": "presence", "group": "La Mayiza", "place": "Sinaloa", "as_of": "2024-05"}],
    )

    alerts = site_alerts(store, vocab, "Planta Culiacán", as_of=ON)

    (alert,) = alerts
    assert alert.fact_ids == tuple(inside.fact_ids)
    assert (alert.distance_km, alert.precision, alert.killed) == (0.0, SEAT, 2)
    assert alert.actors == ("chapitos",)
    assert "mayiza" in {g.group_id for g in alert.groups_around}
    assert alert.evidence[0].sentence.startswith("Asesinan a dos hombres")

    wide = register_site(store, vocab, "Bodega", municipality="25006", radius_km=40)
    near = site_alerts(store, vocab, wide, as_of=ON)
    navolato = [a for a in near if a.place == "Sinaloa/Navolato"]
    assert len(navolato) == 1
    assert 25 < navolato[0].distance_km <= 40
    with_state = site_alerts(store, vocab, "Bodega", as_of=ON, include_state_level=True)
    assert {a.precision for a in with_state} >= {SEAT}
    state_level = [a for a in with_state if a.precision == STATE_POINT]
    assert all(a.place == "Sinaloa" for a in state_level)


def test_scanning_sites_stores_each_alert_once(store: Store, vocab: Vocabulary) -> None:
    register_site(store, vocab, "Oficina", lat=20.6767, lon=-103.3475, radius_km=15)
    assert get_site(store, "Oficina").municipality_code == "14039"  # Guadalajara
    add_report(
        store,
        "Secuestran a un empresario en Guadalajara",
        [event("kidnapping", "2024-04-10", "Jalisco/Guadalajara")],
    )

    first = scan_sites(store, vocab)
    again = scan_sites(store, vocab)
    assert (len(first.alerts), first.new) == (1, 1)
    assert (len(again.alerts), again.new) == (1, 0)
    # a later report of the same kidnapping joins the incident: still no second alert
    add_report(
        store,
        "Empresario secuestrado en Guadalajara, confirma la fiscalía",
        [event("kidnapping", "2024-04-10", "Jalisco/Guadalajara")],
        publisher="Otro Diario",
    )
    assert scan_sites(store, vocab).new == 0
    (stored,) = list_alerts(store, kinds=[ALERT_KIND])
    assert stored.payload["site"] == "Oficina"
    assert stored.payload["precision"] == SEAT


def test_site_registry_refuses_bad_input(store: Store, vocab: Vocabulary) -> None:
    register_site(store, vocab, "Mina", municipality="Zacatecas/Fresnillo", radius_km=10)
    with pytest.raises(StoreError):
        register_site(store, vocab, "Mina", municipality="Zacatecas/Fresnillo")
    with pytest.raises(AnalyzeError):
        register_site(store, vocab, "Otra", lat=22.0, lon=-102.0, municipality="Fresnillo")
    with pytest.raises(AnalyzeError):
        register_site(store, vocab, "Otra", lat=22.0)
    with pytest.raises(NotFoundError):
        register_site(store, vocab, "Otra", municipality="Ciudad Perdida")
    with pytest.raises(StoreError):
        register_site(store, vocab, "Otra", lat=22.0, lon=-102.0, radius_km=0)
    assert [s.name for s in list_sites(store)] == ["Mina"]
    remove_site(store, "Mina")
    assert list_sites(store) == []
    with pytest.raises(NotFoundError):
        get_site(store, "Mina")


def test_sites_commands_add_list_and_alert_once(store: Store, db_url: str) -> None:
    db = ["--database", db_url]
    added = run_cli(
        ["sites", "add", "Patio", "--municipality", "Jalisco/Zapopan", *db], sites=sites_app
    )
    assert added.exit_code == 0, added.output
    assert "Jalisco/Zapopan" in added.stdout
    listed = json.loads(run_cli(["sites", "list", "--format", "json", *db], sites=sites_app).stdout)
    assert [(s["name"], s["radius_km"]) for s in listed] == [("Patio", 25.0)]
    add_report(
        store,
        "Balacera en Zapopan deja tres muertos",
        [event("homicide", "2024-02-02", "Jalisco/Zapopan", killed=3)],
    )

    first = run_cli(["sites", "alerts", *db], sites=sites_app)
    second = run_cli(["sites", "alerts", *db], sites=sites_app)

    assert "1 new proximity alert(s) recorded" in first.stdout
    assert "0 new proximity alert(s) recorded" in second.stdout
    (alert,) = json.loads(
        run_cli(["sites", "alerts", "--format", "json", *db], sites=sites_app).stdout
    )
    assert (alert["site"], alert["precision"], alert["killed"]) == ("Patio", "municipality seat", 3)
    removed = run_cli(["sites", "remove", "Patio", *db], sites=sites_app)
    assert removed.exit_code == 0
