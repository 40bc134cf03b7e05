"""Property-based fuzzing: random command lines and random knowledge bases through the real entry point.

Every outcome must be an answer (exit 0) or a clean error with a documented exit
code (pmpath/status.py) - never a traceback, never "internal error", never a hang.

The number of examples is moderate so the suite stays fast on two cores; set
``PMPATH_FUZZ_EXAMPLES`` (e.g. 2000) for a longer run.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmpath.cli.status import ExitStatus

from tests.conftest import CAREER, FIXTURES, MINI

EXAMPLES = int(os.environ.get("PMPATH_FUZZ_EXAMPLES", "40"))
settings.register_profile(
    "pmpath-fuzz",
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=20),  # a hang fails the example instead of the whole run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run (CI must not flake); raise EXAMPLES to explore
    print_blob=True,
)
FUZZ = settings.get_profile("pmpath-fuzz")

# Exit codes a user can see for any input; INTERNAL (4) never.
CLEAN = {ExitStatus.OK, ExitStatus.NOT_FOUND, ExitStatus.USAGE, ExitStatus.INVALID_KB, ExitStatus.PROFILE}


def command_tree(arguments: bool = False) -> dict:
    """Every command path and its options (names, whether it is a flag), or its number of arguments,
    from the app itself."""
    import typer.main

    from pmpath.cli.commands import app

    tree: dict = {}

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
        else:
            if arguments:
                tree[path] = sum(p.param_type_name == "argument" for p in command.params)
            else:
                tree[path] = [(list(p.opts), bool(getattr(p, "is_flag", False))) for p in command.params
                              if p.param_type_name == "option"]

    walk(typer.main.get_command(app), ())
    return tree


COMMANDS = command_tree()
ARGUMENTS = {path: n for path, n in command_tree(arguments=True).items()}

# Values that mean something to some command, and some that mean nothing.
WORDS = [
    "senior-pm", "apm", "pm", "group-pm", "growth-pm", "vp-product", "cpo", "ic", "manager", "people manager",
    "Senior PM", "SENIOR-PM", "seniorpm", "engineering", "design", "data", "2020-01", "2019-13", "1999-01",
    "3000-01", "table", "json", "yaml", "markdown", "html", "0", "-1", "1", "99", "100000", "3", "1.5", "",
    " ", "-", "--", "a", "yes", "skill=3", "0,1,2", "3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3",
    "out.json", "out.ics", "out.md", "sub/dir/out.md", ".", "/", "/dev/null", "/nonexistent/x",
]
HOSTILE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
KNOWN = st.sampled_from(WORDS)
TOKEN = st.one_of(KNOWN, KNOWN, KNOWN, HOSTILE_TEXT,  # mostly words the commands know, to get past parsing
                  st.sampled_from(["[bold]x[/bold]", "[red]", "\x1b[31mred", "é", "😀", "\u202e"]))
GLOBAL = st.lists(st.sampled_from([("--no-color",), ("--no-cache",), ("--no-pager",), ("--pager",),
                                   ("--kb", str(MINI)), ("--kb", str(CAREER)), ("--kb", str(FIXTURES / "nasty")),
                                   ("--kb",), (str(MINI),)]), max_size=2).map(lambda groups: [*sum(groups, ())])


@st.composite
def command_lines(draw) -> list[str]:
    path = draw(st.sampled_from(sorted(COMMANDS)))
    options = COMMANDS[path]
    argv = [*draw(GLOBAL), *path]
    well_formed = draw(st.booleans())  # half the lines have the right number of arguments and known options
    if well_formed:
        argv += [draw(TOKEN) for _ in range(ARGUMENTS[path])]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3 if well_formed else 7))
        if kind <= 3 and options:
            names, is_flag = draw(st.sampled_from(options))
            argv.append(draw(st.sampled_from(names)))
            if not is_flag and draw(st.integers(0, 9)):
                argv.append(draw(TOKEN))
        elif kind <= 6:
            argv.append(draw(TOKEN))
        else:
            argv.append(draw(st.sampled_from(["--help", "-h", "--nope", "-x", "--format=json", "--format=yaml"])))
    return argv


def assert_clean(code: int, stdout: str, stderr: str, argv, also: set = frozenset()) -> None:
    where = f"pmpath {argv!r} exited {code}\nstdout: {stdout[-800:]}\nstderr: {stderr[-800:]}"
    assert code in CLEAN | set(also), where
    assert "Traceback" not in stdout + stderr, where
    assert "internal error" not in stderr, where
    if code != ExitStatus.OK:
        assert stderr.strip(), where  # an error always says something
        assert "pmpath: error:" in stderr or stderr.startswith("Usage:"), where


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """Commands that write files (export -o, plan --ics) write them here, not in the repository."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(argv: list[str], env: dict | None = None, input: str | None = None):
    from pmpath.cli.commands import app

    result = CliRunner().invoke(app, argv, env=env, input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # the real traceback, for the report
    return result


@FUZZ
@given(argv=command_lines())
def test_any_command_line_gets_an_answer_or_a_clean_error(sandbox, argv):
    result = invoke(argv)
    assert_clean(result.exit_code, result.stdout, result.stderr, argv)


def test_the_fuzzer_reaches_every_command():
    """The generator can draw every command the app has (a new command is fuzzed without a change here)."""
    import pmpath.cli.commands  # noqa: F401

    assert {path[0] for path in COMMANDS} >= {"levels", "show", "next", "path", "search", "export", "plan",
                                                 "quiz", "assess", "gap", "profile"}
    assert ("profile", "set") in COMMANDS


@settings(FUZZ, max_examples=max(8, EXAMPLES // 5))
@given(argv=command_lines())
def test_any_command_line_through_python_m_pmpath(sandbox, argv):
    """The same property through a real process: the entry point, the interpreter's own error handling."""
    env = {**os.environ, "PMPATH_DEBUG": ""}
    done = subprocess.run([sys.executable, "-m", "pmpath", *argv], capture_output=True, text=True,
                          errors="replace", env=env, timeout=30, stdin=subprocess.DEVNULL)
    assert_clean(done.returncode, done.stdout, done.stderr, argv)


# ---------------------------------------------------------------- knowledge bases


def _documents() -> list[tuple[str, dict]]:
    sources = [MINI / "ladder.yaml", FIXTURES / "valid-minimal.yaml", FIXTURES / "nasty" / "kb.yaml",
               CAREER / "ladder.yaml", CAREER / "moves.yaml"]
    return [(path.name, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sources]


DOCUMENTS = _documents()
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True), HOSTILE_TEXT,
    st.sampled_from(["[bold]x[/]", "\x1b[2J", "line\nbreak", "tab\there", "\r", "\x07bell", "x" * 5000,
                     "2020-01-01", "yes", "~", "&anchor", "*alias", "!!python/object:os.system", "{a: 1}"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(HOSTILE_TEXT, inner, max_size=3)),
                      max_leaves=6)


def _containers(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _containers(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _containers(value, (*path, index))


@st.composite
def mutated_documents(draw, documents: list | None = None) -> dict:
    """A valid fixture with 1-4 changes: a key deleted or renamed, a value of another type, an item doubled."""
    name, original = draw(st.sampled_from(documents or DOCUMENTS))
    return _mutate(draw, original)


def _mutate(draw, original):
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        places = [(p, n) for p, n in _containers(document) if isinstance(n, (dict, list)) and n]
        if not places:
            break
        _, node = draw(st.sampled_from(places))
        key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else range(len(node))))
        action = draw(st.sampled_from(["delete", "rename", "replace", "replace", "double"]))
        if action == "delete":
            del node[key]
        elif action == "rename" and isinstance(node, dict):
            node[draw(st.sampled_from(["id", "title", "tracks", "levels", key + "s", key.upper(), "x"]))
                 if isinstance(key, str) else "x"] = node.pop(key)
        elif action == "double" and isinstance(node, list):
            node.append(copy.deepcopy(node[key]))
        else:
            node[key] = draw(VALUES)
    return document


def _write(directory: Path, document) -> Path:
    path = directory / "kb.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_loads_or_explains(path: Path) -> None:
    from pmpath.kb.loader import KnowledgeBaseError, check, load

    try:
        load(path)
    except KnowledgeBaseError as problem:
        assert problem.diagnostics, "an invalid knowledge base with no diagnostic"
        assert "Traceback" not in str(problem)
    kb, diagnostics = check([path])
    assert (kb is None) == bool(diagnostics)
    for diagnostic in diagnostics:
        assert str(diagnostic).startswith(str(path)), diagnostic  # FILE:LINE:COL: where: what


@FUZZ
@given(document=mutated_documents())
def test_a_mutated_knowledge_base_loads_or_is_explained(tmp_path_factory, document):
    assert_loads_or_explains(_write(tmp_path_factory.mktemp("kb"), document))


@FUZZ
@given(text=st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(["format: 1\n", "levels:\n", "  - id: a\n", "    title: [\n", "  - &x {}\n",
                              "  - *x\n", "tracks: !!binary aGk=\n", "sources: {}\n", "\t- tab\n", "---\n",
                              "? complex\n", ": value\n", "name: \"\\x1b[31m\"\n", "%YAML 1.1\n", "x: !tag y\n"]),
             max_size=12).map("".join),
))
def test_arbitrary_yaml_text_loads_or_is_explained(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text(text, encoding="utf-8", errors="strict")
    assert_loads_or_explains(path)


@FUZZ
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_load_or_are_explained(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_bytes(b"format: 1\n" + raw)
    assert_loads_or_explains(path)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 2))
@given(document=mutated_documents(),
       argv=st.sampled_from([["levels"], ["export", "--format", "json"], ["export", "--format", "markdown"],
                             ["show", "junior"], ["search", "craft"], ["levels", "--tree"], ["tracks"],
                             ["validate", "KB"]]),
       extends=st.booleans())
def test_a_mutated_knowledge_base_through_pmpath_kb(sandbox, tmp_path_factory, document, argv, extends):
    if extends:  # the same document as an extension of the built-in knowledge base
        document = {**document, "extends": "builtin"} if isinstance(document, dict) else document
    path = _write(tmp_path_factory.mktemp("kb"), document)
    argv = [str(path) if word == "KB" else word for word in argv]
    result = invoke(argv, env={"PMPATH_KB": str(path)})
    assert_clean(result.exit_code, result.stdout, result.stderr, argv)
    if result.exit_code == ExitStatus.INVALID_KB:
        assert str(path) in result.stderr  # the error names the file


# ---------------------------------------------------------------- answers typed, answers files, profiles

PROFILE_SETUP = ["profile", "set", "--role", "pm", "--track", "ic", "--since", "2022-02"]
LINE = HOSTILE_TEXT.map(lambda text: text.replace("\n", " "))


@pytest.fixture
def person(sandbox, run):
    """A profile (pm on the IC track), and its bytes, to restore before every example."""
    from pmpath import store

    assert run(*PROFILE_SETUP).exit_code == ExitStatus.OK
    return store.profile_path(), store.profile_path().read_bytes()


def restore(path: Path, content: bytes) -> None:
    for leftover in path.parent.iterdir():
        if leftover != path:
            leftover.unlink()
    path.write_bytes(content)


@st.composite
def typed_answers(draw) -> str:
    """What a person might type, line by line: mostly answers the question accepts, some not, input may end early."""
    choices = st.sampled_from(["0", "1", "2", "3", "b", "a", "c", "d", "e", "y", "n"])
    junk = st.one_of(LINE, st.sampled_from(["", " ", " 2 ", "4", "-1", "B", "yes", "2,3", "\x03", "\x04", "\x1b[A",
                                            "\r", "\x7f", "q", "?", "0" * 100]))
    lines = draw(st.lists(st.one_of(choices, choices, choices, junk), max_size=45))
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@FUZZ
@given(argv=st.sampled_from([["quiz"], ["assess"], ["assess", "--target", "group-pm"], ["profile", "reset"]]),
       typed=typed_answers())
def test_any_typed_answers_get_a_result_or_a_clean_error(person, monkeypatch, argv, typed):
    """The quiz, the self-assessment and the reset confirmation read answers typed on a terminal (stdin and
    stdout terminals, the questions asked as a person sees them); whatever is typed, and wherever the input
    ends: a result, or a clean error or 130 ('input ended ...; nothing was saved'); nothing is saved
    unless the command finished."""
    import pmpath.cli.interactive

    path, before = person
    restore(path, before)
    monkeypatch.setattr(pmpath.cli.interactive, "is_interactive", lambda: True)
    result = invoke(argv, input=typed)
    assert_clean(result.exit_code, result.stdout, result.stderr, argv, also={ExitStatus.INTERRUPTED})
    shown = result.stdout
    for line in sorted(typed.splitlines(), key=len, reverse=True):  # the test runner echoes what is typed
        shown = shown.replace(line, "") if line else shown
    assert "\x1b" not in shown + result.stderr
    if result.exit_code != ExitStatus.OK:
        assert path.read_bytes() == before
    elif argv[0] == "quiz":
        assert path.read_bytes() == before  # the quiz saves nothing
    elif argv[0] == "assess":
        from pmpath import store

        assert len(store.load(path).profile.assessments) == 1


def _builtin_quiz() -> dict:
    from pmpath.kb.loader import load

    return {question.id: question.options[0].id for question in load().quiz}


ANSWER_SNIPPETS = ["afternoon: a\n", "users: e\n", "1: 2\n", "2: 3\n", "29: 0\n", "30: 1\n", "0: 1\n", "1: 4\n",
                   "afternoon: [a, b]\n", "? [x]\n: y\n", "1: two\n", "- 1\n", "&a 1: *a\n", "x: !!binary aGk=\n",
                   "users:\n", "  nested: 1\n", "\t1: 2\n", "---\n", "1: 2\n1: 3\n", "afternoon: A\n"]


@st.composite
def answers_files(draw) -> tuple[str, bytes]:
    """An answers file for the quiz or the assessment: a valid one mutated, arbitrary YAML, or arbitrary bytes."""
    kind = draw(st.sampled_from(["quiz", "assess"]))
    valid = _builtin_quiz() if kind == "quiz" else {n: n % 4 for n in range(1, 30)}
    how = draw(st.sampled_from(["mutated", "mutated", "yaml", "bytes"]))
    if how == "mutated":
        content = yaml.safe_dump(_mutate(draw, valid), allow_unicode=True).encode("utf-8")
    elif how == "yaml":
        content = draw(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(ANSWER_SNIPPETS), max_size=10)
                                 .map("".join))).encode("utf-8", "surrogatepass")
    else:
        content = draw(st.binary(max_size=200))
    return kind, content


