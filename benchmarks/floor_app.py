"""The floor for a Typer + Rich command: a minimal app that prints a small Rich table.

benchmarks/bench.py times it next to pmpath's commands. Like pmpath, it has a
global option and a command with an optional argument (Typer builds a pydantic
TypeAdapter for each parameter it processes), imports Rich inside the command
and uses rich_markup_mode=None.
"""

from typing import Optional

import typer

app = typer.Typer(rich_markup_mode=None, add_completion=True)


@app.callback()
def main(kb: Optional[str] = typer.Option(None, "--kb")) -> None:
    """A minimal app."""


@app.command()
def show(role: Optional[str] = typer.Argument(None)) -> None:
    """Print a small table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Role {role}")
    table.add_column("Band")
    table.add_column("Title")
    for band, title in ((1, "Associate PM"), (2, "Product Manager"), (3, "Senior PM")):
        table.add_row(str(band), title)
    Console().print(table)


if __name__ == "__main__":
    app()
