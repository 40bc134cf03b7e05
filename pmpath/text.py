"""One text policy: the characters pmpath never shows as they are, chosen by Unicode category.

A *hidden* character is one of these general categories:

- ``Cc`` control characters (C0, DEL, C1: ``ESC``, ``BEL``, ``CSI``...);
- ``Cf`` format characters (zero-width spaces and joiners, bidi controls such as U+202E and
  U+061C, the soft hyphen, U+2060-U+2064, U+180E, U+FFF9-U+FFFB, the tag block U+E0000-U+E007F);
- ``Co`` private use, ``Cn`` unassigned, ``Cs`` surrogates (undecodable bytes of a file name);
- ``Zl`` and ``Zp``, the line and paragraph separators U+2028 and U+2029.

Knowledge-base and profile text may not contain them (a paragraph may hold line breaks and
tabs): :data:`LINE_PATTERN` and :data:`TEXT_PATTERN` are the schema's patterns, and
:func:`problem` says which character and where. Every writer (terminal, Markdown, HTML, JSON,
YAML, iCalendar, messages) shows any hidden character that reaches it anyway (from a file
name, a question, an environment variable) as escaped text with :func:`escape`, so no text
can steer a terminal, hide a word or reorder a line.

Validation runs in pydantic-core's regex engine, which knows the categories from its own
Unicode tables; the writers ask Python's :mod:`unicodedata`. Where the two Unicode versions
differ, a character one of them calls unassigned may pass validation and still be escaped
on output: never shown raw.

Also here: :func:`scripts` and :func:`skeleton`, what ``pmpath validate`` warns about when a
name mixes writing systems or looks like another name.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import Callable

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})
"""The general categories of hidden characters."""

_CLASS = "".join(f"\\p{{{category}}}" for category in sorted(HIDDEN_CATEGORIES) if category != "Cs") + "\\uD7FF-\\uE000"
# Surrogates cannot occur in text read from YAML (and the regex engine has no class for them).
# U+D7FF (unassigned) and U+E000 (private use) are named again as one range across the
# surrogates: pydantic-core's regex engine, negating the union of Cn and Co, lets both through
# (tests/test_text.py compares every code point).
LINE_PATTERN = f"^[^{_CLASS}]*$"
"""A Line: no hidden character (so no line break or tab either)."""
TEXT_PATTERN = f"^(?:[\\t\\n]|[^{_CLASS}])*$"
"""A Paragraph: no hidden character but line breaks and tabs."""



@functools.lru_cache(maxsize=None)
def portable_patterns() -> tuple[str, str]:
    """(line, paragraph) patterns for the JSON Schema, in the syntax every regex engine shares.

    Editors and other validators (Python's ``re``, ECMAScript) know no ``\\p{Cf}``, so the
    classes are spelt out as ranges from Python's Unicode tables: ``\\uXXXX`` escapes in the
    Basic Multilingual Plane, the characters themselves beyond it. Unassigned code points
    (hundreds of ranges) are left to pmpath's own validation.
    """
    ranges: list[list[int]] = []
    for code in range(0x110000):
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Co", "Zl", "Zp"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])

    def one(code: int) -> str:
        return f"\\u{code:04X}" if code <= 0xFFFF else chr(code)

    spelt = "".join(one(low) if low == high else f"{one(low)}-{one(high)}" for low, high in ranges)
    return f"^[^{spelt}]*$", f"^(?:[\\t\\n]|[^{spelt}])*$"


_NAMES = {
    "Cc": "control character",
    "Cf": "invisible formatting character",
    "Co": "private-use character",
    "Cn": "unassigned character",
    "Cs": "surrogate (an undecodable byte)",
    "Zl": "line separator",
    "Zp": "paragraph separator",
}


def hidden(char: str) -> bool:
    """Whether ``char`` (one character) is never shown as it is."""
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def _clean(text: str, allow: str) -> bool:
    """A fast answer for the usual text: no hidden character (``isprintable`` runs in C)."""
    if text.isprintable():
        return True
    for char in allow:
        text = text.replace(char, "")
    return text.isprintable()


def find(text: str, allow: str = "") -> int:
    """The position of the first hidden character of ``text`` not in ``allow``, or -1."""
    if _clean(text, allow):
        return -1
    for position, char in enumerate(text):
        if char not in allow and hidden(char):
            return position
    return -1


def describe(char: str) -> str:
    """``control character U+001B``: what kind of hidden character ``char`` is."""
    return f"{_NAMES.get(unicodedata.category(char), 'character')} U+{ord(char):04X}"


def problem(text: str, allow: str = "") -> str | None:
    """Why ``text`` may not be shown as it is (``contains the ... at position N``), or None."""
    position = find(text, allow)
    if position < 0:
        return None
    return f"contains the {describe(text[position])} at position {position}"


def python_escape(char: str) -> str:
    """``\\x1b``, ``\\u200b``, ``\\U000e0041``: how Python and YAML write the character."""
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def json_escape(char: str) -> str:
    """``\\u001b``, ``\\udb40\\udc41``: how JSON writes the character (UTF-16 units)."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape(text: str, allow: str = "", form: Callable[[str], str] = python_escape) -> str:
    """``text`` with every hidden character not in ``allow`` written as an escape (``form``)."""
    if _clean(text, allow):
        return text
    return "".join(form(char) if char not in allow and hidden(char) else char for char in text)


def shown(path: "os.PathLike[str] | str") -> str:
    """A path or a name as a message shows it: every hidden character escaped, line breaks included.

    ``evil\\x1b[2J.md``, ``caf\\udce9.yaml`` (an undecodable byte), ``two\\nlines``. Messages
    (:func:`pmpath.output.printable`) keep their own line breaks; the paths in them do not.
    """
    return escape(os.fspath(path))


def scripts(text: str) -> list[str]:
    """The writing systems of the letters of ``text``, in order of appearance (``LATIN``, ``CYRILLIC``...).

    A letter's script is the first word of its Unicode name (``CYRILLIC SMALL LETTER IE``);
    CJK ideographs, kana and Hangul count as one, ``CJK``, since Japanese mixes them.
    """
    found: list[str] = []
    if text.isascii():
        return ["LATIN"] if any(char.isalpha() for char in text) else []
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        if script in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL", "CJK", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH"):
            script = "CJK"
        if script not in found:
            found.append(script)
    return found


