"""Nothing breaks, nothing is lost, when the operating system says no: real permissions, no home
directory, termination signals, full disks.

Every test here runs real pmpath processes against the real kernel: directories the process may not
write (the kernel refuses, not a simulation), SIGTERM and SIGHUP sent to a running process, a
device that is always full and a filesystem that is full. docs/reliability.md lists each guarantee
and the test that proves it.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmpath.cli.status import ExitStatus

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions, signals and devices")
ROOT = os.name == "posix" and os.geteuid() == 0
NOBODY = 65534
PERMISSION_DENIED = os.strerror(13)  # "Permission denied"


def assert_no_traceback(done) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert "internal error" not in done.stderr, done.stderr


def base_environment(**env) -> dict:
    """The test's environment without pmpath's own settings, plus ``env`` (None removes a variable)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PMPATH_")}
    environment.update(env)
    return {k: v for k, v in environment.items() if v is not None}


# ---------------------------------------------------------------- unwritable directories, for real


@dataclass
class Unprivileged:
    """Runs pmpath where the kernel enforces directory permissions.

    Not root: as the test's own user. Root (CI): root ignores permissions, so pmpath runs as the user
    nobody when that user can run this interpreter and read the package, and otherwise as root
    without the capabilities that bypass permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH; a
    virtualenv under a private ``mktemp -d`` directory is readable only by its owner, root).
    """

    how: str
    prefix: list
    uid: int
    base: Path

    def directory(self, *parts: str, mode: int = 0o700) -> Path:
        path = self.base.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        if self.uid != os.geteuid():
            os.chown(path, self.uid, self.uid)
        path.chmod(mode)
        return path

    def run(self, *args: str, **env) -> subprocess.CompletedProcess:
        return self.run_all([(args, env)])[0]

    def run_all(self, runs: list) -> list:
        """Several pmpath runs ``(args, env)`` at once (two cores: about half the time); their results in order."""
        return run_all([([*self.prefix, sys.executable, "-m", "pmpath", *args], env) for args, env in runs],
                       cwd=self.base)

    @property
    def levels(self) -> str:
        """What ``pmpath levels`` answered with a working cache."""
        return (self.base / "levels.txt").read_text()

    @property
    def warm_cache(self) -> dict:
        """A cache directory already filled (by the probe): runs that are not about the cache take 0.4 s, not 0.8."""
        return {"PMPATH_CACHE_DIR": str(self.base / "warm-cache")}


def run_all(commands: list, cwd: Path | None = None) -> list:
    """Run ``(argv, env)`` commands at once; CompletedProcess results, in order."""
    children = [(argv, subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                        env=base_environment(**{"COLUMNS": "100", **env}), cwd=cwd))
                for argv, env in commands]
    results = []
    for argv, child in children:
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(argv, child.returncode, out.decode("utf-8", "replace"),
                                                   err.decode("utf-8", "replace")))
    return results


def _can_run_pmpath(prefix: list, cwd: Path) -> str:
    """'' when pmpath runs with ``prefix`` (and fills ``cwd/warm-cache``; its answer goes to ``cwd/levels.txt``);
    else why not."""
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "pmpath", "levels"], capture_output=True, text=True,
                              env=base_environment(PMPATH_CACHE_DIR=str(cwd / "warm-cache"), COLUMNS="100"), cwd=cwd,
                              timeout=60)
    except OSError as error:
        return str(error)
    if done.returncode == 0 and not list((cwd / "warm-cache").glob("kb-*.pickle")):
        return "it could not write its own cache directory"
    (cwd / "levels.txt").write_text(done.stdout)
    return "" if done.returncode == 0 else (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]


