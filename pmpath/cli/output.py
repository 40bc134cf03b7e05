"""How answers reach the terminal: consoles, ``--format``, the pager, errors on stderr.

Every query command ends with one call::

    emit(fmt, lambda: data.ladder_document(kb, track), lambda: ladder.ladder(kb, track))

``fmt`` is the value of the shared ``--format`` option (:data:`pmpath.cli.main.FormatOption`):
``table`` draws the view the second function returns (a :class:`pmpath.views.elements.Document`)
with the terminal writer, ``markdown`` writes it with the Markdown writer; ``json`` and ``yaml``
write the data document the first one returns (see :mod:`pmpath.views.data`) with
:func:`pmpath.writers.data.dump`, and nothing else goes to stdout. Only the function the
format needs is called.

Colour, width and paging follow :mod:`pmpath.cli.environment`: no colour when
stdout is not a terminal, with ``NO_COLOR``, ``TERM=dumb`` or ``--no-color``;
``FORCE_COLOR`` forces it; long output goes through ``$PAGER`` (``less``)
only when stdin and stdout are both terminals. Knowledge-base text is passed
as :class:`rich.text.Text`, so markup and emoji codes in it are never
interpreted; the consoles also have markup, emoji and highlighting off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from rich.console import Console, RenderableType
from rich.text import Text

if TYPE_CHECKING:
    from ..views.elements import Document

from . import environment as environment_module
from .environment import Environment

PROG = "pmpath"

TABLE = "table"


def make_console(stderr: bool = False, env: Optional[Environment] = None, **options: Any) -> Console:
    """A console for stdout (or stderr) that follows the colour and width rules."""
    env = env or environment_module.current()
    if stderr:
        is_tty = environment_module._isatty(sys.stderr)
        colour = not env.colour_forbidden and (env.colour_forced or is_tty)
    else:
        colour = env.colour
    settings: dict[str, Any] = dict(
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        width=env.columns,
        soft_wrap=False,
        force_terminal=colour,
        no_color=False,
        color_system="auto" if colour else None,
        legacy_windows=False,
    )
    if env.columns is None and "width" not in options:
        # COLUMNS is unusable (0, -5, abc): Rich would read it itself and COLUMNS=0
        # gives a zero-width console that prints nothing; ask the terminal instead.
        settings["_environ"] = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    settings.update(options)
    return Console(**settings)


def _materialize(value: Union[Any, Callable[[], Any]]) -> Any:
    return value() if callable(value) else value


def emit(fmt: str, document: Union[dict, Callable[[], dict]], view: "Union[Document, Callable[[], Document]]") -> None:
    """Write a command's answer in the chosen format, through the pager when that is right.

    ``table`` and ``markdown`` write the view (a :class:`~pmpath.views.elements.Document`);
    ``json`` and ``yaml`` the data document. Each is built only when it is the one asked for.
    """
    env = environment_module.current()
    if fmt == TABLE:
        from ..writers.terminal import render

        write_renderable(render(_materialize(view)), env)
    elif fmt == "markdown":
        from ..writers.markdown import write

        write_text(write(_materialize(view)), env)
    else:
        from ..writers.data import dump

        write_text(dump(_materialize(document), fmt), env)


def print_renderable(renderable: RenderableType) -> None:
    write_renderable(renderable, environment_module.current())


def write_renderable(renderable: RenderableType, env: Environment) -> None:
    console = make_console(env=env)
    with console.capture() as capture:
        console.print(renderable)
    # The writers escape hidden characters in the text they write; this last sweep covers
    # everything else printed (messages, prompts): nothing hidden reaches the terminal but
    # line breaks and, in colour, the escape codes Rich writes itself.
    text = printable_output(capture.get(), colour=env.colour)
    if not env.colour:  # plain text: no padding spaces at the ends of lines
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    write_text(text, env)


def write_text(text: str, env: Optional[Environment] = None) -> None:
    """Text to stdout, or to the pager when the environment says so."""
    env = env or environment_module.current()
    if text and not text.endswith("\n"):
        text += "\n"
    if env.should_page(text.count("\n"), _terminal_height()) and _page(text, env):
        return
    sys.stdout.write(encodable(text, sys.stdout))
    sys.stdout.flush()


def encodable(text: str, stream: Any) -> str:
    """``text`` as ``stream`` can write it: characters its encoding lacks become ``?``.

    Under a non-UTF-8 locale (``LC_ALL=C`` with ``PYTHONUTF8=0``) stdout is ASCII,
    and a ``·`` or ``│`` would otherwise stop the answer with a UnicodeEncodeError.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    return text


