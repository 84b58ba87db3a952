"""The offline atlas map file: self-contained, every state drawn, evidence in the hovers."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
from presence_facts import claim, event, report

from cartel_atlas.analyze.presence import presence_map
from cartel_atlas.serve.reports.map import (
    build_figure,
    default_map_group,
    incident_points,
    write_group_map,
)
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary

ON = date(2024, 6, 30)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        report(
            s,
            [
                claim("cjng", "Jalisco", "2024-05-01", source="InSight Crime"),
                claim("cjng", "Guanajuato", "2024-05-01", source="InSight Crime"),
                claim("csrl", "Guanajuato", "2024-05-01", source="InSight Crime"),
                claim("cjng", "Colima", "2024-05-01", polarity="negated", source="SSPC"),
            ],
        )
        report(
            s,
            [
                event(
                    "armed_clash",
                    "Guanajuato/Celaya",
                    "2024-06-02",
                    "Jalisco New Generation Cartel",
                    killed=4,
                )
            ],
            publisher="Reuters",
        )
        report(
            s, [event("homicide", "Sonora", "2024-03-02", None, killed=1)], publisher="El Universal"
        )
        report(
            s, [event("homicide", "Sonora", "2020-03-02", None, killed=1)], publisher="El Universal"
        )  # too old for the 12-month window
        yield s


def _locations(html: str) -> list[str]:
    found: list[str] = []
    for m in re.finditer(r'"locations":\[(.*?)\]', html):
        found.extend(json.loads(f"[{m.group(1)}]"))
    return found


def test_map_file_is_self_contained_with_the_stub_and_all_32_states(
    store: Store, vocab: Vocabulary, tmp_path: Path
) -> None:
    path = write_group_map(store, vocab, "cjng", ON, "state", tmp_path / "out" / "atlas.html")
    html = path.read_text(encoding="utf-8")

    assert not re.search(r"<script[^>]+src=[\"']?https?:", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert '"topojsonURL"' not in html
    stub = html.index("window.PlotlyGeoAssets")
    assert "world_110m" in html[stub : stub + 200]
    assert stub < html.index("plotly.js v")  # defined before plotly.js runs
    codes = _locations(html)
    assert sorted(codes) == sorted(vocab.places.states)
    assert "Jalisco New Generation Cartel" in html
    assert "2024-06-30" in html
    assert "INEGI" in html


def test_map_statuses_hovers_and_incidents(store: Store, vocab: Vocabulary) -> None:
    pmap = presence_map(store, vocab, "cjng", as_of=ON)
    fig = build_figure(store, vocab, pmap)
    by_name = {t.name: t for t in fig.data}
    contested = by_name["Contested (a rival is present too, or a source says so)"]
    present = by_name["Present"]
    assert list(contested.locations) == ["11"]
    assert list(present.locations) == ["14"]
    hover = contested.hovertext[0]
    assert "Santa Rosa de Lima Cartel" in hover
    assert "Confidence" in hover
    assert "InSight Crime (B)" in hover
    nothing = by_name["No information"]
    colima = list(nothing.locations).index("06")
    assert "Against" in nothing.hovertext[colima]
    assert "SSPC" in nothing.hovertext[colima]

    ours = by_name["Incidents attributed to Jalisco New Generation Cartel"]
    assert "armed clash" in ours.hovertext[0]
    assert "Killed: 4" in ours.hovertext[0]
    assert "Reuters" in ours.hovertext[0]
    others = by_name["Incidents (other or unnamed actors)"]
    assert len(others.lat) == 1  # the 2020 homicide is outside the window
    assert "state point" in others.hovertext[0]
    assert len(by_name["Seaports"].lat) == len(vocab.places.ports)
    assert len(by_name["US border crossings"].lat) == len(vocab.places.crossings)


def test_map_leaves_out_incidents_of_near_duplicate_documents(
    store: Store, vocab: Vocabulary
) -> None:
    text = "Un ataque armado en Celaya dejó cuatro muertos, informó el reporte de prueba {}."
    a, _ = report(
        store,
        [event("homicide", "Guanajuato/Celaya", "2024-06-05", None, 4)],
        text=text.format("uno"),
    )
    b, _ = report(
        store,
        [event("homicide", "Guanajuato/Celaya", "2024-06-05", None, 4)],
        text=text.format("dos"),
    )
    before = len(incident_points(store, vocab, "cjng", ON))
    store.link_duplicate(b, a)
    assert len(incident_points(store, vocab, "cjng", ON)) == before - 1


def test_map_municipality_level_and_record_time_title(
    store: Store, vocab: Vocabulary, tmp_path: Path
) -> None:
    report(store, [claim("cjng", "Jalisco/Zapopan", "2024-05-01", source="InSight Crime")])
    path = write_group_map(store, vocab, "cjng", ON, "municipality", tmp_path / "m.html")
    html = path.read_text(encoding="utf-8")
    codes = _locations(html)
    assert "14120" in codes  # Zapopan
    assert len(codes) == len(set(codes)) >= 2400
    assert "Municipality not reported; present in its state" in html
    pmap = presence_map(store, vocab, "cjng", as_of=ON, known_on=date(2030, 1, 1))
    title = build_figure(store, vocab, pmap, incidents=[]).layout.title.text
    assert "as recorded on 2030-01-01" in title


def test_map_default_group_is_the_most_widespread(store: Store, vocab: Vocabulary) -> None:
    assert default_map_group(store, vocab, as_of=ON) == "cjng"
