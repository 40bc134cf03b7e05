"""The Markdown writer (GitHub-flavoured, CommonMark-safe): a view's document, ready to paste into a wiki.

:func:`write` walks a :class:`~pmpath.views.elements.Document`: ``#`` headings, paragraphs,
``-`` bullet lists, label/value rows as ``**Label:** value`` lines, pipe tables and fenced
code blocks. It knows no answer: the view decides what is said and in which order.

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

from .. import text as text_policy

from ..views import elements as E
from ..views.elements import Block, Bullets, Heading, Inline, Para, Pre, Rows, Span, Table

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
        if span.style == E.BREAK:  # a line break inside a table cell: Markdown cells are one line
            out.append("; ")
            continue
        text = escape(span.text)
        if not text.strip() or span.style in ("", "tag", "nowrap", "dim", "accent", "code-like"):
            out.append(text)
        elif span.style == "link" and span.url and _SAFE_URL.match(span.url):
            url = span.url.replace("(", "%28").replace(")", "%29")
            out.append(f"[{text}](<{url}>)")
        elif span.style in ("strong", "em", "merge", "mark", "warn"):
            mark = "**" if span.style in ("strong", "warn") else "*"
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _cell(spans: "Inline | Bullets") -> str:
    if isinstance(spans, Bullets):  # a list in a table cell or a row's value: one line, items after bullets
        items = [inline(entry).strip() for entry in spans.items]
        return (items[0] if len(items) == 1 else " ".join("• " + item for item in items)) or " "
    return inline(spans).strip() or " "


def _rows(item: Rows) -> str:
    """``**Label:** value`` lines joined by hard breaks; a list value ends the paragraph and follows as a list."""
    parts: list[str] = []
    lines: list[str] = []
    for label, value in item.rows:
        if isinstance(value, Bullets) and len(value.items) == 1:  # one item: no bullet
            lines.append(f"**{escape(label)}:** " + inline(value.items[0]).strip())
        elif isinstance(value, Bullets):
            lines.append(f"**{escape(label)}:**")
            parts += ["\\\n".join(lines), block(value)]
            lines = []
        else:
            lines.append(f"**{escape(label)}:** " + inline(value).strip())
    if lines:
        parts.append("\\\n".join(lines))
    return "\n\n".join(parts)


def block(item: Block) -> str:
    if isinstance(item, Heading):  # a heading is strong already
        return "#" * item.level + " " + inline(tuple(Span(s.text) if s.style == E.STRONG else s for s in item.text)).strip()
    if isinstance(item, Para):
        return inline(item.text).strip()
    if isinstance(item, Bullets):
        if item.numbered:
            return "\n".join(f"{n}. " + inline(entry).strip() for n, entry in enumerate(item.items, item.start))
        return "\n".join("- " + inline(entry).strip() for entry in item.items)
    if isinstance(item, Rows):
        return _rows(item)
    if isinstance(item, Table):
        lines = ["| " + " | ".join(escape(c.header) for c in item.columns) + " |"]
        lines.append("| " + " | ".join("---:" if c.numeric else "---" for c in item.columns) + " |")
        for row in item.rows:
            lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
        return "\n".join(lines)
    if isinstance(item, Pre):
        text = visible_controls(item.text.rstrip("\n").replace("\t", " "))
        longest = max((len(run) for run in re.findall(r"`{3,}|~{3,}", text)), default=2)
        fence = "`" * (longest + 1)
        return f"{fence}text\n{text}\n{fence}"
    if isinstance(item, E.Drawing):
        return block(Pre("\n".join(E.plain_text(line) for line in item.draw(item.width)), item.caption))
    if isinstance(item, E.Indent):
        return "\n\n".join(block(b) for b in item.blocks)
    if isinstance(item, E.Choice):
        return "\n\n".join(block(b) for b in item.wide)
    raise TypeError(f"not a block: {item!r}")


def write(document: "E.Document | Iterable[Block]") -> str:
    """A document (or blocks) as Markdown, one blank line between blocks, ending with a newline."""
    blocks = tuple(document.blocks) if isinstance(document, E.Document) else tuple(document)
    if isinstance(document, E.Document) and document.title:
        first = blocks[0] if blocks else None
        if not (isinstance(first, Heading) and first.level == 1):  # a wiki page opens with its title
            blocks = (E.heading(1, document.title),) + blocks
    return "\n\n".join(text for text in (block(item) for item in blocks) if text) + "\n"


__all__ = ["escape", "inline", "block", "write", "Span"]
