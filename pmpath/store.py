"""Where the profile lives and how it is read and written, safely.

The profile is ``profile.yaml`` in pmpath's user configuration directory
(platformdirs: e.g. ``~/.config/pmpath`` on Linux), or in ``$PMPATH_HOME`` when
that is set. It is read with the knowledge base's loader, so a broken file gets
the same ``FILE:LINE:COLUMN: where: what`` diagnostics, and it is never
overwritten when it cannot be read.

Writes are atomic: the new profile goes to a temporary file in the same
directory (``.pmpath-RANDOM.tmp``; pmpath removes no other), is flushed and fsync'ed, then renamed over the old one with
:func:`os.replace` (and the directory is fsync'ed). A crash or kill at any
moment leaves either the old profile or the new one, never a mix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .files import sync_directory, write_atomic
from .text import shown

if TYPE_CHECKING:  # pydantic is imported only when a profile is read, not for a bare write
    from .questions.profile import Profile

HOME_ENV = "PMPATH_HOME"
PROFILE_NAME = "profile.yaml"
BACKUP_SUFFIX = ".bak"

HEADER = (
    "# pmpath profile: your level or background, track, start month and self-assessments.\n"
    "# Written by pmpath; you may edit it by hand. pmpath checks it on every read and\n"
    "# never overwrites a file it cannot read ('pmpath profile reset' moves it aside).\n"
)


def home() -> Path:
    """The directory pmpath keeps the profile in: ``$PMPATH_HOME`` or the user config directory.

    Raises :class:`ProfileFileError` when there is no home directory to put it in
    (no ``HOME``, and the user has none in the password database).
    """
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    try:
        directory = platformdirs.user_config_dir("pmpath", appauthor=False)
    except (RuntimeError, KeyError, ValueError):  # platformdirs found no home directory
        directory = ""
    if not os.path.isabs(directory):  # an older platformdirs returns "~/.config/pmpath" as it is
        raise ProfileFileError(
            "cannot tell where to keep your profile: HOME is not set and your user has no home directory",
            [f"set {HOME_ENV} to a directory for pmpath (or HOME, or XDG_CONFIG_HOME), "
             f"e.g. {HOME_ENV}=/srv/me/pmpath"],
        )
    return Path(directory)


def profile_path() -> Path:
    return home() / PROFILE_NAME


class ProfileFileError(Exception):
    """The profile file cannot be read or written: what is wrong, and what would fix it (the command line exits 5)."""

    def __init__(self, message: str, hints: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hints = list(hints or [])


@dataclass(frozen=True)
class Stored:
    """A profile read from disk, with the positions of its keys for error messages."""

    profile: "Profile"
    path: Path
    positions: dict

    def where(self, field: tuple) -> str:
        """``/path/profile.yaml:3:7`` for a key of the profile (as near as the file allows)."""
        loc = tuple(field)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        position = self.positions.get(loc)
        return f"{shown(self.path)}:{position[0]}:{position[1]}" if position else shown(self.path)


def _unreadable(path: Path, diagnostics: list) -> ProfileFileError:
    lines = [str(d) for d in diagnostics]
    return ProfileFileError(
        f"your profile cannot be read ({len(lines)} problem{'s' if len(lines) != 1 else ''}); it was left untouched:",
        lines + [
            f"fix it in a text editor, or run 'pmpath profile reset' to move it aside to "
            f"{path.name}{BACKUP_SUFFIX} and start over",
        ],
    )


def load(path: Path | None = None) -> Stored | None:
    """The stored profile, None when there is none yet, or :class:`ProfileFileError` when it is broken."""
    from pydantic import ValidationError

    from .kb.loader import Diagnostic, KnowledgeBaseError, parse_file, validation_diagnostics
    from .questions.profile import Profile

    path = path or profile_path()
    if not present(path):
        return None
    try:
        parsed = parse_file(path, kind="a profile")
    except KnowledgeBaseError as error:
        raise _unreadable(path, error.diagnostics) from None
    if "format" not in parsed.data:
        raise _unreadable(path, [Diagnostic(str(path), 1, 1, "", "missing required key 'format'; a profile starts with 'format: 1'")])
    try:
        profile = Profile.model_validate(parsed.data)
    except ValidationError as error:
        raise _unreadable(path, validation_diagnostics(parsed, error, root=Profile)) from None
    return Stored(profile, path, parsed.positions)


def present(path: Path) -> bool:
    """Whether there is a file (or a link) at ``path``; :class:`ProfileFileError` when it cannot be looked at.

    A directory that may not be searched (mode 0o000, say) is an error, not "no
    profile": a profile saved there would replace one pmpath cannot see.
    """
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise ProfileFileError(
            f"cannot look at {shown(path)}: {error.strerror or error}",
            [f"check the permissions of {path.parent}, or point {HOME_ENV} at a directory you can use"],
        ) from None
    return True


def dumps(profile: "Profile") -> str:
    """The profile as the YAML pmpath writes: a header comment, then the keys in a fixed order.

    The format written is the lowest that holds the profile: 1 unless it has a background.
    """
    import yaml

    data = profile.model_dump(exclude_none=True)
    data["format"] = profile.lowest_format()  # a profile without a background stays readable as format 1
    if not data.get("assessments"):
        data.pop("assessments", None)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return HEADER + body


def _cannot_write(path: Path, error: OSError) -> ProfileFileError:
    reason = error.strerror or str(error)
    return ProfileFileError(
        f"cannot save {shown(path)}: {reason}; the previous profile, if any, is unchanged",
        [f"check that {path.parent} is a writable directory, or point {HOME_ENV} at one"],
    )


def save(profile: "Profile", path: Path | None = None) -> Path:
    """Write the profile atomically; returns where it went."""
    path = path or profile_path()
    try:
        write_atomic(path, dumps(profile))
    except OSError as error:
        raise _cannot_write(path, error) from None
    return path


def reset(path: Path | None = None) -> Path | None:
    """Move the profile aside to ``profile.yaml.bak`` (replacing an older backup); None if there was none."""
    path = path or profile_path()
    if not present(path):
        return None
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    try:
        os.replace(path, backup)
    except OSError as error:
        raise ProfileFileError(f"cannot move {shown(path)} aside: {error.strerror or error}; it is unchanged") from None
    sync_directory(path.parent)
    return backup
