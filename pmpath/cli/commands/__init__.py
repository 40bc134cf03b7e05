"""pmpath's commands, one module per group; importing this package registers every one on ``app``."""

from ..main import app
from . import browse, catalogue, export, kb, ladder, map, navigate, personal  # noqa: F401  (each registers its commands)

__all__ = ["app"]
