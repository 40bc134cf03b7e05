"""How fast routes are on graph-shaped ladders, as multiples of starting a bare Python.

Run it from a checkout, with pmpath installed in the Python that runs it::

    python benchmarks/routes.py            # the full run (about a minute)
    python benchmarks/routes.py --quick    # a quick check that everything runs

The ladders are those of ``ladders.py``: 48 diamonds (2^48 routes from bottom
to top), a lattice of 300 levels (10^28 routes), a chain of 99 levels and a fan
of 500. On each, ``path`` the whole way up, one step up, downwards (no route:
exit 1) and over a stretch in the middle, ``compare`` bottom and top, and
``plan --target`` the top from a profile at the bottom. As in ``bench.py``,
every timed run comes right after a bare ``python -c pass`` and a figure is the
median of the runs' times over the bare start's (and the median time in ms),
with the knowledge-base cache filled. Also shown, unjudged: the time of the
route question alone (``navigate.path``), in this process.

The target: every answer well under a second (at most ``TARGET_SECONDS``).
Exit status: 0 when every command ran as expected; 1 when one failed; with
``--strict`` also 1 when a target is missed. ``--quick`` (one run of each, no
warm-up, so the first runs fill the caches) proves the commands work; its
times are not judged.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ladders  # noqa: E402
from bench import median_ms, pmpath_command, summary  # noqa: E402

TARGET_SECONDS = 0.75


@dataclass
class Case:
    shape: str
    label: str
    args: list[str]
    expect: int = 0  # the exit status the command should end with
    times: list[float] = field(default_factory=list)
    baselines: list[float] = field(default_factory=list)


def cases(shape: str, directory: Path) -> list[Case]:
    bottom, top, one, (low, high) = ladders.QUERIES[shape]
    kb = ["--kb", str(directory)]
    return [
        Case(shape, f"path {bottom} {top}", [*kb, "path", bottom, top]),
        Case(shape, f"path {bottom} {one} (one step)", [*kb, "path", bottom, one]),
        Case(shape, f"path {top} {bottom} (downwards)", [*kb, "path", top, bottom], expect=1),
        Case(shape, f"path {low} {high}", [*kb, "path", low, high]),
        Case(shape, f"compare {bottom} {top}", [*kb, "compare", bottom, top]),
        Case(shape, f"plan --target {top}", [*kb, "plan", "--target", top]),
    ]


def in_process_ms(shape: str) -> float:
    """The route question alone, bottom to top (navigate.path on the loaded knowledge base), in ms."""
    from pmpath.questions import navigate, queries
    from pmpath.kb.schema import KnowledgeBase

    kb = KnowledgeBase.model_validate(ladders.SHAPES[shape]())
    bottom, top, _, _ = ladders.QUERIES[shape]
    start, goal = queries.resolve(kb, bottom), queries.resolve(kb, top)
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        navigate.path(kb, start, goal, today=date(2030, 6, 15))
        runs.append(time.perf_counter() - began)
    return statistics.median(runs) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure routes on graph-shaped ladders.")
    parser.add_argument("--quick", action="store_true", help="one timed run each: proves the benchmark runs")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per command (default 7; 1 with --quick)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 7)
    pmpath = pmpath_command()
    bare = [sys.executable, "-c", "pass"]

    with tempfile.TemporaryDirectory(prefix="pmpath-routes-") as scratch:
        root = Path(scratch)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PMPATH_KB")}
        env.update({"PMPATH_CACHE_DIR": str(root / "cache"), "COLUMNS": "100", "NO_COLOR": "1",
                    "PMPATH_TODAY": "2030-06-15"})
        envs: dict[str, dict] = {}
        all_cases: list[Case] = []
        for shape in ladders.SHAPES:
            directory = ladders.write(shape, root / shape)
            envs[shape] = {**env, "PMPATH_HOME": str(root / f"home-{shape}")}
            bottom = ladders.QUERIES[shape][0]
            subprocess.run([*pmpath, "--kb", str(directory), "profile", "set", "--role", bottom, "--since", "2024-01"],
                           env=envs[shape], stdin=subprocess.DEVNULL, capture_output=True, check=True)
            all_cases += cases(shape, directory)

        def run(case: Case) -> tuple[float, int, str]:
            began = time.perf_counter()
            done = subprocess.run([*pmpath, *case.args], env=envs[case.shape], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            return time.perf_counter() - began, done.returncode, done.stderr

        # A warm-up run of each (bytecode and knowledge-base caches) unless --quick; every run checks the answer.
        for number in range(repeat + (0 if args.quick else 1)):
            for case in all_cases:
                began = time.perf_counter()
                subprocess.run(bare, env=env, stdin=subprocess.DEVNULL)
                baseline = time.perf_counter() - began
                elapsed, code, stderr = run(case)
                if code != case.expect:
                    print(f"error: pmpath {' '.join(case.args)} exited {code} (expected {case.expect}):\n{stderr}",
                          file=sys.stderr)
                    return 1
                if number or args.quick:
                    case.baselines.append(baseline)
                    case.times.append(elapsed)

    baseline = median_ms([t for case in all_cases for t in case.baselines])
    print(f"pmpath routes benchmark, {time.strftime('%Y-%m-%d')}; {repeat} timed runs per command, medians")
    print(f"bare `python -c pass`: {baseline:.1f} ms")
    print()
    print(f"| {'shape':<9} | {'command':<38} | {'ms':>7} | {'x bare':>8} | {'target':<20} |")
    print(f"|{'-' * 11}|{'-' * 40}|{'-' * 9}|{'-' * 10}|{'-' * 22}|")
    missed = []
    for case in all_cases:
        ms = median_ms(case.times)
        ratio = statistics.median(t / b for t, b in zip(case.times, case.baselines))
        judged = "(not judged)" if args.quick else ("ok" if ms <= TARGET_SECONDS * 1000 else "MISSED")
        if not args.quick and ms > TARGET_SECONDS * 1000:
            missed.append(f"{case.shape}: {case.label}: {ms:.0f} ms")
        print(f"| {case.shape:<9} | {case.label:<38} | {ms:7.0f} | {ratio:7.1f}x | "
              f"{'<= ' + format(TARGET_SECONDS, 'g') + ' s ' + judged:<20} |")
    print()
    for shape in ladders.SHAPES:
        print(f"{shape}: the route question alone, bottom to top: {in_process_ms(shape):.1f} ms")
    print()
    return summary(missed, args.quick, args.strict)


if __name__ == "__main__":
    sys.exit(main())
