"""Renderables: what a reader sees at 40, 100 and 200 columns; text shown literally."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pmpath.questions import compare as compare_q
from pmpath.questions import queries
from pmpath.kb.loader import load
from pmpath.views import ladder as ladder_views, steps as steps_views
from pmpath.writers.terminal import render


def LadderView(kb, track=None):  # noqa: N802  (the ladder view, drawn by the terminal writer)
    return render(ladder_views.ladder(kb, track))


def role_card(kb, role, full=True):
    return render(ladder_views.role_card(kb, role, full))


def role_list(kb):
    return render(ladder_views.role_list(kb))


def next_view(kb, answer, full=True):
    return render(steps_views.next_steps(kb, answer, full))


def text_of(renderable, width: int = 100) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def longest_line(text: str) -> int:
    return max(len(line.rstrip()) for line in text.splitlines())


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_ladder_fits_every_width(mini_kb, width):
    out = text_of(LadderView(mini_kb), width)
    assert longest_line(out) <= width
    assert "Junior Maker" in out and "Lead Maker" in out


def test_ladder_wide_is_a_table_with_tracks_side_by_side(mini_kb):
    out = text_of(LadderView(mini_kb), 120)
    header = next(line for line in out.splitlines() if "Band" in line)
    assert header.index("Individual contributor") < header.index("People manager") < header.index("Experience")
    row = next(line for line in out.splitlines() if "Expert Maker" in line)
    assert "Lead Maker" in row  # the fork: both titles on one row, in their band
    assert "◂ both tracks" in out


def test_ladder_narrow_is_stacked(mini_kb):
    out = text_of(LadderView(mini_kb), 40)
    assert "1 Junior Maker (junior)" in out
    assert "both tracks" in out
    assert "Band" not in out


def test_ladder_one_track(mini_kb):
    out = text_of(LadderView(mini_kb, "ic"), 120)
    assert "Lead Maker" not in out and "Expert Maker" in out


def test_role_card_has_every_section(mini_kb):
    out = text_of(role_card(mini_kb, queries.resolve(mini_kb, "expert")))
    for heading in ("Main focus", "Scope", "Years of experience", "Time at this level", "Responsibilities",
                    "Skills", "Main differences from Junior Maker", "Sources"):
        assert heading in out, heading
    assert "5+ years [src]" in out
    assert "src = Test source" in out


def test_specialization_card(mini_kb):
    out = text_of(role_card(mini_kb, queries.resolve(mini_kb, "growth-maker")))
    for heading in ("Metrics", "Core skills", "Growing in this specialization", "Related roles"):
        assert heading in out
    assert "· specialization" in out


def test_role_list(mini_kb):
    out = text_of(role_list(mini_kb))
    assert "junior" in out and "growth-maker" in out and "Specializations" in out


def test_next_view_fork(mini_kb):
    out = text_of(next_view(mini_kb, queries.next_steps(mini_kb, queries.resolve(mini_kb, "junior"))))
    assert "2 ways up: one on the Individual contributor track, one on the People manager track." in " ".join(out.split())
    assert "1. → Expert Maker (expert)" in out and "2. → Lead Maker (lead)" in out
    assert "Responsibilities Expert Maker adds" in out


def test_next_view_top(mini_kb):
    out = text_of(next_view(mini_kb, queries.next_steps(mini_kb, queries.resolve(mini_kb, "lead"))))
    assert "Lead Maker is the top of the People manager track." in out
    assert "Starts a company." in out


@pytest.mark.parametrize("width", [40, 200])
def test_cards_fit_narrow_and_wide(builtin_kb, width):
    for role in queries.roles(builtin_kb):
        for full in (False, True):
            out = text_of(role_card(builtin_kb, role, full), width)
            assert longest_line(out) <= width, role.id


def test_markup_in_data_is_shown_literally(tmp_path):
    text = (tmp_path / "kb.yaml")
    text.write_text(
        "format: 1\nsources: [{id: s, title: '[link=http://x]S[/link]'}]\n"
        "specializations:\n  - id: x\n    title: '[bold red]X[/]'\n    summary: ':smile: [blink]hi[/blink]'\n"
        "    main_focus: f\n    metrics: ['[b]m[/b]']\n    skills: [k]\n    sources: [s]\n"
    )
    kb = load(text)
    for full in (False, True):
        out = text_of(role_card(kb, kb.specializations[0], full))
        assert "[bold red]X[/]" in out
        assert ":smile: [blink]hi[/blink]" in out
        assert "[b]m[/b]" in out
        assert "[link=http://x]S[/link]" in out


# ---------------------------------------------------------------- the career-navigation views


def _views(kb):
    from pmpath.questions import catalogue, navigate, search
    from pmpath.views import catalogue as catalogue_views
    from pmpath.views import navigate as views
    from pmpath.writers.terminal import render

    r = lambda name: queries.resolve(kb, name)  # noqa: E731
    return {
        "path": render(views.path(kb, navigate.path(kb, r("start"), r("top"), "ic", navigate.YearMonth(2020, 1)), full=True)),
        "compare": render(views.compare(kb, compare_q.compare(kb, r("deep"), r("boss")), full=True)),
        "tracks": render(views.tracks(kb, navigate.tracks(kb))),
        "alternatives": render(views.alternatives(kb, navigate.alternatives(kb, r("deep")))),
        "specializations": render(catalogue_views.specializations(catalogue.specializations(kb))),
        "search": render(catalogue_views.search_results(search.search(kb, "sql"))),
        "break-in": render(catalogue_views.break_in(catalogue.break_in(kb, "coder"), full=True)),
        "overview": render(catalogue_views.break_in(catalogue.break_in(kb))),
        "resources": render(catalogue_views.resources(catalogue.resources(kb))),
    }


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_navigation_views_fit_every_width(career_kb, width):
    for name, view in _views(career_kb).items():
        out = text_of(view, width)
        assert longest_line(out) <= width, name


def test_path_view_shows_the_switch_and_windows(career_kb):
    out = text_of(_views(career_kb)["path"], 100)
    assert "3 steps, about 6+ years in total, preferring the Individual contributor track." in out
    assert "The ladder forks here; this route takes the Individual contributor track." in out
    assert "Here the route leaves the Individual contributor track for the People manager track" in out
    assert "Expected Jan 2021 – Jan 2022" in out
    assert "3+ years [src] (inferred)" in out


def test_compare_view_is_a_table_when_wide_and_stacked_when_narrow(career_kb):
    view = _views(career_kb)["compare"]
    wide, narrow = text_of(view, 120), text_of(view, 40)
    assert any("Deep Expert" in line and "Team Boss" in line for line in wide.splitlines())
    assert not any("Deep Expert" in line and "Team Boss" in line for line in narrow.splitlines())
    lines = [line.rstrip() for line in narrow.splitlines()]
    focus = lines.index("Main focus")
    assert lines[focus + 1 : focus + 3] == ["  deep Depth.", "  boss People."]
    assert "Main differences, as the sources draw them" in wide and "One has reports, the other has none." in wide


def test_tracks_view_lists_parallel_bands(career_kb):
    out = text_of(_views(career_kb)["tracks"], 120)
    assert "Parallel at band 3: Deep Expert and Team Boss." in out
    assert "Deep Expert → Top Leader crosses from the Individual contributor track to the People manager track." in out


def test_break_in_view_sections(career_kb):
    out = text_of(_views(career_kb)["break-in"], 100)
    for heading in ("Role to target first", "Other targets", "What carries over", "What to build",
                    "Routes in, best first", "Specializations that suit the background", "Portfolio", "Networking"):
        assert heading in out, heading
    assert "Acme: 2 × 12 months [src]" in out
    assert "Not yet: Deep Expert (deep) — Too far." in out


def test_resources_view_facts(career_kb):
    out = text_of(_views(career_kb)["resources"], 100)
    assert "certificate: $79 a month (at your own pace) [src]" in out
    assert "4.8 from 1.5k reviews [src]" in out and "free to audit" in out


def test_search_view_sections(career_kb):
    out = text_of(_views(career_kb)["search"], 100)
    assert "4 matches for 'sql'" in out
    assert "Individual contributor: Middler (mid)" in out and "People manager: Middler (mid)" in out


def test_new_views_show_markup_literally(tmp_path):
    from pmpath.questions import catalogue
    from pmpath.views.catalogue import break_in
    from pmpath.writers.terminal import render

    path = tmp_path / "kb.yaml"
    path.write_text(
        "format: 1\nsources: [{id: s, title: S}]\n"
        "tracks: [{id: ic, title: IC, summary: s, values: [v], promotion_criteria: [c], sources: [s]}]\n"
        "levels: [{id: one, title: One, band: 1, tracks: [ic], summary: s, main_focus: f, scope: x,"
        " responsibilities: [r], skills: [k], sources: [s]}]\n"
        "entry_routes: [{id: r, title: '[red]Route[/red]', kind: program, summary: s, steps: ['[blink]go'],"
        " sources: [s]}]\n"
        "backgrounds: [{id: b, title: '[bold]B[/bold]', summary: ':smile:', strengths: ['[i]k'],"
        " targets: [{role: one, kind: first, why: '[link=x]y'}], routes: [r], sources: [s]}]\n"
    )
    kb = load(path)
    out = text_of(render(break_in(catalogue.break_in(kb, "b"), full=True)))
    for literal in ("[bold]B[/bold]", ":smile:", "[i]k", "[link=x]y", "[red]Route[/red]", "[blink]go"):
        assert literal in out, literal


@pytest.mark.parametrize("width", [12, 20, 40, 60, 100, 200])
def test_label_value_rows_are_drawn_as_the_grid_would_draw_them(width):
    """KeyValues draws rows of text itself (quicker than a table); the result must be the grid's."""
    from rich.console import Console
    from rich.text import Text

    from pmpath.writers.terminal import KeyValues

    rows = [
        ("Track", Text("both tracks")),
        ("At level", Text("2-3 years [career-guide]; 1-2 years [bridged] (inferred)", style="bold")),
        ("Scope", Text("A feature or a small product area, end to end, with a team of engineers " * 3)),
        ("Empty", Text("")),
        ("Long", Text("averyveryveryverylongwordwithoutanyspacesthatmustbefoldedsomewhere" * 2)),
        ("Lines", Text("first line\nsecond line, a little longer than the first one")),
    ]

    def drawn(renderable) -> list[str]:
        console = Console(width=width, color_system=None, force_terminal=False, record=True)
        console.print(renderable)
        return [line.rstrip() for line in console.export_text().splitlines()]

    view = KeyValues(rows)
    assert drawn(view) == drawn(view._grid())


@pytest.mark.parametrize("width", [8, 20, 40, 60, 100, 200])
def test_indented_blocks_are_drawn_as_rich_padding_draws_them(width):
    """Indented skips Padding's measuring; its lines must be Padding's, without the trailing spaces."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from pmpath.writers.terminal import Indented, KeyValues

    def key_values(rows):
        return KeyValues([(label, Text(value)) for label, value in rows])

    table = Table("a", "b")
    table.add_row("one", "two " * 10)
    blocks = [
        Text("A sentence long enough to wrap at the narrower widths, with a [bracket] in it. " * 2),
        key_values([("Scope", "A feature or a small product area " * 3), ("Track", "both")]),
        Group(Text("head", style="bold"), key_values([("x", "y")]), Text("")),
        table,
    ]

    def drawn(renderable, colour: bool) -> list[str]:
        console = Console(width=width, color_system="standard" if colour else None, force_terminal=colour, record=True)
        console.print(renderable)
        return [line.rstrip() for line in console.export_text(styles=colour).splitlines()]

    for block in blocks:
        for left in (2, 3):
            for colour in (False, True):
                assert drawn(Indented(block, left), colour) == drawn(Padding(block, (0, 0, 0, left), expand=False), colour)
