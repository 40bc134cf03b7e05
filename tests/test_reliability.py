"""Nothing breaks, nothing is lost: pipes, signals, hostile environments, concurrency, crash safety.

These tests run real pmpath processes (``python -m pmpath``) wherever the
behaviour belongs to the process: exit codes, signals, locales, pipes.
docs/reliability.md lists each guarantee and the test here that proves it.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pmpath.cli.status import ExitStatus

from tests.conftest import CAREER, FIXTURES

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX processes, signals and terminals")
NASTY = FIXTURES / "nasty"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")  # anything but \t and \n


def pmpath(*args: str, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """A real pmpath process with the test's environment (plus ``env``); text out, errors replaced."""
    environment = {**os.environ, **(env or {})}
    environment = {k: v for k, v in environment.items() if v is not None}
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([sys.executable, "-m", "pmpath", *args], capture_output=True, text=True,
                          errors="replace", env=environment, timeout=60, **options)


def assert_no_traceback(done) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert "internal error" not in done.stderr, done.stderr


# ---------------------------------------------------------------- pipes


@POSIX
def test_a_reader_that_exits_at_once_gets_a_quiet_exit():
    """The read end is closed before pmpath writes anything: no 'Broken pipe', no traceback, exit 0."""
    for args in (["levels"], ["export", "--format", "json"], ["show", "senior-pm", "--format", "markdown"]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            done = subprocess.run([sys.executable, "-m", "pmpath", *args], stdout=write_end, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, text=True, timeout=60)
        finally:
            os.close(write_end)
        assert done.returncode == ExitStatus.OK, (args, done.stderr)
        assert done.stderr == "", (args, done.stderr)


@POSIX
def test_pmpath_levels_into_head_1_exits_quietly():
    """``pmpath levels | head -1`` and a large export into ``head -c 100``: the first line arrives, no error."""
    for args, head in ((["levels"], ["head", "-1"]), (["export", "--format", "markdown"], ["head", "-c", "100"])):
        producer = subprocess.Popen([sys.executable, "-m", "pmpath", *args], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        reader = subprocess.run(head, stdin=producer.stdout, capture_output=True, timeout=60)
        producer.stdout.close()
        stderr = producer.stderr.read().decode()
        producer.stderr.close()
        assert producer.wait(timeout=60) == ExitStatus.OK, stderr
        assert stderr == ""
        assert reader.stdout.startswith(b"The product-management ladder" if args == ["levels"] else b"# ")


# ---------------------------------------------------------------- signals

INTERRUPTER = textwrap.dedent(
    """
    import os, sys
    from pmpath.__main__ import main
    ready = [int(sys.argv.pop(1))]

    def say_ready(event, args):  # main() imports the commands inside its try: from then on, Ctrl-C is pmpath's
        if event == "import" and args[0] == "pmpath.cli.commands" and ready:
            os.write(ready[0], b"r")
            os.close(ready.pop())

    sys.addaudithook(say_ready)
    sys.argv[0] = "pmpath"
    main()
    """
)


@POSIX
def test_ctrl_c_at_any_moment_exits_130_with_one_line():
    """A real SIGINT lands at many moments of a real run (starting, loading without the cache, rendering,
    writing): the run either finished, or it exits 130 with the single line 'pmpath: interrupted'."""
    interrupted = 0
    for delay in (0.0, 0.005, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8):
        read_end, write_end = os.pipe()
        child = subprocess.Popen([sys.executable, "-c", INTERRUPTER, str(write_end), "--no-cache", "export",
                                  "--format", "markdown"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL, text=True, pass_fds=(write_end,))
        os.close(write_end)
        try:
            assert os.read(read_end, 1) == b"r"  # pmpath's entry point runs
        finally:
            os.close(read_end)
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        done = subprocess.CompletedProcess(child.args, child.returncode, out, err)
        assert_no_traceback(done)
        if done.returncode == ExitStatus.OK:
            continue
        assert done.returncode == ExitStatus.INTERRUPTED, done.stderr
        assert done.stderr.splitlines() == ["pmpath: interrupted"], done.stderr
        interrupted += 1
    assert interrupted, "no interrupt landed during a run; the test proved nothing"


@pytest.mark.parametrize("raised, code, line", [
    ("KeyboardInterrupt()", 130, "pmpath: interrupted"),
    ("Stopped(15, 'terminated')", 143, "pmpath: terminated"),
])
def test_an_interruption_where_python_cannot_raise_it_still_stops_with_one_line(raised, code, line):
    """Ctrl-C landing in a weakref callback or __del__ (seen: importlib's module-lock callback) is an
    'unraisable' exception: Python prints a traceback and carries on. pmpath stops with its line."""
    program = textwrap.dedent(
        f"""
        import sys
        from pmpath.__main__ import Stopped, _handle_signals
        _handle_signals()

        class Finalized:
            def __del__(self):
                raise {raised}

        Finalized()
        print("carried on")
        """
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr.splitlines(), done.stdout) == (code, [line], "")


def test_ctrl_c_inside_a_command_says_so(run, monkeypatch):
    """Typer turns Ctrl-C into a silent exit 130; pmpath says what happened, in one line."""
    import pmpath.kb.loader

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pmpath.kb.loader, "load", interrupted)
    result = run("--no-cache", "levels")
    assert result.exit_code == ExitStatus.INTERRUPTED
    assert result.stderr == "pmpath: interrupted\n"
    assert result.stdout == ""


@POSIX
@pytest.mark.parametrize("args", [["quiz"], ["assess", "--target", "senior-pm"]])
def test_ctrl_c_during_the_interactive_quiz_exits_130_with_one_line(tmp_path, args):
    """The quiz or the self-assessment on a real terminal (a pty), waiting for an answer;
    SIGINT: exit 130, one message, nothing saved."""
    import pty

    env = {**os.environ, "COLUMNS": "80", "PMPATH_HOME": str(tmp_path / "home"), "TERM": "dumb"}
    if args[0] == "assess":
        assert pmpath("profile", "set", "--role", "pm", "--since", "2022-02", env=env).returncode == 0
    before = (tmp_path / "home" / "profile.yaml").read_bytes() if args[0] == "assess" else None
    controller, terminal = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "pmpath", *args], stdin=terminal, stdout=terminal,
                             stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while b"Ctrl-C" not in seen and b"(" not in seen.split(b"\n")[-1] and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                seen += os.read(controller, 65536)
        assert b"?" in seen or b":" in seen, seen  # a question is waiting for its answer
        time.sleep(0.2)
        child.send_signal(signal.SIGINT)
        code = child.wait(timeout=30)
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if child.poll() is None:
            child.kill()
        os.close(controller)
    text = seen.decode("utf-8", "replace")
    assert code == ExitStatus.INTERRUPTED, text
    assert "Traceback" not in text
    after = text.split("Ctrl-C", 1)[-1]
    assert len(re.findall(r"interrupted", after)) == 1, text
    if before is None:
        assert not (tmp_path / "home" / "profile.yaml").exists()
    else:
        assert (tmp_path / "home" / "profile.yaml").read_bytes() == before


# ---------------------------------------------------------------- hostile environments


@pytest.fixture
def a_file(tmp_path) -> Path:
    """A regular file: a directory 'under' it can never be created, not even by root."""
    path = tmp_path / "a-file"
    path.write_text("not a directory\n")
    return path


def test_an_unusable_cache_directory_still_answers(a_file, tmp_path):
    normal = pmpath("levels", env={"PMPATH_CACHE_DIR": str(tmp_path / "cache")})
    done = pmpath("levels", env={"PMPATH_CACHE_DIR": str(a_file / "cache")})
    assert done.returncode == ExitStatus.OK and done.stderr == ""
    assert done.stdout == normal.stdout


def test_an_unusable_home_still_answers_and_saving_says_it_could_not(a_file):
    env = {"PMPATH_HOME": str(a_file / "home"), "PMPATH_CACHE_DIR": str(a_file / "cache")}
    assert pmpath("next", "pm", env=env).returncode == ExitStatus.OK
    saved = pmpath("profile", "set", "--role", "senior-pm", "--since", "2021-04", env=env)
    assert saved.returncode == ExitStatus.PROFILE
    assert saved.stdout == ""
    assert saved.stderr.startswith(f"pmpath: error: cannot save {a_file / 'home' / 'profile.yaml'}: ")
    assert "the previous profile, if any, is unchanged" in saved.stderr
    shown = pmpath("profile", "show", env=env)
    assert shown.returncode == ExitStatus.NOT_FOUND and "no profile yet" in shown.stderr
    assert_no_traceback(shown)


def test_home_and_xdg_directories_that_are_files(a_file):
    """No PMPATH_* overrides: HOME and XDG_* point at a file; answers still come, saving explains."""
    env = {"HOME": str(a_file), "XDG_CACHE_HOME": str(a_file), "XDG_CONFIG_HOME": str(a_file),
           "PMPATH_HOME": None, "PMPATH_CACHE_DIR": None}
    done = pmpath("show", "senior-pm", env=env)
    assert done.returncode == ExitStatus.OK and done.stderr == "" and "Senior Product Manager" in done.stdout
    saved = pmpath("profile", "set", "--role", "pm", env=env)
    assert saved.returncode == ExitStatus.PROFILE and "cannot save" in saved.stderr
    assert_no_traceback(saved)


def test_a_missing_home_is_created_when_saving(tmp_path):
    env = {"HOME": str(tmp_path / "nobody"), "XDG_CONFIG_HOME": None, "XDG_CACHE_HOME": None,
           "PMPATH_HOME": None, "PMPATH_CACHE_DIR": None}
    assert pmpath("levels", env=env).returncode == ExitStatus.OK
    saved = pmpath("profile", "set", "--role", "pm", "--since", "2022-02", env=env)
    assert saved.returncode == ExitStatus.OK, saved.stderr
    assert list((tmp_path / "nobody").rglob("profile.yaml"))


@pytest.mark.parametrize("args", [["quiz"], ["assess", "--target", "pm"], ["profile", "reset"]])
def test_no_terminal_means_no_question_asked(args, tmp_path):
    """stdin and stdout are not terminals: commands that would ask explain what to pass instead."""
    env = {"PMPATH_HOME": str(tmp_path / "home")}
    pmpath("profile", "set", "--role", "pm", "--since", "2022-02", env=env)
    done = pmpath(*args, env=env)
    assert done.returncode in (ExitStatus.USAGE, ExitStatus.NOT_FOUND), done.stderr
    assert done.stderr.startswith("pmpath: error: ")
    assert_no_traceback(done)
    assert (tmp_path / "home" / "profile.yaml").exists()  # a reset without a yes changes nothing


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "", " 7 ", "100000", "3"])
def test_odd_columns_still_give_a_readable_answer(columns, tmp_path):
    done = pmpath("show", "senior-pm", env={"COLUMNS": columns})
    assert done.returncode == ExitStatus.OK and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Senior Product")  # narrow widths (3, 7) are read as 20 and wrap
    assert len(lines) > 10
    assert max(map(len, lines)) <= 1000
    errors = pmpath("show", "senior-pmm", env={"COLUMNS": columns})
    assert errors.returncode == ExitStatus.NOT_FOUND and "did you mean" in errors.stderr


