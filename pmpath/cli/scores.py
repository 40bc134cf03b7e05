"""Scores typed on the command line (``pmpath assess --scores 2,1,3``): the one place that reads them."""

from __future__ import annotations

import re

from ..questions.assessment import check_score
from ..questions.problems import BadInput


def parse_scores(text: str, count: int) -> list[int]:
    """``"2,1,3"`` (commas or spaces) as one score per item, in the order items are asked."""
    parts = [part for part in re.split(r"[,\s]+", text.strip()) if part]
    scores = [check_score(part, f"--scores, item {i}") for i, part in enumerate(parts, 1)]
    if len(scores) != count:
        raise BadInput(f"--scores has {len(scores)} score{'s' if len(scores) != 1 else ''} but there are {count} items",
                       "scores")
    return scores
