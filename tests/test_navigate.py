"""Routes, comparisons, tracks and alternatives as plain functions (no CLI, no terminal)."""

from __future__ import annotations

from datetime import date

import pytest

from pmpath.questions import compare as compare_q
from pmpath.questions import navigate, queries
from pmpath.questions.navigate import YearMonth, parse_year_month

TODAY = date(2030, 6, 15)


def role(kb, name):
    return queries.resolve(kb, name)


# ---------------------------------------------------------------- months


@pytest.mark.parametrize(("text", "value"), [("2023-09", YearMonth(2023, 9)), (" 2030-06 ", YearMonth(2030, 6)), ("1950-01", YearMonth(1950, 1))])
def test_parse_year_month_accepts_past_and_current_months(text, value):
    assert parse_year_month(text, TODAY) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-9", "is not a month written YYYY-MM"),
        ("23-09", "is not a month written YYYY-MM"),
        ("2023/09", "is not a month written YYYY-MM"),
        ("September 2023", "is not a month written YYYY-MM"),
        ("", "is not a month written YYYY-MM"),
        ("2023-13", "has no month 13"),
        ("2023-00", "has no month 00"),
        ("1949-12", "is before 1950"),
        ("2030-07", "2030-07 is in the future"),
        ("2190-01", "is in the future"),
        ("2999-01", "is after 2199"),
    ],
)
def test_parse_year_month_rejects_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_year_month(text, TODAY)


def test_year_month_arithmetic_and_label():
    assert YearMonth(2023, 11).plus_months(3) == YearMonth(2024, 2)
    assert YearMonth(2024, 1).plus_months(-1) == YearMonth(2023, 12)
    assert YearMonth(2027, 3).label == "Mar 2027" and str(YearMonth(2027, 3)) == "2027-03"


# ---------------------------------------------------------------- path


def test_path_prefers_the_goals_track_and_sums_the_years(career_kb):
    answer = navigate.path(career_kb, role(career_kb, "start"), role(career_kb, "top"), today=TODAY)
    assert [(s.start.id, s.step.target.id) for s in answer.steps] == [("start", "mid"), ("mid", "boss"), ("boss", "top")]
    # Start: 1-2 years and 12-18 months -> the widest, 1-2; then 2-3; then 2-4.
    assert [s.span for s in answer.steps] == [(1, 2), (2, 3), (2, 4)]
    assert [s.cumulative for s in answer.steps] == [(1, 2), (3, 5), (5, 9)]
    assert answer.total == (5, 9) and not answer.inferred and not answer.incomplete
    assert [s.track for s in answer.steps] == [None, "manager", "manager"]
    assert answer.steps[1].forks_to == "manager" and answer.steps[1].leaves_track is None
    assert [[l.id for l in route] for route in answer.other_routes] == [["mid", "deep"]]


def test_path_on_the_other_track_shows_where_it_switches(career_kb):
    answer = navigate.path(career_kb, role(career_kb, "start"), role(career_kb, "top"), "ic", today=TODAY)
    assert [s.step.target.id for s in answer.steps] == ["mid", "deep", "top"]
    assert answer.steps[1].forks_to == "ic"
    crossing = answer.steps[2]
    assert crossing.leaves_track == "ic" and crossing.track == "manager" and crossing.step.switches_track
    # Deep Expert's time is open-ended and inferred: the total is too.
    assert answer.total == (6, None) and answer.inferred


def test_path_taking_the_fork_away_from_the_asked_track(career_kb):
    answer = navigate.path(career_kb, role(career_kb, "mid"), role(career_kb, "deep"), "manager", today=TODAY)
    (step,) = answer.steps
    assert step.forks_to == "ic" and step.leaves_track == "manager"


def test_path_since_gives_calendar_windows(career_kb):
    answer = navigate.path(
        career_kb, role(career_kb, "start"), role(career_kb, "top"), since=YearMonth(2020, 1), today=TODAY
    )
    windows = [(str(s.window.start), str(s.window.end), s.window.past) for s in answer.steps]
    assert windows == [("2021-01", "2022-01", True), ("2023-01", "2025-01", True), ("2025-01", "2029-01", True)]
    later = navigate.path(career_kb, role(career_kb, "start"), role(career_kb, "mid"), since=YearMonth(2030, 1), today=TODAY)
    assert later.steps[0].window.past is False


