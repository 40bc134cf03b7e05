"""Which files a knowledge base is, and how its problems are reported.

The part of loading that every command needs, even one answered from the cache
(:mod:`pmpath.kb.cache` keys its entries on these files): finding the files of a
knowledge-base path, and the error that says why there are none. It imports
neither YAML nor pydantic; :mod:`pmpath.kb.loader` does the reading.
"""

from __future__ import annotations

import errno

from typing import NamedTuple
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


class Diagnostic(NamedTuple):
    """One problem in a knowledge base, located as precisely as possible."""

    file: str | None
    line: int | None
    column: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = self.file or "<knowledge base>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = f" {self.where}:" if self.where else ""
        return f"{place}:{where} {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base could not be loaded; ``diagnostics`` says why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


def builtin_data_dir() -> Path:
    """Where the built-in knowledge base lives: inside the wheel, or data/ in a checkout."""
    packaged = Path(__file__).with_name("_data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def kb_files(path: Path) -> list[Path]:
    """The YAML files a knowledge-base path stands for: the file, or a directory's *.yaml."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
        if not files:
            raise KnowledgeBaseError(
                [Diagnostic(str(path), None, None, "", "directory holds no .yaml or .yml files")]
            )
        return files
    if path.is_file():
        return [path]
    if path.exists():
        message = "is not a regular file or directory"
    else:
        message = "no such file or directory"
    raise KnowledgeBaseError([Diagnostic(str(path), None, None, "", message)])


def target(path: Path | str | None) -> Path:
    """The path a knowledge base is read from: ``path`` (``~`` expanded), else the built-in one."""
    return Path(path).expanduser() if path is not None else builtin_data_dir()


def input_files(path: Path | str | None = None) -> list[Path]:
    """Every file that :func:`pmpath.kb.loader.load` reads for ``path``, in reading order.

    A cache (:mod:`pmpath.kb.cache`) keys its entries on these files' identity, so
    whatever :func:`load` reads must be listed here. Raises KnowledgeBaseError,
    as loading would, when the path holds no knowledge base.
    """
    return kb_files(target(path))


WRITE_FAILURES = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))
"""Errors of the disk or device being written (full, over quota, too large, failing), not of the path given."""


def write_failed(error: BaseException) -> bool:
    """Whether ``error`` says the disk or device failed a write (exit 6) rather than the path being wrong."""
    return isinstance(error, OSError) and error.errno in WRITE_FAILURES
