"""Specializations, breaking in and resources as plain functions (no CLI, no terminal)."""

from __future__ import annotations

import pytest

from pmpath.questions import catalogue, queries


# ---------------------------------------------------------------- finding entries by name


@pytest.mark.parametrize("name", ["coder", "Coding", "CODING", "software engineer", "Software_Engineer", "software"])
def test_find_entry_by_id_title_alias_or_word(career_kb, name):
    assert catalogue.find_entry(career_kb.backgrounds, name, "background").id == "coder"


def test_find_entry_typo_suggests_and_carries_the_hint(career_kb):
    with pytest.raises(queries.NotFound) as raised:
        catalogue.find_entry(career_kb.backgrounds, "codr", "background")
    assert raised.value.message == "no background called 'codr'"
    assert raised.value.suggestions == ["coder"]
    assert raised.value.what == "background"


def test_find_entry_ambiguous_word(builtin_kb):
    with pytest.raises(queries.Ambiguous) as raised:
        catalogue.find_entry(builtin_kb.backgrounds, "management", "background")
    assert set(raised.value.suggestions) >= {"project-management", "consulting"}


def test_find_entry_needs_letters(career_kb):
    with pytest.raises(queries.NotFound, match="letters or digits"):
        catalogue.find_entry(career_kb.backgrounds, "--", "background")


# ---------------------------------------------------------------- specializations


def test_specializations_catalogue(career_kb):
    answer = catalogue.specializations(career_kb)
    assert [r.specialization.id for r in answer.rows] == ["growth-maker", "data-maker"]
    assert [g.text for g in answer.guidance] == ["Specializing pays."]


def test_specializations_by_skill_and_metric(career_kb):
    sql = catalogue.specializations(career_kb, skill="sql")
    assert [(r.specialization.id, [s.text for s in r.matched_skills]) for r in sql.rows] == [
        ("growth-maker", ["SQL for funnels."]), ("data-maker", ["Advanced SQL."])
    ]
    both = catalogue.specializations(career_kb, skill="sql", metric="retention")
    assert [r.specialization.id for r in both.rows] == ["growth-maker"]
    assert [m.text for m in both.rows[0].matched_metrics] == ["Retention after 30 days."]


def test_specializations_filter_without_match(career_kb):
    with pytest.raises(queries.NoAnswer) as raised:
        catalogue.specializations(career_kb, metric="latency")
    assert raised.value.message == "no specialization lists a metric matching 'latency'"
    assert raised.value.section == "specializations" and raised.value.query == "latency"


@pytest.mark.parametrize(
    ("skill", "expected"),
    [("SQL", {"core-pm", "data-pm"}), ("A/B testing", {"core-pm", "growth-pm"}), ("guardrails", {"ai-pm"})],
)
def test_builtin_specializations_by_skill(builtin_kb, skill, expected):
    assert {r.specialization.id for r in catalogue.specializations(builtin_kb, skill=skill).rows} == expected


def test_builtin_specializations_by_metric(builtin_kb):
    rows = catalogue.specializations(builtin_kb, metric="latency").rows
    assert {r.specialization.id for r in rows} == {"platform-pm", "technical-pm"}


# ---------------------------------------------------------------- breaking in


def test_break_in_overview(career_kb):
    answer = catalogue.break_in(career_kb)
    assert answer.background is None
    assert [(b.id, level.id) for b, level in answer.backgrounds] == [("coder", "mid"), ("student", "start")]
    assert [r.route.id for r in answer.routes] == ["program", "transfer"]
    # Only the advice meant for everyone.
    assert [t.topic for t in answer.tips] == ["portfolio", "networking"]


def test_break_in_from_a_background(career_kb):
    answer = catalogue.break_in(career_kb, "software engineer")
    assert answer.background.id == "coder"
    assert [(a.target.kind, a.level.id) for a in answer.aims] == [("first", "mid"), ("alternative", "start"), ("not-yet", "deep")]
    assert [r.route.id for r in answer.routes] == ["transfer", "program"]
    program = answer.routes[1]
    assert [l.id for l in program.leads_to] == ["start", "mid"] and [r.id for r in program.resources] == ["course"]
    assert [(f.role.id, f.link.inferred) for f in answer.fits] == [("data-maker", True)]
    assert [t.topic for t in answer.tips] == ["portfolio", "networking", "mindset"]


