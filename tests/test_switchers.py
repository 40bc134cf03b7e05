"""Career switchers: a profile from a background, and gaps and plans that hold before the step.

As an engineer moving into product management would use pmpath, at a fixed width of 100 columns.
And the rule behind it for everyone: a duty that starts with a promotion is never homework.
"""

from __future__ import annotations

import json

import pytest
import yaml

from pmpath import store

from tests.conftest import MINI

WIDE = {"COLUMNS": "100", "NO_COLOR": "1", "PMPATH_TODAY": "2025-06-15"}
ENGINEER_TO_PM = 22  # items when someone from engineering assesses against pm in the built-in knowledge base


def ok(run, *args: str):
    result = run(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    if "json" not in args:
        assert all(len(line) <= 100 for line in result.stdout.splitlines()), result.stdout
    return result.stdout


def engineer(run, *scores: int) -> None:
    ok(run, "profile", "set", "--from", "engineering")
    values = [*scores, *[1] * (ENGINEER_TO_PM - len(scores))]
    ok(run, "assess", "--target", "pm", "--scores", ",".join(map(str, values)))


def saved() -> dict:
    return yaml.safe_load(store.profile_path().read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the profile


def test_a_profile_from_a_background_has_no_level(run):
    out = ok(run, "profile", "set", "--from", "software engineer")  # an alias, as everywhere else
    assert "background: engineering" in out
    assert saved() == {"format": 2, "background": "engineering"}
    shown = ok(run, "profile", "show")
    assert "Level          none yet: moving into PM from Engineering" in shown
    assert "Background     Engineering (engineering)" in shown
    assert "Started" not in shown and "Time at level" not in shown
    assert "pmpath break-in --from engineering" in shown


def test_a_pm_who_came_from_engineering_keeps_both(run):
    ok(run, "profile", "set", "--from", "engineering")
    ok(run, "profile", "set", "--role", "pm", "--since", "2024-03")
    assert saved() == {"format": 2, "role": "pm", "background": "engineering", "since": "2024-03"}
    shown = ok(run, "profile", "show")
    assert "Product Manager (pm)" in shown and "came into PM from Engineering" in shown
    assert "Self-assessment: Product Manager (pm) → Senior Product Manager (senior-pm)" in ok(run, "assess", "--list")


def test_a_profile_without_a_background_is_still_written_as_format_1(run):
    ok(run, "profile", "set", "--role", "pm")
    assert saved() == {"format": 1, "role": "pm"}
    ok(run, "profile", "set", "--from", "design")
    ok(run, "profile", "set", "--from", "none")
    assert saved() == {"format": 1, "role": "pm"}


def test_a_format_1_profile_with_a_background_is_refused_where_it_is(run):
    store.profile_path().parent.mkdir(parents=True, exist_ok=True)
    store.profile_path().write_text("format: 1\nrole: pm\nbackground: engineering\n", encoding="utf-8")
    result = run("profile", "show", env=WIDE)
    assert result.exit_code == 5 and result.stdout == ""
    assert "profile.yaml:1:1: 'background' needs 'format: 2'" in result.stderr


def test_an_unknown_background_gets_the_closest_match_and_saves_nothing(run):
    result = run("profile", "set", "--from", "engineerin", env=WIDE)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "pmpath: error: no background called 'engineerin'",
        "  did you mean engineering?",
        "  run 'pmpath break-in' to list the backgrounds",
    ]
    assert not store.profile_path().exists()


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ((("--role", "pm"), ("--role", "none")), "the level cannot be cleared: a profile needs a level or a background"),
        ((("--from", "engineering"), ("--from", "none")),
         "the background cannot be cleared: a profile needs a level or a background"),
        ((("--from", "engineering"), ("--since", "2024-03")),
         "--since: the month you started at your level needs a level, and your profile has none yet"),
        ((("--from", "none"),), "there is no profile yet, so --role (your level) or --from (your background) is needed"),
    ],
)
def test_settings_that_leave_no_level_and_no_background_are_refused(run, steps, message):
    for args in steps[:-1]:
        ok(run, "profile", "set", *args)
    before = store.profile_path().read_bytes() if store.profile_path().exists() else None
    result = run("profile", "set", *steps[-1], env=WIDE)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"pmpath: error: {message}\n")
    assert (store.profile_path().read_bytes() if store.profile_path().exists() else None) == before


