"""Files: which files a knowledge base is, reading them safely, and writing any file pmpath writes.

Reading: the files of a knowledge-base path (hidden files skipped) and the error that says why
there are none; :func:`read_regular` refuses FIFOs, devices and directories without waiting.
:mod:`pmpath.kb.cache` keys its entries on these files; :mod:`pmpath.kb.loader` parses them.

Writing, for the cache, the profile store and every export: :func:`write_atomic` and
:func:`replace_with` write a temporary file beside the target (``.pmpath-`` + 12 hex digits +
``.tmp``) and rename it over the target, keeping an existing file's mode; a device or FIFO is
written into, never replaced; :func:`remove_stale` removes only pmpath's own leftover temporary
files. It imports neither YAML nor pydantic.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import time
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


# ---------------------------------------------------------------- writing: atomic, modes kept, only our own temporary files

TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".pmpath-", ".tmp"
"""A temporary file is ``.pmpath-`` + 12 hexadecimal digits + ``.tmp``; only such files are ever swept."""

STALE_SECONDS = 600
"""Temporary files older than this, left by a write that was killed, are removed by the next write."""


def is_temporary_name(name: str) -> bool:
    """Whether ``name`` is one of pmpath's temporary files (``.pmpath-`` + 12 hex digits + ``.tmp``)."""
    middle = name[len(TEMPORARY_PREFIX):-len(TEMPORARY_SUFFIX)]
    return (
        name.startswith(TEMPORARY_PREFIX) and name.endswith(TEMPORARY_SUFFIX) and len(middle) == 12
        and all(c in "0123456789abcdef" for c in middle)
    )


def write_atomic(path: Path, text: str | bytes, make_parents: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8) so that a crash leaves the old file or the new one, never half of one.

    Raises OSError (after removing its temporary file) when it cannot.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if special_file(path):  # /dev/null, /dev/stdout, a FIFO: write into it, never replace it
        write_into(path, data)
        return
    path = link_target(path)
    directory = path.parent
    if make_parents:
        directory.mkdir(parents=True, exist_ok=True)
    remove_stale(directory)
    replace_with(path, data, mode=existing_mode(path), durable=True)
    sync_directory(directory)


def existing_mode(path: Path) -> int | None:
    """The permissions of the regular file at ``path`` (a replacement keeps them); None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def open_temporary(beside: Path, dir_fd: int | None = None, held: list[str] | None = None) -> tuple[int, str]:
    """A new, empty temporary file (``.pmpath-`` + 12 hex digits + ``.tmp``, mode 0600) beside ``beside``.

    Returns its descriptor, open for writing, and its name: a path, or with ``dir_fd`` a name in
    that directory. Created exclusively and never through a link; a name another write holds is
    never ours (nor ours to remove), so another is drawn. Raises OSError when it cannot.

    ``held``: a list the caller removes from when the write stops. The name is put in it *before*
    the file is created, so that whatever stops the write at any moment (an error, Ctrl-C, SIGTERM
    between creating the file and returning) leaves the caller knowing what to remove.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    where = {} if dir_fd is None else {"dir_fd": dir_fd}
    held = [] if held is None else held
    for _ in range(100):
        name = f"{TEMPORARY_PREFIX}{os.urandom(6).hex()}{TEMPORARY_SUFFIX}"
        temporary = name if dir_fd is not None else str(beside.with_name(name))
        held[:] = [temporary]
        try:
            return os.open(temporary, flags, 0o600, **where), temporary
        except FileExistsError:  # another write's file: never ours to remove
            held.clear()
            continue
    raise FileExistsError(17, "no free name for a temporary file", str(beside.parent))


def replace_with(path: Path, data: bytes, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path`` (``.pmpath-RANDOM.tmp``), then rename it over ``path``.

    The temporary file is named before it is created, so that whatever stops the write, at any
    moment (an error, Ctrl-C, SIGTERM: :mod:`pmpath.__main__` turns each into an exception), the
    ``except`` below knows what to remove; ``tempfile.mkstemp`` leaves a window between creating
    the file and returning its name. ``mode``: the new file's permissions (default 0o600);
    ``durable``: fsync before the rename. Raises OSError when it cannot.
    """
    held: list[str] = []
    try:
        fd, temporary = open_temporary(path, held=held)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        for temporary in held:  # named before it was created: see open_temporary
            try:
                os.unlink(temporary)
            except OSError:
                pass
        raise


def special_file(path: "os.PathLike[str] | str") -> bool:
    """Whether ``path`` is (or links to) a device, a FIFO or a socket: something to write into, not to replace.

    Replacing it with a renamed temporary file would, for root, turn ``/dev/null`` into a regular file.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_into(path: "os.PathLike[str] | str", data: bytes) -> None:
    """Write ``data`` into a device or a FIFO, never waiting for a reader that is not there.

    A FIFO is opened without blocking: with no process reading it the open fails at once
    (OSError ENXIO, told as such) instead of waiting for ever; once open, the writes block
    as usual, so a slow reader gets everything.
    """
    import errno

    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "it is a named pipe (FIFO) that no process is reading", str(path)) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def link_target(path: Path) -> Path:
    """The file a symbolic link points to (a write goes there and the link stays), else ``path`` itself.

    A loop of links raises OSError (ELOOP): there is no file to write, and the link is not pmpath's to replace.
    """
    if not os.path.islink(path):
        return path
    os.stat(path)  # ELOOP for a loop; a dangling link is fine (the write creates its target)
    return Path(os.path.realpath(path))


def sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale(directory: Path) -> None:
    """Remove pmpath's own temporary files (``.pmpath-`` + 12 hex digits + ``.tmp``) that a killed write left.

    Only those, only when older than STALE_SECONDS (a write in progress is younger), and only regular
    files: the directory's name is escaped, so it is never read as a pattern.
    """
    cutoff = time.time() - STALE_SECONDS
    pattern = os.path.join(glob.escape(str(directory)), f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}")
    for leftover in glob.glob(pattern):  # a pattern that starts with '.' matches hidden files
        try:
            info = os.lstat(leftover)
            if is_temporary_name(os.path.basename(leftover)) and stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(leftover)
        except OSError:
            pass