@pytest.mark.parametrize("args", [["levels"], ["show", "senior-pm"], ["levels", "--tree"]])
def test_term_dumb_gets_no_escape_codes_even_when_colour_is_forced(args):
    done = pmpath(*args, env={"TERM": "dumb", "FORCE_COLOR": "1", "NO_COLOR": None})
    assert done.returncode == ExitStatus.OK
    assert "\x1b" not in done.stdout + done.stderr


ASCII_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None, "PYTHONUTF8": "0",
                "PYTHONCOERCECLOCALE": "0"}


@pytest.mark.parametrize("args", [
    ["levels"], ["show", "senior-pm"], ["search", "growth"], ["export", "--format", "markdown"],
    ["--kb", str(NASTY), "show", "first"], ["--kb", str(NASTY), "levels", "--tree"], ["path", "apm", "director"],
    ["show", "senior-pmm"],
])
def test_a_non_utf8_locale_still_answers(args):
    """LC_ALL=C without Python's UTF-8 mode: stdout is ASCII; characters it lacks become '?', never a crash."""
    done = pmpath(*args, env=ASCII_LOCALE)
    assert_no_traceback(done)
    assert done.returncode in (ExitStatus.OK, ExitStatus.NOT_FOUND), done.stderr
    assert done.stdout.isascii()
    if done.returncode == ExitStatus.OK:
        assert done.stdout.strip()


