"""Sidecar metadata: ``NAME.meta.json`` beside ``NAME.txt`` (or .html, .pdf...).

A plain text file knows nothing about where it came from, so analysts keep title,
publication date, language, publisher, source URL and licence in a small JSON file next
to it. The sidecar wins over what a reader guesses (first line as title, HTML meta
tags), because a person wrote it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cartel_atlas.model.records import Rejected
from cartel_atlas.sources.guards import excerpt

SIDECAR_SUFFIX = ".meta.json"

_STRING_FIELDS = {
    "title": "title",
    "language": "language",
    "publisher": "publisher",
    "author": "author",
    "source_url": "url",
    "url": "url",
    "licence": "licence",
    "license": "licence",
    "tlp": "tlp",
}
TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")


@dataclass
class Sidecar:
    """Metadata read from a sidecar: ``Document`` keyword arguments plus the rest."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    problems: list[Rejected] = field(default_factory=list)


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of ``path`` lives: 'a/report.txt' -> 'a/report.meta.json'."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    """True for ``*.meta.json`` files, which are metadata and never documents."""
    return path.name.endswith(SIDECAR_SUFFIX)


def parse_date(value: Any) -> date | None:
    """An ISO date ('2024-06-26', or a timestamp starting with one); None if not."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_sidecar(path: Path) -> Sidecar:
    """The sidecar of ``path`` (empty when there is none).

    A sidecar that is not a JSON object, or a field of the wrong kind, does not cost
    the document: the problem is reported as a ``Rejected`` in ``problems`` naming
    the sidecar and field, and the document is read without that metadata.
    """
    side = sidecar_path(path)
    out = Sidecar()
    if not side.is_file():
        return out
    raw = side.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        out.problems.append(
            Rejected(
                str(side),
                "malformed_meta",
                f"sidecar is not valid UTF-8 JSON: {exc}",
                payload=excerpt(raw),
            )
        )
        return out
    if not isinstance(data, dict):
        out.problems.append(
            Rejected(
                str(side), "malformed_meta", "sidecar must hold a JSON object", payload=excerpt(raw)
            )
        )
        return out
    return from_mapping(data, str(side))


def from_mapping(data: dict[str, Any], uri: str) -> Sidecar:
    """Turn a metadata mapping into ``Document`` fields, reporting bad values."""
    out = Sidecar()
    for key, value in data.items():
        if key in _STRING_FIELDS:
            if value is None:
                continue
            if not isinstance(value, str):
                out.problems.append(
                    Rejected(
                        uri,
                        "malformed_meta",
                        f"field '{key}' must be a string",
                        locator=f"field {key}",
                        payload=excerpt(str(value)),
                    )
                )
                continue
            target = _STRING_FIELDS[key]
            if target == "tlp":
                value = value.strip().lower().removeprefix("tlp:")
                value = "clear" if value == "white" else value
                if value not in TLP_LEVELS:
                    out.problems.append(
                        Rejected(
                            uri,
                            "malformed_meta",
                            f"field 'tlp' must be one of {TLP_LEVELS}",
                            locator="field tlp",
                            payload=excerpt(value),
                        )
                    )
                    continue
            out.fields.setdefault(target, value.strip())
        elif key == "published":
            if value is None:
                continue
            day = parse_date(value)
            if day is None:
                out.problems.append(
                    Rejected(
                        uri,
                        "bad_date",
                        f"field 'published' is not an ISO date: {value!r}",
                        locator="field published",
                        payload=excerpt(str(value)),
                    )
                )
            else:
                out.fields["published"] = day
        else:
            out.extra[key] = value
    return out
