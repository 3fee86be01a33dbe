"""Tables and plots from docs/benchmarks.json into docs/benchmarks.md (between the results
markers), docs/benchmarks-p95.png and docs/benchmarks-throughput.png."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SYSTEMS = ("api", "api-cached", "http", "html", "raw", "wagtail", "database")
LABELS = {
    "api": "our API (in process, response cache off)",
    "api-cached": "our API (in process, response cache on)",
    "http": "our API over HTTP (gunicorn)",
    "html": "HTML search page (in process)",
    "raw": "(a) raw Elasticsearch, same requests",
    "wagtail": "(b) Wagtail search + facet()",
    "database": "(c) our database engine (PostgreSQL)",
}


def _latency_rows(rows: list[dict]) -> list[dict]:
    return [row for row in rows if "load_test" not in row]


def _by(rows: list[dict], n: int, system: str) -> dict | None:
    return next((r for r in _latency_rows(rows) if r["n"] == n and r["system"] == system), None)


def latency_table(rows: list[dict], n: int) -> list[str]:
    raw, wagtail = _by(rows, n, "raw"), _by(rows, n, "wagtail")
    lines = [
        f"**{n:,} practices** (load average during the run: "
        f"{', '.join(str(r['load_1m']) for r in _latency_rows(rows) if r['n'] == n)})",
        "",
        "| system | p50 ms | p95 ms | p99 ms | p95 ÷ raw | p95 ÷ Wagtail | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    for system in SYSTEMS:
        row = _by(rows, n, system)
        if row is None:
            continue
        ratio_raw = f"{row['p95_ms'] / raw['p95_ms']:.2f}×" if raw else ""
        ratio_wagtail = f"{row['p95_ms'] / wagtail['p95_ms']:.2f}×" if wagtail else ""
        lines.append(
            f"| {LABELS[system]} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {ratio_raw} | {ratio_wagtail} | {row['queries']} |"
        )
    return [*lines, ""]


def kinds_table(rows: list[dict], n: int) -> list[str]:
    lines = ["| p95 ms by kind | " + " | ".join(SYSTEMS) + " |", "|---" * (len(SYSTEMS) + 1) + "|"]
    kinds = ("text", "text+facets", "facets", "zero-hit", "suggest", "related", "wagtail-job")
    for kind in kinds:
        cells = []
        for system in SYSTEMS:
            row = _by(rows, n, system)
            value = (row or {}).get("kinds", {}).get(kind)
            if kind == "wagtail-job" and system == "wagtail":
                value = row  # Wagtail's whole mix is its job
            cells.append(f"{value['p95_ms']:.1f}" if value else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    note = "wagtail-job: the whole mix except related practices, which Wagtail cannot answer."
    return [*lines, "", note, ""]


def operations_table(rows: list[dict]) -> list[str]:
    lines = [
        "| N | rebuild s | searches during rebuild (errors, fallbacks) "
        "| publish → searchable s (median, worst of n) "
        "| Wagtail index s | gunicorn worker RSS MB | harness RSS MB | ES heap used / max MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in _latency_rows(rows):
        if row["system"] != "api" or "rebuild_s" not in row:
            continue
        publish = "invalid" if row["publish_s"] is None else row["publish_s"]
        if row.get("publish_max_s") is not None:
            publish = f"{publish} ({row['publish_max_s']} of {row['publish_count']})"
        lines.append(
            f"| {row['n']:,} | {row['rebuild_s']} | {row['total']} ({row['errors']}, "
            f"{row['fallbacks']}) | {publish}"
            f"{'*' if row.get('publish_note') else ''} | {row.get('wagtail_index_s') or 'kept'} "
            f"| {' + '.join(str(m) for m in row['gunicorn_worker_rss_mb'])} | "
            f"{row['harness_rss_mb']} | {row['es_heap_used_mb']} / {row['es_heap_max_mb']} |"
        )
    notes = [f"\\* {row['n']:,}: {row['publish_note']}" for row in rows if row.get("publish_note")]
    return [*lines, "", *(f"{note}  " for note in notes), ""]


def load_table(rows: list[dict]) -> list[str]:
    lines = [
        "| N | load | requests/s | p50 ms | p95 ms | p99 ms | errors | after ES stop |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "load_test" not in row:
            continue
        after = (
            f"{row['after_stop_rps']} req/s, {row['after_stop_errors']} errors"
            if "after_stop_rps" in row
            else ""
        )
        mark = " **(capacity, p95 ≤ 100 ms)**" if row.get("capacity") else ""
        lines.append(
            f"| {row['n']:,} | {row['load_test']}{mark} | {row['throughput_rps']} | "
            f"{row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | "
            f"{row['errors']} | {after} |"
        )
    return [*lines, ""]


def plots(rows: list[dict]) -> None:
    figure, axis = plt.subplots(figsize=(7, 4))
    for system in SYSTEMS:
        points = sorted((r["n"], r["p95_ms"]) for r in _latency_rows(rows) if r["system"] == system)
        if points:
            axis.plot(*zip(*points, strict=True), marker="o", label=LABELS[system])
    axis.set(xscale="log", yscale="log", xlabel="practices", ylabel="p95 latency (ms)")
    axis.axhline(25, color="grey", linestyle=":", linewidth=1)
    axis.legend(fontsize=7)
    axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(DOCS / "benchmarks-p95.png", dpi=110)
    figure, axis = plt.subplots(figsize=(7, 4))
    for n in sorted({r["n"] for r in rows if r.get("users")}):
        points = sorted(
            (r["users"], r["throughput_rps"])
            for r in rows
            if r.get("users") and r["n"] == n and r["load_test"].endswith("users")
        )
        axis.plot(*zip(*points, strict=True), marker="o", label=f"{n:,} practices")
    axis.set(xlabel="concurrent users (no think time)", ylabel="requests/s (whole mix)")
    axis.legend(fontsize=7)
    axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(DOCS / "benchmarks-throughput.png", dpi=110)


def machine() -> str:
    es = subprocess.run(
        ["scripts/elasticsearch.sh", "url"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), Python "
        f"{platform.python_version()}, Elasticsearch 8.19.21 at {es} (512 MB heap), "
        "PostgreSQL from Debian, gunicorn 2 workers × 4 threads"
    )


def cluster_section(rows: list[dict]) -> list[str]:
    """The runs against a 3-node cluster (ES_NODES=3), apart from the single-node tables."""
    if not rows:
        return []
    lines = [
        f"**On a 3-node cluster** (three Elasticsearch nodes of 512 MB on this same 2-core "
        f"machine; {max(row.get('measured_at', '') for row in rows)}):",
        "",
    ]
    for n in sorted({row["n"] for row in _latency_rows(rows)}):
        lines += latency_table(rows, n)
    lines += [*operations_table(rows), *load_table(rows)]
    return lines


def main() -> None:
    every = json.loads((DOCS / "benchmarks.json").read_text())
    rows = [row for row in every if row.get("es_nodes", 1) == 1]
    cluster = [row for row in every if row.get("es_nodes", 1) > 1]
    sizes = sorted({row["n"] for row in _latency_rows(rows)})
    stamp = max(row.get("measured_at", "") for row in rows)
    lines = [f"Last run {stamp}; {machine()}.", ""]
    for n in sizes:
        lines += latency_table(rows, n) + kinds_table(rows, n)
    lines += ["Rebuild, publish and memory:", "", *operations_table(rows)]
    lines += ["Throughput (locust, closed loop, whole mix):", "", *load_table(rows)]
    lines += cluster_section(cluster)
    lines += ["![p95 against N](benchmarks-p95.png)", ""]
    lines += ["![throughput](benchmarks-throughput.png)"]
    plots(rows)
    path = DOCS / "benchmarks.md"
    text = path.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n" + "\n".join(lines) + f"\n{end}{after}")


if __name__ == "__main__":
    main()
