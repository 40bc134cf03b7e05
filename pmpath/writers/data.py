"""Documents -> text in each machine or paste-ready format: JSON, YAML, Markdown, HTML.

:func:`dump` is the one entry point: ``dump(document, "json")``. JSON and
YAML write the document as it is (keys in their order, UTF-8 text kept
readable) and escape every control or invisible formatting character, so a
terminal that shows the output can never be steered by it; Markdown and HTML
go through :mod:`pmpath.blocks`. Pure: no terminal, no Rich.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

DOCUMENT_FORMATS = ("json", "yaml", "markdown", "html")

# C0 and C1 controls, DEL, zero-width and bidirectional formatting characters, line/paragraph separators, BOM.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _escape_unsafe(text: str) -> str:
    """Replace unsafe characters in serialized JSON/YAML strings by ``\\uXXXX`` escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(document: Any) -> str:
    """Indented JSON, non-ASCII letters kept, every unsafe character escaped; ends with a newline."""
    # json escapes C0 controls itself; the rest of _UNSAFE can only occur inside strings,
    # where a \\uXXXX escape means the same character.
    return _escape_unsafe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_yaml(document: Any) -> str:
    """Block-style YAML in document order; strings with unsafe characters are double-quoted and escaped."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str):
        if _UNSAFE.search(value):
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
    # Only double-quoted scalars can hold these characters now, and YAML reads \\uXXXX there.
    return _escape_unsafe(text)


def dump(document: dict, fmt: str, picture: Optional[str] = None, generator: str = "pmpath") -> str:
    """A document as text in ``fmt``: ``json``, ``yaml``, ``markdown`` or ``html``."""
    if fmt == "json":
        return to_json(document)
    if fmt == "yaml":
        return to_yaml(document)
    if fmt == "markdown":
        from ..markdown import to_markdown

        return to_markdown(document, picture=picture)
    if fmt == "html":
        from ..htmlpage import to_html

        return to_html(document, picture=picture, generator=generator)
    raise ValueError(f"unknown document format {fmt!r}")
