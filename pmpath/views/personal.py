"""Your own answers: the profile, the self-assessment, the gap, the specialization quiz, the plan.

Each function builds one :class:`~pmpath.views.elements.Document` from a question's answer
(:mod:`pmpath.questions.profile`, ``assessment``, ``quiz``, ``plan``); the terminal, Markdown and
HTML writers lay it out. Profile and knowledge-base text enters as spans, so it is shown literally.
The plan's Markdown export is this view too (``plan_view(..., export=True)``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from ..text import shown
from .. import __version__
from ..kb.schema import KnowledgeBase, QuizQuestion
from ..questions import navigate
from ..questions.assessment import GROUPS, Gap, GapItem, Questionnaire, after_step_numbers, scored_items
from ..questions.plan import Plan, focus_label
from ..questions.profile import ITEM_KINDS, ITEM_KINDS_PLURAL, MET, SCALE, Assessment, Me, duration_text, months_between
from ..questions.quiz import QuizResult
from . import pieces as P
from .elements import (
    ACCENT,
    BREAK,
    DIM,
    EM,
    STRONG,
    WARN,
    Column,
    Document,
    Indent,
    Span,
    Table,
    bullets,
    code,
    dim,
    document,
    heading,
    para,
    rows,
    section,
    spans,
    strong,
)

NOT_SET = Span("not set", DIM)


def score_label(score: int) -> Span:
    """``partly 1/3``: the scale's word first, so it is not read as a list number."""
    return Span(f"{SCALE[score]} {score}/{MET}", ACCENT if score >= MET else WARN)


def percent(total: int, maximum: int) -> int:
    """A share in whole percent, halves rounded up."""
    return (200 * total + maximum) // (2 * maximum) if maximum else 0


def made_at(assessment: Assessment) -> str:
    """``pm``, or ``engineering (moving in)`` for an assessment made with no level yet."""
    return assessment.role if assessment.role is not None else f"{assessment.background} (moving in)"


def assessment_summary(assessment: Assessment, counted=None) -> tuple:
    """``2025-06-01 · senior-pm from pm · 52/87 (60%) · 9 of 29 fully met``; ``counted``: the items that score
    (default: all of them)."""
    items = assessment.items if counted is None else counted
    total = sum(item.score for item in items)
    maximum = MET * len(items)
    met = sum(1 for item in items if item.score >= MET)
    return spans(
        strong(assessment.date), " · ", code(assessment.target),
        f" from {made_at(assessment)} · {total}/{maximum} ({percent(total, maximum)}%)",
        f" · {met} of {len(items)} fully met",
    )


def hint(*parts) -> tuple:
    """A quiet line: plain strings dim, commands (:func:`pieces.command` spans) as code."""
    return spans(*(dim(part) if isinstance(part, str) else part for part in parts))


# ---------------------------------------------------------------- profile


def profile_card(kb: KnowledgeBase, me: Me, path: Path, today: date) -> Document:
    """``pmpath profile show``: the settings, the assessments, the next step, the file."""
    background = me.background
    if me.level is not None:
        pairs: list = [("Level", spans(P.role_label(me.level), dim(f" · band {me.level.band}")))]
    else:
        pairs = [("Level", spans(dim("none yet: "), f"moving into PM from {background.title}"))]
    if background is not None:
        came = "" if me.level is None else f" · came into PM from {background.title}"
        pairs.append(("Background", spans(P.role_label(background), dim(came))))
    pairs.append(("Track", f"{me.track.title} ({me.track.id})" if me.track else (NOT_SET,)))
    if me.since:
        pairs.append(("Started", f"{me.since} ({duration_text(months_between(me.since, today))} at this level)"))
    elif me.level is not None:
        pairs.append(("Started", (dim("not set (--since YYYY-MM dates your plan)"),)))
    pairs.append(("Specialization", P.role_label(me.specialization) if me.specialization else (NOT_SET,)))
    if me.level is not None:
        pairs.append(("Time at level", P.years_line(me.level.time_at_level)))
    pairs.append(("File", shown(path)))
    blocks: list = [heading(1, "Your profile"), rows(pairs, tight=True)]
    assessments = me.profile.assessments
    if assessments:
        blocks += section(f"Assessments ({len(assessments)}, latest last)", bullets(assessment_summary(a, scored_items(kb, a)) for a in assessments))
        blocks.append(para(hint("See where you stand: ", P.command("pmpath gap"))))
    elif me.level is None:
        blocks.append(para(hint("See what it takes to get in: ", P.command("pmpath assess"), "; the ways in: ",
                                P.command(f"pmpath break-in --from {background.id}"))))
    else:
        blocks.append(para(hint("Assess yourself against the next level: ", P.command("pmpath assess"))))
    return document("profile", "Your profile", blocks)


