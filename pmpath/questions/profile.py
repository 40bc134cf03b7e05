"""The person using pmpath: their level or background, track, start month, specialization and self-assessments.

This module is pure: the :class:`Profile` model (what ``profile.yaml`` holds), the
rules for changing it (``pmpath profile set``) and for reading it against a
knowledge base. Files are :mod:`pmpath.store`'s concern; terminals the CLI's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from . import queries
from .clock import year_problem
from .problems import BadInput, NoLevel, NoSingleNext, ProfileMismatch, WrongKind  # noqa: F401  (ProfileMismatch: raised here)
from ..kb.schema import ID_PATTERN, Background, KnowledgeBase, Level, Specialization, Track, _check_text

PROFILE_FORMAT = 2
"""The newest version of the profile file this pmpath reads and writes.

Format 1 has a level (``role``) and no background. Format 2 adds ``background`` (where a
person moving into product management comes from), with or without a level. A profile
is written in the lowest format that can hold it (:meth:`Profile.lowest_format`), so a
profile without a background stays readable by a pmpath that knows only format 1.
"""

SCALE: dict[int, str] = {0: "not yet", 1: "partly", 2: "mostly", 3: "fully"}
"""The self-assessment scale: how well the person meets an item today."""

MET = 3
"""The score at which an item counts as met ("fully")."""

CLEAR = "none"
"""The value that clears an optional setting: ``pmpath profile set --track none``."""

ProfileId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]

ItemKind = Literal["criterion", "track-criterion", "responsibility", "skill", "entry", "background-gap"]
ITEM_KINDS: dict[str, str] = {
    "criterion": "promotion criterion",
    "track-criterion": "track criterion",
    "responsibility": "responsibility",
    "skill": "skill",
    "entry": "way in",
    "background-gap": "gap of your background",
}
ITEM_KINDS_PLURAL: dict[str, str] = {
    "criterion": "promotion criteria",
    "track-criterion": "track criteria",
    "responsibility": "responsibilities",
    "skill": "skills",
    "entry": "ways in",
    "background-gap": "gaps of your background",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AssessedItem(_Strict):
    """One answer of a self-assessment: what was assessed and how well it is met (0-3)."""

    kind: ItemKind = Field(description="criterion, track-criterion, responsibility or skill.")
    text: str = Field(min_length=1, max_length=4000, description="The item as the knowledge base words it.")
    score: int = Field(ge=0, le=3, strict=True, description="0 not yet, 1 partly, 2 mostly, 3 fully.")

    @field_validator("text")
    @classmethod
    def _printable(cls, value: str) -> str:
        # A hand-edited profile must not smuggle escape codes into the terminal.
        try:
            return _check_text(value)
        except ValueError as problem:
            raise ValueError(str(problem).replace("knowledge-base text", "profile text")) from None


class Assessment(_Strict):
    """A dated self-assessment against one target role, made at a level or from a background."""

    date: str = Field(description="When it was made, YYYY-MM-DD.")
    role: ProfileId | None = Field(default=None, description="The level the person was at.")
    background: ProfileId | None = Field(
        default=None, description="The background the person was moving in from, when they had no level yet."
    )
    target: ProfileId = Field(description="The role assessed against.")
    items: list[AssessedItem] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _real_day(cls, value: str) -> str:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{value!r} is not a day written YYYY-MM-DD")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar") from None
        out_of_range = year_problem(int(value[:4]))
        if out_of_range:
            raise ValueError(f"{value!r} {out_of_range}")
        return value

    @model_validator(mode="after")
    def _from_somewhere(self) -> "Assessment":
        if self.role is None and self.background is None:
            raise ValueError("an assessment needs 'role' (the level it was made at) or 'background'")
        return self


class Profile(_Strict):
    """What ``profile.yaml`` holds."""

    format: Literal[1, 2] = Field(description="1, or 2 once there is a background (see PROFILE_FORMAT).")
    role: ProfileId | None = Field(
        default=None, description="The person's level, a level id of the knowledge base; none yet when moving in."
    )
    background: ProfileId | None = Field(
        default=None,
        description="Where the person comes from into product management, a background id (format 2).",
    )
    track: ProfileId | None = Field(default=None, description="The track they aim along: ic or manager.")
    since: str | None = Field(default=None, description="The month they started at the level, YYYY-MM.")
    specialization: ProfileId | None = Field(default=None, description="A specialization id.")
    assessments: list[Assessment] = Field(default_factory=list, description="Oldest first.")

    @field_validator("since")
    @classmethod
    def _real_month(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not re.fullmatch(r"\d{4}-\d{2}", value):
            raise ValueError(f"{value!r} is not a month written YYYY-MM (e.g. 2024-03)")
        if not 1 <= int(value[5:]) <= 12:
            raise ValueError(f"{value!r} has no month {value[5:]}; months run from 01 to 12")
        out_of_range = year_problem(int(value[:4]))
        if out_of_range:
            raise ValueError(f"{value!r} {out_of_range}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _format_by_content(cls, data: object) -> object:
        """Without a ``format``, the lowest that holds the profile: 2 with a background, else 1."""
        if isinstance(data, dict) and "format" not in data:
            assessments = data.get("assessments") or []
            moving_in = any(isinstance(a, dict) and (a.get("background") or not a.get("role")) for a in assessments) or any(
                isinstance(a, Assessment) and (a.background or not a.role) for a in assessments
            )
            data = {**data, "format": 2 if data.get("background") or not data.get("role") or moving_in else 1}
        return data

    @model_validator(mode="after")
    def _level_or_background(self) -> "Profile":
        if self.role is None and self.background is None:
            raise ValueError("a profile needs 'role' (your level) or 'background' (where you come from)")
        if self.format == 1 and self.lowest_format() > 1:
            raise ValueError("'background' needs 'format: 2' (format 1 profiles have a level and no background)")
        if self.role is None and self.since is not None:
            raise ValueError("'since' is the month you started at your level, and there is no 'role'")
        return self

    def lowest_format(self) -> int:
        """The oldest profile format that can hold this profile: 2 once a background is in it, else 1."""
        if self.background is not None or self.role is None:
            return 2
        return 2 if any(a.background is not None or a.role is None for a in self.assessments) else 1


# ---------------------------------------------------------------- months

def parse_month(text: str, today: date) -> str:
    """``YYYY-MM``, checked by the rules ``pmpath path --since`` uses, and not after ``today``'s month.

    Raises :class:`~pmpath.questions.problems.BadInput` saying what is wrong.
    """
    from .navigate import YearMonth, parse_year_month

    try:
        month = parse_year_month(text, date.max)  # the format rules; the future is checked below
    except ValueError as problem:
        raise BadInput(str(problem), topic="month") from None
    now = YearMonth(today.year, today.month)
    if month > now:
        raise BadInput(
            f"{month} is in the future; give the month you started at your current level (at most {now})", topic="month"
        )
    return str(month)


def months_between(since: str, today: date) -> int:
    """Whole months from a ``YYYY-MM`` month to ``today``'s month."""
    year, month = int(since[:4]), int(since[5:7])
    return (today.year - year) * 12 + today.month - month


