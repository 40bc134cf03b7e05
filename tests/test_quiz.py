"""The quiz: its schema section, the built-in questions, and deterministic scoring."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pmpath.kb.loader import check
from pmpath.questions.problems import BadInput as UsageProblem
from pmpath.questions.quiz import answers_from_mapping, maximum_points, option_for, score
from pmpath.kb.schema import QuizOption

from tests.conftest import MINI, PERSONAL


@pytest.fixture(scope="module")
def quiz_kb():
    kb, found = check([MINI, PERSONAL / "quiz.yaml"])
    assert found == []
    return kb


def quiz_problems(name: str) -> list[str]:
    kb, found = check([MINI, PERSONAL / name])
    assert kb is None
    return [str(d) for d in found]


# ---------------------------------------------------------------- the schema section


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("bad-quiz-unknown-specialization.yaml",
         ":11:19: quiz[0].options[0].weights.growth-makr: unknown specialization 'growth-makr' (did you mean 'growth-maker'?)"),
        ("bad-quiz-level-weight.yaml",
         ":14:19: quiz[0].options[1].weights.expert: 'expert' is a level, not a specialization; the quiz scores specializations"),
        ("bad-quiz-weight-range.yaml",
         ":11:9: quiz[0].options[0].weights: the weight for 'growth-maker' is 5; weights run from 1 to 3"),
        ("bad-quiz-duplicate-answer.yaml",
         ":12:9: quiz[0].options[1].id: answer id 'a' is given twice in question 'enjoy-most'"),
        ("bad-quiz-duplicate-question.yaml", ":11:5: quiz[1].id: duplicate question id 'enjoy-most'"),
        ("bad-quiz-no-weights.yaml",
         ":8:5: quiz[0].options: no answer to question 'enjoy-most' points to a specialization, so it cannot change the result"),
        ("bad-quiz-one-answer.yaml", ":8:5: quiz[0].options: List should have at least 2 items after validation, not 1"),
        ("bad-quiz-unknown-kind.yaml", ":5:5: quiz[0].kind: Input should be 'enjoy' or 'strength', found 'hobby'"),
    ],
)
def test_a_bad_quiz_is_reported_by_file_line_and_entry(fixture, expected):
    found = quiz_problems(fixture)
    assert any(line.endswith(fixture + expected) for line in found), found


def test_quiz_sources_are_cross_checked(tmp_path):
    text = (PERSONAL / "bad-quiz-unknown-kind.yaml").read_text().replace("kind: hobby", "kind: enjoy")
    (tmp_path / "quiz.yaml").write_text(text)
    kb, found = check([MINI, tmp_path / "quiz.yaml"])
    assert [str(d).split("quiz.yaml")[1] for d in found] == [":7:15: quiz[0].sources[0]: unknown source 'scr' (did you mean 'src'?)"]


@pytest.mark.parametrize("weight", [True, 2.0, "2"])
def test_a_weight_must_be_a_whole_number(weight):
    with pytest.raises(ValueError, match="valid integer"):
        QuizOption.model_validate({"id": "a", "text": "x", "weights": {"growth-pm": weight}})


# ---------------------------------------------------------------- the built-in quiz


def test_the_builtin_quiz_has_eight_to_twelve_questions_of_both_kinds(builtin_kb):
    assert 8 <= len(builtin_kb.quiz) <= 12
    kinds = [q.kind for q in builtin_kb.quiz]
    assert kinds.count("enjoy") >= 3 and kinds.count("strength") >= 3


def test_the_builtin_quiz_covers_the_essays_specializations_evenly(builtin_kb):
    best = maximum_points(builtin_kb)
    essay = [s.id for s in builtin_kb.specializations if s.kind == "specialization" and "essay" in s.sources[:1]]
    assert set(essay) <= set(best)
    for spec in essay:
        questions = sum(1 for q in builtin_kb.quiz if any(spec in o.weights for o in q.options))
        assert questions >= 4, spec
    assert max(best.values()) <= 2 * min(best.values())


def test_the_builtin_quiz_cites_sources_and_every_answer_has_a_reason(builtin_kb):
    for question in builtin_kb.quiz:
        assert question.sources
        for option in question.options:
            assert option.reason and option.weights, (question.id, option.id)


def test_every_builtin_specialization_can_come_first(builtin_kb):
    """For each scored specialization, the answers that favour it most put it at the top."""
    for spec in maximum_points(builtin_kb):
        answers = {
            q.id: max(q.options, key=lambda o: (o.weights.get(spec, 0), -len(o.weights))).id for q in builtin_kb.quiz
        }
        assert score(builtin_kb, answers).ranking[0].specialization.id == spec


# ---------------------------------------------------------------- scoring


def test_maximum_points_take_the_best_answer_of_each_question(quiz_kb):
    assert maximum_points(quiz_kb) == {"growth-maker": 5, "craft-maker": 5}


@pytest.mark.parametrize(
    ("answers", "ranking"),
    [
        ({"enjoy-most": "b", "good-at": "a"}, [("craft-maker", 5, 100), ("growth-maker", 1, 20)]),
        ({"enjoy-most": "a", "good-at": "b"}, [("growth-maker", 5, 100), ("craft-maker", 0, 0)]),
        # A tie on fit and points keeps the knowledge base's order: growth-maker is defined first.
        ({"enjoy-most": "a", "good-at": "a"}, [("growth-maker", 3, 60), ("craft-maker", 3, 60)]),
        ({"enjoy-most": "c", "good-at": "b"}, [("growth-maker", 2, 40), ("craft-maker", 0, 0)]),
        ({"enjoy-most": "c", "good-at": "a"}, [("craft-maker", 3, 60), ("growth-maker", 0, 0)]),
    ],
)
def test_scoring_by_hand(quiz_kb, answers, ranking):
    result = score(quiz_kb, answers)
    assert [(f.specialization.id, f.points, f.percent) for f in result.ranking] == ranking
    assert [f.specialization.id for f in result.matched] == [spec for spec, points, _ in ranking if points]


def test_fit_is_a_share_of_the_most_a_specialization_could_score(quiz_kb):
    fit = score(quiz_kb, {"enjoy-most": "b", "good-at": "b"}).ranking[0]
    assert fit.specialization.id == "growth-maker" and fit.share == Fraction(3, 5)


def test_reasons_are_the_answers_that_gave_points_heaviest_first(quiz_kb):
    result = score(quiz_kb, {"enjoy-most": "b", "good-at": "a"})
    craft = result.ranking[0]
    assert [(r.question.id, r.weight, r.text) for r in craft.reasons] == [
        ("good-at", 3, "you find flaws in designs"),
        ("enjoy-most", 2, "Polishing a detail until it is right"),  # no reason given: the answer's text
    ]


def test_the_same_answers_always_give_the_same_result(builtin_kb):
    answers = {q.id: q.options[i % len(q.options)].id for i, q in enumerate(builtin_kb.quiz)}
    first = score(builtin_kb, answers)
    for _ in range(3):
        again = score(builtin_kb, dict(reversed(list(answers.items()))))
        assert [(f.specialization.id, f.points) for f in again.ranking] == [
            (f.specialization.id, f.points) for f in first.ranking
        ]


def test_answers_by_id_any_case_or_by_position(quiz_kb):
    question = quiz_kb.quiz[0]
    assert option_for(question, "B").id == "b"
    assert option_for(question, " 3 ").id == "c"
    with pytest.raises(UsageProblem, match="'4' is not an answer to question 'enjoy-most'; choose one of a, b, c"):
        option_for(question, "4")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"enjoy-most": "a"}, "no answer to question good-at"),
        ({}, "no answer to questions enjoy-most, good-at"),
        ({"enjoy-most": "a", "good-at": "b", "hobby": "a"}, "no question 'hobby' in the quiz"),
        ({"enjoy-most": "z", "good-at": "b"}, "'z' is not an answer to question 'enjoy-most'"),
    ],
)
def test_bad_answers_are_usage_problems(quiz_kb, answers, message):
    with pytest.raises(UsageProblem, match=message):
        score(quiz_kb, answers)


def test_a_knowledge_base_without_a_quiz(mini_kb):
    with pytest.raises(UsageProblem, match="no quiz"):
        score(mini_kb, {})


def locate(key):
    return "answers.yaml" if key is None else f"answers.yaml:{key}"


def test_answers_from_a_file_mapping(quiz_kb):
    assert answers_from_mapping(quiz_kb, {"good-at": "A", "enjoy-most": 2}, locate) == {"good-at": "a", "enjoy-most": "b"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"enjoy-most": "a"}, "answers.yaml: no answer to question good-at"),
        ({"enjoy-most": "a", "good-at": "b", "extra": "a"}, "answers.yaml:extra: no question 'extra' in the quiz"),
        ({"enjoy-most": ["a", "b"], "good-at": "b"}, "answers.yaml:enjoy-most: the answer to 'enjoy-most' must be one answer id"),
        ({"enjoy-most": None, "good-at": "b"}, "answers.yaml:enjoy-most: the answer to 'enjoy-most' must be one answer id"),
        ({"enjoy-most": "q", "good-at": "b"}, "answers.yaml:enjoy-most: 'q' is not an answer to question 'enjoy-most'"),
    ],
)
def test_bad_answer_files_name_the_key(quiz_kb, data, message):
    with pytest.raises(UsageProblem) as caught:
        answers_from_mapping(quiz_kb, data, locate)
    assert caught.value.message.startswith(message)
