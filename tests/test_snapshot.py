"""The cache's encoding: what comes back equals what was validated, decoded only when asked for."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import sys
from pathlib import Path

import pytest

from pmpath.kb import cache, loader, snapshot
from pmpath.questions import queries
from pmpath.kb.schema import SECTIONS, KnowledgeBase, Level, Specialization, Statement

from tests.conftest import FIXTURES, MINI

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate_kb  # noqa: E402  (the benchmark's generator of large knowledge bases)

KNOWLEDGE_BASES = {
    "builtin": None,
    "mini": MINI,
    "extend": FIXTURES / "extend",
    "nasty": FIXTURES / "nasty",
    "career": FIXTURES / "career",
}


def entries(kb: KnowledgeBase):
    for section in SECTIONS:
        yield from getattr(kb, section)


def deferred(kb: KnowledgeBase) -> int:
    """How many entries still hold their details encoded."""
    return sum(1 for entry in entries(kb) if type(entry).__getattribute__ is snapshot._deferred_getattribute)


@pytest.fixture(scope="module")
def originals() -> dict[str, KnowledgeBase]:
    return {name: loader.load(path) for name, path in KNOWLEDGE_BASES.items()}


@pytest.mark.parametrize("name", list(KNOWLEDGE_BASES))
def test_what_comes_back_equals_what_was_validated(originals, name):
    original = originals[name]
    decoded = snapshot.decode(snapshot.encode(original))
    assert decoded == original
    assert decoded.model_dump() == original.model_dump()
    assert decoded.model_dump(exclude_unset=True) == original.model_dump(exclude_unset=True)


@pytest.mark.parametrize("name", list(KNOWLEDGE_BASES))
def test_every_entry_keeps_its_field_order_explicit_fields_and_class(originals, name):
    original = originals[name]
    decoded = snapshot.decode(snapshot.encode(original))
    for mine, theirs in zip(entries(decoded), entries(original), strict=True):
        assert list(mine.__dict__) == list(theirs.__dict__)
        assert mine.model_fields_set == theirs.model_fields_set
        assert type(mine) is type(theirs)  # reading __dict__ decoded it: a plain instance now
        for field in type(mine).model_fields:
            value, other = getattr(mine, field), getattr(theirs, field)
            for a, b in zip(value if isinstance(value, list) else [value], other if isinstance(other, list) else [other]):
                if hasattr(b, "model_fields_set"):
                    assert type(a) is type(b) and a.model_fields_set == b.model_fields_set


def test_entries_come_deferred_and_plain_fields_do_not_decode_them(originals):
    decoded = snapshot.decode(snapshot.encode(originals["builtin"]))
    total = deferred(decoded)
    assert total >= 50  # levels, specializations, promotions... all wait
    for level in decoded.levels:
        assert level.id and level.title and level.band and level.tracks and level.summary
        assert isinstance(level.aliases, list)
        assert isinstance(level, Level) and not isinstance(level, Specialization)
        assert level.model_config["frozen"]
    assert deferred(decoded) == total


def test_a_nested_field_decodes_that_entry_only(originals):
    decoded = snapshot.decode(snapshot.encode(originals["builtin"]))
    total = deferred(decoded)
    senior = next(level for level in decoded.levels if level.id == "senior-pm")
    assert all(isinstance(item, Statement) for item in senior.skills)
    assert type(senior) is Level
    assert deferred(decoded) == total - 1
    assert senior == next(level for level in originals["builtin"].levels if level.id == "senior-pm")


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda entry: entry == entry.model_copy(), id="=="),
        pytest.param(lambda entry: hash(entry), id="hash"),
        pytest.param(repr, id="repr"),
        pytest.param(str, id="str"),
        pytest.param(lambda entry: dict(entry), id="iter"),
        pytest.param(lambda entry: entry.model_dump_json(), id="model_dump_json"),
        pytest.param(copy.deepcopy, id="deepcopy"),
        pytest.param(lambda entry: pickle.loads(pickle.dumps(entry)), id="pickle"),
        pytest.param(lambda entry: entry.model_fields_set, id="model_fields_set"),
        pytest.param(lambda entry: vars(entry), id="vars"),
    ],
)
def test_a_deferred_entry_behaves_as_the_original_whatever_is_asked(originals, use):
    decoded = snapshot.decode(snapshot.encode(originals["builtin"]))
    original = originals["builtin"].levels[3]
    entry = decoded.levels[3]
    assert type(entry) is not Level  # still deferred
    assert outcome(use, entry) == outcome(use, original)
    assert type(entry) is Level and entry == original


def outcome(use, entry):
    try:
        return use(entry)
    except Exception as error:  # e.g. hash() of a model holding lists: the same error either way
        return type(error)


def test_deferred_and_decoded_entries_compare_both_ways(originals):
    first = snapshot.decode(snapshot.encode(originals["builtin"]))
    second = snapshot.decode(snapshot.encode(originals["builtin"]))
    assert first.levels[0] == second.levels[0]  # both deferred
    assert second.levels[1].skills  # one decoded
    assert first.levels[1] == second.levels[1] and second.levels[1] == first.levels[1]
    assert first.levels[2] != second.levels[3]
    assert first.sources[0] == originals["builtin"].sources[0]


def test_entries_without_nested_fields_are_built_whole(originals):
    decoded = snapshot.decode(snapshot.encode(originals["builtin"]))
    for section in ("sources", "guidance", "synonyms"):
        assert all(type(entry) is type(getattr(originals["builtin"], section)[0]) for entry in getattr(decoded, section))


def test_text_of_any_kind_survives(originals):
    """Non-ASCII, markup, quotes, backslashes and line breaks come back as they were."""
    nasty = originals["nasty"]
    decoded = snapshot.decode(snapshot.encode(nasty))
    assert decoded == nasty
    odd = "caf\u00e9 \"quoted\" [bold]x[/] \\ \n line \U0001f600 end"
    level = nasty.levels[0].model_copy(update={"summary": odd, "skills": [Statement(text=odd)]})
    kb = nasty.model_copy(update={"levels": [level, *nasty.levels[1:]]})
    again = snapshot.decode(snapshot.encode(kb))
    assert again.levels[0].summary == odd and again.levels[0].skills[0].text == odd
    assert b"\n" not in snapshot.encode(kb).partition(b"\n")[2]  # one line of skeleton, details without breaks


def test_showing_one_role_of_a_large_knowledge_base_decodes_almost_nothing(tmp_path):
    """Why the encoding exists: answering about one role of 1,000 leaves the others encoded."""
    generate_kb.generate(tmp_path / "big", 1000)
    decoded = snapshot.decode(snapshot.encode(loader.load(tmp_path / "big")))
    waiting = deferred(decoded)
    role = queries.resolve(decoded, generate_kb.example_role(1000))  # what the benchmark shows
    assert role.responsibilities and queries.level_below(decoded, role) is not None
    queries.comparisons_of(decoded, role.id)
    assert waiting - deferred(decoded) <= 2


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda details: b"x" * len(details), id="not json"),
        pytest.param(lambda details: details.replace(b'"text"', b'"txet"'), id="unknown field"),
        pytest.param(lambda details: b"", id="missing"),
    ],
)
def test_details_that_do_not_decode_raise_a_damaged_snapshot(originals, damage):
    skeleton, _, details = snapshot.encode(originals["mini"]).partition(b"\n")
    decoded = snapshot.decode(skeleton + b"\n" + damage(details))
    with pytest.raises(snapshot.DamagedSnapshot):
        decoded.levels[0].skills


def test_a_skeleton_that_does_not_decode_raises_at_once(originals):
    skeleton, _, details = snapshot.encode(originals["mini"]).partition(b"\n")
    for bad in (skeleton[:-5], b"[]", skeleton.replace(b'"@"', b'"#"')):
        with pytest.raises(Exception):
            snapshot.decode(bad + b"\n" + details)
    with pytest.raises(ValueError):
        snapshot.decode(skeleton)  # no details part


def test_a_damaged_cache_entry_is_removed_and_the_user_told(run, tmp_path):
    """An entry with a valid checksum but details that do not decode: one clear error, then it is gone."""
    kb = tmp_path / "mini"
    import shutil

    shutil.copytree(MINI, kb)
    assert run("--kb", str(kb), "levels").exit_code == 0
    entry = cache.entry_path(kb)
    header, _, payload = entry.read_bytes().partition(b"\n")
    skeleton, _, details = payload.partition(b"\n")
    payload = skeleton + b"\n" + b"?" * len(details)
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(payload).hexdigest()
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    result = run("--kb", str(kb), "show", "junior")
    assert result.exit_code == 3
    assert result.stderr.startswith("pmpath: error: the cached copy of the knowledge base is damaged; it was removed")
    assert "Traceback" not in result.stderr and not entry.exists()
    assert run("--kb", str(kb), "show", "junior").exit_code == 0
