"""Files -> KnowledgeBase: read each file, validate it, merge them, check the whole.

Each file is read as YAML with the position of every value (:mod:`pmpath.kb.yaml_file`,
PyYAML's composer with limits) and validated against the format, its problems made
readable by :mod:`pmpath.kb.messages`. The files of a knowledge base are then validated one by one and merged
(:mod:`pmpath.kb.merge`). Problems are reported as :class:`Diagnostic` objects:
``FILE:LINE:COLUMN: where: what``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import files
from ..files import (  # noqa: F401  (part of this module's interface)
    YAML_SUFFIXES,
    Diagnostic,
    KnowledgeBaseError,
    builtin_data_dir,
    input_files,
    kb_files,
)
from . import checks, extend, merge, schema
from .messages import (  # noqa: F401  (part of this module's interface)
    MAX_PROBLEMS,
    count_problems,
    _stopped,
    error_messages,
    validate_capped,
    validation_diagnostics,
)
from .yaml_file import (  # noqa: F401  (part of this module's interface)
    ALIAS_BUDGET,
    MAX_FILE_BYTES,
    MAX_NESTING,
    MAX_NODES,
    MAX_TOTAL_BYTES,
    ParsedFile,
    format_where,
    parse_file,
)


@dataclass
class LoadedFile:
    """A file that parsed and matched the format: its data with positions, and its document."""

    parsed: ParsedFile
    document: extend.KnowledgeBaseFile


def validate_file(parsed: ParsedFile) -> tuple[extend.KnowledgeBaseFile | None, list[Diagnostic]]:
    """Validate one parsed file against the schema, reporting every problem in it (up to MAX_PROBLEMS)."""
    document, errors, more = validate_capped(parsed.data, extend.KnowledgeBaseFile)
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
    def locate(problem: checks.Finding) -> merge.Place:
        return merged.origins[problem.section][problem.index].locate(tuple(problem.field))

    reference = None
    if any(level.equivalent is not None for level in merged.kb.levels):
        reference = _reference_level_ids(base)
    chosen = merged.selection
    gone: dict[str, str] = {}
    if chosen.active:
        for section in ("tracks", "levels", "specializations", "backgrounds", "entry_routes", "resources"):
            for loaded in base:
                for entry in getattr(loaded.document, section):
                    where = chosen.why_gone(section, (entry.id,))
                    if where is not None and entry.id not in gone:
                        at = diagnostic(where, "")
                        how = "removed" if where.loc[:1] == ("remove",) else "left out by 'take'"
                        gone[entry.id] = f"the built-in {extend.noun(section)} {entry.id!r} is {how} at {at.file}:{at.line}; name one of yours"
    your_change = next(
        (merge.Place(place.document, ("remove",)) for places in chosen.removed.values() for place in places.values()),
        chosen.take_place,
    )
    for problem in checks.cross_reference_problems(merged.kb, reference, gone):
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
        if place.document < len(base) and your_change is not None:
            # A built-in entry your 'remove' or 'take' left without something: told at your line.
            there = diagnostic(place, "")
            message = f"{format_where(place.loc)}: {message} (the built-in entry at {there.file}:{there.line}, affected by your 'remove' or 'take')"
            place = your_change
        elif place.document < len(base):
            message += " (a built-in entry, affected by your changes)"
        found.append((place.document, diagnostic(place, message)))
    # The knowledge base's own files first, then the built-in ones; by line within a file.
    found.sort(key=lambda item: (item[0] < len(base), item[0], item[1].line or 0, item[1].column or 0))
    diagnostics = [item for _, item in found]
    if len(diagnostics) > MAX_PROBLEMS:
        diagnostics = diagnostics[:MAX_PROBLEMS] + [_stopped(everything)]
    if warnings is not None and not diagnostics:
        for note in merged.warnings:
            there = diagnostic(note.first, "") if note.first is not None else None
            at = f" (the built-in entry at {there.file}:{there.line})" if there and there.line else ""
            warnings.append(diagnostic(note.place, "warning: " + note.message + at))
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
