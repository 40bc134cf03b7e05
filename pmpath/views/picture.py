"""The ladder as a picture: bands top to bottom, the fork into tracks, one column per track.

:class:`LadderPicture` is a Rich renderable (``pmpath levels --tree``)::

         Individual contributor      People manager
      8                           Chief Product Officer
                                           │
      ...
      5   Principal Product       Group Product Manager
               Manager                     │
          └──────────┬──────────┘ ...

Levels that every shown track shares sit on one centred trunk; where the
ladder forks, each track gets a column and levels of the same band stay on
the same row, so a track with no level at a band shows a line passing
through. Titles wrap between words inside their column; below ~30 columns
the picture becomes a plain list. :func:`ladder_svg` records the picture
with Rich and returns it as an SVG image (``pmpath export --format svg``).

Knowledge-base text enters as :class:`rich.text.Text` only, never as markup.
"""

from __future__ import annotations

import io
import re
from typing import Iterable, Optional

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ..questions import queries
from ..kb.schema import KnowledgeBase, Level
from .pieces import INFERRED_MARK, INFERRED_MEANS, track_phrase, tracks_words

MAX_COLUMN = 28  # a column never grows past this; wide terminals get a picture of the same size
MIN_COLUMN = 12  # narrower than this, the picture becomes a list
GAP = 3

STYLE_TITLE = "bold"
STYLE_ID = "magenta"
STYLE_DIM = "dim"
STYLE_LINE = "cyan"
STYLE_HEADER = "bold underline"
STYLE_MARK = "italic yellow"  # the (inferred) mark, as the terminal writer shows it


def _experience(level: Level) -> Optional[str]:
    bounds = queries.year_bounds(level.experience_years)
    if bounds is None:
        return None
    low, high = bounds
    if high is None:
        return f"{low:g}+ yrs exp."
    if high == low:
        return f"{low:g} yrs exp."
    return f"{low:g}-{high:g} yrs exp."


def experience_inferred(level: Level) -> bool:
    """Whether the drawn figure rests on an inferred range: a bound that no stated range gives.

    The picture draws the widest range over every source's figure; each bound comes from the
    ranges that reach it, and it counts as stated when one of them is not inferred.
    """
    bounds = queries.year_bounds(level.experience_years)
    if bounds is None:
        return False
    low, high = bounds
    stated = [span for span in level.experience_years if not span.inferred]
    return not any(span.min == low for span in stated) or not any(span.max == high for span in stated)


def _track_title(kb: KnowledgeBase, track_id: str) -> str:
    track = queries.get_track(kb, track_id)
    return track.title if track else track_id


