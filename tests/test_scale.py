"""Large knowledge bases: generated ones load and answer correctly, and the fast paths agree with the slow ones.

Nothing here is timed (tests must not fail on a slow machine); speed is measured
by benchmarks/bench.py. What is tested is that the quicker code gives the same
answers as the straightforward code it replaced.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml

from pmpath.kb import checks, loader, schema, yaml_file
from pmpath.questions import queries

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_kb  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated knowledge base of 1,000 roles, loaded."""
    directory = generate_kb.generate(tmp_path_factory.mktemp("kb") / "kb-1000", 1000)
    return loader.load(directory)


# ---------------------------------------------------------------- the generator


@pytest.mark.parametrize("roles", [10, 15, 21, 200])
def test_generated_knowledge_bases_are_valid_and_have_the_asked_number_of_roles(tmp_path, roles):
    kb, problems = loader.check([generate_kb.generate(tmp_path / "kb", roles)])
    assert problems == []
    assert len(kb.levels) + len(kb.specializations) == roles
    assert queries.resolve(kb, generate_kb.example_role(roles)).id == generate_kb.example_role(roles)


def test_the_generator_is_reproducible(tmp_path):
    first = generate_kb.generate(tmp_path / "a", 50)
    second = generate_kb.generate(tmp_path / "b", 50)
    for file in sorted(first.iterdir()):
        assert file.read_text() == (second / file.name).read_text()
    third = generate_kb.generate(tmp_path / "c", 50, seed=1)
    assert (third / "levels.yaml").read_text() != (first / "levels.yaml").read_text()


def test_the_generator_refuses_fewer_than_ten_roles(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        generate_kb.main(["9", str(tmp_path / "kb")])
    assert raised.value.code == 2
    assert "at least 10 roles" in capsys.readouterr().err


def test_the_generator_command_line(tmp_path, capsys):
    assert generate_kb.main(["30", str(tmp_path / "kb")]) == 0
    assert "wrote 30 roles" in capsys.readouterr().out
    assert (tmp_path / "kb" / "levels.yaml").is_file()


# ---------------------------------------------------------------- answers on a large knowledge base


def test_a_large_knowledge_base_has_no_cross_reference_problem(generated):
    assert checks.cross_reference_problems(generated) == []


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("u25-senior-pm", "u25-senior-pm"),
        ("Senior Product Manager, unit 25", "u25-senior-pm"),
        ("unit 25 senior pm level", "u25-senior-pm"),
        ("GROWTH PRODUCT MANAGER 16", "growth-pm-16"),
    ],
)
def test_names_resolve_in_a_large_knowledge_base(generated, name, role_id):
    assert queries.resolve(generated, name).id == role_id


def test_an_ambiguous_word_lists_candidates_in_ladder_order(generated):
    with pytest.raises(queries.Ambiguous) as raised:
        queries.resolve(generated, "unit 7")
    assert raised.value.suggestions[:4] == ["u7-associate-pm", "u7-pm", "u7-senior-pm", "u7-lead-pm"]
    assert len(raised.value.suggestions) == 10


def test_a_typo_in_a_large_knowledge_base_gets_a_suggestion(generated):
    with pytest.raises(queries.NotFound) as raised:
        queries.resolve(generated, "u25-senoir-pm")
    assert "u25-senior-pm" in raised.value.suggestions


def test_duplicates_are_still_found_in_a_large_knowledge_base(tmp_path):
    directory = generate_kb.generate(tmp_path / "kb", 200)
    levels = directory / "levels.yaml"
    levels.write_text(levels.read_text().replace("- id: u3-pm\n", "- id: u2-pm\n", 1))
    kb, problems = loader.check([directory])
    assert kb is None
    assert any("duplicate id 'u2-pm'" in str(p) for p in problems)


def test_completion_offers_each_name_once(generated, monkeypatch):
    from pmpath.cli import main as app

    monkeypatch.setattr(app, "_completion_kb", lambda ctx: generated)
    offered = app.complete_role(None, "u25-s")
    names = [name for name, _ in offered]
    assert names == sorted(set(names), key=names.index)
    assert ("u25-senior-pm", "") in offered


# ---------------------------------------------------------------- nesting, read event by event


def _nested(kind: str, depth: int) -> str:
    """A document whose collections (the top-level mapping included) nest ``depth`` deep."""
    inner = depth - 1  # below the top-level mapping
    if kind == "flow":
        return "format: 1\nname: " + "[" * inner + "x" + "]" * inner + "\n"
    if kind == "block":
        keys = "".join("  " * (i + 1) + "a:\n" for i in range(inner - 1))
        return "format: 1\nname:\n" + keys + "  " * inner + "b: x\n"
    if kind == "compact":
        return "format: 1\nname:\n  " + "- " * inner + "x\n"
    half = inner // 2  # mixed: block mappings, then brackets
    return (
        "format: 1\nname:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(half - 1))
        + "  " * half + "b: " + "[" * (inner - half) + "x" + "]" * (inner - half) + "\n"
    )