def profile_saved(path: Path, changes: Iterable[str]) -> Document:
    """``pmpath profile set``: where the profile went and what changed."""
    changes = tuple(changes)
    return document(
        "profile-saved", "Profile saved",
        para(Span("Profile saved to ", ACCENT), shown(path)),
        bullets(changes, tight=True) if changes else para(dim("Nothing changed."), tight=True),
        para(hint("Show it: ", P.command("pmpath profile show")), tight=True),
    )


def profile_reset_done(path: Path, backup: Optional[Path]) -> Document:
    """``pmpath profile reset``: where the old profile went, and how to undo it."""
    if backup is None:
        line = para(dim(f"No profile to reset (looked for {shown(path)})."))
    else:
        line = para(
            Span("Moved your profile aside to ", ACCENT), shown(backup),
            ". Start a new one with 'pmpath profile set --role ROLE'; to undo, rename the backup to ", shown(path.name), ".",
        )
    return document("profile-reset", "Profile reset", line)


# ---------------------------------------------------------------- assessment


def questionnaire_header(form: Questionnaire) -> Document:
    """The role pair, how many items of each kind, the scale."""
    counts: dict[str, int] = {}
    for item in form.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    what = ", ".join(f"{n} {(ITEM_KINDS if n == 1 else ITEM_KINDS_PLURAL)[kind]}" for kind, n in counts.items())
    return document(
        "questionnaire", f"Self-assessment: {form.current.title} → {form.target.title}",
        heading(1, "Self-assessment: ", P.role_label(form.current), strong(" → "), P.role_label(form.target)),
        para(f"{len(form.items)} items: {what}.", tight=True),
        para("Scale: " + " · ".join(f"{score} {label}" for score, label in SCALE.items()), tight=True),
    )


def item_question(form: Questionnaire, number: int) -> Document:
    """One item to score, asked on a terminal: ``3/29 · skill``, then the item with its sources."""
    item = form.items[number - 1]
    return document(
        "item", f"Item {number}",
        para(dim(f"{number}/{len(form.items)} · {ITEM_KINDS[item.kind]}")),
        para(item.text, P.tag(item.statement.sources, item.statement.inferred), tight=True),
    )


def questionnaire_list(form: Questionnaire) -> Document:
    """``pmpath assess --list``: every item, numbered, for an answers file."""
    header = questionnaire_header(form)
    after = after_step_numbers(form)
    items = [spans(dim(ITEM_KINDS[item.kind] + ": "), item.text, dim(" (after the step)") if item.number in after else None)
             for item in form.items]
    start = form.items[0].number if form.items else 1
    return document(
        "questionnaire", header.title, header.blocks,
        para(dim(f"Items marked (after the step) are duties of {form.target.title} itself: rated for the record, "
                 "not scored, since they start with the promotion (pmpath gap leaves them out too).")) if after else None,
        bullets(items, numbered=True, start=start, dot=False),
        para(hint(
            "Answer all at once with ", P.command("--scores 2,1,3,..."), " (one per item, in order) or ",
            P.command("--answers FILE"), " (a YAML mapping of item number to score, e.g. '1: 2').",
        )),
    )


def assessment_saved(form: Questionnaire, assessment: Assessment, path: Path) -> Document:
    """``pmpath assess``: where the assessment went, its summary (scored as ``gap`` scores it), what to do next."""
    after = after_step_numbers(form)
    counted = [scored for item, scored in zip(form.items, assessment.items) if item.number not in after]
    left_out = len(assessment.items) - len(counted)
    return document(
        "assessment", "Assessment saved",
        para(Span("Saved your assessment to ", ACCENT), shown(path)),
        para(assessment_summary(assessment, counted), tight=True),
        para(dim(f"{left_out} duties of {form.target.title} itself were rated for the record and are not scored: "
                 "they start with the promotion."), tight=True) if left_out else None,
        para(hint("See what to work on first: ", P.command(f"pmpath gap --target {form.target.id}")), tight=True),
    )


