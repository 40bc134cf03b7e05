"""How fast pmpath answers, as multiples of starting a bare Python.

Run it from a checkout, with pmpath installed in the Python that runs it::

    python benchmarks/bench.py            # the full run (a few minutes)
    python benchmarks/bench.py --quick    # a quick check that everything runs

Every command runs repeatedly, each time in a fresh process and right after a
bare ``python -c pass``; a figure is the median of the runs' times divided by
the time of the bare start just before each (and the median time in ms).
Interleaving makes both see the same machine load; ratios travel between
machines far better than milliseconds.

What is measured:

* the commands on the built-in knowledge base, as a user runs them (with the
  knowledge-base cache filled, i.e. not the first run after an install or an
  edit), and ``--no-cache`` for comparison;
* for reference, the floor: ``floor_app.py``, a minimal Typer app that prints a
  small Rich table (Typer builds a pydantic adapter per parameter, so pydantic,
  Typer and Rich are paid by any such command);
* ``show`` on generated knowledge bases of 15, 1,000 and 10,000 roles (written
  by ``generate_kb.py`` into a temporary directory): cold (the cache is empty,
  so the YAML is read, validated and cached) and warm (answered from the cache);
  and, as the floor of any cold load, a Python process that only reads the same
  files with PyYAML's C loader (``yaml.load(..., Loader=yaml.CSafeLoader)``,
  garbage collector paused). Cold is judged as a multiple of that floor.

* ``pmpath browse`` up to its first screen, drawn headless (``browse_start.py``: the real
  command, with the terminal check passed and the app quitting once its first screen is up),
  judged in milliseconds: the issue asks for the browser to open within a second.

Targets: every query command warm <= 16x, ``--help`` <= 8x, each command on the
built-in knowledge base with ``--no-cache`` <= 30x, ``show`` on 10,000 roles
warm <= 25x and cold <= 1.5x the PyYAML floor.

Commands that this pmpath does not have yet (``pmpath CMD --help`` fails) are
skipped with a note. The cache is kept in a temporary directory
(``PMPATH_CACHE_DIR``), never the user's. Python's bytecode cache is allowed
(``PYTHONDONTWRITEBYTECODE`` is dropped for the children, and every command
runs once untimed first), since that is how an installed pmpath runs.

Exit status: 0 when every command ran; 1 when a command failed (its error is
shown); with ``--strict`` also 1 when a target is missed. ``--quick`` (few
repeats, small knowledge bases) checks that the script and the commands work;
its times mean little and are never judged.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_kb  # noqa: E402  (the sibling module)

# (label, arguments, kind): "help" is judged against TARGET_HELP, "command" against
# TARGET_COMMAND (and also measured with --no-cache), "info" is shown unjudged.
BUILTIN_COMMANDS = (
    ("--help", ["--help"], "help"),
    ("show --help", ["show", "--help"], "info"),
    ("levels", ["levels"], "command"),
    ("show growth-pm", ["show", "growth-pm"], "command"),
    ("next senior-pm --track ic", ["next", "senior-pm", "--track", "ic"], "command"),
    ("search roadmap", ["search", "roadmap"], "command"),
    ("validate", ["validate"], "command"),
)
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
BROWSE_START = Path(__file__).resolve().parent / "browse_start.py"
TARGET_BROWSE_MS = 1000.0  # pmpath browse: its first screen within a second (milliseconds, not a multiple)
SIZES = (15, 1_000, 10_000)
QUICK_SIZES = (15, 200)

# Targets, as multiples of a bare Python start (of PyYAML's C loader where stated).
TARGET_COMMAND = 16.0  # every query command, cache warm
TARGET_HELP = 8.0
TARGET_NO_CACHE = 30.0  # the built-in knowledge base read from YAML (--no-cache)
TARGET_LARGE_WARM = 25.0  # show on 10,000 roles, cache warm
TARGET_LARGE_COLD_VS_YAML = 1.5  # show on 10,000 roles, cache cold, over PyYAML's C loader alone on the same files
TARGET_GROWTH = 12.0  # 10,000 roles vs 1,000 (shown, not judged)

# PyYAML's C loader alone over a directory's files, garbage collector paused: the floor of any cold load.
YAML_ALONE = (
    "import gc, glob, os, sys, yaml; gc.disable()\n"
    "for name in sorted(glob.glob(os.path.join(glob.escape(sys.argv[1]), '*.yaml'))):\n"
    "    with open(name, encoding='utf-8') as stream: yaml.load(stream, Loader=yaml.CSafeLoader)\n"
)


@dataclass
class Case:
    label: str
    args: list[str]
    cold: bool = False  # empty the cache before each timed run
    kind: str = "command"
    command: list[str] | None = None  # another program than pmpath (the floor app)
    times: list[float] = field(default_factory=list)
    baselines: list[float] = field(default_factory=list)


def pmpath_command() -> list[str]:
    """The installed ``pmpath`` script beside this Python, else ``python -m pmpath``."""
    script = Path(sys.executable).with_name("pmpath")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("pmpath")
    if found and Path(found).parent == Path(sys.executable).parent:
        return [found]
    return [sys.executable, "-m", "pmpath"]


class Runner:
    def __init__(self, cache: Path, quiet: bool):
        self.pmpath = pmpath_command()
        self.cache = cache
        self.quiet = quiet
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PMPATH_KB")}
        env.update({"PMPATH_CACHE_DIR": str(cache), "COLUMNS": "100", "NO_COLOR": "1",
                    "PMPATH_HOME": str(cache.parent / "home")})  # no user's profile: the same run everywhere
        self.env = env

    def run(self, args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.pmpath + args, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def run_other(self, command: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            command, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def timed(self, command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
        start = time.perf_counter()
        done = subprocess.run(
            command, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        return time.perf_counter() - start, done

    def empty_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def available(self, args: list[str]) -> bool:
        """Whether this pmpath has the command (its --help works)."""
        if args[0].startswith("-"):
            return True
        return self.run([args[0], "--help"]).returncode == 0

    def measure(self, cases: list[Case], repeat: int) -> None:
        """Run every case ``repeat`` times, each timed run right after a bare Python start."""
        bare = [sys.executable, "-c", "pass"]
        for case in cases:  # warm-up: bytecode cache, and the knowledge-base cache for warm cases
            done = self.run(case.args) if case.command is None else self.run_other(case.command)
            if done.returncode != 0:
                raise CommandFailed(case, done.returncode, done.stderr)
        for round_number in range(repeat):
            for case in cases:
                if case.cold:
                    self.empty_cache()
                baseline, _ = self.timed(bare)
                elapsed, done = self.timed(case.command or self.pmpath + case.args)
                if done.returncode != 0:
                    raise CommandFailed(case, done.returncode, done.stderr.decode(errors="replace"))
                case.baselines.append(baseline)
                case.times.append(elapsed)
            if not self.quiet:
                print(f"  round {round_number + 1}/{repeat} done", file=sys.stderr)


class CommandFailed(Exception):
    def __init__(self, case: Case, code: int, stderr: str):
        super().__init__(f"pmpath {' '.join(case.args)} exited {code}:\n{stderr.strip()}")


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def paired_ratio(case: Case) -> float:
    """The median, over the timed runs, of each run's time over the bare start just before it.

    Pairing each run with its own baseline cancels the drift of a busy machine
    better than dividing one median by another.
    """
    return statistics.median(t / b for t, b in zip(case.times, case.baselines))


def verdict(value: float, limit: float) -> str:
    return "ok" if value <= limit else "MISSED"


def summary(missed: list[str], quick: bool, strict: bool) -> int:
    """Print the verdict under a benchmark's table; the exit status (1 with ``--strict`` when a target is missed)."""
    if quick:
        print("quick mode: the times above are not judged")
    elif missed:
        print("targets missed:")
        for item in missed:
            print(f"  - {item}")
    else:
        print("every target met")
    return 1 if (strict and missed) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure pmpath's speed as multiples of a bare Python start.")
    parser.add_argument("--quick", action="store_true",
                        help="few repeats and small knowledge bases: proves the benchmark runs; times are not judged")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per command (default 15; 2 with --quick)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 15)
    sizes = QUICK_SIZES if args.quick else SIZES
    large_repeat = max(1, min(repeat, 2 if args.quick else 7))

    with tempfile.TemporaryDirectory(prefix="pmpath-bench-") as scratch:
        scratch_path = Path(scratch)
        runner = Runner(scratch_path / "cache", quiet=args.quick)
        print(f"pmpath speed benchmark, {time.strftime('%Y-%m-%d')}")
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
        print(f"python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
        print(f"pmpath: {' '.join(runner.pmpath)}; {repeat} timed runs per command, medians")
        print()

        builtin: list[Case] = [
            Case("floor: minimal Typer app, small Rich table", [], kind="info",
                 command=[sys.executable, str(FLOOR_APP), "show", "growth-pm"]),
        ]
        skipped: list[str] = []
        for label, command, kind in BUILTIN_COMMANDS:
            if runner.available(command):
                builtin.append(Case(label, command, kind=kind))
                if kind == "command":
                    builtin.append(Case(f"{label} --no-cache", ["--no-cache", *command], kind="no-cache"))
            else:
                skipped.append(label.split()[0])
        if runner.available(["browse"]):
            builtin.append(Case("browse: first screen, headless", [], kind="first-screen",
                                command=[sys.executable, str(BROWSE_START)]))
        else:
            skipped.append("browse")

        generated: list[tuple[int, Case, Case]] = []
        yaml_alone: dict[int, Case] = {}
        for size in sizes:
            directory = generate_kb.generate(scratch_path / f"kb-{size}", size)
            role = generate_kb.example_role(size)
            query = ["--kb", str(directory), "show", role]
            generated.append((size, Case(f"{size} roles, cold", query, cold=True), Case(f"{size} roles, warm", query)))
            yaml_alone[size] = Case(f"{size} roles, PyYAML C loader alone", [], kind="info",
                                    command=[sys.executable, "-c", YAML_ALONE, str(directory)])

        try:
            runner.measure(builtin, repeat)
            small = [case for size, cold, warm in generated if size < 10_000 for case in (cold, warm, yaml_alone[size])]
            runner.measure(small, repeat)
            large = [case for size, cold, warm in generated if size >= 10_000 for case in (cold, warm, yaml_alone[size])]
            if large:
                runner.measure(large, large_repeat)
        except CommandFailed as failure:
            print(f"error: {failure}", file=sys.stderr)
            return 1

        all_baselines = [t for case in builtin for t in case.baselines]
        for size, cold, warm in generated:
            all_baselines += cold.baselines + warm.baselines + yaml_alone[size].baselines
        bare = median_ms(all_baselines)
        print(f"bare `python -c pass`: {bare:.1f} ms (median of {len(all_baselines)} runs)")
        print()

        missed: list[str] = []
        judge = not args.quick

        def row(label: str, case: Case, limit: float | None, note: str = "") -> None:
            ms = median_ms(case.times)
            ratio = paired_ratio(case)
            mark = ""
            if case.kind == "first-screen":  # judged in milliseconds
                mark = f"<= {TARGET_BROWSE_MS:g} ms  {verdict(ms, TARGET_BROWSE_MS) if judge else '(not judged)'}"
                if judge and ms > TARGET_BROWSE_MS:
                    missed.append(f"{label}: {ms:.0f} ms > {TARGET_BROWSE_MS:g} ms")
            elif limit is not None:
                mark = f"<= {limit:g}x  {verdict(ratio, limit) if judge else '(not judged)'}"
                if judge and ratio > limit:
                    missed.append(f"{label}: {ratio:.1f}x > {limit:g}x")
            print(f"| {label:<44} | {ms:9.0f} | {ratio:7.1f}x | {mark:<24} |{note}")

        print(f"| {'built-in knowledge base':<44} | {'ms':>9} | {'x bare':>8} | {'target':<24} |")
        print(f"|{'-' * 46}|{'-' * 11}|{'-' * 10}|{'-' * 26}|")
        for case in builtin:
            label = f"pmpath {case.label}" if case.command is None or case.kind == "first-screen" else case.label
            limit = {"help": TARGET_HELP, "command": TARGET_COMMAND, "no-cache": TARGET_NO_CACHE}.get(case.kind)
            row(label, case, limit)
        for name in skipped:
            print(f"| {'pmpath ' + name:<44} | {'-':>9} | {'-':>8} | {'skipped: no such command':<24} |")
        print()
        print(f"| {'pmpath --kb DIR show ROLE':<44} | {'ms':>9} | {'x bare':>8} | {'target':<24} |")
        print(f"|{'-' * 46}|{'-' * 11}|{'-' * 10}|{'-' * 26}|")
        by_size: dict[int, tuple[Case, Case]] = {}
        for size, cold, warm in generated:
            by_size[size] = (cold, warm)
            large = size >= 10_000
            alone = yaml_alone[size]
            row(alone.label, alone, None)
            row(cold.label, cold, None)
            over_yaml = statistics.median(cold.times) / statistics.median(alone.times)
            mark = ""
            if large:
                mark = f"<= {TARGET_LARGE_COLD_VS_YAML:g}x  " + (
                    verdict(over_yaml, TARGET_LARGE_COLD_VS_YAML) if judge else "(not judged)")
                if judge and over_yaml > TARGET_LARGE_COLD_VS_YAML:
                    missed.append(f"{cold.label}: {over_yaml:.2f}x PyYAML's C loader > {TARGET_LARGE_COLD_VS_YAML:g}x")
            print(f"| {'  (cold, x PyYAML C loader alone)':<44} | {'':>9} | {over_yaml:7.2f}x | {mark:<24} |")
            row(warm.label, warm, TARGET_LARGE_WARM if large else None)
        if 1_000 in by_size and 10_000 in by_size:
            print()
            for index, kind in ((0, "cold"), (1, "warm")):
                growth = paired_ratio(by_size[10_000][index]) / paired_ratio(by_size[1_000][index])
                print(f"10,000 vs 1,000 roles, {kind}: {growth:.1f}x (for reference: <= {TARGET_GROWTH:g}x is linear or better)")
        for size in sizes:
            files = sorted((scratch_path / f"kb-{size}").glob("*.yaml"))
            total = sum(f.stat().st_size for f in files)
            print(f"generated {size} roles: {total / 1024:.0f} KiB of YAML in {len(files)} files")
        print()
        return summary(missed, args.quick, args.strict)


if __name__ == "__main__":
    sys.exit(main())
