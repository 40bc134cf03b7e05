"""A quick reader for the plain, block-style YAML that knowledge bases are written in.

Reading a file through the YAML parser's events costs a Python object and a
turn of :mod:`pmpath.kb.loader`'s loop per value, with a line and column kept for
each: a 10,000-role knowledge base makes over 800,000 events. Most knowledge
bases, written by hand or generated, use a small part of YAML: block mappings
and sequences, one-line plain or quoted text, one-line flow lists and mappings
(``[a, b]``, ``{min: 2, max: 4}``), ``|`` and ``>`` text blocks, comments and
blank lines. :func:`read` reads that part a line at a time, several times
faster, and gives exactly the data the loader's full reader gives; for anything
else it gives None and the full reader takes over. It keeps no positions and
reports no problems: the loader asks the full reader for positions only when
there is a problem to point at, and whatever is wrong or unusual in a file (a
key written twice, an alias, a tag, a tab, a multi-line plain scalar...) is left
to the full reader, which explains it with its line.

tests/test_quickyaml.py holds it to that: for every YAML file in the repository
and for generated documents full of YAML's corner cases, it either declines or
gives what the full reader gives.
"""

from __future__ import annotations

import re
from typing import Any, Callable

_REFUSED = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Tabs, line breaks other than \\n (YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029), and
characters YAML refuses to read: the full reader decides."""
_PRINTABLE_ASCII = b"\n" + bytes(range(0x20, 0x7F))
"""The ASCII characters that _REFUSED lets through."""
_MARKERS = ("---", "...", "%")
"""Document markers and directives, at the start of a line."""
_KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,1023}"
"""A plain-word mapping key. libyaml refuses a key of more than 1,024 characters."""
_LINE = re.compile(rf"^( *)(- +|-$)?(?:({_KEY}):(?: +|$))?(.*)$", re.MULTILINE)
"""A line: its indentation, a sequence dash, a plain-word mapping key, and the rest."""
_WORD = r"[^\s,\[\]{}#:'\"&*!|>%@`?-](?:[^,\[\]{}#:]*[^\s,\[\]{}#:])?"
"""A plain scalar inside ``[...]`` or ``{...}``: no colon, comma, bracket or ``#`` in it."""
_FLOW_WORD = re.compile(_WORD)
_FLOW_KEY = re.compile(rf"({_KEY}): +")
_LIST = rf"\[ *(?:{_WORD} *(?:, *{_WORD} *)*)?\]"
_PAIR = rf"{_KEY}: +(?:{_WORD}|{_LIST})"
_SIMPLE_MAP = re.compile(rf"\{{ *(?:{_PAIR} *(?:, *{_PAIR} *)*)?\}}")
"""A one-line flow mapping of plain keys to plain scalars or such lists: ``{min: 2, sources: [a]}``."""
_PAIRS = re.compile(rf"({_KEY}): +({_WORD}|{_LIST})")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_SPECIAL = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that make a value other than plain text when they start it."""
_BOOLS = {
    word: value
    for words, value in (("yes true on", True), ("no false off", False))
    for lower in words.split()
    for word in (lower, lower.title(), lower.upper())
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_WORDS = {**_BOOLS, **{word: None for word in _NULLS if word[:1].isalpha()}}
"""The plain scalars starting with a letter that are not text. YAML 1.1's implicit
types start with a digit, a sign, a dot, ``~``, ``<``, ``=``, or are one of these words,
so any other plain scalar that starts with a letter is text."""
_FLOW_LIST = re.compile(r"\[([^\[\]{}#:'\"]*)\]")
"""A one-line flow list with no nested collection, quote, colon or ``#`` in it."""


class _Decline(Exception):
    """Not the part of YAML this reader reads: leave the file to the full reader."""


