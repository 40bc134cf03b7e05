"""The real built-in knowledge base: every id the product promises, every checkable fact."""

from __future__ import annotations

import pytest

from pmpath.questions import queries
from pmpath.kb.loader import builtin_data_dir, check

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


# ---------------------------------------------------------------------------
# Second reading against the four articles: facts checked item by item.
# ---------------------------------------------------------------------------

from pmpath.kb.schema import Note, Statement, YearRange  # noqa: E402

ESSAY_LEVELS = LEVELS  # The essay describes every level (Lead/Principal/Staff and Director/VP/CPO as groups).
ESSAY_SPECIALIZATIONS = [
    "core-pm", "platform-pm", "technical-pm", "growth-pm", "data-pm", "ai-pm", "zero-to-one-pm", "domain-pm",
]


def statements(entry):
    """Every (field, Statement) of an entry, in order."""
    for name, value in entry:
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Statement):
                    yield name, item


def essay_items(items):
    return [item for item in items if "essay" in item.sources and not item.inferred]


# Every metric the essay lists for a specialization, as a fragment that must
# appear in a metric of its own (cited to the essay, not marked inferred).
ESSAY_METRICS = {
    "core-pm": ["activated users", "feature adoption", "retention", "nps/csat", "revenue per user", "support volume"],
    "platform-pm": ["uptime", "slo", "latency", "error rate", "internal adoption", "time-to-market", "duplicated work"],
    "technical-pm": ["latency", "throughput", "reliability", "incident count", "build and deploy", "scalability",
                     "api usage"],
    "growth-pm": ["sign-up", "activation", "conversion", "dau/mau", "retention", "ltv", "cac", "referral",
                  "revenue", "margin"],
    "data-pm": ["freshness", "availability", "coverage of the key events", "adoption of data tools",
                "decision lead time", "ad-hoc data requests"],
    "ai-pm": ["precision", "recall", "accuracy", "task success", "time saved", "satisfaction", "incident rate"],
    "zero-to-one-pm": ["learning speed", "key assumptions", "early retention", "engagement", "willingness to pay",
                       "qualified opportunities"],
    "domain-pm": ["approval times", "error rates", "compliance incidents", "recovery times", "fill rates",
                  "adoption", "revenue"],
}


@pytest.mark.parametrize("spec_id", sorted(ESSAY_METRICS))
def test_every_essay_metric_is_an_item(builtin_kb, spec_id):
    metrics = essay_items(queries.resolve(builtin_kb, spec_id).metrics)
    texts = [m.text.lower() for m in metrics]
    missing = [want for want in ESSAY_METRICS[spec_id] if not any(want in text for text in texts)]
    assert missing == [], (spec_id, missing)


def test_growth_metrics_are_one_a_line(builtin_kb):
    # The essay lists eight growth metrics plus revenue or margin; each is its own item.
    metrics = essay_items(queries.resolve(builtin_kb, "growth-pm").metrics)
    for want in ["sign-up", "activation", "conversion", "dau/mau", "retention", "ltv", "cac", "referral"]:
        assert sum(want in m.text.lower() for m in metrics) == 1, want


@pytest.mark.parametrize("spec_id", ESSAY_SPECIALIZATIONS)
def test_essay_specializations_have_its_three_questions_and_six_skills(builtin_kb, spec_id):
    spec = queries.resolve(builtin_kb, spec_id)
    assert len(essay_items(spec.typical_questions)) == 3, spec_id
    assert all(q.text.endswith("?") for q in spec.typical_questions), spec_id
    assert len(essay_items(spec.skills)) >= 6, spec_id
    assert "essay" in spec.sources


@pytest.mark.parametrize("spec_id", [s for s in ESSAY_SPECIALIZATIONS if s != "platform-pm"])
def test_essay_daily_focus_is_stated_not_inferred(builtin_kb, spec_id):
    focus = queries.resolve(builtin_kb, spec_id).daily_focus
    assert len(essay_items(focus)) >= 3, spec_id