# ---------------------------------------------------------------- gap


def _gap_item(item: GapItem) -> tuple:
    """Two lines: ``partly 1/3 ↑ from 0 · promotion criteria``, then the item."""
    head: list = [score_label(item.score)]
    if item.previous is not None and item.previous != item.score:
        head.append(dim(f" {'↑' if item.score > item.previous else '↓'} from {item.previous}"))
    head.append(dim(f" · {GROUPS[item.group]}"))
    if item.kind in ("responsibility", "skill") and item.group in (2, 3):
        head.append(dim(f" ({item.kind})"))
    return spans(head, Span("\n", BREAK), item.text)


def gap_view(kb: KnowledgeBase, answer: Gap) -> Document:
    """``pmpath gap``: what to work on (most important first), what is met, progress."""
    assessment, progress = answer.assessment, answer.progress
    blocks: list = [
        heading(1, "Gap to ", P.role_label(answer.target)),
        para(
            f"From your assessment of {assessment.date} "
            f"({'at ' + assessment.role if assessment.role else 'moving in from ' + str(assessment.background)}): "
            f"{len(answer.met)} of "
            f"{len(answer.met) + len(answer.to_work_on)} fully met; score {answer.total}/{answer.maximum} "
            f"({percent(answer.total, answer.maximum)}%).",
            tight=True,
        ),
    ]
    if progress is not None:
        delta = answer.total - progress.previous_total
        blocks.append(para(
            strong(f"Since {progress.previous_date}: "),
            f"score {progress.previous_total} → {answer.total} ({delta:+d}); ",
            f"fully met {progress.previous_met} → {len(answer.met)}; ",
            f"{len(progress.up)} up, {len(progress.down)} down.",
            tight=True,
        ))
    elif answer.assessments_of_target == 1:
        blocks.append(para(dim("This is your first assessment against this role; assess again later to see progress."),
                           tight=True))
    if answer.after_step:
        count = len(answer.after_step)
        blocks.append(para(dim(
            f"Left out: {count} dut{'ies' if count != 1 else 'y'} of {answer.target.title} itself, which start"
            " with the role, not before it."
        ), tight=True))
    if answer.to_work_on:
        blocks += section("To work on, most important first", bullets((_gap_item(i) for i in answer.to_work_on), numbered=True))
    else:
        blocks += section("To work on", para(Span("Nothing: every item is fully met.", ACCENT)))
    if progress is not None:
        blocks += section("Slipped since last time", bullets(i.text for i in progress.down))
    blocks += section("Met", bullets(i.text for i in answer.met))
    blocks += section("Not assessed (the knowledge base lists them now)",
                      bullets(P.statement(item.statement) for item in answer.not_assessed))
    order = ("Order: the ways in, what your background usually lacks, the criteria of the step into the role, "
             "then skills to build" if assessment.role is None else
             "Order: promotion criteria, track criteria, what is new at the target, then what your level already asks")
    blocks.append(para(hint(
        order, "; lowest score first within each. Reassess with ",
        P.command(f"pmpath assess --target {answer.target.id}"), ".",
    )))
    return document("gap", f"Gap to {answer.target.title}", blocks)


# ---------------------------------------------------------------- quiz

_KIND_TEXT = {"enjoy": "what you enjoy", "strength": "what you are good at"}
QUIZ_TITLE = "Which specialization fits you?"
QUIZ_RESULT_TITLE = "Specializations your answers match"
# What a percentage is: a match to the weights the knowledge base gave each answer, never a verdict on the person.
QUIZ_MATCH_MEANS = (
    "Match: the share of a specialization's points your answers earn, by weights this knowledge base "
    "chose itself from the articles; it compares your answers with those weights, not you with a role."
)


def _intro(kb: KnowledgeBase):
    enjoy = sum(1 for q in kb.quiz if q.kind == "enjoy")
    return para(
        strong(QUIZ_TITLE + " "),
        f"{len(kb.quiz)} questions: {enjoy} about what you enjoy, {len(kb.quiz) - enjoy} about what you are "
        "good at. Pick the answer closest to you. Ctrl-C stops.",
    )


