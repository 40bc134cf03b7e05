"""``pmpath browse``: the full-screen browser. Textual is imported here, inside the command, only."""


from ..main import app, handles_errors, kept, load_kb

INSTEAD = [
    "the same answers as text: pmpath levels, pmpath show ROLE, pmpath next ROLE, pmpath compare A B, "
    "pmpath path FROM TO, pmpath search TEXT, pmpath specializations, pmpath resources ROLE, pmpath gap",
    "or run pmpath browse in a terminal",
]


@app.command()
@handles_errors
def browse() -> None:
    """Explore the ladder full-screen: cards, next steps, comparisons, routes, search, quiz, resources.

    Arrow keys or the mouse move in the ladder; keys open each answer (? lists them); q quits.
    Needs a terminal of at least 80x24; when stdout or stdin is not a terminal it does not start (exit 2).

    Example: pmpath browse
    """
    import os
    import sys

    from .. import environment
    from ..interactive import is_interactive
    from ..usage import UsageProblem

    if not is_interactive():
        which = "stdout" if not _isatty(sys.stdout) else "stdin"
        raise UsageProblem(f"browse is full-screen and {which} is not a terminal, so it did not start", INSTEAD)
    kb = load_kb()
    me, note = _profile(kb)
    if environment.current().colour_forbidden:  # --no-color, NO_COLOR, TERM=dumb: Textual reads NO_COLOR
        os.environ["NO_COLOR"] = "1"
    from ...browse.app import Browser

    Browser(kb, me=me, today=_today(), note=note, prepare_search=lambda: _prepare_search(kb)).run()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _today():
    from .navigate import today

    return today()


def _profile(kb):
    """The resolved profile, or None and a note saying why it is not used (none yet, unreadable, not in this ladder)."""
    from ...questions.problems import ProfileMismatch
    from ...questions.profile import resolve_profile
    from ...store import ProfileFileError, load

    try:
        stored = load()
    except ProfileFileError as problem:
        return None, f"profile not read: {problem.message}"
    if stored is None:
        return None, "no profile yet"
    try:
        return resolve_profile(kb, stored.profile, _today()), None
    except ProfileMismatch as mismatch:
        return None, f"profile not used: {mismatch.message}"


def _prepare_search(kb) -> None:
    """The search index from the cache, as ``pmpath search`` uses it."""
    from ...questions.search import index_data, index_version, use_index

    use_index(kb, kept(kb, "search", lambda: index_data(kb), ("questions/search.py",), index_version()))
