"""Offset-keeping folding and phrase matching at word boundaries."""

from __future__ import annotations

from cartel_atlas.extract.folding import fold_text
from cartel_atlas.extract.phrases import PhraseMatcher, longest


def test_folding_maps_matches_back_to_original_offsets() -> None:
    text = "Según  el  CÁRTEL de   Sinaloa, hoy."
    ft = fold_text(text)
    assert ft.folded == "segun el cartel de sinaloa hoy "
    hits = PhraseMatcher([("Cártel de Sinaloa", "g")]).find(ft)
    assert [text[h.start : h.end] for h in hits] == ["CÁRTEL de   Sinaloa"]


def test_phrases_respect_word_boundaries() -> None:
    ft = fold_text("Sinaloense no es Sinaloa.")
    hits = PhraseMatcher([("Sinaloa", 1)]).find(ft)
    assert [(h.start, h.end) for h in hits] == [(17, 24)]


def test_phrases_exact_case_forms_only_match_as_written() -> None:
    m = PhraseMatcher([("US", "country"), ("Sin.", "state")], exact=["US", "Sin."])
    assert [h.payloads for h in m.find(fold_text("let us go to the US"))] == [("country",)]
    assert m.find(fold_text("sin dinero")) == []
    assert len(m.find(fold_text("Culiacán, Sin.,"))) == 1


def test_phrases_longest_keeps_the_longest_overlapping_match() -> None:
    m = PhraseMatcher([("Juárez", "muni"), ("Ciudad Juárez", "city"), ("Benito Juárez", "b")])
    hits = longest(m.find(fold_text("De Ciudad Juárez a Benito Juárez")))
    assert [h.payloads[0] for h in hits] == ["city", "b"]
