"""The knowledge-base format: pydantic models, field by field.

A knowledge base is one or more YAML documents. Each document is a mapping
validated as :class:`pmpath.kb.extend.KnowledgeBaseFile`; the documents of one knowledge base are
merged into a :class:`KnowledgeBase` (lists concatenated in file order), whose
cross-references are then checked by :mod:`pmpath.kb.checks`.

Every model is strict (``extra="forbid"``: an unknown key is an error; ``strict``:
no value is converted, so ``band: "1"`` is a string where a number belongs) and
frozen (see :mod:`pmpath.kb.base`). This module knows nothing about files, YAML or terminals.
"""

import re
from typing import Literal, Union

from pydantic import Field, StrictInt, field_validator, model_validator

from .base import (  # noqa: F401  (the format's building blocks, part of this module's interface)
    FORMAT_VERSION,
    ID_PATTERN,
    LINE_PATTERN,
    TEXT_PATTERN,
    Entry,
    Id,
    Line,
    Model,
    Note,
    NoteKind,
    Paragraph,
    Source,
    Statement,
    Statements,
    YearRange,
    _check_text,
    _drop_default,
    normalize_key,
    text_problem,
)


class EntryStatement(Statement):
    """A way in or a criterion of a step that holds only for people who come a certain way."""

    only_for: list[Id] = Field(
        default_factory=list,
        description=(
            "Ids of the entry routes or backgrounds this statement is about, e.g. `[apm-program]`: someone "
            "moving into product management from a background (`pmpath profile set --from`) is measured "
            "against it only when their background is one of them or takes one of those routes. Empty: everyone."
        ),
    )

    def holds_for(self, background: "Background") -> bool:
        """Whether a person coming from ``background`` can meet this before the step."""
        return not self.only_for or any(i == background.id or i in background.routes for i in self.only_for)


class Level(Entry):
    """A rung of the ladder (APM, Senior PM, Director...)."""

    band: int = Field(
        ge=1,
        le=99,
        description="Rank on the ladder, 1 = entry level. Levels on different tracks may share a band.",
    )
    tracks: list[Id] = Field(
        min_length=1,
        description="Ids of the tracks the level belongs to: all of them below the fork, one above it.",
    )
    summary: Paragraph | None = Field(
        default=None, json_schema_extra=_drop_default,
        description="A short description of the level; omit when the ladder gives none (shown as not given).",
    )
    sources: list[Id] = Field(
        default_factory=list,
        description="Ids of the sources the level draws on; may be empty for a company's own ladder.",
    )
    main_focus: Paragraph | None = Field(
        default=None, json_schema_extra=_drop_default, description="What the level is mostly about; optional."
    )
    scope: Paragraph | None = Field(
        default=None, json_schema_extra=_drop_default,
        description="How much of the product and organization it covers; optional.",
    )
    responsibilities: Statements = Field(default_factory=list, description="What people at this level do; optional.")
    skills: Statements = Field(default_factory=list, description="What people at this level need; optional.")
    typical_day: Statements = Field(default_factory=list, description="What a typical day holds.")
    experience_years: list[YearRange] = Field(
        default_factory=list,
        description="Typical total years of experience of people at this level, one range per source.",
    )
    time_at_level: list[YearRange] = Field(
        default_factory=list,
        description="Typical years spent at this level before moving up, one range per source.",
    )
    years_to_reach: list[YearRange] = Field(
        default_factory=list,
        description=(
            "Years most people take to reach this level from the start of a PM career, where an article "
            "gives such a cumulative figure; a route shows it beside its own sum of the steps."
        ),
    )
    how_to_get: list[EntryStatement] = Field(
        default_factory=list, description="How people get into this level."
    )
    moves_on: Statements = Field(
        default_factory=list,
        description="Where people go from here other than a promotion (used at the top of the ladder).",
    )
    grade: Id | None = Field(
        default=None,
        description=(
            "For a company's ladder: the id of the level's grade (a `grades` entry, e.g. `manager`); levels "
            "of one grade are peers across tracks."
        ),
    )
    equivalent: Id | None = Field(
        default=None,
        description=(
            "For a company's own ladder: the id of the level of pmpath's built-in reference ladder this "
            "level corresponds to, e.g. `senior-pm` (`pmpath levels` without `--kb` lists them). "
            "`pmpath map` lines ladders up through it; omit it when no level corresponds."
        ),
    )
    match: Literal["exact", "approximate"] | None = Field(
        default=None,
        json_schema_extra=_drop_default,
        description=(
            "How closely the level corresponds to its `equivalent`: `exact` (the default: the same scope "
            "and seniority) or `approximate` (the nearest level, with a different scope or between two "
            "levels). Only with `equivalent`."
        ),
    )

    @model_validator(mode="after")
    def _match_needs_equivalent(self) -> "Level":
        if self.match is not None and self.equivalent is None:
            raise ValueError("`match` is given without `equivalent`; add the reference level's id, e.g. `equivalent: senior-pm`")
        return self

    @property
    def match_kind(self) -> str | None:
        """How the level matches its equivalent: ``exact`` (the default), ``approximate``; None with no equivalent."""
        if self.equivalent is None:
            return None
        return self.match or "exact"


