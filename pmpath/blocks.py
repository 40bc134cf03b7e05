"""Documents -> blocks: headings, paragraphs, bullet lists, tables, preformatted text.

The Markdown writer (:mod:`pmpath.markdown`) and the HTML writer
(:mod:`pmpath.htmlpage`) do not know what a ladder or a role card is: they
write *blocks*. This module lays a document (:mod:`pmpath.views.data`) out as
blocks, so both formats say the same things in the same order.

Text inside blocks is a list of :class:`Span` (a piece of text and a style:
``strong``, ``em``, ``code``, ``tag`` for a source tag, ``link``). Spans hold
knowledge-base text *as is*; each writer escapes it for its own format.

Layouts: :func:`layout` looks the document's ``kind`` up in :data:`LAYOUTS`
(the ladder, role lists, role cards, next steps, the whole knowledge base,
all in :mod:`pmpath.layouts`).
A kind with no entry gets :func:`generic_layout`, which already does the
sensible thing with the pieces :mod:`pmpath.views.data` writes: a statement
becomes its text followed by ``[sources]``, a year range ``1-2 years [src]``,
a reference ``Title (id)``, a list of them a bullet list, a list of flat
records a table, a nested record a sub-section. A new command gets readable
Markdown and HTML for free; to shape it further, register a layout::

    @register("path")
    def _path(doc: dict, depth: int = 1) -> list[Block]:
        return [heading(depth, doc["title"]), ...]

Pure: no Rich, no Typer, no knowledge base; only plain data in, blocks out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Union

# ---------------------------------------------------------------- the blocks


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # "", "strong", "em", "code", "tag", "link", "nowrap", "break", "merge" (see below)
    url: Optional[str] = None  # for links: http(s) or mailto only; writers check again


Inline = list[Span]

MERGE = "merge"
"""A table cell made only of a ``merge`` span repeats the cell to its left: HTML widens that
cell over both columns, Markdown (which has no spans) writes the span's text."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True)
class Para:
    text: Inline


@dataclass(frozen=True)
class Bullets:
    items: list[Inline]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Inline]]
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned


@dataclass(frozen=True)
class Pre:
    text: str
    caption: str = ""


Block = Union[Heading, Para, Bullets, Table, Pre]


def heading(level: int, *parts: Union[str, Span]) -> Heading:
    return Heading(min(max(level, 1), 6), _spans(parts))


def para(*parts: Union[str, Span, Inline]) -> Para:
    return Para(_spans(parts))


def _spans(parts: Iterable[Any]) -> Inline:
    out: Inline = []
    for part in parts:
        if isinstance(part, Span):
            out.append(part)
        elif isinstance(part, list):
            out.extend(part)
        elif part:
            out.append(Span(str(part)))
    return out


def strong(text: str) -> Span:
    return Span(text, "strong")


def code(text: str) -> Span:
    return Span(text, "code")


# ---------------------------------------------------------------- recognising pieces


def is_statement(value: Any) -> bool:
    return isinstance(value, dict) and "text" in value and "sources" in value and "min" not in value


def is_years(value: Any) -> bool:
    return isinstance(value, dict) and "min" in value and "text" in value


def _flat(value: Any) -> bool:
    scalar = (str, int, float, bool, type(None))
    return isinstance(value, scalar) or (isinstance(value, list) and all(isinstance(v, scalar) for v in value))


def is_ref(value: Any) -> bool:
    """A short reference: a flat dict with an id and a title."""
    return isinstance(value, dict) and "id" in value and "title" in value and all(_flat(v) for v in value.values())


def is_inline(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, (str, int, float)) for v in value)
    return _flat(value) or is_statement(value) or is_years(value) or is_ref(value)


# ---------------------------------------------------------------- pieces -> spans


def tag(sources: Iterable[str] = (), inferred: bool = False) -> Inline:
    """`` [essay, bridged] (inferred)`` after a statement, as in the terminal."""
    out: Inline = []
    ids = list(sources or [])
    if ids:
        out.append(Span(" [" + ", ".join(ids) + "]", "tag"))
    if inferred:
        out.append(Span(" (inferred)", "em"))
    return out


def statement(item: dict) -> Inline:
    return [Span(item["text"]), *tag(item.get("sources", []), item.get("inferred", False))]


def years(item: dict, with_note: bool = False) -> Inline:
    out: Inline = [Span(item["text"], "nowrap")]
    if with_note and item.get("note"):
        out.append(Span(": " + item["note"]))
    return out + tag(item.get("sources", []), item.get("inferred", False))


def years_line(items: list[dict]) -> Inline:
    """Every source's figure on one line: ``1-2 years [a]; 12-18 months [b]``."""
    out: Inline = []
    for i, item in enumerate(items):
        if i:
            out.append(Span("; "))
        out += years(item)
    return out or [Span("not given", "em")]


