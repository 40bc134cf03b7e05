"""Knowledge -> Rich renderables: the ladder, role cards, next steps.

This module holds the shared building blocks (bullets, source tags, years) and
the views of the first three commands; :mod:`pmpath.render.navigate` (path,
compare, tracks, alternatives) and :mod:`pmpath.render.catalogue`
(specializations, search, break-in, resources) build on them.

Functions here return renderables and never print. Every piece of knowledge-base
text goes in as a :class:`rich.text.Text`, so it is shown literally: a ``[bold]``
in a knowledge base is text, not markup. Layouts adapt to the width they are
given: the ladder is a table from 120 columns and a stacked list below.
"""

from __future__ import annotations

from typing import Iterable

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..questions import queries
from ..kb.schema import Comparison, KnowledgeBase, Level, Note, Specialization, Statement, YearRange

WIDE = 100  # from this many columns, tables; below, stacked lists
LADDER_WIDE = 120  # the ladder has six columns: it becomes a table only from here

STYLE_TITLE = "bold"
STYLE_HEADING = "bold cyan"
STYLE_ID = "magenta"
STYLE_DIM = "dim"
STYLE_TAG = "dim"
STYLE_INFERRED = "italic yellow"
STYLE_ACCENT = "bold green"


def _plain(text: str, style: str = "") -> Text:
    return Text(text, style=style)


def heading(title: str) -> Text:
    return Text(title, style=STYLE_HEADING)


def source_tag(sources: Iterable[str], inferred: bool = False) -> Text:
    """`` [essay, bridged]`` or `` (inferred)`` after a statement."""
    tag = Text()
    ids = list(sources)
    if ids:
        tag.append(" [" + ", ".join(ids) + "]", style=STYLE_TAG)
    if inferred:
        tag.append(" (inferred)", style=STYLE_INFERRED)
    return tag


def statement_text(item: Statement) -> Text:
    text = Text(item.text)
    text.append_text(source_tag(item.sources, item.inferred))
    return text


def bullets(items: Iterable[Statement | Text | str], bullet: str = "•") -> Table:
    """A hanging-indent list: wrapped lines stay aligned under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=STYLE_DIM)
    grid.add_column(overflow="fold")
    for item in items:
        if isinstance(item, Statement):
            body = statement_text(item)
        elif isinstance(item, Text):
            body = item
        else:
            body = Text(item)
        grid.add_row(bullet, body)
    return grid


def section(title: str, *body: RenderableType) -> Group:
    return Group(Text(""), heading(title), *body)


def years_line(spans: Iterable[YearRange]) -> Text:
    """Every source's figure: ``1-2 years [career-guide]; 12-18 months [bridged]``."""
    line = Text()
    for i, span in enumerate(spans):
        if i:
            line.append("; ")
        line.append(queries.years_text(span))
        line.append_text(source_tag(span.sources, span.inferred))
    if not line:
        line.append("not given", style=STYLE_DIM)
    return line


def years_detail(spans: Iterable[YearRange]) -> Table:
    items = []
    for span in spans:
        text = Text(queries.years_text(span), style="bold")
        if span.note:
            text.append(f": {span.note}")
        text.append_text(source_tag(span.sources, span.inferred))
        items.append(text)
    return bullets(items or [Text("not given", style=STYLE_DIM)])


def role_label(role: Level | Specialization) -> Text:
    text = Text(role.title, style=STYLE_TITLE)
    text.append(f" ({role.id})", style=STYLE_ID)
    return text


# ---------------------------------------------------------------- the ladder


def _track_title(kb: KnowledgeBase, track_id: str) -> str:
    track = queries.get_track(kb, track_id)
    return track.title if track else track_id


def _short_track(track_id: str) -> str:
    """A label for a track in a narrow cell: ``ic`` -> ``IC``, ``manager`` -> ``Manager``."""
    return track_id.upper() if len(track_id) <= 3 else track_id.capitalize()