SpecializationKind = Literal["specialization", "variant", "adjacent"]


class Specialization(Entry):
    """A kind of PM work that runs across levels (Growth PM, Platform PM...)."""

    kind: SpecializationKind = Field(
        default="specialization",
        description=(
            "`specialization` (a PM focus area), `variant` (a PM-like role with its own title, "
            "e.g. Product Owner) or `adjacent` (a neighbouring role, e.g. Product Marketing)."
        ),
    )
    main_focus: Paragraph = Field(description="What the specialization is mostly about.")
    typical_questions: Statements = Field(
        default_factory=list, description="Questions people in it ask themselves."
    )
    responsibilities: Statements = Field(
        default_factory=list, description="What people in it are responsible for."
    )
    daily_focus: Statements = Field(default_factory=list, description="What a working day centres on.")
    metrics: Statements = Field(min_length=1, description="Metrics people in it are measured by.")
    skills: Statements = Field(min_length=1, description="Core skills.")
    related_roles: list[Id] = Field(
        default_factory=list, description="Ids of related levels or specializations."
    )
    growth: Statements = Field(
        default_factory=list, description="How people grow within the specialization."
    )


class Grade(Model):
    """A layer of a company's ladder (e.g. IC, Manager, Director): levels of one grade are peers across tracks."""

    id: Id = Field(description="Unique id, e.g. `manager`; a level names it in `grade`.")
    title: Line = Field(description="The grade's name, e.g. `Manager`.")
    description: Paragraph | None = Field(default=None, description="What the grade holds; omit when the source says nothing.")
    sources: list[Id] = Field(default_factory=list, description="Ids of the sources that name the grade.")


class ReviewRhythm(Model):
    """How often performance is reviewed on a track, e.g. every 2-3 months on 1-3 focus areas."""

    every: Line = Field(description="How often, as the company puts it, e.g. `2-3 months`.")
    focus_areas: Line | None = Field(
        default=None, description="How many focus areas a review covers, e.g. `1-3`; omit when not given."
    )
    note: Paragraph | None = Field(default=None, description="Anything else about the reviews.")


class RatingCategory(Model):
    """One rating a review can give, e.g. `Exceeds expectations`."""

    id: Id = Field(description="Unique id within the track, e.g. `exceeds`.")
    title: Line = Field(description="The rating as the company names it.")
    description: Paragraph | None = Field(default=None, description="What the rating means; omit when not given.")


class Track(Entry):
    """A way up the ladder: individual contributor or people manager."""

    summary: Paragraph | None = Field(
        default=None, json_schema_extra=_drop_default,
        description="A short description of the track; omit when the ladder gives none (shown as not given).",
    )
    sources: list[Id] = Field(
        default_factory=list,
        description="Ids of the sources the track draws on; may be empty for a company's own ladder.",
    )
    values: Statements = Field(default_factory=list, description="What the track rewards; optional.")
    promotion_criteria: Statements = Field(
        default_factory=list, description="How people are promoted on it; optional."
    )
    skills: Statements = Field(default_factory=list, description="Skills the track leans on.")
    pros: Statements = Field(default_factory=list, description="What is good about it.")
    cons: Statements = Field(default_factory=list, description="What is hard about it.")
    review: ReviewRhythm | None = Field(
        default=None, description="For a company's ladder: how often reviews happen on the track, and on how many focus areas."
    )
    ratings: list[RatingCategory] = Field(
        default_factory=list, description="For a company's ladder: the rating categories a review gives, lowest first or as the company lists them."
    )


