"""A cache of validated knowledge bases, so that commands skip YAML and validation.

Reading YAML with line numbers and validating it is the slow part of every
command (about 0.1 s for the built-in knowledge base, seconds for one with
thousands of roles). :func:`load` wraps :func:`pmpath.kb.loader.load`: the first
run stores the validated knowledge base in the user cache directory
(``~/.cache/pmpath`` on Linux, via platformdirs; ``PMPATH_CACHE_DIR`` moves
it), later runs read it back.

An entry belongs to one knowledge-base path and is used only while its key
matches: pmpath's and pydantic's versions, the cache layout, and the identity
of every file :func:`pmpath.files.input_files` lists, of the built-in knowledge
base's files (a custom one may extend them) and of the modules that define the
format. A file's identity is its path, size, modification time, change time,
inode and device: an edit that puts the old modification time back (``cp -p``,
``touch -r``, tar, rsync) still changes the change time, which no one but the
kernel sets. A knowledge base that fails to load is never cached. Entries are
written atomically (a temporary file ``.pmpath-RANDOM.tmp``, then
``os.replace``), carry a SHA-256 of their payload, and are ignored, then
rewritten, when unreadable, corrupt or stale. ``--no-cache`` bypasses it.

An entry holds a header line (key, SHA-256, pmpath's version), then the
knowledge base pickled (pydantic models support :mod:`pickle`; it restores them
without validating again, about ten times faster than pydantic's JSON). Pickle
runs code named by the bytes it reads, so an entry is read only from a
directory nobody else can write (see :func:`_private_directory` and
docs/reliability.md): owned by the user, not writable by group or others, not
a symbolic link; and only when it is a regular file owned by the user, not
writable by others, and under MAX_ENTRY_BYTES. Anything else and the command
answers from the files, with one warning. The cache never makes a command
fail or hang.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import __version__
from ..files import STALE_SECONDS, is_temporary_name, open_temporary

ENV_DIR = "PMPATH_CACHE_DIR"
"""Environment variable naming the cache directory (default: the user cache directory)."""

LAYOUT = 3
"""Version of the entry layout below; part of every key."""

_FORMAT_MODULES = (
    "kb/base.py", "kb/schema.py", "kb/extend.py", "kb/checks.py", "files.py",
    "kb/yaml_file.py", "kb/messages.py", "kb/loader.py", "kb/merge.py", "kb/select.py", "kb/cache.py",
)
"""The modules an entry depends on, relative to the package: editing one makes every entry stale."""

_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Where entries live: ``$PMPATH_CACHE_DIR``, else the platform's user cache directory.

    Raises RuntimeError when there is none: no ``PMPATH_CACHE_DIR`` and no home
    directory to put one in (platformdirs raises it, or gives ``~`` unexpanded).
    """
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    found = Path(user_cache_dir("pmpath", appauthor=False))
    if not found.is_absolute():
        raise RuntimeError(f"no home directory for a cache (platformdirs gave {found})")
    return found


def load(path: Path | str | None = None, use_cache: bool = True):
    """The knowledge base at ``path`` (built-in by default), from the cache when it is current.

    Raises :class:`pmpath.files.KnowledgeBaseError` exactly as
    :func:`pmpath.kb.loader.load` does. The loader (YAML, validation) is imported
    only when the cache cannot answer.
    """
    from ..files import KnowledgeBaseError

    if not use_cache:
        return _read_files(path)
    try:
        key = key_for(path)
        entry = entry_path(path)
    except KnowledgeBaseError:
        return _read_files(path)  # reports the problem as usual
    except OSError:  # a file vanished or cannot be read: let the loader say so
        return _read_files(path)
    except RuntimeError:  # no cache directory at all (no home): answer without one
        return _read_files(path)
    kb = read(entry, key)
    if kb is None:
        kb = _read_files(path)
        write(entry, key, kb)
    if len(_LOADED_UNDER) > 8:
        _LOADED_UNDER.clear()
    _LOADED_UNDER[id(kb)] = (kb, key)
    return kb


_LOADED_UNDER: dict[int, tuple[Any, str]] = {}
"""Knowledge bases this process loaded through the cache, with the key they were loaded under."""


def _read_files(path: Path | str | None):
    from . import loader

    with _collector_paused():
        return loader.load(path)


def entry_path(path: Path | str | None) -> Path:
    """The cache file for a knowledge-base path: one per path, named by a hash of it.

    The built-in knowledge base is named after the installed package, so two
    installations (say, two virtual environments) do not take turns overwriting it.
    """
    if path is None:
        name = "builtin:" + str(Path(__file__).resolve().parent.parent)
    else:
        name = str(Path(path).expanduser().resolve())
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir() / f"kb-{digest}.pickle"


