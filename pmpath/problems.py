"""Problems a user can fix, carrying the message, hints and exit code the CLI shows.

Pure modules (the profile, the quiz, the plan) raise :class:`Problem`; the CLI's
error handler prints it as ``pmpath: error: message`` with the hints below it and
exits with ``status``. Nothing here imports a terminal library.
"""

from __future__ import annotations

from .status import ExitStatus


class Problem(Exception):
    """A problem the user can act on: what is wrong, what to do, and the exit code."""

    def __init__(self, message: str, hints: list[str] | None = None, status: int = ExitStatus.NOT_FOUND):
        super().__init__(message)
        self.message = message
        self.hints = list(hints or [])
        self.status = int(status)


class UsageProblem(Problem):
    """A bad value on the command line or in an answers file (exit 2)."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message, hints, ExitStatus.USAGE)
