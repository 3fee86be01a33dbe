"""Dutch compound splitting from a real lexicon: OpenTaal's Hunspell dictionary via spylls.

Both engines split in Python, the same way, at index time (the parts of every compound go
into a parts field: `compound_parts` in Elasticsearch, the terms of the database engine's
entry) and at query time (a compound query word also matches its parts), so no dictionary
file has to be deployed on an Elasticsearch cluster.

The dictionary is Debian's `hunspell-nl` (/usr/share/hunspell/nl.{aff,dic}; scripts/lexicon.sh
installs it). Without it, nothing is split and search works as before, with a warning.
A split is kept only if every part is a Dutch word of at least MIN_PART letters; known false
splits are listed in `compound_exceptions.txt` (reviewed by hand).

Splitting a word the process has not seen costs about a millisecond and a half, so the
splits found are also kept on disk (`<VAR_DIR>/lexicon-splits.json`, tied to the dictionary,
the exceptions and the rules): a rebuild or a new worker starts with every split known.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DICTIONARY = Path(os.environ.get("HUNSPELL_NL", "/usr/share/hunspell/nl"))
EXCEPTIONS_FILE = Path(__file__).with_name("compound_exceptions.txt")
MIN_WORD = 7
MIN_PART = 3


_LOADED: list = []  # [] before loading, then [Dictionary or None]
_LOADING = threading.Lock()


def _dictionary():  # -> spylls.hunspell.Dictionary | None
    """The dictionary, loaded once per process (callers during the load wait for it)."""
    if _LOADED:
        return _LOADED[0]
    with _LOADING:
        if not _LOADED:
            _LOADED.append(_load())
            # The dictionary is about a million objects that never change. Left to the
            # garbage collector, every full collection walks them all, holding the GIL: on a
            # busy 2-core machine that froze every request of the process for 3-5 s
            # (docs/reliability.md). Frozen objects are never examined again.
            gc.freeze()
    return _LOADED[0]


def _load():  # -> spylls.hunspell.Dictionary | None
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        logger.warning("spylls is not installed: Dutch compounds are not split")
        return None
    if not DICTIONARY.with_suffix(".dic").exists():
        logger.warning("No Hunspell dictionary at %s: Dutch compounds are not split", DICTIONARY)
        return None
    return Dictionary.from_files(str(DICTIONARY))


@lru_cache(maxsize=1)
def exceptions() -> frozenset[str]:
    """Words that must never be split (one per line; # comments)."""
    lines = EXCEPTIONS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


def warm_in_background() -> None:
    """Load the dictionary in a daemon thread (process start-up)."""
    threading.Thread(target=_dictionary, name="lexicon-warm-up", daemon=True).start()


def lexicon_available() -> bool:
    return _dictionary() is not None


@lru_cache(maxsize=200_000)
def is_word(word: str) -> bool:
    """A correct Dutch word (or inflection) for the lexicon."""
    dictionary = _dictionary()
    return dictionary is not None and dictionary.lookup(word)


def _part(form, *, last: bool) -> str:  # form: spylls AffixForm
    """A part as a word: a linking letter dropped ('gezondheids' → 'gezondheid'), the head's
    inflection kept (the stemmer deals with it), the ĳ ligature written as ij again."""
    text = form.text if last else form.stem
    return text.replace("\u0133", "ij")


# --- Splits kept on disk --------------------------------------------------------------------

# "splits": {word: [parts]}; "new": how many since the last save; "added", only in a process
# that called splits_record() (a rebuild's worker): the splits found since splits_taken(),
# which it hands to its parent.
_STORE: dict = {}
_STORE_LOCK = threading.Lock()
STORE_VERSION = 1


def _store_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "lexicon-splits.json"


def _fingerprint() -> str:
    """What the splits depend on: the dictionary files, the exceptions and the rules."""
    parts = [str(STORE_VERSION), str(MIN_WORD), str(MIN_PART), EXCEPTIONS_FILE.read_text()]
    for suffix in (".dic", ".aff"):
        stat = DICTIONARY.with_suffix(suffix).stat()
        parts.append(f"{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _splits() -> dict[str, list[str]]:
    """The stored splits, read once per process (empty if missing, stale or unreadable)."""
    if "splits" in _STORE:
        return _STORE["splits"]
    with _STORE_LOCK:
        if "splits" not in _STORE:
            splits: dict[str, list[str]] = {}
            try:
                data = json.loads(_store_path().read_text(encoding="utf-8"))
                if data.get("fingerprint") == _fingerprint():
                    splits = data["splits"]
            except (OSError, ValueError, KeyError):
                pass
            _STORE.update(splits=splits, new=0)
    return _STORE["splits"]


def split_store_save() -> int:
    """Write the splits found so far to disk (atomically); returns how many are stored.

    Called at the end of a rebuild; a no-op when nothing new was split."""
    splits = _splits()
    if not _STORE.get("new") or _dictionary() is None:
        return len(splits)
    path = _store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with _STORE_LOCK:
        data = {"fingerprint": _fingerprint(), "splits": dict(splits)}
        _STORE["new"] = 0
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return len(data["splits"])


@lru_cache(maxsize=200_000)
def compound_split(word: str) -> tuple[str, ...]:
    """The parts of a Dutch compound by the dictionary's own compounding rules, or () for a
    simple word: 'buurtbegroting' → ('buurt', 'begroting').

    Of the decompositions Hunspell accepts, the one with the fewest parts wins, and only if
    every part is a word of MIN_PART letters or more ('werk' + 'loosheid' is no split).
    """
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    dictionary = _dictionary()
    if dictionary is None or word in exceptions():
        return ()
    stored = _splits().get(word)
    if stored is not None:
        return tuple(stored)
    parts = _compound_split(dictionary, word)
    _splits()[word] = list(parts)
    _STORE["new"] = _STORE.get("new", 0) + 1
    if "added" in _STORE:
        _STORE["added"][word] = list(parts)
    return parts


def splits_record() -> None:
    """From now on, keep the splits this process finds for splits_taken()."""
    _STORE["added"] = {}


def splits_taken() -> dict[str, list[str]]:
    """The splits found since splits_record() or the last call (empty if not recording)."""
    added = _STORE.get("added", {})
    if "added" in _STORE:
        _STORE["added"] = {}
    return added


def splits_merge(splits: dict[str, list[str]]) -> None:
    """Add splits another process found, so split_store_save() keeps them too."""
    if not splits:
        return
    stored = _splits()
    with _STORE_LOCK:
        stored.update(splits)
        _STORE["new"] = _STORE.get("new", 0) + len(splits)


def _compound_split(dictionary, word: str) -> tuple[str, ...]:
    from spylls.hunspell.algo.lookup import CompoundForm

    # The Dutch dictionary spells ij as the ligature ĳ (its ICONV rule).
    forms = dictionary.lookuper.good_forms(word.replace("ij", "\u0133"))
    splits = []
    for form in forms:
        if not isinstance(form, CompoundForm):
            continue
        parts = tuple(
            _part(part, last=index == len(form.parts) - 1) for index, part in enumerate(form.parts)
        )
        if all(len(part) >= MIN_PART and is_word(part) for part in parts):
            splits.append(parts)
    return min(splits, key=len) if splits else ()


def with_parts(words: list[str]) -> list[str]:
    """Each word followed by the parts of it, if it is a compound."""
    out = []
    for word in words:
        out.append(word)
        out.extend(compound_split(word))
    return out


def parts_text(words: list[str]) -> str:
    """Only the parts of the compounds among `words`, space-separated (a parts field)."""
    return " ".join(part for word in words for part in compound_split(word))


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """The dictionary forms the lexicon derives `word` from ('gezinnen' → {'gezin'}), for the
    stemmer check (search/relevance/stemcheck.py); empty for unknown words."""
    dictionary = _dictionary()
    if dictionary is None:
        return frozenset()
    from spylls.hunspell.algo.lookup import CompoundForm

    found = set()
    for form in dictionary.lookuper.good_forms(word.replace("ij", "\u0133")):
        if not isinstance(form, CompoundForm):
            found.add(form.stem.replace("\u0133", "ij").lower())
    return frozenset(found)