class Promotion(Model):
    """A step up: from one level to another on a track."""

    from_: Id = Field(alias="from", description="Id of the level the step starts from.")
    to: Id = Field(description="Id of the level the step leads to.")
    tracks: list[Id] = Field(
        min_length=1,
        description="Ids of the tracks the step belongs to: both below the fork, one above it.",
    )
    criteria: list[EntryStatement] = Field(default_factory=list, description="What it takes to make the step; optional.")
    typical_time: list[YearRange] = Field(
        default_factory=list,
        description="Years before the step; omit to use the `from` level's `time_at_level`.",
    )
    advice: Statements = Field(default_factory=list, description="Advice for making the step.")
    sources: list[Id] = Field(
        default_factory=list,
        description="Ids of the sources the step draws on; may be empty for a company's own ladder.",
    )
    notes: list[Note] = Field(default_factory=list, description="Editorial notes.")


class Comparison(Model):
    """The main differences between two roles, as a source spells them out."""

    between: list[Id] = Field(
        min_length=2, max_length=2, description="The two role ids compared, lower level first."
    )
    points: Statements = Field(min_length=1, description="The differences.")
    sources: list[Id] = Field(min_length=1, description="Ids of the sources.")

    @field_validator("between")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if value[0] == value[1]:
            raise ValueError("compares a role with itself")
        return value


GuidanceTopic = Literal["promotion", "timing", "general", "specializing", "alternatives", "ai-era"]


class Guidance(Model):
    """Advice that is not tied to one step, e.g. "visibility is the biggest blocker"."""

    topic: GuidanceTopic = Field(
        description=(
            "`promotion`, `timing`, `general`, `specializing` (choosing a specialization), "
            "`alternatives` (leaving the ladder) or `ai-era` (product work as AI spreads)."
        )
    )
    text: Paragraph = Field(description="The advice.")
    applies_to: list[Id] = Field(
        default_factory=list, description="Role ids it applies to; empty means every role."
    )
    sources: list[Id] = Field(min_length=1, description="Ids of the sources.")


# ---------------------------------------------------------------- breaking in, moving on, learning


class RoleLink(Model):
    """A reference to a level or specialization, with why it is linked."""

    role: Id = Field(description="Id of a level or specialization.")
    why: Paragraph | None = Field(default=None, description="Why the role is linked, in one or two sentences.")
    sources: list[Id] = Field(default_factory=list, description="Sources the link draws on; empty means the entry's.")
    inferred: bool = Field(
        default=False, description="True when no source makes this link and it was written from the others."
    )


TargetKind = Literal["first", "alternative", "not-yet"]


class Target(RoleLink):
    """A level someone from a background can aim for: first, as an alternative, or not yet."""

    role: Id = Field(description="Id of a level.")
    kind: TargetKind = Field(
        description="`first` (the role to aim for first), `alternative` or `not-yet` (too far for a first move)."
    )


class Background(Entry):
    """Where someone comes from when they move into product management (engineering, student...)."""

    strengths: Statements = Field(min_length=1, description="What carries over into product work.")
    gaps: Statements = Field(default_factory=list, description="What people from here usually need to build.")
    targets: list[Target] = Field(
        min_length=1, description="Levels to aim for; exactly one of kind `first`."
    )
    routes: list[Id] = Field(
        min_length=1, description="Ids of entry routes that suit the background, best first."
    )
    suits: list[RoleLink] = Field(
        default_factory=list, description="Specializations (or roles) the background suits, with why."
    )
    advice: Statements = Field(default_factory=list, description="Advice for people from this background.")
    portfolio: Statements = Field(
        default_factory=list, description="What people from this background can show in a portfolio."
    )

    @model_validator(mode="after")
    def _one_first_target(self) -> "Background":
        firsts = [t.role for t in self.targets if t.kind == "first"]
        if len(firsts) != 1:
            found = ", ".join(firsts) if firsts else "none"
            raise ValueError(f"targets need exactly one of kind 'first' (found: {found})")
        return self


class Rotation(Model):
    """How an organization's APM program rotates people, e.g. two rotations of 12 months."""

    organization: Line = Field(description="The company running the program.")
    count: int = Field(ge=1, le=12, description="How many rotations.")
    months: int = Field(ge=1, le=60, description="How long each rotation lasts, in months.")
    sources: list[Id] = Field(min_length=1, description="Sources that give the figure.")


