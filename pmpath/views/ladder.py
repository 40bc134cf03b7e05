"""The ladder (``levels``), the list of roles (``show``), a role card (``show ID``), the next steps (``next``)."""

from __future__ import annotations

from typing import Optional

from ..questions import queries
from ..kb.schema import KnowledgeBase, Level, Specialization
from . import pieces as P
from .elements import (
    ACCENT,
    BREAK,
    CODE,
    DIM,
    EM,
    STRONG,
    WARN,
    Choice,
    Column,
    Document,
    Drawing,
    Indent,
    Span,
    Table,
    bullets,
    document,
    heading,
    para,
    rows,
    section,
    spans,
)

LADDER_WIDE = 120  # the ladder has six columns: it becomes a table only from here
ROLE_LIST_WIDE = 70  # from here ids and titles sit side by side
LADDER_TITLE = "The product-management ladder"


# ---------------------------------------------------------------- the ladder


def _caption(kb: KnowledgeBase, track: Optional[str]) -> tuple:
    parts: list = []
    fork = queries.fork_band(kb)
    if track:
        parts.append(f"{P.track_title(kb, track)} track only. ")
    elif fork is not None:
        below = [level for level in kb.levels if level.band < fork]
        if below:
            parts.append(f"Both tracks share the ladder up to {max(below, key=lambda l: l.band).title}; above it, it forks. ")
    parts += ["Years are per source; see ", Span("pmpath show ID", STRONG), " for a full card."]
    return spans(*parts)


def _per_level(levels: tuple, value) -> tuple:
    if len(levels) == 1:
        return value(levels[0])
    out: list = []
    for i, level in enumerate(levels):
        if i:
            out.append(Span("\n", BREAK))
        out += [Span(f"{P.short_track(level.tracks[0])}: ", DIM), *value(level)]
    return tuple(out)


def _cell(level: Optional[Level], shared: bool, first: bool) -> tuple:
    if level is None:
        return (Span("—", DIM),)
    if shared and not first:
        return (Span("◂ both tracks", "merge"),)
    return (Span(level.title, STRONG), Span("\n", BREAK), Span(level.id, CODE))


def ladder(kb: KnowledgeBase, track: Optional[str] = None) -> Document:
    """Every level by band, the tracks side by side where the ladder forks (stacked below 120 columns)."""
    bands = queries.ladder(kb, track)
    track_ids = [track] if track else [t.id for t in kb.tracks]
    columns = (
        Column("Band", numeric=True),
        *(Column(P.track_title(kb, t), max_width=23) for t in track_ids),
        Column("Experience", ratio=3),
        Column("Time at level", ratio=3),
        Column("Scope", ratio=4),
    )
    table_rows = []
    for band in bands:
        cells = [(Span(str(band.band)),)]
        cells += [_cell(band.on_track(t), band.shared, i == 0) for i, t in enumerate(track_ids)]
        cells.append(_per_level(band.levels, lambda l: P.years_line(l.experience_years)))
        cells.append(_per_level(band.levels, lambda l: P.years_line(l.time_at_level)))
        cells.append(_per_level(band.levels, lambda l: (Span(l.scope),)))
        table_rows.append(tuple(cells))
    wide = (Table(columns, tuple(table_rows), title=LADDER_TITLE, lines=True),)
    narrow: list = [heading(1, LADDER_TITLE)]
    for band in bands:
        for level in band.levels:
            where = (
                "both tracks"
                if band.shared and not track
                else ", ".join(P.track_title(kb, t) for t in level.tracks)
            )
            narrow.append(para(Span(f"{band.band} ", STRONG), P.role_label(level)))
            narrow.append(
                Indent(
                    (
                        rows(
                            [
                                ("Track", where),
                                ("Exp.", P.years_line(level.experience_years)),
                                ("At level", P.years_line(level.time_at_level)),
                                ("Scope", level.scope),
                            ]
                        ),
                    )
                )
            )
    shows_inferred = any(P.any_inferred([*level.experience_years, *level.time_at_level]) for band in bands for level in band.levels)
    return document(
        "ladder",
        LADDER_TITLE,
        Choice(wide, tuple(narrow), LADDER_WIDE),
        para(_caption(kb, track)),
        para(P.inferred_legend(), tight=True) if shows_inferred else None,
    )


