"""Extending selectively: `take` some sections of the built-in knowledge base, `remove` built-in entries."""

from __future__ import annotations

import textwrap

import pytest

from pmpath.kb.loader import builtin_data_dir, check, load

from tests.conftest import BAD, FIXTURES

SELECT = FIXTURES / "select"


def problems(path) -> list[str]:
    kb, found = check([path])
    assert kb is None, "expected problems"
    return [str(d) for d in found]


def test_take_keeps_only_the_sections_named_and_the_sources(builtin_kb):
    kb = load(SELECT / "company-take.yaml")
    assert [level.id for level in kb.levels][:2] == ["product-associate", "product-manager"]
    assert not {level.id for level in kb.levels} & {level.id for level in builtin_kb.levels}
    assert [track.id for track in kb.tracks] == ["ic", "management"]
    assert [s.id for s in kb.specializations] == [s.id for s in builtin_kb.specializations]
    assert [r.id for r in kb.resources] == [r.id for r in builtin_kb.resources]
    assert kb.entry_routes and kb.break_in_tips and kb.backgrounds
    assert kb.comparisons == [] and kb.guidance == [] and kb.alternatives == [] and kb.quiz == []
    assert {s.id for s in builtin_kb.sources} <= {s.id for s in kb.sources}


def test_built_in_links_to_left_out_levels_lead_to_the_levels_whose_equivalent_names_them(builtin_kb):
    kb = load(SELECT / "company-take.yaml")
    own = {level.id for level in kb.levels}
    student = next(b for b in kb.backgrounds if b.id == "student")
    first = next(t for t in student.targets if t.kind == "first")
    assert first.role == "product-associate"  # the company level whose equivalent is apm
    for background in kb.backgrounds:
        assert {t.role for t in background.targets} <= own
    for route in kb.entry_routes:
        assert set(route.leads_to) <= own
    for spec in kb.specializations:
        assert set(spec.related_roles) <= own | {s.id for s in kb.specializations}


def test_remove_leaves_out_the_entries_and_the_built_in_steps_that_touch_them(builtin_kb):
    kb = load(SELECT / "remove.yaml")
    ids = [level.id for level in kb.levels]
    assert "apm" not in ids and "staff-pm" not in ids and "pm" in ids
    steps = {(step.from_, step.to) for step in kb.promotions}
    assert ("director", "vp-product") not in steps and ("apm", "pm") not in steps
    assert ("senior-pm", "staff-pm") not in steps and ("senior-pm", "principal-pm") in steps
    assert all(set(c.between) != {"pm", "senior-pm"} for c in kb.comparisons)
    assert all("apm" not in c.between for c in kb.comparisons)
    for item in kb.guidance:
        assert "apm" not in item.applies_to and "staff-pm" not in item.applies_to
    for background in kb.backgrounds:
        assert all(t.role not in ("apm", "staff-pm") for t in background.targets)
    assert len(kb.levels) == len(builtin_kb.levels) - 2


def test_a_removed_id_may_be_defined_again(tmp_path):
    path = tmp_path / "kb.yaml"
    level = (
        "{id: apm, title: Product Analyst, band: 1, tracks: [ic, manager], summary: s, main_focus: f, "
        "scope: s, responsibilities: [r], skills: [k], sources: [essay]}"
    )
    path.write_text(textwrap.dedent(f"""\
        format: 1
        extends: builtin
        remove:
          levels: [apm]
        levels:
          - {level}
        promotions:
          - {{from: apm, to: pm, tracks: [ic, manager], criteria: [c], sources: [essay]}}
        """), encoding="utf-8")
    kb = load(path)
    assert next(level for level in kb.levels if level.id == "apm").title == "Product Analyst"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("remove-problems.yaml", "remove-problems.yaml:7:17: remove.levels[1]: there is no built-in level 'staf-pm' to remove (did you mean 'staff-pm'?)"),
        ("remove-problems.yaml", "remove-problems.yaml:7:36: remove.levels[3]: level 'apm' is removed twice; list it once"),
        ("remove-problems.yaml", "remove-problems.yaml:9:8: remove.promotions[0].from: there is no built-in promotion 'director -> vp' to remove (did you mean 'director -> vp-product'?)"),
        ("remove-problems.yaml", "remove-problems.yaml:13:18: guidance[0].applies_to[0]: unknown role 'apm' (the built-in level 'apm' is removed at "),
        ("take-problems.yaml", "take-problems.yaml:3:8: take[0]: Input should be 'sources', "),
        ("take-problems.yaml", "found 'specialisations' (did you mean 'specializations'?)"),
        ("take-remove-untaken.yaml", "take-remove-untaken.yaml:6:12: remove.levels[0]: levels are not taken from the built-in knowledge base ('take'), so there is no level 'apm' to remove; leave the removal out"),
    ],
)
def test_selection_problems_point_at_your_line(fixture, expected):
    found = problems(BAD / fixture)
    assert any(expected in line for line in found), found


