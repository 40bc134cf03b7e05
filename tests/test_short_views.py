"""compare, path and break-in --from: short by default at 100 columns, everything with --full.

Each short view leads with its answer, fits its line target, keeps every inferred and disputed mark on
what it shows, and ends by naming the --full command; --full shows what the short one leaves out.
"""

from __future__ import annotations

import pytest

WIDE = {"COLUMNS": "100", "NO_COLOR": "1", "PMPATH_TODAY": "2025-06-01"}


def lines(run, *args: str) -> list[str]:
    result = run(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


# ---------------------------------------------------------------- compare


@pytest.mark.parametrize(
    "pair", [("pm", "senior-pm"), ("staff-pm", "principal-pm"), ("principal-pm", "group-pm"), ("apm", "cpo"),
             ("technical-pm", "senior-pm"), ("growth-pm", "core-pm")],
)
def test_compare_fits_about_fifty_lines_and_names_the_full_view(run, pair):
    out = lines(run, "compare", *pair)
    assert len(out) <= 56, len(out)
    assert out[-1].startswith("Shortened: ") and f"pmpath compare {pair[0]} {pair[1]} --full" in out[-1]
    assert len(lines(run, "compare", *pair, "--full")) > len(out) + 20


def test_compare_leads_with_the_main_differences_and_caps_the_only_lists(run):
    out = lines(run, "compare", "principal-pm", "group-pm")
    text = "\n".join(out)
    main = text.index("Main differences, as the sources draw them [bridged, career-guide, essay]")
    assert main < text.index("Responsibilities only Principal Product Manager lists")
    assert main < next(i for i, line in enumerate(out) if line.startswith("Kind")) * 0 + text.index("\nKind")
    only = out.index(next(line for line in out if line.startswith("Responsibilities only Principal")))
    assert out[only + 1].startswith("• ") and "and 4 more" in out[only + 1: only + 12]
    full = run("compare", "principal-pm", "group-pm", "--full", env=WIDE).stdout
    assert "Presents updates and progress to executive leadership" in full
    assert "Presents updates and progress to executive leadership" not in text


def test_compare_says_a_disputed_band_is_this_knowledge_bases_placement(run):
    text = " ".join(lines(run, "compare", "principal-pm", "group-pm"))
    assert "Both sit at band 5" not in text
    assert "This knowledge base puts both at band 5" in text and "placement is disputed" in text
    assert "Where they sit" in text and "disagreement: Where Principal PM sits" in text


def test_compare_never_states_an_unranked_band_gap_as_a_fact(run):
    text = " ".join(lines(run, "compare", "staff-pm", "principal-pm"))
    assert "is 1 band above" not in text
    assert "This knowledge base places Principal Product Manager 1 band above Staff Product Manager" in text
    assert 'No article ranks Staff below Principal: career-guide heads the two together ("Staff /' in text


def test_compare_states_an_undisputed_gap_plainly(run):
    assert "Senior Product Manager is 1 band above Product Manager." in lines(run, "compare", "pm", "senior-pm")


def test_compare_keeps_inferred_marks_on_what_it_shows(run):
    text = "\n".join(lines(run, "compare", "staff-pm", "principal-pm"))
    assert "6-8 years [career-guide, bridged]" in text and "(inferred)" in text


def test_compare_points_a_level_and_a_specialization_to_a_like_for_like_pair(run):
    out = lines(run, "compare", "technical-pm", "senior-pm")
    assert "Like with like: pmpath compare technical-pm core-pm (two specializations)" in out
    assert not any(line.startswith("Like with like") for line in lines(run, "compare", "pm", "senior-pm"))


# ---------------------------------------------------------------- path


@pytest.mark.parametrize(
    "route", [("apm", "cpo"), ("apm", "senior-pm"), ("senior-pm", "director", "--track", "ic"), ("apm", "director")],
)
def test_path_fits_about_sixty_lines_and_names_the_full_view(run, route):
    out = lines(run, "path", *route)
    assert len(out) <= 60, len(out)
    assert out[-1].startswith("Shortened: ") or "--full" in out[-1]
    assert f"pmpath path {' '.join(route)} --full" in " ".join(out[-2:])


def test_path_leads_with_the_total_and_shows_each_steps_notes(run):
    out = lines(run, "path", "senior-pm", "director", "--track", "ic")
    assert out[1].startswith("3 steps, about 8+ years in total")
    text = " ".join(out)
    assert "inferred: No article spells out what a Principal PM needs to switch to Director" in text
    assert "disagreement: The essay treats Lead, Principal and Staff as one level" in text


def test_path_shows_the_articles_cumulative_figure_beside_its_sum(run):
    text = " ".join(lines(run, "path", "apm", "senior-pm"))
    assert "2 steps, about 3-5 years in total." in text
    assert "Articles: about 4-6 years to reach Senior Product Manager from the start of a PM career [career-guide]" in text


def test_path_does_not_present_a_difference_of_inferred_figures_as_a_fact(run):
    text = " ".join(lines(run, "path", "senior-pm", "director", "--track", "ic"))
    assert "via group-pm: 2 steps, about 5+ years in total (includes inferred figures)" in text
    assert "No article says which route is quicker" in text
    # two routes whose times differ by sourced figures only carry no such caution
    assert "No article says which route is quicker" not in " ".join(lines(run, "path", "apm", "senior-pm"))


def test_path_full_shows_every_criterion_and_the_tracks_promotion_criteria(run):
    short = "\n".join(lines(run, "path", "senior-pm", "director", "--track", "ic"))
    full = "\n".join(lines(run, "path", "senior-pm", "director", "--track", "ic", "--full"))
    for text in ("How the Individual contributor track promotes", "Roughly 8-10 years of experience."):
        assert text in full and text not in short


# ---------------------------------------------------------------- break-in


@pytest.mark.parametrize("background", ["engineering", "design", "student", "project-management", "industry-expert"])
def test_break_in_fits_about_fifty_lines(run, background):
    out = lines(run, "break-in", "--from", background)
    assert len(out) <= 55, len(out)
    assert f"pmpath break-in --from {background} --full" in " ".join(out[-2:])


def test_break_in_from_engineering_says_each_piece_of_advice_once(run):
    text = " ".join(lines(run, "break-in", "--from", "engineering")).lower()
    assert text.index("role to target first") < text.index("what carries over") < text.index("routes in")
    assert text.count("domain") == 1
    assert sum("network" in item for item in text.split("•")) == 1
    assert "one of the ways career-guide names" not in text


def test_break_in_short_keeps_marks_and_full_keeps_every_tip(run):
    short = "\n".join(lines(run, "break-in", "--from", "engineering"))
    full = "\n".join(lines(run, "break-in", "--from", "engineering", "--full"))
    assert "Platform Product Manager (platform-pm) (inferred)" in short
    assert "Judging feasibility and technical risk" in short and "(inferred)" in short
    for heading in ("Mindset", "Networking", "Portfolio", "Advice"):
        assert heading in full.splitlines() and heading not in short.splitlines()


def test_break_in_short_shows_how_long_a_program_lasts(run):
    text = " ".join(lines(run, "break-in", "--from", "student"))
    assert "Lasts 1-2 years [career-guide]; 12-18 months [bridged]" in text
