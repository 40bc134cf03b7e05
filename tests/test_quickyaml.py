"""The quick reader gives exactly what the full reader gives, or declines.

pmpath.kb.quickyaml reads the block-style part of YAML a line at a time; for any
text, it must either decline (None) or give the same data as the loader's
event-based reader: the same values of the same types (1 is not True, 1.0 is not
1), the same keys in the same order. These tests hold it to that on every YAML
file in the repository, on generated knowledge bases, on a catalogue of YAML's
corner cases, and on documents that hypothesis writes, valid and broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.kb import loader, quickyaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_kb  # noqa: E402


def quick(text: str, max_nodes: int = loader.MAX_NODES, max_nesting: int = loader.MAX_NESTING):
    return quickyaml.read(text, loader._implicit_tag, max_nodes, max_nesting)


def full(text: str):
    """The full reader's data, or the problem it raises."""
    try:
        return loader._EventBuilder(text).build()
    except Exception as problem:  # a YAML error or one of the loader's limits
        return problem


def same(a, b) -> bool:
    """Equal, with the same types all the way down and mapping keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def agrees(text: str, **limits) -> bool:
    """Declined, or read as the full reader reads it. Returns whether it was read quickly."""
    got = quick(text, **limits)
    if got is None:
        return False
    expected = full(text)
    assert not isinstance(expected, Exception), f"quick read {text!r}, but the full reader says: {expected}"
    assert same(got, expected), f"{text!r}: quick {got!r} != full {expected!r}"
    return True


# ---------------------------------------------------------------- real files


REPO_YAML = sorted(
    path for folder in ("data", "tests", "docs", "benchmarks") for path in (ROOT / folder).rglob("*.y*ml")
)


def test_the_repository_has_yaml_files_to_check():
    assert len(REPO_YAML) > 50


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_is_declined_or_read_exactly(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 (a fixture for that)")
    agrees(text)


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yaml")), ids=lambda path: path.name)
def test_the_built_in_knowledge_base_is_read_quickly(path):
    assert agrees(path.read_text(encoding="utf-8"))


def test_a_generated_knowledge_base_is_read_quickly(tmp_path):
    directory = generate_kb.generate(tmp_path / "kb", 60)
    for path in sorted(directory.glob("*.yaml")):
        assert agrees(path.read_text(encoding="utf-8")), path.name


# ---------------------------------------------------------------- what it reads


READ = {
    "comments and blank lines": "# head\nformat: 1   # trailing\n\n# between\nname: x\n",
    "nested mappings": "a:\n  b:\n    c: d\n  e: f\ng: h\n",
    "sequences, indented and not": "a:\n  - x\n  - y\nb:\n- z\n- w\nc: 1\n",
    "mappings in sequences": "a:\n  - id: x\n    title: X\n  -   id: y\n      title: Y\n",
    "lists in mappings in sequences": "a:\n- b:\n  - c\n  d: e\n",
    "empty values": "a:\nb:   # nothing\nc: ~\nd: null\ne: Null\n",
    "implicit types": "a: 1\nb: -2\nc: +3\nd: 1.5\ne: -0.25\nf: yes\ng: No\nh: TRUE\ni: off\nj: 0\n",
    "dates stay text": "a: 2024-01-31\nb: 2024-01-31 10:00:00\n",
    "words that look like types": "a: yess\nb: nope\nc: nullable\nd: y\ne: n\nf: Off-line\n",
    "prose": "a: The role owns the roadmap, end to end (mostly).\nb: what? yes! [really] {no}\n",
    "punctuation inside": "a: x-y_z/w\nb: e.g. this; that\nc: 50% of it\nd: a:b\ne: a#b\n",
    "quoted": "a: 'it''s'\nb: \"double\"\nc: ''\nd: 'a: b # c'\ne: \"x\"   # note\n",
    "flow lists": "a: [x, y z, 1, 2.5, yes]\nb: []\nc: [ spaced ,  out ]\nd: ['q', \"r\"]\ne: [[a], [b, c]]\n",
    "flow mappings": "a: {min: 2, max: 4}\nb: {}\nc: {x: [a, b], y: z}\nd: {k: 'v'}\n",
    "flow in sequences": "a:\n  - {min: 0, max: 2, sources: [s]}\n  - [x, y]\n",
    "literal text": "a: |\n  one\n  two\n\n  three\nb: x\n",
    "literal text, stripped": "a: |-\n  one\n    indented\nb: x\n",
    "folded text": "a: >\n  one\n  two\n\n  three\n\n\n  four\nb: x\n",
    "folded text, stripped": "a: >-\n  one\n  two\n",
    "text blocks in sequences": "a:\n  - |\n    x\n  - >-\n    y\n    z\n  - text: >-\n      w\n    sources: [s]\n",
    "text block comment lines": "a: |  # head\n  # not a comment\n  x\n# a comment\nb: y\n",
    "unicode": "a: é à 😀 中文\nb: [é, ü]\nc: 'ß'\n",
    "keys that look like types": "yes: 1\nnull: 2\non: 3\n",
    "keys with hyphens and underscores": "a-b: 1\n_c: 2\nd_e-f: 3\n",
    "no final line break": "a: 1\nb: [x]",
    "extra spaces": "a:    x\nb:   [y]\n",
    "a key of 1,024 characters": "a" * 1024 + ": b\nc: {" + "d" * 1024 + ": e}\n",
}


@pytest.mark.parametrize("text", READ.values(), ids=READ.keys())
def test_reads_the_block_style_part_of_yaml(text):
    assert agrees(text), f"declined: {text!r}"


@pytest.mark.parametrize("text", READ.values(), ids=READ.keys())
def test_reads_files_with_windows_line_ends(text):
    assert agrees(text.replace("\n", "\r\n")), f"declined: {text!r}"


TYPED_WORDS = [
    form
    for word in ("yes", "no", "true", "false", "on", "off", "null")
    for form in (word, word.title(), word.upper())
] + ["~"]


@pytest.mark.parametrize("word", TYPED_WORDS)
def test_booleans_and_nulls_are_read_as_the_full_reader_reads_them(word):
    text = f"a: {word}\nb:\n  - {word}\nc: [{word}, x]\nd: {{k: {word}}}\n"
    assert agrees(text)
    assert not isinstance(quick(text)["a"], str)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8))
def test_a_plain_word_starting_with_a_letter_is_typed_as_the_full_reader_types_it(word):
    if not word[0].isalpha():
        word = "a" + word
    agrees(f"a: {word}\nb: [{word}]\n")


DECLINED = {
    "a tab": "a:\tb\n",
    "a tab in text": "a: b\tc\n",
    "windows line ends mixed with a lone carriage return": "a: b\r\nc: d\re\r\n",
    "an old mac line end": "a: b\rc: d\n",
    "a next-line character": "a: b\x85c\n",
    "a control character": "a: b\x07\n",
    "a byte order mark inside": "a: \ufeffb\n",
    "a document marker": "---\na: b\n",
    "a document end": "a: b\n...\n",
    "a directive": "%YAML 1.1\n---\na: b\n",
    "an anchor": "a: &x b\nc: *x\n",
    "an alias": "c: *x\n",
    "a tag": "a: !!str 1\n",
    "a local tag": "a: !thing b\n",
    "a key written twice": "a: 1\na: 2\n",
    "a key written twice in flow": "a: {b: 1, b: 2}\n",
    "a multi-line plain scalar": "a: one\n  two\n",
    "a value on the next line": "a:\n  one\n",
    "a multi-line quoted scalar": "a: 'one\n  two'\n",
    "a double-quoted escape": 'a: "x\\ty"\n',
    "an explicit key": "? a\n: b\n",
    "a quoted key": "'a': b\n",
    "a merge key": "a: {b: 1}\n<<: c\n",
    "a hexadecimal number": "a: 0x1F\n",
    "an octal number": "a: 012\n",
    "a sexagesimal number": "a: 1:30\n",
    "underscores in a number": "a: 1_000\n",
    "an exponent": "a: 1.0e+3\n",
    "infinity": "a: .inf\n",
    "an equals sign": "a: =\n",
    "a list at the top": "- a\n- b\n",
    "an indented top level": "  a: b\n",
    "only comments": "# nothing\n",
    "nothing": "",
    "a mapping value in a plain scalar": "a: b: c\n",
    "a colon at the end": "a: b:\n",
    "a sequence in a value": "a: - b\n",
    "a list in a list, compactly": "a:\n  - - b\n",
    "an empty item": "a:\n  -\n  - b\n",
    "an alias item": "a:\n  - *b\n",
    "a trailing comma": "a: [b, c,]\n",
    "an empty flow entry": "a: [b, , c]\n",
    "a flow list over two lines": "a: [b,\n  c]\n",
    "a flow mapping without a space": "a: {b:1}\n",
    "a pair in a flow list": "a: [b: c]\n",
    "a comment in a flow list": "a: [b # c\n  ]\n",
    "text after a flow list": "a: [b] c\n",
    "text after a quote": "a: 'b' c\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "a dash under a mapping value": "a: 1\n- b\n",
    "kept trailing lines": "a: |+\n  x\n\nb: y\n",
    "an indentation indicator": "a: |2\n   x\n",
    "a line of spaces in a text block": "a: |\n  x\n   \n  y\n",
    "blank lines before a text block": "a: |\n\n  x\n",
    "an empty text block": "a: |\nb: x\n",
    "a more-indented line in folded text": "a: >\n  x\n    y\n  z\n",
    "a text block at the end without a line break": "a: |\n  x",
    "a question mark value": "a: ?b\n",
    "an at sign": "a: '@x'\nb: @x\n",
    "a backquote": "a: `x`\n",
    "a line separator": "a: x\u2028y\n",
    "a line separator in quotes": "a: 'x\u2028  y'\n",
    "a paragraph separator in a text block": "a: |\n  x\u2029  y\n",
    "a next-line character in a comment": "# c\x85x\na: 1\n",
    "a key of over 1,024 characters": "a" * 1025 + ": b\n",
    "an item key of over 1,024 characters": "k:\n- " + "a" * 1025 + ": b\n",
    "a flow key of over 1,024 characters": "a: {" + "a" * 1025 + ": b}\n",
    "an integer of 5,000 digits": "a: " + "1" * 5000 + "\n",
    "an integer of 5,000 digits in a list": "a: [" + "1" * 5000 + "]\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_leaves_everything_else_to_the_full_reader(text):
    assert quick(text) is None


def test_the_limits_are_left_to_the_full_reader():
    wide = "a:\n" + "".join(f"  - x{i}\n" for i in range(50))
    assert agrees(wide, max_nodes=60)
    assert quick(wide, max_nodes=40) is None
    deep = "a:\n  b:\n    c:\n      d: [e, [f]]\n"
    assert agrees(deep, max_nesting=7)
    for shallow in range(1, 6):
        assert quick(deep, max_nesting=shallow) is None


@pytest.mark.parametrize("max_nodes", range(1, 30))
def test_a_file_the_full_reader_finds_too_big_is_never_read_quickly(monkeypatch, max_nodes):
    text = "a: 1\nb: [x, y]\nc: {d: [e], f: g}\nh:\n  - i\n  - j: k\n    l: |\n      m\n"
    monkeypatch.setattr(loader, "MAX_NODES", max_nodes)
    if isinstance(full(text), Exception):
        assert quick(text, max_nodes=max_nodes) is None
    else:
        assert agrees(text, max_nodes=max_nodes)


@pytest.mark.parametrize("max_nesting", range(1, 9))
@pytest.mark.parametrize(
    "text", ["a:\n  b:\n    - c: [d, {e: [f]}]\n", "a: [x]\n", "a:\n  b: [x]\n  c: {d: [e]}\n", "a:\n- [x]\n"]
)
def test_a_file_the_full_reader_finds_too_deep_is_never_read_quickly(monkeypatch, max_nesting, text):
    monkeypatch.setattr(loader, "MAX_NESTING", max_nesting)
    if isinstance(full(text), Exception):
        assert quick(text, max_nesting=max_nesting) is None
    else:
        assert agrees(text, max_nesting=max_nesting)


# ---------------------------------------------------------------- through the loader


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_file_read_quickly_has_the_full_readers_positions(tmp_path, line_end):
    text = (READ["text blocks in sequences"] + "z: [p, q]\n").replace("\n", line_end)
    assert quick(text) is not None
    path = tmp_path / "doc.yaml"
    path.write_bytes(text.encode("utf-8"))
    parsed = loader.parse_file(path)
    builder = loader._EventBuilder(text)
    builder.build()
    assert parsed.positions == builder.positions
    assert parsed.position(("a", 2, "sources", 0)) == (9, 15)


def test_a_mistake_in_a_file_read_quickly_is_pointed_at(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text(
        "format: 1\nsources:\n  - id: s\n    title: S\n    colour: red\n", encoding="utf-8"
    )
    assert quick(path.read_text(encoding="utf-8")) is not None
    kb, problems = loader.check([path])
    assert kb is None
    assert [(p.line, p.column, p.where) for p in problems] == [(5, 5, "sources[0].colour")]


# ---------------------------------------------------------------- generated documents

KEYS = ["a", "b", "id", "on", "null", "x-y", "_k", "1", "'q'", "? a", "a b", "<<", "é", "yes"]
SCALARS = [
    "word", "two words", "The role owns it.", "1", "-1", "+1", "0", "012", "0x1F", "1_000", "1.5", "1.",
    ".5", "1e3", "1.0e+3", "1:30", ".inf", "-.inf", ".NaN", "~", "null", "NULL", "nil", "yes", "No", "ON",
    "y", "2020-01-01", "2020-1-1", "<<", "=", "-x", "- x", "-", "a: b", "a:b", "a #c", "a#c", "a:", "?x",
    ":x", "[a, b]", "[a,b]", "[a, [b]]", "[a, ]", "[]", "[ ]", "[a: b]", "{a: 1}", "{a: [b, c], d: e}",
    "{a:1}", "{}", "{a: {b: c}}", "'s'", "'it''s'", "''", "'", '"d"', '"e\\n"', '"', "|", "|-", "|+", ">",
    ">-", "|2", "&a x", "*a", "!!str x", "!x y", "é", "😀", "%x", "@x", "`x", "x  ", "@", "#", "# c",
    "a, b", "x]", "{", "[", "a\tb", "true", "False", "0.0", "-0", "00", "1.50", "3.", "+.5",
    "x\u2028y", "x\u2029", "\x85x", "'x\u2028  y'", "[x\u2028 y]", "1" * 4400, "k" * 1030 + ": v",
]


@st.composite
def soups(draw):
    """A few lines put together from YAML's pieces: mostly broken, sometimes not."""
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4, 6]))
        kind = draw(st.sampled_from(["key", "key", "item", "item-key", "open", "dash", "comment", "blank", "body"]))
        key, value = draw(st.sampled_from(KEYS)), draw(st.sampled_from(SCALARS))
        spaces = " " * draw(st.sampled_from([1, 1, 1, 2]))
        lines.append({
            "key": f"{indent}{key}:{spaces}{value}",
            "item": f"{indent}-{spaces}{value}",
            "item-key": f"{indent}-{spaces}{key}:{spaces}{value}",
            "open": f"{indent}{key}:",
            "dash": f"{indent}-",
            "comment": f"{indent}# {value}",
            "blank": indent,
            "body": f"{indent}{value}",
        }[kind])
    end = draw(st.sampled_from(["\n", "\n", "", "\n\n"]))
    return "\n".join(lines) + end


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soups(), st.sampled_from(["\n", "\n", "\r\n"]))
def test_documents_made_of_yamls_pieces_are_declined_or_read_exactly(text, line_end):
    agrees(text.replace("\n", line_end))


