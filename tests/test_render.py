"""Renderables: what a reader sees at 40, 100 and 200 columns; text shown literally."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pmpath import queries
from pmpath.loader import load
from pmpath.render import LadderView, next_view, role_card, role_list


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
    assert "The ladder forks here: 2 ways up." in out
    assert "1. → Expert Maker (expert)" in out and "2. → Lead Maker (lead)" in out
    assert "Responsibilities Expert Maker adds" in out


def test_next_view_top(mini_kb):
    out = text_of(next_view(mini_kb, queries.next_steps(mini_kb, queries.resolve(mini_kb, "lead"))))
    assert "Lead Maker is the top of the People manager track." in out
    assert "Starts a company." in out


@pytest.mark.parametrize("width", [40, 200])
def test_cards_fit_narrow_and_wide(builtin_kb, width):
    for role in queries.roles(builtin_kb):
        out = text_of(role_card(builtin_kb, role), width)
        assert longest_line(out) <= width, role.id


def test_markup_in_data_is_shown_literally(tmp_path):
    text = (tmp_path / "kb.yaml")
    text.write_text(
        "format: 1\nsources: [{id: s, title: '[link=http://x]S[/link]'}]\n"
        "specializations:\n  - id: x\n    title: '[bold red]X[/]'\n    summary: ':smile: [blink]hi[/blink]'\n"
        "    main_focus: f\n    metrics: ['[b]m[/b]']\n    skills: [k]\n    sources: [s]\n"
    )
    kb = load(text)
    out = text_of(role_card(kb, kb.specializations[0]))
    assert "[bold red]X[/]" in out
    assert ":smile: [blink]hi[/blink]" in out
    assert "[b]m[/b]" in out
    assert "[link=http://x]S[/link]" in out