RouteKind = Literal["program", "transfer", "job-search", "preparation"]


class EntryRoute(Entry):
    """A way into product management: an APM program, an internal transfer, side projects..."""

    kind: RouteKind = Field(
        description=(
            "`program` (a structured entry program), `transfer` (moving inside your company), "
            "`job-search` (applying for PM roles) or `preparation` (what builds a case: projects, courses, mentors)."
        )
    )
    steps: Statements = Field(min_length=1, description="How the route works and how to take it.")
    duration: list[YearRange] = Field(default_factory=list, description="How long it lasts, one range per source.")
    rotations: list[Rotation] = Field(default_factory=list, description="Rotation schemes the sources name.")
    examples: Statements = Field(default_factory=list, description="Companies or cases the sources mention.")
    leads_to: list[Id] = Field(default_factory=list, description="Ids of the levels the route leads to.")
    resources: list[Id] = Field(default_factory=list, description="Ids of resources that go with the route.")


BreakInTopic = Literal["portfolio", "networking", "mindset", "education", "hiring"]


class BreakInTip(Model):
    """Advice for anyone breaking into product management, or for some backgrounds only."""

    topic: BreakInTopic = Field(
        description="`portfolio`, `networking`, `mindset`, `education` or `hiring` (what hiring managers look for)."
    )
    text: Paragraph = Field(description="The advice.")
    backgrounds: list[Id] = Field(
        default_factory=list, description="Ids of the backgrounds it is for; empty means every background."
    )
    sources: list[Id] = Field(min_length=1, description="Ids of the sources.")
    inferred: bool = Field(default=False, description="True when no source states it.")


AlternativeKind = Literal["within-product", "operations", "beyond-product", "founder", "past-cpo"]


class Alternative(Entry):
    """A move off the PM ladder, a lateral move, or a move past the top of it."""

    kind: AlternativeKind = Field(
        description=(
            "`within-product` (another job in the product space), `operations` (product operations), "
            "`beyond-product` (a job outside product work), `founder` or `past-cpo` (a move for CPOs)."
        )
    )
    from_roles: list[Id] = Field(
        default_factory=list,
        description="Ids of the roles the sources name this move for; empty means any PM.",
    )
    role: Id | None = Field(default=None, description="Id of the knowledge-base role that describes the job, if any.")
    suits: Statements = Field(default_factory=list, description="Who the move suits.")
    needs: Statements = Field(default_factory=list, description="What the move takes.")


class Price(Model):
    """What something costs, as a source gives it; no ``amount`` means the source gives no figure."""

    item: Line = Field(description="What is paid for, e.g. `certificate`.")
    amount: float | None = Field(default=None, ge=0, le=100000, description="The amount; omit when not given.")
    currency: Literal["USD"] = Field(default="USD", description="The currency; only US dollars so far.")
    per: Literal["month", "year", "course"] | None = Field(default=None, description="What the amount covers.")
    note: Line | None = Field(default=None, description="Conditions, e.g. `at your own pace`.")
    sources: list[Id] = Field(min_length=1, description="Sources that give the price.")


class Rating(Model):
    """A rating as a source gives it, e.g. 4.8 from 1,500 reviews."""

    value: float = Field(ge=0, le=10, description="The rating.")
    out_of: float | None = Field(default=None, ge=1, le=10, description="The scale, when a source gives it.")
    reviews: int | None = Field(default=None, ge=0, description="How many reviews it rests on.")
    sources: list[Id] = Field(min_length=1, description="Sources that give the rating.")

    @model_validator(mode="after")
    def _within_scale(self) -> "Rating":
        if self.out_of is not None and self.value > self.out_of:
            raise ValueError(f"value ({self.value:g}) is above out_of ({self.out_of:g})")
        return self


ResourceKind = Literal["certification", "course", "community", "guide"]