def test_platform_daily_focus_is_explained_by_an_inferred_note(builtin_kb):
    platform = queries.resolve(builtin_kb, "platform-pm")
    assert len(platform.daily_focus) >= 3
    assert any(n.kind == "inferred" and "daily_focus" in n.fields for n in platform.notes)


CAREER_GUIDE_ONE_LINERS = ["technical-pm", "data-pm", "growth-pm", "ai-pm", "platform-pm", "no-code-pm"]
TITLES_ROLES = ["technical-pm", "product-owner", "data-pm", "growth-pm", "product-marketing-manager"]


@pytest.mark.parametrize("spec_id", CAREER_GUIDE_ONE_LINERS)
def test_career_guide_specializations_cite_it(builtin_kb, spec_id):
    spec = queries.resolve(builtin_kb, spec_id)
    assert "career-guide" in spec.sources
    assert any("career-guide" in s.sources and not s.inferred for _, s in statements(spec)), spec_id


@pytest.mark.parametrize("spec_id", TITLES_ROLES)
def test_titles_duties_and_skills_are_carried_over(builtin_kb, spec_id):
    spec = queries.resolve(builtin_kb, spec_id)
    stated = lambda items: [s for s in items if "titles" in s.sources and not s.inferred]  # noqa: E731
    assert stated(spec.responsibilities), spec_id
    assert stated(spec.skills), spec_id


@pytest.mark.parametrize(
    ("spec_id", "duties"),
    [
        ("technical-pm", ["liaison", "feasib", "risk"]),
        ("product-owner", ["backlog", "collaboration", "day-to-day"]),
        ("data-pm", ["collect", "kpi", "recommendation"]),
        ("growth-pm", ["acquire and retain", "experiment", "data"]),
        ("product-marketing-manager", ["go-to-market", "collateral", "market analysis", "sales enablement"]),
    ],
)
def test_each_titles_duty_is_there(builtin_kb, spec_id, duties):
    text = " ".join(r.text.lower() for r in queries.resolve(builtin_kb, spec_id).responsibilities
                    if "titles" in r.sources)
    for duty in duties:
        assert duty in text, (spec_id, duty)


@pytest.mark.parametrize("level_id", ESSAY_LEVELS)
def test_essay_levels_keep_its_six_duties_skills_and_day(builtin_kb, level_id):
    level = queries.get_level(builtin_kb, level_id)
    # The essay's summary gives company-wide vision to the CPO and P&L to the VP,
    # so two of its six shared executive duties are not filed on Director.
    assert len(essay_items(level.responsibilities)) >= (4 if level_id == "director" else 6), level_id
    assert len(essay_items(level.skills)) >= 6 or level_id in ("director", "vp-product", "cpo"), level_id
    assert len(essay_items(level.typical_day)) >= 6, level_id
    assert level.main_focus and level.scope and level.summary


@pytest.mark.parametrize("level_id", ["director", "vp-product", "cpo"])
def test_essay_shared_executive_skills_are_all_on_each_executive_level(builtin_kb, level_id):
    text = " ".join(s.text.lower() for s in queries.get_level(builtin_kb, level_id).skills if "essay" in s.sources)
    for skill in ("organization", "ceo", "p&l", "financial", "talent", "change", "culture"):
        if level_id == "director" and skill in ("p&l", "financial"):
            assert skill not in text  # the essay's summary: the VP adds budget/P&L
            continue
        assert skill in text, (level_id, skill)


TITLES_LEVELS = ["apm", "pm", "senior-pm", "group-pm", "director", "vp-product", "cpo"]


@pytest.mark.parametrize("level_id", TITLES_LEVELS)
def test_titles_levels_cite_it(builtin_kb, level_id):
    level = queries.get_level(builtin_kb, level_id)
    assert "titles" in level.sources
    # Titles lists key skills for every level but the core PM, whose section has duties only.
    statements = level.responsibilities if level_id == "pm" else level.skills
    assert [s for s in statements if "titles" in s.sources], level_id


BRIDGED_LEVELS = ["apm", "pm", "senior-pm", "principal-pm", "group-pm"]


