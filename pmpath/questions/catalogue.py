"""Catalogue questions, as pure functions: specializations, breaking in, learning resources.

Every function takes a :class:`~pmpath.kb.schema.KnowledgeBase` and returns frozen
dataclasses holding knowledge-base models. Nothing here prints or knows about
terminals.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Sequence, TypeVar

from . import queries
from .problems import Ambiguous, EmptySection, LookupProblem, NotFound, NothingMatches
from ..kb.schema import (
    Background,
    BreakInTip,
    EntryRoute,
    Entry,
    FutureSkill,
    Guidance,
    KnowledgeBase,
    Level,
    Resource,
    Role,
    RoleLink,
    Specialization,
    Statement,
    Target,
    normalize_key,
)
from .search import close_words, matching_statements, mentions, query_terms

E = TypeVar("E", bound=Entry)


def find_entry(entries: Sequence[E], query: str, what: str) -> E:
    """The entry ``query`` names (id, title or alias, any case, or one distinctive word).

    Raises :class:`~pmpath.questions.queries.NotFound` with the closest ids, or
    :class:`~pmpath.questions.queries.Ambiguous` with the candidates.
    """
    key = normalize_key(query)
    names: dict[str, E] = {}
    for entry in entries:
        for name in (entry.id, entry.title, *entry.aliases):
            names.setdefault(normalize_key(name), entry)
    if not key:
        raise NotFound(query, f"a {what} name needs letters or digits", [], what)
    if key in names:
        return names[key]
    words = set(key.split("-"))
    candidates = [e for e in entries if any(words <= set(n.split("-")) for n in map(normalize_key, (e.id, e.title, *e.aliases)))]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise Ambiguous(query, f"{query!r} could mean {len(candidates)} {what}s", [e.id for e in candidates], what)
    close = difflib.get_close_matches(key, list(names), n=6, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c].id for c in close))[:3]
    raise NotFound(query, f"no {what} called {query!r}", suggestions, what)


def _role(kb: KnowledgeBase, role_id: str) -> Role:
    return queries.resolve(kb, role_id)


# ---------------------------------------------------------------- specializations


@dataclass(frozen=True)
class SpecializationRow:
    """A specialization, with the skills or metrics that matched a filter."""

    specialization: Specialization
    matched_skills: tuple[Statement, ...] = ()
    matched_metrics: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class SpecializationsAnswer:
    """The catalogue of specializations, optionally filtered by a skill or a metric."""

    rows: tuple[SpecializationRow, ...]
    skill: str | None
    metric: str | None
    guidance: tuple[Guidance, ...]


def specializations(kb: KnowledgeBase, skill: str | None = None, metric: str | None = None) -> SpecializationsAnswer:
    """Every specialization (main focus, metrics), or those whose skills/metrics mention the filters."""
    for name, value in (("skill", skill), ("metric", metric)):
        if value is not None and not query_terms(value):
            raise NothingMatches(f"the {name} filter needs a word to look for", "specializations", value or "")
    if not kb.specializations:
        raise EmptySection("this knowledge base lists no specializations", "specializations")
    rows = []
    for spec in kb.specializations:
        skills = tuple(matching_statements(kb, skill, spec.skills)) if skill else ()
        metrics = tuple(matching_statements(kb, metric, spec.metrics)) if metric else ()
        if (skill and not skills) or (metric and not metrics):
            continue
        rows.append(SpecializationRow(spec, skills, metrics))
    if not rows:
        wanted = " and ".join(
            f"a {kind} matching {value!r}" for kind, value in (("skill", skill), ("metric", metric)) if value
        )
        close = close_words(kb, " ".join(v for v in (skill, metric) if v))
        raise NothingMatches(f"no specialization lists {wanted}", "specializations", skill or metric or "", close)
    guidance = tuple(g for g in kb.guidance if g.topic == "specializing")
    return SpecializationsAnswer(tuple(rows), skill, metric, guidance)


# ---------------------------------------------------------------- breaking in


@dataclass(frozen=True)
class RouteInfo:
    """An entry route with the levels it leads to and the resources that go with it."""

    route: EntryRoute
    leads_to: tuple[Level, ...]
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Aim:
    """A level to aim for from a background."""

    target: Target
    level: Level


@dataclass(frozen=True)
class Fit:
    """A role a background (or resource) suits, and why."""

    link: RoleLink
    role: Role


@dataclass(frozen=True)
class BreakInAnswer:
    """How to get into product management: from one background, or an overview of all."""

    background: Background | None
    backgrounds: tuple[tuple[Background, Level], ...]
    aims: tuple[Aim, ...]
    routes: tuple[RouteInfo, ...]
    fits: tuple[Fit, ...]
    tips: tuple[BreakInTip, ...]




def _route_info(kb: KnowledgeBase, route: EntryRoute) -> RouteInfo:
    resources = {r.id: r for r in kb.resources}
    return RouteInfo(
        route,
        tuple(queries.get_level(kb, level_id) for level_id in route.leads_to),
        tuple(resources[r] for r in route.resources if r in resources),
    )


def first_target(kb: KnowledgeBase, background: Background) -> Level:
    target = next(t for t in background.targets if t.kind == "first")
    return queries.get_level(kb, target.role)


def break_in(kb: KnowledgeBase, background: str | None = None) -> BreakInAnswer:
    """Routes in, what to aim for first, portfolio and networking advice; for one background if given."""
    if not kb.backgrounds and not kb.entry_routes:
        raise EmptySection("this knowledge base has nothing on breaking in: no backgrounds and no entry routes", "break-in")
    if background is None:
        return BreakInAnswer(
            background=None,
            backgrounds=tuple((b, first_target(kb, b)) for b in kb.backgrounds),
            aims=(),
            routes=tuple(_route_info(kb, r) for r in kb.entry_routes),
            fits=(),
            tips=tuple(t for t in kb.break_in_tips if not t.backgrounds),
        )
    found = find_entry(kb.backgrounds, background, "background")
    routes = {r.id: r for r in kb.entry_routes}
    order = {"first": 0, "alternative": 1, "not-yet": 2}
    aims = sorted(found.targets, key=lambda t: order[t.kind])
    return BreakInAnswer(
        background=found,
        backgrounds=(),
        aims=tuple(Aim(t, queries.get_level(kb, t.role)) for t in aims),
        routes=tuple(_route_info(kb, routes[r]) for r in found.routes if r in routes),
        fits=tuple(Fit(link, _role(kb, link.role)) for link in found.suits),
        tips=tuple(t for t in kb.break_in_tips if not t.backgrounds or found.id in t.backgrounds),
    )


# ---------------------------------------------------------------- resources


@dataclass(frozen=True)
class ResourceMatch:
    """A resource, with why it was chosen (the role it suits, the skill that matched)."""

    resource: Resource
    fits: tuple[Fit, ...]
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResourcesAnswer:
    """Certifications, courses and communities, and the skills that future-proof a PM career."""

    query: str | None
    role: Role | None
    resources: tuple[ResourceMatch, ...]
    future_skills: tuple[FutureSkill, ...]
    ai_era: tuple[Guidance, ...]


def _fits(kb: KnowledgeBase, resource: Resource) -> tuple[Fit, ...]:
    return tuple(Fit(link, _role(kb, link.role)) for link in resource.suits)


def _resource_texts(resource: Resource) -> list[str]:
    return [resource.title, *resource.aliases, resource.provider, resource.focus, resource.summary, *resource.skills]


def _future_texts(skill: FutureSkill) -> list[str]:
    return [skill.title, *skill.aliases, skill.summary, *(i.text for i in skill.includes)]


def resources(kb: KnowledgeBase, query: str | None = None) -> ResourcesAnswer:
    """Every resource and future-proof skill, or those for a resource, a role or a skill named by ``query``.

    ``query`` is tried as a resource or future skill's name, then as a role
    (resources that suit it), then as words to find in resources' skills and
    focus. Raises :class:`NoAnswer` when nothing fits.
    """
    ai_era = tuple(g for g in kb.guidance if g.topic == "ai-era")
    if not kb.resources and not kb.future_skills:
        raise EmptySection("this knowledge base lists no resources and no future-proof skills", "resources")
    if query is None:
        return ResourcesAnswer(
            None, None, tuple(ResourceMatch(r, _fits(kb, r)) for r in kb.resources), tuple(kb.future_skills), ai_era
        )
    if not query_terms(query):
        raise NothingMatches("give a role, a skill or a resource with letters or digits", "resources", query)
    key = normalize_key(query)
    for resource in kb.resources:
        if key in {normalize_key(n) for n in (resource.id, resource.title, *resource.aliases)}:
            return ResourcesAnswer(query, None, (ResourceMatch(resource, _fits(kb, resource)),), (), ())
    for skill in kb.future_skills:
        if key in {normalize_key(n) for n in (skill.id, skill.title, *skill.aliases)}:
            return ResourcesAnswer(query, None, (), (skill,), ())
    try:
        role = queries.resolve(kb, query)
    except LookupProblem:
        role = None
    if role is not None:
        found = []
        for resource in kb.resources:
            fits = tuple(f for f in _fits(kb, resource) if f.role.id == role.id)
            if fits:
                found.append(ResourceMatch(resource, fits))
        skills = tuple(s for s in kb.future_skills if any(link.role == role.id for link in s.roles))
        era = tuple(g for g in ai_era if role.id in g.applies_to)
        if not found and not skills:
            raise NothingMatches(
                f"no resource or future-proof skill in the knowledge base is linked to {role.title} ({role.id})",
                "resources", query, role=role,
            )
        return ResourcesAnswer(query, role, tuple(found), skills, era)
    found = []
    for resource in kb.resources:
        texts = _resource_texts(resource)
        matching = [t for t in texts if mentions(kb, query, t)]
        if matching:
            skills_hit = [s for s in resource.skills if s in matching]
            why = (f"teaches {skills_hit[0]}",) if skills_hit else (f"mentions {query.strip()!r}",)
            found.append(ResourceMatch(resource, _fits(kb, resource), why))
    skills = tuple(
        s for s in kb.future_skills if any(mentions(kb, query, t) for t in _future_texts(s))
    )
    if not found and not skills:
        raise NothingMatches(f"no role, resource or skill in the resources matches {query!r}", "resources", query,
                             close_words(kb, query))
    return ResourcesAnswer(query, None, tuple(found), skills, ())
