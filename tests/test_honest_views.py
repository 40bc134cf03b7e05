"""Honest in every view (issue 15, item 3): inferred figures marked wherever a view shows them,
with one legend; headlines cut where they still read whole; the quiz worded as a match to the
knowledge base's own weights; notes searchable; no "a adjacent"."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from pmpath.kb.schema import YearRange
from pmpath.views import pieces as P
from pmpath.views.picture import LadderPicture
from tests.conftest import CAREER, MINI

LEGEND = "(inferred) = this knowledge base's own estimate; no article states it."


def picture(kb, width: int = 100) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False, highlight=False)
    console.print(LadderPicture(kb))
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def node_years(lines: list[str], level_id: str) -> str:
    """The years line of a level's node: on the line under its id, the piece of text nearest the id."""
    row = next(i for i, line in enumerate(lines) if level_id in line.split())
    centre = lines[row].index(level_id) + len(level_id) / 2
    pieces = [(m.start() + len(m.group()) / 2, m.group()) for m in re.finditer(r"\S+(?: \S+)*", lines[row + 1])]
    return min(pieces, key=lambda piece: abs(piece[0] - centre))[1]


def with_experience(kb, level_id: str, *ranges: YearRange):
    levels = [level.model_copy(update={"experience_years": list(ranges)}) if level.id == level_id else level
              for level in kb.levels]
    return kb.model_copy(update={"levels": levels})


# ---------------------------------------------------------------- the ladder picture


def test_tree_marks_inferred_years_and_only_those(builtin_kb):
    lines = picture(builtin_kb)
    for level in builtin_kb.levels:
        inferred = all(span.inferred for span in level.experience_years)
        stated = not any(span.inferred for span in level.experience_years)
        years = node_years(lines, level.id)
        assert "yrs exp." in years, level.id
        if inferred:
            assert "(inferred)" in years, level.id
        if stated:
            assert "(inferred)" not in years, level.id
    assert "6-8 yrs exp. (inferred)" in "\n".join(lines)  # staff-pm: the example
    assert "15+ yrs exp. (inferred)" in "\n".join(lines)  # cpo
    assert sum(line.strip() == LEGEND for line in lines) == 1
    assert lines[-1].startswith("Numbers are bands")  # the legend sits under the drawing, with the other notes


def test_tree_legend_only_when_a_mark_is_drawn():
    from pmpath.kb.loader import load

    assert "yrs exp." in "\n".join(picture(load(MINI)))
    for kb in (load(MINI), load(CAREER)):  # career has an inferred time at a level, which the picture does not draw
        assert "(inferred)" not in "\n".join(picture(kb))


def test_tree_marks_a_bound_no_stated_figure_gives(builtin_kb):
    stated = YearRange(min=4, max=6, sources=["bridged"])
    inside = YearRange(min=5, max=6, sources=["essay"], inferred=True)
    wider = YearRange(min=4, max=9, sources=["essay"], inferred=True)
    lower = YearRange(min=3, max=5, sources=["essay"], inferred=True)
    # an inferred figure inside a stated one changes nothing drawn: no mark
    assert "4-6 yrs exp." in node_years(picture(with_experience(builtin_kb, "senior-pm", stated, inside)), "senior-pm")
    assert "(inferred)" not in node_years(picture(with_experience(builtin_kb, "senior-pm", stated, inside)), "senior-pm")
    # a drawn bound that only an inferred figure gives (the top, then the bottom): marked
    assert "4-9 yrs exp. (inferred)" in "\n".join(picture(with_experience(builtin_kb, "senior-pm", stated, wider)))
    assert "3-6 yrs exp. (inferred)" in "\n".join(picture(with_experience(builtin_kb, "senior-pm", stated, lower)))


def test_tree_marks_stay_inside_the_width(builtin_kb):
    for width in (40, 60, 80):
        lines = picture(builtin_kb, width)
        assert max(len(line) for line in lines) <= width
        assert "(inferred)" in "\n".join(lines)


