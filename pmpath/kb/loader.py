"""Files -> KnowledgeBase: read YAML safely, keep line numbers, validate, merge.

YAML is read by PyYAML (libyaml's C loader when available) into its node graph
(:func:`yaml.compose`), where every node keeps the line and column it came from.
The loader stops the moment nesting or size crosses a limit; the graph is then
turned into plain data, refusing every tag that would construct an object, a key
written twice, and aliases that would expand far beyond the written document.
The files of a knowledge base are then validated one by one and merged
(:mod:`pmpath.kb.merge`). Problems are reported as :class:`Diagnostic` objects:
``FILE:LINE:COLUMN: where: what``.
"""

from __future__ import annotations

import difflib
import functools
import re
import reprlib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from .. import files
from . import checks, merge, schema
from ..files import (  # noqa: F401  (part of this module's interface)
    YAML_SUFFIXES,
    Diagnostic,
    KnowledgeBaseError,
    builtin_data_dir,
    input_files,
    kb_files,
)

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024
MAX_NESTING = 100
MAX_NODES = 600_000
MAX_PROBLEMS = 1000
"""Problems reported for one knowledge base; a flood of them stops there."""
ALIAS_BUDGET = 250_000
"""How much aliases may add to a document beyond its written size, counted as
one per value plus one per character of text (and at least the written size)."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_MAP, _SEQ, _STR, _MERGE, _TIMESTAMP, _BINARY = (
    _TAG + name for name in ("map", "seq", "str", "merge", "timestamp", "binary")
)


@functools.lru_cache(maxsize=None)
def _yaml_loader() -> type:
    """The YAML loader class: libyaml's C loader (PyYAML's pure-Python one without it), with limits.

    PyYAML is imported here, not at module level, so that commands answered from
    the cache (:mod:`pmpath.kb.cache`) never pay for it. The loader is used through
    :func:`yaml.compose`: it builds PyYAML's node graph, where every node keeps its
    line and column (``node.start_mark``) and an alias is the anchored node itself,
    so an alias bomb costs no more than it is written. Two hooks of PyYAML's
    resolver, which its composers (C and Python) call around every node, stop the
    composition the moment a limit is crossed: nesting deeper than MAX_NESTING, or
    more than MAX_NODES nodes. ``resolve`` does what PyYAML's does (same implicit-tag
    rules, first match wins) with its tables precomputed; it is called once per node.
    """
    import yaml

    base: type = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    by_first: dict[str, tuple] = {}
    table = base.yaml_implicit_resolvers
    wildcard = tuple(table.get(None, []))
    for first, resolvers in table.items():
        if first is not None:
            by_first[first] = tuple(resolvers) + wildcard
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    default_scalar, default_sequence, default_mapping = (
        base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG,
    )

    def resolve(self, kind, value, implicit):
        if kind is scalar_node:
            if implicit[0]:
                if value[:1].isalpha() and " " in value:
                    # Most of a knowledge base: prose. A letter starts only booleans and null
                    # among the implicit types (yes, no, true, null...), and those are single words.
                    return default_scalar
                for tag, regexp in by_first.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return default_scalar
        return default_sequence if kind is sequence_node else default_mapping

    def descend_resolver(self, parent, index):
        self.pmpath_nodes += 1
        if self.pmpath_nodes > MAX_NODES:
            raise _Problem(f"holds more than {MAX_NODES:,} values; split the knowledge base", _last_mark(parent))
        self.pmpath_depth += 1
        if self.pmpath_depth > MAX_NESTING + 1:  # the top level is depth 1
            raise _Problem(f"nested more than {MAX_NESTING} levels deep", _last_mark(parent))

    def ascend_resolver(self):
        self.pmpath_depth -= 1

    if base.yaml_path_resolvers:  # pragma: no cover - the safe loaders register none
        raise RuntimeError("PyYAML's safe loader has path resolvers; pmpath's hooks would hide them")
    return type("_LimitedSafeLoader", (base,), {
        "resolve": resolve, "descend_resolver": descend_resolver, "ascend_resolver": ascend_resolver,
        "pmpath_nodes": 0, "pmpath_depth": 0,
    })


def _last_mark(parent: Any) -> Any:
    """Where a node that is being composed under ``parent`` is, as near as PyYAML tells before it is done."""
    if parent is None:
        return None
    items = parent.value
    if items:
        last = items[-1]
        if isinstance(last, tuple):  # a mapping's (key, value)
            last = last[1] if len(last) > 1 else last[0]
        return last.end_mark or last.start_mark
    return parent.start_mark


Position = tuple[int, int]  # 1-based line and column
Positions = dict[tuple, Position]


class ParsedFile:
    """A YAML file turned into plain data, with the position of every value.

    Positions come from PyYAML's node graph (``root``: what :func:`yaml.compose`
    gave), looked up when asked for: they are needed only to point at a problem.
    A mapping's value is placed at its key; a list's item where it starts.
    """

    def __init__(self, path: str, data: Any, root: Any = None) -> None:
        self.path = path
        self.data = data
        self._root = root
        self._positions: Positions | None = None
        self._index: dict[int, dict] = {}

    @property
    def positions(self) -> Positions:
        """Every location in the file -> its (line, column); worked out on first use."""
        if self._positions is None:
            found: Positions = {}
            if self._root is not None:
                found[()] = _position(self._root)
                pending = [((), self._root)]
                while pending:
                    loc, node = pending.pop()
                    for part, place, child in _children(node):
                        if loc + (part,) not in found:
                            found[loc + (part,)] = _position(place)
                            pending.append((loc + (part,), child))
            self._positions = found
        return self._positions

    def position(self, loc: Iterable) -> Position | None:
        """The position of the deepest node on ``loc`` that the file has."""
        node = self._root
        if node is None:
            return None
        found = _position(node)
        for part in loc:
            children = self._index.get(id(node))
            if children is None:  # each mapping or list is indexed once, when first looked into
                children = self._index[id(node)] = {}
                for key, place, child in _children(node):
                    children.setdefault(key, (place, child))
            if part not in children:
                return found
            place, node = children[part]
            found = _position(place)
        return found


def _position(node: Any) -> Position:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _children(node: Any) -> Iterator[tuple[Any, Any, Any]]:
    """(key or index, node that marks its place, child node) for each child of a node."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield _key_text(key), key, value
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield index, item, item


