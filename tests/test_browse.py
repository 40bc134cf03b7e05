"""pmpath browse: the full-screen browser, driven headless with Textual's pilot, and its snapshots.

Each test presses keys as a person would and reads what the screen shows: the pane holds the
same views as the commands (so the words checked are the commands' words).
"""

from __future__ import annotations

import asyncio
import io
import functools
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
LANTERNFISH = ROOT / "examples" / "lanternfish-labs.yaml"
MARKUP = Path(__file__).parent / "fixtures" / "markup"


@functools.lru_cache(maxsize=None)
def load(path=None):
    """A knowledge base read once for the whole module (the browser never changes it)."""
    from pmpath.kb.loader import load as read

    return read(path)


def browser(kb=None, **options):
    from pmpath.browse.app import Browser

    return Browser(kb if kb is not None else load(), **options)


def pane_text(app) -> str:
    """The pane's words as the screen shows them at the pane's width, with line breaks and runs of spaces as one space."""
    from rich.console import Console

    view = app.query_one("#view")
    console = Console(width=max(20, view.content_region.width), file=io.StringIO(), record=True, color_system=None,
                      markup=False)
    console.print(view.content)
    return " ".join(console.export_text().split())


@pytest.fixture
def run_cli(run):
    """The real command line (conftest's ``run``), named apart from :func:`drive`."""
    return run


def status(app) -> str:
    return str(app.query_one("#status").content)


@functools.lru_cache(maxsize=None)
def tree_labels_of_the_builtin_ladder() -> tuple:
    return tuple(drive(browser(), check=tree_labels))


def tree_labels(app) -> list[str]:
    """The ladder's lines, top to bottom (expanded nodes only, as on screen)."""
    out, stack = [], list(reversed(app.query_one("#ladder").root.children))
    while stack:
        node = stack.pop()
        out.append(str(node.label))
        if node.is_expanded:
            stack.extend(reversed(node.children))
    return out


def footer_keys(app) -> set[str]:
    """The keys the footer offers."""
    return {binding.key for _, binding, enabled, _ in app.active_bindings.values() if binding.show and enabled}


def steps(app, *pairs, size=(120, 40)):
    """One session: for each ``(keys, check)``, press the keys, then record ``check(app)``."""
    async def go():
        seen = []
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for keys, check in pairs:
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
                seen.append(check(app))
        return seen

    return asyncio.run(go())


def both(app):
    return status(app), pane_text(app)


def drive(app, keys=(), size=(120, 40), check=None):
    """Start ``app`` headless, press ``keys`` one by one, then call ``check(app)`` while it runs."""
    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            return check(app) if check else None

    return asyncio.run(go())



# ---------------------------------------------------------------- the ladder and the card


def test_it_opens_on_the_ladder_with_both_tracks_and_the_first_card():
    def check(app):
        labels = tree_labels(app)
        assert labels[0] == "Ladder" and "1 Associate Product Manager" in labels
        assert "Individual contributor" in labels and "People manager" in labels  # the fork, both tracks
        assert labels.index("4 Staff Product Manager") > labels.index("Individual contributor")
        assert "Specializations" in labels and "Growth Product Manager" in labels
        shown = pane_text(app)
        assert "Associate Product Manager" in shown and "apm · level, band 1" in shown
        assert "short card" in status(app)

    drive(browser(), check=check)


def test_arrow_keys_move_the_card_and_enter_opens_the_full_one():
    def check(app):
        assert "Senior Product Manager" in status(app)
        full = pane_text(app)
        assert "full card" in status(app)
        assert len(full) > 0 and "senior-pm" in full
        return full

    full = drive(browser(), ["down", "down", "enter"], check=check)
    assert "Responsibilities" in full


def test_f_toggles_between_the_short_and_the_full_card():
    (full_status, full), (short_status, short) = steps(browser(), (["down", "f"], both), (["f"], both))
    assert "short card" in short_status and "full card" in full_status
    assert len(full) > len(short)


def test_next_steps_follow_the_cursor_and_t_chooses_a_track():
    seen = steps(browser(), (["down", "n"], both), (["down"], both), (["t"], both), (["t"], both), (["t"], both))
    state, shown = seen[0]
    assert "next steps" in state and "Next from Product Manager (pm)" in shown
    state, shown = seen[1]  # the cursor moves: the same answer, for the next role
    assert "next steps" in state and "Next from Senior Product Manager (senior-pm)" in shown
    assert "2 ways up" in shown  # both tracks at the fork
    state, shown = seen[2]
    assert "track: ic" in state and "on the Individual contributor track" in shown
    state, shown = seen[3]
    assert "track: manager" in state and "Group Product Manager" in shown
    state, shown = seen[4]
    assert "track: both" in state and "2 ways up" in shown


# ---------------------------------------------------------------- picking a second role


def test_c_then_a_role_picked_in_the_ladder_compares_the_two():
    (_, picking), (state, shown) = steps(browser(), (["down", "down", "c"], both),
                                         (["down", "down", "down", "enter"], both))
    assert "Pick a role" in picking and "Compare Senior Product Manager" in picking
    assert "comparison" in state
    assert "Compare Senior Product Manager (senior-pm) with Principal Product Manager (principal-pm)" in shown


