"""Facts of the built-in knowledge base checked against the four articles (issue 15).

Each test pins one statement that a second reader found wrong, invented or
missing: what the statement says, which article it cites and whether it is
marked as the knowledge base's own inference. The articles are in the README
of the seeds; the ids are essay, titles, career-guide and bridged.
"""

from __future__ import annotations

import json
import re

import pytest

STOP = frozenset(
    "a an and are as at be by for from has have how in into is it its of on or the their them they this to "
    "was what when where which who why will with you your that all every whole "
    "product products pm pms manager managers team teams set sets".split()
)


def level(kb, level_id):
    return next(item for item in kb.levels if item.id == level_id)


def spec(kb, spec_id):
    return next(item for item in kb.specializations if item.id == spec_id)


def background(kb, background_id):
    return next(item for item in kb.backgrounds if item.id == background_id)


def promotion(kb, start, end):
    return next(item for item in kb.promotions if item.from_ == start and item.to == end)


def mentioning(statements, *words):
    """The statements whose text holds every one of ``words`` (case-blind)."""
    return [s for s in statements if all(w.casefold() in s.text.casefold() for w in words)]


def content_words(text: str) -> set[str]:
    """Lower-case words without stop words, cut to a crude stem (first five letters)."""
    return {word[:5] for word in re.findall(r"[a-z0-9&/]+", text.casefold()) if word not in STOP}


def near_duplicates(texts: list[str]) -> list[tuple[str, str]]:
    """Pairs of texts that share most of their content words (at least four of them)."""
    found = []
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            a, b = content_words(first), content_words(second)
            shared = len(a & b)
            if shared >= 4 and shared / min(len(a), len(b)) >= 0.6:
                found.append((first, second))
    return found


def statement_lists(kb):
    """Every list of statements in the levels and specializations, with where it is."""
    for entry in [*kb.levels, *kb.specializations]:
        for field in ("responsibilities", "skills", "typical_day", "how_to_get", "metrics", "daily_focus"):
            items = getattr(entry, field, None)
            if items:
                yield f"{entry.id}.{field}", items


# ---------------------------------------------------------------- statements that were wrong


def test_swot_is_not_a_pm_skill_only_a_technique_titles_faq_defines(builtin_kb):
    assert not mentioning(level(builtin_kb, "pm").skills, "SWOT")
    swot = [g for g in builtin_kb.guidance if "SWOT" in g.text]
    assert len(swot) == 1
    assert swot[0].sources == ["titles"]
    assert "strengths, weaknesses, opportunities and threats" in swot[0].text


def test_no_list_states_the_same_thing_twice(builtin_kb):
    """E.g. the essay's strategic skills were once listed twice among a PM's skills."""
    repeated = {where: pairs for where, items in statement_lists(builtin_kb) if (pairs := near_duplicates([s.text for s in items]))}
    assert repeated == {}


def test_near_duplicate_check_catches_a_repeated_statement():
    assert near_duplicates([
        "Strategic thinking: solving problems, setting priorities and taking the long view.",
        "Strategic skills: solving problems, prioritizing and thinking about the long term.",
    ])
    assert near_duplicates([
        "Get to know product managers at your company, in online communities and on LinkedIn.",
        "Connect with product managers at your company, in online communities and on LinkedIn.",
    ])
    assert not near_duplicates([
        "Sets the goals of the product team as a whole and of its managers.",
        "Evaluates the performance of the whole product team.",
    ])


def test_director_neither_sets_company_wide_vision_nor_owns_the_pl(builtin_kb):
    """Essay: Directors oversee several groups; the VP adds budget/P&L; the CPO sets company-wide vision."""
    director = level(builtin_kb, "director")
    statements = [*director.responsibilities, *director.skills]
    assert not mentioning(statements, "whole company")
    assert not mentioning(statements, "company-wide")
    assert not mentioning(statements, "P&L")
    groups = mentioning(director.responsibilities, "several groups")
    assert groups and "essay" in groups[0].sources
    caveat = [n for n in director.notes if n.kind == "caveat" and "P&L" in n.text]
    assert caveat and "VP" in caveat[0].text and caveat[0].sources == ["essay"]


def test_vp_and_cpo_keep_the_essays_company_wide_items(builtin_kb):
    vp, cpo = level(builtin_kb, "vp-product"), level(builtin_kb, "cpo")
    assert any("essay" in s.sources for s in mentioning(vp.responsibilities, "P&L", "divisions"))
    for top in (vp, cpo):
        vision = mentioning(top.responsibilities, "OKRs", "whole company")
        assert len(vision) == 1 and "essay" in vision[0].sources, top.id


def test_staff_defines_long_term_vision_as_the_essay_says(builtin_kb):
    """Essay: Lead leads strategic initiatives; Principal/Staff define long-term vision."""
    staff = level(builtin_kb, "staff-pm")
    assert not mentioning(staff.responsibilities, "strategic initiatives")
    assert not mentioning(staff.responsibilities, "helps shape")
    vision = mentioning(staff.responsibilities, "defines the long-term vision")
    assert len(vision) == 1
    assert vision[0].sources == ["essay"] and not vision[0].inferred


def test_staff_below_principal_is_marked_as_this_knowledge_bases_inference(builtin_kb):
    staff = level(builtin_kb, "staff-pm")
    assert staff.band < level(builtin_kb, "principal-pm").band
    band_notes = [n for n in staff.notes if "band" in n.fields]
    assert band_notes and all(n.kind == "inferred" for n in band_notes)
    assert "career-guide" in band_notes[0].sources
    assert "scope" in band_notes[0].text and "not by rank" in band_notes[0].text
    for note in staff.notes:
        assert "as career-guide's FAQ suggests" not in note.text


