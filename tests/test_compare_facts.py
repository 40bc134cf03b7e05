"""compare by fact: statements that carry one article sentence (a shared ``facts`` id) are "both", whatever the wording.

The fixture (tests/fixtures/facts) has the same sentence in other words, two different sentences in
much the same words, and one sentence that one level words with a second source; the built-in
knowledge base has the two pairs the issue found: Staff/Principal (the essay's shared section) and
Principal/Group (bridged's shared Principal/Group duties).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from pydantic import ValidationError

from pmpath.kb.loader import load
from pmpath.kb.schema import Statement
from pmpath.questions import queries
from pmpath.questions.compare import compare
from pmpath.questions.search import similar

from tests.conftest import BAD, FIXTURES

FACTS = FIXTURES / "facts"
WIDE = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def facts_kb():
    return load(FACTS)


def _compare(kb, a: str, b: str):
    answer = compare(kb, queries.resolve(kb, a), queries.resolve(kb, b))
    return {diff.field: diff for diff in answer.differences}


def _texts(items) -> list[str]:
    return [item.text for item in items]


# ---------------------------------------------------------------- the format


def test_a_statement_carries_fact_ids_or_none():
    assert Statement.model_validate({"text": "Ships.", "facts": ["essay-ships"]}).facts == ["essay-ships"]
    assert Statement.model_validate("Ships.").facts == []
    with pytest.raises(ValidationError, match="String should match pattern"):
        Statement.model_validate({"text": "Ships.", "facts": ["Essay Ships"]})


def test_a_fact_that_is_not_an_id_is_refused_where_it_is_written(run):
    result = run("validate", str(BAD / "bad-fact.yaml"))
    assert result.exit_code != 0 and result.stdout == ""
    assert (
        f"{BAD / 'bad-fact.yaml'}:33:17: levels[1].responsibilities[0].facts[0]: 'Owns Area' is not a valid id: "
        "use lower-case letters, digits and single hyphens (e.g. 'owns-area')"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fact_only_one_statement_carries_is_a_located_warning(run, tmp_path):
    text = (FACTS / "ladder.yaml").read_text(encoding="utf-8")
    path = tmp_path / "kb.yaml"
    path.write_text(text.replace("        facts: [src-autonomy]\n      - text: Writes the quarterly plan for the group.",
                                 "        facts: [src-autonomie]\n      - text: Writes the quarterly plan for the group."),
                    encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0 and ": valid: " in result.stdout
    assert result.stderr.splitlines() == [
        f"{path}:28:17: levels[0].responsibilities[0].facts[0]: warning: fact 'src-autonomy' is carried by no other "
        "statement, so it pairs nothing (did you mean 'src-autonomie'?)",
        f"{path}:44:17: levels[1].responsibilities[0].facts[0]: warning: fact 'src-autonomie' is carried by no other "
        "statement, so it pairs nothing (did you mean 'src-autonomy'?)",
    ]


def test_the_fixture_and_the_built_in_knowledge_base_validate_without_warnings(run):
    for kb in (FACTS, None):
        result = run("validate", *([str(kb)] if kb else []))
        assert result.exit_code == 0 and result.stderr == "", result.stderr


def test_the_json_schema_documents_facts():
    from pmpath.kb.extend import KnowledgeBaseFile

    schema = json.dumps(KnowledgeBaseFile.model_json_schema())
    assert "Ids naming the article sentences this statement carries" in schema


# ---------------------------------------------------------------- compare on the fixture


def test_one_sentence_in_other_words_is_both(facts_kb):
    diff = _compare(facts_kb, "one", "two")["responsibilities"]
    assert [(x.text, y.text) for x, y in diff.shared] == [
        ("Owns launches with very little supervision.", "Owns launches with hardly any oversight."),
        ("Talks to customers every week.", "Talks to customers every week."),  # no fact: the same words, as before
    ]
    assert _texts(diff.both) == ["Owns launches with very little supervision.", "Talks to customers every week."]


def test_two_different_sentences_in_much_the_same_words_stay_apart(facts_kb):
    one, two = "Writes the quarterly plan for the team with sales.", "Writes the quarterly plan for the group."
    assert similar(one, two)  # without their facts, the words alone would pair them
    diff = _compare(facts_kb, "one", "two")["responsibilities"]
    assert _texts(diff.only_a) == [one] and _texts(diff.only_b) == [two]


def test_both_is_said_in_the_words_that_claim_no_more_than_the_shared_sentence(facts_kb):
    for a, b in (("one", "three"), ("three", "one")):
        diff = _compare(facts_kb, a, b)["responsibilities"]
        assert _texts(diff.both) == ["Drafts the team's quarterly plan."]


def test_the_full_view_lists_a_shared_fact_once_under_both(run):
    out = run("--kb", str(FACTS), "compare", "one", "two", "--full", env=WIDE).stdout
    both = out[out.index("Responsibilities both list"):]
    assert "• Owns launches with very little supervision." in both
    assert "hardly any oversight" not in out and out.count("very little supervision") == 1
    assert "Responsibilities only Level One lists\n• Writes the quarterly plan for the team" in out


def test_the_short_view_counts_a_shared_fact_as_both(run):
    out = run("--kb", str(FACTS), "compare", "one", "two", env=WIDE).stdout
    assert "Both list 2 responsibilities (one article sentence, or much the same words)." in out
    assert "supervision" not in out and "oversight" not in out


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_documents_put_a_shared_fact_under_shared_with_both_wordings_and_the_fact(run, fmt):
    import yaml

    out = run("--kb", str(FACTS), "compare", "one", "two", "--format", fmt).stdout
    document = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    diff = next(d for d in document["differences"] if d["field"] == "responsibilities")
    first = diff["shared"][0]
    assert [item["text"] for item in first] == ["Owns launches with very little supervision.",
                                                "Owns launches with hardly any oversight."]
    assert [item["facts"] for item in first] == [["src-autonomy"], ["src-autonomy"]]
    assert [item["text"] for item in diff["only_b"]] == ["Writes the quarterly plan for the group."]


# ---------------------------------------------------------------- the built-in knowledge base


def test_every_built_in_fact_joins_statements_of_different_roles(builtin_kb):
    roles: dict[str, list[str]] = {}
    for role in [*builtin_kb.levels, *builtin_kb.specializations]:
        for field in ("responsibilities", "skills", "metrics", "typical_questions"):
            for item in getattr(role, field, None) or ():
                for fact in item.facts:
                    roles.setdefault(fact, []).append(role.id)
    assert roles  # the data pass linked something
    for fact, ids in roles.items():
        assert len(ids) >= 2 and len(set(ids)) == len(ids), (fact, ids)


def test_staff_and_principal_share_the_essays_duty_however_it_is_worded(run):
    full = run("compare", "staff-pm", "principal-pm", "--full", env=WIDE).stdout
    both = full[full.index("Responsibilities both list"):full.index("Skills only")]
    assert "• Owns high-stakes projects with very little supervision. [essay]" in both
    assert "hardly any oversight" not in full
    short = run("compare", "staff-pm", "principal-pm", env=WIDE).stdout
    assert "supervision" not in short and "oversight" not in short
    assert "Both list 6 responsibilities and 7 skills" in short
    document = json.loads(run("compare", "staff-pm", "principal-pm", "--format", "json").stdout)
    diff = next(d for d in document["differences"] if d["field"] == "responsibilities")
    assert ["Owns high-stakes projects with very little supervision.",
            "Owns high-stakes projects with hardly any oversight."] in [[x["text"] for x in pair] for pair in diff["shared"]]
    assert all("high-stakes" not in item["text"] for item in diff["only_a"] + diff["only_b"])


BRIDGED_SHARED = [
    "Owns the company product's vision, strategy and goals, explaining them to the product team and to\n"
    "  stakeholders throughout the company.",
    "Keeps a roadmap, at times for the whole company, and the leaders aligned on its strategy and\n"
    "  timelines.",
    "Runs the company's product development from ideas through planning to delivery, setting timelines,\n"
    "  milestones and budgets.",
    "Coordinates with the heads of other functions (the managers of engineering and design, the sales\n"
    "  leaders, the marketing directors) so the product organization meets every requirement.",
    "Presents updates and progress to executive leadership in product meetings and presentations.",
    "Unblocks other PMs to keep the working environment healthy.",
]


def test_principal_and_group_share_bridgeds_principal_group_duties(run):
    full = run("compare", "principal-pm", "group-pm", "--full", env=WIDE).stdout
    both = full[full.index("Responsibilities both list"):full.index("Skills only")]
    for text in BRIDGED_SHARED:
        assert f"• {text}" in both
    only_group = full[full.index("Responsibilities only Group"):full.index("Responsibilities both list")]
    assert "[bridged]" not in only_group  # every bridged duty of the shared level is shared
    assert "Both list 6 responsibilities" in run("compare", "principal-pm", "group-pm", env=WIDE).stdout
    document = json.loads(run("compare", "principal-pm", "group-pm", "--format", "json").stdout)
    diff = next(d for d in document["differences"] if d["field"] == "responsibilities")
    facts = Counter(f for pair in diff["shared"] for f in pair[1]["facts"])
    assert sorted(facts) == sorted(f"bridged-principal-group-{name}" for name in
                                   ("vision", "development", "coordination", "roadmap", "updates", "unblocking"))


def test_a_duty_only_one_role_has_is_not_hidden_by_a_shared_one(run):
    # Principal's essay coaching duty and bridged's unblocking duty are two statements: each pairs with its
    # own partner and the other stays on Principal's side.
    full = run("compare", "staff-pm", "principal-pm", "--full", env=WIDE).stdout
    only_principal = full[full.index("Responsibilities only Principal"):full.index("Responsibilities both list")]
    assert "Unblocks other PMs" in only_principal
    full = run("compare", "principal-pm", "group-pm", "--full", env=WIDE).stdout
    only_principal = full[full.index("Responsibilities only Principal"):full.index("Responsibilities only Group")]
    assert "• Coaches several PMs and sets best practices. [essay]" in only_principal
