"""The systematic stemmer check behind search/stem_overrides.txt.

Over the corpus vocabulary (every word of the searchable text of live practices, with its
frequency), three lists of candidates for a human to review:

- **merged meanings** (over-stemming): words with one stem whose lexicon lemmas share nothing
  (search/lexicon.py), or where one base has both an -en and an -s plural (ouderen/ouders:
  Dutch nouns rarely take both unless the meanings differ);
- **split forms** (under-stemming): words the lexicon derives from one lemma that end up
  with different stems (gezin/gezinnen).

Only words seen at least `min_count` times are checked; every fix is a reviewed rule in
stem_overrides.txt, never applied automatically.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from practices.models import SEARCH_TEXT, PracticePage
from search import lexicon
from search.text import DUTCH_STOP_WORDS, stem, words


@dataclass(frozen=True)
class StemGroup:
    key: str  # the shared stem (merged) or lemma (split)
    words: tuple[str, ...]
    reason: str


def corpus_vocabulary() -> Counter[str]:
    """Every folded word of the live practices' searchable text, with its frequency."""
    counts: Counter[str] = Counter()
    for page in PracticePage.objects.live().with_relations():
        for name, _weight in SEARCH_TEXT:
            counts.update(words(getattr(page, name)))
    return counts


def _two_plurals(group: list[str]) -> bool:
    bases = {word[:-2] for word in group if word.endswith("en")}
    return any(word.endswith("s") and word[:-1] in bases for word in group)


def merged_meanings(vocabulary: Counter[str], *, min_count: int = 2) -> list[StemGroup]:
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word, count in vocabulary.items():
        if count >= min_count and word not in DUTCH_STOP_WORDS and word.isalpha():
            by_stem[stem(word)].append(word)
    found = []
    for key, group in sorted(by_stem.items()):
        if len(group) < 2:
            continue
        known = [lexicon.lemmas(word) for word in group if lexicon.lemmas(word)]
        disjoint = len(known) > 1 and not frozenset.intersection(*known)
        if disjoint or _two_plurals(group):
            reason = "lemmas differ" if disjoint else "-en and -s plural"
            found.append(StemGroup(key, tuple(sorted(group)), reason))
    return found


def split_forms(vocabulary: Counter[str], *, min_count: int = 2) -> list[StemGroup]:
    by_lemma: dict[str, set[str]] = defaultdict(set)
    for word, count in vocabulary.items():
        if count >= min_count and word not in DUTCH_STOP_WORDS and word.isalpha():
            for lemma in lexicon.lemmas(word):
                by_lemma[lemma].add(word)
    found = []
    for lemma, group in sorted(by_lemma.items()):
        stems = {stem(word) for word in group}
        if len(stems) > 1:
            found.append(StemGroup(lemma, tuple(sorted(group)), "stems: " + ", ".join(stems)))
    return found
