"""One text policy (pmpath.text): hidden characters by Unicode category, refused by validation,
escaped by every writer; names that mix scripts or look like another name are warned about."""

from __future__ import annotations

import json
import unicodedata
from typing import Annotated

import pytest
import yaml
from pydantic import StringConstraints, TypeAdapter, ValidationError

from pmpath.writers import data as formats
from pmpath import text as text_policy
from pmpath.views import elements as E
from pmpath.writers import html as html_writer, markdown as markdown_writer

from tests.conftest import FIXTURES

HIDDEN = ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")
ISSUE_17 = ["\u061c", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\u00ad", "\u180e",
            "\ufff9", "\ufffa", "\ufffb", "\U000e0001", "\U000e0020", "\U000e0041", "\U000e007f"]
"""The format characters an adversarial test found passing the old lists of code points."""


def raw_hidden(text: str, allow: str = "\n") -> list[str]:
    return [c for c in text if c not in allow and unicodedata.category(c) in HIDDEN]


def _refused(pattern: str, chars: list[str]) -> list[bool]:
    """Whether the schema's pattern refuses each string, in pydantic's own engine."""
    adapter = TypeAdapter(list[Annotated[str, StringConstraints(pattern=pattern)]])
    refused = [False] * len(chars)
    try:
        adapter.validate_python(chars)
    except ValidationError as error:
        for item in error.errors():
            refused[item["loc"][0]] = True
    return refused


