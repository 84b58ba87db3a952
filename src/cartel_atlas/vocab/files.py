"""Reading vocabulary data files with line numbers, and validating them with a schema.

Vocabulary is data edited by analysts, so every error must say which file, which line
and which field is wrong. YAML mappings are loaded with the line of each key kept
aside (``LINES_KEY``) and records are validated with pydantic models.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from cartel_atlas.errors import VocabError

LINES_KEY = "__lines__"
"""Key under which each loaded mapping keeps ``{key: line number}``."""

M = TypeVar("M", bound=BaseModel)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the 1-based line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    lines: dict[str, int] = {"": node.start_mark.line + 1}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise VocabError(
                f"duplicate key '{key}'", file=loader.name, line=key_node.start_mark.line + 1
            )
        try:
            mapping[key] = loader.construct_object(value_node, deep=True)
        except VocabError as exc:
            if exc.field is not None:
                raise
            # a value that cannot be built (an impossible date): name the key it belongs to
            raise VocabError(
                exc.detail, file=exc.file, line=exc.line, field=str(key), code=exc.code
            ) from exc
        lines[str(key)] = key_node.start_mark.line + 1
    mapping[LINES_KEY] = lines
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """Dates like 2021-13-45 raise a plain ValueError in PyYAML; give them a line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise VocabError(
            f"invalid date '{node.value}': {exc}",
            file=loader.name,
            line=node.start_mark.line + 1,
            code="V006",
        ) from exc


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _construct_timestamp,
)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, keeping line numbers; syntax errors become ``VocabError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise VocabError("file not found", file=str(path), code="V001") from exc
    except UnicodeDecodeError as exc:
        raise VocabError("not valid UTF-8", file=str(path), code="V002") from exc
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise VocabError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}", file=str(path), line=line, code="V003"
        ) from exc
    finally:
        loader.dispose()


def line_of(record: Any, key: str = "") -> int | None:
    """Line number of ``key`` in a loaded mapping (or of the mapping itself)."""
    if isinstance(record, dict):
        lines = record.get(LINES_KEY, {})
        return lines.get(key) or lines.get("")
    return None


def strip_lines(value: Any) -> Any:
    """A deep copy of loaded YAML without the line bookkeeping."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINES_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def validate(model: type[M], record: Any, *, file: Path | str, line: int | None = None) -> M:
    """Validate one loaded record against ``model``; errors name file, line and field."""
    try:
        return model.model_validate(strip_lines(record))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(p) for p in err["loc"]]
        field = ".".join(loc) or None
        where = record
        for part in loc:  # walk down to the most precise line we know
            if isinstance(where, dict) and part in where:
                line = line_of(where, part) or line
                where = where[part]
            elif isinstance(where, list) and part.isdigit() and int(part) < len(where):
                where = where[int(part)]
                line = line_of(where) or line
            else:
                break
        if line is None:
            line = line_of(record)
        raise VocabError(err["msg"], file=str(file), line=line, field=field, code="V010") from exc


def validate_list(model: type[M], path: Path, key: str) -> list[M]:
    """Load ``path`` and validate each item of its top-level list ``key``."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise VocabError(f"expected a top-level '{key}:' list", file=str(path), code="V004")
    return [validate(model, item, file=path, line=line_of(item)) for item in data[key]]


def read_csv(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a UTF-8 CSV, checking the header has ``required``."""
    if not path.is_file():
        raise VocabError("file not found", file=str(path), code="V001")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise VocabError(f"missing columns {missing}", file=str(path), line=1, code="V005")
        for row in reader:
            yield reader.line_num, row