def duration_text(months: int) -> str:
    """``1 year 3 months``, ``5 months``, ``less than a month``."""
    if months <= 0:
        return "less than a month"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


# ---------------------------------------------------------------- changing the profile


@dataclass(frozen=True)
class Change:
    """The result of ``profile set``: the new profile and what changed, in words."""

    profile: Profile
    changes: tuple[str, ...]


def _level(kb: KnowledgeBase, name: str) -> Level:
    role = queries.resolve(kb, name)
    if not isinstance(role, Level):
        raise WrongKind(f"{role.title} ({role.id}) is a specialization, not a level", role, "level")
    return role


def _specialization(kb: KnowledgeBase, name: str) -> Specialization:
    role = queries.resolve(kb, name)
    if not isinstance(role, Specialization):
        raise WrongKind(f"{role.title} ({role.id}) is a level, not a specialization", role, "specialization")
    return role


def _track(kb: KnowledgeBase, name: str) -> Track:
    try:
        return queries.find_track(kb, name)
    except queries.NotFound as problem:
        raise BadInput(problem.message, topic="track", details=problem.suggestions) from None


def _background(kb: KnowledgeBase, name: str) -> Background:
    from .catalogue import find_entry

    return find_entry(kb.backgrounds, name, "background")


def apply_settings(
    kb: KnowledgeBase,
    current: Profile | None,
    today: date,
    role: str | None = None,
    track: str | None = None,
    since: str | None = None,
    specialization: str | None = None,
    background: str | None = None,
) -> Change:
    """The profile after ``pmpath profile set``: only the given settings change.

    Names are resolved like everywhere else (ids, aliases, titles). ``none``
    clears an optional setting. Changing the level without ``since`` clears the
    start month, which belonged to the old level. Assessments are always kept.

    A profile has a level, a background (where the person moves into product
    management from), or both: someone who came from engineering and is now a PM
    keeps both; someone still moving in has only the background, and no level
    (``--role none`` clears it, and with it the start month).
    """
    clears_role = role is not None and role.strip().lower() == CLEAR
    clears_background = background is not None and background.strip().lower() == CLEAR
    if current is None and (role is None or clears_role) and (background is None or clears_background):
        raise BadInput("there is no profile yet, so --role (your level) or --from (your background) is needed",
                       topic="profile-set")
    values = current.model_dump() if current is not None else {"assessments": []}
    values.pop("format", None)  # the lowest format that holds the new profile
    changes: list[str] = []

    def put(key: str, value: str | None, label: str) -> None:
        if values.get(key) != value:
            values[key] = value
            changes.append(f"{label}: {value if value is not None else 'cleared'}")

    if background is not None:
        put("background", None if clears_background else _background(kb, background).id, "background")
    if clears_role:
        if values.get("background") is None:
            raise BadInput("the level cannot be cleared: a profile needs a level or a background", topic="profile-reset")
        if values.get("since") is not None and since is None:
            changes.append(f"start month {values['since']} cleared: it was the start at {values.get('role')}")
            values["since"] = None
        put("role", None, "level")
    elif role is not None:
        level = _level(kb, role)
        if current is not None and current.role != level.id and since is None and current.since:
            changes.append(f"start month {current.since} cleared: it was the start at {current.role}")
            values["since"] = None
        put("role", level.id, "level")
    if values.get("role") is None and values.get("background") is None:
        raise BadInput("the background cannot be cleared: a profile needs a level or a background",
                       topic="profile-background")
    if track is not None:
        put("track", None if track.strip().lower() == CLEAR else _track(kb, track).id, "track")
    if since is not None:
        try:
            month = None if since.strip().lower() == CLEAR else parse_month(since, today)
        except BadInput as problem:
            raise BadInput(problem.message, topic="since") from None
        if month is not None and values.get("role") is None:
            raise BadInput("the month you started at your level needs a level, and your profile has none yet",
                           topic="since-level")
        put("since", month, "started")
    if specialization is not None:
        value = None if specialization.strip().lower() == CLEAR else _specialization(kb, specialization).id
        put("specialization", value, "specialization")
    return Change(Profile.model_validate(values), tuple(changes))