def test_the_mouse_picks_too():
    """A click on a role in the ladder: its full card; after c, the role to compare with."""
    async def go():
        app = browser()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.click("#ladder", offset=(6, 2))  # line 2: Product Manager
            await pilot.pause()
            first = both(app)
            await pilot.press("c")
            await pilot.click("#ladder", offset=(6, 3))  # line 3: Senior Product Manager
            await pilot.pause()
            return first, both(app)

    (state, _), (_, shown) = asyncio.run(go())
    assert "full card" in state and "Product Manager" in state
    assert "Compare Product Manager (pm) with Senior Product Manager (senior-pm)" in shown


def test_p_then_a_target_picked_in_the_ladder_shows_the_route():
    def check(app):
        return pane_text(app)

    shown = drive(browser(), ["p", "down", "down", "enter"], check=check)
    assert "Route: Associate Product Manager (apm) → Senior Product Manager (senior-pm)" in shown


def test_escape_cancels_a_pick():
    def check(app):
        return status(app), pane_text(app)

    state, shown = drive(browser(), ["c", "escape", "down", "enter"], check=check)
    assert "Pick a role" not in shown and "full card" in state  # Enter opened a card, it picked nothing


def test_a_route_with_no_answer_is_said_in_the_pane_not_a_crash():
    def check(app):
        return pane_text(app)

    shown = drive(browser(), ["down", "down", "p", "up", "up", "enter"], check=check)  # from senior-pm down to apm
    assert "Senior Product Manager" in shown and "Traceback" not in shown


# ---------------------------------------------------------------- search, catalogues, quiz


def test_search_as_you_type_and_enter_opens_the_first_role():
    (state, shown), (state_after, _) = steps(browser(), (["slash", *"a/b testing"], both), (["enter"], both))
    assert "search" in state and "matches for 'a/b testing'" in shown and "Growth Product Manager" in shown
    state = state_after
    assert state.startswith("short card") and "Growth Product Manager" in state


def test_typing_q_in_the_search_searches_it_does_not_quit():
    def check(app):
        return app.is_running, app.query_one("#search").value

    assert drive(browser(), ["slash", "q", "f"], check=check) == (True, "qf")


def test_s_lists_the_specializations_and_r_the_resources_of_the_role_under_the_cursor():
    def check(app):
        return pane_text(app)

    labels = tree_labels_of_the_builtin_ladder()
    growth = labels.index("Growth Product Manager") - 1  # moves from the first level to that line
    catalogue, shown = steps(browser(), (["s"], check), (["down"] * growth + ["r"], check))
    assert "Growth Product Manager" in catalogue and "Platform Product Manager" in catalogue
    assert "Learning resources for Growth Product Manager (growth-pm)" in shown


def test_resources_for_a_role_with_none_linked_says_so_and_lists_them_all():
    def check(app):
        return pane_text(app)

    technical = tree_labels_of_the_builtin_ladder().index("Technical Product Manager") - 1
    shown = drive(browser(), ["down"] * technical + ["r"], check=check)
    assert "no resource or future-proof skill in the knowledge base is linked to Technical Product Manager" in shown


def test_the_quiz_asks_every_question_and_ranks_the_specializations():
    kb = load()

    def check(app):
        return status(app), pane_text(app)

    answers = [question.options[0].id for question in kb.quiz]
    state, shown = drive(browser(kb), ["z", *answers], check=check)
    assert "quiz result" in state and "Specializations your answers match" in shown and "% match" in shown


def test_escape_stops_the_quiz_and_nothing_changes():
    def check(app):
        return status(app), app.screen.id if app.screen.id else type(app.screen).__name__

    state, screen = drive(browser(), ["z", "a", "escape"], check=check)
    assert "short card" in state and screen != "QuizScreen"


def test_question_mark_lists_the_keys():
    def check(app):
        return pane_text(app)

    shown = drive(browser(), ["question_mark"], check=check)
    for words in ("Keys", "compare with a role you then pick", "search as you type", "quit"):
        assert words in shown


# ---------------------------------------------------------------- your profile


def _me(kb, role="senior-pm", track="ic"):
    from pmpath.questions.profile import Profile, resolve_profile

    return resolve_profile(kb, Profile(role=role, track=track))


def test_with_a_profile_your_level_is_marked_and_g_shows_your_gap():
    kb = load()

    def check(app):
        return tree_labels(app), status(app), pane_text(app), footer_keys(app)

    labels, state, shown, keys = drive(browser(kb, me=_me(kb)), ["g"], check=check)
    assert "3 ★ Senior Product Manager (you)" in labels
    assert "your gap" in state and "Staff Product Manager" in shown
    assert "g" in keys


def test_next_steps_start_on_your_track():
    kb = load()

    def check(app):
        return status(app), pane_text(app)

    state, shown = drive(browser(kb, me=_me(kb, "senior-pm", "ic")), ["n"], check=check)
    assert "track: ic" in state and "on the Individual contributor track" in shown


