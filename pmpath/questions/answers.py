"""Answers files for ``pmpath assess --answers`` and ``pmpath quiz --answers``.

An answers file is a YAML mapping read with the knowledge base's loader, so it
gets the same safety checks and ``FILE:LINE:COLUMN`` messages. Problems with it
are :class:`~pmpath.questions.problems.BadInput`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import BadInput
from ..text import shown


@dataclass(frozen=True)
class AnswersFile:
    """The mapping an answers file holds, and where each key is."""

    path: str
    data: dict
    positions: dict

    def locate(self, key) -> str:
        """``FILE:LINE:COLUMN`` of a top-level key, or the file name for None or an unknown key."""
        position = self.positions.get((key,)) if key is not None else None
        return f"{shown(self.path)}:{position[0]}:{position[1]}" if position else shown(self.path)


def read(path: str, example: str) -> AnswersFile:
    """Read an answers file; ``example`` is a first line such a file could have (for messages)."""
    from ..kb.loader import KnowledgeBaseError, parse_file

    try:
        parsed = parse_file(Path(path).expanduser(), kind="an answers file", start=example)
    except KnowledgeBaseError as error:
        raise BadInput("the answers file cannot be read:", topic="answers-file", details=[str(d) for d in error.diagnostics]) from None
    return AnswersFile(parsed.path, parsed.data, parsed.positions)