class LadderView:
    """The ladder: IC and manager titles side by side per band; stacked when narrow."""

    def __init__(self, kb: KnowledgeBase, track: str | None = None):
        self.kb = kb
        self.track = track
        self.bands = queries.ladder(kb, track)
        self.track_ids = [track] if track else [t.id for t in kb.tracks]

    def caption(self) -> Text:
        kb = self.kb
        fork = queries.fork_band(kb)
        text = Text()
        if self.track:
            text.append(f"{_track_title(kb, self.track)} track only. ")
        elif fork is not None:
            below = [l for l in kb.levels if l.band < fork]
            last_shared = max(below, key=lambda l: l.band) if below else None
            if last_shared:
                text.append(f"Both tracks share the ladder up to {last_shared.title}; above it, it forks. ")
        text.append("Years are per source; see ")
        text.append("pmpath show ID", style="bold")
        text.append(" for a full card.")
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= LADDER_WIDE:
            yield self.table()
        else:
            yield from self.stacked()
        yield Text("")
        yield self.caption()

    def _cell(self, level: Level | None, shared: bool, first: bool) -> Text:
        if level is None:
            return Text("—", style=STYLE_DIM)
        if shared and not first:
            return Text("◂ both tracks", style=STYLE_DIM)
        text = Text(level.title, style=STYLE_TITLE)
        text.append(f"\n{level.id}", style=STYLE_ID)
        return text

    def _per_level(self, levels: tuple[Level, ...], value) -> Text:
        if len(levels) == 1:
            return value(levels[0])
        text = Text()
        for i, level in enumerate(levels):
            if i:
                text.append("\n")
            text.append(f"{_short_track(level.tracks[0])}: ", style=STYLE_DIM)
            text.append_text(value(level))
        return text

    def table(self) -> Table:
        table = Table(
            title="The product-management ladder",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_lines=True,
            expand=True,
        )
        table.add_column("Band", justify="right", no_wrap=True)
        for track_id in self.track_ids:
            table.add_column(_track_title(self.kb, track_id), max_width=23)
        table.add_column("Experience", ratio=3)
        table.add_column("Time at level", ratio=3)
        table.add_column("Scope", ratio=4)
        for band in self.bands:
            cells: list[Text] = [Text(str(band.band))]
            for i, track_id in enumerate(self.track_ids):
                cells.append(self._cell(band.on_track(track_id), band.shared, i == 0))
            cells.append(self._per_level(band.levels, lambda l: years_line(l.experience_years)))
            cells.append(self._per_level(band.levels, lambda l: years_line(l.time_at_level)))
            cells.append(self._per_level(band.levels, lambda l: Text(l.scope)))
            table.add_row(*cells)
        return table

    def stacked(self) -> Iterable[RenderableType]:
        yield Text("The product-management ladder", style="bold")
        for band in self.bands:
            for level in band.levels:
                yield Text("")
                line = Text(f"{band.band} ", style="bold")
                line.append_text(role_label(level))
                yield line
                tracks = (
                    "both tracks"
                    if band.shared and not self.track
                    else ", ".join(_track_title(self.kb, t) for t in level.tracks)
                )
                rows = key_values(
                    [
                        ("Track", Text(tracks)),
                        ("Exp.", years_line(level.experience_years)),
                        ("At level", years_line(level.time_at_level)),
                        ("Scope", Text(level.scope)),
                    ]
                )
                yield Indented(rows)


# ---------------------------------------------------------------- role cards


ROLE_LIST_WIDE = 70  # from this many columns ids and titles sit side by side; below, each title goes under its id


