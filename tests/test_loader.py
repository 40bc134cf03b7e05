"""Reading files: every broken or hostile file ends in a located, human message."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from pmpath.kb.loader import KnowledgeBaseError, builtin_data_dir, check, kb_files, load, parse_file

from tests.conftest import BAD, FIXTURES, MINI


def only_problem(path: Path) -> str:
    kb, found = check([path])
    assert kb is None and len(found) == 1, found
    return str(found[0])


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("duplicate-key.yaml", "duplicate-key.yaml:26:5: key 'title' is written twice in one mapping (first at line 25)"),
        ("empty.yaml", "empty.yaml:1:1: file is empty; a knowledge-base file starts with 'format: 1'"),
        ("top-level-list.yaml", "top-level-list.yaml:1:1: the top level is a list; a knowledge-base file is a mapping"),
        ("not-utf8.yaml", "not-utf8.yaml:3:10: is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
        ("python-tag.yaml", "python-tag.yaml:28:14: unsupported tag '!!python/object/apply:os.system'; only plain YAML is read"),
        ("syntax-error.yaml", "syntax-error.yaml:33:12: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"),
        ("two-documents.yaml", "two-documents.yaml:3:1: holds more than one YAML document (---); put one document in each file"),
        # libyaml 0.2.5 lets pmpath see level 101 (column 106); 0.2.6 stops reading ahead at 1,000
        ("deep-nesting.yaml", ("deep-nesting.yaml:3:", ": nested more than 100 levels deep")),
        ("alias-bomb.yaml", "alias-bomb.yaml:8:4: f[0]: aliases expand this document far beyond its written size"),
    ],
)
def test_broken_files(fixture, expected):
    message = only_problem(BAD / fixture)
    for part in (expected,) if isinstance(expected, str) else expected:
        assert part in message


def test_alias_bomb_is_stopped_quickly():
    started = time.perf_counter()
    only_problem(BAD / "alias-bomb.yaml")
    assert time.perf_counter() - started < 5


def test_python_tag_never_runs(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    doc = tmp_path / "kb.yaml"
    doc.write_text(f"format: 1\nname: !!python/object/apply:os.system ['touch {marker}']\n")
    only_problem(doc)
    assert not marker.exists()


def test_missing_path():
    message = only_problem(FIXTURES / "nowhere")
    assert message.endswith("nowhere: no such file or directory")


def test_directory_without_yaml(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    assert only_problem(tmp_path).endswith(": directory holds no .yaml or .yml files")


def test_directory_files_are_read_in_name_order(tmp_path):
    for name in ("b.yaml", "a.yml", "c.txt"):
        (tmp_path / name).write_text("format: 1\n")
    assert [p.name for p in kb_files(tmp_path)] == ["a.yml", "b.yaml"]


def test_every_problem_of_every_file_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("format: 1\nlevls: []\n")
    (tmp_path / "b.yaml").write_text("format: 1\nspecialisations: []\n")
    kb, found = check([tmp_path])
    messages = [str(d) for d in found]
    assert len(messages) == 2
    assert messages[0].endswith("a.yaml:2:1: levls: unknown key 'levls' (did you mean 'levels'?)")
    assert messages[1].endswith("b.yaml:2:1: specialisations: unknown key 'specialisations' (did you mean 'specializations'?)")


def test_load_raises_with_every_diagnostic():
    with pytest.raises(KnowledgeBaseError) as raised:
        load(BAD / "wrong-type.yaml")
    assert len(raised.value.diagnostics) == 2


def test_dates_stay_text(tmp_path):
    doc = tmp_path / "kb.yaml"
    doc.write_text("format: 1\nsources:\n  - id: a\n    title: A\n    date: 2024-11-13\n")
    assert load(doc).sources[0].date == "2024-11-13"


def test_positions_are_recorded(tmp_path):
    doc = tmp_path / "kb.yaml"
    doc.write_text("format: 1\nlevels:\n  - id: a\n    skills:\n      - x\n")
    parsed = parse_file(doc)
    assert parsed.position(("levels", 0, "skills", 0)) == (5, 9)
    assert parsed.position(("levels", 0, "skills", 0, "text")) == (5, 9)
    assert parsed.position(("levels", 0, "skills", 7)) == (4, 5)


def test_merge_of_several_files(tmp_path):
    (tmp_path / "1-sources.yaml").write_text("format: 1\nname: Split\nsources: [{id: s, title: S}]\n")
    text = (MINI / "ladder.yaml").read_text()
    body = text.split("tracks:", 1)[1]
    (tmp_path / "2-rest.yaml").write_text("format: 1\ntracks:" + body.replace("[src]", "[s]"))
    kb = load(tmp_path)
    assert kb.name == "Split"
    assert [level.id for level in kb.levels] == ["junior", "expert", "lead"]


def test_cross_file_problems_point_at_the_right_file(tmp_path):
    (tmp_path / "a.yaml").write_text("format: 1\nsources: [{id: s, title: S}]\n")
    (tmp_path / "b.yaml").write_text(
        "format: 1\nspecializations:\n  - id: x\n    title: X\n    summary: s\n    main_focus: f\n"
        "    metrics: [m]\n    skills: [k]\n    sources: [t]\n"
    )
    kb, found = check([tmp_path])
    assert [str(d).split(str(tmp_path) + "/")[1] for d in found] == [
        "b.yaml:9:15: specializations[0].sources[0]: unknown source 't'"
    ]


def test_builtin_data_dir_exists():
    assert (builtin_data_dir() / "levels.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: 1\nbase: &b {name: x}\n<<: *b\n", "3:1: merge keys (<<) are not supported; write the keys out"),
        ("format: 1\nname: *nowhere\n", "2:7: the alias *nowhere names no anchor (&nowhere) above it"),
        ("format: 1\nk: &k name\n*k : x\n", "3:6: an alias cannot be a mapping key; write the key out"),
        ("format: 1\n[a, b]: x\n", "2:1: a mapping key must be a plain string"),
        ("format: 1\nname: !!binary aGVsbG8=\n", "2:7: binary values are not supported"),
        ("format: 1\nname: !custom x\n", "2:7: unsupported tag '!custom'; only plain YAML is read"),
        ("format: 1\nlevels: !!set {a, b}\n", "2:9: unsupported tag '!!set'; only plain YAML is read"),
        ("format: 1\nname: !!int 12x\n", "2:7: unreadable value '12x': not a valid !!int"),
        ("format: 1\nname: !!bool x\n", "2:7: unreadable value 'x': not a valid !!bool"),
        ("format: 1\nname: !!bool\n", "2:7: unreadable value '': not a valid !!bool"),
        ("format: 1\n!!bool x: 1\n", "2:1: unreadable value 'x': not a valid !!bool"),
        ("format: 1\nname: !!int ''\n", "2:7: unreadable value '': not a valid !!int"),
        ("format: 1\nname: !!int _\n", "2:7: unreadable value '_': not a valid !!int"),
        ("format: 1\nname: [!!int -]\n", "2:8: unreadable value '-': not a valid !!int"),
        ("format: 1\nname: !!float ''\n", "2:7: unreadable value '': not a valid !!float"),
        ("format: 1\n1: x\n", "2:1: 1: unknown key '1'"),
        ("--- 12\n", "1:1: the top level is a number"),
        ("---\n", "1:1: the top level is empty (null)"),
    ],
)
def test_yaml_that_is_refused(tmp_path, text, expected):
    doc = tmp_path / "kb.yaml"
    doc.write_text(text)
    message = only_problem(doc)
    assert f"kb.yaml:{expected}" in message, message


def test_plain_yaml_values_read_as_pyyaml_reads_them(tmp_path):
    doc = tmp_path / "kb.yaml"
    doc.write_text(
        "format: 1\nsources:\n  - id: a\n    title: \"1.0\"\n    date: 2024-01-02\n"
        "levels: []\nname: !!str 12\ndescription: 'yes'\n"
    )
    data = parse_file(doc).data
    assert data == {
        "format": 1, "sources": [{"id": "a", "title": "1.0", "date": "2024-01-02"}],
        "levels": [], "name": "12", "description": "yes",
    }
    doc.write_text("format: 1\nx: [1, 1.5, true, ~, 0x10, .inf]\n")
    assert parse_file(doc).data["x"][:5] == [1, 1.5, True, None, 16]


PLAIN_SCALARS = [
    "yes", "No", "TRUE", "off", "On", "null", "Null", "~", "", "12", "-3", "0x1F", "0o17", "1_000", "1.5", "-.inf",
    ".NaN", "1e3", "2024-01-02", "2024-01-02 10:00:00", "y", "n", "true story", "no way", "null and void",
    "On the road", "Yes, and", "plain words", "Écoute bien", "12 monkeys", "1.5 times", "x", "é",
]


@pytest.mark.parametrize("value", PLAIN_SCALARS)
def test_every_plain_scalar_gets_the_type_pyyaml_gives_it(tmp_path, value):
    """The loader resolves implicit types itself (quicker for prose); the answer must stay PyYAML's."""
    import yaml

    doc = tmp_path / "kb.yaml"
    doc.write_text(f"format: 1\nx: {value}\ny: [{value}]\n" if value else "format: 1\nx:\ny: []\n")
    expected = yaml.safe_load(doc.read_text())
    data = parse_file(doc).data
    if isinstance(expected["x"], (datetime.date, datetime.datetime)):  # the loader keeps dates as text
        assert data["x"] == value and data["y"] == [value]
    elif expected["x"] != expected["x"]:  # NaN is not equal to itself
        assert data["x"] != data["x"] and type(data["x"]) is float
    else:
        assert data == expected and [type(v) for v in data["y"]] == [type(v) for v in expected["y"]]


