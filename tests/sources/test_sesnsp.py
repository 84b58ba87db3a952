"""SESNSP official statistics: real excerpts in both encodings, bad rows, full-file totals."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from cartel_atlas.model import OfficialCount, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import detect_format, read

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "sesnsp"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "sesnsp"
STATE = RESOURCES / "IDEFC_NM_dic2020_excerpt.csv"
VICTIMS = RESOURCES / "IDVFC_NM_dic19_excerpt.csv"
MUNICIPAL = RESOURCES / "municipal_gto_homicidios_excerpt.csv"
MONTHS = "Enero,Febrero,Marzo,Abril,Mayo,Junio,Julio,Agosto,Septiembre,Octubre,Noviembre,Diciembre"
KEYS = "Año,Clave_Ent,Entidad,Bien jurídico afectado,Tipo de delito,Subtipo de delito,Modalidad"
MUNI_HEADER = (
    "Año,Clave_Ent,Entidad,Cve. Municipio,Municipio,Bien jurídico afectado,Tipo de delito,"
    f"Subtipo de delito,Modalidad,{MONTHS}"
)
CRIME = "La vida y la Integridad corporal,Homicidio,Homicidio doloso,Con arma de fuego"


def _counts(items: Iterable[object]) -> list[OfficialCount]:
    return [i for i in items if isinstance(i, OfficialCount)]


def _rejected(items: Iterable[object]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


def test_excerpts_keep_their_original_bytes() -> None:
    state = STATE.read_bytes()
    assert state.startswith(b"A\xf1o,Clave_Ent")  # Latin-1 'Año'
    assert state.count(b"\r\n") == 201
    assert VICTIMS.read_bytes().startswith("Año".encode())
    municipal = MUNICIPAL.read_bytes()
    assert b"\r\n" not in municipal
    assert municipal.count(b"\n") == 201


def test_excerpts_are_detected_as_sesnsp() -> None:
    for path in (STATE, VICTIMS, MUNICIPAL):
        assert detect_format(str(path), path.read_bytes()[:8192]) == "sesnsp"


def test_latin1_state_incidence_excerpt_reads_every_month(settings: Settings) -> None:
    items = list(read(str(STATE), settings=settings))
    assert _rejected(items) == []
    counts = _counts(items)
    assert len(counts) == 200 * 12
    first = counts[0]
    assert first.dataset == "sesnsp_state_incidence"
    assert (first.year, first.month, first.state_code, first.municipality_code) == (
        2015,
        1,
        "01",
        None,
    )
    assert (first.tipo, first.subtipo, first.modalidad) == (
        "Homicidio",
        "Homicidio doloso",
        "Con arma de fuego",
    )
    assert first.bien_juridico == "La vida y la Integridad corporal"
    assert first.value == 3
    assert first.line == 2
    # line 152 is Baja California 2015 "Daño a la propiedad": 901,883,"1,018",...
    march = next(c for c in counts if c.line == 152 and c.month == 3)
    assert (march.state_code, march.subtipo, march.value) == ("02", "Daño a la propiedad", 1018)


def test_utf8_victims_excerpt_keeps_sex_and_age(settings: Settings) -> None:
    counts = _counts(read(str(VICTIMS), settings=settings))
    assert len(counts) == 200 * 12
    first = counts[0]
    assert first.dataset == "sesnsp_state_victims"
    assert (first.sexo, first.rango_edad) == ("Mujer", "Menores de edad (0-17)")
    assert {c.sexo for c in counts} == {"Hombre", "Mujer", "No identificado"}


def test_municipal_excerpt_skips_unpublished_months_and_reads_floats(
    settings: Settings,
) -> None:
    counts = _counts(read(str(MUNICIPAL), settings=settings))
    assert {c.dataset for c in counts} == {"sesnsp_municipal_incidence"}
    assert {c.municipality_code[:2] for c in counts if c.municipality_code} == {"11"}
    first = counts[0]
    assert (first.municipality_code, first.year) == ("11001", 2020)
    december_2020 = next(c for c in counts if c.line == 2 and c.month == 12)
    assert december_2020.value == 1  # written '1.0'
    rows_2025 = {c.line for c in counts if c.year == 2025}
    assert len(rows_2025) == 100
    assert not any(c.month == 12 for c in counts if c.year == 2025)
    assert len(counts) == 100 * 12 + 100 * 11


def test_unpadded_codes_are_zero_padded(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "municipal.csv"
    path.write_text(
        f"{MUNI_HEADER}\n2021,1,Aguascalientes,1001,Aguascalientes,{CRIME},4,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    [count] = _counts(read(str(path), settings=settings))
    assert (count.state_code, count.municipality_code, count.value) == ("01", "01001", 4)


def test_bad_rows_are_rejected_with_line_numbers_and_good_rows_kept(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        MUNI_HEADER,
        f"2021,11,Guanajuato,11007,Celaya,{CRIME},10,12,,,,,,,,,,",  # good: 2 months
        f"1899,11,Guanajuato,11007,Celaya,{CRIME},1,,,,,,,,,,,",  # year
        f"2021,40,Atlántida,40001,Nada,{CRIME},1,,,,,,,,,,,",  # state
        f"2021,11,Guanajuato,11999,Ninguno,{CRIME},1,,,,,,,,,,,",  # municipality
        f"2021,11,Guanajuato,14039,Guadalajara,{CRIME},1,,,,,,,,,,,",  # other state
        f"2021,11,Guanajuato,11020,León,{CRIME},-3,abc,2.5,7,,,,,,,,",  # values
        f"2021,11,Guanajuato,11020,León,{CRIME},1,2",  # short row
        f"20x1,11,Guanajuato,11020,León,{CRIME},1,,,,,,,,,,,",  # year
    ]
    path = tmp_path / "municipal.csv"
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    items = list(read(str(path), settings=settings))
    got = [(r.reason_code, r.locator) for r in _rejected(items)]
    assert got == [
        ("bad_date", "line 3"),
        ("bad_code", "line 4"),
        ("bad_code", "line 5"),
        ("bad_code", "line 6"),
        ("bad_value", "line 7"),
        ("bad_value", "line 7"),
        ("bad_value", "line 7"),
        ("malformed_row", "line 8"),
        ("bad_date", "line 9"),
    ]
    reasons = [r.reason for r in _rejected(items)]
    assert "negative" in reasons[4]
    assert "Febrero" in reasons[5]
    assert "Marzo" in reasons[6]
    counts = _counts(items)
    assert [(c.line, c.month, c.value) for c in counts] == [(2, 1, 10), (2, 2, 12), (7, 4, 7)]


def test_unknown_columns_are_named_once_and_the_rest_is_read(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "estatal.csv"
    path.write_text(
        f"{KEYS},{MONTHS},Fuente,Notas\n2020,6,Colima,{CRIME},5,,,,,,,,,,,,x,y\n",
        encoding="utf-8",
    )
    items = list(read(str(path), settings=settings))
    [warning] = _rejected(items)
    assert (warning.reason_code, warning.locator) == ("unknown_columns", "line 1")
    assert "Fuente, Notas" in warning.reason
    [count] = _counts(items)
    assert (count.state_code, count.value) == ("06", 5)


def test_csv_that_is_not_a_sesnsp_layout_is_rejected_at_its_header(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "otra.csv"
    path.write_text(f"{KEYS},Enero,Febrero\n2020,6,Colima,{CRIME},5,6\n", encoding="utf-8")
    [item] = list(read(str(path), format="sesnsp", settings=settings))
    assert isinstance(item, Rejected)
    assert (item.reason_code, item.locator) == ("unknown_columns", "line 1")
    assert "Marzo" in item.reason


def test_unrecognised_csv_is_unsupported_format(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "otra.csv"
    path.write_text("a,b,c,d,e\n1,2,3,4,5\n", encoding="utf-8")
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "unsupported_format"


# ------------------------------------------------------------- full real files


def _total(counts: list[OfficialCount], **eq: object) -> int:
    months = eq.pop("months", None)
    total = 0
    for c in counts:
        if months is not None and c.month not in months:  # type: ignore[operator]
            continue
        if all(getattr(c, k) == v for k, v in eq.items()):
            total += c.value
    return total


@pytest.fixture(scope="module")
def shared_files() -> dict[str, Path]:
    files = {
        "E": SHARED / "IDEFC_NM_dic2020.csv",
        "V": SHARED / "IDVFC_NM_dic19-2019-UTF-8.csv",
        "G": SHARED / "homicidios_gto_2020_2025_raw.csv",
    }
    if not all(p.is_file() for p in files.values()):
        pytest.skip(f"the full SESNSP files are not in {SHARED}")
    return files


@pytest.mark.slow
def test_full_files_reproduce_the_published_sanity_totals(shared_files: dict[str, Path]) -> None:
    e, v, g = (_counts(read(str(shared_files[k]))) for k in "EVG")
    hd = {"subtipo": "Homicidio doloso"}
    assert _total(v, state_code="06", **hd) == 749  # V1 Colima 2019
    assert _total(v, **hd) == 34_582  # V2
    assert _total(v, subtipo="Feminicidio") == 1_006  # V3
    assert _total(e, year=2020, months={3}, **hd) == 2_632  # E1
    assert _total(e, year=2020, **hd) == 28_796  # E2
    assert _total(e, year=2020, state_code="06", **hd) == 539  # E3
    assert _total(e, year=2020, state_code="11", **hd) == 3_359  # E4
    assert _total(g, year=2020, **hd) == 3_359  # M1
    assert _total(g, year=2020, municipality_code="11007", **hd) == 493  # M2
    assert _total(g, year=2025, **hd) == 1_916  # M3


@pytest.mark.slow
def test_full_files_yield_no_rejections(shared_files: dict[str, Path]) -> None:
    for path in shared_files.values():
        assert _rejected(read(str(path))) == []
