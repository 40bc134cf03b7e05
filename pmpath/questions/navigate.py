"""Questions about moving through a career, as pure functions: routes, comparisons, tracks, ways out.

Every function takes a :class:`~pmpath.kb.schema.KnowledgeBase` and returns frozen
dataclasses holding knowledge-base models, for the renderers (and, later, the
JSON/YAML emitters). Nothing here prints or knows about terminals.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import date

from . import queries
from .clock import year_problem
from .queries import Step
from .problems import EmptySection, NoRoute, NotALevel, PromotionCycle, SameRole
from ..kb.schema import (
    Alternative,
    Guidance,
    KnowledgeBase,
    Level,
    Promotion,
    Role,
    Specialization,
    Track,
)

Span = tuple[float, "float | None"]

OTHER_ROUTES = 3
"""How many routes besides the best one a route answer lists; the rest are only counted."""


# ---------------------------------------------------------------- calendar months


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, e.g. 2024-03."""

    year: int
    month: int

    def plus_months(self, months: int) -> "YearMonth":
        index = self.year * 12 + (self.month - 1) + months
        return YearMonth(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """``Mar 2027``."""
        return f"{date(2000, self.month, 1):%b} {self.year}"  # any year: a long route may pass 9999


_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_year_month(text: str, today: date) -> YearMonth:
    """``YYYY-MM`` as a month no later than ``today``'s; ValueError with a readable reason otherwise."""
    match = _YEAR_MONTH.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a month written YYYY-MM (e.g. 2023-09)")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month:02d}; months run from 01 to 12")
    out_of_range = year_problem(year)
    if out_of_range:
        raise ValueError(f"{text!r} {out_of_range}")
    value = YearMonth(year, month)
    now = YearMonth(today.year, today.month)
    if value > now:
        raise ValueError(f"{value} is in the future; give the month you started at the first level (at most {now})")
    return value


@dataclass(frozen=True)
class Window:
    """When a step is expected: from ``start`` to ``end`` (None = no upper bound)."""

    start: YearMonth
    end: YearMonth | None
    past: bool


def _months(years: float) -> int:
    return round(years * 12)


def _window(since: YearMonth, span: Span, today: date) -> Window:
    start = since.plus_months(_months(span[0]))
    end = None if span[1] is None else since.plus_months(_months(span[1]))
    now = YearMonth(today.year, today.month)
    return Window(start, end, end is not None and end < now)


# ---------------------------------------------------------------- routes up the ladder


@dataclass(frozen=True)
class RouteStep:
    """One promotion on a route, with the time it usually takes and the running total."""

    number: int
    start: Level
    step: Step
    track: str | None
    forks_to: str | None
    leaves_track: str | None
    span: Span | None
    inferred_time: bool
    cumulative: Span | None
    window: Window | None


@dataclass(frozen=True)
class PathAnswer:
    """The route from one level to another, step by step."""

    start: Level
    goal: Level
    track: str | None
    steps: tuple[RouteStep, ...]
    total: Span | None
    incomplete: bool
    inferred: bool
    since: YearMonth | None
    other_routes: tuple[tuple[Level, ...], ...]
    more_routes: int = 0
    """How many routes there are besides the best one and ``other_routes``."""
    other_totals: tuple["RouteTotal", ...] = ()
    """For each of ``other_routes``: its steps, total time and how far that total rests on inferred figures."""
    untimed: int = 0
    """How many of the route's steps give no typical time (then ``total`` is open-ended: a lower bound)."""
    from_entry: bool = False
    """True when the route starts where a PM career starts (no promotion leads into ``start``): a cumulative
    figure an article gives (``years_to_reach``) then measures the same thing as the running total."""


@dataclass(frozen=True)
class RouteTotal:
    """Another route's time set against the best route's.

    ``difference`` says what the two totals' difference rests on, once the figures both routes share (the
    same level's time at level, the same promotion's time) are set aside: ``inferred`` when every remaining
    figure is this knowledge base's inference, ``partly inferred`` when some are, ``sourced`` when none are,
    ``none`` when nothing remains or the totals are equal.
    """

    levels: tuple[Level, ...]
    steps: int
    total: Span | None
    inferred: bool
    difference: str
    untimed: int = 0
    """How many of its steps give no typical time (then ``total`` is None)."""
    at_least: float = 0.0
    """The sum of the lower ends of the times its steps do give."""