class RoleList:
    """Every role by id and title: levels in ladder order, then specializations."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= ROLE_LIST_WIDE
        first = True
        for title, entries in (
            ("Levels", sorted(self.kb.levels, key=lambda l: l.band)),
            ("Specializations and related roles", self.kb.specializations),
        ):
            if not entries:
                continue
            if not first:
                yield Text("")
            first = False
            yield heading(title)
            grid = Table.grid(padding=(0, 2) if wide else (0, 0))
            if wide:
                grid.add_column(style=STYLE_ID, no_wrap=True)
            grid.add_column(overflow="fold")
            for role in entries:
                label = Text(role.title)
                if role.aliases:
                    label.append(f" ({', '.join(role.aliases[:3])})", style=STYLE_DIM)
                if wide:
                    grid.add_row(role.id, label)
                else:
                    grid.add_row(Text(role.id, style=STYLE_ID))
                    grid.add_row(Padding(label, (0, 0, 0, 2)))
            yield grid
        yield Text("")
        yield Text("Show one with: pmpath show ID", style=STYLE_DIM)


def role_list(kb: KnowledgeBase) -> RoleList:
    """Every role by id and title: levels in ladder order, then specializations."""
    return RoleList(kb)


def _header(kb: KnowledgeBase, role: Level | Specialization) -> Group:
    title = Text(role.title, style="bold reverse")
    line = Text()
    line.append(role.id, style=STYLE_ID)
    if isinstance(role, Level):
        tracks = ", ".join(_track_title(kb, t) for t in role.tracks)
        line.append(f" · level, band {role.band} · {tracks}")
    else:
        line.append(f" · {role.kind}")
    parts: list[RenderableType] = [title, line]
    if role.aliases:
        parts.append(Text("Also called: " + ", ".join(role.aliases), style=STYLE_DIM))
    parts.append(Text(""))
    parts.append(Text(role.summary))
    return Group(*parts)


def _notes(notes: Iterable[Note]) -> list[Text]:
    out = []
    for note in notes:
        text = Text(f"{note.kind}: ", style=STYLE_INFERRED if note.kind == "inferred" else "bold yellow")
        text.append(note.text)
        if note.fields:
            text.append(f" (about: {', '.join(note.fields)})", style=STYLE_DIM)
        text.append_text(source_tag(note.sources))
        out.append(text)
    return out


def sources_block(kb: KnowledgeBase, ids: Iterable[str]) -> Table:
    items = []
    for sid, title in queries.source_titles(kb, list(ids)):
        text = Text(sid, style="bold")
        text.append(f" = {title}")
        items.append(text)
    return bullets(items)


def _comparison_block(kb: KnowledgeBase, item: Comparison) -> Table:
    return bullets(item.points)


def role_card(kb: KnowledgeBase, role: Level | Specialization) -> Group:
    """Every section of a level's or specialization's card, with its sources."""
    parts: list[RenderableType] = [_header(kb, role)]

    def add(title: str, body: RenderableType | None) -> None:
        if body is not None:
            parts.append(section(title, body))

    def add_list(title: str, items) -> None:
        if items:
            add(title, bullets(items))

    add("Main focus", Text(role.main_focus))
    if isinstance(role, Level):
        add("Scope", Text(role.scope))
        add("Years of experience", years_detail(role.experience_years))
        add("Time at this level", years_detail(role.time_at_level))
        add_list("Responsibilities", role.responsibilities)
        add_list("Skills", role.skills)
        add_list("A typical day", role.typical_day)
        add_list("How people get the role", role.how_to_get)
        below = queries.level_below(kb, role)
        if below is not None:
            item = queries.comparison(kb, below.id, role.id)
            if item is not None:
                add_list(f"Main differences from {below.title}", item.points)
        for item in queries.comparisons_of(kb, role.id):
            other = next(r for r in item.between if r != role.id)
            if below is not None and other == below.id:
                continue
            add_list(f"Compared with {_role_title(kb, other)}", item.points)
        add_list("Where people go from here", role.moves_on)
    else:
        add_list("Typical questions", role.typical_questions)
        add_list("Responsibilities", role.responsibilities)
        add_list("Daily focus", role.daily_focus)
        add_list("Metrics", role.metrics)
        add_list("Core skills", role.skills)
        add_list("Growing in this specialization", role.growth)
        if role.related_roles:
            add("Related roles", Text(", ".join(role.related_roles), style=STYLE_ID))
        for item in queries.comparisons_of(kb, role.id):
            other = next(r for r in item.between if r != role.id)
            add_list(f"Compared with {_role_title(kb, other)}", item.points)
    if role.notes:
        add("Notes", bullets(_notes(role.notes)))
    add("Sources", sources_block(kb, queries.all_sources(role)))
    return Group(*parts)


def _role_title(kb: KnowledgeBase, role_id: str) -> str:
    try:
        return queries.resolve(kb, role_id).title
    except queries.LookupProblem:
        return role_id


# ---------------------------------------------------------------- next steps


def _step_block(kb: KnowledgeBase, current: Level, step: queries.Step, number: int | None) -> Group:
    head = Text("→ " if number is None else f"{number}. → ", style=STYLE_ACCENT)
    head.append_text(role_label(step.target))
    tracks = ", ".join(_track_title(kb, t) for t in step.tracks)
    head.append(f" · {tracks} track", style=STYLE_DIM)
    parts: list[RenderableType] = [head]
    if step.switches_track:
        parts.append(
            Text(
                f"This step leaves the {', '.join(_track_title(kb, t) for t in current.tracks)} track "
                f"for the {tracks} track.",
                style="bold yellow",
            )
        )
    when = Text("Typical time before the step: ", style=STYLE_DIM)
    when.append_text(years_line(step.time))
    if step.time_from_level and step.time:
        when.append(f" (time at {current.title})", style=STYLE_DIM)
    parts.append(when)
    body: list[RenderableType] = []
    if step.criteria:
        body.append(section("What it takes", bullets(step.criteria)))
    if step.track_criteria:
        track_id = step.track_criteria[0][0]
        body.append(
            section(
                f"How the {_track_title(kb, track_id)} track promotes",
                bullets(item for _, item in step.track_criteria),
            )
        )
    if step.differences is not None:
        body.append(section("What changes (as the sources put it)", bullets(step.differences.points)))
    if step.adds_responsibilities:
        body.append(section(f"Responsibilities {step.target.title} adds", bullets(step.adds_responsibilities)))
    if step.adds_skills:
        body.append(section(f"Skills {step.target.title} adds", bullets(step.adds_skills)))
    if step.advice:
        body.append(section("Advice", bullets(step.advice)))
    parts.append(Indented(Group(*body)))
    return Group(*parts)


def next_view(kb: KnowledgeBase, answer: queries.NextAnswer) -> Group:
    """Where a role leads: each step with criteria, delta, time and advice."""
    role = answer.role
    parts: list[RenderableType] = []
    title = Text("Next from ", style="bold")
    title.append_text(role_label(role))
    if answer.track:
        title.append(f" on the {_track_title(kb, answer.track)} track", style="bold")
    parts.append(title)
    if isinstance(role, Specialization):
        parts.append(
            Text(
                f"{role.title} is a specialization, not a rung: it runs across the ladder, "
                "so people grow within it by moving up the levels while deepening it."
            )
        )
        if answer.growth:
            parts.append(section("Growing within it", bullets(answer.growth)))
        if answer.related:
            parts.append(section("Related roles", bullets(role_label(r) for r in answer.related)))
        hint = Text("For the next level up, run ")
        hint.append("pmpath next LEVEL", style="bold")
        hint.append(" with your current level, e.g. ")
        hint.append("pmpath next senior-pm", style="bold")
        hint.append(".")
        parts.append(Text(""))
        parts.append(hint)
        return Group(*parts)
    level = role
    if answer.time_at_level:
        line = Text("Typical time at this level: ", style=STYLE_DIM)
        line.append_text(years_line(answer.time_at_level))
        parts.append(line)
    if len(answer.steps) > 1:
        parts.append(Text(f"The ladder forks here: {len(answer.steps)} ways up.", style="bold"))
    for i, step in enumerate(answer.steps, 1):
        parts.append(Text(""))
        parts.append(_step_block(kb, level, step, i if len(answer.steps) > 1 else None))
    for track_id in answer.top_of:
        parts.append(Text(""))
        parts.append(Text(f"{level.title} is the top of the {_track_title(kb, track_id)} track.", style="bold"))
    if answer.other_track_steps:
        parts.append(Text("Going further means switching track:"))
        for step in answer.other_track_steps:
            parts.append(Text(""))
            parts.append(_step_block(kb, level, step, None))
    if answer.moves_on:
        parts.append(section("Where people go from here", bullets(answer.moves_on)))
    if answer.guidance:
        parts.append(
            section(
                "Advice on getting promoted",
                bullets(_guidance_text(g) for g in answer.guidance),
            )
        )
    return Group(*parts)


def _guidance_text(item) -> Text:
    text = Text(item.text)
    text.append_text(source_tag(item.sources))
    return text


# ---------------------------------------------------------------- shared by the other views


def key_values(rows: Iterable[tuple[str, RenderableType]]) -> "KeyValues":
    """Label/value rows: dim labels that never wrap, values that fold."""
    return KeyValues([(key, value if not isinstance(value, str) else Text(value)) for key, value in rows])


class KeyValues:
    """Label/value rows, as a two-column grid lays them out: labels padded to the widest, values wrapped beside them.

    Rows of text are drawn directly: a Rich table measures every cell first, and a
    ladder or a card has a dozen of these blocks (a tenth of a command's time).
    Anything but text in a value falls back to the table.
    """

    def __init__(self, rows: list[tuple[str, RenderableType]]):
        self.rows = rows

    def _grid(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style=STYLE_DIM, no_wrap=True)
        grid.add_column(overflow="fold")
        for key, value in self.rows:
            grid.add_row(key, value)
        return grid

    def _plain(self) -> bool:
        return all(isinstance(value, Text) for _, value in self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self._plain() or not self.rows:
            yield self._grid()
            return
        label_width = max(cell_len(key) for key, _ in self.rows)
        width = max(1, options.max_width - label_width - 1)
        blank = " " * label_width
        for key, value in self.rows:
            lines = value.wrap(console, width, overflow=value.overflow or "fold", no_wrap=value.no_wrap or False)
            for number, line in enumerate(lines or [Text("")]):
                out = Text(key.ljust(label_width) if number == 0 else blank, style=STYLE_DIM)
                out.append(" ")
                out.append_text(line)
                yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._grid())


def spaced(blocks: Iterable[RenderableType]) -> list[RenderableType]:
    """Blocks with a blank line between each two."""
    out: list[RenderableType] = []
    for block in blocks:
        if out:
            out.append(Text(""))
        out.append(block)
    return out


def indent(renderable: RenderableType, left: int = 2) -> "Indented":
    return Indented(renderable, left)


class Indented:
    """A block moved ``left`` columns to the right: ``Padding(renderable, (0, 0, 0, left), expand=False)``, quicker.

    Padding measures what it holds first, to pad its lines to the widest; a measure
    of a block of label/value rows builds the grid it avoids drawing (a ladder has a
    dozen such blocks). The lines are the same without that padding, which trails
    off the end of each line and never shows (tests/test_render.py compares them).
    One difference: an empty block is one empty line here; Padding drops it.
    """

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
        inner = Measurement.get(console, options.update_width(max(1, options.max_width - self.left)), self.renderable)
        return Measurement(inner.minimum + self.left, inner.maximum + self.left)


def headline(text: str, limit: int = 60) -> str:
    """A statement cut to its head: before any parenthesis, and before its first comma when long."""
    text = text.rstrip(".")
    head = text.split(" (", 1)[0]
    if len(head) > limit and ", " in head:
        head = head.split(", ", 1)[0]
    return head


def headline_metrics(metrics, count: int = 3) -> str:
    """The first few metrics, each cut to its head: ``Sign-ups; Activation rate; Conversion``."""
    return "; ".join(headline(m.text) for m in metrics[:count])


def track_title(kb: KnowledgeBase, track_id: str) -> str:
    return _track_title(kb, track_id)


def hint_line(*parts: tuple[str, bool]) -> Text:
    """A dim line with commands in bold: ``hint_line(("See ", False), ("pmpath show X", True))``."""
    text = Text(style=STYLE_DIM)
    for part, command in parts:
        text.append(part, style="bold" if command else STYLE_DIM)
    return text