def test_tree_picture_in_markdown_keeps_the_marks(run):
    result = run("levels", "--tree", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "6-8 yrs exp. (inferred)" in result.stdout and LEGEND in result.stdout


# ---------------------------------------------------------------- the ladder table and list


@pytest.mark.parametrize("columns", ["100", "160"])
def test_ladder_marks_every_inferred_figure_with_one_legend(run, builtin_kb, columns):
    result = run("levels", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    inferred = sum(span.inferred for level in builtin_kb.levels for span in [*level.experience_years, *level.time_at_level])
    assert out.count("(inferred)") == inferred + 1  # every figure, and the legend
    assert out.count(LEGEND) == 1


def test_ladder_without_inferred_figures_has_no_legend(run):
    result = run("--kb", str(MINI), "levels")
    assert result.exit_code == 0, result.stderr
    assert "(inferred)" not in result.stdout
    career = run("--kb", str(CAREER), "levels")  # an inferred time at a level: marked, and the legend
    assert "(inferred)" in career.stdout and LEGEND in career.stdout


# ---------------------------------------------------------------- specializations


@pytest.mark.parametrize("columns", ["80", "100", "160"])
def test_specializations_mark_inferred_metrics_with_one_legend(run, builtin_kb, columns):
    result = run("specializations", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    shown = [m for spec in builtin_kb.specializations for m in spec.metrics[:3]]
    marked = sum(m.inferred for m in shown)
    assert marked and result.stdout.count("(inferred)") == marked + 1  # every inferred metric shown, and the legend
    assert result.stdout.count(LEGEND) == 1


def test_specializations_mark_exactly_the_inferred_metrics(run, builtin_kb):
    table = run("specializations", "--format", "markdown").stdout
    for spec in builtin_kb.specializations:
        row = next(line for line in table.splitlines() if f"`{spec.id}`" in line)
        for metric in spec.metrics[:3]:
            head = P.headline(metric.text)
            assert head in row, head
            assert (f"{head} *(inferred)*" in row) == metric.inferred, head


def test_specializations_filtered_marks_what_matched(run):
    backlog = run("specializations", "--metric", "backlog", "--format", "markdown")
    assert backlog.exit_code == 0, backlog.stderr
    assert "ranked by value and ready for the team *(inferred)*" in backlog.stdout
    assert backlog.stdout.count("*(inferred)*") == 2  # the metric, and the legend
    narrow = run("specializations", "--metric", "backlog", env={"COLUMNS": "70"})
    assert "(inferred)" in narrow.stdout and LEGEND in narrow.stdout
    retention = run("specializations", "--metric", "retention")  # nothing inferred matched: no legend
    assert retention.exit_code == 0 and "(inferred)" not in retention.stdout


def test_specializations_markdown_keeps_marks(run):
    result = run("specializations", "--format", "markdown")
    assert "Backlog health *(inferred)*" in result.stdout
    assert "*(inferred)* = this knowledge base's own estimate; no article states it." in result.stdout


def test_specializations_do_not_cut_a_metric_mid_sentence(run):
    table = run("specializations", "--format", "markdown").stdout
    assert "whether the top items are clear" not in table
    assert "Backlog health *(inferred)*;" in table


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Retention.", "Retention"),
        ("LTV (customer lifetime value).", "LTV"),
        ("Backlog health: whether the top items are clear, ranked by value and ready for the team.", "Backlog health"),
        ("Funnel metrics shared with growth PMs, such as sign-ups and conversion.", "Funnel metrics shared with growth PMs"),
        ("Launch results against the go-to-market plan, e.g. uptake in the target audiences.",
         "Launch results against the go-to-market plan"),
        ("Delivery against sprint goals, where the team works in sprints.", "Delivery against sprint goals"),
        # short: whole, even with a comma
        ("System performance, chiefly latency and throughput.", "System performance, chiefly latency and throughput"),
        # long, and no boundary where the head reads whole: left whole
        ("In titles' view of the role, the product KPIs the data PM defines and follows to judge the product's success.",
         "In titles' view of the role, the product KPIs the data PM defines and follows to judge the product's success"),
        ("A list of many things, more things, yet more things and still more things to come.",
         "A list of many things, more things, yet more things and still more things to come"),
    ],
)
def test_headline_cuts_only_where_the_head_reads_whole(text, head):
    assert P.headline(text) == head


def test_one_legend_wording():
    from pmpath.views.elements import plain_text

    assert plain_text(P.inferred_legend()) == LEGEND


# ---------------------------------------------------------------- alternatives: "an adjacent role", not "a adjacent"


def test_alternatives_name_a_kind_with_its_article(run):
    result = run("alternatives", "principal-pm")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Product Marketing Manager (product-marketing-manager): an adjacent role whose entry names" in flat
    assert "a adjacent" not in flat


def test_no_lateral_move_is_worded_with_a_before_a_vowel(builtin_kb):
    from pmpath.questions.navigate import alternatives

    whys = [lateral.why for role in [*builtin_kb.levels, *builtin_kb.specializations]
            for lateral in alternatives(builtin_kb, role).lateral]
    assert any("an adjacent role" in why for why in whys) and any("a related adjacent role" in why for why in whys)
    assert not [why for why in whys if re.search(r"\ba [aeiou]", why)]


@pytest.mark.parametrize(
    ("kind", "article", "phrase"),
    [
        ("specialization", "a", "a specialization"),
        ("adjacent", "a", "an adjacent role"),
        ("variant", "a", "a variant of the role"),
        ("adjacent", "a related", "a related adjacent role"),
        ("other", "a", "an other"),
    ],
)
def test_kind_noun(kind, article, phrase):
    from pmpath.questions.navigate import kind_noun

    assert kind_noun(kind, article) == phrase


# ---------------------------------------------------------------- the quiz: a match to the knowledge base's weights


def test_quiz_result_is_a_match_to_the_knowledge_bases_weights(run, builtin_kb, tmp_path):
    import yaml

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({q.id: q.options[1].id for q in builtin_kb.quiz}))
    for fmt in ("table", "markdown"):
        out = run("quiz", "--answers", str(answers), "--format", fmt).stdout
        flat = " ".join(out.split())
        assert "% fit" not in flat and "fit your answers" not in flat
        assert "% match (" in flat
        assert "by weights this knowledge base chose itself from the articles" in flat
        assert "not you with a role" in flat
        # the explanation comes before the first result, once
        assert flat.count("Match: the share") == 1 and flat.index("Match: the share") < flat.index("% match (")