def _as_level(kb: KnowledgeBase, role: Role, which: str) -> Level:
    if isinstance(role, Level):
        return role
    raise NotALevel(
        f"{role.title} ({role.id}) is a specialization, not a level: it runs across the ladder, so no "
        f"promotion leads {'from' if which == 'FROM' else 'to'} it",
        role,
    )


def _ways_up(kb: KnowledgeBase) -> dict[str, list[tuple[int, Promotion]]]:
    """The promotions out of each level, with their place in the knowledge base, in its order."""
    out: dict[str, list[tuple[int, Promotion]]] = {}
    for index, promotion in enumerate(kb.promotions):
        out.setdefault(promotion.from_, []).append((index, promotion))
    return out


def _leading_to(kb: KnowledgeBase, goal: str) -> set[str]:
    """The levels from which some chain of promotions reaches ``goal`` (``goal`` included)."""
    into: dict[str, list[str]] = {}
    for promotion in kb.promotions:
        into.setdefault(promotion.to, []).append(promotion.from_)
    found, todo = {goal}, [goal]
    while todo:
        for source in into.get(todo.pop(), ()):
            if source not in found:
                found.add(source)
                todo.append(source)
    return found


def _route_graph(kb: KnowledgeBase, start: str, goal: str) -> tuple[dict[str, list[tuple[int, Promotion]]], list[str]]:
    """The promotions that lie on some route from ``start`` to ``goal``, by level, and the levels in an order
    where each comes after every level it leads to; raises on a cycle among them.

    A route ends at ``goal``, so nothing leads on from it. Validation refuses
    promotion cycles; a knowledge base built without it (from Python) gets
    :class:`PromotionCycle` rather than a search that would never end.
    """
    useful = _leading_to(kb, goal)
    out = _ways_up(kb)
    graph: dict[str, list[tuple[int, Promotion]]] = {}
    finished: list[str] = []
    if start not in useful or start == goal:
        return graph, finished
    # Iterative depth-first search from start over useful levels: collect the graph, find cycles.
    WHITE, GREY, BLACK = 0, 1, 2
    colour: dict[str, int] = {start: GREY}
    trail = [start]
    stack = [iter(graph.setdefault(start, [p for p in out.get(start, ()) if p[1].to in useful]))]
    while stack:
        for _, promotion in stack[-1]:
            child = promotion.to
            state = colour.get(child, WHITE)
            if state == GREY:
                cycle = trail[trail.index(child):] + [child]
                raise PromotionCycle(
                    "the promotions form a cycle (" + " -> ".join(cycle) + "), so routes up the ladder are "
                    "not defined; 'pmpath validate' points at the promotion to fix", cycle,
                )
            if state == WHITE and child != goal:
                colour[child] = GREY
                trail.append(child)
                stack.append(iter(graph.setdefault(child, [p for p in out.get(child, ()) if p[1].to in useful])))
                break
            colour[child] = BLACK
        else:
            finished.append(trail.pop())
            colour[finished[-1]] = BLACK
            stack.pop()
    return graph, finished


@dataclass(frozen=True)
class Routes:
    """The best routes between two levels, best first, and how many routes there are in all."""

    best: tuple[tuple[Promotion, ...], ...]
    count: int


