"""The presentation model: every answer is built once as a small tree of these elements.

A view (``pmpath.views.*``) turns a question's answer into a :class:`Document`: headings,
paragraphs, label/value rows, bullet lists, tables and preformatted drawings, made of
:class:`Span` s (a piece of text and a role such as ``code`` for an id or ``tag`` for a source
reference). Writers (``pmpath.writers``) walk the tree, one per medium: the terminal (Rich),
Markdown and HTML. They decide how a role looks, never what is said or in which order.

Spans hold knowledge-base text *as is*; each writer makes it literal for its own medium.
The one layout decision a view may leave to a writer is :class:`Choice`: a wide form and a
narrow form of the same content, picked by the terminal's width (other writers take the wide).

Pure data: no Rich, no Typer, no knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence, Union

# Span styles, by meaning. Writers map each to a look (terminal) or markup (Markdown, HTML).
PLAIN = ""
STRONG = "strong"  # emphasis, a title
EM = "em"  # a quieter aside: "not given", "Also called:"
CODE = "code"  # an id or a command a reader can type
TAG = "tag"  # source references: " [essay, titles]"
MARK = "mark"  # an honesty mark: "(inferred)", "(disputed)"
DIM = "dim"  # secondary text: labels, hints
ACCENT = "accent"  # a step's arrow
WARN = "warn"  # a caution: a track switch, a disagreement note's kind
LINE = "line"  # the strokes of a drawing
LINK = "link"  # a web address (http, https, mailto only)
NOWRAP = "nowrap"  # keep on one line (a year range)
BREAK = "break"  # a line break inside a table cell
MERGE = "merge"  # a table cell made only of this span repeats the cell to its left


@dataclass(frozen=True)
class Span:
    text: str
    style: str = PLAIN
    url: Optional[str] = None


Inline = tuple  # a tuple of Span


def spans(*parts: Union[str, Span, Iterable[Span], None]) -> Inline:
    """Text, spans and inlines joined into one inline; empty strings and None are dropped."""
    out: list[Span] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, Span):
            out.append(part)
        elif isinstance(part, str):
            out.append(Span(part))
        else:
            out.extend(part)
    return tuple(out)


def plain_text(text: Inline) -> str:
    return "".join(span.text for span in text)


@dataclass(frozen=True)
class Heading:
    """A title (level 1) or a section heading (2 and deeper)."""

    level: int
    text: Inline


@dataclass(frozen=True)
class Para:
    """A paragraph. ``tight``: the terminal puts no blank line before it (a card's id line under its title)."""

    text: Inline
    tight: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list; each item an inline. ``numbered`` lists count from ``start``; ``mark``: the terminal's bullet.

    ``dot=False``: the terminal shows bare numbers (``12 Ships features``), numbers a reader types back.
    """

    items: tuple
    numbered: bool = False
    start: int = 1
    tight: bool = False
    mark: str = "•"
    dot: bool = True


@dataclass(frozen=True)
class Rows:
    """Label/value rows: ``Exp.  5+ years [essay]``; a value may be a :class:`Bullets` list (``Suits  • ...``)."""

    rows: tuple  # of (label: str, value: Inline | Bullets)
    tight: bool = False
    gap: int = 1  # spaces between label and value on the terminal


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = False  # right-aligned
    max_width: Optional[int] = None  # terminal hints
    ratio: Optional[int] = None
    nowrap: bool = False  # a column of labels: never wrapped on the terminal


FULL = "full"  # table layouts on the terminal: ruled, as wide as the terminal
FIT = "fit"  # ruled, as wide as its content
GRID = "grid"  # no rules: the header is the first row, columns two spaces apart


@dataclass(frozen=True)
class Table:
    """Rows of cells under column headers; a cell is an inline or a :class:`Bullets` list."""

    columns: tuple  # of Column
    rows: tuple  # of tuples of Inline | Bullets
    title: str = ""
    lines: bool = False  # the terminal draws a rule between rows
    layout: str = FULL  # how the terminal draws it: FULL, FIT or GRID; documents always write a table
    tight: bool = False  # no blank line above it (a ruled table's top edge is one already)


@dataclass(frozen=True)
class Pre:
    """Preformatted text drawn as it is: the ladder picture."""

    text: str
    caption: str = ""


@dataclass(frozen=True)
class Drawing:
    """A picture made of text lines (each an inline) for a given width: the terminal asks for its own width."""

    draw: Callable[[int], tuple]
    caption: str = ""
    width: int = 80  # what a document (Markdown, HTML) asks for


@dataclass(frozen=True)
class Indent:
    """Blocks set in by ``left`` columns on the terminal (nested under a step); plain blocks elsewhere."""

    blocks: tuple
    left: int = 2
    tight: bool = True


@dataclass(frozen=True)
class Choice:
    """The same content two ways: ``wide`` from ``at`` columns on, ``narrow`` below. Documents take ``wide``."""

    wide: tuple
    narrow: tuple
    at: int = 100


Block = Union[Heading, Para, Bullets, Rows, Table, Pre, Drawing, Indent, Choice]


@dataclass(frozen=True)
class Document:
    """One answer: a title and its blocks. ``kind`` names the answer (``role``, ``ladder``...)."""

    kind: str
    title: str
    blocks: tuple = field(default_factory=tuple)


# ---------------------------------------------------------------- constructors


def heading(level: int, *parts) -> Heading:
    return Heading(min(max(level, 1), 6), spans(*parts))


def para(*parts, tight: bool = False) -> Para:
    return Para(spans(*parts), tight=tight)


def bullets(items: Iterable, numbered: bool = False, start: int = 1, tight: bool = False, mark: str = "•",
            dot: bool = True) -> Bullets:
    return Bullets(tuple(spans(item) if not isinstance(item, tuple) else item for item in items), numbered, start, tight,
                   mark, dot)


def rows(pairs: Iterable[tuple[str, object]], tight: bool = False, gap: int = 1) -> Rows:
    return Rows(
        tuple((label, value if isinstance(value, (tuple, Bullets)) else spans(value)) for label, value in pairs), tight, gap
    )


def section(title: Union[str, Inline], *body: Optional[Block], level: int = 2) -> tuple:
    """A heading and its blocks; nothing when the body is empty."""
    kept = tuple(block for block in body if block is not None and not _empty(block))
    if not kept:
        return ()
    return (heading(level, title), *kept)


def _empty(block: Block) -> bool:
    if isinstance(block, Bullets):
        return not block.items
    if isinstance(block, Rows):
        return not block.rows
    if isinstance(block, Para):
        return not plain_text(block.text).strip()
    if isinstance(block, Indent):
        return not block.blocks
    return False


def strong(text: str) -> Span:
    return Span(text, STRONG)


def code(text: str) -> Span:
    return Span(text, CODE)


def em(text: str) -> Span:
    return Span(text, EM)


def dim(text: str) -> Span:
    return Span(text, DIM)


def document(kind: str, title: str, *blocks: Union[Block, Sequence[Block], None]) -> Document:
    out: list = []
    for block in blocks:
        if block is None:
            continue
        if isinstance(block, (list, tuple)):
            out.extend(b for b in block if b is not None)
        else:
            out.append(block)
    return Document(kind, title, tuple(out))
