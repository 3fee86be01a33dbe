"""A rebuild builds its documents in worker processes: the same documents, in the same order."""

from __future__ import annotations

import pytest

from search import lexicon
from search.builders import Builders, builders
from search.documents import practices_for_indexing


def _content(chunks) -> tuple[list, list]:
    actions = [
        (a["_id"], a["_index"], a["_source"]["content_hash"]) for c in chunks for a in c.actions
    ]
    entries = [(e.page_id, e.title_terms, e.terms, e.words) for c in chunks for e in c.entries]
    return actions, entries


def test_worker_processes_build_what_this_process_builds(django_db_blocker):
    # Outside a transaction: forked workers read only what is committed (the loaded corpus).
    with django_db_blocker.unblock():
        page_ids = list(practices_for_indexing().values_list("pk", flat=True))
        with builders(2) as forked:
            assert forked.pool is not None
            in_workers = list(forked.chunks(page_ids, 7, "wwdw-x", True))
        in_process = list(Builders(None, 1).chunks(page_ids, 7, "wwdw-x", True))
    assert len(page_ids) > 14
    assert [len(c.actions) for c in in_workers] == [len(c.actions) for c in in_process]
    assert _content(in_workers) == _content(in_process)
    assert [action_id for action_id, *_ in _content(in_workers)[0]] == page_ids


@pytest.mark.django_db
def test_inside_a_transaction_documents_are_built_in_process():
    # Workers could not see this transaction's pages.
    with builders(2) as chosen:
        assert chosen.pool is None


def test_splits_found_in_a_worker_reach_the_store_the_parent_saves():
    if not lexicon.lexicon_available():
        pytest.skip("no Dutch lexicon installed")
    lexicon.splits_record()  # as a rebuild's worker does when it starts
    word = "buurtbegrotingsoverleg"
    lexicon.compound_split.cache_clear()
    lexicon._splits().pop(word, None)
    parts = lexicon.compound_split(word)
    taken = lexicon.splits_taken()
    assert taken == {word: list(parts)} and parts
    assert lexicon.splits_taken() == {}
    lexicon._splits().pop(word)
    lexicon.splits_merge(taken)
    assert lexicon._splits()[word] == list(parts)
    lexicon._STORE.pop("added")  # this process is no worker: stop recording