def routes_between(
    kb: KnowledgeBase, start: str, goal: str, prefer: str | None = None, limit: int = 1 + OTHER_ROUTES
) -> Routes:
    """The ``limit`` best chains of promotions from ``start`` to ``goal``, and the number of chains in all.

    Best means: fewest steps off the ``prefer`` track, then fewest switches
    between tracks (counted between single-track promotions: one on both tracks
    keeps the track so far), then fewest steps; of routes that tie, the one
    whose first differing promotion comes later in the knowledge base goes first
    (the order in which listing every route used to find them). The search is a best-first search
    over (level, track so far) that takes each such state at most ``limit``
    times (the k shortest paths of an acyclic graph), over the promotions that
    can still reach ``goal``; the count adds up routes level by level. Both take
    time polynomial in the size of the knowledge base, whatever its shape,
    although the number of routes can grow exponentially.
    """
    graph, finished = _route_graph(kb, start, goal)
    if not graph:
        return Routes((), 0)
    ways = {goal: 1}
    for level in finished:
        ways[level] = sum(ways[promotion.to] for _, promotion in graph[level])
    best: list[tuple[Promotion, ...]] = []
    taken: dict[tuple[str, str | None], int] = {}
    # (cost, order, level, track so far, route): the order (minus each promotion's place in the
    # knowledge base) is unique to a route, so entries never tie and the rest is never compared.
    heap: list = [((0, 0, 0), (), start, None, ())]
    while heap and len(best) < limit:
        cost, order, level, previous, route = heapq.heappop(heap)
        if level == goal:
            best.append(route)
            continue
        if taken.get((level, previous), 0) >= limit:
            continue
        taken[(level, previous)] = taken.get((level, previous), 0) + 1
        for index, promotion in graph[level]:
            current = promotion.tracks[0] if len(promotion.tracks) == 1 else None
            off = 1 if prefer is not None and prefer not in promotion.tracks else 0
            change = 1 if current is not None and previous is not None and current != previous else 0
            heapq.heappush(heap, (
                (cost[0] + off, cost[1] + change, cost[2] + 1), order + (-index,),
                promotion.to, current or previous, route + (promotion,),
            ))
    return Routes(tuple(best), ways[start])


def _no_route(kb: KnowledgeBase, start: Level, goal: Level) -> NoRoute:
    if goal.band < start.band:
        return NoRoute(
            f"no route up from {start.title} to {goal.title}: {goal.title} (band {goal.band}) is below "
            f"{start.title} (band {start.band}), and a route only follows promotions up the ladder",
            start, goal, "below",
        )
    if goal.band == start.band:
        return NoRoute(
            f"no promotion leads from {start.title} to {goal.title}: both sit at band {start.band}"
            + (", on different tracks; moving between them is a lateral move" if set(start.tracks) != set(goal.tracks) else ""),
            start, goal, "same-band",
        )
    tracks = lambda level: ", ".join(level.tracks)  # noqa: E731
    return NoRoute(
        f"no chain of promotions leads from {start.title} (on {tracks(start)}) to {goal.title} (on {tracks(goal)})",
        start, goal, "apart",
    )


def path(
    kb: KnowledgeBase,
    start: Role,
    goal: Role,
    track: str | None = None,
    since: YearMonth | None = None,
    today: date | None = None,
) -> PathAnswer:
    """The route from ``start`` up to ``goal``: each step's criteria, time and running total.

    ``track`` is preferred: the route stays on it as long as it can and switches
    only where the goal demands it. Without it, the goal's own track is preferred.
    With ``since`` (the month the person started at ``start``), each step gets a
    calendar window. Raises :class:`NoAnswer` when there is no route, saying why.
    """
    today = today or date.today()
    first, last = _as_level(kb, start, "FROM"), _as_level(kb, goal, "TO")
    if first.id == last.id:
        raise SameRole(f"{first.title} is both the start and the goal; give two different levels", first, "path")
    prefer = track or (last.tracks[0] if len(last.tracks) == 1 else None)
    found = routes_between(kb, first.id, last.id, prefer)
    if not found.best:
        raise _no_route(kb, first, last)
    best = found.best[0]

    steps: list[RouteStep] = []
    previous = first.tracks[0] if len(first.tracks) == 1 else None
    running: Span | None = (0.0, 0.0)
    incomplete = inferred = False
    level = first
    for number, promotion in enumerate(best, 1):
        step = queries.promotion_step(kb, level, promotion)
        current = promotion.tracks[0] if len(promotion.tracks) == 1 else None
        forks_to = current if current is not None and previous is None and len(level.tracks) > 1 else None
        leaves = None
        if current is not None and previous is not None and current != previous:
            leaves = previous
        elif forks_to is not None and track is not None and forks_to != track:
            leaves = track
        span = queries.year_bounds(list(step.time))
        step_inferred = any(t.inferred for t in step.time)
        inferred = inferred or step_inferred
        if span is None:
            incomplete = True
            running = (running[0], None) if running else None
        elif running is not None:
            high = None if span[1] is None or running[1] is None else running[1] + span[1]
            running = (running[0] + span[0], high)
        # No figure yet (a company ladder that gives no years): no total and no window, rather than "0+ years".
        cumulative = None if running == (0.0, None) else running
        window = _window(since, cumulative, today) if since is not None and cumulative is not None else None
        steps.append(
            RouteStep(number, level, step, current, forks_to, leaves, span, step_inferred, cumulative, window)
        )
        previous = current or previous
        level = step.target
    others = tuple(
        tuple(queries.get_level(kb, p.to) for p in route[:-1]) for route in found.best[1:]
    )
    best_time = _route_time(kb, first, best)
    cumulative = None if running == (0.0, None) else running
    totals = tuple(_route_total(kb, first, route, best_time, cumulative) for route in found.best[1:])
    return PathAnswer(
        start=first, goal=last, track=track, steps=tuple(steps), total=cumulative,
        incomplete=incomplete, inferred=inferred, since=since, other_routes=others,
        more_routes=found.count - 1 - len(others), other_totals=totals,
        untimed=sum(1 for s in steps if s.span is None),
        from_entry=not any(p.to == first.id for p in kb.promotions),
    )


