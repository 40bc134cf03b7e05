"""The global options of one run (--kb, --no-cache, --no-color, --pager), kept with Typer's context.

The app's callback (:func:`pmpath.cli.main.main_options`) stores them as the root context's
``obj`` and makes them current for as long as that context lives (:func:`start`: they are
dropped when it closes, so one run never leaks into the next, as with ``CliRunner``).
Whatever runs inside a command reads them with :func:`current`; outside a command (a library
call, a test) the defaults apply. Typer has no public way to ask for the current context,
hence the context variable beside ``ctx.obj``.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Settings:
    kb: Optional[str] = None
    """The knowledge base chosen with --kb or PMPATH_KB; None for the built-in one."""
    cache: bool = True
    """False when --no-cache was given."""
    no_color: bool = False
    pager: Optional[bool] = None
    """--pager (True), --no-pager (False), or neither (None: page when the output does not fit)."""


_CURRENT: ContextVar[Settings] = ContextVar("pmpath_settings", default=Settings())


def start(ctx: Any, settings: Settings) -> None:
    """Make ``settings`` the run's own: ``ctx.obj``, and current until ``ctx`` closes."""
    ctx.obj = settings
    token = _CURRENT.set(settings)
    ctx.call_on_close(lambda: _CURRENT.reset(token))


def current() -> Settings:
    """The settings of the command that is running, else the defaults."""
    return _CURRENT.get()