def ladder_tree(kb: KnowledgeBase, track: Optional[str] = None) -> Document:
    """The ladder as a picture: bands top to bottom, the fork into tracks."""
    from .picture import picture_lines

    return document(
        "ladder",
        LADDER_TITLE,
        Drawing(lambda width: picture_lines(kb, width, track), "The ladder, top to bottom, with the fork into tracks"),
    )


# ---------------------------------------------------------------- every role


def role_list(kb: KnowledgeBase) -> Document:
    """Every role by id and title: levels in ladder order, then specializations."""
    blocks: list = []
    for title, entries in (
        ("Levels", sorted(kb.levels, key=lambda l: l.band)),
        ("Specializations and related roles", kb.specializations),
    ):
        if not entries:
            continue
        pairs = []
        for role in entries:
            also = Span(f" ({', '.join(role.aliases[:3])})", DIM) if role.aliases else None
            pairs.append((role.id, spans(role.title, also)))
        wide = (rows(pairs, gap=2),)
        narrow = tuple(block for role_id, label in pairs for block in (para(Span(role_id, CODE), tight=True), Indent((para(label),))))
        blocks += section(title, Choice(wide, narrow, ROLE_LIST_WIDE))
    blocks.append(para(Span("Show one with: pmpath show ID", DIM)))
    return document("roles", "Roles", blocks)


# ---------------------------------------------------------------- a role card


def _title_of(kb: KnowledgeBase, role_id: str) -> str:
    try:
        return queries.resolve(kb, role_id).title
    except queries.LookupProblem:
        return role_id


def card_header(kb: KnowledgeBase, role: Level | Specialization) -> list:
    if isinstance(role, Level):
        kind = f" · level, band {role.band} · {', '.join(P.track_title(kb, t) for t in role.tracks)}"
    else:
        kind = f" · {role.kind}"
    out = [heading(1, role.title), para(Span(role.id, CODE), kind, tight=True)]
    if role.aliases:
        out.append(para(Span("Also called: " + ", ".join(role.aliases), EM), tight=True))
    if isinstance(role, Level) and role.equivalent is not None:
        out.append(para(
            Span("Equivalent in the reference ladder: ", EM), Span(role.equivalent, CODE),
            Span(f" ({role.match_kind}; pmpath map lines ladders up)", EM), tight=True,
        ))
    out.append(para(role.summary))
    return out


def role_card(kb: KnowledgeBase, role: Level | Specialization) -> Document:
    """Every section of a level's or specialization's card, with its sources."""
    out = card_header(kb, role)

    def add(title: str, items) -> None:
        out.extend(section(title, bullets(P.statements(items))))

    out += section("Main focus", para(role.main_focus))
    comparisons = queries.comparisons_of(kb, role.id)
    if isinstance(role, Level):
        out += section("Scope", para(role.scope))
        for title, spans_ in (("Years of experience", role.experience_years), ("Time at this level", role.time_at_level)):
            out += section(title, bullets([P.years(s, with_note=True) for s in spans_] or [(Span("not given", EM),)]))
        add("Responsibilities", role.responsibilities)
        add("Skills", role.skills)
        add("A typical day", role.typical_day)
        add("How people get the role", role.how_to_get)
        below = queries.level_below(kb, role)
        if below is not None:
            item = queries.comparison(kb, below.id, role.id)
            if item is not None:
                add(f"Main differences from {below.title}", item.points)
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            if below is None or other != below.id:
                add(f"Compared with {_title_of(kb, other)}", item.points)
        add("Where people go from here", role.moves_on)
    else:
        add("Typical questions", role.typical_questions)
        add("Responsibilities", role.responsibilities)
        add("Daily focus", role.daily_focus)
        add("Metrics", role.metrics)
        add("Core skills", role.skills)
        add("Growing in this specialization", role.growth)
        if role.related_roles:
            out += section("Related roles", para(Span(", ".join(role.related_roles), CODE)))
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            add(f"Compared with {_title_of(kb, other)}", item.points)
    if role.notes:
        out += section("Notes", bullets(P.note(n) for n in role.notes))
    out += section("Sources", bullets(P.source_line(sid, title) for sid, title in queries.source_titles(kb, queries.all_sources(role))))
    return document("role", role.title, out)


