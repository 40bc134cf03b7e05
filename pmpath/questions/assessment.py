"""Self-assessment against a target role, and the gap it leaves: pure functions.

What is assessed (:func:`questionnaire`): the criteria of the promotion into the
target, the promotion criteria of its track when the step belongs to one track,
then the target's responsibilities and skills; each item once, numbered from 1.
Each gets a score on :data:`pmpath.questions.profile.SCALE` (0 not yet ... 3 fully).

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
from .problems import BadInput, EmptySection, TargetBelow, Unassessed
from .profile import MET, SCALE, Assessment, AssessedItem, Me, Profile
from ..kb.schema import KnowledgeBase, Level, Promotion, Role, Statement, normalize_key

GROUPS: tuple[str, ...] = (
    "promotion criterion",
    "track criterion",
    "new at the target",
    "also asked at your level",
)
"""The gap's priority groups, most important first (index = group number)."""

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

    current: Level
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


def questionnaire(kb: KnowledgeBase, current: Level, target: Role, track: str | None = None) -> Questionnaire:
    """The items to assess against ``target`` for someone at ``current``.

    Raises :class:`TargetBelow` when the target is a level below the current one.
    """
    if isinstance(target, Level) and target.band < current.band:
        raise TargetBelow(
            f"{target.title} ({target.id}) is below your level, {current.title}; "
            "assess yourself against your level or one above it",
            current, target,
        )
    climbing = isinstance(target, Level) and target.id != current.id
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
    seen: set[str] = set()
    out: list[Item] = []
    for kind, statement, group in entries:
        key = normalize_key(statement.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(Item(len(out) + 1, kind, statement, group))
    return Questionnaire(current, target, promotion, tuple(out))


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
    return Assessment(
        date=today.isoformat(),
        role=form.current.id,
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


def target_of_latest(profile: Profile) -> str | None:
    """The target of the latest assessment made at the person's current level, if any."""
    for assessment in reversed(profile.assessments):
        if assessment.role == profile.role:
            return assessment.target
    return None


def _group(kb: KnowledgeBase, kind: str, text: str, role_id: str) -> int:
    if kind == "criterion":
        return 0
    if kind == "track-criterion":
        return 1
    level = next((l for l in kb.levels if l.id == role_id), None)
    if level is None:
        return 2
    have = {normalize_key(item.text) for item in [*level.responsibilities, *level.skills]}
    return 3 if normalize_key(text) in have else 2


def priority(item: GapItem) -> tuple[int, int, int, int]:
    """The gap's order: group, then lowest score, then responsibilities before skills, then position."""
    return (item.group, item.score, _KIND_ORDER.get(item.kind, 2), item.position)


def gap(kb: KnowledgeBase, me: Me, target: Role) -> Gap:
    """The gap to ``target`` from the person's latest assessment against it, and progress since the one before."""
    history = [a for a in me.profile.assessments if a.target == target.id]
    if not history:
        others = sorted({a.target for a in me.profile.assessments})
        raise Unassessed(f"you have not assessed yourself against {target.title} ({target.id}) yet", target, others)
    latest = history[-1]
    previous = history[-2] if len(history) > 1 else None
    before = {normalize_key(item.text): item.score for item in previous.items} if previous else {}
    items = [
        GapItem(
            item.kind, item.text, item.score, _group(kb, item.kind, item.text, latest.role),
            before.get(normalize_key(item.text)), position,
        )
        for position, item in enumerate(latest.items)
    ]
    assessed = {normalize_key(item.text) for item in latest.items}
    level = next((l for l in kb.levels if l.id == latest.role), me.level)
    current_items = questionnaire(kb, level, target, me.track.id if me.track else None).items
    not_assessed = tuple(item for item in current_items if normalize_key(item.text) not in assessed)
    progress = None
    if previous is not None:
        changed = [item for item in items if item.previous is not None and item.previous != item.score]
        progress = Progress(
            previous_date=previous.date,
            previous_total=sum(item.score for item in previous.items),
            previous_maximum=MET * len(previous.items),
            previous_met=sum(1 for item in previous.items if item.score >= MET),
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
    )
