"""Which files a knowledge base is, and how its problems are reported.

The part of loading that every command needs, even one answered from the cache
(:mod:`pmpath.kb.cache` keys its entries on these files): finding the files of a
knowledge-base path, and the error that says why there are none. It imports
neither YAML nor pydantic; :mod:`pmpath.kb.loader` does the reading.
"""

from __future__ import annotations

import errno
import os

from typing import NamedTuple
from pathlib import Path
from typing import NamedTuple

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


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a directory: pmpath reads only regular files."""


def kind_of(mode: int) -> str:
    """``a FIFO (named pipe)``, ``a character device``...: what a non-regular file is, for messages."""
    import stat

    for test, name in (
        (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """Up to ``limit`` + 1 bytes of the regular file at ``path``: never blocks, never reads a device.

    The file is opened without blocking (a FIFO with no writer would otherwise wait for
    ever) and looked at through the open descriptor (so a swap between a look and the
    open changes nothing); anything but a regular file raises :class:`NotARegularFile`
    saying what it is. A symbolic-link loop raises the system's OSError (ELOOP).
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = kind_of(mode)
            raise NotARegularFile(f"is {what}, not a file" if what == "a directory" else f"is {what}, not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def builtin_data_dir() -> Path:
    """Where the built-in knowledge base lives: inside the wheel, or data/ in a checkout."""
    packaged = Path(__file__).with_name("_data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def kb_files(path: Path) -> list[Path]:
    """The YAML files a knowledge-base path stands for: the file, or a directory's *.yaml.

    In a directory, hidden files (``.*``: an editor's swap file, macOS's ``._ladder.yaml``)
    are not knowledge-base files, nor is anything but a regular file.
    """
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
        if not files:
            raise KnowledgeBaseError(
                [Diagnostic(str(path), None, None, "", "directory holds no .yaml or .yml files")]
            )
        return files
    if path.is_file():
        return [path]
    try:
        message = f"is {kind_of(os.stat(path).st_mode)}, not a regular file or directory"
    except FileNotFoundError:
        message = "no such file or directory"
    except OSError as error:  # a loop of symbolic links, a directory that may not be searched...
        message = f"cannot be read: {error.strerror or error}"
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