def _route_time(kb: KnowledgeBase, first: Level, route: tuple[Promotion, ...]) -> list[tuple[tuple, Span | None, bool]]:
    """Each step's time figure as (what it is the time of, its span, whether it is inferred)."""
    out = []
    level = first
    for promotion in route:
        step = queries.promotion_step(kb, level, promotion)
        basis = ("level", level.id) if step.time_from_level else ("step", promotion.from_, promotion.to)
        out.append((basis, queries.year_bounds(list(step.time)), bool(step.time) and any(t.inferred for t in step.time)))
        level = step.target
    return out


def _sum(spans: list[Span | None]) -> Span | None:
    low, high = 0.0, 0.0
    for span in spans:
        if span is None:
            return None
        low += span[0]
        high = None if high is None or span[1] is None else high + span[1]
    return (low, high)


def _route_total(kb: KnowledgeBase, first: Level, route: tuple[Promotion, ...], best_time: list, best_total: Span | None) -> RouteTotal:
    time = _route_time(kb, first, route)
    total = _sum([span for _, span, _ in time])
    shared = {basis for basis, _, _ in best_time} & {basis for basis, _, _ in time}
    rest = [item for item in (*best_time, *time) if item[0] not in shared]
    if not rest or total == best_total:
        difference = "none"
    elif all(inferred for _, _, inferred in rest):
        difference = "inferred"
    elif any(inferred for _, _, inferred in rest):
        difference = "partly inferred"
    else:
        difference = "sourced"
    return RouteTotal(
        levels=tuple(queries.get_level(kb, p.to) for p in route[:-1]), steps=len(route), total=total,
        inferred=any(inferred for _, _, inferred in time), difference=difference,
        untimed=sum(1 for _, span, _ in time if span is None),
        at_least=sum(span[0] for _, span, _ in time if span is not None),
    )


# ---------------------------------------------------------------- the two tracks


@dataclass(frozen=True)
class BandRow:
    """One band above the fork: the level each track has there (None when it has none)."""

    band: int
    levels: tuple[tuple[str, Level | None], ...]

    @property
    def parallel(self) -> bool:
        return sum(1 for _, level in self.levels if level is not None) > 1


@dataclass(frozen=True)
class Crossing:
    """A promotion that leaves one track for another."""

    promotion: Promotion
    start: Level
    target: Level


@dataclass(frozen=True)
class TracksAnswer:
    """The individual-contributor and people-manager tracks side by side."""

    tracks: tuple[Track, ...]
    shared: tuple[Level, ...]
    rows: tuple[BandRow, ...]
    crossings: tuple[Crossing, ...]
    advice: tuple[Guidance, ...]