@pytest.mark.parametrize("level_id", BRIDGED_LEVELS)
def test_bridged_levels_cite_its_duties_and_how_to_get_in(builtin_kb, level_id):
    level = queries.get_level(builtin_kb, level_id)
    assert [s for s in level.responsibilities if "bridged" in s.sources], level_id
    if level_id != "group-pm":  # bridged has no "how to get" advice of its own for Group PM.
        assert [s for s in level.how_to_get if "bridged" in s.sources], level_id


# ----------------------------------------------------------------- years


# Every figure an article states for a level, by (level, field): (min, max, source).
STATED_YEARS = {
    ("apm", "time_at_level"): {(1, 2, "career-guide"), (1, 1.5, "bridged")},
    ("pm", "time_at_level"): {(2, 3, "career-guide")},
    ("senior-pm", "experience_years"): {(4, 6, "bridged"), (4, 6, "career-guide")},
    ("senior-pm", "time_at_level"): {(2, 3, "career-guide")},
    ("principal-pm", "experience_years"): {(8, 10, "bridged")},
    ("director", "experience_years"): {(10, None, "career-guide")},
    ("director", "time_at_level"): {(5, None, "career-guide")},
    ("vp-product", "experience_years"): {(10, 20, "career-guide")},
}


def year_figures(level, field):
    return {(span.min, span.max, source) for span in getattr(level, field) if not span.inferred
            for source in span.sources}


@pytest.mark.parametrize("level_id", LEVELS)
@pytest.mark.parametrize("field", ["experience_years", "time_at_level"])
def test_years_are_exactly_what_the_articles_state(builtin_kb, level_id, field):
    level = queries.get_level(builtin_kb, level_id)
    # A figure an article states is present and not marked inferred ...
    assert year_figures(level, field) == STATED_YEARS.get((level_id, field), set()), (level_id, field)
    # ... one range per source ...
    for span in getattr(level, field):
        assert len(span.sources) == 1 or span.inferred, (level_id, field, span)
        assert span.note, (level_id, field, span)
    # ... and every figure no article states is marked inferred and explained by an inferred note.
    if any(span.inferred for span in getattr(level, field)):
        assert any(n.kind == "inferred" and field in n.fields for n in level.notes), (level_id, field)


def test_inferred_years_stay_between_the_stated_ones(builtin_kb):
    get = lambda i: queries.get_level(builtin_kb, i)  # noqa: E731
    lows = {i: min(s.min for s in get(i).experience_years) for i in LEVELS}
    assert lows["apm"] < lows["pm"] < lows["senior-pm"] < lows["staff-pm"] < lows["principal-pm"]
    assert lows["principal-pm"] == lows["group-pm"] < lows["director"] <= lows["vp-product"] < lows["cpo"]
    # The wait at senior levels is at least the upper end of the usual 2-3 years.
    for level_id in ("staff-pm", "principal-pm", "group-pm", "vp-product"):
        assert all(s.min >= 3 and s.inferred for s in get(level_id).time_at_level), level_id
    assert get("cpo").time_at_level == []


def test_director_has_over_ten_years_and_vp_ten_to_twenty(builtin_kb):
    director = queries.get_level(builtin_kb, "director")
    assert [(s.min, s.max) for s in director.experience_years] == [(10, None)]
    vp = queries.get_level(builtin_kb, "vp-product")
    assert [(s.min, s.max) for s in vp.experience_years] == [(10, 20)]


def test_apm_to_pm_step_shows_both_articles_figures(builtin_kb):
    answer = queries.next_steps(builtin_kb, queries.get_level(builtin_kb, "apm"))
    (step,) = answer.steps
    assert {(t.min, t.max, tuple(t.sources)) for t in step.time} == {(1, 2, ("career-guide",)), (1, 1.5, ("bridged",))}


# ----------------------------------------------------------------- sources


def test_every_statement_names_its_articles(builtin_kb):
    # The format lets a statement inherit its entry's sources; the built-in
    # knowledge base always says which articles each statement comes from.
    for section in ("levels", "specializations", "tracks", "promotions", "comparisons"):
        for entry in getattr(builtin_kb, section):
            for name, value in entry:
                for item in value if isinstance(value, list) else ():
                    if isinstance(item, (Statement, YearRange, Note)):
                        assert item.sources, (section, getattr(entry, "id", None), name, item)


