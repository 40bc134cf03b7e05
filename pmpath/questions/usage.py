"""Problems a user can fix, carrying the message, hints and exit code the CLI shows.

Pure modules (the profile, the quiz, the plan) raise :class:`Problem`; the CLI's
error handler prints it as ``pmpath: error: message`` with the hints below it and
exits with ``status``. Nothing here imports a terminal library.
"""

from __future__ import annotations

import errno

from ..cli.status import ExitStatus

WRITE_FAILURES = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))
"""Errors of the disk or device being written (full, over quota, too large, failing), not of the path given."""


def write_failed(error: BaseException) -> bool:
    """Whether ``error`` says the disk or device failed a write (exit 6) rather than the path being wrong."""
    return isinstance(error, OSError) and error.errno in WRITE_FAILURES


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


class OutputProblem(Problem):
    """The answer could not be written: a full disk, an I/O error (exit 6)."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message, hints, ExitStatus.OUTPUT)
