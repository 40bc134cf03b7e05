"""Company-ladder fields: grades (peers across tracks), a track's review rhythm and rating categories."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pmpath.kb.loader import check, load

from tests.conftest import BAD

ROOT = Path(__file__).resolve().parent.parent
LANTERNFISH = str(ROOT / "examples" / "lanternfish-labs.yaml")


def test_an_unknown_grade_is_located_with_the_closest_match():
    kb, found = check([BAD / "grade-unknown.yaml"])
    lines = [str(d) for d in found]
    assert kb is None
    assert any(line.endswith("grade-unknown.yaml:19:32: levels[0].grade: unknown grade 'manger' (did you mean 'manager'?)")
               for line in lines), lines
    assert any("grade-unknown.yaml:15:10: tracks[0].ratings[1].id: rating 'meets' is given twice on track 'ic'" in line
               for line in lines), lines


def test_a_grade_named_with_no_grades_listed_says_where_to_list_it(tmp_path):
    path = tmp_path / "kb.yaml"
    text = (BAD / "grade-unknown.yaml").read_text().replace("grades:\n  - {id: manager, title: Manager}\n", "")
    path.write_text(text.replace("      - {id: meets, title: Meets again}\n", ""), encoding="utf-8")
    kb, found = check([path])
    assert [d.message for d in found] == ["unknown grade 'manger'; list it under 'grades:' with an id and a title"]


def test_the_example_ladder_has_grades_reviews_and_ratings():
    kb = load(LANTERNFISH)
    assert [g.id for g in kb.grades][:2] == ["practitioner", "senior"]
    assert {level.grade for level in kb.levels if level.band == 4} == {"lead"}
    assert all(track.review is not None and len(track.ratings) == 3 for track in kb.tracks)


def test_levels_labels_each_level_with_its_grade(run):
    result = run("--kb", LANTERNFISH, "levels")
    assert result.exit_code == 0
    block = result.stdout.split("4 Lead Product Manager (lead-pm)", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^  Grade +Lead$", block, re.MULTILINE), block  # the label column is as wide as the rows given
    tree = run("--kb", LANTERNFISH, "levels", "--tree").stdout
    assert "Executive grade" in tree and tree.count("Lead grade") == 2


def test_levels_without_grades_shows_no_grade(run):
    result = run("levels")
    assert result.exit_code == 0 and "Grade" not in result.stdout and "grade" not in result.stdout


def test_show_has_a_grade_row_with_the_peers_on_other_tracks(run):
    out = run("--kb", LANTERNFISH, "show", "lead-pm").stdout
    assert "Grade Lead (peers: Product Lead)" in out
    assert "Grade Senior\n" in run("--kb", LANTERNFISH, "show", "senior-pm").stdout  # no peers: one level, both tracks


def test_tracks_and_next_show_the_review_rhythm_and_ratings(run):
    tracks = run("--kb", LANTERNFISH, "tracks", "craft").stdout
    assert "Reviews" in tracks and "Every 3 months, on 1-3 focus areas." in tracks
    assert "Rating categories" in tracks and "Exceeds expectations: Ready to be considered for the next band." in tracks
    both = run("--kb", LANTERNFISH, "tracks").stdout
    assert "Reviews" in both and "Ratings" in both
    after = run("--kb", LANTERNFISH, "next", "pm2").stdout
    assert "Reviews every 3 months, on 1-3 focus areas." in after
    assert "Ratings Below expectations; Meets expectations; Exceeds expectations" in after


def test_next_on_the_builtin_ladder_says_nothing_of_reviews(run):
    out = run("next", "pm").stdout
    assert "Reviews" not in out and "Ratings" not in out


def test_the_documents_carry_grades_reviews_and_ratings(run):
    ladder = json.loads(run("--kb", LANTERNFISH, "levels", "--format", "json").stdout)
    assert ladder["grades"][0] == {"id": "practitioner", "title": "Practitioner",
                                   "description": "Learning the craft and owning features, then a product area.", "sources": []}
    assert ladder["bands"][0]["levels"][0]["grade"] == "practitioner"
    card = json.loads(run("--kb", LANTERNFISH, "show", "vp-product", "--format", "json").stdout)
    assert card["role"]["grade"] == "executive"
    after = json.loads(run("--kb", LANTERNFISH, "next", "pm1", "--format", "json").stdout)
    assert [item["track"] for item in after["reviews"]] == ["craft", "lead"]
    assert after["reviews"][0]["review"]["every"] == "3 months"
    assert after["reviews"][0]["ratings"][2]["id"] == "exceeds"
    plain = json.loads(run("next", "pm", "--format", "json").stdout)
    assert plain["reviews"] == []
    export = json.loads(run("--kb", LANTERNFISH, "export", "--format", "json").stdout)
    assert export["tracks"][0]["review"]["focus_areas"] == "1-3"