def test_statements_cite_only_the_articles_their_entry_draws_on(builtin_kb):
    # Notes may name an article to say it is silent; statements and figures may not.
    for section in ("levels", "specializations", "tracks", "promotions", "comparisons"):
        for entry in getattr(builtin_kb, section):
            for name, value in entry:
                for item in value if isinstance(value, list) else ():
                    if isinstance(item, (Statement, YearRange)):
                        assert set(item.sources) <= set(entry.sources), (section, name, item)


def test_a_level_every_article_describes_cites_all_four(builtin_kb):
    for level_id in ("apm", "pm", "senior-pm", "group-pm"):
        assert set(queries.get_level(builtin_kb, level_id).sources) == SOURCES, level_id


# ----------------------------------------------------------------- tracks and promotions


def test_tracks_pros_and_cons_are_career_guides_two_each(builtin_kb):
    for track_id in ("ic", "manager"):
        track = queries.find_track(builtin_kb, track_id)
        for field in ("pros", "cons"):
            items = getattr(track, field)
            assert len(items) == 2 and all(i.sources == ["career-guide"] for i in items), (track_id, field)


@pytest.mark.parametrize(
    ("track_id", "criteria"),
    [
        ("ic", ["your own product area", "company", "mentoring", "key business"]),
        ("manager", ["recruiting", "keeping", "developing", "roadmapping", "discovery", "teams you lead"]),
    ],
)
def test_track_promotion_criteria(builtin_kb, track_id, criteria):
    text = " ".join(c.text.lower() for c in queries.find_track(builtin_kb, track_id).promotion_criteria)
    for criterion in criteria:
        assert criterion in text, (track_id, criterion)


def test_track_skills_from_career_guide(builtin_kb):
    ic = " ".join(s.text.lower() for s in queries.find_track(builtin_kb, "ic").skills)
    for skill in ("storytelling", "market", "influenc"):
        assert skill in ic
    manager = " ".join(s.text.lower() for s in queries.find_track(builtin_kb, "manager").skills)
    for skill in ("mentoring", "organizational design"):
        assert skill in manager


def test_every_step_has_criteria_and_one_way_off_the_ic_track(builtin_kb):
    steps = {(p.from_, p.to): p for p in builtin_kb.promotions}
    assert set(steps) == {
        ("apm", "pm"), ("pm", "senior-pm"), ("senior-pm", "staff-pm"), ("staff-pm", "principal-pm"),
        ("senior-pm", "group-pm"), ("group-pm", "director"), ("principal-pm", "director"),
        ("director", "vp-product"), ("vp-product", "cpo"),
    }
    for key, step in steps.items():
        assert step.criteria and step.sources, key
    assert steps[("principal-pm", "director")].tracks == ["manager"]


# ----------------------------------------------------------------- disagreements and comparisons


def notes_of(kb, level_id, kind="disagreement"):
    return [n for n in queries.get_level(kb, level_id).notes if n.kind == kind]


def test_where_principal_and_group_sit_is_a_disagreement_citing_all_four(builtin_kb):
    for level_id in ("principal-pm", "group-pm"):
        band_notes = [n for n in notes_of(builtin_kb, level_id) if "band" in n.fields]
        assert band_notes and set().union(*(n.sources for n in band_notes)) == SOURCES, level_id


def test_bridged_calling_principal_group_the_top_is_a_disagreement(builtin_kb):
    notes = [n for n in notes_of(builtin_kb, "principal-pm") if "bridged" in n.sources and "top" in n.text]
    assert notes and "director" in notes[0].text.lower()


def test_product_lead_and_lead_pm_are_disputed_aliases(builtin_kb):
    group = queries.get_level(builtin_kb, "group-pm")
    texts = [n.text for n in group.notes if n.kind == "disagreement" and "aliases" in n.fields]
    assert any("Product Lead" in t and "titles" in t for t in texts)
    assert any("Lead PM" in t and "essay" in t for t in texts)
    assert queries.resolve(builtin_kb, "lead-pm").id == "group-pm"