def _key_text(node: Any) -> Any:
    """The key a scalar node stands for, as the data has it (``1:`` or ``yes:`` -> the text)."""
    return node.value


class _Problem(Exception):
    def __init__(self, message: str, mark: Any = None, where: str = ""):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.where = where


def format_where(loc: Iterable) -> str:
    """``("levels", 2, "skills", 0)`` -> ``levels[2].skills[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _build(root: Any, loader: Any) -> Any:
    """Plain data from PyYAML's node graph: text, numbers, booleans, null, lists and mappings.

    Only plain YAML is read: a tag other than the standard scalar ones, a merge
    key (``<<``), a key that is not a plain scalar, or a key written twice in one
    mapping stops the read with a located problem. Dates stay text. An alias is
    the anchored node itself: its value is built once and shared, and what the
    aliases add (one per value plus one per character of text) may not exceed
    max(ALIAS_BUDGET, the document's written size), so that validating the data
    cannot explode. Nesting is at most MAX_NESTING deep (the loader saw to it),
    so the recursion below is shallow.
    """
    import yaml

    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    constructors = loader.yaml_constructors
    built: dict[int, tuple[Any, int]] = {}  # id(node) -> (value, size): a node met again is an alias
    totals = [0, 0]  # written, repeated

    def value_of(node: Any, where: tuple, parent: Any) -> tuple[Any, int]:
        done = built.get(id(node))
        if done is not None:
            totals[1] += done[1]
            if totals[1] > max(ALIAS_BUDGET, totals[0]):
                raise _Problem(
                    "aliases expand this document far beyond its written size "
                    "(an alias bomb?); write the repeated parts out instead",
                    parent.start_mark, format_where(where),
                )
            return done
        tag = node.tag
        kind = type(node)
        if kind is scalar_node:
            text = node.value
            size = 1 + len(text)
            value = text if tag == _STR else _scalar(node, constructors, loader)
        elif kind is sequence_node:
            if tag != _SEQ:
                raise _Problem(f"unsupported tag {_show_tag(tag)!r}; only plain YAML is read", node.start_mark)
            totals[0] += 1
            value, size = [], 1
            append = value.append
            for index, item in enumerate(node.value):
                item_value, item_size = value_of(item, where + (index,), node)
                append(item_value)
                size += item_size
        else:
            if tag != _MAP:
                raise _Problem(f"unsupported tag {_show_tag(tag)!r}; only plain YAML is read", node.start_mark)
            totals[0] += 1
            value, size, marks = {}, 1, {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_node:
                    raise _Problem("a mapping key must be a plain string", key_node.start_mark)
                if id(key_node) in built:
                    raise _Problem("an alias cannot be a mapping key; write the key out", value_node.start_mark)
                if key_node.tag == _MERGE:
                    raise _Problem("merge keys (<<) are not supported; write the keys out", key_node.start_mark)
                key, key_size = value_of(key_node, where, node)
                if not isinstance(key, str):
                    key = key_node.value  # 1: or yes: -> the text
                if key in value:
                    first = marks[key].line + 1
                    raise _Problem(
                        f"key {_short(key)} is written twice in one mapping (first at line {first})",
                        key_node.start_mark,
                    )
                marks[key] = key_node.start_mark
                value[key], item_size = value_of(value_node, where + (key,), node)
                size += key_size + item_size
        if kind is scalar_node:
            totals[0] += size
        built[id(node)] = (value, size)
        return value, size

    return value_of(root, (), None)[0]


def _scalar(node: Any, constructors: dict, loader: Any) -> Any:
    """A scalar that is not plain text: a number, a boolean, null, or a refused tag."""
    tag = node.tag
    if tag == _TIMESTAMP:
        return node.value  # dates stay text: the format has no date fields
    if tag == _BINARY:
        raise _Problem("binary values are not supported", node.start_mark)
    if tag not in _SCALAR_TAGS:
        raise _Problem(f"unsupported tag {_show_tag(tag)!r}; only plain YAML is read", node.start_mark)
    try:
        return constructors[tag](loader, node)
    except Exception:  # PyYAML's constructors raise ValueError, KeyError (!!bool x), IndexError (!!int '')...
        raise _Problem(f"unreadable value {_short(node.value)}: not a valid {_show_tag(tag)}", node.start_mark) from None


_CONTENT = re.compile("(?:^|[\x85\u2028\u2029])[ \t\r]*[^ \t\r\n\x85\u2028\u2029#]", re.MULTILINE)
"""Something other than YAML's blanks and comments at the start of a line (YAML breaks lines at
\\r, \\n, U+0085, U+2028 and U+2029; only spaces and tabs are blank: U+00A0 or U+3000 is text)."""

KB_FILE = "a knowledge-base file"
"""What :func:`parse_file` calls the file in its messages, unless told otherwise."""


def parse_file(path: Path, kind: str = KB_FILE, start: str = "format: 1") -> ParsedFile:
    """Read one YAML mapping into plain data with positions, or raise KnowledgeBaseError.

    ``kind`` names the file in messages ("a knowledge-base file", "a profile") and
    ``start`` is the first line such a file should have, so other YAML files pmpath
    reads (a profile, an answers file) get the same checks and line numbers.
    """
    name = str(path)

    def fail(message: str, line: int | None = None, column: int | None = None) -> KnowledgeBaseError:
        return KnowledgeBaseError([Diagnostic(name, line, column, "", message)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"file is {size / 1048576:.0f} MiB; the limit is {MAX_FILE_BYTES // 1048576} MiB")
        raw = files.read_regular(path, MAX_FILE_BYTES)  # the size may change between stat and read
        if len(raw) > MAX_FILE_BYTES:
            raise fail(f"file is over {MAX_FILE_BYTES // 1048576} MiB, the limit")
    except KnowledgeBaseError:
        raise
    except files.NotARegularFile as exc:
        raise fail(str(exc)) from None
    except IsADirectoryError:
        raise fail("is a directory, not a file") from None
    except FileNotFoundError:
        raise fail("no such file or directory") from None
    except PermissionError:
        raise fail("permission denied") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line, column) from None
    if not _CONTENT.search(text):
        raise fail(f"file is empty; {kind} starts with '{start}'", 1, 1)
    import yaml

    loader = _yaml_loader()(text)
    try:
        root = loader.get_single_node()  # what yaml.compose does, keeping the loader for its constructors
        data = _build(root, loader) if root is not None else None
    except _Problem as problem:
        mark = problem.mark
        error = fail(problem.message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        error.diagnostics[0] = error.diagnostics[0]._replace(where=problem.where)
        raise error from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        if exc.problem == "but found another document":
            raise fail("holds more than one YAML document (---); put one document in each file", line, column) from None
        if exc.problem and exc.problem.startswith("found undefined alias") and mark:
            lines = text.splitlines()
            written = re.match(r"\*([^\s,\[\]{}]*)", lines[mark.line][mark.column:] if mark.line < len(lines) else "")
            anchor = written.group(1) if written else "?"
            raise fail(f"the alias *{anchor} names no anchor (&{anchor}) above it", line, column) from None
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        if exc.problem and exc.problem.startswith("mapping values are not allowed") and mark:
            what += "; " + _colon_hint(text, mark.line)
        if "maximum nesting depth" in what:  # libyaml 0.2.6 stops at 1,000 levels while it reads ahead
            raise fail(f"nested more than {MAX_NESTING} levels deep", line, column) from None
        raise fail(f"YAML syntax error: {what}", line, column) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        raise fail(f"file is empty; {kind} starts with '{start}'", 1, 1)
    if not isinstance(data, dict):
        found = _type_name(data)
        raise fail(f"the top level is {found}; {kind} is a mapping that starts with '{start}'", 1, 1)
    return ParsedFile(name, data, root)


_KEY_AND_TEXT = re.compile(r"(\s*(?:-\s+)?)([A-Za-z_][\w-]*):[ \t]+([^'\"|>&*!#\s][^#]*?)\s*")


def _colon_hint(text: str, line: int) -> str:
    """What to do about PyYAML's "mapping values are not allowed": quote the text, shown on the line itself."""
    import json

    from .. import text as text_policy

    hint = "text with ': ' in it must be put in quotes"
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    found = _KEY_AND_TEXT.fullmatch(written)
    if found is None or len(written) > 200 or text_policy.problem(written):
        return hint
    _, key, value = found.groups()
    return hint + f": {key}: {json.dumps(value, ensure_ascii=False)}"


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _type_name(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    """The model class inside list[...], Optional[...], Annotated[...], if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(loc: tuple, root: type[BaseModel] | None = None) -> type[BaseModel] | None:
    """The model class that a validation location points into (``root`` defaults to a knowledge-base file)."""
    model: type[BaseModel] | None = root or schema.KnowledgeBaseFile
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        by_alias = {(f.alias or name): f for name, f in model.model_fields.items()}
        info = by_alias.get(part)
        if info is None:
            return model if part == loc[-1] else None
        model = _unwrap(info.annotation)
    return model


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlist = _REPR.maxdict = 4
_REPR.maxlevel = 2


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: messages stay one readable line.

    Only the first items and levels of a list or mapping are looked at, so even a
    value built from aliases many levels deep costs nothing to show.
    """
    text = _REPR.repr(value) if not isinstance(value, str) else repr(value[: limit + 1])
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def error_messages(error: ValidationError | list[dict], root: type[BaseModel] | None = None) -> list[tuple[tuple, str]]:
    """A pydantic error (or its list of errors) as (location, message) pairs a person can act on, without repeats.

    ``root`` is the model that was validated (default: a knowledge-base file);
    locations are paths inside it.
    """
    root = root or schema.KnowledgeBaseFile
    out: list[tuple[tuple, str]] = []
    seen: set[tuple] = set()
    items = error.errors(include_url=False) if isinstance(error, ValidationError) else error
    for item in items:
        loc = tuple(part for part in item["loc"] if isinstance(part, (str, int)))
        # Drop pydantic's internal steps (e.g. 'function-after[...]') from the path.
        loc = tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
        kind = item["type"]
        if kind == "extra_forbidden":
            model = _model_at(loc[:-1] + ("__extra__",), root)
            key = loc[-1]
            message = f"unknown key {_short(key)}"
            if model is not None:
                close = difflib.get_close_matches(str(key), _known_keys(model), n=1, cutoff=0.6)
                if close:
                    message += f" (did you mean {close[0]!r}?)"
                else:
                    message += f"; known keys: {', '.join(_known_keys(model))}"
        elif kind == "missing":
            message = f"missing required key {loc[-1]!r}"
            if loc == ("format",) and root is schema.KnowledgeBaseFile:
                message += "; start the file with 'format: 1'"
            loc = loc[:-1] if loc else loc
        else:
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            value = item.get("input")
            if kind in ("int_type", "float_type", "bool_type") and isinstance(value, str):
                message += f", found the text {_short(value)}"
                if _reads_as(kind, value):
                    message += "; write it without quotes"
            elif kind in ("int_type", "int_from_float") and isinstance(value, float):
                message = f"Input should be a whole number, found {value!r}"
            elif kind.endswith("_type") or kind in ("model_type", "model_attributes_type", "list_type", "dict_type"):
                message += f", found {_type_name(value)}"
            elif kind == "string_pattern_mismatch" and isinstance(value, str) and (
                (item.get("ctx") or {}).get("pattern") in (schema.TEXT_PATTERN, schema.LINE_PATTERN)
            ):
                single_line = item["ctx"]["pattern"] == schema.LINE_PATTERN
                message = schema.text_problem(value, single_line, strip=True) or message
            elif kind == "string_pattern_mismatch":
                suggestion = schema.normalize_key(value)[:64].strip("-") if isinstance(value, str) else ""
                if not re.fullmatch(schema.ID_PATTERN, suggestion):
                    suggestion = ""  # a title in another script: ids stay ASCII, so no id to suggest
                message = (
                    f"{_short(value)} is not a valid id: use lower-case letters, digits and single hyphens"
                    + (f" (e.g. {suggestion!r})" if suggestion else "")
                )
                if isinstance(value, str) and not value.isascii():
                    message += " (a-z, 0-9); a name in another script goes in the title or an alias"
            elif kind in ("int_parsing", "float_parsing", "bool_parsing"):
                message = message.split(",")[0] + f", found {_short(value)}"
            elif kind == "literal_error" and loc and loc[-1] == "format":
                message = f"unsupported format version {_short(value)}; this pmpath reads format {schema.FORMAT_VERSION}"
            elif kind == "literal_error":
                message += f", found {_short(value)}"
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        out.append((loc, message))
    return out


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _reads_as(kind: str, text: str) -> bool:
    """Whether ``text`` (a quoted YAML string) would be of the type ``kind`` asks for, written without quotes."""
    text = text.strip()
    if kind == "int_type":
        return re.fullmatch(r"[+-]?[0-9]+", text) is not None
    if kind == "float_type":
        return _NUMBER.fullmatch(text) is not None
    return text.lower() in ("true", "false")


_STOPPED = f"stopped after {MAX_PROBLEMS:,} problems; fix these and check again"


def _stopped(path: str | None) -> Diagnostic:
    return Diagnostic(path, None, None, "", _STOPPED)


def count_problems(diagnostics: list[Diagnostic]) -> str:
    """``"3 problems"``, ``"1 problem"``, or ``"more than 1,000 problems"`` when the check stopped."""
    if diagnostics and diagnostics[-1].message == _STOPPED:
        return f"more than {MAX_PROBLEMS:,} problems"
    return f"{len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''}"


def _model_fields(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    """``("list", M)`` for list[M], ``("one", M)`` for M or Optional[M]; None for anything else."""
    model = _unwrap(annotation)
    if model is None:
        return None
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        return "list", model
    return "one", model


VALIDATION_BATCH = 200
"""Items of a list of models validated in one call into pydantic."""


def validate_capped(data: Any, model: type[BaseModel], limit: int = MAX_PROBLEMS) -> tuple[BaseModel | None, list[dict], bool]:
    """Validate ``data`` as ``model``: (the model or None, at most ``limit`` errors, whether there were more).

    Mappings are validated field by field and lists of models in batches of
    VALIDATION_BATCH items, one call into pydantic each (a valid file of 10,000
    roles takes a hundred calls, not one per statement). A batch with more
    mistakes than are left to report is gone through item by item, and so on
    down, so a file with a million mistakes yields ``limit`` error records, not a
    million: validation stops once ``limit`` errors are found.
    """
    split: list[tuple[str, str, type[BaseModel], Any]] = []
    if isinstance(data, dict):
        fields = {(info.alias or name): info for name, info in model.model_fields.items()}
        for key, value in data.items():
            shape = _model_fields(fields[key].annotation) if key in fields else None
            if shape is not None and isinstance(value, list if shape[0] == "list" else dict):
                split.append((key, shape[0], shape[1], value))
    if not split:
        try:
            return model.model_validate(data), [], False
        except ValidationError as error:
            if error.error_count() > limit:
                return None, error.errors(include_url=False)[:limit], True
            return None, error.errors(include_url=False), False
    errors: list[dict] = []
    values = dict(data)

    def take(prefix: tuple, found: list[dict]) -> bool:
        """Add errors found under ``prefix``; True once the limit is reached."""
        errors.extend({**e, "loc": prefix + tuple(e["loc"])} for e in found)
        return len(errors) >= limit

    for key, shape, inner, value in split:
        if shape == "one":
            instance, found, more = validate_capped(value, inner, limit - len(errors))
            if take((key,), found) or more:
                return None, errors[:limit], True
            values[key] = instance
            continue
        done: list = []
        for start in range(0, len(value), VALIDATION_BATCH):
            batch = value[start:start + VALIDATION_BATCH]
            try:
                done += _list_adapter(inner).validate_python(batch)
                continue
            except ValidationError as error:
                if error.error_count() <= limit - len(errors):
                    found = error.errors(include_url=False)
                    for e in found:  # the batch's index -> the list's
                        e["loc"] = (start + e["loc"][0], *e["loc"][1:])
                    if take((key,), found):
                        return None, errors[:limit], True
                    continue
            for offset, item in enumerate(batch):  # too many mistakes to collect at once
                instance, found, more = validate_capped(item, inner, limit - len(errors))
                if take((key, start + offset), found) or more:
                    return None, errors[:limit], True
                done.append(instance)
        values[key] = done
    # With mistakes in the parts (fewer than the limit), validating the whole mapping
    # as written costs at most the limit plus its own few fields, and reports
    # exactly what pydantic reports; without them, the validated parts are reused.
    try:
        return model.model_validate(data if errors else values), [], False
    except ValidationError as error:
        found = error.errors(include_url=False)
        return None, found[:limit], len(found) > limit


@functools.lru_cache(maxsize=None)
def _list_adapter(model: type[BaseModel]):
    from pydantic import TypeAdapter

    return TypeAdapter(list[model])


@dataclass
class LoadedFile:
    """A file that parsed and matched the format: its data with positions, and its document."""

    parsed: ParsedFile
    document: schema.KnowledgeBaseFile


def validation_diagnostics(
    parsed: ParsedFile, error: ValidationError | list[dict], root: type[BaseModel] | None = None
) -> list[Diagnostic]:
    """A pydantic error on ``parsed`` (validated as ``root``) as located, readable diagnostics, in file order."""
    out = []
    for loc, message in error_messages(error, root):
        line_col = parsed.position(loc)
        out.append(Diagnostic(parsed.path, *(line_col or (None, None)), format_where(loc), message))
    out.sort(key=lambda d: (d.line or 0, d.column or 0))
    return out


def validate_file(parsed: ParsedFile) -> tuple[schema.KnowledgeBaseFile | None, list[Diagnostic]]:
    """Validate one parsed file against the schema, reporting every problem in it (up to MAX_PROBLEMS)."""
    document, errors, more = validate_capped(parsed.data, schema.KnowledgeBaseFile)
    if document is not None:
        return document, []  # type: ignore[return-value]
    out = validation_diagnostics(parsed, errors)
    if more:
        out.append(_stopped(parsed.path))
    return None, out


def _read(paths: Iterable[Path], diagnostics: list[Diagnostic]) -> list[LoadedFile]:
    """Parse and validate every file of ``paths``; problems go to ``diagnostics``."""
    loaded: list[LoadedFile] = []
    for path in paths:
        try:
            members = kb_files(path)
        except KnowledgeBaseError as error:
            diagnostics.extend(error.diagnostics)
            continue
        total = sum(_size(file) for file in members) if len(members) > 1 else 0
        if total > MAX_TOTAL_BYTES:
            diagnostics.append(Diagnostic(
                str(path), None, None, "",
                f"its files add up to {total / 1048576:.1f} MiB; the limit is {MAX_TOTAL_BYTES // 1048576} MiB",
            ))
            continue
        for file in members:
            try:
                parsed = parse_file(file)
            except KnowledgeBaseError as error:
                diagnostics.extend(error.diagnostics)
                continue
            document, problems = validate_file(parsed)
            diagnostics.extend(problems)
            if document is not None:
                loaded.append(LoadedFile(parsed, document))
    return loaded


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0  # parse_file reports why it cannot be read


def check(
    paths: list[Path], warnings: list[Diagnostic] | None = None
) -> tuple[schema.KnowledgeBase | None, list[Diagnostic]]:
    """Load and check knowledge-base paths (together, one knowledge base), collecting every problem.

    First every file is read and checked against the format; if any file fails,
    those problems are returned (the merged knowledge base would be incomplete).
    Then the files are merged (see :mod:`pmpath.kb.merge`; with ``extends: builtin``
    the built-in files come first) and the cross-references are checked.
    A valid knowledge base's warnings (:func:`pmpath.kb.checks.name_warnings`), located
    like problems, go to ``warnings`` when it is given.
    """
    diagnostics: list[Diagnostic] = []
    own = _read(paths, diagnostics)
    base: list[LoadedFile] = []
    if merge.extends_builtin([loaded.document for loaded in own]):
        base = _read([files.builtin_data_dir()], diagnostics)
    everything = ", ".join(str(path) for path in paths)
    if len(diagnostics) > MAX_PROBLEMS:
        return None, diagnostics[:MAX_PROBLEMS] + [_stopped(everything)]
    if diagnostics:
        return None, diagnostics
    documents = [*base, *own]
    merged = merge.merge([loaded.document for loaded in own], [loaded.document for loaded in base])

    def diagnostic(place: merge.Place, message: str) -> Diagnostic:
        parsed = documents[place.document].parsed
        line_col = parsed.position(place.loc)
        return Diagnostic(parsed.path, *(line_col or (None, None)), format_where(place.loc), message)

    found: list[tuple[int, Diagnostic]] = []
    for problem in merged.problems:
        message = problem.message
        if problem.first is not None:
            first = diagnostic(problem.first, "")
            message += f" (first at {first.file}:{first.line})" if first.line else ""
        found.append((problem.place.document, diagnostic(problem.place, message)))
    for invalid in merged.invalid:
        for loc, message in error_messages(invalid.error, invalid.model):
            place = invalid.locate(loc)
            found.append((place.document, diagnostic(place, message)))
    def locate(problem: checks.Problem) -> merge.Place:
        return merged.origins[problem.section][problem.index].locate(tuple(problem.field))

    reference = None
    if any(level.equivalent is not None for level in merged.kb.levels):
        reference = _reference_level_ids(base)
    for problem in checks.cross_reference_problems(merged.kb, reference):
        place, other = locate(problem), problem.also
        message = problem.message
        if other is not None:
            other_place = locate(other)
            if place.document < len(base) <= other_place.document:
                # Told at the user's own line (an override, an added entry), naming the built-in one.
                problem, other, place, other_place = other, problem, other_place, place
                message = problem.message
            here, there = diagnostic(place, ""), diagnostic(other_place, "")
            if there.line is not None:
                earlier = here.line is None or (other_place.document, there.line, there.column or 0) < (
                    place.document, here.line, here.column or 0
                )
                message += f" ({'first' if earlier else 'also'} at {there.file}:{there.line})"
            if place.document >= len(base) > other_place.document and other.field[:1] == ("aliases",):
                holder = getattr(merged.kb, other.section)[other.index]
                alias = holder.aliases[other.field[1]]
                message += f"; override the 'aliases' of {holder.id!r} too, leaving out {alias!r}"
        if place.document < len(base):
            message += " (a built-in entry, affected by your changes)"
        found.append((place.document, diagnostic(place, message)))
    # The knowledge base's own files first, then the built-in ones; by line within a file.
    found.sort(key=lambda item: (item[0] < len(base), item[0], item[1].line or 0, item[1].column or 0))
    diagnostics = [item for _, item in found]
    if len(diagnostics) > MAX_PROBLEMS:
        diagnostics = diagnostics[:MAX_PROBLEMS] + [_stopped(everything)]
    if warnings is not None and not diagnostics:
        for problem in checks.name_warnings(merged.kb):
            place = merged.origins[problem.section][problem.index].locate(tuple(problem.field))
            warnings.append(diagnostic(place, "warning: " + problem.message))
    return (None if diagnostics else merged.kb), diagnostics


def _reference_level_ids(base: list[LoadedFile]) -> frozenset[str]:
    """The ids of the built-in ladder's levels, which ``equivalent`` names: from ``base`` when it was read.

    Otherwise the built-in files are parsed (not validated: pmpath ships them valid) and only
    their level ids are taken; a standalone company ladder names its equivalents there too.
    """
    if base:
        return frozenset(level.id for loaded in base for level in loaded.document.levels)
    ids = set()
    for path in files.input_files(None):
        data = parse_file(path).data
        for level in (data.get("levels") or []) if isinstance(data, dict) else []:
            if isinstance(level, dict) and isinstance(level.get("id"), str):
                ids.add(level["id"])
    return frozenset(ids)


def load(path: Path | str | None = None) -> schema.KnowledgeBase:
    """Load a knowledge base (the built-in one by default) or raise KnowledgeBaseError.

    The single entry point: returns the final, merged and checked knowledge base
    (with ``extends: builtin``, the built-in files are read too).
    """
    target = files.target(path)
    kb, diagnostics = check([target])
    if diagnostics or kb is None:
        raise KnowledgeBaseError(diagnostics)
    return kb
