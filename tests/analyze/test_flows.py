"""Trafficking flows: nodes (countries, ports, crossings, states), edges, routes, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

import pytest
from crafted_facts import add_report, run_cli

from cartel_atlas.analyze.flows import country_points, flow_graph, flows_geojson, route_map
from cartel_atlas.errors import NotFoundError
from cartel_atlas.serve.cli.flows_cmd import dyads_command, flows_command
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        add_report(
            s,
            "Precursores llegan de China por Veracruz, Manzanillo y Lázaro Cárdenas para el CJNG",
            [
                {
                    "commodity": "precursor chemicals",
                    "from": "China",
                    "via": ["Veracruz/Veracruz", "Colima/Manzanillo", "Michoacán/Lázaro Cárdenas"],
                    "to": "Mexico",
                    "actor": "Jalisco New Generation Cartel",
                    "source": "InSight Crime",
                }
            ],
            kind="flow",
            source="InSight Crime",
            published=date(2020, 10, 1),
        )
        add_report(
            s,
            "Los Chapitos envían fentanilo de Sinaloa a Estados Unidos por Nogales",
            [
                {
                    "commodity": "fentanilo",
                    "from": "Sinaloa",
                    "via": ["Sonora/Nogales"],
                    "to": "United States",
                    "actor": "Los Chapitos",
                }
            ],
            kind="flow",
            published=date(2024, 5, 2),
        )
        add_report(
            s,
            "El CJNG exporta metanfetamina a Estados Unidos",
            [
                {
                    "commodity": "methamphetamine",
                    "from": "Mexico",
                    "to": "United States",
                    "actor": "Jalisco New Generation Cartel",
                }
            ],
            kind="flow",
            published=date(2021, 3, 1),
        )
        add_report(
            s,
            "Las autoridades negaron que el fentanilo saliera por Manzanillo",
            [
                {
                    "commodity": "fentanyl",
                    "from": "Colima/Manzanillo",
                    "to": "United States",
                    "polarity": "negated",
                }
            ],
            kind="flow",
        )
        yield s


def test_flow_graph_routes_a_flow_through_each_port_it_names(
    store: Store, vocab: Vocabulary
) -> None:
    graph = flow_graph(store, vocab, commodity="precursores químicos")

    assert {(e.source, e.target) for e in graph.edges} == {
        ("country:china", "port:Veracruz"),
        ("country:china", "port:Manzanillo"),
        ("country:china", "port:Lázaro Cárdenas"),
        ("port:Veracruz", "country:mexico"),
        ("port:Manzanillo", "country:mexico"),
        ("port:Lázaro Cárdenas", "country:mexico"),
    }
    manzanillo = graph.node("port:Manzanillo")
    assert (manzanillo.kind, manzanillo.lat, manzanillo.lon) == ("port", 19.07056, -104.30088)
    china = graph.node("country:china")
    assert (china.kind, china.lat, china.lon) == ("country", 35.0, 105.0)
    edge = graph.edges[0]
    assert edge.commodity == "precursor-chemicals"
    assert edge.actors == ("cjng",)
    assert edge.first_date == date(2020, 10, 1)
    (ev,) = edge.evidence
    assert (ev.source, ev.reliability) == ("InSight Crime", "B")
    assert "Manzanillo" in ev.sentence
    (route,) = graph.routes
    assert route.vias == ("port:Veracruz", "port:Manzanillo", "port:Lázaro Cárdenas")


def test_route_map_keeps_a_groups_routes_with_its_factions_and_crossings(
    store: Store, vocab: Vocabulary
) -> None:
    cjng = route_map(store, vocab, "CJNG")
    assert {e.commodity for e in cjng.edges} == {"precursor-chemicals", "methamphetamine"}
    sinaloa = route_map(store, vocab, "Cártel de Sinaloa")  # Los Chapitos are a faction
    assert {(e.source, e.target) for e in sinaloa.edges} == {
        ("25", "crossing:Nogales"),
        ("crossing:Nogales", "country:united-states"),
    }
    assert sinaloa.node("25").precision == "state interior point"
    assert sinaloa.node("crossing:Nogales").kind == "crossing"
    with pytest.raises(NotFoundError):
        route_map(store, vocab, "Cártel Inexistente")


def test_flow_graph_ignores_negated_flows(store: Store, vocab: Vocabulary) -> None:
    graph = flow_graph(store, vocab, commodity="fentanyl")
    assert all("Manzanillo" not in e.source for e in graph.edges)
    assert len(graph.routes) == 1


def test_flows_geojson_draws_linestrings_between_node_coordinates(
    store: Store, vocab: Vocabulary
) -> None:
    data = flows_geojson(route_map(store, vocab, "sinaloa"))
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    assert len(lines) == 2
    assert len(points) == 3
    to_us = next(f for f in lines if f["properties"]["to"] == "United States")
    nogales = next(c for c in vocab.places.crossings if c.name == "Nogales")
    assert to_us["geometry"]["coordinates"] == [[nogales.lon, nogales.lat], [-97.0, 38.0]]
    assert to_us["properties"]["commodity"] == "fentanyl"
    assert to_us["properties"]["actors"] == ["chapitos"]


def test_every_country_in_the_vocabulary_has_a_drawing_point(vocab: Vocabulary) -> None:
    points = country_points()
    missing = [c.name for c in vocab.places.countries if c.name not in points]
    assert missing == []


def test_flows_and_dyads_commands_print_geojson_and_csv(store: Store, db_url: str) -> None:
    result = run_cli(
        ["flows", "--group", "sinaloa", "--format", "geojson", "--database", db_url],
        flows=flows_command,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(f["geometry"]["type"] for f in data["features"]) == [
        "LineString",
        "LineString",
        "Point",
        "Point",
        "Point",
    ]
    table = run_cli(
        ["flows", "--commodity", "metanfetamina", "--format", "csv", "--database", db_url],
        flows=flows_command,
    )
    (row,) = csv.DictReader(io.StringIO(table.stdout))
    assert (row["from"], row["to"], row["commodity"]) == (
        "Mexico",
        "United States",
        "methamphetamine",
    )
    dyads = run_cli(["dyads", "--format", "csv", "--database", db_url], dyads=dyads_command)
    assert dyads.exit_code == 0, dyads.output
    assert dyads.stdout.startswith("relation,a,b,")
