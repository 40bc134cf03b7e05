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


_state: dict[str, Optional[str]] = {"kb": None}


@app.callback()
def main_options(
    kb: Optional[str] = typer.Option(
        None, "--kb", envvar="PMPATH_KB", metavar="PATH",
        help="Knowledge base to use: a YAML file or a directory of them (default: the built-in one).",
    ),
    version: Optional[bool] = typer.Option(
        None, "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """A career navigator for product managers."""
    _state["kb"] = kb or None


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
            from .loader import count_problems

            counted = count_problems(problem.diagnostics)
            shown = [str(d) for d in problem.diagnostics[:MAX_SHOWN_PROBLEMS]]
            if len(problem.diagnostics) > len(shown):
                more = "more" if counted.startswith("more") else f"{len(problem.diagnostics) - len(shown)} more"
                shown.append(f"... and {more}; 'pmpath validate' lists them")
            error(f"the knowledge base is not valid ({counted}):", shown)
            raise typer.Exit(ExitStatus.INVALID_KB) from None

    return wrapper


MAX_SHOWN_PROBLEMS = 20
"""Commands other than validate show this many knowledge-base problems at most."""


def selected_kb() -> Optional[str]:
    """The knowledge base chosen with --kb or PMPATH_KB; None for the built-in one."""
    return _state["kb"]


def load_kb():
    from .loader import load

    return load(_state["kb"])


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


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for role ids and aliases, from the knowledge base --kb or PMPATH_KB selects."""
    try:
        from .loader import load
        from .queries import role_names
        from .schema import normalize_key

        kb = load(ctx.find_root().params.get("kb") or None)
    except Exception:  # completion must never print a traceback into the shell
        return []
    prefix = incomplete.lower()
    out = []
    for name, role_id in role_names(kb):
        candidate = normalize_key(name)
        if candidate.startswith(normalize_key(prefix)) and candidate not in [c for c, _ in out]:
            out.append((candidate, role_id if candidate != role_id else ""))
    return out


def complete_track(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for track ids (and ``all``), from the selected knowledge base."""
    try:
        from .loader import load

        tracks = [track.id for track in load(ctx.find_root().params.get("kb") or None).tracks]
    except Exception:  # completion must never print a traceback into the shell
        tracks = []
    return [t for t in (*tracks, "all") if t.startswith(incomplete.lower())]


ROLE_HELP = "A level or specialization: id, alias or title, any case (e.g. growth-pm, 'Growth PM', gpm)."