# Letters of other scripts that look like Latin ones (after NFKD and case folding), and ASCII
# pairs that pass for each other in many fonts. A small, deliberate table: the common ones.
_LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ζ": "z", "μ": "u",
    # Latin and ASCII look-alikes
    "ı": "i", "ł": "l", "0": "o", "1": "l", "|": "l", "!": "l",
})


def skeleton(text: str) -> str:
    """What ``text`` looks like: case, accents, width and look-alike letters folded away.

    ``"Sеnior PM"`` (a Cyrillic ``е``) and ``"Senior PM"`` have one skeleton; so do
    ``"senior-pm"`` and ``"seni0r-pm"``.
    """
    folded = unicodedata.normalize("NFKD", text).casefold()
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.translate(_LOOK_ALIKES).replace("rn", "m").replace("vv", "w")
    return "".join(char for char in folded if char.isalnum())


def mixed_scripts(text: str) -> tuple[str, list[str]] | None:
    """The first word of ``text`` that mixes writing systems, with them (``"Sеnior", [LATIN, CYRILLIC]``).

    Words, not the whole text: ``"Product Manager (Продакт-менеджер)"`` is two languages,
    ``"Sеnior"`` with a Cyrillic ``е`` is a look-alike.
    """
    if text.isascii():
        return None
    for word in _WORDS.findall(text):
        found = scripts(word)
        if len(found) > 1:
            return word, found
    return None


_WORDS = re.compile(r"\w+")