def quiz_intro(kb: KnowledgeBase) -> Document:
    """How many questions, of which kind, and how to stop."""
    return document("quiz-intro", QUIZ_TITLE, _intro(kb))


def _question(question: QuizQuestion, number: int, total: int, show_id: bool, answers: bool = True) -> list:
    head = [dim(f"{number}/{total} · {_KIND_TEXT[question.kind]}")]
    if show_id:
        head += [dim(" · id: "), code(question.id)]
    return [
        para(*head),
        para(strong(question.text), tight=True),
        Indent((rows((option.id, option.text) for option in question.options),), left=2) if answers else None,
    ]


def quiz_question(question: QuizQuestion, number: int, total: int, show_id: bool = False,
                  answers: bool = True) -> Document:
    """One question and its answers, asked on a terminal; ``answers=False``: the answers are offered apart (browse)."""
    return document("quiz-question", question.text, _question(question, number, total, show_id, answers))


def quiz_list(kb: KnowledgeBase) -> Document:
    """``pmpath quiz --list``: every question with its id and its answers, for an answers file."""
    blocks: list = [_intro(kb)]
    for number, question in enumerate(kb.quiz, 1):
        blocks += _question(question, number, len(kb.quiz), show_id=True)
    example = kb.quiz[0]
    blocks.append(para(hint(
        "Answer from a script with ", P.command("--answers FILE"),
        ": a YAML mapping of question id to answer, e.g. '", P.command(f"{example.id}: {example.options[0].id}"), "'.",
    )))
    return document("quiz-questions", QUIZ_TITLE, blocks)


def quiz_result(result: QuizResult, reasons_for: int = 3, reasons_each: int = 3) -> Document:
    """The ranked specializations with the answers behind each."""
    title = QUIZ_RESULT_TITLE
    blocks: list = [heading(1, title)]
    matched = result.matched
    if not matched:
        blocks.append(para(dim("None of your answers pointed to a specialization."), tight=True))
    else:
        blocks.append(para(dim(QUIZ_MATCH_MEANS), tight=True))
    for rank, fit in enumerate(matched, 1):
        line = spans(
            strong(f"{rank}. "), P.role_label(fit.specialization),
            Span(f" · {fit.percent}% match", ACCENT if rank == 1 else STRONG), dim(f" ({fit.points} of {fit.maximum} points)"),
        )
        if rank <= reasons_for and fit.reasons:  # a section with its reasons; the rest, one line each
            blocks.append(heading(2, line))
            blocks.append(Indent((bullets(reason.text for reason in fit.reasons[:reasons_each]),), left=3))
        else:
            blocks.append(para(line))
    unmatched = [fit.specialization.id for fit in result.ranking if not fit.points]
    if unmatched:
        blocks.append(para(dim("No points: " + ", ".join(unmatched))))
    if matched:
        top = matched[0].specialization.id
        blocks.append(para(hint(
            "Read the card: ", P.command(f"pmpath show {top}"), "; keep it in your profile: ",
            P.command(f"pmpath profile set --specialization {top}"),
        )))
    return document("quiz", title, blocks)


# ---------------------------------------------------------------- plan


def window_text(window: Optional[navigate.Window], today: date, dated: bool = False) -> tuple:
    """``Mar 2026 – Mar 2027 (now)``: the window, and where today falls in it (``dated``: a start month is set)."""
    if window is None:
        if dated:
            return (dim("no date: the knowledge base gives no typical time for this step"),)
        return (dim("no date: set your start month with pmpath profile set --since YYYY-MM"),)
    out: list = [window.start.label, f" – {window.end.label}" if window.end is not None else " or later"]
    if window.past:
        out.append(dim(" (already past)"))
    elif window.start <= navigate.YearMonth(today.year, today.month):
        out.append(Span(" (now)", ACCENT))
    return spans(*out)


