"""profile, assess, gap and quiz as a user meets them: output, errors, exit codes, a real terminal."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import sys
import time
from datetime import date

import pytest
import yaml

from pmpath import store

from tests.conftest import MINI, PERSONAL

ANSWERS = PERSONAL / "answers"
PROFILES = PERSONAL / "profiles"
PM_TO_SENIOR = 29  # items when a pm assesses against senior-pm in the built-in knowledge base


def scores(*values: int, count: int = PM_TO_SENIOR) -> str:
    """A --scores list: the given values, then 1s up to ``count`` items."""
    return ",".join(str(v) for v in [*values, *[1] * (count - len(values))])


def set_profile(run, *args: str):
    result = run("profile", "set", *args)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def quiz_kb_dir(tmp_path):
    """The mini ladder plus the fixture quiz, as one knowledge-base directory."""
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI / "ladder.yaml", folder / "ladder.yaml")
    shutil.copy(PERSONAL / "quiz.yaml", folder / "quiz.yaml")
    return folder


@pytest.mark.parametrize(
    "command",
    [("profile",), ("profile", "set"), ("profile", "show"), ("profile", "reset"), ("assess",), ("gap",), ("quiz",), ("plan",)],
)
def test_help_has_an_example(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: pmpath {command[0]}" in result.stdout


# ---------------------------------------------------------------- profile


def test_no_profile_yet(run):
    for command in (("profile", "show"), ("gap",), ("assess", "--list")):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stdout == ""
        assert result.stderr.startswith(f"pmpath: error: you have no profile yet (looked for {store.profile_path()})")
        assert "pmpath profile set --role pm --since 2024-03" in result.stderr


def test_next_without_a_role_or_a_profile_says_how_to_give_either(run):
    result = run("next")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: no ROLE given, and no profile to take it from")
    assert "pmpath next senior-pm" in result.stderr and "pmpath profile set --role pm" in result.stderr


def test_set_then_show(run):
    result = set_profile(run, "--role", "Product Manager", "--track", "ic", "--since", "2024-03", "--specialization", "growth")
    assert f"Profile saved to {store.profile_path()}" in result.stdout
    assert "level: pm" in result.stdout and "specialization: growth-pm" in result.stdout
    shown = run("profile", "show")
    assert shown.exit_code == 0, shown.stderr
    for expected in ("Product Manager (pm) · band 2", "Individual contributor (ic)", "2024-03 (",
                     "Growth Product Manager (growth-pm)", "2-3 years [career-guide]", str(store.profile_path()),
                     "pmpath assess"):
        assert expected in shown.stdout, expected
    months = (date.today().year - 2024) * 12 + date.today().month - 3
    assert f"{months // 12} year" in shown.stdout


def test_set_changes_only_what_is_given_and_keeps_assessments(run):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    assert run("assess", "--scores", scores()).exit_code == 0
    result = set_profile(run, "--specialization", "data-pm")
    assert result.stdout.count("•") == 1 and "specialization: data-pm" in result.stdout
    profile = store.load().profile
    assert (profile.role, profile.track, profile.since, profile.specialization) == ("pm", "ic", "2024-03", "data-pm")
    assert len(profile.assessments) == 1


def test_set_with_nothing_new_does_not_rewrite_the_file(run):
    set_profile(run, "--role", "pm")
    path = store.profile_path()
    os.utime(path, (1_000_000, 1_000_000))
    result = set_profile(run, "--role", "pm")
    assert "Nothing changed." in result.stdout
    assert path.stat().st_mtime == 1_000_000


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--track", "ic"), 2, "there is no profile yet, so --role (your level) or --from (your background) is needed"),
        (("--role", "grwth-pm"), 1, "no role called 'grwth-pm'"),
        (("--role", "growth-pm"), 2, "Growth Product Manager (growth-pm) is a specialization, not a level"),
        (("--role", "pm", "--since", "2190-01"), 2, "--since: 2190-01 is in the future"),
        (("--role", "pm", "--since", "2024-13"), 2, "--since: '2024-13' has no month 13"),
        (("--role", "pm", "--since", "last year"), 2, "--since: 'last year' is not a month written YYYY-MM"),
        (("--role", "pm", "--track", "mangr"), 2, "no track called 'mangr'"),
        (("--role", "pm", "--specialization", "pm"), 2, "Product Manager (pm) is a level, not a specialization"),
    ],
)
def test_bad_settings_save_nothing(run, args, code, message):
    result = run("profile", "set", *args)
    assert result.exit_code == code
    assert result.stderr.startswith("pmpath: error: ") and message in result.stderr
    assert result.stdout == "" and not store.profile_path().exists()


def test_bad_settings_leave_an_existing_profile_alone(run):
    set_profile(run, "--role", "pm", "--since", "2024-03")
    before = store.profile_path().read_bytes()
    assert run("profile", "set", "--since", "2024-00").exit_code == 2
    assert store.profile_path().read_bytes() == before


READABLE = ("unknown-role.yaml", "future-since.yaml", "windows-line-ends.yaml", "byte-order-mark.yaml")


@pytest.mark.parametrize("fixture", sorted(p.name for p in PROFILES.glob("*.yaml") if p.name not in READABLE))
def test_a_broken_profile_is_never_overwritten(run, fixture):
    path = store.profile_path()
    path.parent.mkdir(parents=True)
    shutil.copy(PROFILES / fixture, path)
    before = path.read_bytes()
    for command in (("profile", "set", "--role", "apm"), ("profile", "show"), ("assess", "--scores", "1"), ("gap",)):
        result = run(*command)
        assert result.exit_code == 5, (command, result.stderr)
        assert result.stderr.startswith("pmpath: error: your profile cannot be read")
        assert f"{path}:" in result.stderr and "pmpath profile reset" in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["profile.yaml"]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [("unknown-role.yaml", ":2:1: your level 'cfo' is not a level in this knowledge base"),
     ("future-since.yaml", ":3:1: your start month 2190-01 is in the future")],
)
def test_a_profile_that_does_not_fit_names_the_line(run, fixture, message):
    path = store.profile_path()
    path.parent.mkdir(parents=True)
    shutil.copy(PROFILES / fixture, path)
    result = run("profile", "show")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pmpath: error: {path}{message}")


def test_a_profile_made_with_another_knowledge_base(run):
    set_profile(run, "--role", "pm")
    result = run("--kb", str(MINI), "gap")
    assert result.exit_code == 1
    assert f"{store.profile_path()}:5:1: your level 'pm' is not a level in this knowledge base" in result.stderr


def test_reset_asks_first_then_moves_the_profile_aside(run):
    set_profile(run, "--role", "pm")
    refused = run("profile", "reset")
    assert refused.exit_code == 2 and "add --yes" in refused.stderr
    assert store.profile_path().exists()
    done = run("profile", "reset", "--yes")
    assert done.exit_code == 0
    assert f"Moved your profile aside to {store.profile_path()}.bak" in " ".join(done.stdout.split())
    assert not store.profile_path().exists() and store.load(store.home() / "profile.yaml.bak").profile.role == "pm"
    again = run("profile", "reset")
    assert again.exit_code == 0 and "No profile to reset" in again.stdout


@pytest.mark.parametrize(("typed", "code", "said"), [
    ("n\n", 1, "was not moved (you answered no)"),
    ("", 130, "input ended before an answer; nothing was moved"),
])
def test_reset_says_why_nothing_was_moved(run, monkeypatch, typed, code, said):
    """Asked in a terminal: answering no (exit 1) or ending the input (exit 130) says so, and moves nothing."""
    import pmpath.cli.interactive
    from typer.testing import CliRunner

    from pmpath.cli.commands import app

    set_profile(run, "--role", "pm")
    monkeypatch.setattr(pmpath.cli.interactive, "is_interactive", lambda: True)
    result = CliRunner().invoke(app, ["profile", "reset"], input=typed)
    assert result.exit_code == code
    assert result.stderr.startswith("pmpath: error: ") and said in result.stderr
    assert store.load().profile.role == "pm"


def test_reset_works_on_a_broken_profile(run):
    path = store.profile_path()
    path.parent.mkdir(parents=True)
    shutil.copy(PROFILES / "broken-yaml.yaml", path)
    assert run("profile", "reset", "--yes").exit_code == 0
    assert (path.parent / "profile.yaml.bak").read_bytes() == (PROFILES / "broken-yaml.yaml").read_bytes()
    assert run("profile", "set", "--role", "pm").exit_code == 0


def test_the_profile_is_found_from_any_directory(run, tmp_path):
    import subprocess

    set_profile(run, "--role", "pm", "--track", "ic")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = subprocess.run([sys.executable, "-m", "pmpath", "profile", "show"], cwd=elsewhere,
                           capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"})
    assert shown.returncode == 0, shown.stderr
    assert "Product Manager (pm)" in shown.stdout and str(store.profile_path()) in shown.stdout


def test_next_with_a_broken_profile_says_so(run):
    path = store.profile_path()
    path.parent.mkdir(parents=True)
    shutil.copy(PROFILES / "unknown-key.yaml", path)
    result = run("next")
    assert result.exit_code == 5 and f"{path}:3:1: trak: unknown key 'trak'" in result.stderr
    assert run("next", "pm").exit_code == 0  # a role on the command line needs no profile


# ---------------------------------------------------------------- next defaults to the profile


def test_next_without_a_role_uses_the_profiles_level_and_track(run):
    set_profile(run, "--role", "senior-pm", "--track", "manager")
    mine = run("next")
    assert mine.exit_code == 0, mine.stderr
    assert mine.stdout == run("next", "senior-pm", "--track", "manager").stdout  # its --full hint names them too
    assert "Group Product Manager" in mine.stdout and "Staff Product Manager" not in mine.stdout


def test_next_with_a_role_ignores_the_profile(run):
    set_profile(run, "--role", "senior-pm", "--track", "manager")
    both = run("next", "senior-pm")
    assert "Staff Product Manager" in both.stdout and "Group Product Manager" in both.stdout


def test_next_explicit_track_beats_the_profiles(run):
    set_profile(run, "--role", "senior-pm", "--track", "manager")
    result = run("next", "--track", "ic")
    assert "Staff Product Manager" in result.stdout and "Group Product Manager (group-pm) ·" not in result.stdout


# ---------------------------------------------------------------- assess


def test_assess_list_numbers_every_item(run):
    set_profile(run, "--role", "pm")
    result = run("assess", "--list")
    assert result.exit_code == 0, result.stderr
    assert "Self-assessment: Product Manager (pm) → Senior Product Manager (senior-pm)" in result.stdout
    assert "29 items: 7 promotion criteria, 14 responsibilities, 8 skills." in result.stdout
    assert " 1 promotion criterion: " in result.stdout and "29 skill: " in result.stdout
    assert not store.load().profile.assessments


def test_assess_with_scores_saves_a_dated_assessment(run):
    set_profile(run, "--role", "pm")
    result = run("assess", "--scores", scores(3, 3, 0))
    assert result.exit_code == 0, result.stderr
    today = date.today().isoformat()
    # Scored as gap scores it: the 14 duties of Senior PM itself start with the promotion (3+3+0 and 12 times 1).
    assert f"{today} · senior-pm from pm · 18/45 (40%) · 2 of 15 fully met" in result.stdout
    assert "14 duties of Senior Product Manager itself were rated for the record and are not scored" in result.stdout
    gap = run("gap").stdout
    assert "2 of 15 fully met; score 18/45 (40%)" in gap  # assess and gap agree
    assert "pmpath gap --target senior-pm" in result.stdout
    saved = store.load().profile.assessments
    assert len(saved) == 1 and saved[0].date == today and saved[0].target == "senior-pm"
    assert [item.score for item in saved[0].items][:4] == [3, 3, 0, 1]


def test_assess_keeps_earlier_assessments(run):
    set_profile(run, "--role", "pm")
    for value in (0, 1, 2):
        assert run("assess", "--scores", scores(value)).exit_code == 0
    assert [a.items[0].score for a in store.load().profile.assessments] == [0, 1, 2]


def test_assess_against_another_target(run):
    set_profile(run, "--role", "senior-pm")
    result = run("assess", "--target", "Staff PM", "--list")
    assert result.exit_code == 0 and "→ Staff Product Manager (staff-pm)" in result.stdout
    assert "track criterion: " in result.stdout


def test_assess_at_a_fork_without_a_track_asks_which(run):
    set_profile(run, "--role", "senior-pm")
    result = run("assess", "--list")
    assert result.exit_code == 1
    assert "the ladder forks above Senior Product Manager: staff-pm (ic), group-pm (manager)" in result.stderr


def test_assess_from_an_answers_file(run):
    result = run("--kb", str(MINI), "profile", "set", "--role", "junior", "--track", "ic")
    assert result.exit_code == 0, result.stderr
    done = run("--kb", str(MINI), "assess", "--answers", str(ANSWERS / "assess-mini.yaml"))
    assert done.exit_code == 0, done.stderr
    assert [i.score for i in store.load().profile.assessments[0].items] == [1, 3, 0, 2, 0]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("assess-out-of-range.yaml", "assess-out-of-range.yaml:2:1: item 2: 4 is out of range; scores run from 0 to 3"),
        ("assess-missing.yaml", "assess-missing.yaml: no score for items 2, 4, 5 (of 5)"),
        ("assess-bad-number.yaml", "assess-bad-number.yaml:6:1: 'seven' is not an item number; items run from 1 to 5"),
        ("assess-not-a-number.yaml", "assess-not-a-number.yaml:2:1: item 2: 'lots' is not a score"),
        ("broken.yaml", "broken.yaml:3:1: YAML syntax error"),
        ("top-level-list.yaml", "the top level is a list; an answers file is a mapping that starts with '1: 2'"),
        ("no-such-file.yaml", "no-such-file.yaml: no such file or directory"),
    ],
)
def test_bad_answers_files_save_nothing(run, fixture, message):
    run("--kb", str(MINI), "profile", "set", "--role", "junior", "--track", "ic")
    before = store.profile_path().read_bytes()
    result = run("--kb", str(MINI), "assess", "--answers", str(ANSWERS / fixture))
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert store.profile_path().read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scores", "1,2"), "--scores has 2 scores but there are 29 items"),
        (("--scores", scores(4)), "--scores, item 1: 4 is out of range"),
        (("--scores", "1", "--answers", "x.yaml"), "give --scores or --answers, not both"),
        ((), "not a terminal, so there is no one to ask: give --scores LIST or --answers FILE"),
    ],
)
def test_bad_assess_input_saves_nothing(run, args, message):
    set_profile(run, "--role", "pm")
    result = run("assess", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not store.load().profile.assessments


def test_assess_below_the_level_or_unknown_target(run):
    set_profile(run, "--role", "pm")
    below = run("assess", "--target", "apm", "--list")
    assert below.exit_code == 1 and "is below your level" in below.stderr
    unknown = run("assess", "--target", "seniorr-pm", "--list")
    assert unknown.exit_code == 1 and "did you mean senior-pm" in unknown.stderr


def test_a_change_made_while_answering_is_kept(run, monkeypatch):
    """Another pmpath sets the specialization while this one asks; both changes survive."""
    from pmpath.cli import interactive

    set_profile(run, "--role", "pm")

    def answer_slowly(console, form):
        assert run("profile", "set", "--specialization", "ai-pm").exit_code == 0
        return [2] * len(form.items)

    monkeypatch.setattr(interactive, "is_interactive", lambda: True)
    monkeypatch.setattr(interactive, "ask_scores", answer_slowly)
    result = run("assess")
    assert result.exit_code == 0, result.stderr
    profile = store.load().profile
    assert profile.specialization == "ai-pm"
    assert [a.items[0].score for a in profile.assessments] == [2]


def test_a_profile_broken_while_answering_is_not_overwritten(run, monkeypatch):
    from pmpath.cli import interactive

    set_profile(run, "--role", "pm")

    def break_it(console, form):
        store.profile_path().write_text("format: 1\nrole: [pm\n")
        return [2] * len(form.items)

    monkeypatch.setattr(interactive, "is_interactive", lambda: True)
    monkeypatch.setattr(interactive, "ask_scores", break_it)
    result = run("assess")
    assert result.exit_code == 5 and "your profile cannot be read" in result.stderr
    assert store.profile_path().read_text() == "format: 1\nrole: [pm\n"


# ---------------------------------------------------------------- gap


def test_gap_after_one_assessment(run):
    set_profile(run, "--role", "pm")
    run("assess", "--scores", scores(3, 0, 2))
    result = run("gap")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Gap to Senior Product Manager (senior-pm)\n")
    assert "1 of 15 fully met; score 17/45 (38%)" in out  # 29 rated; 14 are Senior PM duties
    assert "Left out: 14 duties of Senior Product Manager itself" in out
    assert "This is your first assessment against this role" in out
    assert out.index("1. not yet 0/3 · promotion criterion") < out.index("2. partly 1/3 · promotion criterion")
    assert "\nMet\n" in out


def test_gap_shows_progress_since_the_previous_assessment(run):
    set_profile(run, "--role", "pm")
    run("assess", "--scores", scores(0, 0, 0))
    run("assess", "--scores", scores(3, 1, 0, 0))
    result = run("gap", "--target", "senior-pm")
    assert result.exit_code == 0, result.stderr
    assert f"Since {date.today().isoformat()}: score 12 → 15 (+3); fully met 0 → 1; 2 up, 1 down." in result.stdout
    assert "partly 1/3 ↑ from 0 · promotion criterion" in result.stdout
    assert "Slipped since last time" in result.stdout


def test_gap_defaults_to_the_latest_assessments_target(run, builtin_kb):
    from pmpath.questions.assessment import questionnaire
    from pmpath.questions.queries import get_level, resolve

    count = len(questionnaire(builtin_kb, get_level(builtin_kb, "pm"), resolve(builtin_kb, "growth-pm")).items)
    set_profile(run, "--role", "pm")
    assert run("assess", "--target", "growth-pm", "--scores", scores(count=count)).exit_code == 0
    result = run("gap")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Gap to Growth Product Manager (growth-pm)")


def test_gap_without_an_assessment_says_what_to_do(run):
    set_profile(run, "--role", "pm")
    result = run("gap")
    assert result.exit_code == 1
    assert "you have not assessed yourself against Senior Product Manager (senior-pm) yet" in result.stderr
    assert "pmpath assess --target senior-pm" in result.stderr


@pytest.mark.parametrize("width", [40, 60, 120, 200])
def test_personal_views_fit_the_terminal(run, width):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03", "--specialization", "growth-pm")
    run("assess", "--scores", scores(0))
    run("assess", "--scores", scores(2))
    env = {"COLUMNS": str(width)}
    for command in (("profile", "show"), ("gap",), ("assess", "--list"), ("quiz", "--list"), ("plan",)):
        result = run(*command, env=env)
        assert result.exit_code == 0, (command, result.stderr)
        assert all(len(line) <= width for line in result.stdout.splitlines()), command
        assert "…" not in result.stdout and "\x1b[" not in result.stdout


# ---------------------------------------------------------------- plan and path

PINNED = {"PMPATH_TODAY": "2025-06-15"}


def test_plan_dates_the_route_and_the_review_cycles(run):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    result = run("plan", env=PINNED)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Plan: Product Manager (pm) → Senior Product Manager (senior-pm)\n")
    assert "Expected Mar 2026 – Mar 2027" in out
    assert "3 cycles of 3 months: until the step's window opens in 2026-03." in out
    assert "Cycle 1 · 2025-06-15 → check-in 2025-09-15" in out and "Cycle 3 · 2025-12-15 → check-in 2026-03-15" in out
    assert "No assessment against this step yet" in out and "pmpath plan --markdown plan.md --ics plan.ics" in out


def test_plan_uses_the_latest_assessment(run):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    run("assess", "--scores", scores(3, 0), env=PINNED)
    result = run("plan", "--cycle", "2", env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert "Focus areas from your assessment of 2025-06-15, most important first." in result.stdout
    assert "5 cycles of 2 months" in result.stdout
    assert "(promotion criterion, not yet 0/3)" in " ".join(result.stdout.split())


def test_plan_exports_markdown_and_a_calendar(run, tmp_path):
    from icalendar import Calendar

    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    markdown, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    result = run("plan", "--target", "staff-pm", "--markdown", str(markdown), "--ics", str(ics), env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert f"Wrote the Markdown plan to {markdown}." in " ".join(result.stdout.split())
    assert markdown.read_text().startswith("# Plan: Product Manager (`pm`) → Staff Product Manager (`staff-pm`)\n")
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert [str(e.decoded("dtstart")) for e in events] == ["2025-09-15", "2025-12-15", "2026-03-15"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(("option", "start"), [("--ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), ("--markdown", b"# Plan: ")])
def test_plan_export_to_stdout_prints_only_the_document(run, option, start):
    set_profile(run, "--role", "pm", "--since", "2024-03")
    result = run("plan", option, "-", env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(start) and "Export it" not in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--markdown", "-", "--ics", "-"), 2, "only one of --markdown and --ics can go to stdout"),
        (("--markdown", "/no/such/dir/plan.md"), 2, "--markdown: cannot write /no/such/dir/plan.md: No such file or directory"),
        (("--cycle", "4"), 2, "invalid value for '--cycle': a review cycle is 2 or 3 months, not 4"),
        (("--target", "growth-pm"), 1, "is a specialization, not a level"),
        (("--target", "apm"), 1, "is below"),
        (("--target", "pm"), 1, "is both the start and the goal"),
        (("--target", "direktor"), 1, "did you mean director"),
    ],
)
def test_bad_plan_requests(run, args, code, message):
    set_profile(run, "--role", "pm", "--since", "2024-03")
    result = run("plan", *args, env=PINNED)
    assert result.exit_code == code
    assert message in result.stderr, result.stderr


def test_plan_at_a_fork_without_a_track_asks_which(run):
    set_profile(run, "--role", "senior-pm")
    result = run("plan")
    assert result.exit_code == 1 and "the ladder forks above Senior Product Manager" in result.stderr


def test_plan_without_a_profile(run):
    result = run("plan")
    assert result.exit_code == 1 and "you have no profile yet" in result.stderr


def test_path_with_only_a_goal_starts_from_the_profile(run):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    mine = run("path", "director", env=PINNED)
    assert mine.exit_code == 0, mine.stderr
    assert mine.stdout == run("path", "pm", "director", "--track", "ic", "--since", "2024-03", env=PINNED).stdout
    overridden = run("path", "director", "--track", "manager", env=PINNED)
    assert overridden.stdout == run("path", "pm", "director", "--track", "manager", "--since", "2024-03", env=PINNED).stdout


def test_path_with_both_ends_ignores_the_profile(run):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    assert "Started at" not in run("path", "apm", "pm", env=PINNED).stdout


def test_path_needs_a_goal(run):
    result = run("path")
    assert result.exit_code == 2 and "give TO" in result.stderr


def test_the_pinned_date_decides_what_is_in_the_future(run):
    result = run("profile", "set", "--role", "pm", "--since", "2025-07", env=PINNED)
    assert result.exit_code == 2 and "2025-07 is in the future" in result.stderr
    assert run("profile", "set", "--role", "pm", "--since", "2025-06", env=PINNED).exit_code == 0


# ---------------------------------------------------------------- quiz


def test_quiz_from_an_answers_file(run, quiz_kb_dir):
    result = run("--kb", str(quiz_kb_dir), "quiz", "--answers", str(ANSWERS / "quiz-craft.yaml"))
    assert result.exit_code == 0, result.stderr
    assert [line.rstrip() for line in result.stdout.splitlines()[:10]] == [
        "Specializations your answers match",
        "Match: the share of a specialization's points your answers earn, by weights this knowledge base",
        "chose itself from the articles; it compares your answers with those weights, not you with a role.",
        "",
        "1. Craft Maker (craft-maker) · 100% match (5 of 5 points)",
        "   • you find flaws in designs",
        "   • Polishing a detail until it is right",
        "",
        "2. Growth Maker (growth-maker) · 20% match (1 of 5 points)",
        "   • Polishing a detail until it is right",
    ]
    assert "pmpath show craft-maker" in result.stdout


def test_quiz_answers_may_be_positions(run, quiz_kb_dir, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("enjoy-most: 2\ngood-at: 1\n")
    by_position = run("--kb", str(quiz_kb_dir), "quiz", "--answers", str(answers))
    assert by_position.stdout == run("--kb", str(quiz_kb_dir), "quiz", "--answers", str(ANSWERS / "quiz-craft.yaml")).stdout


def test_the_builtin_quiz_from_an_answers_file(run, builtin_kb, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({q.id: q.options[1].id for q in builtin_kb.quiz}))
    result = run("quiz", "--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    first = next(line for line in result.stdout.splitlines() if line.startswith("1. "))
    assert "% match (" in first and "% fit" not in result.stdout


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("quiz-missing.yaml", "quiz-missing.yaml: no answer to question good-at"),
        ("quiz-unknown-question.yaml", "quiz-unknown-question.yaml:3:1: no question 'hobbies' in the quiz"),
        ("quiz-bad-answer.yaml", "quiz-bad-answer.yaml:1:1: 'z' is not an answer to question 'enjoy-most'; choose one of a, b, c"),
        ("quiz-list-answer.yaml", "quiz-list-answer.yaml:1:1: the answer to 'enjoy-most' must be one answer id"),
        ("broken.yaml", "YAML syntax error"),
        ("top-level-list.yaml", "an answers file is a mapping that starts with 'enjoy-most: a'"),
    ],
)
def test_bad_quiz_answers(run, quiz_kb_dir, fixture, message):
    result = run("--kb", str(quiz_kb_dir), "quiz", "--answers", str(ANSWERS / fixture))
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert result.stdout == ""


def test_quiz_list_and_no_terminal(run):
    listed = run("quiz", "--list")
    assert listed.exit_code == 0
    assert "10 questions: 6 about what you enjoy, 4 about what you are good at" in listed.stdout
    assert "1/10 · what you enjoy · id: afternoon" in listed.stdout
    alone = run("quiz")
    assert alone.exit_code == 2 and "give --answers FILE" in alone.stderr


def test_quiz_needs_a_knowledge_base_with_a_quiz(run):
    result = run("--kb", str(MINI), "quiz", "--list")
    assert result.exit_code == 2 and "this knowledge base has no quiz" in result.stderr


def test_quiz_needs_no_profile(run, quiz_kb_dir):
    assert run("--kb", str(quiz_kb_dir), "quiz", "--answers", str(ANSWERS / "quiz-craft.yaml")).exit_code == 0
    assert not store.profile_path().exists()


# ---------------------------------------------------------------- a real terminal


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """pmpath in a pseudo-terminal: read what it shows, type answers, see how it exits."""

    def __init__(self, *args: str):
        import pty

        env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.execvpe(sys.executable, [sys.executable, "-m", "pmpath", *args], env)
        self.output = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        self.output += ANSI.sub("", chunk.decode("utf-8", "replace")).replace("\r\n", "\n")
        return True

    def expect(self, text: str, count: int = 1, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            assert time.monotonic() < deadline, f"timed out waiting for {text!r}:\n{self.output[-2000:]}"
            assert self._read(0.2), f"pmpath ended before {text!r}:\n{self.output[-2000:]}"

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def finish(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while self._read(0.2):
            if time.monotonic() > deadline:  # pragma: no cover - a hang
                os.kill(self.pid, signal.SIGKILL)
                break
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


pytestmark_pty = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytestmark_pty
def test_assess_asks_one_item_at_a_time_in_a_terminal(run):
    assert run("--kb", str(MINI), "profile", "set", "--role", "junior", "--track", "ic").exit_code == 0
    term = Terminal("--kb", str(MINI), "assess")
    term.expect("Score [0/1/2/3]")
    assert "1/5 · promotion criterion" in term.output and "Owns an area alone." in term.output
    term.type("7\n")  # out of range: asked again
    term.expect("Please select one of the available options")
    term.type("2\n")
    term.expect("Score [0/1/2/3/b]")
    term.type("0\n")
    term.expect("3/5", 1)
    term.type("b\n")  # back to item 2
    term.expect("2/5", 2)
    term.type("3\n")
    term.expect("3/5", 2)
    term.type("1\n")
    term.expect("4/5")
    term.type("2\n")
    term.expect("5/5")
    term.type("0\n")
    assert term.finish() == 0, term.output
    assert "Saved your assessment" in term.output
    assert [i.score for i in store.load().profile.assessments[0].items] == [2, 3, 1, 2, 0]


@pytestmark_pty
def test_ctrl_c_in_the_middle_of_an_assessment_saves_nothing(run):
    assert run("profile", "set", "--role", "pm").exit_code == 0
    before = store.profile_path().read_bytes()
    term = Terminal("assess")
    term.expect("Score [0/1/2/3]")
    term.type("2\n")
    term.expect("2/29")
    term.expect("Score [0/1/2/3/b]")
    term.type("\x03")
    assert term.finish() == 130, term.output
    assert "pmpath: error: interrupted; nothing was saved" in term.output
    assert store.profile_path().read_bytes() == before


@pytestmark_pty
def test_end_of_input_in_the_middle_of_an_assessment_saves_nothing(run):
    assert run("profile", "set", "--role", "pm").exit_code == 0
    before = store.profile_path().read_bytes()
    term = Terminal("assess")
    term.expect("Score [0/1/2/3]")
    term.type("\x04")
    assert term.finish() == 130, term.output
    assert "input ended before the last question; nothing was saved" in term.output
    assert store.profile_path().read_bytes() == before


@pytestmark_pty
def test_the_quiz_in_a_terminal(quiz_kb_dir):
    term = Terminal("--kb", str(quiz_kb_dir), "quiz")
    term.expect("Answer [a/b/c]")
    assert "1/2 · what you enjoy" in term.output and "Polishing a detail until it is right" in term.output
    term.type("d\n")
    term.expect("Please select one of the available options")
    term.type("b\n")
    term.expect("Answer [a/b]")
    term.type("a\n")
    assert term.finish() == 0, term.output
    assert "1. Craft Maker (craft-maker) · 100% match (5 of 5 points)" in term.output


@pytestmark_pty
def test_reset_in_a_terminal_asks_for_confirmation(run):
    assert run("profile", "set", "--role", "pm").exit_code == 0
    term = Terminal("profile", "reset")
    term.expect("[y/N]")
    term.type("n\n")
    assert term.finish() == 1
    assert store.profile_path().exists()
    term = Terminal("profile", "reset")
    term.expect("[y/N]")
    term.type("y\n")
    assert term.finish() == 0
    assert not store.profile_path().exists()


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664])
def test_plan_keeps_the_mode_of_the_files_it_replaces(run, tmp_path, mode):
    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    markdown, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    for path in (markdown, ics):
        path.write_text("old\n")
        path.chmod(mode)
    result = run("plan", "--target", "staff-pm", "--markdown", str(markdown), "--ics", str(ics), env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert markdown.read_text().startswith("# Plan: ")
    assert [oct(p.stat().st_mode & 0o777) for p in (markdown, ics)] == [oct(mode)] * 2


def test_export_keeps_the_mode_of_the_file_it_replaces(run, tmp_path):
    out = tmp_path / "ladder.md"
    out.write_text("old\n")
    out.chmod(0o644)
    assert run("export", "--output", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o644 and out.read_text() != "old\n"


def test_plan_markdown_to_a_name_with_glob_characters_removes_no_one_elses_files(run, tmp_path):
    """``--markdown 'dir/*'`` once made the stale-file sweep delete every hidden .tmp file in dir."""
    import os

    set_profile(run, "--role", "pm", "--track", "ic", "--since", "2024-03")
    shared = tmp_path / "d[i]r*"
    shared.mkdir()
    theirs = [shared / name for name in (".notes.tmp", ".x.y.tmp", ".*.abc.tmp", ".pmpath-x.tmp")]
    for path in theirs:
        path.write_text("someone else's")
        os.utime(path, (1, 1))
    result = run("plan", "--target", "staff-pm", "--markdown", str(shared / "*"), env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert all(path.exists() for path in theirs)
    assert (shared / "*").read_text().startswith("# Plan: ")


def test_assess_list_marks_the_duties_that_start_with_the_promotion(run):
    set_profile(run, "--role", "pm")
    out = run("assess", "--list").stdout
    assert "Items marked (after the step) are duties of Senior Product Manager itself" in out
    marked = [line for line in out.splitlines() if "(after the step)" in line]
    assert marked and not any("criterion" in line for line in marked)