# ---------------------------------------------------------------- the profile read against a knowledge base


@dataclass(frozen=True)
class Me:
    """The profile with its ids resolved in a knowledge base.

    ``level`` is None for someone moving into product management who has no level yet;
    ``background`` is where they come from (None when the profile does not say).
    """

    profile: Profile
    level: Level | None
    track: Track | None
    specialization: Specialization | None
    background: Background | None = None

    @property
    def since(self) -> str | None:
        return self.profile.since

    @property
    def start(self) -> "Level | Background":
        """Where the person stands: their level, else the background they move in from."""
        return self.level if self.level is not None else self.background  # type: ignore[return-value]

    def need_level(self, question: str) -> Level:
        """The person's level, or :class:`NoLevel` for a question (``next``, ``path``) that needs one."""
        if self.level is None:
            raise NoLevel(f"{question} starts from your level, and your profile has none yet: you are moving into "
                          f"product management from {self.background.title}", self.background, question)
        return self.level


def resolve_profile(kb: KnowledgeBase, profile: Profile, today: date | None = None) -> Me:
    """Look the profile's ids up; :class:`ProfileMismatch` when one is not in this knowledge base.

    A start month after ``today``'s (possible only by editing the file) is a mismatch too.
    """
    today = today or date.today()
    if profile.since is not None and profile.since > f"{today.year:04d}-{today.month:02d}":
        raise ProfileMismatch(("since",), f"your start month {profile.since} is in the future")
    level = None
    if profile.role is not None:
        level = next((l for l in kb.levels if l.id == profile.role), None)
        if level is None:
            raise ProfileMismatch(("role",), f"your level {profile.role!r} is not a level in this knowledge base")
    background = None
    if profile.background is not None:
        background = next((b for b in kb.backgrounds if b.id == profile.background), None)
        if background is None:
            raise ProfileMismatch(
                ("background",), f"your background {profile.background!r} is not a background in this knowledge base"
            )
    track = None
    if profile.track is not None:
        track = queries.get_track(kb, profile.track)
        if track is None:
            raise ProfileMismatch(("track",), f"your track {profile.track!r} is not in this knowledge base")
    specialization = None
    if profile.specialization is not None:
        specialization = next((s for s in kb.specializations if s.id == profile.specialization), None)
        if specialization is None:
            raise ProfileMismatch(
                ("specialization",),
                f"your specialization {profile.specialization!r} is not in this knowledge base",
            )
    return Me(profile, level, track, specialization, background)


def first_level(kb: KnowledgeBase, background: Background) -> Level:
    """The level a background aims for first (every background names exactly one)."""
    first = next(t for t in background.targets if t.kind == "first")
    return queries.get_level(kb, first.role)


def default_target(kb: KnowledgeBase, me: Me) -> Level:
    """The next level up from the person's level, on their track where the ladder forks.

    Raises :class:`~pmpath.questions.problems.NoSingleNext` when there is no single next level: at a fork with no
    track set, or at the top of the ladder. Someone with a background and no level yet aims at
    the level the knowledge base names first for that background.
    """
    if me.level is None:
        return first_level(kb, me.background)
    track = me.track.id if me.track else None
    answer = queries.next_steps(kb, me.level, track)
    if len(answer.steps) == 1:
        return answer.steps[0].target
    level = me.level
    if len(answer.steps) > 1:
        options = ", ".join(f"{s.target.id} ({'/'.join(s.tracks)})" for s in answer.steps)
        raise NoSingleNext(f"the ladder forks above {level.title}: {options}; which one do you mean?", level, "fork",
                           answer.steps)
    if answer.other_track_steps:
        others = ", ".join(s.target.id for s in answer.other_track_steps)
        raise NoSingleNext(
            f"{level.title} is the top of the {track} track; going further means switching track ({others})",
            level, "track-top", answer.other_track_steps, track,
        )
    raise NoSingleNext(f"{level.title} is the top of the ladder: there is no level above it", level, "top")
