"""Data documents (:mod:`pmpath.views.data`) -> JSON or YAML, for programs.

:func:`dump` is the one entry point: ``dump(document, "json")``. It writes the document as
it is (keys in their order, UTF-8 text kept readable) and escapes every hidden character
(:mod:`pmpath.text`), so a terminal that shows the output can never be steered by it.
Markdown and HTML are written from the views (:mod:`pmpath.writers.markdown`,
:mod:`pmpath.writers.html`). Pure: no terminal, no Rich.
"""

from __future__ import annotations

import json
from typing import Any

from .. import text as text_policy

from . import DOCUMENT_FORMATS  # noqa: F401  (part of this module's interface)


def to_json(document: Any) -> str:
    """Indented JSON, non-ASCII letters kept, every unsafe character escaped; ends with a newline."""
    # json escapes C0 controls itself; any other hidden character (pmpath.text) can only occur
    # inside strings, where a \\uXXXX escape (a surrogate pair past U+FFFF) means the same character.
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text_policy.escape(text, allow="\n", form=text_policy.json_escape) + "\n"


def to_yaml(document: Any) -> str:
    """Block-style YAML in document order; strings with unsafe characters are double-quoted and escaped."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str):
        if text_policy.find(value, allow="\t\n") >= 0:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    Dumper.add_representer(str, represent_str)
    Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]
    text = yaml.dump(
        document,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        explicit_start=True,
    )
    # Only double-quoted scalars can hold hidden characters now, and YAML reads \\x, \\u and \\U there.
    return text_policy.escape(text, allow="\t\n")


def dump(document: dict, fmt: str) -> str:
    """A data document as text in ``fmt``: ``json`` or ``yaml`` (Markdown and HTML are written from the views)."""
    if fmt == "json":
        return to_json(document)
    if fmt == "yaml":
        return to_yaml(document)
    raise ValueError(f"unknown document format {fmt!r}")
