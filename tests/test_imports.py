"""Import discipline: each way in loads only what it needs (Typer's own test does the same).

``pmpath --help`` and ``import pmpath.cli`` must not pay for pydantic, Rich, PyYAML or
the knowledge base; a command answered from the cache must not pay for PyYAML.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = (
    "pydantic", "pydantic_core", "yaml", "rich", "platformdirs",
    "pmpath.kb.loader", "pmpath.kb.schema", "pmpath.views.ladder", "pmpath.kb.cache", "pmpath.questions.queries",
)


def imported_after(code: str, env: dict | None = None) -> set[str]:
    probe = (
        "import sys, json, atexit\n"
        "atexit.register(lambda: sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n'))\n"
        f"{code}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("MODULES ")]
    assert marker, result.stderr
    return set(json.loads(marker[-1][len("MODULES "):]))


def heavy_in(modules: set[str], heavy=HEAVY) -> set[str]:
    return {m for m in modules for name in heavy if m == name or m.startswith(name + ".")}


def run_main(*args: str) -> str:
    return f"sys.argv = ['pmpath', *{list(args)!r}]\nfrom pmpath.__main__ import main\ntry:\n    main()\nexcept SystemExit:\n    pass"


def test_importing_the_cli_pulls_in_no_heavy_module():
    assert heavy_in(imported_after("import pmpath.cli.commands")) == set()


def test_help_pulls_in_no_heavy_module():
    modules = imported_after(run_main("--help"))
    assert "pmpath.cli.commands" in modules
    assert heavy_in(modules) == set()


def test_a_command_help_pulls_in_no_heavy_module():
    modules = imported_after(run_main("show", "--help"))
    assert heavy_in(modules, ("yaml", "rich", "pmpath.kb.loader", "pmpath.kb.schema", "pmpath.kb.cache")) == set()


def test_a_command_answered_from_the_cache_does_not_read_yaml(tmp_path):
    env = {"PMPATH_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    first = imported_after(run_main("show", "growth-pm"), env)
    assert "yaml" in first  # the first run reads the YAML and fills the cache
    second = imported_after(run_main("show", "growth-pm"), env)
    assert "pmpath.kb.cache" in second and "pmpath.views.ladder" in second
    assert heavy_in(second, ("yaml", "pmpath.kb.loader", "pmpath.kb.merge")) == set()


def test_validate_of_an_unchanged_knowledge_base_reads_no_yaml(tmp_path):
    env = {"PMPATH_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    assert "yaml" in imported_after(run_main("validate"), env)
    again = imported_after(run_main("validate"), env)
    assert heavy_in(again, ("yaml", "pmpath.kb.loader", "pmpath.kb.merge")) == set()


def test_a_cached_answer_does_not_build_the_file_format_models(tmp_path):
    """KnowledgeBaseFile and the override models are only for reading YAML: built on first use."""
    env = {"PMPATH_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    probe = "import sys\n" + run_main("levels") + "\nimport pmpath.kb.extend as s\nprint('BUILT', s._file_models.cache_info().currsize == 1)"
    for expected in ("True", "False"):  # the first run reads YAML, the second is answered from the cache
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **env})
        assert f"BUILT {expected}" in result.stdout, result.stderr


def test_queries_need_no_terminal_libraries():
    modules = imported_after("import pmpath.questions.queries")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_loading_needs_no_terminal_libraries():
    modules = imported_after("import pmpath.kb.loader; pmpath.kb.loader.load()")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_importing_the_loader_does_not_import_yaml():
    assert "yaml" not in imported_after("import pmpath.kb.loader")


def test_navigation_queries_need_no_terminal_libraries():
    modules = imported_after("import pmpath.questions.navigate, pmpath.questions.catalogue, pmpath.questions.search")
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_documents_and_writers_need_no_terminal_libraries():
    modules = imported_after(
        "import pmpath.views.data, pmpath.views.ladder, pmpath.writers.markdown, pmpath.writers.html, pmpath.writers.data, "
        "pmpath.cli.environment"
    )
    assert not {m for m in modules if m.split(".")[0] in ("rich", "typer", "click")}


def test_the_environment_module_is_standard_library_only():
    modules = imported_after("import pmpath.cli.environment")
    assert not {m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}
    assert "typer" not in modules


# ---------------------------------------------------------------- the house: arrows point one way

import ast  # noqa: E402
from pathlib import Path  # noqa: E402

PACKAGE = Path(__file__).resolve().parent.parent / "pmpath"


def pmpath_imports(folder: str) -> dict[str, set[str]]:
    """Every pmpath module (and third-party top-level package) each module of ``folder`` imports, lazily or not."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        module = ".".join(("pmpath", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names.add(target)
                names.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[module] = names
    return found


def reaching(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    out = {}
    for module, names in pmpath_imports(folder).items():
        bad = sorted(n for n in names for f in forbidden if n == f or n.startswith(f + "."))
        if bad:
            out[module] = bad
    return out


def test_the_questions_speak_data_not_command_line_or_terminal():
    assert reaching("questions", ("typer", "click", "rich", "pmpath.cli", "pmpath.views", "pmpath.writers")) == {}


def test_the_format_and_its_loading_know_no_question_view_or_command_line():
    forbidden = ("typer", "click", "rich", "pmpath.cli", "pmpath.questions", "pmpath.views", "pmpath.writers")
    assert reaching("kb", forbidden) == {}


def test_loading_knows_no_profile():
    assert reaching("kb", ("pmpath.store", "pmpath.questions.profile")) == {}


def test_the_views_build_elements_and_draw_nothing():
    found = reaching("views", ("typer", "click", "rich", "pmpath.cli", "pmpath.writers"))
    # The one exception, on record: the ladder picture measures and styles its cells with Rich's
    # Text (wide characters), and records its SVG with a Rich console.
    assert all(name.startswith("rich.") for name in found.pop("pmpath.views.picture", []))
    assert found == {}


def test_the_writers_know_no_command_line():
    assert reaching("writers", ("typer", "click", "pmpath.cli", "pmpath.questions.profile", "pmpath.store")) == {}


def test_only_browse_loads_textual():
    """Textual is for the full-screen browser alone: the other commands never pay for it."""
    modules = imported_after(run_main("levels"), {"COLUMNS": "100"})
    assert "pmpath.views.ladder" in modules  # the command did run
    assert heavy_in(modules, ("textual", "pmpath.browse")) == set()


def test_nothing_below_the_command_line_knows_the_browser():
    """The browser sits on top, like the command line: questions, views, writers and the format never import it."""
    for folder in ("questions", "views", "writers", "kb"):
        assert reaching(folder, ("textual", "pmpath.browse")) == {}, folder
