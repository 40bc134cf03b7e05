"""Terminal manners: colour, paging, widths, stderr, typo help; with a real pseudo-terminal where it matters."""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pmpath.cli.environment import Environment

ANSI = re.compile(r"\x1b\[")


def env_of(tty=True, stdin_tty=True, no_color=False, pager=None, **variables) -> Environment:
    return Environment(stdout_isatty=tty, stdin_isatty=stdin_tty, env=variables, no_color=no_color, pager=pager)


# ---------------------------------------------------------------- the decisions


@pytest.mark.parametrize(
    "environment,colour",
    [
        (env_of(tty=True), True),
        (env_of(tty=False), False),
        (env_of(tty=True, NO_COLOR="1"), False),
        (env_of(tty=True, NO_COLOR=""), True),  # no-color.org: set *and non-empty*
        (env_of(tty=True, TERM="dumb"), False),
        (env_of(tty=True, no_color=True), False),
        (env_of(tty=False, FORCE_COLOR="1"), True),
        (env_of(tty=False, FORCE_COLOR=""), False),
        (env_of(tty=False, FORCE_COLOR="1", NO_COLOR="1"), False),
        (env_of(tty=False, FORCE_COLOR="1", no_color=True), False),
        (env_of(tty=False, FORCE_COLOR="1", TERM="dumb"), False),
    ],
)
def test_colour_decision(environment, colour):
    assert environment.colour is colour


@pytest.mark.parametrize(
    "variables,command",
    [
        ({}, ["less"]),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": "less -R --quit-if-one-screen"}, ["less", "-R", "--quit-if-one-screen"]),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "  "}, None),
    ],
)
def test_pager_command(variables, command):
    assert env_of(**variables).pager_command() == command


def test_pager_environment_defaults_less_options_but_keeps_the_users():
    assert env_of().pager_environment()["LESS"] == "FRX"
    assert env_of(LESS="-S").pager_environment()["LESS"] == "-S"


@pytest.mark.parametrize(
    "environment,lines,height,page",
    [
        (env_of(), 100, 40, True),
        (env_of(), 10, 40, False),  # fits: printed directly
        (env_of(), 100, None, False),  # unknown height: printed directly
        (env_of(pager=True), 10, 40, True),  # --pager: even short output
        (env_of(pager=False), 100, 40, False),  # --no-pager
        (env_of(tty=False), 100, 40, False),  # a pipe: never
        (env_of(tty=False, pager=True), 100, 40, False),  # not even with --pager
        (env_of(stdin_tty=False), 100, 40, False),  # no keyboard to page with
        (env_of(PAGER=""), 100, 40, False),
    ],
)
def test_paging_decision(environment, lines, height, page):
    assert environment.should_page(lines, height) is page


def test_columns_are_kept_sane():
    assert env_of(COLUMNS="100").columns == 100
    assert env_of(COLUMNS="5").columns == 20
    assert env_of(COLUMNS="99999").columns == 1000
    assert env_of(COLUMNS="wide").columns is None and env_of().columns is None


# ---------------------------------------------------------------- colour on the command line


FORCED = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}


@pytest.mark.parametrize("args", [["levels", "--tree"], ["show", "apm"], ["next", "pm"]])
def test_force_color_colours_and_no_color_wins(run, args):
    assert ANSI.search(run(*args, env=FORCED).stdout)
    assert not ANSI.search(run("--no-color", *args, env=FORCED).stdout)
    assert not ANSI.search(run(*args, env={**FORCED, "TERM": "dumb"}).stdout)
    assert not ANSI.search(run(*args, env={**FORCED, "NO_COLOR": "1"}).stdout)
    assert not ANSI.search(run(*args, env={"NO_COLOR": None, "FORCE_COLOR": None}).stdout)  # a pipe


def test_errors_follow_the_same_colour_rules(run):
    assert not ANSI.search(run("show", "nobody").stderr)
    assert not ANSI.search(run("--no-color", "show", "nobody", env=FORCED).stderr)
    assert ANSI.search(run("show", "nobody", env=FORCED).stderr)


# ---------------------------------------------------------------- widths


def _words(text: str) -> collections.Counter:
    return collections.Counter(w for w in text.split() if not set(w) <= set("│─└┘┬┴┼┌┐━═"))


VIEWS = [["show"], ["show", "apm"], ["show", "product-marketing-manager"], ["next", "senior-pm"], ["next", "cpo"],
         ["levels", "--tree"], ["next", "growth-pm"]]


