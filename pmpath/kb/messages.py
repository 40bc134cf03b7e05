"""Pydantic's validation errors -> located, readable problems (``FILE:LINE:COLUMN: where: what``).

Validation stops after MAX_PROBLEMS problems, in batches, so a flood of them costs little.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..files import Diagnostic
from . import extend, schema
from .yaml_file import ParsedFile, _short, _show_tag, _type_name, format_where  # noqa: F401

MAX_PROBLEMS = 1000
"""Problems reported for one knowledge base; a flood of them stops there."""

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
    model: type[BaseModel] | None = root or extend.KnowledgeBaseFile
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


def error_messages(error: ValidationError | list[dict], root: type[BaseModel] | None = None) -> list[tuple[tuple, str]]:
    """A pydantic error (or its list of errors) as (location, message) pairs a person can act on, without repeats.

    ``root`` is the model that was validated (default: a knowledge-base file);
    locations are paths inside it.
    """
    root = root or extend.KnowledgeBaseFile
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
            if loc == ("format",) and root is extend.KnowledgeBaseFile:
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
                expected = (item.get("ctx") or {}).get("expected") or str(schema.FORMAT_VERSION)
                message = f"unsupported format version {_short(value)}; this pmpath reads format {expected}"
            elif kind == "literal_error":
                message += f", found {_short(value)}"
                expected = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
                close = difflib.get_close_matches(value, expected, n=1, cutoff=0.6) if isinstance(value, str) else []
                if close:
                    message += f" (did you mean {close[0]!r}?)"
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

