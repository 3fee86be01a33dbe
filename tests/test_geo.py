"""The map: one projection for the outline and the markers, built from Natural Earth data."""

from __future__ import annotations

import json
import re

import pytest

from practices.geo import BOX, WIDTH, map_height, outline_path, project
from tests.conftest import ROOT

WORLD = ROOT / "node_modules" / "world-atlas" / "countries-10m.json"


def test_the_box_corners_are_the_map_corners():
    assert project(BOX[0], BOX[3]) == (0, 0)
    assert project(BOX[2], BOX[1]) == (WIDTH, map_height())


def test_north_is_up_and_east_is_right():
    groningen, maastricht = project(6.5665, 53.2194), project(5.6909, 50.8514)
    assert groningen[1] < maastricht[1] and groningen[0] > maastricht[0]


def test_the_outline_is_the_european_netherlands_only():
    if not WORLD.exists():
        pytest.fail("world-atlas is missing: `make install` runs npm ci")
    path = outline_path(json.loads(WORLD.read_text()))
    points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)]
    assert len(points) > 500
    assert len(path) < 12_000  # about 10 KB of path data
    assert all(0 <= x <= WIDTH and 0 <= y <= map_height() for x, y in points)
    assert path.count("M") >= 5  # mainland plus the Wadden islands
