"""Issue 16: a bare company ladder (titles, bands, tracks, steps) is a ladder, and every command answers it
sensibly; the wrong answers found on company ladders; more than two tracks."""

from __future__ import annotations

import json


from tests.conftest import FIXTURES

BARE = FIXTURES / "bare"
FOUR = FIXTURES / "four-tracks.yaml"
KESTREL = FIXTURES.parent.parent / "examples" / "kestrel-works.yaml"


def _ok(result) -> str:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# ---------------------------------------------------------------- the format


def test_a_bare_ladder_validates(run):
    result = run("validate", str(BARE))
    assert result.exit_code == 0, result.stderr
    assert "valid: Bare Co product ladder: 2 tracks, 6 levels, 5 promotions" in result.stdout


def test_a_bare_ladder_still_needs_titles_bands_and_tracks(run, tmp_path):
    (tmp_path / "ladder.yaml").write_text(
        "format: 1\ntracks:\n  - id: ic\n    title: IC\nlevels:\n  - id: pm\n    tracks: [ic]\n", encoding="utf-8"
    )
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert "missing required key 'title'" in result.stderr
    assert "missing required key 'band'" in result.stderr


def test_every_builtin_level_track_and_promotion_keeps_every_field(builtin_kb):
    """The format lets a company ladder leave these out; the built-in knowledge base gives them all."""
    missing = []
    for level in builtin_kb.levels:
        for field in ("summary", "sources", "main_focus", "scope", "responsibilities", "skills",
                      "experience_years"):
            if not getattr(level, field):
                missing.append(f"level {level.id}: {field}")
    for track in builtin_kb.tracks:
        for field in ("summary", "sources", "values", "promotion_criteria"):
            if not getattr(track, field):
                missing.append(f"track {track.id}: {field}")
    for step in builtin_kb.promotions:
        for field in ("criteria", "sources"):
            if not getattr(step, field):
                missing.append(f"promotion {step.from_} -> {step.to}: {field}")
    assert missing == []


# ---------------------------------------------------------------- every command on a bare ladder


def test_levels_of_a_bare_ladder_use_its_name_and_drop_what_no_level_gives(run):
    out = _ok(run("--kb", str(BARE), "levels"))
    assert out.startswith("Bare Co product ladder\n")
    assert "The product-management ladder" not in out
    assert "Years are per source" not in out
    assert "Exp." not in out and "Scope" not in out
    assert "Both tracks share the ladder up to Senior Product Manager" in out


def test_levels_of_the_builtin_ladder_keep_their_title_and_years_note(run):
    out = _ok(run("levels"))
    assert out.startswith("The product-management ladder\n")
    assert "Years are per source" in out


def test_show_on_a_bare_level_says_not_given(run):
    out = _ok(run("--kb", str(BARE), "show", "senior"))
    assert "Focus      not given" in out
    assert "Scope      not given" in out
    assert "Not given in this knowledge base: summary, responsibilities, skills." in out
    assert "Sources: none given" in out
    full = _ok(run("--kb", str(BARE), "show", "senior", "--full"))
    assert "Main focus\nnot given" in full


def test_tracks_of_a_bare_ladder_print_no_empty_rows(run):
    out = _ok(run("--kb", str(BARE), "tracks"))
    for label in ("Summary", "What it values", "How people are promoted", "Pros", "Cons"):
        assert label not in out
    assert "Not given in this knowledge base: what the tracks value" in out
    assert "Principal Product Manager  Group Product Manager" in out


def test_compare_on_a_bare_ladder_says_not_given(run):
    out = _ok(run("--kb", str(BARE), "compare", "pm1", "pm2", "--full"))
    assert "Main focus      not given" in out
    assert "Scope           not given" in out


def test_path_without_year_figures_gives_no_total_and_no_window(run):
    out = _ok(run("--kb", str(BARE), "path", "pm1", "director", "--since", "2024-01"))
    assert "4 steps, years not given." in out
    assert "0+" not in out
    assert "no estimate: a step has no typical time." in out
    assert "there is no total and no date" in out
    data = json.loads(_ok(run("--kb", str(BARE), "path", "pm1", "director", "--since", "2024-01", "--format", "json")))
    assert data["total"] is None
    assert all(step["window"] is None for step in data["steps"])


def test_specializations_on_a_ladder_without_any_say_so(run):
    result = run("--kb", str(BARE), "specializations")
    assert result.exit_code != 0 and result.stdout == ""
    assert result.stderr.splitlines()[0] == "pmpath: error: this knowledge base lists no specializations"
    assert "extends: builtin" in result.stderr
    assert "None" not in result.stderr


def test_next_and_search_and_export_answer_a_bare_ladder(run):
    out = _ok(run("--kb", str(BARE), "next", "senior"))
    assert "2 ways up: one on the Individual contributor track, one on the Manager track." in out
    assert _ok(run("--kb", str(BARE), "search", "senior")).startswith("1 match for 'senior'")
    for fmt in ("markdown", "html", "json", "yaml", "svg"):
        assert _ok(run("--kb", str(BARE), "export", "--format", fmt))
    for fmt in ("table", "markdown", "json", "yaml"):
        assert _ok(run("--kb", str(BARE), "show", "senior", "--format", fmt))
        assert _ok(run("--kb", str(BARE), "tracks", "--format", fmt))


