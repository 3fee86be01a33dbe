"""Run the judged queries on an engine and score them.

Elasticsearch is scored by its own `_rank_eval` API on the exact search the engine sends
(`ElasticsearchEngine.ranked`: the same query, sort and typo-tolerant second pass); the
database engine by the same metrics computed in Python (search/relevance/judgments.py).
Zero results are counted on the engine's real answer, as a user would see it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from elasticsearch import BadRequestError

from practices.models import PracticePage
from search.client import elasticsearch_client
from search.documents import index_alias
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import facet_vocabulary
from search.query import SearchRequest, search_request_build
from search.relevance.judgments import (
    GOOD,
    K_NDCG,
    K_SUCCESS,
    Judgment,
    ndcg_at,
    success_at,
)


@dataclass(frozen=True)
class QueryScore:
    judgment: Judgment
    ndcg: float
    success: bool
    total: int
    top: tuple[str, ...]  # slugs of the first K_NDCG hits
    did_you_mean: str = ""


@dataclass(frozen=True)
class EngineScore:
    engine: str
    queries: tuple[QueryScore, ...]
    method: str = "python"

    @property
    def answerable(self) -> list[QueryScore]:
        return [score for score in self.queries if score.judgment.answerable]

    @property
    def ndcg_at_5(self) -> float:
        return statistics.fmean(score.ndcg for score in self.answerable)

    @property
    def success_at_3(self) -> float:
        return statistics.fmean(score.success for score in self.answerable)

    @property
    def zero_result_rate(self) -> float:
        return statistics.fmean(score.total == 0 for score in self.answerable)

    @property
    def unanswerable_with_hits(self) -> list[QueryScore]:
        """Queries without a good answer that still returned practices."""
        return [s for s in self.queries if not s.judgment.answerable and s.total > 0]

    def worst(self, count: int = 10) -> list[QueryScore]:
        return sorted(self.answerable, key=lambda s: (s.ndcg, s.success, s.judgment.query))[:count]


def _request(text: str) -> SearchRequest:
    return search_request_build(text=text, page_size=K_NDCG, vocabulary=facet_vocabulary())


def database_score(judgments: list[Judgment]) -> EngineScore:
    """The database engine's answers, scored in Python."""
    engine = DatabaseEngine()
    scores = []
    for judgment in judgments:
        results = engine.search(_request(judgment.query))
        top = tuple(hit.slug for hit in results.hits)
        scores.append(
            QueryScore(
                judgment,
                ndcg_at(top, judgment.ratings),
                success_at(top, judgment.ratings),
                results.total,
                top,
                results.did_you_mean,
            )
        )
    return EngineScore(DatabaseEngine.name, tuple(scores))


def _rank_eval(requests: list[dict], metric: dict) -> dict[str, dict] | None:
    """Per-request details of `_rank_eval`, or None where the cluster lacks the API.

    The local integ-test distribution ships no `rank-eval` module (`POST _rank_eval` answers
    400 "no handler found"); every full distribution and cloud cluster has it.
    """
    try:
        response = elasticsearch_client().rank_eval(
            index=index_alias(), requests=requests, metric=metric
        )
    except BadRequestError as error:
        if "no handler found" in str(error):
            return None
        raise
    if response.get("failures"):
        raise RuntimeError(f"_rank_eval failed: {response['failures']}")
    return response["details"]


def _rank_eval_request(number: int, body: dict, judgment: Judgment, ids: dict, index: str):
    return {
        "id": str(number),
        "request": {key: body[key] for key in ("query", "sort") if key in body},
        "ratings": [
            {"_index": index, "_id": str(ids[slug]), "rating": grade}
            for slug, grade in judgment.ratings.items()
            if slug in ids
        ],
    }


def elasticsearch_score(judgments: list[Judgment]) -> EngineScore:
    """The Elasticsearch engine's searches, scored by `_rank_eval` (nDCG@5, success@3).

    Where the cluster has no `_rank_eval`, the same metric is computed in Python on the hits
    of the same searches, and the score says so (`method`).
    """
    engine = ElasticsearchEngine()
    index = next(iter(elasticsearch_client().indices.get_alias(name=index_alias())))
    ids = dict(PracticePage.objects.values_list("slug", "pk"))
    slugs = {str(pk): slug for slug, pk in ids.items()}
    requests, answers = [], []
    for number, judgment in enumerate(judgments):
        request = _request(judgment.query)
        faceted, response, exact_total = engine.ranked(request)
        body = faceted.build_search().to_dict()
        requests.append(_rank_eval_request(number, body, judgment, ids, index))
        answers.append((response, engine.correction(request, response, exact_total)))
    ndcg = _rank_eval(requests, {"dcg": {"k": K_NDCG, "normalize": True}})
    # Reciprocal rank within the first K_SUCCESS is above 0 exactly when one is good.
    found = ndcg and _rank_eval(
        requests,
        {"mean_reciprocal_rank": {"k": K_SUCCESS, "relevant_rating_threshold": GOOD}},
    )
    scores = []
    for number, (judgment, (response, suggestion)) in enumerate(
        zip(judgments, answers, strict=True)
    ):
        if ndcg and found:
            detail = ndcg[str(number)]
            top = tuple(slugs.get(hit["hit"]["_id"], "?") for hit in detail["hits"])
            metric, success = detail["metric_score"], found[str(number)]["metric_score"] > 0
        else:
            top = tuple(slugs.get(hit.meta.id, "?") for hit in response)[:K_NDCG]
            metric, success = ndcg_at(top, judgment.ratings), success_at(top, judgment.ratings)
        total = response.hits.total.value
        scores.append(QueryScore(judgment, metric, success, total, top, suggestion))
    method = "_rank_eval" if ndcg else "python (this cluster has no _rank_eval)"
    return EngineScore(ElasticsearchEngine.name, tuple(scores), method)
