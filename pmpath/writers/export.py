"""The whole knowledge base as one document: ``pmpath export``.

One function, :func:`export_text`, makes every format from the same
document (:func:`pmpath.views.data.knowledge_base_document`):

* ``markdown``: headings, tables and lists for a team wiki, the ladder
  picture in a code block;
* ``html``: one self-contained, printable page (:mod:`pmpath.writers.html`);
* ``json`` / ``yaml``: the document itself, ``{"format": 1, "kind": "knowledge-base", ...}``;
* ``svg``: the ladder picture (``pmpath levels --tree``) as an image of a
  terminal, for slides and READMEs.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Optional

from .. import __version__

if TYPE_CHECKING:  # the schema (pydantic) is imported only when an export runs
    from ..kb.schema import KnowledgeBase

EXPORT_FORMATS = ("markdown", "html", "json", "yaml", "svg")
PICTURE_WIDTH = 80


def picture_text(kb: "KnowledgeBase", width: int = PICTURE_WIDTH, track: Optional[str] = None) -> str:
    """The ladder picture as plain text (no colour), ``width`` columns at most."""
    from rich.console import Console

    from ..views.picture import LadderPicture

    console = Console(
        width=width, file=io.StringIO(), color_system=None, force_terminal=False,
        markup=False, emoji=False, highlight=False, legacy_windows=False,
    )
    console.print(LadderPicture(kb, track))
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def export_text(kb: "KnowledgeBase", fmt: str, width: int = PICTURE_WIDTH) -> str:
    """The knowledge base as one document in ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    if fmt == "svg":
        from ..views.picture import ladder_svg

        return ladder_svg(kb, width)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt in ("markdown", "html"):
        from dataclasses import replace

        from ..views.elements import Drawing
        from ..views.export import knowledge_base

        view = knowledge_base(kb)
        view = replace(view, blocks=tuple(replace(b, width=width) if isinstance(b, Drawing) else b for b in view.blocks))
        if fmt == "markdown":
            from .markdown import write

            return write(view)
        from .html import page

        return page(view, generator=f"pmpath {__version__}")
    from ..views.data import knowledge_base_document
    from .data import dump

    return dump(knowledge_base_document(kb), fmt)
