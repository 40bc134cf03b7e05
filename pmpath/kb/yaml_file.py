"""YAML -> plain data with positions: PyYAML's composer, with limits.

YAML is read by PyYAML (libyaml's C loader when available) into its node graph
(:func:`yaml.compose`), where every node keeps the line and column it came from.
The read stops the moment nesting or size crosses a limit; the graph is then
turned into plain data, refusing every tag that would construct an object, a key
written twice, and aliases that would expand far beyond the written document.
"""

from __future__ import annotations

import functools
import re
import reprlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import files
from ..files import Diagnostic, KnowledgeBaseError

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024
MAX_NESTING = 100
MAX_NODES = 600_000
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
