"""The command line: the Typer app with every command registered.

Each module in :mod:`pmpath.commands` adds its commands to the app when imported.
"""

from .app import app
from .commands import kb, ladder  # noqa: F401  (register validate, schema, init; levels, show, next)

__all__ = ["app"]
