"""The input guards: binary signatures, decoding, size."""

from __future__ import annotations

import pytest

from cartel_atlas.model import Rejected
from cartel_atlas.sources.guards import decode, excerpt, is_binary, oversized, text_or_rejected


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04rest", "ZIP"),
        (b"\x7fELF\x02\x01", "ELF"),
        (b"\xff\xfeC\x00u\x00", "UTF-16"),
        (b"hola\x00mundo", "NUL"),
    ],
)
def test_is_binary_names_the_kind(data: bytes, kind: str) -> None:
    reason = is_binary(data)
    assert reason is not None
    assert kind in reason


def test_text_starting_with_mz_is_not_an_executable() -> None:
    assert is_binary(b"MZ-12 fue asegurado en Manzanillo.") is None


def test_decode_prefers_utf8_then_cp1252() -> None:
    assert decode("Mazatlán".encode()) == ("Mazatlán", "utf-8")
    assert decode("Mazatlán".encode("cp1252")) == ("Mazatlán", "cp1252")
    assert decode(b"\x81\x8d\x8f") is None


def test_undecodable_rejection_points_at_the_first_bad_byte() -> None:
    result = text_or_rejected("x.txt", b"abc" + b"\x81" * 10, 1000)
    assert isinstance(result, Rejected)
    assert result.reason_code == "undecodable"
    assert result.locator == "byte 3"


def test_oversized_only_past_the_limit() -> None:
    assert oversized("x", 10, 10) is None
    too_big = oversized("x", 11, 10)
    assert too_big is not None
    assert too_big.reason_code == "oversized"


def test_excerpt_is_short_and_printable() -> None:
    text = excerpt(b"\x01\x02abc" * 200)
    assert len(text) == 200
    assert "\x01" not in text
