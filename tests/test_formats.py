"""The document writers on their own: JSON, YAML, Markdown and HTML never let text turn into syntax."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
import yaml
from markdown_it import MarkdownIt

from pmpath.views import elements as blocks
from pmpath.views.elements import Bullets, Column, Para, Span, Table
from pmpath.writers import data as formats
from pmpath.writers import html as htmlpage
from pmpath.writers import markdown

UNSAFE = [
    "\x1b[31mred\x1b[0m",  # a terminal escape sequence
    "bell\x07",
    "nul\x00byte",
    "del\x7f",
    "c1\x85\x9b",
    "bidi \u202eevil\u202c",
    "zero\u200bwidth",
    "isolate \u2066x\u2069",
    "line\u2028separator\u2029",
    "bom\ufeff",
    # format characters outside the old lists, found by an adversarial test (issue 17)
    "arabic\u061cmark", "word\u2060joiner\u2061\u2062\u2063\u2064", "soft\u00adhyphen", "mongolian\u180e",
    "annotation\ufff9\ufffa\ufffb", "tag\U000e0001\U000e0041\U000e007f",
    "private\ue000\U000f0000use", "unassigned\u0378\U000e0080",
]
class RAW_UNSAFE:
    """Finds a raw hidden character: control, format, private use, unassigned, surrogate, line/paragraph separator."""

    @staticmethod
    def search(text):
        import unicodedata

        return any(c not in "\t\n" and unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") for c in text)

TRICKY = [
    "**bold** _em_ __strong__ *em*",
    "`code` and ``more``",
    "[link](http://example.com) and ![img](http://x/y.png) and <http://auto.link>",
    "<script>alert(1)</script> <b>b</b> <!-- comment -->",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "12) not a list",
    "> not a quote",
    "=== not an underline",
    "--- not a rule",
    "a | table | pipe",
    "~~not struck~~",
    "$not maths$",
    "&amp; &copy; &#65; entities",
    "back\\slash \\* escaped star",
    "[ref]: http://example.com",
    "{curly} (round) [square]",
    "100% sure: 5 > 3 < 4",
    "2.5 years, -3 degrees, +4 points",
    "- - -",
    "trailing backslash \\",
    "Ünïcödé — “quotes” ✓ 漢字",
]


# ---------------------------------------------------------------- JSON and YAML


@pytest.mark.parametrize("text", UNSAFE)
def test_json_escapes_every_unsafe_character_and_round_trips(text):
    out = formats.to_json({"text": text, "list": [text], text: 1})
    assert not RAW_UNSAFE.search(out)
    assert json.loads(out) == {"text": text, "list": [text], text: 1}


@pytest.mark.parametrize("text", UNSAFE)
def test_yaml_escapes_every_unsafe_character_and_round_trips(text):
    out = formats.to_yaml({"text": text, "list": [text], "nested": {"deeper": text}})
    assert not RAW_UNSAFE.search(out)
    assert yaml.safe_load(out) == {"text": text, "list": [text], "nested": {"deeper": text}}


def test_yaml_keeps_readable_text_plain_and_order():
    document = {"format": 1, "kind": "x", "title": "Senior PM — “lead”", "z": [1.5, None, True], "a": "yes"}
    out = formats.to_yaml(document)
    assert out.startswith("---\nformat: 1\nkind: x\ntitle: Senior PM — “lead”\n")
    assert yaml.safe_load(out) == document
    assert list(yaml.safe_load(out)) == ["format", "kind", "title", "z", "a"]


@pytest.mark.parametrize("text", TRICKY)
def test_json_and_yaml_keep_tricky_text_exactly(text):
    assert json.loads(formats.to_json({"t": text}))["t"] == text
    assert yaml.safe_load(formats.to_yaml({"t": text}))["t"] == text


def test_json_keeps_letters_readable():
    assert "Ünïcödé" in formats.to_json({"t": "Ünïcödé"})


def test_dump_rejects_unknown_format():
    with pytest.raises(ValueError):
        formats.dump({"format": 1, "kind": "x", "title": "x"}, "xml")


# ---------------------------------------------------------------- Markdown

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


class _Text(HTMLParser):
    """The text a reader of rendered HTML sees, and every tag that was produced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown_text: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(MD.render(markdown_text))
    return "".join(parser.text).strip(), parser.tags


@pytest.mark.parametrize("text", TRICKY + UNSAFE)
def test_markdown_paragraph_shows_text_literally(text):
    seen, tags = rendered(markdown.write([Para([Span(text)])]))
    assert tags == ["p"], tags
    assert seen == markdown.visible_controls(text).strip()


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_bullet_heading_and_strong_show_text_literally(text):
    seen, tags = rendered(markdown.write([Bullets([[Span(text)]])]))
    assert tags == ["ul", "li"] and seen == text.strip()
    seen, tags = rendered(markdown.write([blocks.heading(2, text)]))
    assert tags == ["h2"] and seen == text.strip()
    seen, tags = rendered(markdown.write([Para([Span(text, "strong")])]))
    assert tags == ["p", "strong"] and seen == text.strip()


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_table_cells_show_text_literally(text):
    table = Table((Column("Head | er"), Column("B")), (((Span(text),), (Span("x"),)),))
    seen, tags = rendered(markdown.write([table]))
    assert tags.count("td") == 2 and tags.count("th") == 2
    assert seen.replace("\n", "") == ("Head | erB" + text.strip() + "x")


def test_markdown_line_breaks_in_text_become_spaces():
    assert markdown.write([Para([Span("one\ntwo\r\n- three")])]) == "one two - three\n"
    assert markdown.write([Para([Span("- one\n- two")])]) == "\\- one - two\n"


