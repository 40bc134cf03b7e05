"""A validated knowledge base as bytes and back: the format of a cache entry.

:func:`encode` is run once, after a knowledge base has been read from YAML and
validated; :func:`decode` on every later command, so it must be fast for
knowledge bases of any size. The bytes are two parts, joined by a newline:

* the *skeleton*, one line of JSON: the knowledge base as
  ``model_dump(exclude_unset=True)`` gives it, except that each entry of a
  section keeps only its plain fields (text, numbers, lists of ids), every one
  of them, defaults included, in declaration order;
* the *details*: for each entry, its nested models (statements, year ranges,
  notes...) as one JSON object, which the entry points to with
  ``"@": [start, end, unset]`` (``unset``: its plain fields that were not given).

:func:`decode` builds every entry from the skeleton but leaves its details
encoded: an entry is *deferred* (an instance of a subclass of its model class,
see :func:`_deferred_class`) until something other than a plain field is
asked of it. Then its details are decoded and it becomes an ordinary instance
of its class, equal to the validated original. ``show`` on 10,000 roles thus
decodes one role's statements, not seventy thousand; a command that reads
everything decodes everything, at about the cost of decoding it all at once.

Nothing is validated here: the bytes come from :func:`encode` of a validated
knowledge base, and :mod:`pmpath.kb.cache` checks their SHA-256 before they are
decoded. This module knows nothing about files.
"""

from __future__ import annotations

import copy
import json
import typing
from typing import Any, Callable

DETAILS = "@"
"""The skeleton key that points to an entry's details: ``[start, end]`` in the details part."""

_REF = "\0details"  # where a deferred entry keeps (details, start, end) in its __dict__; never a field name


class DamagedSnapshot(Exception):
    """Details that do not decode: the bytes did not come from :func:`encode` of this pmpath."""


# ---------------------------------------------------------------- encoding


def encode(kb) -> bytes:
    """``kb`` as skeleton and details (see the module's docstring)."""
    from pydantic_core import to_json

    from .schema import SECTIONS, section_model

    given = kb.model_fields_set
    skeleton: dict[str, Any] = {name: getattr(kb, name) for name in ("format", "name", "description") if name in given}
    details = bytearray()
    for section in SECTIONS:
        if section not in given:
            continue
        nested = _nested_fields(section_model(section))
        include = set(nested)
        plain = [name for name in section_model(section).model_fields if name not in include]
        items: list[dict] = []
        for entry in getattr(kb, section):
            values, explicit = entry.__dict__, entry.model_fields_set
            if not nested:  # plain values only: as model_dump(exclude_unset=True) would give them
                items.append({name: values[name] for name in plain if name in explicit})
                continue
            start = len(details)
            details += entry.model_dump_json(include=include, exclude_unset=True).encode("utf-8")
            item = {name: values[name] for name in plain}
            item[DETAILS] = [start, len(details), [name for name in plain if name not in explicit]]
            items.append(item)
        skeleton[section] = items
    # pydantic's Rust serializer writes the same JSON as json.dumps, in a third of the time (UTF-8, not \u escapes).
    return to_json(skeleton) + b"\n" + bytes(details)


# ---------------------------------------------------------------- decoding


def decode(raw: bytes):
    """The knowledge base that ``raw`` (from :func:`encode`) holds; raises on anything else."""
    from .schema import KnowledgeBase

    skeleton, newline, details = raw.partition(b"\n")
    if not newline:
        raise ValueError("no details part")
    return _skeleton_builder(KnowledgeBase)(json.loads(skeleton), details)


def _materialize(instance: Any) -> None:
    """Decode a deferred entry's details; it becomes an ordinary instance of its model class."""
    values = object.__getattribute__(instance, "__dict__")
    real = type(instance).__bases__[0]
    try:
        details, (start, end, unset) = values[_REF]
        part = json.loads(details[start:end])
        nested = _details_builder(real)(part)
        full = {name: values[name] if name in values else nested[name] for name in real.model_fields}
        fields_set = {name for name in values if name != _REF}.difference(unset)
        fields_set.update(part)
    except Exception as error:
        raise DamagedSnapshot(f"the details of a {real.__name__} do not decode: {error!r}") from None
    object.__setattr__(instance, "__dict__", full)
    object.__setattr__(instance, "__pydantic_fields_set__", fields_set)
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    object.__setattr__(instance, "__class__", real)


