"""The personal views (views/personal.py): text shown literally, every width readable, every state worded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from pmpath.writers import markdown, terminal

from pmpath.questions import navigate
from pmpath.questions.assessment import gap, questionnaire, record
from pmpath.kb.loader import check
from pmpath.questions.plan import make_plan
from pmpath.questions.profile import Assessment, Profile, resolve_profile
from pmpath.questions.queries import get_level, resolve
from pmpath.questions.quiz import score
from pmpath.views.elements import plain_text
from pmpath.views.personal import (
    assessment_summary,
    gap_view,
    item_question,
    plan_view,
    profile_card,
    questionnaire_header,
    questionnaire_list,
    quiz_list,
    quiz_result,
    window_text,
)

from tests.conftest import MINI, PERSONAL

TODAY = date(2025, 6, 15)


def render(view, width: int = 100) -> str:
    """A view as the terminal writer draws it."""
    console = Console(width=width, record=True, color_system=None, force_terminal=False, markup=False, emoji=False)
    console.print(terminal.render(view))
    return console.export_text()


def me_at(kb, role="pm", track="ic", since="2024-03", specialization=None, assessments=()):
    profile = Profile(role=role, track=track, since=since, specialization=specialization, assessments=list(assessments))
    return resolve_profile(kb, profile, TODAY)


@pytest.fixture(scope="module")
def marked_kb(tmp_path_factory):
    """The fixture quiz with Rich markup and emoji codes in its text."""
    folder = tmp_path_factory.mktemp("marked")
    (folder / "ladder.yaml").write_text((MINI / "ladder.yaml").read_text())
    text = (PERSONAL / "quiz.yaml").read_text()
    text = text.replace("text: Watching a number grow", "text: 'Watching [bold red]a number[/] grow :rocket:'")
    text = text.replace("reason: you find flaws in designs", "reason: 'you find [link=x]flaws[/link] in designs'")
    (folder / "quiz.yaml").write_text(text)
    kb, found = check([folder])
    assert found == []
    return kb


def test_quiz_text_is_shown_literally(marked_kb):
    listed = render(quiz_list(marked_kb))
    assert "Watching [bold red]a number[/] grow :rocket:" in listed
    result = render(quiz_result(score(marked_kb, {"enjoy-most": "a", "good-at": "a"})))
    assert "you find [link=x]flaws[/link] in designs" in result


def test_assessed_text_is_shown_literally(mini_kb):
    odd = Assessment(date="2025-01-01", role="junior", target="expert",
                     items=[{"kind": "skill", "text": "Reads [bold]logs[/bold] :fire:", "score": 1}])
    out = render(gap_view(mini_kb, gap(mini_kb, me_at(mini_kb, "junior", None, None, assessments=[odd]), resolve(mini_kb, "expert"))))
    assert "Reads [bold]logs[/bold] :fire:" in out


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_every_view_fits_the_width_without_cropping(builtin_kb, width):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"), "ic")
    first = record(form, [1] * len(form.items), date(2025, 1, 10))
    second = record(form, [2] * 5 + [1] * (len(form.items) - 5), date(2025, 6, 1))
    me = me_at(builtin_kb, specialization="growth-pm", assessments=[first, second])
    answers = {q.id: q.options[0].id for q in builtin_kb.quiz}
    views = [
        profile_card(builtin_kb, me, Path("/home/someone/.config/pmpath/profile.yaml"), TODAY),
        questionnaire_list(form),
        item_question(form, 3),
        gap_view(builtin_kb, gap(builtin_kb, me, resolve(builtin_kb, "senior-pm"))),
        quiz_list(builtin_kb),
        quiz_result(score(builtin_kb, answers)),
        plan_view(builtin_kb, make_plan(builtin_kb, me, resolve(builtin_kb, "director"), TODAY), []),
    ]
    for view in views:
        out = render(view, width)
        assert all(len(line) <= width for line in out.splitlines())
        assert "…" not in out


def test_profile_card_says_what_is_not_set(builtin_kb):
    out = render(profile_card(builtin_kb, me_at(builtin_kb, track=None, since=None), Path("/p/profile.yaml"), TODAY))
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "Track not set" in lines and "Specialization not set" in lines
    assert "Started not set (--since YYYY-MM dates your plan)" in lines
    assert "Assess yourself against the next level: pmpath assess" in lines


def test_profile_card_lists_assessments_oldest_first(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"))
    older = record(form, [0] * len(form.items), date(2025, 1, 10))
    newer = record(form, [3] * len(form.items), date(2025, 6, 1))
    out = render(profile_card(builtin_kb, me_at(builtin_kb, assessments=[older, newer]), Path("/p"), TODAY))
    assert "Assessments (2, latest last)" in out
    assert out.index("2025-01-10 · senior-pm from pm · 0/45 (0%) · 0 of 15 fully met") < out.index(
        "2025-06-01 · senior-pm from pm · 45/45 (100%) · 15 of 15 fully met"  # Senior PM's own 14 duties: not scored
    )
    assert "1 year 3 months at this level" in out


def test_assessment_summary_rounds_half_up():
    items = [{"kind": "skill", "text": f"s{n}", "score": s} for n, s in enumerate([1, 0, 0, 0, 0, 0, 0, 0])]
    summary = assessment_summary(Assessment(date="2025-01-01", role="pm", target="senior-pm", items=items))
    assert plain_text(summary) == "2025-01-01 · senior-pm from pm · 1/24 (4%) · 0 of 8 fully met"


def test_questionnaire_header_counts_each_kind(mini_kb):
    form = questionnaire(mini_kb, get_level(mini_kb, "junior"), resolve(mini_kb, "expert"))
    out = render(questionnaire_header(form))
    assert "5 items: 1 promotion criterion, 1 track criterion, 2 responsibilities, 1 skill." in out
    assert "Scale: 0 not yet · 1 partly · 2 mostly · 3 fully" in out


def test_item_question_shows_sources(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"))
    out = render(item_question(form, 1))
    assert "1/29 · promotion criterion" in out and "[career-guide]" in out


def test_gap_with_everything_met(mini_kb):
    form = questionnaire(mini_kb, get_level(mini_kb, "junior"), resolve(mini_kb, "expert"))
    done = record(form, [3] * 5, TODAY)
    out = render(gap_view(mini_kb, gap(mini_kb, me_at(mini_kb, "junior", None, None, assessments=[done]), resolve(mini_kb, "expert"))))
    assert "Nothing: every item is fully met." in out and "4 of 4 fully met" in out
    assert "Left out: 1 duty of Expert Maker itself, which start" in " ".join(out.split())


@pytest.mark.parametrize(
    ("start", "end", "past", "expected"),
    [
        ("2026-03", "2027-03", False, "Mar 2026 – Mar 2027"),
        ("2025-03", "2026-03", False, "Mar 2025 – Mar 2026 (now)"),
        ("2025-06", None, False, "Jun 2025 or later (now)"),
        ("2030-01", None, False, "Jan 2030 or later"),
        ("2023-01", "2024-01", True, "Jan 2023 – Jan 2024 (already past)"),
    ],
)
def test_window_text_says_where_today_falls(start, end, past, expected):
    month = lambda text: navigate.YearMonth(int(text[:4]), int(text[5:]))  # noqa: E731
    window = navigate.Window(month(start), month(end) if end else None, past)
    assert plain_text(window_text(window, TODAY)) == expected


def test_plan_view_without_a_start_month_or_an_assessment(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb, since=None), resolve(builtin_kb, "senior-pm"), TODAY)
    out = " ".join(render(plan_view(builtin_kb, plan, [])).split())
    assert "no date: set your start month with pmpath profile set --since YYYY-MM" in out
    assert "No assessment against this step yet" in out and "pmpath assess --target senior-pm" in out
    assert "Cycle 4 · 2026-03-15 → check-in 2026-06-15" in out
    assert "Export it: pmpath plan --markdown plan.md --ics plan.ics" in out


def test_plan_view_reports_written_files(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    out = render(plan_view(builtin_kb, plan, [("calendar", "/tmp/x.ics")]))
    assert "Wrote the calendar to /tmp/x.ics." in out and "Export it" not in out


def test_plan_export_keeps_the_calendar_and_leaves_out_what_was_written(builtin_kb):
    plan = make_plan(builtin_kb, me_at(builtin_kb), resolve(builtin_kb, "senior-pm"), TODAY)
    page = markdown.write(plan_view(builtin_kb, plan, [("calendar", "/tmp/x.ics")], export=True))
    assert page.startswith("# Plan: Product Manager (`pm`) → Senior Product Manager (`senior-pm`)\n")
    assert page.count("Check-in on ") == len(plan.cycles) == 3
    assert "Wrote the calendar" not in page and "Export it" not in page
    shown = render(plan_view(builtin_kb, plan, [("calendar", "/tmp/x.ics")]))
    assert "Check-in on " not in shown and "with pmpath " not in shown


def test_questionnaire_list_numbers_items_to_type_back(builtin_kb):
    form = questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "senior-pm"))
    lines = render(questionnaire_list(form)).splitlines()
    assert any(line.startswith(" 1 promotion criterion: ") for line in lines)
    assert any(line.startswith(f"{len(form.items)} ") for line in lines)
