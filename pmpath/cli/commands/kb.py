"""Bring your own ladder: check a knowledge base, export the format, start a new one."""

from pathlib import Path
from typing import List, Optional

import typer

from ..main import app, cache_enabled, selected_kb
from ..status import ExitStatus


@app.command()
def validate(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="PATH", show_default=False,
        help="YAML files or directories of them, checked together as one knowledge base "
        "(default: the one --kb or PMPATH_KB selects, else the built-in one).",
    ),
) -> None:
    """Check a knowledge base and report every problem, each as FILE:LINE:COLUMN: where: what.

    Problems go to stderr, one a line, then a summary; the exit status is 0 when
    the knowledge base is valid and 3 when it is not. Problems with the format
    (YAML, keys, types) of every file come first; cross-references (unknown ids,
    duplicates, cycles) are checked once every file matches the format. A single
    knowledge base whose files have not changed since it last validated is
    answered from the cache (--no-cache reads every file again).

    Example: pmpath validate my-ladder/
    """
    from ...files import KnowledgeBaseError, builtin_data_dir
    from ..output import error, lines_to_stderr, plain_line, shown as shown_path

    targets = list(paths or [Path(selected_kb() or builtin_data_dir()).expanduser()])
    warnings: list = []
    if len(targets) == 1:
        # One knowledge base, read as every command reads it: through the cache, which
        # holds only knowledge bases that validated, keyed on their files' identity.
        from ...kb.cache import load

        try:
            kb, diagnostics = load(targets[0] if paths else selected_kb(), use_cache=cache_enabled()), []
        except KnowledgeBaseError as problem:
            kb, diagnostics = None, problem.diagnostics
        if kb is not None:
            from ...kb.checks import name_warnings

            # Rare: read the files again to say where. Without the cache, a knowledge base of
            # yours is read again too, for what its 'take' or 'remove' left out (kb.select).
            if name_warnings(kb) or (not cache_enabled() and (paths or selected_kb())):
                from ...files import target
                from ...kb.loader import check

                check([target(targets[0] if paths else selected_kb())], warnings)
    else:
        from ...kb.loader import check

        kb, diagnostics = check(targets, warnings)
    shown = ", ".join(shown_path(target) for target in targets)
    if kb is None:
        from ...kb.loader import count_problems

        lines_to_stderr([str(d) for d in diagnostics])
        error(f"{shown}: not a valid knowledge base ({count_problems(diagnostics)})")
        raise typer.Exit(ExitStatus.INVALID_KB)
    from ...kb.extend import noun
    from ...questions.queries import section_counts

    lines_to_stderr([str(d) for d in warnings])
    counts = ", ".join(f"{count} {section if count != 1 else noun(section)}" for section, count in section_counts(kb))
    plain_line(f"{shown}: valid: {kb.name}: {counts}")


@app.command("schema")
def schema_() -> None:
    """Print the JSON Schema of the knowledge-base format, for editors and other validators.

    Save it next to your YAML and put this line at the top of each file:
    # yaml-language-server: $schema=pmpath.schema.json

    Example: pmpath schema > pmpath.schema.json
    """
    from ..output import plain_line
    from ...kb.extend import schema_json

    plain_line(schema_json().rstrip("\n"))


@app.command()
def init(
    directory: Path = typer.Argument(
        ..., show_default=False,
        help="Where to write ladder.yaml and pmpath.schema.json (created if missing).",
    ),
    bare: bool = typer.Option(
        False, "--bare",
        help="Write a standalone ladder of titles, bands, tracks and steps only, not one that extends the built-in one.",
    ),
) -> None:
    """Start your own ladder: a small, commented ladder.yaml that extends the built-in one (--bare: one that
    stands alone, with only titles, bands, tracks and steps).

    Also writes pmpath.schema.json, which editors use to check the YAML as you
    type. Never overwrites a file: if either exists, nothing is written.

    Example: pmpath init my-ladder
    """
    from ..output import error, plain_line, shown
    from ...kb.starter import StarterError, write_starter

    try:
        written = write_starter(directory, bare=bare)
    except StarterError as problem:
        error(str(problem), problem.hints)
        raise typer.Exit(ExitStatus.USAGE) from None
    for path in written:
        plain_line(f"wrote {shown(path)}")
    plain_line(f"next: pmpath validate {shown(directory)}  then  pmpath --kb {shown(directory)} levels")
