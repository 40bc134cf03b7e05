"""Moving through a career: the route between two levels, two roles compared, the tracks, ways off the ladder."""

from typing import Optional

import typer

from ..main import ROLE_HELP, FormatOption, app, complete_role, complete_track, handles_errors, load_kb, track_option


def today():
    """Today's date (pinned by PMPATH_TODAY), or a usage error when that is malformed."""
    from ...questions.clock import today as clock_today

    try:
        return clock_today()
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="PMPATH_TODAY") from None


def full_option():
    """``--full``, in the same words on every command that has a short view."""
    return typer.Option(False, "--full", help="Every section and source.")


def since_option(value: Optional[str]):
    """The month given to --since, or a usage error saying what is wrong with it."""
    from ...questions.navigate import parse_year_month

    if value is None:
        return None
    try:
        return parse_year_month(value, today())
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="'--since'") from None


@app.command()
@handles_errors
def path(
    start: Optional[str] = typer.Argument(
        None, metavar="FROM", help="The level you are at (default: your profile's level). " + ROLE_HELP,
        autocompletion=complete_role, show_default=False,
    ),
    goal: Optional[str] = typer.Argument(None, metavar="TO", help="The level you want to reach.",
                                         autocompletion=complete_role, show_default=False),
    track: Optional[str] = typer.Option(
        None, "--track", "-t", help="Prefer this track (ic or manager); the route switches only where it must.",
        autocompletion=complete_track,
    ),
    since: Optional[str] = typer.Option(
        None, "--since", "-s", metavar="YYYY-MM", help="When you started at FROM: adds a calendar window to each step.",
    ),
    full: bool = full_option(),
    fmt: FormatOption = "table",
) -> None:
    """The whole route from one level to another: criteria and time at each step, summed up.

    With only TO, the route starts at your profile's level, on its track, from its start month.

    Example: pmpath path apm director --track ic --since 2023-09
    """
    from ...views.data import answer_document
    from ...questions.navigate import path as route
    from ..output import emit
    from ...views import navigate as view

    kb = load_kb()
    first, last, chosen, started = _route_ends(kb, start, goal, track, since)
    answer = route(kb, first, last, chosen, started, today=today())
    title = f"From {answer.start.title} to {answer.goal.title}"
    emit(fmt, lambda: answer_document("path", title, answer), lambda: view.path(kb, answer, full))


def _route_ends(kb, start: Optional[str], goal: Optional[str], track: Optional[str], since: Optional[str]):
    """FROM, TO, track and start month: as given, or FROM's from the profile when only TO is given."""
    from ..main import load_me
    from ...questions.navigate import YearMonth
    from ...questions.queries import resolve

    if goal is None and start is None:
        raise typer.BadParameter("give TO, the level you want to reach (and FROM, unless your profile has it)",
                                 param_hint="'TO'")
    if goal is not None:
        return resolve(kb, start), resolve(kb, goal), track_option(kb, track), since_option(since)
    from ..usage import UsageProblem
    from ...store import load, profile_path

    if load() is None:
        raise UsageProblem(
            f"only one level given, and no profile to start from (looked for {profile_path()})",
            [f"give both: pmpath path FROM {start}", "or set your level once: pmpath profile set --role pm"],
        )
    me = load_me(kb, today())[1]
    started = since_option(since)
    if started is None and me.since:
        started = YearMonth(int(me.since[:4]), int(me.since[5:]))
    chosen = track_option(kb, track) or (me.track.id if me.track else None)
    return me.need_level("'pmpath path' with one level"), resolve(kb, start), chosen, started


@app.command()
@handles_errors
def compare(
    first: str = typer.Argument(..., metavar="A", help=ROLE_HELP, autocompletion=complete_role, show_default=False),
    second: str = typer.Argument(..., metavar="B", help="The role to compare it with.",
                                 autocompletion=complete_role, show_default=False),
    full: bool = full_option(),
    fmt: FormatOption = "table",
) -> None:
    """Two roles side by side: focus, scope, years, what each lists that the other does not.

    Example: pmpath compare principal-pm group-pm
    """
    from ...views.data import answer_document
    from ...questions.compare import compare as compare_roles
    from ..output import emit
    from ...questions.queries import resolve
    from ...views import navigate as view

    kb = load_kb()
    answer = compare_roles(kb, resolve(kb, first), resolve(kb, second))
    title = f"{answer.a.title} compared with {answer.b.title}"
    emit(fmt, lambda: answer_document("compare", title, answer, whole=("a", "b")), lambda: view.compare(kb, answer, full))


@app.command()
@handles_errors
def tracks(
    track: Optional[str] = typer.Argument(
        None, help="Only one track: ic or manager (id, alias or title); all (default) for both.",
        autocompletion=complete_track,
        show_default=False,
    ),
    fmt: FormatOption = "table",
) -> None:
    """IC versus people manager: what each values, how it promotes, pros, cons, parallel bands.

    Example: pmpath tracks
    """
    from ...views.data import answer_document
    from ...questions.navigate import tracks as tracks_answer
    from ..output import emit
    from ...questions.queries import find_track
    from ...views import navigate as view

    kb = load_kb()
    only = find_track(kb, track).id if track is not None and track.lower() != "all" else None
    answer = tracks_answer(kb, only)
    title = " versus ".join(t.title for t in answer.tracks) if len(answer.tracks) > 1 else "Tracks"
    emit(fmt, lambda: answer_document("tracks", title, answer, whole=("tracks",)), lambda: view.tracks(kb, answer))


@app.command()
@handles_errors
def alternatives(
    role: Optional[str] = typer.Argument(
        None, help=ROLE_HELP + " Without it, every alternative is listed.", autocompletion=complete_role,
        show_default=False,
    ),
    fmt: FormatOption = "table",
) -> None:
    """Alternative paths, lateral moves and the moves past CPO, for everyone or from a role.

    Example: pmpath alternatives cpo
    """
    from ...views.data import answer_document
    from ...questions.navigate import alternatives as alternatives_answer
    from ..output import emit
    from ...questions.queries import resolve
    from ...views import navigate as view

    kb = load_kb()
    found = resolve(kb, role) if role is not None else None
    answer = alternatives_answer(kb, found)
    title = f"Alternatives from {found.title}" if found is not None else "Alternative paths"
    emit(fmt, lambda: answer_document("alternatives", title, answer), lambda: view.alternatives(kb, answer))
