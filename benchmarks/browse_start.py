"""``pmpath browse`` up to its first screen, headless: the start-up the browser's user waits for.

Runs the real command (knowledge base through the cache, the profile, Textual imported by the
command, the app composed and drawn once) with two things swapped for a benchmark: the check that
stdout is a terminal passes, and the app runs headless and quits as soon as its first screen is up.
Run by ``bench.py``; by hand: ``python benchmarks/browse_start.py`` (exits 0 when the screen came up).
"""

from __future__ import annotations

import sys


def main() -> int:
    from pmpath.cli import interactive

    interactive.is_interactive = lambda: True  # a benchmark has no terminal; the browser is drawn headless

    from pmpath.browse.app import Browser

    shown = []
    real_run = Browser.run

    async def first_screen(pilot) -> None:
        await pilot.pause()
        shown.append(bool(pilot.app.query_one("#view").content))
        pilot.app.exit()

    def headless(self, *args, **kwargs):
        return real_run(self, headless=True, size=(120, 40), auto_pilot=first_screen)

    Browser.run = headless
    sys.argv = ["pmpath", "browse"]
    from pmpath.__main__ import main as pmpath_main

    try:
        pmpath_main()
    except SystemExit as done:
        if done.code not in (0, None):
            return int(done.code) if isinstance(done.code, int) else 1
    return 0 if shown == [True] else 1


if __name__ == "__main__":
    sys.exit(main())
