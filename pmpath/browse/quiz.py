"""The specialization quiz in the browser: the questions of ``pmpath quiz``, one screen each."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..writers.screen import literal, pane


class QuizScreen(ModalScreen):
    """Asks every quiz question; dismissed with ``{question id: answer id}``, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+c", "app.quit", "Quit", show=False, priority=True)]

    def __init__(self, kb: Any) -> None:
        super().__init__()
        self.kb = kb
        self.answers: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz"):
            yield Static(id="quiz-question")
            yield OptionList(id="quiz-options")
            yield Static(literal("↑ ↓ and Enter, a click, or the answer's letter; Esc stops (nothing is kept)."),
                         id="quiz-hint")

    def on_mount(self) -> None:
        self._ask()

    def _ask(self) -> None:
        from ..views.personal import quiz_question

        questions = self.kb.quiz
        number = len(self.answers)
        question = questions[number]
        self.query_one("#quiz-question", Static).update(pane(quiz_question(question, number + 1, len(questions), answers=False)))
        options = self.query_one("#quiz-options", OptionList)
        options.clear_options()
        options.add_options([Option(literal(f"{o.id}  {o.text}"), id=o.id) for o in question.options])
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._answer(event.option.id)

    def _answer(self, option_id: str) -> None:
        question = self.kb.quiz[len(self.answers)]
        self.answers[question.id] = option_id
        if len(self.answers) == len(self.kb.quiz):
            self.dismiss(dict(self.answers))
        else:
            self._ask()

    def on_key(self, event) -> None:
        """An answer's id (a, b, ...) answers at once, as at ``pmpath quiz``'s prompt."""
        question = self.kb.quiz[len(self.answers)]
        if any(option.id == event.character for option in question.options):
            event.stop()
            self._answer(event.character)

    def action_cancel(self) -> None:
        self.dismiss(None)
