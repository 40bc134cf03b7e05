"""Typed problems: why a question has no answer, with the facts, and no words for a command line.

A question raises one of these; the command line (:mod:`pmpath.cli.errors`) turns it into a
message, hints that name commands, and an exit code. ``message`` says what is wrong in plain
words; the attributes carry what a caller needs to say more (the closest names, the roles
involved, why there is no route).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence


class Problem(Exception):
    """A question that cannot be answered as asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LookupProblem(Problem):
    """A name that does not pick out exactly one entry of kind ``what`` (``role``, ``track``, ``background``...)."""

    def __init__(self, query: str, message: str, suggestions: Sequence[str], what: str = "role"):
        super().__init__(message)
        self.query = query
        self.suggestions = list(suggestions)
        self.what = what


class NotFound(LookupProblem):
    """No entry answers to the name; ``suggestions`` are the closest ids."""


class Ambiguous(LookupProblem):
    """Several entries answer to the name; ``suggestions`` are the candidates."""


class NoAnswer(Problem):
    """The knowledge base has no answer to the question."""


class EmptySection(NoAnswer):
    """The knowledge base has nothing in the sections the question needs (``section``)."""

    def __init__(self, message: str, section: str):
        super().__init__(message)
        self.section = section


class NotALevel(NoAnswer):
    """A route was asked from or to a specialization, which no promotion leads to or from.

    ``question``: ``path`` (a route), or ``map`` (a level of a company ladder was asked for and
    ``role`` is a specialization or a level of the reference ladder itself).
    """

    def __init__(self, message: str, role: Any, question: str = "path"):
        super().__init__(message)
        self.role = role
        self.question = question


class NoEquivalents(NoAnswer):
    """A ladder to map has nothing to map: ``side`` (``ours`` or ``theirs``) names which, ``ladder`` its name.

    ``why``: ``reference`` (it is the built-in reference ladder itself) or ``none`` (no level of it
    names an ``equivalent``; ``example``: one of its levels, to show where the field goes).
    """

    def __init__(self, message: str, ladder: str, side: str, why: str, example: Any = None):
        super().__init__(message)
        self.ladder, self.side, self.why, self.example = ladder, side, why, example


class SameRole(NoAnswer):
    """Both names mean the same role (``question``: ``path`` or ``compare``)."""

    def __init__(self, message: str, role: Any, question: str):
        super().__init__(message)
        self.role = role
        self.question = question


class NoRoute(NoAnswer):
    """No chain of promotions leads from ``start`` to ``goal``; ``why``: ``below``, ``same-band`` or ``apart``."""

    def __init__(self, message: str, start: Any, goal: Any, why: str):
        super().__init__(message)
        self.start, self.goal, self.why = start, goal, why


class PromotionCycle(NoAnswer):
    """The promotions between two levels form a cycle (``cycle``: level ids, the first repeated at the end).

    Validation refuses such a knowledge base; only one built from Python without it can get here.
    """

    def __init__(self, message: str, cycle: Sequence[str]):
        super().__init__(message)
        self.cycle = list(cycle)


class NothingMatches(NoAnswer):
    """A filter found nothing in ``section``: ``query`` as given, ``close`` the nearest words the knowledge base has.

    ``role``: the role the query named, when it named one.
    """

    def __init__(self, message: str, section: str, query: str, close: Sequence[str] = (), role: Any = None):
        super().__init__(message)
        self.section, self.query, self.close, self.role = section, query, list(close), role


class TargetBelow(NoAnswer):
    """The target is a level below ``current``."""

    def __init__(self, message: str, current: Any, target: Any):
        super().__init__(message)
        self.current, self.target = current, target


class Unassessed(NoAnswer):
    """No assessment against ``target`` yet; ``others``: the targets there are assessments against."""

    def __init__(self, message: str, target: Any, others: Sequence[str] = ()):
        super().__init__(message)
        self.target, self.others = target, list(others)


class BadInput(Problem):
    """A value given to a question is not usable (a score, an answer, a month, a setting).

    ``topic`` names what was being given (``scores``, ``quiz-answers``, ``profile``...), so a caller can
    point at where to look; ``example`` is a value that would be right, when there is one.
    """

    def __init__(self, message: str, topic: str = "", example: Optional[str] = None, details: Sequence[str] = ()):
        super().__init__(message)
        self.topic, self.example, self.details = topic, example, list(details)


class WrongKind(BadInput):
    """``role`` is a level where a specialization was asked for, or the other way round (``wanted``)."""

    def __init__(self, message: str, role: Any, wanted: str):
        super().__init__(message, topic="profile-" + wanted)
        self.role, self.wanted = role, wanted


class NoSingleNext(NoAnswer):
    """There is no one next level above ``level``: ``why`` is ``fork`` (``steps``: the choices), ``track-top``
    (``steps``: the levels on other tracks; ``track``: the track it tops) or ``top``."""

    def __init__(self, message: str, level: Any, why: str, steps: Sequence[Any] = (), track: Optional[str] = None):
        super().__init__(message)
        self.level, self.why, self.steps, self.track = level, why, list(steps), track


class ProfileMismatch(NoAnswer):
    """The stored profile names something this knowledge base does not have; ``field`` says which key."""

    def __init__(self, field: tuple, message: str):
        super().__init__(message)
        self.field = field


class NoLevel(NoAnswer):
    """A question that starts from the person's level (``question``: ``next``, ``path``...), asked of a profile
    with a background and no level yet: someone moving into product management from ``background``."""

    def __init__(self, message: str, background: Any, question: str):
        super().__init__(message)
        self.background, self.question = background, question


class NotAnEntry(NoAnswer):
    """Someone moving in from ``background`` asked about ``target``, a level the knowledge base does not give as a
    way in for that background (``aims``: the levels it does give, first first; ``why``: ``not-yet`` when the
    background names the target as too far for a first move, else ``none``)."""

    def __init__(self, message: str, background: Any, target: Any, aims: Sequence[Any], why: str):
        super().__init__(message)
        self.background, self.target, self.aims, self.why = background, target, list(aims), why
