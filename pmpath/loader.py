"""Files -> KnowledgeBase: read YAML safely, keep line numbers, validate, merge.

The YAML is parsed into nodes (libyaml's C parser when available) and turned
into plain data here, so that every value keeps the line and column it came
from, a key written twice is caught, no tag ever constructs an object, and an
alias bomb is stopped before it expands. Problems are reported as
:class:`Diagnostic` objects: ``FILE:LINE:COLUMN: where: what``.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import schema

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NESTING = 100
YAML_SUFFIXES = (".yaml", ".yml")

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_MAP, _SEQ, _STR, _MERGE, _TIMESTAMP, _BINARY = (
    _TAG + name for name in ("map", "seq", "str", "merge", "timestamp", "binary")
)


@functools.lru_cache(maxsize=None)
def _yaml_loader() -> type:
    """The YAML loader class: libyaml's C parser with a quicker tag resolver.

    PyYAML is imported here, not at module level, so that commands answered from
    the cache (:mod:`pmpath.cache`) never pay for it. The C parser is several times
    faster than the pure-Python one; it calls the resolver once per node, so the
    resolver below does what PyYAML's does (same implicit-tag rules, first match
    wins) with its tables precomputed.
    """
    import yaml

    try:
        base: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - only without libyaml
        return yaml.SafeLoader
    by_first: dict[str, tuple] = {}
    table = base.yaml_implicit_resolvers
    wildcard = list(table.get(None, []))
    for first, resolvers in table.items():
        if first is not None:
            by_first[first] = tuple(resolvers) + tuple(wildcard)
    wildcard_only = tuple(wildcard)
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    default_scalar, default_sequence, default_mapping = (
        base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG,
    )
    if base.yaml_path_resolvers:  # pragma: no cover - SafeLoader registers none
        return base

    def resolve(self, kind, value, implicit):
        if kind is scalar_node:
            if implicit[0]:
                for tag, regexp in by_first.get(value[:1], wildcard_only):
                    if regexp.match(value):
                        return tag
            return default_scalar
        return default_sequence if kind is sequence_node else default_mapping

    return type("_FastCSafeLoader", (base,), {"resolve": resolve})


@dataclass(frozen=True)
class Diagnostic:
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


Position = tuple[int, int]  # 1-based line and column
Positions = dict[tuple, Position]


@dataclass
class ParsedFile:
    """A YAML file turned into plain data, with the position of every value."""

    path: str
    data: Any
    positions: Positions = field(default_factory=dict)

    def position(self, loc: Iterable) -> Position | None:
        """The position of the deepest node on ``loc`` that the file has."""
        loc = tuple(loc)
        while True:
            if loc in self.positions:
                return self.positions[loc]
            if not loc:
                return None
            loc = loc[:-1]


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


_FLOW_SPECIAL = re.compile(r"[\[\]{}'\"#]")


def _nesting_depth(text: str) -> tuple[int, int]:
    """Deepest flow nesting ([ and {) outside quotes and comments, and the line where it peaks.

    libyaml's composer recurses once per level, so a document nested thousands
    of levels deep can crash the interpreter; this linear scan runs first. It
    jumps from one bracket, quote or ``#`` to the next (a regular expression
    finds them), skipping whole comments and quoted strings, so a large file
    costs a fraction of a character-by-character loop. A quote opens only after
    a space, a line start or one of ``[{,:``; a backslash before a quote keeps
    it open.
    """
    depth = peak = peak_at = 0
    search = _FLOW_SPECIAL.search
    find = text.find
    at = -1
    while True:
        match = search(text, at + 1)
        if match is None:
            break
        at = match.start()
        char = text[at]
        previous = text[at - 1] if at else "\n"
        if char == "#":
            if previous in " \t\n":
                at = find("\n", at)
                if at < 0:
                    break
        elif char == "'" or char == '"':
            if previous in " \t\n[{,:":
                end = at
                while True:
                    end = find(char, end + 1)
                    if end < 0:  # never closed: the rest of the file is quoted
                        return peak, text.count("\n", 0, peak_at) + 1
                    if text[end - 1] != "\\":
                        break
                at = end
        elif char == "[" or char == "{":
            depth += 1
            if depth > peak:
                peak, peak_at = depth, at
        elif depth:
            depth -= 1
    return peak, text.count("\n", 0, peak_at) + 1


class _Builder:
    """Turns a composed YAML node tree into plain data, recording positions.

    ``aliases_possible`` is False when the text has no ``*`` at all, hence no
    alias: then the alias-bomb accounting is skipped and plain string values
    are taken inline (the common case, and most of the nodes of a large file).
    """

    def __init__(self, aliases_possible: bool = True) -> None:
        import yaml

        self.positions: Positions = {}
        self.visits = 0
        self.distinct: set[int] = set()
        self.count = aliases_possible
        self._constructor = yaml.SafeLoader("")
        self._mapping_node = yaml.MappingNode
        self._sequence_node = yaml.SequenceNode
        self._scalar_node = yaml.ScalarNode
        self._yaml_error = yaml.YAMLError

    def build(self, node: Any, loc: tuple, depth: int = 0) -> Any:
        if self.count:
            self.visits += 1
            self.distinct.add(id(node))
            if self.visits > 50_000 and self.visits > 20 * len(self.distinct):
                raise _Problem(
                    "aliases expand this document far beyond its written size "
                    "(an alias bomb?); write the repeated parts out instead",
                    node.start_mark,
                )
        if depth > MAX_NESTING:
            raise _Problem(f"nested more than {MAX_NESTING} levels deep", node.start_mark)
        mark = node.start_mark
        positions = self.positions
        if loc not in positions:
            positions[loc] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        scalar_node = self._scalar_node
        inline = not self.count and depth < MAX_NESTING  # a plain string child needs no call
        if kind is self._mapping_node:
            if node.tag != _MAP:
                raise _Problem(f"unsupported tag {_show_tag(node.tag)!r}; only plain YAML is read", mark)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_node:
                    raise _Problem("a mapping key must be a plain string", key_node.start_mark)
                key_tag = key_node.tag
                if key_tag == _STR:
                    key = key_node.value
                elif key_tag == _MERGE:
                    raise _Problem("merge keys (<<) are not supported; write the keys out", key_node.start_mark)
                else:
                    key = self.scalar(key_node)
                    if not isinstance(key, str):
                        key = key_node.value
                key_loc = loc + (key,)
                key_mark = key_node.start_mark
                if key in result:
                    first = positions.get(key_loc)
                    where = f" (first at line {first[0]})" if first else ""
                    raise _Problem(f"key {key!r} is written twice in one mapping{where}", key_mark)
                positions[key_loc] = (key_mark.line + 1, key_mark.column + 1)
                if inline and type(value_node) is scalar_node and value_node.tag == _STR:
                    result[key] = value_node.value
                else:
                    result[key] = self.build(value_node, key_loc, depth + 1)
            return result
        if kind is self._sequence_node:
            if node.tag != _SEQ:
                raise _Problem(f"unsupported tag {_show_tag(node.tag)!r}; only plain YAML is read", mark)
            build = self.build
            items = []
            for i, item in enumerate(node.value):
                item_loc = loc + (i,)
                if inline and type(item) is scalar_node and item.tag == _STR:
                    if item_loc not in positions:
                        item_mark = item.start_mark
                        positions[item_loc] = (item_mark.line + 1, item_mark.column + 1)
                    items.append(item.value)
                else:
                    items.append(build(item, item_loc, depth + 1))
            return items
        return self.scalar(node)

    def scalar(self, node: Any) -> Any:
        tag = node.tag
        if tag == _STR or tag == _TIMESTAMP:
            return node.value  # dates stay text: the format has no date fields
        if tag not in _SCALAR_TAGS:
            raise _Problem(f"unsupported tag {_show_tag(tag)!r}; only plain YAML is read", node.start_mark)
        if tag == _BINARY:
            raise _Problem("binary values are not supported", node.start_mark)
        try:
            return self._constructor.construct_object(node, deep=True)
        except (self._yaml_error, ValueError, OverflowError) as exc:
            raise _Problem(f"unreadable value {node.value!r}: {exc}", node.start_mark) from None


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
        raw = path.read_bytes()
    except KnowledgeBaseError:
        raise
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
    if not text.strip() or all(
        not stripped or stripped.startswith("#") for stripped in (ln.strip() for ln in text.splitlines())
    ):
        raise fail(f"file is empty; {kind} starts with '{start}'", 1, 1)
    depth, depth_line = _nesting_depth(text)
    if depth > MAX_NESTING:
        raise fail(f"brackets are nested {depth} levels deep; the limit is {MAX_NESTING}", depth_line)
    import yaml

    try:
        documents = list(yaml.compose_all(text, Loader=_yaml_loader()))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise fail(f"YAML syntax error: {what}", line, column) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML error: {exc}") from None
    except RecursionError:
        raise fail("nested too deeply to read") from None
    documents = [doc for doc in documents if doc is not None]
    if not documents:
        raise fail(f"file is empty; {kind} starts with '{start}'", 1, 1)
    if len(documents) > 1:
        mark = documents[1].start_mark
        raise fail("holds more than one YAML document (---); put one document in each file", mark.line + 1, mark.column + 1)
    builder = _Builder(aliases_possible="*" in text)
    try:
        data = builder.build(documents[0], ())
    except _Problem as problem:
        mark = problem.mark
        raise fail(problem.message, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except RecursionError:
        raise fail("nested too deeply to read") from None
    if not isinstance(data, dict):
        found = _type_name(data)
        raise fail(f"the top level is {found}; {kind} is a mapping that starts with '{start}'", 1, 1)
    return ParsedFile(name, data, builder.positions)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _type_name(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
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


def _model_at(loc: tuple, root: type[BaseModel] = schema.KnowledgeBaseFile) -> type[BaseModel] | None:
    """The model class that a validation location points into."""
    model: type[BaseModel] | None = root
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


def validation_diagnostics(
    parsed: ParsedFile, error: ValidationError, root: type[BaseModel] = schema.KnowledgeBaseFile
) -> list[Diagnostic]:
    """A pydantic error on ``parsed`` (validated as ``root``) as located, readable diagnostics."""
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if isinstance(part, (str, int)))
        # Drop pydantic's internal steps (e.g. 'function-after[...]') from the path.
        loc = tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
        kind = item["type"]
        if kind == "extra_forbidden":
            model = _model_at(loc[:-1] + ("__extra__",), root)
            key = loc[-1]
            message = f"unknown key {key!r}"
            if model is not None:
                close = difflib.get_close_matches(str(key), _known_keys(model), n=1, cutoff=0.6)
                if close:
                    message += f" (did you mean {close[0]!r}?)"
                else:
                    message += f"; known keys: {', '.join(_known_keys(model))}"
        elif kind == "missing":
            message = f"missing required key {loc[-1]!r}"
            loc = loc[:-1] if loc else loc
            parent_where = format_where(loc)
            key = (parent_where, message)
            if key in seen:
                continue
            seen.add(key)
            line_col = parsed.position(loc)
            out.append(Diagnostic(parsed.path, *(line_col or (None, None)), parent_where, message))
            continue
        else:
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            if kind.endswith("_type") or kind in ("model_type", "model_attributes_type", "list_type", "dict_type"):
                message += f", found {_type_name(item.get('input'))}"
            elif kind == "string_pattern_mismatch":
                value = item.get("input")
                suggestion = schema.normalize_key(value) if isinstance(value, str) else ""
                message = (
                    f"{value!r} is not a valid id: use lower-case letters, digits and single hyphens"
                    + (f" (e.g. {suggestion!r})" if suggestion else "")
                )
            elif kind == "int_parsing" or kind == "float_parsing":
                message += f", found {_type_name(item.get('input'))}"
            elif kind == "literal_error" and loc and loc[-1] == "format":
                message = f"unsupported format version {item.get('input')!r}; this pmpath reads format {schema.FORMAT_VERSION}"
        where = format_where(loc)
        if (where, message) in seen:
            continue
        seen.add((where, message))
        line_col = parsed.position(loc)
        out.append(Diagnostic(parsed.path, *(line_col or (None, None)), where, message))
    return out


@dataclass
class LoadedFile:
    parsed: ParsedFile
    document: schema.KnowledgeBaseFile


def validate_file(parsed: ParsedFile) -> tuple[schema.KnowledgeBaseFile | None, list[Diagnostic]]:
    """Validate one parsed file against the schema."""
    if "format" not in parsed.data:
        return None, [
            Diagnostic(parsed.path, 1, 1, "", "missing required key 'format'; start the file with 'format: 1'")
        ]
    try:
        return schema.KnowledgeBaseFile.model_validate(parsed.data), []
    except ValidationError as error:
        return None, validation_diagnostics(parsed, error)


def merge(files: list[LoadedFile]) -> tuple[schema.KnowledgeBase, list[tuple[LoadedFile, int]]]:
    """Merge validated documents; returns the knowledge base and, per section, the origin of each item."""
    sections: dict[str, list] = {name: [] for name in schema.SECTIONS}
    origins: dict[str, list[tuple[LoadedFile, int]]] = {name: [] for name in schema.SECTIONS}
    name = description = None
    for loaded in files:
        doc = loaded.document
        name = name or doc.name
        description = description or doc.description
        for section in schema.SECTIONS:
            items = getattr(doc, section)
            sections[section].extend(items)
            origins[section].extend((loaded, i) for i in range(len(items)))
    kb = schema.KnowledgeBase(
        name=name or "knowledge base", description=description, **sections
    )
    return kb, origins


def check(paths: list[Path]) -> tuple[schema.KnowledgeBase | None, list[Diagnostic]]:
    """Load and check knowledge-base paths, collecting every problem instead of stopping at the first."""
    diagnostics: list[Diagnostic] = []
    loaded: list[LoadedFile] = []
    for path in paths:
        try:
            files = kb_files(path)
        except KnowledgeBaseError as error:
            diagnostics.extend(error.diagnostics)
            continue
        for file in files:
            try:
                parsed = parse_file(file)
            except KnowledgeBaseError as error:
                diagnostics.extend(error.diagnostics)
                continue
            document, problems = validate_file(parsed)
            diagnostics.extend(problems)
            if document is not None:
                loaded.append(LoadedFile(parsed, document))
    if diagnostics:
        return None, diagnostics
    kb, origins = merge(loaded)
    for problem in schema.cross_reference_problems(kb):
        origin, index = origins[problem.section][problem.index]
        loc = (problem.section, index) + tuple(problem.field)
        line_col = origin.parsed.position(loc)
        diagnostics.append(
            Diagnostic(origin.parsed.path, *(line_col or (None, None)), format_where(loc), problem.message)
        )
    return (None if diagnostics else kb), diagnostics


def _target(path: Path | str | None) -> Path:
    return Path(path).expanduser() if path is not None else builtin_data_dir()


def input_files(path: Path | str | None = None) -> list[Path]:
    """Every file that :func:`load` reads for ``path``, in reading order.

    A cache (:mod:`pmpath.cache`) keys its entries on these files' identity, so
    whatever :func:`load` reads must be listed here. Raises KnowledgeBaseError,
    as :func:`load` would, when the path holds no knowledge base.
    """
    return kb_files(_target(path))


def load(path: Path | str | None = None) -> schema.KnowledgeBase:
    """Load a knowledge base (the built-in one by default) or raise KnowledgeBaseError."""
    target = _target(path)
    kb, diagnostics = check([target])
    if diagnostics or kb is None:
        raise KnowledgeBaseError(diagnostics)
    return kb
