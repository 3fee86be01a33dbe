"""The judged query set, its floor, and the metrics computed in Python.

`judgments.yaml` holds graded Dutch queries (0-3 per practice slug); `floor.yaml` the lowest
figures CI accepts. nDCG@5 here is exactly Elasticsearch's `_rank_eval` `dcg` metric with
`normalize: true` (gain 2^rating - 1, discount log2(rank + 1)), so both engines are measured
by one definition.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
JUDGMENTS_FILE = HERE / "judgments.yaml"
FLOOR_FILE = HERE / "floor.yaml"
K_NDCG = 5
K_SUCCESS = 3
# A practice graded at least this counts as a good answer (success@3).
GOOD = 2
KINDS = ("single", "question", "compound", "number", "typo", "synonym", "none")


@dataclass(frozen=True)
class Judgment:
    query: str
    kind: str
    ratings: dict[str, int] = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return any(rating >= GOOD for rating in self.ratings.values())


@dataclass(frozen=True)
class Floor:
    ndcg_at_5: float
    success_at_3: float
    zero_result_rate: float  # a maximum


def judgments_load(path: Path = JUDGMENTS_FILE) -> list[Judgment]:
    """The judged queries, checked: known kinds, grades 1-3, no query twice."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    judgments = []
    seen: set[str] = set()
    for number, item in enumerate(data["queries"], start=1):
        query, kind = str(item["query"]), item["kind"]
        ratings = {str(slug): int(grade) for slug, grade in (item.get("ratings") or {}).items()}
        problem = (
            f"unknown kind {kind!r}"
            if kind not in KINDS
            else "a query twice"
            if query.lower() in seen
            else "grades must be 1-3"
            if any(grade not in (1, 2, 3) for grade in ratings.values())
            else "kind 'none' has no ratings, every other kind a good answer"
            if (kind == "none") == any(grade >= GOOD for grade in ratings.values())
            else ""
        )
        if problem:
            raise ValueError(f"{path.name}: query {number} ({query!r}): {problem}")
        seen.add(query.lower())
        judgments.append(Judgment(query, kind, ratings))
    return judgments


def floors_load(path: Path = FLOOR_FILE) -> dict[str, Floor]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {engine: Floor(**values) for engine, values in data.items()}


def dcg(grades: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked: Sequence[str], ratings: dict[str, int], k: int = K_NDCG) -> float:
    """nDCG@k of a ranked list of slugs (unrated slugs count 0), as `_rank_eval` computes it."""
    ideal = dcg(sorted(ratings.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([ratings.get(slug, 0) for slug in ranked[:k]]) / ideal


def success_at(ranked: Sequence[str], ratings: dict[str, int], k: int = K_SUCCESS) -> bool:
    """A good answer (graded ≥ GOOD) among the first k."""
    return any(ratings.get(slug, 0) >= GOOD for slug in ranked[:k])
