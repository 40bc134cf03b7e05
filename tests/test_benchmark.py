"""The benchmark runs: its quick mode, as CI runs it. Times are printed, never judged here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_the_quick_benchmark_runs_every_measurement(tmp_path):
    env = {**os.environ, "PMPATH_CACHE_DIR": str(tmp_path / "must-stay-unused")}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--repeat", "1"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "bare `python -c pass`:" in out
    for row in ("floor: minimal Typer app, small Rich table", "pmpath --help", "pmpath show --help", "pmpath levels", "pmpath show growth-pm", "pmpath next senior-pm --track ic",
                "pmpath levels --no-cache", "15 roles, cold", "15 roles, warm", "200 roles, cold", "200 roles, warm"):
        assert f"| {row} " in out, row
    assert "| pmpath browse: first screen, headless " in out
    for command in ("search", "validate"):  # measured once they exist, else skipped with a note
        assert f"| pmpath {command} " in out
    assert "quick mode: the times above are not judged" in out
    assert not (tmp_path / "must-stay-unused").exists()  # the benchmark keeps its own cache


def test_a_failing_command_fails_the_benchmark(tmp_path):
    """A broken pmpath must not produce figures: the benchmark stops with the error."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    script = fake_bin / "pmpath"
    script.write_text("#!/bin/sh\necho 'pmpath: error: broken on purpose' >&2\nexit 4\n")
    script.chmod(0o755)
    code = (
        "import sys, runpy; sys.argv = ['bench.py', '--quick', '--repeat', '1'];"
        f"sys.path.insert(0, {str(BENCH.parent)!r}); import bench;"
        f"bench.pmpath_command = lambda: [{str(script)!r}];"
        "sys.exit(bench.main(sys.argv[1:]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "broken on purpose" in result.stderr


def test_the_routes_benchmark_runs_every_shape(tmp_path):
    """benchmarks/routes.py --quick: every command on every graph-shaped ladder ran as expected (times unjudged)."""
    env = {**os.environ, "PMPATH_CACHE_DIR": str(tmp_path / "must-stay-unused")}
    result = subprocess.run(
        [sys.executable, str(BENCH.with_name("routes.py")), "--quick"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bare `python -c pass`:" in result.stdout
    for shape in ("diamonds", "lattice", "chain", "fan"):
        assert f"| {shape} " in result.stdout and f"{shape}: the route question alone" in result.stdout
    assert "(downwards)" in result.stdout and "plan --target" in result.stdout
    assert "quick mode: the times above are not judged" in result.stdout
    assert not (tmp_path / "must-stay-unused").exists()
