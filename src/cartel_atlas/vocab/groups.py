"""Criminal groups, their aliases and dated relations, loaded from ``groups.yaml`` and
``relations.yaml``.

Reports name the same group in many ways (Spanish, English, abbreviations, nicknames,
old self-designations), so every surface form lives here as data and resolves to one
group id. A surface that points at two groups would make attribution silently wrong,
so loading refuses it and names both groups and the line.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz, process

from cartel_atlas.errors import NotFoundError, VocabError
from cartel_atlas.vocab.files import line_of, read_yaml, validate
from cartel_atlas.vocab.text import fold

GROUPS_FILE = "groups.yaml"
RELATIONS_FILE = "relations.yaml"

GroupKind = Literal["cartel", "faction", "cell", "gang", "foreign_group"]
AliasKind = Literal["name", "abbreviation", "nickname", "misspelling", "former_name"]
RelationType = Literal["alliance", "rivalry", "split", "merger", "faction_of", "successor"]

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_URL = r"^https?://\S+$"
_ARTICLES = ("the ", "el ", "la ", "los ", "las ")


def _partial_date(value: Any) -> str | None:
    """Normalise a year, ``YYYY-MM`` or ISO date to a string, refusing impossible dates."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"expected a year, YYYY-MM or YYYY-MM-DD, got {value!r}")
    partial_date_bounds(text)  # raises ValueError on month 13, Feb 30...
    return text


def partial_date_bounds(value: str) -> tuple[date, date]:
    """First and last day covered by a partial date: '2011' -> (2011-01-01, 2011-12-31)."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    if len(parts) == 2:
        month = parts[1]
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, parts[1], parts[2])
    return day, day


def _bound(value: Any, *, last: bool) -> Any:
    """Let alias validity be written as a year or month: it then covers the whole period."""
    if isinstance(value, int | str) and _PARTIAL_DATE.match(str(value).strip()):
        try:
            return partial_date_bounds(str(value).strip())[1 if last else 0]
        except ValueError:
            return value  # let pydantic report the impossible date
    return value


class Alias(BaseModel):
    """One surface form of a group, optionally limited in time or to cartel contexts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    lang: Literal["es", "en"] | None = None
    kind: AliasKind = "name"
    valid_from: date | None = None
    valid_to: date | None = None
    needs_context: bool = Field(
        default=False,
        description="True for common words and place names ('Sinaloa', 'Golfo'): accept "
        "only next to a cartel word.",
    )
    note: str | None = None

    @field_validator("valid_from", mode="before")
    @classmethod
    def _from_bound(cls, value: Any) -> Any:
        return _bound(value, last=False)

    @field_validator("valid_to", mode="before")
    @classmethod
    def _to_bound(cls, value: Any) -> Any:
        return _bound(value, last=True)

    def valid_on(self, day: date) -> bool:
        """Whether the alias was in use on ``day`` (open bounds always match)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class GroupLink(BaseModel):
    """A dated pointer to another group (``split_from``, ``successor_of``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_SLUG)
    date: str | None = None
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> str | None:
        return _partial_date(value)


class Group(BaseModel):
    """A criminal group, faction, cell or gang, with every name it is reported under."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_SLUG, description="Stable slug, e.g. 'cjng'.")
    name: str = Field(min_length=1, description="Canonical English name.")
    name_es: str = Field(min_length=1, description="Usual Spanish name.")
    kind: GroupKind
    parent: str | None = Field(default=None, description="Id of the group this one belongs to.")
    founded: str | None = None
    dissolved: str | None = None
    name_needs_context: bool = Field(
        default=False,
        description="True when name/name_es is also an everyday phrase or surname "
        "('La Línea', 'Los Metros', 'Gente Nueva'): accept it only next to a cartel word.",
    )
    aliases: list[Alias] = Field(default_factory=list)
    successor_of: list[GroupLink] = Field(default_factory=list)
    split_from: list[GroupLink] = Field(default_factory=list)
    notes: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    @field_validator("founded", "dissolved", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> str | None:
        return _partial_date(value)

    @field_validator("sources")
    @classmethod
    def _urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if not re.match(_URL, url):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return value


class GroupRelation(BaseModel):
    """A dated claim that two groups are allied, rivals, or descend from one another.

    For split, faction_of and successor, ``a`` is the newer or smaller group.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str = Field(pattern=_SLUG)
    b: str = Field(pattern=_SLUG)
    type: RelationType
    start: str
    end: str | None = None
    source_url: str = Field(pattern=_URL)
    statement: str = Field(min_length=10, description="The claim in our own words.")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> str | None:
        return _partial_date(value)

    @model_validator(mode="after")
    def _distinct(self) -> GroupRelation:
        if self.a == self.b:
            raise ValueError(f"a relation needs two different groups, got '{self.a}' twice")
        return self


