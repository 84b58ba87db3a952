"""CSV records from a byte stream, decoded line by line, with their line numbers.

Official and exported CSV files come in UTF-8 and in Windows-1252, with CRLF or LF line
ends, and may be hundreds of megabytes. Decoding each physical line on its own (UTF-8,
then cp1252) streams any size, copes with both encodings, and lets a single bad line be
reported by number instead of failing the whole file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass
class _Decoder:
    """Decodes physical lines, remembering which could not be decoded."""

    lines: Iterable[bytes]
    bad: set[int] = field(default_factory=set)
    encodings: set[str] = field(default_factory=set)
    count: int = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.lines:
            self.count += 1
            if self.count == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
                if any(b > 0x7F for b in raw):
                    self.encodings.add("utf-8")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("cp1252")
                    self.encodings.add("cp1252")
                except UnicodeDecodeError:
                    self.bad.add(self.count)
                    text = raw.decode("cp1252", errors="replace")
            yield text


@dataclass(frozen=True)
class Record:
    """One CSV record: its fields and the physical lines it spans (1-based)."""

    fields: list[str]
    first_line: int
    last_line: int
    undecodable: bool
    error: str | None = None


def records(lines: Iterable[bytes]) -> Iterator[Record]:
    """Every record of a CSV given as binary lines (a file opened ``rb`` works)."""
    decoder = _Decoder(lines)
    reader = csv.reader(decoder)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record([], previous + 1, reader.line_num, False, str(exc))
            previous = reader.line_num
            continue
        last = reader.line_num
        bad = any(n in decoder.bad for n in range(previous + 1, last + 1))
        yield Record(row, previous + 1, last, bad)
        previous = last


def first_line(head: bytes) -> list[str] | None:
    """The header fields of a CSV from its first bytes (for format sniffing)."""
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("cp1252", errors="replace")
    try:
        return next(csv.reader([text]))
    except (csv.Error, StopIteration):
        return None
