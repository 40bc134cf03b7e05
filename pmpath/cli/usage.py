"""The command line's own problems: a message, hints that name commands, and an exit code.

Commands raise :class:`CommandProblem` for what only the command line knows (an option combination,
an output that could not be written, input that ended); :func:`pmpath.cli.main.handles_errors`
prints it as ``pmpath: error: message`` with the hints below it and exits with ``status``.
The questions never raise these: they raise :mod:`pmpath.questions.problems`, which
:mod:`pmpath.cli.errors` explains.
"""

from __future__ import annotations

from ..files import WRITE_FAILURES, write_failed  # noqa: F401  (re-exported for the commands)
from ..questions.problems import Problem
from .status import ExitStatus


class CommandProblem(Problem):
    """A problem the user can act on, already in words: what is wrong, what to do, and the exit code.

    One kind of :class:`pmpath.questions.problems.Problem` (the one base of every problem a user
    can cause), so :mod:`pmpath.cli.errors` explains it with the others: as it is.
    """

    def __init__(self, message: str, hints: list[str] | None = None, status: int = ExitStatus.NOT_FOUND):
        super().__init__(message)
        self.hints = list(hints or [])
        self.status = int(status)


class UsageProblem(CommandProblem):
    """A bad value on the command line or in an answers file (exit 2)."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message, hints, ExitStatus.USAGE)


class OutputProblem(CommandProblem):
    """The answer could not be written: a full disk, an I/O error (exit 6)."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message, hints, ExitStatus.OUTPUT)