def test_path_since_with_an_open_ended_step(career_kb):
    answer = navigate.path(
        career_kb, role(career_kb, "mid"), role(career_kb, "top"), "ic", since=YearMonth(2024, 6), today=TODAY
    )
    last = answer.steps[-1].window
    assert str(last.start) == "2029-06" and last.end is None


def test_path_without_a_time_is_incomplete(career_kb):
    # Top Leader has no time at level, but it is the goal; a step from a level without time
    # makes the total open-ended: Deep Expert -> Top Leader uses Deep's open 3+ years.
    answer = navigate.path(career_kb, role(career_kb, "deep"), role(career_kb, "top"), today=TODAY)
    assert answer.total == (3, None)


def test_path_to_a_lower_level_says_why(career_kb):
    with pytest.raises(queries.NoAnswer) as raised:
        navigate.path(career_kb, role(career_kb, "top"), role(career_kb, "start"), today=TODAY)
    assert "Starter (band 1) is below Top Leader (band 4)" in raised.value.message
    assert raised.value.why == "below" and raised.value.goal.id == "start"


def test_path_between_parallel_levels_is_a_lateral_move(career_kb):
    with pytest.raises(queries.NoAnswer, match="both sit at band 3, on different tracks; moving between them is a lateral move"):
        navigate.path(career_kb, role(career_kb, "deep"), role(career_kb, "boss"), today=TODAY)


def test_path_with_no_chain_between_tracks(builtin_kb):
    with pytest.raises(queries.NoAnswer, match="no chain of promotions leads from Staff Product Manager"):
        navigate.path(builtin_kb, role(builtin_kb, "staff-pm"), role(builtin_kb, "group-pm"))


@pytest.mark.parametrize(("start", "goal"), [("growth-maker", "top"), ("start", "gm")])
def test_path_refuses_specializations(career_kb, start, goal):
    with pytest.raises(queries.NoAnswer, match="is a specialization, not a level"):
        navigate.path(career_kb, role(career_kb, start), role(career_kb, goal), today=TODAY)


def test_path_to_itself(career_kb):
    with pytest.raises(queries.NoAnswer, match="both the start and the goal"):
        navigate.path(career_kb, role(career_kb, "mid"), role(career_kb, "mid"), today=TODAY)


def test_builtin_path_apm_to_cpo_forks_after_senior(builtin_kb):
    answer = navigate.path(builtin_kb, role(builtin_kb, "apm"), role(builtin_kb, "cpo"))
    assert [s.step.target.id for s in answer.steps] == ["pm", "senior-pm", "group-pm", "director", "vp-product", "cpo"]
    assert answer.steps[2].forks_to == "manager"
    # APM 1-2 years, PM 2-3, Senior 2-3: 5-8 years to Group PM; Director -> VP alone takes 5+.
    assert answer.steps[2].cumulative == (5, 8)
    assert answer.total[1] is None and answer.total[0] >= 5 + 5


def test_builtin_path_on_the_ic_track_switches_at_principal(builtin_kb):
    answer = navigate.path(builtin_kb, role(builtin_kb, "apm"), role(builtin_kb, "director"), "ic")
    assert [s.step.target.id for s in answer.steps] == ["pm", "senior-pm", "staff-pm", "principal-pm", "director"]
    assert [s.start.id for s in answer.steps if s.leaves_track] == ["principal-pm"]


# ---------------------------------------------------------------- compare


def test_compare_adjacent_levels(career_kb):
    answer = compare_q.compare(career_kb, role(career_kb, "start"), role(career_kb, "mid"))
    assert answer.explicit is not None and answer.along_the_way == ()
    responsibilities = next(d for d in answer.differences if d.field == "responsibilities")
    assert [s.text for s in responsibilities.only_a] == ["Writes release notes."]
    assert [s.text for s in responsibilities.only_b] == ["Owns the roadmap of an area."]
    assert [a.text for a, _ in responsibilities.shared] == ["Ships small features."]
    assert answer.relation == "Middler is 1 band above Starter."


def test_compare_distant_levels_collects_differences_along_the_way(career_kb):
    answer = compare_q.compare(career_kb, role(career_kb, "deep"), role(career_kb, "start"))
    assert answer.explicit is None
    assert [c.between for c in answer.along_the_way] == [["start", "mid"]]