def test_encodable_replaces_only_what_the_stream_cannot_write():
    from pmpath.cli.output import encodable

    class Stream:
        def __init__(self, encoding):
            self.encoding = encoding

    assert encodable("a · b", Stream("ascii")) == "a ? b"
    assert encodable("a · b", Stream("utf-8")) == "a · b"
    assert encodable("a · b", Stream("latin-1")) == "a · b"
    assert encodable("a │ b", Stream("latin-1")) == "a ? b"
    assert encodable("a · b", Stream("no-such-codec")) == "a · b"


# ---------------------------------------------------------------- concurrency


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("kb-*.pickle"))


@POSIX
def test_many_processes_on_a_cold_cache_all_succeed_and_leave_a_valid_cache(tmp_path):
    from pmpath.kb import cache as cache_module

    cache = tmp_path / "cache"
    env = {**os.environ, "PMPATH_CACHE_DIR": str(cache)}
    runs = [["levels"], ["--kb", str(CAREER), "levels"]] * 4
    children = [subprocess.Popen([sys.executable, "-m", "pmpath", *args], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env) for args in runs]
    results = [(child.wait(timeout=120), *(stream.decode() for stream in child.communicate())) for child in children]
    for args, (code, out, err) in zip(runs, results):
        assert code == ExitStatus.OK and err == "", (args, err)
    assert len({out for (_, out, _), args in zip(results, runs) if args == ["levels"]}) == 1
    assert len(_entries(cache)) == 2
    assert not list(cache.glob(".pmpath-*.tmp"))
    os.environ["PMPATH_CACHE_DIR"] = str(cache)  # the test's own environment (restored by conftest)
    for path in (None, CAREER):
        assert cache_module.read(cache_module.entry_path(path), cache_module.key_for(path)) is not None
    again = pmpath("levels", env={"PMPATH_CACHE_DIR": str(cache)})
    assert again.stdout == results[0][1]