@pytest.mark.parametrize(("pattern", "allow"), [("LINE_PATTERN", ""), ("TEXT_PATTERN", "\t\n")])
def test_validation_refuses_exactly_the_hidden_categories(pattern, allow):
    """The schema's pattern (pydantic-core's Unicode tables) and the writers' policy (Python's)
    agree: every character Python calls shown passes, every control, format, private-use and
    separator character is refused. (Where the two Unicode versions differ, a character one of
    them calls unassigned may pass validation, to be escaped on output.)"""
    pattern = getattr(text_policy, pattern)
    everything = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    shown = "".join(c for c in everything if c in allow or unicodedata.category(c) not in HIDDEN)
    if not _newer_in_python():  # one string of every shown character: validation accepts it
        assert _refused(pattern, [shown]) == [False]
    hidden = [c for c in everything if c not in allow and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
    private = [c for c in everything if unicodedata.category(c) == "Co"]
    hidden += private[::97] + [private[0], private[-1], "\ue000", "\uf8ff", "\U000f0000", "\U0010fffd"]
    assert [c for c, refused in zip(hidden, _refused(pattern, hidden)) if not refused] == []


def _newer_in_python() -> bool:
    """Python's Unicode is newer than pydantic-core's: some letters it knows are unassigned there."""
    return tuple(map(int, unicodedata.unidata_version.split("."))) > (15, 0)


@pytest.mark.parametrize("char", ISSUE_17)
def test_the_format_characters_issue_17_found_are_refused_in_a_knowledge_base(tmp_path, char):
    from pmpath.kb.loader import check

    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    escaped = char.encode("unicode_escape").decode("ascii")
    path = tmp_path / "kb.yaml"
    path.write_text(text.replace("    title: Level One\n", f'    title: "Level{escaped}One"\n'), encoding="utf-8")
    kb, found = check([path])
    assert kb is None
    assert f"U+{ord(char):04X} at position 5; knowledge-base text must be printable" in str(found[0])


@pytest.mark.parametrize("char", ISSUE_17 + ["\x1b", "\x9b", "\u202e", "\u2028", "\ue000", "\u0378", "\udce9"])
def test_every_writer_shows_a_hidden_character_as_an_escape(char):
    text = f"a{char}b"
    document = E.Document("test", "Title " + text, (
        E.heading(1, text), E.heading(2, text), E.para(E.Span(text, E.STRONG)), E.Bullets(((E.Span(text),),)),
        E.Rows((("Label", (E.Span(text),)),)), E.Table((E.Column(text),), (((E.Span(text, E.CODE),),),)), E.Pre(text),
    ))
    for out in (markdown_writer.write(document), html_writer.page(document)):
        assert not raw_hidden(out), out
        assert text_policy.python_escape(char) in out
    assert json.loads(formats.to_json({"t": text}))["t"] == text and not raw_hidden(formats.to_json({"t": text}))
    if char != "\udce9":  # YAML cannot hold a lone surrogate at all
        assert yaml.safe_load(formats.to_yaml({"t": text}))["t"] == text and not raw_hidden(formats.to_yaml({"t": text}))


def test_the_terminal_shows_hidden_characters_from_any_renderer_as_escapes(monkeypatch, capsys):
    from rich.text import Text

    from pmpath.cli import output
    from pmpath.writers import terminal

    text = "Senior\u2060PM \U000e0041 \u202eevil"
    output.print_renderable(terminal.render(E.Document("test", "x", (E.para(text),))))
    output.print_renderable(Text(text))  # the older renderers write Rich text directly
    shown = capsys.readouterr().out
    assert not raw_hidden(shown)
    assert shown.count("Senior\\u2060PM \\U000e0041 \\u202eevil") == 2


def test_json_writes_characters_past_u_ffff_as_surrogate_pairs():
    assert text_policy.json_escape("\U000e0041") == "\\udb40\\udc41"
    assert json.loads('"' + text_policy.escape("x\U000e0041", form=text_policy.json_escape) + '"') == "x\U000e0041"


def test_icalendar_text_has_no_hidden_character():
    from pmpath.writers import ics as plan_export

    assert plan_export._ical("towards Senior\u2060PM\nnext") == "towards Senior\\u2060PM\nnext"

    from pmpath.writers.markdown import escape  # the plan's Markdown goes through the Markdown writer

    assert escape("Senior\u00adPM") == "Senior\\\\xadPM"  # a backslash, escaped for Markdown


# ------------------------------------------------------------------ names that deceive


def test_scripts_and_skeletons():
    assert text_policy.mixed_scripts("S\u0435nior PM") == ("S\u0435nior", ["LATIN", "CYRILLIC"])
    assert text_policy.mixed_scripts("Product Manager (Продакт-менеджер)") is None
    assert text_policy.mixed_scripts("プロダクトマネージャー 製品") is None
    assert text_policy.mixed_scripts("Café Crème") is None
    assert text_policy.skeleton("S\u0435nior PM") == text_policy.skeleton("Senior PM")
    assert text_policy.skeleton("seni0r-pm") == text_policy.skeleton("senior-pm")
    assert text_policy.skeleton("Senior PM") != text_policy.skeleton("Junior PM")


LOOK_ALIKES = """
specializations:
  - id: growth
    title: Gr\u043ewth
    aliases: [Level Tw0]
    summary: Grows.
    main_focus: Growth.
    metrics: [Activation.]
    skills: [Experiments.]
    sources: [src]
"""


@pytest.mark.parametrize("cached", [False, True])
def test_validate_warns_about_mixed_scripts_and_look_alikes_without_refusing(run, tmp_path, cached):
    path = tmp_path / "kb.yaml"
    base = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    path.write_text(base.replace("title: Level Two", "title: Level Tw\u043e") + LOOK_ALIKES, encoding="utf-8")
    if cached:
        assert run("validate", str(path)).exit_code == 0
    result = run("validate", str(path))
    assert result.exit_code == 0 and ": valid: " in result.stdout
    assert result.stderr.splitlines() == [
        f"{path}:25:5: levels[1].title: warning: 'Level Tw\u043e': the word 'Tw\u043e' mixes writing systems "
        "(Latin, Cyrillic); a look-alike letter?",
        f"{path}:43:5: specializations[0].title: warning: 'Gr\u043ewth': the word 'Gr\u043ewth' mixes writing systems "
        "(Latin, Cyrillic); a look-alike letter?",
        f"{path}:44:15: specializations[0].aliases[0]: warning: 'Level Tw0' looks like 'Level Tw\u043e' (two) "
        "but is another name",
    ]


def test_validate_warns_about_an_id_that_looks_like_another(run, tmp_path):
    path = tmp_path / "kb.yaml"
    base = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    path.write_text(base + LOOK_ALIKES.replace("growth", "tw0").replace("Gr\u043ewth", "Growth").replace("Level Tw0", "Growing"),
                    encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "specializations[0].id: warning: 'tw0' looks like 'two' (two) but is another name" in result.stderr


def test_the_builtin_knowledge_base_has_no_warnings(run):
    result = run("validate")
    assert result.exit_code == 0 and result.stderr == ""
