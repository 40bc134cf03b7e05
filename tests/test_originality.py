"""The knowledge base is written in pmpath's own words: no long run of words from a source article.

The articles live outside the repository (``shared/seeds`` next to the checkout or
above a git worktree, or wherever ``PMPATH_SEEDS`` points); without them the
tests are skipped rather than passed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = 8
"""No run of this many words may appear in the README or the docs."""
DATA_RUN = 7
"""The knowledge base is held to a stricter bar: no run of seven words."""
NAMES = ("new venture zero to one product manager",)
"""Role names the articles use as headings; a run inside one of them is a name, not a copied sentence."""


def find_seeds() -> Path | None:
    override = os.environ.get("PMPATH_SEEDS")
    if override:
        return Path(override)
    for parent in ROOT.parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


SEEDS = find_seeds()
needs_seeds = pytest.mark.skipif(
    SEEDS is None or not SEEDS.is_dir(), reason="the source articles are not beside this checkout"
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def grams_of(text: str, n: int) -> list[tuple[str, ...]]:
    w = words(text)
    return [tuple(w[i : i + n]) for i in range(len(w) - n + 1)]


def seed_grams(n: int) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("0*.txt")):
        grams.update(grams_of(seed.read_text(encoding="utf-8", errors="replace"), n))
    return grams


def copied_runs(paths: list[Path], n: int) -> list[str]:
    grams = seed_grams(n)
    allowed = {gram for name in NAMES for gram in grams_of(name, n)}
    return [
        f"{path.name}: {' '.join(gram)}"
        for path in paths
        for gram in grams_of(path.read_text(encoding="utf-8"), n)
        if gram in grams and gram not in allowed
    ]


@needs_seeds
def test_the_four_articles_are_there():
    assert len(list(SEEDS.glob("0*.txt"))) == 4


@needs_seeds
def test_no_sentence_of_the_articles_is_copied_into_the_docs():
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert copied_runs([p for p in paths if p.is_file()], RUN) == []


@needs_seeds
def test_no_run_of_seven_words_of_the_articles_is_in_the_knowledge_base():
    assert copied_runs(sorted((ROOT / "data").glob("*.yaml")), DATA_RUN) == []


@needs_seeds
def test_the_check_catches_a_copied_sentence(tmp_path):
    # A sentence lifted from the essay must be reported, so the checks above can fail.
    sample = tmp_path / "copied.yaml"
    sample.write_text("summary: Fill gaps in execution, such as documentation or stakeholder updates.\n")
    assert copied_runs([sample], DATA_RUN)
    sample.write_text("title: New Venture / Zero-to-One Product Manager\n")
    assert copied_runs([sample], DATA_RUN) == []
