"""People with stated roles."""

from __future__ import annotations

from cartel_atlas.extract.people import find_people


def test_people_title_before_the_name() -> None:
    people = find_people("said Secretary of the Treasury Scott Bessent on Monday.", [])
    assert [(p.name, p.role) for p in people] == [("Scott Bessent", "Secretary of the Treasury")]


def test_people_apposition_after_the_name() -> None:
    people = find_people("Nemesio Oseguera, the leader of the cartel, escaped.", [])
    assert [(p.name, p.role) for p in people] == [("Nemesio Oseguera", "leader")]


def test_people_spanish_title() -> None:
    people = find_people("El alcalde Juan Pérez López fue atacado.", [])
    assert [(p.name, p.role) for p in people] == [("Juan Pérez López", "alcalde")]


def test_people_names_without_a_role_are_ignored() -> None:
    assert find_people("Juan Pérez López viajó a Culiacán.", []) == []