@FUZZ
@given(answers=answers_files())
def test_any_answers_file_gets_a_result_or_a_clean_error(person, answers):
    """`quiz --answers FILE` and `assess --answers FILE` with a valid file mutated, arbitrary YAML or bytes:
    a result, or exit 2 naming the file; the profile changes only when an assessment was saved."""
    from pmpath import store

    kind, content = answers
    path, before = person
    restore(path, before)
    file = path.parent.parent / "answers.yaml"
    file.write_bytes(content)
    argv = [kind, "--answers", str(file)]
    result = invoke(argv)
    assert_clean(result.exit_code, result.stdout, result.stderr, argv)
    if result.exit_code == ExitStatus.USAGE:
        assert str(file) in result.stderr, result.stderr  # the error names the file
    if result.exit_code != ExitStatus.OK or kind == "quiz":
        assert path.read_bytes() == before
    else:
        assert len(store.load(path).profile.assessments) == 1


def _profiles() -> list[tuple[str, dict]]:
    from pmpath import store
    from pmpath.questions.profile import Assessment, Profile

    items = [{"kind": "skill", "text": f"Skill {n}", "score": n % 4} for n in range(5)]
    full = Profile(role="pm", track="ic", since="2022-02", specialization="growth-pm",
                   assessments=[Assessment(date="2025-01-02", role="pm", target="senior-pm", items=items)])
    return [(name, yaml.safe_load(store.dumps(profile))) for name, profile in
            (("full", full), ("minimal", Profile(role="apm")), ("manager", Profile(role="group-pm", track="manager")))]


