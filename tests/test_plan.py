"""The dated plan: windows from the route, review cycles, focus areas, and its exports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pmpath.questions import navigate
from pmpath.questions.assessment import starts_after_step, questionnaire, record
from pmpath.questions.plan import FocusArea, add_months, cycle_count, deal, focus_label, make_plan
from pmpath.views.personal import plan_view
from pmpath.writers.ics import to_ical
from pmpath.writers.markdown import write
from pmpath.questions.problems import BadInput
from pmpath.questions.profile import Profile, resolve_profile
from pmpath.questions.queries import NoAnswer, get_level, resolve

TODAY = date(2025, 6, 15)


def me_at(kb, role="pm", track="ic", since="2024-03", assessments=()):
    return resolve_profile(kb, Profile(role=role, track=track, since=since, assessments=list(assessments)), TODAY)


def area(n: int) -> FocusArea:
    return FocusArea(f"item {n}", "skill", 2, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2025, 8, 31), 3, date(2025, 11, 30)),
        (date(2025, 6, 15), 24, date(2027, 6, 15)),
    ],
)
def test_add_months_stays_in_the_month(day, months, expected):
    assert add_months(day, months) == expected


def window(start: str, end: str | None = None, past: bool = False) -> navigate.Window:
    to_month = lambda text: navigate.YearMonth(int(text[:4]), int(text[5:]))  # noqa: E731
    return navigate.Window(to_month(start), to_month(end) if end else None, past)


@pytest.mark.parametrize(
    ("opens", "cycle", "count", "reason"),
    [
        (None, 3, 4, "a year, as there is no start month to date the step from"),
        (None, 2, 6, "a year, as there is no start month to date the step from"),
        ("2026-03", 3, 3, "until the step's window opens in 2026-03"),  # 9 months
        ("2026-04", 3, 4, "until the step's window opens in 2026-04"),  # 10 months, rounded up
        ("2025-07", 3, 2, "until the step's window opens in 2025-07"),  # 1 month, at least two cycles
        ("2030-01", 3, 8, "until the step's window opens in 2030-01"),  # at most eight
        ("2025-06", 3, 4, "a year, as the step's window opened in 2025-06"),
        ("2024-01", 2, 6, "a year, as the step's window opened in 2024-01"),
    ],
)
def test_cycle_count(opens, cycle, count, reason):
    assert cycle_count(window(opens) if opens else None, TODAY, cycle) == (count, reason)


def test_deal_takes_the_most_important_first_up_to_three_a_cycle():
    pool = [area(n) for n in range(10)]
    cycles = deal(pool, 4)
    assert [[a.text for a in c] for c in cycles] == [
        ["item 0", "item 1", "item 2"], ["item 3", "item 4", "item 5"],
        ["item 6", "item 7", "item 8"], ["item 9", "item 0", "item 1"],
    ]
    assert [a.revisit for a in cycles[3]] == [False, True, True]


def test_deal_spreads_a_short_list_and_comes_back_to_it():
    cycles = deal([area(0), area(1)], 4)
    assert [[(a.text, a.revisit) for a in c] for c in cycles] == [
        [("item 0", False)], [("item 1", False)], [("item 0", True)], [("item 1", True)],
    ]


def test_deal_never_gives_more_than_three():
    cycles = deal([area(n) for n in range(40)], 4)
    assert [len(c) for c in cycles] == [3, 3, 3, 3]
    assert cycles[3][2].text == "item 11"


def test_deal_with_nothing_to_do():
    assert deal([], 3) == [(), (), ()]


def test_plan_windows_are_the_routes(builtin_kb):
    me = me_at(builtin_kb)
    plan = make_plan(builtin_kb, me, resolve(builtin_kb, "director"), TODAY)
    route = navigate.path(builtin_kb, me.level, resolve(builtin_kb, "director"), "ic", navigate.YearMonth(2024, 3), today=TODAY)
    assert plan.route == route
    assert [s.step.target.id for s in plan.route.steps] == ["senior-pm", "staff-pm", "principal-pm", "director"]
    assert plan.next_target.id == "senior-pm"
    first = plan.route.steps[0].window
    assert (str(first.start), str(first.end)) == ("2026-03", "2027-03")


def test_plan_cycles_run_until_the_window_opens(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    assert plan.horizon == "3 cycles of 3 months: until the step's window opens in 2026-03"
    assert [(c.number, c.start, c.checkin) for c in plan.cycles] == [
        (1, date(2025, 6, 15), date(2025, 9, 15)),
        (2, date(2025, 9, 15), date(2025, 12, 15)),
        (3, date(2025, 12, 15), date(2026, 3, 15)),
    ]


def test_without_an_assessment_the_focus_follows_the_gaps_group_order(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"), "ic")
    assert plan.assessment_date is None
    before_the_step = [i for i in form.items if not starts_after_step(i.kind, i.group)]
    assert [a.text for c in plan.cycles for a in c.focus] == [i.text for i in before_the_step[:9]]
    assert all(a.score is None and a.why == "promotion criterion" for a in plan.cycles[0].focus)


def test_with_an_assessment_the_focus_is_the_gap(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"), "ic")
    scores = [3] * len(form.items)
    duty = next(n for n, i in enumerate(form.items) if starts_after_step(i.kind, i.group))
    scores[5], scores[-1], scores[1], scores[duty] = 0, 1, 2, 0
    done = record(form, scores, date(2025, 6, 1))
    plan = make_plan(builtin_kb, me_at(builtin_kb, assessments=[done]), resolve(builtin_kb, "senior-pm"), TODAY, 2)
    assert plan.assessment_date == "2025-06-01"
    assert plan.cycle_months == 2 and len(plan.cycles) == 5  # 9 months / 2, rounded up
    focus = [(a.text, a.score, a.revisit) for c in plan.cycles for a in c.focus]
    assert form.items[-1].kind == "skill"  # a skill can be built before the step; the Senior PM's own duty is not homework
    assert focus == [
        (form.items[5].text, 0, False), (form.items[1].text, 2, False), (form.items[-1].text, 1, False),
        (form.items[5].text, 0, True), (form.items[1].text, 2, True),
    ]


def test_when_everything_is_met_the_focus_is_keeping_the_criteria_in_view(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"), "ic")
    done = record(form, [3] * len(form.items), date(2025, 6, 1))
    plan = make_plan(builtin_kb, me_at(builtin_kb, assessments=[done]), resolve(builtin_kb, "senior-pm"), TODAY)
    kinds = {a.kind for c in plan.cycles for a in c.focus}
    assert kinds == {"criterion"} and plan.cycles[0].focus[0].score == 3


def test_an_assessment_of_another_target_is_not_used(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "growth-pm"))
    done = record(form, [0] * len(form.items), date(2025, 6, 1))
    plan = make_plan(builtin_kb, me_at(builtin_kb, assessments=[done]), resolve(builtin_kb, "senior-pm"), TODAY)
    assert plan.assessment_date is None


def test_without_a_start_month_the_plan_has_no_dates_for_the_steps(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb, since=None), resolve(builtin_kb, "senior-pm"), TODAY)
    assert plan.route.steps[0].window is None
    assert len(plan.cycles) == 4 and plan.cycles[-1].checkin == date(2026, 6, 15)


@pytest.mark.parametrize(
    ("target", "message"),
    [("pm", "is both the start and the goal"), ("apm", "is below"), ("growth-pm", "is a specialization, not a level")],
)
def test_no_plan_without_a_route(builtin_kb, target, message):
    with pytest.raises(NoAnswer, match=message):
        make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, target), TODAY)


def test_a_cycle_is_two_or_three_months(builtin_kb):
    with pytest.raises(BadInput, match="2 or 3 months"):
        make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY, 4)


def test_focus_label():
    assert focus_label(FocusArea("x", "criterion", 0, 1)) == "promotion criterion, partly 1/3"
    assert focus_label(FocusArea("x", "skill", 2, None, revisit=True)) == "new at the target, again"


# ---------------------------------------------------------------- exports


def to_markdown(kb, plan) -> str:
    """The plan's Markdown export: the plan view, as a file to keep, through the Markdown writer."""
    return write(plan_view(kb, plan, export=True))


