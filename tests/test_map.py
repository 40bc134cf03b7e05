"""``pmpath map`` and the ``equivalent`` field, through the command line, on the two example company ladders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
OURS = ROOT / "examples" / "lanternfish-labs.yaml"
THEIRS = ROOT / "examples" / "kestrel-works.yaml"


def edited(tmp_path: Path, source: Path, old: str, new: str, name: str = "edited.yaml") -> Path:
    """A copy of ``source`` with ``old`` replaced by ``new`` (which must be there)."""
    text = source.read_text()
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new))
    return target


EXTENDING = """\
format: 1
extends: builtin
name: Extending ladder
levels:
  - id: ace-pm
    title: Ace Product Manager
    band: 3
    tracks: [ic, manager]
    equivalent: {equivalent}
    summary: A level added on top of the built-in ladder.
    sources: [essay]
    main_focus: Focus.
    scope: Scope.
    responsibilities: [Does things.]
    skills: [Knows things.]
promotions:
  - {{from: pm, to: ace-pm, tracks: [ic, manager], criteria: [Grows.], sources: [essay]}}
  - {{from: ace-pm, to: staff-pm, tracks: [ic], criteria: [Grows.], sources: [essay]}}
  - {{from: ace-pm, to: group-pm, tracks: [manager], criteria: [Grows.], sources: [essay]}}
