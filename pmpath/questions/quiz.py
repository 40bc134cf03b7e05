"""The specialization quiz: answers in, a ranked list of specializations out. Pure functions.

Scoring, deterministic and documented in the README:

- each answer adds its weights (1-3) to the specializations it points to;
- a specialization's *fit* is its points divided by the most it could have scored
  (the sum, over the questions, of the highest weight any answer gives it), so a
  specialization named in many questions has no head start;
- the ranking is by fit, then by points, then by the knowledge base's order;
- the reasons for a specialization are the answers that gave it points, the
  heaviest first (then in question order).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .problems import BadInput
from ..kb.schema import KnowledgeBase, QuizOption, QuizQuestion, Specialization


@dataclass(frozen=True)
class Reason:
    """An answer that counts towards a specialization."""

    question: QuizQuestion
    option: QuizOption
    weight: int

    @property
    def text(self) -> str:
        return self.option.reason or self.option.text


@dataclass(frozen=True)
class Fit:
    """How well a specialization fits the answers."""

    specialization: Specialization
    points: int
    maximum: int
    reasons: tuple[Reason, ...]

    @property
    def share(self) -> Fraction:
        return Fraction(self.points, self.maximum) if self.maximum else Fraction(0)

    @property
    def percent(self) -> int:
        """The fit as a whole percentage (half rounds up)."""
        return int(self.share * 100 + Fraction(1, 2))


@dataclass(frozen=True)
class QuizResult:
    answers: tuple[tuple[QuizQuestion, QuizOption], ...]
    ranking: tuple[Fit, ...]

    @property
    def matched(self) -> tuple[Fit, ...]:
        """The specializations the answers gave any points to, best first."""
        return tuple(fit for fit in self.ranking if fit.points)


def maximum_points(kb: KnowledgeBase) -> dict[str, int]:
    """The most each specialization can score: per question, the highest weight any answer gives it."""
    best: dict[str, int] = {}
    for question in kb.quiz:
        top: dict[str, int] = {}
        for option in question.options:
            for spec, weight in option.weights.items():
                top[spec] = max(top.get(spec, 0), weight)
        for spec, weight in top.items():
            best[spec] = best.get(spec, 0) + weight
    return best


def option_for(question: QuizQuestion, answer: str) -> QuizOption:
    """The option an answer names: its id (any case) or its position (1, 2, ...)."""
    text = str(answer).strip()
    for option in question.options:
        if option.id == text.lower():
            return option
    if text.isdigit() and 1 <= int(text) <= len(question.options):
        return question.options[int(text) - 1]
    ids = ", ".join(option.id for option in question.options)
    raise BadInput(f"{text!r} is not an answer to question {question.id!r}; choose one of {ids}")


def score(kb: KnowledgeBase, answers: dict[str, str]) -> QuizResult:
    """Score answers (question id -> answer id) against the specializations; every question answered once."""
    if not kb.quiz:
        raise BadInput("this knowledge base has no quiz (no 'quiz' section)")
    by_id = {question.id: question for question in kb.quiz}
    unknown = [key for key in answers if key not in by_id]
    if unknown:
        raise BadInput(f"no question {unknown[0]!r} in the quiz", details=["the questions are: " + ", ".join(by_id)])
    missing = [question.id for question in kb.quiz if question.id not in answers]
    if missing:
        raise BadInput(f"no answer to question{'s' if len(missing) != 1 else ''} {', '.join(missing)}", "quiz-answers")
    chosen = tuple((question, option_for(question, answers[question.id])) for question in kb.quiz)
    return rank(kb, chosen)


def rank(kb: KnowledgeBase, chosen: tuple[tuple[QuizQuestion, QuizOption], ...]) -> QuizResult:
    """The ranking for answers already matched to options."""
    maximum = maximum_points(kb)
    reasons: dict[str, list[tuple[int, Reason]]] = {}
    for position, (question, option) in enumerate(chosen):
        for spec, weight in option.weights.items():
            reasons.setdefault(spec, []).append((position, Reason(question, option, weight)))
    fits = []
    for order, spec in enumerate(kb.specializations):
        if not maximum.get(spec.id):
            continue
        found = sorted(reasons.get(spec.id, []), key=lambda pair: (-pair[1].weight, pair[0]))
        fit = Fit(spec, sum(r.weight for _, r in found), maximum[spec.id], tuple(r for _, r in found))
        fits.append((order, fit))
    fits.sort(key=lambda pair: (-pair[1].share, -pair[1].points, pair[0]))
    return QuizResult(chosen, tuple(fit for _, fit in fits))


def answers_from_mapping(kb: KnowledgeBase, data: dict, locate) -> dict[str, str]:
    """Answers from an answers file (question id -> answer id), checked, with ``locate(key)`` in messages."""
    by_id = {question.id: question for question in kb.quiz}
    out: dict[str, str] = {}
    for key, value in data.items():
        question = by_id.get(str(key))
        if question is None:
            raise BadInput(f"{locate(key)}: no question {key!r} in the quiz", details=["the questions are: " + ", ".join(by_id)])
        if isinstance(value, (dict, list)) or value is None:
            raise BadInput(f"{locate(key)}: the answer to {key!r} must be one answer id, e.g. a")
        try:
            out[question.id] = option_for(question, str(value)).id
        except BadInput as problem:
            raise BadInput(f"{locate(key)}: {problem.message}") from None
    missing = [question.id for question in kb.quiz if question.id not in out]
    if missing:
        raise BadInput(f"{locate(None)}: no answer to question{'s' if len(missing) != 1 else ''} {', '.join(missing)}",
                       "quiz-answers")
    return out