leaves = st.one_of(
    st.sampled_from([s for s in SCALARS if "\t" not in s]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
)
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["a", "b", "id", "text", "x-y", "on", "k1"]), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from(["format", "levels", "name", "a", "b"]), trees, min_size=1, max_size=4),
    st.sampled_from([False, None, True]),
    st.sampled_from([2, 4]),
    st.sampled_from([20, 80]),
)
def test_documents_pyyaml_writes_are_declined_or_read_exactly(data, flow, indent, width):
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, width=width, allow_unicode=True)
    agrees(text)


def test_block_style_documents_pyyaml_writes_are_mostly_read_quickly():
    """Not a correctness test: the quick reader is worth having only if it reads ordinary files."""
    data = {
        "format": 1,
        "levels": [
            {"id": f"l{i}", "title": f"Level {i}", "band": i, "tracks": ["ic", "manager"],
             "summary": "A long sentence about the level, " * 4, "years": {"min": i, "max": i + 2.5}}
            for i in range(20)
        ],
    }
    for width in (40, 80, 1000):
        text = yaml.safe_dump(data, default_flow_style=False, width=width, sort_keys=False)
        if width == 1000:
            assert agrees(text)
        else:  # long lines folded over several lines: multi-line plain scalars, left to the full reader
            agrees(text)


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=30) | st.text(max_size=30))
def test_the_quick_character_check_refuses_what_the_pattern_refuses(text):
    assert quickyaml.refused(text) == (quickyaml._REFUSED.search(text) is not None)


