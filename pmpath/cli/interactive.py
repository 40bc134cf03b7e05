"""Questions asked one by one on a terminal (Rich prompts), for ``assess`` and ``quiz``.

Only used when both stdin and stdout are terminals; scripts and tests pass
answers with flags or an answers file instead. Nothing is saved until every
question is answered: Ctrl-C or the end of input stops without a trace.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from .usage import CommandProblem
from .status import ExitStatus

BACK = "b"


def is_interactive() -> bool:
    """True when a person can answer: stdin and stdout are both terminals."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def _stoppable(console: Console):
    """Ctrl-C or the end of input while asking: a message saying nothing was saved, exit 130."""
    try:
        yield
    except EOFError:
        console.print()
        raise CommandProblem("input ended before the last question; nothing was saved",
                      status=ExitStatus.INTERRUPTED) from None
    except KeyboardInterrupt:
        console.print()
        raise CommandProblem("interrupted; nothing was saved", status=ExitStatus.INTERRUPTED) from None


def _ask(console: Console, label: str, choices: list[str]) -> str:
    return Prompt.ask(Text(label, style="bold"), choices=choices, console=console)


def ask_scores(console: Console, form) -> list[int]:
    """One score per item of a :class:`~pmpath.questions.assessment.Questionnaire`; ``b`` goes back one item."""
    from ..views.personal import item_question, questionnaire_header
    from ..writers.terminal import render

    scores: list[int] = []
    with _stoppable(console):
        console.print(render(questionnaire_header(form)))
        console.print(Text(f"Type a score and Enter; '{BACK}' goes back one item; Ctrl-C stops without saving.",
                           style="dim"))
        while len(scores) < len(form.items):
            console.print()
            console.print(render(item_question(form, len(scores) + 1)))
            choices = ["0", "1", "2", "3"] + ([BACK] if scores else [])
            answer = _ask(console, "Score", choices)
            if answer == BACK:
                scores.pop()
            else:
                scores.append(int(answer))
    return scores


def ask_quiz(console: Console, kb) -> dict[str, str]:
    """One answer per quiz question."""
    from ..views.personal import quiz_intro, quiz_question
    from ..writers.terminal import render

    answers: dict[str, str] = {}
    with _stoppable(console):
        console.print(render(quiz_intro(kb)))
        for number, question in enumerate(kb.quiz, 1):
            console.print()
            console.print(render(quiz_question(question, number, len(kb.quiz))))
            answers[question.id] = _ask(console, "Answer", [option.id for option in question.options])
        console.print()
    return answers
