"""--format on your own commands: profile show, assess, gap, quiz and plan as documents for programs."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from pmpath import store

from tests.conftest import MINI, PERSONAL

ANSWERS = PERSONAL / "answers"
PINNED = {"PMPATH_TODAY": "2025-06-15"}
PM_TO_SENIOR = 29  # items when a pm assesses against senior-pm in the built-in knowledge base
# C0 and C1 controls (but tab and newline), DEL, zero-width and bidirectional formatting characters, BOM.
class RAW_UNSAFE:
    """Finds a raw hidden character: control, format, private use, unassigned, surrogate, line/paragraph separator."""

    @staticmethod
    def search(text):
        import unicodedata

        return any(c not in "\t\n" and unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") for c in text)
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scores(*values: int, count: int = PM_TO_SENIOR) -> str:
    return ",".join(str(v) for v in [*values, *[1] * (count - len(values))])


@pytest.fixture
def me(run):
    """A pm on the IC track since March 2024 with two assessments against senior-pm."""
    assert run("profile", "set", "--role", "pm", "--track", "ic", "--since", "2024-03", "--specialization", "growth-pm",
               env=PINNED).exit_code == 0
    assert run("assess", "--scores", scores(0, 0, 1), env={"PMPATH_TODAY": "2025-01-10"}).exit_code == 0
    assert run("assess", "--scores", scores(3, 0, 2), env=PINNED).exit_code == 0
    return store.profile_path()


@pytest.fixture
def quiz_answers(tmp_path, builtin_kb):
    path = tmp_path / "quiz.yaml"
    path.write_text(yaml.safe_dump({q.id: q.options[1].id for q in builtin_kb.quiz}))
    return path


COMMANDS = {
    "profile": ("profile", "show"),
    "questionnaire": ("assess", "--list"),
    "gap": ("gap",),
    "quiz-questions": ("quiz", "--list"),
    "plan": ("plan",),
}


def _json(run, *args: str):
    result = run(*args, "--format", "json", env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind", sorted(COMMANDS))
@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_every_personal_query_writes_a_document(run, me, kind, fmt):
    result = run(*COMMANDS[kind], "--format", fmt, env=PINNED)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert not RAW_UNSAFE.search(out)
    if fmt == "markdown":
        assert out.startswith("# ") and "\x1b" not in out
        return
    document = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    assert list(document)[:3] == ["format", "kind", "title"]
    assert document["format"] == 1 and document["kind"] == kind and document["title"]


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_json_and_yaml_hold_the_same_document(run, me, kind):
    as_json = _json(run, *COMMANDS[kind])
    as_yaml = yaml.safe_load(run(*COMMANDS[kind], "--format", "yaml", env=PINNED).stdout)
    assert as_yaml == as_json


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_format_table_is_the_default_view(run, me, kind):
    plain = run(*COMMANDS[kind], env=PINNED)
    table = run(*COMMANDS[kind], "--format", "table", env=PINNED)
    assert table.exit_code == plain.exit_code == 0
    assert table.stdout == plain.stdout and not table.stdout.lstrip().startswith(("{", "---", "# "))


def test_profile_document(run, me):
    document = _json(run, "profile", "show")
    assert document["level"]["id"] == "pm" and document["level"]["band"] == 2
    assert document["track"] == {"id": "ic", "title": "Individual contributor", "type": "track"}
    assert document["specialization"]["id"] == "growth-pm"
    assert document["since"] == "2024-03" and document["months_at_level"] == 15
    assert document["time_at_level"] and all("text" in span for span in document["time_at_level"])
    first, latest = document["assessments"]
    assert (first["date"], latest["date"]) == ("2025-01-10", "2025-06-15")
    assert latest["target"] == "senior-pm" and latest["role"] == "pm"
    assert latest["maximum"] == 3 * PM_TO_SENIOR and latest["met"] == 1
    assert latest["total"] == 3 + 0 + 2 + (PM_TO_SENIOR - 3)
    assert [item["score"] for item in latest["items"][:3]] == [3, 0, 2]
    assert document["file"] == str(me)


def test_profile_without_assessments_has_an_empty_list_and_null_settings(run):
    assert run("profile", "set", "--role", "apm").exit_code == 0
    document = _json(run, "profile", "show")
    assert document["assessments"] == []
    assert document["track"] is None and document["since"] is None and document["months_at_level"] is None
    assert document["specialization"] is None


def test_gap_document_orders_and_counts_like_the_table(run, me):
    document = _json(run, "gap")
    assert document["kind"] == "gap" and document["target"]["id"] == "senior-pm"
    assert document["title"] == "Gap to Senior Product Manager"
    assert document["assessment"]["date"] == "2025-06-15"
    assert len(document["met"]) == 1 and document["met"][0]["score"] == 3
    counted = document["to_work_on"] + document["met"]
    assert len(counted) + len(document["after_step"]) == PM_TO_SENIOR
    assert document["after_step"] and {item["kind"] for item in document["after_step"]} == {"responsibility"}
    assert document["to_work_on"][0]["score"] == 0  # the unmet criterion scored 0 comes first
    assert document["total"] == sum(item["score"] for item in counted) and document["maximum"] == 3 * len(counted)
    progress = document["progress"]
    assert progress["previous_date"] == "2025-01-10" and progress["previous_met"] == 0
    assert sorted((item["previous"], item["score"]) for item in progress["up"]) == [(0, 3), (1, 2)]
    assert document["assessments_of_target"] == 2
    table = run("gap", env=PINNED).stdout
    assert document["to_work_on"][0]["text"][:40] in " ".join(table.split())


def test_questionnaire_document_numbers_every_item(run, me):
    document = _json(run, "assess", "--list")
    assert document["current"]["id"] == "pm" and document["target"]["id"] == "senior-pm"
    assert [item["number"] for item in document["items"]] == list(range(1, PM_TO_SENIOR + 1))
    assert set(document["items"][0]["statement"]) == {"text", "sources", "inferred", "facts"}
    assert document["scale"] == {"0": "not yet", "1": "partly", "2": "mostly", "3": "fully"}


def test_assess_with_format_saves_and_writes_only_the_document(run, me):
    result = run("assess", "--scores", scores(3, 3), "--format", "yaml", env={"PMPATH_TODAY": "2025-07-01"})
    assert result.exit_code == 0 and result.stderr == ""
    document = yaml.safe_load(result.stdout)
    assert document["kind"] == "assessment" and document["file"] == str(me)
    assert document["assessment"]["date"] == "2025-07-01" and document["assessment"]["met"] == 2
    assert len(_json(run, "profile", "show")["assessments"]) == 3


def test_quiz_documents(run, quiz_answers, builtin_kb):
    listing = _json(run, "quiz", "--list")
    assert [q["id"] for q in listing["questions"]] == [q.id for q in builtin_kb.quiz]
    assert set(listing["questions"][0]["options"][0]) == {"id", "text", "weights", "reason"}
    result = _json(run, "quiz", "--answers", str(quiz_answers))
    assert result["kind"] == "quiz"
    assert [a["question"]["id"] for a in result["answers"]] == [q.id for q in builtin_kb.quiz]
    assert all(a["answer"]["id"] == q.options[1].id for a, q in zip(result["answers"], builtin_kb.quiz))
    ranking = result["ranking"]
    ids = [r["specialization"]["id"] for r in ranking]  # every specialization some answer can point to
    assert len(set(ids)) == len(ids) and set(ids) <= {s.id for s in builtin_kb.specializations}
    assert [r["points"] for r in ranking] == sorted((r["points"] for r in ranking), reverse=True)
    top = ranking[0]
    table = run("quiz", "--answers", str(quiz_answers)).stdout
    assert f"1. {top['specialization']['title']} ({top['specialization']['id']}) · {top['percent']}% match" in table
    assert top["reasons"] and set(top["reasons"][0]) == {"question", "answer", "weight", "text"}


def test_quiz_ranking_in_a_small_knowledge_base(run, tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI / "ladder.yaml", folder / "ladder.yaml")
    shutil.copy(PERSONAL / "quiz.yaml", folder / "quiz.yaml")
    result = run("--kb", str(folder), "quiz", "--answers", str(ANSWERS / "quiz-craft.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    ranking = json.loads(result.stdout)["ranking"]
    assert [(r["specialization"]["id"], r["points"], r["maximum"], r["percent"]) for r in ranking[:2]] == [
        ("craft-maker", 5, 5, 100), ("growth-maker", 1, 5, 20),
    ]


def test_plan_document_dates_are_iso_days(run, me):
    document = _json(run, "plan")
    assert document["made"] == "2025-06-15"
    assert document["me"]["level"]["id"] == "pm" and document["me"]["since"] == "2024-03"
    assert document["next_target"]["id"] == "senior-pm" and document["cycle_months"] == 3
    cycles = document["cycles"]
    assert [(c["start"], c["checkin"]) for c in cycles[:2]] == [("2025-06-15", "2025-09-15"), ("2025-09-15", "2025-12-15")]
    assert all(DAY.match(c["start"]) and DAY.match(c["checkin"]) for c in cycles)
    assert document["assessment_date"] == "2025-06-15"
    assert document["route"]["goal"]["id"] == "senior-pm" and document["route"]["steps"]
    assert document["written"] == []


def test_plan_with_format_still_writes_the_export_files(run, me, tmp_path):
    markdown, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    result = run("plan", "--markdown", str(markdown), "--ics", str(ics), "--format", "json", env=PINNED)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["written"] == [{"what": "Markdown plan", "path": str(markdown)}, {"what": "calendar", "path": str(ics)}]
    assert markdown.read_text().startswith("# Plan: ") and ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_plan_format_markdown_is_the_markdown_export(run, me, tmp_path):
    to_stdout = run("plan", "--format", "markdown", env=PINNED)
    exported = run("plan", "--markdown", "-", env=PINNED)
    assert to_stdout.exit_code == exported.exit_code == 0
    assert to_stdout.stdout == exported.stdout and to_stdout.stdout.startswith("# Plan: Product Manager")


@pytest.mark.parametrize("option", ["--markdown", "--ics"])
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_plan_refuses_two_documents_on_stdout(run, me, option, fmt):
    result = run("plan", option, "-", "--format", fmt, env=PINNED)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"pmpath: error: --format {fmt} already writes to stdout")


# ---------------------------------------------------------------- errors: stderr only, same exit codes


@pytest.mark.parametrize("command", [("profile", "show"), ("gap",), ("assess", "--list"), ("plan",)])
@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_no_profile_is_still_exit_1_on_stderr(run, command, fmt):
    result = run(*command, "--format", fmt)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: you have no profile yet")


def test_gap_without_an_assessment_is_still_exit_1(run):
    assert run("profile", "set", "--role", "pm").exit_code == 0
    plain, formatted = run("gap"), run("gap", "--format", "json")
    assert formatted.exit_code == plain.exit_code == 1
    assert formatted.stdout == "" and formatted.stderr == plain.stderr


def test_unknown_target_is_still_a_did_you_mean(run, me):
    result = run("gap", "--target", "senor-pm", "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "senior-pm" in result.stderr


def test_bad_format_is_a_usage_error(run, me):
    result = run("profile", "show", "--format", "jsn")
    assert result.exit_code == 2 and result.stdout == ""
    assert "json" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
@pytest.mark.parametrize("terminal", [True, False])
def test_quiz_with_a_format_asks_nothing(run, monkeypatch, fmt, terminal):
    from pmpath.cli import interactive

    monkeypatch.setattr(interactive, "is_interactive", lambda: terminal)
    monkeypatch.setattr(interactive, "ask_quiz", lambda *a: pytest.fail("asked a question"))
    result = run("quiz", "--format", fmt)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"pmpath: error: --format {fmt} writes only the result, so it asks no questions")
    assert "pmpath quiz --list" in result.stderr


@pytest.mark.parametrize("terminal", [True, False])
def test_assess_with_a_format_asks_nothing_and_saves_nothing(run, me, monkeypatch, terminal):
    from pmpath.cli import interactive

    before = me.read_bytes()
    monkeypatch.setattr(interactive, "is_interactive", lambda: terminal)
    monkeypatch.setattr(interactive, "ask_scores", lambda *a: pytest.fail("asked a question"))
    result = run("assess", "--format", "json", env=PINNED)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: --format json writes only the result, so it asks nothing")
    assert me.read_bytes() == before


def test_assess_bad_scores_with_a_format_is_still_exit_2(run, me):
    before = me.read_bytes()
    result = run("assess", "--scores", "1,2", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: ")
    assert me.read_bytes() == before


def test_quiz_bad_answers_with_a_format_is_still_reported_on_stderr(run):
    plain = run("quiz", "--answers", str(ANSWERS / "quiz-unknown-question.yaml"))
    formatted = run("quiz", "--answers", str(ANSWERS / "quiz-unknown-question.yaml"), "--format", "json")
    assert formatted.exit_code == plain.exit_code != 0
    assert formatted.stdout == "" and formatted.stderr == plain.stderr


@pytest.mark.parametrize(
    "command", [("profile", "show"), ("assess",), ("gap",), ("quiz",), ("plan",)],
)
def test_help_shows_the_format_option(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "--format" in result.stdout


# ---------------------------------------------------------------- Markdown that says what the terminal says


def test_quiz_list_markdown_shows_every_answer_id(run, builtin_kb):
    result = run("quiz", "--list", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for question in builtin_kb.quiz:
        assert f"`{question.id}`" in out
        for option in question.options:
            assert f"**{option.id}:** " in out
    example = builtin_kb.quiz[0]
    assert f"`{example.id}: {example.options[0].id}`" in out


def test_quiz_markdown_ranks_first_and_lists_the_answers(run, quiz_answers):
    document = _json(run, "quiz", "--answers", str(quiz_answers))
    out = run("quiz", "--answers", str(quiz_answers), "--format", "markdown").stdout
    top = document["ranking"][0]
    assert out.splitlines()[4] == (
        f"## 1\\. {top['specialization']['title']} (`{top['specialization']['id']}`) · {top['percent']}% match "
        f"({top['points']} of {top['maximum']} points)"
    )
    second = document["ranking"][1]
    assert out.index(f"- {top['reasons'][0]['text']}") < out.index(f"## 2\\. {second['specialization']['title']}")


def test_gap_markdown_lists_what_to_work_on_in_order(run, me):
    document = _json(run, "gap")
    out = run("gap", "--format", "markdown", env=PINNED).stdout
    assert out.startswith("# Gap to Senior Product Manager (`senior-pm`)\n")
    assert "**Since 2025-01-10:**" in out and "## Met" in out
    positions = [out.index(f"; {item['text']}\n") for item in document["to_work_on"]]
    assert positions == sorted(positions)
    first = out.split("## To work on, most important first\n\n")[1].splitlines()[0]
    assert first.startswith("1. **") and f" {document['to_work_on'][0]['score']}/3** · " in first
