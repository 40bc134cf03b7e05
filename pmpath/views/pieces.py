"""Knowledge -> spans: the small pieces every view shares, each written once.

A statement with its source tag and honesty mark, a year range (``1-2 years``, ``12-18
months``, ``10+ years``), a span of years, a window of months, a role's label, a track's
title. Views compose these; writers decide how they look.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Optional

from .elements import CODE, DIM, EM, MARK, NOWRAP, STRONG, TAG, Inline, Span, spans
from ..questions.queries import track_words


def tag(sources: Iterable[str] = (), inferred: bool = False) -> Inline:
    """`` [essay, bridged]`` and `` (inferred)`` after a statement."""
    out: list[Span] = []
    ids = list(sources or ())
    if ids:
        out.append(Span(" [" + ", ".join(ids) + "]", TAG))
    if inferred:
        out.append(Span(" (inferred)", MARK))
    return tuple(out)


def statement(item: Any, sources: bool = True) -> Inline:
    """A statement's text, then its sources and mark (``sources=False``: only the mark)."""
    return spans(item.text, tag(item.sources if sources else (), getattr(item, "inferred", False)))


def statements(items: Iterable[Any], sources: bool = True) -> list[Inline]:
    return [statement(item, sources) for item in items]


def _num(value: float) -> str:
    return f"{value:g}"


def years_text(span: Any) -> str:
    """``1-2 years``, ``10+ years``, ``12-18 months`` for spans under two years given in months."""
    low, high = span.min, span.max
    if high is None:
        return f"{_num(low)}+ years"
    if high == low:
        return f"{_num(low)} {'year' if low == 1 else 'years'}"
    if high < 2 and not (float(low).is_integer() and float(high).is_integer()):
        return f"{low * 12:g}-{high * 12:g} months"
    return f"{_num(low)}-{_num(high)} years"


def span_text(span: Optional[tuple]) -> str:
    """``(5, 8)`` -> ``5-8 years``; ``(16, None)`` -> ``16+ years``; None -> ``not given``."""
    if span is None:
        return "not given"
    low, high = span
    if high is None:
        return f"{_num(low)}+ years"
    if high == low:
        return f"{_num(low)} year" if low == 1 else f"{_num(low)} years"
    return f"{_num(low)}-{_num(high)} years"


# A comma a long statement may be cut at: the words after it only add an aside or an example.
_ASIDE = re.compile(
    r", (?=e\.g\.|i\.e\.|(?:such as|for example|for instance|chiefly|mainly|above all|especially|"
    r"counted as|where|since|which|and how|or how)\b)"
)
# A short label before a colon: ``Backlog health: whether the top items are clear, ...``.
_LABEL = re.compile(r"^([^:,;]{3,40}): \S")


def headline(text: str, limit: int = 60) -> str:
    """A statement cut to its head, at a boundary where the head still reads whole.

    Before any parenthesis; when still longer than ``limit``: the label before a colon
    (``Backlog health``), else before a comma that opens an aside (``, such as``, ``, e.g.``,
    ``, where``...). A long statement with no such boundary is left whole.
    """
    text = text.rstrip(".")
    head = text.split(" (", 1)[0]
    if len(head) <= limit:
        return head
    label = _LABEL.match(head)
    if label:
        return label.group(1)
    aside = _ASIDE.search(head)
    return head[: aside.start()] if aside else head


def headline_metrics(metrics: Any, count: int = 3) -> str:
    """The first few metrics, each cut to its head: ``Sign-ups; Activation rate; Conversion``."""
    return "; ".join(headline(m.text) for m in metrics[:count])


def headline_statements(items: Iterable[Any], count: Optional[int] = 3) -> Inline:
    """The first few statements, each cut to its head and followed by its ``(inferred)`` mark."""
    out: list[Span] = []
    for i, item in enumerate(list(items)[:count]):
        if i:
            out.append(Span("; "))
        out.append(Span(headline(item.text)))
        out.extend(tag((), getattr(item, "inferred", False)))
    return tuple(out)


def hint(*parts: tuple[str, bool]) -> Inline:
    """A quiet line with commands in bold: ``hint(("See ", False), ("pmpath show X", True))``."""
    return tuple(Span(part, STRONG if is_command else DIM) for part, is_command in parts if part)


NOT_GIVEN: Inline = (Span("not given", EM),)
"""What a view shows where a knowledge base leaves an optional field out (a bare company ladder)."""


def given(text: Optional[str], *after: Any) -> Inline:
    """The text (and what follows it), or ``not given`` when the knowledge base has none."""
    return spans(text, *after) if text else NOT_GIVEN


def not_given_line(role: Any, fields: Iterable[tuple[str, str]]) -> Optional[Inline]:
    """``Not given: summary, responsibilities.`` for the fields (name, label) a role leaves empty; None if none."""
    missing = [label for name, label in fields if not getattr(role, name, None)]
    if not missing:
        return None
    return (Span(f"Not given in this knowledge base: {', '.join(missing)}.", EM),)


def years(span: Any, with_note: bool = False) -> Inline:
    out = [Span(years_text(span), NOWRAP)]
    if with_note and getattr(span, "note", None):
        out.append(Span(": " + span.note))
    return spans(out, tag(span.sources, span.inferred))


