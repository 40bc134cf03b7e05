"""Entry point: ``pmpath`` and ``python -m pmpath``.

Whatever happens, the user sees a message, not a traceback: Ctrl-C exits 130,
a closed output pipe exits quietly, and a bug exits 4 with a one-line report
(set PMPATH_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys


INTERRUPTED = 130  # pmpath.status.ExitStatus, spelt out: main() must not import before its try
INTERNAL = 4


def main() -> None:
    try:
        from .cli import app

        app(prog_name="pmpath")
    except KeyboardInterrupt:
        sys.stderr.write("pmpath: interrupted\n")
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: no traceback for users
        if os.environ.get("PMPATH_DEBUG"):
            raise
        sys.stderr.write(
            f"pmpath: internal error: {type(exc).__name__}: {exc}\n"
            "  this is a bug in pmpath; run again with PMPATH_DEBUG=1 to see the details\n"
        )
        sys.exit(INTERNAL)


def _quiet_broken_pipe() -> None:
    """The reader went away (e.g. `| head`): exit without another write to stdout."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
