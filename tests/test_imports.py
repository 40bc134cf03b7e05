"""Import discipline: the CLI module loads only what --help needs."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pydantic", "yaml", "rich", "pmpath.loader", "pmpath.schema", "pmpath.render")


def imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_cli_pulls_in_no_heavy_module():
    modules = imported_after("import pmpath.cli")
    assert not {m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}


def test_queries_need_no_terminal_libraries():
    modules = imported_after("import pmpath.queries")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_loading_needs_no_terminal_libraries():
    modules = imported_after("import pmpath.loader; pmpath.loader.load()")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_navigation_queries_need_no_terminal_libraries():
    modules = imported_after("import pmpath.navigate, pmpath.catalogue, pmpath.search")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}
