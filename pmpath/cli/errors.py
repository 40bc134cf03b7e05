"""Typed problems -> what the command line says: a message, hints that name commands, an exit code.

The questions raise :mod:`pmpath.questions.problems` with the facts; this is the one place that
knows which command a user should run next, and which exit code each kind of problem has.
"""

from __future__ import annotations

from functools import singledispatch

from ..questions import problems as P
from .status import ExitStatus
from .usage import CommandProblem

LISTING = {
    "role": "run 'pmpath show' with no role to list every role",
    "track": "run 'pmpath tracks' to see the tracks",
    "background": "run 'pmpath break-in' to list the backgrounds",
    "resource": "run 'pmpath resources' to list them",
    "skill": "run 'pmpath resources' to list them",
}


@singledispatch
def explain(problem: P.Problem) -> tuple[str, list[str], int]:
    """``(message, hints, exit status)`` for a problem."""
    return problem.message, [], ExitStatus.NOT_FOUND


@explain.register
def _(problem: CommandProblem) -> tuple[str, list[str], int]:
    """The command line's own problems come in words already."""
    return problem.message, problem.hints, problem.status


@explain.register
def _(problem: P.LookupProblem) -> tuple[str, list[str], int]:
    hints = []
    if problem.suggestions:
        names = ", ".join(problem.suggestions)
        hints.append(f"candidates: {names}" if isinstance(problem, P.Ambiguous) else f"did you mean {names}?")
    hints.append(LISTING.get(problem.what, f"run 'pmpath search {problem.query}' to look everywhere"))
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.NotALevel) -> tuple[str, list[str], int]:
    role = problem.role
    if problem.question == "map":
        return problem.message, [
            "give a level of your own ladder, or none to map them all; 'pmpath --kb PATH levels' lists them",
        ], ExitStatus.NOT_FOUND
    return problem.message, [
        "use levels for FROM and TO, e.g. 'pmpath path pm senior-pm'; 'pmpath levels' lists them",
        f"'pmpath next {role.id}' shows how people grow within {role.title}",
    ], ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.NoEquivalents) -> tuple[str, list[str], int]:
    option = "--kb" if problem.side == "ours" else "--to"
    if problem.why == "reference":
        hints = [f"give a company ladder with {option}, e.g. 'pmpath --kb examples/lanternfish-labs.yaml map'"
                 if problem.side == "ours" else
                 "give another company's ladder with --to, e.g. --to examples/kestrel-works.yaml"]
    else:
        hints = [
            f"add 'equivalent: ID' to each level of the ladder given with {option} that matches a level of the "
            "reference ladder, e.g. 'equivalent: senior-pm'",
            "'pmpath levels' (without --kb) lists the reference ladder's ids; docs/knowledge-base.md explains the field",
        ]
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.SameRole) -> tuple[str, list[str], int]:
    role = problem.role
    hint = f"'pmpath show {role.id}' shows its full card" if problem.question == "compare" else \
        f"'pmpath next {role.id}' shows the next step up"
    return problem.message, [hint], ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.NoRoute) -> tuple[str, list[str], int]:
    start, goal = problem.start, problem.goal
    leads = f"'pmpath next {start.id}' shows where {start.title} leads"
    if problem.why == "below":
        hints = [f"swap them: 'pmpath path {goal.id} {start.id}'", leads]
    elif problem.why == "same-band":
        hints = [f"'pmpath compare {start.id} {goal.id}' sets them side by side",
                 f"'pmpath alternatives {start.id}' lists lateral moves"]
    else:
        hints = [leads]
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.PromotionCycle) -> tuple[str, list[str], int]:
    return problem.message, ["'pmpath validate' lists every problem of the knowledge base"], ExitStatus.INVALID_KB


@explain.register
def _(problem: P.NothingMatches) -> tuple[str, list[str], int]:
    hints = [f"did you mean {', '.join(problem.close)}?"] if problem.close else []
    query = problem.query.strip()
    if problem.section == "search":
        if not hints and not any(c.isalnum() for c in query):
            hints = ["try a word such as 'SQL' or 'roadmap'"]
        return problem.message, hints, ExitStatus.NOT_FOUND
    if problem.section == "specializations":
        if not query:
            return problem.message, ["e.g. --skill SQL or --metric retention"], ExitStatus.NOT_FOUND
        hints += ["'pmpath specializations' lists them all", f"'pmpath search {query}' searches every entry"]
    elif problem.section == "resources":
        if not any(c.isalnum() for c in query):
            return problem.message, ["e.g. 'pmpath resources SQL'"], ExitStatus.NOT_FOUND
        listing = "every resource and skill" if problem.role is not None else "every resource"
        hints += [f"'pmpath resources' lists {listing}", f"'pmpath search {query}' searches every entry"]
    return problem.message, hints, ExitStatus.NOT_FOUND


