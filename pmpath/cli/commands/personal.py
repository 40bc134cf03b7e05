"""Your own navigator: the profile, self-assessment, the gap, the specialization quiz."""

from typing import Optional

import typer

from ..main import ROLE_HELP, FormatOption, app, complete_role, complete_track, handles_errors, load_kb, load_me
from .catalogue import complete_background
from .navigate import today

profile_app = typer.Typer(
    help=(
        "Your profile: your level (or the background you are moving into PM from), track, the month you "
        "started and your specialization, kept in profile.yaml in your config directory (or $PMPATH_HOME).\n\n"
        "Example: pmpath profile set --role pm --track ic --since 2024-03"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(profile_app, name="profile")

CLEARS = " 'none' clears it."


@profile_app.command("set")
@handles_errors
def profile_set(
    role: Optional[str] = typer.Option(
        None, "--role", "-r", help="Your level: id, alias or title (e.g. pm, 'Senior PM'). 'none' clears it when "
        "you have a background.", autocompletion=complete_role,
    ),
    background: Optional[str] = typer.Option(
        None, "--from", "-f", metavar="BACKGROUND", help="The background you come into PM from, e.g. engineering "
        "(pmpath break-in lists them); alone, it makes a profile with no level yet." + CLEARS,
        autocompletion=complete_background,
    ),
    track: Optional[str] = typer.Option(
        None, "--track", "-t", help="The track you aim along: ic or manager." + CLEARS, autocompletion=complete_track,
    ),
    since: Optional[str] = typer.Option(
        None, "--since", "-s", metavar="YYYY-MM", help="The month you started at your level." + CLEARS,
    ),
    specialization: Optional[str] = typer.Option(
        None, "--specialization", help="Your specialization, e.g. growth-pm." + CLEARS, autocompletion=complete_role,
    ),
) -> None:
    """Create or change your profile; only the settings you give change.

    Moving into PM? Give your background instead of a level: pmpath profile set --from engineering.
    Once you have a PM role, add it with --role and keep the background.

    Example: pmpath profile set --role pm --track ic --since 2024-03
    """
    from ... import store
    from ..output import print_renderable
    from ...writers.terminal import render
    from ...questions.profile import apply_settings
    from ...views.personal import profile_saved

    kb, stored = load_kb(), store.load()
    change = apply_settings(kb, stored.profile if stored else None, today(), role, track, since, specialization,
                            background)
    path = store.save(change.profile) if change.changes or stored is None else stored.path
    print_renderable(render(profile_saved(path, change.changes)))


@profile_app.command("show")
@handles_errors
def profile_show(fmt: FormatOption = "table") -> None:
    """Your profile: level, track, time at the level, specialization, assessments, and where it is kept.

    Example: pmpath profile show --format json
    """
    from ...views.personal_data import profile_document
    from ..output import emit
    from ...views.personal import profile_card

    kb, day = load_kb(), today()
    stored, me = load_me(kb, day)
    emit(fmt, lambda: profile_document(me, stored.path, day), lambda: profile_card(kb, me, stored.path, day))


@profile_app.command("reset")
@handles_errors
def profile_reset(
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Start over: move your profile aside to profile.yaml.bak (replacing an older backup).

    Example: pmpath profile reset --yes
    """
    from ... import store
    from ..interactive import is_interactive
    from ..output import print_renderable
    from ...writers.terminal import render
    from ..usage import CommandProblem, UsageProblem
    from ...views.personal import profile_reset_done
    from ..status import ExitStatus

    path = store.profile_path()
    if store.present(path) and not yes:
        if not is_interactive():
            raise UsageProblem("profile reset asks for confirmation; add --yes when not in a terminal")
        try:
            confirmed = typer.confirm(f"Move {path} aside to {path.name}{store.BACKUP_SUFFIX}?", default=False)
        except typer.Abort:  # the input ended before an answer
            raise CommandProblem("input ended before an answer; nothing was moved", status=ExitStatus.INTERRUPTED) from None
        if not confirmed:
            raise CommandProblem(f"{path} was not moved (you answered no)")
    print_renderable(render(profile_reset_done(path, store.reset(path))))


@app.command()
@handles_errors
def assess(
    target: Optional[str] = typer.Option(
        None, "--target", metavar="ROLE", help="The role to assess yourself against (default: the next level on your track). "
        + ROLE_HELP, autocompletion=complete_role,
    ),
    scores: Optional[str] = typer.Option(
        None, "--scores", metavar="LIST", help="Every score at once, in order, e.g. 2,1,3,... (0 not yet, "
        "1 partly, 2 mostly, 3 fully).",
    ),
    answers: Optional[str] = typer.Option(
        None, "--answers", metavar="FILE", help="A YAML file mapping item numbers to scores, e.g. '1: 2'.",
    ),
    list_items: bool = typer.Option(False, "--list", help="List the items and their numbers; ask nothing."),
    fmt: FormatOption = "table",
) -> None:
    """Rate yourself, item by item, against the criteria, responsibilities and skills of a role.

    Asks one item at a time in a terminal; saves the dated result in your profile, next to the earlier ones.
    --format applies to the result (or the --list); it needs --scores or --answers, so no item is asked.

    Example: pmpath assess --target senior-pm
    """
    from ... import store
    from ...questions.assessment import add_assessment
    from ...views.personal_data import assessment_saved_document, questionnaire_document
    from ..output import TABLE, emit
    from ..usage import UsageProblem
    from ...views.personal import assessment_saved, questionnaire_list

    kb, day = load_kb(), today()
    stored, me = load_me(kb, day)
    form = _questionnaire(kb, me, target)
    if list_items:
        return emit(fmt, lambda: questionnaire_document(form), lambda: questionnaire_list(form))
    if scores is None and answers is None and fmt != TABLE:
        raise UsageProblem(f"--format {fmt} writes only the result, so it asks nothing: give --scores LIST or "
                           "--answers FILE", ["'pmpath assess --list' shows the items to score"])
    assessment = _assessment(form, scores, answers, day)
    fresh = store.load(stored.path) or stored  # someone may have changed the profile while we asked
    path = store.save(add_assessment(fresh.profile, assessment), stored.path)
    emit(fmt, lambda: assessment_saved_document(form, assessment, path), lambda: assessment_saved(form, assessment, path))


def _questionnaire(kb, me, target: Optional[str]):
    from ...questions.assessment import questionnaire, require_items
    from ...questions.profile import default_target
    from ...questions.queries import resolve

    goal = resolve(kb, target) if target is not None else default_target(kb, me)
    return require_items(questionnaire(kb, me.start, goal, me.track.id if me.track else None))


def _assessment(form, scores: Optional[str], answers: Optional[str], day):
    """The scores from --scores, --answers or the terminal, as an assessment dated ``day``."""
    from ...questions import answers as answers_file
    from ...questions.assessment import record, scores_from_mapping
    from ..scores import parse_scores
    from ..interactive import ask_scores, is_interactive
    from ..output import make_console
    from ..usage import UsageProblem

    if scores is not None and answers is not None:
        raise UsageProblem("give --scores or --answers, not both")
    if scores is not None:
        values = parse_scores(scores, len(form.items))
    elif answers is not None:
        found = answers_file.read(answers, "1: 2")
        values = scores_from_mapping(found.data, len(form.items), found.locate)
    elif is_interactive():
        values = ask_scores(make_console(), form)
    else:
        raise UsageProblem(
            "not a terminal, so there is no one to ask: give --scores LIST or --answers FILE",
            ["'pmpath assess --list' shows the items to score"],
        )
    return record(form, values, day)


@app.command()
@handles_errors
def gap(
    target: Optional[str] = typer.Option(
        None, "--target", metavar="ROLE", help="The role to compare against (default: your latest assessment's target, "
        "else the next level on your track). " + ROLE_HELP, autocompletion=complete_role,
    ),
    fmt: FormatOption = "table",
) -> None:
    """What you meet and what you miss for a role, most important first, and your progress since last time.

    Example: pmpath gap --target senior-pm
    """
    from ...questions.assessment import gap as find_gap
    from ...questions.assessment import target_of_latest
    from ...views.personal_data import gap_document
    from ..output import emit
    from ...questions.profile import default_target
    from ...questions.queries import resolve
    from ...views.personal import gap_view

    kb = load_kb()
    stored, me = load_me(kb, today())
    name = target or target_of_latest(me.profile)
    goal = resolve(kb, name) if name is not None else default_target(kb, me)
    answer = find_gap(kb, me, goal)
    emit(fmt, lambda: gap_document(answer), lambda: gap_view(kb, answer))


@app.command()
@handles_errors
def quiz(
    answers: Optional[str] = typer.Option(
        None, "--answers", metavar="FILE", help="A YAML file mapping question ids to answers, e.g. 'afternoon: b'.",
    ),
    list_questions: bool = typer.Option(False, "--list", help="List the questions and answers; ask nothing."),
    fmt: FormatOption = "table",
) -> None:
    """Which specialization fits you: questions on what you enjoy and are good at, scored and ranked.

    --format applies to the result (or the --list); it needs --answers, so no question is asked.

    Example: pmpath quiz --answers my-answers.yaml
    """
    from ...questions import answers as answers_file
    from ...views.personal_data import quiz_document, quiz_questions_document
    from ..interactive import ask_quiz, is_interactive
    from ..output import TABLE, emit, make_console
    from ..usage import UsageProblem
    from ...questions.quiz import answers_from_mapping, score
    from ...views.personal import quiz_list, quiz_result

    kb = load_kb()
    if not kb.quiz:
        raise UsageProblem("this knowledge base has no quiz (it has no 'quiz' section)")
    if list_questions:
        return emit(fmt, lambda: quiz_questions_document(kb), lambda: quiz_list(kb))
    if answers is None and fmt != TABLE:
        raise UsageProblem(f"--format {fmt} writes only the result, so it asks no questions: give --answers FILE",
                           ["'pmpath quiz --list' shows the questions and their answer ids"])
    if answers is not None:
        found = answers_file.read(answers, f"{kb.quiz[0].id}: {kb.quiz[0].options[0].id}")
        chosen = answers_from_mapping(kb, found.data, found.locate)
    elif is_interactive():
        chosen = ask_quiz(make_console(), kb)
    else:
        raise UsageProblem("not a terminal, so there is no one to ask: give --answers FILE",
                           ["'pmpath quiz --list' shows the questions and their answer ids"])
    result = score(kb, chosen)
    emit(fmt, lambda: quiz_document(result), lambda: quiz_result(result))


def _cycle_months(value: int) -> int:
    if value not in (2, 3):
        raise typer.BadParameter(f"a review cycle is 2 or 3 months, not {value}")
    return value


@app.command()
@handles_errors
def plan(
    target: Optional[str] = typer.Option(
        None, "--target", metavar="ROLE", help="The level to plan towards (default: the next level on your track). " + ROLE_HELP,
        autocompletion=complete_role,
    ),
    cycle: int = typer.Option(3, "--cycle", metavar="MONTHS", help="Months per review cycle: 2 or 3.",
                              callback=_cycle_months),
    markdown: Optional[str] = typer.Option(None, "--markdown", metavar="FILE", help="Also write the plan as Markdown ('-': stdout only)."),
    ics: Optional[str] = typer.Option(None, "--ics", metavar="FILE", help="Also write the check-ins as an iCalendar file ('-': stdout only)."),
    fmt: FormatOption = "table",
) -> None:
    """A dated plan: when each step up is expected, and what to work on in each review cycle.

    --format markdown prints the same Markdown as --markdown FILE saves (the two can go together).

    Example: pmpath plan --target senior-pm --markdown plan.md --ics plan.ics
    """
    from ...views.personal_data import plan_document
    from ..output import TABLE, emit
    from ...questions.plan import make_plan
    from ..usage import UsageProblem
    from ...questions.profile import default_target
    from ...questions.queries import resolve
    from ...views.personal import plan_view

    kb, day = load_kb(), today()
    stored, me = load_me(kb, day)
    goal = resolve(kb, target) if target is not None else default_target(kb, me)
    answer = make_plan(kb, me, goal, day, cycle)
    if fmt != TABLE and "-" in (markdown, ics):
        raise UsageProblem(f"--format {fmt} already writes to stdout: give --markdown and --ics a FILE, not '-'")
    written = _export(kb, answer, markdown, ics)
    if fmt == "markdown":  # the same Markdown as --markdown FILE: the plan to keep, not what was written where
        return emit(fmt, lambda: plan_document(answer, written), lambda: plan_view(kb, answer, export=True))
    if "-" not in (markdown, ics):
        emit(fmt, lambda: plan_document(answer, written), lambda: plan_view(kb, answer, written))


def _export(kb, answer, markdown: Optional[str], ics: Optional[str]) -> list[tuple[str, str]]:
    """Write the requested exports (atomically; '-' means stdout); returns (what, where) for each file."""
    import os
    import sys
    from pathlib import Path

    from ...views.personal import plan_view
    from ...writers.ics import to_ical
    from ...writers.markdown import write
    from ..usage import OutputProblem, UsageProblem, write_failed
    from ...text import shown
    from ...files import special_file, write_atomic

    if markdown == "-" and ics == "-":
        raise UsageProblem("only one of --markdown and --ics can go to stdout ('-')")
    written = []
    for kind, name, render in (("Markdown plan", markdown, lambda a: write(plan_view(kb, a, export=True)).encode()), ("calendar", ics, to_ical)):
        if name is None:
            continue
        data = render(answer)
        if name == "-":
            if hasattr(sys.stdout, "buffer"):  # bytes, so the calendar keeps its CRLF line ends
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data.decode())
            continue
        option = "--markdown" if kind == "Markdown plan" else "--ics"
        path = Path(name).expanduser()
        example = "plan.md" if option == "--markdown" else "plan.ics"
        if not name.strip():
            raise UsageProblem(f"{option}: an empty name is not a file; give a file to write, e.g. {option} {example}")
        if name.endswith(("/", os.sep)) or path.name in ("", ".", "..") or path.is_dir():
            raise UsageProblem(f"{option}: {shown(name)} names a directory, not a file; give a file in it, "
                               f"e.g. {option} {shown(path / example)}")
        try:
            write_atomic(path, data, make_parents=False)
        except BrokenPipeError:  # --ics /dev/stdout into a reader that went away: quiet, as for stdout
            raise
        except OSError as error:
            if write_failed(error):
                kept = "" if special_file(path) else "; an earlier file there is unchanged"
                raise OutputProblem(f"{option}: cannot write {shown(path)}: {error.strerror or error}{kept}") from None
            raise UsageProblem(f"{option}: cannot write {shown(path)}: {error.strerror or error}") from None
        written.append((kind, str(path)))
    return written