class Resource(Entry):
    """A certification, course, community or guide the sources name."""

    kind: ResourceKind = Field(description="`certification`, `course`, `community` or `guide`.")
    provider: Line = Field(description="Who offers or sponsors it.")
    platform: Line | None = Field(default=None, description="Where it is taken, e.g. `Coursera`.")
    focus: Paragraph = Field(description="What it teaches or is for.")
    free_to_audit: bool | None = Field(default=None, description="Whether it can be followed for free.")
    prices: list[Price] = Field(default_factory=list, description="What it costs.")
    rating: Rating | None = Field(default=None, description="Its rating, when a source gives one.")
    skills: list[Line] = Field(default_factory=list, description="Skills it builds (what `pmpath resources SKILL` matches).")
    suits: list[RoleLink] = Field(default_factory=list, description="Roles it helps, with why.")
    advice: Statements = Field(default_factory=list, description="Advice on taking it.")


class FutureSkill(Entry):
    """A skill the sources say keeps a PM career future-proof as AI spreads."""

    includes: Statements = Field(min_length=1, description="What the skill covers.")
    roles: list[RoleLink] = Field(default_factory=list, description="Roles where it already matters most.")


class Synonyms(Model):
    """Words and phrases that search treats as one, e.g. ``cross-functional`` and ``across functions``.

    The first term is the canonical one; search rewrites the others into it, in
    the knowledge base's text and in queries alike.
    """

    terms: list[Line] = Field(min_length=2, description="Two or more words or phrases meaning the same.")
    note: Line | None = Field(default=None, description="Why they count as the same.")

    @field_validator("terms")
    @classmethod
    def _has_words(cls, value: list[str]) -> list[str]:
        for term in value:  # each is a Line already: checked for control characters, one line
            if not re.search(r"[A-Za-z0-9]", term):
                raise ValueError(f"{term!r} has no letters or digits")
        return value


QuizKind = Literal["enjoy", "strength"]


class QuizOption(Model):
    """One answer to a quiz question, and the specializations it points to."""

    id: Id = Field(description="The answer's id within its question, e.g. `a`; typed at the prompt.")
    text: Line = Field(description="The answer as the person reads it.")
    weights: dict[Id, StrictInt] = Field(
        default_factory=dict,
        description=(
            "Specialization id -> how strongly this answer points to it, 1 (a little) to 3 (strongly). "
            "An answer may point nowhere (e.g. 'none of these')."
        ),
    )
    reason: Line | None = Field(
        default=None,
        description="The answer restated as a reason, e.g. `you enjoy running experiments`; default: the text.",
    )


    @field_validator("weights")
    @classmethod
    def _weights_in_range(cls, value: dict[str, int]) -> dict[str, int]:
        for spec, weight in value.items():
            if isinstance(weight, bool) or not 1 <= weight <= 3:
                raise ValueError(f"the weight for {spec!r} is {weight!r}; weights run from 1 to 3")
        return value


class QuizQuestion(Model):
    """A question of the specialization quiz (``pmpath quiz``)."""

    id: Id = Field(description="Unique id of the question; the key in an answers file.")
    kind: QuizKind = Field(description="`enjoy` (what the person likes doing) or `strength` (what they are good at).")
    text: Line = Field(description="The question.")
    options: list[QuizOption] = Field(
        min_length=2, max_length=8, description="The answers to choose from, two to eight."
    )
    sources: list[Id] = Field(
        min_length=1, description="Sources whose specialization descriptions the weights draw on."
    )
    inferred: bool = Field(
        default=False, description="True when the weights are read from the sources rather than stated in them."
    )

class KnowledgeBase(Model):
    """A whole knowledge base: the merged documents."""

    format: Literal[1] = FORMAT_VERSION
    name: str = "pmpath knowledge base"
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list)
    grades: list[Grade] = Field(default_factory=list)
    levels: list[Level] = Field(default_factory=list)
    promotions: list[Promotion] = Field(default_factory=list)
    specializations: list[Specialization] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)
    backgrounds: list[Background] = Field(default_factory=list)
    entry_routes: list[EntryRoute] = Field(default_factory=list)
    break_in_tips: list[BreakInTip] = Field(default_factory=list)
    alternatives: list[Alternative] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    future_skills: list[FutureSkill] = Field(default_factory=list)
    synonyms: list[Synonyms] = Field(default_factory=list)
    quiz: list[QuizQuestion] = Field(default_factory=list)


SECTIONS: tuple[str, ...] = tuple(name for name in KnowledgeBase.model_fields if name not in ("format", "name", "description"))
"""The sections of a knowledge base, in order; a file (KnowledgeBaseFile) may hold any of them."""


Role = Union[Level, Specialization]