def test_compare_parallel_levels_uses_the_explicit_differences(career_kb):
    answer = compare_q.compare(career_kb, role(career_kb, "boss"), role(career_kb, "deep"))
    assert answer.explicit.points[0].text == "One has reports, the other has none."
    assert "Both sit at band 3" in answer.relation


def test_compare_specializations_includes_metrics(career_kb):
    answer = compare_q.compare(career_kb, role(career_kb, "gm"), role(career_kb, "data-maker"))
    fields = {d.field: d for d in answer.differences}
    assert [m.text for m in fields["metrics"].only_a] == ["Activation rate.", "Retention after 30 days."]
    assert "not rungs of one ladder" in answer.relation


def test_compare_a_role_with_itself(career_kb):
    with pytest.raises(queries.NoAnswer, match="both names mean Growth Maker"):
        compare_q.compare(career_kb, role(career_kb, "gm"), role(career_kb, "growth-maker"))


@pytest.mark.parametrize(
    "pair",
    [("pm", "senior-pm"), ("senior-pm", "principal-pm"), ("principal-pm", "group-pm"), ("vp-product", "cpo"),
     ("pm", "product-marketing-manager"), ("staff-pm", "principal-pm")],
)
def test_builtin_compare_shows_the_articles_main_differences(builtin_kb, pair):
    answer = compare_q.compare(builtin_kb, role(builtin_kb, pair[1]), role(builtin_kb, pair[0]))
    assert answer.explicit is not None and answer.explicit.points


# ---------------------------------------------------------------- tracks


def test_tracks_shared_levels_parallel_bands_and_crossings(career_kb):
    answer = navigate.tracks(career_kb)
    assert [t.id for t in answer.tracks] == ["ic", "manager"]
    assert [l.id for l in answer.shared] == ["start", "mid"]
    rows = [(r.band, [(t, l.id if l else None) for t, l in r.levels], r.parallel) for r in answer.rows]
    assert rows == [(3, [("ic", "deep"), ("manager", "boss")], True), (4, [("ic", None), ("manager", "top")], False)]
    assert [(c.start.id, c.target.id) for c in answer.crossings] == [("deep", "top")]
    assert [g.text for g in answer.advice] == ["Choosing a track is the big decision."]


def test_tracks_for_one_track(career_kb):
    answer = navigate.tracks(career_kb, "ic")
    assert [t.id for t in answer.tracks] == ["ic"]
    assert [r.band for r in answer.rows] == [3]


def test_builtin_tracks_parallel_band_five(builtin_kb):
    answer = navigate.tracks(builtin_kb)
    parallel = [r for r in answer.rows if r.parallel]
    assert [(r.band, sorted(l.id for _, l in r.levels)) for r in parallel] == [(5, ["group-pm", "principal-pm"])]
    assert [(c.start.id, c.target.id) for c in answer.crossings] == [("principal-pm", "director")]


# ---------------------------------------------------------------- alternatives


def test_alternatives_for_everyone(career_kb):
    answer = navigate.alternatives(career_kb)
    assert [a.id for a in answer.general] == ["tester", "growth-job"]
    assert [a.id for a in answer.specific] == ["chief"]
    assert [g.text for g in answer.guidance] == ["Skills transfer."]


def test_alternatives_from_the_top(career_kb):
    answer = navigate.alternatives(career_kb, role(career_kb, "top"))
    assert [a.id for a in answer.specific] == ["chief"]
    assert answer.lateral == ()


def test_alternatives_lateral_moves(career_kb):
    deep = navigate.alternatives(career_kb, role(career_kb, "deep"))
    assert [(m.role.id, m.why) for m in deep.lateral] == [("boss", "the same band (3) on the manager track")]
    assert deep.specific == ()
    mid = navigate.alternatives(career_kb, role(career_kb, "mid"))
    assert [m.role.id for m in mid.lateral] == ["growth-maker"]
    growth = navigate.alternatives(career_kb, role(career_kb, "gm"))
    assert [m.role.id for m in growth.lateral] == ["data-maker"]


def test_builtin_moves_past_cpo(builtin_kb):
    answer = navigate.alternatives(builtin_kb, role(builtin_kb, "cpo"))
    assert {a.id for a in answer.specific} == {"larger-company-cpo", "fractional-cpo", "ceo"}
    assert "founder" in {a.id for a in answer.general}