def read(text: str, implicit_tag: Callable[[str], str], max_nodes: int, max_nesting: int) -> dict | None:
    """The data of a block-style YAML mapping, or None to leave ``text`` to the full reader.

    ``implicit_tag`` is the full reader's rule for what a plain scalar is (text,
    a number, a boolean...); a file with more than ``max_nodes`` values or nested
    deeper than ``max_nesting`` is declined, so the full reader reports it.
    """
    if "\r\n" in text:  # Windows line ends: YAML reads every line break as \n
        text = text.replace("\r\n", "\n")
    if refused(text) or any(text.startswith(mark) or "\n" + mark in text for mark in _MARKERS):
        return None
    try:
        return _Reader(text, implicit_tag, max_nodes, max_nesting).run()
    except _Decline:
        return None


def refused(text: str) -> bool:
    """Whether ``text`` has a character this reader leaves to the full reader (a tab, a control character...)."""
    if text.isascii():  # most files: a byte-wide check, ten times quicker than the pattern
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    return _REFUSED.search(text) is not None


class _Reader:
    """One document, a line at a time, onto a stack of open blocks."""

    def __init__(self, text: str, implicit_tag: Callable[[str], str], max_nodes: int, max_nesting: int) -> None:
        self.text = text
        self.lines: list[str] | None = None
        self.ends_with_break = text.endswith("\n")
        self.implicit_tag = implicit_tag
        self.max_nodes = max_nodes
        self.max_nesting = max_nesting
        self.nodes = 0
        self.words: dict[str, Any] = {}  # plain scalars that are not prose, as resolved
        self.lists: dict[str, tuple] = {}  # flow lists as written -> their items

    def run(self) -> dict:
        rows = _LINE.findall(self.text)  # one per line: (indentation, dash, key, rest)
        words = self.words
        plain = self.plain
        special = self.special
        max_nesting = self.max_nesting
        root: dict = {}
        # The innermost open block (its indentation, its dict or list, whether it is a
        # mapping) in locals; the blocks around it on a stack.
        stack: list[tuple[int, Any, bool]] = []
        indent_of, container, is_map = 0, root, True
        pending: tuple[int, Any, str] | None = None  # a key whose value starts on a later line
        started = False
        nodes = 1
        number = 0  # lines read so far
        count = len(rows)
        while number < count:
            spaces, dash, key, rest = rows[number]
            number += 1
            if not key and not dash:
                if not rest or rest[0] == "#":
                    continue  # a blank line or a comment
                raise _Decline  # a line that is neither a key nor an item: a continued scalar, a mistake...
            indent = len(spaces)
            if not started:
                if indent or dash:
                    raise _Decline  # an indented or non-mapping top level
                started = True
            elif pending is not None:
                parent_indent, parent, parent_key = pending
                pending = None
                if indent > parent_indent or (dash and indent == parent_indent):
                    if len(stack) + 1 >= max_nesting:
                        raise _Decline
                    block: Any = [] if dash else {}
                    parent[parent_key] = block
                    stack.append((indent_of, container, is_map))
                    indent_of, container, is_map = indent, block, not dash
            while indent < indent_of or (indent == indent_of and not dash and not is_map):
                indent_of, container, is_map = stack.pop()
            if indent != indent_of:
                raise _Decline  # more indented than its block: a continued scalar or a mistake
            item = not is_map  # an item of a sequence, or a key and its value
            if item:
                if not dash:
                    raise _Decline
                if key:  # the item is a mapping, and this is its first key
                    if len(stack) + 1 >= max_nesting:
                        raise _Decline
                    block = {}
                    container.append(block)
                    stack.append((indent_of, container, is_map))
                    indent_of, container, is_map = indent + len(dash), block, True
                    nodes += 1
                    item = False
                elif not rest or rest[0] == "#":
                    raise _Decline  # an empty item
            elif dash or not key:
                raise _Decline
            if not item:
                if key in container:
                    raise _Decline  # written twice: the full reader says where
                nodes += 1
                if not rest or rest[0] == "#":
                    container[key] = None  # unless a block follows on the next lines
                    pending = (indent_of, container, key)
                    nodes += 1
                    continue
            first = rest[0]
            if first in _SPECIAL and (first != "-" or rest[1:2] in ("", " ")):  # -5, -x: plain
                value, number = special(rest, number, indent_of, len(stack))
            else:
                cut = rest.find(" #")
                if cut >= 0:
                    rest = rest[:cut]
                rest = rest.rstrip(" ")
                if ": " in rest or rest[-1] == ":":
                    raise _Decline
                if first.isalpha():  # text, unless it is one of a few words (yes, null...)
                    value = _WORDS.get(rest, rest) if " " not in rest else rest
                else:
                    value = words[rest] if rest in words else plain(rest)
                nodes += 1
            if item:
                container.append(value)
            else:
                container[key] = value
        if not started:
            raise _Decline  # nothing but comments: the full reader says what is missing
        if nodes + self.nodes > self.max_nodes:
            raise _Decline
        return root

    def plain(self, text: str) -> Any:
        """A plain scalar as the full reader resolves it (text unless it looks like a number...)."""
        tag = self.implicit_tag(text)
        if tag.endswith(":str") or tag.endswith(":timestamp"):  # dates stay text in the full reader
            value: Any = text
        elif tag.endswith(":null") and text in _NULLS:
            value = None
        elif tag.endswith(":bool") and text in _BOOLS:
            value = _BOOLS[text]
        elif tag.endswith(":int") and _INT.match(text):
            try:
                value = int(text)
            except ValueError:  # more digits than Python converts: the full reader says so
                raise _Decline from None
        elif tag.endswith(":float") and _FLOAT.match(text):
            value = float(text)
        else:
            raise _Decline  # hexadecimal, sexagesimal, .inf, a merge key...: the full reader's business
        self.words[text] = value
        return value

    def special(self, text: str, number: int, block_indent: int, depth: int) -> tuple[Any, int]:
        """A value that starts with an indicator (``[``, ``{``, a quote, ``|``, ``>``) and the line after it."""
        first = text[0]
        if first == "[" and depth + 1 < self.max_nesting:
            items = self.flow_list(text)
            if items is not None:
                return items, number
        elif first == "{" and depth + 2 < self.max_nesting:
            match = _SIMPLE_MAP.match(text)
            if match is not None:
                self.only_comment(text, match.end())
                mapping: dict = {}
                for key, value in _PAIRS.findall(text, 0, match.end()):
                    if key in mapping:
                        raise _Decline  # written twice: the full reader says where
                    if value[0] == "[":
                        items = self.flow_list(value)
                        if items is None:
                            raise _Decline
                        mapping[key] = items
                        self.nodes -= 1
                    else:
                        mapping[key] = self.words[value] if value in self.words else self.plain(value)
                    self.nodes += 2
                self.nodes += 1
                return mapping, number
        if first == "[" or first == "{":
            value, end = self.flow(text, 0, depth + 1)
            self.only_comment(text, end)
            return value, number
        self.nodes += 1
        if first == "'" or first == '"':
            value, end = self.quoted(text, 0)
            self.only_comment(text, end)
            return value, number
        if first == "|" or first == ">":
            return self.block(text, number, block_indent)
        raise _Decline  # an anchor, an alias, a tag, or another indicator

    def flow_list(self, text: str) -> list | None:
        """A one-line flow list of plain scalars at the start of ``text``, or None if it is not that simple."""
        known = self.lists.get(text)
        if known is not None:  # the same list again (sources, tracks...): read it once
            self.nodes += 1 + len(known)
            return list(known)
        match = _FLOW_LIST.match(text)
        if match is None:
            return None
        end = match.end()
        if end < len(text):
            self.only_comment(text, end)
        inner = match.group(1)
        if not inner.strip(" "):
            self.nodes += 1
            return []
        items = []
        words = self.words
        for item in inner.split(","):
            item = item.strip(" ")
            first = item[:1]
            if not first or first in _SPECIAL:
                return None  # an empty entry or a trailing comma, or an indicator: the full path
            if first.isalpha():
                items.append(_WORDS.get(item, item) if " " not in item else item)
            else:
                items.append(words[item] if item in words else self.plain(item))
        self.nodes += 1 + len(items)
        self.lists[text] = tuple(items)
        return items

    @staticmethod
    def only_comment(text: str, end: int) -> None:
        """Decline unless ``text`` after ``end`` is spaces and perhaps a comment."""
        rest = text[end:]
        stripped = rest.lstrip(" ")
        if stripped and not (stripped[0] == "#" and len(stripped) < len(rest)):
            raise _Decline

    @staticmethod
    def quoted(text: str, start: int) -> tuple[str, int]:
        """A one-line quoted scalar at ``text[start]``: its value and where it ends."""
        if text[start] == '"':
            end = text.find('"', start + 1)
            if end < 0 or "\\" in text[start + 1:end]:
                raise _Decline  # escapes or more lines: the full reader's business
            return text[start + 1:end], end + 1
        parts = []
        position = start + 1
        while True:
            end = text.find("'", position)
            if end < 0:
                raise _Decline  # continued on the next line
            parts.append(text[position:end])
            if text[end + 1:end + 2] != "'":
                return "'".join(parts), end + 1
            position = end + 2

    def flow(self, text: str, start: int, depth: int) -> tuple[Any, int]:
        """A one-line ``[...]`` or ``{...}`` at ``text[start]``: its value and where it ends."""
        if depth >= self.max_nesting:
            raise _Decline
        self.nodes += 1
        is_map = text[start] == "{"
        closing = "}" if is_map else "]"
        container: Any = {} if is_map else []
        position = _skip(text, start + 1)
        if text[position:position + 1] == closing:
            return container, position + 1
        key = ""
        while True:
            if is_map:
                match = _FLOW_KEY.match(text, position)
                if match is None or match.group(1) in container:
                    raise _Decline
                key = match.group(1)
                self.nodes += 1
                position = match.end()
            head = text[position:position + 1]
            if head == "[" or head == "{":
                value, position = self.flow(text, position, depth + 1)
            elif head == "'" or head == '"':
                value, position = self.quoted(text, position)
                self.nodes += 1
            else:
                match = _FLOW_WORD.match(text, position)
                if match is None:
                    raise _Decline
                value = self.plain(match.group())
                position = match.end()
                self.nodes += 1
            if is_map:
                container[key] = value
            else:
                container.append(value)
            position = _skip(text, position)
            separator = text[position:position + 1]
            if separator == closing:
                return container, position + 1
            if separator != ",":
                raise _Decline
            position = _skip(text, position + 1)
            if text[position:position + 1] in (closing, ",", ""):
                raise _Decline  # an empty entry, a trailing comma, or more lines

    def block(self, text: str, number: int, block_indent: int) -> tuple[str, int]:
        """A ``|`` or ``>`` text block whose header ``text`` is on line ``number``, and the line after it."""
        chomp = text[1:2]
        if chomp not in ("-", "+"):
            chomp = ""
        after = text[1 + len(chomp):]
        if chomp == "+" or (after and after[0] != " "):
            raise _Decline  # kept trailing lines or an indentation indicator: the full reader's business
        self.only_comment(after, 0)
        if self.lines is None:
            self.lines = self.text.split("\n")  # one to one with the rows of run()
        lines = self.lines
        body: list[str] = []
        indent = -1
        position = number
        count = len(lines)
        while position < count:
            line = lines[position]
            content = line.lstrip(" ")
            if not content:
                if line or indent < 0:
                    raise _Decline  # a line of spaces, or blank lines before the text
                body.append("")
                position += 1
                continue
            here = len(line) - len(content)
            if indent < 0:
                if here <= block_indent:
                    raise _Decline  # an empty block
                indent = here
            elif here < indent:
                break
            body.append(line[indent:])
            position += 1
        if indent < 0:
            raise _Decline
        while not body[-1]:
            body.pop()
        if number + len(body) == count and not self.ends_with_break:
            raise _Decline  # the text ends the file without a line break
        if text[0] == "|":
            value = "\n".join(body)
        else:
            out = [body[0]]
            previous = body[0]
            for piece in body[1:]:
                if piece[:1] == " ":
                    raise _Decline  # a more-indented line in folded text keeps its breaks
                if piece and previous:
                    out.append(" ")
                elif not previous:
                    out.append("\n")
                out.append(piece)
                previous = piece
            value = "".join(out)
        if chomp != "-":
            value += "\n"
        return value, position


def _skip(text: str, position: int) -> int:
    """The index of the first character at or after ``position`` that is not a space."""
    while text[position:position + 1] == " ":
        position += 1
    return position
