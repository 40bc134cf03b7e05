"""Regenerate the generated parts of README.md, so the examples are real output.

Two kinds of block are generated, each between an opening and a closing marker:

    <!-- example: levels --track ic | width=80 | lines=30 -->
    ```console
    $ pmpath levels --track ic
    ...the command's real output at that width, cut after `lines` lines...
    ```
    <!-- /example -->

    <!-- schema: Level -->
    | field | ... the fields of that pydantic model, from their descriptions ... |
    <!-- /schema -->

It also writes the files in :data:`GENERATED` (the ladder picture the README
shows, ``docs/ladder.svg``) from the commands that make them.

Run ``python scripts/update_readme.py`` after changing a command, the schema or
the built-in data; ``tests/test_docs.py`` fails while README.md or a generated
file is out of date.
"""

from __future__ import annotations

import re
import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

EXAMPLE = re.compile(
    r"(?P<open><!-- example: (?P<spec>[^>]*?) -->\n)(?P<body>.*?)(?P<close><!-- /example -->)", re.S
)
TODAY = "2026-11-24"  # examples that depend on the date are computed as of this day (PMPATH_TODAY)
GENERATED = {
    # path (from the repository root) -> the pmpath command line that writes it to stdout
    "docs/ladder.svg": "export --format svg --width 72",
}

SCHEMA = re.compile(r"(?P<open><!-- schema: (?P<model>\w+) -->\n)(?P<body>.*?)(?P<close><!-- /schema -->)", re.S)


def _invoke(args: list[str], width: int):
    from typer.testing import CliRunner

    from pmpath.cli import app

    env = {"COLUMNS": str(width), "NO_COLOR": "1", "PMPATH_KB": "", "FORCE_COLOR": "", "PAGER": "", "PMPATH_TODAY": TODAY}
    return CliRunner().invoke(app, args, env=env, catch_exceptions=False)


def generated_file(path: str) -> str:
    """The content a file in :data:`GENERATED` should have."""
    import shlex

    result = _invoke(shlex.split(GENERATED[path]), 100)
    if result.exit_code != 0:
        raise RuntimeError(f"pmpath {GENERATED[path]} failed: {result.stderr}")
    return result.stdout


def run_example(spec: str) -> str:
    """The console block for one example spec: ``ARGS | width=N | lines=N``."""
    import shlex

    parts = [part.strip() for part in spec.split("|")]
    args = shlex.split(parts[0])
    options = dict(part.split("=", 1) for part in parts[1:])
    width = int(options.get("width", "80"))
    limit = int(options["lines"]) if "lines" in options else None
    result = _invoke(args, width)
    output = result.stdout if result.exit_code == 0 else result.stderr
    lines = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "```console\n$ pmpath " + parts[0] + "\n" + "\n".join(lines) + "\n```\n"


def _type_name(annotation: typing.Any) -> str:
    """A reader's name for a field type: ``list of Statement``, ``text``, ``number``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is typing.Literal:
        return " or ".join(f"`{value}`" for value in args)
    if origin in (list, tuple):
        return "list of " + _type_name(args[0])
    if origin is typing.Union or type(annotation).__name__ == "UnionType":
        names = [_type_name(arg) for arg in args if arg is not type(None)]
        return " or ".join(names)
    if annotation is str:
        return "text"
    if annotation in (int, float):
        return "number"
    if annotation is bool:
        return "true/false"
    return f"{getattr(annotation, '__name__', str(annotation))}"


def schema_table(model_name: str) -> str:
    """A Markdown table of a model's fields: key, type, required, description."""
    from pmpath import schema

    model = getattr(schema, model_name)
    rows = ["| key | type | required | meaning |", "| --- | --- | --- | --- |"]
    for name, field in model.model_fields.items():
        key = field.alias or name
        required = "yes" if field.is_required() else "no"
        description = (field.description or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{key}` | {_type_name(field.annotation)} | {required} | {description} |")
    return "\n".join(rows) + "\n"


def update(text: str) -> str:
    text = EXAMPLE.sub(lambda m: m["open"] + run_example(m["spec"]) + m["close"], text)
    return SCHEMA.sub(lambda m: m["open"] + schema_table(m["model"]) + m["close"], text)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    old = README.read_text(encoding="utf-8")
    new = update(old)
    if new != old:
        README.write_text(new, encoding="utf-8")
        print("README.md updated")
    else:
        print("README.md is up to date")
    for path in GENERATED:
        target = ROOT / path
        content = generated_file(path)
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            print(f"{path} updated")
        else:
            print(f"{path} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
