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

from tests.conftest import FIXTURES

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


# ---------------------------------------------------------------- item 5: special files


def _special(tmp_path: Path, kind: str) -> Path:
    """A FIFO, a device, a directory or a loop of symbolic links, as a path pmpath is given."""
    if kind == "fifo":
        path = tmp_path / "special.yaml"
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "directory":
        path = tmp_path / "special.yaml"
        path.mkdir()
    elif kind == "link-loop":
        path = tmp_path / "special.yaml"
        os.symlink(tmp_path / "other.yaml", path)
        os.symlink(path, tmp_path / "other.yaml")
    elif kind == "link-to-fifo":
        os.mkfifo(tmp_path / "pipe")
        path = tmp_path / "special.yaml"
        os.symlink(tmp_path / "pipe", path)
    return path


SPECIAL = ["fifo", "device", "directory", "link-loop", "link-to-fifo"]
EXPECTED = {
    "fifo": "is a FIFO (named pipe), not a regular file", "device": "is a character device, not a regular file",
    "directory": "is a directory, not a file", "link-loop": "too many levels of symbolic links",
    "link-to-fifo": "is a FIFO (named pipe), not a regular file",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_as_the_profile_is_a_clear_error_not_a_hang(tmp_path, kind):
    home = tmp_path / "home"
    home.mkdir()
    special = _special(tmp_path, kind)
    if kind == "device":
        os.symlink(special, home / "profile.yaml")
    else:
        os.rename(special, home / "profile.yaml") if kind != "link-loop" else os.symlink(special, home / "profile.yaml")
    for command in (("profile", "show"), ("path", "senior-pm"), ("profile", "set", "--role", "pm"), ("plan",)):
        code, out, err = pmpath(*command, env={"PMPATH_HOME": str(home)}, timeout=20)
        assert code == 5, (command, err)
        assert EXPECTED[kind].lower() in err.lower(), err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_as_the_answers_file_is_a_usage_error_not_a_hang(tmp_path, kind):
    env = _hand_edited_profile(tmp_path / "home", "2023-01")
    code, out, err = pmpath("assess", "--target", "senior-pm", "--answers", str(_special(tmp_path, kind)), env=env,
                            timeout=20)
    assert code == 2, err
    assert "the answers file cannot be read" in err and EXPECTED[kind].lower() in err.lower()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_as_the_knowledge_base_is_a_clear_error_not_a_hang(tmp_path, kind):
    special = _special(tmp_path, kind)
    for command in (("--kb", str(special), "levels"), ("validate", str(special))):
        code, out, err = pmpath(*command, timeout=20)
        if kind == "directory":
            assert code == 3 and "directory holds no .yaml or .yml files" in err
        else:
            assert code == 3, err
            assert ("not a regular file" in err or "symbolic links" in err) and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_inside_a_knowledge_base_directory_is_not_read(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "ladder.yaml").write_text((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(kb / "more.yaml")
    code, out, err = pmpath("validate", str(kb), timeout=20)
    assert code == 0, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [("export", "-o"), ("plan", "--markdown"), ("plan", "--ics")])
def test_a_fifo_nobody_reads_as_an_output_is_a_usage_error_not_a_hang(tmp_path, command):
    env = _hand_edited_profile(tmp_path / "home", "2023-01")
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    code, out, err = pmpath(*command, str(fifo), env=env, timeout=20)
    assert code == 2, err
    assert "named pipe (fifo) that no process is reading" in err.lower()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_with_a_reader_gets_the_whole_output(tmp_path):
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    received = tmp_path / "received.json"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            import time

            time.sleep(0.3)  # let cat open its end
            code, out, err = pmpath("export", "--format", "json", "-o", str(fifo), timeout=20)
            reader.wait(timeout=20)
        finally:
            reader.kill()
    assert code == 0, err
    import json

    assert json.loads(received.read_text(encoding="utf-8"))["format"] == 1


@pytest.mark.parametrize("command", [("export", "-o"), ("plan", "--markdown")])
def test_a_loop_of_links_or_a_directory_as_an_output_is_a_usage_error(tmp_path, command):
    env = _hand_edited_profile(tmp_path / "home", "2023-01")
    for kind in ("link-loop", "directory"):
        target = _special(tmp_path / kind, kind) if (tmp_path / kind).mkdir() is None else None
        code, out, err = pmpath(*command, str(target), env=env, timeout=20)
        assert code == 2, err
        assert "symbolic links" in err or "directory" in err
        assert os.path.islink(target) or target.is_dir()  # left as it was


# ---------------------------------------------------------------- item 6: stray hidden files


@pytest.mark.parametrize("name", ["._ladder.yaml", ".ladder.yaml", ".#ladder.yaml", "..yaml", ".hidden.yml"])
def test_hidden_files_in_a_knowledge_base_directory_are_ignored(tmp_path, name):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "ladder.yaml").write_text((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (kb / name).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe")  # AppleDouble junk
    code, out, err = pmpath("validate", str(kb))
    assert code == 0, err
    code, out, err = pmpath("--kb", str(kb), "levels")
    assert code == 0 and "Level One" in out, err


def test_a_hidden_file_named_on_the_command_line_is_still_read(tmp_path):
    hidden = tmp_path / ".ladder.yaml"
    hidden.write_text((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = pmpath("validate", str(hidden))
    assert code == 0, err