def _route(kb: KnowledgeBase, plan: Plan) -> list:
    if plan.route is None:
        return [para(strong("1. "), f"{plan.start.title} → ", P.role_label(plan.next_target), dim(" · moving in")),
                Indent((rows([("Expected", (dim("no date: the knowledge base gives no typical time for moving in"),))]),),
                       left=3)]
    out: list = []
    for item in plan.route.steps:
        where = P.tracks_phrase(kb, item.step.tracks) if item.track is None else P.track_phrase(kb, item.track)
        out.append(para(
            strong(f"{item.number}. "), item.start.title, " → ", P.role_label(item.step.target), dim(f" · {where}"),
            tight=bool(out),
        ))
        out.append(Indent((rows([("Time", P.years_line(item.step.time)), ("Expected", window_text(item.window, plan.made, plan.me.since is not None))]),),
                          left=3))
    return out


def _route_table(plan: Plan) -> Table:
    """The route as a document shows it: one row per step."""
    columns = (Column("step"), Column("typical time (per source)"), Column("expected"))
    if plan.route is None:
        return Table(columns, ((spans(f"1. {plan.start.title} → {plan.next_target.title} (moving in)"),
                                (dim("not given"),), (dim("no date"),)),))
    return Table(columns, tuple(
        (spans(f"{item.number}. {item.start.title} → {item.step.target.title}"), P.years_line(item.step.time),
         window_text(item.window, plan.made, plan.me.since is not None))
        for item in plan.route.steps
    ))


def plan_view(kb: KnowledgeBase, plan: Plan, written: Iterable[tuple[str, str]] = (), export: bool = False) -> Document:
    """``pmpath plan``: the dated route, then the review cycles of the next step.

    ``export``: the plan as a file to keep (``--markdown``): which pmpath made it, and a check-in line
    per cycle, instead of what was written where.
    """
    me, start, goal = plan.me, plan.start, plan.goal
    made = [f"Made {plan.made.isoformat()}", f" with pmpath {__version__}" if export else None]
    if me.since:
        made.append(f"; started at {start.title} in {me.since}")
    if me.track:
        made.append(f"; {P.track_phrase(kb, me.track.id)}")
    if plan.route is None:
        made.append(f"; moving into PM from {start.title}.")
    else:
        made.append(". Windows are counted from your start month with each source's typical years.")
    next_id = plan.next_target.id
    blocks: list = [
        heading(1, "Plan: ", P.role_label(start), strong(" → "), P.role_label(goal)),
        para(*made, tight=True),
        *section("Route", _route_table(plan) if export else None, *(() if export else _route(kb, plan))),
        heading(2, f"Next step: {plan.next_target.title}"),
        para(f"{plan.horizon}."),
    ]
    if not any(cycle.focus for cycle in plan.cycles):
        blocks.append(para(Span(
            f"No focus areas: this knowledge base gives no criteria, responsibilities or skills for "
            f"{plan.next_target.title}; each cycle is a check-in.", EM), tight=True))
    elif plan.assessment_date:
        blocks.append(para(f"Focus areas from your assessment of {plan.assessment_date}, most important first.", tight=True))
    else:
        blocks.append(para(hint(
            "No assessment against this step yet, so every item is listed in the gap's order; ",
            P.command(f"pmpath assess --target {next_id}"), " ranks them by your scores.",
        ), tight=True))
    for cycle in plan.cycles:
        blocks.append(heading(3, f"Cycle {cycle.number} · {cycle.start.isoformat()} → check-in {cycle.checkin.isoformat()}"))
        blocks.append(Indent((bullets(spans(area.text, Span(f" ({focus_label(area)})", EM)) for area in cycle.focus),), left=2))
        if export:
            blocks.append(para(
                f"Check-in on {cycle.checkin.isoformat()}: reassess with ", P.command(f"pmpath assess --target {next_id}"),
                ", then ", P.command("pmpath gap"), ".",
            ))
    title = f"Plan: {start.title} → {goal.title}"
    if export:
        return document("plan", title, blocks)
    written = list(written)
    if written:
        blocks += [para(Span(f"Wrote the {kind} to {shown(where)}.", ACCENT), tight=i > 0) for i, (kind, where) in enumerate(written)]
    else:
        blocks.append(para(hint(
            "Export it: ", P.command("pmpath plan --markdown plan.md --ics plan.ics"),
            " (the .ics file has a check-in event per cycle).",
        )))
    return document("plan", title, blocks)
