"""The knowledge base is written in pmpath's own words: no run of 8 words from a source article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside this checkout")
def test_no_sentence_of_the_articles_is_copied():
    grams = set()
    for seed in SEEDS.glob("0*.txt"):
        w = words(seed.read_text(encoding="utf-8", errors="replace"))
        grams.update(tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    copied = []
    for path in [*sorted((ROOT / "data").glob("*.yaml")), ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        w = words(path.read_text(encoding="utf-8"))
        copied += [f"{path.name}: {' '.join(w[i:i + RUN])}" for i in range(len(w) - RUN + 1) if tuple(w[i : i + RUN]) in grams]
    assert copied == []
