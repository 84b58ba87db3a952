"""Sources (outlets, agencies, analysts) and their reliability."""

from __future__ import annotations

from dataclasses import dataclass

RELIABILITY_GRADES = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Who asserts claims: an outlet, agency, think tank or person, graded A-F."""

    id: str
    name: str
    outlet_type: str
    reliability: str = "F"
    url: str | None = None
    country: str | None = None
