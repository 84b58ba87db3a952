"""Checks every text input passes before a reader trusts it: size, binary, encoding.

Analysts drop whatever they have into an input folder: scans, spreadsheets, a zipped
export, a Windows-1252 file from an old newsroom system. Each of these must come out as
a ``Rejected`` with a reason the analyst understands, never as mojibake in the store.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cartel_atlas.model.records import Rejected

PAYLOAD_CHARS = 200
"""Length of the excerpt of a bad input kept for the analyst to see."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx/.odt)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document (.doc/.xls)"),
    (b"SQLite format 3", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def binary_signature(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts like, if any ('PNG image'...)."""
    if data.startswith(b"MZ") and len(data) > 2 and b"\x00" not in data[:512]:
        return None  # 'MZ' is also how a text may begin ("MZ-12 was seized...")
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def is_binary(data: bytes) -> str | None:
    """Why ``data`` is binary (signature or NUL bytes), or None if it may be text.

    UTF-16 text (with a BOM) has NUL bytes too; we do not read it, so it counts as
    binary here and the reason says so.
    """
    kind = binary_signature(data)
    if kind:
        return kind
    if data.startswith(_BOMS[1:]):
        return "UTF-16 text (save it as UTF-8)"
    if b"\x00" in data[:65536]:
        return "contains NUL bytes"
    return None


def _looks_like_text(text: str) -> bool:
    """At most 1% control or unassigned characters: real Latin-1/cp1252 prose passes,
    random bytes that happen to decode do not."""
    if not text:
        return True
    bad = 0
    for ch in text:
        if ch in "\n\r\t\f":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cn", "Co", "Cs"):
            bad += 1
    return bad <= len(text) // 100


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (BOM allowed), else cp1252 when it decodes cleanly and
    looks like text; None when neither holds."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return (text, "cp1252") if _looks_like_text(text) else None


def excerpt(data: bytes | str, limit: int = PAYLOAD_CHARS) -> str:
    """A short printable excerpt of an input for ``Rejected.payload``."""
    if isinstance(data, bytes):
        data = data[: limit * 4].decode("utf-8", errors="replace")
    text = "".join(c if c.isprintable() or c in "\n\t" else "·" for c in data[:limit])
    return text


def oversized(uri: str, size: int, limit: int) -> Rejected | None:
    """A ``Rejected('oversized')`` when ``size`` exceeds ``limit`` bytes."""
    if size <= limit:
        return None
    return Rejected(
        uri,
        "oversized",
        f"{size:,} bytes is more than the limit of {limit:,} bytes "
        "(raise CARTEL_ATLAS_MAX_DOCUMENT_BYTES to accept it)",
    )


def check_file_size(path: Path, uri: str, limit: int) -> Rejected | None:
    """The size check, done on the file's metadata before reading a byte of it."""
    return oversized(uri, path.stat().st_size, limit)


def text_or_rejected(uri: str, data: bytes, limit: int) -> tuple[str, str] | Rejected:
    """Decoded (text, encoding) of a text input, or why it cannot be one.

    Order matters: size first (cheap, and a huge file must not be decoded), then
    binary, then encoding, then emptiness.
    """
    too_big = oversized(uri, len(data), limit)
    if too_big:
        return too_big
    kind = is_binary(data)
    if kind:
        return Rejected(uri, "binary", f"not a text file: {kind}", payload=excerpt(data[:64]))
    decoded = decode(data)
    if decoded is None:
        bad = _first_bad_utf8(data)
        return Rejected(
            uri,
            "undecodable",
            f"neither UTF-8 nor Windows-1252 text (first invalid UTF-8 byte at offset {bad})",
            locator=f"byte {bad}",
            payload=excerpt(data[max(0, bad - 40) : bad + 40]),
        )
    text, encoding = decoded
    if not text.strip():
        return Rejected(uri, "empty", "the input is empty or holds only whitespace")
    return text, encoding


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0