@pytest.fixture(scope="session")
def unprivileged(tmp_path_factory):
    if not ROOT:
        base = tmp_path_factory.mktemp("unprivileged")
        assert _can_run_pmpath([], base) == ""
        yield Unprivileged("the test's own user", [], os.geteuid(), base)
        return
    if not shutil.which("setpriv"):
        pytest.skip("running as root, and setpriv (util-linux) is not installed to drop root's privileges")
    nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    shared = Path(tempfile.mkdtemp(prefix="pmpath-unprivileged-"))
    os.chown(shared, NOBODY, NOBODY)
    why_not_nobody = _can_run_pmpath(nobody, shared)
    try:
        if not why_not_nobody:
            yield Unprivileged("the user nobody", nobody, NOBODY, shared)
            return
        capless = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        base = tmp_path_factory.mktemp("unprivileged")
        why_not_capless = _can_run_pmpath(capless, base)
        if why_not_capless:
            pytest.skip(f"running as root and cannot drop privileges to test permissions: as nobody: "
                        f"{why_not_nobody}; as root without CAP_DAC_OVERRIDE: {why_not_capless}")
        yield Unprivileged("root without CAP_DAC_OVERRIDE", capless, 0, base)
    finally:
        for path, _, _ in os.walk(shared):
            os.chmod(path, 0o700)
        shutil.rmtree(shared, ignore_errors=True)


@pytest.fixture
def place(unprivileged, request):
    """A fresh directory for one test, owned by whoever runs pmpath; modes restored afterwards."""
    name = request.node.name.replace("[", "-").replace("]", "")
    path = unprivileged.directory(name)
    yield path
    for directory, _, _ in os.walk(path):
        try:
            os.chmod(directory, 0o700)
        except OSError:
            pass


def test_the_kernel_really_refuses(unprivileged, place):
    """Guards the tests below: the way pmpath is run really cannot write a 0o500 directory."""
    locked = unprivileged.directory(place.name, "locked", mode=0o500)
    probe = subprocess.run([*unprivileged.prefix, sys.executable, "-c", f"open({str(locked / 'x')!r}, 'w')"],
                           capture_output=True, text=True, cwd=unprivileged.base, timeout=60)
    assert probe.returncode != 0 and "PermissionError" in probe.stderr, (unprivileged.how, probe.stderr)
    assert not (locked / "x").exists()


@POSIX
@pytest.mark.parametrize("mode", [0o500, 0o000])
def test_an_unwritable_cache_directory_changes_nothing_seen(unprivileged, place, mode):
    cache = unprivileged.directory(place.name, "cache", mode=mode)
    done = unprivileged.run("levels", PMPATH_CACHE_DIR=str(cache))
    assert done.returncode == ExitStatus.OK, (unprivileged.how, done.stderr)
    assert done.stderr == ""
    assert done.stdout == unprivileged.levels and done.stdout.startswith("The product-management ladder")
    cache.chmod(0o700)
    assert list(cache.iterdir()) == []


@POSIX
@pytest.mark.parametrize("mode", [0o500, 0o000])
def test_an_unwritable_home_still_answers_and_saving_keeps_the_previous_profile(unprivileged, place, mode):
    """PMPATH_HOME is a directory pmpath may not write (0o500) or not even look into (0o000): saving and
    resetting exit 5 naming the file and the reason; the profile is unchanged (and shown when it can be)."""
    from pmpath.questions.profile import Profile
    from pmpath.store import dumps

    home = unprivileged.directory(place.name, "home")
    env = {"PMPATH_HOME": str(home), **unprivileged.warm_cache}
    before = dumps(Profile(role="pm", since="2022-02")).encode()
    (home / "profile.yaml").write_bytes(before)
    os.chown(home / "profile.yaml", unprivileged.uid, unprivileged.uid)
    home.chmod(mode)
    try:
        saved, reset, shown = unprivileged.run_all([
            (["profile", "set", "--role", "senior-pm", "--since", "2024-01"], env), (["profile", "reset", "--yes"], env),
            (["profile", "show"], env),
        ])
    finally:
        home.chmod(0o700)
    for done in (saved, reset):
        assert_no_traceback(done)
        assert done.returncode == ExitStatus.PROFILE, (unprivileged.how, done.stderr)
        assert done.stdout == ""
        assert done.stderr.startswith("pmpath: error: cannot "), done.stderr
        assert str(home / "profile.yaml") in done.stderr and PERMISSION_DENIED in done.stderr
    if mode == 0o500:
        assert saved.stderr.startswith(f"pmpath: error: cannot save {home / 'profile.yaml'}: {PERMISSION_DENIED}; "
                                       "the previous profile, if any, is unchanged")
        assert shown.returncode == ExitStatus.OK and "Product Manager" in shown.stdout
    else:  # pmpath cannot even see whether there is a profile: it says so, and never writes over it
        assert saved.stderr.startswith(f"pmpath: error: cannot look at {home / 'profile.yaml'}: {PERMISSION_DENIED}")
        assert shown.returncode == ExitStatus.PROFILE and "cannot look at" in shown.stderr
    assert (home / "profile.yaml").read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["profile.yaml"]


