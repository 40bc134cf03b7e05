"""show ROLE and next ROLE: short by default at 100 columns, everything with --full.

A short card leads with what the role is (summary, focus, years) and where the articles disagree, then the
most-cited responsibilities and skills; a short `next` shows each step's notes and placement disputes. Both keep
every inferred and disputed mark on what they show and end by naming the --full command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

WIDE = {"COLUMNS": "100", "NO_COLOR": "1"}

LEVELS = ["apm", "pm", "senior-pm", "staff-pm", "principal-pm", "group-pm", "director", "vp-product", "cpo"]
SPECIALIZATIONS = ["core-pm", "technical-pm", "growth-pm", "data-pm", "ai-pm", "product-ops"]


def lines(run, *args: str) -> list[str]:
    result = run(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def text(run, *args: str) -> str:
    return "\n".join(lines(run, *args))


# ---------------------------------------------------------------- show ROLE


@pytest.mark.parametrize("role", LEVELS + SPECIALIZATIONS)
def test_a_card_fits_about_fortyfive_lines_and_names_the_full_view(run, role):
    out = lines(run, "show", role)
    assert len(out) <= 58, len(out)  # ~45; the three cards with the most disagreements run to 55-57
    assert out[-1].startswith("Shortened: ") and out[-1].endswith(f"pmpath show {role} --full")
    assert len(lines(run, "show", role, "--full")) > len(out) + 25


def test_half_the_cards_fit_fortyfive_lines(run):
    counts = [len(lines(run, "show", role)) for role in LEVELS + SPECIALIZATIONS]
    assert sorted(counts)[len(counts) // 2] <= 45, counts


def test_a_card_leads_with_what_the_role_is_then_the_disagreements(run):
    out = text(run, "show", "principal-pm")
    order = [out.index(s) for s in ("Principal Product Manager\nprincipal-pm · level, band 5 (disputed)",
                                    "The top individual-contributor level", "Focus ", "Experience 8-10 years",
                                    "Where the articles disagree", "Responsibilities", "Skills")]
    assert order == sorted(order)
    assert "Where Principal PM sits: career-guide and bridged put it at the same level" in out


def test_a_card_names_each_sections_sources_once_and_keeps_its_marks(run):
    out = lines(run, "show", "group-pm")
    head = next(line for line in out if line.startswith("Responsibilities"))
    assert head == "Responsibilities · 5 of 14 [essay, titles, career-guide, bridged]"
    start = out.index(head)
    assert not any("[" in line for line in out[start + 1:start + 10] if line.startswith("•"))
    assert "Experience 8-10 years [bridged, career-guide] (inferred)" in out
    assert "At level   3+ years [career-guide] (inferred)" in out


def test_a_card_shows_the_most_cited_items_first(run):
    out = lines(run, "show", "group-pm")
    first = out[out.index(next(line for line in out if line.startswith("Responsibilities"))) + 1]
    assert first.startswith("• Manages 3-8 PMs")  # cited by all four articles


def test_an_inferred_band_is_marked_on_the_card(run):
    assert "staff-pm · level, band 4 (inferred) · Individual contributor" in lines(run, "show", "staff-pm")
    assert "senior-pm · level, band 3 · Individual contributor, People manager" in lines(run, "show", "senior-pm")


def test_a_card_reached_by_a_disputed_alias_says_so(run):
    out = " ".join(lines(run, "show", "Lead PM"))
    assert out.startswith("Group Product Manager group-pm")
    assert '"Lead PM" opens this card, but the articles disagree on that name:' in out
    assert "the essay pairs Lead with Principal and Staff as an individual contributor" in out
    assert "Lead PM (disputed)" in out and "Product Lead (disputed)" in out
    assert out.count("the essay pairs Lead with Principal and Staff") == 1  # not again under the disagreements


def test_a_card_reached_by_its_id_names_its_disputed_aliases_without_the_warning(run):
    out = " ".join(lines(run, "show", "group-pm"))
    assert "opens this card" not in out
    assert "Lead PM (disputed)" in out and "gpm (disputed)" not in out


def test_an_alias_with_a_caveat_says_so(run):
    out = " ".join(lines(run, "show", "Head of Product"))
    assert '"Head of Product" opens this card, with a caveat:' in out
    assert "Head of Product (caveat)" in out


def test_the_full_card_shows_what_the_short_one_leaves_out(run):
    short, full = text(run, "show", "group-pm"), text(run, "show", "group-pm", "--full")
    for left_out in ("A typical day", "How people get the role", "Compared with Director of Product Management",
                     "Other notes", "Fosters team culture and a pipeline of innovation."):
        assert left_out not in short and left_out in full, left_out
    assert full.index("Where the articles disagree") < full.index("Responsibilities")  # near the top there too


def test_the_full_card_shows_the_articles_total_to_reach_a_level(run):
    full = text(run, "show", "senior-pm", "--full")
    assert "From the start of a PM career to this level" in full
    assert "Reached    about 4-6 years from the start of a PM career [career-guide]" in lines(run, "show", "senior-pm")


def test_a_cards_data_document_is_the_same_with_or_without_full(run):
    short = run("show", "group-pm", "--format", "json", env=WIDE).stdout
    assert short == run("show", "group-pm", "--full", "--format", "json", env=WIDE).stdout
    assert len(json.loads(short)["role"]["notes"]) == 5


def test_a_short_card_in_markdown_keeps_its_marks(run):
    out = run("show", "Lead PM", "--format", "markdown", env=WIDE).stdout
    assert "*Also called:* gpm, Product Lead *(disputed)*" in out
    assert "8-10 years \\[bridged, career-guide\\] *(inferred)*" in out


def test_an_unknown_role_is_still_refused_with_full(run):
    result = run("show", "grwth-pm", "--full", env=WIDE)
    assert result.exit_code != 0 and "growth-pm" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- next ROLE


@pytest.mark.parametrize("role", ["apm", "pm", "senior-pm", "staff-pm", "principal-pm", "group-pm", "director"])
@pytest.mark.parametrize("track", ["ic", "manager"])
def test_next_on_one_track_fits_about_forty_lines(run, role, track):
    out = lines(run, "next", role, "--track", track)
    assert len(out) <= 44, len(out)
    assert out[-1].endswith(f"pmpath next {role} --track {track} --full")


def test_next_on_both_tracks_fits_sixty_lines(run):
    out = lines(run, "next", "senior-pm")
    assert len(out) <= 60, len(out)
    assert out[-1].startswith("Shortened: ") and out[-1].endswith("pmpath next senior-pm --full")
    assert len(lines(run, "next", "senior-pm", "--full")) > 2 * len(out)


def test_next_leads_with_the_step_and_what_it_takes(run):
    out = lines(run, "next", "senior-pm", "--track", "ic")
    assert out[2] == "→ Staff Product Manager (staff-pm) · Individual contributor track"
    assert "  What it takes · 3 of 4 [career-guide, essay]" in out[:12]


def test_next_shows_a_steps_notes(run):
    out = " ".join(line.strip() for line in lines(run, "next", "principal-pm"))
    assert "inferred: No article spells out what a Principal PM needs to switch to Director" in out
    assert "disagreement: Bridged describes no step beyond this point" in out
    assert "This step leaves the Individual contributor track" not in out  # the step's caveat says it


def test_next_says_where_a_step_places_a_role_is_disputed(run):
    out = " ".join(line.strip() for line in lines(run, "next", "staff-pm"))
    assert ("placement disputed: band 5 for Principal Product Manager is this knowledge base's placement; "
            "the articles disagree on where it sits (pmpath show principal-pm)") in out
    assert out.count("placement disputed") == 1  # two notes on Principal's band, one line
    manager = " ".join(line.strip() for line in lines(run, "next", "senior-pm", "--track", "manager"))
    assert "disagreement: Career-guide and bridged make Group PM the manager-track step right after Senior PM" in manager
    assert "placement disputed" not in manager  # the step's own note already records it


def test_next_keeps_inferred_marks_on_what_it_shows(run):
    out = text(run, "next", "principal-pm")
    assert "Typical time before the step: 3+ years [career-guide] (inferred)" in out


def test_next_shows_how_levels_differ(run):
    for role in ("pm", "principal-pm"):
        assert "Levels differ mainly in how much autonomy a PM has" in text(run, "next", role, "--track", "ic")


def test_the_full_next_shows_what_the_short_one_leaves_out(run):
    short, full = text(run, "next", "senior-pm", "--track", "ic"), text(run, "next", "senior-pm", "--track", "ic", "--full")
    for left_out in ("How the Individual contributor track promotes", "Responsibilities Staff Product Manager adds",
                     "Lots of PMs stay at Senior PM for some time", "A long stay at Senior PM before this step is normal.",
                     "Notes on this step"):
        assert left_out not in short and left_out in full, left_out


def test_next_from_the_top_shows_where_people_go(run):
    out = lines(run, "next", "cpo")
    assert "Where people go from here [career-guide]" in out
    assert out[-1] == "Every source, item by item: pmpath next cpo --full"


def test_next_off_its_track_does_not_call_a_level_the_top_of_it(run):
    out = lines(run, "next", "staff-pm", "--track", "manager")
    assert "Staff Product Manager is not on the People manager track; it is on the Individual contributor track." in out
    assert not any("top of the People manager track" in line for line in out)


def test_next_by_a_disputed_alias_says_so(run):
    out = " ".join(lines(run, "next", "Lead PM"))
    assert '"Lead PM" opens the steps from Group Product Manager, but the articles disagree on that name' in out


def test_next_data_document_carries_each_steps_notes(run):
    data = json.loads(run("next", "principal-pm", "--format", "json", env=WIDE).stdout)
    kinds = [note["kind"] for note in data["steps"][0]["notes"]]
    assert kinds == ["caveat", "inferred", "disagreement"]
    assert data == json.loads(run("next", "principal-pm", "--full", "--format", "json", env=WIDE).stdout)


# ---------------------------------------------------------------- alias notes in a knowledge base of one's own


def _kb_with_alias_notes(tmp_path, notes: str) -> str:
    base = (Path(__file__).parent / "fixtures" / "valid-minimal.yaml").read_text()
    base = base.replace(
        "  - id: two\n    title: Level Two\n",
        "  - id: two\n    title: Level Two\n    aliases: [Boss Maker, Chief Maker]\n" + notes,
    )
    path = tmp_path / "kb.yaml"
    path.write_text(base)
    return str(path)


def test_an_alias_a_disagreement_names_is_marked_and_warned_about(run, tmp_path):
    kb = _kb_with_alias_notes(
        tmp_path,
        "    notes:\n      - kind: disagreement\n        text: 'Boss Maker: one article calls it another level.'\n"
        "        fields: [aliases]\n        sources: [src]\n",
    )
    out = " ".join(lines(run, "--kb", kb, "show", "boss maker"))
    assert "Also called: Boss Maker (disputed), Chief Maker" in out
    assert '"Boss Maker" opens this card, but the articles disagree on that name: Boss Maker: one article' in out
    assert "opens this card" not in " ".join(lines(run, "--kb", kb, "show", "Chief Maker"))


def test_a_note_about_aliases_that_names_none_marks_none(run, tmp_path):
    kb = _kb_with_alias_notes(
        tmp_path,
        "    notes:\n      - kind: disagreement\n        text: Some articles use other names.\n"
        "        fields: [aliases]\n        sources: [src]\n",
    )
    out = " ".join(lines(run, "--kb", kb, "show", "Boss Maker"))
    assert "Also called: Boss Maker, Chief Maker" in out and "opens this card" not in out
    assert "Where the articles disagree • Some articles use other names. [src]" in out
