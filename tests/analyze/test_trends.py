"""Trends: monthly incidents and deaths, counted once, with the +25 % change rule."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from crafted_facts import add_report, event, run_cli

from cartel_atlas.analyze.counting import counted_events
from cartel_atlas.analyze.trends import ChangeRule, trends
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.serve.cli.trends_cmd import trends_command
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary


def _homicides(store: Store, month: str, n: int, place: str, killed: int = 1) -> None:
    """``n`` separate killings: four days apart, so no deduplication rule can merge them."""
    for i in range(n):
        day = 1 + 4 * i
        add_report(
            store,
            f"Asesinan a {killed} personas en {place} el día {day}",
            [event("homicide", f"{month}-{day:02d}", place, killed=killed)],
        )


def _point(report, key: str, period: str):  # type: ignore[no-untyped-def]
    (series,) = [s for s in report.series if s.key == key]
    (point,) = [p for p in series.points if p.period == period]
    return point


def test_trends_flag_a_25_percent_rise_but_not_a_small_number_jump(
    store: Store, vocab: Vocabulary
) -> None:
    _homicides(store, "2024-02", 4, "Guerrero/Acapulco de Juárez")
    _homicides(store, "2024-03", 6, "Guerrero/Acapulco de Juárez")
    _homicides(store, "2024-02", 1, "Sinaloa/Culiacán")
    _homicides(store, "2024-03", 2, "Sinaloa/Culiacán")

    report = trends(store, vocab, by="place", months=3, end="2024-03")

    assert report.periods == ("2024-01", "2024-02", "2024-03")
    guerrero = _point(report, "12", "2024-03")
    assert (guerrero.incidents, guerrero.previous_incidents) == (6, 4)
    assert guerrero.change_vs_previous == pytest.approx(0.5)
    assert "incidents_up_vs_previous" in guerrero.flags
    sinaloa = _point(report, "25", "2024-03")
    assert sinaloa.change_vs_previous == pytest.approx(1.0)  # 1 -> 2 is +100 % ...
    assert sinaloa.flags == ()  # ... but below the minimum count, so no alert
    # a rule with a lower floor would flag it: the floor is what keeps it quiet
    rule = ChangeRule(min_incidents=2)
    low = trends(store, vocab, by="place", months=1, end="2024-03", rule=rule)
    assert "incidents_up_vs_previous" in _point(low, "25", "2024-03").flags


def test_trends_compare_with_the_same_month_a_year_earlier(store: Store, vocab: Vocabulary) -> None:
    _homicides(store, "2023-03", 4, "Michoacán/Uruapan", killed=3)
    _homicides(store, "2024-02", 6, "Michoacán/Uruapan", killed=3)
    _homicides(store, "2024-03", 6, "Michoacán/Uruapan", killed=3)

    report = trends(store, vocab, by="type", months=1, end="2024-03")

    point = _point(report, "homicide", "2024-03")
    assert (point.incidents, point.year_ago_incidents, point.previous_incidents) == (6, 4, 6)
    assert point.killed == 18
    assert point.year_ago_killed == 12
    assert point.change_vs_year_ago == pytest.approx(0.5)
    assert point.change_vs_previous == pytest.approx(0.0)
    assert set(point.flags) == {"incidents_up_vs_year_ago", "killed_up_vs_year_ago"}


def test_trends_count_a_near_duplicate_report_once_and_ignore_negated_events(
    store: Store, vocab: Vocabulary
) -> None:
    original = add_report(
        store,
        "Enfrentamiento en Culiacán deja cinco muertos",
        [event("armed_clash", "2024-05-10", "Sinaloa/Culiacán", actor="Los Chapitos", killed=5)],
    )
    copy = add_report(
        store,
        "Enfrentamiento en Culiacán deja cinco muertos (copia sindicada)",
        [event("armed_clash", "2024-05-10", "Sinaloa/Culiacán", actor="Los Chapitos", killed=5)],
    )
    store.link_duplicate(copy.doc_id, original.doc_id)
    add_report(
        store,
        "La fiscalía negó que hubiera un enfrentamiento en Navolato",
        [event("armed_clash", "2024-05-11", "Sinaloa/Navolato", polarity="negated")],
    )

    events = counted_events(store, vocab, use_incidents=False)
    assert [e.fact_ids for e in events] == [tuple(original.fact_ids)]
    assert events[0].groups == ("chapitos",)
    assert events[0].municipality_code == "25006"

    by_group = trends(store, vocab, by="group", group="sinaloa", months=1, end="2024-05")
    (series,) = by_group.series  # Los Chapitos count towards the Sinaloa Cartel filter
    assert (series.key, series.total_incidents, series.total_killed) == ("chapitos", 1, 5)
    assert set(original.fact_ids) <= set(series.points[0].fact_ids)


def test_trends_by_place_inside_a_state_break_down_by_municipality(
    store: Store, vocab: Vocabulary
) -> None:
    _homicides(store, "2024-04", 2, "Guanajuato/Celaya")
    add_report(  # state-level only, and far from the Celaya dates so it is its own event
        store,
        "Asesinan a un hombre en Guanajuato",
        [event("homicide", "2024-04-28", "Guanajuato", killed=1)],
    )
    _homicides(store, "2024-04", 3, "Jalisco/Zapopan")

    report = trends(store, vocab, by="place", state="Guanajuato", months=1, end="2024-04")

    assert {s.label: s.total_incidents for s in report.series} == {
        "Guanajuato/Celaya": 2,
        "Guanajuato (state level)": 1,
    }


def test_trends_refuse_unknown_breakdowns_states_and_groups(
    store: Store, vocab: Vocabulary
) -> None:
    with pytest.raises(AnalyzeError):
        trends(store, vocab, by="weekday")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        trends(store, vocab, state="Atlantis")
    with pytest.raises(NotFoundError):
        trends(store, vocab, group="Cártel Imaginario")
    with pytest.raises(NotFoundError):
        trends(store, vocab, event_types=["piracy"])


def test_trends_command_prints_each_month_with_its_flags_as_csv(
    store: Store, vocab: Vocabulary, db_url: str
) -> None:
    _homicides(store, "2024-02", 4, "Guerrero/Acapulco de Juárez")
    _homicides(store, "2024-03", 6, "Guerrero/Acapulco de Juárez")
    args = ["trends", "--by", "place", "--months", "2", "--end", "2024-03", "--database", db_url]

    result = run_cli([*args, "--format", "csv"], trends=trends_command)

    assert result.exit_code == 0, result.output
    rows = {(r["series"], r["period"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    march = rows[("Guerrero", "2024-03")]
    assert (march["incidents"], march["change_vs_previous"]) == ("6", "+50%")
    # nothing a year earlier: reaching the floor from zero is flagged too
    assert march["flags"] == "incidents_up_vs_previous; incidents_up_vs_year_ago"
    table = run_cli(args, trends=trends_command)
    assert "2024-03:" in table.stdout  # the alerts column names the month and the rule
    assert "+25%" in table.stdout


def test_trends_known_on_ignores_facts_recorded_later(store: Store, vocab: Vocabulary) -> None:
    add_report(
        store,
        "Asesinan a tres en Culiacán",
        [event("homicide", "2024-02-10", "Sinaloa/Culiacán", killed=3)],
        recorded_at=datetime(2024, 2, 11, tzinfo=UTC),
    )
    add_report(
        store,
        "Asesinan a cuatro en Mazatlán",
        [event("homicide", "2024-02-20", "Sinaloa/Mazatlán", killed=4)],
        recorded_at=datetime(2024, 6, 1, tzinfo=UTC),
    )

    before = trends(
        store, vocab, months=1, end="2024-02", known_on=datetime(2024, 3, 1, tzinfo=UTC)
    )
    now = trends(store, vocab, months=1, end="2024-02")

    assert before.series[0].total_killed == 3
    assert now.series[0].total_killed == 7
