"""Self-assessment against a target role, and the gap it leaves: pure functions.

What is assessed (:func:`questionnaire`): the criteria of the promotion into the
target, the promotion criteria of its track when the step belongs to one track,
then the target's responsibilities and skills; each item once, numbered from 1.
Each gets a score on :data:`pmpath.questions.profile.SCALE` (0 not yet ... 3 fully).

Duties that start after a promotion are never homework: when climbing to a higher
level, a responsibility of the target that the current level does not list is the
target's own work (a Senior PM does not "manage 3-8 PMs" before becoming a Group PM).
It is still rated, as a picture of the role, but :func:`gap` and the plan never list
it as something to work on before the step (:func:`starts_after_step`). Skills can be
built before the step, and criteria are what the step takes, so both stay.

How the gap is ordered (:func:`gap`), most important first:

1. the promotion's own criteria,
2. the track's promotion criteria,
3. responsibilities and skills that are new at the target (the current level does not list them),
4. responsibilities and skills the current level already lists;

within each group the lowest score comes first, then responsibilities before
skills, then the knowledge base's order. An item is met at score 3 ("fully").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import queries
from .problems import BadInput, EmptySection, NotAnEntry, TargetBelow, Unassessed
from .profile import MET, SCALE, Assessment, AssessedItem, Me, Profile
from ..kb.schema import Background, KnowledgeBase, Level, Promotion, Role, Statement, normalize_key

GROUPS: tuple[str, ...] = (
    "promotion criterion",
    "track criterion",
    "new at the target",
    "also asked at your level",
    "way in",
    "gap of your background",
    "skill to build",
)
"""The gap's groups (index = group number). 0-3 are a step up from a level, in priority order;
4-6 are moving in from a background (:func:`entry_questionnaire`), ranked 4, 5, then promotion
criteria (0), then 6."""

_RANK = {4: -2, 5: -1}

_KIND_ORDER = {"criterion": 0, "track-criterion": 0, "responsibility": 0, "skill": 1}


@dataclass(frozen=True)
class Item:
    """One thing to assess: a criterion, responsibility or skill of the target."""

    number: int
    kind: str
    statement: Statement
    group: int

    @property
    def text(self) -> str:
        return self.statement.text


@dataclass(frozen=True)
class Questionnaire:
    """Everything to assess against ``target`` from ``current``, in the order it is asked."""

    current: Level | Background
    target: Role
    promotion: Promotion | None
    items: tuple[Item, ...]


def _promotion_into(kb: KnowledgeBase, current: Level, target: Level, track: str | None) -> Promotion | None:
    """The promotion that leads into ``target``: from ``current`` if one does, else the likeliest one."""
    into = [p for p in kb.promotions if p.to == target.id]
    if not into:
        return None

    def preference(promotion: Promotion) -> tuple:
        start = queries.get_level(kb, promotion.from_)
        return (
            promotion.from_ != current.id,
            track is not None and track not in promotion.tracks,
            not set(start.tracks) & set(current.tracks),
            -start.band,
            into.index(promotion),
        )

    return min(into, key=preference)


def is_climb(current: Level, target: Role) -> bool:
    """Whether assessing ``current`` against ``target`` is a step up to another level."""
    return isinstance(target, Level) and target.id != current.id


def starts_after_step(kind: str, group: int) -> bool:
    """Whether an item of a step up is a duty that starts only once the step is made.

    A responsibility of the target that the current level does not list (group 2) is the
    target's own work: it cannot be met, or worked on, before the promotion.
    """
    return kind == "responsibility" and group == 2


def after_step_numbers(form: "Questionnaire") -> frozenset[int]:
    """The items of a step up that are duties of the target itself (:func:`starts_after_step`): asked for
    the record, left out of the score as :func:`gap` leaves them out."""
    if not (isinstance(form.current, Level) and is_climb(form.current, form.target)):
        return frozenset()
    return frozenset(item.number for item in form.items if starts_after_step(item.kind, item.group))


def entry_aims(kb: KnowledgeBase, background: Background) -> list[Level]:
    """The levels a background can move into: its first target, then its alternatives."""
    aims = sorted((t for t in background.targets if t.kind != "not-yet"), key=lambda t: t.kind != "first")
    return [queries.get_level(kb, t.role) for t in aims]


def check_entry(kb: KnowledgeBase, background: Background, target: Role) -> Level:
    """``target`` as a level someone from ``background`` can move into; :class:`NotAnEntry` otherwise."""
    aims = entry_aims(kb, background)
    if any(level.id == target.id for level in aims):
        return target  # type: ignore[return-value]  (a level: aims holds only levels)
    named = next((t for t in background.targets if t.role == target.id), None)
    ways = " or ".join(f"{level.title} ({level.id})" for level in aims)
    if named is not None:
        raise NotAnEntry(f"{target.title} ({target.id}) is too far for a first move from {background.title}; "
                         f"the knowledge base says to aim for {ways} first", background, target, aims, "not-yet")
    raise NotAnEntry(f"{target.title} ({target.id}) is not a way into product management from {background.title} "
                     f"in this knowledge base; it names {ways}", background, target, aims, "none")


def entry_questionnaire(kb: KnowledgeBase, background: Background, target: Role) -> Questionnaire:
    """What it takes to get into ``target`` from ``background``, for someone who has no PM level yet.

    Only what can be met before the step: the target's ways in (its ``how_to_get``) and the criteria
    of the promotions into it, each unless it is only for other routes or backgrounds
    (``only_for``: "finishing the APM program" is not for someone who is not in one); what the
    background usually lacks; the target's skills, to build. Never the target's duties: they start
    with the job. Raises :class:`NotAnEntry` when the target is not a way in for the background.
    """
    level = check_entry(kb, background, target)
    entries: list[tuple[str, Statement, int]] = [
        ("entry", item, 4) for item in level.how_to_get if item.holds_for(background)
    ]
    entries += [("background-gap", item, 5) for item in background.gaps]
    for promotion in (p for p in kb.promotions if p.to == level.id):
        entries += [("criterion", item, 0) for item in promotion.criteria if item.holds_for(background)]
    entries += [("skill", item, 6) for item in level.skills]
    return Questionnaire(background, level, None, _numbered(entries))


def _numbered(entries: list[tuple[str, Statement, int]]) -> tuple[Item, ...]:
    """Each statement once (by its normalized text), numbered from 1 in the order given."""
    seen: set[str] = set()
    out: list[Item] = []
    for kind, statement, group in entries:
        key = normalize_key(statement.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(Item(len(out) + 1, kind, statement, group))
    return tuple(out)


def questionnaire(kb: KnowledgeBase, current: Level | Background, target: Role, track: str | None = None) -> Questionnaire:
    """The items to assess against ``target`` for someone at ``current`` (or moving in from it, a background).

    Raises :class:`TargetBelow` when the target is a level below the current one.
    """
    if isinstance(current, Background):
        return entry_questionnaire(kb, current, target)
    if isinstance(target, Level) and target.band < current.band:
        raise TargetBelow(
            f"{target.title} ({target.id}) is below your level, {current.title}; "
            "assess yourself against your level or one above it",
            current, target,
        )
    climbing = is_climb(current, target)
    promotion = _promotion_into(kb, current, target, track) if climbing else None
    entries: list[tuple[str, Statement, int]] = []
    if promotion is not None:
        entries += [("criterion", item, 0) for item in promotion.criteria]
        if len(promotion.tracks) == 1:
            track_entry = queries.get_track(kb, promotion.tracks[0])
            if track_entry is not None:
                entries += [("track-criterion", item, 1) for item in track_entry.promotion_criteria]
    have = {normalize_key(item.text) for item in [*current.responsibilities, *current.skills]}
    for kind, items in (("responsibility", target.responsibilities), ("skill", target.skills)):
        entries += [(kind, item, 3 if normalize_key(item.text) in have else 2) for item in items]
    return Questionnaire(current, target, promotion, _numbered(entries))


def require_items(form: Questionnaire) -> Questionnaire:
    """The questionnaire, or :class:`EmptySection` when it has no item (a bare ladder gives no criteria or skills)."""
    if not form.items:
        target = form.target
        raise EmptySection(
            f"this knowledge base gives no criteria, responsibilities or skills for {target.title} ({target.id}), "
            "so there is nothing to assess against", "assessment",
        )
    return form


# ---------------------------------------------------------------- scores given on the command line or in a file


def check_score(value: object, where: str) -> int:
    """A score on the scale, or :class:`BadInput` naming ``where`` it came from."""
    if isinstance(value, bool) or not isinstance(value, int):
        text = str(value).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise BadInput(f"{where}: {value!r} is not a score; give a whole number from 0 to 3", details=[scale_text()])
        value = int(text)
    if not 0 <= value <= 3:
        raise BadInput(f"{where}: {value} is out of range; scores run from 0 to 3", details=[scale_text()])
    return value


def scale_text() -> str:
    return "scale: " + ", ".join(f"{score} {label}" for score, label in SCALE.items())


def scores_from_mapping(data: dict, count: int, locate) -> list[int]:
    """Scores from an answers file: item number -> score, every item exactly once.

    ``locate(key)`` says where a key is (``FILE:LINE:COLUMN``) for messages.
    """
    scores: dict[int, int] = {}
    for key, value in data.items():
        text = str(key).strip()
        if not text.isdigit() or not 1 <= int(text) <= count:
            raise BadInput(f"{locate(key)}: {key!r} is not an item number; items run from 1 to {count}", "score-items")
        scores[int(text)] = check_score(value, f"{locate(key)}: item {text}")
    missing = [n for n in range(1, count + 1) if n not in scores]
    if missing:
        shown = ", ".join(str(n) for n in missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise BadInput(f"{locate(None)}: no score for item{'s' if len(missing) != 1 else ''} {shown} (of {count})",
                       "every-score")
    return [scores[n] for n in range(1, count + 1)]


def record(form: Questionnaire, scores: list[int], today: date) -> Assessment:
    """The dated assessment to save in the profile."""
    if len(scores) != len(form.items):
        raise BadInput(f"{len(scores)} scores for {len(form.items)} items")
    moving_in = isinstance(form.current, Background)
    return Assessment(
        date=today.isoformat(),
        role=None if moving_in else form.current.id,
        background=form.current.id if moving_in else None,
        target=form.target.id,
        items=[AssessedItem(kind=item.kind, text=item.text, score=score) for item, score in zip(form.items, scores)],
    )


def add_assessment(profile: Profile, assessment: Assessment) -> Profile:
    """The profile with one more assessment (earlier ones are kept)."""
    return profile.model_copy(update={"assessments": [*profile.assessments, assessment]})


# ---------------------------------------------------------------- the gap


@dataclass(frozen=True)
class GapItem:
    """An assessed item placed in the gap: its group, score and previous score."""

    kind: str
    text: str
    score: int
    group: int
    previous: int | None
    position: int

    @property
    def met(self) -> bool:
        return self.score >= MET


@dataclass(frozen=True)
class Progress:
    """What changed between two assessments against the same target."""

    previous_date: str
    previous_total: int
    previous_maximum: int
    previous_met: int
    up: tuple[GapItem, ...]
    down: tuple[GapItem, ...]
    newly_met: tuple[GapItem, ...]


@dataclass(frozen=True)
class Gap:
    """Where the person stands against a target, from their latest assessment."""

    target: Role
    assessment: Assessment
    to_work_on: tuple[GapItem, ...]
    met: tuple[GapItem, ...]
    not_assessed: tuple[Item, ...]
    total: int
    maximum: int
    progress: Progress | None
    assessments_of_target: int
    after_step: tuple[GapItem, ...] = ()


def target_of_latest(profile: Profile) -> str | None:
    """The target of the latest assessment made at the person's current level (or, with no level yet,
    from their background), if any."""
    for assessment in reversed(profile.assessments):
        if profile.role is not None and assessment.role == profile.role:
            return assessment.target
        if profile.role is None and assessment.role is None and assessment.background == profile.background:
            return assessment.target
    return None


_KIND_GROUP = {"criterion": 0, "track-criterion": 1, "entry": 4, "background-gap": 5}


def _group(kb: KnowledgeBase, kind: str, text: str, role_id: str | None) -> int:
    if kind in _KIND_GROUP:
        return _KIND_GROUP[kind]
    if role_id is None:  # moving in from a background: a skill to build
        return 6
    level = next((l for l in kb.levels if l.id == role_id), None)
    if level is None:
        return 2
    have = {normalize_key(item.text) for item in [*level.responsibilities, *level.skills]}
    return 3 if normalize_key(text) in have else 2


def group_rank(group: int) -> int:
    """Where a group comes in the gap's order (see :data:`GROUPS`)."""
    return _RANK.get(group, group)


