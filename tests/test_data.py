"""The real built-in knowledge base: every id the product promises, every checkable fact."""

from __future__ import annotations

import pytest

from pmpath import queries
from pmpath.loader import builtin_data_dir, check

LEVELS = ["apm", "pm", "senior-pm", "staff-pm", "principal-pm", "group-pm", "director", "vp-product", "cpo"]
SPECIALIZATIONS = [
    "core-pm", "platform-pm", "technical-pm", "growth-pm", "data-pm", "ai-pm", "zero-to-one-pm",
    "domain-pm", "no-code-pm", "product-owner", "product-marketing-manager", "product-ops",
]
ALIASES = {
    "associate-pm": "apm", "gpm": "group-pm", "product-lead": "group-pm", "vp": "vp-product",
    "chief-product-officer": "cpo", "tpm": "technical-pm", "pmm": "product-marketing-manager",
    "po": "product-owner", "ml-pm": "ai-pm",
}
SOURCES = {"essay", "titles", "career-guide", "bridged"}


def test_builtin_data_loads_without_a_single_problem():
    kb, found = check([builtin_data_dir()])
    assert found == []


def test_every_promised_level(builtin_kb):
    assert [level.id for level in sorted(builtin_kb.levels, key=lambda l: (l.band, l.id))] == [
        "apm", "pm", "senior-pm", "staff-pm", "group-pm", "principal-pm", "director", "vp-product", "cpo"
    ]


def test_every_promised_specialization(builtin_kb):
    assert sorted(s.id for s in builtin_kb.specializations) == sorted(SPECIALIZATIONS)


@pytest.mark.parametrize(("alias", "role_id"), sorted(ALIASES.items()))
def test_natural_aliases(builtin_kb, alias, role_id):
    assert queries.resolve(builtin_kb, alias).id == role_id


def test_bands_and_tracks(builtin_kb):
    band = {l.id: l.band for l in builtin_kb.levels}
    tracks = {l.id: set(l.tracks) for l in builtin_kb.levels}
    for shared in ("apm", "pm", "senior-pm"):
        assert tracks[shared] == {"ic", "manager"}
    assert tracks["staff-pm"] == tracks["principal-pm"] == {"ic"}
    for manager in ("group-pm", "director", "vp-product", "cpo"):
        assert tracks[manager] == {"manager"}
    # Two sources put Group PM on the same level as Principal PM.
    assert band["group-pm"] == band["principal-pm"]
    assert band["apm"] < band["pm"] < band["senior-pm"] < band["staff-pm"] < band["principal-pm"]
    assert band["group-pm"] < band["director"] < band["vp-product"] < band["cpo"]


def test_every_level_has_years_and_time(builtin_kb):
    for level in builtin_kb.levels:
        assert level.experience_years, level.id
        if level.id != "cpo":
            assert level.time_at_level, level.id


def test_every_entry_cites_only_the_four_articles(builtin_kb):
    assert {s.id for s in builtin_kb.sources} == SOURCES
    for entry in [*builtin_kb.levels, *builtin_kb.specializations, *builtin_kb.tracks, *builtin_kb.promotions,
                  *builtin_kb.comparisons, *builtin_kb.guidance]:
        assert entry.sources and set(entry.sources) <= SOURCES


def test_every_specialization_has_metrics_and_skills(builtin_kb):
    for spec in builtin_kb.specializations:
        assert spec.metrics and spec.skills and spec.main_focus, spec.id


def spans(level, field):
    return {(s.min, s.max, tuple(s.sources)) for s in getattr(level, field)}


def figures(level, field):
    return {(s.min, s.max) for s in getattr(level, field) if not s.inferred}


