"""Exit codes: what a script can rely on."""

from enum import IntEnum


class ExitStatus(IntEnum):
    """pmpath's documented exit codes."""

    OK = 0
    """The command did what was asked."""
    NOT_FOUND = 1
    """A name matched no entry or several, or the question has no answer (e.g. no route)."""
    USAGE = 2
    """The command line is wrong: unknown command or option, bad value."""
    INVALID_KB = 3
    """The knowledge base could not be read or did not validate."""
    INTERNAL = 4
    """A bug in pmpath; the message says how to report it."""
    PROFILE = 5
    """The profile file could not be read (broken YAML, bad value) or saved (permissions, disk)."""
    OUTPUT = 6
    """The answer could not be written: stdout or an output file failed (a full disk, an I/O error)."""
    HUNG_UP = 129
    """Stopped by SIGHUP (the terminal closed), after the same clean-up as Ctrl-C."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""
    TERMINATED = 143
    """Stopped by SIGTERM (``kill``, a service manager, a CI timeout), after the same clean-up as Ctrl-C."""
