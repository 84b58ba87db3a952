"""Spanish or English? Decided by counting each language's function words.

The corpus has only these two languages, and their commonest words barely overlap ("de",
"la", "que", "el" against "the", "of", "and", "to"), so a stop-word vote is right on any
paragraph and cheap enough to run on every document. Words both languages use ("a",
"no", "me", "son"...) are left out of both lists. Long texts are judged on a sample of
their beginning, middle and end, which keeps the cost flat.
"""

from __future__ import annotations

import re
from itertools import repeat

from cartel_atlas.extract.wordregex import word_list

_ES = frozenset(
    word_list(
        "de la que el en y los del se las por un para con una su al lo como más mas pero sus "
        "le ya o fue este ha sí porque esta entre cuando muy sin sobre también hasta hay "
        "donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos "
        "e esto antes algunos qué unos otro otras otra él tanto esa estos mucho quienes nada "
        "muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas "
        "nosotras vosotros os mío mía míos mías tuyo suyo nuestro nuestra vuestro esos esas "
        "estoy está están estaba fueron había han sido ser es será sería hace dijo según "
        "así aunque luego cada después mismo tras donde cuyo cuya"
    )
)
_EN = frozenset(
    word_list(
        "the of and to in is that for it as was with be by on not he this are or his from at "
        "which but have an they you were their has been its who said will would into more "
        "after also had there we can than other out about up what when these some all so her "
        "she them if could only over such our most those may any should between while being "
        "where under since through during against because before both each however including "
        "according does did do how many much then until very within without"
    )
)
# A word is a run of letters (``[^\W\d_]+``). Rather than a regex findall per word, the
# text is read as UTF-8 bytes, where one table lookup turns every ASCII non-letter into a
# space and ``split`` yields the runs; the rare non-ASCII non-letters (quotes, dashes) are
# blanked first. Each function word scores +1 (Spanish) or -1 (English).
_SCORE: dict[bytes, int] = {
    **{w.encode(): -1 for w in _EN if w not in _ES},
    **{w.encode(): 1 for w in _ES},
}
_ASCII_LETTERS_KEPT = bytes(
    c if (65 <= c <= 90 or 97 <= c <= 122 or c >= 128) else 32 for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ZEROS = repeat(0)
# Tie-breakers: word endings and signs each language has and the other lacks. Accents
# alone are not Spanish evidence: English reports spell "Culiacán" and "Guzmán" too.
_SPANISH_MARKS = re.compile(
    r"[¿¡]|\w(?:ción|ciones|mente|dad|dades|ía|ías|aron|ado|ados|ada|adas)\b"
)
_ENGLISH_MARKS = re.compile(r"\w(?:'s|’s|ing|ed|tion|tions|ly)\b")
_SAMPLE = 1500


def _sample(text: str) -> str:
    if len(text) <= 3 * _SAMPLE:
        return text
    mid = len(text) // 2
    return " ".join((text[:_SAMPLE], text[mid : mid + _SAMPLE], text[-_SAMPLE:]))


def detect(text: str, default: str = "en") -> str:
    """'es' or 'en' for ``text``; ``default`` when there is no evidence either way.

    Ties on function words are broken by word endings ("-ción", "-aron" against "-ing",
    "'s") and by ¿/¡.
    Never raises: non-text input counts as empty.
    """
    if not isinstance(text, str) or not text:
        return default
    sample = _sample(text).lower()
    balance = _function_word_balance(sample)
    if balance:
        return "es" if balance > 0 else "en"
    es = len(_SPANISH_MARKS.findall(sample))
    en = len(_ENGLISH_MARKS.findall(sample))
    if es == en:
        return default
    return "es" if es > en else "en"


def _function_word_balance(sample: str) -> int:
    """Spanish minus English function words among the letter runs of ``sample``."""
    letters = sample
    if not letters.isascii():
        for ch in set(_NON_ASCII.findall(letters)):
            if not ch.isalnum() or ch.isdecimal():  # not in [^\W\d_]: splits words
                letters = letters.replace(ch, " ")
    words = letters.encode().translate(_ASCII_LETTERS_KEPT).split()
    return sum(map(_SCORE.get, words, _ZEROS))