def key_for(path: Path | str | None) -> str:
    """The key that an entry for ``path`` must carry to be used now.

    Raises KnowledgeBaseError when the path holds no knowledge base, OSError
    when a file cannot be examined.
    """
    from ..files import input_files

    paths = input_files(path)
    if path is not None:
        # A custom knowledge base may build on the built-in one: its files are
        # part of every key (a few stat calls), so editing them is always seen.
        paths += input_files(None)
    return entry_key(paths)


def entry_key(files: list[Path]) -> str:
    """A digest of everything an entry depends on: pmpath, pydantic, the format modules and the files.

    A file is known by its path, size, modification time, change time, inode and
    device. ``touch -r``, ``cp -p``, tar and rsync put an old modification time
    back, but the change time is the kernel's own: any write or ``utime`` sets it
    to now. Replacing a file by renaming another over it changes its inode.
    """
    from pydantic.version import VERSION as pydantic_version

    package = _PACKAGE
    identity: list[Any] = [__version__, LAYOUT, pydantic_version]
    for file in [*(package / name for name in _FORMAT_MODULES), *files]:
        info = os.stat(file)
        identity.append([
            str(Path(file).resolve()), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev,
        ])
    return hashlib.sha256(json.dumps(identity).encode("utf-8", "surrogateescape")).hexdigest()


MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""An entry larger than this is not read (nor written): pmpath's are far smaller."""


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHECKS_OWNER = hasattr(os, "geteuid") and _NO_FOLLOW != 0  # POSIX; elsewhere the platform's ACLs decide


class Untrusted(Exception):
    """The cache directory or an entry may have been written by someone else: it is not used."""


_WARNED: set[str] = set()


def _warn(directory: Path, reason: str) -> None:
    """One line on stderr, once per directory and process: the cache is not used, and why."""
    shown = str(directory)
    if shown in _WARNED:
        return
    _WARNED.add(shown)
    escaped = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in shown)
    sys.stderr.write(
        f"pmpath: warning: not using the cache in {escaped}: {reason}; answering from the files"
        f" (a cache directory must be yours alone: mode 700, or set {ENV_DIR})\n"
    )


def _check_owned(info: os.stat_result, what: str) -> None:
    """Refuse what another user owns, or what group or others may write."""
    if not _CHECKS_OWNER:
        return
    if info.st_uid != os.geteuid():
        raise Untrusted(f"{what} belongs to another user (uid {info.st_uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise Untrusted(f"{what} is writable by others (mode {stat.S_IMODE(info.st_mode):04o})")


@contextmanager
def _private_directory(directory: Path, create: bool) -> Iterator[int | None]:
    """A file descriptor of ``directory`` once it is proven private (None where directories cannot be opened).

    ``create``: make it (mode 0700) when missing. Raises :class:`Untrusted` when it
    is a symbolic link, not a directory, another user's, or writable by group or
    others; OSError when it cannot be opened (or made). Entries are then opened
    relative to the descriptor, so the directory checked is the one used.
    """
    if create:
        try:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        except FileExistsError:  # a file or a dangling link where the directory should be
            pass
    if not _CHECKS_OWNER:
        yield None
        return
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NO_FOLLOW)
    except OSError as error:
        if os.path.islink(directory):
            raise Untrusted("it is a symbolic link (point PMPATH_CACHE_DIR at the real directory)") from None
        raise error
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode):
            raise Untrusted("it is not a directory")
        _check_owned(info, "the directory")
        yield fd
    finally:
        os.close(fd)


def _read_entry(entry: Path) -> bytes | None:
    """The bytes of ``entry`` if its directory and the file itself are the user's alone; else None.

    Never blocks (a FIFO is opened without waiting and refused), never follows a
    symbolic link, never reads more than MAX_ENTRY_BYTES.
    """
    try:
        with _private_directory(entry.parent, create=False) as directory:
            flags = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            if directory is None:
                fd = os.open(entry, flags)
            else:
                fd = os.open(entry.name, flags, dir_fd=directory)
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise Untrusted(f"{entry.name} is not a regular file")
                _check_owned(info, entry.name)
                if info.st_size > MAX_ENTRY_BYTES:
                    raise Untrusted(f"{entry.name} is larger than {MAX_ENTRY_BYTES // 1048576} MiB")
                data = handle.read(MAX_ENTRY_BYTES + 1)
                if len(data) > MAX_ENTRY_BYTES:
                    raise Untrusted(f"{entry.name} is larger than {MAX_ENTRY_BYTES // 1048576} MiB")
                return data
    except Untrusted as refused:
        _warn(entry.parent, str(refused))
    except OSError:  # missing (the usual first run), unreadable: the files answer, the entry is rewritten
        pass
    return None


def read(entry: Path, key: str):
    """The knowledge base stored at ``entry`` if its key is ``key``, it is intact and private; else None."""
    import pickle

    payload = _checked_payload(entry, key)
    if payload is None:
        return None
    try:
        with _collector_paused():
            kb = pickle.loads(payload)
    except Exception:  # corrupt or from another layout: ignore it; it is rewritten
        return None
    from .schema import KnowledgeBase

    return kb if type(kb) is KnowledgeBase else None


