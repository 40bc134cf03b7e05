"""Ladders lined up (``pmpath map``): a company's levels beside the reference ladder, or onto another company's.

Each function takes an answer from :mod:`pmpath.questions.map` and returns a
:class:`~pmpath.views.elements.Document`: a table on a wide terminal (and in documents), one
entry under another on a narrow one (a :class:`~pmpath.views.elements.Choice`).
"""

from __future__ import annotations

from ..questions import map as answers
from . import pieces as P
from .elements import (
    BREAK,
    CODE,
    FIT,
    MARK,
    STRONG,
    WARN,
    Choice,
    Column,
    Document,
    Indent,
    Span,
    Table,
    bullets,
    dim,
    document,
    em,
    heading,
    para,
    rows,
    section,
    spans,
)

WIDE = 100  # from this many columns, the map is a table
REFERENCE = "the reference ladder (pmpath's built-in)"
MATCH_STYLE = {answers.EXACT: STRONG, answers.APPROXIMATE: MARK, answers.MISSING: WARN}
MATCH_SIGN = {answers.EXACT: "=", answers.APPROXIMATE: "~", answers.MISSING: "-"}


def _lines(items, gap: int = 1) -> tuple:
    """Inlines one under another in a table cell; ``gap``: line breaks between two (2 beside two-line cells)."""
    out: list = []
    for index, item in enumerate(items):
        if index:
            out.extend(Span("\n", BREAK) for _ in range(gap))
        out.extend(item)
    return tuple(out)


def _match(match: str) -> Span:
    return Span(match, MATCH_STYLE[match])


def _label(level) -> tuple:
    """``Product Lead (product-lead)`` on one line."""
    return P.role_label(level)


def _cell_label(level) -> tuple:
    """A level in a table cell: its title, and its id under it."""
    return (Span(level.title, STRONG), Span("\n", BREAK), Span(level.id, CODE))


def _tracks(level) -> str:
    return ", ".join(level.tracks)


# ---------------------------------------------------------------- one ladder beside the reference


def ladder_map(answer: answers.LadderMap) -> Document:
    """The reference ladder's levels, band by band, each with the company levels that name it."""
    title = f"{answer.ladder} beside the reference ladder"
    out: list = [
        heading(1, title),
        para(dim(f"Each level of {REFERENCE}, with the levels of {answer.ladder} that name it as their equivalent.")),
    ]
    columns = (
        Column("Band", numeric=True, nowrap=True),
        Column("Reference level", ratio=2),
        Column("Tracks", nowrap=True),
        Column(answer.ladder, ratio=2),
        Column("Match", nowrap=True),
    )
    table_rows = []
    stacked: list = []
    for row in answer.rows:
        ours = [_cell_label(placed.level) for placed in row.levels] or [spans(em("no level"))]
        matches = [spans(_match(placed.match)) for placed in row.levels] or [spans(em("-"))]
        table_rows.append((
            spans(str(row.reference.band)), _cell_label(row.reference), spans(_tracks(row.reference)),
            _lines(ours), _lines(matches, gap=2),
        ))
        stacked.append(para(Span(f"Band {row.reference.band}  ", STRONG), *_label(row.reference), dim(f"  {_tracks(row.reference)}")))
        items = [spans(_label(placed.level), dim(" - "), _match(placed.match)) for placed in row.levels]
        stacked.append(Indent((bullets(items or [spans(em(f"no level of {answer.ladder}"))], tight=True),)))
    if table_rows:
        out.append(Choice((Table(columns, tuple(table_rows), lines=True, layout=FIT, tight=True),), tuple(stacked), WIDE))
    out += section(
        "Levels that name no equivalent",
        bullets([spans(_label(level), dim(f"  band {level.band}, {_tracks(level)}")) for level in answer.unmapped]),
    )
    out.append(para(dim("Onto another company's ladder: "), P.command("pmpath --kb PATH map --to OTHER")))
    return document("map", title, out)


# ---------------------------------------------------------------- one ladder onto another


def _why(row: answers.Correspondence) -> str:
    """Why the match is what it is, in a few words."""
    if row.why == "no-equivalent":
        return "names no equivalent"
    if row.why == "none-there":
        return "no level at that band"
    if row.why == "same-band":
        return "same band, other track"
    if row.match == answers.EXACT:
        return "same level"
    return "same level, not exactly"


def _sentence(row: answers.Correspondence) -> tuple:
    """``Principal Product Manager ~ Group Manager, Product``."""
    why = dim(f": {_why(row)})")
    if not row.counterparts:
        return spans(Span(row.level.title, STRONG), dim(" - "), _match(row.match), dim(f": {_why(row)}"))
    theirs = " / ".join(c.level.title for c in row.counterparts)
    return spans(
        Span(row.level.title, STRONG), Span(f" {MATCH_SIGN[row.match]} ", STRONG), Span(theirs, STRONG),
        dim(" ("), _match(row.match), why,
    )


def map_between(answer: answers.MapBetween) -> Document:
    """Each of our levels, its reference level, and theirs: exact, approximate or missing."""
    title = f"{answer.ours} onto {answer.theirs}"
    out: list = [
        heading(1, title),
        para(dim(
            f"Each level of {answer.ours}, through the level of {REFERENCE} it names, "
            f"to the levels of {answer.theirs} that name the same one: = exact, ~ approximate, - missing."
        )),
    ]
    columns = (
        Column(answer.ours, ratio=2),
        Column("Reference level", ratio=2),
        Column(answer.theirs, ratio=2),
        Column("Match", nowrap=True),
    )
    table_rows = []
    stacked: list = []
    for row in answer.rows:
        reference = _cell_label(row.reference) if row.reference is not None else spans(em("none given"))
        theirs = _lines([_cell_label(c.level) for c in row.counterparts]) if row.counterparts else spans(em("none"))
        why = _why(row)
        table_rows.append((_cell_label(row.level), reference, theirs, spans(_match(row.match))))
        stacked.append(para(*_sentence(row)))
        detail = [("Ours", _label(row.level))]
        detail.append(("Reference", _label(row.reference) if row.reference is not None else spans(em("none given"))))
        detail.append(("Theirs", bullets([_label(c.level) for c in row.counterparts], tight=True)
                       if row.counterparts else spans(em("none"))))
        detail.append(("Match", spans(_match(row.match), dim(f": {why}"))))
        stacked.append(Indent((rows(detail, tight=True),)))
    if table_rows:
        out.append(Choice(
            (Table(columns, tuple(table_rows), lines=True, layout=FIT, tight=True),
             *section("In one line each", bullets([_sentence(row) for row in answer.rows]))),
            tuple(stacked), WIDE,
        ))
    out += section(
        f"Levels of {answer.theirs} that no level of {answer.ours} corresponds to",
        bullets([spans(_label(level), dim(f"  band {level.band}, {_tracks(level)}")) for level in answer.unreached]),
    )
    return document("map", title, out)


__all__ = ["ladder_map", "map_between", "WIDE"]
