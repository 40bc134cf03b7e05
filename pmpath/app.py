"""The Typer application and what every command shares: options, loading, errors.

Commands live in :mod:`pmpath.commands`, one module per concern, and register
themselves on :data:`app`. Only typer is imported at module level; the knowledge
base, pydantic and the renderers are imported inside the commands, so
``pmpath --help`` stays fast.
"""

from __future__ import annotations

import functools
from typing import Callable, Optional

import typer

from . import __version__
from .status import ExitStatus

app = typer.Typer(
    name="pmpath",
    help=(
        "A career navigator for product managers: the levels, what each role involves, "
        "and what it takes to reach the next one.\n\n"
        "Examples:\n\n"
        "  pmpath levels\n\n"
        "  pmpath show growth-pm\n\n"
        "  pmpath next senior-pm --track ic"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmpath {__version__}")
        raise typer.Exit()


_state: dict[str, object] = {"kb": None, "cache": True}


@app.callback()
def main_options(
    kb: Optional[str] = typer.Option(
        None, "--kb", envvar="PMPATH_KB", metavar="PATH",
        help="Knowledge base to use: a YAML file or a directory of them (default: the built-in one).",
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache",
        help="Read the knowledge base from its YAML files, not from the cache of the last read.",
    ),
    version: bool = typer.Option(  # a plain bool: Typer skips pydantic coercion for a bool flag's value
        False, "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """A career navigator for product managers."""
    _state["kb"] = kb or None
    _state["cache"] = not no_cache


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can cause into a message on stderr and a documented exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .loader import KnowledgeBaseError
        from .output import error
        from .queries import Ambiguous, LookupProblem, NoAnswer

        try:
            return command(*args, **kwargs)
        except LookupProblem as problem:
            hints = []
            if problem.suggestions:
                names = ", ".join(problem.suggestions)
                hints.append(
                    f"did you mean {names}?" if not isinstance(problem, Ambiguous) else f"candidates: {names}"
                )
            hints.append(problem.hint or "run 'pmpath show' with no role to list every role")
            error(problem.message, hints)
            raise typer.Exit(ExitStatus.NOT_FOUND) from None
        except NoAnswer as problem:
            error(problem.message, problem.hints)
            raise typer.Exit(ExitStatus.NOT_FOUND) from None
        except KnowledgeBaseError as problem:
            count = len(problem.diagnostics)
            error(f"the knowledge base is not valid ({count} problem{'s' if count != 1 else ''}):",
                  [str(d) for d in problem.diagnostics])
            raise typer.Exit(ExitStatus.INVALID_KB) from None

    return wrapper


def load_kb():
    """The selected knowledge base, through the cache unless --no-cache was given.

    A command is a short-lived process and the knowledge base lives until it
    exits, so the objects made while loading are frozen out of the cyclic
    garbage collector's sight (``gc.freeze``): otherwise its first pass after
    loading rescans every one of them (a quarter of a second for 10,000 roles)
    to find nothing to free.
    """
    import gc

    from .cache import load

    enabled = gc.isenabled()
    gc.disable()
    try:
        return load(_state["kb"], use_cache=bool(_state["cache"]))
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def track_option(kb, value: Optional[str], allow_all: bool = False) -> Optional[str]:
    """The track id a --track value means, or a usage error with suggestions."""
    from .queries import NotFound, find_track

    if value is None or (allow_all and value.lower() == "all"):
        return None
    try:
        return find_track(kb, value).id
    except NotFound as problem:
        hint = f" (did you mean {', '.join(problem.suggestions)}?)" if problem.suggestions else ""
        raise typer.BadParameter(f"{problem.message}{hint}", param_hint="'--track'") from None


def complete_role(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for role ids and aliases."""
    try:
        from .queries import role_names
        from .schema import normalize_key

        kb = load_kb()
    except Exception:  # completion must never print a traceback into the shell
        return []
    prefix = normalize_key(incomplete.lower())
    out: dict[str, str] = {}  # a dict, not a list scan: linear even for thousands of roles
    for name, role_id in role_names(kb):
        candidate = normalize_key(name)
        if candidate.startswith(prefix) and candidate not in out:
            out[candidate] = role_id if candidate != role_id else ""
    return list(out.items())


def complete_track(incomplete: str) -> list[str]:
    return [t for t in ("ic", "manager", "all") if t.startswith(incomplete.lower())]


ROLE_HELP = "A level or specialization: id, alias or title, any case (e.g. growth-pm, 'Growth PM', gpm)."
