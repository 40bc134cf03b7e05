"""One question at a time: what the prompts accept, going back, stopping."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pmpath.cli import interactive
from pmpath.questions.assessment import questionnaire
from pmpath.cli.usage import CommandProblem
from pmpath.questions.queries import get_level, resolve
from pmpath.cli.status import ExitStatus

from tests.conftest import MINI, PERSONAL


def typing(monkeypatch, *lines: str):
    """Feed the prompts these lines, then end the input."""
    pending = list(lines)

    def fake_input(prompt: str = "") -> str:
        if not pending:
            raise EOFError
        value = pending.pop(0)
        if value == "^C":
            raise KeyboardInterrupt
        return value

    monkeypatch.setattr("builtins.input", fake_input)


@pytest.fixture
def console():
    return Console(file=io.StringIO(), width=80, color_system=None, force_terminal=False)


@pytest.fixture
def form(mini_kb):
    return questionnaire(mini_kb, get_level(mini_kb, "junior"), resolve(mini_kb, "expert"))


def test_scores_in_order(monkeypatch, console, form):
    typing(monkeypatch, "3", "2", "1", "0", "3")
    assert interactive.ask_scores(console, form) == [3, 2, 1, 0, 3]
    shown = console.file.getvalue()
    assert "1/5 · promotion criterion" in shown and "5/5 · skill" in shown


def test_a_bad_score_is_asked_again(monkeypatch, console, form):
    typing(monkeypatch, "4", "x", "", "2", "1", "1", "1", "1")
    assert interactive.ask_scores(console, form) == [2, 1, 1, 1, 1]
    assert console.file.getvalue().count("Please select one of the available options") == 3


def test_back_changes_the_previous_score(monkeypatch, console, form):
    typing(monkeypatch, "3", "2", "b", "b", "0", "1", "2", "3", "3")
    assert interactive.ask_scores(console, form) == [0, 1, 2, 3, 3]


def test_there_is_no_back_at_the_first_item(monkeypatch, console, form):
    typing(monkeypatch, "b", "1", "1", "1", "1", "1")
    assert interactive.ask_scores(console, form) == [1, 1, 1, 1, 1]
    assert "Please select one of the available options" in console.file.getvalue()


@pytest.mark.parametrize(
    ("lines", "message"),
    [(("3", "2"), "input ended before the last question; nothing was saved"),
     (("3", "^C"), "interrupted; nothing was saved")],
)
def test_stopping_early_is_a_problem_with_exit_130(monkeypatch, console, form, lines, message):
    typing(monkeypatch, *lines)
    with pytest.raises(CommandProblem) as caught:
        interactive.ask_scores(console, form)
    assert caught.value.message == message and caught.value.status == ExitStatus.INTERRUPTED


def test_quiz_answers_by_id(monkeypatch, console):
    from pmpath.kb.loader import check

    kb, found = check([MINI, PERSONAL / "quiz.yaml"])
    assert found == []
    typing(monkeypatch, "z", "c", "b")
    assert interactive.ask_quiz(console, kb) == {"enjoy-most": "c", "good-at": "b"}
    assert "2/2 · what you are good at" in console.file.getvalue()


def test_not_interactive_in_tests():
    assert interactive.is_interactive() is False