# Asked of a deferred entry, these are answered without decoding its details: they
# belong to the class, not to the instance (isinstance() reads __class__, and pydantic's
# isinstance check reads __pydantic_decorators__). Anything else, the instance's
# state included (__dict__, __pydantic_fields_set__, which a deferred entry does not
# have yet), decodes the details first.
_CLASS_LEVEL = frozenset(
    {
        "__class__", "__pydantic_decorators__", "__pydantic_generic_metadata__", "__pydantic_complete__",
        "__pydantic_root_model__", "__pydantic_fields__", "__private_attributes__", "__class_vars__",
        "model_fields", "model_config",
    }
)


def _deferred_getattribute(self, name: str):
    values = object.__getattribute__(self, "__dict__")
    if name in values:  # a plain field: no need to decode anything
        return values[name]
    if name not in _CLASS_LEVEL:
        _materialize(self)
    return object.__getattribute__(self, name)


def _delegate(method: str) -> Callable:
    """A special method of a deferred entry: decode the details, then do what the class does.

    Comparisons decode both sides: pydantic's ``==`` compares classes, then fields.
    """

    def special(self, *args):
        _materialize(self)
        for other in args:
            if type(other).__getattribute__ is _deferred_getattribute:
                _materialize(other)
        return getattr(self, method)(*args)

    special.__name__ = method
    return special


_DEFERRED: dict[type, type] = {}


def _deferred_class(cls: type) -> type:
    """A subclass of ``cls`` for entries whose details are still encoded.

    Any attribute other than a plain field, and the special methods Python calls
    without asking the instance (``==``, ``hash``, ``repr``, iteration), first
    decode the details and turn the instance into a plain ``cls``. The class is
    made with ``type.__new__``: it adds no field, so pydantic has nothing to
    build, and it shares ``cls``'s layout, so an instance can change class.
    """
    made = _DEFERRED.get(cls)
    if made is None:
        namespace = {
            "__slots__": (),
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
            "__getattribute__": _deferred_getattribute,
            **{name: _delegate(name) for name in ("__eq__", "__ne__", "__hash__", "__repr__", "__str__", "__iter__")},
        }
        made = _DEFERRED[cls] = type.__new__(type(cls), cls.__name__, (cls,), namespace)
    return made


# ---------------------------------------------------------------- builders
#
# Decoding makes about one object per statement, so each model class gets
# straight-line code for it, as dataclasses do for __init__: one dict display
# with every field in declaration order, a default or factory where a field is
# absent, nested models built in place.

_FULL: dict[type, Callable[[dict], Any]] = {}
_DETAILS: dict[type, Callable[[dict], dict]] = {}
_SKELETON: dict[type, Callable[[dict, bytes], Any]] = {}