def test_without_a_profile_g_is_not_offered():
    def check(app):
        return footer_keys(app), status(app)

    keys, state = drive(browser(), ["g"], check=check)
    assert "g" not in keys and "n" in keys
    assert "short card" in state  # g did nothing


def test_the_browser_opens_on_your_level():
    kb = load()
    assert "Group Product Manager" in drive(browser(kb, me=_me(kb, "group-pm", "manager")), check=status)


# ---------------------------------------------------------------- any ladder, any text


def test_a_company_ladder_from_kb():
    kb = load(LANTERNFISH)

    def check(app):
        return tree_labels(app), pane_text(app)

    labels, shown = drive(browser(kb), check=check)
    titles = [level.title for level in kb.levels]
    assert any(titles[0] in label for label in labels)
    assert titles[0] in shown
    assert any(label.endswith("Lead Product Manager · Lead") for label in labels)  # the grade, where a ladder has them
    assert any(label.endswith("Product Lead · Lead") for label in labels)  # its peer on the other track


def test_knowledge_base_text_is_shown_literally_never_as_markup():
    kb = load(MARKUP)

    def check(app):
        return tree_labels(app), pane_text(app)

    labels, shown = drive(browser(kb), ["f"], check=check)
    assert any("[" in label for label in labels)  # the title's brackets are text, not a style
    assert "[" in shown


# ---------------------------------------------------------------- manners


def test_below_80x24_it_says_so_instead_of_a_broken_layout():
    def check(app):
        return app.query_one("#too-small").display, app.query_one("#main").display, str(app.query_one("#too-small").content)

    message_shown, main_shown, words = drive(browser(), size=(70, 20), check=check)
    assert message_shown and not main_shown
    assert "at least 80x24" in words and "70x20" in words
    message_shown, main_shown, _ = drive(browser(), size=(80, 24), check=check)
    assert main_shown and not message_shown


def test_it_mends_itself_when_the_terminal_grows():
    async def go():
        app = browser()
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            small = app.query_one("#main").display
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            return small, app.query_one("#main").display

    assert asyncio.run(go()) == (False, True)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
def test_q_and_ctrl_c_quit(key):
    async def go():
        app = browser()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            return app.is_running

    assert asyncio.run(go()) is False


def test_when_stdout_is_not_a_terminal_it_does_not_start_and_names_the_commands(run_cli):
    result = run_cli("browse")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not a terminal" in result.stderr
    for command in ("pmpath levels", "pmpath show ROLE", "pmpath next ROLE", "pmpath compare A B"):
        assert command in result.stderr
    assert "Traceback" not in result.stderr


def _started(monkeypatch):
    """Pretend to be in a terminal; record the browser the command would run instead of running it."""
    from pmpath.browse.app import Browser
    from pmpath.cli import interactive

    started = []
    monkeypatch.setattr(interactive, "is_interactive", lambda: True)
    monkeypatch.setattr(Browser, "run", lambda self, *a, **k: started.append(self))
    return started


@pytest.mark.parametrize("args, env", [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})])
def test_no_color_and_no_color_option_are_respected(monkeypatch, run_cli, args, env):
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    started = _started(monkeypatch)
    assert run_cli(*args, "browse").exit_code == 0
    assert started and started[0].no_color


def test_colour_when_nothing_forbids_it(monkeypatch, run_cli):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    started = _started(monkeypatch)
    assert run_cli("browse").exit_code == 0
    assert not started[0].no_color


def test_the_command_reads_kb_and_the_profile(monkeypatch, run_cli):
    started = _started(monkeypatch)
    assert run_cli("profile", "set", "--role", "pm").exit_code == 0
    assert run_cli("browse").exit_code == 0
    assert started[0].me is not None and started[0].me.level.id == "pm"
    started.clear()
    assert run_cli("--kb", str(LANTERNFISH), "browse").exit_code == 0  # your level is not in that ladder
    assert started[0].me is None and "profile not used" in started[0].note
    assert {level.id for level in started[0].kb.levels} != {"pm"}


def test_a_broken_profile_does_not_stop_the_browser(monkeypatch, run_cli, tmp_path):
    started = _started(monkeypatch)
    home = tmp_path / "pmpath-home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.yaml").write_text("role: [unclosed\n")
    assert run_cli("browse").exit_code == 0
    assert started[0].me is None and "profile not read" in started[0].note


def test_a_broken_knowledge_base_is_reported_before_the_screen_opens(monkeypatch, run_cli):
    started = _started(monkeypatch)
    result = run_cli("--kb", str(Path(__file__).parent / "fixtures" / "bad"), "browse")
    assert result.exit_code == 3 and not started


# ---------------------------------------------------------------- snapshots


@pytest.fixture
def colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_snapshot_80x24(snap_compare, colour):
    assert snap_compare(browser(), terminal_size=(80, 24))


def test_snapshot_120x40_next_steps(snap_compare, colour):
    assert snap_compare(browser(), press=["down", "down", "n"], terminal_size=(120, 40))
