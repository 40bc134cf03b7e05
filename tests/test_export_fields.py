"""The JSON/YAML export carries every field of the format that a knowledge base sets.

Walks the schema's own fields (not a list kept here): for each entry of each section,
every field whose value differs from its default must be a key of the matching object
in ``pmpath export --format json``, and nested records are checked the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from pmpath.kb.loader import load
from pmpath.kb.schema import KnowledgeBase, Specialization

ROOT = Path(__file__).parent.parent
KNOWLEDGE_BASES = {
    "builtin": None,
    "lanternfish": ROOT / "examples" / "lanternfish-labs.yaml",
    "quillmark": ROOT / "examples" / "trials" / "quillmark.yaml",
    "quillmark-extends": ROOT / "examples" / "trials" / "quillmark-extends.yaml",
}
RENAMED = {(Specialization, "kind"): "specialization_kind"}  # "kind" names a document; see views/data.py


def _key(model: BaseModel, name: str) -> str:
    info = type(model).model_fields[name]
    return RENAMED.get((type(model), name), info.alias or name)


def _set_fields(model: BaseModel):
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value != info.get_default(call_default_factory=True):
            yield name, value


def _carries(model: BaseModel, data, where: str, seen: set) -> list[str]:
    """The fields ``model`` sets that ``data`` leaves out, as ``where.key`` paths."""
    if not isinstance(data, dict):
        return [f"{where} (a {type(data).__name__}, not a record)"]
    missing = []
    for name, value in _set_fields(model):
        key = _key(model, name)
        seen.add((type(model).__name__, name))
        if key not in data:
            missing.append(f"{where}.{key}")
            continue
        inner = data[key]
        if isinstance(value, BaseModel) and isinstance(inner, dict):
            missing += _carries(value, inner, f"{where}.{key}", seen)
        elif isinstance(value, list) and isinstance(inner, list) and len(value) == len(inner):
            for i, (item, got) in enumerate(zip(value, inner)):
                if isinstance(item, BaseModel) and isinstance(got, dict):
                    missing += _carries(item, got, f"{where}.{key}[{i}]", seen)
    return missing


def _exported(run, name: str) -> dict:
    path = KNOWLEDGE_BASES[name]
    args = ("--kb", str(path)) if path else ()
    result = run(*args, "export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _missing(kb: KnowledgeBase, data: dict, seen: set) -> list[str]:
    missing = []
    for section in type(kb).model_fields:
        entries = getattr(kb, section)
        if section in ("format", "name"):
            continue
        if section == "description":
            if entries is not None and data.get("description") != entries:
                missing.append("description")
            continue
        if not entries:
            continue
        if section not in data:
            missing.append(section)
            continue
        exported = data[section]
        assert isinstance(exported, list) and len(exported) == len(entries), section
        by_id = {item.get("id"): item for item in exported if isinstance(item, dict)}
        for i, entry in enumerate(entries):
            match = by_id.get(getattr(entry, "id", None)) if hasattr(entry, "id") else None
            if match is None:  # promotions are in ladder order, the rest in the knowledge base's
                match = _promotion(exported, entry) if section == "promotions" else exported[i]
            missing += _carries(entry, match, f"{section}[{getattr(entry, 'id', i)}]", seen)
    return missing


def _promotion(exported: list, step) -> dict:
    for item in exported:
        if item["from"]["id"] == step.from_ and item["to"]["id"] == step.to and item["tracks"] == list(step.tracks):
            return item
    raise AssertionError(f"no exported step {step.from_} -> {step.to}")


@pytest.mark.parametrize("name", sorted(KNOWLEDGE_BASES))
def test_the_export_carries_every_field_the_knowledge_base_sets(run, name):
    kb = load(KNOWLEDGE_BASES[name])
    seen: set = set()
    assert _missing(kb, _exported(run, name), seen) == []
    assert seen  # the walk reached the fields


def test_the_walk_reaches_the_company_fields(run):
    """The knowledge bases above set the fields a company ladder adds, so the walk checks them."""
    seen: set = set()
    for name in KNOWLEDGE_BASES:
        _missing(load(KNOWLEDGE_BASES[name]), _exported(run, name), seen)
    for field in [("Level", "equivalent"), ("Level", "match"), ("Level", "grade"), ("Grade", "description"),
                  ("Track", "review"), ("Track", "ratings"), ("RatingCategory", "description")]:
        assert field in seen, field


def test_the_walk_finds_a_field_left_out():
    kb = load(KNOWLEDGE_BASES["quillmark"])
    level = next(level for level in kb.levels if level.equivalent)
    record = {"id": level.id, "title": level.title}
    assert f"levels[{level.id}].equivalent" in _carries(level, record, f"levels[{level.id}]", set())


def test_show_json_carries_the_equivalent_in_the_reference_ladder(run):
    text = run("--kb", str(KNOWLEDGE_BASES["quillmark"]), "show", "Q4")
    assert "Equivalent in the reference ladder: staff-pm (approximate" in text.stdout
    result = run("--kb", str(KNOWLEDGE_BASES["quillmark"]), "show", "Q4", "--format", "json")
    role = json.loads(result.stdout)["role"]
    assert (role["equivalent"], role["match"]) == ("staff-pm", "approximate")


def _markdown(run, name: str) -> list[str]:
    path = KNOWLEDGE_BASES[name]
    result = run(*(("--kb", str(path)) if path else ()), "export")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("name", sorted(KNOWLEDGE_BASES))
def test_markdown_export_has_no_empty_headings(run, name):
    lines = _markdown(run, name)
    headings = [(i, len(line) - len(line.lstrip("#"))) for i, line in enumerate(lines)
                if line.startswith("#") and line.lstrip("#").startswith(" ")]
    for (i, depth), following in zip(headings, [*headings[1:], (len(lines), 1)]):
        body = [line for line in lines[i + 1:following[0]] if line.strip()]
        assert body or following[1] > depth, f"empty heading: {lines[i]}"


def test_markdown_export_holds_grades_reviews_and_ratings(run):
    lines = _markdown(run, "lanternfish")
    text = "\n".join(lines)
    kb = load(KNOWLEDGE_BASES["lanternfish"])
    assert "## Grades" in lines
    for grade in kb.grades:
        assert f"### {grade.title} (`{grade.id}`)" in lines
        if grade.description:
            assert grade.description.split()[0] in text
    for track in kb.tracks:
        if track.review is not None:
            assert "**Reviews:** every " + track.review.every in text
        for rating in track.ratings:
            assert f"- {rating.title}" in text
    assert "## Specializations and related roles" not in _markdown(run, "quillmark")  # it has none


def test_markdown_export_steps_are_in_ladder_order(run):
    kb = load(KNOWLEDGE_BASES["quillmark"])
    steps = [line for line in _markdown(run, "quillmark") if line.startswith("### ") and " → " in line]
    assert len(steps) == len(kb.promotions)
    assert steps.index("### Senior Product Manager → Lead Product Manager · product") \
        < steps.index("### Senior Product Manager → Group Product Manager · people")
    title = {level.title: level for level in kb.levels}
    bands = [title[line[4:].split(" → ")[0]].band for line in steps]
    assert bands == sorted(bands)