def test_markdown_code_spans_survive_backticks():
    out = markdown.write([Para([Span("a `b` c", "code")])])
    seen, tags = rendered(out)
    assert tags == ["p", "code"] and seen == "a `b` c"


def test_markdown_preformatted_block_cannot_be_closed_by_its_content():
    text = "line\n```\nnot the end\n~~~~\n"
    seen, tags = rendered(markdown.write([blocks.Pre(text)]))
    assert tags == ["pre", "code"] and seen == text.strip()


def test_markdown_links_only_for_web_addresses():
    safe = markdown.write([Para([Span("site", "link", url="https://example.org/a_(b)")])])
    assert "[site](<https://example.org/a_%28b%29>)" in safe
    unsafe = markdown.write([Para([Span("x", "link", url="javascript:alert(1)")])])
    assert "javascript" not in unsafe and "](" not in unsafe


# ---------------------------------------------------------------- HTML


@pytest.mark.parametrize("text", TRICKY + UNSAFE)
def test_html_escapes_text(text):
    out = htmlpage.blocks_html([Para([Span(text)])])
    parser = _Text()
    parser.feed(out)
    assert parser.tags == ["p"]
    assert "".join(parser.text) == markdown.visible_controls(text)
    assert not RAW_UNSAFE.search(out)


def test_html_links_only_for_web_addresses_and_escapes_them():
    out = htmlpage.inline([Span("s", "link", url="https://x.org/?a=1&b=2")])
    assert out == '<a href="https://x.org/?a=1&amp;b=2">s</a>'
    assert "href" not in htmlpage.inline([Span("s", "link", url='https://x.org/"><script>')])
    assert "href" not in htmlpage.inline([Span("s", "link", url="javascript:alert(1)")])
    assert "href" not in htmlpage.inline([Span("s", "link", url="data:text/html,<b>")])


def test_html_page_is_self_contained():
    page = htmlpage.page([blocks.heading(1, "T <x>"), Para([Span("p")]), blocks.heading(2, "A"), blocks.heading(2, "B")])
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>T &lt;x&gt;</title>" in page
    assert "default-src 'none'" in page
    for needle in ("<script", "<link", "@import", "url(", "src=", "http://", "https://"):
        assert needle not in page, needle
    assert '<a href="#a">A</a>' in page and '<h2 id="a">A</h2>' in page  # the table of contents


def test_html_table_merges_a_merge_cell_into_its_left_neighbour():
    table = Table((Column("a"), Column("b"), Column("c")), (((Span("x"),), (Span("same", blocks.MERGE),), (Span("y"),)),))
    out = htmlpage.blocks_html([table])
    assert "<td colspan=2>x</td><td>y</td>" in out
    assert "| x | *same* | y |" in markdown.write([table])






# ---------------------------------------------------------------- any answer as a document


def test_plain_converts_any_answer(builtin_kb):
    import dataclasses
    from datetime import date

    from pmpath.views import data as documents
    from pmpath.questions import queries

    @dataclasses.dataclass(frozen=True)
    class Month:
        year: int
        month: int

        def __str__(self):
            return f"{self.year:04d}-{self.month:02d}"

    @dataclasses.dataclass(frozen=True)
    class Answer:
        subject: object
        other: object
        span: tuple
        open_span: tuple
        pairs: tuple
        when: object
        month: object
        promotion: object
        flag: bool

    apm, pm = queries.resolve(builtin_kb, "apm"), queries.resolve(builtin_kb, "pm")
    answer = Answer(apm, pm, (1.0, 2.5), (10, None), (("ic", apm),), date(2026, 1, 31), Month(2024, 3),
                    builtin_kb.promotions[0], True)
    doc = documents.answer_document("example", "An example", answer, whole=("subject",), note="extra first")
    assert list(doc)[:4] == ["format", "kind", "title", "note"]
    assert doc["subject"]["type"] == "level" and doc["subject"]["responsibilities"][0]["text"]
    assert doc["other"] == {"id": "pm", "title": pm.title, "type": "level", "band": pm.band, "tracks": list(pm.tracks)}
    assert doc["span"] == {"min": 1.0, "max": 2.5, "text": "1-2.5 years"}
    assert doc["open_span"] == {"min": 10, "max": None, "text": "10+ years"}
    assert doc["pairs"] == [["ic", documents.ref(apm)]]
    assert doc["when"] == "2026-01-31" and doc["month"] == "2024-03" and doc["flag"] is True
    assert doc["promotion"]["from"] == builtin_kb.promotions[0].from_  # aliases, not Python names
    json.loads(formats.to_json(doc))


def test_answer_fields_may_not_hide_the_envelope():
    import dataclasses

    from pmpath.views import data as documents

    @dataclasses.dataclass
    class Bad:
        title: str

    with pytest.raises(ValueError, match="title"):
        documents.answer_document("bad", "Bad", Bad("x"))




def test_answer_records_of_either_kind_become_mappings_and_plain_tuples_stay_lists():
    """Answers are dataclasses or NamedTuples (quicker to define); documents treat them alike."""
    import dataclasses
    from typing import NamedTuple

    from pmpath.views.data import plain, record_fields

    class Pair(NamedTuple):
        name: str
        count: int = 0

    @dataclasses.dataclass(frozen=True)
    class Box:
        pair: Pair
        items: tuple

    assert record_fields(Pair("a")) == ["name", "count"]
    assert record_fields(Box(Pair("a"), ())) == ["pair", "items"]
    assert record_fields(("a", 1)) is None and record_fields(Box) is None
    assert plain(Box(Pair("a", 2), ("x", Pair("b")))) == {
        "pair": {"name": "a", "count": 2}, "items": ["x", {"name": "b", "count": 0}],
    }
    assert plain((2, 4))["text"] and plain(("a", "b")) == ["a", "b"]