def test_break_in_unknown_background(career_kb):
    with pytest.raises(queries.NotFound) as raised:
        catalogue.break_in(career_kb, "studnet")
    assert raised.value.suggestions == ["student"]
    assert raised.value.what == "background"


@pytest.mark.parametrize(
    ("background", "first"),
    [("engineering", "pm"), ("design", "pm"), ("marketing", "pm"), ("data", "pm"), ("consulting", "pm"),
     ("operations", "pm"), ("project-management", "pm"), ("student", "apm"), ("new grad", "apm"),
     ("teacher", "apm")],
)
def test_builtin_role_to_target_first(builtin_kb, background, first):
    answer = catalogue.break_in(builtin_kb, background)
    assert answer.aims[0].target.kind == "first" and answer.aims[0].level.id == first


def test_builtin_student_route_is_the_apm_program_with_rotations(builtin_kb):
    answer = catalogue.break_in(builtin_kb, "student")
    program = answer.routes[0].route
    assert program.id == "apm-program"
    assert {(r.organization, r.count, r.months) for r in program.rotations} == {("Atlassian", 2, 12), ("Google", 2, 12)}


# ---------------------------------------------------------------- resources


def test_resources_everything(career_kb):
    answer = catalogue.resources(career_kb)
    assert [m.resource.id for m in answer.resources] == ["course", "club"]
    assert [s.id for s in answer.future_skills] == ["numbers", "ai-basics"]
    assert [g.text for g in answer.ai_era] == ["AI opens doors for growth makers."]


def test_resources_by_resource_name(career_kb):
    answer = catalogue.resources(career_kb, "strat")
    assert [m.resource.id for m in answer.resources] == ["course"] and answer.future_skills == ()


def test_resources_by_role(career_kb):
    mid = catalogue.resources(career_kb, "middler")
    assert mid.role.id == "mid" and [m.resource.id for m in mid.resources] == ["course"]
    growth = catalogue.resources(career_kb, "gm")
    assert growth.resources == () and [s.id for s in growth.future_skills] == ["ai-basics"]
    assert [g.text for g in growth.ai_era] == ["AI opens doors for growth makers."]


def test_resources_by_skill(career_kb):
    assert [m.resource.id for m in catalogue.resources(career_kb, "networking").resources] == ["club"]
    roadmap = catalogue.resources(career_kb, "roadmapping")
    assert [(m.resource.id, m.why) for m in roadmap.resources] == [("course", ("teaches roadmapping",))]
    assert [s.id for s in catalogue.resources(career_kb, "experiments").future_skills] == ["numbers"]


def test_resources_for_a_role_with_none(career_kb):
    with pytest.raises(queries.NoAnswer, match=r"no resource or future-proof skill .* linked to Top Leader \(top\)"):
        catalogue.resources(career_kb, "top")


def test_resources_matching_nothing(career_kb):
    with pytest.raises(queries.NoAnswer) as raised:
        catalogue.resources(career_kb, "netwroking")
    assert "networking" in raised.value.close


def test_builtin_resources_facts(builtin_kb):
    by_id = {m.resource.id: m.resource for m in catalogue.resources(builtin_kb).resources}
    uva = by_id["uva-product-management"]
    assert uva.free_to_audit and [(p.amount, p.per, p.currency) for p in uva.prices] == [(79, "month", "USD")]
    umich = by_id["umich-ux-research"]
    assert (umich.rating.value, umich.rating.reviews) == (4.8, 1500)
    google = by_id["google-data-analytics"]
    assert google.free_to_audit and "GA4" in " ".join(a.text for a in google.advice)
    assert {r.platform for r in (uva, umich, google)} == {"Coursera"}


@pytest.mark.parametrize(
    ("query", "resource"),
    [("research", "umich-ux-research"), ("strategy", "uva-product-management"), ("data-pm", "google-data-analytics"),
     ("Google Analytics", "google-data-analytics"), ("networking", "product-slack-community")],
)
def test_builtin_resources_filter(builtin_kb, query, resource):
    assert resource in [m.resource.id for m in catalogue.resources(builtin_kb, query).resources]


def test_builtin_ai_pm_gets_the_future_proof_skills(builtin_kb):
    answer = catalogue.resources(builtin_kb, "ai-pm")
    assert {s.id for s in answer.future_skills} >= {"ai-basics", "ethics-governance", "human-ai-interaction"}