def test_from_completes_background_ids(run):
    from pmpath.cli.commands.catalogue import complete_background

    assert complete_background("eng") == ["engineering"]


# ---------------------------------------------------------------- what it takes to get in


def test_an_engineer_is_assessed_on_the_ways_in_not_on_the_apm_program_or_pm_duties(run, builtin_kb):
    ok(run, "profile", "set", "--from", "engineering")
    out = ok(run, "assess", "--list")  # the default target: the level engineering aims for first
    assert out.startswith("Self-assessment: Engineering (engineering) → Product Manager (pm)\n")
    assert f"{ENGINEER_TO_PM} items: 6 ways in, 2 gaps of your background, 4 promotion criteria, 10 skills." in out
    flat = " ".join(out.split())
    assert "APM program or" not in flat  # "Finish(ing) an/the APM program": only for people in one
    assert "Coming from engineering or UX" in flat  # only for engineering and design, which this is
    pm = next(level for level in builtin_kb.levels if level.id == "pm")
    assert not any(duty.text[:50] in flat for duty in pm.responsibilities)  # duties start with the job


def test_a_designer_is_not_given_the_engineers_advice_and_a_student_gets_the_apm_program(run):
    ok(run, "profile", "set", "--from", "design")
    assert "Coming from engineering or UX" in " ".join(ok(run, "assess", "--list").split())
    ok(run, "profile", "set", "--from", "marketing")
    assert "Coming from engineering or UX" not in " ".join(ok(run, "assess", "--list").split())
    ok(run, "profile", "set", "--from", "student")
    out = " ".join(ok(run, "assess", "--list", "--target", "apm").split())
    assert "Join an APM program" in out


def test_gap_for_an_engineer_moving_into_pm(run):
    engineer(run, 0, 2, 1, 1, 1, 1, 1, 1, 3)
    out = ok(run, "gap", "--target", "pm")
    lines = out.splitlines()
    assert lines[0] == "Gap to Product Manager (pm)"
    assert lines[1].startswith("From your assessment of 2025-06-15 (moving in from engineering): 1 of 22 fully met")
    first = lines.index("To work on, most important first")
    assert lines[first + 1] == " 1. not yet 0/3 · way in"
    assert lines[first + 2].startswith("    Move over from a neighbouring job")
    assert "Finishing the APM program" not in out and "Left out" not in out
    assert len(lines) <= 75
    assert "Order: the ways in, what your background usually lacks" in out


def test_gap_and_plan_from_a_background_refuse_a_level_that_is_no_way_in(run):
    ok(run, "profile", "set", "--from", "engineering")
    for command in ("gap", "plan", "assess"):
        result = run(command, "--target", "senior-pm", env=WIDE)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.splitlines()[:2] == [
            "pmpath: error: Senior Product Manager (senior-pm) is too far for a first move from Engineering; "
            "the knowledge base says to aim for Product Manager (pm) or Associate Product Manager (apm) first",
            "  aim for the way in first: --target pm",
        ]
    result = run("plan", "--target", "director", env=WIDE)
    assert result.exit_code == 1
    assert "Director of Product Management (director) is not a way into product management from Engineering" in result.stderr


def test_next_and_path_from_a_profile_with_no_level_say_so(run):
    ok(run, "profile", "set", "--from", "engineering")
    for args in (("next",), ("path", "senior-pm")):
        result = run(*args, env=WIDE)
        assert result.exit_code == 1 and result.stdout == ""
        assert "your profile has none yet: you are moving into product management from Engineering" in result.stderr
        assert "pmpath break-in --from engineering" in result.stderr


