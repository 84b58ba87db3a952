"""The bundled sample corpus stays well-formed, balanced, our own, and deliberately duplicated
only where the README says so."""

from __future__ import annotations

import json
import re
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from cartel_atlas.samples import SAMPLES_DIR, sample_paths

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
REQUIRED_KEYS = {"title", "publisher", "published", "language", "source_url", "licence", "note"}
SYNDICATED_PAIR = (
    "culiacan-chapitos-mayiza-2024-es",
    "culiacan-chapitos-mayiza-2024-es-sindicada",
)
# Same incident, different outlet and language: cross-source deduplication must merge these.
SAME_INCIDENT = [
    ("harfuch-attack-cdmx-2020-en", "harfuch-ataque-cdmx-2020-es"),
    ("arcos-chilpancingo-2024-en", "arcos-chilpancingo-2024-es"),
    ("aguililla-ambush-2019-en", "aguililla-emboscada-2019-es"),
    ("irapuato-rehab-july-2020-en", "irapuato-anexo-julio-2020-es"),
    ("bavispe-lebaron-2019-en", "bavispe-lebaron-2019-es"),
    ("ovidio-guzman-capture-2023-en", "ovidio-guzman-captura-2023-es"),
    ("transfer-29-prisoners-us-2025-en", "traslado-29-reos-eu-2025-es"),
    ("fto-designation-cartels-2025-en", "designacion-fto-carteles-2025-es"),
    ("los-reyes-landmine-soldiers-2025-en", "mina-los-reyes-militares-2025-es"),
]
WORD = re.compile(r"\w+", re.UNICODE)


def _slug(path: Path) -> str:
    return path.name.removesuffix(".txt")


def _meta(path: Path) -> dict[str, object]:
    return json.loads(path.with_name(_slug(path) + ".meta.json").read_text(encoding="utf-8"))


def _body(path: Path) -> str:
    """The text without its title line, which syndicated copies change."""
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _after_dateline(path: Path) -> str:
    return _body(path).split("—", 1)[1]


def test_sample_paths_lists_at_least_36_reports_each_with_a_sidecar() -> None:
    paths = sample_paths()
    assert len(paths) >= 36
    assert paths == sorted(paths)
    for path in paths:
        assert path.parent == SAMPLES_DIR
        assert path.with_name(_slug(path) + ".meta.json").is_file(), path.name
    sidecars = {p.name.removesuffix(".meta.json") for p in SAMPLES_DIR.glob("*.meta.json")}
    assert sidecars == {_slug(p) for p in paths}, "a sidecar without a text, or vice versa"


@pytest.mark.parametrize("path", sample_paths(), ids=_slug)
def test_sample_meta_has_required_keys_and_a_2019_to_2025_iso_date(path: Path) -> None:
    meta = _meta(path)
    assert meta.keys() >= REQUIRED_KEYS, f"{path.name}: missing {REQUIRED_KEYS - meta.keys()}"
    published = date.fromisoformat(str(meta["published"]))
    assert date(2019, 1, 1) <= published <= date(2025, 12, 31)
    assert meta["language"] in {"es", "en"}
    assert meta["licence"] == "CC BY 4.0, cartel-atlas sample text"
    url = meta["source_url"]
    assert url is None or (isinstance(url, str) and url.startswith("https://"))
    for key in ("title", "publisher", "note"):
        value = meta[key]
        assert isinstance(value, str), f"{path.name}: {key} is not a string"
        assert value.strip(), f"{path.name}: empty {key}"


@pytest.mark.parametrize("path", sample_paths(), ids=_slug)
def test_sample_text_is_utf8_sized_and_titled_like_its_meta(path: Path) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert 500 <= len(text) <= 3000, f"{path.name}: {len(text)} characters"
    assert 120 <= len(WORD.findall(_body(path))) <= 350
    title, blank, *_ = text.split("\n")
    assert title == _meta(path)["title"]
    assert blank == "", f"{path.name}: the title line must be followed by a blank line"


def test_sample_languages_are_between_40_and_60_percent_spanish() -> None:
    languages = [_meta(p)["language"] for p in sample_paths()]
    share = languages.count("es") / len(languages)
    assert 0.4 <= share <= 0.6, f"{share:.0%} Spanish"


def test_only_the_documented_syndicated_copy_repeats_another_report() -> None:
    bodies = {_slug(p): _body(p) for p in sample_paths()}
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    assert len(set(texts)) == len(texts), "two sample files are byte-identical"
    near = {
        (a, b) for a, b in combinations(sorted(bodies), 2) if fuzz.ratio(bodies[a], bodies[b]) >= 90
    }
    assert near == {SYNDICATED_PAIR}


def test_syndicated_copy_differs_only_in_headline_outlet_and_dateline() -> None:
    original, copy = (SAMPLES_DIR / f"{slug}.txt" for slug in SYNDICATED_PAIR)
    assert _meta(original)["title"] != _meta(copy)["title"]
    assert _meta(original)["publisher"] != _meta(copy)["publisher"]
    assert _after_dateline(original) == _after_dateline(copy)
    assert _body(original).split("—", 1)[0] != _body(copy).split("—", 1)[0]
    assert (
        "syndicated"
        in (ROOT / "src/cartel_atlas/samples/README.md").read_text(encoding="utf-8").lower()
    )


@pytest.mark.parametrize(("en", "es"), SAME_INCIDENT)
def test_same_incident_pairs_are_one_english_and_one_spanish_report_in_different_words(
    en: str, es: str
) -> None:
    en_path, es_path = SAMPLES_DIR / f"{en}.txt", SAMPLES_DIR / f"{es}.txt"
    assert (_meta(en_path)["language"], _meta(es_path)["language"]) == ("en", "es")
    gap = date.fromisoformat(str(_meta(en_path)["published"])) - date.fromisoformat(
        str(_meta(es_path)["published"])
    )
    assert abs(gap.days) <= 3
    assert fuzz.ratio(_body(en_path), _body(es_path)) < 60


def _windows(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_no_eight_word_run_of_the_dev_corpus_appears_in_any_sample() -> None:
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"{DEV_CORPUS} is absent: nothing to compare the samples against")
    dev: set[tuple[str, ...]] = set()
    for path in DEV_CORPUS.glob("*.txt"):
        dev |= _windows(path.read_text(encoding="utf-8"))
    assert dev, f"no text found in {DEV_CORPUS}"
    for path in sample_paths():
        shared = _windows(path.read_text(encoding="utf-8")) & dev
        assert not shared, f"{path.name} repeats dev-corpus wording: {' '.join(min(shared))}"