def test_figures_from_the_articles(builtin_kb):
    get = lambda i: queries.get_level(builtin_kb, i)  # noqa: E731
    # APM: 1-2 years (career guide) and 12-18 months (Bridged) at the level.
    assert {(1, 2), (1, 1.5)} <= figures(get("apm"), "time_at_level")
    # Senior PM: about 4-6 years of experience (both the guide and Bridged).
    assert (4, 6) in figures(get("senior-pm"), "experience_years")
    # Principal PM: 8-10 years (Bridged).
    assert (8, 10) in figures(get("principal-pm"), "experience_years")
    # Director: over ten years (career guide).
    assert any(lo == 10 and hi is None for lo, hi in figures(get("director"), "experience_years"))
    # VP: 10-20 years (career guide).
    assert (10, 20) in figures(get("vp-product"), "experience_years")
    # Most levels: 2-3 years before moving up (career guide).
    for level_id in ("pm", "senior-pm"):
        assert (2, 3) in figures(get(level_id), "time_at_level")


def test_director_to_vp_takes_five_plus_years(builtin_kb):
    step = next(p for p in builtin_kb.promotions if p.from_ == "director" and p.to == "vp-product")
    times = step.typical_time or queries.get_level(builtin_kb, "director").time_at_level
    assert any(t.min == 5 and t.max is None for t in times)


def test_moves_past_cpo(builtin_kb):
    text = " ".join(m.text.lower() for m in queries.get_level(builtin_kb, "cpo").moves_on)
    for move in ("fractional", "founder", "ceo", "larger"):
        assert move in text


def test_group_pm_team_size(builtin_kb):
    card = queries.get_level(builtin_kb, "group-pm")
    text = " ".join([card.scope, card.summary, *(r.text for r in card.responsibilities)])
    assert "3-8" in text.replace("–", "-") or "3 to 8" in text


def test_the_ladder_forks_after_senior(builtin_kb):
    answer = queries.next_steps(builtin_kb, queries.get_level(builtin_kb, "senior-pm"))
    assert {s.target.id for s in answer.steps} == {"staff-pm", "group-pm"}
    assert queries.fork_band(builtin_kb) == queries.get_level(builtin_kb, "staff-pm").band


def test_disagreement_about_group_pm_is_modelled(builtin_kb):
    group = queries.get_level(builtin_kb, "group-pm")
    notes = [n for n in group.notes if n.kind == "disagreement"]
    assert notes and {"essay", "titles"} <= {s for n in notes for s in n.sources}


def test_empty_platform_daily_focus_is_filled_and_marked(builtin_kb):
    platform = queries.resolve(builtin_kb, "platform-pm")
    assert platform.daily_focus and all(item.inferred for item in platform.daily_focus)


@pytest.mark.parametrize(
    "pair",
    [("apm", "pm"), ("pm", "senior-pm"), ("senior-pm", "principal-pm"), ("principal-pm", "group-pm"),
     ("vp-product", "cpo"), ("pm", "product-marketing-manager"), ("staff-pm", "principal-pm")],
)
def test_the_articles_main_differences(builtin_kb, pair):
    assert queries.comparison(builtin_kb, *pair) is not None


@pytest.mark.parametrize(
    ("spec", "metrics"),
    [
        ("growth-pm", ["DAU/MAU", "LTV", "CAC", "activation", "referral"]),
        ("platform-pm", ["uptime", "latency", "error rate"]),
        ("ai-pm", ["precision", "recall", "task success"]),
        ("core-pm", ["NPS", "retention", "adoption"]),
        ("technical-pm", ["latency", "throughput", "incident"]),
        ("data-pm", ["freshness", "ad-hoc"]),
        ("zero-to-one-pm", ["willingness to pay", "learning"]),
    ],
)
def test_metrics_from_the_essay(builtin_kb, spec, metrics):
    text = " ".join(m.text for m in queries.resolve(builtin_kb, spec).metrics).lower()
    for metric in metrics:
        assert metric.lower() in text, (spec, metric)


# ---------------------------------------------------------------- breaking in, moving on, learning

BACKGROUNDS = ["engineering", "design", "marketing", "data", "consulting", "operations", "project-management", "student"]


def test_every_background_the_articles_name(builtin_kb):
    ids = {b.id for b in builtin_kb.backgrounds}
    assert set(BACKGROUNDS) <= ids
    for background in builtin_kb.backgrounds:
        kinds = [t.kind for t in background.targets]
        assert kinds.count("first") == 1, background.id
        assert background.routes and background.strengths, background.id


