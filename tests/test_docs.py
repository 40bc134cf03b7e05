"""The README keeps its promises: every command documented, the set-up commands present."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    import typer.main

    from pmpath.cli.commands import app

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme():
    for name in commands():
        assert re.search(rf"pmpath {re.escape(name)}\b", README), name


def test_every_command_has_help_text():
    import typer.main

    from pmpath.cli.commands import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and "Example: pmpath" in command.help, name


def test_readme_has_the_two_setup_commands():
    assert "pip install . && pmpath levels" in README
    assert "pip install '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]'" in ci and "pytest" in ci


def test_exit_codes_are_documented():
    from pmpath.cli.status import ExitStatus

    for status in ExitStatus:
        assert re.search(rf"^\|\s*`?{int(status)}`?\s*\|", README, re.M), status


def _readme_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_and_docs_examples_and_field_tables_are_current():
    tool = _readme_tool()
    assert tool.EXAMPLE.search(README) and tool.SCHEMA.search(FORMAT)
    for page in tool.DOCUMENTS:
        text = page.read_text(encoding="utf-8")
        assert tool.update(text) == text, f"{page.name} is stale: run python scripts/update_readme.py"


def test_readme_example_blocks_hold_real_output():
    tool = _readme_tool()
    for match in [*tool.EXAMPLE.finditer(README), *tool.EXAMPLE.finditer(GUIDE)]:
        body = match["body"]
        assert body.startswith("```console\n$ pmpath "), match["spec"]
        assert len(body.splitlines()) > 3, match["spec"]


def test_readme_is_a_front_page():
    """What pmpath is, the two commands, the brief's three examples, a command table, links: not the reference."""
    assert len(README.splitlines()) <= 400
    for example in ("<!-- example: levels ", "<!-- example: show growth-pm ", "<!-- example: next senior-pm --track ic "):
        assert example in README
    for page in ("docs/commands.md", "docs/guide.md", "docs/architecture.md", "docs/knowledge-base.md"):
        assert f"]({page})" in README and (ROOT / page).exists(), page


def test_readme_library_example_runs(tmp_path):
    """The README's Python example is real: it runs against the installed package and prints a step."""
    import subprocess
    import sys

    match = re.search(r"<!-- python-example -->\n```python\n(.*?)```", README, re.S)
    assert match, "the README shows pmpath used as a library"
    done = subprocess.run([sys.executable, "-c", match[1]], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PMPATH_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Staff Product Manager - ")


def test_every_schema_field_is_in_the_readme():
    from pmpath.kb import schema

    for model in (schema.Level, schema.Specialization, schema.Track, schema.Promotion, schema.Source):
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in FORMAT, (model.__name__, name)


def test_generated_files_are_current():
    tool = _readme_tool()
    for path in tool.GENERATED:
        assert (ROOT / path).read_text(encoding="utf-8") == tool.generated_file(path), (
            f"{path} is stale: run python scripts/update_readme.py"
        )
    assert "](ladder.svg)" in GUIDE


def test_readme_lists_every_key_of_every_document(tmp_path):
    """The README's table of document shapes names every top-level key each command writes."""
    import json

    import yaml
    from typer.testing import CliRunner

    from pmpath.cli.commands import app
    from pmpath.kb.loader import load

    answers = tmp_path / "quiz.yaml"
    answers.write_text(yaml.safe_dump({q.id: q.options[0].id for q in load().quiz}))

    rows = {
        m[1]: (m[2], m[3])
        for m in re.finditer(r"^\| `pmpath ([a-z-]+(?: [A-Z]+| [a-z]+| --[a-z]+)*)` \| `([a-z-]+)` \| (.+) \|$", GUIDE, re.M)
    }
    cases = {"levels": ["levels"], "show": ["show"], "show ROLE": ["show", "apm"], "next ROLE": ["next", "apm"],
             "export": ["export"], "path FROM TO": ["path", "apm", "director"], "compare A B": ["compare", "apm", "pm"],
             "tracks": ["tracks"], "alternatives": ["alternatives"], "specializations": ["specializations"],
             "search TEXT": ["search", "sql"], "break-in": ["break-in"], "resources": ["resources"],
             # your own commands, in an order that gives each one something to show (a profile, an assessment)
             "profile show": ["profile", "show"], "assess --list": ["assess", "--list"],
             "assess": ["assess", "--scores", ",".join(["2"] * 29)], "gap": ["gap"],
             "quiz --list": ["quiz", "--list"],
             "quiz": ["quiz", "--answers", str(answers)], "plan": ["plan"]}
    assert CliRunner().invoke(app, ["profile", "set", "--role", "pm", "--since", "2024-03"], env={"PMPATH_KB": ""}).exit_code == 0
    for row, args in cases.items():
        assert row in rows, row
        result = CliRunner().invoke(app, [*args, "--format", "json"], env={"PMPATH_KB": ""})
        document = json.loads(result.stdout)
        kind, keys = rows[row]
        assert document["kind"] == kind, row
        for key in list(document)[3:]:
            assert f"`{key}`" in keys, (row, key)
