"""Valid knowledge bases shaped like graphs, to check that routes stay quick whatever the ladder's shape.

Used by ``benchmarks/routes.py`` and by the tests (``tests/test_routes.py``);
runnable on its own::

    python benchmarks/ladders.py diamonds /tmp/diamonds
    pmpath --kb /tmp/diamonds path d0 d48

The shapes (one track, ``ic``; every level's band is its height on the ladder):

* ``diamonds``: 48 diamonds stacked, 145 levels: from each ``dN`` two ways up
  (``lN`` and ``rN``) that meet again at ``dN+1``; 2^48 routes from bottom to top.
* ``lattice``: 30 bands of 10 levels, every level of a band promoted to every
  level of the next (300 levels, 2,900 promotions); 10^28 routes from bottom to top.
* ``chain``: 99 levels one above the other (the most bands there are), one route.
* ``fan``: one level promoted to 500 levels of the band above, each promoted
  to one top level: 500 routes, 1,000 promotions.

Each shape also names the queries worth asking of it (:data:`QUERIES`): the
whole way up, one step, downwards, and a stretch in the middle.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

SOURCE = "shapes"


def _level(level_id: str, title: str, band: int) -> dict:
    return {
        "id": level_id, "title": title, "band": band, "tracks": ["ic"],
        "summary": f"{title} of a generated ladder.", "main_focus": "Moving up.", "scope": "A part of the ladder.",
        "responsibilities": ["Ships work."], "skills": ["Judgement."],
        "time_at_level": [{"min": 1, "max": 2, "sources": [SOURCE]}], "sources": [SOURCE],
    }


def _promotion(start: str, goal: str) -> dict:
    return {"from": start, "to": goal, "tracks": ["ic"], "criteria": [f"Ready for {goal}."], "sources": [SOURCE]}


def document(levels: list[dict], promotions: list[dict], name: str) -> dict:
    """A whole knowledge base around ``levels`` and ``promotions``."""
    return {
        "format": 1,
        "name": name,
        "sources": [{"id": SOURCE, "title": "Generated ladder shapes"}],
        "tracks": [{
            "id": "ic", "title": "Individual contributor", "summary": "The one track.",
            "values": ["Depth."], "promotion_criteria": ["Impact."], "sources": [SOURCE],
        }],
        "levels": levels,
        "promotions": promotions,
    }


def diamonds(count: int = 48) -> dict:
    levels = [_level("d0", "Diamond 0", 1)]
    promotions = []
    for n in range(count):
        band = 2 * n + 1
        for side in ("l", "r"):
            levels.append(_level(f"{side}{n}", f"{'Left' if side == 'l' else 'Right'} {n}", band + 1))
            promotions += [_promotion(f"d{n}", f"{side}{n}"), _promotion(f"{side}{n}", f"d{n + 1}")]
        levels.append(_level(f"d{n + 1}", f"Diamond {n + 1}", band + 2))
    return document(levels, promotions, f"{count} diamonds")


def lattice(bands: int = 30, width: int = 10) -> dict:
    levels = [_level(f"b{b}-{i}", f"Band {b} level {i}", b) for b in range(1, bands + 1) for i in range(width)]
    promotions = [
        _promotion(f"b{b}-{i}", f"b{b + 1}-{j}") for b in range(1, bands) for i in range(width) for j in range(width)
    ]
    return document(levels, promotions, f"lattice of {bands} bands of {width}")


def chain(length: int = 99) -> dict:
    levels = [_level(f"c{n}", f"Chain {n}", n) for n in range(1, length + 1)]
    promotions = [_promotion(f"c{n}", f"c{n + 1}") for n in range(1, length)]
    return document(levels, promotions, f"chain of {length}")


def fan(width: int = 500) -> dict:
    levels = [_level("root", "Root", 1), *(_level(f"f{i}", f"Fan {i}", 2) for i in range(width)), _level("top", "Top", 3)]
    promotions = [_promotion("root", f"f{i}") for i in range(width)] + [_promotion(f"f{i}", "top") for i in range(width)]
    return document(levels, promotions, f"fan of {width}")


SHAPES = {"diamonds": diamonds, "lattice": lattice, "chain": chain, "fan": fan}

# Per shape: (bottom, top, one step up from the bottom, a stretch in the middle as (from, to)).
QUERIES = {
    "diamonds": ("d0", "d48", "l0", ("d20", "d30")),
    "lattice": ("b1-0", "b30-9", "b2-5", ("b10-3", "b20-7")),
    "chain": ("c1", "c99", "c2", ("c40", "c60")),
    "fan": ("root", "top", "f0", ("f250", "top")),
}


def write(shape: str, directory: Path) -> Path:
    """Write the shape's knowledge base as ``directory/ladder.yaml``; returns the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ladder.yaml").write_text(yaml.safe_dump(SHAPES[shape](), sort_keys=False), encoding="utf-8")
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a graph-shaped knowledge base.")
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    print(write(args.shape, args.directory) / "ladder.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
