"""The full-screen browser's writer: a view's Document, or a message, as a Rich renderable for a pane.

``pmpath browse`` shows the same views as the commands, written by the terminal writer
(:mod:`pmpath.writers.terminal`); this module is the thin adapter between the two. A pane is a
Textual widget that draws a Rich renderable at its own width, so a view's
:class:`~pmpath.views.elements.Choice` takes the form that fits the pane, as it would the
terminal. Everything is :class:`rich.text.Text`: knowledge-base text never becomes markup.
No Textual here: the browser (:mod:`pmpath.browse`) is the only part that knows it.
"""

from __future__ import annotations

from typing import Iterable, Optional

from rich.console import RenderableType
from rich.text import Text

from .. import text as text_policy
from ..views import elements as E
from .terminal import render


def pane(document: E.Document) -> RenderableType:
    """A view, as ``pmpath ...`` prints it in the terminal, for a pane of any width."""
    return render(document)


def literal(words: str, style: str = "") -> Text:
    """Text shown as it is: hidden characters escaped, no markup, no emoji codes."""
    return Text(text_policy.escape(words, allow="\n"), style=style)


def message(words: str, hints: Iterable[str] = (), title: Optional[str] = None) -> Text:
    """A message in a pane (a question with no answer here, a pick to make), with its hints below it."""
    out = Text()
    if title:
        out.append_text(literal(title, "bold"))
        out.append("\n\n")
    out.append_text(literal(words))
    for hint in hints:
        out.append("\n  ")
        out.append_text(literal(hint, "dim"))
    return out
