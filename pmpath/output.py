"""Consoles and the way messages reach the terminal.

Rich decides colour from the environment: none when stdout is not a terminal,
with ``NO_COLOR`` or ``TERM=dumb``, and ``FORCE_COLOR`` forces it. Knowledge-base
text is passed as :class:`rich.text.Text`, so markup and emoji codes in it are
never interpreted; the consoles themselves also have markup and highlighting off.
"""

from __future__ import annotations

import os
import re
import sys

from rich.console import Console, RenderableType
from rich.text import Text

PROG = "pmpath"


def make_console(stderr: bool = False) -> Console:
    width = None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = max(20, min(int(columns), 1000))
    return Console(
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
        soft_wrap=False,
    )


def print_renderable(renderable: RenderableType) -> None:
    make_console().print(renderable)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with control characters (and undecodable bytes of file names) shown as escapes."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def error(message: str, hints: list[str] | None = None) -> None:
    """``pmpath: error: message`` on stderr, then indented hints."""
    console = make_console(stderr=True)
    line = Text(f"{PROG}: ", style="bold")
    line.append("error: ", style="bold red")
    line.append(printable(message))
    console.print(line, soft_wrap=True)
    for hint in hints or []:
        console.print(Text("  " + printable(hint)), soft_wrap=True)


def lines_to_stderr(lines: list[str]) -> None:
    """Plain lines on stderr, one each, never wrapped (e.g. ``FILE:LINE:COLUMN: ...``)."""
    console = make_console(stderr=True)
    for line in lines:
        console.print(Text(printable(line)), soft_wrap=True)


def plain_error(message: str) -> None:
    """An error line for when even Rich may be unavailable (last-resort handler)."""
    sys.stderr.write(f"{PROG}: error: {message}\n")


def plain_line(text: str) -> None:
    """``text`` on stdout as it is (no markup, no wrapping), control characters escaped."""
    sys.stdout.write(printable(text) + "\n")
