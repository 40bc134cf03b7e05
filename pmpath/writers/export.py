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

from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:  # the schema (pydantic) is imported only when an export runs
    from ..kb.schema import KnowledgeBase

from . import EXPORT_FORMATS  # noqa: F401  (part of this module's interface)
PICTURE_WIDTH = 80


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