def test_a_built_in_entry_left_without_a_way_up_is_told_at_your_remove_naming_the_built_in_line():
    found = problems(BAD / "remove-problems.yaml")
    line = next(line for line in found if "'senior-pm' is below the top of the 'ic' track" in line)
    assert line.startswith(f"{BAD / 'remove-problems.yaml'}:6:1: remove: levels[")
    assert f"(the built-in entry at {builtin_data_dir() / 'levels.yaml'}:" in line


@pytest.mark.parametrize("key", ["take: [levels]", "remove: {levels: [apm]}"])
def test_take_and_remove_need_extends_builtin(tmp_path, key):
    path = tmp_path / "kb.yaml"
    path.write_text(f"format: 1\n{key}\n", encoding="utf-8")
    found = problems(path)
    assert any(":2:1: " in line and "add 'extends: builtin'" in line for line in found), found


def test_take_given_in_two_files_is_a_problem(tmp_path):
    (tmp_path / "a.yaml").write_text("format: 1\nextends: builtin\ntake: [levels, tracks, promotions]\n")
    (tmp_path / "b.yaml").write_text("format: 1\ntake: [resources]\n")
    found = problems(tmp_path)
    assert any("b.yaml:2:1: take: 'take' is given twice" in line for line in found), found


def test_a_left_out_background_is_a_warning_at_your_line(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text("format: 1\nextends: builtin\ntake: [sources, backgrounds, entry_routes, resources, specializations]\n", encoding="utf-8")
    warnings: list = []
    kb, found = check([path], warnings)
    assert found == [] and kb is not None and kb.backgrounds == []
    assert warnings and all(str(w).startswith(f"{path}:3:1: take: warning: the built-in background ") for w in warnings)
    assert "override: backgrounds:" in str(warnings[0])


def test_every_format_1_file_without_take_or_remove_reads_as_before(builtin_kb):
    kb = load(FIXTURES / "extend")
    assert {level.id for level in builtin_kb.levels} <= {level.id for level in kb.levels}


def test_validate_without_the_cache_lists_the_left_out_backgrounds(run, tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text("format: 1\nextends: builtin\ntake: [backgrounds, entry_routes, resources, specializations]\n", encoding="utf-8")
    result = run("--no-cache", "validate", str(path))
    assert result.exit_code == 0
    assert f"{path}:3:1: take: warning: the built-in background 'engineering' is left out" in result.stderr


def test_statements_meant_only_for_a_removed_way_in_go_with_it(tmp_path):
    """A built-in `how_to_get` line or criterion meant only for the APM program is not kept for everyone
    when the program is removed: an empty `only_for` would mean everyone."""
    path = tmp_path / "kb.yaml"
    path.write_text("format: 1\nextends: builtin\nremove:\n  entry_routes: [apm-program]\n", encoding="utf-8")
    kb = load(path)
    apm = next(level for level in kb.levels if level.id == "apm")
    pm = next(level for level in kb.levels if level.id == "pm")
    assert not any("apm-program" in s.only_for for level in kb.levels for s in level.how_to_get)
    assert not any(s.text.startswith("Finish an APM program or APM stint") for s in pm.how_to_get)
    assert not any("rotations" in s.text for s in apm.how_to_get)  # "an APM does two rotations of twelve months"
    step = next(p for p in kb.promotions if (p.from_, p.to) == ("apm", "pm"))
    assert not any(s.text.startswith("Finishing the APM program") for s in step.criteria)
    kept = next(s for s in pm.how_to_get if s.only_for == ["engineering", "design"])  # other ways in stay
    assert "engineering" in kept.only_for