def _terminal_height() -> Optional[int]:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size((80, 0)).lines or None


def _page(text: str, env: Environment) -> bool:
    """Run the pager on ``text``; False when it cannot be started (the caller writes directly)."""
    command = env.pager_command()
    if not command:
        return False
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=env.pager_environment(), encoding=encoding, errors="replace"
        )
    except OSError:
        return False
    try:
        try:
            assert process.stdin is not None
            process.stdin.write(text)
            process.stdin.close()
        except BrokenPipeError:  # the reader quit before the end: that is fine
            pass
        except KeyboardInterrupt:
            pass
        while True:
            try:
                process.wait()
                return True
            except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                continue
    except BaseException:  # pmpath is stopped (SIGTERM, SIGHUP): the pager must not outlive it on the terminal
        _stop_pager(process)
        raise


def _stop_pager(process: "subprocess.Popen") -> None:
    try:
        process.terminate()
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
    except OSError:
        pass


def printable(text: str) -> str:
    """``text`` with hidden characters (:mod:`pmpath.text`; undecodable bytes of file names too) as escapes.

    Line breaks and tabs stay: a message may have several lines. A path or a name inside
    a message goes through :func:`shown` first, which escapes those too.
    """
    from ..text import escape

    return escape(text, allow="\t\n")


def printable_output(text: str, colour: bool) -> str:
    """A whole rendered answer with hidden characters escaped; ``colour``: Rich's ``ESC`` codes stay."""
    from ..text import escape

    return escape(text, allow="\n\x1b" if colour else "\n")


def shown(path: "os.PathLike[str] | str") -> str:
    """A path or a name as messages show it: every hidden character escaped, line breaks included."""
    from ..text import shown as shown_text

    return shown_text(path)


def error(message: str, hints: list[str] | None = None) -> None:
    """``pmpath: error: message`` on stderr, then indented hints."""
    console = make_console(stderr=True)
    line = Text(f"{PROG}: ", style="bold")
    line.append("error: ", style="bold red")
    line.append(printable(message))
    console.print(line, soft_wrap=True)
    for hint in hints or []:
        console.print(Text("  " + printable(hint)), soft_wrap=True)


def lines_to_stderr(lines: list[str]) -> None:
    """Plain lines on stderr, one each, never wrapped (e.g. ``FILE:LINE:COLUMN: ...``)."""
    console = make_console(stderr=True)
    for line in lines:
        console.print(Text(printable(line)), soft_wrap=True)


def _file_mode(target) -> int:
    """The mode a new file gets (0666 minus the umask), or the existing file's own mode."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_file(path: "os.PathLike[str] | str", text: str, option: str = "--output") -> None:
    """Write ``text`` to ``path`` whole or not at all.

    A path that cannot be used (no such directory, no permission) is a usage error (exit 2); a
    disk or device that fails the write (full, I/O error) is an :class:`~pmpath.cli.usage.OutputProblem`
    (exit 6), and an existing file is left as it was. A device or FIFO (``/dev/stdout``) is written
    into, and a symbolic link's target is replaced, not the link.
    """
    from pathlib import Path

    import typer

    from .usage import OutputProblem, write_failed
    from ..files import link_target, replace_with, special_file, write_into

    target = Path(path)
    existed = special = False
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "is a directory")
        special = special_file(target)
        if special:
            write_into(target, text.encode("utf-8"))
            return
        real = link_target(target)
        existed = real.exists()
        replace_with(real, text.encode("utf-8"), mode=_file_mode(real))
    except BrokenPipeError:  # -o /dev/stdout into a reader that went away: quiet, as for stdout
        raise
    except OSError as problem:
        reason = problem.strerror or str(problem)
        if write_failed(problem):
            kept = "" if special else "; the file is unchanged" if existed else "; nothing was written"
            raise OutputProblem(f"cannot write {target}: {reason}{kept}") from None
        raise typer.BadParameter(f"cannot write {str(target)!r}: {reason.lower()}", param_hint=f"'{option}'") from None
    if environment_module._isatty(sys.stderr):
        sys.stderr.write(f"{PROG}: wrote {shown(target)} ({len(text.encode('utf-8')):,} bytes)\n")


def plain_line(text: str) -> None:
    """``text`` on stdout as it is (no markup, no wrapping), control characters escaped."""
    sys.stdout.write(printable(text) + "\n")
