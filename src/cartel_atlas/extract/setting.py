"""The state a report is set in, for incidents whose own sentence names no place.

A story about one state rarely repeats it in every sentence: "the killing of a grower who
refused to pay" happened where the story is set. When (nearly) every Mexican place the
document names lies in one state, an event without a place takes that state, marked
``place_from: document`` and with less confidence, so an analyst can tell a stated place
from an inferred one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from cartel_atlas.extract.context import DocView, PlaceMention
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.events import dateline_end
from cartel_atlas.vocab.places import Places

INFERRED_CONFIDENCE_DROP = 0.1
DOMINANT_SHARE = 0.75
"""Share of the document's Mexican place mentions one state needs to be its setting."""


def document_state(view: DocView) -> str | None:
    """The state that holds most Mexican places the document names, else None. A report
    with state section headers ("SINALOA:") has no single setting, and a communiqué's
    dateline ("Hermosillo, Sonora a 9 de julio") says where it was issued, not set."""
    if any(s.header_state for s in view.sentences):
        return None
    skip = dateline_end(view)
    counts = Counter(
        p.state_code for s in view.sentences for p in s.places if p.state_code and p.start >= skip
    )
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= DOMINANT_SHARE * sum(counts.values()) else None


def fill_places(drafts: list[Draft], code: str | None, places: Places) -> None:
    """Give placeless events the state ``code`` the report is set in
    (``document_state``), in place."""
    if code is None or code not in places.states:
        return
    label = places.states[code].label
    for d in drafts:
        if d.kind == "event" and not d.fields.get("place"):
            d.fields["place"] = label
            d.fields["place_from"] = "document"
            d.confidence = round(max(0.1, d.confidence - INFERRED_CONFIDENCE_DROP), 2)


def setting_place(view: DocView, code: str | None) -> PlaceMention | None:
    """The report's state ``code`` (``document_state``) as a place mention, at its first
    mention in the document, for statements such as "señalan la presencia de células del
    CJNG" that name no place."""
    if code is None:
        return None
    for s in view.sentences:
        for p in s.places:
            if p.state_code == code:
                state = p.label.split("/")[0]
                return dataclasses.replace(p, kind="state", code=code, label=state)
    return None
