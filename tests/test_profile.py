"""The profile model and its rules, without files or a terminal."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from pmpath.cli.errors import explain
from pmpath.questions.problems import BadInput, NoSingleNext
from pmpath.questions.profile import (
    Assessment,
    Profile,
    ProfileMismatch,
    apply_settings,
    default_target,
    duration_text,
    months_between,
    parse_month,
    resolve_profile,
)
from pmpath.questions.queries import NotFound
from pmpath.cli.status import ExitStatus

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("text", "month"),
    [("2024-03", "2024-03"), (" 2025-06 ", "2025-06"), ("1950-01", "1950-01")],
)
def test_parse_month_accepts_and_normalizes(text, month):
    assert parse_month(text, TODAY) == month


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-07", "2025-07 is in the future; give the month you started at your current level (at most 2025-06)"),
        ("2030-01", "2030-01 is in the future"),
        ("2024-13", "'2024-13' has no month 13; months run from 01 to 12"),
        ("2024-00", "'2024-00' has no month 00"),
        ("march 2024", "'march 2024' is not a month written YYYY-MM (e.g. 2023-09)"),
        ("2024-3", "'2024-3' is not a month written YYYY-MM"),
        ("2024-03-01", "is not a month written YYYY-MM"),
        ("", "is not a month written YYYY-MM"),
        ("1949-12", "'1949-12' is before 1950"),
    ],
)
def test_parse_month_rejects_with_a_reason(text, message):
    with pytest.raises(BadInput) as caught:
        parse_month(text, TODAY)
    assert message in caught.value.message
    assert explain(caught.value)[2] == ExitStatus.USAGE


@pytest.mark.parametrize(
    ("since", "months", "words"),
    [("2025-06", 0, "less than a month"), ("2025-05", 1, "1 month"), ("2024-06", 12, "1 year"),
     ("2023-03", 27, "2 years 3 months"), ("2024-05", 13, "1 year 1 month")],
)
def test_months_and_durations(since, months, words):
    assert months_between(since, TODAY) == months
    assert duration_text(months) == words


def test_a_new_profile_needs_a_role(builtin_kb):
    with pytest.raises(BadInput, match=r"--role \(your level\) or --from \(your background\) is needed"):
        apply_settings(builtin_kb, None, TODAY, track="ic")


def test_a_new_profile_resolves_names_like_everywhere_else(builtin_kb):
    change = apply_settings(
        builtin_kb, None, TODAY, role="Senior PM", track="IC", since="2024-03", specialization="growth"
    )
    profile = change.profile
    assert (profile.role, profile.track, profile.since, profile.specialization) == (
        "senior-pm", "ic", "2024-03", "growth-pm"
    )
    assert change.changes == (
        "level: senior-pm", "track: ic", "started: 2024-03", "specialization: growth-pm"
    )


def test_only_given_settings_change_and_assessments_are_kept(builtin_kb):
    assessment = Assessment(
        date="2025-01-01", role="pm", target="senior-pm",
        items=[{"kind": "skill", "text": "Mentoring and coaching junior PMs.", "score": 2}],
    )
    before = Profile(role="pm", track="ic", since="2024-03", assessments=[assessment])
    change = apply_settings(builtin_kb, before, TODAY, specialization="data-pm")
    after = change.profile
    assert (after.role, after.track, after.since, after.specialization) == ("pm", "ic", "2024-03", "data-pm")
    assert after.assessments == [assessment]
    assert change.changes == ("specialization: data-pm",)


def test_setting_the_same_values_changes_nothing(builtin_kb):
    before = Profile(role="pm", track="ic")
    change = apply_settings(builtin_kb, before, TODAY, role="pm", track="ic")
    assert change.changes == () and change.profile == before


def test_a_new_level_clears_the_old_start_month_unless_one_is_given(builtin_kb):
    before = Profile(role="pm", since="2023-01")
    cleared = apply_settings(builtin_kb, before, TODAY, role="senior-pm")
    assert cleared.profile.since is None
    assert "start month 2023-01 cleared: it was the start at pm" in cleared.changes
    kept = apply_settings(builtin_kb, before, TODAY, role="senior-pm", since="2025-02")
    assert kept.profile.since == "2025-02"


@pytest.mark.parametrize("field", ["track", "since", "specialization"])
def test_none_clears_an_optional_setting(builtin_kb, field):
    before = Profile(role="pm", track="ic", since="2024-03", specialization="growth-pm")
    change = apply_settings(builtin_kb, before, TODAY, **{field: "None"})
    assert getattr(change.profile, field) is None
    others = {"track", "since", "specialization"} - {field}
    assert all(getattr(change.profile, other) is not None for other in others)


def test_none_clears_exactly_the_named_setting(builtin_kb):
    before = Profile(role="pm", track="ic", since="2024-03", specialization="growth-pm")
    assert apply_settings(builtin_kb, before, TODAY, since="none").changes == ("started: cleared",)
    assert apply_settings(builtin_kb, before, TODAY, track="none").changes == ("track: cleared",)
    assert apply_settings(builtin_kb, before, TODAY, specialization="none").changes == ("specialization: cleared",)


def test_the_level_cannot_be_cleared(builtin_kb):
    with pytest.raises(BadInput, match="cannot be cleared") as caught:
        apply_settings(builtin_kb, Profile(role="pm"), TODAY, role="none")
    assert any("pmpath profile reset" in hint for hint in explain(caught.value)[1])


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"role": "growth-pm"}, "Growth Product Manager (growth-pm) is a specialization, not a level"),
        ({"role": "pm", "specialization": "senior-pm"}, "Senior Product Manager (senior-pm) is a level, not a specialization"),
        ({"role": "pm", "track": "mangr"}, "no track called 'mangr' (tracks: ic, manager)"),
        ({"role": "pm", "since": "2099-01"}, "--since: 2099-01 is in the future"),
        ({"role": "pm", "since": "soon"}, "--since: 'soon' is not a month written YYYY-MM"),
    ],
)
def test_bad_settings_are_usage_problems(builtin_kb, settings, message):
    with pytest.raises(BadInput) as caught:
        apply_settings(builtin_kb, None, TODAY, **settings)
    said, _, status = explain(caught.value)
    assert message in said and status == ExitStatus.USAGE


def test_a_mistyped_role_gets_suggestions(builtin_kb):
    with pytest.raises(NotFound) as caught:
        apply_settings(builtin_kb, None, TODAY, role="senoir-pm")
    assert "senior-pm" in caught.value.suggestions


def test_a_mistyped_track_gets_a_suggestion(builtin_kb):
    with pytest.raises(BadInput) as caught:
        apply_settings(builtin_kb, None, TODAY, role="pm", track="mangr")
    assert explain(caught.value)[1] == ["did you mean manager?"]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"role": "pm", "since": "2024-13"}, "has no month 13"),
        ({"role": "pm", "since": "24-03"}, "is not a month written YYYY-MM"),
        ({"role": "Senior PM"}, "String should match pattern"),
        ({"role": "pm", "colour": "blue"}, "Extra inputs are not permitted"),
        ({"role": "pm", "format": 3}, "Input should be 1 or 2"),
        ({"role": "pm", "format": 1, "background": "engineering"}, "'background' needs 'format: 2'"),
        ({"format": 2}, "a profile needs 'role' (your level) or 'background'"),
        ({"background": "engineering", "since": "2024-03"}, "'since' is the month you started at your level"),
        ({"role": "pm", "assessments": [{"date": "2025-01-01", "target": "pm",
                                         "items": [{"kind": "skill", "text": "x", "score": 1}]}]},
         "an assessment needs 'role'"),
        ({"role": "pm", "assessments": [{"date": "2025-02-30", "role": "pm", "target": "senior-pm",
                                          "items": [{"kind": "skill", "text": "x", "score": 1}]}]}, "not a day of the calendar"),
        ({"role": "pm", "assessments": [{"date": "2025-2-3", "role": "pm", "target": "senior-pm",
                                          "items": [{"kind": "skill", "text": "x", "score": 1}]}]}, "not a day written YYYY-MM-DD"),
        ({"role": "pm", "assessments": [{"date": "2025-02-03", "role": "pm", "target": "senior-pm",
                                          "items": [{"kind": "skill", "text": "x", "score": 4}]}]}, "less than or equal to 3"),
        ({"role": "pm", "assessments": [{"date": "2025-02-03", "role": "pm", "target": "senior-pm",
                                          "items": [{"kind": "skill", "text": "x", "score": True}]}]}, "valid integer"),
        ({"role": "pm", "assessments": [{"date": "2025-02-03", "role": "pm", "target": "senior-pm",
                                          "items": [{"kind": "hobby", "text": "x", "score": 1}]}]}, "Input should be"),
        ({"role": "pm", "assessments": [{"date": "2025-02-03", "role": "pm", "target": "senior-pm", "items": []}]},
         "at least 1 item"),
    ],
)
def test_the_profile_model_is_strict(data, fragment):
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(data)
    assert fragment in str(caught.value)


def test_resolve_profile_finds_every_id(builtin_kb):
    me = resolve_profile(builtin_kb, Profile(role="pm", track="manager", specialization="ai-pm"), TODAY)
    assert (me.level.id, me.track.id, me.specialization.id) == ("pm", "manager", "ai-pm")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "cfo"}, ("role",), "your level 'cfo' is not a level in this knowledge base"),
        ({"role": "growth-pm"}, ("role",), "your level 'growth-pm' is not a level in this knowledge base"),
        ({"role": "pm", "track": "dual"}, ("track",), "your track 'dual' is not in this knowledge base"),
        ({"role": "pm", "specialization": "pm"}, ("specialization",), "your specialization 'pm' is not in this knowledge base"),
        ({"role": "pm", "since": "2025-07"}, ("since",), "your start month 2025-07 is in the future"),
    ],
)
def test_resolve_profile_names_the_key_that_does_not_fit(builtin_kb, data, field, message):
    with pytest.raises(ProfileMismatch) as caught:
        resolve_profile(builtin_kb, Profile.model_validate(data), TODAY)
    assert caught.value.field == field and caught.value.message == message


@pytest.mark.parametrize(
    ("role", "track", "target"),
    [("apm", None, "pm"), ("pm", None, "senior-pm"), ("pm", "manager", "senior-pm"),
     ("senior-pm", "ic", "staff-pm"), ("senior-pm", "manager", "group-pm"), ("staff-pm", "ic", "principal-pm"),
     ("staff-pm", None, "principal-pm"), ("director", "manager", "vp-product")],
)
def test_default_target_is_the_next_level_on_the_track(builtin_kb, role, track, target):
    me = resolve_profile(builtin_kb, Profile(role=role, track=track), TODAY)
    assert default_target(builtin_kb, me).id == target


def test_default_target_asks_where_the_ladder_forks(builtin_kb):
    me = resolve_profile(builtin_kb, Profile(role="senior-pm"), TODAY)
    with pytest.raises(NoSingleNext) as caught:
        default_target(builtin_kb, me)
    assert "the ladder forks above Senior Product Manager: staff-pm (ic), group-pm (manager)" in caught.value.message
    assert any("pmpath profile set --track ic" in hint for hint in explain(caught.value)[1])


def test_default_target_at_the_top_of_a_track(builtin_kb):
    me = resolve_profile(builtin_kb, Profile(role="principal-pm", track="ic"), TODAY)
    with pytest.raises(NoSingleNext, match="top of the ic track; going further means switching track \\(director\\)"):
        default_target(builtin_kb, me)


def test_default_target_at_the_top_of_the_ladder(builtin_kb):
    me = resolve_profile(builtin_kb, Profile(role="cpo"), TODAY)
    with pytest.raises(NoSingleNext, match="Chief Product Officer is the top of the ladder"):
        default_target(builtin_kb, me)
