"""The data documents of the personal commands (profile, assess, gap, quiz, plan), for JSON and YAML.

The same envelope and pieces as :mod:`pmpath.views.data`, which holds the rules they follow.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from ..kb.schema import KnowledgeBase
from .data import Document, _model_fields, answer_document, envelope, ref, years_list

def me_data(me: Any) -> dict:
    """The profile's settings, resolved: ``level`` (None while moving in), ``background``, ``track``, ``since``,
    ``specialization``."""
    return {
        "level": ref(me.level) if me.level else None,
        "background": ref(me.background) if me.background else None,
        "track": ref(me.track) if me.track else None,
        "since": me.since,
        "specialization": ref(me.specialization) if me.specialization else None,
    }


def assessment_data(assessment: Any, met_at: int) -> dict:
    """A dated self-assessment with its totals: ``date``, ``role``, ``target``, ``total``, ``maximum``, ``met``, ``items``."""
    scores = [item.score for item in assessment.items]
    return {
        "date": assessment.date,
        "role": assessment.role,
        "background": assessment.background,
        "target": assessment.target,
        "total": sum(scores),
        "maximum": met_at * len(scores),
        "met": sum(1 for score in scores if score >= met_at),
        "items": [{"kind": item.kind, "text": item.text, "score": item.score} for item in assessment.items],
    }


def profile_document(me: Any, path: Any, today: date) -> Document:
    """``pmpath profile show``: the settings, the time at the level, the assessments, the file."""
    from ..questions.profile import MET, months_between

    return envelope(
        "profile", "Your profile", **me_data(me),
        months_at_level=months_between(me.since, today) if me.since else None,
        time_at_level=years_list(me.level.time_at_level) if me.level else [],
        assessments=[assessment_data(a, MET) for a in me.profile.assessments],
        file=str(path),
    )


def gap_document(answer: Any) -> Document:
    """``pmpath gap``: the answer field by field, the latest assessment with its totals."""
    from ..questions.profile import MET

    document = answer_document("gap", f"Gap to {answer.target.title}", answer)
    document["assessment"] = assessment_data(answer.assessment, MET)
    return document


def quiz_questions_document(kb: KnowledgeBase) -> Document:
    """``pmpath quiz --list``: every question with its answers, as in the knowledge base."""
    return envelope("quiz-questions", "Specialization quiz", questions=[_model_fields(q) for q in kb.quiz])


def quiz_document(result: Any) -> Document:
    """``pmpath quiz``: the answers given, then every specialization ranked by fit (best first)."""
    answers = [
        {"question": {"id": q.id, "kind": q.kind, "text": q.text}, "answer": {"id": o.id, "text": o.text}}
        for q, o in result.answers
    ]
    ranking = [
        {
            "specialization": ref(fit.specialization),
            "points": fit.points,
            "maximum": fit.maximum,
            "percent": fit.percent,
            "reasons": [
                {"question": r.question.id, "answer": r.option.id, "weight": r.weight, "text": r.text}
                for r in fit.reasons
            ],
        }
        for fit in result.ranking
    ]
    return envelope("quiz", "Specializations your answers match", answers=answers, ranking=ranking)


def plan_document(answer: Any, written: Iterable[tuple[str, str]] = ()) -> Document:
    """``pmpath plan``: the answer field by field (``me`` as the profile's settings), then the files written."""
    title = f"Plan: {answer.start.title} to {answer.goal.title}"
    document = answer_document("plan", title, answer)
    document["me"] = me_data(answer.me)
    document["written"] = [{"what": what, "path": where} for what, where in written]
    return document


def questionnaire_document(form: Any) -> Document:
    """``pmpath assess --list``: the items to score, numbered, for an answers file."""
    from ..questions.profile import SCALE

    title = f"Self-assessment: {form.current.title} to {form.target.title}"
    return answer_document("questionnaire", title, form, scale={str(k): v for k, v in SCALE.items()})


def assessment_saved_document(form: Any, assessment: Any, path: Any) -> Document:
    """``pmpath assess``: the assessment just saved, with its totals, and the profile file."""
    from ..questions.profile import MET

    return envelope("assessment", f"Your assessment against {form.target.title}", target=ref(form.target),
                    assessment=assessment_data(assessment, MET), file=str(path))