def tracks(kb: KnowledgeBase, only: str | None = None) -> TracksAnswer:
    """What each track values and rewards, the levels they share, and which bands run in parallel."""
    chosen = tuple(t for t in kb.tracks if only is None or t.id == only)
    ids = [t.id for t in kb.tracks]
    shared = tuple(sorted((l for l in kb.levels if set(ids) <= set(l.tracks)), key=lambda l: l.band))
    bands: dict[int, dict[str, Level]] = {}
    shared_ids = {level.id for level in shared}  # a set: 'level in shared' compared models, quadratic
    for level in kb.levels:
        if level.id in shared_ids:
            continue
        for track_id in level.tracks:
            bands.setdefault(level.band, {})[track_id] = level
    rows = tuple(
        BandRow(band, tuple((t.id, bands[band].get(t.id)) for t in chosen))
        for band in sorted(bands)
        if any(bands[band].get(t.id) for t in chosen)
    )
    crossings = []
    for promotion in kb.promotions:
        start, target = queries.get_level(kb, promotion.from_), queries.get_level(kb, promotion.to)
        if not set(promotion.tracks) & set(start.tracks):
            if only is None or only in start.tracks or only in promotion.tracks:
                crossings.append(Crossing(promotion, start, target))
    fork_level = shared[-1].id if shared else None
    advice = tuple(g for g in kb.guidance if g.topic == "promotion" and g.applies_to == [fork_level])
    return TracksAnswer(chosen, shared, rows, tuple(crossings), advice)


# ---------------------------------------------------------------- ways off the ladder


@dataclass(frozen=True)
class Lateral:
    """A sideways move inside product management, and why it counts as one."""

    role: Role
    why: str


@dataclass(frozen=True)
class AlternativesAnswer:
    """Moves off (or past the top of) the ladder, for everyone or from one role."""

    role: Role | None
    lateral: tuple[Lateral, ...]
    specific: tuple[Alternative, ...]
    general: tuple[Alternative, ...]
    guidance: tuple[Guidance, ...]


_KIND_NOUNS = {"specialization": "specialization", "variant": "variant of the role", "adjacent": "adjacent role"}


def kind_noun(kind: str, article: str = "a") -> str:
    """A specialization's kind as a noun phrase: ``a specialization``, ``an adjacent role``, ``a related variant of the role``.

    ``article`` is the word before the noun (``a``, or ``a related``); ``a`` becomes ``an`` before a vowel.
    """
    noun = _KIND_NOUNS.get(kind, kind)
    words = f"{article} {noun}".split(" ")
    if words[0] == "a" and words[1][:1].lower() in "aeiou":
        words[0] = "an"
    return " ".join(words)


def _lateral(kb: KnowledgeBase, role: Role) -> list[Lateral]:
    found: list[Lateral] = []
    if isinstance(role, Level):
        for level in kb.levels:
            if level.id != role.id and level.band == role.band:
                track = queries.track_words(level.tracks, ", ")
                found.append(Lateral(level, f"the same band ({level.band}) on the {track}"))
        for spec in kb.specializations:
            if role.id in spec.related_roles:
                found.append(Lateral(spec, f"{kind_noun(spec.kind)} whose entry names {role.title} as related"))
    else:
        for ref in role.related_roles:
            try:
                other = queries.resolve(kb, ref)
            except queries.LookupProblem:
                continue
            if isinstance(other, Specialization):
                found.append(Lateral(other, kind_noun(other.kind, "a related")))
    return found


def alternatives(kb: KnowledgeBase, role: Role | None = None) -> AlternativesAnswer:
    """Alternative paths and lateral moves: for everyone, or those the sources tie to ``role``."""
    topic = [g for g in kb.guidance if g.topic == "alternatives"]
    lateral = tuple(_lateral(kb, role)) if role is not None else ()
    if not kb.alternatives and not lateral:
        where = f" and no lateral move from {role.title}" if role is not None else ""
        raise EmptySection(f"this knowledge base lists no alternative paths{where}", "alternatives")
    if role is None:
        return AlternativesAnswer(
            role=None,
            lateral=(),
            specific=tuple(a for a in kb.alternatives if a.from_roles),
            general=tuple(a for a in kb.alternatives if not a.from_roles),
            guidance=tuple(topic),
        )
    return AlternativesAnswer(
        role=role,
        lateral=lateral,
        specific=tuple(a for a in kb.alternatives if role.id in a.from_roles),
        general=tuple(a for a in kb.alternatives if not a.from_roles),
        guidance=tuple(g for g in topic if not g.applies_to or role.id in g.applies_to),
    )
