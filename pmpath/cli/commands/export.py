"""``pmpath export``: the whole knowledge base as one Markdown, HTML, JSON, YAML or SVG document."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..main import app, format_option, handles_errors, load_kb
from ...writers.export import EXPORT_FORMATS

ExportFormat = Annotated[
    str,
    format_option(
        EXPORT_FORMATS,
        "markdown for a wiki; html: one self-contained, printable page; json or yaml for programs; "
        "svg: the ladder picture.",
    ),
]


@app.command()
@handles_errors
def export(
    fmt: ExportFormat = "markdown",
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout ('-' for stdout).",
        dir_okay=False, show_default=False,
    ),
    width: int = typer.Option(
        80, "--width", min=40, max=200, help="Columns of the ladder picture (svg, and the drawing in markdown/html).",
    ),
) -> None:
    """The whole knowledge base as one document: ladder, tracks, every role card, steps, sources.

    Example: pmpath export --format html --output pm-career-ladder.html
    """
    from ...writers.export import export_text
    from ..output import write_file, write_text

    text = export_text(load_kb(), fmt, width)
    if output is None or str(output) == "-":
        write_text(text)
    else:
        write_file(output, text, "--output")