@dataclass
class Groups:
    """All groups and relations, indexed by id and by folded surface form."""

    by_id: dict[str, Group]
    relations: list[GroupRelation] = field(default_factory=list)
    file: str = GROUPS_FILE
    lines: dict[str, int] = field(default_factory=dict)
    surface_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    version: int | None = None
    _index: dict[str, Group] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for key, group, _text in _surface_keys(self.by_id.values()):
            self._index.setdefault(key, group)

    def line_of_text(self, group_id: str, text: str) -> int | None:
        """Line where ``text`` is written for ``group_id`` (else the group's line)."""
        return self.surface_lines.get((group_id, text)) or self.lines.get(group_id)

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[Group]:
        return iter(self.by_id.values())

    def find(self, surface: str) -> Group | None:
        """The group whose id, name, Spanish name or alias folds to ``surface``.

        A leading article ("the", "el", "la", "los", "las") is tried without it too,
        because the press writes "the Gulf Cartel" and "el Cártel de Sinaloa".
        """
        key = fold(surface)
        if key in self._index:
            return self._index[key]
        for article in _ARTICLES:
            if key.startswith(article) and key[len(article) :] in self._index:
                return self._index[key[len(article) :]]
        return None

    def get(self, id_or_name: str) -> Group:
        """Like ``find`` but raises ``NotFoundError`` suggesting the closest names."""
        if id_or_name in self.by_id:
            return self.by_id[id_or_name]
        group = self.find(id_or_name)
        if group is not None:
            return group
        raise NotFoundError(f"unknown group '{id_or_name}'{self._suggest(id_or_name)}")

    def _suggest(self, text: str) -> str:
        matches = process.extract(
            fold(text), list(self._index), scorer=fuzz.WRatio, limit=10, score_cutoff=86
        )
        names: list[str] = []
        for key, _score, _pos in matches:
            name = self._index[key].name
            if name not in names:
                names.append(name)
        return f"; did you mean: {', '.join(names[:3])}?" if names else ""

    def surface_forms(self) -> Iterator[tuple[str, Group, Alias | None]]:
        """Every (surface, group, alias) to match in text; alias is None for name/name_es."""
        for group in self.by_id.values():
            yield group.name, group, None
            if fold(group.name_es) != fold(group.name):
                yield group.name_es, group, None
            for alias in group.aliases:
                yield alias.text, group, alias

    def children(self, id_or_name: str) -> list[Group]:
        """Groups whose ``parent`` is this group."""
        gid = self.get(id_or_name).id
        return [g for g in self.by_id.values() if g.parent == gid]

    def ancestors(self, id_or_name: str) -> list[Group]:
        """Parent, grandparent... nearest first; stops at a dangling id or a cycle."""
        out: list[Group] = []
        seen = {self.get(id_or_name).id}
        parent = self.get(id_or_name).parent
        while parent and parent in self.by_id and parent not in seen:
            seen.add(parent)
            out.append(self.by_id[parent])
            parent = self.by_id[parent].parent
        return out

    def relations_of(self, id_or_name: str) -> list[GroupRelation]:
        """Relations in which this group is either side."""
        gid = self.get(id_or_name).id
        return [r for r in self.relations if gid in (r.a, r.b)]

    def check(self) -> list[str]:
        """Every consistency problem, one line each, for ``vocab check``."""
        across, within = _collisions(self.by_id.values(), self.line_of_text)
        problems = [f"{self.file}:{line or '?'}: {problem}" for line, problem in across + within]
        for group in self.by_id.values():
            where = f"{self.file}:{self.lines.get(group.id, '?')} group '{group.id}'"
            if group.parent is not None and group.parent not in self.by_id:
                problems.append(f"{where}: parent '{group.parent}' is not a group id")
            for link_field, links in (
                ("split_from", group.split_from),
                ("successor_of", group.successor_of),
            ):
                problems += [
                    f"{where}: {link_field} '{link.id}' is not a group id"
                    for link in links
                    if link.id not in self.by_id
                ]
            for alias in group.aliases:
                if alias.valid_from and alias.valid_to and alias.valid_from > alias.valid_to:
                    problems.append(f"{where}: alias '{alias.text}' valid_from is after valid_to")
                if not fold(alias.text):
                    problems.append(f"{where}: alias '{alias.text}' is empty after folding")
            if (
                group.founded
                and group.dissolved
                and (
                    partial_date_bounds(group.dissolved)[1] < partial_date_bounds(group.founded)[0]
                )
            ):
                problems.append(
                    f"{where}: dissolved {group.dissolved} before founded {group.founded}"
                )
        problems += self._cycles()
        for i, rel in enumerate(self.relations, start=1):
            where = f"{RELATIONS_FILE} relation {i} ({rel.a} {rel.type} {rel.b})"
            problems += [
                f"{where}: '{gid}' is not a group id"
                for gid in (rel.a, rel.b)
                if gid not in self.by_id
            ]
            if rel.end and partial_date_bounds(rel.end)[1] < partial_date_bounds(rel.start)[0]:
                problems.append(f"{where}: end {rel.end} before start {rel.start}")
        return problems

    def _cycles(self) -> list[str]:
        problems: list[str] = []
        reported: set[str] = set()
        for gid in self.by_id:
            chain = [gid]
            parent = self.by_id[gid].parent
            while parent in self.by_id and parent not in chain:
                chain.append(parent)
                parent = self.by_id[parent].parent
            if parent in chain and parent not in reported:
                cycle = chain[chain.index(parent) :]
                reported.update(cycle)
                problems.append(f"{self.file}: parent cycle {' -> '.join([*cycle, parent])}")
        return problems