@pytest.mark.parametrize("args", VIEWS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("width", [40, 60, 200])
def test_views_fit_and_wrap_between_words(run, args, width):
    out = run(*args, env={"COLUMNS": str(width)}).stdout
    assert max(len(line) for line in out.splitlines()) <= width
    assert all(line == line.rstrip() for line in out.splitlines())  # no padding at the ends of lines
    wide = run(*args, env={"COLUMNS": "1000"}).stdout
    assert _words(out) == _words(wide)


# ---------------------------------------------------------------- errors and typos


@pytest.mark.parametrize(
    "args,code,first,hint",
    [
        (["levles"], 2, "no command called 'levles'", "did you mean levels?"),
        (["shwo", "apm"], 2, "no command called 'shwo'", "did you mean show?"),
        (["exprot"], 2, "no command called 'exprot'", "did you mean export?"),
        (["levels", "--trak", "ic"], 2, "no such option: --trak", "did you mean --track?"),
        (["show", "apm", "--fromat", "json"], 2, "no such option: --fromat", "did you mean --format?"),
        (["--no-colour", "levels"], 2, "no such option: --no-colour", "did you mean --no-color?"),
        (["levels", "--track", "manger"], 2, "invalid value for '--track': no track called 'manger'", "did you mean manager?"),
        (["next", "apm", "-t", "icc"], 2, "invalid value for '--track'", "did you mean ic?"),
        (["show", "apm", "--format", "yamll"], 2, "invalid value for '--format': no format called 'yamll'", "did you mean yaml?"),
        (["show", "senoir-pm"], 1, "no role called 'senoir-pm'", "did you mean senior-pm"),
        (["next"], 2, "no ROLE given, and no profile to take it from", "give one: pmpath next senior-pm"),
    ],
)
def test_mistakes_get_help_on_stderr_only(run, args, code, first, hint):
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("pmpath: error: " + first), result.stderr
    if hint:
        assert f"\n  {hint}" in result.stderr


def test_no_arguments_shows_the_help(run):
    result = run()
    assert "Usage: pmpath" in result.output and "Explore the ladder" in result.output and "levels" in result.output


# ---------------------------------------------------------------- a real terminal

pty = pytest.importorskip("pty")


def run_in_terminal(args: list[str], tmp_path: Path, rows: int = 20, extra_env: dict | None = None):
    """Run pmpath with stdin, stdout and stderr on a pseudo-terminal; PAGER records what it is given."""
    import fcntl
    import struct
    import termios

    record = tmp_path / "paged.txt"
    pager = tmp_path / "pager.py"
    pager.write_text(f"import sys\nopen({str(record)!r}, 'w').write(sys.stdin.read())\n")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env.update({"PAGER": f"{sys.executable} {pager}", "TERM": "xterm-256color", "PMPATH_KB": ""})
    env.update(extra_env or {})
    chunks: list[bytes] = []

    def drain():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "pmpath", *args], stdin=slave, stdout=slave, stderr=slave, env=env,
            cwd=tmp_path, timeout=120,
        )
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    paged = record.read_text() if record.exists() else None
    return process.returncode, b"".join(chunks).decode("utf-8", "replace"), paged


def test_long_output_is_paged_on_a_terminal(tmp_path):
    code, screen, paged = run_in_terminal(["show", "apm"], tmp_path)
    assert code == 0
    assert paged is not None and "Associate Product Manager" in paged
    assert ANSI.search(paged)  # colours kept for less -R
    assert "Associate Product Manager" not in screen


def test_short_output_is_not_paged(tmp_path):
    code, screen, paged = run_in_terminal(["show", "apm", "--format", "json"], tmp_path, rows=2000)
    assert code == 0 and paged is None and '"kind": "role"' in screen


def test_no_pager_and_empty_pager_print_directly(tmp_path):
    code, screen, paged = run_in_terminal(["--no-pager", "show", "apm"], tmp_path)
    assert code == 0 and paged is None and "Associate Product Manager" in screen
    code, screen, paged = run_in_terminal(["show", "apm"], tmp_path, extra_env={"PAGER": ""})
    assert code == 0 and paged is None and "Associate Product Manager" in screen


def test_pager_that_cannot_start_falls_back_to_printing(tmp_path):
    code, screen, paged = run_in_terminal(["show", "apm"], tmp_path, extra_env={"PAGER": "/nonexistent/pager"})
    assert code == 0 and "Associate Product Manager" in screen


def test_colour_on_a_terminal_but_not_with_no_color(tmp_path):
    _, screen, _ = run_in_terminal(["--no-pager", "levels", "--tree"], tmp_path)
    assert ANSI.search(screen)
    _, screen, _ = run_in_terminal(["--no-pager", "--no-color", "levels", "--tree"], tmp_path)
    assert not ANSI.search(screen)


def test_pipes_are_never_paged(tmp_path):
    pager = tmp_path / "pager.py"
    pager.write_text(f"open({str(tmp_path / 'paged.txt')!r}, 'w').write('paged')\n")
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", "--pager", "show", "apm"], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PAGER": f"{sys.executable} {pager}", "PMPATH_KB": ""},
    )
    assert result.returncode == 0 and "Associate Product Manager" in result.stdout
    assert not (tmp_path / "paged.txt").exists()
    assert not ANSI.search(result.stdout)


def test_global_options_reach_the_environment(run, monkeypatch):
    from pmpath.cli import environment

    seen = []
    detected = environment.current
    monkeypatch.setattr(environment, "current", lambda: seen.append(detected()) or seen[-1])
    run("--no-color", "--no-pager", "levels")
    assert (seen[-1].no_color, seen[-1].pager) == (True, False)
    run("--pager", "levels")
    assert (seen[-1].no_color, seen[-1].pager) == (False, True)
    assert (environment.current().no_color, environment.current().pager) == (False, None)  # outside a run


def test_emit_writes_only_what_the_format_needs():
    import contextlib
    import io

    from pmpath.cli import output

    calls = []

    def document():
        calls.append("document")
        return {"format": 1, "kind": "x", "title": "T"}

    def view():
        from pmpath.views import elements as E

        calls.append("view")
        return E.document("x", "T", E.para("a view"))

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        output.emit("json", document, view)
        output.emit("table", document, view)
    assert calls == ["document", "view"]
    assert buffer.getvalue().startswith('{\n  "format": 1,')
    assert buffer.getvalue().rstrip().endswith("a view")