def test_the_routes_in(builtin_kb):
    ids = {r.id for r in builtin_kb.entry_routes}
    assert {"apm-program", "internal-transfer", "side-projects", "courses", "mentorship", "same-industry"} <= ids


def test_apm_programs_and_their_rotations(builtin_kb):
    program = next(r for r in builtin_kb.entry_routes if r.id == "apm-program")
    # One to two years (career guide); 12-18 months of training (Bridged): a modelled disagreement.
    assert {(d.min, d.max, tuple(d.sources)) for d in program.duration} == {(1, 2, ("career-guide",)), (1, 1.5, ("bridged",))}
    assert any(n.kind == "disagreement" and "duration" in n.fields for n in program.notes)
    # Atlassian and Google: two 12-month rotations.
    assert {(r.organization, r.count, r.months) for r in program.rotations} == {("Atlassian", 2, 12), ("Google", 2, 12)}
    assert program.leads_to == ["apm", "pm"]


def test_internal_transfer_is_the_most_common_route(builtin_kb):
    transfer = next(r for r in builtin_kb.entry_routes if r.id == "internal-transfer")
    text = " ".join([transfer.summary, *(s.text for s in transfer.steps)]).lower()
    assert "most common" in text and "shadow" in text and "job" in text


def test_senior_pm_is_not_a_first_target_from_outside(builtin_kb):
    for background in builtin_kb.backgrounds:
        first = next(t for t in background.targets if t.kind == "first")
        assert first.role in ("apm", "pm"), background.id


def test_the_three_certifications(builtin_kb):
    by_id = {r.id: r for r in builtin_kb.resources}
    uva, google, umich = by_id["uva-product-management"], by_id["google-data-analytics"], by_id["umich-ux-research"]
    assert uva.provider == "University of Virginia" and uva.free_to_audit
    assert [(p.item, p.amount, p.per) for p in uva.prices] == [("certificate", 79, "month")]
    assert google.provider == "Google" and google.free_to_audit
    assert umich.provider == "University of Michigan" and umich.rating.value == 4.8 and umich.rating.reviews == 1500
    assert all(r.sources == ["bridged"] for r in (uva, google, umich))


def test_the_five_future_proof_skills(builtin_kb):
    assert [s.id for s in builtin_kb.future_skills] == [
        "data-literacy", "ai-basics", "ethics-governance", "human-ai-interaction", "adaptability"
    ]
    assert all(s.sources == ["career-guide"] for s in builtin_kb.future_skills)


def test_alternative_paths_and_moves_past_cpo(builtin_kb):
    kinds = {a.id: (a.kind, tuple(a.from_roles)) for a in builtin_kb.alternatives}
    for move in ("ux-designer", "qa-tester", "product-marketing", "software-engineer"):
        assert kinds[move][0] == "within-product"
    assert kinds["product-operations"][0] == "operations"
    for move in ("project-program-management", "customer-success", "community-management"):
        assert kinds[move][0] == "beyond-product"
    for move in ("larger-company-cpo", "fractional-cpo", "ceo"):
        assert kinds[move] == ("past-cpo", ("cpo",))
    assert kinds["founder"][0] == "founder"


def test_advice_moved_out_of_guidance_is_not_repeated_there(builtin_kb):
    text = " ".join(g.text for g in builtin_kb.guidance).lower()
    for moved in ("coursera", "portfolio", "linkedin", "computer-science degree", "customer success"):
        assert moved not in text, moved
    assert {g.topic for g in builtin_kb.guidance} >= {"promotion", "timing", "ai-era", "alternatives", "specializing"}


def test_new_entries_cite_only_the_four_articles(builtin_kb):
    for entry in [*builtin_kb.backgrounds, *builtin_kb.entry_routes, *builtin_kb.break_in_tips,
                  *builtin_kb.alternatives, *builtin_kb.resources, *builtin_kb.future_skills]:
        assert entry.sources and set(entry.sources) <= SOURCES