@POSIX
def test_two_profile_writes_at_once_leave_one_complete_profile(tmp_path):
    from pmpath import store

    home = tmp_path / "home"
    env = {**os.environ, "PMPATH_HOME": str(home)}
    wanted = {"pm": "2020-01", "senior-pm": "2023-06"}
    outcomes = set()
    for _ in range(6):
        children = [subprocess.Popen([sys.executable, "-m", "pmpath", "profile", "set", "--role", role,
                                      "--since", since], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, env=env) for role, since in wanted.items()]
        for child in children:
            assert child.wait(timeout=60) == ExitStatus.OK, child.stderr.read()
            child.stderr.close()
        loaded = store.load(home / "profile.yaml")
        assert loaded is not None
        assert wanted[loaded.profile.role] == loaded.profile.since  # one writer's profile, whole
        outcomes.add(loaded.profile.role)
        assert not list(home.glob(".pmpath-*.tmp"))


# ---------------------------------------------------------------- crash safety of the cache

CACHE_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import pickle
    from pmpath.kb import cache, loader

    entry, key = Path(sys.argv[1]), sys.argv[2]
    # pickled once, so that the loop spends its time writing
    versions = [pickle.dumps(loader.load(Path(p)), protocol=pickle.HIGHEST_PROTOCOL) for p in sys.argv[3:]]
    print("ready", flush=True)
    n = 0
    while True:
        cache._write_atomically(entry, key, versions[n % len(versions)])
        n += 1
    """
)


@POSIX
def test_the_previous_cache_entry_survives_a_kill_at_any_moment(tmp_path, monkeypatch):
    """A real process rewrites a cache entry in a loop and is killed with SIGKILL, many times; after each
    kill the entry is intact (one of the versions written) and a normal run uses it."""
    from pmpath.kb import cache, loader

    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path / "cache"))
    entry, key = cache.entry_path(None), cache.key_for(None)
    versions = [loader.load(None), loader.load(CAREER)]
    names = {len(kb.levels): i for i, kb in enumerate(versions)}
    assert len(names) == 2
    assert cache.write(entry, key, versions[0])
    rng = random.Random(8)
    seen, interrupted = set(), 0
    for attempt in range(60):  # at least 20 kills; more on a busy machine until one lands mid-write
        if attempt >= 20 and interrupted and len(seen) == 2:
            break
        child = subprocess.Popen([sys.executable, "-c", CACHE_WRITER, str(entry), key, str(loader.builtin_data_dir()),
                                  str(CAREER)], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()
        leftovers = list(entry.parent.glob(".pmpath-*.tmp"))
        interrupted += bool(leftovers)
        stored = cache.read(entry, key)
        assert stored is not None, "a killed write broke the cache entry"
        seen.add(names[len(stored.levels)])
        for leftover in leftovers:  # a killed write's temporary file is cleaned up once it is old
            os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    assert interrupted, "no kill landed in the middle of a write; the test proved nothing"
    assert seen == {0, 1}, "the writer never replaced the entry; the test proved nothing"
    assert cache.write(entry, key, versions[0])
    assert not list(entry.parent.glob(".pmpath-*.tmp")), "stale temporary files were not removed"


def test_a_fresh_temporary_file_of_a_running_write_is_left_alone(tmp_path, monkeypatch):
    from pmpath.kb import cache, loader

    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path / "cache"))
    entry = cache.entry_path(CAREER)
    entry.parent.mkdir(parents=True, mode=0o700)
    running = entry.parent / ".pmpath-0123456789ab.tmp"
    running.write_bytes(b"half")
    assert cache.write(entry, cache.key_for(CAREER), loader.load(CAREER))
    assert running.exists()


def test_only_pmpaths_own_old_temporary_files_are_swept(tmp_path, monkeypatch):
    """A cache write removes what a killed write of pmpath left (old ``.pmpath-<12 hex>.tmp``), nothing else."""
    from pmpath.kb import cache, loader

    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path / "cache"))
    entry = cache.entry_path(CAREER)
    entry.parent.mkdir(parents=True, mode=0o700)
    old = time.time() - 3600
    ours = entry.parent / ".pmpath-0123456789ab.tmp"
    foreign = [entry.parent / name for name in (".other.tmp", ".pmpath-notours.tmp", ".kb-x.json.abc.tmp", "a.tmp")]
    for path in [ours, *foreign]:
        path.write_bytes(b"x")
        os.utime(path, (old, old))
    assert cache.write(entry, cache.key_for(CAREER), loader.load(CAREER))
    assert not ours.exists()
    assert all(path.exists() for path in foreign)


# ---------------------------------------------------------------- hostile data reaches no terminal

NASTY_COMMANDS = [
    ["levels"], ["levels", "--tree"], ["show", "first"], ["next", "first"], ["tracks"], ["specializations"],
    ["search", "link"], ["compare", "first", "second-ic"],
]


def assert_no_control_characters(text: str, where) -> None:
    assert "\x1b" not in text, where
    found = CONTROL.search(text)
    assert not found, (where, found)


@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "markdown"])
def test_markup_in_every_text_field_is_shown_literally_in_every_format(run, fmt):
    """Every text field of tests/fixtures/nasty looks like markup (HTML, Markdown, Rich): in every format
    every command answers, writes no escape sequence or control character, and shows the text as text."""
    for args in NASTY_COMMANDS:
        result = run("--kb", str(NASTY), *args, "--format", fmt)
        assert result.exit_code == ExitStatus.OK, (args, result.stderr)
        assert_no_control_characters(result.stdout + result.stderr, args)
    shown = run("--kb", str(NASTY), "show", "first", "--format", fmt).stdout
    assert "onerror=alert(1)" in shown


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "yaml", "svg"])
def test_markup_in_every_text_field_is_exported_inertly(run, fmt):
    result = run("--kb", str(NASTY), "export", "--format", fmt)
    assert result.exit_code == ExitStatus.OK, result.stderr
    assert_no_control_characters(result.stdout, fmt)
    if fmt in ("html", "svg"):
        assert "<img src=x" not in result.stdout and "<i>track</i>" not in result.stdout


def _string_leaves(node, path=()):
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _string_leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_leaves(value, (*path, index))


CONTROL_SAMPLES = ["\x1b[2J\x1b[31m", "\x07", "a\rb", "\x9b31m", "\x00", "\x08\x08", "\x7f"]


def test_control_characters_in_any_text_field_never_reach_the_terminal(run, tmp_path):
    """A control character put into each text field of a valid knowledge base, one field at a time:
    the knowledge base is refused (exit 3) with a diagnostic that names the file, and neither
    stdout nor stderr carries the character."""
    import copy

    import yaml

    original = yaml.safe_load((NASTY / "kb.yaml").read_text(encoding="utf-8"))
    leaves = [path for path in _string_leaves(original) if path[0] != "format"]
    assert len(leaves) > 40
    accepted = set()
    for n, path in enumerate(leaves):
        document = copy.deepcopy(original)
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = f"ok {CONTROL_SAMPLES[n % len(CONTROL_SAMPLES)]} text"
        kb = tmp_path / f"kb-{n}.yaml"
        kb.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        for args in (["levels"], ["export", "--format", "markdown"]):
            result = run("--kb", str(kb), "--no-cache", *args)
            assert_no_control_characters(result.stdout + result.stderr, path)
            if result.exit_code == ExitStatus.OK:
                accepted.add(path)
            else:
                assert result.exit_code == ExitStatus.INVALID_KB, (path, result.stderr)
                assert str(kb) in result.stderr
    assert len(accepted) <= 1, accepted  # only the knowledge base's name, which no output shows


def test_the_nasty_fixture_really_is_nasty():
    """Guards the tests above: the fixture keeps markup in its text."""
    text = (NASTY / "kb.yaml").read_text(encoding="utf-8")
    for markup in ("<img src=x onerror=alert(1)>", "[link](javascript:", "<i>track</i>", "[", "**"):
        assert markup in text


def test_markup_in_a_kb_stays_literal_when_colour_is_forced(run):
    result = run("--kb", str(NASTY), "show", "first", env={"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm"})
    assert result.exit_code == ExitStatus.OK
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert not CONTROL.search(plain.replace("\x1b", "")), "a control character other than colour codes"
    assert "<img src=x onerror=alert(1)>" in plain
    assert json.loads(run("--kb", str(NASTY), "show", "first", "--format", "json").stdout)["role"]["id"] == "first"


def test_every_test_named_in_docs_reliability_exists():
    import ast

    root = Path(__file__).parent.parent
    page = (root / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", page)
    assert len(named) >= 25
    for file, name in named:
        tree = ast.parse((root / file).read_text(encoding="utf-8"))
        functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert name in functions, f"{file}::{name}"
