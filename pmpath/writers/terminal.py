"""The terminal writer: a view's :class:`~pmpath.views.elements.Document` as a Rich renderable.

Styles are chosen here, by what a span means; the words and their order come from the view.
Every piece of text goes in as a :class:`rich.text.Text`, so ``[bold]`` in a knowledge base is
text, not markup. The only layout decision taken here is the width: a
:class:`~pmpath.views.elements.Choice` shows its wide form from its ``at`` columns on.
"""

from __future__ import annotations

from typing import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table as RichTable
from rich.text import Text

from .. import text as text_policy
from ..views import elements as E

STYLES = {
    E.PLAIN: "",
    E.STRONG: "bold",
    E.EM: "dim",
    E.CODE: "magenta",
    E.TAG: "dim",
    E.MARK: "italic yellow",
    E.DIM: "dim",
    E.ACCENT: "bold green",
    E.WARN: "bold yellow",
    E.LINK: "underline",
    E.NOWRAP: "",
    E.BREAK: "",
    E.MERGE: "",
    E.LINE: "cyan",
}
HEADING = {1: "bold", 2: "bold cyan"}


def text(inline: Iterable[E.Span], style: str = "") -> Text:
    out = Text(style=style)
    for span in inline:
        if span.style == E.BREAK:
            out.append("\n")
        elif span.style == E.MERGE:
            out.append(text_policy.escape(span.text, allow="\n"), style="dim")
        else:
            out.append(text_policy.escape(span.text, allow="\n"), style=STYLES.get(span.style, ""))
    return out


def render(document: E.Document) -> RenderableType:
    """The whole answer, ready for ``console.print``."""
    return Blocks(document.blocks)


class Blocks:
    """Blocks one under another: a blank line between two, none before a tight block or under a heading."""

    def __init__(self, blocks: Iterable[E.Block]):
        self.blocks = tuple(blocks)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        previous = None
        for block in _chosen(self.blocks, options.max_width):
            if previous is not None and not _attached(previous, block):
                yield Text("")
            yield one(block)
            previous = block

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _chosen(blocks: Iterable[E.Block], width: int) -> Iterable[E.Block]:
    """The blocks with each :class:`~pmpath.views.elements.Choice` replaced by its form for ``width``."""
    for block in blocks:
        if isinstance(block, E.Choice):
            yield from _chosen(block.wide if width >= block.at else block.narrow, width)
        else:
            yield block


def _attached(previous: E.Block, block: E.Block) -> bool:
    if getattr(block, "tight", False):
        return True
    return isinstance(previous, E.Heading) and previous.level > 1 and not isinstance(block, E.Heading)


def one(block: E.Block) -> RenderableType:
    if isinstance(block, E.Heading):
        return text(block.text, HEADING.get(block.level, "bold"))
    if isinstance(block, E.Para):
        return text(block.text)
    if isinstance(block, E.Bullets):
        return _bullets(block)
    if isinstance(block, E.Rows):
        return KeyValues([(label, _cell(value)) for label, value in block.rows], block.gap)
    if isinstance(block, E.Table):
        return _table(block)
    if isinstance(block, E.Pre):
        return Text(text_policy.escape(block.text.rstrip("\n"), allow="\n"), no_wrap=True, overflow="crop")
    if isinstance(block, E.Drawing):
        return _Drawn(block)
    if isinstance(block, E.Indent):
        return Indented(Blocks(block.blocks), block.left)
    if isinstance(block, E.Choice):
        return Blocks((block,))
    raise TypeError(f"not a block: {block!r}")


def _bullets(block: E.Bullets) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim", justify="right" if block.numbered else "left")
    grid.add_column(overflow="fold")
    for number, item in enumerate(block.items, block.start):
        grid.add_row((f"{number}." if block.dot else str(number)) if block.numbered else block.mark, text(item))
    return grid


def _cell(value: "E.Inline | E.Bullets") -> RenderableType:
    return _bullets(value) if isinstance(value, E.Bullets) else text(value)


def _table(block: E.Table) -> RichTable:
    grid = block.layout == E.GRID
    if grid:  # the header is the first row, drawn like the others
        table = RichTable.grid(padding=(0, 2))
    else:
        table = RichTable(
            title=block.title or None,
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_lines=block.lines,
            expand=block.layout != E.FIT,
        )
    for column in block.columns:
        table.add_column(
            "" if grid else column.header,
            justify="right" if column.numeric else "left",
            no_wrap=column.numeric or column.nowrap,
            overflow="fold" if grid and not (column.numeric or column.nowrap) else "ellipsis",
            max_width=column.max_width,
            ratio=column.ratio,
        )
    if grid:
        table.add_row(*(Text(column.header, style="dim" if column.numeric else "bold") for column in block.columns))
    for row in block.rows:
        table.add_row(*(_cell(cell) for cell in row))
    return table


class _Drawn:
    def __init__(self, block: E.Drawing):
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.block.draw(options.max_width):
            yield text(line)


class KeyValues:
    """Label/value rows: labels padded to the widest, values wrapped beside them.

    Rows of text are drawn directly (a grid measures every cell first, a tenth of a long
    answer's time); a value that is not text (a list) puts the rows in a grid.
    """

    def __init__(self, rows: list[tuple[str, RenderableType]], gap: int = 1):
        self.rows = rows
        self.gap = gap

    def _grid(self) -> RichTable:
        grid = RichTable.grid(padding=(0, self.gap))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for key, value in self.rows:
            grid.add_row(key, value)
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.rows:
            return
        if not all(isinstance(value, Text) for _, value in self.rows):
            yield self._grid()
            return
        label_width = max(cell_len(key) for key, _ in self.rows)
        width = max(1, options.max_width - label_width - self.gap)
        blank = " " * label_width
        for key, value in self.rows:
            lines = value.wrap(console, width, overflow="fold")
            for number, line in enumerate(lines or [Text("")]):
                out = Text(key.ljust(label_width) if number == 0 else blank, style="dim")
                out.append(" " * self.gap)
                out.append_text(line)
                yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self.rows:
            return Measurement(0, 0)
        if not all(isinstance(value, Text) for _, value in self.rows):
            return Measurement.get(console, options, self._grid())
        label = max(cell_len(key) for key, _ in self.rows) + 1
        widest = max(value.cell_len for _, value in self.rows)
        return Measurement(min(label + 1, options.max_width), min(label + widest, options.max_width))


class Indented:
    """A block moved ``left`` columns to the right."""

    def __init__(self, renderable: RenderableType, left: int = 2):
        self.renderable = renderable
        self.left = left

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.left)
        margin = Segment(" " * self.left)
        new_line = Segment.line()
        for line in console.render_lines(self.renderable, options.update_width(width), pad=False):
            yield margin
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.left + 1, options.max_width)


__all__ = ["render", "text", "Blocks", "KeyValues", "Indented", "Group"]
