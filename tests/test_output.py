"""``--format``: every query command as JSON, YAML and Markdown, complete, stable and clean."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import FIXTURES, MINI

NASTY = FIXTURES / "nasty"

COMMANDS = {
    ("levels",): "ladder",
    ("levels", "--track", "ic"): "ladder",
    ("levels", "--tree"): "ladder",
    ("show",): "roles",
    ("show", "apm"): "role",
    ("show", "growth-pm"): "role",
    ("next", "senior-pm"): "next",
    ("next", "senior-pm", "--track", "manager"): "next",
    ("next", "principal-pm", "--track", "ic"): "next",
    ("next", "cpo"): "next",
    ("next", "growth-pm"): "next",
    ("export", "--format", "json"): "knowledge-base",
    ("path", "apm", "director", "--since", "2024-01"): "path",
    ("compare", "principal-pm", "group-pm"): "compare",
    ("tracks",): "tracks",
    ("alternatives", "cpo"): "alternatives",
    ("specializations", "--skill", "SQL"): "specializations",
    ("search", "A/B testing"): "search",
    ("break-in", "-f", "engineering"): "break-in",
    ("resources", "research"): "resources",
}
ANSI = re.compile(r"\x1b\[")


def document(run, args, fmt="json", env=None):
    if args[0] != "export":
        args = (*args, "--format", fmt)
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("args,kind", COMMANDS.items(), ids=[" ".join(a) for a in COMMANDS])
def test_json_is_a_versioned_document(run, args, kind):
    data = json.loads(document(run, args))
    assert list(data)[:3] == ["format", "kind", "title"]
    assert data["format"] == 1 and data["kind"] == kind and data["title"]


@pytest.mark.parametrize("args", [a for a in COMMANDS if a[0] != "export"], ids=lambda a: " ".join(a))
def test_yaml_says_the_same_as_json(run, args):
    out = document(run, args, "yaml")
    assert out.startswith("---\n")
    assert yaml.safe_load(out) == json.loads(document(run, args))


@pytest.mark.parametrize("args", [a for a in COMMANDS if a[0] != "export"], ids=lambda a: " ".join(a))
def test_markdown_is_a_wiki_page(run, args):
    out = document(run, args, "markdown")
    assert out.startswith("# ") and out.endswith("\n")
    assert not ANSI.search(out)


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_documents_ignore_forced_colour_width_and_pager(run, fmt):
    plain = document(run, ("show", "apm"), fmt)
    forced = document(
        run, ("show", "apm"), fmt,
        env={"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color", "COLUMNS": "40", "PAGER": "false"},
    )
    assert forced == plain and not ANSI.search(forced)


def test_documents_are_stable(run):
    assert document(run, ("levels",)) == document(run, ("levels",))


@pytest.mark.parametrize("alias,fmt", [("md", "markdown"), ("yml", "yaml"), ("JSON", "json"), ("table", "table")])
def test_format_aliases_and_case(run, alias, fmt):
    assert run("show", "apm", "--format", alias).stdout == run("show", "apm", "--format", fmt).stdout


def test_mistyped_format_is_a_usage_error_with_a_suggestion(run):
    result = run("levels", "--format", "jsno")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: invalid value for '--format': no format called 'jsno'")
    assert "  did you mean json?\n" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_errors_in_document_formats_stay_on_stderr(run, fmt):
    result = run("show", "growht", "--format", fmt)
    assert result.exit_code == 1 and result.stdout == ""
    assert "did you mean growth-pm?" in result.stderr


def test_ladder_document_of_the_mini_knowledge_base(run):
    data = json.loads(run("--kb", str(MINI), "levels", "--format", "json").stdout)
    assert data["track"] is None
    assert [t["id"] for t in data["tracks"]] == ["ic", "manager"]
    assert data["fork"] == {
        "band": 2,
        "shared_up_to": {"id": "junior", "title": "Junior Maker", "type": "level", "band": 1, "tracks": ["ic", "manager"]},
    }
    assert [(b["band"], b["shared"], [l["id"] for l in b["levels"]]) for b in data["bands"]] == [
        (1, True, ["junior"]),
        (2, False, ["expert", "lead"]),
    ]
    junior = data["bands"][0]["levels"][0]
    assert junior["time_at_level"] == [
        {"min": 1, "max": 2, "text": "1-2 years", "sources": ["src"], "inferred": False, "note": None},
        {"min": 1, "max": 1.5, "text": "12-18 months", "sources": ["src"], "inferred": False,
         "note": "twelve to eighteen months"},
    ]
    assert junior["scope"] == "One feature." and junior["aliases"] == ["jm"]
    assert data["track_switches"] == []


def test_role_document_carries_every_field_comparisons_and_sources(run):
    data = json.loads(run("--kb", str(MINI), "show", "expert", "--format", "json").stdout)
    role = data["role"]
    assert role["type"] == "level" and role["id"] == "expert" and role["band"] == 2
    assert role["responsibilities"][1] == {"text": "Sets technical direction.", "sources": [], "inferred": False, "facts": []}
    assert role["level_below"]["id"] == "junior"
    assert [c["with"]["id"] for c in role["comparisons"]] == ["junior"] and role["comparisons"][0]["below"]
    assert data["sources"] == [
        {"id": "src", "title": "Test source", "author": None, "publisher": None, "date": None, "url": None,
         "reference": None, "covers": None}
    ]


def test_next_document_of_a_fork(run):
    data = json.loads(run("--kb", str(MINI), "next", "junior", "--format", "json").stdout)
    assert [s["to"]["id"] for s in data["steps"]] == ["expert", "lead"]
    step = data["steps"][0]
    assert step["tracks"] == ["ic"] and step["switches_track"] is False
    assert [item["text"] for item in step["adds_responsibilities"]] == ["Sets technical direction."]
    assert data["top_of"] == [] and data["other_track_steps"] == []


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


_TAG = re.compile(r"( \[[a-z0-9, -]+\])?( \(inferred\))?$")


@pytest.mark.parametrize(
    "args", [("show", "apm"), ("show", "growth-pm"), ("show", "cpo"), ("next", "senior-pm"), ("next", "principal-pm")]
)
def test_json_holds_every_statement_the_table_shows(run, args):
    """Each bullet of the terminal view (one line at a very wide width) is a statement in the document."""
    table = run(*args, env={"COLUMNS": "1000"}).stdout
    strings = _strings(json.loads(run(*args, "--format", "json").stdout))
    bullets = [line.strip()[2:] for line in table.splitlines() if line.strip().startswith("• ")]
    bullets = [b for b in bullets if b != "not given"]
    assert len(bullets) > 5
    for bullet in bullets:
        text = re.sub(r" \(about: [a-z_, ]+\)$", "", _TAG.sub("", bullet))
        if re.match(r"^[a-z-]+ = ", text):  # a source line: "essay = Title"
            text = text.split(" = ", 1)[1]
        candidates = [text]
        if ": " in text:  # "1-2 years: what the figure means", "disagreement: the note"
            prefix, rest = text.split(": ", 1)
            if prefix in strings:
                candidates.append(rest)
        assert any(c in s for c in candidates for s in strings), bullet


def test_nasty_text_stays_text_in_every_format(run):
    for fmt in ("json", "yaml"):
        out = run("--kb", str(NASTY), "show", "first", "--format", fmt).stdout
        data = json.loads(out) if fmt == "json" else yaml.safe_load(out)
        assert data["role"]["title"] == "First <img src=x onerror=alert(1)>"
        assert data["role"]["summary"].startswith("A [link](javascript:alert(2))")
    md = run("--kb", str(NASTY), "show", "first", "--format", "markdown").stdout
    assert md.startswith("# First \\<img src=x onerror=alert(1)\\>\n")
    assert "A \\[link\\](javascript:alert(2))" in md
    assert not re.search(r"(?<!\\)<", md)
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered


def test_answer_documents_reference_roles_except_the_subject(run):
    path = json.loads(run("path", "apm", "director", "--since", "2024-01", "--format", "json").stdout)
    assert path["start"] == {"id": "apm", "title": "Associate Product Manager", "type": "level", "band": 1,
                             "tracks": ["ic", "manager"]}
    assert path["since"] == "2024-01"
    assert path["steps"][0]["step"]["promotion"]["from"] == "apm"
    assert set(path["total"]) == {"min", "max", "text"} and path["total"]["text"].endswith(("years", "months"))
    compare = json.loads(run("compare", "apm", "pm", "--format", "json").stdout)
    assert compare["a"]["type"] == "level" and compare["a"]["scope"] and compare["b"]["responsibilities"]
    tracks = json.loads(run("tracks", "--format", "json").stdout)
    assert tracks["tracks"][0]["values"][0]["text"] and tracks["shared"][0] == {
        "id": "apm", "title": "Associate Product Manager", "type": "level", "band": 1, "tracks": ["ic", "manager"]}


def test_break_in_keeps_its_short_from_option(run):
    assert json.loads(run("break-in", "-f", "design", "--format", "json").stdout)["background"]["id"] == "design"
