"""The personal views as Rich renderables: profile, assessment, gap, plan, quiz.

Like the rest of :mod:`pmpath.render`, nothing here prints, and every piece of
knowledge-base or profile text enters as :class:`rich.text.Text`, so it is shown
literally. Layouts are lists and two-column grids that fold, so they read the
same at 40 columns as at 200.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..questions import navigate
from ..text import shown
from ..questions.assessment import GROUPS, Gap, GapItem, Questionnaire
from ..questions.plan import Plan, focus_label
from ..questions.profile import ITEM_KINDS, ITEM_KINDS_PLURAL, MET, SCALE, Assessment, Me, duration_text, months_between
from ..questions.quiz import QuizResult
from ..kb.schema import KnowledgeBase, QuizQuestion
from . import (
    STYLE_ACCENT,
    STYLE_DIM,
    STYLE_ID,
    bullets,
    hint_line,
    indent,
    key_values,
    role_label,
    section,
    source_tag,
    track_title,
    years_line,
)

STYLE_MET = "green"
STYLE_MISSING = "yellow"


def score_label(score: int) -> Text:
    """``partly 1/3``: the scale's word first, so it is not read as a list number."""
    return Text(f"{SCALE[score]} {score}/{MET}", style=STYLE_MET if score >= MET else STYLE_MISSING)


def percent(total: int, maximum: int) -> int:
    return (200 * total + maximum) // (2 * maximum) if maximum else 0


def assessment_summary(assessment: Assessment) -> Text:
    """``2025-06-01 · senior-pm from pm · 52/87 (60%) · 9 of 29 fully met``."""
    total = sum(item.score for item in assessment.items)
    maximum = MET * len(assessment.items)
    met = sum(1 for item in assessment.items if item.score >= MET)
    text = Text(assessment.date, style="bold")
    text.append(f" · {assessment.target}", style=STYLE_ID)
    text.append(f" from {assessment.role} · {total}/{maximum} ({percent(total, maximum)}%)")
    text.append(f" · {met} of {len(assessment.items)} fully met")
    return text


# ---------------------------------------------------------------- profile


def profile_card(kb: KnowledgeBase, me: Me, path: Path, today: date) -> Group:
    """``pmpath profile show``: the settings, the next step, the assessments, the file."""
    rows: list[tuple[str, RenderableType]] = []
    level = role_label(me.level)
    level.append(f" · band {me.level.band}", style=STYLE_DIM)
    rows.append(("Level", level))
    rows.append(("Track", Text(f"{me.track.title} ({me.track.id})") if me.track else Text("not set", style=STYLE_DIM)))
    if me.since:
        months = months_between(me.since, today)
        rows.append(("Started", Text(f"{me.since} ({duration_text(months)} at this level)")))
    else:
        rows.append(("Started", Text("not set (--since YYYY-MM dates your plan)", style=STYLE_DIM)))
    rows.append((
        "Specialization", role_label(me.specialization) if me.specialization else Text("not set", style=STYLE_DIM)
    ))
    rows.append(("Time at level", years_line(me.level.time_at_level)))
    rows.append(("File", Text(shown(path))))
    parts: list[RenderableType] = [Text("Your profile", style="bold"), key_values(rows)]
    if me.profile.assessments:
        parts.append(section(
            f"Assessments ({len(me.profile.assessments)}, latest last)",
            bullets(assessment_summary(a) for a in me.profile.assessments),
        ))
        parts += [Text(""), hint_line(("See where you stand: ", False), ("pmpath gap", True))]
    else:
        parts += [Text(""), hint_line(("Assess yourself against the next level: ", False), ("pmpath assess", True))]
    return Group(*parts)


def profile_saved(path: Path, changes: tuple[str, ...]) -> Group:
    line = Text("Profile saved to ", style=STYLE_ACCENT)
    line.append(shown(path))
    body = bullets(changes) if changes else Text("Nothing changed.", style=STYLE_DIM)
    return Group(line, body, hint_line(("Show it: ", False), ("pmpath profile show", True)))