def ref(item: dict) -> Inline:
    if item.get("title") and item["title"] != item.get("id"):
        return [Span(item["title"]), Span(" ("), code(item["id"]), Span(")")]
    return [code(str(item.get("id", "")))]


def value(item: Any) -> Inline:
    """Any inline value as spans: scalars, statements, year ranges, references, lists of scalars."""
    if item is None:
        return [Span("none", "em")]
    if isinstance(item, bool):
        return [Span("yes" if item else "no")]
    if isinstance(item, (int, float)):
        return [Span(f"{item:g}" if isinstance(item, float) else str(item))]
    if isinstance(item, str):
        return [Span(item)]
    if is_statement(item):
        return statement(item)
    if is_years(item):
        return years(item, with_note=True)
    if is_ref(item):
        return ref(item)
    if isinstance(item, list):
        out: Inline = []
        for i, element in enumerate(item):
            if i:
                out.append(Span(", "))
            out += value(element)
        return out
    return [Span(str(item))]


def humanize(key: str) -> str:
    """``time_at_level`` -> ``Time at level``."""
    words = key.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# ---------------------------------------------------------------- layouts

Layout = Callable[..., list[Block]]
LAYOUTS: dict[str, Layout] = {}
SKIP = ("format", "kind", "title")


def register(kind: str) -> Callable[[Layout], Layout]:
    def decorate(function: Layout) -> Layout:
        LAYOUTS[kind] = function
        return function

    return decorate


def layout(document: dict, depth: int = 1) -> list[Block]:
    """The blocks of a document: its kind's layout, or the generic one."""
    return LAYOUTS.get(document.get("kind", ""), generic_layout)(document, depth)


def _empty(item: Any) -> bool:
    return item is None or item == [] or item == {} or item == ""


def generic_layout(document: dict, depth: int = 1) -> list[Block]:
    """A title, then every field: short ones as ``**Field:** value``, lists as bullets or tables."""
    title = document.get("title") or humanize(str(document.get("kind") or "document"))
    return [heading(depth, str(title)), *fields(document, depth + 1, skip=SKIP)]


def fields(record: dict, depth: int, skip: Iterable[str] = ()) -> list[Block]:
    out: list[Block] = []
    for key, item in record.items():
        if key in skip or _empty(item):
            continue
        label = humanize(key)
        if is_inline(item):
            out.append(para(strong(label + ":"), " ", value(item)))
        elif isinstance(item, list) and all(is_inline(v) for v in item):
            out += [heading(depth, label), Bullets([value(v) for v in item])]
        elif isinstance(item, list) and all(isinstance(v, dict) and all(_flat(x) for x in v.values()) for v in item):
            out += [heading(depth, label), records_table(item)]
        elif isinstance(item, list):
            out.append(heading(depth, label))
            for index, element in enumerate(item, 1):
                if is_inline(element):
                    out.append(Bullets([value(element)]))
                elif isinstance(element, dict):
                    out.append(heading(depth + 1, *record_title(element, f"{singular(label)} {index}")))
                    out += fields(element, depth + 2, skip=("id", "title"))
        elif isinstance(item, dict):
            out.append(heading(depth, label))
            out += fields(item, depth + 1)
    return out


def record_title(record: dict, fallback: str = "Item") -> Inline:
    """A heading for a record: its title (and id), name, id or text, else ``fallback`` ("Step 2")."""
    if isinstance(record.get("title"), str):
        return ref({"id": record.get("id", record["title"]), "title": record["title"]})
    for key in ("name", "id", "text"):
        if isinstance(record.get(key), str):
            return [Span(record[key])]
    if isinstance(record.get("number"), int):
        return [Span(f"{fallback.rsplit(' ', 1)[0]} {record['number']}")]
    for item in record.values():  # a record wrapping an entry: a result, a row, a match
        if isinstance(item, dict) and isinstance(item.get("title"), str):
            return ref({"id": item.get("id", item["title"]), "title": item["title"]})
    return [Span(fallback)]


def singular(label: str) -> str:
    """``Steps`` -> ``Step``, ``Entries`` -> ``Entry``: a name for one item of a list."""
    if label.endswith("ies"):
        return label[:-3] + "y"
    if label.endswith("s") and not label.endswith("ss"):
        return label[:-1]
    return label


def records_table(records: list[dict]) -> Table:
    keys: list[str] = []
    for record in records:
        keys += [k for k in record if k not in keys]
    return Table(
        header=[humanize(k) for k in keys],
        rows=[[value(record[k]) if k in record and not _empty(record[k]) else [] for k in keys] for record in records],
    )


from . import layouts as _layouts  # noqa: E402,F401  (registers the layouts of the known kinds)