def _checked_payload(file: Path, key: str) -> bytes | None:
    """What :func:`_write_atomically` stored in ``file`` under ``key``, if it is there whole; else None."""
    raw = _read_entry(file)
    if raw is None:
        return None
    try:
        header, _, payload = raw.partition(b"\n")
        meta = json.loads(header)
        if meta.get("key") == key and meta.get("sha256") == hashlib.sha256(payload).hexdigest():
            return payload
    except Exception:  # not ours
        pass
    return None


def write(entry: Path, key: str, kb) -> bool:
    """Store ``kb`` at ``entry`` atomically; False (and nothing left behind) when it cannot."""
    import pickle

    return _write_atomically(entry, key, pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))


def _write_atomically(entry: Path, key: str, payload: bytes) -> bool:
    """Header and payload to ``entry``, through a temporary file renamed over it; False when it cannot.

    Only into a private directory (made 0700 when missing). The temporary file is
    named before it is created, so an error, Ctrl-C or SIGTERM at any moment removes
    it; only SIGKILL or a crash leaves one, which a later write removes once it is
    old. No fsync: after a crash, an entry that did not reach the disk whole fails
    its checksum and is rebuilt.
    """
    header = json.dumps({"key": key, "sha256": hashlib.sha256(payload).hexdigest(), "pmpath": __version__})
    data = header.encode("utf-8") + b"\n" + payload
    if len(data) > MAX_ENTRY_BYTES:
        return False
    try:
        with _private_directory(entry.parent, create=True) as directory:
            _remove_stale(entry.parent, directory)
            _replace(entry, data, directory)
        return True
    except Untrusted as refused:
        _warn(entry.parent, str(refused))
        return False
    except OSError:
        return False


def _replace(entry: Path, data: bytes, directory: int | None) -> None:
    """Write ``data`` to a new ``.pmpath-RANDOM.tmp`` in the directory, then rename it to ``entry``."""
    where = {} if directory is None else {"dir_fd": directory}
    held: list[str] = []
    try:
        fd, temporary = open_temporary(entry, directory, held)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if directory is None:
            os.replace(temporary, entry)
        else:
            os.replace(temporary, entry.name, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:
        for temporary in held:  # named before it was created: see open_temporary
            try:
                os.unlink(temporary, **where)
            except OSError:
                pass
        raise


def derived(
    path: Path | str | None, name: str, compute: Callable[[], Any], modules: tuple[str, ...] = (), version: str = "",
    kb: Any = None,
) -> Any:
    """Data worked out from the knowledge base at ``path``, kept beside its entry.

    ``compute()`` returns JSON-able data (a search index, say); it is stored in
    ``<name>-<hash>.json`` under the knowledge base's key, the identity of the
    pmpath ``modules`` that compute it and ``version`` (of what else it depends
    on), and read back while all of them hold. Like an entry, it is written
    atomically, checked with a SHA-256, and never makes a command fail: when it
    cannot be read or written, ``compute()`` answers. ``kb``: the knowledge base
    :func:`load` returned for ``path`` in this process, whose key is then not
    worked out again.
    """
    try:
        loaded = _LOADED_UNDER.get(id(kb))
        kb_key = loaded[1] if loaded is not None and loaded[0] is kb else key_for(path)
        depends = entry_key([_PACKAGE / module for module in modules])
        key = hashlib.sha256(f"{kb_key}:{depends}:{version}".encode("utf-8", "surrogateescape")).hexdigest()
        entry = entry_path(path)
        file = entry.with_name(f"{name}-{entry.stem.removeprefix('kb-')}.json")
    except Exception:
        return compute()
    payload = _checked_payload(file, key)
    if payload is not None:
        try:
            return json.loads(payload)
        except ValueError:  # corrupt: worked out again and rewritten
            pass
    data = compute()
    _write_atomically(file, key, json.dumps(data, separators=(",", ":")).encode("ascii"))
    return data


def _remove_stale(directory: Path, fd: int | None = None) -> None:
    """Remove pmpath's own temporary files that killed writes left behind (a write in progress is younger)."""
    import time

    cutoff = time.time() - STALE_SECONDS
    try:
        names = os.listdir(fd if fd is not None else directory)
    except OSError:
        return
    where = {} if fd is None else {"dir_fd": fd}
    for name in names:
        if not is_temporary_name(name):
            continue
        target = name if fd is not None else str(directory / name)
        try:
            info = os.stat(target, follow_symlinks=False, **where)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(target, **where)
        except OSError:
            pass


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made and none become garbage.

    Loading creates hundreds of thousands of objects that all stay alive; the
    collector would rescan them again and again (for 10,000 roles it made YAML
    loading several times slower, and more than linear in size).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