def profile_reset_done(path: Path, backup: Path | None) -> Text:
    if backup is None:
        return Text(f"No profile to reset (looked for {shown(path)}).", style=STYLE_DIM)
    text = Text("Moved your profile aside to ", style=STYLE_ACCENT)
    text.append(shown(backup))
    text.append(". Start a new one with 'pmpath profile set --role ROLE'; to undo, rename the backup to ")
    text.append(shown(path.name))
    text.append(".")
    return text


# ---------------------------------------------------------------- assessment


def questionnaire_header(form: Questionnaire) -> Group:
    title = Text("Self-assessment: ", style="bold")
    title.append_text(role_label(form.current))
    title.append(" → ", style="bold")
    title.append_text(role_label(form.target))
    counts: dict[str, int] = {}
    for item in form.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    what = ", ".join(f"{n} {(ITEM_KINDS if n == 1 else ITEM_KINDS_PLURAL)[kind]}" for kind, n in counts.items())
    scale = Text("Scale: " + " · ".join(f"{score} {label}" for score, label in SCALE.items()))
    return Group(title, Text(f"{len(form.items)} items: {what}."), scale)


def item_question(form: Questionnaire, number: int) -> Group:
    item = form.items[number - 1]
    head = Text(f"{number}/{len(form.items)} · {ITEM_KINDS[item.kind]}", style=STYLE_DIM)
    body = Text(item.text)
    body.append_text(source_tag(item.statement.sources, item.statement.inferred))
    return Group(Text(""), head, body)