@POSIX
@pytest.mark.parametrize(("mode", "variables"), [(0o500, "HOME"), (0o000, "XDG"), (0o000, "HOME")])
def test_unwritable_home_and_xdg_directories(unprivileged, place, mode, variables):
    """No PMPATH_* settings: HOME (or XDG_CONFIG_HOME and XDG_CACHE_HOME) is a directory pmpath may
    not write: the answer comes, nothing on stderr; saving exits 5 and says why."""
    locked = unprivileged.directory(place.name, "locked", mode=mode)
    if variables == "HOME":
        env = {"HOME": str(locked), "XDG_CONFIG_HOME": None, "XDG_CACHE_HOME": None}
    else:
        env = {"HOME": str(place), "XDG_CONFIG_HOME": str(locked), "XDG_CACHE_HOME": str(locked)}
    shown, saved = unprivileged.run_all([(["show", "senior-pm"], env),
                                         (["profile", "set", "--role", "pm"], {**env, **unprivileged.warm_cache})])
    assert shown.returncode == ExitStatus.OK and shown.stderr == "", (unprivileged.how, shown.stderr)
    assert "Senior Product Manager" in shown.stdout
    assert_no_traceback(saved)
    assert saved.returncode == ExitStatus.PROFILE, (unprivileged.how, saved.stderr)
    said = "cannot save" if mode == 0o500 else "cannot look at"  # 0o000: not even whether a profile is there
    assert saved.stderr.startswith(f"pmpath: error: {said} {locked}/"), saved.stderr
    assert PERMISSION_DENIED in saved.stderr
    locked.chmod(0o700)
    assert list(locked.iterdir()) == []


# ---------------------------------------------------------------- no home directory at all

NO_PASSWD = textwrap.dedent(
    """
    import pwd, sys
    home = sys.argv.pop(1)

    def getpwuid(uid):  # what the password database says about this user
        if not home:
            raise KeyError(f"getpwuid(): uid not found: {uid}")
        return pwd.struct_passwd(("someone", "x", uid, uid, "", home, "/bin/sh"))

    pwd.getpwuid = getpwuid
    sys.argv[0] = "pmpath"
    from pmpath.__main__ import main
    main()
    """
)


NO_HOME = {"HOME": None, "XDG_CONFIG_HOME": None, "XDG_CACHE_HOME": None, "XDG_DATA_HOME": None, "XDG_STATE_HOME": None}


def without_home_argv(passwd_home: str, *args: str) -> list:
    return [sys.executable, "-c", NO_PASSWD, passwd_home, *args]


def without_home(passwd_home: str, *args: str, cwd: Path, **env) -> subprocess.CompletedProcess:
    """pmpath with HOME and XDG_* unset; the password database gives ``passwd_home`` ('' = no entry, as for
    a container started with a numeric user id). The real database is not consulted: as root it would
    give /root, the real home of whoever runs the tests."""
    return run_all([(without_home_argv(passwd_home, *args), {**NO_HOME, **env})], cwd)[0]


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """A cache directory filled once, for the test's own user."""
    cache = tmp_path_factory.mktemp("warm-cache")
    done = run_all([([sys.executable, "-m", "pmpath", "levels"], {"PMPATH_CACHE_DIR": str(cache)})])[0]
    assert done.returncode == 0 and list(cache.glob("kb-*.pickle")), done.stderr
    return cache


