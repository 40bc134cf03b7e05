"""Extending a knowledge base: the file model (sections, `extends`, `override`), entry keys, the JSON Schema.

Every section works the same way, so a section added to KnowledgeBase (hence to
SECTIONS and to KnowledgeBaseFile) can be extended and overridden with no code here: an entry is named
by its `id` field, or by the fields ENTRY_KEYS gives for sections without ids.
Entries of a section with neither can be added but not overridden.
"""

import functools
import typing
from typing import Literal

from pydantic import BaseModel, Field, create_model

from .. import text as text_policy
from .base import LINE_PATTERN, TEXT_PATTERN, Id, Line, Model, Paragraph, _drop_default
from .schema import SECTIONS, KnowledgeBase

ENTRY_KEYS: dict[str, tuple[str, ...]] = {
    "promotions": ("from", "to"),
    "comparisons": ("between",),
}
"""Sections whose entries have no `id`: the YAML keys that together name an entry."""


def noun(section: str) -> str:
    """``levels`` -> ``level``, ``specializations`` -> ``specialization``."""
    return section[:-1] if section.endswith("s") else section


def section_model(section: str) -> type[Model]:
    """The model of one entry of ``section`` (e.g. ``levels`` -> :class:`Level`)."""
    annotation = KnowledgeBase.model_fields[section].annotation
    (item,) = typing.get_args(annotation)
    return item


def entry_key_fields(section: str) -> tuple[str, ...]:
    """The YAML keys that name an entry of ``section``; empty when its entries have no name."""
    if section in ENTRY_KEYS:
        return ENTRY_KEYS[section]
    return ("id",) if "id" in section_model(section).model_fields else ()


def entry_key(section: str, entry: BaseModel) -> tuple:
    """The value that names ``entry`` in ``section``, e.g. ``('senior-pm',)``."""
    return tuple(_hashable(getattr(entry, name)) for name in _key_names(section))


def key_of(section: str, data: dict) -> tuple:
    """The name of an entry of ``section`` given as a mapping of YAML keys to values."""
    return tuple(_hashable(data[key]) for key in entry_key_fields(section))


@functools.lru_cache(maxsize=None)
def _key_names(section: str) -> tuple[str, ...]:
    by_alias = {(info.alias or name): name for name, info in section_model(section).model_fields.items()}
    return tuple(by_alias[key] for key in entry_key_fields(section))


def format_key(key: tuple) -> str:
    """``('a',)`` -> ``'a'``; ``('a', 'b')`` -> ``'a -> b'``; ``(('a', 'b'),)`` -> ``'a / b'``."""
    parts = [" / ".join(part) if isinstance(part, tuple) else str(part) for part in key]
    return " -> ".join(parts)


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _override_model(section: str) -> type[Model]:
    """The model of one override in ``section``: the key fields, then any other field, optional.

    Only types and limits are checked here; the overridden entry as a whole is
    validated with its own model once the override is applied (see pmpath.kb.merge).
    """
    item = section_model(section)
    keys = entry_key_fields(section)
    fields: dict = {}
    for name, info in item.model_fields.items():
        annotation = info.rebuild_annotation()
        if (info.alias or name) in keys:
            fields[name] = (annotation, Field(alias=info.alias, description=info.description))
        else:
            fields[name] = (
                annotation,
                Field(
                    default=None, alias=info.alias, description=info.description,
                    json_schema_extra=_drop_default,
                ),
            )
    named = " and ".join(f"`{key}`" for key in keys)
    return create_model(
        f"{item.__name__}Override",
        __base__=Model,
        __doc__=f"Changes to an existing entry of `{section}`, named by {named}: only the fields given are replaced.",
        **fields,
    )


def _removal_type(section: str):
    """How a removal in ``section`` names its entry: an id, or a mapping of the ENTRY_KEYS (e.g. `from`, `to`)."""
    keys = entry_key_fields(section)
    if keys == ("id",):
        return Id
    item = section_model(section)
    fields = {
        name: (info.rebuild_annotation(), Field(alias=info.alias, description=info.description))
        for name, info in item.model_fields.items()
        if (info.alias or name) in keys
    }
    named = " and ".join(f"`{key}`" for key in keys)
    return create_model(
        f"{item.__name__}Removal",
        __base__=Model,
        __doc__=f"A built-in entry of `{section}` to leave out, named by {named}.",
        **fields,
    )