def questionnaire_list(form: Questionnaire) -> Group:
    """``pmpath assess --list``: every item, numbered, for an answers file."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for item in form.items:
        text = Text(ITEM_KINDS[item.kind] + ": ", style=STYLE_DIM)
        text.append(item.text)
        grid.add_row(str(item.number), text)
    return Group(
        questionnaire_header(form), Text(""), grid, Text(""),
        hint_line(("Answer all at once with ", False), ("--scores 2,1,3,...", True), (" (one per item, in order) or ", False),
                  ("--answers FILE", True), (" (a YAML mapping of item number to score, e.g. '1: 2').", False)),
    )


def assessment_saved(form: Questionnaire, assessment: Assessment, path: Path) -> Group:
    line = Text("Saved your assessment to ", style=STYLE_ACCENT)
    line.append(shown(path))
    return Group(
        line, assessment_summary(assessment),
        hint_line(("See what to work on first: ", False), (f"pmpath gap --target {form.target.id}", True)),
    )


# ---------------------------------------------------------------- gap


def _gap_items(items: tuple[GapItem, ...], number_from: int = 1) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for n, item in enumerate(items, number_from):
        head = score_label(item.score)
        if item.previous is not None and item.previous != item.score:
            arrow = "↑" if item.score > item.previous else "↓"
            head.append(f" {arrow} from {item.previous}", style=STYLE_DIM)
        head.append(f" · {GROUPS[item.group]}", style=STYLE_DIM)
        if item.kind in ("responsibility", "skill") and item.group >= 2:
            head.append(f" ({item.kind})", style=STYLE_DIM)
        body = Group(head, Text(item.text))
        grid.add_row(f"{n}.", body)
    return grid


def gap_view(kb: KnowledgeBase, answer: Gap) -> Group:
    """``pmpath gap``: what to work on (most important first), what is met, progress."""
    title = Text("Gap to ", style="bold")
    title.append_text(role_label(answer.target))
    assessment = answer.assessment
    parts: list[RenderableType] = [title]
    parts.append(Text(
        f"From your assessment of {assessment.date} (at {assessment.role}): {len(answer.met)} of "
        f"{len(answer.met) + len(answer.to_work_on)} fully met; score {answer.total}/{answer.maximum} "
        f"({percent(answer.total, answer.maximum)}%)."
    ))
    progress = answer.progress
    if progress is not None:
        delta = answer.total - progress.previous_total
        line = Text(f"Since {progress.previous_date}: ", style="bold")
        line.append(f"score {progress.previous_total} → {answer.total} ({delta:+d}); ")
        line.append(f"fully met {progress.previous_met} → {len(answer.met)}; ")
        line.append(f"{len(progress.up)} up, {len(progress.down)} down.")
        parts.append(line)
    elif answer.assessments_of_target == 1:
        parts.append(Text("This is your first assessment against this role; assess again later to see progress.",
                          style=STYLE_DIM))
    if answer.to_work_on:
        parts.append(section("To work on, most important first", _gap_items(answer.to_work_on)))
    else:
        parts.append(section("To work on", Text("Nothing: every item is fully met.", style=STYLE_MET)))
    if progress is not None and progress.down:
        parts.append(section("Slipped since last time", bullets(Text(i.text) for i in progress.down)))
    if answer.met:
        parts.append(section("Met", bullets(Text(i.text) for i in answer.met)))
    if answer.not_assessed:
        parts.append(section(
            "Not assessed (the knowledge base lists them now)",
            bullets(item.statement for item in answer.not_assessed),
        ))
    parts += [Text(""), hint_line(
        ("Order: promotion criteria, track criteria, what is new at the target, then what your level "
         "already asks; lowest score first within each. Reassess with ", False),
        (f"pmpath assess --target {answer.target.id}", True), (".", False),
    )]
    return Group(*parts)


# ---------------------------------------------------------------- quiz

_KIND_TEXT = {"enjoy": "what you enjoy", "strength": "what you are good at"}


def quiz_intro(kb: KnowledgeBase) -> Text:
    enjoy = sum(1 for q in kb.quiz if q.kind == "enjoy")
    text = Text("Which specialization fits you? ", style="bold")
    text.append(
        f"{len(kb.quiz)} questions: {enjoy} about what you enjoy, {len(kb.quiz) - enjoy} about what you are "
        "good at. Pick the answer closest to you. Ctrl-C stops."
    )
    return text


def quiz_question(question: QuizQuestion, number: int, total: int, show_id: bool = False) -> Group:
    head = Text(f"{number}/{total} · {_KIND_TEXT[question.kind]}", style=STYLE_DIM)
    if show_id:
        head.append(f" · id: {question.id}", style=STYLE_DIM)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for option in question.options:
        grid.add_row(option.id, Text(option.text))
    return Group(Text(""), head, Text(question.text, style="bold"), Padding(grid, (0, 0, 0, 2)))


def quiz_list(kb: KnowledgeBase) -> Group:
    parts: list[RenderableType] = [quiz_intro(kb)]
    for number, question in enumerate(kb.quiz, 1):
        parts.append(quiz_question(question, number, len(kb.quiz), show_id=True))
    example = kb.quiz[0]
    parts += [Text(""), hint_line(
        ("Answer from a script with ", False), ("--answers FILE", True),
        (f": a YAML mapping of question id to answer, e.g. '{example.id}: {example.options[0].id}'.", False),
    )]
    return Group(*parts)


def quiz_result(result: QuizResult, reasons_for: int = 3, reasons_each: int = 3) -> Group:
    """The ranked specializations with the answers behind each."""
    parts: list[RenderableType] = [Text("Specializations that fit your answers", style="bold")]
    matched = result.matched
    if not matched:
        parts.append(Text("None of your answers pointed to a specialization.", style=STYLE_DIM))
    for rank, fit in enumerate(matched, 1):
        line = Text(f"{rank}. ", style="bold")
        line.append_text(role_label(fit.specialization))
        line.append(f" · {fit.percent}% fit", style=STYLE_ACCENT if rank == 1 else "bold")
        line.append(f" ({fit.points} of {fit.maximum} points)", style=STYLE_DIM)
        parts.append(Text(""))
        parts.append(line)
        if rank <= reasons_for and fit.reasons:
            because = [Text(reason.text) for reason in fit.reasons[:reasons_each]]
            parts.append(Padding(bullets(because), (0, 0, 0, 3)))
    unmatched = [fit.specialization.id for fit in result.ranking if not fit.points]
    if unmatched:
        parts += [Text(""), Text("No points: " + ", ".join(unmatched), style=STYLE_DIM)]
    if matched:
        top = matched[0].specialization.id
        parts += [Text(""), hint_line(
            ("Read the card: ", False), (f"pmpath show {top}", True), ("; keep it in your profile: ", False),
            (f"pmpath profile set --specialization {top}", True),
        )]
    return Group(*parts)



# ---------------------------------------------------------------- plan


def window_text(window: navigate.Window | None, today: date) -> Text:
    """``Mar 2026 – Mar 2027 (now)``: the window, and where today falls in it."""
    if window is None:
        return Text("no date: set your start month with pmpath profile set --since YYYY-MM", style=STYLE_DIM)
    text = Text(window.start.label)
    text.append(f" – {window.end.label}" if window.end is not None else " or later")
    now = navigate.YearMonth(today.year, today.month)
    if window.past:
        text.append(" (already past)", style=STYLE_DIM)
    elif window.start <= now:
        text.append(" (now)", style=STYLE_ACCENT)
    return text


def _route_lines(kb: KnowledgeBase, plan: Plan) -> list[RenderableType]:
    out: list[RenderableType] = []
    for item in plan.route.steps:
        head = Text(f"{item.number}. ", style="bold")
        head.append(item.start.title)
        head.append(" → ")
        head.append_text(role_label(item.step.target))
        where = "both tracks" if item.track is None else f"{track_title(kb, item.track)} track"
        head.append(f" · {where}", style=STYLE_DIM)
        rows = [("Time", years_line(item.step.time)), ("Expected", window_text(item.window, plan.made))]
        out += [head, indent(key_values(rows), 3)]
    return out


def _cycle_block(cycle) -> Group:
    head = Text(f"Cycle {cycle.number} · ", style="bold")
    head.append(f"{cycle.start.isoformat()} → check-in {cycle.checkin.isoformat()}")
    items = []
    for area in cycle.focus:
        text = Text(area.text)
        text.append(f" ({focus_label(area)})", style=STYLE_DIM)
        items.append(text)
    return Group(head, indent(bullets(items), 2))


def plan_view(kb: KnowledgeBase, plan: Plan, written: list[tuple[str, str]]) -> Group:
    """``pmpath plan``: the dated route, then the review cycles of the next step."""
    title = Text("Plan: ", style="bold")
    title.append_text(role_label(plan.route.start))
    title.append(" → ", style="bold")
    title.append_text(role_label(plan.route.goal))
    line = Text(f"Made {plan.made.isoformat()}")
    if plan.me.since:
        line.append(f"; started at {plan.route.start.title} in {plan.me.since}")
    if plan.me.track:
        line.append(f"; {plan.me.track.title} track")
    line.append(". Windows are counted from your start month with each source's typical years.")
    parts: list[RenderableType] = [title, line, section("Route", *_route_lines(kb, plan))]
    next_head = Text(f"Next step: {plan.next_target.title}", style="bold cyan")
    parts += [Text(""), next_head, Text(f"{plan.horizon}.")]
    if plan.assessment_date:
        parts.append(Text(f"Focus areas from your assessment of {plan.assessment_date}, most important first."))
    else:
        parts.append(hint_line(
            ("No assessment against this step yet, so every item is listed in the gap's order; ", False),
            (f"pmpath assess --target {plan.next_target.id}", True), (" ranks them by your scores.", False),
        ))
    for cycle in plan.cycles:
        parts += [Text(""), _cycle_block(cycle)]
    parts.append(Text(""))
    if written:
        parts += [Text(f"Wrote the {kind} to {shown(where)}.", style=STYLE_ACCENT) for kind, where in written]
    else:
        parts.append(hint_line(
            ("Export it: ", False), ("pmpath plan --markdown plan.md --ics plan.ics", True),
            (" (the .ics file has a check-in event per cycle).", False),
        ))
    return Group(*parts)
