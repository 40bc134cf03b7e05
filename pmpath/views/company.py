"""What company ladders add to the ladder views: a level's grade (and its peers), a track's review rhythm and ratings."""

from __future__ import annotations

from typing import Optional

from ..kb.schema import KnowledgeBase, Level
from . import pieces as P
from .elements import BREAK, DIM, Span, spans


def graded(kb: KnowledgeBase, level: Optional[Level], cell: tuple) -> tuple:
    """A ladder cell with the level's grade under it, when the ladder has grades."""
    grade = P.grade_title(kb, level.grade) if level is not None and len(cell) > 1 else None
    return cell if grade is None else (*cell, Span("\n", BREAK), Span(f"{grade} grade", DIM))


def grade_row(kb: KnowledgeBase, level: Level) -> list:
    grade = P.grade_title(kb, level.grade)
    return [] if grade is None else [("Grade", grade)]


def grade_text(kb: KnowledgeBase, level: Level):
    """``Lead (peers: Product Lead)``: the grade, and the levels of it on other tracks."""
    peers = [other.title for other in kb.levels if other.grade == level.grade and other.id != level.id
             and not set(other.tracks) <= set(level.tracks)]
    return spans(P.grade_title(kb, level.grade), Span(f" (peers: {', '.join(peers)})", DIM) if peers else None)


def review_rows(kb: KnowledgeBase, track_ids) -> list:
    """The review rhythm and rating categories of the tracks named, as label/value rows (one per track when they differ)."""
    tracks = P.reviewed_tracks(kb, track_ids)
    out: list = []
    same = len({(t.review, tuple(t.ratings)) for t in tracks}) == 1
    for track in tracks[:1] if same else tracks:
        suffix = "" if same else f" ({track.title})"
        if track.review is not None:
            out.append((f"Reviews{suffix}", spans(P.review_line(track.review), f". {track.review.note}" if track.review.note else None)))
        if track.ratings:
            out.append((f"Ratings{suffix}", "; ".join(r.title for r in track.ratings)))
    return out
