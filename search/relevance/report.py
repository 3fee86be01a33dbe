"""docs/relevance.md from engine scores, the recorded history and the floor."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from search.relevance.evaluate import EngineScore
from search.relevance.judgments import HERE, KINDS, Floor

HISTORY_FILE = HERE / "history.yaml"


def below_floor(score: EngineScore, floor: Floor) -> list[str]:
    """What falls below the floor, in words; empty when all is well."""
    problems = []
    if score.ndcg_at_5 < floor.ndcg_at_5:
        problems.append(f"nDCG@5 {score.ndcg_at_5:.3f} < {floor.ndcg_at_5}")
    if score.success_at_3 < floor.success_at_3:
        problems.append(f"success@3 {score.success_at_3:.3f} < {floor.success_at_3}")
    if score.zero_result_rate > floor.zero_result_rate:
        problems.append(f"zero results {score.zero_result_rate:.3f} > {floor.zero_result_rate}")
    return [f"{score.engine}: {problem}" for problem in problems]


def history_load() -> list[dict]:
    if not HISTORY_FILE.exists():
        return []
    return yaml.safe_load(HISTORY_FILE.read_text(encoding="utf-8")) or []


def history_record(label: str, scores: list[EngineScore], corpus: int) -> None:
    """Append this run's figures to history.yaml (the before/after record)."""
    history = history_load()
    for score in scores:
        history.append(
            {
                "label": label,
                "date": datetime.date.today().isoformat(),
                "engine": score.engine,
                "practices": corpus,
                "queries": len(score.answerable),
                "ndcg_at_5": round(score.ndcg_at_5, 3),
                "success_at_3": round(score.success_at_3, 3),
                "zero_result_rate": round(score.zero_result_rate, 3),
            }
        )
    HISTORY_FILE.write_text(yaml.safe_dump(history, sort_keys=False), encoding="utf-8")


def _summary(scores: list[EngineScore], floors: dict[str, Floor]) -> list[str]:
    lines = [
        "| engine | nDCG@5 | success@3 | zero results (answerable) "
        "| no-answer queries with hits | floor (nDCG / success / zero) | measured by |",
        "|---|---|---|---|---|---|---|",
    ]
    for score in scores:
        floor = floors[score.engine]
        no_answer = [s for s in score.queries if not s.judgment.answerable]
        lines.append(
            f"| {score.engine} | {score.ndcg_at_5:.3f} | {score.success_at_3:.3f} "
            f"| {score.zero_result_rate:.3f} "
            f"| {len(score.unanswerable_with_hits)} of {len(no_answer)} "
            f"| {floor.ndcg_at_5} / {floor.success_at_3} / {floor.zero_result_rate} "
            f"| {score.method} |"
        )
    return lines


def _by_kind(scores: list[EngineScore]) -> list[str]:
    lines = ["| kind | queries | " + " | ".join(s.engine for s in scores) + " |"]
    lines.append("|---|---|" + "---|" * len(scores))
    for kind in KINDS[:-1]:
        cells = []
        for score in scores:
            of_kind = [s for s in score.answerable if s.judgment.kind == kind]
            ndcg = sum(s.ndcg for s in of_kind) / max(len(of_kind), 1)
            cells.append(f"{ndcg:.3f} / {sum(s.success for s in of_kind)}")
        count = sum(1 for s in scores[0].answerable if s.judgment.kind == kind)
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    return lines


def _worst(score: EngineScore) -> list[str]:
    lines = [
        f"### {score.engine}: the 10 hardest queries",
        "",
        "| query | kind | nDCG@5 | success@3 | hits | top 3 (grade) |",
        "|---|---|---|---|---|---|",
    ]
    for item in score.worst():
        ratings = item.judgment.ratings
        top = ", ".join(f"{slug} ({ratings.get(slug, 0)})" for slug in item.top[:3]) or "—"
        lines.append(
            f"| {item.judgment.query} | {item.judgment.kind} | {item.ndcg:.3f} "
            f"| {'yes' if item.success else 'no'} | {item.total} | {top} |"
        )
    return lines


def _history() -> list[str]:
    lines = [
        "| run | date | engine | practices | queries | nDCG@5 | success@3 | zero results |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in history_load():
        lines.append(
            f"| {row['label']} | {row['date']} | {row['engine']} | {row['practices']} "
            f"| {row['queries']} | {row['ndcg_at_5']:.3f} | {row['success_at_3']:.3f} "
            f"| {row['zero_result_rate']:.3f} |"
        )
    return lines


def report_write(
    path: Path, scores: list[EngineScore], floors: dict[str, Floor], corpus: int
) -> None:
    intro = Path(HERE / "report_intro.md").read_text(encoding="utf-8").rstrip()
    parts = [
        intro,
        "",
        f"## Now ({len(scores[0].queries)} judged queries, {corpus} practices)",
        "",
        *_summary(scores, floors),
        "",
        "By kind (nDCG@5 / queries with a good answer in the top 3):",
        "",
        *_by_kind(scores),
        "",
        "## Before and after (recorded runs, `manage.py relevance --record LABEL`)",
        "",
        *_history(),
        "",
        "## Hardest queries",
        "",
    ]
    for score in scores:
        parts += [*_worst(score), ""]
    path.write_text("\n".join(parts), encoding="utf-8")
