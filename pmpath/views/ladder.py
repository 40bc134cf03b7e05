"""The ladder (``levels``), the list of roles (``show``), a role card (``show ID``), the next steps (``next``)."""

from __future__ import annotations

from typing import Optional

from ..questions import queries
from ..kb.schema import KnowledgeBase, Level, Note, Specialization, normalize_key
from . import pieces as P
from .company import grade_row, grade_text, graded, review_rows
from .navigate import shortened
from .elements import (
    ACCENT,
    BREAK,
    MARK,
    Bullets,
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
    parts += ["Years are per source; see ", Span("pmpath show ID", STRONG), " for a card."]
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
        cells += [graded(kb, band.on_track(t), _cell(band.on_track(t), band.shared, i == 0)) for i, t in enumerate(track_ids)]
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
                                *grade_row(kb, level),
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

SHOWN = 5
"""How many responsibilities and skills a short card shows (most-cited first)."""

STEP_SHOWN = 3
"""How many criteria a short step shows, and how many added duties and skills it names."""

ROW_CHARS = 240
"""The added duties (or skills) a short step names on one row: fewer when their heads are longer than this."""


def _title_of(kb: KnowledgeBase, role_id: str) -> str:
    try:
        return queries.resolve(kb, role_id).title
    except queries.LookupProblem:
        return role_id


def _sources_of(items) -> list[str]:
    """The sources of several statements, each once, in the order they first appear."""
    return list(dict.fromkeys(sid for item in items for sid in (getattr(item, "sources", None) or ())))


def _headed(title, items, mark: Optional[str] = None, more: int = 0) -> tuple:
    """A section title with its items' sources named once, a ``(disputed)`` mark where a note disputes it, and
    ``· 5 of 9`` when the short view leaves some out."""
    count = Span(f" · {len(items)} of {len(items) + more}", DIM) if more else None
    return spans(title, Span(f" ({mark})", MARK) if mark else None, count, P.tag(_sources_of(items)))


def _top(items, count: Optional[int]) -> tuple[list, int]:
    """The ``count`` most-cited statements (data order among equals), and how many were left out."""
    items = list(items)
    if count is None or len(items) <= count:
        return items, 0
    ranked = sorted(range(len(items)), key=lambda i: -len(items[i].sources or ()))[:count]
    return [items[i] for i in sorted(ranked)], len(items) - count


def _last_line(left: int, command: str):
    """The short view's last line: how much it left out, or (nothing left out) where every source is."""
    if left:
        return shortened(left, command)
    return para(P.hint(("Every source, item by item: ", False), (f"{command} --full", True)))


def _alias_key(text: str) -> str:
    """An alias or a note's text, compared case- and punctuation-blind, "product manager" read as "PM"."""
    return "-" + normalize_key(text).replace("product-manager", "pm") + "-"


def alias_notes(role: Level | Specialization) -> dict[str, Note]:
    """Each alias a note about the role's aliases names, with that note (disagreements first)."""
    out: dict[str, Note] = {}
    notes = sorted((n for n in role.notes if "aliases" in n.fields), key=lambda n: n.kind != "disagreement")
    for alias in role.aliases:
        key = _alias_key(alias)
        for note in notes:
            if key in _alias_key(note.text):
                out[alias] = note
                break
    return out


def asked_alias(role: Level | Specialization, asked: Optional[str]) -> Optional[str]:
    """The alias ``asked`` names, when a user reached the role by one of its aliases."""
    if not asked:
        return None
    key = normalize_key(asked)
    return next((alias for alias in role.aliases if normalize_key(alias) == key), None)


def disputed_fields(role) -> set[str]:
    """The fields a disagreement note is about."""
    return {field for note in role.notes if note.kind == "disagreement" for field in note.fields}


def _mark(role, field: str) -> Optional[str]:
    """``disputed`` where a disagreement note is about the field; for the band, which carries no flag of its own,
    ``inferred`` where a note says no article ranks it so (statements and years carry their own marks)."""
    if field in disputed_fields(role):
        return "disputed"
    if field == "band" and any(note.kind == "inferred" and field in note.fields for note in role.notes):
        return "inferred"
    return None


def _alias_line(role) -> Optional[object]:
    if not role.aliases:
        return None
    marked = alias_notes(role)
    parts: list = [Span("Also called: ", EM)]
    for i, alias in enumerate(role.aliases):
        note = marked.get(alias)
        parts += [Span(", " if i else ""), Span(alias)]
        if note is not None:
            parts.append(Span(" (disputed)" if note.kind == "disagreement" else f" ({note.kind})", MARK))
    return para(*parts, tight=True)


def card_header(kb: KnowledgeBase, role: Level | Specialization, asked: Optional[str] = None) -> list:
    """Title, kind (a level's band marked where a note disputes or infers it), aliases, and a warning when the
    name the user typed is an alias the articles dispute."""
    if isinstance(role, Level):
        band_mark = _mark(role, "band")
        kind = spans(
            f" · level, band {role.band}",
            Span(f" ({band_mark})", MARK) if band_mark else None,
            f" · {', '.join(P.track_title(kb, t) for t in role.tracks)}",
        )
    else:
        kind = spans(f" · {role.kind}")
    out = [heading(1, role.title), para(Span(role.id, CODE), kind, tight=True)]
    alias_line = _alias_line(role)
    if alias_line is not None:
        out.append(alias_line)
    warning = alias_warning(role, asked, "this card")
    if warning is not None:
        out.append(warning)
    if isinstance(role, Level) and role.grade is not None:
        out.append(rows([("Grade", grade_text(kb, role))], tight=True))
    if isinstance(role, Level) and role.equivalent is not None:
        out.append(para(
            Span("Equivalent in the reference ladder: ", EM), Span(role.equivalent, CODE),
            Span(f" ({role.match_kind}; pmpath map lines ladders up)", EM), tight=True,
        ))
    out.append(para(role.summary))
    return out


def alias_warning(role, asked: Optional[str], what: str):
    """``"Lead PM" opens this card, but the articles disagree on that name: ...`` when the name typed is an alias
    a note disputes or qualifies; None otherwise."""
    alias = asked_alias(role, asked)
    note = alias_notes(role).get(alias) if alias else None
    if note is None:
        return None
    said = "but the articles disagree on that name" if note.kind == "disagreement" else f"with a {note.kind}"
    return para(Span(f'"{alias}" opens {what}, {said}: ', WARN), note.text, P.tag(note.sources))


def _years_rows(role: Level) -> list:
    pairs = [
        ("Experience", P.years_line(role.experience_years)),
        ("At level", P.years_line(role.time_at_level)),
    ]
    if role.years_to_reach:
        reached = [spans(f"about {P.years_text(y)} from the start of a PM career", P.tag(y.sources, y.inferred))
                   for y in role.years_to_reach]
        pairs.append(("Reached", spans(*(x for i, r in enumerate(reached) for x in ((Span("; ") if i else None), r)))))
    return pairs


def _disagreements(role, skip: Optional[Note] = None, full: bool = True) -> list:
    """The role's disagreement notes, near the top of its card (the short card: without the fields each is about)."""
    notes = [n for n in role.notes if n.kind == "disagreement" and n is not skip]
    items = (P.note(n) if full else spans(n.text, P.tag(n.sources)) for n in notes)
    return list(section("Where the articles disagree", bullets(items)))


def _short_card(kb: KnowledgeBase, role: Level | Specialization, asked: Optional[str]) -> Document:
    """The card a reader needs first: what the role is, its years, where the articles disagree, and the
    most-cited responsibilities and skills, each section's sources named once."""
    out = card_header(kb, role, asked)
    alias = asked_alias(role, asked)
    shown_note = alias_notes(role).get(alias) if alias else None
    pairs = [("Focus", spans(role.main_focus, _focus_mark(role)))]
    if isinstance(role, Level):
        pairs.append(("Scope", spans(role.scope, _field_mark(role, "scope"))))
        pairs += _years_rows(role)
    elif role.metrics:
        pairs.append(("Metrics", spans(P.headline_statements(role.metrics, 3), _field_mark(role, "metrics"))))
    out.append(rows(pairs))
    out += _disagreements(role, skip=shown_note, full=False)
    left = 0
    for title, field in (("Responsibilities", "responsibilities"), ("Skills", "skills")):
        shown, more = _top(getattr(role, field), SHOWN)
        out += section(_headed(title, shown, _mark(role, field), more), bullets(P.statements(shown, sources=False)))
        left += more
    hidden = [n for n in role.notes if n.kind != "disagreement" and n is not shown_note]
    fields = (
        ("typical_day", "how_to_get", "moves_on") if isinstance(role, Level)
        else ("typical_questions", "daily_focus", "growth")
    )
    left += sum(len(getattr(role, f)) for f in fields) + len(hidden)
    left += sum(len(item.points) for item in queries.comparisons_of(kb, role.id))
    if isinstance(role, Specialization) and role.metrics:
        left += max(len(role.metrics) - 3, 0)
    ids = queries.all_sources(role)
    out.append(para(Span("Sources: ", DIM), *(x for i, (sid, title) in enumerate(queries.source_titles(kb, ids))
                                               for x in ((Span("; ") if i else None), *P.source_line(sid, title)))))
    out.append(_last_line(left, f"pmpath show {role.id}"))
    return document("role", role.title, out)


def _field_mark(role, field: str) -> Optional[Span]:
    mark = _mark(role, field)
    return Span(f" ({mark})", MARK) if mark else None


def _focus_mark(role) -> Optional[Span]:
    return _field_mark(role, "main_focus")


def role_card(kb: KnowledgeBase, role: Level | Specialization, full: bool = False, asked: Optional[str] = None) -> Document:
    """A level's or specialization's card. Short (``full=False``): summary, focus, years, the disagreement notes
    and the most-cited responsibilities and skills; ``full``: every section with its sources. ``asked``: the
    name the user typed, so a card reached by a disputed alias says so."""
    if not full:
        return _short_card(kb, role, asked)
    out = card_header(kb, role, asked)
    alias = asked_alias(role, asked)
    shown_note = alias_notes(role).get(alias) if alias else None

    def add(title: str, items, field: Optional[str] = None) -> None:
        out.extend(section(spans(title, _field_mark(role, field) if field else None), bullets(P.statements(items))))

    out += section(spans("Main focus", _focus_mark(role)), para(role.main_focus))
    comparisons = queries.comparisons_of(kb, role.id)
    if isinstance(role, Level):
        out += section(spans("Scope", _field_mark(role, "scope")), para(role.scope))
        out.append(heading(2, "Years"))
        for title, spans_ in (("Years of experience", role.experience_years), ("Time at this level", role.time_at_level)):
            out += section(title, bullets([P.years(s, with_note=True) for s in spans_] or [(Span("not given", EM),)]), level=3)
        out += section("From the start of a PM career to this level",
                       bullets(P.years(s, with_note=True) for s in role.years_to_reach), level=3)
        out += _disagreements(role, skip=shown_note)
        add("Responsibilities", role.responsibilities, "responsibilities")
        add("Skills", role.skills, "skills")
        add("A typical day", role.typical_day, "typical_day")
        add("How people get the role", role.how_to_get, "how_to_get")
        below = queries.level_below(kb, role)
        if below is not None:
            item = queries.comparison(kb, below.id, role.id)
            if item is not None:
                add(f"Main differences from {below.title}", item.points)
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            if below is None or other != below.id:
                add(f"Compared with {_title_of(kb, other)}", item.points)
        add("Where people go from here", role.moves_on, "moves_on")
    else:
        out += _disagreements(role, skip=shown_note)
        add("Typical questions", role.typical_questions, "typical_questions")
        add("Responsibilities", role.responsibilities, "responsibilities")
        add("Daily focus", role.daily_focus, "daily_focus")
        add("Metrics", role.metrics, "metrics")
        add("Core skills", role.skills, "skills")
        add("Growing in this specialization", role.growth, "growth")
        if role.related_roles:
            out += section("Related roles", para(Span(", ".join(role.related_roles), CODE)))
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            add(f"Compared with {_title_of(kb, other)}", item.points)
    others = [n for n in role.notes if n.kind != "disagreement" and n is not shown_note]
    out += section("Other notes", bullets(P.note(n) for n in others))
    out += section("Sources", bullets(P.source_line(sid, title) for sid, title in queries.source_titles(kb, queries.all_sources(role))))
    return document("role", role.title, out)


# ---------------------------------------------------------------- next steps


def _note_line(note: Note) -> tuple:
    """A note on one line of a step: its kind, its text and sources (which fields it is about: in --full)."""
    return spans(Span(f"{note.kind}: ", MARK if note.kind == "inferred" else WARN), note.text, P.tag(note.sources))


def placement_notes(kb: KnowledgeBase, step: queries.Step) -> list[Note]:
    """The target's notes that dispute where it sits (its band), unless one of the step's own disagreement
    notes already records a disagreement among the same articles."""
    own = [set(n.sources) for n in step.promotion.notes if n.kind == "disagreement"]
    return [n for n in step.target.notes
            if n.kind == "disagreement" and "band" in n.fields and set(n.sources) not in own]


def _placement_lines(kb: KnowledgeBase, step: queries.Step, notes: list[Note], full: bool) -> list:
    """The notes disputing where the step's target sits: each in full, or one line naming them all."""
    if full:
        return [P.note(note) for note in notes]
    if not notes:
        return []
    return [spans(
        Span("placement disputed: ", WARN),
        f"band {step.target.band} for {step.target.title} is this knowledge base's placement; the articles disagree "
        "on where it sits (",
        Span(f"pmpath show {step.target.id}", STRONG),
        ")",
        P.tag(_sources_of(notes)),
    )]


def step_blocks(kb: KnowledgeBase, current: Level, step: queries.Step, number: Optional[int],
                full: bool = True) -> tuple[list, int]:
    """One way up, and how many of its items the short form (``full=False``) leaves out."""
    tracks = ", ".join(P.track_title(kb, t) for t in step.tracks)
    head = para(Span("→ " if number is None else f"{number}. → ", ACCENT), P.role_label(step.target), Span(f" · {tracks} track", DIM))
    out: list = [head]
    if step.switches_track and (full or not any("tracks" in n.fields for n in step.promotion.notes)):
        here = ", ".join(P.track_title(kb, t) for t in current.tracks)
        out.append(para(Span(f"This step leaves the {here} track for the {tracks} track.", WARN), tight=True))
    when = [Span("Typical time before the step: ", DIM), *P.years_line(step.time)]
    if step.time_from_level and step.time:
        when.append(Span(f" (time at {current.title})", DIM))
    out.append(para(*when, tight=True))
    for figure in step.target.years_to_reach:
        out.append(para(Span("Articles: ", DIM), f"about {P.years_text(figure)} to reach {step.target.title} "
                        "from the start of a PM career", P.tag(figure.sources, figure.inferred), tight=True))
    notes = [_note_line(n) if not full else P.note(n) for n in step.promotion.notes]
    notes += _placement_lines(kb, step, placement_notes(kb, step), full)
    body: list = []
    left = 0
    if full:
        body += section("Notes on this step", bullets(notes))
        body += section("What it takes", bullets(P.statements(step.criteria)))
        if step.track_criteria:
            track_id = step.track_criteria[0][0]
            body += section(f"How the {P.track_title(kb, track_id)} track promotes", bullets(P.statements(i for _, i in step.track_criteria)))
        if step.differences is not None:
            body += section("What changes (as the sources put it)", bullets(P.statements(step.differences.points)))
        body += section(f"Responsibilities {step.target.title} adds", bullets(P.statements(step.adds_responsibilities)))
        body += section(f"Skills {step.target.title} adds", bullets(P.statements(step.adds_skills)))
        body += section("Advice", bullets(P.statements(step.advice)))
    else:
        if notes:
            out.append(Indent((Bullets(tuple(notes), tight=True, mark="!"),), tight=True))
        criteria, more = _top(step.criteria, STEP_SHOWN)
        body += section(_headed("What it takes", criteria, more=more), bullets(P.statements(criteria, sources=False)))
        left += more + len(step.track_criteria) + (len(step.differences.points) if step.differences else 0)
        pairs = []
        for label, items in (("Adds", step.adds_responsibilities), ("New skills", step.adds_skills)):
            shown, more = _top(items, STEP_SHOWN)
            while len(shown) > 1 and len("; ".join(P.headline(i.text) for i in shown)) > ROW_CHARS:
                shown, more = _top(items, len(shown) - 1)
            if shown:
                pairs.append((label, spans(P.headline_statements(shown, None), Span(f" (+{more} more)", DIM) if more else None,
                                           P.tag(_sources_of(shown)))))
            left += more
        body.append(rows(pairs))
        advice, more = _top(step.advice, 2 if number is None else 1)  # where the ladder forks, one piece a way
        body += section(_headed("Advice", advice, more=more), bullets(P.statements(advice, sources=False)))
        left += more
    body = [b for b in body if not (isinstance(b, Bullets) and not b.items) and not (hasattr(b, "rows") and not b.rows)]
    if body:
        out.append(Indent(tuple(body), tight=False))
    return out, left


def _guidance_short(answer: queries.NextAnswer, count: int = 2) -> tuple[list, int]:
    """The promotion advice most specific to the role first (for at most three roles), then what holds for every
    level (how levels differ), then advice repeated for most levels."""
    items = [g for g in answer.guidance if g.topic == "promotion"]
    ranked = sorted(items, key=lambda g: (0, len(g.applies_to)) if 0 < len(g.applies_to) <= 3 else (1, -1 if not g.applies_to else 0))
    return ranked[:count], len(answer.guidance) - len(ranked[:count])


def next_steps(kb: KnowledgeBase, answer: queries.NextAnswer, full: bool = False, command: str = "",
               asked: Optional[str] = None) -> Document:
    """Where a role leads: each step with its notes, criteria, time and advice.

    Short (``full=False``): each step's notes and placement disputes, up to three criteria, the duties and
    skills it adds in a line each, two pieces of advice; each section's sources named once. ``command``: the
    command that shows the full view, named in the short view's last line. ``asked``: the name the user typed,
    so a role reached by a disputed alias says so.
    """
    role = answer.role
    command = command or f"pmpath next {role.id}" + (f" --track {answer.track}" if answer.track else "")
    title = spans(Span("Next from ", STRONG), P.role_label(role))
    if answer.track:
        title = spans(title, Span(f" on the {P.track_title(kb, answer.track)} track", STRONG))
    out: list = [heading(1, title)]
    warning = alias_warning(role, asked, f"the steps from {role.title}")
    if warning is not None:
        out.append(warning)
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
    every_step = [*answer.steps, *answer.other_track_steps]
    if answer.time_at_level and (full or not every_step or not all(s.time_from_level for s in every_step)):
        out.append(para(Span("Typical time at this level: ", DIM), P.years_line(answer.time_at_level), tight=True))
    reviews = review_rows(kb, [answer.track] if answer.track else level.tracks)
    if reviews:
        out.append(rows(reviews, tight=True))
    if len(answer.steps) > 1:
        out.append(para(Span(f"The ladder forks here: {len(answer.steps)} ways up.", STRONG), tight=True))
    left = 0
    for i, step in enumerate(answer.steps, 1):
        blocks, more = step_blocks(kb, level, step, i if len(answer.steps) > 1 else None, full)
        out += blocks
        left += more
    for track_id in answer.top_of:
        if track_id in level.tracks:
            said = f"{level.title} is the top of the {P.track_title(kb, track_id)} track."
        else:
            said = f"{level.title} is not on the {P.track_title(kb, track_id)} track."
        out.append(para(Span(said, STRONG)))
    if answer.other_track_steps:
        out.append(para("Going further means switching track:", tight=True))
        for step in answer.other_track_steps:
            blocks, more = step_blocks(kb, level, step, None, full)
            out += blocks
            left += more
    if full:
        out += section("Where people go from here", bullets(P.statements(answer.moves_on)))
        out += section("Advice on getting promoted", bullets(spans(g.text, P.tag(g.sources)) for g in answer.guidance))
    else:
        if not answer.steps:  # the top of a track: where people go from here is the answer
            moves, more = _top(answer.moves_on, SHOWN)
            out += section(_headed("Where people go from here", moves, more=more), bullets(P.statements(moves, sources=False)))
            left += more
        else:
            left += len(answer.moves_on)
        advice, more = _guidance_short(answer)
        out += section(_headed("Advice on getting promoted", advice), bullets(g.text for g in advice))
        left += more
        out.append(_last_line(left, command))
    return document("next", f"Next from {role.title}", out)