def test_anchors_and_aliases_within_reason_are_fine(tmp_path):
    # The first 'sources: [src]' becomes an anchor, every later one an alias to it.
    first, *rest = (MINI / "ladder.yaml").read_text().split("    sources: [src]\n")
    doc = tmp_path / "kb.yaml"
    doc.write_text(first + "    sources: &cited [src]\n" + "    sources: *cited\n".join(rest))
    kb = load(doc)
    assert len(rest) > 5
    assert all(level.sources == ["src"] for level in kb.levels)
    assert kb.promotions[1].sources == ["src"]


def test_a_file_with_too_many_values_is_stopped_at_the_limit(tmp_path, monkeypatch):
    from pmpath.kb import yaml_file

    monkeypatch.setattr(yaml_file, "MAX_NODES", 1000)
    doc = tmp_path / "kb.yaml"
    doc.write_text("format: 1\nname: [" + "x, " * 2000 + "]\n")
    assert only_problem(doc).endswith("kb.yaml:2:2991: holds more than 1,000 values; split the knowledge base")


def test_positions_of_block_and_flow_values(tmp_path):
    doc = tmp_path / "kb.yaml"
    doc.write_text("format: 1\nlevels:\n  - id: a\n    tracks: [ic, manager]\n  -\n    id: b\n")
    parsed = parse_file(doc)
    assert parsed.position(("levels",)) == (2, 1)
    assert parsed.position(("levels", 0)) == (3, 5)
    assert parsed.position(("levels", 0, "tracks")) == (4, 5)
    assert parsed.position(("levels", 0, "tracks", 1)) == (4, 18)
    assert parsed.position(("levels", 1)) == (6, 5)
    assert parsed.position(("levels", 1, "id")) == (6, 5)


