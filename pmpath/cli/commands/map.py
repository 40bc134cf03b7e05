"""``pmpath map``: a company's ladder beside the reference ladder, or one company's titles onto another's."""

from typing import Optional

import typer

from ..main import FormatOption, _completion_kb, app, cache_enabled, handles_errors, load_kb, selected_kb


def complete_level(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for the ids, aliases and titles of the levels of the ladder given with --kb."""
    try:
        from ...kb.schema import normalize_key
        from ...questions.queries import role_names

        kb = _completion_kb(ctx)
    except Exception:  # completion must never print a traceback into the shell
        return []
    levels = {level.id for level in kb.levels}
    prefix = normalize_key(incomplete)
    out: dict[str, str] = {}
    for name, role_id in role_names(kb):
        candidate = normalize_key(name)
        if role_id in levels and candidate.startswith(prefix) and candidate not in out:
            out[candidate] = role_id if candidate != role_id else ""
    return list(out.items())


@app.command("map")
@handles_errors
def map_(
    level: Optional[str] = typer.Argument(
        None, metavar="LEVEL", help="One level of your ladder (id, alias or title); without it, every level.",
        autocompletion=complete_level, show_default=False,
    ),
    to: Optional[str] = typer.Option(
        None, "--to", metavar="PATH",
        help="Another company's ladder (a YAML file or a directory): your titles onto its titles, through the reference.",
    ),
    fmt: FormatOption = "table",
) -> None:
    """Your company's levels beside the reference ladder, or your titles onto another company's.

    Levels are lined up through the `equivalent` each names in the built-in ladder.

    Example: pmpath --kb examples/lanternfish-labs.yaml map --to examples/kestrel-works.yaml
    """
    from ...kb.cache import load
    from ...questions import map as question
    from ...views import map as view
    from ...views.data import answer_document
    from ..output import emit

    kb = load_kb()
    reference = load(None, use_cache=cache_enabled())
    path = selected_kb()
    ours = question.ladder_name(kb, reference, _file_name(path)) if path else reference.name
    only = _company_level(kb, reference, level) if level is not None else None
    if to is None:
        answer = question.ladder_map(kb, reference, only, ours)
        title = f"{answer.ladder} beside the reference ladder"
        emit(fmt, lambda: answer_document("map", title, answer), lambda: view.ladder_map(answer))
        return
    theirs = load(to, use_cache=cache_enabled())
    names = (ours, question.ladder_name(theirs, reference, _file_name(to)))
    between = question.map_between(kb, theirs, reference, only, names)
    title = f"{between.ours} onto {between.theirs}"
    emit(fmt, lambda: answer_document("map-between", title, between), lambda: view.map_between(between))


def _file_name(path) -> str:
    """What to call a ladder that has no name: its file's (or directory's) name, hidden characters escaped."""
    from pathlib import Path

    from ..output import shown

    return shown(Path(path).stem)


def _company_level(kb, reference, name: str):
    """The level of the company ladder that ``name`` names, or a problem saying why it is not one."""
    from ...kb.schema import Level
    from ...questions.map import company_levels
    from ...questions.problems import NotALevel
    from ...questions.queries import resolve

    found = resolve(kb, name)
    if not isinstance(found, Level):
        raise NotALevel(f"{found.title} ({found.id}) is a specialization; map lines up levels", found, "map")
    if found not in company_levels(kb, reference):
        raise NotALevel(
            f"{found.title} ({found.id}) is a level of the reference ladder itself, not of {kb.name!r}", found, "map"
        )
    return found
