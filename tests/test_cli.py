"""The command line as a user meets it: output, errors, exit codes (at a fixed width)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pmpath import __version__

from tests.conftest import BAD, MINI


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"pmpath {__version__}\n"


def test_no_arguments_shows_help(run):
    result = run()
    assert "levels" in result.output and "show" in result.output and "next" in result.output


@pytest.mark.parametrize("command", ["levels", "show", "next"])
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: pmpath {command}" in result.stdout


def test_levels_builtin(run):
    result = run("levels")
    assert result.exit_code == 0, result.stderr
    for title in ("Associate Product Manager", "Staff Product Manager", "Group Product Manager", "Chief Product Officer"):
        assert title in result.stdout
    assert "\x1b[" not in result.stdout


def test_levels_is_a_table_with_the_fork_side_by_side_when_wide(run):
    result = run("levels", env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if "Band" in line)
    assert "Individual contributor" in header and "People manager" in header
    band5 = next(line for line in result.stdout.splitlines() if line.strip().startswith("5 "))
    assert "Principal Product" in band5 and "Group Product" in band5
    assert all(len(line) <= 160 for line in result.stdout.splitlines())


@pytest.mark.parametrize("width", [40, 60, 100, 119, 120, 200])
def test_levels_never_cuts_or_crops_text(run, width):
    result = run("levels", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    assert "…" not in result.stdout
    words = set(result.stdout.split())
    for word in "Small features and assigned tasks within another PM's product.".split():
        assert word in words, word  # wrapped between words, never inside one


def test_levels_track_filter(run):
    ic = run("levels", "--track", "ic").stdout
    manager = run("levels", "--track", "manager").stdout
    assert "Principal" in ic and "Director" not in ic
    assert "Director" in manager and "Principal Product Manager" not in manager


def test_levels_track_all_is_default(run):
    assert run("levels", "--track", "all").stdout == run("levels").stdout


def test_levels_bad_track_is_a_usage_error_with_suggestion(run):
    result = run("levels", "--track", "icc")
    assert result.exit_code == 2
    assert "did you mean ic?" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["growth-pm", "Growth PM", "GROWTH_PM", "gpm", "APM", "associate-pm", "vp", "tpm"])
def test_show_accepts_ids_aliases_titles(run, name):
    result = run("show", name)
    assert result.exit_code == 0, result.stderr
    assert "Sources" in result.stdout


def test_show_without_role_lists_roles(run):
    result = run("show")
    assert result.exit_code == 0
    for role_id in ("apm", "cpo", "growth-pm", "product-ops"):
        assert role_id in result.stdout


def test_show_unknown_role(run):
    result = run("show", "growht-pm")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("pmpath: error: no role called 'growht-pm'")
    assert "did you mean growth-pm" in result.stderr


def test_show_ambiguous_role(run):
    result = run("show", "product")
    assert result.exit_code == 1
    assert "could mean" in result.stderr and "candidates:" in result.stderr


def test_next_senior_ic(run):
    result = run("next", "senior-pm", "--track", "ic")
    assert result.exit_code == 0, result.stderr
    assert "Staff Product Manager (staff-pm)" in result.stdout
    assert "Group Product Manager" not in result.stdout
    assert "What it takes" in result.stdout


def test_next_senior_without_track_shows_the_fork(run):
    out = run("next", "senior-pm").stdout
    assert "2 ways up: one on the Individual contributor track, one on the People manager track." in out
    assert "staff-pm" in out and "group-pm" in out


def test_next_top_of_ic_offers_the_switch(run):
    out = run("next", "principal-pm", "--track", "ic").stdout
    assert "top of the Individual contributor track" in out
    assert "director" in out


def test_next_cpo_shows_moves_on(run):
    out = run("next", "cpo").stdout
    assert "Where people go from here" in out
    assert "Founder" in out or "founder" in out


def test_next_specialization(run):
    out = run("next", "growth-pm").stdout
    assert "specialization" in out and "Growing within it" in out


def test_unknown_command_suggests(run):
    result = run("levls")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmpath: error: no command called 'levls'\n  did you mean levels?\n  run 'pmpath --help' for usage\n"
    )
    assert result.stdout == ""


def test_unknown_option_suggests(run):
    result = run("levels", "--trak", "ic")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmpath: error: no such option: --trak\n  did you mean --track?\n  run 'pmpath levels --help' for usage\n"
    )


def test_invalid_knowledge_base_exit_3_with_location(run):
    result = run("--kb", str(BAD / "unknown-key.yaml"), "levels")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "the knowledge base is not valid (1 problem):" in result.stderr
    assert "unknown-key.yaml:31:5: levels[1].respnsibilities: unknown key 'respnsibilities'" in result.stderr


def test_kb_from_environment(run):
    result = run("levels", env={"PMPATH_KB": str(MINI)})
    assert "Junior Maker" in result.stdout


def test_colour_only_when_forced(run):
    plain = run("show", "apm")
    forced = run("show", "apm", env={"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"})
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in forced.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--kb", str(BAD / "python-tag.yaml"), "levels"],
        ["--kb", str(BAD / "alias-bomb.yaml"), "show", "x"],
        ["--kb", "/nonexistent/kb", "next", "apm"],
        ["show", "nobody"],
    ],
)
def test_real_process_never_shows_a_traceback(args, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", *args], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode in (1, 3)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("pmpath: error:")