@POSIX
def test_no_home_variable_falls_back_to_the_home_in_the_password_database(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    done = without_home(str(home), "show", "senior-pm", cwd=work)
    assert done.returncode == ExitStatus.OK and done.stderr == "", done.stderr
    saved = without_home(str(home), "profile", "set", "--role", "pm", "--since", "2022-02", cwd=work)
    assert saved.returncode == ExitStatus.OK, saved.stderr
    assert (home / ".config" / "pmpath" / "profile.yaml").is_file()
    assert list((home / ".cache" / "pmpath").glob("kb-*.pickle"))
    assert list(work.iterdir()) == []


@POSIX
def test_no_home_at_all_saving_says_why_and_writes_nothing(tmp_path, warm_cache):
    """No HOME and no entry in the password database: saving exits 5 and says what to set; nothing is
    written anywhere (no '~' directory in the working directory)."""
    work = tmp_path / "work"
    work.mkdir()
    cache = {"PMPATH_CACHE_DIR": str(warm_cache)}  # a cache elsewhere: this test is about the profile
    done = without_home("", "levels", cwd=work, **cache)
    assert done.returncode == ExitStatus.OK and done.stderr == "", done.stderr
    commands = (["profile", "set", "--role", "pm"], ["gap"])
    for args, refused in zip(commands, run_all([(without_home_argv("", *args), {**NO_HOME, **cache}) for args in commands], work)):
        assert_no_traceback(refused)
        assert refused.returncode == ExitStatus.PROFILE, (args, refused.stderr)
        assert refused.stderr.startswith("pmpath: error: cannot tell where to keep your profile: HOME is not set")
        assert "PMPATH_HOME" in refused.stderr
    assert list(work.iterdir()) == []
    with_home = without_home("", "profile", "set", "--role", "pm", cwd=work, PMPATH_HOME=str(tmp_path / "p"), **cache)
    assert with_home.returncode == ExitStatus.OK, with_home.stderr


@POSIX
def test_no_home_at_all_queries_still_answer(tmp_path):
    """No home, so no cache directory: the knowledge base is read without the cache, and nothing is written."""
    done = without_home("", "levels", cwd=tmp_path)
    assert done.returncode == ExitStatus.OK and done.stderr == "", done.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- SIGTERM and SIGHUP

STOPS = {signal.SIGTERM: (ExitStatus.TERMINATED, "pmpath: terminated"),
         signal.SIGHUP: (ExitStatus.HUNG_UP, "pmpath: hung up")}
LINUX_PROC = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/PID/status (Linux)")


def wait_until_handled(child: subprocess.Popen, number: int, timeout: float = 30) -> bool:
    """Wait until ``child`` has a handler for signal ``number`` (SigCgt in /proc): pmpath's main() has
    started. False if the child ended first. Before that moment the default action ends the process,
    which is right: nothing has been done yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as status:
                caught = next(line for line in status if line.startswith("SigCgt:"))
        except (OSError, StopIteration):
            return False
        if int(caught.split()[1], 16) >> (number - 1) & 1:
            return True
        time.sleep(0.001)
    return False


@POSIX
@LINUX_PROC
@pytest.mark.parametrize("number", list(STOPS), ids=[s.name for s in STOPS])
def test_sigterm_and_sighup_at_any_moment_exit_with_one_line(tmp_path, warm_cache, number):
    """A real SIGTERM or SIGHUP lands at many moments of a real `pmpath profile set` (starting, loading,
    saving): the run finished, or it exits 128+signal with the single line 'pmpath: terminated' /
    'pmpath: hung up'; the profile is the previous one or the new one, whole; no temporary file is left."""
    from pmpath import store

    code, line = STOPS[number]
    home = tmp_path / "home"
    env = base_environment(PMPATH_HOME=str(home), PMPATH_CACHE_DIR=str(warm_cache), COLUMNS="100")
    wanted = {"pm": "2020-01", "senior-pm": "2023-06"}
    subprocess.run([sys.executable, "-m", "pmpath", "profile", "set", "--role", "pm", "--since", "2020-01"], env=env,
                   check=True, capture_output=True)
    stopped = 0
    for attempt, delay in enumerate((0.0, 0.02, 0.06, 0.12, 0.2, 0.3)):
        role = ["senior-pm", "pm"][attempt % 2]
        child = subprocess.Popen([sys.executable, "-m", "pmpath", "profile", "set", "--role", role, "--since",
                                  wanted[role]], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL, text=True, env=env)
        assert wait_until_handled(child, number), "pmpath never installed its handler"
        time.sleep(delay)
        child.send_signal(number)
        out, err = child.communicate(timeout=60)
        assert "Traceback" not in out + err
        if child.returncode == -number:  # after main() returned, while the interpreter exits: the default action
            assert out.startswith("Profile saved") and err == "", (out, err)
        elif child.returncode != ExitStatus.OK:
            assert child.returncode == code, (delay, child.returncode, err)
            assert err.splitlines() == [line], err
            stopped += 1
        loaded = store.load(home / "profile.yaml")
        assert loaded is not None and wanted[loaded.profile.role] == loaded.profile.since
        assert not list(home.glob(".pmpath-*.tmp"))
    assert stopped, "no signal landed during a run; the test proved nothing"


LOOPING_WRITER = textwrap.dedent(
    """
    import glob, os, signal, sys
    import pmpath.cli.commands
    from pmpath import files, store

    texts = [open(name, encoding="utf-8").read() for name in sys.argv[1:]]
    pattern = str(store.home() / ".pmpath-*.tmp")

    def noting(handler):
        def note(number, frame):  # for the test: was a write under way when the signal came?
            with open(os.environ["NOTE"], "a") as notes:
                notes.write(f"{len(glob.glob(pattern))}\\n")
            handler(number, frame)
        return note

    def write_forever(prog_name):  # stands in for a command: pmpath's own main() runs it
        for number in (signal.SIGTERM, signal.SIGHUP):
            handler = signal.getsignal(number)
            if not callable(handler):
                sys.exit(f"main() installed no handler for signal {number}")
            signal.signal(number, noting(handler))
        print("ready", flush=True)
        n = 0
        while True:
            files.write_atomic(store.profile_path(), texts[n % len(texts)])
            n += 1

    pmpath.cli.commands.app = write_forever
    from pmpath.__main__ import main
    main()
    """
)


@POSIX
def test_a_signal_in_the_middle_of_a_profile_write_leaves_no_temporary_file(tmp_path):
    """pmpath's entry point runs a command that rewrites a large profile in a loop; SIGTERM or SIGHUP at
    random moments: exit 143/129 with one line, the profile whole, and the temporary file of the write
    that was under way removed (the test notes that one was there when the signal came)."""
    import random

    from pmpath import store
    from pmpath.questions.profile import Assessment, Profile

    items = [{"kind": "skill", "text": f"Skill number {n}, written out at some length.", "score": n % 4}
             for n in range(30)]
    versions = {since: Profile(role="pm", since=since, assessments=[
        Assessment(date=f"2025-01-0{1 + i}", role="pm", target="senior-pm", items=items) for i in range(8)])
        for since in ("2019-01", "2023-07")}
    files = []
    for since, profile in versions.items():
        files.append(tmp_path / f"{since}.yaml")
        files[-1].write_text(store.dumps(profile), encoding="utf-8")
    home = tmp_path / "home"
    store.save(versions["2019-01"], home / "profile.yaml")
    note = tmp_path / "notes"
    env = base_environment(PMPATH_HOME=str(home), NOTE=str(note))
    rng = random.Random(8)
    mid_write = {number: 0 for number in STOPS}
    for attempt in range(24):
        if attempt >= 4 and all(mid_write.values()):
            break
        number = list(STOPS)[attempt % 2]
        child = subprocess.Popen([sys.executable, "-c", LOOPING_WRITER, *map(str, files)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)
        assert child.stdout.readline() == "ready\n", child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(number)
        out, err = child.communicate(timeout=60)
        code, line = STOPS[number]
        assert child.returncode == code, (child.returncode, err)
        assert err.splitlines() == [line]
        mid_write[number] += int(note.read_text().splitlines()[-1]) > 0
        assert not list(home.glob(".pmpath-*.tmp")), "a temporary file was left behind"
        loaded = store.load(home / "profile.yaml")
        assert loaded is not None and loaded.profile == versions[loaded.profile.since]
    assert all(mid_write.values()), f"no signal landed in the middle of a write; the test proved nothing: {mid_write}"


@POSIX
def test_a_hang_up_that_the_parent_ignores_stays_ignored(warm_cache):
    """`nohup pmpath ...`: SIGHUP was set to be ignored before pmpath started; pmpath keeps ignoring it."""
    env = base_environment(PMPATH_CACHE_DIR=str(warm_cache), COLUMNS="100")
    child = subprocess.Popen([sys.executable, "-m", "pmpath", "export", "--format", "markdown"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    for _ in range(5):
        time.sleep(0.05)
        if child.poll() is None:
            child.send_signal(signal.SIGHUP)
    out, err = child.communicate(timeout=60)
    assert child.returncode == ExitStatus.OK and err == b""
    assert out.startswith(b"# ") and len(out) > 10_000


@POSIX
def test_closing_the_terminal_while_assess_waits_exits_129_and_saves_nothing(tmp_path, warm_cache):
    """assess waits for a score on its controlling terminal; the terminal closes (the kernel sends SIGHUP):
    exit 129, no traceback, the profile as it was."""
    import fcntl
    import pty
    import select
    import termios

    home = tmp_path / "home"
    env = base_environment(PMPATH_HOME=str(home), PMPATH_CACHE_DIR=str(warm_cache), COLUMNS="80", TERM="dumb")
    subprocess.run([sys.executable, "-m", "pmpath", "profile", "set", "--role", "pm", "--since", "2022-02"], env=env,
                   check=True, capture_output=True)
    before = (home / "profile.yaml").read_bytes()
    controller, terminal = pty.openpty()

    def take_the_terminal():  # a new session whose controlling terminal is the pty, as a login shell's child
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen([sys.executable, "-m", "pmpath", "assess"], stdin=terminal, stdout=terminal,
                             stderr=terminal, env=env, preexec_fn=take_the_terminal)
    os.close(terminal)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while b"Score [" not in seen and time.monotonic() < deadline:
            if select.select([controller], [], [], 0.5)[0]:
                seen += os.read(controller, 65536)
        assert b"Score [" in seen, seen  # a question waits for its answer
    finally:
        os.close(controller)  # the terminal goes away
    assert child.wait(timeout=30) == ExitStatus.HUNG_UP
    assert (home / "profile.yaml").read_bytes() == before
    assert not list(home.glob(".pmpath-*.tmp"))


# ---------------------------------------------------------------- full disks

NO_SPACE = os.strerror(28)  # "No space left on device"


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, the device that is always full")
def test_output_that_cannot_be_written_exits_6_with_one_line(warm_cache):
    """`pmpath levels > /dev/full` and the like (stdout on a full disk): exit 6, one line, no traceback."""
    commands = [["levels"], ["export", "--format", "json"], ["show", "senior-pm", "--format", "markdown"],
                ["--help"], ["--version"], ["schema"]]
    env = base_environment(PMPATH_CACHE_DIR=str(warm_cache), COLUMNS="100")
    with open("/dev/full", "w") as full:
        children = [subprocess.Popen([sys.executable, "-m", "pmpath", *args], stdout=full, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, env=env, text=True) for args in commands]
        results = [(child.wait(timeout=60), child.communicate()[1]) for child in children]
    for args, (code, err) in zip(commands, results):
        assert (code, err) == (ExitStatus.OUTPUT, f"pmpath: error: cannot write the output: {NO_SPACE}\n"), args


@pytest.fixture
def devices(tmp_path) -> dict:
    """A full and a null device. As root, private copies (mknod) in the test's directory, so that a pmpath
    which replaced the file it writes could never replace the system's /dev/null or /dev/full."""
    if not ROOT:
        return {"full": Path("/dev/full"), "null": Path("/dev/null")}
    made = {}
    for name, minor in (("full", 7), ("null", 3)):
        made[name] = tmp_path / name
        try:
            os.mknod(made[name], 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        except OSError as error:
            pytest.skip(f"running as root, and cannot make a device node to write into: {error}")
    return made


@POSIX
def test_export_into_a_full_device_exits_6_and_the_device_stays_a_device(run, devices, tmp_path):
    full, null = devices["full"], devices["null"]
    result = run("export", "--format", "json", "-o", str(full))
    assert result.exit_code == ExitStatus.OUTPUT
    assert result.stderr == f"pmpath: error: cannot write {full}: {NO_SPACE}\n"
    assert run("export", "-o", str(null)).exit_code == ExitStatus.OK
    link = tmp_path / "to-null"
    link.symlink_to(null)
    assert run("export", "-o", str(link)).exit_code == ExitStatus.OK
    assert run("profile", "set", "--role", "pm", "--since", "2022-02").exit_code == ExitStatus.OK
    planned = run("plan", "--ics", str(full))
    assert planned.exit_code == ExitStatus.OUTPUT and planned.stderr.startswith(f"pmpath: error: --ics: cannot write {full}: {NO_SPACE}")
    assert run("plan", "--markdown", str(null)).exit_code == ExitStatus.OK
    for device in (full, null):  # written into, never replaced by a regular file
        assert stat.S_ISCHR(device.stat().st_mode), device
    assert link.is_symlink()


def test_export_through_a_link_replaces_the_file_and_keeps_the_link(run, tmp_path):
    real = tmp_path / "dotfiles" / "ladder.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "ladder.md"
    link.symlink_to(real)
    assert run("export", "-o", str(link)).exit_code == ExitStatus.OK
    assert link.is_symlink() and real.read_text().startswith("# ")
    assert sorted(p.name for p in real.parent.iterdir()) == ["ladder.md"]


FULL_DISK = textwrap.dedent(
    """
    import json, os, subprocess, sys
    disk, warm = sys.argv[1], sys.argv[2]
    home, out, cache = (os.path.join(disk, name) for name in ("home", "out", "cache"))
    os.mkdir(out)
    env = {**os.environ, "PMPATH_HOME": home, "PMPATH_CACHE_DIR": warm, "COLUMNS": "100"}

    def pmpath(*args, stdout=subprocess.PIPE, **more):
        done = subprocess.run([sys.executable, "-m", "pmpath", *args], stdout=stdout, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True, env={**env, **more}, timeout=60)
        return {"args": args, "code": done.returncode, "stdout": (done.stdout or "")[:200], "stderr": done.stderr}

    report = {"before": [pmpath("profile", "set", "--role", "pm", "--since", "2022-02")]}
    with open(os.path.join(out, "ladder.md"), "w") as old:
        old.write("an earlier export\\n")
    profile = open(os.path.join(home, "profile.yaml"), "rb").read()
    try:  # fill the disk
        with open(os.path.join(disk, "filler"), "wb", buffering=0) as filler:
            while True:
                filler.write(b"\\0" * 4096)
    except OSError as error:
        report["filled"] = error.strerror
    with open(os.path.join(out, "levels.txt"), "w") as answer:
        report["stdout"] = pmpath("levels", stdout=answer)
    report["levels"] = pmpath("levels", PMPATH_CACHE_DIR=cache)
    report["save"] = pmpath("profile", "set", "--role", "senior-pm", "--since", "2024-01")
    report["export"] = pmpath("export", "-o", os.path.join(out, "ladder.md"))
    report["plan"] = pmpath("plan", "--markdown", os.path.join(out, "plan.md"))
    report["profile unchanged"] = open(os.path.join(home, "profile.yaml"), "rb").read() == profile
    report["export unchanged"] = open(os.path.join(out, "ladder.md")).read() == "an earlier export\\n"
    report["files"] = sorted(os.path.relpath(os.path.join(top, name), disk)
                             for top, _, names in os.walk(disk) for name in names)
    print(json.dumps(report))
    """
)


@POSIX
def test_a_full_filesystem_loses_nothing(tmp_path, warm_cache):
    """A real full filesystem (a small tmpfs in a private mount namespace): the answer still comes when
    the cache cannot be written; a profile save exits 5 with 'No space left on device' and keeps the
    previous profile; an export exits 6 and keeps the earlier file; stdout into a file there exits 6;
    no temporary file is left anywhere."""
    import json

    disk = tmp_path / "disk"
    disk.mkdir()
    namespace = ["unshare", "-m"] if ROOT else ["unshare", "-r", "-m"]
    mount = 'mount -t tmpfs -o size=512k pmpath-full "$0" && exec "$@"'
    if not shutil.which("unshare"):
        pytest.skip("needs unshare (util-linux) to mount a small filesystem in a private mount namespace")
    probe = subprocess.run([*namespace, "sh", "-c", mount, str(disk), "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs in a private mount namespace ({' '.join(namespace)}): "
                    f"{probe.stderr.strip()}")
    done = subprocess.run([*namespace, "sh", "-c", mount, str(disk), sys.executable, "-c", FULL_DISK, str(disk),
                           str(warm_cache)], capture_output=True, text=True, env=base_environment(), timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["before"][0]["code"] == 0, report["before"]
    assert report["filled"] == NO_SPACE
    assert report["stdout"]["code"] == ExitStatus.OUTPUT
    assert report["stdout"]["stderr"] == f"pmpath: error: cannot write the output: {NO_SPACE}\n"
    assert report["levels"]["code"] == ExitStatus.OK and report["levels"]["stderr"] == ""
    assert report["levels"]["stdout"].startswith("The product-management ladder")
    home = disk / "home" / "profile.yaml"
    assert report["save"]["code"] == ExitStatus.PROFILE
    assert report["save"]["stderr"].startswith(f"pmpath: error: cannot save {home}: {NO_SPACE}; the previous profile, "
                                               "if any, is unchanged")
    assert report["export"]["code"] == ExitStatus.OUTPUT
    assert report["export"]["stderr"] == f"pmpath: error: cannot write {disk / 'out' / 'ladder.md'}: {NO_SPACE}; the file is unchanged\n"
    assert report["plan"]["code"] == ExitStatus.OUTPUT and NO_SPACE in report["plan"]["stderr"]
    for run in ("stdout", "levels", "save", "export", "plan"):
        assert "Traceback" not in report[run]["stderr"], report[run]
    assert report["profile unchanged"] and report["export unchanged"]
    assert report["files"] == ["filler", "home/profile.yaml", "out/ladder.md", "out/levels.txt"], report["files"]


@POSIX
@LINUX_PROC
@pytest.mark.skipif(not shutil.which("less"), reason="needs the pager less")
def test_sigterm_while_paging_ends_the_pager_too(warm_cache):
    """Long output on a terminal goes through less; SIGTERM to pmpath (`kill PID`): the pager ends too, so it
    is not left reading the terminal behind the shell's prompt; exit 143."""
    import pty
    import select

    env = base_environment(PMPATH_CACHE_DIR=str(warm_cache), COLUMNS="80", LINES="20", TERM="xterm", PAGER="less",
                           NO_COLOR=None, LESS=None)
    controller, terminal = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "pmpath", "export", "--format", "markdown"], stdin=terminal,
                             stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    try:
        pager, deadline = None, time.monotonic() + 30
        while pager is None and time.monotonic() < deadline:
            if select.select([controller], [], [], 0.1)[0]:
                os.read(controller, 65536)
            children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
            found = children.read_text().split() if children.exists() else []
            pager = int(found[0]) if found else None
        assert pager is not None, "pmpath started no pager"
        time.sleep(0.3)  # the pager shows the first page
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == ExitStatus.TERMINATED
        ended = time.monotonic() + 5
        while Path(f"/proc/{pager}").exists() and time.monotonic() < ended:
            if select.select([controller], [], [], 0.1)[0]:
                try:
                    os.read(controller, 65536)
                except OSError:
                    break
        assert not Path(f"/proc/{pager}").exists() or "Z" in Path(f"/proc/{pager}/stat").read_text().split()[2], \
            "the pager outlived pmpath"
    finally:
        os.close(controller)
        if child.poll() is None:
            child.kill()


WRAPPED = textwrap.dedent(
    """
    import os, signal, sys, time
    import pmpath.cli.commands

    class Field:  # Python 3.11 wraps what __set_name__ raises in a RuntimeError; pydantic wraps it in a SchemaError
        def __set_name__(self, owner, name):
            os.kill(os.getpid(), getattr(signal, sys.argv[1]))
            time.sleep(5)

    def command(prog_name):  # stands in for a command that builds a model when the signal comes
        class Model:
            field = Field()
        raise RuntimeError("the interruption was wrapped in an exception of another kind")

    pmpath.cli.commands.app = command
    from pmpath.__main__ import main
    main()
    """
)


@POSIX
@pytest.mark.parametrize(("name", "code", "line"), [("SIGINT", 130, "pmpath: interrupted"),
                                                    ("SIGTERM", 143, "pmpath: terminated")])
def test_an_interruption_wrapped_in_another_exception_is_still_an_interruption(name, code, line):
    """Ctrl-C or SIGTERM while a library builds something, which turns the interruption into an error of its
    own (pydantic's SchemaError, Python's RuntimeError from __set_name__): exit 130 / 143 with the one line,
    not 'internal error'."""
    done = subprocess.run([sys.executable, "-c", WRAPPED, name], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, env=base_environment())
    assert (done.returncode, done.stderr.splitlines()) == (code, [line]), done.stderr