# ---------------------------------------------------------------- next steps


def step_blocks(kb: KnowledgeBase, current: Level, step: queries.Step, number: Optional[int]) -> list:
    tracks = ", ".join(P.track_title(kb, t) for t in step.tracks)
    head = para(Span("→ " if number is None else f"{number}. → ", ACCENT), P.role_label(step.target), Span(f" · {tracks} track", DIM))
    out: list = [head]
    if step.switches_track:
        here = ", ".join(P.track_title(kb, t) for t in current.tracks)
        out.append(para(Span(f"This step leaves the {here} track for the {tracks} track.", WARN), tight=True))
    when = [Span("Typical time before the step: ", DIM), *P.years_line(step.time)]
    if step.time_from_level and step.time:
        when.append(Span(f" (time at {current.title})", DIM))
    out.append(para(*when, tight=True))
    body: list = []
    body += section("What it takes", bullets(P.statements(step.criteria)))
    if step.track_criteria:
        track_id = step.track_criteria[0][0]
        body += section(f"How the {P.track_title(kb, track_id)} track promotes", bullets(P.statements(i for _, i in step.track_criteria)))
    if step.differences is not None:
        body += section("What changes (as the sources put it)", bullets(P.statements(step.differences.points)))
    body += section(f"Responsibilities {step.target.title} adds", bullets(P.statements(step.adds_responsibilities)))
    body += section(f"Skills {step.target.title} adds", bullets(P.statements(step.adds_skills)))
    body += section("Advice", bullets(P.statements(step.advice)))
    if body:
        out.append(Indent(tuple(body), tight=False))
    return out


def next_steps(kb: KnowledgeBase, answer: queries.NextAnswer) -> Document:
    """Where a role leads: each step with criteria, what changes, time and advice."""
    role = answer.role
    title = spans(Span("Next from ", STRONG), P.role_label(role))
    if answer.track:
        title = spans(title, Span(f" on the {P.track_title(kb, answer.track)} track", STRONG))
    out: list = [heading(1, title)]
    if isinstance(role, Specialization):
        out.append(
            para(
                f"{role.title} is a specialization, not a rung: it runs across the ladder, "
                "so people grow within it by moving up the levels while deepening it.",
                tight=True,
            )
        )
        out += section("Growing within it", bullets(P.statements(answer.growth)))
        out += section("Related roles", bullets(P.role_label(r) for r in answer.related))
        out.append(para("For the next level up, run ", Span("pmpath next LEVEL", STRONG), " with your current level, e.g. ",
                        Span("pmpath next senior-pm", STRONG), "."))
        return document("next", f"Next from {role.title}", out)
    level = role
    if answer.time_at_level:
        out.append(para(Span("Typical time at this level: ", DIM), P.years_line(answer.time_at_level), tight=True))
    if len(answer.steps) > 1:
        out.append(para(Span(f"The ladder forks here: {len(answer.steps)} ways up.", STRONG), tight=True))
    for i, step in enumerate(answer.steps, 1):
        out += step_blocks(kb, level, step, i if len(answer.steps) > 1 else None)
    for track_id in answer.top_of:
        out.append(para(Span(f"{level.title} is the top of the {P.track_title(kb, track_id)} track.", STRONG)))
    if answer.other_track_steps:
        out.append(para("Going further means switching track:", tight=True))
        for step in answer.other_track_steps:
            out += step_blocks(kb, level, step, None)
    out += section("Where people go from here", bullets(P.statements(answer.moves_on)))
    out += section("Advice on getting promoted", bullets(spans(g.text, P.tag(g.sources)) for g in answer.guidance))
    return document("next", f"Next from {role.title}", out)