def test_markdown_escapes_knowledge_base_text(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    odd = replace(plan.cycles[0].focus[0], text="a|b *c* [x](y) <b> `z` _u_\n  next")
    plan = replace(plan, cycles=(replace(plan.cycles[0], focus=(odd,)),))
    assert r"- a\|b \*c\* \[x\](y) \<b\> \`z\` \_u\_ next *(" in to_markdown(builtin_kb, plan)


def test_markdown_has_the_route_and_every_cycle(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "staff-pm"), TODAY)
    text = to_markdown(builtin_kb, plan)
    lines = text.splitlines()
    assert lines[0] == "# Plan: Product Manager (`pm`) → Staff Product Manager (`staff-pm`)"
    assert lines[2].startswith("Made 2025-06-15 with pmpath ") and "started at Product Manager in 2024-03" in lines[2]
    rows = [line for line in lines if line.startswith("| ") and "→" in line]
    assert rows == [
        "| 1\\. Product Manager → Senior Product Manager | 2-3 years \\[career-guide\\] | Mar 2026 – Mar 2027 |",
        "| 2\\. Senior Product Manager → Staff Product Manager | 2-3 years \\[career-guide\\] | Mar 2028 – Mar 2030 |",
    ]
    assert "## Next step: Senior Product Manager" in lines
    assert [line for line in lines if line.startswith("### ")] == [
        "### Cycle 1 · 2025-06-15 → check-in 2025-09-15", "### Cycle 2 · 2025-09-15 → check-in 2025-12-15",
        "### Cycle 3 · 2025-12-15 → check-in 2026-03-15",
    ]
    assert text.count("\n- ") == 9 and "`pmpath assess --target senior-pm`" in text
    assert text.count("Check-in on ") == 3 and "then `pmpath gap`." in text


def test_icalendar_has_one_check_in_per_cycle(builtin_kb):
    from icalendar import Calendar

    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    data = to_ical(plan)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0" and "pmpath" in str(calendar["prodid"])
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [c.checkin for c in plan.cycles]
    assert all(e.decoded("dtend") == e.decoded("dtstart").fromordinal(e.decoded("dtstart").toordinal() + 1) for e in events)
    assert str(events[0]["summary"]) == "pmpath check-in 1 of 3: towards Senior Product Manager"
    description = str(events[0]["description"])
    for focus in plan.cycles[0].focus:
        assert focus.text in description
    assert "pmpath assess --target senior-pm" in description
    assert len({str(e["uid"]) for e in events}) == 3


def test_icalendar_is_the_same_for_the_same_plan(builtin_kb):
    make = lambda: to_ical(make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY))  # noqa: E731
    assert make() == make()