def _surface_keys(groups: Iterable[Group]) -> Iterator[tuple[str, Group, str]]:
    """(folded key, group, original text) for id, name, name_es and every alias."""
    for group in groups:
        for text in (group.id, group.name, group.name_es, *(a.text for a in group.aliases)):
            key = fold(text)
            if key:
                yield key, group, text


LineOf = Callable[[str, str], "int | None"]
"""Line of a surface form: (group id, text) -> line number, if known."""


Problem = tuple["int | None", str]
"""(line, message) of one consistency problem."""


def _collisions(
    groups: Iterable[Group], line_of_text: LineOf
) -> tuple[list[Problem], list[Problem]]:
    """Surfaces claimed by two groups, and aliases repeated inside one group."""
    groups = list(groups)
    owner: dict[str, tuple[Group, str]] = {}
    across: list[Problem] = []
    problems: list[Problem] = []
    for group in groups:
        seen = {fold(group.name): group.name, fold(group.name_es): group.name_es}
        for alias in group.aliases:
            key = fold(alias.text)
            if key in seen:
                problems.append(
                    (
                        line_of_text(group.id, alias.text),
                        f"group '{group.id}' lists '{alias.text}' twice "
                        f"(same as '{seen[key]}' after folding)",
                    )
                )
            seen.setdefault(key, alias.text)
    for key, group, text in _surface_keys(groups):
        first, first_text = owner.setdefault(key, (group, text))
        if first.id != group.id:
            across.append(
                (
                    line_of_text(group.id, text),
                    f"'{text}' of group '{group.id}' "
                    f"collides with '{first_text}' of group '{first.id}' "
                    f"(line {line_of_text(first.id, first_text) or '?'})",
                )
            )
    return across, problems


def _items(path: Path, key: str, *, required: bool) -> tuple[list[Any], int | None]:
    """The top-level list ``key`` of a YAML file and its ``version``."""
    if not path.exists() and not required:
        return [], None
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise VocabError(f"expected a top-level '{key}:' list", file=str(path), code="V004")
    version = data.get("version")
    if version is not None and not isinstance(version, int):
        raise VocabError(
            "version must be an integer",
            file=str(path),
            line=line_of(data, "version"),
            field="version",
            code="V010",
        )
    return data[key], version


def load_groups(directory: Path) -> Groups:
    """Load and validate groups and relations from the vocabulary ``directory``.

    Raises ``VocabError`` for schema errors, a repeated id, or a surface form shared by
    two groups; dangling references are left to ``Groups.check``. ``relations.yaml``
    is optional.
    """
    path = Path(directory) / GROUPS_FILE
    items, version = _items(path, "groups", required=True)
    by_id: dict[str, Group] = {}
    lines: dict[str, int] = {}
    surface_lines: dict[tuple[str, str], int] = {}
    for item in items:
        line = line_of(item)
        group = validate(Group, item, file=path, line=line)
        if group.id in by_id:
            raise VocabError(
                f"duplicate group id '{group.id}' (first at line {lines[group.id]})",
                file=str(path),
                line=line,
                field="id",
                code="V020",
            )
        by_id[group.id] = group
        lines[group.id] = line or 0
        for key in ("id", "name", "name_es"):
            surface_lines[(group.id, item[key])] = line_of(item, key) or lines[group.id]
        for alias_item in item.get("aliases") or []:
            surface_lines[(group.id, alias_item["text"])] = line_of(alias_item) or lines[group.id]
    groups = Groups(
        by_id=by_id, file=str(path), lines=lines, surface_lines=surface_lines, version=version
    )
    clashes = _collisions(by_id.values(), groups.line_of_text)[0]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise VocabError(
            f"surface form collision: {clashes[0][1]}{more}",
            file=str(path),
            line=clashes[0][0],
            field="aliases",
            code="V021",
        )
    rel_path = Path(directory) / RELATIONS_FILE
    rel_items, _ = _items(rel_path, "relations", required=False)
    relations = [
        validate(GroupRelation, item, file=rel_path, line=line_of(item)) for item in rel_items
    ]
    groups.relations = relations
    return groups


__all__ = [
    "Alias",
    "Group",
    "GroupLink",
    "GroupRelation",
    "Groups",
    "load_groups",
    "partial_date_bounds",
]
