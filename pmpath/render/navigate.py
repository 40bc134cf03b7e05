"""Renderables for moving through a career: a route, two roles compared, the tracks, ways off the ladder.

Each function takes an answer from :mod:`pmpath.questions.navigate` and returns a Rich
renderable; knowledge-base text is always wrapped in :class:`rich.text.Text`.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..questions import navigate
from ..kb.schema import KnowledgeBase, Level
from . import (
    STYLE_ACCENT,
    STYLE_DIM,
    STYLE_ID,
    STYLE_INFERRED,
    WIDE,
    _notes,
    bullets,
    heading,
    headline_metrics,
    hint_line,
    indent,
    key_values,
    role_label,
    section,
    source_tag,
    spaced,
    span_text,
    track_title,
    years_line,
)


def _window_text(window: navigate.Window | None) -> Text | None:
    if window is None:
        return None
    text = Text(window.start.label)
    text.append(f" – {window.end.label}" if window.end is not None else " or later")
    if window.past:
        text.append(" (already past)", style=STYLE_DIM)
    return text


# ---------------------------------------------------------------- path


def _route_step(kb: KnowledgeBase, answer: navigate.PathAnswer, item: navigate.RouteStep) -> Group:
    step = item.step
    head = Text(f"{item.number}. ", style=STYLE_ACCENT)
    head.append(item.start.title)
    head.append(" → ", style=STYLE_ACCENT)
    head.append_text(role_label(step.target))
    where = "both tracks" if item.track is None else f"{track_title(kb, item.track)} track"
    head.append(f" · {where}", style=STYLE_DIM)
    parts: list[RenderableType] = [head]
    body: list[RenderableType] = []
    if item.forks_to is not None:
        body.append(
            Text(f"The ladder forks here; this route takes the {track_title(kb, item.forks_to)} track.", style="bold yellow")
        )
    if item.leaves_track is not None:
        why = f"{answer.goal.title} is not on it" if answer.goal.tracks != [item.leaves_track] else "no step on it leads on"
        body.append(
            Text(
                f"Here the route leaves the {track_title(kb, item.leaves_track)} track "
                f"for the {track_title(kb, item.track or '')} track ({why}).",
                style="bold yellow",
            )
        )
    rows: list[tuple[str, RenderableType]] = []
    time = years_line(step.time)
    if step.time_from_level and step.time:
        time.append(f" (time at {item.start.title})", style=STYLE_DIM)
    rows.append(("Time", time))
    total = Text(span_text(item.cumulative))
    if item.inferred_time:
        total.append(" (includes inferred figures)", style=STYLE_INFERRED)
    rows.append(("So far", total))
    window = _window_text(item.window)
    if window is not None:
        rows.append(("Expected", window))
    body.append(key_values(rows))
    if step.criteria:
        body.append(section("What it takes", bullets(step.criteria)))
    if step.track_criteria and (item.forks_to or item.leaves_track):
        track_id = step.track_criteria[0][0]
        body.append(
            section(f"How the {track_title(kb, track_id)} track promotes", bullets(s for _, s in step.track_criteria))
        )
    parts.append(indent(Group(*body)))
    return Group(*parts)


MORE_ROUTES_SHOWN = 1000
"""Up to this many, the routes beyond those listed are counted exactly; past it, "more than 1,000"."""


def more_routes_text(count: int) -> str:
    """``3 more routes``, ``1 more route``, ``more than 1,000 more routes``."""
    if count > MORE_ROUTES_SHOWN:
        return f"more than {MORE_ROUTES_SHOWN:,} more routes"
    return f"{count:,} more route{'s' if count != 1 else ''}"


def path_view(kb: KnowledgeBase, answer: navigate.PathAnswer) -> Group:
    """The route step by step: criteria, time at each level, the running total and calendar windows."""
    title = Text("Route: ", style="bold")
    title.append_text(role_label(answer.start))
    title.append(" → ", style="bold")
    title.append_text(role_label(answer.goal))
    parts: list[RenderableType] = [title]
    count = len(answer.steps)
    summary = Text(f"{count} step{'s' if count != 1 else ''}, about {span_text(answer.total)} in total")
    if answer.track:
        summary.append(f", preferring the {track_title(kb, answer.track)} track")
    summary.append(".")
    if answer.inferred:
        summary.append(" Some figures are inferred.", style=STYLE_INFERRED)
    parts.append(summary)
    if answer.since is not None:
        line = Text(f"Started at {answer.start.title} in {answer.since.label}; ")
        last = answer.steps[-1].window
        if last is not None:
            line.append(f"{answer.goal.title} expected ")
            line.append_text(_window_text(last) or Text(""))
            line.append(".")
        else:
            line.append("no estimate: a step has no typical time.")
        parts.append(line)
    for item in answer.steps:
        parts.append(Text(""))
        parts.append(_route_step(kb, answer, item))
    if answer.incomplete:
        parts += [Text(""), Text("A step has no typical time in the sources, so the total is open-ended.", style=STYLE_DIM)]
    if answer.other_routes:
        lines = []
        for route in answer.other_routes:
            line = Text("via ")
            line.append(", ".join(level.id for level in route) or "a direct step", style=STYLE_ID)
            lines.append(line)
        body: list[RenderableType] = [bullets(lines)]
        if answer.more_routes:
            body.append(Text(f"and {more_routes_text(answer.more_routes)}", style=STYLE_DIM))
        parts.append(section("Other routes", *body))
    parts.append(Text(""))
    parts.append(
        Text(
            "Each step's time is the widest range its sources give; the running total adds them up, "
            "and '+' means no upper bound.",
            style=STYLE_DIM,
        )
    )
    return Group(*parts)


# ---------------------------------------------------------------- compare


def _kind(kb: KnowledgeBase, role) -> Text:
    if isinstance(role, Level):
        tracks = " and ".join(track_title(kb, t) for t in role.tracks)
        return Text(f"level, band {role.band} · {tracks}")
    return Text(role.kind)


def _field_rows(kb: KnowledgeBase, role) -> list[tuple[str, RenderableType]]:
    rows: list[tuple[str, RenderableType]] = [("Kind", _kind(kb, role)), ("Main focus", Text(role.main_focus))]
    if isinstance(role, Level):
        rows += [
            ("Scope", Text(role.scope)),
            ("Experience", years_line(role.experience_years)),
            ("Time at level", years_line(role.time_at_level)),
        ]
    elif role.metrics:
        rows.append(("Headline metrics", Text(headline_metrics(role.metrics))))
    return rows


FIELD_TITLES = {
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "metrics": "Metrics",
    "typical_questions": "Typical questions",
}


class CompareView:
    """Two roles side by side (a table when wide, stacked when narrow), then what sets them apart."""

    def __init__(self, kb: KnowledgeBase, answer: navigate.CompareAnswer):
        self.kb = kb
        self.answer = answer

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        a, b = self.answer.a, self.answer.b
        title = Text("Compare ", style="bold")
        title.append_text(role_label(a))
        title.append(" with ", style="bold")
        title.append_text(role_label(b))
        yield title
        yield Text(self.answer.relation)
        yield Text("")
        rows_a, rows_b = dict(_field_rows(self.kb, a)), dict(_field_rows(self.kb, b))
        keys = list(dict.fromkeys([*rows_a, *rows_b]))
        if options.max_width >= WIDE:
            table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=False)
            table.add_column("", style=STYLE_DIM, no_wrap=True)
            table.add_column(Text(a.title, style="bold"), ratio=1)
            table.add_column(Text(b.title, style="bold"), ratio=1)
            for key in keys:
                table.add_row(key, rows_a.get(key, Text("—", style=STYLE_DIM)), rows_b.get(key, Text("—", style=STYLE_DIM)))
            yield table
        else:
            for key in keys:
                yield heading(key)
                yield indent(key_values([(a.id, rows_a.get(key, Text("—"))), (b.id, rows_b.get(key, Text("—")))]))
        yield from self._differences()

    def _differences(self):
        answer = self.answer
        a, b = answer.a, answer.b
        if answer.explicit is not None:
            yield section("Main differences, as the sources draw them", bullets(answer.explicit.points))
        for item in answer.along_the_way:
            names = " → ".join(item.between)
            yield section(f"Main differences along the way ({names})", bullets(item.points))
        if answer.explicit is None and not answer.along_the_way:
            yield Text("")
            yield Text("No source draws the differences between these two explicitly.", style=STYLE_DIM)
        for diff in answer.differences:
            name = FIELD_TITLES.get(diff.field, diff.field)
            if diff.only_a:
                yield section(f"{name} only {a.title} lists", bullets(diff.only_a))
            if diff.only_b:
                yield section(f"{name} only {b.title} lists", bullets(diff.only_b))
            if diff.shared:
                yield section(f"{name} both list (much the same words)", bullets(x for x, _ in diff.shared))


def compare_view(kb: KnowledgeBase, answer: navigate.CompareAnswer) -> CompareView:
    return CompareView(kb, answer)


# ---------------------------------------------------------------- tracks


_TRACK_SECTIONS = (
    ("What it values", "values"),
    ("How people are promoted", "promotion_criteria"),
    ("Skills it leans on", "skills"),
    ("Pros", "pros"),
    ("Cons", "cons"),
)


class TracksView:
    """IC versus people manager: values, promotion criteria, pros and cons, and the bands they share."""

    def __init__(self, kb: KnowledgeBase, answer: navigate.TracksAnswer):
        self.kb = kb
        self.answer = answer

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        tracks = self.answer.tracks
        title = Text(" versus ".join(t.title for t in tracks) if len(tracks) > 1 else f"The {tracks[0].title} track")
        title.stylize("bold")
        yield title
        if options.max_width >= WIDE and len(tracks) > 1:
            table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=False)
            table.add_column("", style=STYLE_DIM, no_wrap=True)
            for track in tracks:
                table.add_column(Text(f"{track.title} ({track.id})", style="bold"), ratio=1)
            table.add_row("Summary", *(Text(t.summary) for t in tracks))
            for name, field in _TRACK_SECTIONS:
                table.add_row(name, *(bullets(getattr(t, field)) for t in tracks))
            yield Text("")
            yield table
        else:
            for track in tracks:
                yield Text("")
                head = Text(track.title, style="bold reverse")
                head.append(f" {track.id}", style=STYLE_ID)
                yield head
                yield Text(track.summary)
                for name, field in _TRACK_SECTIONS:
                    items = getattr(track, field)
                    if items:
                        yield section(name, bullets(items))
        yield from self._levels()

    def _levels(self):
        answer, kb = self.answer, self.kb
        if answer.shared:
            line = Text("Every track shares ")
            line.append(" → ".join(level.title for level in answer.shared))
            line.append("; the ladder forks above it.")
            yield section("Levels", line)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, justify="right", style=STYLE_DIM)
        for track_id, _ in answer.rows[0].levels if answer.rows else ():
            grid.add_column(overflow="fold")
        if answer.rows:
            grid.add_row("Band", *(Text(track_title(kb, t), style="bold") for t, _ in answer.rows[0].levels))
            for row in answer.rows:
                cells = []
                for _, level in row.levels:
                    cells.append(Text("—", style=STYLE_DIM) if level is None else Text(level.title))
                grid.add_row(str(row.band), *cells)
            yield Text("")
            yield grid
            parallel = [row for row in answer.rows if row.parallel]
            if parallel:
                for row in parallel:
                    names = " and ".join(level.title for _, level in row.levels if level is not None)
                    yield Text(f"Parallel at band {row.band}: {names}.", style=STYLE_DIM)
        for crossing in answer.crossings:
            text = Text(f"{crossing.start.title} → {crossing.target.title} crosses from the ")
            text.append(" and ".join(track_title(kb, t) for t in crossing.start.tracks))
            text.append(" to the ")
            text.append(" and ".join(track_title(kb, t) for t in crossing.promotion.tracks))
            text.append(" track.")
            text.append_text(source_tag(crossing.promotion.sources))
            yield section("Switching track", text)
        if answer.advice:
            yield section("Choosing", bullets(_statement(g.text, g.sources) for g in answer.advice))
        notes = [note for track in answer.tracks for note in track.notes]
        if notes:
            yield section("Notes", bullets(_notes(notes)))


def _statement(text: str, sources) -> Text:
    out = Text(text)
    out.append_text(source_tag(sources))
    return out


def tracks_view(kb: KnowledgeBase, answer: navigate.TracksAnswer) -> TracksView:
    return TracksView(kb, answer)


# ---------------------------------------------------------------- alternatives


KIND_TITLES = {
    "within-product": "Other jobs in the product space",
    "operations": "Product operations",
    "beyond-product": "Jobs beyond product that use a PM's skills",
    "founder": "Your own company",
    "past-cpo": "Moves past Chief Product Officer",
}


def _alternative(item) -> Group:
    head = Text(item.title, style="bold")
    head.append(f" ({item.id})", style=STYLE_ID)
    parts: list[RenderableType] = [head]
    summary = Text(item.summary)
    summary.append_text(source_tag(item.sources))
    body: list[RenderableType] = [summary]
    if item.suits:
        body.append(key_values([("Suits", bullets(item.suits))]))
    if item.needs:
        body.append(key_values([("Needs", bullets(item.needs))]))
    if item.role:
        body.append(hint_line(("More: ", False), (f"pmpath show {item.role}", True)))
    parts.append(indent(Group(*body)))
    return Group(*parts)


def _grouped(items) -> list[RenderableType]:
    out: list[RenderableType] = []
    for kind, title in KIND_TITLES.items():
        chosen = [item for item in items if item.kind == kind]
        if chosen:
            out.append(section(title, *spaced(_alternative(item) for item in chosen)))
    return out


def alternatives_view(kb: KnowledgeBase, answer: navigate.AlternativesAnswer) -> Group:
    """Alternative paths and lateral moves, for everyone or from one role."""
    parts: list[RenderableType] = []
    if answer.role is None:
        parts.append(Text("Alternative paths and lateral moves", style="bold"))
    else:
        title = Text("Alternatives from ", style="bold")
        title.append_text(role_label(answer.role))
        parts.append(title)
    if answer.guidance:
        parts.append(bullets(_statement(g.text, g.sources) for g in answer.guidance))
    if answer.lateral:
        lines = []
        for move in answer.lateral:
            text = role_label(move.role)
            text.append(f": {move.why}", style=STYLE_DIM)
            lines.append(text)
        parts.append(section("Lateral moves inside product management", bullets(lines)))
    if answer.role is not None and answer.specific:
        parts.append(section(f"Moves the sources name for {answer.role.title}", *spaced(_alternative(a) for a in answer.specific)))
        parts.append(section("Open to any PM"))
        parts += _grouped(answer.general)
    elif answer.role is not None:
        parts.append(section("Ways off the ladder, open to any PM"))
        parts += _grouped(answer.general)
    else:
        parts += _grouped([*answer.general, *answer.specific])
    if answer.role is None:
        parts += [Text(""), hint_line(("For one role, with lateral moves: ", False), ("pmpath alternatives ROLE", True))]
    return Group(*parts)


__all__ = ["path_view", "compare_view", "tracks_view", "alternatives_view", "CompareView", "TracksView"]