def test_group_pm_success_is_not_just_shipping(builtin_kb):
    """Career-guide: success isn't *just* about shipping great products."""
    pair = next(c for c in builtin_kb.comparisons if c.between == ["principal-pm", "group-pm"])
    point = mentioning(pair.points, "shipping great products")
    assert len(point) == 1
    assert "not just" in point[0].text and "less by" not in point[0].text
    assert point[0].sources == ["career-guide"]


# ---------------------------------------------------------------- inventions


def test_engineers_bring_domain_expertise_not_invented_first_hand_knowledge(builtin_kb):
    """Career-guide's FAQ: engineers switching to product should leverage their domain expertise."""
    strengths = background(builtin_kb, "engineering").strengths
    assert not mentioning(strengths, "first-hand")
    domain = mentioning(strengths, "domain")
    assert len(domain) == 1 and domain[0].sources == ["career-guide"] and not domain[0].inferred


def test_consultants_are_not_said_to_go_typically_straight_into_pm(builtin_kb):
    """Career-guide names consulting as a background, not as a straight route into a PM job."""
    target = next(t for t in background(builtin_kb, "consulting").targets if t.kind == "first")
    assert target.role == "pm"
    assert "straight" not in target.why and "typically" not in target.why
    assert "consulting" in target.why and target.sources == ["career-guide"]


def test_product_ops_has_no_invented_claim_about_former_leaders(builtin_kb):
    """Career-guide: product leaders who enjoy optimizing workflows thrive in it; nothing more."""
    ops = spec(builtin_kb, "product-ops")
    texts = [s.text for s in [*ops.skills, *ops.responsibilities, *ops.growth]] + [ops.summary]
    assert not [t for t in texts if "have led product teams" in t]
    assert not mentioning(ops.skills, "insider")


def test_uva_course_has_no_alias_from_no_article(builtin_kb):
    uva = next(r for r in builtin_kb.resources if r.id == "uva-product-management")
    assert "Digital Product Management" not in uva.aliases
    assert {"UVA", "University of Virginia"} <= set(uva.aliases)


# ---------------------------------------------------------------- facts that were missing


def test_pm_summary_has_titles_three_areas_and_career_guides_definition(builtin_kb):
    pm = level(builtin_kb, "pm")
    summary = " ".join(pm.summary.split())
    assert "three major areas: researching the market, shaping the product strategy and gathering requirements" in summary
    assert "whole product lifecycle" in summary and "organization's goals" in summary
    assert {"titles", "career-guide"} <= set(pm.sources)


def test_how_levels_differ_is_advice_next_shows(run):
    """The essay's autonomy / ambiguity / leading-vs-doing is guidance on the topic `next` shows."""
    result = run("next", "senior-pm", "--format", "json")
    assert result.exit_code == 0, result.stderr
    guidance = json.loads(result.stdout)["guidance"]
    found = [g for g in guidance if "autonomy" in g["text"] and "ambiguity" in g["text"]]
    assert len(found) == 1 and found[0]["sources"] == ["essay"]


def test_bridged_ladder_ends_at_principal_group_where_others_go_on(builtin_kb):
    director = level(builtin_kb, "director")
    note = [n for n in director.notes if n.kind == "disagreement" and "bridged" in n.sources and "four" in n.text]
    assert note and "Principal/Group" in note[0].text
    for start in ("group-pm", "principal-pm"):
        step = promotion(builtin_kb, start, "director")
        assert [n for n in step.notes if n.kind == "disagreement" and "bridged" in n.sources], start


def test_bridged_calls_principal_group_the_highest_ic_or_player_coach_level_not_the_top(builtin_kb):
    """Bridged: the highest level a PM can go *and have the same responsibilities as an IC or player/coach*."""
    notes = [n for n in level(builtin_kb, "director").notes if "bridged" in n.sources and "four" in n.text]
    for start in ("group-pm", "principal-pm"):
        notes += [n for n in promotion(builtin_kb, start, "director").notes if "bridged" in n.sources]
    assert len(notes) == 3
    for note in notes:
        text = " ".join(note.text.split())
        assert "top of the ladder" not in text
        assert "player/coach" in text and "individual contributor" in text


def test_pm_needs_little_supervision_often_as_bridged_hedges_it(builtin_kb):
    """Bridged: a mid-level PM *often* can work with little-to-no supervision."""
    summary = " ".join(level(builtin_kb, "pm").summary.split())
    assert "often need little or no supervision" in summary
    assert "may work under the direction of a Senior PM or a Group PM" in summary


def test_bridged_names_its_writer_and_reviewer_and_the_review_date(builtin_kb):
    bridged = next(s for s in builtin_kb.sources if s.id == "bridged")
    assert "Elizabeth Hogue" in bridged.author
    assert bridged.date == "2024-11-13"


# ---------------------------------------------------------------- search, through the command


@pytest.mark.parametrize(("skill", "expected"), [
    ("coding", ["technical-pm"]),
    ("programming", ["technical-pm"]),
    ("no-code", ["no-code-pm"]),
    ("low-code", ["no-code-pm"]),
])
def test_skill_filter_tells_coding_from_no_code(run, skill, expected):
    result = run("specializations", "--skill", skill, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [row["specialization"]["id"] for row in json.loads(result.stdout)["rows"]] == expected


# ---------------------------------------------------------------- breaking in: said once


def test_break_in_routes_do_not_repeat_the_tips(builtin_kb):
    tips = [t.text for t in builtin_kb.break_in_tips]
    for route in builtin_kb.entry_routes:
        for step in route.steps:
            assert [tip for tip in tips if near_duplicates([step.text, tip])] == [], route.id


def test_break_in_routes_carry_no_filler(builtin_kb):
    for route in builtin_kb.entry_routes:
        assert not mentioning(route.steps, "one of the ways"), route.id