def years_line(items: Iterable[Any]) -> Inline:
    """Every source's figure on one line: ``1-2 years [a]; 12-18 months [b]``."""
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(Span("; "))
        out.extend(years(item))
    return tuple(out) or (Span("not given", EM),)


def window_text(window: Any, today: Optional[date] = None) -> str:
    """``2025-03 – 2026-09``, ``... or later``; ``(already past)`` or ``(now)`` against ``today``."""
    if window is None:
        return "no date (no start month)"
    end = f" – {window.end.label}" if window.end is not None else " or later"
    text = f"{window.start.label}{end}"
    if getattr(window, "past", False):
        return text + " (already past)"
    if today is not None and (window.start.year, window.start.month) <= (today.year, today.month):
        return text + " (now)"
    return text


def role_label(role: Any) -> Inline:
    """``Senior Product Manager (senior-pm)``."""
    return (Span(role.title, STRONG), Span(" ("), Span(role.id, CODE), Span(")"))


def track_title(kb: Any, track_id: str) -> str:
    for track in kb.tracks:
        if track.id == track_id:
            return track.title
    return track_id


def track_phrase(kb: Any, track_id: str) -> str:
    """``Individual contributor track``; a title that ends in "track" is not doubled."""
    return track_words([track_title(kb, track_id)])


def tracks_words(kb: Any, track_ids: Iterable[str], joiner: str = " and ") -> str:
    """Several tracks with the word "track" once: ``IC and Manager tracks``, ``Product track and People track``."""
    return track_words([track_title(kb, t) for t in track_ids], joiner)


def tracks_phrase(kb: Any, track_ids: Iterable[str]) -> str:
    """Where something shared sits: ``both tracks`` (two tracks, on both), ``every track`` (more than two, on
    all), else the tracks' titles: ``Individual contributor, Manager``."""
    ids = list(track_ids)
    if len(kb.tracks) > 1 and set(ids) >= {t.id for t in kb.tracks}:
        return "both tracks" if len(kb.tracks) == 2 else "every track"
    return ", ".join(track_title(kb, t) for t in ids)


def short_track(track_id: str) -> str:
    """A label for a track in a narrow cell: ``ic`` -> ``IC``, ``manager`` -> ``Manager``."""
    return track_id.upper() if len(track_id) <= 3 else track_id.capitalize()


def note(item: Any) -> Inline:
    kind = Span(f"{item.kind}: ", MARK if item.kind == "inferred" else "warn")
    about = Span(f" (about: {', '.join(item.fields)})", DIM) if getattr(item, "fields", None) else None
    return spans(kind, item.text, about, tag(item.sources))


def source_line(sid: str, title: str, source=None) -> Inline:
    """``bridged = Product management levels and differences``; with the source, also who wrote it, where, when."""
    details = ", ".join(x for x in (source.author, source.publisher, source.date) if x) if source is not None else ""
    return (Span(sid, STRONG), Span(f" = {title}"), *((Span(f" · {details}", DIM),) if details else ()))


def command(text: str) -> Span:
    return Span(text, CODE)


# ---------------------------------------------------------------- the one legend of the inferred mark

INFERRED_MARK = "(inferred)"
INFERRED_MEANS = "this knowledge base's own estimate; no article states it"


def any_inferred(items: Iterable[Any]) -> bool:
    """Whether any of the statements or year ranges carries the inferred flag."""
    return any(getattr(item, "inferred", False) for item in items)


def inferred_legend() -> Inline:
    """The one line that says what the mark means, under any view that shows it."""
    return (Span(INFERRED_MARK, MARK), Span(f" = {INFERRED_MEANS}.", DIM))


def grade_title(kb: Any, grade_id: Optional[str]) -> Optional[str]:
    """The title of a level's grade (``Manager``); None when the level names no grade."""
    if grade_id is None:
        return None
    return next((grade.title for grade in getattr(kb, "grades", ()) if grade.id == grade_id), grade_id)


def review_line(review: Any) -> str:
    """``every 3 months, on 1-3 focus areas``."""
    every = review.every if review.every.lower().startswith("every") else f"every {review.every}"
    return every + (f", on {review.focus_areas} focus areas" if review.focus_areas else "")


def reviewed_tracks(kb: Any, track_ids: Iterable[str]) -> list:
    """The tracks of ``track_ids`` that give a review rhythm or rating categories, in the knowledge base's order."""
    wanted = set(track_ids)
    return [t for t in kb.tracks if t.id in wanted and (t.review is not None or t.ratings)]


# ---------------------------------------------------------------- the ladder's name

LADDER_TITLE = "The product-management ladder"
BUILTIN_NAME = "pmpath built-in knowledge base"  # data/sources.yaml


def ladder_title(kb: Any) -> str:
    """The ladder's heading: a company ladder's own ``name``, else "The product-management ladder"."""
    from ..kb.schema import KnowledgeBase

    unnamed = (KnowledgeBase.model_fields["name"].default, BUILTIN_NAME)
    return LADDER_TITLE if kb.name in unnamed else kb.name
