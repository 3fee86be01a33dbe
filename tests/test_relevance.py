"""The judged query set, the metrics, and the relevance floor on both real engines."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from django.core.management import call_command

from practices.models import PracticePage
from search.relevance.judgments import (
    KINDS,
    Judgment,
    floors_load,
    judgments_load,
    ndcg_at,
    success_at,
)


def test_ndcg_is_the_rank_eval_dcg_normalised():
    ratings = {"a": 3, "b": 1, "c": 2}
    # Ideal: 3, 2, 1 → 7/1 + 3/log2(3) + 1/2.
    ideal = 7 + 3 / math.log2(3) + 0.5
    assert ndcg_at(["a", "c", "b"], ratings) == pytest.approx(1.0)
    assert ndcg_at(["x", "a"], ratings) == pytest.approx((7 / math.log2(3)) / ideal)
    assert ndcg_at([], ratings) == 0.0
    assert ndcg_at(["a"], {}) == 0.0


def test_success_needs_a_good_answer_in_the_first_three():
    ratings = {"good": 2, "weak": 1}
    assert success_at(["x", "y", "good"], ratings)
    assert not success_at(["x", "y", "z", "good"], ratings)
    assert not success_at(["weak"], ratings)


def test_the_judged_set_has_the_issues_mix():
    judgments = judgments_load()
    kinds = Counter(judgment.kind for judgment in judgments)
    assert len(judgments) >= 80
    assert set(kinds) == set(KINDS)
    assert 3 <= kinds["none"] <= 10
    assert all(j.answerable for j in judgments if j.kind != "none")


@pytest.mark.django_db
def test_every_judged_practice_exists_in_the_corpus():
    slugs = set(PracticePage.objects.values_list("slug", flat=True))
    judged = {slug for judgment in judgments_load() for slug in judgment.ratings}
    assert judged - slugs == set()


def test_a_bad_judgment_file_names_the_query(tmp_path):
    path = tmp_path / "judgments.yaml"
    path.write_text("queries:\n  - {query: wijk, kind: single, ratings: {x: 4}}\n")
    with pytest.raises(ValueError, match=r"query 1 \('wijk'\): grades must be 1-3"):
        judgments_load(path)
    assert Judgment("wijk", "none").answerable is False


def test_the_floor_covers_both_engines():
    assert set(floors_load()) == {"elasticsearch", "database"}


@pytest.mark.django_db
@pytest.mark.usefixtures("require_elasticsearch")
def test_relevance_stays_above_the_floor_on_both_engines(capsys):
    # Raises CommandError (fails the test) when a metric falls below floor.yaml.
    call_command("relevance")
    out = capsys.readouterr().out
    assert "elasticsearch: nDCG@5" in out
    assert "database: nDCG@5" in out
