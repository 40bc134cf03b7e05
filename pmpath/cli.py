"""The command line: the Typer app with every command registered.

Each module in :mod:`pmpath.commands` adds its commands to the app when imported.
"""

from .app import app
from .commands import catalogue, kb, ladder, navigate, personal  # noqa: F401  (each registers its commands)
from .commands import export  # noqa: F401  (registers export)

__all__ = ["app"]