# A section a ladder can bring from the built-in knowledge base without its levels: the sections to add, and
# the ``take:`` list that brings pmpath's own (docs/knowledge-base.md, "Taking some of it, removing entries").
_TAKEABLE = {
    "specializations": (("specializations",), "specializations"),
    "alternatives": (("alternatives",), "alternatives"),
    "break-in": (("backgrounds", "entry_routes", "break_in_tips"), "backgrounds and entry routes"),
    "resources": (("resources", "future_skills"), "resources and future-proof skills"),
}


@explain.register
def _(problem: P.EmptySection) -> tuple[str, list[str], int]:
    if problem.section in _TAKEABLE:
        sections, what = _TAKEABLE[problem.section]
        named = " or ".join(f"'{s}:'" for s in sections)
        return problem.message, [
            f"add {named} to the ladder (docs/knowledge-base.md describes the fields)",
            f"or add 'extends: builtin' with 'take: [{', '.join(sections)}]': pmpath's own {what}, "
            "not its levels (docs/knowledge-base.md, \"Taking some of it\")",
            f"'pmpath {problem.section}' without --kb shows pmpath's own",
        ], ExitStatus.NOT_FOUND
    if problem.section == "assessment":
        return problem.message, [
            "add 'criteria' to the promotion into the level, or 'responsibilities' and 'skills' to the level, "
            "in the ladder given with --kb",
        ], ExitStatus.NOT_FOUND
    return problem.message, [], ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.TargetBelow) -> tuple[str, list[str], int]:
    return problem.message, ["e.g. --target " + problem.current.id], ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.Unassessed) -> tuple[str, list[str], int]:
    hints = [f"assess yourself first: pmpath assess --target {problem.target.id}"]
    if problem.others:
        hints.append("you have assessments against: " + ", ".join(problem.others))
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.BadInput) -> tuple[str, list[str], int]:
    details = list(problem.details)
    if problem.topic == "track" and details:
        details = [f"did you mean {', '.join(details)}?"]
    hints = details + [TOPIC_HINTS[problem.topic]] if problem.topic in TOPIC_HINTS else details
    message = f"--since: {problem.message}" if problem.topic in ("since", "since-level") else problem.message
    return message, hints, ExitStatus.USAGE


@explain.register
def _(problem: P.WrongKind) -> tuple[str, list[str], int]:
    role = problem.role
    if problem.wanted == "level":
        hints = [f"set it with '--specialization {role.id}' and give your level with --role (e.g. --role pm)",
                 "'pmpath levels' lists the levels"]
    else:
        hints = [f"set your level with '--role {role.id}'", "'pmpath show' lists the specializations"]
    return problem.message, hints, ExitStatus.USAGE


@explain.register
def _(problem: P.NoSingleNext) -> tuple[str, list[str], int]:
    if problem.why == "fork":
        first = problem.steps[0]
        hints = ["give one with --target, e.g. --target " + first.target.id,
                 "or set your track once: pmpath profile set --track " + first.tracks[0]]
    elif problem.why == "track-top":
        hints = ["give the level with --target, e.g. --target " + problem.steps[0].target.id]
    else:
        hints = ["give a role with --target to assess yourself against it"]
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.ProfileMismatch) -> tuple[str, list[str], int]:
    if problem.field == ("since",):
        hints = ["set the month you started at your level: pmpath profile set --since YYYY-MM"]
    else:
        hints = ["set it again with 'pmpath profile set', or use the knowledge base the profile was made with"]
    return problem.message, hints, ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.NoLevel) -> tuple[str, list[str], int]:
    background = problem.background
    return problem.message, [
        f"give a level to start from, e.g. 'pmpath next pm' or 'pmpath path pm senior-pm'; the ways in: "
        f"pmpath break-in --from {background.id}",
        "once you have a PM role, add it to your profile: pmpath profile set --role pm",
    ], ExitStatus.NOT_FOUND


@explain.register
def _(problem: P.NotAnEntry) -> tuple[str, list[str], int]:
    first = problem.aims[0]
    hints = [f"aim for the way in first: --target {first.id}"]
    if problem.why == "not-yet":
        hints.append(f"'pmpath break-in --from {problem.background.id}' says why, and what to aim for")
    else:
        hints.append(f"'pmpath break-in --from {problem.background.id}' lists the levels to aim for")
    return problem.message, hints, ExitStatus.NOT_FOUND


TOPIC_HINTS = {
    "quiz-answers": "answer every question; 'pmpath quiz --list' shows them with their answers",
    "scores": "give one score per item, in order; 'pmpath assess --list' shows the items",
    "score-items": "'pmpath assess --list' shows the items and their numbers",
    "every-score": "give every item a score; 'pmpath assess --list' shows the items",
    "profile-set": "e.g. pmpath profile set --role pm --since 2024-03, or moving into PM: pmpath profile set --from engineering",
    "profile-background": "to start over, use 'pmpath profile reset'; to set a level instead, give --role",
    "since-level": "set your level with it once you have one: pmpath profile set --role pm --since YYYY-MM",
    "profile-reset": "use 'pmpath profile reset' to start over",
    "profile-level": "'pmpath levels' lists the levels",
}
