"""Validated documents -> one KnowledgeBase: the merge rules, as pure functions.

A knowledge base is one or more documents (YAML files, already validated one by
one). If any of them says ``extends: builtin``, the documents of the built-in
knowledge base come first, as the *base*. Then, section by section (every
section in :data:`pmpath.kb.schema.SECTIONS`, with no per-section code):

1. The base's entries, in their order.
2. Each document's entries, in file order, added after them. An entry whose
   name (its ``id``, or the keys in :data:`pmpath.kb.extend.ENTRY_KEYS`) is already
   in the base is a problem: changing a built-in entry is what ``override`` is for.
3. Each document's ``override`` entries, in file order: the entry with that name
   (in the base or in any document) gets the fields given, replacing the old
   values wholesale (a list replaces the whole list). The changed entry is then
   validated as a whole. Naming no entry, or an entry already overridden, is a
   problem.

``name`` and ``description`` come from the first document that gives them,
the knowledge base's own documents before the base's.

Nothing here reads files or knows about lines: a problem is placed by
:class:`Place` (which document, and the path inside it), and the loader turns
places into ``FILE:LINE:COLUMN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from pydantic import BaseModel, ValidationError

from . import checks, extend, schema, select


@dataclass(frozen=True)
class Place:
    """A location in one of the documents given to :func:`merge`.

    ``document`` indexes ``[*base, *documents]``; ``loc`` is the path inside it,
    e.g. ``("levels", 2, "title")``.
    """

    document: int
    loc: tuple = ()


@dataclass
class EntryOrigin:
    """Where an entry of the merged knowledge base was written, field by field."""

    place: Place
    overridden: dict[str, Place] = field(default_factory=dict)
    """YAML key of a replaced field -> the override entry that replaced it."""

    def locate(self, path: tuple = ()) -> Place:
        """The place of ``path`` (a field path inside the entry, e.g. ``("title",)``)."""
        if path and path[0] in self.overridden:
            origin = self.overridden[path[0]]
            return Place(origin.document, origin.loc + tuple(path))
        return Place(self.place.document, self.place.loc + tuple(path))


@dataclass(frozen=True)
class MergeProblem:
    """An entry that could not be added or an override that could not be applied."""

    place: Place
    message: str
    first: Place | None = None
    """For "given twice" problems: where it was given first."""


@dataclass(frozen=True)
class InvalidOverride:
    """An override whose result does not validate; the base entry is kept."""

    origin: EntryOrigin
    override: Place
    model: type[BaseModel]
    error: ValidationError

    def locate(self, path: tuple) -> Place:
        """Where to report a problem at ``path``: the overridden field, else the override itself."""
        if path and path[0] in self.origin.overridden:
            return self.origin.locate(path)
        return self.override


@dataclass
class Merged:
    """The result of :func:`merge`."""

    kb: schema.KnowledgeBase
    origins: dict[str, list[EntryOrigin]]
    """Per section, the origin of each entry, in the knowledge base's order."""
    problems: list[MergeProblem]
    invalid: list[InvalidOverride]
    extends: bool
    selection: select.Selection = field(default_factory=select.Selection)
    """What the documents take from and remove from the built-in knowledge base (pmpath.kb.select)."""
    warnings: list[MergeProblem] = field(default_factory=list)
    """What the selection left out that a reader may not expect (e.g. a built-in background)."""


def extends_builtin(documents: Sequence[extend.KnowledgeBaseFile]) -> bool:
    """Whether any document asks to start from the built-in knowledge base."""
    return any(document.extends == "builtin" for document in documents)