"""


# ---------------------------------------------------------------- the examples are valid


@pytest.mark.parametrize("path", [OURS, THEIRS])
def test_the_example_ladders_validate(run, path):
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert "2 tracks" in result.stdout


@pytest.mark.parametrize("path", [OURS, THEIRS])
def test_the_example_ladders_have_six_to_ten_levels_and_equivalents(path):
    data = yaml.safe_load(path.read_text())
    assert 6 <= len(data["levels"]) <= 10 and len(data["tracks"]) == 2
    assert sum(1 for level in data["levels"] if "equivalent" in level) >= 6


# ---------------------------------------------------------------- one ladder beside the reference


def test_map_sets_the_levels_beside_the_reference_ladder(run):
    result = run("--kb", str(OURS), "map")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Lanternfish Labs product ladder beside the reference ladder")
    lines = out.splitlines()
    staff = next(line for line in lines if line.strip().startswith("4   Staff Product Manager"))
    assert "Lead Product Manager" in staff and "approximate" in staff
    vp = next(line for line in lines if "Vice President of Product" in line)
    assert "VP, Product" in vp and "exact" in vp
    cpo = next(line for line in lines if "Chief Product Officer" in line)
    assert "no level" in cpo
    assert "pmpath --kb PATH map --to OTHER" in out


def test_map_lists_levels_that_name_no_equivalent(run):
    result = run("--kb", str(THEIRS), "map")
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("Levels that name no equivalent", 1)[1]
    assert "Senior Staff Product Manager (senior-staff-product-manager)  band 5, ic" in section
    director = result.stdout.split("Director of Product", 1)[1].split("Vice President", 1)[0]
    assert "Director, Product" in director and "Senior Director, Product" in director


def test_map_is_stacked_on_a_narrow_terminal(run):
    result = run("--kb", str(OURS), "map", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    assert "─" not in result.stdout
    assert "Band 4  Staff Product Manager (staff-pm)  ic" in result.stdout
    assert "• Lead Product Manager (lead-pm) - approximate" in result.stdout
    assert "• no level of Lanternfish Labs product ladder" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_map_of_one_level(run):
    result = run("--kb", str(OURS), "map", "Lead Product Manager", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["kind"] == "map"
    assert [row["reference"]["id"] for row in document["rows"]] == ["staff-pm"]
    assert document["rows"][0]["levels"] == [
        {"level": {"id": "lead-pm", "title": "Lead Product Manager", "type": "level", "band": 4, "tracks": ["craft"]},
         "match": "approximate"}
    ]


def test_map_document_has_every_reference_level(run, builtin_kb):
    result = run("--kb", str(THEIRS), "map", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    assert (document["format"], document["kind"], document["ladder"]) == (1, "map", "Kestrel Works product ladder")
    assert sorted(row["reference"]["id"] for row in document["rows"]) == sorted(l.id for l in builtin_kb.levels)
    assert [level["id"] for level in document["unmapped"]] == ["senior-staff-product-manager"]
    principal = next(row for row in document["rows"] if row["reference"]["id"] == "principal-pm")
    assert principal["levels"] == []


def test_map_in_markdown_is_a_table(run):
    result = run("--kb", str(OURS), "map", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "# Lanternfish Labs product ladder beside the reference ladder" in result.stdout
    assert "| Band | Reference level | Tracks | Lanternfish Labs product ladder | Match |" in result.stdout


def test_an_unnamed_ladder_goes_by_its_file_name(run, tmp_path):
    path = edited(tmp_path, THEIRS, "name: Kestrel Works product ladder\n", "", name="kestrel.yaml")
    result = run("--kb", str(path), "map")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("kestrel beside the reference ladder")


# ---------------------------------------------------------------- one ladder onto another


def test_map_to_another_ladder_says_exact_approximate_or_missing(run):
    result = run("--kb", str(OURS), "map", "--to", str(THEIRS))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Lanternfish Labs product ladder onto Kestrel Works product ladder")
    assert "• Senior Product Manager = Senior Product Manager (exact: same level)" in out
    assert "• Lead Product Manager ~ Staff Product Manager (approximate: same level, not exactly)" in out
    assert "• Principal Product Manager ~ Group Manager, Product (approximate: same band, other track)" in out
    assert "• Product Manager I ~ Product Associate (approximate: same level, not exactly)" in out
    assert "• VP, Product - missing: no level at that band" in out
    unreached = out.split("that no level of Lanternfish Labs product ladder corresponds", 1)[1]
    assert "Senior Staff Product Manager (senior-staff-product-manager)" in unreached
    assert "Chief Product Officer (chief-product-officer)" in unreached
    head_row = out.split("head-of-product", 1)[1].split("vp-product", 1)[0]
    assert "director-product" in head_row and "senior-director-product" in head_row


def test_map_the_other_way_round(run):
    result = run("--kb", str(THEIRS), "map", "--to", str(OURS))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "• Senior Staff Product Manager - missing: names no equivalent" in out
    assert "• Group Manager, Product ~ Product Lead (approximate: same level, not exactly)" in out
    assert "• Chief Product Officer - missing: no level at that band" in out
    assert "• Senior Director, Product ~ Head of Product (approximate: same level, not exactly)" in out


def test_map_to_is_stacked_on_a_narrow_terminal(run):
    result = run("--kb", str(OURS), "map", "--to", str(THEIRS), env={"COLUMNS": "60"})
    assert result.exit_code == 0
    assert "─" not in result.stdout
    block = result.stdout.split("Principal Product Manager ~ Group Manager, Product", 1)[1]
    assert "Reference Principal Product Manager (principal-pm)" in block
    assert "Theirs    • Group Manager, Product (group-manager-product)" in block
    assert "Match     approximate: same band, other track" in block


def test_map_to_document(run):
    result = run("--kb", str(OURS), "map", "--to", str(THEIRS), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["kind"], document["ours"], document["theirs"]) == (
        "map-between", "Lanternfish Labs product ladder", "Kestrel Works product ladder")
    matches = {row["level"]["id"]: (row["match"], row["why"]) for row in document["rows"]}
    assert matches == {
        "pm1": ("approximate", "same-level"),
        "pm2": ("exact", "same-level"),
        "senior-pm": ("exact", "same-level"),
        "lead-pm": ("approximate", "same-level"),
        "product-lead": ("approximate", "same-level"),
        "principal-pm": ("approximate", "same-band"),
        "head-of-product": ("approximate", "same-level"),
        "vp-product": ("missing", "none-there"),
    }
    principal = next(row for row in document["rows"] if row["level"]["id"] == "principal-pm")
    assert [(c["level"]["id"], c["reference"]["id"], c["via"]) for c in principal["counterparts"]] == [
        ("group-manager-product", "group-pm", "band")]
    assert [level["id"] for level in document["unreached"]] == ["senior-staff-product-manager", "chief-product-officer"]


def test_map_to_of_one_level(run):
    result = run("--kb", str(OURS), "map", "principal-pm", "--to", str(THEIRS), "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    assert [row["level"]["id"] for row in document["rows"]] == ["principal-pm"]
    assert document["unreached"] == []


def test_an_exact_match_needs_both_sides_exact(run, tmp_path):
    theirs = edited(tmp_path, THEIRS, "    equivalent: apm\n    match: approximate\n", "    equivalent: apm\n")
    result = run("--kb", str(OURS), "map", "pm1", "--to", str(theirs))
    assert "• Product Manager I = Product Associate (exact: same level)" in result.stdout


# ---------------------------------------------------------------- problems


def test_map_without_a_company_ladder(run):
    result = run("map")
    assert result.exit_code == 1 and result.stdout == ""
    assert "pmpath: error: 'pmpath built-in knowledge base' is the reference ladder itself" in result.stderr
    assert "give a company ladder with --kb" in result.stderr


def test_map_to_the_builtin_ladder(run, tmp_path):
    builtin = ROOT / "pmpath" / "data"
    if not builtin.exists():
        from pmpath.files import builtin_data_dir

        builtin = builtin_data_dir()
    result = run("--kb", str(OURS), "map", "--to", str(builtin))
    assert result.exit_code == 1
    assert "is the reference ladder itself" in result.stderr and "--to" in result.stderr


def test_map_to_a_ladder_without_equivalents(run, tmp_path):
    text = "\n".join(line for line in THEIRS.read_text().splitlines()
                     if not line.strip().startswith(("equivalent:", "match:")))
    theirs = tmp_path / "plain.yaml"
    theirs.write_text(text + "\n")
    result = run("--kb", str(OURS), "map", "--to", str(theirs))
    assert result.exit_code == 1 and result.stdout == ""
    assert "no level of 'Kestrel Works product ladder' names its equivalent in the reference ladder" in result.stderr
    assert "the ladder given with --to" in result.stderr and "equivalent: senior-pm" in result.stderr
    ours = run("--kb", str(theirs), "map")
    assert ours.exit_code == 1 and "the ladder given with --kb" in ours.stderr


def test_map_to_a_path_that_is_not_there(run, tmp_path):
    result = run("--kb", str(OURS), "map", "--to", str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 3 and "nowhere.yaml: no such file or directory" in result.stderr


def test_map_of_an_unknown_level_suggests(run):
    result = run("--kb", str(OURS), "map", "lead-pmm")
    assert result.exit_code == 1 and "did you mean lead-pm" in result.stderr


def test_map_of_a_reference_level_or_a_specialization(run, tmp_path):
    path = tmp_path / "extending.yaml"
    path.write_text(EXTENDING.format(equivalent="senior-pm"))
    ok = run("--kb", str(path), "map")
    assert ok.exit_code == 0, ok.stderr
    senior = next(line for line in ok.stdout.splitlines() if line.strip().startswith("3   Senior Product Manager"))
    assert "Ace Product Manager" in senior
    assert "Levels that name no equivalent" not in ok.stdout  # the built-in levels are the reference, not the company's
    reference = run("--kb", str(path), "map", "senior-pm")
    assert reference.exit_code == 1
    assert "is a level of the reference ladder itself, not of 'Extending ladder'" in reference.stderr
    special = run("--kb", str(path), "map", "growth-pm")
    assert special.exit_code == 1 and "is a specialization; map lines up levels" in special.stderr


# ---------------------------------------------------------------- the field


def test_a_misspelt_equivalent_gets_the_closest_id(run, tmp_path):
    path = edited(tmp_path, OURS, "equivalent: principal-pm", "equivalent: principle-pm")
    result = run("validate", str(path))
    assert result.exit_code == 3
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if "principle-pm" in text)
    assert (f"edited.yaml:{line}:5: levels[4].equivalent: 'principle-pm' is not a level of the built-in "
            "reference ladder (did you mean 'principal-pm'?)") in result.stdout + result.stderr


def test_an_extending_ladder_is_checked_too(run, tmp_path):
    path = tmp_path / "extending.yaml"
    path.write_text(EXTENDING.format(equivalent="senior-p"))
    result = run("validate", str(path))
    assert result.exit_code == 3 and "(did you mean 'senior-pm'?)" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    equivalent: pm\n", "    match: exact\n", "`match` is given without `equivalent`"),
        ("    match: approximate\n", "    match: close\n", "match"),
        ("    equivalent: pm\n", "    equivalent: Senior PM\n", "equivalent"),
    ],
)
def test_bad_match_and_equivalent_values(run, tmp_path, old, new, message):
    result = run("validate", str(edited(tmp_path, OURS, old, new)))
    assert result.exit_code == 3 and message in result.stdout + result.stderr


def test_the_builtin_ladder_names_no_equivalent(builtin_kb):
    assert all(level.equivalent is None and level.match is None for level in builtin_kb.levels)


def test_show_carries_the_equivalent(run):
    result = run("--kb", str(OURS), "show", "lead-pm")
    assert "Equivalent in the reference ladder: staff-pm (approximate; pmpath map lines ladders up)" in result.stdout
    exact = run("--kb", str(OURS), "show", "pm2")
    assert "Equivalent in the reference ladder: pm (exact;" in exact.stdout
    assert "Equivalent in the reference ladder" not in run("show", "pm").stdout


def test_the_schema_documents_the_fields(run):
    result = run("schema")
    level = json.loads(result.stdout)["$defs"]["Level"]["properties"]
    assert "reference ladder" in level["equivalent"]["description"]
    assert "approximate" in level["match"]["description"]


def test_help_lists_map_with_your_own_ladder(run):
    result = run("--help")
    own = result.stdout.split("Your own ladder", 1)[1].split("Output", 1)[0]
    assert "map" in own


def test_completion_offers_the_company_levels():
    from tests.test_completion import complete

    found = complete("bash", f"pmpath --kb {OURS} map pr")
    assert set(found) >= {"principal-pm", "product-lead"}
    assert "principal-pm" in complete("bash", f"pmpath --kb {OURS} map principal")


def test_the_map_shown_in_the_docs_is_the_real_output(run):
    doc = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    shown = doc.split("$ pmpath --kb examples/lanternfish-labs.yaml map --to examples/kestrel-works.yaml\n...\n", 1)[1]
    shown = shown.split("```", 1)[0]
    result = run("--kb", str(OURS), "map", "--to", str(THEIRS))
    assert shown.strip() and result.stdout.endswith(shown)


def test_show_of_a_mapped_level_borrows_the_reference_years_marked_as_such(run):
    """A company level that gives no years gets the reference card's, said to come from there."""
    out = run("--kb", str(OURS), "show", "pm2", env={"COLUMNS": "100"}).stdout
    assert "Not given here; the reference card (Product Manager, pmpath show pm without --kb) says:" in out
    borrowed = out.split("says:", 1)[1].split("\n\n", 1)[0]
    assert "Experience 1-5 years" in borrowed and "At level   2-3 years" in borrowed
    assert "Focus" not in borrowed  # the company gives its own focus: nothing borrowed for it
    full = run("--kb", str(OURS), "show", "pm2", "--full", env={"COLUMNS": "100"}).stdout
    assert "the reference card (Product Manager" in full
    assert "reference card" not in run("show", "pm", env={"COLUMNS": "100"}).stdout  # the reference itself