def test_lead_principal_staff_grouping_is_a_disagreement(builtin_kb):
    staff = notes_of(builtin_kb, "staff-pm")
    assert staff and {"essay", "career-guide"} <= set(staff[0].sources)


def test_director_scope_and_head_of_product(builtin_kb):
    director = queries.get_level(builtin_kb, "director")
    assert any(n.kind == "disagreement" and "scope" in n.fields for n in director.notes)
    assert any("Head of Product" in n.text for n in director.notes)
    assert any("Principal" in h.text and "Group" in h.text for h in director.how_to_get)


@pytest.mark.parametrize(
    ("pair", "source"),
    [
        (("apm", "pm"), "bridged"), (("pm", "senior-pm"), "bridged"), (("senior-pm", "principal-pm"), "bridged"),
        (("principal-pm", "group-pm"), "bridged"), (("staff-pm", "principal-pm"), "career-guide"),
        (("vp-product", "cpo"), "career-guide"), (("group-pm", "director"), "career-guide"),
        (("director", "vp-product"), "essay"),
    ],
)
def test_comparisons_cite_the_article_that_draws_them(builtin_kb, pair, source):
    found = queries.comparison(builtin_kb, *pair)
    assert found is not None and source in found.sources and len(found.points) >= 2


def test_senior_vs_principal_years(builtin_kb):
    text = " ".join(p.text for p in queries.comparison(builtin_kb, "senior-pm", "principal-pm").points)
    assert "8-10" in text and "4-6" in text


@pytest.mark.parametrize(
    ("alias", "role_id"),
    [("lead-pm", "group-pm"), ("head-of-product", "director"), ("infrastructure-pm", "platform-pm"),
     ("product-owner", "product-owner"), ("mid-level-pm", "pm"), ("sr-pm", "senior-pm"),
     ("data-analytics-pm", "data-pm"), ("zero-to-one", "zero-to-one-pm"), ("0-to-1-pm", "zero-to-one-pm"),
     ("product-ops", "product-ops"), ("low-code-pm", "no-code-pm"), ("vp-of-product", "vp-product")],
)
def test_more_aliases(builtin_kb, alias, role_id):
    assert queries.resolve(builtin_kb, alias).id == role_id


@pytest.mark.parametrize("level_id", LEVELS)
def test_every_level_says_how_to_get_there(builtin_kb, level_id):
    assert queries.get_level(builtin_kb, level_id).how_to_get, level_id


def test_every_inferred_item_is_explained_by_an_inferred_note(builtin_kb):
    for section in ("levels", "specializations", "tracks", "promotions"):
        for entry in getattr(builtin_kb, section):
            explained = {field for note in entry.notes if note.kind == "inferred" for field in note.fields}
            for name, value in entry:
                items = value if isinstance(value, list) else ()
                if any(isinstance(i, (Statement, YearRange)) and i.inferred for i in items):
                    assert name in explained, (section, getattr(entry, "id", None), name)


def test_specializations_only_the_articles_describe_fully_are_not_inferred(builtin_kb):
    # The essay describes eight specializations in full: nothing there is made up.
    for spec_id in ESSAY_SPECIALIZATIONS:
        spec = queries.resolve(builtin_kb, spec_id)
        for field in ("typical_questions", "metrics", "skills", "responsibilities"):
            assert not any(i.inferred for i in getattr(spec, field)), (spec_id, field)
    # The roles an article only sketches carry inferred metrics, flagged as such.
    for spec_id in ("no-code-pm", "product-owner", "product-marketing-manager", "product-ops"):
        spec = queries.resolve(builtin_kb, spec_id)
        assert spec.metrics and all(m.inferred for m in spec.metrics), spec_id


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



def test_the_one_cumulative_figure_an_article_gives_is_stored_on_senior_pm(builtin_kb):
    """career-guide: "Most PMs reach Senior in about 4-6 years"; no article gives such a total for another level."""
    reached = {level.id: [(y.min, y.max, tuple(y.sources), y.inferred) for y in level.years_to_reach] for level in builtin_kb.levels}
    assert reached.pop("senior-pm") == [(4, 6, ("career-guide",), False)]
    assert all(not figures for figures in reached.values())
