"""The entry point builds only the command that runs, and nothing changes for the user."""

from __future__ import annotations

import pytest
import typer.main

from pmpath.cli import main as app_module
from pmpath.cli.commands import app

COMMANDS = sorted(app_module._command_name(info) for info in app.registered_commands)
GROUPS = sorted(info.name for info in app.registered_groups)


def call(args: list[str], capsys) -> tuple[int, str, str]:
    """Run the app as the ``pmpath`` script does (``app()``), in this process."""
    with pytest.raises(SystemExit) as exited:
        app(args=args, prog_name="pmpath")
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The names of the commands Typer turns into Click commands during a run."""
    names: list[str] = []
    real = typer.main.get_command_from_info

    def counting(command_info, **kwargs):
        names.append(app_module._command_name(command_info))
        return real(command_info, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    return names


def test_every_command_is_registered():
    assert {"levels", "show", "next", "search", "validate", "export"} <= set(COMMANDS)
    assert "profile" in GROUPS


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_built_alone_has_the_help_it_has_among_all(name, capsys, run, built):
    code, out, err = call([name, "--help"], capsys)
    assert (code, err) == (0, "")
    assert built == [name]
    among_all = run(name, "--help").stdout  # the test runner builds every command
    assert "".join(out.split()) == "".join(among_all.split())  # the same text (the runner wraps at its own width)


@pytest.mark.parametrize(
    "args",
    [
        ["--kb", "levels", "show"],  # a global option's value that happens to be a command's name
        ["--kb=levels", "show"],
        ["--no-cache", "--no-color", "show"],
        ["--no-pager", "show"],
    ],
)
def test_the_command_is_found_after_global_options(args, built):
    assert app_module._named_command(args, app) == "show"


def test_a_command_runs_with_global_options_before_it(capsys, built):
    code, out, _ = call(["--no-cache", "--no-color", "show", "growth-pm"], capsys)
    assert code == 0 and out.startswith("Growth Product Manager")
    assert built == ["show"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="the app's help lists every command"),
        pytest.param(["levl"], id="an unknown command gets a suggestion from all"),
        pytest.param(["--", "levels"], id="after --"),
    ],
)
def test_everything_is_built_when_the_command_line_names_no_command(args, capsys, built):
    call(args, capsys)
    assert sorted(built) == sorted(COMMANDS + [app_module._command_name(c) for g in app.registered_groups
                                               for c in g.typer_instance.registered_commands])


def test_the_app_help_and_suggestions_are_complete(capsys):
    code, out, _ = call(["--help"], capsys)
    assert code == 0 and all(f"  {name} " in out or f"  {name}\n" in out for name in COMMANDS + GROUPS)
    code, _, err = call(["levl"], capsys)
    assert code == 2 and "did you mean levels?" in err


def test_completion_sees_every_command(monkeypatch, capsys, built):
    monkeypatch.setenv("_PMPATH_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "pmpath le")
    monkeypatch.setenv("COMP_CWORD", "1")
    call(["le"], capsys)
    assert set(COMMANDS) <= set(built)


def test_a_group_is_built_alone(capsys, built):
    code, out, _ = call(["profile", "--help"], capsys)
    assert code == 0 and "set" in out
    assert sorted(built) == sorted(app_module._command_name(c) for g in app.registered_groups
                                   for c in g.typer_instance.registered_commands)


def test_the_registered_commands_are_restored_after_a_run(capsys):
    before = list(app.registered_commands), list(app.registered_groups)
    call(["show", "growth-pm"], capsys)
    call(["profile", "--help"], capsys)
    assert (app.registered_commands, app.registered_groups) == before


def test_global_options_last_one_run_only(run):
    """--kb and --no-color live in the run's context: the next run in the same process starts afresh."""
    from pmpath.cli import settings

    from tests.conftest import MINI

    mini = run("--kb", str(MINI), "--no-color", "levels")
    assert mini.exit_code == 0
    builtin = run("levels")
    assert builtin.exit_code == 0 and builtin.stdout != mini.stdout
    assert "Associate Product Manager" in builtin.stdout
    assert settings.current() == settings.Settings()  # nothing left behind once a run is over