@pytest.mark.parametrize("char", [chr(code) for code in [*range(0x20), 0x7F, 0x80, 0x85, 0x9F, 0xFEFF, 0xFFFE, 0xD800]])
def test_control_characters_tabs_and_odd_line_breaks_are_refused(char):
    assert quickyaml.refused(f"a: b{char}c\n") == (char != "\n")
    assert quickyaml.refused(f"a: b{char}c é\n") == (char != "\n")


def test_positions_that_cannot_be_found_leave_problems_without_a_line_not_a_crash():
    """Should the quick reader ever read a file the full reader refuses, a problem is still reported."""
    parsed = loader.ParsedFile("kb.yaml", {"a": 1, "b": 2}, text="a: [unclosed\nb: 2\n")
    assert parsed.position(("a",)) == (1, 1)  # what was read before the mistake
    assert ("b",) not in parsed.positions


def test_what_the_quick_reader_declines_is_reported_by_the_full_reader_with_its_line(tmp_path):
    """Found by fuzzing: these once escaped the quick reader as data or as a crash."""
    cases = {
        "format: 1\nname: " + "1" * 5000 + "\n": (2, "unreadable value"),
        "format: 1\nname: x\u2028y\n": (4, "could not find expected ':'"),  # libyaml: U+2028 ends a line
        "format: 1\n" + "a" * 1025 + ": b\n": (2, "could not find expected ':'"),
    }
    for text, (line, words) in cases.items():
        path = tmp_path / "kb.yaml"
        path.write_text(text, encoding="utf-8")
        kb, problems = loader.check([path])
        assert kb is None and len(problems) == 1, problems
        assert problems[0].line == line and words in problems[0].message, problems[0]
