"""Entry point: ``pmpath`` and ``python -m pmpath``.

Whatever happens, the user sees a message, not a traceback: Ctrl-C exits 130,
SIGTERM 143 and SIGHUP 129 (after the same clean-up as Ctrl-C: a profile or
file being written is left as it was, its temporary file removed), a closed
output pipe exits quietly, output that cannot be written (``> /dev/full``, a
full disk) exits 6 with one line, and a bug exits 4 with a one-line report
(set PMPATH_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys


INTERRUPTED = 130  # pmpath.cli.status.ExitStatus, spelt out: main() must not import before its try
INTERNAL = 4
OUTPUT = 6
STOPPED_BY = {"SIGTERM": "terminated", "SIGHUP": "hung up"}  # exit 128 + the signal's number: 143, 129


class Stopped(BaseException):
    """A termination signal, raised where the program was, so ``finally`` and clean-up code run as for Ctrl-C.

    A BaseException, like KeyboardInterrupt: ``except Exception`` does not swallow it.
    """

    def __init__(self, number: int, said: str):
        super().__init__(number, said)
        self.number, self.said = number, said


def main() -> None:
    try:  # first: no statement before it, so that a signal at any moment lands inside
        _handle_signals()
        from .cli.commands import app

        app(prog_name="pmpath")
    except KeyboardInterrupt:
        _interrupted()
    except Stopped as stop:
        _stopped(stop.number)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except SystemExit:
        _flush_output()  # what is still buffered must reach stdout too, or the exit says it did not
        raise
    except Exception as exc:  # the last line of defence: no traceback for users
        _unexpected(exc)
    finally:  # the work is over: a signal now ends the process as it would have without pmpath's handlers
        _restore()


def _interrupted() -> None:
    _say("pmpath: interrupted\n")
    sys.exit(INTERRUPTED)


def _stopped(number: int) -> None:
    import signal

    _say(f"pmpath: {STOPPED_BY.get(signal.Signals(number).name, 'stopped')}\n")
    sys.exit(128 + number)


def _unexpected(exc: Exception) -> None:
    """An exception nothing else handled: an interruption in disguise, stdout failing, or a bug (exit 4)."""
    if _RECEIVED:  # it came out of Ctrl-C or SIGTERM: pydantic (a SchemaError) and Python 3.11 (a RuntimeError
        import signal  # from __set_name__) wrap the interruption into an exception of their own

        if _RECEIVED[0] == signal.SIGINT:
            _interrupted()
        _stopped(_RECEIVED[0])
    if isinstance(exc, OSError) and exc.filename is None and _write_failed(exc):  # stdout: a full disk, ...
        _cannot_write_output(exc)
    if os.environ.get("PMPATH_DEBUG"):
        raise exc
    sys.stderr.write(
        f"pmpath: internal error: {type(exc).__name__}: {exc}\n"
        "  this is a bug in pmpath; run again with PMPATH_DEBUG=1 to see the details\n"
    )
    sys.exit(INTERNAL)


_REPLACED: dict = {}
"""What :func:`_handle_signals` replaced: signal handlers by number, and the unraisable hook."""
_RECEIVED: list = []
"""The signals that interrupted this run, first first."""


def _handle_signals() -> None:
    """Ctrl-C raises KeyboardInterrupt as always; SIGTERM and SIGHUP raise :class:`Stopped` instead of
    killing the process on the spot. Each is noted in :data:`_RECEIVED`.

    A signal the parent set to be ignored stays ignored (``nohup pmpath ...``, a background job's
    SIGINT). ``signal`` costs nothing here: Typer imports it anyway.
    """
    import signal

    _REPLACED["unraisablehook"] = sys.unraisablehook
    sys.unraisablehook = _unraisable
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        _REPLACED[signal.SIGINT] = signal.signal(signal.SIGINT, _interrupt)
    for name in STOPPED_BY:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            _REPLACED[number] = signal.signal(number, _stop)


def _restore() -> None:
    import signal

    sys.unraisablehook = _REPLACED.pop("unraisablehook", sys.unraisablehook)
    while _REPLACED:
        number, handler = _REPLACED.popitem()
        signal.signal(number, handler)


def _unraisable(unraisable) -> None:
    """An interruption that landed where Python cannot raise it (a weakref callback, ``__del__``).

    Python would print "Exception ignored in ..." with a traceback and carry on as if the
    signal had never come. pmpath stops there instead, with its one line and exit code;
    anything else goes to the hook that was there before.
    """
    error = unraisable.exc_value
    if isinstance(error, (KeyboardInterrupt, Stopped)):
        import signal

        number = error.number if isinstance(error, Stopped) else signal.SIGINT
        _say("pmpath: interrupted\n" if number == signal.SIGINT else f"pmpath: {error.said}\n")
        os._exit(128 + number)
    _REPLACED.get("unraisablehook", sys.__unraisablehook__)(unraisable)


def _interrupt(number: int, frame) -> None:
    _RECEIVED.append(number)
    raise KeyboardInterrupt


def _stop(number: int, frame) -> None:
    _RECEIVED.append(number)
    import signal

    signal.signal(number, signal.SIG_DFL)  # a second one ends the process at once, even if this one was swallowed
    raise Stopped(number, STOPPED_BY[signal.Signals(number).name])


def _say(line: str) -> None:
    """A last line on stderr, which may be gone (a hung-up terminal)."""
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _write_failed(exc: OSError) -> bool:
    from .files import write_failed

    return write_failed(exc)


def _flush_output() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_output()
    except OSError as exc:
        if not _write_failed(exc):
            raise
        _cannot_write_output(exc)
    except (AttributeError, ValueError):  # no stdout, or a closed one
        pass


def _cannot_write_output(exc: OSError) -> None:
    """stdout failed (``> /dev/full``, a full disk): one line, exit 6, and no second complaint at exit."""
    _discard_output()
    _say(f"pmpath: error: cannot write the output: {exc.strerror or exc}\n")
    sys.exit(OUTPUT)


def _discard_output() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _quiet_broken_pipe() -> None:
    """The reader went away (e.g. `| head`): exit without another write to stdout."""
    _discard_output()
    sys.exit(0)


if __name__ == "__main__":
    main()
