"""Cross-source deduplication on a real store: merges, refusals, near-duplicates, splits."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from cartel_atlas.analyze.incidents import (
    Incident,
    build_incidents,
    filter_incidents,
    get_incident,
    refresh_incidents,
    split_incident,
)
from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import Store, fact_id
from cartel_atlas.store import schema as t
from cartel_atlas.vocab import get_vocabulary

_serial = itertools.count(1)


def add(
    store: Store,
    publisher: str = "Diario del Norte",
    *,
    event_type: str = "homicide",
    date_: str | None = "2024-03-03",
    place: Any = "Sinaloa/Culiacán",
    actor: Any = None,
    killed: int | None = None,
    wounded: int | None = None,
    polarity: str = "asserted",
    source: str | None = None,
    text: str | None = None,
    extra: list[dict[str, Any]] | None = None,
) -> str:
    """Store one report (its own document) with one event fact; returns the fact id."""
    n = next(_serial)
    text = text or f"Reporte {n} de {publisher}: un hecho violento ocurrió según la nota."
    doc = Document(
        text=text,
        title=f"Nota {n}",
        url=f"https://example.org/notas/{n}",
        publisher=publisher,
        published=date(2024, 3, 5),
        language="es",
        name=f"nota-{n}",
    )
    fields_list = [
        {
            "event_type": event_type,
            "date": date_,
            "place": place,
            "actor": actor,
            "killed": killed,
            "wounded": wounded,
            "victims": None,
            "polarity": polarity,
        },
        *(extra or []),
    ]
    ev = Evidence(doc.id, 0, len(text), text, "test", "1")
    facts = [
        Fact(
            kind="event", fields=f, evidence=ev, polarity=f.get("polarity", polarity), source=source
        )
        for f in fields_list
    ]
    # two facts on one span need distinct ids: shift the second's span by one character
    facts = [
        f
        if i == 0
        else Fact(
            kind=f.kind,
            fields=f.fields,
            evidence=Evidence(doc.id, 0, len(text) - i, text[: len(text) - i], "test", "1"),
            polarity=f.polarity,
            source=f.source,
        )
        for i, f in enumerate(facts)
    ]
    assert store.add_document(doc, [Sentence(doc.id, 0, 0, len(text), text)], [], facts)
    return fact_id(facts[0])


@pytest.fixture
def lite(sqlite_url: str) -> Iterator[Store]:
    """SQLite only: the field-by-field rules do not depend on the backend."""
    with Store.open(sqlite_url) as s:
        yield s


def incidents_of(store: Store) -> list[Incident]:
    return build_incidents(store, get_vocabulary())


def merged(store: Store, a: str, b: str) -> bool:
    return any({a, b} <= set(i.fact_ids) for i in incidents_of(store))


# ------------------------------------------------------------------------------ merging


def test_one_ambush_reported_by_three_outlets_is_one_incident_listing_every_source(
    store: Store,
) -> None:
    a = add(
        store,
        "Reuters",
        event_type="attack_on_security_forces",
        date_="2019-10-14",
        place="Michoacán/Aguililla",
        actor="Jalisco New Generation Cartel",
        killed=13,
    )
    b = add(
        store,
        "El Universal",
        event_type="attack_on_security_forces",
        date_="2019-10-14",
        place="Michoacán",
        actor="CJNG",
        killed=14,
    )
    c = add(
        store,
        "Animal Político",
        event_type="armed_clash",
        date_="2019-10-15",
        place="Michoacán/Aguililla",
        actor=None,
        killed=13,
        wounded=9,
    )
    incidents = refresh_incidents(store)
    assert len(incidents) == 1
    inc = incidents[0]
    assert set(inc.fact_ids) == {a, b, c}
    assert inc.place == "Michoacán/Aguililla"
    assert inc.state_code == "16"
    assert inc.event_type == "attack_on_security_forces"
    assert (inc.killed_min, inc.killed_max) == (13, 14)
    assert set(inc.sources) == {"Reuters", "El Universal", "Animal Político"}
    assert inc.independent_sources == 3
    assert inc.grade is not None
    assert inc.grade.code == "B1"


def test_merge_reason_names_each_agreeing_field_with_its_values(store: Store) -> None:
    add(store, "Reuters", date_="2024-03-03", killed=2, actor="Sinaloa Cartel")
    b = add(store, "AP", date_="2024-03-04", place="Sinaloa", killed=2, actor="Los Chapitos")
    refresh_incidents(store)
    with store.session() as s:
        reason = s.execute(
            sa.select(t.incident_facts.c.merge_reason).where(t.incident_facts.c.fact_id == b)
        ).scalar_one()
    assert reason["type"] == {"agree": "same", "values": ["homicide", "homicide"]}
    assert reason["place"]["agree"] == "same_state_one_side_state_only"
    assert reason["place"]["values"] == [["Sinaloa"], ["Sinaloa/Culiacán"]]
    assert reason["date"]["agree"] == "within_2_days"
    assert reason["date"]["gap_days"] == 1
    assert reason["actor"]["agree"] == "parent_and_faction"
    assert reason["killed"] == {"agree": "same", "values": [2, 2], "specific": 2}


@pytest.mark.parametrize(
    ("type_a", "type_b", "same"),
    [
        ("massacre", "homicide", True),
        ("armed_clash", "attack_on_security_forces", True),
        ("kidnapping", "disappearance", True),
        ("homicide", "drug_seizure", False),
        ("arrest", "arms_seizure", False),
        ("massacre", "armed_clash", False),
    ],
)
def test_event_types_merge_only_when_compatible(
    lite: Store, type_a: str, type_b: str, same: bool
) -> None:
    a = add(lite, "Reuters", event_type=type_a, killed=6)
    b = add(lite, "AP", event_type=type_b, killed=6)
    assert merged(lite, a, b) is same


@pytest.mark.parametrize(
    ("place_a", "place_b", "same"),
    [
        ("Sinaloa/Culiacán", "Sinaloa/Culiacán", True),
        ("Sinaloa/Culiacán", "Sinaloa", True),
        ("Sinaloa", "Sinaloa/Navolato", True),
        ("Sinaloa/Culiacán", "Sinaloa/Navolato", False),
        ("Sinaloa/Culiacán", "Sonora/Cajeme", False),
        ("Sinaloa", "Sonora", False),
        (["Sinaloa/Culiacán", "Sinaloa/Navolato"], "Sinaloa/Navolato", True),
    ],
)
def test_places_merge_at_the_same_municipality_or_when_one_side_gives_only_the_state(
    lite: Store, place_a: Any, place_b: Any, same: bool
) -> None:
    a = add(lite, "Reuters", place=place_a, killed=3)
    b = add(lite, "AP", place=place_b, killed=3)
    assert merged(lite, a, b) is same


@pytest.mark.parametrize(
    ("date_a", "date_b", "killed_b", "same"),
    [
        ("2024-03-03", "2024-03-03", 3, True),
        ("2024-03-03", "2024-03-05", 3, True),
        ("2024-03-03", "2024-03-06", 3, False),
        ("2024-03-01/2024-03-02", "2024-03-04", 3, True),
        ("2024-03-03", "2024-03", 3, True),  # month precision, the toll agrees
        ("2024-03-03", "2024-03", None, False),  # month precision and nothing specific
        ("2024-03-03", "2024-04", 3, False),
        ("2024-03-03", "2024", 3, True),
        ("2024-03-03", None, 3, False),  # unknown date needs two specific agreements
    ],
)
def test_dates_merge_within_two_days_and_vague_dates_need_specific_support(
    lite: Store, date_a: str, date_b: str | None, killed_b: int | None, same: bool
) -> None:
    a = add(lite, "Reuters", date_=date_a, place="Sinaloa/Culiacán", killed=3)
    b = add(lite, "AP", date_=date_b, place="Sinaloa", killed=killed_b)
    assert merged(lite, a, b) is same


def test_unknown_date_merges_when_municipality_group_and_toll_all_agree(lite: Store) -> None:
    a = add(lite, "Reuters", actor="Sinaloa Cartel", killed=4)
    b = add(lite, "AP", date_=None, actor="Sinaloa Cartel", killed=4)
    assert merged(lite, a, b)


@pytest.mark.parametrize(
    ("actor_a", "actor_b", "same"),
    [
        ("Sinaloa Cartel", "Sinaloa Cartel", True),
        ("Sinaloa Cartel", None, True),
        ("Sinaloa Cartel", "Los Chapitos", True),
        ("La Mayiza", "Sinaloa Cartel", True),
        ("Jalisco New Generation Cartel", "Sinaloa Cartel", False),
        ("Los Chapitos", "La Mayiza", False),
    ],
)
def test_actors_merge_when_equal_unknown_or_parent_and_faction(
    lite: Store, actor_a: str | None, actor_b: str | None, same: bool
) -> None:
    a = add(lite, "Reuters", actor=actor_a, killed=2)
    b = add(lite, "AP", actor=actor_b, killed=2)
    assert merged(lite, a, b) is same


@pytest.mark.parametrize(
    ("killed_a", "killed_b", "same"),
    [
        (26, 27, True),
        (13, 14, True),
        (10, 13, True),
        (3, 30, False),
        (1, 3, False),
        (20, 30, False),
    ],
)
def test_casualty_counts_merge_within_tolerance(
    lite: Store, killed_a: int, killed_b: int, same: bool
) -> None:
    a = add(lite, "Reuters", event_type="massacre", killed=killed_a)
    b = add(lite, "AP", event_type="massacre", killed=killed_b)
    assert merged(lite, a, b) is same


def test_casualty_range_is_kept_with_the_conservative_figure_first(store: Store) -> None:
    add(store, "Reuters", event_type="massacre", place="Guanajuato/Irapuato", killed=26, wounded=7)
    add(store, "AP", event_type="massacre", place="Guanajuato/Irapuato", killed=27, wounded=6)
    add(store, "EFE", event_type="homicide", place="Guanajuato", killed=24)
    [inc] = refresh_incidents(store)
    assert (inc.killed_min, inc.killed_max) == (24, 27)
    assert (inc.wounded_min, inc.wounded_max) == (6, 7)
    assert inc.event_type == "massacre"
    with store.session() as s:
        row = s.execute(sa.select(t.incidents)).one()
    assert (row.killed_min, row.killed_max, row.wounded_min, row.wounded_max) == (24, 27, 6, 7)


# ------------------------------------------------------------------- what must not merge


def test_two_different_killings_in_one_document_stay_apart(lite: Store) -> None:
    other = {
        "event_type": "homicide",
        "date": "2024-03-03",
        "place": "Sinaloa/Culiacán",
        "actor": None,
        "killed": 2,
        "wounded": None,
        "polarity": "asserted",
    }
    a = add(lite, "Reuters", killed=1, extra=[other])
    [inc_a, inc_b] = sorted(incidents_of(lite), key=lambda i: i.killed_min or 0)
    assert a in inc_a.fact_ids
    assert len(inc_a.fact_ids) == 1
    assert len(inc_b.fact_ids) == 1


def test_a_document_repeating_the_same_fact_gives_one_incident(lite: Store) -> None:
    same = {
        "event_type": "homicide",
        "date": "2024-03-03",
        "place": "Sinaloa/Culiacán",
        "actor": None,
        "killed": 2,
        "wounded": None,
        "polarity": "asserted",
    }
    add(lite, "Reuters", killed=2, extra=[same])
    [inc] = incidents_of(lite)
    assert len(inc.fact_ids) == 2
    assert inc.independent_sources == 1


def test_gdelt_chain_of_pairwise_similar_reports_does_not_collapse(lite: Store) -> None:
    ids = [
        add(
            lite,
            f"Diario {n}",
            date_=(date(2024, 5, 1).replace(day=1 + 2 * n)).isoformat(),
            place="Guerrero/Acapulco de Juárez",
            killed=1,
        )
        for n in range(12)
    ]
    incidents = incidents_of(lite)
    assert sorted(f for i in incidents for f in i.fact_ids) == sorted(ids)
    assert len(incidents) >= 6
    for inc in incidents:
        dates = sorted(r.date for r in inc.reports if r.date)
        assert (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days <= 2


def test_chain_of_creeping_death_tolls_does_not_collapse(lite: Store) -> None:
    for n, killed in enumerate(range(10, 31, 2)):
        add(lite, f"Diario {n}", event_type="massacre", place="Guanajuato/Celaya", killed=killed)
    for inc in incidents_of(lite):
        assert inc.killed_min is not None
        assert inc.killed_max is not None
        assert inc.killed_max - inc.killed_min <= max(2, inc.killed_max // 4)


def test_vague_report_cannot_bridge_two_distinct_incidents(lite: Store) -> None:
    a = add(lite, "Reuters", date_="2024-03-01", killed=2)
    b = add(lite, "AP", date_="2024-03-09", killed=2)
    add(lite, "EFE", date_="2024-03", killed=2)
    assert not merged(lite, a, b)


# ------------------------------------------------------------------ near-duplicates


def test_near_duplicate_joins_its_original_but_is_not_independent(store: Store) -> None:
    a = add(store, "Reuters", killed=3, actor="Sinaloa Cartel")
    b = add(store, "Infobae", killed=3, actor="Sinaloa Cartel")
    doc_a = next(f.doc_id for f in store.facts(kind="event") if f.id == a)
    doc_b = next(f.doc_id for f in store.facts(kind="event") if f.id == b)
    store.link_duplicate(doc_b, doc_a)
    [inc] = refresh_incidents(store)
    assert set(inc.fact_ids) == {a, b}
    assert inc.independent_sources == 1
    assert inc.grade is not None
    assert inc.grade.credibility == 3
    copy = next(r for r in inc.reports if r.fact_id == b)
    assert copy.near_duplicate_of == doc_a


def test_near_duplicate_prefers_the_incident_of_its_original(store: Store) -> None:
    a = add(store, "Reuters", killed=2)
    c = add(store, "AP", killed=2)
    [both] = refresh_incidents(store)
    split_incident(store, both.id)  # analyst: these are two different killings
    d = add(store, "Infobae", killed=2)
    facts = {f.id: f for f in store.facts(kind="event")}
    store.link_duplicate(facts[d].doc_id, facts[c].doc_id)
    groups = sorted(sorted(i.fact_ids) for i in refresh_incidents(store))
    assert groups == sorted([[a], sorted([c, d])])


def test_same_originator_quoted_by_two_outlets_is_one_source(lite: Store) -> None:
    add(lite, "Reuters", killed=3, source="Fiscalía General de la República")
    add(lite, "AP", killed=3, source="FGR")
    [inc] = incidents_of(lite)
    assert inc.independent_sources == 1


# ----------------------------------------------------------------------- denials


def test_negated_report_is_attached_as_a_denial_not_a_member(lite: Store) -> None:
    a = add(lite, "Reuters", event_type="arrest", actor="Sinaloa Cartel", killed=None)
    n = add(lite, "AP", event_type="arrest", actor="Sinaloa Cartel", polarity="negated")
    [inc] = incidents_of(lite)
    assert inc.fact_ids == (a,)
    assert [d.fact_id for d in inc.denials] == [n]
    assert inc.grade is not None
    assert inc.grade.credibility == 5


# ------------------------------------------------------------------------ splitting


def test_split_is_reversible_and_survives_a_rerun(store: Store) -> None:
    a = add(store, "Reuters", killed=2)
    b = add(store, "AP", killed=2)
    [inc] = refresh_incidents(store)
    parts = split_incident(store, inc.id)
    assert sorted(len(p.fact_ids) for p in parts) == [1, 1]
    again = refresh_incidents(store)
    assert not any({a, b} <= set(i.fact_ids) for i in again)
    with store.session() as s:
        row = s.execute(sa.select(t.incidents).where(t.incidents.c.id == inc.id)).one()
        undone = (
            s.execute(
                sa.select(t.incident_facts.c.undone_at).where(
                    t.incident_facts.c.incident_id == inc.id
                )
            )
            .scalars()
            .all()
        )
    assert row.undone_at is not None
    assert len(undone) == 2
    assert all(u is not None for u in undone)
    old = get_incident(store, inc.id)
    assert old.undone_at is not None
    assert set(old.fact_ids) == {a, b}


def test_split_of_one_report_keeps_the_rest_together(store: Store) -> None:
    a = add(store, "Reuters", killed=2)
    b = add(store, "AP", killed=2)
    c = add(store, "EFE", killed=2)
    [inc] = refresh_incidents(store)
    split_incident(store, inc.id, [c])
    groups = sorted(sorted(i.fact_ids) for i in refresh_incidents(store))
    assert groups == sorted([sorted([a, b]), [c]])


def test_refresh_keeps_ids_and_replaces_only_changed_incidents(store: Store) -> None:
    add(store, "Reuters", killed=2)
    first = refresh_incidents(store)
    assert [i.id for i in refresh_incidents(store)] == [i.id for i in first]
    add(store, "AP", killed=2)
    second = refresh_incidents(store)
    assert len(second) == 1
    assert second[0].id != first[0].id
    with store.session() as s:
        ids = s.execute(sa.select(t.incidents.c.id)).scalars().all()
    assert ids == [second[0].id]


# ------------------------------------------------------------------------- filtering


def test_filters_by_type_state_group_and_dates(lite: Store) -> None:
    add(lite, "Reuters", actor="Los Chapitos", killed=2)
    add(lite, "AP", event_type="drug_seizure", place="Sonora/Cajeme", actor="Sinaloa Cartel")
    add(lite, "EFE", date_="2024-06-01", place="Jalisco/Guadalajara", actor="CJNG", killed=1)
    incidents = incidents_of(lite)
    vocab = get_vocabulary()
    assert len(filter_incidents(incidents, vocab, group="sinaloa")) == 2
    assert len(filter_incidents(incidents, vocab, group="Los Chapitos")) == 1
    assert len(filter_incidents(incidents, vocab, state="Sonora")) == 1
    assert len(filter_incidents(incidents, vocab, event_type="homicide")) == 2
    assert len(filter_incidents(incidents, vocab, since=date(2024, 4, 1))) == 1
    assert len(filter_incidents(incidents, vocab, until=date(2024, 4, 1))) == 2


# ------------------------------------------------------------------------- command line


def _cli(*args: str) -> str:
    from typer.testing import CliRunner

    from cartel_atlas.serve.cli.app import app

    result = CliRunner().invoke(app, ["incidents", *args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_lists_incidents_with_grade_and_explains_every_report(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as s:
        add(
            s,
            "Reuters",
            killed=4,
            actor="Los Chapitos",
            text="Cuatro personas fueron asesinadas en Culiacán el 3 de marzo, según Reuters.",
        )
        add(s, "El Universal", killed=5, place="Sinaloa")
    table = _cli("--database", sqlite_url)
    assert "B2" in table
    assert "4-5" in table
    data = json.loads(_cli("--database", sqlite_url, "--format", "json"))
    [inc] = data
    assert inc["grade_code"] == "B2"
    assert {r["publisher"] for r in inc["reports"]} == {"Reuters", "El Universal"}
    explained = _cli("--database", sqlite_url, "--explain", inc["id"])
    assert "Cuatro personas fueron asesinadas en Culiacán" in explained
    assert "https://example.org/notas/" in explained
    assert "same_state_one_side_state_only" in explained
    assert "Reuters" in explained
    geo = json.loads(_cli("--database", sqlite_url, "--format", "geojson"))
    [feature] = geo["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert -108 < lon < -107
    assert 24 < lat < 25.5
    assert feature["properties"]["grade"] == "B2"
    rows = _cli("--database", sqlite_url, "--format", "csv").splitlines()
    assert rows[0].startswith("id,date,type,place")
    assert len(rows) == 2


def test_cli_split_undoes_a_merge_for_good(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as s:
        add(s, "Reuters", killed=2)
        add(s, "AP", killed=2)
    [inc] = json.loads(_cli("--database", sqlite_url, "--format", "json"))
    out = _cli("--database", sqlite_url, "--split", inc["id"])
    assert "into 2 incident(s)" in out
    assert len(json.loads(_cli("--database", sqlite_url, "--format", "json"))) == 2
    again = json.loads(_cli("--database", sqlite_url, "--format", "json", "--explain", inc["id"]))
    assert again["undone_at"] is not None


def test_cli_filters_and_reports_unknown_state(sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from cartel_atlas.serve.cli.app import app

    with Store.open(sqlite_url) as s:
        add(s, "Reuters", killed=2)
        add(s, "AP", event_type="drug_seizure", place="Sonora/Cajeme")
    data = json.loads(_cli("--database", sqlite_url, "--format", "json", "--state", "Sonora"))
    assert [d["event_type"] for d in data] == ["drug_seizure"]
    data = json.loads(
        _cli(
            "--database",
            sqlite_url,
            "--format",
            "json",
            "--type",
            "homicide",
            "--since",
            "2024-03-01",
            "--until",
            "2024-03-31",
        )
    )
    assert len(data) == 1
    bad = CliRunner().invoke(app, ["incidents", "--database", sqlite_url, "--state", "Atlantis"])
    assert bad.exit_code != 0
