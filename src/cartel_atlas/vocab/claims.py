"""Baseline presence claims: what public reports say about where groups operate.

They make the atlas useful before any news is ingested. Each claim is written in our own
words (``statement``), dated (``as_of``), graded by polarity and tied to the public
source it summarises (``source`` + ``source_url``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.files import line_of, read_yaml, validate

BASELINE_FILE = "baseline_presence.yaml"


class BaselineClaim(BaseModel):
    """One group-state presence claim drawn from a public report."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    group: str = Field(description="Group id from groups.yaml (e.g. 'cjng').")
    place: str = Field(description="State label as in the exchange format, e.g. 'Michoacán'.")
    as_of: date = Field(description="Date the statement refers to (report date if present tense).")
    polarity: Literal["asserted", "hedged", "negated"] = "asserted"
    level: Literal["present", "contested", "dominant"] = Field(
        default="present",
        description="present: operates there; contested: fights another group there; "
        "dominant: described as the main or controlling group.",
    )
    source: str = Field(description="Who asserts it: a source id or name from sources.yaml.")
    source_url: HttpUrl
    statement: str = Field(min_length=10, description="The claim in our own words.")

    @property
    def key(self) -> tuple[str, str, date, str]:
        """What makes a claim distinct: one source, one group, one state, one date."""
        return (self.group, self.place, self.as_of, self.source)


def load_baseline(directory: Path) -> list[BaselineClaim]:
    """Load and validate ``baseline_presence.yaml`` (cross-references checked by vocab check).

    A second claim with the same (group, place, as_of, source) is refused: it would count
    the same evidence twice in presence scores.
    """
    path = directory / BASELINE_FILE
    data = read_yaml(path)  # an impossible date fails here, naming its line and field
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise VocabError("expected a top-level 'claims:' list", file=str(path), code="V004")
    claims: list[BaselineClaim] = []
    first_line: dict[tuple[str, str, date, str], int | None] = {}
    for item in data["claims"]:
        line = line_of(item)
        claim = validate(BaselineClaim, item, file=path, line=line)
        if claim.key in first_line:
            raise VocabError(
                f"duplicate claim ({claim.group}, {claim.place}, {claim.as_of}, {claim.source}),"
                f" first at line {first_line[claim.key]}",
                file=str(path),
                line=line,
                field="group",
                code="V011",
            )
        first_line[claim.key] = line
        claims.append(claim)
    return claims
