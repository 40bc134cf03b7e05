"""``pmpath init``: write a starter ladder and the JSON Schema, never overwriting a file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..text import shown

LADDER = "ladder.yaml"
BARE = "bare.yaml"
"""The template of a bare, standalone ladder (``pmpath init --bare``); it is written as ``ladder.yaml`` too."""
SCHEMA = "pmpath.schema.json"


class StarterError(Exception):
    """The starter could not be written; nothing was left behind."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message)
        self.hints = hints or []


def starter_text(bare: bool = False) -> str:
    """The commented starter ladder: it extends the built-in knowledge base, or (``bare``) stands alone with
    titles, bands, tracks and steps only."""
    return resources.files("pmpath").joinpath("templates", BARE if bare else LADDER).read_text(encoding="utf-8")


def schema_text() -> str:
    from .extend import schema_json

    return schema_json()


def write_starter(directory: Path, bare: bool = False) -> list[Path]:
    """Write ``ladder.yaml`` (``bare``: the standalone bare ladder) and ``pmpath.schema.json`` into ``directory``;
    return their paths.

    The directory is created if missing. If either file already exists, or
    anything cannot be written, raises :class:`StarterError` and leaves no new file.
    """
    directory = directory.expanduser()
    if directory.exists() and not directory.is_dir():
        raise StarterError(f"{shown(directory)} exists and is not a directory", ["give the name of a new or existing directory"])
    targets = {directory / LADDER: starter_text(bare), directory / SCHEMA: schema_text()}
    existing = [shown(path) for path in targets if path.exists() or path.is_symlink()]
    if existing:
        raise StarterError(
            f"{' and '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
            "pmpath init never overwrites a file",
            ["choose another directory, or move the file away first"],
        )
    created_directory = not directory.exists()
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for path, text in targets.items():
            with path.open("x", encoding="utf-8") as stream:  # "x": fail rather than overwrite
                written.append(path)
                stream.write(text)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if created_directory:
            try:
                directory.rmdir()
            except OSError:
                pass
        reason = exc.strerror or str(exc)
        raise StarterError(f"cannot write {shown(exc.filename or directory)}: {reason}") from None
    return written
