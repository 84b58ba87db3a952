"""Where date rules run: only in short windows around trigger words and years.

Most of a news text holds no date, so scanning it with a dozen rules would waste most
of the time. One trie regex finds the words without which no rule can match (months,
weekdays, "ayer", "hace", "later"...) and a second finds years; each rule then runs only
in the merged windows around the triggers that can start it, on lower-cased text.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.dates_rules import (
    TRIGGER_REACH,
    YEAR_KINDS,
    YEAR_TRIGGER,
    Rule,
    build_rules,
    build_trigger,
)

_RULES: dict[str, list[Rule]] = {lang: build_rules(lang) for lang in ("es", "en")}
_TRIGGERS = {lang: build_trigger(lang) for lang in ("es", "en")}
_RULES_FOR: dict[tuple[str, frozenset[str]], list[Rule]] = {}


def _rules_for(lang: str, kinds: frozenset[str]) -> list[Rule]:
    """The rules of ``lang`` of the given kinds, in rule order (few distinct kind sets)."""
    rules = _RULES_FOR.get((lang, kinds))
    if rules is None:
        rules = [r for r in _RULES[lang] if r.kind in kinds]
        if len(_RULES_FOR) < 1024:  # unions of a handful of trigger kind sets
            _RULES_FOR[(lang, kinds)] = rules
    return rules


def _after_non_word(trigger: re.Pattern[str], words: object) -> re.Pattern[str] | None:
    """The trigger regex starting at the non-word character before the word, with the
    word as group 1: ``re`` then skips ahead in C instead of trying every position. None
    unless the pattern opens with ``\\b`` and every word starts with a word character."""
    if not trigger.pattern.startswith(r"\b") or not all(
        re.match(r"\w", w)
        for w in words  # type: ignore[attr-defined]
    ):
        return None
    return re.compile(r"\W(" + trigger.pattern[2:] + ")")


_TRIGGERS_AFTER = {lang: _after_non_word(*_TRIGGERS[lang]) for lang in ("es", "en")}


def _triggers(low: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each trigger, exactly as ``finditer`` of the trigger regex
    finds them; a word at offset 0 is tried on its own, the rest via the faster form."""
    trigger = _TRIGGERS[lang][0]
    after = _TRIGGERS_AFTER[lang]
    if after is None:
        return [(m.start(), m.end(), m.group()) for m in trigger.finditer(low)]
    out: list[tuple[int, int, str]] = []
    pos = 0
    first = trigger.match(low)
    if first is not None:
        out.append((0, first.end(), first.group()))
        pos = first.end()
    m = after.search(low, pos - 1 if pos > 0 else 0)
    while m is not None:
        out.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
        m = after.search(low, pos - 1)
    return out


Candidate = tuple[int, int, str, re.Match[str]]
"""start, end, rule kind and the match (groups are read from lower-cased text)."""


def _windows(
    text: str, low: str, lang: str, years: list[int]
) -> list[tuple[int, int, frozenset[str]]]:
    """Merged stretches of text around trigger words and years (``years``: where each
    ``YEAR_TRIGGER`` match starts), with the rule kinds those triggers can start; rules
    only run there."""
    kinds_of = _TRIGGERS[lang][1]
    wb, wa = TRIGGER_REACH["word"]
    yb, ya = TRIGGER_REACH["year"]
    hits = [(a - wb, b + wa, kinds_of.get(w, YEAR_KINDS)) for a, b, w in _triggers(low, lang)]
    hits += [(a - yb, a + 4 + ya, YEAR_KINDS) for a in years]
    if not hits:
        return []
    hits.sort(key=lambda h: h[0])
    n = len(text)
    windows: list[tuple[int, int, frozenset[str]]] = []
    lo, hi, kinds = hits[0]
    for a, b, more in hits[1:]:
        if a <= hi:
            hi, kinds = max(hi, b), kinds | more
        else:
            windows.append((max(0, lo), _word_end(text, hi, n), kinds))
            lo, hi, kinds = a, b, more
    windows.append((max(0, lo), _word_end(text, hi, n), kinds))
    return windows


def _lower(text: str) -> str:
    """Lower-cased text with the same length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _months_capitalised(text: str, m: re.Match[str]) -> bool:
    """English months are capitalised: "May 5" is a date, "may act" is not."""
    for name in ("m", "m1", "m2"):
        at = m.start(name) if name in m.re.groupindex else -1
        if at >= 0 and not text[at].isupper():
            return False
    return True


def _word_end(text: str, i: int, n: int) -> int:
    """Move a window end past the word it cuts, so no rule sees half a word."""
    if i >= n:
        return n
    while i < n and not text[i].isspace():
        i += 1
    return i


def candidates(text: str, lang: str) -> list[Candidate]:
    """Non-overlapping rule matches of ``lang`` ('es' or 'en'), the longest winning
    overlaps, in text order.

    A rule runs in a window only when the window passes the rule's gates: each gate is
    something every match of the rule contains, so skipping the rest changes nothing.
    """
    found: list[Candidate] = []
    low = _lower(text)
    years = [m.start() for m in YEAR_TRIGGER.finditer(low)]
    for lo, hi, kinds in _windows(text, low, lang, years):
        passed: dict[str, bool] = {}
        for rule in _rules_for(lang, kinds):
            for gate in rule.gates:
                open_ = passed.get(gate.name)
                if open_ is None:
                    open_ = passed[gate.name] = gate.test(text, low, years, lo, hi)
                if not open_:
                    break
            else:
                for m in rule.pattern.finditer(low, lo, hi):
                    if m.end() > m.start() and (lang != "en" or _months_capitalised(text, m)):
                        found.append((m.start(), m.end(), rule.kind, m))
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])
    return taken
