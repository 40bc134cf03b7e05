"""Where output goes and how it should look there: terminal, colour, pager.

Like httpie's ``Environment``: one small object that knows whether stdout and
stdin are terminals, what the user asked for (``--no-color``, ``--pager`` /
``--no-pager``) and what the environment says (``NO_COLOR``, ``FORCE_COLOR``,
``TERM``, ``PAGER``). The decisions live here, as plain functions of that
object, so they can be tested without a terminal. Standard library only: the
app's global options set it before any heavy module is imported.

The rules (https://clig.dev and https://no-color.org):

* colour only when stdout is a terminal, unless ``FORCE_COLOR`` is set (to
  anything but an empty string);
* no colour with ``--no-color`` or ``NO_COLOR`` (non-empty), whatever else is
  set; and no escape codes at all with ``TERM=dumb``;
* page long output only when stdout *and* stdin are terminals; ``--no-pager``
  never pages, ``--pager`` pages whenever those are terminals, the default
  pages when the output is taller than the terminal; ``PAGER`` names the pager
  (``less`` otherwise, with ``LESS=FRX`` unless ``LESS`` is set); an empty
  ``PAGER`` or ``PAGER=cat`` turns paging off.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass, field, replace
from typing import Mapping, Optional, TextIO


@dataclass(frozen=True)
class Environment:
    """The facts that decide how output is written."""

    stdout_isatty: bool
    stdin_isatty: bool
    env: Mapping[str, str] = field(default_factory=dict)
    no_color: bool = False  # --no-color
    pager: Optional[bool] = None  # --pager (True), --no-pager (False), neither (None)

    @classmethod
    def detect(cls, stdout: Optional[TextIO] = None, stdin: Optional[TextIO] = None) -> "Environment":
        return cls(
            stdout_isatty=_isatty(stdout or sys.stdout),
            stdin_isatty=_isatty(stdin or sys.stdin),
            env=dict(os.environ),
        )

    # ------------------------------------------------------------ colour

    @property
    def dumb_terminal(self) -> bool:
        return self.env.get("TERM", "").lower() in ("dumb", "unknown")

    @property
    def colour_forbidden(self) -> bool:
        return self.no_color or bool(self.env.get("NO_COLOR")) or self.dumb_terminal

    @property
    def colour_forced(self) -> bool:
        return bool(self.env.get("FORCE_COLOR"))

    @property
    def colour(self) -> bool:
        """Whether to write colour and style escape codes to stdout."""
        if self.colour_forbidden:
            return False
        return self.colour_forced or self.stdout_isatty

    # ------------------------------------------------------------ width

    @property
    def columns(self) -> Optional[int]:
        """The width asked for with ``COLUMNS``, kept within 20..1000; None to ask the terminal."""
        value = self.env.get("COLUMNS", "").strip()
        if value.isdigit() and int(value) > 0:
            return max(20, min(int(value), 1000))
        return None

    # ------------------------------------------------------------ pager

    @property
    def interactive(self) -> bool:
        return self.stdout_isatty and self.stdin_isatty

    def pager_command(self) -> Optional[list[str]]:
        """The pager to run, as an argument list, or None when paging is off."""
        if "PAGER" in self.env:
            value = self.env["PAGER"].strip()
            if not value or value == "cat":
                return None
            try:
                return shlex.split(value) or None
            except ValueError:  # an unbalanced quote: use it as a plain program name
                return [value]
        return ["less"]

    def pager_environment(self) -> dict[str, str]:
        env = dict(self.env)
        env.setdefault("LESS", "FRX")  # quit if it fits, keep colours, do not clear the screen
        env.setdefault("LV", "-c")
        return env

    def should_page(self, lines: int, height: Optional[int]) -> bool:
        """Whether ``lines`` lines of output go through the pager."""
        if self.pager is False or not self.interactive or self.pager_command() is None:
            return False
        if self.pager is True:
            return True
        return height is not None and lines > max(height - 1, 1)

    def with_options(self, no_color: bool = False, pager: Optional[bool] = None) -> "Environment":
        return replace(self, no_color=no_color, pager=pager)


def _isatty(stream: Optional[TextIO]) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def current() -> Environment:
    """The environment of this run: the streams as they are now, plus the global options."""
    from . import settings

    chosen = settings.current()
    return Environment.detect().with_options(no_color=chosen.no_color, pager=chosen.pager)
