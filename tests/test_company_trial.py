"""Issue 16, the user trial's findings on a company ladder (tests/fixtures/trial, copies of
examples/trials/quillmark*.yaml): what `next`, `path`, `tracks`, `alternatives` and `specializations`
say about it, at a fixed width of 100 columns."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

QUILL = str(FIXTURES / "trial" / "quillmark.yaml")
QUILL_EXTENDS = str(FIXTURES / "trial" / "quillmark-extends.yaml")
WIDE = {"COLUMNS": "100"}


def _ok(result) -> str:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# ---------------------------------------------------------------- 1. "Product track track"


@pytest.mark.parametrize("kb", [QUILL, QUILL_EXTENDS])
@pytest.mark.parametrize(
    "args",
    [
        ["levels", "--tree"], ["next", "Q3"], ["next", "Q4"], ["path", "Q1", "Q5"], ["path", "Q1", "vp-product", "--full"],
        ["compare", "Q4", "group-product-manager"], ["tracks"], ["tracks", "product"], ["export"],
        ["next", "Q5", "--track", "people"], ["levels", "--tree", "--track", "people"],
    ],
)
def test_a_track_title_ending_in_track_is_not_doubled(run, kb, args):
    out = " ".join(_ok(run("--kb", kb, *args, env=WIDE)).split())
    assert "track track" not in out.lower()
    assert "People track" in out or "Product track" in out


def test_the_track_word_is_said_once_where_a_step_crosses(run):
    out = _ok(run("--kb", QUILL, "tracks", env=WIDE))
    assert "crosses from the Product track to the People track." in out
    out = _ok(run("--kb", QUILL, "next", "Q4", env=WIDE))
    assert "This step leaves the Product track for the People track." in out


def test_track_words_adds_track_only_where_missing():
    from pmpath.questions.queries import track_words

    assert track_words(["Individual contributor"]) == "Individual contributor track"
    assert track_words(["IC", "Manager"]) == "IC and Manager tracks"
    assert track_words(["Product track", "People track"]) == "Product track and People track"
    assert track_words(["Product Track", "People"]) == "Product and People tracks"


# ---------------------------------------------------------------- 2. which ways up a fork offers


def test_a_fork_says_which_way_each_step_goes(run):
    out = _ok(run("--kb", QUILL, "next", "Q4", env=WIDE))
    assert "2 ways up: one on the Product track, one switching to the People track." in out
    out = _ok(run("--kb", QUILL, "next", "Q3", env=WIDE))
    assert "2 ways up: one on the Product track, one on the People track." in out


def test_a_fork_of_four_tracks_names_each(run):
    out = _ok(run("--kb", str(FIXTURES / "four-tracks.yaml"), "next", "senior-pm", env={"COLUMNS": "200"}))
    assert ("4 ways up: one on the Individual contributor track, one on the People manager "
            "track, one on the Technical product track, one on the Design product track.") in out


# ---------------------------------------------------------------- 3-4. a route's time: never a partial sum as the total


def test_a_route_with_untimed_steps_says_how_many_give_no_time(run):
    out = _ok(run("--kb", QUILL, "path", "Q1", "Q5", env=WIDE))
    assert "4 steps, at least 1 year; 3 of 4 steps give no time." in out
    assert "in total" not in out


def test_other_routes_say_their_time_as_the_main_route_does(run):
    out = " ".join(_ok(run("--kb", QUILL, "path", "Q1", "vp-product", env=WIDE)).split())
    assert "5 steps, at least 1 year; 4 of 5 steps give no time." in out
    assert "director-of-product: 6 steps, at least 1 year; 5 of 6 steps give no time" in out
    assert "about not given" not in out


def test_a_route_with_no_time_at_all_says_years_not_given(run):
    out = " ".join(_ok(run("--kb", QUILL, "path", "Q3", "vp-product", env=WIDE)).split())
    assert "3 steps, years not given." in out
    assert "4 steps, years not given" in out


def test_route_time_text_words():
    from pmpath.views.navigate import route_time_text

    assert route_time_text(3, (5.0, 8.0), 0, 5.0) == "about 5-8 years in total"
    assert route_time_text(4, (1.0, None), 3, 1.0) == "at least 1 year; 3 of 4 steps give no time"
    assert route_time_text(2, (2.0, None), 1, 2.0) == "at least 2 years; 1 of 2 steps gives no time"
    assert route_time_text(6, None, 6, 0.0) == "years not given"


# ---------------------------------------------------------------- 5. no empty headings


def test_alternatives_on_a_ladder_with_none_says_so_under_no_empty_heading(run):
    out = _ok(run("--kb", QUILL, "alternatives", "Q5", env=WIDE))
    assert "Ways off the ladder, open to any PM" not in out
    assert "Ways off the ladder: none in this knowledge base (it lists no alternatives)." in out
    assert "Director of Product (director-of-product): the same band (5) on the people track" in out


def test_alternatives_on_a_ladder_that_takes_them_lists_them(run):
    out = _ok(run("--kb", QUILL_EXTENDS, "alternatives", "Q5", env=WIDE))
    assert "none in this knowledge base" not in out
    assert "Ways off the ladder, open to any PM" in out or "Open to any PM" in out


# ---------------------------------------------------------------- 6. a hint that brings only what is missing


@pytest.mark.parametrize(
    "command, take",
    [
        ("specializations", "take: [specializations]"),
        ("alternatives", "take: [alternatives]"),
        ("break-in", "take: [backgrounds, entry_routes, break_in_tips]"),
        ("resources", "take: [resources, future_skills]"),
    ],
)
def test_an_empty_section_suggests_taking_only_that_section(run, tmp_path, command, take):
    result = run("--kb", QUILL, command, env=WIDE)
    assert result.exit_code != 0 and result.stdout == ""
    assert f"'extends: builtin' with '{take}'" in result.stderr
    assert "Taking some of it" in result.stderr and "Traceback" not in result.stderr
    # The hint works: the ladder with that line answers, and keeps its own levels only.
    ladder = tmp_path / "ladder.yaml"
    text = (FIXTURES / "trial" / "quillmark.yaml").read_text(encoding="utf-8")
    ladder.write_text(text.replace("format: 1\n", f"format: 1\nextends: builtin\n{take}\n", 1), encoding="utf-8")
    assert run("--kb", str(ladder), command, env=WIDE).exit_code == 0
    levels = _ok(run("--kb", str(ladder), "levels", env=WIDE))
    assert "Lead Product Manager" in levels and "Staff Product Manager" not in levels


# ---------------------------------------------------------------- 7. a track's review note and rating descriptions


def test_tracks_side_by_side_shows_the_review_note_and_rating_descriptions(run):
    out = _ok(run("--kb", QUILL, "tracks", env=WIDE))
    assert "every quarter, on 1-3 focus areas." in out and "Each quarter the PM and their lead" in out
    assert "(Already working at the next" in out
    wide = _ok(run("--kb", QUILL, "tracks", env={"COLUMNS": "300"}))
    assert "every quarter, on 1-3 focus areas. Each quarter the PM and their lead agree 1-3 focus areas; the next review rates them." in wide
    assert "Ready for the next level (Already working at the next level's scope)" in wide


@pytest.mark.parametrize("width", ["100", "60"])
def test_one_track_shows_the_review_note_and_rating_descriptions(run, width):
    out = " ".join(_ok(run("--kb", QUILL, "tracks", "product", env={"COLUMNS": width})).split())
    assert out.startswith("The Product track ")
    assert "Each quarter the PM and their lead agree 1-3 focus areas; the next review rates them." in out
    assert "Ready for the next level: Already working at the next level's scope." in out