def test_plan_for_an_engineer_moving_into_pm(run, builtin_kb):
    ok(run, "profile", "set", "--from", "engineering")
    out = ok(run, "plan", "--target", "pm")
    assert out.startswith("Plan: Engineering (engineering) → Product Manager (pm)\n"
                          "Made 2025-06-15; moving into PM from Engineering.\n")
    assert "1. Engineering → Product Manager (pm) · moving in" in out
    assert "4 cycles of 3 months: a year, as the knowledge base gives no typical time for moving in." in out
    flat = " ".join(out.split())
    assert "APM program or" not in flat
    pm = next(level for level in builtin_kb.levels if level.id == "pm")
    assert not any(duty.text[:50] in flat for duty in pm.responsibilities)
    assert "(way in)" in flat.split("Cycle 1")[1].split("Cycle 2")[0]
    markdown = run("plan", "--target", "pm", "--format", "markdown", env=WIDE)
    assert markdown.exit_code == 0 and "# Plan: Engineering (`engineering`) → Product Manager (`pm`)" in markdown.stdout
    assert "| 1\\. Engineering → Product Manager (moving in) | not given | no date |" in markdown.stdout


def test_switcher_json_documents(run):
    engineer(run, 0)
    profile = json.loads(ok(run, "profile", "show", "--format", "json"))
    assert profile["level"] is None and profile["since"] is None
    assert profile["background"] == {"id": "engineering", "title": "Engineering", "type": "background"}
    assert profile["assessments"][0]["role"] is None and profile["assessments"][0]["background"] == "engineering"
    gap = json.loads(ok(run, "gap", "--format", "json"))
    assert gap["kind"] == "gap" and gap["target"]["id"] == "pm"
    assert [item["kind"] for item in gap["to_work_on"][:1]] == ["entry"] and gap["after_step"] == []
    assert len(gap["to_work_on"]) + len(gap["met"]) == ENGINEER_TO_PM
    assert not any(item["text"].startswith(("Finish", "Join an APM")) for item in gap["to_work_on"])
    listing = json.loads(ok(run, "assess", "--list", "--format", "json"))
    assert listing["current"]["type"] == "background" and len(listing["items"]) == ENGINEER_TO_PM
    plan = json.loads(ok(run, "plan", "--format", "json"))
    assert plan["me"]["background"]["id"] == "engineering" and plan["route"] is None
    assert plan["next_target"]["id"] == "pm" and plan["title"] == "Plan: Engineering to Product Manager"


# ---------------------------------------------------------------- duties that start after the step


@pytest.mark.parametrize("role", ["senior-pm", "principal-pm"])
def test_managing_pms_is_never_homework_before_becoming_a_group_pm(run, role):
    ok(run, "profile", "set", "--role", role, "--track", "manager", "--since", "2023-01")
    listing = ok(run, "assess", "--target", "group-pm", "--list")
    assert "Manages 3-8 PMs" in listing  # rated, as part of the picture of the role
    count = int(listing.splitlines()[1].split()[0])
    ok(run, "assess", "--target", "group-pm", "--scores", ",".join(["0"] * count))
    gap = ok(run, "gap", "--target", "group-pm")
    assert "Manages 3-8 PMs" not in gap
    assert "Left out: " in gap and "duties of Group Product Manager itself, which start with the role" in " ".join(gap.split())
    if role == "senior-pm":
        plan = ok(run, "plan", "--target", "group-pm")
        assert "Manages 3-8 PMs" not in plan and "promotion criterion" in plan
        assert "Managing people, from hiring and performance reviews to growing them. (new at the target" in plan


def test_plan_without_an_assessment_lists_no_duty_of_the_target(run, builtin_kb):
    ok(run, "profile", "set", "--role", "senior-pm", "--since", "2023-01")
    flat = " ".join(ok(run, "plan", "--target", "group-pm").split())
    group = next(level for level in builtin_kb.levels if level.id == "group-pm")
    assert not any(duty.text[:40] in flat for duty in group.responsibilities)
    assert "Taking on direct reports" in flat and "Managing people" in flat


# ---------------------------------------------------------------- the format field


def test_only_for_names_entry_routes_or_backgrounds(run, tmp_path):
    text = (MINI / "ladder.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["promotions"][0]["criteria"][0] = {"text": "Finishes the program.", "only_for": ["apm-programme"]}
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run("--kb", str(path), "validate", env=WIDE)
    assert result.exit_code != 0
    assert "promotions[0].criteria[0].only_for[0]: unknown entry route or background 'apm-programme'" in result.stderr
