"""The navigation views (path, compare, tracks, alternatives) and the element features they brought:
a list as a table cell or a row's value, tables that fit their content or are a plain grid, a
width-dependent Choice spaced like any other block."""

from __future__ import annotations

import io

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from pmpath.questions import compare as compare_q
from pmpath.questions import navigate, queries
from pmpath.views import elements as E
from pmpath.views import navigate as views
from pmpath.writers import html, markdown
from pmpath.writers.terminal import render

TRICKY = ["*not em*", "<b>x</b>", "a | b", "[l](javascript:x)", "`tick`", "# not a heading", "1. not a list"]


def terminal(document: E.Document, width: int = 100) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False, highlight=False)
    console.print(render(document))
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def doc(*blocks) -> E.Document:
    return E.document("test", "Test", *blocks)


# ---------------------------------------------------------------- lists in rows and cells


def test_a_list_as_a_rows_value_hangs_beside_its_label():
    block = E.rows([("Suits", E.bullets(["first reason that is long enough to wrap", "second"]))])
    assert terminal(doc(block), 30) == [
        "Suits • first reason that is",
        "        long enough to wrap",
        "      • second",
    ]


def test_a_list_in_a_table_cell_keeps_its_bullets_on_the_terminal():
    table = E.Table((E.Column("", nowrap=True), E.Column("A")), ((E.spans("Pros"), E.bullets(["one", "two"])),))
    lines = terminal(doc(table), 40)
    assert any(line.split() == ["Pros", "•", "one"] for line in lines)
    assert any(line.split() == ["•", "two"] for line in lines)


@pytest.mark.parametrize("text", TRICKY)
def test_a_list_in_a_markdown_cell_or_row_stays_text(text):
    table = E.Table((E.Column("H"),), ((E.bullets([text, "second"]),),))
    out = markdown.write(doc(table, E.rows([("Label", E.bullets([text]))])))
    rendered = MarkdownIt("commonmark").enable("table").render(out)
    assert rendered.count("<td>") == 1 and "<a " not in rendered and "<em>" not in rendered
    assert "<b>" not in rendered and "<h1>" not in rendered.split("</table>")[1]
    assert f"**Label:** {markdown.escape(text)}" in out  # one item: no bullet
    assert "| • " in out  # several: each after a bullet, on the table's one line


def test_a_list_in_html_is_a_list_inside_the_cell_and_the_definition():
    out = html.blocks_html([E.Table((E.Column("H"),), ((E.bullets(["<x>"]),),)), E.rows([("L", E.bullets(["y"]))])])
    assert "<td><ul>\n<li>&lt;x&gt;</li>\n</ul></td>" in out
    assert "<dd><ul>\n<li>y</li>\n</ul></dd>" in out


# ---------------------------------------------------------------- table layouts and choices


def _table(layout: str) -> E.Table:
    return E.Table((E.Column("Band", numeric=True), E.Column("Name")), ((E.spans("1"), E.spans("short")),), layout=layout)


def test_a_full_table_fills_the_width_and_a_fitted_one_does_not():
    full, fit = terminal(doc(_table(E.FULL)), 80), terminal(doc(_table(E.FIT)), 80)
    rule = lambda lines: next(line for line in lines if "─" in line)  # noqa: E731
    assert len(rule(full).strip()) > 70
    assert len(rule(fit).strip()) < 20


def test_a_grid_has_no_rules_and_its_header_is_the_first_row():
    assert terminal(doc(_table(E.GRID)), 80) == ["Band  Name", "   1  short"]
    assert "| Band | Name |\n| ---: | --- |\n| 1 | short |" in markdown.write(doc(_table(E.GRID)))


def test_a_choice_is_spaced_like_the_blocks_it_holds():
    choice = E.Choice((E.para("wide"),), (E.para("narrow", tight=True),), at=50)
    assert terminal(doc(E.para("before"), choice, E.para("after")), 60) == ["before", "", "wide", "", "after"]
    assert terminal(doc(E.para("before"), choice, E.para("after")), 40) == ["before", "narrow", "", "after"]
    assert markdown.write(doc(E.heading(1, "T"), choice)) == "# T\n\nwide\n"


# ---------------------------------------------------------------- the views as documents


def test_path_is_a_page_with_each_step_and_its_window(career_kb):
    r = lambda name: queries.resolve(career_kb, name)  # noqa: E731
    answer = navigate.path(career_kb, r("start"), r("top"), "ic", navigate.YearMonth(2020, 1))
    out = markdown.write(views.path(career_kb, answer))
    assert out.startswith("# Route: Starter (`start`) → Top Leader (`top`)\n")
    assert "**Expected:** Jan 2021 – Jan 2022 (already past)" in out
    assert "**Here the route leaves the Individual contributor track for the People manager track" in out
    assert "- via `mid, boss`" in out


def test_compare_writes_both_roles_side_by_side_in_documents(career_kb):
    r = lambda name: queries.resolve(career_kb, name)  # noqa: E731
    out = markdown.write(views.compare(career_kb, compare_q.compare(career_kb, r("growth-maker"), r("start")), full=True))
    assert "|  | Growth Maker | Starter |" in out
    assert "| Scope | — |" in out  # a specialization has no scope


def test_tracks_levels_are_a_table_in_documents(career_kb):
    out = markdown.write(views.tracks(career_kb, navigate.tracks(career_kb)))
    assert "| Band | Individual contributor | People manager |\n| ---: | --- | --- |\n| 3 | Deep Expert | Team Boss |" in out
    assert "| What it values | Depth of craft. | Growing others. |" in out


def test_alternatives_of_a_role_nest_the_kinds_under_open_to_any_pm(career_kb):
    answer = navigate.alternatives(career_kb, queries.resolve(career_kb, "deep"))
    out = markdown.write(views.alternatives(career_kb, answer))
    assert "## Ways off the ladder, open to any PM\n\n### Other jobs in the product space" in out
    assert "More: `pmpath show growth-maker`" in out


@pytest.mark.parametrize("count,text", [(1, "1 more route"), (3, "3 more routes"), (1000, "1,000 more routes"),
                                        (1001, "more than 1,000 more routes")])
def test_more_routes_text(count, text):
    assert views.more_routes_text(count) == text
