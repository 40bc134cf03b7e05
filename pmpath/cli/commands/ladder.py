"""The brief's three commands: the ladder, a role card, the next step."""

from typing import Optional

import typer

from ..main import (
    ROLE_HELP,
    FormatOption,
    app,
    complete_role,
    complete_track,
    handles_errors,
    load_kb,
    load_me,
    selected_kb,
    track_option,
)
from .navigate import full_option


@app.command()
@handles_errors
def levels(
    track: Optional[str] = typer.Option(
        None, "--track", "-t", help="Only one track: ic, manager, or all (default).",
        autocompletion=complete_track,
    ),
    tree: bool = typer.Option(
        False, "--tree", help="Draw the ladder as a picture: bands top to bottom, the fork into tracks."
    ),
    fmt: FormatOption = "table",
) -> None:
    """The ladder: every level by band, IC and manager side by side where it forks.

    Example: pmpath levels --track ic
    """
    from ...views.data import ladder_document
    from ..output import emit
    from ...views.ladder import ladder, ladder_tree

    kb = load_kb()
    track_id = track_option(kb, track, allow_all=True)
    view = ladder_tree if tree else ladder
    emit(fmt, lambda: ladder_document(kb, track_id), lambda: view(kb, track_id))


@app.command()
@handles_errors
def show(
    role: Optional[str] = typer.Argument(
        None, help=ROLE_HELP + " Without it, every role is listed.", autocompletion=complete_role,
        show_default=False,
    ),
    full: bool = full_option(),
    fmt: FormatOption = "table",
) -> None:
    """A level's or specialization's card: summary, focus, years, disputes, top duties and skills.

    Example: pmpath show growth-pm
    """
    from ...views.data import role_document, roles_document
    from ..output import emit
    from ...questions.queries import resolve
    from ...views.ladder import role_card, role_list

    kb = load_kb()
    if role is None:
        emit(fmt, lambda: roles_document(kb), lambda: role_list(kb))
        return
    found = resolve(kb, role)
    emit(fmt, lambda: role_document(kb, found),
         lambda: role_card(kb, found, full, asked=role, reference=_reference_level(found)))


def _reference_level(found):
    """The built-in level a company level names as its equivalent (None for the built-in ladder itself)."""
    from ...kb.schema import Level

    if not isinstance(found, Level) or found.equivalent is None or selected_kb() is None:
        return None
    from ...kb.cache import load

    reference = load(None)
    return next((level for level in reference.levels if level.id == found.equivalent), None)


@app.command("next")
@handles_errors
def next_(
    role: Optional[str] = typer.Argument(
        None, help=ROLE_HELP + " Default: your profile's level (and its track).", autocompletion=complete_role,
        show_default=False,
    ),
    track: Optional[str] = typer.Option(
        None, "--track", "-t", help="ic or manager; without it, every way up is shown where the ladder forks.",
        autocompletion=complete_track,
    ),
    full: bool = full_option(),
    fmt: FormatOption = "table",
) -> None:
    """The next step(s) up: criteria, what changes, time at level, advice.

    Example: pmpath next senior-pm --track ic
    """
    from ...views.data import next_document
    from ..output import emit
    from ...questions.queries import next_steps, resolve
    from ...views.steps import next_steps as next_view

    kb = load_kb()
    if role is None:
        from ..usage import UsageProblem
        from ...store import load, profile_path
        from .navigate import today

        if load() is None:
            raise UsageProblem(
                f"no ROLE given, and no profile to take it from (looked for {profile_path()})",
                ["give one: pmpath next senior-pm", "or set your level once: pmpath profile set --role pm"],
            )
        me = load_me(kb, today())[1]
        found, track = me.need_level("'pmpath next' without a role"), track or (me.track.id if me.track else None)
    else:
        found = resolve(kb, role)
    answer = next_steps(kb, found, track_option(kb, track))
    emit(fmt, lambda: next_document(kb, answer), lambda: next_view(kb, answer, full, asked=role))
