"""Shared fixtures: fixed terminal width, a CLI runner, the fixture knowledge bases."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
CAREER = FIXTURES / "career"
BAD = FIXTURES / "bad"
PERSONAL = FIXTURES / "personal"
WIDTH = 100


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch, tmp_path, tmp_path_factory):
    """Every test sees the same terminal: fixed width, no colour, no user knowledge base.

    The knowledge-base cache goes to a fresh temporary directory, and each test has
    its own empty pmpath home, so no test reads or writes the real user cache or
    profile, and no test sees another's.
    """
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("PMPATH_HOME", str(tmp_path / "pmpath-home"))
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("PMPATH_KB", raising=False)
    monkeypatch.delenv("PMPATH_DEBUG", raising=False)


@pytest.fixture(scope="session")
def builtin_kb():
    from pmpath.kb.loader import load

    return load()


@pytest.fixture(scope="session")
def career_kb():
    from pmpath.kb.loader import load

    return load(CAREER)


@pytest.fixture(scope="session")
def mini_kb():
    from pmpath.kb.loader import load

    return load(MINI)


class Run:
    """Runs the real Typer app and keeps stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict | None = None):
        from pmpath.cli.commands import app

        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def run():
    return Run()
