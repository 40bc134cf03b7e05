"""Inputs at the edges (issue 17): paths and names echoed escaped, dates at the ends of the range,
special files wherever pmpath opens one, stray files in a knowledge-base directory. None of them
may hang pmpath or end in an internal error (exit 4)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, MINI

EVIL = "evil\x1b[2J\u202e\nname"
"""A name with a terminal escape, a bidi override and a line break."""
EVIL_SHOWN = "evil\\x1b[2J\\u202e\\nname"


def pmpath(*args: str, env: dict | None = None, cwd: Path | None = None, tty_stderr: bool = False,
           timeout: float = 30) -> tuple[int, str, str]:
    """Run pmpath as a user does (a process; stderr a terminal when asked); never hangs the tests."""
    environ = {**os.environ, **(env or {})}
    if not tty_stderr:
        done = subprocess.run([sys.executable, "-m", "pmpath", *args], capture_output=True, text=True,
                              env=environ, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "pmpath", *args], stdout=subprocess.PIPE, stderr=follower,
                                   stdin=subprocess.DEVNULL, env=environ, cwd=cwd, text=True)
        os.close(follower)
        out, _ = process.communicate(timeout=timeout)
        err = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
        return process.returncode, out, err.decode("utf-8", "replace").replace("\r\n", "\n")
    finally:
        os.close(leader)


def assert_nothing_raw(text: str) -> None:
    import unicodedata

    raw = [c for c in text if c not in "\n" and unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")]
    assert raw == [], text


# ---------------------------------------------------------------- item 3: paths echoed escaped


def test_export_output_path_is_escaped_in_the_success_message(tmp_path):
    target = tmp_path / f"{EVIL}.html"
    code, out, err = pmpath("export", "--format", "html", "-o", str(target), tty_stderr=True)
    assert code == 0 and target.exists()
    assert f"pmpath: wrote {tmp_path}/{EVIL_SHOWN}.html (" in err
    assert_nothing_raw(err.rstrip("\n"))


def _with_profile(home: Path) -> dict:
    env = {"PMPATH_HOME": str(home)}
    code, out, err = pmpath("profile", "set", "--role", "pm", "--since", "2023-01", env=env)
    assert code == 0, err
    return env


def test_pmpath_home_is_escaped_when_the_profile_is_saved_and_shown(tmp_path):
    home = tmp_path / EVIL
    env = {"PMPATH_HOME": str(home)}
    code, out, err = pmpath("profile", "set", "--role", "pm", "--since", "2023-01", env=env)
    assert code == 0, err
    assert f"Profile saved to {tmp_path}/{EVIL_SHOWN}/profile.yaml" in " ".join(out.split())
    code, shown, err = pmpath("profile", "show", env=env)
    assert code == 0 and "evil\\x1b[2J" in shown
    assert_nothing_raw(out + shown)


def test_plan_export_paths_are_escaped_in_the_success_message(tmp_path):
    env = _with_profile(tmp_path / "home")
    markdown, ics = tmp_path / f"{EVIL}.md", tmp_path / f"{EVIL}.ics"
    code, out, err = pmpath("plan", "--target", "senior-pm", "--markdown", str(markdown), "--ics", str(ics), env=env)
    assert code == 0, err
    assert markdown.exists() and ics.exists()
    assert f"Wrote the Markdown plan to {tmp_path}/{EVIL_SHOWN}.md." in " ".join(out.split())
    assert_nothing_raw(out)


def test_init_directory_is_escaped_in_the_success_message(tmp_path):
    code, out, err = pmpath("init", str(tmp_path / EVIL))
    assert code == 0, err
    assert out.splitlines()[0] == f"wrote {tmp_path}/{EVIL_SHOWN}/ladder.yaml"
    assert_nothing_raw(out)


def test_validate_names_the_paths_escaped(tmp_path):
    kb = tmp_path / EVIL
    kb.mkdir()
    (kb / "ladder.yaml").write_text((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = pmpath("validate", str(kb))
    assert code == 0 and out.startswith(f"{tmp_path}/{EVIL_SHOWN}: valid: ")
    assert_nothing_raw(out + err)


# ---------------------------------------------------------------- item 4: dates at the edges


def _hand_edited_profile(home: Path, since: str) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.yaml").write_text(f'format: 1\nrole: pm\nsince: "{since}"\n', encoding="utf-8")
    return {"PMPATH_HOME": str(home)}


@pytest.mark.parametrize(("since", "command"), [
    ("0000-01", ("path", "senior-pm")), ("0001-01", ("profile", "show")), ("1949-12", ("plan",)),
    ("2200-01", ("gap",)), ("9999-12", ("path", "senior-pm")),
])
def test_a_hand_edited_start_month_out_of_range_is_a_located_error(tmp_path, since, command):
    env = _hand_edited_profile(tmp_path / "home", since)
    code, out, err = pmpath(*command, env=env)
    assert code == 5, err
    assert f"profile.yaml:3:1: since: '{since}' is " in err
    assert "pmpath takes dates from 1950-01 to 2199-12" in err and "Traceback" not in err


@pytest.mark.parametrize("since", ["1950-01", "2199-12"])
def test_the_ends_of_the_range_work_everywhere(tmp_path, since):
    env = {**_hand_edited_profile(tmp_path / "home", since), "PMPATH_TODAY": "2199-12-31"}
    for command in (("path", "cpo"), ("profile", "show"), ("plan", "--target", "cpo", "--ics", str(tmp_path / "p.ics")),
                    ("path", "apm", "cpo", "--since", since), ("next",)):
        code, out, err = pmpath(*command, env=env)
        assert code == 0, (command, err)


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "1949-12-31", "2200-01-01"])
def test_pmpath_today_out_of_range_is_a_usage_error(tmp_path, today):
    env = {**_hand_edited_profile(tmp_path / "home", "2020-01"), "PMPATH_TODAY": today}
    for command in (("plan",), ("path", "senior-pm"), ("profile", "show"), ("profile", "set", "--since", "2021-01")):
        code, out, err = pmpath(*command, env=env)
        assert code == 2, (command, err)
        assert f"PMPATH_TODAY '{today}' is " in err and "1950-01 to 2199-12" in err


@pytest.mark.parametrize("since", ["0000-01", "0001-01", "1949-12", "2200-01", "9999-12"])
def test_start_months_out_of_range_on_the_command_line_are_usage_errors(tmp_path, since):
    env = {"PMPATH_HOME": str(tmp_path / "home")}
    for command in (("path", "apm", "cpo", "--since", since), ("profile", "set", "--role", "pm", "--since", since)):
        code, out, err = pmpath(*command, env=env)
        assert code == 2, (command, err)


def test_an_assessment_dated_out_of_range_is_a_located_error(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "profile.yaml").write_text(
        "format: 1\nrole: pm\nassessments:\n  - date: '0001-01-01'\n    role: pm\n    target: senior-pm\n"
        "    items:\n      - {kind: skill, text: Writing., score: 2}\n", encoding="utf-8")
    code, out, err = pmpath("gap", env={"PMPATH_HOME": str(home)})
    assert code == 5 and "profile.yaml:4:" in err and "'0001-01-01' is before 1950" in err


@pytest.mark.parametrize("option", ["--markdown", "--ics"])
@pytest.mark.parametrize("name", ["", " ", ".", "./", "/", "..", "no-such-dir/"])
def test_plan_export_to_a_name_that_is_no_file_is_a_usage_error(tmp_path, option, name):
    env = _hand_edited_profile(tmp_path / "home", "2023-01")
    code, out, err = pmpath("plan", option, name, env=env, cwd=tmp_path)
    assert code == 2, err
    assert err.startswith(f"pmpath: error: {option}: ") and ("empty name" in err or "names a directory" in err)
