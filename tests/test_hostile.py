"""Hostile and broken knowledge bases, through the real command line.

Every one ends in ``pmpath: error:`` on stderr naming the file (and the line where
there is one), exit status 3, nothing on stdout, no traceback, quickly, in
bounded memory, and without writing anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmpath.kb import loader, yaml_file

from tests.conftest import BAD, MINI

MINI_LADDER = MINI / "ladder.yaml"

ROOT = Path(__file__).resolve().parent.parent

# fixture -> (line, what the message says); line None where the problem has no line.
BROKEN = {
    "syntax-error.yaml": (33, "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"),
    "colon-in-text.yaml": (
        28,
        "YAML syntax error: mapping values are not allowed in this context; "
        "text with ': ' in it must be put in quotes: summary: \"Second: the one that owns an area.\"",
    ),
    "empty.yaml": (1, "file is empty; a knowledge-base file starts with 'format: 1'"),
    "top-level-list.yaml": (1, "the top level is a list; a knowledge-base file is a mapping that starts with 'format: 1'"),
    "two-documents.yaml": (3, "holds more than one YAML document (---); put one document in each file"),
    "wrong-type.yaml": (32, "levels[1].skills: Input should be a valid list, found a string"),
    "not-utf8.yaml": (3, "is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
    "duplicate-key.yaml": (26, "key 'title' is written twice in one mapping (first at line 25)"),
    "python-tag.yaml": (28, "unsupported tag '!!python/object/apply:os.system'; only plain YAML is read"),
    "alias-bomb.yaml": (8, "aliases expand this document far beyond its written size (an alias bomb?)"),
    "alias-bomb-strings.yaml": (14, "aliases expand this document far beyond its written size (an alias bomb?)"),
    "deep-nesting.yaml": (3, "nested more than 100 levels deep"),
    "deep-block-nesting.yaml": (4, "nested more than 100 levels deep"),
    "deep-mixed-nesting.yaml": (64, "nested more than 100 levels deep"),
    "control-chars.yaml": (28, "levels[1].summary: contains the control character U+001B at position 7"),
    "control-chars-name.yaml": (3, "name: contains the control character U+001B at position 5"),
    "no-format.yaml": (2, "missing required key 'format'; start the file with 'format: 1'"),
    "wrong-format.yaml": (2, "format: unsupported format version 2; this pmpath reads format 1"),
    "unknown-key.yaml": (31, "levels[1].respnsibilities: unknown key 'respnsibilities' (did you mean 'responsibilities'?)"),
}


@pytest.mark.parametrize("fixture", sorted(BROKEN))
@pytest.mark.parametrize("command", [["levels"], ["show", "one"], ["next", "one"]])
def test_every_command_reports_a_broken_file_with_its_line(run, fixture, command):
    line, what = BROKEN[fixture]
    result = run("--kb", str(BAD / fixture), *command)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("pmpath: error: the knowledge base is not valid (")
    located = f"{BAD / fixture}:{line}:" if line else f"{BAD / fixture}:"
    assert any(l.strip().startswith(located) and what in l for l in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fixture", sorted(BROKEN))
def test_validate_reports_the_same_problem_unindented(run, fixture):
    line, what = BROKEN[fixture]
    result = run("validate", str(BAD / fixture))
    assert result.exit_code == 3 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert any(l.startswith(f"{BAD / fixture}:{line}:") and what in l for l in lines[:-1]), lines
    assert result.stderr.splitlines()[-1].startswith(f"pmpath: error: {BAD / fixture}: not a valid knowledge base (")


def test_missing_path(run, tmp_path):
    result = run("--kb", str(tmp_path / "nowhere.yaml"), "levels")
    assert result.exit_code == 3
    assert f"{tmp_path / 'nowhere.yaml'}: no such file or directory" in result.stderr


def test_directory_without_yaml(run, tmp_path):
    (tmp_path / "ladder.yml.bak").write_text("format: 1\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    result = run("--kb", str(tmp_path), "show", "x")
    assert result.exit_code == 3
    assert f"{tmp_path}: directory holds no .yaml or .yml files" in result.stderr


def test_special_file_is_refused(run):
    result = run("--kb", "/dev/null", "levels")
    assert result.exit_code == 3
    assert "/dev/null: is a character device, not a regular file or directory" in result.stderr


def test_a_very_large_file_is_refused_before_it_is_read(run, tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:  # 50 MB, sparse: the size alone decides
        stream.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    result = run("--kb", str(big), "levels")
    assert time.perf_counter() - started < 2
    assert result.exit_code == 3
    assert f"{big}: file is 50 MiB; the limit is 8 MiB" in result.stderr


def test_a_very_large_knowledge_base_is_refused_before_it_is_read(run, tmp_path):
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        with (tmp_path / name).open("wb") as stream:
            stream.truncate(6 * 1024 * 1024)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert f"{tmp_path}: its files add up to 18.0 MiB; the limit is 16 MiB" in result.stderr


def test_a_file_larger_than_its_size_says_is_read_no_further(monkeypatch):
    proc = Path("/proc/self/environ")  # reports size 0, holds more
    if not proc.is_file() or len(proc.read_bytes()) < 20:
        pytest.skip("needs Linux /proc")
    monkeypatch.setattr(yaml_file, "MAX_FILE_BYTES", 10)
    with pytest.raises(loader.KnowledgeBaseError) as raised:
        loader.parse_file(proc)
    assert "file is over 0 MiB, the limit" in str(raised.value)


def test_markup_in_the_knowledge_base_is_shown_literally(run):
    kb = ["--kb", str(Path(__file__).parent / "fixtures" / "markup")]
    card = run(*kb, "show", "one")
    assert card.exit_code == 0, card.stderr
    for literal in ("[bold red]Boss[/bold red] of [i]everything[/i]", "Sees [/] and [red] and :smile: literally.",
                    "[green]Growth[/green].", "Writes \\[escaped] and [unclosed markup.",
                    "[link=https://example.invalid]Click[/link]", "[blink]IC[/blink]"):
        assert literal in card.stdout
    ladder = run(*kb, "levels")
    assert "[bold red]Boss[/bold red] of" in ladder.stdout and "[blink]IC[/blink]" in ladder.stdout
    forced = run(*kb, "show", "one", env={"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"})
    assert "\x1b[5m" not in forced.stdout  # no blink from "[blink]"
    assert "😄" not in forced.stdout


def test_control_characters_in_a_file_name_are_escaped(run, tmp_path):
    evil = tmp_path / "evil\x1b[2J.yaml"
    evil.write_text("format: 2\n")
    result = run("--kb", str(evil), "levels")
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[2J.yaml:1:1: format: unsupported format version 2" in result.stderr


def test_other_commands_show_at_most_twenty_problems(run, tmp_path):
    levels = "".join(f"  - {{id: l{i}, titel: x}}\n" for i in range(30))
    (tmp_path / "kb.yaml").write_text("format: 1\nlevels:\n" + levels)
    result = run("--kb", str(tmp_path), "levels")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("pmpath: error: the knowledge base is not valid (")
    assert lines[-1].strip().startswith("... and ") and lines[-1].endswith("more; 'pmpath validate' lists them")
    assert len(lines) == 22
    everything = run("validate", str(tmp_path))
    assert len(everything.stderr.splitlines()) > 30


# ---------------------------------------------------------------- real processes: crashes, time, memory, writes


def run_measured(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 60):
    """Run pmpath in a child process capped at 1 GiB; return (result, seconds, peak MiB)."""
    code = (
        "import atexit, resource, sys\n"
        "def peak():\n"
        "    try:  # this process's own high-water mark (Linux keeps ru_maxrss across exec: the parent's size)\n"
        "        with open('/proc/self/status') as status:\n"
        "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:')) // 1024\n"
        "    except (OSError, StopIteration):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "atexit.register(lambda: sys.stderr.write('\\nPEAK %d\\n' % peak()))\n"
        f"sys.argv = ['pmpath', *{args!r}]\n"
        "from pmpath.__main__ import main\n"
        "main()\n"
    )

    def cap_memory():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "COLUMNS": "100", **(env or {})}, timeout=timeout, preexec_fn=cap_memory,
    )
    seconds = time.perf_counter() - started
    peak = -1
    if "\nPEAK " in result.stderr:
        result.stderr, trailer = result.stderr.rsplit("\nPEAK ", 1)
        result.stderr = result.stderr.rstrip("\n") + "\n"
        peak = int(trailer)
    return result, seconds, peak


@pytest.mark.parametrize("fixture", ["alias-bomb.yaml", "alias-bomb-strings.yaml"])
def test_alias_bombs_stop_quickly_in_little_memory(tmp_path, fixture):
    result, seconds, peak = run_measured(["--kb", str(BAD / fixture), "levels"], tmp_path)
    assert result.returncode == 3, result.stderr
    assert "alias bomb" in result.stderr and "Traceback" not in result.stderr
    assert seconds < 10 and 0 < peak < 250, (seconds, peak)


def test_a_large_string_alias_bomb_is_stopped(tmp_path):
    # One 1 MB string repeated 40,000 times: a 40 GB document written in 1.2 MB.
    big = tmp_path / "bomb.yaml"
    big.write_text("format: 1\nname: &s \"" + "x" * 1_000_000 + "\"\nlevels: [" + ", ".join(["*s"] * 40_000) + "]\n")
    result, seconds, peak = run_measured(["validate", str(big)], tmp_path)
    assert result.returncode == 3
    assert f"{big}:3:" in result.stderr and "alias bomb" in result.stderr
    assert seconds < 10 and 0 < peak < 250, (seconds, peak)


@pytest.mark.parametrize(
    ("kind", "text", "line"),
    [
        ("block sequences", "format: 1\nname:\n  " + "- " * 100_000 + "x\n", 3),
        ("mapping keys", "format: 1\nname:\n  " + "? " * 100_000 + "x\n", 3),
        ("brackets", "format: 1\nname: " + "[" * 100_000 + "\n", 2),
    ],
    ids=["block sequences", "mapping keys", "brackets"],  # short: pytest puts the id in PYTEST_CURRENT_TEST,
)  # which the child process inherits, and a 200 kB variable is more than exec accepts (E2BIG)
def test_nesting_that_crashes_libyaml_is_refused_first(tmp_path, kind, text, line):
    # Parsed as it is, each of these kills the interpreter with a segmentation fault.
    deep = tmp_path / "deep.yaml"
    deep.write_text(text)
    result, seconds, peak = run_measured(["--kb", str(deep), "levels"], tmp_path)
    assert result.returncode == 3, (kind, result.returncode, result.stderr[-500:])
    assert f"{deep}:{line}:" in result.stderr and "Traceback" not in result.stderr
    assert seconds < 10


def test_broken_files_write_nothing_anywhere(tmp_path):
    home, cache, work = tmp_path / "home", tmp_path / "cache", tmp_path / "work"
    for directory in (home, cache, work):
        directory.mkdir()
    before = sorted(p.name for p in BAD.iterdir())
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(cache), "XDG_CONFIG_HOME": str(home / ".config"),
           "TMPDIR": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
    for fixture in ("syntax-error.yaml", "python-tag.yaml", "alias-bomb.yaml", "unknown-key.yaml"):
        for args in (["--kb", str(BAD / fixture), "levels"], ["validate", str(BAD / fixture)]):
            result, _, _ = run_measured(args, work, env)
            assert result.returncode == 3
    assert [p for p in tmp_path.rglob("*") if not p.is_dir()] == []
    assert sorted(p.name for p in BAD.iterdir()) == before


def test_a_dense_file_at_the_size_limit_is_stopped_at_the_value_limit(tmp_path):
    # Nearly 8 MiB of one-letter values: 2.8 million of them if read to the end.
    dense = tmp_path / "dense.yaml"
    dense.write_text("format: 1\nname: [" + "x, " * ((loader.MAX_FILE_BYTES - 100) // 3) + "]\n")
    result, seconds, peak = run_measured(["--kb", str(dense), "levels"], tmp_path)
    assert result.returncode == 3
    assert f"{dense}:2:" in result.stderr and f"holds more than {loader.MAX_NODES:,} values" in result.stderr
    assert seconds < 20 and 0 < peak < 400, (seconds, peak)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    # Through a real process: the name reaches Python as a lone surrogate, which a UTF-8 stdout refuses.
    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"caf\xe9.yaml"), "wb") as stream:
        stream.write((MINI_LADDER).read_bytes())
    for args, stream_name in ((["validate", str(tmp_path)], "stdout"), (["--kb", str(tmp_path), "show", "nobody"], "stderr")):
        result = subprocess.run([sys.executable, "-m", "pmpath", *args], capture_output=True, cwd=tmp_path, timeout=60,
                                env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert result.returncode in (0, 1), result.stderr
        assert b"Traceback" not in result.stderr
    valid = subprocess.run([sys.executable, "-m", "pmpath", "validate", os.path.join(directory, b"caf\xe9.yaml")],
                           capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert valid.returncode == 0 and b"caf\\udce9.yaml: valid: Mini ladder" in valid.stdout


def test_thousands_of_unknown_references_do_not_stall_the_suggestions(tmp_path):
    # 20,000 unknown ids against 5,000 roles: 100 million name comparisons without a budget.
    levels = "".join(
        f"  - {{id: role-{i}, title: Role {i}, band: 1, tracks: [t], summary: s, main_focus: f, scope: s,"
        f" responsibilities: [r], skills: [k], sources: [s]}}\n"
        for i in range(5000)
    )
    refs = ", ".join(f"rolf-{i}" for i in range(20000))
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        "format: 1\nsources: [{id: s, title: S}]\n"
        "tracks: [{id: t, title: T, summary: s, values: [v], promotion_criteria: [c], sources: [s]}]\n"
        f"levels:\n{levels}guidance:\n  - {{topic: general, text: x, sources: [s], applies_to: [{refs}]}}\n"
    )
    result, seconds, peak = run_measured(["validate", str(kb)], tmp_path)
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert lines[0].endswith("guidance[0].applies_to[0]: unknown role 'rolf-0' (did you mean 'role-0'?)")
    assert lines[999].endswith("guidance[0].applies_to[999]: unknown role 'rolf-999'")
    assert lines[1000] == f"{kb}: stopped after 1,000 problems; fix these and check again"
    assert lines[1001] == f"pmpath: error: {kb}: not a valid knowledge base (more than 1,000 problems)"
    assert seconds < 20, seconds


def test_a_flood_of_mistakes_stops_at_a_thousand_problems(tmp_path):
    # 150,000 empty levels: 1.65 million problems (2.2 GB, 4 minutes) if all were built.
    flood = tmp_path / "flood.yaml"
    flood.write_text("format: 1\nlevels: [" + "{x: 1}, " * 150_000 + "]\n")
    result, seconds, peak = run_measured(["validate", str(flood)], tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 3
    assert lines[0] == f"{flood}:2:10: levels[0]: missing required key 'id'"
    assert lines[-2] == f"{flood}: stopped after 1,000 problems; fix these and check again"
    assert lines[-1] == f"pmpath: error: {flood}: not a valid knowledge base (more than 1,000 problems)"
    assert seconds < 20 and 0 < peak < 400, (seconds, peak)
    other = run_measured(["--kb", str(flood), "levels"], tmp_path)[0]
    assert "not valid (more than 1,000 problems)" in other.stderr
    assert "... and more; 'pmpath validate' lists them" in other.stderr
