"""Routes on ladders of any shape: answers come, whatever the number of routes, and they are the right ones.

A ladder is a graph: diamonds (two ways up that meet again), a lattice (every
level of a band promoted to every level of the next), a long chain, a wide fan.
The number of routes can grow exponentially; ``path``, ``compare`` and
``plan --target`` must still answer, list the best routes and count the rest.
Nothing here is timed: a generous alarm (:data:`HANG_GUARD`) only turns a hang
into a failure; speed is measured by ``benchmarks/routes.py``.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.questions import compare as compare_q
from pmpath.questions import navigate, queries
from pmpath.questions.problems import NoRoute, PromotionCycle
from pmpath.kb.checks import cross_reference_problems
from pmpath.kb.schema import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import ladders  # noqa: E402

HANG_GUARD = 60  # seconds; answers take milliseconds
TODAY = date(2030, 6, 15)
EXAMPLES = int(os.environ.get("PMPATH_FUZZ_EXAMPLES", "40"))
ROUTES = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=20),  # a hang fails the example instead of the whole run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@pytest.fixture(autouse=True)
def hang_guard():
    """A test that has not finished after HANG_GUARD seconds fails (with TimeoutError) instead of hanging."""

    def stop(signum, frame):
        raise TimeoutError(f"no answer after {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, HANG_GUARD)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    """Each shape of benchmarks/ladders.py written as a knowledge-base directory."""
    return {name: ladders.write(name, tmp_path_factory.mktemp(name)) for name in ladders.SHAPES}


# How many routes lead from the bottom to the top of each shape, and from the middle stretch's start to its end.
ROUTE_COUNTS = {"diamonds": (2**48, 2**10), "lattice": (10**28, 10**9), "chain": (1, 1), "fan": (500, 1)}
# The route lengths, in steps.
STEPS = {"diamonds": (96, 20), "lattice": (29, 10), "chain": (98, 20), "fan": (2, 1)}


def more_text(more: int) -> str | None:
    """What the path view says about the routes it does not list."""
    if more == 0:
        return None
    return "and more than 1,000 more routes" if more > 1000 else f"and {more:,} more route{'s' if more != 1 else ''}"


# ---------------------------------------------------------------- the command line, on each shape


@pytest.mark.parametrize("shape", sorted(ladders.SHAPES))
def test_path_answers_on_every_shape_and_counts_the_routes_it_does_not_list(run, shapes, shape):
    bottom, top, _, (low, high) = ladders.QUERIES[shape]
    for (start, goal), count, steps in zip([(bottom, top), (low, high)], ROUTE_COUNTS[shape], STEPS[shape]):
        result = run("--kb", str(shapes[shape]), "path", start, goal)
        assert result.exit_code == 0, result.stderr
        assert f"{steps} step{'s' if steps != 1 else ''}, about" in result.stdout
        listed = min(count - 1, navigate.OTHER_ROUTES)
        if listed:
            other = result.stdout.split("Other routes")[1]
            assert other.count("• via") == listed
        else:
            assert "Other routes" not in result.stdout
        more = more_text(count - 1 - listed)
        assert (more is None and " more route" not in result.stdout) or (more is not None and more in result.stdout)


@pytest.mark.parametrize("shape", sorted(ladders.SHAPES))
def test_one_step_and_downward_queries_answer_at_once_on_every_shape(run, shapes, shape):
    bottom, top, one, _ = ladders.QUERIES[shape]
    up = run("--kb", str(shapes[shape]), "path", bottom, one)
    assert up.exit_code == 0, up.stderr
    assert "1 step, about" in up.stdout and "Other routes" not in up.stdout
    down = run("--kb", str(shapes[shape]), "path", top, bottom)
    assert down.exit_code == 1
    assert "no route up from" in down.stderr and "is below" in down.stderr


@pytest.mark.parametrize("shape", sorted(ladders.SHAPES))
def test_compare_answers_on_every_shape(run, shapes, shape):
    bottom, top, _, _ = ladders.QUERIES[shape]
    result = run("--kb", str(shapes[shape]), "compare", bottom, top)
    assert result.exit_code == 0, result.stderr
    assert "above" in result.stdout


@pytest.mark.parametrize("shape", sorted(ladders.SHAPES))
def test_plan_to_the_top_answers_on_every_shape(run, shapes, shape):
    bottom, top, _, _ = ladders.QUERIES[shape]
    kb = str(shapes[shape])
    assert run("--kb", kb, "profile", "set", "--role", bottom, "--since", "2024-01").exit_code == 0
    result = run("--kb", kb, "plan", "--target", top, env={"PMPATH_TODAY": "2030-06-15"})
    assert result.exit_code == 0, result.stderr
    loaded = _load(kb)
    route = navigate.path(loaded, queries.resolve(loaded, bottom), queries.resolve(loaded, top), today=TODAY)
    assert f"Next step: {route.steps[0].step.target.title}\n" in result.stdout


def _load(directory: str) -> KnowledgeBase:
    from pmpath.kb.loader import load

    return load(directory)


def test_a_route_in_the_middle_of_the_ladder_sees_only_its_part(shapes):
    """A stretch of the diamonds: 2^10 routes, the best one straight up the right side (of two routes that tie,
    the one whose promotion comes later in the knowledge base, as the listing of every route found it first)."""
    kb = _load(str(shapes["diamonds"]))
    answer = navigate.path(kb, queries.resolve(kb, "d20"), queries.resolve(kb, "d30"), today=TODAY)
    assert [s.step.target.id for s in answer.steps][:4] == ["r20", "d21", "r21", "d22"]
    assert len(answer.other_routes) == 3 and answer.more_routes == 2**10 - 4


# ---------------------------------------------------------------- cycles (refused by validation)


def _ladder(levels: list[tuple[str, int, list[str]]], promotions: list[tuple[str, str, list[str]]]) -> dict:
    """A knowledge-base document: levels (id, band, tracks), promotions (from, to, tracks)."""
    doc = ladders.document(
        [{**ladders._level(level_id, f"Level {level_id}", band), "tracks": tracks} for level_id, band, tracks in levels],
        [{**ladders._promotion(start, goal), "tracks": tracks} for start, goal, tracks in promotions],
        "drawn",
    )
    doc["tracks"].append({**doc["tracks"][0], "id": "manager", "title": "People manager"})
    return doc


def test_a_promotion_cycle_on_the_way_is_a_problem_never_a_hang():
    """Validation refuses cycles; a knowledge base built from Python without it gets a clear problem."""
    doc = _ladder([("a", 1, ["ic"]), ("b", 2, ["ic"]), ("c", 3, ["ic"]), ("d", 4, ["ic"])],
                  [("a", "b", ["ic"]), ("b", "c", ["ic"]), ("c", "b", ["ic"]), ("c", "d", ["ic"])])
    kb = KnowledgeBase.model_validate(doc)
    assert any("promotion cycle" in p.message for p in cross_reference_problems(kb))
    with pytest.raises(PromotionCycle) as caught:
        navigate.path(kb, queries.resolve(kb, "a"), queries.resolve(kb, "d"), today=TODAY)
    assert caught.value.cycle in (["b", "c", "b"], ["c", "b", "c"]) and "pmpath validate" in caught.value.message
    with pytest.raises(PromotionCycle):
        compare_q.compare(kb, queries.resolve(kb, "a"), queries.resolve(kb, "d"))


def test_a_cycle_off_the_way_does_not_matter():
    doc = _ladder([("a", 1, ["ic"]), ("b", 2, ["ic"]), ("x", 2, ["ic"]), ("y", 3, ["ic"])],
                  [("a", "b", ["ic"]), ("a", "x", ["ic"]), ("x", "y", ["ic"]), ("y", "x", ["ic"])])
    kb = KnowledgeBase.model_validate(doc)
    answer = navigate.path(kb, queries.resolve(kb, "a"), queries.resolve(kb, "b"), today=TODAY)
    assert [s.step.target.id for s in answer.steps] == ["b"]


def test_a_promotion_cycle_tells_the_command_line_to_validate():
    from pmpath.cli.errors import explain
    from pmpath.cli.status import ExitStatus

    message, hints, status = explain(PromotionCycle("the promotions form a cycle (a -> b -> a)", ["a", "b", "a"]))
    assert status == ExitStatus.INVALID_KB and any("pmpath validate" in hint for hint in hints)


# ---------------------------------------------------------------- random graph-shaped ladders


TRACKS = st.sampled_from([["ic"], ["manager"], ["ic", "manager"]])


@st.composite
def graph_ladders(draw, max_levels: int = 9, acyclic: bool = True, max_promotions: int = 30):
    """A ladder of up to ``max_levels`` levels on two tracks, its promotions drawn at random, and a route query.

    Acyclic ladders promote only up the bands; otherwise any level may be promoted to any other.
    Returns (document, start, goal, preferred track or None).
    """
    count = draw(st.integers(2, max_levels))
    bands = sorted(draw(st.lists(st.integers(1, 8), min_size=count, max_size=count)))
    levels = [(f"v{i}", band, draw(TRACKS)) for i, band in enumerate(bands)]
    pairs = [(a, b) for a in range(count) for b in range(count)
             if a != b and (not acyclic or levels[a][1] < levels[b][1])]
    promotions = []
    if pairs:
        for a, b in draw(st.lists(st.sampled_from(pairs), max_size=max_promotions)):
            goal_tracks = levels[b][2]
            tracks = draw(st.sampled_from([goal_tracks, goal_tracks[:1], goal_tracks[-1:]]))
            promotions.append((levels[a][0], levels[b][0], tracks))
    start, goal = draw(st.sampled_from(levels))[0], draw(st.sampled_from(levels))[0]
    return _ladder(levels, promotions), start, goal, draw(st.sampled_from([None, "ic", "manager"]))


def every_route(kb: KnowledgeBase, start: str, goal: str) -> list[tuple]:
    """Every chain of promotions from start to goal, by listing them all (the old way: exponential)."""
    out: dict[str, list] = {}
    for promotion in kb.promotions:
        out.setdefault(promotion.from_, []).append(promotion)
    found, stack = [], [(start, ())]
    while stack:
        node, chain = stack.pop()
        if node == goal and chain:
            found.append(chain)
            continue
        for promotion in out.get(node, []):
            stack.append((promotion.to, chain + (promotion,)))
    return found


def route_order(route: tuple, prefer: str | None) -> tuple[int, int, int]:
    """Steps off the preferred track, switches of track, steps: the order routes are listed in."""
    off = sum(1 for p in route if prefer is not None and prefer not in p.tracks)
    changes, previous = 0, None
    for promotion in route:
        current = promotion.tracks[0] if len(promotion.tracks) == 1 else None
        if current is not None and previous is not None and current != previous:
            changes += 1
        previous = current or previous
    return off, changes, len(route)


def ids(routes) -> list[list[int]]:
    return [[id(p) for p in route] for route in routes]


@settings(ROUTES)
@given(drawn=graph_ladders(), limit=st.integers(1, 6))
def test_the_best_routes_are_those_of_listing_every_route_and_sorting(drawn, limit):
    """On small acyclic ladders, the search gives exactly the first routes of the exhaustive listing, sorted
    (ties in the order the listing found them), and the count is the number of routes listed."""
    doc, start, goal, prefer = drawn
    kb = KnowledgeBase.model_validate(doc)
    every = every_route(kb, start, goal) if start != goal else []
    every.sort(key=lambda route: route_order(route, prefer))
    found = navigate.routes_between(kb, start, goal, prefer, limit)
    assert ids(found.best) == ids(every[:limit])
    assert found.count == len(every)


@settings(ROUTES)
@given(drawn=graph_ladders())
def test_path_lists_the_best_route_the_next_three_and_counts_the_rest(drawn):
    doc, start, goal, track = drawn
    kb = KnowledgeBase.model_validate(doc)
    first, last = queries.resolve(kb, start), queries.resolve(kb, goal)
    if start == goal:
        return
    prefer = track or (last.tracks[0] if len(last.tracks) == 1 else None)
    every = sorted(every_route(kb, start, goal), key=lambda route: route_order(route, prefer))
    try:
        answer = navigate.path(kb, first, last, track, today=TODAY)
    except NoRoute:
        assert every == []
        return
    assert [s.step.promotion for s in answer.steps] == list(every[0])
    assert [[l.id for l in route] for route in answer.other_routes] == [[p.to for p in r[:-1]] for r in every[1:4]]
    assert answer.more_routes == len(every) - 1 - len(answer.other_routes)


@settings(ROUTES)
@given(drawn=graph_ladders(max_levels=12, acyclic=False, max_promotions=40))
def test_any_promotion_graph_gets_a_route_a_reason_or_the_cycle(drawn):
    """Promotions drawn between any two levels, cycles included: never a hang; a route is a chain that
    leads from start to goal without repeating a level."""
    doc, start, goal, track = drawn
    kb = KnowledgeBase.model_validate(doc)
    if start == goal:
        return
    try:
        answer = navigate.path(kb, queries.resolve(kb, start), queries.resolve(kb, goal), track, today=TODAY)
    except NoRoute:
        assert every_route_exists(kb, start, goal) is False
        return
    except PromotionCycle as problem:
        assert problem.cycle[0] == problem.cycle[-1] and len(problem.cycle) > 2
        return
    levels = [start] + [s.step.target.id for s in answer.steps]
    assert levels[-1] == goal and len(set(levels)) == len(levels)


def every_route_exists(kb: KnowledgeBase, start: str, goal: str) -> bool:
    """Whether any chain of promotions leads from start to goal (a plain search)."""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for promotion in kb.promotions:
            if promotion.from_ == node and promotion.to not in seen:
                if promotion.to == goal:
                    return True
                seen.add(promotion.to)
                todo.append(promotion.to)
    return False


@st.composite
def valid_graph_ladders(draw):
    """A valid one-track ladder of up to 60 levels in up to 12 bands, densely promoted, with a route query.

    Every level below the top band gets a promotion up (as validation asks), then more at random.
    """
    count = draw(st.integers(2, 60))
    bands = sorted(draw(st.lists(st.integers(1, 12), min_size=count, max_size=count)))
    top = bands[-1]
    above = {i: [j for j in range(count) if bands[j] > bands[i]] for i in range(count)}
    edges = {(i, draw(st.sampled_from(above[i]))) for i in range(count) if bands[i] < top}
    density = draw(st.floats(0, 1))
    edges |= {(i, j) for i in range(count) for j in above[i] if draw(st.floats(0, 1)) < density * 0.5}
    levels = [ladders._level(f"v{i}", f"Level {i}", band) for i, band in enumerate(bands)]
    promotions = [ladders._promotion(f"v{i}", f"v{j}") for i, j in sorted(edges)]
    start, goal = draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1))
    return ladders.document(levels, promotions, "drawn"), f"v{start}", f"v{goal}"


@settings(ROUTES, max_examples=max(8, EXAMPLES // 4))
@given(drawn=valid_graph_ladders())
def test_path_and_compare_through_the_command_line_on_any_valid_graph(run, tmp_path_factory, drawn):
    doc, start, goal = drawn
    directory = tmp_path_factory.mktemp("drawn")
    (directory / "ladder.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    kb = KnowledgeBase.model_validate(doc)
    assert cross_reference_problems(kb) == []
    out: dict[str, list[str]] = {}
    for promotion in kb.promotions:
        out.setdefault(promotion.from_, []).append(promotion.to)

    @lru_cache(maxsize=None)
    def routes_from(level: str) -> int:
        return 1 if level == goal else sum(routes_from(to) for to in out.get(level, ()))

    result = run("--kb", str(directory), "path", start, goal)
    count = routes_from(start) if start != goal else 0
    if count == 0:
        assert result.exit_code == 1 and "pmpath: error:" in result.stderr
    else:
        assert result.exit_code == 0, result.stderr
        listed = min(count - 1, navigate.OTHER_ROUTES)
        more = more_text(count - 1 - listed)
        assert more is None or more in result.stdout
        assert (listed == 0) == ("Other routes" not in result.stdout)
    compared = run("--kb", str(directory), "compare", start, goal)
    assert compared.exit_code == (1 if start == goal else 0), compared.stderr
