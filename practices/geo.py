"""The map of the Netherlands: one projection for the outline and the city markers.

The outline is built once, at install time (`manage.py build_map`), from Natural Earth's
`countries-10m.json` in the npm package world-atlas (feature 528, the Caribbean parts
dropped by bounding box), and kept as SVG path data in site/static/generated/. Pages draw
it inline with a marker per city, so the map needs no tile server and works offline.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from django.conf import settings

NETHERLANDS = "528"
# Longitude/latitude box of the European Netherlands (drops Bonaire, Sint Eustatius, Saba).
BOX = (3.2, 50.7, 7.3, 53.7)
WIDTH = 400  # SVG user units; the height follows from the projection
_SCALE_Y = 1 / math.cos(math.radians(52.2))  # equirectangular, true to scale around 52.2° N
OUTLINE_FILE = "generated/netherlands.json"


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map coordinates (degrees) to SVG units within BOX, north up."""
    west, _south, east, north = BOX
    scale = WIDTH / (east - west)
    return (
        round((longitude - west) * scale, 1),
        round((north - latitude) * scale * _SCALE_Y, 1),
    )


def map_height() -> float:
    return project(BOX[0], BOX[1])[1]


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode TopoJSON's delta-encoded, quantised arcs into longitude/latitude points."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _rings(topology: dict, feature_id: str) -> Iterator[list[tuple[float, float]]]:
    arcs = _arcs(topology)
    geometry = next(
        g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == feature_id
    )
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for index in ring:
                arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
                points.extend(arc[1:] if points else arc)
            yield points


def outline_path(topology: dict) -> str:
    """SVG path data of the European Netherlands from a world-atlas topology."""
    west, south, east, north = BOX
    parts = []
    for ring in _rings(topology, NETHERLANDS):
        if not all(west <= lon <= east and south <= lat <= north for lon, lat in ring):
            continue
        coords = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in coords) + "Z")
    return "".join(parts)


def outline_build(source: Path, target: Path) -> int:
    """Write the outline's path data to `target`; returns its size in bytes."""
    path = outline_path(json.loads(source.read_text()))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"path": path, "width": WIDTH, "height": map_height()}))
    return target.stat().st_size


@lru_cache(maxsize=1)
def outline() -> dict | None:
    """The built outline, or None if `manage.py build_map` has not run."""
    for folder in settings.STATICFILES_DIRS:
        folder = folder[1] if isinstance(folder, tuple) else folder
        path = Path(folder) / OUTLINE_FILE
        if path.is_file():
            return json.loads(path.read_text())
    return None
