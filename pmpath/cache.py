"""A cache of validated knowledge bases, so that commands skip YAML and validation.

Reading YAML with line numbers and validating it is the slow part of every
command (about 0.1 s for the built-in knowledge base, seconds for one with
thousands of roles). :func:`load` wraps :func:`pmpath.loader.load`: the first
run stores the validated knowledge base as JSON in the user cache directory
(``~/.cache/pmpath`` on Linux, via platformdirs; ``PMPATH_CACHE_DIR`` moves
it), later runs read it back.

An entry belongs to one knowledge-base path and is used only while its key
matches: pmpath's version, the cache layout, the identity (path, size,
modification time in nanoseconds) of every file :func:`pmpath.loader.input_files`
lists and of the modules that define the format, so editing a YAML file or
upgrading pmpath makes the entry stale. A knowledge base that fails to load is
never cached. Entries are written atomically (a temporary file, then
``os.replace``), carry a SHA-256 of their payload, and are ignored, then
rewritten, when unreadable, corrupt or stale. The cache never makes a command
fail: if the directory cannot be written, the knowledge base is used without it.
``--no-cache`` bypasses it.

Cached data was validated before it was written, so it is rebuilt without
running validation again (see :func:`_construct`); that also spares building
pydantic's validators, which are built on first use (``defer_build``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import typing
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from . import __version__

ENV_DIR = "PMPATH_CACHE_DIR"
"""Environment variable naming the cache directory (default: the user cache directory)."""

LAYOUT = 1
"""Version of the entry layout below; part of every key."""

_FORMAT_MODULES = ("schema.py", "loader.py", "cache.py")


def cache_dir() -> Path:
    """Where entries live: ``$PMPATH_CACHE_DIR``, else the platform's user cache directory."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pmpath", appauthor=False))


def load(path: Path | str | None = None, use_cache: bool = True):
    """The knowledge base at ``path`` (built-in by default), from the cache when it is current.

    Raises :class:`pmpath.loader.KnowledgeBaseError` exactly as
    :func:`pmpath.loader.load` does.
    """
    from . import loader

    if not use_cache:
        with _collector_paused():
            return loader.load(path)
    try:
        files = loader.input_files(path)
    except loader.KnowledgeBaseError:
        with _collector_paused():
            return loader.load(path)  # reports the problem as usual
    try:
        key = entry_key(files)
        entry = entry_path(path)
    except OSError:  # a file vanished or cannot be read: let the loader say so
        key = entry = None
    if entry is not None:
        cached = read(entry, key)
        if cached is not None:
            return cached
    with _collector_paused():
        kb = loader.load(path)
    if entry is not None:
        write(entry, key, kb)
    return kb


def entry_path(path: Path | str | None) -> Path:
    """The cache file for a knowledge-base path: one per path, named by a hash of it."""
    name = "builtin" if path is None else str(Path(path).expanduser().resolve())
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir() / f"kb-{digest}.json"


def entry_key(files: list[Path]) -> str:
    """A digest of everything an entry depends on: pmpath, its format modules and the files."""
    package = Path(__file__).parent
    identity: list[Any] = [__version__, LAYOUT]
    for file in [*(package / name for name in _FORMAT_MODULES), *files]:
        stat = os.stat(file)
        identity.append([str(Path(file).resolve()), stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps(identity).encode("utf-8", "surrogateescape")).hexdigest()


def read(entry: Path, key: str):
    """The knowledge base stored at ``entry`` if its key is ``key`` and it is intact; else None."""
    from .schema import KnowledgeBase

    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    header, _, payload = raw.partition(b"\n")
    try:
        meta = json.loads(header)
        if meta.get("key") != key or meta.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        with _collector_paused():
            return _construct(KnowledgeBase, json.loads(payload))
    except Exception:  # corrupt or from another layout: ignore it; it is rewritten
        return None


def write(entry: Path, key: str, kb) -> bool:
    """Store ``kb`` at ``entry`` atomically; False (and nothing left behind) when it cannot."""
    payload = kb.model_dump_json(exclude_unset=True).encode("utf-8")
    header = json.dumps({"key": key, "sha256": hashlib.sha256(payload).hexdigest(), "pmpath": __version__})
    temporary = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=entry.parent, prefix=".kb-", suffix=".tmp", delete=False
        ) as handle:
            temporary = handle.name
            handle.write(header.encode("utf-8") + b"\n" + payload)
        os.replace(temporary, entry)
        return True
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False


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


# ---------------------------------------------------------------- rebuilding models

_PLANS: dict[type, "_Plan"] = {}
_setattr = object.__setattr__


class _Plan:
    """What rebuilding one model class needs, worked out once per class."""

    __slots__ = ("new", "order", "nested", "defaults", "required")

    def __init__(self, cls: type):
        self.new = cls.__new__
        self.order = tuple(cls.model_fields)
        self.nested = {
            name: model
            for name, info in cls.model_fields.items()
            if (model := _model_class(info.annotation)) is not None
        }
        self.defaults = {
            name: (info.default_factory, info.default)
            for name, info in cls.model_fields.items()
            if not info.is_required()
        }
        self.required = frozenset(name for name, info in cls.model_fields.items() if info.is_required())


def _model_class(annotation: Any) -> type | None:
    """The model class an annotation holds (directly, in a list or as Optional), if any."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_class(arg)
        if found is not None:
            return found
    return None


def _construct(cls: type, data: dict) -> Any:
    """Rebuild a model from ``model_dump(exclude_unset=True)`` output without validating it.

    Only for data this module wrote after validation. The result equals the
    validated original: the same field values in declaration order and the same
    set of fields given explicitly (``model_fields_set``); defaults are filled
    in as pydantic would. A missing required field or an unknown one raises
    ValueError (the entry is then treated as corrupt).
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    for name, model in plan.nested.items():
        value = data.get(name)
        if value:
            if type(value) is list:
                data[name] = [_construct(model, item) for item in value]
            else:
                data[name] = _construct(model, value)
    fields_set = set(data)
    if len(data) != len(plan.order):
        if not plan.required <= fields_set:
            raise ValueError(f"cache entry lacks a required field of {cls.__name__}")
        values = {}
        found = 0
        for name in plan.order:
            if name in data:
                values[name] = data[name]
                found += 1
            else:
                factory, default = plan.defaults[name]
                values[name] = factory() if factory is not None else default
        if found != len(data):
            raise ValueError(f"cache entry has unknown fields for {cls.__name__}")
        data = values
    elif tuple(data) != plan.order:
        raise ValueError(f"cache entry has unknown or misordered fields for {cls.__name__}")
    instance = plan.new(cls)
    _setattr(instance, "__dict__", data)
    _setattr(instance, "__pydantic_fields_set__", fields_set)
    _setattr(instance, "__pydantic_extra__", None)
    _setattr(instance, "__pydantic_private__", None)
    return instance