def test_quiz_with_no_match_has_no_match_explanation(builtin_kb):
    from pmpath.questions.quiz import QuizResult, Fit
    from pmpath.views.elements import plain_text, Para
    from pmpath.views.personal import quiz_result

    spec = builtin_kb.specializations[0]
    nothing = QuizResult(answers=(), ranking=(Fit(spec, 0, 5, ()),))
    texts = [plain_text(block.text) for block in quiz_result(nothing).blocks if isinstance(block, Para)]
    assert "None of your answers pointed to a specialization." in texts
    assert not any(text.startswith("Match:") for text in texts)


# ---------------------------------------------------------------- search finds the notes


def _ids(answer) -> list[str]:
    return [result.entry.id for result in answer.results]


def test_search_finds_where_the_articles_disagree(run):
    result = run("search", "where do articles disagree")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "No entry has every word" not in out  # every word matched, not most of them
    flat = " ".join(out.split())
    # the note, under its kind, with the entry it belongs to
    assert "Principal Product Manager (principal-pm) · level disagreement Where Principal PM sits:" in flat
    assert "pmpath show principal-pm" in flat


def test_every_disagreement_is_found_with_its_entry(builtin_kb):
    from pmpath.questions.search import search

    answer = search(builtin_kb, "disagreement", limit=None)
    found = {(result.kind, result.entry.id): [hit.text for hit in result.hits] for result in answer.results}
    expected = 0
    for section in ("levels", "specializations", "tracks", "backgrounds", "entry_routes", "resources"):
        for entry in getattr(builtin_kb, section):
            for note in entry.notes:
                if note.kind == "disagreement":
                    expected += 1
                    assert any(note.text in texts for (_, eid), texts in found.items() if eid == entry.id), entry.id
    for promotion in builtin_kb.promotions:  # a step's notes are found under the step
        for note in promotion.notes:
            if note.kind == "disagreement":
                expected += 1
                assert note.text in found[("step", f"{promotion.from_} → {promotion.to}")]
    assert expected >= 20
    for word in ("disagree", "disputed", "where do the sources disagree"):
        assert search(builtin_kb, word, limit=None).total == answer.total, word


def test_search_finds_caveats_and_inferred_notes(builtin_kb):
    from pmpath.questions.search import search

    caveats = search(builtin_kb, "caveat", limit=None)
    assert any(hit.label == "caveat" for result in caveats.results for hit in result.hits)
    steps = search(builtin_kb, "no article describes this step", limit=None)
    assert steps.results[0].kind == "step" and steps.results[0].hits[0].label == "inferred note"
    assert steps.results[0].hits[0].text.startswith("No article describes this step")


def test_a_step_found_by_its_notes_opens_with_path(run):
    result = run("search", "Bridged describes no step beyond this point")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Group Product Manager → Director of Product Management (group-pm → director) · step up" in flat
    assert "pmpath path group-pm director" in flat
    document = __import__("json").loads(run("search", "Bridged describes no step beyond", "--format", "json").stdout)
    step = next(r for r in document["results"] if r["kind"] == "step")
    assert step["entry"] == {"id": "group-pm → director", "title": "Group Product Manager → Director of Product Management",
                             "start": "group-pm", "target": "director"}
    assert step["hits"][0]["label"] == "disagreement"


def test_the_kind_words_are_searched_but_never_shown(builtin_kb):
    from pmpath.questions.search import search

    for result in search(builtin_kb, "disagreement", limit=None).results:
        for hit in result.hits:
            assert not hit.text.startswith("disagreement:"), hit.text


def test_notes_survive_the_search_cache(run):
    first = run("search", "where do articles disagree")  # builds the cached index
    again = run("search", "where do articles disagree")  # reads it back
    assert first.exit_code == again.exit_code == 0
    assert again.stdout == first.stdout and "step up" in run("search", "disputed", "--limit", "30").stdout


def test_question_words_do_not_need_to_match(builtin_kb):
    from pmpath.questions.search import search

    answer = search(builtin_kb, "what does a director do")
    assert not answer.partial and "director" in _ids(answer)


def test_a_full_card_says_who_wrote_each_source_and_when(run):
    """Bridged's reviewer and date were stored and never shown: a reader weighs a source by them."""
    out = run("show", "apm", "--full", env={"COLUMNS": "200"}).stdout
    line = next(line for line in out.splitlines() if line.startswith("• bridged = "))
    assert "Elizabeth Hogue (writer and reviewer)" in line and "Bridged" in line and "2024-11-13" in line
    short = run("show", "apm", env={"COLUMNS": "200"}).stdout
    assert "2024-11-13" not in short  # the short card names its sources only