def priority(item: GapItem) -> tuple[int, int, int, int]:
    """The gap's order: group, then lowest score, then responsibilities before skills, then position."""
    return (group_rank(item.group), item.score, _KIND_ORDER.get(item.kind, 2), item.position)


def gap(kb: KnowledgeBase, me: Me, target: Role) -> Gap:
    """The gap to ``target`` from the person's latest assessment against it, and progress since the one before.

    Items that start only after the step (:func:`starts_after_step`) are neither to work on nor met,
    and left out of the score: they are ``after_step``.
    """
    if me.level is None and me.background is not None:
        check_entry(kb, me.background, target)  # moving in: only a way in has a gap
    history = [a for a in me.profile.assessments if a.target == target.id]
    if not history:
        others = sorted({a.target for a in me.profile.assessments})
        raise Unassessed(f"you have not assessed yourself against {target.title} ({target.id}) yet", target, others)
    latest = history[-1]
    previous = history[-2] if len(history) > 1 else None
    level: Level | Background | None = next((l for l in kb.levels if l.id == latest.role), None)
    if latest.role is None:
        level = next((b for b in kb.backgrounds if b.id == latest.background), None)
    current = level or me.start
    climbing = isinstance(current, Level) and is_climb(current, target)

    def counted(assessment: Assessment) -> list[AssessedItem]:
        return scored_items(kb, assessment, climbing)

    before = {normalize_key(item.text): item.score for item in counted(previous)} if previous else {}
    all_items = [
        GapItem(
            item.kind, item.text, item.score, _group(kb, item.kind, item.text, latest.role),
            before.get(normalize_key(item.text)), position,
        )
        for position, item in enumerate(latest.items)
    ]
    after = [i for i in all_items if climbing and starts_after_step(i.kind, i.group)]
    items = [i for i in all_items if i not in after]
    assessed = {normalize_key(item.text) for item in latest.items}
    current_items = _current_items(kb, me, current, target)
    not_assessed = tuple(item for item in current_items if normalize_key(item.text) not in assessed)
    progress = None
    if previous is not None:
        earlier = counted(previous)
        changed = [item for item in items if item.previous is not None and item.previous != item.score]
        progress = Progress(
            previous_date=previous.date,
            previous_total=sum(item.score for item in earlier),
            previous_maximum=MET * len(earlier),
            previous_met=sum(1 for item in earlier if item.score >= MET),
            up=tuple(sorted((i for i in changed if i.score > i.previous), key=priority)),
            down=tuple(sorted((i for i in changed if i.score < i.previous), key=priority)),
            newly_met=tuple(sorted((i for i in changed if i.met), key=priority)),
        )
    return Gap(
        target=target,
        assessment=latest,
        to_work_on=tuple(sorted((i for i in items if not i.met), key=priority)),
        met=tuple(sorted((i for i in items if i.met), key=priority)),
        not_assessed=not_assessed,
        total=sum(item.score for item in items),
        maximum=MET * len(items),
        progress=progress,
        assessments_of_target=len(history),
        after_step=tuple(after),
    )


def scored_items(kb: KnowledgeBase, assessment: Assessment, climbing: bool | None = None) -> list[AssessedItem]:
    """The items of an assessment that count toward its score: without the duties of the target itself on a
    step up (:func:`starts_after_step`), which start with the promotion. The one rule for gap, assess and profile."""
    if climbing is None:
        level = next((l for l in kb.levels if l.id == assessment.role), None)
        target = next((l for l in kb.levels if l.id == assessment.target), None)  # a specialization: no step up
        climbing = level is not None and target is not None and is_climb(level, target)
    return [i for i in assessment.items
            if not (climbing and starts_after_step(i.kind, _group(kb, i.kind, i.text, assessment.role)))]


def _current_items(kb: KnowledgeBase, me: Me, current: Level | Background, target: Role) -> tuple[Item, ...]:
    try:
        return questionnaire(kb, current, target, me.track.id if me.track else None).items
    except NotAnEntry:  # the knowledge base no longer gives the target as a way in: nothing new to list
        return ()
