"""The Typer application and what every command shares: options, loading, errors.

Commands live in :mod:`pmpath.cli.commands`, one module per concern, and register
themselves on :data:`app`. Only typer (and the standard library) is imported at
module level; the knowledge base, pydantic and the renderers are imported inside
the commands, so ``pmpath --help`` stays fast.

A query command adopts the output formats with the shared option and one call::

    @app.command()
    @handles_errors
    def tracks(fmt: FormatOption = "table") -> None:
        \"\"\"... Example: pmpath tracks --format json\"\"\"
        from ...views.data import envelope
        from ..output import emit
        kb = load_kb()
        emit(fmt, lambda: envelope("tracks", "Tracks", ...), lambda: tracks_view(kb))

Usage errors (unknown command or option, bad value) are reported like every
other error: ``pmpath: error: ...`` on stderr, a did-you-mean line, exit 2.
"""

import contextlib
import difflib
import functools
import sys
from typing import Any, Callable, Optional

import typer
from typer.core import TyperGroup

from typing import Annotated

from .. import __version__
from ..writers import ANSWER_FORMATS as FORMATS
from ..writers import FORMAT_ALIASES
from .status import ExitStatus


HELP_GROUPS = (
    ("Explore the ladder", ("levels", "show", "next", "path", "compare", "tracks", "specializations", "search",
                            "break-in", "alternatives", "resources", "browse")),
    ("Plan your career", ("profile", "assess", "gap", "quiz", "plan")),
    ("Your own ladder", ("init", "validate", "schema", "map")),
    ("Output", ("export",)),
)
"""How ``pmpath --help`` groups the commands, by what a user is doing; ``levels``, ``show``, ``next`` first."""


@contextlib.contextmanager
def _interruptible():
    """Ctrl-C while Typer parses or runs a command: pmpath's one line and exit 130.

    Typer would turn it into a silent exit before :mod:`pmpath.__main__` (which handles
    it everywhere else, with the same words) could see it.
    """
    try:
        yield
    except KeyboardInterrupt:
        sys.stderr.write("pmpath: interrupted\n")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None

