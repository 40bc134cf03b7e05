"""docs/knowledge-base.md keeps its promises: its examples load, and it covers the whole format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from pmpath.kb import extend, schema
from pmpath.kb.loader import check, parse_file
from pmpath.kb.messages import _unwrap  # the model inside list[...] / Optional[...]
from pmpath.cli.status import ExitStatus

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
SCHEMA_LINE = "# yaml-language-server: $schema=pmpath.schema.json"


def complete_examples() -> list[str]:
    """Every ```yaml block of the page that is a whole file (it starts with the schema line)."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    return [block for block in blocks if block.startswith(SCHEMA_LINE) and "\nformat: 1\n" in block]


def models_of(model: type[BaseModel], seen: dict | None = None) -> dict[type[BaseModel], None]:
    """Every model reachable from ``model`` through its fields (override and removal models excluded: they mirror the sections)."""
    seen = {} if seen is None else seen
    seen[model] = None
    for info in model.model_fields.values():
        inner = _unwrap(info.annotation)
        if inner is not None and inner not in seen and inner not in (extend.Overrides, extend.Removals):
            models_of(inner, seen)
    return seen


def owner(model: type[BaseModel], key: str) -> str:
    """The class that declares the field (``Entry`` for a level's ``title``): inherited fields count once."""
    fields = {(info.alias or name): name for name, info in model.model_fields.items()}
    name = fields.get(key, key)
    for cls in reversed(model.__mro__):
        if name in getattr(cls, "__annotations__", {}):
            return cls.__name__
    return model.__name__


def keys_used(data, found: set[tuple[str, str]], model: type[BaseModel]) -> None:
    """Collect (declaring class, key) for every key written in ``data``, read as ``model``."""
    if isinstance(data, list):
        for item in data:
            keys_used(item, found, model)
        return
    if not isinstance(data, dict):
        return
    fields = {(info.alias or name): info for name, info in model.model_fields.items()}
    for key, value in data.items():
        found.add((owner(model, key), key))
        inner = _unwrap(fields[key].annotation) if key in fields else None
        if inner is not None:
            keys_used(value, found, inner)


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> list[Path]:
    out = []
    for number, text in enumerate(complete_examples()):
        path = tmp_path_factory.mktemp("doc") / f"example-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def test_the_page_has_a_standalone_and_an_extending_example(examples):
    texts = [path.read_text() for path in examples]
    assert len(texts) == 2
    assert "\nextends: builtin\n" not in texts[0] and "\nextends: builtin\n" in texts[1]


def test_every_complete_example_validates(examples):
    for path in examples:
        kb, problems = check([path])
        assert problems == [], [str(p) for p in problems]
        assert kb.levels


def test_the_examples_together_use_every_field_of_the_format(examples):
    used: set[tuple[str, str]] = set()
    for path in examples:
        keys_used(parse_file(path).data, used, extend.KnowledgeBaseFile)
    expected = {
        (owner(model, info.alias or name), info.alias or name)
        for model in models_of(extend.KnowledgeBaseFile)
        for name, info in model.model_fields.items()
    }
    assert expected - used == set()


def test_every_field_is_in_a_table_of_the_page():
    rows = set(re.findall(r"^\| `([a-z_]+)`", DOC, re.M))
    for model in models_of(extend.KnowledgeBaseFile):
        for name, info in model.model_fields.items():
            if model is extend.KnowledgeBaseFile and (info.alias or name) in schema.SECTIONS:
                continue  # the sections share one row of the top-level table and have their own heading
            assert (info.alias or name) in rows, f"{model.__name__}.{info.alias or name}"


def test_every_section_has_a_heading():
    for section in schema.SECTIONS:
        assert f"\n### {section}\n" in DOC, section


def test_the_page_shows_the_editor_line_and_the_commands():
    assert f"```yaml\n{SCHEMA_LINE}\n```" in DOC
    for command in ("pmpath init", "pmpath validate", "pmpath schema > pmpath.schema.json", "--kb", "PMPATH_KB"):
        assert command in DOC, command


def test_every_exit_code_is_on_the_page():
    for status in ExitStatus:
        assert re.search(rf"^\| {int(status)} \|", DOC, re.M), status


def test_the_limits_on_the_page_are_the_real_ones():
    from pmpath.kb import loader

    assert f"| One file | {loader.MAX_FILE_BYTES // 1048576} MiB |" in DOC
    assert f"| All files of a knowledge base | {loader.MAX_TOTAL_BYTES // 1048576} MiB |" in DOC
    assert f"| Nesting of lists and mappings | {loader.MAX_NESTING} levels |" in DOC
    assert f"| Values (scalars, lists and mappings) in one file | {loader.MAX_NODES:,} |" in DOC
    assert f"at least {loader.ALIAS_BUDGET:,} values and characters" in DOC
    assert f"| Problems reported in one check | {loader.MAX_PROBLEMS:,} (then:" in DOC


def test_the_starter_points_to_this_page():
    from pmpath.kb.starter import starter_text

    assert "docs/knowledge-base.md" in starter_text()
    assert (ROOT / "docs" / "knowledge-base.md").is_file()


def test_the_format_page_has_the_section_for_your_own_ladder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = page.split("## Your own ladder", 1)[1]
    for text in ("pmpath init", "pmpath validate", "pmpath schema", "--kb", "(knowledge-base.md)"):
        assert text in section, text
