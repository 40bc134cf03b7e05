"""What is assessed, how scores are read, and how the gap is ordered: pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from pmpath.questions.assessment import (
    GROUPS,
    add_assessment,
    gap,
    questionnaire,
    record,
    scores_from_mapping,
    target_of_latest,
)
from pmpath.cli.scores import parse_scores
from pmpath.questions.problems import BadInput as UsageProblem
from pmpath.questions.problems import NoAnswer as Problem
from pmpath.questions.profile import Assessment, Profile, resolve_profile
from pmpath.questions.queries import get_level, resolve
from pmpath.kb.schema import normalize_key

TODAY = date(2025, 6, 15)


def me_at(kb, role: str, track: str | None = None, assessments=()):
    return resolve_profile(kb, Profile(role=role, track=track, assessments=list(assessments)), TODAY)


def form_for(kb, current: str, target: str, track: str | None = None):
    return questionnaire(kb, get_level(kb, current), resolve(kb, target), track)


# ---------------------------------------------------------------- the questionnaire


def test_mini_questionnaire_order_kinds_and_groups(mini_kb):
    form = form_for(mini_kb, "junior", "expert")
    assert [(i.number, i.kind, i.text, i.group) for i in form.items] == [
        (1, "criterion", "Owns an area alone.", 0),
        (2, "track-criterion", "Impact beyond the team.", 1),
        (3, "responsibility", "Ships small features.", 3),  # junior lists it too
        (4, "responsibility", "Sets technical direction.", 2),
        (5, "skill", "Systems thinking.", 2),
    ]
    assert form.promotion.to == "expert"


def test_a_step_on_both_tracks_brings_no_track_criteria(builtin_kb):
    form = form_for(builtin_kb, "pm", "senior-pm")
    kinds = [item.kind for item in form.items]
    assert "track-criterion" not in kinds
    promotion = next(p for p in builtin_kb.promotions if p.from_ == "pm" and p.to == "senior-pm")
    assert [i.text for i in form.items if i.kind == "criterion"] == [c.text for c in promotion.criteria]
    senior = get_level(builtin_kb, "senior-pm")
    assert len(form.items) == len(promotion.criteria) + len(senior.responsibilities) + len(senior.skills)


def test_a_step_on_one_track_brings_that_tracks_criteria(builtin_kb):
    form = form_for(builtin_kb, "senior-pm", "staff-pm")
    ic = next(t for t in builtin_kb.tracks if t.id == "ic")
    assert [i.text for i in form.items if i.kind == "track-criterion"] == [c.text for c in ic.promotion_criteria]


def test_every_item_is_asked_once(builtin_kb):
    for level in builtin_kb.levels:
        for target in builtin_kb.levels:
            if target.band < level.band:
                continue
            texts = [normalize_key(i.text) for i in form_for(builtin_kb, level.id, target.id).items]
            assert len(texts) == len(set(texts)), (level.id, target.id)


def test_a_target_further_up_uses_the_promotion_into_it(builtin_kb):
    form = form_for(builtin_kb, "pm", "director", "manager")
    assert (form.promotion.from_, form.promotion.to) == ("group-pm", "director")
    ic_form = form_for(builtin_kb, "staff-pm", "director", "ic")
    assert (ic_form.promotion.from_, ic_form.promotion.to) == ("principal-pm", "director")


def test_a_specialization_is_assessed_on_its_responsibilities_and_skills(builtin_kb):
    form = form_for(builtin_kb, "pm", "growth-pm")
    growth = resolve(builtin_kb, "growth-pm")
    assert form.promotion is None
    assert {i.kind for i in form.items} == {"responsibility", "skill"}
    assert len(form.items) == len({normalize_key(s.text) for s in [*growth.responsibilities, *growth.skills]})


def test_the_own_level_can_be_assessed_and_everything_is_carried_over(builtin_kb):
    form = form_for(builtin_kb, "pm", "pm")
    assert form.items and {i.group for i in form.items} == {3}


def test_a_level_below_is_refused(builtin_kb):
    with pytest.raises(Problem, match="Associate Product Manager \\(apm\\) is below your level, Product Manager"):
        form_for(builtin_kb, "pm", "apm")


# ---------------------------------------------------------------- scores


@pytest.mark.parametrize(("text", "scores"), [("3,0,2", [3, 0, 2]), ("3 0 2", [3, 0, 2]), (" 3, 0 ,2 ", [3, 0, 2])])
def test_parse_scores(text, scores):
    assert parse_scores(text, 3) == scores


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3,0", "--scores has 2 scores but there are 3 items"),
        ("3,0,2,1", "--scores has 4 scores but there are 3 items"),
        ("", "--scores has 0 scores but there are 3 items"),
        ("3,4,1", "--scores, item 2: 4 is out of range; scores run from 0 to 3"),
        ("3,-1,1", "--scores, item 2: -1 is out of range"),
        ("3,x,1", "--scores, item 2: 'x' is not a score; give a whole number from 0 to 3"),
        ("3,1.5,1", "--scores, item 2: '1.5' is not a score"),
    ],
)
def test_bad_scores_say_which_item(text, message):
    with pytest.raises(UsageProblem) as caught:
        parse_scores(text, 3)
    assert caught.value.message == message or caught.value.message.startswith(message)


def locate(key):
    return "a.yaml" if key is None else f"a.yaml:{key}"


def test_scores_from_a_mapping_in_any_order():
    assert scores_from_mapping({"3": 2, 1: 0, "2": "1"}, 3, locate) == [0, 1, 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({1: 0, 2: 1}, "a.yaml: no score for item 3 (of 3)"),
        ({}, "a.yaml: no score for items 1, 2, 3 (of 3)"),
        ({1: 0, 2: 1, 3: 2, 4: 1}, "a.yaml:4: 4 is not an item number; items run from 1 to 3"),
        ({1: 0, 2: 1, 3: 2, "x": 1}, "a.yaml:x: 'x' is not an item number"),
        ({1: 0, 2: 7, 3: 2}, "a.yaml:2: item 2: 7 is out of range"),
        ({1: 0, 2: True, 3: 2}, "a.yaml:2: item 2: True is not a score"),
        ({1: 0, 2: [1], 3: 2}, "a.yaml:2: item 2: [1] is not a score"),
    ],
)
def test_bad_score_mappings_say_where(data, message):
    with pytest.raises(UsageProblem) as caught:
        scores_from_mapping(data, 3, locate)
    assert caught.value.message.startswith(message)


def test_record_dates_the_assessment_and_keeps_earlier_ones(mini_kb):
    form = form_for(mini_kb, "junior", "expert")
    first = record(form, [1, 3, 0, 2, 0], TODAY)
    assert (first.date, first.role, first.target) == ("2025-06-15", "junior", "expert")
    assert [(i.kind, i.score) for i in first.items][:2] == [("criterion", 1), ("track-criterion", 3)]
    profile = add_assessment(add_assessment(Profile(role="junior"), first), first)
    assert len(profile.assessments) == 2


# ---------------------------------------------------------------- the gap


def assessment(kb, scores, day="2025-06-15", current="junior", target="expert"):
    return record(form_for(kb, current, target), scores, date.fromisoformat(day))


def test_gap_orders_by_group_then_lowest_score(mini_kb):
    me = me_at(mini_kb, "junior", assessments=[assessment(mini_kb, [2, 0, 0, 1, 1])])
    answer = gap(mini_kb, me, resolve(mini_kb, "expert"))
    assert [(i.text, i.score, GROUPS[i.group]) for i in answer.to_work_on] == [
        ("Owns an area alone.", 2, "promotion criterion"),
        ("Impact beyond the team.", 0, "track criterion"),
        ("Systems thinking.", 1, "new at the target"),
        ("Ships small features.", 0, "also asked at your level"),
    ]
    assert answer.met == () and (answer.total, answer.maximum) == (3, 12)
    assert answer.progress is None and answer.assessments_of_target == 1


def test_a_duty_of_the_target_itself_is_never_to_work_on_before_the_step(mini_kb):
    # The expert's own duty, which the junior level does not list, starts with the promotion:
    # rated, but neither homework nor met, and out of the score.
    for scores in ([0, 0, 0, 0, 0], [3, 3, 3, 3, 3]):
        me = me_at(mini_kb, "junior", assessments=[assessment(mini_kb, scores)])
        answer = gap(mini_kb, me, resolve(mini_kb, "expert"))
        assert [i.text for i in answer.after_step] == ["Sets technical direction."]
        assert "Sets technical direction." not in [i.text for i in (*answer.to_work_on, *answer.met)]
        assert answer.maximum == 12


def test_at_the_same_level_every_duty_counts(mini_kb):
    me = me_at(mini_kb, "expert", assessments=[assessment(mini_kb, [0, 0, 0], current="expert")])
    answer = gap(mini_kb, me, resolve(mini_kb, "expert"))
    assert answer.after_step == () and "Sets technical direction." in [i.text for i in answer.to_work_on]


def test_score_three_is_met(mini_kb):
    me = me_at(mini_kb, "junior", assessments=[assessment(mini_kb, [3, 3, 2, 3, 3])])
    answer = gap(mini_kb, me, resolve(mini_kb, "expert"))
    assert [i.text for i in answer.to_work_on] == ["Ships small features."]
    assert [i.text for i in answer.met] == ["Owns an area alone.", "Impact beyond the team.", "Systems thinking."]


def test_progress_compares_with_the_previous_assessment_of_the_same_target(mini_kb):
    history = [
        assessment(mini_kb, [1, 1, 1, 1, 1], "2025-01-10"),
        assessment(mini_kb, [0, 0, 0, 0], "2025-03-10", target="lead"),  # another target: ignored
        assessment(mini_kb, [3, 1, 0, 2, 1], "2025-06-01"),
    ]
    me = me_at(mini_kb, "junior", assessments=history)
    answer = gap(mini_kb, me, resolve(mini_kb, "expert"))
    progress = answer.progress
    assert (progress.previous_date, progress.previous_total, progress.previous_met) == ("2025-01-10", 4, 0)
    assert [i.text for i in progress.up] == ["Owns an area alone."]
    assert [i.text for i in progress.down] == ["Ships small features."]
    assert [i.text for i in progress.newly_met] == ["Owns an area alone."]
    assert answer.total == 5 and answer.assessments_of_target == 2
    skill = next(i for i in answer.to_work_on if i.text == "Systems thinking.")
    assert (skill.previous, skill.score) == (1, 1)


def test_no_assessment_of_the_target_yet(mini_kb):
    me = me_at(mini_kb, "junior", assessments=[record(form_for(mini_kb, "junior", "lead"), [0, 0, 0, 0], TODAY)])
    with pytest.raises(Problem) as caught:
        gap(mini_kb, me, resolve(mini_kb, "expert"))
    assert caught.value.message == "you have not assessed yourself against Expert Maker (expert) yet"
    assert caught.value.target.id == "expert" and caught.value.others == ["lead"]


def test_items_the_knowledge_base_added_since_are_listed_as_not_assessed(mini_kb):
    old = Assessment(
        date="2025-01-01", role="junior", target="expert",
        items=[{"kind": "criterion", "text": "Owns an area alone.", "score": 2},
               {"kind": "skill", "text": "A skill the knowledge base no longer lists.", "score": 1}],
    )
    answer = gap(mini_kb, me_at(mini_kb, "junior", assessments=[old]), resolve(mini_kb, "expert"))
    assert [i.text for i in answer.not_assessed] == [
        "Impact beyond the team.", "Ships small features.", "Sets technical direction.", "Systems thinking."
    ]
    assert [i.text for i in answer.to_work_on] == ["Owns an area alone.", "A skill the knowledge base no longer lists."]


def test_a_target_now_below_the_level_still_shows_its_gap(mini_kb):
    old = assessment(mini_kb, [3, 3, 3, 3, 2])
    answer = gap(mini_kb, me_at(mini_kb, "expert", assessments=[old]), resolve(mini_kb, "expert"))
    assert [i.text for i in answer.to_work_on] == ["Systems thinking."]


def test_target_of_latest_is_from_the_current_level():
    assessments = [
        Assessment(date="2025-01-01", role="apm", target="pm", items=[{"kind": "skill", "text": "x", "score": 1}]),
        Assessment(date="2025-02-01", role="pm", target="growth-pm", items=[{"kind": "skill", "text": "x", "score": 1}]),
        Assessment(date="2025-03-01", role="pm", target="senior-pm", items=[{"kind": "skill", "text": "x", "score": 1}]),
    ]
    assert target_of_latest(Profile(role="pm", assessments=assessments)) == "senior-pm"
    assert target_of_latest(Profile(role="apm", assessments=assessments)) == "pm"
    assert target_of_latest(Profile(role="senior-pm", assessments=assessments)) is None
