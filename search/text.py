"""Dutch text analysis in Python: fold, split, drop stop words, stem.

It mirrors Elasticsearch's `dutch_index` chain (search/analysis.py) token for token — the
same stop words, the same Snowball stemmer, the same overrides (stem_overrides.txt) and
final-letter rules — so both engines match the same words (tests/test_text_parity.py checks
it over the corpus vocabulary). Scores differ; matching does not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from search.lexicon import compound_split

# Snowball's Dutch stop word list (the one Elasticsearch's `_dutch_` also uses).
DUTCH_STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere
    """.split()
)
_WORD = re.compile(r"[0-9a-z]+")
# After the stemmer, as Elasticsearch's pattern_replace filters (search/analysis.py), in order.
STEM_RULES = (
    (r"v$", "f"),  # bedrijv → bedrijf
    (r"z$", "s"),  # huiz → huis
    (r"([bcdfgklmnprst])\1$", "$1"),  # gezinn → gezin
    (r"ies$", "ie"),  # corporaties → corporatie
)
_STEM_RULES = tuple((re.compile(p), r.replace("$1", r"\1")) for p, r in STEM_RULES)


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern:
    """The combining marks of the Basic Multilingual Plane, as one character class."""
    marks = [code for code in range(0x10000) if unicodedata.combining(chr(code))]
    ranges, start = [], marks[0]
    for previous, code in zip(marks, [*marks[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
    return re.compile(f"[{''.join(ranges)}]+")


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Één Wijkonderneming' → 'een wijkonderneming'."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered.strip()
    decomposed = _combining_marks().sub("", unicodedata.normalize("NFKD", lowered))
    if max(decomposed) > "\uffff":  # marks beyond the BMP: rare, checked one by one
        decomposed = "".join(char for char in decomposed if not unicodedata.combining(char))
    return decomposed.strip()


STEM_OVERRIDES_FILE = Path(__file__).with_name("stem_overrides.txt")


@lru_cache(maxsize=1)
def stem_override_groups() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Reviewed stemmer overrides: (words, their fixed stem), from "word, word => stem"."""
    lines = STEM_OVERRIDES_FILE.read_text(encoding="utf-8").splitlines()
    groups = []
    for rule in (line.split("#")[0].strip() for line in lines):
        if rule:
            words_, _, target = rule.partition("=>")
            groups.append((tuple(w.strip() for w in words_.split(",")), target.strip()))
    return tuple(groups)


@lru_cache(maxsize=1)
def stem_overrides() -> dict[str, str]:
    """Word → its fixed stem."""
    return {word: target for words_, target in stem_override_groups() for word in words_}


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    # Lucene's (and so Elasticsearch's) `dutch` stemmer is the original Snowball Dutch, which
    # snowballstemmer 3 calls `dutch_porter`; its `dutch` is Kraaij-Pohlmann-like and strips
    # "ge-" (gezinnen → zin), so it would not match what Elasticsearch indexes.
    return snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A folded word's stem exactly as Elasticsearch's `dutch_index` makes it: the reviewed
    override if there is one, else Snowball Dutch, then STEM_RULES (search/analysis.py)."""
    override = stem_overrides().get(word)
    if override is not None:
        return override
    stemmed = _stemmer().stemWord(word)
    for pattern, replacement in _STEM_RULES:
        stemmed = pattern.sub(replacement, stemmed)
    return stemmed


def words(text: str) -> list[str]:
    """Folded words of `text`, stop words included (for phrases and highlighting)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """Folded, stemmed words of `text` without stop words: what the database engine matches."""
    return [stem(word) for word in words(text) if word not in DUTCH_STOP_WORDS]


def index_terms(text: str) -> list[str]:
    """Terms for the database engine's index: `terms` plus the stemmed parts of compounds
    (split by the Dutch lexicon, search/lexicon.py), as Elasticsearch's `compound_parts`."""
    found = []
    for word in words(text):
        if word in DUTCH_STOP_WORDS:
            continue
        found.append(stem(word))
        found.extend(stem(part) for part in compound_split(word))
    return found


def minimum_should_match(count: int) -> int:
    """How many of `count` query terms a practice must match: all of one or two, else 75 %
    rounded down (3 of 4, 3 of 5, 4 of 6). Elasticsearch: MINIMUM_SHOULD_MATCH. Chosen on the
    judged queries over "2<-1 5<60%" and "3<-1 5<50%" (docs/relevance.md)."""
    return count if count <= 2 else count * 3 // 4


MINIMUM_SHOULD_MATCH = "2<75%"


def padded(terms_: list[str]) -> str:
    """Terms as stored: unique, space-separated, with a space at both ends."""
    return " " + " ".join(dict.fromkeys(terms_)) + " "
