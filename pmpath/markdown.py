"""Documents -> Markdown (GitHub-flavoured, CommonMark-safe), ready to paste into a wiki.

:func:`to_markdown` lays a document out with :func:`pmpath.blocks.layout` and
writes the blocks: ``#`` headings, paragraphs, ``-`` bullet lists, pipe
tables and fenced code blocks. Any document gets Markdown this way; see
:mod:`pmpath.blocks` for how a new kind is laid out.

Knowledge-base text is never interpreted: :func:`escape` backslash-escapes
every character CommonMark or GitHub treats as syntax (emphasis, links,
HTML, code, tables, strikethrough, maths, entities, and list or heading
markers at the start of a line), turns line breaks into spaces, and writes
control characters as visible ``\\u001b``-style text.

Pure: blocks in, a string out.
"""

from __future__ import annotations

import re
from typing import Iterable

from . import text as text_policy

from .blocks import Block, Bullets, Heading, Inline, Para, Pre, Span, Table, layout

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~$&!])")
_LINE_START = re.compile(r"^(\s*)([-+](?=\s|$|-)|\d{1,9}(?=[.)](?:\s|$)))")
_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"'`]+$", re.I)


def visible_controls(text: str) -> str:
    """Hidden characters (:mod:`pmpath.text`: control, format, private-use...) as ``\\x1b``-style text."""
    return text_policy.escape(text, allow="\t\n")


def escape(text: str) -> str:
    """Plain text that Markdown shows exactly as written."""
    text = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text.replace("\t", " "))
    text = visible_controls(text)
    text = _SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match:  # "- x", "+ x", "1. x", "---" at the start would start a list or draw a rule
        start = match.end()
        if match.group(2).isdigit():
            text = text[:start] + "\\" + text[start:]
        else:
            text = text[: match.start(2)] + "\\" + text[match.start(2):]
    return text


def _code(text: str) -> str:
    text = visible_controls(re.sub(r"\s+", " ", text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline(spans: Inline) -> str:
    out = []
    for span in spans:
        if span.style == "code":
            out.append(_code(span.text))
            continue
        if span.style == "break":  # a line break inside a table cell: Markdown cells are one line
            out.append("; ")
            continue
        text = escape(span.text)
        if not text.strip() or span.style in ("", "tag", "nowrap"):
            out.append(text)
        elif span.style == "link" and span.url and _SAFE_URL.match(span.url):
            url = span.url.replace("(", "%28").replace(")", "%29")
            out.append(f"[{text}](<{url}>)")
        elif span.style in ("strong", "em", "merge"):
            mark = "**" if span.style == "strong" else "*"
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _cell(spans: Inline) -> str:
    return inline(spans).strip() or " "


def block(item: Block) -> str:
    if isinstance(item, Heading):
        return "#" * item.level + " " + inline(item.text).strip()
    if isinstance(item, Para):
        return inline(item.text).strip()
    if isinstance(item, Bullets):
        return "\n".join("- " + inline(entry).strip() for entry in item.items)
    if isinstance(item, Table):
        lines = ["| " + " | ".join(escape(h) for h in item.header) + " |"]
        aligns = [item.numeric[i] if i < len(item.numeric) else False for i in range(len(item.header))]
        lines.append("| " + " | ".join("---:" if right else "---" for right in aligns) + " |")
        for row in item.rows:
            lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
        return "\n".join(lines)
    if isinstance(item, Pre):
        text = visible_controls(item.text.rstrip("\n").replace("\t", " "))
        longest = max((len(run) for run in re.findall(r"`{3,}|~{3,}", text)), default=2)
        fence = "`" * (longest + 1)
        return f"{fence}text\n{text}\n{fence}"
    raise TypeError(f"not a block: {item!r}")


def write(blocks: Iterable[Block]) -> str:
    """Blocks as Markdown, one blank line between blocks, ending with a newline."""
    return "\n\n".join(block(item) for item in blocks) + "\n"


def to_markdown(document: dict, picture: str | None = None) -> str:
    """A document as Markdown (``picture``: a text drawing for layouts that take one)."""
    from .blocks import LAYOUTS, generic_layout

    function = LAYOUTS.get(document.get("kind", ""), generic_layout)
    blocks = function(document, 1, picture=picture) if picture else layout(document)
    return write(blocks)


__all__ = ["escape", "inline", "block", "write", "to_markdown", "Span"]