class PmpathGroup(TyperGroup):
    """Typer's group, with usage errors in pmpath's own words, suggestions for typos and grouped help."""

    def list_commands(self, ctx):
        order = [name for _, names in HELP_GROUPS for name in names]
        known = list(super().list_commands(ctx))
        return [n for n in order if n in known] + [n for n in known if n not in order]

    def format_commands(self, ctx, formatter) -> None:
        """The commands under a heading per group, in :data:`HELP_GROUPS` order."""
        names = self.list_commands(ctx)
        listed = {n for _, group in HELP_GROUPS for n in group}
        groups = [(title, [n for n in group if n in names]) for title, group in HELP_GROUPS]
        groups.append(("Other commands", [n for n in names if n not in listed]))
        longest = max((len(n) for n in names), default=0)
        width = formatter.width - 6 - longest
        for title, members in groups:
            rows = []
            for name in members:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name.ljust(longest), command.get_short_help_str(limit=width)))
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as problem:
            name = args[0] if args else ""
            if name and not name.startswith("-") and name not in self.commands:
                problem.message = f"no command called {name!r}"
                problem.suggestions = closest(name, difflib.get_close_matches(name, list(self.commands), n=3, cutoff=0.5))
            raise

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        if "--install-completion" in argv:
            try:
                return self._main(args, prog_name, complete_var, standalone_mode, **extra)
            finally:  # Typer exits once it has installed; then mend what it wrote for zsh
                fix_zsh_completion(prog_name or "pmpath")
        return self._main(args, prog_name, complete_var, standalone_mode, **extra)

    def make_context(self, info_name, args, parent=None, **extra):
        with _interruptible():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        """Run the command; Ctrl-C and a reader that went away end it in pmpath's words.

        Typer turns Ctrl-C into a silent exit 130 and a closed pipe into a silent
        exit 1 before :mod:`pmpath.__main__` can see them, so they are handled here.
        """
        with _interruptible():
            try:
                return super().invoke(ctx)
            except BrokenPipeError:
                quiet_broken_pipe()

    def _main(self, args, prog_name, complete_var, standalone_mode, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as problem:  # Click's usage errors and bad parameters
            code = int(getattr(problem, "exit_code", ExitStatus.USAGE))
            if type(problem).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as Click shows it
                problem.show()
            else:
                report_usage_error(problem)
            sys.exit(code)
        except typer.Abort:
            sys.stderr.write("pmpath: aborted\n")
            sys.exit(ExitStatus.INTERRUPTED)
        sys.exit(result if isinstance(result, int) else ExitStatus.OK)


def quiet_broken_pipe() -> None:
    """The reader went away (e.g. ``| head``): exit 0 without another write to stdout."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (e.g. a test runner)
        pass
    raise typer.Exit(ExitStatus.OK)


TYPER_ZSH_LINE = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
OWN_ZSH_LINE = "fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit"
ZSH_FIRST_TAB_MARK = "# pmpath: autoloaded by compinit, complete at once (else the first TAB does nothing)"


def fix_zsh_completion(prog_name: str) -> None:
    """Two fixes to what ``--install-completion`` writes for zsh (nothing changes for bash or fish).

    1. Typer appends ~/.zfunc to fpath, but zsh ships a completion for another
       program called pmpath (the Perl pmtools' ``pmpath``, in ``_perl_modules``)
       and compinit keeps the first definition it finds, so TAB offered Perl
       modules. ~/.zshrc now puts ~/.zfunc first.
    2. Autoloaded, Typer's ``_pmpath`` only defined the completion function, so
       the first TAB of every session did nothing. It now also runs it then.
    """
    from pathlib import Path

    try:
        script = Path.home() / ".zfunc" / f"_{prog_name}"
        zshrc = Path.home() / ".zshrc"
        if not script.is_file() or not zshrc.is_file():
            return
        function = f"_{prog_name.replace('-', '_')}_completion"
        body = script.read_text()
        if f"{function}()" in body and ZSH_FIRST_TAB_MARK not in body:
            script.write_text(
                body.rstrip("\n") + f"\n\n{ZSH_FIRST_TAB_MARK}\n"
                f'if [[ "${{funcstack[1]}}" == "_{prog_name}" ]]; then {function} "$@"; fi\n'
            )
        text = zshrc.read_text()
        if TYPER_ZSH_LINE not in text:
            return
        if OWN_ZSH_LINE in text:  # installed before: drop the line Typer added again
            lines = [line for line in text.splitlines() if line.strip() != TYPER_ZSH_LINE]
            text = "\n".join(lines).strip() + "\n"
        else:
            text = text.replace(TYPER_ZSH_LINE, OWN_ZSH_LINE)
        zshrc.write_text(text)
    except OSError:  # an unreadable or unwritable ~/.zshrc: leave it as Typer wrote it
        return


def closest(word: str, candidates: list[str]) -> list[str]:
    """The candidates nearly as close to ``word`` as the closest one, best first."""
    ratios = sorted(
        ((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in candidates), key=lambda rc: (-rc[0], rc[1])
    )
    return [c for r, c in ratios if ratios and r >= ratios[0][0] - 0.1]


def report_usage_error(problem: Any) -> None:
    """``pmpath: error: no such option: --trak`` / ``did you mean --track?`` / where to look."""
    from .output import error

    if type(problem).__name__ == "NoSuchOption":
        message = problem.message
        suggestions = list(getattr(problem, "possibilities", None) or [])
    else:
        message = problem.format_message() if type(problem).__name__ != "UsageError" else problem.message
        suggestions = list(getattr(problem, "suggestions", None) or [])
    message = message.strip()
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    if type(problem).__name__ == "NoSuchOption":
        suggestions = closest(getattr(problem, "option_name", ""), suggestions)
    hints = [f"did you mean {', '.join(suggestions)}?"] if suggestions else []
    ctx = getattr(problem, "ctx", None)
    path = ctx.command_path if ctx is not None else "pmpath"
    hints.append(f"run '{path} --help' for usage")
    error(message, hints)


class PmpathTyper(typer.Typer):
    """Typer, building only the command that runs.

    Typer turns every registered command into a Click command before it looks
    at the command line: inspecting two dozen signatures costs every run about
    as much as starting Python. When the command line names a registered
    command or group, only that one is built (``--help``, an unknown name and
    shell completion still see them all).
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import os

        argv = kwargs.get("args")
        name = _named_command(list(sys.argv[1:] if argv is None else argv), self)
        commands = [info for info in self.registered_commands if _command_name(info) == name]
        groups = [info for info in self.registered_groups if info.name == name]
        if not (commands or groups) or any(key.endswith("_COMPLETE") for key in os.environ):
            return super().__call__(*args, **kwargs)
        everything = self.registered_commands, self.registered_groups
        self.registered_commands, self.registered_groups = commands, groups
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.registered_commands, self.registered_groups = everything


def _command_name(info) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


def _named_command(args: list[str], typer_app: typer.Typer) -> Optional[str]:
    """The first word of ``args`` that is not a global option or an option's value."""
    import inspect

    callback = typer_app.registered_callback.callback if typer_app.registered_callback else None
    takes_value = set()
    for parameter in inspect.signature(callback).parameters.values() if callback else ():
        info = parameter.default
        if isinstance(info, typer.models.OptionInfo) and parameter.annotation not in (bool, Optional[bool]):
            takes_value.update(info.param_decls or ())
    position = 0
    while position < len(args):
        word = args[position]
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
        position += 2 if word in takes_value else 1
    return None


app = PmpathTyper(
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
    cls=PmpathGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmpath {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    kb: Optional[str] = typer.Option(
        None, "--kb", envvar="PMPATH_KB", metavar="PATH",
        help="Knowledge base to use: a YAML file or a directory of them (default: the built-in one).",
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache",
        help="Read the knowledge base from its YAML files, not from the cache of the last read.",
    ),
    no_color: bool = typer.Option(
        False, "--no-color", help="No colour or styles (also: NO_COLOR=1, TERM=dumb; FORCE_COLOR=1 forces colour)."
    ),
    pager: Optional[bool] = typer.Option(
        None, "--pager/--no-pager",
        help="Page long output with $PAGER (default less). Default: page when it does not fit an interactive terminal.",
        show_default=False,
    ),
    version: bool = typer.Option(  # a plain bool: Typer skips pydantic coercion for a bool flag's value
        False, "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """A career navigator for product managers."""
    from . import settings

    settings.start(ctx, settings.Settings(kb=kb or None, cache=not no_cache, no_color=no_color, pager=pager))


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can cause into a message on stderr and a documented exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from ..files import KnowledgeBaseError
        from .output import error
        from ..questions.problems import Problem
        from ..store import ProfileFileError

        try:
            return command(*args, **kwargs)
        except ProfileFileError as problem:
            error(problem.message, problem.hints)
            raise typer.Exit(ExitStatus.PROFILE) from None
        except Problem as problem:  # the questions' typed problems and the command line's own
            from .errors import explain

            message, hints, status = explain(problem)
            error(message, hints)
            raise typer.Exit(status) from None
        except KnowledgeBaseError as problem:
            from ..kb.loader import count_problems

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
    from . import settings

    return settings.current().kb


def cache_enabled() -> bool:
    """False when --no-cache was given."""
    from . import settings

    return settings.current().cache


def load_kb():
    """The selected knowledge base, through the cache unless --no-cache was given.

    A command is a short-lived process and the knowledge base lives until it
    exits, so the objects made while loading are frozen out of the cyclic
    garbage collector's sight (``gc.freeze``): otherwise its first pass after
    loading rescans every one of them (a quarter of a second for 10,000 roles)
    to find nothing to free.
    """
    import gc

    from ..kb.cache import load
    from . import settings

    chosen = settings.current()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return load(chosen.kb, use_cache=chosen.cache)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def kept(kb, name: str, compute: Callable[[], Any], modules: tuple[str, ...], version: str = "") -> Any:
    """Data worked out from the selected knowledge base ``kb``, kept in the cache (unless --no-cache)."""
    from . import settings

    chosen = settings.current()
    if not chosen.cache:
        return compute()
    from ..kb.cache import derived

    return derived(chosen.kb, name, compute, modules, version, kb=kb)


def load_me(kb, today):
    """The stored profile and the profile resolved in ``kb`` as of ``today``; a clear error when there is none."""
    from .usage import CommandProblem
    from ..questions.problems import ProfileMismatch
    from ..questions.profile import resolve_profile
    from ..store import load, profile_path

    stored = load()
    if stored is None:
        raise CommandProblem(
            f"you have no profile yet (looked for {profile_path()})",
            ["create one: pmpath profile set --role pm --since 2024-03 (your level, and the month you started at it)"],
        )
    try:
        return stored, resolve_profile(kb, stored.profile, today)
    except ProfileMismatch as mismatch:
        from .errors import explain

        _, hints, status = explain(mismatch)
        raise CommandProblem(f"{stored.where(mismatch.field)}: {mismatch.message}", hints, status) from None


def track_option(kb, value: Optional[str], allow_all: bool = False) -> Optional[str]:
    """The track id a --track value means, or a usage error with suggestions."""
    from ..questions.queries import NotFound, find_track

    if value is None or (allow_all and value.lower() == "all"):
        return None
    try:
        return find_track(kb, value).id
    except NotFound as problem:
        bad = typer.BadParameter(problem.message, param_hint="'--track'")
        bad.suggestions = problem.suggestions
        raise bad from None


def _completion_kb(ctx: Optional[typer.Context]):
    """The knowledge base a command line being completed names (--kb or PMPATH_KB), else the built-in one.

    Read through the cache: completion runs on every TAB.
    """
    from ..kb.cache import load

    path = None
    while ctx is not None:
        if ctx.params.get("kb"):
            path = ctx.params["kb"]
        ctx = ctx.parent
    return load(path)


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for role ids and aliases."""
    try:
        from ..questions.queries import role_names
        from ..kb.schema import normalize_key

        kb = _completion_kb(ctx)
    except Exception:  # completion must never print a traceback into the shell
        return []
    prefix = normalize_key(incomplete.lower())
    out: dict[str, str] = {}  # a dict, not a list scan: linear even for thousands of roles
    for name, role_id in role_names(kb):
        candidate = normalize_key(name)
        if candidate.startswith(prefix) and candidate not in out:
            out[candidate] = role_id if candidate != role_id else ""
    return list(out.items())


def complete_track(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for track ids (and ``all``)."""
    try:
        ids = [track.id for track in _completion_kb(ctx).tracks]
    except Exception:  # completion must never print a traceback into the shell
        ids = ["ic", "manager"]
    return [t for t in (*ids, "all") if t.startswith(incomplete.lower())]


def _format_checker(choices: tuple[str, ...]) -> Callable[[Optional[str]], Optional[str]]:
    def check(value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        key = value.strip().lower()
        key = FORMAT_ALIASES.get(key, key)
        if key in choices:
            return key
        bad = typer.BadParameter(f"no format called {value!r} (formats: {', '.join(choices)})")
        bad.suggestions = closest(key, difflib.get_close_matches(key, list(choices), n=2, cutoff=0.4))
        raise bad

    return check


def _format_completer(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.lower())]

    return complete


def format_option(choices: tuple[str, ...], help: str) -> Any:
    """A ``--format`` option over ``choices`` for ``Annotated``: checked with suggestions, completed in the shell.

    There is deliberately no short form: ``-f`` already means ``--from`` in ``pmpath break-in``.
    """
    return typer.Option(
        "--format",
        help=help,
        metavar="[" + "|".join(choices) + "]",
        callback=_format_checker(choices),
        autocompletion=_format_completer(choices),
    )


FormatOption = Annotated[
    str,
    format_option(
        FORMATS,
        "table: the terminal view; json or yaml: a versioned document for programs; markdown: for a wiki or a doc.",
    ),
]
"""The shared ``--format table|json|yaml|markdown`` option; use as ``fmt: FormatOption = "table"``."""


ROLE_HELP = "A level or specialization: id, alias or title, any case (e.g. growth-pm, 'Growth PM', gpm)."