def merge(
    documents: Sequence[extend.KnowledgeBaseFile],
    base: Sequence[extend.KnowledgeBaseFile] = (),
) -> Merged:
    """Merge ``documents`` onto ``base`` (the built-in documents, or nothing)."""
    all_documents = [*base, *documents]
    first_own = len(base)
    problems: list[MergeProblem] = []
    invalid: list[InvalidOverride] = []
    sections: dict[str, list] = {}
    origins: dict[str, list[EntryOrigin]] = {}
    chosen = select.select(documents, base, first_own, Place, lambda place, message: problems.append(MergeProblem(place, message)))

    for section in schema.SECTIONS:
        entries: list = []
        where: list[EntryOrigin] = []
        keyed = bool(extend.entry_key_fields(section))
        base_keys: set = set()
        for number, document in enumerate(all_documents):
            if number < first_own and not chosen.keeps_section(section):
                continue
            for index, entry in enumerate(getattr(document, section)):
                if number < first_own and not chosen.keeps(section, entry):
                    continue
                if base_keys and number >= first_own:
                    key = extend.entry_key(section, entry)
                    if key in base_keys:
                        problems.append(MergeProblem(
                            Place(number, (section, index, extend.entry_key_fields(section)[0])),
                            f"{extend.noun(section)} {extend.format_key(key)!r} is already in the built-in "
                            f"knowledge base; to change it, list it under 'override: {section}:' "
                            "with only the fields to change",
                        ))
                        continue
                entries.append(entry)
                where.append(EntryOrigin(Place(number, (section, index))))
                if keyed and number < first_own:
                    base_keys.add(extend.entry_key(section, entry))
        if keyed and any(getattr(document.override, section, None) for document in documents):
            _apply_overrides(section, entries, where, all_documents, first_own, problems, invalid)
        sections[section] = entries
        origins[section] = where

    warnings: list[MergeProblem] = []
    if chosen.active:
        base_ids = {
            section: {entry.id for document in base for entry in getattr(document, section)}
            for section in ("levels", "specializations", "tracks", "entry_routes", "resources", "backgrounds")
        }

        def warn(origin: EntryOrigin, section: str, entry_id: str, lost: tuple) -> None:
            place = next((chosen.why_gone("levels", (level,)) for level in lost), None) or chosen.take_place
            warnings.append(MergeProblem(
                place or origin.place,
                f"the built-in {extend.noun(section)} {entry_id!r} is left out: "
                + (f"its first target {lost[0]!r} is gone" if lost else "its first target or its routes are gone")
                + f"; to keep it, list it under 'override: {section}:' with 'targets' (and 'routes') of your own",
                first=origin.place,
            ))

        select.prune(sections, origins, base_ids, first_own, warn)

    def first_given(attribute: str):
        for document in [*documents, *base]:
            value = getattr(document, attribute)
            if value is not None:
                return value
        return None

    # Every entry was validated with its file; the knowledge base has no checks of its own.
    kb = schema.KnowledgeBase.model_construct(
        name=first_given("name") or "knowledge base",
        description=first_given("description"),
        **sections,
    )
    return Merged(kb, origins, problems, invalid, extends=bool(base), selection=chosen, warnings=warnings)


def _apply_overrides(
    section: str,
    entries: list,
    where: list[EntryOrigin],
    documents: Sequence[extend.KnowledgeBaseFile],
    first_own: int,
    problems: list[MergeProblem],
    invalid: list[InvalidOverride],
) -> None:
    """Apply every document's overrides of ``section`` to ``entries``, in place."""
    key_fields = extend.entry_key_fields(section)
    model = extend.section_model(section)
    by_key: dict[tuple, list[int]] = {}
    for position, entry in enumerate(entries):
        by_key.setdefault(extend.entry_key(section, entry), []).append(position)
    done: dict[tuple, Place] = {}
    suggestions = checks.Suggestions()
    for number in range(first_own, len(documents)):
        override = documents[number].override
        if override is None:
            continue
        for index, change in enumerate(getattr(override, section)):
            place = Place(number, ("override", section, index))
            values = change.model_dump(by_alias=True, exclude_unset=True)
            key = extend.key_of(section, values)
            shown = extend.format_key(key)
            if key in done:
                problems.append(MergeProblem(
                    Place(number, place.loc + (key_fields[0],)),
                    f"{extend.noun(section)} {shown!r} is overridden twice; put all its changes in one override",
                    first=done[key],
                ))
                continue
            targets = by_key.get(key)
            if not targets:
                close = suggestions.closest(shown, (extend.format_key(k) for k in by_key))
                hint = f" (did you mean {close!r}?)" if close else ""
                problems.append(MergeProblem(
                    Place(number, place.loc + (key_fields[0],)),
                    f"there is no {extend.noun(section)} {shown!r} to override{hint}",
                ))
                continue
            done[key] = Place(number, place.loc + (key_fields[0],))
            changes = {name: value for name, value in values.items() if name not in key_fields}
            for position in targets:
                origin = EntryOrigin(where[position].place, dict(where[position].overridden))
                origin.overridden.update({name: place for name in changes})
                data = {**entries[position].model_dump(by_alias=True, exclude_unset=True), **changes}
                try:
                    entries[position] = model.model_validate(data)
                except ValidationError as error:
                    invalid.append(InvalidOverride(origin, place, model, error))
                    continue
                where[position] = origin
