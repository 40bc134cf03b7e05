"""The catalogues: specializations, full-text search, breaking in, learning resources."""

from typing import Optional

import typer

from ..main import FormatOption, app, handles_errors, kept, load_kb


def complete_background(incomplete: str) -> list[str]:
    """Shell completion for background ids."""
    try:
        kb = load_kb()
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [b.id for b in kb.backgrounds if b.id.startswith(incomplete.lower())]


def needs_words(value: Optional[str], param: str) -> None:
    """A usage error when a search text has no letters or digits (e.g. '' or '!!')."""
    from ...questions.search import query_terms

    if value is not None and not query_terms(value):
        raise typer.BadParameter(f"{value!r} has no letters or digits to look for", param_hint=param)


@app.command()
@handles_errors
def specializations(
    skill: Optional[str] = typer.Option(None, "--skill", "-k", help="Only those whose core skills mention this."),
    metric: Optional[str] = typer.Option(None, "--metric", "-m", help="Only those whose metrics mention this."),
    fmt: FormatOption = "table",
) -> None:
    """The specializations as a catalogue: main focus and headline metrics, optionally filtered.

    Example: pmpath specializations --skill SQL
    """
    from ...questions.catalogue import specializations as catalogue_of
    from ...views.data import answer_document
    from ..output import emit
    from ...views.catalogue import specializations as specializations_view

    needs_words(skill, "'--skill'")
    needs_words(metric, "'--metric'")
    answer = catalogue_of(load_kb(), skill, metric)
    emit(fmt, lambda: answer_document("specializations", "Specializations", answer),
         lambda: specializations_view(answer))


@app.command()
@handles_errors
def search(
    text: str = typer.Argument(..., metavar="TEXT", help="Words to find, e.g. a skill: SQL, 'A/B testing'.",
                               show_default=False),
    limit: int = typer.Option(10, "--limit", "-n", min=1, max=500, help="How many results to show."),
    fmt: FormatOption = "table",
) -> None:
    """Ranked search over every role, track, route and resource, showing which section matched.

    For a skill, also says the lowest level on each track that expects it.

    Example: pmpath search "A/B testing"
    """
    from ...views.data import answer_document
    from ..output import emit
    from ...views.catalogue import search_results
    from ...questions.search import index_data, index_version, search as run_search, use_index

    needs_words(text, "'TEXT'")
    kb = load_kb()
    use_index(kb, kept(kb, "search", lambda: index_data(kb), ("questions/search.py",), index_version()))
    answer = run_search(kb, text, limit)
    emit(fmt, lambda: answer_document("search", f"Search: {text}", answer), lambda: search_results(answer))


@app.command("break-in")
@handles_errors
def break_in(
    background: Optional[str] = typer.Option(
        None, "--from", "-f", metavar="BACKGROUND", autocompletion=complete_background,
        help="Where you come from: engineering, design, marketing, data, consulting, operations, "
        "project-management, student, industry-expert (or an alias such as 'software engineer').",
    ),
    full: bool = typer.Option(False, "--full", help="Every section and source."),
    fmt: FormatOption = "table",
) -> None:
    """How to get into product management: routes in, the role to target first, portfolio, networking.

    Without --from, lists the backgrounds and routes.

    Example: pmpath break-in --from engineering
    """
    from ...questions.catalogue import break_in as break_in_answer
    from ...views.data import answer_document
    from ..output import emit
    from ...views.catalogue import break_in as break_in_view

    kb = load_kb()
    answer = break_in_answer(kb, background)
    title = "Breaking into product management" + (f" from {answer.background.title}" if answer.background else "")
    emit(fmt, lambda: answer_document("break-in", title, answer), lambda: break_in_view(answer, full))


@app.command()
@handles_errors
def resources(
    topic: Optional[str] = typer.Argument(
        None, metavar="[ROLE|SKILL]", help="A role (data-pm), a skill (research) or a resource (GA4).",
        show_default=False,
    ),
    fmt: FormatOption = "table",
) -> None:
    """Certifications and courses the sources name, with prices and ratings, and AI-era skills.

    Example: pmpath resources research
    """
    from ...questions.catalogue import resources as resources_answer
    from ...views.data import answer_document
    from ..output import emit
    from ...views.catalogue import resources as resources_view

    needs_words(topic, "'[ROLE|SKILL]'")
    answer = resources_answer(load_kb(), topic)
    title = f"Resources: {topic}" if topic else "Resources"
    emit(fmt, lambda: answer_document("resources", title, answer), lambda: resources_view(answer))