def test_assess_on_a_bare_ladder_says_there_is_nothing_to_assess(run):
    assert run("--kb", str(BARE), "profile", "set", "--role", "senior", "--track", "manager").exit_code == 0
    result = run("--kb", str(BARE), "assess", "--target", "lead", "--list")
    assert result.exit_code != 0 and result.stdout == ""
    assert "gives no criteria, responsibilities or skills for Group Product Manager (lead)" in result.stderr
    assert "add 'criteria' to the promotion" in result.stderr
    plan = _ok(run("--kb", str(BARE), "plan"))
    assert "No focus areas: this knowledge base gives no criteria" in plan


def test_plan_with_a_start_month_but_no_year_figures_says_why_there_is_no_date(run):
    assert run("--kb", str(BARE), "profile", "set", "--role", "senior", "--track", "manager",
               "--since", "2024-03").exit_code == 0
    out = _ok(run("--kb", str(BARE), "plan"))
    assert "no date: the knowledge base gives no typical time for this step" in out
    assert "set your start month" not in out


# ---------------------------------------------------------------- init --bare


def test_init_bare_writes_a_standalone_ladder_that_validates(run, tmp_path):
    from pmpath.kb.loader import check

    target = tmp_path / "ours"
    assert run("init", str(target), "--bare").exit_code == 0
    text = (target / "ladder.yaml").read_text(encoding="utf-8")
    assert "extends:" not in text.split("\n# The ways up.")[1]
    kb, problems = check([target])
    assert problems == []
    assert len(kb.tracks) == 2 and len(kb.levels) == 6 and not kb.specializations
    assert not any(level.responsibilities or level.summary for level in kb.levels)
    assert _ok(run("--kb", str(target), "levels")).startswith("Example Co product ladder\n")


def test_init_without_bare_still_extends_the_builtin_ladder(run, tmp_path):
    assert run("init", str(tmp_path)).exit_code == 0
    assert "\nextends: builtin\n" in (tmp_path / "ladder.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- wrong answers on company ladders


def test_next_on_a_level_off_the_asked_track_names_its_own_track(run):
    out = _ok(run("--kb", str(KESTREL), "next", "director-product", "--track", "ic"))
    assert "Director, Product is not on the Individual contributor track; it is on the Management track." in out
    assert "top of the Individual contributor" not in out
    assert "On its own track, the way up is:" in out
    assert "switching track" not in out


def test_compare_lists_under_both_only_what_both_say(tmp_path, run):
    ladder = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    ladder = ladder.replace("skills: [Curiosity.]", "skills: [Prioritization.]")
    ladder = ladder.replace("skills: [Judgement.]", "skills: [Prioritization across several teams and quarters.]")
    (tmp_path / "kb.yaml").write_text(ladder, encoding="utf-8")
    out = _ok(run("--kb", str(tmp_path), "compare", "one", "two", "--full"))
    assert "both list" not in out
    assert "Skills only Level One lists\n• Prioritization." in out


def test_search_points_general_advice_to_the_command_that_shows_it(run):
    out = _ok(run("search", "SWOT"))
    assert "Advice: general" in out
    assert out.rstrip().endswith("pmpath export")
    assert "pmpath export" in _ok(run("search", "SWOT")) and "SWOT" in _ok(run("export"))


# ---------------------------------------------------------------- more than two tracks


def test_four_tracks_at_120_columns_fall_back_to_the_list(run):
    out = _ok(run("--kb", str(FOUR), "levels", env={"COLUMNS": "120"}))
    assert "..." not in out and "…" not in out
    assert "1 Product Manager (pm)\n  Track    every track\n  Exp.     0-2 years [guide]" in out
    assert "both tracks" not in out.lower()
    assert "The tracks share the ladder up to Senior Product Manager" in out


def test_four_tracks_get_a_table_where_it_fits(run):
    out = _ok(run("--kb", str(FOUR), "levels", env={"COLUMNS": "200"}))
    assert "..." not in out and "…" not in out
    assert "Design product" in out and "◂ every track" in out


def test_twenty_tracks_still_show_every_level(run, tmp_path):
    lines = ["format: 1", "tracks:"]
    lines += [f"  - {{id: t{i}, title: Track {i}}}" for i in range(20)]
    every = ", ".join(f"t{i}" for i in range(20))
    lines += ["levels:", f"  - {{id: base, title: Base PM, band: 1, tracks: [{every}]}}"]
    lines += [f"  - {{id: top{i}, title: Top PM {i}, band: 2, tracks: [t{i}]}}" for i in range(20)]
    lines += ["promotions:"] + [f"  - {{from: base, to: top{i}, tracks: [t{i}]}}" for i in range(20)]
    (tmp_path / "kb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for width in ("100", "120", "250"):
        out = _ok(run("--kb", str(tmp_path), "levels", env={"COLUMNS": width}))
        assert all(f"Top PM {i} (top{i})" in out for i in range(20)), width
    md = _ok(run("--kb", str(tmp_path), "levels", "--format", "markdown"))
    assert "Top PM 19" in md


def test_every_ladder_layout_takes_the_knowledge_base_name(run):
    assert _ok(run("--kb", str(FOUR), "levels", "--tree", env={"COLUMNS": "120"})).startswith("Four-track ladder\n")
    data = json.loads(_ok(run("--kb", str(FOUR), "levels", "--format", "json")))
    assert data["title"] == "Four-track ladder"
    assert json.loads(_ok(run("levels", "--format", "json")))["title"] == "The product-management ladder"


def test_tracks_with_four_tracks_name_the_parallel_levels_as_a_list(run):
    out = _ok(run("--kb", str(FOUR), "tracks", env={"COLUMNS": "120"}))
    assert "Parallel at band 3: Individual Lead PM, People Lead PM, Technical Lead PM and Design Lead PM." in out