@functools.cache
def _file_models() -> tuple[type[Model], type[Model], type[Model]]:
    """Build :class:`KnowledgeBaseFile` and :class:`Overrides` (once, on first use).

    Only reading YAML needs them; a command answered from the cache never does,
    so it does not pay for their thirty-odd classes at start-up. They are
    reached as ``schema.KnowledgeBaseFile`` and ``schema.Overrides`` (see
    :func:`__getattr__`).
    """
    def per_keyed_section(name: str, doc: str, item) -> type[Model]:
        """A model with one list per section whose entries are named by a key (``item(section)``: its type)."""
        return create_model(
            name, __base__=Model, __doc__=doc,
            **{section: (list[item(section)], Field(default_factory=list)) for section in SECTIONS if entry_key_fields(section)},
        )

    Overrides = per_keyed_section("Overrides", "Changes to existing entries, per section.", _override_model)
    Removals = per_keyed_section(
        "Removals", "Built-in entries to leave out, per section, each named by its key.", _removal_type
    )

    # A file holds every section of a knowledge base (as KnowledgeBase lists them), plus the
    # format version, whether it extends the built-in one, and its overrides.
    KnowledgeBaseFile = create_model(
        "KnowledgeBaseFile",
        __base__=Model,
        __module__=__name__,
        __doc__="One YAML document of a knowledge base. Every section is optional.",
        format=(Literal[1], Field(description="The format version; this pmpath reads version 1.")),
        name=(Line | None, Field(default=None, description="The knowledge base's name.")),
        description=(Paragraph | None, Field(default=None, description="What it covers.")),
        extends=(
            Literal["builtin"],
            Field(
                default=None,  # None when not given
                json_schema_extra=_drop_default,
                description=(
                    "`builtin` to start from pmpath's built-in knowledge base: the entries of this "
                    "knowledge base are added to it and `override` changes its entries. Without it, "
                    "the knowledge base stands alone."
                ),
            ),
        ),
        take=(
            list[Literal[SECTIONS]] | None,  # type: ignore[valid-type]
            Field(
                default=None,  # None when not given: every section
                json_schema_extra=_drop_default,
                description=(
                    "With `extends: builtin`: the sections of the built-in knowledge base to start from, e.g. "
                    "`[specializations, resources, backgrounds, entry_routes, break_in_tips]`; the others are "
                    "left out (the built-in sources always come along). Omit it to take every section."
                ),
            ),
        ),
        remove=(
            Removals,
            Field(
                default=None,  # None when not given
                json_schema_extra=_drop_default,
                description=(
                    "With `extends: builtin`: built-in entries to leave out, per section, each named by its id "
                    "(e.g. `levels: [apm, staff-pm]`) or, for promotions and comparisons, by their keys (e.g. "
                    "`promotions: [{from: director, to: vp-product}]`). The built-in steps, comparisons and "
                    "links that point at a removed entry go with it."
                ),
            ),
        ),
        **{section: (KnowledgeBase.model_fields[section].annotation, Field(default_factory=list)) for section in SECTIONS},
        override=(
            Overrides,
            Field(
                default=None,  # None when not given
                json_schema_extra=_drop_default,
                description=(
                    "Changes to entries defined elsewhere (in the built-in knowledge base or another "
                    "file): per section, the entry's key (e.g. `id`) and only the fields to replace."
                ),
            ),
        ),
    )
    return KnowledgeBaseFile, Overrides, Removals


def __getattr__(name: str):
    """``KnowledgeBaseFile`` and ``Overrides``, built when first asked for (PEP 562's lazy module attributes)."""
    if name == "KnowledgeBaseFile":
        return _file_models()[0]
    if name == "Overrides":
        return _file_models()[1]
    if name == "Removals":
        return _file_models()[2]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def json_schema() -> dict:
    """The JSON Schema of one knowledge-base file, for editors and other validators.

    Its text patterns spell out the hidden characters (:func:`pmpath.text.portable_patterns`);
    print or save it with :func:`schema_json`, which writes the characters past U+FFFF as escapes.
    """
    document = _file_models()[0].model_json_schema(by_alias=True)
    portable = dict(zip((LINE_PATTERN, TEXT_PATTERN), text_policy.portable_patterns()))

    def spell(node):  # the text patterns, in a syntax every regex engine reads (pmpath.text)
        if isinstance(node, dict):
            if node.get("pattern") in portable:
                node["pattern"] = portable[node["pattern"]]
            for value in node.values():
                spell(value)
        elif isinstance(node, list):
            for value in node:
                spell(value)

    spell(document)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **document,
        "title": "pmpath knowledge base",
    }


def schema_json() -> str:
    """:func:`json_schema` as JSON text: indented, non-ASCII letters kept, hidden characters as ``\\uXXXX``."""
    import json

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False)
    return text_policy.escape(text, allow="\n", form=text_policy.json_escape) + "\n"



def removal_key(section: str, removal) -> tuple:
    """The name of the entry a removal in ``section`` names, as :func:`entry_key` gives it."""
    if isinstance(removal, str):
        return (removal,)
    return key_of(section, removal.model_dump(by_alias=True))