def _nested_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold models: the details of an entry."""
    from .schema import model_holding_fields

    return model_holding_fields(cls)


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


def _values(cls: type, names, env: dict) -> tuple[list[str], list[str]]:
    """Code for the dict of ``names`` (fields of ``cls``) from ``data``, and for building their models."""
    entries, nested = [], []
    for number, name in enumerate(names):
        info = cls.model_fields[name]
        key = repr(name)
        if info.is_required():
            entries.append(f"{key}: data[{key}]")
        elif info.default_factory is not None:
            env[f"factory{number}"] = info.default_factory
            entries.append(f"{key}: data[{key}] if {key} in data else factory{number}()")
        elif isinstance(info.default, (list, dict, set)):
            env[f"default{number}"] = info.default
            entries.append(f"{key}: data[{key}] if {key} in data else deepcopy(default{number})")
        else:
            env[f"default{number}"] = info.default
            entries.append(f"{key}: data.get({key}, default{number})")
        model = _model_class(info.annotation)
        if model is not None:
            env[f"build{number}"] = _full_builder(model)
            nested += [
                f"    value = values[{key}]",
                "    if value:",
                f"        values[{key}] = [build{number}(item) for item in value] if type(value) is list else build{number}(value)",
            ]
    return entries, nested


def _compile(source: list[str], env: dict, name: str) -> Callable:
    env.update(new=object.__new__, setattr=object.__setattr__, deepcopy=copy.deepcopy, ValueError=ValueError)
    exec(compile("\n".join(source), f"<pmpath.kb.snapshot {name}>", "exec"), env)
    return env["build"]


def _finish(cls_name: str, known: str) -> list[str]:
    return [
        f"    if not data.keys() <= {known}:",
        f"        raise ValueError('unknown fields for {cls_name}')",
        "    setattr(instance, '__dict__', values)",
        "    setattr(instance, '__pydantic_extra__', None)",
        "    setattr(instance, '__pydantic_private__', None)",
        "    return instance",
    ]


def _full_builder(cls: type) -> Callable[[dict], Any]:
    """A function that builds a whole ``cls`` (nested models included) from its dumped dict."""
    builder = _FULL.get(cls)
    if builder is not None:
        return builder
    _FULL[cls] = lambda data: _FULL[cls](data)  # stands in while nested classes are compiled
    env: dict[str, Any] = {"cls": cls, "KNOWN": frozenset(cls.model_fields)}
    entries, nested = _values(cls, list(cls.model_fields), env)
    source = [
        "def build(data):",
        "    values = {" + ", ".join(entries) + "}",
        *nested,
        "    instance = new(cls)",
        "    setattr(instance, '__pydantic_fields_set__', set(data))",
        *_finish(cls.__name__, "KNOWN"),
    ]
    builder = _FULL[cls] = _compile(source, env, f"builder for {cls.__name__}")
    return builder


def _details_builder(cls: type) -> Callable[[dict], dict]:
    """A function that builds the nested fields of a ``cls`` entry from its details."""
    builder = _DETAILS.get(cls)
    if builder is None:
        env: dict[str, Any] = {"KNOWN": frozenset(_nested_fields(cls))}
        entries, nested = _values(cls, _nested_fields(cls), env)
        source = [
            "def build(data):",
            "    if not data.keys() <= KNOWN:",
            f"        raise ValueError('unknown details for {cls.__name__}')",
            "    values = {" + ", ".join(entries) + "}",
            *nested,
            "    return values",
        ]
        builder = _DETAILS[cls] = _compile(source, env, f"details of {cls.__name__}")
    return builder


def _skeleton_builder(cls: type) -> Callable[[dict, bytes], Any]:
    """A function that builds ``cls`` from its skeleton; entries of its sections come deferred.

    Used for the knowledge base (whose sections are lists of entries) and for
    each kind of entry (whose nested fields are in the details).
    """
    builder = _SKELETON.get(cls)
    if builder is not None:
        return builder
    from .schema import KnowledgeBase

    env: dict[str, Any] = {"cls": cls, "REF": _REF, "DETAILS": DETAILS}
    if cls is KnowledgeBase:
        entries = []
        for number, (name, info) in enumerate(cls.model_fields.items()):
            key = repr(name)
            model = _model_class(info.annotation)
            if model is None:
                env[f"default{number}"] = info.default
                entries.append(f"{key}: data.get({key}, default{number})")
            else:
                env[f"build{number}"] = _skeleton_builder(model)
                entries.append(f"{key}: [build{number}(item, details) for item in data.get({key}, ())]")
        env["KNOWN"] = frozenset(cls.model_fields)
        source = [
            "def build(data, details):",
            "    values = {" + ", ".join(entries) + "}",
            "    instance = new(cls)",
            "    setattr(instance, '__pydantic_fields_set__', set(data))",
            *_finish(cls.__name__, "KNOWN"),
        ]
    elif not _nested_fields(cls):  # nothing to defer: build it whole
        full = _full_builder(cls)
        builder = _SKELETON[cls] = lambda data, details: full(data)
        return builder
    else:
        # The skeleton holds every plain field in order, defaults included: it becomes
        # the deferred entry's __dict__ as it is.
        deferred = _deferred_class(cls)
        new = object.__new__
        set_dict = object.__setattr__

        def builder(data, details):
            data[_REF] = (details, data.pop(DETAILS))
            instance = new(deferred)
            set_dict(instance, "__dict__", data)
            return instance

        _SKELETON[cls] = builder
        return builder
    builder = _SKELETON[cls] = _compile(source, env, f"skeleton of {cls.__name__}")
    return builder
