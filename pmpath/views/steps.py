"""The next steps from a level (``next``), and one step as ``path`` shows it."""

from __future__ import annotations

from typing import Optional

from ..questions import queries
from ..kb.schema import KnowledgeBase, Level, Note, Specialization
from . import pieces as P
from .company import review_rows
from .elements import (
    ACCENT,
    MARK,
    Bullets,
    DIM,
    STRONG,
    WARN,
    Document,
    Indent,
    Span,
    bullets,
    document,
    heading,
    para,
    rows,
    section,
    spans,
)
from .ladder import ROW_CHARS, SHOWN, STEP_SHOWN, _headed, _last_line, _sources_of, _title_of, _top, alias_warning  # noqa: F401


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


_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def fork_line(kb: KnowledgeBase, steps) -> str:
    """Where the ladder forks: ``2 ways up: one on the Product track, one switching to the People track.``"""
    groups: dict[str, int] = {}
    every = {t.id for t in kb.tracks}
    for step in steps:
        if step.switches_track:
            where = f"switching to the {P.tracks_words(kb, step.tracks)}"
        elif len(every) > 1 and set(step.tracks) >= every:
            where = f"on {P.tracks_phrase(kb, step.tracks)}"
        else:
            where = f"on the {P.tracks_words(kb, step.tracks)}"
        groups[where] = groups.get(where, 0) + 1
    n = len(steps)
    if len(groups) == 1:
        said = ("both " if n == 2 else "all ") + next(iter(groups))
    else:
        said = ", ".join(f"{_COUNTS[k] if k < len(_COUNTS) else k} {where}" for where, k in groups.items())
    return f"{n} ways up: {said}."


def step_blocks(kb: KnowledgeBase, current: Level, step: queries.Step, number: Optional[int],
                full: bool = True) -> tuple[list, int]:
    """One way up, and how many of its items the short form (``full=False``) leaves out."""
    tracks = P.tracks_words(kb, step.tracks, ", ")
    head = para(Span("→ " if number is None else f"{number}. → ", ACCENT), P.role_label(step.target), Span(f" · {tracks}", DIM))
    out: list = [head]
    if step.switches_track and (full or not any("tracks" in n.fields for n in step.promotion.notes)):
        here = P.tracks_words(kb, current.tracks, ", ")
        out.append(para(Span(f"This step leaves the {here} for the {tracks}.", WARN), tight=True))
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
            body += section(f"How the {P.track_phrase(kb, track_id)} promotes", bullets(P.statements(i for _, i in step.track_criteria)))
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
        title = spans(title, Span(f" on the {P.track_phrase(kb, answer.track)}", STRONG))
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
        out.append(para(Span(fork_line(kb, answer.steps), STRONG), tight=True))
    left = 0
    for i, step in enumerate(answer.steps, 1):
        blocks, more = step_blocks(kb, level, step, i if len(answer.steps) > 1 else None, full)
        out += blocks
        left += more
    off_track = False
    for track_id in answer.top_of:
        if track_id in level.tracks:
            said = f"{level.title} is the top of the {P.track_phrase(kb, track_id)}."
        else:
            off_track = True
            said = (f"{level.title} is not on the {P.track_phrase(kb, track_id)}; "
                    f"it is on the {P.tracks_words(kb, level.tracks)}.")
        out.append(para(Span(said, STRONG)))
    if answer.other_track_steps:
        out.append(para("On its own track, the way up is:" if off_track else "Going further means switching track:",
                        tight=True))
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
