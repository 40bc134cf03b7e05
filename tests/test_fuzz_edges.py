"""Fuzzing the edges issue 17 found: text from every Unicode category, paths with control
characters, dates at the ends of the calendar, special files in each place pmpath opens one.

Like tests/test_fuzz.py: the same examples on every run; ``PMPATH_FUZZ_EXAMPLES`` explores further.
Every outcome is an answer or a clean error with a documented exit code, never 4, never a hang,
and no hidden character (pmpath.text) is ever written raw.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.cli.status import ExitStatus

from tests.conftest import FIXTURES
from tests.test_edges import SPECIAL, _special, pmpath
from tests.test_fuzz import CLEAN, EXAMPLES, FUZZ, assert_clean, invoke

HIDDEN = ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")
CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn")
"""Every general category Unicode has."""

ANY_CATEGORY = st.sampled_from(CATEGORIES).flatmap(lambda category: st.characters(categories=[category]))
UNICODE_TEXT = st.lists(st.one_of(ANY_CATEGORY, st.sampled_from("Senior PM ")), min_size=1, max_size=12).map("".join)
"""Text whose characters come from every Unicode category alike (so hidden ones are common)."""


def raw_hidden(text: str) -> list[str]:
    return [c for c in text if c not in "\n\t" and unicodedata.category(c) in HIDDEN]


def _kb_with(directory: Path, title: str, summary: str) -> Path:
    """The minimal knowledge base with level one's title and summary (YAML double-quoted, any character escaped)."""
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    title: Level One\n", f"    title: {json.dumps(title)}\n")
    text = text.replace("    summary: First.\n", f"    summary: {json.dumps(summary)}\n")
    path = directory / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_text_strategy_reaches_every_category():
    assert len(CATEGORIES) == 30
    assert set(HIDDEN) <= set(CATEGORIES)


@FUZZ
@given(title=UNICODE_TEXT, summary=UNICODE_TEXT)
def test_text_from_any_unicode_category_validates_or_is_explained_and_never_shows_raw(tmp_path_factory, title, summary):
    """validate never crashes; a knowledge base that loads shows no hidden character in show,
    Markdown, HTML, JSON or YAML."""
    kb = _kb_with(tmp_path_factory.mktemp("kb"), title, summary)
    result = invoke(["validate", str(kb)])
    assert_clean(result.exit_code, result.stdout, result.stderr, ["validate", kb])
    assert not raw_hidden(result.stdout + result.stderr)
    if result.exit_code != ExitStatus.OK:
        assert result.exit_code == ExitStatus.INVALID_KB
        return
    for argv in (["show", "one"], ["levels"], ["export", "--format", "markdown"], ["export", "--format", "html"],
                 ["show", "one", "--format", "json"], ["show", "one", "--format", "yaml"]):
        shown = invoke(["--kb", str(kb), "--no-cache", *argv])
        assert shown.exit_code == ExitStatus.OK, shown.stderr
        assert not raw_hidden(shown.stdout + shown.stderr), (argv, shown.stdout)


PATH_TEXT = st.text(
    alphabet=st.one_of(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"], exclude_characters="\x00"),
                       st.sampled_from("abc-_. ")),
    min_size=1, max_size=10,
).filter(lambda name: name not in (".", "..") and "/" not in name)


@settings(FUZZ, max_examples=max(8, EXAMPLES // 4))
@given(name=PATH_TEXT, where=st.sampled_from(["export", "markdown", "ics", "init", "home"]))
def test_a_path_with_control_characters_is_echoed_escaped(tmp_path_factory, name, where):
    base = tmp_path_factory.mktemp("paths")
    home = base / "home"
    env = {"PMPATH_HOME": str(home)}
    if where == "home":
        env["PMPATH_HOME"] = str(base / name)
        argv = ["profile", "set", "--role", "pm", "--since", "2023-01"]
    else:
        home.mkdir()
        (home / "profile.yaml").write_text("format: 1\nrole: pm\nsince: '2023-01'\n", encoding="utf-8")
        argv = {
            "export": ["export", "-o", str(base / name)], "markdown": ["plan", "--markdown", str(base / name)],
            "ics": ["plan", "--ics", str(base / name)], "init": ["init", str(base / name)],
        }[where]
    code, out, err = pmpath(*argv, env=env, tty_stderr=True)
    assert code in CLEAN, err
    assert "Traceback" not in out + err and "internal error" not in err
    assert not raw_hidden(out + err.replace("\r", "")), (argv, out, err)


MONTH_TEXT = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13))
EDGE_DAYS = st.one_of(st.dates(), st.sampled_from(["0001-01-01", "1949-12-31", "1950-01-01", "2199-12-31",
                                                    "2200-01-01", "9999-12-31"]).map(str))


@FUZZ
@given(since=MONTH_TEXT, today=EDGE_DAYS,
       argv=st.sampled_from([["path", "senior-pm"], ["profile", "show"], ["plan"], ["next"], ["gap"],
                             ["plan", "--ics", "-"], ["path", "apm", "cpo", "--since", "SINCE"],
                             ["profile", "set", "--since", "SINCE"]]),
       in_profile=st.booleans())
def test_dates_at_the_edges_get_an_answer_or_a_clean_error(tmp_path_factory, since, today, argv, in_profile):
    home = tmp_path_factory.mktemp("home")
    profile = f"format: 1\nrole: pm\n" + (f"since: '{since}'\n" if in_profile else "")
    (home / "profile.yaml").write_text(profile, encoding="utf-8")
    argv = [since if arg == "SINCE" else arg for arg in argv]
    result = invoke(argv, env={"PMPATH_HOME": str(home), "PMPATH_TODAY": str(today)})
    assert_clean(result.exit_code, result.stdout, result.stderr, argv)


PLACES = ["profile", "answers", "kb", "export", "markdown"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@settings(FUZZ, max_examples=max(10, EXAMPLES // 4))
@given(kind=st.sampled_from(SPECIAL), place=st.sampled_from(PLACES))
def test_a_special_file_in_any_place_is_a_clean_error_never_a_hang(tmp_path_factory, kind, place):
    base = tmp_path_factory.mktemp("special")
    special = _special(base, kind)
    home = base / "home"
    home.mkdir()
    if place == "profile":
        os.symlink(special, home / "profile.yaml")
    else:
        (home / "profile.yaml").write_text("format: 1\nrole: pm\nsince: '2023-01'\n", encoding="utf-8")
    argv = {
        "profile": ["profile", "show"], "answers": ["assess", "--target", "senior-pm", "--answers", str(special)],
        "kb": ["--kb", str(special), "levels"], "export": ["export", "-o", str(special)],
        "markdown": ["plan", "--markdown", str(special)],
    }[place]
    code, out, err = pmpath(*argv, env={"PMPATH_HOME": str(home)}, timeout=20)  # a hang fails here
    assert code in CLEAN, err
    assert "Traceback" not in out + err and "internal error" not in err
    if not (kind == "device" and place in ("export", "markdown")):  # writing into /dev/zero is writing into a device
        assert code != ExitStatus.OK, (argv, out)
