"""``cartel-atlas presence``, ``alerts`` and ``map`` on a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
from presence_facts import claim, report

from cartel_atlas.serve.cli.app import app
from cartel_atlas.store import Store

runner = CliRunner()


@pytest.fixture
def url(sqlite_url: str) -> Iterator[str]:
    with Store.open(sqlite_url) as s:
        report(
            s,
            [claim("cjng", "Jalisco", "2024-01-10", source="InSight Crime")],
            recorded=date(2024, 1, 12),
        )
        report(
            s,
            [
                claim("cjng", "Zacatecas", "2024-04-10", source="DEA"),
                {
                    "_kind": "presence_count",
                    "group": "CJNG",
                    "count": 27,
                    "of": 32,
                    "as_of": "2024-04-10",
                    "source": "InSight Crime",
                },
            ],
            recorded=date(2024, 4, 12),
        )
        report(
            s,
            [
                claim(
                    "cjng",
                    "Zacatecas",
                    "2024-05-10",
                    polarity="negated",
                    source="SSPC",
                )
            ],
            recorded=date(2024, 5, 12),
        )
    return sqlite_url


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_presence_json_shows_both_sides_of_a_disagreement(url: str) -> None:
    out = _run(
        "presence",
        "--group",
        "cjng",
        "--as-of",
        "2024-05-31",
        "--format",
        "json",
        "--database",
        url,
    )
    data = json.loads(out)
    cells = {c["place"]: c for c in data["cells"]}
    assert cells["Jalisco"]["status"] == "present"
    zac = cells["Zacatecas"]
    assert [e["source"] for e in zac["supporting"]] == ["DEA"]
    assert [e["source"] for e in zac["contradicting"]] == ["SSPC"]


def test_cli_presence_known_on_reproduces_an_earlier_briefing(url: str) -> None:
    out = _run(
        "presence",
        "-g",
        "cjng",
        "--as-of",
        "2024-05-31",
        "--known-on",
        "2024-04-30",
        "-f",
        "csv",
        "--database",
        url,
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["place"]: r["status"] for r in rows} == {
        "Jalisco": "present",
        "Zacatecas": "present",
    }
    assert rows[0]["against"] == ""


def test_cli_presence_geojson_counts_and_series(url: str) -> None:
    geo = json.loads(
        _run("presence", "-g", "cjng", "--as-of", "2024-04-30", "-f", "geojson", "--database", url)
    )
    assert {f["properties"]["place"] for f in geo["features"]} == {"Jalisco", "Zacatecas"}
    assert geo["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    counts = _run(
        "presence",
        "-g",
        "cjng",
        "--counts",
        "--as-of",
        "2024-04-30",
        "-f",
        "json",
        "--database",
        url,
    )
    rep = json.loads(counts)
    assert rep["claimed"][0]["count"] == 27
    assert rep["claimed"][0]["source"] == "InSight Crime"
    assert rep["computed"] == 2
    series = json.loads(
        _run(
            "presence",
            "-g",
            "cjng",
            "--series",
            "--as-of",
            "2024-05",
            "-f",
            "json",
            "--database",
            url,
        )
    )
    assert [s["label"] for s in series] == ["1 of 32", "1 of 32", "1 of 32", "2 of 32", "1 of 32"]


def test_cli_alerts_detects_once_and_filters_by_date(url: str) -> None:
    first = json.loads(_run("alerts", "-f", "json", "--database", url))
    kinds = [(a["kind"], a["payload"]["place"], a["payload"]["month"]) for a in first]
    assert ("presence_expansion", "Zacatecas", "2024-04") in kinds
    assert ("presence_retreat", "Zacatecas", "2024-05") in kinds
    again = json.loads(_run("alerts", "-f", "json", "--database", url))
    assert [a["id"] for a in again] == [a["id"] for a in first]
    later = json.loads(_run("alerts", "--since", "2024-05-01", "-f", "json", "--database", url))
    assert later
    assert all(a["payload"]["month"] >= "2024-05" for a in later)
    assert len(later) < len(first)
    listed = _run("alerts", "--no-refresh", "-f", "csv", "--database", url)
    assert "Zacatecas" in listed


def test_cli_map_writes_the_html_file(url: str, tmp_path: Path) -> None:
    out = tmp_path / "atlas.html"
    text = _run(
        "map", "--group", "cjng", "--as-of", "2024-04-30", "--output", str(out), "--database", url
    )
    assert "wrote" in text
    assert "window.PlotlyGeoAssets" in out.read_text(encoding="utf-8")


def test_cli_presence_bad_date_and_group_are_one_line_errors(url: str) -> None:
    bad = runner.invoke(app, ["presence", "-g", "cjng", "--as-of", "2024-13-40", "--database", url])
    assert bad.exit_code != 0
    unknown = runner.invoke(app, ["presence", "-g", "no such cartel", "--database", url])
    assert unknown.exit_code != 0
