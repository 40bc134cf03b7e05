"""Full-text search as plain functions: words, stems, synonyms, ranking, where a skill first appears."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmpath.questions import queries, search
from pmpath.questions.search import kb_terms, similar, terms

ARTICLE_SKILLS = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "article_skills.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


# ---------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("financial modelling", "Financial modeling"),
        ("user behaviour", "user behavior"),
        ("prioritise", "prioritize"),
        ("organisational design", "organizational design"),
        ("analyse data", "analyze data"),
        ("A/B tests", "a/b testing"),
        ("P&L", "p & l"),
    ],
)
def test_spelling_stems_and_joined_letters_fold_together(a, b):
    assert terms(a) == terms(b)


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert terms("the ethics and governance") == terms("ethics governance")
    assert search.query_terms("the and") == terms("the and", keep_stop_words=True) != []


def test_synonyms_from_the_knowledge_base_fold_phrases(builtin_kb):
    assert sorted(kb_terms(builtin_kb, "Coordinating across functions")) == sorted(
        kb_terms(builtin_kb, "cross-functional coordination")
    )
    assert kb_terms(builtin_kb, "attention to detail") == kb_terms(builtin_kb, "detail-oriented")
    # Without synonyms the phrases differ.
    assert terms("attention to detail") != terms("detail-oriented")


def test_similar_statements():
    assert similar("Manages the product budget.", "Manages budgets for the product.")
    assert not similar("Manages the product budget.", "Runs customer interviews.")
    assert not similar("", "Anything.")


# ---------------------------------------------------------------- search


def test_search_ranks_title_matches_first_and_names_the_section(career_kb):
    answer = search.search(career_kb, "growth maker")
    first = answer.results[0]
    assert first.entry.id == "growth-maker" and first.hits[0].label == "title"
    assert not answer.partial


def test_search_finds_skills_in_every_kind_of_entry(career_kb):
    answer = search.search(career_kb, "sql")
    ids = [r.entry.id for r in answer.results]
    assert set(ids) == {"mid", "deep", "growth-maker", "data-maker"}
    assert {r.kind for r in answer.results} == {"level", "specialization"}
    mid = next(r for r in answer.results if r.entry.id == "mid")
    assert mid.sections == ("skills",) and mid.hits[0].text == "SQL basics for funnels."


def test_search_where_a_skill_first_appears_on_each_track(career_kb):
    shared = search.search(career_kb, "SQL")
    assert [(f.track.id, f.level.id) for f in shared.first_expected] == [("ic", "mid"), ("manager", "mid")]
    assert [s.id for s in shared.specializations] == ["growth-maker", "data-maker"]
    advanced = search.search(career_kb, "advanced SQL")
    assert [(f.track.id, f.level.id) for f in advanced.first_expected] == [("ic", "deep")]
    # British spelling in the data, American in the query; only the manager track expects it.
    money = search.search(career_kb, "financial modeling")
    assert [(f.track.id, f.level.id) for f in money.first_expected] == [("manager", "boss")]


def test_search_covers_backgrounds_routes_resources_alternatives_and_advice(career_kb):
    kinds = {
        "software engineer": "background",
        "starter program": "entry-route",
        "roadmapping": "resource",
        "tester": "alternative",
        "data literacy": "future-skill",
        "show your thinking": "break-in-advice",
        "specializing pays": "advice",
    }
    for text, kind in kinds.items():
        assert search.search(career_kb, text).results[0].kind == kind, text


def test_search_falls_back_to_partial_matches(career_kb):
    answer = search.search(career_kb, "experiment zebra")
    assert answer.partial and answer.results[0].entry.id == "growth-maker"
    assert answer.first_expected == ()


def test_search_limit_keeps_the_total(builtin_kb):
    answer = search.search(builtin_kb, "roadmap", limit=2)
    assert len(answer.results) == 2 and answer.total > 2


def test_search_nothing_found_suggests_close_words(career_kb):
    with pytest.raises(queries.NoAnswer) as raised:
        search.search(career_kb, "kuriosity")
    assert "nothing in the knowledge base mentions 'kuriosity'" in raised.value.message
    assert raised.value.close == ["curiosity"]


def test_search_without_words(career_kb):
    with pytest.raises(queries.NoAnswer, match="letters or digits"):
        search.search(career_kb, "?!")


@pytest.mark.parametrize("skill", ARTICLE_SKILLS)
def test_every_skill_named_in_the_articles_is_found(builtin_kb, skill):
    answer = search.search(builtin_kb, skill)
    assert answer.results and not answer.partial, skill
    # The best result really contains every word of the skill in one of its sections.
    best = answer.results[0]
    assert search.mentions(builtin_kb, skill, best.hits[0].text), (skill, best.hits[0].text)


def test_the_skill_list_is_long_enough_to_mean_something():
    assert len(ARTICLE_SKILLS) >= 150 and len(set(ARTICLE_SKILLS)) == len(ARTICLE_SKILLS)


@pytest.mark.parametrize(
    ("skill", "entry"),
    [
        ("SQL", "data-pm"),
        ("causal inference", "senior-pm"),
        ("guardrails", "ai-pm"),
        ("copywriting", "growth-pm"),
        ("interface contracts", "technical-pm"),
        ("detail-oriented", "product-owner"),
        ("meeting facilitation", "apm"),
        ("people management", "group-pm"),
        ("prompting", "human-ai-interaction"),
        ("GA4", "google-data-analytics"),
        ("storytelling", "ic"),
    ],
)
def test_skills_lead_to_the_right_entry(builtin_kb, skill, entry):
    ids = [r.entry.id for r in search.search(builtin_kb, skill).results[:5]]
    assert entry in ids, (skill, ids)


def test_builtin_a_b_testing_is_first_expected_of_pms(builtin_kb):
    answer = search.search(builtin_kb, "A/B testing")
    assert {(f.track.id, f.level.id) for f in answer.first_expected} == {("ic", "pm"), ("manager", "pm")}
    assert "growth-pm" in {s.id for s in answer.specializations}


def test_builtin_people_management_is_first_expected_on_the_manager_track(builtin_kb):
    answer = search.search(builtin_kb, "hiring")
    tracks = {f.track.id: f.level.id for f in answer.first_expected}
    assert tracks.get("manager") == "group-pm"
