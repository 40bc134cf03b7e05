"""A cache of validated knowledge bases, so that commands skip YAML and validation.

Reading YAML with line numbers and validating it is the slow part of every
command (about 0.1 s for the built-in knowledge base, seconds for one with
thousands of roles). :func:`load` wraps :func:`pmpath.kb.loader.load`: the first
run stores the validated knowledge base in the user cache directory
(``~/.cache/pmpath`` on Linux, via platformdirs; ``PMPATH_CACHE_DIR`` moves
it), later runs read it back.

An entry belongs to one knowledge-base path and is used only while its key
matches: pmpath's version, the cache layout, the identity (path, size,
modification time in nanoseconds) of every file :func:`pmpath.files.input_files`
lists, of the built-in knowledge base's files (a custom one may extend them)
and of the modules that define the format, so editing a YAML file or
upgrading pmpath makes the entry stale. A knowledge base that fails to load is
never cached. Entries are written atomically (a temporary file, then
``os.replace``), carry a SHA-256 of their payload, and are ignored, then
rewritten, when unreadable, corrupt or stale. The cache never makes a command
fail: if the directory cannot be written, the knowledge base is used without it.
``--no-cache`` bypasses it.

An entry holds a header line (key, SHA-256, pmpath's version), then the
knowledge base as :mod:`pmpath.kb.snapshot` encodes it. Cached data was validated
before it was written, so it is rebuilt without running validation again; that
also spares building pydantic's validators, which are built on first use
(``defer_build``), and an entry's nested details are decoded only when asked for.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import __version__

ENV_DIR = "PMPATH_CACHE_DIR"
"""Environment variable naming the cache directory (default: the user cache directory)."""

LAYOUT = 2
"""Version of the entry layout below; part of every key."""

_FORMAT_MODULES = ("kb/schema.py", "files.py", "kb/loader.py", "kb/merge.py", "kb/snapshot.py", "kb/cache.py")
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
    return cache_dir() / f"kb-{digest}.json"


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
    """A digest of everything an entry depends on: pmpath, its format modules and the files."""
    package = _PACKAGE
    identity: list[Any] = [__version__, LAYOUT]
    for file in [*(package / name for name in _FORMAT_MODULES), *files]:
        stat = os.stat(file)
        identity.append([str(Path(file).resolve()), stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps(identity).encode("utf-8", "surrogateescape")).hexdigest()


def read(entry: Path, key: str):
    """The knowledge base stored at ``entry`` if its key is ``key`` and it is intact; else None."""
    from . import snapshot

    payload = _checked_payload(entry, key)
    if payload is None:
        return None
    try:
        with _collector_paused():
            return snapshot.decode(payload)
    except Exception:  # corrupt or from another layout: ignore it; it is rewritten
        return None


def _checked_payload(file: Path, key: str) -> bytes | None:
    """What :func:`_write_atomically` stored in ``file`` under ``key``, if it is there whole; else None."""
    try:
        header, _, payload = file.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if meta.get("key") == key and meta.get("sha256") == hashlib.sha256(payload).hexdigest():
            return payload
    except Exception:  # missing, unreadable, not ours
        pass
    return None


def write(entry: Path, key: str, kb) -> bool:
    """Store ``kb`` at ``entry`` atomically; False (and nothing left behind) when it cannot."""
    from . import snapshot

    return _write_atomically(entry, key, snapshot.encode(kb))


def _write_atomically(entry: Path, key: str, payload: bytes) -> bool:
    """Header and payload to ``entry``, through a temporary file renamed over it; False when it cannot.

    The temporary file is named before it is created (:func:`pmpath.store.replace_with`), so
    an error, Ctrl-C or SIGTERM at any moment removes it; only SIGKILL or a crash leaves one,
    which a later write removes once it is old. No fsync: after a crash, an entry that did
    not reach the disk whole fails its checksum and is rebuilt.
    """
    from ..store import replace_with

    header = json.dumps({"key": key, "sha256": hashlib.sha256(payload).hexdigest(), "pmpath": __version__})
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(entry.parent)
        replace_with(entry, header.encode("utf-8") + b"\n" + payload)
        return True
    except OSError:
        return False


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
        file = entry.with_name(f"{name}-{entry.name.removeprefix('kb-')}")
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


STALE_SECONDS = 600
"""Temporary files older than this, left by a write that was killed, are removed by the next write."""


def _remove_stale(directory: Path) -> None:
    """Remove what killed writes left behind (a write in progress elsewhere is younger than this)."""
    import time

    cutoff = time.time() - STALE_SECONDS
    for leftover in directory.glob(".*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
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