@pytest.mark.parametrize("kind", ["flow", "block", "compact", "mixed"])
def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused(tmp_path, kind):
    doc = tmp_path / "kb.yaml"
    doc.write_text(_nested(kind, loader.MAX_NESTING))
    assert isinstance(loader.parse_file(doc).data, dict)
    doc.write_text(_nested(kind, loader.MAX_NESTING + 1))
    with pytest.raises(loader.KnowledgeBaseError) as raised:
        loader.parse_file(doc)
    assert f"nested more than {loader.MAX_NESTING} levels deep" in str(raised.value)


def test_the_event_reader_gives_pyyamls_data_for_random_documents(tmp_path):
    rng = random.Random(7)
    words = ["a", "b c", "yes", "12", "1.5", "~", "x: y", "- z", "#h", "'q'", "[", "é", ""]

    def value(depth: int):
        roll = rng.random()
        if depth > 4 or roll < 0.4:
            return rng.choice([rng.choice(words), rng.randint(-5, 5), rng.random() < 0.5, None, 2.5])
        if roll < 0.7:
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        return {f"k{i}": value(depth + 1) for i in range(rng.randint(0, 4))}

    doc = tmp_path / "kb.yaml"
    for number in range(300):
        data = {"format": 1, "x": value(0)}
        style = [None, True, False][number % 3]
        doc.write_text(yaml.safe_dump(data, default_flow_style=style, allow_unicode=True))
        parsed = loader.parse_file(doc)
        assert parsed.data == data
        assert () in parsed.positions and ("x",) in parsed.positions


# ---------------------------------------------------------------- the YAML tag resolver


@pytest.mark.parametrize(
    "value",
    [
        "", "~", "null", "Null", "NULL", "nil", "yes", "No", "on", "OFF", "true", "False", "y", "n",
        "0", "-12", "+3", "0x1F", "0o17", "017", "1_000", "190:20:30", "3.14", "-.5", "1e3", "6.8523015e+5",
        ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "The role owns it",
        "Senior PM", "1.2.3", "0.5 years", "-x", "+", ".", "12-18 months",
    ],
)
def test_the_quick_resolver_tags_scalars_as_pyyaml_does(value):
    document = f"key: {value}\n" if value else "key:\n"
    ours = yaml.compose(document, Loader=yaml_file._yaml_loader()).value[0][1].tag
    theirs = yaml.compose(document, Loader=yaml.SafeLoader).value[0][1].tag
    assert ours == theirs


def test_quoted_scalars_stay_strings():
    node = yaml.compose("a: 'yes'\nb: \"12\"\nc: [1, x]\nd: {e: f}\n", Loader=yaml_file._yaml_loader())
    tags = [value.tag for _, value in node.value]
    assert tags == ["tag:yaml.org,2002:str", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"]


def test_the_builtin_data_parses_to_the_same_data_as_pyyaml():
    for file in loader.input_files():
        assert loader.parse_file(file).data == _safe_load_keeping_dates_as_text(file.read_text(encoding="utf-8"))


def _safe_load_keeping_dates_as_text(text: str):
    class TextDates(yaml.SafeLoader):
        pass

    TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return yaml.load(text, Loader=TextDates)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ｇｒｏｗｔｈ ＰＭ", "growth-pm"),  # full-width letters fold to ASCII
        ("ﬁnance PM", "finance-pm"),  # a ligature is split
        ("Straße", "strasse"),  # casefold, not lower
        ("Café PM", "café-pm"),  # an accented letter is a letter
        ("Cafe\u0301 PM", "café-pm"),  # written as e + a combining accent, composed
        ("plain ascii", "plain-ascii"),
    ],
)
def test_normalizing_skips_unicode_folding_only_for_ascii(name, key):
    assert schema.normalize_key(name) == key


def test_get_level_finds_every_level_and_rejects_unknown_ids(generated, mini_kb):
    for level in generated.levels[::97]:
        assert queries.get_level(generated, level.id) is level
    assert queries.get_level(mini_kb, "junior").title == "Junior Maker"  # another knowledge base, its own levels
    with pytest.raises(queries.NotFound):
        queries.get_level(mini_kb, generated.levels[0].id)
    with pytest.raises(queries.NotFound):
        queries.get_level(generated, "junior")


def test_the_tracks_view_of_a_large_knowledge_base(generated):
    from pmpath.questions import navigate

    answer = navigate.tracks(generated)
    assert len(answer.shared) == 4 * 50  # four shared bands in each of the 50 units
    assert [row.band for row in answer.rows] == [5, 6, 7]
    assert answer.crossings == ()
    assert {level.id for level in answer.shared}.isdisjoint(
        level.id for row in answer.rows for _, level in row.levels if level is not None
    )


def test_the_c_stemmer_gives_the_pure_python_stems():
    """snowballstemmer hands stemming to PyStemmer (C, same Snowball algorithms) when it is installed.

    Search results must not depend on which one runs, so both must stem every
    word of the knowledge base and of common queries alike.
    """
    import re as regex

    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    from pmpath.questions import search

    vocabulary = set()
    for file in loader.input_files():
        vocabulary |= set(search.words(file.read_text(encoding="utf-8")))
    vocabulary |= set(regex.findall(r"[a-z]+", "prioritization prioritize analyses organizational stakeholders"))
    c_stemmer, python_stemmer = Stemmer.Stemmer("english"), EnglishStemmer()
    differ = [word for word in sorted(vocabulary) if c_stemmer.stemWord(word) != python_stemmer.stemWord(word)]
    assert len(vocabulary) > 1000 and differ == []
