"""Queries as plain functions: no CLI, no terminal."""

from __future__ import annotations

import pytest

from pmpath.questions import queries
from pmpath.kb.schema import YearRange


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("junior", "junior"),
        ("JUNIOR", "junior"),
        ("Junior Maker", "junior"),
        ("junior_maker", "junior"),
        ("jm", "junior"),
        ("JM", "junior"),
        ("Growth Maker", "growth-maker"),
        ("growth", "growth-maker"),  # one distinctive word that names one role
        ("expert", "expert"),
    ],
)
def test_resolve_by_id_alias_title_any_case(mini_kb, name, role_id):
    assert queries.resolve(mini_kb, name).id == role_id


def test_resolve_unknown_suggests_closest(mini_kb):
    with pytest.raises(queries.NotFound) as raised:
        queries.resolve(mini_kb, "expret")
    assert raised.value.suggestions[0] == "expert"
    assert "no role called 'expret'" in raised.value.message


def test_resolve_ambiguous_lists_candidates(mini_kb):
    with pytest.raises(queries.Ambiguous) as raised:
        queries.resolve(mini_kb, "maker")
    assert set(raised.value.suggestions) == {"junior", "expert", "lead", "growth-maker"}


def test_resolve_empty_name(mini_kb):
    with pytest.raises(queries.NotFound, match="letters or digits"):
        queries.resolve(mini_kb, "--")


def test_find_track_by_alias_and_typo(mini_kb):
    assert queries.find_track(mini_kb, "IC track").id == "ic"
    with pytest.raises(queries.NotFound) as raised:
        queries.find_track(mini_kb, "manger")
    assert raised.value.suggestions == ["manager"]


def test_ladder_groups_levels_by_band(mini_kb):
    bands = queries.ladder(mini_kb)
    assert [(b.band, [l.id for l in b.levels]) for b in bands] == [(1, ["junior"]), (2, ["expert", "lead"])]
    assert bands[0].shared and not bands[1].shared
    assert bands[1].on_track("manager").id == "lead"


def test_ladder_for_one_track(mini_kb):
    assert [l.id for b in queries.ladder(mini_kb, "ic") for l in b.levels] == ["junior", "expert"]


def test_fork_band(mini_kb):
    assert queries.fork_band(mini_kb) == 2


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (YearRange(min=1, max=2), "1-2 years"),
        (YearRange(min=1, max=1.5), "12-18 months"),
        (YearRange(min=10), "10+ years"),
        (YearRange(min=1, max=1), "1 year"),
        (YearRange(min=2.5, max=4), "2.5-4 years"),
    ],
)
def test_years_text(span, text):
    assert queries.years_text(span) == text


def test_year_bounds_cover_every_source():
    assert queries.year_bounds([YearRange(min=1, max=2), YearRange(min=1, max=1.5)]) == (1, 2)
    assert queries.year_bounds([YearRange(min=10), YearRange(min=8, max=10)]) == (8, None)
    assert queries.year_bounds([]) is None


def test_next_at_a_fork_shows_both_ways(mini_kb):
    answer = queries.next_steps(mini_kb, queries.resolve(mini_kb, "junior"))
    assert [s.target.id for s in answer.steps] == ["expert", "lead"]
    expert, lead = answer.steps
    assert [c.text for c in expert.criteria] == ["Owns an area alone."]
    assert [c.text for _, c in expert.track_criteria] == ["Impact beyond the team."]
    # The delta: what the target adds, not what the current level already does.
    assert [r.text for r in expert.adds_responsibilities] == ["Sets technical direction."]
    assert expert.time_from_level and [queries.years_text(t) for t in expert.time] == ["1-2 years", "12-18 months"]
    assert not lead.time_from_level and [queries.years_text(t) for t in lead.time] == ["3-4 years"]
    assert expert.differences is not None
    assert [g.text for g in answer.guidance] == ["Visibility matters."]


def test_next_on_one_track(mini_kb):
    answer = queries.next_steps(mini_kb, queries.resolve(mini_kb, "junior"), "manager")
    assert [s.target.id for s in answer.steps] == ["lead"]


def test_next_at_the_top_of_a_track(mini_kb):
    answer = queries.next_steps(mini_kb, queries.resolve(mini_kb, "lead"))
    assert answer.steps == () and answer.top_of == ("manager",)
    assert [m.text for m in answer.moves_on] == ["Starts a company."]


def test_next_for_a_specialization_explains_growth(mini_kb):
    answer = queries.next_steps(mini_kb, queries.resolve(mini_kb, "gm"))
    assert [g.text for g in answer.growth] == ["Take bigger experiments."]
    assert [r.id for r in answer.related] == ["expert"]


def test_level_below_and_comparison(mini_kb):
    expert = queries.get_level(mini_kb, "expert")
    assert queries.level_below(mini_kb, expert).id == "junior"
    assert queries.comparison(mini_kb, "expert", "junior").points[0].text.startswith("The expert")
    assert queries.level_below(mini_kb, queries.get_level(mini_kb, "junior")) is None


def test_all_sources_includes_statement_sources(builtin_kb):
    role = queries.resolve(builtin_kb, "senior-pm")
    assert set(queries.all_sources(role)) >= set(role.sources)


def test_role_names_for_completion(mini_kb):
    names = dict(queries.role_names(mini_kb))
    assert names["jm"] == "junior" and names["Growth Maker"] == "growth-maker"
