"""The README keeps its promises: every command documented, the set-up commands present."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    import typer.main

    from pmpath.cli import app

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme():
    for name in commands():
        assert re.search(rf"pmpath {re.escape(name)}\b", README), name


def test_every_command_has_help_text():
    import typer.main

    from pmpath.cli import app

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
    from pmpath.status import ExitStatus

    for status in ExitStatus:
        assert re.search(rf"^\|\s*`?{int(status)}`?\s*\|", README, re.M), status
