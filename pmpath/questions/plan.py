"""A dated plan from the profile to a target level: pure functions.

The route and its calendar windows are :func:`pmpath.questions.navigate.path`'s: the steps
up the ladder, each with its typical time per source and the window in which the
promotion is expected, counted from the month the person started at their level.

For the next step the plan adds review cycles, each ending in a check-in:

- a cycle lasts ``cycle_months`` (3 by default, or 2);
- the cycles run from today to the start of the next step's window, rounded up
  to whole cycles, at least :data:`MIN_CYCLES` and at most :data:`MAX_CYCLES`;
  without a start month (or when the window has opened already) they cover a
  year (:data:`DEFAULT_MONTHS`), still within those bounds;
- the focus areas come from the gap to the next step, most important first (see
  :mod:`pmpath.questions.assessment`): the items not yet met in the latest assessment
  against it, or, without one, every item to assess, in the gap's group order;
  never a duty of the target level that starts with the promotion
  (:func:`pmpath.questions.assessment.starts_after_step`), only what can be done
  before the step: promotion criteria and skills to build;
  when everything is met, the promotion's own criteria, to keep showing evidence;
- each cycle takes the next ``per`` areas in that order, where ``per`` is the
  number of areas divided by the number of cycles, rounded up, between 1 and 3;
  when the list runs out it starts again from the top (marked as a revisit).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

from . import navigate
from .assessment import GROUPS, Gap, check_entry, gap, group_rank, is_climb, questionnaire, starts_after_step
from .problems import BadInput, Unassessed
from .profile import MET, Me
from ..kb.schema import Background, KnowledgeBase, Level

CYCLE_MONTHS = (2, 3)
"""The review rhythms a plan can use, in months."""
DEFAULT_CYCLE = 3
MIN_CYCLES = 2
MAX_CYCLES = 8
DEFAULT_MONTHS = 12
MAX_FOCUS = 3


@dataclass(frozen=True)
class FocusArea:
    """Something to work on in a cycle: an item of the gap."""

    text: str
    kind: str
    group: int
    score: int | None
    revisit: bool = False

    @property
    def why(self) -> str:
        return GROUPS[self.group]


@dataclass(frozen=True)
class Cycle:
    """One review cycle: from ``start`` to the check-in, and what to focus on."""

    number: int
    start: date
    checkin: date
    focus: tuple[FocusArea, ...]


@dataclass(frozen=True)
class Plan:
    """The route to the target with its windows, and the review cycles for the next step."""

    me: Me
    route: navigate.PathAnswer | None
    next_target: Level
    cycle_months: int
    cycles: tuple[Cycle, ...]
    horizon: str
    assessment_date: str | None
    made: date

    @property
    def start(self) -> Level | Background:
        """Where the plan starts: the person's level, or the background they move in from (no route then)."""
        return self.route.start if self.route is not None else self.me.background  # type: ignore[return-value]

    @property
    def goal(self) -> Level:
        return self.route.goal if self.route is not None else self.next_target


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept within the month (Jan 31 + 1 month = Feb 28 or 29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def since_month(me: Me) -> navigate.YearMonth | None:
    return navigate.YearMonth(int(me.since[:4]), int(me.since[5:7])) if me.since else None


def cycle_count(window: navigate.Window | None, today: date, cycle_months: int, dated: bool = False) -> tuple[int, str]:
    """How many cycles the plan has, and the reason in words (``dated``: the profile has a start month)."""
    if window is None:
        why = "the knowledge base gives no typical time" if dated else "there is no start month"
        months, reason = DEFAULT_MONTHS, f"a year, as {why} to date the step from"
    else:
        now = navigate.YearMonth(today.year, today.month)
        months = (window.start.year - now.year) * 12 + window.start.month - now.month
        if months <= 0:
            months, reason = DEFAULT_MONTHS, f"a year, as the step's window opened in {window.start}"
        else:
            reason = f"until the step's window opens in {window.start}"
    count = max(MIN_CYCLES, min(MAX_CYCLES, math.ceil(months / cycle_months)))
    return count, reason


def focus_pool(kb: KnowledgeBase, me: Me, target: Level) -> tuple[list[FocusArea], str | None]:
    """The gap to ``target``, most important first, and the date of the assessment it comes from."""
    try:
        found: Gap | None = gap(kb, me, target)
    except Unassessed:
        found = None
    if found is not None:
        pool = [FocusArea(i.text, i.kind, i.group, i.score) for i in found.to_work_on]
        if not pool:
            pool = [FocusArea(i.text, i.kind, i.group, i.score) for i in found.met if i.kind == "criterion"]
        return pool or [FocusArea(i.text, i.kind, i.group, i.score) for i in found.met], found.assessment.date
    form = questionnaire(kb, me.start, target, me.track.id if me.track else None)
    climbing = isinstance(me.start, Level) and is_climb(me.start, target)
    ordered = sorted((item for item in form.items if not (climbing and starts_after_step(item.kind, item.group))),
                     key=lambda item: (group_rank(item.group), item.number))
    return [FocusArea(i.text, i.kind, i.group, None) for i in ordered], None


def deal(pool: list[FocusArea], count: int) -> list[tuple[FocusArea, ...]]:
    """The focus areas of each of ``count`` cycles, in order, wrapping round when the pool runs out."""
    if not pool:
        return [() for _ in range(count)]
    per = max(1, min(MAX_FOCUS, math.ceil(len(pool) / count)))
    per = min(per, len(pool))
    out = []
    for cycle in range(count):
        picks = []
        for j in range(per):
            position = cycle * per + j
            area = pool[position % len(pool)]
            if position >= len(pool):
                area = FocusArea(area.text, area.kind, area.group, area.score, revisit=True)
            picks.append(area)
        out.append(tuple(picks))
    return out


def make_plan(
    kb: KnowledgeBase, me: Me, target: Level, today: date, cycle_months: int = DEFAULT_CYCLE
) -> Plan:
    """The plan from the person's level to ``target``; the route raises NoAnswer when there is none.

    Someone with a background and no level yet plans the step in: ``target`` must be a level the
    background can move into (:class:`~pmpath.questions.problems.NotAnEntry` otherwise), the cycles
    cover a year, and the focus is what it takes to get in.
    """
    if cycle_months not in CYCLE_MONTHS:
        raise BadInput(f"a review cycle is 2 or 3 months, not {cycle_months}", topic="cycle")
    if me.level is None:  # moving in from a background: the step in is the next step, and there is no route yet
        entry = check_entry(kb, me.background, target)
        count = max(MIN_CYCLES, min(MAX_CYCLES, math.ceil(DEFAULT_MONTHS / cycle_months)))
        reason = "a year, as the knowledge base gives no typical time for moving in"
        pool, assessed = focus_pool(kb, me, entry)
        cycles = tuple(
            Cycle(n + 1, add_months(today, n * cycle_months), add_months(today, (n + 1) * cycle_months), focus)
            for n, focus in enumerate(deal(pool, count))
        )
        return Plan(me, None, entry, cycle_months, cycles, f"{count} cycles of {cycle_months} months: {reason}",
                    assessed, today)
    route = navigate.path(
        kb, me.level, target, me.track.id if me.track else None, since_month(me), today=today
    )
    first = route.steps[0]
    next_target = first.step.target
    count, reason = cycle_count(first.window, today, cycle_months, dated=me.since is not None)
    pool, assessed = focus_pool(kb, me, next_target)
    cycles = tuple(
        Cycle(n + 1, add_months(today, n * cycle_months), add_months(today, (n + 1) * cycle_months), focus)
        for n, focus in enumerate(deal(pool, count))
    )
    horizon = f"{count} cycles of {cycle_months} months: {reason}"
    return Plan(me, route, next_target, cycle_months, cycles, horizon, assessed, today)


def focus_label(area: FocusArea) -> str:
    """``promotion criterion, partly 1/3`` for a line of the plan."""
    from .profile import SCALE

    parts = [area.why]
    if area.score is not None:
        parts.append(f"{SCALE[area.score]} {area.score}/{MET}")
    if area.revisit:
        parts.append("again")
    return ", ".join(parts)