PROFILE_DOCUMENTS = _profiles()
PROFILE_SNIPPETS = ["format: 1\n", "role: pm\n", "role: [pm]\n", "track: ic\n", "since: 2022-02\n", "since: 2099-01\n",
                    "since: 2022-02-30\n", "specialization: growth-pm\n", "assessments:\n", "  - date: 2025-01-01\n",
                    "    items: []\n", "    target: senior-pm\n", "format: 2\n", "role: !!python/object:os.system x\n",
                    "\ufeffformat: 1\n", "role: pm\r\n", "? role\n", "&a role: *a\n", "track: none\n"]
PROFILE_READERS = [["profile", "show"], ["profile", "show", "--format", "json"], ["next"], ["path", "director"],
                   ["gap"], ["plan"], ["plan", "--format", "markdown"], ["assess", "--list"], ["levels"]]
PROFILE_WRITERS = [["profile", "set", "--track", "manager"], ["profile", "set", "--role", "senior-pm"],
                   ["assess", "--scores", ",".join(["2"] * 29)], ["assess", "--target", "senior-pm", "--scores", "1,2"]]


@st.composite
def profile_files(draw) -> bytes:
    how = draw(st.sampled_from(["mutated", "mutated", "yaml", "bytes"]))
    if how == "mutated":
        return yaml.safe_dump(draw(mutated_documents(PROFILE_DOCUMENTS)), allow_unicode=True, sort_keys=False).encode()
    if how == "yaml":
        return draw(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PROFILE_SNIPPETS), max_size=10)
                              .map("".join))).encode("utf-8", "surrogatepass")
    return b"format: 1\n" + draw(st.binary(max_size=200))


@FUZZ
@given(content=profile_files(), argv=st.sampled_from(PROFILE_READERS + PROFILE_WRITERS))
def test_a_hand_edited_profile_gets_an_answer_or_a_clean_error(person, content, argv):
    """A profile edited by hand (a valid one mutated, arbitrary YAML, arbitrary bytes) read by every command
    that reads it: an answer, or a clean error (5 naming the file when it cannot be read); a profile that
    cannot be read is never written over, and commands that only read it never change it."""
    from pmpath import store

    path, _ = person
    restore(path, content)
    result = invoke(argv)
    assert_clean(result.exit_code, result.stdout, result.stderr, argv)
    if result.exit_code == ExitStatus.PROFILE:
        assert str(path) in result.stderr, result.stderr
    if result.exit_code != ExitStatus.OK or argv in PROFILE_READERS:
        assert path.read_bytes() == content
    else:
        assert store.load(path) is not None  # what was written reads back
