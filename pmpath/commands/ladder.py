"""The brief's three commands: the ladder, a role card, the next step."""

from __future__ import annotations

from typing import Optional

import typer

from ..app import ROLE_HELP, app, complete_role, complete_track, handles_errors, load_kb, load_me, track_option


@app.command()
@handles_errors
def levels(
    track: Optional[str] = typer.Option(
        None, "--track", "-t", help="Only one track: ic, manager, or all (default).",
        autocompletion=complete_track,
    ),
) -> None:
    """The ladder: every level by band, IC and manager side by side where it forks.

    Example: pmpath levels --track ic
    """
    from ..output import print_renderable
    from ..render import LadderView

    kb = load_kb()
    print_renderable(LadderView(kb, track_option(kb, track, allow_all=True)))


@app.command()
@handles_errors
def show(
    role: Optional[str] = typer.Argument(
        None, help=ROLE_HELP + " Without it, every role is listed.", autocompletion=complete_role,
        show_default=False,
    ),
) -> None:
    """The full card of a level or specialization, with its sources.

    Example: pmpath show growth-pm
    """
    from ..output import print_renderable
    from ..queries import resolve
    from ..render import role_card, role_list

    kb = load_kb()
    print_renderable(role_card(kb, resolve(kb, role)) if role is not None else role_list(kb))


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
) -> None:
    """The next step(s) up: criteria, what changes, time at level, advice.

    Example: pmpath next senior-pm --track ic
    """
    from ..output import print_renderable
    from ..queries import next_steps, resolve
    from ..render import next_view

    kb = load_kb()
    if role is None:
        from .navigate import today

        me = load_me(kb, today())[1]
        found, track = me.level, track or (me.track.id if me.track else None)
    else:
        found = resolve(kb, role)
    print_renderable(next_view(kb, next_steps(kb, found, track_option(kb, track))))
