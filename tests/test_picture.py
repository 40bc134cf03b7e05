"""The ladder picture (``levels --tree``): the fork, bands on one row, readable from 40 to 200 columns."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pmpath.views.picture import LadderPicture, ladder_svg

BOX = set("│─└┘┬┴┼┌┐")


def picture(kb, width: int, track=None) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False, highlight=False)
    console.print(LadderPicture(kb, track))
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def words(lines: list[str]) -> list[str]:
    return sorted(w for line in lines for w in line.split() if not set(w) <= BOX)


def row_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_mini_ladder_forks_with_bands_aligned(mini_kb, width):
    lines = picture(mini_kb, width)
    assert max(len(line) for line in lines) <= width
    expert, lead, junior = row_of(lines, "Expert Maker"), row_of(lines, "Lead Maker"), row_of(lines, "Junior Maker")
    assert expert == lead  # the same band, side by side
    junction = row_of(lines, "┬")
    assert expert < junction < junior
    bar = lines[junction]
    assert bar.strip().startswith("└") and bar.strip().endswith("┘")
    # the two branches meet above the trunk: the stem sits over the middle of the centred trunk
    stem = bar.index("┬")
    assert lines[junction - 1][bar.index("└")] == "│" and lines[junction - 1][bar.index("┘")] == "│"
    assert abs(stem - (lines[junior].index("Junior") + len("Junior Maker") // 2)) <= 2
    assert lines[expert].lstrip().startswith("2") and lines[junior].lstrip().startswith("1")


def test_builtin_ladder_picture(builtin_kb):
    lines = picture(builtin_kb, 80)
    text = "\n".join(lines)
    for title in ("Associate Product Manager", "Senior Product Manager", "Staff Product Manager",
                  "Principal Product Manager", "Group Product Manager", "Chief Product Officer"):
        assert title in text, title
    header = row_of(lines, "Individual contributor")
    assert "People manager" in lines[header]
    principal, group = row_of(lines, "Principal Product Manager"), row_of(lines, "Group Product Manager")
    assert principal == group
    staff = row_of(lines, "Staff Product Manager")
    # the manager track has no band-4 level: its line passes by Staff PM on the same row
    manager_x = lines[group].index("Group") + len("Group Product Manager") // 2
    assert "│" in lines[staff][manager_x - 1: manager_x + 2]
    assert row_of(lines, "Chief Product Officer") < row_of(lines, "Director of Product") < group < staff
    assert row_of(lines, "┬") < row_of(lines, "Senior Product Manager") < row_of(lines, "Associate Product Manager")
    assert "Across the fork: Principal Product Manager → Director of Product Management" in text


@pytest.mark.parametrize("width", [40, 60, 120, 200])
def test_picture_never_cuts_words(builtin_kb, width):
    lines = picture(builtin_kb, width)
    assert max(len(line) for line in lines) <= width
    assert words(lines) == words(picture(builtin_kb, 150))


def test_picture_is_the_same_size_on_very_wide_terminals(builtin_kb):
    assert picture(builtin_kb, 200)[:-3] == picture(builtin_kb, 300)[:-3]
    assert max(len(line) for line in picture(builtin_kb, 300)[:-3]) < 100


def test_one_track_is_a_single_column(builtin_kb):
    lines = picture(builtin_kb, 60, "ic")
    text = "\n".join(lines)
    assert lines[0] == "The product-management ladder: Individual contributor track"
    assert "Director" not in text.split("Across the fork")[0] and "Principal Product Manager" in text
    assert "┬" not in text and "People manager" not in text.split("Across the fork")[0]


def test_too_narrow_for_columns_becomes_a_list(mini_kb):
    lines = picture(mini_kb, 24)
    assert max(len(line) for line in lines) <= 24
    assert "2 Expert Maker expert ·" in lines
    assert "1 Junior Maker junior" in lines
    assert not set("".join(lines)) & BOX


def test_kb_text_is_not_markup(tmp_path):
    from pmpath.kb.loader import load

    kb = load(__import__("pathlib").Path(__file__).parent / "fixtures" / "nasty")
    text = "\n".join(picture(kb, 80))
    assert "First <img src=x onerror=alert(1)>" in text
    assert "Second IC **bold**" in text


def test_svg_is_the_picture_without_network(builtin_kb):
    svg = ladder_svg(builtin_kb, 72)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Chief&#160;Product&#160;Officer" in svg or "Chief Product Officer" in svg
    assert "@font-face" not in svg and "cdnjs" not in svg
    addresses = set(__import__("re").findall(r"https?://[^\s\"'<>)]+", svg))
    assert addresses <= {"http://www.w3.org/2000/svg", "https://www.textualize.io"}  # a namespace, a comment
    assert svg == ladder_svg(builtin_kb, 72)  # deterministic: fit for a committed file


THREE_TRACKS = """
format: 1
sources: [{id: s, title: S}]
tracks:
  - {id: a, title: Alpha, summary: x, values: [v], promotion_criteria: [c], sources: [s]}
  - {id: b, title: Beta, summary: x, values: [v], promotion_criteria: [c], sources: [s]}
  - {id: c, title: Gamma, summary: x, values: [v], promotion_criteria: [c], sources: [s]}
levels:
  - {id: base, title: Base, band: 1, tracks: [a, b, c], summary: x, main_focus: x, scope: x,
     responsibilities: [r], skills: [k], sources: [s]}
  - {id: a2, title: Alpha Two, band: 2, tracks: [a], summary: x, main_focus: x, scope: x,
     responsibilities: [r], skills: [k], sources: [s]}
  - {id: b2, title: Beta Two, band: 2, tracks: [b], summary: x, main_focus: x, scope: x,
     responsibilities: [r], skills: [k], sources: [s]}
  - {id: c3, title: Gamma Three, band: 3, tracks: [c], summary: x, main_focus: x, scope: x,
     responsibilities: [r], skills: [k], sources: [s]}
promotions:
  - {from: base, to: a2, tracks: [a], criteria: [c], sources: [s]}
  - {from: base, to: b2, tracks: [b], criteria: [c], sources: [s]}
  - {from: base, to: c3, tracks: [c], criteria: [c], sources: [s]}
"""


def test_three_tracks_fork_three_ways(tmp_path):
    from pmpath.kb.loader import load

    path = tmp_path / "kb.yaml"
    path.write_text(THREE_TRACKS)
    lines = picture(load(path), 100)
    header = row_of(lines, "Alpha")
    assert "Beta" in lines[header] and "Gamma" in lines[header]
    assert row_of(lines, "Alpha Two") == row_of(lines, "Beta Two")
    gamma = row_of(lines, "Gamma Three")
    assert gamma < row_of(lines, "Alpha Two")  # band 3 above band 2
    bar = lines[row_of(lines, "┼") if any("┼" in l for l in lines) else row_of(lines, "┬")].strip()
    assert bar[0] == "└" and bar[-1] == "┘" and ("┼" in bar or "┴" in bar)  # the middle branch meets the bar
    # Gamma has no band-2 level: its line passes through the band-2 row
    gamma_x = lines[gamma].index("Gamma") + len("Gamma Three") // 2
    assert "│" in lines[row_of(lines, "Alpha Two")][gamma_x - 1: gamma_x + 2]
    assert max(len(line) for line in picture(load(path), 40)) <= 40
