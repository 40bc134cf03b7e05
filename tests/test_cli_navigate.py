"""The career-navigation commands as a user meets them: output, errors, exit codes (fixed width)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

COMMANDS = ["path", "compare", "tracks", "specializations", "search", "break-in", "alternatives", "resources"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: pmpath {command}" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["path", "apm", "cpo"],
        ["path", "apm", "director", "--track", "ic", "--since", "2020-01"],
        ["compare", "principal-pm", "group-pm"],
        ["compare", "growth-pm", "apm"],
        ["tracks"],
        ["specializations"],
        ["specializations", "--skill", "SQL"],
        ["search", "A/B testing"],
        ["break-in"],
        ["break-in", "--from", "engineering"],
        ["alternatives"],
        ["alternatives", "cpo"],
        ["resources"],
        ["resources", "research"],
    ],
)
@pytest.mark.parametrize("width", [40, 200])
def test_readable_at_40_and_200_columns(run, args, width):
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= width
    assert "\x1b[" not in result.stdout


# ---------------------------------------------------------------- path


def test_path_whole_route(run):
    result = run("path", "apm", "cpo", "--full")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Route: Associate Product Manager (apm) → Chief Product Officer (cpo)" in out
    assert "6 steps" in out and "16+ years in total" in out
    assert "The ladder forks here; this route takes the People manager track." in out
    assert "What it takes" in out and "So far" in out
    assert "Other routes" in out and "staff-pm" in out


def test_path_on_the_ic_track_shows_the_switch(run):
    out = run("path", "apm", "director", "--track", "ic").stdout
    assert "preferring the Individual contributor track" in out
    assert "Here the route leaves the Individual contributor track for the People manager track" in out


def test_path_since_adds_calendar_windows(run):
    out = run("path", "pm", "senior-pm", "--since", "2020-01").stdout
    assert "Started at Product Manager in Jan 2020" in out
    assert "Expected Jan 2022 – Jan 2023 (already past)" in out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-9", "is not a month written YYYY-MM"),
        ("sept", "is not a month written YYYY-MM"),
        ("2023-13", "has no month 13"),
        ("1900-01", "is before 1950"),
        ("2190-01", "2190-01 is in the future"),
        ("2999-01", "'2999-01' is after 2199; pmpath takes dates from 1950-01 to 2199-12"),
    ],
)
def test_path_since_bad_values_are_usage_errors(run, value, message):
    result = run("path", "apm", "pm", "--since", value)
    assert result.exit_code == 2
    assert "--since" in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_path_since_next_month_is_in_the_future(run):
    today = date.today()
    following = f"{today.year + (today.month == 12):04d}-{today.month % 12 + 1:02d}"
    assert run("path", "apm", "pm", "--since", following).exit_code == 2
    assert run("path", "apm", "pm", "--since", f"{today.year:04d}-{today.month:02d}").exit_code == 0


def test_path_down_the_ladder_says_why(run):
    result = run("path", "senior-pm", "apm")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: no route up from Senior Product Manager to Associate Product Manager")
    assert "is below" in result.stderr and "pmpath path apm senior-pm" in result.stderr


def test_path_between_parallel_levels(run):
    result = run("path", "principal-pm", "group-pm")
    assert result.exit_code == 1 and "lateral move" in result.stderr
    assert "pmpath compare principal-pm group-pm" in result.stderr


def test_path_with_a_specialization(run):
    result = run("path", "growth-pm", "cpo")
    assert result.exit_code == 1 and "is a specialization, not a level" in result.stderr


def test_path_unknown_role_suggests(run):
    result = run("path", "apm", "directr")
    assert result.exit_code == 1
    assert "no role called 'directr'" in result.stderr and "did you mean director" in result.stderr


def test_path_bad_track_is_a_usage_error(run):
    result = run("path", "apm", "cpo", "--track", "icc")
    assert result.exit_code == 2 and "did you mean ic?" in result.stderr


def test_path_needs_two_levels_without_a_profile(run):
    result = run("path", "apm")
    assert result.exit_code == 2 and "only one level given, and no profile to start from" in result.stderr
    assert "give both: pmpath path FROM apm" in result.stderr


# ---------------------------------------------------------------- compare


def test_compare_side_by_side_with_the_articles_differences(run):
    out = run("compare", "principal-pm", "group-pm").stdout
    assert "This knowledge base puts both at band 5" in out and "placement is disputed" in out
    assert "Main differences, as the sources draw them" in out and "player/coach" in out
    assert "Responsibilities only Group Product Manager lists" in out
    header = next(line for line in out.splitlines() if "Principal Product Manager" in line and "Group Product Manager" in line)
    assert header.index("Principal") < header.index("Group")


def test_compare_distant_levels_shows_differences_along_the_way(run):
    out = run("compare", "apm", "senior-pm").stdout
    assert "Main differences along the way (apm → pm)" in out
    assert "Main differences along the way (pm → senior-pm)" in out


def test_compare_pm_and_pmm(run):
    out = run("compare", "pm", "pmm").stdout
    assert "Main differences, as the sources draw them" in out and "marketing" in out


def test_compare_same_role_twice(run):
    result = run("compare", "gpm", "group-pm")
    assert result.exit_code == 1 and "both names mean Group Product Manager" in result.stderr


def test_compare_unknown_role(run):
    result = run("compare", "pm", "senor-pm")
    assert result.exit_code == 1 and "did you mean senior-pm" in result.stderr


# ---------------------------------------------------------------- tracks


def test_tracks_side_by_side(run):
    out = run("tracks").stdout
    for text in ("Individual contributor versus People manager", "What it values", "How people are promoted",
                 "Pros", "Cons", "Parallel at band 5: Principal Product Manager and Group Product Manager.",
                 "Every track shares Associate Product Manager → Product Manager → Senior Product Manager"):
        assert text in out, text
    assert "Principal Product Manager → Director of Product Management crosses from the Individual" in out


def test_tracks_one_track(run):
    out = run("tracks", "manager").stdout
    assert "The People manager track" in out and "Director of Product Management" in out
    assert "Staff Product Manager" not in out


def test_tracks_unknown(run):
    result = run("tracks", "managr")
    assert result.exit_code == 1
    assert "no track called 'managr'" in result.stderr and "did you mean manager" in result.stderr
    assert "pmpath tracks" in result.stderr


# ---------------------------------------------------------------- specializations


def test_specializations_catalogue(run):
    out = run("specializations").stdout
    for spec in ("core-pm", "platform-pm", "growth-pm", "ai-pm", "no-code-pm", "product-ops"):
        assert spec in out
    assert "Headline metrics" in out and "Specializations (12)" in out


def test_specializations_filtered(run):
    out = run("specializations", "--metric", "latency").stdout
    assert "Specializations with a metric 'latency' (2)" in out
    assert "platform-pm" in out and "technical-pm" in out and "growth-pm" not in out


def test_specializations_no_match(run):
    result = run("specializations", "--skill", "juggling")
    assert result.exit_code == 1 and "no specialization lists a skill matching 'juggling'" in result.stderr


@pytest.mark.parametrize("args", [["--skill"], ["--skill", "!!"], ["--color", "red"]])
def test_specializations_bad_options(run, args):
    assert run("specializations", *args).exit_code == 2


# ---------------------------------------------------------------- search


def test_search_shows_sections_and_first_level(run):
    out = run("search", "A/B testing").stdout
    assert "matches for 'A/B testing'" in out
    assert "skills " in out and "pmpath show growth-pm" in out
    assert "Where this skill is first expected" in out
    assert "Individual contributor: Product Manager (pm)" in out


def test_search_limit(run):
    out = run("search", "roadmap", "--limit", "2").stdout
    assert "(top 2; --limit to see more)" in out and "3. " not in out


def test_search_nothing(run):
    result = run("search", "kwyjibo")
    assert result.exit_code == 1 and "nothing in the knowledge base mentions 'kwyjibo'" in result.stderr


@pytest.mark.parametrize("args", [["search", ""], ["search", "!!"], ["search", "sql", "--limit", "0"], ["search"]])
def test_search_bad_input_is_a_usage_error(run, args):
    assert run(*args).exit_code == 2


def test_search_text_is_never_markup_or_control(run):
    result = run("search", "\x1b[31m[bold]sql")
    assert "\x1b[31m" not in result.stdout + result.stderr


# ---------------------------------------------------------------- break-in


def test_break_in_lists_backgrounds_and_routes(run):
    out = run("break-in").stdout
    for background in ("engineering", "design", "marketing", "data", "consulting", "operations",
                       "project-management", "student"):
        assert f"({background})" in out
    assert "APM program (apm-program)" in out and "Portfolio" in out and "Networking" in out


def test_break_in_from_engineering(run):
    out = run("break-in", "--from", "software engineer", "--full").stdout
    assert "Breaking in from Engineering (engineering)" in out
    assert "Role to target first\nProduct Manager (pm)" in out
    assert "Technical Product Manager (technical-pm)" in out
    assert "Internal transfer (internal-transfer)" in out and "Portfolio" in out


def test_break_in_from_student_shows_the_rotations(run):
    out = run("break-in", "--from", "new grad", "--full").stdout
    assert "Associate Product Manager (apm)" in out
    assert "Atlassian: 2 × 12 months" in out and "Google: 2 × 12 months" in out
    assert "1-2 years [career-guide]; 12-18 months [bridged]" in out


def test_break_in_unknown_background(run):
    result = run("break-in", "--from", "enginering")
    assert result.exit_code == 1
    assert "no background called 'enginering'" in result.stderr and "did you mean engineering" in result.stderr
    assert "run 'pmpath break-in' to list the backgrounds" in result.stderr


def test_break_in_missing_value(run):
    assert run("break-in", "--from").exit_code == 2


# ---------------------------------------------------------------- alternatives


def test_alternatives_everyone(run):
    out = run("alternatives").stdout
    for text in ("Other jobs in the product space", "Product operations", "Moves past Chief Product Officer",
                 "UX designer", "QA tester", "Customer success", "Founder (founder)", "CEO (ceo)"):
        assert text in out, text


def test_alternatives_past_cpo(run):
    out = run("alternatives", "cpo").stdout
    assert "Moves the sources name for Chief Product Officer" in out
    for move in ("CPO at a larger company", "Fractional CPO or consultant", "CEO (ceo)", "Founder (founder)"):
        assert move in out


def test_alternatives_lateral(run):
    out = run("alternatives", "principal-pm").stdout
    assert "Lateral moves inside product management" in out
    assert "Group Product Manager (group-pm): the same band (5) on the manager track" in out


def test_alternatives_unknown_role(run):
    result = run("alternatives", "cpoo")
    assert result.exit_code == 1 and "did you mean cpo" in result.stderr


# ---------------------------------------------------------------- resources


def test_resources_facts(run):
    out = run("resources").stdout
    for text in ("University of Virginia, on Coursera", "free to audit", "$79 a month",
                 "4.8 from 1.5k reviews", "GA4", "more than 14,000", "Data literacy (data-literacy)",
                 "Prompting and human-AI interaction design", "Adaptability and continuous learning"):
        assert text in out, text


def test_resources_for_a_role_and_a_skill(run):
    assert "Data Analytics certificate (Google)" in run("resources", "data-pm").stdout
    research = run("resources", "research").stdout
    assert "User Experience (University of Michigan)" in research and "Virginia" not in research


def test_resources_nothing(run):
    result = run("resources", "cpo")
    assert result.exit_code == 1 and "linked to Chief Product Officer" in result.stderr
    other = run("resources", "xylophone")
    assert other.exit_code == 1 and "no role, resource or skill" in other.stderr


# ---------------------------------------------------------------- as a real process


@pytest.mark.parametrize(
    "args",
    [
        ["path", "apm", "cpo", "--since", "2021-02"],
        ["search", "SQL"],
        ["break-in", "--from", "data"],
        ["path", "cpo", "apm"],
        ["break-in", "--from", "nobody"],
        ["path", "apm", "pm", "--since", "tomorrow"],
    ],
)
def test_real_process_from_another_directory(args, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", *args], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "60", "NO_COLOR": "1", "PMPATH_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2)
    if result.returncode == 0:
        assert result.stdout and "\x1b[" not in result.stdout
    elif result.returncode == 1:
        assert result.stderr.startswith("pmpath: error:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["break-in"], "nothing on breaking in"),
        (["resources"], "no resources and no future-proof skills"),
        (["alternatives"], "no alternative paths"),
        (["alternatives", "junior"], "no alternative paths and no lateral move from Junior Maker"),
    ],
)
def test_a_knowledge_base_without_these_sections_says_so(run, args, message):
    from tests.conftest import MINI

    result = run("--kb", str(MINI), *args)
    assert result.exit_code == 1 and message in result.stderr and result.stdout == ""