class LadderPicture:
    """The ladder drawn with box characters: a trunk, the fork, a column per track."""

    def __init__(self, kb: KnowledgeBase, track: Optional[str] = None):
        self.kb = kb
        self.track = track
        self.columns = [track] if track else [t.id for t in kb.tracks]
        self.bands = list(reversed(queries.ladder(kb, track)))  # the top of the ladder first

    # ------------------------------------------------------------ structure

    def _is_trunk(self, band: queries.Band) -> bool:
        if len(self.columns) == 1:
            return True
        return len(band.levels) == 1 and set(self.columns) <= set(band.levels[0].tracks)

    def _bands_on(self, column: str) -> list[int]:
        return [band.band for band in self.bands for level in band.levels if column in level.tracks]

    def _reaches(self, column: str, at_least: int | None = None, at_most: int | None = None) -> bool:
        return any(
            (at_least is None or b >= at_least) and (at_most is None or b <= at_most)
            for b in self._bands_on(column)
        )

    # ------------------------------------------------------------ drawing

    def _node(self, console: Console, level: Level, width: int) -> list[Text]:
        lines: list[Text] = []
        experience = _experience(level)
        years = _styled(experience, STYLE_DIM) if experience else None
        if years is not None and experience_inferred(level):
            years.append(" ")
            years.append(INFERRED_MARK, style=STYLE_MARK)
        grade = next((g.title for g in self.kb.grades if g.id == level.grade), level.grade) if level.grade else None
        grade_line = _styled(f"{grade} grade", STYLE_DIM) if grade else None
        for part in (_styled(level.title, STYLE_TITLE), _styled(level.id, STYLE_ID), grade_line, years):
            if part is None or not part.plain:
                continue
            for line in part.wrap(console, width, overflow="fold"):
                line.rstrip()
                lines.append(_centre(line, width))
        return lines

    def _shows_inferred(self) -> bool:
        return any(experience_inferred(level) for band in self.bands for level in band.levels)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from .pieces import ladder_title

        title = Text(ladder_title(self.kb), style="bold")
        if self.track:
            title.append(f": {track_phrase(self.kb, self.track)}")
        yield title
        width = options.max_width
        label_w = max((len(str(b.band)) for b in self.bands), default=1)
        n = len(self.columns)
        col_w = min(MAX_COLUMN, (width - label_w - 2 - GAP * (n - 1)) // n)
        if col_w < MIN_COLUMN:
            yield from self._list(console, width)
        else:
            yield from self._picture(console, label_w, col_w)
        yield from self._footnotes(years_drawn=col_w >= MIN_COLUMN)

    def _picture(self, console: Console, label_w: int, col_w: int) -> Iterable[Text]:
        n = len(self.columns)
        span_w = n * col_w + GAP * (n - 1)
        indent = Text(" " * (label_w + 2))
        centres = [i * (col_w + GAP) + col_w // 2 for i in range(n)]
        trunk = span_w // 2

        def row(cells: list[Text], label: str = "") -> Text:
            line = Text(label.rjust(label_w) + "  ", style=STYLE_DIM)
            for i, cell in enumerate(cells):
                if i:
                    line.append(" " * GAP)
                line.append_text(cell)
            line.rstrip()
            return line

        def marks(points: dict[int, str]) -> Text:
            """One line of the connector area: box characters at the given offsets."""
            chars = [" "] * span_w
            for x, ch in points.items():
                chars[x] = ch
            line = indent.copy()
            line.append("".join(chars).rstrip(), style=STYLE_LINE)
            return line

        if n > 1:
            yield Text("")
            wrapped = [Text(_track_title(self.kb, c)).wrap(console, col_w) for c in self.columns]
            height = max(len(w) for w in wrapped)
            for i in range(height):
                cells = [_centre(_styled(str(w[i]).strip() if i < len(w) else "", STYLE_HEADER), col_w) for w in wrapped]
                yield row(cells)
        yield Text("")

        previous: Optional[queries.Band] = None
        for band in self.bands:
            if previous is not None:
                yield from self._connector(previous, band, centres, trunk, marks)
            if self._is_trunk(band):
                cells_lines = [self._node(console, band.levels[0], span_w)]
            else:
                cells_lines = []
                for column in self.columns:
                    level = band.on_track(column)
                    if level is not None:
                        cells_lines.append(self._node(console, level, col_w))
                    elif self._reaches(column, at_least=band.band + 1) and self._reaches(column, at_most=band.band - 1):
                        cells_lines.append([])  # a line passes through
                    else:
                        cells_lines.append(None)  # nothing here
            height = max(len(c) for c in cells_lines if c is not None)
            for i in range(height):
                cells = []
                for c in cells_lines:
                    if c is None:
                        cells.append(Text(" " * col_w))
                    elif not c:
                        cells.append(_mark("│", col_w // 2, col_w))
                    else:
                        cells.append(c[i] if i < len(c) else Text(" " * cell_width(c)))
                yield row(cells, str(band.band) if i == 0 else "")
            previous = band

    def _connector(self, upper: queries.Band, lower: queries.Band, centres, trunk, marks) -> Iterable[Text]:
        up_trunk, down_trunk = self._is_trunk(upper), self._is_trunk(lower)
        if up_trunk and down_trunk:
            yield marks({trunk: "│"})
            return
        if not up_trunk and not down_trunk:
            yield marks({
                centres[i]: "│" for i, c in enumerate(self.columns)
                if self._reaches(c, at_least=upper.band) and self._reaches(c, at_most=lower.band)
            })
            return
        if down_trunk:  # the fork: columns above join the trunk below
            joined = [centres[i] for i, c in enumerate(self.columns) if self._reaches(c, at_least=upper.band)]
            yield marks({x: "│" for x in joined})
            yield marks(_bar(joined, trunk, "└", "┘", "┴", "┬", "┼"))
        else:  # a trunk above columns (a ladder that merges going up)
            joined = [centres[i] for i, c in enumerate(self.columns) if self._reaches(c, at_most=lower.band)]
            yield marks(_bar(joined, trunk, "┌", "┐", "┬", "┴", "┼"))
            yield marks({x: "│" for x in joined})

    def _list(self, console: Console, width: int) -> Iterable[Text]:
        """Too narrow for columns: one line per level, top first, with its track."""
        yield Text("")
        for band in self.bands:
            for level in band.levels:
                line = Text(f"{band.band} ", style=STYLE_DIM)
                line.append(level.title, style=STYLE_TITLE)
                line.append(f" {level.id}", style=STYLE_ID)
                if level.grade:
                    grade = next((g.title for g in self.kb.grades if g.id == level.grade), level.grade)
                    line.append(f" · {grade} grade", style=STYLE_DIM)
                if not self._is_trunk(band):
                    line.append(" · " + ", ".join(_track_title(self.kb, t) for t in level.tracks), style=STYLE_DIM)
                yield line

    def _footnotes(self, years_drawn: bool = True) -> Iterable[Text]:
        switches = []
        for promotion in self.kb.promotions:
            start = queries.get_level(self.kb, promotion.from_)
            target = queries.get_level(self.kb, promotion.to)
            if set(promotion.tracks) & set(start.tracks):
                continue
            if self.track and self.track not in start.tracks and self.track not in target.tracks:
                continue
            switches.append((start, target, promotion.tracks))
        yield Text("")
        for start, target, tracks in switches:
            line = Text("Across the fork: ", style=STYLE_DIM)
            line.append(start.title, style=STYLE_TITLE)
            line.append(" → ")
            line.append(target.title, style=STYLE_TITLE)
            line.append(f" ({tracks_words(self.kb, tracks, ', ')})", style=STYLE_DIM)
            yield line
        if years_drawn and self._shows_inferred():
            legend = Text()
            legend.append(INFERRED_MARK, style=STYLE_MARK)
            legend.append(f" = {INFERRED_MEANS}.", style=STYLE_DIM)
            yield legend
        note = Text("Numbers are bands (1 = entry level); ", style=STYLE_DIM)
        note.append("pmpath show ID", style="bold")
        note.append(" for a level's card.", style=STYLE_DIM)
        yield note


def _bar(joined: list[int], trunk: int, left: str, right: str, middle: str, stem: str, cross: str) -> dict[int, str]:
    """A horizontal bar joining the column centres ``joined`` to the trunk at ``trunk``."""
    xs = sorted(set(joined) | {trunk})
    points = {x: "─" for x in range(xs[0], xs[-1] + 1)}
    for x in joined:
        points[x] = middle
    if joined:
        points[min(joined)] = left if min(joined) < trunk else points[min(joined)]
        points[max(joined)] = right if max(joined) > trunk else points[max(joined)]
    points[trunk] = cross if trunk in joined else stem
    return points


def cell_width(lines: list[Text]) -> int:
    return max((line.cell_len for line in lines), default=0)


def _styled(words: str, style: str) -> Text:
    """Text whose style covers the words only, so padding added later stays unstyled (no stray underline)."""
    text = Text()
    text.append(words, style=style)
    return text


def _mark(char: str, x: int, width: int) -> Text:
    """``char`` at offset ``x`` of a blank cell ``width`` wide."""
    text = Text(" " * x)
    text.append(char, style=STYLE_LINE)
    text.append(" " * (width - x - 1))
    return text


def _centre(text: Text, width: int) -> Text:
    text = text.copy()
    text.align("center", width)
    return text


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*", re.S)


_STYLE_OF = {STYLE_TITLE: "strong", STYLE_ID: "code", STYLE_DIM: "dim", STYLE_LINE: "line", STYLE_HEADER: "strong",
             STYLE_MARK: "mark"}


def picture_lines(kb: KnowledgeBase, width: int = 80, track: Optional[str] = None) -> tuple:
    """The picture at ``width`` columns as lines of view spans (:mod:`pmpath.views.elements`), styles by meaning."""
    from .elements import Span

    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False, emoji=False,
                      highlight=False, legacy_windows=False)
    lines = []
    for line in console.render_lines(LadderPicture(kb, track), console.options.update_width(width), pad=False):
        spans = []
        for segment in line:
            if segment.control or not segment.text:
                continue
            style = str(segment.style) if segment.style else ""
            kind = _STYLE_OF.get(style, "strong" if "bold" in style else "")
            if spans and spans[-1].style == kind:
                spans[-1] = Span(spans[-1].text + segment.text, kind)
            else:
                spans.append(Span(segment.text, kind))
        if spans:
            spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].style)
        lines.append(tuple(spans))
    return tuple(lines)


def ladder_svg(kb: KnowledgeBase, width: int = 80, track: Optional[str] = None) -> str:
    """The picture as an SVG image of a terminal, with no reference to any network resource."""
    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(LadderPicture(kb, track))
    svg = console.export_svg(title="pmpath levels --tree")
    # Rich links its web font from a CDN; a picture for READMEs and slides must not fetch anything.
    return _FONT_FACE.sub("", svg)
