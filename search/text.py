"""Dutch text normalisation for the database engine: fold, split, drop stop words, stem.

Elasticsearch does the same with its analysis chain (search/analysis.py); this module gives
the database engine comparable matching (case, accents, plurals, synonyms), not identical
scores.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Één Wijkonderneming' → 'een wijkonderneming'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


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
    """How many of `count` query terms a practice must match: all of one or two, all but one
    of three to five, 60 % (rounded down) of more. Elasticsearch: MINIMUM_SHOULD_MATCH."""
    if count <= 2:
        return count
    if count <= 5:
        return count - 1
    return count * 6 // 10


MINIMUM_SHOULD_MATCH = "2<-1 5<60%"


def padded(terms_: list[str]) -> str:
    """Terms as stored: unique, space-separated, with a space at both ends."""
    return " " + " ".join(dict.fromkeys(terms_)) + " "
