"""CSV records from byte lines: per-line decoding and physical line numbers."""

from __future__ import annotations

import io

from cartel_atlas.sources.csvlines import first_line, records


def test_records_keep_first_and_last_physical_line_of_multiline_fields() -> None:
    data = b'a,b\r\n1,"dos\r\nlineas"\r\n3,4\r\n'
    got = [(r.fields, r.first_line, r.last_line) for r in records(io.BytesIO(data))]
    assert got == [
        (["a", "b"], 1, 1),
        (["1", "dos\r\nlineas"], 2, 3),
        (["3", "4"], 4, 4),
    ]


def test_each_line_is_decoded_on_its_own() -> None:
    data = "Año,x\n".encode() + "León,1\n".encode("cp1252") + b"\x81\x8d,2\n"
    recs = list(records(io.BytesIO(data)))
    assert recs[0].fields == ["Año", "x"]
    assert recs[1].fields == ["León", "1"]
    assert not recs[1].undecodable
    assert recs[2].undecodable


def test_first_line_reads_a_latin1_header() -> None:
    assert first_line("Año,Clave_Ent\r\n2020,1".encode("cp1252")) == ["Año", "Clave_Ent"]