@pytest.mark.parametrize("fixture", sorted(p.name for p in BAD.glob("*.yaml")))
def test_capped_validation_finds_what_plain_validation_finds(fixture):
    from pydantic import ValidationError

    from pmpath.kb.loader import KnowledgeBaseError, validate_capped
    from pmpath.kb.extend import KnowledgeBaseFile

    try:
        data = parse_file(BAD / fixture).data
    except KnowledgeBaseError:
        pytest.skip("not readable YAML")
    try:
        KnowledgeBaseFile.model_validate(data)
        expected = set()
    except ValidationError as error:
        expected = {(tuple(e["loc"]), e["type"]) for e in error.errors()}
    document, errors, more = validate_capped(data, KnowledgeBaseFile)
    assert {(tuple(e["loc"]), e["type"]) for e in errors} == expected
    assert (document is None) == bool(expected) and not more


def test_capped_validation_of_a_valid_file_gives_the_same_document():
    from pmpath.kb.loader import validate_capped
    from pmpath.kb.extend import KnowledgeBaseFile

    data = parse_file(MINI / "ladder.yaml").data
    document, errors, more = validate_capped(data, KnowledgeBaseFile)
    assert errors == [] and not more
    assert document == KnowledgeBaseFile.model_validate(data)


def test_capped_validation_stops_at_the_limit():
    from pmpath.kb.loader import validate_capped
    from pmpath.kb.extend import KnowledgeBaseFile

    data = {"format": 1, "levels": [{"id": "a"}] * 50, "override": {"levels": [{"title": 1}] * 50}}
    document, errors, more = validate_capped(data, KnowledgeBaseFile, limit=30)
    assert document is None and more and len(errors) == 30
    assert errors[0]["loc"][:2] == ("levels", 0)


def test_values_in_messages_are_cut_short_however_they_were_built():
    import time

    from pmpath.kb.yaml_file import _short

    bomb: list = ["x"] * 10
    for _ in range(9):  # ten billion strings, shared as aliases share them
        bomb = [bomb] * 10
    started = time.perf_counter()
    shown = _short(bomb)
    assert time.perf_counter() - started < 0.1
    assert len(shown) <= 60
    assert _short("y" * 10_000) == "'" + "y" * 55 + "...'"
    assert _short("Level Two") == "'Level Two'"


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("# only a comment\n\n   # another\n", True),
        ("\t# a tab, then a comment\r\n", True),
        ("\xa0#: 1\n", False),  # U+00A0 is text to YAML, so the # starts no comment
        ("\u3000# x\n", False),
        ("# a\u2028b: 1\n", False),  # U+2028 breaks the line: b is a key
    ],
)
def test_a_file_is_empty_only_when_yaml_sees_nothing_but_blanks_and_comments(tmp_path, text, empty):
    doc = tmp_path / "kb.yaml"
    doc.write_text(text, encoding="utf-8")
    kb, problems = check([doc])
    assert kb is None
    assert any("file is empty" in p.message for p in problems) == empty, problems
